//! `pathways bench session`: what signing in costs, and what a signed-in request adds to the
//! same request made anonymously (session lookup, CSRF token, authorization).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use pathways_app::accounts::{AccountSettings, Accounts};
use pathways_app::demo::{Demo, DemoOptions};
use pathways_app::seed::{DEMO_PASSWORD, NoSeedProgress, demo_sign_ins, load_demo};
use pathways_domain::access::Role;
use tower::ServiceExt as _;

/// Measures on a fresh SQLite database in `dir` (a temporary folder by default), or on
/// `postgres_url` (a fresh database on that server).
pub async fn run(
    requests: u32,
    dir: Option<PathBuf>,
    postgres_url: Option<String>,
) -> anyhow::Result<ExitCode> {
    let (store, cleanup) = match &postgres_url {
        Some(url) => {
            let (store, name) = super::bench::fresh_postgres(url).await?;
            (store, Some((url.clone(), name)))
        }
        None => {
            let dir = dir.unwrap_or_else(std::env::temp_dir);
            let path = dir.join(format!("pathways-bench-session-{}.db", std::process::id()));
            let _ = std::fs::remove_file(&path);
            (
                super::open(&format!("sqlite://{}", path.display())).await?,
                None,
            )
        }
    };
    let demo = Demo::new(DemoOptions {
        providers: 500,
        seed: 1,
        today: pathways_domain::calendar::program_today(),
        courses: None,
    });
    load_demo(store.as_ref(), &demo, &NoSeedProgress).await?;
    let settings = AccountSettings::default();
    let accounts = Accounts::new(store.clone(), settings.clone());
    let sign_ins = demo_sign_ins(&accounts, store.as_ref(), &demo).await?;

    // Sign-in: dominated by argon2id at the production cost.
    let admin = sign_ins
        .iter()
        .find(|s| s.role == Role::ProgramAdmin)
        .ok_or_else(|| anyhow::anyhow!("no demo admin"))?;
    let county = sign_ins
        .iter()
        .find(|s| s.role == Role::CountyStaff)
        .ok_or_else(|| anyhow::anyhow!("no demo county staff"))?;
    let provider = sign_ins
        .iter()
        .find(|s| s.role == Role::Provider)
        .ok_or_else(|| anyhow::anyhow!("no demo provider"))?;
    let mut sign_in_times = Vec::new();
    let mut county_token = String::new();
    for _ in 0..10 {
        let started = Instant::now();
        let signed = accounts
            .sign_in(&county.login, DEMO_PASSWORD, "192.0.2.1", None)
            .await?;
        sign_in_times.push(started.elapsed());
        county_token = signed.token;
    }
    let admin_token = accounts
        .sign_in(&admin.login, DEMO_PASSWORD, "192.0.2.1", None)
        .await?
        .token;

    let router = pathways_web::router(pathways_web::AppState::new(
        store.clone(),
        pathways_web::WebConfig {
            accounts: settings,
            ..Default::default()
        },
    ));
    let send = |path: String, cookie: Option<String>| {
        let router = router.clone();
        async move {
            let mut request = Request::get(path);
            if let Some(cookie) = cookie {
                request = request.header("cookie", cookie);
            }
            let response = router
                .oneshot(request.body(Body::empty()).expect("a request"))
                .await
                .expect("the router answers");
            let status = response.status();
            let _ = axum::body::to_bytes(response.into_body(), usize::MAX).await;
            status
        }
    };
    let csrf = "pathways_csrf=".to_owned() + &"a".repeat(64);
    let admin_cookie = format!("pathways_session={admin_token}; {csrf}");
    let county_cookie = format!("pathways_session={county_token}; {csrf}");

    // The same page, anonymous and signed in, interleaved so both see the same machine state.
    let page = "/courses".to_owned();
    let mut anonymous = Vec::new();
    let mut signed_in = Vec::new();
    for _ in 0..requests.max(1) {
        let started = Instant::now();
        anyhow::ensure!(send(page.clone(), Some(csrf.clone())).await == StatusCode::OK);
        anonymous.push(started.elapsed());
        let started = Instant::now();
        anyhow::ensure!(send(page.clone(), Some(admin_cookie.clone())).await == StatusCode::OK);
        signed_in.push(started.elapsed());
    }
    // An authorized read: a county's own provider, through the API.
    let summary = format!("/api/v1/providers/{}", provider.login);
    let mut authorized = Vec::new();
    for _ in 0..requests.max(1) {
        let started = Instant::now();
        anyhow::ensure!(send(summary.clone(), Some(county_cookie.clone())).await == StatusCode::OK);
        authorized.push(started.elapsed());
    }
    // The session work alone, without the page.
    let mut lookups = Vec::new();
    for _ in 0..requests.max(1) {
        let started = Instant::now();
        let session = accounts.session(&admin_token).await?;
        anyhow::ensure!(session.is_some());
        lookups.push(started.elapsed());
    }
    let backend = if postgres_url.is_some() {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    println!("session and authorization cost on {backend}, {requests} requests each:");
    println!(
        "  sign-in (argon2id verify + session), 10 rounds: median {}",
        ms(median(&mut sign_in_times))
    );
    let (a, s) = (median(&mut anonymous), median(&mut signed_in));
    println!(
        "  GET /courses anonymous:   median {}, p95 {}",
        ms(a),
        ms(p95(&mut anonymous))
    );
    println!(
        "  GET /courses signed in:   median {}, p95 {}",
        ms(s),
        ms(p95(&mut signed_in))
    );
    println!(
        "  added by session and authorization: {} per request (median difference)",
        ms(s.saturating_sub(a))
    );
    println!(
        "  session lookup alone: median {}, p95 {}",
        ms(median(&mut lookups)),
        ms(p95(&mut lookups))
    );
    println!(
        "  GET /api/v1/providers/N as county staff (lookup + authorization + read): median {}, p95 {}",
        ms(median(&mut authorized)),
        ms(p95(&mut authorized))
    );
    if let Some((url, name)) = cleanup {
        drop(router);
        drop(accounts);
        drop(store);
        super::bench::drop_postgres(&url, &name).await?;
    }
    Ok(ExitCode::SUCCESS)
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn p95(times: &mut [Duration]) -> Duration {
    times.sort();
    times[(times.len() * 95 / 100).min(times.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

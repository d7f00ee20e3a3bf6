//! `pathways serve`: the web pages and the JSON API.

use std::net::SocketAddr;
use std::process::ExitCode;

use anyhow::Context;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The address to listen on.
    #[arg(long, env = "PATHWAYS_ADDR", default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Load the demo program first if the database is empty.
    #[arg(long)]
    demo: bool,
    /// Mark cookies Secure (set this when the site is behind HTTPS).
    #[arg(long, env = "PATHWAYS_SECURE_COOKIES")]
    secure_cookies: bool,
    /// Take each client's address from X-Forwarded-For (set this only behind a proxy that
    /// writes it), so sign-in throttling counts people, not the proxy.
    #[arg(long, env = "PATHWAYS_TRUST_FORWARDED_FOR")]
    trust_forwarded_for: bool,
    /// How long a course-list answer is kept, in milliseconds (0: never). Changes made by this
    /// server retire kept answers at once; another server's show after this long at most.
    #[arg(long, env = "PATHWAYS_CATALOG_KEEP_MS", default_value_t = 2_000)]
    catalog_keep_ms: u64,
    /// How long a computed outreach list is shown before it is computed again, in seconds
    /// (0: on every request). A whole-state evaluation takes seconds; program staff can
    /// recompute it from the page at any time.
    #[arg(long, env = "PATHWAYS_OUTREACH_KEEP_SECS", default_value_t = 300)]
    outreach_keep_secs: u64,
}

pub async fn run(database_url: &str, args: Args) -> anyhow::Result<ExitCode> {
    let store = super::open(database_url).await?;
    let mut accounts = pathways_app::accounts::AccountSettings::from_env();
    if std::env::var_os("PATHWAYS_BASE_URL").is_none() {
        accounts.base_url = format!("http://{}", args.addr);
    }
    let mut sign_ins = Vec::new();
    if args.demo {
        let counts = store.table_counts().await?;
        if counts.courses == 0 && counts.providers == 0 {
            eprintln!("loading the demo program into an empty database…");
            super::demo::load(
                store.as_ref(),
                super::demo::DEFAULT_PROVIDERS,
                super::demo::DEFAULT_SEED,
                None,
            )
            .await?;
        } else {
            eprintln!("the database already holds data; the demo program is not loaded again");
        }
        let demo = pathways_app::demo::Demo::new(pathways_app::demo::DemoOptions {
            providers: super::demo::DEFAULT_PROVIDERS,
            seed: super::demo::DEFAULT_SEED,
            today: pathways_domain::calendar::program_today(),
            courses: None,
        });
        let service = pathways_app::accounts::Accounts::new(store.clone(), accounts.clone());
        sign_ins = pathways_app::seed::demo_sign_ins(&service, store.as_ref(), &demo).await?;
        pathways_app::seed::demo_coaches(store.clone()).await?;
    }
    let config = pathways_web::WebConfig {
        secure_cookies: args.secure_cookies,
        trust_forwarded_for: args.trust_forwarded_for,
        accounts,
        catalog_answers_kept_for: std::time::Duration::from_millis(args.catalog_keep_ms),
        outreach_kept_for: std::time::Duration::from_secs(args.outreach_keep_secs),
        ..Default::default()
    };
    // Outgoing messages (one-time codes): by SMTP when configured, otherwise files in ./outbox.
    let outbox = pathways_app::outbox::DeliveryWorker::from_config(
        store.clone(),
        &pathways_app::outbox::DeliveryConfig::from_env(),
    )?;
    let transports = outbox.transports();
    eprintln!(
        "outgoing email: {}; text messages: {}",
        transports.email.describe(),
        transports.sms.describe()
    );
    let app = pathways_web::build(store, config).await;
    let listener = tokio::net::TcpListener::bind(args.addr)
        .await
        .with_context(|| format!("cannot listen on {}", args.addr))?;
    let addr = listener.local_addr()?;
    println!("Pathways is running at http://{addr}/ (press Ctrl-C to stop)");
    if !sign_ins.is_empty() {
        println!("demo sign-ins (demo data only), at http://{addr}/sign-in:");
        for s in &sign_ins {
            println!(
                "  {:<14} {:<26} password: {}   {}",
                s.role.code(),
                s.login,
                s.password,
                s.note
            );
        }
    }
    let outbox = outbox.spawn();
    let served = pathways_web::serve(listener, app).await;
    outbox.stop().await;
    served?;
    Ok(ExitCode::SUCCESS)
}

//! Registration through the JSON API: a signed-in provider's browser registers with its CSRF
//! token in a header, and a thousand of them at once fill exactly the seats.

use std::sync::Arc;
use std::time::Instant;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use pathways_app::accounts::secret;
use pathways_domain::access::Role;
use pathways_domain::policy::PolicyVersion;
use pathways_domain::testing;
use pathways_store::accounts::{AuditActor, AuditEntry, NewAccount, NewSession};
use pathways_store::{Batch, Store};
use time::macros::{date, datetime};
use time::{Duration, OffsetDateTime};

use crate::helpers::{TestApp, TestResponse};

const PROVIDERS: u32 = 1_000;
const SEATS: u32 = 25;

/// The standard catalog, session S-BIG of GHS-101 with 25 seats, a policy year running on the
/// test's day, and `PROVIDERS` eligible providers, each signed in: (cookie, CSRF token).
async fn world() -> (TestApp, Vec<(String, String)>) {
    let app = TestApp::spawn().await;
    let store: Arc<dyn Store> = app.store_arc();
    store
        .add_policy_version(&PolicyVersion::program_year(
            "2025-10",
            date!(2025 - 10 - 01),
        ))
        .await
        .expect("a policy");
    let mut tx = store.begin_import().await.expect("an import");
    tx.upsert(&Batch::Sessions(vec![pathways_domain::entities::Session {
        capacity: Some(SEATS),
        ..testing::session_between(
            "S-BIG",
            "GHS-101",
            datetime!(2026-04-01 09:00),
            datetime!(2026-04-01 12:00),
        )
    }]))
    .await
    .expect("a session");
    let providers: Vec<_> = (1..=PROVIDERS)
        .map(|n| pathways_domain::entities::Provider {
            last_paid_on: Some(date!(2026 - 02 - 01)),
            email: Some(format!("p{n}@example.org")),
            ..testing::provider(n)
        })
        .collect();
    tx.upsert(&Batch::Providers(providers))
        .await
        .expect("providers");
    tx.commit().await.expect("commit");

    // Accounts and sessions made directly: this test is about seats, not signing in.
    let now = OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .expect("whole seconds");
    let mut signed_in = Vec::new();
    for n in 1..=PROVIDERS {
        let id = store
            .create_account(
                &NewAccount {
                    role: Role::Provider,
                    email: None,
                    provider: Some(testing::provider_number(n)),
                    vendor: None,
                    county: None,
                    display_name: format!("Provider {n}"),
                    password_hash: None,
                    language: "en".into(),
                    created_at: now,
                },
                &AuditEntry {
                    at: now,
                    actor: AuditActor {
                        account: None,
                        label: "test".into(),
                    },
                    action: "account.create".into(),
                    record_type: "account".into(),
                    record_key: String::new(),
                    before: None,
                    after: None,
                },
            )
            .await
            .expect("a store")
            .expect("an account");
        let token = secret::token();
        let csrf = secret::token();
        store
            .create_session(&NewSession {
                token_hash: secret::hash(&token),
                account: id,
                csrf_token: csrf.clone(),
                created_at: now,
                expires_at: now + Duration::hours(1),
            })
            .await
            .expect("a session");
        signed_in.push((format!("pathways_session={token}"), csrf));
    }
    (app, signed_in)
}

fn put(cookie: &str, csrf: Option<&str>) -> Request<Body> {
    let mut request = Request::builder()
        .method(Method::PUT)
        .uri("/api/v1/sessions/S-BIG/registration")
        .header("cookie", cookie);
    if let Some(csrf) = csrf {
        request = request.header("x-csrf-token", csrf);
    }
    request.body(Body::empty()).expect("a request")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_browsers_at_once_fill_exactly_the_seats_and_queue_the_rest_in_order() {
    let (app, people) = world().await;
    let app = Arc::new(app);

    // Without the CSRF header a session changes nothing.
    let bare = app.send(put(&people[0].0, None)).await;
    assert_eq!(bare.status, StatusCode::FORBIDDEN);
    let wrong = app.send(put(&people[0].0, Some(&"0".repeat(64)))).await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN);

    let started = Instant::now();
    let mut tasks = Vec::new();
    for (cookie, csrf) in people.clone() {
        let app = app.clone();
        tasks.push(tokio::spawn(async move {
            app.send(put(&cookie, Some(&csrf))).await
        }));
    }
    let mut answers: Vec<TestResponse> = Vec::new();
    for task in tasks {
        answers.push(task.await.expect("a task"));
    }
    eprintln!(
        "1,000 concurrent registrations over HTTP (SQLite): {:.2} s",
        started.elapsed().as_secs_f64()
    );
    assert!(
        answers.iter().all(|a| a.status == StatusCode::OK),
        "{:?}",
        answers.iter().find(|a| a.status != StatusCode::OK)
    );
    let registered = answers
        .iter()
        .filter(|a| a.json()["status"] == "registered")
        .count();
    let mut positions: Vec<u64> = answers
        .iter()
        .filter_map(|a| a.json()["waitlist_position"].as_u64())
        .collect();
    positions.sort_unstable();
    assert_eq!(registered, SEATS as usize);
    assert_eq!(positions, (1..=975).collect::<Vec<u64>>());

    // The first to hold a seat gives it up: the first on the waitlist gets it and is told.
    let live = app
        .store()
        .session_registrations(&pathways_domain::ids::SessionId::parse("S-BIG").unwrap())
        .await
        .expect("registrations");
    let first_waiting = live
        .iter()
        .find(|r| r.status == pathways_domain::registration::RegistrationStatus::Waitlisted)
        .map(|r| r.provider)
        .expect("a waitlist");
    let leaver = live[0].provider.as_i64() as usize - 1;
    let (cookie, csrf) = &people[leaver];
    let request = Request::builder()
        .method(Method::DELETE)
        .uri("/api/v1/sessions/S-BIG/registration")
        .header("cookie", cookie)
        .header("x-csrf-token", csrf)
        .body(Body::empty())
        .expect("a request");
    assert_eq!(app.send(request).await.status, StatusCode::OK);
    let told = app
        .store()
        .outbox(
            Some(&format!("p{}@example.org", first_waiting.as_i64())),
            10,
        )
        .await
        .expect("the outbox");
    assert!(
        told.iter().any(|m| m.purpose == "session-promoted"),
        "{told:?}"
    );
}

//! Registration against real databases (SQLite, and PostgreSQL when configured): the rules,
//! the waitlist and its promotion, and 1,000 requests at once for 25 seats.

use std::sync::Arc;
use std::time::Instant;

use pathways_app::access::Caller;
use pathways_app::registrations::{RegistrationError, Registrations};
use pathways_domain::access::Actor;
use pathways_domain::calendar::{program_now, program_today};
use pathways_domain::entities::Session;
use pathways_domain::ids::{ProviderNumber, SessionId};
use pathways_domain::policy::PolicyVersion;
use pathways_domain::registration::RegistrationStatus;
use pathways_domain::testing;
use pathways_store::testing::TestDatabase;
use pathways_store::{Batch, RegisterOutcome, Store};
use time::Duration;

const SEATS: u32 = 25;

fn caller(provider: ProviderNumber) -> Caller {
    Caller {
        actor: Actor::Provider { provider },
        account: None,
        label: format!("provider {provider}"),
    }
}

fn sid(id: &str) -> SessionId {
    SessionId::parse(id).unwrap()
}

/// A session of `course` a month from now (another `days` later), with `SEATS` seats.
fn session(id: &str, course: &str, days: i64) -> Session {
    let starts = program_now()
        .replace_second(0)
        .unwrap()
        .replace_nanosecond(0)
        .unwrap()
        + Duration::days(30 + days);
    Session {
        capacity: Some(SEATS),
        location: Some("1 Main St, Sacramento".into()),
        ..testing::session_between(id, course, starts, starts + Duration::hours(3))
    }
}

/// Vendor V1, courses GHS-101 and CPC-201 in the catalog, a policy year running now, sessions
/// S-BIG and S-LATER of GHS-101 and S-CLASH of CPC-201 (same time as S-BIG), and `providers`
/// eligible providers numbered from 1.
async fn seeded(providers: u32) -> Vec<TestDatabase> {
    let dbs = pathways_store::testing::all().await;
    let today = program_today();
    for db in &dbs {
        let store = db.store.as_ref();
        store
            .add_policy_version(&PolicyVersion::program_year(
                "test-year",
                today - Duration::days(30),
            ))
            .await
            .unwrap();
        let published = |number: &str| pathways_domain::entities::Course {
            published_on: Some(today - Duration::days(60)),
            ..testing::course(number)
        };
        let mut tx = store.begin_import().await.unwrap();
        tx.upsert(&Batch::Vendors(vec![testing::vendor("V1")]))
            .await
            .unwrap();
        tx.upsert(&Batch::Courses(vec![
            published("GHS-101"),
            published("CPC-201"),
        ]))
        .await
        .unwrap();
        tx.upsert(&Batch::Sessions(vec![
            session("S-BIG", "GHS-101", 0),
            session("S-LATER", "GHS-101", 7),
            session("S-CLASH", "CPC-201", 0),
        ]))
        .await
        .unwrap();
        let people: Vec<_> = (1..=providers)
            .map(|n| pathways_domain::entities::Provider {
                last_paid_on: Some(today - Duration::days(10)),
                ..testing::provider(n)
            })
            .collect();
        tx.upsert(&Batch::Providers(people)).await.unwrap();
        tx.commit().await.unwrap();
    }
    dbs
}

#[tokio::test]
async fn a_thousand_requests_for_twenty_five_seats_fill_exactly_the_seats_and_queue_the_rest() {
    for db in seeded(1_000).await {
        let registrations = Registrations::new(db.store.clone());
        let started = Instant::now();
        let mut tasks = Vec::new();
        for n in 1..=1_000 {
            let registrations = registrations.clone();
            tasks.push(tokio::spawn(async move {
                let provider = testing::provider_number(n);
                registrations
                    .register(&caller(provider), provider, &sid("S-BIG"))
                    .await
            }));
        }
        let mut registered = 0;
        let mut positions = Vec::new();
        for task in tasks {
            match task.await.unwrap() {
                Ok(RegisterOutcome::Registered) => registered += 1,
                Ok(RegisterOutcome::Waitlisted { position }) => positions.push(position),
                other => panic!("{}: {other:?}", db.url),
            }
        }
        eprintln!(
            "{}: 1,000 concurrent registrations in {:.2} s",
            db.url,
            started.elapsed().as_secs_f64()
        );
        assert_eq!(registered, SEATS, "{}", db.url);
        positions.sort_unstable();
        assert_eq!(positions, (1..=975).collect::<Vec<u32>>(), "{}", db.url);

        // The stored waitlist is in the order the requests were accepted.
        let live = db.store.session_registrations(&sid("S-BIG")).await.unwrap();
        assert_eq!(live.len(), 1_000);
        assert!(live.windows(2).all(|w| w[0].id < w[1].id));
        let (seated, waiting): (Vec<_>, Vec<_>) = live
            .iter()
            .partition(|r| r.status == RegistrationStatus::Registered);
        assert_eq!(seated.len(), 25);
        assert!(
            seated.iter().all(|s| s.id < waiting[0].id),
            "seats went to the first accepted"
        );

        // The first seat-holder cancels: the first on the waitlist is promoted and told.
        let leaving = seated[0].provider;
        let next = waiting[0].provider;
        let outcome = registrations
            .cancel(&caller(leaving), leaving, &sid("S-BIG"))
            .await
            .unwrap()
            .expect("held a seat");
        assert_eq!(outcome.promoted, Some(next));
        let live = db.store.session_registrations(&sid("S-BIG")).await.unwrap();
        assert_eq!(
            live.iter()
                .filter(|r| r.status == RegistrationStatus::Registered)
                .count(),
            25
        );
        let told = db.store.outbox(None, 2_000).await.unwrap();
        assert!(told.iter().any(|m| m.purpose == "session-promoted"));
        assert_eq!(
            told.iter()
                .filter(|m| m.purpose == "session-registered")
                .count(),
            25
        );
    }
}

#[tokio::test]
async fn the_rules_of_registration_are_kept() {
    for db in seeded(3).await {
        let store: Arc<dyn Store> = db.store.clone();
        let registrations = Registrations::new(store.clone());
        let one = testing::provider_number(1);
        let two = testing::provider_number(2);
        assert_eq!(
            registrations
                .register(&caller(one), one, &sid("S-BIG"))
                .await
                .unwrap(),
            RegisterOutcome::Registered
        );
        // Again: nothing changes.
        assert_eq!(
            registrations
                .register(&caller(one), one, &sid("S-BIG"))
                .await
                .unwrap(),
            RegisterOutcome::AlreadyHeld(RegistrationStatus::Registered)
        );
        let refused = |r: Result<RegisterOutcome, RegistrationError>| match r {
            Err(RegistrationError::Refused(why)) => why.code(),
            other => panic!("{other:?}"),
        };
        assert_eq!(
            refused(
                registrations
                    .register(&caller(one), one, &sid("S-LATER"))
                    .await
            ),
            "same-course"
        );
        assert_eq!(
            refused(
                registrations
                    .register(&caller(one), one, &sid("S-CLASH"))
                    .await
            ),
            "overlaps"
        );
        // Nobody registers someone else.
        assert!(matches!(
            registrations
                .register(&caller(two), one, &sid("S-LATER"))
                .await,
            Err(RegistrationError::Access(_))
        ));
        assert!(matches!(
            registrations
                .register(&caller(two), two, &sid("S-NONE"))
                .await,
            Err(RegistrationError::NoSuchSession)
        ));
        // After cancelling, the other date of the course is open to them.
        registrations
            .cancel(&caller(one), one, &sid("S-BIG"))
            .await
            .unwrap();
        // Each message about a seat carries the class for the person's calendar, and the
        // reminder for the day before went with the cancelled seat.
        let sent = store.outbox(None, 20).await.unwrap();
        let calendar_of = |purpose: &str| {
            sent.iter()
                .find(|m| m.purpose == purpose)
                .and_then(|m| m.calendar.clone())
                .unwrap_or_else(|| panic!("a calendar file with {purpose}"))
        };
        let seat = calendar_of("session-registered");
        assert!(seat.contains("METHOD:REQUEST") && seat.contains("UID:S-BIG-000000001@pathways"));
        let gone = calendar_of("session-cancelled");
        assert!(gone.contains("METHOD:CANCEL") && gone.contains("UID:S-BIG-000000001@pathways"));
        assert!(
            sent.iter().all(|m| m.purpose != "session-reminder"),
            "the reminder was withdrawn with the seat"
        );
        assert_eq!(
            registrations
                .register(&caller(one), one, &sid("S-LATER"))
                .await
                .unwrap(),
            RegisterOutcome::Registered
        );
        // The new seat has its reminder, not sent before its day.
        let reminders = store
            .outbox(None, 50)
            .await
            .unwrap()
            .into_iter()
            .filter(|m| m.purpose == "session-reminder")
            .count();
        assert_eq!(reminders, 1);
        let now = time::OffsetDateTime::now_utc();
        let due_now = store
            .claim_messages(now, now + Duration::minutes(1), 100)
            .await
            .unwrap();
        assert!(due_now.iter().all(|m| m.purpose != "session-reminder"));
        assert!(
            registrations
                .cancel(&caller(two), two, &sid("S-BIG"))
                .await
                .unwrap()
                .is_none()
        );
        let audit = store
            .search_audit(&pathways_store::accounts::AuditQuery {
                record_type: Some("registration".into()),
                limit: 20,
                ..Default::default()
            })
            .await
            .unwrap();
        let actions: Vec<&str> = audit.iter().map(|a| a.entry.action.as_str()).collect();
        assert_eq!(
            actions,
            [
                "registration.registered",
                "registration.cancel",
                "registration.registered"
            ]
        );
    }
}

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

fn vendor_staff(vendor: &str) -> Caller {
    Caller {
        actor: Actor::VendorStaff {
            vendor: pathways_domain::ids::VendorCode::parse(vendor).unwrap(),
        },
        account: None,
        label: format!("vendor staff {vendor}"),
    }
}

#[tokio::test]
async fn a_vendor_calls_a_session_off_and_everyone_on_it_is_told_once_with_the_reason() {
    for db in seeded(3).await {
        let store: Arc<dyn Store> = db.store.clone();
        let registrations = Registrations::new(store.clone());
        let small = Session {
            capacity: Some(1),
            ..session("S-SMALL", "CPC-201", 14)
        };
        let mut tx = store.begin_import().await.unwrap();
        tx.upsert(&Batch::Sessions(vec![small])).await.unwrap();
        tx.commit().await.unwrap();
        let (one, two, three) = (
            testing::provider_number(1),
            testing::provider_number(2),
            testing::provider_number(3),
        );
        for p in [one, two] {
            registrations
                .register(&caller(p), p, &sid("S-SMALL"))
                .await
                .unwrap();
        }
        let before = store.outbox(None, 100).await.unwrap().len();
        assert!(
            store
                .outbox(None, 100)
                .await
                .unwrap()
                .iter()
                .any(|m| m.purpose == "session-reminder"),
            "the seat has its reminder before the session is called off"
        );

        // Nobody else calls it off: another vendor sees no such session, a provider may not.
        assert!(matches!(
            registrations
                .call_off(&vendor_staff("V2"), &sid("S-SMALL"), "Teacher ill")
                .await,
            Err(RegistrationError::NoSuchSession)
        ));
        assert!(matches!(
            registrations
                .call_off(&caller(one), &sid("S-SMALL"), "Teacher ill")
                .await,
            Err(RegistrationError::Access(_))
        ));
        // The people on it are owed a reason.
        assert!(matches!(
            registrations
                .call_off(&vendor_staff("V1"), &sid("S-SMALL"), "   ")
                .await,
            Err(RegistrationError::ReasonRequired)
        ));
        assert!(matches!(
            registrations
                .call_off(&vendor_staff("V1"), &sid("S-SMALL"), &"x".repeat(501))
                .await,
            Err(RegistrationError::ReasonRequired)
        ));
        assert_eq!(store.outbox(None, 100).await.unwrap().len(), before);

        let ended = registrations
            .call_off(&vendor_staff("V1"), &sid("S-SMALL"), "The teacher is ill.")
            .await
            .unwrap();
        assert_eq!(ended, 2, "the seat and the waitlist place");
        let sent = store.outbox(None, 100).await.unwrap();
        let told: Vec<_> = sent
            .iter()
            .filter(|m| m.purpose == "session-called-off")
            .collect();
        assert_eq!(told.len(), 2, "each person is told once: {told:?}");
        assert!(told.iter().all(|m| m.body.contains("The teacher is ill.")));
        // The seat's calendar event is cancelled; the waitlist place had none.
        assert_eq!(
            told.iter()
                .filter(|m| m
                    .calendar
                    .as_deref()
                    .is_some_and(|c| c.contains("METHOD:CANCEL")))
                .count(),
            1
        );
        assert!(
            sent.iter().all(|m| m.purpose != "session-reminder"),
            "the reminder went with the seat"
        );
        // Calling it off again changes nothing and tells nobody twice.
        assert_eq!(
            registrations
                .call_off(&vendor_staff("V1"), &sid("S-SMALL"), "Again")
                .await
                .unwrap(),
            0
        );
        assert_eq!(store.outbox(None, 100).await.unwrap().len(), sent.len());
        // It takes no one now, and "My classes" says what happened and why.
        match registrations
            .register(&caller(three), three, &sid("S-SMALL"))
            .await
        {
            Err(RegistrationError::Refused(why)) => assert_eq!(why.code(), "session-cancelled"),
            other => panic!("{other:?}"),
        }
        let classes = registrations.classes(&caller(one), one).await.unwrap();
        let class = classes
            .iter()
            .find(|c| c.session.id == sid("S-SMALL"))
            .expect("the called-off class is listed");
        assert_eq!(class.status, RegistrationStatus::Cancelled);
        assert_eq!(class.called_off.as_deref(), Some("The teacher is ill."));
        assert!(
            store
                .session_registrations(&sid("S-SMALL"))
                .await
                .unwrap()
                .is_empty()
        );
        // The catalog no longer offers it.
        let detail = store
            .catalog_course(
                &pathways_domain::ids::CourseNumber::parse("CPC-201").unwrap(),
                program_today(),
            )
            .await
            .unwrap()
            .unwrap();
        assert!(detail.sessions.iter().all(|s| s.id != sid("S-SMALL")));
        // The audit log has who did it and why.
        let audit = store
            .search_audit(&pathways_store::accounts::AuditQuery {
                record_type: Some("session".into()),
                limit: 50,
                ..Default::default()
            })
            .await
            .unwrap();
        assert!(audit.iter().any(|r| {
            r.entry.action == "session.call-off"
                && r.entry.record_key == "S-SMALL"
                && r.entry
                    .after
                    .as_ref()
                    .is_some_and(|a| a["places_ended"] == 2)
        }));
    }
}

#[tokio::test]
async fn a_session_that_has_started_cannot_be_called_off() {
    for db in seeded(1).await {
        let store: Arc<dyn Store> = db.store.clone();
        let started = program_now().replace_nanosecond(0).unwrap() - Duration::hours(1);
        let mut tx = store.begin_import().await.unwrap();
        tx.upsert(&Batch::Sessions(vec![testing::session_between(
            "S-NOW",
            "GHS-101",
            started,
            started + Duration::hours(3),
        )]))
        .await
        .unwrap();
        tx.commit().await.unwrap();
        let registrations = Registrations::new(store.clone());
        assert!(matches!(
            registrations
                .call_off(&vendor_staff("V1"), &sid("S-NOW"), "Too late")
                .await,
            Err(RegistrationError::AlreadyStarted)
        ));
        assert!(
            registrations
                .cancellation(&sid("S-NOW"))
                .await
                .unwrap()
                .is_none()
        );
    }
}

/// A sessions file row for `session`, California time as the file writes it.
fn session_row(session: &Session) -> String {
    let at = |t: time::PrimitiveDateTime| format!("{}T{:02}:{:02}", t.date(), t.hour(), t.minute());
    format!(
        "{},{},{},{},\"{}\",{}\n",
        session.id,
        session.course,
        at(session.starts_at),
        at(session.ends_at),
        session.location.as_deref().unwrap_or(""),
        session.capacity.map(|c| c.to_string()).unwrap_or_default()
    )
}

async fn import_sessions(store: &dyn Store, rows: &[Session]) {
    let mut file = "session_id,course_number,starts_at,ends_at,location,capacity\n".to_owned();
    for row in rows {
        file.push_str(&session_row(row));
    }
    let admin = Caller {
        actor: Actor::ProgramAdmin,
        account: None,
        label: "program admin".into(),
    };
    pathways_app::import::import_file(
        &admin,
        store,
        pathways_app::import::ImportKind::Sessions,
        None,
        std::io::Cursor::new(file.into_bytes()),
        &pathways_app::import::NoProgress,
        "sessions.csv",
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn moving_a_session_tells_everyone_on_it_and_moves_the_reminder() {
    for db in seeded(3).await {
        let store: Arc<dyn Store> = db.store.clone();
        let registrations = Registrations::new(store.clone());
        let small = Session {
            capacity: Some(1),
            ..session("S-SMALL", "CPC-201", 14)
        };
        import_sessions(store.as_ref(), std::slice::from_ref(&small)).await;
        let (one, two) = (testing::provider_number(1), testing::provider_number(2));
        for p in [one, two] {
            registrations
                .register(&caller(p), p, &sid("S-SMALL"))
                .await
                .unwrap();
        }
        let changed = |sent: &[pathways_store::accounts::OutboxMessage]| {
            sent.iter()
                .filter(|m| m.purpose == "session-changed")
                .cloned()
                .collect::<Vec<_>>()
        };

        // More seats only: nobody needs telling.
        let roomier = Session {
            capacity: Some(5),
            ..small.clone()
        };
        import_sessions(store.as_ref(), std::slice::from_ref(&roomier)).await;
        assert!(changed(&store.outbox(None, 100).await.unwrap()).is_empty());

        // A new day and place: both people are told; the seat's calendar event is updated.
        let moved = Session {
            starts_at: roomier.starts_at + Duration::days(2),
            ends_at: roomier.ends_at + Duration::days(2),
            location: Some("55 Oak Ave, Fresno, CA 93721".into()),
            ..roomier.clone()
        };
        import_sessions(store.as_ref(), std::slice::from_ref(&moved)).await;
        let sent = store.outbox(None, 100).await.unwrap();
        let told = changed(&sent);
        assert_eq!(told.len(), 2, "{told:?}");
        assert!(told.iter().all(|m| m.body.contains("55 Oak Ave")));
        let calendars: Vec<_> = told.iter().filter_map(|m| m.calendar.clone()).collect();
        assert_eq!(calendars.len(), 1, "only the seat has a calendar event");
        assert!(calendars[0].contains("METHOD:REQUEST"));
        assert!(calendars[0].contains("55 Oak Ave"));
        // One reminder for the seat, about the new date.
        let reminders: Vec<_> = sent
            .iter()
            .filter(|m| m.purpose == "session-reminder")
            .collect();
        assert_eq!(reminders.len(), 1, "{reminders:?}");
        assert!(
            reminders[0]
                .body
                .contains(&pathways_domain::error::format_date(moved.starts_at.date())),
            "{}",
            reminders[0].body
        );
        // The same file again moves nothing and tells nobody.
        import_sessions(store.as_ref(), std::slice::from_ref(&moved)).await;
        assert_eq!(changed(&store.outbox(None, 100).await.unwrap()).len(), 2);
    }
}

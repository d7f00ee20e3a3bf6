//! Coaching bookings on both databases: 200 requests for one coach's time at the same moment
//! make exactly one appointment, the rest are told the time was taken, and nothing fails; a
//! provider holds no more future appointments than the limit.

use std::sync::Arc;

use pathways_domain::coaching::{
    AppointmentRefusal, AppointmentState, Availability, BookingRule, HelpTopic, WeeklyHours,
};
use pathways_domain::testing::provider_number;
use pathways_store::accounts::{Channel, NewMessage};
use pathways_store::{BookingRequest, NewCoach, Store, testing};
use time::macros::{datetime, time};
use time::{Duration, Weekday};

async fn coach(store: &dyn Store) -> i64 {
    let id = store
        .add_coach(
            &NewCoach {
                name: "Lucía Gómez".into(),
                languages: vec!["es".into(), "en".into()],
                topics: vec![HelpTopic::Payments, HelpTopic::Catalog],
                account: None,
            },
            &testing::audit_entry("coach.add", "coach"),
        )
        .await
        .unwrap();
    let hours = Availability::new(
        vec![WeeklyHours {
            weekday: Weekday::Monday,
            start: time!(9:00),
            end: time!(12:00),
        }],
        vec![],
    )
    .unwrap();
    assert!(
        store
            .publish_hours(id, &hours, &testing::audit_entry("coach.hours", "coach"))
            .await
            .unwrap()
    );
    id
}

fn request(coach: i64, provider: u32, starts_at: time::PrimitiveDateTime) -> BookingRequest {
    BookingRequest {
        coach,
        provider: provider_number(provider),
        topic: HelpTopic::Payments,
        language: "es".into(),
        starts_at,
        length: Duration::minutes(30),
        now: datetime!(2026-12-04 12:00),
        notice: Duration::hours(2),
        provider_limit: 2,
        replaces: None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_bookings_of_one_time_make_one_appointment() {
    for db in testing::all().await {
        let store: Arc<dyn Store> = Arc::clone(&db.store);
        let id = coach(store.as_ref()).await;
        let slot = datetime!(2026-12-07 10:00);
        let mut tasks = Vec::new();
        for provider in 1..=200 {
            let store = Arc::clone(&store);
            tasks.push(tokio::spawn(async move {
                store
                    .book_appointment(
                        &request(id, provider, slot),
                        &[],
                        &testing::audit_entry("appointment.book", "appointment"),
                    )
                    .await
            }));
        }
        let (mut booked, mut taken) = (0, 0);
        for task in tasks {
            match task.await.unwrap().unwrap() {
                Ok(_) => booked += 1,
                Err(refusal) if refusal.rule == BookingRule::SlotOpen => taken += 1,
                Err(other) => panic!("{}: {other:?}", db.url),
            }
        }
        assert_eq!((booked, taken), (1, 199), "{}", db.url);
        assert_eq!(
            store
                .coach_bookings(
                    &[id],
                    datetime!(2026-12-07 00:00),
                    datetime!(2026-12-08 00:00)
                )
                .await
                .unwrap(),
            [(id, slot)]
        );
        let coaches = store.coaches().await.unwrap();
        assert_eq!(coaches[0].availability.weekly().len(), 1, "{}", db.url);
        assert_eq!(coaches[0].languages, ["es", "en"]);
    }
}

#[tokio::test]
async fn a_provider_holds_at_most_the_limit_and_the_coach_must_fit() {
    for db in testing::all().await {
        let store = db.store.as_ref();
        let id = coach(store).await;
        let audit = testing::audit_entry("appointment.book", "appointment");
        for at in [datetime!(2026-12-07 9:00), datetime!(2026-12-07 9:30)] {
            assert!(
                store
                    .book_appointment(&request(id, 7, at), &[], &audit)
                    .await
                    .unwrap()
                    .is_ok()
            );
        }
        let third = store
            .book_appointment(&request(id, 7, datetime!(2026-12-07 10:00)), &[], &audit)
            .await
            .unwrap();
        assert_eq!(
            third.unwrap_err().rule,
            BookingRule::WithinLimit,
            "{}",
            db.url
        );
        let mut korean = request(id, 8, datetime!(2026-12-07 10:00));
        korean.language = "ko".into();
        assert_eq!(
            store
                .book_appointment(&korean, &[], &audit)
                .await
                .unwrap()
                .unwrap_err()
                .rule,
            BookingRule::CoachFits
        );
        let mine = store
            .provider_appointments(provider_number(7))
            .await
            .unwrap();
        assert_eq!(mine.len(), 2);
        assert_eq!(mine[0].starts_at, datetime!(2026-12-07 9:00), "{}", db.url);
        assert_eq!(mine[0].state, AppointmentState::Booked);
    }
}

fn reminder(topic: &str, purpose: &str) -> NewMessage {
    NewMessage {
        channel: Channel::Email,
        recipient: "lucia@example.org".into(),
        language: "es".into(),
        purpose: purpose.into(),
        subject: purpose.into(),
        body: purpose.into(),
        calendar: None,
        created_at: datetime!(2026-12-04 20:00 UTC),
        due_at: Some(datetime!(2026-12-06 18:00 UTC)),
        topic: Some(topic.into()),
    }
}

async fn purposes(store: &dyn Store) -> Vec<String> {
    let mut all: Vec<String> = store
        .outbox(None, 100)
        .await
        .unwrap()
        .into_iter()
        .map(|m| m.purpose)
        .collect();
    all.sort();
    all
}

#[tokio::test]
async fn a_move_books_the_new_time_and_cancels_the_old_together_or_not_at_all() {
    for db in testing::all().await {
        let store = db.store.as_ref();
        let id = coach(store).await;
        let audit = testing::audit_entry("appointment.book", "appointment");
        let old = store
            .book_appointment(
                &request(id, 7, datetime!(2026-12-07 9:00)),
                &[reminder("old", "old-reminder")],
                &audit,
            )
            .await
            .unwrap()
            .unwrap();
        // Someone else holds 10:00: moving there is refused and nothing changes.
        store
            .book_appointment(&request(id, 8, datetime!(2026-12-07 10:00)), &[], &audit)
            .await
            .unwrap()
            .unwrap();
        let mut taken = request(id, 7, datetime!(2026-12-07 10:00));
        taken.replaces = Some((old.id, "old".into()));
        let refused = store
            .book_appointment(&taken, &[reminder("new", "new-reminder")], &audit)
            .await
            .unwrap();
        assert_eq!(
            refused.unwrap_err().rule,
            BookingRule::SlotOpen,
            "{}",
            db.url
        );
        assert_eq!(
            store.appointment(old.id).await.unwrap().unwrap().state,
            AppointmentState::Booked,
            "{}",
            db.url
        );
        assert_eq!(purposes(store).await, ["old-reminder"], "{}", db.url);

        // At her limit of two, she may still move one (the moved one does not count).
        store
            .book_appointment(&request(id, 7, datetime!(2026-12-07 11:00)), &[], &audit)
            .await
            .unwrap()
            .unwrap();
        let mut open = request(id, 7, datetime!(2026-12-07 10:30));
        open.replaces = Some((old.id, "old".into()));
        let moved = store
            .book_appointment(&open, &[reminder("new", "new-reminder")], &audit)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(moved.starts_at, datetime!(2026-12-07 10:30));
        assert_eq!(
            store.appointment(old.id).await.unwrap().unwrap().state,
            AppointmentState::Cancelled
        );
        assert_eq!(purposes(store).await, ["new-reminder"], "{}", db.url);
        // The freed time is open again.
        assert!(
            store
                .book_appointment(&request(id, 9, datetime!(2026-12-07 9:00)), &[], &audit)
                .await
                .unwrap()
                .is_ok()
        );
        // A cancelled appointment is not moved again.
        let mut again = request(id, 7, datetime!(2026-12-07 11:30));
        again.replaces = Some((old.id, "old".into()));
        assert!(
            store
                .book_appointment(&again, &[], &audit)
                .await
                .unwrap()
                .is_err()
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_appointment_is_cancelled_once_and_never_after_it_started() {
    for db in testing::all().await {
        let store: Arc<dyn Store> = Arc::clone(&db.store);
        let id = coach(store.as_ref()).await;
        let audit = testing::audit_entry("appointment.book", "appointment");
        let booked = store
            .book_appointment(
                &request(id, 7, datetime!(2026-12-07 9:00)),
                &[reminder("t", "reminder")],
                &audit,
            )
            .await
            .unwrap()
            .unwrap();
        let now = datetime!(2026-12-04 12:00);
        assert_eq!(
            store
                .cancel_appointment(booked.id, datetime!(2026-12-07 9:00), "t", &[], &audit)
                .await
                .unwrap(),
            Err(AppointmentRefusal::NotChangeable),
            "{}",
            db.url
        );
        let mut tasks = Vec::new();
        for _ in 0..10 {
            let store = Arc::clone(&store);
            let audit = audit.clone();
            tasks.push(tokio::spawn(async move {
                store
                    .cancel_appointment(booked.id, now, "t", &[reminder("", "cancelled")], &audit)
                    .await
                    .unwrap()
            }));
        }
        let mut done = 0;
        for task in tasks {
            done += usize::from(task.await.unwrap().is_ok());
        }
        assert_eq!(done, 1, "{}", db.url);
        // The reminder went with it; one cancellation notice was queued.
        assert_eq!(purposes(store.as_ref()).await, ["cancelled"], "{}", db.url);
    }
}

#[tokio::test]
async fn a_coach_marks_started_appointments_and_keeps_notes_and_follow_ups() {
    for db in testing::all().await {
        let store = db.store.as_ref();
        let id = coach(store).await;
        let other = coach(store).await;
        let audit = testing::audit_entry("appointment.book", "appointment");
        let booked = store
            .book_appointment(&request(id, 7, datetime!(2026-12-07 9:00)), &[], &audit)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            store
                .mark_appointment(
                    booked.id,
                    AppointmentState::Held,
                    datetime!(2026-12-07 8:59),
                    &audit
                )
                .await
                .unwrap(),
            Err(AppointmentRefusal::NotStarted),
            "{}",
            db.url
        );
        store
            .mark_appointment(
                booked.id,
                AppointmentState::NoShow,
                datetime!(2026-12-07 9:10),
                &audit,
            )
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            store.appointment(booked.id).await.unwrap().unwrap().state,
            AppointmentState::NoShow
        );
        store
            .add_appointment_note(booked.id, "Called twice, no answer.", &audit)
            .await
            .unwrap();
        let notes = store.appointment_notes(&[booked.id, 999]).await.unwrap();
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].body, "Called twice, no answer.");
        let task = store
            .add_follow_up(
                booked.id,
                "Call again",
                time::macros::date!(2026 - 12 - 09),
                &audit,
            )
            .await
            .unwrap();
        let now = datetime!(2026-12-07 10:00 UTC);
        let open = store.coach_follow_ups(Some(id), now).await.unwrap();
        assert_eq!(open.len(), 1);
        assert_eq!(open[0].provider, provider_number(7));
        assert!(
            store
                .coach_follow_ups(Some(other), now)
                .await
                .unwrap()
                .is_empty()
        );
        // Another coach cannot close it; its own coach can, once.
        assert!(
            !store
                .finish_follow_up(Some(other), task, &audit)
                .await
                .unwrap()
        );
        assert!(
            store
                .finish_follow_up(Some(id), task, &audit)
                .await
                .unwrap()
        );
        assert!(
            !store
                .finish_follow_up(Some(id), task, &audit)
                .await
                .unwrap()
        );
        assert!(
            store
                .coach_has_provider(id, provider_number(7))
                .await
                .unwrap()
        );
        assert!(
            !store
                .coach_has_provider(other, provider_number(7))
                .await
                .unwrap()
        );
    }
}

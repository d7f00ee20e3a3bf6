//! Coaching bookings on both databases: 200 requests for one coach's time at the same moment
//! make exactly one appointment, the rest are told the time was taken, and nothing fails; a
//! provider holds no more future appointments than the limit.

use std::sync::Arc;

use pathways_domain::coaching::{Availability, BookingRule, HelpTopic, WeeklyHours};
use pathways_domain::testing::provider_number;
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
        assert_eq!(mine[0].state, "booked");
    }
}

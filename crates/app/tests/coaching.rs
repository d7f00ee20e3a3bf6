//! Coaching through the app on both databases: admins add coaches and publish their hours; a
//! Spanish-speaking provider finds open times with coaches who speak Spanish about payments,
//! books one, and it is gone from the open times; nobody books for someone else.

use std::sync::Arc;

use pathways_app::access::Caller;
use pathways_app::coaching::{Coaching, CoachingError, CoachingRules};
use pathways_domain::access::Actor;
use pathways_domain::coaching::{Availability, BookingRule, HelpTopic, TimeOff, WeeklyHours};
use pathways_domain::testing::provider_number;
use pathways_store::NewCoach;
use time::Weekday;
use time::macros::{datetime, time};

fn admin() -> Caller {
    Caller {
        actor: Actor::ProgramAdmin,
        account: None,
        label: "admin@example.org".into(),
    }
}

fn provider(n: u32) -> Caller {
    Caller {
        actor: Actor::Provider {
            provider: provider_number(n),
        },
        account: None,
        label: format!("provider {n}"),
    }
}

fn tuesdays(start: time::Time, end: time::Time) -> Vec<WeeklyHours> {
    vec![WeeklyHours {
        weekday: Weekday::Tuesday,
        start,
        end,
    }]
}

#[tokio::test]
async fn a_provider_finds_a_coach_in_her_language_and_books_a_time() {
    for db in pathways_store::testing::all().await {
        let coaching = Coaching::new(Arc::clone(&db.store), CoachingRules::default());
        let coach = |name: &str, languages: &[&str], topics: Vec<HelpTopic>| NewCoach {
            name: name.into(),
            languages: languages.iter().map(|l| (*l).to_owned()).collect(),
            topics,
            account: None,
        };
        // A provider cannot add a coach; a coach needs a language.
        assert!(matches!(
            coaching
                .add_coach(
                    &provider(1),
                    &coach("X", &["es"], vec![HelpTopic::Payments])
                )
                .await,
            Err(CoachingError::Access(_))
        ));
        assert!(matches!(
            coaching
                .add_coach(&admin(), &coach("X", &[], vec![HelpTopic::Payments]))
                .await,
            Err(CoachingError::IncompleteCoach)
        ));
        let lucia = coaching
            .add_coach(
                &admin(),
                &coach("Lucía", &["es", "en"], vec![HelpTopic::Payments]),
            )
            .await
            .unwrap();
        let wei = coaching
            .add_coach(
                &admin(),
                &coach("Wei", &["zh-Hant"], vec![HelpTopic::Payments]),
            )
            .await
            .unwrap();
        // Lucía: Tuesdays 9:00-10:30, away the morning of 2026-12-15.
        let off = TimeOff {
            from: datetime!(2026-12-15 00:00),
            until: datetime!(2026-12-15 12:00),
        };
        coaching
            .publish_hours(
                &admin(),
                lucia,
                &Availability::new(tuesdays(time!(9:00), time!(10:30)), vec![off]).unwrap(),
            )
            .await
            .unwrap();
        coaching
            .publish_hours(
                &admin(),
                wei,
                &Availability::new(tuesdays(time!(9:00), time!(12:00)), vec![]).unwrap(),
            )
            .await
            .unwrap();
        assert!(matches!(
            coaching
                .publish_hours(&admin(), 999, &Availability::default())
                .await,
            Err(CoachingError::NoSuchCoach(999))
        ));

        let now = datetime!(2026-12-07 12:00);
        let (from, until) = (datetime!(2026-12-07 00:00), datetime!(2026-12-21 00:00));
        let open = coaching
            .open_times(HelpTopic::Payments, "es", now, from, until)
            .await
            .unwrap();
        let times: Vec<_> = open.iter().map(|o| (o.starts_at, o.coach)).collect();
        assert_eq!(
            times,
            [
                (datetime!(2026-12-08 9:00), lucia),
                (datetime!(2026-12-08 9:30), lucia),
                (datetime!(2026-12-08 10:00), lucia),
            ],
            "{}",
            db.url
        );
        assert!(
            coaching
                .open_times(HelpTopic::Catalog, "es", now, from, until)
                .await
                .unwrap()
                .is_empty()
        );

        // Someone else cannot book for her; she books; the time is gone for everyone.
        let slot = datetime!(2026-12-08 9:30);
        let book = |who: Caller, n: u32| {
            let coaching = coaching.clone();
            async move {
                coaching
                    .book(
                        &who,
                        provider_number(n),
                        lucia,
                        HelpTopic::Payments,
                        "es",
                        slot,
                        now,
                    )
                    .await
            }
        };
        assert!(matches!(
            book(provider(2), 1).await,
            Err(CoachingError::Access(_))
        ));
        let appointment = book(provider(1), 1).await.unwrap();
        assert_eq!(appointment.starts_at, slot);
        match book(provider(2), 2).await {
            Err(CoachingError::Refused(r)) => assert_eq!(r.rule, BookingRule::SlotOpen),
            other => panic!("{}: {other:?}", db.url),
        }
        let open = coaching
            .open_times(HelpTopic::Payments, "es", now, from, until)
            .await
            .unwrap();
        assert!(open.iter().all(|o| o.starts_at != slot), "{}", db.url);
        assert_eq!(
            coaching
                .appointments(&provider(1), provider_number(1))
                .await
                .unwrap()
                .len(),
            1
        );
        assert!(matches!(
            coaching
                .appointments(&provider(2), provider_number(1))
                .await,
            Err(CoachingError::Access(_))
        ));
    }
}

/// The most future appointments a provider may hold is the policy version's: one under a
/// version that says one, two under the default when no version covers the day.
#[tokio::test]
async fn the_policy_in_effect_sets_how_many_appointments_a_provider_holds() {
    for db in pathways_store::testing::all().await {
        let coaching = Coaching::new(Arc::clone(&db.store), CoachingRules::default());
        let now = datetime!(2026-12-07 12:00);
        assert_eq!(coaching.provider_limit(now.date()).await.unwrap(), 2);
        let mut strict = pathways_domain::policy::PolicyVersion::program_year(
            "2026-10",
            time::macros::date!(2026 - 10 - 01),
        );
        strict.coaching_max_future_appointments = 1;
        db.store.add_policy_version(&strict).await.unwrap();
        assert_eq!(coaching.provider_limit(now.date()).await.unwrap(), 1);
        let lucia = coaching
            .add_coach(
                &admin(),
                &NewCoach {
                    name: "Lucía".into(),
                    languages: vec!["es".into()],
                    topics: vec![HelpTopic::Payments],
                    account: None,
                },
            )
            .await
            .unwrap();
        coaching
            .publish_hours(
                &admin(),
                lucia,
                &Availability::new(tuesdays(time!(9:00), time!(10:30)), vec![]).unwrap(),
            )
            .await
            .unwrap();
        let ana = provider(1);
        let book = |at| {
            coaching.book(
                &ana,
                provider_number(1),
                lucia,
                HelpTopic::Payments,
                "es",
                at,
                now,
            )
        };
        book(datetime!(2026-12-08 9:00)).await.unwrap();
        match book(datetime!(2026-12-08 9:30)).await {
            Err(CoachingError::Refused(r)) => assert_eq!(r.rule, BookingRule::WithinLimit),
            other => panic!("{}: {other:?}", db.url),
        }
    }
}

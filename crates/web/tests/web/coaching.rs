//! "Talk to a coach" on every backend: a Spanish-speaking provider asks for help with payments
//! in Spanish, sees the open times of the coach who speaks it (not of one who does not), books
//! one with its button and sees it among her appointments; a time just taken is refused in her
//! language; another provider's page is not hers; forged forms change nothing.

use axum::http::StatusCode;
use pathways_app::access::Caller;
use pathways_app::coaching::{Coaching, CoachingRules};
use pathways_domain::access::Actor;
use pathways_domain::coaching::{Availability, HelpTopic, WeeklyHours};
use pathways_domain::testing;
use pathways_store::{Batch, NewCoach};
use pathways_web::i18n::Locale;
use time::Weekday;
use time::macros::time;

use crate::helpers::{GOOD_PASSWORD, TestApp};

const ANA: u32 = 100_000_031;
const BEA: u32 = 100_000_032;

/// Lucía speaks Spanish and English, Wei Chinese; both help with payments on Mondays
/// 9:00–10:00 (the site's today is Sunday 2026-03-01).
async fn scenario(app: &TestApp) {
    let store = app.store();
    let mut tx = store.begin_import().await.expect("an import");
    let ana = pathways_domain::entities::Provider {
        language: testing::language("es"),
        email: Some("ana@example.org".into()),
        ..testing::provider(ANA)
    };
    tx.upsert(&Batch::Providers(vec![ana, testing::provider(BEA)]))
        .await
        .expect("providers");
    tx.commit().await.expect("commit");
    for (n, locale) in [(ANA, Locale::Es), (BEA, Locale::En)] {
        app.accounts()
            .create_provider_account(
                &Caller::command_line(),
                testing::provider_number(n),
                GOOD_PASSWORD,
                locale,
            )
            .await
            .expect("a provider account");
    }
    let admin = Caller {
        actor: Actor::ProgramAdmin,
        account: None,
        label: "admin".into(),
    };
    let coaching = Coaching::new(app.store_arc(), CoachingRules::default());
    let mondays = Availability::new(
        vec![WeeklyHours {
            weekday: Weekday::Monday,
            start: time!(9:00),
            end: time!(10:00),
        }],
        vec![],
    )
    .expect("hours");
    for (name, languages) in [("Lucía", vec!["es", "en"]), ("Wei", vec!["zh-Hant"])] {
        let id = coaching
            .add_coach(
                &admin,
                &NewCoach {
                    name: name.into(),
                    languages: languages.into_iter().map(str::to_owned).collect(),
                    topics: vec![HelpTopic::Payments],
                    account: None,
                },
            )
            .await
            .expect("a coach");
        coaching
            .publish_hours(&admin, id, &mondays)
            .await
            .expect("hours");
    }
}

fn page_of(n: u32) -> String {
    format!("/providers/{n:09}/coaching")
}

#[tokio::test]
async fn a_provider_books_a_coach_who_speaks_her_language() {
    for db in pathways_store::testing::all().await {
        let url = db.url.clone();
        let app = TestApp::on(db).await;
        scenario(&app).await;
        let mut ana = app.browser();
        ana.sign_in(&format!("{ANA:09}"), GOOD_PASSWORD).await;
        let search = format!("{}?topic=payments&language=es", page_of(ANA));
        let found = ana.get(&search).await;
        assert_eq!(found.status, StatusCode::OK, "{url}: {}", found.body);
        assert!(found.body.contains("9:00 con Lucía"), "{}", found.body);
        assert!(found.body.contains("9:30 con Lucía"));
        assert!(!found.body.contains("Wei"), "Wei does not speak Spanish");
        assert!(found.body.contains("lunes, 2 de marzo de 2026"));

        // Forged forms: a made-up time or topic is a bad form and books nothing.
        for (starts_at, topic) in [
            ("2026-03-02 9:15", "payments"),
            ("2026-03-09 09:00", "taxes"),
        ] {
            let forged = ana
                .submit(
                    &search,
                    &page_of(ANA),
                    &[
                        ("coach", "1"),
                        ("starts_at", starts_at),
                        ("topic", topic),
                        ("language", "es"),
                    ],
                )
                .await;
            assert!(
                matches!(
                    forged.status,
                    StatusCode::BAD_REQUEST | StatusCode::UNPROCESSABLE_ENTITY
                ),
                "{starts_at} {topic}: {}",
                forged.status
            );
        }
        let lucia = found
            .body
            .split("name=\"coach\" value=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("a coach's button")
            .to_owned();
        let booked = ana
            .submit(
                &search,
                &page_of(ANA),
                &[
                    ("coach", &lucia),
                    ("starts_at", "2026-03-09 09:00"),
                    ("topic", "payments"),
                    ("language", "es"),
                ],
            )
            .await;
        assert_eq!(booked.status, StatusCode::SEE_OTHER, "{}", booked.body);
        let mine = ana.get(booked.header("location")).await;
        assert!(
            mine.body.contains("Su cita está reservada."),
            "{}",
            mine.body
        );
        assert!(
            mine.body.contains(
                "lunes, 9 de marzo de 2026, 9:00 con Lucía: Cobrar (reclamos e incentivos)"
            ),
            "{}",
            mine.body
        );

        // The confirmation in Spanish with the calendar file, and a reminder the day before.
        let told = app
            .store()
            .outbox(Some("ana@example.org"), 10)
            .await
            .expect("the outbox");
        let booked = told
            .iter()
            .find(|m| m.purpose == "coaching-booked")
            .unwrap_or_else(|| panic!("{url}: a confirmation: {told:?}"));
        assert_eq!(booked.language, "es");
        assert!(
            booked
                .body
                .contains("Tiene una cita con Lucía el 2026-03-09 09:00"),
            "{}",
            booked.body
        );
        assert!(
            booked
                .body
                .contains("Su asesor le llamará al (916) 555-0199.")
        );
        let calendar = booked.calendar.as_deref().expect("a calendar file");
        // 9:00 in California on 2026-03-09, a day after clocks went forward, is 16:00 UTC.
        for line in [
            "METHOD:REQUEST",
            "DTSTART:20260309T160000Z",
            "DTEND:20260309T163000Z",
        ] {
            assert!(calendar.contains(line), "{line}: {calendar}");
        }
        assert!(
            told.iter().any(|m| m.purpose == "coaching-reminder"),
            "{told:?}"
        );

        // Bea asks for the same time: it was just taken, she is told in her language.
        let mut bea = app.browser();
        bea.sign_in(&format!("{BEA:09}"), GOOD_PASSWORD).await;
        let taken = bea
            .submit(
                &page_of(BEA),
                &page_of(BEA),
                &[
                    ("coach", &lucia),
                    ("starts_at", "2026-03-09 09:00"),
                    ("topic", "payments"),
                    ("language", "es"),
                ],
            )
            .await;
        assert_eq!(taken.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            taken.body.contains("Someone just took that time."),
            "{}",
            taken.body
        );
        // Ana's page is not Bea's.
        let not_hers = bea.get(&page_of(ANA)).await;
        assert!(
            matches!(
                not_hers.status,
                StatusCode::FORBIDDEN | StatusCode::NOT_FOUND
            ),
            "{}",
            not_hers.status
        );
        let appointments = app
            .store()
            .provider_appointments(testing::provider_number(BEA))
            .await
            .unwrap();
        assert!(appointments.is_empty(), "{url}");
    }
}

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
const LUCIA: &str = "lucia@coaches.example";
const WEI: &str = "wei@coaches.example";

/// Lucía speaks Spanish and English, Wei Chinese; both help with payments on Mondays
/// 9:00–10:00 (the site's today is Sunday 2026-03-01) and sign in as coaches.
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
    for (name, languages, email) in [
        ("Lucía", vec!["es", "en"], LUCIA),
        ("Wei", vec!["zh-Hant"], WEI),
    ] {
        let account = app
            .staff(pathways_domain::access::Role::Coach, email, None, None)
            .await;
        let id = coaching
            .add_coach(
                &admin,
                &NewCoach {
                    name: name.into(),
                    languages: languages.into_iter().map(str::to_owned).collect(),
                    topics: vec![HelpTopic::Payments],
                    account: Some(account),
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

/// The first appointment Ana holds.
async fn anas_appointment(app: &TestApp) -> pathways_store::AppointmentRecord {
    app.store()
        .provider_appointments(testing::provider_number(ANA))
        .await
        .expect("her appointments")
        .into_iter()
        .find(|a| a.state == pathways_domain::coaching::AppointmentState::Booked)
        .expect("a booked appointment")
}

async fn purposes(app: &TestApp) -> Vec<String> {
    let mut all: Vec<String> = app
        .store()
        .outbox(Some("ana@example.org"), 20)
        .await
        .expect("the outbox")
        .into_iter()
        .map(|m| m.purpose)
        .collect();
    all.sort();
    all
}

#[tokio::test]
async fn a_provider_moves_and_cancels_and_her_coach_keeps_notes_and_follow_ups() {
    for db in pathways_store::testing::all().await {
        let url = db.url.clone();
        let app = TestApp::on(db).await;
        scenario(&app).await;
        let mut ana = app.browser();
        ana.sign_in(&format!("{ANA:09}"), GOOD_PASSWORD).await;
        let lucia = app.store().coaches().await.unwrap()[0].id.to_string();
        let slot = |at: &'static str| {
            vec![
                ("coach", lucia.clone()),
                ("starts_at", at.to_owned()),
                ("topic", "payments".to_owned()),
                ("language", "es".to_owned()),
            ]
        };
        let first = slot("2026-03-09 09:00");
        let first: Vec<(&str, &str)> = first.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let booked = ana.submit(&page_of(ANA), &page_of(ANA), &first).await;
        assert_eq!(
            booked.status,
            StatusCode::SEE_OTHER,
            "{url}: {}",
            booked.body
        );
        let old = anas_appointment(&app).await;

        // She moves it to 9:30: the new time is booked, the old one's reminder withdrawn and a
        // cancellation sent that takes the old time off her calendar.
        let page = ana.get(&page_of(ANA)).await;
        assert!(page.body.contains("Cambiar la hora"), "{}", page.body);
        let moving = format!(
            "{}?topic=payments&language=es&moving={}",
            page_of(ANA),
            old.id
        );
        let shown = ana.get(&moving).await;
        assert!(
            shown.body.contains("Elija una nueva hora para:"),
            "{}",
            shown.body
        );
        let move_to = format!("{}/{}/move", page_of(ANA), old.id);
        let second = slot("2026-03-09 09:30");
        let second: Vec<(&str, &str)> = second.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let moved = ana.submit(&moving, &move_to, &second).await;
        assert_eq!(moved.status, StatusCode::SEE_OTHER, "{url}: {}", moved.body);
        let new = anas_appointment(&app).await;
        assert_eq!(new.starts_at, time::macros::datetime!(2026-03-09 9:30));
        // (The old time's confirmation and reminder were not sent yet: both are withdrawn.)
        assert_eq!(
            purposes(&app).await,
            ["coaching-booked", "coaching-cancelled", "coaching-reminder"],
            "{url}: the first time's messages are withdrawn"
        );
        let told = app
            .store()
            .outbox(Some("ana@example.org"), 20)
            .await
            .unwrap();
        let cancelled = told
            .iter()
            .find(|m| m.purpose == "coaching-cancelled")
            .expect("a cancellation");
        assert!(
            cancelled.subject.starts_with("Cancelada"),
            "{}",
            cancelled.subject
        );
        let calendar = cancelled.calendar.as_deref().expect("a calendar file");
        assert!(calendar.contains("METHOD:CANCEL"), "{calendar}");
        assert!(calendar.contains("DTSTART:20260309T160000Z"), "{calendar}");
        // The old appointment cannot be moved again.
        let again = ana.submit(&page_of(ANA), &move_to, &second).await;
        assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY, "{url}");
        assert!(again.body.contains("no se puede cambiar"), "{}", again.body);

        // Her coach's desk: the appointment, her hours and claims, notes and a follow-up.
        let mut coach = app.browser();
        coach.sign_in(LUCIA, GOOD_PASSWORD).await;
        let desk = coach.get("/coach").await;
        assert_eq!(desk.status, StatusCode::OK, "{url}: {}", desk.body);
        let href = format!("/coach/appointments/{}", new.id);
        assert!(desk.body.contains(&href), "{}", desk.body);
        let opened = coach.get(&href).await;
        assert_eq!(opened.status, StatusCode::OK, "{}", opened.body);
        assert!(opened.body.contains("Hours per pathway"), "{}", opened.body);
        assert!(opened.body.contains("No claims in progress."));
        let empty = coach
            .submit(&href, &format!("{href}/notes"), &[("note", "  ")])
            .await;
        assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(empty.body.contains("Write something first."));
        let noted = coach
            .submit(
                &href,
                &format!("{href}/notes"),
                &[("note", "Wants help with the claim form.")],
            )
            .await;
        assert_eq!(noted.status, StatusCode::SEE_OTHER, "{}", noted.body);
        let shown = coach.get(noted.header("location")).await;
        assert!(shown.body.contains("Wants help with the claim form."));
        // How it went is marked once it has started (today is a week before).
        let early = coach
            .submit(&href, &format!("{href}/mark"), &[("outcome", "held")])
            .await;
        assert_eq!(
            early.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            early.body
        );
        assert!(early.body.contains("only once it has started"));
        let task = coach
            .submit(
                &href,
                &format!("{href}/follow-ups"),
                &[("task", "Send the claim guide"), ("due_on", "2026-03-10")],
            )
            .await;
        assert_eq!(task.status, StatusCode::SEE_OTHER, "{}", task.body);
        let desk = coach.get("/coach").await;
        assert!(desk.body.contains("Send the claim guide"), "{}", desk.body);

        // Wei, another coach, sees neither the appointment nor Ana.
        let mut wei = app.browser();
        wei.sign_in(WEI, GOOD_PASSWORD).await;
        assert_eq!(wei.get(&href).await.status, StatusCode::NOT_FOUND, "{url}");
        assert_eq!(
            wei.get(&format!("/providers/{ANA:09}")).await.status,
            StatusCode::NOT_FOUND
        );
        let forged = wei
            .submit("/coach", &format!("{href}/notes"), &[("note", "mine now")])
            .await;
        assert_eq!(forged.status, StatusCode::NOT_FOUND);
        // ...while Lucía, booked by her, may read her record.
        assert_eq!(
            coach.get(&format!("/providers/{ANA:09}")).await.status,
            StatusCode::OK
        );

        // Bea cannot cancel Ana's appointment; Ana can.
        let mut bea = app.browser();
        bea.sign_in(&format!("{BEA:09}"), GOOD_PASSWORD).await;
        let not_hers = bea
            .submit(
                &page_of(BEA),
                &format!("{}/{}/cancel", page_of(BEA), new.id),
                &[],
            )
            .await;
        assert_eq!(not_hers.status, StatusCode::NOT_FOUND, "{url}");
        let cancel = format!("{}/{}/cancel", page_of(ANA), new.id);
        let cancelled = ana.submit(&page_of(ANA), &cancel, &[]).await;
        assert_eq!(
            cancelled.status,
            StatusCode::SEE_OTHER,
            "{}",
            cancelled.body
        );
        let page = ana.get(cancelled.header("location")).await;
        assert!(
            page.body.contains("Su cita está cancelada."),
            "{}",
            page.body
        );
        assert!(!page.body.contains("Cambiar la hora"), "{}", page.body);
        let desk = coach.get("/coach").await;
        assert!(
            desk.body
                .contains("No appointments booked in the next two weeks."),
            "{url}: a cancelled appointment leaves the desk: {}",
            desk.body
        );
        assert_eq!(
            purposes(&app).await,
            ["coaching-cancelled", "coaching-cancelled"],
            "{url}"
        );
        // Her coach was told of each booking and each cancellation, in English.
        let mut coach_told: Vec<(String, String)> = app
            .store()
            .outbox(Some(LUCIA), 20)
            .await
            .unwrap()
            .into_iter()
            .map(|m| (m.purpose, m.subject))
            .collect();
        coach_told.sort();
        assert_eq!(
            coach_told,
            [
                (
                    "coaching-coach-booked".to_owned(),
                    "New appointment: 2026-03-09 09:00".to_owned()
                ),
                (
                    "coaching-coach-booked".to_owned(),
                    "New appointment: 2026-03-09 09:30".to_owned()
                ),
                (
                    "coaching-coach-cancelled".to_owned(),
                    "Cancelled: the appointment at 2026-03-09 09:00".to_owned()
                ),
                (
                    "coaching-coach-cancelled".to_owned(),
                    "Cancelled: the appointment at 2026-03-09 09:30".to_owned()
                ),
            ],
            "{url}"
        );
    }
}

/// The same through the JSON API: Ana finds open times and books one; Bea is told in the
/// request's language that it was just taken; Ana moves and cancels it; her coach notes it;
/// she asks the desk a question and the desk answers with a prepared answer.
#[tokio::test]
async fn the_coaching_and_help_api_covers_the_same_path() {
    use axum::http::Method;

    use crate::claims::api;
    let app = TestApp::spawn().await;
    scenario(&app).await;
    app.staff(
        pathways_domain::access::Role::ServiceDesk,
        "sam@desk.example",
        None,
        None,
    )
    .await;
    let json = |v: serde_json::Value| ("application/json", v.to_string());
    let mut ana = app.browser();
    ana.sign_in(&format!("{ANA:09}"), GOOD_PASSWORD).await;
    let open = api(
        &app,
        &mut ana,
        Method::GET,
        "/api/v1/coaching/open-times?topic=payments&language=es&days=14",
        json(serde_json::json!({})),
    )
    .await;
    assert_eq!(open.status, StatusCode::OK, "{}", open.body);
    let first = open.json()[0].clone();
    assert_eq!(first["starts_at"], "2026-03-02T09:00", "{first}");
    let appointments = format!("/api/v1/providers/{ANA:09}/appointments");
    let booking = serde_json::json!({
        "coach_id": first["coach_id"],
        "starts_at": "2026-03-02T09:00",
        "topic": "payments",
        "language": "es",
    });
    let booked = api(
        &app,
        &mut ana,
        Method::POST,
        &appointments,
        json(booking.clone()),
    )
    .await;
    assert_eq!(booked.status, StatusCode::CREATED, "{}", booked.body);
    let id = booked.json()["appointment_id"].as_i64().expect("a number");
    let mut bea = app.browser();
    bea.sign_in(&format!("{BEA:09}"), GOOD_PASSWORD).await;
    let taken = api(
        &app,
        &mut bea,
        Method::POST,
        &format!("/api/v1/providers/{BEA:09}/appointments"),
        json(booking),
    )
    .await;
    assert_eq!(taken.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(taken.json()["error"]["code"], "slot-open", "{}", taken.body);
    // Another's appointment is not hers to cancel.
    let not_hers = api(
        &app,
        &mut bea,
        Method::POST,
        &format!("/api/v1/appointments/{id}/cancel"),
        json(serde_json::json!({})),
    )
    .await;
    assert_eq!(not_hers.status, StatusCode::NOT_FOUND);
    let moved = api(
        &app,
        &mut ana,
        Method::POST,
        &format!("/api/v1/appointments/{id}/move"),
        json(serde_json::json!({"coach_id": first["coach_id"], "starts_at": "2026-03-02T09:30"})),
    )
    .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.body);
    let new_id = moved.json()["appointment_id"].as_i64().expect("a number");

    // Her coach notes it; notes are the coach's, not hers.
    let mut lucia = app.browser();
    lucia.sign_in(LUCIA, GOOD_PASSWORD).await;
    let noted = api(
        &app,
        &mut lucia,
        Method::POST,
        &format!("/api/v1/appointments/{new_id}/notes"),
        json(serde_json::json!({"body": "Wants the claim guide."})),
    )
    .await;
    assert_eq!(noted.status, StatusCode::CREATED, "{}", noted.body);
    let desk = api(
        &app,
        &mut lucia,
        Method::GET,
        "/api/v1/coach/appointments",
        json(serde_json::json!({})),
    )
    .await;
    let desk = desk.json();
    let listed = desk
        .as_array()
        .expect("a list")
        .iter()
        .find(|a| a["appointment_id"] == new_id)
        .expect("the appointment")
        .clone();
    assert_eq!(listed["notes"][0], "Wants the claim guide.");
    let hers = api(
        &app,
        &mut ana,
        Method::POST,
        &format!("/api/v1/appointments/{new_id}/notes"),
        json(serde_json::json!({"body": "mine"})),
    )
    .await;
    assert_eq!(hers.status, StatusCode::FORBIDDEN);
    let early = api(
        &app,
        &mut lucia,
        Method::POST,
        &format!("/api/v1/appointments/{new_id}/outcome"),
        json(serde_json::json!({"state": "held"})),
    )
    .await;
    assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(early.json()["error"]["code"], "not-started");
    let cancelled = api(
        &app,
        &mut ana,
        Method::POST,
        &format!("/api/v1/appointments/{new_id}/cancel"),
        json(serde_json::json!({})),
    )
    .await;
    assert_eq!(
        cancelled.status,
        StatusCode::NO_CONTENT,
        "{}",
        cancelled.body
    );

    // A question to the payments desk, answered with a prepared answer.
    let asked = api(
        &app,
        &mut ana,
        Method::POST,
        "/api/v1/tickets",
        json(serde_json::json!({
            "category": "payments-and-claims",
            "subject": "Mi pago",
            "body": "¿Cuándo llega?",
        })),
    )
    .await;
    assert_eq!(asked.status, StatusCode::CREATED, "{}", asked.body);
    let ticket = asked.json()["ticket_id"].as_i64().expect("a number");
    assert_eq!(asked.json()["desk"], "service-desk");
    let mut sam = app.browser();
    sam.sign_in("sam@desk.example", GOOD_PASSWORD).await;
    let queue = api(
        &app,
        &mut sam,
        Method::GET,
        "/api/v1/tickets",
        json(serde_json::json!({})),
    )
    .await;
    assert_eq!(queue.json()[0]["ticket_id"], ticket, "{}", queue.body);
    let answered = api(
        &app,
        &mut sam,
        Method::POST,
        &format!("/api/v1/tickets/{ticket}/replies"),
        json(serde_json::json!({"canned": "when-paid"})),
    )
    .await;
    assert_eq!(answered.status, StatusCode::CREATED, "{}", answered.body);
    assert_eq!(answered.json()["status"], "waiting-on-provider");
    let thread = api(
        &app,
        &mut ana,
        Method::GET,
        &format!("/api/v1/tickets/{ticket}"),
        json(serde_json::json!({})),
    )
    .await
    .json();
    assert!(
        thread["messages"][1]["body"]
            .as_str()
            .unwrap_or_default()
            .starts_with("Las solicitudes aprobadas"),
        "{thread}"
    );
    let forged = api(
        &app,
        &mut sam,
        Method::POST,
        &format!("/api/v1/tickets/{ticket}/replies"),
        json(serde_json::json!({"canned": "refund-everything"})),
    )
    .await;
    assert_eq!(forged.status, StatusCode::BAD_REQUEST);
}

/// Program staff add a coach with the coach's sign-in; the coach publishes their own hours
/// (hours that overlap are refused, saying which day), and providers see the new open times;
/// another coach cannot touch them.
#[tokio::test]
async fn an_admin_adds_a_coach_who_publishes_their_own_hours() {
    for db in pathways_store::testing::all().await {
        let url = db.url.clone();
        let app = TestApp::on(db).await;
        scenario(&app).await;
        app.staff(
            pathways_domain::access::Role::ProgramAdmin,
            "omar@dss.example",
            None,
            None,
        )
        .await;
        app.staff(
            pathways_domain::access::Role::Coach,
            "mina@coaches.example",
            None,
            None,
        )
        .await;
        let mut omar = app.browser();
        omar.sign_in("omar@dss.example", GOOD_PASSWORD).await;
        let list = omar.get("/admin/coaches").await;
        assert!(list.body.contains("Lucía"), "{url}: {}", list.body);
        // Lucía's sign-in is hers already: refused, nothing added.
        let taken = omar
            .submit(
                "/admin/coaches",
                "/admin/coaches",
                &[
                    ("name", "Mina Park"),
                    ("languages", "en"),
                    ("topics", "catalog"),
                    ("email", LUCIA),
                ],
            )
            .await;
        assert_eq!(taken.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            taken.body.contains("already another coach"),
            "{}",
            taken.body
        );
        let forged = omar
            .submit(
                "/admin/coaches",
                "/admin/coaches",
                &[
                    ("name", "Mina Park"),
                    ("languages", "tlh"),
                    ("topics", "catalog"),
                ],
            )
            .await;
        assert_eq!(forged.status, StatusCode::BAD_REQUEST);
        let added = omar
            .submit(
                "/admin/coaches",
                "/admin/coaches",
                &[
                    ("name", "Mina Park"),
                    ("languages", "en"),
                    ("languages", "es"),
                    ("topics", "catalog"),
                    ("email", "mina@coaches.example"),
                ],
            )
            .await;
        assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
        assert_eq!(app.store().coaches().await.unwrap().len(), 3);

        let mut mina = app.browser();
        mina.sign_in("mina@coaches.example", GOOD_PASSWORD).await;
        let own = mina.get("/coach/hours").await;
        assert_eq!(own.status, StatusCode::SEE_OTHER);
        let page = own.header("location").to_owned();
        let overlapping = mina
            .submit(
                &page,
                &page,
                &[
                    ("monday-1-start", "09:00"),
                    ("monday-1-end", "12:00"),
                    ("monday-2-start", "11:00"),
                    ("monday-2-end", "13:00"),
                ],
            )
            .await;
        assert_eq!(overlapping.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            overlapping
                .body
                .contains("On Monday, the two rows of hours overlap."),
            "{}",
            overlapping.body
        );
        let published = mina
            .submit(
                &page,
                &page,
                &[
                    ("monday-1-start", "13:00"),
                    ("monday-1-end", "14:00"),
                    ("off-new-from", "2026-03-09T00:00"),
                    ("off-new-until", "2026-03-10T00:00"),
                ],
            )
            .await;
        assert_eq!(
            published.status,
            StatusCode::SEE_OTHER,
            "{}",
            published.body
        );
        let shown = mina.get(&page).await;
        assert!(shown.body.contains("value=\"13:00\""), "{}", shown.body);

        // Ana sees Mina's Monday times in Spanish (not on her day off).
        let mut ana = app.browser();
        ana.sign_in(&format!("{ANA:09}"), GOOD_PASSWORD).await;
        let times = ana
            .get(&format!("{}?topic=catalog&language=es", page_of(ANA)))
            .await;
        assert!(times.body.contains("13:00 con Mina Park"), "{}", times.body);
        assert_eq!(
            times.body.matches("13:00 con Mina Park").count(),
            1,
            "not on 9 March"
        );

        // Mina's video link: only an https address; it goes with each confirmation.
        let link_action = page.replace("/hours", "/meeting-link");
        let plain = mina
            .submit(&page, &link_action, &[("link", "http://meet.example/mina")])
            .await;
        assert_eq!(plain.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            plain.body.contains("starts with https://"),
            "{}",
            plain.body
        );
        let linked = mina
            .submit(
                &page,
                &link_action,
                &[("link", "https://meet.example/mina")],
            )
            .await;
        assert_eq!(linked.status, StatusCode::SEE_OTHER, "{}", linked.body);
        let mina_id = app
            .store()
            .coaches()
            .await
            .unwrap()
            .into_iter()
            .find(|c| c.name == "Mina Park")
            .expect("Mina")
            .id
            .to_string();
        let booked = ana
            .submit(
                &page_of(ANA),
                &page_of(ANA),
                &[
                    ("coach", &mina_id),
                    ("starts_at", "2026-03-02 13:00"),
                    ("topic", "catalog"),
                    ("language", "es"),
                ],
            )
            .await;
        assert_eq!(booked.status, StatusCode::SEE_OTHER, "{}", booked.body);
        let told = app
            .store()
            .outbox(Some("ana@example.org"), 10)
            .await
            .unwrap();
        let confirmation = told
            .iter()
            .find(|m| m.purpose == "coaching-booked")
            .expect("a confirmation");
        assert!(
            confirmation
                .body
                .contains("o puede entrar por video: https://meet.example/mina"),
            "{}",
            confirmation.body
        );

        // Lucía cannot read or change Mina's hours or link.
        let mut lucia = app.browser();
        lucia.sign_in(LUCIA, GOOD_PASSWORD).await;
        assert_eq!(
            lucia.get(&page).await.status,
            StatusCode::NOT_FOUND,
            "{url}"
        );
        let theirs = lucia
            .submit("/coach", &link_action, &[("link", "https://evil.example")])
            .await;
        assert_eq!(theirs.status, StatusCode::NOT_FOUND);
    }
}

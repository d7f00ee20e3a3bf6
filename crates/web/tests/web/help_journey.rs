//! Issue 7's journey in a real headless Chromium: a Spanish-speaking provider, on a phone,
//! books a Spanish-speaking coach for help getting paid and is sent the confirmation in
//! Spanish with a calendar file; the coach opens the appointment on their desk and writes a
//! note; the provider asks a question about a course, and it reaches that course's school and
//! no other desk. axe-core checks every page on the way.

use pathways_app::access::Caller;
use pathways_app::coaching::{Coaching, CoachingRules};
use pathways_domain::access::{Actor, Role};
use pathways_domain::coaching::{Availability, HelpTopic, WeeklyHours};
use pathways_domain::entities::Provider;
use pathways_domain::testing;
use pathways_store::{Batch, NewCoach};
use pathways_web::i18n::{Locale, Translator};
use time::Weekday;
use time::macros::time;

use crate::axe::assert_accessible;
use crate::browser::{assert_no_message_keys, click_to, fill, start_browsing, text_of};
use crate::helpers::{GOOD_PASSWORD, Served, TestApp};
use crate::webdriver::Session;

const ANA: u32 = 700_000_001;
const LUCIA: &str = "lucia@coaches.example";
const V1_STAFF: &str = "vera@v1.example";
const V2_STAFF: &str = "walt@v2.example";
const DESK: &str = "sam@desk.example";
const SUBJECT: &str = "¿Hay clase el sábado?";

async fn sign_in(session: &Session, site: &Served, login: &str) {
    session.goto(&site.url("/sign-in")).await;
    fill(session, "login", login).await;
    fill(session, "password", GOOD_PASSWORD).await;
    click_to(session, "main form button[type=submit]", "/account").await;
}

/// Ana reads Spanish and has an email on file; Lucía (Spanish and English) and Wei (Chinese)
/// help with payments on Mondays 9:00–11:00; staff of V1 (which teaches GHS-101), of V2 and
/// the service desk have accounts.
async fn people(app: &TestApp) {
    let ana = Provider {
        first_name: "Ana".into(),
        last_name: "Reyes".into(),
        email: Some("ana.reyes@example.org".into()),
        language: testing::language("es"),
        ..testing::provider(ANA)
    };
    let mut tx = app.store().begin_import().await.expect("an import");
    tx.upsert(&Batch::Providers(vec![ana]))
        .await
        .expect("a provider");
    tx.commit().await.expect("commit");
    app.accounts()
        .create_provider_account(
            &Caller::command_line(),
            testing::provider_number(ANA),
            GOOD_PASSWORD,
            Locale::Es,
        )
        .await
        .expect("her account");
    let lucia = app.staff(Role::Coach, LUCIA, None, None).await;
    app.staff(Role::VendorStaff, V1_STAFF, Some("V1"), None)
        .await;
    app.staff(Role::VendorStaff, V2_STAFF, Some("V2"), None)
        .await;
    app.staff(Role::ServiceDesk, DESK, None, None).await;
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
            end: time!(11:00),
        }],
        vec![],
    )
    .expect("hours");
    for (name, languages, account) in [
        ("Lucía Gómez", vec!["es", "en"], Some(lucia)),
        ("Wei Chen", vec!["zh-Hant"], None),
    ] {
        let id = coaching
            .add_coach(
                &admin,
                &NewCoach {
                    name: name.into(),
                    languages: languages.into_iter().map(str::to_owned).collect(),
                    topics: vec![HelpTopic::Payments],
                    account,
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

#[tokio::test]
async fn a_spanish_speaking_provider_books_a_coach_who_notes_the_talk_and_her_course_question_reaches_only_its_school()
 {
    let Some(browsing) = start_browsing().await else {
        return;
    };
    let (app, site) = (&browsing.app, &browsing.site);
    people(app).await;
    let es = Translator::new(Locale::Es);
    let coaching = format!("/providers/{ANA:09}/coaching");

    // Ana, on a phone in Spanish, asks for help getting paid, in Spanish.
    let ana = browsing.driver.phone_session("es").await;
    sign_in(&ana, site, &format!("{ANA:09}")).await;
    click_to(&ana, &format!(".main-nav a[href='{coaching}']"), &coaching).await;
    assert_accessible(&ana, "talk to a coach").await;
    let topic = ana.find("#topic option[value='payments']").await;
    ana.click(&topic).await;
    let language = ana.find("#language option[value='es']").await;
    ana.click(&language).await;
    click_to(&ana, "main form[method='get'] button", &coaching).await;
    let times = text_of(&ana, "main").await;
    assert!(times.contains("con Lucía Gómez"), "{times}");
    assert!(
        !times.contains("Wei"),
        "Wei does not speak Spanish: {times}"
    );
    assert_accessible(&ana, "the open times").await;
    assert_no_message_keys(&ana, "the open times").await;
    click_to(&ana, "#times ~ ul.button-list button", &coaching).await;
    assert_eq!(
        text_of(&ana, ".notice-text").await,
        es.t("coaching-notice-booked")
    );
    let mine = text_of(&ana, "#mine ~ ul").await;
    assert!(mine.contains("9:00 con Lucía Gómez"), "{mine}");
    assert_accessible(&ana, "her appointment booked").await;

    // The confirmation, in Spanish, with the calendar file.
    let told = app
        .store()
        .outbox(Some("ana.reyes@example.org"), 10)
        .await
        .expect("the outbox");
    let confirmation = told
        .iter()
        .find(|m| m.purpose == "coaching-booked")
        .unwrap_or_else(|| panic!("a confirmation: {told:?}"));
    assert_eq!(confirmation.language, "es");
    assert!(
        confirmation.body.contains("Tiene una cita con Lucía Gómez"),
        "{}",
        confirmation.body
    );
    let calendar = confirmation.calendar.as_deref().expect("a calendar file");
    assert!(calendar.contains("BEGIN:VEVENT"), "{calendar}");
    assert!(
        calendar.contains("SUMMARY:Asesoría con Lucía Gómez"),
        "{calendar}"
    );

    // Lucía opens the appointment on her desk and writes a note.
    let coach = browsing.driver.desktop_session("en-US").await;
    sign_in(&coach, site, LUCIA).await;
    click_to(&coach, ".main-nav a[href='/coach']", "/coach").await;
    assert_accessible(&coach, "the coach's desk").await;
    let appointment = app
        .store()
        .provider_appointments(testing::provider_number(ANA))
        .await
        .expect("her appointments")
        .pop()
        .expect("one appointment");
    let page = format!("/coach/appointments/{}", appointment.id);
    click_to(&coach, &format!("main a[href='{page}']"), &page).await;
    let summary = text_of(&coach, "main").await;
    assert!(summary.contains("Ana Reyes"), "{summary}");
    assert!(summary.contains("Hours per pathway"), "{summary}");
    assert_accessible(&coach, "an appointment on the coach's desk").await;
    fill(
        &coach,
        "note",
        "Wants help with the claim form; send her the guide.",
    )
    .await;
    click_to(
        &coach,
        &format!("form[action='{page}/notes'] button"),
        &page,
    )
    .await;
    assert_eq!(text_of(&coach, ".notice-text").await, "The note is saved.");
    assert!(
        text_of(&coach, "main")
            .await
            .contains("Wants help with the claim form; send her the guide.")
    );
    assert_accessible(&coach, "the appointment with its note").await;
    coach.quit().await;

    // Ana asks about registering for GHS-101 (taught by V1).
    ana.goto(&site.url("/help/ask")).await;
    let category = ana.find("#category-course-registration").await;
    ana.click(&category).await;
    fill(&ana, "course", "GHS-101").await;
    fill(&ana, "subject", SUBJECT).await;
    fill(
        &ana,
        "body",
        "Trabajo entre semana. ¿Hay una clase el sábado?",
    )
    .await;
    click_to(&ana, "main form button[type=submit]", "/help/ask").await;
    let sent = text_of(&ana, ".notice-text").await;
    assert!(!sent.is_empty(), "she is told where it went");
    assert_accessible(&ana, "her question sent").await;
    assert_no_message_keys(&ana, "her question sent").await;
    ana.quit().await;

    // It reaches V1's staff, and neither V2's nor the service desk.
    for (login, sees) in [(V1_STAFF, true), (V2_STAFF, false), (DESK, false)] {
        let staff = browsing.driver.desktop_session("en-US").await;
        sign_in(&staff, site, login).await;
        click_to(&staff, ".main-nav a[href='/desk/tickets']", "/desk/tickets").await;
        let listed = text_of(&staff, "main").await;
        assert_eq!(listed.contains(SUBJECT), sees, "{login}: {listed}");
        assert_accessible(&staff, &format!("questions to answer ({login})")).await;
        staff.quit().await;
    }
}

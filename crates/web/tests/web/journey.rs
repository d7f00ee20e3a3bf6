//! Issue 4's journey in a real headless Chromium, every step through the pages as a person
//! takes it: a vendor writes a course and a session, the program approves it, one provider
//! finds it on a phone and takes the only seat, a second waits, the first cancels and the
//! second is given the seat and told. axe-core checks every page on the way.

use std::time::Instant;

use pathways_app::access::Caller;
use pathways_domain::access::Role;
use pathways_domain::entities::Provider;
use pathways_domain::ids::ProviderNumber;
use pathways_domain::policy::PolicyVersion;
use pathways_domain::testing;
use pathways_store::Batch;
use pathways_store::accounts::Channel;
use pathways_web::i18n::{Arg, Locale, Translator};
use serde_json::json;
use time::macros::date;

use crate::axe::assert_accessible;
use crate::browser::{
    assert_fits_a_phone, assert_no_message_keys, click_to, fill, start_browsing, text_of,
};
use crate::helpers::{GOOD_PASSWORD, Served, TestApp};
use crate::webdriver::Session;

const VENDOR_EMAIL: &str = "lena@valleycare.example";
const ADMIN_EMAIL: &str = "omar@dss.example";
const COURSE: &str = "CPC-410";
const COURSE_TITLE: &str = "Wound Care at Home";
const SESSION: &str = "CPC-410-MAR";

/// Two eligible providers in the providers file, each with an account and a password: A reads
/// English, B Spanish (the language the program's file has for them).
async fn add_providers(app: &TestApp) -> (ProviderNumber, ProviderNumber) {
    let a = Provider {
        first_name: "Mai".into(),
        last_name: "Tran".into(),
        email: Some("mai.tran@example.org".into()),
        last_paid_on: Some(date!(2026 - 02 - 01)),
        ..testing::provider(410_000_001)
    };
    let b = Provider {
        first_name: "Lucía".into(),
        last_name: "Herrera".into(),
        email: Some("lucia.herrera@example.org".into()),
        language: testing::language("es"),
        last_paid_on: Some(date!(2026 - 02 - 01)),
        ..testing::provider(410_000_002)
    };
    let numbers = (a.number, b.number);
    let mut tx = app.store().begin_import().await.expect("an import");
    tx.upsert(&Batch::Providers(vec![a, b]))
        .await
        .expect("providers");
    tx.commit().await.expect("commit");
    for (number, locale) in [(numbers.0, Locale::En), (numbers.1, Locale::Es)] {
        app.accounts()
            .create_provider_account(&Caller::command_line(), number, GOOD_PASSWORD, locale)
            .await
            .expect("a provider account");
    }
    numbers
}

/// The text of the card in a list of courses that shows `number`.
async fn card_text(session: &Session, number: &str) -> String {
    let text = session
        .eval(
            "return [...document.querySelectorAll('.class-card')] \
             .map(card => card.innerText).find(text => text.includes(arguments[0])) || ''",
            &[json!(number)],
        )
        .await;
    text.as_str().unwrap_or_default().to_owned()
}

/// Signs in on the sign-in page (checked by axe the first time, `check`) and lands on the
/// account page.
async fn sign_in(session: &Session, site: &Served, login: &str, check: bool) {
    session.goto(&site.url("/sign-in")).await;
    if check {
        assert_accessible(session, "/sign-in").await;
    }
    fill(session, "login", login).await;
    fill(session, "password", GOOD_PASSWORD).await;
    click_to(session, "main form button[type=submit]", "/account").await;
}

/// Chooses an option of a drop-down, as a person picks it from the list.
async fn choose(session: &Session, select: &str, value: &str) {
    let option = session
        .find(&format!("#{select} option[value='{value}']"))
        .await;
    session.click(&option).await;
}

/// Types a date and time into a `datetime-local` field as a person does in an English
/// browser: the date's digits (month, day, year), Tab to the time (the year does not move on
/// by itself), then the time's digits and AM or PM.
async fn fill_date_time(session: &Session, id: &str, date: &str, time: &str) {
    /// WebDriver's code for the Tab key.
    const TAB: char = '\u{E004}';
    fill(session, id, &format!("{date}{TAB}{time}")).await;
}

#[tokio::test]
async fn a_vendor_publishes_a_course_through_review_and_a_waitlisted_provider_gets_the_seat_given_up_with_no_accessibility_problems_on_the_way()
 {
    let Some(browsing) = start_browsing().await else {
        return;
    };
    let started = Instant::now();
    let (app, site) = (&browsing.app, &browsing.site);
    app.store()
        .add_policy_version(&PolicyVersion::program_year(
            "2025-10",
            date!(2025 - 10 - 01),
        ))
        .await
        .expect("a policy");
    app.staff(Role::VendorStaff, VENDOR_EMAIL, Some("V1"), None)
        .await;
    app.staff(Role::ProgramAdmin, ADMIN_EMAIL, None, None).await;
    let (a, b) = add_providers(app).await;
    let en = Translator::new(Locale::En);
    let es = Translator::new(Locale::Es);
    let courses = "/vendors/V1/courses";

    // The vendor writes the course as a draft: first sent empty, then filled in.
    let vendor = browsing.driver.desktop_session("en-US").await;
    sign_in(&vendor, site, VENDOR_EMAIL, true).await;
    click_to(&vendor, &format!(".main-nav a[href='{courses}']"), courses).await;
    assert_accessible(&vendor, "the vendor's courses").await;
    let new_course = format!("{courses}/new");
    click_to(
        &vendor,
        &format!("main a[href='{new_course}']"),
        &new_course,
    )
    .await;
    assert_accessible(&vendor, "the new course form").await;
    click_to(&vendor, "main form button[type=submit]", &new_course).await;
    vendor
        .wait_until(
            "the form's problems",
            "return document.querySelector('.error-summary') !== null",
            &[],
        )
        .await;
    assert_accessible(&vendor, "the new course form with its problems").await;
    fill(&vendor, "course_number", COURSE).await;
    fill(&vendor, "title", COURSE_TITLE).await;
    fill(&vendor, "credit_hours", "2").await;
    fill(&vendor, "languages", "en, es").await;
    choose(&vendor, "pathway", "CPC").await;
    choose(&vendor, "modality", "in-person").await;
    fill(
        &vendor,
        "description",
        "How to clean and dress small wounds, keep them from getting infected, and know when \
         to call the nurse.",
    )
    .await;
    click_to(&vendor, "main form button[type=submit]", courses).await;
    assert_eq!(
        text_of(&vendor, ".notice-text").await,
        en.t("course-notice-created")
    );
    assert_accessible(&vendor, "the vendor's courses, with the new draft").await;

    // Sent for review, then a session with one seat.
    click_to(
        &vendor,
        &format!("form[action='{courses}/{COURSE}/submit'] button"),
        courses,
    )
    .await;
    assert_eq!(
        text_of(&vendor, ".notice-text").await,
        en.t("course-notice-submitted")
    );
    let new_session = format!("{courses}/{COURSE}/sessions/new");
    click_to(
        &vendor,
        &format!("main a[href='{new_session}']"),
        &new_session,
    )
    .await;
    assert_accessible(&vendor, "the new session form").await;
    fill(&vendor, "session_id", SESSION).await;
    fill_date_time(&vendor, "starts_at", "03182026", "1000AM").await;
    fill_date_time(&vendor, "ends_at", "03182026", "0130PM").await;
    fill(&vendor, "location", "500 J St, Sacramento, CA 95814").await;
    fill(&vendor, "capacity", "1").await;
    click_to(&vendor, "main form button[type=submit]", courses).await;
    assert_eq!(
        text_of(&vendor, ".notice-text").await,
        en.t("course-notice-session")
    );
    let card = card_text(&vendor, COURSE).await;
    assert!(
        card.contains(&en.t("course-status-submitted")),
        "the course waits for review: {card}"
    );

    // The program admin approves it, which publishes it.
    let admin = browsing.driver.desktop_session("en-US").await;
    sign_in(&admin, site, ADMIN_EMAIL, false).await;
    click_to(
        &admin,
        ".main-nav a[href='/admin/courses']",
        "/admin/courses",
    )
    .await;
    assert_accessible(&admin, "the review queue").await;
    let review = format!("/admin/courses/{COURSE}");
    click_to(&admin, &format!("main a[href='{review}']"), &review).await;
    assert_eq!(text_of(&admin, "h1").await, COURSE_TITLE);
    assert_accessible(&admin, "the course under review").await;
    click_to(
        &admin,
        &format!("form[action='{review}/approve'] button"),
        "/admin/courses",
    )
    .await;
    assert_eq!(
        text_of(&admin, ".notice-text").await,
        en.t("review-notice-approved")
    );
    assert_accessible(&admin, "the review queue after approving").await;
    admin.quit().await;

    // Provider A, on a phone, finds it with words and filters, and takes the only seat.
    let phone_a = browsing.driver.phone_session("en-US").await;
    sign_in(&phone_a, site, &a.to_string(), false).await;
    click_to(&phone_a, ".main-nav a[href='/courses']", "/courses").await;
    fill(&phone_a, "q", "wound").await;
    // On a phone the filters are folded under the search box; the summary opens them.
    let summary = phone_a.find(".filter-panel-summary").await;
    phone_a.click(&summary).await;
    choose(&phone_a, "pathway", "CPC").await;
    let seats = phone_a.find("#seats").await;
    phone_a.click(&seats).await;
    click_to(&phone_a, ".filter-panel button[type=submit]", "/courses").await;
    phone_a
        .wait_until(
            "the filtered list",
            "return new URLSearchParams(location.search).get('q') === 'wound'",
            &[],
        )
        .await;
    let url = phone_a.url().await;
    assert!(
        url.contains("pathway=CPC") && url.contains("seats=yes"),
        "{url}"
    );
    assert_eq!(
        text_of(&phone_a, ".course-card-title a").await,
        COURSE_TITLE,
        "the one course that matches"
    );
    assert_fits_a_phone(&phone_a, "the filtered list").await;
    assert_accessible(&phone_a, "the catalog with a search and filters").await;
    let course_page = format!("/courses/{COURSE}");
    click_to(&phone_a, ".course-card-title a", &course_page).await;
    assert_fits_a_phone(&phone_a, "the course page").await;
    assert_accessible(&phone_a, "the course page, signed in").await;
    let register = format!("form[action='/sessions/{SESSION}/register'] button");
    assert_eq!(
        text_of(&phone_a, &register).await,
        en.t("registration-register")
    );
    click_to(&phone_a, &register, &course_page).await;
    assert_eq!(
        text_of(&phone_a, ".notice-text").await,
        en.t("registration-notice-registered")
    );
    assert_fits_a_phone(&phone_a, "the course page after registering").await;
    assert_accessible(&phone_a, "the course page after registering").await;

    // Provider B, in Spanish, finds the class full and joins the waitlist.
    let phone_b = browsing.driver.phone_session("es").await;
    sign_in(&phone_b, site, &b.to_string(), false).await;
    phone_b.goto(&site.url(&course_page)).await;
    let join = format!("form[action='/sessions/{SESSION}/register'] button");
    assert_eq!(
        text_of(&phone_b, &join).await,
        es.t("registration-join-waitlist")
    );
    click_to(&phone_b, &join, &course_page).await;
    assert_eq!(
        text_of(&phone_b, ".notice-text").await,
        es.t_args(
            "registration-notice-waitlisted",
            &[("position", Arg::from(1_u64))]
        )
    );
    assert_no_message_keys(&phone_b, "the course page in Spanish, waitlisted").await;
    assert_accessible(&phone_b, "the course page in Spanish, waitlisted").await;

    // A gives the seat up from "My classes".
    let classes_a = format!("/providers/{a}/classes");
    click_to(
        &phone_a,
        &format!(".main-nav a[href='{classes_a}']"),
        &classes_a,
    )
    .await;
    assert_eq!(
        text_of(&phone_a, ".class-card .class-title").await,
        COURSE_TITLE
    );
    assert_fits_a_phone(&phone_a, "my classes").await;
    assert_accessible(&phone_a, "my classes").await;
    click_to(
        &phone_a,
        &format!("form[action='/sessions/{SESSION}/cancel'] button"),
        &classes_a,
    )
    .await;
    assert_eq!(
        text_of(&phone_a, ".notice-text").await,
        en.t("registration-notice-cancelled")
    );
    assert!(
        text_of(&phone_a, "main")
            .await
            .contains(&en.t("classes-none"))
    );
    assert_accessible(&phone_a, "my classes, none left").await;
    phone_a.quit().await;

    // B now holds the seat, and the message telling her waits in the outbox, in Spanish,
    // with the class for her calendar.
    let classes_b = format!("/providers/{b}/classes");
    click_to(
        &phone_b,
        &format!(".main-nav a[href='{classes_b}']"),
        &classes_b,
    )
    .await;
    assert!(
        text_of(&phone_b, ".class-card")
            .await
            .contains(&es.t("registration-status-registered")),
        "B is registered"
    );
    assert_fits_a_phone(&phone_b, "mis clases").await;
    assert_accessible(&phone_b, "my classes in Spanish").await;
    phone_b.quit().await;

    let told = app
        .store()
        .outbox(Some("lucia.herrera@example.org"), 10)
        .await
        .expect("the outbox");
    let promoted = told
        .iter()
        .find(|m| m.purpose == "session-promoted")
        .unwrap_or_else(|| panic!("a message that the seat is hers: {told:?}"));
    assert_eq!(promoted.channel, Channel::Email);
    assert_eq!(promoted.language, "es");
    assert_eq!(
        promoted.subject,
        es.t_args(
            "msg-session-promoted-subject",
            &[("course", Arg::from(COURSE_TITLE.to_owned()))]
        )
    );
    assert!(promoted.body.contains(COURSE_TITLE), "{}", promoted.body);
    let calendar = promoted.calendar.as_deref().expect("a calendar file");
    for line in [
        "BEGIN:VCALENDAR",
        "METHOD:REQUEST",
        "STATUS:CONFIRMED",
        // 10:00 on March 18 in California, as the vendor typed it, is 17:00 UTC.
        "DTSTART:20260318T170000Z",
        "DTEND:20260318T203000Z",
        &format!("UID:{SESSION}-{b}@pathways"),
        "LOCATION:500 J St\\, Sacramento\\, CA 95814",
    ] {
        assert!(
            calendar.lines().any(|l| l.trim_end() == line),
            "{line} in {calendar}"
        );
    }

    // The vendor sees the published course with B on the session's roster.
    vendor.goto(&site.url(&course_page)).await;
    assert_accessible(&vendor, "the published course, as its vendor sees it").await;
    let roster = format!("/sessions/{SESSION}/roster");
    click_to(&vendor, &format!("main a[href='{roster}']"), &roster).await;
    assert!(text_of(&vendor, "main").await.contains(&b.to_string()));
    assert_accessible(&vendor, "the session's roster").await;
    vendor.quit().await;
    eprintln!(
        "the journey took {:.1} s in the browser",
        started.elapsed().as_secs_f64()
    );
}

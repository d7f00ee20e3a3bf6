//! axe-core over the pages the journeys do not reach, and over the states of pages that only
//! show when something is wrong (a form's problems, a refused registration), for each kind of
//! person; and a check that the check itself finds problems.

use pathways_app::access::Caller;
use pathways_domain::access::Role;
use pathways_domain::testing;
use pathways_web::i18n::Locale;

use crate::axe::{accessibility_problems, assert_accessible};
use crate::browser::{Browsing, click_to, fill, start_browsing};
use crate::helpers::GOOD_PASSWORD;
use crate::webdriver::Session;

/// Signs in through the sign-in page.
async fn sign_in(browsing: &Browsing, session: &Session, login: &str) {
    session.goto(&browsing.site.url("/sign-in")).await;
    fill(session, "login", login).await;
    fill(session, "password", GOOD_PASSWORD).await;
    click_to(session, "main form button[type=submit]", "/account").await;
}

/// Opens each page in turn and checks it.
async fn check_pages(browsing: &Browsing, session: &Session, who: &str, paths: &[&str]) {
    for path in paths {
        session.goto(&browsing.site.url(path)).await;
        assert_accessible(session, &format!("{path} ({who})")).await;
    }
}

#[tokio::test]
async fn every_other_page_and_the_pages_that_show_problems_pass_the_accessibility_check() {
    let Some(browsing) = start_browsing().await else {
        return;
    };
    let app = &browsing.app;
    app.staff(Role::ProgramAdmin, "omar@dss.example", None, None)
        .await;
    app.staff(
        Role::VendorStaff,
        "lena@valleycare.example",
        Some("V1"),
        None,
    )
    .await;
    // Her enrollment lapsed (the builder's last payroll is long ago): registering is refused.
    app.add_provider(123_456_789, "Alvarez", "(916) 555-0142", None)
        .await;
    app.accounts()
        .create_provider_account(
            &Caller::command_line(),
            testing::provider_number(123_456_789),
            GOOD_PASSWORD,
            Locale::Es,
        )
        .await
        .expect("a provider account");
    // Her question about getting paid, with a file, answered once by the desk.
    let help = pathways_app::help::Help::new(app.store_arc());
    let her = Caller {
        actor: pathways_domain::access::Actor::Provider {
            provider: testing::provider_number(123_456_789),
        },
        account: None,
        label: "provider".into(),
    };
    let (ticket, _) = help
        .ask(
            Some(&her),
            &pathways_app::help::Question {
                category: pathways_domain::coaching::TicketCategory::PaymentsAndClaims,
                subject: "Mi pago".into(),
                body: "¿Cuándo llega mi pago?".into(),
                contact_name: None,
                contact: None,
                language: "es".into(),
                attachment: Some(pathways_app::help::Upload {
                    file_name: "talon.pdf".into(),
                    bytes: b"%PDF-1.4".to_vec(),
                }),
            },
        )
        .await
        .expect("a question");
    help.reply(
        &Caller {
            actor: pathways_domain::access::Actor::ServiceDesk,
            account: None,
            label: "desk".into(),
        },
        ticket,
        &pathways_app::help::Reply {
            canned: Some("when-paid".into()),
            ..Default::default()
        },
    )
    .await
    .expect("an answer");
    let ticket_page = format!("/tickets/{ticket}");
    // A coach with weekly hours and a day off.
    let coaching = pathways_app::coaching::Coaching::new(app.store_arc(), Default::default());
    let admin_caller = Caller {
        actor: pathways_domain::access::Actor::ProgramAdmin,
        account: None,
        label: "admin".into(),
    };
    let coach = coaching
        .add_coach(
            &admin_caller,
            &pathways_store::NewCoach {
                name: "Rosa Martinez".into(),
                languages: vec!["es".into(), "en".into()],
                topics: vec![pathways_domain::coaching::HelpTopic::Payments],
                account: None,
            },
        )
        .await
        .expect("a coach");
    coaching
        .publish_hours(
            &admin_caller,
            coach,
            &pathways_domain::coaching::Availability::new(
                vec![pathways_domain::coaching::WeeklyHours {
                    weekday: time::Weekday::Monday,
                    start: time::macros::time!(9:00),
                    end: time::macros::time!(12:00),
                }],
                vec![pathways_domain::coaching::TimeOff {
                    from: time::macros::datetime!(2026-03-09 00:00),
                    until: time::macros::datetime!(2026-03-10 00:00),
                }],
            )
            .expect("hours"),
        )
        .await
        .expect("published");
    let hours_page = format!("/coaches/{coach}/hours");

    // Signed out, on a phone: forms sent with problems, a missing page, a course whose
    // vendor takes registrations itself.
    let visitor = browsing.driver.phone_session("en-US").await;
    check_pages(
        &browsing,
        &visitor,
        "signed out",
        &[
            "/courses?from=2026-02-30&to=soon&seats=maybe",
            "/courses/NOPE-1",
            "/courses/CPC-201",
            "/password/forgot",
            "/certificates?number=PW-2345678923XY",
        ],
    )
    .await;
    visitor.goto(&browsing.site.url("/sign-in")).await;
    fill(&visitor, "login", "omar@dss.example").await;
    fill(&visitor, "password", "not the password").await;
    click_to(&visitor, "main form button[type=submit]", "/sign-in").await;
    assert_accessible(&visitor, "/sign-in with a wrong password").await;
    visitor.goto(&browsing.site.url("/register")).await;
    click_to(&visitor, "main form button[type=submit]", "/register").await;
    assert_accessible(&visitor, "/register sent empty").await;
    visitor.quit().await;

    // A provider, in Spanish on a phone: a registration the rules refuse, her own records.
    let provider = browsing.driver.phone_session("es").await;
    sign_in(&browsing, &provider, "123456789").await;
    provider.goto(&browsing.site.url("/courses/GHS-101")).await;
    click_to(
        &provider,
        "form[action='/sessions/S-MARCH/register'] button",
        "/courses/GHS-101",
    )
    .await;
    assert!(
        provider
            .eval(
                "return document.querySelector('.error-summary') !== null",
                &[]
            )
            .await
            == true,
        "the refusal is shown"
    );
    assert_accessible(&provider, "/courses/GHS-101 with a refused registration").await;
    check_pages(
        &browsing,
        &provider,
        "provider",
        &[
            "/providers/123456789",
            "/providers/123456789/progress",
            "/providers/123456789/claims",
            "/providers/123456789/coaching?topic=payments&language=es",
            "/help",
            "/help/ask",
            &ticket_page,
        ],
    )
    .await;
    provider.quit().await;

    // Program staff at a desk: accounts, audit, policy, finding a provider, a roster, a
    // published course's review page.
    let admin = browsing.driver.desktop_session("en-US").await;
    sign_in(&browsing, &admin, "omar@dss.example").await;
    check_pages(
        &browsing,
        &admin,
        "program admin",
        &[
            "/admin/accounts",
            "/admin/accounts/new",
            "/admin/audit",
            "/admin/policy",
            "/admin/policy/new",
            "/admin/policy/2022-10",
            "/incentives/outreach",
            "/admin/claims",
            "/admin/payroll",
            "/providers?number=123456789",
            "/providers/123456789",
            "/providers/123456789/progress",
            "/sessions/S-MARCH/roster",
            "/admin/courses/GHS-101",
            "/courses?from=2026-02-30",
            "/desk/tickets",
            &ticket_page,
            "/coach",
            "/admin/coaches",
            &hours_page,
        ],
    )
    .await;
    admin.quit().await;

    // Vendor staff: held attendance and API tokens.
    let vendor = browsing.driver.desktop_session("en-US").await;
    sign_in(&browsing, &vendor, "lena@valleycare.example").await;
    check_pages(
        &browsing,
        &vendor,
        "vendor staff",
        &["/vendors/V1/attendance/held", "/vendors/V1/api-tokens"],
    )
    .await;
    vendor.quit().await;
}

/// A page with an image that has no text alternative and a box with no label must fail the
/// check, naming both rules and both elements, or a check that ran nothing would pass every
/// page.
#[tokio::test]
async fn the_accessibility_check_names_each_problem_it_finds() {
    let Some(browsing) = start_browsing().await else {
        return;
    };
    let session = browsing.driver.phone_session("en-US").await;
    session.goto(&browsing.site.url("/")).await;
    // The page allows no inline script; the check runs all the same, injected by WebDriver.
    let policy = session
        .eval_async(
            "const done = arguments[0]; \
             fetch(location.href).then(r => done(r.headers.get('content-security-policy')))",
            &[],
        )
        .await;
    assert_eq!(
        policy.as_str(),
        Some(pathways_web::CONTENT_SECURITY_POLICY_VALUE)
    );
    session
        .eval(
            "document.querySelector('main').insertAdjacentHTML('beforeend', \
             '<img src=\"/static/none.png\"><input type=\"text\" id=\"nameless\">')",
            &[],
        )
        .await;
    let Some(problems) = accessibility_problems(&session, "a page made worse").await else {
        return;
    };
    session.quit().await;
    assert_eq!(problems.len(), 2, "{problems:#?}");
    let all = problems.concat();
    for expected in [
        "image-alt (critical)",
        "<img src=\"/static/none.png\">",
        "label (critical)",
        "at #nameless",
    ] {
        assert!(all.contains(expected), "{expected} in {all}");
    }
}

//! The account pages through the real router: signing in and out, sessions and their cookies,
//! CSRF, throttling, a provider creating their account, password resets, staff accounts and
//! API tokens. Each test checks what the person sees and what the database holds afterwards.

use axum::http::StatusCode;
use pathways_app::accounts::secret;
use pathways_domain::access::Role;
use pathways_domain::testing;
use pathways_store::accounts::{AccountFilter, AccountId};
use time::OffsetDateTime;

use crate::helpers::{Agent, GOOD_PASSWORD, TestApp, TestResponse, code_in, message_keys};

const SESSION: &str = "pathways_session";

/// Provider 123456789, Rosa Alvarez, phone (916) 555-0142, no account yet.
const ROSA: u32 = 123_456_789;
const ROSA_NUMBER: &str = "123456789";
const ROSA_PHONE: &str = "(916) 555-0142";

async fn with_rosa() -> TestApp {
    let app = TestApp::spawn().await;
    app.add_provider(ROSA, "Alvarez", ROSA_PHONE, None).await;
    app
}

/// Whether the store has a live session for this token.
async fn session_is_live(app: &TestApp, token: &str) -> bool {
    app.store()
        .session(&secret::hash(token), OffsetDateTime::now_utc())
        .await
        .expect("the store answers")
        .is_some()
}

fn location(response: &TestResponse) -> &str {
    response.header("location")
}

/// Fails when a message key shows on the page instead of its text.
fn assert_translated(page: &TestResponse, context: &str) {
    for key in message_keys() {
        for shown in [
            format!(">{key}<"),
            format!("> {key}"),
            format!("aria-label=\"{key}\""),
            format!("<title>{key}"),
        ] {
            assert!(
                !page.body.contains(&shown),
                "{context}: the key {key} shows untranslated"
            );
        }
    }
    assert!(
        !page.body.contains("{ $"),
        "{context}: a Fluent placeable shows"
    );
}

/// Creates Rosa's account through the two registration pages; the browser is signed in after.
async fn register_rosa(browser: &mut Agent<'_>, app: &TestApp) {
    let sent = browser
        .submit(
            "/register",
            "/register",
            &[
                ("provider_number", ROSA_NUMBER),
                ("last_name", "alvarez"),
                ("contact", "916-555-0142"),
            ],
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let code_page = location(&sent).to_owned();
    assert!(
        code_page.starts_with("/register/code?challenge="),
        "{code_page}"
    );
    let message = app
        .store()
        .outbox(Some(ROSA_PHONE), 1)
        .await
        .expect("the outbox")
        .pop()
        .expect("a message to Rosa's phone");
    let code = code_in(&message.body);
    let challenge = code_page.split('=').nth(1).expect("a challenge");
    let done = browser
        .submit(
            &code_page,
            "/register/code",
            &[
                ("challenge", challenge),
                ("code", &code),
                ("password", GOOD_PASSWORD),
                ("confirm", GOOD_PASSWORD),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(location(&done), "/account?notice=welcome");
}

/// Sends the registration code form with a good password.
async fn send_code(
    browser: &mut Agent<'_>,
    page: &str,
    challenge: &str,
    code: &str,
) -> TestResponse {
    browser
        .submit(
            page,
            "/register/code",
            &[
                ("challenge", challenge),
                ("code", code),
                ("password", GOOD_PASSWORD),
                ("confirm", GOOD_PASSWORD),
            ],
        )
        .await
}

// ---- the header ------------------------------------------------------------------------------

#[tokio::test]
async fn the_header_offers_sign_in_to_visitors_and_shows_the_person_and_sign_out_when_signed_in() {
    let app = TestApp::spawn().await;
    app.staff(Role::Coach, "casey@example.org", None, None)
        .await;
    let mut browser = app.browser();

    let page = browser.get("/courses").await;
    assert!(
        page.body
            .contains("<a class=\"account-link\" href=\"/sign-in?next=/courses\">Sign in</a>"),
        "{}",
        page.body
    );
    assert!(!page.body.contains("action=\"/sign-out\""));

    browser.sign_in("casey@example.org", GOOD_PASSWORD).await;
    let page = browser.get("/courses").await;
    assert!(page.body.contains("Staff casey"), "the person's name");
    assert!(page.body.contains("href=\"/account\">My account</a>"));
    assert!(
        page.body
            .contains("<form class=\"sign-out-form\" method=\"post\" action=\"/sign-out\">")
    );
    assert!(!page.body.contains(">Sign in</a>"));
    // The sign-out form carries the session's CSRF token.
    let session_csrf = page.csrf();
    assert_ne!(Some(session_csrf.as_str()), browser.cookie("pathways_csrf"));

    // Error pages show the same header.
    let missing = browser.get("/no/such/page").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.body.contains("Staff casey"));
}

// ---- signing in and out ----------------------------------------------------------------------

#[tokio::test]
async fn the_sign_in_form_has_labels_autocomplete_hints_and_a_csrf_field() {
    let app = TestApp::spawn().await;
    let page = app.browser().get("/sign-in?next=/courses").await;
    assert_eq!(page.status, StatusCode::OK);
    for expected in [
        "<label class=\"label\" for=\"login\">Email or provider number</label>",
        "autocomplete=\"username\"",
        "autocomplete=\"current-password\"",
        "aria-describedby=\"login-hint\"",
        "type=\"password\"",
        "name=\"next\" value=\"/courses\"",
        "href=\"/register\"",
        "href=\"/password/forgot\"",
    ] {
        assert!(page.body.contains(expected), "{expected}");
    }
    assert_eq!(page.csrf().len(), 64);
}

#[tokio::test]
async fn signing_in_sets_a_new_session_token_every_time_and_ends_the_previous_session() {
    let app = TestApp::spawn().await;
    app.staff(Role::Coach, "casey@example.org", None, None)
        .await;
    let mut browser = app.browser();

    let answer = browser
        .submit(
            "/sign-in?next=/courses%3Fpathway%3DGHS",
            "/sign-in",
            &[
                ("login", "Casey@Example.org"),
                ("password", GOOD_PASSWORD),
                ("next", "/courses?pathway=GHS"),
            ],
        )
        .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER);
    assert_eq!(location(&answer), "/courses?pathway=GHS");
    let first = browser.cookie(SESSION).expect("a session").to_owned();
    assert_eq!(first.len(), 64);
    assert!(session_is_live(&app, &first).await);

    // Signed in, the sign-in page sends the person on.
    let again = browser.get("/sign-in").await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    assert_eq!(location(&again), "/account");

    // Signing in again (a form left open on a shared computer) gives a new token; the old one
    // stops working.
    let csrf = browser.get("/account").await.csrf();
    let answer = browser
        .post(
            "/sign-in",
            &[
                ("csrf", &csrf),
                ("login", "casey@example.org"),
                ("password", GOOD_PASSWORD),
            ],
        )
        .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER);
    let second = browser.cookie(SESSION).expect("a session").to_owned();
    assert_ne!(first, second);
    assert!(
        !session_is_live(&app, &first).await,
        "the old session ended"
    );
    assert!(session_is_live(&app, &second).await);
    assert_eq!(browser.get("/account").await.status, StatusCode::OK);
}

#[tokio::test]
async fn after_signing_in_only_pages_on_this_site_are_followed() {
    let app = TestApp::spawn().await;
    app.staff(Role::Coach, "casey@example.org", None, None)
        .await;
    for next in [
        "//evil.example/",
        "https://evil.example/",
        "/\\evil.example",
        "",
    ] {
        let mut browser = app.browser();
        let answer = browser
            .submit(
                "/sign-in",
                "/sign-in",
                &[
                    ("login", "casey@example.org"),
                    ("password", GOOD_PASSWORD),
                    ("next", next),
                ],
            )
            .await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER);
        assert_eq!(location(&answer), "/account", "next = {next:?}");
    }
}

#[tokio::test]
async fn session_cookies_are_http_only_same_site_and_secure_when_the_site_is_served_over_https() {
    for secure in [false, true] {
        let app = TestApp::spawn_with(|c| c.secure_cookies = secure).await;
        app.staff(Role::Coach, "casey@example.org", None, None)
            .await;
        let mut browser = app.browser();
        let first = browser.get("/sign-in").await;
        let csrf_cookie = first.set_cookie("pathways_csrf").expect("a CSRF cookie");
        assert!(csrf_cookie.contains("; HttpOnly"), "{csrf_cookie}");
        assert!(csrf_cookie.contains("; SameSite=Strict"), "{csrf_cookie}");
        assert!(csrf_cookie.contains("; Path=/"), "{csrf_cookie}");
        assert_eq!(csrf_cookie.contains("; Secure"), secure, "{csrf_cookie}");

        let answer = browser
            .post(
                "/sign-in",
                &[
                    ("csrf", &first.csrf()),
                    ("login", "casey@example.org"),
                    ("password", GOOD_PASSWORD),
                ],
            )
            .await;
        let session = answer.set_cookie(SESSION).expect("a session cookie");
        assert!(session.contains("; HttpOnly"), "{session}");
        assert!(session.contains("; SameSite=Lax"), "{session}");
        assert!(session.contains("; Path=/"), "{session}");
        assert!(
            !session.contains("Max-Age"),
            "a browser-session cookie: {session}"
        );
        assert_eq!(session.contains("; Secure"), secure, "{session}");

        let out = browser.submit("/account", "/sign-out", &[]).await;
        let expired = out.set_cookie(SESSION).expect("the cookie is removed");
        assert!(expired.contains("Max-Age=0"), "{expired}");
        assert_eq!(expired.contains("; Secure"), secure, "{expired}");
    }
}

#[tokio::test]
async fn a_session_cookie_replayed_after_sign_out_is_refused() {
    let app = TestApp::spawn().await;
    app.staff(Role::Coach, "casey@example.org", None, None)
        .await;
    let mut browser = app.browser();
    browser.sign_in("casey@example.org", GOOD_PASSWORD).await;
    let token = browser.cookie(SESSION).expect("a session").to_owned();
    let account_page = browser.get("/account").await;
    let old_csrf = account_page.csrf();

    let out = browser.post("/sign-out", &[("csrf", &old_csrf)]).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert_eq!(location(&out), "/");
    assert_eq!(
        browser.cookie(SESSION),
        None,
        "the browser forgot the cookie"
    );
    assert!(
        !session_is_live(&app, &token).await,
        "the session ended in the database"
    );

    // Someone who copied the cookie sends it again.
    let mut thief = app.browser();
    thief.set_cookie(SESSION, &token);
    let page = thief.get("/account").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(location(&page), "/sign-in?next=/account");
    let change = thief
        .post(
            "/account/password",
            &[
                ("csrf", &old_csrf),
                ("current_password", GOOD_PASSWORD),
                ("new_password", "a brand new passphrase here"),
                ("confirm_password", "a brand new passphrase here"),
            ],
        )
        .await;
    assert_eq!(change.status, StatusCode::SEE_OTHER);
    assert!(location(&change).starts_with("/sign-in?next="));
    // The password did not change.
    app.browser()
        .sign_in("casey@example.org", GOOD_PASSWORD)
        .await;
}

#[tokio::test]
async fn twenty_wrong_passwords_in_a_row_are_refused_and_then_the_right_one_is_refused_too() {
    let app = TestApp::spawn().await;
    let id = app
        .staff(Role::Coach, "casey@example.org", None, None)
        .await;
    let mut browser = app.browser();
    let mut statuses = Vec::new();
    for attempt in 0..20 {
        let answer = browser
            .submit(
                "/sign-in",
                "/sign-in",
                &[
                    ("login", "casey@example.org"),
                    ("password", &format!("wrong guess number {attempt}")),
                ],
            )
            .await;
        assert!(answer.set_cookie(SESSION).is_none());
        assert!(
            answer.body.contains("There is a problem"),
            "attempt {attempt}"
        );
        statuses.push(answer.status);
    }
    assert!(
        statuses[..10]
            .iter()
            .all(|s| *s == StatusCode::UNAUTHORIZED),
        "{statuses:?}"
    );
    assert!(
        statuses[10..]
            .iter()
            .all(|s| *s == StatusCode::TOO_MANY_REQUESTS),
        "{statuses:?}"
    );

    let right = browser
        .submit(
            "/sign-in",
            "/sign-in",
            &[("login", "casey@example.org"), ("password", GOOD_PASSWORD)],
        )
        .await;
    assert_eq!(right.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(right.body.contains("wait 15 minutes"), "{}", right.body);
    assert!(right.set_cookie(SESSION).is_none());
    assert_eq!(browser.cookie(SESSION), None);
    assert_eq!(
        app.store()
            .delete_account_sessions(id)
            .await
            .expect("the store answers"),
        0,
        "no session exists for the account"
    );
}

#[tokio::test]
async fn a_wrong_password_shows_the_form_again_with_the_reason_and_the_login_kept() {
    let app = TestApp::spawn().await;
    app.staff(Role::Coach, "casey@example.org", None, None)
        .await;
    let answer = app
        .browser()
        .submit(
            "/sign-in",
            "/sign-in",
            &[
                ("login", "casey@example.org"),
                ("password", "not it at all"),
            ],
        )
        .await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    assert!(answer.body.contains("<title>Error: Sign in"));
    assert!(answer.body.contains(
        "<a href=\"#login\">The email or provider number, or the password, is not right."
    ));
    assert!(answer.body.contains("value=\"casey@example.org\""));
    assert!(
        answer
            .body
            .contains("aria-describedby=\"login-hint login-error\"")
    );
    assert!(
        !answer.body.contains("not it at all"),
        "the password is never shown again"
    );

    let empty = app.browser().submit("/sign-in", "/sign-in", &[]).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        empty
            .body
            .contains("href=\"#login\">Enter your email or provider number")
    );
    assert!(
        empty
            .body
            .contains("href=\"#password\">Enter your password")
    );
}

// ---- CSRF ------------------------------------------------------------------------------------

/// The CSRF values a forged form could carry: none, empty, or made up.
const FORGED: [Option<&str>; 3] = [
    None,
    Some(""),
    Some("0000000000000000000000000000000000000000000000000000000000000000"),
];

fn with_csrf<'a>(csrf: Option<&'a str>, fields: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut all: Vec<(&str, &str)> = csrf.map(|c| ("csrf", c)).into_iter().collect();
    all.extend_from_slice(fields);
    all
}

#[tokio::test]
async fn a_sign_in_form_without_the_right_csrf_token_is_refused_and_signs_nobody_in() {
    let app = TestApp::spawn().await;
    let id = app
        .staff(Role::Coach, "casey@example.org", None, None)
        .await;
    for csrf in FORGED {
        let mut browser = app.browser();
        browser.get("/sign-in").await;
        let answer = browser
            .post(
                "/sign-in",
                &with_csrf(
                    csrf,
                    &[("login", "casey@example.org"), ("password", GOOD_PASSWORD)],
                ),
            )
            .await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{csrf:?}");
        assert!(
            answer.body.contains("This form has expired"),
            "{}",
            answer.body
        );
        assert!(answer.set_cookie(SESSION).is_none());
    }
    // Another visitor's token (the attacker's own cookie value) does not work either.
    let attacker = app.browser().get("/sign-in").await.csrf();
    let mut victim = app.browser();
    victim.get("/sign-in").await;
    let answer = victim
        .post(
            "/sign-in",
            &[
                ("csrf", &attacker),
                ("login", "casey@example.org"),
                ("password", GOOD_PASSWORD),
            ],
        )
        .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.store()
            .delete_account_sessions(id)
            .await
            .expect("store"),
        0,
        "no session was made"
    );
}

#[tokio::test]
async fn sign_out_password_change_token_and_account_forms_without_the_right_csrf_token_change_nothing()
 {
    let app = TestApp::spawn().await;
    app.staff(Role::ProgramAdmin, "pat@example.org", None, None)
        .await;
    app.staff(Role::VendorStaff, "vera@example.org", Some("V1"), None)
        .await;
    let mut admin = app.browser();
    admin.sign_in("pat@example.org", GOOD_PASSWORD).await;
    let mut vendor = app.browser();
    vendor.sign_in("vera@example.org", GOOD_PASSWORD).await;
    let accounts_before = app
        .store()
        .accounts(&AccountFilter {
            limit: 100,
            ..AccountFilter::default()
        })
        .await
        .expect("accounts");

    for csrf in FORGED {
        // Signing out.
        let answer = admin.post("/sign-out", &with_csrf(csrf, &[])).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "sign-out {csrf:?}");
        assert!(answer.set_cookie(SESSION).is_none());
        let token = admin.cookie(SESSION).expect("still a cookie").to_owned();
        assert!(session_is_live(&app, &token).await, "still signed in");

        // Signing out everywhere.
        let answer = admin
            .post("/account/sign-out-everywhere", &with_csrf(csrf, &[]))
            .await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN);
        assert!(session_is_live(&app, &token).await, "still signed in");

        // Changing the password.
        let answer = admin
            .post(
                "/account/password",
                &with_csrf(
                    csrf,
                    &[
                        ("current_password", GOOD_PASSWORD),
                        ("new_password", "an attacker chose this one"),
                        ("confirm_password", "an attacker chose this one"),
                    ],
                ),
            )
            .await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "password {csrf:?}");

        // Creating an API token.
        let answer = vendor
            .post(
                "/vendors/V1/api-tokens",
                &with_csrf(csrf, &[("name", "Attacker's token")]),
            )
            .await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "token {csrf:?}");
        assert!(!answer.body.contains("pwt_"));

        // Creating an account.
        let answer = admin
            .post(
                "/admin/accounts/new",
                &with_csrf(
                    csrf,
                    &[
                        ("role", "program-admin"),
                        ("email", "mallory@example.org"),
                        ("name", "Mallory"),
                        ("language", "en"),
                    ],
                ),
            )
            .await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "account {csrf:?}");
    }

    assert!(
        app.store()
            .api_tokens(&testing::vendor_code("V1"))
            .await
            .expect("tokens")
            .is_empty(),
        "no token was made"
    );
    let accounts_after = app
        .store()
        .accounts(&AccountFilter {
            limit: 100,
            ..AccountFilter::default()
        })
        .await
        .expect("accounts");
    assert_eq!(
        accounts_before, accounts_after,
        "no account made or changed"
    );
    assert!(
        app.store()
            .account_by_email("mallory@example.org")
            .await
            .expect("store")
            .is_none()
    );
    // The password is unchanged and both people are still signed in.
    assert_eq!(admin.get("/account").await.status, StatusCode::OK);
    assert_eq!(vendor.get("/account").await.status, StatusCode::OK);
    app.browser()
        .sign_in("pat@example.org", GOOD_PASSWORD)
        .await;
}

// ---- a provider's own account ----------------------------------------------------------------

#[tokio::test]
async fn a_provider_creates_an_account_with_the_code_sent_to_their_phone_and_is_signed_in() {
    let app = with_rosa().await;
    let mut browser = app.browser();
    let form = browser.get("/register").await;
    for expected in [
        "for=\"provider_number\"",
        "inputmode=\"numeric\"",
        "autocomplete=\"family-name\"",
        "aria-describedby=\"contact-hint\"",
    ] {
        assert!(form.body.contains(expected), "{expected}");
    }
    register_rosa(&mut browser, &app).await;

    let account = browser.get("/account?notice=welcome").await;
    assert_eq!(account.status, StatusCode::OK);
    assert!(account.body.contains("Your account is ready"));
    assert!(account.body.contains("Rosa Alvarez"));
    assert!(account.body.contains(ROSA_NUMBER));
    assert!(account.body.contains("<dd>Provider</dd>"));
    let stored = app
        .store()
        .account_by_provider(testing::provider_number(ROSA))
        .await
        .expect("store")
        .expect("Rosa's account");
    assert_eq!(stored.role, Role::Provider);

    // Rosa signs out and in again with her provider number.
    let out = browser.submit("/account", "/sign-out", &[]).await;
    assert_eq!(location(&out), "/");
    browser.sign_in(ROSA_NUMBER, GOOD_PASSWORD).await;
}

#[tokio::test]
async fn the_code_message_is_written_in_the_language_the_provider_reads() {
    let app = with_rosa().await;
    let mut browser = app.browser();
    browser.set_cookie("lang", "es");
    let sent = browser
        .submit(
            "/register",
            "/register",
            &[
                ("provider_number", ROSA_NUMBER),
                ("last_name", "Alvarez"),
                ("contact", ROSA_PHONE),
            ],
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER);
    let message = app
        .store()
        .outbox(Some(ROSA_PHONE), 1)
        .await
        .expect("outbox")
        .pop()
        .expect("a message");
    assert_eq!(message.language, "es");
    assert!(message.body.contains("Su código"), "{}", message.body);
    assert!(!message.body.contains('{'), "{}", message.body);
    let page = browser.get(location(&sent)).await;
    assert_eq!(page.html_lang(), "es");
    assert!(page.body.contains("autocomplete=\"one-time-code\""));
    assert!(page.body.contains("Use al menos 15 caracteres"));
}

#[tokio::test]
async fn registration_answers_the_same_for_an_unknown_provider_number_and_for_wrong_details() {
    let app = with_rosa().await;
    let tries = [
        // No such provider.
        ("987654321", "Alvarez", ROSA_PHONE),
        // Rosa's number with another last name.
        (ROSA_NUMBER, "Smith", ROSA_PHONE),
        // Rosa's number and name with another phone.
        (ROSA_NUMBER, "Alvarez", "(916) 555-0000"),
    ];
    let mut answers = Vec::new();
    for (number, name, contact) in tries {
        let mut browser = app.browser();
        let sent = browser
            .submit(
                "/register",
                "/register",
                &[
                    ("provider_number", number),
                    ("last_name", name),
                    ("contact", contact),
                ],
            )
            .await;
        assert_eq!(
            sent.status,
            StatusCode::SEE_OTHER,
            "{number} {name} {contact}"
        );
        let (path, challenge) = location(&sent).split_once('=').expect("a challenge");
        assert_eq!(path, "/register/code?challenge");
        assert_eq!(challenge.len(), 64);
        let page = browser.get(location(&sent)).await;
        assert_eq!(page.status, StatusCode::OK);
        // The pages differ only in their challenge and CSRF token.
        let same = page
            .body
            .replace(challenge, "CHALLENGE")
            .replace(&page.csrf(), "CSRF");
        answers.push((sent.status, sent.body.clone(), same));
    }
    assert!(
        answers.windows(2).all(|w| w[0] == w[1]),
        "the answers differ"
    );
    assert!(
        app.store()
            .outbox(None, 10)
            .await
            .expect("outbox")
            .is_empty(),
        "no message went anywhere"
    );
    assert!(
        app.store()
            .account_by_provider(testing::provider_number(ROSA))
            .await
            .expect("store")
            .is_none()
    );
}

#[tokio::test]
async fn registration_explains_missing_and_malformed_details_next_to_each_field() {
    let app = with_rosa().await;
    let empty = app.browser().submit("/register", "/register", &[]).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.body.contains("<title>Error: Create your account"));
    for (field, text) in [
        ("provider_number", "Enter your provider number"),
        ("last_name", "Enter your last name"),
        ("contact", "Enter your phone number or email address"),
    ] {
        assert!(
            empty
                .body
                .contains(&format!("<a href=\"#{field}\">{text}</a>")),
            "{field}"
        );
        assert!(
            empty.body.contains(&format!("id=\"{field}-error\"")),
            "{field}"
        );
    }
    let malformed = app
        .browser()
        .submit(
            "/register",
            "/register",
            &[
                ("provider_number", "12345"),
                ("last_name", "Alvarez"),
                ("contact", ROSA_PHONE),
            ],
        )
        .await;
    assert_eq!(malformed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(malformed.body.contains("A provider number has 9 digits"));
    assert!(
        malformed.body.contains("value=\"12345\""),
        "what was typed is kept"
    );
}

#[tokio::test]
async fn a_wrong_code_five_times_makes_the_code_stop_working() {
    let app = with_rosa().await;
    let mut browser = app.browser();
    let sent = browser
        .submit(
            "/register",
            "/register",
            &[
                ("provider_number", ROSA_NUMBER),
                ("last_name", "Alvarez"),
                ("contact", ROSA_PHONE),
            ],
        )
        .await;
    let page = location(&sent).to_owned();
    let challenge = page.split('=').nth(1).expect("a challenge").to_owned();
    let message = app
        .store()
        .outbox(Some(ROSA_PHONE), 1)
        .await
        .expect("outbox")
        .pop()
        .expect("a message");
    let code = code_in(&message.body);
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for n in 1..=5 {
        let answer = send_code(&mut browser, &page, &challenge, wrong).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "try {n}");
        assert!(answer.body.contains("The code is not right"), "try {n}");
        assert!(
            answer.body.contains(&format!("value=\"{challenge}\"")),
            "the challenge is kept"
        );
    }
    let right = send_code(&mut browser, &page, &challenge, &code).await;
    assert_eq!(right.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        right.body.contains("This code no longer works"),
        "{}",
        right.body
    );
    assert!(right.body.contains("href=\"/register\">Start again"));
    assert!(right.set_cookie(SESSION).is_none());
    assert!(
        app.store()
            .account_by_provider(testing::provider_number(ROSA))
            .await
            .expect("store")
            .is_none(),
        "no account was made"
    );
}

#[tokio::test]
async fn a_weak_or_mistyped_new_password_is_explained_and_the_code_keeps_working() {
    let app = with_rosa().await;
    let mut browser = app.browser();
    let sent = browser
        .submit(
            "/register",
            "/register",
            &[
                ("provider_number", ROSA_NUMBER),
                ("last_name", "Alvarez"),
                ("contact", ROSA_PHONE),
            ],
        )
        .await;
    let page = location(&sent).to_owned();
    let challenge = page.split('=').nth(1).expect("a challenge").to_owned();
    let message = app
        .store()
        .outbox(Some(ROSA_PHONE), 1)
        .await
        .expect("outbox")
        .pop()
        .expect("a message");
    let code = code_in(&message.body);
    let short = browser
        .submit(
            &page,
            "/register/code",
            &[
                ("challenge", &challenge),
                ("code", &code),
                ("password", "short"),
                ("confirm", "short"),
            ],
        )
        .await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        short
            .body
            .contains("<a href=\"#password\">Your password must have at least 15 characters.")
    );
    let differ = browser
        .submit(
            &page,
            "/register/code",
            &[
                ("challenge", &challenge),
                ("code", &code),
                ("password", GOOD_PASSWORD),
                ("confirm", "purple otters juggle at noon"),
            ],
        )
        .await;
    assert!(
        differ
            .body
            .contains("<a href=\"#confirm\">The two passwords are not the same.")
    );
    let done = browser
        .submit(
            &page,
            "/register/code",
            &[
                ("challenge", &challenge),
                ("code", &code),
                ("password", GOOD_PASSWORD),
                ("confirm", GOOD_PASSWORD),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
}

// ---- passwords -------------------------------------------------------------------------------

#[tokio::test]
async fn a_forgotten_password_is_reset_with_the_code_and_the_old_one_stops_working() {
    let app = with_rosa().await;
    register_rosa(&mut app.browser(), &app).await;

    let mut browser = app.browser();
    let unknown = browser
        .submit(
            "/password/forgot",
            "/password/forgot",
            &[("login", "000000001")],
        )
        .await;
    let sent = browser
        .submit(
            "/password/forgot",
            "/password/forgot",
            &[("login", ROSA_NUMBER)],
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER);
    assert_eq!(unknown.status, sent.status, "the same answer for nobody");
    assert!(location(&unknown).starts_with("/password/reset?challenge="));
    let page = location(&sent).to_owned();
    assert!(page.starts_with("/password/reset?challenge="));
    let message = app
        .store()
        .outbox(Some(ROSA_PHONE), 1)
        .await
        .expect("outbox")
        .pop()
        .expect("a reset message");
    assert_eq!(message.purpose, "reset-code");
    let code = code_in(&message.body);
    let challenge = page.split('=').nth(1).expect("a challenge");
    let new_password = "seven green lanterns by the bay";
    let done = browser
        .submit(
            &page,
            "/password/reset",
            &[
                ("challenge", challenge),
                ("code", &code),
                ("password", new_password),
                ("confirm", new_password),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(location(&done), "/sign-in?notice=password-set");
    let notice = browser.get(location(&done)).await;
    assert!(notice.body.contains("Your new password is saved"));

    let old = browser
        .submit(
            "/sign-in",
            "/sign-in",
            &[("login", ROSA_NUMBER), ("password", GOOD_PASSWORD)],
        )
        .await;
    assert_eq!(old.status, StatusCode::UNAUTHORIZED);
    browser.sign_in(ROSA_NUMBER, new_password).await;
}

#[tokio::test]
async fn changing_the_password_needs_the_current_one_and_signs_out_everywhere() {
    let app = TestApp::spawn().await;
    app.staff(Role::Coach, "casey@example.org", None, None)
        .await;
    let mut phone = app.browser();
    phone.sign_in("casey@example.org", GOOD_PASSWORD).await;
    let mut laptop = app.browser();
    laptop.sign_in("casey@example.org", GOOD_PASSWORD).await;

    let wrong = laptop
        .submit(
            "/account",
            "/account/password",
            &[
                ("current_password", "not my password"),
                ("new_password", "seven green lanterns by the bay"),
                ("confirm_password", "seven green lanterns by the bay"),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        wrong
            .body
            .contains("<a href=\"#current_password\">Your current password is not right")
    );
    assert!(wrong.body.contains("autocomplete=\"new-password\""));

    let changed = laptop
        .submit(
            "/account",
            "/account/password",
            &[
                ("current_password", GOOD_PASSWORD),
                ("new_password", "seven green lanterns by the bay"),
                ("confirm_password", "seven green lanterns by the bay"),
            ],
        )
        .await;
    assert_eq!(changed.status, StatusCode::SEE_OTHER, "{}", changed.body);
    assert_eq!(location(&changed), "/sign-in?notice=password-changed");
    assert_eq!(laptop.cookie(SESSION), None);
    assert_eq!(
        phone.get("/account").await.status,
        StatusCode::SEE_OTHER,
        "signed out"
    );
    laptop
        .sign_in("casey@example.org", "seven green lanterns by the bay")
        .await;
}

#[tokio::test]
async fn signing_out_everywhere_ends_every_session_of_the_account() {
    let app = TestApp::spawn().await;
    app.staff(Role::Coach, "casey@example.org", None, None)
        .await;
    let mut phone = app.browser();
    phone.sign_in("casey@example.org", GOOD_PASSWORD).await;
    let mut laptop = app.browser();
    laptop.sign_in("casey@example.org", GOOD_PASSWORD).await;
    let answer = laptop
        .submit("/account", "/account/sign-out-everywhere", &[])
        .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER);
    assert_eq!(location(&answer), "/sign-in?notice=signed-out-everywhere");
    assert_eq!(phone.get("/account").await.status, StatusCode::SEE_OTHER);
    assert_eq!(laptop.get("/account").await.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn the_language_chosen_on_the_account_page_is_kept_and_followed() {
    let app = TestApp::spawn().await;
    let id = app
        .staff(Role::Coach, "casey@example.org", None, None)
        .await;
    let mut browser = app.browser();
    browser.sign_in("casey@example.org", GOOD_PASSWORD).await;
    let saved = browser
        .submit("/account", "/account/language", &[("language", "zh-Hant")])
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    assert_eq!(browser.cookie("lang"), Some("zh-Hant"));
    let account = app
        .store()
        .account(id)
        .await
        .expect("store")
        .expect("account");
    assert_eq!(account.language, "zh-Hant");
    let page = browser.get(location(&saved)).await;
    assert_eq!(page.html_lang(), "zh-Hant");
    assert!(page.body.contains("語言已經儲存"));
    assert!(
        page.body
            .contains("<option value=\"zh-Hant\" lang=\"zh-Hant\" selected>")
    );

    // On another browser, signing in brings the language along.
    let mut other = app.browser();
    other.sign_in("casey@example.org", GOOD_PASSWORD).await;
    assert_eq!(other.cookie("lang"), Some("zh-Hant"));
}

// ---- staff accounts --------------------------------------------------------------------------

#[tokio::test]
async fn a_program_admin_creates_a_staff_account_whose_activation_email_leads_to_a_first_password()
{
    let app = TestApp::spawn().await;
    app.staff(Role::ProgramAdmin, "pat@example.org", None, None)
        .await;
    let mut admin = app.browser();
    admin.sign_in("pat@example.org", GOOD_PASSWORD).await;

    let form = admin.get("/admin/accounts/new").await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(
        form.body
            .contains("<option value=\"vendor-staff\">Training vendor staff</option>")
    );
    assert!(
        !form.body.contains("<option value=\"provider\">"),
        "providers make their own"
    );

    let missing_vendor = admin
        .submit(
            "/admin/accounts/new",
            "/admin/accounts/new",
            &[
                ("role", "vendor-staff"),
                ("email", "val@example.org"),
                ("name", "Val Vendor"),
                ("language", "es"),
            ],
        )
        .await;
    assert_eq!(missing_vendor.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        missing_vendor
            .body
            .contains("<a href=\"#vendor\">Enter the training vendor code")
    );
    assert!(missing_vendor.body.contains("value=\"val@example.org\""));

    let created = admin
        .submit(
            "/admin/accounts/new",
            "/admin/accounts/new",
            &[
                ("role", "vendor-staff"),
                ("email", "Val@Example.org"),
                ("name", "Val Vendor"),
                ("vendor", "V1"),
                ("language", "es"),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let list = admin.get(location(&created)).await;
    assert!(list.body.contains("The account was created"));
    assert!(list.body.contains("Val Vendor"));
    assert!(list.body.contains("Waiting for first password"));

    let email = app
        .store()
        .outbox(Some("val@example.org"), 1)
        .await
        .expect("outbox")
        .pop()
        .expect("an activation email");
    assert_eq!(email.purpose, "activation");
    assert_eq!(email.language, "es");
    let link_start = email
        .body
        .find("/password/reset?challenge=")
        .expect("a link");
    let link: String = email.body[link_start..]
        .chars()
        .take_while(|c| !c.is_whitespace())
        .collect();
    let challenge = link.split('=').nth(1).expect("a challenge");
    let code = code_in(&email.body);

    let mut val = app.browser();
    let done = val
        .submit(
            &link,
            "/password/reset",
            &[
                ("challenge", challenge),
                ("code", &code),
                ("password", "seven green lanterns by the bay"),
                ("confirm", "seven green lanterns by the bay"),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    val.sign_in("val@example.org", "seven green lanterns by the bay")
        .await;
    let account = val.get("/account").await;
    assert!(account.body.contains("<dd>V1</dd>"));
    assert!(
        account.body.contains("href=\"/vendors/V1/api-tokens\""),
        "the menu"
    );
}

#[tokio::test]
async fn a_program_admin_turns_an_account_off_which_ends_its_sessions_and_on_again() {
    let app = TestApp::spawn().await;
    app.staff(Role::ProgramAdmin, "pat@example.org", None, None)
        .await;
    let coach = app
        .staff(Role::Coach, "casey@example.org", None, None)
        .await;
    let mut admin = app.browser();
    admin.sign_in("pat@example.org", GOOD_PASSWORD).await;
    let mut casey = app.browser();
    casey.sign_in("casey@example.org", GOOD_PASSWORD).await;

    let list = admin.get("/admin/accounts?role=coach").await;
    assert!(list.body.contains("casey@example.org"));
    assert!(!list.body.contains("pat@example.org"), "filtered by role");
    let action = format!("/admin/accounts/{coach}/disable");
    assert!(list.body.contains(&action));
    let off = admin
        .submit(
            "/admin/accounts?role=coach",
            &action,
            &[("back", "role=coach")],
        )
        .await;
    assert_eq!(off.status, StatusCode::SEE_OTHER);
    assert_eq!(
        location(&off),
        "/admin/accounts?role=coach&notice=account-disabled"
    );
    assert_eq!(casey.get("/account").await.status, StatusCode::SEE_OTHER);
    let refused = app
        .browser()
        .submit(
            "/sign-in",
            "/sign-in",
            &[("login", "casey@example.org"), ("password", GOOD_PASSWORD)],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);

    let on = admin
        .submit(
            "/admin/accounts",
            &format!("/admin/accounts/{coach}/enable"),
            &[],
        )
        .await;
    assert_eq!(on.status, StatusCode::SEE_OTHER);
    app.browser()
        .sign_in("casey@example.org", GOOD_PASSWORD)
        .await;
    let missing = admin
        .submit("/admin/accounts", "/admin/accounts/999999/disable", &[])
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn only_program_admins_open_the_account_pages() {
    let app = with_rosa().await;
    app.staff(Role::CountyStaff, "cory@example.org", None, Some(34))
        .await;
    let mut county = app.browser();
    county.sign_in("cory@example.org", GOOD_PASSWORD).await;
    for path in ["/admin/accounts", "/admin/accounts/new"] {
        let page = county.get(path).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{path}");
        assert!(page.body.contains("You cannot see this page"));
    }
    let answer = county
        .submit(
            "/account",
            "/admin/accounts/new",
            &[
                ("role", "program-admin"),
                ("email", "cory2@example.org"),
                ("name", "Cory Again"),
            ],
        )
        .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    assert!(
        app.store()
            .account_by_email("cory2@example.org")
            .await
            .expect("store")
            .is_none()
    );
    let anonymous = app.browser().get("/admin/accounts").await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
    assert_eq!(location(&anonymous), "/sign-in?next=/admin/accounts");
}

// ---- API tokens ------------------------------------------------------------------------------

#[tokio::test]
async fn vendor_staff_create_a_token_whose_secret_is_shown_once_and_revoke_it() {
    let app = TestApp::spawn().await;
    app.staff(Role::VendorStaff, "vera@example.org", Some("V1"), None)
        .await;
    let mut vera = app.browser();
    vera.sign_in("vera@example.org", GOOD_PASSWORD).await;

    let page = vera.get("/vendors/V1/api-tokens").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("API tokens for V1"));
    assert!(page.body.contains("There are no tokens yet."));

    let empty = vera
        .submit(
            "/vendors/V1/api-tokens",
            "/vendors/V1/api-tokens",
            &[("name", " ")],
        )
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        empty
            .body
            .contains("<a href=\"#name\">Enter a name for the token")
    );

    let created = vera
        .submit(
            "/vendors/V1/api-tokens",
            "/vendors/V1/api-tokens",
            &[("name", "Attendance system")],
        )
        .await;
    assert_eq!(created.status, StatusCode::OK);
    assert!(
        created
            .body
            .contains("Copy this token now. We will not show it again.")
    );
    let start = created.body.find("value=\"pwt_").expect("the secret") + 7;
    let end = created.body[start..].find('"').expect("a quote") + start;
    let secret = created.body[start..end].to_owned();
    assert!(secret.starts_with("pwt_"), "{secret}");

    let again = vera.get("/vendors/V1/api-tokens").await;
    assert!(!again.body.contains(&secret), "never shown again");
    assert!(again.body.contains("Attendance system"));
    assert!(
        again.body.contains(&secret[..12]),
        "the prefix tells tokens apart"
    );
    assert!(again.body.contains("<td>Never</td>"), "not used yet");

    let caller = app
        .accounts()
        .api_caller(&secret)
        .await
        .expect("store")
        .expect("the token works");
    assert_eq!(caller.role(), Role::VendorStaff);
    let used = vera.get("/vendors/V1/api-tokens").await;
    assert!(
        !used.body.contains("<td>Never</td>"),
        "its last use is shown"
    );

    let token = app
        .store()
        .api_tokens(&testing::vendor_code("V1"))
        .await
        .expect("tokens")
        .pop()
        .expect("a token");
    let revoke = format!("/vendors/V1/api-tokens/{}/revoke", token.id.0);
    assert!(again.body.contains(&revoke));
    let revoked = vera.submit("/vendors/V1/api-tokens", &revoke, &[]).await;
    assert_eq!(revoked.status, StatusCode::SEE_OTHER);
    let after = vera.get(location(&revoked)).await;
    assert!(after.body.contains("The token is revoked"));
    assert!(after.body.contains("Revoked on"));
    assert!(
        app.accounts()
            .api_caller(&secret)
            .await
            .expect("store")
            .is_none(),
        "the token no longer works"
    );
    let twice = vera.submit("/vendors/V1/api-tokens", &revoke, &[]).await;
    assert_eq!(twice.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_provider_and_another_vendors_staff_cannot_open_or_change_a_vendors_tokens() {
    let app = with_rosa().await;
    register_rosa(&mut app.browser(), &app).await;
    app.staff(Role::VendorStaff, "vera@example.org", Some("V1"), None)
        .await;
    app.staff(Role::VendorStaff, "wes@example.org", Some("V2"), None)
        .await;
    let mut vera = app.browser();
    vera.sign_in("vera@example.org", GOOD_PASSWORD).await;
    vera.submit(
        "/vendors/V1/api-tokens",
        "/vendors/V1/api-tokens",
        &[("name", "V1 system")],
    )
    .await;
    let v1_token = app
        .store()
        .api_tokens(&testing::vendor_code("V1"))
        .await
        .expect("tokens")
        .pop()
        .expect("a token");

    let mut rosa = app.browser();
    rosa.sign_in(ROSA_NUMBER, GOOD_PASSWORD).await;
    let page = rosa.get("/vendors/V1/api-tokens").await;
    assert_eq!(
        page.status,
        StatusCode::FORBIDDEN,
        "a provider never manages tokens"
    );
    let csrf = rosa.get("/account").await.csrf();
    let made = rosa
        .post(
            "/vendors/V1/api-tokens",
            &[("csrf", &csrf), ("name", "Rosa's")],
        )
        .await;
    assert_eq!(made.status, StatusCode::FORBIDDEN);

    let mut wes = app.browser();
    wes.sign_in("wes@example.org", GOOD_PASSWORD).await;
    let page = wes.get("/vendors/V1/api-tokens").await;
    assert!(
        matches!(page.status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND),
        "{}",
        page.status
    );
    assert!(!page.body.contains("V1 system"));
    let csrf = wes.get("/account").await.csrf();
    let made = wes
        .post(
            "/vendors/V1/api-tokens",
            &[("csrf", &csrf), ("name", "Wes's")],
        )
        .await;
    assert!(matches!(
        made.status,
        StatusCode::FORBIDDEN | StatusCode::NOT_FOUND
    ));
    let revoked = wes
        .post(
            &format!("/vendors/V1/api-tokens/{}/revoke", v1_token.id.0),
            &[("csrf", &csrf)],
        )
        .await;
    assert!(matches!(
        revoked.status,
        StatusCode::FORBIDDEN | StatusCode::NOT_FOUND
    ));
    assert_eq!(
        wes.get("/vendors/V2/api-tokens").await.status,
        StatusCode::OK
    );

    let tokens = app
        .store()
        .api_tokens(&testing::vendor_code("V1"))
        .await
        .expect("tokens");
    assert_eq!(tokens.len(), 1, "nothing was made");
    assert!(tokens[0].revoked_at.is_none(), "nothing was revoked");
}

// ---- every page in every language ------------------------------------------------------------

#[tokio::test]
async fn every_account_page_renders_in_all_three_languages_without_message_keys() {
    let app = TestApp::spawn().await;
    let admin_id: AccountId = app
        .staff(Role::ProgramAdmin, "pat@example.org", None, None)
        .await;
    app.staff(Role::VendorStaff, "vera@example.org", Some("V1"), None)
        .await;
    for lang in ["en", "es", "zh-Hant"] {
        let mut visitor = app.browser();
        visitor.set_cookie("lang", lang);
        for path in [
            "/sign-in",
            "/register",
            "/register/code?challenge=abc",
            "/password/forgot",
            "/password/reset?challenge=abc",
        ] {
            let page = visitor.get(path).await;
            assert_eq!(page.status, StatusCode::OK, "{path}");
            assert_eq!(page.html_lang(), lang, "{path}");
            assert_translated(&page, &format!("{path} in {lang}"));
        }
        let failed = visitor.submit("/register", "/register", &[]).await;
        assert_translated(&failed, &format!("register errors in {lang}"));

        let mut admin = app.browser();
        admin.set_cookie("lang", lang);
        admin.sign_in("pat@example.org", GOOD_PASSWORD).await;
        for path in [
            "/account",
            "/admin/accounts",
            "/admin/accounts/new",
            "/vendors/V1/api-tokens",
        ] {
            let page = admin.get(path).await;
            assert_eq!(page.status, StatusCode::OK, "{path} in {lang}");
            assert_eq!(page.html_lang(), lang, "{path}");
            assert_translated(&page, &format!("{path} in {lang}"));
        }
        let failed = admin
            .submit("/admin/accounts/new", "/admin/accounts/new", &[])
            .await;
        assert_translated(&failed, &format!("account errors in {lang}"));
        let failed = admin.submit("/account", "/account/password", &[]).await;
        assert_translated(&failed, &format!("password errors in {lang}"));

        let mut vera = app.browser();
        vera.set_cookie("lang", lang);
        vera.sign_in("vera@example.org", GOOD_PASSWORD).await;
        let forbidden = vera.get("/admin/accounts").await;
        assert_eq!(forbidden.status, StatusCode::FORBIDDEN);
        assert_translated(&forbidden, &format!("forbidden in {lang}"));
        let created = vera
            .submit(
                "/vendors/V1/api-tokens",
                "/vendors/V1/api-tokens",
                &[("name", "System")],
            )
            .await;
        assert_translated(&created, &format!("new token in {lang}"));
    }
    assert!(admin_id.0 > 0);
}

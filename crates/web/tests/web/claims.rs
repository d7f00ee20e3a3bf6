//! "My completed courses" on every backend: a provider claims the training pay of a completed
//! course under one of their recipients' cases without typing any number, sees the amount and
//! how it was worked out; a claim that breaks a rule is refused by that rule in the provider's
//! language and changes nothing; another provider's page is not theirs.

use axum::http::StatusCode;
use pathways_app::access::Caller;
use pathways_domain::policy::PolicyVersion;
use pathways_domain::quantity::Hours;
use pathways_domain::testing;
use pathways_store::Batch;
use pathways_web::i18n::Locale;
use time::macros::date;

use crate::helpers::{GOOD_PASSWORD, TestApp, TestResponse};

const ROSA: u32 = 100_000_021;
const LEE: u32 = 100_000_022;

/// Rosa completed GHS-410 (8 credit hours) on 2026-02-05 after 480 verified minutes; she cares
/// for case 3400021 (Sacramento, $18.00 an hour). Lee has an account and nothing else.
pub(crate) async fn scenario(app: &TestApp) {
    let store = app.store();
    store
        .add_policy_version(&PolicyVersion::program_year(
            "2025-10",
            date!(2025 - 10 - 01),
        ))
        .await
        .expect("a policy version");
    let mut course = testing::course("GHS-410");
    course.title = "Safe Lifting".into();
    course.credit_hours = Hours::whole(8);
    let mut tx = store.begin_import().await.expect("an import");
    for batch in [
        Batch::Courses(vec![course]),
        Batch::Providers(
            [ROSA, LEE]
                .map(|n| pathways_domain::entities::Provider {
                    last_paid_on: Some(date!(2026 - 01 - 15)),
                    ..testing::provider(n)
                })
                .to_vec(),
        ),
        Batch::Recipients(vec![testing::recipient("3400021", "")]),
        Batch::Assignments(vec![testing::assignment(
            ROSA,
            "3400021",
            date!(2025 - 01 - 01),
            None,
        )]),
        Batch::WageRates(vec![testing::wage_rate(34, date!(2025 - 07 - 01), 1800)]),
    ] {
        tx.upsert(&batch).await.expect("a batch");
    }
    tx.commit().await.expect("commit");
    let csv = format!(
        "provider_number,course_number,session_id,date,minutes,completed,certificate_number\n\
         {ROSA:09},GHS-410,,2026-02-03,240,false,\n\
         {ROSA:09},GHS-410,,2026-02-05,240,true,C-410\n"
    );
    pathways_app::import::import_csv(
        store,
        pathways_app::import::ImportKind::Attendance,
        Some(&testing::vendor_code("V1")),
        std::io::Cursor::new(csv.into_bytes()),
        &pathways_app::import::NoProgress,
    )
    .await
    .expect("an attendance file");
    for n in [ROSA, LEE] {
        app.accounts()
            .create_provider_account(
                &Caller::command_line(),
                testing::provider_number(n),
                GOOD_PASSWORD,
                Locale::En,
            )
            .await
            .expect("a provider account");
    }
}

fn claim_fields<'a>(hours: &'a str, case: &'a str) -> [(&'a str, &'a str); 4] {
    [
        ("course", "GHS-410"),
        ("completed_on", "2026-02-05"),
        ("hours", hours),
        ("case", case),
    ]
}

fn rosa_page() -> String {
    format!("/providers/{ROSA:09}/claims")
}

fn has_claim_button(page: &TestResponse) -> bool {
    page.body.contains(">Claim my pay</button>")
}

#[tokio::test]
async fn a_provider_claims_a_completed_course_and_a_second_claim_is_refused_in_her_language() {
    for db in pathways_store::testing::all().await {
        let url = db.url.clone();
        let app = TestApp::on(db).await;
        scenario(&app).await;
        let mut rosa = app.browser();
        rosa.sign_in(&format!("{ROSA:09}"), GOOD_PASSWORD).await;

        let page = rosa.get(&rosa_page()).await;
        assert_eq!(page.status, StatusCode::OK, "{url}: {}", page.body);
        assert!(page.body.contains("Safe Lifting"));
        assert!(page.body.contains("8.00 hours"));
        assert!(page.body.contains("Case 3400021 (Sacramento County)"));
        assert!(has_claim_button(&page));
        // Her menu leads here.
        assert!(page.body.contains(&format!("href=\"{}\"", rosa_page())));

        // Claiming takes no typing: the page's own fields.
        let claimed = rosa
            .submit(&rosa_page(), &rosa_page(), &claim_fields("8.00", "3400021"))
            .await;
        assert_eq!(claimed.status, StatusCode::SEE_OTHER, "{}", claimed.body);
        let after = rosa.get(claimed.header("location")).await;
        assert!(
            after.body.contains("Your claim was sent: $144.00."),
            "{}",
            after.body
        );
        assert!(after.body.contains("Sent, waiting for review"));
        assert!(
            after
                .body
                .contains("8.00 hours on 2026-02-05 at $18.00 an hour")
        );
        assert!(
            !has_claim_button(&after),
            "a claimed completion has no button"
        );

        // The same completion again (a replayed form) is refused, in Spanish for her.
        rosa.set_cookie("lang", "es");
        let again = rosa
            .submit(&rosa_page(), &rosa_page(), &claim_fields("8.00", "3400021"))
            .await;
        assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            again
                .body
                .contains("No podemos pagar este reclamo: usted ya reclamó este curso."),
            "{}",
            again.body
        );
        let claims = app
            .store()
            .training_claims(testing::provider_number(ROSA))
            .await
            .unwrap();
        assert_eq!(claims.len(), 1, "{url}");
    }
}

#[tokio::test]
async fn forged_claims_are_refused_by_their_rule_and_others_cannot_claim_for_her() {
    let app = TestApp::spawn().await;
    scenario(&app).await;
    let mut rosa = app.browser();
    rosa.sign_in(&format!("{ROSA:09}"), GOOD_PASSWORD).await;
    let more = rosa
        .submit(&rosa_page(), &rosa_page(), &claim_fields("9.00", "3400021"))
        .await;
    assert_eq!(more.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        more.body
            .contains("it asks for more hours than you attended")
    );
    let stranger = rosa
        .submit(&rosa_page(), &rosa_page(), &claim_fields("8.00", "3400099"))
        .await;
    assert_eq!(stranger.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        stranger
            .body
            .contains("you were not working for this person")
    );
    let no_case = rosa
        .submit(&rosa_page(), &rosa_page(), &claim_fields("8.00", ""))
        .await;
    assert_eq!(no_case.status, StatusCode::UNPROCESSABLE_ENTITY);
    let csrf = rosa.get("/account").await.csrf();
    let garbled = rosa
        .post(
            &rosa_page(),
            &[
                ("csrf", &csrf),
                ("course", "GHS-410"),
                ("completed_on", "soon"),
            ],
        )
        .await;
    assert_eq!(garbled.status, StatusCode::BAD_REQUEST);
    let no_token = rosa
        .post(&rosa_page(), &claim_fields("8.00", "3400021"))
        .await;
    assert_eq!(no_token.status, StatusCode::FORBIDDEN);

    // Lee may neither see nor claim Rosa's courses.
    let mut lee = app.browser();
    lee.sign_in(&format!("{LEE:09}"), GOOD_PASSWORD).await;
    assert_eq!(lee.get(&rosa_page()).await.status, StatusCode::NOT_FOUND);
    let csrf = lee.get("/account").await.csrf();
    let mut fields = vec![("csrf", csrf.as_str())];
    fields.extend(claim_fields("8.00", "3400021"));
    assert_eq!(
        lee.post(&rosa_page(), &fields).await.status,
        StatusCode::NOT_FOUND
    );
    assert!(
        app.store()
            .training_claims(testing::provider_number(ROSA))
            .await
            .unwrap()
            .is_empty()
    );
}

/// The money path on the staff pages, on every backend: Rosa's claim is approved from the
/// queue, put in a payroll batch whose file is downloaded twice (the same bytes), a wrong
/// confirmation is refused line by line and changes nothing, the right one marks it paid, and
/// Rosa sees the payment, its year's total and her CSV. County staff of another county see
/// none of it and cannot decide.
#[tokio::test]
async fn a_claim_goes_from_the_review_queue_through_payroll_to_paid() {
    use pathways_domain::access::Role;
    for db in pathways_store::testing::all().await {
        let url = db.url.clone();
        let app = TestApp::on(db).await;
        scenario(&app).await;
        app.staff(Role::ProgramAdmin, "omar@dss.example", None, None)
            .await;
        app.staff(Role::CountyStaff, "ines@county19.example", None, Some(19))
            .await;
        let mut rosa = app.browser();
        rosa.sign_in(&format!("{ROSA:09}"), GOOD_PASSWORD).await;
        let claimed = rosa
            .submit(&rosa_page(), &rosa_page(), &claim_fields("8.00", "3400021"))
            .await;
        assert_eq!(
            claimed.status,
            StatusCode::SEE_OTHER,
            "{url}: {}",
            claimed.body
        );
        let claim = app
            .store()
            .training_claims(testing::provider_number(ROSA))
            .await
            .unwrap()
            .remove(0);

        // Los Angeles County staff: the queue of their county is empty; no deciding.
        let mut ines = app.browser();
        ines.sign_in("ines@county19.example", GOOD_PASSWORD).await;
        let theirs = ines.get("/admin/claims").await;
        assert_eq!(theirs.status, StatusCode::OK, "{}", theirs.body);
        assert!(theirs.body.contains("0 claims waiting"), "{}", theirs.body);
        let csrf = ines.get("/account").await.csrf();
        let forbidden = ines
            .post(
                &format!("/admin/claims/{}/approve", claim.id),
                &[("csrf", &csrf)],
            )
            .await;
        assert_eq!(forbidden.status, StatusCode::FORBIDDEN);

        let mut omar = app.browser();
        omar.sign_in("omar@dss.example", GOOD_PASSWORD).await;
        let queue = omar.get("/admin/claims").await;
        assert!(
            queue.body.contains("1 claims waiting, $144.00 in all."),
            "{}",
            queue.body
        );
        assert!(
            queue.body.contains(&format!("Approve claim {}", claim.id)),
            "{}",
            queue.body
        );
        let approved = omar
            .submit(
                "/admin/claims",
                &format!("/admin/claims/{}/approve", claim.id),
                &[],
            )
            .await;
        assert_eq!(approved.status, StatusCode::SEE_OTHER);
        let after = omar.get(approved.header("location")).await;
        assert!(
            after
                .body
                .contains(&format!("Claim {} approved.", claim.id))
        );
        assert!(after.body.contains("No claim is waiting for review."));
        let waiting = rosa.get(&rosa_page()).await;
        assert!(
            waiting
                .body
                .contains("Approved. It will be paid with the next payroll.")
        );

        // A forged period is refused; a real one makes the batch.
        let forged = omar
            .submit(
                "/admin/payroll",
                "/admin/payroll/batches",
                &[("period", "soon")],
            )
            .await;
        assert_eq!(forged.status, StatusCode::BAD_REQUEST);
        let made = omar
            .submit(
                "/admin/payroll",
                "/admin/payroll/batches",
                &[("period", "2026-03-15")],
            )
            .await;
        assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
        let batch = app.store().payroll_batches().await.unwrap().remove(0);
        let page = omar.get(made.header("location")).await;
        assert!(
            page.body
                .contains(&format!("Batch {} was created.", batch.id))
        );
        let file = omar
            .get(&format!("/admin/payroll/batches/{}/export.csv", batch.id))
            .await;
        assert_eq!(file.status, StatusCode::OK);
        let payment = claim.id; // numbered in approval order: the first payment
        let payment = app
            .store()
            .training_claim(claim.id)
            .await
            .unwrap()
            .and_then(|c| c.payment)
            .map_or(payment, |p| p.id);
        assert_eq!(
            file.body,
            format!(
                "{}\n{payment},{ROSA:09},3400021,34,training,8.00,18.00,144.00,2026-03-15\n",
                pathways_app::payroll::EXPORT_COLUMNS
            ),
            "{url}"
        );
        let again = omar
            .get(&format!("/admin/payroll/batches/{}/export.csv", batch.id))
            .await;
        assert_eq!(again.body, file.body);
        assert!(
            rosa.get(&rosa_page())
                .await
                .body
                .contains("In the payroll of")
        );

        // A confirmation naming a payment that does not exist changes nothing.
        let wrong = format!("payment_id,status,reason\n{payment},paid,\n999999,paid,\n");
        let refused = omar
            .submit(
                "/admin/payroll",
                "/admin/payroll/confirm",
                &[("file", &wrong)],
            )
            .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.body.contains("Line 3: there is no payment 999999."));
        assert!(refused.body.contains("Nothing was changed."));
        let right = format!("payment_id,status,reason\n{payment},paid,\n");
        let confirmed = omar
            .submit(
                "/admin/payroll",
                "/admin/payroll/confirm",
                &[("file", &right)],
            )
            .await;
        assert_eq!(
            confirmed.status,
            StatusCode::SEE_OTHER,
            "{}",
            confirmed.body
        );
        let page = omar.get(confirmed.header("location")).await;
        assert!(page.body.contains("1 payments marked paid and 0 returned."));

        let paid = rosa.get(&rosa_page()).await;
        assert!(
            paid.body.contains("Paid with the pay period of"),
            "{}",
            paid.body
        );
        assert!(
            paid.body.contains("2026: $144.00 paid (1 payments)"),
            "{}",
            paid.body
        );
        let csv = rosa.get(&format!("/providers/{ROSA:09}/claims.csv")).await;
        assert_eq!(csv.status, StatusCode::OK);
        assert!(csv.body.starts_with(pathways_app::claims::HISTORY_COLUMNS));
        assert!(
            csv.body.contains(&format!(
                ",training,GHS-410,,2026-02-05,3400021,8.00,144.00,paid,{payment},{},2026-03-15,paid,",
                batch.id
            )),
            "{}",
            csv.body
        );
        // Lee's history is not Rosa's to read.
        let mut lee = app.browser();
        lee.sign_in(&format!("{LEE:09}"), GOOD_PASSWORD).await;
        let hers = lee.get(&format!("/providers/{ROSA:09}/claims.csv")).await;
        assert_eq!(hers.status, StatusCode::NOT_FOUND);

        // Payroll paid 2 hours too many: the admin records the overpayment (a wrong amount is
        // refused on the page, what was typed kept), the next batch takes it back.
        let payment_text = payment.to_string();
        let too_much = omar
            .submit(
                "/admin/payroll",
                "/admin/payroll/overpayments",
                &[
                    ("payment", &payment_text),
                    ("amount", "200.00"),
                    ("reason", "2 hours were counted twice"),
                ],
            )
            .await;
        assert_eq!(too_much.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            too_much.body.contains(&format!(
                "Payment {payment} has only $144.00 that was not taken back already."
            )),
            "{}",
            too_much.body
        );
        assert!(
            too_much
                .body
                .contains("2 hours were counted twice</textarea>")
        );
        let recorded = omar
            .submit(
                "/admin/payroll",
                "/admin/payroll/overpayments",
                &[
                    ("payment", &payment_text),
                    ("amount", "36.00"),
                    ("reason", "2 hours were counted twice"),
                ],
            )
            .await;
        assert_eq!(recorded.status, StatusCode::SEE_OTHER, "{}", recorded.body);
        let recovery = app
            .store()
            .recoveries(Some(testing::provider_number(ROSA)), 10)
            .await
            .unwrap()
            .remove(0);
        assert!(
            omar.get(recorded.header("location"))
                .await
                .body
                .contains(&format!("Recovery {} was recorded.", recovery.id))
        );
        let owed = rosa.get(&rosa_page()).await;
        assert!(owed.body.contains("Money taken back"), "{}", owed.body);
        assert!(owed.body.contains("To be taken back from your next pay"));
        let made = omar
            .submit(
                "/admin/payroll",
                "/admin/payroll/batches",
                &[("period", "2026-03-31")],
            )
            .await;
        assert_eq!(made.status, StatusCode::SEE_OTHER);
        let page = omar.get("/admin/payroll").await;
        assert!(
            page.body.contains("$0.00 (less $36.00 recovered)"),
            "{}",
            page.body
        );
        let next = app.store().payroll_batches().await.unwrap().remove(0);
        let file = omar
            .get(&format!("/admin/payroll/batches/{}/export.csv", next.id))
            .await;
        assert!(
            file.body.ends_with(&format!(
                "{},{ROSA:09},,34,recovery,,,-36.00,2026-03-31\n",
                next.first_payment
            )),
            "{url}: {}",
            file.body
        );
    }
}

/// A request without a body.
fn no_body() -> (&'static str, String) {
    ("text/plain", String::new())
}

/// The payment number on the first line of a payroll export file.
fn first_payment_id(file: &str) -> i64 {
    file.lines()
        .nth(1)
        .and_then(|l| l.split(',').next())
        .and_then(|id| id.parse().ok())
        .expect("a payment line")
}

/// A signed-in person's JSON request, with the session's form token for changes.
pub(crate) async fn api(
    app: &TestApp,
    agent: &mut crate::helpers::Agent<'_>,
    method: axum::http::Method,
    path: &str,
    body: (&str, String),
) -> TestResponse {
    let csrf = agent.get("/account").await.csrf();
    let cookie = format!(
        "pathways_session={}",
        agent.cookie("pathways_session").expect("signed in")
    );
    let request = axum::http::Request::builder()
        .method(method)
        .uri(path)
        .header("cookie", cookie)
        .header("x-csrf-token", csrf)
        .header("content-type", body.0)
        .body(axum::body::Body::from(body.1))
        .expect("a request");
    app.send(request).await
}

/// The same path through the JSON API: Rosa claims, a rule refusal names its code, the admin
/// approves, batches, reads the file and confirms; Rosa's claims show the payment.
#[tokio::test]
async fn the_claim_and_payroll_api_covers_the_same_path() {
    use axum::http::Method;
    use pathways_domain::access::Role;
    let app = TestApp::spawn().await;
    scenario(&app).await;
    app.staff(Role::ProgramAdmin, "omar@dss.example", None, None)
        .await;
    let mut rosa = app.browser();
    rosa.sign_in(&format!("{ROSA:09}"), GOOD_PASSWORD).await;
    let json = |v: serde_json::Value| ("application/json", v.to_string());
    let path = format!("/api/v1/providers/{ROSA:09}/claims");
    let too_much = api(
        &app,
        &mut rosa,
        Method::POST,
        &path,
        json(
            serde_json::json!({"course_number": "GHS-410", "completed_on": "2026-02-05",
            "case_number": "3400021", "hours": "9.00"}),
        ),
    )
    .await;
    assert_eq!(too_much.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(too_much.json()["error"]["code"], "hours-verified");
    let made = api(
        &app,
        &mut rosa,
        Method::POST,
        &path,
        json(
            serde_json::json!({"course_number": "GHS-410", "completed_on": "2026-02-05",
            "case_number": "3400021", "hours": "8.00"}),
        ),
    )
    .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    assert_eq!(made.json()["amount"], "144.00");
    let claim_id = made.json()["claim_id"].as_i64().expect("a claim id");

    let mut omar = app.browser();
    omar.sign_in("omar@dss.example", GOOD_PASSWORD).await;
    let queue = api(
        &app,
        &mut omar,
        Method::GET,
        "/api/v1/claims/queue",
        no_body(),
    )
    .await;
    assert_eq!(queue.json()["waiting"], 1);
    assert_eq!(queue.json()["claims"][0]["claim_id"], claim_id);
    let approved = api(
        &app,
        &mut omar,
        Method::POST,
        &format!("/api/v1/claims/{claim_id}/approve"),
        no_body(),
    )
    .await;
    assert_eq!(approved.status, StatusCode::OK, "{}", approved.body);
    let again = api(
        &app,
        &mut omar,
        Method::POST,
        &format!("/api/v1/claims/{claim_id}/deny"),
        json(serde_json::json!({"rule": "hours-verified"})),
    )
    .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    let batch = api(
        &app,
        &mut omar,
        Method::POST,
        "/api/v1/payroll/batches",
        json(serde_json::json!({"pay_period": "2026-03-15"})),
    )
    .await;
    assert_eq!(batch.status, StatusCode::CREATED, "{}", batch.body);
    let batch_id = batch.json()["batch_id"].as_i64().expect("a batch id");
    let none = api(
        &app,
        &mut omar,
        Method::POST,
        "/api/v1/payroll/batches",
        json(serde_json::json!({"pay_period": "2026-03-15"})),
    )
    .await;
    assert_eq!(none.status, StatusCode::NO_CONTENT);
    let file = api(
        &app,
        &mut omar,
        Method::GET,
        &format!("/api/v1/payroll/batches/{batch_id}/file"),
        no_body(),
    )
    .await;
    let payment = first_payment_id(&file.body);
    let bad = api(
        &app,
        &mut omar,
        Method::POST,
        "/api/v1/payroll/confirmations",
        (
            "text/csv",
            format!("payment_id,status,reason\n{payment},rejected,\n"),
        ),
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        bad.json()["error"]["problems"][0],
        "line 2: a rejected payment needs its reason"
    );
    let confirmed = api(
        &app,
        &mut omar,
        Method::POST,
        "/api/v1/payroll/confirmations",
        (
            "text/csv",
            format!("payment_id,status,reason\n{payment},rejected,bank account closed\n"),
        ),
    )
    .await;
    assert_eq!(confirmed.json()["rejected"], 1, "{}", confirmed.body);
    let mine = api(&app, &mut rosa, Method::GET, &path, no_body()).await;
    let claim = &mine.json()["claims"][0];
    assert_eq!(claim["state"], "rejected");
    assert_eq!(claim["payment"]["status"], "rejected");
    assert_eq!(claim["payment"]["reason"], "bank account closed");
    assert_eq!(claim["payment"]["batch_id"], batch_id);
    // Returned: the completion can be claimed again later, but this claim is not paid.
    let page = rosa.get(&rosa_page()).await;
    assert!(
        page.body
            .contains("Payroll returned this payment: bank account closed.")
    );
    // Once corrected, she sends it again from her page; it is paid under a new number in a
    // later batch, and the first batch's file still shows the returned line.
    assert!(page.body.contains("Send this claim again"));
    let resent = rosa
        .submit(
            &rosa_page(),
            &format!("/providers/{ROSA:09}/claims/{claim_id}/resubmit"),
            &[],
        )
        .await;
    assert_eq!(resent.status, StatusCode::SEE_OTHER, "{}", resent.body);
    let after = rosa.get(resent.header("location")).await;
    assert!(after.body.contains("Your claim was sent again."));
    let twice = api(
        &app,
        &mut rosa,
        Method::POST,
        &format!("/api/v1/claims/{claim_id}/resubmit"),
        no_body(),
    )
    .await;
    assert_eq!(
        twice.status,
        StatusCode::CONFLICT,
        "only a returned claim is sent again"
    );
    let approved = api(
        &app,
        &mut omar,
        Method::POST,
        &format!("/api/v1/claims/{claim_id}/approve"),
        no_body(),
    )
    .await;
    assert_eq!(approved.status, StatusCode::OK, "{}", approved.body);
    let second = api(
        &app,
        &mut omar,
        Method::POST,
        "/api/v1/payroll/batches",
        json(serde_json::json!({"pay_period": "2026-03-31"})),
    )
    .await;
    assert_eq!(second.status, StatusCode::CREATED, "{}", second.body);
    let second_id = second.json()["batch_id"].as_i64().expect("a batch id");
    let new_file = api(
        &app,
        &mut omar,
        Method::GET,
        &format!("/api/v1/payroll/batches/{second_id}/file"),
        no_body(),
    )
    .await;
    let new_payment = first_payment_id(&new_file.body);
    assert!(new_payment > payment);
    let old_file = api(
        &app,
        &mut omar,
        Method::GET,
        &format!("/api/v1/payroll/batches/{batch_id}/file"),
        no_body(),
    )
    .await;
    assert_eq!(
        old_file.body, file.body,
        "the first batch's file never changes"
    );
    let mine = api(&app, &mut rosa, Method::GET, &path, no_body()).await;
    assert_eq!(
        mine.json()["claims"][0]["payment"]["payment_id"],
        new_payment
    );
    assert_eq!(mine.json()["claims"][0]["payment"]["status"], "pending");

    // Rosa cannot read the queue or run payroll.
    let hers = api(
        &app,
        &mut rosa,
        Method::GET,
        "/api/v1/claims/queue",
        no_body(),
    )
    .await;
    assert_eq!(hers.status, StatusCode::FORBIDDEN);
}

/// In a real headless Chromium: Rosa, in Spanish on a phone, downloads her certificate and
/// claims her pay under the one
/// person she cares for; the program admin approves it from the queue, makes a payroll batch,
/// reads its file and enters payroll's confirmation; Rosa sees it paid, with the year's total.
/// axe-core checks every page on the way, with the claim on it.
#[tokio::test]
async fn in_a_browser_a_provider_claims_her_pay_and_sees_it_approved_and_paid() {
    use pathways_domain::access::Role;
    use serde_json::json;

    use crate::axe::assert_accessible;
    use crate::browser::{assert_no_message_keys, click_to, fill, start_browsing, text_of};

    let Some(browsing) = start_browsing().await else {
        return;
    };
    let (app, site) = (&browsing.app, &browsing.site);
    scenario(app).await;
    app.staff(Role::ProgramAdmin, "omar@dss.example", None, None)
        .await;
    let es = pathways_web::i18n::Translator::new(Locale::Es);
    let page = rosa_page();

    let rosa = browsing.driver.phone_session("es").await;
    rosa.goto(&site.url("/sign-in")).await;
    fill(&rosa, "login", &format!("{ROSA:09}")).await;
    fill(&rosa, "password", GOOD_PASSWORD).await;
    click_to(&rosa, "main form button[type=submit]", "/account").await;
    click_to(&rosa, &format!(".main-nav a[href='{page}']"), &page).await;
    // She reads Spanish: the language menu's link.
    click_to(&rosa, "a[hreflang='es']", &page).await;
    assert_eq!(text_of(&rosa, "h1").await, es.t("claims-title"));
    assert_accessible(&rosa, "her completed courses").await;
    // Her certificate, as the download link gives it.
    let certificate = rosa
        .eval_async(
            "const done = arguments[arguments.length - 1]; \
             fetch(document.querySelector('a[href$=\"/certificates/GHS-410.pdf\"]').href) \
             .then(r => r.arrayBuffer().then(b => done([r.headers.get('content-type'), \
             String.fromCharCode(...new Uint8Array(b).slice(0, 5)), b.byteLength])))",
            &[],
        )
        .await;
    if std::env::var_os("CI").is_some()
        || pathways_app::certificates::Certificates::default_font_path().exists()
    {
        assert_eq!(certificate[0], "application/pdf", "{certificate}");
        assert_eq!(certificate[1], "%PDF-");
        assert!(certificate[2].as_u64().unwrap_or(u64::MAX) < 100_000);
    }
    click_to(&rosa, "main form button[type=submit]", &page).await;
    assert!(
        text_of(&rosa, ".notice-text").await.contains("$144.00"),
        "the claim was sent"
    );
    assert_accessible(&rosa, "her claims, one waiting for review").await;
    assert_no_message_keys(&rosa, "her claims").await;

    let admin = browsing.driver.desktop_session("en-US").await;
    admin.goto(&site.url("/sign-in")).await;
    fill(&admin, "login", "omar@dss.example").await;
    fill(&admin, "password", GOOD_PASSWORD).await;
    click_to(&admin, "main form button[type=submit]", "/account").await;
    click_to(&admin, ".main-nav a[href='/admin/claims']", "/admin/claims").await;
    assert_accessible(&admin, "the review queue with a claim").await;
    click_to(&admin, "form[action$='/approve'] button", "/admin/claims").await;
    assert!(text_of(&admin, ".notice-text").await.ends_with("approved."));
    click_to(
        &admin,
        ".main-nav a[href='/admin/payroll']",
        "/admin/payroll",
    )
    .await;
    click_to(
        &admin,
        "form[action='/admin/payroll/batches'] button",
        "/admin/payroll",
    )
    .await;
    assert!(
        text_of(&admin, ".notice-text")
            .await
            .contains("was created")
    );
    assert_accessible(&admin, "the payroll page with a batch").await;
    // The file, as the download link gives it.
    let file = admin
        .eval_async(
            "const done = arguments[arguments.length - 1]; \
             fetch(document.querySelector('a[href$=\"/export.csv\"]').href) \
             .then(r => r.text()).then(done)",
            &[],
        )
        .await;
    let file = file.as_str().unwrap_or_default().to_owned();
    let line = file.lines().nth(1).unwrap_or_default().to_owned();
    assert!(
        line.ends_with(",3400021,34,training,8.00,18.00,144.00,2026-03-15")
            || line.contains(",3400021,34,training,8.00,18.00,144.00,"),
        "{file}"
    );
    let payment = line.split(',').next().unwrap_or_default().to_owned();
    fill(
        &admin,
        "file",
        &format!("payment_id,status,reason\n{payment},paid,\n"),
    )
    .await;
    click_to(
        &admin,
        "form[action='/admin/payroll/confirm'] button",
        "/admin/payroll",
    )
    .await;
    assert_eq!(
        text_of(&admin, ".notice-text").await,
        "1 payments marked paid and 0 returned."
    );
    admin.quit().await;

    rosa.goto(&site.url(&page)).await;
    let shown = rosa
        .eval(
            "return document.querySelector('main').innerText",
            &[json!(null)],
        )
        .await;
    let shown = shown.as_str().unwrap_or_default();
    assert!(shown.contains(&es.t("claim-state-paid")), "{shown}");
    assert!(shown.contains("$144.00 pagado (1 pagos)"), "{shown}");
    assert_accessible(&rosa, "her claims, paid").await;
    rosa.quit().await;
}

/// Rosa downloads the certificate of her completed course (a small PDF: only the glyphs used
/// are embedded); Lee cannot download hers; anyone can check its number on the public page,
/// which shows what the certificate shows; an unknown number is said to be unknown.
#[tokio::test]
async fn a_provider_downloads_her_certificate_and_anyone_can_check_its_number() {
    let app = TestApp::spawn().await;
    scenario(&app).await;
    let font = pathways_app::certificates::Certificates::default_font_path();
    if !font.exists() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI installs fonts-noto-cjk for certificates"
        );
        eprintln!(
            "note: certificate test skipped: no font at {}",
            font.display()
        );
        return;
    }
    let mut rosa = app.browser();
    rosa.sign_in(&format!("{ROSA:09}"), GOOD_PASSWORD).await;
    let page = rosa.get(&rosa_page()).await;
    let href = format!("/providers/{ROSA:09}/certificates/GHS-410.pdf");
    assert!(page.body.contains(&href), "{}", page.body);
    rosa.set_cookie("lang", "zh-Hant");
    let pdf = rosa.get(&href).await;
    assert_eq!(pdf.status, StatusCode::OK, "{}", pdf.body);
    assert_eq!(pdf.header("content-type"), "application/pdf");
    assert!(pdf.bytes.starts_with(b"%PDF-"));
    assert!(pdf.bytes.len() < 100_000, "{} bytes", pdf.bytes.len());
    // The same number every time.
    let number = app
        .store()
        .issue_certificate(
            testing::provider_number(ROSA),
            &testing::course_number("GHS-410"),
            "PW-NOTUSED2345",
            time::OffsetDateTime::now_utc(),
        )
        .await
        .unwrap();
    assert!(number.starts_with("PW-") && number != "PW-NOTUSED2345");

    let mut lee = app.browser();
    lee.sign_in(&format!("{LEE:09}"), GOOD_PASSWORD).await;
    assert_eq!(lee.get(&href).await.status, StatusCode::NOT_FOUND);
    let none = lee
        .get(&format!("/providers/{LEE:09}/certificates/GHS-410.pdf"))
        .await;
    assert_eq!(
        none.status,
        StatusCode::NOT_FOUND,
        "no completion, no certificate"
    );

    let anyone = app
        .get(&format!("/certificates?number={}", number.to_lowercase()))
        .await;
    assert_eq!(anyone.status, StatusCode::OK, "{}", anyone.body);
    assert!(anyone.body.contains("This certificate is genuine."));
    assert!(anyone.body.contains("Safe Lifting (GHS-410)"));
    assert!(anyone.body.contains("8.00 hours"));
    // The name as printed (the test builder's last name carries the number), nothing more.
    assert!(anyone.body.contains(&format!("Ana Provider{ROSA}")));
    assert!(!anyone.body.contains("555-0199"), "no phone shown");
    assert!(
        !anyone.body.contains("/providers/"),
        "no link to her records"
    );
    let unknown = app.get("/certificates?number=PW-2345678923XY").await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert!(
        unknown
            .body
            .contains("We have no certificate with this number.")
    );
    let json = app.get(&format!("/api/v1/certificates/{number}")).await;
    assert_eq!(json.status, StatusCode::OK, "{}", json.body);
    assert_eq!(json.json()["course_title"], "Safe Lifting");
    assert_eq!(json.json()["hours"], "8.00");
    assert_eq!(
        app.get("/api/v1/certificates/PW-2345678923XY").await.status,
        StatusCode::NOT_FOUND
    );
    let empty = app.get("/certificates").await;
    assert_eq!(empty.status, StatusCode::OK);
}

/// Rosa also completed GHS-411 (8 hours) on 2026-02-10: 16 hours in General Health and
/// Safety, so she earned its pathway incentive that day.
async fn earned_incentive(app: &TestApp) {
    let mut course = testing::course("GHS-411");
    course.title = "Home Safety".into();
    course.credit_hours = Hours::whole(8);
    let mut tx = app.store().begin_import().await.expect("an import");
    tx.upsert(&Batch::Courses(vec![course]))
        .await
        .expect("a batch");
    tx.commit().await.expect("commit");
    let csv = format!(
        "provider_number,course_number,session_id,date,minutes,completed,certificate_number\n\
         {ROSA:09},GHS-411,,2026-02-10,480,true,C-411\n"
    );
    pathways_app::import::import_csv(
        app.store(),
        pathways_app::import::ImportKind::Attendance,
        Some(&testing::vendor_code("V1")),
        std::io::Cursor::new(csv.into_bytes()),
        &pathways_app::import::NoProgress,
    )
    .await
    .expect("an attendance file");
}

#[tokio::test]
async fn an_incentive_is_claimed_from_her_page_once_approved_and_paid() {
    use pathways_domain::access::Role;
    for db in pathways_store::testing::all().await {
        let url = db.url.clone();
        let app = TestApp::on(db).await;
        scenario(&app).await;
        earned_incentive(&app).await;
        app.staff(Role::ProgramAdmin, "omar@dss.example", None, None)
            .await;
        app.staff(Role::CountyStaff, "ines@county19.example", None, Some(19))
            .await;
        let mut rosa = app.browser();
        rosa.sign_in(&format!("{ROSA:09}"), GOOD_PASSWORD).await;
        let page = rosa.get(&rosa_page()).await;
        assert!(page.body.contains("Incentives you earned"), "{url}");
        assert!(
            page.body
                .contains("Pathway incentive – General Health and Safety"),
            "{}",
            page.body
        );
        assert!(page.body.contains(">Claim this incentive</button>"));
        let incentives_action = format!("/providers/{ROSA:09}/incentive-claims");

        // Forged forms: an unknown kind is a bad form; one she has not earned is refused and
        // says so; nothing is written.
        let csrf = rosa.get("/account").await.csrf();
        let bogus = rosa
            .post(
                &incentives_action,
                &[("csrf", &csrf), ("kind", "bonus"), ("pathway", "GHS")],
            )
            .await;
        assert_eq!(bogus.status, StatusCode::BAD_REQUEST);
        let unearned = rosa
            .post(
                &incentives_action,
                &[
                    ("csrf", &csrf),
                    ("kind", "specialized-6-months"),
                    ("pathway", "CPC"),
                ],
            )
            .await;
        assert_eq!(unearned.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            unearned
                .body
                .contains("Your records do not show this incentive earned."),
            "{}",
            unearned.body
        );
        let rosa_number = testing::provider_number(ROSA);
        assert!(
            app.store()
                .provider_incentive_claims(rosa_number)
                .await
                .unwrap()
                .is_empty()
        );
        // Lee cannot claim it for her.
        let mut lee = app.browser();
        lee.sign_in(&format!("{LEE:09}"), GOOD_PASSWORD).await;
        let lee_csrf = lee.get("/account").await.csrf();
        let theirs = lee
            .post(
                &incentives_action,
                &[("csrf", &lee_csrf), ("kind", "pathway"), ("pathway", "GHS")],
            )
            .await;
        assert!(
            matches!(theirs.status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND),
            "{}",
            theirs.status
        );
        assert!(
            lee.get(&format!("/providers/{LEE:09}/claims"))
                .await
                .body
                .contains("You have not earned an incentive yet.")
        );

        // She claims it with the page's button; the same form again changes nothing.
        assert!(page.body.contains(r#"name="kind" value="pathway""#));
        assert!(page.body.contains(r#"name="pathway" value="GHS""#));
        let claimed = rosa
            .submit(
                &rosa_page(),
                &incentives_action,
                &[("kind", "pathway"), ("pathway", "GHS")],
            )
            .await;
        assert_eq!(claimed.status, StatusCode::SEE_OTHER, "{}", claimed.body);
        let after = rosa.get(claimed.header("location")).await;
        assert!(
            after.body.contains("Your incentive claim for $"),
            "{}",
            after.body
        );
        assert!(!after.body.contains(">Claim this incentive</button>"));
        let replay = rosa
            .post(
                &incentives_action,
                &[("csrf", &csrf), ("kind", "pathway"), ("pathway", "GHS")],
            )
            .await;
        assert!(
            rosa.get(replay.header("location"))
                .await
                .body
                .contains("You already claimed this incentive.")
        );
        let claims = app
            .store()
            .provider_incentive_claims(rosa_number)
            .await
            .unwrap();
        assert_eq!(claims.len(), 1, "{url}");
        let claim = &claims[0];
        let amount = claim.incentive.amount;

        // Los Angeles County staff do not see a Sacramento provider's claim.
        let mut ines = app.browser();
        ines.sign_in("ines@county19.example", GOOD_PASSWORD).await;
        assert!(
            !ines
                .get("/admin/claims")
                .await
                .body
                .contains(&format!("Incentive claim {}", claim.id))
        );
        let ines_csrf = ines.get("/account").await.csrf();
        for action in ["approve", "deny"] {
            let forbidden = ines
                .post(
                    &format!("/admin/incentive-claims/{}/{action}", claim.id),
                    &[("csrf", &ines_csrf), ("rule", "not-earned")],
                )
                .await;
            assert_eq!(forbidden.status, StatusCode::FORBIDDEN, "{action}");
        }
        // Nor can Lee send her claim back to review.
        let not_his = lee
            .post(
                &format!(
                    "/providers/{ROSA:09}/incentive-claims/{}/resubmit",
                    claim.id
                ),
                &[("csrf", &lee_csrf)],
            )
            .await;
        assert!(
            matches!(
                not_his.status,
                StatusCode::FORBIDDEN | StatusCode::NOT_FOUND
            ),
            "{}",
            not_his.status
        );
        let mut omar = app.browser();
        omar.sign_in("omar@dss.example", GOOD_PASSWORD).await;
        let queue = omar.get("/admin/claims").await;
        assert!(
            queue
                .body
                .contains(&format!("Approve incentive claim {}", claim.id)),
            "{}",
            queue.body
        );
        let approved = omar
            .submit(
                "/admin/claims",
                &format!("/admin/incentive-claims/{}/approve", claim.id),
                &[],
            )
            .await;
        assert_eq!(approved.status, StatusCode::SEE_OTHER);
        assert!(
            omar.get(approved.header("location"))
                .await
                .body
                .contains(&format!("Incentive claim {} approved.", claim.id))
        );
        let made = omar
            .submit(
                "/admin/payroll",
                "/admin/payroll/batches",
                &[("period", "2026-03-15")],
            )
            .await;
        assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
        let batch = app.store().payroll_batches().await.unwrap().remove(0);
        let file = omar
            .get(&format!("/admin/payroll/batches/{}/export.csv", batch.id))
            .await;
        let payment = first_payment_id(&file.body);
        assert_eq!(
            file.body,
            format!(
                "{}\n{payment},{ROSA:09},,34,pathway,,,{amount},2026-03-15\n",
                pathways_app::payroll::EXPORT_COLUMNS
            ),
            "{url}"
        );
        let confirmed = omar
            .submit(
                "/admin/payroll",
                "/admin/payroll/confirm",
                &[(
                    "file",
                    &format!("payment_id,status,reason\n{payment},paid,\n"),
                )],
            )
            .await;
        assert_eq!(
            confirmed.status,
            StatusCode::SEE_OTHER,
            "{}",
            confirmed.body
        );
        let paid = rosa.get(&rosa_page()).await;
        assert!(
            paid.body
                .contains(&format!("2026: ${amount} paid (1 payments)")),
            "{}",
            paid.body
        );
        assert!(paid.body.contains("Paid with the pay period of"));

        // The API says the same, and a second claim there is a conflict.
        let json = api(
            &app,
            &mut rosa,
            axum::http::Method::GET,
            &format!("/api/v1/providers/{ROSA:09}/claims"),
            no_body(),
        )
        .await;
        let body: serde_json::Value = serde_json::from_str(&json.body).unwrap();
        assert_eq!(
            body["incentive_claims"][0]["state"], "paid",
            "{}",
            json.body
        );
        assert_eq!(
            body["incentive_claims"][0]["payment"]["payment_id"],
            payment
        );
        let again = api(
            &app,
            &mut rosa,
            axum::http::Method::POST,
            &format!("/api/v1/providers/{ROSA:09}/incentive-claims"),
            (
                "application/json",
                r#"{"kind":"pathway","pathway":"GHS"}"#.into(),
            ),
        )
        .await;
        assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.body);
    }
}

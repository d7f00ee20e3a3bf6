//! The progress page and its JSON twin, on every backend: a provider sees their own hours,
//! incentives and the classes that would help; someone else's progress, and a county's staff
//! looking outside their county, are refused as not found.

use axum::http::StatusCode;
use pathways_app::access::Caller;
use pathways_domain::access::Role;
use pathways_domain::ids::CountyCode;
use pathways_domain::pathway::{Modality, Pathway};
use pathways_domain::policy::PolicyVersion;
use pathways_domain::quantity::Hours;
use pathways_domain::testing;
use pathways_store::Batch;
use pathways_web::i18n::Locale;
use time::macros::{date, datetime};

use crate::helpers::{GOOD_PASSWORD, TestApp, course, session};

const ROSA: u32 = 100_000_001;
const LEE: u32 = 100_000_002;

/// Rosa (Sacramento, speaks Spanish) has finished 15 hours in General Health and Safety and
/// 11.50 in Complex Physical Care Needs, with 2 more hours waiting for a course she has not
/// finished, and one record held for an unknown course. Lee works in Los Angeles. Two CPC
/// courses have classes in March: one long enough to finish the pathway, one not.
async fn scenario(app: &TestApp) {
    let store = app.store();
    store
        .add_policy_version(&PolicyVersion::program_year(
            "2025-10",
            date!(2025 - 10 - 01),
        ))
        .await
        .expect("a policy version");
    let mut rosa = testing::provider(ROSA);
    rosa.first_name = "Rosa".into();
    rosa.last_name = "Alvarez".into();
    rosa.last_paid_on = Some(date!(2026 - 01 - 15));
    rosa.language = testing::language("es");
    let mut lee = testing::provider(LEE);
    lee.county = CountyCode::new(19).expect("a county");
    lee.last_paid_on = Some(date!(2026 - 01 - 15));

    let with_hours = |number: &str, title: &str, pathway, hours: u32| {
        let mut c = course(number, title, pathway, Modality::InPerson);
        c.credit_hours = Hours::whole(hours);
        c
    };
    let mut tx = store.begin_import().await.expect("an import");
    tx.upsert(&Batch::Providers(vec![rosa, lee]))
        .await
        .expect("providers");
    tx.upsert(&Batch::Courses(vec![
        with_hours(
            "GHS-110",
            "Home Safety Basics",
            Pathway::GeneralHealthAndSafety,
            8,
        ),
        with_hours(
            "GHS-111",
            "Infection Control",
            Pathway::GeneralHealthAndSafety,
            8,
        ),
        with_hours(
            "CPC-210",
            "Moving People Safely",
            Pathway::ComplexPhysicalCare,
            8,
        ),
        with_hours("CPC-211", "Skin Care", Pathway::ComplexPhysicalCare, 4),
        with_hours("CPC-212", "Feeding Tubes", Pathway::ComplexPhysicalCare, 4),
        with_hours("CPC-220", "Wound Care", Pathway::ComplexPhysicalCare, 4),
        with_hours("CPC-221", "Using a Lift", Pathway::ComplexPhysicalCare, 2),
    ]))
    .await
    .expect("courses");
    tx.upsert(&Batch::Sessions(vec![
        session(
            "S-LIFT",
            "CPC-221",
            datetime!(2026-03-10 09:00),
            datetime!(2026-03-10 11:00),
            Some("1 Main St, Sacramento"),
        ),
        session(
            "S-WOUND",
            "CPC-220",
            datetime!(2026-03-12 09:00),
            datetime!(2026-03-12 13:00),
            None,
        ),
    ]))
    .await
    .expect("sessions");
    tx.commit().await.expect("commit");

    let csv = format!(
        "provider_number,course_number,session_id,date,minutes,completed,certificate_number\n\
         {ROSA:09},GHS-110,,2026-02-03,480,true,C-1\n\
         {ROSA:09},GHS-111,,2026-02-05,420,true,C-2\n\
         {ROSA:09},CPC-210,,2026-02-10,480,true,C-3\n\
         {ROSA:09},CPC-211,,2026-02-12,210,true,C-4\n\
         {ROSA:09},CPC-212,,2026-02-13,120,false,\n\
         {ROSA:09},NOPE-1,,2026-02-14,60,false,\n"
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
    app.staff(Role::CountyStaff, "sac@county.example", None, Some(34))
        .await;
    app.staff(Role::CountyStaff, "la@county.example", None, Some(19))
        .await;
    app.staff(Role::ServiceDesk, "desk@dss.example", None, None)
        .await;
    app.staff(Role::VendorStaff, "lena@v1.example", Some("V1"), None)
        .await;
}

fn rosa_path() -> String {
    format!("/providers/{ROSA:09}/progress")
}

fn rosa_api() -> String {
    format!("/api/v1/providers/{ROSA:09}/progress")
}

async fn check_own_page_and_api(app: &TestApp) {
    let mut rosa = app.browser();
    rosa.sign_in(&format!("{ROSA:09}"), GOOD_PASSWORD).await;

    // The menu leads to her own progress.
    let own = rosa.get("/progress").await;
    assert_eq!(own.status, StatusCode::SEE_OTHER);
    assert_eq!(own.header("location"), rosa_path());
    let account = rosa.get("/account").await;
    assert!(account.body.contains(&format!("href=\"{}\"", rosa_path())));

    let page = rosa.get(&rosa_path()).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let body = &page.body;
    for text in [
        "My progress",
        "15.00 of 15.00 hours",
        "Done on February 5, 2026",
        "11.50 of 15.00 hours",
        "3.50 hours to go in Complex Physical Care Needs ($500.00)",
        "2.00 more hours will count when you finish the course.",
        "$500.00 for finishing General Health and Safety",
        "Earned on February 5, 2026",
        "Not claimed yet",
        "You finished 15.00 hours in General Health and Safety. You needed 15.",
        "Home Safety Basics (GHS-110): 8.00 hours, finished on February 3, 2026",
        "Infection Control (GHS-111): 7.00 hours, finished on February 5, 2026",
        "Program rules: version 2025-10",
        "Feeding Tubes (CPC-212): not finished yet (2.00 hours so far)",
        "Held: the course number is not on file",
        "Finishes this pathway",
        "href=\"/courses/CPC-220\"",
        "20 seats left",
        "No classes with open seats right now.",
    ] {
        assert!(body.contains(text), "the page lacks {text:?}: {body}");
    }
    // A bar with a text equivalent toward each of the five goals (900 minutes each).
    assert_eq!(
        body.matches("<progress class=\"progress-bar\" max=\"900\"")
            .count(),
        5
    );
    assert!(body.contains("max=\"900\" value=\"690\""));
    // The course that would finish the pathway comes before the sooner one that would not.
    let wound = body.find("/courses/CPC-220").expect("Wound Care");
    let lift = body.find("/courses/CPC-221").expect("Using a Lift");
    assert!(wound < lift);
    // The English explanation is for staff only.
    assert!(!body.contains("Full explanation for staff"));
    assert!(!body.contains("Qualified in GHS"));

    // In Spanish, with the decimal comma.
    rosa.set_cookie("lang", "es");
    let es = rosa.get(&rosa_path()).await;
    assert_eq!(es.html_lang(), "es");
    assert!(
        es.body
            .contains("Le faltan 3,50 horas en Necesidades Complejas de Cuidado Físico"),
        "{}",
        es.body
    );
    assert!(es.body.contains("Todavía no lo pidió"));

    let api = rosa.get(&rosa_api()).await;
    assert_eq!(api.status, StatusCode::OK, "{}", api.body);
    let json = api.json();
    assert_eq!(json["provider_number"], format!("{ROSA:09}"));
    assert_eq!(json["as_of"], "2026-03-01");
    let pathway = |code: &str| {
        json["pathways"]
            .as_array()
            .expect("pathways")
            .iter()
            .find(|p| p["pathway"] == code)
            .cloned()
            .expect("a pathway")
    };
    assert_eq!(json["pathways"].as_array().map(Vec::len), Some(5));
    let ghs = pathway("GHS");
    assert_eq!(ghs["counted_hours"], "15.00");
    assert_eq!(ghs["completed_on"], "2026-02-05");
    assert_eq!(ghs["policy_version"], "2025-10");
    let cpc = pathway("CPC");
    assert_eq!(cpc["counted_hours"], "11.50");
    assert_eq!(cpc["counted_minutes"], 690);
    assert_eq!(cpc["hours_to_go"], "3.50");
    assert_eq!(cpc["awaiting_hours"], "2.00");
    assert_eq!(cpc["goal_hours"], "15.00");
    let suggested = cpc["suggested_sessions"].as_array().expect("sessions");
    assert_eq!(suggested[0]["course_number"], "CPC-220");
    assert_eq!(suggested[0]["completes_pathway"], true);
    assert_eq!(suggested[0]["session_id"], "S-WOUND");
    assert_eq!(suggested[0]["seats_left"], 20);
    assert_eq!(suggested[0]["starts_at"], "2026-03-12T09:00:00");
    assert_eq!(suggested[1]["course_number"], "CPC-221");
    assert_eq!(suggested[1]["completes_pathway"], false);
    assert!(
        suggested
            .iter()
            .all(|s| !["CPC-210", "CPC-211"]
                .contains(&s["course_number"].as_str().unwrap_or_default())),
        "completed courses are not suggested"
    );

    let earned = json["earned"].as_array().expect("earned");
    assert_eq!(earned.len(), 1);
    assert_eq!(earned[0]["kind"], "pathway");
    assert_eq!(earned[0]["pathway"], "GHS");
    assert_eq!(earned[0]["qualified_on"], "2026-02-05");
    assert_eq!(earned[0]["amount"], "500.00");
    assert_eq!(earned[0]["policy_version"], "2025-10");
    assert_eq!(earned[0]["claimed"], false);
    assert_eq!(earned[0]["why"]["counted_hours"], "15.00");
    assert_eq!(
        earned[0]["why"]["courses"].as_array().map(Vec::len),
        Some(2)
    );
    assert!(earned[0].get("explanation").is_none(), "staff only");

    let reach = json["within_reach"].as_array().expect("within reach");
    assert_eq!(reach[0]["kind"], "pathway");
    assert_eq!(reach[0]["pathway"], "CPC");
    assert_eq!(reach[0]["hours_to_go"], "3.50");
    assert!(
        reach
            .iter()
            .any(|r| r["kind"] == "specialized-1-month" && r["needs_specialized_pathway"] == true)
    );
    assert_eq!(json["pathway_incentives_earned"], 1);
    assert_eq!(json["pathway_incentives_max"], 2);
    let held = json["held"].as_array().expect("held");
    assert_eq!(held.len(), 1);
    assert_eq!(held[0]["reason"], "unknown-course");
    assert_eq!(held[0]["course_number"], "NOPE-1");

    // Someone else's progress does not exist, as far as she can tell.
    let lee = format!("{LEE:09}");
    let other = rosa.get(&format!("/providers/{lee}/progress")).await;
    assert_eq!(other.status, StatusCode::NOT_FOUND);
    let other = rosa.get(&format!("/api/v1/providers/{lee}/progress")).await;
    assert_eq!(other.status, StatusCode::NOT_FOUND);
    assert_eq!(other.json()["error"]["code"], "not_found");
}

async fn check_staff(app: &TestApp) {
    // The county's staff see her progress and the English explanation, from her page.
    let mut sacramento = app.browser();
    sacramento
        .sign_in("sac@county.example", GOOD_PASSWORD)
        .await;
    let provider = sacramento.get(&format!("/providers/{ROSA:09}")).await;
    assert!(provider.body.contains(&format!("href=\"{}\"", rosa_path())));
    let page = sacramento.get(&rosa_path()).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("Progress of Rosa Alvarez"));
    assert!(page.body.contains("Full explanation for staff"));
    assert!(page.body.contains("Qualified in GHS on 2026-02-05"));
    let api = sacramento.get(&rosa_api()).await.json();
    assert!(
        api["earned"][0]["explanation"]
            .as_str()
            .is_some_and(|e| e.contains("policy version 2025-10"))
    );
    // Staff going to /progress are sent to find a provider.
    let own = sacramento.get("/progress").await;
    assert_eq!(own.header("location"), "/providers");

    // Another county's staff are refused as if she did not exist.
    let mut la = app.browser();
    la.sign_in("la@county.example", GOOD_PASSWORD).await;
    assert_eq!(la.get(&rosa_path()).await.status, StatusCode::NOT_FOUND);
    assert_eq!(la.get(&rosa_api()).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        la.get(&format!("/providers/{LEE:09}/progress"))
            .await
            .status,
        StatusCode::OK
    );

    let mut desk = app.browser();
    desk.sign_in("desk@dss.example", GOOD_PASSWORD).await;
    assert_eq!(desk.get(&rosa_api()).await.status, StatusCode::OK);

    // A vendor never sees providers' progress.
    let mut vendor = app.browser();
    vendor.sign_in("lena@v1.example", GOOD_PASSWORD).await;
    assert_eq!(vendor.get(&rosa_path()).await.status, StatusCode::FORBIDDEN);
    assert_eq!(vendor.get(&rosa_api()).await.status, StatusCode::FORBIDDEN);

    // Nobody signed in: the page asks to sign in, the API answers 401.
    let anonymous = app.get(&rosa_path()).await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
    assert_eq!(app.get(&rosa_api()).await.status, StatusCode::UNAUTHORIZED);
    // A number nobody has is simply not found.
    let mut admin_less = app.browser();
    admin_less.sign_in("desk@dss.example", GOOD_PASSWORD).await;
    assert_eq!(
        admin_less.get("/providers/999999999/progress").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_provider_sees_their_own_progress_with_the_right_numbers_on_every_backend() {
    for db in pathways_store::testing::all().await {
        let app = TestApp::on(db).await;
        scenario(&app).await;
        check_own_page_and_api(&app).await;
    }
}

#[tokio::test]
async fn staff_see_a_providers_progress_only_within_their_scope_on_every_backend() {
    for db in pathways_store::testing::all().await {
        let app = TestApp::on(db).await;
        scenario(&app).await;
        check_staff(&app).await;
    }
}

#[tokio::test]
async fn a_provider_with_no_training_sees_every_goal_still_ahead() {
    let app = TestApp::spawn().await;
    app.add_provider(ROSA, "Alvarez", "(916) 555-0142", None)
        .await;
    app.accounts()
        .create_provider_account(
            &Caller::command_line(),
            testing::provider_number(ROSA),
            GOOD_PASSWORD,
            Locale::Es,
        )
        .await
        .expect("a provider account");
    let mut rosa = app.browser();
    rosa.sign_in(&format!("{ROSA:09}"), GOOD_PASSWORD).await;
    let api = rosa.get(&rosa_api()).await;
    assert_eq!(api.status, StatusCode::OK, "{}", api.body);
    let json = api.json();
    assert!(json["earned"].as_array().is_some_and(Vec::is_empty));
    assert!(
        json["pathways"]
            .as_array()
            .expect("pathways")
            .iter()
            .all(|p| p["counted_hours"] == "0.00" && p["hours_to_go"] == "15.00")
    );
    // Her account is in Spanish, so is the page.
    let page = rosa.get(&rosa_path()).await;
    assert_eq!(page.html_lang(), "es");
    assert!(page.body.contains("Todavía no ha ganado un incentivo."));
    assert!(page.body.contains("0,00 de 15,00 horas"));
    // GHS-101 has a class on March 16 with seats; it is offered for General Health and Safety.
    assert!(page.body.contains("href=\"/courses/GHS-101\""));
}

//! The outreach list on every backend: program staff see every unclaimed incentive with how to
//! reach the provider and can filter by county; county staff see their own county only; a
//! claimed incentive is not listed; the CSV download has its header and rows and is audited;
//! other roles are refused; the JSON API says the same.

use axum::http::StatusCode;
use pathways_domain::access::Role;
use pathways_domain::ids::CountyCode;
use pathways_domain::incentive::IncentiveKind;
use pathways_domain::pathway::{Modality, Pathway};
use pathways_domain::policy::PolicyVersion;
use pathways_domain::quantity::{Hours, Money};
use pathways_domain::testing;
use pathways_store::accounts::AuditQuery;
use pathways_store::{Batch, ClaimedIncentive};
use time::macros::date;

use crate::helpers::{GOOD_PASSWORD, TestApp, course};

const ROSA: u32 = 100_000_011;
const LEE: u32 = 100_000_012;
const MAY: u32 = 100_000_013;

/// Rosa (Sacramento) and Lee (Los Angeles) each finished 15 hours of General Health and Safety;
/// May (Sacramento) did too and has claimed her incentive.
async fn scenario(app: &TestApp) {
    let store = app.store();
    store
        .add_policy_version(&PolicyVersion::program_year(
            "2025-10",
            date!(2025 - 10 - 01),
        ))
        .await
        .expect("a policy version");
    let people: Vec<_> = [(ROSA, 34, "Rosa"), (LEE, 19, "Lee"), (MAY, 34, "May")]
        .into_iter()
        .map(|(n, county, name)| {
            let mut p = testing::provider(n);
            p.first_name = name.into();
            p.county = CountyCode::new(county).expect("a county");
            p.last_paid_on = Some(date!(2026 - 01 - 15));
            p.phone = Some("(916) 555-0199".into());
            p
        })
        .collect();
    let with_hours = |number: &str| {
        let mut c = course(
            number,
            "Home Safety",
            Pathway::GeneralHealthAndSafety,
            Modality::InPerson,
        );
        c.credit_hours = Hours::whole(8);
        c
    };
    let mut tx = store.begin_import().await.expect("an import");
    tx.upsert(&Batch::Providers(people))
        .await
        .expect("providers");
    tx.upsert(&Batch::Courses(vec![
        with_hours("GHS-310"),
        with_hours("GHS-311"),
    ]))
    .await
    .expect("courses");
    tx.commit().await.expect("commit");
    let mut csv = String::from(
        "provider_number,course_number,session_id,date,minutes,completed,certificate_number\n",
    );
    for (i, n) in [ROSA, LEE, MAY].into_iter().enumerate() {
        csv.push_str(&format!(
            "{n:09},GHS-310,,2026-02-03,480,true,A-{i}\n{n:09},GHS-311,,2026-02-05,420,true,B-{i}\n"
        ));
    }
    pathways_app::import::import_csv(
        store,
        pathways_app::import::ImportKind::Attendance,
        Some(&testing::vendor_code("V1")),
        std::io::Cursor::new(csv.into_bytes()),
        &pathways_app::import::NoProgress,
    )
    .await
    .expect("an attendance file");
    let claimed = ClaimedIncentive {
        provider: testing::provider_number(MAY),
        kind: IncentiveKind::Pathway,
        pathway: Pathway::GeneralHealthAndSafety,
        qualified_on: date!(2026 - 02 - 05),
        amount: Money::from_dollars(500),
        policy_version: "2025-10".into(),
        claimed_at: time::OffsetDateTime::now_utc()
            .replace_nanosecond(0)
            .unwrap(),
    };
    assert!(
        store
            .claim_incentive(
                &claimed,
                &pathways_store::testing::audit_entry("incentive.claim", "incentive_claim")
            )
            .await
            .unwrap()
            .is_some()
    );
}

#[tokio::test]
async fn staff_see_unclaimed_incentives_within_their_scope_and_download_them() {
    for db in pathways_store::testing::all().await {
        let url = db.url.clone();
        let app = TestApp::on(db).await;
        scenario(&app).await;
        app.staff(Role::ProgramAdmin, "admin@example.org", None, None)
            .await;
        app.staff(Role::CountyStaff, "sac@example.org", None, Some(34))
            .await;

        let mut admin = app.browser();
        admin.sign_in("admin@example.org", GOOD_PASSWORD).await;
        let page = admin.get("/incentives/outreach").await;
        assert_eq!(page.status, StatusCode::OK, "{url}: {}", page.body);
        assert!(page.body.contains(&format!("{ROSA:09}")), "{url}");
        assert!(page.body.contains(&format!("{LEE:09}")));
        assert!(
            !page.body.contains(&format!("{MAY:09}")),
            "a claimed incentive is not listed"
        );
        assert!(
            page.body
                .contains("2 unclaimed incentives of 2 providers, $1000.00 in all.")
        );
        assert!(page.body.contains("href=\"tel:9165550199\""));
        assert!(page.body.contains("Pathway incentive"));
        // The admin's menu leads here.
        assert!(page.body.contains("href=\"/incentives/outreach\""));

        let la = admin.get("/incentives/outreach?county=19").await;
        assert!(la.body.contains(&format!("{LEE:09}")));
        assert!(!la.body.contains(&format!("{ROSA:09}")));
        assert!(la.body.contains("Los Angeles County."));

        let csv = admin.get("/incentives/outreach.csv").await;
        assert_eq!(csv.status, StatusCode::OK);
        assert!(csv.header("content-type").starts_with("text/csv"));
        let lines: Vec<&str> = csv.body.lines().collect();
        assert_eq!(
            lines[0],
            "provider_number,first_name,last_name,county_code,language,phone,email,kind,\
             pathway,qualified_on,amount,policy_version"
        );
        assert_eq!(lines.len(), 3, "{}", csv.body);
        assert!(lines[1].starts_with(&format!("{ROSA:09},Rosa,")));
        assert!(lines[1].ends_with(",pathway,GHS,2026-02-05,500.00,2025-10"));

        // Computing again keeps the same answer.
        let again = admin
            .submit(
                "/incentives/outreach",
                "/incentives/outreach/refresh",
                &[("county", "")],
            )
            .await;
        assert_eq!(again.status, StatusCode::SEE_OTHER);

        // County staff: their own county, whatever they ask for.
        let mut county = app.browser();
        county.sign_in("sac@example.org", GOOD_PASSWORD).await;
        let own = county.get("/incentives/outreach").await;
        assert_eq!(own.status, StatusCode::OK);
        assert!(own.body.contains(&format!("{ROSA:09}")));
        assert!(!own.body.contains(&format!("{LEE:09}")));
        assert!(own.body.contains("Sacramento County."));
        assert!(!own.body.contains("/incentives/outreach/refresh"));
        // Another county's list is out of scope, answered as the walk answers such asks.
        let other = county.get("/incentives/outreach.csv?county=19").await;
        assert_eq!(other.status, StatusCode::NOT_FOUND);
        let own_csv = county.get("/incentives/outreach.csv").await;
        assert_eq!(own_csv.body.lines().count(), 2);
        let csrf = county.get("/account").await.csrf();
        let refused = county
            .post("/incentives/outreach/refresh", &[("csrf", &csrf)])
            .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);

        // The JSON API says the same.
        let api = county.get("/api/v1/incentives/outreach").await;
        assert_eq!(api.status, StatusCode::OK);
        let json = api.json();
        assert_eq!(json["county"], "34");
        assert_eq!(json["entries"].as_array().unwrap().len(), 1);
        assert_eq!(json["entries"][0]["provider_number"], format!("{ROSA:09}"));
        assert_eq!(json["total"], "500.00");
        assert_eq!(
            admin
                .get("/api/v1/incentives/outreach?county=99")
                .await
                .status,
            StatusCode::BAD_REQUEST
        );

        // Each download is in the audit log, with who and which county.
        let log = app
            .store()
            .search_audit(&AuditQuery {
                record_type: Some("outreach_list".into()),
                limit: 10,
                ..AuditQuery::default()
            })
            .await
            .unwrap();
        let keys: Vec<&str> = log.iter().map(|r| r.entry.record_key.as_str()).collect();
        assert_eq!(keys, ["34", "all"], "{url}");
    }
}

#[tokio::test]
async fn providers_vendors_and_the_desk_may_not_see_the_outreach_list() {
    let app = TestApp::spawn().await;
    scenario(&app).await;
    app.staff(Role::ServiceDesk, "desk@example.org", None, None)
        .await;
    app.staff(Role::VendorStaff, "v1@example.org", Some("V1"), None)
        .await;
    for login in ["desk@example.org", "v1@example.org"] {
        let mut staff = app.browser();
        staff.sign_in(login, GOOD_PASSWORD).await;
        for page in [
            "/incentives/outreach",
            "/incentives/outreach.csv",
            "/api/v1/incentives/outreach",
        ] {
            assert_eq!(
                staff.get(page).await.status,
                StatusCode::FORBIDDEN,
                "{login} {page}"
            );
        }
    }
    assert_ne!(app.get("/incentives/outreach").await.status, StatusCode::OK);
}

//! The program admin's policy pages, on SQLite and PostgreSQL: the list of versions, a new
//! version started from the one in effect (as a draft, then put in effect), refusals shown on
//! the form in the admin's language, a version a decision used that can no longer be changed,
//! and the roles that may not touch any of it.

use axum::http::StatusCode;
use pathways_domain::access::Role;
use pathways_domain::incentive::IncentiveKind;
use pathways_domain::pathway::Pathway;
use pathways_domain::policy::PARAMETERS;
use pathways_domain::quantity::Money;
use pathways_domain::testing::provider_number;
use pathways_store::ClaimedIncentive;
use pathways_store::accounts::AuditQuery;
use time::macros::date;

use crate::helpers::{Agent, GOOD_PASSWORD, TestApp, TestResponse};

/// The value of the form field named `name` on the page.
fn field(page: &TestResponse, name: &str) -> String {
    let marker = format!("name=\"{name}\"");
    let start = page
        .body
        .find(&marker)
        .unwrap_or_else(|| panic!("a field {name}: {}", page.body));
    let tag_end = page.body[start..].find('>').unwrap() + start;
    let tag = &page.body[start..tag_end];
    let value = tag.split_once("value=\"").expect("a value").1;
    value[..value.find('"').unwrap()].to_owned()
}

/// Every parameter's field as the form shows it, with `changes` made.
fn filled(page: &TestResponse, changes: &[(&str, &str)]) -> Vec<(String, String)> {
    PARAMETERS
        .iter()
        .map(|p| {
            let id = p.name.replace('_', "-");
            let value = changes
                .iter()
                .find(|(n, _)| *n == id)
                .map_or_else(|| field(page, &id), |(_, v)| (*v).to_owned());
            (id, value)
        })
        .collect()
}

async fn send(
    agent: &mut Agent<'_>,
    page: &str,
    action: &str,
    fields: &[(String, String)],
) -> TestResponse {
    let borrowed: Vec<(&str, &str)> = fields
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    agent.submit(page, action, &borrowed).await
}

#[tokio::test]
async fn a_program_admin_prepares_a_version_as_a_draft_changes_it_and_puts_it_in_effect() {
    for db in pathways_store::testing::all().await {
        let url = db.url.clone();
        let app = TestApp::on(db).await;
        app.staff(Role::ProgramAdmin, "admin@example.org", None, None)
            .await;
        let mut admin = app.browser();
        admin.sign_in("admin@example.org", GOOD_PASSWORD).await;

        let list = admin.get("/admin/policy").await;
        assert_eq!(list.status, StatusCode::OK, "{url}");
        assert!(list.body.contains("href=\"/admin/policy/2022-10\""));
        assert!(list.body.contains("In effect, not used yet"));
        assert!(list.body.contains("href=\"/admin/policy/new\""));

        // The new form starts from the version in effect.
        let form = admin.get("/admin/policy/new").await;
        assert_eq!(form.status, StatusCode::OK);
        assert_eq!(field(&form, "pathway-incentive-amount"), "500.00");
        assert_eq!(field(&form, "daily-maximum"), "12");
        assert_eq!(field(&form, "version"), "");

        // Mistakes are named on the form, in Spanish for a Spanish reader, and nothing is saved.
        admin.set_cookie("lang", "es");
        let mut bad = filled(
            &form,
            &[
                ("pathway-incentive-amount", "mucho"),
                ("last-claim-date", "2020-01-01"),
            ],
        );
        bad.push(("version".into(), "julio 2026".into()));
        bad.push(("action".into(), "draft".into()));
        let refused = send(&mut admin, "/admin/policy/new", "/admin/policy/new", &bad).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            refused
                .body
                .contains("Escriba un valor válido para Monto del incentivo por trayectoria"),
            "{}",
            refused.body
        );
        assert!(
            refused.body.contains(
                "Último día de clases debe ser igual o anterior a Último día para reclamar"
            )
        );
        assert!(refused.body.contains("Escriba un nombre de versión"));
        // What was typed stays in the boxes.
        assert_eq!(field(&refused, "pathway-incentive-amount"), "mucho");
        assert_eq!(app.store().stored_policies().await.unwrap().len(), 1);
        admin.set_cookie("lang", "en");

        let mut good = filled(
            &form,
            &[
                ("effective-from", "2026-07-01"),
                ("pathway-incentive-amount", "750.00"),
            ],
        );
        good.push(("version".into(), "2026-07".into()));
        good.push(("action".into(), "draft".into()));
        let saved = send(&mut admin, "/admin/policy/new", "/admin/policy/new", &good).await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
        let list = admin.get(saved.header("location")).await;
        assert!(list.body.contains("Version 2026-07 was saved as a draft."));
        assert!(list.body.contains("Draft, not in effect"));
        assert_eq!(app.store().policy_versions().await.unwrap().len(), 1);

        // Changed while still a draft, then put in effect.
        let edit = admin.get("/admin/policy/2026-07/edit").await;
        assert_eq!(edit.status, StatusCode::OK);
        let changed = filled(&edit, &[("pathway-incentive-amount", "800.00")]);
        let answer = send(
            &mut admin,
            "/admin/policy/2026-07/edit",
            "/admin/policy/2026-07/edit",
            &changed,
        )
        .await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
        let detail = admin.get("/admin/policy/2026-07").await;
        assert!(detail.body.contains("$800.00"));
        assert!(
            detail
                .body
                .contains("action=\"/admin/policy/2026-07/publish\"")
        );
        let published = admin
            .submit(
                "/admin/policy/2026-07",
                "/admin/policy/2026-07/publish",
                &[],
            )
            .await;
        assert_eq!(published.status, StatusCode::SEE_OTHER);
        let book = app.store().policy_versions().await.unwrap();
        assert_eq!(book.len(), 2, "{url}");
        assert_eq!(book[1].pathway_incentive_amount, Money::from_dollars(800));

        // Once an incentive is claimed at its amount, the version can only be superseded.
        let mut tx = app.store().begin_import().await.unwrap();
        tx.upsert(&pathways_store::Batch::Providers(vec![
            pathways_domain::testing::provider(123_456_789),
        ]))
        .await
        .unwrap();
        tx.commit().await.unwrap();
        let claim = ClaimedIncentive {
            provider: provider_number(123_456_789),
            kind: IncentiveKind::Pathway,
            pathway: Pathway::GeneralHealthAndSafety,
            qualified_on: date!(2026 - 07 - 15),
            amount: Money::from_dollars(800),
            policy_version: "2026-07".into(),
            claimed_at: time::OffsetDateTime::now_utc()
                .replace_nanosecond(0)
                .unwrap(),
        };
        assert!(
            app.store()
                .claim_incentive(
                    &claim,
                    &pathways_store::testing::audit_entry("incentive.claim", "incentive_claim")
                )
                .await
                .unwrap()
                .is_some()
        );
        let detail = admin.get("/admin/policy/2026-07").await;
        assert!(detail.body.contains("In effect, used for decisions"));
        assert!(!detail.body.contains("/admin/policy/2026-07/edit"));
        let refused = admin.get("/admin/policy/2026-07/edit").await;
        assert_eq!(refused.status, StatusCode::CONFLICT);
        assert!(refused.body.contains("can no longer be changed"));
        let csrf = admin.get("/account").await.csrf();
        let mut forged = changed.clone();
        forged.iter_mut().for_each(|(n, v)| {
            if n == "pathway-incentive-amount" {
                *v = "1.00".into();
            }
        });
        forged.push(("csrf".into(), csrf));
        let borrowed: Vec<(&str, &str)> = forged
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        let answer = admin.post("/admin/policy/2026-07/edit", &borrowed).await;
        assert_eq!(answer.status, StatusCode::CONFLICT);
        assert_eq!(
            app.store().policy_versions().await.unwrap()[1].pathway_incentive_amount,
            Money::from_dollars(800)
        );

        let log = app
            .store()
            .search_audit(&AuditQuery {
                record_type: Some("policy_version".into()),
                limit: 10,
                ..AuditQuery::default()
            })
            .await
            .unwrap();
        let actions: Vec<&str> = log.iter().map(|r| r.entry.action.as_str()).collect();
        assert_eq!(
            actions,
            ["policy.publish", "policy.edit", "policy.create-draft"]
        );
    }
}

#[tokio::test]
async fn only_program_admins_see_or_change_the_rules() {
    let app = TestApp::spawn().await;
    app.staff(Role::ServiceDesk, "desk@example.org", None, None)
        .await;
    app.staff(Role::CountyStaff, "county@example.org", None, Some(34))
        .await;
    for login in ["desk@example.org", "county@example.org"] {
        let mut staff = app.browser();
        staff.sign_in(login, GOOD_PASSWORD).await;
        for page in [
            "/admin/policy",
            "/admin/policy/new",
            "/admin/policy/2022-10",
            "/admin/policy/2022-10/edit",
        ] {
            assert_eq!(
                staff.get(page).await.status,
                StatusCode::FORBIDDEN,
                "{page}"
            );
        }
        let csrf = staff.get("/account").await.csrf();
        let answer = staff
            .post(
                "/admin/policy/new",
                &[
                    ("csrf", &csrf),
                    ("version", "sneaky"),
                    ("action", "publish"),
                ],
            )
            .await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN);
        let answer = staff
            .post("/admin/policy/2022-10/publish", &[("csrf", &csrf)])
            .await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN);
    }
    assert_eq!(app.store().stored_policies().await.unwrap().len(), 1);
    // Without signing in, the pages ask for it.
    let visitor = app.get("/admin/policy/new").await;
    assert_ne!(visitor.status, StatusCode::OK);
}

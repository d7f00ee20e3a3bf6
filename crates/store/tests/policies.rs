//! Policy versions on both databases: drafts stay out of the rules' book until published, a name
//! and an effective date are each taken once, a version no decision used can be changed, a used
//! one never, and every change lands with its audit record.

use pathways_domain::incentive::IncentiveKind;
use pathways_domain::pathway::Pathway;
use pathways_domain::policy::PolicyVersion;
use pathways_domain::quantity::Money;
use pathways_domain::testing::provider_number;
use pathways_store::accounts::{AuditActor, AuditEntry, AuditQuery};
use pathways_store::{ClaimedIncentive, PolicyConflict, testing};
use time::OffsetDateTime;
use time::macros::date;

fn audit(action: &str, version: &str) -> AuditEntry {
    AuditEntry {
        at: OffsetDateTime::from_unix_timestamp(1_767_225_600).unwrap(),
        actor: AuditActor {
            account: None,
            label: "test".into(),
        },
        action: action.into(),
        record_type: "policy_version".into(),
        record_key: version.into(),
        before: None,
        after: None,
    }
}

fn names(versions: &[PolicyVersion]) -> Vec<&str> {
    versions.iter().map(|v| v.version.as_str()).collect()
}

#[tokio::test]
async fn drafts_wait_outside_the_rules_until_published() {
    for db in testing::all().await {
        let store = db.store.as_ref();
        let mut draft = PolicyVersion::program_year("2026-07", date!(2026 - 07 - 01));
        draft.pathway_incentive_amount = Money::from_dollars(750);
        assert_eq!(
            store
                .create_policy(&draft, false, &audit("policy.create-draft", "2026-07"))
                .await
                .unwrap(),
            Ok(())
        );
        assert_eq!(
            names(&store.policy_versions().await.unwrap()),
            ["2022-10"],
            "{}",
            db.url
        );
        let stored = store.stored_policy("2026-07").await.unwrap().unwrap();
        assert_eq!(stored.version, draft);
        assert!(!stored.published && !stored.used);
        assert_eq!(store.stored_policies().await.unwrap().len(), 2);

        // A name or a date taken is refused and changes nothing.
        let same_name = PolicyVersion::program_year("2026-07", date!(2026 - 08 - 01));
        assert_eq!(
            store
                .create_policy(
                    &same_name,
                    true,
                    &audit("policy.create-published", "2026-07")
                )
                .await
                .unwrap(),
            Err(PolicyConflict::VersionTaken)
        );
        let same_date = PolicyVersion::program_year("2026-07b", date!(2026 - 07 - 01));
        assert_eq!(
            store
                .create_policy(
                    &same_date,
                    true,
                    &audit("policy.create-published", "2026-07b")
                )
                .await
                .unwrap(),
            Err(PolicyConflict::DateTaken("2026-07".into()))
        );

        assert_eq!(
            store
                .publish_policy("2026-07", &audit("policy.publish", "2026-07"))
                .await
                .unwrap(),
            Ok(())
        );
        let book = store.policy_versions().await.unwrap();
        assert_eq!(names(&book), ["2022-10", "2026-07"]);
        assert_eq!(book[1].pathway_incentive_amount, Money::from_dollars(750));
        assert_eq!(
            store
                .publish_policy("2026-07", &audit("policy.publish", "2026-07"))
                .await
                .unwrap(),
            Err(PolicyConflict::AlreadyPublished)
        );
        assert_eq!(
            store
                .publish_policy("nope", &audit("policy.publish", "nope"))
                .await
                .unwrap(),
            Err(PolicyConflict::NotFound)
        );

        let log = store
            .search_audit(&AuditQuery {
                record_type: Some("policy_version".into()),
                limit: 10,
                ..AuditQuery::default()
            })
            .await
            .unwrap();
        let actions: Vec<&str> = log.iter().map(|r| r.entry.action.as_str()).collect();
        assert_eq!(actions, ["policy.publish", "policy.create-draft"]);
    }
}

#[tokio::test]
async fn a_version_a_decision_used_is_never_changed() {
    for db in testing::all().await {
        let store = db.store.as_ref();
        let mut future = PolicyVersion::program_year("2026-07", date!(2026 - 07 - 01));
        store
            .create_policy(&future, true, &audit("policy.create-published", "2026-07"))
            .await
            .unwrap()
            .unwrap();

        // Unused: it can still be changed, even its date.
        future.pathway_incentive_amount = Money::from_dollars(600);
        future.effective_from = date!(2026 - 06 - 01);
        assert_eq!(
            store
                .update_policy(&future, &audit("policy.edit", "2026-07"))
                .await
                .unwrap(),
            Ok(())
        );
        let stored = store.stored_policy("2026-07").await.unwrap().unwrap();
        assert_eq!(stored.version, future, "{}", db.url);

        // Not onto another version's date.
        let mut clash = future.clone();
        clash.effective_from = date!(2022 - 10 - 01);
        assert_eq!(
            store
                .update_policy(&clash, &audit("policy.edit", "2026-07"))
                .await
                .unwrap(),
            Err(PolicyConflict::DateTaken("2022-10".into()))
        );

        // An incentive claimed at its amount makes it used.
        let mut tx = store.begin_import().await.unwrap();
        tx.upsert(&pathways_store::Batch::Providers(vec![
            pathways_domain::testing::provider(100_000_001),
        ]))
        .await
        .unwrap();
        tx.commit().await.unwrap();
        let claimed = ClaimedIncentive {
            provider: provider_number(100_000_001),
            kind: IncentiveKind::Pathway,
            pathway: Pathway::GeneralHealthAndSafety,
            qualified_on: date!(2026 - 06 - 15),
            amount: Money::from_dollars(600),
            policy_version: "2026-07".into(),
            claimed_at: OffsetDateTime::from_unix_timestamp(1_781_000_000).unwrap(),
        };
        assert!(
            store
                .claim_incentive(
                    &claimed,
                    &testing::audit_entry("incentive.claim", "incentive_claim")
                )
                .await
                .unwrap()
                .is_some()
        );
        assert!(store.stored_policy("2026-07").await.unwrap().unwrap().used);

        let mut changed = future.clone();
        changed.pathway_incentive_amount = Money::from_dollars(900);
        assert_eq!(
            store
                .update_policy(&changed, &audit("policy.edit", "2026-07"))
                .await
                .unwrap(),
            Err(PolicyConflict::Used)
        );
        assert_eq!(
            store
                .stored_policy("2026-07")
                .await
                .unwrap()
                .unwrap()
                .version,
            future
        );
        let ghost = PolicyVersion::program_year("ghost", date!(2030 - 01 - 01));
        assert_eq!(
            store
                .update_policy(&ghost, &audit("policy.edit", "ghost"))
                .await
                .unwrap(),
            Err(PolicyConflict::NotFound)
        );
        // The one edit that went through is the only one audited.
        let log = store
            .search_audit(&AuditQuery {
                record_type: Some("policy_version".into()),
                limit: 10,
                ..AuditQuery::default()
            })
            .await
            .unwrap();
        let actions: Vec<&str> = log.iter().map(|r| r.entry.action.as_str()).collect();
        assert_eq!(actions, ["policy.edit", "policy.create-published"]);
    }
}

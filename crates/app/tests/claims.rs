//! Training-pay claims against real databases (SQLite, and PostgreSQL when configured): an
//! accepted claim pays the county rate with overtime past 40 hours in the workweek; claims that
//! break a rule are refused by that rule and write nothing; someone else's claim is refused;
//! and 20 requests at once for the same completion make exactly one claim.

use std::sync::Arc;

use pathways_app::access::Caller;
use pathways_app::claims::{ClaimError, Claims};
use pathways_domain::access::Actor;
use pathways_domain::claim::ClaimRule;
use pathways_domain::ids::{CaseNumber, ProviderNumber};
use pathways_domain::quantity::{Hours, Money};
use pathways_domain::testing;
use pathways_store::testing::TestDatabase;
use pathways_store::{Batch, Store};
use time::Date;
use time::macros::date;

const TODAY: Date = date!(2023 - 03 - 20);

fn caller(provider: ProviderNumber) -> Caller {
    Caller {
        actor: Actor::Provider { provider },
        account: None,
        label: format!("provider {provider}"),
    }
}

fn case(c: &str) -> CaseNumber {
    CaseNumber::parse(c).unwrap()
}

/// Provider 1 completed GHS-101 (8 hours over two days, 2023-03-08 and 09) and GHS-102 on
/// 2023-03-10, and works 30 hours that week (from Sunday 2023-03-05) for case 3400001
/// (Sacramento, $16.90 an hour from 2023-01-01). Case 3400002 is assigned only until March 1.
async fn seeded() -> Vec<TestDatabase> {
    let dbs = pathways_store::testing::all().await;
    for db in &dbs {
        let store = db.store.as_ref();
        let mut long = testing::course("GHS-101");
        long.credit_hours = Hours::whole(8);
        let mut tx = store.begin_import().await.unwrap();
        for batch in [
            Batch::Vendors(vec![testing::vendor("V1")]),
            Batch::Courses(vec![long, testing::course("GHS-102")]),
            Batch::Providers(vec![testing::provider(1), testing::provider(2)]),
            Batch::Recipients(vec![
                testing::recipient("3400001", ""),
                testing::recipient("3400002", ""),
            ]),
            Batch::Assignments(vec![
                testing::assignment(1, "3400001", date!(2022 - 06 - 01), None),
                testing::assignment(
                    1,
                    "3400002",
                    date!(2022 - 06 - 01),
                    Some(date!(2023 - 03 - 01)),
                ),
            ]),
            Batch::WorkHours(vec![testing::work_hours(
                1,
                "3400001",
                date!(2023 - 03 - 05),
                30,
            )]),
            Batch::WageRates(vec![testing::wage_rate(34, date!(2023 - 01 - 01), 1690)]),
        ] {
            tx.upsert(&batch).await.unwrap();
        }
        tx.commit().await.unwrap();
        let csv = "provider_number,course_number,session_id,date,minutes,completed,certificate_number\n\
                   000000001,GHS-101,,2023-03-08,240,false,\n\
                   000000001,GHS-101,,2023-03-09,240,true,C-1\n\
                   000000001,GHS-102,,2023-03-10,180,true,C-2\n";
        pathways_app::import::import_csv(
            store,
            pathways_app::import::ImportKind::Attendance,
            Some(&testing::vendor_code("V1")),
            std::io::Cursor::new(csv.as_bytes().to_vec()),
            &pathways_app::import::NoProgress,
        )
        .await
        .unwrap();
    }
    dbs
}

async fn submit(
    store: &Arc<dyn Store>,
    provider: u32,
    course: &str,
    on: Date,
    case_number: &str,
    hundredths: u32,
) -> Result<pathways_app::claims::SubmittedClaim, ClaimError> {
    let p = testing::provider_number(provider);
    Claims::new(Arc::clone(store))
        .submit_training(
            &caller(p),
            p,
            testing::course_number(course),
            on,
            case(case_number),
            Hours::from_hundredths(hundredths),
            TODAY,
        )
        .await
}

fn rule_of(result: Result<pathways_app::claims::SubmittedClaim, ClaimError>) -> ClaimRule {
    match result {
        Err(ClaimError::Refused(r)) => r.rule,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[tokio::test]
async fn an_accepted_claim_pays_the_county_rate_with_overtime_past_forty_hours() {
    for db in seeded().await {
        let store = &db.store;
        // 30 hours of work + 8 of training: within 40.
        let first = submit(store, 1, "GHS-101", date!(2023 - 03 - 09), "3400001", 800)
            .await
            .unwrap();
        assert_eq!(first.amount, Money::from_cents(13520), "{}", db.url);
        // Then 3 more hours the same week: 38 + 3 = 41, so 1 hour is overtime.
        let second = submit(store, 1, "GHS-102", date!(2023 - 03 - 10), "3400001", 300)
            .await
            .unwrap();
        // 2 × 16.90 + 1 × 16.90 × 1.5 = 33.80 + 25.35
        assert_eq!(second.amount, Money::from_cents(5915), "{}", db.url);
        assert!(
            second.explanation.contains("1.00 hours are overtime"),
            "{}",
            second.explanation
        );

        let p = testing::provider_number(1);
        let claims = Claims::new(Arc::clone(store))
            .training_claims(&caller(p), p)
            .await
            .unwrap();
        assert_eq!(claims.len(), 2);
        assert_eq!(claims[0].trained_on, date!(2023 - 03 - 10));
        assert_eq!(claims[0].overtime, Hours::whole(1));
        assert_eq!(claims[0].state, "submitted");
        assert_eq!(claims[1].hours, Hours::whole(8));
        assert_eq!(claims[1].county.get(), 34);
        // A claimed completion makes its policy version used.
        assert!(store.stored_policy("2022-10").await.unwrap().unwrap().used);
    }
}

#[tokio::test]
async fn a_claim_that_breaks_a_rule_is_refused_by_that_rule_and_writes_nothing() {
    for db in seeded().await {
        let store = &db.store;
        // No completion of GHS-101 on the 8th (only attendance).
        assert_eq!(
            rule_of(submit(store, 1, "GHS-101", date!(2023 - 03 - 08), "3400001", 400).await),
            ClaimRule::VerifiedAttendance
        );
        // More hours than attended (8 hours verified).
        assert_eq!(
            rule_of(submit(store, 1, "GHS-101", date!(2023 - 03 - 09), "3400001", 801).await),
            ClaimRule::HoursVerified
        );
        // A recipient whose assignment ended.
        assert_eq!(
            rule_of(submit(store, 1, "GHS-101", date!(2023 - 03 - 09), "3400002", 800).await),
            ClaimRule::ActiveAssignment
        );
        // A case the recipients file does not have.
        assert_eq!(
            rule_of(submit(store, 1, "GHS-101", date!(2023 - 03 - 09), "9999999", 800).await),
            ClaimRule::ActiveAssignment
        );
        // Provider 2 attended nothing.
        assert_eq!(
            rule_of(submit(store, 2, "GHS-101", date!(2023 - 03 - 09), "3400001", 100).await),
            ClaimRule::VerifiedAttendance
        );
        let p = testing::provider_number(1);
        assert!(
            store.training_claims(p).await.unwrap().is_empty(),
            "{}",
            db.url
        );

        // Accepted once, then refused as claimed before.
        submit(store, 1, "GHS-101", date!(2023 - 03 - 09), "3400001", 800)
            .await
            .unwrap();
        assert_eq!(
            rule_of(submit(store, 1, "GHS-101", date!(2023 - 03 - 09), "3400001", 100).await),
            ClaimRule::NotClaimedBefore
        );

        // Someone else's completion is not another provider's to claim.
        let other = Claims::new(Arc::clone(store))
            .submit_training(
                &caller(testing::provider_number(2)),
                p,
                testing::course_number("GHS-102"),
                date!(2023 - 03 - 10),
                case("3400001"),
                Hours::whole(3),
                TODAY,
            )
            .await;
        assert!(matches!(other, Err(ClaimError::Access(_))), "{other:?}");
        assert_eq!(store.training_claims(p).await.unwrap().len(), 1);
    }
}

#[tokio::test]
async fn twenty_claims_of_one_completion_at_once_make_exactly_one() {
    for db in seeded().await {
        let mut tasks = Vec::new();
        for _ in 0..20 {
            let store = Arc::clone(&db.store);
            tasks.push(tokio::spawn(async move {
                submit(&store, 1, "GHS-101", date!(2023 - 03 - 09), "3400001", 800).await
            }));
        }
        let mut accepted = 0;
        let mut refused = 0;
        for t in tasks {
            match t.await.unwrap() {
                Ok(_) => accepted += 1,
                Err(ClaimError::Refused(r)) if r.rule == ClaimRule::NotClaimedBefore => {
                    refused += 1;
                }
                Err(other) => panic!("{}: {other:?}", db.url),
            }
        }
        assert_eq!((accepted, refused), (1, 19), "{}", db.url);
        let claims = db
            .store
            .training_claims(testing::provider_number(1))
            .await
            .unwrap();
        assert_eq!(claims.len(), 1);
        assert_eq!(claims[0].amount, Money::from_cents(13520));
    }
}

//! Training-pay claims against real databases (SQLite, and PostgreSQL when configured): an
//! accepted claim pays the county rate with overtime past 40 hours in the workweek; claims that
//! break a rule are refused by that rule and write nothing; someone else's claim is refused;
//! and 20 requests at once for the same completion make exactly one claim.

use std::sync::Arc;

use pathways_app::access::Caller;
use pathways_app::claims::{ClaimError, Claims};
use pathways_app::payroll::{DenialReason, Payroll, PayrollError};
use pathways_domain::access::Actor;
use pathways_domain::claim::ClaimRule;
use pathways_domain::ids::{CaseNumber, ProviderNumber};
use pathways_domain::quantity::{Hours, Money};
use pathways_domain::testing;
use pathways_store::testing::TestDatabase;
use pathways_store::{Batch, ClaimRef, Store};
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

// Review and payroll.

fn staff(actor: Actor) -> Caller {
    Caller {
        actor,
        account: None,
        label: "reviewer@example.org".into(),
    }
}

fn admin() -> Caller {
    staff(Actor::ProgramAdmin)
}

async fn upsert(store: &Arc<dyn Store>, batch: Batch) {
    let mut tx = store.begin_import().await.unwrap();
    tx.upsert(&batch).await.unwrap();
    tx.commit().await.unwrap();
}

#[tokio::test]
async fn approval_judges_claims_again_on_todays_facts_and_reprices_them() {
    for db in seeded().await {
        let store = &db.store;
        let first = submit(store, 1, "GHS-101", date!(2023 - 03 - 09), "3400001", 800)
            .await
            .unwrap();
        let second = submit(store, 1, "GHS-102", date!(2023 - 03 - 10), "3400001", 300)
            .await
            .unwrap();
        // The payroll feed then reports 35 hours of work that week, not 30.
        upsert(
            store,
            Batch::WorkHours(vec![testing::work_hours(
                1,
                "3400001",
                date!(2023 - 03 - 05),
                35,
            )]),
        )
        .await;
        let payroll = Payroll::new(Arc::clone(store));

        // County staff see their county's queue but decide nothing.
        let county = staff(Actor::CountyStaff {
            county: testing::county(34),
        });
        let queue = payroll.queue(&county, None, 0, 50).await.unwrap();
        assert_eq!((queue.waiting, queue.claims.len()), (2, 2), "{}", db.url);
        assert!(!queue.may_decide);
        assert_eq!(queue.claims[0].provider_name, "Ana Provider1");
        let elsewhere = staff(Actor::CountyStaff {
            county: testing::county(1),
        });
        assert_eq!(
            payroll
                .queue(&elsewhere, None, 0, 50)
                .await
                .unwrap()
                .waiting,
            0
        );
        assert!(matches!(
            payroll.approve(&county, first.id).await,
            Err(PayrollError::Access(_))
        ));

        let seen = std::sync::atomic::AtomicU64::new(0);
        let bulk = payroll
            .approve_all(&admin(), TODAY, &|n| {
                seen.store(n, std::sync::atomic::Ordering::Relaxed);
            })
            .await
            .unwrap();
        assert_eq!((bulk.approved, bulk.repriced), (2, 2), "{}", db.url);
        assert!(bulk.left.is_empty());
        assert_eq!(seen.into_inner(), 2);
        let p = testing::provider_number(1);
        let claims = store.training_claims(p).await.unwrap();
        // 35 + 8 = 43: 3 of the 8 hours are overtime; then all 3 hours of the second claim.
        // 5 × 16.90 + 3 × 25.35 = 84.50 + 76.05; 3 × 25.35.
        assert_eq!(claims[1].id, first.id);
        assert_eq!(claims[1].amount, Money::from_cents(16055), "{}", db.url);
        assert_eq!(claims[0].id, second.id);
        assert_eq!(claims[0].amount, Money::from_cents(7605));
        assert!(claims.iter().all(|c| c.state == "approved"));
        let decision = claims[0].decision.as_ref().unwrap();
        assert_eq!(decision.by, "reviewer@example.org");
        assert!(decision.denial_rule.is_none());

        // A decided claim is not decided again.
        assert!(matches!(
            payroll
                .deny(
                    &admin(),
                    ClaimRef::Training(first.id),
                    &DenialReason::Rule(ClaimRule::HoursVerified)
                )
                .await,
            Err(PayrollError::NotSubmitted { .. })
        ));
        let audit = store
            .search_audit(&pathways_store::accounts::AuditQuery {
                record_type: Some("training_claim".into()),
                limit: 100,
                ..Default::default()
            })
            .await
            .unwrap();
        let approvals: Vec<_> = audit
            .iter()
            .filter(|a| a.entry.action == "claim.approve")
            .collect();
        assert_eq!(approvals.len(), 1, "{}", db.url);
        assert_eq!(
            approvals[0].entry.record_key,
            format!("{}-{}", first.id, second.id)
        );
    }
}

#[tokio::test]
async fn a_claim_that_fails_a_rule_now_stays_for_review_and_a_denial_names_the_rule() {
    for db in seeded().await {
        let store = &db.store;
        let claim = submit(store, 1, "GHS-101", date!(2023 - 03 - 09), "3400001", 800)
            .await
            .unwrap();
        // The county then reports the provider's enrollment as terminated.
        let mut terminated = testing::provider(1);
        terminated.enrollment_status = pathways_domain::pathway::EnrollmentStatus::Terminated;
        upsert(store, Batch::Providers(vec![terminated])).await;
        let payroll = Payroll::new(Arc::clone(store));
        match payroll.approve(&admin(), claim.id).await {
            Err(PayrollError::Refused { refusal, .. }) => {
                assert_eq!(refusal.rule, ClaimRule::ProviderEligible, "{}", db.url);
            }
            other => panic!("{}: {other:?}", db.url),
        }
        let bulk = payroll.approve_all(&admin(), TODAY, &|_| {}).await.unwrap();
        assert_eq!(bulk.approved, 0);
        assert_eq!(bulk.left.len(), 1);
        assert_eq!(bulk.left[0].1.rule, ClaimRule::ProviderEligible);

        assert!(matches!(
            payroll
                .deny(
                    &admin(),
                    ClaimRef::Training(claim.id),
                    &DenialReason::Other("  ".into())
                )
                .await,
            Err(PayrollError::NoteNeeded)
        ));
        payroll
            .deny(
                &admin(),
                ClaimRef::Training(claim.id),
                &DenialReason::Rule(ClaimRule::ProviderEligible),
            )
            .await
            .unwrap();
        let stored = store.training_claim(claim.id).await.unwrap().unwrap();
        assert_eq!(stored.state, "denied");
        let decision = stored.decision.unwrap();
        assert_eq!(decision.denial_rule.as_deref(), Some("provider-eligible"));
        assert_eq!(
            payroll.queue(&admin(), None, 0, 10).await.unwrap().waiting,
            0
        );
        assert!(matches!(
            payroll.approve(&admin(), claim.id).await,
            Err(PayrollError::NotSubmitted { .. })
        ));
        assert!(matches!(
            payroll.approve(&admin(), 999_999).await,
            Err(PayrollError::NoSuchClaim(999_999))
        ));
    }
}

#[tokio::test]
async fn payroll_batches_each_approved_claim_once_exports_the_same_file_and_takes_confirmations() {
    for db in seeded().await {
        let store = &db.store;
        let first = submit(store, 1, "GHS-101", date!(2023 - 03 - 09), "3400001", 800)
            .await
            .unwrap();
        let second = submit(store, 1, "GHS-102", date!(2023 - 03 - 10), "3400001", 300)
            .await
            .unwrap();
        let payroll = Payroll::new(Arc::clone(store));
        assert!(
            payroll
                .create_batch(&admin(), date!(2023 - 03 - 31))
                .await
                .unwrap()
                .is_none(),
            "nothing is approved yet"
        );
        payroll.approve_all(&admin(), TODAY, &|_| {}).await.unwrap();

        // Two batches at once: one takes both claims, the other finds nothing.
        let (one, two) = (admin(), admin());
        let (a, b) = tokio::join!(
            payroll.create_batch(&one, date!(2023 - 03 - 31)),
            payroll.create_batch(&two, date!(2023 - 03 - 31)),
        );
        let made: Vec<_> = [a.unwrap(), b.unwrap()].into_iter().flatten().collect();
        assert_eq!(made.len(), 1, "{}", db.url);
        let batch = &made[0];
        assert_eq!(batch.payment_count, 2);
        assert_eq!(batch.total, Money::from_cents(13520 + 5915));
        assert!(batch.exported_at.is_none());

        let dir = scratch_dir(&db.url);
        let path = dir.join("batch.csv");
        payroll.export(&admin(), batch.id, &path).await.unwrap();
        let file = std::fs::read_to_string(&path).unwrap();
        let lines: Vec<&str> = file.lines().collect();
        assert_eq!(lines[0], pathways_app::payroll::EXPORT_COLUMNS);
        assert_eq!(lines.len(), 3);
        let (p1, p2) = {
            let claims = store
                .training_claims(testing::provider_number(1))
                .await
                .unwrap();
            let id_of = |claim: i64| {
                claims
                    .iter()
                    .find(|c| c.id == claim)
                    .and_then(|c| c.payment.as_ref())
                    .map(|p| p.id)
                    .unwrap()
            };
            (id_of(first.id), id_of(second.id))
        };
        assert_eq!(
            lines[1],
            format!("{p1},000000001,3400001,34,training,8.00,16.90,135.20,2023-03-31")
        );
        assert_eq!(
            lines[2],
            format!("{p2},000000001,3400001,34,training,3.00,16.90,59.15,2023-03-31")
        );
        // Exported again: the same bytes; the batch keeps its first export time.
        payroll.export(&admin(), batch.id, &path).await.unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), file);
        let stored = store.payroll_batch(batch.id).await.unwrap().unwrap();
        assert!(stored.exported_at.is_some());
        assert_eq!(
            std::fs::read_dir(&dir).unwrap().count(),
            1,
            "no temporary file is left"
        );

        // A confirmation with a problem changes nothing.
        let bad = format!("payment_id,status,reason\n{p1},paid,\n999999,paid,\n");
        match payroll.confirm(&admin(), bad.as_bytes(), "bad.csv").await {
            Err(PayrollError::Confirmation(errors)) => {
                assert_eq!(errors.len(), 1);
                assert!(
                    errors[0]
                        .to_string()
                        .contains("line 3: there is no payment 999999")
                );
            }
            other => panic!("{}: {other:?}", db.url),
        }
        let claims = store
            .training_claims(testing::provider_number(1))
            .await
            .unwrap();
        assert!(claims.iter().all(|c| c.state == "approved"), "{}", db.url);

        let good = format!(
            "payment_id,status,reason\n{p1},paid,\n{p2},rejected,provider's bank account closed\n"
        );
        let summary = payroll
            .confirm(&admin(), good.as_bytes(), "good.csv")
            .await
            .unwrap();
        assert_eq!(
            (summary.paid, summary.rejected, summary.unchanged),
            (1, 1, 0)
        );
        let again = payroll
            .confirm(&admin(), good.as_bytes(), "good.csv")
            .await
            .unwrap();
        assert_eq!((again.paid, again.rejected, again.unchanged), (0, 0, 2));
        let flipped = format!("payment_id,status,reason\n{p1},rejected,wrong\n");
        assert!(matches!(
            payroll
                .confirm(&admin(), flipped.as_bytes(), "flip.csv")
                .await,
            Err(PayrollError::Confirmation(_))
        ));
        let claims = store
            .training_claims(testing::provider_number(1))
            .await
            .unwrap();
        let paid = claims.iter().find(|c| c.id == first.id).unwrap();
        assert_eq!(paid.state, "paid");
        assert_eq!(paid.payment.as_ref().unwrap().status, "paid");
        assert_eq!(
            paid.payment.as_ref().unwrap().pay_period,
            date!(2023 - 03 - 31)
        );
        let rejected = claims.iter().find(|c| c.id == second.id).unwrap();
        assert_eq!(rejected.state, "rejected");
        assert_eq!(
            rejected.payment.as_ref().unwrap().reason.as_deref(),
            Some("provider's bank account closed")
        );
        // Neither is batched again.
        assert!(
            payroll
                .create_batch(&admin(), date!(2023 - 04 - 15))
                .await
                .unwrap()
                .is_none()
        );
        // Provider staff cannot run payroll.
        assert!(matches!(
            payroll
                .create_batch(&caller(testing::provider_number(1)), date!(2023 - 04 - 15))
                .await,
            Err(PayrollError::Access(_))
        ));
    }
}

/// An empty directory of this test's own.
fn scratch_dir(url: &str) -> std::path::PathBuf {
    let tag: String = url.chars().filter(char::is_ascii_alphanumeric).collect();
    let dir = std::env::temp_dir().join(format!(
        "pathways-payroll-{}-{}",
        std::process::id(),
        &tag[tag.len().saturating_sub(24)..]
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A batch's export file, as text (recorded as downloaded, so payroll can confirm it).
async fn export_text(payroll: &Payroll, batch: i64) -> String {
    let mut out = Vec::new();
    let batch = payroll
        .write_export(&admin(), batch, &mut out)
        .await
        .unwrap();
    payroll.record_download(&admin(), &batch).await.unwrap();
    String::from_utf8(out).unwrap()
}

#[tokio::test]
async fn an_incentive_is_claimed_once_reviewed_and_paid_under_the_same_payment_numbers() {
    use pathways_app::incentives::{IncentiveError, Incentives};
    use pathways_domain::incentive::IncentiveKind;
    use pathways_domain::pathway::Pathway;

    for db in seeded().await {
        let store = &db.store;
        // A third GHS course of 5 hours on 03-15 brings provider 1 to 16 hours: the GHS
        // pathway incentive, earned that day.
        let mut third = testing::course("GHS-103");
        third.credit_hours = Hours::whole(5);
        upsert(store, Batch::Courses(vec![third])).await;
        let csv = "provider_number,course_number,session_id,date,minutes,completed,certificate_number\n\
                   000000001,GHS-103,,2023-03-15,300,true,C-3\n";
        pathways_app::import::import_csv(
            store.as_ref(),
            pathways_app::import::ImportKind::Attendance,
            Some(&testing::vendor_code("V1")),
            std::io::Cursor::new(csv.as_bytes().to_vec()),
            &pathways_app::import::NoProgress,
        )
        .await
        .unwrap();
        let p1 = testing::provider_number(1);
        let p2 = testing::provider_number(2);
        let incentives = Incentives::new(Arc::clone(store));
        let payroll = Payroll::new(Arc::clone(store));
        let claim = |who: ProviderNumber, whose: ProviderNumber| {
            let incentives = incentives.clone();
            async move {
                incentives
                    .claim(
                        &caller(who),
                        whose,
                        IncentiveKind::Pathway,
                        Some(Pathway::GeneralHealthAndSafety),
                        TODAY,
                    )
                    .await
            }
        };

        // Someone else cannot claim it for her; one who has not earned it cannot claim.
        assert!(matches!(
            claim(p2, p1).await,
            Err(IncentiveError::Access(_))
        ));
        assert!(matches!(
            claim(p2, p2).await,
            Err(IncentiveError::NotEarned { .. })
        ));
        // Ten claims of it at the same moment make one.
        let mut tasks = Vec::new();
        for _ in 0..10 {
            let incentives = Incentives::new(Arc::clone(store));
            tasks.push(tokio::spawn(async move {
                incentives
                    .claim(
                        &caller(p1),
                        p1,
                        IncentiveKind::Pathway,
                        Some(Pathway::GeneralHealthAndSafety),
                        TODAY,
                    )
                    .await
            }));
        }
        let mut made = Vec::new();
        for task in tasks {
            made.extend(task.await.unwrap().unwrap());
        }
        assert_eq!(made.len(), 1, "{}: {made:?}", db.url);
        let id = made[0];
        assert_eq!(claim(p1, p1).await.unwrap(), None, "claimed once");
        let overview = Claims::new(Arc::clone(store))
            .overview(&caller(p1), p1, TODAY)
            .await
            .unwrap();
        let earned = &overview.incentives[0];
        assert_eq!(
            earned.earned.qualified_on,
            date!(2023 - 03 - 15),
            "{}",
            db.url
        );
        let amount = earned.earned.amount;
        assert_eq!(earned.claim.as_ref().map(|c| c.id), Some(id));
        assert_eq!(earned.claim.as_ref().unwrap().state, "submitted");

        // Staff see it in the queue; a county's staff elsewhere do not.
        let queue = payroll.queue(&admin(), None, 0, 50).await.unwrap();
        assert_eq!(queue.incentives.len(), 1);
        assert_eq!(queue.incentives[0].county.get(), 34);
        let elsewhere = staff(Actor::CountyStaff {
            county: pathways_domain::ids::CountyCode::new(19).unwrap(),
        });
        assert!(
            payroll
                .queue(&elsewhere, None, 0, 50)
                .await
                .unwrap()
                .incentives
                .is_empty()
        );
        // Judged before the day it was earned, it is not approved; a training rule is not a
        // reason to deny an incentive.
        assert!(matches!(
            payroll
                .approve_incentive(&admin(), id, date!(2023 - 03 - 14))
                .await,
            Err(PayrollError::NotEarned { .. })
        ));
        assert!(matches!(
            payroll
                .deny(
                    &admin(),
                    ClaimRef::Incentive(id),
                    &DenialReason::Rule(ClaimRule::VerifiedAttendance)
                )
                .await,
            Err(PayrollError::RuleNotForKind { .. })
        ));

        // A training claim approved first, then the incentive: consecutive payment numbers,
        // one batch, both lines in the file.
        let training = submit(store, 1, "GHS-101", date!(2023 - 03 - 09), "3400001", 800)
            .await
            .unwrap();
        payroll.approve(&admin(), training.id).await.unwrap();
        let approved = payroll
            .approve_incentive(&admin(), id, TODAY)
            .await
            .unwrap();
        assert_eq!(approved.state, "approved");
        assert!(matches!(
            payroll.approve_incentive(&admin(), id, TODAY).await,
            Err(PayrollError::NotSubmitted { .. })
        ));
        let batch = payroll
            .create_batch(&admin(), date!(2023 - 03 - 31))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(batch.payment_count, 2, "{}", db.url);
        assert_eq!(batch.total, training.amount + amount);
        let file = export_text(&payroll, batch.id).await;
        let lines: Vec<&str> = file.lines().collect();
        let training_payment = batch.first_payment;
        let incentive_payment = batch.last_payment;
        assert_eq!(incentive_payment, training_payment + 1);
        assert_eq!(
            lines[1],
            format!(
                "{training_payment},000000001,3400001,34,training,8.00,16.90,135.20,2023-03-31"
            )
        );
        assert_eq!(
            lines[2],
            format!("{incentive_payment},000000001,,34,pathway,,,{amount},2023-03-31")
        );

        // Payroll returns the incentive; she sends it again; it is paid in a later batch
        // under a new number while the first file keeps the returned line.
        payroll
            .confirm(
                &admin(),
                format!("payment_id,status,reason\n{training_payment},paid,\n{incentive_payment},rejected,bank account closed\n").as_bytes(),
                "confirm.csv",
            )
            .await
            .unwrap();
        let returned = store.incentive_claim(id).await.unwrap().unwrap();
        assert_eq!(returned.state, "rejected");
        assert_eq!(
            returned.payment.as_ref().and_then(|p| p.reason.as_deref()),
            Some("bank account closed")
        );
        payroll
            .resubmit(&caller(p1), ClaimRef::Incentive(id))
            .await
            .unwrap();
        payroll
            .approve_incentive(&admin(), id, TODAY)
            .await
            .unwrap();
        let second = payroll
            .create_batch(&admin(), date!(2023 - 04 - 15))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (second.payment_count, second.total),
            (1, amount),
            "{}",
            db.url
        );
        assert_eq!(export_text(&payroll, batch.id).await, file);
        let again = second.first_payment;
        assert!(
            export_text(&payroll, second.id).await.ends_with(&format!(
                "{again},000000001,,34,pathway,,,{amount},2023-04-15\n"
            )),
            "{}",
            db.url
        );
        payroll
            .confirm(
                &admin(),
                format!("payment_id,status,reason\n{again},paid,\n").as_bytes(),
                "confirm2.csv",
            )
            .await
            .unwrap();
        let history = Claims::new(Arc::clone(store))
            .history(&caller(p1), p1)
            .await
            .unwrap();
        assert_eq!(history.incentives[0].state, "paid");
        let years = pathways_app::claims::totals_per_year(&history);
        assert_eq!(years[0].payments, 2);
        assert_eq!(years[0].paid, training.amount + amount);
        let mut csv = Vec::new();
        pathways_app::claims::write_history_csv(&mut csv, &history).unwrap();
        let csv = String::from_utf8(csv).unwrap();
        assert!(
            csv.contains(&format!(
                "{id},pathway,,GHS,2023-03-15,,,{amount},paid,{again},{},2023-04-15,paid,",
                second.id
            ),),
            "{csv}"
        );
        // Every step is in the audit log.
        let actions: Vec<String> = store
            .search_audit(&pathways_store::accounts::AuditQuery {
                record_type: Some("incentive_claim".into()),
                limit: 50,
                ..Default::default()
            })
            .await
            .unwrap()
            .into_iter()
            .map(|r| r.entry.action)
            .collect();
        for action in ["incentive.claim", "claim.approve", "claim.resubmit"] {
            assert!(actions.iter().any(|a| a == action), "{action}: {actions:?}");
        }
    }
}

#[tokio::test]
async fn an_overpayment_is_recorded_against_a_paid_payment_and_taken_back_in_the_next_batch() {
    for db in seeded().await {
        let store = &db.store;
        let payroll = Payroll::new(Arc::clone(store));
        let p1 = testing::provider_number(1);
        let claim = submit(store, 1, "GHS-101", date!(2023 - 03 - 09), "3400001", 800)
            .await
            .unwrap();
        payroll.approve(&admin(), claim.id).await.unwrap();
        let batch = payroll
            .create_batch(&admin(), date!(2023 - 03 - 31))
            .await
            .unwrap()
            .unwrap();
        export_text(&payroll, batch.id).await;
        let paid = batch.first_payment;
        let overpay = |amount: i64, reason: &'static str| {
            let payroll = payroll.clone();
            async move {
                payroll
                    .record_overpayment(&admin(), paid, Money::from_cents(amount), reason)
                    .await
            }
        };
        // Not before payroll confirms it paid; nor by a provider; nor without a reason.
        assert!(matches!(
            overpay(1_000, "hours were entered twice").await,
            Err(PayrollError::NotPaid(_))
        ));
        payroll
            .confirm(
                &admin(),
                format!("payment_id,status,reason\n{paid},paid,\n").as_bytes(),
                "confirm.csv",
            )
            .await
            .unwrap();
        assert!(matches!(
            payroll
                .record_overpayment(&caller(p1), paid, Money::from_cents(1_000), "mine")
                .await,
            Err(PayrollError::Access(_))
        ));
        assert!(matches!(
            overpay(1_000, "  ").await,
            Err(PayrollError::RecoveryIncomplete)
        ));
        assert!(matches!(
            payroll
                .record_overpayment(&admin(), 999_999, Money::from_cents(1_000), "typo")
                .await,
            Err(PayrollError::NoSuchPayment(999_999))
        ));
        // Never more than it paid ($135.20), less what was recovered already.
        assert!(matches!(
            overpay(13_521, "all of it and more").await,
            Err(PayrollError::MoreThanPaid { .. })
        ));
        let first = overpay(10_000, "the course was 2 hours, not 8")
            .await
            .unwrap();
        match overpay(3_600, "again").await {
            Err(PayrollError::MoreThanPaid { left, .. }) => {
                assert_eq!(left, Money::from_cents(3_520), "{}", db.url);
            }
            other => panic!("{}: {other:?}", db.url),
        }

        // The next batch takes it back with a deduction line; payroll returns it once, it is
        // sent again, and the second time it is recovered. Nothing is ever deleted.
        let next = payroll
            .create_batch(&admin(), date!(2023 - 04 - 15))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (next.payment_count, next.total, next.recovered),
            (1, Money::ZERO, Money::from_cents(10_000)),
            "{}",
            db.url
        );
        let number = next.first_payment;
        let file = export_text(&payroll, next.id).await;
        assert!(
            file.ends_with(&format!(
                "{number},000000001,,34,recovery,,,-100.00,2023-04-15\n"
            )),
            "{}: {file}",
            db.url
        );
        payroll
            .confirm(
                &admin(),
                format!("payment_id,status,reason\n{number},rejected,no pay to deduct from\n")
                    .as_bytes(),
                "confirm.csv",
            )
            .await
            .unwrap();
        let returned = store.recovery(first.id).await.unwrap().unwrap();
        assert_eq!(returned.state, "returned");
        assert!(matches!(
            payroll.resend_recovery(&caller(p1), first.id).await,
            Err(PayrollError::Access(_))
        ));
        payroll.resend_recovery(&admin(), first.id).await.unwrap();
        assert!(matches!(
            payroll.resend_recovery(&admin(), first.id).await,
            Err(PayrollError::RecoveryNotReturned { .. })
        ));
        let later = payroll
            .create_batch(&admin(), date!(2023 - 04 - 30))
            .await
            .unwrap()
            .unwrap();
        // The returned line stays in its batch's file.
        assert_eq!(export_text(&payroll, next.id).await, file);
        let again = later.first_payment;
        export_text(&payroll, later.id).await;
        payroll
            .confirm(
                &admin(),
                format!("payment_id,status,reason\n{again},paid,\n").as_bytes(),
                "confirm.csv",
            )
            .await
            .unwrap();
        let history = Claims::new(Arc::clone(store))
            .history(&caller(p1), p1)
            .await
            .unwrap();
        assert_eq!(history.recoveries.len(), 1);
        assert_eq!(history.recoveries[0].state, "recovered");
        let years = pathways_app::claims::totals_per_year(&history);
        assert_eq!(
            (years[0].paid, years[0].recovered),
            (Money::from_cents(13_520), Money::from_cents(10_000)),
            "{}",
            db.url
        );
        let mut csv = Vec::new();
        pathways_app::claims::write_history_csv(&mut csv, &history).unwrap();
        let csv = String::from_utf8(csv).unwrap();
        assert!(
            csv.contains(&format!(
                "{},recovery,,,{},,,-100.00,recovered,{again},{},2023-04-30,paid,\"the course was 2 hours, not 8\"",
                first.id,
                pathways_domain::error::format_date(first.recorded_at.date()),
                later.id
            )),
            "{csv}"
        );
    }
}

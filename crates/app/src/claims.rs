//! Training-pay claims as a provider makes them (DOMAIN.md §5): one completed course, under one
//! recipient's case, for the hours attended. The rules are the domain's
//! ([`pathways_domain::claim`]); the store reads their facts and writes an accepted claim in one
//! transaction, so a completion is never claimed twice, even by two requests at once.

use std::sync::Arc;

use pathways_domain::access::{Action, Owner};
use pathways_domain::claim::{
    ClaimFacts, ClaimRefusal, ClaimRequest, ClaimRule, judge_training_claim,
};
use pathways_domain::ids::{CaseNumber, CourseNumber, ProviderNumber};
use pathways_domain::incentive::{Earned, IncentiveKind};
use pathways_domain::policy::PolicyBook;
use pathways_domain::quantity::{Hours, Money};
use pathways_store::{
    AcceptedTrainingClaim, AssignedCase, CompletionRecord, IncentiveClaimRecord, PaymentRecord,
    RecoveryRecord, Store, StoreError, TrainingClaimFacts, TrainingClaimKey, TrainingClaimRecord,
};
use time::Date;

use crate::access::{AccessError, Caller, now};
use crate::incentives::IncentiveError;

#[derive(Debug, thiserror::Error)]
pub enum ClaimError {
    /// A rule refused the claim; nothing was written.
    #[error("the claim was refused: {0}")]
    Refused(ClaimRefusal),
    #[error(transparent)]
    Access(#[from] AccessError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// An accepted claim: its number, what it pays and how that was worked out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubmittedClaim {
    pub id: i64,
    pub amount: Money,
    pub explanation: String,
}

/// A verified completion and the claim made of it, if any (a denied claim leaves it open).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompletedCourse {
    pub completion: CompletionRecord,
    pub claim: Option<TrainingClaimRecord>,
}

/// An incentive the provider earned, why, and their claim of it, if made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EarnedIncentive {
    pub earned: Earned,
    /// Why it was earned, in plain English.
    pub explanation: String,
    pub claim: Option<IncentiveClaimRecord>,
}

/// What a provider's claims page shows: their completed courses, the cases they can claim
/// under, every training claim they made, the incentives they earned and their claims of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderClaims {
    pub completions: Vec<CompletedCourse>,
    pub cases: Vec<AssignedCase>,
    pub claims: Vec<TrainingClaimRecord>,
    pub incentives: Vec<EarnedIncentive>,
    /// Every incentive claim, newest first (one the records no longer show earned included).
    pub incentive_claims: Vec<IncentiveClaimRecord>,
    /// Overpayments recorded against her payments, newest first.
    pub recoveries: Vec<RecoveryRecord>,
}

/// Everything paid to a provider or taken back: her payment history.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PaymentHistory {
    pub claims: Vec<TrainingClaimRecord>,
    pub incentives: Vec<IncentiveClaimRecord>,
    pub recoveries: Vec<RecoveryRecord>,
}

/// Whether `claim` is of the incentive `earned` (a pathway incentive is claimed per pathway).
pub fn claims_incentive(claim: &IncentiveClaimRecord, earned: &Earned) -> bool {
    claim.incentive.kind == earned.kind
        && (earned.kind != IncentiveKind::Pathway || claim.incentive.pathway == earned.pathway)
}

#[derive(Debug, Clone)]
pub struct Claims {
    store: Arc<dyn Store>,
}

/// The rules over the stored facts; a provider or case the files lack fails its rule.
pub(crate) fn judge(
    facts: &TrainingClaimFacts,
    request: &ClaimRequest,
    policies: &PolicyBook,
) -> Result<AcceptedTrainingClaim, ClaimRefusal> {
    let Some(enrollment) = facts.enrollment else {
        return Err(ClaimRefusal {
            rule: ClaimRule::ProviderEligible,
            detail: "the providers file does not have this provider".into(),
        });
    };
    let Some(county) = facts.county else {
        return Err(ClaimRefusal {
            rule: ClaimRule::ActiveAssignment,
            detail: "the recipients file does not have this case".into(),
        });
    };
    let pay = judge_training_claim(
        request,
        &ClaimFacts {
            enrollment,
            assignment: &facts.assignment,
            completion: facts.completion,
            claimed_before: facts.claimed_before,
            county,
            rates: &facts.rates,
            week_work: facts.week_work,
            week_training: facts.week_training,
        },
        policies,
    )?;
    Ok(AcceptedTrainingClaim {
        county,
        week_start: pay.week_start,
        hours: pay.hours,
        overtime: pay.overtime(),
        rate: pay.rate,
        amount: pay.amount,
        explanation: pay.explain(),
        policy_version: pay.policy_version,
        submitted_at: now(),
    })
}

impl Claims {
    pub fn new(store: Arc<dyn Store>) -> Self {
        Self { store }
    }

    /// Submits a claim for training pay for the completion of `course` on `trained_on`, under
    /// the recipient's `case`, filed `today`.
    #[expect(
        clippy::too_many_arguments,
        reason = "the claim's own fields, named at call sites"
    )]
    pub async fn submit_training(
        &self,
        caller: &Caller,
        provider: ProviderNumber,
        course: CourseNumber,
        trained_on: Date,
        case: CaseNumber,
        hours: Hours,
        today: Date,
    ) -> Result<SubmittedClaim, ClaimError> {
        caller.authorize(
            Action::SubmitClaim,
            &Owner {
                provider: Some(provider),
                ..Owner::default()
            },
        )?;
        let policies = PolicyBook::new(self.store.policy_versions().await?);
        let request = ClaimRequest {
            trained_on,
            hours,
            filed_on: today,
        };
        let key = TrainingClaimKey {
            provider,
            course,
            trained_on,
            case,
        };
        let judged = std::sync::Mutex::new(None);
        let audit = caller.audit(
            "claim.submit-training",
            "training_claim",
            "",
            None,
            Some(serde_json::json!({
                "provider_number": provider.to_string(),
                "course_number": key.course.as_str(),
                "trained_on": pathways_domain::error::format_date(trained_on),
                "case_number": key.case.as_str(),
                "hours": hours.to_string(),
            })),
        );
        let outcome = self
            .store
            .submit_training_claim(
                &key,
                &|facts| {
                    let accepted = judge(facts, &request, &policies)?;
                    if let Ok(mut slot) = judged.lock() {
                        *slot = Some((accepted.amount, accepted.explanation.clone()));
                    }
                    Ok(accepted)
                },
                &audit,
            )
            .await?;
        let id = outcome.map_err(ClaimError::Refused)?;
        let (amount, explanation) = judged
            .into_inner()
            .ok()
            .flatten()
            .unwrap_or((Money::ZERO, String::new()));
        Ok(SubmittedClaim {
            id,
            amount,
            explanation,
        })
    }

    /// A provider's completed courses (each with its claim, if made), cases and claims, and
    /// the incentives earned by `today` with their claims.
    pub async fn overview(
        &self,
        caller: &Caller,
        provider: ProviderNumber,
        today: Date,
    ) -> Result<ProviderClaims, ClaimError> {
        let claims = self.training_claims(caller, provider).await?;
        let incentive_claims = self.store.provider_incentive_claims(provider).await?;
        let incentives = match crate::incentives::Incentives::new(self.store.clone())
            .provider_unchecked(provider, today)
            .await
        {
            Ok(progress) => progress
                .evaluation
                .earned
                .iter()
                .map(|earned| EarnedIncentive {
                    explanation: progress.explain(earned),
                    claim: incentive_claims
                        .iter()
                        .find(|c| claims_incentive(c, earned))
                        .cloned(),
                    earned: earned.clone(),
                })
                .collect(),
            Err(IncentiveError::Store(e)) => return Err(e.into()),
            Err(IncentiveError::Access(e)) => return Err(e.into()),
            // A provider the providers file lacks has earned nothing yet.
            Err(IncentiveError::UnknownProvider(_) | IncentiveError::NotEarned { .. }) => {
                Vec::new()
            }
        };
        let completions = self
            .store
            .provider_completions(provider)
            .await?
            .into_iter()
            .map(|completion| CompletedCourse {
                claim: claims
                    .iter()
                    .find(|c| {
                        c.course == completion.course
                            && c.trained_on == completion.completed_on
                            && c.state != "denied"
                    })
                    .cloned(),
                completion,
            })
            .collect();
        Ok(ProviderClaims {
            completions,
            cases: self.store.provider_cases(provider).await?,
            claims,
            incentives,
            incentive_claims,
            recoveries: self.store.recoveries(Some(provider), u32::MAX).await?,
        })
    }

    /// A provider's training-pay claims, newest training first.
    pub async fn training_claims(
        &self,
        caller: &Caller,
        provider: ProviderNumber,
    ) -> Result<Vec<TrainingClaimRecord>, ClaimError> {
        caller.authorize(
            Action::SubmitClaim,
            &Owner {
                provider: Some(provider),
                ..Owner::default()
            },
        )?;
        Ok(self.store.training_claims(provider).await?)
    }

    /// A provider's training-pay and incentive claims and recoveries: her payment history.
    pub async fn history(
        &self,
        caller: &Caller,
        provider: ProviderNumber,
    ) -> Result<PaymentHistory, ClaimError> {
        let claims = self.training_claims(caller, provider).await?;
        Ok(PaymentHistory {
            claims,
            incentives: self.store.provider_incentive_claims(provider).await?,
            recoveries: self.store.recoveries(Some(provider), u32::MAX).await?,
        })
    }
}

/// A year's payments to a provider: what payroll confirmed paid in pay periods of that year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearTotal {
    pub year: i32,
    pub payments: u64,
    pub paid: Money,
    /// Overpayments payroll took back in pay periods of the year.
    pub recovered: Money,
}

/// Totals per pay-period year of what payroll confirmed paid (training pay and incentives) and
/// recovered, newest year first.
pub fn totals_per_year(history: &PaymentHistory) -> Vec<YearTotal> {
    let payments = history
        .claims
        .iter()
        .map(|c| (c.amount, c.payment.as_ref()))
        .chain(
            history
                .incentives
                .iter()
                .map(|c| (c.incentive.amount, c.payment.as_ref())),
        );
    let mut years: std::collections::BTreeMap<i32, YearTotal> = Default::default();
    fn entry(years: &mut std::collections::BTreeMap<i32, YearTotal>, at: Date) -> &mut YearTotal {
        let year = at.year();
        years.entry(year).or_insert(YearTotal {
            year,
            payments: 0,
            paid: Money::ZERO,
            recovered: Money::ZERO,
        })
    }
    for (amount, payment) in payments {
        if let Some(payment) = payment.filter(|p| p.status == "paid") {
            let total = entry(&mut years, payment.pay_period);
            total.payments += 1;
            total.paid = total.paid + amount;
        }
    }
    for r in &history.recoveries {
        if let Some(payment) = r.payment.as_ref().filter(|p| p.status == "paid") {
            let total = entry(&mut years, payment.pay_period);
            total.recovered = total.recovered + r.amount;
        }
    }
    years.into_values().rev().collect()
}

/// The header of a provider's payment history download: `kind` is `training`, the incentive's
/// kind or `recovery` (an overpayment taken back: a negative amount); `date` is the training
/// date, the date the incentive was earned or the date the overpayment was recorded.
pub const HISTORY_COLUMNS: &str = "claim_id,kind,course_number,pathway,date,case_number,hours,\
amount,state,payment_id,batch_id,pay_period,payroll_status,reason";

/// Payroll's reason, or the reviewer's for a denial.
fn reason_of(
    state: &str,
    decision: Option<&pathways_store::ClaimDecision>,
    payment: Option<&PaymentRecord>,
) -> String {
    match (decision, payment) {
        (_, Some(p)) if p.reason.is_some() => p.reason.clone().unwrap_or_default(),
        (Some(d), _) if state == "denied" => d
            .denial_note
            .clone()
            .or_else(|| d.denial_rule.clone())
            .unwrap_or_default(),
        _ => String::new(),
    }
}

fn payment_columns(payment: Option<&PaymentRecord>) -> [String; 4] {
    [
        payment.map(|p| p.id.to_string()).unwrap_or_default(),
        payment.map(|p| p.batch.to_string()).unwrap_or_default(),
        payment
            .map(|p| pathways_domain::error::format_date(p.pay_period))
            .unwrap_or_default(),
        payment.map(|p| p.status.clone()).unwrap_or_default(),
    ]
}

/// Writes a provider's claims as their payment history CSV: every claim, its state, amount,
/// and its payment's batch, pay period and payroll's word.
pub fn write_history_csv(
    out: impl std::io::Write,
    history: &PaymentHistory,
) -> Result<(), csv::Error> {
    let PaymentHistory {
        claims,
        incentives,
        recoveries,
    } = history;
    let mut csv = csv::Writer::from_writer(out);
    csv.write_record(HISTORY_COLUMNS.split(','))?;
    for c in claims {
        let payment = c.payment.as_ref();
        let [payment_id, batch, pay_period, status] = payment_columns(payment);
        csv.write_record([
            c.id.to_string(),
            "training".into(),
            c.course.to_string(),
            String::new(),
            pathways_domain::error::format_date(c.trained_on),
            c.case.to_string(),
            c.hours.to_string(),
            c.amount.to_string(),
            c.state.clone(),
            payment_id,
            batch,
            pay_period,
            status,
            reason_of(&c.state, c.decision.as_ref(), payment),
        ])?;
    }
    for c in incentives {
        let payment = c.payment.as_ref();
        let [payment_id, batch, pay_period, status] = payment_columns(payment);
        csv.write_record([
            c.id.to_string(),
            c.incentive.kind.code().into(),
            String::new(),
            c.incentive.pathway.code().into(),
            pathways_domain::error::format_date(c.incentive.qualified_on),
            String::new(),
            String::new(),
            c.incentive.amount.to_string(),
            c.state.clone(),
            payment_id,
            batch,
            pay_period,
            status,
            reason_of(&c.state, c.decision.as_ref(), payment),
        ])?;
    }
    for r in recoveries {
        let payment = r.payment.as_ref();
        let [payment_id, batch, pay_period, status] = payment_columns(payment);
        csv.write_record([
            r.id.to_string(),
            "recovery".into(),
            String::new(),
            String::new(),
            pathways_domain::error::format_date(r.recorded_at.date()),
            String::new(),
            String::new(),
            format!("-{}", r.amount),
            r.state.clone(),
            payment_id,
            batch,
            pay_period,
            status,
            payment
                .and_then(|p| p.reason.clone())
                .unwrap_or_else(|| r.reason.clone()),
        ])?;
    }
    csv.flush()?;
    Ok(())
}

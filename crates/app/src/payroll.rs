//! Claim review and payroll (DOMAIN.md §5, §7, §8).
//!
//! Review: program admins approve a submitted claim, or every submitted claim that passes all
//! the rules now, or deny one naming the rule; county staff see their county's queue. Approval
//! judges the claim again on today's facts with the same rules as submission, so a provider who
//! lost eligibility or an attendance record corrected since is caught, and pay follows work hours
//! that arrived after the claim.
//!
//! Payroll: a batch takes every approved claim without a live payment, all or nothing; its file
//! is written to a temporary name and renamed, so a reader never sees half a file and every
//! export of a batch writes the same bytes; payroll's confirmation marks payments paid or
//! rejected, all rows or none.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use pathways_domain::access::{Action, Actor, Owner};
use pathways_domain::claim::{ClaimRefusal, ClaimRequest, ClaimRule};
use pathways_domain::ids::CountyCode;
use pathways_domain::incentive::IncentiveKind;
use pathways_domain::policy::PolicyBook;
use pathways_domain::quantity::Money;
use pathways_store::{
    ClaimRef, ClaimSelection, ConfirmProblem, ConfirmSummary, IncentiveClaimRecord,
    PaymentConfirmation, PayrollBatch, QueuedClaim, RecoveryProblem, RecoveryRecord, ReviewOutcome,
    Store, StoreError, TrainingClaimRecord,
};
use time::Date;

use crate::access::{AccessError, Caller, now};

/// Claims a bulk approval judges per transaction.
const REVIEW_CHUNK: u32 = 5_000;
/// Incentive claims a bulk approval reads at a time.
const INCENTIVE_CHUNK: u32 = 500;
/// Payment numbers an export reads per query.
const EXPORT_PART: i64 = 20_000;
/// Parts of an export read at once.
const EXPORT_READERS: usize = 2;

/// The payroll export file's header (DOMAIN.md §8).
pub const EXPORT_COLUMNS: &str =
    "payment_id,provider_number,case_number,county_code,kind,hours,rate,amount,pay_period";
/// The confirmation file's header (DOMAIN.md §8).
pub const CONFIRMATION_COLUMNS: &str = "payment_id,status,reason";

#[derive(Debug, thiserror::Error)]
pub enum PayrollError {
    #[error("claim {0} does not exist")]
    NoSuchClaim(i64),
    #[error("incentive claim {0} does not exist")]
    NoSuchIncentiveClaim(i64),
    #[error("incentive claim {id} is not earned on today's records: {why}")]
    NotEarned { id: i64, why: String },
    #[error("the rule {rule} is not a reason to deny this kind of claim")]
    RuleNotForKind { rule: String },
    #[error("there is no payment {0}")]
    NoSuchPayment(i64),
    #[error("payment {0} is not confirmed paid by payroll (or is itself a recovery)")]
    NotPaid(i64),
    #[error("payment {payment} has only ${left} left that was not recovered already")]
    MoreThanPaid { payment: i64, left: Money },
    #[error("an overpayment needs an amount above $0.00 and a reason")]
    RecoveryIncomplete,
    #[error("recovery {0} does not exist")]
    NoSuchRecovery(i64),
    #[error("recovery {id} is {state}; only a recovery payroll returned can be sent again")]
    RecoveryNotReturned { id: i64, state: String },
    #[error("claim {id} is {state}, not waiting for review")]
    NotSubmitted { id: i64, state: String },
    #[error("claim {id} does not pass the rules now: {refusal}")]
    Refused { id: i64, refusal: ClaimRefusal },
    #[error("claim {id} is {state}; only a claim payroll returned can be sent again")]
    NotReturned { id: i64, state: String },
    #[error("a denial for another reason needs a note saying what it is")]
    NoteNeeded,
    #[error("payroll batch {0} does not exist")]
    NoSuchBatch(i64),
    #[error("the confirmation file has problems; nothing was changed:\n{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Confirmation(Vec<ConfirmationError>),
    #[error("cannot write {path}: {source}")]
    File {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Access(#[from] AccessError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What is wrong with one row of a confirmation file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfirmationError {
    #[error("line {line}: {what}")]
    Malformed { line: u64, what: String },
    #[error("line {line}: payment {payment_id} appears more than once in the file")]
    Repeated { line: u64, payment_id: i64 },
    #[error("line {line}: there is no payment {payment_id}")]
    UnknownPayment { line: u64, payment_id: i64 },
    #[error("line {line}: payment {payment_id} is in a batch that was never exported")]
    NotExported { line: u64, payment_id: i64 },
    #[error("line {line}: payment {payment_id} was already confirmed as {status}")]
    AlreadyConfirmed {
        line: u64,
        payment_id: i64,
        status: String,
    },
}

impl From<ConfirmProblem> for ConfirmationError {
    fn from(problem: ConfirmProblem) -> Self {
        match problem {
            ConfirmProblem::UnknownPayment { line, payment_id } => {
                Self::UnknownPayment { line, payment_id }
            }
            ConfirmProblem::NotExported { line, payment_id } => {
                Self::NotExported { line, payment_id }
            }
            ConfirmProblem::AlreadyConfirmed {
                line,
                payment_id,
                status,
            } => Self::AlreadyConfirmed {
                line,
                payment_id,
                status,
            },
        }
    }
}

/// Why a reviewer denies a claim: a training-pay rule, an incentive the records no longer
/// show earned, or another reason in the reviewer's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DenialReason {
    Rule(ClaimRule),
    NotEarned,
    Other(String),
}

impl DenialReason {
    /// The code for an incentive that the records no longer show earned.
    pub const NOT_EARNED: &str = "not-earned";

    /// Reads a rule code (`other` needs the note).
    pub fn parse(code: &str, note: Option<&str>) -> Option<Self> {
        match code {
            "other" => Some(Self::Other(note.unwrap_or_default().to_owned())),
            Self::NOT_EARNED => Some(Self::NotEarned),
            code => ClaimRule::ALL
                .iter()
                .copied()
                .find(|r| r.code() == code)
                .map(Self::Rule),
        }
    }
}

/// The review queue as one person sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewQueue {
    /// The county shown (county staff: always their own), or the whole state.
    pub county: Option<CountyCode>,
    pub claims: Vec<QueuedClaim>,
    /// The first submitted incentive claims, in number order.
    pub incentives: Vec<IncentiveClaimRecord>,
    /// Submitted claims in all (not only this page) and their amount.
    pub waiting: u64,
    pub waiting_amount: Money,
    /// Whether the caller may approve and deny (county staff may not).
    pub may_decide: bool,
}

/// What a bulk approval did, in all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BulkApproval {
    pub approved: u64,
    pub repriced: u64,
    /// Claims left submitted, with the rule each fails now.
    pub left: Vec<(i64, ClaimRefusal)>,
    pub incentives_approved: u64,
    /// Incentive claims left submitted, with why the records no longer show them earned.
    pub incentives_left: Vec<(i64, String)>,
}

/// An approval of one claim: its amount (changed when new facts repriced it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Approval {
    pub id: i64,
    pub amount: Money,
    pub repriced_from: Option<Money>,
}

#[derive(Debug, Clone)]
pub struct Payroll {
    store: Arc<dyn Store>,
}

impl Payroll {
    pub fn new(store: Arc<dyn Store>) -> Self {
        Self { store }
    }

    fn may_decide(caller: &Caller) -> Result<(), AccessError> {
        caller
            .authorize(Action::DecideClaims, &Owner::default())
            .map(|_| ())
    }

    /// The submitted claims after `after`, a page of `limit`: program staff see `county`'s
    /// (or all), county staff their own county's.
    pub async fn queue(
        &self,
        caller: &Caller,
        county: Option<CountyCode>,
        after: i64,
        limit: u32,
    ) -> Result<ReviewQueue, PayrollError> {
        let county = match (&caller.actor, county) {
            (Actor::CountyStaff { county: own }, None) => Some(*own),
            (_, county) => county,
        };
        caller.authorize(
            Action::ReviewClaims,
            &Owner {
                county,
                ..Owner::default()
            },
        )?;
        let claims = self.store.review_queue(county, after, limit).await?;
        let incentives = self.store.incentive_review_queue(county, 0, limit).await?;
        let (waiting, waiting_amount) = self.store.review_queue_size(county).await?;
        Ok(ReviewQueue {
            county,
            claims,
            incentives,
            waiting,
            waiting_amount,
            may_decide: caller.may(Action::DecideClaims),
        })
    }

    /// One claim, for a reviewer.
    pub async fn claim(
        &self,
        caller: &Caller,
        id: i64,
    ) -> Result<TrainingClaimRecord, PayrollError> {
        let claim = self
            .store
            .training_claim(id)
            .await?
            .ok_or(PayrollError::NoSuchClaim(id))?;
        caller.authorize(
            Action::ReviewClaims,
            &Owner {
                county: Some(claim.county),
                provider: Some(claim.provider),
                ..Owner::default()
            },
        )?;
        Ok(claim)
    }

    async fn review(
        &self,
        caller: &Caller,
        selection: ClaimSelection,
    ) -> Result<ReviewOutcome, PayrollError> {
        let policies = PolicyBook::new(self.store.policy_versions().await?);
        let at = now();
        let judge = |claim: &TrainingClaimRecord, facts: &pathways_store::TrainingClaimFacts| {
            // The claim window was met when the claim was filed (it was accepted), and a
            // filing does not move: judged as filed on its training date, it passes that rule
            // exactly when its training date lies in a window, as it did.
            let request = ClaimRequest {
                trained_on: claim.trained_on,
                hours: claim.hours,
                filed_on: claim.trained_on,
            };
            crate::claims::judge(facts, &request, &policies)
        };
        let audit = caller.audit("claim.approve", "training_claim", "", None, None);
        Ok(self
            .store
            .approve_training_claims(selection, &judge, &caller.label, at, &audit)
            .await?)
    }

    /// Approves one submitted claim if it passes every rule on today's facts.
    pub async fn approve(&self, caller: &Caller, id: i64) -> Result<Approval, PayrollError> {
        Self::may_decide(caller)?;
        let claim = self
            .store
            .training_claim(id)
            .await?
            .ok_or(PayrollError::NoSuchClaim(id))?;
        if claim.state != "submitted" {
            return Err(PayrollError::NotSubmitted {
                id,
                state: claim.state,
            });
        }
        let outcome = self.review(caller, ClaimSelection::One(id)).await?;
        if let Some((_, refusal)) = outcome.refused.into_iter().next() {
            return Err(PayrollError::Refused { id, refusal });
        }
        if !outcome.approved.contains(&id) {
            // Decided by someone else between the two reads.
            let state = self
                .store
                .training_claim(id)
                .await?
                .map(|c| c.state)
                .unwrap_or_default();
            return Err(PayrollError::NotSubmitted { id, state });
        }
        let repriced = outcome
            .repriced
            .first()
            .map(|(_, before, after)| (*before, *after));
        Ok(Approval {
            id,
            amount: repriced.map_or(claim.amount, |(_, after)| after),
            repriced_from: repriced.map(|(before, _)| before),
        })
    }

    /// Approves every submitted claim that passes all the rules now, a chunk at a time;
    /// `progress` hears after each chunk how many claims were looked at.
    pub async fn approve_all(
        &self,
        caller: &Caller,
        today: Date,
        progress: &(dyn Fn(u64) + Sync),
    ) -> Result<BulkApproval, PayrollError> {
        Self::may_decide(caller)?;
        let mut total = BulkApproval::default();
        let mut after = 0;
        let mut seen = 0u64;
        loop {
            let outcome = self
                .review(
                    caller,
                    ClaimSelection::Submitted {
                        after,
                        limit: REVIEW_CHUNK,
                    },
                )
                .await?;
            let Some(last) = outcome.last else { break };
            seen += (outcome.approved.len() + outcome.refused.len()) as u64;
            total.approved += outcome.approved.len() as u64;
            total.repriced += outcome.repriced.len() as u64;
            total.left.extend(outcome.refused);
            progress(seen);
            after = last;
        }
        // Incentive claims are few (a handful per provider in all); each is judged on its
        // provider's whole record.
        let mut after = 0;
        loop {
            let claims = self
                .store
                .incentive_review_queue(None, after, INCENTIVE_CHUNK)
                .await?;
            let Some(last) = claims.last() else { break };
            after = last.id;
            for claim in &claims {
                match self.approve_incentive(caller, claim.id, today).await {
                    Ok(_) => total.incentives_approved += 1,
                    Err(PayrollError::NotEarned { id, why }) => {
                        total.incentives_left.push((id, why))
                    }
                    // Decided by someone else meanwhile.
                    Err(PayrollError::NotSubmitted { .. }) => {}
                    Err(other) => return Err(other),
                }
                seen += 1;
            }
            progress(seen);
        }
        Ok(total)
    }

    /// One incentive claim, for a reviewer.
    pub async fn incentive_claim(
        &self,
        caller: &Caller,
        id: i64,
    ) -> Result<IncentiveClaimRecord, PayrollError> {
        let claim = self
            .store
            .incentive_claim(id)
            .await?
            .ok_or(PayrollError::NoSuchIncentiveClaim(id))?;
        caller.authorize(
            Action::ReviewClaims,
            &Owner {
                county: Some(claim.county),
                provider: Some(claim.incentive.provider),
                ..Owner::default()
            },
        )?;
        Ok(claim)
    }

    /// Approves a submitted incentive claim when the provider's records, evaluated as of
    /// `today`, still show the incentive earned on the same date for the same amount (an
    /// attendance record corrected since, or a lapse in eligibility, can undo it).
    pub async fn approve_incentive(
        &self,
        caller: &Caller,
        id: i64,
        today: Date,
    ) -> Result<IncentiveClaimRecord, PayrollError> {
        Self::may_decide(caller)?;
        let claim = self
            .store
            .incentive_claim(id)
            .await?
            .ok_or(PayrollError::NoSuchIncentiveClaim(id))?;
        if claim.state != "submitted" {
            return Err(PayrollError::NotSubmitted {
                id,
                state: claim.state,
            });
        }
        let wanted = &claim.incentive;
        let progress = crate::incentives::Incentives::new(self.store.clone())
            .provider_unchecked(wanted.provider, today)
            .await;
        let earned = match &progress {
            Ok(p) => p.evaluation.earned(
                wanted.kind,
                Some(wanted.pathway).filter(|_| wanted.kind == IncentiveKind::Pathway),
            ),
            Err(_) => None,
        };
        match earned {
            Some(e) if e.qualified_on == wanted.qualified_on && e.amount == wanted.amount => {}
            Some(e) => {
                return Err(PayrollError::NotEarned {
                    id,
                    why: format!(
                        "the records now show it earned on {} for ${}, not on {} for ${}",
                        pathways_domain::error::format_date(e.qualified_on),
                        e.amount,
                        pathways_domain::error::format_date(wanted.qualified_on),
                        wanted.amount
                    ),
                });
            }
            None => {
                return Err(PayrollError::NotEarned {
                    id,
                    why: "the provider's records no longer show it earned".into(),
                });
            }
        }
        let audit = caller.audit(
            "claim.approve",
            "incentive_claim",
            id.to_string(),
            Some(serde_json::json!({"state": "submitted"})),
            Some(serde_json::json!({"state": "approved", "amount": wanted.amount.to_string()})),
        );
        if !self
            .store
            .approve_incentive_claim(id, &caller.label, now(), &audit)
            .await?
        {
            let state = self
                .store
                .incentive_claim(id)
                .await?
                .map(|c| c.state)
                .unwrap_or_default();
            return Err(PayrollError::NotSubmitted { id, state });
        }
        self.store
            .incentive_claim(id)
            .await?
            .ok_or(PayrollError::NoSuchIncentiveClaim(id))
    }

    /// Denies a submitted claim for `reason`.
    pub async fn deny(
        &self,
        caller: &Caller,
        claim: ClaimRef,
        reason: &DenialReason,
    ) -> Result<(), PayrollError> {
        Self::may_decide(caller)?;
        let (rule, note) = match (reason, claim) {
            (DenialReason::Rule(rule), ClaimRef::Training(_)) => (rule.code(), None),
            (DenialReason::NotEarned, ClaimRef::Incentive(_)) => (DenialReason::NOT_EARNED, None),
            (DenialReason::Other(note), _) if note.trim().is_empty() => {
                return Err(PayrollError::NoteNeeded);
            }
            (DenialReason::Other(note), _) => ("other", Some(note.trim())),
            (DenialReason::Rule(rule), _) => {
                return Err(PayrollError::RuleNotForKind {
                    rule: rule.code().into(),
                });
            }
            (DenialReason::NotEarned, _) => {
                return Err(PayrollError::RuleNotForKind {
                    rule: DenialReason::NOT_EARNED.into(),
                });
            }
        };
        let state = self.state_of(claim).await?;
        let audit = caller.audit(
            "claim.deny",
            claim.record_type(),
            claim.id().to_string(),
            Some(serde_json::json!({"state": state})),
            Some(serde_json::json!({"state": "denied", "rule": rule, "note": note})),
        );
        if !self.store.deny_claim(claim, rule, note, &audit).await? {
            let state = self.state_of(claim).await?;
            return Err(PayrollError::NotSubmitted {
                id: claim.id(),
                state,
            });
        }
        Ok(())
    }

    /// A claim's state; an error when there is no such claim.
    async fn state_of(&self, claim: ClaimRef) -> Result<String, PayrollError> {
        Ok(match claim {
            ClaimRef::Training(id) => {
                self.store
                    .training_claim(id)
                    .await?
                    .ok_or(PayrollError::NoSuchClaim(id))?
                    .state
            }
            ClaimRef::Incentive(id) => {
                self.store
                    .incentive_claim(id)
                    .await?
                    .ok_or(PayrollError::NoSuchIncentiveClaim(id))?
                    .state
            }
        })
    }

    /// Claim `id` when it is `provider`'s (a page's address names both).
    pub async fn claim_of(
        &self,
        caller: &Caller,
        provider: pathways_domain::ids::ProviderNumber,
        id: i64,
    ) -> Result<TrainingClaimRecord, PayrollError> {
        let claim = self
            .store
            .training_claim(id)
            .await?
            .filter(|c| c.provider == provider)
            .ok_or(PayrollError::NoSuchClaim(id))?;
        caller.authorize(
            Action::SubmitClaim,
            &Owner {
                provider: Some(provider),
                county: Some(claim.county),
                ..Owner::default()
            },
        )?;
        Ok(claim)
    }

    /// Sends a claim payroll returned back to review, once whatever was wrong is corrected:
    /// the provider whose claim it is, or program staff. It is paid, when approved again,
    /// under a new payment number in a later batch.
    pub async fn resubmit(&self, caller: &Caller, claim: ClaimRef) -> Result<(), PayrollError> {
        let (provider, county, state) = match claim {
            ClaimRef::Training(id) => {
                let c = self
                    .store
                    .training_claim(id)
                    .await?
                    .ok_or(PayrollError::NoSuchClaim(id))?;
                (c.provider, c.county, c.state)
            }
            ClaimRef::Incentive(id) => {
                let c = self
                    .store
                    .incentive_claim(id)
                    .await?
                    .ok_or(PayrollError::NoSuchIncentiveClaim(id))?;
                (c.incentive.provider, c.county, c.state)
            }
        };
        caller.authorize(
            Action::SubmitClaim,
            &Owner {
                provider: Some(provider),
                county: Some(county),
                ..Owner::default()
            },
        )?;
        let audit = caller.audit(
            "claim.resubmit",
            claim.record_type(),
            claim.id().to_string(),
            Some(serde_json::json!({"state": state})),
            Some(serde_json::json!({"state": "submitted"})),
        );
        if !self.store.resubmit_claim(claim, &audit).await? {
            return Err(PayrollError::NotReturned {
                id: claim.id(),
                state,
            });
        }
        Ok(())
    }

    /// Records that payment `overpaid` paid `amount` too much, for `reason` (the provider
    /// reads it): the amount is deducted by a line in the next payroll batch. Never more than
    /// the payment paid, less what was recovered from it already.
    pub async fn record_overpayment(
        &self,
        caller: &Caller,
        overpaid: i64,
        amount: Money,
        reason: &str,
    ) -> Result<RecoveryRecord, PayrollError> {
        caller.authorize(Action::RunPayroll, &Owner::default())?;
        let reason = reason.trim();
        if amount <= Money::ZERO || reason.is_empty() {
            return Err(PayrollError::RecoveryIncomplete);
        }
        let audit = caller.audit(
            "payroll.overpayment",
            "recovery",
            "",
            None,
            Some(serde_json::json!({
                "overpaid_payment": overpaid,
                "amount": amount.to_string(),
                "reason": reason,
            })),
        );
        match self
            .store
            .record_recovery(overpaid, amount, reason, &audit)
            .await?
        {
            Ok(recovery) => Ok(recovery),
            Err(RecoveryProblem::NoSuchPayment) => Err(PayrollError::NoSuchPayment(overpaid)),
            Err(RecoveryProblem::NotPaid) => Err(PayrollError::NotPaid(overpaid)),
            Err(RecoveryProblem::MoreThanPaid { left }) => Err(PayrollError::MoreThanPaid {
                payment: overpaid,
                left,
            }),
        }
    }

    /// Sends a recovery payroll returned again, for the next batch.
    pub async fn resend_recovery(&self, caller: &Caller, id: i64) -> Result<(), PayrollError> {
        caller.authorize(Action::RunPayroll, &Owner::default())?;
        let recovery = self
            .store
            .recovery(id)
            .await?
            .ok_or(PayrollError::NoSuchRecovery(id))?;
        let audit = caller.audit(
            "payroll.recovery-resend",
            "recovery",
            id.to_string(),
            Some(serde_json::json!({"state": recovery.state})),
            Some(serde_json::json!({"state": "recorded"})),
        );
        if !self.store.resend_recovery(id, &audit).await? {
            return Err(PayrollError::RecoveryNotReturned {
                id,
                state: recovery.state,
            });
        }
        Ok(())
    }

    /// The latest recoveries, for payroll staff.
    pub async fn recoveries(
        &self,
        caller: &Caller,
        limit: u32,
    ) -> Result<Vec<RecoveryRecord>, PayrollError> {
        caller.authorize(Action::RunPayroll, &Owner::default())?;
        Ok(self.store.recoveries(None, limit).await?)
    }

    /// Collects every approved claim not yet in a batch into a new batch for `pay_period`;
    /// `None` when none is waiting.
    pub async fn create_batch(
        &self,
        caller: &Caller,
        pay_period: Date,
    ) -> Result<Option<PayrollBatch>, PayrollError> {
        caller.authorize(Action::RunPayroll, &Owner::default())?;
        let audit = caller.audit("payroll.batch", "payroll_batch", "", None, None);
        Ok(self
            .store
            .create_payroll_batch(pay_period, &caller.label, now(), &audit)
            .await?)
    }

    pub async fn batches(&self, caller: &Caller) -> Result<Vec<PayrollBatch>, PayrollError> {
        caller.authorize(Action::RunPayroll, &Owner::default())?;
        Ok(self.store.payroll_batches().await?)
    }

    /// Writes batch `id`'s payments to `out` as the payroll export file.
    pub async fn write_export(
        &self,
        caller: &Caller,
        id: i64,
        out: &mut (dyn Write + Send),
    ) -> Result<PayrollBatch, PayrollError> {
        caller.authorize(Action::RunPayroll, &Owner::default())?;
        let batch = self
            .store
            .payroll_batch(id)
            .await?
            .ok_or(PayrollError::NoSuchBatch(id))?;
        let io = |source| PayrollError::File {
            path: PathBuf::from("-"),
            source,
        };
        // Every field is a number, a date or a case number (letters, digits, hyphens): no
        // field needs quoting, so the database's lines are the file's.
        out.write_all(EXPORT_COLUMNS.as_bytes()).map_err(io)?;
        // The file's parts are ranges of payment numbers, read EXPORT_READERS at a time on
        // their own connections (the database's work is most of an export's, and a server has
        // more than one core) and written in order.
        let mut reading = std::collections::VecDeque::new();
        let mut parts = (batch.first_payment - 1..batch.last_payment)
            .step_by(EXPORT_PART as usize)
            .peekable();
        while parts.peek().is_some() || !reading.is_empty() {
            while reading.len() < EXPORT_READERS {
                let Some(after) = parts.next() else { break };
                let (store, part) = (Arc::clone(&self.store), batch.clone());
                reading.push_back(tokio::spawn(async move {
                    store
                        .payment_file_part(&part, after, after + EXPORT_PART)
                        .await
                }));
            }
            let Some(next) = reading.pop_front() else {
                break;
            };
            let lines = match next.await {
                Ok(lines) => lines?,
                Err(failed) => std::panic::resume_unwind(failed.into_panic()),
            };
            if let Some(lines) = lines {
                out.write_all(b"\n").map_err(io)?;
                out.write_all(lines.as_bytes()).map_err(io)?;
            }
        }
        out.write_all(b"\n").map_err(io)?;
        out.flush().map_err(io)?;
        Ok(batch)
    }

    /// Writes batch `id`'s file to `path` whole or not at all (a temporary file beside it,
    /// synced, then renamed over it), and records the export.
    pub async fn export(
        &self,
        caller: &Caller,
        id: i64,
        path: &Path,
    ) -> Result<PayrollBatch, PayrollError> {
        let file_error = |source| PayrollError::File {
            path: path.to_owned(),
            source,
        };
        let dir = match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir.to_owned(),
            _ => PathBuf::from("."),
        };
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "payroll.csv".into());
        let partial = dir.join(format!(".{name}.{}.partial", std::process::id()));
        let file = std::fs::File::create(&partial).map_err(file_error)?;
        let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
        let written = self.write_export(caller, id, &mut out).await;
        let batch = match written {
            Ok(batch) => batch,
            Err(error) => {
                let _ = std::fs::remove_file(&partial);
                return Err(error);
            }
        };
        let file = out.into_inner().map_err(|e| file_error(e.into_error()))?;
        file.sync_all().map_err(file_error)?;
        drop(file);
        std::fs::rename(&partial, path).map_err(file_error)?;
        // The rename itself is durable once the directory is synced.
        if let Ok(dir) = std::fs::File::open(&dir) {
            let _ = dir.sync_all();
        }
        self.record_export(caller, &batch, &path.display().to_string())
            .await?;
        Ok(batch)
    }

    /// Records that a batch's file, written by [`Self::write_export`], was downloaded.
    pub async fn record_download(
        &self,
        caller: &Caller,
        batch: &PayrollBatch,
    ) -> Result<(), PayrollError> {
        self.record_export(caller, batch, "web download").await
    }

    async fn record_export(
        &self,
        caller: &Caller,
        batch: &PayrollBatch,
        file: &str,
    ) -> Result<(), PayrollError> {
        let audit = caller.audit(
            "payroll.export",
            "payroll_batch",
            batch.id.to_string(),
            None,
            Some(serde_json::json!({
                "file": file,
                "payments": batch.payment_count,
                "total": batch.total.to_string(),
            })),
        );
        Ok(self.store.record_export(batch.id, &audit).await?)
    }

    /// Applies payroll's confirmation file: every row, or (any problem) none.
    pub async fn confirm(
        &self,
        caller: &Caller,
        input: impl std::io::Read,
        source: &str,
    ) -> Result<ConfirmSummary, PayrollError> {
        caller.authorize(Action::RunPayroll, &Owner::default())?;
        let rows = parse_confirmation(input).map_err(PayrollError::Confirmation)?;
        let audit = caller.audit(
            "payroll.confirm",
            "payroll_confirmation",
            source,
            None,
            None,
        );
        self.store
            .confirm_payments(&rows, now(), &audit)
            .await?
            .map_err(|problems| {
                PayrollError::Confirmation(problems.into_iter().map(Into::into).collect())
            })
    }
}

/// Reads a confirmation file (DOMAIN.md §8), reporting every bad row by line.
pub fn parse_confirmation(
    input: impl std::io::Read,
) -> Result<Vec<PaymentConfirmation>, Vec<ConfirmationError>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(input);
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut header_seen = false;
    let malformed = |line: u64, what: String| ConfirmationError::Malformed { line, what };
    for (index, record) in reader.records().enumerate() {
        let line = index as u64 + 1;
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                errors.push(malformed(line, e.to_string()));
                continue;
            }
        };
        if line == 1 {
            header_seen = true;
            let header: Vec<&str> = record.iter().collect();
            if header.join(",") != CONFIRMATION_COLUMNS {
                errors.push(malformed(
                    line,
                    format!("the header must be {CONFIRMATION_COLUMNS}"),
                ));
                return Err(errors);
            }
            continue;
        }
        if record.len() != 3 {
            errors.push(malformed(
                line,
                format!("expected 3 columns, found {}", record.len()),
            ));
            continue;
        }
        let Some(payment_id) = record[0].trim().parse::<i64>().ok().filter(|id| *id > 0) else {
            errors.push(malformed(
                line,
                format!("payment_id must be a payment number, not {:?}", &record[0]),
            ));
            continue;
        };
        let reason = record[2].trim();
        let rejected = match record[1].trim() {
            "paid" => None,
            "rejected" if reason.is_empty() => {
                errors.push(malformed(
                    line,
                    "a rejected payment needs its reason".into(),
                ));
                continue;
            }
            "rejected" => Some(reason.to_owned()),
            other => {
                errors.push(malformed(
                    line,
                    format!("status must be paid or rejected, not {other:?}"),
                ));
                continue;
            }
        };
        if !seen.insert(payment_id) {
            errors.push(ConfirmationError::Repeated { line, payment_id });
            continue;
        }
        rows.push(PaymentConfirmation {
            line,
            payment_id,
            rejected,
        });
    }
    if !header_seen {
        errors.push(malformed(
            1,
            format!("the file is empty; it starts with the header {CONFIRMATION_COLUMNS}"),
        ));
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_confirmation_file_is_read_row_by_row() {
        let file = "payment_id,status,reason\n1,paid,\n2,rejected,bank account closed\n";
        let rows = parse_confirmation(file.as_bytes()).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].rejected, None);
        assert_eq!(rows[1].rejected.as_deref(), Some("bank account closed"));
        assert_eq!(rows[1].line, 3);
    }

    #[test]
    fn every_bad_row_is_reported_with_its_line() {
        let file =
            "payment_id,status,reason\nx,paid,\n2,rejected,\n3,lost,\n4,paid\n5,paid,\n5,paid,\n";
        let errors = parse_confirmation(file.as_bytes()).unwrap_err();
        let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(lines.len(), 5, "{lines:?}");
        assert!(lines[0].starts_with("line 2: payment_id"));
        assert!(lines[1].contains("line 3: a rejected payment needs its reason"));
        assert!(lines[2].contains("line 4: status must be paid or rejected"));
        assert!(lines[3].contains("line 5: expected 3 columns"));
        assert!(lines[4].contains("line 7: payment 5 appears more than once"));
    }

    #[test]
    fn a_file_without_the_header_is_refused() {
        let errors = parse_confirmation("1,paid,\n".as_bytes()).unwrap_err();
        assert!(errors[0].to_string().contains("the header must be"));
        assert!(parse_confirmation("".as_bytes()).is_err());
    }
}

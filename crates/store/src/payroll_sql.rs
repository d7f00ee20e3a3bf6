//! Claim review and payroll (DOMAIN.md §5, §7): the [`PayrollStore`] trait and its SQL, the same
//! in both dialects, stamped out per backend.
//!
//! Review reads the facts of a chunk of submitted claims with a few set queries (not eight
//! queries a claim), so bulk approval of 100,000 claims takes seconds; the rules judge each claim
//! and the decisions are written in the same transaction as the reads.
//!
//! A payroll batch and its payments are written by one transaction, under one lock, so a crash
//! leaves no batch or a complete one and two servers never both take a claim; a claim has at
//! most one payment payroll has not rejected (a unique index), whatever else goes wrong.

use std::collections::HashMap;

use async_trait::async_trait;
use pathways_domain::claim::ClaimRefusal;
use pathways_domain::eligibility::Enrollment;
use pathways_domain::entities::WageRate;
use pathways_domain::ids::CountyCode;
use pathways_domain::quantity::{Hours, Minutes, Money};
use time::{Date, OffsetDateTime};

use crate::accounts::AuditEntry;
use crate::claim_sql::{
    AcceptedTrainingClaim, ClaimDecision, PaymentRecord, TrainingClaimFacts, TrainingClaimRecord,
};
use crate::incentive_sql::ClaimedIncentive;
use crate::{StoreError, StoreResult};

/// A claim a reviewer or payroll decides on: training pay or an incentive, by its number.
/// The two kinds are numbered separately and share one sequence of payment numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimRef {
    Training(i64),
    Incentive(i64),
}

impl ClaimRef {
    pub fn id(self) -> i64 {
        match self {
            Self::Training(id) | Self::Incentive(id) => id,
        }
    }

    /// The audit log's record type.
    pub fn record_type(self) -> &'static str {
        match self {
            Self::Training(_) => "training_claim",
            Self::Incentive(_) => "incentive_claim",
        }
    }

    pub(crate) fn table(self) -> &'static str {
        match self {
            Self::Training(_) => "training_claims",
            Self::Incentive(_) => "incentive_claims",
        }
    }
}

/// An incentive claim with its review and payment, and the provider's name for reviewers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncentiveClaimRecord {
    pub id: i64,
    pub incentive: ClaimedIncentive,
    /// The provider's county when the claim was made.
    pub county: CountyCode,
    /// `submitted`, `approved`, `denied`, `paid` or `rejected`.
    pub state: String,
    pub decision: Option<ClaimDecision>,
    /// The claim's latest payment, once it is in a payroll batch.
    pub payment: Option<PaymentRecord>,
    pub provider_name: String,
}

/// An overpayment recorded against a paid payment, recovered by a deduction line in a later
/// payroll batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecoveryRecord {
    pub id: i64,
    /// The payment that paid too much.
    pub overpaid_payment: i64,
    pub provider: pathways_domain::ids::ProviderNumber,
    pub county: CountyCode,
    pub amount: Money,
    /// Why the payment was too much, in staff's words (the provider reads it).
    pub reason: String,
    pub recorded_at: OffsetDateTime,
    pub recorded_by: String,
    /// `recorded` (waiting for, or in, a batch), `recovered` or `returned` (payroll could not
    /// deduct it; see the payment's reason).
    pub state: String,
    /// The deduction's payment number while it holds one.
    pub payment_id: Option<i64>,
    /// The deduction's latest line in a batch, with payroll's word.
    pub payment: Option<PaymentRecord>,
}

/// Why an overpayment cannot be recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecoveryProblem {
    /// No payment has this number.
    NoSuchPayment,
    /// Payroll has not confirmed the payment paid (pending or returned), or it is itself a
    /// recovery.
    NotPaid,
    /// The recoveries of a payment cannot add up to more than it paid.
    MoreThanPaid { left: Money },
}

/// Recoveries with their deduction's latest payment.
pub(crate) const RECOVERY_SELECT: &str = "SELECT r.recovery_id, r.overpaid_payment_id, \
     r.provider_number, r.county_code, r.amount_cents, r.reason, r.recorded_at, r.recorded_by, \
     r.state, r.payment_id AS held_payment_id, \
     COALESCE(r.payment_id, p.payment_id) AS payment_id, b.batch_id, b.pay_period, \
     p.status AS payment_status, p.reason AS payment_reason, p.confirmed_at, \
     CAST(NULL AS TEXT) AS decided_by, CAST(NULL AS TEXT) AS denial_rule, \
     CAST(NULL AS TEXT) AS denial_note, r.recorded_at AS decided_at \
     FROM recoveries r \
     LEFT JOIN payments p ON p.payment_id = COALESCE(r.payment_id, \
         (SELECT MAX(q.payment_id) FROM payments q WHERE q.recovery_id = r.recovery_id)) \
     LEFT JOIN payroll_batches b ON COALESCE(r.payment_id, p.payment_id) \
         BETWEEN b.first_payment_id AND b.last_payment_id";

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct RecoveryRow {
    recovery_id: i64,
    overpaid_payment_id: i64,
    provider_number: i64,
    county_code: i64,
    amount_cents: i64,
    reason: String,
    recorded_at: OffsetDateTime,
    recorded_by: String,
    state: String,
    held_payment_id: Option<i64>,
    #[sqlx(flatten)]
    review: crate::claim_sql::ReviewColumns,
}

impl RecoveryRow {
    pub(crate) fn into_record(self) -> StoreResult<RecoveryRecord> {
        let (_, payment) = self.review.split();
        Ok(RecoveryRecord {
            id: self.recovery_id,
            overpaid_payment: self.overpaid_payment_id,
            provider: pathways_domain::ids::ProviderNumber::from_i64(self.provider_number)
                .map_err(|_| StoreError::corrupt("recoveries.provider_number"))?,
            county: u8::try_from(self.county_code)
                .ok()
                .and_then(CountyCode::new)
                .ok_or_else(|| StoreError::corrupt("recoveries.county_code"))?,
            amount: Money::from_cents(self.amount_cents),
            reason: self.reason,
            recorded_at: self.recorded_at,
            recorded_by: self.recorded_by,
            state: self.state,
            payment_id: self.held_payment_id,
            payment,
        })
    }
}

/// Incentive claims with their decision, latest payment and the provider's name.
pub(crate) const INCENTIVE_CLAIM_SELECT: &str = "SELECT ic.claim_id, ic.provider_number, \
     ic.kind, ic.pathway, ic.qualified_on, ic.amount_cents, ic.policy_version, ic.claimed_at, \
     ic.county_code, ic.state, ic.decided_at, ic.decided_by, ic.denial_rule, ic.denial_note, \
     COALESCE(ic.payment_id, p.payment_id) AS payment_id, b.batch_id, b.pay_period, \
     p.status AS payment_status, p.reason AS payment_reason, p.confirmed_at, \
     COALESCE(pr.first_name || ' ' || pr.last_name, '') AS provider_name \
     FROM incentive_claims ic \
     LEFT JOIN providers pr ON pr.provider_number = ic.provider_number \
     LEFT JOIN payments p ON p.payment_id = COALESCE(ic.payment_id, \
         (SELECT MAX(q.payment_id) FROM payments q WHERE q.incentive_claim_id = ic.claim_id)) \
     LEFT JOIN payroll_batches b ON COALESCE(ic.payment_id, p.payment_id) \
         BETWEEN b.first_payment_id AND b.last_payment_id";

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct IncentiveClaimRow {
    claim_id: i64,
    provider_number: i64,
    kind: String,
    pathway: String,
    qualified_on: Date,
    amount_cents: i64,
    policy_version: String,
    claimed_at: OffsetDateTime,
    county_code: i64,
    state: String,
    provider_name: String,
    #[sqlx(flatten)]
    review: crate::claim_sql::ReviewColumns,
}

impl IncentiveClaimRow {
    pub(crate) fn into_record(self) -> StoreResult<IncentiveClaimRecord> {
        let (decision, payment) = self.review.split();
        Ok(IncentiveClaimRecord {
            id: self.claim_id,
            incentive: ClaimedIncentive {
                provider: pathways_domain::ids::ProviderNumber::from_i64(self.provider_number)
                    .map_err(|_| StoreError::corrupt("incentive_claims.provider_number"))?,
                kind: pathways_domain::incentive::IncentiveKind::parse(&self.kind)
                    .map_err(|_| StoreError::corrupt("incentive_claims.kind"))?,
                pathway: pathways_domain::pathway::Pathway::parse(&self.pathway)
                    .map_err(|_| StoreError::corrupt("incentive_claims.pathway"))?,
                qualified_on: self.qualified_on,
                amount: Money::from_cents(self.amount_cents),
                policy_version: self.policy_version,
                claimed_at: self.claimed_at,
            },
            county: u8::try_from(self.county_code)
                .ok()
                .and_then(CountyCode::new)
                .ok_or_else(|| StoreError::corrupt("incentive_claims.county_code"))?,
            state: self.state,
            decision,
            payment,
            provider_name: self.provider_name,
        })
    }
}

/// Which submitted claims a review looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimSelection {
    /// One claim (looked at only while it is submitted).
    One(i64),
    /// Up to `limit` submitted claims numbered after `after`, in number order.
    Submitted { after: i64, limit: u32 },
}

/// The rules a review applies to each claim, given the facts read now.
pub type ReviewJudge<'a> = &'a (
        dyn Fn(
    &TrainingClaimRecord,
    &TrainingClaimFacts,
) -> Result<AcceptedTrainingClaim, ClaimRefusal>
            + Send
            + Sync
    );

/// What a review did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReviewOutcome {
    /// Claims approved.
    pub approved: Vec<i64>,
    /// Approved claims whose pay changed since submission (work hours or rates arrived since),
    /// with the amount before and after.
    pub repriced: Vec<(i64, Money, Money)>,
    /// Claims a rule refused now; they stay submitted for a reviewer to deny or wait on.
    pub refused: Vec<(i64, ClaimRefusal)>,
    /// The last claim looked at, where the next chunk starts; `None` when none was left.
    pub last: Option<i64>,
}

/// A claim in the review queue, with the provider's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueuedClaim {
    pub claim: TrainingClaimRecord,
    pub provider_name: String,
}

/// A payroll batch as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayrollBatch {
    pub id: i64,
    pub pay_period: Date,
    /// The batch's payments: numbers after the previous batch's last, up to `last_payment`.
    pub first_payment: i64,
    pub last_payment: i64,
    pub created_at: OffsetDateTime,
    pub created_by: String,
    pub payment_count: u64,
    /// What the batch pays (training pay and incentives).
    pub total: Money,
    /// What its recoveries take back from the same providers' pay.
    pub recovered: Money,
    /// When the batch's file was first written.
    pub exported_at: Option<OffsetDateTime>,
}

/// One row of payroll's confirmation file, with its line number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentConfirmation {
    pub line: u64,
    pub payment_id: i64,
    /// `None`: paid; `Some(reason)`: rejected.
    pub rejected: Option<String>,
}

/// Why a confirmation row cannot be applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfirmProblem {
    /// No payment has this number.
    UnknownPayment { line: u64, payment_id: i64 },
    /// The payment's batch was never exported, so payroll cannot have it.
    NotExported { line: u64, payment_id: i64 },
    /// The payment was confirmed before, the other way (`paid` or `rejected`).
    AlreadyConfirmed {
        line: u64,
        payment_id: i64,
        status: String,
    },
}

/// What a confirmation file changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ConfirmSummary {
    pub paid: u64,
    pub rejected: u64,
    /// Rows that repeated what was already recorded (the same file imported again).
    pub unchanged: u64,
}

#[async_trait]
pub trait PayrollStore: Send + Sync {
    /// Reads the facts of the selected submitted claims and, in the same transaction, approves
    /// each one `judge` accepts (repricing it when its pay changed) as decided `by` at `at`,
    /// with one audit entry. Claims the judge refuses are left submitted.
    async fn approve_training_claims(
        &self,
        selection: ClaimSelection,
        judge: ReviewJudge<'_>,
        by: &str,
        at: OffsetDateTime,
        audit: &AuditEntry,
    ) -> StoreResult<ReviewOutcome>;

    /// Approves a submitted incentive claim the caller judged still earned, giving it the
    /// next payment number; `false` when it is not submitted (decided already, or none).
    async fn approve_incentive_claim(
        &self,
        id: i64,
        by: &str,
        at: OffsetDateTime,
        audit: &AuditEntry,
    ) -> StoreResult<bool>;

    /// Denies a submitted claim naming the rule (`other` with a note); `false` when the claim
    /// is not submitted (decided already, or no such claim).
    async fn deny_claim(
        &self,
        claim: ClaimRef,
        rule: &str,
        note: Option<&str>,
        audit: &AuditEntry,
    ) -> StoreResult<bool>;

    /// Sends a claim payroll returned back to review (its decision cleared, payroll's reason
    /// kept); `false` when the claim is not `rejected`.
    async fn resubmit_claim(&self, claim: ClaimRef, audit: &AuditEntry) -> StoreResult<bool>;

    async fn incentive_claim(&self, id: i64) -> StoreResult<Option<IncentiveClaimRecord>>;

    /// Records that payment `overpaid` paid `amount` too much, for `reason`, numbering its
    /// deduction for the next batch; all or nothing, under the payroll lock.
    async fn record_recovery(
        &self,
        overpaid: i64,
        amount: Money,
        reason: &str,
        audit: &AuditEntry,
    ) -> StoreResult<Result<RecoveryRecord, RecoveryProblem>>;

    /// Sends a recovery payroll returned again, under a new number for the next batch;
    /// `false` when it is not `returned`.
    async fn resend_recovery(&self, id: i64, audit: &AuditEntry) -> StoreResult<bool>;

    async fn recovery(&self, id: i64) -> StoreResult<Option<RecoveryRecord>>;

    /// Recoveries of one provider, or the latest `limit` of all, newest first.
    async fn recoveries(
        &self,
        provider: Option<pathways_domain::ids::ProviderNumber>,
        limit: u32,
    ) -> StoreResult<Vec<RecoveryRecord>>;

    /// A provider's incentive claims, newest first.
    async fn provider_incentive_claims(
        &self,
        provider: pathways_domain::ids::ProviderNumber,
    ) -> StoreResult<Vec<IncentiveClaimRecord>>;

    /// Submitted incentive claims in number order after `after`, of one county or all.
    async fn incentive_review_queue(
        &self,
        county: Option<CountyCode>,
        after: i64,
        limit: u32,
    ) -> StoreResult<Vec<IncentiveClaimRecord>>;

    /// One claim, whatever its state.
    async fn training_claim(&self, id: i64) -> StoreResult<Option<TrainingClaimRecord>>;

    /// Submitted claims in number order after `after`, of one county's recipients or all.
    async fn review_queue(
        &self,
        county: Option<CountyCode>,
        after: i64,
        limit: u32,
    ) -> StoreResult<Vec<QueuedClaim>>;

    /// How many claims are submitted, and their amount, of one county or all.
    async fn review_queue_size(&self, county: Option<CountyCode>) -> StoreResult<(u64, Money)>;

    /// Collects every approved claim without a live payment into a new batch for `pay_period`;
    /// `None` when there is none. All or nothing.
    async fn create_payroll_batch(
        &self,
        pay_period: Date,
        created_by: &str,
        at: OffsetDateTime,
        audit: &AuditEntry,
    ) -> StoreResult<Option<PayrollBatch>>;

    /// Every batch, newest first.
    async fn payroll_batches(&self) -> StoreResult<Vec<PayrollBatch>>;

    async fn payroll_batch(&self, id: i64) -> StoreResult<Option<PayrollBatch>>;

    /// A part of the batch's export file (DOMAIN.md §8): the lines of the batch's payments
    /// numbered after `after` up to `upto`, in payment order, joined by newlines; `None` when
    /// none is numbered there. The database writes the lines, since a million of them cost the
    /// driver far more as rows than as text; parts are independent, so two can be read at once.
    async fn payment_file_part(
        &self,
        batch: &PayrollBatch,
        after: i64,
        upto: i64,
    ) -> StoreResult<Option<String>>;

    /// Records that the batch's file was written (the first time sets `exported_at`).
    async fn record_export(&self, batch: i64, audit: &AuditEntry) -> StoreResult<()>;

    /// Applies payroll's confirmation rows: all of them, or (any problem) none.
    async fn confirm_payments(
        &self,
        rows: &[PaymentConfirmation],
        at: OffsetDateTime,
        audit: &AuditEntry,
    ) -> StoreResult<Result<ConfirmSummary, Vec<ConfirmProblem>>>;

    /// Writes made-up training claims in one statement, for benchmarks and tests on a
    /// scratch database only: claim `i` (from 1) is provider `first_provider + i - 1`'s, under
    /// case `3400000 + i` of county 34, for `100 + i % 700` hundredths of an hour at $16.90;
    /// and [`SyntheticClaims::incentives`] incentive claims. Gives the number of claims made.
    async fn add_synthetic_claims(&self, claims: &SyntheticClaims) -> StoreResult<u64>;
}

/// Made-up claims for a benchmark or test ([`PayrollStore::add_synthetic_claims`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntheticClaims {
    pub count: u32,
    pub first_provider: u32,
    pub course: pathways_domain::ids::CourseNumber,
    pub trained_on: Date,
    /// `submitted` or `approved`.
    pub state: &'static str,
    pub at: OffsetDateTime,
    /// Made-up incentive claims as well, in the same state: claim `i` (from 1) is provider
    /// `first_provider + i - 1`'s GHS pathway incentive of $500 (county 34), numbered for
    /// payment after the training claims when approved.
    pub incentives: u32,
}

/// A provider number with a case or course number.
pub(crate) type PairKey = (i64, String);

/// The facts of claims read in sets, put together claim by claim.
#[derive(Debug, Default)]
pub(crate) struct ReviewFacts {
    pub enrollments: HashMap<i64, Enrollment>,
    pub assignments: HashMap<PairKey, Vec<(Date, Option<Date>)>>,
    /// Verified attendance by provider and course, by day.
    pub attendance: HashMap<PairKey, Vec<(Date, i64, bool)>>,
    pub counties: HashMap<String, i64>,
    pub rates: HashMap<i64, Vec<WageRate>>,
    pub week_work: HashMap<(i64, Date), i64>,
    /// Claims not denied, by provider and week: (claim number, hundredths).
    pub week_claims: HashMap<(i64, Date), Vec<(i64, i64)>>,
}

impl ReviewFacts {
    /// The facts of one claim, as [`crate::ClaimStore::submit_training_claim`] reads them
    /// (earlier claims of the workweek count before this one).
    pub fn of(&self, claim: &TrainingClaimRecord) -> StoreResult<TrainingClaimFacts> {
        let provider = claim.provider.as_i64();
        let course = claim.course.as_str().to_owned();
        let mut minutes = 0u32;
        let mut completion = None;
        for (day, m, completed) in self
            .attendance
            .get(&(provider, course))
            .map(Vec::as_slice)
            .unwrap_or_default()
        {
            minutes += u32::try_from(*m).map_err(|_| StoreError::corrupt("attendance.minutes"))?;
            if *completed {
                completion = Some((*day, Minutes(minutes)));
                break;
            }
        }
        let county = match self.counties.get(claim.case.as_str()) {
            Some(c) => Some(
                u8::try_from(*c)
                    .ok()
                    .and_then(CountyCode::new)
                    .ok_or_else(|| StoreError::corrupt("recipients.county_code"))?,
            ),
            None => None,
        };
        let week = pathways_domain::claim::week_start(claim.trained_on);
        let hours = |h: i64| {
            u32::try_from(h)
                .map(Hours::from_hundredths)
                .map_err(|_| StoreError::corrupt("hours in a week"))
        };
        let earlier: i64 = self
            .week_claims
            .get(&(provider, week))
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .filter(|(id, _)| *id < claim.id)
            .map(|(_, h)| h)
            .sum();
        Ok(TrainingClaimFacts {
            enrollment: self.enrollments.get(&provider).copied(),
            assignment: self
                .assignments
                .get(&(provider, claim.case.as_str().to_owned()))
                .cloned()
                .unwrap_or_default(),
            completion,
            // The unique index keeps a second live claim of a completion from existing.
            claimed_before: false,
            county,
            rates: county
                .and_then(|c| self.rates.get(&i64::from(c.get())))
                .cloned()
                .unwrap_or_default(),
            week_work: hours(self.week_work.get(&(provider, week)).copied().unwrap_or(0))?,
            week_training: hours(earlier)?,
        })
    }
}

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct BatchRow {
    batch_id: i64,
    pay_period: Date,
    first_payment_id: i64,
    last_payment_id: i64,
    created_at: OffsetDateTime,
    created_by: String,
    payment_count: i64,
    total_cents: i64,
    recovered_cents: i64,
    exported_at: Option<OffsetDateTime>,
}

impl BatchRow {
    pub fn into_batch(self) -> StoreResult<PayrollBatch> {
        Ok(PayrollBatch {
            id: self.batch_id,
            pay_period: self.pay_period,
            first_payment: self.first_payment_id,
            last_payment: self.last_payment_id,
            created_at: self.created_at,
            created_by: self.created_by,
            payment_count: u64::try_from(self.payment_count)
                .map_err(|_| StoreError::corrupt("payroll_batches.payment_count"))?,
            total: Money::from_cents(self.total_cents),
            recovered: Money::from_cents(self.recovered_cents),
            exported_at: self.exported_at,
        })
    }
}

/// The highest payment number given so far (held by a claim, recorded as confirmed, or the
/// end of a batch): new approvals are numbered after it.
pub(crate) const LAST_PAYMENT_NUMBER: &str = "SELECT CAST(COALESCE(MAX(m), 0) AS BIGINT) FROM \
     (SELECT MAX(payment_id) AS m FROM training_claims \
      UNION ALL SELECT MAX(payment_id) FROM incentive_claims \
      UNION ALL SELECT MAX(payment_id) FROM recoveries \
      UNION ALL SELECT MAX(payment_id) FROM payments \
      UNION ALL SELECT MAX(last_payment_id) FROM payroll_batches) AS numbers";

/// Submitted claims of the chunk from `$1` to `$2`, as the set queries select them.
pub(crate) const CHUNK: &str = "SELECT {cols} FROM training_claims tc WHERE tc.state = 'submitted' AND tc.claim_id BETWEEN $1 AND $2";

pub(crate) fn chunk(cols: &str) -> String {
    CHUNK.replace("{cols}", cols)
}

macro_rules! payroll_queries {
    (
        $store:ty,
        $db:ty,
        lock_payroll = [$($lock:literal)?],
        series = $series:literal,
        payment_line = $line:literal,
        incentive_line = $incentive_line:literal,
        recovery_line = $recovery_line:literal,
        join_lines = $join:literal
    ) => {
        use $crate::payroll_sql::{
            ClaimRef, ClaimSelection, ConfirmProblem, ConfirmSummary, PaymentConfirmation, PayrollBatch, PayrollStore, QueuedClaim, ReviewFacts, ReviewJudge, ReviewOutcome,
            chunk,
        };

        /// The facts of the submitted claims numbered `lo` to `hi`, read in sets.
        async fn review_facts(
            conn: &mut <$db as sqlx::Database>::Connection,
            lo: i64,
            hi: i64,
        ) -> StoreResult<ReviewFacts> {
            let mut facts = ReviewFacts::default();
            let rows: Vec<$crate::rows::EnrollmentRow> = sqlx::query_as(sqlx::AssertSqlSafe(
                format!(
                    "SELECT provider_number, enrollment_status, enrolled_on, last_paid_on \
                     FROM providers WHERE provider_number IN ({})",
                    chunk("tc.provider_number")
                ),
            ))
            .bind(lo)
            .bind(hi)
            .fetch_all(&mut *conn)
            .await?;
            for row in rows {
                let (number, enrollment) = row.into_domain()?;
                facts.enrollments.insert(number.as_i64(), enrollment);
            }
            let rows: Vec<(i64, String, time::Date, Option<time::Date>)> =
                sqlx::query_as(sqlx::AssertSqlSafe(format!(
                    "SELECT a.provider_number, a.case_number, a.start_date, a.end_date \
                     FROM assignments a WHERE (a.provider_number, a.case_number) IN ({}) \
                     ORDER BY a.provider_number, a.case_number, a.start_date",
                    chunk("tc.provider_number, tc.case_number")
                )))
                .bind(lo)
                .bind(hi)
                .fetch_all(&mut *conn)
                .await?;
            for (provider, case, start, end) in rows {
                facts
                    .assignments
                    .entry((provider, case))
                    .or_default()
                    .push((start, end));
            }
            let rows: Vec<(i64, String, time::Date, i64, bool)> =
                sqlx::query_as(sqlx::AssertSqlSafe(format!(
                    "SELECT a.provider_number, a.course_number, a.attended_on, a.minutes, \
                     a.completed FROM attendance a WHERE a.status = 'verified' \
                     AND (a.provider_number, a.course_number) IN ({}) \
                     ORDER BY a.provider_number, a.course_number, a.attended_on",
                    chunk("tc.provider_number, tc.course_number")
                )))
                .bind(lo)
                .bind(hi)
                .fetch_all(&mut *conn)
                .await?;
            for (provider, course, day, minutes, completed) in rows {
                facts
                    .attendance
                    .entry((provider, course))
                    .or_default()
                    .push((day, minutes, completed));
            }
            let rows: Vec<(String, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT case_number, county_code FROM recipients WHERE case_number IN ({})",
                chunk("tc.case_number")
            )))
            .bind(lo)
            .bind(hi)
            .fetch_all(&mut *conn)
            .await?;
            facts.counties = rows.into_iter().collect();
            let rows: Vec<(i64, time::Date, i64)> = sqlx::query_as(
                "SELECT county_code, effective_from, hourly_rate_cents FROM wage_rates",
            )
            .fetch_all(&mut *conn)
            .await?;
            for (county, effective_from, cents) in rows {
                let code = u8::try_from(county)
                    .ok()
                    .and_then(pathways_domain::ids::CountyCode::new)
                    .ok_or_else(|| StoreError::corrupt("wage_rates.county_code"))?;
                facts.rates.entry(county).or_default().push(
                    pathways_domain::entities::WageRate {
                        county: code,
                        effective_from,
                        hourly_rate: pathways_domain::quantity::Money::from_cents(cents),
                    },
                );
            }
            let rows: Vec<(i64, time::Date, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT w.provider_number, w.week_start, CAST(SUM(w.hundredths) AS BIGINT) \
                 FROM work_hours w WHERE (w.provider_number, w.week_start) IN ({}) \
                 GROUP BY w.provider_number, w.week_start",
                chunk("tc.provider_number, tc.week_start")
            )))
            .bind(lo)
            .bind(hi)
            .fetch_all(&mut *conn)
            .await?;
            facts.week_work = rows.into_iter().map(|(p, w, h)| ((p, w), h)).collect();
            let rows: Vec<(i64, time::Date, i64, i64)> =
                sqlx::query_as(sqlx::AssertSqlSafe(format!(
                    "SELECT o.provider_number, o.week_start, o.claim_id, o.hundredths \
                     FROM training_claims o WHERE o.state <> 'denied' \
                     AND (o.provider_number, o.week_start) IN ({})",
                    chunk("tc.provider_number, tc.week_start")
                )))
                .bind(lo)
                .bind(hi)
                .fetch_all(&mut *conn)
                .await?;
            for (provider, week, id, hundredths) in rows {
                facts
                    .week_claims
                    .entry((provider, week))
                    .or_default()
                    .push((id, hundredths));
            }
            Ok(facts)
        }

        const BATCH_SELECT: &str = "SELECT batch_id, pay_period, first_payment_id, \
             last_payment_id, created_at, created_by, payment_count, total_cents, \
             recovered_cents, exported_at FROM payroll_batches";

        #[async_trait::async_trait]
        impl PayrollStore for $store {
            async fn approve_training_claims(
                &self,
                selection: ClaimSelection,
                judge: ReviewJudge<'_>,
                by: &str,
                at: time::OffsetDateTime,
                audit: &AuditEntry,
            ) -> StoreResult<ReviewOutcome> {
                let mut tx = self.begin_write().await?;
                $(sqlx::query($lock).execute(&mut *tx).await?;)?
                let (after, limit, only) = match selection {
                    ClaimSelection::One(id) => (id - 1, 1i64, Some(id)),
                    ClaimSelection::Submitted { after, limit } => (after, i64::from(limit), None),
                };
                let rows: Vec<$crate::claim_sql::ClaimRow> =
                    sqlx::query_as(sqlx::AssertSqlSafe(format!(
                        "{} WHERE tc.state = 'submitted' AND tc.claim_id > $1 \
                         ORDER BY tc.claim_id LIMIT $2",
                        $crate::claim_sql::CLAIM_SELECT
                    )))
                    .bind(after)
                    .bind(limit)
                    .fetch_all(&mut *tx)
                    .await?;
                let claims = rows
                    .into_iter()
                    .map($crate::claim_sql::claim_record)
                    .filter(|c| match (c, only) {
                        (Ok(c), Some(id)) => c.id == id,
                        _ => true,
                    })
                    .collect::<StoreResult<Vec<_>>>()?;
                let (Some(first), Some(last)) = (claims.first(), claims.last()) else {
                    return Ok(ReviewOutcome::default());
                };
                let facts = review_facts(&mut tx, first.id, last.id).await?;
                let mut outcome = ReviewOutcome {
                    last: Some(last.id),
                    ..ReviewOutcome::default()
                };
                // Approved claims are numbered for payment after every number given so far, in
                // claim order within the chunk (the payroll lock or SQLite's write lock is held).
                let last_number: i64 =
                    sqlx::query_scalar($crate::payroll_sql::LAST_PAYMENT_NUMBER)
                        .fetch_one(&mut *tx)
                        .await?;
                let numbering = last_number + 1 - first.id;
                let mut unchanged = Vec::new();
                for claim in &claims {
                    let accepted = match judge(claim, &facts.of(claim)?) {
                        Ok(accepted) => accepted,
                        Err(refusal) => {
                            outcome.refused.push((claim.id, refusal));
                            continue;
                        }
                    };
                    outcome.approved.push(claim.id);
                    // The working is rewritten only when the pay changed.
                    if accepted.amount == claim.amount
                        && accepted.overtime == claim.overtime
                        && accepted.rate == claim.rate
                    {
                        unchanged.push(claim.id);
                        continue;
                    }
                    outcome.repriced.push((claim.id, claim.amount, accepted.amount));
                    sqlx::query(
                        "UPDATE training_claims SET state = 'approved', decided_at = $1, \
                         decided_by = $2, overtime_hundredths = $3, rate_cents = $4, \
                         amount_cents = $5, policy_version = $6, explanation = $7, \
                         payment_id = $9 + claim_id WHERE claim_id = $8 AND state = 'submitted'",
                    )
                    .bind(at)
                    .bind(by)
                    .bind(i64::from(accepted.overtime.hundredths()))
                    .bind(accepted.rate.cents())
                    .bind(accepted.amount.cents())
                    .bind(&accepted.policy_version)
                    .bind(&accepted.explanation)
                    .bind(claim.id)
                    .bind(numbering)
                    .execute(&mut *tx)
                    .await?;
                }
                for ids in unchanged.chunks(2_000) {
                    let mut qb = sqlx::QueryBuilder::<$db>::new(
                        "UPDATE training_claims SET state = 'approved', decided_at = ",
                    );
                    qb.push_bind(at);
                    qb.push(", decided_by = ");
                    qb.push_bind(by);
                    qb.push(", payment_id = claim_id + ");
                    qb.push_bind(numbering);
                    qb.push(" WHERE state = 'submitted' AND claim_id IN (");
                    let mut list = qb.separated(", ");
                    for id in ids {
                        list.push_bind(*id);
                    }
                    qb.push(")");
                    qb.build().execute(&mut *tx).await?;
                }
                if !outcome.approved.is_empty() || !outcome.refused.is_empty() {
                    let mut entry = audit.clone();
                    entry.after = Some(serde_json::json!({
                        "approved": outcome.approved,
                        "repriced": outcome.repriced.iter().map(|(id, before, after)| {
                            serde_json::json!({
                                "claim": id,
                                "amount_before": before.to_string(),
                                "amount": after.to_string(),
                            })
                        }).collect::<Vec<_>>(),
                        "left_submitted": outcome.refused.iter().map(|(id, refusal)| {
                            serde_json::json!({"claim": id, "rule": refusal.rule.code()})
                        }).collect::<Vec<_>>(),
                    }));
                    let key = if first.id == last.id {
                        first.id.to_string()
                    } else {
                        format!("{}-{}", first.id, last.id)
                    };
                    write_audit(&mut tx, &entry, &key).await?;
                }
                tx.commit().await?;
                Ok(outcome)
            }

            async fn approve_incentive_claim(
                &self,
                id: i64,
                by: &str,
                at: time::OffsetDateTime,
                audit: &AuditEntry,
            ) -> StoreResult<bool> {
                let mut tx = self.begin_write().await?;
                $(sqlx::query($lock).execute(&mut *tx).await?;)?
                // Numbered after every number given so far, under the payroll lock (or
                // SQLite's write lock), as training claims are.
                let approved = sqlx::query(sqlx::AssertSqlSafe(format!(
                    "UPDATE incentive_claims SET state = 'approved', decided_at = $1, \
                     decided_by = $2, payment_id = ({}) + 1 \
                     WHERE claim_id = $3 AND state = 'submitted'",
                    $crate::payroll_sql::LAST_PAYMENT_NUMBER
                )))
                .bind(at)
                .bind(by)
                .bind(id)
                .execute(&mut *tx)
                .await?
                .rows_affected()
                    == 1;
                if approved {
                    write_audit(&mut tx, audit, &id.to_string()).await?;
                }
                tx.commit().await?;
                Ok(approved)
            }

            async fn deny_claim(
                &self,
                claim: ClaimRef,
                rule: &str,
                note: Option<&str>,
                audit: &AuditEntry,
            ) -> StoreResult<bool> {
                let mut tx = self.begin_write().await?;
                let by = audit.actor.label.clone();
                let denied = sqlx::query(sqlx::AssertSqlSafe(format!(
                    "UPDATE {} SET state = 'denied', decided_at = $1, \
                     decided_by = $2, denial_rule = $3, denial_note = $4 \
                     WHERE claim_id = $5 AND state = 'submitted'",
                    claim.table()
                )))
                .bind(audit.at)
                .bind(&by)
                .bind(rule)
                .bind(note)
                .bind(claim.id())
                .execute(&mut *tx)
                .await?
                .rows_affected()
                    == 1;
                if denied {
                    write_audit(&mut tx, audit, &claim.id().to_string()).await?;
                }
                tx.commit().await?;
                Ok(denied)
            }

            async fn resubmit_claim(
                &self,
                claim: ClaimRef,
                audit: &AuditEntry,
            ) -> StoreResult<bool> {
                let mut tx = self.begin_write().await?;
                let sent = sqlx::query(sqlx::AssertSqlSafe(format!(
                    "UPDATE {} SET state = 'submitted', decided_at = NULL, \
                     decided_by = NULL, denial_rule = NULL, denial_note = NULL \
                     WHERE claim_id = $1 AND state = 'rejected'",
                    claim.table()
                )))
                .bind(claim.id())
                .execute(&mut *tx)
                .await?
                .rows_affected()
                    == 1;
                if sent {
                    write_audit(&mut tx, audit, &claim.id().to_string()).await?;
                }
                tx.commit().await?;
                Ok(sent)
            }

            async fn record_recovery(
                &self,
                overpaid: i64,
                amount: pathways_domain::quantity::Money,
                reason: &str,
                audit: &AuditEntry,
            ) -> StoreResult<Result<$crate::payroll_sql::RecoveryRecord, $crate::payroll_sql::RecoveryProblem>> {
                use $crate::payroll_sql::RecoveryProblem;
                let mut tx = self.begin_write().await?;
                $(sqlx::query($lock).execute(&mut *tx).await?;)?
                let paid: Option<(String, Option<i64>, i64, i64)> = sqlx::query_as(
                    "SELECT status, recovery_id, amount_cents, \
                     CAST((SELECT COALESCE(SUM(r.amount_cents), 0) FROM recoveries r \
                     WHERE r.overpaid_payment_id = p.payment_id) AS BIGINT) \
                     FROM payments p WHERE payment_id = $1",
                )
                .bind(overpaid)
                .fetch_optional(&mut *tx)
                .await?;
                let Some((status, recovery, paid_cents, recovered_cents)) = paid else {
                    // A number a claim holds is a payment payroll has not confirmed yet.
                    let held: Option<i64> = sqlx::query_scalar(
                        "SELECT payment_id FROM training_claims WHERE payment_id = $1 \
                         UNION ALL SELECT payment_id FROM incentive_claims WHERE payment_id = $1",
                    )
                    .bind(overpaid)
                    .fetch_optional(&mut *tx)
                    .await?;
                    return Ok(Err(match held {
                        Some(_) => RecoveryProblem::NotPaid,
                        None => RecoveryProblem::NoSuchPayment,
                    }));
                };
                if status != "paid" || recovery.is_some() {
                    return Ok(Err(RecoveryProblem::NotPaid));
                }
                let left = paid_cents - recovered_cents;
                if amount.cents() > left {
                    return Ok(Err(RecoveryProblem::MoreThanPaid {
                        left: pathways_domain::quantity::Money::from_cents(left),
                    }));
                }
                let id: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                    "INSERT INTO recoveries (overpaid_payment_id, provider_number, county_code, \
                     amount_cents, reason, recorded_at, recorded_by, payment_id) \
                     SELECT payment_id, provider_number, county_code, $2, $3, $4, $5, ({}) + 1 \
                     FROM payments WHERE payment_id = $1 RETURNING recovery_id",
                    $crate::payroll_sql::LAST_PAYMENT_NUMBER
                )))
                .bind(overpaid)
                .bind(amount.cents())
                .bind(reason)
                .bind(audit.at)
                .bind(&audit.actor.label)
                .fetch_one(&mut *tx)
                .await?;
                write_audit(&mut tx, audit, &id.to_string()).await?;
                let row: $crate::payroll_sql::RecoveryRow =
                    sqlx::query_as(sqlx::AssertSqlSafe(format!(
                        "{} WHERE r.recovery_id = $1",
                        $crate::payroll_sql::RECOVERY_SELECT
                    )))
                    .bind(id)
                    .fetch_one(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(Ok(row.into_record()?))
            }

            async fn resend_recovery(&self, id: i64, audit: &AuditEntry) -> StoreResult<bool> {
                let mut tx = self.begin_write().await?;
                $(sqlx::query($lock).execute(&mut *tx).await?;)?
                let sent = sqlx::query(sqlx::AssertSqlSafe(format!(
                    "UPDATE recoveries SET state = 'recorded', payment_id = ({}) + 1 \
                     WHERE recovery_id = $1 AND state = 'returned'",
                    $crate::payroll_sql::LAST_PAYMENT_NUMBER
                )))
                .bind(id)
                .execute(&mut *tx)
                .await?
                .rows_affected()
                    == 1;
                if sent {
                    write_audit(&mut tx, audit, &id.to_string()).await?;
                }
                tx.commit().await?;
                Ok(sent)
            }

            async fn recovery(
                &self,
                id: i64,
            ) -> StoreResult<Option<$crate::payroll_sql::RecoveryRecord>> {
                let row: Option<$crate::payroll_sql::RecoveryRow> =
                    sqlx::query_as(sqlx::AssertSqlSafe(format!(
                        "{} WHERE r.recovery_id = $1",
                        $crate::payroll_sql::RECOVERY_SELECT
                    )))
                    .bind(id)
                    .fetch_optional(self.pool())
                    .await?;
                row.map(|r| r.into_record()).transpose()
            }

            async fn recoveries(
                &self,
                provider: Option<pathways_domain::ids::ProviderNumber>,
                limit: u32,
            ) -> StoreResult<Vec<$crate::payroll_sql::RecoveryRecord>> {
                let rows: Vec<$crate::payroll_sql::RecoveryRow> =
                    sqlx::query_as(sqlx::AssertSqlSafe(format!(
                        "{} WHERE ($1 IS NULL OR r.provider_number = $1) \
                         ORDER BY r.recovery_id DESC LIMIT $2",
                        $crate::payroll_sql::RECOVERY_SELECT
                    )))
                    .bind(provider.map(|p| p.as_i64()))
                    .bind(i64::from(limit))
                    .fetch_all(self.pool())
                    .await?;
                rows.into_iter().map(|r| r.into_record()).collect()
            }

            async fn incentive_claim(
                &self,
                id: i64,
            ) -> StoreResult<Option<$crate::payroll_sql::IncentiveClaimRecord>> {
                let row: Option<$crate::payroll_sql::IncentiveClaimRow> =
                    sqlx::query_as(sqlx::AssertSqlSafe(format!(
                        "{} WHERE ic.claim_id = $1",
                        $crate::payroll_sql::INCENTIVE_CLAIM_SELECT
                    )))
                    .bind(id)
                    .fetch_optional(self.pool())
                    .await?;
                row.map(|r| r.into_record()).transpose()
            }

            async fn provider_incentive_claims(
                &self,
                provider: pathways_domain::ids::ProviderNumber,
            ) -> StoreResult<Vec<$crate::payroll_sql::IncentiveClaimRecord>> {
                let rows: Vec<$crate::payroll_sql::IncentiveClaimRow> =
                    sqlx::query_as(sqlx::AssertSqlSafe(format!(
                        "{} WHERE ic.provider_number = $1 ORDER BY ic.claim_id DESC",
                        $crate::payroll_sql::INCENTIVE_CLAIM_SELECT
                    )))
                    .bind(provider.as_i64())
                    .fetch_all(self.pool())
                    .await?;
                rows.into_iter().map(|r| r.into_record()).collect()
            }

            async fn incentive_review_queue(
                &self,
                county: Option<pathways_domain::ids::CountyCode>,
                after: i64,
                limit: u32,
            ) -> StoreResult<Vec<$crate::payroll_sql::IncentiveClaimRecord>> {
                let rows: Vec<$crate::payroll_sql::IncentiveClaimRow> =
                    sqlx::query_as(sqlx::AssertSqlSafe(format!(
                        "{} WHERE ic.state = 'submitted' AND ic.claim_id > $1 \
                         AND ($2 IS NULL OR ic.county_code = $2) ORDER BY ic.claim_id LIMIT $3",
                        $crate::payroll_sql::INCENTIVE_CLAIM_SELECT
                    )))
                    .bind(after)
                    .bind(county.map(|c| i64::from(c.get())))
                    .bind(i64::from(limit))
                    .fetch_all(self.pool())
                    .await?;
                rows.into_iter().map(|r| r.into_record()).collect()
            }

            async fn training_claim(
                &self,
                id: i64,
            ) -> StoreResult<Option<$crate::claim_sql::TrainingClaimRecord>> {
                let row: Option<$crate::claim_sql::ClaimRow> =
                    sqlx::query_as(sqlx::AssertSqlSafe(format!(
                        "{} WHERE tc.claim_id = $1",
                        $crate::claim_sql::CLAIM_SELECT
                    )))
                    .bind(id)
                    .fetch_optional(self.pool())
                    .await?;
                row.map($crate::claim_sql::claim_record).transpose()
            }

            async fn review_queue(
                &self,
                county: Option<pathways_domain::ids::CountyCode>,
                after: i64,
                limit: u32,
            ) -> StoreResult<Vec<QueuedClaim>> {
                let sql = $crate::claim_sql::CLAIM_SELECT.replacen(
                    "FROM training_claims tc",
                    ", COALESCE(pr.first_name || ' ' || pr.last_name, '') AS provider_name \
                     FROM training_claims tc LEFT JOIN providers pr \
                     ON pr.provider_number = tc.provider_number",
                    1,
                );
                let mut qb = sqlx::QueryBuilder::<$db>::new(sql);
                qb.push(" WHERE tc.state = 'submitted' AND tc.claim_id > ");
                qb.push_bind(after);
                if let Some(county) = county {
                    qb.push(" AND tc.county_code = ");
                    qb.push_bind(i64::from(county.get()));
                }
                qb.push(" ORDER BY tc.claim_id LIMIT ");
                qb.push_bind(i64::from(limit));
                let rows = qb.build().fetch_all(self.pool()).await?;
                rows.into_iter()
                    .map(|row| {
                        use sqlx::{FromRow, Row};
                        let name: String = row.try_get("provider_name")?;
                        let claim = $crate::claim_sql::ClaimRow::from_row(&row)?;
                        Ok(QueuedClaim {
                            claim: $crate::claim_sql::claim_record(claim)?,
                            provider_name: name,
                        })
                    })
                    .collect()
            }

            async fn review_queue_size(
                &self,
                county: Option<pathways_domain::ids::CountyCode>,
            ) -> StoreResult<(u64, pathways_domain::quantity::Money)> {
                let (count, cents): (i64, i64) = sqlx::query_as(
                    "SELECT COUNT(*), CAST(COALESCE(SUM(amount_cents), 0) AS BIGINT) \
                     FROM training_claims WHERE state = 'submitted' \
                     AND ($1 IS NULL OR county_code = $1)",
                )
                .bind(county.map(|c| i64::from(c.get())))
                .fetch_one(self.pool())
                .await?;
                Ok((
                    u64::try_from(count).unwrap_or_default(),
                    pathways_domain::quantity::Money::from_cents(cents),
                ))
            }

            async fn create_payroll_batch(
                &self,
                pay_period: time::Date,
                created_by: &str,
                at: time::OffsetDateTime,
                audit: &AuditEntry,
            ) -> StoreResult<Option<PayrollBatch>> {
                let mut tx = self.begin_write().await?;
                $(sqlx::query($lock).execute(&mut *tx).await?;)?
                // The batch takes every payment number after the last batch's: claims approved
                // since. Writing it is one row, so a crash leaves it whole or absent.
                let after: i64 = sqlx::query_scalar(
                    "SELECT CAST(COALESCE(MAX(last_payment_id), 0) AS BIGINT) FROM payroll_batches",
                )
                .fetch_one(&mut *tx)
                .await?;
                let row: Option<$crate::payroll_sql::BatchRow> =
                    sqlx::query_as(sqlx::AssertSqlSafe(format!(
                        "INSERT INTO payroll_batches (pay_period, first_payment_id, \
                         last_payment_id, payment_count, total_cents, recovered_cents, \
                         created_at, created_by) \
                         SELECT $1, $2 + 1, MAX(payment_id), COUNT(*), \
                         CAST(COALESCE(SUM(paid), 0) AS BIGINT), \
                         CAST(COALESCE(SUM(taken), 0) AS BIGINT), $3, $4 \
                         FROM (SELECT payment_id, amount_cents AS paid, 0 AS taken \
                         FROM training_claims WHERE payment_id > $2 \
                         UNION ALL SELECT payment_id, amount_cents, 0 \
                         FROM incentive_claims WHERE payment_id > $2 \
                         UNION ALL SELECT payment_id, 0, amount_cents \
                         FROM recoveries WHERE payment_id > $2) AS approved \
                         HAVING COUNT(*) > 0 \
                         RETURNING {}",
                        BATCH_SELECT
                            .trim_start_matches("SELECT ")
                            .trim_end_matches(" FROM payroll_batches")
                    )))
                    .bind(pay_period)
                    .bind(after)
                    .bind(at)
                    .bind(created_by)
                    .fetch_optional(&mut *tx)
                    .await?;
                let Some(batch) = row.map(|r| r.into_batch()).transpose()? else {
                    return Ok(None);
                };
                let mut entry = audit.clone();
                entry.after = Some(serde_json::json!({
                    "pay_period": pathways_domain::error::format_date(pay_period),
                    "payments": batch.payment_count,
                    "total": batch.total.to_string(),
                }));
                write_audit(&mut tx, &entry, &batch.id.to_string()).await?;
                tx.commit().await?;
                Ok(Some(batch))
            }

            async fn payroll_batches(&self) -> StoreResult<Vec<PayrollBatch>> {
                let rows: Vec<$crate::payroll_sql::BatchRow> = sqlx::query_as(
                    sqlx::AssertSqlSafe(format!("{BATCH_SELECT} ORDER BY batch_id DESC")),
                )
                .fetch_all(self.pool())
                .await?;
                rows.into_iter().map(|r| r.into_batch()).collect()
            }

            async fn payroll_batch(&self, id: i64) -> StoreResult<Option<PayrollBatch>> {
                let row: Option<$crate::payroll_sql::BatchRow> = sqlx::query_as(
                    sqlx::AssertSqlSafe(format!("{BATCH_SELECT} WHERE batch_id = $1")),
                )
                .bind(id)
                .fetch_optional(self.pool())
                .await?;
                row.map(|r| r.into_batch()).transpose()
            }

            async fn payment_file_part(
                &self,
                batch: &PayrollBatch,
                after: i64,
                upto: i64,
            ) -> StoreResult<Option<String>> {
                // The part's lines: claims and recoveries that hold a number in it, and payments
                // of it payroll rejected (they gave the number up to be corrected). Each kind
                // has its own form.
                let lines: Option<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                    "SELECT {join} FROM \
                     (SELECT payment_id, {line} AS line FROM training_claims \
                     WHERE payment_id > $1 AND payment_id <= $2 \
                     UNION ALL SELECT payment_id, {line} AS line FROM payments \
                     WHERE status = 'rejected' AND training_claim_id IS NOT NULL \
                     AND payment_id > $1 AND payment_id <= $2 \
                     UNION ALL SELECT payment_id, {incentive_line} AS line FROM incentive_claims \
                     WHERE payment_id > $1 AND payment_id <= $2 \
                     UNION ALL SELECT payment_id, {incentive_line} AS line FROM payments \
                     WHERE status = 'rejected' AND incentive_claim_id IS NOT NULL \
                     AND payment_id > $1 AND payment_id <= $2 \
                     UNION ALL SELECT payment_id, {recovery_line} AS line FROM recoveries \
                     WHERE payment_id > $1 AND payment_id <= $2 \
                     UNION ALL SELECT payment_id, {recovery_line} AS line FROM payments \
                     WHERE status = 'rejected' AND recovery_id IS NOT NULL \
                     AND payment_id > $1 AND payment_id <= $2) AS part",
                    join = $join,
                    line = $line,
                    incentive_line = $incentive_line,
                    recovery_line = $recovery_line,
                )))
                .bind(after.max(batch.first_payment - 1))
                .bind(upto.min(batch.last_payment))
                .bind(pathways_domain::error::format_date(batch.pay_period))
                .fetch_one(self.pool())
                .await?;
                Ok(lines)
            }

            async fn record_export(&self, batch: i64, audit: &AuditEntry) -> StoreResult<()> {
                let mut tx = self.begin_write().await?;
                sqlx::query(
                    "UPDATE payroll_batches SET exported_at = $1 \
                     WHERE batch_id = $2 AND exported_at IS NULL",
                )
                .bind(audit.at)
                .bind(batch)
                .execute(&mut *tx)
                .await?;
                write_audit(&mut tx, audit, &batch.to_string()).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn confirm_payments(
                &self,
                rows: &[PaymentConfirmation],
                at: time::OffsetDateTime,
                audit: &AuditEntry,
            ) -> StoreResult<Result<ConfirmSummary, Vec<ConfirmProblem>>> {
                let mut tx = self.begin_write().await?;
                $(sqlx::query($lock).execute(&mut *tx).await?;)?
                let batches: Vec<(i64, i64, i64, bool)> = sqlx::query_as(
                    "SELECT batch_id, first_payment_id, last_payment_id, exported_at IS NOT NULL \
                     FROM payroll_batches",
                )
                .fetch_all(&mut *tx)
                .await?;
                // What is known of each number: the claim holding it (training pay or an
                // incentive), and payroll's earlier word.
                let mut held: std::collections::HashMap<i64, String> =
                    std::collections::HashMap::new();
                let mut confirmed: std::collections::HashMap<i64, String> =
                    std::collections::HashMap::new();
                for part in rows.chunks(2_000) {
                    for (table, column) in [
                        ("training_claims", "'training_claims'"),
                        ("incentive_claims", "'incentive_claims'"),
                        ("recoveries", "'recoveries'"),
                        ("payments", "status"),
                    ] {
                        let into = if table == "payments" {
                            &mut confirmed
                        } else {
                            &mut held
                        };
                        let mut qb = sqlx::QueryBuilder::<$db>::new(format!(
                            "SELECT payment_id, {column} FROM {table} WHERE payment_id IN ("
                        ));
                        let mut list = qb.separated(", ");
                        for row in part {
                            list.push_bind(row.payment_id);
                        }
                        qb.push(")");
                        let found: Vec<(i64, String)> =
                            qb.build_query_as().fetch_all(&mut *tx).await?;
                        into.extend(found);
                    }
                }
                let mut problems = Vec::new();
                let mut summary = ConfirmSummary::default();
                let mut apply = Vec::new();
                for row in rows {
                    let wanted = if row.rejected.is_some() { "rejected" } else { "paid" };
                    if let Some(status) = confirmed.get(&row.payment_id) {
                        if status == wanted {
                            summary.unchanged += 1;
                        } else {
                            problems.push(ConfirmProblem::AlreadyConfirmed {
                                line: row.line,
                                payment_id: row.payment_id,
                                status: status.clone(),
                            });
                        }
                        continue;
                    }
                    if !held.contains_key(&row.payment_id) {
                        problems.push(ConfirmProblem::UnknownPayment {
                            line: row.line,
                            payment_id: row.payment_id,
                        });
                        continue;
                    }
                    let batch = batches
                        .iter()
                        .find(|(_, first, last, _)| (*first..=*last).contains(&row.payment_id));
                    match batch {
                        Some((id, _, _, true)) => apply.push((row, *id, held[&row.payment_id].as_str())),
                        _ => problems.push(ConfirmProblem::NotExported {
                            line: row.line,
                            payment_id: row.payment_id,
                        }),
                    }
                }
                if !problems.is_empty() {
                    return Ok(Err(problems));
                }
                for (row, batch, table) in apply {
                    // Payroll's word, with the line as exported.
                    let insert = if table == "recoveries" {
                        "INSERT INTO payments (payment_id, recovery_id, batch_id, \
                         provider_number, kind, county_code, amount_cents, status, reason, \
                         confirmed_at) SELECT payment_id, recovery_id, $1, provider_number, \
                         'recovery', county_code, amount_cents, $2, $3, $4 \
                         FROM recoveries WHERE payment_id = $5"
                    } else if table == "training_claims" {
                        "INSERT INTO payments (payment_id, training_claim_id, batch_id, \
                         provider_number, kind, case_number, county_code, hundredths, rate_cents, \
                         amount_cents, status, reason, confirmed_at) SELECT payment_id, claim_id, \
                         $1, provider_number, 'training', case_number, county_code, hundredths, \
                         rate_cents, amount_cents, $2, $3, $4 \
                         FROM training_claims WHERE payment_id = $5"
                    } else {
                        "INSERT INTO payments (payment_id, incentive_claim_id, batch_id, \
                         provider_number, kind, county_code, amount_cents, status, reason, \
                         confirmed_at) SELECT payment_id, claim_id, $1, provider_number, kind, \
                         county_code, amount_cents, $2, $3, $4 \
                         FROM incentive_claims WHERE payment_id = $5"
                    };
                    sqlx::query(insert)
                        .bind(batch)
                        .bind(if row.rejected.is_some() { "rejected" } else { "paid" })
                        .bind(row.rejected.as_deref())
                        .bind(at)
                        .bind(row.payment_id)
                        .execute(&mut *tx)
                        .await?;
                    // A recovery is recovered or returned; a claim paid or rejected.
                    let (paid, rejected) = if table == "recoveries" {
                        ("recovered", "returned")
                    } else {
                        ("paid", "rejected")
                    };
                    if let Some(reason) = &row.rejected {
                        // The claim goes back for correction and gives up the number.
                        sqlx::query(sqlx::AssertSqlSafe(format!(
                            "UPDATE {table} SET state = '{rejected}', payroll_reason = $1, \
                             payment_id = NULL WHERE payment_id = $2"
                        )))
                        .bind(reason)
                        .bind(row.payment_id)
                        .execute(&mut *tx)
                        .await?;
                        summary.rejected += 1;
                    } else {
                        sqlx::query(sqlx::AssertSqlSafe(format!(
                            "UPDATE {table} SET state = '{paid}' WHERE payment_id = $1"
                        )))
                        .bind(row.payment_id)
                        .execute(&mut *tx)
                        .await?;
                        summary.paid += 1;
                    }
                }
                let mut entry = audit.clone();
                entry.after = Some(serde_json::json!({
                    "paid": summary.paid,
                    "rejected": summary.rejected,
                    "unchanged": summary.unchanged,
                }));
                write_audit(&mut tx, &entry, "").await?;
                tx.commit().await?;
                Ok(Ok(summary))
            }

            async fn add_synthetic_claims(
                &self,
                claims: &$crate::payroll_sql::SyntheticClaims,
            ) -> StoreResult<u64> {
                let mut tx = self.begin_write().await?;
                $(sqlx::query($lock).execute(&mut *tx).await?;)?
                let last_number: i64 =
                    sqlx::query_scalar($crate::payroll_sql::LAST_PAYMENT_NUMBER)
                        .fetch_one(&mut *tx)
                        .await?;
                // One statement makes every row: the database counts, nothing crosses the wire.
                let made = sqlx::query(concat!(
                    "INSERT INTO training_claims (provider_number, course_number, trained_on, \
                     week_start, case_number, county_code, hundredths, overtime_hundredths, \
                     rate_cents, amount_cents, policy_version, explanation, state, submitted_at, \
                     decided_at, decided_by, payment_id) ",
                    $series,
                    " SELECT $2 + i, $3, $4, $5, CAST(3400000 + i AS TEXT), 34, \
                     100 + i % 700, 0, 1690, ((100 + i % 700) * 1690 + 50) / 100, \
                     (SELECT MIN(version) FROM policy_versions WHERE state = 'published'), \
                     'synthetic claim', $6, $7, \
                     CASE WHEN $6 = 'approved' THEN $7 END, \
                     CASE WHEN $6 = 'approved' THEN 'synthetic' END, \
                     CASE WHEN $6 = 'approved' THEN $8 + i END FROM n"
                ))
                .bind(i64::from(claims.count))
                .bind(i64::from(claims.first_provider) - 1)
                .bind(claims.course.as_str())
                .bind(claims.trained_on)
                .bind(pathways_domain::claim::week_start(claims.trained_on))
                .bind(claims.state)
                .bind(claims.at)
                .bind(last_number)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if claims.incentives == 0 {
                    tx.commit().await?;
                    return Ok(made);
                }
                let incentives = sqlx::query(concat!(
                    "INSERT INTO incentive_claims (provider_number, kind, claim_key, pathway, \
                     qualified_on, amount_cents, policy_version, claimed_at, county_code, state, \
                     decided_at, decided_by, payment_id) ",
                    $series,
                    " SELECT $2 + i, 'pathway', 'GHS', 'GHS', $3, 50000, \
                     (SELECT MIN(version) FROM policy_versions WHERE state = 'published'), \
                     $5, 34, $4, CASE WHEN $4 = 'approved' THEN $5 END, \
                     CASE WHEN $4 = 'approved' THEN 'synthetic' END, \
                     CASE WHEN $4 = 'approved' THEN $6 + i END FROM n"
                ))
                .bind(i64::from(claims.incentives))
                .bind(i64::from(claims.first_provider) - 1)
                .bind(claims.trained_on)
                .bind(claims.state)
                .bind(claims.at)
                .bind(last_number + i64::from(claims.count))
                .execute(&mut *tx)
                .await?
                .rows_affected();
                tx.commit().await?;
                Ok(made + incentives)
            }
        }
    };
}

pub(crate) use payroll_queries;

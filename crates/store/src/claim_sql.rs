//! Training-pay claims: the [`ClaimStore`] trait and its SQL, the same in both dialects, stamped
//! out per backend. A claim is judged and written in one transaction that first takes the
//! provider's lock (PostgreSQL advisory lock; SQLite's write lock), so two claims at once can
//! neither both take the same completion nor both count the same week's hours as straight time.

use async_trait::async_trait;
use pathways_domain::claim::ClaimRefusal;
use pathways_domain::eligibility::Enrollment;
use pathways_domain::entities::WageRate;
use pathways_domain::ids::{CaseNumber, CountyCode, CourseNumber, ProviderNumber};
use pathways_domain::quantity::{Hours, Minutes, Money};
use time::{Date, OffsetDateTime};

use crate::StoreResult;
use crate::accounts::AuditEntry;

/// Which completion a provider claims, under which recipient's case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrainingClaimKey {
    pub provider: ProviderNumber,
    pub course: CourseNumber,
    pub trained_on: Date,
    pub case: CaseNumber,
}

/// What the store knows that the rules need, read inside the claim's transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrainingClaimFacts {
    /// `None` when the providers file does not have the provider.
    pub enrollment: Option<Enrollment>,
    pub assignment: Vec<(Date, Option<Date>)>,
    /// The first verified completion of the course and its verified minutes up to then.
    pub completion: Option<(Date, Minutes)>,
    /// A claim of this completion exists that was not denied.
    pub claimed_before: bool,
    /// The recipient's county (`None`: the recipients file does not have the case) and its rates.
    pub county: Option<CountyCode>,
    pub rates: Vec<WageRate>,
    /// Paid work hours in the training date's workweek, for all recipients.
    pub week_work: Hours,
    /// Hours of the provider's other claims (not denied) in that workweek.
    pub week_training: Hours,
}

/// A judged claim, as it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AcceptedTrainingClaim {
    pub county: CountyCode,
    pub week_start: Date,
    pub hours: Hours,
    pub overtime: Hours,
    pub rate: Money,
    pub amount: Money,
    pub policy_version: String,
    pub explanation: String,
    pub submitted_at: OffsetDateTime,
}

/// A stored training-pay claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrainingClaimRecord {
    pub id: i64,
    pub provider: ProviderNumber,
    pub course: CourseNumber,
    pub trained_on: Date,
    pub case: CaseNumber,
    pub county: CountyCode,
    pub hours: Hours,
    pub overtime: Hours,
    pub rate: Money,
    pub amount: Money,
    pub policy_version: String,
    pub explanation: String,
    /// `submitted`, `approved`, `denied`, `paid` or `rejected`.
    pub state: String,
    pub submitted_at: OffsetDateTime,
    /// Who approved or denied the claim, when, and (denied) why.
    pub decision: Option<ClaimDecision>,
    /// The claim's latest payment, once it is in a payroll batch.
    pub payment: Option<PaymentRecord>,
}

/// A reviewer's decision on a claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimDecision {
    pub at: OffsetDateTime,
    /// The reviewer (an account's email, or `command line`); `rules` for a bulk approval.
    pub by: String,
    /// A denial's rule code (a [`pathways_domain::claim::ClaimRule`] code, or `other`).
    pub denial_rule: Option<String>,
    /// The reviewer's words, shown to the provider as written.
    pub denial_note: Option<String>,
}

/// A claim's payment: the batch it went out in and what payroll said of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentRecord {
    pub id: i64,
    pub batch: i64,
    pub pay_period: Date,
    /// `pending` (exported, not yet confirmed), `paid` or `rejected`.
    pub status: String,
    pub reason: Option<String>,
    pub confirmed_at: Option<OffsetDateTime>,
}

/// A verified course completion of a provider, as "my completed courses" lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompletionRecord {
    pub course: CourseNumber,
    /// The course's title (empty when the catalog no longer has the course).
    pub title: String,
    pub completed_on: Date,
    /// Verified minutes of the course up to and including its completion.
    pub minutes: Minutes,
    /// The course's pathway code and its vendor's name (empty when the catalog lacks them).
    pub pathway: String,
    pub vendor: String,
}

/// A recipient the provider is or was assigned to, for choosing the case a claim is made under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssignedCase {
    pub case: CaseNumber,
    /// `None` when the recipients file does not have the case.
    pub county: Option<CountyCode>,
    pub start_date: Date,
    pub end_date: Option<Date>,
}

/// Verified attendance rows as read: course, title, day, minutes, completed, pathway, vendor.
pub(crate) type AttendedRow = (
    String,
    Option<String>,
    Date,
    i64,
    bool,
    Option<String>,
    Option<String>,
);

/// Folds verified attendance rows, sorted by course and day, into each course's completion:
/// its first completed record, with the minutes up to it (DOMAIN.md §11). Newest first.
pub(crate) fn completions_of(rows: Vec<AttendedRow>) -> StoreResult<Vec<CompletionRecord>> {
    use crate::StoreError;
    let mut out: Vec<CompletionRecord> = Vec::new();
    let mut current: Option<(String, u32, bool)> = None;
    for (course, title, day, minutes, completed, pathway, vendor) in rows {
        let minutes =
            u32::try_from(minutes).map_err(|_| StoreError::corrupt("attendance.minutes"))?;
        if current.as_ref().is_none_or(|(c, _, _)| *c != course) {
            current = Some((course.clone(), 0, false));
        }
        let Some((_, total, done)) = current.as_mut() else {
            continue;
        };
        if *done {
            continue;
        }
        *total += minutes;
        if completed {
            *done = true;
            out.push(CompletionRecord {
                course: CourseNumber::parse(&course)
                    .map_err(|_| StoreError::corrupt("attendance.course_number"))?,
                title: title.unwrap_or_default(),
                completed_on: day,
                minutes: Minutes(*total),
                pathway: pathway.unwrap_or_default(),
                vendor: vendor.unwrap_or_default(),
            });
        }
    }
    out.sort_by(|a, b| {
        b.completed_on
            .cmp(&a.completed_on)
            .then(a.course.cmp(&b.course))
    });
    Ok(out)
}

/// The judge a claim is submitted with: the rules, given the facts.
pub type ClaimJudge<'a> =
    &'a (dyn Fn(&TrainingClaimFacts) -> Result<AcceptedTrainingClaim, ClaimRefusal> + Send + Sync);

#[async_trait]
pub trait ClaimStore: Send + Sync {
    /// Reads the facts of a claim and, in the same transaction, writes the claim when `judge`
    /// accepts it (with its audit entry, whose key is set to the new claim's number). The
    /// refusal is returned as it came, and nothing is written.
    async fn submit_training_claim(
        &self,
        key: &TrainingClaimKey,
        judge: ClaimJudge<'_>,
        audit: &AuditEntry,
    ) -> StoreResult<Result<i64, ClaimRefusal>>;

    /// A provider's training-pay claims, newest training first.
    async fn training_claims(
        &self,
        provider: ProviderNumber,
    ) -> StoreResult<Vec<TrainingClaimRecord>>;

    /// A provider's verified course completions, newest first.
    async fn provider_completions(
        &self,
        provider: ProviderNumber,
    ) -> StoreResult<Vec<CompletionRecord>>;

    /// The number of the provider's certificate for `course`: the one issued before, or
    /// `candidate` (a fresh random number) now.
    async fn issue_certificate(
        &self,
        provider: ProviderNumber,
        course: &CourseNumber,
        candidate: &str,
        at: OffsetDateTime,
    ) -> StoreResult<String>;

    /// Whose completion of which course a certificate number was issued for.
    async fn certificate_holder(
        &self,
        number: &str,
    ) -> StoreResult<Option<(ProviderNumber, CourseNumber)>>;

    /// The recipients' cases a provider is or was assigned to, by case and start.
    async fn provider_cases(&self, provider: ProviderNumber) -> StoreResult<Vec<AssignedCase>>;
}

/// The columns a stored claim is read with: the claim, its decision, and its latest payment
/// with that payment's batch.
pub(crate) const CLAIM_SELECT: &str = "SELECT tc.claim_id, tc.provider_number, tc.course_number, \
     tc.trained_on, tc.case_number, tc.county_code, tc.hundredths, tc.overtime_hundredths, \
     tc.rate_cents, tc.amount_cents, tc.policy_version, tc.explanation, tc.state, \
     tc.submitted_at, tc.decided_at, tc.decided_by, tc.denial_rule, tc.denial_note, \
     COALESCE(tc.payment_id, p.payment_id) AS payment_id, b.batch_id, b.pay_period, \
     p.status AS payment_status, p.reason AS payment_reason, p.confirmed_at \
     FROM training_claims tc \
     LEFT JOIN payments p ON p.payment_id = COALESCE(tc.payment_id, \
         (SELECT MAX(q.payment_id) FROM payments q WHERE q.training_claim_id = tc.claim_id)) \
     LEFT JOIN payroll_batches b ON COALESCE(tc.payment_id, p.payment_id) \
         BETWEEN b.first_payment_id AND b.last_payment_id";

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct ClaimRow {
    claim_id: i64,
    provider_number: i64,
    course_number: String,
    trained_on: Date,
    case_number: String,
    county_code: i64,
    hundredths: i64,
    overtime_hundredths: i64,
    rate_cents: i64,
    amount_cents: i64,
    policy_version: String,
    explanation: String,
    state: String,
    submitted_at: OffsetDateTime,
    #[sqlx(flatten)]
    review: ReviewColumns,
}

/// A claim's decision and latest payment, as [`CLAIM_SELECT`] and its incentive twin read them.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct ReviewColumns {
    decided_at: Option<OffsetDateTime>,
    decided_by: Option<String>,
    denial_rule: Option<String>,
    denial_note: Option<String>,
    payment_id: Option<i64>,
    batch_id: Option<i64>,
    payment_status: Option<String>,
    payment_reason: Option<String>,
    confirmed_at: Option<OffsetDateTime>,
    pay_period: Option<Date>,
}

impl ReviewColumns {
    pub(crate) fn split(self) -> (Option<ClaimDecision>, Option<PaymentRecord>) {
        let decision = match (self.decided_at, self.decided_by) {
            (Some(at), Some(by)) => Some(ClaimDecision {
                at,
                by,
                denial_rule: self.denial_rule,
                denial_note: self.denial_note,
            }),
            _ => None,
        };
        // A payment is known from when a batch takes its number; until payroll confirms it,
        // it is pending.
        let payment = match (self.payment_id, self.batch_id, self.pay_period) {
            (Some(id), Some(batch), Some(pay_period)) => Some(PaymentRecord {
                id,
                batch,
                pay_period,
                status: self.payment_status.unwrap_or_else(|| "pending".into()),
                reason: self.payment_reason,
                confirmed_at: self.confirmed_at,
            }),
            _ => None,
        };
        (decision, payment)
    }
}

pub(crate) fn claim_record(row: ClaimRow) -> StoreResult<TrainingClaimRecord> {
    use crate::StoreError;
    let hours_of = |h: i64| {
        u32::try_from(h)
            .map(Hours::from_hundredths)
            .map_err(|_| StoreError::corrupt("training_claims.hundredths"))
    };
    let (decision, payment) = row.review.split();
    Ok(TrainingClaimRecord {
        id: row.claim_id,
        provider: ProviderNumber::from_i64(row.provider_number)
            .map_err(|_| StoreError::corrupt("training_claims.provider_number"))?,
        course: CourseNumber::parse(&row.course_number)
            .map_err(|_| StoreError::corrupt("training_claims.course_number"))?,
        trained_on: row.trained_on,
        case: CaseNumber::parse(&row.case_number)
            .map_err(|_| StoreError::corrupt("training_claims.case_number"))?,
        county: u8::try_from(row.county_code)
            .ok()
            .and_then(CountyCode::new)
            .ok_or_else(|| StoreError::corrupt("training_claims.county_code"))?,
        hours: hours_of(row.hundredths)?,
        overtime: hours_of(row.overtime_hundredths)?,
        rate: Money::from_cents(row.rate_cents),
        amount: Money::from_cents(row.amount_cents),
        policy_version: row.policy_version,
        explanation: row.explanation,
        state: row.state,
        submitted_at: row.submitted_at,
        decision,
        payment,
    })
}

macro_rules! claim_queries {
    ($store:ty, $db:ty, lock_provider = [$($lock:literal)?]) => {
        use $crate::claim_sql::{
            AcceptedTrainingClaim, ClaimJudge, ClaimStore, TrainingClaimFacts, TrainingClaimKey,
            TrainingClaimRecord, claim_record,
        };

        /// The facts of a claim, read on the claim's transaction.
        async fn claim_facts(
            conn: &mut <$db as sqlx::Database>::Connection,
            key: &TrainingClaimKey,
        ) -> StoreResult<TrainingClaimFacts> {
            let provider = key.provider.as_i64();
            let enrollment: Option<$crate::rows::EnrollmentRow> = sqlx::query_as(
                "SELECT provider_number, enrollment_status, enrolled_on, last_paid_on \
                 FROM providers WHERE provider_number = $1",
            )
            .bind(provider)
            .fetch_optional(&mut *conn)
            .await?;
            let enrollment = match enrollment {
                Some(row) => Some(row.into_domain()?.1),
                None => None,
            };
            let assignment: Vec<(time::Date, Option<time::Date>)> = sqlx::query_as(
                "SELECT start_date, end_date FROM assignments \
                 WHERE provider_number = $1 AND case_number = $2 ORDER BY start_date",
            )
            .bind(provider)
            .bind(key.case.as_str())
            .fetch_all(&mut *conn)
            .await?;
            let records: Vec<(time::Date, i64, bool)> = sqlx::query_as(
                "SELECT attended_on, minutes, completed FROM attendance \
                 WHERE provider_number = $1 AND course_number = $2 AND status = 'verified' \
                 ORDER BY attended_on",
            )
            .bind(provider)
            .bind(key.course.as_str())
            .fetch_all(&mut *conn)
            .await?;
            // The course's completion is its first completed record; minutes after it do not
            // add to the course (DOMAIN.md §11).
            let mut minutes = 0u32;
            let mut completion = None;
            for (day, m, completed) in records {
                minutes += u32::try_from(m).map_err(|_| StoreError::corrupt("attendance.minutes"))?;
                if completed {
                    completion = Some((day, pathways_domain::quantity::Minutes(minutes)));
                    break;
                }
            }
            let claimed_before: bool = sqlx::query_scalar(
                "SELECT EXISTS (SELECT 1 FROM training_claims WHERE provider_number = $1 \
                 AND course_number = $2 AND trained_on = $3 AND state <> 'denied')",
            )
            .bind(provider)
            .bind(key.course.as_str())
            .bind(key.trained_on)
            .fetch_one(&mut *conn)
            .await?;
            let county: Option<i64> =
                sqlx::query_scalar("SELECT county_code FROM recipients WHERE case_number = $1")
                    .bind(key.case.as_str())
                    .fetch_optional(&mut *conn)
                    .await?;
            let county = match county {
                Some(c) => Some(
                    u8::try_from(c)
                        .ok()
                        .and_then(pathways_domain::ids::CountyCode::new)
                        .ok_or_else(|| StoreError::corrupt("recipients.county_code"))?,
                ),
                None => None,
            };
            let mut rates = Vec::new();
            if let Some(county) = county {
                let rows: Vec<(time::Date, i64)> = sqlx::query_as(
                    "SELECT effective_from, hourly_rate_cents FROM wage_rates \
                     WHERE county_code = $1",
                )
                .bind(i64::from(county.get()))
                .fetch_all(&mut *conn)
                .await?;
                rates = rows
                    .into_iter()
                    .map(|(effective_from, cents)| pathways_domain::entities::WageRate {
                        county,
                        effective_from,
                        hourly_rate: pathways_domain::quantity::Money::from_cents(cents),
                    })
                    .collect();
            }
            let week = pathways_domain::claim::week_start(key.trained_on);
            let hours = |h: i64| {
                u32::try_from(h)
                    .map(pathways_domain::quantity::Hours::from_hundredths)
                    .map_err(|_| StoreError::corrupt("hours in a week"))
            };
            let week_work: i64 = sqlx::query_scalar(
                "SELECT CAST(COALESCE(SUM(hundredths), 0) AS BIGINT) FROM work_hours \
                 WHERE provider_number = $1 AND week_start = $2",
            )
            .bind(provider)
            .bind(week)
            .fetch_one(&mut *conn)
            .await?;
            let week_training: i64 = sqlx::query_scalar(
                "SELECT CAST(COALESCE(SUM(hundredths), 0) AS BIGINT) FROM training_claims \
                 WHERE provider_number = $1 AND week_start = $2 AND state <> 'denied'",
            )
            .bind(provider)
            .bind(week)
            .fetch_one(&mut *conn)
            .await?;
            Ok(TrainingClaimFacts {
                enrollment,
                assignment,
                completion,
                claimed_before,
                county,
                rates,
                week_work: hours(week_work)?,
                week_training: hours(week_training)?,
            })
        }

        #[async_trait::async_trait]
        impl ClaimStore for $store {
            async fn submit_training_claim(
                &self,
                key: &TrainingClaimKey,
                judge: ClaimJudge<'_>,
                audit: &AuditEntry,
            ) -> StoreResult<Result<i64, pathways_domain::claim::ClaimRefusal>> {
                let mut tx = self.begin_write().await?;
                $(sqlx::query($lock).bind(key.provider.as_i64()).execute(&mut *tx).await?;)?
                let facts = claim_facts(&mut tx, key).await?;
                let accepted: AcceptedTrainingClaim = match judge(&facts) {
                    Ok(accepted) => accepted,
                    Err(refusal) => return Ok(Err(refusal)),
                };
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO training_claims (provider_number, course_number, trained_on, \
                     week_start, case_number, county_code, hundredths, overtime_hundredths, \
                     rate_cents, amount_cents, policy_version, explanation, submitted_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) \
                     RETURNING claim_id",
                )
                .bind(key.provider.as_i64())
                .bind(key.course.as_str())
                .bind(key.trained_on)
                .bind(accepted.week_start)
                .bind(key.case.as_str())
                .bind(i64::from(accepted.county.get()))
                .bind(i64::from(accepted.hours.hundredths()))
                .bind(i64::from(accepted.overtime.hundredths()))
                .bind(accepted.rate.cents())
                .bind(accepted.amount.cents())
                .bind(&accepted.policy_version)
                .bind(&accepted.explanation)
                .bind(accepted.submitted_at)
                .fetch_one(&mut *tx)
                .await?;
                write_audit(&mut tx, audit, &id.to_string()).await?;
                tx.commit().await?;
                Ok(Ok(id))
            }

            async fn training_claims(
                &self,
                provider: ProviderNumber,
            ) -> StoreResult<Vec<TrainingClaimRecord>> {
                let rows: Vec<$crate::claim_sql::ClaimRow> = sqlx::query_as(sqlx::AssertSqlSafe(
                    format!(
                        "{} WHERE tc.provider_number = $1 \
                         ORDER BY tc.trained_on DESC, tc.claim_id DESC",
                        $crate::claim_sql::CLAIM_SELECT
                    ),
                ))
                .bind(provider.as_i64())
                .fetch_all(self.pool())
                .await?;
                rows.into_iter().map(claim_record).collect()
            }

            async fn provider_completions(
                &self,
                provider: ProviderNumber,
            ) -> StoreResult<Vec<$crate::claim_sql::CompletionRecord>> {
                let rows: Vec<$crate::claim_sql::AttendedRow> = sqlx::query_as(
                    "SELECT a.course_number, c.title, a.attended_on, a.minutes, a.completed, \
                     c.pathway, v.name FROM attendance a \
                     LEFT JOIN courses c ON c.course_number = a.course_number \
                     LEFT JOIN vendors v ON v.vendor_code = c.vendor_code \
                     WHERE a.provider_number = $1 AND a.status = 'verified' \
                     ORDER BY a.course_number, a.attended_on",
                )
                .bind(provider.as_i64())
                .fetch_all(self.pool())
                .await?;
                $crate::claim_sql::completions_of(rows)
            }

            async fn issue_certificate(
                &self,
                provider: ProviderNumber,
                course: &pathways_domain::ids::CourseNumber,
                candidate: &str,
                at: time::OffsetDateTime,
            ) -> StoreResult<String> {
                sqlx::query(
                    "INSERT INTO certificates (certificate_number, provider_number, \
                     course_number, issued_at) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (provider_number, course_number) DO NOTHING",
                )
                .bind(candidate)
                .bind(provider.as_i64())
                .bind(course.as_str())
                .bind(at)
                .execute(self.pool())
                .await?;
                Ok(sqlx::query_scalar(
                    "SELECT certificate_number FROM certificates \
                     WHERE provider_number = $1 AND course_number = $2",
                )
                .bind(provider.as_i64())
                .bind(course.as_str())
                .fetch_one(self.pool())
                .await?)
            }

            async fn certificate_holder(
                &self,
                number: &str,
            ) -> StoreResult<Option<(ProviderNumber, pathways_domain::ids::CourseNumber)>> {
                let row: Option<(i64, String)> = sqlx::query_as(
                    "SELECT provider_number, course_number FROM certificates \
                     WHERE certificate_number = $1",
                )
                .bind(number)
                .fetch_optional(self.pool())
                .await?;
                row.map(|(provider, course)| {
                    Ok((
                        ProviderNumber::from_i64(provider)
                            .map_err(|_| StoreError::corrupt("certificates.provider_number"))?,
                        pathways_domain::ids::CourseNumber::parse(&course)
                            .map_err(|_| StoreError::corrupt("certificates.course_number"))?,
                    ))
                })
                .transpose()
            }

            async fn provider_cases(
                &self,
                provider: ProviderNumber,
            ) -> StoreResult<Vec<$crate::claim_sql::AssignedCase>> {
                let rows: Vec<(String, Option<i64>, time::Date, Option<time::Date>)> =
                    sqlx::query_as(
                        "SELECT a.case_number, r.county_code, a.start_date, a.end_date \
                         FROM assignments a LEFT JOIN recipients r \
                         ON r.case_number = a.case_number WHERE a.provider_number = $1 \
                         ORDER BY a.case_number, a.start_date",
                    )
                    .bind(provider.as_i64())
                    .fetch_all(self.pool())
                    .await?;
                rows.into_iter()
                    .map(|(case, county, start_date, end_date)| {
                        Ok($crate::claim_sql::AssignedCase {
                            case: pathways_domain::ids::CaseNumber::parse(&case)
                                .map_err(|_| StoreError::corrupt("assignments.case_number"))?,
                            county: county
                                .and_then(|c| u8::try_from(c).ok())
                                .and_then(pathways_domain::ids::CountyCode::new),
                            start_date,
                            end_date,
                        })
                    })
                    .collect()
            }
        }
    };
}

pub(crate) use claim_queries;

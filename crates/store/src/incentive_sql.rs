//! What the incentive rules read: the [`IncentiveStore`] trait and its SQL, the same in both
//! dialects, stamped out per backend.
//!
//! A whole-state evaluation reads attendance once, as a stream in the table's own order (a
//! full scan is far cheaper than 750,000 index walks), into compact records that name courses
//! by index; work hours are read afterwards only for the providers who qualified in a Category 2
//! pathway, a few hundred providers a query.

use std::collections::HashMap;

use async_trait::async_trait;
use pathways_domain::eligibility::Enrollment;
use pathways_domain::ids::{CourseNumber, ProviderNumber};
use pathways_domain::incentive::{
    CaseFacts, CourseCredit, HeldRecord, IncentiveKind, VerifiedRecord, WorkWeek,
};
use pathways_domain::pathway::Pathway;
use pathways_domain::quantity::Money;
use time::{Date, OffsetDateTime};

use crate::StoreResult;

/// Every course, and each course number's index among them.
#[derive(Debug, Clone, Default)]
pub struct CourseBook {
    pub courses: Vec<CourseCredit>,
    /// Course number (as stored: parsed, in capitals) to index in `courses`.
    index: HashMap<String, u32>,
}

impl CourseBook {
    pub fn new(courses: Vec<CourseCredit>) -> Self {
        let index = courses
            .iter()
            .enumerate()
            .map(|(i, c)| (c.number.to_string(), u32::try_from(i).unwrap_or(u32::MAX)))
            .collect();
        Self { courses, index }
    }

    /// The index of a course number as stored (or as typed: case does not matter).
    pub fn find(&self, number: &str) -> Option<u32> {
        match self.index.get(number) {
            Some(i) => Some(*i),
            None => CourseNumber::parse(number)
                .ok()
                .and_then(|n| self.index.get(n.as_str()).copied()),
        }
    }
}

/// Attendance as the rules read it, sorted by provider.
#[derive(Debug, Clone, Default)]
pub struct TrainingRecords {
    pub verified: Vec<(ProviderNumber, VerifiedRecord)>,
    pub held: Vec<(ProviderNumber, HeldRecord)>,
}

/// One provider's recipients and work weeks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProviderWork {
    pub cases: Vec<CaseFacts>,
    pub work: Vec<WorkWeek>,
}

/// An incentive a provider has claimed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimedIncentive {
    pub provider: ProviderNumber,
    pub kind: IncentiveKind,
    pub pathway: Pathway,
    pub qualified_on: Date,
    pub amount: Money,
    pub policy_version: String,
    pub claimed_at: OffsetDateTime,
}

impl ClaimedIncentive {
    /// The claim's key: the pathway for a pathway incentive; one per provider for the others.
    pub fn claim_key(&self) -> &'static str {
        match self.kind {
            IncentiveKind::Pathway => self.pathway.code(),
            _ => "",
        }
    }
}

/// How staff reach a provider (from the providers file), for the outreach list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderContact {
    pub provider: ProviderNumber,
    pub first_name: String,
    pub last_name: String,
    pub county: pathways_domain::ids::CountyCode,
    /// The provider's language, as a BCP 47 tag.
    pub language: String,
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// Providers per `provider_contacts` query.
pub(crate) const CONTACT_CHUNK: usize = 900;

#[async_trait]
pub trait IncentiveStore: Send + Sync {
    /// Every course with its pathway and credit hours.
    async fn course_book(&self) -> StoreResult<CourseBook>;

    /// Enrollment facts of one provider, or of every provider by provider number.
    async fn enrollments(
        &self,
        provider: Option<ProviderNumber>,
    ) -> StoreResult<Vec<(ProviderNumber, Enrollment)>>;

    /// Attendance dated on or before `as_of`, of one provider or of all, sorted by provider.
    /// Verified records of a course the book does not know are left out (courses are never
    /// deleted, so there are none).
    async fn training_records(
        &self,
        as_of: Date,
        provider: Option<ProviderNumber>,
        book: &CourseBook,
    ) -> StoreResult<TrainingRecords>;

    /// Each provider's recipients (assessed needs, assignment spans) and work weeks starting on
    /// or before `as_of` for the recipients with specialized needs they have an assignment
    /// with (no other week can ever count), in the order the providers were given.
    async fn provider_work(
        &self,
        providers: &[ProviderNumber],
        as_of: Date,
    ) -> StoreResult<Vec<ProviderWork>>;

    /// Claimed incentives of one provider, or of all.
    async fn claimed_incentives(
        &self,
        provider: Option<ProviderNumber>,
    ) -> StoreResult<Vec<ClaimedIncentive>>;

    /// Records a claim for review, with its audit entry, and gives its number; `None` when
    /// the same incentive was claimed already or the providers file lacks the provider
    /// (nothing changes).
    async fn claim_incentive(
        &self,
        claim: &ClaimedIncentive,
        audit: &crate::accounts::AuditEntry,
    ) -> StoreResult<Option<i64>>;

    /// The contact details of the given providers that the providers file has, by number.
    async fn provider_contacts(
        &self,
        providers: &[ProviderNumber],
    ) -> StoreResult<Vec<ProviderContact>>;
}

/// Providers per `provider_work` query.
pub(crate) const WORK_CHUNK: usize = 500;

/// The date `days` after 1970-01-01 (how the queries above return dates in bulk: an integer
/// is one cheap value where a date is text to parse on SQLite).
pub(crate) fn date_of_day(days: i64) -> StoreResult<Date> {
    i32::try_from(days + 2_440_588)
        .ok()
        .and_then(|julian| Date::from_julian_day(julian).ok())
        .ok_or_else(|| crate::StoreError::corrupt("a date out of range"))
}

/// Builds each provider's [`ProviderWork`] from assignment rows (provider, case, start, end,
/// needs) and work rows (provider, case, week start, hundredths), both sorted by provider.
pub(crate) fn assemble_work(
    providers: &[ProviderNumber],
    assignments: Vec<(i64, String, Date, Option<Date>, String)>,
    weeks: Vec<(i64, String, i64, i64)>,
) -> StoreResult<Vec<ProviderWork>> {
    use crate::StoreError;
    use pathways_domain::ids::CaseNumber;
    use pathways_domain::pathway::Needs;
    use pathways_domain::quantity::Hours;

    let mut by_provider: HashMap<i64, ProviderWork> = HashMap::with_capacity(providers.len());
    let mut case_index: HashMap<(i64, String), u32> = HashMap::new();
    for (provider, case, start, end, needs) in assignments {
        let work = by_provider.entry(provider).or_default();
        let key = (provider, case);
        let i = match case_index.get(&key) {
            Some(i) => *i,
            None => {
                let i = u32::try_from(work.cases.len()).unwrap_or(u32::MAX);
                work.cases.push(CaseFacts {
                    case_number: CaseNumber::parse(&key.1)
                        .map_err(|_| StoreError::corrupt("assignments.case_number"))?,
                    needs: Needs::parse(&needs)
                        .map_err(|_| StoreError::corrupt("recipients.needs"))?,
                    spans: Vec::new(),
                });
                case_index.insert(key, i);
                i
            }
        };
        work.cases[i as usize].spans.push((start, end));
    }
    for (provider, case, week_start, hundredths) in weeks {
        let week_start = date_of_day(week_start)?;
        let case = case_index.get(&(provider, case)).copied();
        by_provider
            .entry(provider)
            .or_default()
            .work
            .push(WorkWeek {
                case,
                week_start,
                hours: Hours::from_hundredths(
                    u32::try_from(hundredths).map_err(|_| StoreError::corrupt("work_hours"))?,
                ),
            });
    }
    Ok(providers
        .iter()
        .map(|p| by_provider.remove(&p.as_i64()).unwrap_or_default())
        .collect())
}

macro_rules! incentive_queries {
    (
        $store:ty,
        $db:ty,
        day_from = $day_from:literal,
        day_to = $day_to:literal,
        concat_all = $concat_all:literal,
        as_text = $as_text:literal
    ) => {
        use $crate::incentive_sql::{
            ClaimedIncentive, CourseBook, IncentiveStore, ProviderWork, TrainingRecords,
        };

        /// Recipients and work weeks of `providers`, a few hundred a query.
        async fn work_of(
            pool: &sqlx::Pool<$db>,
            providers: &[ProviderNumber],
            as_of: time::Date,
        ) -> StoreResult<Vec<ProviderWork>> {
            let mut out = Vec::with_capacity(providers.len());
            if providers.is_empty() {
                return Ok(out);
            }
            let mut conn = pool.acquire().await?;
            for chunk in providers.chunks($crate::incentive_sql::WORK_CHUNK) {
                let mut qb = sqlx::QueryBuilder::<$db>::new(
                    "SELECT a.provider_number, a.case_number, a.start_date, a.end_date, \
                     COALESCE(r.needs, '') FROM assignments a \
                     LEFT JOIN recipients r ON r.case_number = a.case_number \
                     WHERE a.provider_number IN (",
                );
                let mut list = qb.separated(", ");
                for p in chunk {
                    list.push_bind(p.as_i64());
                }
                qb.push(") ORDER BY a.provider_number, a.case_number, a.start_date");
                let assignments: Vec<(i64, String, time::Date, Option<time::Date>, String)> =
                    qb.build_query_as().fetch_all(&mut *conn).await?;

                // Only weeks for a recipient with specialized needs whom the provider has an
                // assignment with can ever count: those pairs are all that is read.
                let mut pairs: Vec<(i64, &str)> = assignments
                    .iter()
                    .filter(|a| !a.4.is_empty())
                    .map(|a| (a.0, a.1.as_str()))
                    .collect();
                pairs.dedup();
                let mut weeks: Vec<(i64, String, i64, i64)> = Vec::new();
                if !pairs.is_empty() {
                    // A join on a list of pairs (not `(a, b) IN (VALUES …)`, which SQLite
                    // answers with a full scan) probes the key once a pair on both databases.
                    // Each pair's weeks come as one text of `day hundredths` items: the
                    // driver's cost is per row, and a pair has up to 26 weeks.
                    let mut qb = sqlx::QueryBuilder::<$db>::new(concat!(
                        "SELECT w.provider_number, w.case_number, ",
                        $concat_all,
                        "(",
                        $day_from,
                        "w.week_start",
                        $day_to,
                        $as_text,
                        " || ' ' || w.hundredths, ',')"
                    ));
                    qb.push(" FROM (VALUES ");
                    let mut list = qb.separated(", ");
                    for (provider, case) in &pairs {
                        list.push("(")
                            .push_bind_unseparated(*provider)
                            .push_unseparated(", ")
                            .push_bind_unseparated(*case)
                            .push_unseparated(")");
                    }
                    qb.push(
                        ") v JOIN work_hours w ON w.provider_number = v.column1 \
                         AND w.case_number = v.column2 WHERE w.week_start <= ",
                    )
                    .push_bind(as_of)
                    .push(" GROUP BY w.provider_number, w.case_number");
                    let grouped: Vec<(i64, String, String)> =
                        qb.build_query_as().fetch_all(&mut *conn).await?;
                    for (provider, case, items) in grouped {
                        for item in items.split(',') {
                            let parsed = item
                                .split_once(' ')
                                .and_then(|(d, h)| Some((d.parse().ok()?, h.parse().ok()?)));
                            let Some((day, hundredths)) = parsed else {
                                return Err(StoreError::corrupt("work_hours of a pair"));
                            };
                            weeks.push((provider, case.clone(), day, hundredths));
                        }
                    }
                }
                out.extend($crate::incentive_sql::assemble_work(
                    chunk,
                    assignments,
                    weeks,
                )?);
            }
            Ok(out)
        }

        #[async_trait::async_trait]
        impl IncentiveStore for $store {
            async fn course_book(&self) -> StoreResult<CourseBook> {
                let rows: Vec<(String, String, i64)> = sqlx::query_as(
                    "SELECT course_number, pathway, credit_hundredths FROM courses \
                     ORDER BY course_number",
                )
                .fetch_all(self.pool())
                .await?;
                let courses = rows
                    .into_iter()
                    .map(|(number, pathway, credit)| {
                        Ok(pathways_domain::incentive::CourseCredit {
                            number: pathways_domain::ids::CourseNumber::parse(&number)
                                .map_err(|_| StoreError::corrupt("courses.course_number"))?,
                            pathway: pathways_domain::pathway::Pathway::parse(&pathway)
                                .map_err(|_| StoreError::corrupt("courses.pathway"))?,
                            credit: pathways_domain::quantity::Hours::from_hundredths(
                                u32::try_from(credit)
                                    .map_err(|_| StoreError::corrupt("courses.credit"))?,
                            ),
                        })
                    })
                    .collect::<StoreResult<Vec<_>>>()?;
                Ok(CourseBook::new(courses))
            }

            async fn enrollments(
                &self,
                provider: Option<ProviderNumber>,
            ) -> StoreResult<Vec<(ProviderNumber, pathways_domain::eligibility::Enrollment)>> {
                let mut qb = sqlx::QueryBuilder::<$db>::new(
                    "SELECT provider_number, enrollment_status, enrolled_on, last_paid_on \
                     FROM providers",
                );
                if let Some(p) = provider {
                    qb.push(" WHERE provider_number = ").push_bind(p.as_i64());
                }
                qb.push(" ORDER BY provider_number");
                let rows: Vec<$crate::rows::EnrollmentRow> =
                    qb.build_query_as().fetch_all(self.pool()).await?;
                rows.into_iter().map(|r| r.into_domain()).collect()
            }

            async fn training_records(
                &self,
                as_of: time::Date,
                provider: Option<ProviderNumber>,
                book: &CourseBook,
            ) -> StoreResult<TrainingRecords> {
                use futures_util::TryStreamExt as _;
                use sqlx::Row as _;

                // Verified records are millions at state scale, and the driver's cost is per
                // row (on SQLite each row crosses from the database thread), not per byte: the
                // database joins each day's records into one text of `packed course` pairs,
                // where one integer packs the provider (30 bits), the day (16 bits: days since
                // 1970, good until 2149), the minutes (11 bits) and completion (1 bit). Course
                // numbers are letters, digits and hyphens, so spaces and commas separate safely.
                let mut qb = sqlx::QueryBuilder::<$db>::new(concat!(
                    "SELECT ",
                    $concat_all,
                    "((((provider_number * 65536 + ",
                    $day_from,
                    "attended_on",
                    $day_to,
                    ") * 2048 + minutes) * 2 + CASE WHEN completed THEN 1 ELSE 0 END)",
                    $as_text,
                    " || ' ' || course_number, ',') \
                     FROM attendance WHERE status = 'verified' AND attended_on <= "
                ));
                qb.push_bind(as_of);
                if let Some(p) = provider {
                    qb.push(" AND provider_number = ").push_bind(p.as_i64());
                }
                qb.push(" GROUP BY attended_on");
                let mut packed_records: Vec<(i64, u32)> = Vec::new();
                {
                    let mut conn = self.pool().acquire().await?;
                    let mut rows = qb.build().fetch(&mut *conn);
                    while let Some(row) = rows.try_next().await? {
                        let day: &str = row.try_get(0)?;
                        for record in day.split(',') {
                            let (packed, course) = record
                                .split_once(' ')
                                .ok_or_else(|| StoreError::corrupt("attendance of a day"))?;
                            let packed: i64 = packed
                                .parse()
                                .map_err(|_| StoreError::corrupt("attendance of a day"))?;
                            // A course the book lacks cannot be verified attendance's; skip it
                            // as the rules would.
                            if let Some(course) = book.find(course) {
                                packed_records.push((packed, course));
                            }
                        }
                    }
                }
                // By provider, then day, then course (the book is in course-number order): the
                // same order on both databases, whichever order the days' texts came in.
                packed_records.sort_unstable_by_key(|&(packed, course)| (packed >> 12, course));
                let mut out = TrainingRecords::default();
                out.verified.reserve_exact(packed_records.len());
                for (packed, course) in packed_records {
                    let provider = ProviderNumber::from_i64(packed >> 28)
                        .map_err(|_| StoreError::corrupt("attendance.provider_number"))?;
                    out.verified.push((
                        provider,
                        pathways_domain::incentive::VerifiedRecord {
                            course,
                            date: $crate::incentive_sql::date_of_day((packed >> 12) & 0xFFFF)?,
                            minutes: pathways_domain::quantity::Minutes(
                                u32::try_from((packed >> 1) & 2047).unwrap_or_default(),
                            ),
                            completed: packed & 1 == 1,
                        },
                    ));
                }

                let mut qb = sqlx::QueryBuilder::<$db>::new(
                    "SELECT provider_number, course_number, attended_on, minutes, hold_reason \
                     FROM attendance WHERE status = 'held' AND attended_on <= ",
                );
                qb.push_bind(as_of);
                if let Some(p) = provider {
                    qb.push(" AND provider_number = ").push_bind(p.as_i64());
                }
                let held: Vec<(i64, String, time::Date, i64, String)> =
                    qb.build_query_as().fetch_all(self.pool()).await?;
                for (p, course, date, minutes, reason) in held {
                    out.held.push((
                        ProviderNumber::from_i64(p)
                            .map_err(|_| StoreError::corrupt("attendance.provider_number"))?,
                        pathways_domain::incentive::HeldRecord {
                            course: pathways_domain::ids::CourseNumber::parse(&course)
                                .map_err(|_| StoreError::corrupt("attendance.course"))?,
                            date,
                            minutes: pathways_domain::quantity::Minutes(
                                u32::try_from(minutes)
                                    .map_err(|_| StoreError::corrupt("attendance.minutes"))?,
                            ),
                            reason: pathways_domain::attendance::HoldReason::parse(&reason)
                                .map_err(|_| StoreError::corrupt("attendance.hold_reason"))?,
                        },
                    ));
                }
                // Stable: within a provider, held records keep the order they were read in.
                out.held.sort_by_key(|(p, _)| *p);
                Ok(out)
            }

            async fn provider_work(
                &self,
                providers: &[ProviderNumber],
                as_of: time::Date,
            ) -> StoreResult<Vec<ProviderWork>> {
                // Two halves on two connections at once (on SQLite, two threads).
                let half = providers.len().div_ceil(2).max(1);
                let mut halves = providers.chunks(half);
                let first = halves.next().unwrap_or_default();
                let second = halves.next().unwrap_or_default();
                let (mut a, b) = tokio::try_join!(
                    work_of(self.pool(), first, as_of),
                    work_of(self.pool(), second, as_of),
                )?;
                a.extend(b);
                Ok(a)
            }

            async fn claimed_incentives(
                &self,
                provider: Option<ProviderNumber>,
            ) -> StoreResult<Vec<ClaimedIncentive>> {
                let mut qb = sqlx::QueryBuilder::<$db>::new(
                    "SELECT provider_number, kind, pathway, qualified_on, amount_cents, \
                     policy_version, claimed_at FROM incentive_claims",
                );
                if let Some(p) = provider {
                    qb.push(" WHERE provider_number = ").push_bind(p.as_i64());
                }
                qb.push(" ORDER BY provider_number, qualified_on, kind, pathway");
                let rows: Vec<(
                    i64,
                    String,
                    String,
                    time::Date,
                    i64,
                    String,
                    time::OffsetDateTime,
                )> = qb.build_query_as().fetch_all(self.pool()).await?;
                rows.into_iter()
                    .map(|(p, kind, pathway, qualified_on, cents, version, at)| {
                        Ok(ClaimedIncentive {
                            provider: ProviderNumber::from_i64(p)
                                .map_err(|_| StoreError::corrupt("incentive_claims.provider"))?,
                            kind: pathways_domain::incentive::IncentiveKind::parse(&kind)
                                .map_err(|_| StoreError::corrupt("incentive_claims.kind"))?,
                            pathway: pathways_domain::pathway::Pathway::parse(&pathway)
                                .map_err(|_| StoreError::corrupt("incentive_claims.pathway"))?,
                            qualified_on,
                            amount: pathways_domain::quantity::Money::from_cents(cents),
                            policy_version: version,
                            claimed_at: at,
                        })
                    })
                    .collect()
            }

            async fn provider_contacts(
                &self,
                providers: &[ProviderNumber],
            ) -> StoreResult<Vec<$crate::incentive_sql::ProviderContact>> {
                type Row = (
                    i64,
                    String,
                    String,
                    i64,
                    String,
                    Option<String>,
                    Option<String>,
                );
                let mut out = Vec::with_capacity(providers.len());
                let mut conn = self.pool().acquire().await?;
                for chunk in providers.chunks($crate::incentive_sql::CONTACT_CHUNK) {
                    let mut qb = sqlx::QueryBuilder::<$db>::new(
                        "SELECT provider_number, first_name, last_name, county_code, language, \
                         phone, email FROM providers WHERE provider_number IN (",
                    );
                    let mut list = qb.separated(", ");
                    for p in chunk {
                        list.push_bind(p.as_i64());
                    }
                    qb.push(")");
                    let rows: Vec<Row> = qb.build_query_as().fetch_all(&mut *conn).await?;
                    for (number, first_name, last_name, county, language, phone, email) in rows {
                        out.push($crate::incentive_sql::ProviderContact {
                            provider: ProviderNumber::from_i64(number)
                                .map_err(|_| StoreError::corrupt("providers.provider_number"))?,
                            first_name,
                            last_name,
                            county: u8::try_from(county)
                                .ok()
                                .and_then(pathways_domain::ids::CountyCode::new)
                                .ok_or_else(|| StoreError::corrupt("providers.county_code"))?,
                            language,
                            phone,
                            email,
                        });
                    }
                }
                out.sort_by_key(|c| c.provider);
                Ok(out)
            }

            async fn claim_incentive(
                &self,
                claim: &ClaimedIncentive,
                audit: &$crate::accounts::AuditEntry,
            ) -> StoreResult<Option<i64>> {
                let mut tx = self.begin_write().await?;
                // The provider's county now decides whose staff see the claim and is the
                // county on payroll's line.
                let id: Option<i64> = sqlx::query_scalar(
                    "INSERT INTO incentive_claims (provider_number, kind, claim_key, pathway, \
                     qualified_on, amount_cents, policy_version, claimed_at, county_code) \
                     SELECT $1, $2, $3, $4, $5, $6, $7, $8, p.county_code FROM providers p \
                     WHERE p.provider_number = $1 \
                     ON CONFLICT (provider_number, kind, claim_key) DO NOTHING RETURNING claim_id",
                )
                .bind(claim.provider.as_i64())
                .bind(claim.kind.code())
                .bind(claim.claim_key())
                .bind(claim.pathway.code())
                .bind(claim.qualified_on)
                .bind(claim.amount.cents())
                .bind(&claim.policy_version)
                .bind(claim.claimed_at)
                .fetch_optional(&mut *tx)
                .await?;
                if let Some(id) = id {
                    write_audit(&mut tx, audit, &id.to_string()).await?;
                }
                tx.commit().await?;
                Ok(id)
            }
        }
    };
}

pub(crate) use incentive_queries;

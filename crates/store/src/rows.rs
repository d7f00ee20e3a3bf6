//! What both backends share: how each import batch maps onto its table's columns, and how
//! stored rows map back onto domain types. The SQL around it is each backend's own.

use pathways_domain::attendance::{HoldReason, Verdict};
use pathways_domain::eligibility::Enrollment;
use pathways_domain::entities::{Course, Session, Vendor};
use pathways_domain::ids::{
    CertificateNumber, CourseNumber, ProviderNumber, SessionId, VendorCode,
};
use pathways_domain::pathway::{EnrollmentStatus, LanguageTag, Modality, Pathway};
use pathways_domain::quantity::{Hours, Minutes};
use time::{Date, PrimitiveDateTime};

use crate::model::{AttendanceRecord, Batch};
use crate::{StoreError, StoreResult};

/// One value bound into a statement. Nulls carry their type, as PostgreSQL needs it.
#[derive(Debug, Clone)]
pub(crate) enum Value {
    I64(i64),
    Text(String),
    OptText(Option<String>),
    Date(Date),
    OptDate(Option<Date>),
    DateTime(PrimitiveDateTime),
    OptI64(Option<i64>),
}

/// A table an import writes: its key columns, then the other columns, in binding order.
#[derive(Debug)]
pub(crate) struct TableSpec {
    pub table: &'static str,
    pub key: &'static [&'static str],
    pub values: &'static [&'static str],
}

impl TableSpec {
    pub fn columns(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.key.iter().chain(self.values).copied()
    }

    pub fn column_list(&self) -> String {
        self.columns().collect::<Vec<_>>().join(", ")
    }

    /// `SET c = excluded.c, …` for an upsert.
    pub fn set_excluded(&self) -> String {
        self.values
            .iter()
            .map(|c| format!("{c} = excluded.{c}"))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// A condition true when any non-key column differs, using the backend's null-safe
    /// inequality (`IS NOT` in SQLite, `IS DISTINCT FROM` in PostgreSQL).
    pub fn changed(&self, distinct: &str) -> String {
        self.values
            .iter()
            .map(|c| format!("{t}.{c} {distinct} excluded.{c}", t = self.table))
            .collect::<Vec<_>>()
            .join(" OR ")
    }
}

const VENDORS: TableSpec = TableSpec {
    table: "vendors",
    key: &["vendor_code"],
    values: &["name", "email", "phone", "website"],
};
const COURSES: TableSpec = TableSpec {
    table: "courses",
    key: &["course_number"],
    values: &[
        "vendor_code",
        "pathway",
        "title",
        "credit_hundredths",
        "modality",
        "languages",
        "published_on",
        "retired_on",
        "registration_url",
        "description",
    ],
};
const SESSIONS: TableSpec = TableSpec {
    table: "sessions",
    key: &["session_id"],
    values: &[
        "course_number",
        "starts_at",
        "ends_at",
        "location",
        "capacity",
        // Worked out from `location` (decision 0013), never read from a file.
        "county_code",
    ],
};
const PROVIDERS: TableSpec = TableSpec {
    table: "providers",
    key: &["provider_number"],
    values: &[
        "first_name",
        "last_name",
        "county_code",
        "enrollment_status",
        "enrolled_on",
        "last_paid_on",
        "language",
        "phone",
        "email",
    ],
};
const RECIPIENTS: TableSpec = TableSpec {
    table: "recipients",
    key: &["case_number"],
    values: &["county_code", "needs"],
};
const ASSIGNMENTS: TableSpec = TableSpec {
    table: "assignments",
    key: &["provider_number", "case_number", "start_date"],
    values: &["end_date"],
};
const WORK_HOURS: TableSpec = TableSpec {
    table: "work_hours",
    key: &["provider_number", "case_number", "week_start"],
    values: &["hundredths"],
};
const WAGE_RATES: TableSpec = TableSpec {
    table: "wage_rates",
    key: &["county_code", "effective_from"],
    values: &["hourly_rate_cents"],
};

/// The attendance columns, in binding order (for inserts and PostgreSQL COPY alike).
pub(crate) const ATTENDANCE_COLUMNS: &str = "provider_number, course_number, attended_on, status, \
     session_id, minutes, completed, certificate_number, vendor_code, hold_reason, policy_version, \
     recorded_at";

/// Replaces a stored record of the same key and status.
pub(crate) const ATTENDANCE_UPSERT: &str = " ON CONFLICT (attended_on, provider_number, \
     course_number, status) DO UPDATE SET session_id = excluded.session_id, \
     minutes = excluded.minutes, completed = excluded.completed, \
     certificate_number = excluded.certificate_number, vendor_code = excluded.vendor_code, \
     hold_reason = excluded.hold_reason, policy_version = excluded.policy_version, \
     recorded_at = excluded.recorded_at";

fn text(s: &str) -> Value {
    Value::Text(s.to_owned())
}

fn opt_text<T: AsRef<str>>(s: Option<&T>) -> Value {
    Value::OptText(s.map(|s| s.as_ref().to_owned()))
}

/// The table and rows of a batch, ready to bind.
pub(crate) fn batch_rows(batch: &Batch) -> (&'static TableSpec, Vec<Vec<Value>>) {
    match batch {
        Batch::Vendors(rows) => (
            &VENDORS,
            rows.iter()
                .map(|v| {
                    vec![
                        text(v.code.as_str()),
                        text(&v.name),
                        text(&v.email),
                        text(&v.phone),
                        text(&v.website),
                    ]
                })
                .collect(),
        ),
        Batch::Courses(rows) => (
            &COURSES,
            rows.iter()
                .map(|c| {
                    vec![
                        text(c.number.as_str()),
                        text(c.vendor.as_str()),
                        text(c.pathway.code()),
                        text(&c.title),
                        Value::I64(i64::from(c.credit_hours.hundredths())),
                        text(c.modality.code()),
                        Value::Text(join_languages(&c.languages)),
                        Value::OptDate(c.published_on),
                        Value::OptDate(c.retired_on),
                        opt_text(c.registration_url.as_ref()),
                        text(&c.description),
                    ]
                })
                .collect(),
        ),
        Batch::Sessions(rows) => (
            &SESSIONS,
            rows.iter()
                .map(|s| {
                    vec![
                        text(s.id.as_str()),
                        text(s.course.as_str()),
                        Value::DateTime(s.starts_at),
                        Value::DateTime(s.ends_at),
                        opt_text(s.location.as_ref()),
                        Value::OptI64(s.capacity.map(i64::from)),
                        Value::OptI64(s.county().map(|c| i64::from(c.get()))),
                    ]
                })
                .collect(),
        ),
        Batch::Providers(rows) => (
            &PROVIDERS,
            rows.iter()
                .map(|p| {
                    vec![
                        Value::I64(p.number.as_i64()),
                        text(&p.first_name),
                        text(&p.last_name),
                        Value::I64(i64::from(p.county.get())),
                        text(p.enrollment_status.code()),
                        Value::OptDate(p.enrolled_on),
                        Value::OptDate(p.last_paid_on),
                        text(p.language.as_str()),
                        opt_text(p.phone.as_ref()),
                        opt_text(p.email.as_ref()),
                    ]
                })
                .collect(),
        ),
        Batch::Recipients(rows) => (
            &RECIPIENTS,
            rows.iter()
                .map(|r| {
                    vec![
                        text(r.case_number.as_str()),
                        Value::I64(i64::from(r.county.get())),
                        Value::Text(r.needs.to_string()),
                    ]
                })
                .collect(),
        ),
        Batch::Assignments(rows) => (
            &ASSIGNMENTS,
            rows.iter()
                .map(|a| {
                    vec![
                        Value::I64(a.provider.as_i64()),
                        text(a.case_number.as_str()),
                        Value::Date(a.start_date),
                        Value::OptDate(a.end_date),
                    ]
                })
                .collect(),
        ),
        Batch::WorkHours(rows) => (
            &WORK_HOURS,
            rows.iter()
                .map(|w| {
                    vec![
                        Value::I64(w.provider.as_i64()),
                        text(w.case_number.as_str()),
                        Value::Date(w.week_start),
                        Value::I64(i64::from(w.hours.hundredths())),
                    ]
                })
                .collect(),
        ),
        Batch::WageRates(rows) => (
            &WAGE_RATES,
            rows.iter()
                .map(|r| {
                    vec![
                        Value::I64(i64::from(r.county.get())),
                        Value::Date(r.effective_from),
                        Value::I64(r.hourly_rate.cents()),
                    ]
                })
                .collect(),
        ),
    }
}

pub(crate) fn join_languages(languages: &[LanguageTag]) -> String {
    languages
        .iter()
        .map(LanguageTag::as_str)
        .collect::<Vec<_>>()
        .join(";")
}

/// The status, hold reason and policy version columns of a verdict.
pub(crate) fn verdict_columns(
    verdict: &Verdict,
) -> (&'static str, Option<&'static str>, Option<&str>) {
    match verdict {
        Verdict::Verified { policy_version } => ("verified", None, Some(policy_version.as_str())),
        Verdict::Held(reason) => ("held", Some(reason.code()), None),
    }
}

fn corrupt<E: std::fmt::Display>(column: &'static str) -> impl FnOnce(E) -> StoreError {
    move |e| StoreError::corrupt(format!("{column}: {e}"))
}

/// A course row as both backends read it.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct CourseRow {
    pub course_number: String,
    pub vendor_code: String,
    pub pathway: String,
    pub title: String,
    pub credit_hundredths: i64,
    pub modality: String,
    pub languages: String,
    pub published_on: Option<Date>,
    pub retired_on: Option<Date>,
    pub registration_url: Option<String>,
    pub description: String,
}

impl TryFrom<CourseRow> for Course {
    type Error = StoreError;
    fn try_from(r: CourseRow) -> StoreResult<Self> {
        Ok(Course {
            number: CourseNumber::parse(&r.course_number).map_err(corrupt("course_number"))?,
            vendor: VendorCode::parse(&r.vendor_code).map_err(corrupt("vendor_code"))?,
            pathway: Pathway::parse(&r.pathway).map_err(corrupt("pathway"))?,
            title: r.title,
            credit_hours: Hours::from_hundredths(
                u32::try_from(r.credit_hundredths).map_err(corrupt("credit_hundredths"))?,
            ),
            modality: Modality::parse(&r.modality).map_err(corrupt("modality"))?,
            languages: LanguageTag::parse_list(&r.languages).map_err(corrupt("languages"))?,
            published_on: r.published_on,
            retired_on: r.retired_on,
            registration_url: r.registration_url,
            description: r.description,
        })
    }
}

/// A catalog list row: the course, its vendor's name and how many sessions have not ended.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct CatalogRow {
    #[sqlx(flatten)]
    pub course: CourseRow,
    pub vendor_name: String,
    pub upcoming_sessions: i64,
    /// How many courses match in all pages, when the query counted them (else -1).
    pub total: i64,
}

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct VendorRow {
    pub vendor_code: String,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub website: String,
}

impl TryFrom<VendorRow> for Vendor {
    type Error = StoreError;
    fn try_from(r: VendorRow) -> StoreResult<Self> {
        Ok(Vendor {
            code: VendorCode::parse(&r.vendor_code).map_err(corrupt("vendor_code"))?,
            name: r.name,
            email: r.email,
            phone: r.phone,
            website: r.website,
        })
    }
}

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct SessionRow {
    pub session_id: String,
    pub course_number: String,
    pub starts_at: PrimitiveDateTime,
    pub ends_at: PrimitiveDateTime,
    pub location: Option<String>,
    pub capacity: Option<i64>,
}

impl TryFrom<SessionRow> for Session {
    type Error = StoreError;
    fn try_from(r: SessionRow) -> StoreResult<Self> {
        Ok(Session {
            id: SessionId::parse(&r.session_id).map_err(corrupt("session_id"))?,
            course: CourseNumber::parse(&r.course_number).map_err(corrupt("course_number"))?,
            starts_at: r.starts_at,
            ends_at: r.ends_at,
            location: r.location,
            capacity: r
                .capacity
                .map(u32::try_from)
                .transpose()
                .map_err(corrupt("capacity"))?,
        })
    }
}

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct EnrollmentRow {
    pub provider_number: i64,
    pub enrollment_status: String,
    pub enrolled_on: Option<Date>,
    pub last_paid_on: Option<Date>,
}

impl EnrollmentRow {
    pub fn into_domain(self) -> StoreResult<(ProviderNumber, Enrollment)> {
        Ok((
            ProviderNumber::from_i64(self.provider_number).map_err(corrupt("provider_number"))?,
            Enrollment {
                status: EnrollmentStatus::parse(&self.enrollment_status)
                    .map_err(corrupt("enrollment_status"))?,
                enrolled_on: self.enrolled_on,
                last_paid_on: self.last_paid_on,
            },
        ))
    }
}

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct AttendanceRow {
    pub provider_number: i64,
    pub course_number: String,
    pub attended_on: Date,
    pub status: String,
    pub session_id: Option<String>,
    pub minutes: i64,
    pub completed: bool,
    pub certificate_number: Option<String>,
    pub vendor_code: String,
    pub hold_reason: Option<String>,
    pub policy_version: Option<String>,
}

impl TryFrom<AttendanceRow> for AttendanceRecord {
    type Error = StoreError;
    fn try_from(r: AttendanceRow) -> StoreResult<Self> {
        let verdict = match (r.status.as_str(), r.hold_reason, r.policy_version) {
            ("verified", None, Some(policy_version)) => Verdict::Verified { policy_version },
            ("held", Some(reason), _) => {
                Verdict::Held(HoldReason::parse(&reason).map_err(corrupt("hold_reason"))?)
            }
            (status, _, _) => {
                return Err(StoreError::corrupt(format!("attendance status {status}")));
            }
        };
        Ok(AttendanceRecord {
            provider: ProviderNumber::from_i64(r.provider_number)
                .map_err(corrupt("provider_number"))?,
            course: CourseNumber::parse(&r.course_number).map_err(corrupt("course_number"))?,
            date: r.attended_on,
            session: r
                .session_id
                .as_deref()
                .map(SessionId::parse)
                .transpose()
                .map_err(corrupt("session_id"))?,
            minutes: Minutes(u32::try_from(r.minutes).map_err(corrupt("minutes"))?),
            completed: r.completed,
            certificate: r
                .certificate_number
                .as_deref()
                .map(CertificateNumber::parse)
                .transpose()
                .map_err(corrupt("certificate_number"))?,
            vendor: VendorCode::parse(&r.vendor_code).map_err(corrupt("vendor_code"))?,
            verdict,
        })
    }
}

/// Binds one [`Value`] into a `Separated` or `QueryBuilder` of either backend.
/// A value as text, the way `CAST(… AS TEXT)` shows it on both databases, for the audit log.
pub(crate) fn value_text(value: &Value) -> Option<String> {
    let date = |d: &Date| pathways_domain::error::format_date(*d);
    match value {
        Value::I64(v) => Some(v.to_string()),
        Value::Text(v) => Some(v.clone()),
        Value::OptText(v) => v.clone(),
        Value::Date(v) => Some(date(v)),
        Value::OptDate(v) => v.as_ref().map(date),
        Value::DateTime(v) => Some(format!("{} {}", date(&v.date()), v.time())),
        Value::OptI64(v) => v.map(|v| v.to_string()),
    }
}

/// A row's key as the audit log names it: its key columns' text, joined by `/`.
pub(crate) fn key_text(key: &[Value]) -> String {
    key.iter()
        .map(|v| value_text(v).unwrap_or_default())
        .collect::<Vec<_>>()
        .join("/")
}

/// A row's non-key values as a JSON object of column → text.
pub(crate) fn values_json(spec: &TableSpec, values: &[Value]) -> serde_json::Value {
    serde_json::Value::Object(
        spec.values
            .iter()
            .zip(values)
            .map(|(c, v)| {
                (
                    (*c).to_owned(),
                    value_text(v).map_or(serde_json::Value::Null, serde_json::Value::String),
                )
            })
            .collect(),
    )
}

macro_rules! bind_value {
    ($target:expr, $value:expr) => {
        match $value {
            $crate::rows::Value::I64(v) => $target.push_bind(*v),
            $crate::rows::Value::Text(v) => $target.push_bind(v.clone()),
            $crate::rows::Value::OptText(v) => $target.push_bind(v.clone()),
            $crate::rows::Value::Date(v) => $target.push_bind(*v),
            $crate::rows::Value::OptDate(v) => $target.push_bind(*v),
            $crate::rows::Value::DateTime(v) => $target.push_bind(*v),
            $crate::rows::Value::OptI64(v) => $target.push_bind(*v),
        }
    };
}
pub(crate) use bind_value;

//! What the store takes and returns, apart from the domain's own types.

use pathways_domain::attendance::{HoldReason, Verdict};
use pathways_domain::entities::{
    Assignment, Course, Provider, Recipient, Session, Vendor, WageRate, WorkHours,
};
use pathways_domain::ids::{
    CertificateNumber, CountyCode, CourseNumber, ProviderNumber, SessionId, VendorCode,
};
use pathways_domain::pathway::{Category, Modality, Pathway};
use pathways_domain::quantity::Minutes;
use serde::Serialize;
use time::Date;

/// One chunk of an import file, already validated.
#[derive(Debug, Clone)]
pub enum Batch {
    Vendors(Vec<Vendor>),
    Courses(Vec<Course>),
    Sessions(Vec<Session>),
    Providers(Vec<Provider>),
    Recipients(Vec<Recipient>),
    Assignments(Vec<Assignment>),
    WorkHours(Vec<WorkHours>),
    WageRates(Vec<WageRate>),
}

impl Batch {
    pub fn len(&self) -> usize {
        match self {
            Self::Vendors(r) => r.len(),
            Self::Courses(r) => r.len(),
            Self::Sessions(r) => r.len(),
            Self::Providers(r) => r.len(),
            Self::Recipients(r) => r.len(),
            Self::Assignments(r) => r.len(),
            Self::WorkHours(r) => r.len(),
            Self::WageRates(r) => r.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// What an upsert did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct UpsertCounts {
    pub inserted: u64,
    pub updated: u64,
    pub unchanged: u64,
}

impl std::ops::AddAssign for UpsertCounts {
    fn add_assign(&mut self, rhs: Self) {
        self.inserted += rhs.inserted;
        self.updated += rhs.updated;
        self.unchanged += rhs.unchanged;
    }
}

/// A stored attendance record and how it was judged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AttendanceRecord {
    pub provider: ProviderNumber,
    pub course: CourseNumber,
    pub date: Date,
    pub session: Option<SessionId>,
    pub minutes: Minutes,
    pub completed: bool,
    pub certificate: Option<CertificateNumber>,
    pub vendor: VendorCode,
    pub verdict: Verdict,
}

impl AttendanceRecord {
    pub fn is_verified(&self) -> bool {
        matches!(self.verdict, Verdict::Verified { .. })
    }

    pub fn hold_reason(&self) -> Option<HoldReason> {
        self.verdict.hold_reason()
    }

    /// The same report as `other`, whatever the verdict (a re-sent row changes nothing).
    pub fn same_report(&self, other: &Self) -> bool {
        self.provider == other.provider
            && self.course == other.course
            && self.date == other.date
            && self.session == other.session
            && self.minutes == other.minutes
            && self.completed == other.completed
            && self.certificate == other.certificate
            && self.vendor == other.vendor
    }

    pub fn key_ref(&self) -> AttendanceKeyRef {
        AttendanceKeyRef {
            provider: self.provider,
            course: self.course.clone(),
            date: self.date,
        }
    }
}

/// What one chunk of an attendance import writes.
#[derive(Debug, Default)]
pub struct AttendanceWrite {
    /// Records whose key and status are not stored yet.
    pub inserts: Vec<AttendanceRecord>,
    /// Records that replace the stored record of the same key and status (a held record).
    pub replacements: Vec<AttendanceRecord>,
    /// Held records to delete because their key is now verified.
    pub superseded_held: Vec<AttendanceKeyRef>,
}

impl AttendanceWrite {
    pub fn is_empty(&self) -> bool {
        self.inserts.is_empty() && self.replacements.is_empty() && self.superseded_held.is_empty()
    }
}

/// The key of an attendance record, for keyset pagination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttendanceKeyRef {
    pub provider: ProviderNumber,
    pub course: CourseNumber,
    pub date: Date,
}

/// Catalog search criteria; every criterion is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct CatalogFilter {
    pub pathway: Option<Pathway>,
    pub category: Option<Category>,
    pub modality: Option<Modality>,
    /// A BCP 47 tag as stored, such as `es` or `zh-Hant`.
    pub language: Option<String>,
    /// Words to find in the course number, title or description, in any catalog language
    /// (case and accents ignored; Chinese, Japanese and Korean terms as substrings).
    pub text: Option<String>,
    /// `Some(true)`: courses with an upcoming online session (or, when none is scheduled,
    /// taught online); `Some(false)`: the same for in person.
    pub online: Option<bool>,
    /// Courses with an upcoming in-person session in this county (the county of its place's
    /// ZIP code, decision 0013).
    pub county: Option<CountyCode>,
    /// Courses with an upcoming session starting on or after this day.
    pub from: Option<Date>,
    /// Courses with an upcoming session starting on or before this day.
    pub until: Option<Date>,
    /// Courses with an upcoming session one can still register for here with a seat left
    /// (registered places counted), or a self-paced one with no seat limit whose window is
    /// open. Courses whose vendor registers people on its own site are left out.
    pub seats_available: bool,
    pub sort: CatalogSort,
    /// 1-based page number.
    pub page: u32,
    pub per_page: u32,
}

/// The order of catalog results; every order ends with title and course number, so pages
/// never overlap.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
pub enum CatalogSort {
    /// Best match first when searching for words; by title otherwise.
    #[default]
    Relevance,
    Title,
    /// Soonest upcoming session first (among the sessions the filters ask for); courses
    /// without one last.
    Soonest,
}

impl CatalogSort {
    pub const ALL: [Self; 3] = [Self::Relevance, Self::Title, Self::Soonest];

    pub fn code(self) -> &'static str {
        match self {
            Self::Relevance => "relevance",
            Self::Title => "title",
            Self::Soonest => "soonest",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|s| s.code().eq_ignore_ascii_case(raw.trim()))
    }
}

/// A page of catalog courses.
#[derive(Debug, Clone, Serialize)]
pub struct CatalogPage {
    pub courses: Vec<CourseSummary>,
    /// How many courses match in all pages.
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
}

/// A course as the catalog list shows it.
#[derive(Debug, Clone, Serialize)]
pub struct CourseSummary {
    pub course: Course,
    pub vendor_name: String,
    /// Sessions that have not ended yet.
    pub upcoming_sessions: u64,
}

/// A course page: the course, its vendor's contact, its sessions that have not ended.
#[derive(Debug, Clone, Serialize)]
pub struct CourseDetail {
    pub course: Course,
    pub vendor: Vendor,
    pub sessions: Vec<Session>,
    /// Registered seats per session (sessions with none are absent).
    pub seats_taken: std::collections::HashMap<SessionId, u32>,
}

/// A session with its course's vendor and the attendance reported for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRoster {
    pub session: Session,
    pub vendor: VendorCode,
    pub attendance: Vec<AttendanceRecord>,
    /// Who holds a seat or waits for one, in the order they were accepted.
    pub registrations: Vec<RosterEntry>,
}

/// One person on a session's roster or waitlist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterEntry {
    pub provider: ProviderNumber,
    pub first_name: String,
    pub last_name: String,
    /// Registered or waitlisted.
    pub status: pathways_domain::registration::RegistrationStatus,
    /// On the waitlist: how far down (1 is next).
    pub waitlist_position: Option<u32>,
    pub registered_at: time::OffsetDateTime,
}

/// Row counts of the program tables.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct TableCounts {
    pub vendors: u64,
    pub courses: u64,
    pub sessions: u64,
    pub providers: u64,
    pub recipients: u64,
    pub assignments: u64,
    pub work_hours: u64,
    pub wage_rates: u64,
    pub attendance_verified: u64,
    pub attendance_held: u64,
}

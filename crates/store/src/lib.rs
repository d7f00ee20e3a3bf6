//! Storage for Pathways: the [`Store`] trait, its SQLite and PostgreSQL implementations, and
//! their embedded migrations. Nothing outside this crate writes SQL.
//!
//! Each backend keeps its native types and its own migrations; the conformance suite in
//! `tests/conformance.rs` runs the same checks on both so the two cannot drift.

mod account_sql;
pub mod accounts;
pub mod career_sql;
pub mod claim_sql;
pub mod coaching_sql;
mod common;
pub mod course_sql;
mod error;
pub mod incentive_sql;
pub mod model;
pub mod payroll_sql;
pub mod policy_sql;
mod postgres;
pub mod registration_sql;
mod rows;
mod search;
mod sqlite;
#[cfg(feature = "testing")]
pub mod testing;

use std::collections::HashMap;
use std::sync::Arc;

use async_trait::async_trait;
use pathways_domain::attendance::{CourseFacts, SessionFacts};
use pathways_domain::eligibility::Enrollment;
use pathways_domain::ids::{CourseNumber, ProviderNumber, SessionId, VendorCode};
use pathways_domain::policy::PolicyVersion;
use time::Date;

pub use accounts::AccountStore;
pub use career_sql::{CareerConflict, CareerStore};
pub use claim_sql::{
    AcceptedTrainingClaim, AssignedCase, ClaimDecision, ClaimJudge, ClaimStore, CompletionRecord,
    PaymentRecord, TrainingClaimFacts, TrainingClaimKey, TrainingClaimRecord,
};
pub use coaching_sql::{
    AppointmentRecord, AttachmentInfo, BookingRequest, CoachRecord, CoachingStore, FollowUpRecord,
    NewAttachment, NewCoach, NewTicket, NoteRecord, TicketMessageRecord, TicketRecord, TicketReply,
};
pub use course_sql::{CourseConflict, CourseStore, ReviewedCourse};
pub use error::{StoreError, StoreResult};
pub use incentive_sql::{
    ClaimedIncentive, CourseBook, IncentiveStore, ProviderContact, ProviderWork, TrainingRecords,
};
pub use model::*;
pub use payroll_sql::{
    ClaimRef, ClaimSelection, ConfirmProblem, ConfirmSummary, IncentiveClaimRecord,
    PaymentConfirmation, PayrollBatch, PayrollStore, QueuedClaim, RecoveryProblem, RecoveryRecord,
    ReviewJudge, ReviewOutcome, SyntheticClaims,
};
pub use policy_sql::{PolicyConflict, PolicyStore, StoredPolicy};
pub use postgres::PgStore;
pub use registration_sql::{
    CallOffOutcome, CalledOffPlace, CancelOutcome, ProviderClass, RegisterOutcome,
    RegistrationRecord, RegistrationStore, SessionCancellation,
};
pub use sqlite::SqliteStore;

/// The tables program files are imported into, by the names [`Store::refresh_statistics`] takes.
pub const PROGRAM_TABLES: [&str; 9] = [
    "vendors",
    "courses",
    "sessions",
    "providers",
    "recipients",
    "assignments",
    "work_hours",
    "wage_rates",
    "attendance",
];

/// Which database a store talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Opens the database a URL names (`sqlite://file.db`, `sqlite::memory:`, `postgres://…`),
/// creating a SQLite file if needed. Migrations are not run; call [`Store::migrate`].
pub async fn connect(url: &str) -> StoreResult<Arc<dyn Store>> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Arc::new(PgStore::connect(url).await?))
    } else if url.starts_with("sqlite:") {
        Ok(Arc::new(SqliteStore::connect(url).await?))
    } else {
        Err(StoreError::UnsupportedUrl)
    }
}

/// Everything the application asks of a database.
#[async_trait]
pub trait Store:
    AccountStore
    + RegistrationStore
    + CourseStore
    + CareerStore
    + IncentiveStore
    + PolicyStore
    + ClaimStore
    + PayrollStore
    + CoachingStore
    + Send
    + Sync
    + std::fmt::Debug
{
    fn backend(&self) -> Backend;

    /// Applies the embedded migrations that have not run yet, and the default policy version
    /// when there is none.
    async fn migrate(&self) -> StoreResult<()>;

    /// Checks that the database answers.
    async fn ping(&self) -> StoreResult<()>;

    /// Brings the query planner's statistics of one program table (`attendance`,
    /// `work_hours`, … as named in [`PROGRAM_TABLES`]) up to date after a bulk load, so the
    /// next queries are planned for its new size. PostgreSQL runs `ANALYZE`; SQLite, whose
    /// queries here are planned from their indexes alone, does nothing.
    async fn refresh_statistics(&self, table: &str) -> StoreResult<()>;

    /// Starts an all-or-nothing import: nothing it writes is visible until [`ImportTx::commit`].
    async fn begin_import(&self) -> StoreResult<Box<dyn ImportTx>>;

    /// The published policy versions, by effective date: the rules' book (drafts are
    /// [`PolicyStore::stored_policies`]').
    async fn policy_versions(&self) -> StoreResult<Vec<PolicyVersion>>;

    /// Adds a published policy version (demo data, tests); `false` when one with that name or effective date exists already.
    async fn add_policy_version(&self, version: &PolicyVersion) -> StoreResult<bool>;

    /// Published catalog courses matching `filter` on `today`, a page at a time.
    async fn search_catalog(&self, filter: &CatalogFilter, today: Date)
    -> StoreResult<CatalogPage>;

    /// A course with its vendor and upcoming sessions, if it is in the catalog on `today`.
    async fn catalog_course(
        &self,
        number: &CourseNumber,
        today: Date,
    ) -> StoreResult<Option<CourseDetail>>;

    /// The languages catalog courses are taught in on `today`, for the language filter.
    async fn catalog_languages(&self, today: Date) -> StoreResult<Vec<String>>;

    /// Held attendance in key order, after `after` (keyset pagination), at most `limit` rows.
    async fn held_attendance(
        &self,
        vendor: Option<&VendorCode>,
        after: Option<&AttendanceKeyRef>,
        limit: u32,
    ) -> StoreResult<Vec<AttendanceRecord>>;

    /// A provider's attendance records (verified and held), newest first, at most `limit`.
    async fn provider_attendance(
        &self,
        provider: ProviderNumber,
        limit: u32,
    ) -> StoreResult<Vec<AttendanceRecord>>;

    /// A session, its course's vendor and the attendance reported for it, if it exists.
    async fn session_roster(&self, id: &SessionId) -> StoreResult<Option<SessionRoster>>;

    /// How many rows each program table holds.
    async fn table_counts(&self) -> StoreResult<TableCounts>;

    /// The database's size on disk in bytes.
    async fn size_bytes(&self) -> StoreResult<u64>;
}

/// A session an import moved, and the people on it (in the order they were accepted).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MovedSession {
    pub before: pathways_domain::entities::Session,
    pub after: pathways_domain::entities::Session,
    pub places: Vec<(
        ProviderNumber,
        pathways_domain::registration::RegistrationStatus,
    )>,
}

/// One all-or-nothing import, inside a database transaction. Dropping it without
/// [`ImportTx::commit`] rolls everything back.
#[async_trait]
pub trait ImportTx: Send {
    /// Names who the import's changes are audited as (by default, "import").
    fn set_actor(&mut self, actor: accounts::AuditActor);

    /// Inserts new rows and replaces changed ones, reporting what happened to each. Each
    /// changed row is audited with its values before and after.
    async fn upsert(&mut self, batch: &Batch) -> StoreResult<UpsertCounts>;

    /// Notes the key fingerprints of rows this import has read, with their lines, and returns
    /// those noted before in this import, each with the line that first had it.
    async fn claim_keys(&mut self, keys: &[(i64, u64)]) -> StoreResult<Vec<(i64, u64)>>;

    /// Forgets the key fingerprints noted by [`ImportTx::claim_keys`].
    async fn forget_keys(&mut self) -> StoreResult<()>;

    /// Which of these vendors do not exist.
    async fn missing_vendors(&mut self, codes: &[VendorCode]) -> StoreResult<Vec<VendorCode>>;

    /// Which of these courses do not exist.
    async fn missing_courses(&mut self, numbers: &[CourseNumber])
    -> StoreResult<Vec<CourseNumber>>;

    /// Every course's verification facts.
    async fn course_facts(&mut self) -> StoreResult<HashMap<CourseNumber, CourseFacts>>;

    /// Verification facts of these sessions (unknown ones are absent).
    async fn session_facts(
        &mut self,
        ids: &[SessionId],
    ) -> StoreResult<HashMap<SessionId, SessionFacts>>;

    /// The enrollment facts of these providers (unknown ones are absent).
    async fn enrollments(
        &mut self,
        providers: &[ProviderNumber],
    ) -> StoreResult<HashMap<ProviderNumber, Enrollment>>;

    /// The stored attendance (verified and held) of these providers on these days: what the
    /// duplicate and daily-maximum rules must know to verify one chunk of an attendance file.
    /// Each (provider, day) is a prefix of the table's key, so this never scans the table,
    /// whatever order the file is in.
    async fn attendance_on_days(
        &mut self,
        days: &[(ProviderNumber, Date)],
    ) -> StoreResult<Vec<AttendanceRecord>>;

    /// Held attendance in key order after `after`, as [`Store::held_attendance`], inside the
    /// import (for judging held records again).
    async fn held_attendance(
        &mut self,
        vendor: Option<&VendorCode>,
        after: Option<&AttendanceKeyRef>,
        limit: u32,
    ) -> StoreResult<Vec<AttendanceRecord>>;

    /// Writes one chunk's judged attendance records.
    async fn write_attendance(&mut self, write: &AttendanceWrite) -> StoreResult<()>;

    /// Sessions this import moved (new times or place) that people hold or wait for places
    /// on, as they were before the import and as they are now, with those places.
    async fn moved_sessions(&mut self) -> StoreResult<Vec<MovedSession>>;

    /// Queues a message inside the import, so it is sent if and only if the import lands.
    async fn enqueue_message(&mut self, message: &accounts::NewMessage) -> StoreResult<()>;

    /// Withdraws unsent messages on `topic` inside the import (see
    /// [`accounts::AccountStore::withdraw_messages`]).
    async fn withdraw_messages(
        &mut self,
        topic: &str,
        now: time::OffsetDateTime,
    ) -> StoreResult<u64>;

    /// Appends to the audit log inside the import, so the record of an import lands with it.
    async fn append_audit(&mut self, entry: &accounts::AuditEntry) -> StoreResult<()>;

    async fn commit(self: Box<Self>) -> StoreResult<()>;
}

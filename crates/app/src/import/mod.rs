//! Imports of the CSV files of DOMAIN.md §8.
//!
//! A file is all-or-nothing: it is read as a stream inside one database transaction, and any
//! malformed row (wrong column count, a value that does not parse, a key repeated in the file,
//! a reference to a vendor or course that does not exist) rejects the whole file with every bad
//! line listed. Well-formed attendance rows are verified; those that fail a rule are stored as
//! held with their reason, not rejected.

mod attendance;
pub mod parse;

pub use attendance::{AttendanceJudge, reverify_held};

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::hash::{Hash, Hasher};
use std::io::Read;

use csv::StringRecord;
use pathways_domain::attendance::HoldReason;
use pathways_domain::entities::{
    Assignment, Course, Provider, Recipient, Session, Vendor, WageRate, WorkHours,
};
use pathways_domain::ids::{CourseNumber, VendorCode};
use pathways_store::{Batch, ImportTx, Store, StoreError, UpsertCounts};
use serde::Serialize;

use parse::ColumnError;

/// Rows validated and written per chunk: large enough for few round trips, small enough that
/// memory does not grow with the file.
const CHUNK_ROWS: usize = 5_000;

/// At most this many bad rows are listed; the rest are counted.
const MAX_LISTED_ERRORS: usize = 10_000;

/// The kinds of file Pathways takes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ImportKind {
    Vendors,
    Courses,
    Sessions,
    Providers,
    Recipients,
    Assignments,
    WorkHours,
    WageRates,
    Attendance,
}

impl ImportKind {
    pub const ALL: &'static [Self] = &[
        Self::Vendors,
        Self::Courses,
        Self::Sessions,
        Self::Providers,
        Self::Recipients,
        Self::Assignments,
        Self::WorkHours,
        Self::WageRates,
        Self::Attendance,
    ];

    /// The name used on the command line and in summaries.
    pub fn name(self) -> &'static str {
        match self {
            Self::Vendors => "vendors",
            Self::Courses => "courses",
            Self::Sessions => "sessions",
            Self::Providers => "providers",
            Self::Recipients => "recipients",
            Self::Assignments => "assignments",
            Self::WorkHours => "work-hours",
            Self::WageRates => "wage-rates",
            Self::Attendance => "attendance",
        }
    }

    /// The header row the file must have, in order.
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            Self::Vendors => parse::VENDOR_COLUMNS,
            Self::Courses => parse::COURSE_COLUMNS,
            Self::Sessions => parse::SESSION_COLUMNS,
            Self::Providers => parse::PROVIDER_COLUMNS,
            Self::Recipients => parse::RECIPIENT_COLUMNS,
            Self::Assignments => parse::ASSIGNMENT_COLUMNS,
            Self::WorkHours => parse::WORK_HOURS_COLUMNS,
            Self::WageRates => parse::WAGE_RATE_COLUMNS,
            Self::Attendance => parse::ATTENDANCE_COLUMNS,
        }
    }
}

impl fmt::Display for ImportKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One bad row (or header), as `line N: column: reason`; lines are numbered as an editor shows
/// them, the header being line 1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowError {
    pub line: u64,
    pub column: String,
    pub reason: String,
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}: {}", self.line, self.column, self.reason)
    }
}

/// Why an import changed nothing.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("the file was rejected and nothing was imported: {bad_rows} bad row(s)")]
    Rejected {
        /// The problems, in file order (at most 10,000 are listed).
        errors: Vec<RowError>,
        /// How many problems there were in all (a row can have several).
        total: u64,
        /// How many rows (or the header) had a problem.
        bad_rows: u64,
    },
    #[error("an attendance file needs the vendor it comes from")]
    VendorRequired,
    #[error("no vendor has the code {0}")]
    UnknownVendor(VendorCode),
    #[error("the file could not be read: {0}")]
    Read(#[from] std::io::Error),
    #[error(transparent)]
    Access(#[from] crate::access::AccessError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    pub kind: Option<ImportKind>,
    pub rows: u64,
    #[serde(flatten)]
    pub counts: UpsertCounts,
    /// Attendance only: rows verified now.
    pub verified: u64,
    /// Attendance only: rows held now, by reason.
    pub held: BTreeMap<&'static str, u64>,
}

impl ImportSummary {
    pub fn held_total(&self) -> u64 {
        self.held.values().sum()
    }

    pub(crate) fn hold(&mut self, reason: HoldReason) {
        *self.held.entry(reason.code()).or_default() += 1;
    }
}

impl fmt::Display for ImportSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = self.counts;
        write!(
            f,
            "{}: {} rows read, {} inserted, {} updated, {} unchanged",
            self.kind.map_or("import", ImportKind::name),
            self.rows,
            c.inserted,
            c.updated,
            c.unchanged
        )?;
        if self.kind == Some(ImportKind::Attendance) {
            write!(
                f,
                "; {} verified, {} held",
                self.verified,
                self.held_total()
            )?;
            if !self.held.is_empty() {
                let reasons: Vec<_> = self.held.iter().map(|(r, n)| format!("{r} {n}")).collect();
                write!(f, " ({})", reasons.join(", "))?;
            }
        }
        Ok(())
    }
}

/// Told how far an import has read, in bytes of the file.
pub trait Progress: Send + Sync {
    fn read_bytes(&self, bytes: u64);
}

/// For callers that do not show progress.
#[derive(Debug, Default)]
pub struct NoProgress;

impl Progress for NoProgress {
    fn read_bytes(&self, _bytes: u64) {}
}

/// Collects bad rows, listing the first ones and counting all.
#[derive(Debug, Default)]
pub(crate) struct Rejections {
    listed: Vec<RowError>,
    total: u64,
    bad_lines: HashSet<u64>,
}

impl Rejections {
    pub fn add(&mut self, line: u64, column: impl Into<String>, reason: impl Into<String>) {
        self.total += 1;
        self.bad_lines.insert(line);
        if self.listed.len() < MAX_LISTED_ERRORS {
            self.listed.push(RowError {
                line,
                column: column.into(),
                reason: reason.into(),
            });
        }
    }

    pub fn add_columns(&mut self, line: u64, errors: Vec<ColumnError>) {
        for e in errors {
            self.add(line, e.column, e.reason);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    pub fn into_error(mut self) -> ImportError {
        self.listed.sort_by_key(|e| e.line);
        ImportError::Rejected {
            errors: self.listed,
            total: self.total,
            bad_rows: self.bad_lines.len() as u64,
        }
    }
}

/// Reads a CSV file's records, checking the header and each row's column count.
pub(crate) struct CsvRows<R: Read> {
    reader: csv::Reader<R>,
    columns: &'static [&'static str],
    record: StringRecord,
}

impl<R: Read> CsvRows<R> {
    pub fn open(
        input: R,
        kind: ImportKind,
        rejections: &mut Rejections,
    ) -> Result<Self, ImportError> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(input);
        let columns = kind.columns();
        let mut header = StringRecord::new();
        let read = reader.read_record(&mut header);
        let expected = columns.join(",");
        match read {
            Ok(true) => {
                let found: Vec<String> = header
                    .iter()
                    .enumerate()
                    .map(|(i, h)| {
                        let h = if i == 0 {
                            h.trim_start_matches('\u{feff}')
                        } else {
                            h
                        };
                        h.trim().to_ascii_lowercase()
                    })
                    .collect();
                if found != columns {
                    rejections.add(
                        1,
                        "header",
                        format!("must be exactly {expected}, found {}", found.join(",")),
                    );
                }
            }
            Ok(false) => rejections.add(
                1,
                "header",
                format!("the file is empty; it must start with {expected}"),
            ),
            Err(e) => rejections.add(1, "header", csv_reason(&e)),
        }
        Ok(Self {
            reader,
            columns,
            record: StringRecord::new(),
        })
    }

    /// The next row with its line number, `Ok(None)` at the end; a row that cannot be read is
    /// recorded as rejected and skipped.
    pub fn next(
        &mut self,
        rejections: &mut Rejections,
    ) -> Result<Option<(u64, &StringRecord)>, ImportError> {
        loop {
            match self.reader.read_record(&mut self.record) {
                Ok(false) => return Ok(None),
                Ok(true) => {
                    let line = self.record.position().map_or(0, |p| p.line());
                    // A blank line at the end of a file is not a row.
                    if self.record.len() == 1
                        && self.record.get(0).is_some_and(|f| f.trim().is_empty())
                    {
                        continue;
                    }
                    if self.record.len() != self.columns.len() {
                        rejections.add(
                            line,
                            "columns",
                            format!(
                                "has {} columns, expected {}",
                                self.record.len(),
                                self.columns.len()
                            ),
                        );
                        continue;
                    }
                    return Ok(Some((line, &self.record)));
                }
                Err(e) => match e.kind() {
                    csv::ErrorKind::Io(_) => {
                        let csv::ErrorKind::Io(io) = e.into_kind() else {
                            unreachable!()
                        };
                        return Err(ImportError::Read(io));
                    }
                    _ => {
                        let line = e.position().map_or(0, |p| p.line());
                        rejections.add(line, "row", csv_reason(&e));
                    }
                },
            }
        }
    }

    pub fn bytes_read(&self) -> u64 {
        self.reader.position().byte()
    }
}

fn csv_reason(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "is not valid UTF-8 text".into(),
        _ => e.to_string(),
    }
}

/// A record type imported by the generic path: its key (for the repeated-key check) and batch.
trait ImportRow: Sized + Send + Sync {
    fn hash_key(&self, hasher: &mut impl Hasher);
    /// The record this row names that must already exist.
    fn reference(&self) -> Option<Reference<'_>> {
        None
    }
    /// The session this row writes, when it writes one (a vendor may only change its own).
    fn session_id(&self) -> Option<&pathways_domain::ids::SessionId> {
        None
    }
    fn batch(rows: Vec<Self>) -> Batch;
    fn parse(record: &StringRecord) -> Result<Self, Vec<ColumnError>>;
}

/// A vendor sending its own records: every row must be about that vendor's courses.
struct VendorScope<'a> {
    vendor: &'a VendorCode,
    courses: HashMap<CourseNumber, pathways_domain::attendance::CourseFacts>,
}

/// Refuses rows about another vendor's courses, and rows that would change a session of
/// another vendor's course.
async fn reject_other_vendors<T: ImportRow>(
    tx: &mut dyn ImportTx,
    chunk: &[(u64, T)],
    rejections: &mut Rejections,
    scope: &VendorScope<'_>,
) -> Result<(), ImportError> {
    let not_ours = |course: &CourseNumber| {
        scope
            .courses
            .get(course)
            .is_some_and(|facts| &facts.vendor != scope.vendor)
    };
    let ids: Vec<_> = chunk
        .iter()
        .filter_map(|(_, r)| r.session_id().cloned())
        .collect();
    let existing = if ids.is_empty() {
        HashMap::new()
    } else {
        tx.session_facts(&ids).await?
    };
    for (line, row) in chunk {
        if let Some(Reference::Course(c)) = row.reference()
            && not_ours(c)
        {
            rejections.add(
                *line,
                "course_number",
                format!("course {c} belongs to another vendor"),
            );
        }
        if let Some(id) = row.session_id()
            && existing
                .get(id)
                .is_some_and(|facts| not_ours(&facts.course))
        {
            rejections.add(
                *line,
                "session_id",
                format!("session {id} is of another vendor's course"),
            );
        }
    }
    Ok(())
}

/// A record another row depends on.
enum Reference<'a> {
    Vendor(&'a VendorCode),
    Course(&'a CourseNumber),
}

macro_rules! import_row {
    ($t:ty, $variant:ident, $parse:path, key: |$r:ident| $key:expr $(, reference: |$s:ident| $reference:expr)? $(, session: |$q:ident| $session:expr)?) => {
        impl ImportRow for $t {
            fn hash_key(&self, hasher: &mut impl Hasher) {
                let $r = self;
                $key.hash(hasher);
            }
            $(
                fn reference(&self) -> Option<Reference<'_>> {
                    let $s = self;
                    Some($reference)
                }
            )?
            $(
                fn session_id(&self) -> Option<&pathways_domain::ids::SessionId> {
                    let $q = self;
                    Some($session)
                }
            )?
            fn batch(rows: Vec<Self>) -> Batch {
                Batch::$variant(rows)
            }
            fn parse(record: &StringRecord) -> Result<Self, Vec<ColumnError>> {
                $parse(record)
            }
        }
    };
}

import_row!(Vendor, Vendors, parse::vendor, key: |r| &r.code);
import_row!(Course, Courses, parse::course, key: |r| &r.number, reference: |c| Reference::Vendor(&c.vendor));
import_row!(Session, Sessions, parse::session, key: |r| &r.id, reference: |s| Reference::Course(&s.course), session: |s| &s.id);
import_row!(Provider, Providers, parse::provider, key: |r| r.number);
import_row!(Recipient, Recipients, parse::recipient, key: |r| &r.case_number);
import_row!(Assignment, Assignments, parse::assignment, key: |r| (r.provider, &r.case_number, r.start_date));
import_row!(WorkHours, WorkHours, parse::work_hours, key: |r| (r.provider, &r.case_number, r.week_start));
import_row!(WageRate, WageRates, parse::wage_rate, key: |r| (r.county, r.effective_from));
/// Imports one file as the operator at the command line. `vendor` is required for attendance
/// (the vendor the file comes from); for sessions it limits the file to that vendor's courses;
/// other files ignore it.
pub async fn import_csv<R: Read + Send + 'static>(
    store: &dyn Store,
    kind: ImportKind,
    vendor: Option<&VendorCode>,
    input: R,
    progress: &dyn Progress,
) -> Result<ImportSummary, ImportError> {
    import_file(
        &crate::access::Caller::command_line(),
        store,
        kind,
        vendor,
        input,
        progress,
        "file",
    )
    .await
}

/// Imports one file for `caller`: vendors send attendance for their own vendor only, the
/// program's other files come from the program. The import and its audit record (who, which
/// source, what it changed) land in one transaction.
pub async fn import_file<R: Read + Send + 'static>(
    caller: &crate::access::Caller,
    store: &dyn Store,
    kind: ImportKind,
    vendor: Option<&VendorCode>,
    input: R,
    progress: &dyn Progress,
    source: &str,
) -> Result<ImportSummary, ImportError> {
    use pathways_domain::access::{Action, Owner};
    // A vendor's system may send its own sessions; every other program file comes from the
    // program.
    let sessions_of = match (kind, vendor) {
        (ImportKind::Sessions, Some(v)) => Some(v),
        _ => None,
    };
    match kind {
        ImportKind::Sessions if sessions_of.is_some() => {
            caller.authorize(
                Action::ManageCourses,
                &Owner {
                    vendor: sessions_of.cloned(),
                    ..Owner::default()
                },
            )?;
        }
        ImportKind::Attendance => {
            let vendor = vendor.ok_or(ImportError::VendorRequired)?;
            caller.authorize(
                Action::ReportAttendance,
                &Owner {
                    vendor: Some(vendor.clone()),
                    ..Owner::default()
                },
            )?;
        }
        _ => {
            caller.authorize(Action::ImportProgramData, &Owner::default())?;
        }
    }
    // Policy versions are read before the import's transaction: they change by their own
    // administration, never by a file import.
    let policy = pathways_domain::policy::PolicyBook::new(store.policy_versions().await?);
    let mut tx = store.begin_import().await?;
    tx.set_actor(pathways_store::accounts::AuditActor {
        account: caller.account,
        label: caller.label.clone(),
    });
    let summary = match kind {
        ImportKind::Vendors => import_rows::<Vendor, R>(&mut *tx, kind, input, progress).await,
        ImportKind::Courses => import_rows::<Course, R>(&mut *tx, kind, input, progress).await,
        ImportKind::Sessions => match sessions_of {
            Some(v) => {
                if !tx
                    .missing_vendors(std::slice::from_ref(v))
                    .await?
                    .is_empty()
                {
                    return Err(ImportError::UnknownVendor(v.clone()));
                }
                let scope = VendorScope {
                    vendor: v,
                    courses: tx.course_facts().await?,
                };
                import_rows_as::<Session, R>(&mut *tx, kind, input, progress, Some(&scope)).await
            }
            None => import_rows::<Session, R>(&mut *tx, kind, input, progress).await,
        },
        ImportKind::Providers => import_rows::<Provider, R>(&mut *tx, kind, input, progress).await,
        ImportKind::Recipients => {
            import_rows::<Recipient, R>(&mut *tx, kind, input, progress).await
        }
        ImportKind::Assignments => {
            import_rows::<Assignment, R>(&mut *tx, kind, input, progress).await
        }
        ImportKind::WorkHours => import_rows::<WorkHours, R>(&mut *tx, kind, input, progress).await,
        ImportKind::WageRates => import_rows::<WageRate, R>(&mut *tx, kind, input, progress).await,
        ImportKind::Attendance => {
            let vendor = vendor.ok_or(ImportError::VendorRequired)?;
            attendance::import(caller, &mut *tx, vendor, policy, input, progress).await
        }
    }?;
    // People holding places on a session the file moved are told, inside the import.
    let people_told = if kind == ImportKind::Sessions {
        crate::registrations::tell_moved_sessions(store, &mut *tx).await?
    } else {
        0
    };
    let mut after = serde_json::to_value(&summary).ok();
    if let Some(serde_json::Value::Object(map)) = after.as_mut() {
        if let Some(vendor) = vendor {
            map.insert("vendor".into(), vendor.as_str().into());
        }
        if people_told > 0 {
            map.insert("people_told_of_changes".into(), people_told.into());
        }
    }
    tx.append_audit(&caller.audit(
        &format!("import.{}", kind.name()),
        "import",
        source,
        None,
        after,
    ))
    .await?;
    tx.commit().await?;
    crate::catalog::catalog_changed();
    // After a bulk load the planner's picture of the table is stale until autovacuum gets to
    // it (on PostgreSQL a provider's assignments were read by a full scan, 40 times slower).
    if summary.counts.inserted + summary.counts.updated >= STATISTICS_AFTER_ROWS {
        store
            .refresh_statistics(&kind.name().replace('-', "_"))
            .await?;
    }
    Ok(summary)
}

/// Rows an import changes from which the table's planner statistics are refreshed at once.
const STATISTICS_AFTER_ROWS: u64 = 10_000;

async fn import_rows<T: ImportRow, R: Read>(
    tx: &mut dyn ImportTx,
    kind: ImportKind,
    input: R,
    progress: &dyn Progress,
) -> Result<ImportSummary, ImportError> {
    import_rows_as::<T, R>(tx, kind, input, progress, None).await
}

async fn import_rows_as<T: ImportRow, R: Read>(
    tx: &mut dyn ImportTx,
    kind: ImportKind,
    input: R,
    progress: &dyn Progress,
    scope: Option<&VendorScope<'_>>,
) -> Result<ImportSummary, ImportError> {
    let mut rejections = Rejections::default();
    let mut rows = CsvRows::open(input, kind, &mut rejections)?;
    let mut summary = ImportSummary {
        kind: Some(kind),
        ..Default::default()
    };
    tx.forget_keys().await?;
    let mut chunk: Vec<(u64, T)> = Vec::with_capacity(CHUNK_ROWS);
    while let Some((line, record)) = rows.next(&mut rejections)? {
        summary.rows += 1;
        match T::parse(record) {
            Ok(row) => chunk.push((line, row)),
            Err(errors) => rejections.add_columns(line, errors),
        }
        if chunk.len() == CHUNK_ROWS {
            summary.counts += write_chunk(tx, kind, &mut chunk, &mut rejections, scope).await?;
            progress.read_bytes(rows.bytes_read());
        }
    }
    summary.counts += write_chunk(tx, kind, &mut chunk, &mut rejections, scope).await?;
    tx.forget_keys().await?;
    progress.read_bytes(rows.bytes_read());
    if rejections.is_empty() {
        Ok(summary)
    } else {
        Err(rejections.into_error())
    }
}

/// Rejects the rows of a chunk whose key an earlier row of the file already had. Keys are
/// compared by a 64-bit fingerprint noted in the database, so memory does not grow with the
/// file; a collision (about one in 10^8 for a million rows) is reported as a repeated key
/// rather than passing silently.
async fn reject_repeated_keys<T: ImportRow>(
    tx: &mut dyn ImportTx,
    kind: ImportKind,
    chunk: &mut Vec<(u64, T)>,
    rejections: &mut Rejections,
) -> Result<(), ImportError> {
    let mut first_in_chunk: HashMap<i64, u64> = HashMap::with_capacity(chunk.len());
    let mut repeated: HashMap<u64, u64> = HashMap::new();
    let mut keys = Vec::with_capacity(chunk.len());
    for (line, row) in chunk.iter() {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        row.hash_key(&mut hasher);
        let fingerprint = hasher.finish().cast_signed();
        match first_in_chunk.get(&fingerprint) {
            Some(first) => {
                repeated.insert(*line, *first);
            }
            None => {
                first_in_chunk.insert(fingerprint, *line);
                keys.push((fingerprint, *line));
            }
        }
    }
    for (fingerprint, first) in tx.claim_keys(&keys).await? {
        if let Some(line) = first_in_chunk.get(&fingerprint) {
            repeated.insert(*line, first);
        }
    }
    if repeated.is_empty() {
        return Ok(());
    }
    // Name the file's first line with the key, even when a repeat's first line in this chunk
    // was itself a repeat of an earlier chunk's.
    let earliest = |mut line: u64| {
        while let Some(first) = repeated.get(&line) {
            line = *first;
        }
        line
    };
    chunk.retain(|(line, _)| {
        if !repeated.contains_key(line) {
            return true;
        }
        let first = earliest(*line);
        rejections.add(
            *line,
            kind.columns()[0],
            format!("repeats the key of line {first}"),
        );
        false
    });
    Ok(())
}

/// Checks a chunk's keys and references and, while the file has no bad row, writes it.
async fn write_chunk<T: ImportRow>(
    tx: &mut dyn ImportTx,
    kind: ImportKind,
    chunk: &mut Vec<(u64, T)>,
    rejections: &mut Rejections,
    scope: Option<&VendorScope<'_>>,
) -> Result<UpsertCounts, ImportError> {
    if let Some(scope) = scope {
        reject_other_vendors(tx, chunk, rejections, scope).await?;
    }
    reject_repeated_keys(tx, kind, chunk, rejections).await?;
    let vendors: HashSet<VendorCode> = chunk
        .iter()
        .filter_map(|(_, r)| match r.reference() {
            Some(Reference::Vendor(v)) => Some(v.clone()),
            _ => None,
        })
        .collect();
    let courses: HashSet<CourseNumber> = chunk
        .iter()
        .filter_map(|(_, r)| match r.reference() {
            Some(Reference::Course(c)) => Some(c.clone()),
            _ => None,
        })
        .collect();
    let missing_vendors: HashSet<_> = if vendors.is_empty() {
        HashSet::new()
    } else {
        tx.missing_vendors(&vendors.into_iter().collect::<Vec<_>>())
            .await?
            .into_iter()
            .collect()
    };
    let missing_courses: HashSet<_> = if courses.is_empty() {
        HashSet::new()
    } else {
        tx.missing_courses(&courses.into_iter().collect::<Vec<_>>())
            .await?
            .into_iter()
            .collect()
    };
    for (line, row) in chunk.iter() {
        match row.reference() {
            Some(Reference::Vendor(v)) if missing_vendors.contains(v) => {
                rejections.add(*line, "vendor_code", format!("no vendor has the code {v}"));
            }
            Some(Reference::Course(c)) if missing_courses.contains(c) => {
                rejections.add(
                    *line,
                    "course_number",
                    format!("no course has the number {c}"),
                );
            }
            _ => {}
        }
    }
    let rows: Vec<T> = chunk.drain(..).map(|(_, r)| r).collect();
    if !rejections.is_empty() || rows.is_empty() {
        return Ok(UpsertCounts::default());
    }
    Ok(tx.upsert(&T::batch(rows)).await?)
}

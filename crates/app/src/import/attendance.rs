//! The attendance import: each well-formed row is verified against the rules of DOMAIN.md §4
//! in file order and stored as verified or held.
//!
//! The file is processed a chunk at a time inside one transaction. For each chunk the store
//! returns the stored records of the chunk's providers and dates, which include what earlier
//! chunks of this file wrote, so the duplicate and daily-maximum rules see everything verified
//! before each row while memory stays bounded by the chunk size.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Read;

use pathways_domain::attendance::{
    AttendanceKey, AttendanceLedger, CourseFacts, ReferenceData, SessionFacts, Verdict,
};
use pathways_domain::eligibility::Enrollment;
use pathways_domain::entities::AttendanceReport;
use pathways_domain::ids::{CourseNumber, ProviderNumber, SessionId, VendorCode};
use pathways_domain::policy::PolicyBook;
use pathways_store::{AttendanceRecord, AttendanceWrite, ImportTx, Store};
use time::Date;

use super::{
    CHUNK_ROWS, CsvRows, ImportError, ImportKind, ImportSummary, Progress, Rejections, parse,
};

/// What verification looks up, for one chunk.
struct ChunkReference<'a> {
    enrollments: &'a HashMap<ProviderNumber, Option<Enrollment>>,
    courses: &'a HashMap<CourseNumber, CourseFacts>,
    sessions: &'a HashMap<SessionId, SessionFacts>,
}

impl ReferenceData for ChunkReference<'_> {
    fn enrollment(&self, provider: ProviderNumber) -> Option<Enrollment> {
        self.enrollments.get(&provider).copied().flatten()
    }
    fn course(&self, course: &CourseNumber) -> Option<&CourseFacts> {
        self.courses.get(course)
    }
    fn session(&self, session: &SessionId) -> Option<&SessionFacts> {
        self.sessions.get(session)
    }
}

/// The stored records of one key while a chunk is judged.
#[derive(Default)]
struct Slot {
    verified: Option<AttendanceRecord>,
    verified_is_new: bool,
    held: Option<AttendanceRecord>,
    held_in_db: bool,
    held_changed: bool,
    /// The held record as stored before this chunk: a correction keeps it in the audit log.
    stored_held: Option<AttendanceRecord>,
}

/// Enrollment facts of the providers seen so far in the file. A provider appears in many rows,
/// so each is read once; the cache is bounded by the number of providers, not of rows.
#[derive(Default)]
struct EnrollmentCache {
    known: HashMap<ProviderNumber, Option<Enrollment>>,
}

impl EnrollmentCache {
    async fn load(
        &mut self,
        tx: &mut dyn ImportTx,
        chunk: &[(u64, AttendanceReport)],
    ) -> Result<(), ImportError> {
        let wanted: Vec<ProviderNumber> = chunk
            .iter()
            .map(|(_, r)| r.provider)
            .filter(|p| !self.known.contains_key(p))
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        if wanted.is_empty() {
            return Ok(());
        }
        let mut found = tx.enrollments(&wanted).await?;
        for provider in wanted {
            self.known.insert(provider, found.remove(&provider));
        }
        Ok(())
    }
}

/// Session facts seen so far in the file (sessions are few; the file's rows are many).
#[derive(Default)]
struct SessionCache {
    known: HashMap<SessionId, SessionFacts>,
    missing: HashSet<SessionId>,
}

impl SessionCache {
    async fn load(
        &mut self,
        tx: &mut dyn ImportTx,
        chunk: &[(u64, AttendanceReport)],
    ) -> Result<(), ImportError> {
        let wanted: Vec<SessionId> = chunk
            .iter()
            .filter_map(|(_, r)| r.session.as_ref())
            .filter(|s| !self.known.contains_key(*s) && !self.missing.contains(*s))
            .cloned()
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        if wanted.is_empty() {
            return Ok(());
        }
        let found = tx.session_facts(&wanted).await?;
        for id in wanted {
            if !found.contains_key(&id) {
                self.missing.insert(id);
            }
        }
        self.known.extend(found);
        Ok(())
    }
}

/// Judges attendance reports inside one import transaction. The course facts are read once;
/// session facts as sessions appear.
pub struct AttendanceJudge {
    /// Who the corrections are audited as.
    caller: crate::access::Caller,
    policy: PolicyBook,
    courses: HashMap<CourseNumber, CourseFacts>,
    sessions: SessionCache,
    enrollments: EnrollmentCache,
}

impl std::fmt::Debug for AttendanceJudge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AttendanceJudge")
            .field("courses", &self.courses.len())
            .finish_non_exhaustive()
    }
}

impl AttendanceJudge {
    pub async fn new(tx: &mut dyn ImportTx, policy: PolicyBook) -> Result<Self, ImportError> {
        Ok(Self {
            caller: crate::access::Caller::command_line(),
            policy,
            courses: tx.course_facts().await?,
            sessions: SessionCache::default(),
            enrollments: EnrollmentCache::default(),
        })
    }

    /// Audits the corrections this judge makes as `caller`'s (the command line by default).
    pub fn acting_for(mut self, caller: &crate::access::Caller) -> Self {
        self.caller = caller.clone();
        self
    }

    /// Verifies `reports` from `vendor`, in order, and writes them; the summary counts them.
    /// A chunk should hold at most a few thousand reports.
    pub async fn judge(
        &mut self,
        tx: &mut dyn ImportTx,
        vendor: &VendorCode,
        reports: &[(u64, AttendanceReport)],
        summary: &mut ImportSummary,
    ) -> Result<(), ImportError> {
        self.sessions.load(tx, reports).await?;
        self.enrollments.load(tx, reports).await?;
        judge_chunk(tx, vendor, self, reports, Mode::Report, summary).await
    }
}

/// What the reading thread hands to the judging task.
enum Parsed {
    /// Well-formed rows, and whether the file has been free of bad rows so far.
    Chunk {
        rows: Vec<(u64, AttendanceReport)>,
        clean: bool,
        bytes: u64,
    },
    /// The end of the file.
    End {
        rejections: Rejections,
        rows_read: u64,
        bytes: u64,
    },
    Failed(ImportError),
}

/// Reads and parses the file on its own thread, a chunk ahead of the judging, so reading and
/// parsing overlap with the database work. The channel holds two chunks: memory stays bounded.
fn spawn_reader<R: Read + Send + 'static>(input: R) -> tokio::sync::mpsc::Receiver<Parsed> {
    let (sender, receiver) = tokio::sync::mpsc::channel(2);
    std::thread::spawn(move || {
        let mut rejections = Rejections::default();
        let mut rows = match CsvRows::open(input, ImportKind::Attendance, &mut rejections) {
            Ok(rows) => rows,
            Err(e) => {
                let _ = sender.blocking_send(Parsed::Failed(e));
                return;
            }
        };
        let mut rows_read = 0;
        let mut chunk = Vec::with_capacity(CHUNK_ROWS);
        loop {
            let (line, record) = match rows.next(&mut rejections) {
                Ok(Some(row)) => row,
                Ok(None) => break,
                Err(e) => {
                    let _ = sender.blocking_send(Parsed::Failed(e));
                    return;
                }
            };
            rows_read += 1;
            match parse::attendance(record) {
                Ok(report) => chunk.push((line, report)),
                Err(errors) => rejections.add_columns(line, errors),
            }
            if chunk.len() == CHUNK_ROWS {
                let full = std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK_ROWS));
                let parsed = Parsed::Chunk {
                    rows: full,
                    clean: rejections.is_empty(),
                    bytes: rows.bytes_read(),
                };
                if sender.blocking_send(parsed).is_err() {
                    return; // The import was abandoned.
                }
            }
        }
        let bytes = rows.bytes_read();
        if !chunk.is_empty() {
            let parsed = Parsed::Chunk {
                rows: chunk,
                clean: rejections.is_empty(),
                bytes,
            };
            if sender.blocking_send(parsed).is_err() {
                return;
            }
        }
        let _ = sender.blocking_send(Parsed::End {
            rejections,
            rows_read,
            bytes,
        });
    });
    receiver
}

pub(super) async fn import<R: Read + Send + 'static>(
    caller: &crate::access::Caller,
    tx: &mut dyn ImportTx,
    vendor: &VendorCode,
    policy: PolicyBook,
    input: R,
    progress: &dyn Progress,
) -> Result<ImportSummary, ImportError> {
    if !tx
        .missing_vendors(std::slice::from_ref(vendor))
        .await?
        .is_empty()
    {
        return Err(ImportError::UnknownVendor(vendor.clone()));
    }
    let mut judge = AttendanceJudge::new(tx, policy).await?.acting_for(caller);
    let mut summary = ImportSummary {
        kind: Some(ImportKind::Attendance),
        ..Default::default()
    };
    let mut parsed = spawn_reader(input);
    loop {
        match parsed.recv().await {
            Some(Parsed::Chunk { rows, clean, bytes }) => {
                // Once the file is known to be rejected, rows are only checked, not judged.
                if clean {
                    judge.judge(tx, vendor, &rows, &mut summary).await?;
                }
                progress.read_bytes(bytes);
            }
            Some(Parsed::End {
                rejections,
                rows_read,
                bytes,
            }) => {
                progress.read_bytes(bytes);
                summary.rows = rows_read;
                return if rejections.is_empty() {
                    Ok(summary)
                } else {
                    Err(rejections.into_error())
                };
            }
            Some(Parsed::Failed(e)) => return Err(e),
            None => {
                return Err(ImportError::Read(std::io::Error::other(
                    "the file reader stopped",
                )));
            }
        }
    }
}

/// Judges every held record again (of one vendor, or all), in key order, inside one
/// transaction: records that now pass every rule become verified; the rest stay held, with
/// their reason brought up to date.
pub async fn reverify_held(
    store: &dyn Store,
    vendor: Option<&VendorCode>,
) -> Result<ImportSummary, ImportError> {
    let policy = PolicyBook::new(store.policy_versions().await?);
    let mut tx = store.begin_import().await?;
    let mut judge = AttendanceJudge::new(&mut *tx, policy).await?;
    let mut summary = ImportSummary {
        kind: Some(ImportKind::Attendance),
        ..Default::default()
    };
    let mut after = None;
    loop {
        let page = tx
            .held_attendance(vendor, after.as_ref(), CHUNK_ROWS as u32)
            .await?;
        let Some(last) = page.last() else { break };
        after = Some(last.key_ref());
        summary.rows += page.len() as u64;
        let mut by_vendor: BTreeMap<VendorCode, Vec<(u64, AttendanceReport)>> = BTreeMap::new();
        for record in page {
            let report = AttendanceReport {
                provider: record.provider,
                course: record.course,
                session: record.session,
                date: record.date,
                minutes: record.minutes,
                completed: record.completed,
                certificate: record.certificate,
            };
            by_vendor
                .entry(record.vendor)
                .or_default()
                .push((0, report));
        }
        for (vendor, reports) in &by_vendor {
            judge.sessions.load(&mut *tx, reports).await?;
            judge.enrollments.load(&mut *tx, reports).await?;
            judge_chunk(
                &mut *tx,
                vendor,
                &judge,
                reports,
                Mode::Reverify,
                &mut summary,
            )
            .await?;
        }
    }
    let caller = crate::access::Caller::command_line();
    tx.append_audit(&caller.audit(
        "attendance.reverify",
        "attendance",
        vendor.map_or("all vendors", |v| v.as_str()),
        None,
        serde_json::to_value(&summary).ok(),
    ))
    .await?;
    tx.commit().await?;
    Ok(summary)
}

fn key_of(r: &AttendanceRecord) -> AttendanceKey {
    (r.provider, r.course.clone(), r.date)
}

/// Why reports are being judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// A vendor's report: a row equal to a stored record changes nothing.
    Report,
    /// Held records judged again against today's reference data (a provider file that came
    /// after the attendance, a corrected course): a record still held for the same reason
    /// changes nothing.
    Reverify,
}

async fn judge_chunk(
    tx: &mut dyn ImportTx,
    vendor: &VendorCode,
    judge: &AttendanceJudge,
    chunk: &[(u64, AttendanceReport)],
    mode: Mode,
    summary: &mut ImportSummary,
) -> Result<(), ImportError> {
    if chunk.is_empty() {
        return Ok(());
    }
    let days: Vec<(ProviderNumber, Date)> = chunk
        .iter()
        .map(|(_, r)| (r.provider, r.date))
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let stored = tx.attendance_on_days(&days).await?;

    let mut ledger = AttendanceLedger::default();
    let mut slots: HashMap<AttendanceKey, Slot> = HashMap::with_capacity(chunk.len() * 2);
    for stored in stored {
        let slot = slots.entry(key_of(&stored)).or_default();
        if stored.is_verified() {
            ledger.record_verified(key_of(&stored), stored.minutes);
            slot.verified = Some(stored);
        } else {
            slot.stored_held = Some(stored.clone());
            slot.held = Some(stored);
            slot.held_in_db = true;
        }
    }
    let reference = ChunkReference {
        enrollments: &judge.enrollments.known,
        courses: &judge.courses,
        sessions: &judge.sessions.known,
    };
    let mut superseded_held = Vec::new();

    for (_, report) in chunk {
        let candidate = AttendanceRecord {
            provider: report.provider,
            course: report.course.clone(),
            date: report.date,
            session: report.session.clone(),
            minutes: report.minutes,
            completed: report.completed,
            certificate: report.certificate.clone(),
            vendor: vendor.clone(),
            verdict: Verdict::Held(pathways_domain::attendance::HoldReason::Duplicate),
        };
        let slot = slots.entry(key_of(&candidate)).or_default();
        let resent = [&slot.verified, &slot.held]
            .into_iter()
            .flatten()
            .any(|stored| stored.same_report(&candidate));
        if resent && mode == Mode::Report {
            summary.counts.unchanged += 1;
            continue;
        }
        let verdict = ledger.check(report, vendor, &reference, &judge.policy);
        let record = AttendanceRecord {
            verdict,
            ..candidate
        };
        let held_before = slot.held.as_ref().and_then(AttendanceRecord::hold_reason);
        if mode == Mode::Reverify
            && record.hold_reason().is_some()
            && record.hold_reason() == held_before
        {
            summary.counts.unchanged += 1;
            continue;
        }
        match record.hold_reason() {
            None => {
                summary.verified += 1;
                match mode {
                    Mode::Report => summary.counts.inserted += 1,
                    Mode::Reverify => summary.counts.updated += 1,
                }
                if slot.held.take().is_some() && std::mem::take(&mut slot.held_in_db) {
                    superseded_held.push(record.key_ref());
                }
                slot.held_changed = false;
                slot.verified = Some(record);
                slot.verified_is_new = true;
            }
            Some(reason) => {
                summary.hold(reason);
                if slot.held.is_some() {
                    summary.counts.updated += 1;
                } else {
                    summary.counts.inserted += 1;
                }
                slot.held = Some(record);
                slot.held_changed = true;
            }
        }
    }

    let mut write = AttendanceWrite {
        superseded_held,
        ..Default::default()
    };
    // A held record that a new report replaces, or that now verifies, is a correction: the
    // audit log keeps what it was and what it became.
    let mut corrections = Vec::new();
    for slot in slots.into_values() {
        if let Some(before) = &slot.stored_held {
            let after = if slot.held_changed {
                slot.held.as_ref()
            } else if slot.verified_is_new {
                slot.verified.as_ref()
            } else {
                None
            };
            if let Some(after) = after {
                corrections.push((before.clone(), after.clone()));
            }
        }
        if slot.verified_is_new
            && let Some(v) = slot.verified
        {
            write.inserts.push(v);
        }
        if slot.held_changed
            && let Some(h) = slot.held
        {
            if slot.held_in_db {
                write.replacements.push(h);
            } else {
                write.inserts.push(h);
            }
        }
    }
    corrections.sort_by(|a, b| key_cmp(&a.0, &b.0));
    let action = match mode {
        Mode::Report => "attendance.correct",
        Mode::Reverify => "attendance.reverify",
    };
    for (before, after) in &corrections {
        tx.append_audit(&judge.caller.audit(
            action,
            "attendance",
            format!(
                "{}/{}/{}",
                before.provider,
                before.course,
                pathways_domain::error::format_date(before.date)
            ),
            Some(record_json(before)),
            Some(record_json(after)),
        ))
        .await?;
    }
    // Key order makes the inserts append to the index instead of scattering through it.
    write.inserts.sort_by(key_cmp);
    if !write.is_empty() {
        tx.write_attendance(&write).await?;
    }
    Ok(())
}

/// An attendance record as the audit log shows it.
fn record_json(r: &AttendanceRecord) -> serde_json::Value {
    serde_json::json!({
        "provider_number": r.provider.to_string(),
        "course_number": r.course.to_string(),
        "session_id": r.session.as_ref().map(ToString::to_string),
        "date": pathways_domain::error::format_date(r.date),
        "minutes": r.minutes.get(),
        "completed": r.completed,
        "certificate_number": r.certificate.as_ref().map(ToString::to_string),
        "vendor_code": r.vendor.to_string(),
        "status": if r.is_verified() { "verified" } else { "held" },
        "hold_reason": r.hold_reason().map(|h| h.code()),
    })
}

fn key_cmp(a: &AttendanceRecord, b: &AttendanceRecord) -> std::cmp::Ordering {
    (a.date, a.provider, &a.course).cmp(&(b.date, b.provider, &b.course))
}

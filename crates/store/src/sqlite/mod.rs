//! The embedded default: one SQLite file, WAL journal, foreign keys on.

use std::str::FromStr;
use std::time::Duration;

use async_trait::async_trait;

use crate::accounts::AuditActor;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqlitePool, Transaction};
use time::OffsetDateTime;

use crate::model::AttendanceWrite;
use pathways_domain::eligibility::Enrollment;

use crate::rows::{ATTENDANCE_COLUMNS, ATTENDANCE_UPSERT, EnrollmentRow, verdict_columns};
use crate::{Backend, ImportTx, Store};

crate::common::common_queries!(Sqlite, distinct = "IS NOT");

/// Rows per attendance insert: a few hundred rows a statement is where SQLite's multi-row
/// inserts stop getting faster.
const ATTENDANCE_ROWS_PER_STATEMENT: usize = 500;

/// A SQLite database file.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
}

impl SqliteStore {
    pub async fn connect(url: &str) -> StoreResult<Self> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // In WAL mode NORMAL still never corrupts and never loses a committed transaction
            // on a process crash; it only may lose the last ones on power loss.
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(30))
            // 64 MiB of page cache per connection keeps large imports off the disk.
            .pragma("cache_size", "-65536")
            .pragma("temp_store", "memory");
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await?;
        Ok(Self { pool })
    }

    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// A write transaction holding SQLite's write lock from the start, so two writers queue
    /// instead of one failing when it upgrades a read lock.
    async fn begin_write(&self) -> StoreResult<Transaction<'static, Sqlite>> {
        Ok(self.pool.begin_with("BEGIN IMMEDIATE").await?)
    }
}

crate::account_sql::account_queries!(SqliteStore, Sqlite, lease_lock = "");
// BEGIN IMMEDIATE already holds the only write lock: no row lock needed.
crate::registration_sql::registration_queries!(SqliteStore, Sqlite, lock_session = "");
crate::course_sql::course_queries!(SqliteStore, Sqlite);
crate::career_sql::career_queries!(SqliteStore, Sqlite);
crate::policy_sql::policy_queries!(SqliteStore, Sqlite, lock_decisions = []);
crate::claim_sql::claim_queries!(SqliteStore, Sqlite, lock_provider = []);
crate::coaching_sql::coaching_queries!(SqliteStore, Sqlite, lock_coach = [], lock_provider = []);
crate::payroll_sql::payroll_queries!(
    SqliteStore,
    Sqlite,
    lock_payroll = [],
    series = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $1)",
    payment_line = "printf('%d,%09d,%s,%02d,training,%d.%02d,%d.%02d,%d.%02d,%s', payment_id, \
        provider_number, case_number, county_code, hundredths / 100, hundredths % 100, \
        rate_cents / 100, rate_cents % 100, amount_cents / 100, amount_cents % 100, $3)",
    incentive_line = "printf('%d,%09d,,%02d,%s,,,%d.%02d,%s', payment_id, provider_number, \
        county_code, kind, amount_cents / 100, amount_cents % 100, $3)",
    recovery_line = "printf('%d,%09d,,%02d,recovery,,,-%d.%02d,%s', payment_id, \
        provider_number, county_code, amount_cents / 100, amount_cents % 100, $3)",
    join_lines = "group_concat(line, char(10) ORDER BY payment_id)"
);
crate::incentive_sql::incentive_queries!(
    SqliteStore,
    Sqlite,
    day_from = "CAST(julianday(",
    day_to = ") - 2440587.5 AS INTEGER)",
    concat_all = "group_concat",
    as_text = ""
);

#[async_trait]
impl Store for SqliteStore {
    fn backend(&self) -> Backend {
        Backend::Sqlite
    }

    async fn migrate(&self) -> StoreResult<()> {
        sqlx::migrate!("./migrations/sqlite")
            .run(&self.pool)
            .await?;
        let mut tx = self.begin_write().await?;
        run_pending_backfills(&mut tx).await?;
        tx.commit().await?;
        let mut conn = self.pool.acquire().await?;
        if policy_versions(&mut conn).await?.is_empty() {
            add_policy_version(
                &mut conn,
                &pathways_domain::policy::PolicyVersion::program_default(),
            )
            .await?;
        }
        Ok(())
    }

    async fn ping(&self) -> StoreResult<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    async fn refresh_statistics(&self, _table: &str) -> StoreResult<()> {
        Ok(())
    }

    async fn begin_import(&self) -> StoreResult<Box<dyn ImportTx>> {
        // IMMEDIATE takes the write lock now, so a concurrent writer waits instead of failing
        // half-way through the import.
        let tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        Ok(Box::new(SqliteImport {
            tx,
            actor: AuditActor {
                account: None,
                label: "import".to_owned(),
            },
            watched: HashMap::new(),
        }))
    }

    async fn policy_versions(&self) -> StoreResult<Vec<pathways_domain::policy::PolicyVersion>> {
        policy_versions(&mut *self.pool.acquire().await?).await
    }

    async fn add_policy_version(
        &self,
        version: &pathways_domain::policy::PolicyVersion,
    ) -> StoreResult<bool> {
        add_policy_version(&mut *self.pool.acquire().await?, version).await
    }

    async fn search_catalog(
        &self,
        filter: &CatalogFilter,
        today: Date,
    ) -> StoreResult<CatalogPage> {
        search_catalog(&mut *self.pool.acquire().await?, filter, today).await
    }

    async fn catalog_course(
        &self,
        number: &CourseNumber,
        today: Date,
    ) -> StoreResult<Option<CourseDetail>> {
        catalog_course(&mut *self.pool.acquire().await?, number, today).await
    }

    async fn catalog_languages(&self, today: Date) -> StoreResult<Vec<String>> {
        catalog_languages(&mut *self.pool.acquire().await?, today).await
    }

    async fn held_attendance(
        &self,
        vendor: Option<&VendorCode>,
        after: Option<&AttendanceKeyRef>,
        limit: u32,
    ) -> StoreResult<Vec<AttendanceRecord>> {
        held_attendance(&mut *self.pool.acquire().await?, vendor, after, limit).await
    }

    async fn provider_attendance(
        &self,
        provider: ProviderNumber,
        limit: u32,
    ) -> StoreResult<Vec<AttendanceRecord>> {
        provider_attendance(&mut *self.pool.acquire().await?, provider, limit).await
    }

    async fn session_roster(
        &self,
        id: &SessionId,
    ) -> StoreResult<Option<crate::model::SessionRoster>> {
        session_roster(&mut *self.pool.acquire().await?, id).await
    }

    async fn table_counts(&self) -> StoreResult<TableCounts> {
        table_counts(&mut *self.pool.acquire().await?).await
    }

    async fn size_bytes(&self) -> StoreResult<u64> {
        let bytes: i64 = sqlx::query_scalar(
            "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok(u64::try_from(bytes).unwrap_or_default())
    }
}

/// An import in one SQLite write transaction.
#[derive(Debug)]
struct SqliteImport {
    tx: Transaction<'static, Sqlite>,
    /// Who the changes of this import are audited as.
    actor: AuditActor,
    /// Sessions with people on them that this import rewrote, as they were first.
    watched: HashMap<SessionId, pathways_domain::entities::Session>,
}

#[async_trait]
impl ImportTx for SqliteImport {
    async fn upsert(&mut self, batch: &Batch) -> StoreResult<UpsertCounts> {
        if let Batch::Sessions(rows) = batch {
            let ids: Vec<&SessionId> = rows
                .iter()
                .map(|r| &r.id)
                .filter(|id| !self.watched.contains_key(*id))
                .collect();
            for (session, _) in sessions_with_places(&mut self.tx, &ids).await? {
                self.watched.insert(session.id.clone(), session);
            }
        }
        upsert(&mut self.tx, batch, &self.actor).await
    }

    async fn moved_sessions(&mut self) -> StoreResult<Vec<crate::MovedSession>> {
        let ids: Vec<&SessionId> = self.watched.keys().collect();
        let mut moved = Vec::new();
        for (after, places) in sessions_with_places(&mut self.tx, &ids).await? {
            let Some(before) = self.watched.get(&after.id) else {
                continue;
            };
            if (before.starts_at, before.ends_at, &before.location)
                != (after.starts_at, after.ends_at, &after.location)
            {
                moved.push(crate::MovedSession {
                    before: before.clone(),
                    after,
                    places,
                });
            }
        }
        Ok(moved)
    }

    async fn enqueue_message(&mut self, message: &NewMessage) -> StoreResult<()> {
        insert_message(&mut self.tx, message).await.map(|_| ())
    }

    async fn withdraw_messages(&mut self, topic: &str, now: OffsetDateTime) -> StoreResult<u64> {
        withdraw_messages_in(&mut self.tx, topic, now).await
    }

    fn set_actor(&mut self, actor: AuditActor) {
        self.actor = actor;
    }

    async fn claim_keys(&mut self, keys: &[(i64, u64)]) -> StoreResult<Vec<(i64, u64)>> {
        claim_keys(&mut self.tx, keys).await
    }

    async fn forget_keys(&mut self) -> StoreResult<()> {
        forget_keys(&mut self.tx).await
    }

    async fn missing_vendors(&mut self, codes: &[VendorCode]) -> StoreResult<Vec<VendorCode>> {
        missing_vendors(&mut self.tx, codes).await
    }

    async fn missing_courses(
        &mut self,
        numbers: &[CourseNumber],
    ) -> StoreResult<Vec<CourseNumber>> {
        missing_courses(&mut self.tx, numbers).await
    }

    async fn course_facts(&mut self) -> StoreResult<HashMap<CourseNumber, CourseFacts>> {
        course_facts(&mut self.tx).await
    }

    async fn session_facts(
        &mut self,
        ids: &[SessionId],
    ) -> StoreResult<HashMap<SessionId, SessionFacts>> {
        session_facts(&mut self.tx, ids).await
    }

    async fn enrollments(
        &mut self,
        providers: &[ProviderNumber],
    ) -> StoreResult<HashMap<ProviderNumber, Enrollment>> {
        let mut found = HashMap::with_capacity(providers.len());
        for chunk in providers.chunks(MAX_PARAMS) {
            let mut qb = QueryBuilder::<Sqlite>::new(
                "SELECT provider_number, enrollment_status, enrolled_on, last_paid_on \
                 FROM providers WHERE provider_number IN (",
            );
            let mut list = qb.separated(", ");
            for p in chunk {
                list.push_bind(p.as_i64());
            }
            qb.push(")");
            let rows: Vec<EnrollmentRow> = qb.build_query_as().fetch_all(&mut *self.tx).await?;
            for row in rows {
                let (number, enrollment) = row.into_domain()?;
                found.insert(number, enrollment);
            }
        }
        Ok(found)
    }

    async fn attendance_on_days(
        &mut self,
        days: &[(ProviderNumber, Date)],
    ) -> StoreResult<Vec<AttendanceRecord>> {
        let mut records = Vec::new();
        for chunk in days.chunks(MAX_PARAMS / 2) {
            // A join from the wanted days probes the key (attended_on, provider_number, …).
            let mut qb = QueryBuilder::<Sqlite>::new(format!("{ATTENDANCE_SELECT} AS a JOIN ("));
            qb.push_values(chunk, |mut b, (provider, day)| {
                b.push_bind(*day).push_bind(provider.as_i64());
            });
            qb.push(") AS k ON a.attended_on = k.column1 AND a.provider_number = k.column2");
            let rows: Vec<AttendanceRow> = qb.build_query_as().fetch_all(&mut *self.tx).await?;
            for row in rows {
                records.push(row.try_into()?);
            }
        }
        Ok(records)
    }

    async fn held_attendance(
        &mut self,
        vendor: Option<&VendorCode>,
        after: Option<&AttendanceKeyRef>,
        limit: u32,
    ) -> StoreResult<Vec<AttendanceRecord>> {
        held_attendance(&mut self.tx, vendor, after, limit).await
    }

    async fn write_attendance(&mut self, write: &AttendanceWrite) -> StoreResult<()> {
        delete_held(&mut self.tx, &write.superseded_held).await?;
        let now = OffsetDateTime::now_utc();
        for (records, upsert) in [(&write.inserts, false), (&write.replacements, true)] {
            for chunk in records.chunks(ATTENDANCE_ROWS_PER_STATEMENT) {
                let mut qb = QueryBuilder::<Sqlite>::new(format!(
                    "INSERT INTO attendance ({ATTENDANCE_COLUMNS}) "
                ));
                qb.push_values(chunk, |mut b, r| {
                    let (status, reason, policy) = verdict_columns(&r.verdict);
                    b.push_bind(r.provider.as_i64())
                        .push_bind(r.course.as_str().to_owned())
                        .push_bind(r.date)
                        .push_bind(status)
                        .push_bind(r.session.as_ref().map(|s| s.as_str().to_owned()))
                        .push_bind(i64::from(r.minutes.get()))
                        .push_bind(r.completed)
                        .push_bind(r.certificate.as_ref().map(|c| c.as_str().to_owned()))
                        .push_bind(r.vendor.as_str().to_owned())
                        .push_bind(reason)
                        .push_bind(policy.map(str::to_owned))
                        .push_bind(now);
                });
                // New keys cannot conflict (the importer checked what is stored), and a plain
                // insert is cheaper; replacements of held records need the upsert.
                if upsert {
                    qb.push(ATTENDANCE_UPSERT);
                }
                qb.build().execute(&mut *self.tx).await?;
            }
        }
        Ok(())
    }

    async fn append_audit(&mut self, entry: &AuditEntry) -> StoreResult<()> {
        write_audit(&mut self.tx, entry, &entry.record_key).await
    }

    async fn commit(self: Box<Self>) -> StoreResult<()> {
        self.tx.commit().await?;
        Ok(())
    }
}

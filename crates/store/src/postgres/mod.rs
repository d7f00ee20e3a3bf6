//! The scale-out backend: PostgreSQL, with COPY for bulk attendance loads.

use async_trait::async_trait;

use crate::accounts::AuditActor;
use sqlx::postgres::PgPoolOptions;
use sqlx::{PgPool, Postgres, Transaction};
use time::OffsetDateTime;

use crate::model::AttendanceWrite;
use pathways_domain::eligibility::Enrollment;

use crate::rows::{ATTENDANCE_COLUMNS, ATTENDANCE_UPSERT, EnrollmentRow, verdict_columns};
use crate::{Backend, ImportTx, Store};

crate::common::common_queries!(Postgres, distinct = "IS DISTINCT FROM");

/// Bytes of COPY data sent per message.
const COPY_BUFFER: usize = 1 << 20;

/// A PostgreSQL database.
#[derive(Debug, Clone)]
pub struct PgStore {
    pool: PgPool,
}

impl PgStore {
    pub async fn connect(url: &str) -> StoreResult<Self> {
        // No JIT compilation: the app's queries are many and short, and compiling one costs
        // more than running it (a work-hours probe of 500 pairs: 73 ms with JIT, 9 ms without).
        let options = url
            .parse::<sqlx::postgres::PgConnectOptions>()?
            .options([("jit", "off")]);
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .connect_with(options)
            .await?;
        Ok(Self { pool })
    }

    /// A store over a pool made elsewhere (tests make one that cannot connect).
    pub fn from_pool(pool: PgPool) -> Self {
        Self { pool }
    }

    pub fn pool(&self) -> &PgPool {
        &self.pool
    }

    async fn begin_write(&self) -> StoreResult<Transaction<'static, Postgres>> {
        Ok(self.pool.begin().await?)
    }
}

// Two workers leasing at once skip each other's rows instead of waiting for them.
crate::account_sql::account_queries!(PgStore, Postgres, lease_lock = " FOR UPDATE SKIP LOCKED");
// Requests for one session's seats wait for each other on its row.
crate::registration_sql::registration_queries!(PgStore, Postgres, lock_session = " FOR UPDATE");
crate::course_sql::course_queries!(PgStore, Postgres);
crate::career_sql::career_queries!(PgStore, Postgres);
// Imports and claims that could name the version wait for a change to it (SHARE blocks writers).
crate::policy_sql::policy_queries!(
    PgStore,
    Postgres,
    lock_decisions = ["LOCK TABLE attendance, incentive_claims, training_claims IN SHARE MODE"]
);
// A provider's claims are judged one at a time (class 7 of the two-key advisory locks).
crate::claim_sql::claim_queries!(
    PgStore,
    Postgres,
    lock_provider = ["SELECT pg_advisory_xact_lock(7, CAST($1 AS INT))"]
);
// Batch creation, bulk review and confirmations run one at a time across every app server.
crate::coaching_sql::coaching_queries!(
    PgStore,
    Postgres,
    lock_coach = ["SELECT pg_advisory_xact_lock(8, CAST($1 AS INT))"],
    lock_provider = ["SELECT pg_advisory_xact_lock(9, CAST($1 AS INT))"]
);
crate::payroll_sql::payroll_queries!(
    PgStore,
    Postgres,
    lock_payroll = ["SELECT pg_advisory_xact_lock(hashtext('pathways-payroll'))"],
    series = "WITH n(i) AS (SELECT generate_series(CAST(1 AS BIGINT), $1))",
    payment_line = "format('%s,%s,%s,%s,training,%s.%s,%s.%s,%s.%s,%s', payment_id, \
        lpad(provider_number::text, 9, '0'), case_number, lpad(county_code::text, 2, '0'), \
        hundredths / 100, lpad((hundredths % 100)::text, 2, '0'), rate_cents / 100, \
        lpad((rate_cents % 100)::text, 2, '0'), amount_cents / 100, \
        lpad((amount_cents % 100)::text, 2, '0'), $3::text)",
    incentive_line = "format('%s,%s,,%s,%s,,,%s.%s,%s', payment_id, \
        lpad(provider_number::text, 9, '0'), lpad(county_code::text, 2, '0'), kind, \
        amount_cents / 100, lpad((amount_cents % 100)::text, 2, '0'), $3::text)",
    recovery_line = "format('%s,%s,,%s,recovery,,,-%s.%s,%s', payment_id, \
        lpad(provider_number::text, 9, '0'), lpad(county_code::text, 2, '0'), \
        amount_cents / 100, lpad((amount_cents % 100)::text, 2, '0'), $3::text)",
    join_lines = "string_agg(line, E'\\n' ORDER BY payment_id)"
);
crate::incentive_sql::incentive_queries!(
    PgStore,
    Postgres,
    day_from = "(",
    day_to = " - DATE '1970-01-01')::bigint",
    concat_all = "string_agg",
    as_text = "::text"
);

#[async_trait]
impl Store for PgStore {
    fn backend(&self) -> Backend {
        Backend::Postgres
    }

    async fn migrate(&self) -> StoreResult<()> {
        sqlx::migrate!("./migrations/postgres")
            .run(&self.pool)
            .await?;
        let mut tx = self.pool.begin().await?;
        // Several app servers may start at once: only one does the backfills and adds the
        // default policy.
        sqlx::query("SELECT pg_advisory_xact_lock(hashtext('pathways-default-policy'))")
            .execute(&mut *tx)
            .await?;
        run_pending_backfills(&mut tx).await?;
        if policy_versions(&mut tx).await?.is_empty() {
            add_policy_version(
                &mut tx,
                &pathways_domain::policy::PolicyVersion::program_default(),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn ping(&self) -> StoreResult<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    async fn refresh_statistics(&self, table: &str) -> StoreResult<()> {
        // Only a known table name is ever put into the statement.
        let Some(table) = crate::PROGRAM_TABLES.iter().find(|t| **t == table) else {
            return Err(StoreError::corrupt(format!(
                "no program table named {table}"
            )));
        };
        sqlx::query(sqlx::AssertSqlSafe(format!("ANALYZE {table}")))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn begin_import(&self) -> StoreResult<Box<dyn ImportTx>> {
        let mut tx = self.pool.begin().await?;
        // One import at a time, across every app server: verification reads what earlier
        // imports verified, so two at once could both verify the same key.
        sqlx::query("SELECT pg_advisory_xact_lock(hashtext('pathways-import'))")
            .execute(&mut *tx)
            .await?;
        // The chunk queries take thousands of provider numbers as one array. Planned with the
        // array's values, PostgreSQL hashes it; a cached generic plan would not, and probes the
        // index once per number instead (measured 100× slower).
        sqlx::query("SET LOCAL plan_cache_mode = force_custom_plan")
            .execute(&mut *tx)
            .await?;
        // Every import query looks up keys. Statistics lag behind a table this transaction is
        // filling, and a planner that believes it small scans it once per chunk; keyed lookups
        // are right at every size.
        sqlx::query("SET LOCAL enable_seqscan = off")
            .execute(&mut *tx)
            .await?;
        Ok(Box::new(PgImport {
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
        let bytes: i64 = sqlx::query_scalar("SELECT pg_database_size(current_database())")
            .fetch_one(&self.pool)
            .await?;
        Ok(u64::try_from(bytes).unwrap_or_default())
    }
}

/// An import in one PostgreSQL transaction.
#[derive(Debug)]
struct PgImport {
    tx: Transaction<'static, Postgres>,
    /// Who the changes of this import are audited as.
    actor: AuditActor,
    /// Sessions with people on them that this import rewrote, as they were first.
    watched: HashMap<SessionId, pathways_domain::entities::Session>,
}

/// Rows of `attendance` in PostgreSQL's binary COPY format, which the server loads without
/// parsing text (measured faster than the text format for a million rows).
struct BinaryCopy {
    buf: Vec<u8>,
}

/// 2000-01-01, PostgreSQL's epoch for dates and timestamps.
const PG_EPOCH: Date = time::macros::date!(2000 - 01 - 01);

impl BinaryCopy {
    fn new() -> Self {
        let mut buf = Vec::with_capacity(COPY_BUFFER + 4096);
        buf.extend_from_slice(b"PGCOPY\n\xff\r\n\0");
        buf.extend_from_slice(&0i32.to_be_bytes()); // flags
        buf.extend_from_slice(&0i32.to_be_bytes()); // header extension length
        Self { buf }
    }

    fn i64(&mut self, v: i64) {
        self.buf.extend_from_slice(&8i32.to_be_bytes());
        self.buf.extend_from_slice(&v.to_be_bytes());
    }

    fn text(&mut self, v: Option<&str>) {
        match v {
            None => self.buf.extend_from_slice(&(-1i32).to_be_bytes()),
            Some(v) => {
                let len = i32::try_from(v.len()).unwrap_or(i32::MAX);
                self.buf.extend_from_slice(&len.to_be_bytes());
                self.buf.extend_from_slice(v.as_bytes());
            }
        }
    }

    fn row(&mut self, r: &AttendanceRecord, recorded_at_micros: i64) {
        let (status, reason, policy) = verdict_columns(&r.verdict);
        self.buf.extend_from_slice(&12i16.to_be_bytes());
        self.i64(r.provider.as_i64());
        self.text(Some(r.course.as_str()));
        let days = i32::try_from((r.date - PG_EPOCH).whole_days()).unwrap_or_default();
        self.buf.extend_from_slice(&4i32.to_be_bytes());
        self.buf.extend_from_slice(&days.to_be_bytes());
        self.text(Some(status));
        self.text(r.session.as_ref().map(|s| s.as_str()));
        self.i64(i64::from(r.minutes.get()));
        self.buf.extend_from_slice(&1i32.to_be_bytes());
        self.buf.push(u8::from(r.completed));
        self.text(r.certificate.as_ref().map(|c| c.as_str()));
        self.text(Some(r.vendor.as_str()));
        self.text(reason);
        self.text(policy);
        self.i64(recorded_at_micros);
    }

    fn finish(&mut self) {
        self.buf.extend_from_slice(&(-1i16).to_be_bytes());
    }
}

#[async_trait]
impl ImportTx for PgImport {
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
        // One array parameter instead of thousands: PostgreSQL plans it once, quickly.
        let numbers: Vec<i64> = providers.iter().map(|p| p.as_i64()).collect();
        let rows: Vec<EnrollmentRow> = sqlx::query_as(
            "SELECT provider_number, enrollment_status, enrolled_on, last_paid_on \
             FROM providers WHERE provider_number = ANY($1)",
        )
        .bind(numbers)
        .fetch_all(&mut *self.tx)
        .await?;
        rows.into_iter().map(EnrollmentRow::into_domain).collect()
    }

    async fn attendance_on_days(
        &mut self,
        days: &[(ProviderNumber, Date)],
    ) -> StoreResult<Vec<AttendanceRecord>> {
        let (providers, dates): (Vec<i64>, Vec<Date>) =
            days.iter().map(|(p, d)| (p.as_i64(), *d)).unzip();
        let (Some(from), Some(to)) = (dates.iter().min().copied(), dates.iter().max().copied())
        else {
            return Ok(Vec::new());
        };
        // Files usually come in date order, so a chunk covers a few days: one range scan of
        // the key's leading date, filtered by a hashed provider array, beats thousands of index
        // probes. A chunk spread over many days probes (day, provider) pairs instead.
        let rows: Vec<AttendanceRow> = if (to - from).whole_days() <= 14 {
            let wanted: std::collections::HashSet<(i64, Date)> = providers
                .iter()
                .copied()
                .zip(dates.iter().copied())
                .collect();
            let mut unique = providers.clone();
            unique.sort_unstable();
            unique.dedup();
            let rows: Vec<AttendanceRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "{ATTENDANCE_SELECT} WHERE attended_on BETWEEN $1 AND $2 \
                 AND provider_number = ANY($3)"
            )))
            .bind(from)
            .bind(to)
            .bind(unique)
            .fetch_all(&mut *self.tx)
            .await?;
            rows.into_iter()
                .filter(|r| wanted.contains(&(r.provider_number, r.attended_on)))
                .collect()
        } else {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "{ATTENDANCE_SELECT} AS a JOIN unnest($1::date[], $2::bigint[]) AS k(day, provider) \
                 ON a.attended_on = k.day AND a.provider_number = k.provider"
            )))
            .bind(dates)
            .bind(providers)
            .fetch_all(&mut *self.tx)
            .await?
        };
        rows.into_iter().map(TryInto::try_into).collect()
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
        if !write.inserts.is_empty() {
            // New keys cannot conflict (the importer checked what is stored), so COPY them.
            let epoch = PrimitiveDateTime::new(PG_EPOCH, Time::MIDNIGHT).assume_utc();
            let recorded_at = i64::try_from((now - epoch).whole_microseconds()).unwrap_or_default();
            let mut copy = self
                .tx
                .copy_in_raw(&format!(
                    "COPY attendance ({ATTENDANCE_COLUMNS}) FROM STDIN WITH (FORMAT binary)"
                ))
                .await?;
            let mut data = BinaryCopy::new();
            for r in &write.inserts {
                data.row(r, recorded_at);
                if data.buf.len() >= COPY_BUFFER {
                    copy.send(data.buf.as_slice()).await?;
                    data.buf.clear();
                }
            }
            data.finish();
            copy.send(data.buf.as_slice()).await?;
            copy.finish().await?;
        }
        for chunk in write.replacements.chunks(500) {
            let mut qb = QueryBuilder::<Postgres>::new(format!(
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
            qb.push(ATTENDANCE_UPSERT);
            qb.build().execute(&mut *self.tx).await?;
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

//! Queries whose SQL is the same in both dialects, stamped out once per backend with its own
//! concrete types (so each backend still compiles and runs its own statements).

/// Rows per multi-row statement: well below SQLite's 32,766 and PostgreSQL's 65,535 bound
/// parameters for the widest table.
pub(crate) const MAX_PARAMS: usize = 30_000;

macro_rules! common_queries {
    ($db:ty, distinct = $distinct:expr) => {
        use std::collections::HashMap;

        use pathways_domain::attendance::{CourseFacts, SessionFacts};
        use pathways_domain::ids::{CourseNumber, ProviderNumber, SessionId, VendorCode};
        use pathways_domain::pathway::{Modality, Pathway};
        use sqlx::QueryBuilder;
        use time::{Date, PrimitiveDateTime, Time};

        use $crate::common::MAX_PARAMS;
        use $crate::model::{
            AttendanceKeyRef, AttendanceRecord, Batch, CatalogFilter,
            CatalogPage, CatalogSort, CourseDetail, CourseSummary, TableCounts, UpsertCounts,
        };
        use $crate::rows::{
            AttendanceRow, CatalogRow, CourseRow, SessionRow, VendorRow, batch_rows,
            bind_value,
        };
        use $crate::search::{SearchDialect, SearchTerms};
        use $crate::{StoreError, StoreResult};

        type Conn = <$db as sqlx::Database>::Connection;

        fn midnight(date: Date) -> PrimitiveDateTime {
            PrimitiveDateTime::new(date, Time::MIDNIGHT)
        }

        /// The join that narrows a catalog search to courses with every search word (see
        /// [`SearchDialect::push_word_join`]); nothing when there are no words.
        fn push_catalog_text_join(qb: &mut QueryBuilder<$db>, terms: &SearchTerms, ranked: bool) {
            if !terms.words.is_empty() {
                <$db as SearchDialect>::push_word_join(qb, &terms.words, ranked);
            }
        }

        /// Whether a catalog search asks anything of a course's sessions.
        fn asks_for_sessions(filter: &CatalogFilter) -> bool {
            filter.online.is_some()
                || filter.county.is_some()
                || filter.from.is_some()
                || filter.until.is_some()
                || filter.seats_available
        }

        /// The conditions on a session `s` of course `c` that the filter asks for: not ended,
        /// online or in person, in the county, starting in the date range, a seat one can
        /// still take here.
        fn push_session_match(qb: &mut QueryBuilder<$db>, filter: &CatalogFilter, today: Date) {
            qb.push("s.course_number = c.course_number AND s.cancelled_at IS NULL AND s.ends_at >= ")
                .push_bind(midnight(today));
            match filter.online {
                Some(true) => {
                    qb.push(" AND s.location IS NULL");
                }
                Some(false) => {
                    qb.push(" AND s.location IS NOT NULL");
                }
                None => {}
            }
            if let Some(county) = filter.county {
                // Online sessions have no county, so this is in person too.
                qb.push(" AND s.county_code = ").push_bind(i64::from(county.get()));
            }
            if let Some(from) = filter.from {
                qb.push(" AND s.starts_at >= ").push_bind(midnight(from));
            }
            if let Some(next) = filter.until.and_then(Date::next_day) {
                qb.push(" AND s.starts_at < ").push_bind(midnight(next));
            }
            if filter.seats_available {
                // A scheduled class takes registrations until the day it starts; a self-paced
                // window while it is open. Counting uses `registrations_session`.
                qb.push(" AND c.registration_url IS NULL AND (c.modality = ")
                    .push_bind(Modality::SelfPaced.code().to_owned())
                    .push(" OR s.starts_at >= ")
                    .push_bind(midnight(today))
                    .push(
                        ") AND (s.capacity IS NULL OR s.capacity > (SELECT COUNT(*) \
                         FROM registrations r WHERE r.session_id = s.session_id \
                         AND r.status = 'registered'))",
                    );
            }
        }

        /// `WHERE` of a catalog search: in the catalog today, and the filter's criteria.
        fn push_catalog_where(
            qb: &mut QueryBuilder<$db>,
            filter: &CatalogFilter,
            terms: &SearchTerms,
            today: Date,
        ) {
            qb.push(" WHERE c.published_on <= ").push_bind(today);
            qb.push(" AND (c.retired_on IS NULL OR c.retired_on > ").push_bind(today).push(")");
            if let Some(pathway) = filter.pathway {
                qb.push(" AND c.pathway = ").push_bind(pathway.code().to_owned());
            }
            if let Some(category) = filter.category {
                qb.push(" AND c.pathway IN (");
                let mut list = qb.separated(", ");
                for p in Pathway::in_category(category) {
                    list.push_bind(p.code().to_owned());
                }
                qb.push(")");
            }
            if let Some(modality) = filter.modality {
                qb.push(" AND c.modality = ").push_bind(modality.code().to_owned());
            }
            if let Some(language) = &filter.language {
                qb.push(
                    " AND EXISTS (SELECT 1 FROM course_languages l \
                     WHERE l.course_number = c.course_number AND l.language = ",
                )
                .push_bind(language.clone())
                .push(")");
            }
            for term in &terms.substrings {
                qb.push(" AND (");
                <$db as SearchDialect>::push_contains(qb, "c.title", term);
                qb.push(" OR ");
                <$db as SearchDialect>::push_contains(qb, "c.description", term);
                qb.push(")");
            }
            if asks_for_sessions(filter) {
                qb.push(" AND (EXISTS (SELECT 1 FROM sessions s WHERE ");
                push_session_match(qb, filter, today);
                qb.push(")");
                // Online or in person alone also finds a course with nothing scheduled by
                // how it is taught (a self-paced course the vendor enrols people in).
                if let (Some(online), None, None, None, false) = (
                    filter.online,
                    filter.county,
                    filter.from,
                    filter.until,
                    filter.seats_available,
                )
                {
                    qb.push(" OR (c.modality ")
                        .push(if online { "<> " } else { "= " })
                        .push_bind(Modality::InPerson.code().to_owned())
                        .push(
                            " AND NOT EXISTS (SELECT 1 FROM sessions s \
                             WHERE s.course_number = c.course_number \
                             AND s.cancelled_at IS NULL AND s.ends_at >= ",
                        )
                        .push_bind(midnight(today))
                        .push("))");
                }
                qb.push(")");
            }
        }

        /// The sort keys of a catalog search, as columns `o1`, `o2`, … of the select list
        /// (after a comma); title and number last, so pages never overlap. Returns how many.
        fn push_catalog_sort_keys(
            qb: &mut QueryBuilder<$db>,
            filter: &CatalogFilter,
            terms: &SearchTerms,
            today: Date,
        ) -> usize {
            let mut keys = 0;
            let mut key = |qb: &mut QueryBuilder<$db>| {
                keys += 1;
                qb.push(format!(" AS o{keys}, "));
            };
            match filter.sort {
                CatalogSort::Relevance => {
                    if !terms.words.is_empty() {
                        qb.push(<$db as SearchDialect>::RANK);
                        key(qb);
                    }
                    // Terms matched as substrings: those found in the title first.
                    for term in &terms.substrings {
                        qb.push("CASE WHEN ");
                        <$db as SearchDialect>::push_contains(qb, "c.title", term);
                        qb.push(" THEN 0 ELSE 1 END");
                        key(qb);
                    }
                }
                CatalogSort::Title => {}
                CatalogSort::Soonest => {
                    qb.push("COALESCE((SELECT MIN(s.starts_at) FROM sessions s WHERE ");
                    push_session_match(qb, filter, today);
                    qb.push("), ").push_bind(midnight(Date::MAX)).push(")");
                    key(qb);
                }
            }
            qb.push("c.title");
            key(qb);
            qb.push("c.course_number");
            keys += 1;
            qb.push(format!(" AS o{keys}"));
            keys
        }

        /// `o1, o2, …` with `prefix` (a table alias and dot, or nothing).
        fn sort_key_list(prefix: &str, keys: usize) -> String {
            (1..=keys).map(|k| format!("{prefix}o{k}")).collect::<Vec<_>>().join(", ")
        }

        pub(super) async fn search_catalog(
            conn: &mut Conn,
            filter: &CatalogFilter,
            today: Date,
        ) -> StoreResult<CatalogPage> {
            let per_page = filter.per_page.clamp(1, 100);
            let page = filter.page.max(1);
            let terms = filter.text.as_deref().map(SearchTerms::parse).unwrap_or_default();
            // Ordering by relevance or by next session looks at every match anyway, so the
            // page query counts them too; in title order the page comes from an index, and
            // a separate count is cheaper.
            let counted_with_page = match filter.sort {
                CatalogSort::Relevance => {
                    !terms.words.is_empty() || !terms.substrings.is_empty()
                }
                CatalogSort::Title => false,
                CatalogSort::Soonest => true,
            };

            // The page's courses are chosen and ordered by their keys alone (`p`); only those
            // are read whole, with their vendor and upcoming sessions.
            let mut qb = QueryBuilder::<$db>::new(
                "SELECT c.course_number, c.vendor_code, c.pathway, c.title, c.credit_hundredths, \
                 c.modality, c.languages, c.published_on, c.retired_on, c.registration_url, \
                 c.description, v.name AS vendor_name, \
                 (SELECT COUNT(*) FROM sessions s WHERE s.course_number = c.course_number \
                  AND s.cancelled_at IS NULL AND s.ends_at >= ",
            );
            qb.push_bind(midnight(today)).push(") AS upcoming_sessions, p.total FROM (SELECT c.course_number, ")
                .push(if counted_with_page {
                    "COUNT(*) OVER () AS total, "
                } else {
                    "CAST(-1 AS BIGINT) AS total, "
                });
            let keys = push_catalog_sort_keys(&mut qb, filter, &terms, today);
            qb.push(" FROM courses c");
            push_catalog_text_join(&mut qb, &terms, filter.sort == CatalogSort::Relevance);
            push_catalog_where(&mut qb, filter, &terms, today);
            qb.push(" ORDER BY ")
                .push(sort_key_list("", keys))
                .push(" LIMIT ")
                .push_bind(i64::from(per_page))
                .push(" OFFSET ")
                .push_bind(i64::from(page - 1) * i64::from(per_page))
                .push(
                    ") p JOIN courses c ON c.course_number = p.course_number \
                     JOIN vendors v ON v.vendor_code = c.vendor_code ORDER BY ",
                )
                .push(sort_key_list("p.", keys));
            let rows: Vec<CatalogRow> = qb.build_query_as().fetch_all(&mut *conn).await?;
            let total = match rows.first() {
                Some(row) if counted_with_page => row.total,
                // Nothing on the first page: nothing at all.
                None if counted_with_page && page == 1 => 0,
                _ => {
                    let mut count = QueryBuilder::<$db>::new("SELECT COUNT(*) FROM courses c");
                    push_catalog_text_join(&mut count, &terms, false);
                    push_catalog_where(&mut count, filter, &terms, today);
                    count.build_query_scalar().fetch_one(&mut *conn).await?
                }
            };
            let courses = rows
                .into_iter()
                .map(|row| {
                    Ok(CourseSummary {
                        course: row.course.try_into()?,
                        vendor_name: row.vendor_name,
                        upcoming_sessions: u64::try_from(row.upcoming_sessions).unwrap_or_default(),
                    })
                })
                .collect::<StoreResult<Vec<_>>>()?;
            Ok(CatalogPage {
                courses,
                total: u64::try_from(total).unwrap_or_default(),
                page,
                per_page,
            })
        }

        pub(super) async fn catalog_course(
            conn: &mut Conn,
            number: &CourseNumber,
            today: Date,
        ) -> StoreResult<Option<CourseDetail>> {
            let row: Option<CourseRow> = sqlx::query_as(
                "SELECT course_number, vendor_code, pathway, title, credit_hundredths, modality, \
                 languages, published_on, retired_on, registration_url, description \
                 FROM courses WHERE course_number = $1 AND published_on <= $2 \
                 AND (retired_on IS NULL OR retired_on > $2)",
            )
            .bind(number.as_str())
            .bind(today)
            .fetch_optional(&mut *conn)
            .await?;
            let Some(row) = row else { return Ok(None) };
            let course: pathways_domain::entities::Course = row.try_into()?;
            let vendor: VendorRow = sqlx::query_as(
                "SELECT vendor_code, name, email, phone, website FROM vendors WHERE vendor_code = $1",
            )
            .bind(course.vendor.as_str())
            .fetch_one(&mut *conn)
            .await?;
            let sessions: Vec<SessionRow> = sqlx::query_as(
                "SELECT session_id, course_number, starts_at, ends_at, location, capacity \
                 FROM sessions WHERE course_number = $1 AND cancelled_at IS NULL \
                 AND ends_at >= $2 ORDER BY starts_at, session_id",
            )
            .bind(number.as_str())
            .bind(midnight(today))
            .fetch_all(&mut *conn)
            .await?;
            let taken: Vec<(String, i64)> = sqlx::query_as(
                "SELECT r.session_id, COUNT(*) FROM registrations r \
                 JOIN sessions s ON s.session_id = r.session_id \
                 WHERE s.course_number = $1 AND s.cancelled_at IS NULL AND s.ends_at >= $2 \
                 AND r.status = 'registered' \
                 GROUP BY r.session_id",
            )
            .bind(number.as_str())
            .bind(midnight(today))
            .fetch_all(&mut *conn)
            .await?;
            let mut seats_taken = HashMap::new();
            for (id, count) in taken {
                let id = SessionId::parse(&id).map_err(|_| StoreError::corrupt("registrations.session_id"))?;
                seats_taken.insert(id, u32::try_from(count).unwrap_or(u32::MAX));
            }
            Ok(Some(CourseDetail {
                course,
                vendor: vendor.try_into()?,
                sessions: sessions.into_iter().map(TryInto::try_into).collect::<StoreResult<_>>()?,
                seats_taken,
            }))
        }

        pub(super) async fn catalog_languages(conn: &mut Conn, today: Date) -> StoreResult<Vec<String>> {
            // Each language stored, kept if one catalog course is taught in it: a probe per
            // language instead of a pass over every course.
            Ok(sqlx::query_scalar(
                "SELECT x.language FROM (SELECT DISTINCT language FROM course_languages) x \
                 WHERE EXISTS (SELECT 1 FROM course_languages l \
                 JOIN courses c ON c.course_number = l.course_number \
                 WHERE l.language = x.language AND c.published_on <= $1 \
                 AND (c.retired_on IS NULL OR c.retired_on > $1)) \
                 ORDER BY x.language",
            )
            .bind(today)
            .fetch_all(&mut *conn)
            .await?)
        }

        pub(super) const ATTENDANCE_SELECT: &str = "SELECT provider_number, course_number, attended_on, status, \
             session_id, minutes, completed, certificate_number, vendor_code, hold_reason, \
             policy_version FROM attendance";

        /// Of these sessions, those not called off that people hold or wait for places on,
        /// with those places in the order they were accepted.
        pub(super) async fn sessions_with_places(
            conn: &mut Conn,
            ids: &[&SessionId],
        ) -> StoreResult<
            Vec<(
                pathways_domain::entities::Session,
                Vec<(ProviderNumber, pathways_domain::registration::RegistrationStatus)>,
            )>,
        > {
            #[derive(sqlx::FromRow)]
            struct PlaceRow {
                #[sqlx(flatten)]
                session: SessionRow,
                provider_number: i64,
                status: String,
            }
            let mut found: Vec<(
                pathways_domain::entities::Session,
                Vec<(ProviderNumber, pathways_domain::registration::RegistrationStatus)>,
            )> = Vec::new();
            for chunk in ids.chunks(500) {
                let mut qb = QueryBuilder::<$db>::new(
                    "SELECT s.session_id, s.course_number, s.starts_at, s.ends_at, s.location, \
                     s.capacity, r.provider_number, r.status FROM sessions s \
                     JOIN registrations r ON r.session_id = s.session_id \
                     AND r.status <> 'cancelled' \
                     WHERE s.cancelled_at IS NULL AND s.session_id IN (",
                );
                let mut list = qb.separated(", ");
                for id in chunk {
                    list.push_bind(id.as_str().to_owned());
                }
                qb.push(") ORDER BY s.session_id, r.registration_id");
                let rows: Vec<PlaceRow> = qb.build_query_as().fetch_all(&mut *conn).await?;
                for row in rows {
                    let provider = ProviderNumber::from_i64(row.provider_number)
                        .map_err(|_| StoreError::corrupt("registrations.provider_number"))?;
                    let status =
                        pathways_domain::registration::RegistrationStatus::parse(&row.status)
                            .ok_or_else(|| StoreError::corrupt("registrations.status"))?;
                    let session: pathways_domain::entities::Session = row.session.try_into()?;
                    match found.last_mut() {
                        Some((last, places)) if last.id == session.id => {
                            places.push((provider, status));
                        }
                        _ => found.push((session, vec![(provider, status)])),
                    }
                }
            }
            Ok(found)
        }

        pub(super) async fn session_roster(
            conn: &mut Conn,
            id: &SessionId,
        ) -> StoreResult<Option<$crate::model::SessionRoster>> {
            let row: Option<SessionRow> = sqlx::query_as(
                "SELECT session_id, course_number, starts_at, ends_at, location, capacity \
                 FROM sessions WHERE session_id = $1",
            )
            .bind(id.as_str())
            .fetch_optional(&mut *conn)
            .await?;
            let Some(row) = row else { return Ok(None) };
            let session: pathways_domain::entities::Session = row.try_into()?;
            let vendor: String =
                sqlx::query_scalar("SELECT vendor_code FROM courses WHERE course_number = $1")
                    .bind(session.course.as_str())
                    .fetch_one(&mut *conn)
                    .await?;
            // The key leads with the date: the session's days are a range of it.
            let mut qb = QueryBuilder::<$db>::new(ATTENDANCE_SELECT);
            qb.push(" WHERE attended_on >= ")
                .push_bind(session.starts_at.date())
                .push(" AND attended_on <= ")
                .push_bind(session.ends_at.date())
                .push(" AND session_id = ")
                .push_bind(id.as_str().to_owned())
                .push(" ORDER BY provider_number, attended_on, status");
            let rows: Vec<AttendanceRow> = qb.build_query_as().fetch_all(&mut *conn).await?;
            let people: Vec<(i64, String, String, String, time::OffsetDateTime)> = sqlx::query_as(
                "SELECT r.provider_number, p.first_name, p.last_name, r.status, r.created_at \
                 FROM registrations r JOIN providers p ON p.provider_number = r.provider_number \
                 WHERE r.session_id = $1 AND r.status <> 'cancelled' ORDER BY r.registration_id",
            )
            .bind(id.as_str())
            .fetch_all(&mut *conn)
            .await?;
            let mut waiting = 0u32;
            let mut registrations = Vec::with_capacity(people.len());
            for (provider, first_name, last_name, status, registered_at) in people {
                let status = pathways_domain::registration::RegistrationStatus::parse(&status)
                    .ok_or_else(|| StoreError::corrupt("registrations.status"))?;
                let waitlist_position = (status
                    == pathways_domain::registration::RegistrationStatus::Waitlisted)
                    .then(|| {
                        waiting += 1;
                        waiting
                    });
                registrations.push($crate::model::RosterEntry {
                    provider: ProviderNumber::from_i64(provider)
                        .map_err(|_| StoreError::corrupt("registrations.provider_number"))?,
                    first_name,
                    last_name,
                    status,
                    waitlist_position,
                    registered_at,
                });
            }
            Ok(Some($crate::model::SessionRoster {
                registrations,
                vendor: VendorCode::parse(&vendor).map_err(|_| StoreError::corrupt("courses.vendor_code"))?,
                session,
                attendance: rows.into_iter().map(TryInto::try_into).collect::<StoreResult<_>>()?,
            }))
        }

        pub(super) async fn held_attendance(
            conn: &mut Conn,
            vendor: Option<&VendorCode>,
            after: Option<&AttendanceKeyRef>,
            limit: u32,
        ) -> StoreResult<Vec<AttendanceRecord>> {
            let mut qb = QueryBuilder::<$db>::new(ATTENDANCE_SELECT);
            qb.push(" WHERE status = 'held'");
            if let Some(vendor) = vendor {
                qb.push(" AND vendor_code = ").push_bind(vendor.as_str().to_owned());
            }
            if let Some(after) = after {
                qb.push(" AND (provider_number, course_number, attended_on) > (")
                    .push_bind(after.provider.as_i64())
                    .push(", ")
                    .push_bind(after.course.as_str().to_owned())
                    .push(", ")
                    .push_bind(after.date)
                    .push(")");
            }
            qb.push(" ORDER BY provider_number, course_number, attended_on LIMIT ")
                .push_bind(i64::from(limit));
            let rows: Vec<AttendanceRow> = qb.build_query_as().fetch_all(&mut *conn).await?;
            rows.into_iter().map(TryInto::try_into).collect()
        }

        pub(super) async fn provider_attendance(
            conn: &mut Conn,
            provider: ProviderNumber,
            limit: u32,
        ) -> StoreResult<Vec<AttendanceRecord>> {
            let mut qb = QueryBuilder::<$db>::new(ATTENDANCE_SELECT);
            qb.push(" WHERE provider_number = ")
                .push_bind(provider.as_i64())
                .push(" ORDER BY attended_on DESC, course_number, status LIMIT ")
                .push_bind(i64::from(limit));
            let rows: Vec<AttendanceRow> = qb.build_query_as().fetch_all(&mut *conn).await?;
            rows.into_iter().map(TryInto::try_into).collect()
        }

        pub(super) async fn table_counts(conn: &mut Conn) -> StoreResult<TableCounts> {
            let row: (i64, i64, i64, i64, i64, i64, i64, i64, i64, i64) = sqlx::query_as(
                "SELECT (SELECT COUNT(*) FROM vendors), (SELECT COUNT(*) FROM courses), \
                 (SELECT COUNT(*) FROM sessions), (SELECT COUNT(*) FROM providers), \
                 (SELECT COUNT(*) FROM recipients), (SELECT COUNT(*) FROM assignments), \
                 (SELECT COUNT(*) FROM work_hours), (SELECT COUNT(*) FROM wage_rates), \
                 (SELECT COUNT(*) FROM attendance WHERE status = 'verified'), \
                 (SELECT COUNT(*) FROM attendance WHERE status = 'held')",
            )
            .fetch_one(&mut *conn)
            .await?;
            let n = |v: i64| u64::try_from(v).unwrap_or_default();
            Ok(TableCounts {
                vendors: n(row.0),
                courses: n(row.1),
                sessions: n(row.2),
                providers: n(row.3),
                recipients: n(row.4),
                assignments: n(row.5),
                work_hours: n(row.6),
                wage_rates: n(row.7),
                attendance_verified: n(row.8),
                attendance_held: n(row.9),
            })
        }

        pub(super) async fn policy_versions(
            conn: &mut Conn,
        ) -> StoreResult<Vec<pathways_domain::policy::PolicyVersion>> {
            let bodies: Vec<String> =
                sqlx::query_scalar(
                    "SELECT body FROM policy_versions WHERE state = 'published' \
                     ORDER BY effective_from",
                )
                    .fetch_all(&mut *conn)
                    .await?;
            bodies
                .iter()
                .map(|b| serde_json::from_str(b).map_err(StoreError::corrupt))
                .collect()
        }

        pub(super) async fn add_policy_version(
            conn: &mut Conn,
            version: &pathways_domain::policy::PolicyVersion,
        ) -> StoreResult<bool> {
            let body = serde_json::to_string(version).map_err(StoreError::corrupt)?;
            let result = sqlx::query(
                "INSERT INTO policy_versions (version, effective_from, body) VALUES ($1, $2, $3) \
                 ON CONFLICT DO NOTHING",
            )
            .bind(&version.version)
            .bind(version.effective_from)
            .bind(body)
            .execute(&mut *conn)
            .await?;
            Ok(result.rows_affected() == 1)
        }

        /// Upserts a batch in statements of bounded size and counts what changed: keys that
        /// existed before are updated only when a column differs.
        pub(super) async fn upsert(
            conn: &mut Conn,
            batch: &Batch,
            actor: &$crate::accounts::AuditActor,
        ) -> StoreResult<UpsertCounts> {
            let (spec, rows) = batch_rows(batch);
            let width = spec.key.len() + spec.values.len();
            let mut counts = UpsertCounts::default();
            for chunk in rows.chunks((MAX_PARAMS / width).max(1)) {
                // A join from the chunk's keys probes the primary key for each; a row-value
                // `IN (VALUES …)` would make SQLite scan the whole table once per chunk.
                let on: Vec<String> = spec
                    .key
                    .iter()
                    .enumerate()
                    .map(|(i, column)| format!("t.{column} = k.column{}", i + 1))
                    .collect();
                let mut qb = QueryBuilder::<$db>::new("SELECT COUNT(*) FROM (");
                qb.push_values(chunk, |mut b, row| {
                    for v in &row[..spec.key.len()] {
                        bind_value!(b, v);
                    }
                });
                qb.push(format!(") AS k JOIN {} t ON {}", spec.table, on.join(" AND ")));
                let existing: i64 = qb.build_query_scalar().fetch_one(&mut *conn).await?;

                // Rows this chunk changes, with what they held: the audit log keeps both. New
                // rows are recorded by the import's own audit entry.
                let changes = if existing > 0 {
                    changed_rows(conn, spec, chunk, &on).await?
                } else {
                    Vec::new()
                };

                let mut qb = QueryBuilder::<$db>::new(format!(
                    "INSERT INTO {} ({}) ",
                    spec.table,
                    spec.column_list()
                ));
                qb.push_values(chunk, |mut b, row| {
                    for v in row {
                        bind_value!(b, v);
                    }
                });
                qb.push(format!(
                    " ON CONFLICT ({}) DO UPDATE SET {} WHERE {}",
                    spec.key.join(", "),
                    spec.set_excluded(),
                    spec.changed($distinct)
                ));
                let affected = qb.build().execute(&mut *conn).await?.rows_affected();
                let existing = u64::try_from(existing).unwrap_or_default();
                let inserted = chunk.len() as u64 - existing;
                let updated = affected.saturating_sub(inserted);
                counts += UpsertCounts {
                    inserted,
                    updated,
                    unchanged: existing.saturating_sub(updated),
                };
                let at = $crate::account_sql::stored_time(time::OffsetDateTime::now_utc());
                for (key, before, after) in changes {
                    let entry = $crate::accounts::AuditEntry {
                        at,
                        actor: actor.clone(),
                        action: format!("{}.update", spec.table),
                        record_type: spec.table.to_owned(),
                        record_key: key,
                        before: Some(before),
                        after: Some(after),
                    };
                    write_audit(&mut *conn, &entry, &entry.record_key).await?;
                }
            }
            if let Batch::Courses(courses) = batch {
                replace_course_languages(conn, courses).await?;
            }
            Ok(counts)
        }

        /// The rows of `chunk` whose stored row differs: (key, stored values, new values), the
        /// values as JSON objects of column → text.
        async fn changed_rows(
            conn: &mut Conn,
            spec: &$crate::rows::TableSpec,
            chunk: &[Vec<$crate::rows::Value>],
            on: &[String],
        ) -> StoreResult<Vec<(String, serde_json::Value, serde_json::Value)>> {
            use sqlx::Row as _;
            let keys = spec.key.len();
            let stored: Vec<String> = spec
                .values
                .iter()
                .map(|c| format!("CAST(t.{c} AS TEXT)"))
                .collect();
            let differs: Vec<String> = spec
                .values
                .iter()
                .enumerate()
                .map(|(j, c)| format!("t.{c} {} k.column{}", $distinct, keys + j + 1))
                .collect();
            let key_columns: Vec<String> =
                (1..=keys).map(|i| format!("CAST(k.column{i} AS TEXT)")).collect();
            let mut qb = QueryBuilder::<$db>::new(format!(
                "SELECT {}, {} FROM (",
                key_columns.join(", "),
                stored.join(", ")
            ));
            qb.push_values(chunk, |mut b, row| {
                for v in row {
                    bind_value!(b, v);
                }
            });
            qb.push(format!(
                ") AS k JOIN {} t ON {} WHERE {}",
                spec.table,
                on.join(" AND "),
                differs.join(" OR ")
            ));
            let rows = qb.build().fetch_all(&mut *conn).await?;
            let mut by_key: HashMap<String, &Vec<$crate::rows::Value>> = HashMap::new();
            for row in chunk {
                by_key.insert($crate::rows::key_text(&row[..keys]), row);
            }
            let mut changes = Vec::with_capacity(rows.len());
            for row in rows {
                let mut key_parts = Vec::with_capacity(keys);
                for i in 0..keys {
                    key_parts.push(row.try_get::<Option<String>, _>(i)?.unwrap_or_default());
                }
                let key = key_parts.join("/");
                let mut before = serde_json::Map::new();
                for (j, column) in spec.values.iter().enumerate() {
                    let value: Option<String> = row.try_get(keys + j)?;
                    before.insert((*column).to_owned(), value.map_or(serde_json::Value::Null, serde_json::Value::String));
                }
                let after = by_key
                    .get(&key)
                    .map(|new| $crate::rows::values_json(spec, &new[keys..]))
                    .unwrap_or(serde_json::Value::Null);
                changes.push((key, serde_json::Value::Object(before), after));
            }
            Ok(changes)
        }

        async fn replace_course_languages(
            conn: &mut Conn,
            courses: &[pathways_domain::entities::Course],
        ) -> StoreResult<()> {
            for chunk in courses.chunks(1000) {
                let mut qb =
                    QueryBuilder::<$db>::new("DELETE FROM course_languages WHERE course_number IN (");
                let mut list = qb.separated(", ");
                for c in chunk {
                    list.push_bind(c.number.as_str().to_owned());
                }
                qb.push(")");
                qb.build().execute(&mut *conn).await?;
                let pairs: Vec<_> = chunk
                    .iter()
                    .flat_map(|c| c.languages.iter().map(move |l| (c.number.as_str(), l.as_str())))
                    .collect();
                if pairs.is_empty() {
                    continue;
                }
                let mut qb =
                    QueryBuilder::<$db>::new("INSERT INTO course_languages (course_number, language) ");
                qb.push_values(pairs, |mut b, (course, language)| {
                    b.push_bind(course.to_owned()).push_bind(language.to_owned());
                });
                qb.build().execute(&mut *conn).await?;
            }
            Ok(())
        }

        pub(super) async fn claim_keys(
            conn: &mut Conn,
            keys: &[(i64, u64)],
        ) -> StoreResult<Vec<(i64, u64)>> {
            let mut claimed_before = Vec::new();
            for chunk in keys.chunks(MAX_PARAMS / 2) {
                let mut qb = QueryBuilder::<$db>::new(
                    "SELECT fingerprint, line FROM import_keys WHERE fingerprint IN (",
                );
                let mut list = qb.separated(", ");
                for (fingerprint, _) in chunk {
                    list.push_bind(*fingerprint);
                }
                qb.push(")");
                let found: Vec<(i64, i64)> = qb.build_query_as().fetch_all(&mut *conn).await?;
                let known: std::collections::HashSet<i64> = found.iter().map(|(f, _)| *f).collect();
                claimed_before.extend(
                    found.into_iter().map(|(f, line)| (f, u64::try_from(line).unwrap_or_default())),
                );
                let new: Vec<_> = chunk.iter().filter(|(f, _)| !known.contains(f)).collect();
                if new.is_empty() {
                    continue;
                }
                let mut qb = QueryBuilder::<$db>::new("INSERT INTO import_keys (fingerprint, line) ");
                qb.push_values(new, |mut b, (fingerprint, line)| {
                    b.push_bind(*fingerprint).push_bind(i64::try_from(*line).unwrap_or(i64::MAX));
                });
                qb.build().execute(&mut *conn).await?;
            }
            Ok(claimed_before)
        }

        pub(super) async fn forget_keys(conn: &mut Conn) -> StoreResult<()> {
            sqlx::query("DELETE FROM import_keys").execute(&mut *conn).await?;
            Ok(())
        }

        /// The values of `wanted` that `table.column` does not hold.
        async fn missing<T: Clone + AsRef<str>>(
            conn: &mut Conn,
            table: &str,
            column: &str,
            wanted: &[T],
        ) -> StoreResult<Vec<T>> {
            let mut found = std::collections::HashSet::new();
            for chunk in wanted.chunks(MAX_PARAMS) {
                let mut qb = QueryBuilder::<$db>::new(format!(
                    "SELECT {column} FROM {table} WHERE {column} IN ("
                ));
                let mut list = qb.separated(", ");
                for w in chunk {
                    list.push_bind(w.as_ref().to_owned());
                }
                qb.push(")");
                let rows: Vec<String> = qb.build_query_scalar().fetch_all(&mut *conn).await?;
                found.extend(rows);
            }
            Ok(wanted.iter().filter(|w| !found.contains(w.as_ref())).cloned().collect())
        }

        pub(super) async fn missing_vendors(
            conn: &mut Conn,
            codes: &[VendorCode],
        ) -> StoreResult<Vec<VendorCode>> {
            missing(conn, "vendors", "vendor_code", codes).await
        }

        pub(super) async fn missing_courses(
            conn: &mut Conn,
            numbers: &[CourseNumber],
        ) -> StoreResult<Vec<CourseNumber>> {
            missing(conn, "courses", "course_number", numbers).await
        }

        pub(super) async fn course_facts(
            conn: &mut Conn,
        ) -> StoreResult<HashMap<CourseNumber, CourseFacts>> {
            let rows: Vec<(String, String, Option<Date>, Option<Date>)> = sqlx::query_as(
                "SELECT course_number, vendor_code, published_on, retired_on FROM courses",
            )
            .fetch_all(&mut *conn)
            .await?;
            rows.into_iter()
                .map(|(number, vendor, published_on, retired_on)| {
                    Ok((
                        CourseNumber::parse(&number).map_err(StoreError::corrupt)?,
                        CourseFacts {
                            vendor: VendorCode::parse(&vendor).map_err(StoreError::corrupt)?,
                            published_on,
                            retired_on,
                        },
                    ))
                })
                .collect()
        }

        pub(super) async fn session_facts(
            conn: &mut Conn,
            ids: &[SessionId],
        ) -> StoreResult<HashMap<SessionId, SessionFacts>> {
            let mut facts = HashMap::new();
            for chunk in ids.chunks(MAX_PARAMS) {
                let mut qb = QueryBuilder::<$db>::new(
                    "SELECT session_id, course_number, starts_at, ends_at, location, capacity \
                     FROM sessions WHERE session_id IN (",
                );
                let mut list = qb.separated(", ");
                for id in chunk {
                    list.push_bind(id.as_str().to_owned());
                }
                qb.push(")");
                let rows: Vec<SessionRow> = qb.build_query_as().fetch_all(&mut *conn).await?;
                for row in rows {
                    let s: pathways_domain::entities::Session = row.try_into()?;
                    facts.insert(
                        s.id,
                        SessionFacts {
                            course: s.course,
                            starts_on: s.starts_at.date(),
                            ends_on: s.ends_at.date(),
                        },
                    );
                }
            }
            Ok(facts)
        }

        /// Does the work migrations left in `pending_backfills` (SQL cannot do it), each once:
        /// its row goes in the same transaction.
        pub(super) async fn run_pending_backfills(conn: &mut Conn) -> StoreResult<()> {
            let pending: Vec<String> =
                sqlx::query_scalar("SELECT name FROM pending_backfills ORDER BY name")
                    .fetch_all(&mut *conn)
                    .await?;
            for name in pending {
                match name.as_str() {
                    "sessions.county_code" => backfill_session_counties(conn).await?,
                    _ => return Err(StoreError::corrupt(format!("unknown backfill {name}"))),
                }
                sqlx::query("DELETE FROM pending_backfills WHERE name = $1")
                    .bind(&name)
                    .execute(&mut *conn)
                    .await?;
            }
            Ok(())
        }

        /// Sets every in-person session's county from its place (migration 0010; a new ZIP
        /// table can queue it again).
        async fn backfill_session_counties(conn: &mut Conn) -> StoreResult<()> {
            let places: Vec<(String, String)> = sqlx::query_as(
                "SELECT session_id, location FROM sessions WHERE location IS NOT NULL",
            )
            .fetch_all(&mut *conn)
            .await?;
            let mut by_county: HashMap<Option<i64>, Vec<String>> = HashMap::new();
            for (id, location) in places {
                let county = pathways_domain::county::county_of_location(&location);
                by_county.entry(county.map(|c| i64::from(c.get()))).or_default().push(id);
            }
            for (county, ids) in by_county {
                for chunk in ids.chunks(MAX_PARAMS) {
                    let mut qb = QueryBuilder::<$db>::new("UPDATE sessions SET county_code = ");
                    qb.push_bind(county).push(" WHERE session_id IN (");
                    let mut list = qb.separated(", ");
                    for id in chunk {
                        list.push_bind(id.clone());
                    }
                    qb.push(")");
                    qb.build().execute(&mut *conn).await?;
                }
            }
            Ok(())
        }

        /// Removes held records whose key now has a verified record.
        pub(super) async fn delete_held(
            conn: &mut Conn,
            keys: &[AttendanceKeyRef],
        ) -> StoreResult<()> {
            // One indexed delete per key: superseded held records are few (corrections), and a
            // row-value `IN` list would scan the table.
            for key in keys {
                sqlx::query(
                    "DELETE FROM attendance WHERE status = 'held' AND attended_on = $1 \
                     AND provider_number = $2 AND course_number = $3",
                )
                .bind(key.date)
                .bind(key.provider.as_i64())
                .bind(key.course.as_str())
                .execute(&mut *conn)
                .await?;
            }
            Ok(())
        }

    };
}

pub(crate) use common_queries;

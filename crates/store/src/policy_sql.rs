//! Policy versions as program admins manage them: the [`PolicyStore`] trait and its SQL, the
//! same in both dialects, stamped out per backend. The rules themselves read only published
//! versions ([`crate::Store::policy_versions`]); drafts wait here until they are published.
//!
//! A version is *used* once a decision names it: an attendance record verified under it, an
//! incentive claimed at its amount, or a training-pay claim computed under it. A used version is never changed again (only a later
//! version supersedes it), and the check is made in the same statement as the change.

use async_trait::async_trait;
use pathways_domain::policy::PolicyVersion;

use crate::StoreResult;
use crate::accounts::AuditEntry;

/// A policy version with what the store knows about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPolicy {
    pub version: PolicyVersion,
    /// In effect from its date; otherwise a draft.
    pub published: bool,
    /// A decision names it, so it can no longer be changed.
    pub used: bool,
}

/// Why a policy change was not made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PolicyConflict {
    /// Another version has this name.
    VersionTaken,
    /// Another version (named) takes effect on the same date.
    DateTaken(String),
    /// No version has this name.
    NotFound,
    /// A decision used the version, so it can only be superseded.
    Used,
    /// The version is published already.
    AlreadyPublished,
}

#[async_trait]
pub trait PolicyStore: Send + Sync {
    /// Every version, drafts included, by effective date.
    async fn stored_policies(&self) -> StoreResult<Vec<StoredPolicy>>;

    /// One version, draft or published.
    async fn stored_policy(&self, version: &str) -> StoreResult<Option<StoredPolicy>>;

    /// Adds a version, published at once or as a draft.
    async fn create_policy(
        &self,
        version: &PolicyVersion,
        published: bool,
        audit: &AuditEntry,
    ) -> StoreResult<Result<(), PolicyConflict>>;

    /// Replaces the parameters of a version no decision has used (its name stays).
    async fn update_policy(
        &self,
        version: &PolicyVersion,
        audit: &AuditEntry,
    ) -> StoreResult<Result<(), PolicyConflict>>;

    /// Puts a draft into effect from its date.
    async fn publish_policy(
        &self,
        version: &str,
        audit: &AuditEntry,
    ) -> StoreResult<Result<(), PolicyConflict>>;
}

/// Reads a stored body back, refusing one that no longer parses.
pub(crate) fn stored(body: &str, state: &str, used: bool) -> StoreResult<StoredPolicy> {
    Ok(StoredPolicy {
        version: serde_json::from_str(body).map_err(crate::StoreError::corrupt)?,
        published: match state {
            "published" => true,
            "draft" => false,
            _ => return Err(crate::StoreError::corrupt("policy_versions.state")),
        },
        used,
    })
}

/// Whether a decision names the version bound as `$1`. Attendance is judged under the version
/// in effect on its date, so only records from the version's effective date on can name it:
/// the key leads with the date, and a version taking effect later (a draft, next year's) is
/// checked without reading older attendance.
pub(crate) const USED: &str = "(EXISTS (SELECT 1 FROM attendance a \
     WHERE a.attended_on >= (SELECT p.effective_from FROM policy_versions p WHERE p.version = $1) \
     AND a.policy_version = $1) \
     OR EXISTS (SELECT 1 FROM incentive_claims c WHERE c.policy_version = $1) \
     OR EXISTS (SELECT 1 FROM training_claims t WHERE t.policy_version = $1))";

macro_rules! policy_queries {
    ($store:ty, $db:ty, lock_decisions = [$($lock:literal)?]) => {
        use $crate::policy_sql::{PolicyConflict, PolicyStore, StoredPolicy, USED, stored};

        /// The stored versions, all or one, with whether decisions used them.
        async fn read_policies(
            conn: &mut <$db as sqlx::Database>::Connection,
            version: Option<&str>,
        ) -> StoreResult<Vec<StoredPolicy>> {
            let rows: Vec<(String, String, String)> = match version {
                Some(v) => {
                    sqlx::query_as(
                        "SELECT version, state, body FROM policy_versions WHERE version = $1",
                    )
                    .bind(v)
                    .fetch_all(&mut *conn)
                    .await?
                }
                None => {
                    sqlx::query_as(
                        "SELECT version, state, body FROM policy_versions ORDER BY effective_from",
                    )
                    .fetch_all(&mut *conn)
                    .await?
                }
            };
            let mut out = Vec::with_capacity(rows.len());
            for (name, state, body) in rows {
                let used: bool = sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT {USED}")))
                    .bind(&name)
                    .fetch_one(&mut *conn)
                    .await?;
                out.push(stored(&body, &state, used)?);
            }
            Ok(out)
        }

        /// The other version taking effect on `version`'s date, if any.
        async fn date_taken_by(
            conn: &mut <$db as sqlx::Database>::Connection,
            version: &pathways_domain::policy::PolicyVersion,
        ) -> StoreResult<Option<String>> {
            Ok(sqlx::query_scalar(
                "SELECT version FROM policy_versions WHERE effective_from = $1 AND version <> $2",
            )
            .bind(version.effective_from)
            .bind(&version.version)
            .fetch_optional(&mut *conn)
            .await?)
        }

        fn body_of(version: &pathways_domain::policy::PolicyVersion) -> StoreResult<String> {
            serde_json::to_string(version).map_err($crate::StoreError::corrupt)
        }

        #[async_trait::async_trait]
        impl PolicyStore for $store {
            async fn stored_policies(&self) -> StoreResult<Vec<StoredPolicy>> {
                let mut conn = self.pool().acquire().await?;
                read_policies(&mut conn, None).await
            }

            async fn stored_policy(&self, version: &str) -> StoreResult<Option<StoredPolicy>> {
                let mut conn = self.pool().acquire().await?;
                Ok(read_policies(&mut conn, Some(version)).await?.pop())
            }

            async fn create_policy(
                &self,
                version: &pathways_domain::policy::PolicyVersion,
                published: bool,
                audit: &AuditEntry,
            ) -> StoreResult<Result<(), PolicyConflict>> {
                let mut tx = self.begin_write().await?;
                if let Some(other) = date_taken_by(&mut tx, version).await? {
                    return Ok(Err(PolicyConflict::DateTaken(other)));
                }
                let inserted = sqlx::query(
                    "INSERT INTO policy_versions (version, effective_from, body, state) \
                     VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
                )
                .bind(&version.version)
                .bind(version.effective_from)
                .bind(body_of(version)?)
                .bind(if published { "published" } else { "draft" })
                .execute(&mut *tx)
                .await?;
                if inserted.rows_affected() == 0 {
                    return Ok(Err(PolicyConflict::VersionTaken));
                }
                write_audit(&mut tx, audit, &version.version).await?;
                tx.commit().await?;
                Ok(Ok(()))
            }

            async fn update_policy(
                &self,
                version: &pathways_domain::policy::PolicyVersion,
                audit: &AuditEntry,
            ) -> StoreResult<Result<(), PolicyConflict>> {
                let mut tx = self.begin_write().await?;
                // On PostgreSQL, imports and claims that would use the version wait until this
                // change is in, and the ones that came first are seen by the check below.
                $(sqlx::query($lock).execute(&mut *tx).await?;)?
                if let Some(other) = date_taken_by(&mut tx, version).await? {
                    return Ok(Err(PolicyConflict::DateTaken(other)));
                }
                let updated = sqlx::query(sqlx::AssertSqlSafe(format!(
                    "UPDATE policy_versions SET effective_from = $2, body = $3 \
                     WHERE version = $1 AND NOT {USED}"
                )))
                .bind(&version.version)
                .bind(version.effective_from)
                .bind(body_of(version)?)
                .execute(&mut *tx)
                .await?;
                if updated.rows_affected() == 0 {
                    let exists: Option<String> =
                        sqlx::query_scalar("SELECT version FROM policy_versions WHERE version = $1")
                            .bind(&version.version)
                            .fetch_optional(&mut *tx)
                            .await?;
                    return Ok(Err(if exists.is_some() {
                        PolicyConflict::Used
                    } else {
                        PolicyConflict::NotFound
                    }));
                }
                write_audit(&mut tx, audit, &version.version).await?;
                tx.commit().await?;
                Ok(Ok(()))
            }

            async fn publish_policy(
                &self,
                version: &str,
                audit: &AuditEntry,
            ) -> StoreResult<Result<(), PolicyConflict>> {
                let mut tx = self.begin_write().await?;
                let state: Option<String> =
                    sqlx::query_scalar("SELECT state FROM policy_versions WHERE version = $1")
                        .bind(version)
                        .fetch_optional(&mut *tx)
                        .await?;
                match state.as_deref() {
                    None => return Ok(Err(PolicyConflict::NotFound)),
                    Some("published") => return Ok(Err(PolicyConflict::AlreadyPublished)),
                    Some(_) => {}
                }
                sqlx::query("UPDATE policy_versions SET state = 'published' WHERE version = $1")
                    .bind(version)
                    .execute(&mut *tx)
                    .await?;
                write_audit(&mut tx, audit, version).await?;
                tx.commit().await?;
                Ok(Ok(()))
            }
        }
    };
}

pub(crate) use policy_queries;

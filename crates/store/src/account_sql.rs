//! The SQL of [`crate::AccountStore`], the same in both dialects, stamped out per backend.
//! Each backend supplies `begin_write` (SQLite takes the write lock at once, so two writers
//! wait rather than fail) and the locking clause for leasing outbox messages.

use pathways_domain::access::Role;
use pathways_domain::ids::{CountyCode, ProviderNumber, VendorCode};
use time::OffsetDateTime;

use crate::accounts::{
    Account, AccountId, ApiToken, ApiTokenId, AuditEntry, AuditRecord, Channel, CodePurpose,
    CodeRecord, OutboxMessage,
};
use crate::{StoreError, StoreResult};

macro_rules! account_columns {
    () => {
        "account_id, role, email, provider_number, \
     vendor_code, county_code, display_name, password_hash, language, created_at, disabled"
    };
}
pub(crate) use account_columns;

macro_rules! token_columns {
    () => {
        "token_id, vendor_code, name, prefix, created_by, created_at, last_used_at, revoked_at"
    };
}
pub(crate) use token_columns;

macro_rules! message_columns {
    () => {
        "message_id, channel, recipient, language, purpose, \
     subject, body, calendar, created_at, attempts, last_error, sent_at"
    };
}
pub(crate) use message_columns;

macro_rules! audit_columns {
    () => {
        "audit_id, at, actor_account_id, actor_label, action, \
     record_type, record_key, before_value, after_value"
    };
}
pub(crate) use audit_columns;

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct AccountRow {
    account_id: i64,
    role: String,
    email: Option<String>,
    provider_number: Option<i64>,
    vendor_code: Option<String>,
    county_code: Option<i64>,
    display_name: String,
    password_hash: Option<String>,
    language: String,
    created_at: OffsetDateTime,
    disabled: i64,
}

impl TryFrom<AccountRow> for Account {
    type Error = StoreError;

    fn try_from(r: AccountRow) -> StoreResult<Self> {
        Ok(Self {
            id: AccountId(r.account_id),
            role: Role::parse(&r.role).ok_or_else(|| StoreError::corrupt("accounts.role"))?,
            email: r.email,
            provider: r
                .provider_number
                .map(|n| {
                    ProviderNumber::from_i64(n)
                        .map_err(|_| StoreError::corrupt("accounts.provider_number"))
                })
                .transpose()?,
            vendor: r
                .vendor_code
                .map(|v| {
                    VendorCode::parse(&v).map_err(|_| StoreError::corrupt("accounts.vendor_code"))
                })
                .transpose()?,
            county: r
                .county_code
                .map(|c| {
                    u8::try_from(c)
                        .ok()
                        .and_then(CountyCode::new)
                        .ok_or_else(|| StoreError::corrupt("accounts.county_code"))
                })
                .transpose()?,
            display_name: r.display_name,
            password_hash: r.password_hash,
            language: r.language,
            created_at: r.created_at,
            disabled: r.disabled != 0,
        })
    }
}

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct SessionAccountRow {
    #[sqlx(flatten)]
    account: AccountRow,
    csrf_token: String,
    session_created_at: OffsetDateTime,
    last_seen_at: OffsetDateTime,
    expires_at: OffsetDateTime,
}

impl TryFrom<SessionAccountRow> for crate::accounts::SessionRecord {
    type Error = StoreError;

    fn try_from(r: SessionAccountRow) -> StoreResult<Self> {
        Ok(Self {
            account: r.account.try_into()?,
            csrf_token: r.csrf_token,
            created_at: r.session_created_at,
            last_seen_at: r.last_seen_at,
            expires_at: r.expires_at,
        })
    }
}

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct ContactRow {
    provider_number: i64,
    first_name: String,
    last_name: String,
    county_code: i64,
    language: String,
    phone: Option<String>,
    email: Option<String>,
}

impl TryFrom<ContactRow> for crate::accounts::ProviderContact {
    type Error = StoreError;

    fn try_from(r: ContactRow) -> StoreResult<Self> {
        Ok(Self {
            provider: provider_number(r.provider_number, "providers.provider_number")?,
            first_name: r.first_name,
            last_name: r.last_name,
            county: u8::try_from(r.county_code)
                .ok()
                .and_then(CountyCode::new)
                .ok_or_else(|| StoreError::corrupt("providers.county_code"))?,
            language: r.language,
            phone: r.phone,
            email: r.email,
        })
    }
}

fn provider_number(n: i64, column: &str) -> StoreResult<ProviderNumber> {
    ProviderNumber::from_i64(n).map_err(|_| StoreError::corrupt(column))
}

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct CodeRow {
    challenge: String,
    purpose: String,
    provider_number: Option<i64>,
    account_id: Option<i64>,
    code_hash: Vec<u8>,
    expires_at: OffsetDateTime,
    attempts: i64,
    used_at: Option<OffsetDateTime>,
}

impl TryFrom<CodeRow> for CodeRecord {
    type Error = StoreError;

    fn try_from(r: CodeRow) -> StoreResult<Self> {
        Ok(Self {
            challenge: r.challenge,
            purpose: CodePurpose::parse(&r.purpose)
                .ok_or_else(|| StoreError::corrupt("one_time_codes.purpose"))?,
            provider: r
                .provider_number
                .map(|n| provider_number(n, "one_time_codes.provider_number"))
                .transpose()?,
            account: r.account_id.map(AccountId),
            code_hash: r.code_hash,
            expires_at: r.expires_at,
            attempts: u32::try_from(r.attempts).unwrap_or(u32::MAX),
            used: r.used_at.is_some(),
        })
    }
}

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct TokenRow {
    token_id: i64,
    vendor_code: String,
    name: String,
    prefix: String,
    created_by: i64,
    created_at: OffsetDateTime,
    last_used_at: Option<OffsetDateTime>,
    revoked_at: Option<OffsetDateTime>,
}

impl TryFrom<TokenRow> for ApiToken {
    type Error = StoreError;

    fn try_from(r: TokenRow) -> StoreResult<Self> {
        Ok(Self {
            id: ApiTokenId(r.token_id),
            vendor: VendorCode::parse(&r.vendor_code)
                .map_err(|_| StoreError::corrupt("api_tokens.vendor_code"))?,
            name: r.name,
            prefix: r.prefix,
            created_by: AccountId(r.created_by),
            created_at: r.created_at,
            last_used_at: r.last_used_at,
            revoked_at: r.revoked_at,
        })
    }
}

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct MessageRow {
    message_id: i64,
    channel: String,
    recipient: String,
    language: String,
    purpose: String,
    subject: String,
    body: String,
    calendar: Option<String>,
    created_at: OffsetDateTime,
    attempts: i64,
    last_error: Option<String>,
    sent_at: Option<OffsetDateTime>,
}

impl TryFrom<MessageRow> for OutboxMessage {
    type Error = StoreError;

    fn try_from(r: MessageRow) -> StoreResult<Self> {
        Ok(Self {
            id: r.message_id,
            channel: Channel::parse(&r.channel)
                .ok_or_else(|| StoreError::corrupt("outbox.channel"))?,
            recipient: r.recipient,
            language: r.language,
            purpose: r.purpose,
            subject: r.subject,
            body: r.body,
            calendar: r.calendar,
            created_at: r.created_at,
            attempts: u32::try_from(r.attempts).unwrap_or(u32::MAX),
            last_error: r.last_error,
            sent_at: r.sent_at,
        })
    }
}

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct AuditRow {
    audit_id: i64,
    at: OffsetDateTime,
    actor_account_id: Option<i64>,
    actor_label: String,
    action: String,
    record_type: String,
    record_key: String,
    before_value: Option<String>,
    after_value: Option<String>,
}

impl TryFrom<AuditRow> for AuditRecord {
    type Error = StoreError;

    fn try_from(r: AuditRow) -> StoreResult<Self> {
        let json = |v: Option<String>| {
            v.map(|s| serde_json::from_str(&s))
                .transpose()
                .map_err(|_| StoreError::corrupt("audit_log value"))
        };
        Ok(Self {
            id: r.audit_id,
            entry: AuditEntry {
                at: r.at,
                actor: crate::accounts::AuditActor {
                    account: r.actor_account_id.map(AccountId),
                    label: r.actor_label,
                },
                action: r.action,
                record_type: r.record_type,
                record_key: r.record_key,
                before: json(r.before_value)?,
                after: json(r.after_value)?,
            },
        })
    }
}

/// A time as the store keeps it: UTC, whole seconds. SQLite compares times as text, which
/// orders correctly only when every stored time has the same offset and precision.
pub(crate) fn stored_time(at: OffsetDateTime) -> OffsetDateTime {
    let utc = at.to_offset(time::UtcOffset::UTC);
    utc.replace_nanosecond(0).unwrap_or(utc)
}

/// An email address as accounts keep it and are found by: trimmed, in lower case.
pub(crate) fn normal_email(email: &str) -> String {
    email.trim().to_lowercase()
}

macro_rules! account_queries {
    ($store:ty, $db:ty, lease_lock = $lease_lock:expr) => {
        use $crate::account_sql::{
            AccountRow, AuditRow, CodeRow, ContactRow, MessageRow, SessionAccountRow, TokenRow,
            account_columns, audit_columns, message_columns, normal_email, stored_time,
            token_columns,
        };
        use $crate::accounts::{
            Account as StoredAccount, AccountConflict, AccountFilter, AccountId,
            AccountStore, ApiToken, ApiTokenId, AuditEntry, AuditQuery, AuditRecord,
            CodeRecord, NewAccount, NewApiToken, NewCode, NewMessage, NewSession,
            OutboxMessage, ProviderContact, RedeemConflict, SessionRecord,
        };

        type WriteTx = sqlx::Transaction<'static, $db>;

        fn json_text(value: Option<&serde_json::Value>) -> Option<String> {
            value.map(serde_json::Value::to_string)
        }

        async fn write_audit(
            conn: &mut <$db as sqlx::Database>::Connection,
            entry: &AuditEntry,
            record_key: &str,
        ) -> StoreResult<()> {
            sqlx::query(
                "INSERT INTO audit_log (at, actor_account_id, actor_label, action, record_type, \
                 record_key, before_value, after_value) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(stored_time(entry.at))
            .bind(entry.actor.account.map(|a| a.0))
            .bind(&entry.actor.label)
            .bind(&entry.action)
            .bind(&entry.record_type)
            .bind(record_key)
            .bind(json_text(entry.before.as_ref()))
            .bind(json_text(entry.after.as_ref()))
            .execute(&mut *conn)
            .await?;
            Ok(())
        }

        async fn insert_account(
            tx: &mut WriteTx,
            account: &NewAccount,
            audit: &AuditEntry,
        ) -> StoreResult<Result<AccountId, AccountConflict>> {
            if let Some(vendor) = &account.vendor {
                // A column of the row, not a literal: PostgreSQL types `SELECT 1` as INT4.
                let found: Option<String> =
                    sqlx::query_scalar("SELECT vendor_code FROM vendors WHERE vendor_code = $1")
                        .bind(vendor.as_str())
                        .fetch_optional(&mut **tx)
                        .await?;
                if found.is_none() {
                    return Ok(Err(AccountConflict::UnknownVendor));
                }
            }
            if let Some(conflict) = account_conflict(tx, account).await? {
                return Ok(Err(conflict));
            }
            // A concurrent creation of the same account may commit between the check above and
            // this insert. A unique violation would abort a PostgreSQL transaction (no query
            // could then say which key was taken), so a taken key inserts nothing instead.
            let inserted: Option<i64> = sqlx::query_scalar(
                "INSERT INTO accounts (role, email, provider_number, vendor_code, county_code, \
                 display_name, password_hash, language, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
                 ON CONFLICT DO NOTHING RETURNING account_id",
            )
            .bind(account.role.code())
            .bind(account.email.as_deref().map(normal_email))
            .bind(account.provider.map(|p| p.as_i64()))
            .bind(account.vendor.as_ref().map(|v| v.as_str().to_owned()))
            .bind(account.county.map(|c| i64::from(c.get())))
            .bind(&account.display_name)
            .bind(&account.password_hash)
            .bind(&account.language)
            .bind(stored_time(account.created_at))
            .fetch_optional(&mut **tx)
            .await?;
            let Some(id) = inserted else {
                // Lost a race with another request creating the same account.
                return Ok(Err(account_conflict(tx, account)
                    .await?
                    .unwrap_or(AccountConflict::EmailTaken)));
            };
            write_audit(&mut **tx, audit, &id.to_string()).await?;
            Ok(Ok(AccountId(id)))
        }

        async fn account_conflict(
            tx: &mut WriteTx,
            account: &NewAccount,
        ) -> StoreResult<Option<AccountConflict>> {
            if let Some(email) = &account.email {
                let taken: Option<i64> =
                    sqlx::query_scalar("SELECT account_id FROM accounts WHERE email = $1")
                        .bind(normal_email(email))
                        .fetch_optional(&mut **tx)
                        .await?;
                if taken.is_some() {
                    return Ok(Some(AccountConflict::EmailTaken));
                }
            }
            if let Some(provider) = account.provider {
                let taken: Option<i64> = sqlx::query_scalar(
                    "SELECT account_id FROM accounts WHERE provider_number = $1",
                )
                .bind(provider.as_i64())
                .fetch_optional(&mut **tx)
                .await?;
                if taken.is_some() {
                    return Ok(Some(AccountConflict::ProviderHasAccount));
                }
            }
            Ok(None)
        }

        /// Marks a code used at `at`: only an unused code, unexpired at `at`, of this purpose
        /// and for this person (a register code's provider, a reset code's account), so that
        /// no code can do more than it was made for. `false` when there is no such code.
        async fn use_code(
            tx: &mut WriteTx,
            challenge: &str,
            person: Person,
            at: time::OffsetDateTime,
        ) -> StoreResult<bool> {
            let (sql, id) = match person {
                Person::Provider(provider) => (
                    "UPDATE one_time_codes SET used_at = $2 WHERE challenge = $1 \
                     AND used_at IS NULL AND expires_at > $2 \
                     AND purpose = 'register' AND provider_number = $3",
                    provider,
                ),
                Person::Account(account) => (
                    "UPDATE one_time_codes SET used_at = $2 WHERE challenge = $1 \
                     AND used_at IS NULL AND expires_at > $2 \
                     AND purpose = 'reset-password' AND account_id = $3",
                    Some(account),
                ),
            };
            let used = sqlx::query(sql)
                .bind(challenge)
                .bind(stored_time(at))
                .bind(id)
                .execute(&mut **tx)
                .await?;
            Ok(used.rows_affected() == 1)
        }

        /// Whom a code is redeemed for.
        enum Person {
            Provider(Option<i64>),
            Account(i64),
        }

        async fn update_password(
            tx: &mut WriteTx,
            id: AccountId,
            password_hash: &str,
            audit: &AuditEntry,
        ) -> StoreResult<()> {
            sqlx::query("UPDATE accounts SET password_hash = $2 WHERE account_id = $1")
                .bind(id.0)
                .bind(password_hash)
                .execute(&mut **tx)
                .await?;
            sqlx::query("DELETE FROM web_sessions WHERE account_id = $1")
                .bind(id.0)
                .execute(&mut **tx)
                .await?;
            write_audit(&mut **tx, audit, &audit.record_key).await
        }

        async fn one_account(
            store: &$store,
            sql: &'static str,
            bind: impl for<'q> sqlx::Encode<'q, $db> + sqlx::Type<$db> + Send,
        ) -> StoreResult<Option<StoredAccount>> {
            let row: Option<AccountRow> = sqlx::query_as(sql)
            .bind(bind)
            .fetch_optional(store.pool())
            .await?;
            row.map(TryInto::try_into).transpose()
        }

        #[async_trait::async_trait]
        impl AccountStore for $store {
            async fn create_account(
                &self,
                account: &NewAccount,
                audit: &AuditEntry,
            ) -> StoreResult<Result<AccountId, AccountConflict>> {
                let mut tx = self.begin_write().await?;
                let result = insert_account(&mut tx, account, audit).await?;
                if result.is_ok() {
                    tx.commit().await?;
                }
                Ok(result)
            }

            async fn account(&self, id: AccountId) -> StoreResult<Option<StoredAccount>> {
                one_account(self, concat!("SELECT ", account_columns!(), " FROM accounts WHERE account_id = $1"), id.0).await
            }

            async fn account_by_email(&self, email: &str) -> StoreResult<Option<StoredAccount>> {
                one_account(self, concat!("SELECT ", account_columns!(), " FROM accounts WHERE email = $1"), normal_email(email)).await
            }

            async fn account_by_provider(
                &self,
                provider: ProviderNumber,
            ) -> StoreResult<Option<StoredAccount>> {
                one_account(self, concat!("SELECT ", account_columns!(), " FROM accounts WHERE provider_number = $1"), provider.as_i64()).await
            }

            async fn accounts(&self, filter: &AccountFilter) -> StoreResult<Vec<StoredAccount>> {
                let rows: Vec<AccountRow> = sqlx::query_as(concat!("SELECT ", account_columns!(), " FROM accounts \
                     WHERE ($1 IS NULL OR role = $1) AND account_id > $2 \
                     ORDER BY account_id LIMIT $3"))
                .bind(filter.role.map(|r| r.code()))
                .bind(filter.after.map_or(0, |a| a.0))
                .bind(i64::from(filter.limit.clamp(1, 1000)))
                .fetch_all(self.pool())
                .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn set_password(
                &self,
                id: AccountId,
                password_hash: &str,
                audit: &AuditEntry,
            ) -> StoreResult<()> {
                let mut tx = self.begin_write().await?;
                update_password(&mut tx, id, password_hash, audit).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn set_language(
                &self,
                id: AccountId,
                language: &str,
                audit: &AuditEntry,
            ) -> StoreResult<()> {
                let mut tx = self.begin_write().await?;
                sqlx::query("UPDATE accounts SET language = $2 WHERE account_id = $1")
                    .bind(id.0)
                    .bind(language)
                    .execute(&mut *tx)
                    .await?;
                write_audit(&mut tx, audit, &audit.record_key).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn set_disabled(
                &self,
                id: AccountId,
                disabled: bool,
                audit: &AuditEntry,
            ) -> StoreResult<()> {
                let mut tx = self.begin_write().await?;
                sqlx::query("UPDATE accounts SET disabled = $2 WHERE account_id = $1")
                    .bind(id.0)
                    .bind(i64::from(disabled))
                    .execute(&mut *tx)
                    .await?;
                if disabled {
                    sqlx::query("DELETE FROM web_sessions WHERE account_id = $1")
                        .bind(id.0)
                        .execute(&mut *tx)
                        .await?;
                }
                write_audit(&mut tx, audit, &audit.record_key).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn provider_contact(
                &self,
                provider: ProviderNumber,
            ) -> StoreResult<Option<ProviderContact>> {
                let row: Option<ContactRow> = sqlx::query_as(
                    "SELECT provider_number, first_name, last_name, county_code, language, \
                     phone, email FROM providers WHERE provider_number = $1",
                )
                .bind(provider.as_i64())
                .fetch_optional(self.pool())
                .await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn create_session(&self, session: &NewSession) -> StoreResult<()> {
                sqlx::query(
                    "INSERT INTO web_sessions (token_hash, account_id, csrf_token, created_at, \
                     last_seen_at, expires_at) VALUES ($1, $2, $3, $4, $4, $5)",
                )
                .bind(&session.token_hash)
                .bind(session.account.0)
                .bind(&session.csrf_token)
                .bind(stored_time(session.created_at))
                .bind(stored_time(session.expires_at))
                .execute(self.pool())
                .await?;
                Ok(())
            }

            async fn session(
                &self,
                token_hash: &[u8],
                now: time::OffsetDateTime,
            ) -> StoreResult<Option<SessionRecord>> {
                let row: Option<SessionAccountRow> = sqlx::query_as(
                    "SELECT a.account_id, a.role, a.email, a.provider_number, a.vendor_code, \
                     a.county_code, a.display_name, a.password_hash, a.language, a.created_at, \
                     a.disabled, s.csrf_token, s.created_at AS session_created_at, \
                     s.last_seen_at, s.expires_at \
                     FROM web_sessions s JOIN accounts a ON a.account_id = s.account_id \
                     WHERE s.token_hash = $1 AND s.expires_at > $2 AND a.disabled = 0",
                )
                .bind(token_hash)
                .bind(stored_time(now))
                .fetch_optional(self.pool())
                .await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn touch_session(
                &self,
                token_hash: &[u8],
                now: time::OffsetDateTime,
            ) -> StoreResult<()> {
                sqlx::query("UPDATE web_sessions SET last_seen_at = $2 WHERE token_hash = $1")
                    .bind(token_hash)
                    .bind(stored_time(now))
                    .execute(self.pool())
                    .await?;
                Ok(())
            }

            async fn delete_session(&self, token_hash: &[u8]) -> StoreResult<()> {
                sqlx::query("DELETE FROM web_sessions WHERE token_hash = $1")
                    .bind(token_hash)
                    .execute(self.pool())
                    .await?;
                Ok(())
            }

            async fn delete_account_sessions(&self, id: AccountId) -> StoreResult<u64> {
                let done = sqlx::query("DELETE FROM web_sessions WHERE account_id = $1")
                    .bind(id.0)
                    .execute(self.pool())
                    .await?;
                Ok(done.rows_affected())
            }

            async fn record_sign_in_failure(
                &self,
                subjects: &[String],
                at: time::OffsetDateTime,
                forget_before: time::OffsetDateTime,
            ) -> StoreResult<()> {
                let mut tx = self.begin_write().await?;
                for subject in subjects {
                    sqlx::query("DELETE FROM sign_in_failures WHERE subject = $1 AND failed_at < $2")
                        .bind(subject)
                        .bind(stored_time(forget_before))
                        .execute(&mut *tx)
                        .await?;
                    sqlx::query("INSERT INTO sign_in_failures (subject, failed_at) VALUES ($1, $2)")
                        .bind(subject)
                        .bind(stored_time(at))
                        .execute(&mut *tx)
                        .await?;
                }
                tx.commit().await?;
                Ok(())
            }

            async fn sign_in_failures(
                &self,
                subject: &str,
                since: time::OffsetDateTime,
            ) -> StoreResult<u32> {
                let count: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM sign_in_failures WHERE subject = $1 AND failed_at >= $2",
                )
                .bind(subject)
                .bind(stored_time(since))
                .fetch_one(self.pool())
                .await?;
                Ok(u32::try_from(count).unwrap_or(u32::MAX))
            }

            async fn clear_sign_in_failures(&self, subject: &str) -> StoreResult<()> {
                sqlx::query("DELETE FROM sign_in_failures WHERE subject = $1")
                    .bind(subject)
                    .execute(self.pool())
                    .await?;
                Ok(())
            }

            async fn create_code(
                &self,
                code: &NewCode,
                message: Option<&NewMessage>,
            ) -> StoreResult<()> {
                let mut tx = self.begin_write().await?;
                sqlx::query(
                    "INSERT INTO one_time_codes (challenge, purpose, provider_number, account_id, \
                     code_hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(&code.challenge)
                .bind(code.purpose.code())
                .bind(code.provider.map(|p| p.as_i64()))
                .bind(code.account.map(|a| a.0))
                .bind(&code.code_hash)
                .bind(stored_time(code.created_at))
                .bind(stored_time(code.expires_at))
                .execute(&mut *tx)
                .await?;
                if let Some(message) = message {
                    insert_message(&mut tx, message).await?;
                }
                tx.commit().await?;
                Ok(())
            }

            async fn code(&self, challenge: &str) -> StoreResult<Option<CodeRecord>> {
                let row: Option<CodeRow> = sqlx::query_as(
                    "SELECT challenge, purpose, provider_number, account_id, code_hash, \
                     expires_at, attempts, used_at FROM one_time_codes WHERE challenge = $1",
                )
                .bind(challenge)
                .fetch_optional(self.pool())
                .await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn code_failed(&self, challenge: &str) -> StoreResult<u32> {
                let attempts: Option<i64> = sqlx::query_scalar(
                    "UPDATE one_time_codes SET attempts = attempts + 1 WHERE challenge = $1 \
                     RETURNING attempts",
                )
                .bind(challenge)
                .fetch_optional(self.pool())
                .await?;
                Ok(attempts.map_or(u32::MAX, |a| u32::try_from(a).unwrap_or(u32::MAX)))
            }

            async fn redeem_register_code(
                &self,
                challenge: &str,
                account: &NewAccount,
                audit: &AuditEntry,
            ) -> StoreResult<Result<AccountId, RedeemConflict>> {
                let mut tx = self.begin_write().await?;
                let person = Person::Provider(account.provider.map(|p| p.as_i64()));
                if !use_code(&mut tx, challenge, person, account.created_at).await? {
                    return Ok(Err(RedeemConflict::CodeUsed));
                }
                match insert_account(&mut tx, account, audit).await? {
                    Ok(id) => {
                        tx.commit().await?;
                        Ok(Ok(id))
                    }
                    Err(conflict) => Ok(Err(RedeemConflict::Account(conflict))),
                }
            }

            async fn redeem_reset_code(
                &self,
                challenge: &str,
                account: AccountId,
                password_hash: &str,
                audit: &AuditEntry,
            ) -> StoreResult<Result<(), RedeemConflict>> {
                let mut tx = self.begin_write().await?;
                if !use_code(&mut tx, challenge, Person::Account(account.0), audit.at).await? {
                    return Ok(Err(RedeemConflict::CodeUsed));
                }
                update_password(&mut tx, account, password_hash, audit).await?;
                tx.commit().await?;
                Ok(Ok(()))
            }

            async fn create_api_token(
                &self,
                token: &NewApiToken,
                audit: &AuditEntry,
            ) -> StoreResult<ApiTokenId> {
                let mut tx = self.begin_write().await?;
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO api_tokens (vendor_code, name, token_hash, prefix, created_by, \
                     created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING token_id",
                )
                .bind(token.vendor.as_str())
                .bind(&token.name)
                .bind(&token.token_hash)
                .bind(&token.prefix)
                .bind(token.created_by.0)
                .bind(stored_time(token.created_at))
                .fetch_one(&mut *tx)
                .await?;
                write_audit(&mut tx, audit, &id.to_string()).await?;
                tx.commit().await?;
                Ok(ApiTokenId(id))
            }

            async fn api_tokens(&self, vendor: &VendorCode) -> StoreResult<Vec<ApiToken>> {
                let rows: Vec<TokenRow> = sqlx::query_as(concat!("SELECT ", token_columns!(), " FROM api_tokens WHERE vendor_code = $1 \
                     ORDER BY token_id DESC"))
                .bind(vendor.as_str())
                .fetch_all(self.pool())
                .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn api_token_by_hash(&self, token_hash: &[u8]) -> StoreResult<Option<ApiToken>> {
                let row: Option<TokenRow> = sqlx::query_as(concat!("SELECT ", token_columns!(), " FROM api_tokens \
                     WHERE token_hash = $1 AND revoked_at IS NULL"))
                .bind(token_hash)
                .fetch_optional(self.pool())
                .await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn revoke_api_token(
                &self,
                vendor: &VendorCode,
                id: ApiTokenId,
                audit: &AuditEntry,
            ) -> StoreResult<bool> {
                let mut tx = self.begin_write().await?;
                let done = sqlx::query(
                    "UPDATE api_tokens SET revoked_at = $3 \
                     WHERE token_id = $1 AND vendor_code = $2 AND revoked_at IS NULL",
                )
                .bind(id.0)
                .bind(vendor.as_str())
                .bind(stored_time(audit.at))
                .execute(&mut *tx)
                .await?;
                if done.rows_affected() != 1 {
                    return Ok(false);
                }
                write_audit(&mut tx, audit, &id.0.to_string()).await?;
                tx.commit().await?;
                Ok(true)
            }

            async fn touch_api_token(
                &self,
                id: ApiTokenId,
                at: time::OffsetDateTime,
            ) -> StoreResult<()> {
                sqlx::query("UPDATE api_tokens SET last_used_at = $2 WHERE token_id = $1")
                    .bind(id.0)
                    .bind(stored_time(at))
                    .execute(self.pool())
                    .await?;
                Ok(())
            }

            async fn append_audit(&self, entry: &AuditEntry) -> StoreResult<()> {
                let mut conn = self.pool().acquire().await?;
                write_audit(&mut conn, entry, &entry.record_key).await
            }

            async fn search_audit(&self, query: &AuditQuery) -> StoreResult<Vec<AuditRecord>> {
                let rows: Vec<AuditRow> = sqlx::query_as(concat!("SELECT ", audit_columns!(), " FROM audit_log \
                     WHERE ($1 IS NULL OR actor_account_id = $1) \
                     AND ($2 IS NULL OR record_type = $2) \
                     AND ($3 IS NULL OR record_key = $3) \
                     AND ($4 IS NULL OR at >= $4) \
                     AND ($5 IS NULL OR at < $5) \
                     AND audit_id < $6 \
                     ORDER BY audit_id DESC LIMIT $7"))
                .bind(query.actor.map(|a| a.0))
                .bind(query.record_type.as_deref())
                .bind(query.record_key.as_deref())
                .bind(query.from.map(stored_time))
                .bind(query.until.map(stored_time))
                .bind(query.before_id.unwrap_or(i64::MAX))
                .bind(i64::from(query.limit.clamp(1, 10_000)))
                .fetch_all(self.pool())
                .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn enqueue_message(&self, message: &NewMessage) -> StoreResult<i64> {
                let mut tx = self.begin_write().await?;
                let id = insert_message(&mut tx, message).await?;
                tx.commit().await?;
                Ok(id)
            }

            async fn withdraw_messages(
                &self,
                topic: &str,
                now: time::OffsetDateTime,
            ) -> StoreResult<u64> {
                withdraw_messages_in(&mut *self.pool().acquire().await?, topic, now).await
            }

            async fn claim_messages(
                &self,
                now: time::OffsetDateTime,
                lease_until: time::OffsetDateTime,
                limit: u32,
            ) -> StoreResult<Vec<OutboxMessage>> {
                let mut tx = self.begin_write().await?;
                let rows: Vec<MessageRow> = sqlx::query_as(concat!(
                    "UPDATE outbox SET leased_until = $2 WHERE message_id IN (\
                     SELECT message_id FROM outbox WHERE sent_at IS NULL AND due_at <= $1 \
                     AND (leased_until IS NULL OR leased_until <= $1) \
                     ORDER BY due_at, message_id LIMIT $3",
                    $lease_lock,
                    ") RETURNING ",
                    message_columns!()
                ))
                .bind(stored_time(now))
                .bind(stored_time(lease_until))
                .bind(i64::from(limit.max(1)))
                .fetch_all(&mut *tx)
                .await?;
                tx.commit().await?;
                let mut messages: Vec<OutboxMessage> =
                    rows.into_iter().map(TryInto::try_into).collect::<StoreResult<_>>()?;
                messages.sort_by_key(|m| m.id);
                Ok(messages)
            }

            async fn message_sent(&self, id: i64, at: time::OffsetDateTime) -> StoreResult<()> {
                sqlx::query(
                    "UPDATE outbox SET sent_at = $2, attempts = attempts + 1, leased_until = NULL \
                     WHERE message_id = $1",
                )
                .bind(id)
                .bind(stored_time(at))
                .execute(self.pool())
                .await?;
                Ok(())
            }

            async fn message_failed(
                &self,
                id: i64,
                error: &str,
                retry_at: time::OffsetDateTime,
            ) -> StoreResult<()> {
                sqlx::query(
                    "UPDATE outbox SET attempts = attempts + 1, last_error = $2, due_at = $3, \
                     leased_until = NULL WHERE message_id = $1",
                )
                .bind(id)
                .bind(error)
                .bind(stored_time(retry_at))
                .execute(self.pool())
                .await?;
                Ok(())
            }

            async fn outbox(
                &self,
                recipient: Option<&str>,
                limit: u32,
            ) -> StoreResult<Vec<OutboxMessage>> {
                let rows: Vec<MessageRow> = sqlx::query_as(concat!("SELECT ", message_columns!(), " FROM outbox WHERE ($1 IS NULL OR recipient = $1) \
                     ORDER BY message_id DESC LIMIT $2"))
                .bind(recipient)
                .bind(i64::from(limit.clamp(1, 10_000)))
                .fetch_all(self.pool())
                .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }
        }

        /// Deletes unsent messages on `topic`; one a worker is sending right now is left to go.
        async fn withdraw_messages_in(
            conn: &mut <$db as sqlx::Database>::Connection,
            topic: &str,
            now: time::OffsetDateTime,
        ) -> StoreResult<u64> {
            let done = sqlx::query(
                "DELETE FROM outbox WHERE topic = $1 AND sent_at IS NULL \
                 AND (leased_until IS NULL OR leased_until <= $2)",
            )
            .bind(topic)
            .bind(stored_time(now))
            .execute(&mut *conn)
            .await?;
            Ok(done.rows_affected())
        }

        async fn insert_message(tx: &mut WriteTx, message: &NewMessage) -> StoreResult<i64> {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO outbox (channel, recipient, language, purpose, subject, body, \
                 calendar, created_at, due_at, topic) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING message_id",
            )
            .bind(message.channel.code())
            .bind(&message.recipient)
            .bind(&message.language)
            .bind(&message.purpose)
            .bind(&message.subject)
            .bind(&message.body)
            .bind(&message.calendar)
            .bind(stored_time(message.created_at))
            .bind(stored_time(message.due_at.unwrap_or(message.created_at)))
            .bind(&message.topic)
            .fetch_one(&mut **tx)
            .await?;
            Ok(id)
        }
    };
}

pub(crate) use account_queries;

//! Accounts, sign-in sessions, one-time codes, API tokens, the audit log and the outbox: what
//! the store keeps about people and their access (issue 3), apart from program data.
//!
//! Every method that changes something takes the [`AuditEntry`] describing the change and
//! writes it in the same transaction, so a change and its audit record land together or not
//! at all.

use async_trait::async_trait;
use pathways_domain::access::{Actor, Role};
use pathways_domain::ids::{CountyCode, ProviderNumber, VendorCode};
use serde::Serialize;
use time::OffsetDateTime;

use crate::StoreResult;

/// An account's number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct AccountId(pub i64);

impl std::fmt::Display for AccountId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// A person who can sign in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub id: AccountId,
    pub role: Role,
    /// Lower case. Staff sign in with it; a provider may have none.
    pub email: Option<String>,
    pub provider: Option<ProviderNumber>,
    pub vendor: Option<VendorCode>,
    pub county: Option<CountyCode>,
    pub display_name: String,
    /// `None` until the person sets a password (a staff account created by an admin).
    pub password_hash: Option<String>,
    /// BCP 47 tag of the language the person reads.
    pub language: String,
    pub created_at: OffsetDateTime,
    pub disabled: bool,
}

impl Account {
    /// Who the account acts as; `None` when the stored ties do not fit the role (which the
    /// database's checks prevent).
    pub fn actor(&self) -> Option<Actor> {
        Some(match self.role {
            Role::Provider => Actor::Provider {
                provider: self.provider?,
            },
            Role::VendorStaff => Actor::VendorStaff {
                vendor: self.vendor.clone()?,
            },
            Role::Coach => Actor::Coach,
            Role::ServiceDesk => Actor::ServiceDesk,
            Role::CountyStaff => Actor::CountyStaff {
                county: self.county?,
            },
            Role::ProgramAdmin => Actor::ProgramAdmin,
        })
    }
}

/// An account to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAccount {
    pub role: Role,
    pub email: Option<String>,
    pub provider: Option<ProviderNumber>,
    pub vendor: Option<VendorCode>,
    pub county: Option<CountyCode>,
    pub display_name: String,
    pub password_hash: Option<String>,
    pub language: String,
    pub created_at: OffsetDateTime,
}

/// Why an account could not be created.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountConflict {
    /// Another account has this email.
    EmailTaken,
    /// The provider number has an account already.
    ProviderHasAccount,
    /// The vendor named does not exist.
    UnknownVendor,
}

/// Which accounts to list.
#[derive(Debug, Clone, Default)]
pub struct AccountFilter {
    pub role: Option<Role>,
    /// Accounts with a greater id (keyset pagination).
    pub after: Option<AccountId>,
    pub limit: u32,
}

/// The contact facts of a provider from the providers file: what a provider proves who they
/// are with, and where a one-time code can go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderContact {
    pub provider: ProviderNumber,
    pub first_name: String,
    pub last_name: String,
    pub county: CountyCode,
    pub language: String,
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// A signed-in session to store. Only a hash of the token the browser holds is kept, so a copy
/// of the database cannot be used to sign in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSession {
    pub token_hash: Vec<u8>,
    pub account: AccountId,
    pub csrf_token: String,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
}

/// A live session with its account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    pub account: Account,
    pub csrf_token: String,
    pub created_at: OffsetDateTime,
    pub last_seen_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
}

/// What a one-time code is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CodePurpose {
    /// A provider creating their account.
    Register,
    /// Setting a new password (also a new staff account's first one).
    ResetPassword,
}

impl CodePurpose {
    pub fn code(self) -> &'static str {
        match self {
            Self::Register => "register",
            Self::ResetPassword => "reset-password",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "register" => Some(Self::Register),
            "reset-password" => Some(Self::ResetPassword),
            _ => None,
        }
    }
}

/// A one-time code to store. The challenge id travels in the person's form; only a hash of
/// the code is kept. A challenge for details that matched nobody is stored too, with neither
/// provider nor account, so that the answer never reveals whether a person exists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCode {
    pub challenge: String,
    pub purpose: CodePurpose,
    pub provider: Option<ProviderNumber>,
    pub account: Option<AccountId>,
    pub code_hash: Vec<u8>,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
}

/// A stored one-time code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeRecord {
    pub challenge: String,
    pub purpose: CodePurpose,
    pub provider: Option<ProviderNumber>,
    pub account: Option<AccountId>,
    pub code_hash: Vec<u8>,
    pub expires_at: OffsetDateTime,
    /// Wrong codes tried so far.
    pub attempts: u32,
    pub used: bool,
}

/// Why redeeming a code failed inside its transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RedeemConflict {
    /// The code was used already (perhaps by a request a moment earlier), has expired, or is
    /// not for this purpose or person.
    CodeUsed,
    /// The account could not be created.
    Account(AccountConflict),
}

/// An API token's number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct ApiTokenId(pub i64);

/// An API token to store; only its hash is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewApiToken {
    pub vendor: VendorCode,
    pub name: String,
    pub token_hash: Vec<u8>,
    /// The first characters of the token, so people can tell their tokens apart.
    pub prefix: String,
    pub created_by: AccountId,
    pub created_at: OffsetDateTime,
}

/// A stored API token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiToken {
    pub id: ApiTokenId,
    pub vendor: VendorCode,
    pub name: String,
    pub prefix: String,
    pub created_by: AccountId,
    pub created_at: OffsetDateTime,
    pub last_used_at: Option<OffsetDateTime>,
    pub revoked_at: Option<OffsetDateTime>,
}

/// Who made a change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditActor {
    /// The account, when a person signed in made it.
    pub account: Option<AccountId>,
    /// How the actor is shown: a person's name and role, an API token, the command line.
    pub label: String,
}

/// One change, as the audit log keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    pub at: OffsetDateTime,
    pub actor: AuditActor,
    /// What was done, e.g. `account.create`, `import.attendance`.
    pub action: String,
    /// The kind of record changed, e.g. `account`, `api-token`, `attendance`.
    pub record_type: String,
    /// Which record. For a creation whose key the database assigns, the store fills it in.
    pub record_key: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

/// A stored audit record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditRecord {
    pub id: i64,
    #[serde(flatten)]
    pub entry: AuditEntry,
}

/// What to look for in the audit log. Results come newest first.
#[derive(Debug, Clone, Default)]
pub struct AuditQuery {
    /// Changes made by this account.
    pub actor: Option<AccountId>,
    pub record_type: Option<String>,
    pub record_key: Option<String>,
    /// From this moment on (inclusive).
    pub from: Option<OffsetDateTime>,
    /// Before this moment (exclusive).
    pub until: Option<OffsetDateTime>,
    /// Records older than this id (keyset pagination, newest first).
    pub before_id: Option<i64>,
    pub limit: u32,
}

/// How a message travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Channel {
    Email,
    Sms,
}

impl Channel {
    pub fn code(self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::Sms => "sms",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "email" => Some(Self::Email),
            "sms" => Some(Self::Sms),
            _ => None,
        }
    }
}

/// A message to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMessage {
    pub channel: Channel,
    /// An email address or a phone number.
    pub recipient: String,
    /// The language the message is written in.
    pub language: String,
    /// What the message is for, e.g. `register-code`; for people reading the outbox.
    pub purpose: String,
    pub subject: String,
    pub body: String,
    /// A calendar file (RFC 5545) to attach, for messages about a class.
    pub calendar: Option<String>,
    pub created_at: OffsetDateTime,
    /// Not to be sent before this time (a reminder); at once when `None`.
    pub due_at: Option<OffsetDateTime>,
    /// What the message is about, so unsent ones can be withdrawn together.
    pub topic: Option<String>,
}

/// A message in the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxMessage {
    pub id: i64,
    pub channel: Channel,
    pub recipient: String,
    pub language: String,
    pub purpose: String,
    pub subject: String,
    pub body: String,
    /// A calendar file (RFC 5545) to attach, for messages about a class.
    pub calendar: Option<String>,
    pub created_at: OffsetDateTime,
    pub attempts: u32,
    pub last_error: Option<String>,
    pub sent_at: Option<OffsetDateTime>,
}

/// What the store keeps about people and their access.
#[async_trait]
pub trait AccountStore: Send + Sync {
    /// Creates an account and audits it (the audit's record key becomes the new id).
    async fn create_account(
        &self,
        account: &NewAccount,
        audit: &AuditEntry,
    ) -> StoreResult<Result<AccountId, AccountConflict>>;

    async fn account(&self, id: AccountId) -> StoreResult<Option<Account>>;

    /// The account with this email (compared in lower case).
    async fn account_by_email(&self, email: &str) -> StoreResult<Option<Account>>;

    async fn account_by_provider(&self, provider: ProviderNumber) -> StoreResult<Option<Account>>;

    /// Accounts in id order.
    async fn accounts(&self, filter: &AccountFilter) -> StoreResult<Vec<Account>>;

    /// Sets a new password hash and ends every session of the account.
    async fn set_password(
        &self,
        id: AccountId,
        password_hash: &str,
        audit: &AuditEntry,
    ) -> StoreResult<()>;

    async fn set_language(
        &self,
        id: AccountId,
        language: &str,
        audit: &AuditEntry,
    ) -> StoreResult<()>;

    /// Disables or enables an account; disabling ends its sessions.
    async fn set_disabled(
        &self,
        id: AccountId,
        disabled: bool,
        audit: &AuditEntry,
    ) -> StoreResult<()>;

    /// The providers file's facts about a provider.
    async fn provider_contact(
        &self,
        provider: ProviderNumber,
    ) -> StoreResult<Option<ProviderContact>>;

    async fn create_session(&self, session: &NewSession) -> StoreResult<()>;

    /// The live session with this token hash at `now`, with its enabled account.
    async fn session(
        &self,
        token_hash: &[u8],
        now: OffsetDateTime,
    ) -> StoreResult<Option<SessionRecord>>;

    /// Notes that the session was used at `now` (for the idle timeout).
    async fn touch_session(&self, token_hash: &[u8], now: OffsetDateTime) -> StoreResult<()>;

    async fn delete_session(&self, token_hash: &[u8]) -> StoreResult<()>;

    /// Ends every session of an account ("sign out everywhere"); returns how many.
    async fn delete_account_sessions(&self, id: AccountId) -> StoreResult<u64>;

    /// Notes a failed sign-in against each subject (an account, an address), forgetting
    /// failures older than `forget_before`.
    async fn record_sign_in_failure(
        &self,
        subjects: &[String],
        at: OffsetDateTime,
        forget_before: OffsetDateTime,
    ) -> StoreResult<()>;

    /// Failed sign-ins against a subject since `since`.
    async fn sign_in_failures(&self, subject: &str, since: OffsetDateTime) -> StoreResult<u32>;

    async fn clear_sign_in_failures(&self, subject: &str) -> StoreResult<()>;

    /// Stores a one-time code and the message carrying it, together.
    async fn create_code(&self, code: &NewCode, message: Option<&NewMessage>) -> StoreResult<()>;

    async fn code(&self, challenge: &str) -> StoreResult<Option<CodeRecord>>;

    /// Counts a wrong code; returns the attempts so far.
    async fn code_failed(&self, challenge: &str) -> StoreResult<u32>;

    /// Uses a register code and creates the provider's account, in one transaction.
    async fn redeem_register_code(
        &self,
        challenge: &str,
        account: &NewAccount,
        audit: &AuditEntry,
    ) -> StoreResult<Result<AccountId, RedeemConflict>>;

    /// Uses a reset code and sets the account's password (ending its sessions), in one
    /// transaction.
    async fn redeem_reset_code(
        &self,
        challenge: &str,
        account: AccountId,
        password_hash: &str,
        audit: &AuditEntry,
    ) -> StoreResult<Result<(), RedeemConflict>>;

    async fn create_api_token(
        &self,
        token: &NewApiToken,
        audit: &AuditEntry,
    ) -> StoreResult<ApiTokenId>;

    /// A vendor's tokens, newest first, revoked ones included.
    async fn api_tokens(&self, vendor: &VendorCode) -> StoreResult<Vec<ApiToken>>;

    /// The unrevoked token with this hash.
    async fn api_token_by_hash(&self, token_hash: &[u8]) -> StoreResult<Option<ApiToken>>;

    /// Revokes one of a vendor's tokens; `false` when the vendor has no such live token.
    async fn revoke_api_token(
        &self,
        vendor: &VendorCode,
        id: ApiTokenId,
        audit: &AuditEntry,
    ) -> StoreResult<bool>;

    async fn touch_api_token(&self, id: ApiTokenId, at: OffsetDateTime) -> StoreResult<()>;

    /// Appends to the audit log on its own.
    async fn append_audit(&self, entry: &AuditEntry) -> StoreResult<()>;

    async fn search_audit(&self, query: &AuditQuery) -> StoreResult<Vec<AuditRecord>>;

    /// Puts a message in the outbox.
    async fn enqueue_message(&self, message: &NewMessage) -> StoreResult<i64>;

    /// Takes back the messages about `topic` that no worker has taken yet; returns how many.
    async fn withdraw_messages(&self, topic: &str, now: OffsetDateTime) -> StoreResult<u64>;

    /// Takes up to `limit` messages due at `now` for delivery, leasing them until
    /// `lease_until` so that two workers never send the same message.
    async fn claim_messages(
        &self,
        now: OffsetDateTime,
        lease_until: OffsetDateTime,
        limit: u32,
    ) -> StoreResult<Vec<OutboxMessage>>;

    async fn message_sent(&self, id: i64, at: OffsetDateTime) -> StoreResult<()>;

    /// Notes a failed delivery; the message is tried again from `retry_at`.
    async fn message_failed(
        &self,
        id: i64,
        error: &str,
        retry_at: OffsetDateTime,
    ) -> StoreResult<()>;

    /// The newest messages, optionally to one recipient.
    async fn outbox(&self, recipient: Option<&str>, limit: u32) -> StoreResult<Vec<OutboxMessage>>;
}

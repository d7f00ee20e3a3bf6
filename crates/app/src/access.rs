//! Who is asking: the [`Caller`] every application service takes, whether the request came from
//! a signed-in person, a vendor's API token or the command line. Services decide with
//! [`Caller::authorize`], which asks the one table in `pathways_domain::access`, and record
//! changes with [`Caller::audit`].

use pathways_domain::access::{Action, Actor, Denied, Owner, Role, Scope, authorize};
use pathways_store::accounts::{Account, AccountId, ApiToken, AuditActor, AuditEntry};
use serde::Serialize;
use time::OffsetDateTime;

/// The person or system a service acts for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    pub actor: Actor,
    /// The account behind the request, when a person signed in.
    pub account: Option<AccountId>,
    /// How the audit log names the caller (never a password or token).
    pub label: String,
}

impl Caller {
    /// A signed-in person. `None` when the account's ties do not fit its role.
    pub fn account(account: &Account) -> Option<Self> {
        Some(Self {
            actor: account.actor()?,
            account: Some(account.id),
            label: format!(
                "{} ({}, account {})",
                account.display_name, account.role, account.id
            ),
        })
    }

    /// A vendor's system calling with an API token: it acts as that vendor's staff.
    pub fn api_token(token: &ApiToken) -> Self {
        Self {
            actor: Actor::VendorStaff {
                vendor: token.vendor.clone(),
            },
            account: None,
            label: format!(
                "API token {} \"{}\" of vendor {}",
                token.prefix, token.name, token.vendor
            ),
        }
    }

    /// An operator at the command line, who has the database itself and so acts as the
    /// program administration.
    pub fn command_line() -> Self {
        let user = std::env::var("USER").unwrap_or_else(|_| "unknown".to_owned());
        Self {
            actor: Actor::ProgramAdmin,
            account: None,
            label: format!("command line (system user {user})"),
        }
    }

    pub fn role(&self) -> Role {
        self.actor.role()
    }

    /// Decides whether the caller may perform `action` on a record owned as `owner` says.
    pub fn authorize(&self, action: Action, owner: &Owner) -> Result<Scope, AccessError> {
        authorize(&self.actor, action, owner).map_err(AccessError::Denied)
    }

    /// Whether the caller's role ever performs `action` (for showing a menu entry).
    pub fn may(&self, action: Action) -> bool {
        pathways_domain::access::scope_of(self.role(), action).is_some()
    }

    /// An audit entry for a change this caller makes now.
    pub fn audit(
        &self,
        action: &str,
        record_type: &str,
        record_key: impl Into<String>,
        before: Option<serde_json::Value>,
        after: Option<serde_json::Value>,
    ) -> AuditEntry {
        AuditEntry {
            at: now(),
            actor: AuditActor {
                account: self.account,
                label: self.label.clone(),
            },
            action: action.to_owned(),
            record_type: record_type.to_owned(),
            record_key: record_key.into(),
            before,
            after,
        }
    }
}

/// A refusal: the role never does this, or the record is not the caller's.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AccessError {
    #[error("not allowed: {0}")]
    Denied(Denied),
}

impl AccessError {
    /// Whether the caller's role may do this to some records, but not to this one: such a
    /// refusal must look like "not found" where the record's existence is itself private.
    pub fn is_out_of_scope(&self) -> bool {
        matches!(self, Self::Denied(Denied::OutOfScope { .. }))
    }
}

/// Now, in UTC, to the whole second: what the store keeps, so comparisons behave the same on
/// both databases.
pub fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .unwrap_or_else(|_| OffsetDateTime::now_utc())
}

/// A JSON value for an audit entry's before or after.
pub fn audit_value(value: &impl Serialize) -> Option<serde_json::Value> {
    serde_json::to_value(value).ok()
}

//! Accounts: signing in and out, server-side sessions, throttling of failed sign-ins, a
//! provider's self-service account, password resets by one-time code, staff accounts and vendor
//! API tokens (issue 3). Web pages, the JSON API and the command line all come here.

pub mod password;
pub mod secret;

use std::sync::Arc;

use pathways_domain::access::{Action, Owner, Role};
use pathways_domain::ids::{CountyCode, ProviderNumber, VendorCode};
use pathways_store::accounts::{
    Account, AccountConflict, AccountFilter, AccountId, ApiToken, ApiTokenId, Channel, CodePurpose,
    NewAccount, NewApiToken, NewCode, NewMessage, NewSession, ProviderContact, RedeemConflict,
};
use pathways_store::{Store, StoreError};
use serde::Serialize;
use time::Duration;

use crate::access::{AccessError, Caller, audit_value, now};
use crate::i18n::{Arg, Locale, Translator};
use password::{HashCost, PasswordHashing, PasswordProblem, PasswordRules};

/// The limits of sign-in, sessions and codes.
#[derive(Debug, Clone)]
pub struct AccountSettings {
    /// A session ends this long after sign-in, whatever happens.
    pub session_lifetime: Duration,
    /// A session ends after this long without a request.
    pub idle_timeout: Duration,
    /// How stale a session's last-seen time may get before a request writes it again (so most
    /// requests do not write).
    pub touch_after: Duration,
    /// Failed sign-ins counted over this window.
    pub failure_window: Duration,
    /// Failed sign-ins on one account, within the window, after which it must wait.
    pub account_failure_limit: u32,
    /// Failed sign-ins (and code requests) from one address, within the window.
    pub address_failure_limit: u32,
    pub code_lifetime: Duration,
    /// A first password for a staff account can be set for this long.
    pub activation_lifetime: Duration,
    /// Wrong codes allowed before a code stops working.
    pub code_attempts: u32,
    /// Where links in messages point, e.g. `https://pathways.example.gov`.
    pub base_url: String,
    pub hash_cost: HashCost,
}

impl Default for AccountSettings {
    fn default() -> Self {
        Self {
            session_lifetime: Duration::hours(12),
            idle_timeout: Duration::hours(1),
            touch_after: Duration::minutes(5),
            failure_window: Duration::minutes(15),
            account_failure_limit: 10,
            address_failure_limit: 100,
            code_lifetime: Duration::minutes(30),
            activation_lifetime: Duration::days(7),
            code_attempts: 5,
            base_url: "http://127.0.0.1:8080".to_owned(),
            hash_cost: HashCost::default(),
        }
    }
}

impl AccountSettings {
    /// The defaults, with `PATHWAYS_BASE_URL` (where links in messages point) when set.
    pub fn from_env() -> Self {
        let mut settings = Self::default();
        if let Ok(url) = std::env::var("PATHWAYS_BASE_URL") {
            settings.base_url = url.trim_end_matches('/').to_owned();
        }
        settings
    }
}

/// What can go wrong with accounts. Each variant is something the person can understand and,
/// where possible, act on; [`AccountError::message_key`] names its translated message.
#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error("the email or provider number and password do not match an account")]
    WrongCredentials,
    #[error("too many failed sign-ins; wait and try again")]
    Throttled,
    #[error("the code is not right")]
    WrongCode,
    #[error("the code has expired or was used; ask for a new one")]
    CodeExpired,
    #[error("the password was not accepted: {0}")]
    Password(#[from] PasswordProblem),
    #[error("the two passwords are not the same")]
    PasswordsDiffer,
    #[error("a provider number has 9 digits")]
    MalformedProviderNumber,
    #[error("enter a valid email address")]
    MalformedEmail,
    #[error("enter a name")]
    MissingName,
    #[error("this provider already has an account")]
    ProviderHasAccount,
    #[error("an account with this email exists")]
    EmailTaken,
    #[error("the vendor does not exist")]
    UnknownVendor,
    #[error("this role needs a vendor")]
    VendorRequired,
    #[error("this role needs a county")]
    CountyRequired,
    #[error("providers create their own accounts")]
    ProviderAccountsAreSelfService,
    #[error("enter a name for the token")]
    MissingTokenName,
    #[error("no such token")]
    NoSuchToken,
    #[error(transparent)]
    Access(#[from] AccessError),
    #[error("storage failed: {0}")]
    Store(#[from] StoreError),
    #[error("password hashing failed")]
    Hashing,
}

impl AccountError {
    /// The Fluent key of the message shown to the person.
    pub fn message_key(&self) -> &'static str {
        match self {
            Self::WrongCredentials => "account-error-wrong-credentials",
            Self::Throttled => "account-error-throttled",
            Self::WrongCode => "account-error-wrong-code",
            Self::CodeExpired => "account-error-code-expired",
            Self::Password(PasswordProblem::TooShort { .. }) => "password-error-too-short",
            Self::Password(PasswordProblem::TooLong { .. }) => "password-error-too-long",
            Self::Password(PasswordProblem::Personal) => "password-error-personal",
            Self::Password(PasswordProblem::TooGuessable) => "password-error-guessable",
            Self::PasswordsDiffer => "password-error-differ",
            Self::MalformedProviderNumber => "account-error-provider-number",
            Self::MalformedEmail => "account-error-email",
            Self::MissingName => "account-error-name",
            Self::ProviderHasAccount => "account-error-provider-has-account",
            Self::EmailTaken => "account-error-email-taken",
            Self::UnknownVendor => "account-error-unknown-vendor",
            Self::VendorRequired => "account-error-vendor-required",
            Self::CountyRequired => "account-error-county-required",
            Self::ProviderAccountsAreSelfService => "account-error-provider-self-service",
            Self::MissingTokenName => "token-error-name",
            Self::NoSuchToken => "token-error-missing",
            Self::Access(_) => "error-forbidden",
            Self::Store(_) | Self::Hashing => "error-internal",
        }
    }

    /// Arguments the message needs.
    pub fn message_args(&self) -> Vec<(&'static str, Arg)> {
        match self {
            Self::Password(PasswordProblem::TooShort { min }) => {
                vec![("min", Arg::from(u64::try_from(*min).unwrap_or(u64::MAX)))]
            }
            Self::Password(PasswordProblem::TooLong { max }) => {
                vec![("max", Arg::from(u64::try_from(*max).unwrap_or(u64::MAX)))]
            }
            _ => Vec::new(),
        }
    }
}

/// A session just started: the token goes into the browser's cookie, never anywhere else.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub token: String,
    pub session: CurrentSession,
}

/// The signed-in person of a request.
#[derive(Debug, Clone)]
pub struct CurrentSession {
    pub account: Account,
    pub caller: Caller,
    /// The token every form of this session must carry.
    pub csrf_token: String,
}

/// A code was sent (or, to keep who exists private, seemed to be): the challenge id goes with
/// the form where the person types the code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Challenge {
    pub id: String,
}

/// What a provider types to prove who they are.
#[derive(Debug, Clone, Default)]
pub struct RegistrationStart {
    pub provider_number: String,
    pub last_name: String,
    /// The phone number or email address on file with the program.
    pub contact: String,
    pub locale: Option<Locale>,
    /// The requester's network address, for throttling.
    pub address: String,
}

/// A staff account to create.
#[derive(Debug, Clone)]
pub struct NewStaff {
    pub role: Role,
    pub email: String,
    pub display_name: String,
    pub vendor: Option<VendorCode>,
    pub county: Option<CountyCode>,
    pub locale: Locale,
    /// Set this password now (the command line, the demo) instead of sending an activation code.
    pub password: Option<String>,
}

/// An account as staff see it in lists, without its password hash.
#[derive(Debug, Clone, Serialize)]
pub struct AccountView {
    pub id: AccountId,
    pub role: Role,
    pub email: Option<String>,
    pub provider: Option<String>,
    pub vendor: Option<String>,
    pub county: Option<u8>,
    pub display_name: String,
    pub language: String,
    pub active: bool,
    pub disabled: bool,
}

impl From<&Account> for AccountView {
    fn from(a: &Account) -> Self {
        Self {
            id: a.id,
            role: a.role,
            email: a.email.clone(),
            provider: a.provider.map(|p| p.to_string()),
            vendor: a.vendor.as_ref().map(ToString::to_string),
            county: a.county.map(CountyCode::get),
            display_name: a.display_name.clone(),
            language: a.language.clone(),
            active: a.password_hash.is_some(),
            disabled: a.disabled,
        }
    }
}

/// Accounts and access, for every edge.
#[derive(Debug, Clone)]
pub struct Accounts {
    store: Arc<dyn Store>,
    hashing: PasswordHashing,
    rules: PasswordRules,
    settings: Arc<AccountSettings>,
    /// A hash of a password nobody has, verified when an account does not exist so that a
    /// wrong email takes as long as a wrong password.
    decoy_hash: Arc<str>,
}

impl Accounts {
    pub fn new(store: Arc<dyn Store>, settings: AccountSettings) -> Self {
        let hashing = PasswordHashing::new(settings.hash_cost).unwrap_or_else(|_| {
            PasswordHashing::new(HashCost::default()).expect("the default cost is valid")
        });
        let decoy_hash = hashing.hash(&secret::token()).unwrap_or_default().into();
        Self {
            store,
            hashing,
            rules: PasswordRules::default(),
            settings: Arc::new(settings),
            decoy_hash,
        }
    }

    pub fn settings(&self) -> &AccountSettings {
        &self.settings
    }

    // ---- signing in and out ------------------------------------------------------------

    /// Signs a person in with their email or provider number and password. Each failure is
    /// counted against the account and the address; past the limits every attempt is refused,
    /// right password or not, until the window has passed. `previous` is the session the
    /// browser had, which ends (a new token on every sign-in).
    pub async fn sign_in(
        &self,
        login: &str,
        password: &str,
        address: &str,
        previous: Option<&str>,
    ) -> Result<SignedIn, AccountError> {
        let at = now();
        let since = at - self.settings.failure_window;
        let forget = at - Duration::days(1);
        let address_subject = secret::address_subject(address);
        if self.store.sign_in_failures(&address_subject, since).await?
            >= self.settings.address_failure_limit
        {
            return Err(AccountError::Throttled);
        }
        let account = self.find_login(login).await?;
        let Some(account) = account.filter(|a| !a.disabled && a.password_hash.is_some()) else {
            self.verify_blocking(password, self.decoy_hash.to_string())
                .await;
            self.store
                .record_sign_in_failure(&[address_subject], at, forget)
                .await?;
            return Err(AccountError::WrongCredentials);
        };
        let account_subject = format!("account:{}", account.id);
        if self.store.sign_in_failures(&account_subject, since).await?
            >= self.settings.account_failure_limit
        {
            return Err(AccountError::Throttled);
        }
        let stored = account.password_hash.clone().unwrap_or_default();
        if !self.verify_blocking(password, stored).await {
            self.store
                .record_sign_in_failure(&[account_subject, address_subject], at, forget)
                .await?;
            return Err(AccountError::WrongCredentials);
        }
        self.store.clear_sign_in_failures(&account_subject).await?;
        if let Some(previous) = previous {
            self.store.delete_session(&secret::hash(previous)).await?;
        }
        self.start_session(account).await
    }

    async fn start_session(&self, account: Account) -> Result<SignedIn, AccountError> {
        let at = now();
        let token = secret::token();
        let csrf_token = secret::token();
        self.store
            .create_session(&NewSession {
                token_hash: secret::hash(&token),
                account: account.id,
                csrf_token: csrf_token.clone(),
                created_at: at,
                expires_at: at + self.settings.session_lifetime,
            })
            .await?;
        let caller = Caller::account(&account).ok_or(AccountError::WrongCredentials)?;
        Ok(SignedIn {
            token,
            session: CurrentSession {
                account,
                caller,
                csrf_token,
            },
        })
    }

    /// The session a browser's token belongs to, if it is live.
    pub async fn session(&self, token: &str) -> Result<Option<CurrentSession>, AccountError> {
        let at = now();
        let token_hash = secret::hash(token);
        let Some(record) = self.store.session(&token_hash, at).await? else {
            return Ok(None);
        };
        if record.last_seen_at + self.settings.idle_timeout <= at {
            self.store.delete_session(&token_hash).await?;
            return Ok(None);
        }
        if record.last_seen_at + self.settings.touch_after <= at {
            self.store.touch_session(&token_hash, at).await?;
        }
        let Some(caller) = Caller::account(&record.account) else {
            return Ok(None);
        };
        Ok(Some(CurrentSession {
            account: record.account,
            caller,
            csrf_token: record.csrf_token,
        }))
    }

    /// Ends one session.
    pub async fn sign_out(&self, token: &str) -> Result<(), AccountError> {
        self.store.delete_session(&secret::hash(token)).await?;
        Ok(())
    }

    /// Ends every session of the account, on every device.
    pub async fn sign_out_everywhere(&self, account: AccountId) -> Result<u64, AccountError> {
        Ok(self.store.delete_account_sessions(account).await?)
    }

    async fn find_login(&self, login: &str) -> Result<Option<Account>, AccountError> {
        let login = login.trim();
        if !login.contains('@') {
            return Ok(match ProviderNumber::parse(login) {
                Ok(number) => self.store.account_by_provider(number).await?,
                Err(_) => None,
            });
        }
        Ok(self.store.account_by_email(login).await?)
    }

    /// Argon2 takes tens of milliseconds of CPU: off the async workers.
    async fn verify_blocking(&self, password: &str, stored: String) -> bool {
        let hashing = self.hashing.clone();
        let password = password.to_owned();
        tokio::task::spawn_blocking(move || hashing.verify(&password, &stored))
            .await
            .unwrap_or(false)
    }

    async fn hash_blocking(&self, password: &str) -> Result<String, AccountError> {
        let hashing = self.hashing.clone();
        let password = password.to_owned();
        tokio::task::spawn_blocking(move || hashing.hash(&password))
            .await
            .map_err(|_| AccountError::Hashing)?
            .map_err(|_| AccountError::Hashing)
    }

    // ---- a provider's own account ------------------------------------------------------

    /// First step of a provider creating their account: if the provider number, last name and
    /// phone or email match the providers file and the provider has no account yet, a code goes
    /// to that phone or email. The answer is the same whether or not anything matched.
    pub async fn start_registration(
        &self,
        start: &RegistrationStart,
    ) -> Result<Challenge, AccountError> {
        let number = ProviderNumber::parse(start.provider_number.trim())
            .map_err(|_| AccountError::MalformedProviderNumber)?;
        if start.last_name.trim().is_empty() {
            return Err(AccountError::MissingName);
        }
        self.count_code_request(&start.address).await?;
        let at = now();
        let challenge = secret::token();
        let code = secret::six_digit_code();
        let contact = self.store.provider_contact(number).await?;
        let matched = contact.filter(|c| {
            same_name(&c.last_name, &start.last_name) && contact_on_file(c, &start.contact)
        });
        let mut new_code = NewCode {
            challenge: challenge.clone(),
            purpose: CodePurpose::Register,
            provider: None,
            account: None,
            code_hash: secret::code_hash(&challenge, &code),
            created_at: at,
            expires_at: at + self.settings.code_lifetime,
        };
        let message = match matched {
            Some(contact) => {
                let locale = start
                    .locale
                    .unwrap_or_else(|| Locale::from_tag(&contact.language).unwrap_or(Locale::En));
                let t = Translator::new(locale);
                let (channel, recipient) = destination(&contact, &start.contact);
                if self.store.account_by_provider(number).await?.is_some() {
                    // Tell the real person, not the one asking, that an account exists.
                    Some(message(
                        &t,
                        channel,
                        recipient,
                        "register-exists",
                        &[(
                            "reset",
                            Arg::from(format!("{}/password/forgot", self.settings.base_url)),
                        )],
                    ))
                } else {
                    new_code.provider = Some(number);
                    let minutes = self.settings.code_lifetime.whole_minutes();
                    Some(message(
                        &t,
                        channel,
                        recipient,
                        "register-code",
                        &[
                            ("code", Arg::from(code.clone())),
                            ("minutes", Arg::from(u64::try_from(minutes).unwrap_or(30))),
                        ],
                    ))
                }
            }
            None => None,
        };
        self.store.create_code(&new_code, message.as_ref()).await?;
        Ok(Challenge { id: challenge })
    }

    /// Second step: the code from the message, and the password the provider chooses. The
    /// account is created, and the provider is signed in.
    pub async fn finish_registration(
        &self,
        challenge: &str,
        code: &str,
        password: &str,
        confirm: &str,
        locale: Locale,
    ) -> Result<SignedIn, AccountError> {
        let record = self
            .check_code(challenge, code, CodePurpose::Register)
            .await?;
        let Some(number) = record.provider else {
            // A challenge for details that matched nobody: the same answer as a wrong code.
            self.store.code_failed(challenge).await?;
            return Err(AccountError::WrongCode);
        };
        let contact = self
            .store
            .provider_contact(number)
            .await?
            .ok_or(AccountError::WrongCode)?;
        if password != confirm {
            return Err(AccountError::PasswordsDiffer);
        }
        self.check_new_password(password, &contact_words(&contact))?;
        let hash = self.hash_blocking(password).await?;
        let account = NewAccount {
            role: Role::Provider,
            email: None,
            provider: Some(number),
            vendor: None,
            county: None,
            display_name: format!("{} {}", contact.first_name, contact.last_name),
            password_hash: Some(hash),
            language: locale.tag().to_owned(),
            created_at: now(),
        };
        let audit = self_service_audit(&account, "account.register");
        let id = match self
            .store
            .redeem_register_code(challenge, &account, &audit)
            .await?
        {
            Ok(id) => id,
            Err(RedeemConflict::CodeUsed) => return Err(AccountError::CodeExpired),
            Err(RedeemConflict::Account(AccountConflict::ProviderHasAccount)) => {
                return Err(AccountError::ProviderHasAccount);
            }
            Err(RedeemConflict::Account(_)) => return Err(AccountError::EmailTaken),
        };
        let account = self
            .store
            .account(id)
            .await?
            .ok_or(AccountError::WrongCredentials)?;
        self.start_session(account).await
    }

    async fn check_code(
        &self,
        challenge: &str,
        code: &str,
        purpose: CodePurpose,
    ) -> Result<pathways_store::accounts::CodeRecord, AccountError> {
        let record = self
            .store
            .code(challenge)
            .await?
            .filter(|r| r.purpose == purpose)
            .ok_or(AccountError::CodeExpired)?;
        if record.used
            || record.expires_at <= now()
            || record.attempts >= self.settings.code_attempts
        {
            return Err(AccountError::CodeExpired);
        }
        if !secret::same(&record.code_hash, &secret::code_hash(challenge, code)) {
            self.store.code_failed(challenge).await?;
            return Err(AccountError::WrongCode);
        }
        Ok(record)
    }

    /// Counts a request for a code against the address, refusing past the limit, so codes
    /// cannot be used to flood someone's phone.
    async fn count_code_request(&self, address: &str) -> Result<(), AccountError> {
        let at = now();
        let subject = format!("codes-{}", secret::address_subject(address));
        if self
            .store
            .sign_in_failures(&subject, at - Duration::hours(1))
            .await?
            >= 10
        {
            return Err(AccountError::Throttled);
        }
        self.store
            .record_sign_in_failure(&[subject], at, at - Duration::days(1))
            .await?;
        Ok(())
    }

    // ---- password reset -----------------------------------------------------------------

    /// Sends a reset code to the account's email (staff) or to the phone or email on file
    /// (providers). The answer is the same whether or not the account exists.
    pub async fn start_reset(
        &self,
        login: &str,
        locale: Locale,
        address: &str,
    ) -> Result<Challenge, AccountError> {
        self.count_code_request(address).await?;
        let account = self.find_login(login).await?.filter(|a| !a.disabled);
        let challenge = secret::token();
        let mut message_out = None;
        let mut account_id = None;
        let code = secret::six_digit_code();
        if let Some(account) = account
            && let Some((channel, recipient)) = self.account_destination(&account).await?
        {
            account_id = Some(account.id);
            let t = Translator::new(Locale::from_tag(&account.language).unwrap_or(locale));
            let minutes = self.settings.code_lifetime.whole_minutes();
            message_out = Some(message(
                &t,
                channel,
                recipient,
                "reset-code",
                &[
                    ("code", Arg::from(code.clone())),
                    ("minutes", Arg::from(u64::try_from(minutes).unwrap_or(30))),
                ],
            ));
        }
        let at = now();
        self.store
            .create_code(
                &NewCode {
                    challenge: challenge.clone(),
                    purpose: CodePurpose::ResetPassword,
                    provider: None,
                    account: account_id,
                    code_hash: secret::code_hash(&challenge, &code),
                    created_at: at,
                    expires_at: at + self.settings.code_lifetime,
                },
                message_out.as_ref(),
            )
            .await?;
        Ok(Challenge { id: challenge })
    }

    /// Sets a new password with a reset (or activation) code; every session of the account
    /// ends. The person signs in afresh.
    pub async fn finish_reset(
        &self,
        challenge: &str,
        code: &str,
        password: &str,
        confirm: &str,
    ) -> Result<(), AccountError> {
        let record = self
            .check_code(challenge, code, CodePurpose::ResetPassword)
            .await?;
        let Some(id) = record.account else {
            self.store.code_failed(challenge).await?;
            return Err(AccountError::WrongCode);
        };
        let account = self
            .store
            .account(id)
            .await?
            .ok_or(AccountError::WrongCode)?;
        if password != confirm {
            return Err(AccountError::PasswordsDiffer);
        }
        self.check_new_password(password, &self.personal_words(&account).await?)?;
        let hash = self.hash_blocking(password).await?;
        let audit = Caller::account(&account)
            .map(|c| {
                c.audit(
                    "account.password-reset",
                    "account",
                    id.to_string(),
                    None,
                    None,
                )
            })
            .unwrap_or_else(|| self_service_audit_for(&account, "account.password-reset"));
        match self
            .store
            .redeem_reset_code(challenge, id, &hash, &audit)
            .await?
        {
            Ok(()) => Ok(()),
            Err(_) => Err(AccountError::CodeExpired),
        }
    }

    async fn personal_words(&self, account: &Account) -> Result<Vec<String>, AccountError> {
        let mut words: Vec<String> = account
            .display_name
            .split_whitespace()
            .map(str::to_owned)
            .collect();
        words.extend(account.email.clone());
        if let Some(number) = account.provider {
            words.push(number.to_string());
            if let Some(contact) = self.store.provider_contact(number).await? {
                words.extend(contact_words(&contact));
            }
        }
        Ok(words)
    }

    /// Checks a new password against the rules and what the program knows of the person.
    fn check_new_password(&self, password: &str, personal: &[String]) -> Result<(), AccountError> {
        let personal: Vec<&str> = personal.iter().map(String::as_str).collect();
        Ok(self.rules.check(password, &personal)?)
    }

    async fn account_destination(
        &self,
        account: &Account,
    ) -> Result<Option<(Channel, String)>, AccountError> {
        if let Some(email) = &account.email {
            return Ok(Some((Channel::Email, email.clone())));
        }
        let Some(number) = account.provider else {
            return Ok(None);
        };
        Ok(self.store.provider_contact(number).await?.and_then(|c| {
            c.email
                .map(|e| (Channel::Email, e))
                .or(c.phone.map(|p| (Channel::Sms, p)))
        }))
    }

    /// Changes the signed-in person's password after checking the current one.
    pub async fn change_password(
        &self,
        session: &CurrentSession,
        current: &str,
        new: &str,
        confirm: &str,
    ) -> Result<(), AccountError> {
        // The current password is guessable from a stolen session too: the same limit as
        // signing in applies.
        let at = now();
        let subject = format!("account:{}", session.account.id);
        if self
            .store
            .sign_in_failures(&subject, at - self.settings.failure_window)
            .await?
            >= self.settings.account_failure_limit
        {
            return Err(AccountError::Throttled);
        }
        let stored = session.account.password_hash.clone().unwrap_or_default();
        if !self.verify_blocking(current, stored).await {
            self.store
                .record_sign_in_failure(&[subject], at, at - Duration::days(1))
                .await?;
            return Err(AccountError::WrongCredentials);
        }
        if new != confirm {
            return Err(AccountError::PasswordsDiffer);
        }
        self.check_new_password(new, &self.personal_words(&session.account).await?)?;
        let hash = self.hash_blocking(new).await?;
        let id = session.account.id;
        let audit = session.caller.audit(
            "account.password-change",
            "account",
            id.to_string(),
            None,
            None,
        );
        self.store.set_password(id, &hash, &audit).await?;
        Ok(())
    }

    /// Remembers the language a person reads.
    pub async fn set_language(
        &self,
        session: &CurrentSession,
        locale: Locale,
    ) -> Result<(), AccountError> {
        let id = session.account.id;
        let audit = session.caller.audit(
            "account.language",
            "account",
            id.to_string(),
            Some(serde_json::json!({"language": session.account.language})),
            Some(serde_json::json!({"language": locale.tag()})),
        );
        self.store.set_language(id, locale.tag(), &audit).await?;
        Ok(())
    }

    // ---- staff accounts -----------------------------------------------------------------

    /// A program admin creates a staff account. Without a password, an activation code goes to
    /// the email address, with a link to set the first password.
    pub async fn create_staff(
        &self,
        caller: &Caller,
        staff: &NewStaff,
    ) -> Result<AccountId, AccountError> {
        caller.authorize(Action::ManageAccounts, &Owner::default())?;
        if staff.role == Role::Provider {
            return Err(AccountError::ProviderAccountsAreSelfService);
        }
        let email = normalize_email(&staff.email).ok_or(AccountError::MalformedEmail)?;
        let name = staff.display_name.trim();
        if name.is_empty() {
            return Err(AccountError::MissingName);
        }
        let vendor = match staff.role {
            Role::VendorStaff => Some(staff.vendor.clone().ok_or(AccountError::VendorRequired)?),
            _ => None,
        };
        let county = match staff.role {
            Role::CountyStaff => Some(staff.county.ok_or(AccountError::CountyRequired)?),
            _ => None,
        };
        let password_hash = match &staff.password {
            Some(password) => {
                self.rules.check(password, &[name, email.as_str()])?;
                Some(self.hash_blocking(password).await?)
            }
            None => None,
        };
        let account = NewAccount {
            role: staff.role,
            email: Some(email.clone()),
            provider: None,
            vendor,
            county,
            display_name: name.to_owned(),
            password_hash,
            language: staff.locale.tag().to_owned(),
            created_at: now(),
        };
        let view = serde_json::json!({
            "role": account.role,
            "email": account.email,
            "vendor": account.vendor.as_ref().map(ToString::to_string),
            "county": account.county.map(CountyCode::get),
            "display_name": account.display_name,
            "language": account.language,
        });
        let audit = caller.audit("account.create", "account", "", None, Some(view));
        let id = match self.store.create_account(&account, &audit).await? {
            Ok(id) => id,
            Err(AccountConflict::EmailTaken) => return Err(AccountError::EmailTaken),
            Err(AccountConflict::UnknownVendor) => return Err(AccountError::UnknownVendor),
            Err(AccountConflict::ProviderHasAccount) => {
                return Err(AccountError::ProviderHasAccount);
            }
        };
        if staff.password.is_none() {
            self.send_activation(id, &email, staff.locale).await?;
        }
        Ok(id)
    }

    /// A program admin makes a provider's account for them (assisted sign-up, the demo), with
    /// a password the provider is given in person. Self-service is the normal way.
    pub async fn create_provider_account(
        &self,
        caller: &Caller,
        number: ProviderNumber,
        password: &str,
        locale: Locale,
    ) -> Result<AccountId, AccountError> {
        caller.authorize(Action::ManageAccounts, &Owner::default())?;
        let contact = self
            .store
            .provider_contact(number)
            .await?
            .ok_or(AccountError::MalformedProviderNumber)?;
        self.check_new_password(password, &contact_words(&contact))?;
        let number_text = number.to_string();
        let account = NewAccount {
            role: Role::Provider,
            email: None,
            provider: Some(number),
            vendor: None,
            county: None,
            display_name: format!("{} {}", contact.first_name, contact.last_name),
            password_hash: Some(self.hash_blocking(password).await?),
            language: locale.tag().to_owned(),
            created_at: now(),
        };
        let audit = caller.audit(
            "account.create",
            "account",
            "",
            None,
            Some(serde_json::json!({
                "role": account.role,
                "provider": number_text,
                "display_name": account.display_name,
            })),
        );
        match self.store.create_account(&account, &audit).await? {
            Ok(id) => Ok(id),
            Err(AccountConflict::ProviderHasAccount) => Err(AccountError::ProviderHasAccount),
            Err(AccountConflict::EmailTaken) => Err(AccountError::EmailTaken),
            Err(AccountConflict::UnknownVendor) => Err(AccountError::UnknownVendor),
        }
    }

    async fn send_activation(
        &self,
        id: AccountId,
        email: &str,
        locale: Locale,
    ) -> Result<(), AccountError> {
        let at = now();
        let challenge = secret::token();
        let code = secret::six_digit_code();
        let t = Translator::new(locale);
        let link = format!(
            "{}/password/reset?challenge={challenge}",
            self.settings.base_url
        );
        let days = self.settings.activation_lifetime.whole_days();
        let msg = message(
            &t,
            Channel::Email,
            email.to_owned(),
            "activation",
            &[
                ("code", Arg::from(code.clone())),
                ("link", Arg::from(link)),
                ("days", Arg::from(u64::try_from(days).unwrap_or(7))),
            ],
        );
        self.store
            .create_code(
                &NewCode {
                    challenge: challenge.clone(),
                    purpose: CodePurpose::ResetPassword,
                    provider: None,
                    account: Some(id),
                    code_hash: secret::code_hash(&challenge, &code),
                    created_at: at,
                    expires_at: at + self.settings.activation_lifetime,
                },
                Some(&msg),
            )
            .await?;
        Ok(())
    }

    /// Accounts for the admin's list.
    pub async fn list(
        &self,
        caller: &Caller,
        role: Option<Role>,
        after: Option<AccountId>,
        limit: u32,
    ) -> Result<Vec<AccountView>, AccountError> {
        caller.authorize(Action::ManageAccounts, &Owner::default())?;
        let accounts = self
            .store
            .accounts(&AccountFilter { role, after, limit })
            .await?;
        Ok(accounts.iter().map(AccountView::from).collect())
    }

    /// Disables or enables a staff account; disabling ends its sessions at once.
    pub async fn set_disabled(
        &self,
        caller: &Caller,
        id: AccountId,
        disabled: bool,
    ) -> Result<(), AccountError> {
        caller.authorize(Action::ManageAccounts, &Owner::default())?;
        let account = self
            .store
            .account(id)
            .await?
            .ok_or(AccountError::WrongCredentials)?;
        let audit = caller.audit(
            if disabled {
                "account.disable"
            } else {
                "account.enable"
            },
            "account",
            id.to_string(),
            Some(serde_json::json!({"disabled": account.disabled})),
            Some(serde_json::json!({"disabled": disabled})),
        );
        self.store.set_disabled(id, disabled, &audit).await?;
        Ok(())
    }

    // ---- API tokens ---------------------------------------------------------------------

    /// Creates an API token for a vendor's system. The secret is returned once and only its
    /// hash is kept.
    pub async fn create_api_token(
        &self,
        caller: &Caller,
        vendor: &VendorCode,
        name: &str,
    ) -> Result<(ApiTokenId, String), AccountError> {
        caller.authorize(Action::ManageApiTokens, &vendor_owner(vendor))?;
        let Some(account) = caller.account else {
            // Tokens are made by people, so each one names who made it.
            return Err(AccountError::Access(AccessError::Denied(
                pathways_domain::access::Denied::RoleMayNot {
                    role: caller.role(),
                    action: Action::ManageApiTokens,
                },
            )));
        };
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 100 {
            return Err(AccountError::MissingTokenName);
        }
        let secret = format!("pwt_{}", secret::token());
        let prefix = secret[..12].to_owned();
        let token = NewApiToken {
            vendor: vendor.clone(),
            name: name.to_owned(),
            token_hash: secret::hash(&secret),
            prefix: prefix.clone(),
            created_by: account,
            created_at: now(),
        };
        let audit = caller.audit(
            "api-token.create",
            "api-token",
            "",
            None,
            Some(serde_json::json!({"vendor": vendor.as_str(), "name": name, "prefix": prefix})),
        );
        let id = self.store.create_api_token(&token, &audit).await?;
        Ok((id, secret))
    }

    pub async fn api_tokens(
        &self,
        caller: &Caller,
        vendor: &VendorCode,
    ) -> Result<Vec<ApiToken>, AccountError> {
        caller.authorize(Action::ManageApiTokens, &vendor_owner(vendor))?;
        Ok(self.store.api_tokens(vendor).await?)
    }

    pub async fn revoke_api_token(
        &self,
        caller: &Caller,
        vendor: &VendorCode,
        id: ApiTokenId,
    ) -> Result<(), AccountError> {
        caller.authorize(Action::ManageApiTokens, &vendor_owner(vendor))?;
        let audit = caller.audit(
            "api-token.revoke",
            "api-token",
            id.0.to_string(),
            Some(serde_json::json!({"revoked": false})),
            Some(serde_json::json!({"revoked": true})),
        );
        if self.store.revoke_api_token(vendor, id, &audit).await? {
            Ok(())
        } else {
            Err(AccountError::NoSuchToken)
        }
    }

    /// The caller an API token stands for, if it is live.
    pub async fn api_caller(&self, secret: &str) -> Result<Option<Caller>, AccountError> {
        let Some(token) = self
            .store
            .api_token_by_hash(&secret::hash(secret.trim()))
            .await?
        else {
            return Ok(None);
        };
        let at = now();
        if token
            .last_used_at
            .is_none_or(|last| last + self.settings.touch_after <= at)
        {
            self.store.touch_api_token(token.id, at).await?;
        }
        Ok(Some(Caller::api_token(&token)))
    }
}

fn vendor_owner(vendor: &VendorCode) -> Owner {
    Owner {
        vendor: Some(vendor.clone()),
        ..Owner::default()
    }
}

/// An audit entry for a person acting on their own account before they have one.
fn self_service_audit(account: &NewAccount, action: &str) -> pathways_store::accounts::AuditEntry {
    let label = account.provider.map_or_else(
        || "self-service".to_owned(),
        |p| format!("provider {p} (self-service)"),
    );
    let caller = Caller {
        actor: pathways_domain::access::Actor::ProgramAdmin,
        account: None,
        label,
    };
    caller.audit(
        action,
        "account",
        "",
        None,
        audit_value(&serde_json::json!({
            "role": account.role,
            "provider": account.provider.map(|p| p.to_string()),
            "display_name": account.display_name,
            "language": account.language,
        })),
    )
}

fn self_service_audit_for(account: &Account, action: &str) -> pathways_store::accounts::AuditEntry {
    Caller {
        actor: pathways_domain::access::Actor::ProgramAdmin,
        account: Some(account.id),
        label: format!("{} (self-service)", account.display_name),
    }
    .audit(action, "account", account.id.to_string(), None, None)
}

/// What the providers file says of a provider that a password must not be built on.
fn contact_words(contact: &ProviderContact) -> Vec<String> {
    let mut words = vec![
        contact.first_name.clone(),
        contact.last_name.clone(),
        contact.provider.to_string(),
    ];
    words.extend(contact.email.clone());
    words.extend(contact.phone.clone());
    words
}

/// An email address as stored: trimmed, lower case, one `@` with something on each side.
pub fn normalize_email(raw: &str) -> Option<String> {
    let email = raw.trim().to_lowercase();
    let (local, domain) = email.split_once('@')?;
    let valid = !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.chars().any(char::is_whitespace)
        && !domain.contains('@')
        && email.len() <= 254;
    valid.then_some(email)
}

/// Names compare without case, accents of spacing mattering less than the letters.
fn same_name(on_file: &str, typed: &str) -> bool {
    let fold = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let (a, b) = (fold(on_file), fold(typed));
    !a.is_empty() && a == b
}

fn digits(s: &str) -> String {
    let all: String = s.chars().filter(char::is_ascii_digit).collect();
    // A leading US country code does not matter.
    if all.len() == 11 && all.starts_with('1') {
        all[1..].to_owned()
    } else {
        all
    }
}

/// Whether what the person typed is the phone or email the program has for them.
fn contact_on_file(contact: &ProviderContact, typed: &str) -> bool {
    let typed = typed.trim();
    if typed.contains('@') {
        contact
            .email
            .as_deref()
            .is_some_and(|e| e.trim().eq_ignore_ascii_case(typed))
    } else {
        let typed = digits(typed);
        typed.len() >= 10 && contact.phone.as_deref().is_some_and(|p| digits(p) == typed)
    }
}

/// Where the code goes: the contact the person typed (which matched the file).
fn destination(contact: &ProviderContact, typed: &str) -> (Channel, String) {
    if typed.contains('@') {
        (
            Channel::Email,
            contact
                .email
                .clone()
                .unwrap_or_else(|| typed.trim().to_owned()),
        )
    } else {
        (
            Channel::Sms,
            contact
                .phone
                .clone()
                .unwrap_or_else(|| typed.trim().to_owned()),
        )
    }
}

/// A message from the Fluent messages `msg-{purpose}-subject` and `msg-{purpose}-body`.
fn message(
    t: &Translator,
    channel: Channel,
    recipient: String,
    purpose: &str,
    args: &[(&str, Arg)],
) -> NewMessage {
    NewMessage {
        channel,
        recipient,
        language: t.locale().tag().to_owned(),
        purpose: purpose.to_owned(),
        subject: t.t_args(&format!("msg-{purpose}-subject"), args),
        body: t.t_args(&format!("msg-{purpose}-body"), args),
        calendar: None,
        created_at: now(),
        due_at: None,
        topic: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalized_or_refused() {
        assert_eq!(
            normalize_email("  Ana.Lopez@Example.ORG "),
            Some("ana.lopez@example.org".to_owned())
        );
        for bad in [
            "",
            "ana",
            "ana@",
            "@example.org",
            "ana@example",
            "a b@example.org",
            "a@b@c.org",
        ] {
            assert_eq!(normalize_email(bad), None, "{bad}");
        }
    }

    #[test]
    fn names_and_contacts_match_as_people_type_them() {
        let contact = ProviderContact {
            provider: ProviderNumber::parse("100000001").unwrap(),
            first_name: "María".into(),
            last_name: "De la Cruz".into(),
            county: CountyCode::new(19).unwrap(),
            language: "es".into(),
            phone: Some("(916) 555-0100".into()),
            email: Some("Maria@Example.org".into()),
        };
        assert!(same_name(&contact.last_name, "de la cruz"));
        assert!(same_name(&contact.last_name, "DELACRUZ"));
        assert!(!same_name(&contact.last_name, "Cruz"));
        assert!(!same_name("", ""));
        assert!(contact_on_file(&contact, "916-555-0100"));
        assert!(contact_on_file(&contact, "+1 916 555 0100"));
        assert!(contact_on_file(&contact, "maria@example.org"));
        assert!(!contact_on_file(&contact, "555-0100"));
        assert!(!contact_on_file(&contact, "other@example.org"));
        assert_eq!(destination(&contact, "916 555 0100").0, Channel::Sms);
    }
}

//! The outbox: every message Pathways sends (one-time codes now, notifications later) is a row
//! in one table, and a [`DeliveryWorker`] takes the rows that are due, hands each to the
//! [`Transport`] of its channel and records the outcome (`docs/decisions/0007-outbox.md`).
//!
//! - **Leases.** A worker claims a batch and leases it for [`DeliveryWorker::lease`]; no other
//!   worker takes those messages until the lease runs out, so several workers (or `pathways
//!   serve` beside `pathways outbox deliver`) can run at once.
//! - **At least once.** A message is recorded as sent after its transport accepted it; a worker
//!   that stops in between leaves the message to be sent again when its lease ends. The folder
//!   transport writes the same file again (the name is the message id), so there it is exactly
//!   once; a mail server may see a message twice, with the same `Message-ID`.
//! - **Retries.** See [`retry_delay`]: after failed attempt 1, 2, 3, 4 the message is tried again
//!   1 min, 5 min, 30 min, 2 h later, then every 6 h; after [`MAX_ATTEMPTS`] failed attempts, or
//!   at once when the address itself is unusable, the worker gives up (the message stays in the
//!   table, marked with the reason, and is never due again).
//! - **Privacy.** Recipients and bodies are personal data, and bodies hold one-time codes: they
//!   are never logged. Logs name a message by id, channel and purpose. The error of a failed
//!   attempt (which a mail server may word with the address in it) goes to the table only, where
//!   `pathways outbox list` shows it.

mod folder;
mod smtp;

use std::fmt;
use std::future::Future;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use pathways_store::accounts::{Channel, OutboxMessage};
use pathways_store::{Store, StoreResult};
use time::OffsetDateTime;
use time::macros::datetime;

pub use folder::FolderTransport;
pub use smtp::SmtpTransport;

/// Failed attempts after which the worker stops trying a message.
pub const MAX_ATTEMPTS: u32 = 10;

/// The retry time of a message the worker gave up on: it is never due again.
pub const NEVER: OffsetDateTime = datetime!(9999-12-31 23:59:59 UTC);

/// How long a message may wait after its `failed_attempts`-th failed attempt before the next
/// one: 1 min, 5 min, 30 min, 2 h, then 6 h; `None` once [`MAX_ATTEMPTS`] attempts have failed
/// (about 32 hours after the first).
pub fn retry_delay(failed_attempts: u32) -> Option<Duration> {
    const MINUTE: u64 = 60;
    let minutes = match failed_attempts {
        0 | 1 => 1,
        2 => 5,
        3 => 30,
        4 => 2 * 60,
        n if n < MAX_ATTEMPTS => 6 * 60,
        _ => return None,
    };
    Some(Duration::from_secs(minutes * MINUTE))
}

/// The current time as the store keeps times: UTC, whole seconds.
pub fn now() -> OffsetDateTime {
    let now = OffsetDateTime::now_utc();
    now.replace_nanosecond(0).unwrap_or(now)
}

/// What went wrong with one delivery attempt.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{kind}: {detail}")]
pub struct DeliveryError {
    pub kind: FailureKind,
    /// What the transport or server said. It may name the recipient: it is stored with the
    /// message, never logged.
    pub detail: String,
}

impl DeliveryError {
    pub fn new(kind: FailureKind, detail: impl Into<String>) -> Self {
        Self {
            kind,
            detail: detail.into(),
        }
    }
}

/// The kind of a failed attempt: safe to log, and what decides whether to try again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FailureKind {
    /// The recipient is not a usable address for the channel; trying again cannot help.
    BadAddress,
    /// The server could not be reached, or TLS or signing in to it failed.
    Connection,
    /// The server answered with an error.
    Refused,
    /// No answer in time.
    Timeout,
    /// The message file could not be written.
    File,
    /// Anything else a transport reports.
    Other,
}

impl FailureKind {
    pub fn code(self) -> &'static str {
        match self {
            Self::BadAddress => "bad address",
            Self::Connection => "connection failed",
            Self::Refused => "refused by the server",
            Self::Timeout => "timed out",
            Self::File => "cannot write the file",
            Self::Other => "failed",
        }
    }

    /// Whether trying again later cannot succeed. Only an unusable address counts: a server's
    /// refusal may come from our own configuration (a wrong password, say), which can be
    /// fixed while the message waits.
    pub fn is_permanent(self) -> bool {
        matches!(self, Self::BadAddress)
    }
}

impl fmt::Display for FailureKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A way to deliver messages of one channel.
#[async_trait]
pub trait Transport: Send + Sync + fmt::Debug {
    /// Delivers one message. A message can come again after a failure or after a worker
    /// stopped between sending and recording it (delivery is at least once).
    async fn send(&self, message: &OutboxMessage) -> Result<(), DeliveryError>;

    /// Where messages go, for a start-up line; never a password.
    fn describe(&self) -> String;
}

/// The transport of each channel.
#[derive(Debug, Clone)]
pub struct Transports {
    pub email: Arc<dyn Transport>,
    pub sms: Arc<dyn Transport>,
}

impl Transports {
    /// Both channels through one transport (a folder, or a test double).
    pub fn all(transport: Arc<dyn Transport>) -> Self {
        Self {
            email: Arc::clone(&transport),
            sms: transport,
        }
    }

    pub fn for_channel(&self, channel: Channel) -> &dyn Transport {
        match channel {
            Channel::Email => self.email.as_ref(),
            Channel::Sms => self.sms.as_ref(),
        }
    }
}

/// Why the delivery configuration cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{SMTP_URL_ENV} is not a usable SMTP URL (e.g. smtps://user:password@host:465): {0}")]
    SmtpUrl(String),
    #[error("{MAIL_FROM_ENV} is not a mailbox such as `Pathways <no-reply@example.org>`: {0}")]
    MailFrom(String),
}

/// The SMTP server, e.g. `smtps://user:password@host:465`, `smtp://host:587?tls=required`
/// (STARTTLS) or `smtp://localhost:25` (no TLS). Unset: email is written to the folder.
pub const SMTP_URL_ENV: &str = "PATHWAYS_SMTP_URL";
/// The sender of email.
pub const MAIL_FROM_ENV: &str = "PATHWAYS_MAIL_FROM";
/// Where the folder transport writes messages.
pub const OUTBOX_DIR_ENV: &str = "PATHWAYS_OUTBOX_DIR";
/// The sender when none is configured.
pub const DEFAULT_MAIL_FROM: &str = "Pathways <no-reply@pathways.invalid>";
/// The folder when none is configured.
pub const DEFAULT_OUTBOX_DIR: &str = "./outbox";

/// How messages leave: email by SMTP when a server is configured, otherwise (and text messages
/// always, for now) as files in a folder a person trying the demo can read.
#[derive(Clone, PartialEq, Eq)]
pub struct DeliveryConfig {
    /// Holds a password: [`fmt::Debug`] and [`Transport::describe`] leave it out.
    pub smtp_url: Option<String>,
    pub mail_from: String,
    pub outbox_dir: PathBuf,
}

impl Default for DeliveryConfig {
    fn default() -> Self {
        Self {
            smtp_url: None,
            mail_from: DEFAULT_MAIL_FROM.to_owned(),
            outbox_dir: PathBuf::from(DEFAULT_OUTBOX_DIR),
        }
    }
}

impl fmt::Debug for DeliveryConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DeliveryConfig")
            .field("smtp_url", &self.smtp_url.as_deref().map(smtp::redact_url))
            .field("mail_from", &self.mail_from)
            .field("outbox_dir", &self.outbox_dir)
            .finish()
    }
}

impl DeliveryConfig {
    /// From `PATHWAYS_SMTP_URL`, `PATHWAYS_MAIL_FROM` and `PATHWAYS_OUTBOX_DIR`; an empty
    /// variable counts as unset.
    pub fn from_env() -> Self {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// From variables looked up by name (the environment, or a map in tests).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Self {
        let get = |name| lookup(name).filter(|v| !v.trim().is_empty());
        let default = Self::default();
        Self {
            smtp_url: get(SMTP_URL_ENV),
            mail_from: get(MAIL_FROM_ENV).unwrap_or(default.mail_from),
            outbox_dir: get(OUTBOX_DIR_ENV).map_or(default.outbox_dir, PathBuf::from),
        }
    }

    /// The transports this configuration describes; checks the SMTP URL and the sender.
    pub fn transports(&self) -> Result<Transports, ConfigError> {
        smtp::parse_mailbox(&self.mail_from)?;
        let folder: Arc<dyn Transport> = Arc::new(FolderTransport::new(
            self.outbox_dir.clone(),
            self.mail_from.clone(),
        ));
        let email: Arc<dyn Transport> = match &self.smtp_url {
            Some(url) => Arc::new(SmtpTransport::from_url(
                url,
                &self.mail_from,
                DeliveryWorker::SEND_TIMEOUT,
            )?),
            None => Arc::clone(&folder),
        };
        Ok(Transports { email, sms: folder })
    }
}

/// What one delivery round did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DeliveryReport {
    pub sent: u32,
    /// Failed attempts that will be tried again.
    pub failed: u32,
    /// Messages given up on in this round (see [`MAX_ATTEMPTS`]).
    pub gave_up: u32,
}

impl DeliveryReport {
    /// Messages handled.
    pub fn total(&self) -> u32 {
        self.sent + self.failed + self.gave_up
    }
}

impl std::ops::AddAssign for DeliveryReport {
    fn add_assign(&mut self, other: Self) {
        self.sent += other.sent;
        self.failed += other.failed;
        self.gave_up += other.gave_up;
    }
}

/// Where a message stands, as `pathways outbox list` shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageStatus {
    /// Not tried yet.
    Waiting,
    /// Failed at least once; will be tried again.
    Retrying,
    Sent,
    /// No more attempts (see [`MAX_ATTEMPTS`]).
    GaveUp,
}

impl MessageStatus {
    pub fn of(message: &OutboxMessage) -> Self {
        if message.sent_at.is_some() {
            Self::Sent
        } else if message.attempts >= MAX_ATTEMPTS
            || message
                .last_error
                .as_deref()
                .is_some_and(|e| e.starts_with(GAVE_UP))
        {
            Self::GaveUp
        } else if message.attempts > 0 {
            Self::Retrying
        } else {
            Self::Waiting
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Waiting => "waiting",
            Self::Retrying => "retrying",
            Self::Sent => "sent",
            Self::GaveUp => "gave up",
        }
    }
}

/// How the stored error of a message given up on begins.
const GAVE_UP: &str = "gave up";

/// Delivers due messages from the outbox through the transports.
#[derive(Debug, Clone)]
pub struct DeliveryWorker {
    store: Arc<dyn Store>,
    transports: Transports,
    batch: u32,
    send_timeout: Duration,
    poll_interval: Duration,
}

impl DeliveryWorker {
    /// Messages claimed per round.
    pub const BATCH: u32 = 10;
    /// The longest one send may take before it counts as failed.
    pub const SEND_TIMEOUT: Duration = Duration::from_secs(20);
    /// The pause between rounds when the outbox had nothing more to send.
    pub const POLL_INTERVAL: Duration = Duration::from_secs(3);
    /// How long [`RunningWorker::stop`] lets a round finish before abandoning it (its messages
    /// are then sent again when their lease ends).
    pub const STOP_GRACE: Duration = Duration::from_secs(10);

    pub fn new(store: Arc<dyn Store>, transports: Transports) -> Self {
        Self {
            store,
            transports,
            batch: Self::BATCH,
            send_timeout: Self::SEND_TIMEOUT,
            poll_interval: Self::POLL_INTERVAL,
        }
    }

    /// A worker with the transports of a configuration.
    pub fn from_config(
        store: Arc<dyn Store>,
        config: &DeliveryConfig,
    ) -> Result<Self, ConfigError> {
        Ok(Self::new(store, config.transports()?))
    }

    pub fn with_batch_size(mut self, batch: u32) -> Self {
        self.batch = batch.max(1);
        self
    }

    pub fn with_send_timeout(mut self, timeout: Duration) -> Self {
        self.send_timeout = timeout;
        self
    }

    pub fn with_poll_interval(mut self, interval: Duration) -> Self {
        self.poll_interval = interval;
        self
    }

    pub fn transports(&self) -> &Transports {
        &self.transports
    }

    /// How long claimed messages stay leased: long enough for every send of a full batch to
    /// time out, plus half a minute, so a lease never ends while its worker is still sending.
    pub fn lease(&self) -> Duration {
        self.send_timeout * self.batch + Duration::from_secs(30)
    }

    /// One round: claims up to a batch of messages due at `now`, sends each, and records it as
    /// sent or failed (sent and retry times are reckoned from `now`). A store error ends the
    /// round; messages still leased are sent again when their lease ends.
    pub async fn run_once(&self, now: OffsetDateTime) -> StoreResult<DeliveryReport> {
        let messages = self
            .store
            .claim_messages(now, now + self.lease(), self.batch)
            .await?;
        let mut report = DeliveryReport::default();
        for message in &messages {
            self.deliver(message, now, &mut report).await?;
        }
        Ok(report)
    }

    /// Rounds until nothing more is due at `now` (or claimable by this worker).
    pub async fn deliver_due(&self, now: OffsetDateTime) -> StoreResult<DeliveryReport> {
        let mut total = DeliveryReport::default();
        loop {
            let report = self.run_once(now).await?;
            total += report;
            if report.total() < self.batch {
                return Ok(total);
            }
        }
    }

    async fn deliver(
        &self,
        message: &OutboxMessage,
        now: OffsetDateTime,
        report: &mut DeliveryReport,
    ) -> StoreResult<()> {
        let (id, channel, purpose) = (message.id, message.channel.code(), &message.purpose);
        if message.attempts >= MAX_ATTEMPTS {
            // Given up on before, e.g. when the limit was higher; not sent again.
            let error = format!("{GAVE_UP} after {} attempts", message.attempts);
            self.store.message_failed(id, &error, NEVER).await?;
            report.gave_up += 1;
            return Ok(());
        }
        let transport = self.transports.for_channel(message.channel);
        let result = tokio::time::timeout(self.send_timeout, transport.send(message))
            .await
            .unwrap_or_else(|_| {
                Err(DeliveryError::new(
                    FailureKind::Timeout,
                    format!("no answer within {:?}", self.send_timeout),
                ))
            });
        let error = match result {
            Ok(()) => {
                self.store.message_sent(id, now).await?;
                tracing::info!(message_id = id, channel, purpose, "message sent");
                report.sent += 1;
                return Ok(());
            }
            Err(error) => error,
        };
        let attempts = message.attempts + 1;
        let failure = error.kind.code();
        let retry = (!error.kind.is_permanent())
            .then(|| retry_delay(attempts))
            .flatten();
        match retry {
            Some(delay) => {
                let retry_at = now + delay;
                self.store
                    .message_failed(id, &truncate(&error.to_string()), retry_at)
                    .await?;
                tracing::warn!(
                    message_id = id,
                    channel,
                    purpose,
                    attempts,
                    failure,
                    retry_in_s = delay.as_secs(),
                    "message not sent; it will be tried again (`pathways outbox list` shows why)"
                );
                report.failed += 1;
            }
            None => {
                let stored = format!("{GAVE_UP} after {attempts} attempts: {error}");
                self.store
                    .message_failed(id, &truncate(&stored), NEVER)
                    .await?;
                tracing::error!(
                    message_id = id,
                    channel,
                    purpose,
                    attempts,
                    failure,
                    "message not sent; giving up (`pathways outbox list` shows why)"
                );
                report.gave_up += 1;
            }
        }
        Ok(())
    }

    /// Delivers until `shutdown` completes: a round, then a pause of the poll interval (none
    /// while full batches keep coming). A round under way when `shutdown` completes is finished
    /// first.
    pub async fn run(&self, shutdown: impl Future<Output = ()>) {
        let mut shutdown = std::pin::pin!(shutdown);
        tracing::debug!(
            email = %self.transports.email.describe(),
            sms = %self.transports.sms.describe(),
            "outbox delivery started"
        );
        loop {
            let pause = match self.run_once(now()).await {
                Ok(report) if report.total() >= self.batch => Duration::ZERO,
                Ok(_) => self.poll_interval,
                Err(e) => {
                    tracing::warn!(error = %e, "outbox delivery round failed");
                    self.poll_interval
                }
            };
            tokio::select! {
                biased;
                () = &mut shutdown => break,
                () = tokio::time::sleep(pause) => {}
            }
        }
        tracing::debug!("outbox delivery stopped");
    }

    /// Runs the worker as a background task until [`RunningWorker::stop`] (or until the handle
    /// is dropped). Needs a Tokio runtime.
    pub fn spawn(self) -> RunningWorker {
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            self.run(async {
                // A dropped handle stops the worker too.
                let _ = stopped.await;
            })
            .await;
        });
        RunningWorker { stop, task }
    }
}

/// A worker running in the background.
#[derive(Debug)]
pub struct RunningWorker {
    stop: tokio::sync::oneshot::Sender<()>,
    task: tokio::task::JoinHandle<()>,
}

impl RunningWorker {
    /// Asks the worker to stop and waits for it: a round under way may finish within
    /// [`DeliveryWorker::STOP_GRACE`], or is abandoned (its messages stay leased, and are sent
    /// again when the lease ends).
    pub async fn stop(self) {
        let Self { stop, mut task } = self;
        let _ = stop.send(());
        match tokio::time::timeout(DeliveryWorker::STOP_GRACE, &mut task).await {
            Ok(Ok(())) => {}
            Ok(Err(e)) => tracing::error!(error = %e, "the outbox worker failed"),
            Err(_) => {
                task.abort();
                tracing::warn!("the outbox worker did not stop in time; its round was abandoned");
            }
        }
    }
}

/// The `Message-ID` of a message: the same for every attempt, so a mail program can tell a
/// repeated delivery from a new message; the creation time keeps ids apart across databases.
fn message_id(message: &OutboxMessage, mail_from: &str) -> String {
    let domain = mail_from
        .rsplit_once('@')
        .map(|(_, rest)| rest.trim_end_matches(['>', ' ']))
        .filter(|d| {
            !d.is_empty()
                && d.chars()
                    .all(|c| c.is_ascii_alphanumeric() || ".-".contains(c))
        })
        .unwrap_or("pathways.invalid");
    format!(
        "<outbox-{}.{}@{domain}>",
        message.id,
        message.created_at.unix_timestamp()
    )
}

/// Stored errors are kept short.
fn truncate(error: &str) -> String {
    const MAX: usize = 500;
    match error.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", &error[..cut]),
        None => error.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    #[test]
    fn retries_back_off_and_stop_after_ten_failed_attempts() {
        let minutes = |n| retry_delay(n).map(|d| d.as_secs() / 60);
        assert_eq!(minutes(1), Some(1));
        assert_eq!(minutes(2), Some(5));
        assert_eq!(minutes(3), Some(30));
        assert_eq!(minutes(4), Some(120));
        for n in 5..MAX_ATTEMPTS {
            assert_eq!(minutes(n), Some(360), "attempt {n}");
        }
        assert_eq!(minutes(MAX_ATTEMPTS), None);
        assert_eq!(minutes(MAX_ATTEMPTS + 5), None);
        let total: u64 = (1..MAX_ATTEMPTS).filter_map(minutes).sum();
        assert_eq!(total, 1 + 5 + 30 + 120 + 5 * 360, "about 32 hours in all");
    }

    #[test]
    fn configuration_comes_from_the_environment_with_defaults_for_the_demo() {
        let config = DeliveryConfig::from_lookup(|_| None);
        assert_eq!(config, DeliveryConfig::default());
        assert_eq!(config.smtp_url, None);
        assert_eq!(config.mail_from, "Pathways <no-reply@pathways.invalid>");
        assert_eq!(config.outbox_dir, PathBuf::from("./outbox"));

        let vars = HashMap::from([
            (SMTP_URL_ENV, "smtps://mailer:s3cret@smtp.example.org:465"),
            (MAIL_FROM_ENV, "Career Pathways <pathways@example.org>"),
            (OUTBOX_DIR_ENV, "/var/lib/pathways/outbox"),
        ]);
        let config = DeliveryConfig::from_lookup(|name| vars.get(name).map(|v| (*v).to_owned()));
        assert_eq!(
            config.smtp_url.as_deref(),
            Some("smtps://mailer:s3cret@smtp.example.org:465")
        );
        assert_eq!(config.mail_from, "Career Pathways <pathways@example.org>");
        assert_eq!(config.outbox_dir, PathBuf::from("/var/lib/pathways/outbox"));

        let debug = format!("{config:?}");
        assert!(!debug.contains("s3cret"), "{debug}");
        assert!(debug.contains("smtp.example.org:465"), "{debug}");

        let blank = DeliveryConfig::from_lookup(|_| Some(" ".to_owned()));
        assert_eq!(
            blank,
            DeliveryConfig::default(),
            "empty variables are unset"
        );
    }

    #[tokio::test]
    async fn email_goes_to_the_folder_without_smtp_and_to_smtp_with_it() {
        let config = DeliveryConfig::default();
        let transports = config.transports().unwrap();
        assert!(transports.email.describe().contains("outbox"));
        assert!(transports.sms.describe().contains("outbox"));

        let config = DeliveryConfig {
            smtp_url: Some("smtps://mailer:s3cret@smtp.example.org:465".to_owned()),
            ..DeliveryConfig::default()
        };
        let transports = config.transports().unwrap();
        let email = transports.email.describe();
        assert_eq!(email, "SMTP smtps://smtp.example.org:465");
        assert!(!format!("{transports:?}").contains("s3cret"));
        assert!(transports.sms.describe().contains("outbox"));
    }

    #[test]
    fn unusable_configuration_is_refused_with_the_variable_named() {
        let bad_url = DeliveryConfig {
            smtp_url: Some("imap://host".to_owned()),
            ..DeliveryConfig::default()
        };
        let e = bad_url.transports().unwrap_err().to_string();
        assert!(e.contains(SMTP_URL_ENV), "{e}");

        let bad_from = DeliveryConfig {
            mail_from: "not an address".to_owned(),
            ..DeliveryConfig::default()
        };
        let e = bad_from.transports().unwrap_err().to_string();
        assert!(e.contains(MAIL_FROM_ENV), "{e}");
    }

    #[test]
    fn long_errors_are_cut_on_a_character_boundary() {
        assert_eq!(truncate("short"), "short");
        let long = "é".repeat(600);
        let cut = truncate(&long);
        assert_eq!(cut.chars().count(), 501);
        assert!(cut.ends_with('…'));
    }
}

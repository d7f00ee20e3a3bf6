//! `pathways outbox`: deliver the messages waiting in the outbox, and list them.

use std::process::ExitCode;
use std::sync::Arc;

use pathways_app::outbox::{self, DeliveryConfig, DeliveryWorker, MessageStatus};
use pathways_store::Store;
use pathways_store::accounts::{Channel, OutboxMessage};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// Deliver due messages until Ctrl-C: email by SMTP when PATHWAYS_SMTP_URL is set, otherwise
    /// as files in PATHWAYS_OUTBOX_DIR (./outbox); text messages as files. `pathways serve` does
    /// this too.
    Deliver {
        /// Deliver what is due now and exit (exit code 1 if a message failed).
        #[arg(long)]
        once: bool,
    },
    /// List the newest messages and where they stand (never their text, which may hold a
    /// one-time code; addresses are shortened).
    List {
        #[arg(long, default_value_t = 20)]
        limit: u32,
        /// Only messages to this email address or phone number.
        #[arg(long)]
        recipient: Option<String>,
    },
}

pub async fn run(store: Arc<dyn Store>, args: Args) -> anyhow::Result<ExitCode> {
    match args.command {
        Command::Deliver { once } => deliver(store, once).await,
        Command::List { limit, recipient } => list(store.as_ref(), limit, recipient).await,
    }
}

async fn deliver(store: Arc<dyn Store>, once: bool) -> anyhow::Result<ExitCode> {
    let worker = DeliveryWorker::from_config(store, &DeliveryConfig::from_env())?;
    let transports = worker.transports();
    eprintln!(
        "outgoing email: {}; text messages: {}",
        transports.email.describe(),
        transports.sms.describe()
    );
    if !once {
        eprintln!("delivering until Ctrl-C…");
        worker
            .run(async {
                if tokio::signal::ctrl_c().await.is_err() {
                    // No signal handler: run until the process is stopped some other way.
                    std::future::pending::<()>().await;
                }
            })
            .await;
        return Ok(ExitCode::SUCCESS);
    }
    let report = worker.deliver_due(outbox::now()).await?;
    println!(
        "{} sent, {} failed (to be tried again), {} given up",
        report.sent, report.failed, report.gave_up
    );
    Ok(if report.failed + report.gave_up == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

async fn list(
    store: &dyn Store,
    limit: u32,
    recipient: Option<String>,
) -> anyhow::Result<ExitCode> {
    let messages = store.outbox(recipient.as_deref(), limit).await?;
    if messages.is_empty() {
        println!("the outbox is empty");
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "{:>8}  {:<5}  {:<16}  {:<7}  {:<20}  {:<8}  {:>8}  {:<24}  last error",
        "id", "via", "purpose", "lang", "created", "status", "attempts", "to"
    );
    for m in &messages {
        println!(
            "{:>8}  {:<5}  {:<16}  {:<7}  {:<20}  {:<8}  {:>8}  {:<24}  {}",
            m.id,
            m.channel.code(),
            m.purpose,
            m.language,
            m.created_at
                .format(&time::format_description::well_known::Rfc3339)
                .unwrap_or_default(),
            MessageStatus::of(m).code(),
            m.attempts,
            masked_recipient(m),
            m.last_error.as_deref().unwrap_or("")
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Enough of an address to tell messages apart, not enough to read it off a screen:
/// `a…@example.org`, `…0123`.
fn masked_recipient(message: &OutboxMessage) -> String {
    let recipient = message.recipient.trim();
    match message.channel {
        Channel::Email => match recipient.rsplit_once('@') {
            Some((user, domain)) => {
                let first: String = user.chars().take(1).collect();
                format!("{first}…@{domain}")
            }
            None => "…".to_owned(),
        },
        Channel::Sms => {
            let digits: Vec<char> = recipient.chars().filter(char::is_ascii_digit).collect();
            let last: String = digits[digits.len().saturating_sub(4)..].iter().collect();
            format!("…{last}")
        }
    }
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;

    #[test]
    fn recipients_are_shortened() {
        let mut m = OutboxMessage {
            id: 1,
            channel: Channel::Email,
            recipient: "ana.lopez@example.org".to_owned(),
            language: "es".to_owned(),
            purpose: "register-code".to_owned(),
            subject: String::new(),
            body: String::new(),
            calendar: None,
            created_at: datetime!(2026-12-01 09:00 UTC),
            attempts: 0,
            last_error: None,
            sent_at: None,
        };
        assert_eq!(masked_recipient(&m), "a…@example.org");
        m.channel = Channel::Sms;
        m.recipient = "+1 (916) 555-0123".to_owned();
        assert_eq!(masked_recipient(&m), "…0123");
        m.recipient = "12".to_owned();
        assert_eq!(masked_recipient(&m), "…12");
    }
}

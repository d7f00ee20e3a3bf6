//! Messages as files in a folder, one per message, for a person trying the demo to read:
//! `<folder>/email/000123-register-code.eml` and `<folder>/sms/000124-register-code.txt`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use async_trait::async_trait;
use pathways_store::accounts::{Channel, OutboxMessage};
use time::UtcOffset;
use time::format_description::well_known::Rfc2822;

use super::{DeliveryError, FailureKind, Transport, message_id};

/// Writes each message as a readable file: an email as an `.eml` file (headers, a blank line,
/// the text; UTF-8 throughout, which mail programs open), a text message as a `.txt` file.
/// A file is written under a temporary name and then renamed, so a reader never sees half a
/// message; the name comes from the message id, so a message sent twice is one file.
#[derive(Debug, Clone)]
pub struct FolderTransport {
    root: PathBuf,
    mail_from: String,
}

impl FolderTransport {
    /// Messages go to `root/email/` and `root/sms/`, created when needed; `mail_from` is the
    /// sender written into email files.
    pub fn new(root: impl Into<PathBuf>, mail_from: impl Into<String>) -> Self {
        Self {
            root: root.into(),
            mail_from: mail_from.into(),
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The file a message is written to.
    pub fn path_for(&self, message: &OutboxMessage) -> PathBuf {
        let extension = match message.channel {
            Channel::Email => "eml",
            Channel::Sms => "txt",
        };
        self.root.join(message.channel.code()).join(format!(
            "{:06}-{}.{extension}",
            message.id,
            slug(&message.purpose)
        ))
    }

    /// The text of a message's file.
    pub fn render(&self, message: &OutboxMessage) -> String {
        let date = message
            .created_at
            .to_offset(UtcOffset::UTC)
            .format(&Rfc2822)
            .unwrap_or_else(|_| message.created_at.to_string());
        let mut out = String::with_capacity(message.body.len() + 400);
        let mut header = |name: &str, value: &str| {
            out.push_str(name);
            out.push_str(": ");
            out.push_str(&one_line(value));
            out.push('\n');
        };
        match message.channel {
            Channel::Email => {
                header("From", &self.mail_from);
                header("To", &message.recipient);
                header("Subject", &message.subject);
                header("Date", &date);
                header("Content-Language", &message.language);
                header("Message-ID", &message_id(message, &self.mail_from));
                header("MIME-Version", "1.0");
                if message.calendar.is_some() {
                    header(
                        "Content-Type",
                        &format!("multipart/mixed; boundary=\"{BOUNDARY}\""),
                    );
                } else {
                    header("Content-Type", "text/plain; charset=utf-8");
                    header("Content-Transfer-Encoding", "8bit");
                }
                header("X-Pathways-Purpose", &message.purpose);
            }
            Channel::Sms => {
                header("To", &message.recipient);
                header("Date", &date);
                header("Content-Language", &message.language);
                header("Purpose", &message.purpose);
            }
        }
        out.push('\n');
        let calendar = match (message.channel, &message.calendar) {
            (Channel::Email, Some(calendar)) => Some(calendar),
            _ => None,
        };
        if calendar.is_some() {
            out.push_str(&format!(
                "--{BOUNDARY}\nContent-Type: text/plain; charset=utf-8\n\
                 Content-Transfer-Encoding: 8bit\n\n"
            ));
        }
        out.push_str(&message.body);
        if !message.body.ends_with('\n') {
            out.push('\n');
        }
        if let Some(calendar) = calendar {
            // The class for the person's calendar, as a file their mail program can open.
            out.push_str(&format!(
                "\n--{BOUNDARY}\nContent-Type: text/calendar; charset=utf-8; method={}\n\
                 Content-Disposition: attachment; filename=\"class.ics\"\n\
                 Content-Transfer-Encoding: 8bit\n\n{calendar}\n--{BOUNDARY}--\n",
                calendar_method(calendar)
            ));
        }
        out
    }
}

#[async_trait]
impl Transport for FolderTransport {
    async fn send(&self, message: &OutboxMessage) -> Result<(), DeliveryError> {
        let path = self.path_for(message);
        let text = self.render(message);
        tokio::task::spawn_blocking(move || write_atomically(&path, text.as_bytes()))
            .await
            .map_err(|e| DeliveryError::new(FailureKind::Other, e.to_string()))?
            .map_err(|e| DeliveryError::new(FailureKind::File, e.to_string()))
    }

    fn describe(&self) -> String {
        format!("files in {}", self.root.display())
    }
}

/// Writes `bytes` to a hidden temporary file beside `path`, flushes it to disk and renames it
/// to `path` (replacing an earlier copy), so the file is either absent or complete.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(
        ".{name}.{}-{}.tmp",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let written = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&temp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written
}

/// The MIME boundary of messages with a calendar file; it cannot occur in their text.
const BOUNDARY: &str = "pathways-part-boundary-7d3f9a";

/// The iCalendar METHOD of a calendar file (REQUEST or CANCEL).
pub(crate) fn calendar_method(calendar: &str) -> &'static str {
    if calendar.contains("METHOD:CANCEL") {
        "CANCEL"
    } else {
        "REQUEST"
    }
}

/// A header value on one line: line breaks would start new headers.
fn one_line(value: &str) -> String {
    value.replace(['\r', '\n'], " ")
}

/// A purpose as a file-name part: lower-case letters, digits and dashes.
fn slug(purpose: &str) -> String {
    let mut out = String::new();
    for c in purpose.chars().take(40) {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-');
    if out.is_empty() {
        "message".to_owned()
    } else {
        out.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;

    fn message(id: i64, channel: Channel) -> OutboxMessage {
        OutboxMessage {
            id,
            channel,
            recipient: "ana@example.org".to_owned(),
            language: "es".to_owned(),
            purpose: "register-code".to_owned(),
            subject: "Su código\r\nBcc: x@example.org".to_owned(),
            body: "Su código es 123456.".to_owned(),
            calendar: None,
            created_at: datetime!(2026-12-01 09:30 -8),
            attempts: 0,
            last_error: None,
            sent_at: None,
        }
    }

    #[test]
    fn file_names_carry_the_id_and_a_safe_purpose() {
        let folder = FolderTransport::new("/tmp/outbox", "Pathways <no-reply@pathways.invalid>");
        let mut m = message(123, Channel::Email);
        assert_eq!(
            folder.path_for(&m),
            Path::new("/tmp/outbox/email/000123-register-code.eml")
        );
        m.channel = Channel::Sms;
        m.id = 1_234_567;
        m.purpose = "../Reset Password!".to_owned();
        assert_eq!(
            folder.path_for(&m),
            Path::new("/tmp/outbox/sms/1234567-reset-password.txt")
        );
        m.purpose = "…".to_owned();
        assert!(folder.path_for(&m).ends_with("1234567-message.txt"));
    }

    #[test]
    fn a_message_about_a_class_carries_its_calendar_file_as_an_attachment() {
        let folder = FolderTransport::new("/tmp/outbox", "Pathways <no-reply@pathways.invalid>");
        let mut m = message(8, Channel::Email);
        m.calendar = Some("BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n".into());
        let text = folder.render(&m);
        assert!(text.contains(&format!(
            "Content-Type: multipart/mixed; boundary=\"{BOUNDARY}\""
        )));
        assert!(text.contains("Content-Type: text/calendar; charset=utf-8; method=REQUEST"));
        assert!(text.contains("filename=\"class.ics\""));
        assert!(text.contains("Su código es 123456."));
        assert!(text.trim_end().ends_with(&format!("--{BOUNDARY}--")));
        // A text message has no room for files: the words alone.
        m.channel = Channel::Sms;
        assert!(!folder.render(&m).contains("VCALENDAR"));
    }

    #[test]
    fn an_email_file_has_its_headers_then_the_text() {
        let folder = FolderTransport::new("/tmp/outbox", "Pathways <no-reply@pathways.invalid>");
        let text = folder.render(&message(7, Channel::Email));
        assert_eq!(
            text,
            "From: Pathways <no-reply@pathways.invalid>\n\
             To: ana@example.org\n\
             Subject: Su código  Bcc: x@example.org\n\
             Date: Tue, 01 Dec 2026 17:30:00 +0000\n\
             Content-Language: es\n\
             Message-ID: <outbox-7.1796146200@pathways.invalid>\n\
             MIME-Version: 1.0\n\
             Content-Type: text/plain; charset=utf-8\n\
             Content-Transfer-Encoding: 8bit\n\
             X-Pathways-Purpose: register-code\n\
             \n\
             Su código es 123456.\n"
        );
    }

    #[test]
    fn a_text_message_file_has_the_number_and_the_text() {
        let folder = FolderTransport::new("/tmp/outbox", "Pathways <no-reply@pathways.invalid>");
        let mut m = message(8, Channel::Sms);
        m.recipient = "+19165550123".to_owned();
        m.body = "Pathways: 123456\n".to_owned();
        assert_eq!(
            folder.render(&m),
            "To: +19165550123\n\
             Date: Tue, 01 Dec 2026 17:30:00 +0000\n\
             Content-Language: es\n\
             Purpose: register-code\n\
             \n\
             Pathways: 123456\n"
        );
    }
}

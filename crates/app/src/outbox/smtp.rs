//! Email through an SMTP server, with lettre (rustls for TLS, no OpenSSL).

use std::fmt;
use std::time::{Duration, SystemTime};

use async_trait::async_trait;
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Mailbox, Message};
use lettre::{Address, AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use pathways_store::accounts::{Channel, OutboxMessage};

use super::{ConfigError, DeliveryError, FailureKind, Transport, message_id};

/// Sends email through the SMTP server of a URL such as `smtps://user:password@host:465`
/// (TLS from the start), `smtp://user:password@host:587?tls=required` (STARTTLS) or
/// `smtp://localhost:25` (no TLS). A connection per message: the outbox sends few.
pub struct SmtpTransport {
    mailer: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    mail_from: String,
    /// The URL without its user and password.
    server: String,
}

impl fmt::Debug for SmtpTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmtpTransport")
            .field("server", &self.server)
            .field("from", &self.mail_from)
            .finish_non_exhaustive()
    }
}

impl SmtpTransport {
    /// A transport for the server of `url`, sending as `mail_from`; each SMTP command may take
    /// up to `timeout`.
    pub fn from_url(url: &str, mail_from: &str, timeout: Duration) -> Result<Self, ConfigError> {
        let from = parse_mailbox(mail_from)?;
        let mailer = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| ConfigError::SmtpUrl(e.to_string()))?
            .timeout(Some(timeout))
            .build();
        Ok(Self {
            mailer,
            from,
            mail_from: mail_from.to_owned(),
            server: redact_url(url),
        })
    }

    /// The email for an outbox message: plain text, with `Content-Language`, and the date and
    /// `Message-ID` of the message (the same on every attempt).
    pub fn build(&self, message: &OutboxMessage) -> Result<Message, DeliveryError> {
        if message.channel != Channel::Email {
            return Err(DeliveryError::new(
                FailureKind::BadAddress,
                "only email goes through SMTP",
            ));
        }
        let to: Address = message.recipient.trim().parse().map_err(|_| {
            DeliveryError::new(
                FailureKind::BadAddress,
                "the recipient is not an email address",
            )
        })?;
        let language: String = message
            .language
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        let mut builder = Message::builder()
            .from(self.from.clone())
            .to(Mailbox::new(None, to))
            .subject(message.subject.replace(['\r', '\n'], " "))
            .date(SystemTime::from(message.created_at))
            .message_id(Some(message_id(message, &self.mail_from)));
        if !language.is_empty() {
            builder = builder.raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("Content-Language"),
                language,
            ));
        }
        let built = match &message.calendar {
            None => builder
                .header(ContentType::TEXT_PLAIN)
                .body(message.body.clone()),
            Some(calendar) => {
                let method = super::folder::calendar_method(calendar);
                let kind =
                    ContentType::parse(&format!("text/calendar; charset=utf-8; method={method}"))
                        .map_err(|e| DeliveryError::new(FailureKind::Other, e.to_string()))?;
                builder.multipart(
                    lettre::message::MultiPart::mixed()
                        .singlepart(lettre::message::SinglePart::plain(message.body.clone()))
                        .singlepart(
                            lettre::message::Attachment::new("class.ics".to_owned())
                                .body(calendar.clone(), kind),
                        ),
                )
            }
        };
        built.map_err(|e| DeliveryError::new(FailureKind::Other, e.to_string()))
    }
}

#[async_trait]
impl Transport for SmtpTransport {
    async fn send(&self, message: &OutboxMessage) -> Result<(), DeliveryError> {
        let email = self.build(message)?;
        self.mailer.send(email).await.map(drop).map_err(|e| {
            let kind = if e.is_timeout() {
                FailureKind::Timeout
            } else if e.is_permanent() || e.is_transient() {
                FailureKind::Refused
            } else {
                FailureKind::Connection
            };
            DeliveryError::new(kind, e.to_string())
        })
    }

    fn describe(&self) -> String {
        format!("SMTP {}", self.server)
    }
}

pub(super) fn parse_mailbox(raw: &str) -> Result<Mailbox, ConfigError> {
    raw.parse::<Mailbox>()
        .map_err(|e| ConfigError::MailFrom(e.to_string()))
}

/// A URL without its user and password (nor its query): `smtps://host:465`.
pub(super) fn redact_url(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("", url));
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    if scheme.is_empty() {
        host.to_owned()
    } else {
        format!("{scheme}://{host}")
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use time::macros::datetime;
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

    use super::*;

    #[test]
    fn passwords_never_show() {
        assert_eq!(
            redact_url("smtps://mailer:s3cret@smtp.example.org:465"),
            "smtps://smtp.example.org:465"
        );
        assert_eq!(
            redact_url("smtp://a%40b:p@ss@mail.example.org:587/ehlo?tls=required"),
            "smtp://mail.example.org:587"
        );
        assert_eq!(redact_url("smtp://localhost"), "smtp://localhost");
    }

    fn message() -> OutboxMessage {
        OutboxMessage {
            id: 41,
            channel: Channel::Email,
            recipient: "ana@example.org".to_owned(),
            language: "zh-Hant".to_owned(),
            purpose: "reset-code".to_owned(),
            subject: "您的驗證碼".to_owned(),
            body: "您的驗證碼是 654321。".to_owned(),
            calendar: None,
            created_at: datetime!(2026-12-01 09:30 UTC),
            attempts: 0,
            last_error: None,
            sent_at: None,
        }
    }

    /// An SMTP server on a local port that accepts one message and hands over its data.
    async fn fake_server() -> (u16, Arc<Mutex<Vec<String>>>) {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let received = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&received);
        tokio::spawn(async move {
            let (socket, _) = listener.accept().await.unwrap();
            let (read, mut write) = socket.into_split();
            let mut lines = BufReader::new(read).lines();
            write.write_all(b"220 fake ESMTP\r\n").await.unwrap();
            let mut data: Option<String> = None;
            while let Ok(Some(line)) = lines.next_line().await {
                if let Some(text) = data.as_mut() {
                    if line == "." {
                        sink.lock().unwrap().push(data.take().unwrap_or_default());
                        write.write_all(b"250 queued\r\n").await.unwrap();
                    } else {
                        text.push_str(&line);
                        text.push('\n');
                    }
                    continue;
                }
                let command = line.to_ascii_uppercase();
                let reply: &[u8] = if command.starts_with("EHLO") {
                    b"250 fake\r\n"
                } else if command.starts_with("DATA") {
                    data = Some(String::new());
                    b"354 go on\r\n"
                } else if command.starts_with("QUIT") {
                    write.write_all(b"221 bye\r\n").await.unwrap();
                    break;
                } else {
                    b"250 ok\r\n"
                };
                write.write_all(reply).await.unwrap();
            }
        });
        (port, received)
    }

    #[test]
    fn a_message_about_a_class_is_sent_with_its_calendar_file_attached() {
        let smtp = SmtpTransport::from_url(
            "smtp://127.0.0.1:2525",
            "Pathways <no-reply@pathways.example>",
            Duration::from_secs(5),
        )
        .unwrap();
        let mut m = message();
        m.calendar = Some("BEGIN:VCALENDAR\r\nMETHOD:CANCEL\r\nEND:VCALENDAR\r\n".into());
        let email = String::from_utf8(smtp.build(&m).unwrap().formatted()).unwrap();
        assert!(email.contains("multipart/mixed"), "{email}");
        assert!(
            email.contains("text/calendar; charset=utf-8; method=CANCEL"),
            "{email}"
        );
        assert!(email.contains("class.ics"), "{email}");
    }

    #[tokio::test]
    async fn email_reaches_the_smtp_server_with_its_language_and_a_stable_message_id() {
        let (port, received) = fake_server().await;
        let smtp = SmtpTransport::from_url(
            &format!("smtp://127.0.0.1:{port}"),
            "Pathways <no-reply@pathways.example>",
            Duration::from_secs(5),
        )
        .unwrap();
        assert_eq!(smtp.describe(), format!("SMTP smtp://127.0.0.1:{port}"));
        smtp.send(&message()).await.unwrap();

        let received = received.lock().unwrap();
        assert_eq!(received.len(), 1);
        let email = &received[0];
        for header in [
            "From: Pathways <no-reply@pathways.example>",
            "To: ana@example.org",
            "Date: Tue, 01 Dec 2026 09:30:00 +0000",
            "Content-Language: zh-Hant",
            "Message-ID: <outbox-41.1796117400@pathways.example>",
            "Content-Type: text/plain; charset=utf-8",
            "Subject: =?utf-8?",
        ] {
            assert!(email.contains(header), "{header} in\n{email}");
        }
    }

    #[tokio::test]
    async fn an_unusable_recipient_is_a_bad_address_and_nothing_is_sent() {
        let smtp = SmtpTransport::from_url(
            // Nothing listens there: the address is refused before any connection.
            "smtp://127.0.0.1:9",
            "Pathways <no-reply@pathways.example>",
            Duration::from_secs(5),
        )
        .unwrap();
        let mut m = message();
        m.recipient = "not an address".to_owned();
        let error = smtp.send(&m).await.unwrap_err();
        assert_eq!(error.kind, FailureKind::BadAddress);
        assert!(!error.to_string().contains("not an address"));

        m.recipient = "ana@example.org".to_owned();
        let error = smtp.send(&m).await.unwrap_err();
        assert_eq!(error.kind, FailureKind::Connection, "{error}");
    }
}

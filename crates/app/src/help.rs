//! Help tickets (DOMAIN.md §9): a provider, or someone not signed in who leaves a way to reach
//! them, opens a ticket; it is routed when opened: a question about registering for one course
//! to that course's vendor, payments and claims to the service desk, anything else to the
//! program inbox. Each desk sees its own tickets only.

use std::sync::Arc;

use pathways_domain::access::{Action, Actor, Owner};
use pathways_domain::coaching::{
    AttachmentRefusal, Desk, ReplyFrom, TicketCategory, check_attachment, route_ticket,
};
use pathways_domain::ids::ProviderNumber;
use pathways_store::accounts::{Channel, NewMessage, ProviderContact};
use pathways_store::{
    AttachmentInfo, AttendanceRecord, IncentiveClaimRecord, NewAttachment, NewTicket,
    ProviderClass, Store, StoreError, TicketMessageRecord, TicketRecord, TicketReply,
    TrainingClaimRecord,
};

use crate::access::{AccessError, Caller};
use crate::i18n::{Locale, Translator};

/// The desk's prepared answers, written in every language (message `canned-{name}`); a reply
/// that uses one is sent in the asker's language.
pub const CANNED_ANSWERS: [&str; 4] = [
    "how-to-claim",
    "when-paid",
    "ask-the-school",
    "online-classes",
];

/// The longest reply or question, in characters.
pub const MESSAGE_LIMIT: usize = 5_000;

#[derive(Debug, thiserror::Error)]
pub enum HelpError {
    #[error("a question needs a subject and words")]
    Empty,
    #[error("someone not signed in needs to leave a phone number or an email address")]
    NoContact,
    #[error("the message is longer than {MESSAGE_LIMIT} characters")]
    TooLong,
    /// No such ticket (or attachment), or one the caller may not read: the two look the same.
    #[error("no such ticket")]
    NotFound,
    #[error("no such prepared answer")]
    NoSuchAnswer,
    #[error("the file was not taken: {0}")]
    Attachment(#[from] AttachmentRefusal),
    #[error(transparent)]
    Access(#[from] AccessError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A question as asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    pub category: TicketCategory,
    pub subject: String,
    pub body: String,
    /// For someone not signed in.
    pub contact_name: Option<String>,
    pub contact: Option<String>,
    /// The language to answer in; empty: a provider's own language (English for others).
    pub language: String,
    pub attachment: Option<Upload>,
}

/// A file as sent: the name the browser gave and its bytes (checked before it is kept).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upload {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

impl Upload {
    fn checked(&self) -> Result<NewAttachment, AttachmentRefusal> {
        let (kind, file_name) = check_attachment(&self.file_name, &self.bytes)?;
        Ok(NewAttachment {
            file_name,
            kind,
            bytes: self.bytes.clone(),
        })
    }
}

/// A reply as written.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Reply {
    pub body: String,
    /// A prepared answer (one of [`CANNED_ANSWERS`]) put before the words written.
    pub canned: Option<String>,
    /// The desk says the question is answered.
    pub resolves: bool,
    pub attachment: Option<Upload>,
}

/// Which side of the conversation the reader is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The provider who asked.
    Asker,
    /// The desk that answers (or program staff).
    Desk,
}

/// What the desk sees of the provider who asked, read-only, to answer in one place.
#[derive(Debug, Clone)]
pub struct ProviderDeskSummary {
    pub contact: ProviderContact,
    pub classes: Vec<ProviderClass>,
    /// The latest attendance, newest first, with the reasons for any held.
    pub attendance: Vec<AttendanceRecord>,
    pub claims: Vec<TrainingClaimRecord>,
    pub incentive_claims: Vec<IncentiveClaimRecord>,
}

/// A ticket with its conversation.
#[derive(Debug, Clone)]
pub struct TicketView {
    pub ticket: TicketRecord,
    pub messages: Vec<TicketMessageRecord>,
    pub side: Side,
    /// For the desk, when the asker is a provider and the reader may see her records.
    pub summary: Option<ProviderDeskSummary>,
}

/// How many attendance records the desk's summary shows.
const SUMMARY_ATTENDANCE: u32 = 20;

fn checked_body(body: &str) -> Result<&str, HelpError> {
    let body = body.trim();
    if body.chars().count() > MESSAGE_LIMIT {
        Err(HelpError::TooLong)
    } else {
        Ok(body)
    }
}

#[derive(Debug, Clone)]
pub struct Help {
    store: Arc<dyn Store>,
}

impl Help {
    pub fn new(store: Arc<dyn Store>) -> Self {
        Self { store }
    }

    /// Opens a ticket for `caller` (`None`: someone not signed in), routed to its desk; gives
    /// its number and the desk.
    pub async fn ask(
        &self,
        caller: Option<&Caller>,
        question: &Question,
    ) -> Result<(i64, Desk), HelpError> {
        let subject = question.subject.trim();
        let body = checked_body(&question.body)?;
        if subject.is_empty() || body.is_empty() {
            return Err(HelpError::Empty);
        }
        if subject.chars().count() > 200 {
            return Err(HelpError::TooLong);
        }
        let attachment = question
            .attachment
            .as_ref()
            .map(Upload::checked)
            .transpose()?;
        let provider = caller.and_then(|c| match c.actor {
            Actor::Provider { provider } => Some(provider),
            _ => None,
        });
        let contact = question
            .contact
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty());
        if provider.is_none() && contact.is_none() {
            return Err(HelpError::NoContact);
        }
        let vendor = match &question.category {
            TicketCategory::CourseRegistration(number) => self
                .store
                .reviewed_course(number)
                .await?
                .map(|c| c.course.vendor),
            _ => None,
        };
        let desk = route_ticket(&question.category, vendor.as_ref());
        let language = match (question.language.trim(), provider) {
            ("", Some(provider)) => self
                .store
                .provider_contact(provider)
                .await?
                .map_or_else(|| "en".to_owned(), |c| c.language),
            ("", None) => "en".to_owned(),
            (tag, _) => tag.to_owned(),
        };
        let label = caller.map_or_else(|| "visitor".to_owned(), |c| c.label.clone());
        let audit = pathways_store::accounts::AuditEntry {
            at: crate::access::now(),
            actor: pathways_store::accounts::AuditActor {
                account: caller.and_then(|c| c.account),
                label,
            },
            action: "ticket.open".into(),
            record_type: "ticket".into(),
            record_key: String::new(),
            before: None,
            after: Some(serde_json::json!({
                "category": question.category.code(),
                "desk": format!("{desk:?}"),
            })),
        };
        let ticket = NewTicket {
            provider,
            contact_name: question
                .contact_name
                .as_deref()
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(str::to_owned),
            contact: contact.map(str::to_owned),
            language,
            category: question.category.clone(),
            desk: desk.clone(),
            subject: subject.to_owned(),
            body: body.to_owned(),
            attachment,
        };
        let id = self.store.open_ticket(&ticket, &audit).await?;
        Ok((id, desk))
    }

    /// The open tickets of the caller's desk: a vendor's staff their vendor's, the service
    /// desk its own, program staff every desk's.
    pub async fn desk(&self, caller: &Caller) -> Result<Vec<TicketRecord>, HelpError> {
        let desk = match &caller.actor {
            Actor::VendorStaff { vendor } => Some(Desk::Vendor(vendor.clone())),
            Actor::ServiceDesk => Some(Desk::ServiceDesk),
            _ => None,
        };
        caller.authorize(
            Action::HandleTickets,
            &Owner {
                vendor: match &desk {
                    Some(Desk::Vendor(v)) => Some(v.clone()),
                    _ => None,
                },
                ..Owner::default()
            },
        )?;
        Ok(self.store.desk_tickets(desk.as_ref(), true).await?)
    }

    /// A provider's own tickets, newest first.
    pub async fn provider_tickets(
        &self,
        caller: &Caller,
        provider: ProviderNumber,
    ) -> Result<Vec<TicketRecord>, HelpError> {
        caller.authorize(
            Action::ViewProvider,
            &Owner {
                provider: Some(provider),
                ..Owner::default()
            },
        )?;
        Ok(self.store.provider_tickets(provider).await?)
    }

    /// The ticket if the caller may read it, and from which side: the provider who asked, or
    /// a desk that may handle it (a vendor's staff only their vendor's).
    async fn readable(&self, caller: &Caller, id: i64) -> Result<(TicketRecord, Side), HelpError> {
        if let Actor::Provider { provider } = caller.actor {
            if let Some(ticket) = self.store.ticket(id).await?
                && ticket.provider == Some(provider)
            {
                return Ok((ticket, Side::Asker));
            }
            // Any other ticket is a desk's, which a provider never reads (whether it exists
            // or not).
            caller.authorize(Action::HandleTickets, &Owner::default())?;
        }
        // The role check comes first, so a role that never does this learns nothing about
        // which tickets exist.
        if !caller.may(Action::HandleTickets) {
            caller.authorize(Action::HandleTickets, &Owner::default())?;
        }
        let ticket = self.store.ticket(id).await?.ok_or(HelpError::NotFound)?;
        let vendor = match &ticket.desk {
            Desk::Vendor(v) => Some(v.clone()),
            _ => None,
        };
        caller
            .authorize(
                Action::HandleTickets,
                &Owner {
                    vendor,
                    ..Owner::default()
                },
            )
            .map_err(|_| HelpError::NotFound)?;
        Ok((ticket, Side::Desk))
    }

    /// A ticket and its conversation; for the desk, the asking provider's summary when the
    /// reader may see her records.
    pub async fn ticket(&self, caller: &Caller, id: i64) -> Result<TicketView, HelpError> {
        let (ticket, side) = self.readable(caller, id).await?;
        let summary = match (side, ticket.provider) {
            (Side::Desk, Some(provider)) => self.summary(caller, provider).await?,
            _ => None,
        };
        Ok(TicketView {
            messages: self.store.ticket_messages(id).await?,
            ticket,
            side,
            summary,
        })
    }

    async fn summary(
        &self,
        caller: &Caller,
        provider: ProviderNumber,
    ) -> Result<Option<ProviderDeskSummary>, HelpError> {
        let Some(contact) = self.store.provider_contact(provider).await? else {
            return Ok(None);
        };
        let owner = Owner {
            provider: Some(provider),
            county: Some(contact.county),
            ..Owner::default()
        };
        if caller.authorize(Action::ViewProvider, &owner).is_err()
            || caller.authorize(Action::ViewAttendance, &owner).is_err()
        {
            return Ok(None);
        }
        Ok(Some(ProviderDeskSummary {
            classes: self.store.provider_classes(provider).await?,
            attendance: self
                .store
                .provider_attendance(provider, SUMMARY_ATTENDANCE)
                .await?,
            claims: self.store.training_claims(provider).await?,
            incentive_claims: self.store.provider_incentive_claims(provider).await?,
            contact,
        }))
    }

    /// Adds a reply: the asker's reopens the ticket; the desk's waits on the asker or resolves
    /// it, and the asker is told in her language where she will see it.
    pub async fn reply(&self, caller: &Caller, id: i64, reply: &Reply) -> Result<(), HelpError> {
        let (ticket, side) = self.readable(caller, id).await?;
        let written = checked_body(&reply.body)?;
        let canned = match (&reply.canned, side) {
            (Some(name), Side::Desk) if CANNED_ANSWERS.contains(&name.as_str()) => {
                let t = Translator::new(Locale::from_tag(&ticket.language).unwrap_or(Locale::En));
                Some(t.t(&format!("canned-{name}")))
            }
            (None, _) => None,
            _ => return Err(HelpError::NoSuchAnswer),
        };
        let body = match canned {
            Some(canned) if written.is_empty() => canned,
            Some(canned) => format!("{canned}\n\n{written}"),
            None if written.is_empty() => return Err(HelpError::Empty),
            None => written.to_owned(),
        };
        let attachment = reply.attachment.as_ref().map(Upload::checked).transpose()?;
        let from = match side {
            Side::Asker => ReplyFrom::Asker,
            Side::Desk => ReplyFrom::Staff,
        };
        let status = ticket.status.after_reply(from, reply.resolves);
        let messages = match side {
            Side::Desk => self.reply_notice(&ticket, &body).await?,
            Side::Asker => Vec::new(),
        };
        let audit = caller.audit(
            "ticket.reply",
            "ticket",
            id.to_string(),
            Some(serde_json::json!({ "status": ticket.status.code() })),
            Some(serde_json::json!({
                "status": status.code(),
                "canned": reply.canned,
                "attachment": attachment.as_ref().map(|a| a.file_name.clone()),
            })),
        );
        let author = match side {
            Side::Asker => caller.label.clone(),
            // The asker sees the desk's name, not the staff member's account.
            Side::Desk => desk_author(&ticket.desk),
        };
        let stored = self
            .store
            .reply_ticket(
                id,
                &TicketReply {
                    from_staff: side == Side::Desk,
                    author,
                    body,
                    status,
                    attachment,
                },
                &messages,
                &audit,
            )
            .await?;
        if stored {
            Ok(())
        } else {
            Err(HelpError::NotFound)
        }
    }

    /// Tells the asker the desk answered, in her language, with the answer: a provider at
    /// the email or phone on file, someone not signed in at the contact they left.
    async fn reply_notice(
        &self,
        ticket: &TicketRecord,
        answer: &str,
    ) -> Result<Vec<NewMessage>, HelpError> {
        let reach = match ticket.provider {
            Some(provider) => self
                .store
                .provider_contact(provider)
                .await?
                .and_then(|c| c.email.or(c.phone)),
            None => ticket.contact.clone(),
        };
        let Some(recipient) = reach else {
            return Ok(Vec::new());
        };
        let channel = if recipient.contains('@') {
            Channel::Email
        } else {
            Channel::Sms
        };
        let locale = Locale::from_tag(&ticket.language).unwrap_or(Locale::En);
        let t = Translator::new(locale);
        let args = [
            ("ticket", ticket.id.to_string().into()),
            ("subject", ticket.subject.clone().into()),
            ("answer", answer.to_owned().into()),
        ];
        let how = if ticket.provider.is_some() {
            "provider"
        } else {
            "visitor"
        };
        let now = crate::access::now();
        Ok(vec![NewMessage {
            channel,
            recipient,
            language: locale.tag().to_owned(),
            purpose: "ticket-reply".into(),
            subject: t.t_args("msg-ticket-reply-subject", &args),
            body: t.t_args(&format!("msg-ticket-reply-body-{how}"), &args),
            calendar: None,
            created_at: now,
            due_at: None,
            topic: None,
        }])
    }

    /// Takes the ticket (`mine`) or gives it back to the desk's queue.
    pub async fn assign(&self, caller: &Caller, id: i64, mine: bool) -> Result<(), HelpError> {
        let (ticket, side) = self.readable(caller, id).await?;
        if side != Side::Desk {
            return Err(HelpError::NotFound);
        }
        let to = if mine { caller.account } else { None };
        let audit = caller.audit(
            "ticket.assign",
            "ticket",
            id.to_string(),
            Some(serde_json::json!({ "account": ticket.assigned.as_ref().map(|a| a.0.0) })),
            Some(serde_json::json!({ "account": to.map(|a| a.0) })),
        );
        if self.store.assign_ticket(id, to, &audit).await? {
            Ok(())
        } else {
            Err(HelpError::NotFound)
        }
    }

    /// A file sent with a ticket, for someone who may read the ticket.
    pub async fn attachment(
        &self,
        caller: &Caller,
        id: i64,
    ) -> Result<(AttachmentInfo, Vec<u8>), HelpError> {
        let (ticket, info, bytes) = self
            .store
            .ticket_attachment(id)
            .await?
            .ok_or(HelpError::NotFound)?;
        self.readable(caller, ticket).await?;
        Ok((info, bytes))
    }
}

/// How a desk signs its replies.
fn desk_author(desk: &Desk) -> String {
    match desk {
        Desk::Vendor(vendor) => format!("vendor:{vendor}"),
        Desk::ServiceDesk => "service-desk".into(),
        Desk::ProgramInbox => "program-inbox".into(),
    }
}

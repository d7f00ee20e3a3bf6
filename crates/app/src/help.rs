//! Help tickets (DOMAIN.md §9): a provider, or someone not signed in who leaves a way to reach
//! them, opens a ticket; it is routed when opened: a question about registering for one course
//! to that course's vendor, payments and claims to the service desk, anything else to the
//! program inbox. Each desk sees its own tickets only.

use std::sync::Arc;

use pathways_domain::access::{Action, Actor, Owner};
use pathways_domain::coaching::{Desk, TicketCategory, route_ticket};
use pathways_store::{NewTicket, Store, StoreError, TicketRecord};

use crate::access::{AccessError, Caller};

#[derive(Debug, thiserror::Error)]
pub enum HelpError {
    #[error("a question needs a subject and words")]
    Empty,
    #[error("someone not signed in needs to leave a phone number or an email address")]
    NoContact,
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
    /// The language to answer in.
    pub language: String,
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
        let body = question.body.trim();
        if subject.is_empty() || body.is_empty() {
            return Err(HelpError::Empty);
        }
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
            language: question.language.clone(),
            category: question.category.clone(),
            desk: desk.clone(),
            subject: subject.to_owned(),
            body: body.to_owned(),
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
}

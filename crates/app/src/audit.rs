//! The audit log's read side: a program admin searches it by person, record and date, and
//! exports what they found as CSV. (Writing happens in the store, in the same transaction as
//! each change; nothing updates or deletes the log.)

use std::sync::Arc;

use pathways_domain::access::{Action, Owner};
use pathways_store::accounts::{AuditQuery, AuditRecord};
use pathways_store::{Store, StoreError};
use time::format_description::well_known::Rfc3339;

use crate::access::{AccessError, Caller};

/// Rows per page of the audit search; an export pages through everything that matches.
pub const AUDIT_PAGE: u32 = 100;

#[derive(Debug, thiserror::Error)]
pub enum AuditError {
    #[error(transparent)]
    Access(#[from] AccessError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the CSV could not be written: {0}")]
    Csv(#[from] csv::Error),
}

#[derive(Debug, Clone)]
pub struct AuditLog {
    store: Arc<dyn Store>,
}

/// The columns of an audit export, in order.
pub const AUDIT_CSV_COLUMNS: [&str; 9] = [
    "id",
    "at",
    "actor_account",
    "actor",
    "action",
    "record_type",
    "record_key",
    "before",
    "after",
];

impl AuditLog {
    pub fn new(store: Arc<dyn Store>) -> Self {
        Self { store }
    }

    /// One page of matching records, newest first.
    pub async fn search(
        &self,
        caller: &Caller,
        query: &AuditQuery,
    ) -> Result<Vec<AuditRecord>, AuditError> {
        caller.authorize(Action::ViewAudit, &Owner::default())?;
        Ok(self.store.search_audit(query).await?)
    }

    /// Every matching record as CSV, newest first, written page by page.
    pub async fn export_csv(
        &self,
        caller: &Caller,
        query: &AuditQuery,
    ) -> Result<Vec<u8>, AuditError> {
        caller.authorize(Action::ViewAudit, &Owner::default())?;
        let mut out = csv::Writer::from_writer(Vec::new());
        out.write_record(AUDIT_CSV_COLUMNS)?;
        let mut page_query = AuditQuery {
            limit: 1_000,
            ..query.clone()
        };
        loop {
            let page = self.store.search_audit(&page_query).await?;
            for record in &page {
                write_row(&mut out, record)?;
            }
            match page.last() {
                Some(last) if page.len() == page_query.limit as usize => {
                    page_query.before_id = Some(last.id);
                }
                _ => break,
            }
        }
        out.into_inner()
            .map_err(|e| AuditError::Csv(csv::Error::from(e.into_error())))
    }
}

fn write_row(out: &mut csv::Writer<Vec<u8>>, record: &AuditRecord) -> Result<(), csv::Error> {
    let e = &record.entry;
    let json =
        |v: &Option<serde_json::Value>| v.as_ref().map(ToString::to_string).unwrap_or_default();
    out.write_record([
        record.id.to_string(),
        e.at.format(&Rfc3339).unwrap_or_default(),
        e.actor.account.map(|a| a.to_string()).unwrap_or_default(),
        e.actor.label.clone(),
        e.action.clone(),
        e.record_type.clone(),
        e.record_key.clone(),
        json(&e.before),
        json(&e.after),
    ])
}

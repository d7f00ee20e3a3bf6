//! A session's roster as its vendor sees it: the session and who attended it, as reported.
//! (Registrations and waitlists join the roster with the catalog-management issue.) Only the
//! vendor of the session's course, and staff with statewide scope, may see it; to anyone else
//! it does not exist.

use std::sync::Arc;

use pathways_domain::access::{Action, Owner};
use pathways_domain::ids::SessionId;
use pathways_store::{SessionRoster, Store};

use crate::access::Caller;
use crate::providers::ProviderError;

#[derive(Debug, Clone)]
pub struct Rosters {
    store: Arc<dyn Store>,
}

impl Rosters {
    pub fn new(store: Arc<dyn Store>) -> Self {
        Self { store }
    }

    pub async fn roster(
        &self,
        caller: &Caller,
        session: &SessionId,
    ) -> Result<SessionRoster, ProviderError> {
        // A role that never sees rosters learns nothing about which sessions exist.
        if !caller.may(Action::ViewRoster) {
            caller.authorize(Action::ViewRoster, &Owner::default())?;
        }
        let roster = self
            .store
            .session_roster(session)
            .await?
            .ok_or(ProviderError::NotFound)?;
        caller
            .authorize(
                Action::ViewRoster,
                &Owner {
                    vendor: Some(roster.vendor.clone()),
                    ..Owner::default()
                },
            )
            .map_err(|_| ProviderError::NotFound)?;
        Ok(roster)
    }
}

//! The program's rule parameters over time (policy versions), as program staff see them.
//! Creating versions through the web arrives with the incentives issue; imports and the
//! default version exist already.

use std::sync::Arc;

use pathways_domain::access::{Action, Owner};
use pathways_domain::policy::PolicyVersion;
use pathways_store::Store;

use crate::access::Caller;
use crate::audit::AuditError;

#[derive(Debug, Clone)]
pub struct Policies {
    store: Arc<dyn Store>,
}

impl Policies {
    pub fn new(store: Arc<dyn Store>) -> Self {
        Self { store }
    }

    /// Every policy version, oldest first.
    pub async fn versions(&self, caller: &Caller) -> Result<Vec<PolicyVersion>, AuditError> {
        caller.authorize(Action::ManagePolicy, &Owner::default())?;
        let mut versions = self.store.policy_versions().await?;
        versions.sort_by_key(|v| v.effective_from);
        Ok(versions)
    }
}

//! What staff and providers see of a provider: the profile from the providers file and their
//! attendance, each behind the authorization table (a county sees its own county's providers,
//! the service desk all, a provider only themself, a coach only those booked with them).

use std::sync::Arc;

use pathways_domain::access::{Action, Owner};
use pathways_domain::ids::{ProviderNumber, VendorCode};
use pathways_store::accounts::ProviderContact;
use pathways_store::{AttendanceKeyRef, AttendanceRecord, Store, StoreError};

use crate::access::{AccessError, Caller};

/// Most attendance records one page shows.
pub const ATTENDANCE_PAGE: u32 = 200;

#[derive(Debug, thiserror::Error)]
pub enum ProviderError {
    /// No such provider, or one the caller may not see: the two look the same.
    #[error("no such provider")]
    NotFound,
    #[error(transparent)]
    Access(#[from] AccessError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A provider's profile as the providers file has it, with whether they have an account.
#[derive(Debug, Clone)]
pub struct ProviderSummary {
    pub contact: ProviderContact,
    pub has_account: bool,
    pub verified_records: usize,
    pub held_records: usize,
}

#[derive(Debug, Clone)]
pub struct Providers {
    store: Arc<dyn Store>,
}

impl Providers {
    pub fn new(store: Arc<dyn Store>) -> Self {
        Self { store }
    }

    /// Looks the provider up and checks the caller may perform `action` on their records. A
    /// refusal for a provider outside the caller's scope reads as "not found".
    async fn authorized(
        &self,
        caller: &Caller,
        action: Action,
        number: ProviderNumber,
    ) -> Result<ProviderContact, ProviderError> {
        // The role check comes first, so a role that never does this learns nothing about
        // which numbers exist.
        if !caller.may(action) {
            caller.authorize(action, &Owner::default())?;
        }
        let contact = self
            .store
            .provider_contact(number)
            .await?
            .ok_or(ProviderError::NotFound)?;
        let owner = Owner {
            provider: Some(number),
            county: Some(contact.county),
            vendor: None,
            // A coach sees the providers who booked them.
            assigned: crate::coach_desk::coach_assigned(self.store.as_ref(), caller, number)
                .await?,
        };
        caller
            .authorize(action, &owner)
            .map_err(|_| ProviderError::NotFound)?;
        Ok(contact)
    }

    pub async fn summary(
        &self,
        caller: &Caller,
        number: ProviderNumber,
    ) -> Result<ProviderSummary, ProviderError> {
        let contact = self
            .authorized(caller, Action::ViewProvider, number)
            .await?;
        let has_account = self.store.account_by_provider(number).await?.is_some();
        let records = self
            .store
            .provider_attendance(number, u32::MAX >> 1)
            .await?;
        let verified_records = records.iter().filter(|r| r.is_verified()).count();
        Ok(ProviderSummary {
            contact,
            has_account,
            verified_records,
            held_records: records.len() - verified_records,
        })
    }

    /// A provider's attendance, newest first (one page).
    pub async fn attendance(
        &self,
        caller: &Caller,
        number: ProviderNumber,
    ) -> Result<Vec<AttendanceRecord>, ProviderError> {
        self.authorized(caller, Action::ViewAttendance, number)
            .await?;
        Ok(self
            .store
            .provider_attendance(number, ATTENDANCE_PAGE)
            .await?)
    }

    /// A vendor's held attendance, for the vendor to correct (one page, in key order).
    pub async fn held_for_vendor(
        &self,
        caller: &Caller,
        vendor: &VendorCode,
        after: Option<&AttendanceKeyRef>,
    ) -> Result<Vec<AttendanceRecord>, ProviderError> {
        caller.authorize(
            Action::ViewAttendance,
            &Owner {
                vendor: Some(vendor.clone()),
                ..Owner::default()
            },
        )?;
        Ok(self
            .store
            .held_attendance(Some(vendor), after, ATTENDANCE_PAGE)
            .await?)
    }
}

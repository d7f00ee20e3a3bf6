//! Helpers for tests of this crate and the crates above it (feature "testing").

use crate::accounts::AccountSettings;
use crate::accounts::password::HashCost;

/// Account settings with the cheapest argon2 cost: tests sign in often, and the production
/// cost is measured by `pathways bench password-hash`, not by tests.
pub fn fast_account_settings() -> AccountSettings {
    AccountSettings {
        hash_cost: HashCost {
            memory_kib: 1024,
            iterations: 1,
            parallelism: 1,
        },
        ..AccountSettings::default()
    }
}

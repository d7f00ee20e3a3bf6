//! Pathways use cases: what the web pages, the JSON API and the command line do, in one place.

pub mod access;
pub mod accounts;
pub mod audit;
pub mod calendar;
pub mod careers;
pub mod catalog;
pub mod certificates;
pub mod claims;
pub mod coaching;
pub mod courses;
pub mod demo;
pub mod help;
pub mod i18n;
pub mod import;
pub mod incentives;
pub mod outbox;
pub mod outreach;
pub mod payroll;
pub mod policies;
pub mod progress;
pub mod providers;
pub mod registrations;
pub mod rosters;
pub mod seed;
#[cfg(feature = "testing")]
pub mod testing;

//! The web edge driven through its real router, against a real SQLite database per test.

mod accessibility;
mod accounts;
mod api;
mod authz;
mod axe;
mod browser;
mod careers;
mod claims;
mod coaching;
mod county;
mod help_journey;
mod helpers;
mod journey;
mod outreach;
mod pages;
mod policy;
mod privacy;
mod progress;
mod registration;
mod server;
mod tickets;
mod webdriver;

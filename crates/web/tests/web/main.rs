//! The web edge driven through its real router, against a real SQLite database per test.

mod accounts;
mod api;
mod authz;
mod browser;
mod county;
mod helpers;
mod pages;
mod privacy;
mod registration;
mod server;
mod webdriver;

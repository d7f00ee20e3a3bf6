//! The web edge driven through its real router, against a real SQLite database per test.

mod api;
mod helpers;
mod pages;
mod server;

//! Pathways use cases: what the web pages, the JSON API and the command line do, in one place.

pub mod accounts;
pub mod catalog;
pub mod demo;
pub mod import;
pub mod outbox;
pub mod seed;

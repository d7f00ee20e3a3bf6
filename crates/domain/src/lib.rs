//! The Pathways program's types and rules, free of I/O.
//!
//! Everything that enters the system from a file, a form or the database is parsed into the
//! validated types of [`ids`] and [`quantity`] first, so the rules in [`attendance`] and
//! [`eligibility`] never see a malformed value. Rules that change over time live in
//! [`policy`] as data with effective dates.

pub mod access;
pub mod attendance;
pub mod calendar;
pub mod career;
pub mod claim;
pub mod coaching;
pub mod county;
pub mod eligibility;
pub mod entities;
pub mod error;
pub mod ids;
pub mod incentive;
pub mod pathway;
pub mod policy;
pub mod quantity;
pub mod registration;
pub mod review;
#[cfg(any(test, feature = "testing"))]
pub mod testing;

pub use error::ParseError;
pub use time::Date;

//! The JSON API under `/api/v1`. Its response types are its own, apart from the store's row
//! and model types, so the database can change without changing what clients receive.

mod courses;
pub mod records;

use axum::Router;

use crate::AppState;

pub use courses::{
    CourseDto, CourseListDto, CourseSummaryDto, SessionDto, VendorDto, VendorRefDto,
};

pub fn router() -> Router<AppState> {
    Router::new().nest("/api/v1", courses::router().merge(records::router()))
}

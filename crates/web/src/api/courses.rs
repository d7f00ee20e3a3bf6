//! `GET /api/v1/courses` (the catalog, with the HTML list's filters) and
//! `GET /api/v1/courses/{number}`.

use axum::extract::{Path, RawQuery, State};
use axum::routing::get;
use axum::{Json, Router};
use pathways_domain::entities::{Course, Session, Vendor};
use pathways_domain::error::{format_date, format_datetime};
use pathways_domain::ids::CourseNumber;
use pathways_store::{CatalogPage, CourseDetail, CourseSummary};
use serde::{Deserialize, Serialize};

use crate::AppState;
use crate::error::WebError;
use crate::filter::FilterParams;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/courses", get(list))
        .route("/courses/{number}", get(detail))
}

/// A page of catalog courses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CourseListDto {
    pub courses: Vec<CourseSummaryDto>,
    /// How many courses match, in all pages.
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
}

/// What the list and the course endpoint both say about a course.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CourseFieldsDto {
    pub course_number: String,
    pub title: String,
    pub description: String,
    /// Pathway code: `GHS`, `AED`, `CIB`, `CPC` or `THC`.
    pub pathway: String,
    /// 1 (General) or 2 (Specialized).
    pub category: u8,
    /// Decimal with two places, such as `"1.50"`.
    pub credit_hours: String,
    /// `online-instructor`, `self-paced` or `in-person`.
    pub modality: String,
    /// BCP 47 tags.
    pub languages: Vec<String>,
    /// Set when the vendor registers people on its own site.
    pub registration_url: Option<String>,
    /// ISO 8601 date.
    pub published_on: Option<String>,
}

impl From<&Course> for CourseFieldsDto {
    fn from(c: &Course) -> Self {
        Self {
            course_number: c.number.to_string(),
            title: c.title.clone(),
            description: c.description.clone(),
            pathway: c.pathway.code().to_owned(),
            category: c.pathway.category().number(),
            credit_hours: c.credit_hours.to_string(),
            modality: c.modality.code().to_owned(),
            languages: languages(c),
            registration_url: c.registration_url.clone(),
            published_on: c.published_on.map(format_date),
        }
    }
}

/// A course as the list returns it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CourseSummaryDto {
    #[serde(flatten)]
    pub course: CourseFieldsDto,
    pub vendor: VendorRefDto,
    /// Sessions that have not ended yet.
    pub upcoming_sessions: u64,
}

/// The vendor of a listed course.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct VendorRefDto {
    pub code: String,
    pub name: String,
}

/// One course with its vendor's contact and its sessions that have not ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CourseDto {
    #[serde(flatten)]
    pub course: CourseFieldsDto,
    pub vendor: VendorDto,
    pub sessions: Vec<SessionDto>,
}

/// A vendor's contact for registration questions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct VendorDto {
    pub code: String,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub website: String,
}

/// One scheduled run of a course. Times are local program time (Pacific), `YYYY-MM-DDTHH:MM`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SessionDto {
    pub session_id: String,
    pub starts_at: String,
    pub ends_at: String,
    /// The place; `null` for online sessions.
    pub location: Option<String>,
    pub online: bool,
    /// The two-digit county code (01–58) of an in-person session's place, from its ZIP code;
    /// `null` online or when the place does not tell.
    pub county_code: Option<String>,
    /// Seats; `null` when there is no seat limit.
    pub capacity: Option<u32>,
}

impl From<&CatalogPage> for CourseListDto {
    fn from(page: &CatalogPage) -> Self {
        Self {
            courses: page.courses.iter().map(CourseSummaryDto::from).collect(),
            total: page.total,
            page: page.page,
            per_page: page.per_page,
        }
    }
}

impl From<&CourseSummary> for CourseSummaryDto {
    fn from(summary: &CourseSummary) -> Self {
        Self {
            course: CourseFieldsDto::from(&summary.course),
            vendor: VendorRefDto {
                code: summary.course.vendor.to_string(),
                name: summary.vendor_name.clone(),
            },
            upcoming_sessions: summary.upcoming_sessions,
        }
    }
}

impl From<&CourseDetail> for CourseDto {
    fn from(detail: &CourseDetail) -> Self {
        Self {
            course: CourseFieldsDto::from(&detail.course),
            vendor: VendorDto::from(&detail.vendor),
            sessions: detail.sessions.iter().map(SessionDto::from).collect(),
        }
    }
}

impl From<&Vendor> for VendorDto {
    fn from(v: &Vendor) -> Self {
        Self {
            code: v.code.to_string(),
            name: v.name.clone(),
            email: v.email.clone(),
            phone: v.phone.clone(),
            website: v.website.clone(),
        }
    }
}

impl From<&Session> for SessionDto {
    fn from(s: &Session) -> Self {
        Self {
            session_id: s.id.to_string(),
            starts_at: format_datetime(s.starts_at),
            ends_at: format_datetime(s.ends_at),
            location: s.location.clone(),
            online: s.location.is_none(),
            county_code: s.county().map(|c| c.to_string()),
            capacity: s.capacity,
        }
    }
}

fn languages(course: &Course) -> Vec<String> {
    course
        .languages
        .iter()
        .map(|l| l.as_str().to_owned())
        .collect()
}

/// The catalog: published courses matching the filters, a page at a time.
#[utoipa::path(
    get,
    path = "/api/v1/courses",
    tag = "catalog",
    params(
        ("q" = Option<String>, Query, description = "Words to find in the course number, title or description, in any language: every word must match, as a prefix, ignoring case and accents; Chinese, Japanese and Korean terms match as substrings. At most 100 characters"),
        ("pathway" = Option<String>, Query, description = "GHS, AED, CIB, CPC or THC"),
        ("category" = Option<String>, Query, description = "1 (General) or 2 (Specialized)"),
        ("modality" = Option<String>, Query, description = "online-instructor, self-paced or in-person"),
        ("language" = Option<String>, Query, description = "A BCP 47 tag, such as es"),
        ("place" = Option<String>, Query, description = "online or in-person: courses with an upcoming session of that kind (or, with nothing scheduled, taught that way)"),
        ("county" = Option<String>, Query, description = "A two-digit California county code, 01 to 58 (alphabetical: 01 Alameda … 34 Sacramento … 58 Yuba): courses with an upcoming in-person session in that county, told by the ZIP code of its place"),
        ("from" = Option<String>, Query, description = "YYYY-MM-DD: courses with an upcoming session starting on or after this day"),
        ("until" = Option<String>, Query, description = "YYYY-MM-DD: courses with an upcoming session starting on or before this day (not before from)"),
        ("seats" = Option<String>, Query, description = "yes or true: only courses with a session one can still register for here with a seat left, or an open self-paced window"),
        ("sort" = Option<String>, Query, description = "relevance (the default: best match first when q is given, else by title), title or soonest (next matching session first)"),
        ("page" = Option<u32>, Query, description = "From 1"),
        ("per_page" = Option<u32>, Query, description = "1 to 100; 20 when absent"),
    ),
    responses(
        (status = 200, description = "A page of courses", body = CourseListDto),
        (status = 400, description = "A parameter that cannot be used", body = crate::error::ApiErrorBody),
    )
)]
pub(super) async fn list(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Json<CourseListDto>, WebError> {
    let filter = FilterParams::from_query(query.as_deref())
        .parse(true)
        .map_err(WebError::InvalidParams)?;
    let page = state.catalog.search(&filter, state.today()).await?;
    Ok(Json(CourseListDto::from(&page)))
}

/// One catalog course with its vendor's contact and its sessions that have not ended.
#[utoipa::path(
    get,
    path = "/api/v1/courses/{number}",
    tag = "catalog",
    params(("number" = String, Path, description = "The course number")),
    responses(
        (status = 200, description = "The course", body = CourseDto),
        (status = 404, description = "Not in the catalog today", body = crate::error::ApiErrorBody),
    )
)]
pub(super) async fn detail(
    State(state): State<AppState>,
    Path(number): Path<String>,
) -> Result<Json<CourseDto>, WebError> {
    let number = CourseNumber::parse(&number).map_err(|_| WebError::NotFound)?;
    let detail = state
        .catalog
        .course(&number, state.today())
        .await?
        .ok_or(WebError::NotFound)?;
    Ok(Json(CourseDto::from(&detail)))
}

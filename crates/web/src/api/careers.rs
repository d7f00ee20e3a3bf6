//! `GET /api/v1/careers` and `GET /api/v1/careers/{slug}`: the published healthcare career
//! pages, with their words in every language they are written in (clients show English when
//! their reader's language is missing, as the pages do).

use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Json, Router};
use pathways_domain::career::{Career, CareerText};
use serde::{Deserialize, Serialize};

use crate::AppState;
use crate::error::WebError;
use crate::pages::career_slug;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/careers", get(list))
        .route("/careers/{slug}", get(detail))
}

/// The published careers, in the program's display order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CareerListDto {
    pub careers: Vec<CareerDto>,
}

/// A career: its words per language and the pathways that lead there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CareerDto {
    /// Its name in addresses, such as `certified-nursing-assistant`.
    pub slug: String,
    /// English first, then each other language it is written in.
    pub texts: Vec<CareerTextDto>,
    /// Pathway codes (`GHS`, `AED`, `CIB`, `CPC`, `THC`), in the program table's order.
    pub pathways: Vec<String>,
}

/// A career's words in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CareerTextDto {
    /// `en`, `es` or `zh-Hant`.
    pub language: String,
    pub name: String,
    pub summary: String,
    /// What it takes to work in it; lines are paragraphs.
    pub requirements: String,
    pub training_time: String,
    /// An `https://` page to learn more, such as the state board's.
    pub learn_more_url: Option<String>,
}

/// A career with the catalog courses of the pathways that lead there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CareerDetailDto {
    #[serde(flatten)]
    pub career: CareerDto,
    /// Per pathway, a few of its courses in the catalog today and how many there are.
    pub courses: Vec<CareerPathwayCoursesDto>,
}

/// Catalog courses of one pathway that leads to a career.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CareerPathwayCoursesDto {
    pub pathway: String,
    /// The first few by title (see `/api/v1/courses?pathway=` for all).
    pub courses: Vec<CareerCourseDto>,
    /// How many of the pathway's courses are in the catalog today.
    pub total: u64,
}

/// A catalog course, by number and title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CareerCourseDto {
    pub course_number: String,
    pub title: String,
}

impl From<&CareerText> for CareerTextDto {
    fn from(t: &CareerText) -> Self {
        Self {
            language: t.language.tag().to_owned(),
            name: t.name.clone(),
            summary: t.summary.clone(),
            requirements: t.requirements.clone(),
            training_time: t.training_time.clone(),
            learn_more_url: t.learn_more_url.clone(),
        }
    }
}

impl From<&Career> for CareerDto {
    fn from(c: &Career) -> Self {
        Self {
            slug: c.slug.to_string(),
            texts: c.texts.iter().map(CareerTextDto::from).collect(),
            pathways: c.pathways.iter().map(|p| p.code().to_owned()).collect(),
        }
    }
}

/// The published healthcare careers.
#[utoipa::path(
    get,
    path = "/api/v1/careers",
    tag = "careers",
    responses(
        (status = 200, description = "The published careers", body = CareerListDto),
    )
)]
pub(super) async fn list(State(state): State<AppState>) -> Result<Json<CareerListDto>, WebError> {
    let careers = state.careers.published().await?;
    Ok(Json(CareerListDto {
        careers: careers.iter().map(CareerDto::from).collect(),
    }))
}

/// One published career, with catalog courses of the pathways that lead there.
#[utoipa::path(
    get,
    path = "/api/v1/careers/{slug}",
    tag = "careers",
    params(("slug" = String, Path, description = "The career's slug, such as certified-nursing-assistant")),
    responses(
        (status = 200, description = "The career", body = CareerDetailDto),
        (status = 404, description = "No published career has this slug", body = crate::error::ApiErrorBody),
    )
)]
pub(super) async fn detail(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Json<CareerDetailDto>, WebError> {
    let slug = career_slug(&slug)?;
    let career = state.careers.published_one(&slug).await?;
    let courses = state.careers.courses_toward(&career, state.today()).await?;
    Ok(Json(CareerDetailDto {
        career: CareerDto::from(&career),
        courses: courses
            .iter()
            .map(|b| CareerPathwayCoursesDto {
                pathway: b.pathway.code().to_owned(),
                courses: b
                    .courses
                    .iter()
                    .map(|c| CareerCourseDto {
                        course_number: c.course.number.to_string(),
                        title: c.course.title.clone(),
                    })
                    .collect(),
                total: b.total,
            })
            .collect(),
    }))
}

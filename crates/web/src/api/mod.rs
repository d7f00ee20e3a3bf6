//! The JSON API under `/api/v1`. Its response types are its own, apart from the store's row
//! and model types, so the database can change without changing what clients receive.

mod careers;
pub mod claims;
pub mod coaching;
mod courses;
pub mod outreach;
pub mod progress;
pub mod records;

use axum::Router;

use crate::AppState;

pub use careers::{
    CareerCourseDto, CareerDetailDto, CareerDto, CareerListDto, CareerPathwayCoursesDto,
    CareerTextDto,
};
pub use courses::{
    CourseDto, CourseListDto, CourseSummaryDto, SessionDto, VendorDto, VendorRefDto,
};

pub fn router() -> Router<AppState> {
    Router::new().nest(
        "/api/v1",
        courses::router()
            .merge(careers::router())
            .merge(records::router())
            .merge(progress::router())
            .merge(outreach::router())
            .merge(claims::router())
            .merge(coaching::router())
            .route("/openapi.json", axum::routing::get(openapi)),
    )
}

/// The API's description, served at `/api/v1/openapi.json`.
#[derive(Debug, utoipa::OpenApi)]
#[openapi(
    info(
        title = "Pathways API",
        description = "The IHSS Career Pathways program: the catalog, healthcare careers, registration, providers' \
                       records and progress toward the incentives, vendors' reports, coaching appointments and help tickets. Errors are `{\"error\": {\"code\", \
                       \"message\", \"field\"}}`, the message in the request's language."
    ),
    paths(
        courses::list,
        courses::detail,
        careers::list,
        careers::detail,
        records::provider,
        records::provider_attendance,
        progress::progress,
        outreach::outreach,
        claims::provider_claims,
        claims::submit_claim,
        claims::queue,
        claims::approve,
        claims::deny,
        claims::resubmit,
        claims::submit_incentive_claim,
        claims::approve_incentive,
        claims::deny_incentive,
        claims::resubmit_incentive,
        claims::approve_all,
        claims::batches,
        claims::create_batch,
        claims::batch_file,
        claims::confirm,
        claims::record_overpayment,
        claims::recoveries,
        claims::resend_recovery,
        claims::certificate,
        records::vendor_held,
        records::report_attendance,
        records::send_sessions,
        records::roster,
        records::register,
        records::cancel_registration,
        records::call_off,
        records::audit,
        coaching::open_times,
        coaching::appointments,
        coaching::book,
        coaching::cancel,
        coaching::move_appointment,
        coaching::desk,
        coaching::add_note,
        coaching::mark,
        coaching::ticket_queue,
        coaching::ask,
        coaching::ticket,
        coaching::reply,
        coaching::assign,
    ),
    modifiers(&SecuritySchemes)
)]
pub struct ApiDoc;

/// How callers prove who they are: a vendor system's bearer token, or a browser's session
/// cookie (changes also need the session's token in `X-CSRF-Token`).
#[derive(Debug)]
struct SecuritySchemes;

impl utoipa::Modify for SecuritySchemes {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{
            ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme,
        };
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "A vendor's API token (pwt_…), made on the vendor's token page",
                    ))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new(
                crate::session::SESSION_COOKIE,
            ))),
        );
    }
}

async fn openapi() -> axum::response::Response {
    use axum::response::IntoResponse;
    use utoipa::OpenApi;
    (
        [(axum::http::header::CACHE_CONTROL, "public, max-age=3600")],
        axum::Json(ApiDoc::openapi()),
    )
        .into_response()
}

//! `GET /api/v1/incentives/outreach`: the outreach list as JSON, for the same callers and with
//! the same county rule as the page (county staff: their own county only).

use axum::extract::{Query, State};
use axum::routing::get;
use axum::{Json, Router};
use pathways_app::outreach::OutreachView;
use pathways_domain::error::format_date;
use serde::{Deserialize, Serialize};
use time::format_description::well_known::Rfc3339;

use crate::AppState;
use crate::error::WebError;
use crate::pages::outreach::county_param;
use crate::session::ApiCaller;

pub fn router() -> Router<AppState> {
    Router::new().route("/incentives/outreach", get(outreach))
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct OutreachDto {
    /// The day incentives were evaluated for (ISO 8601).
    pub as_of: String,
    /// When the list was computed (RFC 3339, UTC); lists are kept a few minutes.
    pub computed_at: String,
    /// The county shown (two digits), or null for the whole state.
    pub county: Option<String>,
    pub providers: usize,
    /// The unclaimed amounts added up, in dollars with two places.
    pub total: String,
    /// By provider number, date and kind.
    pub entries: Vec<OutreachEntryDto>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct OutreachEntryDto {
    pub provider_number: String,
    pub first_name: String,
    pub last_name: String,
    pub county_code: String,
    /// The provider's language (BCP 47).
    pub language: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// `pathway`, `specialized-1-month` or `specialized-6-months`.
    pub kind: &'static str,
    pub pathway: &'static str,
    pub qualified_on: String,
    pub amount: String,
    pub policy_version: String,
}

impl From<&OutreachView> for OutreachDto {
    fn from(view: &OutreachView) -> Self {
        Self {
            as_of: format_date(view.as_of),
            computed_at: view.computed_at.format(&Rfc3339).unwrap_or_default(),
            county: view.county.map(|c| format!("{:02}", c.get())),
            providers: view.providers,
            total: view.total.to_string(),
            entries: view
                .entries
                .iter()
                .map(|e| OutreachEntryDto {
                    provider_number: e.contact.provider.to_string(),
                    first_name: e.contact.first_name.clone(),
                    last_name: e.contact.last_name.clone(),
                    county_code: format!("{:02}", e.contact.county.get()),
                    language: e.contact.language.clone(),
                    phone: e.contact.phone.clone(),
                    email: e.contact.email.clone(),
                    kind: e.earned.kind.code(),
                    pathway: e.earned.pathway.code(),
                    qualified_on: format_date(e.earned.qualified_on),
                    amount: e.earned.amount.to_string(),
                    policy_version: e.earned.policy_version.clone(),
                })
                .collect(),
        }
    }
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub(super) struct OutreachQuery {
    /// Only this county (two digits, 01 to 58); county staff always get their own.
    county: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/incentives/outreach", tag = "incentives",
    params(OutreachQuery),
    responses((status = 200, body = OutreachDto), (status = 400, body = crate::error::ApiErrorBody),
        (status = 401, body = crate::error::ApiErrorBody), (status = 403, body = crate::error::ApiErrorBody)),
    security(("session" = []), ("token" = [])))]
pub(super) async fn outreach(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Query(query): Query<OutreachQuery>,
) -> Result<Json<OutreachDto>, WebError> {
    let county = county_param(query.county)?;
    let view = state.outreach.list(&caller, county, state.today()).await?;
    Ok(Json(OutreachDto::from(&view)))
}

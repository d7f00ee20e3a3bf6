//! Claims and payroll in the JSON API, for the same callers as the pages: a provider's claims
//! and payments (and claiming, with the session's form token), the review queue and decisions,
//! payroll batches, their files and payroll's confirmations. Refusals are 422 with the rule's
//! code, so a client can say why in its own words.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use pathways_app::claims::ClaimError;
use pathways_app::incentives::IncentiveError;
use pathways_app::payroll::{DenialReason, PayrollError};
use pathways_domain::error::format_date;
use pathways_domain::ids::{CaseNumber, CourseNumber};
use pathways_domain::incentive::IncentiveKind;
use pathways_domain::pathway::Pathway;
use pathways_domain::quantity::Hours;
use pathways_store::{
    ClaimDecision, ClaimRef, IncentiveClaimRecord, PaymentRecord, PayrollBatch, RecoveryRecord,
    TrainingClaimRecord,
};
use serde::{Deserialize, Serialize};
use time::format_description::well_known::Rfc3339;

use crate::AppState;
use crate::error::WebError;
use crate::pages::outreach::county_param;
use crate::pages::staff::provider_number;
use crate::session::ApiCaller;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/providers/{number}/claims",
            get(provider_claims).post(submit_claim),
        )
        .route("/claims/queue", get(queue))
        .route("/claims/approve-all", post(approve_all))
        .route("/claims/{id}/approve", post(approve))
        .route("/claims/{id}/deny", post(deny))
        .route("/claims/{id}/resubmit", post(resubmit))
        .route(
            "/providers/{number}/incentive-claims",
            post(submit_incentive_claim),
        )
        .route("/incentive-claims/{id}/approve", post(approve_incentive))
        .route("/incentive-claims/{id}/deny", post(deny_incentive))
        .route("/incentive-claims/{id}/resubmit", post(resubmit_incentive))
        .route("/payroll/batches", get(batches).post(create_batch))
        .route("/payroll/batches/{id}/file", get(batch_file))
        .route("/payroll/confirmations", post(confirm))
        .route("/payroll/overpayments", post(record_overpayment))
        .route("/payroll/recoveries", get(recoveries))
        .route("/payroll/recoveries/{id}/resend", post(resend_recovery))
        .route("/certificates/{number}", get(certificate))
}

fn rfc3339(at: time::OffsetDateTime) -> String {
    at.format(&Rfc3339).unwrap_or_default()
}

/// A claim for training pay, its review and its payment.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ClaimDto {
    pub claim_id: i64,
    pub provider_number: String,
    pub course_number: String,
    /// The course's completion date, the training date (ISO 8601).
    pub trained_on: String,
    pub case_number: String,
    pub county_code: String,
    pub hours: String,
    /// Hours paid at the overtime multiplier.
    pub overtime_hours: String,
    /// The county's hourly rate on the training date, in dollars.
    pub rate: String,
    pub amount: String,
    pub policy_version: String,
    /// How the amount was worked out (English).
    pub working: String,
    /// `submitted`, `approved`, `denied`, `paid` or `rejected` (returned by payroll).
    pub state: String,
    pub submitted_at: String,
    pub decision: Option<DecisionDto>,
    pub payment: Option<PaymentDto>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct DecisionDto {
    pub decided_at: String,
    pub decided_by: String,
    /// A denial's rule code, or `other` (see `denial_note`).
    pub denial_rule: Option<String>,
    pub denial_note: Option<String>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct PaymentDto {
    pub payment_id: i64,
    pub batch_id: i64,
    pub pay_period: String,
    /// `pending` (in an exported batch, not confirmed yet), `paid` or `rejected`.
    pub status: String,
    pub reason: Option<String>,
    pub confirmed_at: Option<String>,
}

impl From<&TrainingClaimRecord> for ClaimDto {
    fn from(c: &TrainingClaimRecord) -> Self {
        Self {
            claim_id: c.id,
            provider_number: c.provider.to_string(),
            course_number: c.course.to_string(),
            trained_on: format_date(c.trained_on),
            case_number: c.case.to_string(),
            county_code: format!("{:02}", c.county.get()),
            hours: c.hours.to_string(),
            overtime_hours: c.overtime.to_string(),
            rate: c.rate.to_string(),
            amount: c.amount.to_string(),
            policy_version: c.policy_version.clone(),
            working: c.explanation.clone(),
            state: c.state.clone(),
            submitted_at: rfc3339(c.submitted_at),
            decision: c.decision.as_ref().map(DecisionDto::from),
            payment: c.payment.as_ref().map(PaymentDto::from),
        }
    }
}

impl From<&ClaimDecision> for DecisionDto {
    fn from(d: &ClaimDecision) -> Self {
        Self {
            decided_at: rfc3339(d.at),
            decided_by: d.by.clone(),
            denial_rule: d.denial_rule.clone(),
            denial_note: d.denial_note.clone(),
        }
    }
}

impl From<&PaymentRecord> for PaymentDto {
    fn from(p: &PaymentRecord) -> Self {
        Self {
            payment_id: p.id,
            batch_id: p.batch,
            pay_period: format_date(p.pay_period),
            status: p.status.clone(),
            reason: p.reason.clone(),
            confirmed_at: p.confirmed_at.map(rfc3339),
        }
    }
}

/// A claim of an incentive, its review and its payment.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct IncentiveClaimDto {
    pub claim_id: i64,
    pub provider_number: String,
    pub provider_name: String,
    /// `pathway`, `specialized-1-month` or `specialized-6-months`.
    pub kind: String,
    /// The pathway completed (a specialized-care incentive: the Category 2 pathway).
    pub pathway: String,
    /// The date the incentive was earned (ISO 8601).
    pub qualified_on: String,
    pub amount: String,
    pub policy_version: String,
    /// The provider's county when the claim was made.
    pub county_code: String,
    /// `submitted`, `approved`, `denied`, `paid` or `rejected` (returned by payroll).
    pub state: String,
    pub claimed_at: String,
    pub decision: Option<DecisionDto>,
    pub payment: Option<PaymentDto>,
}

impl From<&IncentiveClaimRecord> for IncentiveClaimDto {
    fn from(c: &IncentiveClaimRecord) -> Self {
        Self {
            claim_id: c.id,
            provider_number: c.incentive.provider.to_string(),
            provider_name: c.provider_name.clone(),
            kind: c.incentive.kind.code().to_owned(),
            pathway: c.incentive.pathway.code().to_owned(),
            qualified_on: format_date(c.incentive.qualified_on),
            amount: c.incentive.amount.to_string(),
            policy_version: c.incentive.policy_version.clone(),
            county_code: format!("{:02}", c.county.get()),
            state: c.state.clone(),
            claimed_at: rfc3339(c.incentive.claimed_at),
            decision: c.decision.as_ref().map(DecisionDto::from),
            payment: c.payment.as_ref().map(PaymentDto::from),
        }
    }
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct YearTotalDto {
    pub year: i32,
    pub payments: u64,
    pub paid: String,
    /// Overpayments taken back in pay periods of the year.
    pub recovered: String,
}

/// An overpayment recorded against a paid payment and taken back from later pay.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct RecoveryDto {
    pub recovery_id: i64,
    pub provider_number: String,
    /// The payment that paid too much.
    pub overpaid_payment_id: i64,
    pub amount: String,
    pub reason: String,
    pub recorded_at: String,
    pub recorded_by: String,
    /// `recorded`, `recovered` or `returned` (payroll could not deduct it).
    pub state: String,
    /// The deduction's line in a batch, with payroll's word.
    pub payment: Option<PaymentDto>,
}

impl From<&RecoveryRecord> for RecoveryDto {
    fn from(r: &RecoveryRecord) -> Self {
        Self {
            recovery_id: r.id,
            provider_number: r.provider.to_string(),
            overpaid_payment_id: r.overpaid_payment,
            amount: r.amount.to_string(),
            reason: r.reason.clone(),
            recorded_at: rfc3339(r.recorded_at),
            recorded_by: r.recorded_by.clone(),
            state: r.state.clone(),
            payment: r.payment.as_ref().map(PaymentDto::from),
        }
    }
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ProviderClaimsDto {
    /// Newest training first.
    pub claims: Vec<ClaimDto>,
    /// Newest first.
    pub incentive_claims: Vec<IncentiveClaimDto>,
    /// Overpayments taken back from her pay, newest first.
    pub recoveries: Vec<RecoveryDto>,
    /// Paid amounts by pay-period year, newest first.
    pub years: Vec<YearTotalDto>,
}

fn refusal(code: &str, message: String) -> Response {
    (
        StatusCode::UNPROCESSABLE_ENTITY,
        Json(serde_json::json!({"error": {"code": code, "message": message}})),
    )
        .into_response()
}

/// `GET /api/v1/providers/{number}/claims`: a provider's claims and payments.
#[utoipa::path(get, path = "/api/v1/providers/{number}/claims", tag = "claims",
    params(("number" = String, Path)),
    responses((status = 200, body = ProviderClaimsDto), (status = 401, body = crate::error::ApiErrorBody),
        (status = 403, body = crate::error::ApiErrorBody), (status = 404, body = crate::error::ApiErrorBody)),
    security(("session" = []), ("token" = [])))]
pub(super) async fn provider_claims(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(number): Path<String>,
) -> Result<Json<ProviderClaimsDto>, WebError> {
    let provider = provider_number(&number)?;
    let history = state.claims.history(&caller, provider).await?;
    Ok(Json(ProviderClaimsDto {
        years: pathways_app::claims::totals_per_year(&history)
            .into_iter()
            .map(|y| YearTotalDto {
                year: y.year,
                payments: y.payments,
                paid: y.paid.to_string(),
                recovered: y.recovered.to_string(),
            })
            .collect(),
        claims: history.claims.iter().map(ClaimDto::from).collect(),
        incentive_claims: history
            .incentives
            .iter()
            .map(IncentiveClaimDto::from)
            .collect(),
        recoveries: history.recoveries.iter().map(RecoveryDto::from).collect(),
    }))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct IncentiveClaimInput {
    /// `pathway`, `specialized-1-month` or `specialized-6-months`.
    pub kind: String,
    /// For a pathway incentive, the pathway's code.
    pub pathway: Option<String>,
}

/// `POST /api/v1/providers/{number}/incentive-claims`: the provider claims an incentive they
/// earned, once. 422 `not-earned` when the records do not show it earned; 409 when claimed.
#[utoipa::path(post, path = "/api/v1/providers/{number}/incentive-claims", tag = "claims",
    params(("number" = String, Path), ("X-CSRF-Token" = String, Header, description = "The session's CSRF token")),
    request_body = IncentiveClaimInput,
    responses((status = 201, body = IncentiveClaimDto), (status = 409, body = Object),
        (status = 422, body = Object),
        (status = 400, body = crate::error::ApiErrorBody), (status = 401, body = crate::error::ApiErrorBody),
        (status = 403, body = crate::error::ApiErrorBody), (status = 404, body = crate::error::ApiErrorBody)),
    security(("session" = [])))]
pub(super) async fn submit_incentive_claim(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(number): Path<String>,
    Json(input): Json<IncentiveClaimInput>,
) -> Result<Response, WebError> {
    let provider = provider_number(&number)?;
    let kind = IncentiveKind::parse(&input.kind).map_err(|_| WebError::BadForm)?;
    let pathway = input
        .pathway
        .as_deref()
        .map(Pathway::parse)
        .transpose()
        .map_err(|_| WebError::BadForm)?;
    match state
        .incentives
        .claim(&caller, provider, kind, pathway, state.today())
        .await
    {
        Ok(Some(id)) => {
            let claim = state.payroll.incentive_claim(&caller, id).await?;
            Ok((StatusCode::CREATED, Json(IncentiveClaimDto::from(&claim))).into_response())
        }
        Ok(None) => Ok(conflict(
            "claimed-before",
            "this incentive was claimed before".into(),
        )),
        Err(e @ IncentiveError::NotEarned { .. }) => Ok(refusal("not-earned", e.to_string())),
        Err(other) => Err(other.into()),
    }
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct ClaimInput {
    pub course_number: String,
    /// The completion date of the course (ISO 8601).
    pub completed_on: String,
    /// The recipient's case the claim is made under.
    pub case_number: String,
    pub hours: String,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct SubmittedClaimDto {
    pub claim_id: i64,
    pub amount: String,
    pub working: String,
}

/// `POST /api/v1/providers/{number}/claims`: the provider claims the training pay of one
/// completed course. A refusal is 422 with the rule's code.
#[utoipa::path(post, path = "/api/v1/providers/{number}/claims", tag = "claims",
    params(("number" = String, Path), ("X-CSRF-Token" = String, Header, description = "The session's CSRF token")),
    request_body = ClaimInput,
    responses((status = 201, body = SubmittedClaimDto),
        (status = 422, description = "A rule refused it; the code names the rule", body = Object),
        (status = 400, body = crate::error::ApiErrorBody), (status = 401, body = crate::error::ApiErrorBody),
        (status = 403, body = crate::error::ApiErrorBody), (status = 404, body = crate::error::ApiErrorBody)),
    security(("session" = [])))]
pub(super) async fn submit_claim(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(number): Path<String>,
    Json(input): Json<ClaimInput>,
) -> Result<Response, WebError> {
    let provider = provider_number(&number)?;
    let course = CourseNumber::parse(&input.course_number).map_err(|_| WebError::BadForm)?;
    let trained_on =
        pathways_domain::error::parse_date(&input.completed_on).map_err(|_| WebError::BadForm)?;
    let case = CaseNumber::parse(&input.case_number).map_err(|_| WebError::BadForm)?;
    let hours = Hours::parse(&input.hours, Hours::whole(24)).map_err(|_| WebError::BadForm)?;
    match state
        .claims
        .submit_training(
            &caller,
            provider,
            course,
            trained_on,
            case,
            hours,
            state.today(),
        )
        .await
    {
        Ok(claim) => Ok((
            StatusCode::CREATED,
            Json(SubmittedClaimDto {
                claim_id: claim.id,
                amount: claim.amount.to_string(),
                working: claim.explanation,
            }),
        )
            .into_response()),
        Err(ClaimError::Refused(why)) => Ok(refusal(why.rule.code(), why.detail)),
        Err(other) => Err(other.into()),
    }
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct QueuedClaimDto {
    pub provider_name: String,
    #[serde(flatten)]
    pub claim: ClaimDto,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ReviewQueueDto {
    /// The county shown (two digits), or null for the whole state.
    pub county: Option<String>,
    /// Submitted claims in all, and their amount.
    pub waiting: u64,
    pub waiting_amount: String,
    /// Whether the caller may approve and deny.
    pub may_decide: bool,
    /// A page, oldest first; the next page starts after the last `claim_id`.
    pub claims: Vec<QueuedClaimDto>,
    /// The first submitted incentive claims (up to `limit`), oldest first.
    pub incentive_claims: Vec<IncentiveClaimDto>,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub(super) struct QueueQuery {
    /// Only this county (two digits); county staff always get their own.
    county: Option<String>,
    /// Claims numbered after this one.
    after: Option<i64>,
    /// At most this many (default 100, at most 1,000).
    limit: Option<u32>,
}

/// `GET /api/v1/claims/queue`: the claims waiting for review.
#[utoipa::path(get, path = "/api/v1/claims/queue", tag = "claims", params(QueueQuery),
    responses((status = 200, body = ReviewQueueDto), (status = 400, body = crate::error::ApiErrorBody),
        (status = 401, body = crate::error::ApiErrorBody), (status = 403, body = crate::error::ApiErrorBody)),
    security(("session" = []), ("token" = [])))]
pub(super) async fn queue(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Query(query): Query<QueueQuery>,
) -> Result<Json<ReviewQueueDto>, WebError> {
    let county = county_param(query.county)?;
    let queue = state
        .payroll
        .queue(
            &caller,
            county,
            query.after.unwrap_or(0),
            query.limit.unwrap_or(100).min(1_000),
        )
        .await?;
    Ok(Json(ReviewQueueDto {
        county: queue.county.map(|c| format!("{:02}", c.get())),
        waiting: queue.waiting,
        waiting_amount: queue.waiting_amount.to_string(),
        may_decide: queue.may_decide,
        claims: queue
            .claims
            .iter()
            .map(|q| QueuedClaimDto {
                provider_name: q.provider_name.clone(),
                claim: ClaimDto::from(&q.claim),
            })
            .collect(),
        incentive_claims: queue
            .incentives
            .iter()
            .map(IncentiveClaimDto::from)
            .collect(),
    }))
}

fn conflict(code: &str, message: String) -> Response {
    (
        StatusCode::CONFLICT,
        Json(serde_json::json!({"error": {"code": code, "message": message}})),
    )
        .into_response()
}

fn decision_error(error: PayrollError) -> Result<Response, WebError> {
    match error {
        PayrollError::Refused { refusal: why, .. } => Ok(refusal(why.rule.code(), why.detail)),
        e @ (PayrollError::NotSubmitted { .. } | PayrollError::NotReturned { .. }) => {
            Ok(conflict("not-submitted", e.to_string()))
        }
        e @ PayrollError::NoteNeeded => Ok(refusal("note-needed", e.to_string())),
        e @ PayrollError::NotEarned { .. } => Ok(refusal("not-earned", e.to_string())),
        e @ PayrollError::RuleNotForKind { .. } => Ok(refusal("unknown-rule", e.to_string())),
        other => Err(other.into()),
    }
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ApprovalDto {
    pub claim_id: i64,
    pub amount: String,
    /// The amount at submission, when today's facts changed it.
    pub repriced_from: Option<String>,
}

/// `POST /api/v1/claims/{id}/approve`: approves a submitted claim that passes every rule on
/// today's facts (422 with the failing rule's code otherwise; 409 when already decided).
#[utoipa::path(post, path = "/api/v1/claims/{id}/approve", tag = "claims",
    params(("id" = i64, Path), ("X-CSRF-Token" = String, Header, description = "The session's CSRF token")),
    responses((status = 200, body = ApprovalDto), (status = 409, body = Object), (status = 422, body = Object),
        (status = 401, body = crate::error::ApiErrorBody), (status = 403, body = crate::error::ApiErrorBody),
        (status = 404, body = crate::error::ApiErrorBody)),
    security(("session" = [])))]
pub(super) async fn approve(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    match state.payroll.approve(&caller, id).await {
        Ok(a) => Ok(Json(ApprovalDto {
            claim_id: a.id,
            amount: a.amount.to_string(),
            repriced_from: a.repriced_from.map(|m| m.to_string()),
        })
        .into_response()),
        Err(e) => decision_error(e),
    }
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct DenialInput {
    /// A rule's code, or `other` with a note.
    pub rule: String,
    pub note: Option<String>,
}

/// `POST /api/v1/claims/{id}/deny`: denies a submitted claim naming the rule (or `other` with
/// a note the provider reads).
#[utoipa::path(post, path = "/api/v1/claims/{id}/deny", tag = "claims",
    params(("id" = i64, Path), ("X-CSRF-Token" = String, Header, description = "The session's CSRF token")),
    request_body = DenialInput,
    responses((status = 204, description = "Denied"), (status = 409, body = Object), (status = 422, body = Object),
        (status = 400, body = crate::error::ApiErrorBody), (status = 401, body = crate::error::ApiErrorBody),
        (status = 403, body = crate::error::ApiErrorBody), (status = 404, body = crate::error::ApiErrorBody)),
    security(("session" = [])))]
pub(super) async fn deny(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<i64>,
    Json(input): Json<DenialInput>,
) -> Result<Response, WebError> {
    deny_claim(&state, &caller, ClaimRef::Training(id), &input).await
}

async fn deny_claim(
    state: &AppState,
    caller: &pathways_app::access::Caller,
    claim: ClaimRef,
    input: &DenialInput,
) -> Result<Response, WebError> {
    let Some(reason) = DenialReason::parse(&input.rule, input.note.as_deref()) else {
        return Ok(refusal(
            "unknown-rule",
            format!("{:?} is not a rule's code", input.rule),
        ));
    };
    match state.payroll.deny(caller, claim, &reason).await {
        Ok(()) => Ok(StatusCode::NO_CONTENT.into_response()),
        Err(e) => decision_error(e),
    }
}

/// `POST /api/v1/claims/{id}/resubmit`: sends a claim payroll returned back to review (the
/// provider whose claim it is, or program staff); 409 unless it was returned.
#[utoipa::path(post, path = "/api/v1/claims/{id}/resubmit", tag = "claims",
    params(("id" = i64, Path), ("X-CSRF-Token" = String, Header, description = "The session's CSRF token")),
    responses((status = 204, description = "Back in the review queue"), (status = 409, body = Object),
        (status = 401, body = crate::error::ApiErrorBody), (status = 403, body = crate::error::ApiErrorBody),
        (status = 404, body = crate::error::ApiErrorBody)),
    security(("session" = [])))]
pub(super) async fn resubmit(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    match state
        .payroll
        .resubmit(&caller, ClaimRef::Training(id))
        .await
    {
        Ok(()) => Ok(StatusCode::NO_CONTENT.into_response()),
        Err(e) => decision_error(e),
    }
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct LeftClaimDto {
    pub claim_id: i64,
    pub rule: &'static str,
    pub detail: String,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct BulkApprovalDto {
    pub approved: u64,
    pub repriced: u64,
    /// Claims that fail a rule today and stay submitted.
    pub left: Vec<LeftClaimDto>,
    pub incentives_approved: u64,
    /// Incentive claims the records no longer show earned; they stay submitted.
    pub incentives_left: Vec<LeftClaimDto>,
}

/// `POST /api/v1/incentive-claims/{id}/approve`: approves a submitted incentive claim when
/// the provider's records still show it earned on that date for that amount (422
/// `not-earned` otherwise; 409 when already decided).
#[utoipa::path(post, path = "/api/v1/incentive-claims/{id}/approve", tag = "claims",
    params(("id" = i64, Path), ("X-CSRF-Token" = String, Header, description = "The session's CSRF token")),
    responses((status = 200, body = IncentiveClaimDto), (status = 409, body = Object), (status = 422, body = Object),
        (status = 401, body = crate::error::ApiErrorBody), (status = 403, body = crate::error::ApiErrorBody),
        (status = 404, body = crate::error::ApiErrorBody)),
    security(("session" = [])))]
pub(super) async fn approve_incentive(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    match state
        .payroll
        .approve_incentive(&caller, id, state.today())
        .await
    {
        Ok(claim) => Ok(Json(IncentiveClaimDto::from(&claim)).into_response()),
        Err(e) => decision_error(e),
    }
}

/// `POST /api/v1/incentive-claims/{id}/deny`: denies a submitted incentive claim (`rule`
/// `not-earned`, or `other` with a note the provider reads).
#[utoipa::path(post, path = "/api/v1/incentive-claims/{id}/deny", tag = "claims",
    params(("id" = i64, Path), ("X-CSRF-Token" = String, Header, description = "The session's CSRF token")),
    request_body = DenialInput,
    responses((status = 204, description = "Denied"), (status = 409, body = Object), (status = 422, body = Object),
        (status = 400, body = crate::error::ApiErrorBody), (status = 401, body = crate::error::ApiErrorBody),
        (status = 403, body = crate::error::ApiErrorBody), (status = 404, body = crate::error::ApiErrorBody)),
    security(("session" = [])))]
pub(super) async fn deny_incentive(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<i64>,
    Json(input): Json<DenialInput>,
) -> Result<Response, WebError> {
    deny_claim(&state, &caller, ClaimRef::Incentive(id), &input).await
}

/// `POST /api/v1/incentive-claims/{id}/resubmit`: sends an incentive claim payroll returned
/// back to review; 409 unless it was returned.
#[utoipa::path(post, path = "/api/v1/incentive-claims/{id}/resubmit", tag = "claims",
    params(("id" = i64, Path), ("X-CSRF-Token" = String, Header, description = "The session's CSRF token")),
    responses((status = 204, description = "Back in the review queue"), (status = 409, body = Object),
        (status = 401, body = crate::error::ApiErrorBody), (status = 403, body = crate::error::ApiErrorBody),
        (status = 404, body = crate::error::ApiErrorBody)),
    security(("session" = [])))]
pub(super) async fn resubmit_incentive(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    match state
        .payroll
        .resubmit(&caller, ClaimRef::Incentive(id))
        .await
    {
        Ok(()) => Ok(StatusCode::NO_CONTENT.into_response()),
        Err(e) => decision_error(e),
    }
}

/// `POST /api/v1/claims/approve-all`: approves every submitted claim that passes all the rules.
#[utoipa::path(post, path = "/api/v1/claims/approve-all", tag = "claims",
    params(("X-CSRF-Token" = String, Header, description = "The session's CSRF token")),
    responses((status = 200, body = BulkApprovalDto), (status = 401, body = crate::error::ApiErrorBody),
        (status = 403, body = crate::error::ApiErrorBody)),
    security(("session" = [])))]
pub(super) async fn approve_all(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
) -> Result<Json<BulkApprovalDto>, WebError> {
    let bulk = state
        .payroll
        .approve_all(&caller, state.today(), &|_| {})
        .await?;
    Ok(Json(BulkApprovalDto {
        approved: bulk.approved,
        repriced: bulk.repriced,
        incentives_approved: bulk.incentives_approved,
        incentives_left: bulk
            .incentives_left
            .into_iter()
            .map(|(claim_id, why)| LeftClaimDto {
                claim_id,
                rule: DenialReason::NOT_EARNED,
                detail: why,
            })
            .collect(),
        left: bulk
            .left
            .into_iter()
            .map(|(claim_id, why)| LeftClaimDto {
                claim_id,
                rule: why.rule.code(),
                detail: why.detail,
            })
            .collect(),
    }))
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct BatchDto {
    pub batch_id: i64,
    pub pay_period: String,
    pub first_payment_id: i64,
    pub last_payment_id: i64,
    pub payments: u64,
    /// What the batch pays (training pay and incentives).
    pub total: String,
    /// What the batch's recoveries take back, apart from `total`.
    pub recovered: String,
    pub created_at: String,
    pub created_by: String,
    pub exported_at: Option<String>,
}

impl From<&PayrollBatch> for BatchDto {
    fn from(b: &PayrollBatch) -> Self {
        Self {
            batch_id: b.id,
            pay_period: format_date(b.pay_period),
            first_payment_id: b.first_payment,
            last_payment_id: b.last_payment,
            payments: b.payment_count,
            total: b.total.to_string(),
            recovered: b.recovered.to_string(),
            created_at: rfc3339(b.created_at),
            created_by: b.created_by.clone(),
            exported_at: b.exported_at.map(rfc3339),
        }
    }
}

/// `GET /api/v1/payroll/batches`: every payroll batch, newest first.
#[utoipa::path(get, path = "/api/v1/payroll/batches", tag = "payroll",
    responses((status = 200, body = Vec<BatchDto>), (status = 401, body = crate::error::ApiErrorBody),
        (status = 403, body = crate::error::ApiErrorBody)),
    security(("session" = []), ("token" = [])))]
pub(super) async fn batches(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
) -> Result<Json<Vec<BatchDto>>, WebError> {
    let batches = state.payroll.batches(&caller).await?;
    Ok(Json(batches.iter().map(BatchDto::from).collect()))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct BatchInput {
    /// The pay period's date (ISO 8601).
    pub pay_period: String,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct OverpaymentInput {
    /// The payment that paid too much (payroll confirmed it paid).
    pub payment_id: i64,
    /// How much too much, in dollars (`25.00`).
    pub amount: String,
    /// Why, in words the provider will read.
    pub reason: String,
}

/// `POST /api/v1/payroll/overpayments`: records an overpayment against a paid payment; it is
/// taken back by a deduction line in the next batch (201). 422 when the payment is unknown,
/// not confirmed paid, or the amount is more than it paid less what was recovered already.
#[utoipa::path(post, path = "/api/v1/payroll/overpayments", tag = "payroll",
    params(("X-CSRF-Token" = String, Header, description = "The session's CSRF token")),
    request_body = OverpaymentInput,
    responses((status = 201, body = RecoveryDto), (status = 422, body = Object),
        (status = 400, body = crate::error::ApiErrorBody), (status = 401, body = crate::error::ApiErrorBody),
        (status = 403, body = crate::error::ApiErrorBody)),
    security(("session" = [])))]
pub(super) async fn record_overpayment(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Json(input): Json<OverpaymentInput>,
) -> Result<Response, WebError> {
    let Ok(amount) = pathways_domain::quantity::Money::parse(&input.amount) else {
        return Ok(refusal(
            "bad-amount",
            format!("{:?} is not an amount in dollars", input.amount),
        ));
    };
    match state
        .payroll
        .record_overpayment(&caller, input.payment_id, amount, &input.reason)
        .await
    {
        Ok(recovery) => {
            Ok((StatusCode::CREATED, Json(RecoveryDto::from(&recovery))).into_response())
        }
        Err(e @ PayrollError::NoSuchPayment(_)) => Ok(refusal("unknown-payment", e.to_string())),
        Err(e @ PayrollError::NotPaid(_)) => Ok(refusal("not-paid", e.to_string())),
        Err(e @ PayrollError::MoreThanPaid { .. }) => Ok(refusal("more-than-paid", e.to_string())),
        Err(e @ PayrollError::RecoveryIncomplete) => Ok(refusal("incomplete", e.to_string())),
        Err(other) => Err(other.into()),
    }
}

/// `GET /api/v1/payroll/recoveries`: the latest 200 recoveries, newest first.
#[utoipa::path(get, path = "/api/v1/payroll/recoveries", tag = "payroll",
    responses((status = 200, body = Vec<RecoveryDto>), (status = 401, body = crate::error::ApiErrorBody),
        (status = 403, body = crate::error::ApiErrorBody)),
    security(("session" = []), ("token" = [])))]
pub(super) async fn recoveries(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
) -> Result<Json<Vec<RecoveryDto>>, WebError> {
    Ok(Json(
        state
            .payroll
            .recoveries(&caller, 200)
            .await?
            .iter()
            .map(RecoveryDto::from)
            .collect(),
    ))
}

/// `POST /api/v1/payroll/recoveries/{id}/resend`: sends a recovery payroll returned again, for
/// the next batch; 409 unless it was returned.
#[utoipa::path(post, path = "/api/v1/payroll/recoveries/{id}/resend", tag = "payroll",
    params(("id" = i64, Path), ("X-CSRF-Token" = String, Header, description = "The session's CSRF token")),
    responses((status = 204, description = "Numbered for the next batch"), (status = 409, body = Object),
        (status = 401, body = crate::error::ApiErrorBody), (status = 403, body = crate::error::ApiErrorBody),
        (status = 404, body = crate::error::ApiErrorBody)),
    security(("session" = [])))]
pub(super) async fn resend_recovery(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    match state.payroll.resend_recovery(&caller, id).await {
        Ok(()) => Ok(StatusCode::NO_CONTENT.into_response()),
        Err(e @ PayrollError::RecoveryNotReturned { .. }) => {
            Ok(conflict("not-returned", e.to_string()))
        }
        Err(other) => Err(other.into()),
    }
}

/// `POST /api/v1/payroll/batches`: collects every approved claim not yet in a batch into a new
/// batch (201), or answers 204 when none is waiting.
#[utoipa::path(post, path = "/api/v1/payroll/batches", tag = "payroll",
    params(("X-CSRF-Token" = String, Header, description = "The session's CSRF token")),
    request_body = BatchInput,
    responses((status = 201, body = BatchDto), (status = 204, description = "No approved claim is waiting"),
        (status = 400, body = crate::error::ApiErrorBody), (status = 401, body = crate::error::ApiErrorBody),
        (status = 403, body = crate::error::ApiErrorBody)),
    security(("session" = [])))]
pub(super) async fn create_batch(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Json(input): Json<BatchInput>,
) -> Result<Response, WebError> {
    let period =
        pathways_domain::error::parse_date(&input.pay_period).map_err(|_| WebError::BadForm)?;
    Ok(match state.payroll.create_batch(&caller, period).await? {
        Some(batch) => (StatusCode::CREATED, Json(BatchDto::from(&batch))).into_response(),
        None => StatusCode::NO_CONTENT.into_response(),
    })
}

/// `GET /api/v1/payroll/batches/{id}/file`: the batch's file for the state payroll system
/// (CSV, DOMAIN.md §8), the same bytes every time.
#[utoipa::path(get, path = "/api/v1/payroll/batches/{id}/file", tag = "payroll",
    params(("id" = i64, Path)),
    responses((status = 200, description = "The payroll export file", content_type = "text/csv", body = String),
        (status = 401, body = crate::error::ApiErrorBody), (status = 403, body = crate::error::ApiErrorBody),
        (status = 404, body = crate::error::ApiErrorBody)),
    security(("session" = []), ("token" = [])))]
pub(super) async fn batch_file(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let mut bytes = Vec::new();
    let batch = state.payroll.write_export(&caller, id, &mut bytes).await?;
    state.payroll.record_download(&caller, &batch).await?;
    Ok(([(CONTENT_TYPE, "text/csv; charset=utf-8")], bytes).into_response())
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ConfirmationDto {
    pub paid: u64,
    pub rejected: u64,
    /// Rows that repeated what was recorded already.
    pub unchanged: u64,
}

/// `POST /api/v1/payroll/confirmations`: payroll's confirmation file (CSV body,
/// `payment_id,status,reason`): all rows apply, or none (422 listing every problem by line).
#[utoipa::path(post, path = "/api/v1/payroll/confirmations", tag = "payroll",
    params(("X-CSRF-Token" = String, Header, description = "The session's CSRF token")),
    request_body(content = String, content_type = "text/csv"),
    responses((status = 200, body = ConfirmationDto), (status = 422, body = Object),
        (status = 401, body = crate::error::ApiErrorBody), (status = 403, body = crate::error::ApiErrorBody)),
    security(("session" = [])))]
pub(super) async fn confirm(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    body: axum::body::Bytes,
) -> Result<Response, WebError> {
    match state
        .payroll
        .confirm(&caller, body.as_ref(), "api upload")
        .await
    {
        Ok(s) => Ok(Json(ConfirmationDto {
            paid: s.paid,
            rejected: s.rejected,
            unchanged: s.unchanged,
        })
        .into_response()),
        Err(PayrollError::Confirmation(problems)) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            Json(serde_json::json!({"error": {
                "code": "confirmation-file",
                "message": "the confirmation file has problems; nothing was changed",
                "problems": problems.iter().map(ToString::to_string).collect::<Vec<_>>(),
            }})),
        )
            .into_response()),
        Err(other) => Err(other.into()),
    }
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CertificateDto {
    pub certificate_number: String,
    /// The name as the certificate prints it.
    pub name: String,
    pub course_number: String,
    pub course_title: String,
    pub pathway: String,
    pub hours: String,
    pub completed_on: String,
    pub vendor: String,
}

/// `GET /api/v1/certificates/{number}`: whether a certificate number is genuine, for anyone;
/// what the certificate shows, or 404.
#[utoipa::path(get, path = "/api/v1/certificates/{number}", tag = "claims",
    params(("number" = String, Path)),
    responses((status = 200, body = CertificateDto), (status = 404, body = crate::error::ApiErrorBody)))]
pub(super) async fn certificate(
    State(state): State<AppState>,
    Path(number): Path<String>,
) -> Result<Json<CertificateDto>, WebError> {
    let found = state
        .certificates
        .check(&number)
        .await?
        .ok_or(WebError::NotFound)?;
    Ok(Json(CertificateDto {
        certificate_number: found.number,
        name: format!("{} {}", found.first_name, found.last_name),
        course_number: found.course.to_string(),
        course_title: found.title,
        pathway: found.pathway,
        hours: found.hours.to_string(),
        completed_on: format_date(found.completed_on),
        vendor: found.vendor,
    }))
}

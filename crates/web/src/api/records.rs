//! The JSON API for records behind sign-in: a provider's summary and attendance, a vendor's
//! held attendance and attendance reports from a vendor's system, and the audit log. The caller
//! is a vendor's API token (`Authorization: Bearer …`) or, for reading, a signed-in session;
//! vendors' systems send attendance and sessions as the program's CSV files;
//! what each may see is decided by the application services.

use std::io::Cursor;

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use pathways_app::import::{ImportError, ImportKind, NoProgress, import_file};
use pathways_domain::access::Action;
use pathways_domain::error::format_date;
use pathways_store::AttendanceRecord;
use pathways_store::accounts::{AccountId, AuditQuery, AuditRecord};
use serde::Serialize;

use crate::AppState;
use crate::error::WebError;
use crate::filter::query_pairs;
use crate::pages::staff::{provider_number, require, session_id, vendor_code};
use crate::session::ApiCaller;

/// The largest attendance file the API takes in one request.
const MAX_ATTENDANCE_BYTES: usize = 64 * 1024 * 1024;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/providers/{number}", get(provider))
        .route("/providers/{number}/attendance", get(provider_attendance))
        .route("/vendors/{code}/attendance/held", get(vendor_held))
        .route(
            "/vendors/{code}/attendance",
            axum::routing::post(report_attendance)
                .layer(DefaultBodyLimit::max(MAX_ATTENDANCE_BYTES)),
        )
        .route(
            "/vendors/{code}/sessions",
            axum::routing::post(send_sessions).layer(DefaultBodyLimit::max(MAX_ATTENDANCE_BYTES)),
        )
        .route("/sessions/{id}/roster", get(roster))
        .route(
            "/sessions/{id}/registration",
            axum::routing::put(register).delete(cancel_registration),
        )
        .route("/sessions/{id}/cancellation", axum::routing::post(call_off))
        .route("/audit", get(audit))
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ProviderDto {
    pub provider_number: String,
    pub first_name: String,
    pub last_name: String,
    pub county_code: u8,
    pub county: &'static str,
    pub language: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub has_account: bool,
    pub verified_records: usize,
    pub held_records: usize,
}

#[utoipa::path(get, path = "/api/v1/providers/{number}", tag = "providers",
    params(("number" = String, Path, description = "The 9-digit provider number")),
    responses((status = 200, body = ProviderDto), (status = 401, body = crate::error::ApiErrorBody), (status = 403, body = crate::error::ApiErrorBody),
        (status = 404, description = "No such provider, or not one the caller may see", body = crate::error::ApiErrorBody)),
    security(("session" = []), ("token" = [])))]
pub(super) async fn provider(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(number): Path<String>,
) -> Result<Json<ProviderDto>, WebError> {
    let number = provider_number(&number)?;
    let s = state.providers.summary(&caller, number).await?;
    Ok(Json(ProviderDto {
        provider_number: number.to_string(),
        first_name: s.contact.first_name,
        last_name: s.contact.last_name,
        county_code: s.contact.county.get(),
        county: s.contact.county.name(),
        language: s.contact.language,
        phone: s.contact.phone,
        email: s.contact.email,
        has_account: s.has_account,
        verified_records: s.verified_records,
        held_records: s.held_records,
    }))
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AttendanceDto {
    pub provider_number: String,
    pub course_number: String,
    pub session_id: Option<String>,
    /// ISO 8601 date.
    pub date: String,
    pub minutes: u32,
    pub completed: bool,
    pub certificate_number: Option<String>,
    pub vendor_code: String,
    /// `verified` or `held`.
    pub status: &'static str,
    /// The reason code of a held record.
    pub hold_reason: Option<&'static str>,
}

impl From<&AttendanceRecord> for AttendanceDto {
    fn from(r: &AttendanceRecord) -> Self {
        Self {
            provider_number: r.provider.to_string(),
            course_number: r.course.to_string(),
            session_id: r.session.as_ref().map(ToString::to_string),
            date: format_date(r.date),
            minutes: r.minutes.get(),
            completed: r.completed,
            certificate_number: r.certificate.as_ref().map(ToString::to_string),
            vendor_code: r.vendor.to_string(),
            status: if r.is_verified() { "verified" } else { "held" },
            hold_reason: r.hold_reason().map(|h| h.code()),
        }
    }
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AttendanceListDto {
    pub attendance: Vec<AttendanceDto>,
}

#[utoipa::path(get, path = "/api/v1/providers/{number}/attendance", tag = "providers",
    params(("number" = String, Path)),
    responses((status = 200, body = AttendanceListDto), (status = 401, body = crate::error::ApiErrorBody), (status = 403, body = crate::error::ApiErrorBody), (status = 404, body = crate::error::ApiErrorBody)),
    security(("session" = []), ("token" = [])))]
pub(super) async fn provider_attendance(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(number): Path<String>,
) -> Result<Json<AttendanceListDto>, WebError> {
    let number = provider_number(&number)?;
    let records = state.providers.attendance(&caller, number).await?;
    Ok(Json(AttendanceListDto {
        attendance: records.iter().map(AttendanceDto::from).collect(),
    }))
}

#[utoipa::path(get, path = "/api/v1/vendors/{code}/attendance/held", tag = "vendors",
    params(("code" = String, Path, description = "The vendor code")),
    responses((status = 200, body = AttendanceListDto), (status = 401, body = crate::error::ApiErrorBody), (status = 403, body = crate::error::ApiErrorBody), (status = 404, body = crate::error::ApiErrorBody)),
    security(("session" = []), ("token" = [])))]
pub(super) async fn vendor_held(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(code): Path<String>,
) -> Result<Json<AttendanceListDto>, WebError> {
    let vendor = vendor_code(&code)?;
    let records = state
        .providers
        .held_for_vendor(&caller, &vendor, None)
        .await?;
    Ok(Json(AttendanceListDto {
        attendance: records.iter().map(AttendanceDto::from).collect(),
    }))
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct RosterDto {
    pub session_id: String,
    pub course_number: String,
    pub vendor_code: String,
    /// ISO 8601 date and time, Pacific.
    pub starts_at: String,
    pub ends_at: String,
    pub location: Option<String>,
    pub capacity: Option<u32>,
    /// The attendance reported for this session.
    pub attendance: Vec<AttendanceDto>,
    /// Who holds a seat or waits for one, in the order they were accepted.
    pub registrations: Vec<RosterEntryDto>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct RosterEntryDto {
    pub provider_number: String,
    pub first_name: String,
    pub last_name: String,
    /// `registered` or `waitlisted`.
    pub status: &'static str,
    pub waitlist_position: Option<u32>,
}

/// `GET /api/v1/sessions/{id}/roster`: the session and the attendance reported for it, for
/// the vendor of its course (and statewide staff).
#[utoipa::path(get, path = "/api/v1/sessions/{id}/roster", tag = "vendors",
    params(("id" = String, Path, description = "The session id")),
    responses((status = 200, body = RosterDto), (status = 401, body = crate::error::ApiErrorBody), (status = 403, body = crate::error::ApiErrorBody), (status = 404, body = crate::error::ApiErrorBody)),
    security(("session" = []), ("token" = [])))]
pub(super) async fn roster(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<String>,
) -> Result<Json<RosterDto>, WebError> {
    let id = session_id(&id)?;
    let r = state.rosters.roster(&caller, &id).await?;
    Ok(Json(RosterDto {
        session_id: id.to_string(),
        course_number: r.session.course.to_string(),
        vendor_code: r.vendor.to_string(),
        starts_at: pathways_domain::error::format_datetime(r.session.starts_at),
        ends_at: pathways_domain::error::format_datetime(r.session.ends_at),
        location: r.session.location.clone(),
        capacity: r.session.capacity,
        attendance: r.attendance.iter().map(AttendanceDto::from).collect(),
        registrations: r
            .registrations
            .iter()
            .map(|e| RosterEntryDto {
                provider_number: e.provider.to_string(),
                first_name: e.first_name.clone(),
                last_name: e.last_name.clone(),
                status: e.status.code(),
                waitlist_position: e.waitlist_position,
            })
            .collect(),
    }))
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct RegistrationDto {
    pub session_id: String,
    /// `registered` or `waitlisted` (or `cancelled` after a cancellation).
    pub status: &'static str,
    /// On the waitlist: how far down (1 is next).
    pub waitlist_position: Option<u32>,
}

/// The provider a caller registers as: themself.
fn own_provider(
    caller: &pathways_app::access::Caller,
) -> Result<pathways_domain::ids::ProviderNumber, WebError> {
    match &caller.actor {
        pathways_domain::access::Actor::Provider { provider } => Ok(*provider),
        _ => Err(WebError::Forbidden),
    }
}

/// `PUT /api/v1/sessions/{id}/registration`: the signed-in provider registers (or joins the
/// waitlist); doing it again changes nothing. A refusal is 422 with the rule's code.
#[utoipa::path(put, path = "/api/v1/sessions/{id}/registration", tag = "registration",
    params(("id" = String, Path), ("X-CSRF-Token" = String, Header, description = "The session's CSRF token")),
    responses((status = 200, description = "Registered, waitlisted, or already holding a place", body = RegistrationDto),
        (status = 422, description = "A rule refused it; the code names the rule", body = Object),
        (status = 401, body = crate::error::ApiErrorBody), (status = 403, body = crate::error::ApiErrorBody), (status = 404, body = crate::error::ApiErrorBody)),
    security(("session" = [])))]
pub(super) async fn register(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    use pathways_app::registrations::RegistrationError;
    use pathways_store::RegisterOutcome;
    let id = session_id(&id)?;
    let provider = own_provider(&caller)?;
    use pathways_domain::registration::RegistrationRefusal;
    fn refused(why: &RegistrationRefusal) -> Response {
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            Json(serde_json::json!({
                "error": {"code": why.code(), "message": why.to_string()}
            })),
        )
            .into_response()
    }
    let (status, position) = match state.registrations.register(&caller, provider, &id).await {
        Ok(RegisterOutcome::Registered) => ("registered", None),
        Ok(RegisterOutcome::Waitlisted { position }) => ("waitlisted", Some(position)),
        Ok(RegisterOutcome::AlreadyHeld(held)) => (held.code(), None),
        Ok(RegisterOutcome::SessionCalledOff) => {
            return Ok(refused(&RegistrationRefusal::SessionCancelled));
        }
        Err(RegistrationError::Refused(why)) => return Ok(refused(&why)),
        Err(other) => return Err(other.into()),
    };
    Ok(Json(RegistrationDto {
        session_id: id.to_string(),
        status,
        waitlist_position: position,
    })
    .into_response())
}

/// `DELETE /api/v1/sessions/{id}/registration`: the signed-in provider gives their place up;
/// 404 when they held none.
#[utoipa::path(delete, path = "/api/v1/sessions/{id}/registration", tag = "registration",
    params(("id" = String, Path), ("X-CSRF-Token" = String, Header, description = "The session's CSRF token")),
    responses((status = 200, body = RegistrationDto), (status = 401, body = crate::error::ApiErrorBody), (status = 403, body = crate::error::ApiErrorBody),
        (status = 404, description = "No place held", body = crate::error::ApiErrorBody)),
    security(("session" = [])))]
pub(super) async fn cancel_registration(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<String>,
) -> Result<Json<RegistrationDto>, WebError> {
    let id = session_id(&id)?;
    let provider = own_provider(&caller)?;
    state
        .registrations
        .cancel(&caller, provider, &id)
        .await?
        .ok_or(WebError::NotFound)?;
    Ok(Json(RegistrationDto {
        session_id: id.to_string(),
        status: "cancelled",
        waitlist_position: None,
    }))
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
struct RowErrorDto {
    line: u64,
    column: String,
    reason: String,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
struct RejectedDto {
    error: RejectedBody,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
struct RejectedBody {
    code: &'static str,
    message: String,
    bad_rows: u64,
    total_problems: u64,
    problems: Vec<RowErrorDto>,
}

/// `POST /api/v1/vendors/{code}/attendance` with an attendance CSV (the file format of the
/// program's attendance imports) as the body: all or nothing, held rows kept with their
/// reasons, the summary in the answer.
#[utoipa::path(post, path = "/api/v1/vendors/{code}/attendance", tag = "vendors",
    params(("code" = String, Path)),
    request_body(content = String, content_type = "text/csv", description = "An attendance file: provider_number,course_number,session_id,date,minutes,completed,certificate_number"),
    responses((status = 200, description = "What the import did", body = Object),
        (status = 422, description = "The file was refused whole; every problem by line", body = RejectedDto),
        (status = 401, body = crate::error::ApiErrorBody), (status = 403, body = crate::error::ApiErrorBody), (status = 404, body = crate::error::ApiErrorBody)),
    security(("token" = [])))]
pub(super) async fn report_attendance(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(code): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    require(&caller, Action::ReportAttendance)?;
    vendor_file(&state, &caller, &code, ImportKind::Attendance, body).await
}

/// `POST /api/v1/vendors/{code}/sessions` with a sessions CSV: a vendor's system schedules
/// (or changes) sessions of its own courses, all or nothing.
#[utoipa::path(post, path = "/api/v1/vendors/{code}/sessions", tag = "vendors",
    params(("code" = String, Path)),
    request_body(content = String, content_type = "text/csv", description = "A sessions file: session_id,course_number,starts_at,ends_at,location,capacity"),
    responses((status = 200, description = "What the import did", body = Object),
        (status = 422, description = "The file was refused whole; every problem by line", body = RejectedDto),
        (status = 401, body = crate::error::ApiErrorBody), (status = 403, body = crate::error::ApiErrorBody), (status = 404, body = crate::error::ApiErrorBody)),
    security(("token" = [])))]
pub(super) async fn send_sessions(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(code): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    require(&caller, Action::ManageCourses)?;
    vendor_file(&state, &caller, &code, ImportKind::Sessions, body).await
}

/// Imports a file a vendor's system sent, as that caller, and answers with the summary or with
/// every problem of a refused file.
async fn vendor_file(
    state: &AppState,
    caller: &pathways_app::access::Caller,
    code: &str,
    kind: ImportKind,
    body: Bytes,
) -> Result<Response, WebError> {
    let vendor = vendor_code(code)?;
    let result = import_file(
        caller,
        state.store.as_ref(),
        kind,
        Some(&vendor),
        Cursor::new(body.to_vec()),
        &NoProgress,
        "api",
    )
    .await;
    match result {
        Ok(summary) => Ok((StatusCode::OK, Json(summary)).into_response()),
        Err(ImportError::Rejected {
            errors,
            total,
            bad_rows,
        }) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            Json(RejectedDto {
                error: RejectedBody {
                    code: "file_rejected",
                    message: format!(
                        "the file was rejected and nothing was imported: {bad_rows} bad row(s)"
                    ),
                    bad_rows,
                    total_problems: total,
                    problems: errors
                        .into_iter()
                        .map(|e| RowErrorDto {
                            line: e.line,
                            column: e.column,
                            reason: e.reason,
                        })
                        .collect(),
                },
            }),
        )
            .into_response()),
        Err(ImportError::Access(access)) => Err(access.into()),
        Err(ImportError::UnknownVendor(_)) => Err(WebError::NotFound),
        Err(ImportError::Store(store)) => Err(WebError::Store(store)),
        Err(error) => {
            tracing::warn!(%error, kind = kind.name(), "a vendor's file could not be read");
            Err(WebError::BadForm)
        }
    }
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AuditListDto {
    pub records: Vec<AuditRecordDto>,
}

/// One change, as the audit log keeps it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AuditRecordDto {
    pub id: i64,
    /// RFC 3339, UTC.
    pub at: String,
    /// The account that made the change, when a person signed in did.
    pub actor_account: Option<i64>,
    pub actor: String,
    pub action: String,
    pub record_type: String,
    pub record_key: String,
    #[schema(value_type = Option<Object>)]
    pub before: Option<serde_json::Value>,
    #[schema(value_type = Option<Object>)]
    pub after: Option<serde_json::Value>,
}

impl From<AuditRecord> for AuditRecordDto {
    fn from(r: AuditRecord) -> Self {
        Self {
            id: r.id,
            at: r
                .entry
                .at
                .format(&time::format_description::well_known::Rfc3339)
                .unwrap_or_default(),
            actor_account: r.entry.actor.account.map(|a| a.0),
            actor: r.entry.actor.label,
            action: r.entry.action,
            record_type: r.entry.record_type,
            record_key: r.entry.record_key,
            before: r.entry.before,
            after: r.entry.after,
        }
    }
}

/// `GET /api/v1/audit?actor=&record_type=&record_key=&before=`: newest first, 100 a page.
#[utoipa::path(get, path = "/api/v1/audit", tag = "audit",
    params(("actor" = Option<i64>, Query, description = "An account number"), ("record_type" = Option<String>, Query),
        ("record_key" = Option<String>, Query), ("before" = Option<i64>, Query, description = "Older than this record id")),
    responses((status = 200, body = AuditListDto), (status = 401, body = crate::error::ApiErrorBody), (status = 403, body = crate::error::ApiErrorBody)),
    security(("session" = [])))]
pub(super) async fn audit(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    RawQuery(query): RawQuery,
) -> Result<Json<AuditListDto>, WebError> {
    let mut q = AuditQuery {
        limit: pathways_app::audit::AUDIT_PAGE,
        ..AuditQuery::default()
    };
    for (name, value) in query_pairs(query.as_deref()) {
        let bad = || WebError::InvalidParams(Vec::new());
        match name.as_str() {
            "actor" => q.actor = Some(AccountId(value.parse().map_err(|_| bad())?)),
            "record_type" => q.record_type = Some(value),
            "record_key" => q.record_key = Some(value),
            "before" => q.before_id = Some(value.parse().map_err(|_| bad())?),
            _ => {}
        }
    }
    let records = state.audit.search(&caller, &q).await?;
    Ok(Json(AuditListDto {
        records: records.into_iter().map(AuditRecordDto::from).collect(),
    }))
}

#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
pub struct CallOffRequest {
    /// Why the session is called off (1 to 500 characters); the people on it read it.
    pub reason: String,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CallOffDto {
    pub session_id: String,
    /// How many places (seats and waitlist) ended; 0 when it was already called off.
    pub places_ended: u32,
}

/// `POST /api/v1/sessions/{id}/cancellation`: the session's vendor calls it off. Everyone
/// registered or waiting loses their place and is told, in their language, with the reason;
/// doing it again changes nothing.
#[utoipa::path(post, path = "/api/v1/sessions/{id}/cancellation", tag = "sessions",
    params(("id" = String, Path)),
    request_body = CallOffRequest,
    responses((status = 200, body = CallOffDto),
        (status = 422, description = "No reason, or the session has started", body = crate::error::ApiErrorBody),
        (status = 401, body = crate::error::ApiErrorBody), (status = 403, body = crate::error::ApiErrorBody),
        (status = 404, description = "No such session, or another vendor's", body = crate::error::ApiErrorBody)),
    security(("token" = []), ("session" = [])))]
pub(super) async fn call_off(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    headers: axum::http::HeaderMap,
    Path(id): Path<String>,
    Json(request): Json<CallOffRequest>,
) -> Result<Response, WebError> {
    use pathways_app::registrations::RegistrationError;
    let id = session_id(&id)?;
    match state
        .registrations
        .call_off(&caller, &id, &request.reason)
        .await
    {
        Ok(places_ended) => Ok(Json(CallOffDto {
            session_id: id.to_string(),
            places_ended,
        })
        .into_response()),
        Err(
            e @ (RegistrationError::ReasonRequired
            | RegistrationError::AlreadyStarted
            | RegistrationError::Busy),
        ) => {
            let t = crate::i18n::Translator::new(crate::i18n::request_locale(&headers));
            let (status, code) = match e {
                RegistrationError::Busy => (StatusCode::CONFLICT, "busy"),
                RegistrationError::AlreadyStarted => {
                    (StatusCode::UNPROCESSABLE_ENTITY, "session_started")
                }
                _ => (StatusCode::UNPROCESSABLE_ENTITY, "reason_required"),
            };
            Ok((
                status,
                Json(serde_json::json!({
                    "error": {"code": code, "message": t.t(&e.message_key()), "field": "reason"}
                })),
            )
                .into_response())
        }
        Err(other) => Err(other.into()),
    }
}

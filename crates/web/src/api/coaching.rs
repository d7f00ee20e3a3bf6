//! Coaching and help in the JSON API, for the same callers and with the same rules as the
//! pages: open times, a provider's appointments (book, move, cancel), the coach's desk (notes,
//! how it went), and help tickets (ask, the desk's queue, the conversation, replies, taking a
//! ticket). A rule's refusal is a 422 whose code names the rule, its message in the request's
//! language.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use pathways_app::coach_desk::DeskError;
use pathways_app::coaching::CoachingError;
use pathways_app::help::{HelpError, Question, Reply};
use pathways_domain::coaching::{AppointmentState, Desk, HelpTopic, TicketCategory};
use pathways_domain::error::{format_date, parse_date};
use pathways_domain::ids::CourseNumber;
use pathways_store::{AppointmentRecord, TicketRecord};
use serde::{Deserialize, Serialize};
use time::format_description::well_known::Rfc3339;
use time::{OffsetDateTime, PrimitiveDateTime};

use crate::AppState;
use crate::error::WebError;
use crate::i18n::Translator;
use crate::pages::Ctx;
use crate::pages::staff::provider_number;
use crate::session::ApiCaller;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/coaching/open-times", get(open_times))
        .route(
            "/providers/{number}/appointments",
            get(appointments).post(book),
        )
        .route("/appointments/{id}/cancel", post(cancel))
        .route("/appointments/{id}/move", post(move_appointment))
        .route("/appointments/{id}/notes", post(add_note))
        .route("/appointments/{id}/outcome", post(mark))
        .route("/coach/appointments", get(desk))
        .route("/tickets", get(ticket_queue).post(ask))
        .route("/tickets/{id}", get(ticket))
        .route("/tickets/{id}/replies", post(reply))
        .route("/tickets/{id}/assign", post(assign))
}

fn refusal(code: &str, message: String) -> Response {
    (
        StatusCode::UNPROCESSABLE_ENTITY,
        Json(serde_json::json!({"error": {"code": code, "message": message}})),
    )
        .into_response()
}

/// A time on the program's (California) clock, `YYYY-MM-DDTHH:MM`.
fn wall_clock(at: PrimitiveDateTime) -> String {
    format!(
        "{}T{:02}:{:02}",
        format_date(at.date()),
        at.hour(),
        at.minute()
    )
}

fn parse_wall_clock(raw: &str) -> Result<PrimitiveDateTime, WebError> {
    let (day, clock) = raw.split_once('T').ok_or(WebError::BadForm)?;
    let day = parse_date(day).map_err(|_| WebError::BadForm)?;
    let (hour, minute) = clock.split_once(':').ok_or(WebError::BadForm)?;
    let clock = time::Time::from_hms(
        hour.parse().map_err(|_| WebError::BadForm)?,
        minute.parse().map_err(|_| WebError::BadForm)?,
        0,
    )
    .map_err(|_| WebError::BadForm)?;
    Ok(day.with_time(clock))
}

fn rfc3339(at: OffsetDateTime) -> String {
    at.format(&Rfc3339).unwrap_or_default()
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct OpenTimeDto {
    /// On the program's clock (California), `YYYY-MM-DDTHH:MM`.
    pub starts_at: String,
    pub coach_id: i64,
    pub coach_name: String,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub(super) struct OpenTimesQuery {
    /// `catalog`, `payments`, `class-technology` or `other`.
    topic: String,
    /// The language to be helped in (BCP 47), e.g. `es`.
    language: String,
    /// How many days from today (1 to 31; 14 when left out).
    days: Option<i64>,
}

#[utoipa::path(get, path = "/api/v1/coaching/open-times", tag = "coaching", params(OpenTimesQuery),
    responses((status = 200, body = [OpenTimeDto]), (status = 400, body = crate::error::ApiErrorBody),
        (status = 401, body = crate::error::ApiErrorBody)),
    security(("session" = []), ("token" = [])))]
pub(super) async fn open_times(
    State(state): State<AppState>,
    ApiCaller(_caller): ApiCaller,
    Query(query): Query<OpenTimesQuery>,
) -> Result<Json<Vec<OpenTimeDto>>, WebError> {
    let topic = HelpTopic::parse(&query.topic).map_err(|_| WebError::BadForm)?;
    let days = query.days.unwrap_or(14);
    if !(1..=31).contains(&days) {
        return Err(WebError::BadForm);
    }
    let now = state.now();
    let from = now.date().midnight();
    let open = state
        .coaching
        .open_times(
            topic,
            &query.language,
            now,
            from,
            from + time::Duration::days(days),
        )
        .await?;
    Ok(Json(
        open.into_iter()
            .map(|o| OpenTimeDto {
                starts_at: wall_clock(o.starts_at),
                coach_id: o.coach,
                coach_name: o.coach_name,
            })
            .collect(),
    ))
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AppointmentDto {
    pub appointment_id: i64,
    pub coach_id: i64,
    pub provider_number: String,
    pub topic: &'static str,
    pub language: String,
    /// On the program's clock (California), `YYYY-MM-DDTHH:MM`.
    pub starts_at: String,
    pub minutes: i64,
    /// `booked`, `cancelled`, `held` or `no-show`.
    pub state: &'static str,
}

impl From<&AppointmentRecord> for AppointmentDto {
    fn from(a: &AppointmentRecord) -> Self {
        Self {
            appointment_id: a.id,
            coach_id: a.coach,
            provider_number: a.provider.to_string(),
            topic: a.topic.code(),
            language: a.language.clone(),
            starts_at: wall_clock(a.starts_at),
            minutes: a.length.whole_minutes(),
            state: a.state.code(),
        }
    }
}

#[utoipa::path(get, path = "/api/v1/providers/{number}/appointments", tag = "coaching",
    params(("number" = String, Path)),
    responses((status = 200, body = [AppointmentDto]), (status = 401, body = crate::error::ApiErrorBody),
        (status = 403, body = crate::error::ApiErrorBody), (status = 404, body = crate::error::ApiErrorBody)),
    security(("session" = [])))]
pub(super) async fn appointments(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(number): Path<String>,
) -> Result<Json<Vec<AppointmentDto>>, WebError> {
    let provider = provider_number(&number)?;
    let list = state.coaching.appointments(&caller, provider).await?;
    Ok(Json(list.iter().map(AppointmentDto::from).collect()))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct BookingInput {
    pub coach_id: i64,
    /// On the program's clock (California), `YYYY-MM-DDTHH:MM`, one of the open times.
    pub starts_at: String,
    pub topic: String,
    pub language: String,
}

/// A coaching refusal as the API answers it: the rule's code and its words.
fn coaching_refusal(t: Translator, error: CoachingError) -> Result<Response, WebError> {
    match error {
        CoachingError::Refused(refusal) => Ok(self::refusal(
            refusal.rule.code(),
            t.t(&format!("coaching-refused-{}", refusal.rule.code())),
        )),
        CoachingError::NotChangeable(_) => Ok(refusal(
            "not-changeable",
            t.t("coaching-error-not-changeable"),
        )),
        other => Err(other.into()),
    }
}

#[utoipa::path(post, path = "/api/v1/providers/{number}/appointments", tag = "coaching",
    params(("number" = String, Path), ("X-CSRF-Token" = String, Header, description = "The session's CSRF token")),
    request_body = BookingInput,
    responses((status = 201, body = AppointmentDto),
        (status = 422, description = "A rule refused it; the code names the rule (`slot-open`: just taken)", body = Object),
        (status = 400, body = crate::error::ApiErrorBody), (status = 401, body = crate::error::ApiErrorBody),
        (status = 403, body = crate::error::ApiErrorBody), (status = 404, body = crate::error::ApiErrorBody)),
    security(("session" = [])))]
pub(super) async fn book(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiCaller(caller): ApiCaller,
    Path(number): Path<String>,
    Json(input): Json<BookingInput>,
) -> Result<Response, WebError> {
    let provider = provider_number(&number)?;
    let topic = HelpTopic::parse(&input.topic).map_err(|_| WebError::BadForm)?;
    let starts_at = parse_wall_clock(&input.starts_at)?;
    match state
        .coaching
        .book(
            &caller,
            provider,
            input.coach_id,
            topic,
            &input.language,
            starts_at,
            state.now(),
        )
        .await
    {
        Ok(booked) => {
            Ok((StatusCode::CREATED, Json(AppointmentDto::from(&booked))).into_response())
        }
        Err(error) => coaching_refusal(ctx.t, error),
    }
}

#[utoipa::path(post, path = "/api/v1/appointments/{id}/cancel", tag = "coaching",
    params(("id" = i64, Path), ("X-CSRF-Token" = String, Header, description = "The session's CSRF token")),
    responses((status = 204), (status = 422, body = Object),
        (status = 401, body = crate::error::ApiErrorBody), (status = 404, body = crate::error::ApiErrorBody)),
    security(("session" = [])))]
pub(super) async fn cancel(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    match state.coaching.cancel(&caller, id, state.now()).await {
        Ok(()) => Ok(StatusCode::NO_CONTENT.into_response()),
        Err(error) => coaching_refusal(ctx.t, error),
    }
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct MoveInput {
    pub coach_id: i64,
    /// On the program's clock (California), `YYYY-MM-DDTHH:MM`.
    pub starts_at: String,
}

#[utoipa::path(post, path = "/api/v1/appointments/{id}/move", tag = "coaching",
    params(("id" = i64, Path), ("X-CSRF-Token" = String, Header, description = "The session's CSRF token")),
    request_body = MoveInput,
    responses((status = 200, body = AppointmentDto), (status = 422, body = Object),
        (status = 400, body = crate::error::ApiErrorBody), (status = 401, body = crate::error::ApiErrorBody),
        (status = 404, body = crate::error::ApiErrorBody)),
    security(("session" = [])))]
pub(super) async fn move_appointment(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<i64>,
    Json(input): Json<MoveInput>,
) -> Result<Response, WebError> {
    let starts_at = parse_wall_clock(&input.starts_at)?;
    match state
        .coaching
        .reschedule(&caller, id, input.coach_id, starts_at, state.now())
        .await
    {
        Ok(moved) => Ok(Json(AppointmentDto::from(&moved)).into_response()),
        Err(error) => coaching_refusal(ctx.t, error),
    }
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct DeskAppointmentDto {
    #[serde(flatten)]
    pub appointment: AppointmentDto,
    pub provider_name: String,
    pub coach_name: String,
    /// The coach's private notes, oldest first.
    pub notes: Vec<String>,
}

#[utoipa::path(get, path = "/api/v1/coach/appointments", tag = "coaching",
    responses((status = 200, description = "Today's, the next two weeks' and the last week's appointments", body = [DeskAppointmentDto]),
        (status = 401, body = crate::error::ApiErrorBody), (status = 403, body = crate::error::ApiErrorBody)),
    security(("session" = [])))]
pub(super) async fn desk(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
) -> Result<Json<Vec<DeskAppointmentDto>>, WebError> {
    let view = state.coach_desk.desk(&caller, state.now()).await?;
    let mut all: Vec<_> = view
        .recent
        .iter()
        .chain(&view.today)
        .chain(&view.upcoming)
        .map(|a| DeskAppointmentDto {
            appointment: AppointmentDto::from(&a.appointment),
            provider_name: a.provider_name.clone(),
            coach_name: a.coach_name.clone(),
            notes: a.notes.iter().map(|n| n.body.clone()).collect(),
        })
        .collect();
    all.sort_by(|a, b| a.appointment.starts_at.cmp(&b.appointment.starts_at));
    Ok(Json(all))
}

fn desk_refusal(t: Translator, error: DeskError) -> Result<Response, WebError> {
    match error {
        DeskError::Empty => Ok(refusal("empty", t.t("coach-error-empty"))),
        DeskError::TooLong(limit) => Ok(refusal(
            "too-long",
            t.t_args("coach-error-too-long", &[("limit", (limit as u64).into())]),
        )),
        DeskError::Refused(_) => Ok(refusal("not-started", t.t("coach-error-not-started"))),
        other => Err(other.into()),
    }
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct NoteInput {
    pub body: String,
}

#[utoipa::path(post, path = "/api/v1/appointments/{id}/notes", tag = "coaching",
    params(("id" = i64, Path), ("X-CSRF-Token" = String, Header, description = "The session's CSRF token")),
    request_body = NoteInput,
    responses((status = 201, body = Object), (status = 422, body = Object),
        (status = 401, body = crate::error::ApiErrorBody), (status = 403, body = crate::error::ApiErrorBody),
        (status = 404, body = crate::error::ApiErrorBody)),
    security(("session" = [])))]
pub(super) async fn add_note(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<i64>,
    Json(input): Json<NoteInput>,
) -> Result<Response, WebError> {
    match state.coach_desk.add_note(&caller, id, &input.body).await {
        Ok(note) => Ok((
            StatusCode::CREATED,
            Json(serde_json::json!({ "note_id": note })),
        )
            .into_response()),
        Err(error) => desk_refusal(ctx.t, error),
    }
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct OutcomeInput {
    /// `held` or `no-show`.
    pub state: String,
}

#[utoipa::path(post, path = "/api/v1/appointments/{id}/outcome", tag = "coaching",
    params(("id" = i64, Path), ("X-CSRF-Token" = String, Header, description = "The session's CSRF token")),
    request_body = OutcomeInput,
    responses((status = 204), (status = 422, body = Object), (status = 400, body = crate::error::ApiErrorBody),
        (status = 401, body = crate::error::ApiErrorBody), (status = 403, body = crate::error::ApiErrorBody),
        (status = 404, body = crate::error::ApiErrorBody)),
    security(("session" = [])))]
pub(super) async fn mark(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<i64>,
    Json(input): Json<OutcomeInput>,
) -> Result<Response, WebError> {
    let outcome = match AppointmentState::parse(&input.state) {
        Ok(s @ (AppointmentState::Held | AppointmentState::NoShow)) => s,
        _ => return Err(WebError::BadForm),
    };
    match state
        .coach_desk
        .mark(&caller, id, outcome, state.now())
        .await
    {
        Ok(()) => Ok(StatusCode::NO_CONTENT.into_response()),
        Err(error) => desk_refusal(ctx.t, error),
    }
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct TicketDto {
    pub ticket_id: i64,
    pub subject: String,
    /// `course-registration`, `payments-and-claims` or `other`.
    pub category: String,
    pub course_number: Option<String>,
    /// `vendor`, `service-desk` or `program-inbox`.
    pub desk: &'static str,
    pub vendor_code: Option<String>,
    /// `open`, `waiting-on-provider` or `resolved`.
    pub status: &'static str,
    pub provider_number: Option<String>,
    /// The language to answer in (BCP 47).
    pub language: String,
    pub opened_at: String,
    pub first_response_at: Option<String>,
    pub resolved_at: Option<String>,
    /// The desk member who took it.
    pub assigned_to: Option<String>,
}

impl From<&TicketRecord> for TicketDto {
    fn from(t: &TicketRecord) -> Self {
        let (desk, vendor_code) = match &t.desk {
            Desk::Vendor(v) => ("vendor", Some(v.to_string())),
            Desk::ServiceDesk => ("service-desk", None),
            Desk::ProgramInbox => ("program-inbox", None),
        };
        Self {
            ticket_id: t.id,
            subject: t.subject.clone(),
            category: t.category.clone(),
            course_number: t.course.clone(),
            desk,
            vendor_code,
            status: t.status.code(),
            provider_number: t.provider.map(|p| p.to_string()),
            language: t.language.clone(),
            opened_at: rfc3339(t.opened_at),
            first_response_at: t.first_response_at.map(rfc3339),
            resolved_at: t.resolved_at.map(rfc3339),
            assigned_to: t.assigned.as_ref().map(|(_, name)| name.clone()),
        }
    }
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct TicketMessageDto {
    pub from_desk: bool,
    pub author: String,
    pub body: String,
    pub written_at: String,
    /// The files sent with it, each downloaded (with a session) at `/tickets/files/{id}`.
    pub attachment_ids: Vec<i64>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct TicketThreadDto {
    #[serde(flatten)]
    pub ticket: TicketDto,
    pub messages: Vec<TicketMessageDto>,
}

#[utoipa::path(get, path = "/api/v1/tickets", tag = "help",
    responses((status = 200, description = "The caller's desk's open tickets, oldest first", body = [TicketDto]),
        (status = 401, body = crate::error::ApiErrorBody), (status = 403, body = crate::error::ApiErrorBody)),
    security(("session" = []), ("token" = [])))]
pub(super) async fn ticket_queue(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
) -> Result<Json<Vec<TicketDto>>, WebError> {
    let tickets = state.help.desk(&caller).await?;
    Ok(Json(tickets.iter().map(TicketDto::from).collect()))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct QuestionInput {
    /// `course-registration` (with `course_number`), `payments-and-claims` or `other`.
    pub category: String,
    pub course_number: Option<String>,
    pub subject: String,
    pub body: String,
    /// The language to be answered in (BCP 47); a provider's own language when left out.
    pub language: Option<String>,
}

fn help_refusal(t: Translator, error: HelpError) -> Result<Response, WebError> {
    match crate::pages::tickets::refusal(t, &error) {
        Some((field, message)) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            Json(serde_json::json!({"error": {"code": "invalid", "message": message, "field": field}})),
        )
            .into_response()),
        None if matches!(error, HelpError::NoSuchAnswer) => Err(WebError::BadForm),
        None => Err(error.into()),
    }
}

#[utoipa::path(post, path = "/api/v1/tickets", tag = "help",
    params(("X-CSRF-Token" = String, Header, description = "The session's CSRF token")),
    request_body = QuestionInput,
    responses((status = 201, body = TicketDto), (status = 422, body = Object),
        (status = 400, body = crate::error::ApiErrorBody), (status = 401, body = crate::error::ApiErrorBody)),
    security(("session" = [])))]
pub(super) async fn ask(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiCaller(caller): ApiCaller,
    Json(input): Json<QuestionInput>,
) -> Result<Response, WebError> {
    let category = match input.category.as_str() {
        "course-registration" => TicketCategory::CourseRegistration(
            CourseNumber::parse(input.course_number.as_deref().unwrap_or_default())
                .map_err(|_| WebError::BadForm)?,
        ),
        "payments-and-claims" => TicketCategory::PaymentsAndClaims,
        "other" => TicketCategory::Other,
        _ => return Err(WebError::BadForm),
    };
    let question = Question {
        category,
        subject: input.subject,
        body: input.body,
        contact_name: None,
        contact: None,
        language: input.language.unwrap_or_default(),
        attachment: None,
    };
    match state.help.ask(Some(&caller), &question).await {
        Ok((id, _)) => {
            let view = state.help.ticket(&caller, id).await;
            // Someone other than a provider may ask but not read the ticket back (a desk
            // of another kind): the number is enough.
            match view {
                Ok(view) => {
                    Ok((StatusCode::CREATED, Json(TicketDto::from(&view.ticket))).into_response())
                }
                Err(_) => Ok((
                    StatusCode::CREATED,
                    Json(serde_json::json!({ "ticket_id": id })),
                )
                    .into_response()),
            }
        }
        Err(error) => help_refusal(ctx.t, error),
    }
}

#[utoipa::path(get, path = "/api/v1/tickets/{id}", tag = "help",
    params(("id" = i64, Path)),
    responses((status = 200, body = TicketThreadDto), (status = 401, body = crate::error::ApiErrorBody),
        (status = 403, body = crate::error::ApiErrorBody), (status = 404, body = crate::error::ApiErrorBody)),
    security(("session" = []), ("token" = [])))]
pub(super) async fn ticket(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<i64>,
) -> Result<Json<TicketThreadDto>, WebError> {
    let view = state.help.ticket(&caller, id).await?;
    Ok(Json(TicketThreadDto {
        ticket: TicketDto::from(&view.ticket),
        messages: view
            .messages
            .iter()
            .map(|m| TicketMessageDto {
                from_desk: m.from_staff,
                author: m.author.clone(),
                body: m.body.clone(),
                written_at: rfc3339(m.written_at),
                attachment_ids: m.attachments.iter().map(|a| a.id).collect(),
            })
            .collect(),
    }))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct ReplyInput {
    #[serde(default)]
    pub body: String,
    /// A prepared answer (desk only): `how-to-claim`, `when-paid`, `ask-the-school` or
    /// `online-classes`, sent in the asker's language.
    pub canned: Option<String>,
    /// The desk says this answers the question.
    #[serde(default)]
    pub resolves: bool,
}

#[utoipa::path(post, path = "/api/v1/tickets/{id}/replies", tag = "help",
    params(("id" = i64, Path), ("X-CSRF-Token" = String, Header, description = "The session's CSRF token")),
    request_body = ReplyInput,
    responses((status = 201, body = TicketDto), (status = 422, body = Object),
        (status = 400, body = crate::error::ApiErrorBody), (status = 401, body = crate::error::ApiErrorBody),
        (status = 403, body = crate::error::ApiErrorBody), (status = 404, body = crate::error::ApiErrorBody)),
    security(("session" = []), ("token" = [])))]
pub(super) async fn reply(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<i64>,
    Json(input): Json<ReplyInput>,
) -> Result<Response, WebError> {
    let reply = Reply {
        body: input.body,
        canned: input.canned,
        resolves: input.resolves,
        attachment: None,
    };
    match state.help.reply(&caller, id, &reply).await {
        Ok(()) => {
            let view = state.help.ticket(&caller, id).await?;
            Ok((StatusCode::CREATED, Json(TicketDto::from(&view.ticket))).into_response())
        }
        Err(error) => help_refusal(ctx.t, error),
    }
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct AssignInput {
    /// `me` to take the ticket, `desk` to give it back.
    pub to: String,
}

#[utoipa::path(post, path = "/api/v1/tickets/{id}/assign", tag = "help",
    params(("id" = i64, Path), ("X-CSRF-Token" = String, Header, description = "The session's CSRF token")),
    request_body = AssignInput,
    responses((status = 204), (status = 400, body = crate::error::ApiErrorBody),
        (status = 401, body = crate::error::ApiErrorBody), (status = 403, body = crate::error::ApiErrorBody),
        (status = 404, body = crate::error::ApiErrorBody)),
    security(("session" = [])))]
pub(super) async fn assign(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<i64>,
    Json(input): Json<AssignInput>,
) -> Result<Response, WebError> {
    let mine = match input.to.as_str() {
        "me" => true,
        "desk" => false,
        _ => return Err(WebError::BadForm),
    };
    state.help.assign(&caller, id, mine).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

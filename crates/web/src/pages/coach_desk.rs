//! The coach's desk: today's and upcoming appointments, then one appointment with the summary
//! of the provider who booked it (hours per pathway, claims in progress), private notes, how it
//! went (held, no-show) and follow-up tasks. Only the coach's own appointments; a refusal says
//! why in the coach's language.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use pathways_app::coach_desk::{DeskAppointment, DeskError};
use pathways_domain::coaching::{AppointmentRefusal, AppointmentState};

use super::account::{ErrorLink, query_value, see_other};
use super::{Ctx, Layout, render};
use crate::AppState;
use crate::error::WebError;
use crate::format;
use crate::i18n::{Translator, pathway_key};
use crate::session::{CsrfForm, SignedIn};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/coach", get(desk))
        .route("/coach/appointments/{id}", get(appointment))
        .route("/coach/appointments/{id}/notes", post(add_note))
        .route("/coach/appointments/{id}/mark", post(mark))
        .route("/coach/appointments/{id}/follow-ups", post(add_follow_up))
        .route("/coach/follow-ups/{id}/done", post(finish_follow_up))
}

impl From<DeskError> for WebError {
    fn from(error: DeskError) -> Self {
        match error {
            DeskError::Access(access) => access.into(),
            DeskError::Store(store) => Self::Store(store),
            DeskError::NotACoach => Self::Forbidden,
            DeskError::NotFound => Self::NotFound,
            DeskError::Empty | DeskError::TooLong(_) | DeskError::Refused(_) => Self::BadForm,
        }
    }
}

/// An appointment as a line of the desk.
#[derive(Debug)]
struct Line {
    href: String,
    when: String,
    who: String,
    coach: String,
    topic: String,
    state: String,
    /// "2 notes", when there are any.
    notes: Option<String>,
}

fn line(t: Translator, a: &DeskAppointment, with_date: bool) -> Line {
    let locale = t.locale();
    let at = a.appointment.starts_at;
    Line {
        href: format!("/coach/appointments/{}", a.appointment.id),
        when: if with_date {
            format::date_time(locale, at)
        } else {
            format::time_of_day(locale, at.time())
        },
        who: a.provider_name.clone(),
        coach: a.coach_name.clone(),
        topic: t.t(&format!("coaching-topic-{}", a.appointment.topic.code())),
        state: t.t(&format!("appointment-state-{}", a.appointment.state.code())),
        notes: (!a.notes.is_empty()).then(|| {
            t.t_args(
                "coach-notes-count",
                &[("count", (a.notes.len() as u64).into())],
            )
        }),
    }
}

#[derive(Debug)]
struct FollowUpLine {
    id: i64,
    task: String,
    /// "Due 12/11/2026 · Ana López".
    due: String,
    href: String,
    done: bool,
}

#[derive(Template)]
#[template(path = "coach_desk.html")]
struct DeskPage {
    l: Layout,
    /// Program staff see every coach's appointments, with the coach's name.
    every_coach: bool,
    notice: Option<String>,
    today: Vec<Line>,
    upcoming: Vec<Line>,
    recent: Vec<Line>,
    follow_ups: Vec<FollowUpLine>,
    csrf: String,
}

fn follow_up_lines(
    t: Translator,
    follow_ups: &[pathways_store::FollowUpRecord],
    name_of: impl Fn(i64) -> String,
) -> Vec<FollowUpLine> {
    follow_ups
        .iter()
        .map(|f| FollowUpLine {
            id: f.id,
            task: f.task.clone(),
            due: t.t_args(
                "coach-follow-up-due",
                &[
                    ("date", format::date(t.locale(), f.due_on).into()),
                    ("provider", name_of(f.appointment).into()),
                ],
            ),
            href: format!("/coach/appointments/{}", f.appointment),
            done: f.done_at.is_some(),
        })
        .collect()
}

async fn desk(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(session): SignedIn,
) -> Result<Response, WebError> {
    let t = ctx.t;
    let view = state.coach_desk.desk(&session.caller, state.now()).await?;
    let all: Vec<&DeskAppointment> = view
        .today
        .iter()
        .chain(&view.upcoming)
        .chain(&view.recent)
        .collect();
    let name_of = |appointment: i64| {
        all.iter()
            .find(|a| a.appointment.id == appointment)
            .map(|a| a.provider_name.clone())
            .unwrap_or_default()
    };
    let query = ctx.current.split_once('?').map(|(_, q)| q);
    let title = t.t("coach-desk-title");
    let page = DeskPage {
        l: ctx.layout(&title),
        every_coach: view.coach.is_none(),
        notice: query_value(query, "done").map(|_| t.t("coach-notice-follow-up-done")),
        today: view.today.iter().map(|a| line(t, a, false)).collect(),
        upcoming: view.upcoming.iter().map(|a| line(t, a, true)).collect(),
        recent: view.recent.iter().map(|a| line(t, a, true)).collect(),
        follow_ups: follow_up_lines(t, &view.follow_ups, name_of),
        csrf: ctx.csrf(),
    };
    Ok(render(&page)?.into_response())
}

#[derive(Debug)]
struct PathwayLine {
    name: String,
    counted: String,
    awaiting: String,
    goal: String,
    done: bool,
}

#[derive(Template)]
#[template(path = "coach_appointment.html")]
struct AppointmentPage {
    l: Layout,
    errors: Vec<ErrorLink>,
    notice: Option<String>,
    heading: String,
    id: i64,
    when: String,
    topic: String,
    language: String,
    state: String,
    /// Marking is offered once the appointment has started (and it was not cancelled).
    may_mark: bool,
    provider: String,
    provider_language: String,
    phone: Option<String>,
    email: Option<String>,
    pathways: Vec<PathwayLine>,
    claims: Vec<String>,
    notes: Vec<(String, String)>,
    follow_ups: Vec<FollowUpLine>,
    /// What the coach wrote, when the page is drawn again with an error.
    note_value: String,
    task_value: String,
    due_value: String,
    csrf: String,
}

async fn appointment_page(
    state: &AppState,
    ctx: &Ctx,
    caller: &pathways_app::access::Caller,
    id: i64,
) -> Result<AppointmentPage, WebError> {
    let t = ctx.t;
    let locale = t.locale();
    let now = state.now();
    let view = state.coach_desk.appointment(caller, id, now.date()).await?;
    let a = &view.desk.appointment;
    let name = view.desk.provider_name.clone();
    let heading = t.t_args(
        "coach-appointment-title",
        &[("provider", name.clone().into())],
    );
    let claims = claim_lines(
        t,
        &view.claims_in_progress,
        &view.incentive_claims_in_progress,
    );
    let query = ctx.current.split_once('?').map(|(_, q)| q);
    let notice = ["noted", "marked", "follow-up"]
        .into_iter()
        .find(|k| query_value(query, k).is_some())
        .map(|k| t.t(&format!("coach-notice-{k}")));
    Ok(AppointmentPage {
        l: ctx.layout(&heading),
        errors: Vec::new(),
        notice,
        heading,
        id,
        when: format::date_time(locale, a.starts_at),
        topic: t.t(&format!("coaching-topic-{}", a.topic.code())),
        language: crate::i18n::language_name(&t, &a.language),
        state: t.t(&format!("appointment-state-{}", a.state.code())),
        may_mark: pathways_domain::coaching::judge_outcome(a.state, a.starts_at, now).is_ok(),
        provider: format!("{name} ({})", a.provider),
        provider_language: crate::i18n::language_name(&t, &view.contact.language),
        phone: view.contact.phone.clone(),
        email: view.contact.email.clone(),
        pathways: view
            .progress
            .pathways
            .iter()
            .map(|p| PathwayLine {
                name: t.t(&pathway_key(p.pathway)),
                counted: format::hours_2(locale, p.counted),
                awaiting: format::hours_2(locale, p.awaiting),
                goal: format::hours(locale, p.goal),
                done: p.qualified.is_some(),
            })
            .collect(),
        claims,
        notes: view
            .desk
            .notes
            .iter()
            .map(|n| {
                (
                    format::date_time(
                        locale,
                        pathways_domain::calendar::program_time(n.written_at),
                    ),
                    n.body.clone(),
                )
            })
            .collect(),
        follow_ups: follow_up_lines(t, &view.follow_ups, |_| name.clone()),
        note_value: String::new(),
        task_value: String::new(),
        due_value: (now.date() + time::Duration::days(7)).to_string(),
        csrf: ctx.csrf(),
    })
}

async fn appointment(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(session): SignedIn,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let page = appointment_page(&state, &ctx, &session.caller, id).await?;
    Ok(render(&page)?.into_response())
}

/// Draws the appointment page again with `error` (a message key) linked to `field`.
async fn refused(
    state: &AppState,
    ctx: &Ctx,
    caller: &pathways_app::access::Caller,
    id: i64,
    field: &str,
    error: String,
    keep: impl FnOnce(&mut AppointmentPage),
) -> Result<Response, WebError> {
    let t = ctx.t;
    let mut page = appointment_page(state, ctx, caller, id).await?;
    page.errors.push(ErrorLink {
        href: format!("#{field}"),
        text: error,
    });
    keep(&mut page);
    let title = format!("{} {}", t.t("error-prefix"), page.heading);
    page.l.retitle(&title);
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}

/// The message for a desk refusal the coach can put right.
fn refusal_text(t: Translator, error: &DeskError) -> Option<String> {
    match error {
        DeskError::Empty => Some(t.t("coach-error-empty")),
        DeskError::TooLong(limit) => Some(t.t_args(
            "coach-error-too-long",
            &[("limit", format::count(t.locale(), *limit as u64).into())],
        )),
        DeskError::Refused(AppointmentRefusal::NotStarted) => Some(t.t("coach-error-not-started")),
        DeskError::Refused(AppointmentRefusal::NotChangeable) => {
            Some(t.t("coaching-error-not-changeable"))
        }
        _ => None,
    }
}

/// A provider's claims as one line each (course or incentive, amount, where it stands), for
/// the coach's and the help desk's summaries.
pub(super) fn claim_lines(
    t: Translator,
    claims: &[pathways_store::TrainingClaimRecord],
    incentive_claims: &[pathways_store::IncentiveClaimRecord],
) -> Vec<String> {
    let locale = t.locale();
    claims
        .iter()
        .map(|c| {
            t.t_args(
                "coach-claim-training",
                &[
                    ("course", c.course.to_string().into()),
                    ("amount", format::money(locale, c.amount).into()),
                    ("state", t.t(&format!("claim-state-{}", c.state)).into()),
                ],
            )
        })
        .chain(incentive_claims.iter().map(|c| {
            let pathway = t.t(&pathway_key(c.incentive.pathway));
            t.t_args(
                "coach-claim-incentive",
                &[
                    (
                        "what",
                        super::progress::kind_title(t, c.incentive.kind, &pathway).into(),
                    ),
                    ("amount", format::money(locale, c.incentive.amount).into()),
                    ("state", t.t(&format!("claim-state-{}", c.state)).into()),
                ],
            )
        }))
        .collect()
}

#[derive(Debug, serde::Deserialize)]
struct NoteInput {
    note: String,
}

async fn add_note(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(session): SignedIn,
    Path(id): Path<i64>,
    CsrfForm(input): CsrfForm<NoteInput>,
) -> Result<Response, WebError> {
    match state
        .coach_desk
        .add_note(&session.caller, id, &input.note)
        .await
    {
        Ok(_) => Ok(see_other(&format!("/coach/appointments/{id}?noted=1"))),
        Err(e) => match refusal_text(ctx.t, &e) {
            Some(text) => {
                refused(&state, &ctx, &session.caller, id, "note", text, |p| {
                    p.note_value = input.note.clone();
                })
                .await
            }
            None => Err(e.into()),
        },
    }
}

#[derive(Debug, serde::Deserialize)]
struct MarkInput {
    outcome: String,
}

async fn mark(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(session): SignedIn,
    Path(id): Path<i64>,
    CsrfForm(input): CsrfForm<MarkInput>,
) -> Result<Response, WebError> {
    let outcome = match AppointmentState::parse(&input.outcome) {
        Ok(s @ (AppointmentState::Held | AppointmentState::NoShow)) => s,
        _ => return Err(WebError::BadForm),
    };
    match state
        .coach_desk
        .mark(&session.caller, id, outcome, state.now())
        .await
    {
        Ok(()) => Ok(see_other(&format!("/coach/appointments/{id}?marked=1"))),
        Err(e) => match refusal_text(ctx.t, &e) {
            Some(text) => refused(&state, &ctx, &session.caller, id, "mark", text, |_| {}).await,
            None => Err(e.into()),
        },
    }
}

#[derive(Debug, serde::Deserialize)]
struct FollowUpInput {
    task: String,
    due_on: String,
}

async fn add_follow_up(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(session): SignedIn,
    Path(id): Path<i64>,
    CsrfForm(input): CsrfForm<FollowUpInput>,
) -> Result<Response, WebError> {
    let t = ctx.t;
    let Ok(due_on) = pathways_domain::error::parse_date(input.due_on.trim()) else {
        let text = t.t("coach-error-due");
        return refused(&state, &ctx, &session.caller, id, "due_on", text, |p| {
            p.task_value = input.task.clone();
            p.due_value = input.due_on.clone();
        })
        .await;
    };
    match state
        .coach_desk
        .add_follow_up(&session.caller, id, &input.task, due_on)
        .await
    {
        Ok(_) => Ok(see_other(&format!("/coach/appointments/{id}?follow-up=1"))),
        Err(e) => match refusal_text(t, &e) {
            Some(text) => {
                refused(&state, &ctx, &session.caller, id, "task", text, |p| {
                    p.task_value = input.task.clone();
                    p.due_value = input.due_on.clone();
                })
                .await
            }
            None => Err(e.into()),
        },
    }
}

#[derive(Debug, serde::Deserialize)]
struct DoneInput {
    /// The page to go back to: the desk, or the appointment the task came from.
    back: Option<String>,
}

async fn finish_follow_up(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    Path(id): Path<i64>,
    CsrfForm(input): CsrfForm<DoneInput>,
) -> Result<Response, WebError> {
    state
        .coach_desk
        .finish_follow_up(&session.caller, id)
        .await?;
    // Only our own coach pages are gone back to.
    let back = input
        .back
        .filter(|b| b.starts_with("/coach/appointments/") && !b.contains("//"))
        .unwrap_or_else(|| "/coach".to_owned());
    let separator = if back.contains('?') { '&' } else { '?' };
    Ok(see_other(&format!("{back}{separator}done=1")))
}

//! Registering for a session from its course page, cancelling, and a provider's list of
//! classes. The rules and the seats are the application's; these handlers turn its answers into
//! a page the person can act on, in their language.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{Html, Response};
use axum::routing::{get, post};
use pathways_app::access::Caller;
use pathways_app::registrations::RegistrationError;
use pathways_domain::access::Actor;
use pathways_domain::ids::ProviderNumber;
use pathways_domain::registration::{RegistrationRefusal, RegistrationStatus};
use pathways_store::RegisterOutcome;
use serde::Deserialize;

use super::account::see_other;
use super::staff::{provider_number, session_id};
use super::{Ctx, Layout, render};
use crate::AppState;
use crate::error::WebError;
use crate::format;
use crate::session::{CsrfForm, SignedIn};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/sessions/{id}/register", post(register))
        .route("/sessions/{id}/cancel", post(cancel))
        .route("/providers/{number}/classes", get(classes))
}

impl From<RegistrationError> for WebError {
    fn from(error: RegistrationError) -> Self {
        match error {
            RegistrationError::NoSuchSession => Self::NotFound,
            RegistrationError::Access(access) => access.into(),
            RegistrationError::Store(store) => Self::Store(store),
            RegistrationError::Refused(_)
            | RegistrationError::ReasonRequired
            | RegistrationError::AlreadyStarted
            | RegistrationError::Busy => Self::BadForm,
        }
    }
}

/// The provider a signed-in person registers as: themself. Staff do not register people.
fn own_provider(caller: &Caller) -> Result<ProviderNumber, WebError> {
    match &caller.actor {
        Actor::Provider { provider } => Ok(*provider),
        _ => Err(WebError::Forbidden),
    }
}

#[derive(Debug, Deserialize)]
struct ReturnTo {
    /// Where to go back to (a path on this site).
    #[serde(default)]
    next: Option<String>,
}

/// `POST /sessions/{id}/register`: back to the course page, which says what happened (a seat,
/// a place on the waitlist, or which rule refused it).
async fn register(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<ReturnTo>,
) -> Result<Response, WebError> {
    let id = session_id(&id)?;
    let provider = own_provider(&session.caller)?;
    let course = state.registrations.session(&id).await?.1.number;
    let query = match state
        .registrations
        .register(&session.caller, provider, &id)
        .await
    {
        Ok(RegisterOutcome::Registered | RegisterOutcome::AlreadyHeld(_)) => {
            format!("notice=registered&session={id}")
        }
        Ok(RegisterOutcome::Waitlisted { position }) => {
            format!("notice=waitlisted&position={position}&session={id}")
        }
        Err(RegistrationError::Refused(why)) => format!("problem={}&session={id}", why.code()),
        Ok(RegisterOutcome::SessionCalledOff) => format!(
            "problem={}&session={id}",
            RegistrationRefusal::SessionCancelled.code()
        ),
        Err(other) => return Err(other.into()),
    };
    Ok(see_other(&format!("/courses/{course}?{query}#sessions")))
}

/// `POST /sessions/{id}/cancel`: gives the place up; back to where the person was.
async fn cancel(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<ReturnTo>,
) -> Result<Response, WebError> {
    let id = session_id(&id)?;
    let provider = own_provider(&session.caller)?;
    state
        .registrations
        .cancel(&session.caller, provider, &id)
        .await?;
    let back = form
        .next
        .filter(|n| n.starts_with('/'))
        .unwrap_or_else(|| format!("/providers/{provider}/classes"));
    let sep = if back.contains('?') { '&' } else { '?' };
    Ok(see_other(&format!("{back}{sep}notice=cancelled")))
}

#[derive(Debug)]
struct ClassRow {
    course_title: String,
    course_href: String,
    starts: String,
    place: String,
    status: String,
    /// The vendor's reason, when they called the session off.
    called_off: Option<String>,
    /// Where the cancel form posts, while the place is live.
    cancel_action: Option<String>,
}

#[derive(Template)]
#[template(path = "classes.html")]
struct ClassesPage {
    l: Layout,
    rows: Vec<ClassRow>,
    csrf: String,
    own: bool,
    here: String,
    notice: Option<String>,
}

/// `GET /providers/{n}/classes`: "My classes" for the provider (and program staff).
async fn classes(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(session): SignedIn,
    Path(number): Path<String>,
) -> Result<Html<String>, WebError> {
    let number = provider_number(&number)?;
    let classes = state
        .registrations
        .classes(&session.caller, number)
        .await
        .map_err(|e| match e {
            RegistrationError::NoSuchSession => WebError::NotFound,
            other => other.into(),
        })?;
    let t = ctx.t;
    let rows = classes
        .iter()
        .map(|c| ClassRow {
            course_title: c.course_title.clone(),
            course_href: format!("/courses/{}", c.session.course),
            starts: format::date_time(t.locale(), c.session.starts_at),
            place: c
                .session
                .location
                .clone()
                .unwrap_or_else(|| t.t("session-online")),
            status: match (c.status, c.waitlist_position) {
                (RegistrationStatus::Cancelled, _) => t.t("registration-status-called-off"),
                (RegistrationStatus::Waitlisted, Some(position)) => t.t_args(
                    "registration-status-waitlisted",
                    &[("position", u64::from(position).into())],
                ),
                _ => t.t("registration-status-registered"),
            },
            called_off: c.called_off.as_ref().map(|reason| {
                t.t_args(
                    "classes-called-off-reason",
                    &[("reason", reason.clone().into())],
                )
            }),
            cancel_action: (c.status != RegistrationStatus::Cancelled)
                .then(|| format!("/sessions/{}/cancel", c.session.id)),
        })
        .collect();
    let notice = ctx
        .current
        .contains("notice=cancelled")
        .then(|| t.t("registration-notice-cancelled"));
    let title = t.t("classes-title");
    render(&ClassesPage {
        l: ctx.layout(&title),
        rows,
        csrf: ctx.csrf(),
        own: session.caller.actor == Actor::Provider { provider: number },
        here: format!("/providers/{number}/classes"),
        notice,
    })
}

/// What a course page shows a signed-in provider about one session.
#[derive(Debug, Clone, Default)]
pub struct SessionAction {
    /// Where the register form posts, when the provider may try.
    pub register_action: Option<String>,
    /// The button's words: register, or join the waitlist.
    pub register_label: String,
    /// What the provider holds on this session, in words.
    pub held: Option<String>,
    /// Where the cancel form posts, when they hold it.
    pub cancel_action: Option<String>,
}

impl SessionAction {
    pub fn has_any(&self) -> bool {
        self.register_action.is_some() || self.held.is_some()
    }
}

/// The register/cancel controls for each session of a course page, for a signed-in provider.
pub async fn session_actions(
    state: &AppState,
    ctx: &Ctx,
    sessions: &[pathways_domain::entities::Session],
    seats_taken: &std::collections::HashMap<pathways_domain::ids::SessionId, u32>,
    takes_registrations: bool,
) -> Result<Vec<SessionAction>, WebError> {
    let Some(caller) = ctx.visitor.as_ref().and_then(|v| v.caller()) else {
        return Ok(vec![SessionAction::default(); sessions.len()]);
    };
    let Actor::Provider { provider } = caller.actor else {
        return Ok(vec![SessionAction::default(); sessions.len()]);
    };
    if !takes_registrations {
        return Ok(vec![SessionAction::default(); sessions.len()]);
    }
    let t = ctx.t;
    let held = state.registrations.classes(caller, provider).await?;
    Ok(sessions
        .iter()
        .map(|s| {
            let mine = held.iter().find(|c| c.session.id == s.id);
            match mine {
                Some(c) => SessionAction {
                    held: Some(match (c.status, c.waitlist_position) {
                        (RegistrationStatus::Waitlisted, Some(position)) => t.t_args(
                            "registration-status-waitlisted",
                            &[("position", u64::from(position).into())],
                        ),
                        _ => t.t("registration-status-registered"),
                    }),
                    cancel_action: Some(format!("/sessions/{}/cancel", s.id)),
                    ..SessionAction::default()
                },
                None => {
                    let full = s
                        .capacity
                        .is_some_and(|seats| seats_taken.get(&s.id).copied().unwrap_or(0) >= seats);
                    SessionAction {
                        register_action: Some(format!("/sessions/{}/register", s.id)),
                        register_label: t.t(if full {
                            "registration-join-waitlist"
                        } else {
                            "registration-register"
                        }),
                        ..SessionAction::default()
                    }
                }
            }
        })
        .collect())
}

/// The course page's message after a registration attempt, from its query: a notice, or the
/// rule that refused it.
pub fn outcome_message(ctx: &Ctx) -> (Option<String>, Option<String>) {
    let t = ctx.t;
    let query = ctx.current.split_once('?').map(|(_, q)| q);
    let pairs = crate::filter::query_pairs(query);
    let value = |name: &str| {
        pairs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    };
    let notice = match value("notice").as_deref() {
        Some("registered") => Some(t.t("registration-notice-registered")),
        Some("waitlisted") => Some(
            t.t_args(
                "registration-notice-waitlisted",
                &[(
                    "position",
                    value("position")
                        .and_then(|p| p.parse::<u64>().ok())
                        .unwrap_or(1)
                        .into(),
                )],
            ),
        ),
        Some("cancelled") => Some(t.t("registration-notice-cancelled")),
        _ => None,
    };
    let problem = value("problem")
        .filter(|code| code.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
        .and_then(|code| t.try_t(&format!("registration-refused-{code}")));
    (notice, problem)
}

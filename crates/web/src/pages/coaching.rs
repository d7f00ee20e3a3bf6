//! "Talk to a coach": a provider picks a topic and a language, sees the open times of the
//! next two weeks with coaches who speak it, and books one with a button; her appointments
//! are listed below. A refusal (the time was just taken, too many appointments) says why in
//! her language.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use pathways_app::coaching::CoachingError;
use pathways_domain::coaching::HelpTopic;
use pathways_domain::ids::ProviderNumber;

use super::account::{ErrorLink, query_value, see_other};
use super::staff::provider_number;
use super::{Ctx, Layout, render};
use crate::AppState;
use crate::error::WebError;
use crate::format;
use crate::session::{CsrfForm, SignedIn};

/// Days of open times shown.
const DAYS_SHOWN: i64 = 14;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/providers/{number}/coaching", get(page).post(book))
        .route(
            "/providers/{number}/coaching/{appointment}/cancel",
            post(cancel),
        )
        .route(
            "/providers/{number}/coaching/{appointment}/move",
            post(move_to),
        )
}

impl From<CoachingError> for WebError {
    fn from(error: CoachingError) -> Self {
        match error {
            CoachingError::Access(access) => access.into(),
            CoachingError::Store(store) => Self::Store(store),
            CoachingError::NoSuchCoach(_) | CoachingError::NoSuchAppointment => Self::NotFound,
            CoachingError::NotACoachAccount(_) | CoachingError::BadMeetingLink => Self::BadForm,
            CoachingError::IncompleteCoach
            | CoachingError::Refused(_)
            | CoachingError::NotChangeable(_) => Self::BadForm,
        }
    }
}

#[derive(Debug)]
struct Choice {
    value: String,
    label: String,
    selected: bool,
}

#[derive(Debug)]
struct OpenSlot {
    coach: i64,
    starts_at: String,
    label: String,
}

#[derive(Debug)]
struct Day {
    heading: String,
    slots: Vec<OpenSlot>,
}

/// One of her booked appointments, with how to cancel or move it.
#[derive(Debug)]
struct Booked {
    text: String,
    cancel: String,
    /// The page that offers new times for it.
    change: String,
}

#[derive(Template)]
#[template(path = "coaching.html")]
struct CoachingPage {
    l: Layout,
    errors: Vec<ErrorLink>,
    notice: Option<String>,
    topics: Vec<Choice>,
    languages: Vec<Choice>,
    /// The topic and language searched, when one was.
    searched: Option<(String, String)>,
    days: Vec<Day>,
    appointments: Vec<Booked>,
    /// The appointment being moved: what it is, shown above the times.
    moving: Option<String>,
    action: String,
    csrf: String,
}

/// The languages a provider can ask for, with their names in their own language.
const LANGUAGES: [(&str, &str); 3] = [
    ("en", "English"),
    ("es", "Español"),
    ("zh-Hant", "繁體中文"),
];

async fn coaching_page(
    state: &AppState,
    ctx: &Ctx,
    caller: &pathways_app::access::Caller,
    provider: ProviderNumber,
    topic: Option<HelpTopic>,
    language: Option<String>,
    moving: Option<i64>,
) -> Result<CoachingPage, WebError> {
    let t = ctx.t;
    let locale = t.locale();
    let now = state.now();
    let appointments_of = state.coaching.appointments(caller, provider).await?;
    let names = state.coaching.coach_names().await?;
    let name_of = |id: i64| {
        names
            .iter()
            .find(|(c, _)| *c == id)
            .map(|(_, n)| n.clone())
            .unwrap_or_default()
    };
    let language = language.unwrap_or_else(|| locale.tag().to_owned());
    let mut days: Vec<Day> = Vec::new();
    if let Some(topic) = topic {
        let from = now.date().midnight();
        let open = state
            .coaching
            .open_times(
                topic,
                &language,
                now,
                from,
                from + time::Duration::days(DAYS_SHOWN),
            )
            .await?;
        for o in open {
            let heading = format::date_with_weekday(locale, o.starts_at.date());
            let slot = OpenSlot {
                coach: o.coach,
                starts_at: format!(
                    "{} {:02}:{:02}",
                    pathways_domain::error::format_date(o.starts_at.date()),
                    o.starts_at.hour(),
                    o.starts_at.minute()
                ),
                label: t.t_args(
                    "coaching-slot",
                    &[
                        (
                            "time",
                            format::time_of_day(locale, o.starts_at.time()).into(),
                        ),
                        ("coach", o.coach_name.clone().into()),
                    ],
                ),
            };
            match days.last_mut() {
                Some(day) if day.heading == heading => day.slots.push(slot),
                _ => days.push(Day {
                    heading,
                    slots: vec![slot],
                }),
            }
        }
    }
    let booked: Vec<&pathways_store::AppointmentRecord> = appointments_of
        .iter()
        .filter(|a| pathways_domain::coaching::judge_change(a.state, a.starts_at, now).is_ok())
        .collect();
    let describe = |a: &pathways_store::AppointmentRecord| {
        t.t_args(
            "coaching-appointment",
            &[
                ("when", format::date_time(locale, a.starts_at).into()),
                ("coach", name_of(a.coach).into()),
                (
                    "topic",
                    t.t(&format!("coaching-topic-{}", a.topic.code())).into(),
                ),
            ],
        )
    };
    // Only an appointment she may still move is offered for moving.
    let moving_record = moving.and_then(|id| booked.iter().find(|a| a.id == id).copied());
    let appointments = booked
        .iter()
        .map(|a| Booked {
            text: describe(a),
            cancel: format!("/providers/{provider}/coaching/{}/cancel", a.id),
            change: format!(
                "/providers/{provider}/coaching?topic={}&language={}&moving={}#times",
                a.topic.code(),
                a.language,
                a.id
            ),
        })
        .collect();
    let query = ctx.current.split_once('?').map(|(_, q)| q);
    let title = t.t("coaching-title");
    Ok(CoachingPage {
        l: ctx.layout(&title),
        errors: Vec::new(),
        notice: ["booked", "cancelled", "moved"]
            .into_iter()
            .find(|k| query_value(query, k).is_some())
            .map(|k| t.t(&format!("coaching-notice-{k}"))),
        topics: HelpTopic::ALL
            .iter()
            .map(|each| Choice {
                value: each.code().to_owned(),
                label: t.t(&format!("coaching-topic-{}", each.code())),
                selected: topic == Some(*each),
            })
            .collect(),
        languages: LANGUAGES
            .iter()
            .map(|(tag, name)| Choice {
                value: (*tag).to_owned(),
                label: (*name).to_owned(),
                selected: *tag == language,
            })
            .collect(),
        searched: topic.map(|t| (t.code().to_owned(), language.clone())),
        days,
        appointments,
        moving: moving_record.map(describe),
        action: match moving_record {
            Some(a) => format!("/providers/{provider}/coaching/{}/move", a.id),
            None => format!("/providers/{provider}/coaching"),
        },
        csrf: ctx.csrf(),
    })
}

async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(session): SignedIn,
    Path(number): Path<String>,
) -> Result<Response, WebError> {
    let provider = provider_number(&number)?;
    let query = ctx.current.split_once('?').map(|(_, q)| q);
    let topic = match query_value(query, "topic") {
        Some(code) => Some(HelpTopic::parse(&code).map_err(|_| WebError::BadForm)?),
        None => None,
    };
    let language =
        query_value(query, "language").filter(|l| LANGUAGES.iter().any(|(tag, _)| tag == l));
    let moving = query_value(query, "moving").and_then(|m| m.parse().ok());
    let page = coaching_page(
        &state,
        &ctx,
        &session.caller,
        provider,
        topic,
        language,
        moving,
    )
    .await?;
    Ok(render(&page)?.into_response())
}

#[derive(Debug, serde::Deserialize)]
struct BookInput {
    coach: i64,
    starts_at: String,
    topic: String,
    language: String,
}

impl BookInput {
    /// The hidden fields come from the page; anything else is a forged form.
    fn read(&self) -> Result<(HelpTopic, time::PrimitiveDateTime), WebError> {
        let topic = HelpTopic::parse(&self.topic).map_err(|_| WebError::BadForm)?;
        let (day, clock) = self.starts_at.split_once(' ').ok_or(WebError::BadForm)?;
        let day = pathways_domain::error::parse_date(day).map_err(|_| WebError::BadForm)?;
        let (hour, minute) = clock.split_once(':').ok_or(WebError::BadForm)?;
        let clock = time::Time::from_hms(
            hour.parse().map_err(|_| WebError::BadForm)?,
            minute.parse().map_err(|_| WebError::BadForm)?,
            0,
        )
        .map_err(|_| WebError::BadForm)?;
        if !LANGUAGES.iter().any(|(tag, _)| *tag == self.language) {
            return Err(WebError::BadForm);
        }
        Ok((topic, day.with_time(clock)))
    }
}

/// The page again, with why the time could not be booked (or moved to) in her language.
async fn refused(
    state: &AppState,
    ctx: &Ctx,
    caller: &pathways_app::access::Caller,
    provider: ProviderNumber,
    input: BookInput,
    moving: Option<i64>,
    error: CoachingError,
) -> Result<Response, WebError> {
    let t = ctx.t;
    let text = match &error {
        CoachingError::Refused(refusal) => {
            t.t(&format!("coaching-refused-{}", refusal.rule.code()))
        }
        CoachingError::NotChangeable(_) => t.t("coaching-error-not-changeable"),
        _ => return Err(error.into()),
    };
    let topic = HelpTopic::parse(&input.topic).ok();
    let mut page = coaching_page(
        state,
        ctx,
        caller,
        provider,
        topic,
        Some(input.language),
        moving,
    )
    .await?;
    page.errors.push(ErrorLink {
        href: "#times".into(),
        text,
    });
    let title = format!("{} {}", t.t("error-prefix"), t.t("coaching-title"));
    page.l.retitle(&title);
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}

/// `POST /providers/{n}/coaching`: books the time a button offered.
async fn book(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(session): SignedIn,
    Path(number): Path<String>,
    CsrfForm(input): CsrfForm<BookInput>,
) -> Result<Response, WebError> {
    let provider = provider_number(&number)?;
    let (topic, starts_at) = input.read()?;
    match state
        .coaching
        .book(
            &session.caller,
            provider,
            input.coach,
            topic,
            &input.language,
            starts_at,
            state.now(),
        )
        .await
    {
        Ok(_) => Ok(see_other(&format!(
            "/providers/{provider}/coaching?booked=1"
        ))),
        Err(error) => refused(&state, &ctx, &session.caller, provider, input, None, error).await,
    }
}

/// `POST /providers/{n}/coaching/{id}/move`: moves her appointment to the time a button
/// offered; the old time is freed only if the new one is booked.
async fn move_to(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(session): SignedIn,
    Path((number, appointment)): Path<(String, i64)>,
    CsrfForm(input): CsrfForm<BookInput>,
) -> Result<Response, WebError> {
    let provider = provider_number(&number)?;
    let (_, starts_at) = input.read()?;
    match state
        .coaching
        .reschedule(
            &session.caller,
            appointment,
            input.coach,
            starts_at,
            state.now(),
        )
        .await
    {
        Ok(_) => Ok(see_other(&format!(
            "/providers/{provider}/coaching?moved=1"
        ))),
        Err(error) => {
            refused(
                &state,
                &ctx,
                &session.caller,
                provider,
                input,
                Some(appointment),
                error,
            )
            .await
        }
    }
}

/// `POST /providers/{n}/coaching/{id}/cancel`.
async fn cancel(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(session): SignedIn,
    Path((number, appointment)): Path<(String, i64)>,
    CsrfForm(_): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let provider = provider_number(&number)?;
    match state
        .coaching
        .cancel(&session.caller, appointment, state.now())
        .await
    {
        Ok(()) => Ok(see_other(&format!(
            "/providers/{provider}/coaching?cancelled=1"
        ))),
        Err(CoachingError::NotChangeable(_)) => {
            let t = ctx.t;
            let mut page =
                coaching_page(&state, &ctx, &session.caller, provider, None, None, None).await?;
            page.errors.push(ErrorLink {
                href: "#mine".into(),
                text: t.t("coaching-error-not-changeable"),
            });
            let title = format!("{} {}", t.t("error-prefix"), t.t("coaching-title"));
            page.l.retitle(&title);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

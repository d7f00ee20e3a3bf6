//! "Talk to a coach": a provider picks a topic and a language, sees the open times of the
//! next two weeks with coaches who speak it, and books one with a button; her appointments
//! are listed below. A refusal (the time was just taken, too many appointments) says why in
//! her language.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
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
    Router::new().route("/providers/{number}/coaching", get(page).post(book))
}

impl From<CoachingError> for WebError {
    fn from(error: CoachingError) -> Self {
        match error {
            CoachingError::Access(access) => access.into(),
            CoachingError::Store(store) => Self::Store(store),
            CoachingError::NoSuchCoach(_) => Self::NotFound,
            CoachingError::IncompleteCoach | CoachingError::Refused(_) => Self::BadForm,
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
    appointments: Vec<String>,
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
    let appointments = appointments_of
        .iter()
        .filter(|a| a.state == "booked" && a.starts_at >= now)
        .map(|a| {
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
        })
        .collect();
    let query = ctx.current.split_once('?').map(|(_, q)| q);
    let title = t.t("coaching-title");
    Ok(CoachingPage {
        l: ctx.layout(&title),
        errors: Vec::new(),
        notice: query_value(query, "booked").map(|_| t.t("coaching-notice-booked")),
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
        action: format!("/providers/{provider}/coaching"),
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
    let page = coaching_page(&state, &ctx, &session.caller, provider, topic, language).await?;
    Ok(render(&page)?.into_response())
}

#[derive(Debug, serde::Deserialize)]
struct BookInput {
    coach: i64,
    starts_at: String,
    topic: String,
    language: String,
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
    // The hidden fields come from the page; anything else is a forged form.
    let topic = HelpTopic::parse(&input.topic).map_err(|_| WebError::BadForm)?;
    let (day, clock) = input.starts_at.split_once(' ').ok_or(WebError::BadForm)?;
    let day = pathways_domain::error::parse_date(day).map_err(|_| WebError::BadForm)?;
    let (hour, minute) = clock.split_once(':').ok_or(WebError::BadForm)?;
    let clock = time::Time::from_hms(
        hour.parse().map_err(|_| WebError::BadForm)?,
        minute.parse().map_err(|_| WebError::BadForm)?,
        0,
    )
    .map_err(|_| WebError::BadForm)?;
    if !LANGUAGES.iter().any(|(tag, _)| *tag == input.language) {
        return Err(WebError::BadForm);
    }
    match state
        .coaching
        .book(
            &session.caller,
            provider,
            input.coach,
            topic,
            &input.language,
            day.with_time(clock),
            state.now(),
        )
        .await
    {
        Ok(_) => Ok(see_other(&format!(
            "/providers/{provider}/coaching?booked=1"
        ))),
        Err(CoachingError::Refused(refusal)) => {
            let t = ctx.t;
            let mut page = coaching_page(
                &state,
                &ctx,
                &session.caller,
                provider,
                Some(topic),
                Some(input.language),
            )
            .await?;
            page.errors.push(ErrorLink {
                href: "#times".into(),
                text: t.t(&format!("coaching-refused-{}", refusal.rule.code())),
            });
            let title = format!("{} {}", t.t("error-prefix"), t.t("coaching-title"));
            page.l.retitle(&title);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

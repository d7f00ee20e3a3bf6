//! Coaches and their hours: program staff add a coach (languages, topics, and the coach's own
//! sign-in) and see every coach's hours; a coach (or program staff for them) publishes weekly
//! hours and time off on the program's (California) clock, each shown in the reader's own
//! language's formats. A refusal (hours that end before they start or overlap) says why.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use pathways_app::coaching::CoachingError;
use pathways_domain::access::Action;
use pathways_domain::coaching::{Availability, HelpTopic, HoursError, TimeOff, WeeklyHours};
use pathways_store::{CoachRecord, NewCoach};
use time::{PrimitiveDateTime, Time, Weekday};

use super::account::{ErrorLink, query_value, see_other};
use super::staff::require;
use super::{Ctx, Layout, render};
use crate::AppState;
use crate::error::WebError;
use crate::format;
use crate::i18n::Translator;
use crate::session::{CsrfForm, SignedIn};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/coaches", get(list).post(add))
        .route("/coach/hours", get(own_hours))
        .route("/coaches/{id}/hours", get(hours_page).post(publish))
        .route(
            "/coaches/{id}/meeting-link",
            axum::routing::post(meeting_link),
        )
}

/// The languages a coach may be added with, by their names in their own language.
const LANGUAGES: [(&str, &str); 3] = [
    ("en", "English"),
    ("es", "Español"),
    ("zh-Hant", "繁體中文"),
];

/// Monday first, as a work week reads.
const WEEK: [Weekday; 7] = [
    Weekday::Monday,
    Weekday::Tuesday,
    Weekday::Wednesday,
    Weekday::Thursday,
    Weekday::Friday,
    Weekday::Saturday,
    Weekday::Sunday,
];

fn week_summary(t: Translator, availability: &Availability) -> Vec<String> {
    let locale = t.locale();
    WEEK.iter()
        .filter_map(|day| {
            let ranges: Vec<String> = availability
                .weekly()
                .iter()
                .filter(|h| h.weekday == *day)
                .map(|h| {
                    format!(
                        "{}–{}",
                        format::time_of_day(locale, h.start),
                        format::time_of_day(locale, h.end)
                    )
                })
                .collect();
            (!ranges.is_empty()).then(|| {
                format!(
                    "{}: {}",
                    format::weekday_name(locale, *day),
                    ranges.join(", ")
                )
            })
        })
        .collect()
}

#[derive(Debug)]
struct CoachRow {
    name: String,
    languages: String,
    topics: String,
    hours: Vec<String>,
    href: String,
}

#[derive(Debug)]
struct Check {
    value: &'static str,
    label: String,
    checked: bool,
}

#[derive(Template)]
#[template(path = "coaches.html")]
struct CoachesPage {
    l: Layout,
    errors: Vec<ErrorLink>,
    notice: Option<String>,
    coaches: Vec<CoachRow>,
    languages: Vec<Check>,
    topics: Vec<Check>,
    name: String,
    email: String,
    csrf: String,
}

async fn coaches_page(
    state: &AppState,
    ctx: &Ctx,
    caller: &pathways_app::access::Caller,
    form: &[(String, String)],
) -> Result<CoachesPage, WebError> {
    let t = ctx.t;
    let coaches = state.coaching.coaches(caller).await?;
    let field = |name: &str| {
        form.iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let ticked = |name: &str, value: &str| form.iter().any(|(k, v)| k == name && v == value);
    let query = ctx.current.split_once('?').map(|(_, q)| q);
    let title = t.t("coaches-title");
    Ok(CoachesPage {
        l: ctx.layout(&title),
        errors: Vec::new(),
        notice: query_value(query, "added").map(|_| t.t("coaches-notice-added")),
        coaches: coaches
            .iter()
            .map(|c: &CoachRecord| CoachRow {
                name: c.name.clone(),
                languages: c
                    .languages
                    .iter()
                    .map(|l| crate::i18n::language_name(&t, l))
                    .collect::<Vec<_>>()
                    .join(", "),
                topics: c
                    .topics
                    .iter()
                    .map(|topic| t.t(&format!("coaching-topic-{}", topic.code())))
                    .collect::<Vec<_>>()
                    .join(", "),
                hours: week_summary(t, &c.availability),
                href: format!("/coaches/{}/hours", c.id),
            })
            .collect(),
        languages: LANGUAGES
            .iter()
            .map(|(tag, name)| Check {
                value: tag,
                label: (*name).to_owned(),
                checked: ticked("languages", tag),
            })
            .collect(),
        topics: HelpTopic::ALL
            .iter()
            .map(|topic| Check {
                value: topic.code(),
                label: t.t(&format!("coaching-topic-{}", topic.code())),
                checked: ticked("topics", topic.code()),
            })
            .collect(),
        name: field("name"),
        email: field("email"),
        csrf: ctx.csrf(),
    })
}

async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(session): SignedIn,
) -> Result<Response, WebError> {
    require(&session.caller, Action::ManageCoaches)?;
    Ok(render(&coaches_page(&state, &ctx, &session.caller, &[]).await?)?.into_response())
}

async fn add(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(session): SignedIn,
    CsrfForm(form): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    require(&session.caller, Action::ManageCoaches)?;
    let t = ctx.t;
    let values = |name: &str| -> Vec<String> {
        form.iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    };
    let languages = values("languages");
    // Only the form's own choices: anything else is a forged form.
    if !languages
        .iter()
        .all(|l| LANGUAGES.iter().any(|(tag, _)| tag == l))
    {
        return Err(WebError::BadForm);
    }
    let topics = values("topics")
        .iter()
        .map(|code| HelpTopic::parse(code))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| WebError::BadForm)?;
    let name = values("name").concat();
    let email = values("email").concat();
    let mut errors = Vec::new();
    let account = if email.trim().is_empty() {
        None
    } else {
        match state.coaching.coach_account(&email).await {
            Ok(account) => Some(account),
            Err(CoachingError::NotACoachAccount(_)) => {
                errors.push(ErrorLink {
                    href: "#email".into(),
                    text: t.t("coaches-error-account"),
                });
                None
            }
            Err(other) => return Err(other.into()),
        }
    };
    if errors.is_empty() {
        let coach = NewCoach {
            name: name.trim().to_owned(),
            languages,
            topics,
            account,
        };
        match state.coaching.add_coach(&session.caller, &coach).await {
            Ok(_) => return Ok(see_other("/admin/coaches?added=1")),
            Err(CoachingError::IncompleteCoach) => errors.push(ErrorLink {
                href: "#name".into(),
                text: t.t("coaches-error-incomplete"),
            }),
            Err(other) => return Err(other.into()),
        }
    }
    let mut page = coaches_page(&state, &ctx, &session.caller, &form).await?;
    page.errors = errors;
    let title = format!("{} {}", t.t("error-prefix"), t.t("coaches-title"));
    page.l.retitle(&title);
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}

/// `/coach/hours`: a coach's own hours page.
async fn own_hours(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
) -> Result<Response, WebError> {
    match state.coach_desk.desk_of(&session.caller).await? {
        Some(coach) => Ok(see_other(&format!("/coaches/{coach}/hours"))),
        None => Ok(see_other("/admin/coaches")),
    }
}

#[derive(Debug)]
struct DayRow {
    /// The field names' prefix, e.g. `monday`.
    key: String,
    name: String,
    /// Two ranges a day: (start, end) as `HH:MM`, empty when not used.
    ranges: [(String, String); 2],
}

#[derive(Debug)]
struct OffRow {
    index: usize,
    label: String,
    from: String,
    until: String,
}

#[derive(Template)]
#[template(path = "coach_hours.html")]
struct HoursPage {
    l: Layout,
    errors: Vec<ErrorLink>,
    notice: Option<String>,
    heading: String,
    action: String,
    link_action: String,
    meeting_link: String,
    days: Vec<DayRow>,
    time_off: Vec<OffRow>,
    csrf: String,
}

fn clock(at: Time) -> String {
    format!("{:02}:{:02}", at.hour(), at.minute())
}

fn local(at: PrimitiveDateTime) -> String {
    format!("{}T{}", at.date(), clock(at.time()))
}

fn hours_view(ctx: &Ctx, coach: &CoachRecord) -> HoursPage {
    let t = ctx.t;
    let locale = t.locale();
    let days = WEEK
        .iter()
        .map(|day| {
            let mut ranges: [(String, String); 2] = Default::default();
            for (slot, h) in coach
                .availability
                .weekly()
                .iter()
                .filter(|h| h.weekday == *day)
                .take(2)
                .enumerate()
            {
                ranges[slot] = (clock(h.start), clock(h.end));
            }
            DayRow {
                key: day.to_string().to_lowercase(),
                name: format::weekday_name(locale, *day).to_owned(),
                ranges,
            }
        })
        .collect();
    let time_off = coach
        .availability
        .time_off()
        .iter()
        .enumerate()
        .map(|(index, off)| OffRow {
            index,
            label: format!(
                "{} – {}",
                format::date_time(locale, off.from),
                format::date_time(locale, off.until)
            ),
            from: local(off.from),
            until: local(off.until),
        })
        .collect();
    let query = ctx.current.split_once('?').map(|(_, q)| q);
    let heading = t.t_args("coach-hours-title", &[("coach", coach.name.clone().into())]);
    HoursPage {
        l: ctx.layout(&heading),
        errors: Vec::new(),
        notice: ["published", "linked"]
            .into_iter()
            .find(|k| query_value(query, k).is_some())
            .map(|k| {
                t.t(if k == "linked" {
                    "coach-link-notice"
                } else {
                    "coach-hours-notice"
                })
            }),
        heading,
        action: format!("/coaches/{}/hours", coach.id),
        link_action: format!("/coaches/{}/meeting-link", coach.id),
        meeting_link: coach.meeting_link.clone().unwrap_or_default(),
        days,
        time_off,
        csrf: ctx.csrf(),
    }
}

async fn hours_page(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(session): SignedIn,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let coach = state.coaching.coach(&session.caller, id).await?;
    Ok(render(&hours_view(&ctx, &coach))?.into_response())
}

/// Why the hours sent cannot be published, as a message key and the field it is about.
enum HoursProblem {
    /// A time that is not `HH:MM`, or a date and time that is not one.
    Unreadable(String),
    Rules(HoursError),
}

fn read_hours(form: &[(String, String)]) -> Result<Availability, HoursProblem> {
    let field = |name: &str| {
        form.iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_owned())
            .unwrap_or_default()
    };
    let time_of = |name: &str| -> Result<Option<Time>, HoursProblem> {
        let raw = field(name);
        if raw.is_empty() {
            return Ok(None);
        }
        let (h, m) = raw
            .split_once(':')
            .ok_or_else(|| HoursProblem::Unreadable(name.to_owned()))?;
        let parsed = h
            .parse()
            .ok()
            .zip(m.get(..2).and_then(|m| m.parse().ok()))
            .and_then(|(h, m)| Time::from_hms(h, m, 0).ok());
        parsed
            .map(Some)
            .ok_or_else(|| HoursProblem::Unreadable(name.to_owned()))
    };
    let mut weekly = Vec::new();
    for day in WEEK {
        let key = day.to_string().to_lowercase();
        for slot in 1..=2 {
            let (start_name, end_name) =
                (format!("{key}-{slot}-start"), format!("{key}-{slot}-end"));
            match (time_of(&start_name)?, time_of(&end_name)?) {
                (Some(start), Some(end)) => weekly.push(WeeklyHours {
                    weekday: day,
                    start,
                    end,
                }),
                (None, None) => {}
                // Half a range: the missing end (or start) is the field to fill.
                (Some(_), None) => return Err(HoursProblem::Unreadable(end_name)),
                (None, Some(_)) => return Err(HoursProblem::Unreadable(start_name)),
            }
        }
    }
    let moment = |name: &str| -> Result<Option<PrimitiveDateTime>, HoursProblem> {
        let raw = field(name);
        if raw.is_empty() {
            return Ok(None);
        }
        let unreadable = || HoursProblem::Unreadable(name.to_owned());
        let (day, at) = raw.split_once('T').ok_or_else(unreadable)?;
        let day = pathways_domain::error::parse_date(day).map_err(|_| unreadable())?;
        let (h, m) = at.split_once(':').ok_or_else(unreadable)?;
        let at = h
            .parse()
            .ok()
            .zip(m.get(..2).and_then(|m| m.parse().ok()))
            .and_then(|(h, m)| Time::from_hms(h, m, 0).ok())
            .ok_or_else(unreadable)?;
        Ok(Some(day.with_time(at)))
    };
    let mut time_off = Vec::new();
    for (name, value) in form {
        if let Some(index) = name.strip_prefix("keep-")
            && value == "1"
            && let (Some(from), Some(until)) = (
                moment(&format!("off-{index}-from"))?,
                moment(&format!("off-{index}-until"))?,
            )
        {
            time_off.push(TimeOff { from, until });
        }
    }
    match (moment("off-new-from")?, moment("off-new-until")?) {
        (Some(from), Some(until)) => time_off.push(TimeOff { from, until }),
        (None, None) => {}
        (Some(_), None) => return Err(HoursProblem::Unreadable("off-new-until".into())),
        (None, Some(_)) => return Err(HoursProblem::Unreadable("off-new-from".into())),
    }
    Availability::new(weekly, time_off).map_err(HoursProblem::Rules)
}

async fn publish(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(session): SignedIn,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let t = ctx.t;
    let coach = state.coaching.coach(&session.caller, id).await?;
    let (href, text) = match read_hours(&form) {
        Ok(availability) => {
            state
                .coaching
                .publish_hours(&session.caller, id, &availability)
                .await?;
            return Ok(see_other(&format!("/coaches/{id}/hours?published=1")));
        }
        Err(HoursProblem::Unreadable(field)) => (field, t.t("coach-hours-error-unreadable")),
        Err(HoursProblem::Rules(HoursError::EndsBeforeStart { weekday, .. })) => (
            format!("{}-1-start", weekday.to_string().to_lowercase()),
            t.t_args(
                "coach-hours-error-ends-before",
                &[("day", format::weekday_name(t.locale(), weekday).into())],
            ),
        ),
        Err(HoursProblem::Rules(HoursError::Overlap { weekday, .. })) => (
            format!("{}-2-start", weekday.to_string().to_lowercase()),
            t.t_args(
                "coach-hours-error-overlap",
                &[("day", format::weekday_name(t.locale(), weekday).into())],
            ),
        ),
        Err(HoursProblem::Rules(HoursError::TimeOffEndsBeforeStart { .. })) => {
            ("off-new-from".to_owned(), t.t("coach-hours-error-off"))
        }
    };
    let mut page = hours_view(&ctx, &coach);
    page.errors.push(ErrorLink {
        href: format!("#{href}"),
        text,
    });
    let title = format!("{} {}", t.t("error-prefix"), page.heading);
    page.l.retitle(&title);
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}

#[derive(Debug, serde::Deserialize)]
struct LinkInput {
    #[serde(default)]
    link: String,
}

async fn meeting_link(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(session): SignedIn,
    Path(id): Path<i64>,
    CsrfForm(input): CsrfForm<LinkInput>,
) -> Result<Response, WebError> {
    let t = ctx.t;
    match state
        .coaching
        .set_meeting_link(&session.caller, id, &input.link)
        .await
    {
        Ok(()) => Ok(see_other(&format!("/coaches/{id}/hours?linked=1"))),
        Err(CoachingError::BadMeetingLink) => {
            let coach = state.coaching.coach(&session.caller, id).await?;
            let mut page = hours_view(&ctx, &coach);
            page.meeting_link = input.link;
            page.errors.push(ErrorLink {
                href: "#link".into(),
                text: t.t("coach-link-error"),
            });
            let title = format!("{} {}", t.t("error-prefix"), page.heading);
            page.l.retitle(&title);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn the_week_form_reads_two_ranges_a_day_and_time_off() {
        let hours = read_hours(&form(&[
            ("monday-1-start", "09:00"),
            ("monday-1-end", "12:00"),
            ("monday-2-start", "13:00"),
            ("monday-2-end", "17:30"),
            ("keep-0", "1"),
            ("off-0-from", "2026-12-24T00:00"),
            ("off-0-until", "2026-12-27T00:00"),
            ("off-1-from", "2026-12-01T00:00"),
            ("off-1-until", "2026-12-02T00:00"),
            ("off-new-from", "2027-01-01T00:00"),
            ("off-new-until", "2027-01-02T00:00"),
        ]))
        .ok()
        .expect("hours");
        assert_eq!(hours.weekly().len(), 2);
        // The unticked time off is dropped; the new one is added.
        assert_eq!(hours.time_off().len(), 2);
    }

    #[test]
    fn half_a_range_or_an_unreadable_time_names_its_field() {
        match read_hours(&form(&[("friday-1-start", "09:00")])) {
            Err(HoursProblem::Unreadable(field)) => assert_eq!(field, "friday-1-end"),
            _ => panic!("half a range"),
        }
        match read_hours(&form(&[
            ("friday-1-start", "nine"),
            ("friday-1-end", "10:00"),
        ])) {
            Err(HoursProblem::Unreadable(field)) => assert_eq!(field, "friday-1-start"),
            _ => panic!("unreadable"),
        }
        assert!(matches!(
            read_hours(&form(&[
                ("friday-1-start", "09:00"),
                ("friday-1-end", "12:00"),
                ("friday-2-start", "11:00"),
                ("friday-2-end", "13:00"),
            ])),
            Err(HoursProblem::Rules(HoursError::Overlap { .. }))
        ));
    }
}

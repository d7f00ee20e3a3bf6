//! Asking for help in writing: anyone (signed in or not, then with a way to be reached) asks a
//! question in a category, with a file if they like; it goes to the desk that answers it, and
//! the page says which. Each desk (a vendor's staff, the service desk, program staff) works its
//! own queue by category and age, takes a ticket, reads the asker's records in one place and
//! answers (in its own words or a prepared answer in the asker's language); the asker is told
//! and answers back on the ticket's page.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::extract::{DefaultBodyLimit, Path};
use axum::http::StatusCode;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use pathways_app::help::{CANNED_ANSWERS, HelpError, Question, Reply, Side, Upload};
use pathways_domain::access::Action;
use pathways_domain::coaching::{AttachmentRefusal, Desk, TicketCategory};
use pathways_domain::ids::CourseNumber;
use time::{Duration, OffsetDateTime};

use super::account::{ErrorLink, query_value, see_other};
use super::staff::{pacific_time, require};
use super::{Ctx, Layout, render};
use crate::AppState;
use crate::error::WebError;
use crate::format;
use crate::i18n::Translator;
use crate::session::{CsrfForm, CsrfMultipart, SentFile, SignedIn};

/// The most a form with a file may send: more than the file limit, so a file a little too
/// large is refused with a message rather than a broken page.
const FORM_LIMIT: usize = 8 * 1024 * 1024;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/help/ask",
            get(ask_page)
                .post(ask)
                .layer(DefaultBodyLimit::max(FORM_LIMIT)),
        )
        .route("/desk/tickets", get(desk))
        .route("/tickets/{id}", get(ticket_page))
        .route(
            "/tickets/{id}/reply",
            post(reply).layer(DefaultBodyLimit::max(FORM_LIMIT)),
        )
        .route("/tickets/{id}/assign", post(assign))
        .route("/tickets/files/{id}", get(attachment))
}

impl From<HelpError> for WebError {
    fn from(error: HelpError) -> Self {
        match error {
            HelpError::Access(access) => access.into(),
            HelpError::Store(store) => Self::Store(store),
            HelpError::NotFound => Self::NotFound,
            HelpError::Empty
            | HelpError::NoContact
            | HelpError::TooLong
            | HelpError::NoSuchAnswer
            | HelpError::Attachment(_) => Self::BadForm,
        }
    }
}

fn upload(file: Option<SentFile>) -> Option<Upload> {
    file.map(|f| Upload {
        file_name: f.file_name,
        bytes: f.bytes,
    })
}

/// The words for a refusal the person can put right, and the field it is about.
pub(crate) fn refusal(t: Translator, error: &HelpError) -> Option<(&'static str, String)> {
    Some(match error {
        HelpError::Empty => ("body", t.t("ask-error-empty")),
        HelpError::TooLong => ("body", t.t("ask-error-too-long")),
        HelpError::NoContact => ("contact", t.t("ask-error-contact")),
        HelpError::Attachment(AttachmentRefusal::Empty) => {
            ("attachment", t.t("ask-error-file-empty"))
        }
        HelpError::Attachment(AttachmentRefusal::TooLarge) => {
            ("attachment", t.t("ask-error-file-large"))
        }
        HelpError::Attachment(AttachmentRefusal::WrongType) => {
            ("attachment", t.t("ask-error-file-type"))
        }
        _ => return None,
    })
}

/// What was typed, kept when the form is refused.
#[derive(Debug, Default, serde::Deserialize)]
struct AskInput {
    #[serde(default)]
    category: String,
    #[serde(default)]
    course: String,
    #[serde(default)]
    subject: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    contact: String,
}

#[derive(Debug)]
struct Choice {
    value: &'static str,
    label: String,
    checked: bool,
}

/// One of the asker's own questions.
#[derive(Debug)]
struct MineRow {
    href: String,
    text: String,
    status: String,
}

#[derive(Template)]
#[template(path = "ask.html")]
struct AskPage {
    l: Layout,
    errors: Vec<ErrorLink>,
    notice: Option<String>,
    signed_in: bool,
    categories: Vec<Choice>,
    input: AskInput,
    mine: Vec<MineRow>,
    csrf: String,
}

const CATEGORIES: [&str; 3] = ["course-registration", "payments-and-claims", "other"];

fn ask_view(ctx: &Ctx, input: AskInput) -> AskPage {
    let t = ctx.t;
    let query = ctx.current.split_once('?').map(|(_, q)| q);
    let notice = match (query_value(query, "sent"), query_value(query, "to")) {
        (Some(id), Some(to))
            if ["vendor", "service-desk", "program-inbox"].contains(&to.as_str()) =>
        {
            Some(t.t_args(&format!("ask-sent-{to}"), &[("ticket", id.into())]))
        }
        _ => None,
    };
    let title = t.t("ask-title");
    AskPage {
        l: ctx.layout(&title),
        errors: Vec::new(),
        notice,
        signed_in: ctx.visitor.as_ref().is_some_and(|v| v.session.is_some()),
        categories: CATEGORIES
            .iter()
            .map(|c| Choice {
                value: c,
                label: t.t(&format!("ask-category-{c}")),
                checked: input.category == *c || (input.category.is_empty() && *c == "other"),
            })
            .collect(),
        input,
        mine: Vec::new(),
        csrf: ctx.csrf(),
    }
}

/// The ask page, with a signed-in provider's own questions below the form.
async fn ask_view_with_mine(
    state: &AppState,
    ctx: &Ctx,
    input: AskInput,
) -> Result<AskPage, WebError> {
    let t = ctx.t;
    let mut page = ask_view(ctx, input);
    let caller = ctx.visitor.as_ref().and_then(|v| v.session.as_ref());
    if let Some(session) = caller
        && let pathways_domain::access::Actor::Provider { provider } = session.caller.actor
    {
        page.mine = state
            .help
            .provider_tickets(&session.caller, provider)
            .await?
            .into_iter()
            .map(|ticket| MineRow {
                href: format!("/tickets/{}", ticket.id),
                text: format!(
                    "{}: {}",
                    t.t_args("desk-ticket", &[("ticket", ticket.id.to_string().into())]),
                    ticket.subject
                ),
                status: t.t(&format!("ticket-status-{}", ticket.status.code())),
            })
            .collect();
    }
    Ok(page)
}

async fn ask_page(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    Ok(render(&ask_view_with_mine(&state, &ctx, AskInput::default()).await?)?.into_response())
}

async fn ask(
    State(state): State<AppState>,
    ctx: Ctx,
    CsrfMultipart(input, file): CsrfMultipart<AskInput>,
) -> Result<Response, WebError> {
    let t = ctx.t;
    // The categories are the form's own options: anything else is a forged form.
    if !CATEGORIES.contains(&input.category.as_str()) {
        return Err(WebError::BadForm);
    }
    let mut errors = Vec::new();
    let category = match input.category.as_str() {
        "course-registration" => match CourseNumber::parse(&input.course) {
            Ok(number) => Some(TicketCategory::CourseRegistration(number)),
            Err(_) => {
                errors.push(ErrorLink {
                    href: "#course".into(),
                    text: t.t("ask-error-course"),
                });
                None
            }
        },
        "payments-and-claims" => Some(TicketCategory::PaymentsAndClaims),
        _ => Some(TicketCategory::Other),
    };
    let caller = ctx
        .visitor
        .as_ref()
        .and_then(|v| v.session.as_ref())
        .map(|s| s.caller.clone());
    if let Some(category) = category {
        let question = Question {
            category,
            subject: input.subject.clone(),
            body: input.body.clone(),
            contact_name: Some(input.name.clone()),
            contact: Some(input.contact.clone()),
            language: t.locale().tag().to_owned(),
            attachment: upload(file),
        };
        match state.help.ask(caller.as_ref(), &question).await {
            Ok((id, desk)) => {
                let to = match desk {
                    Desk::Vendor(_) => "vendor",
                    Desk::ServiceDesk => "service-desk",
                    Desk::ProgramInbox => "program-inbox",
                };
                return Ok(see_other(&format!("/help/ask?sent={id}&to={to}")));
            }
            Err(error) => match refusal(t, &error) {
                Some((field, text)) => errors.push(ErrorLink {
                    href: format!("#{field}"),
                    text,
                }),
                None => return Err(error.into()),
            },
        }
    }
    let mut page = ask_view_with_mine(&state, &ctx, input).await?;
    page.errors = errors;
    let title = format!("{} {}", t.t("error-prefix"), t.t("ask-title"));
    page.l.retitle(&title);
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}

/// How long ago, in words: minutes, hours or days.
fn age(t: Translator, span: Duration) -> String {
    let minutes = span.whole_minutes().max(0);
    let (key, n) = if minutes < 60 {
        ("age-minutes", minutes)
    } else if minutes < 48 * 60 {
        ("age-hours", minutes / 60)
    } else {
        ("age-days", minutes / (24 * 60))
    };
    t.t_args(key, &[("n", u64::try_from(n).unwrap_or_default().into())])
}

#[derive(Debug)]
struct TicketRow {
    href: String,
    heading: String,
    category: String,
    opened: String,
    waiting: String,
    status: String,
    assigned: Option<String>,
    from: String,
}

#[derive(Debug)]
struct Filter {
    value: &'static str,
    label: String,
    selected: bool,
}

#[derive(Template)]
#[template(path = "desk.html")]
struct DeskPage {
    l: Layout,
    filters: Vec<Filter>,
    tickets: Vec<TicketRow>,
    /// "3 open questions; first answers took 2 h on average".
    figures: String,
}

fn asker(t: Translator, ticket: &pathways_store::TicketRecord) -> String {
    match (ticket.provider, &ticket.contact) {
        (Some(p), _) => t.t_args("desk-from-provider", &[("provider", p.to_string().into())]),
        (None, Some(contact)) => format!(
            "{} {contact}",
            ticket.contact_name.clone().unwrap_or_default()
        )
        .trim()
        .to_owned(),
        (None, None) => String::new(),
    }
}

async fn desk(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(session): SignedIn,
) -> Result<Response, WebError> {
    require(&session.caller, Action::HandleTickets)?;
    let t = ctx.t;
    let query = ctx.current.split_once('?').map(|(_, q)| q);
    let chosen = query_value(query, "category").filter(|c| CATEGORIES.contains(&c.as_str()));
    let mine = query_value(query, "mine").is_some();
    let now = OffsetDateTime::now_utc();
    let all = state.help.desk(&session.caller).await?;
    let answered: Vec<Duration> = all
        .iter()
        .filter_map(|ticket| ticket.first_response_at.map(|at| at - ticket.opened_at))
        .collect();
    let figures = {
        let open = t.t_args("desk-open-count", &[("count", (all.len() as u64).into())]);
        match answered.len() {
            0 => open,
            n => {
                let total: Duration = answered.iter().copied().sum();
                let average = total / u32::try_from(n).unwrap_or(u32::MAX);
                format!(
                    "{open} {}",
                    t.t_args("desk-first-answer", &[("time", age(t, average).into())])
                )
            }
        }
    };
    let tickets = all
        .into_iter()
        // Oldest first, so the longest waiting is answered first.
        .filter(|ticket| chosen.as_deref().is_none_or(|c| c == ticket.category))
        .filter(|ticket| {
            !mine
                || ticket
                    .assigned
                    .as_ref()
                    .is_some_and(|(a, _)| Some(*a) == session.caller.account)
        })
        .map(|ticket| TicketRow {
            href: format!("/tickets/{}", ticket.id),
            heading: format!(
                "{}: {}",
                t.t_args("desk-ticket", &[("ticket", ticket.id.to_string().into())]),
                ticket.subject
            ),
            category: t.t(&format!("ask-category-{}", ticket.category)),
            opened: pacific_time(t.locale(), ticket.opened_at),
            waiting: age(t, now - ticket.opened_at),
            status: t.t(&format!("ticket-status-{}", ticket.status.code())),
            assigned: ticket.assigned.as_ref().map(|(_, name)| name.clone()),
            from: asker(t, &ticket),
        })
        .collect();
    let mut filters = vec![Filter {
        value: "",
        label: t.t("desk-filter-all"),
        selected: chosen.is_none(),
    }];
    filters.extend(CATEGORIES.iter().map(|c| Filter {
        value: c,
        label: t.t(&format!("ask-category-{c}")),
        selected: chosen.as_deref() == Some(*c),
    }));
    let title = t.t("desk-title");
    Ok(render(&DeskPage {
        l: ctx.layout(&title),
        filters,
        tickets,
        figures,
    })?
    .into_response())
}

#[derive(Debug)]
struct FileLink {
    href: String,
    label: String,
}

#[derive(Debug)]
struct MessageView {
    who: String,
    when: String,
    body: String,
    from_staff: bool,
    files: Vec<FileLink>,
}

#[derive(Debug)]
struct Canned {
    value: &'static str,
    label: String,
}

/// The asker's records as the desk sees them.
#[derive(Debug)]
struct SummaryView {
    name: String,
    county: String,
    reach: String,
    classes: Vec<String>,
    attendance: Vec<String>,
    claims: Vec<String>,
}

#[derive(Template)]
#[template(path = "ticket.html")]
struct TicketPage {
    l: Layout,
    errors: Vec<ErrorLink>,
    notice: Option<String>,
    id: i64,
    heading: String,
    facts: Vec<(String, String)>,
    messages: Vec<MessageView>,
    desk: bool,
    /// Taken by the reader (the desk offers to give it back) or not.
    mine: bool,
    canned: Vec<Canned>,
    summary: Option<SummaryView>,
    body_value: String,
    csrf: String,
}

fn summary_view(t: Translator, s: &pathways_app::help::ProviderDeskSummary) -> SummaryView {
    let locale = t.locale();
    let c = &s.contact;
    SummaryView {
        name: format!("{} {} ({})", c.first_name, c.last_name, c.provider),
        county: c.county.name().to_owned(),
        reach: [c.phone.clone(), c.email.clone()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · "),
        classes: s
            .classes
            .iter()
            .map(|class| {
                format!(
                    "{} ({}), {}: {}",
                    class.course_title,
                    class.session.course,
                    format::date(locale, class.session.starts_at.date()),
                    t.t(&format!("class-status-{}", class.status.code()))
                )
            })
            .collect(),
        attendance: s
            .attendance
            .iter()
            .map(|r| {
                let verdict = match r.hold_reason() {
                    Some(reason) => t.t(&format!("hold-reason-{}", reason.code())),
                    None => t.t("desk-verified"),
                };
                format!(
                    "{} {}: {} · {}",
                    format::date(locale, r.date),
                    r.course,
                    format::hours_2(locale, r.minutes),
                    verdict
                )
            })
            .collect(),
        claims: super::coach_desk::claim_lines(t, &s.claims, &s.incentive_claims),
    }
}

async fn ticket_view(
    state: &AppState,
    ctx: &Ctx,
    caller: &pathways_app::access::Caller,
    id: i64,
) -> Result<TicketPage, WebError> {
    let t = ctx.t;
    let locale = t.locale();
    let view = state.help.ticket(caller, id).await?;
    let ticket = &view.ticket;
    let desk = view.side == Side::Desk;
    let heading = format!(
        "{}: {}",
        t.t_args("desk-ticket", &[("ticket", ticket.id.to_string().into())]),
        ticket.subject
    );
    let mut facts = vec![
        (
            t.t("ticket-status"),
            t.t(&format!("ticket-status-{}", ticket.status.code())),
        ),
        (
            t.t("ask-category"),
            t.t(&format!("ask-category-{}", ticket.category)),
        ),
        (t.t("desk-opened"), pacific_time(locale, ticket.opened_at)),
    ];
    if desk {
        facts.push((t.t("desk-from"), asker(t, ticket)));
        if let Some(course) = &ticket.course {
            facts.push((t.t("ask-course"), course.clone()));
        }
        let now = OffsetDateTime::now_utc();
        facts.push((
            t.t("ticket-first-answer"),
            match ticket.first_response_at {
                Some(at) => age(t, at - ticket.opened_at),
                None => t.t_args(
                    "ticket-waiting",
                    &[("time", age(t, now - ticket.opened_at).into())],
                ),
            },
        ));
        if let Some(at) = ticket.resolved_at {
            facts.push((t.t("ticket-resolved-after"), age(t, at - ticket.opened_at)));
        }
        facts.push((
            t.t("ticket-assigned"),
            ticket
                .assigned
                .as_ref()
                .map_or_else(|| t.t("ticket-unassigned"), |(_, name)| name.clone()),
        ));
    }
    let messages = view
        .messages
        .iter()
        .map(|m| MessageView {
            who: match (m.from_staff, desk) {
                (true, _) => t.t(&format!("ticket-from-{}", desk_kind(&ticket.desk))),
                (false, false) => t.t("ticket-from-you"),
                (false, true) => asker(t, ticket),
            },
            when: pacific_time(locale, m.written_at),
            body: m.body.clone(),
            from_staff: m.from_staff,
            files: m
                .attachments
                .iter()
                .map(|f| FileLink {
                    href: format!("/tickets/files/{}", f.id),
                    label: format!(
                        "{} ({})",
                        f.file_name,
                        t.t_args("ticket-file-size", &[("kb", f.size.div_ceil(1024).into())])
                    ),
                })
                .collect(),
        })
        .collect();
    let query = ctx.current.split_once('?').map(|(_, q)| q);
    let notice = ["replied", "assigned"]
        .into_iter()
        .find(|k| query_value(query, k).is_some())
        .map(|k| t.t(&format!("ticket-notice-{k}")));
    Ok(TicketPage {
        l: ctx.layout(&heading),
        errors: Vec::new(),
        notice,
        id,
        heading,
        facts,
        messages,
        desk,
        mine: ticket
            .assigned
            .as_ref()
            .is_some_and(|(a, _)| Some(*a) == caller.account),
        canned: if desk {
            CANNED_ANSWERS
                .iter()
                .map(|c| Canned {
                    value: c,
                    label: t.t(&format!("canned-{c}-title")),
                })
                .collect()
        } else {
            Vec::new()
        },
        summary: view.summary.as_ref().map(|s| summary_view(t, s)),
        body_value: String::new(),
        csrf: ctx.csrf(),
    })
}

/// The desk's kind, for the words that name who answered.
fn desk_kind(desk: &Desk) -> &'static str {
    match desk {
        Desk::Vendor(_) => "vendor",
        Desk::ServiceDesk => "service-desk",
        Desk::ProgramInbox => "program-inbox",
    }
}

async fn ticket_page(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(session): SignedIn,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    Ok(render(&ticket_view(&state, &ctx, &session.caller, id).await?)?.into_response())
}

#[derive(Debug, Default, serde::Deserialize)]
struct ReplyInput {
    #[serde(default)]
    body: String,
    #[serde(default)]
    canned: String,
    #[serde(default)]
    resolves: Option<String>,
}

async fn reply(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(session): SignedIn,
    Path(id): Path<i64>,
    CsrfMultipart(input, file): CsrfMultipart<ReplyInput>,
) -> Result<Response, WebError> {
    let t = ctx.t;
    let reply = Reply {
        body: input.body.clone(),
        canned: Some(input.canned.clone()).filter(|c| !c.is_empty()),
        resolves: input.resolves.is_some(),
        attachment: upload(file),
    };
    match state.help.reply(&session.caller, id, &reply).await {
        Ok(()) => Ok(see_other(&format!("/tickets/{id}?replied=1"))),
        Err(error) => match refusal(t, &error) {
            Some((field, text)) => {
                let mut page = ticket_view(&state, &ctx, &session.caller, id).await?;
                page.errors.push(ErrorLink {
                    href: format!("#{field}"),
                    text,
                });
                page.body_value = input.body;
                let title = format!("{} {}", t.t("error-prefix"), page.heading);
                page.l.retitle(&title);
                Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
            }
            None => Err(error.into()),
        },
    }
}

#[derive(Debug, serde::Deserialize)]
struct AssignInput {
    /// `me` to take the ticket, `desk` to give it back.
    to: String,
}

async fn assign(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    Path(id): Path<i64>,
    CsrfForm(input): CsrfForm<AssignInput>,
) -> Result<Response, WebError> {
    let mine = match input.to.as_str() {
        "me" => true,
        "desk" => false,
        _ => return Err(WebError::BadForm),
    };
    state.help.assign(&session.caller, id, mine).await?;
    Ok(see_other(&format!("/tickets/{id}?assigned=1")))
}

/// A file sent with a ticket, for those who may read the ticket: always downloaded, never
/// shown in the page, under the type its contents were checked to be.
async fn attachment(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let (info, bytes) = state.help.attachment(&session.caller, id).await?;
    let ascii: String = info
        .file_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_ ".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = info
        .file_name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b".-_".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    Ok((
        [
            (header::CONTENT_TYPE, info.kind.media_type().to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}"),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        bytes,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waiting_times_read_in_minutes_hours_or_days() {
        let t = Translator::new(crate::i18n::Locale::En);
        assert_eq!(age(t, Duration::minutes(5)), "5 min");
        assert_eq!(age(t, Duration::hours(30)), "30 h");
        assert_eq!(age(t, Duration::days(3)), "3 days");
        assert_eq!(age(t, Duration::minutes(-2)), "0 min");
    }
}

//! Asking for help in writing: anyone (signed in or not, then with a way to be reached) asks a
//! question in a category; it goes to the desk that answers it, and the page says which. Each
//! desk (a vendor's staff, the service desk, program staff) reads its own open questions.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use pathways_app::help::{HelpError, Question};
use pathways_domain::access::Action;
use pathways_domain::coaching::{Desk, TicketCategory};
use pathways_domain::ids::CourseNumber;

use super::account::{ErrorLink, query_value, see_other};
use super::staff::{pacific_time, require};
use super::{Ctx, Layout, render};
use crate::AppState;
use crate::error::WebError;
use crate::session::{CsrfForm, SignedIn};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/help/ask", get(ask_page).post(ask))
        .route("/desk/tickets", get(desk))
}

impl From<HelpError> for WebError {
    fn from(error: HelpError) -> Self {
        match error {
            HelpError::Access(access) => access.into(),
            HelpError::Store(store) => Self::Store(store),
            HelpError::Empty | HelpError::NoContact => Self::BadForm,
        }
    }
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

#[derive(Template)]
#[template(path = "ask.html")]
struct AskPage {
    l: Layout,
    errors: Vec<ErrorLink>,
    notice: Option<String>,
    signed_in: bool,
    categories: Vec<Choice>,
    input: AskInput,
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
        csrf: ctx.csrf(),
    }
}

async fn ask_page(ctx: Ctx) -> Result<Response, WebError> {
    Ok(render(&ask_view(&ctx, AskInput::default()))?.into_response())
}

async fn ask(
    State(state): State<AppState>,
    ctx: Ctx,
    CsrfForm(input): CsrfForm<AskInput>,
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
            Err(HelpError::Empty) => errors.push(ErrorLink {
                href: "#subject".into(),
                text: t.t("ask-error-empty"),
            }),
            Err(HelpError::NoContact) => errors.push(ErrorLink {
                href: "#contact".into(),
                text: t.t("ask-error-contact"),
            }),
            Err(other) => return Err(other.into()),
        }
    }
    let mut page = ask_view(&ctx, input);
    page.errors = errors;
    let title = format!("{} {}", t.t("error-prefix"), t.t("ask-title"));
    page.l.retitle(&title);
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}

#[derive(Debug)]
struct TicketRow {
    heading: String,
    category: String,
    opened: String,
    from: String,
}

#[derive(Template)]
#[template(path = "desk.html")]
struct DeskPage {
    l: Layout,
    tickets: Vec<TicketRow>,
}

async fn desk(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(session): SignedIn,
) -> Result<Response, WebError> {
    require(&session.caller, Action::HandleTickets)?;
    let t = ctx.t;
    let tickets = state
        .help
        .desk(&session.caller)
        .await?
        .into_iter()
        .map(|ticket| TicketRow {
            heading: format!(
                "{}: {}",
                t.t_args("desk-ticket", &[("ticket", ticket.id.to_string().into())]),
                ticket.subject
            ),
            category: t.t(&format!("ask-category-{}", ticket.category)),
            opened: pacific_time(t.locale(), ticket.opened_at),
            from: match (ticket.provider, ticket.contact) {
                (Some(p), _) => {
                    t.t_args("desk-from-provider", &[("provider", p.to_string().into())])
                }
                (None, Some(contact)) => {
                    format!("{} {contact}", ticket.contact_name.unwrap_or_default())
                        .trim()
                        .to_owned()
                }
                (None, None) => String::new(),
            },
        })
        .collect();
    let title = t.t("desk-title");
    Ok(render(&DeskPage {
        l: ctx.layout(&title),
        tickets,
    })?
    .into_response())
}

//! The help page, linked from every page's footer: the program's phone line and email, how to
//! reach a course's teacher, a coach for providers who are signed in, and answers to the
//! questions providers ask most, in plain words, in the reader's language.

use askama::Template;
use axum::Router;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use pathways_domain::access::Actor;

use super::{Ctx, Layout, render};
use crate::AppState;
use crate::error::WebError;

/// The questions answered, in the order shown; each has `help-q-…` and `help-a-…` messages.
const QUESTIONS: [&str; 8] = [
    "cost",
    "find-class",
    "sign-up",
    "hours",
    "paid-training",
    "incentive",
    "denied",
    "language",
];

pub fn router() -> Router<AppState> {
    Router::new().route("/help", get(page))
}

#[derive(Debug)]
struct Answer {
    id: String,
    question: String,
    answer: String,
}

#[derive(Template)]
#[template(path = "help.html")]
struct HelpPage {
    l: Layout,
    answers: Vec<Answer>,
    /// A signed-in provider's own coaching page.
    coaching_href: Option<String>,
}

async fn page(ctx: Ctx) -> Result<Response, WebError> {
    let t = ctx.t;
    let coaching_href = ctx
        .visitor
        .as_ref()
        .and_then(|v| v.session.as_ref())
        .and_then(|s| match &s.caller.actor {
            Actor::Provider { provider } => Some(format!("/providers/{provider}/coaching")),
            _ => None,
        });
    let title = t.t("help-title");
    let page = HelpPage {
        l: ctx.layout(&title),
        answers: QUESTIONS
            .iter()
            .map(|q| Answer {
                id: format!("q-{q}"),
                question: t.t(&format!("help-q-{q}")),
                answer: t.t(&format!("help-a-{q}")),
            })
            .collect(),
        coaching_href,
    };
    Ok(render(&page)?.into_response())
}

#[cfg(test)]
mod tests {
    use super::QUESTIONS;
    use crate::i18n::{Locale, Translator};

    #[test]
    fn every_question_and_answer_is_in_every_language() {
        for locale in Locale::ALL {
            let t = Translator::new(locale);
            for q in QUESTIONS {
                for key in [format!("help-q-{q}"), format!("help-a-{q}")] {
                    assert!(t.try_t(&key).is_some(), "{} lacks {key}", locale.tag());
                }
            }
        }
    }
}

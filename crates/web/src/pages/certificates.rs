//! Certificates of completion: a provider downloads the PDF of each completed course, in the
//! language they read the site in; anyone checks a certificate number on a public page that
//! shows what the certificate shows and nothing more.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use pathways_app::certificates::{Certificate, CertificateError, Line, LineSize};
use pathways_domain::ids::CourseNumber;
use pathways_domain::pathway::Pathway;

use super::account::query_value;
use super::staff::provider_number;
use super::{Ctx, Layout, render};
use crate::AppState;
use crate::error::WebError;
use crate::format;
use crate::i18n::{Translator, pathway_key};
use crate::session::SignedIn;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/providers/{number}/certificates/{file}", get(pdf))
        .route("/certificates", get(check))
}

impl From<CertificateError> for WebError {
    fn from(error: CertificateError) -> Self {
        match error {
            CertificateError::Access(access) => access.into(),
            CertificateError::Store(store) => Self::Store(store),
            CertificateError::NoCompletion(_) => Self::NotFound,
            CertificateError::NoFont(_) | CertificateError::Drawing(_) => Self::Internal,
        }
    }
}

fn pathway_name(t: Translator, code: &str) -> String {
    Pathway::parse(code).map_or_else(|_| code.to_owned(), |p| t.t(&pathway_key(p)))
}

/// The certificate's words in the reader's language.
fn lines(t: Translator, c: &Certificate, base_url: &str) -> Vec<Line> {
    let line = |text: String, size| Line { text, size };
    vec![
        line(t.t("certificate-program"), LineSize::Body),
        line(t.t("certificate-title"), LineSize::Title),
        line(t.t("certificate-presented"), LineSize::Body),
        line(format!("{} {}", c.first_name, c.last_name), LineSize::Name),
        line(t.t("certificate-completed"), LineSize::Body),
        line(format!("{} ({})", c.title, c.course), LineSize::Large),
        line(
            t.t_args(
                "certificate-pathway",
                &[("pathway", pathway_name(t, &c.pathway).into())],
            ),
            LineSize::Body,
        ),
        line(
            t.t_args(
                "certificate-hours",
                &[
                    ("hours", c.hours.to_string().into()),
                    ("date", format::date(t.locale(), c.completed_on).into()),
                ],
            ),
            LineSize::Body,
        ),
        line(
            t.t_args("certificate-vendor", &[("vendor", c.vendor.clone().into())]),
            LineSize::Body,
        ),
        line(
            t.t_args("certificate-number", &[("number", c.number.clone().into())]),
            LineSize::Large,
        ),
        line(
            t.t_args(
                "certificate-check-at",
                &[(
                    "address",
                    format!("{base_url}/certificates?number={}", c.number).into(),
                )],
            ),
            LineSize::Small,
        ),
    ]
}

async fn pdf(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(session): SignedIn,
    Path((number, file)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let provider = provider_number(&number)?;
    let course = file
        .strip_suffix(".pdf")
        .and_then(|c| CourseNumber::parse(c).ok())
        .ok_or(WebError::NotFound)?;
    let certificate = state
        .certificates
        .for_completion(&session.caller, provider, &course)
        .await?;
    let font = match state.certificates.font() {
        Ok(font) => font,
        Err(e) => {
            tracing::error!("{e}");
            return Ok((
                StatusCode::SERVICE_UNAVAILABLE,
                ctx.t.t("certificate-unavailable"),
            )
                .into_response());
        }
    };
    let bytes =
        pathways_app::certificates::draw(font, &lines(ctx.t, &certificate, &state.base_url))?;
    Ok(super::attachment(
        "application/pdf",
        &format!("certificate-{course}.pdf"),
        bytes,
    ))
}

#[derive(Debug)]
struct Found {
    name: String,
    course: String,
    pathway: String,
    hours: String,
    completed_on: String,
    vendor: String,
}

#[derive(Template)]
#[template(path = "certificate_check.html")]
struct CheckPage {
    l: Layout,
    number: String,
    asked: bool,
    found: Option<Found>,
}

async fn check(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let query = ctx.current.split_once('?').map(|(_, q)| q);
    let number = query_value(query, "number").unwrap_or_default();
    let asked = !number.trim().is_empty();
    let t = ctx.t;
    let found = if asked {
        state.certificates.check(&number).await?.map(|c| Found {
            name: format!("{} {}", c.first_name, c.last_name),
            course: format!("{} ({})", c.title, c.course),
            pathway: pathway_name(t, &c.pathway),
            hours: t.t_args("claim-hours", &[("hours", c.hours.to_string().into())]),
            completed_on: format::date(t.locale(), c.completed_on),
            vendor: c.vendor,
        })
    } else {
        None
    };
    let title = t.t("certificate-check-title");
    let status = if asked && found.is_none() {
        StatusCode::NOT_FOUND
    } else {
        StatusCode::OK
    };
    Ok((
        status,
        render(&CheckPage {
            l: ctx.layout(&title),
            number: number.trim().to_owned(),
            asked,
            found,
        })?,
    )
        .into_response())
}

//! One error type for the web edge, mapped to a response in one place.
//!
//! A handler returns [`WebError`]; its `IntoResponse` picks the status, logs server faults with
//! their details, and tags the response with what went wrong. [`render_errors`], which knows the
//! request's language and whether it came to the API, then writes the body: a translated HTML
//! page, or `{"error": {"code", "message", "field"}}` under `/api/`. The person never sees
//! database or template details.

use askama::Template;
use axum::Json;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use pathways_store::StoreError;
use serde::Serialize;
use thiserror::Error;

use crate::filter::FieldError;
use crate::i18n::{Locale, Translator};
use crate::pages::Layout;

#[derive(Debug, Error)]
pub enum WebError {
    /// No such page, or a course that is not in the catalog today.
    #[error("not found")]
    NotFound,
    /// Query parameters that cannot be used (the HTML list shows these in its form instead).
    #[error("invalid parameters: {0:?}")]
    InvalidParams(Vec<FieldError>),
    #[error("storage failed: {0}")]
    Store(#[from] StoreError),
    #[error("a template failed to render: {0}")]
    Render(#[from] askama::Error),
}

/// What [`render_errors`] needs to write an error's body.
#[derive(Debug, Clone, Copy)]
struct ErrorInfo {
    code: &'static str,
    message_key: &'static str,
    field: Option<&'static str>,
}

impl WebError {
    pub fn status(&self) -> StatusCode {
        match self {
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::InvalidParams(_) => StatusCode::BAD_REQUEST,
            Self::Store(_) | Self::Render(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn info(&self) -> ErrorInfo {
        match self {
            Self::NotFound => ErrorInfo {
                code: "not_found",
                message_key: "not-found-api",
                field: None,
            },
            Self::InvalidParams(errors) => {
                let first = errors.first().map(|e| e.field);
                ErrorInfo {
                    code: "invalid_parameter",
                    message_key: first.map_or("bad-request-title", |f| f.error_key()),
                    field: first.map(|f| f.name()),
                }
            }
            Self::Store(_) | Self::Render(_) => ErrorInfo {
                code: "internal_error",
                message_key: "server-error-title",
                field: None,
            },
        }
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let status = self.status();
        if status.is_server_error() {
            tracing::error!(error = %self, "request failed");
        }
        let mut response = status.into_response();
        response.extensions_mut().insert(self.info());
        response
    }
}

#[derive(Serialize)]
struct ApiErrorBody {
    error: ApiError,
}

#[derive(Serialize)]
struct ApiError {
    code: &'static str,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<&'static str>,
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    l: Layout,
    heading: String,
    text: String,
    show_catalog_link: bool,
}

/// Writes the body of responses a [`WebError`] produced, in the request's language.
pub async fn render_errors(request: Request, next: Next) -> Response {
    let locale = Locale::from_headers(request.headers());
    let current = request
        .uri()
        .path_and_query()
        .map_or_else(|| "/".to_owned(), |pq| pq.as_str().to_owned());
    let is_api = request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    let Some(info) = response.extensions().get::<ErrorInfo>().copied() else {
        return response;
    };
    let status = response.status();
    let t = Translator::new(locale);
    if is_api {
        let body = ApiErrorBody {
            error: ApiError {
                code: info.code,
                message: t.t(info.message_key),
                field: info.field,
            },
        };
        return (status, Json(body)).into_response();
    }
    let (heading, text) = match status {
        StatusCode::NOT_FOUND => (t.t("not-found-title"), t.t("not-found-text")),
        s if s.is_client_error() => (t.t("bad-request-title"), t.t(info.message_key)),
        _ => (t.t("server-error-title"), t.t("server-error-text")),
    };
    let page = ErrorPage {
        l: Layout::for_visitor(t, &current, &heading, visitor.as_ref()),
        heading,
        text,
        show_catalog_link: status != StatusCode::INTERNAL_SERVER_ERROR,
    };
    match page.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(error) => {
            tracing::error!(%error, "the error page failed to render");
            (
                status,
                [(CONTENT_TYPE, "text/plain; charset=utf-8")],
                t.t("server-error-title"),
            )
                .into_response()
        }
    }
}
    let visitor = response
        .extensions()
        .get::<crate::session::Visitor>()
        .cloned();

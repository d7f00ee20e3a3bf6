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
use pathways_app::access::AccessError;
use pathways_app::accounts::AccountError;
use pathways_store::StoreError;
use serde::Serialize;
use thiserror::Error;

use crate::filter::FieldError;
use crate::i18n::Translator;
use crate::pages::Layout;

#[derive(Debug, Error)]
pub enum WebError {
    /// No such page, or a course that is not in the catalog today.
    #[error("not found")]
    NotFound,
    /// Query parameters that cannot be used (the HTML list shows these in its form instead).
    #[error("invalid parameters: {0:?}")]
    InvalidParams(Vec<FieldError>),
    /// The request needs a signed-in person (API: a token or a session).
    #[error("sign-in required")]
    SignInRequired,
    /// The caller's role never does this.
    #[error("forbidden")]
    Forbidden,
    /// A form without our CSRF token: another site's, or an old page's.
    #[error("the form's CSRF token is missing or wrong")]
    CsrfRejected,
    /// A request body that is not a form we can read.
    #[error("the form could not be read")]
    BadForm,
    /// An account operation failed in a way the person must be told.
    #[error("account: {0}")]
    Account(AccountError),
    #[error("internal error")]
    Internal,
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
            Self::SignInRequired => StatusCode::UNAUTHORIZED,
            Self::Forbidden | Self::CsrfRejected => StatusCode::FORBIDDEN,
            Self::BadForm => StatusCode::BAD_REQUEST,
            Self::Account(error) => match error {
                AccountError::Throttled => StatusCode::TOO_MANY_REQUESTS,
                AccountError::WrongCredentials => StatusCode::UNAUTHORIZED,
                AccountError::Access(_) => StatusCode::FORBIDDEN,
                AccountError::Store(_) | AccountError::Hashing => StatusCode::INTERNAL_SERVER_ERROR,
                _ => StatusCode::UNPROCESSABLE_ENTITY,
            },
            Self::Internal | Self::Store(_) | Self::Render(_) => StatusCode::INTERNAL_SERVER_ERROR,
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
            Self::SignInRequired => ErrorInfo {
                code: "sign_in_required",
                message_key: "error-sign-in-required",
                field: None,
            },
            Self::Forbidden => ErrorInfo {
                code: "forbidden",
                message_key: "error-forbidden",
                field: None,
            },
            Self::CsrfRejected => ErrorInfo {
                code: "form_expired",
                message_key: "error-form-expired",
                field: None,
            },
            Self::BadForm => ErrorInfo {
                code: "bad_form",
                message_key: "bad-request-title",
                field: None,
            },
            Self::Account(error) => ErrorInfo {
                code: match error {
                    AccountError::Throttled => "too_many_attempts",
                    AccountError::Access(_) => "forbidden",
                    AccountError::Store(_) | AccountError::Hashing => "internal_error",
                    _ => "invalid",
                },
                message_key: error.message_key(),
                field: None,
            },
            Self::Internal | Self::Store(_) | Self::Render(_) => ErrorInfo {
                code: "internal_error",
                message_key: "server-error-title",
                field: None,
            },
        }
    }
}

impl From<AccessError> for WebError {
    /// A role that never does this gets 403; a record outside the caller's scope is reported
    /// as not found, so its existence does not leak.
    fn from(error: AccessError) -> Self {
        if error.is_out_of_scope() {
            Self::NotFound
        } else {
            Self::Forbidden
        }
    }
}

impl From<AccountError> for WebError {
    fn from(error: AccountError) -> Self {
        match error {
            AccountError::Access(access) => access.into(),
            AccountError::Store(store) => Self::Store(store),
            other => Self::Account(other),
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

/// Every JSON API error: `{"error": {"code", "message", "field"}}`, the message in the
/// request's language.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ApiErrorBody {
    error: ApiError,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ApiError {
    /// A stable code, such as `not_found` or `sign_in_required`.
    code: &'static str,
    message: String,
    /// The parameter at fault, when there is one.
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
    let locale = crate::i18n::request_locale(request.headers());
    let current = request
        .uri()
        .path_and_query()
        .map_or_else(|| "/".to_owned(), |pq| pq.as_str().to_owned());
    let is_api = request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    let Some(info) = response.extensions().get::<ErrorInfo>().copied() else {
        return response;
    };
    let visitor = response
        .extensions()
        .get::<crate::session::Visitor>()
        .cloned();
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
        StatusCode::FORBIDDEN => (t.t("forbidden-title"), t.t(info.message_key)),
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

//! A vendor's API tokens, for the vendor's own systems to send attendance and sessions:
//! `GET /vendors/{code}/api-tokens` lists them, `POST` there makes one (its secret is shown
//! on that one answer and never again), and `POST /vendors/{code}/api-tokens/{id}/revoke`
//! stops one. The application decides who may (the vendor's own staff, and program admins).

use askama::Template;
use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use pathways_app::accounts::{AccountError, CurrentSession};
use pathways_domain::ids::VendorCode;
use pathways_store::accounts::{ApiToken, ApiTokenId};
use serde::Deserialize;

use super::{CsrfOnly, Fields, Input, error_status, error_text, moment, notice, see_other};
use crate::AppState;
use crate::error::WebError;
use crate::i18n::Translator;
use crate::pages::{Ctx, Layout, render};
use crate::session::{CsrfForm, SignedIn};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/vendors/{code}/api-tokens", get(list).post(create))
        .route("/vendors/{code}/api-tokens/{id}/revoke", post(revoke))
}

/// A token as the list shows it.
#[derive(Debug)]
struct Row {
    id: i64,
    name: String,
    prefix: String,
    created: String,
    last_used: String,
    /// "Revoked on …"; `None` while it works.
    revoked: Option<String>,
}

#[derive(Template)]
#[template(path = "account/api_tokens.html")]
struct TokensPage {
    l: Layout,
    csrf: String,
    heading: String,
    action: String,
    rows: Vec<Row>,
    fields: Fields,
    /// A token just made: its secret, shown this once.
    secret: Option<String>,
    notice: Option<String>,
}

#[derive(Debug, Deserialize)]
struct NewToken {
    #[serde(default)]
    name: String,
}

/// A vendor code from a path; a malformed one is simply not found.
fn vendor_code(raw: &str) -> Result<VendorCode, WebError> {
    VendorCode::parse(raw).map_err(|_| WebError::NotFound)
}

fn row(t: Translator, token: &ApiToken) -> Row {
    Row {
        id: token.id.0,
        name: token.name.clone(),
        prefix: token.prefix.clone(),
        created: moment(t.locale(), token.created_at),
        last_used: token
            .last_used_at
            .map_or_else(|| t.t("tokens-never-used"), |at| moment(t.locale(), at)),
        revoked: token.revoked_at.map(|at| {
            t.t_args(
                "tokens-revoked-on",
                &[("date", moment(t.locale(), at).into())],
            )
        }),
    }
}

fn name_fields(ctx: &Ctx, name: &str) -> Fields {
    let t = ctx.t;
    Fields::new(vec![
        Input::new("name", "text", "off", t.t("tokens-name-label"))
            .hint(t.t("tokens-name-hint"))
            .value(name),
    ])
}

/// The page with the vendor's tokens as they are now.
async fn page(
    state: &AppState,
    ctx: &Ctx,
    session: &CurrentSession,
    vendor: &VendorCode,
    fields: Fields,
    secret: Option<String>,
    notice: Option<String>,
) -> Result<TokensPage, WebError> {
    let t = ctx.t;
    let tokens = state.accounts.api_tokens(&session.caller, vendor).await?;
    let heading = t.t_args("tokens-title", &[("vendor", vendor.to_string().into())]);
    let page_title = if fields.is_empty() {
        heading.clone()
    } else {
        format!("{} {heading}", t.t("error-prefix"))
    };
    Ok(TokensPage {
        l: ctx.layout(&page_title),
        csrf: ctx.csrf(),
        heading,
        action: format!("/vendors/{vendor}/api-tokens"),
        rows: tokens.iter().map(|token| row(t, token)).collect(),
        fields,
        secret,
        notice,
    })
}

async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(session): SignedIn,
    Path(code): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, WebError> {
    let vendor = vendor_code(&code)?;
    let notice = notice(ctx.t, query.as_deref());
    let fields = name_fields(&ctx, "");
    let page = page(&state, &ctx, &session, &vendor, fields, None, notice).await?;
    Ok(render(&page)?.into_response())
}

async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(session): SignedIn,
    Path(code): Path<String>,
    CsrfForm(form): CsrfForm<NewToken>,
) -> Result<Response, WebError> {
    let vendor = vendor_code(&code)?;
    match state
        .accounts
        .create_api_token(&session.caller, &vendor, &form.name)
        .await
    {
        Ok((_, secret)) => {
            // Shown on this answer only (never in an address, never stored): no redirect.
            let fields = name_fields(&ctx, "");
            let page = page(&state, &ctx, &session, &vendor, fields, Some(secret), None).await?;
            Ok(render(&page)?.into_response())
        }
        Err(error @ AccountError::MissingTokenName) => {
            let mut fields = name_fields(&ctx, &form.name);
            fields.fail("name", error_text(ctx.t, &error));
            let page = page(&state, &ctx, &session, &vendor, fields, None, None).await?;
            Ok((error_status(&error), render(&page)?).into_response())
        }
        Err(error) => Err(error.into()),
    }
}

async fn revoke(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    Path((code, id)): Path<(String, String)>,
    CsrfForm(CsrfOnly {}): CsrfForm<CsrfOnly>,
) -> Result<Response, WebError> {
    let vendor = vendor_code(&code)?;
    let id = id
        .parse::<i64>()
        .map(ApiTokenId)
        .map_err(|_| WebError::NotFound)?;
    match state
        .accounts
        .revoke_api_token(&session.caller, &vendor, id)
        .await
    {
        Ok(()) => Ok(see_other(&format!(
            "/vendors/{vendor}/api-tokens?notice=token-revoked"
        ))),
        Err(AccountError::NoSuchToken) => Err(WebError::NotFound),
        Err(error) => Err(error.into()),
    }
}

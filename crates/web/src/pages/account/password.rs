//! A forgotten password: `GET/POST /password/forgot` sends a code to the email or phone the
//! account has, then `GET/POST /password/reset?challenge=…` takes the code and a new password.
//! A new staff account's activation email links to the same reset page. The first step
//! answers the same whether or not the account exists.

use askama::Template;
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use pathways_app::accounts::AccountError;
use serde::Deserialize;

use super::register::only_digits;
use super::{Fields, Input, error_status, error_text, query_value, see_other, title};
use crate::AppState;
use crate::error::WebError;
use crate::pages::{Ctx, Layout, encode_component, render};
use crate::session::{CsrfForm, Visitor};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/password/forgot", get(show_forgot).post(submit_forgot))
        .route("/password/reset", get(show_reset).post(submit_reset))
}

#[derive(Template)]
#[template(path = "account/password_forgot.html")]
struct ForgotPage {
    l: Layout,
    csrf: String,
    fields: Fields,
}

#[derive(Template)]
#[template(path = "account/password_reset.html")]
struct ResetPage {
    l: Layout,
    csrf: String,
    challenge: String,
    fields: Fields,
    start_again: bool,
}

#[derive(Debug, Deserialize)]
struct ForgotForm {
    #[serde(default)]
    login: String,
}

#[derive(Debug, Deserialize)]
struct ResetForm {
    #[serde(default)]
    challenge: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    confirm: String,
}

fn forgot_page(ctx: &Ctx, login: &str) -> ForgotPage {
    let t = ctx.t;
    let fields = Fields::new(vec![
        Input::new("login", "text", "username", t.t("sign-in-login-label"))
            .hint(t.t("forgot-login-hint"))
            .value(login),
    ]);
    ForgotPage {
        l: ctx.layout(&title(t, "forgot-title", &fields)),
        csrf: ctx.csrf(),
        fields,
    }
}

async fn show_forgot(ctx: Ctx) -> Result<Response, WebError> {
    Ok(render(&forgot_page(&ctx, ""))?.into_response())
}

async fn submit_forgot(
    State(state): State<AppState>,
    ctx: Ctx,
    visitor: Visitor,
    CsrfForm(form): CsrfForm<ForgotForm>,
) -> Result<Response, WebError> {
    let t = ctx.t;
    let mut page = forgot_page(&ctx, &form.login);
    let status = if page
        .fields
        .require("login", &form.login, t.t("sign-in-error-login-missing"))
    {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        match state
            .accounts
            .start_reset(&form.login, t.locale(), &visitor.address)
            .await
        {
            Ok(challenge) => {
                return Ok(see_other(&format!(
                    "/password/reset?challenge={}",
                    encode_component(&challenge.id)
                )));
            }
            Err(error @ AccountError::Throttled) => {
                page.fields.fail("login", error_text(t, &error));
                error_status(&error)
            }
            Err(error) => return Err(error.into()),
        }
    };
    page.l = ctx.layout(&title(t, "forgot-title", &page.fields));
    Ok((status, render(&page)?).into_response())
}

fn reset_fields(ctx: &Ctx) -> Fields {
    super::code_and_password_fields(ctx.t, "reset-code-hint")
}

fn reset_page(ctx: &Ctx, challenge: &str, fields: Fields, start_again: bool) -> ResetPage {
    ResetPage {
        l: ctx.layout(&title(ctx.t, "reset-title", &fields)),
        csrf: ctx.csrf(),
        challenge: challenge.to_owned(),
        fields,
        start_again,
    }
}

async fn show_reset(ctx: Ctx, RawQuery(query): RawQuery) -> Result<Response, WebError> {
    let Some(challenge) = query_value(query.as_deref(), "challenge").filter(|c| !c.is_empty())
    else {
        return Ok(see_other("/password/forgot"));
    };
    Ok(render(&reset_page(&ctx, &challenge, reset_fields(&ctx), false))?.into_response())
}

async fn submit_reset(
    State(state): State<AppState>,
    ctx: Ctx,
    CsrfForm(form): CsrfForm<ResetForm>,
) -> Result<Response, WebError> {
    let t = ctx.t;
    let mut fields = reset_fields(&ctx);
    super::require_code_and_password(&mut fields, t, &form.code, &form.password, &form.confirm);
    if !fields.is_empty() {
        let page = reset_page(&ctx, &form.challenge, fields, false);
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response());
    }
    let result = state
        .accounts
        .finish_reset(
            form.challenge.trim(),
            &only_digits(&form.code),
            &form.password,
            &form.confirm,
        )
        .await;
    let error = match result {
        // Every session of the account has ended; the person signs in with the new password.
        Ok(()) => return Ok(see_other("/sign-in?notice=password-set")),
        Err(error) => error,
    };
    match &error {
        AccountError::WrongCode | AccountError::CodeExpired => {
            fields.fail("code", error_text(t, &error));
        }
        AccountError::Password(_) => fields.fail("password", error_text(t, &error)),
        AccountError::PasswordsDiffer => fields.fail("confirm", error_text(t, &error)),
        _ => return Err(error.into()),
    }
    let start_again = matches!(error, AccountError::CodeExpired);
    let page = reset_page(&ctx, &form.challenge, fields, start_again);
    Ok((error_status(&error), render(&page)?).into_response())
}

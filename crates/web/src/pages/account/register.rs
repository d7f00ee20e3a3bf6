//! A provider creates their own account: `GET/POST /register` (provider number, last name, and
//! the phone or email the program has), then `GET/POST /register/code` (the code that was sent,
//! and a new password twice). The first step answers the same whatever was typed, so nobody
//! can learn from it whether a provider number exists.

use askama::Template;
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use pathways_app::accounts::{AccountError, RegistrationStart};
use serde::Deserialize;

use super::{Fields, Input, error_status, error_text, query_value, see_other, title};
use crate::AppState;
use crate::error::WebError;
use crate::pages::{Ctx, Layout, encode_component, render};
use crate::session::{CsrfForm, Visitor, append_cookie, session_cookie};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/register", get(show_start).post(submit_start))
        .route("/register/code", get(show_code).post(submit_code))
}

#[derive(Template)]
#[template(path = "account/register.html")]
struct StartPage {
    l: Layout,
    csrf: String,
    fields: Fields,
}

#[derive(Template)]
#[template(path = "account/register_code.html")]
struct CodePage {
    l: Layout,
    csrf: String,
    challenge: String,
    fields: Fields,
    /// The code no longer works: offer to start again.
    start_again: bool,
}

#[derive(Debug, Deserialize)]
struct StartForm {
    #[serde(default)]
    provider_number: String,
    #[serde(default)]
    last_name: String,
    #[serde(default)]
    contact: String,
}

#[derive(Debug, Deserialize)]
struct CodeForm {
    #[serde(default)]
    challenge: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    confirm: String,
}

fn start_fields(ctx: &Ctx, form: Option<&StartForm>) -> Fields {
    let t = ctx.t;
    let value = |f: fn(&StartForm) -> &str| form.map(f).unwrap_or_default();
    Fields::new(vec![
        Input::new(
            "provider_number",
            "text",
            "off",
            t.t("register-number-label"),
        )
        .hint(t.t("register-number-hint"))
        .numeric()
        .width("input-width-10")
        .value(value(|f| &f.provider_number)),
        Input::new(
            "last_name",
            "text",
            "family-name",
            t.t("register-last-name-label"),
        )
        .hint(t.t("register-last-name-hint"))
        .name()
        .value(value(|f| &f.last_name)),
        Input::new("contact", "text", "off", t.t("register-contact-label"))
            .hint(t.t("register-contact-hint"))
            .value(value(|f| &f.contact)),
    ])
}

fn start_page(ctx: &Ctx, fields: Fields) -> StartPage {
    StartPage {
        l: ctx.layout(&title(ctx.t, "register-title", &fields)),
        csrf: ctx.csrf(),
        fields,
    }
}

async fn show_start(ctx: Ctx) -> Result<Response, WebError> {
    let fields = start_fields(&ctx, None);
    Ok(render(&start_page(&ctx, fields))?.into_response())
}

async fn submit_start(
    State(state): State<AppState>,
    ctx: Ctx,
    visitor: Visitor,
    CsrfForm(form): CsrfForm<StartForm>,
) -> Result<Response, WebError> {
    let t = ctx.t;
    let mut fields = start_fields(&ctx, Some(&form));
    fields.require(
        "provider_number",
        &form.provider_number,
        t.t("register-error-number-missing"),
    );
    fields.require(
        "last_name",
        &form.last_name,
        t.t("register-error-last-name-missing"),
    );
    fields.require(
        "contact",
        &form.contact,
        t.t("register-error-contact-missing"),
    );
    if fields.is_empty() {
        let start = RegistrationStart {
            provider_number: form.provider_number.clone(),
            last_name: form.last_name.clone(),
            contact: form.contact.clone(),
            locale: Some(t.locale()),
            address: visitor.address.clone(),
        };
        match state.accounts.start_registration(&start).await {
            Ok(challenge) => {
                return Ok(see_other(&format!(
                    "/register/code?challenge={}",
                    encode_component(&challenge.id)
                )));
            }
            Err(error @ (AccountError::MalformedProviderNumber | AccountError::Throttled)) => {
                fields.fail("provider_number", error_text(t, &error));
                let page = start_page(&ctx, fields);
                return Ok((error_status(&error), render(&page)?).into_response());
            }
            Err(error @ AccountError::MissingName) => {
                fields.fail("last_name", t.t("register-error-last-name-missing"));
                let page = start_page(&ctx, fields);
                return Ok((error_status(&error), render(&page)?).into_response());
            }
            Err(error) => return Err(error.into()),
        }
    }
    let page = start_page(&ctx, fields);
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}

fn code_fields(ctx: &Ctx) -> Fields {
    super::code_and_password_fields(ctx.t, "register-code-hint")
}

fn code_page(ctx: &Ctx, challenge: &str, fields: Fields, start_again: bool) -> CodePage {
    CodePage {
        l: ctx.layout(&title(ctx.t, "register-code-title", &fields)),
        csrf: ctx.csrf(),
        challenge: challenge.to_owned(),
        fields,
        start_again,
    }
}

async fn show_code(ctx: Ctx, RawQuery(query): RawQuery) -> Result<Response, WebError> {
    let Some(challenge) = query_value(query.as_deref(), "challenge").filter(|c| !c.is_empty())
    else {
        return Ok(see_other("/register"));
    };
    let page = code_page(&ctx, &challenge, code_fields(&ctx), false);
    Ok(render(&page)?.into_response())
}

async fn submit_code(
    State(state): State<AppState>,
    ctx: Ctx,
    visitor: Visitor,
    CsrfForm(form): CsrfForm<CodeForm>,
) -> Result<Response, WebError> {
    let t = ctx.t;
    let mut fields = code_fields(&ctx);
    super::require_code_and_password(&mut fields, t, &form.code, &form.password, &form.confirm);
    if !fields.is_empty() {
        let page = code_page(&ctx, &form.challenge, fields, false);
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response());
    }
    let result = state
        .accounts
        .finish_registration(
            form.challenge.trim(),
            &only_digits(&form.code),
            &form.password,
            &form.confirm,
            t.locale(),
        )
        .await;
    let error = match result {
        Ok(signed_in) => {
            // The browser's earlier session, if any, ends: one session per browser.
            if let Some(token) = &visitor.token {
                state.accounts.sign_out(token).await?;
            }
            let mut response = see_other("/account?notice=welcome");
            append_cookie(
                &mut response,
                &session_cookie(&signed_in.token, state.config.secure_cookies),
            );
            return Ok(response);
        }
        Err(error) => error,
    };
    let start_again = matches!(
        error,
        AccountError::CodeExpired | AccountError::ProviderHasAccount
    );
    match &error {
        AccountError::WrongCode | AccountError::CodeExpired | AccountError::ProviderHasAccount => {
            fields.fail("code", error_text(t, &error));
        }
        AccountError::Password(_) => fields.fail("password", error_text(t, &error)),
        AccountError::PasswordsDiffer => fields.fail("confirm", error_text(t, &error)),
        _ => return Err(error.into()),
    }
    let page = code_page(&ctx, &form.challenge, fields, start_again);
    Ok((error_status(&error), render(&page)?).into_response())
}

/// The digits of a code as typed: people add spaces or dashes (`123 456`).
pub(super) fn only_digits(code: &str) -> String {
    code.chars().filter(char::is_ascii_digit).collect()
}

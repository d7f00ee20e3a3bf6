//! `GET/POST /sign-in` and `POST /sign-out`.
//!
//! Signing in starts a new session with a new token (the browser's old session, if any, ends)
//! and sends the person on to `next` when it is a path on this site, else to their account.
//! Wrong passwords and too many tries show the form again with the reason (401 and 429).

use askama::Template;
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use pathways_app::accounts::AccountError;
use serde::Deserialize;

use super::{
    CsrfOnly, Fields, Input, error_status, language_cookie, local_path, notice, query_value,
    see_other, title,
};
use crate::AppState;
use crate::error::WebError;
use crate::i18n::{LANG_COOKIE, Locale};
use crate::pages::{Ctx, Layout, render};
use crate::session::{
    CsrfForm, Visitor, append_cookie, cookie, expired_session_cookie, session_cookie,
};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/sign-in", get(show).post(submit))
        .route("/sign-out", post(sign_out))
}

#[derive(Template)]
#[template(path = "account/sign_in.html")]
struct SignInPage {
    l: Layout,
    csrf: String,
    fields: Fields,
    /// Where to go after signing in (a local path, or empty).
    next: String,
    notice: Option<String>,
}

#[derive(Debug, Deserialize)]
struct SignInForm {
    #[serde(default)]
    login: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

fn fields(ctx: &Ctx, login: &str) -> Fields {
    let t = ctx.t;
    Fields::new(vec![
        Input::new("login", "text", "username", t.t("sign-in-login-label"))
            .hint(t.t("sign-in-login-hint"))
            .value(login),
        Input::new(
            "password",
            "password",
            "current-password",
            t.t("sign-in-password-label"),
        ),
    ])
}

fn page(ctx: &Ctx, fields: Fields, next: &str, notice: Option<String>) -> SignInPage {
    SignInPage {
        l: ctx.layout(&title(ctx.t, "sign-in-title", &fields)),
        csrf: ctx.csrf(),
        fields,
        next: next.to_owned(),
        notice,
    }
}

/// `next` if it is a path on this site other than the sign-in page itself; empty otherwise.
fn safe_next(next: &str) -> String {
    let local = local_path(next.trim());
    if local == "/" || local.starts_with("/sign-in") || local.starts_with("/sign-out") {
        String::new()
    } else {
        local.to_owned()
    }
}

async fn show(ctx: Ctx, RawQuery(query): RawQuery) -> Result<Response, WebError> {
    let next = safe_next(&query_value(query.as_deref(), "next").unwrap_or_default());
    if ctx.visitor.as_ref().is_some_and(|v| v.session.is_some()) {
        // Already signed in: straight on.
        return Ok(see_other(if next.is_empty() { "/account" } else { &next }));
    }
    let notice = notice(ctx.t, query.as_deref());
    Ok(render(&page(&ctx, fields(&ctx, ""), &next, notice))?.into_response())
}

async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    visitor: Visitor,
    headers: HeaderMap,
    CsrfForm(form): CsrfForm<SignInForm>,
) -> Result<Response, WebError> {
    let t = ctx.t;
    let next = safe_next(&form.next);
    let mut fields = fields(&ctx, &form.login);
    fields.require("login", &form.login, t.t("sign-in-error-login-missing"));
    fields.require(
        "password",
        &form.password,
        t.t("sign-in-error-password-missing"),
    );
    if !fields.is_empty() {
        let page = page(&ctx, fields, &next, None);
        return Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response());
    }
    let result = state
        .accounts
        .sign_in(
            &form.login,
            &form.password,
            &visitor.address,
            visitor.token.as_deref(),
        )
        .await;
    match result {
        Ok(signed_in) => {
            let secure = state.config.secure_cookies;
            let mut response = see_other(if next.is_empty() { "/account" } else { &next });
            append_cookie(&mut response, &session_cookie(&signed_in.token, secure));
            // Read in the account's language from now on, unless this browser chose one.
            if cookie(&headers, LANG_COOKIE).is_none()
                && let Some(locale) = Locale::from_tag(&signed_in.session.account.language)
            {
                append_cookie(&mut response, &language_cookie(locale, secure));
            }
            Ok(response)
        }
        Err(error @ (AccountError::WrongCredentials | AccountError::Throttled)) => {
            let key = match error {
                AccountError::Throttled => "sign-in-error-throttled",
                _ => "sign-in-error-wrong",
            };
            fields.fail("login", t.t(key));
            let page = page(&ctx, fields, &next, None);
            Ok((error_status(&error), render(&page)?).into_response())
        }
        Err(error) => Err(error.into()),
    }
}

async fn sign_out(
    State(state): State<AppState>,
    visitor: Visitor,
    CsrfForm(CsrfOnly {}): CsrfForm<CsrfOnly>,
) -> Result<Response, WebError> {
    if let Some(token) = &visitor.token {
        state.accounts.sign_out(token).await?;
    }
    let mut response = see_other("/");
    append_cookie(
        &mut response,
        &expired_session_cookie(state.config.secure_cookies),
    );
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn after_signing_in_only_local_pages_are_followed() {
        assert_eq!(safe_next("/courses?pathway=GHS"), "/courses?pathway=GHS");
        assert_eq!(safe_next("//evil.example/"), "");
        assert_eq!(safe_next("https://evil.example/"), "");
        assert_eq!(safe_next("/sign-in?next=/x"), "");
        assert_eq!(safe_next(""), "");
    }
}

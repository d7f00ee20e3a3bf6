//! The signed-in person's own account: `GET /account` (who they are, their language, a new
//! password, signing out everywhere) and the forms it posts to.

use askama::Template;
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use pathways_app::accounts::{AccountError, CurrentSession};
use serde::Deserialize;

use super::{
    CsrfOnly, Fact, Fields, Input, error_text, language_cookie, notice, password_hint, role_name,
    see_other,
};
use crate::AppState;
use crate::error::WebError;
use crate::i18n::Locale;
use crate::pages::{Ctx, Layout, render};
use crate::session::{CsrfForm, SignedIn, append_cookie, expired_session_cookie};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/account", get(show))
        .route("/account/language", post(save_language))
        .route("/account/password", post(change_password))
        .route("/account/sign-out-everywhere", post(sign_out_everywhere))
}

/// An option of a drop-down.
#[derive(Debug)]
pub(super) struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// The languages a person can read the site in, each named in itself.
pub(super) fn language_choices(chosen: &str) -> Vec<Choice> {
    Locale::ALL
        .into_iter()
        .map(|l| Choice {
            value: l.tag().to_owned(),
            label: l.native_name().to_owned(),
            selected: l.tag().eq_ignore_ascii_case(chosen),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "account/account.html")]
struct AccountPage {
    l: Layout,
    csrf: String,
    facts: Vec<Fact>,
    languages: Vec<Choice>,
    /// The change-password form.
    fields: Fields,
    notice: Option<String>,
}

#[derive(Debug, Deserialize)]
struct LanguageForm {
    #[serde(default)]
    language: String,
}

#[derive(Debug, Deserialize)]
struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    confirm_password: String,
}

fn password_fields(ctx: &Ctx) -> Fields {
    let t = ctx.t;
    Fields::new(vec![
        Input::new(
            "current_password",
            "password",
            "current-password",
            t.t("current-password-label"),
        ),
        Input::new(
            "new_password",
            "password",
            "new-password",
            t.t("new-password-label"),
        )
        .hint(password_hint(t)),
        Input::new(
            "confirm_password",
            "password",
            "new-password",
            t.t("confirm-password-label"),
        ),
    ])
}

fn page(
    ctx: &Ctx,
    session: &CurrentSession,
    fields: Fields,
    notice: Option<String>,
) -> AccountPage {
    let t = ctx.t;
    let account = &session.account;
    let mut facts = vec![
        Fact {
            label: t.t("account-name"),
            value: account.display_name.clone(),
        },
        Fact {
            label: t.t("account-role"),
            value: role_name(t, account.role),
        },
    ];
    if let Some(number) = account.provider {
        facts.push(Fact {
            label: t.t("account-provider-number"),
            value: number.to_string(),
        });
    }
    if let Some(email) = &account.email {
        facts.push(Fact {
            label: t.t("account-email"),
            value: email.clone(),
        });
    }
    if let Some(vendor) = &account.vendor {
        facts.push(Fact {
            label: t.t("account-vendor"),
            value: vendor.to_string(),
        });
    }
    if let Some(county) = account.county {
        facts.push(Fact {
            label: t.t("account-county"),
            value: county.name().to_owned(),
        });
    }
    let title = if fields.is_empty() {
        t.t("account-title")
    } else {
        format!("{} {}", t.t("error-prefix"), t.t("account-title"))
    };
    AccountPage {
        l: ctx.layout(&title),
        csrf: ctx.csrf(),
        facts,
        languages: language_choices(&account.language),
        fields,
        notice,
    }
}

async fn show(
    ctx: Ctx,
    SignedIn(session): SignedIn,
    RawQuery(query): RawQuery,
) -> Result<Response, WebError> {
    let notice = notice(ctx.t, query.as_deref());
    Ok(render(&page(&ctx, &session, password_fields(&ctx), notice))?.into_response())
}

async fn save_language(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    CsrfForm(form): CsrfForm<LanguageForm>,
) -> Result<Response, WebError> {
    let locale = Locale::from_tag(&form.language).ok_or(WebError::BadForm)?;
    state.accounts.set_language(&session, locale).await?;
    let mut response = see_other("/account?notice=language-saved");
    // The site follows the choice at once, as the language switch would.
    append_cookie(
        &mut response,
        &language_cookie(locale, state.config.secure_cookies),
    );
    Ok(response)
}

async fn change_password(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(session): SignedIn,
    CsrfForm(form): CsrfForm<PasswordForm>,
) -> Result<Response, WebError> {
    let t = ctx.t;
    let mut fields = password_fields(&ctx);
    fields.require(
        "current_password",
        &form.current_password,
        t.t("current-password-error-missing"),
    );
    fields.require(
        "new_password",
        &form.new_password,
        t.t("new-password-error-missing"),
    );
    fields.require(
        "confirm_password",
        &form.confirm_password,
        t.t("confirm-password-error-missing"),
    );
    if fields.is_empty() {
        let result = state
            .accounts
            .change_password(
                &session,
                &form.current_password,
                &form.new_password,
                &form.confirm_password,
            )
            .await;
        match result {
            Ok(()) => {
                // A new password ends every session, this one too: sign in again with it.
                let mut response = see_other("/sign-in?notice=password-changed");
                append_cookie(
                    &mut response,
                    &expired_session_cookie(state.config.secure_cookies),
                );
                return Ok(response);
            }
            Err(AccountError::WrongCredentials) => {
                fields.fail("current_password", t.t("current-password-error-wrong"));
            }
            Err(error @ AccountError::Password(_)) => {
                fields.fail("new_password", error_text(t, &error));
            }
            Err(error @ AccountError::PasswordsDiffer) => {
                fields.fail("confirm_password", error_text(t, &error));
            }
            Err(error) => return Err(error.into()),
        }
    }
    let page = page(&ctx, &session, fields, None);
    Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}

async fn sign_out_everywhere(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    CsrfForm(CsrfOnly {}): CsrfForm<CsrfOnly>,
) -> Result<Response, WebError> {
    state
        .accounts
        .sign_out_everywhere(session.account.id)
        .await?;
    let mut response = see_other("/sign-in?notice=signed-out-everywhere");
    append_cookie(
        &mut response,
        &expired_session_cookie(state.config.secure_cookies),
    );
    Ok(response)
}

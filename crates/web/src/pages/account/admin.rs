//! The program admin's account pages: `GET /admin/accounts` (every account, by role),
//! `GET/POST /admin/accounts/new` (a staff account; an activation code goes to its email) and
//! `POST /admin/accounts/{id}/disable` and `/enable`. The application decides who may.

use askama::Template;
use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use pathways_app::accounts::{AccountError, AccountView, NewStaff};
use pathways_domain::access::{Action, Owner, Role};
use pathways_domain::ids::{CountyCode, VendorCode};
use pathways_store::accounts::AccountId;
use serde::Deserialize;

use super::settings::{Choice, language_choices};
use super::{Fields, Input, error_text, notice, query_value, role_name, see_other, title};
use crate::AppState;
use crate::error::WebError;
use crate::i18n::{Locale, Translator};
use crate::pages::{Ctx, Layout, encode_component, render};
use crate::session::{CsrfForm, SignedIn};

/// Accounts per page of the list.
const PAGE_SIZE: u32 = 50;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/accounts", get(list))
        .route("/admin/accounts/new", get(show_new).post(create))
        .route("/admin/accounts/{id}/disable", post(disable))
        .route("/admin/accounts/{id}/enable", post(enable))
}

/// One account in the list.
#[derive(Debug)]
struct Row {
    id: i64,
    name: String,
    role: String,
    /// The email or provider number the person signs in with.
    login: String,
    /// The vendor or county the account belongs to.
    tie: String,
    status: String,
    /// The account can be turned off (it is on, and it is not the admin's own).
    may_disable: bool,
    may_enable: bool,
}

#[derive(Template)]
#[template(path = "account/admin_accounts.html")]
struct ListPage {
    l: Layout,
    csrf: String,
    roles: Vec<Choice>,
    rows: Vec<Row>,
    next: Option<String>,
    notice: Option<String>,
    /// The query this list was shown for, for the disable and enable forms to return to.
    back: String,
}

#[derive(Template)]
#[template(path = "account/admin_account_new.html")]
struct NewPage {
    l: Layout,
    csrf: String,
    fields: Fields,
    roles: Vec<Choice>,
    counties: Vec<Choice>,
    languages: Vec<Choice>,
}

#[derive(Debug, Default, Deserialize)]
struct NewForm {
    #[serde(default)]
    role: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    vendor: String,
    #[serde(default)]
    county: String,
    #[serde(default)]
    language: String,
}

#[derive(Debug, Deserialize)]
struct ToggleForm {
    #[serde(default)]
    back: String,
}

/// The roles as drop-down options: "any role" first when `any` is given.
fn role_choices(t: Translator, roles: &[Role], chosen: &str, any: Option<String>) -> Vec<Choice> {
    any.map(|label| Choice {
        value: String::new(),
        label,
        selected: chosen.is_empty(),
    })
    .into_iter()
    .chain(roles.iter().map(|r| Choice {
        value: r.code().to_owned(),
        label: role_name(t, *r),
        selected: r.code() == chosen,
    }))
    .collect()
}

fn row(t: Translator, account: &AccountView, me: AccountId) -> Row {
    let status = if account.disabled {
        "account-status-disabled"
    } else if account.active {
        "account-status-active"
    } else {
        "account-status-waiting"
    };
    let tie = match (&account.vendor, account.county) {
        (Some(vendor), _) => vendor.clone(),
        (None, Some(county)) => CountyCode::new(county)
            .map(|c| c.name().to_owned())
            .unwrap_or_default(),
        (None, None) => String::new(),
    };
    Row {
        id: account.id.0,
        name: account.display_name.clone(),
        role: role_name(t, account.role),
        login: account
            .email
            .clone()
            .or_else(|| account.provider.clone())
            .unwrap_or_default(),
        tie,
        status: t.t(status),
        may_disable: !account.disabled && account.id != me,
        may_enable: account.disabled,
    }
}

async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(session): SignedIn,
    RawQuery(query): RawQuery,
) -> Result<Response, WebError> {
    let t = ctx.t;
    let role_code = query_value(query.as_deref(), "role").unwrap_or_default();
    let role = Role::parse(&role_code);
    let after = query_value(query.as_deref(), "after")
        .and_then(|a| a.parse::<i64>().ok())
        .map(AccountId);
    let mut accounts = state
        .accounts
        .list(&session.caller, role, after, PAGE_SIZE + 1)
        .await?;
    let next = (accounts.len() > PAGE_SIZE as usize).then(|| {
        accounts.truncate(PAGE_SIZE as usize);
        let last = accounts.last().map_or(0, |a| a.id.0);
        match role {
            Some(r) => format!("/admin/accounts?role={}&after={last}", r.code()),
            None => format!("/admin/accounts?after={last}"),
        }
    });
    let me = session.account.id;
    let page = ListPage {
        l: ctx.layout(&t.t("admin-accounts-title")),
        csrf: ctx.csrf(),
        roles: role_choices(
            t,
            Role::ALL,
            role.map_or("", Role::code),
            Some(t.t("admin-accounts-any-role")),
        ),
        rows: accounts.iter().map(|a| row(t, a, me)).collect(),
        next,
        notice: notice(t, query.as_deref()),
        back: role.map_or_else(String::new, |r| format!("role={}", r.code())),
    };
    Ok(render(&page)?.into_response())
}

/// The staff roles a program admin creates accounts for (providers make their own).
fn staff_roles() -> Vec<Role> {
    Role::ALL
        .iter()
        .copied()
        .filter(|r| *r != Role::Provider)
        .collect()
}

fn new_page(ctx: &Ctx, form: &NewForm, fields: Fields) -> NewPage {
    let t = ctx.t;
    let mut counties = vec![Choice {
        value: String::new(),
        label: t.t("admin-new-county-none"),
        selected: form.county.is_empty(),
    }];
    counties.extend(CountyCode::all().map(|c| Choice {
        value: c.to_string(),
        label: c.name().to_owned(),
        selected: c.to_string() == form.county,
    }));
    let language = if form.language.is_empty() {
        t.locale().tag()
    } else {
        &form.language
    };
    NewPage {
        l: ctx.layout(&title(t, "admin-new-title", &fields)),
        csrf: ctx.csrf(),
        roles: role_choices(
            t,
            &staff_roles(),
            &form.role,
            Some(t.t("admin-new-role-choose")),
        ),
        counties,
        languages: language_choices(language),
        fields,
    }
}

fn new_fields(ctx: &Ctx, form: &NewForm) -> Fields {
    let t = ctx.t;
    let mut fields = Fields::new(vec![
        Input::new("email", "email", "off", t.t("admin-new-email-label"))
            .hint(t.t("admin-new-email-hint"))
            .value(&form.email),
        Input::new("name", "text", "off", t.t("admin-new-name-label"))
            .name()
            .value(&form.name),
        Input::new("vendor", "text", "off", t.t("admin-new-vendor-label"))
            .hint(t.t("admin-new-vendor-hint"))
            .width("input-width-10")
            .value(&form.vendor),
    ]);
    fields.order = vec!["role", "email", "name", "vendor", "county", "language"];
    fields
}

async fn show_new(ctx: Ctx, SignedIn(session): SignedIn) -> Result<Response, WebError> {
    // The form is only for those who may create accounts; the application says who.
    session
        .caller
        .authorize(Action::ManageAccounts, &Owner::default())?;
    let form = NewForm::default();
    let fields = new_fields(&ctx, &form);
    Ok(render(&new_page(&ctx, &form, fields))?.into_response())
}

async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(session): SignedIn,
    CsrfForm(form): CsrfForm<NewForm>,
) -> Result<Response, WebError> {
    let t = ctx.t;
    session
        .caller
        .authorize(Action::ManageAccounts, &Owner::default())?;
    let mut fields = new_fields(&ctx, &form);
    let role = Role::parse(&form.role).filter(|r| *r != Role::Provider);
    if role.is_none() {
        fields.fail("role", t.t("admin-new-error-role"));
    }
    let vendor = match form.vendor.trim() {
        "" => None,
        raw => match VendorCode::parse(raw) {
            Ok(code) => Some(code),
            Err(_) => {
                fields.fail("vendor", error_text(t, &AccountError::UnknownVendor));
                None
            }
        },
    };
    let county = match form.county.trim() {
        "" => None,
        raw => match CountyCode::parse(raw) {
            Ok(code) => Some(code),
            Err(_) => {
                fields.fail("county", error_text(t, &AccountError::CountyRequired));
                None
            }
        },
    };
    let locale = Locale::from_tag(&form.language).unwrap_or(t.locale());
    if let (Some(role), true) = (role, fields.is_empty()) {
        let staff = NewStaff {
            role,
            email: form.email.clone(),
            display_name: form.name.clone(),
            vendor,
            county,
            locale,
            password: None,
        };
        match state.accounts.create_staff(&session.caller, &staff).await {
            Ok(_) => return Ok(see_other("/admin/accounts?notice=account-created")),
            Err(error) => {
                let field = match error {
                    AccountError::MalformedEmail | AccountError::EmailTaken => "email",
                    AccountError::MissingName => "name",
                    AccountError::VendorRequired | AccountError::UnknownVendor => "vendor",
                    AccountError::CountyRequired => "county",
                    AccountError::ProviderAccountsAreSelfService => "role",
                    other => return Err(other.into()),
                };
                fields.fail(field, error_text(t, &error));
            }
        }
    }
    let page = new_page(&ctx, &form, fields);
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}

async fn disable(
    state: State<AppState>,
    signed_in: SignedIn,
    id: Path<String>,
    form: CsrfForm<ToggleForm>,
) -> Result<Response, WebError> {
    set_disabled(state, signed_in, id, form, true).await
}

async fn enable(
    state: State<AppState>,
    signed_in: SignedIn,
    id: Path<String>,
    form: CsrfForm<ToggleForm>,
) -> Result<Response, WebError> {
    set_disabled(state, signed_in, id, form, false).await
}

async fn set_disabled(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<ToggleForm>,
    disabled: bool,
) -> Result<Response, WebError> {
    let id = id
        .parse::<i64>()
        .map(AccountId)
        .map_err(|_| WebError::NotFound)?;
    match state
        .accounts
        .set_disabled(&session.caller, id, disabled)
        .await
    {
        Ok(()) => {}
        // The application answers "no such account" this way.
        Err(AccountError::WrongCredentials) => return Err(WebError::NotFound),
        Err(error) => return Err(error.into()),
    }
    let notice = if disabled {
        "account-disabled"
    } else {
        "account-enabled"
    };
    let role = Role::parse(&query_value(Some(&form.back), "role").unwrap_or_default());
    Ok(see_other(&match role {
        Some(r) => format!(
            "/admin/accounts?role={}&notice={notice}",
            encode_component(r.code())
        ),
        None => format!("/admin/accounts?notice={notice}"),
    }))
}

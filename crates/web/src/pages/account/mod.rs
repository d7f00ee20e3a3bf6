//! Accounts on the web: signing in and out, a provider creating their account, resetting a
//! password, the person's own account page, the program admin's account pages and a vendor's
//! API tokens. Every decision (who may, whether a code is right) is the application's
//! (`pathways_app::accounts`); these handlers read forms, call it, and show its answers.
//!
//! The forms share one shape (GOV.UK patterns): an error summary at the top linking to each
//! field, and per field a label, a hint, the error and the input, tied together with
//! `aria-describedby`.

mod admin;
mod api_tokens;
mod password;
mod register;
mod settings;
mod sign_in;

use axum::Router;
use axum::http::header::LOCATION;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use pathways_app::access::Caller;
use pathways_app::accounts::AccountError;
use pathways_domain::access::{Action, Actor};
use serde::Deserialize;
use time::{OffsetDateTime, PrimitiveDateTime};

use super::NavLink;
use super::language::{header_safe, local_path};
use crate::AppState;
use crate::filter::query_pairs;
use crate::format;
use crate::i18n::{LANG_COOKIE, Locale, Translator};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .merge(sign_in::router())
        .merge(register::router())
        .merge(password::router())
        .merge(settings::router())
        .merge(admin::router())
        .merge(api_tokens::router())
}

/// The main menu entries of a signed-in person's own pages.
pub(super) fn nav(t: Translator, caller: &Caller, path: &str) -> Vec<NavLink> {
    let mut links = Vec::new();
    if caller.may(Action::ManageAccounts) {
        links.push(("/admin/accounts".to_owned(), t.t("nav-accounts")));
    }
    if caller.may(Action::ApproveCourses) {
        links.push(("/admin/courses".to_owned(), t.t("nav-review-courses")));
    }
    if caller.may(Action::ManageCareers) {
        links.push(("/admin/careers".to_owned(), t.t("nav-careers-admin")));
    }
    if caller.may(Action::ViewAudit) {
        links.push(("/admin/audit".to_owned(), t.t("nav-audit")));
    }
    if caller.may(Action::ManagePolicy) {
        links.push(("/admin/policy".to_owned(), t.t("nav-policy")));
    }
    if caller.may(Action::ViewOutreach) {
        links.push(("/incentives/outreach".to_owned(), t.t("nav-outreach")));
    }
    if caller.may(Action::ReviewClaims) {
        links.push(("/admin/claims".to_owned(), t.t("nav-review-claims")));
    }
    if caller.may(Action::ManageCoaches) {
        links.push(("/admin/coaches".to_owned(), t.t("nav-coaches")));
    }
    if caller.may(Action::HandleTickets) {
        links.push(("/desk/tickets".to_owned(), t.t("nav-desk")));
    }
    if caller.may(Action::RunPayroll) {
        links.push(("/admin/payroll".to_owned(), t.t("nav-payroll")));
    }
    match &caller.actor {
        Actor::Provider { provider } => {
            links.push((
                format!("/providers/{provider}/classes"),
                t.t("nav-my-classes"),
            ));
            links.push((format!("/providers/{provider}"), t.t("nav-my-records")));
            links.push((
                format!("/providers/{provider}/progress"),
                t.t("progress-nav"),
            ));
            links.push((format!("/providers/{provider}/claims"), t.t("nav-claims")));
            links.push((
                format!("/providers/{provider}/coaching"),
                t.t("nav-coaching"),
            ));
        }
        Actor::VendorStaff { vendor } => {
            links.push((
                format!("/vendors/{vendor}/courses"),
                t.t("nav-vendor-courses"),
            ));
            links.push((
                format!("/vendors/{vendor}/attendance/held"),
                t.t("nav-held-attendance"),
            ));
            links.push((
                format!("/vendors/{vendor}/api-tokens"),
                t.t("nav-api-tokens"),
            ));
        }
        Actor::ServiceDesk | Actor::CountyStaff { .. } | Actor::ProgramAdmin => {
            links.push(("/providers".to_owned(), t.t("nav-find-provider")));
        }
        Actor::Coach => {
            links.push(("/coach".to_owned(), t.t("nav-coach-desk")));
            links.push(("/coach/hours".to_owned(), t.t("nav-coach-hours")));
        }
    }
    let within = |href: &str| path == href || path.starts_with(&format!("{href}/"));
    // Only the closest entry is current: "My progress", not also "My records" above it.
    let closest = links
        .iter()
        .filter(|(href, _)| within(href))
        .map(|(href, _)| href.len())
        .max();
    links
        .into_iter()
        .map(|(href, text)| NavLink {
            current: within(&href) && Some(href.len()) == closest,
            href,
            text,
        })
        .collect()
}

/// The one-time code and a new password twice: the second step of creating an account and of
/// resetting a password.
pub(super) fn code_and_password_fields(t: Translator, code_hint_key: &str) -> Fields {
    Fields::new(vec![
        Input::new("code", "text", "one-time-code", t.t("code-label"))
            .hint(t.t(code_hint_key))
            .numeric()
            .width("input-width-5"),
        Input::new(
            "password",
            "password",
            "new-password",
            t.t("new-password-label"),
        )
        .hint(password_hint(t)),
        Input::new(
            "confirm",
            "password",
            "new-password",
            t.t("confirm-password-label"),
        ),
    ])
}

/// Marks the code and the new password (twice) missing where they are empty.
pub(super) fn require_code_and_password(
    fields: &mut Fields,
    t: Translator,
    code: &str,
    password: &str,
    confirm: &str,
) {
    fields.require("code", code, t.t("code-error-missing"));
    fields.require("password", password, t.t("new-password-error-missing"));
    fields.require("confirm", confirm, t.t("confirm-password-error-missing"));
}

/// A form with only its CSRF token (sign out, disable, revoke).
#[derive(Debug, Deserialize)]
struct CsrfOnly {}

/// A label and its value, for summary lists.
#[derive(Debug)]
pub(super) struct Fact {
    pub label: String,
    pub value: String,
}

/// An entry of the error summary, linking to its field.
#[derive(Debug)]
pub(super) struct ErrorLink {
    pub href: String,
    pub text: String,
}

/// A text, email, phone or password input with its label, hint and error.
#[derive(Debug)]
pub(super) struct Input {
    pub id: &'static str,
    pub label: String,
    pub hint: Option<String>,
    pub error: Option<String>,
    /// What the person typed, shown again after an error (never for passwords).
    pub value: String,
    /// The `type` attribute.
    pub kind: &'static str,
    /// The `autocomplete` attribute: `username`, `current-password`, `one-time-code`…
    pub autocomplete: &'static str,
    pub inputmode: Option<&'static str>,
    /// A width class, so the box hints at the answer's length.
    pub width: &'static str,
    /// Spell checking is off for codes, numbers, emails and names.
    pub spellcheck: bool,
    /// `none` for codes, emails and numbers; `words` for names.
    pub autocapitalize: &'static str,
}

impl Input {
    pub fn new(
        id: &'static str,
        kind: &'static str,
        autocomplete: &'static str,
        label: String,
    ) -> Self {
        Self {
            id,
            label,
            hint: None,
            error: None,
            value: String::new(),
            kind,
            autocomplete,
            inputmode: None,
            width: "input-width-full",
            spellcheck: false,
            autocapitalize: "none",
        }
    }

    /// A person's name: capitals on phones' keyboards.
    pub fn name(mut self) -> Self {
        self.autocapitalize = "words";
        self
    }

    pub fn hint(mut self, hint: String) -> Self {
        self.hint = Some(hint);
        self
    }

    pub fn value(mut self, value: &str) -> Self {
        if self.kind != "password" {
            value.trim().clone_into(&mut self.value);
        }
        self
    }

    pub fn numeric(mut self) -> Self {
        self.inputmode = Some("numeric");
        self
    }

    pub fn width(mut self, class: &'static str) -> Self {
        self.width = class;
        self
    }

    /// The ids `aria-describedby` names: the hint and the error, when there are.
    pub fn described_by(&self) -> String {
        let mut ids = Vec::new();
        if self.hint.is_some() {
            ids.push(format!("{}-hint", self.id));
        }
        if self.error.is_some() {
            ids.push(format!("{}-error", self.id));
        }
        ids.join(" ")
    }
}

/// The fields of a form and the errors found in it.
#[derive(Debug, Default)]
pub(super) struct Fields {
    pub inputs: Vec<Input>,
    pub errors: Vec<ErrorLink>,
    /// The ids of every field in page order, drop-downs included, for the summary's order.
    pub order: Vec<&'static str>,
}

impl Fields {
    pub fn new(inputs: Vec<Input>) -> Self {
        Self {
            order: inputs.iter().map(|i| i.id).collect(),
            inputs,
            errors: Vec::new(),
        }
    }

    /// The error of a field that is not an [`Input`] (a drop-down).
    pub fn error_for(&self, id: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|e| e.href[1..] == *id)
            .map(|e| e.text.as_str())
    }

    /// Marks `id` wrong with `message`, in the field and in the summary (in form order).
    pub fn fail(&mut self, id: &str, message: String) {
        if self.error_for(id).is_some() {
            return;
        }
        if let Some(input) = self.inputs.iter_mut().find(|i| i.id == id) {
            input.error = Some(message.clone());
        }
        self.errors.push(ErrorLink {
            href: format!("#{id}"),
            text: message,
        });
        let order = &self.order;
        self.errors.sort_by_key(|e| {
            order
                .iter()
                .position(|id| e.href[1..] == **id)
                .unwrap_or(usize::MAX)
        });
    }

    /// Marks the field empty with `message` when its value is blank; whether it was.
    pub fn require(&mut self, id: &str, value: &str, message: String) -> bool {
        if value.trim().is_empty() {
            self.fail(id, message);
            true
        } else {
            false
        }
    }

    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }
}

/// The translated message of an account error.
pub(super) fn error_text(t: Translator, error: &AccountError) -> String {
    t.t_args(error.message_key(), &error.message_args())
}

/// The status a form shown again with `error` answers with.
pub(super) fn error_status(error: &AccountError) -> StatusCode {
    match error {
        AccountError::Throttled => StatusCode::TOO_MANY_REQUESTS,
        AccountError::WrongCredentials => StatusCode::UNAUTHORIZED,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    }
}

/// A page title, with "Error:" in front when the form has errors (so screen readers hear it
/// first).
pub(super) fn title(t: Translator, key: &str, fields: &Fields) -> String {
    if fields.is_empty() {
        t.t(key)
    } else {
        format!("{} {}", t.t("error-prefix"), t.t(key))
    }
}

/// `303 See Other` to a path on this site.
pub(super) fn see_other(location: &str) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    let value = HeaderValue::from_str(&header_safe(local_path(location)))
        .unwrap_or(HeaderValue::from_static("/"));
    response.headers_mut().insert(LOCATION, value);
    response
}

/// A query parameter's value.
pub(super) fn query_value(query: Option<&str>, name: &str) -> Option<String> {
    query_pairs(query)
        .into_iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v)
}

/// The confirmation a page shows after a change, named by its `notice` parameter. Only
/// known notices are shown, so a link cannot put words on the page.
pub(super) fn notice(t: Translator, query: Option<&str>) -> Option<String> {
    let key = match query_value(query, "notice")?.as_str() {
        "signed-out-everywhere" => "notice-signed-out-everywhere",
        "password-set" => "notice-password-set",
        "password-changed" => "notice-password-changed",
        "language-saved" => "notice-language-saved",
        "account-created" => "notice-account-created",
        "account-disabled" => "notice-account-disabled",
        "account-enabled" => "notice-account-enabled",
        "token-revoked" => "notice-token-revoked",
        "welcome" => "notice-welcome",
        _ => return None,
    };
    Some(t.t(key))
}

/// The `lang` cookie remembering `locale` for a year, as the language switch sets it.
pub(super) fn language_cookie(locale: Locale, secure: bool) -> String {
    let mut cookie = format!(
        "{LANG_COOKIE}={}; Max-Age=31536000; Path=/; HttpOnly; SameSite=Lax",
        locale.tag()
    );
    if secure {
        cookie.push_str("; Secure");
    }
    cookie
}

/// A moment as people in California read it: date and time, Pacific time.
pub(super) fn moment(locale: Locale, at: OffsetDateTime) -> String {
    let local = at.to_offset(pathways_domain::calendar::pacific_offset(at));
    format::date_time(locale, PrimitiveDateTime::new(local.date(), local.time()))
}

/// A role's name in the reader's language.
pub(super) fn role_name(t: Translator, role: pathways_domain::access::Role) -> String {
    t.t(&format!("role-{}", role.code()))
}

/// The rules a new password must meet, as the hint under the field says them.
pub(super) fn password_hint(t: Translator) -> String {
    let rules = pathways_app::accounts::password::PasswordRules::default();
    t.t_args(
        "password-hint",
        &[("min", u64::try_from(rules.min_chars).unwrap_or(15).into())],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_are_listed_in_the_order_of_the_fields() {
        let mut fields = Fields::new(vec![
            Input::new("a", "text", "off", "A".into()),
            Input::new("b", "text", "off", "B".into()),
        ]);
        fields.fail("b", "wrong b".into());
        fields.fail("a", "wrong a".into());
        fields.fail("a", "wrong again".into());
        let hrefs: Vec<&str> = fields.errors.iter().map(|e| e.href.as_str()).collect();
        assert_eq!(hrefs, ["#a", "#b"]);
        assert_eq!(fields.inputs[0].error.as_deref(), Some("wrong a"));
        assert_eq!(fields.inputs[0].described_by(), "a-error");
    }

    #[test]
    fn passwords_are_never_shown_again() {
        let input = Input::new("password", "password", "current-password", "P".into())
            .value("secret words");
        assert_eq!(input.value, "");
        let input = Input::new("login", "text", "username", "L".into()).value(" ana@x.org ");
        assert_eq!(input.value, "ana@x.org");
    }

    #[test]
    fn redirects_stay_on_this_site() {
        let location = |r: Response| r.headers()[LOCATION].to_str().unwrap().to_owned();
        assert_eq!(location(see_other("/account?x=1")), "/account?x=1");
        assert_eq!(location(see_other("//evil.example")), "/");
        assert_eq!(location(see_other("https://evil.example")), "/");
    }

    #[test]
    fn only_known_notices_are_shown() {
        let t = Translator::new(Locale::En);
        assert!(notice(t, Some("notice=password-set")).is_some());
        assert_eq!(notice(t, Some("notice=Click%20here")), None);
        assert_eq!(notice(t, None), None);
    }
}

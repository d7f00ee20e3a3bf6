//! Server-rendered HTML pages. Each area owns its routes; [`Layout`] carries what every page's
//! frame needs (language, title, language switch), and [`Ctx`] gives handlers the request's
//! language and address.

mod account;
mod careers;
mod catalog;
mod certificates;
mod claims;
mod coach_desk;
mod coaches;
mod coaching;
mod courses;
mod help;
mod home;
mod language;
pub mod outreach;
mod payroll;
mod policy;
mod progress;
mod registration;
pub mod staff;
pub(crate) mod tickets;

pub(crate) use careers::career_slug;

use std::convert::Infallible;

use askama::Template;
use axum::Router;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::{Html, IntoResponse, Response};

use crate::AppState;
use crate::error::WebError;
use crate::i18n::{Locale, Translator};
use crate::session::Visitor;

/// The IHSS Service Desk's phone number, as shown.
pub const SERVICE_DESK_PHONE: &str = "1-866-376-7066";
/// The program's email inbox.
pub const PROGRAM_EMAIL: &str = "IHSSCareerPathways@dss.ca.gov";

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(home::router())
        .merge(account::router())
        .merge(catalog::router())
        .merge(language::router())
        .merge(staff::router())
        .merge(registration::router())
        .merge(courses::router())
        .merge(careers::router())
        .merge(progress::router())
        .merge(policy::router())
        .merge(outreach::router())
        .merge(claims::router())
        .merge(coaching::router())
        .merge(coach_desk::router())
        .merge(coaches::router())
        .merge(help::router())
        .merge(tickets::router())
        .merge(payroll::router())
        .merge(certificates::router())
}

/// The request's language, its address (path and query) for the language switch, and who is
/// asking, for the page header and the CSRF token of forms.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub t: Translator,
    pub current: String,
    /// Put in the request by [`crate::session::load_visitor`]; `None` only outside the router.
    pub visitor: Option<Visitor>,
}

impl Ctx {
    /// The frame of a page titled `page_title`, its header showing this visitor.
    pub fn layout(&self, page_title: &str) -> Layout {
        Layout::for_visitor(self.t, &self.current, page_title, self.visitor.as_ref())
    }

    /// The token this visitor's forms carry in their hidden `csrf` field.
    pub fn csrf(&self) -> String {
        self.visitor
            .as_ref()
            .map(|v| v.csrf_token.clone())
            .unwrap_or_default()
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(Self {
            t: Translator::new(crate::i18n::request_locale(&parts.headers)),
            current: parts
                .uri
                .path_and_query()
                .map_or_else(|| "/".to_owned(), |pq| pq.as_str().to_owned()),
            visitor: parts.extensions.get::<Visitor>().cloned(),
        })
    }
}

/// One entry of the language switch.
#[derive(Debug, Clone)]
pub struct SwitchLink {
    pub href: String,
    pub name: &'static str,
    pub lang: &'static str,
    pub current: bool,
}

/// What the frame of every page shows.
#[derive(Debug, Clone)]
pub struct Layout {
    t: Translator,
    pub lang: &'static str,
    /// The `<title>`: the page's own title, then the service name.
    pub title: String,
    pub switch: Vec<SwitchLink>,
    /// Which main menu entry is this page's, for `aria-current`.
    pub section: Section,
    pub desk_phone: &'static str,
    pub desk_phone_href: String,
    pub email: &'static str,
    /// The signed-in person; `None` shows the sign-in link instead.
    pub user: Option<HeaderUser>,
    /// The header's sign-in link, which comes back to this page afterwards.
    pub sign_in_href: String,
    /// Main menu entries after Home and Courses: the signed-in person's own pages.
    pub nav: Vec<NavLink>,
}

/// The signed-in person as the header shows them, with what the sign-out button needs.
#[derive(Debug, Clone)]
pub struct HeaderUser {
    pub name: String,
    pub csrf: String,
}

/// A main menu entry.
#[derive(Debug, Clone)]
pub struct NavLink {
    pub href: String,
    pub text: String,
    /// This page is the entry's or one of its subpages (`aria-current`).
    pub current: bool,
}

/// The main menu's entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Home,
    Courses,
    Careers,
    Other,
}

impl Layout {
    /// The frame of a page as a signed-out visitor sees it; pages use [`Ctx::layout`], which
    /// shows who is signed in.
    pub fn new(t: Translator, current: &str, page_title: &str) -> Self {
        Self::for_visitor(t, current, page_title, None)
    }

    /// The frame of a page, its header showing `visitor`'s name and menu when signed in.
    pub fn for_visitor(
        t: Translator,
        current: &str,
        page_title: &str,
        visitor: Option<&Visitor>,
    ) -> Self {
        let next = encode_component(current);
        let path = current.split(['?', '#']).next().unwrap_or_default();
        let session = visitor.and_then(|v| v.session.as_ref());
        let user = session.map(|s| HeaderUser {
            name: s.account.display_name.clone(),
            csrf: s.csrf_token.clone(),
        });
        let nav = session
            .map(|s| account::nav(t, &s.caller, path))
            .unwrap_or_default();
        // After signing in, come back here; not to the account pages a person signs in from.
        let sign_in_href = if path == "/"
            || ["/sign-in", "/register", "/password/"]
                .iter()
                .any(|p| path.starts_with(p))
        {
            "/sign-in".to_owned()
        } else {
            format!("/sign-in?next={next}")
        };
        let section = match current.split(['?', '#']).next().unwrap_or_default() {
            "/" => Section::Home,
            p if p == "/courses" || p.starts_with("/courses/") => Section::Courses,
            p if p == "/careers" || p.starts_with("/careers/") => Section::Careers,
            _ => Section::Other,
        };
        Self {
            lang: t.locale().tag(),
            title: format!("{page_title} – {}", t.t("service-name")),
            switch: Locale::ALL
                .into_iter()
                .map(|l| SwitchLink {
                    href: format!("/language/{}?next={next}", l.tag()),
                    name: l.native_name(),
                    lang: l.tag(),
                    current: l == t.locale(),
                })
                .collect(),
            section,
            desk_phone: SERVICE_DESK_PHONE,
            desk_phone_href: tel_href(SERVICE_DESK_PHONE),
            email: PROGRAM_EMAIL,
            user,
            sign_in_href,
            nav,
            t,
        }
    }

    /// Gives the page another title (such as one starting with "Error:").
    pub fn retitle(&mut self, page_title: &str) {
        self.title = format!("{page_title} – {}", self.t.t("service-name"));
    }

    /// A message in the page's language; templates call this on their `l` field.
    pub fn t(&self, key: &str) -> String {
        self.t.t(key)
    }

    pub fn is_home(&self) -> bool {
        self.section == Section::Home
    }

    pub fn is_courses(&self) -> bool {
        self.section == Section::Courses
    }

    pub fn is_careers(&self) -> bool {
        self.section == Section::Careers
    }
}

/// Renders a template into an HTML response body.
pub fn render(template: &impl Template) -> Result<Html<String>, WebError> {
    Ok(Html(template.render()?))
}

/// Percent-encodes a query-string value (everything but unreserved characters and `/`).
pub fn encode_component(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~' | b'/') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// A `tel:` link for a phone number as written (`1-866-376-7066` → `tel:+18663767066`).
pub fn tel_href(phone: &str) -> String {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    match digits.len() {
        10 => format!("tel:+1{digits}"),
        11 if digits.starts_with('1') => format!("tel:+{digits}"),
        _ => format!("tel:{digits}"),
    }
}

/// A link to an outside web site, only for `http`/`https` addresses (a bare `example.org`
/// gets `https://`); anything else, such as `javascript:`, is not linked.
pub fn web_href(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let lower = raw.to_ascii_lowercase();
    if raw.chars().any(|c| c.is_whitespace() || c.is_control()) || raw.is_empty() {
        None
    } else if lower.starts_with("https://") || lower.starts_with("http://") {
        Some(raw.to_owned())
    } else if !raw.contains(':') && raw.contains('.') && !raw.starts_with('/') {
        Some(format!("https://{raw}"))
    } else {
        None
    }
}

/// A file to download: its type, the name it is saved under, and its bytes.
pub(crate) fn attachment(content_type: &str, name: &str, bytes: Vec<u8>) -> Response {
    use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
    (
        [
            (CONTENT_TYPE, content_type.to_owned()),
            (
                CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

/// A CSV file to download.
pub(crate) fn csv_attachment(name: &str, bytes: Vec<u8>) -> Response {
    attachment("text/csv; charset=utf-8", name, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_values_are_percent_encoded() {
        assert_eq!(
            encode_component("/courses?pathway=GHS&page=2"),
            "/courses%3Fpathway%3DGHS%26page%3D2"
        );
        assert_eq!(encode_component("é"), "%C3%A9");
    }

    #[test]
    fn only_web_addresses_become_links() {
        assert_eq!(
            web_href("https://example.org/a").as_deref(),
            Some("https://example.org/a")
        );
        assert_eq!(
            web_href("www.example.org").as_deref(),
            Some("https://www.example.org")
        );
        assert_eq!(web_href("javascript:alert(1)"), None);
        assert_eq!(web_href("//evil.example"), None);
        assert_eq!(web_href(""), None);
    }

    #[test]
    fn phone_links_use_the_international_form() {
        assert_eq!(tel_href("1-866-376-7066"), "tel:+18663767066");
        assert_eq!(tel_href("(916) 555-0100"), "tel:+19165550100");
    }

    #[test]
    fn the_language_switch_returns_to_the_current_page() {
        let layout = Layout::new(
            Translator::new(Locale::Es),
            "/courses?pathway=GHS",
            "Cursos",
        );
        assert_eq!(layout.lang, "es");
        let es = &layout.switch[1];
        assert!(es.current);
        assert_eq!(es.href, "/language/es?next=/courses%3Fpathway%3DGHS");
        assert!(layout.is_courses());
    }
}

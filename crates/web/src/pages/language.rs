//! The language switch: `/language/{tag}?next=/path` remembers the choice in a cookie for a
//! year and sends the person back where they were.

use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::http::header::{LOCATION, SET_COOKIE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::AppState;
use crate::error::WebError;
use crate::filter::query_pairs;
use crate::i18n::{LANG_COOKIE, Locale};

/// How long the language choice is remembered.
const ONE_YEAR_SECONDS: u32 = 365 * 24 * 60 * 60;

pub fn router() -> Router<AppState> {
    Router::new().route("/language/{tag}", get(switch_language))
}

async fn switch_language(
    State(state): State<AppState>,
    Path(tag): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, WebError> {
    let locale = Locale::from_tag(&tag).ok_or(WebError::NotFound)?;
    let next = query_pairs(query.as_deref())
        .into_iter()
        .find(|(name, _)| name == "next")
        .map(|(_, value)| value)
        .unwrap_or_default();
    let mut cookie = format!(
        "{LANG_COOKIE}={}; Max-Age={ONE_YEAR_SECONDS}; Path=/; HttpOnly; SameSite=Lax",
        locale.tag()
    );
    if state.config.secure_cookies {
        cookie.push_str("; Secure");
    }
    let location = header_safe(local_path(&next));
    let mut response = StatusCode::SEE_OTHER.into_response();
    let headers = response.headers_mut();
    headers.insert(
        LOCATION,
        HeaderValue::from_str(&location).unwrap_or(HeaderValue::from_static("/")),
    );
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        headers.insert(SET_COOKIE, value);
    }
    Ok(response)
}

/// `next` when it is a path on this site; `/` otherwise. `//host` and `/\host` are read by
/// browsers as other sites, so they are refused along with full URLs.
pub(super) fn local_path(next: &str) -> &str {
    let local = next.starts_with('/')
        && !next.starts_with("//")
        && !next.contains('\\')
        && !next.chars().any(char::is_control);
    if local { next } else { "/" }
}

/// Percent-encodes what a `Location` header cannot carry as is (spaces, non-ASCII).
pub(super) fn header_safe(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_graphic() {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_paths_on_this_site_are_followed() {
        assert_eq!(local_path("/courses?pathway=GHS"), "/courses?pathway=GHS");
        assert_eq!(local_path("/"), "/");
        for bad in [
            "//evil.example",
            "/\\evil.example",
            "https://evil.example/",
            "evil.example",
            "",
            "/\r\nSet-Cookie: x=y",
        ] {
            assert_eq!(local_path(bad), "/", "{bad:?}");
        }
    }

    #[test]
    fn locations_are_made_header_safe() {
        assert_eq!(header_safe("/courses?q=a b"), "/courses?q=a%20b");
        assert_eq!(header_safe("/é"), "/%C3%A9");
    }
}

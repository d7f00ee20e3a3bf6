//! Who is making a request, and whether a form really came from our own page.
//!
//! [`load_visitor`] runs once per request: it looks the session cookie up (server-side, in the
//! database, so any app server can serve any request) and makes sure every visitor has a CSRF
//! token. Handlers then take a [`Visitor`] (anyone), a [`SignedIn`] person (else the sign-in
//! page, or 401 under `/api/`), an [`ApiCaller`] (a vendor API token, or a session for reading)
//! and [`CsrfForm`], which refuses a form whose hidden `csrf` field is missing or wrong before
//! the handler runs, so a forged form changes nothing.
//!
//! Signed-in forms carry the session's own token; forms before sign-in (sign-in itself, account
//! creation, password reset) carry a random token also kept in a `SameSite=Strict` cookie
//! (double submit): another site can neither read the cookie nor send it.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request, State};
use axum::http::header::{AUTHORIZATION, COOKIE, LOCATION, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use pathways_app::access::Caller;
use pathways_app::accounts::{CurrentSession, secret};
use serde::de::DeserializeOwned;

use crate::AppState;
use crate::error::WebError;

/// The cookie holding a signed-in session's token.
pub const SESSION_COOKIE: &str = "pathways_session";
/// The header a signed-in browser's request to the JSON API carries its CSRF token in, to
/// change anything with its session cookie.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// The cookie holding a visitor's CSRF token before they sign in.
pub const CSRF_COOKIE: &str = "pathways_csrf";

/// Everyone who makes a request.
#[derive(Debug, Clone)]
pub struct Visitor {
    pub session: Option<CurrentSession>,
    /// The session cookie's token, if the browser sent one (live or not).
    pub token: Option<String>,
    /// What this visitor's forms must carry in their `csrf` field.
    pub csrf_token: String,
    /// The network address, for throttling sign-in attempts.
    pub address: String,
}

impl Visitor {
    pub fn caller(&self) -> Option<&Caller> {
        self.session.as_ref().map(|s| &s.caller)
    }
}

/// Looks up the session and prepares the CSRF token; sets the CSRF cookie when it was missing.
pub async fn load_visitor(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let token = cookie(request.headers(), SESSION_COOKIE);
    let session = match &token {
        Some(token) if token.len() == 64 => match state.accounts.session(token).await {
            Ok(session) => session,
            Err(error) => {
                tracing::error!(%error, "session lookup failed");
                return WebError::Internal.into_response();
            }
        },
        _ => None,
    };
    let anonymous = cookie(request.headers(), CSRF_COOKIE).filter(|t| t.len() == 64);
    let new_csrf_cookie = anonymous.is_none().then(secret::token);
    let csrf_token = match (&session, &anonymous, &new_csrf_cookie) {
        (Some(session), _, _) => session.csrf_token.clone(),
        (None, Some(token), _) => token.clone(),
        (None, None, Some(fresh)) => fresh.clone(),
        (None, None, None) => unreachable!("a fresh token exists when there was none"),
    };
    let address = client_address(&request, state.config.trust_forwarded_for);
    let visitor = Visitor {
        session,
        token,
        csrf_token,
        address,
    };
    request.extensions_mut().insert(visitor.clone());
    let mut response = next.run(request).await;
    // The error pages, written further out, show the same header as every page.
    response.extensions_mut().insert(visitor);
    if let Some(fresh) = new_csrf_cookie {
        append_cookie(
            &mut response,
            &cookie_header(
                CSRF_COOKIE,
                &fresh,
                None,
                "Strict",
                state.config.secure_cookies,
            ),
        );
    }
    response
}

fn client_address(request: &Request, trust_forwarded_for: bool) -> String {
    if trust_forwarded_for
        && let Some(nearest) = request
            .headers()
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            // The last entry is the one our own proxy added; earlier ones are the client's word.
            .and_then(|v| v.rsplit(',').next())
    {
        return nearest.trim().to_owned();
    }
    request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or_else(|| "unknown".to_owned(), |c| c.0.ip().to_string())
}

/// A cookie's value from the request.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.split_once('='))
        .find(|(n, _)| n.trim() == name)
        .map(|(_, v)| v.trim().trim_matches('"').to_owned())
}

/// A `Set-Cookie` value: `HttpOnly`, `Path=/`, the given `SameSite`, `Secure` over HTTPS;
/// `max_age` `None` lasts as long as the browser, `Some(0)` removes the cookie.
pub fn cookie_header(
    name: &str,
    value: &str,
    max_age: Option<i64>,
    same_site: &str,
    secure: bool,
) -> String {
    let mut header = format!("{name}={value}; Path=/; HttpOnly; SameSite={same_site}");
    if let Some(age) = max_age {
        header.push_str(&format!("; Max-Age={age}"));
    }
    if secure {
        header.push_str("; Secure");
    }
    header
}

pub fn append_cookie(response: &mut Response, header: &str) {
    if let Ok(value) = HeaderValue::from_str(header) {
        response.headers_mut().append(SET_COOKIE, value);
    }
}

/// The session cookie for a new session (rotated on every sign-in).
pub fn session_cookie(token: &str, secure: bool) -> String {
    // Lax, not Strict: a person following a link to the site from an email arrives signed in.
    // Every change needs the CSRF token besides.
    cookie_header(SESSION_COOKIE, token, None, "Lax", secure)
}

/// Removes the session cookie.
pub fn expired_session_cookie(secure: bool) -> String {
    cookie_header(SESSION_COOKIE, "", Some(0), "Lax", secure)
}

impl<S: Send + Sync> FromRequestParts<S> for Visitor {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Self>()
            .cloned()
            .ok_or(WebError::Internal)
    }
}

/// A signed-in person. Without a session, pages send the person to sign in and come back;
/// the API answers 401.
#[derive(Debug, Clone)]
pub struct SignedIn(pub CurrentSession);

impl<S: Send + Sync> FromRequestParts<S> for SignedIn {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let visitor = Visitor::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        match visitor.session {
            Some(session) => Ok(Self(session)),
            None if parts.uri.path().starts_with("/api/") => {
                Err(WebError::SignInRequired.into_response())
            }
            None => Err(sign_in_redirect(parts)),
        }
    }
}

fn sign_in_redirect(parts: &Parts) -> Response {
    let here = parts.uri.path_and_query().map_or("/", |pq| pq.as_str());
    let location = format!("/sign-in?next={}", crate::pages::encode_component(here));
    let mut response = StatusCode::SEE_OTHER.into_response();
    if let Ok(value) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(LOCATION, value);
    }
    response
}

/// The caller of a JSON API request: a vendor system's `Authorization: Bearer` token, or a
/// signed-in browser session. A session changes things only with its CSRF token in the
/// `X-CSRF-Token` header (a cross-site page could make the browser send the cookie, but cannot
/// read the token).
#[derive(Debug, Clone)]
pub struct ApiCaller(pub Caller);

impl FromRequestParts<AppState> for ApiCaller {
    type Rejection = WebError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if let Some(header) = parts.headers.get(AUTHORIZATION) {
            let secret = header
                .to_str()
                .ok()
                .and_then(|h| h.strip_prefix("Bearer "))
                .ok_or(WebError::SignInRequired)?;
            return match state.accounts.api_caller(secret).await {
                Ok(Some(caller)) => Ok(Self(caller)),
                Ok(None) => Err(WebError::SignInRequired),
                Err(error) => Err(error.into()),
            };
        }
        let visitor = Visitor::from_request_parts(parts, state).await?;
        let safe = matches!(parts.method, Method::GET | Method::HEAD);
        // A page's own script may change things with the session's CSRF token in a header,
        // which another site cannot read and so cannot send.
        let vouched = parts
            .headers
            .get(CSRF_HEADER)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|sent| secret::same(sent.as_bytes(), visitor.csrf_token.as_bytes()));
        match visitor.session {
            Some(session) if safe || vouched => Ok(Self(session.caller)),
            Some(_) => Err(WebError::Forbidden),
            None => Err(WebError::SignInRequired),
        }
    }
}

/// Refuses a form whose `csrf` field is not the visitor's token.
fn check_csrf(pairs: &[(String, String)], expected: &str) -> Result<(), WebError> {
    let sent = pairs
        .iter()
        .find(|(name, _)| name == "csrf")
        .map(|(_, value)| value.as_str())
        .unwrap_or_default();
    if secret::same(sent.as_bytes(), expected.as_bytes()) {
        Ok(())
    } else {
        tracing::warn!("a form without a valid CSRF token was refused");
        Err(WebError::CsrfRejected)
    }
}

/// A URL-encoded form whose `csrf` field matches the visitor's token; anything else is refused
/// with 403 before the handler runs.
#[derive(Debug, Clone)]
pub struct CsrfForm<T>(pub T);

impl<T, S> FromRequest<S> for CsrfForm<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = WebError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let expected = request
            .extensions()
            .get::<Visitor>()
            .map(|v| v.csrf_token.clone())
            .ok_or(WebError::Internal)?;
        let bytes = axum::body::Bytes::from_request(request, state)
            .await
            .map_err(|_| WebError::BadForm)?;
        let pairs: Vec<(String, String)> =
            serde_urlencoded::from_bytes(&bytes).map_err(|_| WebError::BadForm)?;
        check_csrf(&pairs, &expected)?;
        let form = serde_urlencoded::from_bytes::<T>(&bytes).map_err(|_| WebError::BadForm)?;
        Ok(Self(form))
    }
}

/// A file sent with a multipart form: the name the browser gave and its bytes.
#[derive(Debug, Clone)]
pub struct SentFile {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// A `multipart/form-data` form (one that may carry a file) whose `csrf` field matches the
/// visitor's token: its text fields read as `T`, and the file sent in its `attachment` field,
/// if one was chosen. A URL-encoded form is read as [`CsrfForm`], without a file. Anything
/// else is refused before the handler runs.
#[derive(Debug, Clone)]
pub struct CsrfMultipart<T>(pub T, pub Option<SentFile>);

/// The field of a multipart form that carries a file.
pub const FILE_FIELD: &str = "attachment";

impl<T, S> FromRequest<S> for CsrfMultipart<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = WebError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        // The same form sent without its file part (a script, an older page) reads as any
        // other form.
        let urlencoded = request
            .headers()
            .get(axum::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
        if urlencoded {
            let CsrfForm(form) = CsrfForm::<T>::from_request(request, state).await?;
            return Ok(Self(form, None));
        }
        let expected = request
            .extensions()
            .get::<Visitor>()
            .map(|v| v.csrf_token.clone())
            .ok_or(WebError::Internal)?;
        let mut multipart = axum::extract::Multipart::from_request(request, state)
            .await
            .map_err(|_| WebError::BadForm)?;
        let mut pairs: Vec<(String, String)> = Vec::new();
        let mut file = None;
        while let Some(field) = multipart
            .next_field()
            .await
            .map_err(|_| WebError::BadForm)?
        {
            let name = field.name().unwrap_or_default().to_owned();
            if name == FILE_FIELD {
                let file_name = field.file_name().unwrap_or_default().to_owned();
                let bytes = field.bytes().await.map_err(|_| WebError::BadForm)?;
                // A form sent with no file chosen has an empty, nameless part.
                if !(file_name.is_empty() && bytes.is_empty()) {
                    file = Some(SentFile {
                        file_name,
                        bytes: bytes.to_vec(),
                    });
                }
            } else {
                let value = field.text().await.map_err(|_| WebError::BadForm)?;
                pairs.push((name, value));
            }
        }
        check_csrf(&pairs, &expected)?;
        let encoded = serde_urlencoded::to_string(&pairs).map_err(|_| WebError::BadForm)?;
        let form = serde_urlencoded::from_str::<T>(&encoded).map_err(|_| WebError::BadForm)?;
        Ok(Self(form, file))
    }
}

//! The Pathways web edge: server-rendered HTML pages, the JSON API under `/api/v1`, a health
//! check and the one stylesheet. Handlers are thin: they parse input, ask the store, and hand a
//! view to a template or a response type.
//!
//! ```no_run
//! # async fn run(store: std::sync::Arc<dyn pathways_store::Store>) -> std::io::Result<()> {
//! let app = pathways_web::router(pathways_web::AppState::new(store, Default::default()));
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
//! pathways_web::serve(listener, app).await
//! # }
//! ```

pub mod api;
pub mod error;
pub mod filter;
pub mod format;
pub mod i18n;
pub mod pages;
pub mod session;

use std::sync::Arc;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, REFERRER_POLICY, VARY,
    X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use pathways_app::accounts::{AccountSettings, Accounts};
use pathways_app::audit::AuditLog;
use pathways_app::careers::Careers;
use pathways_app::catalog::Catalog;
use pathways_app::certificates::Certificates;
use pathways_app::claims::Claims;
use pathways_app::coach_desk::CoachDesk;
use pathways_app::coaching::{Coaching, CoachingRules};
use pathways_app::courses::Courses;
use pathways_app::help::Help;
use pathways_app::incentives::Incentives;
use pathways_app::outreach::Outreach;
use pathways_app::payroll::Payroll;
use pathways_app::policies::Policies;
use pathways_app::progress::Progress;
use pathways_app::providers::Providers;
use pathways_app::registrations::Registrations;
use pathways_app::rosters::Rosters;
use pathways_store::Store;
use time::Date;

pub use error::WebError;

/// How the web edge behaves, apart from the store it reads.
#[derive(Debug, Clone, Default)]
pub struct WebConfig {
    /// The date the catalog is shown for; today in California when `None`. Tests and demos pin it.
    pub today: Option<Date>,
    /// Mark cookies `Secure` (when the site is served over HTTPS).
    pub secure_cookies: bool,
    /// Take the client's address from `X-Forwarded-For` (only behind a proxy that sets it).
    pub trust_forwarded_for: bool,
    /// Sign-in, session and code limits, and where links in messages point.
    pub accounts: AccountSettings,
    /// How long course-list answers are kept (zero: read on every request); see
    /// [`Catalog::keeping_answers_for`].
    pub catalog_answers_kept_for: std::time::Duration,
    /// How long a computed outreach list is shown before it is computed again (zero: on every
    /// request); see [`Outreach`].
    pub outreach_kept_for: std::time::Duration,
}

/// What every handler can reach.
#[derive(Debug, Clone)]
pub struct AppState {
    /// For the health check; pages and the API go through the application services.
    pub store: Arc<dyn Store>,
    pub catalog: Catalog,
    pub accounts: Accounts,
    pub providers: Providers,
    pub rosters: Rosters,
    pub registrations: Registrations,
    pub courses: Courses,
    pub careers: Careers,
    pub audit: AuditLog,
    pub policies: Policies,
    pub progress: Progress,
    pub outreach: Outreach,
    pub claims: Claims,
    pub coaching: Coaching,
    pub coach_desk: CoachDesk,
    pub help: Help,
    pub incentives: Incentives,
    pub payroll: Payroll,
    pub certificates: Certificates,
    /// The site's public address, printed on certificates.
    pub base_url: String,
    pub config: Arc<WebConfig>,
}

impl AppState {
    pub fn new(store: Arc<dyn Store>, config: WebConfig) -> Self {
        let catalog =
            Catalog::new(store.clone()).keeping_answers_for(config.catalog_answers_kept_for);
        let progress = Progress::new(store.clone(), catalog.clone());
        Self {
            coach_desk: CoachDesk::new(store.clone(), progress.clone()),
            progress,
            catalog,
            accounts: Accounts::new(store.clone(), config.accounts.clone()),
            providers: Providers::new(store.clone()),
            courses: Courses::new(store.clone()),
            careers: Careers::new(store.clone()),
            rosters: Rosters::new(store.clone()),
            registrations: match config.today {
                // A site shown for a pinned date takes registrations as of that morning.
                Some(day) => Registrations::new(store.clone()).pinned_at(
                    day.with_time(time::Time::from_hms(9, 0, 0).unwrap_or(time::Time::MIDNIGHT)),
                ),
                None => Registrations::new(store.clone()),
            },
            audit: AuditLog::new(store.clone()),
            policies: Policies::new(store.clone()),
            outreach: Outreach::new(store.clone()).keeping_lists_for(config.outreach_kept_for),
            claims: Claims::new(store.clone()),
            coaching: Coaching::new(store.clone(), CoachingRules::default()),
            help: Help::new(store.clone()),
            incentives: Incentives::new(store.clone()),
            payroll: Payroll::new(store.clone()),
            base_url: config.accounts.base_url.clone(),
            certificates: Certificates::new(
                store.clone(),
                &Certificates::default_font_path(),
                pathways_app::certificates::DEFAULT_FACE,
            ),
            store,
            config: Arc::new(config),
        }
    }

    /// Now on the program's clock (a site pinned to a date: that morning at 9:00).
    pub fn now(&self) -> time::PrimitiveDateTime {
        match self.config.today {
            Some(day) => {
                day.with_time(time::Time::from_hms(9, 0, 0).unwrap_or(time::Time::MIDNIGHT))
            }
            None => pathways_domain::calendar::program_now(),
        }
    }

    /// The date whose catalog is shown.
    pub fn today(&self) -> Date {
        self.config
            .today
            .unwrap_or_else(pathways_domain::calendar::program_today)
    }
}

/// The whole site as one router, ready for [`serve`] or for `tower::ServiceExt::oneshot`.
pub fn router(state: AppState) -> Router {
    Router::new()
        .merge(pages::router())
        .merge(api::router())
        .route("/health", get(health))
        .route("/static/site.css", get(stylesheet))
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            session::load_visitor,
        ))
        .layer(middleware::from_fn(error::render_errors))
        .layer(middleware::from_fn(security_headers))
        .with_state(state)
}

/// Builds the router from a store and configuration.
pub async fn build(store: Arc<dyn Store>, config: WebConfig) -> Router {
    router(AppState::new(store, config))
}

/// Serves `app` on `listener` until Ctrl-C; bind port 0 to let the system pick a free port.
pub async fn serve(listener: tokio::net::TcpListener, app: Router) -> std::io::Result<()> {
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(async {
        if tokio::signal::ctrl_c().await.is_err() {
            // No signal handler: run until the process is stopped some other way.
            std::future::pending::<()>().await;
        }
    })
    .await
}

const SITE_CSS: &str = include_str!("../static/site.css");

async fn stylesheet() -> Response {
    (
        [
            (CONTENT_TYPE, "text/css; charset=utf-8"),
            (CACHE_CONTROL, "public, max-age=3600"),
        ],
        SITE_CSS,
    )
        .into_response()
}

async fn health(State(state): State<AppState>) -> Response {
    match state.store.ping().await {
        Ok(()) => (
            StatusCode::OK,
            axum::Json(serde_json::json!({"status": "ok"})),
        )
            .into_response(),
        Err(error) => {
            tracing::error!(%error, "health check: the database does not answer");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                axum::Json(serde_json::json!({"status": "unavailable"})),
            )
                .into_response()
        }
    }
}

async fn not_found() -> WebError {
    WebError::NotFound
}

/// The policy every response carries: nothing from other sites, no inline script or style.
pub const CONTENT_SECURITY_POLICY_VALUE: &str = "default-src 'self'; img-src 'self' data:; \
     style-src 'self'; script-src 'self'; frame-ancestors 'none'; base-uri 'self'; \
     form-action 'self'";

async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(
        CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY_VALUE),
    );
    headers.insert(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    if !headers.contains_key(CACHE_CONTROL) {
        // Pages depend on the session and language; no cache may keep one person's page for
        // another, nor a browser keep a signed-in page after sign-out.
        headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
        headers.insert(VARY, HeaderValue::from_static("Accept-Language, Cookie"));
    }
    response
}

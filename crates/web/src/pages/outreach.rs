//! The outreach list for staff: providers who earned an incentive and have not claimed it, with
//! how to reach them, a county filter (county staff see their own county only), pages of 100,
//! the whole list as CSV (each download audited), and a button for program staff to compute
//! it again.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use pathways_app::outreach::{OutreachError, OutreachView};
use pathways_domain::access::Action;
use pathways_domain::ids::CountyCode;
use pathways_domain::incentive::IncentiveKind;

use super::account::{query_value, see_other};
use super::staff::require;
use super::{Ctx, Layout, render};
use crate::AppState;
use crate::error::WebError;
use crate::format;
use crate::i18n::{Translator, pathway_key};
use crate::session::{CsrfForm, SignedIn};

/// Rows per page: a page a person can scroll on a phone; the CSV has them all.
pub const PAGE_ROWS: usize = 100;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/incentives/outreach", get(page))
        .route("/incentives/outreach.csv", get(csv_download))
        .route("/incentives/outreach/refresh", post(refresh))
}

impl From<OutreachError> for WebError {
    fn from(error: OutreachError) -> Self {
        match error {
            OutreachError::Access(access) => access.into(),
            OutreachError::Store(store) => Self::Store(store),
            OutreachError::Evaluation(_) => Self::Internal,
        }
    }
}

/// The `county` query value: empty for all; a county code otherwise. Anything else is refused
/// as a bad request, since the page's own form only sends codes.
pub fn county_param(raw: Option<String>) -> Result<Option<CountyCode>, WebError> {
    match raw.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(code) => CountyCode::parse(code)
            .map(Some)
            .map_err(|_| WebError::BadForm),
    }
}

/// An incentive's name in the reader's language.
pub fn kind_text(t: Translator, kind: IncentiveKind) -> String {
    t.t(&format!("outreach-kind-{}", kind.code()))
}

/// An incentive's name with its pathway, for a pathway incentive (one per pathway).
pub fn incentive_title(
    t: Translator,
    kind: IncentiveKind,
    pathway: pathways_domain::pathway::Pathway,
) -> String {
    match kind {
        IncentiveKind::Pathway => {
            format!("{} – {}", kind_text(t, kind), t.t(&pathway_key(pathway)))
        }
        _ => kind_text(t, kind),
    }
}

#[derive(Debug)]
struct Row {
    provider: String,
    name: String,
    county: String,
    language: String,
    phone: String,
    phone_href: Option<String>,
    email: String,
    incentive: String,
    pathway: String,
    qualified_on: String,
    amount: String,
}

#[derive(Debug)]
struct CountyChoice {
    value: String,
    name: String,
    selected: bool,
}

#[derive(Template)]
#[template(path = "outreach.html")]
struct OutreachPage {
    l: Layout,
    /// `None` for county staff, who see their own county only.
    counties: Option<Vec<CountyChoice>>,
    scope_text: String,
    computed: String,
    totals: String,
    rows: Vec<Row>,
    csv_href: String,
    csrf: String,
    refresh: bool,
    county_value: String,
    previous_href: Option<String>,
    next_href: Option<String>,
    page_text: Option<String>,
}

fn query_of(ctx: &Ctx) -> Option<&str> {
    ctx.current.split_once('?').map(|(_, q)| q)
}

async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(session): SignedIn,
) -> Result<Response, WebError> {
    require(&session.caller, Action::ViewOutreach)?;
    let query = query_of(&ctx);
    let county = county_param(query_value(query, "county"))?;
    let page_number: usize = query_value(query, "page")
        .and_then(|p| p.parse().ok())
        .filter(|p| *p >= 1)
        .unwrap_or(1);
    let view = state
        .outreach
        .list(&session.caller, county, state.today())
        .await?;
    let t = ctx.t;
    let pages = view.entries.len().div_ceil(PAGE_ROWS).max(1);
    let page_number = page_number.min(pages);
    let county_value = view
        .county
        .map(|c| format!("{:02}", c.get()))
        .unwrap_or_default();
    let page_href = |n: usize| format!("/incentives/outreach?county={county_value}&page={n}");
    let rows = view
        .entries
        .iter()
        .skip((page_number - 1) * PAGE_ROWS)
        .take(PAGE_ROWS)
        .map(|e| {
            let c = &e.contact;
            Row {
                provider: c.provider.to_string(),
                name: format!("{} {}", c.first_name, c.last_name),
                county: c.county.name().to_owned(),
                language: t
                    .try_t(&format!("language-name-{}", c.language))
                    .unwrap_or_else(|| c.language.clone()),
                phone: c.phone.clone().unwrap_or_default(),
                phone_href: c
                    .phone
                    .as_deref()
                    .map(|p| format!("tel:{}", p.replace(|ch: char| !ch.is_ascii_digit(), ""))),
                email: c.email.clone().unwrap_or_default(),
                incentive: kind_text(t, e.earned.kind),
                pathway: t.t(&pathway_key(e.earned.pathway)),
                qualified_on: format::date(t.locale(), e.earned.qualified_on),
                amount: format!("${}", e.earned.amount),
            }
        })
        .collect();
    let counties = view.may_refresh.then(|| {
        (1..=58)
            .filter_map(CountyCode::new)
            .map(|c| CountyChoice {
                value: format!("{:02}", c.get()),
                name: c.name().to_owned(),
                selected: view.county == Some(c),
            })
            .collect()
    });
    let title = t.t("outreach-title");
    Ok(render(&OutreachPage {
        l: ctx.layout(&title),
        counties,
        scope_text: match view.county {
            Some(c) => t.t_args("outreach-scope-county", &[("county", c.name().into())]),
            None => t.t("outreach-scope-state"),
        },
        computed: computed_text(t, &view),
        totals: t.t_args(
            "outreach-totals",
            &[
                ("count", (view.entries.len() as u64).into()),
                ("providers", (view.providers as u64).into()),
                ("total", format!("${}", view.total).into()),
            ],
        ),
        rows,
        csv_href: format!("/incentives/outreach.csv?county={county_value}"),
        csrf: ctx.csrf(),
        refresh: view.may_refresh,
        previous_href: (page_number > 1).then(|| page_href(page_number - 1)),
        next_href: (page_number < pages).then(|| page_href(page_number + 1)),
        page_text: (pages > 1).then(|| {
            t.t_args(
                "outreach-page",
                &[
                    ("page", (page_number as u64).into()),
                    ("pages", (pages as u64).into()),
                ],
            )
        }),
        county_value,
    })?
    .into_response())
}

fn computed_text(t: Translator, view: &OutreachView) -> String {
    t.t_args(
        "outreach-computed",
        &[
            ("date", format::date(t.locale(), view.as_of).into()),
            (
                "at",
                super::staff::pacific_time(t.locale(), view.computed_at).into(),
            ),
        ],
    )
}

async fn csv_download(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(session): SignedIn,
) -> Result<Response, WebError> {
    require(&session.caller, Action::ViewOutreach)?;
    let county = county_param(query_value(query_of(&ctx), "county"))?;
    let view = state
        .outreach
        .list(&session.caller, county, state.today())
        .await?;
    let mut bytes = Vec::new();
    pathways_app::outreach::write_csv(&mut bytes, &view.entries).map_err(|_| WebError::Internal)?;
    state
        .outreach
        .record_download(&session.caller, &view)
        .await?;
    let name = match view.county {
        Some(c) => format!("outreach-{:02}-{}.csv", c.get(), view.as_of),
        None => format!("outreach-{}.csv", view.as_of),
    };
    Ok(super::csv_attachment(&name, bytes))
}

#[derive(Debug, serde::Deserialize)]
struct RefreshInput {
    #[serde(default)]
    county: String,
}

async fn refresh(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    CsrfForm(input): CsrfForm<RefreshInput>,
) -> Result<Response, WebError> {
    let county = county_param(Some(input.county))?;
    state
        .outreach
        .refresh(&session.caller, state.today())
        .await?;
    let back = match county {
        Some(c) => format!("/incentives/outreach?county={:02}", c.get()),
        None => "/incentives/outreach".to_owned(),
    };
    Ok(see_other(&back))
}

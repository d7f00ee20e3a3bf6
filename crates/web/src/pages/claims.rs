//! "My completed courses": a provider's verified completions, each with a button to claim its
//! training pay under one of their recipients' cases (no numbers to retype), and every claim
//! they made with its state, amount and how the amount was worked out. A refused claim names
//! the rule that failed, in the provider's language.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use pathways_app::claims::{ClaimError, PaymentHistory, ProviderClaims};
use pathways_app::incentives::IncentiveError;
use pathways_domain::ids::{CaseNumber, CourseNumber, ProviderNumber};
use pathways_domain::incentive::IncentiveKind;
use pathways_domain::pathway::Pathway;
use pathways_domain::quantity::{Hours, Money};
use pathways_store::{ClaimDecision, ClaimRef, IncentiveClaimRecord, PaymentRecord};

use super::account::{ErrorLink, query_value, see_other};
use super::staff::provider_number;
use super::{Ctx, Layout, render};
use crate::AppState;
use crate::error::WebError;
use crate::format;
use crate::i18n::Translator;
use crate::session::{CsrfForm, SignedIn};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/providers/{number}/claims", get(page).post(submit))
        .route("/providers/{number}/claims.csv", get(history_csv))
        .route("/providers/{number}/claims/{id}/resubmit", post(resubmit))
        .route(
            "/providers/{number}/incentive-claims",
            post(claim_incentive),
        )
        .route(
            "/providers/{number}/incentive-claims/{id}/resubmit",
            post(resubmit_incentive),
        )
}

impl From<ClaimError> for WebError {
    fn from(error: ClaimError) -> Self {
        match error {
            ClaimError::Access(access) => access.into(),
            ClaimError::Store(store) => Self::Store(store),
            ClaimError::Refused(_) => Self::BadForm,
        }
    }
}

impl From<IncentiveError> for WebError {
    fn from(error: IncentiveError) -> Self {
        match error {
            IncentiveError::Access(access) => access.into(),
            IncentiveError::Store(store) => Self::Store(store),
            IncentiveError::UnknownProvider(_) => Self::NotFound,
            IncentiveError::NotEarned { .. } => Self::BadForm,
        }
    }
}

#[derive(Debug)]
struct CaseChoice {
    value: String,
    label: String,
}

#[derive(Debug)]
struct CompletionRow {
    title: String,
    course: String,
    completed_on: String,
    completed_iso: String,
    hours: String,
    hours_value: String,
    /// The claim's state and amount, when claimed.
    claimed: Option<String>,
    certificate_href: String,
    form_id: String,
}

#[derive(Debug)]
struct ClaimRow {
    title: String,
    trained_on: String,
    hours: String,
    amount: String,
    state: String,
    /// Why it was denied or returned, or where its payment is, in the provider's words.
    detail: Option<String>,
    /// Where to send a claim payroll returned back to review.
    resubmit: Option<String>,
    working: String,
}

/// An incentive the provider earned (with a claim button until claimed), or a claim of one the
/// records no longer show earned.
#[derive(Debug)]
struct IncentiveRow {
    title: String,
    earned_on: String,
    amount: String,
    why: Option<String>,
    /// The claim's state, and what became of it.
    state: Option<String>,
    detail: Option<String>,
    /// The form's hidden fields while it is unclaimed.
    claim_kind: Option<String>,
    claim_pathway: String,
    resubmit: Option<String>,
}

/// An overpayment taken back from her pay.
#[derive(Debug)]
struct RecoveryItem {
    amount: String,
    recorded_on: String,
    reason: String,
    state: String,
    detail: Option<String>,
}

#[derive(Template)]
#[template(path = "claims.html")]
struct ClaimsPage {
    l: Layout,
    errors: Vec<ErrorLink>,
    notice: Option<String>,
    completions: Vec<CompletionRow>,
    cases: Vec<CaseChoice>,
    claims: Vec<ClaimRow>,
    incentives: Vec<IncentiveRow>,
    incentive_action: String,
    recoveries: Vec<RecoveryItem>,
    /// Whether there is any claim to download.
    has_history: bool,
    years: Vec<String>,
    csv_href: String,
    action: String,
    csrf: String,
}

fn state_text(t: Translator, state: &str) -> String {
    t.t(&format!("claim-state-{state}"))
}

fn claims_page(ctx: &Ctx, number: &str, overview: &ProviderClaims) -> ClaimsPage {
    let t = ctx.t;
    let title_of = |course: &CourseNumber| {
        overview
            .completions
            .iter()
            .find(|c| c.completion.course == *course)
            .map(|c| c.completion.title.clone())
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| course.to_string())
    };
    let completions = overview
        .completions
        .iter()
        .map(|c| {
            let hours = Hours::from_hundredths(c.completion.minutes.get() * 100 / 60);
            CompletionRow {
                title: title_of(&c.completion.course),
                course: c.completion.course.to_string(),
                completed_on: format::date(t.locale(), c.completion.completed_on),
                completed_iso: pathways_domain::error::format_date(c.completion.completed_on),
                hours: t.t_args("claim-hours", &[("hours", hours.to_string().into())]),
                hours_value: hours.to_string(),
                claimed: c
                    .claim
                    .as_ref()
                    .map(|claim| format!("{} – ${}", state_text(t, &claim.state), claim.amount)),
                certificate_href: format!(
                    "/providers/{number}/certificates/{}.pdf",
                    c.completion.course
                ),
                form_id: format!(
                    "claim-{}-{}",
                    c.completion.course,
                    pathways_domain::error::format_date(c.completion.completed_on)
                ),
            }
        })
        .collect();
    let mut cases: Vec<CaseChoice> = Vec::new();
    for a in &overview.cases {
        if cases.iter().any(|c| c.value == a.case.as_str()) {
            continue;
        }
        cases.push(CaseChoice {
            value: a.case.to_string(),
            label: match a.county {
                Some(county) => t.t_args(
                    "claim-case-label",
                    &[
                        ("case", a.case.to_string().into()),
                        ("county", county.name().into()),
                    ],
                ),
                None => a.case.to_string(),
            },
        });
    }
    let claims = overview
        .claims
        .iter()
        .map(|c| ClaimRow {
            title: title_of(&c.course),
            trained_on: format::date(t.locale(), c.trained_on),
            hours: t.t_args("claim-hours", &[("hours", c.hours.to_string().into())]),
            amount: format!("${}", c.amount),
            state: state_text(t, &c.state),
            detail: claim_detail(t, &c.state, c.decision.as_ref(), c.payment.as_ref()),
            resubmit: (c.state == "rejected")
                .then(|| format!("/providers/{number}/claims/{}/resubmit", c.id)),
            working: c.explanation.clone(),
        })
        .collect();
    let incentive_row = |claim: Option<&IncentiveClaimRecord>| IncentiveRow {
        title: String::new(),
        earned_on: String::new(),
        amount: String::new(),
        why: None,
        state: claim.map(|c| state_text(t, &c.state)),
        detail: claim
            .and_then(|c| claim_detail(t, &c.state, c.decision.as_ref(), c.payment.as_ref())),
        claim_kind: None,
        claim_pathway: String::new(),
        resubmit: claim
            .filter(|c| c.state == "rejected")
            .map(|c| format!("/providers/{number}/incentive-claims/{}/resubmit", c.id)),
    };
    let mut incentives: Vec<IncentiveRow> = overview
        .incentives
        .iter()
        .map(|e| IncentiveRow {
            title: super::outreach::incentive_title(t, e.earned.kind, e.earned.pathway),
            earned_on: format::date(t.locale(), e.earned.qualified_on),
            amount: format!("${}", e.earned.amount),
            why: Some(e.explanation.clone()),
            claim_kind: e.claim.is_none().then(|| e.earned.kind.code().to_owned()),
            claim_pathway: e.earned.pathway.code().to_owned(),
            ..incentive_row(e.claim.as_ref())
        })
        .collect();
    for c in &overview.incentive_claims {
        if overview
            .incentives
            .iter()
            .any(|e| e.claim.as_ref() == Some(c))
        {
            continue;
        }
        incentives.push(IncentiveRow {
            title: super::outreach::incentive_title(t, c.incentive.kind, c.incentive.pathway),
            earned_on: format::date(t.locale(), c.incentive.qualified_on),
            amount: format!("${}", c.incentive.amount),
            ..incentive_row(Some(c))
        });
    }
    let history = PaymentHistory {
        claims: overview.claims.clone(),
        incentives: overview.incentive_claims.clone(),
        recoveries: overview.recoveries.clone(),
    };
    let mut years = Vec::new();
    for y in pathways_app::claims::totals_per_year(&history) {
        if y.payments > 0 {
            years.push(t.t_args(
                "claims-year-total",
                &[
                    ("year", y.year.to_string().into()),
                    ("total", format!("${}", y.paid).into()),
                    ("count", y.payments.into()),
                ],
            ));
        }
        if y.recovered > Money::ZERO {
            years.push(t.t_args(
                "claims-year-recovered",
                &[
                    ("year", y.year.to_string().into()),
                    ("total", format!("${}", y.recovered).into()),
                ],
            ));
        }
    }
    let recoveries = overview
        .recoveries
        .iter()
        .map(|r| RecoveryItem {
            amount: format!("${}", r.amount),
            recorded_on: format::date(t.locale(), r.recorded_at.date()),
            reason: r.reason.clone(),
            state: super::payroll::recovery_state(t, r),
            detail: r.payment.as_ref().and_then(|p| match p.status.as_str() {
                "paid" => Some(t.t_args(
                    "claims-recovered-in",
                    &[("date", format::date(t.locale(), p.pay_period).into())],
                )),
                "pending" => Some(t.t_args(
                    "claims-recovery-in-payroll",
                    &[("date", format::date(t.locale(), p.pay_period).into())],
                )),
                _ => None,
            }),
        })
        .collect();
    let query = ctx.current.split_once('?').map(|(_, q)| q);
    let notice = query_value(query, "claimed")
        .map(|amount| t.t_args("claim-notice-submitted", &[("amount", amount.into())]))
        .or_else(|| query_value(query, "resent").map(|_| t.t("claim-notice-resent")))
        .or_else(|| {
            query_value(query, "incentive")
                .map(|amount| t.t_args("claim-notice-incentive", &[("amount", amount.into())]))
        })
        .or_else(|| {
            query_value(query, "incentive-claimed").map(|_| t.t("claim-notice-incentive-before"))
        });
    let title = t.t("claims-title");
    ClaimsPage {
        l: ctx.layout(&title),
        errors: Vec::new(),
        notice,
        completions,
        cases,
        claims,
        incentives,
        incentive_action: format!("/providers/{number}/incentive-claims"),
        recoveries,
        has_history: !overview.claims.is_empty()
            || !overview.incentive_claims.is_empty()
            || !overview.recoveries.is_empty(),
        years,
        csv_href: format!("/providers/{number}/claims.csv"),
        action: format!("/providers/{number}/claims"),
        csrf: ctx.csrf(),
    }
}

/// What became of a claim after review, in the provider's language.
fn claim_detail(
    t: Translator,
    state: &str,
    decision: Option<&ClaimDecision>,
    payment: Option<&PaymentRecord>,
) -> Option<String> {
    let date = |d| format::date(t.locale(), d);
    match state {
        "denied" => decision.map(
            |d| match (d.denial_rule.as_deref(), d.denial_note.as_deref()) {
                (Some("other"), Some(note)) => {
                    t.t_args("claim-denied-note", &[("note", note.to_owned().into())])
                }
                (Some(rule), _) => super::payroll::rule_text(t, rule),
                _ => t.t("claim-state-denied"),
            },
        ),
        "rejected" => Some(
            t.t_args(
                "claim-returned",
                &[(
                    "reason",
                    payment
                        .and_then(|p| p.reason.clone())
                        .unwrap_or_default()
                        .into(),
                )],
            ),
        ),
        "paid" => {
            payment.map(|p| t.t_args("claim-paid-in", &[("date", date(p.pay_period).into())]))
        }
        "approved" => Some(match payment {
            Some(p) => t.t_args("claim-in-payroll", &[("date", date(p.pay_period).into())]),
            None => t.t("claim-approved-waiting"),
        }),
        _ => None,
    }
}

async fn resubmit(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    Path((number, id)): Path<(String, i64)>,
    CsrfForm(_): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let provider = provider_number(&number)?;
    let claim = state
        .payroll
        .claim_of(&session.caller, provider, id)
        .await?;
    state
        .payroll
        .resubmit(&session.caller, ClaimRef::Training(claim.id))
        .await?;
    Ok(see_other(&format!("/providers/{provider}/claims?resent=1")))
}

async fn resubmit_incentive(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    Path((number, id)): Path<(String, i64)>,
    CsrfForm(_): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let provider = provider_number(&number)?;
    // The address names the provider: another provider's claim number is not found.
    let history = state.claims.history(&session.caller, provider).await?;
    if !history.incentives.iter().any(|c| c.id == id) {
        return Err(WebError::NotFound);
    }
    state
        .payroll
        .resubmit(&session.caller, ClaimRef::Incentive(id))
        .await?;
    Ok(see_other(&format!("/providers/{provider}/claims?resent=1")))
}

/// `POST /providers/{n}/incentive-claims`: claims an incentive the page offered.
async fn claim_incentive(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(session): SignedIn,
    Path(number): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let provider = provider_number(&number)?;
    // The hidden fields come from the page; anything else is a forged form.
    let kind = IncentiveKind::parse(field(&pairs, "kind")).map_err(|_| WebError::BadForm)?;
    let pathway = Pathway::parse(field(&pairs, "pathway")).map_err(|_| WebError::BadForm)?;
    match state
        .incentives
        .claim(
            &session.caller,
            provider,
            kind,
            Some(pathway),
            state.today(),
        )
        .await
    {
        Ok(Some(id)) => {
            let amount = state
                .claims
                .history(&session.caller, provider)
                .await?
                .incentives
                .into_iter()
                .find(|c| c.id == id)
                .map(|c| format!("${}", c.incentive.amount))
                .unwrap_or_default();
            Ok(see_other(&format!(
                "/providers/{provider}/claims?incentive={}",
                super::encode_component(&amount)
            )))
        }
        Ok(None) => Ok(see_other(&format!(
            "/providers/{provider}/claims?incentive-claimed=1"
        ))),
        Err(IncentiveError::NotEarned { .. }) => {
            let text = ctx.t.t("claim-error-not-earned");
            refused_page(&state, &ctx, &session, provider, "#incentives", text).await
        }
        Err(other) => Err(other.into()),
    }
}

async fn history_csv(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    Path(number): Path<String>,
) -> Result<Response, WebError> {
    let provider = provider_number(&number)?;
    let history = state.claims.history(&session.caller, provider).await?;
    let mut bytes = Vec::new();
    pathways_app::claims::write_history_csv(&mut bytes, &history)
        .map_err(|_| WebError::Internal)?;
    Ok(super::csv_attachment(
        &format!("pathways-payments-{provider}.csv"),
        bytes,
    ))
}

async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(session): SignedIn,
    Path(number): Path<String>,
) -> Result<Response, WebError> {
    let provider = provider_number(&number)?;
    let overview = state
        .claims
        .overview(&session.caller, provider, state.today())
        .await?;
    Ok(render(&claims_page(&ctx, &provider.to_string(), &overview))?.into_response())
}

/// The claims page again (422), with what was refused at its top.
async fn refused_page(
    state: &AppState,
    ctx: &Ctx,
    session: &pathways_app::accounts::CurrentSession,
    provider: ProviderNumber,
    href: &str,
    text: String,
) -> Result<Response, WebError> {
    let overview = state
        .claims
        .overview(&session.caller, provider, state.today())
        .await?;
    let mut page = claims_page(ctx, &provider.to_string(), &overview);
    page.errors.push(ErrorLink {
        href: href.into(),
        text,
    });
    let t = ctx.t;
    let title = format!("{} {}", t.t("error-prefix"), t.t("claims-title"));
    page.l.retitle(&title);
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}

fn field<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
    pairs
        .iter()
        .find(|(n, _)| n == name)
        .map_or("", |(_, v)| v.as_str())
}

async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(session): SignedIn,
    Path(number): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let provider = provider_number(&number)?;
    // The form's hidden fields come from the page; anything else is a forged form.
    let course = CourseNumber::parse(field(&pairs, "course")).map_err(|_| WebError::BadForm)?;
    let trained_on = pathways_domain::error::parse_date(field(&pairs, "completed_on"))
        .map_err(|_| WebError::BadForm)?;
    let hours =
        Hours::parse(field(&pairs, "hours"), Hours::whole(24)).map_err(|_| WebError::BadForm)?;
    let t = ctx.t;
    let case = match CaseNumber::parse(field(&pairs, "case")) {
        Ok(case) => case,
        Err(_) => {
            let text = t.t("claim-error-case");
            return refused_page(&state, &ctx, &session, provider, "#main", text).await;
        }
    };
    match state
        .claims
        .submit_training(
            &session.caller,
            provider,
            course,
            trained_on,
            case,
            hours,
            state.today(),
        )
        .await
    {
        Ok(claim) => Ok(see_other(&format!(
            "/providers/{provider}/claims?claimed={}",
            super::encode_component(&format!("${}", claim.amount))
        ))),
        Err(ClaimError::Refused(refusal)) => {
            let text = t.t(&format!("claim-refused-{}", refusal.rule.code()));
            refused_page(&state, &ctx, &session, provider, "#main", text).await
        }
        Err(other) => Err(other.into()),
    }
}

#[cfg(test)]
mod tests {
    use pathways_domain::claim::ClaimRule;

    use super::*;
    use crate::i18n::Locale;

    #[test]
    fn every_claim_rule_and_state_has_words_in_every_language() {
        for locale in Locale::ALL {
            let t = Translator::new(locale);
            for rule in ClaimRule::ALL {
                let key = format!("claim-refused-{}", rule.code());
                assert!(t.try_t(&key).is_some(), "{} lacks {key}", locale.tag());
            }
            for state in ["submitted", "approved", "denied", "paid", "rejected"] {
                let key = format!("claim-state-{state}");
                assert!(t.try_t(&key).is_some(), "{} lacks {key}", locale.tag());
            }
        }
    }
}

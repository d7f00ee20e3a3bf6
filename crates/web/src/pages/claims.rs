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
use pathways_app::claims::{ClaimError, ProviderClaims};
use pathways_domain::ids::{CaseNumber, CourseNumber};
use pathways_domain::quantity::Hours;

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

#[derive(Template)]
#[template(path = "claims.html")]
struct ClaimsPage {
    l: Layout,
    errors: Vec<ErrorLink>,
    notice: Option<String>,
    completions: Vec<CompletionRow>,
    cases: Vec<CaseChoice>,
    claims: Vec<ClaimRow>,
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
            detail: claim_detail(t, c),
            resubmit: (c.state == "rejected")
                .then(|| format!("/providers/{number}/claims/{}/resubmit", c.id)),
            working: c.explanation.clone(),
        })
        .collect();
    let years = pathways_app::claims::totals_per_year(&overview.claims)
        .into_iter()
        .map(|y| {
            t.t_args(
                "claims-year-total",
                &[
                    ("year", y.year.to_string().into()),
                    ("total", format!("${}", y.paid).into()),
                    ("count", y.payments.into()),
                ],
            )
        })
        .collect();
    let query = ctx.current.split_once('?').map(|(_, q)| q);
    let notice = query_value(query, "claimed")
        .map(|amount| t.t_args("claim-notice-submitted", &[("amount", amount.into())]))
        .or_else(|| query_value(query, "resent").map(|_| t.t("claim-notice-resent")));
    let title = t.t("claims-title");
    ClaimsPage {
        l: ctx.layout(&title),
        errors: Vec::new(),
        notice,
        completions,
        cases,
        claims,
        years,
        csv_href: format!("/providers/{number}/claims.csv"),
        action: format!("/providers/{number}/claims"),
        csrf: ctx.csrf(),
    }
}

/// What became of a claim after review, in the provider's language.
fn claim_detail(t: Translator, claim: &pathways_store::TrainingClaimRecord) -> Option<String> {
    let date = |d| format::date(t.locale(), d);
    match claim.state.as_str() {
        "denied" => claim.decision.as_ref().map(|d| {
            match (d.denial_rule.as_deref(), d.denial_note.as_deref()) {
                (Some("other"), Some(note)) => {
                    t.t_args("claim-denied-note", &[("note", note.to_owned().into())])
                }
                (Some(rule), _) => super::payroll::rule_text(t, rule),
                _ => t.t("claim-state-denied"),
            }
        }),
        "rejected" => Some(
            t.t_args(
                "claim-returned",
                &[(
                    "reason",
                    claim
                        .payment
                        .as_ref()
                        .and_then(|p| p.reason.clone())
                        .unwrap_or_default()
                        .into(),
                )],
            ),
        ),
        "paid" => claim
            .payment
            .as_ref()
            .map(|p| t.t_args("claim-paid-in", &[("date", date(p.pay_period).into())])),
        "approved" => Some(match &claim.payment {
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
    state.payroll.resubmit(&session.caller, claim.id).await?;
    Ok(see_other(&format!("/providers/{provider}/claims?resent=1")))
}

async fn history_csv(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    Path(number): Path<String>,
) -> Result<Response, WebError> {
    let provider = provider_number(&number)?;
    let claims = state
        .claims
        .training_claims(&session.caller, provider)
        .await?;
    let mut bytes = Vec::new();
    pathways_app::claims::write_history_csv(&mut bytes, &claims).map_err(|_| WebError::Internal)?;
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
    let overview = state.claims.overview(&session.caller, provider).await?;
    Ok(render(&claims_page(&ctx, &provider.to_string(), &overview))?.into_response())
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
            let overview = state.claims.overview(&session.caller, provider).await?;
            let mut page = claims_page(&ctx, &provider.to_string(), &overview);
            page.errors.push(ErrorLink {
                href: "#main".into(),
                text: t.t("claim-error-case"),
            });
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response());
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
            let overview = state.claims.overview(&session.caller, provider).await?;
            let mut page = claims_page(&ctx, &provider.to_string(), &overview);
            page.errors.push(ErrorLink {
                href: "#main".into(),
                text: t.t(&format!("claim-refused-{}", refusal.rule.code())),
            });
            let title = format!("{} {}", t.t("error-prefix"), t.t("claims-title"));
            page.l.retitle(&title);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
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

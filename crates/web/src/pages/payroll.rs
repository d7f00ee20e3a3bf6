//! Claim review and payroll for staff. Program admins see the queue of submitted claims,
//! approve one (judged again on today's facts), approve every claim that passes all the rules,
//! or deny one naming the rule (or another reason in their own words); county staff see their
//! county's queue, read-only. The payroll page makes a batch of approved claims, downloads a
//! batch's file for the state payroll system (the same bytes every time), and takes payroll's
//! confirmation file.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use pathways_app::payroll::{DenialReason, PayrollError};
use pathways_domain::access::Action;
use pathways_domain::claim::ClaimRule;
use pathways_domain::ids::CountyCode;
use pathways_store::ClaimRef;

use super::account::{query_value, see_other};
use super::outreach::county_param;
use super::staff::{pacific_time, require};
use super::{Ctx, Layout, render};
use crate::AppState;
use crate::error::WebError;
use crate::format;
use crate::i18n::Translator;
use crate::session::{CsrfForm, SignedIn};

/// Claims per page of the queue.
const QUEUE_PAGE: u32 = 50;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/claims", get(queue))
        .route("/admin/claims/approve-all", post(approve_all))
        .route("/admin/claims/{id}/approve", post(approve))
        .route("/admin/claims/{id}/deny", post(deny))
        .route(
            "/admin/incentive-claims/{id}/approve",
            post(approve_incentive),
        )
        .route("/admin/incentive-claims/{id}/deny", post(deny_incentive))
        .route("/admin/payroll", get(payroll_page))
        .route("/admin/payroll/batches", post(create_batch))
        .route("/admin/payroll/batches/{id}/export.csv", get(export))
        .route("/admin/payroll/confirm", post(confirm))
        .route("/admin/payroll/overpayments", post(record_overpayment))
        .route(
            "/admin/payroll/recoveries/{id}/resend",
            post(resend_recovery),
        )
}

impl From<PayrollError> for WebError {
    fn from(error: PayrollError) -> Self {
        match error {
            PayrollError::Access(access) => access.into(),
            PayrollError::Store(store) => Self::Store(store),
            PayrollError::NoSuchClaim(_)
            | PayrollError::NoSuchIncentiveClaim(_)
            | PayrollError::NoSuchRecovery(_)
            | PayrollError::NoSuchBatch(_) => Self::NotFound,
            PayrollError::File { .. } => Self::Internal,
            PayrollError::NotSubmitted { .. }
            | PayrollError::NotReturned { .. }
            | PayrollError::Refused { .. }
            | PayrollError::NoteNeeded
            | PayrollError::NotEarned { .. }
            | PayrollError::RuleNotForKind { .. }
            | PayrollError::NoSuchPayment(_)
            | PayrollError::NotPaid(_)
            | PayrollError::MoreThanPaid { .. }
            | PayrollError::RecoveryIncomplete
            | PayrollError::RecoveryNotReturned { .. }
            | PayrollError::Confirmation(_) => Self::BadForm,
        }
    }
}

/// The reason a rule gives a provider, in their language.
pub fn rule_text(t: Translator, rule: &str) -> String {
    t.try_t(&format!("claim-refused-{rule}"))
        .unwrap_or_else(|| rule.to_owned())
}

#[derive(Debug)]
struct QueueRow {
    id: i64,
    heading: String,
    approve_label: String,
    deny_label: String,
    provider: String,
    name: String,
    course: String,
    trained_on: String,
    hours: String,
    case: String,
    amount: String,
    working: String,
}

#[derive(Debug)]
struct IncentiveQueueRow {
    id: i64,
    heading: String,
    approve_label: String,
    deny_label: String,
    provider: String,
    name: String,
    incentive: String,
    earned_on: String,
    amount: String,
}

#[derive(Debug)]
struct Choice {
    value: String,
    label: String,
    selected: bool,
}

#[derive(Template)]
#[template(path = "claim_review.html")]
struct QueuePage {
    l: Layout,
    notice: Option<String>,
    counties: Option<Vec<Choice>>,
    totals: String,
    rows: Vec<QueueRow>,
    incentives: Vec<IncentiveQueueRow>,
    may_decide: bool,
    reasons: Vec<Choice>,
    incentive_reasons: Vec<Choice>,
    csrf: String,
    next_href: Option<String>,
}

fn query_of(ctx: &Ctx) -> Option<&str> {
    ctx.current.split_once('?').map(|(_, q)| q)
}

/// What the last action did, from the query string it redirected to.
fn queue_notice(t: Translator, query: Option<&str>) -> Option<String> {
    let number = |name: &str| query_value(query, name).and_then(|v| v.parse::<u64>().ok());
    if let (Some(approved), Some(left)) = (number("approved"), number("left")) {
        return Some(t.t_args(
            "claim-review-notice-approved-all",
            &[("approved", approved.into()), ("left", left.into())],
        ));
    }
    if let Some(id) = number("approved-claim") {
        return Some(t.t_args(
            "claim-review-notice-approved",
            &[("claim", id.to_string().into())],
        ));
    }
    if let Some(id) = number("denied") {
        return Some(t.t_args(
            "claim-review-notice-denied",
            &[("claim", id.to_string().into())],
        ));
    }
    if let Some(id) = number("refused") {
        let rule = query_value(query, "rule").unwrap_or_default();
        return Some(t.t_args(
            "claim-review-notice-refused",
            &[
                ("claim", id.to_string().into()),
                ("reason", rule_text(t, &rule).into()),
            ],
        ));
    }
    if let Some(id) = number("approved-incentive") {
        return Some(t.t_args(
            "claim-review-notice-incentive-approved",
            &[("claim", id.to_string().into())],
        ));
    }
    if let Some(id) = number("denied-incentive") {
        return Some(t.t_args(
            "claim-review-notice-incentive-denied",
            &[("claim", id.to_string().into())],
        ));
    }
    if let Some(id) = number("not-earned") {
        return Some(t.t_args(
            "claim-review-notice-incentive-refused",
            &[("claim", id.to_string().into())],
        ));
    }
    if let Some(id) = number("decided") {
        return Some(t.t_args(
            "claim-review-notice-decided",
            &[("claim", id.to_string().into())],
        ));
    }
    if query_value(query, "note").is_some() {
        return Some(t.t("claim-review-notice-note-needed"));
    }
    None
}

async fn queue(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(session): SignedIn,
) -> Result<Response, WebError> {
    require(&session.caller, Action::ReviewClaims)?;
    let query = query_of(&ctx);
    let county = county_param(query_value(query, "county"))?;
    let after = query_value(query, "after")
        .and_then(|a| a.parse::<i64>().ok())
        .unwrap_or(0);
    let queue = state
        .payroll
        .queue(&session.caller, county, after, QUEUE_PAGE)
        .await?;
    let t = ctx.t;
    let rows: Vec<QueueRow> = queue
        .claims
        .iter()
        .map(|q| {
            let c = &q.claim;
            let claim_arg = || [("claim", c.id.to_string().into())];
            QueueRow {
                id: c.id,
                heading: t.t_args("claim-review-claim-heading", &claim_arg()),
                approve_label: t.t_args("claim-review-approve", &claim_arg()),
                deny_label: t.t_args("claim-review-deny", &claim_arg()),
                provider: c.provider.to_string(),
                name: q.provider_name.clone(),
                course: c.course.to_string(),
                trained_on: format::date(t.locale(), c.trained_on),
                hours: t.t_args("claim-hours", &[("hours", c.hours.to_string().into())]),
                case: t.t_args(
                    "claim-case-label",
                    &[
                        ("case", c.case.to_string().into()),
                        ("county", c.county.name().into()),
                    ],
                ),
                amount: format!("${}", c.amount),
                working: c.explanation.clone(),
            }
        })
        .collect();
    let incentives = queue
        .incentives
        .iter()
        .map(|c| {
            let claim_arg = || [("claim", c.id.to_string().into())];
            IncentiveQueueRow {
                id: c.id,
                heading: t.t_args("claim-review-incentive-heading", &claim_arg()),
                approve_label: t.t_args("claim-review-approve-incentive", &claim_arg()),
                deny_label: t.t_args("claim-review-deny-incentive", &claim_arg()),
                provider: c.incentive.provider.to_string(),
                name: c.provider_name.clone(),
                incentive: super::outreach::incentive_title(
                    t,
                    c.incentive.kind,
                    c.incentive.pathway,
                ),
                earned_on: format::date(t.locale(), c.incentive.qualified_on),
                amount: format!("${}", c.incentive.amount),
            }
        })
        .collect();
    let county_value = queue
        .county
        .map(|c| format!("{:02}", c.get()))
        .unwrap_or_default();
    let next_href = (rows.len() == QUEUE_PAGE as usize)
        .then(|| rows.last().map(|r| r.id))
        .flatten()
        .map(|last| format!("/admin/claims?county={county_value}&after={last}"));
    let counties = queue.may_decide.then(|| {
        (1..=58)
            .filter_map(CountyCode::new)
            .map(|c| Choice {
                value: format!("{:02}", c.get()),
                label: c.name().to_owned(),
                selected: queue.county == Some(c),
            })
            .collect()
    });
    let mut reasons: Vec<Choice> = ClaimRule::ALL
        .iter()
        .map(|rule| Choice {
            value: rule.code().to_owned(),
            label: t.t(&format!("claim-review-rule-{}", rule.code())),
            selected: false,
        })
        .collect();
    reasons.push(Choice {
        value: "other".into(),
        label: t.t("claim-review-rule-other"),
        selected: false,
    });
    let title = t.t("claim-review-title");
    Ok(render(&QueuePage {
        l: ctx.layout(&title),
        notice: queue_notice(t, query),
        counties,
        totals: t.t_args(
            "claim-review-totals",
            &[
                ("count", queue.waiting.into()),
                ("total", format!("${}", queue.waiting_amount).into()),
            ],
        ),
        rows,
        incentives,
        may_decide: queue.may_decide,
        reasons,
        incentive_reasons: [DenialReason::NOT_EARNED, "other"]
            .into_iter()
            .map(|code| Choice {
                value: code.to_owned(),
                label: t.t(&format!("claim-review-rule-{code}")),
                selected: false,
            })
            .collect(),
        csrf: ctx.csrf(),
        next_href,
    })?
    .into_response())
}

async fn approve_all(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    CsrfForm(_): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let bulk = state
        .payroll
        .approve_all(&session.caller, state.today(), &|_| {})
        .await?;
    Ok(see_other(&format!(
        "/admin/claims?approved={}&left={}",
        bulk.approved + bulk.incentives_approved,
        bulk.left.len() + bulk.incentives_left.len()
    )))
}

async fn approve(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    match state.payroll.approve(&session.caller, id).await {
        Ok(_) => Ok(see_other(&format!("/admin/claims?approved-claim={id}"))),
        Err(PayrollError::Refused { refusal, .. }) => Ok(see_other(&format!(
            "/admin/claims?refused={id}&rule={}",
            refusal.rule.code()
        ))),
        Err(PayrollError::NotSubmitted { .. }) => {
            Ok(see_other(&format!("/admin/claims?decided={id}")))
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Debug, serde::Deserialize)]
struct DenyInput {
    rule: String,
    #[serde(default)]
    note: String,
}

async fn deny(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    Path(id): Path<i64>,
    CsrfForm(input): CsrfForm<DenyInput>,
) -> Result<Response, WebError> {
    // The form offers only the rules' codes: anything else is a forged form.
    let reason = DenialReason::parse(&input.rule, Some(&input.note))
        .filter(|r| !matches!(r, DenialReason::NotEarned))
        .ok_or(WebError::BadForm)?;
    match state
        .payroll
        .deny(&session.caller, ClaimRef::Training(id), &reason)
        .await
    {
        Ok(()) => Ok(see_other(&format!("/admin/claims?denied={id}"))),
        Err(PayrollError::NoteNeeded) => Ok(see_other(&format!("/admin/claims?note={id}"))),
        Err(PayrollError::NotSubmitted { .. }) => {
            Ok(see_other(&format!("/admin/claims?decided={id}")))
        }
        Err(e) => Err(e.into()),
    }
}

async fn approve_incentive(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    match state
        .payroll
        .approve_incentive(&session.caller, id, state.today())
        .await
    {
        Ok(_) => Ok(see_other(&format!("/admin/claims?approved-incentive={id}"))),
        Err(PayrollError::NotEarned { .. }) => {
            Ok(see_other(&format!("/admin/claims?not-earned={id}")))
        }
        Err(PayrollError::NotSubmitted { .. }) => {
            Ok(see_other(&format!("/admin/claims?decided={id}")))
        }
        Err(e) => Err(e.into()),
    }
}

async fn deny_incentive(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    Path(id): Path<i64>,
    CsrfForm(input): CsrfForm<DenyInput>,
) -> Result<Response, WebError> {
    let reason = DenialReason::parse(&input.rule, Some(&input.note))
        .filter(|r| !matches!(r, DenialReason::Rule(_)))
        .ok_or(WebError::BadForm)?;
    match state
        .payroll
        .deny(&session.caller, ClaimRef::Incentive(id), &reason)
        .await
    {
        Ok(()) => Ok(see_other(&format!("/admin/claims?denied-incentive={id}"))),
        Err(PayrollError::NoteNeeded) => Ok(see_other(&format!("/admin/claims?note={id}"))),
        Err(PayrollError::NotSubmitted { .. }) => {
            Ok(see_other(&format!("/admin/claims?decided={id}")))
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Debug)]
struct BatchRow {
    id: i64,
    download_label: String,
    pay_period: String,
    payments: u64,
    total: String,
    created: String,
    exported: String,
}

#[derive(Debug)]
struct RecoveryRow {
    id: i64,
    provider: String,
    overpaid: i64,
    amount: String,
    reason: String,
    state: String,
    resend: Option<String>,
}

/// What was typed in the overpayment form, kept when it is refused.
#[derive(Debug, Default, serde::Deserialize)]
struct OverpaymentInput {
    #[serde(default)]
    payment: String,
    #[serde(default)]
    amount: String,
    #[serde(default)]
    reason: String,
}

#[derive(Template)]
#[template(path = "payroll.html")]
struct PayrollPage {
    l: Layout,
    notice: Option<String>,
    problems: Vec<String>,
    batches: Vec<BatchRow>,
    today: String,
    csrf: String,
    confirmation: String,
    recoveries: Vec<RecoveryRow>,
    overpayment: OverpaymentInput,
    overpayment_error: Option<String>,
}

/// A recovery's state in the reader's language, with payroll's reason when it was returned.
pub fn recovery_state(t: Translator, r: &pathways_store::RecoveryRecord) -> String {
    let state = t.t(&format!("recovery-state-{}", r.state));
    match r.payment.as_ref().and_then(|p| p.reason.as_deref()) {
        Some(reason) if r.state == "returned" => format!("{state}: {reason}"),
        _ => state,
    }
}

async fn payroll_page(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(session): SignedIn,
) -> Result<Response, WebError> {
    let page = payroll_view(&state, &ctx, &session.caller, Vec::new(), String::new()).await?;
    Ok(render(&page)?.into_response())
}

async fn payroll_view(
    state: &AppState,
    ctx: &Ctx,
    caller: &pathways_app::access::Caller,
    problems: Vec<String>,
    confirmation: String,
) -> Result<PayrollPage, WebError> {
    require(caller, Action::RunPayroll)?;
    let t = ctx.t;
    let batches = state
        .payroll
        .batches(caller)
        .await?
        .into_iter()
        .map(|b| BatchRow {
            id: b.id,
            download_label: t.t_args("payroll-download", &[("batch", b.id.to_string().into())]),
            pay_period: format::date(t.locale(), b.pay_period),
            payments: b.payment_count,
            total: if b.recovered > pathways_domain::quantity::Money::ZERO {
                t.t_args(
                    "payroll-total-less-recovered",
                    &[
                        ("total", format!("${}", b.total).into()),
                        ("recovered", format!("${}", b.recovered).into()),
                    ],
                )
            } else {
                format!("${}", b.total)
            },
            created: pacific_time(t.locale(), b.created_at),
            exported: b.exported_at.map_or_else(
                || t.t("payroll-not-exported"),
                |at| pacific_time(t.locale(), at),
            ),
        })
        .collect();
    let query = query_of(ctx);
    let number = |name: &str| query_value(query, name).and_then(|v| v.parse::<u64>().ok());
    let notice = if let Some(id) = number("batch") {
        Some(t.t_args("payroll-notice-batch", &[("batch", id.to_string().into())]))
    } else if query_value(query, "nothing").is_some() {
        Some(t.t("payroll-notice-nothing"))
    } else if let Some(id) = number("recovery") {
        Some(t.t_args(
            "payroll-notice-recovery",
            &[("recovery", id.to_string().into())],
        ))
    } else if let Some(id) = number("resent") {
        Some(t.t_args(
            "payroll-notice-recovery-resent",
            &[("recovery", id.to_string().into())],
        ))
    } else if let (Some(paid), Some(rejected)) = (number("paid"), number("rejected")) {
        Some(t.t_args(
            "payroll-notice-confirmed",
            &[("paid", paid.into()), ("rejected", rejected.into())],
        ))
    } else {
        None
    };
    let recoveries = state
        .payroll
        .recoveries(caller, 50)
        .await?
        .iter()
        .map(|r| RecoveryRow {
            id: r.id,
            provider: r.provider.to_string(),
            overpaid: r.overpaid_payment,
            amount: format!("-${}", r.amount),
            reason: r.reason.clone(),
            state: recovery_state(t, r),
            resend: (r.state == "returned").then(|| {
                t.t_args(
                    "payroll-recovery-resend",
                    &[("recovery", r.id.to_string().into())],
                )
            }),
        })
        .collect();
    let title = t.t("payroll-title");
    Ok(PayrollPage {
        l: ctx.layout(&title),
        notice,
        problems,
        batches,
        today: pathways_domain::error::format_date(state.today()),
        csrf: ctx.csrf(),
        confirmation,
        recoveries,
        overpayment: OverpaymentInput::default(),
        overpayment_error: None,
    })
}

#[derive(Debug, serde::Deserialize)]
struct BatchInput {
    period: String,
}

async fn create_batch(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    CsrfForm(input): CsrfForm<BatchInput>,
) -> Result<Response, WebError> {
    // The date field only sends dates; anything else is a forged form.
    let period =
        pathways_domain::error::parse_date(input.period.trim()).map_err(|_| WebError::BadForm)?;
    Ok(
        match state.payroll.create_batch(&session.caller, period).await? {
            Some(batch) => see_other(&format!("/admin/payroll?batch={}", batch.id)),
            None => see_other("/admin/payroll?nothing=1"),
        },
    )
}

async fn export(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let mut bytes = Vec::new();
    let batch = state
        .payroll
        .write_export(&session.caller, id, &mut bytes)
        .await?;
    state
        .payroll
        .record_download(&session.caller, &batch)
        .await?;
    let name = format!(
        "payroll-batch-{id}-{}.csv",
        pathways_domain::error::format_date(batch.pay_period)
    );
    Ok(super::csv_attachment(&name, bytes))
}

#[derive(Debug, serde::Deserialize)]
struct ConfirmInput {
    file: String,
}

async fn confirm(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(session): SignedIn,
    CsrfForm(input): CsrfForm<ConfirmInput>,
) -> Result<Response, WebError> {
    match state
        .payroll
        .confirm(&session.caller, input.file.as_bytes(), "web form")
        .await
    {
        Ok(summary) => Ok(see_other(&format!(
            "/admin/payroll?paid={}&rejected={}",
            summary.paid, summary.rejected
        ))),
        Err(PayrollError::Confirmation(errors)) => {
            let t = ctx.t;
            let mut problems: Vec<String> = errors
                .iter()
                .take(50)
                .map(|e| confirmation_problem(t, e))
                .collect();
            if errors.len() > 50 {
                problems.push(t.t_args(
                    "payroll-problems-more",
                    &[("count", (errors.len() as u64 - 50).into())],
                ));
            }
            let page = payroll_view(&state, &ctx, &session.caller, problems, input.file).await?;
            Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /admin/payroll/overpayments`: records an overpayment against a paid payment; a
/// refusal is shown on the page with what was typed.
async fn record_overpayment(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(session): SignedIn,
    CsrfForm(input): CsrfForm<OverpaymentInput>,
) -> Result<Response, WebError> {
    require(&session.caller, Action::RunPayroll)?;
    let t = ctx.t;
    let payment = input.payment.trim().parse::<i64>().ok();
    let amount =
        pathways_domain::quantity::Money::parse(input.amount.trim().trim_start_matches('$')).ok();
    let outcome = match (payment, amount) {
        (Some(payment), Some(amount)) => Some(
            state
                .payroll
                .record_overpayment(&session.caller, payment, amount, &input.reason)
                .await,
        ),
        _ => None,
    };
    let error = match outcome {
        Some(Ok(recovery)) => {
            return Ok(see_other(&format!(
                "/admin/payroll?recovery={}",
                recovery.id
            )));
        }
        None | Some(Err(PayrollError::RecoveryIncomplete)) => {
            t.t("payroll-error-recovery-incomplete")
        }
        Some(Err(PayrollError::NoSuchPayment(p))) => t.t_args(
            "payroll-error-no-payment",
            &[("payment", p.to_string().into())],
        ),
        Some(Err(PayrollError::NotPaid(p))) => t.t_args(
            "payroll-error-not-paid",
            &[("payment", p.to_string().into())],
        ),
        Some(Err(PayrollError::MoreThanPaid { payment, left })) => t.t_args(
            "payroll-error-more-than-paid",
            &[
                ("payment", payment.to_string().into()),
                ("left", format!("${left}").into()),
            ],
        ),
        Some(Err(other)) => return Err(other.into()),
    };
    let mut page = payroll_view(&state, &ctx, &session.caller, Vec::new(), String::new()).await?;
    page.overpayment = input;
    page.overpayment_error = Some(error);
    let title = format!("{} {}", t.t("error-prefix"), t.t("payroll-title"));
    page.l.retitle(&title);
    Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}

async fn resend_recovery(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    state.payroll.resend_recovery(&session.caller, id).await?;
    Ok(see_other(&format!("/admin/payroll?resent={id}")))
}

/// One problem of a confirmation file, in the reader's language.
fn confirmation_problem(t: Translator, error: &pathways_app::payroll::ConfirmationError) -> String {
    use pathways_app::payroll::ConfirmationError as E;
    match error {
        E::Malformed { line, what } => t.t_args(
            "payroll-problem-malformed",
            &[("line", (*line).into()), ("what", what.clone().into())],
        ),
        E::Repeated { line, payment_id } => t.t_args(
            "payroll-problem-repeated",
            &[
                ("line", (*line).into()),
                ("payment", payment_id.to_string().into()),
            ],
        ),
        E::UnknownPayment { line, payment_id } => t.t_args(
            "payroll-problem-unknown",
            &[
                ("line", (*line).into()),
                ("payment", payment_id.to_string().into()),
            ],
        ),
        E::NotExported { line, payment_id } => t.t_args(
            "payroll-problem-not-exported",
            &[
                ("line", (*line).into()),
                ("payment", payment_id.to_string().into()),
            ],
        ),
        E::AlreadyConfirmed {
            line,
            payment_id,
            status,
        } => t.t_args(
            "payroll-problem-confirmed",
            &[
                ("line", (*line).into()),
                ("payment", payment_id.to_string().into()),
                ("status", t.t(&format!("payroll-status-{status}")).into()),
            ],
        ),
    }
}

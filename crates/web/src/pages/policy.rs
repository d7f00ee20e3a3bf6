//! Program admins' pages for the program's rule versions: the list, one version's parameters,
//! a form to add a version (as a draft or in effect at once) or change one no decision has
//! used, and publishing a draft. Replaying a change is `pathways policy diff` (it evaluates
//! the whole state twice, which is a job, not a page request).

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use pathways_app::policies::{PolicyError, apply};
use pathways_domain::access::Action;
use pathways_domain::policy::{PARAMETERS, ParameterKind, PolicyProblem, PolicyVersion};
use pathways_store::StoredPolicy;

use super::account::{ErrorLink, query_value, see_other};
use super::careers::FormField;
use super::staff::require;
use super::{Ctx, Layout, encode_component, render};
use crate::AppState;
use crate::error::WebError;
use crate::format;
use crate::i18n::Translator;
use crate::session::{CsrfForm, SignedIn};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/policy", get(list))
        .route("/admin/policy/new", get(new_form).post(create))
        .route("/admin/policy/{version}", get(detail))
        .route("/admin/policy/{version}/edit", get(edit_form).post(update))
        .route("/admin/policy/{version}/publish", post(publish))
}

impl From<PolicyError> for WebError {
    fn from(error: PolicyError) -> Self {
        match error {
            PolicyError::NotFound(_) => Self::NotFound,
            PolicyError::Access(access) => access.into(),
            PolicyError::Store(store) => Self::Store(store),
            _ => Self::Internal,
        }
    }
}

/// A version's address segment: names are letters, digits, dots, hyphens and underscores.
fn href(version: &str) -> String {
    format!("/admin/policy/{}", encode_component(version))
}

fn state_text(t: Translator, p: &StoredPolicy) -> String {
    t.t(match (p.published, p.used) {
        (false, _) => "policy-state-draft",
        (true, true) => "policy-state-used",
        (true, false) => "policy-state-published",
    })
}

/// A parameter's value as people read it on the page, in their language's formats.
fn shown(t: Translator, v: &PolicyVersion, name: &str, kind: ParameterKind) -> String {
    let raw = v.parameter(name).unwrap_or_default();
    match kind {
        ParameterKind::Date => pathways_domain::error::parse_date(&raw)
            .map(|d| format::date(t.locale(), d))
            .unwrap_or(raw),
        ParameterKind::Money => format!("${raw}"),
        ParameterKind::Hours => t.t_args("policy-value-hours", &[("hours", raw.into())]),
        ParameterKind::Days => t.t_args("policy-value-days", &[("days", raw.into())]),
        ParameterKind::Count | ParameterKind::Multiplier => raw,
    }
}

fn label(t: Translator, name: &str) -> String {
    t.t(&format!("policy-param-{}", name.replace('_', "-")))
}

#[derive(Debug)]
struct ListRow {
    version: String,
    href: String,
    state: String,
    effective_from: String,
    pathway_incentive: String,
    pathway_hours: String,
    specialized: String,
}

#[derive(Template)]
#[template(path = "policy.html")]
struct ListPage {
    l: Layout,
    rows: Vec<ListRow>,
    notice: Option<String>,
}

async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(session): SignedIn,
) -> Result<Response, WebError> {
    let versions = state.policies.versions(&session.caller).await?;
    let t = ctx.t;
    let query = ctx.current.split_once('?').map(|(_, q)| q);
    let notice = query_value(query, "notice").and_then(|n| {
        let key = match n.as_str() {
            "created-draft" => "policy-notice-created-draft",
            "created-published" => "policy-notice-created-published",
            "changed" => "policy-notice-changed",
            "published" => "policy-notice-published",
            _ => return None,
        };
        let version = query_value(query, "version").unwrap_or_default();
        Some(t.t_args(key, &[("version", version.into())]))
    });
    let rows = versions
        .iter()
        .map(|p| {
            let v = &p.version;
            ListRow {
                version: v.version.clone(),
                href: href(&v.version),
                state: state_text(t, p),
                effective_from: format::date(t.locale(), v.effective_from),
                pathway_incentive: format!("${}", v.pathway_incentive_amount),
                pathway_hours: v.pathway_incentive_hours.to_string(),
                specialized: format!(
                    "${} / ${}",
                    v.specialized_one_month_amount, v.specialized_six_months_amount
                ),
            }
        })
        .collect();
    let title = t.t("policy-title");
    Ok(render(&ListPage {
        l: ctx.layout(&title),
        rows,
        notice,
    })?
    .into_response())
}

#[derive(Debug)]
struct ParameterRow {
    label: String,
    value: String,
}

#[derive(Template)]
#[template(path = "policy_version.html")]
struct DetailPage {
    l: Layout,
    heading: String,
    state: String,
    note: String,
    rows: Vec<ParameterRow>,
    csrf: String,
    edit_href: Option<String>,
    publish_action: Option<String>,
    copy_href: String,
    errors: Vec<ErrorLink>,
}

fn detail_page(ctx: &Ctx, stored: &StoredPolicy) -> DetailPage {
    let t = ctx.t;
    let v = &stored.version;
    let heading = t.t_args(
        "policy-version-title",
        &[("version", v.version.clone().into())],
    );
    let note = t.t(match (stored.published, stored.used) {
        (_, true) => "policy-note-used",
        (true, false) => "policy-note-published",
        (false, _) => "policy-note-draft",
    });
    DetailPage {
        l: ctx.layout(&heading),
        heading,
        state: state_text(t, stored),
        note,
        rows: PARAMETERS
            .iter()
            .map(|p| ParameterRow {
                label: label(t, p.name),
                value: shown(t, v, p.name, p.kind),
            })
            .collect(),
        csrf: ctx.csrf(),
        edit_href: (!stored.used).then(|| format!("{}/edit", href(&v.version))),
        publish_action: (!stored.published).then(|| format!("{}/publish", href(&v.version))),
        copy_href: format!(
            "/admin/policy/new?based_on={}",
            encode_component(&v.version)
        ),
        errors: Vec::new(),
    }
}

async fn detail(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(session): SignedIn,
    Path(version): Path<String>,
) -> Result<Response, WebError> {
    let stored = state.policies.version(&session.caller, &version).await?;
    Ok(render(&detail_page(&ctx, &stored))?.into_response())
}

#[derive(Template)]
#[template(path = "policy_form.html")]
struct FormPage {
    l: Layout,
    heading: String,
    action: String,
    csrf: String,
    errors: Vec<ErrorLink>,
    /// The name box of a new version; an existing one's name is shown, not changed.
    name: Option<FormField>,
    fixed_name: Option<String>,
    fields: Vec<FormField>,
    /// A new version can be kept as a draft or put in effect; a change is saved as it is.
    new: bool,
    back_href: String,
}

fn field_id(name: &str) -> String {
    name.replace('_', "-")
}

fn form_page(ctx: &Ctx, existing: Option<&str>, version: &PolicyVersion) -> FormPage {
    let t = ctx.t;
    let fields = PARAMETERS
        .iter()
        .map(|p| {
            let mut f = FormField::new(
                field_id(p.name),
                label(t, p.name),
                &version.parameter(p.name).unwrap_or_default(),
            );
            if p.kind == ParameterKind::Date {
                f.kind = "date";
                f.width = "input-width-10";
            } else {
                f.width = "input-width-10";
                let hint = match p.kind {
                    ParameterKind::Hours => Some("policy-hint-hours"),
                    ParameterKind::Money => Some("policy-hint-money"),
                    _ => None,
                };
                if let Some(hint) = hint {
                    f = f.hint(t.t(hint));
                }
            }
            f
        })
        .collect();
    let heading = match existing {
        Some(v) => t.t_args(
            "policy-form-edit-title",
            &[("version", v.to_owned().into())],
        ),
        None => t.t("policy-form-new-title"),
    };
    FormPage {
        l: ctx.layout(&heading),
        heading,
        action: match existing {
            Some(v) => format!("{}/edit", href(v)),
            None => "/admin/policy/new".into(),
        },
        csrf: ctx.csrf(),
        errors: Vec::new(),
        name: existing.is_none().then(|| {
            FormField::new(
                "version".into(),
                t.t("policy-field-version"),
                &version.version,
            )
            .hint(t.t("policy-field-version-hint"))
        }),
        fixed_name: existing.map(str::to_owned),
        fields,
        new: existing.is_none(),
        back_href: existing.map_or_else(|| "/admin/policy".to_owned(), href),
    }
}

fn problem_text(t: Translator, problem: &PolicyProblem) -> (String, String) {
    match problem {
        PolicyProblem::Value { parameter, .. } => (
            field_id(parameter),
            t.t_args(
                "policy-error-value",
                &[("parameter", label(t, parameter).into())],
            ),
        ),
        PolicyProblem::DatesOutOfOrder { earlier, later } => (
            field_id(later),
            t.t_args(
                "policy-error-dates",
                &[
                    ("earlier", label(t, earlier).into()),
                    ("later", label(t, later).into()),
                ],
            ),
        ),
        PolicyProblem::VersionName(_) => ("version".into(), t.t("policy-error-version-name")),
        PolicyProblem::UnknownParameter(_) => (String::new(), t.t("policy-error-unknown")),
    }
}

/// The page's problems as (field id, message); `None` for errors that are not the form's.
fn problems_of(t: Translator, error: &PolicyError) -> Option<Vec<(String, String)>> {
    Some(match error {
        PolicyError::Invalid(problems) => problems.iter().map(|p| problem_text(t, p)).collect(),
        PolicyError::VersionTaken(_) => vec![("version".into(), t.t("policy-error-version-taken"))],
        PolicyError::DateTaken { other } => vec![(
            "effective-from".into(),
            t.t_args(
                "policy-error-date-taken",
                &[("other", other.clone().into())],
            ),
        )],
        PolicyError::Used(_) => vec![(String::new(), t.t("policy-error-used"))],
        PolicyError::AlreadyPublished(_) => {
            vec![(String::new(), t.t("policy-error-already-published"))]
        }
        _ => return None,
    })
}

impl FormPage {
    /// Puts each problem on its field and in the summary; the title starts with "Error:".
    fn fail(&mut self, t: Translator, problems: &[(String, String)]) {
        for (id, message) in problems {
            let field = self
                .name
                .iter_mut()
                .chain(self.fields.iter_mut())
                .find(|f| f.id == *id);
            let href = match field {
                Some(f) if f.error.is_none() => {
                    f.error = Some(message.clone());
                    format!("#{id}")
                }
                Some(_) => continue,
                None => "#main".to_owned(),
            };
            self.errors.push(ErrorLink {
                href,
                text: message.clone(),
            });
        }
        let title = format!("{} {}", t.t("error-prefix"), self.heading);
        self.l.retitle(&title);
    }
}

/// The parameters as sent by the form, by parameter name (field ids use hyphens).
fn submitted(pairs: &[(String, String)]) -> Vec<(String, String)> {
    PARAMETERS
        .iter()
        .map(|p| {
            let id = field_id(p.name);
            let value = pairs
                .iter()
                .find(|(n, _)| *n == id)
                .map(|(_, v)| v.clone())
                .unwrap_or_default();
            (p.name.to_owned(), value)
        })
        .collect()
}

fn value_of<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
    pairs
        .iter()
        .find(|(n, _)| n == name)
        .map_or("", |(_, v)| v.as_str())
}

async fn new_form(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(session): SignedIn,
) -> Result<Response, WebError> {
    let query = ctx.current.split_once('?').map(|(_, q)| q);
    let based_on = query_value(query, "based_on");
    let version = state
        .policies
        .template(&session.caller, "", based_on.as_deref(), state.today())
        .await?;
    Ok(render(&form_page(&ctx, None, &version))?.into_response())
}

async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(session): SignedIn,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    // Refuse other roles before reading the form, so they learn nothing from its errors.
    require(&session.caller, Action::ManagePolicy)?;
    let publish = match value_of(&pairs, "action") {
        "publish" => true,
        "draft" => false,
        _ => return Err(WebError::BadForm),
    };
    let name = value_of(&pairs, "version").trim().to_owned();
    let base = PolicyVersion {
        version: name.clone(),
        ..PolicyVersion::program_default()
    };
    let result = match apply(base.clone(), &submitted(&pairs)) {
        Ok(version) => state
            .policies
            .create(&session.caller, &version, publish)
            .await
            .map(|()| version),
        Err(problems) => Err(PolicyError::Invalid(problems)),
    };
    match result {
        Ok(version) => Ok(see_other(&format!(
            "/admin/policy?notice={}&version={}",
            if publish {
                "created-published"
            } else {
                "created-draft"
            },
            encode_component(&version.version)
        ))),
        Err(error) => {
            let Some(problems) = problems_of(ctx.t, &error) else {
                return Err(error.into());
            };
            // Show what was typed, so nothing has to be typed again.
            let mut page = form_page(&ctx, None, &base);
            for (f, (_, value)) in page.fields.iter_mut().zip(submitted(&pairs)) {
                f.value = value;
            }
            page.fail(ctx.t, &problems);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
    }
}

async fn edit_form(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(session): SignedIn,
    Path(version): Path<String>,
) -> Result<Response, WebError> {
    let stored = state.policies.version(&session.caller, &version).await?;
    if stored.used {
        let mut page = detail_page(&ctx, &stored);
        page.errors.push(ErrorLink {
            href: "#main".into(),
            text: ctx.t.t("policy-error-used"),
        });
        return Ok((StatusCode::CONFLICT, render(&page)?).into_response());
    }
    let page = form_page(&ctx, Some(&stored.version.version), &stored.version);
    Ok(render(&page)?.into_response())
}

async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(session): SignedIn,
    Path(version): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let changes = submitted(&pairs);
    match state
        .policies
        .edit(&session.caller, &version, &changes)
        .await
    {
        Ok(changed) => Ok(see_other(&format!(
            "/admin/policy?notice=changed&version={}",
            encode_component(&changed.version)
        ))),
        Err(error) => {
            let Some(problems) = problems_of(ctx.t, &error) else {
                return Err(error.into());
            };
            let stored = state.policies.version(&session.caller, &version).await?;
            let mut page = form_page(&ctx, Some(&version), &stored.version);
            for (f, (_, value)) in page.fields.iter_mut().zip(changes) {
                f.value = value;
            }
            page.fail(ctx.t, &problems);
            let status = if matches!(error, PolicyError::Used(_)) {
                StatusCode::CONFLICT
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            Ok((status, render(&page)?).into_response())
        }
    }
}

async fn publish(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(session): SignedIn,
    Path(version): Path<String>,
    CsrfForm(_): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    match state.policies.publish(&session.caller, &version).await {
        Ok(()) => Ok(see_other(&format!(
            "/admin/policy?notice=published&version={}",
            encode_component(&version)
        ))),
        Err(error) => {
            let Some(problems) = problems_of(ctx.t, &error) else {
                return Err(error.into());
            };
            let stored = state.policies.version(&session.caller, &version).await?;
            let mut page = detail_page(&ctx, &stored);
            page.errors = problems
                .into_iter()
                .map(|(_, text)| ErrorLink {
                    href: "#main".into(),
                    text,
                })
                .collect();
            Ok((StatusCode::CONFLICT, render(&page)?).into_response())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    #[test]
    fn every_parameter_has_a_label_in_every_language() {
        for locale in Locale::ALL {
            let t = Translator::new(locale);
            for p in PARAMETERS {
                let key = format!("policy-param-{}", p.name.replace('_', "-"));
                assert!(t.try_t(&key).is_some(), "{} lacks {key}", locale.tag());
            }
        }
    }
}

//! Pages for staff and for providers' own records: a provider's summary and attendance, a
//! vendor's held attendance, the audit log (search and CSV export) and the policy versions.
//! Each handler asks an application service, which decides who may see what.

use askama::Template;
use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use pathways_app::access::Caller;
use pathways_app::audit::AUDIT_PAGE;
use pathways_app::providers::ProviderError;
use pathways_domain::access::Action;
use pathways_domain::ids::{ProviderNumber, VendorCode};
use pathways_store::AttendanceRecord;
use pathways_store::accounts::{AccountId, AuditQuery};
use time::format_description::well_known::Rfc3339;
use time::{Date, OffsetDateTime, Time};

use super::account::Fact;
use super::{Ctx, Layout, render};
use crate::AppState;
use crate::error::WebError;
use crate::filter::query_pairs;
use crate::format;
use crate::i18n::{Locale, Translator};
use crate::session::SignedIn;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/providers", get(find_provider))
        .route("/providers/{number}", get(provider_page))
        .route(
            "/providers/{number}/attendance",
            get(provider_attendance_page),
        )
        .route("/vendors/{code}/attendance/held", get(vendor_held_page))
        .route("/sessions/{id}/roster", get(roster_page))
        .route("/sessions/{id}/call-off", axum::routing::post(call_off))
        .route("/sessions/{id}/roster.csv", get(roster_csv))
        .route("/admin/audit", get(audit_page))
        .route("/admin/audit.csv", get(audit_csv))
}

impl From<ProviderError> for WebError {
    fn from(error: ProviderError) -> Self {
        match error {
            ProviderError::NotFound => Self::NotFound,
            ProviderError::Access(access) => access.into(),
            ProviderError::Store(store) => Self::Store(store),
        }
    }
}

impl From<pathways_app::audit::AuditError> for WebError {
    fn from(error: pathways_app::audit::AuditError) -> Self {
        use pathways_app::audit::AuditError;
        match error {
            AuditError::Access(access) => access.into(),
            AuditError::Store(store) => Self::Store(store),
            AuditError::Csv(_) => Self::Internal,
        }
    }
}

/// A provider number from a path; a malformed one is simply not found.
pub fn provider_number(raw: &str) -> Result<ProviderNumber, WebError> {
    ProviderNumber::parse(raw).map_err(|_| WebError::NotFound)
}

pub fn vendor_code(raw: &str) -> Result<VendorCode, WebError> {
    VendorCode::parse(raw).map_err(|_| WebError::NotFound)
}

#[derive(Template)]
#[template(path = "find_provider.html")]
struct FindProviderPage {
    l: Layout,
    number: String,
    error: Option<String>,
}

/// `GET /providers?number=N`: staff look a provider up by number; a well-formed number goes
/// to the provider's page, which decides whether this person may see it.
async fn find_provider(
    ctx: Ctx,
    SignedIn(session): SignedIn,
    RawQuery(query): RawQuery,
) -> Result<Response, WebError> {
    require(&session.caller, Action::ViewProvider)?;
    if let pathways_domain::access::Actor::Provider { provider } = &session.caller.actor {
        return Ok(axum::response::Redirect::to(&format!("/providers/{provider}")).into_response());
    }
    let number = query_pairs(query.as_deref())
        .into_iter()
        .find(|(name, _)| name == "number")
        .map(|(_, v)| v.trim().to_owned());
    let t = ctx.t;
    let error = match number.as_deref() {
        None => None,
        Some(raw) => match ProviderNumber::parse(raw) {
            Ok(n) => {
                return Ok(axum::response::Redirect::to(&format!("/providers/{n}")).into_response());
            }
            Err(_) => Some(t.t("find-provider-error")),
        },
    };
    let status = if error.is_some() {
        axum::http::StatusCode::BAD_REQUEST
    } else {
        axum::http::StatusCode::OK
    };
    let title = t.t("find-provider-title");
    let page = FindProviderPage {
        l: ctx.layout(&title),
        number: number.unwrap_or_default(),
        error,
    };
    Ok((status, render(&page)?).into_response())
}

#[derive(Template)]
#[template(path = "provider.html")]
struct ProviderPage {
    l: Layout,
    name: String,
    facts: Vec<Fact>,
    attendance_href: String,
    progress_href: String,
    may_see_attendance: bool,
}

async fn provider_page(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(session): SignedIn,
    Path(number): Path<String>,
) -> Result<Html<String>, WebError> {
    let number = provider_number(&number)?;
    let summary = state.providers.summary(&session.caller, number).await?;
    let t = ctx.t;
    let c = &summary.contact;
    let name = format!("{} {}", c.first_name, c.last_name);
    let yes_no = |b: bool| t.t(if b { "answer-yes" } else { "answer-no" });
    let facts = vec![
        Fact {
            label: t.t("provider-number"),
            value: number.to_string(),
        },
        Fact {
            label: t.t("provider-county"),
            value: c.county.name().to_owned(),
        },
        Fact {
            label: t.t("provider-language"),
            value: crate::i18n::language_name(&t, &c.language),
        },
        Fact {
            label: t.t("provider-phone"),
            value: c.phone.clone().unwrap_or_else(|| t.t("value-none")),
        },
        Fact {
            label: t.t("provider-email"),
            value: c.email.clone().unwrap_or_else(|| t.t("value-none")),
        },
        Fact {
            label: t.t("provider-has-account"),
            value: yes_no(summary.has_account),
        },
        Fact {
            label: t.t("provider-verified-records"),
            value: format::count(t.locale(), summary.verified_records as u64),
        },
        Fact {
            label: t.t("provider-held-records"),
            value: format::count(t.locale(), summary.held_records as u64),
        },
    ];
    render(&ProviderPage {
        l: ctx.layout(&name),
        name,
        facts,
        attendance_href: format!("/providers/{number}/attendance"),
        progress_href: format!("/providers/{number}/progress"),
        may_see_attendance: session.caller.may(Action::ViewAttendance),
    })
}

/// One attendance record as a table row.
#[derive(Debug)]
pub struct AttendanceRow {
    pub date: String,
    pub provider: String,
    pub course: String,
    pub hours: String,
    pub completed: String,
    pub status: String,
    pub held: bool,
}

fn attendance_rows(t: &Translator, records: &[AttendanceRecord]) -> Vec<AttendanceRow> {
    records
        .iter()
        .map(|r| AttendanceRow {
            date: format::date(t.locale(), r.date),
            provider: r.provider.to_string(),
            course: r.course.to_string(),
            hours: r.minutes.to_hours_display().to_string(),
            completed: t.t(if r.completed {
                "answer-yes"
            } else {
                "answer-no"
            }),
            status: match r.hold_reason() {
                Some(reason) => t.t(&format!("hold-reason-{}", reason.code())),
                None => t.t("attendance-verified"),
            },
            held: r.hold_reason().is_some(),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "attendance.html")]
struct AttendancePage {
    l: Layout,
    heading: String,
    intro: String,
    back_href: String,
    back_label: String,
    show_provider: bool,
    rows: Vec<AttendanceRow>,
}

async fn provider_attendance_page(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(session): SignedIn,
    Path(number): Path<String>,
) -> Result<Html<String>, WebError> {
    let number = provider_number(&number)?;
    let records = state.providers.attendance(&session.caller, number).await?;
    let t = ctx.t;
    let heading = t.t("attendance-title");
    render(&AttendancePage {
        intro: t.t_args(
            "attendance-provider-intro",
            &[("number", number.to_string().into())],
        ),
        back_href: format!("/providers/{number}"),
        back_label: t.t("attendance-back-provider"),
        show_provider: false,
        rows: attendance_rows(&t, &records),
        l: ctx.layout(&heading),
        heading,
    })
}

async fn vendor_held_page(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(session): SignedIn,
    Path(code): Path<String>,
) -> Result<Html<String>, WebError> {
    let vendor = vendor_code(&code)?;
    let records = state
        .providers
        .held_for_vendor(&session.caller, &vendor, None)
        .await?;
    let t = ctx.t;
    let heading = t.t("held-title");
    render(&AttendancePage {
        intro: t.t_args("held-intro", &[("vendor", vendor.to_string().into())]),
        back_href: "/account".to_owned(),
        back_label: t.t("back-account"),
        show_provider: true,
        rows: attendance_rows(&t, &records),
        l: ctx.layout(&heading),
        heading,
    })
}

/// A session id from a path; a malformed one is simply not found.
pub fn session_id(raw: &str) -> Result<pathways_domain::ids::SessionId, WebError> {
    pathways_domain::ids::SessionId::parse(raw).map_err(|_| WebError::NotFound)
}

#[derive(Debug)]
struct RosterRow {
    provider: String,
    name: String,
    registered_at: String,
    position: String,
}

#[derive(Template)]
#[template(path = "roster.html")]
struct RosterPage {
    l: Layout,
    heading: String,
    intro: String,
    back_href: String,
    csv_href: String,
    seats: String,
    registered: Vec<RosterRow>,
    waitlist: Vec<RosterRow>,
    attendance: Vec<AttendanceRow>,
    notice: Option<String>,
    /// When and why the vendor called the session off.
    called_off: Option<String>,
    /// The form to call the session off, for its vendor's staff before it starts.
    call_off: Option<CallOffForm>,
}

/// The "cancel this session" form on a roster.
struct CallOffForm {
    action: String,
    csrf: String,
    button: String,
    reason: String,
    error: Option<String>,
}

fn roster_rows(
    t: &Translator,
    roster: &pathways_store::SessionRoster,
) -> (Vec<RosterRow>, Vec<RosterRow>) {
    roster
        .registrations
        .iter()
        .map(|r| RosterRow {
            provider: r.provider.to_string(),
            name: format!("{} {}", r.first_name, r.last_name),
            registered_at: pacific_time(t.locale(), r.registered_at),
            position: r
                .waitlist_position
                .map(|p| p.to_string())
                .unwrap_or_default(),
        })
        .partition(|row| row.position.is_empty())
}

async fn roster_page(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(session): SignedIn,
    Path(id): Path<String>,
) -> Result<Html<String>, WebError> {
    let id = session_id(&id)?;
    let notice = ctx
        .current
        .contains("notice=called-off")
        .then(|| ctx.t.t("session-cancelled-notice"));
    roster_view(&state, &ctx, &session.caller, &id, notice, None).await
}

#[derive(Debug, serde::Deserialize)]
struct CallOffInput {
    #[serde(default)]
    reason: String,
}

/// `POST /sessions/{id}/call-off`: the vendor calls the session off; everyone on it is told.
async fn call_off(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(session): SignedIn,
    Path(id): Path<String>,
    crate::session::CsrfForm(input): crate::session::CsrfForm<CallOffInput>,
) -> Result<Response, WebError> {
    use pathways_app::registrations::RegistrationError;
    let id = session_id(&id)?;
    match state
        .registrations
        .call_off(&session.caller, &id, &input.reason)
        .await
    {
        Ok(_) => Ok(super::account::see_other(&format!(
            "/sessions/{id}/roster?notice=called-off"
        ))),
        Err(
            e @ (RegistrationError::ReasonRequired
            | RegistrationError::AlreadyStarted
            | RegistrationError::Busy),
        ) => {
            let problem = (ctx.t.t(&e.message_key()), input.reason);
            let page = roster_view(&state, &ctx, &session.caller, &id, None, Some(problem)).await?;
            Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

/// The roster page; `problem` is a refused call-off's message and the reason as typed.
async fn roster_view(
    state: &AppState,
    ctx: &Ctx,
    caller: &Caller,
    id: &pathways_domain::ids::SessionId,
    notice: Option<String>,
    problem: Option<(String, String)>,
) -> Result<Html<String>, WebError> {
    let roster = state.rosters.roster(caller, id).await?;
    let cancellation = state.registrations.cancellation(id).await?;
    let t = ctx.t;
    let s = &roster.session;
    let place = s.location.clone().unwrap_or_else(|| t.t("session-online"));
    let heading = t.t_args("roster-title", &[("session", id.to_string().into())]);
    let (registered, waitlist) = roster_rows(&t, &roster);
    let seats = match s.capacity {
        Some(capacity) => t.t_args(
            "roster-seats",
            &[
                ("taken", (registered.len() as u64).into()),
                ("capacity", u64::from(capacity).into()),
            ],
        ),
        None => t.t("session-seats-unlimited"),
    };
    let called_off = cancellation.as_ref().map(|c| {
        t.t_args(
            "session-cancelled-on",
            &[
                ("date", pacific_time(t.locale(), c.at).into()),
                ("reason", c.reason.clone().into()),
            ],
        )
    });
    let manages = caller
        .authorize(
            Action::ManageCourses,
            &pathways_domain::access::Owner {
                vendor: Some(roster.vendor.clone()),
                ..Default::default()
            },
        )
        .is_ok();
    let upcoming = s.starts_at > state.registrations.now();
    let call_off = (manages && upcoming && cancellation.is_none()).then(|| {
        let (error, reason) = problem.map_or((None, String::new()), |(e, r)| (Some(e), r));
        CallOffForm {
            action: format!("/sessions/{id}/call-off"),
            csrf: ctx.csrf(),
            button: t.t_args(
                "session-cancel-button",
                &[("count", ((registered.len() + waitlist.len()) as u64).into())],
            ),
            reason,
            error,
        }
    });
    render(&RosterPage {
        notice,
        called_off,
        call_off,
        intro: t.t_args(
            "roster-intro",
            &[
                ("course", s.course.to_string().into()),
                ("starts", format::date_time(t.locale(), s.starts_at).into()),
                ("place", place.into()),
            ],
        ),
        back_href: format!("/courses/{}", s.course),
        csv_href: format!("/sessions/{id}/roster.csv"),
        seats,
        registered,
        waitlist,
        attendance: attendance_rows(&t, &roster.attendance),
        l: ctx.layout(&heading),
        heading,
    })
}

/// `GET /sessions/{id}/roster.csv`: the roster and waitlist for the vendor's own systems.
async fn roster_csv(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let id = session_id(&id)?;
    let roster = state.rosters.roster(&session.caller, &id).await?;
    let mut out = csv::Writer::from_writer(Vec::new());
    let write = |out: &mut csv::Writer<Vec<u8>>, row: &[String]| {
        out.write_record(row).map_err(|_| WebError::Internal)
    };
    write(
        &mut out,
        &[
            "session_id",
            "provider_number",
            "first_name",
            "last_name",
            "status",
            "waitlist_position",
            "registered_at",
        ]
        .map(str::to_owned),
    )?;
    for r in &roster.registrations {
        write(
            &mut out,
            &[
                id.to_string(),
                r.provider.to_string(),
                r.first_name.clone(),
                r.last_name.clone(),
                r.status.code().to_owned(),
                r.waitlist_position
                    .map(|p| p.to_string())
                    .unwrap_or_default(),
                r.registered_at.format(&Rfc3339).unwrap_or_default(),
            ],
        )?;
    }
    let bytes = out.into_inner().map_err(|_| WebError::Internal)?;
    Ok(super::csv_attachment(&format!("roster-{id}.csv"), bytes))
}

/// The audit search form's fields, as typed.
#[derive(Debug, Default, Clone)]
struct AuditForm {
    actor: String,
    record_type: String,
    record_key: String,
    from: String,
    until: String,
    before: String,
}

impl AuditForm {
    fn from_query(query: Option<&str>) -> Self {
        let mut form = Self::default();
        for (name, value) in query_pairs(query) {
            let value = value.trim().to_owned();
            match name.as_str() {
                "actor" => form.actor = value,
                "record_type" => form.record_type = value,
                "record_key" => form.record_key = value,
                "from" => form.from = value,
                "until" => form.until = value,
                "before" => form.before = value,
                _ => {}
            }
        }
        form
    }

    /// The query, or the fields that could not be read (by their Fluent error keys).
    fn query(&self) -> Result<AuditQuery, Vec<(&'static str, &'static str)>> {
        let mut errors = Vec::new();
        let parse_day = |raw: &str, field: &'static str, errors: &mut Vec<_>| {
            if raw.is_empty() {
                return None;
            }
            match Date::parse(
                raw,
                time::macros::format_description!("[year]-[month]-[day]"),
            ) {
                Ok(d) => Some(d),
                Err(_) => {
                    errors.push((field, "audit-error-date"));
                    None
                }
            }
        };
        let actor = if self.actor.is_empty() {
            None
        } else if let Ok(id) = self.actor.parse::<i64>() {
            Some(AccountId(id))
        } else {
            errors.push(("actor", "audit-error-actor"));
            None
        };
        let from = parse_day(&self.from, "from", &mut errors);
        let until = parse_day(&self.until, "until", &mut errors);
        let before_id = self.before.parse::<i64>().ok();
        if !errors.is_empty() {
            return Err(errors);
        }
        // Dates are California days.
        let start_of = |d: Date| {
            let noon = d.with_time(time::macros::time!(12:00)).assume_utc();
            d.with_time(Time::MIDNIGHT)
                .assume_offset(pathways_domain::calendar::pacific_offset(noon))
                .to_offset(time::UtcOffset::UTC)
        };
        Ok(AuditQuery {
            actor,
            record_type: (!self.record_type.is_empty()).then(|| self.record_type.clone()),
            record_key: (!self.record_key.is_empty()).then(|| self.record_key.clone()),
            from: from.map(start_of),
            until: until.and_then(|d| d.next_day()).map(start_of),
            before_id,
            limit: AUDIT_PAGE,
        })
    }

    fn csv_href(&self) -> String {
        let mut pairs = Vec::new();
        for (name, value) in [
            ("actor", &self.actor),
            ("record_type", &self.record_type),
            ("record_key", &self.record_key),
            ("from", &self.from),
            ("until", &self.until),
        ] {
            if !value.is_empty() {
                pairs.push(format!("{name}={}", super::encode_component(value)));
            }
        }
        if pairs.is_empty() {
            "/admin/audit.csv".to_owned()
        } else {
            format!("/admin/audit.csv?{}", pairs.join("&"))
        }
    }
}

#[derive(Debug)]
struct AuditRow {
    id: i64,
    at: String,
    actor: String,
    action: String,
    record: String,
    before: String,
    after: String,
}

#[derive(Debug)]
struct FieldMessage {
    field: &'static str,
    message: String,
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    l: Layout,
    form: AuditForm,
    errors: Vec<FieldMessage>,
    rows: Vec<AuditRow>,
    csv_href: String,
    older_href: Option<String>,
}

impl AuditPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }
}

pub(super) fn pacific_time(locale: Locale, at: OffsetDateTime) -> String {
    let local = at.to_offset(pathways_domain::calendar::pacific_offset(at));
    format::date_time(
        locale,
        time::PrimitiveDateTime::new(local.date(), local.time()),
    )
}

async fn audit_page(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(session): SignedIn,
    RawQuery(query): RawQuery,
) -> Result<Response, WebError> {
    require(&session.caller, Action::ViewAudit)?;
    let form = AuditForm::from_query(query.as_deref());
    let t = ctx.t;
    let (rows, errors, older_href) = match form.query() {
        Ok(q) => {
            let records = state.audit.search(&session.caller, &q).await?;
            let older = (records.len() == q.limit as usize)
                .then(|| records.last().map(|r| r.id))
                .flatten()
                .map(|id| {
                    let base = form
                        .csv_href()
                        .replacen("/admin/audit.csv", "/admin/audit", 1);
                    let sep = if base.contains('?') { '&' } else { '?' };
                    format!("{base}{sep}before={id}")
                });
            let rows = records
                .into_iter()
                .map(|r| AuditRow {
                    id: r.id,
                    at: pacific_time(t.locale(), r.entry.at),
                    actor: r.entry.actor.label,
                    action: r.entry.action,
                    record: format!("{} {}", r.entry.record_type, r.entry.record_key),
                    before: r.entry.before.map(|v| v.to_string()).unwrap_or_default(),
                    after: r.entry.after.map(|v| v.to_string()).unwrap_or_default(),
                })
                .collect();
            (rows, Vec::new(), older)
        }
        Err(errors) => (
            Vec::new(),
            errors
                .into_iter()
                .map(|(field, key)| FieldMessage {
                    field,
                    message: t.t(key),
                })
                .collect(),
            None,
        ),
    };
    let status = if errors.is_empty() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::BAD_REQUEST
    };
    let title = t.t("audit-title");
    let page = AuditPage {
        l: ctx.layout(&title),
        csv_href: form.csv_href(),
        form,
        errors,
        rows,
        older_href,
    };
    Ok((status, render(&page)?).into_response())
}

async fn audit_csv(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    RawQuery(query): RawQuery,
) -> Result<Response, WebError> {
    require(&session.caller, Action::ViewAudit)?;
    let form = AuditForm::from_query(query.as_deref());
    let query = form.query().map_err(|_| WebError::BadForm)?;
    let bytes = state.audit.export_csv(&session.caller, &query).await?;
    let stamp = OffsetDateTime::now_utc()
        .format(&Rfc3339)
        .unwrap_or_default()
        .replace(':', "");
    Ok(super::csv_attachment(
        &format!("pathways-audit-{stamp}.csv"),
        bytes,
    ))
}

/// Refuses a role that never performs `action` before any work is done.
pub fn require(caller: &Caller, action: Action) -> Result<(), WebError> {
    if caller.may(action) {
        Ok(())
    } else {
        Err(WebError::Forbidden)
    }
}

#[cfg(test)]
mod tests {
    use pathways_domain::attendance::HoldReason;

    use super::*;

    #[test]
    fn every_hold_reason_has_a_message_in_every_language() {
        for locale in Locale::ALL {
            let t = Translator::new(locale);
            for reason in HoldReason::ALL {
                let key = format!("hold-reason-{}", reason.code());
                assert!(t.try_t(&key).is_some(), "{} lacks {key}", locale.tag());
            }
        }
    }

    #[test]
    fn audit_dates_are_california_days() {
        let form = AuditForm {
            from: "2026-07-01".into(),
            until: "2026-07-01".into(),
            ..AuditForm::default()
        };
        let q = form.query().unwrap();
        // Midnight in California in July is 07:00 UTC (daylight time).
        assert_eq!(q.from.unwrap().hour(), 7);
        assert_eq!(q.until.unwrap() - q.from.unwrap(), time::Duration::days(1));
        let bad = AuditForm {
            from: "1 July".into(),
            actor: "ana".into(),
            ..AuditForm::default()
        };
        assert_eq!(bad.query().unwrap_err().len(), 2);
    }
}

//! `GET /api/v1/providers/{number}/progress`: the same [`ProgressView`] as the progress page,
//! as JSON. Hours are decimal strings with two places and money is decimal dollars, so no
//! client rounds a float.

use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Json, Router};
use pathways_app::progress::{CourseLine, MonthView, ProgressView, Reach, Suggestion, Why};
use pathways_domain::error::format_date;
use pathways_domain::quantity::Minutes;
use serde::Serialize;

use crate::AppState;
use crate::error::WebError;
use crate::pages::staff::provider_number;
use crate::session::ApiCaller;

pub fn router() -> Router<AppState> {
    Router::new().route("/providers/{number}/progress", get(progress))
}

fn hours(minutes: Minutes) -> String {
    format!("{:.2}", minutes.to_hours_display())
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ProgressDto {
    pub provider_number: String,
    /// The day the progress is worked out for (ISO 8601).
    pub as_of: String,
    /// One entry per pathway, in the program table's order.
    pub pathways: Vec<PathwayProgressDto>,
    pub earned: Vec<EarnedDto>,
    /// Incentives not earned yet and how far away each is, closest pathways first.
    pub within_reach: Vec<ReachDto>,
    pub pathway_incentives_earned: u32,
    /// The most pathway incentives one provider can earn (policy in effect on `as_of`).
    pub pathway_incentives_max: u32,
    /// Specialized-care months judged so far.
    pub specialized_months: Vec<MonthDto>,
    /// Attendance that does not count, with the hold reason code.
    pub held: Vec<HeldDto>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct PathwayProgressDto {
    /// `GHS`, `AED`, `CIB`, `CPC` or `THC`.
    pub pathway: &'static str,
    /// Counted hours, two places (`"11.50"`).
    pub counted_hours: String,
    pub counted_minutes: u32,
    /// Verified hours in courses not completed yet.
    pub awaiting_hours: String,
    pub goal_hours: String,
    pub hours_to_go: String,
    /// The date the pathway was completed (its incentive qualified), if it was.
    pub completed_on: Option<String>,
    pub policy_version: Option<String>,
    /// Dates the hours were reached while the provider was not eligible.
    pub not_eligible_on: Vec<String>,
    pub courses: Vec<CourseProgressDto>,
    /// Upcoming classes with seats of courses not completed yet, when the pathway is not.
    pub suggested_sessions: Vec<SuggestedSessionDto>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CourseProgressDto {
    pub course_number: String,
    pub title: Option<String>,
    pub counted_hours: String,
    pub reported_hours: String,
    pub completed_on: Option<String>,
    /// Some minutes did not count: the course gives no more than its credit hours.
    pub capped: bool,
}

impl From<&CourseLine> for CourseProgressDto {
    fn from(c: &CourseLine) -> Self {
        Self {
            course_number: c.number.to_string(),
            title: c.title.clone(),
            counted_hours: hours(c.counted),
            reported_hours: hours(c.reported),
            completed_on: c.completed_on.map(format_date),
            capped: c.capped,
        }
    }
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct SuggestedSessionDto {
    pub course_number: String,
    pub title: String,
    pub credit_hours: String,
    /// The course's credit hours are enough to complete the pathway.
    pub completes_pathway: bool,
    /// The course is taught in the provider's language.
    pub in_provider_language: bool,
    pub languages: Vec<String>,
    pub session_id: String,
    /// Local program time (Pacific), ISO 8601 without offset.
    pub starts_at: String,
    /// `null`: online.
    pub location: Option<String>,
    /// `null`: no seat limit.
    pub seats_left: Option<u32>,
}

impl From<&Suggestion> for SuggestedSessionDto {
    fn from(s: &Suggestion) -> Self {
        Self {
            course_number: s.course.to_string(),
            title: s.title.clone(),
            credit_hours: s.credit.to_string(),
            completes_pathway: s.completes,
            in_provider_language: s.in_your_language,
            languages: s.languages.clone(),
            session_id: s.session.to_string(),
            starts_at: format!(
                "{}T{:02}:{:02}:00",
                format_date(s.starts_at.date()),
                s.starts_at.hour(),
                s.starts_at.minute()
            ),
            location: s.location.clone(),
            seats_left: s.seats_left,
        }
    }
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct EarnedDto {
    /// `pathway`, `specialized-1-month` or `specialized-6-months`.
    pub kind: &'static str,
    /// The pathway; for the specialized kinds, the Category 2 pathway completed first.
    pub pathway: &'static str,
    pub qualified_on: String,
    /// Decimal dollars (`"500.00"`).
    pub amount: String,
    pub policy_version: String,
    pub claimed: bool,
    pub why: WhyDto,
    /// Why, in plain English: only for staff.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explanation: Option<String>,
}

/// The facts an incentive was decided from.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct WhyDto {
    /// Counted hours in the pathway on the qualification date (pathway incentives).
    pub counted_hours: Option<String>,
    /// The goal: pathway hours, or work hours per month.
    pub goal_hours: String,
    /// The completed courses that counted (pathway incentives).
    pub courses: Vec<CourseProgressDto>,
    /// The months that counted (specialized incentives).
    pub months: Vec<MonthDto>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct MonthDto {
    /// The month's first day.
    pub month: String,
    /// Work hours for recipients whose needs match a completed Category 2 pathway.
    pub matching_hours: String,
    pub goal_hours: String,
    pub counts: bool,
}

impl From<&MonthView> for MonthDto {
    fn from(m: &MonthView) -> Self {
        Self {
            month: format_date(m.month),
            matching_hours: m.matching.to_string(),
            goal_hours: m.goal.to_string(),
            counts: m.counts,
        }
    }
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ReachDto {
    pub kind: &'static str,
    /// For a pathway incentive: the pathway still to complete.
    pub pathway: Option<&'static str>,
    pub amount: String,
    /// For a pathway incentive: counted hours still needed.
    pub hours_to_go: Option<String>,
    /// For a specialized incentive: a Category 2 pathway must be completed first.
    pub needs_specialized_pathway: bool,
    /// For a specialized incentive: months in a row so far, and needed.
    pub months_so_far: Option<u32>,
    pub months_needed: Option<u32>,
    /// Work hours per month for recipients with matching needs.
    pub monthly_hours: Option<String>,
}

impl From<&Reach> for ReachDto {
    fn from(r: &Reach) -> Self {
        match r {
            Reach::Pathway {
                pathway,
                to_go,
                amount,
            } => Self {
                kind: "pathway",
                pathway: Some(pathway.code()),
                amount: amount.to_string(),
                hours_to_go: Some(hours(*to_go)),
                needs_specialized_pathway: false,
                months_so_far: None,
                months_needed: None,
                monthly_hours: None,
            },
            Reach::SpecializedNeedsPathway { kind, amount } => Self {
                kind: kind.code(),
                pathway: None,
                amount: amount.to_string(),
                hours_to_go: None,
                needs_specialized_pathway: true,
                months_so_far: None,
                months_needed: None,
                monthly_hours: None,
            },
            Reach::SpecializedMonths {
                kind,
                amount,
                months_so_far,
                months_needed,
                hours,
            } => Self {
                kind: kind.code(),
                pathway: None,
                amount: amount.to_string(),
                hours_to_go: None,
                needs_specialized_pathway: false,
                months_so_far: Some(*months_so_far),
                months_needed: Some(*months_needed),
                monthly_hours: Some(hours.to_string()),
            },
        }
    }
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct HeldDto {
    pub course_number: String,
    pub date: String,
    pub minutes: u32,
    /// The hold reason code, such as `provider-not-eligible`.
    pub reason: &'static str,
    pub pathway: Option<&'static str>,
}

impl From<&ProgressView> for ProgressDto {
    fn from(v: &ProgressView) -> Self {
        Self {
            provider_number: v.provider.to_string(),
            as_of: format_date(v.as_of),
            pathways: v
                .pathways
                .iter()
                .map(|p| PathwayProgressDto {
                    pathway: p.pathway.code(),
                    counted_hours: hours(p.counted),
                    counted_minutes: p.counted.0,
                    awaiting_hours: hours(p.awaiting),
                    goal_hours: p.goal.to_string(),
                    hours_to_go: hours(p.to_go),
                    completed_on: p.qualified.as_ref().map(|(on, _)| format_date(*on)),
                    policy_version: p.qualified.as_ref().map(|(_, v)| v.clone()),
                    not_eligible_on: p.not_eligible_on.iter().map(|d| format_date(*d)).collect(),
                    courses: p.courses.iter().map(CourseProgressDto::from).collect(),
                    suggested_sessions: p
                        .suggestions
                        .iter()
                        .map(SuggestedSessionDto::from)
                        .collect(),
                })
                .collect(),
            earned: v
                .earned
                .iter()
                .map(|e| EarnedDto {
                    kind: e.kind.code(),
                    pathway: e.pathway.code(),
                    qualified_on: format_date(e.qualified_on),
                    amount: e.amount.to_string(),
                    policy_version: e.policy_version.clone(),
                    claimed: e.claimed,
                    why: match &e.why {
                        Why::Pathway {
                            counted,
                            goal,
                            courses,
                        } => WhyDto {
                            counted_hours: Some(hours(*counted)),
                            goal_hours: goal.to_string(),
                            courses: courses.iter().map(CourseProgressDto::from).collect(),
                            months: Vec::new(),
                        },
                        Why::Specialized { months, goal } => WhyDto {
                            counted_hours: None,
                            goal_hours: goal.to_string(),
                            courses: Vec::new(),
                            months: months.iter().map(MonthDto::from).collect(),
                        },
                    },
                    explanation: e.explanation.clone(),
                })
                .collect(),
            within_reach: v.within_reach.iter().map(ReachDto::from).collect(),
            pathway_incentives_earned: v.pathway_incentives.0,
            pathway_incentives_max: v.pathway_incentives.1,
            specialized_months: v.months.iter().map(MonthDto::from).collect(),
            held: v
                .held
                .iter()
                .map(|h| HeldDto {
                    course_number: h.record.course.to_string(),
                    date: format_date(h.record.date),
                    minutes: h.record.minutes.0,
                    reason: h.record.reason.code(),
                    pathway: h.pathway.map(|p| p.code()),
                })
                .collect(),
        }
    }
}

/// A provider's progress toward the incentives, for the provider or staff who may view them.
#[utoipa::path(get, path = "/api/v1/providers/{number}/progress", tag = "providers",
    params(("number" = String, Path, description = "The 9-digit provider number")),
    responses((status = 200, body = ProgressDto), (status = 401, body = crate::error::ApiErrorBody), (status = 403, body = crate::error::ApiErrorBody),
        (status = 404, description = "No such provider, or not one the caller may see", body = crate::error::ApiErrorBody)),
    security(("session" = []), ("token" = [])))]
pub(super) async fn progress(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(number): Path<String>,
) -> Result<Json<ProgressDto>, WebError> {
    let number = provider_number(&number)?;
    let view = state.progress.view(&caller, number, state.today()).await?;
    Ok(Json(ProgressDto::from(&view)))
}

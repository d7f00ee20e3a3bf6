//! A provider's progress page: hours per pathway with a bar toward the goal, incentives earned
//! and why, what is within reach, and upcoming classes that would help. The provider sees their
//! own at `/progress`; staff who may view the provider see the same at
//! `/providers/{number}/progress`. Every sentence is rendered here from the structured facts of
//! [`ProgressView`], in the reader's language.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use pathways_app::progress::{
    CourseLine, EarnedView, PathwayView, ProgressError, ProgressView, Reach, Why,
};
use pathways_domain::access::{Action, Actor};
use pathways_domain::incentive::IncentiveKind;
use pathways_domain::quantity::Minutes;

use super::staff::{provider_number, require};
use super::{Ctx, Layout, render};
use crate::AppState;
use crate::error::WebError;
use crate::format;
use crate::i18n::{Translator, language_name, pathway_key};
use crate::session::SignedIn;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/progress", get(own_progress))
        .route("/providers/{number}/progress", get(progress_page))
}

impl From<ProgressError> for WebError {
    fn from(error: ProgressError) -> Self {
        match error {
            ProgressError::NotFound => Self::NotFound,
            ProgressError::Access(access) => access.into(),
            ProgressError::Store(store) => Self::Store(store),
        }
    }
}

/// `GET /progress`: a provider's own progress; staff are sent to find a provider first.
async fn own_progress(SignedIn(session): SignedIn) -> Result<Response, WebError> {
    require(&session.caller, Action::ViewProvider)?;
    match &session.caller.actor {
        Actor::Provider { provider } => {
            Ok(Redirect::to(&format!("/providers/{provider}/progress")).into_response())
        }
        _ => Ok(Redirect::to("/providers").into_response()),
    }
}

/// One pathway as the page shows it.
#[derive(Debug)]
struct PathwayBlock {
    id: String,
    name: String,
    /// "11.50 of 15.00 hours", also the bar's text.
    of_goal: String,
    /// The bar's value and maximum, in minutes.
    value: u32,
    max: u32,
    /// "Done on …" or "3.50 hours to go".
    status: String,
    done: bool,
    awaiting: Option<String>,
    not_eligible: Vec<String>,
    courses: Vec<String>,
    suggestions: Vec<SuggestionItem>,
    /// When nothing upcoming was found: a link to the catalog for this pathway.
    catalog_href: String,
    more_text: String,
}

#[derive(Debug)]
struct SuggestionItem {
    href: String,
    title: String,
    facts: Vec<String>,
    completes: bool,
}

#[derive(Debug)]
struct EarnedItem {
    title: String,
    date: String,
    status: String,
    claimed: bool,
    policy: String,
    why: Vec<String>,
    explanation: Option<String>,
}

#[derive(Debug)]
struct HeldItem {
    date: String,
    course: String,
    hours: String,
    reason: String,
}

#[derive(Template)]
#[template(path = "progress.html")]
struct ProgressPage {
    l: Layout,
    caption: String,
    heading: String,
    intro: String,
    for_staff: bool,
    back_href: String,
    earned: Vec<EarnedItem>,
    reach: Vec<String>,
    max_note: Option<String>,
    pathways: Vec<PathwayBlock>,
    months: Vec<String>,
    held: Vec<HeldItem>,
}

async fn progress_page(
    State(state): State<AppState>,
    ctx: Ctx,
    SignedIn(session): SignedIn,
    Path(number): Path<String>,
) -> Result<Html<String>, WebError> {
    let number = provider_number(&number)?;
    let view = state
        .progress
        .view(&session.caller, number, state.today())
        .await?;
    render(&page(&ctx, &view))
}

fn page(ctx: &Ctx, view: &ProgressView) -> ProgressPage {
    let t = ctx.t;
    let name = format!("{} {}", view.first_name, view.last_name);
    let (heading, caption) = if view.for_staff {
        (
            t.t_args("progress-title-staff", &[("name", name.clone().into())]),
            t.t_args(
                "progress-caption-staff",
                &[("number", view.provider.to_string().into())],
            ),
        )
    } else {
        (t.t("progress-title"), t.t("progress-caption"))
    };
    let (earned_count, max) = view.pathway_incentives;
    let max_note = (max > 0 && earned_count >= max)
        .then(|| t.t_args("progress-max-reached", &[("count", u64::from(max).into())]));
    ProgressPage {
        caption,
        intro: t.t_args(
            "progress-intro",
            &[
                (
                    "hours",
                    view.pathways
                        .first()
                        .map(|p| format::hours(t.locale(), p.goal))
                        .unwrap_or_default()
                        .into(),
                ),
                ("date", format::date(t.locale(), view.as_of).into()),
            ],
        ),
        for_staff: view.for_staff,
        back_href: format!("/providers/{}", view.provider),
        earned: view.earned.iter().map(|e| earned_item(t, e)).collect(),
        reach: view.within_reach.iter().map(|r| reach_text(t, r)).collect(),
        max_note,
        pathways: view.pathways.iter().map(|p| pathway_block(t, p)).collect(),
        months: view
            .months
            .iter()
            .map(|m| {
                t.t_args(
                    if m.counts {
                        "progress-month-counts"
                    } else {
                        "progress-month-not-counted"
                    },
                    &[
                        ("month", format::month(t.locale(), m.month).into()),
                        ("hours", format::hours(t.locale(), m.matching).into()),
                        ("goal", format::hours(t.locale(), m.goal).into()),
                    ],
                )
            })
            .collect(),
        held: view
            .held
            .iter()
            .map(|h| HeldItem {
                date: format::date(t.locale(), h.record.date),
                course: h.record.course.to_string(),
                hours: t.t_args(
                    "progress-held-hours",
                    &[(
                        "hours",
                        format::hours_2(t.locale(), h.record.minutes).into(),
                    )],
                ),
                reason: t.t(&format!("hold-reason-{}", h.record.reason.code())),
            })
            .collect(),
        l: ctx.layout(&heading),
        heading,
    }
}

fn pathway_name(t: Translator, pathway: pathways_domain::pathway::Pathway) -> String {
    t.t(&pathway_key(pathway))
}

pub(super) fn kind_title(t: Translator, kind: IncentiveKind, pathway: &str) -> String {
    match kind {
        IncentiveKind::Pathway => t.t_args("progress-kind-pathway", &[("pathway", pathway.into())]),
        IncentiveKind::SpecializedOneMonth => t.t("progress-kind-specialized-1-month"),
        IncentiveKind::SpecializedSixMonths => t.t("progress-kind-specialized-6-months"),
    }
}

fn course_name(line: &CourseLine) -> String {
    match &line.title {
        Some(title) => format!("{title} ({})", line.number),
        None => line.number.to_string(),
    }
}

fn earned_item(t: Translator, e: &EarnedView) -> EarnedItem {
    let locale = t.locale();
    let pathway = pathway_name(t, e.pathway);
    let why = match &e.why {
        Why::Pathway {
            counted,
            goal,
            courses,
        } => {
            let mut lines = vec![t.t_args(
                "progress-why-pathway",
                &[
                    ("hours", format::hours_2(locale, *counted).into()),
                    ("goal", format::hours(locale, *goal).into()),
                    ("pathway", pathway.clone().into()),
                ],
            )];
            lines.extend(courses.iter().map(|c| {
                t.t_args(
                    "progress-why-course",
                    &[
                        ("course", course_name(c).into()),
                        ("hours", format::hours_2(locale, c.counted).into()),
                        (
                            "date",
                            c.completed_on
                                .map(|d| format::date(locale, d))
                                .unwrap_or_default()
                                .into(),
                        ),
                    ],
                )
            }));
            lines
        }
        Why::Specialized { months, goal } => {
            let mut lines = vec![t.t_args(
                "progress-why-specialized",
                &[
                    ("goal", format::hours(locale, *goal).into()),
                    ("count", (months.len() as u64).into()),
                ],
            )];
            lines.extend(months.iter().map(|m| {
                t.t_args(
                    "progress-month-counts",
                    &[
                        ("month", format::month(locale, m.month).into()),
                        ("hours", format::hours(locale, m.matching).into()),
                        ("goal", format::hours(locale, m.goal).into()),
                    ],
                )
            }));
            lines
        }
    };
    EarnedItem {
        title: t.t_args(
            "progress-earned-title",
            &[
                ("amount", format::money(locale, e.amount).into()),
                ("what", kind_title(t, e.kind, &pathway).into()),
            ],
        ),
        date: t.t_args(
            "progress-earned-on",
            &[("date", format::date(locale, e.qualified_on).into())],
        ),
        status: t.t(if e.claimed {
            "progress-claimed"
        } else {
            "progress-not-claimed"
        }),
        claimed: e.claimed,
        policy: t.t_args(
            "progress-policy",
            &[("version", e.policy_version.clone().into())],
        ),
        why,
        explanation: e.explanation.clone(),
    }
}

fn reach_text(t: Translator, r: &Reach) -> String {
    let locale = t.locale();
    match r {
        Reach::Pathway {
            pathway,
            to_go,
            amount,
        } => t.t_args(
            "progress-reach-pathway",
            &[
                ("hours", format::hours_2(locale, *to_go).into()),
                ("pathway", pathway_name(t, *pathway).into()),
                ("amount", format::money(locale, *amount).into()),
            ],
        ),
        Reach::SpecializedNeedsPathway { kind, amount } => t.t_args(
            "progress-reach-specialized-first",
            &[
                ("what", kind_title(t, *kind, "").into()),
                ("amount", format::money(locale, *amount).into()),
            ],
        ),
        Reach::SpecializedMonths {
            kind,
            amount,
            months_so_far,
            months_needed,
            hours,
        } => t.t_args(
            "progress-reach-specialized-months",
            &[
                ("what", kind_title(t, *kind, "").into()),
                ("amount", format::money(locale, *amount).into()),
                ("count", u64::from(*months_so_far).into()),
                ("needed", u64::from(*months_needed).into()),
                ("hours", format::hours(locale, *hours).into()),
            ],
        ),
    }
}

fn pathway_block(t: Translator, p: &PathwayView) -> PathwayBlock {
    let locale = t.locale();
    let goal_minutes = u32::try_from(u64::from(p.goal.hundredths()) * 60 / 100).unwrap_or(0);
    let of_goal = t.t_args(
        "progress-of-goal",
        &[
            ("hours", format::hours_2(locale, p.counted).into()),
            ("goal", format::hours_2_of(locale, p.goal).into()),
        ],
    );
    let (status, done) = match &p.qualified {
        Some((on, _)) => (
            t.t_args(
                "progress-pathway-done",
                &[("date", format::date(locale, *on).into())],
            ),
            true,
        ),
        None => (
            t.t_args(
                "progress-to-go",
                &[
                    ("hours", format::hours_2(locale, p.to_go).into()),
                    ("pathway", pathway_name(t, p.pathway).into()),
                ],
            ),
            false,
        ),
    };
    let courses = p
        .courses
        .iter()
        .map(|c| match c.completed_on {
            Some(on) => t.t_args(
                if c.capped {
                    "progress-course-done-capped"
                } else {
                    "progress-course-done"
                },
                &[
                    ("course", course_name(c).into()),
                    ("hours", format::hours_2(locale, c.counted).into()),
                    ("date", format::date(locale, on).into()),
                ],
            ),
            None => t.t_args(
                "progress-course-going",
                &[
                    ("course", course_name(c).into()),
                    ("hours", format::hours_2(locale, c.reported).into()),
                ],
            ),
        })
        .collect();
    let suggestions = p
        .suggestions
        .iter()
        .map(|s| {
            let mut facts = vec![
                format::date_time(locale, s.starts_at),
                s.location.clone().unwrap_or_else(|| t.t("session-online")),
                match s.seats_left {
                    Some(n) => t.t_args(
                        "progress-seats-left",
                        &[
                            ("count", u64::from(n).into()),
                            ("shown", format::count(locale, u64::from(n)).into()),
                        ],
                    ),
                    None => t.t("progress-seats-open"),
                },
                t.t_args(
                    "course-hours-value",
                    &[
                        ("count", format::hours_value(s.credit).into()),
                        ("hours", format::hours(locale, s.credit).into()),
                    ],
                ),
            ];
            let languages: Vec<String> = s
                .languages
                .iter()
                .map(|tag| language_name(&t, tag))
                .collect();
            facts.push(languages.join(", "));
            SuggestionItem {
                href: format!("/courses/{}", s.course),
                title: s.title.clone(),
                facts,
                completes: s.completes,
            }
        })
        .collect();
    PathwayBlock {
        id: format!("pathway-{}", p.pathway.code()),
        name: pathway_name(t, p.pathway),
        value: p.counted.0.min(goal_minutes),
        max: goal_minutes.max(1),
        of_goal,
        status,
        done,
        awaiting: (p.awaiting > Minutes(0)).then(|| {
            t.t_args(
                "progress-awaiting",
                &[("hours", format::hours_2(locale, p.awaiting).into())],
            )
        }),
        not_eligible: p
            .not_eligible_on
            .iter()
            .map(|d| {
                t.t_args(
                    "progress-not-eligible",
                    &[("date", format::date(locale, *d).into())],
                )
            })
            .collect(),
        courses,
        suggestions,
        catalog_href: format!("/courses?pathway={}", p.pathway.code()),
        more_text: t.t_args(
            "progress-classes-more",
            &[("pathway", pathway_name(t, p.pathway).into())],
        ),
    }
}

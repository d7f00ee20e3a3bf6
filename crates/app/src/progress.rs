//! A provider's progress toward the incentives (DOMAIN.md §6), as one plain [`ProgressView`]
//! that the progress page and the JSON API both show: hours per pathway, incentives earned and
//! why, what is within reach and how far away, and upcoming classes that would get them there.
//!
//! The rules are the domain's and the facts come from [`Incentives::provider_unchecked`]; this
//! service decides who may look (the provider themself, their county's staff, the service desk,
//! the program) and adds what only the store knows: course titles and upcoming sessions.

use std::collections::HashSet;
use std::sync::Arc;

use pathways_domain::access::{Action, Actor, Owner};
use pathways_domain::ids::{CountyCode, CourseNumber, ProviderNumber, SessionId};
use pathways_domain::incentive::{
    Earned, HeldRecord, IncentiveKind, RecordUse, Setback, SpecializedMonth,
};
use pathways_domain::pathway::{Category, Modality, Pathway};
use pathways_domain::quantity::{Hours, Minutes, Money};
use pathways_store::{CatalogFilter, CatalogSort, Store, StoreError};
use time::{Date, PrimitiveDateTime};

use crate::access::{AccessError, Caller};
use crate::catalog::Catalog;
use crate::incentives::{IncentiveError, Incentives, ProviderIncentives};

/// Most classes suggested per pathway: a handful a person can read on a phone.
pub const SUGGESTIONS_PER_PATHWAY: usize = 3;

/// Catalog courses looked at per pathway to find the suggestions.
const CANDIDATES: u32 = 30;

#[derive(Debug, thiserror::Error)]
pub enum ProgressError {
    /// No such provider, or one the caller may not see: the two look the same.
    #[error("no such provider")]
    NotFound,
    #[error(transparent)]
    Access(#[from] AccessError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<IncentiveError> for ProgressError {
    fn from(error: IncentiveError) -> Self {
        match error {
            // The providers file has the contact but no enrollment: nothing to show.
            IncentiveError::UnknownProvider(_) | IncentiveError::NotEarned { .. } => Self::NotFound,
            IncentiveError::Access(access) => Self::Access(access),
            IncentiveError::Store(store) => Self::Store(store),
        }
    }
}

/// Everything the progress page shows, as data; the page and the API render it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgressView {
    pub provider: ProviderNumber,
    pub first_name: String,
    pub last_name: String,
    pub county: CountyCode,
    /// The provider's language, a BCP 47 tag as the providers file has it.
    pub language: String,
    pub as_of: Date,
    /// Someone other than the provider is looking (staff see the English explanations).
    pub for_staff: bool,
    /// One per pathway, in the program table's order.
    pub pathways: Vec<PathwayView>,
    /// Incentives earned, by date.
    pub earned: Vec<EarnedView>,
    /// Incentives not earned yet, and how far away each is.
    pub within_reach: Vec<Reach>,
    /// Pathway incentives earned and the most one provider can earn (policy in effect today).
    pub pathway_incentives: (u32, u32),
    /// Specialized-care months judged so far (after a Category 2 pathway was completed).
    pub months: Vec<MonthView>,
    /// Attendance that does not count, with the reason.
    pub held: Vec<HeldView>,
}

/// Hours in one pathway.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathwayView {
    pub pathway: Pathway,
    /// Counted from completed courses.
    pub counted: Minutes,
    /// Verified, in courses not completed yet.
    pub awaiting: Minutes,
    pub goal: Hours,
    /// Minutes still needed to reach the goal (zero once reached).
    pub to_go: Minutes,
    /// The date the pathway was completed and the policy version then.
    pub qualified: Option<(Date, String)>,
    /// Dates the hours were reached while the provider was not eligible.
    pub not_eligible_on: Vec<Date>,
    /// Courses with verified attendance in this pathway.
    pub courses: Vec<CourseLine>,
    /// Upcoming classes that would help, when the pathway is not completed.
    pub suggestions: Vec<Suggestion>,
}

/// A course the provider has verified attendance in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CourseLine {
    pub number: CourseNumber,
    pub title: Option<String>,
    /// Minutes that count (zero until completed).
    pub counted: Minutes,
    /// Minutes reported, before the cap.
    pub reported: Minutes,
    pub completed_on: Option<Date>,
    /// Some minutes did not count because the course gives no more than its credit hours.
    pub capped: bool,
}

/// An upcoming class of a course the provider has not completed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub course: CourseNumber,
    pub title: String,
    pub credit: Hours,
    /// Its credit hours are enough to complete the pathway on their own.
    pub completes: bool,
    /// The course is taught in the provider's language.
    pub in_your_language: bool,
    pub languages: Vec<String>,
    pub session: SessionId,
    pub starts_at: PrimitiveDateTime,
    /// `None`: online.
    pub location: Option<String>,
    /// `None`: no seat limit.
    pub seats_left: Option<u32>,
}

/// An incentive earned, with why in structured facts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EarnedView {
    pub kind: IncentiveKind,
    pub pathway: Pathway,
    pub qualified_on: Date,
    pub amount: Money,
    pub policy_version: String,
    pub claimed: bool,
    pub why: Why,
    /// The English explanation, only for staff.
    pub explanation: Option<String>,
}

/// Why an incentive was earned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    /// Counted hours reached the goal with these completed courses.
    Pathway {
        counted: Minutes,
        goal: Hours,
        courses: Vec<CourseLine>,
    },
    /// Enough work hours for recipients with matching needs in these months.
    Specialized {
        /// The months that counted, up to the qualification.
        months: Vec<MonthView>,
        goal: Hours,
    },
}

/// A specialized-care month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthView {
    /// The month's first day.
    pub month: Date,
    pub matching: Hours,
    pub goal: Hours,
    pub counts: bool,
}

impl From<&SpecializedMonth> for MonthView {
    fn from(m: &SpecializedMonth) -> Self {
        Self {
            month: m.month,
            matching: m.matching,
            goal: m.goal,
            counts: m.counts(),
        }
    }
}

/// An incentive not earned yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reach {
    /// Complete a pathway: `to_go` more counted minutes in it.
    Pathway {
        pathway: Pathway,
        to_go: Minutes,
        amount: Money,
    },
    /// Complete a Category 2 pathway first, then work the months.
    SpecializedNeedsPathway { kind: IncentiveKind, amount: Money },
    /// Work `months_needed` months in a row (so far `months_so_far`) of `hours` each for
    /// recipients whose needs match a completed Category 2 pathway.
    SpecializedMonths {
        kind: IncentiveKind,
        amount: Money,
        months_so_far: u32,
        months_needed: u32,
        hours: Hours,
    },
}

/// An attendance record that does not count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldView {
    pub record: HeldRecord,
    pub pathway: Option<Pathway>,
}

/// Builds [`ProgressView`]s.
#[derive(Debug, Clone)]
pub struct Progress {
    store: Arc<dyn Store>,
    incentives: Incentives,
    catalog: Catalog,
}

impl Progress {
    /// `catalog` is the site's own, so suggestions share its kept answers.
    pub fn new(store: Arc<dyn Store>, catalog: Catalog) -> Self {
        Self {
            incentives: Incentives::new(store.clone()),
            store,
            catalog,
        }
    }

    /// The provider's progress as of `today`, for the provider themself or staff who may view
    /// them. A provider out of the caller's scope reads as not found.
    pub async fn view(
        &self,
        caller: &Caller,
        provider: ProviderNumber,
        today: Date,
    ) -> Result<ProgressView, ProgressError> {
        // The role check comes first, so a role that never does this learns nothing about
        // which numbers exist.
        if !caller.may(Action::ViewProvider) {
            caller.authorize(Action::ViewProvider, &Owner::default())?;
        }
        let contact = self
            .store
            .provider_contact(provider)
            .await?
            .ok_or(ProgressError::NotFound)?;
        let owner = Owner {
            provider: Some(provider),
            county: Some(contact.county),
            vendor: None,
            assigned: crate::coach_desk::coach_assigned(self.store.as_ref(), caller, provider)
                .await?,
        };
        caller
            .authorize(Action::ViewProvider, &owner)
            .map_err(|_| ProgressError::NotFound)?;
        let for_staff = !matches!(caller.actor, Actor::Provider { .. });
        let facts = self.incentives.provider_unchecked(provider, today).await?;
        let policies = self.incentives.policy_book().await?;
        let policy = policies.in_effect_on(today).cloned();

        let mut view = ProgressView {
            provider,
            first_name: contact.first_name,
            last_name: contact.last_name,
            county: contact.county,
            language: contact.language,
            as_of: today,
            for_staff,
            pathways: Vec::new(),
            earned: Vec::new(),
            within_reach: Vec::new(),
            pathway_incentives: (0, 0),
            months: facts
                .evaluation
                .months
                .iter()
                .map(MonthView::from)
                .collect(),
            held: held_views(&facts),
        };
        let titles = self.titles(&facts).await?;
        view.pathways = pathway_views(&facts, &titles);
        view.earned = earned_views(&facts, &titles, for_staff);
        let earned_pathways = facts
            .evaluation
            .earned
            .iter()
            .filter(|e| e.kind == IncentiveKind::Pathway)
            .count();
        let max = policy.as_ref().map_or(0, |p| p.pathway_incentive_max_count);
        view.pathway_incentives = (u32::try_from(earned_pathways).unwrap_or(u32::MAX), max);
        if let Some(policy) = &policy {
            view.within_reach = within_reach(&facts, &view, policy);
        }
        let completed: HashSet<&CourseNumber> = view
            .pathways
            .iter()
            .flat_map(|p| &p.courses)
            .filter(|c| c.completed_on.is_some())
            .map(|c| &c.number)
            .collect();
        let mut suggestions = Vec::new();
        for p in &view.pathways {
            suggestions.push(if p.qualified.is_none() {
                self.suggestions(p, &completed, &view.language, today)
                    .await?
            } else {
                Vec::new()
            });
        }
        for (p, s) in view.pathways.iter_mut().zip(suggestions) {
            p.suggestions = s;
        }
        Ok(view)
    }

    /// Titles of the courses the provider has records in (a course the program no longer
    /// has keeps its number only).
    async fn titles(
        &self,
        facts: &ProviderIncentives,
    ) -> Result<Vec<(CourseNumber, String)>, StoreError> {
        let mut out = Vec::new();
        for course in &facts.evaluation.training.courses {
            let number = &facts.courses[course.course as usize].number;
            if let Some(reviewed) = self.store.reviewed_course(number).await? {
                out.push((number.clone(), reviewed.course.title));
            }
        }
        Ok(out)
    }

    /// Upcoming classes with seats of courses in the pathway the provider has not completed:
    /// courses whose credit hours would complete the pathway first, those in the provider's
    /// language before others, then the soonest.
    async fn suggestions(
        &self,
        pathway: &PathwayView,
        completed: &HashSet<&CourseNumber>,
        language: &str,
        today: Date,
    ) -> Result<Vec<Suggestion>, StoreError> {
        let filter = CatalogFilter {
            pathway: Some(pathway.pathway),
            seats_available: true,
            from: Some(today),
            sort: CatalogSort::Soonest,
            page: 1,
            per_page: CANDIDATES,
            ..CatalogFilter::default()
        };
        let page = self.catalog.search(&filter, today).await?;
        let mut candidates: Vec<_> = page
            .courses
            .into_iter()
            .filter(|c| !completed.contains(&c.course.number))
            .map(|c| {
                let credit = c.course.credit_hours.cap(Minutes(u32::MAX));
                let completes = pathway.to_go > Minutes(0) && credit >= pathway.to_go;
                let native = c
                    .course
                    .languages
                    .iter()
                    .any(|l| l.as_str().eq_ignore_ascii_case(language));
                (completes, native, c.course)
            })
            .collect();
        // A stable sort keeps the catalog's soonest-first order within each group.
        candidates.sort_by_key(|(completes, native, _)| (!*completes, !*native));
        let mut out = Vec::new();
        for (completes, native, course) in candidates {
            if out.len() >= SUGGESTIONS_PER_PATHWAY {
                break;
            }
            let Some(detail) = self.catalog.course(&course.number, today).await? else {
                continue;
            };
            let self_paced = detail.course.modality == Modality::SelfPaced;
            let next = detail
                .sessions
                .iter()
                // A self-paced course's window may have opened already and still take people.
                .filter(|s| {
                    s.starts_at.date() >= today || (self_paced && s.ends_at.date() >= today)
                })
                .map(|s| {
                    let taken = detail.seats_taken.get(&s.id).copied().unwrap_or(0);
                    (s, s.capacity.map(|c| c.saturating_sub(taken)))
                })
                .filter(|(_, left)| *left != Some(0))
                .min_by_key(|(s, _)| s.starts_at);
            let Some((session, seats_left)) = next else {
                continue;
            };
            out.push(Suggestion {
                title: course.title.clone(),
                credit: course.credit_hours,
                completes,
                in_your_language: native,
                languages: course
                    .languages
                    .iter()
                    .map(|l| l.as_str().to_owned())
                    .collect(),
                session: session.id.clone(),
                starts_at: session.starts_at,
                location: session.location.clone(),
                seats_left,
                course: course.number,
            });
        }
        Ok(out)
    }
}

/// Whole minutes still needed for `goal` after `counted`.
fn minutes_to_go(goal: Hours, counted: Minutes) -> Minutes {
    let goal_minutes = (u64::from(goal.hundredths()) * 60).div_ceil(100);
    Minutes(u32::try_from(goal_minutes.saturating_sub(u64::from(counted.0))).unwrap_or(u32::MAX))
}

fn title_of(titles: &[(CourseNumber, String)], number: &CourseNumber) -> Option<String> {
    titles
        .iter()
        .find(|(n, _)| n == number)
        .map(|(_, t)| t.clone())
}

fn course_lines(
    facts: &ProviderIncentives,
    titles: &[(CourseNumber, String)],
    pathway: Pathway,
) -> Vec<CourseLine> {
    let mut lines: Vec<CourseLine> = facts
        .evaluation
        .training
        .courses
        .iter()
        .filter(|c| c.pathway == pathway)
        .map(|c| {
            let number = facts.courses[c.course as usize].number.clone();
            CourseLine {
                title: title_of(titles, &number),
                number,
                counted: c.counted,
                reported: c.reported,
                completed_on: c.completed_on,
                capped: c
                    .records
                    .iter()
                    .any(|r| matches!(r.used, RecordUse::Capped { .. })),
            }
        })
        .collect();
    // Completed courses first, by date; then the ones still going.
    lines.sort_by_key(|c| (c.completed_on.is_none(), c.completed_on, c.number.clone()));
    lines
}

fn pathway_views(
    facts: &ProviderIncentives,
    titles: &[(CourseNumber, String)],
) -> Vec<PathwayView> {
    facts
        .evaluation
        .training
        .pathways
        .iter()
        .map(|p| PathwayView {
            pathway: p.pathway,
            counted: p.counted,
            awaiting: p.awaiting,
            goal: p.goal,
            to_go: if p.qualified.is_some() {
                Minutes(0)
            } else {
                minutes_to_go(p.goal, p.counted)
            },
            qualified: p
                .qualified
                .as_ref()
                .map(|q| (q.on, q.policy_version.clone())),
            not_eligible_on: p
                .setbacks
                .iter()
                .filter_map(|s| match s {
                    Setback::NotEligible { on, .. } => Some(*on),
                    Setback::NoPolicy { .. } => None,
                })
                .collect(),
            courses: course_lines(facts, titles, p.pathway),
            suggestions: Vec::new(),
        })
        .collect()
}

fn earned_views(
    facts: &ProviderIncentives,
    titles: &[(CourseNumber, String)],
    for_staff: bool,
) -> Vec<EarnedView> {
    facts
        .evaluation
        .earned
        .iter()
        .map(|e| EarnedView {
            kind: e.kind,
            pathway: e.pathway,
            qualified_on: e.qualified_on,
            amount: e.amount,
            policy_version: e.policy_version.clone(),
            claimed: facts.is_claimed(e),
            why: why(facts, titles, e),
            explanation: for_staff.then(|| facts.explain(e)),
        })
        .collect()
}

fn why(facts: &ProviderIncentives, titles: &[(CourseNumber, String)], earned: &Earned) -> Why {
    match earned.kind {
        IncentiveKind::Pathway => {
            let progress = facts.evaluation.training.pathway(earned.pathway);
            let (counted, goal) = progress
                .qualified
                .as_ref()
                .map_or((progress.counted, progress.goal), |q| (q.counted, q.goal));
            Why::Pathway {
                counted,
                goal,
                // The courses completed by the qualification date are the ones that counted.
                courses: course_lines(facts, titles, earned.pathway)
                    .into_iter()
                    .filter(|c| c.completed_on.is_some_and(|d| d <= earned.qualified_on))
                    .filter(|c| c.counted > Minutes(0))
                    .collect(),
            }
        }
        IncentiveKind::SpecializedOneMonth | IncentiveKind::SpecializedSixMonths => {
            let judged: Vec<&SpecializedMonth> = facts
                .evaluation
                .months
                .iter()
                .filter(|m| m.month <= earned.qualified_on)
                .collect();
            let months: Vec<MonthView> = if earned.kind == IncentiveKind::SpecializedOneMonth {
                judged
                    .iter()
                    .rev()
                    .take(1)
                    .map(|m| MonthView::from(*m))
                    .collect()
            } else {
                // The run of months in a row that ends with the qualifying month.
                let run = judged.iter().rev().take_while(|m| m.counts()).count();
                judged[judged.len() - run..]
                    .iter()
                    .map(|m| MonthView::from(*m))
                    .collect()
            };
            let goal = months.last().map_or(Hours::whole(40), |m| m.goal);
            Why::Specialized { months, goal }
        }
    }
}

fn within_reach(
    facts: &ProviderIncentives,
    view: &ProgressView,
    policy: &pathways_domain::policy::PolicyVersion,
) -> Vec<Reach> {
    let mut out = Vec::new();
    let (earned, max) = view.pathway_incentives;
    if earned < max {
        let mut open: Vec<&PathwayView> = view
            .pathways
            .iter()
            .filter(|p| p.qualified.is_none())
            .collect();
        // Closest first; ties in the program table's order.
        open.sort_by_key(|p| (p.to_go, p.pathway));
        out.extend(open.into_iter().map(|p| Reach::Pathway {
            pathway: p.pathway,
            to_go: p.to_go,
            amount: policy.pathway_incentive_amount,
        }));
    }
    let has = |kind| facts.evaluation.earned.iter().any(|e| e.kind == kind);
    let specialized = facts
        .evaluation
        .training
        .pathways
        .iter()
        .any(|p| p.pathway.category() == Category::Specialized && p.qualified.is_some());
    let run = u32::try_from(
        facts
            .evaluation
            .months
            .iter()
            .rev()
            .take_while(|m| m.counts())
            .count(),
    )
    .unwrap_or(u32::MAX);
    for (kind, amount, needed) in [
        (
            IncentiveKind::SpecializedOneMonth,
            policy.specialized_one_month_amount,
            1,
        ),
        (
            IncentiveKind::SpecializedSixMonths,
            policy.specialized_six_months_amount,
            policy.specialized_months.max(1),
        ),
    ] {
        if has(kind) {
            continue;
        }
        out.push(if specialized {
            Reach::SpecializedMonths {
                kind,
                amount,
                months_so_far: run.min(needed),
                months_needed: needed,
                hours: policy.specialized_monthly_hours,
            }
        } else {
            Reach::SpecializedNeedsPathway { kind, amount }
        });
    }
    out
}

fn held_views(facts: &ProviderIncentives) -> Vec<HeldView> {
    facts
        .evaluation
        .training
        .held
        .iter()
        .map(|r| HeldView {
            pathway: facts
                .courses
                .iter()
                .find(|c| c.number == r.course)
                .map(|c| c.pathway),
            record: r.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minutes_to_go_round_up_to_the_next_whole_minute() {
        assert_eq!(minutes_to_go(Hours::whole(15), Minutes(690)), Minutes(210));
        assert_eq!(minutes_to_go(Hours::whole(15), Minutes(900)), Minutes(0));
        assert_eq!(minutes_to_go(Hours::whole(15), Minutes(1000)), Minutes(0));
        // 0.01 h is 0.6 min: one more whole minute is needed.
        assert_eq!(
            minutes_to_go(Hours::from_hundredths(1), Minutes(0)),
            Minutes(1)
        );
    }
}

//! Incentives (DOMAIN.md §6): which a provider has earned, when, for how much, and why.
//!
//! [`evaluate`] is a pure function of one provider's facts: verified and held attendance, the
//! recipients they work for (assessed needs and assignment spans), weekly work hours, and the
//! policy versions. It runs in two steps so a whole-state run can skip the second for most
//! people: [`TrainingProgress`] (counted hours per course and pathway, and pathway
//! qualifications) needs attendance alone; the specialized-care months need work hours only when
//! the provider has qualified in a Category 2 pathway.
//!
//! Every result carries what it was decided from, so [`Evaluation::explain`] can say which
//! records counted and how much, which did not and why, which months counted, and which policy
//! version applied.

use std::fmt::{self, Write as _};

use serde::{Deserialize, Serialize};
use time::{Date, Month};

use crate::attendance::HoldReason;
use crate::eligibility::{Enrollment, Ineligibility};
use crate::error::format_date;
use crate::ids::{CaseNumber, CourseNumber};
use crate::pathway::{Category, Needs, Pathway};
use crate::policy::{PolicyBook, PolicyVersion};
use crate::quantity::{Hours, Minutes, Money};

/// The three incentives of DOMAIN.md §6, in the order results are sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum IncentiveKind {
    #[serde(rename = "pathway")]
    Pathway,
    #[serde(rename = "specialized-1-month")]
    SpecializedOneMonth,
    #[serde(rename = "specialized-6-months")]
    SpecializedSixMonths,
}

impl IncentiveKind {
    pub const ALL: &'static [Self] = &[
        Self::Pathway,
        Self::SpecializedOneMonth,
        Self::SpecializedSixMonths,
    ];

    /// The stable code used in files and the API.
    pub fn code(self) -> &'static str {
        match self {
            Self::Pathway => "pathway",
            Self::SpecializedOneMonth => "specialized-1-month",
            Self::SpecializedSixMonths => "specialized-6-months",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, crate::ParseError> {
        let raw = raw.trim();
        Self::ALL
            .iter()
            .copied()
            .find(|k| k.code() == raw)
            .ok_or_else(|| {
                crate::ParseError::invalid(
                    "one of pathway, specialized-1-month, specialized-6-months",
                    raw,
                )
            })
    }
}

impl fmt::Display for IncentiveKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A course as the incentive rules see it. Records refer to courses by their index in the
/// slice of these that an evaluation is given (a whole-state run shares one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CourseCredit {
    pub number: CourseNumber,
    pub pathway: Pathway,
    pub credit: Hours,
}

/// A verified attendance record: `course` indexes the evaluation's course slice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VerifiedRecord {
    pub course: u32,
    pub date: Date,
    pub minutes: Minutes,
    pub completed: bool,
}

/// A held attendance record, which never counts; shown so the provider knows why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldRecord {
    pub course: CourseNumber,
    pub date: Date,
    pub minutes: Minutes,
    pub reason: HoldReason,
}

/// A recipient the provider has (or had) an assignment with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseFacts {
    pub case_number: CaseNumber,
    pub needs: Needs,
    /// Assignment spans: start and last day (`None`: still active).
    pub spans: Vec<(Date, Option<Date>)>,
}

impl CaseFacts {
    fn assigned_on(&self, date: Date) -> bool {
        self.spans
            .iter()
            .any(|(start, end)| *start <= date && end.is_none_or(|end| date <= end))
    }
}

/// One week of paid work for one recipient: `case` indexes the provider's [`CaseFacts`].
/// Weeks for recipients the provider has no assignment with name no case (`None`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkWeek {
    pub case: Option<u32>,
    pub week_start: Date,
    pub hours: Hours,
}

/// Everything the rules need to know about one provider.
#[derive(Debug, Clone, Copy)]
pub struct ProviderFacts<'a> {
    pub enrollment: Enrollment,
    pub courses: &'a [CourseCredit],
    pub verified: &'a [VerifiedRecord],
    pub held: &'a [HeldRecord],
    pub cases: &'a [CaseFacts],
    pub work: &'a [WorkWeek],
}

/// How one verified record was used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "use", rename_all = "kebab-case")]
pub enum RecordUse {
    /// All its minutes count toward the course.
    Counted { minutes: Minutes },
    /// Only part counts: the course gives no more than its credit hours.
    Capped { minutes: Minutes, credit: Hours },
    /// Dated after the course's completion, so it does not add (DOMAIN.md §11).
    AfterCompletion { completed_on: Date },
    /// The course is not completed yet; its minutes count once a record says completed.
    AwaitingCompletion,
}

/// One verified record and how it was used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UsedRecord {
    pub record: VerifiedRecord,
    pub used: RecordUse,
}

/// A course's standing for the provider.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CourseProgress {
    pub course: u32,
    pub pathway: Pathway,
    /// Verified minutes counted toward the pathway (zero until completed).
    pub counted: Minutes,
    /// Verified minutes reported so far (all of them, before capping).
    pub reported: Minutes,
    pub completed_on: Option<Date>,
    /// Its records in date order.
    pub records: Vec<UsedRecord>,
}

/// Why a pathway in which the hours were reached did not qualify (yet).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Setback {
    /// Counted hours reached the threshold on this date, but the provider was not eligible.
    NotEligible { on: Date, why: Ineligibility },
    /// No policy version was in effect on that date.
    NoPolicy { on: Date },
}

/// Counted hours in one pathway and when it qualified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathwayProgress {
    pub pathway: Pathway,
    /// Minutes counted from completed courses.
    pub counted: Minutes,
    /// Verified minutes in courses not completed yet.
    pub awaiting: Minutes,
    /// The threshold of the policy in effect on the evaluation date, for showing progress.
    pub goal: Hours,
    pub qualified: Option<Qualification>,
    pub setbacks: Vec<Setback>,
}

/// The date a pathway qualified and the policy version in effect then.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Qualification {
    pub on: Date,
    pub policy_version: String,
    /// Counted minutes in the pathway on that date.
    pub counted: Minutes,
    /// The threshold of that policy version.
    pub goal: Hours,
}

/// Counted hours per course and pathway, from attendance alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrainingProgress {
    pub as_of: Date,
    pub courses: Vec<CourseProgress>,
    /// One entry per pathway, in the program table's order.
    pub pathways: Vec<PathwayProgress>,
    pub held: Vec<HeldRecord>,
}

impl TrainingProgress {
    pub fn pathway(&self, pathway: Pathway) -> &PathwayProgress {
        self.pathways
            .iter()
            .find(|p| p.pathway == pathway)
            .expect("every pathway has an entry")
    }

    /// Category 2 pathways qualified, earliest first (ties in table order).
    pub fn specialized_qualifications(&self) -> Vec<(Pathway, &Qualification)> {
        let mut quals: Vec<_> = self
            .pathways
            .iter()
            .filter(|p| p.pathway.category() == Category::Specialized)
            .filter_map(|p| p.qualified.as_ref().map(|q| (p.pathway, q)))
            .collect();
        quals.sort_by_key(|(p, q)| (q.on, *p));
        quals
    }

    /// Whether the specialized-care months need to be looked at at all.
    pub fn needs_work_hours(&self) -> bool {
        !self.specialized_qualifications().is_empty()
    }
}

/// One calendar month judged for the specialized-care incentives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecializedMonth {
    /// The month's first day.
    pub month: Date,
    /// Work hours in the month for recipients whose needs match a pathway qualified before it.
    pub matching: Hours,
    /// The monthly threshold of the policy in effect on the month's last day.
    pub goal: Hours,
    /// Category 2 pathways qualified before the month began.
    pub pathways: Vec<Pathway>,
    /// Hours in the month that did not count: for recipients whose needs do not match, or in
    /// weeks the assignment was not active on the week's first day. (The store reads no weeks of
    /// recipients without specialized needs or without an assignment, so those are not among them.)
    pub unmatched: Hours,
}

impl SpecializedMonth {
    pub fn counts(&self) -> bool {
        self.matching >= self.goal
    }

    pub fn last_day(&self) -> Date {
        last_day_of_month(self.month)
    }
}

/// An incentive earned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Earned {
    pub kind: IncentiveKind,
    /// The pathway; for the specialized kinds, the Category 2 pathway qualified first.
    pub pathway: Pathway,
    pub qualified_on: Date,
    pub amount: Money,
    pub policy_version: String,
}

/// Why an incentive that was within reach was not earned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Withheld {
    /// The pathway qualified, but the most pathway incentives were earned already.
    MaximumReached {
        pathway: Pathway,
        on: Date,
        max: u32,
    },
    /// A specialized month (or run of months) was reached, but the provider was not eligible on
    /// its last day.
    NotEligible {
        kind: IncentiveKind,
        on: Date,
        why: Ineligibility,
    },
    /// No policy version was in effect on the date.
    NoPolicy { kind: IncentiveKind, on: Date },
}

/// Everything decided for one provider.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation {
    pub training: TrainingProgress,
    pub months: Vec<SpecializedMonth>,
    /// Earned incentives, sorted by date, then kind, then pathway.
    pub earned: Vec<Earned>,
    pub withheld: Vec<Withheld>,
}

/// Counts a provider's hours per course and pathway as of a date, and finds the date each
/// pathway qualified.
pub fn training_progress(
    facts: &ProviderFacts<'_>,
    policies: &PolicyBook,
    as_of: Date,
) -> TrainingProgress {
    let mut records: Vec<VerifiedRecord> = facts
        .verified
        .iter()
        .copied()
        .filter(|r| r.date <= as_of && (r.course as usize) < facts.courses.len())
        .collect();
    records.sort_by_key(|r| (r.course, r.date));

    let mut courses = Vec::new();
    for group in records.chunk_by(|a, b| a.course == b.course) {
        courses.push(course_progress(
            &facts.courses[group[0].course as usize],
            group,
        ));
    }

    // Completions in date order; ties in table order, then course number, so the result does
    // not depend on the order records arrived in.
    let mut completions: Vec<&CourseProgress> = courses
        .iter()
        .filter(|c| c.completed_on.is_some())
        .collect();
    completions.sort_by_key(|c| {
        (
            c.completed_on,
            c.pathway,
            &facts.courses[c.course as usize].number,
        )
    });

    let mut pathways: Vec<PathwayProgress> = Pathway::ALL
        .iter()
        .map(|&pathway| PathwayProgress {
            pathway,
            counted: Minutes(0),
            awaiting: Minutes(0),
            goal: policies
                .in_effect_on(as_of)
                .map_or(Hours::whole(15), |p| p.pathway_incentive_hours),
            qualified: None,
            setbacks: Vec::new(),
        })
        .collect();
    for course in &courses {
        if course.completed_on.is_none() {
            pathways[pathway_index(course.pathway)].awaiting += course.reported;
        }
    }
    for course in completions {
        let on = course.completed_on.expect("completions only");
        let progress = &mut pathways[pathway_index(course.pathway)];
        progress.counted += course.counted;
        if progress.qualified.is_some() {
            continue;
        }
        let Some(policy) = policies.in_effect_on(on) else {
            progress.setbacks.push(Setback::NoPolicy { on });
            continue;
        };
        if !policy.pathway_incentive_hours.reached_by(progress.counted) {
            continue;
        }
        match facts.enrollment.eligible_on(on, policy) {
            Ok(()) => {
                progress.qualified = Some(Qualification {
                    on,
                    policy_version: policy.version.clone(),
                    counted: progress.counted,
                    goal: policy.pathway_incentive_hours,
                });
            }
            Err(why) => progress.setbacks.push(Setback::NotEligible { on, why }),
        }
    }

    let mut held: Vec<HeldRecord> = facts
        .held
        .iter()
        .filter(|r| r.date <= as_of)
        .cloned()
        .collect();
    held.sort_by(|a, b| (a.date, &a.course).cmp(&(b.date, &b.course)));

    TrainingProgress {
        as_of,
        courses,
        pathways,
        held,
    }
}

/// One course's records (sorted by date) judged: completion is the first record that says
/// completed; minutes up to it count, capped at the course's credit hours.
fn course_progress(course: &CourseCredit, records: &[VerifiedRecord]) -> CourseProgress {
    let completed_on = records.iter().find(|r| r.completed).map(|r| r.date);
    let cap = course.credit.cap(Minutes(u32::MAX));
    let mut counted = Minutes(0);
    let mut reported = Minutes(0);
    let used = records
        .iter()
        .map(|&record| {
            reported += record.minutes;
            let used = match completed_on {
                None => RecordUse::AwaitingCompletion,
                Some(done) if record.date > done => {
                    RecordUse::AfterCompletion { completed_on: done }
                }
                Some(_) => {
                    let room = Minutes(cap.0.saturating_sub(counted.0));
                    if record.minutes <= room {
                        counted += record.minutes;
                        RecordUse::Counted {
                            minutes: record.minutes,
                        }
                    } else {
                        counted += room;
                        RecordUse::Capped {
                            minutes: room,
                            credit: course.credit,
                        }
                    }
                }
            };
            UsedRecord { record, used }
        })
        .collect();
    CourseProgress {
        course: records[0].course,
        pathway: course.pathway,
        counted,
        reported,
        completed_on,
        records: used,
    }
}

fn pathway_index(pathway: Pathway) -> usize {
    Pathway::ALL
        .iter()
        .position(|p| *p == pathway)
        .expect("a pathway of the table")
}

/// Evaluates every incentive for one provider as of a date.
pub fn evaluate(facts: &ProviderFacts<'_>, policies: &PolicyBook, as_of: Date) -> Evaluation {
    let training = training_progress(facts, policies, as_of);
    evaluate_from(training, facts, policies)
}

/// The second step of [`evaluate`], for callers that computed the training progress already
/// (and load work hours only when [`TrainingProgress::needs_work_hours`]).
pub fn evaluate_from(
    training: TrainingProgress,
    facts: &ProviderFacts<'_>,
    policies: &PolicyBook,
) -> Evaluation {
    let mut earned = Vec::new();
    let mut withheld = Vec::new();
    pathway_incentives(&training, policies, &mut earned, &mut withheld);
    let months = specialized_months(&training, facts, policies);
    specialized_incentives(
        &training,
        &months,
        facts.enrollment,
        policies,
        &mut earned,
        &mut withheld,
    );
    earned.sort_by_key(|e| (e.qualified_on, e.kind, e.pathway));
    Evaluation {
        training,
        months,
        earned,
        withheld,
    }
}

/// The first pathways by date (ties in table order), up to the most the policy allows.
fn pathway_incentives(
    training: &TrainingProgress,
    policies: &PolicyBook,
    earned: &mut Vec<Earned>,
    withheld: &mut Vec<Withheld>,
) {
    let mut qualified: Vec<(Pathway, &Qualification)> = training
        .pathways
        .iter()
        .filter_map(|p| p.qualified.as_ref().map(|q| (p.pathway, q)))
        .collect();
    qualified.sort_by_key(|(p, q)| (q.on, *p));
    let mut count = 0u32;
    for (pathway, q) in qualified {
        let Some(policy) = policies.in_effect_on(q.on) else {
            withheld.push(Withheld::NoPolicy {
                kind: IncentiveKind::Pathway,
                on: q.on,
            });
            continue;
        };
        if count >= policy.pathway_incentive_max_count {
            withheld.push(Withheld::MaximumReached {
                pathway,
                on: q.on,
                max: policy.pathway_incentive_max_count,
            });
            continue;
        }
        count += 1;
        earned.push(Earned {
            kind: IncentiveKind::Pathway,
            pathway,
            qualified_on: q.on,
            amount: policy.pathway_incentive_amount,
            policy_version: policy.version.clone(),
        });
    }
}

/// Judges each calendar month that began after the first Category 2 qualification and ended by
/// the evaluation date.
fn specialized_months(
    training: &TrainingProgress,
    facts: &ProviderFacts<'_>,
    policies: &PolicyBook,
) -> Vec<SpecializedMonth> {
    let quals = training.specialized_qualifications();
    let Some((_, first)) = quals.first() else {
        return Vec::new();
    };
    let mut work: Vec<WorkWeek> = facts
        .work
        .iter()
        .copied()
        .filter(|w| w.week_start <= training.as_of)
        .collect();
    work.sort_by_key(|w| w.week_start);

    let mut months = Vec::new();
    let mut month = first_of_next_month(first.on);
    while last_day_of_month(month) <= training.as_of {
        let pathways: Vec<Pathway> = quals
            .iter()
            .filter(|(_, q)| q.on < month)
            .map(|(p, _)| *p)
            .collect();
        let next = first_of_next_month(month);
        let start = work.partition_point(|w| w.week_start < month);
        let end = work.partition_point(|w| w.week_start < next);
        let mut matching = 0u32;
        let mut unmatched = 0u32;
        for week in &work[start..end] {
            let counts = week
                .case
                .and_then(|i| facts.cases.get(i as usize))
                .is_some_and(|case| {
                    pathways.iter().any(|p| case.needs.contains(*p))
                        && case.assigned_on(week.week_start)
                });
            if counts {
                matching += week.hours.hundredths();
            } else {
                unmatched += week.hours.hundredths();
            }
        }
        let goal = policies
            .in_effect_on(last_day_of_month(month))
            .map_or(Hours::from_hundredths(u32::MAX), |p| {
                p.specialized_monthly_hours
            });
        months.push(SpecializedMonth {
            month,
            matching: Hours::from_hundredths(matching),
            goal,
            pathways,
            unmatched: Hours::from_hundredths(unmatched),
        });
        month = next;
    }
    months
}

fn specialized_incentives(
    training: &TrainingProgress,
    months: &[SpecializedMonth],
    enrollment: Enrollment,
    policies: &PolicyBook,
    earned: &mut Vec<Earned>,
    withheld: &mut Vec<Withheld>,
) {
    let Some((pathway, _)) = training.specialized_qualifications().first().copied() else {
        return;
    };
    let mut one_month_done = false;
    let mut six_months_done = false;
    let mut run = 0u32;
    for month in months {
        if !month.counts() {
            run = 0;
            continue;
        }
        run += 1;
        let on = month.last_day();
        let Some(policy) = policies.in_effect_on(on) else {
            for kind in [
                IncentiveKind::SpecializedOneMonth,
                IncentiveKind::SpecializedSixMonths,
            ] {
                withheld.push(Withheld::NoPolicy { kind, on });
            }
            continue;
        };
        let mut try_earn = |kind: IncentiveKind, amount: Money, policy: &PolicyVersion| -> bool {
            match enrollment.eligible_on(on, policy) {
                Ok(()) => {
                    earned.push(Earned {
                        kind,
                        pathway,
                        qualified_on: on,
                        amount,
                        policy_version: policy.version.clone(),
                    });
                    true
                }
                Err(why) => {
                    withheld.push(Withheld::NotEligible { kind, on, why });
                    false
                }
            }
        };
        if !one_month_done {
            one_month_done = try_earn(
                IncentiveKind::SpecializedOneMonth,
                policy.specialized_one_month_amount,
                policy,
            );
        }
        if !six_months_done && run >= policy.specialized_months.max(1) {
            six_months_done = try_earn(
                IncentiveKind::SpecializedSixMonths,
                policy.specialized_six_months_amount,
                policy,
            );
        }
    }
}

/// The first day of the month after `date`'s.
pub fn first_of_next_month(date: Date) -> Date {
    let (year, month) = match date.month() {
        Month::December => (date.year() + 1, Month::January),
        m => (date.year(), m.next()),
    };
    Date::from_calendar_date(year, month, 1).expect("the first of a month exists")
}

/// The last day of `date`'s month.
pub fn last_day_of_month(date: Date) -> Date {
    first_of_next_month(date)
        .previous_day()
        .expect("a month's last day exists")
}

fn hours(minutes: Minutes) -> String {
    format!("{:.2}", minutes.to_hours_display())
}

impl Evaluation {
    /// The earned incentive of a kind (and pathway, for the pathway kind), if any.
    pub fn earned(&self, kind: IncentiveKind, pathway: Option<Pathway>) -> Option<&Earned> {
        self.earned
            .iter()
            .find(|e| e.kind == kind && pathway.is_none_or(|p| p == e.pathway))
    }

    /// Why `earned` was decided, in plain English (for staff, the CLI and the audit log; pages
    /// render the same facts in the reader's language).
    pub fn explain(&self, earned: &Earned, courses: &[CourseCredit]) -> String {
        let mut out = String::new();
        match earned.kind {
            IncentiveKind::Pathway => {
                let progress = self.training.pathway(earned.pathway);
                let q = progress
                    .qualified
                    .as_ref()
                    .expect("an earned pathway qualified");
                let _ = write!(
                    out,
                    "Qualified in {} on {}: counted hours reached {} of the {} required. ",
                    earned.pathway,
                    format_date(q.on),
                    hours(q.counted),
                    q.goal
                );
                self.explain_records(&mut out, courses, earned.pathway);
                let others: Vec<String> = self
                    .earned
                    .iter()
                    .filter(|e| e.kind == IncentiveKind::Pathway && e.pathway != earned.pathway)
                    .map(|e| format!("{} on {}", e.pathway, format_date(e.qualified_on)))
                    .collect();
                if !others.is_empty() {
                    let _ = write!(out, "Other pathway incentive: {}. ", others.join(", "));
                }
                for w in &self.withheld {
                    if let Withheld::MaximumReached { pathway, on, max } = w {
                        let _ = write!(
                            out,
                            "{pathway} qualified on {} but does not pay: at most {max} pathway incentives. ",
                            format_date(*on)
                        );
                    }
                }
            }
            IncentiveKind::SpecializedOneMonth | IncentiveKind::SpecializedSixMonths => {
                let quals = self.training.specialized_qualifications();
                let listed: Vec<String> = quals
                    .iter()
                    .map(|(p, q)| format!("{p} on {}", format_date(q.on)))
                    .collect();
                let _ = write!(
                    out,
                    "Qualified in Category 2 pathways: {}. ",
                    listed.join(", ")
                );
                let _ = write!(
                    out,
                    "Months after qualifying (work hours for recipients whose needs match a pathway qualified before the month began): "
                );
                let judged: Vec<String> = self
                    .months
                    .iter()
                    .filter(|m| m.month <= earned.qualified_on)
                    .map(|m| {
                        format!(
                            "{}-{:02} {} of {} hours{} ({})",
                            m.month.year(),
                            u8::from(m.month.month()),
                            m.matching,
                            m.goal,
                            if m.unmatched > Hours::default() {
                                format!(", {} not matching", m.unmatched)
                            } else {
                                String::new()
                            },
                            if m.counts() {
                                "counts"
                            } else {
                                "does not count"
                            }
                        )
                    })
                    .collect();
                let _ = write!(out, "{}. ", judged.join("; "));
                let _ = write!(
                    out,
                    "Qualified on {}, the last day of the {}. ",
                    format_date(earned.qualified_on),
                    if earned.kind == IncentiveKind::SpecializedOneMonth {
                        "first month that counted".to_owned()
                    } else {
                        "sixth month in a row that counted".to_owned()
                    }
                );
            }
        }
        for w in &self.withheld {
            if let Withheld::NotEligible { kind, on, why } = w
                && *kind == earned.kind
                && *on < earned.qualified_on
            {
                let _ = write!(
                    out,
                    "Not earned on {}: the provider was not eligible ({why}). ",
                    format_date(*on)
                );
            }
        }
        let _ = write!(
            out,
            "Amount {} from policy version {}.",
            earned.amount, earned.policy_version
        );
        out
    }

    fn explain_records(&self, out: &mut String, courses: &[CourseCredit], pathway: Pathway) {
        let mut counted = Vec::new();
        let mut not_counted = Vec::new();
        for course in &self.training.courses {
            let credit = &courses[course.course as usize];
            if credit.pathway != pathway {
                continue;
            }
            for used in &course.records {
                let at = format!(
                    "{} on {} ({} min)",
                    credit.number,
                    format_date(used.record.date),
                    used.record.minutes.0
                );
                match used.used {
                    RecordUse::Counted { minutes } => {
                        counted.push(format!("{at}: {} h", hours(minutes)));
                    }
                    RecordUse::Capped { minutes, credit } => counted.push(format!(
                        "{at}: {} h, capped at the course's {credit} credit hours",
                        hours(minutes)
                    )),
                    RecordUse::AfterCompletion { completed_on } => not_counted.push(format!(
                        "{at}: after the course was completed on {}",
                        format_date(completed_on)
                    )),
                    RecordUse::AwaitingCompletion => {
                        not_counted.push(format!("{at}: course not completed yet"));
                    }
                }
            }
        }
        for held in &self.training.held {
            // A held record of an unknown course could have been meant for any pathway.
            let held_pathway = courses
                .iter()
                .find(|c| c.number == held.course)
                .map(|c| c.pathway);
            if held_pathway.is_none_or(|p| p == pathway) {
                not_counted.push(format!(
                    "{} on {} ({} min): held, {}",
                    held.course,
                    format_date(held.date),
                    held.minutes.0,
                    held.reason.code()
                ));
            }
        }
        let _ = write!(out, "Counted: {}. ", join_or_none(&counted));
        if !not_counted.is_empty() {
            let _ = write!(out, "Not counted: {}. ", not_counted.join("; "));
        }
    }
}

fn join_or_none(items: &[String]) -> String {
    if items.is_empty() {
        "none".into()
    } else {
        items.join("; ")
    }
}

#[cfg(test)]
mod tests;

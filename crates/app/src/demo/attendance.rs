//! Attendance as vendors report it: realistic course sequences that verify, and a small share of
//! rows crafted to be held, one hold reason after another.

use pathways_domain::attendance::HoldReason;
use pathways_domain::eligibility::Enrollment;
use pathways_domain::entities::{AttendanceReport, Provider};
use pathways_domain::ids::{
    CertificateNumber, CourseNumber, ProviderNumber, SessionId, VendorCode,
};
use pathways_domain::pathway::Pathway;
use pathways_domain::policy::PolicyVersion;
use pathways_domain::quantity::Minutes;
use time::{Date, Duration};

use super::catalog::{Catalog, UNKNOWN_COURSE_NUMBERS};
use super::people::{ProviderFacts, Standing};
use super::{Calendar, HeldByDesign, ProviderChunk, day_between, program_year_policy, valid};

/// Share of eligible providers who take training, in percent (about 60% of all providers).
const TAKES_TRAINING_PERCENT: u32 = 67;

/// After the first round of every reason in a chunk, the chance in thousandths that a training
/// provider also gets one crafted held row (about 2.5% of all rows).
const CRAFTED_PER_MILLE: u32 = 110;

/// The most courses one provider starts; certificate serials leave room for 64.
const MAX_COURSES_PER_PROVIDER: usize = 60;

/// How often a provider finishes a course they start, in percent.
const COMPLETES_PERCENT: u32 = 90;

/// Counted minutes in a pathway that qualify for the pathway incentive (15 hours).
const PATHWAY_GOAL_MINUTES: u32 = 15 * 60;

/// Which pathways casual learners pick, in percent, in the order of [`Pathway::ALL`].
const PATHWAY_INTEREST: [u32; 5] = [35, 15, 20, 20, 10];

/// Generates the attendance of every provider in the chunk.
pub(super) fn generate(
    catalog: &Catalog,
    calendar: &Calendar,
    rng: &mut fastrand::Rng,
    facts: &[ProviderFacts],
    chunk: &mut ProviderChunk,
) {
    let mut generator = Generator {
        catalog,
        calendar,
        by_pathway: Pathway::ALL
            .iter()
            .map(|&p| {
                (0..catalog.facts.len())
                    .filter(|&c| {
                        catalog.facts[c].pathway == p && catalog.facts[c].attendable.is_some()
                    })
                    .collect()
            })
            .collect(),
        program_year: program_year_policy(calendar.classes_from),
        not_eligible: facts
            .iter()
            .filter(|f| matches!(f.standing, Standing::Lapsed | Standing::NotEnrolled))
            .map(|f| f.row)
            .collect(),
        next_not_eligible: 0,
        next_reason: 0,
    };
    for provider in facts {
        if provider.standing != Standing::Working && provider.standing != Standing::Registry {
            continue;
        }
        let Some(mut learner) = generator.learner(rng, provider, &chunk.providers) else {
            continue;
        };
        if rng.u32(0..100) >= TAKES_TRAINING_PERCENT {
            continue;
        }
        generator.train(rng, &mut learner, &mut chunk.attendance);
        if learner.rows.is_empty() {
            continue;
        }
        let crafted = chunk.held_by_design.len();
        if crafted < HoldReason::ALL.len() || rng.u32(0..1000) < CRAFTED_PER_MILLE {
            generator.craft(rng, &learner, chunk);
        }
    }
}

/// A provider taking training, while their rows are generated.
#[derive(Debug)]
struct Learner {
    number: ProviderNumber,
    global: u64,
    row: usize,
    language: &'static str,
    /// Comfortable in classes taught in English although English is not their first language.
    takes_english_classes: bool,
    /// The days on which their attendance can verify: enrolled, in the program year, in the past.
    from: Date,
    to: Date,
    /// Days with attendance already, so no day passes the daily maximum.
    days: Vec<Date>,
    /// Courses already started.
    taken: Vec<usize>,
    /// Regular rows: index into the chunk's attendance, and the course.
    rows: Vec<(usize, usize)>,
}

impl Learner {
    fn free(&self, date: Date) -> bool {
        !self.days.contains(&date)
    }
}

/// The days and planned minutes of one run of a course, with the session they belong to when the
/// vendor names one (an index into [`Catalog::sessions`]).
#[derive(Debug)]
struct Run {
    session: Option<usize>,
    days: Vec<(Date, u32)>,
}

struct Generator<'a> {
    catalog: &'a Catalog,
    calendar: &'a Calendar,
    /// Attendable courses per pathway, in the order of [`Pathway::ALL`].
    by_pathway: Vec<Vec<usize>>,
    /// The demo program year's rules (daily maximum, lapse period).
    program_year: PolicyVersion,
    /// Providers of the chunk who are not eligible (rows of `chunk.providers`), for crafted rows.
    not_eligible: Vec<usize>,
    next_not_eligible: usize,
    /// The next reason to craft, as an index into [`HoldReason::ALL`].
    next_reason: usize,
}

impl Generator<'_> {
    fn learner(
        &self,
        rng: &mut fastrand::Rng,
        facts: &ProviderFacts,
        providers: &[Provider],
    ) -> Option<Learner> {
        let provider = &providers[facts.row];
        let from = self.calendar.classes_from.max(provider.enrolled_on?);
        let to = self.calendar.last_attendance_day();
        (from <= to).then(|| Learner {
            number: provider.number,
            global: facts.global,
            row: facts.row,
            language: facts.language,
            takes_english_classes: facts.language == "en" || rng.u32(0..100) < 60,
            from,
            to,
            days: Vec::new(),
            taken: Vec::new(),
            rows: Vec::new(),
        })
    }

    /// Most learners take one to three courses; some work through one or two pathways to 15
    /// hours, which qualifies them for the pathway incentive.
    fn train(
        &self,
        rng: &mut fastrand::Rng,
        learner: &mut Learner,
        out: &mut Vec<(VendorCode, AttendanceReport)>,
    ) {
        match rng.u32(0..100) {
            0..70 => {
                for _ in 0..rng.u32(1..=3) {
                    for _try in 0..10 {
                        let pathway = pick_pathway(rng);
                        let courses = &self.by_pathway[pathway];
                        if courses.is_empty() {
                            continue;
                        }
                        let course = courses[rng.usize(0..courses.len())];
                        if self.attempt(rng, learner, course, out).is_some() {
                            break;
                        }
                    }
                }
            }
            share => {
                let pathways = if share < 95 { 1 } else { 2 };
                let mut chosen: Vec<usize> = Vec::new();
                while chosen.len() < pathways {
                    let pathway = pick_pathway(rng);
                    if !chosen.contains(&pathway) {
                        chosen.push(pathway);
                    }
                }
                for pathway in chosen {
                    let mut courses = self.by_pathway[pathway].clone();
                    rng.shuffle(&mut courses);
                    let mut counted = 0;
                    for course in courses {
                        if counted >= PATHWAY_GOAL_MINUTES {
                            break;
                        }
                        counted += self.attempt(rng, learner, course, out).unwrap_or(0);
                    }
                }
            }
        }
    }

    /// Takes `course` if the learner can (language, schedule): one row per day attended, the last
    /// one completed with a certificate when they finish. Returns the counted minutes (zero when
    /// not finished), or `None` when the course did not fit.
    fn attempt(
        &self,
        rng: &mut fastrand::Rng,
        learner: &mut Learner,
        course: usize,
        out: &mut Vec<(VendorCode, AttendanceReport)>,
    ) -> Option<u32> {
        let facts = &self.catalog.facts[course];
        let speaks = facts.languages.contains(&learner.language)
            || (learner.takes_english_classes && facts.languages.contains(&"en"));
        let room = learner.taken.len() < MAX_COURSES_PER_PROVIDER;
        if !speaks || !room || learner.taken.contains(&course) {
            return None;
        }
        let Run { session, days } = self.schedule(rng, learner, course)?;
        learner.taken.push(course);
        let completes = rng.u32(0..100) < COMPLETES_PERCENT;
        let attended = if completes || days.len() == 1 {
            days.len()
        } else {
            // Dropped out part way through a series.
            rng.usize(1..days.len())
        };
        let vendor = self.catalog.vendor_code(course);
        let number = &self.catalog.courses[course].number;
        let mut total = 0;
        for (k, &(date, planned)) in days.iter().take(attended).enumerate() {
            let last = completes && k + 1 == days.len();
            let minutes = if !completes && days.len() == 1 {
                // Left a one-day class early.
                (planned * rng.u32(30..90) / 100).max(1)
            } else {
                planned
            };
            total += minutes;
            let certificate = last.then(|| {
                let serial = learner.global * 64 + learner.taken.len() as u64;
                valid(CertificateNumber::parse(&format!(
                    "{vendor}-{}-{serial:08}",
                    date.year()
                )))
            });
            learner.days.push(date);
            learner.rows.push((out.len(), course));
            out.push((
                vendor.clone(),
                AttendanceReport {
                    provider: learner.number,
                    course: number.clone(),
                    session: session.map(|s| self.catalog.sessions[s].id.clone()),
                    date,
                    minutes: Minutes(minutes),
                    completed: last,
                    certificate,
                },
            ));
        }
        let credit = self.catalog.courses[course].credit_hours;
        Some(if completes {
            credit.cap(Minutes(total)).get()
        } else {
            0
        })
    }

    /// One run of `course` that fits the learner's free days.
    fn schedule(&self, rng: &mut fastrand::Rng, learner: &Learner, course: usize) -> Option<Run> {
        let facts = &self.catalog.facts[course];
        let (from, to) = facts.attendable?;
        let (from, to) = (from.max(learner.from), to.min(learner.to));
        if from > to {
            return None;
        }
        let plan = &facts.plan;
        let sessions: Vec<usize> = facts
            .past_sessions
            .iter()
            .copied()
            .filter(|&s| from <= self.catalog.sessions[s].starts_at.date())
            .collect();
        // Vendors usually name the session; older records and some vendors' files do not.
        let (session, first_day, last_day) = if !sessions.is_empty() && rng.u32(0..100) < 85 {
            let s = sessions[rng.usize(0..sessions.len())];
            let session = &self.catalog.sessions[s];
            (
                Some(s),
                session.starts_at.date(),
                session.ends_at.date().min(to),
            )
        } else if plan.self_paced {
            (None, day_between(rng, from, to), to)
        } else {
            let latest_start =
                to - Duration::days(plan.spacing * (plan.day_minutes.len() as i64 - 1));
            if latest_start < from {
                return None;
            }
            (None, day_between(rng, from, latest_start), to)
        };
        let mut days = Vec::with_capacity(plan.day_minutes.len());
        let mut date = first_day;
        for (k, &minutes) in plan.day_minutes.iter().enumerate() {
            if k > 0 {
                // Self-paced learners come back every few days.
                let gap = if plan.self_paced {
                    rng.i64(1..=4)
                } else {
                    plan.spacing
                };
                date += Duration::days(gap);
            }
            if date > last_day || !learner.free(date) {
                return None;
            }
            days.push((date, minutes));
        }
        Some(Run { session, days })
    }

    /// Adds one row crafted to be held with the next reason in turn, when this learner allows it.
    fn craft(&mut self, rng: &mut fastrand::Rng, learner: &Learner, chunk: &mut ProviderChunk) {
        let reason = HoldReason::ALL[self.next_reason % HoldReason::ALL.len()];
        if let Some(row) = self.crafted(rng, reason, learner, chunk) {
            chunk.held_by_design.push(HeldByDesign {
                row: chunk.attendance.len(),
                reason,
            });
            chunk.attendance.push(row);
            self.next_reason += 1;
        }
    }

    fn crafted(
        &mut self,
        rng: &mut fastrand::Rng,
        reason: HoldReason,
        learner: &Learner,
        chunk: &ProviderChunk,
    ) -> Option<(VendorCode, AttendanceReport)> {
        let catalog = self.catalog;
        let minutes = Minutes(rng.u32(4..=16) * 15);
        let report = |provider, course: &CourseNumber, date, session| AttendanceReport {
            provider,
            course: course.clone(),
            session,
            date,
            minutes,
            completed: false,
            certificate: None,
        };
        let any_attendable = |rng: &mut fastrand::Rng| {
            let pathway = &self.by_pathway[rng.usize(0..self.by_pathway.len())];
            (!pathway.is_empty()).then(|| pathway[rng.usize(0..pathway.len())])
        };
        match reason {
            HoldReason::UnknownProvider => {
                // A mistyped number: below 100000000, where the demo numbers no one.
                let n = 1_000_000 + (learner.global * 40_353_607 + 12_345) % 99_000_000;
                let number = valid(ProviderNumber::from_i64(n as i64));
                let course = any_attendable(rng)?;
                let date = day_between(rng, learner.from, learner.to);
                let row = report(number, &catalog.courses[course].number, date, None);
                Some((catalog.vendor_code(course).clone(), row))
            }
            HoldReason::ProviderNotEligible => {
                let course = any_attendable(rng)?;
                let (number, date) = match self.not_eligible.get(self.next_not_eligible) {
                    Some(&row) => {
                        self.next_not_eligible += 1;
                        // Recent days: a lapsed provider was last paid over a year before them.
                        let yesterday = self.calendar.last_attendance_day();
                        let recent = yesterday - Duration::days(14);
                        (
                            chunk.providers[row].number,
                            day_between(rng, recent, yesterday),
                        )
                    }
                    None => {
                        // Training before the provider's enrollment was complete.
                        let enrolled = chunk.providers[learner.row].enrolled_on?;
                        (learner.number, enrolled - Duration::days(rng.i64(1..=30)))
                    }
                };
                let row = report(number, &catalog.courses[course].number, date, None);
                Some((catalog.vendor_code(course).clone(), row))
            }
            HoldReason::UnknownCourse => {
                let date = free_day(rng, learner, learner.from, learner.to)?;
                let number = UNKNOWN_COURSE_NUMBERS[rng.usize(0..UNKNOWN_COURSE_NUMBERS.len())];
                let vendor = &catalog.vendors[rng.usize(0..catalog.vendors.len())].code;
                let row = report(
                    learner.number,
                    &valid(CourseNumber::parse(number)),
                    date,
                    None,
                );
                Some((vendor.clone(), row))
            }
            HoldReason::CourseNotPublished => {
                // Drafts, retired courses after retirement, new courses before publication.
                let mut options: Vec<(usize, Date, Date)> = Vec::new();
                for (c, course) in catalog.courses.iter().enumerate() {
                    match (course.published_on, course.retired_on) {
                        (None, _) => options.push((c, learner.from, learner.to)),
                        (Some(_), Some(retired)) => {
                            options.push((c, retired.max(learner.from), learner.to));
                        }
                        (Some(published), None) => {
                            let before = published.previous_day()?;
                            options.push((c, learner.from, before.min(learner.to)));
                        }
                    }
                }
                options.retain(|&(_, from, to)| from <= to);
                if options.is_empty() {
                    return None;
                }
                let (course, from, to) = options[rng.usize(0..options.len())];
                let date = free_day(rng, learner, from, to)?;
                let row = report(learner.number, &catalog.courses[course].number, date, None);
                Some((catalog.vendor_code(course).clone(), row))
            }
            HoldReason::WrongVendor => {
                let course = any_attendable(rng)?;
                let (from, to) = catalog.facts[course].attendable?;
                let date = free_day(rng, learner, from.max(learner.from), to.min(learner.to))?;
                let vendors = catalog.vendors.len();
                let other = (catalog.facts[course].vendor + rng.usize(1..vendors)) % vendors;
                let row = report(learner.number, &catalog.courses[course].number, date, None);
                Some((catalog.vendors[other].code.clone(), row))
            }
            HoldReason::SessionMismatch => {
                let course = any_attendable(rng)?;
                let (from, to) = catalog.facts[course].attendable?;
                let date = free_day(rng, learner, from.max(learner.from), to.min(learner.to))?;
                // The session of another course, as when a vendor copies the wrong line.
                let number = &catalog.courses[course].number;
                let others: Vec<usize> = (0..catalog.sessions.len())
                    .filter(|&s| &catalog.sessions[s].course != number)
                    .collect();
                let session = others.get(rng.usize(0..others.len().max(1)))?;
                let id = catalog.sessions[*session].id.clone();
                let row = report(learner.number, number, date, Some(id));
                Some((catalog.vendor_code(course).clone(), row))
            }
            HoldReason::OutsideProgramWindow => self.outside_window(rng, learner, chunk, report),
            HoldReason::Duplicate => {
                // The same day sent again with other minutes, instead of a correction.
                let &(row, _) = learner.rows.get(rng.usize(0..learner.rows.len()))?;
                let (vendor, original) = &chunk.attendance[row];
                let minutes = if original.minutes.get() > 30 {
                    original.minutes.get() - rng.u32(5..=25)
                } else {
                    original.minutes.get() + 15
                };
                let duplicate = AttendanceReport {
                    minutes: Minutes(minutes),
                    completed: false,
                    certificate: None,
                    ..original.clone()
                };
                Some((vendor.clone(), duplicate))
            }
            HoldReason::DailyMaximum => {
                // A second course of the same vendor on a day already well filled.
                let &(row, course) = learner.rows.get(rng.usize(0..learner.rows.len()))?;
                let (vendor, first) = &chunk.attendance[row];
                let vendor_index = catalog.facts[course].vendor;
                let second = (0..catalog.courses.len()).find(|&c| {
                    c != course
                        && catalog.facts[c].vendor == vendor_index
                        && catalog.courses[c].in_catalog_on(first.date)
                })?;
                let limit = self.program_year.daily_maximum.get();
                let minutes = limit - first.minutes.get().min(limit) + rng.u32(15..=120);
                let row = AttendanceReport {
                    minutes: Minutes(minutes),
                    ..report(
                        learner.number,
                        &catalog.courses[second].number,
                        first.date,
                        None,
                    )
                };
                Some((vendor.clone(), row))
            }
        }
    }

    /// A row dated outside the dates classes may be offered: between the real program's last
    /// class date and the demo program year when there is such a gap, else after the year ends.
    fn outside_window(
        &self,
        rng: &mut fastrand::Rng,
        learner: &Learner,
        chunk: &ProviderChunk,
        report: impl Fn(ProviderNumber, &CourseNumber, Date, Option<SessionId>) -> AttendanceReport,
    ) -> Option<(VendorCode, AttendanceReport)> {
        let provider = &chunk.providers[learner.row];
        let enrolled_on = provider.enrolled_on?;
        let gap_from = (self.calendar.default_last_class_date + Duration::days(1)).max(enrolled_on);
        let gap_to = self.calendar.classes_from - Duration::days(1);
        let (date, governing) = if gap_from <= gap_to {
            let default = PolicyVersion::program_default();
            (day_between(rng, gap_from, gap_to), default)
        } else {
            let after = self.calendar.last_class_date + Duration::days(rng.i64(1..=30));
            (after, self.program_year.clone())
        };
        let enrollment = Enrollment {
            status: provider.enrollment_status,
            enrolled_on: provider.enrolled_on,
            last_paid_on: provider.last_paid_on,
        };
        enrollment.eligible_on(date, &governing).ok()?;
        let courses = &self.catalog.courses;
        let start = rng.usize(0..courses.len());
        let course = (0..courses.len())
            .map(|k| (start + k) % courses.len())
            .find(|&c| courses[c].in_catalog_on(date))?;
        let row = report(learner.number, &courses[course].number, date, None);
        Some((self.catalog.vendor_code(course).clone(), row))
    }
}

/// A day between `from` and `to` on which the learner has no attendance yet.
fn free_day(rng: &mut fastrand::Rng, learner: &Learner, from: Date, to: Date) -> Option<Date> {
    if from > to {
        return None;
    }
    (0..10)
        .map(|_| day_between(rng, from, to))
        .find(|&date| learner.free(date))
}

/// A pathway by casual learners' interest, as an index into [`Pathway::ALL`].
fn pick_pathway(rng: &mut fastrand::Rng) -> usize {
    let mut ticket = rng.u32(0..PATHWAY_INTEREST.iter().sum());
    for (index, &share) in PATHWAY_INTEREST.iter().enumerate() {
        if ticket < share {
            return index;
        }
        ticket -= share;
    }
    0
}

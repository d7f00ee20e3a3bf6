//! Attendance verification (DOMAIN.md §4).
//!
//! A well-formed attendance report is either **verified** or **held** with the first reason, in
//! the program's order, that it fails. Records are judged in file order: the duplicate and
//! daily-maximum rules depend on what was verified before, which [`AttendanceLedger`] tracks.

use std::collections::{HashMap, HashSet};
use std::fmt;

use serde::{Deserialize, Serialize};
use time::Date;

use crate::ParseError;
use crate::eligibility::Enrollment;
use crate::entities::{AttendanceReport, in_catalog_on};
use crate::ids::{CourseNumber, ProviderNumber, SessionId, VendorCode};
use crate::policy::PolicyBook;
use crate::quantity::Minutes;

/// Why an attendance record is held, in the order the rules are checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum HoldReason {
    UnknownProvider,
    ProviderNotEligible,
    UnknownCourse,
    CourseNotPublished,
    WrongVendor,
    SessionMismatch,
    OutsideProgramWindow,
    Duplicate,
    DailyMaximum,
}

impl HoldReason {
    pub const ALL: &'static [Self] = &[
        Self::UnknownProvider,
        Self::ProviderNotEligible,
        Self::UnknownCourse,
        Self::CourseNotPublished,
        Self::WrongVendor,
        Self::SessionMismatch,
        Self::OutsideProgramWindow,
        Self::Duplicate,
        Self::DailyMaximum,
    ];

    /// The stable reason code of DOMAIN.md §4.
    pub fn code(self) -> &'static str {
        match self {
            Self::UnknownProvider => "unknown-provider",
            Self::ProviderNotEligible => "provider-not-eligible",
            Self::UnknownCourse => "unknown-course",
            Self::CourseNotPublished => "course-not-published",
            Self::WrongVendor => "wrong-vendor",
            Self::SessionMismatch => "session-mismatch",
            Self::OutsideProgramWindow => "outside-program-window",
            Self::Duplicate => "duplicate",
            Self::DailyMaximum => "daily-maximum",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, ParseError> {
        Self::ALL
            .iter()
            .copied()
            .find(|r| r.code() == raw)
            .ok_or_else(|| ParseError::invalid("an attendance hold reason code", raw))
    }

    /// What the vendor should know to correct the record (English; pages translate by code).
    pub fn explanation(self) -> &'static str {
        match self {
            Self::UnknownProvider => "No provider has this provider number.",
            Self::ProviderNotEligible => {
                "The provider's enrollment was not complete, or had lapsed, on the training date."
            }
            Self::UnknownCourse => "No course has this course number.",
            Self::CourseNotPublished => "The course was not in the catalog on the training date.",
            Self::WrongVendor => "The course belongs to another training vendor.",
            Self::SessionMismatch => {
                "The session is not a session of this course, or does not cover the training date."
            }
            Self::OutsideProgramWindow => {
                "The training date is outside the dates classes may be offered."
            }
            Self::Duplicate => {
                "A verified record for this provider, course and date already exists; send a correction instead."
            }
            Self::DailyMaximum => {
                "The provider's verified minutes that day would pass the daily maximum."
            }
        }
    }
}

impl fmt::Display for HoldReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The outcome of verifying one report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verdict {
    /// Verified under this policy version.
    Verified {
        policy_version: String,
    },
    Held(HoldReason),
}

impl Verdict {
    pub fn hold_reason(&self) -> Option<HoldReason> {
        match self {
            Self::Verified { .. } => None,
            Self::Held(reason) => Some(*reason),
        }
    }
}

/// What verification needs to know about a course.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CourseFacts {
    pub vendor: VendorCode,
    pub published_on: Option<Date>,
    pub retired_on: Option<Date>,
}

/// What verification needs to know about a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionFacts {
    pub course: CourseNumber,
    pub starts_on: Date,
    pub ends_on: Date,
}

/// The reference data a report is checked against.
pub trait ReferenceData {
    fn enrollment(&self, provider: ProviderNumber) -> Option<Enrollment>;
    fn course(&self, course: &CourseNumber) -> Option<&CourseFacts>;
    fn session(&self, session: &SessionId) -> Option<&SessionFacts>;
}

/// The key of an attendance record: one provider, one course, one day.
pub type AttendanceKey = (ProviderNumber, CourseNumber, Date);

/// What has been verified so far, for the duplicate and daily-maximum rules.
#[derive(Debug, Default, Clone)]
pub struct AttendanceLedger {
    verified: HashSet<AttendanceKey>,
    daily: HashMap<(ProviderNumber, Date), Minutes>,
}

impl AttendanceLedger {
    /// Records an already verified record (from storage, or earlier in the file).
    pub fn record_verified(&mut self, key: AttendanceKey, minutes: Minutes) {
        let day = (key.0, key.2);
        if self.verified.insert(key) {
            *self.daily.entry(day).or_default() += minutes;
        }
    }

    pub fn is_verified(&self, key: &AttendanceKey) -> bool {
        self.verified.contains(key)
    }

    pub fn verified_minutes(&self, provider: ProviderNumber, date: Date) -> Minutes {
        self.daily
            .get(&(provider, date))
            .copied()
            .unwrap_or_default()
    }

    /// Verifies `report` (from `vendor`'s file) and, when verified, records it.
    pub fn check(
        &mut self,
        report: &AttendanceReport,
        vendor: &VendorCode,
        reference: &impl ReferenceData,
        policy: &PolicyBook,
    ) -> Verdict {
        let verdict = verify(report, vendor, reference, policy, self);
        if matches!(verdict, Verdict::Verified { .. }) {
            let key = (report.provider, report.course.clone(), report.date);
            self.record_verified(key, report.minutes);
        }
        verdict
    }
}

/// Checks one report against the rules of DOMAIN.md §4 and returns the first failing reason.
pub fn verify(
    report: &AttendanceReport,
    vendor: &VendorCode,
    reference: &impl ReferenceData,
    policy: &PolicyBook,
    ledger: &AttendanceLedger,
) -> Verdict {
    let date = report.date;
    let in_effect = policy.in_effect_on(date);
    // Eligibility needs a lapse period even for a date before any version; the first one governs.
    let governing = in_effect.or_else(|| policy.versions().first());

    let Some(enrollment) = reference.enrollment(report.provider) else {
        return Verdict::Held(HoldReason::UnknownProvider);
    };
    let eligible = governing.is_some_and(|p| enrollment.eligible_on(date, p).is_ok());
    if !eligible {
        return Verdict::Held(HoldReason::ProviderNotEligible);
    }
    let Some(course) = reference.course(&report.course) else {
        return Verdict::Held(HoldReason::UnknownCourse);
    };
    if !in_catalog_on(course.published_on, course.retired_on, date) {
        return Verdict::Held(HoldReason::CourseNotPublished);
    }
    if &course.vendor != vendor {
        return Verdict::Held(HoldReason::WrongVendor);
    }
    if let Some(session_id) = &report.session {
        let matches = reference
            .session(session_id)
            .is_some_and(|s| s.course == report.course && s.starts_on <= date && date <= s.ends_on);
        if !matches {
            return Verdict::Held(HoldReason::SessionMismatch);
        }
    }
    let Some(in_effect) = in_effect.filter(|p| p.classes_offered_on(date)) else {
        return Verdict::Held(HoldReason::OutsideProgramWindow);
    };
    if ledger.is_verified(&(report.provider, report.course.clone(), date)) {
        return Verdict::Held(HoldReason::Duplicate);
    }
    let day_total = ledger.verified_minutes(report.provider, date) + report.minutes;
    if day_total > in_effect.daily_maximum {
        return Verdict::Held(HoldReason::DailyMaximum);
    }
    Verdict::Verified {
        policy_version: in_effect.version.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::CertificateNumber;
    use crate::pathway::EnrollmentStatus;
    use crate::policy::PolicyVersion;
    use proptest::prelude::*;
    use time::macros::date;

    /// A small world: one eligible provider, one lapsed, one pending; two vendors' courses.
    struct World {
        courses: HashMap<CourseNumber, CourseFacts>,
        sessions: HashMap<SessionId, SessionFacts>,
    }

    fn provider(n: u32) -> ProviderNumber {
        ProviderNumber::parse(&format!("{n:09}")).unwrap()
    }
    fn course(c: &str) -> CourseNumber {
        CourseNumber::parse(c).unwrap()
    }
    fn vendor(v: &str) -> VendorCode {
        VendorCode::parse(v).unwrap()
    }

    impl ReferenceData for World {
        fn enrollment(&self, p: ProviderNumber) -> Option<Enrollment> {
            let complete = |last_paid_on| Enrollment {
                status: EnrollmentStatus::Complete,
                enrolled_on: Some(date!(2022 - 01 - 01)),
                last_paid_on,
            };
            match p.as_i64() {
                1..=99 => Some(complete(Some(date!(2024 - 06 - 01)))),
                100 => Some(complete(Some(date!(2022 - 01 - 01)))),
                101 => Some(Enrollment {
                    status: EnrollmentStatus::Pending,
                    ..complete(None)
                }),
                _ => None,
            }
        }
        fn course(&self, c: &CourseNumber) -> Option<&CourseFacts> {
            self.courses.get(c)
        }
        fn session(&self, s: &SessionId) -> Option<&SessionFacts> {
            self.sessions.get(s)
        }
    }

    fn world() -> World {
        let facts = |v: &str, published: Date, retired: Option<Date>| CourseFacts {
            vendor: vendor(v),
            published_on: Some(published),
            retired_on: retired,
        };
        World {
            courses: HashMap::from([
                (course("GHS-101"), facts("V1", date!(2022 - 10 - 01), None)),
                (
                    course("CPC-201"),
                    facts("V1", date!(2022 - 10 - 01), Some(date!(2024 - 01 - 01))),
                ),
                (course("AED-301"), facts("V2", date!(2022 - 10 - 01), None)),
                (course("THC-401"), facts("V1", date!(2024 - 03 - 01), None)),
            ]),
            sessions: HashMap::from([(
                SessionId::parse("S1").unwrap(),
                SessionFacts {
                    course: course("GHS-101"),
                    starts_on: date!(2023 - 09 - 01),
                    ends_on: date!(2023 - 09 - 03),
                },
            )]),
        }
    }

    fn report(
        p: u32,
        c: &str,
        session: Option<&str>,
        date: Date,
        minutes: u32,
    ) -> AttendanceReport {
        AttendanceReport {
            provider: provider(p),
            course: course(c),
            session: session.map(|s| SessionId::parse(s).unwrap()),
            date,
            minutes: Minutes(minutes),
            completed: false,
            certificate: None::<CertificateNumber>,
        }
    }

    fn book() -> PolicyBook {
        PolicyBook::new(vec![PolicyVersion::program_default()])
    }

    fn verdict_of(r: &AttendanceReport) -> Verdict {
        AttendanceLedger::default().check(r, &vendor("V1"), &world(), &book())
    }

    #[test]
    fn each_rule_holds_with_its_own_reason_code() {
        let d = date!(2023 - 09 - 02);
        let cases = [
            (
                report(555, "GHS-101", None, d, 60),
                HoldReason::UnknownProvider,
            ),
            (
                report(100, "GHS-101", None, d, 60),
                HoldReason::ProviderNotEligible,
            ),
            (
                report(101, "GHS-101", None, d, 60),
                HoldReason::ProviderNotEligible,
            ),
            (report(1, "XXX-999", None, d, 60), HoldReason::UnknownCourse),
            (
                report(1, "THC-401", None, d, 60),
                HoldReason::CourseNotPublished,
            ),
            (
                report(1, "CPC-201", None, date!(2024 - 01 - 01), 60),
                HoldReason::CourseNotPublished,
            ),
            (report(1, "AED-301", None, d, 60), HoldReason::WrongVendor),
            (
                report(1, "CPC-201", Some("S1"), d, 60),
                HoldReason::SessionMismatch,
            ),
            (
                report(1, "GHS-101", Some("S1"), date!(2023 - 09 - 04), 60),
                HoldReason::SessionMismatch,
            ),
            (
                report(1, "GHS-101", Some("NOPE"), d, 60),
                HoldReason::SessionMismatch,
            ),
            (
                report(1, "GHS-101", None, date!(2024 - 09 - 18), 60),
                HoldReason::OutsideProgramWindow,
            ),
            (report(1, "GHS-101", None, d, 721), HoldReason::DailyMaximum),
        ];
        for (r, reason) in cases {
            assert_eq!(verdict_of(&r), Verdict::Held(reason), "{r:?}");
        }
    }

    #[test]
    fn a_clean_record_is_verified_under_the_policy_in_effect() {
        let r = report(1, "GHS-101", Some("S1"), date!(2023 - 09 - 03), 720);
        assert_eq!(
            verdict_of(&r),
            Verdict::Verified {
                policy_version: "2022-10".into()
            }
        );
        // The last class date itself is inside the window.
        let r = report(1, "GHS-101", None, date!(2024 - 09 - 17), 60);
        assert!(matches!(verdict_of(&r), Verdict::Verified { .. }));
    }

    #[test]
    fn the_first_failing_rule_wins() {
        // Unknown course and outside the window: the course is checked first.
        let r = report(1, "XXX-1", None, date!(2025 - 01 - 01), 60);
        assert_eq!(verdict_of(&r), Verdict::Held(HoldReason::UnknownCourse));
    }

    #[test]
    fn duplicates_and_daily_maximum_follow_file_order() {
        let (w, b, v) = (world(), book(), vendor("V1"));
        let d = date!(2023 - 09 - 02);
        let mut ledger = AttendanceLedger::default();
        let first = report(1, "GHS-101", None, d, 600);
        assert!(matches!(
            ledger.check(&first, &v, &w, &b),
            Verdict::Verified { .. }
        ));
        let again = report(1, "GHS-101", None, d, 30);
        assert_eq!(
            ledger.check(&again, &v, &w, &b),
            Verdict::Held(HoldReason::Duplicate)
        );
        let other = report(1, "CPC-201", None, d, 121);
        assert_eq!(
            ledger.check(&other, &v, &w, &b),
            Verdict::Held(HoldReason::DailyMaximum)
        );
        let fits = report(1, "CPC-201", None, d, 120);
        assert!(matches!(
            ledger.check(&fits, &v, &w, &b),
            Verdict::Verified { .. }
        ));
        assert_eq!(ledger.verified_minutes(provider(1), d), Minutes(720));
    }

    #[test]
    fn reason_codes_round_trip() {
        for reason in HoldReason::ALL {
            assert_eq!(HoldReason::parse(reason.code()), Ok(*reason));
            assert!(!reason.explanation().is_empty());
        }
    }

    fn arb_report() -> impl Strategy<Value = AttendanceReport> {
        (
            prop_oneof![1u32..5, Just(100), Just(555)],
            prop::sample::select(vec!["GHS-101", "CPC-201", "AED-301", "XXX-1"]),
            0i64..10,
            1u32..=1440,
        )
            .prop_map(|(p, c, day, m)| {
                report(
                    p,
                    c,
                    None,
                    date!(2023 - 09 - 01) + time::Duration::days(day),
                    m,
                )
            })
    }

    proptest! {
        /// Whatever the order, no provider's verified minutes on a day pass the maximum, and no
        /// key is verified twice.
        #[test]
        fn verified_records_respect_the_daily_maximum_and_uniqueness(
            reports in prop::collection::vec(arb_report(), 0..60)
        ) {
            let (w, b, v) = (world(), book(), vendor("V1"));
            let mut ledger = AttendanceLedger::default();
            let mut totals: HashMap<(ProviderNumber, Date), u32> = HashMap::new();
            let mut keys = HashSet::new();
            for r in &reports {
                if let Verdict::Verified { .. } = ledger.check(r, &v, &w, &b) {
                    *totals.entry((r.provider, r.date)).or_default() += r.minutes.get();
                    prop_assert!(keys.insert((r.provider, r.course.clone(), r.date)));
                }
            }
            prop_assert!(totals.values().all(|t| *t <= 720));
        }

        /// A record's verdict, apart from the two order-dependent rules, does not depend on what
        /// came before it.
        #[test]
        fn order_independent_rules_ignore_history(
            history in prop::collection::vec(arb_report(), 0..30),
            r in arb_report(),
        ) {
            let (w, b, v) = (world(), book(), vendor("V1"));
            let fresh = AttendanceLedger::default().check(&r, &v, &w, &b);
            let mut ledger = AttendanceLedger::default();
            for h in &history {
                ledger.check(h, &v, &w, &b);
            }
            let after = ledger.check(&r, &v, &w, &b);
            match fresh.hold_reason() {
                Some(reason) if reason != HoldReason::Duplicate && reason != HoldReason::DailyMaximum => {
                    prop_assert_eq!(after, fresh);
                }
                _ => {
                    let order_dependent = matches!(
                        after.hold_reason(),
                        None | Some(HoldReason::Duplicate | HoldReason::DailyMaximum)
                    );
                    prop_assert!(order_dependent);
                }
            }
        }
    }
}

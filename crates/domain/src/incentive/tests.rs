use proptest::prelude::*;
use time::macros::date;

use super::*;
use crate::pathway::EnrollmentStatus;

use Pathway::{
    AdultEducation as AED, CognitiveImpairments as CIB, ComplexPhysicalCare as CPC,
    GeneralHealthAndSafety as GHS, TransitionToHome as THC,
};

/// One provider's facts, built up by a test; courses are named `<pathway>-<n>` with
/// `credit` hours.
#[derive(Debug, Clone)]
struct Scenario {
    enrollment: Enrollment,
    courses: Vec<CourseCredit>,
    verified: Vec<VerifiedRecord>,
    held: Vec<HeldRecord>,
    cases: Vec<CaseFacts>,
    work: Vec<WorkWeek>,
    policies: PolicyBook,
}

impl Scenario {
    fn new() -> Self {
        Self {
            enrollment: Enrollment {
                status: EnrollmentStatus::Complete,
                enrolled_on: Some(date!(2022 - 01 - 01)),
                last_paid_on: None,
            },
            courses: Vec::new(),
            verified: Vec::new(),
            held: Vec::new(),
            cases: Vec::new(),
            work: Vec::new(),
            policies: PolicyBook::new(vec![PolicyVersion::program_default()]),
        }
    }

    /// A course in `pathway` with `credit` whole hours; returns its index.
    fn course(&mut self, pathway: Pathway, credit: u32) -> u32 {
        let n = self.courses.len();
        self.courses.push(CourseCredit {
            number: CourseNumber::parse(&format!("{}-{n}", pathway.code())).unwrap(),
            pathway,
            credit: Hours::whole(credit),
        });
        u32::try_from(n).unwrap()
    }

    fn attend(&mut self, course: u32, date: Date, minutes: u32, completed: bool) -> &mut Self {
        self.verified.push(VerifiedRecord {
            course,
            date,
            minutes: Minutes(minutes),
            completed,
        });
        self
    }

    /// A completed course of `hours` in `pathway`, attended in one day.
    fn complete(&mut self, pathway: Pathway, hours: u32, date: Date) -> u32 {
        let c = self.course(pathway, hours);
        self.attend(c, date, hours * 60, true);
        c
    }

    /// A recipient with `needs`, assigned from `start` (to `end`).
    fn recipient(&mut self, needs: &[Pathway], start: Date, end: Option<Date>) -> u32 {
        let mut n = Needs::default();
        for p in needs {
            n.insert(*p);
        }
        let i = self.cases.len();
        self.cases.push(CaseFacts {
            case_number: CaseNumber::parse(&format!("CASE-{i}")).unwrap(),
            needs: n,
            spans: vec![(start, end)],
        });
        u32::try_from(i).unwrap()
    }

    /// `hundredths` of work for `case` in every week starting from `first` (a Sunday) for
    /// `weeks` weeks.
    fn work_weeks(&mut self, case: u32, first: Date, weeks: u32, hundredths: u32) {
        for w in 0..weeks {
            self.work.push(WorkWeek {
                case: Some(case),
                week_start: first + time::Duration::weeks(i64::from(w)),
                hours: Hours::from_hundredths(hundredths),
            });
        }
    }

    fn facts(&self) -> ProviderFacts<'_> {
        ProviderFacts {
            enrollment: self.enrollment,
            courses: &self.courses,
            verified: &self.verified,
            held: &self.held,
            cases: &self.cases,
            work: &self.work,
        }
    }

    fn evaluate(&self, as_of: Date) -> Evaluation {
        evaluate(&self.facts(), &self.policies, as_of)
    }
}

fn kinds(e: &Evaluation) -> Vec<(IncentiveKind, Pathway, Date, String)> {
    e.earned
        .iter()
        .map(|x| (x.kind, x.pathway, x.qualified_on, x.amount.to_string()))
        .collect()
}

const LATER: Date = date!(2024 - 12 - 31);

#[test]
fn fifteen_hours_exactly_qualify_on_the_completion_that_reaches_them() {
    let mut s = Scenario::new();
    s.complete(CPC, 8, date!(2023 - 03 - 01));
    let c = s.course(CPC, 8);
    s.attend(c, date!(2023 - 04 - 01), 300, false);
    s.attend(c, date!(2023 - 04 - 02), 120, true);
    let e = s.evaluate(LATER);
    assert_eq!(
        kinds(&e),
        vec![(
            IncentiveKind::Pathway,
            CPC,
            date!(2023 - 04 - 02),
            "500.00".into()
        )]
    );
    assert_eq!(e.training.pathway(CPC).counted, Minutes(900));
    let why = e.explain(&e.earned[0], &s.courses);
    assert!(why.contains("Qualified in CPC on 2023-04-02"), "{why}");
    assert!(
        why.contains("CPC-1 on 2023-04-01 (300 min): 5.00 h"),
        "{why}"
    );
    assert!(why.contains("policy version 2022-10"), "{why}");
}

#[test]
fn a_minute_short_does_not_qualify() {
    let mut s = Scenario::new();
    s.complete(GHS, 8, date!(2023 - 03 - 01));
    let c = s.course(GHS, 8);
    s.attend(c, date!(2023 - 04 - 01), 419, true);
    let e = s.evaluate(LATER);
    assert!(e.earned.is_empty());
    assert_eq!(e.training.pathway(GHS).counted, Minutes(899));
}

#[test]
fn minutes_beyond_credit_hours_and_after_completion_do_not_count() {
    let mut s = Scenario::new();
    let c = s.course(AED, 2);
    s.attend(c, date!(2023 - 01 - 01), 100, false)
        .attend(c, date!(2023 - 01 - 02), 100, true)
        .attend(c, date!(2023 - 01 - 03), 100, false);
    let e = s.evaluate(LATER);
    let course = &e.training.courses[0];
    assert_eq!(course.counted, Minutes(120));
    assert_eq!(course.completed_on, Some(date!(2023 - 01 - 02)));
    let uses: Vec<_> = course.records.iter().map(|r| r.used).collect();
    assert_eq!(
        uses,
        vec![
            RecordUse::Counted {
                minutes: Minutes(100)
            },
            RecordUse::Capped {
                minutes: Minutes(20),
                credit: Hours::whole(2)
            },
            RecordUse::AfterCompletion {
                completed_on: date!(2023 - 01 - 02)
            },
        ]
    );
}

#[test]
fn an_unfinished_course_awaits_completion() {
    let mut s = Scenario::new();
    let c = s.course(CIB, 20);
    s.attend(c, date!(2023 - 01 - 01), 960, false);
    let e = s.evaluate(LATER);
    assert!(e.earned.is_empty());
    assert_eq!(e.training.pathway(CIB).counted, Minutes(0));
    assert_eq!(e.training.pathway(CIB).awaiting, Minutes(960));
}

#[test]
fn records_after_the_evaluation_date_are_not_known_yet() {
    let mut s = Scenario::new();
    s.complete(GHS, 8, date!(2023 - 03 - 01));
    s.complete(GHS, 8, date!(2023 - 03 - 10));
    assert!(s.evaluate(date!(2023 - 03 - 09)).earned.is_empty());
    assert_eq!(s.evaluate(date!(2023 - 03 - 10)).earned.len(), 1);
}

#[test]
fn at_most_two_pathways_pay_the_first_by_date_then_table_order() {
    let mut s = Scenario::new();
    for p in [THC, GHS, CPC] {
        s.complete(p, 8, date!(2023 - 05 - 01));
        s.complete(p, 8, date!(2023 - 06 - 01));
    }
    s.complete(AED, 8, date!(2023 - 01 - 01));
    s.complete(AED, 8, date!(2023 - 02 - 01));
    let e = s.evaluate(LATER);
    let pathways: Vec<_> = e
        .earned
        .iter()
        .filter(|x| x.kind == IncentiveKind::Pathway)
        .map(|x| x.pathway)
        .collect();
    assert_eq!(pathways, vec![AED, GHS]);
    assert_eq!(
        e.withheld
            .iter()
            .filter(|w| matches!(w, Withheld::MaximumReached { .. }))
            .count(),
        2
    );
    // All five qualified all the same, which the specialized incentives use.
    assert!(e.training.pathway(CPC).qualified.is_some());
}

#[test]
fn the_amount_is_the_one_in_effect_on_the_qualification_date() {
    let mut s = Scenario::new();
    let mut raised = PolicyVersion::program_year("2023-07", date!(2023 - 07 - 01));
    raised.pathway_incentive_amount = Money::from_dollars(750);
    s.policies = PolicyBook::new(vec![PolicyVersion::program_default(), raised]);
    s.complete(GHS, 8, date!(2023 - 01 - 01));
    s.complete(GHS, 8, date!(2023 - 06 - 30));
    s.complete(AED, 8, date!(2023 - 01 - 01));
    s.complete(AED, 8, date!(2023 - 07 - 01));
    let e = s.evaluate(LATER);
    let got: Vec<_> = e
        .earned
        .iter()
        .map(|x| (x.pathway, x.amount.to_string(), x.policy_version.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (GHS, "500.00".into(), "2022-10"),
            (AED, "750.00".into(), "2023-07")
        ]
    );
}

#[test]
fn a_provider_not_eligible_on_the_date_does_not_qualify_then() {
    let mut s = Scenario::new();
    s.enrollment.last_paid_on = Some(date!(2022 - 03 - 01));
    s.complete(GHS, 8, date!(2023 - 01 - 01));
    s.complete(GHS, 8, date!(2023 - 03 - 02)); // 366 days after the last payment
    let e = s.evaluate(LATER);
    assert!(e.earned.is_empty());
    assert!(matches!(
        e.training.pathway(GHS).setbacks[..],
        [Setback::NotEligible { .. }]
    ));
    // Exactly 365 days is still eligible.
    s.verified.pop();
    s.complete(GHS, 8, date!(2023 - 03 - 01));
    assert_eq!(s.evaluate(LATER).earned.len(), 1);
}

/// A provider who qualified in CPC on 2023-03-15 and cares for a recipient with CPC needs.
fn specialized() -> (Scenario, u32) {
    let mut s = Scenario::new();
    s.complete(CPC, 8, date!(2023 - 03 - 01));
    s.complete(CPC, 8, date!(2023 - 03 - 15));
    let case = s.recipient(&[CPC], date!(2022 - 06 - 01), None);
    (s, case)
}

#[test]
fn forty_hours_in_the_month_after_qualifying_earn_the_one_month_incentive() {
    let (mut s, case) = specialized();
    // March's weeks do not count (the month began before qualifying); April has 5 Sundays.
    s.work_weeks(case, date!(2023 - 03 - 19), 2, 2000);
    s.work_weeks(case, date!(2023 - 04 - 02), 5, 800);
    let e = s.evaluate(LATER);
    let one = e
        .earned(IncentiveKind::SpecializedOneMonth, None)
        .expect("earned");
    assert_eq!(one.qualified_on, date!(2023 - 04 - 30));
    assert_eq!(one.pathway, CPC);
    assert_eq!(one.amount.to_string(), "500.00");
    assert_eq!(e.months[0].month, date!(2023 - 04 - 01));
    assert_eq!(e.months[0].matching, Hours::whole(40));
    let why = e.explain(one, &s.courses);
    assert!(
        why.contains("2023-04 40.00 of 40.00 hours (counts)"),
        "{why}"
    );
}

#[test]
fn a_month_of_39_99_hours_does_not_count() {
    let (mut s, case) = specialized();
    s.work_weeks(case, date!(2023 - 04 - 02), 4, 1000);
    s.work.last_mut().unwrap().hours = Hours::from_hundredths(999);
    assert!(s.evaluate(LATER).earned.len() == 1);
}

#[test]
fn a_month_is_not_judged_until_it_has_ended() {
    let (mut s, case) = specialized();
    s.work_weeks(case, date!(2023 - 04 - 02), 5, 1000);
    assert!(
        s.evaluate(date!(2023 - 04 - 29))
            .earned(IncentiveKind::SpecializedOneMonth, None)
            .is_none()
    );
    assert!(
        s.evaluate(date!(2023 - 04 - 30))
            .earned(IncentiveKind::SpecializedOneMonth, None)
            .is_some()
    );
}

#[test]
fn hours_for_recipients_without_matching_needs_or_assignment_do_not_count() {
    let (mut s, _) = specialized();
    let cib = s.recipient(&[CIB], date!(2022 - 06 - 01), None);
    let ended = s.recipient(&[CPC], date!(2022 - 06 - 01), Some(date!(2023 - 04 - 08)));
    s.work_weeks(cib, date!(2023 - 04 - 02), 5, 1000);
    // The assignment's last day is Saturday 2023-04-08: only the week of 04-02 counts.
    s.work_weeks(ended, date!(2023 - 04 - 02), 5, 1000);
    let e = s.evaluate(LATER);
    assert!(e.earned(IncentiveKind::SpecializedOneMonth, None).is_none());
    assert_eq!(e.months[0].matching, Hours::whole(10));
    assert_eq!(e.months[0].unmatched, Hours::whole(90));
}

#[test]
fn a_recipient_whose_needs_match_two_pathways_counts_once() {
    let (mut s, _) = specialized();
    s.complete(CIB, 8, date!(2023 - 03 - 01));
    s.complete(CIB, 8, date!(2023 - 03 - 02));
    let both = s.recipient(&[CIB, CPC], date!(2022 - 06 - 01), None);
    s.work_weeks(both, date!(2023 - 04 - 02), 5, 700);
    let e = s.evaluate(LATER);
    assert_eq!(e.months[0].matching, Hours::whole(35));
    assert!(e.earned(IncentiveKind::SpecializedOneMonth, None).is_none());
    // The first Category 2 pathway qualified names the specialized incentives.
    assert_eq!(e.training.specialized_qualifications()[0].0, CIB);
}

#[test]
fn a_week_counts_toward_the_month_it_starts_in() {
    let (mut s, case) = specialized();
    // Sunday 2023-04-30 starts a week that ends in May: it belongs to April.
    s.work_weeks(case, date!(2023 - 04 - 23), 2, 2000);
    let e = s.evaluate(LATER);
    assert_eq!(e.months[0].matching, Hours::whole(40));
    assert_eq!(e.months[1].matching, Hours::whole(0));
}

#[test]
fn needs_of_a_pathway_qualified_during_the_month_wait_for_the_next() {
    let (mut s, case) = specialized();
    let cib = s.recipient(&[CIB], date!(2022 - 06 - 01), None);
    s.complete(CIB, 8, date!(2023 - 04 - 01));
    s.complete(CIB, 8, date!(2023 - 04 - 10));
    s.work_weeks(cib, date!(2023 - 04 - 02), 9, 1000);
    s.work_weeks(case, date!(2023 - 04 - 02), 1, 100);
    let e = s.evaluate(LATER);
    assert_eq!(e.months[0].pathways, vec![CPC]);
    assert_eq!(e.months[0].matching, Hours::whole(1));
    assert_eq!(e.months[1].pathways, vec![CPC, CIB]);
    assert_eq!(e.months[1].matching, Hours::whole(40));
    assert_eq!(
        e.earned(IncentiveKind::SpecializedOneMonth, None)
            .unwrap()
            .qualified_on,
        date!(2023 - 05 - 31)
    );
}

#[test]
fn six_months_in_a_row_earn_the_six_month_incentive_on_the_last_day_of_the_sixth() {
    let (mut s, case) = specialized();
    // Every Sunday from April 2023 for a year, 10 hours; a gap in July resets the run.
    s.work_weeks(case, date!(2023 - 04 - 02), 52, 1000);
    s.work
        .retain(|w| !(w.week_start.month() == Month::July && w.week_start.year() == 2023));
    let e = s.evaluate(LATER);
    let six = e
        .earned(IncentiveKind::SpecializedSixMonths, None)
        .expect("earned");
    assert_eq!(six.qualified_on, date!(2024 - 01 - 31));
    assert_eq!(six.amount.to_string(), "2000.00");
    assert_eq!(
        e.earned(IncentiveKind::SpecializedOneMonth, None)
            .unwrap()
            .qualified_on,
        date!(2023 - 04 - 30)
    );
}

#[test]
fn eligibility_on_the_sixth_months_last_day_is_required() {
    let (mut s, case) = specialized();
    s.work_weeks(case, date!(2023 - 04 - 02), 40, 1000);
    // Last paid on 2022-09-15: eligible until 2023-09-15, so the sixth month (September) ends
    // after the enrollment lapsed, and so does every later one.
    s.enrollment.last_paid_on = Some(date!(2022 - 09 - 15));
    let e = s.evaluate(LATER);
    assert!(
        e.earned(IncentiveKind::SpecializedSixMonths, None)
            .is_none()
    );
    assert!(e.withheld.iter().any(|w| matches!(
        w,
        Withheld::NotEligible {
            kind: IncentiveKind::SpecializedSixMonths,
            ..
        }
    )));
    assert!(e.earned(IncentiveKind::SpecializedOneMonth, None).is_some());
}

#[test]
fn without_a_category_2_pathway_there_are_no_specialized_months() {
    let mut s = Scenario::new();
    s.complete(GHS, 8, date!(2023 - 03 - 01));
    s.complete(GHS, 8, date!(2023 - 03 - 15));
    let case = s.recipient(&[CPC], date!(2022 - 06 - 01), None);
    s.work_weeks(case, date!(2023 - 04 - 02), 30, 1000);
    let e = s.evaluate(LATER);
    assert!(e.months.is_empty());
    assert!(!e.training.needs_work_hours());
    assert_eq!(e.earned.len(), 1);
}

#[test]
fn held_records_are_listed_with_their_reason() {
    let mut s = Scenario::new();
    s.complete(GHS, 8, date!(2023 - 03 - 01));
    s.complete(GHS, 8, date!(2023 - 03 - 15));
    s.held.push(HeldRecord {
        course: s.courses[0].number.clone(),
        date: date!(2023 - 03 - 02),
        minutes: Minutes(60),
        reason: HoldReason::Duplicate,
    });
    let e = s.evaluate(LATER);
    let why = e.explain(&e.earned[0], &s.courses);
    assert!(
        why.contains("GHS-0 on 2023-03-02 (60 min): held, duplicate"),
        "{why}"
    );
}

#[test]
fn month_arithmetic() {
    assert_eq!(
        first_of_next_month(date!(2023 - 12 - 31)),
        date!(2024 - 01 - 01)
    );
    assert_eq!(
        last_day_of_month(date!(2024 - 02 - 10)),
        date!(2024 - 02 - 29)
    );
    assert_eq!(
        IncentiveKind::parse("specialized-6-months"),
        Ok(IncentiveKind::SpecializedSixMonths)
    );
}

// Property tests over random providers: a handful of courses in every pathway, records over
// two years, recipients with random needs and work weeks.

fn arb_scenario() -> impl Strategy<Value = Scenario> {
    let records = prop::collection::vec(
        (0u32..10, 0i64..700, 30u32..600, prop::bool::weighted(0.4)),
        0..40,
    );
    let work = prop::collection::vec((0u32..3, 0i64..100, 0u32..3000), 0..120);
    let needs = prop::collection::vec(prop::collection::vec(2usize..5, 0..3), 3);
    (records, work, needs, 1u32..9).prop_map(|(records, work, needs, credit)| {
        let mut s = Scenario::new();
        for i in 0..10 {
            s.course(Pathway::ALL[i % 5], credit + u32::try_from(i).unwrap() % 3);
        }
        for (course, day, minutes, completed) in records {
            s.attend(
                course,
                date!(2023 - 01 - 01) + time::Duration::days(day),
                minutes,
                completed,
            );
        }
        for n in needs {
            let pathways: Vec<Pathway> = n.iter().map(|i| Pathway::ALL[*i]).collect();
            s.recipient(&pathways, date!(2022 - 06 - 01), None);
        }
        for (case, week, hundredths) in work {
            s.work.push(WorkWeek {
                case: Some(case),
                week_start: date!(2023 - 01 - 01) + time::Duration::weeks(week),
                hours: Hours::from_hundredths(hundredths),
            });
        }
        s
    })
}

fn counted_per_pathway(e: &Evaluation) -> Vec<Minutes> {
    e.training.pathways.iter().map(|p| p.counted).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn adding_a_record_never_lowers_counted_hours_or_incentives(
        s in arb_scenario(),
        course in 0u32..10,
        day in 0i64..700,
        minutes in 30u32..600,
        completed in any::<bool>(),
    ) {
        let before = s.evaluate(LATER);
        let mut more = s.clone();
        let date = date!(2023 - 01 - 01) + time::Duration::days(day);
        // A record on a day that has one for the course already would be a duplicate, never
        // verified; and a completion dated before the course's first one would be a
        // correction of that one, not an addition (DOMAIN.md §11).
        let taken = s.verified.iter().any(|r| r.course == course && r.date == date);
        let first_done = s.verified.iter().filter(|r| r.course == course && r.completed).map(|r| r.date).min();
        prop_assume!(!taken);
        prop_assume!(!(completed && first_done.is_some_and(|d| date < d)));
        more.attend(course, date, minutes, completed);
        let after = more.evaluate(LATER);
        for (b, a) in counted_per_pathway(&before).iter().zip(counted_per_pathway(&after)) {
            prop_assert!(a >= *b, "{:?} -> {:?}", b, a);
        }
        prop_assert!(after.earned.len() >= before.earned.len());
    }

    #[test]
    fn never_more_pathway_incentives_than_the_policy_allows(s in arb_scenario()) {
        let e = s.evaluate(LATER);
        let max = PolicyVersion::program_default().pathway_incentive_max_count as usize;
        prop_assert!(e.earned.iter().filter(|x| x.kind == IncentiveKind::Pathway).count() <= max);
        for kind in [IncentiveKind::SpecializedOneMonth, IncentiveKind::SpecializedSixMonths] {
            prop_assert!(e.earned.iter().filter(|x| x.kind == kind).count() <= 1);
        }
    }

    #[test]
    fn amounts_are_the_policys_on_the_qualification_date(s in arb_scenario(), split in 0i64..700) {
        let mut s = s;
        let mut second = PolicyVersion::program_year("second", date!(2023 - 01 - 01) + time::Duration::days(split));
        second.pathway_incentive_amount = Money::from_cents(12_345);
        second.specialized_one_month_amount = Money::from_cents(67_890);
        second.specialized_six_months_amount = Money::from_dollars(3_000);
        s.policies = PolicyBook::new(vec![PolicyVersion::program_default(), second]);
        let e = s.evaluate(LATER);
        for x in &e.earned {
            let policy = s.policies.in_effect_on(x.qualified_on).unwrap();
            prop_assert_eq!(&x.policy_version, &policy.version);
            let expected = match x.kind {
                IncentiveKind::Pathway => policy.pathway_incentive_amount,
                IncentiveKind::SpecializedOneMonth => policy.specialized_one_month_amount,
                IncentiveKind::SpecializedSixMonths => policy.specialized_six_months_amount,
            };
            prop_assert_eq!(x.amount, expected);
        }
    }

    #[test]
    fn the_order_records_arrive_in_does_not_matter(s in arb_scenario(), seed in any::<u64>()) {
        let before = s.evaluate(LATER);
        let mut shuffled = s.clone();
        // A deterministic shuffle from the seed.
        let mut state = seed | 1;
        for i in (1..shuffled.verified.len()).rev() {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17;
            shuffled.verified.swap(i, (state % (i as u64 + 1)) as usize);
        }
        shuffled.work.reverse();
        let after = shuffled.evaluate(LATER);
        prop_assert_eq!(&before.earned, &after.earned);
        prop_assert_eq!(counted_per_pathway(&before), counted_per_pathway(&after));
        prop_assert_eq!(&before.months, &after.months);
    }

    #[test]
    fn specialized_incentives_come_after_a_category_2_qualification(s in arb_scenario()) {
        let e = s.evaluate(LATER);
        let first = e.training.specialized_qualifications().first().map(|(_, q)| q.on);
        for x in e.earned.iter().filter(|x| x.kind != IncentiveKind::Pathway) {
            prop_assert!(first.is_some_and(|d| d < x.qualified_on));
            prop_assert_eq!(x.qualified_on, last_day_of_month(x.qualified_on));
        }
    }
}

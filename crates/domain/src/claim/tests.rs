use proptest::prelude::*;
use time::macros::date;

use super::*;
use crate::pathway::EnrollmentStatus;
use crate::policy::PolicyVersion;

/// A claim for a completion on 2023-03-09 (a Thursday; its workweek starts Sunday 2023-03-05)
/// by an eligible provider assigned to a Sacramento recipient, where the rate is $16.90 from
/// 2023-01-01 and $17.50 from 2023-03-10.
struct Case {
    request: ClaimRequest,
    enrollment: Enrollment,
    assignment: Vec<(Date, Option<Date>)>,
    completion: Option<(Date, Minutes)>,
    claimed_before: bool,
    rates: Vec<WageRate>,
    week_work: Hours,
    week_training: Hours,
}

impl Case {
    fn new() -> Self {
        let county = CountyCode::new(34).unwrap();
        Self {
            request: ClaimRequest {
                trained_on: date!(2023 - 03 - 09),
                hours: Hours::whole(8),
                filed_on: date!(2023 - 03 - 20),
            },
            enrollment: Enrollment {
                status: EnrollmentStatus::Complete,
                enrolled_on: Some(date!(2022 - 01 - 01)),
                last_paid_on: None,
            },
            assignment: vec![(date!(2022 - 06 - 01), None)],
            completion: Some((date!(2023 - 03 - 09), Minutes(480))),
            claimed_before: false,
            rates: vec![
                WageRate {
                    county,
                    effective_from: date!(2023 - 01 - 01),
                    hourly_rate: Money::from_cents(1690),
                },
                WageRate {
                    county,
                    effective_from: date!(2023 - 03 - 10),
                    hourly_rate: Money::from_cents(1750),
                },
            ],
            week_work: Hours::whole(0),
            week_training: Hours::whole(0),
        }
    }

    fn judge(&self) -> Result<TrainingPay, ClaimRefusal> {
        let facts = ClaimFacts {
            enrollment: self.enrollment,
            assignment: &self.assignment,
            completion: self.completion,
            claimed_before: self.claimed_before,
            county: CountyCode::new(34).unwrap(),
            rates: &self.rates,
            week_work: self.week_work,
            week_training: self.week_training,
        };
        judge_training_claim(
            &self.request,
            &facts,
            &PolicyBook::new(vec![PolicyVersion::program_default()]),
        )
    }

    fn refused_by(&self) -> ClaimRule {
        self.judge().expect_err("a refusal").rule
    }
}

#[test]
fn pay_is_hours_times_the_rate_in_effect_on_the_training_date() {
    let pay = Case::new().judge().unwrap();
    assert_eq!(pay.rate, Money::from_cents(1690));
    assert_eq!(pay.amount, Money::from_cents(13520));
    assert_eq!(pay.overtime_hours, Decimal::ZERO);
    assert_eq!(pay.week_start, date!(2023 - 03 - 05));
    assert_eq!(pay.policy_version, "2022-10");
    assert_eq!(
        pay.explain(),
        "8.00 hours on 2023-03-09 at $16.90 an hour (the county's rate in effect that day) = \
         $135.20 (policy version 2022-10)"
    );
}

#[test]
fn hours_past_forty_in_the_workweek_are_overtime() {
    let mut case = Case::new();
    // 30 hours of work and 5 of an earlier claim: 5 of these 8 hours are within 40, 3 beyond.
    case.week_work = Hours::whole(30);
    case.week_training = Hours::whole(5);
    let pay = case.judge().unwrap();
    assert_eq!(pay.overtime_hours, Decimal::from(3));
    assert_eq!(pay.overtime(), Hours::whole(3));
    // 5 × 16.90 + 3 × 16.90 × 1.5 = 84.50 + 76.05
    assert_eq!(pay.amount, Money::from_cents(16055));
    assert!(
        pay.explain().contains("3.00 hours are overtime at 1.5×"),
        "{}",
        pay.explain()
    );

    // Exactly 40 is not overtime; a week already past 40 makes every hour overtime.
    case.week_training = Hours::whole(2);
    assert_eq!(case.judge().unwrap().overtime_hours, Decimal::ZERO);
    case.week_work = Hours::whole(45);
    assert_eq!(case.judge().unwrap().overtime_hours, Decimal::from(8));
}

#[test]
fn each_rule_refuses_by_name() {
    let mut c = Case::new();
    c.completion = None;
    assert_eq!(c.refused_by(), ClaimRule::VerifiedAttendance);
    let mut c = Case::new();
    c.completion = Some((date!(2023 - 03 - 08), Minutes(480)));
    assert_eq!(c.refused_by(), ClaimRule::VerifiedAttendance);
    let mut c = Case::new();
    c.claimed_before = true;
    assert_eq!(c.refused_by(), ClaimRule::NotClaimedBefore);
    let mut c = Case::new();
    c.request.filed_on = date!(2024 - 11 - 16);
    assert_eq!(c.refused_by(), ClaimRule::ClaimWindow);
    c.request.filed_on = date!(2024 - 11 - 15);
    assert!(c.judge().is_ok(), "the last claim date is still inside");
    let mut c = Case::new();
    c.enrollment.last_paid_on = Some(date!(2022 - 03 - 08));
    assert_eq!(c.refused_by(), ClaimRule::ProviderEligible);
    let mut c = Case::new();
    c.assignment = vec![(date!(2022 - 06 - 01), Some(date!(2023 - 03 - 08)))];
    assert_eq!(c.refused_by(), ClaimRule::ActiveAssignment);
    c.assignment.push((date!(2023 - 03 - 09), None));
    assert!(
        c.judge().is_ok(),
        "an assignment starting that day is active"
    );
    let mut c = Case::new();
    c.request.hours = Hours::from_hundredths(801);
    assert_eq!(c.refused_by(), ClaimRule::HoursVerified);
    c.request.hours = Hours::from_hundredths(0);
    assert_eq!(c.refused_by(), ClaimRule::HoursVerified);
    let mut c = Case::new();
    c.rates.retain(|r| r.effective_from > date!(2023 - 03 - 09));
    assert_eq!(c.refused_by(), ClaimRule::WageRate);
    assert!(ClaimRule::ALL.iter().all(|r| !r.code().is_empty()));
}

proptest! {
    #[test]
    fn pay_lies_between_straight_time_and_all_overtime_and_more_work_never_pays_less(
        hundredths in 1u32..=800,
        work in 0u32..=6000,
        training in 0u32..=2000,
        more in 0u32..=3000,
    ) {
        let mut case = Case::new();
        case.request.hours = Hours::from_hundredths(hundredths);
        case.week_work = Hours::from_hundredths(work);
        case.week_training = Hours::from_hundredths(training);
        let pay = case.judge().unwrap();
        let rate = pay.rate.as_decimal();
        let hours = pay.hours.to_decimal();
        prop_assert!(pay.overtime_hours >= Decimal::ZERO && pay.overtime_hours <= hours);
        prop_assert!(pay.amount >= Money::round(rate * hours));
        prop_assert!(pay.amount <= Money::round(rate * hours * pay.multiplier));
        case.week_work = Hours::from_hundredths(work + more);
        let busier = case.judge().unwrap();
        prop_assert!(busier.amount >= pay.amount);
        prop_assert!(busier.overtime_hours >= pay.overtime_hours);
    }

    #[test]
    fn claimed_hours_above_the_verified_are_always_refused(minutes in 1u32..=1440, extra in 1u32..=500) {
        let mut case = Case::new();
        case.completion = Some((date!(2023 - 03 - 09), Minutes(minutes)));
        // The most hours (to the hundredth) the minutes cover are accepted; one hundredth more is not.
        let most = minutes * 100 / 60;
        case.request.hours = Hours::from_hundredths(most);
        prop_assert_eq!(case.judge().is_ok(), most > 0);
        case.request.hours = Hours::from_hundredths(most + extra);
        prop_assert_eq!(case.refused_by(), ClaimRule::HoursVerified);
    }
}

#[test]
fn a_workweek_starts_on_sunday() {
    assert_eq!(week_start(date!(2023 - 03 - 05)), date!(2023 - 03 - 05));
    assert_eq!(week_start(date!(2023 - 03 - 11)), date!(2023 - 03 - 05));
    assert_eq!(week_start(date!(2023 - 03 - 12)), date!(2023 - 03 - 12));
}

//! The program's changeable rules, as data with effective dates.
//!
//! Every threshold, amount, count and date the rules use lives in a [`PolicyVersion`]. A new
//! program year or a changed amount is a new version with its own effective date, never a code
//! change. Decisions record the version they used, so they can be explained and replayed.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use time::Date;
use time::macros::date;

use crate::quantity::{Hours, Minutes, Money};

/// One version of the program's rules, in effect from `effective_from` until the next version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyVersion {
    /// A stable name such as `2022-10`, recorded on every decision that used this version.
    pub version: String,
    pub effective_from: Date,
    /// Enrollment lapses when the provider was last paid more than this many days before a date.
    pub enrollment_lapse_days: u32,
    /// The most verified training minutes one provider can have on one day.
    pub daily_maximum: Minutes,
    /// The first day classes may be offered under this version.
    pub classes_from: Date,
    /// The last day classes may be offered; attendance after it is outside the program window.
    pub last_class_date: Date,
    /// The last day a claim may be filed.
    pub last_claim_date: Date,
    /// The last day claims are processed.
    pub last_processing_date: Date,
    /// Counted hours in a pathway that qualify for the pathway incentive.
    pub pathway_incentive_hours: Hours,
    /// How many pathway incentives one provider can earn in all.
    pub pathway_incentive_max_count: u32,
    pub pathway_incentive_amount: Money,
    /// Paid hours in a calendar month, for a matching recipient, that make a specialized month.
    pub specialized_monthly_hours: Hours,
    pub specialized_one_month_amount: Money,
    /// Consecutive specialized months for the six-month incentive.
    pub specialized_months: u32,
    pub specialized_six_months_amount: Money,
    /// Training plus work hours in one workweek beyond which training hours are overtime.
    pub overtime_weekly_threshold: Hours,
    /// The pay multiplier for overtime training hours.
    pub overtime_multiplier: Decimal,
    /// The most future coaching appointments one provider may hold.
    pub coaching_max_future_appointments: u32,
}

impl PolicyVersion {
    /// The program's rules with the example values of DOMAIN.md, over the real program's calendar
    /// (classes from October 2022 to 2024-09-17, claims until 2024-11-15).
    pub fn program_default() -> Self {
        Self {
            version: "2022-10".into(),
            effective_from: date!(2022 - 10 - 01),
            enrollment_lapse_days: 365,
            daily_maximum: Minutes(12 * 60),
            classes_from: date!(2022 - 10 - 01),
            last_class_date: date!(2024 - 09 - 17),
            last_claim_date: date!(2024 - 11 - 15),
            last_processing_date: date!(2024 - 12 - 31),
            pathway_incentive_hours: Hours::whole(15),
            pathway_incentive_max_count: 2,
            pathway_incentive_amount: Money::from_dollars(500),
            specialized_monthly_hours: Hours::whole(40),
            specialized_one_month_amount: Money::from_dollars(500),
            specialized_months: 6,
            specialized_six_months_amount: Money::from_dollars(2_000),
            overtime_weekly_threshold: Hours::whole(40),
            overtime_multiplier: Decimal::new(15, 1),
            coaching_max_future_appointments: 2,
        }
    }

    /// A program year under the default rules, for the demo and for tests: classes from
    /// `classes_from` for a year, claims for six weeks after the last class.
    pub fn program_year(version: &str, classes_from: Date) -> Self {
        let last_class_date = classes_from
            .replace_year(classes_from.year() + 1)
            .unwrap_or(classes_from)
            .previous_day()
            .unwrap_or(classes_from);
        Self {
            version: version.into(),
            effective_from: classes_from,
            classes_from,
            last_class_date,
            last_claim_date: last_class_date + time::Duration::days(42),
            last_processing_date: last_class_date + time::Duration::days(90),
            ..Self::program_default()
        }
    }

    /// Whether classes on `date` are inside this version's program window.
    pub fn classes_offered_on(&self, date: Date) -> bool {
        self.classes_from <= date && date <= self.last_class_date
    }
}

/// Every policy version, ordered by effective date.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PolicyBook {
    versions: Vec<PolicyVersion>,
}

impl PolicyBook {
    pub fn new(mut versions: Vec<PolicyVersion>) -> Self {
        versions.sort_by_key(|v| v.effective_from);
        Self { versions }
    }

    /// The version in effect on `date`: the latest whose effective date is on or before it.
    pub fn in_effect_on(&self, date: Date) -> Option<&PolicyVersion> {
        let after = self.versions.partition_point(|v| v.effective_from <= date);
        after.checked_sub(1).map(|i| &self.versions[i])
    }

    pub fn versions(&self) -> &[PolicyVersion] {
        &self.versions
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_version_in_effect_is_the_latest_started() {
        let first = PolicyVersion::program_default();
        let second = PolicyVersion::program_year("2026-07", date!(2026 - 07 - 01));
        let book = PolicyBook::new(vec![second.clone(), first.clone()]);
        assert_eq!(book.in_effect_on(date!(2022 - 09 - 30)), None);
        assert_eq!(book.in_effect_on(date!(2022 - 10 - 01)), Some(&first));
        assert_eq!(book.in_effect_on(date!(2026 - 06 - 30)), Some(&first));
        assert_eq!(book.in_effect_on(date!(2026 - 07 - 01)), Some(&second));
    }

    #[test]
    fn a_program_year_runs_one_year() {
        let v = PolicyVersion::program_year("2026-07", date!(2026 - 07 - 01));
        assert_eq!(v.last_class_date, date!(2027 - 06 - 30));
        assert!(v.classes_offered_on(date!(2027 - 06 - 30)));
        assert!(!v.classes_offered_on(date!(2027 - 07 - 01)));
        assert_eq!(v.daily_maximum, Minutes(720));
    }

    #[test]
    fn versions_serialise_as_plain_json() {
        let v = PolicyVersion::program_default();
        let json = serde_json::to_string(&v).unwrap();
        assert!(
            json.contains("\"pathway_incentive_amount\":\"500.00\""),
            "{json}"
        );
        let back: PolicyVersion = serde_json::from_str(&json).unwrap();
        assert_eq!(back, v);
    }
}

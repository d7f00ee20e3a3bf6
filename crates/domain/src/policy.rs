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

mod parameters;

pub use parameters::{PARAMETERS, Parameter, ParameterKind, PolicyProblem, valid_version_name};

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

    pub fn get(&self, version: &str) -> Option<&PolicyVersion> {
        self.versions.iter().find(|v| v.version == version)
    }

    /// The book without the named version: the dates it ruled fall to the version before it.
    pub fn without(&self, version: &str) -> Self {
        Self::new(
            self.versions
                .iter()
                .filter(|v| v.version != version)
                .cloned()
                .collect(),
        )
    }

    /// The book with `to` in place of `from`: `to` rules from its effective date until the next
    /// version; `from` keeps the dates before that, and is gone when `to` starts on or before
    /// it. This is what publishing `to` as `from`'s successor (or backdated replacement) would
    /// make of the rules, for replaying decisions before the change is made.
    pub fn replacing(&self, from: &str, to: &PolicyVersion) -> Self {
        let from_start = self.get(from).map(|v| v.effective_from);
        Self::new(
            self.versions
                .iter()
                .filter(|v| v.version != to.version && v.effective_from != to.effective_from)
                .filter(|v| !(v.version == from && from_start >= Some(to.effective_from)))
                .cloned()
                .chain([to.clone()])
                .collect(),
        )
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
    fn a_replacement_takes_over_from_its_date() {
        let first = PolicyVersion::program_default();
        let second = PolicyVersion::program_year("2025-10", date!(2025 - 10 - 01));
        let book = PolicyBook::new(vec![first.clone(), second.clone()]);

        // A successor from a later date: the replaced version keeps the dates before it.
        let mut later = PolicyVersion::program_year("2026-01", date!(2026 - 01 - 01));
        later.pathway_incentive_amount = Money::from_dollars(600);
        let after = book.replacing("2025-10", &later);
        assert_eq!(after.in_effect_on(date!(2025 - 12 - 31)), Some(&second));
        assert_eq!(after.in_effect_on(date!(2026 - 01 - 01)), Some(&later));
        assert_eq!(after.in_effect_on(date!(2023 - 01 - 01)), Some(&first));

        // A backdated replacement starting before the replaced one removes it.
        let earlier = PolicyVersion::program_year("2025-09", date!(2025 - 09 - 01));
        let after = book.replacing("2025-10", &earlier);
        assert_eq!(after.versions().len(), 2);
        assert_eq!(after.get("2025-10"), None);
        assert_eq!(after.in_effect_on(date!(2026 - 06 - 01)), Some(&earlier));
        assert_eq!(after.in_effect_on(date!(2025 - 08 - 31)), Some(&first));

        // A version already in the book is replaced, not doubled.
        let again = book.replacing("2022-10", &second);
        assert_eq!(again.versions().len(), 2);
        assert_eq!(book.without("2025-10").versions(), &[first][..]);
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

//! A policy version's parameters by name, as program admins read and set them: in the units the
//! program speaks of (hours, dollars, days), checked one by one and together.

use rust_decimal::Decimal;
use time::Date;

use super::PolicyVersion;
use crate::ParseError;
use crate::error::{format_date, parse_date};
use crate::quantity::{Hours, Minutes, Money};

/// What kind of value a parameter holds, for its form field and its reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParameterKind {
    Date,
    /// A whole number of days.
    Days,
    /// A whole number of things (incentives, months, appointments).
    Count,
    /// Hours to the hundredth.
    Hours,
    /// Dollars and cents.
    Money,
    /// A pay multiplier such as 1.5.
    Multiplier,
}

/// One parameter: its name (as in the stored JSON and on the command line) and kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parameter {
    pub name: &'static str,
    pub kind: ParameterKind,
}

const fn p(name: &'static str, kind: ParameterKind) -> Parameter {
    Parameter { name, kind }
}

/// Every parameter a version sets, in the order forms and listings show them.
pub const PARAMETERS: [Parameter; 17] = [
    p("effective_from", ParameterKind::Date),
    p("classes_from", ParameterKind::Date),
    p("last_class_date", ParameterKind::Date),
    p("last_claim_date", ParameterKind::Date),
    p("last_processing_date", ParameterKind::Date),
    p("enrollment_lapse_days", ParameterKind::Days),
    p("daily_maximum", ParameterKind::Hours),
    p("pathway_incentive_hours", ParameterKind::Hours),
    p("pathway_incentive_max_count", ParameterKind::Count),
    p("pathway_incentive_amount", ParameterKind::Money),
    p("specialized_monthly_hours", ParameterKind::Hours),
    p("specialized_one_month_amount", ParameterKind::Money),
    p("specialized_months", ParameterKind::Count),
    p("specialized_six_months_amount", ParameterKind::Money),
    p("overtime_weekly_threshold", ParameterKind::Hours),
    p("overtime_multiplier", ParameterKind::Multiplier),
    p("coaching_max_future_appointments", ParameterKind::Count),
];

/// Why a version or one of its values was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PolicyProblem {
    #[error("there is no policy parameter named {0:?}")]
    UnknownParameter(String),
    #[error("{parameter} {error}")]
    Value {
        parameter: &'static str,
        error: ParseError,
    },
    #[error(
        "the version name must be 1 to 32 letters, digits, dots, hyphens or underscores, found {0:?}"
    )]
    VersionName(String),
    #[error("{earlier} must be on or before {later}")]
    DatesOutOfOrder {
        earlier: &'static str,
        later: &'static str,
    },
}

impl PolicyProblem {
    /// The parameter the problem is about, for placing it beside its form field.
    pub fn parameter(&self) -> Option<&'static str> {
        match self {
            Self::Value { parameter, .. } => Some(parameter),
            Self::DatesOutOfOrder { later, .. } => Some(later),
            Self::UnknownParameter(_) | Self::VersionName(_) => None,
        }
    }
}

/// Whether `name` can name a version: short, and safe in file names, addresses and logs.
pub fn valid_version_name(name: &str) -> bool {
    (1..=32).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
}

fn whole(raw: &str, min: u32, max: u32) -> Result<u32, ParseError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(ParseError::Missing);
    }
    let value: u64 = raw
        .parse()
        .map_err(|_| ParseError::invalid("a whole number", raw))?;
    if value < u64::from(min) || value > u64::from(max) {
        return Err(ParseError::OutOfRange {
            min: min.to_string(),
            max: max.to_string(),
            found: raw.into(),
        });
    }
    Ok(value as u32)
}

fn hours(raw: &str, min: Hours, max: Hours) -> Result<Hours, ParseError> {
    let value = Hours::parse(raw, max)?;
    if value < min {
        return Err(ParseError::OutOfRange {
            min: min.to_string(),
            max: max.to_string(),
            found: raw.trim().into(),
        });
    }
    Ok(value)
}

impl PolicyVersion {
    /// A parameter's value as text, in the units [`Self::set`] reads (hours, dollars, days).
    pub fn parameter(&self, name: &str) -> Option<String> {
        let hours_of = |m: Minutes| m.to_hours_exact().normalize().to_string();
        Some(match name {
            "effective_from" => format_date(self.effective_from),
            "classes_from" => format_date(self.classes_from),
            "last_class_date" => format_date(self.last_class_date),
            "last_claim_date" => format_date(self.last_claim_date),
            "last_processing_date" => format_date(self.last_processing_date),
            "enrollment_lapse_days" => self.enrollment_lapse_days.to_string(),
            "daily_maximum" => hours_of(self.daily_maximum),
            "pathway_incentive_hours" => self.pathway_incentive_hours.to_string(),
            "pathway_incentive_max_count" => self.pathway_incentive_max_count.to_string(),
            "pathway_incentive_amount" => self.pathway_incentive_amount.to_string(),
            "specialized_monthly_hours" => self.specialized_monthly_hours.to_string(),
            "specialized_one_month_amount" => self.specialized_one_month_amount.to_string(),
            "specialized_months" => self.specialized_months.to_string(),
            "specialized_six_months_amount" => self.specialized_six_months_amount.to_string(),
            "overtime_weekly_threshold" => self.overtime_weekly_threshold.to_string(),
            "overtime_multiplier" => self.overtime_multiplier.to_string(),
            "coaching_max_future_appointments" => self.coaching_max_future_appointments.to_string(),
            _ => return None,
        })
    }

    /// Sets one parameter from text in its program units: dates as `2026-07-01`, hours as
    /// `15` or `12.5`, amounts as `500.00`. Limits that keep the rules meaningful are checked
    /// here; how the dates relate to each other is [`Self::check`]'s.
    pub fn set(&mut self, name: &str, raw: &str) -> Result<(), PolicyProblem> {
        let Some(parameter) = PARAMETERS.iter().find(|p| p.name == name) else {
            return Err(PolicyProblem::UnknownParameter(
                name.chars().take(60).collect(),
            ));
        };
        let value_error = |error| PolicyProblem::Value {
            parameter: parameter.name,
            error,
        };
        let date =
            |raw: &str| -> Result<Date, PolicyProblem> { parse_date(raw).map_err(value_error) };
        match name {
            "effective_from" => self.effective_from = date(raw)?,
            "classes_from" => self.classes_from = date(raw)?,
            "last_class_date" => self.last_class_date = date(raw)?,
            "last_claim_date" => self.last_claim_date = date(raw)?,
            "last_processing_date" => self.last_processing_date = date(raw)?,
            "enrollment_lapse_days" => {
                self.enrollment_lapse_days = whole(raw, 1, 3_650).map_err(value_error)?;
            }
            "daily_maximum" => {
                let limit =
                    hours(raw, Hours::from_hundredths(1), Hours::whole(24)).map_err(value_error)?;
                // Attendance is counted in whole minutes, so the limit must be whole minutes.
                let hundredths_of_minutes = limit.hundredths() * 60;
                if hundredths_of_minutes % 100 != 0 {
                    return Err(value_error(ParseError::invalid(
                        "a number of hours that is whole minutes, such as 12 or 7.5",
                        raw,
                    )));
                }
                self.daily_maximum = Minutes(hundredths_of_minutes / 100);
            }
            "pathway_incentive_hours" => {
                self.pathway_incentive_hours =
                    hours(raw, Hours::from_hundredths(1), Hours::whole(1_000))
                        .map_err(value_error)?;
            }
            "pathway_incentive_max_count" => {
                // Five pathways exist; zero turns the incentive off.
                self.pathway_incentive_max_count = whole(raw, 0, 5).map_err(value_error)?;
            }
            "pathway_incentive_amount" => {
                self.pathway_incentive_amount = Money::parse(raw).map_err(value_error)?;
            }
            "specialized_monthly_hours" => {
                // No calendar month has more than 744 hours.
                self.specialized_monthly_hours =
                    hours(raw, Hours::from_hundredths(1), Hours::whole(744))
                        .map_err(value_error)?;
            }
            "specialized_one_month_amount" => {
                self.specialized_one_month_amount = Money::parse(raw).map_err(value_error)?;
            }
            "specialized_months" => {
                self.specialized_months = whole(raw, 1, 24).map_err(value_error)?;
            }
            "specialized_six_months_amount" => {
                self.specialized_six_months_amount = Money::parse(raw).map_err(value_error)?;
            }
            "overtime_weekly_threshold" => {
                self.overtime_weekly_threshold =
                    hours(raw, Hours::from_hundredths(1), Hours::whole(168))
                        .map_err(value_error)?;
            }
            "overtime_multiplier" => {
                let expected = "a multiplier from 1 to 3 with at most two decimals, such as 1.5";
                let value: Decimal = raw
                    .trim()
                    .parse()
                    .map_err(|_| value_error(ParseError::invalid(expected, raw)))?;
                if value < Decimal::ONE || value > Decimal::from(3) || value.normalize().scale() > 2
                {
                    return Err(value_error(ParseError::invalid(expected, raw)));
                }
                self.overtime_multiplier = value.normalize();
            }
            "coaching_max_future_appointments" => {
                self.coaching_max_future_appointments = whole(raw, 1, 20).map_err(value_error)?;
            }
            _ => return Err(PolicyProblem::UnknownParameter(name.into())),
        }
        Ok(())
    }

    /// Every problem of the version as a whole: its name, and dates that must come in order.
    pub fn check(&self) -> Vec<PolicyProblem> {
        let mut problems = Vec::new();
        if !valid_version_name(&self.version) {
            problems.push(PolicyProblem::VersionName(
                self.version.chars().take(60).collect(),
            ));
        }
        let dates = [
            ("classes_from", self.classes_from),
            ("last_class_date", self.last_class_date),
            ("last_claim_date", self.last_claim_date),
            ("last_processing_date", self.last_processing_date),
        ];
        for pair in dates.windows(2) {
            if pair[0].1 > pair[1].1 {
                problems.push(PolicyProblem::DatesOutOfOrder {
                    earlier: pair[0].0,
                    later: pair[1].0,
                });
            }
        }
        problems
    }

    /// The parameters whose values differ between two versions, with both values as text.
    pub fn differences(&self, other: &Self) -> Vec<(&'static str, String, String)> {
        PARAMETERS
            .iter()
            .filter_map(|p| {
                let (a, b) = (self.parameter(p.name)?, other.parameter(p.name)?);
                (a != b).then_some((p.name, a, b))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    #[test]
    fn every_parameter_reads_back_what_was_set() {
        let mut v = PolicyVersion::program_default();
        let values = [
            ("effective_from", "2026-07-01"),
            ("classes_from", "2026-07-01"),
            ("last_class_date", "2027-06-30"),
            ("last_claim_date", "2027-08-15"),
            ("last_processing_date", "2027-09-30"),
            ("enrollment_lapse_days", "400"),
            ("daily_maximum", "7.5"),
            ("pathway_incentive_hours", "12.50"),
            ("pathway_incentive_max_count", "3"),
            ("pathway_incentive_amount", "750.00"),
            ("specialized_monthly_hours", "35.00"),
            ("specialized_one_month_amount", "600.00"),
            ("specialized_months", "4"),
            ("specialized_six_months_amount", "2500.00"),
            ("overtime_weekly_threshold", "38.00"),
            ("overtime_multiplier", "2"),
            ("coaching_max_future_appointments", "3"),
        ];
        assert_eq!(values.len(), PARAMETERS.len());
        for (name, value) in values {
            v.set(name, value).unwrap();
            assert_eq!(v.parameter(name).as_deref(), Some(value), "{name}");
        }
        assert_eq!(v.daily_maximum, Minutes(450));
        assert_eq!(v.pathway_incentive_amount, Money::from_dollars(750));
        assert_eq!(v.effective_from, date!(2026 - 07 - 01));
        assert!(v.check().is_empty());
        assert_eq!(
            v.differences(&PolicyVersion::program_default()).len(),
            PARAMETERS.len()
        );
    }

    #[test]
    fn bad_values_are_refused_by_name_and_change_nothing() {
        let mut v = PolicyVersion::program_default();
        let before = v.clone();
        for (name, value) in [
            ("pathway_incentive_amount", "-5"),
            ("pathway_incentive_amount", "500.001"),
            ("daily_maximum", "25"),
            ("daily_maximum", "0.01"),
            ("pathway_incentive_max_count", "6"),
            ("specialized_months", "0"),
            ("overtime_multiplier", "0.5"),
            ("last_claim_date", "15/11/2024"),
            ("enrollment_lapse_days", "a year"),
        ] {
            let problem = v.set(name, value).unwrap_err();
            assert_eq!(problem.parameter(), Some(name), "{name}={value}");
            assert!(problem.to_string().starts_with(name), "{problem}");
        }
        assert_eq!(
            v.set("bonus", "1"),
            Err(PolicyProblem::UnknownParameter("bonus".into()))
        );
        assert_eq!(v, before);
    }

    #[test]
    fn dates_out_of_order_and_bad_names_are_problems() {
        let mut v = PolicyVersion::program_default();
        v.version = "2026 July".into();
        v.set("last_claim_date", "2024-01-01").unwrap();
        let problems = v.check();
        assert_eq!(
            problems,
            vec![
                PolicyProblem::VersionName("2026 July".into()),
                PolicyProblem::DatesOutOfOrder {
                    earlier: "last_class_date",
                    later: "last_claim_date"
                },
            ]
        );
        assert!(valid_version_name("2026-07_b.1"));
        assert!(!valid_version_name(""));
        assert!(!valid_version_name(&"x".repeat(33)));
    }
}

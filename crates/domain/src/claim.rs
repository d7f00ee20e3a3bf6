//! Training-pay claims (DOMAIN.md §5): whether a claim for one course completion is accepted —
//! a refusal names the rule that failed — and what it pays: hours × the county's wage rate in
//! effect on the training date, with the hours that take the provider's workweek past the
//! overtime threshold paid at the overtime multiplier.
//!
//! A claim has one training date, the course's completion date (the provider claims "course,
//! date, hours"), so the wage rate and the workweek are those of that date.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use time::{Date, Duration};

use crate::eligibility::Enrollment;
use crate::entities::{WageRate, wage_rate_on};
use crate::error::format_date;
use crate::ids::CountyCode;
use crate::policy::PolicyBook;
use crate::quantity::{Hours, Minutes, Money};

/// The rules a claim must pass, in the order they are checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ClaimRule {
    /// There is a verified completion of the course on the claimed date.
    VerifiedAttendance,
    /// The same completion was not claimed before.
    NotClaimedBefore,
    /// The claim is filed on or after the training date and by the last claim date.
    ClaimWindow,
    /// The provider was eligible on the training date.
    ProviderEligible,
    /// The provider had an active assignment with the claim's recipient on the training date.
    ActiveAssignment,
    /// The hours claimed are no more than the verified hours.
    HoursVerified,
    /// The recipient's county had a wage rate in effect on the training date.
    WageRate,
}

impl ClaimRule {
    pub const ALL: &'static [Self] = &[
        Self::VerifiedAttendance,
        Self::NotClaimedBefore,
        Self::ClaimWindow,
        Self::ProviderEligible,
        Self::ActiveAssignment,
        Self::HoursVerified,
        Self::WageRate,
    ];

    /// The stable code used in the API and translations.
    pub fn code(self) -> &'static str {
        match self {
            Self::VerifiedAttendance => "verified-attendance",
            Self::NotClaimedBefore => "not-claimed-before",
            Self::ClaimWindow => "claim-window",
            Self::ProviderEligible => "provider-eligible",
            Self::ActiveAssignment => "active-assignment",
            Self::HoursVerified => "hours-verified",
            Self::WageRate => "wage-rate",
        }
    }
}

/// A refused claim: the rule that failed and why, in English (pages translate the rule).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimRefusal {
    pub rule: ClaimRule,
    pub detail: String,
}

impl fmt::Display for ClaimRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.rule.code(), self.detail)
    }
}

/// What the provider asks to be paid for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClaimRequest {
    /// The completion date of the course: the training date.
    pub trained_on: Date,
    pub hours: Hours,
    pub filed_on: Date,
}

/// Everything the rules read about one claim.
#[derive(Debug, Clone, Copy)]
pub struct ClaimFacts<'a> {
    pub enrollment: Enrollment,
    /// The provider's assignment spans with the claim's recipient (start, end; no end: active).
    pub assignment: &'a [(Date, Option<Date>)],
    /// The verified completion date of the course, if any, and the verified minutes of the
    /// course up to and including it.
    pub completion: Option<(Date, Minutes)>,
    /// Whether this completion was claimed before.
    pub claimed_before: bool,
    /// The recipient's county and its wage-rate table.
    pub county: CountyCode,
    pub rates: &'a [WageRate],
    /// Paid work hours in the training date's workweek, for all recipients (payroll feed).
    pub week_work: Hours,
    /// Training hours of the provider's other accepted claims in the same workweek.
    pub week_training: Hours,
}

/// What an accepted claim pays, with the working shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrainingPay {
    pub trained_on: Date,
    /// The Sunday the training date's workweek starts on.
    pub week_start: Date,
    pub hours: Hours,
    pub rate: Money,
    /// Hours paid at the overtime multiplier (the rest at the rate).
    pub overtime_hours: Decimal,
    pub multiplier: Decimal,
    pub amount: Money,
    pub policy_version: String,
    /// Work and earlier training hours in the workweek before this claim.
    pub week_hours_before: Decimal,
    pub threshold: Hours,
}

impl TrainingPay {
    /// The overtime hours as hours to the hundredth (exact: every input is in hundredths).
    pub fn overtime(&self) -> Hours {
        let hundredths = (self.overtime_hours * Decimal::from(100))
            .trunc()
            .to_string()
            .parse::<u32>()
            .unwrap_or_default();
        Hours::from_hundredths(hundredths)
    }

    /// The computation, as the claim shows it.
    pub fn explain(&self) -> String {
        let regular = self.hours.to_decimal() - self.overtime_hours;
        let mut text = format!(
            "{} hours on {} at ${} an hour (the county's rate in effect that day)",
            self.hours,
            format_date(self.trained_on),
            self.rate
        );
        if self.overtime_hours > Decimal::ZERO {
            text.push_str(&format!(
                ": the workweek from {} already had {:.2} hours of work and training, so \
                 {:.2} hours are within {} hours and {:.2} hours are overtime at {}×",
                format_date(self.week_start),
                self.week_hours_before,
                regular,
                self.threshold,
                self.overtime_hours,
                self.multiplier
            ));
        }
        text.push_str(&format!(
            " = ${} (policy version {})",
            self.amount, self.policy_version
        ));
        text
    }
}

/// The Sunday on or before `date`: the workweek's first day.
pub fn week_start(date: Date) -> Date {
    date - Duration::days(i64::from(date.weekday().number_days_from_sunday()))
}

fn refuse(rule: ClaimRule, detail: String) -> ClaimRefusal {
    ClaimRefusal { rule, detail }
}

/// Judges a claim for training pay; on acceptance, what it pays.
pub fn judge_training_claim(
    request: &ClaimRequest,
    facts: &ClaimFacts<'_>,
    policies: &PolicyBook,
) -> Result<TrainingPay, ClaimRefusal> {
    let date = request.trained_on;
    let when = format_date(date);
    let Some((completed_on, verified)) = facts.completion.filter(|(d, _)| *d == date) else {
        return Err(refuse(
            ClaimRule::VerifiedAttendance,
            format!("there is no verified completion of this course on {when}"),
        ));
    };
    if facts.claimed_before {
        return Err(refuse(
            ClaimRule::NotClaimedBefore,
            format!("the completion on {when} was claimed before"),
        ));
    }
    let Some(policy) = policies.in_effect_on(completed_on) else {
        return Err(refuse(
            ClaimRule::ClaimWindow,
            format!("no program rules were in effect on {when}"),
        ));
    };
    if request.filed_on < date || request.filed_on > policy.last_claim_date {
        return Err(refuse(
            ClaimRule::ClaimWindow,
            format!(
                "claims for training on {when} are filed from that day until {}; this one was \
                 filed on {}",
                format_date(policy.last_claim_date),
                format_date(request.filed_on)
            ),
        ));
    }
    if let Err(why) = facts.enrollment.eligible_on(date, policy) {
        return Err(refuse(
            ClaimRule::ProviderEligible,
            format!("the provider was not eligible on {when}: {why}"),
        ));
    }
    let assigned = facts
        .assignment
        .iter()
        .any(|(start, end)| *start <= date && end.is_none_or(|e| date <= e));
    if !assigned {
        return Err(refuse(
            ClaimRule::ActiveAssignment,
            format!("the provider had no active assignment with this recipient on {when}"),
        ));
    }
    if !request.hours.reached_by(verified) || request.hours == Hours::from_hundredths(0) {
        return Err(refuse(
            ClaimRule::HoursVerified,
            format!(
                "{} hours were claimed; the verified attendance of this course is {:.2} hours",
                request.hours,
                verified.to_hours_display()
            ),
        ));
    }
    let Some(rate) = wage_rate_on(facts.rates, facts.county, date) else {
        return Err(refuse(
            ClaimRule::WageRate,
            format!(
                "{} County had no wage rate in effect on {when}",
                facts.county.name()
            ),
        ));
    };

    let hours = request.hours.to_decimal();
    let before = facts.week_work.to_decimal() + facts.week_training.to_decimal();
    let threshold = policy.overtime_weekly_threshold.to_decimal();
    let overtime = (before + hours - threshold).max(Decimal::ZERO).min(hours);
    let rate_value = rate.hourly_rate.as_decimal();
    let multiplier = policy.overtime_multiplier;
    let amount = Money::round(rate_value * (hours - overtime) + rate_value * multiplier * overtime);
    Ok(TrainingPay {
        trained_on: date,
        week_start: week_start(date),
        hours: request.hours,
        rate: rate.hourly_rate,
        overtime_hours: overtime,
        multiplier,
        amount,
        policy_version: policy.version.clone(),
        week_hours_before: before,
        threshold: policy.overtime_weekly_threshold,
    })
}

#[cfg(test)]
mod tests;

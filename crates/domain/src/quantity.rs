//! Exact quantities: minutes attended, hours (to the hundredth) and money (to the cent).
//! No floating point anywhere: pay and hour thresholds must add up to the cent and the minute.

use std::fmt;
use std::ops::{Add, AddAssign};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::ParseError;

/// Whole minutes of attendance.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct Minutes(pub u32);

impl Minutes {
    /// Minutes on one attendance record: a whole number from 1 to 1440 (one day).
    pub fn parse_attended(raw: &str) -> Result<Self, ParseError> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err(ParseError::Missing);
        }
        let value: i64 = raw
            .parse()
            .map_err(|_| ParseError::invalid("a whole number of minutes from 1 to 1440", raw))?;
        if !(1..=1440).contains(&value) {
            return Err(ParseError::OutOfRange {
                min: "1".into(),
                max: "1440".into(),
                found: value.to_string(),
            });
        }
        Ok(Self(value as u32))
    }

    pub fn get(self) -> u32 {
        self.0
    }

    /// The same duration as [`Hours`], exactly (minutes are always whole hundredths of a minute).
    pub fn to_hours_exact(self) -> Decimal {
        Decimal::from(self.0) / Decimal::from(60)
    }

    /// As hours rounded half-up to two places, the way the program shows them.
    pub fn to_hours_display(self) -> Decimal {
        self.to_hours_exact()
            .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
    }
}

impl Add for Minutes {
    type Output = Self;
    fn add(self, rhs: Self) -> Self {
        Self(self.0.saturating_add(rhs.0))
    }
}

impl AddAssign for Minutes {
    fn add_assign(&mut self, rhs: Self) {
        *self = *self + rhs;
    }
}

/// Hours to the hundredth, kept as an integer number of hundredths (credit hours, weekly work
/// hours, policy thresholds).
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct Hours(u32);

impl Hours {
    pub const fn from_hundredths(h: u32) -> Self {
        Self(h)
    }

    pub const fn whole(h: u32) -> Self {
        Self(h * 100)
    }

    pub fn hundredths(self) -> u32 {
        self.0
    }

    /// Parses a non-negative decimal with at most two places (`1.5`, `0.25`, `40`), at most `max`.
    pub fn parse(raw: &str, max: Hours) -> Result<Self, ParseError> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err(ParseError::Missing);
        }
        let expected = "a number of hours with at most two decimals, such as 1.5";
        let value: Decimal = raw
            .parse()
            .map_err(|_| ParseError::invalid(expected, raw))?;
        if value.is_sign_negative() || value.normalize().scale() > 2 {
            return Err(ParseError::invalid(expected, raw));
        }
        let hundredths = (value * Decimal::from(100))
            .trunc()
            .to_string()
            .parse::<u32>()
            .map_err(|_| ParseError::invalid(expected, raw))?;
        let hours = Self(hundredths);
        if hours > max {
            return Err(ParseError::OutOfRange {
                min: "0".into(),
                max: max.to_string(),
                found: raw.into(),
            });
        }
        Ok(hours)
    }

    pub fn to_decimal(self) -> Decimal {
        Decimal::new(i64::from(self.0), 2)
    }

    /// True when `minutes` reach at least these hours (compared exactly, without rounding).
    pub fn reached_by(self, minutes: Minutes) -> bool {
        u64::from(minutes.0) * 100 >= u64::from(self.0) * 60
    }

    /// `minutes`, capped at these hours.
    pub fn cap(self, minutes: Minutes) -> Minutes {
        // Cap in minutes; credit hours that are not whole minutes round down to the minute below.
        let cap = u64::from(self.0) * 60 / 100;
        Minutes(u32::try_from(cap.min(u64::from(minutes.0))).unwrap_or(u32::MAX))
    }
}

impl fmt::Display for Hours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:02}", self.0 / 100, self.0 % 100)
    }
}

/// An amount of money in US dollars, exact to the cent.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct Money(Decimal);

impl Money {
    pub const ZERO: Self = Self(Decimal::ZERO);

    pub fn from_cents(cents: i64) -> Self {
        Self(Decimal::new(cents, 2))
    }

    pub fn from_dollars(dollars: i64) -> Self {
        Self::from_cents(dollars * 100)
    }

    /// Parses decimal dollars with at most two places (`16.90`); negative amounts are refused.
    pub fn parse(raw: &str) -> Result<Self, ParseError> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err(ParseError::Missing);
        }
        let expected = "an amount in dollars with at most two decimals, such as 16.90";
        let value: Decimal = raw
            .parse()
            .map_err(|_| ParseError::invalid(expected, raw))?;
        if value.is_sign_negative() || value.normalize().scale() > 2 {
            return Err(ParseError::invalid(expected, raw));
        }
        if value > Decimal::from(1_000_000_000) {
            return Err(ParseError::invalid(expected, raw));
        }
        Ok(Self(value))
    }

    /// Whole cents, for storage.
    pub fn cents(self) -> i64 {
        (self.0 * Decimal::from(100))
            .round()
            .to_string()
            .parse()
            .unwrap_or(i64::MAX)
    }

    pub fn as_decimal(self) -> Decimal {
        self.0
    }

    /// Rounds a computed amount to the cent, half away from zero (as payroll rounds).
    pub fn round(value: Decimal) -> Self {
        Self(value.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero))
    }
}

impl Add for Money {
    type Output = Self;
    fn add(self, rhs: Self) -> Self {
        Self(self.0 + rhs.0)
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.2}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn attended_minutes_are_whole_and_within_a_day() {
        assert_eq!(Minutes::parse_attended("90"), Ok(Minutes(90)));
        assert!(Minutes::parse_attended("0").is_err());
        assert!(Minutes::parse_attended("-5").is_err());
        assert!(Minutes::parse_attended("1441").is_err());
        assert!(Minutes::parse_attended("1.5").is_err());
        assert_eq!(Minutes(90).to_hours_display().to_string(), "1.50");
        assert_eq!(Minutes(20).to_hours_display().to_string(), "0.33");
    }

    #[test]
    fn hours_parse_to_the_hundredth() {
        let max = Hours::whole(40);
        assert_eq!(Hours::parse("1.5", max), Ok(Hours(150)));
        assert_eq!(Hours::parse("0.25", max), Ok(Hours(25)));
        assert_eq!(Hours::parse("8", max).unwrap().to_string(), "8.00");
        assert!(Hours::parse("1.555", max).is_err());
        assert!(Hours::parse("-1", max).is_err());
        assert!(Hours::parse("41", max).is_err());
        assert!(Hours::parse("abc", max).is_err());
    }

    #[test]
    fn hours_compare_exactly_with_minutes() {
        let fifteen = Hours::whole(15);
        assert!(fifteen.reached_by(Minutes(900)));
        assert!(!fifteen.reached_by(Minutes(899)));
        assert_eq!(Hours(150).cap(Minutes(200)), Minutes(90));
        assert_eq!(Hours(150).cap(Minutes(60)), Minutes(60));
    }

    #[test]
    fn money_is_exact_to_the_cent() {
        assert_eq!(Money::parse("16.90").unwrap().cents(), 1690);
        assert_eq!(Money::parse("16.9").unwrap().to_string(), "16.90");
        assert!(Money::parse("16.905").is_err());
        assert!(Money::parse("-1").is_err());
        assert_eq!(Money::from_cents(50000).to_string(), "500.00");
        assert_eq!(Money::round(Decimal::new(12345, 3)).to_string(), "12.35");
    }

    proptest! {
        #[test]
        fn money_round_trips_through_cents(cents in 0i64..100_000_000) {
            let m = Money::from_cents(cents);
            prop_assert_eq!(Money::parse(&m.to_string()).unwrap(), m);
            prop_assert_eq!(m.cents(), cents);
        }

        #[test]
        fn capping_never_exceeds_either_side(h in 0u32..4000, m in 0u32..5000) {
            let capped = Hours(h).cap(Minutes(m));
            prop_assert!(capped <= Minutes(m));
            prop_assert!(u64::from(capped.0) * 100 <= u64::from(h) * 60);
        }
    }
}

//! Identifiers that arrive from outside, validated once at the edge.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::ParseError;

/// A provider's 9-digit IHSS/WPCS provider number. Leading zeros are significant in print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ProviderNumber(u32);

impl ProviderNumber {
    pub fn parse(raw: &str) -> Result<Self, ParseError> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err(ParseError::Missing);
        }
        if raw.len() != 9 || !raw.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ParseError::invalid("9 digits", raw));
        }
        raw.parse()
            .map(Self)
            .map_err(|_| ParseError::invalid("9 digits", raw))
    }

    /// From storage, where the number is kept as an integer.
    pub fn from_i64(value: i64) -> Result<Self, ParseError> {
        u32::try_from(value)
            .ok()
            .filter(|v| *v <= 999_999_999)
            .map(Self)
            .ok_or_else(|| ParseError::invalid("9 digits", &value.to_string()))
    }

    pub fn as_i64(self) -> i64 {
        i64::from(self.0)
    }
}

impl fmt::Display for ProviderNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:09}", self.0)
    }
}

impl TryFrom<String> for ProviderNumber {
    type Error = ParseError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<ProviderNumber> for String {
    fn from(value: ProviderNumber) -> Self {
        value.to_string()
    }
}

/// A California county number, 01 to 58 (alphabetical order of county names).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CountyCode(u8);

impl CountyCode {
    pub const MIN: u8 = 1;
    pub const MAX: u8 = 58;

    pub fn parse(raw: &str) -> Result<Self, ParseError> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err(ParseError::Missing);
        }
        if raw.len() != 2 || !raw.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ParseError::invalid("a two-digit county code 01 to 58", raw));
        }
        let n: u8 = raw
            .parse()
            .map_err(|_| ParseError::invalid("a two-digit county code 01 to 58", raw))?;
        Self::new(n).ok_or_else(|| ParseError::invalid("a two-digit county code 01 to 58", raw))
    }

    pub fn new(n: u8) -> Option<Self> {
        (Self::MIN..=Self::MAX).contains(&n).then_some(Self(n))
    }

    pub fn get(self) -> u8 {
        self.0
    }

    /// Every county, in code order.
    pub fn all() -> impl Iterator<Item = Self> {
        (Self::MIN..=Self::MAX).map(Self)
    }
}

impl fmt::Display for CountyCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}", self.0)
    }
}

impl TryFrom<String> for CountyCode {
    type Error = ParseError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<CountyCode> for String {
    fn from(value: CountyCode) -> Self {
        value.to_string()
    }
}

/// Declares a short text code: trimmed, of limited length and a restricted character set, so it is
/// safe in URLs, file names and CSV without quoting.
macro_rules! text_code {
    ($(#[$doc:meta])* $name:ident, max = $max:expr, expected = $expected:expr, allowed = $allowed:expr, upper = $upper:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            pub const MAX_LEN: usize = $max;

            pub fn parse(raw: &str) -> Result<Self, ParseError> {
                let raw = raw.trim();
                if raw.is_empty() {
                    return Err(ParseError::Missing);
                }
                let allowed: fn(char) -> bool = $allowed;
                let first_ok = raw.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
                if raw.len() > Self::MAX_LEN || !first_ok || !raw.chars().all(allowed) {
                    return Err(ParseError::invalid($expected, raw));
                }
                Ok(Self(if $upper { raw.to_ascii_uppercase() } else { raw.to_owned() }))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl TryFrom<String> for $name {
            type Error = ParseError;
            fn try_from(value: String) -> Result<Self, Self::Error> {
                Self::parse(&value)
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> Self {
                value.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
    };
}

fn code_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-'
}

fn id_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')
}

text_code!(
    /// A catalog course number such as `CPP-GHS-101` (letters, digits and hyphens; case-insensitive,
    /// kept in capitals).
    CourseNumber, max = 20, expected = "a course number of letters, digits and hyphens (at most 20)",
    allowed = code_char, upper = true
);
text_code!(
    /// A training vendor's code such as `CCC-SAC` (letters, digits and hyphens, kept in capitals).
    VendorCode, max = 20, expected = "a vendor code of letters, digits and hyphens (at most 20)",
    allowed = code_char, upper = true
);
text_code!(
    /// An IHSS/WPCS recipient case number as the county writes it.
    CaseNumber, max = 20, expected = "a case number of letters, digits and hyphens (at most 20)",
    allowed = code_char, upper = true
);
text_code!(
    /// A vendor's identifier for one scheduled run of a course.
    SessionId, max = 40, expected = "a session id of letters, digits, '-', '_' or '.' (at most 40)",
    allowed = id_char, upper = false
);
text_code!(
    /// The certificate number a vendor gives a completion.
    CertificateNumber, max = 40,
    expected = "a certificate number of letters, digits, '-', '_' or '.' (at most 40)",
    allowed = id_char, upper = false
);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn provider_numbers_are_exactly_nine_digits() {
        assert_eq!(
            ProviderNumber::parse("012345678").unwrap().to_string(),
            "012345678"
        );
        assert!(ProviderNumber::parse("12345678").is_err());
        assert!(ProviderNumber::parse("1234567890").is_err());
        assert!(ProviderNumber::parse("12345678a").is_err());
        assert!(ProviderNumber::parse("-12345678").is_err());
        assert_eq!(ProviderNumber::parse(""), Err(ParseError::Missing));
    }

    #[test]
    fn county_codes_run_from_01_to_58() {
        assert_eq!(CountyCode::parse("01").unwrap().get(), 1);
        assert_eq!(CountyCode::parse("58").unwrap().to_string(), "58");
        for bad in ["00", "59", "1", "001", "ab"] {
            assert!(CountyCode::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(CountyCode::all().count(), 58);
    }

    #[test]
    fn text_codes_are_normalised_and_restricted() {
        assert_eq!(
            CourseNumber::parse(" cpp-ghs-101 ").unwrap().as_str(),
            "CPP-GHS-101"
        );
        assert!(CourseNumber::parse("CPP GHS").is_err());
        assert!(CourseNumber::parse("-CPP").is_err());
        assert!(CourseNumber::parse(&"A".repeat(21)).is_err());
        assert_eq!(SessionId::parse("s-1.a_b").unwrap().as_str(), "s-1.a_b");
        assert!(SessionId::parse("a/b").is_err());
    }

    proptest! {
        #[test]
        fn provider_numbers_round_trip(n in 0u32..=999_999_999) {
            let text = format!("{n:09}");
            let parsed = ProviderNumber::parse(&text).unwrap();
            prop_assert_eq!(parsed.to_string(), text);
            prop_assert_eq!(ProviderNumber::from_i64(parsed.as_i64()).unwrap(), parsed);
        }

        #[test]
        fn parsing_never_panics(s in "\\PC{0,30}") {
            let _ = ProviderNumber::parse(&s);
            let _ = CountyCode::parse(&s);
            let _ = CourseNumber::parse(&s);
        }
    }
}

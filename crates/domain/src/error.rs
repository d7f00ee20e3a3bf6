use thiserror::Error;

/// Why a raw value could not become a domain value. The text is written for the person who
/// made the file or filled in the form, so it says what was expected.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ParseError {
    #[error("is required")]
    Missing,
    #[error("must be {expected}, found {found:?}")]
    Invalid {
        expected: &'static str,
        found: String,
    },
    #[error("must be between {min} and {max}, found {found}")]
    OutOfRange {
        min: String,
        max: String,
        found: String,
    },
}

impl ParseError {
    pub(crate) fn invalid(expected: &'static str, found: &str) -> Self {
        // Keep error messages short even when a whole line was pasted into one field.
        let found: String = found.chars().take(40).collect();
        Self::Invalid { expected, found }
    }
}

/// Parses an ISO 8601 calendar date (`2024-03-15`).
pub fn parse_date(raw: &str) -> Result<time::Date, ParseError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(ParseError::Missing);
    }
    time::Date::parse(raw, &time::format_description::well_known::Iso8601::DATE)
        .ok()
        .filter(|_| raw.len() == 10)
        .ok_or_else(|| ParseError::invalid("a date written YYYY-MM-DD", raw))
}

/// Parses an optional date: an empty field is `None`.
pub fn parse_optional_date(raw: &str) -> Result<Option<time::Date>, ParseError> {
    if raw.trim().is_empty() {
        Ok(None)
    } else {
        parse_date(raw).map(Some)
    }
}

/// Formats a date as ISO 8601 (`2024-03-15`).
pub fn format_date(date: time::Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// Parses a local date and time (`2024-03-15T09:30` or with seconds), in program time.
pub fn parse_datetime(raw: &str) -> Result<time::PrimitiveDateTime, ParseError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(ParseError::Missing);
    }
    let (date, clock) = raw
        .split_once(['T', ' '])
        .ok_or_else(|| ParseError::invalid("a date and time written YYYY-MM-DDTHH:MM", raw))?;
    let date = parse_date(date)
        .map_err(|_| ParseError::invalid("a date and time written YYYY-MM-DDTHH:MM", raw))?;
    let mut parts = clock.split(':');
    let mut next = |required: bool| -> Result<u8, ParseError> {
        match parts.next() {
            Some(p) if p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()) => {
                p.parse().map_err(|_| ParseError::Missing)
            }
            None if !required => Ok(0),
            _ => Err(ParseError::Missing),
        }
    };
    let bad = || ParseError::invalid("a date and time written YYYY-MM-DDTHH:MM", raw);
    let (h, m, s) = (
        next(true).map_err(|_| bad())?,
        next(true).map_err(|_| bad())?,
        next(false).map_err(|_| bad())?,
    );
    if parts.next().is_some() {
        return Err(bad());
    }
    let clock = time::Time::from_hms(h, m, s).map_err(|_| bad())?;
    Ok(time::PrimitiveDateTime::new(date, clock))
}

/// Formats a local date and time as `2024-03-15T09:30`.
pub fn format_datetime(at: time::PrimitiveDateTime) -> String {
    format!(
        "{}T{:02}:{:02}",
        format_date(at.date()),
        at.hour(),
        at.minute()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    #[test]
    fn dates_must_be_iso_and_real() {
        assert_eq!(parse_date("2024-03-15"), Ok(date!(2024 - 03 - 15)));
        assert!(parse_date("2024-02-30").is_err());
        assert!(parse_date("15/03/2024").is_err());
        assert!(parse_date("2024-3-15").is_err());
        assert_eq!(parse_date(""), Err(ParseError::Missing));
        assert_eq!(parse_optional_date(" "), Ok(None));
        assert_eq!(format_date(date!(2024 - 03 - 05)), "2024-03-05");
    }

    #[test]
    fn datetimes_accept_minutes_or_seconds() {
        assert_eq!(
            parse_datetime("2024-03-15T09:30"),
            Ok(datetime!(2024-03-15 09:30))
        );
        assert_eq!(
            parse_datetime("2024-03-15 09:30:15"),
            Ok(datetime!(2024-03-15 09:30:15))
        );
        assert!(parse_datetime("2024-03-15T25:00").is_err());
        assert!(parse_datetime("2024-03-15").is_err());
        assert_eq!(
            format_datetime(datetime!(2024-03-15 09:05)),
            "2024-03-15T09:05"
        );
    }
}

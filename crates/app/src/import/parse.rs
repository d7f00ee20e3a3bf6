//! Turning one CSV row of DOMAIN.md §8 into a validated domain record, naming every bad column.

use csv::StringRecord;
use pathways_domain::ParseError;
use pathways_domain::entities::{
    Assignment, AttendanceReport, Course, Provider, Recipient, Session, Vendor, WageRate, WorkHours,
};
use pathways_domain::error::{parse_date, parse_datetime, parse_optional_date};
use pathways_domain::ids::{
    CaseNumber, CertificateNumber, CountyCode, CourseNumber, ProviderNumber, SessionId, VendorCode,
};
use pathways_domain::pathway::{EnrollmentStatus, LanguageTag, Modality, Needs, Pathway};
use pathways_domain::quantity::{Hours, Minutes, Money};
use time::Weekday;

/// One problem in one column of a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnError {
    pub column: &'static str,
    pub reason: String,
}

/// Reads the fields of one row by the file's column names, collecting every column's error.
pub(crate) struct Fields<'a> {
    record: &'a StringRecord,
    columns: &'static [&'static str],
    pub errors: Vec<ColumnError>,
}

impl<'a> Fields<'a> {
    pub fn new(record: &'a StringRecord, columns: &'static [&'static str]) -> Self {
        Self {
            record,
            columns,
            errors: Vec::new(),
        }
    }

    fn index(&self, column: &'static str) -> usize {
        self.columns
            .iter()
            .position(|c| *c == column)
            .expect("column of this file kind")
    }

    /// The raw text of a column.
    pub fn raw(&self, column: &'static str) -> &'a str {
        self.record.get(self.index(column)).unwrap_or_default()
    }

    /// Parses a column; on failure records the error and returns `None`.
    pub fn parse<T>(
        &mut self,
        column: &'static str,
        parse: impl FnOnce(&str) -> Result<T, ParseError>,
    ) -> Option<T> {
        match parse(self.raw(column)) {
            Ok(v) => Some(v),
            Err(e) => {
                self.fail(column, e.to_string());
                None
            }
        }
    }

    pub fn fail(&mut self, column: &'static str, reason: impl Into<String>) {
        self.errors.push(ColumnError {
            column,
            reason: reason.into(),
        });
    }

    /// Required free text of at most `max` characters.
    pub fn text(&mut self, column: &'static str, max: usize) -> Option<String> {
        self.parse(column, |raw| {
            let raw = raw.trim();
            if raw.is_empty() {
                Err(ParseError::Missing)
            } else if raw.chars().count() > max {
                Err(ParseError::OutOfRange {
                    min: "1".into(),
                    max: format!("{max} characters"),
                    found: format!("{} characters", raw.chars().count()),
                })
            } else {
                Ok(raw.to_owned())
            }
        })
    }

    /// Optional free text: an empty field is `None`.
    pub fn optional_text(&mut self, column: &'static str, max: usize) -> Option<Option<String>> {
        if self.raw(column).trim().is_empty() {
            return Some(None);
        }
        self.text(column, max).map(Some)
    }

    /// An optional column: an empty field is `None`, anything else must parse.
    pub fn optional<T>(
        &mut self,
        column: &'static str,
        parse: impl FnOnce(&str) -> Result<T, ParseError>,
    ) -> Option<Option<T>> {
        if self.raw(column).trim().is_empty() {
            Some(None)
        } else {
            self.parse(column, parse).map(Some)
        }
    }

    /// Finishes the row: the value if every column was good.
    pub fn finish<T>(self, value: Option<T>) -> Result<T, Vec<ColumnError>> {
        match value {
            Some(v) if self.errors.is_empty() => Ok(v),
            _ => Err(self.errors),
        }
    }
}

fn email(raw: &str) -> Result<String, ParseError> {
    let raw = raw.trim();
    let valid = raw.len() <= 254
        && !raw.contains(char::is_whitespace)
        && raw.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
        });
    checked(raw, valid, "an email address such as name@example.org")
}

/// The trimmed text when it passes `valid`; otherwise why not.
fn checked(raw: &str, valid: bool, expected: &'static str) -> Result<String, ParseError> {
    if raw.is_empty() {
        Err(ParseError::Missing)
    } else if valid {
        Ok(raw.to_owned())
    } else {
        Err(ParseError::Invalid {
            expected,
            found: raw.chars().take(40).collect(),
        })
    }
}

fn web_address(raw: &str) -> Result<String, ParseError> {
    let raw = raw.trim();
    let valid = (raw.starts_with("https://") || raw.starts_with("http://"))
        && raw.len() <= 500
        && !raw.contains(char::is_whitespace)
        && raw
            .split_once("://")
            .is_some_and(|(_, rest)| !rest.is_empty());
    checked(raw, valid, "a web address starting with https://")
}

fn phone(raw: &str) -> Result<String, ParseError> {
    let raw = raw.trim();
    let digits = raw.chars().filter(char::is_ascii_digit).count();
    let allowed = raw
        .chars()
        .all(|c| c.is_ascii_digit() || " +-().x".contains(c));
    checked(
        raw,
        allowed && (7..=15).contains(&digits),
        "a phone number such as (916) 555-0100",
    )
}

fn boolean(raw: &str) -> Result<bool, ParseError> {
    match raw.trim() {
        "true" => Ok(true),
        "false" => Ok(false),
        "" => Err(ParseError::Missing),
        other => Err(ParseError::Invalid {
            expected: "true or false",
            found: other.chars().take(40).collect(),
        }),
    }
}

fn capacity(raw: &str) -> Result<Option<u32>, ParseError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    raw.parse::<u32>()
        .ok()
        .filter(|c| *c <= 10_000)
        .map(Some)
        .ok_or(ParseError::Invalid {
            expected: "a whole number of seats from 0 to 10000, or empty",
            found: raw.chars().take(40).collect(),
        })
}

pub const VENDOR_COLUMNS: &[&str] = &["vendor_code", "name", "email", "phone", "website"];

pub fn vendor(record: &StringRecord) -> Result<Vendor, Vec<ColumnError>> {
    let mut f = Fields::new(record, VENDOR_COLUMNS);
    let code = f.parse("vendor_code", VendorCode::parse);
    let name = f.text("name", 200);
    let email = f.parse("email", email);
    let phone = f.parse("phone", phone);
    let website = f.parse("website", web_address);
    let value = (|| {
        Some(Vendor {
            code: code?,
            name: name?,
            email: email?,
            phone: phone?,
            website: website?,
        })
    })();
    f.finish(value)
}

pub const COURSE_COLUMNS: &[&str] = &[
    "course_number",
    "vendor_code",
    "pathway",
    "title",
    "credit_hours",
    "modality",
    "languages",
    "published_on",
    "retired_on",
    "registration_url",
    "description",
];

pub fn course(record: &StringRecord) -> Result<Course, Vec<ColumnError>> {
    let mut f = Fields::new(record, COURSE_COLUMNS);
    let number = f.parse("course_number", CourseNumber::parse);
    let vendor = f.parse("vendor_code", VendorCode::parse);
    let pathway = f.parse("pathway", Pathway::parse);
    let title = f.text("title", 200);
    let credit_hours = f.parse("credit_hours", |raw| {
        let hours = Hours::parse(raw, Course::MAX_CREDIT_HOURS)?;
        if hours == Hours::default() {
            return Err(ParseError::Invalid {
                expected: "more than 0 hours",
                found: raw.into(),
            });
        }
        Ok(hours)
    });
    let modality = f.parse("modality", Modality::parse);
    let languages = f.parse("languages", LanguageTag::parse_list);
    let published_on = f.parse("published_on", parse_optional_date);
    let retired_on = f.parse("retired_on", parse_optional_date);
    if let (Some(Some(p)), Some(Some(r))) = (published_on, retired_on)
        && r <= p
    {
        f.fail("retired_on", "must be after published_on");
    }
    let registration_url = f.optional("registration_url", web_address);
    let description = f.text("description", 4000);
    let value = (|| {
        Some(Course {
            number: number?,
            vendor: vendor?,
            pathway: pathway?,
            title: title?,
            credit_hours: credit_hours?,
            modality: modality?,
            languages: languages?,
            published_on: published_on?,
            retired_on: retired_on?,
            registration_url: registration_url?,
            description: description?,
        })
    })();
    f.finish(value)
}

pub const SESSION_COLUMNS: &[&str] = &[
    "session_id",
    "course_number",
    "starts_at",
    "ends_at",
    "location",
    "capacity",
];

pub fn session(record: &StringRecord) -> Result<Session, Vec<ColumnError>> {
    let mut f = Fields::new(record, SESSION_COLUMNS);
    let id = f.parse("session_id", SessionId::parse);
    let course = f.parse("course_number", CourseNumber::parse);
    let starts_at = f.parse("starts_at", parse_datetime);
    let ends_at = f.parse("ends_at", parse_datetime);
    if let (Some(s), Some(e)) = (starts_at, ends_at)
        && e < s
    {
        f.fail("ends_at", "must not be before starts_at");
    }
    let location = f.optional_text("location", 300);
    let capacity = f.parse("capacity", capacity);
    let value = (|| {
        Some(Session {
            id: id?,
            course: course?,
            starts_at: starts_at?,
            ends_at: ends_at?,
            location: location?,
            capacity: capacity?,
        })
    })();
    f.finish(value)
}

pub const PROVIDER_COLUMNS: &[&str] = &[
    "provider_number",
    "first_name",
    "last_name",
    "county_code",
    "enrollment_status",
    "enrolled_on",
    "last_paid_on",
    "language",
    "phone",
    "email",
];

pub fn provider(record: &StringRecord) -> Result<Provider, Vec<ColumnError>> {
    let mut f = Fields::new(record, PROVIDER_COLUMNS);
    let number = f.parse("provider_number", ProviderNumber::parse);
    let first_name = f.text("first_name", 100);
    let last_name = f.text("last_name", 100);
    let county = f.parse("county_code", CountyCode::parse);
    let enrollment_status = f.parse("enrollment_status", EnrollmentStatus::parse);
    let enrolled_on = f.parse("enrolled_on", parse_optional_date);
    let last_paid_on = f.parse("last_paid_on", parse_optional_date);
    let language = f.parse("language", LanguageTag::parse);
    let phone = f.optional("phone", phone);
    let email = f.optional("email", email);
    let value = (|| {
        Some(Provider {
            number: number?,
            first_name: first_name?,
            last_name: last_name?,
            county: county?,
            enrollment_status: enrollment_status?,
            enrolled_on: enrolled_on?,
            last_paid_on: last_paid_on?,
            language: language?,
            phone: phone?,
            email: email?,
        })
    })();
    f.finish(value)
}

pub const RECIPIENT_COLUMNS: &[&str] = &["case_number", "county_code", "needs"];

pub fn recipient(record: &StringRecord) -> Result<Recipient, Vec<ColumnError>> {
    let mut f = Fields::new(record, RECIPIENT_COLUMNS);
    let case_number = f.parse("case_number", CaseNumber::parse);
    let county = f.parse("county_code", CountyCode::parse);
    let needs = f.parse("needs", Needs::parse);
    let value = (|| {
        Some(Recipient {
            case_number: case_number?,
            county: county?,
            needs: needs?,
        })
    })();
    f.finish(value)
}

pub const ASSIGNMENT_COLUMNS: &[&str] =
    &["provider_number", "case_number", "start_date", "end_date"];

pub fn assignment(record: &StringRecord) -> Result<Assignment, Vec<ColumnError>> {
    let mut f = Fields::new(record, ASSIGNMENT_COLUMNS);
    let provider = f.parse("provider_number", ProviderNumber::parse);
    let case_number = f.parse("case_number", CaseNumber::parse);
    let start_date = f.parse("start_date", parse_date);
    let end_date = f.parse("end_date", parse_optional_date);
    if let (Some(s), Some(Some(e))) = (start_date, end_date)
        && e < s
    {
        f.fail("end_date", "must not be before start_date");
    }
    let value = (|| {
        Some(Assignment {
            provider: provider?,
            case_number: case_number?,
            start_date: start_date?,
            end_date: end_date?,
        })
    })();
    f.finish(value)
}

pub const WORK_HOURS_COLUMNS: &[&str] = &["provider_number", "case_number", "week_start", "hours"];

pub fn work_hours(record: &StringRecord) -> Result<WorkHours, Vec<ColumnError>> {
    let mut f = Fields::new(record, WORK_HOURS_COLUMNS);
    let provider = f.parse("provider_number", ProviderNumber::parse);
    let case_number = f.parse("case_number", CaseNumber::parse);
    let week_start = f.parse("week_start", |raw| {
        let date = parse_date(raw)?;
        if date.weekday() == Weekday::Sunday {
            Ok(date)
        } else {
            Err(ParseError::Invalid {
                expected: "a Sunday (workweeks start on Sunday)",
                found: raw.trim().into(),
            })
        }
    });
    let hours = f.parse("hours", |raw| Hours::parse(raw, WorkHours::MAX));
    let value = (|| {
        Some(WorkHours {
            provider: provider?,
            case_number: case_number?,
            week_start: week_start?,
            hours: hours?,
        })
    })();
    f.finish(value)
}

pub const WAGE_RATE_COLUMNS: &[&str] = &["county_code", "effective_from", "hourly_rate"];

pub fn wage_rate(record: &StringRecord) -> Result<WageRate, Vec<ColumnError>> {
    let mut f = Fields::new(record, WAGE_RATE_COLUMNS);
    let county = f.parse("county_code", CountyCode::parse);
    let effective_from = f.parse("effective_from", parse_date);
    let hourly_rate = f.parse("hourly_rate", |raw| {
        let rate = Money::parse(raw)?;
        if rate == Money::ZERO || rate > Money::from_dollars(1_000) {
            return Err(ParseError::OutOfRange {
                min: "0.01".into(),
                max: "1000.00".into(),
                found: raw.trim().into(),
            });
        }
        Ok(rate)
    });
    let value = (|| {
        Some(WageRate {
            county: county?,
            effective_from: effective_from?,
            hourly_rate: hourly_rate?,
        })
    })();
    f.finish(value)
}

pub const ATTENDANCE_COLUMNS: &[&str] = &[
    "provider_number",
    "course_number",
    "session_id",
    "date",
    "minutes",
    "completed",
    "certificate_number",
];

pub fn attendance(record: &StringRecord) -> Result<AttendanceReport, Vec<ColumnError>> {
    let mut f = Fields::new(record, ATTENDANCE_COLUMNS);
    let provider = f.parse("provider_number", ProviderNumber::parse);
    let course = f.parse("course_number", CourseNumber::parse);
    let session = f.optional("session_id", SessionId::parse);
    let date = f.parse("date", parse_date);
    let minutes = f.parse("minutes", Minutes::parse_attended);
    let completed = f.parse("completed", boolean);
    let certificate = f.optional("certificate_number", CertificateNumber::parse);
    if completed == Some(true) && certificate == Some(None) {
        f.fail("certificate_number", "is required when completed is true");
    }
    let value = (|| {
        Some(AttendanceReport {
            provider: provider?,
            course: course?,
            session: session?,
            date: date?,
            minutes: minutes?,
            completed: completed?,
            certificate: certificate?,
        })
    })();
    f.finish(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(fields: &[&str]) -> StringRecord {
        StringRecord::from(fields.to_vec())
    }

    fn columns_of(result: Result<impl std::fmt::Debug, Vec<ColumnError>>) -> Vec<&'static str> {
        result.unwrap_err().into_iter().map(|e| e.column).collect()
    }

    #[test]
    fn a_good_attendance_row_parses() {
        let r = attendance(&row(&[
            "123456789",
            "ghs-101",
            "",
            "2024-03-15",
            "90",
            "true",
            "C-1",
        ]))
        .unwrap();
        assert_eq!(r.course.as_str(), "GHS-101");
        assert_eq!(r.minutes, Minutes(90));
        assert!(r.completed);
    }

    #[test]
    fn every_bad_column_of_a_row_is_named() {
        let bad = attendance(&row(&[
            "12345",
            "GHS-101",
            "",
            "2024-13-01",
            "-5",
            "yes",
            "",
        ]));
        assert_eq!(
            columns_of(bad),
            ["provider_number", "date", "minutes", "completed"]
        );
        let no_certificate = attendance(&row(&[
            "123456789",
            "GHS-101",
            "",
            "2024-03-01",
            "60",
            "true",
            "",
        ]));
        assert_eq!(columns_of(no_certificate), ["certificate_number"]);
    }

    #[test]
    fn work_weeks_must_start_on_sunday() {
        assert!(work_hours(&row(&["123456789", "C1", "2024-03-17", "12.5"])).is_ok());
        assert_eq!(
            columns_of(work_hours(&row(&["123456789", "C1", "2024-03-18", "12"]))),
            ["week_start"]
        );
        assert_eq!(
            columns_of(work_hours(&row(&["123456789", "C1", "2024-03-17", "169"]))),
            ["hours"]
        );
    }

    #[test]
    fn courses_check_pathway_hours_modality_and_dates() {
        let good = [
            "GHS-101",
            "V1",
            "GHS",
            "CPR",
            "1.5",
            "in-person",
            "en;es",
            "2024-01-01",
            "",
            "",
            "Learn CPR.",
        ];
        assert!(course(&row(&good)).is_ok());
        let mut bad = good;
        bad[2] = "XYZ";
        bad[4] = "0";
        bad[5] = "video";
        bad[8] = "2023-12-31";
        bad[9] = "ftp://x";
        assert_eq!(
            columns_of(course(&row(&bad))),
            [
                "pathway",
                "credit_hours",
                "modality",
                "retired_on",
                "registration_url"
            ]
        );
    }

    #[test]
    fn contact_details_are_checked() {
        assert!(
            vendor(&row(&[
                "V1",
                "College",
                "a@b.org",
                "(916) 555-0100",
                "https://b.org"
            ]))
            .is_ok()
        );
        assert_eq!(
            columns_of(vendor(&row(&["V1", "", "a@b", "555", "b.org"]))),
            ["name", "email", "phone", "website"]
        );
    }

    #[test]
    fn providers_sessions_recipients_assignments_and_rates_parse() {
        assert!(
            provider(&row(&[
                "000000001",
                "Ana",
                "Li",
                "19",
                "complete",
                "2023-01-01",
                "",
                "zh-hant",
                "",
                "ana@example.com"
            ]))
            .is_ok()
        );
        assert_eq!(
            columns_of(provider(&row(&[
                "1", "Ana", "Li", "60", "done", "", "", "en", "", ""
            ]))),
            ["provider_number", "county_code", "enrollment_status"]
        );
        assert!(
            session(&row(&[
                "S1",
                "GHS-101",
                "2024-03-01T09:00",
                "2024-03-01T12:00",
                "",
                "20"
            ]))
            .is_ok()
        );
        assert_eq!(
            columns_of(session(&row(&[
                "S1",
                "GHS-101",
                "2024-03-01T09:00",
                "2024-03-01T08:00",
                "",
                "-1"
            ]))),
            ["ends_at", "capacity"]
        );
        assert!(recipient(&row(&["C1", "01", "CIB;THC"])).is_ok());
        assert_eq!(
            columns_of(assignment(&row(&[
                "123456789",
                "C1",
                "2024-03-01",
                "2024-02-01"
            ]))),
            ["end_date"]
        );
        assert!(wage_rate(&row(&["34", "2024-01-01", "18.50"])).is_ok());
        assert_eq!(
            columns_of(wage_rate(&row(&["34", "2024-01-01", "0"]))),
            ["hourly_rate"]
        );
    }
}

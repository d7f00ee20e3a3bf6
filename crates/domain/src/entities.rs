//! The records the program keeps, as they arrive in the files of DOMAIN.md §8.

use serde::{Deserialize, Serialize};
use time::{Date, PrimitiveDateTime};

use crate::ids::{
    CaseNumber, CertificateNumber, CountyCode, CourseNumber, ProviderNumber, SessionId, VendorCode,
};
use crate::pathway::{EnrollmentStatus, LanguageTag, Modality, Needs, Pathway};
use crate::quantity::{Hours, Minutes, Money};

/// A training vendor: a college, non-profit or training partnership that teaches courses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vendor {
    pub code: VendorCode,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub website: String,
}

/// A course in the catalog (or on its way in, or retired from it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Course {
    pub number: CourseNumber,
    pub vendor: VendorCode,
    pub pathway: Pathway,
    pub title: String,
    pub credit_hours: Hours,
    pub modality: Modality,
    pub languages: Vec<LanguageTag>,
    pub published_on: Option<Date>,
    pub retired_on: Option<Date>,
    /// The vendor's own registration page, for vendors who register people themselves.
    pub registration_url: Option<String>,
    pub description: String,
}

impl Course {
    /// The most credit hours a course may carry.
    pub const MAX_CREDIT_HOURS: Hours = Hours::whole(40);

    /// In the catalog on `date`: published on or before it and not yet retired (DOMAIN.md §11).
    pub fn in_catalog_on(&self, date: Date) -> bool {
        in_catalog_on(self.published_on, self.retired_on, date)
    }
}

/// The catalog rule on its own, for callers that hold only the two dates.
pub fn in_catalog_on(published_on: Option<Date>, retired_on: Option<Date>, date: Date) -> bool {
    published_on.is_some_and(|p| p <= date) && retired_on.is_none_or(|r| date < r)
}

/// One scheduled run of a course. Times are local program time (Pacific).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub id: SessionId,
    pub course: CourseNumber,
    pub starts_at: PrimitiveDateTime,
    pub ends_at: PrimitiveDateTime,
    /// The place for in-person classes; `None` is online.
    pub location: Option<String>,
    /// Seats; `None` for self-paced sessions, which have no seat limit.
    pub capacity: Option<u32>,
}

impl Session {
    /// An attendance date matches a session when it lies between its start and end dates, both
    /// included (DOMAIN.md §11).
    pub fn covers(&self, date: Date) -> bool {
        self.starts_at.date() <= date && date <= self.ends_at.date()
    }

    /// The county of an in-person session's place, worked out from its ZIP code (see
    /// [`crate::county::county_of_location`]); `None` online or when the place does not say.
    pub fn county(&self) -> Option<CountyCode> {
        self.location
            .as_deref()
            .and_then(crate::county::county_of_location)
    }
}

/// An IHSS/WPCS provider as the county and payroll files describe them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provider {
    pub number: ProviderNumber,
    pub first_name: String,
    pub last_name: String,
    pub county: CountyCode,
    pub enrollment_status: EnrollmentStatus,
    pub enrolled_on: Option<Date>,
    pub last_paid_on: Option<Date>,
    pub language: LanguageTag,
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// A recipient's case and assessed specialized needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recipient {
    pub case_number: CaseNumber,
    pub county: CountyCode,
    pub needs: Needs,
}

/// A provider working for a recipient from `start_date` to `end_date` (its last day), or still.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignment {
    pub provider: ProviderNumber,
    pub case_number: CaseNumber,
    pub start_date: Date,
    pub end_date: Option<Date>,
}

impl Assignment {
    pub fn active_on(&self, date: Date) -> bool {
        self.start_date <= date && self.end_date.is_none_or(|end| date <= end)
    }
}

/// Paid work hours of one workweek (Sunday to Saturday) for one recipient, from payroll.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkHours {
    pub provider: ProviderNumber,
    pub case_number: CaseNumber,
    pub week_start: Date,
    pub hours: Hours,
}

impl WorkHours {
    /// The most hours one workweek can hold.
    pub const MAX: Hours = Hours::whole(168);
}

/// A county's hourly wage rate from a date on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WageRate {
    pub county: CountyCode,
    pub effective_from: Date,
    pub hourly_rate: Money,
}

/// The wage rate of `county` in effect on `date`, from a county's rate table.
pub fn wage_rate_on<'a>(
    rates: impl IntoIterator<Item = &'a WageRate>,
    county: CountyCode,
    date: Date,
) -> Option<&'a WageRate> {
    rates
        .into_iter()
        .filter(|r| r.county == county && r.effective_from <= date)
        .max_by_key(|r| r.effective_from)
}

/// One line of a vendor's attendance report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendanceReport {
    pub provider: ProviderNumber,
    pub course: CourseNumber,
    pub session: Option<SessionId>,
    pub date: Date,
    pub minutes: Minutes,
    pub completed: bool,
    pub certificate: Option<CertificateNumber>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn catalog_dates_include_publication_and_exclude_retirement() {
        let (p, r) = (Some(date!(2024 - 01 - 10)), Some(date!(2024 - 06 - 01)));
        assert!(!in_catalog_on(p, r, date!(2024 - 01 - 09)));
        assert!(in_catalog_on(p, r, date!(2024 - 01 - 10)));
        assert!(in_catalog_on(p, r, date!(2024 - 05 - 31)));
        assert!(!in_catalog_on(p, r, date!(2024 - 06 - 01)));
        assert!(!in_catalog_on(None, None, date!(2024 - 06 - 01)));
        assert!(in_catalog_on(p, None, date!(2030 - 06 - 01)));
    }

    #[test]
    fn assignments_include_their_last_day() {
        let a = Assignment {
            provider: ProviderNumber::parse("100000001").unwrap(),
            case_number: CaseNumber::parse("C1").unwrap(),
            start_date: date!(2024 - 01 - 01),
            end_date: Some(date!(2024 - 01 - 31)),
        };
        assert!(a.active_on(date!(2024 - 01 - 31)));
        assert!(!a.active_on(date!(2024 - 02 - 01)));
        assert!(!a.active_on(date!(2023 - 12 - 31)));
    }

    #[test]
    fn wage_rate_is_the_latest_in_effect() {
        let county = CountyCode::new(1).unwrap();
        let rates = [
            WageRate {
                county,
                effective_from: date!(2024 - 01 - 01),
                hourly_rate: Money::from_cents(1800),
            },
            WageRate {
                county,
                effective_from: date!(2024 - 07 - 01),
                hourly_rate: Money::from_cents(1900),
            },
        ];
        assert_eq!(wage_rate_on(&rates, county, date!(2023 - 12 - 31)), None);
        assert_eq!(
            wage_rate_on(&rates, county, date!(2024 - 06 - 30))
                .unwrap()
                .hourly_rate
                .cents(),
            1800
        );
        assert_eq!(
            wage_rate_on(&rates, county, date!(2024 - 07 - 01))
                .unwrap()
                .hourly_rate
                .cents(),
            1900
        );
    }
}

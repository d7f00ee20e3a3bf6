//! Builders of valid program records for tests: start from sensible defaults, change only what
//! a test is about.

use time::macros::{date, datetime};
use time::{Date, PrimitiveDateTime};

use crate::entities::{
    Assignment, AttendanceReport, Course, Provider, Recipient, Session, Vendor, WageRate, WorkHours,
};
use crate::ids::{
    CaseNumber, CertificateNumber, CountyCode, CourseNumber, ProviderNumber, SessionId, VendorCode,
};
use crate::pathway::{EnrollmentStatus, LanguageTag, Modality, Needs, Pathway};
use crate::quantity::{Hours, Minutes, Money};

pub fn provider_number(n: u32) -> ProviderNumber {
    ProviderNumber::parse(&format!("{n:09}")).expect("test provider number")
}

pub fn course_number(s: &str) -> CourseNumber {
    CourseNumber::parse(s).expect("test course number")
}

pub fn vendor_code(s: &str) -> VendorCode {
    VendorCode::parse(s).expect("test vendor code")
}

pub fn county(n: u8) -> CountyCode {
    CountyCode::new(n).expect("test county")
}

pub fn language(tag: &str) -> LanguageTag {
    LanguageTag::parse(tag).expect("test language")
}

pub fn vendor(code: &str) -> Vendor {
    Vendor {
        code: vendor_code(code),
        name: format!("{code} Training Partnership"),
        email: format!("{}@example.org", code.to_lowercase()),
        phone: "(916) 555-0100".into(),
        website: format!("https://{}.example.org", code.to_lowercase()),
    }
}

/// A published, in-person, 3-hour GHS course in English, from vendor `V1`.
pub fn course(number: &str) -> Course {
    Course {
        number: course_number(number),
        vendor: vendor_code("V1"),
        pathway: Pathway::GeneralHealthAndSafety,
        title: format!("Course {number}"),
        credit_hours: Hours::whole(3),
        modality: Modality::InPerson,
        languages: vec![language("en")],
        published_on: Some(date!(2022 - 10 - 01)),
        retired_on: None,
        registration_url: None,
        description: "A course for home-care providers.".into(),
    }
}

/// A session of `course` on 2023-09-01 from 09:00 to 12:00 with 20 seats.
pub fn session(id: &str, course: &str) -> Session {
    Session {
        id: SessionId::parse(id).expect("test session id"),
        course: course_number(course),
        starts_at: datetime!(2023-09-01 09:00),
        ends_at: datetime!(2023-09-01 12:00),
        location: Some("1 Main St, Sacramento".into()),
        capacity: Some(20),
    }
}

/// Changes a session's dates.
pub fn session_between(
    id: &str,
    course: &str,
    starts_at: PrimitiveDateTime,
    ends_at: PrimitiveDateTime,
) -> Session {
    Session {
        starts_at,
        ends_at,
        ..session(id, course)
    }
}

/// An eligible provider in Sacramento county (34), enrolled 2022-01-01, last paid 2024-06-01.
pub fn provider(n: u32) -> Provider {
    Provider {
        number: provider_number(n),
        first_name: "Ana".into(),
        last_name: format!("Provider{n}"),
        county: county(34),
        enrollment_status: EnrollmentStatus::Complete,
        enrolled_on: Some(date!(2022 - 01 - 01)),
        last_paid_on: Some(date!(2024 - 06 - 01)),
        language: language("en"),
        phone: Some("(916) 555-0199".into()),
        email: None,
    }
}

pub fn recipient(case: &str, needs: &str) -> Recipient {
    Recipient {
        case_number: CaseNumber::parse(case).expect("test case number"),
        county: county(34),
        needs: Needs::parse(needs).expect("test needs"),
    }
}

pub fn assignment(
    provider: u32,
    case: &str,
    start_date: Date,
    end_date: Option<Date>,
) -> Assignment {
    Assignment {
        provider: provider_number(provider),
        case_number: CaseNumber::parse(case).expect("test case number"),
        start_date,
        end_date,
    }
}

pub fn work_hours(provider: u32, case: &str, week_start: Date, hours: u32) -> WorkHours {
    WorkHours {
        provider: provider_number(provider),
        case_number: CaseNumber::parse(case).expect("test case number"),
        week_start,
        hours: Hours::whole(hours),
    }
}

pub fn wage_rate(county_code: u8, effective_from: Date, cents: i64) -> WageRate {
    WageRate {
        county: county(county_code),
        effective_from,
        hourly_rate: Money::from_cents(cents),
    }
}

/// A 60-minute, not completed, session-less report of provider `p` for `course` on `date`.
pub fn attendance(p: u32, course: &str, date: Date) -> AttendanceReport {
    AttendanceReport {
        provider: provider_number(p),
        course: course_number(course),
        session: None,
        date,
        minutes: Minutes(60),
        completed: false,
        certificate: None,
    }
}

/// Marks a report completed with a certificate number.
pub fn completed(mut report: AttendanceReport, certificate: &str) -> AttendanceReport {
    report.completed = true;
    report.certificate = Some(CertificateNumber::parse(certificate).expect("test certificate"));
    report
}

/// A published career leading from GHS and CPC, written in English only.
pub fn career(slug: &str) -> crate::career::Career {
    use crate::career::{Career, CareerLanguage, CareerSlug, CareerText};
    Career {
        slug: CareerSlug::parse(slug).expect("test career slug"),
        texts: vec![CareerText {
            language: CareerLanguage::En,
            name: format!("Career {slug}"),
            summary: "Care for people who need help.".into(),
            requirements: "A state-approved training program.\nA state exam.".into(),
            training_time: "About 4 months".into(),
            learn_more_url: Some("https://www.cdph.ca.gov/".into()),
        }],
        pathways: vec![
            Pathway::GeneralHealthAndSafety,
            Pathway::ComplexPhysicalCare,
        ],
        display_order: 10,
        published: true,
    }
}

/// A career's words in another language, for [`career`]'s `texts`.
pub fn career_text(language: &str, name: &str) -> crate::career::CareerText {
    crate::career::CareerText {
        language: crate::career::CareerLanguage::from_tag(language).expect("a career language"),
        name: name.into(),
        summary: format!("{name}: summary"),
        requirements: format!("{name}: requirements"),
        training_time: format!("{name}: training time"),
        learn_more_url: None,
    }
}

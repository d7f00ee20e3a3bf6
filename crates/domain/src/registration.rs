//! Who may register for a session (DOMAIN.md §3): an eligible provider, for a catalog course
//! that takes registrations in Pathways, before a scheduled session starts or within a
//! self-paced course's enrolment window, holding no other session of the same course and none
//! that overlaps in time. Seats and the waitlist are the store's to count, atomically.

use std::fmt;

use serde::{Deserialize, Serialize};
use time::PrimitiveDateTime;

use crate::eligibility::{Enrollment, Ineligibility};
use crate::entities::{Course, Session};
use crate::ids::SessionId;
use crate::pathway::Modality;
use crate::policy::PolicyVersion;

/// Where a provider stands on a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RegistrationStatus {
    Registered,
    Waitlisted,
    Cancelled,
}

impl RegistrationStatus {
    pub fn code(self) -> &'static str {
        match self {
            Self::Registered => "registered",
            Self::Waitlisted => "waitlisted",
            Self::Cancelled => "cancelled",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "registered" => Some(Self::Registered),
            "waitlisted" => Some(Self::Waitlisted),
            "cancelled" => Some(Self::Cancelled),
            _ => None,
        }
    }

    /// Whether the provider holds (or waits for) a seat.
    pub fn is_active(self) -> bool {
        self != Self::Cancelled
    }
}

/// A session the provider already holds or waits for, with its course.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holding {
    pub session: Session,
    pub status: RegistrationStatus,
}

/// Why a registration is refused; each names one rule, with what the person can do about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum RegistrationRefusal {
    /// The provider is not eligible today.
    NotEligible(Ineligibility),
    /// No policy version covers today (the program is not running).
    NoPolicy,
    /// The course is not in the catalog today.
    CourseNotInCatalog,
    /// The vendor registers people on its own site.
    RegistersWithVendor,
    /// A scheduled session that has started or ended.
    SessionStarted,
    /// The vendor called the session off.
    SessionCancelled,
    /// A self-paced course outside its enrolment window.
    EnrolmentClosed,
    /// The provider holds another session of the same course.
    SameCourse { other: SessionId },
    /// The provider holds a session that overlaps this one in time.
    Overlaps { other: SessionId },
}

impl RegistrationRefusal {
    /// A stable code for APIs and translations.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NotEligible(_) => "not-eligible",
            Self::NoPolicy => "program-closed",
            Self::CourseNotInCatalog => "course-not-in-catalog",
            Self::RegistersWithVendor => "registers-with-vendor",
            Self::SessionStarted => "session-started",
            Self::SessionCancelled => "session-cancelled",
            Self::EnrolmentClosed => "enrolment-closed",
            Self::SameCourse { .. } => "same-course",
            Self::Overlaps { .. } => "overlaps",
        }
    }
}

impl fmt::Display for RegistrationRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotEligible(why) => write!(f, "not eligible: {why}"),
            Self::NoPolicy => f.write_str("the program has no rules in effect today"),
            Self::CourseNotInCatalog => f.write_str("the course is not in the catalog"),
            Self::RegistersWithVendor => {
                f.write_str("the training vendor registers people on its own site")
            }
            Self::SessionStarted => f.write_str("the session has already started"),
            Self::SessionCancelled => f.write_str("the vendor called the session off"),
            Self::EnrolmentClosed => f.write_str("enrolment for this course is closed"),
            Self::SameCourse { other } => {
                write!(f, "already holding session {other} of the same course")
            }
            Self::Overlaps { other } => write!(f, "session {other} overlaps this one"),
        }
    }
}

/// Whether two scheduled sessions share any moment (touching ends do not overlap).
fn overlaps(a: &Session, b: &Session) -> bool {
    a.starts_at < b.ends_at && b.starts_at < a.ends_at
}

/// Decides whether a provider may register for `session` of `course` at `now` (California
/// time), given the sessions they already hold. Self-paced sessions are an enrolment window,
/// not a time slot: they never overlap anything.
pub fn check_registration(
    enrollment: &Enrollment,
    course: &Course,
    session: &Session,
    holdings: &[Holding],
    now: PrimitiveDateTime,
    policy: Option<&PolicyVersion>,
) -> Result<(), RegistrationRefusal> {
    let today = now.date();
    let policy = policy.ok_or(RegistrationRefusal::NoPolicy)?;
    enrollment
        .eligible_on(today, policy)
        .map_err(RegistrationRefusal::NotEligible)?;
    if !course.in_catalog_on(today) {
        return Err(RegistrationRefusal::CourseNotInCatalog);
    }
    if course.registration_url.is_some() {
        return Err(RegistrationRefusal::RegistersWithVendor);
    }
    let self_paced = course.modality == Modality::SelfPaced;
    if self_paced {
        if now < session.starts_at || now > session.ends_at {
            return Err(RegistrationRefusal::EnrolmentClosed);
        }
    } else if now >= session.starts_at {
        return Err(RegistrationRefusal::SessionStarted);
    }
    for held in holdings.iter().filter(|h| h.status.is_active()) {
        if held.session.id == session.id {
            continue;
        }
        if held.session.course == session.course {
            return Err(RegistrationRefusal::SameCourse {
                other: held.session.id.clone(),
            });
        }
    }
    if !self_paced {
        for held in holdings.iter().filter(|h| h.status.is_active()) {
            // A held session without seats is a self-paced window, not a time slot.
            if held.session.id != session.id
                && held.session.capacity.is_some()
                && overlaps(&held.session, session)
            {
                return Err(RegistrationRefusal::Overlaps {
                    other: held.session.id.clone(),
                });
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use time::macros::{date, datetime};

    use super::*;
    use crate::pathway::EnrollmentStatus;
    use crate::testing::{course, session_between};

    fn eligible() -> Enrollment {
        Enrollment {
            status: EnrollmentStatus::Complete,
            enrolled_on: Some(date!(2022 - 01 - 01)),
            last_paid_on: Some(date!(2026 - 01 - 01)),
        }
    }

    fn policy() -> PolicyVersion {
        PolicyVersion::program_year("2025-10", date!(2025 - 10 - 01))
    }

    fn published(number: &str) -> Course {
        Course {
            published_on: Some(date!(2025 - 10 - 01)),
            ..course(number)
        }
    }

    const NOW: PrimitiveDateTime = datetime!(2026-03-01 10:00);

    fn held(id: &str, course: &str, from: PrimitiveDateTime, to: PrimitiveDateTime) -> Holding {
        Holding {
            session: session_between(id, course, from, to),
            status: RegistrationStatus::Registered,
        }
    }

    #[test]
    fn an_eligible_provider_registers_for_a_future_session() {
        let s = session_between(
            "S1",
            "GHS-101",
            datetime!(2026-03-10 09:00),
            datetime!(2026-03-10 12:00),
        );
        assert_eq!(
            check_registration(
                &eligible(),
                &published("GHS-101"),
                &s,
                &[],
                NOW,
                Some(&policy())
            ),
            Ok(())
        );
    }

    #[test]
    fn each_rule_refuses_with_its_own_reason() {
        let c = published("GHS-101");
        let s = session_between(
            "S1",
            "GHS-101",
            datetime!(2026-03-10 09:00),
            datetime!(2026-03-10 12:00),
        );
        let p = policy();
        let check = |e: &Enrollment, c: &Course, s: &Session, h: &[Holding]| {
            check_registration(e, c, s, h, NOW, Some(&p)).map_err(|r| r.code())
        };
        let pending = Enrollment {
            status: EnrollmentStatus::Pending,
            ..eligible()
        };
        assert_eq!(check(&pending, &c, &s, &[]), Err("not-eligible"));
        assert_eq!(
            check_registration(&eligible(), &c, &s, &[], NOW, None).map_err(|r| r.code()),
            Err("program-closed")
        );
        let draft = Course {
            published_on: None,
            ..c.clone()
        };
        assert_eq!(
            check(&eligible(), &draft, &s, &[]),
            Err("course-not-in-catalog")
        );
        let external = Course {
            registration_url: Some("https://v.example.org".into()),
            ..c.clone()
        };
        assert_eq!(
            check(&eligible(), &external, &s, &[]),
            Err("registers-with-vendor")
        );
        let started = session_between(
            "S0",
            "GHS-101",
            datetime!(2026-03-01 09:00),
            datetime!(2026-03-01 12:00),
        );
        assert_eq!(
            check(&eligible(), &c, &started, &[]),
            Err("session-started")
        );
        let same = held(
            "S2",
            "GHS-101",
            datetime!(2026-04-10 09:00),
            datetime!(2026-04-10 12:00),
        );
        assert_eq!(check(&eligible(), &c, &s, &[same]), Err("same-course"));
        let clash = held(
            "X1",
            "CPC-201",
            datetime!(2026-03-10 11:00),
            datetime!(2026-03-10 13:00),
        );
        assert_eq!(check(&eligible(), &c, &s, &[clash]), Err("overlaps"));
        // Back to back is fine, and a cancelled holding does not count.
        let after = held(
            "X2",
            "CPC-201",
            datetime!(2026-03-10 12:00),
            datetime!(2026-03-10 13:00),
        );
        let mut cancelled = held(
            "S3",
            "GHS-101",
            datetime!(2026-04-10 09:00),
            datetime!(2026-04-10 12:00),
        );
        cancelled.status = RegistrationStatus::Cancelled;
        assert_eq!(check(&eligible(), &c, &s, &[after, cancelled]), Ok(()));
    }

    #[test]
    fn self_paced_courses_take_registrations_inside_their_window_and_overlap_nothing() {
        let c = Course {
            modality: Modality::SelfPaced,
            ..published("AED-301")
        };
        let mut window = session_between(
            "W1",
            "AED-301",
            datetime!(2026-02-01 00:00),
            datetime!(2026-03-31 23:59),
        );
        window.capacity = None;
        let busy = held(
            "X1",
            "CPC-201",
            datetime!(2026-03-01 09:00),
            datetime!(2026-03-01 12:00),
        );
        let p = policy();
        assert_eq!(
            check_registration(&eligible(), &c, &window, &[busy], NOW, Some(&p)),
            Ok(())
        );
        let later = datetime!(2026-04-01 08:00);
        assert_eq!(
            check_registration(&eligible(), &c, &window, &[], later, Some(&p))
                .map_err(|r| r.code()),
            Err("enrolment-closed")
        );
    }
}

//! Who may take part (DOMAIN.md §2 and §11).

use std::fmt;

use serde::{Deserialize, Serialize};
use time::Date;

use crate::pathway::EnrollmentStatus;
use crate::policy::PolicyVersion;

/// The enrollment facts eligibility depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enrollment {
    pub status: EnrollmentStatus,
    pub enrolled_on: Option<Date>,
    pub last_paid_on: Option<Date>,
}

/// Why a provider is not eligible on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Ineligibility {
    /// Provider enrollment is pending or terminated.
    EnrollmentNotComplete(EnrollmentStatus),
    /// Enrollment completed only after the date (or its date is unknown).
    NotYetEnrolled,
    /// Last paid by payroll more than the policy's lapse period before the date.
    Lapsed { last_paid_on: Date, lapse_days: u32 },
}

impl fmt::Display for Ineligibility {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::EnrollmentNotComplete(status) => {
                write!(f, "provider enrollment is {status}, not complete")
            }
            Self::NotYetEnrolled => {
                f.write_str("provider enrollment was not complete on that date")
            }
            Self::Lapsed {
                last_paid_on,
                lapse_days,
            } => write!(
                f,
                "enrollment lapsed: last paid on {}, more than {lapse_days} days before",
                crate::error::format_date(*last_paid_on)
            ),
        }
    }
}

impl Enrollment {
    /// Eligible on `date` when enrollment is complete, began on or before the date, and the date
    /// is at most the policy's lapse period after the last payment (an empty last payment never
    /// lapses; exactly the lapse period is still eligible).
    pub fn eligible_on(&self, date: Date, policy: &PolicyVersion) -> Result<(), Ineligibility> {
        if self.status != EnrollmentStatus::Complete {
            return Err(Ineligibility::EnrollmentNotComplete(self.status));
        }
        if self.enrolled_on.is_none_or(|enrolled| enrolled > date) {
            return Err(Ineligibility::NotYetEnrolled);
        }
        if let Some(last_paid_on) = self.last_paid_on
            && (date - last_paid_on).whole_days() > i64::from(policy.enrollment_lapse_days)
        {
            return Err(Ineligibility::Lapsed {
                last_paid_on,
                lapse_days: policy.enrollment_lapse_days,
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn complete(enrolled_on: Date, last_paid_on: Option<Date>) -> Enrollment {
        Enrollment {
            status: EnrollmentStatus::Complete,
            enrolled_on: Some(enrolled_on),
            last_paid_on,
        }
    }

    #[test]
    fn exactly_the_lapse_period_is_still_eligible() {
        let policy = PolicyVersion::program_default();
        let e = complete(date!(2022 - 01 - 01), Some(date!(2023 - 01 - 01)));
        assert_eq!(e.eligible_on(date!(2024 - 01 - 01), &policy), Ok(())); // 365 days
        assert!(matches!(
            e.eligible_on(date!(2024 - 01 - 02), &policy),
            Err(Ineligibility::Lapsed { .. })
        ));
    }

    #[test]
    fn no_last_payment_never_lapses() {
        let policy = PolicyVersion::program_default();
        let e = complete(date!(2022 - 01 - 01), None);
        assert_eq!(e.eligible_on(date!(2030 - 01 - 01), &policy), Ok(()));
    }

    #[test]
    fn enrollment_must_be_complete_and_begun() {
        let policy = PolicyVersion::program_default();
        let e = complete(date!(2024 - 05 - 01), None);
        assert_eq!(
            e.eligible_on(date!(2024 - 04 - 30), &policy),
            Err(Ineligibility::NotYetEnrolled)
        );
        assert_eq!(e.eligible_on(date!(2024 - 05 - 01), &policy), Ok(()));
        let pending = Enrollment {
            status: EnrollmentStatus::Pending,
            ..e
        };
        assert_eq!(
            pending.eligible_on(date!(2024 - 06 - 01), &policy),
            Err(Ineligibility::EnrollmentNotComplete(
                EnrollmentStatus::Pending
            ))
        );
    }
}

//! A course's way into the catalog (DOMAIN.md §3): a vendor writes a draft and submits it; the
//! program approves and publishes it, or sends it back with comments; a published course can be
//! retired. Only these steps exist, and each is taken by the role it belongs to.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Where a course stands in review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReviewStatus {
    /// The vendor is writing it.
    Draft,
    /// Waiting for the program.
    Submitted,
    /// The program asked for changes.
    SentBack,
    /// The program approved it (it is published from its date until retired).
    Approved,
}

impl ReviewStatus {
    pub const ALL: [Self; 4] = [Self::Draft, Self::Submitted, Self::SentBack, Self::Approved];

    pub fn code(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Submitted => "submitted",
            Self::SentBack => "sent-back",
            Self::Approved => "approved",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == raw)
    }

    /// The vendor may still change the course.
    pub fn editable(self) -> bool {
        matches!(self, Self::Draft | Self::SentBack)
    }
}

/// A step in review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReviewStep {
    /// Vendor: ask the program to publish it.
    Submit,
    /// Program: publish it.
    Approve,
    /// Program: ask the vendor for changes (with comments).
    SendBack,
}

/// A step that does not apply to a course where it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepNotAllowed {
    pub from: ReviewStatus,
    pub step: ReviewStep,
}

impl std::error::Error for StepNotAllowed {}

impl fmt::Display for StepNotAllowed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a {} course cannot be {:?}", self.from.code(), self.step)
    }
}

/// Where `step` takes a course that stands at `from`.
pub fn next_status(from: ReviewStatus, step: ReviewStep) -> Result<ReviewStatus, StepNotAllowed> {
    use ReviewStatus as S;
    use ReviewStep as T;
    match (from, step) {
        (S::Draft | S::SentBack, T::Submit) => Ok(S::Submitted),
        (S::Submitted, T::Approve) => Ok(S::Approved),
        (S::Submitted, T::SendBack) => Ok(S::SentBack),
        _ => Err(StepNotAllowed { from, step }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_course_goes_from_draft_through_review_to_approved_or_back() {
        use ReviewStatus as S;
        use ReviewStep as T;
        assert_eq!(next_status(S::Draft, T::Submit), Ok(S::Submitted));
        assert_eq!(next_status(S::Submitted, T::SendBack), Ok(S::SentBack));
        assert_eq!(next_status(S::SentBack, T::Submit), Ok(S::Submitted));
        assert_eq!(next_status(S::Submitted, T::Approve), Ok(S::Approved));
        // No shortcuts: a draft is not approved unseen, an approved course is not reopened.
        for (from, step) in [
            (S::Draft, T::Approve),
            (S::Draft, T::SendBack),
            (S::Approved, T::Submit),
            (S::Approved, T::SendBack),
            (S::Submitted, T::Submit),
        ] {
            assert!(next_status(from, step).is_err(), "{from:?} {step:?}");
        }
        for s in ReviewStatus::ALL {
            assert_eq!(ReviewStatus::parse(s.code()), Some(s));
        }
        assert!(S::Draft.editable() && S::SentBack.editable());
        assert!(!S::Submitted.editable() && !S::Approved.editable());
    }
}

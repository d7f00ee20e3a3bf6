//! Who may do what (DOMAIN.md §1): the one table of which role may perform which action on
//! whose records. Web pages, the JSON API and the command line all ask [`authorize`].

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::ids::{CountyCode, ProviderNumber, VendorCode};

/// The six roles of the program.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    Provider,
    VendorStaff,
    Coach,
    ServiceDesk,
    CountyStaff,
    ProgramAdmin,
}

impl Role {
    pub const ALL: &'static [Self] = &[
        Self::Provider,
        Self::VendorStaff,
        Self::Coach,
        Self::ServiceDesk,
        Self::CountyStaff,
        Self::ProgramAdmin,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::Provider => "provider",
            Self::VendorStaff => "vendor-staff",
            Self::Coach => "coach",
            Self::ServiceDesk => "service-desk",
            Self::CountyStaff => "county-staff",
            Self::ProgramAdmin => "program-admin",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|r| r.code() == raw.trim())
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Someone signed in, with what their role ties them to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Actor {
    Provider { provider: ProviderNumber },
    VendorStaff { vendor: VendorCode },
    Coach,
    ServiceDesk,
    CountyStaff { county: CountyCode },
    ProgramAdmin,
}

impl Actor {
    pub fn role(&self) -> Role {
        match self {
            Self::Provider { .. } => Role::Provider,
            Self::VendorStaff { .. } => Role::VendorStaff,
            Self::Coach => Role::Coach,
            Self::ServiceDesk => Role::ServiceDesk,
            Self::CountyStaff { .. } => Role::CountyStaff,
            Self::ProgramAdmin => Role::ProgramAdmin,
        }
    }
}

/// What someone may try to do. Each action is about records of one kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    /// A provider's profile, registrations, hours and claims.
    ViewProvider,
    /// A provider's attendance records (verified and held).
    ViewAttendance,
    /// Send attendance for a vendor's courses.
    ReportAttendance,
    /// Create and edit a vendor's courses and sessions.
    ManageCourses,
    /// See a session's roster and waitlist.
    ViewRoster,
    /// Create and revoke a vendor's API tokens.
    ManageApiTokens,
    /// Approve, publish, send back or retire courses.
    ApproveCourses,
    /// Register for a session, join its waitlist, cancel.
    Register,
    /// Submit a claim for training pay or an incentive.
    SubmitClaim,
    /// See the queue of submitted claims (county staff: their county's, read-only).
    ReviewClaims,
    /// Approve or deny claims.
    DecideClaims,
    /// Create, export and confirm payroll batches.
    RunPayroll,
    /// Create policy versions and import wage rates.
    ManagePolicy,
    /// Import the program's data files.
    ImportProgramData,
    /// Create staff accounts.
    ManageAccounts,
    /// Search and export the audit log.
    ViewAudit,
    /// Read and answer help tickets.
    HandleTickets,
    /// A coach's appointments and the notes on them.
    ViewAppointments,
    /// Book, move or cancel an appointment with a coach.
    BookCoaching,
    /// Add coaches (with their languages, topics and sign-in).
    ManageCoaches,
    /// Publish a coach's weekly hours and time off (a coach their own).
    PublishHours,
    /// Write, change, show and hide the public healthcare career pages (reading them is
    /// public and needs no action).
    ManageCareers,
    /// The list of providers who earned an incentive and have not claimed it, with how to
    /// reach them.
    ViewOutreach,
}

impl Action {
    pub const ALL: &'static [Self] = &[
        Self::ViewProvider,
        Self::ViewAttendance,
        Self::ReportAttendance,
        Self::ManageCourses,
        Self::ViewRoster,
        Self::ManageApiTokens,
        Self::ApproveCourses,
        Self::Register,
        Self::SubmitClaim,
        Self::ReviewClaims,
        Self::DecideClaims,
        Self::RunPayroll,
        Self::ManagePolicy,
        Self::ImportProgramData,
        Self::ManageAccounts,
        Self::ViewAudit,
        Self::HandleTickets,
        Self::ViewAppointments,
        Self::BookCoaching,
        Self::ManageCoaches,
        Self::PublishHours,
        Self::ManageCareers,
        Self::ViewOutreach,
    ];
}

/// Whose records a role may act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// The actor's own records (a provider's own).
    Own,
    /// Records of the actor's vendor.
    OwnVendor,
    /// Records of providers and recipients in the actor's county.
    OwnCounty,
    /// Records the actor is assigned to (a coach's own appointments and those providers).
    Assigned,
    /// Every record.
    All,
}

/// The table: whether `role` may perform `action`, and on whose records. `None` is never.
pub fn scope_of(role: Role, action: Action) -> Option<Scope> {
    use Action as A;
    use Role as R;
    use Scope as S;
    match (role, action) {
        (R::ProgramAdmin, _) => Some(S::All),

        (
            R::Provider,
            A::ViewProvider | A::ViewAttendance | A::Register | A::SubmitClaim | A::BookCoaching,
        ) => Some(S::Own),
        (R::Provider, _) => None,

        (
            R::VendorStaff,
            A::ReportAttendance
            | A::ManageCourses
            | A::ViewRoster
            | A::ManageApiTokens
            | A::ViewAttendance
            | A::HandleTickets,
        ) => Some(S::OwnVendor),
        (R::VendorStaff, _) => None,

        (R::Coach, A::ViewAppointments | A::ViewProvider | A::PublishHours) => Some(S::Assigned),
        (R::Coach, _) => None,

        (R::ServiceDesk, A::ViewProvider | A::ViewAttendance | A::HandleTickets) => Some(S::All),
        (R::ServiceDesk, _) => None,

        (
            R::CountyStaff,
            A::ViewProvider | A::ViewAttendance | A::ReviewClaims | A::ViewOutreach,
        ) => Some(S::OwnCounty),
        (R::CountyStaff, _) => None,
    }
}

/// Whose record an action is about: the facts the scopes are judged on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Owner {
    pub provider: Option<ProviderNumber>,
    pub vendor: Option<VendorCode>,
    pub county: Option<CountyCode>,
    /// The actor is assigned to this record (a coach with a booked appointment).
    pub assigned: bool,
}

/// Why an action was refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Denied {
    /// The role never performs the action.
    RoleMayNot { role: Role, action: Action },
    /// The role performs it, but only on other records (another provider, vendor or county).
    OutOfScope {
        role: Role,
        action: Action,
        scope: Scope,
    },
}

impl fmt::Display for Denied {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::RoleMayNot { role, action } => write!(f, "a {role} may not {action:?}"),
            Self::OutOfScope {
                role,
                action,
                scope,
            } => {
                write!(f, "a {role} may {action:?} only in scope {scope:?}")
            }
        }
    }
}

/// Decides whether `actor` may perform `action` on a record owned as `owner` says.
pub fn authorize(actor: &Actor, action: Action, owner: &Owner) -> Result<Scope, Denied> {
    let role = actor.role();
    let scope = scope_of(role, action).ok_or(Denied::RoleMayNot { role, action })?;
    let allowed = match (scope, actor) {
        (Scope::All, _) => true,
        (Scope::Own, Actor::Provider { provider }) => owner.provider == Some(*provider),
        (Scope::OwnVendor, Actor::VendorStaff { vendor }) => owner.vendor.as_ref() == Some(vendor),
        (Scope::OwnCounty, Actor::CountyStaff { county }) => owner.county == Some(*county),
        (Scope::Assigned, Actor::Coach) => owner.assigned,
        _ => false,
    };
    if allowed {
        Ok(scope)
    } else {
        Err(Denied::OutOfScope {
            role,
            action,
            scope,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn vendor(code: &str) -> VendorCode {
        VendorCode::parse(code).unwrap()
    }

    #[test]
    fn only_the_program_admin_may_run_payroll_manage_policy_or_careers_or_read_the_audit_log() {
        for action in [
            Action::RunPayroll,
            Action::ManagePolicy,
            Action::ViewAudit,
            Action::ManageAccounts,
            Action::ManageCareers,
        ] {
            for role in Role::ALL {
                assert_eq!(
                    scope_of(*role, action).is_some(),
                    *role == Role::ProgramAdmin,
                    "{role} {action:?}"
                );
            }
        }
    }

    #[test]
    fn a_county_sees_only_its_own_providers() {
        let sacramento = Actor::CountyStaff {
            county: CountyCode::new(34).unwrap(),
        };
        let own = Owner {
            county: CountyCode::new(34),
            ..Owner::default()
        };
        let other = Owner {
            county: CountyCode::new(19),
            ..Owner::default()
        };
        assert_eq!(
            authorize(&sacramento, Action::ViewProvider, &own),
            Ok(Scope::OwnCounty)
        );
        assert!(matches!(
            authorize(&sacramento, Action::ViewProvider, &other),
            Err(Denied::OutOfScope { .. })
        ));
        assert!(matches!(
            authorize(&sacramento, Action::RunPayroll, &own),
            Err(Denied::RoleMayNot { .. })
        ));
    }

    #[test]
    fn the_outreach_list_is_the_program_s_and_each_county_s_own() {
        for role in Role::ALL {
            let expected = match role {
                Role::ProgramAdmin => Some(Scope::All),
                Role::CountyStaff => Some(Scope::OwnCounty),
                _ => None,
            };
            assert_eq!(scope_of(*role, Action::ViewOutreach), expected, "{role}");
        }
    }

    #[test]
    fn a_vendor_sees_only_its_own_rosters() {
        let v1 = Actor::VendorStaff {
            vendor: vendor("V1"),
        };
        let own = Owner {
            vendor: Some(vendor("V1")),
            ..Owner::default()
        };
        let other = Owner {
            vendor: Some(vendor("V2")),
            ..Owner::default()
        };
        assert!(authorize(&v1, Action::ViewRoster, &own).is_ok());
        assert!(authorize(&v1, Action::ViewRoster, &other).is_err());
        assert!(authorize(&v1, Action::ViewRoster, &Owner::default()).is_err());
    }

    #[test]
    fn a_provider_acts_only_on_their_own_records() {
        let me = ProviderNumber::parse("100000001").unwrap();
        let someone = ProviderNumber::parse("100000002").unwrap();
        let actor = Actor::Provider { provider: me };
        let mine = Owner {
            provider: Some(me),
            ..Owner::default()
        };
        let theirs = Owner {
            provider: Some(someone),
            ..Owner::default()
        };
        assert!(authorize(&actor, Action::SubmitClaim, &mine).is_ok());
        assert!(authorize(&actor, Action::SubmitClaim, &theirs).is_err());
        assert!(authorize(&actor, Action::ReviewClaims, &mine).is_err());
    }

    #[test]
    fn a_coach_sees_a_provider_only_when_booked() {
        let booked = Owner {
            assigned: true,
            ..Owner::default()
        };
        assert!(authorize(&Actor::Coach, Action::ViewProvider, &booked).is_ok());
        assert!(authorize(&Actor::Coach, Action::ViewProvider, &Owner::default()).is_err());
    }

    fn arb_actor() -> impl Strategy<Value = Actor> {
        prop_oneof![
            (1u32..5).prop_map(|n| Actor::Provider {
                provider: ProviderNumber::parse(&format!("10000000{n}")).unwrap()
            }),
            prop::sample::select(vec!["V1", "V2"])
                .prop_map(|v| Actor::VendorStaff { vendor: vendor(v) }),
            Just(Actor::Coach),
            Just(Actor::ServiceDesk),
            (1u8..4).prop_map(|c| Actor::CountyStaff {
                county: CountyCode::new(c).unwrap()
            }),
            Just(Actor::ProgramAdmin),
        ]
    }

    fn arb_owner() -> impl Strategy<Value = Owner> {
        (
            prop::option::of(1u32..5),
            prop::option::of(prop::sample::select(vec!["V1", "V2"])),
            prop::option::of(1u8..4),
            any::<bool>(),
        )
            .prop_map(|(p, v, c, assigned)| Owner {
                provider: p.map(|n| ProviderNumber::parse(&format!("10000000{n}")).unwrap()),
                vendor: v.map(vendor),
                county: c.and_then(CountyCode::new),
                assigned,
            })
    }

    proptest! {
        /// Whatever the record, a decision never grants more than the table's scope, and an
        /// action the table forbids is always refused.
        #[test]
        fn decisions_follow_the_table(actor in arb_actor(), owner in arb_owner(), i in 0usize..32) {
            let action = Action::ALL[i % Action::ALL.len()];
            match (scope_of(actor.role(), action), authorize(&actor, action, &owner)) {
                (None, result) => {
                    let refused = matches!(result, Err(Denied::RoleMayNot { .. }));
                    prop_assert!(refused);
                }
                (Some(scope), Ok(granted)) => prop_assert_eq!(scope, granted),
                (Some(_), Err(denied)) => {
                    let out_of_scope = matches!(denied, Denied::OutOfScope { .. });
                    prop_assert!(out_of_scope);
                }
            }
        }

        /// Nobody but the program admin and the service desk acts on every record.
        #[test]
        fn only_the_admin_and_desk_have_statewide_scope(i in 0usize..32) {
            let action = Action::ALL[i % Action::ALL.len()];
            for role in Role::ALL {
                if scope_of(*role, action) == Some(Scope::All) {
                    prop_assert!(matches!(role, Role::ProgramAdmin | Role::ServiceDesk));
                }
            }
        }
    }
}

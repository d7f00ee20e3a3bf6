//! The program's rule parameters over time (policy versions), as program admins manage them:
//! list, create (as a draft or in effect at once), change while no decision has used a version,
//! publish a draft, and replay every provider's incentives under a changed version before
//! making the change (`pathways policy diff`).

use std::collections::BTreeMap;
use std::sync::Arc;

use pathways_domain::access::{Action, Owner};
use pathways_domain::ids::ProviderNumber;
use pathways_domain::incentive::{Earned, IncentiveKind};
use pathways_domain::pathway::Pathway;
use pathways_domain::policy::{PolicyBook, PolicyProblem, PolicyVersion};
use pathways_domain::quantity::Money;
use pathways_store::{PolicyConflict, Store, StoreError, StoredPolicy};
use time::Date;

use crate::access::{AccessError, Caller, audit_value};
use crate::incentives::{EvaluationProgress, IncentiveError, IncentiveLine, Incentives};

#[derive(Debug, thiserror::Error)]
pub enum PolicyError {
    #[error("there is no policy version named {0:?}")]
    NotFound(String),
    #[error("the policy version was not saved: {}", problems_text(.0))]
    Invalid(Vec<PolicyProblem>),
    #[error("a policy version named {0:?} exists already; choose another name")]
    VersionTaken(String),
    #[error("policy version {other} already takes effect on that date; choose another date")]
    DateTaken { other: String },
    #[error(
        "policy version {0} was used for decisions, so it can no longer be changed; add a new \
         version that takes effect from a later date instead"
    )]
    Used(String),
    #[error("policy version {0} is in effect already")]
    AlreadyPublished(String),
    #[error("compare two different policy versions")]
    SameVersion,
    #[error(
        "policy version {0} is a draft; compare a version in effect (--from) with the one that \
         would replace it (--to)"
    )]
    FromDraft(String),
    #[error(transparent)]
    Evaluation(Box<IncentiveError>),
    #[error(transparent)]
    Access(#[from] AccessError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn problems_text(problems: &[PolicyProblem]) -> String {
    problems
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

impl From<IncentiveError> for PolicyError {
    fn from(error: IncentiveError) -> Self {
        match error {
            IncentiveError::Access(a) => Self::Access(a),
            IncentiveError::Store(s) => Self::Store(s),
            other => Self::Evaluation(Box::new(other)),
        }
    }
}

/// How one provider's incentive changes when a version is replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// Earned only after the change.
    Gained,
    /// Earned only before the change.
    Lost,
    /// Earned both times, on another date, in another pathway or for another amount.
    Changed,
}

impl Change {
    pub fn code(self) -> &'static str {
        match self {
            Self::Gained => "gained",
            Self::Lost => "lost",
            Self::Changed => "changed",
        }
    }
}

/// One incentive of one provider whose result differs between the two sets of rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncentiveChange {
    pub provider: ProviderNumber,
    pub kind: IncentiveKind,
    pub before: Option<Earned>,
    pub after: Option<Earned>,
    /// The provider has claimed it already: a lost or lowered incentive is money to recover.
    pub claimed: bool,
}

impl IncentiveChange {
    pub fn change(&self) -> Change {
        match (&self.before, &self.after) {
            (None, _) => Change::Gained,
            (_, None) => Change::Lost,
            _ => Change::Changed,
        }
    }
}

/// What replacing one version with another would change, as of a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyDiff {
    pub from: PolicyVersion,
    pub to: PolicyVersion,
    pub as_of: Date,
    /// The parameters that differ: name, value in `from`, value in `to`.
    pub parameters: Vec<(&'static str, String, String)>,
    /// Sorted by provider, then kind.
    pub changes: Vec<IncentiveChange>,
    /// All incentives earned, and their total, under each set of rules.
    pub before_count: usize,
    pub after_count: usize,
    pub before_total: Money,
    pub after_total: Money,
}

impl PolicyDiff {
    /// How many providers' results change.
    pub fn providers_changed(&self) -> usize {
        let mut providers: Vec<ProviderNumber> = self.changes.iter().map(|c| c.provider).collect();
        providers.dedup();
        providers.len()
    }

    pub fn count(&self, change: Change) -> usize {
        self.changes.iter().filter(|c| c.change() == change).count()
    }
}

/// The incentives that differ between two evaluations. An incentive is the same one when the
/// provider, kind and (for pathway incentives) pathway match; it changed when its date, amount
/// or (for the specialized kinds) pathway differ. Which version's name it carries is not a
/// change by itself.
pub fn compare(before: &[IncentiveLine], after: &[IncentiveLine]) -> Vec<IncentiveChange> {
    type Key = (ProviderNumber, IncentiveKind, Option<Pathway>);
    let key = |l: &IncentiveLine| -> Key {
        let pathway = (l.earned.kind == IncentiveKind::Pathway).then_some(l.earned.pathway);
        (l.provider, l.earned.kind, pathway)
    };
    let mut both: BTreeMap<Key, (Option<&IncentiveLine>, Option<&IncentiveLine>)> = BTreeMap::new();
    for line in before {
        both.entry(key(line)).or_default().0 = Some(line);
    }
    for line in after {
        both.entry(key(line)).or_default().1 = Some(line);
    }
    both.into_iter()
        .filter_map(|((provider, kind, _), (b, a))| {
            let same = |b: &Earned, a: &Earned| {
                (b.qualified_on, b.amount, b.pathway) == (a.qualified_on, a.amount, a.pathway)
            };
            if let (Some(b), Some(a)) = (b, a)
                && same(&b.earned, &a.earned)
            {
                return None;
            }
            Some(IncentiveChange {
                provider,
                kind,
                before: b.map(|l| l.earned.clone()),
                after: a.map(|l| l.earned.clone()),
                claimed: b.is_some_and(|l| l.claimed) || a.is_some_and(|l| l.claimed),
            })
        })
        .collect()
}

fn total(lines: &[IncentiveLine]) -> Money {
    Money::from_cents(lines.iter().map(|l| l.earned.amount.cents()).sum())
}

/// Applies changes given as (parameter, value) pairs, collecting every problem; on any problem
/// the version is returned unchanged inside the error.
pub fn apply(
    mut version: PolicyVersion,
    changes: &[(String, String)],
) -> Result<PolicyVersion, Vec<PolicyProblem>> {
    let mut problems: Vec<PolicyProblem> = changes
        .iter()
        .filter_map(|(name, value)| version.set(name, value).err())
        .collect();
    problems.extend(version.check());
    if problems.is_empty() {
        Ok(version)
    } else {
        Err(problems)
    }
}

#[derive(Debug, Clone)]
pub struct Policies {
    store: Arc<dyn Store>,
}

impl Policies {
    pub fn new(store: Arc<dyn Store>) -> Self {
        Self { store }
    }

    /// Every policy version, drafts included, oldest first, with whether each was used.
    pub async fn versions(&self, caller: &Caller) -> Result<Vec<StoredPolicy>, PolicyError> {
        caller.authorize(Action::ManagePolicy, &Owner::default())?;
        Ok(self.store.stored_policies().await?)
    }

    /// One version, draft or published.
    pub async fn version(&self, caller: &Caller, name: &str) -> Result<StoredPolicy, PolicyError> {
        caller.authorize(Action::ManagePolicy, &Owner::default())?;
        self.store
            .stored_policy(name)
            .await?
            .ok_or_else(|| PolicyError::NotFound(name.chars().take(40).collect()))
    }

    /// Where a new version starts: a copy of `based_on`, or of the version in effect on
    /// `on` (else the latest, else the program's defaults), named `version`.
    pub async fn template(
        &self,
        caller: &Caller,
        version: &str,
        based_on: Option<&str>,
        on: Date,
    ) -> Result<PolicyVersion, PolicyError> {
        let base = match based_on {
            Some(name) => self.version(caller, name).await?.version,
            None => {
                let stored = self.versions(caller).await?;
                let book = PolicyBook::new(
                    stored
                        .into_iter()
                        .filter(|s| s.published)
                        .map(|s| s.version)
                        .collect(),
                );
                book.in_effect_on(on)
                    .or(book.versions().last())
                    .cloned()
                    .unwrap_or_else(PolicyVersion::program_default)
            }
        };
        Ok(PolicyVersion {
            version: version.to_owned(),
            ..base
        })
    }

    /// Stores a new version: in effect from its date at once (`publish`), or as a draft.
    pub async fn create(
        &self,
        caller: &Caller,
        version: &PolicyVersion,
        publish: bool,
    ) -> Result<(), PolicyError> {
        caller.authorize(Action::ManagePolicy, &Owner::default())?;
        let problems = version.check();
        if !problems.is_empty() {
            return Err(PolicyError::Invalid(problems));
        }
        let audit = caller.audit(
            if publish {
                "policy.create-published"
            } else {
                "policy.create-draft"
            },
            "policy_version",
            version.version.as_str(),
            None,
            audit_value(version),
        );
        self.store
            .create_policy(version, publish, &audit)
            .await?
            .map_err(|c| conflict(c, version))
    }

    /// Changes a version's parameters, which only a version no decision used allows.
    pub async fn edit(
        &self,
        caller: &Caller,
        name: &str,
        changes: &[(String, String)],
    ) -> Result<PolicyVersion, PolicyError> {
        let current = self.version(caller, name).await?;
        if current.used {
            return Err(PolicyError::Used(current.version.version));
        }
        let changed = apply(current.version.clone(), changes).map_err(PolicyError::Invalid)?;
        if changed == current.version {
            return Ok(changed);
        }
        let audit = caller.audit(
            "policy.edit",
            "policy_version",
            name,
            audit_value(&current.version),
            audit_value(&changed),
        );
        self.store
            .update_policy(&changed, &audit)
            .await?
            .map_err(|c| conflict(c, &changed))?;
        Ok(changed)
    }

    /// Puts a draft into effect from its date.
    pub async fn publish(&self, caller: &Caller, name: &str) -> Result<(), PolicyError> {
        let current = self.version(caller, name).await?;
        let audit = caller.audit(
            "policy.publish",
            "policy_version",
            name,
            None,
            audit_value(&current.version),
        );
        self.store
            .publish_policy(name, &audit)
            .await?
            .map_err(|c| conflict(c, &current.version))
    }

    /// Every provider's incentives as of `as_of` under the published rules with `to` left out,
    /// against the same rules with `to` in place of `from` (see [`PolicyBook::replacing`]):
    /// which providers gain, lose or see a changed incentive. Nothing is written.
    pub async fn diff(
        &self,
        caller: &Caller,
        from: &str,
        to: &str,
        as_of: Date,
        progress: &dyn EvaluationProgress,
    ) -> Result<PolicyDiff, PolicyError> {
        let stored = self.versions(caller).await?;
        let find = |name: &str| {
            stored
                .iter()
                .find(|s| s.version.version == name)
                .ok_or_else(|| PolicyError::NotFound(name.chars().take(40).collect()))
        };
        let (from, to) = (find(from)?, find(to)?);
        if from.version.version == to.version.version {
            return Err(PolicyError::SameVersion);
        }
        if !from.published {
            return Err(PolicyError::FromDraft(from.version.version.clone()));
        }
        let published = PolicyBook::new(
            stored
                .iter()
                .filter(|s| s.published)
                .map(|s| s.version.clone())
                .collect(),
        );
        let before_book = published.without(&to.version.version);
        let after_book = before_book.replacing(&from.version.version, &to.version);
        let incentives = Incentives::new(Arc::clone(&self.store));
        let before = incentives
            .evaluate_all_under(&before_book, as_of, None, progress)
            .await?;
        let after = incentives
            .evaluate_all_under(&after_book, as_of, None, progress)
            .await?;
        Ok(PolicyDiff {
            parameters: from.version.differences(&to.version),
            from: from.version.clone(),
            to: to.version.clone(),
            as_of,
            changes: compare(&before, &after),
            before_count: before.len(),
            after_count: after.len(),
            before_total: total(&before),
            after_total: total(&after),
        })
    }
}

fn conflict(conflict: PolicyConflict, version: &PolicyVersion) -> PolicyError {
    match conflict {
        PolicyConflict::VersionTaken => PolicyError::VersionTaken(version.version.clone()),
        PolicyConflict::DateTaken(other) => PolicyError::DateTaken { other },
        PolicyConflict::NotFound => PolicyError::NotFound(version.version.clone()),
        PolicyConflict::Used => PolicyError::Used(version.version.clone()),
        PolicyConflict::AlreadyPublished => PolicyError::AlreadyPublished(version.version.clone()),
    }
}

#[cfg(test)]
mod tests {
    use pathways_domain::error::parse_date;
    use pathways_domain::testing::provider_number;

    use super::*;

    fn line(
        provider: u32,
        kind: IncentiveKind,
        pathway: &str,
        on: &str,
        dollars: i64,
    ) -> IncentiveLine {
        IncentiveLine {
            provider: provider_number(provider),
            earned: Earned {
                kind,
                pathway: Pathway::parse(pathway).unwrap(),
                qualified_on: parse_date(on).unwrap(),
                amount: Money::from_dollars(dollars),
                policy_version: "v1".into(),
            },
            claimed: false,
            explanation: String::new(),
        }
    }

    #[test]
    fn only_incentives_that_differ_are_changes() {
        use IncentiveKind::*;
        let before = vec![
            line(1, Pathway, "CIB", "2026-01-10", 500),
            line(1, SpecializedOneMonth, "CIB", "2026-02-28", 500),
            line(2, Pathway, "GHS", "2026-03-01", 500),
            line(3, Pathway, "AED", "2026-03-01", 500),
        ];
        let mut after = vec![
            // Same result, another version's name: no change.
            IncentiveLine {
                earned: Earned {
                    policy_version: "v2".into(),
                    ..before[0].earned.clone()
                },
                ..before[0].clone()
            },
            // The amount changed.
            line(1, SpecializedOneMonth, "CIB", "2026-02-28", 600),
            // Provider 2's pathway incentive went to another pathway: one lost, one gained.
            line(2, Pathway, "AED", "2026-03-01", 500),
        ];
        after[1].claimed = true;
        let changes = compare(&before, &after);
        let summary: Vec<(i64, IncentiveKind, Change, bool)> = changes
            .iter()
            .map(|c| (c.provider.as_i64(), c.kind, c.change(), c.claimed))
            .collect();
        assert_eq!(
            summary,
            vec![
                (1, SpecializedOneMonth, Change::Changed, true),
                (2, Pathway, Change::Lost, false),
                (2, Pathway, Change::Gained, false),
                (3, Pathway, Change::Lost, false),
            ]
        );
        assert_eq!(total(&before), Money::from_dollars(2_000));
        assert_eq!(total(&after), Money::from_dollars(1_600));
    }

    #[test]
    fn changes_apply_together_or_not_at_all() {
        let base = PolicyVersion::program_default();
        let ok = apply(
            base.clone(),
            &[("pathway_incentive_amount".into(), "750".into())],
        )
        .unwrap();
        assert_eq!(ok.pathway_incentive_amount, Money::from_dollars(750));
        let problems = apply(
            base,
            &[
                ("pathway_incentive_amount".into(), "lots".into()),
                ("last_claim_date".into(), "2020-01-01".into()),
                ("nonsense".into(), "1".into()),
            ],
        )
        .unwrap_err();
        assert_eq!(problems.len(), 3, "{problems:?}");
    }
}

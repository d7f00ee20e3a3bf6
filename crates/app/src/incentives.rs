//! Incentives (DOMAIN.md §6) as the program runs them: every provider evaluated as of a date for
//! the command line and the outreach list, one provider's progress for their own pages, and
//! claiming what was earned.
//!
//! The rules are the domain's ([`pathways_domain::incentive`]); this service gathers their facts
//! from the store. A whole-state run reads attendance once, judges each provider's training,
//! and reads work hours only for the providers a Category 2 qualification makes them matter for.

use std::collections::HashSet;
use std::sync::Arc;

use pathways_domain::access::{Action, Owner};
use pathways_domain::eligibility::Enrollment;
use pathways_domain::ids::ProviderNumber;
use pathways_domain::incentive::{
    CourseCredit, Earned, Evaluation, HeldRecord, IncentiveKind, ProviderFacts, TrainingProgress,
    VerifiedRecord, evaluate, evaluate_from, training_progress,
};
use pathways_domain::pathway::Pathway;
use pathways_domain::policy::PolicyBook;
use pathways_store::{ClaimedIncentive, ProviderWork, Store, StoreError};
use time::Date;

use crate::access::{AccessError, Caller};

#[derive(Debug, thiserror::Error)]
pub enum IncentiveError {
    #[error("no provider with number {0}")]
    UnknownProvider(ProviderNumber),
    #[error("provider {provider} has not earned the {kind} incentive{}", pathway.map(|p| format!(" in {p}")).unwrap_or_default())]
    NotEarned {
        provider: ProviderNumber,
        kind: IncentiveKind,
        pathway: Option<Pathway>,
    },
    #[error(transparent)]
    Access(#[from] AccessError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// One incentive a provider qualified for, as `pathways incentives evaluate` prints it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncentiveLine {
    pub provider: ProviderNumber,
    pub earned: Earned,
    pub claimed: bool,
    /// Why, in plain English.
    pub explanation: String,
}

/// Told how far a whole-state run has come.
pub trait EvaluationProgress: Send + Sync {
    /// A new stage begins, with `total` steps (providers).
    fn stage(&self, name: &str, total: u64);
    /// `done` steps of the current stage are finished.
    fn advance(&self, done: u64);
}

/// For callers that do not show progress.
#[derive(Debug, Default)]
pub struct Quiet;

impl EvaluationProgress for Quiet {
    fn stage(&self, _name: &str, _total: u64) {}
    fn advance(&self, _done: u64) {}
}

/// One provider's incentives and progress, for their pages and staff's summaries.
#[derive(Debug, Clone)]
pub struct ProviderIncentives {
    pub provider: ProviderNumber,
    pub as_of: Date,
    pub evaluation: Evaluation,
    /// The courses the evaluation's records refer to by index.
    pub courses: Vec<CourseCredit>,
    pub claimed: Vec<ClaimedIncentive>,
}

impl ProviderIncentives {
    pub fn is_claimed(&self, earned: &Earned) -> bool {
        self.claimed.iter().any(|c| same_incentive(c, earned))
    }

    /// Why `earned` was decided, in plain English.
    pub fn explain(&self, earned: &Earned) -> String {
        self.evaluation.explain(earned, &self.courses)
    }
}

fn same_incentive(claim: &ClaimedIncentive, earned: &Earned) -> bool {
    claim.kind == earned.kind
        && (earned.kind != IncentiveKind::Pathway || claim.pathway == earned.pathway)
}

/// Providers whose work hours are read in one go in a whole-state run.
const WORK_BATCH: usize = 5_000;

#[derive(Debug, Clone)]
pub struct Incentives {
    store: Arc<dyn Store>,
}

impl Incentives {
    pub fn new(store: Arc<dyn Store>) -> Self {
        Self { store }
    }

    /// The policy versions, as the rules read them.
    pub async fn policy_book(&self) -> Result<PolicyBook, IncentiveError> {
        Ok(PolicyBook::new(self.store.policy_versions().await?))
    }

    /// Every incentive every provider (or one) qualified for by `as_of`, from the data known
    /// on that date, sorted by provider, date and kind. For the command line and staff reports:
    /// the caller must be the program's (the result covers the whole state).
    pub async fn evaluate_all(
        &self,
        as_of: Date,
        only: Option<ProviderNumber>,
        progress: &dyn EvaluationProgress,
    ) -> Result<Vec<IncentiveLine>, IncentiveError> {
        let policies = self.policy_book().await?;
        self.evaluate_all_under(&policies, as_of, only, progress)
            .await
    }

    /// [`Self::evaluate_all`] under the given policy versions instead of the stored ones: the
    /// replay a program runs before changing a rule (`pathways policy diff`).
    pub async fn evaluate_all_under(
        &self,
        policies: &PolicyBook,
        as_of: Date,
        only: Option<ProviderNumber>,
        progress: &dyn EvaluationProgress,
    ) -> Result<Vec<IncentiveLine>, IncentiveError> {
        let store = self.store.as_ref();
        progress.stage("reading courses", 0);
        let book = store.course_book().await?;
        progress.stage("reading attendance and enrollments", 0);
        // Two connections read at once: on SQLite each has its own thread.
        let (enrollments, records, claims) = tokio::try_join!(
            store.enrollments(only),
            store.training_records(as_of, only, &book),
            store.claimed_incentives(only),
        )?;
        let claimed: HashSet<(ProviderNumber, IncentiveKind, &'static str)> = claims
            .iter()
            .map(|c| (c.provider, c.kind, c.claim_key()))
            .collect();

        let verified = group_by_provider(&records.verified);
        progress.stage("judging training", verified.len() as u64);
        let mut lines = Vec::new();
        let mut waiting: Vec<Pending> = Vec::new();
        let mut held_at = 0;
        for (i, (provider, range)) in verified.iter().enumerate() {
            if i % 10_000 == 0 {
                progress.advance(i as u64);
            }
            let Ok(e) = enrollments.binary_search_by_key(provider, |(p, _)| *p) else {
                // Attendance of a provider the providers file does not have is never
                // verified; a provider removed since has no enrollment to be eligible with.
                continue;
            };
            let enrollment = enrollments[e].1;
            let verified_records: Vec<VerifiedRecord> = records.verified[range.clone()]
                .iter()
                .map(|(_, r)| *r)
                .collect();
            let held = held_of(&records.held, &mut held_at, *provider);
            let facts = ProviderFacts {
                enrollment,
                courses: &book.courses,
                verified: &verified_records,
                held: &held,
                cases: &[],
                work: &[],
            };
            let training = training_progress(&facts, policies, as_of);
            if training.pathways.iter().all(|p| p.qualified.is_none()) {
                continue;
            }
            if training.needs_work_hours() {
                waiting.push(Pending {
                    provider: *provider,
                    enrollment,
                    verified: verified_records,
                    held,
                    training,
                });
                continue;
            }
            let evaluation = evaluate_from(training, &facts, policies);
            push_lines(&mut lines, *provider, &evaluation, &book.courses, &claimed);
        }

        progress.stage("reading work hours", waiting.len() as u64);
        let mut done = 0u64;
        for batch in waiting.chunks(WORK_BATCH) {
            let providers: Vec<ProviderNumber> = batch.iter().map(|p| p.provider).collect();
            let work = store.provider_work(&providers, as_of).await?;
            for (pending, work) in batch.iter().zip(work) {
                let evaluation = pending.finish(&work, &book.courses, policies);
                push_lines(
                    &mut lines,
                    pending.provider,
                    &evaluation,
                    &book.courses,
                    &claimed,
                );
            }
            done += batch.len() as u64;
            progress.advance(done);
        }
        progress.stage("sorting", 0);
        lines.sort_by_key(|l| {
            (
                l.provider,
                l.earned.qualified_on,
                l.earned.kind,
                l.earned.pathway,
            )
        });
        Ok(lines)
    }

    /// One provider's progress and incentives as of `as_of`; the caller must be allowed to see
    /// the provider (themselves, their county's staff, the program).
    pub async fn provider(
        &self,
        caller: &Caller,
        provider: ProviderNumber,
        county: Option<pathways_domain::ids::CountyCode>,
        as_of: Date,
    ) -> Result<ProviderIncentives, IncentiveError> {
        caller.authorize(
            Action::ViewProvider,
            &Owner {
                provider: Some(provider),
                county,
                ..Owner::default()
            },
        )?;
        self.provider_unchecked(provider, as_of).await
    }

    /// [`Self::provider`] without asking who wants it: for services that checked already.
    pub async fn provider_unchecked(
        &self,
        provider: ProviderNumber,
        as_of: Date,
    ) -> Result<ProviderIncentives, IncentiveError> {
        let store = self.store.as_ref();
        let policies = self.policy_book().await?;
        let Some((_, enrollment)) = store.enrollments(Some(provider)).await?.pop() else {
            return Err(IncentiveError::UnknownProvider(provider));
        };
        let book = store.course_book().await?;
        let records = store.training_records(as_of, Some(provider), &book).await?;
        let work = store
            .provider_work(&[provider], as_of)
            .await?
            .pop()
            .unwrap_or_default();
        let verified: Vec<VerifiedRecord> = records.verified.iter().map(|(_, r)| *r).collect();
        let held: Vec<HeldRecord> = records.held.into_iter().map(|(_, r)| r).collect();
        let facts = ProviderFacts {
            enrollment,
            courses: &book.courses,
            verified: &verified,
            held: &held,
            cases: &work.cases,
            work: &work.work,
        };
        let evaluation = evaluate(&facts, &policies, as_of);
        let claimed = store.claimed_incentives(Some(provider)).await?;
        Ok(ProviderIncentives {
            provider,
            as_of,
            evaluation,
            courses: book.courses,
            claimed,
        })
    }

    /// Records the provider's claim of an incentive they earned by `today`, for review, and
    /// gives its number; `None` when it was claimed already (a second claim changes nothing).
    pub async fn claim(
        &self,
        caller: &Caller,
        provider: ProviderNumber,
        kind: IncentiveKind,
        pathway: Option<Pathway>,
        today: Date,
    ) -> Result<Option<i64>, IncentiveError> {
        caller.authorize(
            Action::SubmitClaim,
            &Owner {
                provider: Some(provider),
                ..Owner::default()
            },
        )?;
        let progress = self.provider_unchecked(provider, today).await?;
        let earned = progress
            .evaluation
            .earned(kind, pathway.filter(|_| kind == IncentiveKind::Pathway))
            .ok_or(IncentiveError::NotEarned {
                provider,
                kind,
                pathway,
            })?;
        let claim = ClaimedIncentive {
            provider,
            kind,
            pathway: earned.pathway,
            qualified_on: earned.qualified_on,
            amount: earned.amount,
            policy_version: earned.policy_version.clone(),
            claimed_at: crate::access::now(),
        };
        let audit = caller.audit(
            "incentive.claim",
            "incentive_claim",
            "",
            None,
            Some(serde_json::json!({
                "provider": provider.to_string(),
                "kind": kind.code(),
                "pathway": claim.pathway.code(),
                "qualified_on": pathways_domain::error::format_date(claim.qualified_on),
                "amount": claim.amount.to_string(),
                "policy_version": claim.policy_version,
            })),
        );
        Ok(self.store.claim_incentive(&claim, &audit).await?)
    }
}

/// A provider whose specialized-care months wait for their work hours.
struct Pending {
    provider: ProviderNumber,
    enrollment: Enrollment,
    verified: Vec<VerifiedRecord>,
    held: Vec<HeldRecord>,
    training: TrainingProgress,
}

impl Pending {
    fn finish(
        &self,
        work: &ProviderWork,
        courses: &[CourseCredit],
        policies: &PolicyBook,
    ) -> Evaluation {
        let facts = ProviderFacts {
            enrollment: self.enrollment,
            courses,
            verified: &self.verified,
            held: &self.held,
            cases: &work.cases,
            work: &work.work,
        };
        evaluate_from(self.training.clone(), &facts, policies)
    }
}

/// Each provider's range in records sorted by provider.
fn group_by_provider<T>(
    records: &[(ProviderNumber, T)],
) -> Vec<(ProviderNumber, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    let mut start = 0;
    for group in records.chunk_by(|a, b| a.0 == b.0) {
        out.push((group[0].0, start..start + group.len()));
        start += group.len();
    }
    out
}

/// The held records of `provider`, advancing `at` through records sorted by provider.
fn held_of(
    held: &[(ProviderNumber, HeldRecord)],
    at: &mut usize,
    provider: ProviderNumber,
) -> Vec<HeldRecord> {
    while *at < held.len() && held[*at].0 < provider {
        *at += 1;
    }
    let mut out = Vec::new();
    while *at < held.len() && held[*at].0 == provider {
        out.push(held[*at].1.clone());
        *at += 1;
    }
    out
}

fn push_lines(
    lines: &mut Vec<IncentiveLine>,
    provider: ProviderNumber,
    evaluation: &Evaluation,
    courses: &[CourseCredit],
    claimed: &HashSet<(ProviderNumber, IncentiveKind, &'static str)>,
) {
    for earned in &evaluation.earned {
        let key = match earned.kind {
            IncentiveKind::Pathway => earned.pathway.code(),
            _ => "",
        };
        lines.push(IncentiveLine {
            provider,
            earned: earned.clone(),
            claimed: claimed.contains(&(provider, earned.kind, key)),
            explanation: evaluation.explain(earned, courses),
        });
    }
}

//! The outreach list (DOMAIN.md §6): every provider who qualifies for an incentive but has not
//! claimed it, with how to reach them, so staff can call. Program staff see the state (or one
//! county); county staff see only their county.
//!
//! The list comes from a whole-state evaluation, which takes seconds at state scale, so the
//! service keeps the last list for a while (five minutes unless told otherwise) and every
//! request in that time shares it; requests that arrive while it is being computed wait for
//! that one computation instead of starting their own. Pages say when it was computed.

use std::sync::Arc;
use std::time::Duration;

use pathways_domain::access::{Action, Actor, Denied, Owner};
use pathways_domain::ids::CountyCode;
use pathways_domain::incentive::Earned;
use pathways_domain::quantity::Money;
use pathways_store::{ProviderContact, Store, StoreError};
use time::{Date, OffsetDateTime};
use tokio::sync::Mutex;

use crate::access::{AccessError, Caller, now};
use crate::incentives::{EvaluationProgress, IncentiveError, Incentives, Quiet};

/// How long a computed list is shown before it is computed again.
pub const DEFAULT_KEEP: Duration = Duration::from_secs(300);

#[derive(Debug, thiserror::Error)]
pub enum OutreachError {
    #[error(transparent)]
    Access(#[from] AccessError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Evaluation(Box<IncentiveError>),
}

impl From<IncentiveError> for OutreachError {
    fn from(error: IncentiveError) -> Self {
        match error {
            IncentiveError::Access(a) => Self::Access(a),
            IncentiveError::Store(s) => Self::Store(s),
            other => Self::Evaluation(Box::new(other)),
        }
    }
}

/// One unclaimed incentive and how to reach its provider.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutreachEntry {
    pub contact: ProviderContact,
    pub earned: Earned,
}

/// The whole state's unclaimed incentives as of a date, by provider, date and kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutreachList {
    pub as_of: Date,
    pub computed_at: OffsetDateTime,
    pub entries: Vec<OutreachEntry>,
}

/// What one person is shown: the list for their county choice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutreachView {
    pub as_of: Date,
    pub computed_at: OffsetDateTime,
    /// The county shown (always the caller's own for county staff), or the whole state.
    pub county: Option<CountyCode>,
    pub entries: Vec<OutreachEntry>,
    /// Distinct providers in `entries`.
    pub providers: usize,
    /// The unclaimed amounts added up.
    pub total: Money,
    /// Whether this caller may ask for the list to be computed again now.
    pub may_refresh: bool,
}

#[derive(Debug, Clone)]
pub struct Outreach {
    store: Arc<dyn Store>,
    keep: Duration,
    kept: Arc<Mutex<Option<Arc<OutreachList>>>>,
}

impl Outreach {
    pub fn new(store: Arc<dyn Store>) -> Self {
        Self {
            store,
            keep: DEFAULT_KEEP,
            kept: Arc::new(Mutex::new(None)),
        }
    }

    /// Keeps a computed list for `keep` (zero: compute on every request).
    pub fn keeping_lists_for(mut self, keep: Duration) -> Self {
        self.keep = keep;
        self
    }

    /// The county a caller's list shows, after checking they may see it: program staff the one
    /// they ask for (or all), county staff their own (asking for another is refused).
    fn scope(
        caller: &Caller,
        county: Option<CountyCode>,
    ) -> Result<Option<CountyCode>, OutreachError> {
        let county = match (&caller.actor, county) {
            (Actor::CountyStaff { county: own }, None) => Some(*own),
            (_, county) => county,
        };
        caller.authorize(
            Action::ViewOutreach,
            &Owner {
                county,
                ..Owner::default()
            },
        )?;
        Ok(county)
    }

    /// The unclaimed incentives as of `today` that the caller may see, for `county` or all.
    pub async fn list(
        &self,
        caller: &Caller,
        county: Option<CountyCode>,
        today: Date,
    ) -> Result<OutreachView, OutreachError> {
        let county = Self::scope(caller, county)?;
        let list = self.kept_or_computed(today, false).await?;
        Ok(view(&list, county, self.may_refresh(caller)))
    }

    /// Whether the caller may have the list computed again (the program's staff).
    pub fn may_refresh(&self, caller: &Caller) -> bool {
        caller
            .authorize(Action::ViewOutreach, &Owner::default())
            .is_ok()
    }

    /// Computes the list again now, for the program's staff.
    pub async fn refresh(&self, caller: &Caller, today: Date) -> Result<(), OutreachError> {
        if !self.may_refresh(caller) {
            // County staff see a list but do not make the state's list be computed again.
            return Err(AccessError::Denied(Denied::RoleMayNot {
                role: caller.role(),
                action: Action::ViewOutreach,
            })
            .into());
        }
        self.kept_or_computed(today, true).await?;
        Ok(())
    }

    /// The kept list when it is for `today` and young enough, else a new one. The lock is held
    /// while computing, so concurrent requests share one computation.
    async fn kept_or_computed(
        &self,
        today: Date,
        fresh: bool,
    ) -> Result<Arc<OutreachList>, OutreachError> {
        let mut kept = self.kept.lock().await;
        if let Some(list) = kept.as_ref() {
            let age = now() - list.computed_at;
            if !fresh && list.as_of == today && age < self.keep {
                return Ok(Arc::clone(list));
            }
        }
        let list = Arc::new(compute(Arc::clone(&self.store), today, &Quiet).await?);
        *kept = Some(Arc::clone(&list));
        Ok(list)
    }

    /// Records that the caller downloaded the list (it holds names and phone numbers).
    pub async fn record_download(
        &self,
        caller: &Caller,
        shown: &OutreachView,
    ) -> Result<(), OutreachError> {
        let key = shown
            .county
            .map_or_else(|| "all".to_owned(), |c| format!("{:02}", c.get()));
        let entry = caller.audit(
            "outreach.download",
            "outreach_list",
            key,
            None,
            Some(serde_json::json!({
                "as_of": pathways_domain::error::format_date(shown.as_of),
                "rows": shown.entries.len(),
                "providers": shown.providers,
            })),
        );
        self.store.append_audit(&entry).await?;
        Ok(())
    }
}

/// Evaluates every provider as of `as_of` and keeps the incentives not claimed, with contacts.
/// For the command line, which checks who runs it itself; pages go through [`Outreach::list`].
pub async fn compute(
    store: Arc<dyn Store>,
    as_of: Date,
    progress: &dyn EvaluationProgress,
) -> Result<OutreachList, OutreachError> {
    let lines = Incentives::new(Arc::clone(&store))
        .evaluate_all(as_of, None, progress)
        .await?;
    let unclaimed: Vec<_> = lines.into_iter().filter(|l| !l.claimed).collect();
    let mut providers: Vec<_> = unclaimed.iter().map(|l| l.provider).collect();
    providers.dedup();
    let contacts = store.provider_contacts(&providers).await?;
    let entries = unclaimed
        .into_iter()
        .filter_map(|line| {
            // Evaluation reads only providers in the providers file, so each has a contact.
            let i = contacts
                .binary_search_by_key(&line.provider, |c| c.provider)
                .ok()?;
            Some(OutreachEntry {
                contact: contacts[i].clone(),
                earned: line.earned,
            })
        })
        .collect();
    Ok(OutreachList {
        as_of,
        computed_at: now(),
        entries,
    })
}

/// The columns of the outreach CSV, in order.
pub const CSV_COLUMNS: [&str; 12] = [
    "provider_number",
    "first_name",
    "last_name",
    "county_code",
    "language",
    "phone",
    "email",
    "kind",
    "pathway",
    "qualified_on",
    "amount",
    "policy_version",
];

/// Writes entries as CSV with a header row (the page's download and the command line's).
pub fn write_csv(out: impl std::io::Write, entries: &[OutreachEntry]) -> csv::Result<()> {
    let mut csv = csv::Writer::from_writer(out);
    csv.write_record(CSV_COLUMNS)?;
    for e in entries {
        let c = &e.contact;
        csv.write_record([
            c.provider.to_string().as_str(),
            &c.first_name,
            &c.last_name,
            &format!("{:02}", c.county.get()),
            &c.language,
            c.phone.as_deref().unwrap_or(""),
            c.email.as_deref().unwrap_or(""),
            e.earned.kind.code(),
            e.earned.pathway.code(),
            &pathways_domain::error::format_date(e.earned.qualified_on),
            &e.earned.amount.to_string(),
            &e.earned.policy_version,
        ])?;
    }
    csv.flush()?;
    Ok(())
}

/// The part of a list one county (or the state) sees, with its totals.
pub fn view(list: &OutreachList, county: Option<CountyCode>, may_refresh: bool) -> OutreachView {
    let entries: Vec<OutreachEntry> = list
        .entries
        .iter()
        .filter(|e| county.is_none_or(|c| e.contact.county == c))
        .cloned()
        .collect();
    let mut providers: Vec<_> = entries.iter().map(|e| e.contact.provider).collect();
    providers.dedup();
    OutreachView {
        as_of: list.as_of,
        computed_at: list.computed_at,
        county,
        total: Money::from_cents(entries.iter().map(|e| e.earned.amount.cents()).sum()),
        providers: providers.len(),
        entries,
        may_refresh,
    }
}

#[cfg(test)]
mod tests {
    use pathways_domain::incentive::IncentiveKind;
    use pathways_domain::pathway::Pathway;
    use pathways_domain::testing::{county, provider_number};
    use time::macros::date;

    use super::*;

    fn entry(provider: u32, county_code: u8, kind: IncentiveKind, dollars: i64) -> OutreachEntry {
        OutreachEntry {
            contact: ProviderContact {
                provider: provider_number(provider),
                first_name: "Ana".into(),
                last_name: "Lopez".into(),
                county: county(county_code),
                language: "es".into(),
                phone: None,
                email: None,
            },
            earned: Earned {
                kind,
                pathway: Pathway::GeneralHealthAndSafety,
                qualified_on: date!(2026 - 03 - 01),
                amount: Money::from_dollars(dollars),
                policy_version: "2025-10".into(),
            },
        }
    }

    fn list() -> OutreachList {
        OutreachList {
            as_of: date!(2026 - 12 - 01),
            computed_at: now(),
            entries: vec![
                entry(1, 34, IncentiveKind::Pathway, 500),
                entry(1, 34, IncentiveKind::SpecializedOneMonth, 500),
                entry(2, 19, IncentiveKind::Pathway, 500),
            ],
        }
    }

    #[test]
    fn a_county_view_keeps_its_providers_and_adds_them_up() {
        let sacramento = view(&list(), Some(county(34)), false);
        assert_eq!(sacramento.entries.len(), 2);
        assert_eq!(sacramento.providers, 1);
        assert_eq!(sacramento.total, Money::from_dollars(1_000));
        let state = view(&list(), None, true);
        assert_eq!((state.entries.len(), state.providers), (3, 2));
        assert_eq!(state.total, Money::from_dollars(1_500));
    }

    #[test]
    fn the_csv_has_its_header_and_a_row_per_entry() {
        let mut out = Vec::new();
        write_csv(&mut out, &list().entries).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], CSV_COLUMNS.join(","));
        assert_eq!(
            lines[1],
            "000000001,Ana,Lopez,34,es,,,pathway,GHS,2026-03-01,500.00,2025-10"
        );
        assert_eq!(lines.len(), 4);
    }

    #[test]
    fn county_staff_see_their_own_county_and_may_not_ask_for_another() {
        let staff = Caller {
            actor: Actor::CountyStaff { county: county(34) },
            account: None,
            label: "county".into(),
        };
        assert_eq!(Outreach::scope(&staff, None).unwrap(), Some(county(34)));
        assert_eq!(
            Outreach::scope(&staff, Some(county(34))).unwrap(),
            Some(county(34))
        );
        assert!(Outreach::scope(&staff, Some(county(19))).is_err());
        let admin = Caller::command_line();
        assert_eq!(Outreach::scope(&admin, None).unwrap(), None);
        assert_eq!(
            Outreach::scope(&admin, Some(county(19))).unwrap(),
            Some(county(19))
        );
        let provider = Caller {
            actor: Actor::Provider {
                provider: provider_number(1),
            },
            account: None,
            label: "provider".into(),
        };
        assert!(Outreach::scope(&provider, None).is_err());
    }
}

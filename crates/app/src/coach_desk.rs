//! The coach's desk (DOMAIN.md §9): a coach's appointments today and ahead, the summary of a
//! provider who booked them (hours per pathway, claims in progress), private notes, how each
//! appointment went and follow-up tasks. A coach sees only their own appointments and the
//! providers who booked them; program staff see any coach's.

use std::sync::Arc;

use pathways_domain::access::{Action, Actor, Owner};
use pathways_domain::coaching::{AppointmentRefusal, AppointmentState};
use pathways_domain::ids::ProviderNumber;
use pathways_store::accounts::ProviderContact;
use pathways_store::{
    AppointmentRecord, FollowUpRecord, NoteRecord, Store, StoreError, TrainingClaimRecord,
};
use time::{Date, Duration, PrimitiveDateTime};

use crate::access::{AccessError, Caller};
use crate::progress::{Progress, ProgressError, ProgressView};

/// The longest note or follow-up a coach writes, in characters.
pub const NOTE_LIMIT: usize = 4_000;
pub const TASK_LIMIT: usize = 500;

#[derive(Debug, thiserror::Error)]
pub enum DeskError {
    /// The caller signs in as a coach whose account is not tied to a coach record yet.
    #[error("this account is not set up as a coach yet")]
    NotACoach,
    /// No such appointment, or one of another coach: the two look the same.
    #[error("no such appointment")]
    NotFound,
    #[error("write something first")]
    Empty,
    #[error("that is longer than {0} characters")]
    TooLong(usize),
    #[error(transparent)]
    Refused(#[from] AppointmentRefusal),
    #[error(transparent)]
    Access(#[from] AccessError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<ProgressError> for DeskError {
    fn from(e: ProgressError) -> Self {
        match e {
            ProgressError::Access(e) => Self::Access(e),
            ProgressError::Store(e) => Self::Store(e),
            _ => Self::NotFound,
        }
    }
}

/// An appointment on the desk, with who booked it and the coach's notes.
#[derive(Debug, Clone)]
pub struct DeskAppointment {
    pub appointment: AppointmentRecord,
    pub provider_name: String,
    pub coach_name: String,
    pub notes: Vec<NoteRecord>,
}

/// A coach's day and what lies ahead.
#[derive(Debug, Clone)]
pub struct DeskView {
    /// The coach whose desk it is; `None` for program staff, who see every coach's.
    pub coach: Option<i64>,
    /// Today's appointments (every state), by time.
    pub today: Vec<DeskAppointment>,
    /// From tomorrow, two weeks ahead.
    pub upcoming: Vec<DeskAppointment>,
    /// The last seven days before today, to mark and write notes on.
    pub recent: Vec<DeskAppointment>,
    pub follow_ups: Vec<FollowUpRecord>,
}

/// One appointment with the summary of the provider who booked it.
#[derive(Debug, Clone)]
pub struct AppointmentView {
    pub desk: DeskAppointment,
    pub contact: ProviderContact,
    pub progress: ProgressView,
    /// Training-pay claims not paid or denied yet.
    pub claims_in_progress: Vec<TrainingClaimRecord>,
    /// Incentive claims not paid or denied yet: (incentive kind, pathway, state).
    pub incentive_claims_in_progress: Vec<pathways_store::IncentiveClaimRecord>,
    pub follow_ups: Vec<FollowUpRecord>,
}

#[derive(Debug, Clone)]
pub struct CoachDesk {
    store: Arc<dyn Store>,
    progress: Progress,
}

/// Whether `caller` is a coach that `provider` booked: what lets a coach see the provider.
pub(crate) async fn coach_assigned(
    store: &dyn Store,
    caller: &Caller,
    provider: ProviderNumber,
) -> Result<bool, StoreError> {
    let (Actor::Coach, Some(account)) = (&caller.actor, caller.account) else {
        return Ok(false);
    };
    match store.coach_of_account(account).await? {
        Some(coach) => store.coach_has_provider(coach, provider).await,
        None => Ok(false),
    }
}

impl CoachDesk {
    pub fn new(store: Arc<dyn Store>, progress: Progress) -> Self {
        Self { store, progress }
    }

    /// Whose desk the caller sees: a coach their own coach record's, program staff every
    /// coach's (`None`).
    pub async fn desk_of(&self, caller: &Caller) -> Result<Option<i64>, DeskError> {
        if !matches!(caller.actor, Actor::Coach) {
            caller.authorize(Action::ViewAppointments, &Owner::default())?;
            return Ok(None);
        }
        let account = caller.account.ok_or(DeskError::NotACoach)?;
        self.store
            .coach_of_account(account)
            .await?
            .map(Some)
            .ok_or(DeskError::NotACoach)
    }

    /// The caller's desk as of `now` (program clock).
    pub async fn desk(
        &self,
        caller: &Caller,
        now: PrimitiveDateTime,
    ) -> Result<DeskView, DeskError> {
        let coach = self.desk_of(caller).await?;
        let today = now.date().midnight();
        let all = self
            .store
            .coach_appointments(coach, today - Duration::days(7), today + Duration::days(15))
            .await?;
        let mut desk = self.with_names(all).await?;
        let tomorrow = today + Duration::days(1);
        let split = |from: PrimitiveDateTime, until: PrimitiveDateTime, list: &mut Vec<_>| {
            let (inside, rest): (Vec<DeskAppointment>, Vec<DeskAppointment>) = std::mem::take(list)
                .into_iter()
                .partition(|a: &DeskAppointment| {
                    a.appointment.starts_at >= from && a.appointment.starts_at < until
                });
            *list = rest;
            inside
        };
        let today_list = split(today, tomorrow, &mut desk);
        let recent = split(today - Duration::days(7), today, &mut desk);
        let upcoming = desk
            .into_iter()
            .filter(|a| a.appointment.state != AppointmentState::Cancelled)
            .collect();
        Ok(DeskView {
            coach,
            today: today_list,
            upcoming,
            recent,
            follow_ups: self
                .store
                .coach_follow_ups(coach, crate::access::now())
                .await?,
        })
    }

    async fn with_names(
        &self,
        appointments: Vec<AppointmentRecord>,
    ) -> Result<Vec<DeskAppointment>, DeskError> {
        let ids: Vec<i64> = appointments.iter().map(|a| a.id).collect();
        let mut notes: std::collections::HashMap<i64, Vec<NoteRecord>> =
            std::collections::HashMap::new();
        for note in self.store.appointment_notes(&ids).await? {
            notes.entry(note.appointment).or_default().push(note);
        }
        let coaches: std::collections::HashMap<i64, String> = self
            .store
            .coaches()
            .await?
            .into_iter()
            .map(|c| (c.id, c.name))
            .collect();
        // One read for every provider on the desk (program staff see every coach's).
        let mut providers: Vec<ProviderNumber> = appointments.iter().map(|a| a.provider).collect();
        providers.sort_unstable();
        providers.dedup();
        let names: std::collections::HashMap<ProviderNumber, String> = self
            .store
            .provider_contacts(&providers)
            .await?
            .into_iter()
            .map(|c| (c.provider, format!("{} {}", c.first_name, c.last_name)))
            .collect();
        let mut desk = Vec::with_capacity(appointments.len());
        for appointment in appointments {
            let provider_name = names
                .get(&appointment.provider)
                .cloned()
                .unwrap_or_else(|| appointment.provider.to_string());
            let mine = notes.remove(&appointment.id).unwrap_or_default();
            let coach_name = coaches.get(&appointment.coach).cloned().unwrap_or_default();
            desk.push(DeskAppointment {
                appointment,
                provider_name,
                coach_name,
                notes: mine,
            });
        }
        Ok(desk)
    }

    /// One of the caller's appointments (program staff: any), checked.
    async fn appointment_of(
        &self,
        caller: &Caller,
        id: i64,
    ) -> Result<AppointmentRecord, DeskError> {
        if !caller.may(Action::ViewAppointments) {
            caller.authorize(Action::ViewAppointments, &Owner::default())?;
        }
        let appointment = self
            .store
            .appointment(id)
            .await?
            .ok_or(DeskError::NotFound)?;
        let assigned = match (&caller.actor, caller.account) {
            (Actor::Coach, Some(account)) => {
                self.store.coach_of_account(account).await? == Some(appointment.coach)
            }
            _ => false,
        };
        caller
            .authorize(
                Action::ViewAppointments,
                &Owner {
                    provider: Some(appointment.provider),
                    assigned,
                    ..Owner::default()
                },
            )
            .map_err(|_| DeskError::NotFound)?;
        Ok(appointment)
    }

    /// An appointment with the summary of the provider who booked it, as of `today`.
    pub async fn appointment(
        &self,
        caller: &Caller,
        id: i64,
        today: Date,
    ) -> Result<AppointmentView, DeskError> {
        let appointment = self.appointment_of(caller, id).await?;
        let provider = appointment.provider;
        let progress = self.progress.view(caller, provider, today).await?;
        let contact = self
            .store
            .provider_contact(provider)
            .await?
            .ok_or(DeskError::NotFound)?;
        let in_progress = |state: &str| matches!(state, "submitted" | "approved" | "rejected");
        let claims_in_progress = self
            .store
            .training_claims(provider)
            .await?
            .into_iter()
            .filter(|c| in_progress(&c.state))
            .collect();
        let incentive_claims_in_progress = self
            .store
            .provider_incentive_claims(provider)
            .await?
            .into_iter()
            .filter(|c| in_progress(&c.state))
            .collect();
        let follow_ups = self
            .store
            .coach_follow_ups(Some(appointment.coach), crate::access::now())
            .await?
            .into_iter()
            .filter(|f| f.provider == provider)
            .collect();
        let desk = self
            .with_names(vec![appointment])
            .await?
            .pop()
            .ok_or(DeskError::NotFound)?;
        Ok(AppointmentView {
            desk,
            contact,
            progress,
            claims_in_progress,
            incentive_claims_in_progress,
            follow_ups,
        })
    }

    /// Adds a private note to one of the caller's appointments.
    pub async fn add_note(&self, caller: &Caller, id: i64, body: &str) -> Result<i64, DeskError> {
        let appointment = self.appointment_of(caller, id).await?;
        let body = checked_text(body, NOTE_LIMIT)?;
        if appointment.state == AppointmentState::Cancelled {
            return Err(AppointmentRefusal::NotStarted.into());
        }
        // The note itself stays out of the audit log: it is the coach's private record.
        let audit = caller.audit(
            "appointment.note",
            "appointment",
            id.to_string(),
            None,
            Some(serde_json::json!({ "characters": body.chars().count() })),
        );
        Ok(self.store.add_appointment_note(id, body, &audit).await?)
    }

    /// Marks how an appointment went: `Held` or `NoShow`.
    pub async fn mark(
        &self,
        caller: &Caller,
        id: i64,
        outcome: AppointmentState,
        now: PrimitiveDateTime,
    ) -> Result<(), DeskError> {
        let appointment = self.appointment_of(caller, id).await?;
        if !matches!(outcome, AppointmentState::Held | AppointmentState::NoShow) {
            return Err(AppointmentRefusal::NotStarted.into());
        }
        pathways_domain::coaching::judge_outcome(appointment.state, appointment.starts_at, now)?;
        let audit = caller.audit(
            "appointment.mark",
            "appointment",
            id.to_string(),
            Some(serde_json::json!({ "state": appointment.state.code() })),
            Some(serde_json::json!({ "state": outcome.code() })),
        );
        Ok(self
            .store
            .mark_appointment(id, outcome, now, &audit)
            .await??)
    }

    /// Sets a follow-up task after one of the caller's appointments.
    pub async fn add_follow_up(
        &self,
        caller: &Caller,
        id: i64,
        task: &str,
        due_on: Date,
    ) -> Result<i64, DeskError> {
        self.appointment_of(caller, id).await?;
        let task = checked_text(task, TASK_LIMIT)?;
        let audit = caller.audit(
            "follow-up.add",
            "follow-up",
            "",
            None,
            Some(serde_json::json!({ "appointment": id, "due_on": due_on.to_string() })),
        );
        Ok(self.store.add_follow_up(id, task, due_on, &audit).await?)
    }

    /// Marks one of the caller's follow-ups done.
    pub async fn finish_follow_up(&self, caller: &Caller, id: i64) -> Result<(), DeskError> {
        let coach = self.desk_of(caller).await?;
        let audit = caller.audit("follow-up.done", "follow-up", id.to_string(), None, None);
        if self.store.finish_follow_up(coach, id, &audit).await? {
            Ok(())
        } else {
            Err(DeskError::NotFound)
        }
    }
}

fn checked_text(text: &str, limit: usize) -> Result<&str, DeskError> {
    let text = text.trim();
    if text.is_empty() {
        Err(DeskError::Empty)
    } else if text.chars().count() > limit {
        Err(DeskError::TooLong(limit))
    } else {
        Ok(text)
    }
}

//! Coaching (DOMAIN.md §9): program admins add coaches and publish their hours; a provider
//! finds open times with coaches who speak her language on her topic and books one. The rules
//! are the domain's ([`pathways_domain::coaching`]); the store judges a booking on facts read in
//! its own transaction, so two requests never book one coach's time twice.

use std::sync::Arc;

use pathways_domain::access::{Action, Owner};
use pathways_domain::coaching::{Availability, BookingRefusal, HelpTopic};
use pathways_domain::ids::ProviderNumber;
use pathways_store::{AppointmentRecord, BookingRequest, NewCoach, Store, StoreError};
use time::{Duration, PrimitiveDateTime};

use crate::access::{AccessError, Caller};

#[derive(Debug, thiserror::Error)]
pub enum CoachingError {
    #[error("coach {0} does not exist")]
    NoSuchCoach(i64),
    #[error("a coach needs a name, a language and a topic")]
    IncompleteCoach,
    #[error("the booking was refused: {0}")]
    Refused(BookingRefusal),
    #[error(transparent)]
    Access(#[from] AccessError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// How appointments are made. The program's values for now; they belong in the policy
/// versions with the other program rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CoachingRules {
    pub length: Duration,
    /// How far ahead a booking must be made.
    pub notice: Duration,
    /// The most future appointments a provider may hold.
    pub provider_limit: u32,
}

impl Default for CoachingRules {
    fn default() -> Self {
        Self {
            length: Duration::minutes(30),
            notice: Duration::hours(2),
            provider_limit: 2,
        }
    }
}

/// A time a coach is open, for the topic and language asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenTime {
    pub starts_at: PrimitiveDateTime,
    pub coach: i64,
    pub coach_name: String,
}

#[derive(Debug, Clone)]
pub struct Coaching {
    store: Arc<dyn Store>,
    rules: CoachingRules,
}

impl Coaching {
    pub fn new(store: Arc<dyn Store>, rules: CoachingRules) -> Self {
        Self { store, rules }
    }

    pub fn rules(&self) -> CoachingRules {
        self.rules
    }

    /// Adds a coach (program admins).
    pub async fn add_coach(&self, caller: &Caller, coach: &NewCoach) -> Result<i64, CoachingError> {
        caller.authorize(Action::ManageCoaches, &Owner::default())?;
        if coach.name.trim().is_empty() || coach.languages.is_empty() || coach.topics.is_empty() {
            return Err(CoachingError::IncompleteCoach);
        }
        let audit = caller.audit(
            "coach.add",
            "coach",
            "",
            None,
            Some(serde_json::json!({
                "name": coach.name,
                "languages": coach.languages,
                "topics": coach.topics.iter().map(|t| t.code()).collect::<Vec<_>>(),
            })),
        );
        Ok(self.store.add_coach(coach, &audit).await?)
    }

    /// Replaces a coach's weekly hours and time off.
    pub async fn publish_hours(
        &self,
        caller: &Caller,
        coach: i64,
        availability: &Availability,
    ) -> Result<(), CoachingError> {
        caller.authorize(Action::ManageCoaches, &Owner::default())?;
        let audit = caller.audit(
            "coach.hours",
            "coach",
            coach.to_string(),
            None,
            Some(serde_json::json!({
                "weekly": availability.weekly().iter().map(|h| {
                    format!("{} {}-{}", h.weekday, h.start, h.end)
                }).collect::<Vec<_>>(),
                "time_off": availability.time_off().iter().map(|t| {
                    format!("{} to {}", t.from, t.until)
                }).collect::<Vec<_>>(),
            })),
        );
        if !self
            .store
            .publish_hours(coach, availability, &audit)
            .await?
        {
            return Err(CoachingError::NoSuchCoach(coach));
        }
        Ok(())
    }

    /// The open times from `from` up to `until` with coaches who speak `language` and cover
    /// `topic`, soonest first (none sooner than the notice from `now`).
    pub async fn open_times(
        &self,
        topic: HelpTopic,
        language: &str,
        now: PrimitiveDateTime,
        from: PrimitiveDateTime,
        until: PrimitiveDateTime,
    ) -> Result<Vec<OpenTime>, CoachingError> {
        let from = from.max(now + self.rules.notice);
        let mut open = Vec::new();
        for coach in self.store.coaches().await? {
            if !coach.topics.contains(&topic)
                || !coach
                    .languages
                    .iter()
                    .any(|l| l.eq_ignore_ascii_case(language))
            {
                continue;
            }
            let booked = self
                .store
                .coach_bookings(coach.id, from - self.rules.length, until)
                .await?;
            for starts_at in coach
                .availability
                .open_slots(&booked, from, until, self.rules.length)
            {
                open.push(OpenTime {
                    starts_at,
                    coach: coach.id,
                    coach_name: coach.name.clone(),
                });
            }
        }
        open.sort_by_key(|o| (o.starts_at, o.coach));
        Ok(open)
    }

    /// Books `coach` at `starts_at` for `provider` (herself, or program staff for her).
    #[expect(
        clippy::too_many_arguments,
        reason = "the booking's own fields, named at call sites"
    )]
    pub async fn book(
        &self,
        caller: &Caller,
        provider: ProviderNumber,
        coach: i64,
        topic: HelpTopic,
        language: &str,
        starts_at: PrimitiveDateTime,
        now: PrimitiveDateTime,
    ) -> Result<AppointmentRecord, CoachingError> {
        caller.authorize(
            Action::BookCoaching,
            &Owner {
                provider: Some(provider),
                ..Owner::default()
            },
        )?;
        let request = BookingRequest {
            coach,
            provider,
            topic,
            language: language.to_owned(),
            starts_at,
            length: self.rules.length,
            now,
            notice: self.rules.notice,
            provider_limit: self.rules.provider_limit,
        };
        let audit = caller.audit(
            "appointment.book",
            "appointment",
            "",
            None,
            Some(serde_json::json!({
                "coach": coach,
                "provider": provider.to_string(),
                "topic": topic.code(),
                "language": language,
                "starts_at": starts_at.to_string(),
            })),
        );
        self.store
            .book_appointment(&request, &audit)
            .await?
            .map_err(CoachingError::Refused)
    }

    /// Every coach's number and name.
    pub async fn coach_names(&self) -> Result<Vec<(i64, String)>, CoachingError> {
        Ok(self
            .store
            .coaches()
            .await?
            .into_iter()
            .map(|c| (c.id, c.name))
            .collect())
    }

    /// A provider's appointments, soonest first.
    pub async fn appointments(
        &self,
        caller: &Caller,
        provider: ProviderNumber,
    ) -> Result<Vec<AppointmentRecord>, CoachingError> {
        caller.authorize(
            Action::BookCoaching,
            &Owner {
                provider: Some(provider),
                ..Owner::default()
            },
        )?;
        Ok(self.store.provider_appointments(provider).await?)
    }
}

//! Coaching (DOMAIN.md §9): program admins add coaches and publish their hours; a provider
//! finds open times with coaches who speak her language on her topic and books one. The rules
//! are the domain's ([`pathways_domain::coaching`]); the store judges a booking on facts read in
//! its own transaction, so two requests never book one coach's time twice.

use std::sync::Arc;

use pathways_domain::access::{Action, Owner};
use pathways_domain::coaching::{AppointmentRefusal, Availability, BookingRefusal, HelpTopic};
use pathways_domain::ids::ProviderNumber;
use pathways_store::accounts::{Channel, NewMessage};
use pathways_store::{AppointmentRecord, BookingRequest, CoachRecord, NewCoach, Store, StoreError};
use time::{Duration, PrimitiveDateTime};

use crate::access::{AccessError, Caller, now};
use crate::i18n::{Arg, Locale, Translator};

#[derive(Debug, thiserror::Error)]
pub enum CoachingError {
    #[error("coach {0} does not exist")]
    NoSuchCoach(i64),
    #[error("a coach needs a name, a language and a topic")]
    IncompleteCoach,
    /// Not an `https://` address of at most 300 characters without spaces.
    #[error("a meeting link must be an https:// address")]
    BadMeetingLink,
    /// The sign-in given for a coach is not a coach's account, or is another coach's.
    #[error("{0} is not a coach's account, or belongs to another coach")]
    NotACoachAccount(String),
    #[error("the booking was refused: {0}")]
    Refused(BookingRefusal),
    /// No such appointment, or one of another provider: the two look the same.
    #[error("no such appointment")]
    NoSuchAppointment,
    #[error(transparent)]
    NotChangeable(#[from] AppointmentRefusal),
    #[error(transparent)]
    Access(#[from] AccessError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// How appointments are made. The most future appointments a provider may hold is a program
/// rule in the policy version in effect (`coaching_max_future_appointments`); `provider_limit`
/// is used only on a day no version covers. Length and notice are how the coaching service
/// works, not program rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CoachingRules {
    pub length: Duration,
    /// How far ahead a booking must be made.
    pub notice: Duration,
    /// The most future appointments a provider may hold when no policy version is in effect.
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

/// Which notice an appointment's messages give.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Notice {
    Booked,
    Cancelled,
}

/// The outbox topic of one appointment's confirmation and reminder (a coach holds one live
/// appointment per start time), so cancelling or moving it withdraws the reminder.
pub fn appointment_topic(
    coach: i64,
    provider: ProviderNumber,
    starts_at: PrimitiveDateTime,
) -> String {
    format!(
        "coaching-{coach}-{provider}-{}",
        starts_at.assume_utc().unix_timestamp()
    )
}

/// A time a coach is open, for the topic and language asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenTime {
    pub starts_at: PrimitiveDateTime,
    pub coach: i64,
    pub coach_name: String,
}

/// How long the coaches' published hours are kept in memory between reads. Bookings are
/// always read fresh (and a booking is judged in its own transaction), so a stale copy can only
/// show hours a coach changed in the last few seconds.
const HOURS_KEPT: std::time::Duration = std::time::Duration::from_secs(10);

type Published = Arc<std::sync::RwLock<Option<(std::time::Instant, Arc<Vec<CoachRecord>>)>>>;

#[derive(Debug, Clone)]
pub struct Coaching {
    store: Arc<dyn Store>,
    rules: CoachingRules,
    published: Published,
}

impl Coaching {
    pub fn new(store: Arc<dyn Store>, rules: CoachingRules) -> Self {
        Self {
            store,
            rules,
            published: Published::default(),
        }
    }

    /// The coaches and their hours, from memory when read in the last [`HOURS_KEPT`].
    async fn published(&self) -> Result<Arc<Vec<CoachRecord>>, CoachingError> {
        if let Ok(kept) = self.published.read()
            && let Some((at, coaches)) = kept.as_ref()
            && at.elapsed() < HOURS_KEPT
        {
            return Ok(Arc::clone(coaches));
        }
        let coaches = Arc::new(self.store.coaches().await?);
        if let Ok(mut kept) = self.published.write() {
            *kept = Some((std::time::Instant::now(), Arc::clone(&coaches)));
        }
        Ok(coaches)
    }

    /// Forgets the kept hours (after this server changed them).
    fn forget_published(&self) {
        if let Ok(mut kept) = self.published.write() {
            *kept = None;
        }
    }

    pub fn rules(&self) -> CoachingRules {
        self.rules
    }

    /// The most future appointments a provider may hold on `day`: the policy version then in
    /// effect says.
    pub async fn provider_limit(&self, day: time::Date) -> Result<u32, CoachingError> {
        let policies =
            pathways_domain::policy::PolicyBook::new(self.store.policy_versions().await?);
        Ok(policies
            .in_effect_on(day)
            .map_or(self.rules.provider_limit, |p| {
                p.coaching_max_future_appointments
            }))
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
        let id = self.store.add_coach(coach, &audit).await?;
        self.forget_published();
        Ok(id)
    }

    /// Replaces a coach's weekly hours and time off.
    pub async fn publish_hours(
        &self,
        caller: &Caller,
        coach: i64,
        availability: &Availability,
    ) -> Result<(), CoachingError> {
        // A coach publishes their own hours only; another coach's read as not there.
        self.coach(caller, coach).await?;
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
        self.forget_published();
        Ok(())
    }

    /// Sets the coach's video meeting link (a coach their own), sent with each confirmation;
    /// an empty link clears it.
    pub async fn set_meeting_link(
        &self,
        caller: &Caller,
        coach: i64,
        link: &str,
    ) -> Result<(), CoachingError> {
        self.coach(caller, coach).await?;
        let link = link.trim();
        let link = if link.is_empty() {
            None
        } else if link.starts_with("https://")
            && link.len() > "https://".len()
            && link.len() <= 300
            && !link
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || c == '"')
        {
            Some(link)
        } else {
            return Err(CoachingError::BadMeetingLink);
        };
        let audit = caller.audit(
            "coach.meeting-link",
            "coach",
            coach.to_string(),
            None,
            Some(serde_json::json!({ "meeting_link": link })),
        );
        if !self.store.set_meeting_link(coach, link, &audit).await? {
            return Err(CoachingError::NoSuchCoach(coach));
        }
        self.forget_published();
        Ok(())
    }

    /// Every coach with their hours (program staff).
    pub async fn coaches(&self, caller: &Caller) -> Result<Vec<CoachRecord>, CoachingError> {
        caller.authorize(Action::ManageCoaches, &Owner::default())?;
        Ok(self.store.coaches().await?)
    }

    /// One coach with their hours, for whoever may publish them (a coach: their own).
    pub async fn coach(&self, caller: &Caller, coach: i64) -> Result<CoachRecord, CoachingError> {
        if !caller.may(Action::PublishHours) {
            caller.authorize(Action::PublishHours, &Owner::default())?;
        }
        let own = match (&caller.actor, caller.account) {
            (pathways_domain::access::Actor::Coach, Some(account)) => {
                self.store.coach_of_account(account).await? == Some(coach)
            }
            _ => false,
        };
        caller
            .authorize(
                Action::PublishHours,
                &Owner {
                    assigned: own,
                    ..Owner::default()
                },
            )
            .map_err(|_| CoachingError::NoSuchCoach(coach))?;
        self.store
            .coaches()
            .await?
            .into_iter()
            .find(|c| c.id == coach)
            .ok_or(CoachingError::NoSuchCoach(coach))
    }

    /// The coach account with this email, checked to be a coach's and not tied to another
    /// coach record, for adding a coach with their sign-in.
    pub async fn coach_account(
        &self,
        email: &str,
    ) -> Result<pathways_store::accounts::AccountId, CoachingError> {
        let email = email.trim().to_lowercase();
        let not_one = || CoachingError::NotACoachAccount(email.clone());
        let account = self
            .store
            .account_by_email(&email)
            .await?
            .ok_or_else(not_one)?;
        if account.role != pathways_domain::access::Role::Coach
            || self.store.coach_of_account(account.id).await?.is_some()
        {
            return Err(not_one());
        }
        Ok(account.id)
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
        let coaches = self.published().await?;
        let fitting: Vec<&CoachRecord> = coaches
            .iter()
            .filter(|c| {
                c.topics.contains(&topic)
                    && c.languages.iter().any(|l| l.eq_ignore_ascii_case(language))
            })
            .collect();
        // The fitting coaches' bookings of the window, read fresh in one query, by coach.
        let ids: Vec<i64> = fitting.iter().map(|c| c.id).collect();
        let bookings = self
            .store
            .coach_bookings(&ids, from - self.rules.length, until)
            .await?;
        for coach in fitting {
            let start = bookings.partition_point(|(c, _)| *c < coach.id);
            let end = bookings.partition_point(|(c, _)| *c <= coach.id);
            let booked: Vec<PrimitiveDateTime> =
                bookings[start..end].iter().map(|(_, at)| *at).collect();
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
            provider_limit: self.provider_limit(now.date()).await?,
            replaces: None,
        };
        let messages = self
            .notices(provider, coach, topic, starts_at, now, Notice::Booked)
            .await?;
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
            .book_appointment(&request, &messages, &audit)
            .await?
            .map_err(CoachingError::Refused)
    }

    /// One of `provider`'s appointments that she may still change (herself, or program
    /// staff for her).
    async fn changeable(
        &self,
        caller: &Caller,
        appointment: i64,
        now: PrimitiveDateTime,
    ) -> Result<AppointmentRecord, CoachingError> {
        let record = self
            .store
            .appointment(appointment)
            .await?
            .ok_or(CoachingError::NoSuchAppointment)?;
        caller
            .authorize(
                Action::BookCoaching,
                &Owner {
                    provider: Some(record.provider),
                    ..Owner::default()
                },
            )
            .map_err(|_| CoachingError::NoSuchAppointment)?;
        pathways_domain::coaching::judge_change(record.state, record.starts_at, now)?;
        Ok(record)
    }

    /// Cancels an appointment that has not started: its reminder is withdrawn and the
    /// provider is told, with a calendar file that takes it off her calendar.
    pub async fn cancel(
        &self,
        caller: &Caller,
        appointment: i64,
        now: PrimitiveDateTime,
    ) -> Result<(), CoachingError> {
        let old = self.changeable(caller, appointment, now).await?;
        let messages = self
            .notices(
                old.provider,
                old.coach,
                old.topic,
                old.starts_at,
                now,
                Notice::Cancelled,
            )
            .await?;
        let audit = caller.audit(
            "appointment.cancel",
            "appointment",
            appointment.to_string(),
            Some(serde_json::json!({ "state": old.state.code() })),
            Some(serde_json::json!({ "state": "cancelled" })),
        );
        Ok(self
            .store
            .cancel_appointment(
                appointment,
                now,
                &appointment_topic(old.coach, old.provider, old.starts_at),
                &messages,
                &audit,
            )
            .await??)
    }

    /// Moves an appointment to another open time (with the same or another coach who fits):
    /// the new time is booked and the old cancelled together, or neither.
    pub async fn reschedule(
        &self,
        caller: &Caller,
        appointment: i64,
        coach: i64,
        starts_at: PrimitiveDateTime,
        now: PrimitiveDateTime,
    ) -> Result<AppointmentRecord, CoachingError> {
        let old = self.changeable(caller, appointment, now).await?;
        let request = BookingRequest {
            coach,
            provider: old.provider,
            topic: old.topic,
            language: old.language.clone(),
            starts_at,
            length: self.rules.length,
            now,
            notice: self.rules.notice,
            provider_limit: self.provider_limit(now.date()).await?,
            replaces: Some((
                old.id,
                appointment_topic(old.coach, old.provider, old.starts_at),
            )),
        };
        let mut messages = self
            .notices(
                old.provider,
                old.coach,
                old.topic,
                old.starts_at,
                now,
                Notice::Cancelled,
            )
            .await?;
        messages.extend(
            self.notices(
                old.provider,
                coach,
                old.topic,
                starts_at,
                now,
                Notice::Booked,
            )
            .await?,
        );
        let audit = caller.audit(
            "appointment.move",
            "appointment",
            appointment.to_string(),
            Some(serde_json::json!({
                "coach": old.coach,
                "starts_at": old.starts_at.to_string(),
            })),
            Some(serde_json::json!({
                "coach": coach,
                "starts_at": starts_at.to_string(),
            })),
        );
        self.store
            .book_appointment(&request, &messages, &audit)
            .await?
            .map_err(CoachingError::Refused)
    }

    /// What the provider is told about an appointment, in her language, at the email (or
    /// phone) on file, with the calendar file: a booking's confirmation and its reminder the
    /// day before, or a cancellation. None for a provider with neither.
    ///
    /// The coach is told too, at their sign-in email in their language, so a new booking or a
    /// cancellation never surprises them.
    async fn notices(
        &self,
        provider: ProviderNumber,
        coach: i64,
        topic: HelpTopic,
        starts_at: PrimitiveDateTime,
        booked_at: PrimitiveDateTime,
        notice: Notice,
    ) -> Result<Vec<NewMessage>, CoachingError> {
        let mut messages = self
            .provider_notices(provider, coach, topic, starts_at, booked_at, notice)
            .await?;
        let record = self
            .published()
            .await?
            .iter()
            .find(|c| c.id == coach)
            .and_then(|c| c.account);
        let Some(account) = record else {
            return Ok(messages);
        };
        let Some(account) = self.store.account(account).await? else {
            return Ok(messages);
        };
        let Some(email) = account.email else {
            return Ok(messages);
        };
        let locale = Locale::from_tag(&account.language).unwrap_or(Locale::En);
        let t = Translator::new(locale);
        let name = self.store.provider_contact(provider).await?.map_or_else(
            || provider.to_string(),
            |c| format!("{} {}", c.first_name, c.last_name),
        );
        let what = match notice {
            Notice::Booked => "booked",
            Notice::Cancelled => "cancelled",
        };
        let args: Vec<(&str, Arg)> = vec![
            (
                "when",
                format!(
                    "{} {:02}:{:02}",
                    pathways_domain::error::format_date(starts_at.date()),
                    starts_at.hour(),
                    starts_at.minute()
                )
                .into(),
            ),
            ("provider", name.into()),
            (
                "topic",
                t.t(&format!("coaching-topic-{}", topic.code())).into(),
            ),
        ];
        messages.push(NewMessage {
            channel: Channel::Email,
            recipient: email,
            language: locale.tag().to_owned(),
            purpose: format!("coaching-coach-{what}"),
            subject: t.t_args(&format!("msg-coaching-coach-{what}-subject"), &args),
            body: t.t_args(&format!("msg-coaching-coach-{what}-body"), &args),
            calendar: None,
            created_at: now(),
            due_at: None,
            topic: None,
        });
        Ok(messages)
    }

    /// What the provider is told (see [`Self::notices`]).
    async fn provider_notices(
        &self,
        provider: ProviderNumber,
        coach: i64,
        topic: HelpTopic,
        starts_at: PrimitiveDateTime,
        booked_at: PrimitiveDateTime,
        notice: Notice,
    ) -> Result<Vec<NewMessage>, CoachingError> {
        let Some(contact) = self.store.provider_contact(provider).await? else {
            return Ok(Vec::new());
        };
        let (channel, recipient) = match (&contact.email, &contact.phone) {
            (Some(email), _) => (Channel::Email, email.clone()),
            (None, Some(phone)) => (Channel::Sms, phone.clone()),
            (None, None) => return Ok(Vec::new()),
        };
        let (coach_name, meeting_link) = self
            .published()
            .await?
            .iter()
            .find(|c| c.id == coach)
            .map(|c| (c.name.clone(), c.meeting_link.clone()))
            .unwrap_or_default();
        let locale = Locale::from_tag(&contact.language).unwrap_or(Locale::En);
        let t = Translator::new(locale);
        let topic_text = t.t(&format!("coaching-topic-{}", topic.code()));
        // How they will talk: by phone at her number, and by video at the coach's link.
        let call = match (&contact.phone, &meeting_link) {
            (Some(phone), Some(link)) => t.t_args(
                "msg-coaching-call-or-video",
                &[
                    ("phone", phone.clone().into()),
                    ("link", link.clone().into()),
                ],
            ),
            (Some(phone), None) => {
                t.t_args("msg-coaching-call", &[("phone", phone.clone().into())])
            }
            (None, Some(link)) => {
                t.t_args("msg-coaching-video-link", &[("link", link.clone().into())])
            }
            (None, None) => t.t("msg-coaching-video"),
        };
        let args: Vec<(&str, Arg)> = vec![
            (
                "when",
                format!(
                    "{} {:02}:{:02}",
                    pathways_domain::error::format_date(starts_at.date()),
                    starts_at.hour(),
                    starts_at.minute()
                )
                .into(),
            ),
            ("coach", coach_name.clone().into()),
            ("topic", topic_text.clone().into()),
            ("call", call.clone().into()),
        ];
        let written = now();
        let calendar = crate::calendar::event(&crate::calendar::Event {
            uid: format!("{}@pathways", appointment_topic(coach, provider, starts_at)),
            starts: starts_at,
            ends: starts_at + self.rules.length,
            summary: &t.t_args("msg-coaching-event", &[("coach", coach_name.into())]),
            location: &call,
            description: &topic_text,
            status: match notice {
                Notice::Booked => crate::calendar::EventStatus::Confirmed,
                Notice::Cancelled => crate::calendar::EventStatus::Cancelled,
            },
            sequence: u32::try_from(written.unix_timestamp()).unwrap_or(u32::MAX),
            now: written,
        });
        let message = |purpose: &str, due_at| NewMessage {
            channel,
            recipient: recipient.clone(),
            language: locale.tag().to_owned(),
            purpose: format!("coaching-{purpose}"),
            subject: t.t_args(&format!("msg-coaching-{purpose}-subject"), &args),
            body: t.t_args(&format!("msg-coaching-{purpose}-body"), &args),
            calendar: Some(calendar.clone()),
            created_at: written,
            due_at,
            // The cancellation is not withdrawn with the booking's messages.
            topic: (notice == Notice::Booked)
                .then(|| appointment_topic(coach, provider, starts_at)),
        };
        if notice == Notice::Cancelled {
            return Ok(vec![message("cancelled", None)]);
        }
        let mut messages = vec![message("booked", None)];
        let remind_at = pathways_domain::calendar::program_instant(starts_at) - Duration::days(1);
        // A booking for tomorrow or sooner has its confirmation only.
        if remind_at > pathways_domain::calendar::program_instant(booked_at) {
            messages.push(message("reminder", Some(remind_at)));
        }
        Ok(messages)
    }

    /// Every coach's number and name.
    pub async fn coach_names(&self) -> Result<Vec<(i64, String)>, CoachingError> {
        Ok(self
            .published()
            .await?
            .iter()
            .map(|c| (c.id, c.name.clone()))
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

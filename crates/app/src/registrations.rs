//! Registering for sessions (DOMAIN.md §3): the rules are the domain's, the seats the store's
//! (counted and taken atomically); this service checks who is asking, applies the rules to
//! what is known now, and tells the people concerned through the outbox in their language.

use std::sync::Arc;

use pathways_domain::access::{Action, Owner};
use pathways_domain::calendar::program_now;
use pathways_domain::eligibility::Ineligibility;
use pathways_domain::entities::{Course, Session};
use pathways_domain::ids::{ProviderNumber, SessionId};
use pathways_domain::policy::PolicyBook;
use pathways_domain::registration::{RegistrationRefusal, check_registration};
use pathways_store::accounts::{Channel, NewMessage};
use pathways_store::{CallOffOutcome, CancelOutcome, RegisterOutcome, Store, StoreError};

use crate::access::{AccessError, Caller, now};
use crate::calendar::{EventStatus, session_event};
use crate::i18n::{Arg, Locale, Translator};

#[derive(Debug, thiserror::Error)]
pub enum RegistrationError {
    /// No such session (or one of a course the caller may not see).
    #[error("no such session")]
    NoSuchSession,
    #[error("registration refused: {0}")]
    Refused(RegistrationRefusal),
    /// Calling a session off needs a reason for the people on it (1 to 500 characters).
    #[error("say why the session is called off")]
    ReasonRequired,
    /// A session that has started or ended cannot be called off.
    #[error("the session has already started")]
    AlreadyStarted,
    /// The session's places kept changing while it was being called off; try again.
    #[error("the session is busy")]
    Busy,
    #[error(transparent)]
    Access(#[from] AccessError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl RegistrationError {
    /// The Fluent key of the message the person sees.
    pub fn message_key(&self) -> String {
        match self {
            Self::NoSuchSession => "not-found-api".to_owned(),
            Self::Refused(refusal) => format!("registration-refused-{}", refusal.code()),
            Self::ReasonRequired => "session-cancel-reason-required".to_owned(),
            Self::AlreadyStarted => "session-cancel-started".to_owned(),
            Self::Busy => "session-cancel-busy".to_owned(),
            Self::Access(_) => "error-forbidden".to_owned(),
            Self::Store(_) => "error-internal".to_owned(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Registrations {
    store: Arc<dyn Store>,
    /// The program's clock, pinned for demos and tests; the real one when `None`.
    pinned_now: Option<time::PrimitiveDateTime>,
}

impl Registrations {
    pub fn new(store: Arc<dyn Store>) -> Self {
        Self {
            store,
            pinned_now: None,
        }
    }

    /// Judges registrations as if it were `now` (California time), as a site shown for a
    /// pinned date must.
    pub fn pinned_at(mut self, now: time::PrimitiveDateTime) -> Self {
        self.pinned_now = Some(now);
        self
    }

    fn authorize(&self, caller: &Caller, provider: ProviderNumber) -> Result<(), AccessError> {
        caller
            .authorize(
                Action::Register,
                &Owner {
                    provider: Some(provider),
                    ..Owner::default()
                },
            )
            .map(|_| ())
    }

    /// Registers `provider` for `session`, or puts them on its waitlist when it is full.
    pub async fn register(
        &self,
        caller: &Caller,
        provider: ProviderNumber,
        session: &SessionId,
    ) -> Result<RegisterOutcome, RegistrationError> {
        self.authorize(caller, provider)?;
        let (s, course) = self
            .store
            .session_with_course(session)
            .await?
            .ok_or(RegistrationError::NoSuchSession)?;
        let enrollment =
            self.store
                .provider_enrollment(provider)
                .await?
                .ok_or(RegistrationError::Refused(
                    RegistrationRefusal::NotEligible(Ineligibility::NotYetEnrolled),
                ))?;
        if self.store.session_cancellation(session).await?.is_some() {
            return Err(RegistrationError::Refused(
                RegistrationRefusal::SessionCancelled,
            ));
        }
        let holdings = self.store.provider_holdings(provider).await?;
        let at = self.pinned_now.unwrap_or_else(program_now);
        let book = PolicyBook::new(self.store.policy_versions().await?);
        check_registration(
            &enrollment,
            &course,
            &s,
            &holdings,
            at,
            book.in_effect_on(at.date()),
        )
        .map_err(RegistrationError::Refused)?;
        let audit = caller.audit("registration", "registration", "", None, None);
        let outcome = self.store.register(session, provider, &audit).await?;
        crate::catalog::catalog_changed();
        match outcome {
            RegisterOutcome::Registered => {
                self.tell(
                    provider,
                    "registered",
                    &s,
                    &course,
                    &[],
                    Some(EventStatus::Confirmed),
                )
                .await?;
                self.remind(provider, &s, &course).await?;
            }
            RegisterOutcome::Waitlisted { position } => {
                self.tell(
                    provider,
                    "waitlisted",
                    &s,
                    &course,
                    &[("position", Arg::from(u64::from(position)))],
                    None,
                )
                .await?;
            }
            RegisterOutcome::AlreadyHeld(_) => {}
            // Called off between the checks above and the session's lock.
            RegisterOutcome::SessionCalledOff => {
                return Err(RegistrationError::Refused(
                    RegistrationRefusal::SessionCancelled,
                ));
            }
        }
        Ok(outcome)
    }

    /// Cancels `provider`'s place on `session`; the first on the waitlist takes a freed seat
    /// and is told at once.
    pub async fn cancel(
        &self,
        caller: &Caller,
        provider: ProviderNumber,
        session: &SessionId,
    ) -> Result<Option<CancelOutcome>, RegistrationError> {
        self.authorize(caller, provider)?;
        let (s, course) = self
            .store
            .session_with_course(session)
            .await?
            .ok_or(RegistrationError::NoSuchSession)?;
        let audit = caller.audit("registration.cancel", "registration", "", None, None);
        let outcome = self
            .store
            .cancel_registration(session, provider, &audit)
            .await?;
        crate::catalog::catalog_changed();
        if let Some(done) = outcome {
            // The calendar event goes away with the place (a waitlist place had none).
            if done.was == pathways_domain::registration::RegistrationStatus::Registered {
                self.store
                    .withdraw_messages(&reminder_topic(session, provider), now())
                    .await?;
                self.tell(
                    provider,
                    "cancelled",
                    &s,
                    &course,
                    &[],
                    Some(EventStatus::Cancelled),
                )
                .await?;
            }
            if let Some(next) = done.promoted {
                self.tell(
                    next,
                    "promoted",
                    &s,
                    &course,
                    &[],
                    Some(EventStatus::Confirmed),
                )
                .await?;
                self.remind(next, &s, &course).await?;
            }
        }
        Ok(outcome)
    }

    /// Calls a session off for its vendor: every place on it ends, each person registered or
    /// waiting is told in their language with the vendor's reason (and a calendar
    /// cancellation for a seat), and their reminders are withdrawn, all in one transaction.
    /// Returns how many places ended (0 when it was already called off).
    pub async fn call_off(
        &self,
        caller: &Caller,
        session: &SessionId,
        reason: &str,
    ) -> Result<u32, RegistrationError> {
        let (s, course) = self
            .store
            .session_with_course(session)
            .await?
            .ok_or(RegistrationError::NoSuchSession)?;
        let owner = Owner {
            vendor: Some(course.vendor.clone()),
            ..Owner::default()
        };
        caller
            .authorize(Action::ManageCourses, &owner)
            .map_err(|e| {
                if e.is_out_of_scope() {
                    RegistrationError::NoSuchSession
                } else {
                    e.into()
                }
            })?;
        let reason = reason.trim();
        if reason.is_empty() || reason.chars().count() > 500 {
            return Err(RegistrationError::ReasonRequired);
        }
        if self.store.session_cancellation(session).await?.is_some() {
            return Ok(0);
        }
        if s.starts_at <= self.now() {
            return Err(RegistrationError::AlreadyStarted);
        }
        let audit = caller.audit("session.call-off", "session", session.as_str(), None, None);
        // The places are read, their messages written, and the store takes them only if the
        // places are still exactly those under the session's lock; otherwise read again.
        for _ in 0..5 {
            let mut places = Vec::new();
            for r in self.store.session_registrations(session).await? {
                let seat =
                    r.status == pathways_domain::registration::RegistrationStatus::Registered;
                let message = self
                    .message(
                        r.provider,
                        "called-off",
                        &s,
                        &course,
                        &[("reason", Arg::from(reason.to_owned()))],
                        seat.then_some(EventStatus::Cancelled),
                        None,
                    )
                    .await?;
                places.push(pathways_store::CalledOffPlace {
                    provider: r.provider,
                    held: r.status,
                    message,
                    reminder_topic: reminder_topic(session, r.provider),
                });
            }
            match self
                .store
                .call_off_session(session, reason, &places, &audit)
                .await?
            {
                CallOffOutcome::CalledOff { places } => {
                    crate::catalog::catalog_changed();
                    return Ok(places);
                }
                CallOffOutcome::AlreadyCalledOff => return Ok(0),
                CallOffOutcome::PlacesChanged => {}
            }
        }
        Err(RegistrationError::Busy)
    }

    /// The California time registrations are judged at (pinned for tests and demos).
    pub fn now(&self) -> time::PrimitiveDateTime {
        self.pinned_now.unwrap_or_else(program_now)
    }

    /// Whether (and why) the vendor called a session off.
    pub async fn cancellation(
        &self,
        session: &SessionId,
    ) -> Result<Option<pathways_store::SessionCancellation>, RegistrationError> {
        Ok(self.store.session_cancellation(session).await?)
    }

    /// A session with its course (for pages that lead back to the course).
    pub async fn session(&self, id: &SessionId) -> Result<(Session, Course), RegistrationError> {
        self.store
            .session_with_course(id)
            .await?
            .ok_or(RegistrationError::NoSuchSession)
    }

    /// The sessions a provider holds or waits for, soonest first.
    pub async fn classes(
        &self,
        caller: &Caller,
        provider: ProviderNumber,
    ) -> Result<Vec<pathways_store::ProviderClass>, RegistrationError> {
        if !caller.may(Action::Register) {
            self.authorize(caller, provider)?;
        }
        // Another provider's list reads as one that does not exist.
        self.authorize(caller, provider)
            .map_err(|_| RegistrationError::NoSuchSession)?;
        Ok(self.store.provider_classes(provider).await?)
    }

    /// Schedules the reminder the day before the class (when that is still ahead).
    async fn remind(
        &self,
        provider: ProviderNumber,
        session: &Session,
        course: &Course,
    ) -> Result<(), StoreError> {
        let due =
            pathways_domain::calendar::program_instant(session.starts_at) - time::Duration::days(1);
        if due <= now() {
            return Ok(());
        }
        self.send(provider, "reminder", session, course, &[], None, Some(due))
            .await
    }

    /// A message about a session to a provider, at the email or phone on file, in their
    /// language. A provider with neither is simply not told (the page shows the same).
    async fn tell(
        &self,
        provider: ProviderNumber,
        purpose: &str,
        session: &Session,
        course: &Course,
        extra: &[(&str, Arg)],
        event: Option<EventStatus>,
    ) -> Result<(), StoreError> {
        self.send(provider, purpose, session, course, extra, event, None)
            .await
    }

    #[expect(clippy::too_many_arguments, reason = "one message's parts, all needed")]
    async fn send(
        &self,
        provider: ProviderNumber,
        purpose: &str,
        session: &Session,
        course: &Course,
        extra: &[(&str, Arg)],
        event: Option<EventStatus>,
        due_at: Option<time::OffsetDateTime>,
    ) -> Result<(), StoreError> {
        if let Some(message) = self
            .message(provider, purpose, session, course, extra, event, due_at)
            .await?
        {
            self.store.enqueue_message(&message).await?;
        }
        Ok(())
    }

    /// A message about a session to a provider; see [`session_message`].
    #[expect(clippy::too_many_arguments, reason = "one message's parts, all needed")]
    async fn message(
        &self,
        provider: ProviderNumber,
        purpose: &str,
        session: &Session,
        course: &Course,
        extra: &[(&str, Arg)],
        event: Option<EventStatus>,
        due_at: Option<time::OffsetDateTime>,
    ) -> Result<Option<NewMessage>, StoreError> {
        session_message(
            self.store.as_ref(),
            provider,
            purpose,
            session,
            course,
            extra,
            event,
            due_at,
        )
        .await
    }
}

/// A message about a session to a provider, at the email or phone on file, in their
/// language; `None` for a provider with neither.
#[expect(clippy::too_many_arguments, reason = "one message's parts, all needed")]
async fn session_message(
    store: &dyn Store,
    provider: ProviderNumber,
    purpose: &str,
    session: &Session,
    course: &Course,
    extra: &[(&str, Arg)],
    event: Option<EventStatus>,
    due_at: Option<time::OffsetDateTime>,
) -> Result<Option<NewMessage>, StoreError> {
    let Some(contact) = store.provider_contact(provider).await? else {
        return Ok(None);
    };
    let destination = match (&contact.email, &contact.phone) {
        (Some(email), _) => (Channel::Email, email.clone()),
        (None, Some(phone)) => (Channel::Sms, phone.clone()),
        (None, None) => return Ok(None),
    };
    let locale = Locale::from_tag(&contact.language).unwrap_or(Locale::En);
    let t = Translator::new(locale);
    let mut args: Vec<(&str, Arg)> = vec![
        ("course", Arg::from(course.title.clone())),
        ("number", Arg::from(course.number.to_string())),
        (
            "starts",
            Arg::from(format!(
                "{} {}",
                pathways_domain::error::format_date(session.starts_at.date()),
                session.starts_at.time()
            )),
        ),
        (
            "place",
            Arg::from(
                session
                    .location
                    .clone()
                    .unwrap_or_else(|| t.t("session-online")),
            ),
        ),
    ];
    args.extend(extra.iter().cloned());
    let place = session
        .location
        .clone()
        .unwrap_or_else(|| t.t("session-online"));
    // A later message about the same place updates the same calendar event.
    // Its sequence is the time of writing, so each later message outranks earlier ones.
    let written = now();
    let calendar = event.map(|status| {
        let sequence = u32::try_from(written.unix_timestamp()).unwrap_or(u32::MAX);
        session_event(session, course, provider, &place, status, sequence, written)
    });
    Ok(Some(NewMessage {
        channel: destination.0,
        recipient: destination.1,
        language: locale.tag().to_owned(),
        purpose: format!("session-{purpose}"),
        subject: t.t_args(&format!("msg-session-{purpose}-subject"), &args),
        body: t.t_args(&format!("msg-session-{purpose}-body"), &args),
        calendar,
        created_at: written,
        due_at,
        topic: due_at.map(|_| reminder_topic(&session.id, provider)),
    }))
}

/// Tells everyone on each session an import moved (new times or place) what changed, with
/// an updated calendar event for a seat, and moves their reminder; all inside the import, so
/// the messages go if and only if the change lands.
pub(crate) async fn tell_moved_sessions(
    store: &dyn Store,
    tx: &mut dyn pathways_store::ImportTx,
) -> Result<u32, StoreError> {
    let mut told = 0;
    for moved in tx.moved_sessions().await? {
        let Some((_, course)) = store.session_with_course(&moved.after.id).await? else {
            continue;
        };
        let session = &moved.after;
        for (provider, held) in &moved.places {
            let seat = *held == pathways_domain::registration::RegistrationStatus::Registered;
            let event = seat.then_some(EventStatus::Confirmed);
            if let Some(message) = session_message(
                store,
                *provider,
                "changed",
                session,
                &course,
                &[],
                event,
                None,
            )
            .await?
            {
                tx.enqueue_message(&message).await?;
                told += 1;
            }
            if seat {
                tx.withdraw_messages(&reminder_topic(&session.id, *provider), now())
                    .await?;
                let due = pathways_domain::calendar::program_instant(session.starts_at)
                    - time::Duration::days(1);
                if due > now()
                    && let Some(reminder) = session_message(
                        store,
                        *provider,
                        "reminder",
                        session,
                        &course,
                        &[],
                        None,
                        Some(due),
                    )
                    .await?
                {
                    tx.enqueue_message(&reminder).await?;
                }
            }
        }
    }
    Ok(told)
}

/// The topic of a provider's reminder for a session, to withdraw it when they cancel.
fn reminder_topic(session: &SessionId, provider: ProviderNumber) -> String {
    format!("reminder:{session}:{provider}")
}

#[cfg(test)]
mod tests {
    use pathways_domain::ids::SessionId;

    use super::*;

    #[test]
    fn every_refusal_and_message_has_words_in_every_language() {
        let other = SessionId::parse("S1").unwrap();
        let refusals = [
            RegistrationRefusal::NotEligible(Ineligibility::NotYetEnrolled),
            RegistrationRefusal::NoPolicy,
            RegistrationRefusal::CourseNotInCatalog,
            RegistrationRefusal::RegistersWithVendor,
            RegistrationRefusal::SessionStarted,
            RegistrationRefusal::SessionCancelled,
            RegistrationRefusal::EnrolmentClosed,
            RegistrationRefusal::SameCourse {
                other: other.clone(),
            },
            RegistrationRefusal::Overlaps { other },
        ];
        for locale in Locale::ALL {
            let t = Translator::new(locale);
            for refusal in &refusals {
                let key = RegistrationError::Refused(refusal.clone()).message_key();
                assert!(t.try_t(&key).is_some(), "{} lacks {key}", locale.tag());
            }
            for purpose in [
                "registered",
                "waitlisted",
                "promoted",
                "cancelled",
                "reminder",
                "called-off",
                "changed",
            ] {
                for part in ["subject", "body"] {
                    let key = format!("msg-session-{purpose}-{part}");
                    assert!(t.try_t(&key).is_some(), "{} lacks {key}", locale.tag());
                }
            }
        }
    }
}

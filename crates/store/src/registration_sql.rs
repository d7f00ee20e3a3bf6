//! Registrations for sessions: the [`RegistrationStore`] trait and its SQL, the same in both
//! dialects, stamped out per backend. Seats are counted and taken inside one write transaction
//! that first locks the session (PostgreSQL: `FOR UPDATE` on its row; SQLite: the database's
//! write lock, taken at `BEGIN IMMEDIATE`), so concurrent requests never fill more seats than
//! the session has, and the waitlist keeps the order requests were accepted in.

use async_trait::async_trait;
use pathways_domain::eligibility::Enrollment;
use pathways_domain::entities::{Course, Session};
use pathways_domain::ids::{ProviderNumber, SessionId};
use pathways_domain::registration::{Holding, RegistrationStatus};
use time::OffsetDateTime;

use crate::StoreResult;
use crate::accounts::{AuditEntry, NewMessage};

/// One registration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistrationRecord {
    /// The order in which registrations were accepted.
    pub id: i64,
    pub session: SessionId,
    pub provider: ProviderNumber,
    pub status: RegistrationStatus,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

/// What a registration request came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegisterOutcome {
    Registered,
    /// The session was full: the provider is this far down its waitlist (1 is next).
    Waitlisted {
        position: u32,
    },
    /// The provider already holds or waits for this session; nothing changed.
    AlreadyHeld(RegistrationStatus),
    /// The vendor called the session off; nothing changed.
    SessionCalledOff,
}

/// What a cancellation did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CancelOutcome {
    /// What the provider held.
    pub was: RegistrationStatus,
    /// Who took the freed seat from the waitlist.
    pub promoted: Option<ProviderNumber>,
}

/// A session a provider holds or waits for, as their "my classes" list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderClass {
    pub session: Session,
    pub course_title: String,
    /// Registered, waitlisted, or cancelled when the vendor called the session off.
    pub status: RegistrationStatus,
    /// The vendor's reason, when they called the session off.
    pub called_off: Option<String>,
    /// On the waitlist: how far down (1 is next).
    pub waitlist_position: Option<u32>,
}

/// Why and when a vendor called a session off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionCancellation {
    pub at: OffsetDateTime,
    pub reason: String,
}

/// One person told that their session is called off: what they held, the message to send
/// them (none without an email or phone on file) and the outbox topic of their reminder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalledOffPlace {
    pub provider: ProviderNumber,
    pub held: RegistrationStatus,
    pub message: Option<NewMessage>,
    pub reminder_topic: String,
}

/// What calling a session off came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallOffOutcome {
    /// Called off; this many places ended.
    CalledOff { places: u32 },
    /// It was already called off; nothing changed.
    AlreadyCalledOff,
    /// Someone registered or cancelled since the places were read: nothing changed; read
    /// them again.
    PlacesChanged,
}

/// Registrations, atomically against seats.
#[async_trait]
pub trait RegistrationStore: Send + Sync {
    /// A provider's enrollment facts, if the providers file has them.
    async fn provider_enrollment(
        &self,
        provider: ProviderNumber,
    ) -> StoreResult<Option<Enrollment>>;

    /// A session with its course.
    async fn session_with_course(&self, id: &SessionId) -> StoreResult<Option<(Session, Course)>>;

    /// The sessions a provider holds or waits for.
    async fn provider_holdings(&self, provider: ProviderNumber) -> StoreResult<Vec<Holding>>;

    /// Registers the provider, or puts them on the waitlist when every seat is taken, and
    /// audits it, in one transaction. `audit`'s record key is filled in.
    async fn register(
        &self,
        session: &SessionId,
        provider: ProviderNumber,
        audit: &AuditEntry,
    ) -> StoreResult<RegisterOutcome>;

    /// Cancels the provider's registration; a freed seat goes to the first on the waitlist.
    /// `None` when they held nothing. Audited in the same transaction.
    async fn cancel_registration(
        &self,
        session: &SessionId,
        provider: ProviderNumber,
        audit: &AuditEntry,
    ) -> StoreResult<Option<CancelOutcome>>;

    /// The sessions a provider holds or waits for, soonest first, with course titles and
    /// waitlist positions.
    async fn provider_classes(&self, provider: ProviderNumber) -> StoreResult<Vec<ProviderClass>>;

    /// A session's live registrations, in the order they were accepted.
    async fn session_registrations(
        &self,
        session: &SessionId,
    ) -> StoreResult<Vec<RegistrationRecord>>;

    /// Whether (and why) the session was called off; `None` also for no such session.
    async fn session_cancellation(
        &self,
        session: &SessionId,
    ) -> StoreResult<Option<SessionCancellation>>;

    /// Calls the session off in one transaction under its lock: marks it, ends every live
    /// place (`places` must be exactly those, or nothing changes), withdraws their
    /// reminders, queues their messages and audits it.
    async fn call_off_session(
        &self,
        session: &SessionId,
        reason: &str,
        places: &[CalledOffPlace],
        audit: &AuditEntry,
    ) -> StoreResult<CallOffOutcome>;
}

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct RegistrationRow {
    pub registration_id: i64,
    pub session_id: String,
    pub provider_number: i64,
    pub status: String,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

impl TryFrom<RegistrationRow> for RegistrationRecord {
    type Error = crate::StoreError;

    fn try_from(r: RegistrationRow) -> StoreResult<Self> {
        let corrupt = |c: &str| crate::StoreError::Corrupt(format!("registrations.{c}"));
        Ok(Self {
            id: r.registration_id,
            session: SessionId::parse(&r.session_id).map_err(|_| corrupt("session_id"))?,
            provider: ProviderNumber::from_i64(r.provider_number)
                .map_err(|_| corrupt("provider_number"))?,
            status: RegistrationStatus::parse(&r.status).ok_or_else(|| corrupt("status"))?,
            created_at: r.created_at,
            updated_at: r.updated_at,
        })
    }
}

macro_rules! registration_queries {
    ($store:ty, $db:ty, lock_session = $lock_session:expr) => {
        use $crate::registration_sql::{
            CancelOutcome, ProviderClass, RegisterOutcome, RegistrationRecord, RegistrationRow,
            RegistrationStore,
        };

        async fn live_status(
            tx: &mut sqlx::Transaction<'static, $db>,
            session: &SessionId,
            provider: ProviderNumber,
        ) -> StoreResult<Option<(i64, pathways_domain::registration::RegistrationStatus)>> {
            let row: Option<(i64, String)> = sqlx::query_as(
                "SELECT registration_id, status FROM registrations \
                 WHERE session_id = $1 AND provider_number = $2 AND status <> 'cancelled'",
            )
            .bind(session.as_str())
            .bind(provider.as_i64())
            .fetch_optional(&mut **tx)
            .await?;
            row.map(|(id, status)| {
                pathways_domain::registration::RegistrationStatus::parse(&status)
                    .map(|s| (id, s))
                    .ok_or_else(|| StoreError::corrupt("registrations.status"))
            })
            .transpose()
        }

        #[async_trait::async_trait]
        impl RegistrationStore for $store {
            async fn provider_enrollment(
                &self,
                provider: ProviderNumber,
            ) -> StoreResult<Option<pathways_domain::eligibility::Enrollment>> {
                let row: Option<$crate::rows::EnrollmentRow> = sqlx::query_as(
                    "SELECT provider_number, enrollment_status, enrolled_on, last_paid_on \
                     FROM providers WHERE provider_number = $1",
                )
                .bind(provider.as_i64())
                .fetch_optional(self.pool())
                .await?;
                row.map(|r| r.into_domain().map(|(_, e)| e)).transpose()
            }

            async fn session_with_course(
                &self,
                id: &SessionId,
            ) -> StoreResult<
                Option<(
                    pathways_domain::entities::Session,
                    pathways_domain::entities::Course,
                )>,
            > {
                let session: Option<$crate::rows::SessionRow> = sqlx::query_as(
                    "SELECT session_id, course_number, starts_at, ends_at, location, capacity \
                     FROM sessions WHERE session_id = $1",
                )
                .bind(id.as_str())
                .fetch_optional(self.pool())
                .await?;
                let Some(session) = session else {
                    return Ok(None);
                };
                let session: pathways_domain::entities::Session = session.try_into()?;
                let course: $crate::rows::CourseRow = sqlx::query_as(
                    "SELECT course_number, vendor_code, pathway, title, credit_hundredths, \
                     modality, languages, published_on, retired_on, registration_url, description \
                     FROM courses WHERE course_number = $1",
                )
                .bind(session.course.as_str())
                .fetch_one(self.pool())
                .await?;
                Ok(Some((session, course.try_into()?)))
            }

            async fn provider_holdings(
                &self,
                provider: ProviderNumber,
            ) -> StoreResult<Vec<pathways_domain::registration::Holding>> {
                #[derive(sqlx::FromRow)]
                struct HoldingRow {
                    #[sqlx(flatten)]
                    session: $crate::rows::SessionRow,
                    status: String,
                }
                let rows: Vec<HoldingRow> = sqlx::query_as(
                    "SELECT s.session_id, s.course_number, s.starts_at, s.ends_at, s.location, \
                     s.capacity, r.status FROM registrations r \
                     JOIN sessions s ON s.session_id = r.session_id \
                     WHERE r.provider_number = $1 AND r.status <> 'cancelled' \
                     ORDER BY s.starts_at, s.session_id",
                )
                .bind(provider.as_i64())
                .fetch_all(self.pool())
                .await?;
                rows.into_iter()
                    .map(|r| {
                        Ok(pathways_domain::registration::Holding {
                            session: r.session.try_into()?,
                            status: pathways_domain::registration::RegistrationStatus::parse(
                                &r.status,
                            )
                            .ok_or_else(|| StoreError::corrupt("registrations.status"))?,
                        })
                    })
                    .collect()
            }

            async fn register(
                &self,
                session: &SessionId,
                provider: ProviderNumber,
                audit: &AuditEntry,
            ) -> StoreResult<RegisterOutcome> {
                use pathways_domain::registration::RegistrationStatus as S;
                let at = $crate::account_sql::stored_time(audit.at);
                let mut tx = self.begin_write().await?;
                // Taking the session's lock first serializes every request for its seats.
                let locked: Option<(Option<i64>, Option<OffsetDateTime>)> =
                    sqlx::query_as(concat!(
                        "SELECT capacity, cancelled_at FROM sessions WHERE session_id = $1",
                        $lock_session
                    ))
                    .bind(session.as_str())
                    .fetch_optional(&mut *tx)
                    .await?;
                let Some((capacity, cancelled_at)) = locked else {
                    return Err(StoreError::corrupt("the session to register for is gone"));
                };
                if cancelled_at.is_some() {
                    return Ok(RegisterOutcome::SessionCalledOff);
                }
                if let Some((_, status)) = live_status(&mut tx, session, provider).await? {
                    return Ok(RegisterOutcome::AlreadyHeld(status));
                }
                let registered: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM registrations \
                     WHERE session_id = $1 AND status = 'registered'",
                )
                .bind(session.as_str())
                .fetch_one(&mut *tx)
                .await?;
                let status = match capacity {
                    Some(seats) if registered >= seats => S::Waitlisted,
                    _ => S::Registered,
                };
                sqlx::query(
                    "INSERT INTO registrations (session_id, provider_number, status, created_at, \
                     updated_at) VALUES ($1, $2, $3, $4, $4)",
                )
                .bind(session.as_str())
                .bind(provider.as_i64())
                .bind(status.code())
                .bind(at)
                .execute(&mut *tx)
                .await?;
                let outcome = if status == S::Waitlisted {
                    let waiting: i64 = sqlx::query_scalar(
                        "SELECT COUNT(*) FROM registrations \
                         WHERE session_id = $1 AND status = 'waitlisted'",
                    )
                    .bind(session.as_str())
                    .fetch_one(&mut *tx)
                    .await?;
                    RegisterOutcome::Waitlisted {
                        position: u32::try_from(waiting).unwrap_or(u32::MAX),
                    }
                } else {
                    RegisterOutcome::Registered
                };
                let entry = AuditEntry {
                    action: format!("registration.{}", status.code()),
                    after: Some(serde_json::json!({ "status": status.code() })),
                    ..audit.clone()
                };
                write_audit(&mut tx, &entry, &format!("{session}/{provider}")).await?;
                tx.commit().await?;
                Ok(outcome)
            }

            async fn cancel_registration(
                &self,
                session: &SessionId,
                provider: ProviderNumber,
                audit: &AuditEntry,
            ) -> StoreResult<Option<CancelOutcome>> {
                use pathways_domain::registration::RegistrationStatus as S;
                let at = $crate::account_sql::stored_time(audit.at);
                let mut tx = self.begin_write().await?;
                sqlx::query(concat!(
                    "SELECT capacity FROM sessions WHERE session_id = $1",
                    $lock_session
                ))
                .bind(session.as_str())
                .fetch_optional(&mut *tx)
                .await?;
                let Some((id, was)) = live_status(&mut tx, session, provider).await? else {
                    return Ok(None);
                };
                sqlx::query(
                    "UPDATE registrations SET status = 'cancelled', updated_at = $2 \
                     WHERE registration_id = $1",
                )
                .bind(id)
                .bind(at)
                .execute(&mut *tx)
                .await?;
                let entry = AuditEntry {
                    action: "registration.cancel".into(),
                    before: Some(serde_json::json!({ "status": was.code() })),
                    after: Some(serde_json::json!({ "status": "cancelled" })),
                    ..audit.clone()
                };
                write_audit(&mut tx, &entry, &format!("{session}/{provider}")).await?;
                let mut promoted = None;
                if was == S::Registered {
                    let next: Option<(i64, i64)> = sqlx::query_as(
                        "SELECT registration_id, provider_number FROM registrations \
                         WHERE session_id = $1 AND status = 'waitlisted' \
                         ORDER BY registration_id LIMIT 1",
                    )
                    .bind(session.as_str())
                    .fetch_optional(&mut *tx)
                    .await?;
                    if let Some((next_id, next_provider)) = next {
                        sqlx::query(
                            "UPDATE registrations SET status = 'registered', updated_at = $2 \
                             WHERE registration_id = $1",
                        )
                        .bind(next_id)
                        .bind(at)
                        .execute(&mut *tx)
                        .await?;
                        let next_provider = ProviderNumber::from_i64(next_provider)
                            .map_err(|_| StoreError::corrupt("registrations.provider_number"))?;
                        let entry = AuditEntry {
                            action: "registration.promote".into(),
                            before: Some(serde_json::json!({ "status": "waitlisted" })),
                            after: Some(serde_json::json!({ "status": "registered" })),
                            ..audit.clone()
                        };
                        write_audit(&mut tx, &entry, &format!("{session}/{next_provider}"))
                            .await?;
                        promoted = Some(next_provider);
                    }
                }
                tx.commit().await?;
                Ok(Some(CancelOutcome { was, promoted }))
            }

            async fn provider_classes(
                &self,
                provider: ProviderNumber,
            ) -> StoreResult<Vec<ProviderClass>> {
                #[derive(sqlx::FromRow)]
                struct ClassRow {
                    #[sqlx(flatten)]
                    session: $crate::rows::SessionRow,
                    title: String,
                    status: String,
                    cancel_reason: Option<String>,
                    ahead: i64,
                }
                let rows: Vec<ClassRow> = sqlx::query_as(
                    "SELECT s.session_id, s.course_number, s.starts_at, s.ends_at, s.location, \
                     s.capacity, c.title, r.status, s.cancel_reason, \
                     (SELECT COUNT(*) FROM registrations w WHERE w.session_id = r.session_id \
                      AND w.status = 'waitlisted' AND w.registration_id <= r.registration_id) \
                     AS ahead \
                     FROM registrations r \
                     JOIN sessions s ON s.session_id = r.session_id \
                     JOIN courses c ON c.course_number = s.course_number \
                     WHERE r.provider_number = $1 \
                     AND (r.status <> 'cancelled' OR r.ended_by_session) \
                     ORDER BY s.starts_at, s.session_id",
                )
                .bind(provider.as_i64())
                .fetch_all(self.pool())
                .await?;
                rows.into_iter()
                    .map(|r| {
                        let status = pathways_domain::registration::RegistrationStatus::parse(
                            &r.status,
                        )
                        .ok_or_else(|| StoreError::corrupt("registrations.status"))?;
                        Ok(ProviderClass {
                            session: r.session.try_into()?,
                            course_title: r.title,
                            called_off: r.cancel_reason,
                            waitlist_position: (status
                                == pathways_domain::registration::RegistrationStatus::Waitlisted)
                                .then(|| u32::try_from(r.ahead).unwrap_or(u32::MAX)),
                            status,
                        })
                    })
                    .collect()
            }

            async fn session_registrations(
                &self,
                session: &SessionId,
            ) -> StoreResult<Vec<RegistrationRecord>> {
                let rows: Vec<RegistrationRow> = sqlx::query_as(
                    "SELECT registration_id, session_id, provider_number, status, created_at, \
                     updated_at FROM registrations \
                     WHERE session_id = $1 AND status <> 'cancelled' ORDER BY registration_id",
                )
                .bind(session.as_str())
                .fetch_all(self.pool())
                .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn session_cancellation(
                &self,
                session: &SessionId,
            ) -> StoreResult<Option<$crate::registration_sql::SessionCancellation>> {
                let row: Option<(Option<OffsetDateTime>, Option<String>)> = sqlx::query_as(
                    "SELECT cancelled_at, cancel_reason FROM sessions WHERE session_id = $1",
                )
                .bind(session.as_str())
                .fetch_optional(self.pool())
                .await?;
                Ok(match row {
                    Some((Some(at), reason)) => {
                        Some($crate::registration_sql::SessionCancellation {
                            at,
                            reason: reason.unwrap_or_default(),
                        })
                    }
                    _ => None,
                })
            }

            async fn call_off_session(
                &self,
                session: &SessionId,
                reason: &str,
                places: &[$crate::registration_sql::CalledOffPlace],
                audit: &AuditEntry,
            ) -> StoreResult<$crate::registration_sql::CallOffOutcome> {
                use $crate::registration_sql::CallOffOutcome;
                let at = $crate::account_sql::stored_time(audit.at);
                let mut tx = self.begin_write().await?;
                // Under the session's lock nobody registers or cancels meanwhile.
                let cancelled_at: Option<Option<OffsetDateTime>> = sqlx::query_scalar(concat!(
                    "SELECT cancelled_at FROM sessions WHERE session_id = $1",
                    $lock_session
                ))
                .bind(session.as_str())
                .fetch_optional(&mut *tx)
                .await?;
                match cancelled_at {
                    None => return Err(StoreError::corrupt("the session to call off is gone")),
                    Some(Some(_)) => return Ok(CallOffOutcome::AlreadyCalledOff),
                    Some(None) => {}
                }
                let live: Vec<(i64, String)> = sqlx::query_as(
                    "SELECT provider_number, status FROM registrations \
                     WHERE session_id = $1 AND status <> 'cancelled'",
                )
                .bind(session.as_str())
                .fetch_all(&mut *tx)
                .await?;
                let mut expected: Vec<(i64, &str)> =
                    places.iter().map(|p| (p.provider.as_i64(), p.held.code())).collect();
                let mut found: Vec<(i64, &str)> =
                    live.iter().map(|(p, s)| (*p, s.as_str())).collect();
                expected.sort_unstable();
                found.sort_unstable();
                if expected != found {
                    return Ok(CallOffOutcome::PlacesChanged);
                }
                sqlx::query(
                    "UPDATE sessions SET cancelled_at = $2, cancel_reason = $3 \
                     WHERE session_id = $1",
                )
                .bind(session.as_str())
                .bind(at)
                .bind(reason)
                .execute(&mut *tx)
                .await?;
                sqlx::query(
                    "UPDATE registrations SET status = 'cancelled', ended_by_session = TRUE, \
                     updated_at = $2 WHERE session_id = $1 AND status <> 'cancelled'",
                )
                .bind(session.as_str())
                .bind(at)
                .execute(&mut *tx)
                .await?;
                for place in places {
                    withdraw_messages_in(&mut tx, &place.reminder_topic, audit.at).await?;
                    if let Some(message) = &place.message {
                        insert_message(&mut tx, message).await?;
                    }
                }
                let places_ended = u32::try_from(places.len()).unwrap_or(u32::MAX);
                let entry = AuditEntry {
                    before: Some(serde_json::json!({ "cancelled": false })),
                    after: Some(serde_json::json!({
                        "cancelled": true,
                        "reason": reason,
                        "places_ended": places_ended,
                    })),
                    ..audit.clone()
                };
                write_audit(&mut tx, &entry, session.as_str()).await?;
                tx.commit().await?;
                Ok(CallOffOutcome::CalledOff { places: places_ended })
            }
        }
    };
}

pub(crate) use registration_queries;

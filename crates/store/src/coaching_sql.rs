//! Coaching (DOMAIN.md §9): the [`CoachingStore`] trait and its SQL, the same in both dialects,
//! stamped out per backend.
//!
//! A booking reads the coach's hours, time off and appointments and the provider's future
//! appointments in its own transaction, under a lock per coach and per provider (PostgreSQL
//! advisory locks; SQLite's write lock), and judges them with the domain's rules; a unique
//! index keeps a coach to one live appointment per start time whatever else happens.

use async_trait::async_trait;
use pathways_domain::coaching::{
    AppointmentRefusal, AppointmentState, BookingRefusal, Desk, HelpTopic, TicketCategory,
    TicketStatus,
};
use pathways_domain::ids::ProviderNumber;
use time::{Date, Duration, OffsetDateTime, PrimitiveDateTime};

use crate::StoreResult;
use crate::accounts::{AccountId, AuditEntry, NewMessage};

/// A coach as published: who, in which languages, on which topics, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoachRecord {
    pub id: i64,
    pub name: String,
    /// BCP 47 tags.
    pub languages: Vec<String>,
    pub topics: Vec<HelpTopic>,
    pub availability: pathways_domain::coaching::Availability,
    /// Where providers join the coach by video (an https address), if the coach has one.
    pub meeting_link: Option<String>,
    /// The coach's own sign-in, when they have one.
    pub account: Option<AccountId>,
}

/// A coach to add.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCoach {
    pub name: String,
    pub languages: Vec<String>,
    pub topics: Vec<HelpTopic>,
    /// The coach's own sign-in (a coach account), when they have one.
    pub account: Option<AccountId>,
}

/// A booking asked for, with the rules' parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookingRequest {
    pub coach: i64,
    pub provider: ProviderNumber,
    pub topic: HelpTopic,
    pub language: String,
    /// On the program's clock.
    pub starts_at: PrimitiveDateTime,
    pub length: Duration,
    /// Now, on the program's clock.
    pub now: PrimitiveDateTime,
    pub notice: Duration,
    pub provider_limit: u32,
    /// The provider's appointment this booking moves (cancelled in the same transaction), and
    /// the outbox topic of its messages (withdrawn with it).
    pub replaces: Option<(i64, String)>,
}

/// A booked (or past) appointment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppointmentRecord {
    pub id: i64,
    pub coach: i64,
    pub provider: ProviderNumber,
    pub topic: HelpTopic,
    pub language: String,
    pub starts_at: PrimitiveDateTime,
    pub length: Duration,
    pub state: AppointmentState,
    pub booked_at: OffsetDateTime,
}

/// A coach's private note on an appointment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteRecord {
    pub id: i64,
    pub appointment: i64,
    pub body: String,
    pub written_at: OffsetDateTime,
}

/// A task a coach set themself after an appointment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUpRecord {
    pub id: i64,
    pub appointment: i64,
    pub provider: ProviderNumber,
    pub task: String,
    pub due_on: Date,
    pub done_at: Option<OffsetDateTime>,
}

/// A help ticket to open, routed already.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTicket {
    /// The provider who opened it, when signed in.
    pub provider: Option<ProviderNumber>,
    /// How to reach someone who was not signed in.
    pub contact_name: Option<String>,
    pub contact: Option<String>,
    /// The language to answer in (a BCP 47 tag).
    pub language: String,
    pub category: TicketCategory,
    pub desk: Desk,
    pub subject: String,
    pub body: String,
    pub attachment: Option<NewAttachment>,
}

/// A help ticket as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketRecord {
    pub id: i64,
    pub provider: Option<ProviderNumber>,
    pub contact_name: Option<String>,
    pub contact: Option<String>,
    pub language: String,
    /// `course-registration`, `payments-and-claims` or `other`.
    pub category: String,
    pub course: Option<String>,
    pub desk: Desk,
    pub subject: String,
    pub status: TicketStatus,
    pub opened_at: OffsetDateTime,
    pub first_response_at: Option<OffsetDateTime>,
    pub resolved_at: Option<OffsetDateTime>,
    /// The desk member who took it, and their name.
    pub assigned: Option<(AccountId, String)>,
}

/// A file sent with a ticket's message, checked already.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAttachment {
    pub file_name: String,
    pub kind: pathways_domain::coaching::AttachmentKind,
    pub bytes: Vec<u8>,
}

/// What is known of an attachment without its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentInfo {
    pub id: i64,
    pub message: i64,
    pub file_name: String,
    pub kind: pathways_domain::coaching::AttachmentKind,
    pub size: u64,
}

/// One message of a ticket's conversation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketMessageRecord {
    pub id: i64,
    /// Written by the desk (else by the person who asked).
    pub from_staff: bool,
    pub author: String,
    pub body: String,
    pub written_at: OffsetDateTime,
    pub attachments: Vec<AttachmentInfo>,
}

/// A reply to a ticket, with the status it leaves the ticket in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketReply {
    pub from_staff: bool,
    pub author: String,
    pub body: String,
    pub status: TicketStatus,
    pub attachment: Option<NewAttachment>,
}

#[async_trait]
pub trait CoachingStore: Send + Sync {
    /// Opens a ticket with its first message; gives its number.
    async fn open_ticket(&self, ticket: &NewTicket, audit: &AuditEntry) -> StoreResult<i64>;

    /// The tickets of one desk (a vendor's, the service desk's, the program inbox's), or of
    /// every desk (`None`), oldest first; only those not resolved when `open_only`.
    async fn desk_tickets(
        &self,
        desk: Option<&Desk>,
        open_only: bool,
    ) -> StoreResult<Vec<TicketRecord>>;

    /// A provider's tickets, newest first.
    async fn provider_tickets(&self, provider: ProviderNumber) -> StoreResult<Vec<TicketRecord>>;

    async fn ticket(&self, id: i64) -> StoreResult<Option<TicketRecord>>;

    /// A ticket's conversation, oldest first.
    async fn ticket_messages(&self, id: i64) -> StoreResult<Vec<TicketMessageRecord>>;

    /// Adds a reply and sets the ticket's status; the desk's first reply is the first
    /// response, a reply that resolves it the resolution (cleared if it is opened again).
    /// `messages` (telling the asker) go in the same transaction. `false`: no such ticket.
    async fn reply_ticket(
        &self,
        id: i64,
        reply: &TicketReply,
        messages: &[NewMessage],
        audit: &AuditEntry,
    ) -> StoreResult<bool>;

    /// Gives the ticket to a desk member (`None`: back to the desk's queue).
    async fn assign_ticket(
        &self,
        id: i64,
        to: Option<AccountId>,
        audit: &AuditEntry,
    ) -> StoreResult<bool>;

    /// An attachment with its bytes, and the ticket it belongs to.
    async fn ticket_attachment(
        &self,
        id: i64,
    ) -> StoreResult<Option<(i64, AttachmentInfo, Vec<u8>)>>;

    async fn add_coach(&self, coach: &NewCoach, audit: &AuditEntry) -> StoreResult<i64>;

    /// Replaces a coach's weekly hours and time off; `false` when there is no such coach.
    async fn publish_hours(
        &self,
        coach: i64,
        availability: &pathways_domain::coaching::Availability,
        audit: &AuditEntry,
    ) -> StoreResult<bool>;

    async fn coaches(&self) -> StoreResult<Vec<CoachRecord>>;

    /// Sets (or clears) a coach's video meeting link; `false` when there is no such coach.
    async fn set_meeting_link(
        &self,
        coach: i64,
        link: Option<&str>,
        audit: &AuditEntry,
    ) -> StoreResult<bool>;

    /// Books the time if every rule passes on the facts read in the booking's transaction,
    /// and puts `messages` (the confirmation, the reminder) in the outbox in the same
    /// transaction, so they go if and only if the booking lands.
    async fn book_appointment(
        &self,
        request: &BookingRequest,
        messages: &[NewMessage],
        audit: &AuditEntry,
    ) -> StoreResult<Result<AppointmentRecord, BookingRefusal>>;

    /// The live appointments of `coaches` from `from` to `until` (start times), by coach then
    /// time.
    async fn coach_bookings(
        &self,
        coaches: &[i64],
        from: PrimitiveDateTime,
        until: PrimitiveDateTime,
    ) -> StoreResult<Vec<(i64, PrimitiveDateTime)>>;

    /// A provider's appointments, soonest first.
    async fn provider_appointments(
        &self,
        provider: ProviderNumber,
    ) -> StoreResult<Vec<AppointmentRecord>>;

    /// The coach record a coach account signs in to.
    async fn coach_of_account(&self, account: AccountId) -> StoreResult<Option<i64>>;

    async fn appointment(&self, id: i64) -> StoreResult<Option<AppointmentRecord>>;

    /// A coach's (`None`: every coach's) appointments, every state, starting from `from` up to
    /// `until`, soonest first.
    async fn coach_appointments(
        &self,
        coach: Option<i64>,
        from: PrimitiveDateTime,
        until: PrimitiveDateTime,
    ) -> StoreResult<Vec<AppointmentRecord>>;

    /// Whether the provider booked the coach (an appointment not cancelled): what lets a coach
    /// see the provider's summary.
    async fn coach_has_provider(&self, coach: i64, provider: ProviderNumber) -> StoreResult<bool>;

    /// Cancels a booked appointment that has not started by `now` (program clock), withdraws
    /// the unsent messages on `withdraw_topic` and queues `messages`, in one transaction.
    async fn cancel_appointment(
        &self,
        id: i64,
        now: PrimitiveDateTime,
        withdraw_topic: &str,
        messages: &[NewMessage],
        audit: &AuditEntry,
    ) -> StoreResult<Result<(), AppointmentRefusal>>;

    /// Marks an appointment held or a no-show (once it has started by `now`).
    async fn mark_appointment(
        &self,
        id: i64,
        outcome: AppointmentState,
        now: PrimitiveDateTime,
        audit: &AuditEntry,
    ) -> StoreResult<Result<(), AppointmentRefusal>>;

    async fn add_appointment_note(
        &self,
        appointment: i64,
        body: &str,
        audit: &AuditEntry,
    ) -> StoreResult<i64>;

    /// The notes on `appointments`, oldest first.
    async fn appointment_notes(&self, appointments: &[i64]) -> StoreResult<Vec<NoteRecord>>;

    async fn add_follow_up(
        &self,
        appointment: i64,
        task: &str,
        due_on: Date,
        audit: &AuditEntry,
    ) -> StoreResult<i64>;

    /// A coach's (`None`: every coach's) follow-ups: open ones by due date, then those done in
    /// the last 30 days.
    async fn coach_follow_ups(
        &self,
        coach: Option<i64>,
        now: OffsetDateTime,
    ) -> StoreResult<Vec<FollowUpRecord>>;

    /// Marks one of the coach's (`None`: any coach's) follow-ups done; `false` when it is not
    /// theirs or was done.
    async fn finish_follow_up(
        &self,
        coach: Option<i64>,
        id: i64,
        audit: &AuditEntry,
    ) -> StoreResult<bool>;
}

/// A list as stored: `;`-separated.
pub(crate) fn joined<T: AsRef<str>>(items: &[T]) -> String {
    items
        .iter()
        .map(AsRef::as_ref)
        .collect::<Vec<_>>()
        .join(";")
}

pub(crate) fn split(list: &str) -> impl Iterator<Item = &str> {
    list.split(';').filter(|s| !s.is_empty())
}

pub(crate) type AppointmentRow = (
    i64,
    i64,
    i64,
    String,
    String,
    PrimitiveDateTime,
    i64,
    String,
    OffsetDateTime,
);

pub(crate) fn appointment(row: AppointmentRow) -> StoreResult<AppointmentRecord> {
    let (id, coach, provider, topic, language, starts_at, minutes, state, booked_at) = row;
    Ok(AppointmentRecord {
        id,
        coach,
        provider: ProviderNumber::from_i64(provider)
            .map_err(|_| crate::StoreError::corrupt("appointments.provider_number"))?,
        topic: HelpTopic::parse(&topic)
            .map_err(|_| crate::StoreError::corrupt("appointments.topic"))?,
        language,
        starts_at,
        length: Duration::minutes(minutes),
        state: AppointmentState::parse(&state)
            .map_err(|_| crate::StoreError::corrupt("appointments.state"))?,
        booked_at,
    })
}

pub(crate) type TicketRow = (
    i64,
    Option<i64>,
    Option<String>,
    Option<String>,
    String,
    String,
    Option<String>,
    String,
    Option<String>,
    String,
    String,
    OffsetDateTime,
    Option<OffsetDateTime>,
    Option<OffsetDateTime>,
    Option<i64>,
    Option<String>,
);

/// The tickets (`t`) with the name of whoever took each (`a`).
pub(crate) const TICKET_SELECT: &str = "SELECT t.ticket_id, t.provider_number, t.contact_name, \
     t.contact, t.language, t.category, t.course_number, t.desk, t.vendor_code, t.subject, \
     t.status, t.opened_at, t.first_response_at, t.resolved_at, t.assigned_account, \
     a.display_name FROM tickets t LEFT JOIN accounts a ON a.account_id = t.assigned_account";

/// A desk as stored: its kind and, for a vendor, the vendor's code.
pub(crate) fn desk_columns(desk: &Desk) -> (&'static str, Option<&str>) {
    match desk {
        Desk::Vendor(code) => ("vendor", Some(code.as_str())),
        Desk::ServiceDesk => ("service-desk", None),
        Desk::ProgramInbox => ("program-inbox", None),
    }
}

pub(crate) fn ticket(row: TicketRow) -> StoreResult<TicketRecord> {
    use crate::StoreError;
    let (
        id,
        provider,
        contact_name,
        contact,
        language,
        category,
        course,
        desk,
        vendor,
        subject,
        status,
        opened_at,
        first_response_at,
        resolved_at,
        assigned,
        assigned_name,
    ) = row;
    Ok(TicketRecord {
        id,
        provider: provider
            .map(ProviderNumber::from_i64)
            .transpose()
            .map_err(|_| StoreError::corrupt("tickets.provider_number"))?,
        contact_name,
        contact,
        language,
        category,
        course,
        desk: match (desk.as_str(), vendor) {
            ("vendor", Some(code)) => Desk::Vendor(
                pathways_domain::ids::VendorCode::parse(&code)
                    .map_err(|_| StoreError::corrupt("tickets.vendor_code"))?,
            ),
            ("service-desk", _) => Desk::ServiceDesk,
            ("program-inbox", _) => Desk::ProgramInbox,
            _ => return Err(StoreError::corrupt("tickets.desk")),
        },
        subject,
        status: TicketStatus::parse(&status).map_err(|_| StoreError::corrupt("tickets.status"))?,
        opened_at,
        first_response_at,
        resolved_at,
        assigned: assigned.map(|a| (AccountId(a), assigned_name.unwrap_or_default())),
    })
}

pub(crate) type AttachmentRow = (i64, i64, String, String, i64);

pub(crate) fn attachment(row: AttachmentRow) -> StoreResult<AttachmentInfo> {
    let (id, message, file_name, media_type, size) = row;
    Ok(AttachmentInfo {
        id,
        message,
        file_name,
        kind: pathways_domain::coaching::AttachmentKind::parse_media_type(&media_type)
            .ok_or_else(|| crate::StoreError::corrupt("ticket_attachments.media_type"))?,
        size: u64::try_from(size).unwrap_or_default(),
    })
}

pub(crate) const APPOINTMENT_SELECT: &str = "SELECT appointment_id, coach_id, provider_number, \
     topic, language, starts_at, length_minutes, state, booked_at FROM appointments";

pub(crate) type FollowUpRow = (i64, i64, i64, String, Date, Option<OffsetDateTime>);

pub(crate) fn follow_up(row: FollowUpRow) -> StoreResult<FollowUpRecord> {
    let (id, appointment, provider, task, due_on, done_at) = row;
    Ok(FollowUpRecord {
        id,
        appointment,
        provider: ProviderNumber::from_i64(provider)
            .map_err(|_| crate::StoreError::corrupt("appointments.provider_number"))?,
        task,
        due_on,
        done_at,
    })
}

macro_rules! coaching_queries {
    ($store:ty, $db:ty, lock_coach = [$($lock_coach:literal)?], lock_provider = [$($lock_provider:literal)?]) => {
        use $crate::coaching_sql::{
            AppointmentRecord, BookingRequest, CoachRecord, CoachingStore, NewCoach,
        };

        /// Every coach's hours and time off, by coach.
        async fn availability_of(
            conn: &mut <$db as sqlx::Database>::Connection,
            coach: Option<i64>,
        ) -> StoreResult<
            std::collections::HashMap<i64, pathways_domain::coaching::Availability>,
        > {
            use pathways_domain::coaching::{Availability, TimeOff, WeeklyHours};
            let hours: Vec<(i64, i64, i64, i64)> = sqlx::query_as(
                "SELECT coach_id, weekday, start_minute, end_minute FROM coach_hours \
                 WHERE $1 IS NULL OR coach_id = $1",
            )
            .bind(coach)
            .fetch_all(&mut *conn)
            .await?;
            let off: Vec<(i64, time::PrimitiveDateTime, time::PrimitiveDateTime)> =
                sqlx::query_as(
                    "SELECT coach_id, starts_at, ends_at FROM coach_time_off \
                     WHERE $1 IS NULL OR coach_id = $1",
                )
                .bind(coach)
                .fetch_all(&mut *conn)
                .await?;
            let mut weekly: std::collections::HashMap<i64, (Vec<WeeklyHours>, Vec<TimeOff>)> =
                std::collections::HashMap::new();
            let clock = |minute: i64| {
                let minute = minute.min(24 * 60 - 1);
                time::Time::from_hms(
                    u8::try_from(minute / 60).unwrap_or(0),
                    u8::try_from(minute % 60).unwrap_or(0),
                    0,
                )
                .map_err(|_| StoreError::corrupt("coach_hours"))
            };
            for (id, weekday, start, end) in hours {
                let day = time::Weekday::Sunday.nth_next(
                    u8::try_from(weekday).map_err(|_| StoreError::corrupt("coach_hours.weekday"))?,
                );
                // A day's end at midnight is kept as its last minute.
                weekly.entry(id).or_default().0.push(WeeklyHours {
                    weekday: day,
                    start: clock(start)?,
                    end: clock(end)?,
                });
            }
            for (id, from, until) in off {
                weekly.entry(id).or_default().1.push(TimeOff { from, until });
            }
            weekly
                .into_iter()
                .map(|(id, (hours, off))| {
                    Availability::new(hours, off)
                        .map(|a| (id, a))
                        .map_err(|_| StoreError::corrupt("coach_hours"))
                })
                .collect()
        }

        /// Adds one message (and its file) to a ticket's conversation.
        async fn add_ticket_message(
            tx: &mut <$db as sqlx::Database>::Connection,
            ticket: i64,
            from_staff: bool,
            author: &str,
            body: &str,
            attachment: Option<&$crate::coaching_sql::NewAttachment>,
            at: time::OffsetDateTime,
        ) -> StoreResult<i64> {
            let message: i64 = sqlx::query_scalar(
                "INSERT INTO ticket_messages (ticket_id, from_staff, author, body, written_at) \
                 VALUES ($1, $2, $3, $4, $5) RETURNING message_id",
            )
            .bind(ticket)
            .bind(from_staff)
            .bind(author)
            .bind(body)
            .bind(at)
            .fetch_one(&mut *tx)
            .await?;
            if let Some(file) = attachment {
                sqlx::query(
                    "INSERT INTO ticket_attachments (message_id, file_name, media_type, \
                     size_bytes, content) VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(message)
                .bind(&file.file_name)
                .bind(file.kind.media_type())
                .bind(i64::try_from(file.bytes.len()).unwrap_or(i64::MAX))
                .bind(&file.bytes)
                .execute(&mut *tx)
                .await?;
            }
            Ok(message)
        }

        #[async_trait::async_trait]
        impl CoachingStore for $store {
            async fn ticket(
                &self,
                id: i64,
            ) -> StoreResult<Option<$crate::coaching_sql::TicketRecord>> {
                let row: Option<$crate::coaching_sql::TicketRow> =
                    sqlx::query_as(sqlx::AssertSqlSafe(format!(
                        "{} WHERE t.ticket_id = $1",
                        $crate::coaching_sql::TICKET_SELECT
                    )))
                    .bind(id)
                    .fetch_optional(self.pool())
                    .await?;
                row.map($crate::coaching_sql::ticket).transpose()
            }

            async fn ticket_messages(
                &self,
                id: i64,
            ) -> StoreResult<Vec<$crate::coaching_sql::TicketMessageRecord>> {
                let mut conn = self.pool().acquire().await?;
                let rows: Vec<(i64, bool, String, String, time::OffsetDateTime)> =
                    sqlx::query_as(
                        "SELECT message_id, from_staff, author, body, written_at \
                         FROM ticket_messages WHERE ticket_id = $1 ORDER BY message_id",
                    )
                    .bind(id)
                    .fetch_all(&mut *conn)
                    .await?;
                let files: Vec<$crate::coaching_sql::AttachmentRow> = sqlx::query_as(
                    "SELECT f.attachment_id, f.message_id, f.file_name, f.media_type, \
                     f.size_bytes FROM ticket_attachments f \
                     JOIN ticket_messages m ON m.message_id = f.message_id \
                     WHERE m.ticket_id = $1 ORDER BY f.attachment_id",
                )
                .bind(id)
                .fetch_all(&mut *conn)
                .await?;
                let files = files
                    .into_iter()
                    .map($crate::coaching_sql::attachment)
                    .collect::<StoreResult<Vec<_>>>()?;
                Ok(rows
                    .into_iter()
                    .map(|(id, from_staff, author, body, written_at)| {
                        $crate::coaching_sql::TicketMessageRecord {
                            id,
                            from_staff,
                            author,
                            body,
                            written_at,
                            attachments: files
                                .iter()
                                .filter(|f| f.message == id)
                                .cloned()
                                .collect(),
                        }
                    })
                    .collect())
            }

            async fn reply_ticket(
                &self,
                id: i64,
                reply: &$crate::coaching_sql::TicketReply,
                messages: &[$crate::accounts::NewMessage],
                audit: &AuditEntry,
            ) -> StoreResult<bool> {
                let mut tx = self.begin_write().await?;
                let resolved = reply.status == pathways_domain::coaching::TicketStatus::Resolved;
                let updated = sqlx::query(
                    "UPDATE tickets SET status = $1, \
                     first_response_at = CASE WHEN $2 = 1 AND first_response_at IS NULL \
                         THEN $3 ELSE first_response_at END, \
                     resolved_at = CASE WHEN $4 = 1 THEN $3 ELSE NULL END \
                     WHERE ticket_id = $5",
                )
                .bind(reply.status.code())
                .bind(i64::from(reply.from_staff))
                .bind(audit.at)
                .bind(i64::from(resolved))
                .bind(id)
                .execute(&mut *tx)
                .await?;
                if updated.rows_affected() == 0 {
                    return Ok(false);
                }
                add_ticket_message(
                    &mut tx,
                    id,
                    reply.from_staff,
                    &reply.author,
                    &reply.body,
                    reply.attachment.as_ref(),
                    audit.at,
                )
                .await?;
                for message in messages {
                    insert_message(&mut tx, message).await?;
                }
                write_audit(&mut tx, audit, &id.to_string()).await?;
                tx.commit().await?;
                Ok(true)
            }

            async fn assign_ticket(
                &self,
                id: i64,
                to: Option<$crate::accounts::AccountId>,
                audit: &AuditEntry,
            ) -> StoreResult<bool> {
                let mut tx = self.begin_write().await?;
                let updated = sqlx::query(
                    "UPDATE tickets SET assigned_account = $1 WHERE ticket_id = $2",
                )
                .bind(to.map(|a| a.0))
                .bind(id)
                .execute(&mut *tx)
                .await?;
                if updated.rows_affected() == 0 {
                    return Ok(false);
                }
                write_audit(&mut tx, audit, &id.to_string()).await?;
                tx.commit().await?;
                Ok(true)
            }

            async fn ticket_attachment(
                &self,
                id: i64,
            ) -> StoreResult<Option<(i64, $crate::coaching_sql::AttachmentInfo, Vec<u8>)>> {
                let row: Option<(i64, i64, String, String, i64, i64, Vec<u8>)> =
                    sqlx::query_as(
                        "SELECT f.attachment_id, f.message_id, f.file_name, f.media_type, \
                         f.size_bytes, m.ticket_id, f.content FROM ticket_attachments f \
                         JOIN ticket_messages m ON m.message_id = f.message_id \
                         WHERE f.attachment_id = $1",
                    )
                    .bind(id)
                    .fetch_optional(self.pool())
                    .await?;
                let Some((id, message, name, media_type, size, ticket, bytes)) = row else {
                    return Ok(None);
                };
                let info =
                    $crate::coaching_sql::attachment((id, message, name, media_type, size))?;
                Ok(Some((ticket, info, bytes)))
            }

            async fn open_ticket(
                &self,
                ticket: &$crate::coaching_sql::NewTicket,
                audit: &AuditEntry,
            ) -> StoreResult<i64> {
                let mut tx = self.begin_write().await?;
                let (desk, vendor) = $crate::coaching_sql::desk_columns(&ticket.desk);
                let course = match &ticket.category {
                    pathways_domain::coaching::TicketCategory::CourseRegistration(c) => {
                        Some(c.as_str().to_owned())
                    }
                    _ => None,
                };
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO tickets (provider_number, contact_name, contact, language, \
                     category, course_number, desk, vendor_code, subject, opened_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ticket_id",
                )
                .bind(ticket.provider.map(|p| p.as_i64()))
                .bind(&ticket.contact_name)
                .bind(&ticket.contact)
                .bind(&ticket.language)
                .bind(ticket.category.code())
                .bind(course)
                .bind(desk)
                .bind(vendor)
                .bind(&ticket.subject)
                .bind(audit.at)
                .fetch_one(&mut *tx)
                .await?;
                add_ticket_message(
                    &mut tx,
                    id,
                    false,
                    &audit.actor.label,
                    &ticket.body,
                    ticket.attachment.as_ref(),
                    audit.at,
                )
                .await?;
                write_audit(&mut tx, audit, &id.to_string()).await?;
                tx.commit().await?;
                Ok(id)
            }

            async fn desk_tickets(
                &self,
                desk: Option<&pathways_domain::coaching::Desk>,
                open_only: bool,
            ) -> StoreResult<Vec<$crate::coaching_sql::TicketRecord>> {
                let (kind, vendor) = match desk.map($crate::coaching_sql::desk_columns) {
                    Some((kind, vendor)) => (Some(kind), vendor),
                    None => (None, None),
                };
                let rows: Vec<$crate::coaching_sql::TicketRow> =
                    sqlx::query_as(sqlx::AssertSqlSafe(format!(
                        "{} WHERE ($1 IS NULL OR t.desk = $1) \
                         AND ($2 IS NULL OR t.vendor_code = $2) \
                         AND ($3 = 0 OR t.status <> 'resolved') \
                         ORDER BY t.opened_at, t.ticket_id",
                        $crate::coaching_sql::TICKET_SELECT
                    )))
                    .bind(kind)
                    .bind(vendor)
                    .bind(i64::from(open_only))
                    .fetch_all(self.pool())
                    .await?;
                rows.into_iter().map($crate::coaching_sql::ticket).collect()
            }

            async fn provider_tickets(
                &self,
                provider: pathways_domain::ids::ProviderNumber,
            ) -> StoreResult<Vec<$crate::coaching_sql::TicketRecord>> {
                let rows: Vec<$crate::coaching_sql::TicketRow> =
                    sqlx::query_as(sqlx::AssertSqlSafe(format!(
                        "{} WHERE t.provider_number = $1 \
                         ORDER BY t.opened_at DESC, t.ticket_id DESC",
                        $crate::coaching_sql::TICKET_SELECT
                    )))
                    .bind(provider.as_i64())
                    .fetch_all(self.pool())
                    .await?;
                rows.into_iter().map($crate::coaching_sql::ticket).collect()
            }

            async fn add_coach(&self, coach: &NewCoach, audit: &AuditEntry) -> StoreResult<i64> {
                let mut tx = self.begin_write().await?;
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO coaches (name, languages, topics, created_at, account_id) \
                     VALUES ($1, $2, $3, $4, $5) RETURNING coach_id",
                )
                .bind(&coach.name)
                .bind($crate::coaching_sql::joined(&coach.languages))
                .bind($crate::coaching_sql::joined(
                    &coach.topics.iter().map(|t| t.code()).collect::<Vec<_>>(),
                ))
                .bind(audit.at)
                .bind(coach.account.map(|a| a.0))
                .fetch_one(&mut *tx)
                .await?;
                write_audit(&mut tx, audit, &id.to_string()).await?;
                tx.commit().await?;
                Ok(id)
            }

            async fn publish_hours(
                &self,
                coach: i64,
                availability: &pathways_domain::coaching::Availability,
                audit: &AuditEntry,
            ) -> StoreResult<bool> {
                let mut tx = self.begin_write().await?;
                let known: Option<i64> =
                    sqlx::query_scalar("SELECT coach_id FROM coaches WHERE coach_id = $1")
                        .bind(coach)
                        .fetch_optional(&mut *tx)
                        .await?;
                if known.is_none() {
                    return Ok(false);
                }
                sqlx::query("DELETE FROM coach_hours WHERE coach_id = $1")
                    .bind(coach)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("DELETE FROM coach_time_off WHERE coach_id = $1")
                    .bind(coach)
                    .execute(&mut *tx)
                    .await?;
                let minute = |t: time::Time| i64::from(t.hour()) * 60 + i64::from(t.minute());
                for h in availability.weekly() {
                    sqlx::query(
                        "INSERT INTO coach_hours (coach_id, weekday, start_minute, end_minute) \
                         VALUES ($1, $2, $3, $4)",
                    )
                    .bind(coach)
                    .bind(i64::from(h.weekday.number_days_from_sunday()))
                    .bind(minute(h.start))
                    .bind(minute(h.end))
                    .execute(&mut *tx)
                    .await?;
                }
                for off in availability.time_off() {
                    sqlx::query(
                        "INSERT INTO coach_time_off (coach_id, starts_at, ends_at) \
                         VALUES ($1, $2, $3)",
                    )
                    .bind(coach)
                    .bind(off.from)
                    .bind(off.until)
                    .execute(&mut *tx)
                    .await?;
                }
                write_audit(&mut tx, audit, &coach.to_string()).await?;
                tx.commit().await?;
                Ok(true)
            }

            async fn coaches(&self) -> StoreResult<Vec<CoachRecord>> {
                let mut conn = self.pool().acquire().await?;
                let rows: Vec<(i64, String, String, String, Option<String>, Option<i64>)> =
                    sqlx::query_as(
                        "SELECT coach_id, name, languages, topics, meeting_link, account_id \
                         FROM coaches ORDER BY coach_id",
                    )
                .fetch_all(&mut *conn)
                .await?;
                let mut hours = availability_of(&mut conn, None).await?;
                rows.into_iter()
                    .map(|(id, name, languages, topics, meeting_link, account)| {
                        Ok(CoachRecord {
                            id,
                            name,
                            languages: $crate::coaching_sql::split(&languages)
                                .map(str::to_owned)
                                .collect(),
                            topics: $crate::coaching_sql::split(&topics)
                                .map(pathways_domain::coaching::HelpTopic::parse)
                                .collect::<Result<_, _>>()
                                .map_err(|_| StoreError::corrupt("coaches.topics"))?,
                            availability: hours.remove(&id).unwrap_or_default(),
                            meeting_link,
                            account: account.map($crate::accounts::AccountId),
                        })
                    })
                    .collect()
            }

            async fn set_meeting_link(
                &self,
                coach: i64,
                link: Option<&str>,
                audit: &AuditEntry,
            ) -> StoreResult<bool> {
                let mut tx = self.begin_write().await?;
                let updated = sqlx::query("UPDATE coaches SET meeting_link = $1 WHERE coach_id = $2")
                    .bind(link)
                    .bind(coach)
                    .execute(&mut *tx)
                    .await?;
                if updated.rows_affected() == 0 {
                    return Ok(false);
                }
                write_audit(&mut tx, audit, &coach.to_string()).await?;
                tx.commit().await?;
                Ok(true)
            }

            async fn book_appointment(
                &self,
                request: &BookingRequest,
                messages: &[$crate::accounts::NewMessage],
                audit: &AuditEntry,
            ) -> StoreResult<Result<AppointmentRecord, pathways_domain::coaching::BookingRefusal>>
            {
                use pathways_domain::coaching::{BookingFacts, BookingRefusal, BookingRule};
                let mut tx = self.begin_write().await?;
                $(sqlx::query($lock_coach).bind(request.coach).execute(&mut *tx).await?;)?
                $(sqlx::query($lock_provider)
                    .bind(request.provider.as_i64())
                    .execute(&mut *tx)
                    .await?;)?
                if let Some((old, topic)) = &request.replaces {
                    // The appointment moved is cancelled first, so neither the coach's time nor
                    // the provider's limit counts it; a refusal below rolls this back.
                    let moved = sqlx::query(
                        "UPDATE appointments SET state = 'cancelled' WHERE appointment_id = $1 \
                         AND provider_number = $2 AND state = 'booked' AND starts_at > $3",
                    )
                    .bind(*old)
                    .bind(request.provider.as_i64())
                    .bind(request.now)
                    .execute(&mut *tx)
                    .await?;
                    if moved.rows_affected() == 0 {
                        return Ok(Err(BookingRefusal {
                            rule: BookingRule::InTheFuture,
                            detail: format!(
                                "appointment {old} has started, was cancelled or is not the \
                                 provider's"
                            ),
                        }));
                    }
                    withdraw_messages_in(&mut tx, topic, audit.at).await?;
                }
                let coach: Option<(String, String)> = sqlx::query_as(
                    "SELECT languages, topics FROM coaches WHERE coach_id = $1",
                )
                .bind(request.coach)
                .fetch_optional(&mut *tx)
                .await?;
                let Some((languages, topics)) = coach else {
                    return Ok(Err(BookingRefusal {
                        rule: BookingRule::CoachFits,
                        detail: format!("there is no coach {}", request.coach),
                    }));
                };
                let availability = availability_of(&mut tx, Some(request.coach))
                    .await?
                    .remove(&request.coach)
                    .unwrap_or_default();
                let length = request.length;
                let booked: Vec<time::PrimitiveDateTime> = sqlx::query_scalar(
                    "SELECT starts_at FROM appointments WHERE coach_id = $1 \
                     AND state <> 'cancelled' AND starts_at > $2 AND starts_at < $3",
                )
                .bind(request.coach)
                .bind(request.starts_at - time::Duration::days(1))
                .bind(request.starts_at + time::Duration::days(1))
                .fetch_all(&mut *tx)
                .await?;
                let future: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM appointments WHERE provider_number = $1 \
                     AND state = 'booked' AND starts_at >= $2",
                )
                .bind(request.provider.as_i64())
                .bind(request.now)
                .fetch_one(&mut *tx)
                .await?;
                let facts = BookingFacts {
                    now: request.now,
                    notice: request.notice,
                    length,
                    availability: &availability,
                    booked: &booked,
                    coach_speaks: $crate::coaching_sql::split(&languages)
                        .any(|l| l.eq_ignore_ascii_case(&request.language)),
                    coach_covers_topic: $crate::coaching_sql::split(&topics)
                        .any(|t| t == request.topic.code()),
                    provider_future: u32::try_from(future).unwrap_or(u32::MAX),
                    provider_limit: request.provider_limit,
                };
                if let Err(refusal) =
                    pathways_domain::coaching::judge_booking(request.starts_at, &facts)
                {
                    return Ok(Err(refusal));
                }
                let inserted = sqlx::query_scalar::<_, i64>(
                    "INSERT INTO appointments (coach_id, provider_number, topic, language, \
                     starts_at, length_minutes, booked_at) VALUES ($1, $2, $3, $4, $5, $6, $7) \
                     RETURNING appointment_id",
                )
                .bind(request.coach)
                .bind(request.provider.as_i64())
                .bind(request.topic.code())
                .bind(&request.language)
                .bind(request.starts_at)
                .bind(length.whole_minutes())
                .bind(audit.at)
                .fetch_one(&mut *tx)
                .await;
                let id = match inserted {
                    Ok(id) => id,
                    // The unique index: another booking took the time first.
                    Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
                        return Ok(Err(BookingRefusal {
                            rule: BookingRule::SlotOpen,
                            detail: format!("{} was just taken", request.starts_at),
                        }));
                    }
                    Err(e) => return Err(e.into()),
                };
                write_audit(&mut tx, audit, &id.to_string()).await?;
                for message in messages {
                    insert_message(&mut tx, message).await?;
                }
                let row: $crate::coaching_sql::AppointmentRow =
                    sqlx::query_as(sqlx::AssertSqlSafe(format!(
                        "{} WHERE appointment_id = $1",
                        $crate::coaching_sql::APPOINTMENT_SELECT
                    )))
                    .bind(id)
                    .fetch_one(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(Ok($crate::coaching_sql::appointment(row)?))
            }

            async fn coach_bookings(
                &self,
                coaches: &[i64],
                from: time::PrimitiveDateTime,
                until: time::PrimitiveDateTime,
            ) -> StoreResult<Vec<(i64, time::PrimitiveDateTime)>> {
                if coaches.is_empty() {
                    return Ok(Vec::new());
                }
                let mut qb = sqlx::QueryBuilder::<$db>::new(
                    "SELECT coach_id, starts_at FROM appointments WHERE state <> 'cancelled' \
                     AND starts_at >= ",
                );
                qb.push_bind(from);
                qb.push(" AND starts_at < ");
                qb.push_bind(until);
                qb.push(" AND coach_id IN (");
                let mut list = qb.separated(", ");
                for coach in coaches {
                    list.push_bind(*coach);
                }
                qb.push(") ORDER BY coach_id, starts_at");
                Ok(qb.build_query_as().fetch_all(self.pool()).await?)
            }

            async fn provider_appointments(
                &self,
                provider: pathways_domain::ids::ProviderNumber,
            ) -> StoreResult<Vec<AppointmentRecord>> {
                let rows: Vec<$crate::coaching_sql::AppointmentRow> =
                    sqlx::query_as(sqlx::AssertSqlSafe(format!(
                        "{} WHERE provider_number = $1 ORDER BY starts_at",
                        $crate::coaching_sql::APPOINTMENT_SELECT
                    )))
                    .bind(provider.as_i64())
                    .fetch_all(self.pool())
                    .await?;
                rows.into_iter().map($crate::coaching_sql::appointment).collect()
            }

            async fn coach_of_account(
                &self,
                account: $crate::accounts::AccountId,
            ) -> StoreResult<Option<i64>> {
                Ok(sqlx::query_scalar("SELECT coach_id FROM coaches WHERE account_id = $1")
                    .bind(account.0)
                    .fetch_optional(self.pool())
                    .await?)
            }

            async fn appointment(&self, id: i64) -> StoreResult<Option<AppointmentRecord>> {
                let row: Option<$crate::coaching_sql::AppointmentRow> =
                    sqlx::query_as(sqlx::AssertSqlSafe(format!(
                        "{} WHERE appointment_id = $1",
                        $crate::coaching_sql::APPOINTMENT_SELECT
                    )))
                    .bind(id)
                    .fetch_optional(self.pool())
                    .await?;
                row.map($crate::coaching_sql::appointment).transpose()
            }

            async fn coach_appointments(
                &self,
                coach: Option<i64>,
                from: time::PrimitiveDateTime,
                until: time::PrimitiveDateTime,
            ) -> StoreResult<Vec<AppointmentRecord>> {
                let rows: Vec<$crate::coaching_sql::AppointmentRow> =
                    sqlx::query_as(sqlx::AssertSqlSafe(format!(
                        "{} WHERE ($1 IS NULL OR coach_id = $1) AND starts_at >= $2 \
                         AND starts_at < $3 \
                         ORDER BY starts_at, appointment_id",
                        $crate::coaching_sql::APPOINTMENT_SELECT
                    )))
                    .bind(coach)
                    .bind(from)
                    .bind(until)
                    .fetch_all(self.pool())
                    .await?;
                rows.into_iter().map($crate::coaching_sql::appointment).collect()
            }

            async fn coach_has_provider(
                &self,
                coach: i64,
                provider: pathways_domain::ids::ProviderNumber,
            ) -> StoreResult<bool> {
                let found: Option<i64> = sqlx::query_scalar(
                    "SELECT appointment_id FROM appointments WHERE coach_id = $1 \
                     AND provider_number = $2 AND state <> 'cancelled' LIMIT 1",
                )
                .bind(coach)
                .bind(provider.as_i64())
                .fetch_optional(self.pool())
                .await?;
                Ok(found.is_some())
            }

            async fn cancel_appointment(
                &self,
                id: i64,
                now: time::PrimitiveDateTime,
                withdraw_topic: &str,
                messages: &[$crate::accounts::NewMessage],
                audit: &AuditEntry,
            ) -> StoreResult<Result<(), pathways_domain::coaching::AppointmentRefusal>> {
                let mut tx = self.begin_write().await?;
                // The state and time are checked by the update itself, so a cancel racing a
                // move or another cancel lands once.
                let cancelled = sqlx::query(
                    "UPDATE appointments SET state = 'cancelled' WHERE appointment_id = $1 \
                     AND state = 'booked' AND starts_at > $2",
                )
                .bind(id)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                if cancelled.rows_affected() == 0 {
                    return Ok(Err(
                        pathways_domain::coaching::AppointmentRefusal::NotChangeable,
                    ));
                }
                withdraw_messages_in(&mut tx, withdraw_topic, audit.at).await?;
                for message in messages {
                    insert_message(&mut tx, message).await?;
                }
                write_audit(&mut tx, audit, &id.to_string()).await?;
                tx.commit().await?;
                Ok(Ok(()))
            }

            async fn mark_appointment(
                &self,
                id: i64,
                outcome: pathways_domain::coaching::AppointmentState,
                now: time::PrimitiveDateTime,
                audit: &AuditEntry,
            ) -> StoreResult<Result<(), pathways_domain::coaching::AppointmentRefusal>> {
                let mut tx = self.begin_write().await?;
                let marked = sqlx::query(
                    "UPDATE appointments SET state = $1 WHERE appointment_id = $2 \
                     AND state <> 'cancelled' AND starts_at <= $3",
                )
                .bind(outcome.code())
                .bind(id)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                if marked.rows_affected() == 0 {
                    return Ok(Err(pathways_domain::coaching::AppointmentRefusal::NotStarted));
                }
                write_audit(&mut tx, audit, &id.to_string()).await?;
                tx.commit().await?;
                Ok(Ok(()))
            }

            async fn add_appointment_note(
                &self,
                appointment: i64,
                body: &str,
                audit: &AuditEntry,
            ) -> StoreResult<i64> {
                let mut tx = self.begin_write().await?;
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO appointment_notes (appointment_id, body, written_at) \
                     VALUES ($1, $2, $3) RETURNING note_id",
                )
                .bind(appointment)
                .bind(body)
                .bind(audit.at)
                .fetch_one(&mut *tx)
                .await?;
                write_audit(&mut tx, audit, &appointment.to_string()).await?;
                tx.commit().await?;
                Ok(id)
            }

            async fn appointment_notes(
                &self,
                appointments: &[i64],
            ) -> StoreResult<Vec<$crate::coaching_sql::NoteRecord>> {
                let mut notes = Vec::new();
                // A desk of every coach can hold thousands: within the databases' limits on
                // bound values.
                for chunk in appointments.chunks(1_000) {
                    let mut qb = sqlx::QueryBuilder::<$db>::new(
                        "SELECT note_id, appointment_id, body, written_at \
                         FROM appointment_notes WHERE appointment_id IN (",
                    );
                    let mut list = qb.separated(", ");
                    for id in chunk {
                        list.push_bind(*id);
                    }
                    qb.push(")");
                    let rows: Vec<(i64, i64, String, time::OffsetDateTime)> =
                        qb.build_query_as().fetch_all(self.pool()).await?;
                    notes.extend(rows.into_iter().map(|(id, appointment, body, written_at)| {
                        $crate::coaching_sql::NoteRecord {
                            id,
                            appointment,
                            body,
                            written_at,
                        }
                    }));
                }
                notes.sort_by_key(|n| n.id);
                Ok(notes)
            }

            async fn add_follow_up(
                &self,
                appointment: i64,
                task: &str,
                due_on: time::Date,
                audit: &AuditEntry,
            ) -> StoreResult<i64> {
                let mut tx = self.begin_write().await?;
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO coach_follow_ups (appointment_id, task, due_on, created_at) \
                     VALUES ($1, $2, $3, $4) RETURNING follow_up_id",
                )
                .bind(appointment)
                .bind(task)
                .bind(due_on)
                .bind(audit.at)
                .fetch_one(&mut *tx)
                .await?;
                write_audit(&mut tx, audit, &id.to_string()).await?;
                tx.commit().await?;
                Ok(id)
            }

            async fn coach_follow_ups(
                &self,
                coach: Option<i64>,
                now: time::OffsetDateTime,
            ) -> StoreResult<Vec<$crate::coaching_sql::FollowUpRecord>> {
                let rows: Vec<$crate::coaching_sql::FollowUpRow> = sqlx::query_as(
                    "SELECT f.follow_up_id, f.appointment_id, a.provider_number, f.task, \
                     f.due_on, f.done_at FROM coach_follow_ups f \
                     JOIN appointments a ON a.appointment_id = f.appointment_id \
                     WHERE ($1 IS NULL OR a.coach_id = $1) \
                     AND (f.done_at IS NULL OR f.done_at >= $2) \
                     ORDER BY f.done_at IS NOT NULL, f.due_on, f.follow_up_id",
                )
                .bind(coach)
                .bind(now - time::Duration::days(30))
                .fetch_all(self.pool())
                .await?;
                rows.into_iter().map($crate::coaching_sql::follow_up).collect()
            }

            async fn finish_follow_up(
                &self,
                coach: Option<i64>,
                id: i64,
                audit: &AuditEntry,
            ) -> StoreResult<bool> {
                let mut tx = self.begin_write().await?;
                let done = sqlx::query(
                    "UPDATE coach_follow_ups SET done_at = $1 WHERE follow_up_id = $2 \
                     AND done_at IS NULL AND appointment_id IN \
                     (SELECT appointment_id FROM appointments \
                      WHERE $3 IS NULL OR coach_id = $3)",
                )
                .bind(audit.at)
                .bind(id)
                .bind(coach)
                .execute(&mut *tx)
                .await?;
                if done.rows_affected() == 0 {
                    return Ok(false);
                }
                write_audit(&mut tx, audit, &id.to_string()).await?;
                tx.commit().await?;
                Ok(true)
            }
        }
    };
}

pub(crate) use coaching_queries;

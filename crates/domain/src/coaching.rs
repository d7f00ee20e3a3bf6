//! Coaching and help (DOMAIN.md §9) as rules: when a coach is open for booking, whether a
//! provider may book a time, and which desk answers a help ticket.
//!
//! Coaches publish weekly hours and time off on the program's wall clock (Pacific time); the
//! open times are the slots of those hours that are not off, not booked and not past. Every
//! refusal names its rule and explains itself, like the claim rules.

use std::fmt;

use time::{Duration, PrimitiveDateTime, Time, Weekday};

use crate::ParseError;
use crate::ids::{CourseNumber, VendorCode};

/// What a provider wants help with (the program's coaching topics, and everything else).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum HelpTopic {
    /// Using the course catalog.
    Catalog,
    /// The payment process: claims, incentives, payroll.
    Payments,
    /// The technology of online classes: video, audio and chat.
    ClassTechnology,
    Other,
}

impl HelpTopic {
    pub const ALL: [Self; 4] = [
        Self::Catalog,
        Self::Payments,
        Self::ClassTechnology,
        Self::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::Catalog => "catalog",
            Self::Payments => "payments",
            Self::ClassTechnology => "class-technology",
            Self::Other => "other",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, ParseError> {
        let raw = raw.trim();
        Self::ALL
            .into_iter()
            .find(|t| t.code() == raw)
            .ok_or_else(|| ParseError::invalid("catalog, payments, class-technology or other", raw))
    }
}

impl fmt::Display for HelpTopic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A coach's regular hours on one weekday, on the program's wall clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeeklyHours {
    pub weekday: Weekday,
    pub start: Time,
    pub end: Time,
}

/// A time a coach is away, from `from` until (not including) `until`, on the program's clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeOff {
    pub from: PrimitiveDateTime,
    pub until: PrimitiveDateTime,
}

/// Why published hours are not accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HoursError {
    #[error("{weekday}'s hours end at {end} before they start at {start}")]
    EndsBeforeStart {
        weekday: Weekday,
        start: Time,
        end: Time,
    },
    #[error("{weekday}'s hours from {start} overlap hours published for the same day")]
    Overlap { weekday: Weekday, start: Time },
    #[error("time off from {from} ends before it starts")]
    TimeOffEndsBeforeStart { from: PrimitiveDateTime },
}

/// A coach's published availability.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Availability {
    weekly: Vec<WeeklyHours>,
    time_off: Vec<TimeOff>,
}

impl Availability {
    /// Checks and keeps the hours: each ends after it starts, and one day's hours do not
    /// overlap (a coach cannot be booked twice by their own hours).
    pub fn new(weekly: Vec<WeeklyHours>, time_off: Vec<TimeOff>) -> Result<Self, HoursError> {
        let mut weekly = weekly;
        for h in &weekly {
            if h.end <= h.start {
                return Err(HoursError::EndsBeforeStart {
                    weekday: h.weekday,
                    start: h.start,
                    end: h.end,
                });
            }
        }
        weekly.sort_by_key(|h| (h.weekday.number_days_from_sunday(), h.start));
        for pair in weekly.windows(2) {
            if pair[0].weekday == pair[1].weekday && pair[1].start < pair[0].end {
                return Err(HoursError::Overlap {
                    weekday: pair[1].weekday,
                    start: pair[1].start,
                });
            }
        }
        if let Some(off) = time_off.iter().find(|t| t.until <= t.from) {
            return Err(HoursError::TimeOffEndsBeforeStart { from: off.from });
        }
        Ok(Self { weekly, time_off })
    }

    pub fn weekly(&self) -> &[WeeklyHours] {
        &self.weekly
    }

    pub fn time_off(&self) -> &[TimeOff] {
        &self.time_off
    }

    fn is_off(&self, start: PrimitiveDateTime, end: PrimitiveDateTime) -> bool {
        self.time_off
            .iter()
            .any(|off| start < off.until && off.from < end)
    }

    /// The starts of the open slots of `length` from `from` up to `until`, in order: whole
    /// slots within the weekly hours (counted from each day's start), not in time off and not
    /// overlapping a booked appointment (each of `length` from its start).
    pub fn open_slots(
        &self,
        booked: &[PrimitiveDateTime],
        from: PrimitiveDateTime,
        until: PrimitiveDateTime,
        length: Duration,
    ) -> Vec<PrimitiveDateTime> {
        let mut open = Vec::new();
        if length <= Duration::ZERO || until <= from {
            return open;
        }
        // Sorted, so each slot looks only at the bookings that could overlap it.
        let mut booked = booked.to_vec();
        booked.sort_unstable();
        let mut day = from.date();
        while day <= until.date() {
            for hours in self.weekly.iter().filter(|h| h.weekday == day.weekday()) {
                let end = PrimitiveDateTime::new(day, hours.end);
                let mut start = PrimitiveDateTime::new(day, hours.start);
                while start + length <= end {
                    let finish = start + length;
                    let first = booked.partition_point(|b| *b + length <= start);
                    let taken = booked.get(first).is_some_and(|b| *b < finish);
                    if start >= from && finish <= until && !taken && !self.is_off(start, finish) {
                        open.push(start);
                    }
                    start = finish;
                }
            }
            let Some(next) = day.next_day() else { break };
            day = next;
        }
        open
    }
}

/// A rule a booking must pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BookingRule {
    /// The time is not past and at least the notice ahead.
    InTheFuture,
    /// The coach speaks the language asked for and covers the topic.
    CoachFits,
    /// The time is one of the coach's open times (published, not off, not booked).
    SlotOpen,
    /// The provider holds fewer future appointments than the policy allows.
    WithinLimit,
}

impl BookingRule {
    pub const ALL: [Self; 4] = [
        Self::InTheFuture,
        Self::CoachFits,
        Self::SlotOpen,
        Self::WithinLimit,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::InTheFuture => "in-the-future",
            Self::CoachFits => "coach-fits",
            Self::SlotOpen => "slot-open",
            Self::WithinLimit => "within-limit",
        }
    }
}

/// A refused booking: the rule, and why in plain English.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{detail}")]
pub struct BookingRefusal {
    pub rule: BookingRule,
    pub detail: String,
}

/// What a booking is judged on.
#[derive(Debug, Clone)]
pub struct BookingFacts<'a> {
    /// Now, on the program's clock.
    pub now: PrimitiveDateTime,
    /// How far ahead a booking must be made.
    pub notice: Duration,
    pub length: Duration,
    pub availability: &'a Availability,
    /// The coach's booked appointments (other than this one, when moving it).
    pub booked: &'a [PrimitiveDateTime],
    pub coach_speaks: bool,
    pub coach_covers_topic: bool,
    /// The provider's future appointments (other than this one, when moving it).
    pub provider_future: u32,
    /// The most future appointments a provider may hold (policy).
    pub provider_limit: u32,
}

/// Judges a booking of the coach at `start`.
pub fn judge_booking(
    start: PrimitiveDateTime,
    facts: &BookingFacts<'_>,
) -> Result<(), BookingRefusal> {
    let refuse = |rule, detail: String| Err(BookingRefusal { rule, detail });
    if start < facts.now + facts.notice {
        return refuse(
            BookingRule::InTheFuture,
            format!("{start} is past or sooner than the notice a coach needs"),
        );
    }
    if !facts.coach_speaks || !facts.coach_covers_topic {
        return refuse(
            BookingRule::CoachFits,
            "the coach does not speak the language asked for or cover the topic".into(),
        );
    }
    let open =
        facts
            .availability
            .open_slots(facts.booked, start, start + facts.length, facts.length);
    if open.first() != Some(&start) {
        return refuse(
            BookingRule::SlotOpen,
            format!(
                "{start} is not one of the coach's open times (just taken, off or not published)"
            ),
        );
    }
    if facts.provider_future >= facts.provider_limit {
        return refuse(
            BookingRule::WithinLimit,
            format!(
                "the provider already holds {} future appointments (at most {})",
                facts.provider_future, facts.provider_limit
            ),
        );
    }
    Ok(())
}

/// Where an appointment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AppointmentState {
    Booked,
    Cancelled,
    /// The coach met the provider.
    Held,
    /// The provider did not come.
    NoShow,
}

impl AppointmentState {
    pub const ALL: [Self; 4] = [Self::Booked, Self::Cancelled, Self::Held, Self::NoShow];

    pub fn code(self) -> &'static str {
        match self {
            Self::Booked => "booked",
            Self::Cancelled => "cancelled",
            Self::Held => "held",
            Self::NoShow => "no-show",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, ParseError> {
        Self::ALL
            .into_iter()
            .find(|s| s.code() == raw.trim())
            .ok_or_else(|| ParseError::invalid("booked, cancelled, held or no-show", raw))
    }
}

/// Why a change to an appointment was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum AppointmentRefusal {
    /// Only a booked appointment that has not started can be cancelled or moved.
    #[error("the appointment has started, was cancelled or is over")]
    NotChangeable,
    /// The coach marks how it went only once it has started, and never a cancelled one.
    #[error("the appointment has not started yet or was cancelled")]
    NotStarted,
}

/// Whether an appointment in `state` starting at `starts_at` may be cancelled or moved at
/// `now` (both on the program's clock).
pub fn judge_change(
    state: AppointmentState,
    starts_at: PrimitiveDateTime,
    now: PrimitiveDateTime,
) -> Result<(), AppointmentRefusal> {
    if state == AppointmentState::Booked && starts_at > now {
        Ok(())
    } else {
        Err(AppointmentRefusal::NotChangeable)
    }
}

/// Whether the coach may mark an appointment held or a no-show at `now`: once it has started,
/// and again to correct a mark; never a cancelled one.
pub fn judge_outcome(
    state: AppointmentState,
    starts_at: PrimitiveDateTime,
    now: PrimitiveDateTime,
) -> Result<(), AppointmentRefusal> {
    if state != AppointmentState::Cancelled && starts_at <= now {
        Ok(())
    } else {
        Err(AppointmentRefusal::NotStarted)
    }
}

/// The most bytes one file sent with a help ticket may hold (2 MiB).
pub const ATTACHMENT_LIMIT: usize = 2 * 1024 * 1024;

/// The kinds of file a help ticket takes: a document or a photo of one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AttachmentKind {
    Pdf,
    Png,
    Jpeg,
}

impl AttachmentKind {
    pub fn media_type(self) -> &'static str {
        match self {
            Self::Pdf => "application/pdf",
            Self::Png => "image/png",
            Self::Jpeg => "image/jpeg",
        }
    }

    pub fn parse_media_type(raw: &str) -> Option<Self> {
        [Self::Pdf, Self::Png, Self::Jpeg]
            .into_iter()
            .find(|k| k.media_type() == raw)
    }

    /// The kind the file's first bytes show, whatever its name or the browser says.
    pub fn sniff(bytes: &[u8]) -> Option<Self> {
        if bytes.starts_with(b"%PDF-") {
            Some(Self::Pdf)
        } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(Self::Png)
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(Self::Jpeg)
        } else {
            None
        }
    }
}

/// Why a file was not taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum AttachmentRefusal {
    #[error("the file is empty")]
    Empty,
    #[error("the file is larger than {ATTACHMENT_LIMIT} bytes")]
    TooLarge,
    /// Not a PDF, PNG or JPEG by its contents.
    #[error("the file is not a PDF, PNG or JPEG")]
    WrongType,
}

/// Checks a file sent with a ticket by its contents and size; gives its kind and a name safe
/// to show and to offer for download (no folders, no control characters, at most 100
/// characters, never empty).
pub fn check_attachment(
    file_name: &str,
    bytes: &[u8],
) -> Result<(AttachmentKind, String), AttachmentRefusal> {
    if bytes.is_empty() {
        return Err(AttachmentRefusal::Empty);
    }
    if bytes.len() > ATTACHMENT_LIMIT {
        return Err(AttachmentRefusal::TooLarge);
    }
    let kind = AttachmentKind::sniff(bytes).ok_or(AttachmentRefusal::WrongType)?;
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or_default();
    let mut name: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '<' | '>' | ':' | '|' | '?' | '*'))
        .take(100)
        .collect::<String>()
        .trim()
        .trim_start_matches('.')
        .to_owned();
    if name.is_empty() {
        name = match kind {
            AttachmentKind::Pdf => "file.pdf",
            AttachmentKind::Png => "image.png",
            AttachmentKind::Jpeg => "image.jpg",
        }
        .to_owned();
    }
    Ok((kind, name))
}

/// The category a help ticket is opened in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TicketCategory {
    /// Registering for one course: the course's vendor answers.
    CourseRegistration(CourseNumber),
    /// Payments and claims: the service desk answers.
    PaymentsAndClaims,
    /// Anything else: the program inbox.
    Other,
}

impl TicketCategory {
    pub fn code(&self) -> &'static str {
        match self {
            Self::CourseRegistration(_) => "course-registration",
            Self::PaymentsAndClaims => "payments-and-claims",
            Self::Other => "other",
        }
    }
}

/// Who answers a ticket.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Desk {
    /// The staff of the vendor that teaches the course.
    Vendor(VendorCode),
    ServiceDesk,
    ProgramInbox,
}

/// The desk for a ticket: a course question to that course's vendor (`course_vendor`, when the
/// course is in the catalog; a course the catalog lacks goes to the program inbox, which can
/// find it), payments and claims to the service desk, anything else to the program inbox.
pub fn route_ticket(category: &TicketCategory, course_vendor: Option<&VendorCode>) -> Desk {
    match (category, course_vendor) {
        (TicketCategory::CourseRegistration(_), Some(vendor)) => Desk::Vendor(vendor.clone()),
        (TicketCategory::CourseRegistration(_), None) | (TicketCategory::Other, _) => {
            Desk::ProgramInbox
        }
        (TicketCategory::PaymentsAndClaims, _) => Desk::ServiceDesk,
    }
}

/// Where a ticket stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TicketStatus {
    Open,
    WaitingOnProvider,
    Resolved,
}

/// Who wrote a reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReplyFrom {
    /// The provider (or the person who opened the ticket).
    Asker,
    Staff,
}

impl TicketStatus {
    pub const ALL: [Self; 3] = [Self::Open, Self::WaitingOnProvider, Self::Resolved];

    pub fn parse(raw: &str) -> Result<Self, ParseError> {
        Self::ALL
            .into_iter()
            .find(|s| s.code() == raw)
            .ok_or_else(|| ParseError::invalid("open, waiting-on-provider or resolved", raw))
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::WaitingOnProvider => "waiting-on-provider",
            Self::Resolved => "resolved",
        }
    }

    /// The status after a reply: staff's answer waits on the provider (or resolves it when
    /// they say so); the provider's reply reopens it, even a resolved one.
    pub fn after_reply(self, from: ReplyFrom, resolves: bool) -> Self {
        match (from, resolves) {
            (ReplyFrom::Asker, _) => Self::Open,
            (ReplyFrom::Staff, true) => Self::Resolved,
            (ReplyFrom::Staff, false) => Self::WaitingOnProvider,
        }
    }
}

#[cfg(test)]
mod tests;

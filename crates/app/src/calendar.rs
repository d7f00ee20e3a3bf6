//! Calendar files (RFC 5545) for the classes a provider holds, attached to the messages about
//! them so a class lands in the person's phone calendar. Times are written in UTC (from the
//! program's California wall clock), which every calendar reads without a time-zone table.

use pathways_domain::calendar::program_instant;
use pathways_domain::entities::{Course, Session};
use pathways_domain::ids::ProviderNumber;
use time::{OffsetDateTime, PrimitiveDateTime, UtcOffset};

/// Whether the event is on or called off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventStatus {
    Confirmed,
    Cancelled,
}

/// A California wall-clock time as UTC, `YYYYMMDDTHHMMSSZ`.
fn utc_stamp(local: PrimitiveDateTime) -> String {
    stamp(program_instant(local))
}

fn stamp(at: OffsetDateTime) -> String {
    let u = at.to_offset(UtcOffset::UTC);
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        u.year(),
        u8::from(u.month()),
        u.day(),
        u.hour(),
        u.minute(),
        u.second()
    )
}

/// Text as an iCalendar TEXT value: backslash, comma, semicolon and line breaks escaped.
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            other => out.push(other),
        }
    }
    out
}

/// A content line folded at 75 octets (continuations start with a space), ended by CRLF,
/// never splitting a character.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

/// The calendar file for `provider`'s place in `session`. The UID is the same for every message
/// about one provider's place, so a later change or cancellation updates the same event.
pub fn session_event(
    session: &Session,
    course: &Course,
    provider: ProviderNumber,
    place: &str,
    status: EventStatus,
    sequence: u32,
    now: OffsetDateTime,
) -> String {
    event(&Event {
        uid: format!("{}-{provider}@pathways", session.id),
        starts: session.starts_at,
        ends: session.ends_at,
        summary: &course.title,
        location: place,
        description: &format!("{} ({})", course.title, course.number),
        status,
        sequence,
        now,
    })
}

/// One event of a calendar file, times on the program's wall clock.
#[derive(Debug)]
pub struct Event<'a> {
    /// The same for every message about one event, so a later one updates it.
    pub uid: String,
    pub starts: PrimitiveDateTime,
    pub ends: PrimitiveDateTime,
    pub summary: &'a str,
    pub location: &'a str,
    pub description: &'a str,
    pub status: EventStatus,
    pub sequence: u32,
    pub now: OffsetDateTime,
}

/// The calendar file (RFC 5545) of one event.
pub fn event(e: &Event<'_>) -> String {
    let method = match e.status {
        EventStatus::Confirmed => "REQUEST",
        EventStatus::Cancelled => "CANCEL",
    };
    let lines = [
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//IHSS Career Pathways//Pathways//EN".to_owned(),
        "CALSCALE:GREGORIAN".to_owned(),
        format!("METHOD:{method}"),
        "BEGIN:VEVENT".to_owned(),
        format!("UID:{}", e.uid),
        format!("SEQUENCE:{}", e.sequence),
        format!("DTSTAMP:{}", stamp(e.now)),
        format!("DTSTART:{}", utc_stamp(e.starts)),
        format!("DTEND:{}", utc_stamp(e.ends)),
        format!("SUMMARY:{}", text(e.summary)),
        format!("LOCATION:{}", text(e.location)),
        format!("DESCRIPTION:{}", text(e.description)),
        format!(
            "STATUS:{}",
            match e.status {
                EventStatus::Confirmed => "CONFIRMED",
                EventStatus::Cancelled => "CANCELLED",
            }
        ),
        "END:VEVENT".to_owned(),
        "END:VCALENDAR".to_owned(),
    ];
    let mut out = String::new();
    for line in &lines {
        fold(line, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use pathways_domain::testing::{course, provider_number, session_between};
    use time::macros::datetime;

    use super::*;

    #[test]
    fn a_class_is_one_event_in_utc_with_escaped_text_and_crlf_lines() {
        let mut c = course("GHS-101");
        c.title = "Safety, first; at home".into();
        let s = session_between(
            "S1",
            "GHS-101",
            datetime!(2026-07-01 09:00),
            datetime!(2026-07-01 12:30),
        );
        let ics = session_event(
            &s,
            &c,
            provider_number(7),
            "1 Main St, Sacramento",
            EventStatus::Confirmed,
            0,
            datetime!(2026-06-01 17:00 UTC),
        );
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        assert!(ics.lines().all(|l| l.len() <= 76), "{ics}");
        // 09:00 in California in July is 16:00 UTC (daylight time).
        assert!(ics.contains("DTSTART:20260701T160000Z\r\n"));
        assert!(ics.contains("DTEND:20260701T193000Z\r\n"));
        assert!(ics.contains("SUMMARY:Safety\\, first\\; at home\r\n"));
        assert!(ics.contains("LOCATION:1 Main St\\, Sacramento\r\n"));
        assert!(ics.contains("UID:S1-000000007@pathways\r\n"));
        // In winter, standard time: 09:00 is 17:00 UTC.
        let winter = session_between(
            "S2",
            "GHS-101",
            datetime!(2026-12-01 09:00),
            datetime!(2026-12-01 10:00),
        );
        let ics = session_event(
            &winter,
            &c,
            provider_number(7),
            "Online",
            EventStatus::Cancelled,
            1,
            datetime!(2026-06-01 17:00 UTC),
        );
        assert!(ics.contains("DTSTART:20261201T170000Z\r\n"));
        assert!(ics.contains("METHOD:CANCEL\r\n") && ics.contains("STATUS:CANCELLED\r\n"));
    }

    #[test]
    fn long_lines_fold_without_splitting_characters() {
        let mut out = String::new();
        fold(&format!("SUMMARY:{}", "照顧".repeat(40)), &mut out);
        for line in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{line}");
        }
        let unfolded: String = out.replace("\r\n ", "").trim_end().to_owned();
        assert_eq!(unfolded, format!("SUMMARY:{}", "照顧".repeat(40)));
    }
}

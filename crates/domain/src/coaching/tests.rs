use proptest::prelude::*;
use time::macros::{datetime, time};

use super::*;

/// Mondays 9:00–12:00 and 13:00–15:00, Wednesdays 17:00–19:00.
fn week() -> Vec<WeeklyHours> {
    vec![
        WeeklyHours {
            weekday: Weekday::Monday,
            start: time!(9:00),
            end: time!(12:00),
        },
        WeeklyHours {
            weekday: Weekday::Monday,
            start: time!(13:00),
            end: time!(15:00),
        },
        WeeklyHours {
            weekday: Weekday::Wednesday,
            start: time!(17:00),
            end: time!(19:00),
        },
    ]
}

const HALF_HOUR: Duration = Duration::minutes(30);

#[test]
fn open_times_are_the_slots_of_the_weekly_hours_less_time_off_and_bookings() {
    let off = TimeOff {
        from: datetime!(2026-12-07 10:00),
        until: datetime!(2026-12-07 11:00),
    };
    let coach = Availability::new(week(), vec![off]).unwrap();
    // Monday 2026-12-07 and Wednesday 2026-12-09.
    let booked = [datetime!(2026-12-07 13:30)];
    let open = coach.open_slots(
        &booked,
        datetime!(2026-12-07 00:00),
        datetime!(2026-12-10 00:00),
        HALF_HOUR,
    );
    let times: Vec<String> = open.iter().map(ToString::to_string).collect();
    assert_eq!(
        times,
        [
            "2026-12-07 9:00:00.0",
            "2026-12-07 9:30:00.0",
            "2026-12-07 11:00:00.0",
            "2026-12-07 11:30:00.0",
            "2026-12-07 13:00:00.0",
            "2026-12-07 14:00:00.0",
            "2026-12-07 14:30:00.0",
            "2026-12-09 17:00:00.0",
            "2026-12-09 17:30:00.0",
            "2026-12-09 18:00:00.0",
            "2026-12-09 18:30:00.0",
        ]
    );
    // Starting mid-morning, the earlier slots are gone.
    let later = coach.open_slots(
        &booked,
        datetime!(2026-12-07 11:15),
        datetime!(2026-12-07 12:00),
        HALF_HOUR,
    );
    assert_eq!(later, [datetime!(2026-12-07 11:30)]);
}

#[test]
fn hours_that_end_before_they_start_or_overlap_are_refused() {
    let backwards = WeeklyHours {
        weekday: Weekday::Friday,
        start: time!(12:00),
        end: time!(9:00),
    };
    assert!(matches!(
        Availability::new(vec![backwards], vec![]),
        Err(HoursError::EndsBeforeStart { .. })
    ));
    let mut overlapping = week();
    overlapping.push(WeeklyHours {
        weekday: Weekday::Monday,
        start: time!(11:30),
        end: time!(13:30),
    });
    assert!(matches!(
        Availability::new(overlapping, vec![]),
        Err(HoursError::Overlap { .. })
    ));
    let off = TimeOff {
        from: datetime!(2026-12-07 10:00),
        until: datetime!(2026-12-07 10:00),
    };
    assert!(Availability::new(week(), vec![off]).is_err());
}

fn facts<'a>(coach: &'a Availability, booked: &'a [PrimitiveDateTime]) -> BookingFacts<'a> {
    BookingFacts {
        now: datetime!(2026-12-04 12:00),
        notice: Duration::hours(2),
        length: HALF_HOUR,
        availability: coach,
        booked,
        coach_speaks: true,
        coach_covers_topic: true,
        provider_future: 0,
        provider_limit: 2,
    }
}

fn rule(result: Result<(), BookingRefusal>) -> BookingRule {
    result.expect_err("a refusal").rule
}

#[test]
fn each_booking_rule_refuses_by_name() {
    let coach = Availability::new(week(), vec![]).unwrap();
    let monday = datetime!(2026-12-07 9:00);
    assert_eq!(judge_booking(monday, &facts(&coach, &[])), Ok(()));
    // Past, or sooner than the notice.
    let mut soon = facts(&coach, &[]);
    soon.now = datetime!(2026-12-07 8:00);
    assert_eq!(rule(judge_booking(monday, &soon)), BookingRule::InTheFuture);
    let mut spanish = facts(&coach, &[]);
    spanish.coach_speaks = false;
    assert_eq!(
        rule(judge_booking(monday, &spanish)),
        BookingRule::CoachFits
    );
    // Taken, off the grid, or outside the hours.
    let booked = [monday];
    assert_eq!(
        rule(judge_booking(monday, &facts(&coach, &booked))),
        BookingRule::SlotOpen
    );
    assert_eq!(
        rule(judge_booking(
            datetime!(2026-12-07 9:10),
            &facts(&coach, &[])
        )),
        BookingRule::SlotOpen
    );
    assert_eq!(
        rule(judge_booking(
            datetime!(2026-12-08 9:00),
            &facts(&coach, &[])
        )),
        BookingRule::SlotOpen
    );
    let mut busy = facts(&coach, &[]);
    busy.provider_future = 2;
    let refusal = judge_booking(monday, &busy).unwrap_err();
    assert_eq!(refusal.rule, BookingRule::WithinLimit);
    assert!(refusal.detail.contains("at most 2"), "{}", refusal.detail);
}

#[test]
fn tickets_go_to_the_course_vendor_the_service_desk_or_the_program_inbox() {
    let course = CourseNumber::parse("GHS-101").unwrap();
    let vendor = VendorCode::parse("CCC-SAC").unwrap();
    let about_course = TicketCategory::CourseRegistration(course);
    assert_eq!(
        route_ticket(&about_course, Some(&vendor)),
        Desk::Vendor(vendor.clone())
    );
    assert_eq!(route_ticket(&about_course, None), Desk::ProgramInbox);
    assert_eq!(
        route_ticket(&TicketCategory::PaymentsAndClaims, Some(&vendor)),
        Desk::ServiceDesk
    );
    assert_eq!(
        route_ticket(&TicketCategory::Other, None),
        Desk::ProgramInbox
    );
}

#[test]
fn a_reply_moves_the_ticket() {
    use ReplyFrom::{Asker, Staff};
    assert_eq!(
        TicketStatus::Open.after_reply(Staff, false),
        TicketStatus::WaitingOnProvider
    );
    assert_eq!(
        TicketStatus::WaitingOnProvider.after_reply(Asker, false),
        TicketStatus::Open
    );
    assert_eq!(
        TicketStatus::Open.after_reply(Staff, true),
        TicketStatus::Resolved
    );
    assert_eq!(
        TicketStatus::Resolved.after_reply(Asker, false),
        TicketStatus::Open,
        "the provider can reopen it"
    );
}

#[test]
fn topics_read_back_from_their_codes() {
    for topic in HelpTopic::ALL {
        assert_eq!(HelpTopic::parse(topic.code()), Ok(topic));
    }
    assert!(HelpTopic::parse("billing").is_err());
}

fn any_hours() -> impl Strategy<Value = Vec<WeeklyHours>> {
    prop::collection::vec((0u8..7, 6u8..20, 1u8..8), 0..6).prop_map(|spans| {
        let mut out: Vec<WeeklyHours> = Vec::new();
        for (day, start, len) in spans {
            let weekday = Weekday::Sunday.nth_next(day);
            let end = (start + len).min(23);
            let hours = WeeklyHours {
                weekday,
                start: Time::from_hms(start, 0, 0).unwrap(),
                end: Time::from_hms(end, 0, 0).unwrap(),
            };
            // Keep only hours that do not overlap the ones kept.
            if !out
                .iter()
                .any(|h| h.weekday == weekday && hours.start < h.end && h.start < hours.end)
            {
                out.push(hours);
            }
        }
        out
    })
}

proptest! {
    /// Open times are in order, within the weekly hours, clear of time off and of every
    /// booking, and booking any of them leaves the others open.
    #[test]
    fn open_times_never_clash(
        hours in any_hours(),
        off_start in 0i64..(14 * 24),
        off_hours in 0i64..30,
        booked_at in prop::collection::vec(0i32..(14 * 48), 0..10),
    ) {
        let start = datetime!(2026-12-06 00:00);
        let off = TimeOff {
            from: start + Duration::hours(off_start),
            until: start + Duration::hours(off_start + off_hours + 1),
        };
        let coach = Availability::new(hours, vec![off]).unwrap();
        let booked: Vec<PrimitiveDateTime> =
            booked_at.iter().map(|h| start + HALF_HOUR * *h).collect();
        let until = start + Duration::days(14);
        let open = coach.open_slots(&booked, start, until, HALF_HOUR);
        prop_assert!(open.windows(2).all(|w| w[0] < w[1]));
        for slot in &open {
            let end = *slot + HALF_HOUR;
            prop_assert!(coach.weekly().iter().any(|h| h.weekday == slot.weekday()
                && h.start <= slot.time() && end.time() <= h.end && end.date() == slot.date()));
            prop_assert!(!(off.from < end && *slot < off.until));
            prop_assert!(booked.iter().all(|b| !(*b < end && *slot < *b + HALF_HOUR)));
        }
        if let Some(first) = open.first() {
            let mut more = booked.clone();
            more.push(*first);
            let after = coach.open_slots(&more, start, until, HALF_HOUR);
            prop_assert_eq!(&after[..], &open[1..]);
        }
    }
}

#[test]
fn only_a_booked_appointment_not_yet_started_is_cancelled_or_moved() {
    let at = datetime!(2026-12-07 10:00);
    for state in AppointmentState::ALL {
        assert_eq!(
            judge_change(state, at, at - Duration::minutes(1)).is_ok(),
            state == AppointmentState::Booked,
            "{state:?}"
        );
        assert_eq!(
            judge_change(state, at, at),
            Err(AppointmentRefusal::NotChangeable)
        );
    }
}

#[test]
fn how_it_went_is_marked_once_started_and_never_on_a_cancelled_one() {
    let at = datetime!(2026-12-07 10:00);
    for state in AppointmentState::ALL {
        assert_eq!(
            judge_outcome(state, at, at).is_ok(),
            state != AppointmentState::Cancelled,
            "{state:?}"
        );
        assert_eq!(
            judge_outcome(state, at, at - Duration::minutes(1)),
            Err(AppointmentRefusal::NotStarted)
        );
    }
}

#[test]
fn appointment_states_read_back_from_their_codes() {
    for state in AppointmentState::ALL {
        assert_eq!(AppointmentState::parse(state.code()), Ok(state));
    }
    assert!(AppointmentState::parse("done").is_err());
}

#[test]
fn a_file_is_taken_by_its_contents_and_size_with_a_safe_name() {
    let pdf = b"%PDF-1.7 rest";
    assert_eq!(
        check_attachment("C:\\Users\\ana\\pay stub.pdf", pdf),
        Ok((AttachmentKind::Pdf, "pay stub.pdf".to_owned()))
    );
    assert_eq!(
        check_attachment("../../etc/passwd", b"\x89PNG\r\n\x1a\nrest"),
        Ok((AttachmentKind::Png, "passwd".to_owned()))
    );
    assert_eq!(
        check_attachment("\u{7}..", &[0xFF, 0xD8, 0xFF, 0xE0]),
        Ok((AttachmentKind::Jpeg, "image.jpg".to_owned()))
    );
    // A program named like a photo is refused by its contents.
    assert_eq!(
        check_attachment("photo.jpg", b"MZ\x90\x00"),
        Err(AttachmentRefusal::WrongType)
    );
    assert_eq!(
        check_attachment("a.pdf", b""),
        Err(AttachmentRefusal::Empty)
    );
    let mut big = b"%PDF-".to_vec();
    big.resize(ATTACHMENT_LIMIT + 1, b' ');
    assert_eq!(
        check_attachment("a.pdf", &big),
        Err(AttachmentRefusal::TooLarge)
    );
    big.truncate(ATTACHMENT_LIMIT);
    assert!(check_attachment("a.pdf", &big).is_ok());
}

proptest! {
    /// Whatever name a browser sends, the name kept has no folder, no control character and
    /// at most 100 characters, and is never empty.
    #[test]
    fn a_kept_name_is_always_safe(name in "\\PC{0,300}") {
        let (_, kept) = check_attachment(&name, b"%PDF-1.4").unwrap();
        prop_assert!(!kept.is_empty());
        prop_assert!(kept.chars().count() <= 100);
        prop_assert!(!kept.contains('/') && !kept.contains('\\'));
        prop_assert!(!kept.chars().any(char::is_control));
        prop_assert!(!kept.starts_with('.'));
    }
}

//! The program's clock: California (Pacific) time, where the program's days begin and end.

use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

/// The `n`-th Sunday (1-based) of a month.
fn nth_sunday(year: i32, month: Month, n: u8) -> Date {
    let first = Date::from_calendar_date(year, month, 1).unwrap_or(Date::MIN);
    let offset = (7 - first.weekday().number_days_from_sunday()) % 7;
    first + time::Duration::days(i64::from(offset) + 7 * i64::from(n - 1))
}

/// Pacific time's offset from UTC at an instant: daylight time (UTC−7) from 2:00 local standard
/// time on the second Sunday of March to 2:00 local daylight time on the first Sunday of
/// November, standard time (UTC−8) otherwise (the United States rule since 2007).
pub fn pacific_offset(at: OffsetDateTime) -> UtcOffset {
    let utc = at.to_offset(UtcOffset::UTC);
    let year = utc.year();
    // 2:00 PST is 10:00 UTC; 2:00 PDT is 09:00 UTC.
    let starts = PrimitiveDateTime::new(
        nth_sunday(year, Month::March, 2),
        Time::from_hms(10, 0, 0).unwrap_or(Time::MIDNIGHT),
    )
    .assume_utc();
    let ends = PrimitiveDateTime::new(
        nth_sunday(year, Month::November, 1),
        Time::from_hms(9, 0, 0).unwrap_or(Time::MIDNIGHT),
    )
    .assume_utc();
    let hours = if starts <= utc && utc < ends { -7 } else { -8 };
    UtcOffset::from_hms(hours, 0, 0).unwrap_or(UtcOffset::UTC)
}

/// The program's date at an instant.
pub fn program_date(at: OffsetDateTime) -> Date {
    at.to_offset(pacific_offset(at)).date()
}

/// The program's wall-clock time at an instant (sessions are scheduled in it).
pub fn program_time(at: OffsetDateTime) -> PrimitiveDateTime {
    let local = at.to_offset(pacific_offset(at));
    PrimitiveDateTime::new(local.date(), local.time())
}

/// The instant a California wall-clock time names (at a daylight-saving change, the earlier).
pub fn program_instant(local: PrimitiveDateTime) -> OffsetDateTime {
    let standard = UtcOffset::from_hms(-8, 0, 0).unwrap_or(UtcOffset::UTC);
    let guess = local.assume_offset(standard);
    local.assume_offset(pacific_offset(guess))
}

/// Now, on the program's wall clock.
pub fn program_now() -> PrimitiveDateTime {
    program_time(OffsetDateTime::now_utc())
}

/// Today in the program's time zone.
pub fn program_today() -> Date {
    program_date(OffsetDateTime::now_utc())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn daylight_time_follows_the_us_rule() {
        assert_eq!(
            nth_sunday(2026, Month::March, 2),
            time::macros::date!(2026 - 03 - 08)
        );
        assert_eq!(
            nth_sunday(2026, Month::November, 1),
            time::macros::date!(2026 - 11 - 01)
        );
        assert_eq!(
            pacific_offset(datetime!(2026-03-08 09:59 UTC)).whole_hours(),
            -8
        );
        assert_eq!(
            pacific_offset(datetime!(2026-03-08 10:00 UTC)).whole_hours(),
            -7
        );
        assert_eq!(
            pacific_offset(datetime!(2026-11-01 08:59 UTC)).whole_hours(),
            -7
        );
        assert_eq!(
            pacific_offset(datetime!(2026-11-01 09:00 UTC)).whole_hours(),
            -8
        );
    }

    #[test]
    fn the_program_date_is_californias() {
        // 05:00 UTC on 25 November is still the evening of the 24th in California.
        assert_eq!(
            program_date(datetime!(2026-11-25 05:00 UTC)),
            time::macros::date!(2026 - 11 - 24)
        );
        assert_eq!(
            program_date(datetime!(2026-11-25 08:00 UTC)),
            time::macros::date!(2026 - 11 - 25)
        );
        assert_eq!(
            program_date(datetime!(2026-07-01 06:59 UTC)),
            time::macros::date!(2026 - 06 - 30)
        );
        assert_eq!(
            program_date(datetime!(2026-07-01 07:00 UTC)),
            time::macros::date!(2026 - 07 - 01)
        );
    }

    #[test]
    fn sundays_are_found_in_every_month_shape() {
        for year in 2020..2040 {
            for n in 1..=2 {
                let d = nth_sunday(year, Month::March, n);
                assert_eq!(d.weekday(), time::Weekday::Sunday);
                assert!(d.day() <= 14);
            }
        }
    }
}

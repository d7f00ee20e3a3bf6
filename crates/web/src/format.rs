//! Numbers, hours, dates and times written the way each language writes them.
//!
//! Fluent 0.16 does not format numbers or dates for a locale, so the pages format them here
//! and pass the text to the messages. Month and weekday names are locale data, kept with the
//! rules that use them.

use pathways_domain::quantity::Hours;
use time::{Date, PrimitiveDateTime, Time, Weekday};

use crate::i18n::Locale;

const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const ES_MONTHS: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];

pub fn weekday_name(locale: Locale, weekday: Weekday) -> &'static str {
    let index = usize::from(weekday.number_days_from_sunday());
    match locale {
        Locale::En => [
            "Sunday",
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
        ][index],
        Locale::Es => [
            "domingo",
            "lunes",
            "martes",
            "miércoles",
            "jueves",
            "viernes",
            "sábado",
        ][index],
        Locale::ZhHant => [
            "星期日",
            "星期一",
            "星期二",
            "星期三",
            "星期四",
            "星期五",
            "星期六",
        ][index],
    }
}

/// A date without its weekday: `March 15, 2026`, `15 de marzo de 2026`, `2026年3月15日`.
pub fn date(locale: Locale, date: Date) -> String {
    let month = usize::from(u8::from(date.month())) - 1;
    match locale {
        Locale::En => format!("{} {}, {}", EN_MONTHS[month], date.day(), date.year()),
        Locale::Es => format!("{} de {} de {}", date.day(), ES_MONTHS[month], date.year()),
        Locale::ZhHant => format!("{}年{}月{}日", date.year(), month + 1, date.day()),
    }
}

/// A date with its weekday: `Sunday, March 15, 2026`, `domingo, 15 de marzo de 2026`,
/// `2026年3月15日（星期日）`.
pub fn date_with_weekday(locale: Locale, day: Date) -> String {
    let weekday = weekday_name(locale, day.weekday());
    match locale {
        Locale::En | Locale::Es => format!("{weekday}, {}", date(locale, day)),
        Locale::ZhHant => format!("{}（{weekday}）", date(locale, day)),
    }
}

/// A time of day: `9:30 AM` in English, `9:30` (24-hour) in Spanish, `上午9:30` in Chinese.
pub fn time_of_day(locale: Locale, at: Time) -> String {
    let (hour, minute) = (at.hour(), at.minute());
    let twelve = match hour % 12 {
        0 => 12,
        h => h,
    };
    match locale {
        Locale::En => format!(
            "{twelve}:{minute:02} {}",
            if hour < 12 { "AM" } else { "PM" }
        ),
        Locale::Es => format!("{hour}:{minute:02}"),
        Locale::ZhHant => format!(
            "{}{twelve}:{minute:02}",
            if hour < 12 { "上午" } else { "下午" }
        ),
    }
}

/// A date with its weekday and a time.
pub fn date_time(locale: Locale, at: PrimitiveDateTime) -> String {
    let day = date_with_weekday(locale, at.date());
    let clock = time_of_day(locale, at.time());
    match locale {
        Locale::En | Locale::Es => format!("{day}, {clock}"),
        Locale::ZhHant => format!("{day} {clock}"),
    }
}

/// A whole number with the locale's grouping: `12,345` in English and Chinese; `12.345` in
/// Spanish, which groups only from five digits on (`1234`).
pub fn count(locale: Locale, n: u64) -> String {
    let digits = n.to_string();
    let (separator, min_digits) = match locale {
        Locale::En | Locale::ZhHant => (',', 4),
        Locale::Es => ('.', 5),
    };
    if digits.len() < min_digits {
        return digits;
    }
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

/// Hours as a person writes them, without needless zeros: `1.5`, `8`, `0.25`; Spanish uses
/// a decimal comma (`1,5`).
pub fn hours(locale: Locale, hours: Hours) -> String {
    let hundredths = hours.hundredths();
    let whole = count(locale, u64::from(hundredths / 100));
    let fraction = hundredths % 100;
    if fraction == 0 {
        return whole;
    }
    let mark = match locale {
        Locale::Es => ',',
        Locale::En | Locale::ZhHant => '.',
    };
    let digits = format!("{fraction:02}");
    format!("{whole}{mark}{}", digits.trim_end_matches('0'))
}

/// Minutes as hours to two places, the way the program shows counted hours: `11.50`
/// (`11,50` in Spanish). Rounded half up to the hundredth.
pub fn hours_2(locale: Locale, minutes: pathways_domain::quantity::Minutes) -> String {
    let hundredths = (u64::from(minutes.0) * 100 + 30) / 60;
    let mark = match locale {
        Locale::Es => ',',
        Locale::En | Locale::ZhHant => '.',
    };
    format!(
        "{}{mark}{:02}",
        count(locale, hundredths / 100),
        hundredths % 100
    )
}

/// Whole hours as two places too, for "11.50 of 15.00 hours" to read evenly.
pub fn hours_2_of(locale: Locale, hours: Hours) -> String {
    hours_2(
        locale,
        pathways_domain::quantity::Minutes(
            u32::try_from(u64::from(hours.hundredths()) * 60 / 100).unwrap_or(u32::MAX),
        ),
    )
}

/// Dollars and cents: `$2,000.00`; Spanish `$2000,00` (its decimal comma and grouping).
pub fn money(locale: Locale, amount: pathways_domain::quantity::Money) -> String {
    let cents = u64::try_from(amount.cents()).unwrap_or_default();
    let mark = match locale {
        Locale::Es => ',',
        Locale::En | Locale::ZhHant => '.',
    };
    format!("${}{mark}{:02}", count(locale, cents / 100), cents % 100)
}

/// A month and year: `March 2026`, `marzo de 2026`, `2026年3月`.
pub fn month(locale: Locale, day: Date) -> String {
    let index = usize::from(u8::from(day.month())) - 1;
    match locale {
        Locale::En => format!("{} {}", EN_MONTHS[index], day.year()),
        Locale::Es => format!("{} de {}", ES_MONTHS[index], day.year()),
        Locale::ZhHant => format!("{}年{}月", day.year(), index + 1),
    }
}

/// Hours as a number, for choosing the plural form of a message.
pub fn hours_value(hours: Hours) -> f64 {
    f64::from(hours.hundredths()) / 100.0
}

#[cfg(test)]
mod tests {
    use time::macros::{date, datetime, time};

    use super::*;

    #[test]
    fn dates_are_written_as_each_language_writes_them() {
        let d = date!(2026 - 03 - 15);
        assert_eq!(date(Locale::En, d), "March 15, 2026");
        assert_eq!(date(Locale::Es, d), "15 de marzo de 2026");
        assert_eq!(date(Locale::ZhHant, d), "2026年3月15日");
        assert_eq!(date_with_weekday(Locale::En, d), "Sunday, March 15, 2026");
        assert_eq!(
            date_with_weekday(Locale::Es, d),
            "domingo, 15 de marzo de 2026"
        );
        assert_eq!(
            date_with_weekday(Locale::ZhHant, d),
            "2026年3月15日（星期日）"
        );
    }

    #[test]
    fn times_use_twelve_or_twenty_four_hours_by_language() {
        assert_eq!(time_of_day(Locale::En, time!(0:05)), "12:05 AM");
        assert_eq!(time_of_day(Locale::En, time!(12:30)), "12:30 PM");
        assert_eq!(time_of_day(Locale::En, time!(14:00)), "2:00 PM");
        assert_eq!(time_of_day(Locale::Es, time!(14:00)), "14:00");
        assert_eq!(time_of_day(Locale::ZhHant, time!(9:30)), "上午9:30");
        assert_eq!(time_of_day(Locale::ZhHant, time!(14:00)), "下午2:00");
        assert_eq!(
            date_time(Locale::En, datetime!(2026-03-16 09:00)),
            "Monday, March 16, 2026, 9:00 AM"
        );
    }

    #[test]
    fn numbers_and_hours_use_the_locale_separators() {
        assert_eq!(count(Locale::En, 999), "999");
        assert_eq!(count(Locale::En, 1234), "1,234");
        assert_eq!(count(Locale::En, 1_234_567), "1,234,567");
        assert_eq!(count(Locale::Es, 1234), "1234");
        assert_eq!(count(Locale::Es, 12_345), "12.345");
        assert_eq!(hours(Locale::En, Hours::from_hundredths(150)), "1.5");
        assert_eq!(hours(Locale::Es, Hours::from_hundredths(150)), "1,5");
        assert_eq!(hours(Locale::ZhHant, Hours::from_hundredths(25)), "0.25");
        assert_eq!(hours(Locale::En, Hours::whole(8)), "8");
        assert!((hours_value(Hours::from_hundredths(150)) - 1.5).abs() < f64::EPSILON);
    }

    #[test]
    fn counted_hours_and_money_show_two_places() {
        use pathways_domain::quantity::{Minutes, Money};
        assert_eq!(hours_2(Locale::En, Minutes(690)), "11.50");
        assert_eq!(hours_2(Locale::Es, Minutes(690)), "11,50");
        // 50 minutes is 0.8333 hours.
        assert_eq!(hours_2(Locale::En, Minutes(50)), "0.83");
        assert_eq!(hours_2_of(Locale::En, Hours::whole(15)), "15.00");
        assert_eq!(money(Locale::En, Money::from_dollars(2_000)), "$2,000.00");
        assert_eq!(money(Locale::Es, Money::from_cents(50_050)), "$500,50");
        assert_eq!(
            month(Locale::Es, time::macros::date!(2026 - 03 - 15)),
            "marzo de 2026"
        );
    }
}

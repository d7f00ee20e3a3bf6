//! California's counties as the demo needs them: how many providers live there, the telephone area
//! code, and the IHSS hourly wage, with effective-dated raises.

use pathways_domain::entities::WageRate;
use pathways_domain::ids::CountyCode;
use pathways_domain::quantity::Money;
use time::{Date, Duration, Month};

use super::{Calendar, Stream, seeded, valid};

/// One county, in county-code order (01 Alameda to 58 Yuba).
pub(super) struct CountyProfile {
    /// Relative share of the state's providers (Los Angeles has well over a third).
    pub weight: u32,
    pub area_code: &'static str,
    /// The hourly wage, in cents, at the start of the demo's rate history.
    base_wage_cents: i64,
}

/// Declares the county table compactly: `(weight, area code, base wage in cents)`.
macro_rules! counties {
    ($(($weight:expr, $area:expr, $wage:expr)),+ $(,)?) => {
        [$(CountyProfile { weight: $weight, area_code: $area, base_wage_cents: $wage }),+]
    };
}

pub(super) const COUNTIES: [CountyProfile; 58] = counties![
    (40, "510", 1925),  // 01 Alameda
    (1, "530", 1700),   // 02 Alpine
    (1, "209", 1690),   // 03 Amador
    (6, "530", 1690),   // 04 Butte
    (1, "209", 1680),   // 05 Calaveras
    (1, "530", 1665),   // 06 Colusa
    (24, "925", 1930),  // 07 Contra Costa
    (1, "707", 1660),   // 08 Del Norte
    (3, "530", 1740),   // 09 El Dorado
    (40, "559", 1690),  // 10 Fresno
    (1, "530", 1660),   // 11 Glenn
    (3, "707", 1700),   // 12 Humboldt
    (5, "760", 1655),   // 13 Imperial
    (1, "760", 1700),   // 14 Inyo
    (22, "661", 1685),  // 15 Kern
    (3, "559", 1670),   // 16 Kings
    (2, "707", 1690),   // 17 Lake
    (1, "530", 1660),   // 18 Lassen
    (400, "213", 1840), // 19 Los Angeles
    (4, "559", 1675),   // 20 Madera
    (3, "415", 2010),   // 21 Marin
    (1, "209", 1660),   // 22 Mariposa
    (2, "707", 1705),   // 23 Mendocino
    (7, "209", 1680),   // 24 Merced
    (1, "530", 1650),   // 25 Modoc
    (1, "760", 1745),   // 26 Mono
    (8, "831", 1835),   // 27 Monterey
    (2, "707", 1890),   // 28 Napa
    (2, "530", 1745),   // 29 Nevada
    (45, "714", 1845),  // 30 Orange
    (5, "916", 1795),   // 31 Placer
    (1, "530", 1675),   // 32 Plumas
    (50, "951", 1745),  // 33 Riverside
    (50, "916", 1800),  // 34 Sacramento
    (1, "831", 1775),   // 35 San Benito
    (55, "909", 1745),  // 36 San Bernardino
    (55, "619", 1855),  // 37 San Diego
    (25, "415", 2225),  // 38 San Francisco
    (15, "209", 1735),  // 39 San Joaquin
    (3, "805", 1780),   // 40 San Luis Obispo
    (8, "650", 2095),   // 41 San Mateo
    (5, "805", 1815),   // 42 Santa Barbara
    (30, "408", 2140),  // 43 Santa Clara
    (3, "831", 1945),   // 44 Santa Cruz
    (4, "530", 1695),   // 45 Shasta
    (1, "530", 1650),   // 46 Sierra
    (1, "530", 1660),   // 47 Siskiyou
    (8, "707", 1850),   // 48 Solano
    (7, "707", 1895),   // 49 Sonoma
    (10, "209", 1715),  // 50 Stanislaus
    (2, "530", 1695),   // 51 Sutter
    (1, "530", 1665),   // 52 Tehama
    (1, "530", 1655),   // 53 Trinity
    (10, "559", 1680),  // 54 Tulare
    (1, "209", 1685),   // 55 Tuolumne
    (12, "805", 1845),  // 56 Ventura
    (4, "530", 1800),   // 57 Yolo
    (2, "530", 1695),   // 58 Yuba
];

/// The lowest and highest hourly wage the demo uses, in cents.
pub(super) const WAGE_RANGE_CENTS: (i64, i64) = (1650, 2400);

/// Two or three rates per county: one from two program years back, a raise each January, and
/// for about half the counties a further raise negotiated for the current program year.
pub(super) fn wage_rates(seed: u64, calendar: &Calendar) -> Vec<WageRate> {
    let mut rng = seeded(seed, Stream::WageRates, 0);
    let first = calendar.classes_from - Duration::days(730);
    let january = Date::from_calendar_date(calendar.classes_from.year(), Month::January, 1)
        .unwrap_or(first + Duration::days(365));
    let clamp = |cents: i64| cents.clamp(WAGE_RANGE_CENTS.0, WAGE_RANGE_CENTS.1);
    let mut rates = Vec::with_capacity(COUNTIES.len() * 3);
    for (county, profile) in CountyCode::all().zip(&COUNTIES) {
        let mut cents = clamp(profile.base_wage_cents);
        let mut push = |effective_from, cents| {
            rates.push(WageRate {
                county,
                effective_from,
                hourly_rate: Money::from_cents(cents),
            });
        };
        push(first, cents);
        cents = clamp(cents + rng.i64(35..=90));
        push(january, cents);
        if rng.bool() {
            cents = clamp(cents + rng.i64(25..=75));
            push(calendar.classes_from, cents);
        }
    }
    rates
}

/// Picks counties in proportion to their share of providers.
#[derive(Debug, Clone)]
pub(super) struct CountyPicker {
    cumulative: Vec<u32>,
}

impl CountyPicker {
    pub fn new() -> Self {
        let cumulative = COUNTIES
            .iter()
            .scan(0, |total, c| {
                *total += c.weight;
                Some(*total)
            })
            .collect();
        Self { cumulative }
    }

    pub fn pick(&self, rng: &mut fastrand::Rng) -> CountyCode {
        let total = self.cumulative.last().copied().unwrap_or(1);
        let ticket = rng.u32(0..total);
        let index = self.cumulative.partition_point(|&c| c <= ticket);
        valid(CountyCode::new(index as u8 + 1).ok_or("county index"))
    }
}

pub(super) const LOS_ANGELES: u8 = 19;

pub(super) fn area_code(county: CountyCode) -> &'static str {
    COUNTIES[usize::from(county.get() - 1)].area_code
}

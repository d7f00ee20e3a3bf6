//! A realistic, deterministic demo program: counties and wage rates, vendors, sixty hand-written
//! courses (and, for a large demo, generated ones: 2,000 in all at state scale) with their
//! sessions, and providers with everything that hangs off them (recipients, assignments, weekly
//! work hours, attendance as vendors report it).
//!
//! The same [`DemoOptions`] always give the same data. Reference tables are small and built once;
//! providers are generated chunk by chunk from `(seed, chunk index)`, so a state-scale demo
//! (750,000 providers) never sits in memory at once.
//!
//! Most attendance verifies under the rules of DOMAIN.md §4. A small share is deliberately wrong in
//! the ways real vendor files are wrong, one crafted row per hold reason in turn, so the demo shows
//! held records with every reason code. [`ProviderChunk::held_by_design`] says which rows those are.

mod attendance;
mod careers;
mod catalog;
mod people;
mod places;
mod scale;
#[cfg(test)]
mod tests;

use pathways_domain::attendance::HoldReason;
use pathways_domain::entities::{
    Assignment, AttendanceReport, Course, Provider, Recipient, Session, Vendor, WageRate, WorkHours,
};
use pathways_domain::ids::VendorCode;
use pathways_domain::policy::PolicyVersion;
use time::{Date, Duration, Month};

use catalog::Catalog;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoOptions {
    /// How many providers (state scale is 750,000).
    pub providers: u32,
    /// Different seeds give different, equally realistic programs.
    pub seed: u64,
    /// The day the demo is "now": the program year, sessions and attendance are placed around it.
    pub today: Date,
    /// How many courses (never fewer than the 60 written by hand); `None`: one per 375
    /// providers, so 2,000 at state scale (about 20,000 sessions) and the hand-written 60 for a
    /// demo of up to 22,500 providers.
    pub courses: Option<u32>,
}

/// Providers per course when the catalog grows with the demo.
const PROVIDERS_PER_COURSE: u32 = 375;

impl DemoOptions {
    /// How many courses the demo's catalog has.
    pub fn course_count(&self) -> u32 {
        self.courses
            .unwrap_or(self.providers / PROVIDERS_PER_COURSE)
            .max(catalog::HAND_WRITTEN_COURSES)
    }
}

/// The demo program for one set of options.
#[derive(Debug, Clone)]
pub struct Demo {
    options: DemoOptions,
    calendar: Calendar,
    catalog: Catalog,
    people: people::Tables,
}

/// Providers and everything that hangs off them, for one chunk of providers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProviderChunk {
    pub providers: Vec<Provider>,
    pub recipients: Vec<Recipient>,
    pub assignments: Vec<Assignment>,
    pub work_hours: Vec<WorkHours>,
    /// Attendance as each vendor reports it (the vendor is the course's vendor, except the rows
    /// deliberately crafted to be held as wrong-vendor).
    pub attendance: Vec<(VendorCode, AttendanceReport)>,
    /// The attendance rows crafted to be held, with the reason each should get when each vendor's
    /// rows are verified in the order given. Every other row verifies.
    pub held_by_design: Vec<HeldByDesign>,
}

/// One attendance row crafted to be held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeldByDesign {
    /// Index into [`ProviderChunk::attendance`].
    pub row: usize,
    pub reason: HoldReason,
}

/// The dates everything is placed around.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Calendar {
    today: Date,
    /// The first day of the demo program year: the most recent July 1 on or before today.
    classes_from: Date,
    /// The program year's last class date.
    last_class_date: Date,
    /// The last class date of the real program's policy (2024-09-17), which the demo keeps.
    default_last_class_date: Date,
    /// The Sunday that starts the current workweek.
    this_week: Date,
}

impl Calendar {
    fn new(today: Date) -> Self {
        let july_first = |year| Date::from_calendar_date(year, Month::July, 1).unwrap_or(today);
        let this_july = july_first(today.year());
        let classes_from = if this_july <= today {
            this_july
        } else {
            july_first(today.year() - 1)
        };
        let program_year = program_year_policy(classes_from);
        let days_since_sunday = i64::from(today.weekday().number_days_from_sunday());
        Self {
            today,
            classes_from,
            last_class_date: program_year.last_class_date,
            default_last_class_date: PolicyVersion::program_default().last_class_date,
            this_week: today - Duration::days(days_since_sunday),
        }
    }

    /// The last day attendance can have happened: yesterday (vendors report after the fact), or
    /// today on the first day of the program year.
    fn last_attendance_day(&self) -> Date {
        self.today
            .previous_day()
            .unwrap_or(self.today)
            .max(self.classes_from)
    }
}

fn program_year_policy(classes_from: Date) -> PolicyVersion {
    let name = format!(
        "{}-{:02}",
        classes_from.year(),
        u8::from(classes_from.month())
    );
    PolicyVersion::program_year(&name, classes_from)
}

impl Demo {
    pub fn new(options: DemoOptions) -> Self {
        let calendar = Calendar::new(options.today);
        let catalog = Catalog::new(options.seed, &calendar, options.course_count());
        let people = people::Tables::new(options.providers, options.seed);
        Self {
            options,
            calendar,
            catalog,
            people,
        }
    }

    /// Policy versions: the program's default version (the real program's calendar) and a program
    /// year around `today` that starts on the most recent July 1 on or before it.
    pub fn policy_versions(&self) -> Vec<PolicyVersion> {
        vec![
            PolicyVersion::program_default(),
            program_year_policy(self.calendar.classes_from),
        ]
    }

    /// Healthcare career pages, written in all three site languages.
    pub fn careers(&self) -> Vec<pathways_domain::career::Career> {
        careers::careers()
    }

    /// Two or three effective-dated hourly rates for every one of the 58 counties.
    pub fn wage_rates(&self) -> Vec<WageRate> {
        places::wage_rates(self.options.seed, &self.calendar)
    }

    pub fn vendors(&self) -> Vec<Vendor> {
        self.catalog.vendors.clone()
    }

    pub fn courses(&self) -> Vec<Course> {
        self.catalog.courses.clone()
    }

    pub fn sessions(&self) -> Vec<Session> {
        self.catalog.sessions.clone()
    }

    pub fn provider_count(&self) -> u32 {
        self.people.provider_count()
    }

    /// Providers and everything that hangs off them, `chunk_size` providers at a time. Each chunk
    /// is generated only when the iterator reaches it.
    pub fn provider_chunks(&self, chunk_size: usize) -> impl Iterator<Item = ProviderChunk> + '_ {
        let chunk_size = u64::try_from(chunk_size.max(1)).unwrap_or(u64::MAX);
        let total = u64::from(self.provider_count());
        let chunks = total.div_ceil(chunk_size);
        (0..chunks).map(move |index| {
            let first = index * chunk_size;
            let end = (first + chunk_size).min(total);
            self.chunk(index, first..end)
        })
    }

    fn chunk(&self, index: u64, providers: std::ops::Range<u64>) -> ProviderChunk {
        let mut rng = seeded(self.options.seed, Stream::Providers, index);
        let mut chunk = ProviderChunk::default();
        let facts = people::generate(
            &self.people,
            &self.calendar,
            &mut rng,
            providers,
            &mut chunk,
        );
        attendance::generate(&self.catalog, &self.calendar, &mut rng, &facts, &mut chunk);
        chunk
    }
}

/// The independent random streams of the demo, so that changing one table does not reshuffle
/// another.
#[derive(Debug, Clone, Copy)]
enum Stream {
    Sessions = 1,
    WageRates = 2,
    ProviderNumbers = 3,
    Providers = 4,
    ScaledVendors = 5,
    ScaledCourses = 6,
}

/// A random generator for one stream and index, from the demo seed.
fn seeded(seed: u64, stream: Stream, index: u64) -> fastrand::Rng {
    fastrand::Rng::with_seed(mix(mix(seed, stream as u64), index))
}

/// SplitMix64 finalizer over two words: nearby inputs give unrelated outputs.
fn mix(a: u64, b: u64) -> u64 {
    let mut z = a ^ b
        .wrapping_add(0x9E37_79B9_7F4A_7C15)
        .wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A uniformly random day between `from` and `to`, both included (`from` when the range is empty).
fn day_between(rng: &mut fastrand::Rng, from: Date, to: Date) -> Date {
    let span = (to - from).whole_days().max(0);
    from + Duration::days(rng.i64(0..=span))
}

/// Unwraps a value generated from the demo's own tables, which are valid by construction.
fn valid<T, E: std::fmt::Debug>(value: Result<T, E>) -> T {
    match value {
        Ok(value) => value,
        Err(error) => panic!("demo tables hold an invalid value: {error:?}"),
    }
}

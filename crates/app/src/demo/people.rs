//! Providers, their recipients, assignments and weekly work hours.

use std::ops::Range;

use pathways_domain::entities::{Assignment, Provider, Recipient, WorkHours};
use pathways_domain::ids::{CaseNumber, CountyCode, ProviderNumber};
use pathways_domain::pathway::{EnrollmentStatus, LanguageTag, Needs, Pathway};
use pathways_domain::quantity::Hours;
use time::{Date, Duration};

use super::places::{CountyPicker, LOS_ANGELES, area_code};
use super::{Calendar, ProviderChunk, Stream, day_between, seeded, valid};

/// Where a provider's name comes from; California's caregivers are as diverse as the state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Origin {
    Anglo,
    Hispanic,
    Chinese,
    Vietnamese,
    Armenian,
    Filipino,
    Korean,
    Russian,
}

/// `(first names, last names)` by origin, in the order of [`Origin`].
const NAMES: [(&[&str], &[&str]); 8] = [
    (
        &[
            "Mary",
            "Linda",
            "James",
            "Patricia",
            "Robert",
            "Jennifer",
            "Michael",
            "Elizabeth",
            "David",
            "Susan",
            "Karen",
            "Lisa",
            "Angela",
            "Deborah",
            "Brenda",
            "Kimberly",
            "Denise",
            "Tamika",
            "Latoya",
            "Keisha",
            "Andre",
            "Darnell",
            "Crystal",
            "Ashley",
            "Brian",
            "Michelle",
            "Gloria",
            "Dorothy",
            "Sharon",
            "Tiffany",
        ],
        &[
            "Smith",
            "Johnson",
            "Williams",
            "Brown",
            "Jones",
            "Miller",
            "Davis",
            "Wilson",
            "Anderson",
            "Taylor",
            "Thomas",
            "Moore",
            "Jackson",
            "Martin",
            "Thompson",
            "White",
            "Harris",
            "Clark",
            "Lewis",
            "Robinson",
            "Walker",
            "Young",
            "Allen",
            "King",
            "Wright",
            "Scott",
            "Green",
            "Baker",
            "Adams",
            "Nelson",
            "Hill",
            "Campbell",
            "Mitchell",
            "Carter",
            "Roberts",
            "Washington",
        ],
    ),
    (
        &[
            "María",
            "José",
            "Guadalupe",
            "Juan",
            "Rosa",
            "Carmen",
            "Luis",
            "Ana",
            "Jesús",
            "Francisco",
            "Margarita",
            "Miguel",
            "Elena",
            "Alejandra",
            "Carlos",
            "Verónica",
            "Ricardo",
            "Silvia",
            "Leticia",
            "Jorge",
            "Patricia",
            "Sofía",
            "Adriana",
            "Manuel",
            "Maricela",
            "Yolanda",
        ],
        &[
            "García",
            "Hernández",
            "López",
            "Martínez",
            "González",
            "Rodríguez",
            "Pérez",
            "Sánchez",
            "Ramírez",
            "Flores",
            "Torres",
            "Gómez",
            "Díaz",
            "Reyes",
            "Morales",
            "Cruz",
            "Ortiz",
            "Gutiérrez",
            "Chávez",
            "Ramos",
            "Vargas",
            "Castillo",
            "Jiménez",
            "Mendoza",
            "Ruiz",
            "Aguilar",
            "Navarro",
            "Delgado",
        ],
    ),
    (
        &[
            "Wei", "Mei", "Li", "Hui", "Xiu Ying", "Jian", "Ling", "Yan", "Chun", "Fang", "Ming",
            "Qing", "Shu Fen", "Yu", "Jun", "Lan", "Hong", "Ying", "Mei Ling", "Kwok Wai",
        ],
        &[
            "Chen", "Wong", "Lee", "Li", "Wang", "Zhang", "Liu", "Huang", "Lin", "Wu", "Chan",
            "Lam", "Ng", "Yang", "Zhou", "Cheung", "Ho", "Tang",
        ],
    ),
    (
        &[
            "Thi Lan", "Minh", "Hoa", "Tuan", "Thu", "Hung", "Mai", "Linh", "Anh", "Duc", "Huong",
            "Phuong", "Quang", "Trang", "Hanh", "Long",
        ],
        &[
            "Nguyen", "Tran", "Le", "Pham", "Hoang", "Phan", "Vu", "Dang", "Bui", "Do", "Ho",
            "Ngo", "Duong", "Ly",
        ],
    ),
    (
        &[
            "Anahit",
            "Armen",
            "Lusine",
            "Gor",
            "Narine",
            "Ashot",
            "Karine",
            "Hovhannes",
            "Marine",
            "Tigran",
            "Gayane",
            "Vahe",
            "Siranush",
            "Aram",
            "Lilit",
            "Arpine",
        ],
        &[
            "Petrosyan",
            "Hakobyan",
            "Sargsyan",
            "Grigoryan",
            "Harutyunyan",
            "Khachatryan",
            "Avetisyan",
            "Karapetyan",
            "Mkrtchyan",
            "Gevorgyan",
            "Vardanyan",
            "Babayan",
            "Manukyan",
            "Ghazaryan",
        ],
    ),
    (
        &[
            "Maria Luisa",
            "Rosario",
            "Marites",
            "Jocelyn",
            "Ernesto",
            "Rodrigo",
            "Corazon",
            "Teresita",
            "Analyn",
            "Jerome",
            "Rowena",
            "Danilo",
            "Evangeline",
            "Ferdinand",
            "Lourdes",
            "Ramil",
        ],
        &[
            "Santos",
            "Reyes",
            "Cruz",
            "Bautista",
            "Ocampo",
            "Garcia",
            "Mendoza",
            "Villanueva",
            "Aquino",
            "Dizon",
            "Castillo",
            "Manalo",
            "Soriano",
            "Dela Cruz",
            "Pascual",
            "Tolentino",
        ],
    ),
    (
        &[
            "Min-jun",
            "Ji-yeon",
            "Seo-yeon",
            "Hyun-woo",
            "Young-hee",
            "Sung-min",
            "Eun-ji",
            "Jae-won",
            "Mi-kyung",
            "Soo-jin",
            "Dong-hyun",
            "Hye-jin",
        ],
        &[
            "Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han",
            "Shin",
        ],
    ),
    (
        &[
            "Olga", "Natalia", "Sergei", "Irina", "Tatiana", "Dmitri", "Svetlana", "Yelena",
            "Nikolai", "Lyudmila", "Galina", "Andrei", "Vera", "Vladimir",
        ],
        &[
            "Ivanova",
            "Petrov",
            "Smirnova",
            "Kuznetsov",
            "Popova",
            "Sokolov",
            "Volkova",
            "Morozov",
            "Novikova",
            "Fedorov",
            "Pavlova",
            "Orlov",
            "Kovalenko",
            "Melnyk",
        ],
    ),
];

/// Providers' preferred languages, with their share in thousandths and the names that go with
/// them. English speakers' names come from every origin (see [`ENGLISH_SPEAKER_ORIGINS`]).
const LANGUAGES: [(&str, u32, Origin); 8] = [
    ("en", 540, Origin::Anglo),
    ("es", 300, Origin::Hispanic),
    ("zh-Hant", 60, Origin::Chinese),
    ("vi", 30, Origin::Vietnamese),
    ("hy", 25, Origin::Armenian),
    ("ko", 15, Origin::Korean),
    ("ru", 15, Origin::Russian),
    ("tl", 15, Origin::Filipino),
];

/// Origins of English speakers' names, in percent.
const ENGLISH_SPEAKER_ORIGINS: [(Origin, u32); 8] = [
    (Origin::Anglo, 45),
    (Origin::Hispanic, 25),
    (Origin::Filipino, 10),
    (Origin::Chinese, 7),
    (Origin::Vietnamese, 5),
    (Origin::Korean, 3),
    (Origin::Armenian, 3),
    (Origin::Russian, 2),
];

/// Weeks of work hours the payroll feed has sent.
const WORK_WEEKS: i64 = 26;

/// Recipients a provider can have at most; each provider owns this many case-number slots.
const MAX_RECIPIENTS: u64 = 3;

/// More providers than 9-digit numbers from 100000000 up cannot be numbered.
const MAX_PROVIDERS: u32 = 900_000_000;

/// Provider numbers walk the 9-digit space by a stride coprime with its size, so numbers are
/// unique but do not look sequential.
const PROVIDER_NUMBER_SPACE: u64 = 900_000_000;
const PROVIDER_NUMBER_STRIDE: u64 = 282_475_249; // 7^10

/// The same idea for case numbers (a power of 7 is coprime with every power of ten).
const CASE_NUMBER_STRIDE: u64 = 5_764_801; // 7^8

/// How a provider stands, which decides what else the demo gives them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Standing {
    /// Enrollment complete, paid recently, working for one to three recipients.
    Working,
    /// Enrollment complete, on the registry or a backup list: no recipient.
    Registry,
    /// Enrollment complete but not paid for over a year: lapsed.
    Lapsed,
    /// Enrollment pending or terminated.
    NotEnrolled,
}

/// What the attendance generator needs about a provider in the chunk.
#[derive(Debug, Clone, Copy)]
pub(super) struct ProviderFacts {
    /// Position among all the demo's providers.
    pub global: u64,
    /// Index into [`ProviderChunk::providers`].
    pub row: usize,
    pub language: &'static str,
    pub standing: Standing,
}

/// Tables shared by every chunk.
#[derive(Debug, Clone)]
pub(super) struct Tables {
    providers: u32,
    number_offset: u64,
    case_digits: u32,
    case_offset: u64,
    counties: CountyPicker,
    languages: Vec<LanguageTag>,
}

impl Tables {
    pub fn new(providers: u32, seed: u64) -> Self {
        let providers = providers.min(MAX_PROVIDERS);
        let mut rng = seeded(seed, Stream::ProviderNumbers, 0);
        // Seven digits, as in the brief, unless the demo is too large for them.
        let slots = u64::from(providers) * MAX_RECIPIENTS;
        let case_digits = (7..).find(|&d| 10u64.pow(d) >= slots).unwrap_or(7);
        Self {
            providers,
            number_offset: rng.u64(0..PROVIDER_NUMBER_SPACE),
            case_digits,
            case_offset: rng.u64(0..10u64.pow(case_digits)),
            counties: CountyPicker::new(),
            languages: LANGUAGES
                .iter()
                .map(|(tag, _, _)| valid(LanguageTag::parse(tag)))
                .collect(),
        }
    }

    pub fn provider_count(&self) -> u32 {
        self.providers
    }

    /// The provider number of the `global`-th provider.
    pub fn provider_number(&self, global: u64) -> ProviderNumber {
        let n = (global * PROVIDER_NUMBER_STRIDE + self.number_offset) % PROVIDER_NUMBER_SPACE;
        valid(ProviderNumber::from_i64((100_000_000 + n) as i64))
    }

    /// The case number of the `slot`-th recipient of the `global`-th provider.
    fn case_number(&self, global: u64, slot: u64) -> CaseNumber {
        let space = 10u64.pow(self.case_digits);
        let n = ((global * MAX_RECIPIENTS + slot) * CASE_NUMBER_STRIDE + self.case_offset) % space;
        let width = self.case_digits as usize;
        valid(CaseNumber::parse(&format!("C{n:0width$}")))
    }
}

/// Generates the providers `range` into `chunk`, with their recipients, assignments and work
/// hours, and returns what attendance needs to know about each.
pub(super) fn generate(
    tables: &Tables,
    calendar: &Calendar,
    rng: &mut fastrand::Rng,
    range: Range<u64>,
    chunk: &mut ProviderChunk,
) -> Vec<ProviderFacts> {
    let mut facts = Vec::with_capacity(usize::try_from(range.end - range.start).unwrap_or(0));
    for global in range {
        let row = chunk.providers.len();
        let (language_index, origin) = pick_language(rng);
        let language = LANGUAGES[language_index].0;
        let (first_name, last_name) = pick_name(rng, origin);
        let county = if language == "hy" && rng.f32() < 0.8 {
            // Most Armenian-speaking providers live in Los Angeles County (Glendale, Burbank).
            valid(CountyCode::new(LOS_ANGELES).ok_or("Los Angeles"))
        } else {
            tables.counties.pick(rng)
        };
        let standing = pick_standing(rng);
        let (status, enrolled_on, last_paid_on) = enrollment(rng, calendar, standing);
        let (phone, email) = contacts(rng, county, &first_name, &last_name, global);
        let number = tables.provider_number(global);
        chunk.providers.push(Provider {
            number,
            first_name,
            last_name,
            county,
            enrollment_status: status,
            enrolled_on,
            last_paid_on,
            language: tables.languages[language_index].clone(),
            phone,
            email,
        });
        let recipients = match standing {
            Standing::Working => match rng.u32(0..100) {
                0..70 => 1,
                70..94 => 2,
                _ => 3,
            },
            // Their past work: one recipient whose assignment ended.
            Standing::Lapsed => 1,
            Standing::NotEnrolled if status == EnrollmentStatus::Terminated => 1,
            Standing::Registry | Standing::NotEnrolled => 0,
        };
        for slot in 0..recipients {
            let case_number = tables.case_number(global, slot);
            chunk.recipients.push(Recipient {
                case_number: case_number.clone(),
                county,
                needs: pick_needs(rng),
            });
            let enrolled = enrolled_on.unwrap_or(calendar.today - Duration::days(1000));
            let assignment = match standing {
                Standing::Working => {
                    working_assignment(rng, calendar, enrolled, slot == 0, number, case_number)
                }
                _ => past_assignment(rng, enrolled, last_paid_on, number, case_number),
            };
            work_weeks(rng, calendar, &assignment, &mut chunk.work_hours);
            chunk.assignments.push(assignment);
        }
        facts.push(ProviderFacts {
            global,
            row,
            language,
            standing,
        });
    }
    facts
}

fn pick_language(rng: &mut fastrand::Rng) -> (usize, Origin) {
    let total: u32 = LANGUAGES.iter().map(|l| l.1).sum();
    let mut ticket = rng.u32(0..total);
    for (index, &(_, share, origin)) in LANGUAGES.iter().enumerate() {
        if ticket < share {
            let origin = if index == 0 {
                english_speaker_origin(rng)
            } else {
                origin
            };
            return (index, origin);
        }
        ticket -= share;
    }
    (0, Origin::Anglo)
}

fn english_speaker_origin(rng: &mut fastrand::Rng) -> Origin {
    let mut ticket = rng.u32(0..100);
    for &(origin, share) in &ENGLISH_SPEAKER_ORIGINS {
        if ticket < share {
            return origin;
        }
        ticket -= share;
    }
    Origin::Anglo
}

fn pick_name(rng: &mut fastrand::Rng, origin: Origin) -> (String, String) {
    let (first, last) = NAMES[origin as usize];
    (
        first[rng.usize(0..first.len())].to_owned(),
        last[rng.usize(0..last.len())].to_owned(),
    )
}

fn pick_standing(rng: &mut fastrand::Rng) -> Standing {
    match rng.u32(0..1000) {
        0..85 => Standing::NotEnrolled,
        85..110 => Standing::Lapsed,
        110..190 => Standing::Registry,
        _ => Standing::Working,
    }
}

/// Enrollment status, the day enrollment completed, and the last payroll payment.
fn enrollment(
    rng: &mut fastrand::Rng,
    calendar: &Calendar,
    standing: Standing,
) -> (EnrollmentStatus, Option<Date>, Option<Date>) {
    let today = calendar.today;
    let days_ago =
        |rng: &mut fastrand::Rng, range: Range<i64>| today - Duration::days(rng.i64(range));
    // Years of service: many new providers, most with a few years, some long-serving.
    let enrolled = |rng: &mut fastrand::Rng| match rng.u32(0..10) {
        0..2 => days_ago(rng, 30..365),
        2..7 => days_ago(rng, 365..2200),
        _ => days_ago(rng, 2200..5000),
    };
    match standing {
        Standing::Working => {
            let enrolled_on = enrolled(rng);
            // Paid every two weeks for the last pay period.
            (
                EnrollmentStatus::Complete,
                Some(enrolled_on),
                Some(days_ago(rng, 1..15)),
            )
        }
        Standing::Registry => {
            let enrolled_on = enrolled(rng);
            // Some registry providers have never been paid; others took a short backup job.
            let last_paid = rng
                .bool()
                .then(|| days_ago(rng, 20..300))
                .filter(|&paid| enrolled_on <= paid);
            (EnrollmentStatus::Complete, Some(enrolled_on), last_paid)
        }
        Standing::Lapsed => {
            let last_paid = days_ago(rng, 400..1100);
            let enrolled_on = last_paid - Duration::days(rng.i64(200..2000));
            (
                EnrollmentStatus::Complete,
                Some(enrolled_on),
                Some(last_paid),
            )
        }
        Standing::NotEnrolled => {
            if rng.u32(0..10) < 6 {
                // Orientation or the background check is still under way.
                (EnrollmentStatus::Pending, None, None)
            } else {
                let last_paid = days_ago(rng, 200..1500);
                let enrolled_on = last_paid - Duration::days(rng.i64(100..2000));
                (
                    EnrollmentStatus::Terminated,
                    Some(enrolled_on),
                    Some(last_paid),
                )
            }
        }
    }
}

/// A phone number in the fictional 555-01xx range and/or an example.com address.
fn contacts(
    rng: &mut fastrand::Rng,
    county: CountyCode,
    first_name: &str,
    last_name: &str,
    global: u64,
) -> (Option<String>, Option<String>) {
    let roll = rng.u32(0..100);
    let phone =
        (roll < 88).then(|| format!("({}) 555-01{:02}", area_code(county), rng.u32(0..100)));
    let email = (roll >= 35).then(|| {
        format!(
            "{}.{}.{}@example.com",
            email_part(first_name),
            email_part(last_name),
            global + 1
        )
    });
    (phone, email)
}

/// A name as it goes into an email address: lowercase ASCII letters, accents dropped.
fn email_part(name: &str) -> String {
    name.chars()
        .filter_map(|c| {
            let plain = match c {
                'á' | 'Á' => 'a',
                'é' | 'É' => 'e',
                'í' | 'Í' => 'i',
                'ó' | 'Ó' => 'o',
                'ú' | 'Ú' | 'ü' | 'Ü' => 'u',
                'ñ' | 'Ñ' => 'n',
                c => c,
            };
            plain
                .is_ascii_alphanumeric()
                .then(|| plain.to_ascii_lowercase())
        })
        .collect()
}

/// Assessed Category 2 needs: dementia and complex physical care are common, transition needs
/// rarer.
fn pick_needs(rng: &mut fastrand::Rng) -> Needs {
    let mut needs = Needs::default();
    for (pathway, percent) in [
        (Pathway::CognitiveImpairments, 18),
        (Pathway::ComplexPhysicalCare, 22),
        (Pathway::TransitionToHome, 6),
    ] {
        if rng.u32(0..100) < percent {
            needs.insert(pathway);
        }
    }
    needs
}

/// An assignment of a working provider: the first is always active; others sometimes ended.
fn working_assignment(
    rng: &mut fastrand::Rng,
    calendar: &Calendar,
    enrolled_on: Date,
    first: bool,
    provider: ProviderNumber,
    case_number: CaseNumber,
) -> Assignment {
    let earliest = enrolled_on.max(calendar.today - Duration::days(6 * 365));
    let latest = (calendar.today - Duration::days(7)).max(earliest);
    let start_date = day_between(rng, earliest, latest);
    let ended = !first && rng.u32(0..100) < 30;
    let end_date = ended.then(|| {
        let last = calendar.today.previous_day().unwrap_or(calendar.today);
        day_between(rng, start_date, last.max(start_date))
    });
    Assignment {
        provider,
        case_number,
        start_date,
        end_date,
    }
}

/// An assignment that ended around the provider's last payment.
fn past_assignment(
    rng: &mut fastrand::Rng,
    enrolled_on: Date,
    last_paid_on: Option<Date>,
    provider: ProviderNumber,
    case_number: CaseNumber,
) -> Assignment {
    let end_date = last_paid_on.unwrap_or(enrolled_on + Duration::days(90));
    let start_date = day_between(rng, enrolled_on, end_date);
    Assignment {
        provider,
        case_number,
        start_date,
        end_date: Some(end_date),
    }
}

/// Weekly hours from payroll for the last [`WORK_WEEKS`] finished workweeks in which the
/// assignment was active on the Sunday that starts the week.
fn work_weeks(
    rng: &mut fastrand::Rng,
    calendar: &Calendar,
    assignment: &Assignment,
    out: &mut Vec<WorkHours>,
) {
    // A recipient's authorized hours set a steady weekly pattern; actual weeks vary around it.
    let usual = rng.i64(800..=5000);
    for weeks_back in (1..=WORK_WEEKS).rev() {
        let week_start = calendar.this_week - Duration::weeks(weeks_back);
        if !assignment.active_on(week_start) || rng.u32(0..100) < 3 {
            continue;
        }
        let hundredths = (usual + rng.i64(-400..=400)).clamp(500, 6000);
        out.push(WorkHours {
            provider: assignment.provider,
            case_number: assignment.case_number.clone(),
            week_start,
            hours: Hours::from_hundredths(hundredths as u32),
        });
    }
}

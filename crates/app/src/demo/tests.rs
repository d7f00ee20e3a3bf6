use std::collections::{BTreeMap, HashMap, HashSet};

use pathways_domain::attendance::{
    AttendanceLedger, CourseFacts, HoldReason, ReferenceData, SessionFacts, Verdict,
};
use pathways_domain::eligibility::Enrollment;
use pathways_domain::ids::{CaseNumber, CountyCode, CourseNumber, ProviderNumber, SessionId};
use pathways_domain::pathway::{Category, EnrollmentStatus, Modality, Pathway};
use pathways_domain::policy::PolicyBook;
use pathways_domain::quantity::{Hours, Minutes};
use time::macros::date;
use time::{Date, Weekday};

use super::*;

fn demo_of(providers: u32, seed: u64, today: Date) -> Demo {
    Demo::new(DemoOptions {
        providers,
        seed,
        today,
        courses: None,
    })
}

const TODAY: Date = date!(2026 - 11 - 25);

fn all_chunks(demo: &Demo, chunk_size: usize) -> Vec<ProviderChunk> {
    demo.provider_chunks(chunk_size).collect()
}

#[test]
fn the_same_options_give_the_same_program_and_another_seed_another() {
    let a = demo_of(2_000, 7, TODAY);
    let b = demo_of(2_000, 7, TODAY);
    assert_eq!(a.policy_versions(), b.policy_versions());
    assert_eq!(a.wage_rates(), b.wage_rates());
    assert_eq!(a.vendors(), b.vendors());
    assert_eq!(a.courses(), b.courses());
    assert_eq!(a.sessions(), b.sessions());
    let first = a.provider_chunks(500).next().unwrap();
    assert_eq!(Some(&first), b.provider_chunks(500).next().as_ref());
    // Each chunk is generated afresh from its index: asking again gives the same chunk.
    assert_eq!(a.provider_chunks(500).nth(2), b.provider_chunks(500).nth(2));

    let other = demo_of(2_000, 8, TODAY);
    assert_ne!(Some(first), other.provider_chunks(500).next());
    assert_ne!(a.sessions(), other.sessions());
    assert_ne!(a.wage_rates(), other.wage_rates());
}

#[test]
fn chunks_hold_every_provider_once_whatever_the_chunk_size() {
    let demo = demo_of(1_234, 1, TODAY);
    assert_eq!(demo.provider_count(), 1_234);
    for chunk_size in [1_000, 100, 1_234, 5_000] {
        let sizes: Vec<usize> = demo
            .provider_chunks(chunk_size)
            .map(|c| c.providers.len())
            .collect();
        assert_eq!(
            sizes.iter().sum::<usize>(),
            1_234,
            "chunk size {chunk_size}"
        );
        assert!(sizes.iter().all(|&s| s <= chunk_size));
    }
    assert_eq!(
        demo.provider_chunks(0).count(),
        1_234,
        "a zero chunk size means one per chunk"
    );
    assert_eq!(demo_of(0, 1, TODAY).provider_chunks(10).count(), 0);
}

#[test]
fn the_program_year_starts_on_the_most_recent_first_of_july() {
    for (today, start, name) in [
        (date!(2026 - 11 - 25), date!(2026 - 07 - 01), "2026-07"),
        (date!(2027 - 03 - 01), date!(2026 - 07 - 01), "2026-07"),
        (date!(2026 - 07 - 01), date!(2026 - 07 - 01), "2026-07"),
        (date!(2026 - 06 - 30), date!(2025 - 07 - 01), "2025-07"),
    ] {
        let versions = demo_of(10, 1, today).policy_versions();
        assert_eq!(versions.len(), 2);
        assert_eq!(versions[0].version, "2022-10");
        assert_eq!(versions[1].classes_from, start);
        assert_eq!(versions[1].version, name);
        assert!(versions[1].classes_offered_on(today));
    }
}

#[test]
fn every_pathway_is_taught_in_every_modality_and_offers_fifteen_hours() {
    let courses = demo_of(10, 1, TODAY).courses();
    for &pathway in Pathway::ALL {
        for &modality in Modality::ALL {
            assert!(
                courses.iter().any(|c| c.pathway == pathway
                    && c.modality == modality
                    && c.in_catalog_on(TODAY)),
                "{pathway} {modality}"
            );
        }
        // Enough hours in English alone to reach the pathway incentive.
        let english: u32 = courses
            .iter()
            .filter(|c| c.pathway == pathway && c.in_catalog_on(TODAY))
            .filter(|c| c.languages.iter().any(|l| l.as_str() == "en"))
            .map(|c| c.credit_hours.hundredths())
            .sum();
        assert!(
            Hours::from_hundredths(english) >= Hours::whole(15),
            "{pathway}"
        );
    }
    assert!(
        Category::ALL
            .iter()
            .all(|&c| Pathway::in_category(c).count() > 0)
    );
}

#[test]
fn courses_are_a_realistic_catalog() {
    let demo = demo_of(10, 1, TODAY);
    let courses = demo.courses();
    let sessions = demo.sessions();
    let vendors: HashSet<_> = demo.vendors().into_iter().map(|v| v.code).collect();
    assert!((55..=65).contains(&courses.len()));
    assert!((6..=10).contains(&vendors.len()));
    let numbers: HashSet<_> = courses.iter().map(|c| &c.number).collect();
    assert_eq!(numbers.len(), courses.len(), "course numbers are unique");
    for number in catalog::UNKNOWN_COURSE_NUMBERS {
        assert!(!numbers.contains(&CourseNumber::parse(number).unwrap()));
    }
    let program_year = demo.policy_versions()[1].classes_from;
    for c in &courses {
        assert!(vendors.contains(&c.vendor), "{}", c.number);
        assert!(c.number.as_str().starts_with(c.pathway.code()));
        assert!(
            Hours::from_hundredths(50) <= c.credit_hours && c.credit_hours <= Hours::whole(8),
            "{}",
            c.number
        );
        assert!(!c.languages.is_empty() && c.description.len() > 60 && !c.title.is_empty());
        if let (Some(p), Some(r)) = (c.published_on, c.retired_on) {
            assert!(p < r);
        }
        if c.registration_url.is_some() {
            assert!(!sessions.iter().any(|s| s.course == c.number));
        }
    }
    let count = |f: &dyn Fn(&Course) -> bool| courses.iter().filter(|c| f(c)).count();
    assert!((2..=3).contains(&count(&|c| c.retired_on.is_some())));
    assert!((1..=2).contains(&count(&|c| c.published_on.is_none())));
    assert!((3..=6).contains(&count(&|c| c.registration_url.is_some())));
    assert!(count(&|c| c.published_on.is_some_and(|p| p < program_year)) > courses.len() * 3 / 4);
    let speaks = |tag: &'static str| count(&|c| c.languages.iter().any(|l| l.as_str() == tag));
    assert!(speaks("en") > 40 && speaks("es") > 25 && speaks("zh-Hant") > 10);
    for tag in ["vi", "ko", "hy", "ru", "tl"] {
        assert!(speaks(tag) >= 2, "{tag}");
    }
    // Courses taught only in Spanish or Chinese are described in that language.
    for c in &courses {
        match c.languages.iter().map(|l| l.as_str()).collect::<Vec<_>>()[..] {
            ["es"] => assert!(!c.description.is_ascii(), "{}", c.number),
            ["zh-Hant"] => assert!(!c.title.is_ascii() && !c.description.is_ascii()),
            _ => assert!(c.title.is_ascii(), "{}", c.number),
        }
    }
}

#[test]
fn sessions_run_around_today_inside_their_course_time_in_the_catalog() {
    let demo = demo_of(10, 3, TODAY);
    let courses: HashMap<_, _> = demo
        .courses()
        .into_iter()
        .map(|c| (c.number.clone(), c))
        .collect();
    let sessions = demo.sessions();
    let ids: HashSet<_> = sessions.iter().map(|s| &s.id).collect();
    assert_eq!(ids.len(), sessions.len(), "session ids are unique");
    for s in &sessions {
        let course = &courses[&s.course];
        assert!(
            s.id.as_str().starts_with(&format!("{}-S", s.course)),
            "{}",
            s.id
        );
        assert!(s.starts_at < s.ends_at, "{}", s.id);
        assert!(course.in_catalog_on(s.starts_at.date()) && course.in_catalog_on(s.ends_at.date()));
        let from = TODAY - Duration::days(100);
        let to = TODAY + Duration::days(140);
        assert!(
            from <= s.starts_at.date() && s.ends_at.date() <= to,
            "{}",
            s.id
        );
        match course.modality {
            Modality::InPerson => {
                assert!(s.location.as_deref().is_some_and(|l| l.contains(", CA 9")));
                // The catalog's county search finds every in-person class (decision 0013).
                assert!(s.county().is_some(), "{:?}", s.location);
            }
            _ => assert_eq!(s.location, None),
        }
        if course.modality == Modality::SelfPaced {
            assert_eq!(s.capacity, None);
            assert!((s.ends_at.date() - s.starts_at.date()).whole_weeks() >= 4);
        } else {
            assert!(
                s.capacity.is_some_and(|c| (15..=40).contains(&c)),
                "{}",
                s.id
            );
            assert!((7..=21).contains(&s.starts_at.hour()), "{}", s.id);
        }
    }
    // Several per scheduled course, both past and future.
    for c in courses.values() {
        if c.in_catalog_on(TODAY) && c.registration_url.is_none() && c.retired_on.is_none() {
            let own: Vec<_> = sessions.iter().filter(|s| s.course == c.number).collect();
            assert!(own.len() >= 3, "{}", c.number);
            assert!(
                own.iter().any(|s| s.starts_at.date() > TODAY),
                "{}",
                c.number
            );
        }
    }
}

#[test]
fn every_county_has_two_or_three_realistic_wage_rates() {
    let rates = demo_of(10, 1, TODAY).wage_rates();
    for county in CountyCode::all() {
        let own: Vec<_> = rates.iter().filter(|r| r.county == county).collect();
        assert!((2..=3).contains(&own.len()), "{county}");
        assert!(
            own.windows(2)
                .all(|w| w[0].effective_from < w[1].effective_from
                    && w[0].hourly_rate <= w[1].hourly_rate)
        );
        for r in own {
            assert!((1650..=2400).contains(&r.hourly_rate.cents()), "{county}");
        }
        // A rate is in effect for every day of the program year so far.
        let start = demo_of(10, 1, TODAY).policy_versions()[1].classes_from;
        assert!(pathways_domain::entities::wage_rate_on(&rates, county, start).is_some());
    }
}

#[test]
fn providers_and_what_hangs_off_them_hold_the_invariants() {
    let demo = demo_of(5_000, 11, TODAY);
    let chunks = all_chunks(&demo, 700);
    let mut numbers = HashSet::new();
    let mut cases = HashSet::new();
    let mut counties: HashMap<CountyCode, u32> = HashMap::new();
    let mut languages: HashMap<String, u32> = HashMap::new();
    let mut statuses: HashMap<EnrollmentStatus, u32> = HashMap::new();
    let (mut lapsed, mut without_recipient, mut training) = (0, 0, 0);
    for chunk in &chunks {
        let own_cases: HashSet<&CaseNumber> =
            chunk.recipients.iter().map(|r| &r.case_number).collect();
        let mut assigned: HashMap<ProviderNumber, u32> = HashMap::new();
        for a in &chunk.assignments {
            assert!(own_cases.contains(&a.case_number));
            assert!(a.end_date.is_none_or(|e| a.start_date <= e && e < TODAY));
            *assigned.entry(a.provider).or_default() += 1;
        }
        for w in &chunk.work_hours {
            assert_eq!(w.week_start.weekday(), Weekday::Sunday);
            assert!(Hours::whole(5) <= w.hours && w.hours <= Hours::whole(60));
            assert!(w.week_start + Duration::days(6) < TODAY);
            assert!(TODAY - w.week_start < Duration::weeks(28));
            let assignment = chunk
                .assignments
                .iter()
                .find(|a| a.provider == w.provider && a.case_number == w.case_number)
                .expect("work hours belong to an assignment");
            assert!(assignment.active_on(w.week_start));
        }
        let attending: HashSet<ProviderNumber> =
            chunk.attendance.iter().map(|(_, r)| r.provider).collect();
        for p in &chunk.providers {
            assert!(numbers.insert(p.number), "{} is unique", p.number);
            assert!(p.number.as_i64() >= 100_000_000);
            assert!(p.phone.is_some() || p.email.is_some());
            if let Some(phone) = &p.phone {
                assert!(phone.len() == 14 && phone.contains(") 555-01"), "{phone}");
            }
            if let Some(email) = &p.email {
                assert!(
                    email.is_ascii()
                        && email.ends_with("@example.com")
                        && email.matches('.').count() >= 3
                );
            }
            if let (Some(enrolled), Some(paid)) = (p.enrolled_on, p.last_paid_on) {
                assert!(enrolled <= paid && paid < TODAY);
            }
            if p.last_paid_on
                .is_some_and(|paid| (TODAY - paid).whole_days() > 365)
            {
                lapsed += 1;
            }
            if !assigned.contains_key(&p.number) {
                without_recipient += 1;
            }
            training += u32::from(attending.contains(&p.number));
            *counties.entry(p.county).or_default() += 1;
            *languages.entry(p.language.to_string()).or_default() += 1;
            *statuses.entry(p.enrollment_status).or_default() += 1;
        }
        for r in &chunk.recipients {
            assert!(
                cases.insert(r.case_number.clone()),
                "{} is unique",
                r.case_number
            );
            let digits = &r.case_number.as_str()[1..];
            assert!(r.case_number.as_str().starts_with('C') && digits.len() == 7);
            assert!(digits.bytes().all(|b| b.is_ascii_digit()));
        }
    }
    assert_eq!(numbers.len(), 5_000);
    let share = |n: u32| f64::from(n) / 5_000.0;
    let la = counties[&CountyCode::new(19).unwrap()];
    assert!(
        counties.values().all(|&n| n <= la) && share(la) > 0.25,
        "Los Angeles leads"
    );
    assert!(counties.len() > 40);
    assert!(share(languages["en"]) > 0.45 && share(languages["es"]) > 0.2);
    for tag in ["zh-Hant", "vi", "ko", "hy", "ru", "tl"] {
        assert!(languages.get(tag).is_some_and(|&n| n > 10), "{tag}");
    }
    assert!(share(statuses[&EnrollmentStatus::Complete]) > 0.85);
    assert!(
        statuses[&EnrollmentStatus::Pending] > 50 && statuses[&EnrollmentStatus::Terminated] > 20
    );
    assert!(lapsed > 50, "a few providers have lapsed: {lapsed}");
    assert!(share(without_recipient) > 0.1 && share(without_recipient) < 0.3);
    assert!(
        (0.5..0.7).contains(&share(training)),
        "about 60% take training: {training}"
    );
}

/// Reference data over a whole demo, for the real verification rules.
struct Reference {
    enrollments: HashMap<ProviderNumber, Enrollment>,
    courses: HashMap<CourseNumber, CourseFacts>,
    sessions: HashMap<SessionId, SessionFacts>,
}

impl Reference {
    fn new(demo: &Demo, chunks: &[ProviderChunk]) -> Self {
        Self {
            enrollments: chunks
                .iter()
                .flat_map(|c| &c.providers)
                .map(|p| {
                    let enrollment = Enrollment {
                        status: p.enrollment_status,
                        enrolled_on: p.enrolled_on,
                        last_paid_on: p.last_paid_on,
                    };
                    (p.number, enrollment)
                })
                .collect(),
            courses: demo
                .courses()
                .into_iter()
                .map(|c| {
                    let facts = CourseFacts {
                        vendor: c.vendor,
                        published_on: c.published_on,
                        retired_on: c.retired_on,
                    };
                    (c.number, facts)
                })
                .collect(),
            sessions: demo
                .sessions()
                .into_iter()
                .map(|s| {
                    let facts = SessionFacts {
                        course: s.course,
                        starts_on: s.starts_at.date(),
                        ends_on: s.ends_at.date(),
                    };
                    (s.id, facts)
                })
                .collect(),
        }
    }
}

impl ReferenceData for Reference {
    fn enrollment(&self, provider: ProviderNumber) -> Option<Enrollment> {
        self.enrollments.get(&provider).copied()
    }
    fn course(&self, course: &CourseNumber) -> Option<&CourseFacts> {
        self.courses.get(course)
    }
    fn session(&self, session: &SessionId) -> Option<&SessionFacts> {
        self.sessions.get(session)
    }
}

/// Verifies every chunk as the demo loader does (each vendor's rows in the order given) and
/// returns, per chunk, each row's verdict.
fn verify_all(demo: &Demo, chunks: &[ProviderChunk]) -> Vec<Vec<Verdict>> {
    let reference = Reference::new(demo, chunks);
    let policy = PolicyBook::new(demo.policy_versions());
    let mut ledger = AttendanceLedger::default();
    chunks
        .iter()
        .map(|chunk| {
            let mut by_vendor: BTreeMap<&VendorCode, Vec<usize>> = BTreeMap::new();
            for (row, (vendor, _)) in chunk.attendance.iter().enumerate() {
                by_vendor.entry(vendor).or_default().push(row);
            }
            let mut verdicts = vec![None; chunk.attendance.len()];
            for (vendor, rows) in by_vendor {
                for row in rows {
                    let report = &chunk.attendance[row].1;
                    verdicts[row] = Some(ledger.check(report, vendor, &reference, &policy));
                }
            }
            verdicts.into_iter().map(Option::unwrap).collect()
        })
        .collect()
}

fn check_held_rows_are_exactly_the_crafted_ones(today: Date, require_every_reason: bool) {
    check_held_rows_with(demo_of(4_000, 5, today), today, require_every_reason);
}

fn check_held_rows_with(demo: Demo, today: Date, require_every_reason: bool) {
    let chunks = all_chunks(&demo, 1_000);
    let verdicts = verify_all(&demo, &chunks);
    let mut held: BTreeMap<HoldReason, usize> = BTreeMap::new();
    let mut rows = 0;
    for (chunk, verdicts) in chunks.iter().zip(&verdicts) {
        let crafted: HashMap<usize, HoldReason> = chunk
            .held_by_design
            .iter()
            .map(|h| (h.row, h.reason))
            .collect();
        assert_eq!(crafted.len(), chunk.held_by_design.len());
        for (row, verdict) in verdicts.iter().enumerate() {
            let (vendor, report) = &chunk.attendance[row];
            assert_eq!(
                verdict.hold_reason(),
                crafted.get(&row).copied(),
                "{today}: row {row} from {vendor}: {report:?}"
            );
            if let Some(reason) = verdict.hold_reason() {
                *held.entry(reason).or_default() += 1;
            }
        }
        rows += chunk.attendance.len();
    }
    if require_every_reason {
        for reason in HoldReason::ALL {
            assert!(
                held.get(reason).is_some_and(|&n| n >= 4),
                "{today}: {reason}: {held:?}"
            );
        }
        let share = held.values().sum::<usize>() as f64 / rows as f64;
        assert!(
            (0.015..0.04).contains(&share),
            "{today}: {share} of {rows} rows held"
        );
    }
}

#[test]
fn rows_crafted_to_be_held_get_their_reason_and_every_other_row_verifies() {
    check_held_rows_are_exactly_the_crafted_ones(TODAY, true);
    // Early in a program year that starts right after the real program's last class date.
    check_held_rows_are_exactly_the_crafted_ones(date!(2025 - 02 - 10), true);
    // On the program year's first days there is little room for training, but no row goes wrong.
    check_held_rows_are_exactly_the_crafted_ones(date!(2027 - 07 - 02), false);
}

#[test]
fn attendance_tells_realistic_stories() {
    let demo = demo_of(3_000, 2, TODAY);
    let chunks = all_chunks(&demo, 3_000);
    let verdicts = verify_all(&demo, &chunks);
    let courses: HashMap<_, _> = demo
        .courses()
        .into_iter()
        .map(|c| (c.number.clone(), c))
        .collect();
    let enrolled: HashMap<_, _> = chunks[0]
        .providers
        .iter()
        .map(|p| (p.number, p.enrolled_on))
        .collect();
    // Verified minutes and completions per provider and course, as DOMAIN.md §4 counts them.
    let mut minutes: HashMap<(ProviderNumber, CourseNumber), (u32, bool)> = HashMap::new();
    let mut with_session = 0;
    for ((_, report), verdict) in chunks[0].attendance.iter().zip(&verdicts[0]) {
        if verdict.hold_reason().is_some() {
            continue;
        }
        assert!(
            report.date < TODAY && enrolled[&report.provider].is_some_and(|e| e <= report.date)
        );
        assert_eq!(report.completed, report.certificate.is_some());
        with_session += usize::from(report.session.is_some());
        let entry = minutes
            .entry((report.provider, report.course.clone()))
            .or_default();
        entry.0 += report.minutes.get();
        entry.1 |= report.completed;
    }
    let mut pathway_minutes: HashMap<(ProviderNumber, Pathway), u32> = HashMap::new();
    for ((provider, course), (total, completed)) in &minutes {
        if *completed {
            let course = &courses[course];
            *pathway_minutes
                .entry((*provider, course.pathway))
                .or_default() += course.credit_hours.cap(Minutes(*total)).get();
        }
    }
    let qualified = pathway_minutes
        .values()
        .filter(|&&m| Hours::whole(15).reached_by(Minutes(m)))
        .count();
    assert!(
        qualified > 100,
        "providers reaching 15 hours in a pathway: {qualified}"
    );
    let multi_day = minutes
        .keys()
        .filter(|(_, c)| courses[c].credit_hours > Hours::whole(3))
        .count();
    assert!(multi_day > 100);
    assert!(
        with_session * 3 > chunks[0].attendance.len(),
        "most rows name a session"
    );
}

/// Times a state-scale demo. Run with
/// `cargo test --release -p pathways-app demo::tests::state_scale -- --ignored --nocapture`.
#[test]
#[ignore = "state scale: run in release mode"]
fn state_scale() {
    let started = std::time::Instant::now();
    let demo = demo_of(750_000, 1, TODAY);
    let mut totals = [0usize; 6];
    for chunk in demo.provider_chunks(5_000) {
        totals[0] += chunk.providers.len();
        totals[1] += chunk.recipients.len();
        totals[2] += chunk.assignments.len();
        totals[3] += chunk.work_hours.len();
        totals[4] += chunk.attendance.len();
        totals[5] += chunk.held_by_design.len();
    }
    println!(
        "{} providers, {} recipients, {} assignments, {} work hours, {} attendance ({} held by design) in {:.2?}",
        totals[0],
        totals[1],
        totals[2],
        totals[3],
        totals[4],
        totals[5],
        started.elapsed()
    );
    assert_eq!(totals[0], 750_000);
}

#[test]
fn a_state_scale_demo_has_two_thousand_courses_from_vendors_in_every_county() {
    let demo = demo_of(750_000, 1, TODAY);
    let courses = demo.courses();
    let sessions = demo.sessions();
    let vendors = demo.vendors();
    assert_eq!(courses.len(), 2_000);
    assert!(
        (18_000..=22_000).contains(&sessions.len()),
        "{} sessions",
        sessions.len()
    );
    assert!(
        (100..=120).contains(&vendors.len()),
        "{} vendors",
        vendors.len()
    );
    let numbers: HashSet<_> = courses.iter().map(|c| &c.number).collect();
    assert_eq!(numbers.len(), courses.len(), "course numbers are unique");
    for number in catalog::UNKNOWN_COURSE_NUMBERS {
        assert!(!numbers.contains(&CourseNumber::parse(number).unwrap()));
    }
    let ids: HashSet<_> = sessions.iter().map(|s| &s.id).collect();
    assert_eq!(ids.len(), sessions.len(), "session ids are unique");
    let vendor_codes: HashSet<_> = vendors.iter().map(|v| &v.code).collect();
    assert_eq!(vendor_codes.len(), vendors.len(), "vendor codes are unique");

    // Classes in person in every county, each found by its ZIP code.
    let mut counties = HashSet::new();
    for s in sessions.iter().filter(|s| s.location.is_some()) {
        let county = s.county();
        assert!(county.is_some(), "{:?}", s.location);
        counties.extend(county);
    }
    assert_eq!(counties.len(), 58, "{counties:?}");

    // Titles and descriptions in the three catalog languages, varied.
    let only = |tag: &str| {
        courses
            .iter()
            .filter(|c| c.languages.len() == 1 && c.languages[0].as_str() == tag)
            .count()
    };
    assert!(only("en") > 800 && only("es") > 300 && only("zh-Hant") > 150);
    let titles: HashSet<_> = courses.iter().map(|c| &c.title).collect();
    assert!(titles.len() > 300, "{} different titles", titles.len());
    let descriptions: HashSet<_> = courses.iter().map(|c| &c.description).collect();
    assert!(descriptions.len() > 1_000);
    for c in &courses {
        assert!(c.number.as_str().starts_with(c.pathway.code()));
        assert!(Hours::from_hundredths(50) <= c.credit_hours && c.credit_hours <= Hours::whole(8));
        match c.languages.iter().map(|l| l.as_str()).collect::<Vec<_>>()[..] {
            ["es"] => assert!(!c.description.is_ascii(), "{}", c.number),
            ["zh-Hant"] => assert!(!c.title.is_ascii() && !c.description.is_ascii()),
            _ => assert!(c.title.is_ascii(), "{}", c.number),
        }
        if c.registration_url.is_some() {
            assert!(!sessions.iter().any(|s| s.course == c.number));
        }
    }
    for &pathway in Pathway::ALL {
        for &modality in Modality::ALL {
            let n = courses
                .iter()
                .filter(|c| {
                    c.pathway == pathway && c.modality == modality && c.in_catalog_on(TODAY)
                })
                .count();
            assert!(n > 20, "{pathway} {modality}: {n}");
        }
    }

    // The same options give the same catalog; another seed another.
    let again = demo_of(750_000, 1, TODAY);
    assert_eq!(again.courses(), courses);
    assert_eq!(again.sessions(), sessions);
    assert_ne!(demo_of(750_000, 2, TODAY).courses(), courses);
}

#[test]
fn the_number_of_courses_can_be_chosen_and_never_drops_below_the_hand_written_ones() {
    let with = |providers, courses| {
        Demo::new(DemoOptions {
            providers,
            seed: 1,
            today: TODAY,
            courses,
        })
        .courses()
        .len()
    };
    assert_eq!(with(2_000, None), 60, "the small demo keeps its catalog");
    assert_eq!(with(22_500, None), 60);
    assert_eq!(with(75_000, None), 200);
    assert_eq!(with(10, Some(300)), 300);
    assert_eq!(with(750_000, Some(10)), 60);
    // The hand-written courses come first and do not change.
    let small = demo_of(10, 1, TODAY);
    let large = demo_of(750_000, 1, TODAY);
    assert_eq!(large.courses()[..60], small.courses()[..]);
}

#[test]
fn attendance_for_a_larger_catalog_holds_exactly_the_crafted_rows() {
    let demo = Demo::new(DemoOptions {
        providers: 3_000,
        seed: 5,
        today: TODAY,
        courses: Some(400),
    });
    check_held_rows_with(demo, TODAY, false);
}

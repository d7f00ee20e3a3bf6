//! Loads the demo program into a database through the same paths as real data: reference
//! records by upsert, attendance through verification, so the demo shows held records with the
//! reasons real files would get.

use std::collections::BTreeMap;

use pathways_domain::entities::AttendanceReport;
use pathways_domain::ids::VendorCode;
use pathways_domain::policy::PolicyBook;
use pathways_store::{Batch, Store};

use crate::demo::Demo;
use crate::import::{AttendanceJudge, ImportError, ImportKind, ImportSummary};

/// Providers loaded per transaction.
pub const PROVIDERS_PER_CHUNK: usize = 5_000;

/// Told how many providers have been loaded.
pub trait SeedProgress: Send + Sync {
    fn providers_loaded(&self, loaded: u64);
}

#[derive(Debug, Default)]
pub struct NoSeedProgress;

impl SeedProgress for NoSeedProgress {
    fn providers_loaded(&self, _loaded: u64) {}
}

/// Loads `demo`; loading the same demo again changes nothing.
pub async fn load_demo(
    store: &dyn Store,
    demo: &Demo,
    progress: &dyn SeedProgress,
) -> Result<ImportSummary, ImportError> {
    for version in demo.policy_versions() {
        store.add_policy_version(&version).await?;
    }
    let policy = PolicyBook::new(store.policy_versions().await?);

    let mut tx = store.begin_import().await?;
    tx.upsert(&Batch::WageRates(demo.wage_rates())).await?;
    tx.upsert(&Batch::Vendors(demo.vendors())).await?;
    tx.upsert(&Batch::Courses(demo.courses())).await?;
    tx.upsert(&Batch::Sessions(demo.sessions())).await?;
    tx.append_audit(&crate::access::Caller::command_line().audit(
        "demo.load",
        "import",
        "demo",
        None,
        Some(serde_json::json!({
            "providers": demo.provider_count(),
            "vendors": demo.vendors().len(),
            "courses": demo.courses().len(),
            "sessions": demo.sessions().len(),
        })),
    ))
    .await?;
    tx.commit().await?;

    // Careers the program has already written (or changed) are left as they are.
    for career in demo.careers() {
        if store.career(&career.slug).await?.is_none() {
            let audit = crate::access::Caller::command_line().audit(
                "career.create",
                "career",
                career.slug.as_str(),
                None,
                crate::access::audit_value(&career),
            );
            // Another loader may have written it a moment ago: either way, it is there.
            let _taken = store.create_career(&career, &audit).await?;
        }
    }

    let mut attendance = ImportSummary {
        kind: Some(ImportKind::Attendance),
        ..Default::default()
    };
    let mut loaded = 0u64;
    for chunk in demo.provider_chunks(PROVIDERS_PER_CHUNK) {
        loaded += chunk.providers.len() as u64;
        let mut tx = store.begin_import().await?;
        tx.upsert(&Batch::Providers(chunk.providers)).await?;
        tx.upsert(&Batch::Recipients(chunk.recipients)).await?;
        tx.upsert(&Batch::Assignments(chunk.assignments)).await?;
        tx.upsert(&Batch::WorkHours(chunk.work_hours)).await?;
        // Each vendor reports its own file; within it, rows keep their generated order.
        let mut by_vendor: BTreeMap<VendorCode, Vec<(u64, AttendanceReport)>> = BTreeMap::new();
        for (vendor, report) in chunk.attendance {
            let rows = by_vendor.entry(vendor).or_default();
            let line = rows.len() as u64 + 2;
            rows.push((line, report));
        }
        let mut judge = AttendanceJudge::new(&mut *tx, policy.clone()).await?;
        for (vendor, reports) in &by_vendor {
            attendance.rows += reports.len() as u64;
            for part in reports.chunks(5_000) {
                judge.judge(&mut *tx, vendor, part, &mut attendance).await?;
            }
        }
        tx.commit().await?;
        progress.providers_loaded(loaded);
    }
    // The demo writes through the store, not `import_csv`, so it refreshes the planner's
    // statistics itself: straight after a state-scale load PostgreSQL otherwise read a
    // provider's assignments by full scans until autovacuum caught up.
    for table in pathways_store::PROGRAM_TABLES {
        store.refresh_statistics(table).await?;
    }
    Ok(attendance)
}

/// A demo sign-in, printed by `pathways serve --demo` so a person trying Pathways can see each
/// role's pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoSignIn {
    pub role: pathways_domain::access::Role,
    /// An email, or a provider number for the provider.
    pub login: String,
    pub password: &'static str,
    /// What the account is tied to (vendor, county), for the printout.
    pub note: String,
}

/// The password of every demo account. Public by design: demo data only.
pub const DEMO_PASSWORD: &str = "sunflower harbor lantern 2026";

/// Creates one account per role on the loaded demo (a program admin, the service desk, a
/// coach, county staff of the first demo provider's county, staff of the first vendor, and that
/// provider), unless they exist; returns their sign-ins. Safe to run again.
pub async fn demo_sign_ins(
    accounts: &crate::accounts::Accounts,
    store: &dyn Store,
    demo: &Demo,
) -> Result<Vec<DemoSignIn>, crate::accounts::AccountError> {
    use pathways_domain::access::Role;

    use crate::accounts::NewStaff;
    use crate::i18n::Locale;

    let caller = crate::access::Caller::command_line();
    let provider = demo
        .provider_chunks(1)
        .next()
        .and_then(|c| c.providers.into_iter().next());
    let vendor = demo.vendors().into_iter().next().map(|v| v.code);
    let county = provider.as_ref().map(|p| p.county);
    let staff = [
        (
            Role::ProgramAdmin,
            "admin@pathways.example",
            "Alex Rivera",
            None,
            None,
        ),
        (
            Role::ServiceDesk,
            "desk@pathways.example",
            "Sam Chen",
            None,
            None,
        ),
        (
            Role::Coach,
            "coach@pathways.example",
            "Rosa Martinez",
            None,
            None,
        ),
        (
            Role::CountyStaff,
            "county@pathways.example",
            "Jordan Lee",
            None,
            county,
        ),
        (
            Role::VendorStaff,
            "vendor@pathways.example",
            "Taylor Nguyen",
            vendor.clone(),
            None,
        ),
    ];
    let mut sign_ins = Vec::new();
    for (role, email, name, vendor, county) in staff {
        if role == Role::VendorStaff && vendor.is_none()
            || role == Role::CountyStaff && county.is_none()
        {
            continue;
        }
        if store.account_by_email(email).await?.is_none() {
            accounts
                .create_staff(
                    &caller,
                    &NewStaff {
                        role,
                        email: email.to_owned(),
                        display_name: name.to_owned(),
                        vendor: vendor.clone(),
                        county,
                        locale: Locale::En,
                        password: Some(DEMO_PASSWORD.to_owned()),
                    },
                )
                .await?;
        }
        let note = match (&vendor, county) {
            (Some(v), _) => format!("vendor {v}"),
            (_, Some(c)) => format!("county {} {}", c, c.name()),
            _ => String::new(),
        };
        sign_ins.push(DemoSignIn {
            role,
            login: email.to_owned(),
            password: DEMO_PASSWORD,
            note,
        });
    }
    if let Some(provider) = provider {
        if store.account_by_provider(provider.number).await?.is_none() {
            accounts
                .create_provider_account(&caller, provider.number, DEMO_PASSWORD, Locale::En)
                .await?;
        }
        sign_ins.push(DemoSignIn {
            role: Role::Provider,
            login: provider.number.to_string(),
            password: DEMO_PASSWORD,
            note: format!(
                "{} {}, county {}",
                provider.first_name,
                provider.last_name,
                provider.county.name()
            ),
        });
    }
    Ok(sign_ins)
}

/// The demo's coaches and their weekly hours, unless there are coaches already: a Spanish and
/// English speaker on every topic (the demo coach's own sign-in, when it exists), a Chinese and
/// English speaker, an English speaker and a Spanish speaker for payments and the catalog.
/// Returns how many were added.
pub async fn demo_coaches(
    store: std::sync::Arc<dyn Store>,
) -> Result<usize, crate::coaching::CoachingError> {
    use pathways_domain::coaching::{Availability, HelpTopic, WeeklyHours};
    use time::{Time, Weekday};

    if !store.coaches().await?.is_empty() {
        return Ok(0);
    }
    let coaching = crate::coaching::Coaching::new(store.clone(), Default::default());
    let caller = crate::access::Caller::command_line();
    let rosa = store
        .account_by_email("coach@pathways.example")
        .await?
        .map(|a| a.id);
    let everything = HelpTopic::ALL.to_vec();
    let coaches = [
        (
            "Rosa Martinez",
            vec!["es", "en"],
            everything.clone(),
            rosa,
            (9, 12),
            (13, 17),
        ),
        (
            "Wei Chen",
            vec!["zh-Hant", "en"],
            vec![
                HelpTopic::Catalog,
                HelpTopic::Payments,
                HelpTopic::ClassTechnology,
            ],
            None,
            (8, 12),
            (13, 16),
        ),
        (
            "Jamie Brooks",
            vec!["en"],
            everything,
            None,
            (10, 12),
            (14, 18),
        ),
        (
            "Ana Torres",
            vec!["es"],
            vec![HelpTopic::Payments, HelpTopic::Catalog],
            None,
            (16, 18),
            (18, 20),
        ),
    ];
    let clock = |hour: u8| Time::from_hms(hour, 0, 0).unwrap_or(Time::MIDNIGHT);
    for (name, languages, topics, account, morning, afternoon) in &coaches {
        let id = coaching
            .add_coach(
                &caller,
                &pathways_store::NewCoach {
                    name: (*name).to_owned(),
                    languages: languages.iter().map(|l| (*l).to_owned()).collect(),
                    topics: topics.clone(),
                    account: *account,
                },
            )
            .await?;
        let weekdays = [
            Weekday::Monday,
            Weekday::Tuesday,
            Weekday::Wednesday,
            Weekday::Thursday,
            Weekday::Friday,
        ];
        let hours = weekdays
            .iter()
            .flat_map(|day| {
                [*morning, *afternoon].map(|(from, until)| WeeklyHours {
                    weekday: *day,
                    start: clock(from),
                    end: clock(until),
                })
            })
            .collect();
        let availability = Availability::new(hours, Vec::new())
            .map_err(|_| crate::coaching::CoachingError::IncompleteCoach)?;
        coaching.publish_hours(&caller, id, &availability).await?;
        if *name == "Rosa Martinez" {
            coaching
                .set_meeting_link(&caller, id, "https://meet.pathways.example/rosa-martinez")
                .await?;
        }
    }
    Ok(coaches.len())
}

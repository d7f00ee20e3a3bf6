//! `pathways bench registrations`: 1,000 providers asking at once for the 25 seats of one
//! session, on a fresh database: how long until every request is answered, and whether exactly
//! the seats were filled.

use std::process::ExitCode;
use std::time::Instant;

use pathways_app::access::Caller;
use pathways_app::registrations::Registrations;
use pathways_domain::access::Actor;
use pathways_domain::calendar::{program_now, program_today};
use pathways_domain::entities::{Course, Provider, Session, Vendor};
use pathways_domain::ids::{CountyCode, CourseNumber, ProviderNumber, SessionId, VendorCode};
use pathways_domain::pathway::{EnrollmentStatus, LanguageTag, Modality, Pathway};
use pathways_domain::policy::PolicyVersion;
use pathways_domain::quantity::Hours;
use pathways_store::{Batch, RegisterOutcome, Store};
use time::Duration;

pub async fn run(
    requests: u32,
    seats: u32,
    postgres_url: Option<String>,
) -> anyhow::Result<ExitCode> {
    let (store, cleanup) = match &postgres_url {
        Some(url) => {
            let (store, name) = super::bench::fresh_postgres(url).await?;
            (store, Some((url.clone(), name)))
        }
        None => {
            let path = std::env::temp_dir().join(format!(
                "pathways-bench-registrations-{}.db",
                std::process::id()
            ));
            let _ = std::fs::remove_file(&path);
            (
                super::open(&format!("sqlite://{}", path.display())).await?,
                None,
            )
        }
    };
    seed(store.as_ref(), requests, seats).await?;
    let registrations = Registrations::new(store.clone());
    let session = SessionId::parse("BENCH-1")?;
    let started = Instant::now();
    let mut tasks = Vec::new();
    for n in 1..=requests {
        let registrations = registrations.clone();
        let session = session.clone();
        tasks.push(tokio::spawn(async move {
            let provider = provider_number(n);
            let caller = Caller {
                actor: Actor::Provider { provider },
                account: None,
                label: format!("bench provider {n}"),
            };
            registrations.register(&caller, provider, &session).await
        }));
    }
    let (mut registered, mut waitlisted, mut failed) = (0u32, 0u32, 0u32);
    for task in tasks {
        match task.await? {
            Ok(RegisterOutcome::Registered) => registered += 1,
            Ok(RegisterOutcome::Waitlisted { .. }) => waitlisted += 1,
            _ => failed += 1,
        }
    }
    let elapsed = started.elapsed();
    let backend = if postgres_url.is_some() {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    println!(
        "{requests} concurrent registrations for {seats} seats on {backend}: {:.2} s (target < 5 s); \
         {registered} registered, {waitlisted} waitlisted, {failed} failed",
        elapsed.as_secs_f64()
    );
    if let Some((url, name)) = cleanup {
        drop(registrations);
        drop(store);
        super::bench::drop_postgres(&url, &name).await?;
    }
    let exact = registered == seats.min(requests) && failed == 0;
    Ok(if exact {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn provider_number(n: u32) -> ProviderNumber {
    ProviderNumber::parse(&format!("{:09}", 300_000_000 + n)).expect("a valid provider number")
}

async fn seed(store: &dyn Store, providers: u32, seats: u32) -> anyhow::Result<()> {
    let today = program_today();
    store
        .add_policy_version(&PolicyVersion::program_year(
            "bench",
            today - Duration::days(30),
        ))
        .await?;
    let vendor = VendorCode::parse("BENCH")?;
    let course = CourseNumber::parse("BENCH-101")?;
    let starts = program_now().replace_nanosecond(0)? + Duration::days(14);
    let mut tx = store.begin_import().await?;
    tx.upsert(&Batch::Vendors(vec![Vendor {
        code: vendor.clone(),
        name: "Bench College".into(),
        email: "bench@example.org".into(),
        phone: "(916) 555-0100".into(),
        website: "https://bench.example.org".into(),
    }]))
    .await?;
    tx.upsert(&Batch::Courses(vec![Course {
        number: course.clone(),
        vendor,
        pathway: Pathway::GeneralHealthAndSafety,
        title: "Bench course".into(),
        credit_hours: Hours::whole(3),
        modality: Modality::InPerson,
        languages: vec![LanguageTag::parse("en")?],
        published_on: Some(today - Duration::days(60)),
        retired_on: None,
        registration_url: None,
        description: "A course for the registration benchmark.".into(),
    }]))
    .await?;
    tx.upsert(&Batch::Sessions(vec![Session {
        id: SessionId::parse("BENCH-1")?,
        course,
        starts_at: starts,
        ends_at: starts + Duration::hours(3),
        location: Some("1 Main St".into()),
        capacity: Some(seats),
    }]))
    .await?;
    let county = CountyCode::new(34).ok_or_else(|| anyhow::anyhow!("county 34"))?;
    let people: Vec<Provider> = (1..=providers)
        .map(|n| Provider {
            number: provider_number(n),
            first_name: "Bench".into(),
            last_name: format!("Provider{n}"),
            county,
            enrollment_status: EnrollmentStatus::Complete,
            enrolled_on: Some(today - Duration::days(400)),
            last_paid_on: Some(today - Duration::days(10)),
            language: LanguageTag::parse("en").expect("en"),
            phone: None,
            email: Some(format!("p{n}@bench.example.org")),
        })
        .collect();
    tx.upsert(&Batch::Providers(people)).await?;
    tx.commit().await?;
    Ok(())
}

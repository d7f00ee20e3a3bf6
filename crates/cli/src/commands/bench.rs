//! `pathways bench`: measurements that print figures (never timed unit tests).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use pathways_app::import::{ImportKind, NoProgress, import_csv};
use pathways_domain::entities::{Course, Provider, Vendor};
use pathways_domain::error::format_date;
use pathways_domain::ids::{CountyCode, CourseNumber, ProviderNumber, VendorCode};
use pathways_domain::pathway::{EnrollmentStatus, LanguageTag, Modality, Pathway};
use pathways_domain::quantity::Hours;
use pathways_store::{Batch, Store};
use time::macros::date;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    bench: Bench,
}

#[derive(Debug, clap::Subcommand)]
enum Bench {
    /// Import an attendance file with full verification, beside the sqlite3 shell's `.import`
    /// of the same file into a bare table, and (with --postgres-url) into PostgreSQL.
    ImportAttendance {
        /// Attendance rows in the generated file.
        #[arg(long, default_value_t = 1_000_000)]
        rows: u32,
        /// Providers the rows are spread over.
        #[arg(long, default_value_t = 100_000)]
        providers: u32,
        /// Also measure PostgreSQL, on a fresh database created on this server.
        #[arg(long, env = "PATHWAYS_BENCH_POSTGRES_URL")]
        postgres_url: Option<String>,
        /// Where the generated file and databases go (a new temporary folder by default).
        #[arg(long)]
        dir: Option<PathBuf>,
        /// Rows in random date order instead of date order (as a vendor's file sorted by
        /// provider would be).
        #[arg(long)]
        shuffled: bool,
    },
    /// Time sign-in, and what a signed-in request adds to an anonymous one (session lookup and
    /// authorization; the target is at most 1 ms).
    Session {
        /// Requests timed for each figure.
        #[arg(long, default_value_t = 2_000)]
        requests: u32,
        /// Where the SQLite database goes (a temporary folder by default).
        #[arg(long)]
        dir: Option<PathBuf>,
        /// Measure PostgreSQL instead, on a fresh database created on this server.
        #[arg(long, env = "PATHWAYS_BENCH_POSTGRES_URL")]
        postgres_url: Option<String>,
    },
    /// 1,000 providers registering at once for one session's 25 seats (target: under 5 s, exactly
    /// the seats filled).
    Registrations {
        #[arg(long, default_value_t = 1_000)]
        requests: u32,
        #[arg(long, default_value_t = 25)]
        seats: u32,
        /// Measure PostgreSQL instead, on a fresh database created on this server.
        #[arg(long, env = "PATHWAYS_BENCH_POSTGRES_URL")]
        postgres_url: Option<String>,
    },
    /// The whole-state incentive evaluation on the database of --database-url (for example
    /// the state-scale demo), beside the database's shell computing the two aggregates the
    /// rules need (targets: at most 10 s, 1 GiB, and 1.5 times the shell).
    Incentives {
        /// The date to evaluate on (YYYY-MM-DD).
        #[arg(long, value_parser = super::incentives::parse_date)]
        as_of: time::Date,
        /// Rounds to run; the best time of each side is reported.
        #[arg(long, default_value_t = 1)]
        rounds: u32,
    },
    /// Create and export a payroll batch of a million approved payments on a scratch SQLite
    /// database, beside the sqlite3 shell writing the same columns of the same rows to a CSV
    /// file (targets: at most 2 times the shell, 300 MiB).
    Payroll {
        #[arg(long, default_value_t = 1_000_000)]
        payments: u32,
        /// Where the scratch database and files go (a temporary folder by default).
        #[arg(long)]
        dir: Option<PathBuf>,
    },
    /// Approve in bulk 100,000 submitted claims that pass every rule, on a scratch SQLite
    /// database (target: under 10 s).
    Approvals {
        #[arg(long, default_value_t = 100_000)]
        claims: u32,
        #[arg(long)]
        dir: Option<PathBuf>,
    },
    /// Find open coaching times for a topic and a language across 200 coaches with a month of
    /// hours and bookings, at a steady rate (target: p99 under 50 ms at 200 requests a second).
    Coaching {
        #[arg(long, default_value_t = 200)]
        coaches: u32,
        /// Requests a second.
        #[arg(long, default_value_t = 200)]
        rate: u32,
        #[arg(long, default_value_t = 10)]
        seconds: u32,
    },
    /// Time one argon2id password hash at the production cost (sign-in should take 50–200 ms).
    PasswordHash {
        /// How many hashes to time.
        #[arg(long, default_value_t = 20)]
        rounds: u32,
    },
}

pub async fn run(database_url: &str, args: Args) -> anyhow::Result<ExitCode> {
    match args.bench {
        Bench::Incentives { as_of, rounds } => {
            let store = super::open(database_url).await?;
            super::bench_incentives::run(database_url, store, as_of, rounds).await
        }
        Bench::ImportAttendance {
            rows,
            providers,
            postgres_url,
            dir,
            shuffled,
        } => import_attendance(rows, providers, postgres_url, dir, shuffled).await,
        Bench::PasswordHash { rounds } => password_hash(rounds),
        Bench::Coaching {
            coaches,
            rate,
            seconds,
        } => super::bench_coaching::run(coaches, rate, seconds).await,
        Bench::Payroll { payments, dir } => super::bench_payroll::payroll(payments, dir).await,
        Bench::Approvals { claims, dir } => super::bench_payroll::approvals(claims, dir).await,
        Bench::Registrations {
            requests,
            seats,
            postgres_url,
        } => super::bench_registrations::run(requests, seats, postgres_url).await,
        Bench::Session {
            requests,
            dir,
            postgres_url,
        } => super::bench_session::run(requests, dir, postgres_url).await,
    }
}

fn password_hash(rounds: u32) -> anyhow::Result<ExitCode> {
    use pathways_app::accounts::password::{HashCost, PasswordHashing};
    let cost = HashCost::default();
    let hashing = PasswordHashing::new(cost)?;
    let mut times: Vec<Duration> = Vec::new();
    let mut stored = hashing.hash("purple tortilla under the bridge")?;
    for _ in 0..rounds.max(1) {
        let started = Instant::now();
        stored = hashing.hash("purple tortilla under the bridge")?;
        times.push(started.elapsed());
    }
    let started = Instant::now();
    let verified = hashing.verify("purple tortilla under the bridge", &stored);
    let verify = started.elapsed();
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "argon2id m={} KiB t={} p={}: hash median {:.0} ms (min {:.0}, max {:.0}) over {} rounds; verify {:.0} ms ({verified}); target 50–200 ms",
        cost.memory_kib,
        cost.iterations,
        cost.parallelism,
        ms(times[times.len() / 2]),
        ms(times[0]),
        ms(times[times.len() - 1]),
        times.len(),
        ms(verify)
    );
    Ok(ExitCode::SUCCESS)
}

async fn import_attendance(
    rows: u32,
    providers: u32,
    postgres_url: Option<String>,
    dir: Option<PathBuf>,
    shuffled: bool,
) -> anyhow::Result<ExitCode> {
    let dir = dir.unwrap_or_else(|| {
        std::env::temp_dir().join(format!("pathways-bench-{}", std::process::id()))
    });
    std::fs::create_dir_all(&dir)?;
    let csv = dir.join("attendance.csv");
    let started = Instant::now();
    write_attendance_file(&csv, rows, providers, shuffled)?;
    println!(
        "generated {rows} attendance rows over {providers} providers in {:.1} s ({} MiB)",
        started.elapsed().as_secs_f64(),
        std::fs::metadata(&csv)?.len() >> 20
    );

    let baseline = sqlite3_import(&dir, &csv)?;
    println!(
        "sqlite3 .import into a bare table:      {:>7.2} s",
        baseline.as_secs_f64()
    );

    let db = dir.join("pathways-bench.db");
    remove_sqlite(&db);
    let store = super::open(&format!("sqlite://{}", db.display())).await?;
    load_reference(store.as_ref(), providers).await?;
    let (ours, summary) = timed_import(store.as_ref(), &csv).await?;
    let ratio = ours.as_secs_f64() / baseline.as_secs_f64();
    println!(
        "pathways import attendance (SQLite):   {:>7.2} s  {:>9.0} rows/s  ratio to sqlite3 {ratio:.2} (target ≤ 1.0, > 2.0 falls short)",
        ours.as_secs_f64(),
        f64::from(rows) / ours.as_secs_f64()
    );
    println!("  {summary}");
    drop(store);
    remove_sqlite(&db);

    if let Some(url) = postgres_url {
        let (store, name) = fresh_postgres(&url).await?;
        load_reference(store.as_ref(), providers).await?;
        let (took, summary) = timed_import(store.as_ref(), &csv).await?;
        println!(
            "pathways import attendance (PostgreSQL): {:>5.2} s  {:>9.0} rows/s (target ≥ 200,000 rows/s)",
            took.as_secs_f64(),
            f64::from(rows) / took.as_secs_f64()
        );
        println!("  {summary}");
        drop(store);
        drop_postgres(&url, &name).await?;
    }
    if let Some(peak) = peak_memory_kib() {
        println!(
            "peak memory of this process (VmHWM): {} MiB (target ≤ 200 MiB)",
            peak / 1024
        );
    }
    let _ = std::fs::remove_file(&csv);
    let _ = std::fs::remove_file(dir.join("bare.db"));
    let _ = std::fs::remove_dir(&dir);
    Ok(ExitCode::SUCCESS)
}

pub(crate) const VENDOR: &str = "BENCH";

/// The courses of the benchmark program: twelve per pathway.
fn courses() -> Vec<Course> {
    Pathway::ALL
        .iter()
        .flat_map(|&pathway| {
            (1..=12).map(move |n| Course {
                number: CourseNumber::parse(&format!("{}-{n:03}", pathway.code())).expect("valid"),
                vendor: VendorCode::parse(VENDOR).expect("valid"),
                pathway,
                title: format!("{} course {n}", pathway.code()),
                credit_hours: Hours::whole(8),
                modality: Modality::ALL[n % 3],
                languages: vec![LanguageTag::parse("en").expect("valid")],
                published_on: Some(date!(2022 - 10 - 01)),
                retired_on: None,
                registration_url: None,
                description: "Benchmark course.".into(),
            })
        })
        .collect()
}

pub(crate) fn provider_number(i: u32) -> ProviderNumber {
    ProviderNumber::from_i64(i64::from(200_000_000 + i)).expect("nine digits")
}

pub(crate) async fn load_reference(store: &dyn Store, providers: u32) -> anyhow::Result<()> {
    let mut tx = store.begin_import().await?;
    tx.upsert(&Batch::Vendors(vec![Vendor {
        code: VendorCode::parse(VENDOR)?,
        name: "Benchmark Training".into(),
        email: "bench@example.org".into(),
        phone: "(916) 555-0100".into(),
        website: "https://bench.example.org".into(),
    }]))
    .await?;
    tx.upsert(&Batch::Courses(courses())).await?;
    let county = CountyCode::new(34).expect("valid");
    let language = LanguageTag::parse("en")?;
    for start in (0..providers).step_by(10_000) {
        let batch: Vec<Provider> = (start..providers.min(start + 10_000))
            .map(|i| Provider {
                number: provider_number(i),
                first_name: "Bench".into(),
                last_name: format!("Provider{i}"),
                county,
                enrollment_status: EnrollmentStatus::Complete,
                enrolled_on: Some(date!(2022 - 01 - 01)),
                last_paid_on: None,
                language: language.clone(),
                phone: None,
                email: None,
            })
            .collect();
        tx.upsert(&Batch::Providers(batch)).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// A vendor's attendance file as a large vendor would send it: rows in date order, each a
/// provider attending a course, some completing it; a few land on keys already reported.
fn write_attendance_file(
    path: &Path,
    rows: u32,
    providers: u32,
    shuffled: bool,
) -> anyhow::Result<()> {
    let courses = courses();
    let mut rng = fastrand::Rng::with_seed(2026);
    let mut out = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(path)?);
    writeln!(
        out,
        "provider_number,course_number,session_id,date,minutes,completed,certificate_number"
    )?;
    let first = date!(2022 - 10 - 03);
    let days = 700u32;
    for i in 0..rows {
        let offset = if shuffled {
            u64::from(rng.u32(..days))
        } else {
            u64::from(i) * u64::from(days) / u64::from(rows.max(1))
        };
        let day = first + time::Duration::days(i64::try_from(offset).unwrap_or_default());
        let course = &courses[rng.usize(..courses.len())];
        let minutes = 30 * rng.u32(1..=8);
        let completed = rng.u8(..10) == 0;
        write!(
            out,
            "{},{},,{},{minutes},{completed},",
            provider_number(rng.u32(..providers.max(1))),
            course.number,
            format_date(day)
        )?;
        if completed {
            write!(out, "C-{i}")?;
        }
        writeln!(out)?;
    }
    out.flush()?;
    Ok(())
}

async fn timed_import(
    store: &dyn Store,
    csv: &Path,
) -> anyhow::Result<(Duration, pathways_app::import::ImportSummary)> {
    let vendor = VendorCode::parse(VENDOR)?;
    let started = Instant::now();
    let input = std::io::BufReader::with_capacity(1 << 20, std::fs::File::open(csv)?);
    let summary = import_csv(
        store,
        ImportKind::Attendance,
        Some(&vendor),
        input,
        &NoProgress,
    )
    .await?;
    Ok((started.elapsed(), summary))
}

/// The sqlite3 shell's own `.import` of the same file into a bare table, timed from process
/// start to exit.
fn sqlite3_import(dir: &Path, csv: &Path) -> anyhow::Result<Duration> {
    let bare = dir.join("bare.db");
    remove_sqlite(&bare);
    let script = format!(
        "CREATE TABLE attendance(provider_number, course_number, session_id, date, minutes, completed, certificate_number);\n.import --csv --skip 1 {} attendance\n",
        csv.display()
    );
    let started = Instant::now();
    let mut child = Command::new("sqlite3")
        .arg(&bare)
        .stdin(Stdio::piped())
        .spawn()
        .context("the sqlite3 shell is needed for the baseline (apt-get install sqlite3)")?;
    child
        .stdin
        .take()
        .context("sqlite3 stdin")?
        .write_all(script.as_bytes())?;
    let status = child.wait()?;
    let took = started.elapsed();
    if !status.success() {
        bail!("sqlite3 .import failed: {status}");
    }
    remove_sqlite(&bare);
    Ok(took)
}

fn remove_sqlite(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(p);
    }
}

pub(crate) async fn fresh_postgres(
    url: &str,
) -> anyhow::Result<(std::sync::Arc<dyn Store>, String)> {
    use sqlx::Connection;
    let name = format!("pathways_bench_{}", std::process::id());
    let mut admin = sqlx::PgConnection::connect(url).await?;
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "DROP DATABASE IF EXISTS {name}"
    )))
    .execute(&mut admin)
    .await?;
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut admin)
        .await?;
    admin.close().await?;
    let base = url.rsplit_once('/').map_or(url, |(b, _)| b);
    let store = super::open(&format!("{base}/{name}")).await?;
    Ok((store, name))
}

pub(crate) async fn drop_postgres(url: &str, name: &str) -> anyhow::Result<()> {
    use sqlx::Connection;
    let mut admin = sqlx::PgConnection::connect(url).await?;
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
    )))
    .execute(&mut admin)
    .await?;
    Ok(())
}

/// Peak resident memory of this process, from Linux's /proc.
pub(crate) fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

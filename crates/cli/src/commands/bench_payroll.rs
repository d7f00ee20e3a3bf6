//! `pathways bench payroll` and `pathways bench approvals`, on a scratch SQLite database.
//!
//! Payroll: a batch of a million approved payments is created and exported, beside the sqlite3
//! shell writing the same columns of the same rows to a CSV file (`.mode csv`, `.once`), in one
//! run (targets: at most 2× the shell, 300 MiB). Approvals: 100,000 claims that pass every rule
//! are approved in bulk (target: under 10 s).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use pathways_app::access::Caller;
use pathways_app::payroll::Payroll;
use pathways_domain::entities::{Assignment, Recipient, WageRate};
use pathways_domain::ids::{CaseNumber, CountyCode, CourseNumber};
use pathways_domain::quantity::Money;
use pathways_store::{Batch, Store, SyntheticClaims};
use time::macros::date;

use super::bench::{load_reference, peak_memory_kib, provider_number};

fn scratch(dir: Option<PathBuf>, name: &str) -> anyhow::Result<(PathBuf, PathBuf)> {
    let dir = dir.unwrap_or_else(|| {
        std::env::temp_dir().join(format!("pathways-bench-{}", std::process::id()))
    });
    std::fs::create_dir_all(&dir)?;
    let db = dir.join(name);
    remove_sqlite(&db);
    Ok((dir, db))
}

fn remove_sqlite(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(name));
    }
}

fn print_memory(target_mib: u64) {
    if let Some(kib) = peak_memory_kib() {
        println!(
            "peak memory of this process (VmHWM): {} MiB (target ≤ {target_mib} MiB)",
            kib / 1024
        );
    }
}

pub async fn payroll(payments: u32, dir: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let (dir, db) = scratch(dir, "payroll-bench.db")?;
    let url = format!("sqlite://{}", db.display());
    let store = super::open(&url).await?;
    let started = Instant::now();
    let made = store
        .add_synthetic_claims(&SyntheticClaims {
            count: payments,
            first_provider: 100_000_000,
            course: CourseNumber::parse("GHS-101")?,
            trained_on: date!(2026 - 01 - 06),
            state: "approved",
            at: time::OffsetDateTime::now_utc(),
            incentives: 0,
        })
        .await?;
    println!(
        "{made} approved claims made in {:.2} s",
        started.elapsed().as_secs_f64()
    );

    let payroll = Payroll::new(Arc::clone(&store));
    let caller = Caller::command_line();
    let file = dir.join("payroll-export.csv");
    let started = Instant::now();
    let batch = payroll
        .create_batch(&caller, date!(2026 - 01 - 15))
        .await?
        .context("the approved claims make a batch")?;
    let batched = started.elapsed();
    payroll.export(&caller, batch.id, &file).await?;
    let ours = started.elapsed();
    println!(
        "pathways payroll batch + export ({} payments, ${}): {:.2} s (batch {:.2} s, export {:.2} s)",
        batch.payment_count,
        batch.total,
        ours.as_secs_f64(),
        batched.as_secs_f64(),
        (ours - batched).as_secs_f64()
    );

    let shell_file = dir.join("sqlite3-export.csv");
    let shell = sqlite3_export(&db, &shell_file, batch.id)?;
    let ratio = ours.as_secs_f64() / shell.as_secs_f64();
    println!(
        "sqlite3 .once of the same columns and rows: {:.2} s",
        shell.as_secs_f64()
    );
    println!("ratio: {ratio:.2} (target ≤ 2.0)");
    print_memory(300);
    let lines = |p: &Path| std::fs::read_to_string(p).map(|t| t.lines().count());
    let (a, b) = (lines(&file)?, lines(&shell_file)?);
    if a != b {
        bail!("the export has {a} lines and the shell's file {b}");
    }
    let _ = std::fs::remove_file(&file);
    let _ = std::fs::remove_file(&shell_file);
    drop(store);
    remove_sqlite(&db);
    let _ = std::fs::remove_dir(&dir);
    Ok(ExitCode::SUCCESS)
}

/// The sqlite3 shell writing the export's columns of the batch's rows to a CSV file, timed
/// from process start to exit. It writes the stored values (cents, hundredths) unformatted,
/// which is less work than the export's dollars and hours.
fn sqlite3_export(db: &Path, out: &Path, batch: i64) -> anyhow::Result<Duration> {
    let script = format!(
        ".headers on\n.mode csv\n.once {}\nSELECT tc.payment_id, tc.provider_number, \
         tc.case_number, tc.county_code, 'training' AS kind, tc.hundredths, tc.rate_cents, \
         tc.amount_cents, b.pay_period FROM training_claims tc \
         JOIN payroll_batches b ON tc.payment_id BETWEEN b.first_payment_id AND b.last_payment_id \
         WHERE b.batch_id = {batch} ORDER BY tc.payment_id;\n",
        out.display()
    );
    let started = Instant::now();
    let mut child = Command::new("sqlite3")
        .arg(db)
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
        bail!("sqlite3 export failed: {status}");
    }
    Ok(took)
}

pub async fn approvals(claims: u32, dir: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let (dir, db) = scratch(dir, "approvals-bench.db")?;
    let url = format!("sqlite://{}", db.display());
    let store = super::open(&url).await?;
    let started = Instant::now();
    load_claimants(store.as_ref(), claims).await?;
    let made = store
        .add_synthetic_claims(&SyntheticClaims {
            count: claims,
            first_provider: u32::try_from(provider_number(0).as_i64())?,
            course: CourseNumber::parse("GHS-001")?,
            trained_on: TRAINED_ON,
            state: "submitted",
            at: time::OffsetDateTime::now_utc(),
            incentives: 0,
        })
        .await?;
    println!(
        "{claims} providers with a verified completion, a recipient and {made} submitted claims \
         made in {:.2} s",
        started.elapsed().as_secs_f64()
    );
    let payroll = Payroll::new(Arc::clone(&store));
    let started = Instant::now();
    let bulk = payroll
        .approve_all(
            &Caller::command_line(),
            pathways_domain::calendar::program_today(),
            &|_| {},
        )
        .await?;
    let took = started.elapsed();
    println!(
        "bulk approval: {} approved, {} left for review, in {:.2} s (target < 10 s)",
        bulk.approved,
        bulk.left.len(),
        took.as_secs_f64()
    );
    if let Some((id, refusal)) = bulk.left.first() {
        bail!("claim {id} should have passed every rule: {refusal}");
    }
    print_memory(1024);
    drop(store);
    remove_sqlite(&db);
    let _ = std::fs::remove_dir(&dir);
    Ok(ExitCode::SUCCESS)
}

const TRAINED_ON: time::Date = date!(2023 - 03 - 07);

/// Providers who each completed GHS-001 on the training date (verified by an import), with a
/// recipient of their own in Sacramento County and its wage rate.
async fn load_claimants(store: &dyn Store, providers: u32) -> anyhow::Result<()> {
    load_reference(store, providers).await?;
    let county = CountyCode::new(34).context("county")?;
    let mut tx = store.begin_import().await?;
    tx.upsert(&Batch::WageRates(vec![WageRate {
        county,
        effective_from: date!(2022 - 01 - 01),
        hourly_rate: Money::from_cents(1690),
    }]))
    .await?;
    for start in (0..providers).step_by(10_000) {
        let range = start..providers.min(start + 10_000);
        // The synthetic claim i (from 1) is under case 3400000 + i.
        let case = |i: u32| CaseNumber::parse(&(3_400_001 + i).to_string());
        tx.upsert(&Batch::Recipients(
            range
                .clone()
                .map(|i| {
                    Ok(Recipient {
                        case_number: case(i)?,
                        county,
                        needs: Default::default(),
                    })
                })
                .collect::<anyhow::Result<_>>()?,
        ))
        .await?;
        tx.upsert(&Batch::Assignments(
            range
                .map(|i| {
                    Ok(Assignment {
                        provider: provider_number(i),
                        case_number: case(i)?,
                        start_date: date!(2022 - 06 - 01),
                        end_date: None,
                    })
                })
                .collect::<anyhow::Result<_>>()?,
        ))
        .await?;
    }
    tx.commit().await?;
    let mut csv = String::from(
        "provider_number,course_number,session_id,date,minutes,completed,certificate_number\n",
    );
    for i in 0..providers {
        csv.push_str(&format!(
            "{},GHS-001,,{},480,true,C-{i}\n",
            provider_number(i),
            pathways_domain::error::format_date(TRAINED_ON)
        ));
    }
    let summary = pathways_app::import::import_csv(
        store,
        pathways_app::import::ImportKind::Attendance,
        Some(&pathways_domain::ids::VendorCode::parse(
            super::bench::VENDOR,
        )?),
        std::io::Cursor::new(csv.into_bytes()),
        &pathways_app::import::NoProgress,
    )
    .await?;
    if summary.counts.inserted != u64::from(providers) {
        bail!(
            "the attendance import verified {} of {providers} rows",
            summary.counts.inserted
        );
    }
    Ok(())
}

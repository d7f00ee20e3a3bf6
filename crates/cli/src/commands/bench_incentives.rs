//! `pathways bench incentives`: the whole-state evaluation beside the database's own shell
//! computing the two plain aggregates the rules need (verified minutes per provider and
//! pathway; work hours per provider and month), on the same database, in one run.

use std::io::Write;
use std::process::{Command, ExitCode, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use pathways_app::incentives::{EvaluationProgress, Incentives};
use pathways_store::{Backend, Store};
use time::Date;

use super::incentives::{Format, write_lines};

/// The two aggregates, as the SQLite shell runs them.
const SQLITE_AGGREGATES: &str = "\
SELECT a.provider_number, c.pathway, SUM(a.minutes) FROM attendance a \
 JOIN courses c ON c.course_number = a.course_number WHERE a.status = 'verified' \
 GROUP BY a.provider_number, c.pathway;
SELECT provider_number, substr(week_start, 1, 7), SUM(hundredths) FROM work_hours \
 GROUP BY provider_number, substr(week_start, 1, 7);";

/// The same aggregates in PostgreSQL's dialect, for psql.
const POSTGRES_AGGREGATES: &str = "\
SELECT a.provider_number, c.pathway, SUM(a.minutes) FROM attendance a \
 JOIN courses c ON c.course_number = a.course_number WHERE a.status = 'verified' \
 GROUP BY a.provider_number, c.pathway;
SELECT provider_number, date_trunc('month', week_start), SUM(hundredths) FROM work_hours \
 GROUP BY provider_number, date_trunc('month', week_start);";

pub async fn run(
    url: &str,
    store: Arc<dyn Store>,
    as_of: Date,
    rounds: u32,
) -> anyhow::Result<ExitCode> {
    let counts = store.table_counts().await?;
    println!(
        "database: {} providers, {} verified and {} held attendance records, {} work-hour rows, {} recipients",
        counts.providers,
        counts.attendance_verified,
        counts.attendance_held,
        counts.work_hours,
        counts.recipients
    );
    let mut ours = Vec::new();
    let mut theirs = Vec::new();
    let mut lines = 0;
    for _ in 0..rounds.max(1) {
        let started = Instant::now();
        let stages = StageTimes::default();
        let result = Incentives::new(store.clone())
            .evaluate_all(as_of, None, &stages)
            .await?;
        stages.stage("writing CSV", 0);
        let mut sink = CountingSink::default();
        write_lines(&mut sink, &result, Format::Csv)?;
        ours.push(started.elapsed());
        stages.print();
        lines = result.len();
        drop(result);

        theirs.push(shell_aggregates(url, store.backend())?);
    }
    let best = |v: &[Duration]| v.iter().min().copied().unwrap_or_default();
    let (ours, theirs) = (best(&ours), best(&theirs));
    let shell = match store.backend() {
        Backend::Sqlite => "sqlite3",
        Backend::Postgres => "psql",
    };
    println!(
        "pathways incentives evaluate --as-of {} --format csv: {:.2} s, {lines} lines (target ≤ 10 s)",
        pathways_domain::error::format_date(as_of),
        ours.as_secs_f64()
    );
    println!(
        "{shell} computing the two aggregates:              {:.2} s",
        theirs.as_secs_f64()
    );
    println!(
        "ratio: {:.2} (target ≤ 1.5); best of {} round(s)",
        ours.as_secs_f64() / theirs.as_secs_f64(),
        rounds.max(1)
    );
    if let Some(peak) = super::bench::peak_memory_kib() {
        println!(
            "peak memory of this process (VmHWM): {} MiB (target ≤ 1,024 MiB)",
            peak / 1024
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs the database's own shell on the two aggregates, output discarded, and times it.
fn shell_aggregates(url: &str, backend: Backend) -> anyhow::Result<Duration> {
    let mut command = match backend {
        Backend::Sqlite => {
            let file = url
                .trim_start_matches("sqlite://")
                .trim_start_matches("sqlite:");
            let mut c = Command::new("sqlite3");
            c.arg(file);
            c
        }
        Backend::Postgres => {
            let mut c = Command::new("psql");
            c.args(["-X", "-q", "-A", "-t", url]);
            c
        }
    };
    let sql = match backend {
        Backend::Sqlite => SQLITE_AGGREGATES,
        Backend::Postgres => POSTGRES_AGGREGATES,
    };
    let started = Instant::now();
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .context("cannot start the database shell (sqlite3 or psql)")?;
    child
        .stdin
        .take()
        .context("the shell's input")?
        .write_all(sql.as_bytes())?;
    let out = child.wait_with_output()?;
    let took = started.elapsed();
    if !out.status.success() {
        bail!(
            "the database shell failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    Ok(took)
}

/// Counts the bytes written, like `> /dev/null` with a tally.
#[derive(Default)]
struct CountingSink(u64);

impl Write for CountingSink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len() as u64;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// When each stage of a run began, to print how long each took.
#[derive(Default)]
struct StageTimes(std::sync::Mutex<Vec<(String, u64, Instant)>>);

impl StageTimes {
    fn print(&self) {
        let stages = self.0.lock().map(|s| s.clone()).unwrap_or_default();
        let end = Instant::now();
        for (i, (name, total, began)) in stages.iter().enumerate() {
            let until = stages.get(i + 1).map_or(end, |s| s.2);
            let of = if *total > 0 {
                format!(" ({total} providers)")
            } else {
                String::new()
            };
            println!("  {name}{of}: {:.2} s", (until - *began).as_secs_f64());
        }
    }
}

impl EvaluationProgress for StageTimes {
    fn stage(&self, name: &str, total: u64) {
        if let Ok(mut stages) = self.0.lock() {
            stages.push((name.to_owned(), total, Instant::now()));
        }
    }

    fn advance(&self, _done: u64) {}
}

//! The subcommands. Each parses its own arguments and calls the application layer.

mod attendance;
mod bench;
mod bench_coaching;
mod bench_incentives;
mod bench_payroll;
mod bench_registrations;
mod bench_session;
mod demo;
mod import;
mod incentives;
mod outbox;
mod payroll;
mod policy;
mod serve;
mod users;

use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};
use pathways_store::Store;

/// Pathways: the IHSS Career Pathways training and incentive program.
#[derive(Debug, Parser)]
#[command(name = "pathways", version, about)]
pub struct Cli {
    /// Where the data lives: `sqlite://FILE` (created on first use) or `postgres://…`.
    #[arg(
        long,
        global = true,
        env = "PATHWAYS_DATABASE_URL",
        default_value = "sqlite://pathways.db"
    )]
    database_url: String,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the web pages and the JSON API.
    Serve(serve::Args),
    /// Apply database migrations.
    Migrate,
    /// Import a CSV file (all-or-nothing; every bad line is reported).
    Import(import::Args),
    /// Attendance records: list the held ones.
    Attendance(attendance::Args),
    /// Fill the database with a realistic, deterministic demo program.
    Demo(demo::Args),
    /// Measure performance and print the figures.
    Bench(bench::Args),
    /// Incentives: evaluate who qualified, as of a date.
    Incentives(incentives::Args),
    /// Outgoing email and text messages: deliver them, list them.
    Outbox(outbox::Args),
    /// The program's rule versions: list, show, add, edit, publish, and replay a change.
    Policy(policy::Args),
    /// Staff accounts: add, list.
    Users(users::Args),
    /// Training-pay claims: the review queue; approve, approve all that pass, deny.
    Claims(payroll::ClaimsArgs),
    /// Payroll: batch approved claims, write a batch's file, take payroll's confirmations.
    Payroll(payroll::PayrollArgs),
}

/// Runs a command; the exit code is 0 on success, 1 when input was refused, 2 on failure.
pub async fn run(cli: Cli) -> ExitCode {
    let result = match cli.command {
        Command::Serve(args) => serve::run(&cli.database_url, args).await,
        Command::Migrate => open(&cli.database_url).await.map(|_| {
            println!("migrations applied");
            ExitCode::SUCCESS
        }),
        Command::Import(args) => match open(&cli.database_url).await {
            Ok(store) => import::run(store.as_ref(), args).await,
            Err(e) => Err(e),
        },
        Command::Attendance(args) => match open(&cli.database_url).await {
            Ok(store) => attendance::run(store.as_ref(), args).await,
            Err(e) => Err(e),
        },
        Command::Demo(args) => match open(&cli.database_url).await {
            Ok(store) => demo::run(store.as_ref(), args).await,
            Err(e) => Err(e),
        },
        Command::Bench(args) => bench::run(&cli.database_url, args).await,
        Command::Incentives(args) => match open(&cli.database_url).await {
            Ok(store) => incentives::run(store, args).await,
            Err(e) => Err(e),
        },
        Command::Outbox(args) => match open(&cli.database_url).await {
            Ok(store) => outbox::run(store, args).await,
            Err(e) => Err(e),
        },
        Command::Policy(args) => match open(&cli.database_url).await {
            Ok(store) => policy::run(store, args).await,
            Err(e) => Err(e),
        },
        Command::Users(args) => match open(&cli.database_url).await {
            Ok(store) => users::run(store, args).await,
            Err(e) => Err(e),
        },
        Command::Claims(args) => match open(&cli.database_url).await {
            Ok(store) => payroll::run_claims(store, args).await,
            Err(e) => Err(e),
        },
        Command::Payroll(args) => match open(&cli.database_url).await {
            Ok(store) => payroll::run_payroll(store, args).await,
            Err(e) => Err(e),
        },
    };
    result.unwrap_or_else(|e| {
        eprintln!("error: {e:#}");
        ExitCode::from(2)
    })
}

/// Opens the database and brings its schema up to date (the embedded default needs no
/// separate set-up step).
pub(crate) async fn open(url: &str) -> anyhow::Result<Arc<dyn Store>> {
    let store = pathways_store::connect(url).await?;
    store.migrate().await?;
    Ok(store)
}

/// A progress bar over a file's bytes, drawn only when standard error is a terminal.
pub(crate) struct ByteProgress(indicatif::ProgressBar);

impl ByteProgress {
    pub fn new(total: u64, message: &str) -> Self {
        let bar = indicatif::ProgressBar::new(total);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{msg} [{bar:40}] {bytes}/{total_bytes} ({bytes_per_sec}, {eta} left)",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> "),
        );
        bar.set_message(message.to_owned());
        Self(bar)
    }

    pub fn finish(&self) {
        self.0.finish_and_clear();
    }
}

impl pathways_app::import::Progress for ByteProgress {
    fn read_bytes(&self, bytes: u64) {
        self.0.set_position(bytes);
    }
}

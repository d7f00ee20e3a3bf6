//! `pathways incentives evaluate`: every incentive every provider (or one) qualified for, as of
//! a date, one line each, with why; `pathways incentives outreach`: the unclaimed ones, with
//! how to reach each provider.

use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;

use pathways_app::incentives::{EvaluationProgress, IncentiveLine, Incentives};
use pathways_domain::error::format_date;
use pathways_domain::ids::{CountyCode, ProviderNumber};
use pathways_store::Store;
use time::Date;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// Evaluate every provider (or one) with the data known on a date and print one line per
    /// incentive qualified for, sorted by provider, date and kind.
    Evaluate {
        /// The date to evaluate on (YYYY-MM-DD): records and months after it are not known yet.
        #[arg(long, value_parser = parse_date)]
        as_of: Date,
        #[arg(long, value_enum, default_value = "json")]
        format: Format,
        /// Only this provider (9 digits).
        #[arg(long, value_parser = |raw: &str| ProviderNumber::parse(raw).map_err(|e| format!("the provider number {e}")))]
        provider: Option<ProviderNumber>,
    },
    /// The outreach list: every incentive qualified for by a date and not claimed, with the
    /// provider's contact details, as CSV (by provider, date and kind).
    Outreach {
        /// The date to evaluate on (YYYY-MM-DD).
        #[arg(long, value_parser = parse_date)]
        as_of: Date,
        /// Only providers of this county (two digits, 01 to 58).
        #[arg(long, value_parser = |raw: &str| CountyCode::parse(raw).map_err(|e| format!("the county {e}")))]
        county: Option<CountyCode>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    /// One JSON object per line.
    Json,
    /// CSV with a header row.
    Csv,
}

pub(crate) fn parse_date(raw: &str) -> Result<Date, String> {
    pathways_domain::error::parse_date(raw).map_err(|e| format!("the date {e}"))
}

pub async fn run(store: Arc<dyn Store>, args: Args) -> anyhow::Result<ExitCode> {
    match args.command {
        Command::Evaluate {
            as_of,
            format,
            provider,
        } => {
            let progress = StageProgress::new();
            let lines = Incentives::new(store)
                .evaluate_all(as_of, provider, &progress)
                .await?;
            progress.finish();
            let stdout = std::io::stdout().lock();
            write_lines(
                std::io::BufWriter::with_capacity(1 << 16, stdout),
                &lines,
                format,
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Outreach { as_of, county } => {
            let progress = StageProgress::new();
            let list = pathways_app::outreach::compute(store, as_of, &progress).await?;
            progress.finish();
            let shown = pathways_app::outreach::view(&list, county, false);
            let stdout = std::io::stdout().lock();
            pathways_app::outreach::write_csv(
                std::io::BufWriter::with_capacity(1 << 16, stdout),
                &shown.entries,
            )?;
            eprintln!(
                "{} unclaimed incentives of {} providers, ${} in all",
                shown.entries.len(),
                shown.providers,
                shown.total
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The columns, in order, of both formats.
pub(crate) const COLUMNS: [&str; 8] = [
    "provider_number",
    "kind",
    "pathway",
    "qualified_on",
    "amount",
    "policy_version",
    "claimed",
    "explanation",
];

/// One JSON line, its fields in the documented order.
#[derive(serde::Serialize)]
struct JsonLine<'a> {
    provider_number: String,
    kind: &'static str,
    pathway: &'static str,
    qualified_on: String,
    amount: String,
    policy_version: &'a str,
    claimed: bool,
    explanation: &'a str,
}

pub(crate) fn write_lines(
    mut out: impl Write,
    lines: &[IncentiveLine],
    format: Format,
) -> anyhow::Result<()> {
    match format {
        Format::Json => {
            for line in lines {
                let object = JsonLine {
                    provider_number: line.provider.to_string(),
                    kind: line.earned.kind.code(),
                    pathway: line.earned.pathway.code(),
                    qualified_on: format_date(line.earned.qualified_on),
                    amount: line.earned.amount.to_string(),
                    policy_version: &line.earned.policy_version,
                    claimed: line.claimed,
                    explanation: &line.explanation,
                };
                serde_json::to_writer(&mut out, &object)?;
                out.write_all(b"\n")?;
            }
        }
        Format::Csv => {
            let mut csv = csv::Writer::from_writer(&mut out);
            csv.write_record(COLUMNS)?;
            for line in lines {
                csv.write_record([
                    line.provider.to_string().as_str(),
                    line.earned.kind.code(),
                    line.earned.pathway.code(),
                    &format_date(line.earned.qualified_on),
                    &line.earned.amount.to_string(),
                    &line.earned.policy_version,
                    if line.claimed { "true" } else { "false" },
                    &line.explanation,
                ])?;
            }
            csv.flush()?;
        }
    }
    out.flush()?;
    Ok(())
}

/// A spinner per stage on a terminal's standard error; nothing otherwise.
pub(crate) struct StageProgress(indicatif::ProgressBar);

impl StageProgress {
    pub fn new() -> Self {
        let bar = indicatif::ProgressBar::new(0);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} ({eta} left)")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        Self(bar)
    }

    pub fn finish(&self) {
        self.0.finish_and_clear();
    }
}

impl EvaluationProgress for StageProgress {
    fn stage(&self, name: &str, total: u64) {
        self.0.set_message(name.to_owned());
        self.0.set_length(total);
        self.0.set_position(0);
    }

    fn advance(&self, done: u64) {
        self.0.set_position(done);
    }
}

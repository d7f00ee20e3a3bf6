//! `pathways attendance held`: the records held for a vendor to correct, with reasons.

use std::io::Write;
use std::process::ExitCode;

use pathways_domain::error::format_date;
use pathways_domain::ids::VendorCode;
use pathways_store::{AttendanceRecord, Store};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// List held attendance records with their reasons.
    Held {
        #[arg(long, value_enum, default_value = "csv")]
        format: Format,
        /// Only this vendor's records.
        #[arg(long, value_parser = |raw: &str| VendorCode::parse(raw).map_err(|e| format!("the vendor code {e}")))]
        vendor: Option<VendorCode>,
    },
    /// Judge held records again against today's data (for example after a providers file
    /// arrived): those that now pass every rule become verified.
    Reverify {
        /// Only this vendor's records.
        #[arg(long, value_parser = |raw: &str| VendorCode::parse(raw).map_err(|e| format!("the vendor code {e}")))]
        vendor: Option<VendorCode>,
    },
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Format {
    Csv,
    Json,
}

/// Rows fetched per page: the listing streams, whatever the number of held records.
const PAGE: u32 = 5_000;

pub async fn run(store: &dyn Store, args: Args) -> anyhow::Result<ExitCode> {
    match args.command {
        Command::Held { format, vendor } => held(store, format, vendor).await,
        Command::Reverify { vendor } => {
            let summary = pathways_app::import::reverify_held(store, vendor.as_ref()).await?;
            println!(
                "held records judged again: {} read, {} now verified, {} still held, {} with a new reason",
                summary.rows,
                summary.verified,
                summary.counts.unchanged + summary.held_total(),
                summary.held_total()
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

async fn held(
    store: &dyn Store,
    format: Format,
    vendor: Option<VendorCode>,
) -> anyhow::Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut csv = csv::Writer::from_writer(Vec::new());
    match format {
        Format::Csv => {
            // The vendor's own columns first, so a corrected file can be made from this one.
            let columns = pathways_app::import::parse::ATTENDANCE_COLUMNS.iter();
            csv.write_record(columns.chain(&["vendor_code", "reason", "explanation"]))?;
        }
        Format::Json => write!(out, "[")?,
    }
    let mut after = None;
    let mut first = true;
    loop {
        let page = store
            .held_attendance(vendor.as_ref(), after.as_ref(), PAGE)
            .await?;
        let Some(last) = page.last() else { break };
        after = Some(last.key_ref());
        for record in &page {
            match format {
                Format::Csv => csv.write_record(csv_fields(record))?,
                Format::Json => {
                    let separator = if first { "\n" } else { ",\n" };
                    write!(
                        out,
                        "{separator}{}",
                        serde_json::to_string(&json_record(record))?
                    )?;
                }
            }
            first = false;
        }
        if let Format::Csv = format {
            out.write_all(
                &std::mem::replace(&mut csv, csv::Writer::from_writer(Vec::new())).into_inner()?,
            )?;
        }
    }
    match format {
        Format::Csv => out.write_all(&csv.into_inner()?)?,
        Format::Json => writeln!(out, "{}]", if first { "" } else { "\n" })?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn csv_fields(r: &AttendanceRecord) -> [String; 10] {
    let reason = r.hold_reason();
    [
        r.provider.to_string(),
        r.course.to_string(),
        r.session
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
        format_date(r.date),
        r.minutes.get().to_string(),
        r.completed.to_string(),
        r.certificate
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
        r.vendor.to_string(),
        reason.map(|r| r.code().to_owned()).unwrap_or_default(),
        reason
            .map(|r| r.explanation().to_owned())
            .unwrap_or_default(),
    ]
}

fn json_record(r: &AttendanceRecord) -> serde_json::Value {
    let reason = r.hold_reason();
    serde_json::json!({
        "provider_number": r.provider.to_string(),
        "course_number": r.course.as_str(),
        "session_id": r.session.as_ref().map(|s| s.as_str()),
        "date": format_date(r.date),
        "minutes": r.minutes.get(),
        "completed": r.completed,
        "certificate_number": r.certificate.as_ref().map(|c| c.as_str()),
        "vendor_code": r.vendor.as_str(),
        "reason": reason.map(|r| r.code()),
        "explanation": reason.map(|r| r.explanation()),
    })
}

//! `pathways import KIND FILE`.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::builder::TypedValueParser;
use pathways_app::import::{ImportError, ImportKind, import_csv};
use pathways_domain::ids::VendorCode;
use pathways_store::Store;

use super::ByteProgress;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// What the file holds.
    #[arg(value_parser = kind_parser())]
    kind: ImportKind,
    /// The CSV file (UTF-8, with a header row).
    file: PathBuf,
    /// For attendance: the training vendor the file comes from. For sessions: only sessions of
    /// this vendor's courses are accepted.
    #[arg(long, value_parser = parse_vendor)]
    vendor: Option<VendorCode>,
}

fn parse_vendor(raw: &str) -> Result<VendorCode, String> {
    VendorCode::parse(raw).map_err(|e| format!("the vendor code {e}"))
}

/// The file kinds the application layer knows, offered by their names.
fn kind_parser() -> impl TypedValueParser<Value = ImportKind> {
    clap::builder::PossibleValuesParser::new(ImportKind::ALL.iter().map(|k| k.name())).map(|name| {
        ImportKind::ALL
            .iter()
            .copied()
            .find(|k| k.name() == name)
            .unwrap_or(ImportKind::Attendance)
    })
}

pub async fn run(store: &dyn Store, args: Args) -> anyhow::Result<ExitCode> {
    let kind = args.kind;
    let file = std::fs::File::open(&args.file)
        .with_context(|| format!("cannot open {}", args.file.display()))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or_default();
    let progress = ByteProgress::new(size, &format!("importing {kind}"));
    let input = std::io::BufReader::with_capacity(1 << 20, file);
    let result = import_csv(store, kind, args.vendor.as_ref(), input, &progress).await;
    progress.finish();
    match result {
        Ok(summary) => {
            println!("{summary}");
            Ok(ExitCode::SUCCESS)
        }
        Err(ImportError::Rejected {
            errors,
            total,
            bad_rows,
        }) => {
            for e in &errors {
                eprintln!("{e}");
            }
            if total > errors.len() as u64 {
                eprintln!("… and {} more problems", total - errors.len() as u64);
            }
            eprintln!(
                "{}: rejected, nothing was imported: {bad_rows} bad row(s), {total} problem(s)",
                args.file.display()
            );
            Ok(ExitCode::FAILURE)
        }
        Err(e @ (ImportError::VendorRequired | ImportError::UnknownVendor(_))) => {
            eprintln!(
                "error: {e}{}",
                if matches!(e, ImportError::VendorRequired) {
                    " (use --vendor CODE)"
                } else {
                    ""
                }
            );
            Ok(ExitCode::FAILURE)
        }
        Err(e) => Err(e.into()),
    }
}

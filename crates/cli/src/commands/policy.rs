//! `pathways policy …`: the program's rule versions. List and show them, add one (in effect at
//! once, or as a draft), change one no decision has used, publish a draft, and replay every
//! provider's incentives under a replacement before making it (`diff`).

use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;

use pathways_app::access::Caller;
use pathways_app::policies::{Change, IncentiveChange, Policies, PolicyDiff, PolicyError};
use pathways_domain::error::format_date;
use pathways_domain::incentive::Earned;
use pathways_domain::policy::PARAMETERS;
use pathways_store::{Store, StoredPolicy};
use time::Date;

use super::incentives::{StageProgress, parse_date};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// Every version, oldest first: its state, whether decisions used it, its main amounts.
    List,
    /// Every parameter of one version.
    Show {
        version: String,
        #[arg(long, value_enum, default_value = "text")]
        format: ShowFormat,
    },
    /// Add a version: a copy of `--based-on` (or of the version in effect on its date) with
    /// the `--set` changes. It is in effect from its date at once unless `--draft`.
    Add {
        /// The new version's name, such as 2026-07 (letters, digits, dots, hyphens).
        #[arg(long)]
        version: String,
        /// The first day it applies (YYYY-MM-DD).
        #[arg(long, value_parser = parse_date)]
        effective_from: Date,
        /// Start from this version's parameters.
        #[arg(long)]
        based_on: Option<String>,
        /// A parameter to change, as NAME=VALUE (repeatable); `pathways policy show` lists
        /// the names. Hours as 15 or 12.5, amounts as 500.00, dates as 2026-07-01.
        #[arg(long = "set", value_name = "NAME=VALUE", value_parser = parse_setting)]
        settings: Vec<(String, String)>,
        /// Keep it as a draft, out of effect, to replay with `diff` and publish later.
        #[arg(long)]
        draft: bool,
    },
    /// Change parameters of a version that no decision has used yet.
    Edit {
        version: String,
        #[arg(long = "set", value_name = "NAME=VALUE", value_parser = parse_setting, required = true)]
        settings: Vec<(String, String)>,
    },
    /// Put a draft into effect from its date.
    Publish { version: String },
    /// Show which providers' incentives, as of a date, would change if `--to` replaced
    /// `--from`: `--to` applies from its effective date, `--from` keeps the dates before.
    Diff {
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
        #[arg(long, value_parser = parse_date)]
        as_of: Date,
        #[arg(long, value_enum, default_value = "text")]
        format: DiffFormat,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ShowFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum DiffFormat {
    /// A summary and a table, for reading.
    Text,
    /// One JSON object per changed incentive (the summary goes to standard error).
    Json,
    /// CSV with a header row (the summary goes to standard error).
    Csv,
}

fn parse_setting(raw: &str) -> Result<(String, String), String> {
    raw.split_once('=')
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .filter(|(n, _)| !n.is_empty())
        .ok_or_else(|| format!("expected NAME=VALUE, found {raw:?}"))
}

pub async fn run(store: Arc<dyn Store>, args: Args) -> anyhow::Result<ExitCode> {
    let policies = Policies::new(store);
    let caller = Caller::command_line();
    let result = match args.command {
        Command::List => list(&policies, &caller).await,
        Command::Show { version, format } => show(&policies, &caller, &version, format).await,
        Command::Add {
            version,
            effective_from,
            based_on,
            mut settings,
            draft,
        } => {
            let base = policies
                .template(&caller, &version, based_on.as_deref(), effective_from)
                .await?;
            settings.insert(0, ("effective_from".into(), format_date(effective_from)));
            match pathways_app::policies::apply(base, &settings) {
                Err(problems) => Err(PolicyError::Invalid(problems)),
                Ok(new) => policies.create(&caller, &new, !draft).await.map(|()| {
                    let state = if draft { "as a draft" } else { "in effect" };
                    println!(
                        "policy version {} added {state} from {}",
                        new.version,
                        format_date(new.effective_from)
                    );
                }),
            }
        }
        Command::Edit { version, settings } => policies
            .edit(&caller, &version, &settings)
            .await
            .map(|changed| {
                println!("policy version {} changed", changed.version);
            }),
        Command::Publish { version } => policies
            .publish(&caller, &version)
            .await
            .map(|()| println!("policy version {version} is in effect from its date")),
        Command::Diff {
            from,
            to,
            as_of,
            format,
        } => {
            let progress = StageProgress::new();
            let diff = policies.diff(&caller, &from, &to, as_of, &progress).await;
            progress.finish();
            match diff {
                Ok(diff) => {
                    let stdout = std::io::stdout().lock();
                    write_diff(std::io::BufWriter::new(stdout), &diff, format)?;
                    Ok(())
                }
                Err(e) => Err(e),
            }
        }
    };
    match result {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e @ (PolicyError::Store(_) | PolicyError::Evaluation(_))) => Err(e.into()),
        Err(e) => {
            eprintln!("refused: {e}");
            Ok(ExitCode::from(1))
        }
    }
}

fn state_of(p: &StoredPolicy) -> &'static str {
    if p.published { "published" } else { "draft" }
}

async fn list(policies: &Policies, caller: &Caller) -> Result<(), PolicyError> {
    let versions = policies.versions(caller).await?;
    let mut out = std::io::stdout().lock();
    let header = [
        "version",
        "state",
        "effective_from",
        "used",
        "pathway_amount",
        "pathway_hours",
        "max_count",
        "1_month_amount",
        "6_months_amount",
    ];
    let rows: Vec<[String; 9]> = versions
        .iter()
        .map(|p| {
            let v = &p.version;
            [
                v.version.clone(),
                state_of(p).into(),
                format_date(v.effective_from),
                if p.used { "yes" } else { "no" }.into(),
                v.pathway_incentive_amount.to_string(),
                v.pathway_incentive_hours.to_string(),
                v.pathway_incentive_max_count.to_string(),
                v.specialized_one_month_amount.to_string(),
                v.specialized_six_months_amount.to_string(),
            ]
        })
        .collect();
    let widths: Vec<usize> = (0..header.len())
        .map(|i| {
            rows.iter()
                .map(|r| r[i].len())
                .chain([header[i].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: Vec<&str>| -> String {
        cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_owned()
    };
    let _ = writeln!(out, "{}", line(header.to_vec()));
    for row in &rows {
        let _ = writeln!(out, "{}", line(row.iter().map(String::as_str).collect()));
    }
    Ok(())
}

async fn show(
    policies: &Policies,
    caller: &Caller,
    version: &str,
    format: ShowFormat,
) -> Result<(), PolicyError> {
    let stored = policies.version(caller, version).await?;
    let v = &stored.version;
    let mut out = std::io::stdout().lock();
    match format {
        ShowFormat::Json => {
            let parameters: serde_json::Map<String, serde_json::Value> = PARAMETERS
                .iter()
                .filter_map(|p| Some((p.name.to_owned(), v.parameter(p.name)?.into())))
                .collect();
            let object = serde_json::json!({
                "version": v.version,
                "state": state_of(&stored),
                "used": stored.used,
                "parameters": parameters,
            });
            let _ = writeln!(out, "{object}");
        }
        ShowFormat::Text => {
            let note = match (stored.published, stored.used) {
                (_, true) => "used by decisions: it can only be superseded by a later version",
                (true, false) => "no decision has used it yet: it can still be changed",
                (false, _) => "a draft: not in effect until published",
            };
            let _ = writeln!(
                out,
                "policy version {} ({}; {note})",
                v.version,
                state_of(&stored)
            );
            let width = PARAMETERS.iter().map(|p| p.name.len()).max().unwrap_or(0);
            for p in PARAMETERS {
                let value = v.parameter(p.name).unwrap_or_default();
                let _ = writeln!(out, "  {:<width$}  {value}{}", p.name, unit(p.kind));
            }
        }
    }
    Ok(())
}

fn unit(kind: pathways_domain::policy::ParameterKind) -> &'static str {
    use pathways_domain::policy::ParameterKind::*;
    match kind {
        Date | Count => "",
        Days => " days",
        Hours => " hours",
        Money => " dollars",
        Multiplier => "×",
    }
}

/// The columns of the CSV format, in order.
const DIFF_COLUMNS: [&str; 12] = [
    "provider_number",
    "kind",
    "change",
    "claimed",
    "before_pathway",
    "before_qualified_on",
    "before_amount",
    "before_policy_version",
    "after_pathway",
    "after_qualified_on",
    "after_amount",
    "after_policy_version",
];

fn earned_cells(earned: Option<&Earned>) -> [String; 4] {
    earned.map_or_else(Default::default, |e| {
        [
            e.pathway.code().to_owned(),
            format_date(e.qualified_on),
            e.amount.to_string(),
            e.policy_version.clone(),
        ]
    })
}

fn earned_json(earned: Option<&Earned>) -> serde_json::Value {
    earned.map_or(serde_json::Value::Null, |e| {
        serde_json::json!({
            "pathway": e.pathway.code(),
            "qualified_on": format_date(e.qualified_on),
            "amount": e.amount.to_string(),
            "policy_version": e.policy_version,
        })
    })
}

fn summary(diff: &PolicyDiff) -> Vec<String> {
    let mut lines = vec![format!(
        "Replacing policy version {} with {} ({} from {}), as of {}:",
        diff.from.version,
        diff.to.version,
        diff.to.version,
        format_date(diff.to.effective_from),
        format_date(diff.as_of)
    )];
    if diff.parameters.is_empty() {
        lines.push("  the two versions set every parameter alike".into());
    }
    for (name, before, after) in &diff.parameters {
        lines.push(format!("  {name}: {before} -> {after}"));
    }
    let difference = diff.after_total.as_decimal() - diff.before_total.as_decimal();
    lines.push(format!(
        "{} providers' incentives change: {} gained, {} lost, {} changed ({} of them claimed already).",
        diff.providers_changed(),
        diff.count(Change::Gained),
        diff.count(Change::Lost),
        diff.count(Change::Changed),
        diff.changes.iter().filter(|c| c.claimed).count(),
    ));
    lines.push(format!(
        "Incentives earned: {} totalling ${} before, {} totalling ${} after ({}{difference:.2}).",
        diff.before_count,
        diff.before_total,
        diff.after_count,
        diff.after_total,
        if difference.is_sign_negative() {
            ""
        } else {
            "+"
        },
    ));
    lines
}

fn describe(earned: Option<&Earned>) -> String {
    earned.map_or_else(
        || "-".into(),
        |e| {
            format!(
                "{} {} ${} ({})",
                e.pathway.code(),
                format_date(e.qualified_on),
                e.amount,
                e.policy_version
            )
        },
    )
}

fn write_diff(mut out: impl Write, diff: &PolicyDiff, format: DiffFormat) -> anyhow::Result<()> {
    let changes: &[IncentiveChange] = &diff.changes;
    match format {
        DiffFormat::Text => {
            for line in summary(diff) {
                writeln!(out, "{line}")?;
            }
            if !changes.is_empty() {
                writeln!(out)?;
                writeln!(
                    out,
                    "{:<9}  {:<20}  {:<7}  {:<7}  {:<34}  after",
                    "provider", "incentive", "change", "claimed", "before"
                )?;
            }
            for c in changes {
                writeln!(
                    out,
                    "{:<9}  {:<20}  {:<7}  {:<7}  {:<34}  {}",
                    c.provider.to_string(),
                    c.kind.code(),
                    c.change().code(),
                    if c.claimed { "yes" } else { "no" },
                    describe(c.before.as_ref()),
                    describe(c.after.as_ref()),
                )?;
            }
        }
        DiffFormat::Json => {
            for c in changes {
                let object = serde_json::json!({
                    "provider_number": c.provider.to_string(),
                    "kind": c.kind.code(),
                    "change": c.change().code(),
                    "claimed": c.claimed,
                    "before": earned_json(c.before.as_ref()),
                    "after": earned_json(c.after.as_ref()),
                });
                writeln!(out, "{object}")?;
            }
            for line in summary(diff) {
                eprintln!("{line}");
            }
        }
        DiffFormat::Csv => {
            let mut csv = csv::Writer::from_writer(&mut out);
            csv.write_record(DIFF_COLUMNS)?;
            for c in changes {
                let mut record = vec![
                    c.provider.to_string(),
                    c.kind.code().to_owned(),
                    c.change().code().to_owned(),
                    c.claimed.to_string(),
                ];
                record.extend(earned_cells(c.before.as_ref()));
                record.extend(earned_cells(c.after.as_ref()));
                csv.write_record(&record)?;
            }
            csv.flush()?;
            drop(csv);
            for line in summary(diff) {
                eprintln!("{line}");
            }
        }
    }
    out.flush()?;
    Ok(())
}

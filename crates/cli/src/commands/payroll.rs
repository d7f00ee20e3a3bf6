//! `pathways claims …` and `pathways payroll …`: review submitted claims (approve one, approve
//! every claim that passes the rules, deny naming the rule), then pay approved claims: collect
//! them into a batch, write its file for the state payroll system, and take payroll's
//! confirmation file.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use pathways_app::access::Caller;
use pathways_app::payroll::{DenialReason, Payroll, PayrollError};
use pathways_domain::calendar::program_today;
use pathways_domain::claim::ClaimRule;
use pathways_domain::error::format_date;
use pathways_store::{ClaimRef, Store};
use time::Date;

use super::incentives::parse_date;

#[derive(Debug, clap::Args)]
pub struct ClaimsArgs {
    #[command(subcommand)]
    command: ClaimsCommand,
}

#[derive(Debug, clap::Subcommand)]
enum ClaimsCommand {
    /// The submitted claims waiting for review, oldest first.
    Queue {
        /// Only claims under this county's recipients (two digits).
        #[arg(long)]
        county: Option<u8>,
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
    /// Approve one claim (it is judged again on today's facts), or every submitted claim that
    /// passes all the rules, incentive claims included (`--all`).
    Approve {
        #[arg(required_unless_present = "all", conflicts_with = "all")]
        claim: Option<i64>,
        /// The number is an incentive claim's.
        #[arg(long, conflicts_with = "all")]
        incentive: bool,
        #[arg(long)]
        all: bool,
    },
    /// Deny a claim, naming the rule it fails (`pathways claims rules` lists them) or
    /// `other` with a note the provider will read.
    Deny {
        claim: i64,
        /// The number is an incentive claim's.
        #[arg(long)]
        incentive: bool,
        #[arg(long)]
        rule: String,
        #[arg(long)]
        note: Option<String>,
    },
    /// Send a claim payroll returned back to review, once what payroll named is corrected.
    Resubmit {
        claim: i64,
        /// The number is an incentive claim's.
        #[arg(long)]
        incentive: bool,
    },
    /// The rules a denial can name.
    Rules,
}

#[derive(Debug, clap::Args)]
pub struct PayrollArgs {
    #[command(subcommand)]
    command: PayrollCommand,
}

#[derive(Debug, clap::Subcommand)]
enum PayrollCommand {
    /// Collect every approved claim not yet in a batch into a batch for the pay period.
    Batch {
        /// The pay period's date (YYYY-MM-DD), written on every payment line.
        #[arg(long, value_parser = parse_date)]
        period: Date,
    },
    /// Every batch, newest first: payments, total, whether its file was written.
    List,
    /// Write a batch's file for the state payroll system (the same file every time).
    Export { batch: i64, file: PathBuf },
    /// Take payroll's confirmation file: payments paid, or rejected with their reasons.
    Confirm { file: PathBuf },
    /// Record that a paid payment paid too much: the amount is taken back by a deduction line
    /// in the next batch (never more than the payment paid, less what was recovered already).
    Overpayment {
        /// The payment number (payroll confirmed it paid).
        payment: i64,
        /// How much too much, in dollars (`25.00`).
        #[arg(long)]
        amount: String,
        /// Why, in words the provider will read.
        #[arg(long)]
        reason: String,
    },
    /// The latest recoveries of overpayments, newest first.
    Recoveries {
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
    /// Send a recovery payroll returned again, for the next batch.
    ResendRecovery { recovery: i64 },
}

fn claim_ref(claim: i64, incentive: bool) -> ClaimRef {
    if incentive {
        ClaimRef::Incentive(claim)
    } else {
        ClaimRef::Training(claim)
    }
}

fn refused(error: PayrollError) -> anyhow::Result<ExitCode> {
    match error {
        PayrollError::Store(e) => Err(e.into()),
        e => {
            eprintln!("refused: {e}");
            Ok(ExitCode::from(1))
        }
    }
}

pub async fn run_claims(store: Arc<dyn Store>, args: ClaimsArgs) -> anyhow::Result<ExitCode> {
    let payroll = Payroll::new(store);
    let caller = Caller::command_line();
    let result = match args.command {
        ClaimsCommand::Queue { county, limit } => {
            let county = match county.map(|c| {
                pathways_domain::ids::CountyCode::new(c)
                    .ok_or_else(|| anyhow::anyhow!("{c} is not a county code (01 to 58)"))
            }) {
                Some(Err(e)) => {
                    eprintln!("refused: {e}");
                    return Ok(ExitCode::from(1));
                }
                Some(Ok(c)) => Some(c),
                None => None,
            };
            payroll
                .queue(&caller, county, 0, limit)
                .await
                .map(|queue| {
                    println!(
                        "{} claims waiting, ${} in all",
                        queue.waiting, queue.waiting_amount
                    );
                    for q in &queue.claims {
                        let c = &q.claim;
                        println!(
                            "claim {}: provider {} ({}), {} on {}, {} hours under case {}, ${}",
                            c.id,
                            c.provider,
                            q.provider_name,
                            c.course,
                            format_date(c.trained_on),
                            c.hours,
                            c.case,
                            c.amount
                        );
                    }
                    for c in &queue.incentives {
                        println!(
                            "incentive claim {}: provider {} ({}), {} {} earned on {}, ${}",
                            c.id,
                            c.incentive.provider,
                            c.provider_name,
                            c.incentive.kind.code(),
                            c.incentive.pathway,
                            format_date(c.incentive.qualified_on),
                            c.incentive.amount
                        );
                    }
                })
        }
        ClaimsCommand::Approve {
            claim: Some(id),
            incentive: true,
            ..
        } => payroll
            .approve_incentive(&caller, id, program_today())
            .await
            .map(|c| println!("incentive claim {id} approved: ${}", c.incentive.amount)),
        ClaimsCommand::Approve { claim: Some(id), .. } => {
            payroll.approve(&caller, id).await.map(|approval| {
                match approval.repriced_from {
                    Some(before) => println!(
                        "claim {id} approved: ${} (was ${before}; the facts changed since it was submitted)",
                        approval.amount
                    ),
                    None => println!("claim {id} approved: ${}", approval.amount),
                }
            })
        }
        ClaimsCommand::Approve { claim: None, .. } => {
            let (waiting, _) = payroll.queue(&caller, None, 0, 0).await.map_or((0, ()), |q| {
                (q.waiting, ())
            });
            let bar = indicatif::ProgressBar::new(waiting);
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "reviewing claims [{bar:40}] {pos}/{len} ({per_sec}, {eta} left)",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
                .progress_chars("=> "),
            );
            let started = std::time::Instant::now();
            let result = payroll
                .approve_all(&caller, program_today(), &|seen| bar.set_position(seen))
                .await;
            bar.finish_and_clear();
            result.map(|bulk| {
                println!(
                    "{} claims approved ({} repriced on new facts) in {:.2} s; {} left for review",
                    bulk.approved,
                    bulk.repriced,
                    started.elapsed().as_secs_f64(),
                    bulk.left.len()
                );
                for (id, refusal) in bulk.left.iter().take(20) {
                    println!("  claim {id}: {refusal}");
                }
                if bulk.left.len() > 20 {
                    println!("  … and {} more", bulk.left.len() - 20);
                }
                println!(
                    "{} incentive claims approved; {} left for review",
                    bulk.incentives_approved,
                    bulk.incentives_left.len()
                );
                for (id, why) in bulk.incentives_left.iter().take(20) {
                    println!("  incentive claim {id}: {why}");
                }
            })
        }
        ClaimsCommand::Deny {
            claim,
            incentive,
            rule,
            note,
        } => {
            let Some(reason) = DenialReason::parse(&rule, note.as_deref()) else {
                eprintln!("refused: {rule:?} is not a rule; `pathways claims rules` lists them");
                return Ok(ExitCode::from(1));
            };
            payroll
                .deny(&caller, claim_ref(claim, incentive), &reason)
                .await
                .map(|()| println!("claim {claim} denied"))
        }
        ClaimsCommand::Resubmit { claim, incentive } => payroll
            .resubmit(&caller, claim_ref(claim, incentive))
            .await
            .map(|()| println!("claim {claim} is back in the review queue")),
        ClaimsCommand::Rules => {
            for rule in ClaimRule::ALL {
                println!("{}", rule.code());
            }
            println!("{} (incentive claims only)", DenialReason::NOT_EARNED);
            println!("other (with --note)");
            Ok(())
        }
    };
    match result {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) => refused(e),
    }
}

pub async fn run_payroll(store: Arc<dyn Store>, args: PayrollArgs) -> anyhow::Result<ExitCode> {
    let payroll = Payroll::new(store);
    let caller = Caller::command_line();
    let result = match args.command {
        PayrollCommand::Batch { period } => {
            let started = std::time::Instant::now();
            payroll
                .create_batch(&caller, period)
                .await
                .map(|batch| match batch {
                    Some(b) => println!(
                        "batch {}: {} payments, ${} in all, pay period {} ({:.2} s)",
                        b.id,
                        b.payment_count,
                        b.total,
                        format_date(b.pay_period),
                        started.elapsed().as_secs_f64()
                    ),
                    None => println!("no approved claims are waiting for payment"),
                })
        }
        PayrollCommand::List => payroll.batches(&caller).await.map(|batches| {
            for b in batches {
                println!(
                    "batch {}: pay period {}, {} payments, ${}, {}",
                    b.id,
                    format_date(b.pay_period),
                    b.payment_count,
                    b.total,
                    b.exported_at.map_or_else(
                        || "not exported yet".to_owned(),
                        |at| format!("exported {}", at.date())
                    )
                );
            }
        }),
        PayrollCommand::Export { batch, file } => {
            let started = std::time::Instant::now();
            payroll.export(&caller, batch, &file).await.map(|b| {
                println!(
                    "batch {} written to {}: {} payments, ${} ({:.2} s)",
                    b.id,
                    file.display(),
                    b.payment_count,
                    b.total,
                    started.elapsed().as_secs_f64()
                );
            })
        }
        PayrollCommand::Confirm { file } => match std::fs::File::open(&file) {
            Ok(input) => payroll
                .confirm(
                    &caller,
                    std::io::BufReader::new(input),
                    &file.display().to_string(),
                )
                .await
                .map(|s| {
                    println!(
                        "{} payments paid, {} rejected, {} already recorded",
                        s.paid, s.rejected, s.unchanged
                    );
                }),
            Err(source) => Err(PayrollError::File { path: file, source }),
        },
        PayrollCommand::Overpayment {
            payment,
            amount,
            reason,
        } => {
            let Ok(amount) =
                pathways_domain::quantity::Money::parse(amount.trim_start_matches('$'))
            else {
                eprintln!("refused: {amount:?} is not an amount in dollars (25.00)");
                return Ok(ExitCode::from(1));
            };
            payroll
                .record_overpayment(&caller, payment, amount, &reason)
                .await
                .map(|r| {
                    println!(
                        "recovery {}: ${} of payment {} from provider {}, in the next batch",
                        r.id, r.amount, r.overpaid_payment, r.provider
                    );
                })
        }
        PayrollCommand::Recoveries { limit } => {
            payroll.recoveries(&caller, limit).await.map(|list| {
                for r in &list {
                    println!(
                        "recovery {}: provider {}, payment {}, ${}, {} – {}",
                        r.id, r.provider, r.overpaid_payment, r.amount, r.state, r.reason
                    );
                }
            })
        }
        PayrollCommand::ResendRecovery { recovery } => payroll
            .resend_recovery(&caller, recovery)
            .await
            .map(|()| println!("recovery {recovery} will be in the next batch")),
    };
    match result {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) => refused(e),
    }
}

//! `pathways demo`: a realistic, deterministic program to try Pathways with.

use std::process::ExitCode;
use std::time::Instant;

use pathways_app::demo::{Demo, DemoOptions};
use pathways_app::seed::{SeedProgress, load_demo};
use pathways_store::Store;

/// Providers in the demo that `serve --demo` loads: enough to explore, quick to load.
pub const DEFAULT_PROVIDERS: u32 = 2_000;
pub const DEFAULT_SEED: u64 = 1;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// How many providers (750000 is state scale).
    #[arg(long, default_value_t = DEFAULT_PROVIDERS)]
    providers: u32,
    /// The same seed gives the same program.
    #[arg(long, default_value_t = DEFAULT_SEED)]
    seed: u64,
    /// How many courses (at least the 60 written by hand). By default one per 375 providers:
    /// 2,000 courses and about 20,000 sessions at state scale.
    #[arg(long)]
    courses: Option<u32>,
}

struct Bar(indicatif::ProgressBar);

impl SeedProgress for Bar {
    fn providers_loaded(&self, loaded: u64) {
        self.0.set_position(loaded);
    }
}

/// Loads the demo and prints what it loaded, how long it took and the database size.
pub async fn load(
    store: &dyn Store,
    providers: u32,
    seed: u64,
    courses: Option<u32>,
) -> anyhow::Result<()> {
    let started = Instant::now();
    let today = pathways_domain::calendar::program_today();
    let demo = Demo::new(DemoOptions {
        providers,
        seed,
        today,
        courses,
    });
    let bar = indicatif::ProgressBar::new(u64::from(demo.provider_count()));
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "loading providers [{bar:40}] {pos}/{len} ({per_sec}, {eta} left)",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    let attendance = load_demo(store, &demo, &Bar(bar.clone())).await?;
    bar.finish_and_clear();
    let counts = store.table_counts().await?;
    println!(
        "demo program loaded in {:.1} s: {} providers, {} recipients, {} assignments, {} work-hour rows, {} vendors, {} courses, {} sessions",
        started.elapsed().as_secs_f64(),
        counts.providers,
        counts.recipients,
        counts.assignments,
        counts.work_hours,
        counts.vendors,
        counts.courses,
        counts.sessions
    );
    println!("{attendance}");
    println!(
        "database size: {:.1} MiB",
        store.size_bytes().await? as f64 / 1_048_576.0
    );
    Ok(())
}

pub async fn run(store: &dyn Store, args: Args) -> anyhow::Result<ExitCode> {
    load(store, args.providers, args.seed, args.courses).await?;
    Ok(ExitCode::SUCCESS)
}

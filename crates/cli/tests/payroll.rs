//! Payroll under fire: `pathways payroll batch`, `pathways payroll export` and
//! `pathways payroll confirm` are killed with SIGKILL at random moments, two batch processes
//! race each other, and each is run again until it completes, on SQLite and (when configured)
//! PostgreSQL. Afterwards every approved claim is in exactly one exported file, each file is
//! whole, the files add up to the approved total to the cent, and every confirmed payment is
//! recorded once.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use pathways_domain::ids::CourseNumber;
use pathways_store::SyntheticClaims;
use pathways_store::testing;

fn spawn(url: &str, args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_pathways"))
        .args(args)
        .env("PATHWAYS_DATABASE_URL", url)
        .env("RUST_LOG", "off")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the pathways binary starts")
}

/// Kills children at random moments, within a window that narrows whenever a child finished
/// before its moment came and widens whenever it did not, so the moments keep falling while
/// the command works, early and late.
struct Killer {
    rng: fastrand::Rng,
    window: Duration,
    landed: u32,
}

impl Killer {
    fn new(seed: u64, window: Duration) -> Self {
        Self {
            rng: fastrand::Rng::with_seed(seed),
            window,
            landed: 0,
        }
    }

    /// Lets `child` run for a random moment within the window, then sends SIGKILL if it is
    /// still running; `true` when it was killed, `false` when it had finished successfully.
    fn strike(&mut self, mut child: Child) -> bool {
        let micros = u64::try_from(self.window.as_micros()).unwrap_or(u64::MAX);
        std::thread::sleep(Duration::from_micros(self.rng.u64(0..=micros)));
        if child.try_wait().expect("the child's state").is_none() {
            child.kill().expect("SIGKILL");
            child.wait().expect("the killed child is reaped");
            self.landed += 1;
            self.window = self.window * 5 / 4;
            return true;
        }
        let output = child.wait_with_output().expect("the child's output");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        self.window = self.window * 3 / 4;
        false
    }
}

fn run_to_end(url: &str, args: &[&str]) {
    let output = spawn(url, args)
        .wait_with_output()
        .expect("the command runs");
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Every payment line of the finished export files in `dir`: payment id → amount in cents.
fn exported(dir: &Path) -> (BTreeMap<i64, i64>, usize) {
    let mut payments = BTreeMap::new();
    let mut files = 0;
    for entry in std::fs::read_dir(dir).expect("the export directory") {
        let path = entry.expect("an entry").path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue; // a killed export's temporary file, never the export itself
        }
        files += 1;
        let text = std::fs::read_to_string(&path).expect("an export file");
        let mut lines = text.lines();
        assert_eq!(lines.next(), Some(pathways_app::payroll::EXPORT_COLUMNS));
        for line in lines {
            let fields: Vec<&str> = line.split(',').collect();
            assert_eq!(fields.len(), 9, "{name}: a whole line: {line}");
            let id: i64 = fields[0].parse().expect("a payment id");
            let (dollars, cents) = fields[7].split_once('.').expect("dollars and cents");
            let amount = dollars.parse::<i64>().unwrap() * 100 + cents.parse::<i64>().unwrap();
            assert!(
                payments.insert(id, amount).is_none(),
                "payment {id} is in two exported files"
            );
        }
    }
    (payments, files)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_batches_and_exports_never_pay_a_claim_twice_or_lose_one() {
    const ROUNDS: u32 = 4;
    const CLAIMS: u32 = 5_000;
    // Incentive claims share the payment numbers and batches.
    const INCENTIVES: u32 = 100;
    for db in testing::all().await {
        let dir = std::env::temp_dir().join(format!(
            "pathways-payroll-faults-{}-{:?}",
            std::process::id(),
            db.store.backend()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let mut batching = Killer::new(20261204, Duration::from_millis(400));
        let mut exporting = Killer::new(20261205, Duration::from_millis(400));
        let mut approved_claims = 0u64;
        for round in 0..ROUNDS {
            // New approved claims arrive between pay periods.
            approved_claims += db
                .store
                .add_synthetic_claims(&SyntheticClaims {
                    count: CLAIMS,
                    first_provider: 1 + round * CLAIMS,
                    course: CourseNumber::parse("GHS-101").unwrap(),
                    trained_on: time::macros::date!(2026 - 01 - 06),
                    state: "approved",
                    at: time::OffsetDateTime::now_utc(),
                    incentives: INCENTIVES,
                })
                .await
                .unwrap();
            let period = format!("2026-0{}-15", round + 1);
            let batch = ["payroll", "batch", "--period", period.as_str()];
            // Two batch processes race, each killed at a random moment, six kills a round.
            for attempt in 0.. {
                assert!(attempt < 200, "{}: kills do not land", db.url);
                let (a, b) = (spawn(&db.url, &batch), spawn(&db.url, &batch));
                batching.strike(a);
                batching.strike(b);
                if batching.landed >= 6 * (round + 1) {
                    break;
                }
            }
            run_to_end(&db.url, &batch);

            // Every batch's export (earlier rounds' too: the same file again) is killed at
            // random, twice at least, until it completes, and then written once more.
            for stored in db.store.payroll_batches().await.unwrap() {
                let id = stored.id.to_string();
                let file = dir.join(format!("payroll-batch-{id}.csv"));
                let file = file.to_string_lossy().into_owned();
                let export = ["payroll", "export", id.as_str(), file.as_str()];
                let before = exporting.landed;
                for attempt in 0.. {
                    assert!(attempt < 200, "{}: kills do not land", db.url);
                    let killed = exporting.strike(spawn(&db.url, &export));
                    if !killed && exporting.landed >= before + 2 {
                        break;
                    }
                }
                run_to_end(&db.url, &export);
            }
        }
        assert!(
            batching.landed >= 20 && exporting.landed >= 20,
            "{}: only {} and {} kills landed while a command ran",
            db.url,
            batching.landed,
            exporting.landed
        );

        let batches = db.store.payroll_batches().await.unwrap();
        let (payments, files) = exported(&dir);
        assert_eq!(files, batches.len(), "{}: one file per batch", db.url);
        assert_eq!(payments.len() as u64, approved_claims, "{}", db.url);
        let batched: u64 = batches.iter().map(|b| b.payment_count).sum();
        assert_eq!(batched, approved_claims, "{}", db.url);
        let exported_total: i64 = payments.values().sum();
        let batched_total: i64 = batches.iter().map(|b| b.total.cents()).sum();
        assert_eq!(exported_total, batched_total, "{}", db.url);
        // The approved total worked out from how the claims were made: claim i of a round is
        // for 100 + i % 700 hundredths of an hour at $16.90, rounded to the cent, and each
        // incentive claim for $500.
        let per_round: i64 = (1..=i64::from(CLAIMS))
            .map(|i| ((100 + i % 700) * 1690 + 50) / 100)
            .sum::<i64>()
            + i64::from(INCENTIVES) * 50_000;
        let incentive_lines = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            // A killed export's temporary file is not an export.
            .filter(|p| !p.file_name().unwrap().to_string_lossy().starts_with('.'))
            .map(|p| std::fs::read_to_string(p).unwrap())
            .map(|text| text.lines().filter(|l| l.contains(",pathway,")).count())
            .sum::<usize>();
        assert_eq!(
            incentive_lines,
            (INCENTIVES * ROUNDS) as usize,
            "{}: every incentive in one file",
            db.url
        );
        assert_eq!(
            exported_total,
            per_round * i64::from(ROUNDS),
            "{}: the approved total to the cent",
            db.url
        );
        assert!(batches.iter().all(|b| b.exported_at.is_some()));

        // Payroll's confirmation of the first batch (every tenth payment returned), killed at
        // random moments too: afterwards each payment is recorded once, as the file says.
        let first = batches.iter().min_by_key(|b| b.id).expect("a batch");
        let mut confirmation = String::from("payment_id,status,reason\n");
        let mut returned = 0;
        for id in payments
            .keys()
            .filter(|id| (first.first_payment..=first.last_payment).contains(*id))
        {
            if id % 10 == 0 {
                returned += 1;
                confirmation.push_str(&format!("{id},rejected,account closed\n"));
            } else {
                confirmation.push_str(&format!("{id},paid,\n"));
            }
        }
        let file = dir.join("confirmation.csv");
        std::fs::write(&file, &confirmation).unwrap();
        let file = file.to_string_lossy().into_owned();
        let confirm = ["payroll", "confirm", file.as_str()];
        let mut confirming = Killer::new(20261206, Duration::from_millis(400));
        for attempt in 0.. {
            assert!(attempt < 200, "{}: kills do not land", db.url);
            if !confirming.strike(spawn(&db.url, &confirm)) && confirming.landed >= 5 {
                break;
            }
        }
        let again = Command::new(env!("CARGO_BIN_EXE_pathways"))
            .args(confirm)
            .env("PATHWAYS_DATABASE_URL", &db.url)
            .env("RUST_LOG", "off")
            .output()
            .expect("the command runs");
        assert!(
            again.status.success(),
            "{}",
            String::from_utf8_lossy(&again.stderr)
        );
        assert_eq!(
            String::from_utf8_lossy(&again.stdout).trim(),
            format!(
                "0 payments paid, 0 rejected, {} already recorded",
                first.payment_count
            ),
            "{}: every payment recorded once",
            db.url
        );
        assert!(returned > 0);
        let _ = std::fs::remove_dir_all(&dir);
        eprintln!(
            "{}: {} batch kills, {} export kills, {} confirmation kills, {} batches",
            db.url,
            batching.landed,
            exporting.landed,
            confirming.landed,
            batches.len()
        );
    }
}

//! Loads the demo program into a database through the same paths as real data: reference
//! records by upsert, attendance through verification, so the demo shows held records with the
//! reasons real files would get.

use std::collections::BTreeMap;

use pathways_domain::entities::AttendanceReport;
use pathways_domain::ids::VendorCode;
use pathways_domain::policy::PolicyBook;
use pathways_store::{Batch, Store};

use crate::demo::Demo;
use crate::import::{AttendanceJudge, ImportError, ImportKind, ImportSummary};

/// Providers loaded per transaction.
pub const PROVIDERS_PER_CHUNK: usize = 5_000;

/// Told how many providers have been loaded.
pub trait SeedProgress: Send + Sync {
    fn providers_loaded(&self, loaded: u64);
}

#[derive(Debug, Default)]
pub struct NoSeedProgress;

impl SeedProgress for NoSeedProgress {
    fn providers_loaded(&self, _loaded: u64) {}
}

/// Loads `demo`; loading the same demo again changes nothing.
pub async fn load_demo(
    store: &dyn Store,
    demo: &Demo,
    progress: &dyn SeedProgress,
) -> Result<ImportSummary, ImportError> {
    for version in demo.policy_versions() {
        store.add_policy_version(&version).await?;
    }
    let policy = PolicyBook::new(store.policy_versions().await?);

    let mut tx = store.begin_import().await?;
    tx.upsert(&Batch::WageRates(demo.wage_rates())).await?;
    tx.upsert(&Batch::Vendors(demo.vendors())).await?;
    tx.upsert(&Batch::Courses(demo.courses())).await?;
    tx.upsert(&Batch::Sessions(demo.sessions())).await?;
    tx.commit().await?;

    let mut attendance = ImportSummary {
        kind: Some(ImportKind::Attendance),
        ..Default::default()
    };
    let mut loaded = 0u64;
    for chunk in demo.provider_chunks(PROVIDERS_PER_CHUNK) {
        loaded += chunk.providers.len() as u64;
        let mut tx = store.begin_import().await?;
        tx.upsert(&Batch::Providers(chunk.providers)).await?;
        tx.upsert(&Batch::Recipients(chunk.recipients)).await?;
        tx.upsert(&Batch::Assignments(chunk.assignments)).await?;
        tx.upsert(&Batch::WorkHours(chunk.work_hours)).await?;
        // Each vendor reports its own file; within it, rows keep their generated order.
        let mut by_vendor: BTreeMap<VendorCode, Vec<(u64, AttendanceReport)>> = BTreeMap::new();
        for (vendor, report) in chunk.attendance {
            let rows = by_vendor.entry(vendor).or_default();
            let line = rows.len() as u64 + 2;
            rows.push((line, report));
        }
        let mut judge = AttendanceJudge::new(&mut *tx, policy.clone()).await?;
        for (vendor, reports) in &by_vendor {
            attendance.rows += reports.len() as u64;
            for part in reports.chunks(5_000) {
                judge.judge(&mut *tx, vendor, part, &mut attendance).await?;
            }
        }
        tx.commit().await?;
        progress.providers_loaded(loaded);
    }
    Ok(attendance)
}

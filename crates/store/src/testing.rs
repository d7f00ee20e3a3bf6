//! Fresh, migrated databases for tests: a SQLite file always, and a PostgreSQL database when
//! `PATHWAYS_TEST_POSTGRES_URL` names a server (CI always sets it, so PostgreSQL is never
//! skipped there; if it is set and the server cannot be reached, the test fails).

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use sqlx::Connection;

use crate::{Store, StoreResult, connect};

/// The environment variable naming the PostgreSQL server for tests, e.g.
/// `postgres://postgres@127.0.0.1:5432/postgres`.
pub const POSTGRES_ENV: &str = "PATHWAYS_TEST_POSTGRES_URL";

/// A migrated database of its own for one test. Dropping it removes the database.
#[derive(Debug)]
pub struct TestDatabase {
    pub store: Arc<dyn Store>,
    pub url: String,
    cleanup: Cleanup,
}

#[derive(Debug)]
enum Cleanup {
    File(std::path::PathBuf),
    /// CI starts from a fresh PostgreSQL database each run, so test databases are left for it
    /// (dropping one needs async and no open connections, which `Drop` cannot wait for).
    Postgres,
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::File(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let mut p = path.clone().into_os_string();
                    p.push(suffix);
                    let _ = std::fs::remove_file(p);
                }
            }
            Cleanup::Postgres => {}
        }
    }
}

fn unique_name(prefix: &str) -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or_default();
    format!(
        "{prefix}_{}_{}_{nanos}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// A new SQLite database file in the temporary directory.
pub async fn sqlite() -> StoreResult<TestDatabase> {
    let path = std::env::temp_dir().join(format!("{}.db", unique_name("pathways_test")));
    let url = format!("sqlite://{}", path.display());
    let store = connect(&url).await?;
    store.migrate().await?;
    Ok(TestDatabase {
        store,
        url,
        cleanup: Cleanup::File(path),
    })
}

/// A new PostgreSQL database on the test server, or `None` when no server is configured.
pub async fn postgres() -> StoreResult<Option<TestDatabase>> {
    let Ok(admin_url) = std::env::var(POSTGRES_ENV) else {
        return Ok(None);
    };
    let name = unique_name("pathways_test");
    let mut admin = sqlx::PgConnection::connect(&admin_url).await?;
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut admin)
        .await?;
    admin.close().await?;
    let url = replace_database(&admin_url, &name);
    let store = connect(&url).await?;
    store.migrate().await?;
    Ok(Some(TestDatabase {
        store,
        url,
        cleanup: Cleanup::Postgres,
    }))
}

/// Every backend available to this test run: SQLite, and PostgreSQL when configured.
pub async fn all() -> Vec<TestDatabase> {
    let mut dbs = vec![sqlite().await.expect("a SQLite test database")];
    match postgres().await {
        Ok(Some(db)) => dbs.push(db),
        Ok(None) => eprintln!("note: {POSTGRES_ENV} is not set; PostgreSQL is not tested here"),
        Err(e) => panic!("{POSTGRES_ENV} is set but PostgreSQL cannot be used: {e}"),
    }
    dbs
}

/// The URL with its database name replaced.
fn replace_database(url: &str, name: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let path_start = base[scheme_end..].find('/').map(|i| i + scheme_end);
    let server = path_start.map_or(base, |i| &base[..i]);
    let mut out = format!("{server}/{name}");
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    out
}

/// A store whose database cannot be reached: every call fails quickly, as when the database
/// server is down. For tests of how the edges report storage failures.
pub fn unreachable() -> Arc<dyn Store> {
    let options = sqlx::postgres::PgConnectOptions::new()
        .host("127.0.0.1")
        .port(9)
        .username("nobody")
        .database("gone");
    let pool = sqlx::postgres::PgPoolOptions::new()
        .acquire_timeout(std::time::Duration::from_millis(300))
        .connect_lazy_with(options);
    Arc::new(crate::PgStore::from_pool(pool))
}

/// An audit entry by the command line, now, for store calls in tests.
pub fn audit_entry(action: &str, record_type: &str) -> crate::accounts::AuditEntry {
    crate::accounts::AuditEntry {
        at: time::OffsetDateTime::now_utc(),
        actor: crate::accounts::AuditActor {
            account: None,
            label: "test".into(),
        },
        action: action.into(),
        record_type: record_type.into(),
        record_key: String::new(),
        before: None,
        after: None,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn database_names_are_replaced_in_urls() {
        use super::replace_database as r;
        assert_eq!(
            r("postgres://u@h:5432/postgres", "x"),
            "postgres://u@h:5432/x"
        );
        assert_eq!(r("postgres://u@h:5432", "x"), "postgres://u@h:5432/x");
        assert_eq!(
            r("postgres://u@h/db?sslmode=disable", "x"),
            "postgres://u@h/x?sslmode=disable"
        );
    }
}

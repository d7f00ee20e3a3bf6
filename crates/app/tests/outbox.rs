//! The outbox worker on both databases: every message is written to the folder once and
//! completely, however many workers run; failures are retried with backoff and then given up.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_trait::async_trait;
use pathways_app::outbox::{
    DeliveryError, DeliveryReport, DeliveryWorker, FailureKind, FolderTransport, MAX_ATTEMPTS,
    MessageStatus, Transport, Transports,
};
use pathways_store::accounts::{Channel, NewMessage, OutboxMessage};
use pathways_store::{Store, testing};
use time::OffsetDateTime;
use time::macros::datetime;

const T0: OffsetDateTime = datetime!(2026-12-01 09:00 UTC);

/// A folder of its own under the temporary directory, removed afterwards.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Self {
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let path = std::env::temp_dir().join(format!(
            "pathways_outbox_{}_{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&path);
        Self(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The folder transport, counting what it was given.
#[derive(Debug)]
struct Counting {
    folder: FolderTransport,
    sent: Mutex<Vec<i64>>,
}

#[async_trait]
impl Transport for Counting {
    async fn send(&self, message: &OutboxMessage) -> Result<(), DeliveryError> {
        self.sent.lock().unwrap().push(message.id);
        // Let the other worker run between claiming and recording.
        tokio::task::yield_now().await;
        self.folder.send(message).await
    }

    fn describe(&self) -> String {
        "counting".to_owned()
    }
}

/// Fails the first `failures` attempts, then succeeds.
#[derive(Debug)]
struct Flaky {
    failures: u32,
    kind: FailureKind,
    calls: AtomicU32,
}

#[async_trait]
impl Transport for Flaky {
    async fn send(&self, _: &OutboxMessage) -> Result<(), DeliveryError> {
        if self.calls.fetch_add(1, Ordering::SeqCst) < self.failures {
            Err(DeliveryError::new(self.kind, "the test server is down"))
        } else {
            Ok(())
        }
    }

    fn describe(&self) -> String {
        "flaky".to_owned()
    }
}

fn flaky(failures: u32, kind: FailureKind) -> Arc<Flaky> {
    Arc::new(Flaky {
        failures,
        kind,
        calls: AtomicU32::new(0),
    })
}

fn new_message(n: usize, channel: Channel) -> NewMessage {
    new_message_at(n, channel, T0)
}

fn new_message_at(n: usize, channel: Channel, created_at: OffsetDateTime) -> NewMessage {
    let (recipient, purpose) = match channel {
        Channel::Email => (format!("person{n}@example.org"), "register-code"),
        Channel::Sms => (format!("+1916555{n:04}"), "reset-code"),
    };
    NewMessage {
        channel,
        recipient,
        language: if n.is_multiple_of(2) { "en" } else { "es" }.to_owned(),
        purpose: purpose.to_owned(),
        subject: format!("Your Pathways code ({n})"),
        body: format!(
            "Your code is {:06}.\nIt works for 15 minutes.\n",
            100_000 + n
        ),
        calendar: None,
        created_at,
        due_at: None,
        topic: None,
    }
}

async fn enqueue(store: &dyn Store, count: usize) -> Vec<i64> {
    let mut ids = Vec::new();
    for n in 0..count {
        let channel = if n % 3 == 2 {
            Channel::Sms
        } else {
            Channel::Email
        };
        ids.push(
            store
                .enqueue_message(&new_message(n, channel))
                .await
                .unwrap(),
        );
    }
    ids
}

/// Every file under `dir`, by name relative to it, with its text.
fn files(dir: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for channel in ["email", "sms"] {
        let Ok(entries) = std::fs::read_dir(dir.join(channel)) else {
            continue;
        };
        for entry in entries {
            let entry = entry.unwrap();
            let name = format!("{channel}/{}", entry.file_name().to_string_lossy());
            out.insert(name, std::fs::read_to_string(entry.path()).unwrap());
        }
    }
    out
}

fn report(sent: u32, failed: u32, gave_up: u32) -> DeliveryReport {
    DeliveryReport {
        sent,
        failed,
        gave_up,
    }
}

#[tokio::test]
async fn enqueued_messages_are_written_to_the_folder_once_and_completely() {
    for db in testing::all().await {
        let dir = TempDir::new();
        let counting = Arc::new(Counting {
            folder: FolderTransport::new(&dir.0, "Pathways <no-reply@pathways.invalid>"),
            sent: Mutex::new(Vec::new()),
        });
        let worker = DeliveryWorker::new(db.store.clone(), Transports::all(counting.clone()))
            .with_batch_size(4);
        let ids = enqueue(db.store.as_ref(), 9).await;

        assert_eq!(
            worker.run_once(T0).await.unwrap(),
            report(4, 0, 0),
            "one batch"
        );
        assert_eq!(worker.deliver_due(T0).await.unwrap(), report(5, 0, 0));
        assert_eq!(worker.run_once(T0).await.unwrap(), report(0, 0, 0));
        assert_eq!(
            worker
                .run_once(T0 + Duration::from_secs(86_400))
                .await
                .unwrap(),
            report(0, 0, 0),
            "a sent message is never due again"
        );
        assert_eq!(*counting.sent.lock().unwrap(), ids, "{}", db.url);

        let written = files(&dir.0);
        assert_eq!(written.len(), 9, "{:?}", written.keys());
        let first = &written[&format!("email/{:06}-register-code.eml", ids[0])];
        assert!(
            first.starts_with(
                "From: Pathways <no-reply@pathways.invalid>\nTo: person0@example.org\n"
            )
        );
        assert!(first.contains("\nSubject: Your Pathways code (0)\n"));
        assert!(first.contains("\nContent-Language: en\n"));
        assert!(first.contains("\nDate: Tue, 01 Dec 2026 09:00:00 +0000\n"));
        assert!(first.ends_with("\n\nYour code is 100000.\nIt works for 15 minutes.\n"));
        let sms = &written[&format!("sms/{:06}-reset-code.txt", ids[2])];
        assert_eq!(
            sms,
            "To: +19165550002\n\
             Date: Tue, 01 Dec 2026 09:00:00 +0000\n\
             Content-Language: en\n\
             Purpose: reset-code\n\
             \n\
             Your code is 100002.\nIt works for 15 minutes.\n"
        );
        for (name, text) in &written {
            assert!(!name.contains(".tmp"), "no temporary file is left: {name}");
            assert!(text.ends_with("It works for 15 minutes.\n"), "{name}");
        }

        let listed = db.store.outbox(None, 100).await.unwrap();
        assert_eq!(listed.len(), 9);
        for m in &listed {
            assert_eq!(m.sent_at, Some(T0), "{}", db.url);
            assert_eq!(m.attempts, 1);
            assert_eq!(MessageStatus::of(m), MessageStatus::Sent);
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_workers_at_once_never_send_a_message_twice() {
    for db in testing::all().await {
        let dir = TempDir::new();
        let counting = Arc::new(Counting {
            folder: FolderTransport::new(&dir.0, "Pathways <no-reply@pathways.invalid>"),
            sent: Mutex::new(Vec::new()),
        });
        let worker = |store: Arc<dyn Store>| {
            DeliveryWorker::new(store, Transports::all(counting.clone())).with_batch_size(3)
        };
        let (a, b) = (worker(db.store.clone()), worker(db.store.clone()));
        let ids = enqueue(db.store.as_ref(), 40).await;

        let (ra, rb) = tokio::join!(
            tokio::spawn(async move { a.deliver_due(T0).await.unwrap() }),
            tokio::spawn(async move { b.deliver_due(T0).await.unwrap() }),
        );
        let (ra, rb) = (ra.unwrap(), rb.unwrap());
        assert_eq!(ra.sent + rb.sent, 40, "{ra:?} {rb:?} {}", db.url);

        let mut sent = counting.sent.lock().unwrap().clone();
        sent.sort_unstable();
        assert_eq!(sent, ids, "each message handed to a transport once");
        assert_eq!(files(&dir.0).len(), 40);

        let again = worker(db.store.clone()).run_once(T0).await.unwrap();
        assert_eq!(again, report(0, 0, 0));
    }
}

#[tokio::test]
async fn a_failed_attempt_is_retried_after_a_minute_and_then_sent() {
    for db in testing::all().await {
        let transport = flaky(2, FailureKind::Connection);
        let worker = DeliveryWorker::new(db.store.clone(), Transports::all(transport.clone()));
        let id = enqueue(db.store.as_ref(), 1).await[0];

        assert_eq!(worker.run_once(T0).await.unwrap(), report(0, 1, 0));
        let m = &db.store.outbox(None, 1).await.unwrap()[0];
        assert_eq!((m.id, m.attempts, m.sent_at), (id, 1, None));
        assert_eq!(
            m.last_error.as_deref(),
            Some("connection failed: the test server is down")
        );
        assert_eq!(MessageStatus::of(m), MessageStatus::Retrying);

        let minute = Duration::from_secs(60);
        assert_eq!(
            worker
                .run_once(T0 + minute - Duration::from_secs(1))
                .await
                .unwrap(),
            report(0, 0, 0),
            "not due before a minute has passed"
        );
        assert_eq!(worker.run_once(T0 + minute).await.unwrap(), report(0, 1, 0));
        let second = T0 + minute;
        assert_eq!(
            worker.run_once(second + 4 * minute).await.unwrap(),
            report(0, 0, 0),
            "the second retry waits five minutes"
        );
        let third = second + 5 * minute;
        assert_eq!(worker.run_once(third).await.unwrap(), report(1, 0, 0));
        assert_eq!(transport.calls.load(Ordering::SeqCst), 3);

        let m = &db.store.outbox(None, 1).await.unwrap()[0];
        assert_eq!((m.attempts, m.sent_at), (3, Some(third)), "{}", db.url);
        assert_eq!(MessageStatus::of(m), MessageStatus::Sent);
        assert_eq!(
            worker.run_once(third + 86_400 * minute).await.unwrap(),
            report(0, 0, 0)
        );
    }
}

#[tokio::test]
async fn after_ten_failed_attempts_the_worker_gives_up() {
    for db in testing::all().await {
        let transport = flaky(u32::MAX, FailureKind::Refused);
        let worker = DeliveryWorker::new(db.store.clone(), Transports::all(transport.clone()));
        enqueue(db.store.as_ref(), 1).await;

        let mut now = T0;
        let mut total = DeliveryReport::default();
        for _ in 0..MAX_ATTEMPTS {
            total += worker.run_once(now).await.unwrap();
            // Later than any retry delay.
            now += Duration::from_secs(7 * 3600);
        }
        assert_eq!(total, report(0, MAX_ATTEMPTS - 1, 1), "{}", db.url);
        assert_eq!(transport.calls.load(Ordering::SeqCst), MAX_ATTEMPTS);

        let m = &db.store.outbox(None, 1).await.unwrap()[0];
        assert_eq!(m.attempts, MAX_ATTEMPTS);
        assert_eq!(MessageStatus::of(m), MessageStatus::GaveUp);
        assert_eq!(
            m.last_error.as_deref(),
            Some("gave up after 10 attempts: refused by the server: the test server is down")
        );
        assert_eq!(
            worker
                .run_once(datetime!(2999-01-01 0:00 UTC))
                .await
                .unwrap(),
            report(0, 0, 0),
            "never due again"
        );
    }
}

#[tokio::test]
async fn an_unusable_address_is_given_up_at_once() {
    for db in testing::all().await {
        let transport = flaky(u32::MAX, FailureKind::BadAddress);
        let worker = DeliveryWorker::new(db.store.clone(), Transports::all(transport.clone()));
        enqueue(db.store.as_ref(), 1).await;

        assert_eq!(worker.run_once(T0).await.unwrap(), report(0, 0, 1));
        let m = &db.store.outbox(None, 1).await.unwrap()[0];
        assert_eq!(MessageStatus::of(m), MessageStatus::GaveUp, "{}", db.url);
        assert_eq!(m.attempts, 1);
        assert_eq!(
            worker
                .run_once(T0 + Duration::from_secs(86_400))
                .await
                .unwrap(),
            report(0, 0, 0)
        );
    }
}

#[tokio::test]
async fn a_send_that_hangs_counts_as_failed_when_it_times_out() {
    #[derive(Debug)]
    struct Hangs;

    #[async_trait]
    impl Transport for Hangs {
        async fn send(&self, _: &OutboxMessage) -> Result<(), DeliveryError> {
            std::future::pending().await
        }

        fn describe(&self) -> String {
            "hangs".to_owned()
        }
    }

    let db = testing::sqlite().await.unwrap();
    let worker = DeliveryWorker::new(db.store.clone(), Transports::all(Arc::new(Hangs)))
        .with_send_timeout(Duration::from_millis(50));
    enqueue(db.store.as_ref(), 1).await;
    assert_eq!(worker.run_once(T0).await.unwrap(), report(0, 1, 0));
    let m = &db.store.outbox(None, 1).await.unwrap()[0];
    assert_eq!(
        m.last_error.as_deref(),
        Some("timed out: no answer within 50ms")
    );
}

#[tokio::test]
async fn a_spawned_worker_delivers_in_the_background_and_stops_when_asked() {
    let db = testing::sqlite().await.unwrap();
    let dir = TempDir::new();
    let folder = Arc::new(FolderTransport::new(
        &dir.0,
        "Pathways <no-reply@pathways.invalid>",
    ));
    let now = pathways_app::outbox::now();
    for n in 0..2 {
        let message = new_message_at(n, Channel::Email, now);
        db.store.enqueue_message(&message).await.unwrap();
    }
    let running = DeliveryWorker::new(db.store.clone(), Transports::all(folder))
        .with_poll_interval(Duration::from_millis(20))
        .spawn();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while files(&dir.0).len() < 2 && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(files(&dir.0).len(), 2);
    running.stop().await;

    let late = new_message_at(5, Channel::Email, now);
    db.store.enqueue_message(&late).await.unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(files(&dir.0).len(), 2, "a stopped worker sends nothing");
}

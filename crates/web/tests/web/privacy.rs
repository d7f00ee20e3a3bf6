//! No personal data in logs: requests that carry provider numbers, emails, phone numbers,
//! passwords and tokens, and that fail in every way we log, leave none of it in the log.

use std::io::Write;
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::http::{Method, Request};
use tracing_subscriber::fmt::MakeWriter;

use crate::helpers::TestApp;

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .expect("the log buffer")
            .extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Captured {
    type Writer = Self;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

const SECRETS: [&str; 5] = [
    "100000001",
    "ana.lopez@example.org",
    "916-555-0199",
    "my secret password phrase",
    "pwt_4b1d",
];

#[tokio::test]
async fn failures_are_logged_without_the_personal_data_the_requests_carried() {
    let captured = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(captured.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let app = TestApp::spawn().await;
    let form = format!(
        "csrf=forged&login={}&password={}&provider_number={}&contact={}",
        SECRETS[1].replace('@', "%40"),
        SECRETS[3].replace(' ', "+"),
        SECRETS[0],
        SECRETS[2]
    );
    for path in ["/sign-in", "/register", "/password/forgot"] {
        let request = Request::builder()
            .method(Method::POST)
            .uri(path)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::from(form.clone()))
            .expect("a request");
        let response = app.send(request).await;
        assert_eq!(response.status.as_u16(), 403, "{path}");
    }
    for (path, auth) in [
        (
            format!("/api/v1/providers/{}", SECRETS[0]),
            format!("Bearer {}", SECRETS[4]),
        ),
        (
            "/api/v1/vendors/V1/attendance/held".to_owned(),
            format!("Bearer {}", SECRETS[4]),
        ),
    ] {
        let request = Request::builder()
            .uri(&path)
            .header("authorization", auth)
            .body(Body::empty())
            .expect("a request");
        assert_eq!(app.send(request).await.status.as_u16(), 401);
    }
    // A storage failure is logged (as an error) with its category, not the request's data.
    let broken = TestApp::over(pathways_store::testing::unreachable());
    let failed = broken
        .get_with(
            &format!("/courses?language={}", SECRETS[1]),
            &[("cookie", &format!("pathways_session={}", "a".repeat(64)))],
        )
        .await;
    assert_eq!(failed.status.as_u16(), 500);

    let log = String::from_utf8(captured.0.lock().expect("the log").clone()).expect("UTF-8");
    assert!(
        log.contains("CSRF"),
        "the test must see the logs it checks: {log}"
    );
    assert!(log.contains("ERROR"), "{log}");
    for secret in SECRETS {
        assert!(!log.contains(secret), "the log holds {secret}: {log}");
    }
}

//! Health, security headers, the stylesheet, failures, and the real server on a free port.

use std::sync::Arc;

use async_trait::async_trait;
use axum::http::StatusCode;
use pathways_domain::ids::{CourseNumber, VendorCode};
use pathways_domain::policy::PolicyVersion;
use pathways_store::{
    AttendanceKeyRef, AttendanceRecord, Backend, CatalogFilter, CatalogPage, CourseDetail,
    ImportTx, Store, StoreError, StoreResult, TableCounts,
};
use time::Date;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::helpers::TestApp;

/// A store whose database is gone: every call fails.
#[derive(Debug)]
struct BrokenStore;

fn broken<T>() -> StoreResult<T> {
    Err(StoreError::Corrupt("secret database detail".into()))
}

#[async_trait]
impl Store for BrokenStore {
    fn backend(&self) -> Backend {
        Backend::Sqlite
    }
    async fn migrate(&self) -> StoreResult<()> {
        broken()
    }
    async fn ping(&self) -> StoreResult<()> {
        broken()
    }
    async fn begin_import(&self) -> StoreResult<Box<dyn ImportTx>> {
        broken()
    }
    async fn policy_versions(&self) -> StoreResult<Vec<PolicyVersion>> {
        broken()
    }
    async fn add_policy_version(&self, _: &PolicyVersion) -> StoreResult<bool> {
        broken()
    }
    async fn search_catalog(&self, _: &CatalogFilter, _: Date) -> StoreResult<CatalogPage> {
        broken()
    }
    async fn catalog_course(&self, _: &CourseNumber, _: Date) -> StoreResult<Option<CourseDetail>> {
        broken()
    }
    async fn catalog_languages(&self, _: Date) -> StoreResult<Vec<String>> {
        broken()
    }
    async fn held_attendance(
        &self,
        _: Option<&VendorCode>,
        _: Option<&AttendanceKeyRef>,
        _: u32,
    ) -> StoreResult<Vec<AttendanceRecord>> {
        broken()
    }
    async fn table_counts(&self) -> StoreResult<TableCounts> {
        broken()
    }
    async fn size_bytes(&self) -> StoreResult<u64> {
        broken()
    }
}

#[tokio::test]
async fn health_is_ok_when_the_database_answers() {
    let app = TestApp::empty().await;
    let response = app.get("/health").await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(response.json(), serde_json::json!({"status": "ok"}));
}

#[tokio::test]
async fn health_is_503_when_the_database_does_not_answer() {
    let app = TestApp::over(Arc::new(BrokenStore));
    let response = app.get("/health").await;
    assert_eq!(response.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(response.json()["status"], "unavailable");
}

#[tokio::test]
async fn a_storage_failure_shows_a_short_translated_message_without_details() {
    let app = TestApp::over(Arc::new(BrokenStore));
    let page = app.get_with("/courses", &[("accept-language", "es")]).await;
    assert_eq!(page.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(page.html_lang(), "es");
    assert!(
        page.body
            .contains("Lo sentimos, algo salió mal de nuestro lado")
    );
    assert!(!page.body.contains("secret"));
    let api = app.get("/api/v1/courses").await;
    assert_eq!(api.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(api.json()["error"]["code"], "internal_error");
    assert!(!api.body.contains("secret"));
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = TestApp::spawn().await;
    for path in [
        "/",
        "/courses",
        "/courses?pathway=XYZ",
        "/courses/GHS-101",
        "/courses/NO-SUCH",
        "/api/v1/courses",
        "/api/v1/courses/NO-SUCH",
        "/health",
        "/static/site.css",
        "/language/es?next=/",
    ] {
        let response = app.get(path).await;
        assert_eq!(
            response.header("content-security-policy"),
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
             frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
            "{path}"
        );
        assert_eq!(response.header("x-frame-options"), "DENY", "{path}");
        assert_eq!(
            response.header("x-content-type-options"),
            "nosniff",
            "{path}"
        );
        assert_eq!(response.header("referrer-policy"), "no-referrer", "{path}");
    }
}

#[tokio::test]
async fn pages_have_no_inline_script_or_style_so_the_policy_holds() {
    let app = TestApp::spawn().await;
    for path in [
        "/",
        "/courses",
        "/courses?pathway=XYZ",
        "/courses/GHS-101",
        "/nope",
    ] {
        let page = app.get(path).await;
        assert!(!page.body.contains("<script"), "{path}");
        assert!(!page.body.contains("<style"), "{path}");
        assert!(!page.body.contains("style=\""), "{path}");
        assert!(
            page.body
                .contains("<link rel=\"stylesheet\" href=\"/static/site.css\">")
        );
    }
}

#[tokio::test]
async fn the_stylesheet_is_served_from_the_binary() {
    let app = TestApp::empty().await;
    let response = app.get("/static/site.css").await;
    assert_eq!(response.status, StatusCode::OK);
    assert!(response.header("content-type").starts_with("text/css"));
    assert!(response.body.contains(":focus-visible"));
}

#[tokio::test]
async fn the_real_server_answers_on_a_port_the_system_picks() {
    let app = TestApp::empty().await;
    let store = app.store_arc();
    let router = pathways_web::build(store, pathways_web::WebConfig::default()).await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a free port");
    let addr = listener.local_addr().expect("an address");
    let server = tokio::spawn(pathways_web::serve(listener, router));

    let mut stream = tokio::net::TcpStream::connect(addr)
        .await
        .expect("a connection");
    stream
        .write_all(b"GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .await
        .expect("a request");
    let mut reply = String::new();
    stream.read_to_string(&mut reply).await.expect("a reply");
    assert!(reply.starts_with("HTTP/1.1 200 OK"), "{reply}");
    assert!(reply.ends_with("{\"status\":\"ok\"}"), "{reply}");
    server.abort();
}

//! Health, security headers, the stylesheet, failures, and the real server on a free port.

use axum::http::StatusCode;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::helpers::TestApp;

#[tokio::test]
async fn health_is_ok_when_the_database_answers() {
    let app = TestApp::empty().await;
    let response = app.get("/health").await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(response.json(), serde_json::json!({"status": "ok"}));
}

#[tokio::test]
async fn health_is_503_when_the_database_does_not_answer() {
    let app = TestApp::over(pathways_store::testing::unreachable());
    let response = app.get("/health").await;
    assert_eq!(response.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(response.json()["status"], "unavailable");
}

#[tokio::test]
async fn a_storage_failure_shows_a_short_translated_message_without_details() {
    let app = TestApp::over(pathways_store::testing::unreachable());
    let page = app.get_with("/courses", &[("accept-language", "es")]).await;
    assert_eq!(page.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(page.html_lang(), "es");
    assert!(
        page.body
            .contains("Lo sentimos, algo salió mal de nuestro lado")
    );
    for detail in ["127.0.0.1", "refused", "os error", "pool"] {
        assert!(!page.body.contains(detail), "{detail}");
    }
    let api = app.get("/api/v1/courses").await;
    assert_eq!(api.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(api.json()["error"]["code"], "internal_error");
    assert!(!api.body.contains("refused") && !api.body.contains("127.0.0.1"));
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

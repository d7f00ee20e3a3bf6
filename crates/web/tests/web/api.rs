//! The JSON API: list and course shapes, filters, errors.

use axum::http::StatusCode;
use serde_json::json;

use crate::helpers::TestApp;

#[tokio::test]
async fn the_api_lists_catalog_courses_with_paging_figures() {
    let app = TestApp::spawn().await;
    let response = app.get("/api/v1/courses").await;
    assert_eq!(response.status, StatusCode::OK);
    assert!(
        response
            .header("content-type")
            .starts_with("application/json")
    );
    let body = response.json();
    assert_eq!(body["total"], 3);
    assert_eq!(body["page"], 1);
    assert_eq!(body["per_page"], 20);
    let numbers: Vec<&str> = body["courses"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|c| c["course_number"].as_str().expect("a number"))
        .collect();
    assert_eq!(numbers.len(), 3);
    assert!(numbers.contains(&"GHS-101") && numbers.contains(&"CPC-201"));
    let safety = body["courses"]
        .as_array()
        .expect("a list")
        .iter()
        .find(|c| c["course_number"] == "GHS-101")
        .expect("GHS-101");
    assert_eq!(
        *safety,
        json!({
            "course_number": "GHS-101",
            "title": "Safety at Home",
            "description": "Learn how to prevent falls and fires.\nBring a notebook.",
            "pathway": "GHS",
            "category": 1,
            "credit_hours": "1.50",
            "modality": "in-person",
            "languages": ["en", "es"],
            "vendor": {"code": "V1", "name": "Valley Care College"},
            "registration_url": null,
            "upcoming_sessions": 2,
            "published_on": "2026-01-05"
        })
    );
}

#[tokio::test]
async fn the_api_takes_the_same_filters_as_the_page_and_a_page_size() {
    let app = TestApp::spawn().await;
    let body = app.get("/api/v1/courses?category=2").await.json();
    assert_eq!(body["total"], 1);
    assert_eq!(body["courses"][0]["course_number"], "CPC-201");
    assert_eq!(body["courses"][0]["category"], 2);

    let body = app
        .get("/api/v1/courses?language=es&modality=in-person")
        .await
        .json();
    assert_eq!(body["total"], 1);

    let body = app.get("/api/v1/courses?per_page=2&page=2").await.json();
    assert_eq!(body["total"], 3);
    assert_eq!(body["per_page"], 2);
    assert_eq!(body["page"], 2);
    assert_eq!(body["courses"].as_array().expect("a list").len(), 1);
}

#[tokio::test]
async fn bad_api_input_is_a_400_naming_the_field() {
    let app = TestApp::spawn().await;
    for (query, field) in [
        ("pathway=XYZ", "pathway"),
        ("category=3", "category"),
        ("modality=radio", "modality"),
        ("language=%21%21", "language"),
        ("page=0", "page"),
        ("page=two", "page"),
        ("per_page=101", "per_page"),
    ] {
        let response = app.get(&format!("/api/v1/courses?{query}")).await;
        assert_eq!(response.status, StatusCode::BAD_REQUEST, "{query}");
        let body = response.json();
        assert_eq!(body["error"]["code"], "invalid_parameter", "{query}");
        assert_eq!(body["error"]["field"], field, "{query}");
        assert!(
            !body["error"]["message"]
                .as_str()
                .unwrap_or_default()
                .is_empty(),
            "{query}"
        );
    }
    let body = app
        .get_with("/api/v1/courses?pathway=XYZ", &[("accept-language", "es")])
        .await
        .json();
    assert_eq!(
        body["error"]["message"],
        "Elija una trayectoria de la lista"
    );
}

#[tokio::test]
async fn the_api_gives_one_course_with_vendor_contact_and_sessions() {
    let app = TestApp::spawn().await;
    let response = app.get("/api/v1/courses/ghs-101").await;
    assert_eq!(response.status, StatusCode::OK);
    let body = response.json();
    assert_eq!(body["course_number"], "GHS-101");
    assert_eq!(
        body["vendor"],
        json!({
            "code": "V1",
            "name": "Valley Care College",
            "email": "v1@example.org",
            "phone": "(916) 555-0100",
            "website": "https://v1.example.org"
        })
    );
    assert_eq!(
        body["sessions"],
        json!([
            {
                "session_id": "S-MARCH",
                "starts_at": "2026-03-16T09:00",
                "ends_at": "2026-03-16T12:30",
                "location": "1 Main St, Sacramento",
                "online": false,
                "county_code": null,
                "capacity": 20
            },
            {
                "session_id": "S-ONLINE",
                "starts_at": "2026-03-20T14:00",
                "ends_at": "2026-03-20T17:00",
                "location": null,
                "online": true,
                "county_code": null,
                "capacity": 20
            }
        ])
    );
    let lifting = app.get("/api/v1/courses/CPC-201").await.json();
    assert_eq!(
        lifting["registration_url"],
        "https://v2.example.org/register"
    );
    assert_eq!(lifting["credit_hours"], "3.00");
    assert_eq!(lifting["languages"], json!(["zh-Hant"]));
}

#[tokio::test]
async fn an_api_request_for_a_course_not_in_the_catalog_is_a_json_404() {
    let app = TestApp::spawn().await;
    for path in [
        "/api/v1/courses/NO-SUCH",
        "/api/v1/courses/THC-401",
        "/api/v1/courses/not%20a%20number",
        "/api/v1/nothing",
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(response.json()["error"]["code"], "not_found", "{path}");
    }
}

#[tokio::test]
async fn the_openapi_document_describes_every_endpoint_and_every_one_it_describes_is_served() {
    let app = TestApp::spawn().await;
    let career = pathways_domain::testing::career("home-health-aide");
    app.store()
        .create_career(
            &career,
            &pathways_app::access::Caller::command_line().audit(
                "career.create",
                "career",
                "home-health-aide",
                None,
                None,
            ),
        )
        .await
        .expect("a career")
        .expect("a new slug");
    let doc = app.get("/api/v1/openapi.json").await;
    assert_eq!(doc.status, StatusCode::OK);
    let doc = doc.json();
    assert!(
        doc["openapi"]
            .as_str()
            .unwrap_or_default()
            .starts_with("3.")
    );
    let paths = doc["paths"].as_object().expect("paths");
    let expected = [
        ("get", "/api/v1/courses"),
        ("get", "/api/v1/courses/{number}"),
        ("get", "/api/v1/careers"),
        ("get", "/api/v1/careers/{slug}"),
        ("get", "/api/v1/providers/{number}"),
        ("get", "/api/v1/providers/{number}/attendance"),
        ("get", "/api/v1/providers/{number}/progress"),
        ("get", "/api/v1/incentives/outreach"),
        ("get", "/api/v1/providers/{number}/claims"),
        ("post", "/api/v1/providers/{number}/claims"),
        ("get", "/api/v1/claims/queue"),
        ("post", "/api/v1/claims/{id}/approve"),
        ("post", "/api/v1/claims/{id}/deny"),
        ("post", "/api/v1/claims/{id}/resubmit"),
        ("post", "/api/v1/claims/approve-all"),
        ("post", "/api/v1/providers/{number}/incentive-claims"),
        ("post", "/api/v1/incentive-claims/{id}/approve"),
        ("post", "/api/v1/incentive-claims/{id}/deny"),
        ("post", "/api/v1/incentive-claims/{id}/resubmit"),
        ("get", "/api/v1/payroll/batches"),
        ("post", "/api/v1/payroll/batches"),
        ("get", "/api/v1/payroll/batches/{id}/file"),
        ("post", "/api/v1/payroll/confirmations"),
        ("post", "/api/v1/payroll/overpayments"),
        ("get", "/api/v1/payroll/recoveries"),
        ("post", "/api/v1/payroll/recoveries/{id}/resend"),
        ("get", "/api/v1/certificates/{number}"),
        ("get", "/api/v1/vendors/{code}/attendance/held"),
        ("post", "/api/v1/vendors/{code}/attendance"),
        ("post", "/api/v1/vendors/{code}/sessions"),
        ("get", "/api/v1/sessions/{id}/roster"),
        ("put", "/api/v1/sessions/{id}/registration"),
        ("delete", "/api/v1/sessions/{id}/registration"),
        ("post", "/api/v1/sessions/{id}/cancellation"),
        ("get", "/api/v1/audit"),
        ("get", "/api/v1/coaching/open-times"),
        ("get", "/api/v1/providers/{number}/appointments"),
        ("post", "/api/v1/providers/{number}/appointments"),
        ("post", "/api/v1/appointments/{id}/cancel"),
        ("post", "/api/v1/appointments/{id}/move"),
        ("post", "/api/v1/appointments/{id}/notes"),
        ("post", "/api/v1/appointments/{id}/outcome"),
        ("get", "/api/v1/coach/appointments"),
        ("get", "/api/v1/tickets"),
        ("post", "/api/v1/tickets"),
        ("get", "/api/v1/tickets/{id}"),
        ("post", "/api/v1/tickets/{id}/replies"),
        ("post", "/api/v1/tickets/{id}/assign"),
    ];
    let documented: Vec<(String, String)> = paths
        .iter()
        .flat_map(|(path, ops)| {
            ops.as_object()
                .into_iter()
                .flat_map(|o| o.keys())
                .filter(|m| ["get", "put", "post", "delete", "patch"].contains(&m.as_str()))
                .map(move |m| (m.clone(), path.clone()))
        })
        .collect();
    let mut want: Vec<(String, String)> = expected
        .iter()
        .map(|(m, p)| ((*m).to_owned(), (*p).to_owned()))
        .collect();
    let mut have = documented.clone();
    want.sort();
    have.sort();
    assert_eq!(have, want);

    // Every schema a path refers to exists.
    let text = doc.to_string();
    let schemas = doc["components"]["schemas"].as_object().expect("schemas");
    for reference in text.split("\"$ref\":\"#/components/schemas/").skip(1) {
        let name = reference.split('"').next().unwrap_or_default();
        assert!(
            schemas.contains_key(name),
            "{name} is referred to but not described"
        );
    }

    // Every documented endpoint is served: anonymous calls reach it (200 for the catalog, 401
    // behind sign-in), never the fallback's 404 or a 405.
    for (method, path) in &documented {
        let uri = path
            .replace(
                "{number}",
                if path.contains("courses") {
                    "GHS-101"
                } else {
                    "100000001"
                },
            )
            .replace("{slug}", "home-health-aide")
            .replace("{code}", "V1")
            .replace("{id}", "S-MARCH");
        let request = axum::http::Request::builder()
            .method(method.to_uppercase().as_str())
            .uri(&uri)
            .body(axum::body::Body::empty())
            .expect("a request");
        let status = app.send(request).await.status;
        let expected = if path.starts_with("/api/v1/courses") || path.starts_with("/api/v1/careers")
        {
            200
        } else if path.starts_with("/api/v1/certificates") {
            // Public, and no certificate has that number: the endpoint's own 404.
            404
        } else {
            401
        };
        assert_eq!(status.as_u16(), expected, "{method} {uri}");
    }
}

#[tokio::test]
async fn the_api_searches_words_place_dates_and_seats_like_the_page() {
    let app = TestApp::spawn().await;
    let numbers = |body: serde_json::Value| -> Vec<String> {
        body["courses"]
            .as_array()
            .expect("a list")
            .iter()
            .map(|c| c["course_number"].as_str().expect("a number").to_owned())
            .collect()
    };
    let body = app.get("/api/v1/courses?q=falls").await.json();
    assert_eq!(body["total"], 1);
    assert_eq!(numbers(body), ["GHS-101"]);
    let body = app.get("/api/v1/courses?q=LIFTING+safe").await.json();
    assert_eq!(numbers(body), ["CPC-201"]);
    let body = app
        .get("/api/v1/courses?place=in-person&from=2026-03-16&until=2026-03-16&seats=true")
        .await
        .json();
    assert_eq!(numbers(body), ["GHS-101"]);
    let body = app.get("/api/v1/courses?from=2026-03-21").await.json();
    assert_eq!(body["total"], 0);
    let body = app
        .get("/api/v1/courses?place=online&sort=title")
        .await
        .json();
    assert_eq!(
        numbers(body),
        ["AED-301", "CPC-201", "GHS-101"],
        "Reading…, Safe Lifting…, Safety at Home"
    );
    let body = app.get("/api/v1/courses?sort=soonest").await.json();
    assert_eq!(numbers(body)[0], "GHS-101", "the only course with a class");

    for (query, field) in [
        ("q=".to_owned() + &"x".repeat(101), "q"),
        ("place=moon".to_owned(), "place"),
        ("from=2026-13-01".to_owned(), "from"),
        ("until=tomorrow".to_owned(), "until"),
        ("from=2026-04-01&until=2026-03-01".to_owned(), "until"),
        ("seats=maybe".to_owned(), "seats"),
        ("sort=price".to_owned(), "sort"),
    ] {
        let response = app.get(&format!("/api/v1/courses?{query}")).await;
        assert_eq!(response.status, StatusCode::BAD_REQUEST, "{query}");
        let body = response.json();
        assert_eq!(body["error"]["code"], "invalid_parameter", "{query}");
        assert_eq!(body["error"]["field"], field, "{query}");
    }
    let body = app
        .get_with("/api/v1/courses?place=moon", &[("accept-language", "es")])
        .await
        .json();
    assert_eq!(
        body["error"]["message"],
        "Elija en línea o en persona de la lista"
    );

    let doc = app.get("/api/v1/openapi.json").await.json();
    let params: Vec<&str> = doc["paths"]["/api/v1/courses"]["get"]["parameters"]
        .as_array()
        .expect("parameters")
        .iter()
        .filter_map(|p| p["name"].as_str())
        .collect();
    for name in [
        "q", "place", "from", "until", "seats", "sort", "page", "per_page",
    ] {
        assert!(params.contains(&name), "{name} is documented");
    }
}

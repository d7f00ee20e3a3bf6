//! Finding courses by county (decision 0013): the filter on the page and in the API, each
//! class's county on the course page, and the vendor's form asking for a ZIP code.

use axum::http::StatusCode;
use pathways_domain::access::Role;
use pathways_domain::pathway::{Modality, Pathway};
use time::macros::datetime;

use crate::helpers::{GOOD_PASSWORD, TestApp, course, session};

const SPANISH: (&str, &str) = ("accept-language", "es-MX,es;q=0.9,en;q=0.5");
const TAIWANESE: (&str, &str) = ("accept-language", "zh-TW,zh;q=0.9");

/// The standard catalog, with a class of `GHS-101` in Los Angeles on 25 March and a new
/// in-person course "Wound Care Basics" (`CPC-230`) in Fresno on 18 March. `GHS-101`'s class
/// at "1 Main St, Sacramento" gives no ZIP code, so it has no county.
async fn app_with_counties() -> TestApp {
    let app = TestApp::spawn().await;
    app.add_courses(vec![course(
        "CPC-230",
        "Wound Care Basics",
        Pathway::ComplexPhysicalCare,
        Modality::InPerson,
    )])
    .await;
    let mut tx = app.store().begin_import().await.expect("an import");
    tx.upsert(&pathways_store::Batch::Sessions(vec![
        session(
            "S-LA",
            "GHS-101",
            datetime!(2026-03-25 09:00),
            datetime!(2026-03-25 12:00),
            Some("Central Library, 630 W 5th St, Los Angeles, CA 90071"),
        ),
        session(
            "S-FRESNO",
            "CPC-230",
            datetime!(2026-03-18 09:00),
            datetime!(2026-03-18 12:00),
            Some("9 Elm St, Fresno, CA 93721"),
        ),
    ]))
    .await
    .expect("sessions");
    tx.commit().await.expect("commit");
    app
}

#[tokio::test]
async fn the_county_filter_finds_courses_with_an_in_person_class_there_and_stays_chosen() {
    let app = app_with_counties().await;
    let cases = [
        ("county=19", vec!["Safety at Home"]),
        ("county=10", vec!["Wound Care Basics"]),
        ("county=34", vec![]),
        ("county=19&from=2026-03-26", vec![]),
        (
            "county=19&from=2026-03-25&until=2026-03-25",
            vec!["Safety at Home"],
        ),
        ("county=19&place=online", vec![]),
        (
            "county=10&seats=yes&place=in-person",
            vec!["Wound Care Basics"],
        ),
        (
            "county=",
            vec![
                "Safety at Home",
                "Safe Lifting and Moving",
                "Reading Health Information",
                "Wound Care Basics",
            ],
        ),
    ];
    for (query, expected) in cases {
        let page = app.get(&format!("/courses?{query}")).await;
        assert_eq!(page.status, StatusCode::OK, "{query}");
        assert_eq!(page.course_cards(), expected.len(), "{query}");
        for title in expected {
            assert!(page.body.contains(title), "{query} lists {title}");
        }
    }
    let page = app.get("/courses?county=19").await;
    assert!(
        page.body
            .contains("<label class=\"label\" for=\"county\">County</label>")
    );
    assert!(
        page.body
            .contains("<option value=\"19\" selected>Los Angeles</option>")
    );
    assert!(page.body.contains("<option value=\"01\">Alameda</option>"));
    assert!(page.body.contains("<option value=\"58\">Yuba</option>"));
    assert_eq!(
        page.body.matches("<option value=\"").count()
            - app
                .get("/courses")
                .await
                .body
                .matches("<option value=\"")
                .count(),
        0,
        "the same 58 counties and \"any\" whatever is chosen"
    );
    let spanish = app.get_with("/courses?county=19", &[SPANISH]).await;
    assert!(spanish.body.contains(">Condado</label>"));
}

#[tokio::test]
async fn a_county_that_is_not_one_of_the_58_is_a_400_linked_to_the_field() {
    let app = app_with_counties().await;
    for value in ["59", "00", "7", "Sacramento"] {
        let page = app.get(&format!("/courses?county={value}")).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{value}");
        assert!(page.body.contains("href=\"#county\""), "{value}");
        assert!(
            page.body.contains("Choose a county from the list"),
            "{value}"
        );
    }
    let spanish = app.get_with("/courses?county=99", &[SPANISH]).await;
    assert!(spanish.body.contains("Elija un condado de la lista"));
    let chinese = app.get_with("/courses?county=99", &[TAIWANESE]).await;
    assert!(chinese.body.contains("請從列表中選擇一個縣"));
}

#[tokio::test]
async fn a_course_page_names_the_county_of_each_in_person_class() {
    let app = app_with_counties().await;
    let page = app.get("/courses/GHS-101").await;
    assert!(
        page.body
            .contains("Central Library, 630 W 5th St, Los Angeles, CA 90071")
    );
    assert_eq!(
        page.body.matches("class=\"session-county\"").count(),
        1,
        "only the class whose place has a ZIP code; online has none"
    );
    assert!(
        page.body
            .contains("<span class=\"session-county\">Los Angeles County</span>")
    );
    let spanish = app.get_with("/courses/GHS-101", &[SPANISH]).await;
    assert!(spanish.body.contains(">Condado de Los Angeles<"));
    let chinese = app.get_with("/courses/GHS-101", &[TAIWANESE]).await;
    assert!(chinese.body.contains(">Los Angeles 縣<"));
}

#[tokio::test]
async fn the_api_filters_by_county_and_gives_each_classs_county_code() {
    let app = app_with_counties().await;
    let numbers = |body: serde_json::Value| -> Vec<String> {
        body["courses"]
            .as_array()
            .expect("a list")
            .iter()
            .map(|c| c["course_number"].as_str().expect("a number").to_owned())
            .collect()
    };
    assert_eq!(
        numbers(app.get("/api/v1/courses?county=19").await.json()),
        ["GHS-101"]
    );
    assert_eq!(
        numbers(
            app.get("/api/v1/courses?county=10&sort=soonest")
                .await
                .json()
        ),
        ["CPC-230"]
    );
    let bad = app.get("/api/v1/courses?county=LA").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert_eq!(bad.json()["error"]["field"], "county");

    let course = app.get("/api/v1/courses/GHS-101").await.json();
    let counties: Vec<(String, serde_json::Value)> = course["sessions"]
        .as_array()
        .expect("sessions")
        .iter()
        .map(|s| {
            (
                s["session_id"].as_str().expect("an id").to_owned(),
                s["county_code"].clone(),
            )
        })
        .collect();
    assert!(
        counties.contains(&("S-LA".into(), "19".into())),
        "{counties:?}"
    );
    assert!(counties.contains(&("S-ONLINE".into(), serde_json::Value::Null)));
    assert!(
        counties.contains(&("S-MARCH".into(), serde_json::Value::Null)),
        "no ZIP code"
    );

    let doc = app.get("/api/v1/openapi.json").await.json();
    let documented = doc["paths"]["/api/v1/courses"]["get"]["parameters"]
        .as_array()
        .expect("parameters")
        .iter()
        .any(|p| p["name"] == "county");
    assert!(documented, "the county parameter is documented");
}

#[tokio::test]
async fn a_vendor_adding_a_class_at_a_place_without_a_zip_code_is_asked_for_it() {
    let app = TestApp::spawn().await;
    app.staff(Role::VendorStaff, "vera@example.org", Some("V1"), None)
        .await;
    let mut browser = app.browser();
    browser.sign_in("vera@example.org", GOOD_PASSWORD).await;
    let form = "/vendors/V1/courses/GHS-101/sessions/new";
    let shown = browser.get(form).await;
    assert!(shown.body.contains("with its ZIP code"), "the hint says so");
    let fields = |place: &'static str| {
        [
            ("session_id", "V1-GHS-APR"),
            ("starts_at", "2026-04-02T09:00"),
            ("ends_at", "2026-04-02T12:00"),
            ("location", place),
            ("capacity", "12"),
        ]
    };
    let refused = browser
        .submit(form, form, &fields("1020 K St, Sacramento"))
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.body.contains("href=\"#location\""),
        "linked from the summary"
    );
    assert!(
        refused
            .body
            .contains("We cannot tell which county this place is in. Add its ZIP code")
    );
    assert!(
        refused.body.contains("value=\"1020 K St, Sacramento\""),
        "what was typed stays"
    );
    assert!(
        !app.get("/courses/GHS-101").await.body.contains("1020 K St"),
        "nothing is stored"
    );

    let added = browser
        .submit(form, form, &fields("1020 K St, Sacramento, CA 95814"))
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    let page = app.get("/courses/GHS-101").await.body;
    assert!(page.contains("1020 K St, Sacramento, CA 95814"));
    assert!(page.contains("Sacramento County"));
    let online = browser
        .submit(
            form,
            form,
            &[
                ("session_id", "V1-GHS-WEB"),
                ("starts_at", "2026-04-03T09:00"),
                ("ends_at", "2026-04-03T12:00"),
                ("location", ""),
                ("capacity", "12"),
            ],
        )
        .await;
    assert_eq!(
        online.status,
        StatusCode::SEE_OTHER,
        "an online class needs no place"
    );
}

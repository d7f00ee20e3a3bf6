//! The HTML pages: languages, filters, errors, the course page and the language switch.

use axum::http::StatusCode;
use pathways_domain::pathway::{Modality, Pathway};

use crate::helpers::{TestApp, TestResponse, course, message_keys};

const SPANISH: (&str, &str) = ("accept-language", "es-MX,es;q=0.9,en;q=0.5");
const TAIWANESE: (&str, &str) = ("accept-language", "zh-TW,zh;q=0.9");

/// Fails when a message key shows on the page instead of its text.
fn assert_no_message_keys(page: &TestResponse, context: &str) {
    for key in message_keys() {
        for shown in [
            format!(">{key}<"),
            format!("> {key}"),
            format!("aria-label=\"{key}\""),
            format!("data-label=\"{key}\""),
            format!("<title>{key}"),
        ] {
            assert!(
                !page.body.contains(&shown),
                "{context}: the key {key} shows untranslated"
            );
        }
    }
}

#[tokio::test]
async fn the_home_page_explains_the_program_and_gives_help_contacts() {
    let app = TestApp::spawn().await;
    let page = app.get("/").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.html_lang(), "en");
    assert!(
        page.body
            .contains("Free training for IHSS and WPCS providers")
    );
    assert!(page.body.contains("href=\"/courses\""));
    assert!(page.body.contains("1-866-376-7066"));
    assert!(page.body.contains("tel:+18663767066"));
    assert!(page.body.contains("IHSSCareerPathways@dss.ca.gov"));
    assert!(page.body.contains("Skip to main content"));
}

#[tokio::test]
async fn the_catalog_lists_only_courses_published_today() {
    let app = TestApp::spawn().await;
    let page = app.get("/courses").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.course_cards(), 3);
    assert!(page.body.contains("3 courses found"));
    for shown in [
        "Safety at Home",
        "Safe Lifting and Moving",
        "Reading Health Information",
    ] {
        assert!(page.body.contains(shown), "{shown} is listed");
    }
    assert!(
        !page.body.contains("Coming Home Safely"),
        "not yet published"
    );
    assert!(!page.body.contains("Old Dementia Course"), "retired");
    assert!(page.body.contains("1.5 hours"));
    assert!(page.body.contains("2 upcoming classes"));
    assert!(page.body.contains("Sign up on the school&#39;s website"));
}

#[tokio::test]
async fn every_page_renders_in_all_three_languages_without_message_keys() {
    let app = TestApp::spawn().await;
    let languages = [
        ("en-US,en;q=0.9", "en", "Find a course"),
        ("es-MX,es;q=0.9", "es", "Buscar un curso"),
        ("zh-TW,zh;q=0.9", "zh-Hant", "尋找課程"),
    ];
    for (accept, lang, nav) in languages {
        for path in [
            "/",
            "/courses",
            "/courses?pathway=XYZ",
            "/courses/GHS-101",
            "/courses/CPC-201",
            "/courses/NO-SUCH",
            "/no/such/page",
        ] {
            let page = app.get_with(path, &[("accept-language", accept)]).await;
            let context = format!("{path} in {lang}");
            assert_eq!(page.html_lang(), lang, "{context}");
            assert!(page.body.contains(nav), "{context} has the menu");
            assert_eq!(
                page.body.matches("href=\"/language/").count(),
                2,
                "{context} links to the two other languages"
            );
            assert!(
                page.body.contains("1-866-376-7066"),
                "{context} has the help desk"
            );
            assert_no_message_keys(&page, &context);
        }
    }
}

#[tokio::test]
async fn the_catalog_follows_a_spanish_browser_and_writes_numbers_the_spanish_way() {
    let app = TestApp::spawn().await;
    let page = app.get_with("/courses", &[SPANISH]).await;
    assert_eq!(page.html_lang(), "es");
    assert!(page.body.contains("Se encontraron 3 cursos"));
    assert!(page.body.contains("1,5 horas"), "decimal comma");
    assert!(page.body.contains("Salud y Seguridad General"));
    assert!(
        page.body.contains("Inglés, Español"),
        "language names in Spanish"
    );
}

#[tokio::test]
async fn the_catalog_follows_a_taiwanese_browser_in_traditional_chinese() {
    let app = TestApp::spawn().await;
    let page = app.get_with("/courses", &[TAIWANESE]).await;
    assert_eq!(page.html_lang(), "zh-Hant");
    assert!(page.body.contains("找到 3 門課程"));
    assert!(page.body.contains("複雜身體照護需求"));
    assert!(page.body.contains("中文（繁體）"));
}

#[tokio::test]
async fn the_language_cookie_wins_over_the_browser_language() {
    let app = TestApp::spawn().await;
    let page = app
        .get_with(
            "/courses",
            &[SPANISH, ("cookie", "theme=dark; lang=zh-Hant")],
        )
        .await;
    assert_eq!(page.html_lang(), "zh-Hant");
    let page = app.get_with("/", &[("cookie", "lang=es")]).await;
    assert_eq!(page.html_lang(), "es");
    assert!(page.body.contains("Capacitación gratis"));
}

#[tokio::test]
async fn a_browser_asking_for_no_served_language_gets_english() {
    let app = TestApp::spawn().await;
    let page = app
        .get_with("/courses", &[("accept-language", "fr-FR,de;q=0.8")])
        .await;
    assert_eq!(page.html_lang(), "en");
}

#[tokio::test]
async fn each_filter_narrows_the_list_and_stays_selected() {
    let app = TestApp::spawn().await;
    let cases = [
        ("pathway=CPC", vec!["Safe Lifting and Moving"]),
        (
            "category=1",
            vec!["Safety at Home", "Reading Health Information"],
        ),
        ("category=2", vec!["Safe Lifting and Moving"]),
        ("modality=self-paced", vec!["Reading Health Information"]),
        ("language=zh-Hant", vec!["Safe Lifting and Moving"]),
        ("language=es&modality=in-person", vec!["Safety at Home"]),
        ("pathway=GHS&category=2", vec![]),
    ];
    for (query, expected) in cases {
        let page = app.get(&format!("/courses?{query}")).await;
        assert_eq!(page.status, StatusCode::OK, "{query}");
        assert_eq!(page.course_cards(), expected.len(), "{query}");
        for title in expected {
            assert!(page.body.contains(title), "{query} lists {title}");
        }
    }
    let page = app.get("/courses?pathway=CPC&language=zh-Hant").await;
    assert!(page.body.contains("<option value=\"CPC\" selected>"));
    assert!(page.body.contains("<option value=\"zh-Hant\" selected>"));
    let none = app.get("/courses?pathway=GHS&category=2").await;
    assert!(none.body.contains("No courses found"));
    assert!(none.body.contains("Try removing a filter"));
}

#[tokio::test]
async fn the_language_filter_offers_the_catalog_languages_by_name() {
    let app = TestApp::spawn().await;
    let page = app.get("/courses").await;
    for option in [
        "<option value=\"en\">English</option>",
        "<option value=\"es\">Spanish</option>",
        "<option value=\"zh-Hant\">Chinese (Traditional)</option>",
    ] {
        assert!(page.body.contains(option), "{option}");
    }
    let page = app.get_with("/courses", &[SPANISH]).await;
    assert!(
        page.body
            .contains("<option value=\"zh-Hant\">Chino (tradicional)</option>")
    );
}

#[tokio::test]
async fn a_bad_filter_value_is_a_400_with_an_error_summary_linking_to_the_field() {
    let app = TestApp::spawn().await;
    let page = app.get("/courses?pathway=XYZ&modality=in-person").await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(page.body.contains("class=\"error-summary\""));
    assert!(page.body.contains("There is a problem"));
    assert!(
        page.body
            .contains("<a href=\"#pathway\">Choose a pathway from the list</a>")
    );
    assert!(page.body.contains("id=\"pathway-error\""));
    assert!(
        page.body
            .contains("aria-describedby=\"pathway-hint pathway-error\"")
    );
    assert!(page.body.contains("<title>Error: Find a course"));
    assert_eq!(page.course_cards(), 0);
    assert!(
        page.body.contains("<option value=\"in-person\" selected>"),
        "the good values stay chosen"
    );

    let page = app.get_with("/courses?category=9", &[SPANISH]).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(page.body.contains("Hay un problema"));
    assert!(
        page.body
            .contains("<a href=\"#category\">Elija General o Especializada de la lista</a>")
    );
}

#[tokio::test]
async fn the_list_shows_twenty_courses_a_page_with_links_that_keep_the_filters() {
    let app = TestApp::spawn().await;
    let extra = (1..=22)
        .map(|n| {
            course(
                &format!("AED-{n:03}"),
                &format!("Adult Education Topic {n:02}"),
                Pathway::AdultEducation,
                Modality::SelfPaced,
            )
        })
        .collect();
    app.add_courses(extra).await;

    let first = app.get("/courses?pathway=AED").await;
    assert!(first.body.contains("23 courses found"));
    assert_eq!(first.course_cards(), 20);
    assert!(first.body.contains("Page 1 of 2"));
    assert!(
        first
            .body
            .contains("href=\"/courses?pathway=AED&#38;page=2\"")
    );
    assert!(!first.body.contains("rel=\"prev\""));

    let second = app.get("/courses?pathway=AED&page=2").await;
    assert_eq!(second.course_cards(), 3);
    assert!(second.body.contains("Page 2 of 2"));
    assert!(second.body.contains("href=\"/courses?pathway=AED\""));
    assert!(!second.body.contains("rel=\"next\""));

    let everything = app.get("/courses").await;
    assert!(everything.body.contains("25 courses found"));

    let bad_page = app.get("/courses?pathway=AED&page=zero").await;
    assert_eq!(
        bad_page.status,
        StatusCode::OK,
        "a bad page number shows the first page"
    );
    assert!(bad_page.body.contains("Page 1 of 2"));

    let past_the_end = app.get("/courses?pathway=AED&page=9").await;
    assert_eq!(past_the_end.course_cards(), 0);
    assert!(
        past_the_end
            .body
            .contains("href=\"/courses?pathway=AED&#38;page=2\"")
    );
}

#[tokio::test]
async fn a_course_page_shows_the_vendor_contact_and_upcoming_classes_in_english() {
    let app = TestApp::spawn().await;
    let page = app.get("/courses/GHS-101").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<h1>Safety at Home</h1>"));
    assert!(
        page.body
            .contains("<p>Learn how to prevent falls and fires.</p>")
    );
    assert!(page.body.contains("General Health and Safety"));
    assert!(page.body.contains("1.5 hours"));
    assert!(page.body.contains("Valley Care College"));
    assert!(page.body.contains("mailto:v1@example.org"));
    assert!(page.body.contains("tel:+19165550100"));
    assert!(page.body.contains("href=\"https://v1.example.org\""));
    assert!(page.body.contains("contact the school that teaches it"));
    assert!(page.body.contains("Monday, March 16, 2026, 9:00 AM"));
    assert!(page.body.contains("Monday, March 16, 2026, 12:30 PM"));
    assert!(page.body.contains("Friday, March 20, 2026, 2:00 PM"));
    assert!(page.body.contains("1 Main St, Sacramento"));
    assert!(page.body.contains(">Online<"));
    assert!(page.body.contains("20 seats"));
    assert!(
        !page.body.contains("February 2, 2026"),
        "past sessions are not shown"
    );
}

#[tokio::test]
async fn a_course_page_writes_dates_for_spanish_and_chinese_readers() {
    let app = TestApp::spawn().await;
    let es = app.get_with("/courses/GHS-101", &[SPANISH]).await;
    assert!(es.body.contains("lunes, 16 de marzo de 2026, 9:00"));
    assert!(es.body.contains("viernes, 20 de marzo de 2026, 14:00"));
    assert!(es.body.contains("1,5 horas"));
    assert!(es.body.contains("20 cupos"));
    let zh = app.get_with("/courses/GHS-101", &[TAIWANESE]).await;
    assert!(zh.body.contains("2026年3月16日（星期一） 上午9:00"));
    assert!(zh.body.contains("2026年3月20日（星期五） 下午2:00"));
    assert!(zh.body.contains("20 個名額"));
}

#[tokio::test]
async fn a_course_the_vendor_registers_for_links_to_the_vendor_site_instead_of_seats() {
    let app = TestApp::spawn().await;
    let page = app.get("/courses/cpc-201").await;
    assert_eq!(
        page.status,
        StatusCode::OK,
        "course numbers are case-insensitive"
    );
    assert!(
        page.body
            .contains("href=\"https://v2.example.org/register\"")
    );
    assert!(page.body.contains("Golden State Training Partnership"));
    assert!(!page.body.contains("seats"));
    assert!(page.body.contains("No classes are scheduled right now"));
}

#[tokio::test]
async fn an_unknown_or_unpublished_course_is_a_translated_404_page() {
    let app = TestApp::spawn().await;
    for path in [
        "/courses/NO-SUCH",
        "/courses/THC-401",
        "/courses/CIB-501",
        "/courses/bad%20number",
    ] {
        let page = app.get(path).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{path}");
        assert!(page.body.contains("Page not found"), "{path}");
        assert!(page.body.starts_with("<!DOCTYPE html>"), "{path}");
    }
    let page = app.get_with("/courses/NO-SUCH", &[SPANISH]).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert_eq!(page.html_lang(), "es");
    assert!(page.body.contains("No se encontró la página"));
    let page = app.get_with("/nothing-here", &[TAIWANESE]).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.body.contains("找不到網頁"));
}

#[tokio::test]
async fn the_language_switch_remembers_the_choice_for_a_year_and_returns_to_the_page() {
    let app = TestApp::spawn().await;
    let response = app
        .get("/language/zh-Hant?next=%2Fcourses%3Fpathway%3DCPC%26page%3D1")
        .await;
    assert_eq!(response.status, StatusCode::SEE_OTHER);
    assert_eq!(response.header("location"), "/courses?pathway=CPC&page=1");
    let cookie = response.header("set-cookie");
    for part in [
        "lang=zh-Hant",
        "Max-Age=31536000",
        "Path=/",
        "HttpOnly",
        "SameSite=Lax",
    ] {
        assert!(cookie.contains(part), "{cookie} has {part}");
    }
    assert!(!cookie.contains("Secure"), "plain HTTP in tests");

    let page = app.get("/courses").await;
    let link = "/language/es?next=/courses";
    assert!(
        page.body.contains(link),
        "the switch links back to this page"
    );
}

#[tokio::test]
async fn the_language_switch_never_sends_people_to_another_site() {
    let app = TestApp::spawn().await;
    for next in [
        "//evil.example",
        "%2F%2Fevil.example",
        "https://evil.example/",
        "/%5Cevil.example",
        "evil.example",
        "",
    ] {
        let response = app.get(&format!("/language/es?next={next}")).await;
        assert_eq!(response.status, StatusCode::SEE_OTHER, "{next}");
        assert_eq!(response.header("location"), "/", "{next}");
        assert!(response.header("set-cookie").starts_with("lang=es;"));
    }
    let response = app.get("/language/es").await;
    assert_eq!(response.header("location"), "/");
}

#[tokio::test]
async fn a_language_the_site_is_not_written_in_cannot_be_chosen() {
    let app = TestApp::spawn().await;
    let response = app.get("/language/fr?next=/courses").await;
    assert_eq!(response.status, StatusCode::NOT_FOUND);
    assert!(response.header("set-cookie").is_empty());
}

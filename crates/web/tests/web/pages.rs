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
    assert!(page.body.contains("繁體中文"));
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

// ---- finding a course: search words, place, dates, seats, sort -----------------------------

/// Adds to the standard catalog a Spanish course, a Chinese course and an in-person course
/// whose only class (1 seat, 18 March) provider 100000001 has taken.
async fn add_search_courses(app: &TestApp) {
    let mut nutrition = course(
        "GHS-210",
        "Nutrición y bienestar",
        Pathway::GeneralHealthAndSafety,
        Modality::OnlineInstructor,
    );
    nutrition.languages = vec![pathways_domain::testing::language("es")];
    nutrition.description = "Cómo preparar comidas saludables.".into();
    let mut falls = course(
        "GHS-220",
        "居家安全與防跌",
        Pathway::GeneralHealthAndSafety,
        Modality::InPerson,
    );
    falls.languages = vec![pathways_domain::testing::language("zh-Hant")];
    falls.description = "學習如何在家中預防跌倒。".into();
    let wounds = course(
        "CPC-230",
        "Wound Care Basics",
        Pathway::ComplexPhysicalCare,
        Modality::InPerson,
    );
    app.add_courses(vec![nutrition, falls, wounds]).await;
    let mut full = crate::helpers::session(
        "S-FULL",
        "CPC-230",
        time::macros::datetime!(2026-03-18 09:00),
        time::macros::datetime!(2026-03-18 12:00),
        Some("9 Elm St, Fresno"),
    );
    full.capacity = Some(1);
    let mut tx = app.store().begin_import().await.expect("an import");
    tx.upsert(&pathways_store::Batch::Sessions(vec![full]))
        .await
        .expect("sessions");
    tx.commit().await.expect("commit");
    app.add_provider(100_000_001, "Reyes", "(916) 555-0101", None)
        .await;
    let taken = app
        .store()
        .register(
            &pathways_domain::ids::SessionId::parse("S-FULL").expect("an id"),
            pathways_domain::testing::provider_number(100_000_001),
            &pathways_store::accounts::AuditEntry {
                at: time::OffsetDateTime::now_utc(),
                actor: pathways_store::accounts::AuditActor {
                    account: None,
                    label: "test".into(),
                },
                action: "registration.create".into(),
                record_type: "registration".into(),
                record_key: String::new(),
                before: None,
                after: None,
            },
        )
        .await
        .expect("a registration");
    assert_eq!(taken, pathways_store::RegisterOutcome::Registered);
}

#[tokio::test]
async fn the_search_box_comes_first_and_finds_words_without_accents_and_chinese_fragments() {
    let app = TestApp::spawn().await;
    add_search_courses(&app).await;
    let page = app.get("/courses").await;
    let search = page.body.find("id=\"q\"").expect("a search box");
    let pathway = page
        .body
        .find("id=\"pathway\"")
        .expect("the pathway filter");
    assert!(search < pathway, "the search box comes before the filters");
    assert!(page.body.contains("role=\"search\""));
    assert!(
        page.body
            .contains("<label class=\"label\" for=\"q\">Search</label>")
    );

    for (query, title) in [
        ("q=nutricion", "Nutrición y bienestar"),
        ("q=NUTRICI%C3%93N", "Nutrición y bienestar"),
        ("q=comidas+salud", "Nutrición y bienestar"),
        ("q=%E9%98%B2%E8%B7%8C", "居家安全與防跌"),
        ("q=%E9%A0%90%E9%98%B2", "居家安全與防跌"),
        ("q=falls+fires", "Safety at Home"),
        ("q=ghs-101", "Safety at Home"),
    ] {
        let page = app.get(&format!("/courses?{query}")).await;
        assert_eq!(page.status, StatusCode::OK, "{query}");
        assert_eq!(page.course_cards(), 1, "{query}");
        assert!(page.body.contains(title), "{query} finds {title}");
        assert!(page.body.contains("1 course found"), "{query}");
    }
    let page = app.get("/courses?q=nutricion").await;
    assert!(
        page.body.contains("value=\"nutricion\""),
        "the words stay in the box"
    );
    let none = app.get("/courses?q=knitting").await;
    assert_eq!(none.course_cards(), 0);
    assert!(none.body.contains("No courses found"));

    let spanish = app.get_with("/courses?q=nutricion", &[SPANISH]).await;
    assert!(spanish.body.contains("Se encontró 1 curso"));
    assert!(spanish.body.contains(">Buscar</label>"));
    let chinese = app
        .get_with("/courses?q=%E9%98%B2%E8%B7%8C", &[TAIWANESE])
        .await;
    assert!(chinese.body.contains("找到 1 門課程"));
}

#[tokio::test]
async fn place_dates_and_seats_narrow_the_list_and_stay_chosen() {
    let app = TestApp::spawn().await;
    add_search_courses(&app).await;
    let cases = [
        (
            "place=online",
            vec![
                "Safety at Home",
                "Safe Lifting and Moving",
                "Reading Health Information",
                "Nutrición y bienestar",
            ],
        ),
        (
            "place=in-person",
            vec!["Safety at Home", "居家安全與防跌", "Wound Care Basics"],
        ),
        (
            "from=2026-03-17&until=2026-03-31",
            vec!["Safety at Home", "Wound Care Basics"],
        ),
        (
            "from=2026-03-17&until=2026-03-18",
            vec!["Wound Care Basics"],
        ),
        ("from=2026-03-21", vec![]),
        ("seats=yes", vec!["Safety at Home"]),
        (
            "seats=yes&place=online&from=2026-03-17",
            vec!["Safety at Home"],
        ),
        ("seats=yes&place=in-person&from=2026-03-17", vec![]),
    ];
    for (query, expected) in cases {
        let page = app.get(&format!("/courses?{query}")).await;
        assert_eq!(page.status, StatusCode::OK, "{query}");
        assert_eq!(page.course_cards(), expected.len(), "{query}");
        for title in expected {
            assert!(page.body.contains(title), "{query} lists {title}");
        }
    }
    let page = app
        .get("/courses?place=online&from=2026-03-17&until=2026-03-31&seats=yes&sort=soonest")
        .await;
    assert!(page.body.contains("<option value=\"online\" selected>"));
    assert!(page.body.contains("<option value=\"soonest\" selected>"));
    assert!(page.body.contains("type=\"date\" value=\"2026-03-17\""));
    assert!(page.body.contains("type=\"date\" value=\"2026-03-31\""));
    assert!(page.body.contains("value=\"yes\" checked"));
    let plain = app.get("/courses").await;
    assert!(!plain.body.contains(" checked"));
    assert!(
        plain
            .body
            .contains("<option value=\"relevance\" selected>Best match</option>")
    );
}

#[tokio::test]
async fn the_filter_panel_says_how_many_filters_are_on_and_opens_after_its_own_button() {
    let app = TestApp::spawn().await;
    let folded = app.get("/courses?q=safety&sort=title").await;
    assert!(folded.body.contains("<details class=\"filter-panel\">"));
    assert!(
        folded.body.contains(">Filters</summary>"),
        "words and order are not filters"
    );
    let searched = app.get("/courses?q=safety&pathway=GHS&seats=yes").await;
    assert!(
        searched.body.contains("<details class=\"filter-panel\">"),
        "the search button folds it"
    );
    assert!(searched.body.contains(">Filters (2 on)</summary>"));
    let filtered = app.get("/courses?pathway=GHS&panel=open").await;
    assert!(
        filtered
            .body
            .contains("<details class=\"filter-panel\" open>")
    );
    assert!(filtered.body.contains(">Filters (1 on)</summary>"));
    assert!(
        filtered.body.contains("name=\"panel\" value=\"open\""),
        "the panel's own button asks for it open"
    );
    let wrong = app.get("/courses?until=someday").await;
    assert!(
        wrong.body.contains("<details class=\"filter-panel\" open>"),
        "open when one of its fields has a problem"
    );
    let spanish = app
        .get_with("/courses?pathway=GHS&county=34", &[SPANISH])
        .await;
    assert!(spanish.body.contains(">Filtros (2 activos)</summary>"));
    let chinese = app.get_with("/courses?pathway=GHS", &[TAIWANESE]).await;
    assert!(chinese.body.contains(">篩選條件（已選 1 項）</summary>"));
}

#[tokio::test]
async fn results_are_sorted_as_chosen_and_page_links_keep_the_search() {
    let app = TestApp::spawn().await;
    let extra = (1..=22)
        .map(|n| {
            course(
                &format!("AED-{n:03}"),
                &format!("Adult Education Topic {:02}", 23 - n),
                Pathway::AdultEducation,
                Modality::SelfPaced,
            )
        })
        .collect();
    app.add_courses(extra).await;
    let first = app.get("/courses?q=topic&sort=title").await;
    assert!(first.body.contains("22 courses found"));
    assert_eq!(first.course_cards(), 20);
    let positions: Vec<usize> = ["Topic 01", "Topic 02", "Topic 03"]
        .iter()
        .map(|t| first.body.find(t).expect(t))
        .collect();
    assert!(positions.is_sorted(), "by title");
    assert!(
        first
            .body
            .contains("href=\"/courses?q=topic&#38;sort=title&#38;page=2\""),
        "the next page keeps the words and the order"
    );
    let second = app.get("/courses?q=topic&sort=title&page=2").await;
    assert_eq!(second.course_cards(), 2);
    assert!(
        second
            .body
            .contains("href=\"/courses?q=topic&#38;sort=title\"")
    );

    let soonest = app.get("/courses?sort=soonest").await;
    let with_class = soonest.body.find("Safety at Home").expect("GHS-101");
    let without = soonest.body.find("Adult Education Topic 01").expect("AED");
    assert!(with_class < without, "courses with a class come first");

    let shared = app
        .get("/courses?q=caf%C3%A9+%26+t%C3%A9&place=online&seats=yes")
        .await;
    assert_eq!(shared.status, StatusCode::OK);
    assert!(shared.body.contains("value=\"café &#38; té\""));
}

#[tokio::test]
async fn bad_search_dates_and_choices_are_a_400_with_every_problem_linked() {
    let app = TestApp::spawn().await;
    let long = "a".repeat(101);
    let page = app
        .get(&format!(
            "/courses?q={long}&place=moon&from=2026-02-30&until=someday&seats=maybe&sort=price"
        ))
        .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert_eq!(page.course_cards(), 0);
    let summary = &page.body[..page.body.find("<h1>").expect("a heading")];
    let links: Vec<&str> = summary
        .split("<a href=\"#")
        .skip(1)
        .map(|s| s.split('"').next().unwrap_or_default())
        .collect();
    assert_eq!(links, ["q", "place", "from", "until", "seats", "sort"]);
    for message in [
        "Search words must be 100 characters or fewer",
        "Choose online or in person from the list",
        "The &#34;from&#34; date must be a real date, such as 2026-03-31",
        "The &#34;to&#34; date must be a real date, such as 2026-04-30",
        "Tick the box to see only courses with places left, or leave it empty",
        "Choose an order from the list",
    ] {
        assert!(page.body.contains(message), "{message}");
    }
    for id in ["q", "from", "until"] {
        assert!(page.body.contains(&format!("id=\"{id}-error\"")), "{id}");
    }
    assert!(page.body.contains("aria-describedby=\"q-hint q-error\""));
    assert!(
        page.body
            .contains("aria-describedby=\"dates-hint until-error\"")
    );

    let backwards = app
        .get_with("/courses?from=2026-04-01&until=2026-03-01", &[SPANISH])
        .await;
    assert_eq!(backwards.status, StatusCode::BAD_REQUEST);
    assert!(backwards.body.contains(
        "<a href=\"#until\">La fecha «hasta» debe ser igual o posterior a la fecha «desde»</a>"
    ));
}

#[tokio::test]
async fn the_search_page_renders_every_new_field_in_all_three_languages() {
    let app = TestApp::spawn().await;
    for accept in [SPANISH, TAIWANESE, ("accept-language", "en")] {
        for path in [
            "/courses?q=safety&place=online&from=2026-03-01&until=2026-03-31&seats=yes&sort=soonest",
            "/courses?q=x&place=moon&from=2026-02-30&until=x&seats=x&sort=x",
            "/courses?from=2026-04-01&until=2026-03-01",
        ] {
            let page = app.get_with(path, &[accept]).await;
            assert_no_message_keys(&page, &format!("{path} in {}", accept.1));
        }
    }
}

//! Healthcare career pages: public in every language (English where a career is not written in
//! the reader's language, marked with `lang="en"`), with the catalog courses of the pathways
//! that lead there; written by program admins through forms that work without JavaScript; and
//! served as JSON.

use axum::http::StatusCode;
use pathways_domain::access::Role;
use pathways_domain::career::Career;
use pathways_domain::testing::{career, career_text};
use pathways_store::Store;

use crate::helpers::{GOOD_PASSWORD, TestApp};

/// Nursing assistant in three languages (GHS, CPC), an aide in English only (GHS), and a
/// hidden medical assistant page.
async fn add_careers(store: &dyn Store) -> (Career, Career, Career) {
    let mut cna = career("certified-nursing-assistant");
    cna.texts[0].name = "Certified nursing assistant".into();
    cna.texts
        .push(career_text("es", "Asistente de enfermería certificado"));
    cna.texts.push(career_text("zh-Hant", "認證護理助理"));
    let mut aide = career("home-health-aide");
    aide.texts[0].name = "Home health aide".into();
    aide.pathways = vec![pathways_domain::pathway::Pathway::GeneralHealthAndSafety];
    aide.display_order = 5;
    let mut hidden = career("medical-assistant");
    hidden.published = false;
    let admin = pathways_app::access::Caller::command_line();
    for c in [&cna, &aide, &hidden] {
        let audit = admin.audit("career.create", "career", c.slug.as_str(), None, None);
        store.create_career(c, &audit).await.unwrap().unwrap();
    }
    (cna, aide, hidden)
}

fn in_language(lang: &str) -> [(&'static str, String); 1] {
    [("cookie", format!("lang={lang}"))]
}

async fn get_in(app: &TestApp, path: &str, lang: &str) -> crate::helpers::TestResponse {
    let [(name, value)] = in_language(lang);
    app.get_with(path, &[(name, value.as_str())]).await
}

#[tokio::test]
async fn the_career_list_is_public_in_each_language_and_marks_english_where_a_career_is_not_translated()
 {
    let app = TestApp::spawn().await;
    add_careers(app.store()).await;

    let en = app.get("/careers").await;
    assert_eq!(en.status, StatusCode::OK);
    assert_eq!(en.html_lang(), "en");
    assert!(en.body.contains("Healthcare careers"));
    assert!(en.body.contains("href=\"/careers/home-health-aide\""));
    assert!(
        en.body
            .contains("href=\"/careers/certified-nursing-assistant\"")
    );
    assert!(
        !en.body.contains("medical-assistant"),
        "hidden careers are not listed"
    );
    // Display order: the aide (5) before the nursing assistant (10).
    assert!(en.body.find("Home health aide") < en.body.find("Certified nursing assistant"));
    assert!(
        !en.body.contains("career-card\" lang="),
        "an English page needs no fallback marks"
    );
    assert!(en.body.contains("They do not give you a license"));

    let es = get_in(&app, "/careers", "es").await;
    assert_eq!(es.html_lang(), "es");
    assert!(es.body.contains("Carreras en el cuidado de la salud"));
    assert!(es.body.contains("Asistente de enfermería certificado"));
    // The aide is English only: its card is marked English, and the page says so.
    assert!(
        es.body
            .contains("class=\"course-card career-card\" lang=\"en\"")
    );
    assert!(es.body.contains("Se muestran en inglés."));

    let zh = get_in(&app, "/careers", "zh-Hant").await;
    assert_eq!(zh.html_lang(), "zh-Hant");
    assert!(zh.body.contains("認證護理助理"));
    assert!(zh.body.contains("醫療保健職業"));

    // The menu, the start page and the catalog lead there.
    assert!(
        en.body
            .contains("<a href=\"/careers\" aria-current=\"page\">Careers</a>")
    );
    assert!(app.get("/").await.body.contains("href=\"/careers\""));
    assert!(
        app.get("/courses")
            .await
            .body
            .contains("See which healthcare careers these classes can lead to")
    );
}

#[tokio::test]
async fn a_career_page_shows_what_it_needs_and_links_the_catalog_courses_of_its_pathways() {
    let app = TestApp::spawn().await;
    add_careers(app.store()).await;

    let page = app.get("/careers/certified-nursing-assistant").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("<h1>Certified nursing assistant</h1>"));
    assert!(
        page.body
            .contains("<p>A state-approved training program.</p>")
    );
    assert!(page.body.contains("<p>A state exam.</p>"));
    assert!(page.body.contains("About 4 months"));
    assert!(page.body.contains("href=\"https://www.cdph.ca.gov/\""));
    assert!(page.body.contains("They do not give you a license"));
    // Published courses of GHS and CPC, each linked; the catalog filtered by each pathway.
    assert!(
        page.body
            .contains("href=\"/courses/GHS-101\">Safety at Home</a>")
    );
    assert!(
        page.body
            .contains("href=\"/courses/CPC-201\">Safe Lifting and Moving</a>")
    );
    assert!(!page.body.contains("AED-301"), "AED does not lead there");
    assert!(page.body.contains("href=\"/courses?pathway=GHS\""));
    assert!(
        page.body
            .contains("See the 1 class in General Health and Safety")
    );
    assert!(page.body.contains("href=\"/courses?pathway=CPC\""));

    let zh = get_in(&app, "/careers/certified-nursing-assistant", "zh-Hant").await;
    assert!(zh.body.contains("<h1>認證護理助理</h1>"));
    assert!(!zh.body.contains("<div lang=\"en\">"));

    // Not written in Spanish: shown in English, marked so, with a Spanish sentence saying so.
    let es = get_in(&app, "/careers/home-health-aide", "es").await;
    assert_eq!(es.status, StatusCode::OK);
    assert_eq!(es.html_lang(), "es");
    assert!(
        es.body
            .contains("<div lang=\"en\">\n<h1>Home health aide</h1>")
    );
    assert!(
        es.body
            .contains("Esta página todavía no está escrita en su idioma")
    );
    assert!(es.body.contains("Lo que necesita"));

    for missing in [
        "/careers/medical-assistant",
        "/careers/no-such-career",
        "/careers/Not%20A%20Slug",
    ] {
        let answer = app.get(missing).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{missing}");
    }
}

#[tokio::test]
async fn the_api_gives_published_careers_with_every_language_and_the_courses_toward_them() {
    let app = TestApp::spawn().await;
    add_careers(app.store()).await;

    let list = app.get("/api/v1/careers").await;
    assert_eq!(list.status, StatusCode::OK);
    let list = list.json();
    let slugs: Vec<&str> = list["careers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["slug"].as_str().unwrap())
        .collect();
    assert_eq!(slugs, ["home-health-aide", "certified-nursing-assistant"]);
    let cna = &list["careers"][1];
    let languages: Vec<&str> = cna["texts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["language"].as_str().unwrap())
        .collect();
    assert_eq!(languages, ["en", "es", "zh-Hant"]);
    assert_eq!(cna["pathways"], serde_json::json!(["GHS", "CPC"]));
    assert_eq!(
        cna["texts"][0]["learn_more_url"],
        "https://www.cdph.ca.gov/"
    );

    let one = app.get("/api/v1/careers/certified-nursing-assistant").await;
    assert_eq!(one.status, StatusCode::OK);
    let one = one.json();
    assert_eq!(one["slug"], "certified-nursing-assistant");
    assert_eq!(one["texts"][2]["name"], "認證護理助理");
    assert_eq!(
        one["courses"],
        serde_json::json!([
            {"pathway": "GHS", "total": 1,
             "courses": [{"course_number": "GHS-101", "title": "Safety at Home"}]},
            {"pathway": "CPC", "total": 1,
             "courses": [{"course_number": "CPC-201", "title": "Safe Lifting and Moving"}]},
        ])
    );

    let hidden = app.get("/api/v1/careers/medical-assistant").await;
    assert_eq!(hidden.status, StatusCode::NOT_FOUND);
    assert_eq!(hidden.json()["error"]["code"], "not_found");
}

/// Every field of the form for a new career, filled in well, in English and Spanish.
fn new_career_fields() -> Vec<(&'static str, &'static str)> {
    vec![
        ("slug", "licensed-vocational-nurse"),
        ("display_order", "40"),
        ("pathways", "GHS"),
        ("pathways", "CPC"),
        ("published", "yes"),
        ("name_en", "Licensed vocational nurse (LVN)"),
        ("summary_en", "Gives basic nursing care."),
        (
            "requirements_en",
            "An approved program.\r\nThe NCLEX-PN exam and a state license.",
        ),
        ("training_time_en", "About 12 to 18 months"),
        ("learn_more_url_en", "https://www.bvnpt.ca.gov/"),
        ("name_es", "Enfermero vocacional con licencia (LVN)"),
        ("summary_es", "Da cuidados básicos de enfermería."),
        ("requirements_es", "Un programa aprobado."),
        ("training_time_es", "De 12 a 18 meses"),
        ("learn_more_url_es", ""),
        ("name_zh_hant", ""),
        ("summary_zh_hant", ""),
        ("requirements_zh_hant", ""),
        ("training_time_zh_hant", ""),
        ("learn_more_url_zh_hant", ""),
    ]
}

#[tokio::test]
async fn a_program_admin_adds_changes_hides_and_shows_a_career_through_the_forms() {
    let app = TestApp::spawn().await;
    app.staff(Role::ProgramAdmin, "admin@example.org", None, None)
        .await;
    let mut admin = app.browser();
    admin.sign_in("admin@example.org", GOOD_PASSWORD).await;

    let list = admin.get("/admin/careers").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains("href=\"/admin/careers/new\""));
    // The admin's menu leads to the career pages.
    assert!(
        list.body
            .contains("href=\"/admin/careers\" aria-current=\"page\"")
    );

    // A form with problems comes back with each one named at its field, and nothing is stored.
    let mut bad = new_career_fields();
    bad.retain(|(name, _)| *name != "pathways");
    for (name, value) in &mut bad {
        match *name {
            "slug" => *value = "LVN nurse",
            "learn_more_url_en" => *value = "http://www.bvnpt.ca.gov/",
            "training_time_es" => *value = "",
            _ => {}
        }
    }
    let refused = admin
        .submit("/admin/careers/new", "/admin/careers/new", &bad)
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("<title>Error: Add a career"));
    for (href, message) in [
        (
            "#slug",
            "The web address name must be 3 to 60 lower-case letters",
        ),
        ("#pathway-GHS", "Choose at least one pathway"),
        (
            "#learn_more_url_en",
            "The web page (English) must start with https://",
        ),
        (
            "#training_time_es",
            "How long training takes (Spanish): fill this in",
        ),
    ] {
        assert!(
            refused
                .body
                .contains(&format!("<a href=\"{href}\">{message}")),
            "{href}: {}",
            refused.body
        );
    }
    assert!(refused.body.contains("id=\"learn_more_url_en\" name=\"learn_more_url_en\" type=\"url\" value=\"http://www.bvnpt.ca.gov/\""));
    assert!(refused.body.contains("aria-invalid=\"true\""));
    assert!(refused.body.contains("lang=\"es\""));
    assert!(app.store().careers(false).await.unwrap().is_empty());

    let created = admin
        .submit(
            "/admin/careers/new",
            "/admin/careers/new",
            &new_career_fields(),
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    assert_eq!(created.header("location"), "/admin/careers?notice=created");
    let list = admin.get("/admin/careers?notice=created").await;
    assert!(list.body.contains("The career page was added."));
    assert!(list.body.contains("Licensed vocational nurse (LVN)"));

    let public = app.get("/careers/licensed-vocational-nurse").await;
    assert_eq!(public.status, StatusCode::OK);
    assert!(
        public
            .body
            .contains("<p>The NCLEX-PN exam and a state license.</p>")
    );
    let es = get_in(&app, "/careers/licensed-vocational-nurse", "es").await;
    assert!(
        es.body
            .contains("<h1>Enfermero vocacional con licencia (LVN)</h1>")
    );

    // The edit form shows what is stored; the slug is shown, not offered for change.
    let edit = admin
        .get("/admin/careers/licensed-vocational-nurse/edit")
        .await;
    assert_eq!(edit.status, StatusCode::OK);
    assert!(
        edit.body
            .contains("name=\"name_en\" type=\"text\" value=\"Licensed vocational nurse (LVN)\"")
    );
    assert!(edit.body.contains("value=\"CPC\" checked"));
    assert!(!edit.body.contains("name=\"slug\""));

    // A refused change changes nothing.
    let mut emptied = new_career_fields();
    for (name, value) in &mut emptied {
        if *name == "name_en" {
            *value = "";
        }
    }
    let refused = admin
        .submit(
            "/admin/careers/licensed-vocational-nurse/edit",
            "/admin/careers/licensed-vocational-nurse/edit",
            &emptied,
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .body
            .contains("Enter the career&#39;s name in English")
    );
    let stored = |app: &TestApp| {
        let store = app.store_arc();
        async move {
            store
                .career(
                    &pathways_domain::career::CareerSlug::parse("licensed-vocational-nurse")
                        .unwrap(),
                )
                .await
                .unwrap()
                .unwrap()
        }
    };
    assert_eq!(
        stored(&app).await.texts[0].name,
        "Licensed vocational nurse (LVN)"
    );

    let mut changed = new_career_fields();
    for (name, value) in &mut changed {
        match *name {
            "name_en" => *value = "Vocational nurse (LVN)",
            "name_es" | "summary_es" | "requirements_es" | "training_time_es" => *value = "",
            _ => {}
        }
    }
    let saved = admin
        .submit(
            "/admin/careers/licensed-vocational-nurse/edit",
            "/admin/careers/licensed-vocational-nurse/edit",
            &changed,
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let career = stored(&app).await;
    assert_eq!(
        career.texts.len(),
        1,
        "emptying Spanish falls back to English"
    );
    assert_eq!(career.texts[0].name, "Vocational nurse (LVN)");

    // Hide, then show again, with the list's buttons.
    let hidden = admin
        .submit(
            "/admin/careers",
            "/admin/careers/licensed-vocational-nurse/visibility",
            &[("published", "no")],
        )
        .await;
    assert_eq!(hidden.header("location"), "/admin/careers?notice=hidden");
    assert_eq!(
        app.get("/careers/licensed-vocational-nurse").await.status,
        StatusCode::NOT_FOUND
    );
    assert!(admin.get("/admin/careers").await.body.contains("Hidden"));
    admin
        .submit(
            "/admin/careers",
            "/admin/careers/licensed-vocational-nurse/visibility",
            &[("published", "yes")],
        )
        .await;
    assert_eq!(
        app.get("/careers/licensed-vocational-nurse").await.status,
        StatusCode::OK
    );

    // Every change is in the audit log, with the career before and after.
    let log = app
        .store()
        .search_audit(&pathways_store::accounts::AuditQuery {
            record_type: Some("career".into()),
            limit: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    let actions: Vec<&str> = log.iter().map(|r| r.entry.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "career.publish",
            "career.hide",
            "career.edit",
            "career.create"
        ]
    );
}

#[tokio::test]
async fn a_form_from_someone_else_or_without_its_token_changes_no_career() {
    let app = TestApp::spawn().await;
    let (cna, _, _) = add_careers(app.store()).await;
    app.staff(Role::ServiceDesk, "desk@example.org", None, None)
        .await;
    app.staff(Role::ProgramAdmin, "admin@example.org", None, None)
        .await;
    let mut desk = app.browser();
    desk.sign_in("desk@example.org", GOOD_PASSWORD).await;
    let csrf = desk.get("/account").await.csrf();
    let answer = desk
        .post(
            "/admin/careers/certified-nursing-assistant/visibility",
            &[("csrf", &csrf), ("published", "no")],
        )
        .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    let answer = desk
        .post(
            "/admin/careers/new",
            &[("csrf", &csrf), ("slug", "sneaky-career")],
        )
        .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);

    let mut admin = app.browser();
    admin.sign_in("admin@example.org", GOOD_PASSWORD).await;
    let answer = admin
        .post(
            "/admin/careers/certified-nursing-assistant/visibility",
            &[("csrf", "forged"), ("published", "no")],
        )
        .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);

    assert_eq!(app.store().career(&cna.slug).await.unwrap(), Some(cna));
    assert_eq!(app.store().careers(false).await.unwrap().len(), 3);
}

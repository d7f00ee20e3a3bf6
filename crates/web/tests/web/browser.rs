//! The public catalog in a real headless Chromium, driven over WebDriver: the language the
//! browser asks for, the filter form on a phone, and the language switch; axe-core checks each
//! page they visit for accessibility (see `axe.rs`).
//!
//! Needs Debian's `chromium` and `chromium-driver` (or `PATHWAYS_CHROMEDRIVER`). Without them
//! these tests print a note and pass, except under CI (`CI` set), where they fail.
//! One browser runs at a time: the machines that run the tests have few cores.

use std::collections::HashSet;

use pathways_domain::pathway::{Modality, Pathway};
use pathways_web::i18n::{Arg, Locale, Translator};
use serde_json::{Value, json};
use tokio::sync::{Mutex, MutexGuard};

use crate::axe::assert_accessible;
use crate::helpers::{GOOD_PASSWORD, Served, TestApp, code_in, course, message_keys};
use crate::webdriver::{ChromeDriver, Session, chromedriver_path};

/// The phone's width in CSS pixels.
pub const PHONE_WIDTH: u64 = 360;

static ONE_BROWSER_AT_A_TIME: Mutex<()> = Mutex::const_new(());

/// A seeded site on a real port and a chromedriver to look at it with. Fields drop in order:
/// the browsers first, the turn last.
pub struct Browsing {
    pub driver: ChromeDriver,
    pub site: Served,
    pub app: TestApp,
    _turn: MutexGuard<'static, ()>,
}

/// The seeded site and chromedriver, or `None` (with a note) when chromedriver is not
/// installed and this is not CI.
pub async fn start_browsing() -> Option<Browsing> {
    let Some(program) = chromedriver_path() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must run the browser tests: install Debian's chromium and chromium-driver \
             (or set PATHWAYS_CHROMEDRIVER to a chromedriver)"
        );
        eprintln!(
            "note: browser test skipped: no chromedriver at $PATHWAYS_CHROMEDRIVER or \
             /usr/bin/chromedriver (apt-get install chromium chromium-driver)"
        );
        return None;
    };
    let turn = ONE_BROWSER_AT_A_TIME.lock().await;
    let app = TestApp::spawn().await;
    let site = app.serve().await;
    let driver = ChromeDriver::start(&program).await;
    Some(Browsing {
        driver,
        site,
        app,
        _turn: turn,
    })
}

/// Every piece of text on the page a person could see or hear: text nodes (hidden ones too),
/// the labels screen readers read, and the title.
const PAGE_TEXTS: &str = r"
    const texts = [document.title];
    const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const text = walker.currentNode.nodeValue.trim();
        if (text) texts.push(text);
    }
    for (const element of document.querySelectorAll('[aria-label], [data-label], [title], [alt]')) {
        for (const name of ['aria-label', 'data-label', 'title', 'alt']) {
            const value = element.getAttribute(name);
            if (value) texts.push(value);
        }
    }
    return texts;
";

/// Fails when the page shows a message key, something shaped like one (`catalog-…`), or a
/// Fluent placeable (`{ $count }`) instead of translated text.
pub async fn assert_no_message_keys(session: &Session, context: &str) {
    let keys: HashSet<String> = message_keys().into_iter().collect();
    let prefixes: HashSet<&str> = keys.iter().filter_map(|k| k.split('-').next()).collect();
    let texts = session.eval(PAGE_TEXTS, &[]).await;
    let texts = texts.as_array().expect("a list of texts");
    assert!(texts.len() > 10, "{context}: the page has hardly any text");
    for text in texts.iter().filter_map(Value::as_str) {
        assert!(
            !text.contains('{') && !text.contains('}'),
            "{context}: a Fluent placeable shows in {text:?}"
        );
        for token in text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-')) {
            let key_shaped = token.contains('-')
                && token
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                && token
                    .split('-')
                    .next()
                    .is_some_and(|first| prefixes.contains(first));
            assert!(
                !keys.contains(token) && !key_shaped,
                "{context}: the message key {token:?} shows in {text:?}"
            );
        }
    }
}

/// Fails when the page is wider than the phone, so that a person would scroll sideways. (A
/// phone browser zooms out to show a page that is too wide, which widens its viewport.)
pub async fn assert_fits_a_phone(session: &Session, context: &str) {
    let widths = session
        .eval(
            "return [window.innerWidth, document.documentElement.scrollWidth]",
            &[],
        )
        .await;
    let viewport = widths[0].as_u64().expect("a width");
    let page = widths[1].as_u64().expect("a width");
    assert!(
        viewport == PHONE_WIDTH && page <= PHONE_WIDTH,
        "{context}: the page is {page} pixels wide on a {PHONE_WIDTH}-pixel phone \
         (the browser zoomed out to {viewport} pixels)"
    );
}

async fn html_lang(session: &Session) -> Value {
    session
        .eval("return document.documentElement.lang", &[])
        .await
}

pub async fn text_of(session: &Session, css: &str) -> String {
    let element = session.find(css).await;
    session.text(&element).await
}

/// The text of the course cards' facts labelled `label`, one per card.
async fn card_facts(session: &Session, label: &str) -> Value {
    session
        .eval(
            "return [...document.querySelectorAll('.course-card')].map(card => \
             [...card.querySelectorAll('.facts > div')] \
             .find(fact => fact.querySelector('dt').textContent.trim() === arguments[0]) \
             .querySelector('dd').textContent.trim())",
            &[json!(label)],
        )
        .await
}

/// "Filters (2 on)", as the filter panel's summary says it in `t`'s language.
fn panel_text(t: Translator, on: u64) -> String {
    t.t_args(
        "filter-panel-summary",
        &[
            ("count", Arg::from(on)),
            ("shown", Arg::from(on.to_string())),
        ],
    )
}

/// "3 courses found", as the list says it in `t`'s language.
fn count_text(t: Translator, count: u64) -> String {
    t.t_args(
        "catalog-count",
        &[
            ("count", Arg::from(count)),
            ("shown", Arg::from(count.to_string())),
        ],
    )
}

/// Journey 1: a browser set to `browser_language` gets the course list and a course page in
/// `locale`, with every text translated and nothing wider than the phone.
async fn the_catalog_speaks_the_browsers_language(locale: Locale, browser_language: &str) {
    let Some(browsing) = start_browsing().await else {
        return;
    };
    let t = Translator::new(locale);
    let tag = locale.tag();
    let session = browsing.driver.phone_session(browser_language).await;

    session.goto(&browsing.site.url("/courses")).await;
    assert_eq!(html_lang(&session).await, tag, "the list's <html lang>");
    let heading = text_of(&session, "h1").await;
    assert!(!heading.is_empty(), "the list has a heading");
    assert_eq!(heading, t.t("catalog-title"), "the list's heading in {tag}");
    assert_eq!(
        session.title().await,
        format!("{} – {}", t.t("catalog-title"), t.t("service-name")),
        "the list's title in {tag}"
    );
    assert_eq!(
        text_of(&session, ".filter-panel-summary").await,
        panel_text(t, 0),
        "the folded filters' summary in {tag}"
    );
    assert_eq!(
        session
            .eval(
                "return document.querySelector('.filter-panel button[type=submit]')\
                 .textContent.trim()",
                &[],
            )
            .await,
        json!(t.t("filter-submit"))
    );
    assert_eq!(
        text_of(&session, "#results-heading").await,
        count_text(t, 3)
    );
    assert_eq!(
        text_of(&session, ".language-current").await,
        locale.native_name()
    );
    assert_no_message_keys(&session, &format!("/courses in {tag}")).await;
    assert_fits_a_phone(&session, &format!("/courses in {tag}")).await;
    assert_accessible(&session, &format!("/courses in {tag}")).await;
    let screenshot = std::env::temp_dir().join(format!("pathways-courses-{tag}-phone.png"));
    session.save_screenshot(&screenshot).await;
    eprintln!("screenshot: {}", screenshot.display());

    let link = session
        .find(".course-card-title a[href='/courses/GHS-101']")
        .await;
    let course_title = session.text(&link).await;
    assert_eq!(course_title, "Safety at Home");
    session.click(&link).await;
    session
        .wait_until(
            "the course page",
            "return location.pathname === '/courses/GHS-101' && document.readyState === 'complete'",
            &[],
        )
        .await;
    assert_eq!(
        html_lang(&session).await,
        tag,
        "the course page's <html lang>"
    );
    assert_eq!(text_of(&session, "h1").await, course_title);
    assert_eq!(
        session.title().await,
        format!("{course_title} – {}", t.t("service-name")),
        "the course page's title in {tag}"
    );
    assert_eq!(text_of(&session, ".back-link").await, t.t("course-back"));
    // On a phone each class is a card whose cells show their column's name before the value.
    assert_eq!(
        session
            .eval(
                "return getComputedStyle(document.querySelector('.sessions-table td'), '::before')\
                 .content",
                &[],
            )
            .await,
        format!("\"{}\"", t.t("session-starts")),
        "the first cell of a class is labelled in {tag}"
    );
    assert_no_message_keys(&session, &format!("/courses/GHS-101 in {tag}")).await;
    assert_fits_a_phone(&session, &format!("/courses/GHS-101 in {tag}")).await;
    assert_accessible(&session, &format!("/courses/GHS-101 in {tag}")).await;
    let screenshot = std::env::temp_dir().join(format!("pathways-course-{tag}-phone.png"));
    session.save_screenshot(&screenshot).await;
    eprintln!("screenshot: {}", screenshot.display());

    session.quit().await;
}

#[tokio::test]
async fn a_browser_set_to_english_gets_the_course_list_and_a_course_page_in_english() {
    the_catalog_speaks_the_browsers_language(Locale::En, "en-US").await;
}

#[tokio::test]
async fn a_browser_set_to_spanish_gets_the_course_list_and_a_course_page_in_spanish() {
    the_catalog_speaks_the_browsers_language(Locale::Es, "es").await;
}

#[tokio::test]
async fn a_browser_set_to_taiwanese_chinese_gets_the_course_list_and_a_course_page_in_traditional_chinese()
 {
    the_catalog_speaks_the_browsers_language(Locale::ZhHant, "zh-TW").await;
}

#[tokio::test]
async fn on_a_phone_choosing_a_pathway_and_pressing_the_button_narrows_the_list_to_that_pathway() {
    let Some(browsing) = start_browsing().await else {
        return;
    };
    let t = Translator::new(Locale::En);
    let session = browsing.driver.phone_session("en-US").await;
    session.goto(&browsing.site.url("/courses")).await;
    assert_fits_a_phone(&session, "the whole list").await;
    let count_before = text_of(&session, "#results-heading").await;
    assert_eq!(count_before, count_text(t, 3));
    let pathways_before = card_facts(&session, &t.t("course-pathway")).await;
    assert_eq!(pathways_before.as_array().map(Vec::len), Some(3));

    // The filters are folded under the search box; the summary opens them.
    let summary = session.find(".filter-panel-summary").await;
    assert_eq!(session.text(&summary).await, panel_text(t, 0));
    session.click(&summary).await;
    let option = session.find("#pathway option[value='CPC']").await;
    assert_eq!(session.text(&option).await, t.t("pathway-CPC"));
    session.click(&option).await;
    assert_eq!(
        session
            .eval("return document.getElementById('pathway').value", &[])
            .await,
        "CPC"
    );
    let button = session.find(".filter-panel button[type=submit]").await;
    session.click(&button).await;
    session
        .wait_until(
            "the filtered list",
            "return new URLSearchParams(location.search).get('pathway') === 'CPC' \
             && document.readyState === 'complete'",
            &[],
        )
        .await;

    let url = session.url().await;
    assert!(url.contains("/courses?"), "{url}");
    assert!(url.contains("pathway=CPC"), "{url}");
    let count_after = text_of(&session, "#results-heading").await;
    assert_ne!(count_after, count_before);
    assert_eq!(count_after, count_text(t, 1));
    assert_eq!(
        card_facts(&session, &t.t("course-pathway")).await,
        json!([t.t("pathway-CPC")]),
        "only courses of the chosen pathway remain"
    );
    assert_eq!(
        text_of(&session, ".course-card-title a").await,
        "Safe Lifting and Moving"
    );
    assert_eq!(
        session
            .eval("return document.getElementById('pathway').value", &[])
            .await,
        "CPC",
        "the form still shows the choice"
    );
    assert_eq!(
        session
            .eval("return document.querySelector('.filter-panel').open", &[])
            .await,
        json!(true),
        "the panel stays open after its own button"
    );
    assert_eq!(
        text_of(&session, ".filter-panel-summary").await,
        panel_text(t, 1)
    );
    assert_fits_a_phone(&session, "the filtered list").await;
    session.quit().await;
}

#[tokio::test]
async fn choosing_espanol_in_the_language_switch_keeps_the_site_in_spanish_on_later_pages() {
    let Some(browsing) = start_browsing().await else {
        return;
    };
    let spanish = Translator::new(Locale::Es);
    let session = browsing.driver.phone_session("en-US").await;
    session
        .goto(&browsing.site.url("/courses?pathway=GHS"))
        .await;
    assert_eq!(html_lang(&session).await, "en");
    assert_eq!(session.cookie("lang").await, None);

    let switch = session.find(".language-switch a[hreflang='es']").await;
    assert_eq!(session.text(&switch).await, "Español");
    session.click(&switch).await;
    session
        .wait_until(
            "the page in Spanish",
            "return document.documentElement.lang === 'es' && document.readyState === 'complete'",
            &[],
        )
        .await;
    let url = session.url().await;
    assert!(
        url.ends_with("/courses?pathway=GHS"),
        "back on the same list, filter kept: {url}"
    );
    assert_eq!(text_of(&session, "h1").await, spanish.t("catalog-title"));
    assert_eq!(text_of(&session, ".language-current").await, "Español");
    assert_eq!(session.cookie("lang").await.as_deref(), Some("es"));

    // The next page, reached by a link, and one reached by typing its address: still Spanish,
    // though the browser itself asks for English.
    let home = session.find(".main-nav a[href='/']").await;
    assert_eq!(session.text(&home).await, spanish.t("nav-home"));
    session.click(&home).await;
    session
        .wait_until(
            "the home page",
            "return location.pathname === '/' && document.readyState === 'complete'",
            &[],
        )
        .await;
    assert_eq!(html_lang(&session).await, "es");
    assert_eq!(text_of(&session, "h1").await, spanish.t("home-title"));
    assert_no_message_keys(&session, "/ in Spanish").await;
    assert_accessible(&session, "/ in Spanish").await;

    session.goto(&browsing.site.url("/courses/CPC-201")).await;
    assert_eq!(html_lang(&session).await, "es");
    assert_eq!(
        text_of(&session, ".back-link").await,
        spanish.t("course-back")
    );
    session.quit().await;
}

#[tokio::test]
async fn on_a_phone_a_long_word_in_a_course_wraps_instead_of_widening_the_page() {
    let Some(browsing) = start_browsing().await else {
        return;
    };
    let word = "Gesundheitsversorgungsweiterbildungsabschlussprüfungsvorbereitung";
    let mut long = course(
        "AED-999",
        word,
        Pathway::AdultEducation,
        Modality::SelfPaced,
    );
    long.description =
        format!("Read more at https://training.example.org/courses/{word}/{word}/materials");
    browsing.app.add_courses(vec![long]).await;
    let session = browsing.driver.phone_session("en-US").await;
    session
        .goto(&browsing.site.url("/courses?pathway=AED"))
        .await;
    assert_eq!(
        text_of(&session, "h3 a[href='/courses/AED-999']").await,
        word
    );
    assert_fits_a_phone(&session, "the list with a long title").await;
    session.goto(&browsing.site.url("/courses/AED-999")).await;
    assert_eq!(text_of(&session, "h1").await, word);
    assert_fits_a_phone(&session, "the course with a long title and address").await;
    session.quit().await;
}

/// Types `text` into the field with this id.
pub async fn fill(session: &Session, id: &str, text: &str) {
    let field = session.find(&format!("#{id}")).await;
    session.type_text(&field, text).await;
}

/// Clicks the element and waits until a new page at `path` has loaded (it may be the same
/// address again, as when a form comes back with its problems).
pub async fn click_to(session: &Session, css: &str, path: &str) {
    let element = session.find(css).await;
    // A mark on the page being left: the next page does not have it.
    session.eval("window.pathwaysLeaving = true", &[]).await;
    session.click(&element).await;
    session
        .wait_until(
            path,
            "return !window.pathwaysLeaving && location.pathname === arguments[0] \
             && document.readyState === 'complete'",
            &[json!(path)],
        )
        .await;
}

#[tokio::test]
async fn on_a_phone_a_provider_creates_an_account_with_the_texted_code_signs_out_and_in_and_out() {
    let Some(browsing) = start_browsing().await else {
        return;
    };
    let t = Translator::new(Locale::En);
    let phone_number = "(916) 555-0142";
    browsing
        .app
        .add_provider(123_456_789, "Alvarez", phone_number, None)
        .await;
    let session = browsing.driver.phone_session("en-US").await;
    session.goto(&browsing.site.url("/")).await;
    assert_eq!(
        text_of(&session, ".account-bar .account-link").await,
        t.t("header-sign-in")
    );
    assert_fits_a_phone(&session, "the home page's header").await;
    assert_accessible(&session, "/").await;

    // Sign in → Create an account.
    click_to(&session, ".account-bar .account-link", "/sign-in").await;
    assert_eq!(text_of(&session, "h1").await, t.t("sign-in-title"));
    assert_fits_a_phone(&session, "/sign-in").await;
    assert_accessible(&session, "/sign-in").await;
    click_to(&session, "main a[href='/register']", "/register").await;
    assert_eq!(text_of(&session, "h1").await, t.t("register-title"));
    assert_no_message_keys(&session, "/register").await;
    assert_fits_a_phone(&session, "/register").await;
    assert_accessible(&session, "/register").await;

    fill(&session, "provider_number", "123456789").await;
    fill(&session, "last_name", "Alvarez").await;
    fill(&session, "contact", "916-555-0142").await;
    click_to(&session, "main form button[type=submit]", "/register/code").await;
    assert_eq!(text_of(&session, "h1").await, t.t("register-code-title"));
    assert_eq!(
        session
            .eval("return document.getElementById('code').autocomplete", &[])
            .await,
        "one-time-code"
    );
    assert_no_message_keys(&session, "/register/code").await;
    assert_fits_a_phone(&session, "/register/code").await;
    assert_accessible(&session, "/register/code").await;
    let screenshot = std::env::temp_dir().join("pathways-register-code-phone.png");
    session.save_screenshot(&screenshot).await;
    eprintln!("screenshot: {}", screenshot.display());

    // The code, as the text message carries it.
    let message = browsing
        .app
        .store()
        .outbox(Some(phone_number), 1)
        .await
        .expect("the outbox")
        .pop()
        .expect("a text message with the code");
    let code = code_in(&message.body);
    fill(&session, "code", &code).await;
    fill(&session, "password", GOOD_PASSWORD).await;
    fill(&session, "confirm", GOOD_PASSWORD).await;
    click_to(&session, "main form button[type=submit]", "/account").await;
    assert_eq!(text_of(&session, "h1").await, t.t("account-title"));
    assert_eq!(
        text_of(&session, ".notice-text").await,
        t.t("notice-welcome")
    );
    assert!(
        text_of(&session, ".account-name")
            .await
            .contains("Rosa Alvarez"),
        "the header names the person"
    );
    assert!(session.cookie("pathways_session").await.is_some());
    assert_no_message_keys(&session, "/account").await;
    assert_fits_a_phone(&session, "/account").await;
    assert_accessible(&session, "/account").await;
    let screenshot = std::env::temp_dir().join("pathways-account-phone.png");
    session.save_screenshot(&screenshot).await;
    eprintln!("screenshot: {}", screenshot.display());

    // Sign out, from the header.
    click_to(&session, ".sign-out-form button", "/").await;
    assert_eq!(session.cookie("pathways_session").await, None);
    assert_eq!(
        text_of(&session, ".account-bar .account-link").await,
        t.t("header-sign-in")
    );

    // Sign in with the provider number and the new password.
    click_to(&session, ".account-bar .account-link", "/sign-in").await;
    fill(&session, "login", "123456789").await;
    fill(&session, "password", GOOD_PASSWORD).await;
    click_to(&session, "main form button[type=submit]", "/account").await;
    assert!(
        text_of(&session, ".account-name")
            .await
            .contains("Rosa Alvarez")
    );
    assert!(session.cookie("pathways_session").await.is_some());

    // And out again.
    click_to(&session, ".sign-out-form button", "/").await;
    assert_eq!(session.cookie("pathways_session").await, None);
    session.goto(&browsing.site.url("/account")).await;
    session
        .wait_until(
            "the sign-in page",
            "return location.pathname === '/sign-in' && document.readyState === 'complete'",
            &[],
        )
        .await;
    session.quit().await;
}

#[tokio::test]
async fn on_a_phone_a_provider_searches_by_words_ticks_places_left_and_gets_a_link_to_share() {
    let Some(browsing) = start_browsing().await else {
        return;
    };
    let t = Translator::new(Locale::Es);
    let session = browsing.driver.phone_session("es").await;
    session.goto(&browsing.site.url("/courses")).await;
    fill(&session, "q", "seguridad hogar").await;
    let summary = session.find(".filter-panel-summary").await;
    session.click(&summary).await;
    let seats = session.find("#seats").await;
    session.click(&seats).await;
    // The button beside the search box sends the whole form.
    let search = session.find(".search-box button[type=submit]").await;
    assert_eq!(session.text(&search).await, t.t("filter-search-button"));
    session.click(&search).await;
    session
        .wait_until(
            "the search results",
            "return new URLSearchParams(location.search).get('seats') === 'yes' \
             && document.readyState === 'complete'",
            &[],
        )
        .await;
    // No Spanish course here: the words find nothing, and the page says so.
    assert_eq!(
        text_of(&session, "#results-heading").await,
        count_text(t, 0)
    );

    session
        .eval("document.getElementById('q').value = ''", &[])
        .await;
    fill(&session, "q", "Safety HOME").await;
    // The search button folded the panel again; it says one filter is on.
    let summary = session.find(".filter-panel-summary").await;
    assert_eq!(session.text(&summary).await, panel_text(t, 1));
    session.click(&summary).await;
    click_to(&session, ".filter-panel button[type=submit]", "/courses").await;
    session
        .wait_until(
            "the second search",
            "return new URLSearchParams(location.search).get('q') === 'Safety HOME'",
            &[],
        )
        .await;
    assert_eq!(
        text_of(&session, "#results-heading").await,
        count_text(t, 1)
    );
    assert_eq!(
        text_of(&session, ".course-card-title a").await,
        "Safety at Home"
    );
    assert_eq!(
        session
            .eval("return document.getElementById('seats').checked", &[])
            .await,
        json!(true),
        "the box stays ticked"
    );
    let shared = session.url().await;
    assert!(shared.contains("q=Safety+HOME"), "{shared}");
    assert_fits_a_phone(&session, "the search results").await;
    assert_accessible(&session, "/courses with a search that finds one course").await;
    let screenshot = std::env::temp_dir().join("pathways-courses-search-es-phone.png");
    session.save_screenshot(&screenshot).await;
    eprintln!("screenshot: {}", screenshot.display());

    // The link opens the same results in another browser.
    let other = browsing.driver.phone_session("es").await;
    other.goto(&shared).await;
    assert_eq!(text_of(&other, "#results-heading").await, count_text(t, 1));
    other.quit().await;
    session.quit().await;
}

/// Where an element is on the page: `[top, bottom, visible]`, in CSS pixels from the top of
/// the page (not the window), and whether it is rendered at all.
async fn place_of(session: &Session, css: &str) -> (f64, f64, bool) {
    let at = session
        .eval(
            "const e = document.querySelector(arguments[0]); const r = e.getBoundingClientRect(); \
             return [r.top + window.scrollY, r.bottom + window.scrollY, e.checkVisibility()]",
            &[json!(css)],
        )
        .await;
    (
        at[0].as_f64().expect("a top"),
        at[1].as_f64().expect("a bottom"),
        at[2].as_bool().expect("visible or not"),
    )
}

#[tokio::test]
async fn on_a_360_pixel_phone_the_filters_fold_under_the_search_box_so_the_results_show_first() {
    let Some(browsing) = start_browsing().await else {
        return;
    };
    let t = Translator::new(Locale::En);
    let session = browsing.driver.phone_session("en-US").await;
    session.goto(&browsing.site.url("/courses")).await;
    assert_fits_a_phone(&session, "the folded filters").await;

    // Folded: the search box shows, the other filters do not, the results start on the first
    // screen.
    assert!(
        place_of(&session, "#q").await.2,
        "the search box stays visible"
    );
    assert!(
        !place_of(&session, "#pathway").await.2,
        "the filters are folded"
    );
    let height = session
        .eval("return window.innerHeight", &[])
        .await
        .as_f64()
        .expect("a height");
    let (results_top, _, _) = place_of(&session, "#results-heading").await;
    let (first_card_top, _, _) = place_of(&session, ".course-card-title").await;
    assert!(
        first_card_top < height,
        "the first course starts at {first_card_top}px, within the {height}px screen"
    );

    // A keyboard opens it: the summary takes focus, shows it, and Enter unfolds the panel.
    let summary = session.find(".filter-panel-summary").await;
    assert_eq!(session.accessible_name(&summary).await, panel_text(t, 0));
    session.type_text(&summary, "\u{E007}").await;
    assert_eq!(
        session
            .eval(
                "const s = document.querySelector('.filter-panel-summary'); \
                 return [document.activeElement === s, s.matches(':focus-visible'), \
                 getComputedStyle(s).outlineStyle, s.parentElement.open]",
                &[],
            )
            .await,
        json!([true, true, "solid", true]),
        "focused, with a visible focus, and open"
    );
    assert!(place_of(&session, "#pathway").await.2, "the filters show");
    let (opened_results_top, _, _) = place_of(&session, "#results-heading").await;
    assert!(
        opened_results_top > results_top + 600.0,
        "the whole form sits above the results once open ({results_top}px, then \
         {opened_results_top}px)"
    );
    assert_fits_a_phone(&session, "the open filters").await;
    let screenshot = std::env::temp_dir().join("pathways-courses-filters-folded-phone.png");
    session.type_text(&summary, "\u{E007}").await;
    session.save_screenshot(&screenshot).await;
    eprintln!("screenshot: {}", screenshot.display());

    // A bad filter value opens the panel, so the error summary's link reaches its field.
    session.goto(&browsing.site.url("/courses?county=99")).await;
    assert!(
        place_of(&session, "#county").await.2,
        "the field with the problem shows"
    );

    // A wide screen always shows the filters beside the results, with no summary to press.
    // (Chromedriver's phone emulation comes back with each page, so the page is widened
    // after it loads.)
    session.goto(&browsing.site.url("/courses")).await;
    session
        .cdp(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": 1024, "height": 800, "deviceScaleFactor": 1, "mobile": false}),
        )
        .await;
    assert_eq!(
        session.eval("return window.innerWidth", &[]).await,
        json!(1024)
    );
    assert!(
        place_of(&session, "#pathway").await.2,
        "open on a wide screen"
    );
    assert!(!place_of(&session, ".filter-panel-summary").await.2);
    let (wide_results_top, _, _) = place_of(&session, "#results-heading").await;
    let (form_top, _, _) = place_of(&session, ".filters").await;
    assert!(
        (wide_results_top - form_top).abs() < 50.0,
        "the results sit beside the form ({form_top}px, {wide_results_top}px)"
    );
    session.quit().await;
}

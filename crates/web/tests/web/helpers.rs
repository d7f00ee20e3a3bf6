//! `TestApp`: the real router over a fresh, seeded SQLite database, and small builders for the
//! catalog it holds.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use pathways_domain::entities::{Course, Session, Vendor};
use pathways_domain::pathway::{Modality, Pathway};
use pathways_domain::quantity::Hours;
use pathways_domain::testing;
use pathways_store::testing::TestDatabase;
use pathways_store::{Batch, Store};
use pathways_web::{AppState, WebConfig};
use time::macros::{date, datetime};
use time::{Date, PrimitiveDateTime};
use tower::ServiceExt;

/// The date every test's catalog is shown for.
pub const TODAY: Date = date!(2026 - 03 - 01);

/// The running site and the database behind it (removed when dropped).
pub struct TestApp {
    router: Router,
    db: Option<TestDatabase>,
}

/// The site on a real port (see [`TestApp::serve`]); stops when dropped.
#[derive(Debug)]
pub struct Served {
    pub addr: SocketAddr,
    server: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl Served {
    /// The full address of `path` on this server.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        self.server.abort();
    }
}

/// A response with its body read.
#[derive(Debug)]
pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
    /// The body as sent (a PDF, say).
    pub bytes: Vec<u8>,
}

impl TestResponse {
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    /// The `lang` attribute of the `<html>` element.
    pub fn html_lang(&self) -> &str {
        let start = self
            .body
            .find("<html lang=\"")
            .expect("an <html lang> element")
            + 12;
        let end = self.body[start..].find('"').expect("a closing quote") + start;
        &self.body[start..end]
    }

    /// How many course cards the list shows.
    pub fn course_cards(&self) -> usize {
        self.body.matches("class=\"course-card\"").count()
    }
}

impl TestApp {
    /// A site over the standard catalog (see [`seed_catalog`]).
    pub async fn spawn() -> Self {
        let app = Self::empty().await;
        seed_catalog(app.store()).await;
        app
    }

    /// A site over the standard catalog in a given database, such as one of
    /// `pathways_store::testing::all()`, to run a test on every backend.
    pub async fn on(db: TestDatabase) -> Self {
        let router = pathways_web::router(AppState::new(db.store.clone(), config()));
        seed_catalog(db.store.as_ref()).await;
        Self {
            router,
            db: Some(db),
        }
    }

    /// A site over an empty, migrated database.
    pub async fn empty() -> Self {
        let db = pathways_store::testing::sqlite()
            .await
            .expect("a SQLite test database");
        let router = pathways_web::router(AppState::new(db.store.clone(), config()));
        Self {
            router,
            db: Some(db),
        }
    }

    /// A site over any store, such as one that fails.
    pub fn over(store: Arc<dyn Store>) -> Self {
        Self {
            router: pathways_web::router(AppState::new(store, config())),
            db: None,
        }
    }

    pub fn store(&self) -> &dyn Store {
        self.db.as_ref().expect("a database").store.as_ref()
    }

    pub fn store_arc(&self) -> Arc<dyn Store> {
        self.db.as_ref().expect("a database").store.clone()
    }

    pub async fn get(&self, uri: &str) -> TestResponse {
        self.get_with(uri, &[]).await
    }

    pub async fn get_with(&self, uri: &str, headers: &[(&str, &str)]) -> TestResponse {
        let mut request = Request::get(uri);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let response = self
            .router
            .clone()
            .oneshot(request.body(Body::empty()).expect("a request"))
            .await
            .expect("the router always answers");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .expect("a readable body");
        TestResponse {
            status,
            headers,
            body: String::from_utf8(bytes.to_vec()).expect("a UTF-8 body"),
            bytes: bytes.to_vec(),
        }
    }

    /// Sends any request through the router.
    pub async fn send(&self, request: Request<Body>) -> TestResponse {
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("the router always answers");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .expect("a readable body");
        TestResponse {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
            bytes: bytes.to_vec(),
        }
    }

    /// Serves the site over HTTP on a free local port, for a real browser, until the returned
    /// [`Served`] is dropped.
    pub async fn serve(&self) -> Served {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a free port");
        let addr = listener.local_addr().expect("an address");
        let router = self.router.clone();
        let server = tokio::spawn(async move { axum::serve(listener, router).await });
        Served { addr, server }
    }

    /// Adds courses to the catalog.
    pub async fn add_courses(&self, courses: Vec<Course>) {
        let mut tx = self.store().begin_import().await.expect("an import");
        tx.upsert(&Batch::Courses(courses)).await.expect("courses");
        tx.commit().await.expect("commit");
    }
}

fn config() -> WebConfig {
    WebConfig {
        today: Some(TODAY),
        secure_cookies: false,
        // Tests sign in often: a cheap hash keeps them fast (production cost is measured by
        // `pathways bench password-hash`).
        accounts: pathways_app::testing::fast_account_settings(),
        ..Default::default()
    }
}

/// A vendor with a name of its own.
pub fn vendor(code: &str, name: &str) -> Vendor {
    Vendor {
        name: name.into(),
        ..testing::vendor(code)
    }
}

/// A published course of vendor `V1` with the given number, title, pathway and modality.
pub fn course(number: &str, title: &str, pathway: Pathway, modality: Modality) -> Course {
    Course {
        title: title.into(),
        pathway,
        modality,
        published_on: Some(date!(2026 - 01 - 05)),
        ..testing::course(number)
    }
}

/// A session with seats at a place, or online when `location` is `None`.
pub fn session(
    id: &str,
    course: &str,
    starts_at: PrimitiveDateTime,
    ends_at: PrimitiveDateTime,
    location: Option<&str>,
) -> Session {
    Session {
        location: location.map(str::to_owned),
        ..testing::session_between(id, course, starts_at, ends_at)
    }
}

/// The standard catalog on [`TODAY`]:
/// - `GHS-101` "Safety at Home": GHS, in person, English and Spanish, 1.5 hours, vendor V1,
///   one past session, one upcoming in person (20 seats), one upcoming online.
/// - `CPC-201` "Safe Lifting and Moving": CPC, online with a teacher, Traditional Chinese,
///   vendor V2 who registers people on its own site.
/// - `AED-301` "Reading Health Information": AED, self-paced, English, vendor V2.
/// - `THC-401` (published after today) and `CIB-501` (retired before today): not in the catalog.
pub async fn seed_catalog(store: &dyn Store) {
    let mut safety = course(
        "GHS-101",
        "Safety at Home",
        Pathway::GeneralHealthAndSafety,
        Modality::InPerson,
    );
    safety.credit_hours = Hours::from_hundredths(150);
    safety.languages = vec![testing::language("en"), testing::language("es")];
    safety.description = "Learn how to prevent falls and fires.\nBring a notebook.".into();

    let mut lifting = course(
        "CPC-201",
        "Safe Lifting and Moving",
        Pathway::ComplexPhysicalCare,
        Modality::OnlineInstructor,
    );
    lifting.vendor = testing::vendor_code("V2");
    lifting.languages = vec![testing::language("zh-Hant")];
    lifting.registration_url = Some("https://v2.example.org/register".into());

    let mut reading = course(
        "AED-301",
        "Reading Health Information",
        Pathway::AdultEducation,
        Modality::SelfPaced,
    );
    reading.vendor = testing::vendor_code("V2");

    let mut future = course(
        "THC-401",
        "Coming Home Safely",
        Pathway::TransitionToHome,
        Modality::InPerson,
    );
    future.published_on = Some(date!(2026 - 06 - 01));

    let mut retired = course(
        "CIB-501",
        "Old Dementia Course",
        Pathway::CognitiveImpairments,
        Modality::InPerson,
    );
    retired.retired_on = Some(date!(2026 - 02 - 01));

    let mut tx = store.begin_import().await.expect("an import");
    tx.upsert(&Batch::Vendors(vec![
        vendor("V1", "Valley Care College"),
        vendor("V2", "Golden State Training Partnership"),
    ]))
    .await
    .expect("vendors");
    tx.upsert(&Batch::Courses(vec![
        safety, lifting, reading, future, retired,
    ]))
    .await
    .expect("courses");
    tx.upsert(&Batch::Sessions(vec![
        session(
            "S-PAST",
            "GHS-101",
            datetime!(2026-02-02 09:00),
            datetime!(2026-02-02 12:00),
            Some("1 Main St, Sacramento"),
        ),
        session(
            "S-MARCH",
            "GHS-101",
            datetime!(2026-03-16 09:00),
            datetime!(2026-03-16 12:30),
            Some("1 Main St, Sacramento"),
        ),
        session(
            "S-ONLINE",
            "GHS-101",
            datetime!(2026-03-20 14:00),
            datetime!(2026-03-20 17:00),
            None,
        ),
    ]))
    .await
    .expect("sessions");
    tx.commit().await.expect("commit");
}

/// Every message key of the English file (the other files have the same keys).
pub fn message_keys() -> Vec<String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../locales/en/main.ftl");
    std::fs::read_to_string(path)
        .expect("the English messages")
        .lines()
        .filter(|line| line.starts_with(|c: char| c.is_ascii_alphabetic()))
        .filter_map(|line| line.split_once('=').map(|(id, _)| id.trim().to_owned()))
        .collect()
}

// ---- people and browsers: accounts, sessions and forms -------------------------------------

/// A password that meets the rules, for test accounts.
pub const GOOD_PASSWORD: &str = "purple otters juggle at midnight";

impl TestApp {
    /// A site over the standard catalog with its configuration changed, e.g. `Secure` cookies.
    pub async fn spawn_with(change: impl FnOnce(&mut WebConfig)) -> Self {
        let db = pathways_store::testing::sqlite()
            .await
            .expect("a SQLite test database");
        let mut config = config();
        change(&mut config);
        let router = pathways_web::router(AppState::new(db.store.clone(), config));
        seed_catalog(db.store.as_ref()).await;
        Self {
            router,
            db: Some(db),
        }
    }

    /// The account service over this site's database, with the tests' cheap password hash.
    pub fn accounts(&self) -> pathways_app::accounts::Accounts {
        pathways_app::accounts::Accounts::new(self.store_arc(), config().accounts)
    }

    /// A staff account with a password (as the command line makes them), signed in nowhere.
    pub async fn staff(
        &self,
        role: pathways_domain::access::Role,
        email: &str,
        vendor: Option<&str>,
        county: Option<u8>,
    ) -> pathways_store::accounts::AccountId {
        self.accounts()
            .create_staff(
                &pathways_app::access::Caller::command_line(),
                &pathways_app::accounts::NewStaff {
                    role,
                    email: email.to_owned(),
                    display_name: format!("Staff {}", email.split('@').next().unwrap_or(email)),
                    vendor: vendor.map(testing::vendor_code),
                    county: county.map(testing::county),
                    locale: pathways_web::i18n::Locale::En,
                    password: Some(GOOD_PASSWORD.to_owned()),
                },
            )
            .await
            .expect("a staff account")
    }

    /// A provider in the providers file (no account yet), with the facts they prove who they
    /// are with.
    pub async fn add_provider(&self, n: u32, last_name: &str, phone: &str, email: Option<&str>) {
        let provider = pathways_domain::entities::Provider {
            first_name: "Rosa".into(),
            last_name: last_name.into(),
            phone: Some(phone.into()),
            email: email.map(str::to_owned),
            ..testing::provider(n)
        };
        let mut tx = self.store().begin_import().await.expect("an import");
        tx.upsert(&Batch::Providers(vec![provider]))
            .await
            .expect("providers");
        tx.commit().await.expect("commit");
    }

    /// A browser of its own: it keeps cookies between requests.
    pub fn browser(&self) -> Agent<'_> {
        Agent {
            app: self,
            cookies: std::collections::BTreeMap::new(),
        }
    }
}

/// A browser without JavaScript: it keeps the cookies the site sets, and fills forms with the
/// hidden CSRF token of the page they are on, as a person's browser would.
pub struct Agent<'a> {
    app: &'a TestApp,
    cookies: std::collections::BTreeMap<String, String>,
}

impl Agent<'_> {
    pub fn cookie(&self, name: &str) -> Option<&str> {
        self.cookies.get(name).map(String::as_str)
    }

    pub fn set_cookie(&mut self, name: &str, value: &str) {
        self.cookies.insert(name.to_owned(), value.to_owned());
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(name, value)| format!("{name}={value}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    async fn send(&mut self, request: axum::http::request::Builder, body: Body) -> TestResponse {
        let request = if self.cookies.is_empty() {
            request
        } else {
            request.header("cookie", self.cookie_header())
        };
        let response = self.app.send(request.body(body).expect("a request")).await;
        for set in response.headers.get_all("set-cookie") {
            let set = set.to_str().expect("an ASCII cookie");
            let (pair, attributes) = set.split_once(';').unwrap_or((set, ""));
            let (name, value) = pair.split_once('=').expect("name=value");
            if attributes.contains("Max-Age=0") {
                self.cookies.remove(name.trim());
            } else {
                self.cookies
                    .insert(name.trim().to_owned(), value.trim().to_owned());
            }
        }
        response
    }

    pub async fn get(&mut self, uri: &str) -> TestResponse {
        self.send(Request::get(uri), Body::empty()).await
    }

    /// Posts a form exactly as given (no CSRF token is added).
    pub async fn post(&mut self, uri: &str, fields: &[(&str, &str)]) -> TestResponse {
        let body = serde_urlencoded::to_string(fields).expect("a form body");
        self.send(
            Request::post(uri).header("content-type", "application/x-www-form-urlencoded"),
            Body::from(body),
        )
        .await
    }

    /// Opens `page`, then sends its multipart form to `action` with the page's CSRF token,
    /// `fields` and a file in the `attachment` field (`(name, bytes)`), as a browser sends a
    /// form with a file chosen.
    pub async fn submit_with_file(
        &mut self,
        page: &str,
        action: &str,
        fields: &[(&str, &str)],
        file: Option<(&str, &[u8])>,
    ) -> TestResponse {
        const BOUNDARY: &str = "----pathways-test-boundary-7f3a";
        let shown = self.get(page).await;
        assert_eq!(shown.status, StatusCode::OK, "{page}: {}", shown.body);
        let csrf = shown.csrf();
        let mut body = Vec::new();
        for (name, value) in std::iter::once(("csrf", csrf.as_str())).chain(fields.iter().copied())
        {
            body.extend_from_slice(
                format!(
                    "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
                )
                .as_bytes(),
            );
        }
        let (file_name, bytes) = file.unwrap_or(("", &[]));
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"attachment\"; \
                 filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
        self.send(
            Request::post(action).header(
                "content-type",
                format!("multipart/form-data; boundary={BOUNDARY}"),
            ),
            Body::from(body),
        )
        .await
    }

    /// Opens `page`, then posts `fields` to `action` with the page's CSRF token, as pressing
    /// the button of a form on that page does.
    pub async fn submit(
        &mut self,
        page: &str,
        action: &str,
        fields: &[(&str, &str)],
    ) -> TestResponse {
        let shown = self.get(page).await;
        assert_eq!(shown.status, StatusCode::OK, "{page}: {}", shown.body);
        let csrf = shown.csrf();
        let mut all = vec![("csrf", csrf.as_str())];
        all.extend_from_slice(fields);
        self.post(action, &all).await
    }

    /// Signs in through the sign-in page; panics unless it worked.
    pub async fn sign_in(&mut self, login: &str, password: &str) {
        let answer = self
            .submit(
                "/sign-in",
                "/sign-in",
                &[("login", login), ("password", password)],
            )
            .await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
        assert!(
            self.cookie("pathways_session").is_some(),
            "a session cookie"
        );
    }
}

impl TestResponse {
    /// The value of the first hidden `csrf` field on the page.
    pub fn csrf(&self) -> String {
        self.input_value("csrf")
            .unwrap_or_else(|| panic!("a CSRF field on the page: {}", self.body))
    }

    /// The `value` of the first input named `name`.
    pub fn input_value(&self, name: &str) -> Option<String> {
        let marker = format!("name=\"{name}\" value=\"");
        let start = self.body.find(&marker)? + marker.len();
        let end = self.body[start..].find('"')? + start;
        Some(self.body[start..end].to_owned())
    }

    /// Every `Set-Cookie` header.
    pub fn set_cookies(&self) -> Vec<String> {
        self.headers
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .map(str::to_owned)
            .collect()
    }

    /// The `Set-Cookie` header of the cookie `name`.
    pub fn set_cookie(&self, name: &str) -> Option<String> {
        self.set_cookies()
            .into_iter()
            .find(|c| c.starts_with(&format!("{name}=")))
    }
}

/// The six-digit code in a message's body: a word of exactly six digits (not a run of digits
/// inside a link's challenge).
pub fn code_in(body: &str) -> String {
    body.split(|c: char| !c.is_ascii_alphanumeric())
        .find(|word| word.len() == 6 && word.bytes().all(|b| b.is_ascii_digit()))
        .unwrap_or_else(|| panic!("a six-digit code in {body:?}"))
        .to_owned()
}

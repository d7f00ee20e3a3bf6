//! A small W3C WebDriver client for Debian's `chromedriver`: the process on a free port, one
//! browser session, and the few commands the browser tests need. Requests are plain HTTP/1.1
//! with JSON bodies over a tokio `TcpStream`; every request and every wait is bounded in time,
//! so a stuck browser fails a test instead of hanging it.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

/// The longest any one WebDriver request may take (a page load is bounded lower, by the
/// session's own `pageLoad` timeout).
const REQUEST_TIMEOUT: Duration = Duration::from_secs(20);
/// The longest a test waits for something to become true.
pub const WAIT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a script run in the page may take (an accessibility check of a whole page is
/// the slowest).
const SCRIPT_TIMEOUT_MS: u64 = 15_000;
/// The key under which WebDriver returns an element reference.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// Where chromedriver is: `PATHWAYS_CHROMEDRIVER`, else Debian's `/usr/bin/chromedriver`;
/// `None` when it is not there.
pub fn chromedriver_path() -> Option<PathBuf> {
    let path = std::env::var_os("PATHWAYS_CHROMEDRIVER")
        .map_or_else(|| PathBuf::from("/usr/bin/chromedriver"), PathBuf::from);
    path.is_file().then_some(path)
}

/// A WebDriver answer that is an error, or no answer at all.
#[derive(Debug)]
pub struct WebDriverError(pub String);

impl std::fmt::Display for WebDriverError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A running chromedriver in a process group of its own, with a fresh directory for browser
/// profiles. Dropping it stops chromedriver and every browser it started, and removes the
/// directory.
#[derive(Debug)]
pub struct ChromeDriver {
    child: Child,
    addr: SocketAddr,
    scratch: PathBuf,
}

impl ChromeDriver {
    /// Starts `program` on a free port and waits until it says it is ready.
    pub async fn start(program: &Path) -> Self {
        static STARTED: AtomicU32 = AtomicU32::new(0);
        let scratch = std::env::temp_dir().join(format!(
            "pathways-browser-{}-{}",
            std::process::id(),
            STARTED.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&scratch).expect("a scratch directory for browser profiles");
        // Ask the system for a free port, then hand it to chromedriver.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .expect("a free port")
            .port();
        let child = std::os::unix::process::CommandExt::process_group(
            Command::new(program)
                .arg(format!("--port={port}"))
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null()),
            0,
        )
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", program.display()));
        let driver = Self {
            child,
            addr: SocketAddr::from(([127, 0, 0, 1], port)),
            scratch,
        };
        let ready = wait_for(WAIT_TIMEOUT, || async {
            let status = request(driver.addr, "GET", "/status", None).await.ok()?;
            (status["ready"] == true).then_some(())
        })
        .await;
        assert!(ready.is_some(), "chromedriver did not get ready in time");
        driver
    }

    /// Opens a headless Chromium whose preferred language is `language` (a browser tag such as
    /// `es` or `zh-TW`), showing pages as a phone 360 pixels wide does.
    pub async fn phone_session(&self, language: &str) -> Session {
        self.session(language, Screen::Phone).await
    }

    /// Opens a headless Chromium whose preferred language is `language`, in a desktop window
    /// 1280 pixels wide, as staff at their desks see the site.
    pub async fn desktop_session(&self, language: &str) -> Session {
        self.session(language, Screen::Desktop).await
    }

    async fn session(&self, language: &str, screen: Screen) -> Session {
        static SESSIONS: AtomicU32 = AtomicU32::new(0);
        let profile = self.scratch.join(format!(
            "profile-{}",
            SESSIONS.fetch_add(1, Ordering::Relaxed)
        ));
        let window = match screen {
            // Headless windows are never narrower than 500 pixels, so the phone's width
            // comes from mobile emulation below; the window size keeps the height.
            Screen::Phone => "--window-size=360,800",
            Screen::Desktop => "--window-size=1280,900",
        };
        let mut options = json!({
            "args": [
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--disable-sync",
                "--disable-component-update",
                format!("--user-data-dir={}", profile.display()),
                window,
                format!("--lang={language}"),
            ],
            "prefs": {"intl.accept_languages": language},
        });
        if screen == Screen::Phone {
            options["mobileEmulation"] = json!({
                "deviceMetrics": {"width": 360, "height": 800, "pixelRatio": 2.0, "mobile": true, "touch": true},
            });
        }
        if let Some(binary) = std::env::var_os("PATHWAYS_CHROMIUM") {
            options["binary"] = json!(binary.to_string_lossy());
        }
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": options,
            "timeouts": {"implicit": 0, "pageLoad": 10_000, "script": SCRIPT_TIMEOUT_MS},
        }}});
        let created = request(self.addr, "POST", "/session", Some(&capabilities))
            .await
            .unwrap_or_else(|e| panic!("cannot open a Chromium session: {e}"));
        let id = created["sessionId"]
            .as_str()
            .expect("a session id")
            .to_owned();
        Session {
            driver: self.addr,
            id,
        }
    }
}

/// The kind of screen a browser session shows pages on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Screen {
    Phone,
    Desktop,
}

impl Drop for ChromeDriver {
    fn drop(&mut self) {
        // Ask chromedriver to close its browsers and exit; if it does not within a few
        // seconds, stop its whole process group (its browsers are in it) while its process id
        // is still ours.
        let _ = shutdown(self.addr);
        let deadline = Instant::now() + Duration::from_secs(5);
        while matches!(self.child.try_wait(), Ok(None)) && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(50));
        }
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = Command::new("kill")
                .args(["-KILL", "--", &format!("-{}", self.child.id())])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status();
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
        let _ = std::fs::remove_dir_all(&self.scratch);
    }
}

/// Chromedriver's own command to quit every session and exit; blocking, for `Drop`.
fn shutdown(addr: SocketAddr) -> std::io::Result<()> {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect_timeout(&addr, Duration::from_secs(2))?;
    stream.set_write_timeout(Some(Duration::from_secs(2)))?;
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    stream.write_all(b"GET /shutdown HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")?;
    // The answer comes once chromedriver has started closing its browsers.
    let _ = stream.read(&mut [0; 256])?;
    Ok(())
}

/// One browser session.
#[derive(Debug)]
pub struct Session {
    driver: SocketAddr,
    id: String,
}

/// An element of the current page.
#[derive(Debug, Clone)]
pub struct Element(String);

impl Session {
    async fn command(&self, method: &str, path: &str, body: Option<&Value>) -> Value {
        let path = format!("/session/{}{path}", self.id);
        request(self.driver, method, &path, body)
            .await
            .unwrap_or_else(|e| panic!("{method} {path}: {e}"))
    }

    /// Opens `url` and waits for it to load.
    pub async fn goto(&self, url: &str) {
        self.command("POST", "/url", Some(&json!({ "url": url })))
            .await;
    }

    /// The address of the current page.
    pub async fn url(&self) -> String {
        let url = self.command("GET", "/url", None).await;
        url.as_str().expect("a URL").to_owned()
    }

    /// The current page's `<title>`.
    pub async fn title(&self) -> String {
        let title = self.command("GET", "/title", None).await;
        title.as_str().expect("a title").to_owned()
    }

    /// Runs `script` (a function body; `arguments[0]`… are `args`) in the page and returns what
    /// it returns.
    pub async fn eval(&self, script: &str, args: &[Value]) -> Value {
        self.command(
            "POST",
            "/execute/sync",
            Some(&json!({"script": script, "args": args})),
        )
        .await
    }

    /// Runs `script` (a function body whose last argument, after `args`, is the callback to
    /// call with the result) in the page, and returns what it passes to the callback.
    pub async fn eval_async(&self, script: &str, args: &[Value]) -> Value {
        self.command(
            "POST",
            "/execute/async",
            Some(&json!({"script": script, "args": args})),
        )
        .await
    }

    /// The first element matching a CSS selector; fails the test when there is none.
    pub async fn find(&self, css: &str) -> Element {
        let found = self
            .command(
                "POST",
                "/element",
                Some(&json!({"using": "css selector", "value": css})),
            )
            .await;
        Element(
            found[ELEMENT_KEY]
                .as_str()
                .unwrap_or_else(|| panic!("{css}: {found}"))
                .to_owned(),
        )
    }

    /// Clicks an element as a person would (scrolled into view, and only if nothing covers it).
    pub async fn click(&self, element: &Element) {
        self.command(
            "POST",
            &format!("/element/{}/click", element.0),
            Some(&json!({})),
        )
        .await;
    }

    /// Types `text` into an element (a text box), key by key, as a person would.
    pub async fn type_text(&self, element: &Element, text: &str) {
        self.command(
            "POST",
            &format!("/element/{}/value", element.0),
            Some(&json!({ "text": text })),
        )
        .await;
    }

    /// An element's rendered text, as a person sees it.
    pub async fn text(&self, element: &Element) -> String {
        let text = self
            .command("GET", &format!("/element/{}/text", element.0), None)
            .await;
        text.as_str().expect("a text").to_owned()
    }

    /// The value of the cookie `name`, including `HttpOnly` ones that scripts cannot see.
    pub async fn cookie(&self, name: &str) -> Option<String> {
        let path = format!("/session/{}/cookie/{name}", self.id);
        let cookie = request(self.driver, "GET", &path, None).await.ok()?;
        cookie["value"].as_str().map(str::to_owned)
    }

    /// Waits up to [`WAIT_TIMEOUT`] for `script` to return `true`; fails the test with
    /// `what` when it does not.
    pub async fn wait_until(&self, what: &str, script: &str, args: &[Value]) {
        let met = wait_for(WAIT_TIMEOUT, || async {
            (self.eval(script, args).await == true).then_some(())
        })
        .await;
        assert!(met.is_some(), "waited {WAIT_TIMEOUT:?} for {what}");
    }

    /// A PNG of the whole page (beyond the window's height), written to `path`.
    pub async fn save_screenshot(&self, path: &Path) {
        let shot = self
            .command(
                "POST",
                "/goog/cdp/execute",
                Some(&json!({
                    "cmd": "Page.captureScreenshot",
                    "params": {"format": "png", "captureBeyondViewport": true},
                })),
            )
            .await;
        let png = decode_base64(shot["data"].as_str().expect("base64 PNG data"));
        std::fs::write(path, png).expect("a written screenshot");
    }

    /// Runs a Chrome DevTools Protocol command, such as `Emulation.setDeviceMetricsOverride`.
    pub async fn cdp(&self, cmd: &str, params: Value) -> Value {
        self.command(
            "POST",
            "/goog/cdp/execute",
            Some(&json!({"cmd": cmd, "params": params})),
        )
        .await
    }

    /// The name a screen reader gives an element (its computed accessible name).
    pub async fn accessible_name(&self, element: &Element) -> String {
        let label = self
            .command(
                "GET",
                &format!("/element/{}/computedlabel", element.0),
                None,
            )
            .await;
        label.as_str().expect("a label").to_owned()
    }

    /// Closes the browser.
    pub async fn quit(self) {
        let path = format!("/session/{}", self.id);
        let _ = request(self.driver, "DELETE", &path, None).await;
    }
}

/// Calls `attempt` every 100 ms until it gives a value or `limit` has passed.
pub async fn wait_for<T, F, Fut>(limit: Duration, mut attempt: F) -> Option<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    let deadline = Instant::now() + limit;
    loop {
        if let Ok(Some(value)) = tokio::time::timeout_at(deadline.into(), attempt()).await {
            return Some(value);
        }
        if Instant::now() >= deadline {
            return None;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// One WebDriver request: its `value`, or the error WebDriver reports.
async fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    body: Option<&Value>,
) -> Result<Value, WebDriverError> {
    tokio::time::timeout(REQUEST_TIMEOUT, exchange(addr, method, path, body))
        .await
        .map_err(|_| WebDriverError(format!("no answer within {REQUEST_TIMEOUT:?}")))?
}

async fn exchange(
    addr: SocketAddr,
    method: &str,
    path: &str,
    body: Option<&Value>,
) -> Result<Value, WebDriverError> {
    let io = |e: std::io::Error| WebDriverError(e.to_string());
    let body = body.map(Value::to_string).unwrap_or_default();
    let mut stream = TcpStream::connect(addr).await.map_err(io)?;
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json; \
         charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await.map_err(io)?;
    stream.write_all(body.as_bytes()).await.map_err(io)?;

    // chromedriver answers `Connection: close` but keeps the connection open, so read exactly
    // `Content-Length` bytes rather than to the end.
    let mut reader = BufReader::new(stream);
    let mut status_line = String::new();
    reader.read_line(&mut status_line).await.map_err(io)?;
    let mut length = None;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).await.map_err(io)?;
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.trim().eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse::<usize>().ok();
        }
    }
    let length =
        length.ok_or_else(|| WebDriverError(format!("no Content-Length: {status_line}")))?;
    let mut bytes = vec![0; length];
    reader.read_exact(&mut bytes).await.map_err(io)?;
    let reply: Value = serde_json::from_slice(&bytes)
        .map_err(|e| WebDriverError(format!("not JSON ({e}): {status_line}")))?;
    let value = reply.get("value").cloned().unwrap_or(Value::Null);
    if status_line.split(' ').nth(1) == Some("200") {
        Ok(value)
    } else {
        Err(WebDriverError(format!(
            "{}: {}",
            value["error"].as_str().unwrap_or(status_line.trim()),
            value["message"].as_str().unwrap_or_default()
        )))
    }
}

/// Standard base64 (with padding), as WebDriver sends screenshots.
fn decode_base64(text: &str) -> Vec<u8> {
    let sextet = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => panic!("not base64: {c}"),
    };
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let (mut bits, mut held) = (0u32, 0u32);
    for c in text
        .bytes()
        .filter(|&c| c != b'=' && !c.is_ascii_whitespace())
    {
        bits = ((bits << 6) | u32::from(sextet(c))) & 0xFFFF;
        held += 6;
        if held >= 8 {
            held -= 8;
            out.push((bits >> held) as u8);
        }
    }
    out
}

#[test]
fn base64_decodes_as_the_standard_says() {
    assert_eq!(decode_base64("TWFu"), b"Man");
    assert_eq!(decode_base64("TWE="), b"Ma");
    assert_eq!(decode_base64("TQ=="), b"M");
    assert_eq!(decode_base64(""), b"");
}

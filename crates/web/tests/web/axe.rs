//! Accessibility checks with axe-core, run inside the page a browser test is looking at.
//!
//! axe-core comes from the npm registry, pinned in `tests/browser-tools/package-lock.json`;
//! the app never loads it. The first check of a test run installs it with `npm ci` when
//! `node_modules` is missing or holds another version (once per process; across processes an
//! install is made aside and moved into place, so two runs at once do not trip each other).
//! Without npm the checks are skipped with a note, except under CI, where they fail.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use serde_json::{Value, json};

use crate::webdriver::Session;

/// The WCAG 2.0 and 2.1 success criteria of levels A and AA, as axe tags its rules.
const WCAG_TAGS: [&str; 4] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/// The folder with the test tools' `package.json` and `package-lock.json`.
fn tools_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser-tools")
}

/// The version of axe-core the lock file pins.
fn pinned_version(tools: &Path) -> Result<String, String> {
    let lock = std::fs::read_to_string(tools.join("package-lock.json"))
        .map_err(|e| format!("cannot read package-lock.json: {e}"))?;
    let lock: Value = serde_json::from_str(&lock).map_err(|e| format!("package-lock.json: {e}"))?;
    lock["packages"]["node_modules/axe-core"]["version"]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| "package-lock.json pins no axe-core".to_owned())
}

/// The version of axe-core installed under `modules`, if any.
fn installed_version(modules: &Path) -> Option<String> {
    let manifest = std::fs::read_to_string(modules.join("axe-core/package.json")).ok()?;
    let manifest: Value = serde_json::from_str(&manifest).ok()?;
    manifest["version"].as_str().map(str::to_owned)
}

/// Installs the pinned tools with `npm ci` in a folder of this process's own, then moves its
/// `node_modules` into place (a rename: another process sees all of it or none).
fn install(tools: &Path) -> Result<(), String> {
    let staging = tools.join(format!(".install-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&staging);
    std::fs::create_dir_all(&staging).map_err(|e| format!("{}: {e}", staging.display()))?;
    for file in ["package.json", "package-lock.json"] {
        std::fs::copy(tools.join(file), staging.join(file))
            .map_err(|e| format!("cannot copy {file}: {e}"))?;
    }
    eprintln!("note: installing axe-core for the accessibility checks (npm ci)");
    let output = Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund", "--prefix"])
        .arg(&staging)
        .output()
        .map_err(|e| format!("cannot run npm ({e}): install Node.js and npm"))?;
    if !output.status.success() {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(format!(
            "npm ci failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    let target = tools.join("node_modules");
    if target.exists() {
        // An older version: moved out of the way first, then removed.
        let old = tools.join(format!(".old-{}", std::process::id()));
        let _ = std::fs::rename(&target, &old);
        let _ = std::fs::remove_dir_all(&old);
    }
    // Another run may have moved its own install into place meanwhile; either will do.
    let _ = std::fs::rename(staging.join("node_modules"), &target);
    let _ = std::fs::remove_dir_all(&staging);
    Ok(())
}

/// The source of `axe.min.js`, installed first when needed; an error says why there is none.
fn axe_source() -> &'static Result<String, String> {
    static SOURCE: OnceLock<Result<String, String>> = OnceLock::new();
    SOURCE.get_or_init(|| {
        let tools = tools_dir();
        let pinned = pinned_version(&tools)?;
        let modules = tools.join("node_modules");
        if installed_version(&modules).as_deref() != Some(pinned.as_str()) {
            install(&tools)?;
        }
        match installed_version(&modules) {
            Some(version) if version == pinned => {}
            other => {
                return Err(format!(
                    "axe-core {pinned} is pinned but {other:?} is installed in {}",
                    modules.display()
                ));
            }
        }
        std::fs::read_to_string(modules.join("axe-core/axe.min.js"))
            .map_err(|e| format!("cannot read axe.min.js: {e}"))
    })
}

/// Runs axe in the page and gathers its violations as plain data.
const RUN_AXE: &str = r"
    const done = arguments[arguments.length - 1];
    axe.run(document, {
        runOnly: { type: 'tag', values: arguments[0] },
        resultTypes: ['violations'],
    }).then(
        results => done({ violations: results.violations.map(v => ({
            id: v.id,
            impact: v.impact,
            help: v.help,
            helpUrl: v.helpUrl,
            nodes: v.nodes.map(n => ({
                target: n.target.map(String).join(' '),
                html: n.html,
                summary: n.failureSummary,
            })),
        })) }),
        error => done({ error: String(error) }),
    );
";

/// One violation as a few readable lines: the rule, how bad, what to do, and each element.
fn describe(violation: &Value) -> String {
    let mut text = format!(
        "- {} ({}): {}\n  {}\n",
        violation["id"].as_str().unwrap_or("?"),
        violation["impact"].as_str().unwrap_or("no impact given"),
        violation["help"].as_str().unwrap_or_default(),
        violation["helpUrl"].as_str().unwrap_or_default(),
    );
    for node in violation["nodes"].as_array().into_iter().flatten() {
        text.push_str(&format!(
            "  at {}\n    {}\n",
            node["target"].as_str().unwrap_or_default(),
            node["html"].as_str().unwrap_or_default(),
        ));
        for line in node["summary"].as_str().unwrap_or_default().lines() {
            text.push_str(&format!("      {}\n", line.trim()));
        }
    }
    text
}

/// Every problem axe-core finds against WCAG 2.0 and 2.1, levels A and AA, in the page
/// `session` shows, one readable block each; `None` when axe-core cannot be had here (not
/// under CI, where that fails). `page` names the page in messages.
pub async fn accessibility_problems(session: &Session, page: &str) -> Option<Vec<String>> {
    let source = match axe_source() {
        Ok(source) => source,
        Err(why) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI must run the accessibility checks: {why}"
            );
            eprintln!("note: accessibility check of {page} skipped: {why}");
            return None;
        }
    };
    // A script injected by WebDriver is not subject to the page's Content-Security-Policy,
    // which allows no inline script.
    let loaded = session
        .eval(
            &format!("{source}\n;return typeof window.axe === 'object';"),
            &[],
        )
        .await;
    assert_eq!(loaded, json!(true), "{page}: axe-core did not load");
    let outcome = session.eval_async(RUN_AXE, &[json!(WCAG_TAGS)]).await;
    if let Some(error) = outcome["error"].as_str() {
        panic!("{page}: axe-core failed: {error}");
    }
    let violations = outcome["violations"]
        .as_array()
        .unwrap_or_else(|| panic!("{page}: no answer from axe-core: {outcome}"));
    Some(violations.iter().map(describe).collect())
}

/// Fails with a list of every problem axe-core finds against WCAG 2.0 and 2.1, levels A and
/// AA, in the page `session` shows; `page` names it in the message.
pub async fn assert_accessible(session: &Session, page: &str) {
    let problems = accessibility_problems(session, page)
        .await
        .unwrap_or_default();
    assert!(
        problems.is_empty(),
        "axe-core finds {} accessibility problem(s) on {page} (WCAG 2.0/2.1 A and AA):\n{}",
        problems.len(),
        problems.concat()
    );
}

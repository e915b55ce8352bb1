//! The PDF's typography, measured as a proof-reader would from the pages themselves
//! (`pdftotext -bbox-layout`, read by scripts/pdf-figures.py, the same measure `make bench`
//! reports): hyphenated lines, runs of them, the widest word space, the fill of each page —
//! on every sample and on a generated 30-page protocol, in both presets.

mod common;

use common::{root, run, tempdir};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The figures scripts/pdf-figures.py reads from a PDF.
struct Figures {
    json: String,
}

impl Figures {
    fn num(&self, key: &str) -> f64 {
        let at = self
            .json
            .find(&format!("\"{key}\": "))
            .unwrap_or_else(|| panic!("{key} in {}", self.json));
        let rest = &self.json[at + key.len() + 4..];
        let end = rest.find([',', '}']).expect("a number");
        rest[..end].trim().parse().expect("a number")
    }

    fn text(&self, key: &str) -> String {
        let at = self
            .json
            .find(&format!("\"{key}\": \""))
            .map(|a| a + key.len() + 5);
        at.map(|a| {
            let rest = &self.json[a..];
            rest[..rest.find('"').unwrap_or(rest.len())].to_string()
        })
        .unwrap_or_default()
    }
}

/// The text area of a preset, in points from the page's top: (top, bottom).
fn area(preset: &str) -> (f32, f32) {
    let style = folio::style::Style::preset(preset).expect("preset");
    let mm = 72.0 / 25.4;
    let (_, h) = style.pdf.page_size.points();
    (
        style.pdf.margins.top * mm,
        h - style.pdf.margins.bottom * mm,
    )
}

fn figures(pdf: &Path, preset: &str) -> Figures {
    let (top, bottom) = area(preset);
    let out = Command::new("python3")
        .arg(root().join("scripts/pdf-figures.py"))
        .arg(pdf)
        .args(["--area", &top.to_string(), &bottom.to_string(), "--json"])
        .output()
        .expect("python3 runs (make deps installs it, with poppler-utils for pdftotext)");
    assert!(
        out.status.success(),
        "pdf-figures.py failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Figures {
        json: String::from_utf8(out.stdout).expect("utf-8"),
    }
}

/// The generated protocol (scripts/gen-protocol.py) in `dir`.
fn generated_protocol(dir: &Path) -> PathBuf {
    let path = dir.join("generated-protocol.toml");
    let ok = Command::new("python3")
        .arg(root().join("scripts/gen-protocol.py"))
        .arg(&path)
        .status()
        .expect("python3 runs");
    assert!(ok.success(), "gen-protocol.py failed");
    path
}

/// Every document measured: the samples, the long sample, the generated protocol.
fn documents(dir: &Path) -> Vec<PathBuf> {
    let mut docs = common::samples();
    docs.push(root().join("samples/long/long-report-1925.toml"));
    docs.push(generated_protocol(dir));
    docs
}

/// Exports `doc` to PDF in `preset`; returns the PDF and what folio printed (warnings).
fn export(doc: &Path, preset: &str, dir: &Path) -> (PathBuf, String) {
    let stem = doc.file_stem().unwrap().to_str().unwrap();
    let pdf = dir.join(format!("{stem}-{preset}.pdf"));
    let out = run(&[
        "export",
        doc.to_str().unwrap(),
        "--preset",
        preset,
        "-o",
        pdf.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (pdf, String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn hyphens_are_rare_never_three_in_a_row_and_spaces_stay_under_twice_their_width() {
    let dir = tempdir();
    let mut report = Vec::new();
    let mut failures = Vec::new();
    for preset in ["edition", "handout"] {
        let limit = if preset == "edition" { 25.0 } else { 20.0 };
        for doc in documents(dir.path()) {
            let (pdf, warnings) = export(&doc, preset, dir.path());
            let f = figures(&pdf, preset);
            let name = format!("{} ({preset})", doc.file_name().unwrap().to_string_lossy());
            let (percent, run, widest) = (
                f.num("hyphenated_percent"),
                f.num("longest_run"),
                f.num("widest_space"),
            );
            report.push(format!(
                "{name}: {} lines, {percent} % hyphenated, run {run}, widest space {widest}",
                f.num("lines")
            ));
            if percent > limit {
                failures.push(format!(
                    "{name}: {percent} % of lines hyphenated (at most {limit})"
                ));
            }
            if run > 2.0 {
                failures.push(format!(
                    "{name}: {run} hyphenated lines in a row (at most 2)"
                ));
            }
            // Wider spaces only where no other breaks fit, and then folio says where
            // (the measure reads glyph boxes, hence the 5 % of slack).
            if widest > 2.1 && !warnings.contains("word spaces wider than twice") {
                failures.push(format!(
                    "{name}: a word space {widest} × normal, unannounced, at {}",
                    f.text("widest_space_at")
                ));
            }
        }
    }
    eprintln!("{}", report.join("\n"));
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(report.len() >= 12, "every document in both presets");
}

#[test]
fn the_generated_protocol_is_long_enough_to_measure() {
    let dir = tempdir();
    let (pdf, _) = export(&generated_protocol(dir.path()), "edition", dir.path());
    let pages = figures(&pdf, "edition").num("pages");
    assert!(pages >= 28.0, "about 30 pages: {pages}");
}

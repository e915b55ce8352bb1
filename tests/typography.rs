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
fn hyphens_are_rare_spaces_under_twice_their_width_and_pages_full() {
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
            let white = f.num("shortest_page_white_lines");
            report.push(format!(
                "{name}: {} lines, {percent} % hyphenated, run {run}, widest space {widest}, \
                 shortest page {white} lines short",
                f.num("lines")
            ));
            // Every page but the last reaches within 2 lines of the foot, with no hole
            // above the notes either.
            if white > 2.0 {
                failures.push(format!(
                    "{name}: page {} ends {white} lines short of its foot",
                    f.num("shortest_page")
                ));
            }
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

/// The text of every entry of a zip package (DOCX, EPUB) whose name ends with `suffix`.
fn package_text(bytes: &[u8], suffix: &str) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip package");
    let mut out = String::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).expect("an entry");
        if f.name().ends_with(suffix) {
            f.read_to_string(&mut out).expect("utf-8");
        }
    }
    out
}

/// Where a line must not end (pdftotext's lines, `last` the last word of one line and
/// `first` the first of the next; `before` the word before `last`): a short preposition,
/// an initial, "тов.", "№", a lone "г.", a number before its unit or month, an item's
/// number before its text, or a dash opening the next line.
fn bad_break(before: &str, last: &str, first: &str) -> Option<&'static str> {
    const PREPOSITIONS: [&str; 20] = [
        "в", "во", "к", "ко", "с", "со", "у", "о", "об", "и", "а", "но", "от", "до", "на", "по",
        "за", "из", "въ", "къ",
    ];
    const UNITS: [&str; 8] = ["г.", "гг.", "руб.", "коп.", "пудов", "т", "%", "стоп"];
    let months = folio::shared::Labels::for_language("ru").months_genitive;
    let lower = last.trim_start_matches(['(', '«']).to_lowercase();
    let number = |w: &str| {
        w.starts_with(|c: char| c.is_ascii_digit())
            && w.chars()
                .all(|c| c.is_ascii_digit() || "IVXLC./".contains(c))
    };
    let mut cs = last.chars();
    if matches!((cs.next(), cs.next(), cs.next()), (Some(c), Some('.'), None) if c.is_uppercase()) {
        return Some("an initial ends a line");
    }
    if PREPOSITIONS.contains(&lower.as_str()) {
        return Some("a short preposition ends a line");
    }
    if ["тов.", "т.", "тт.", "№", "вх."].contains(&lower.as_str()) {
        return Some("«тов.», «№» or «Вх.» ends a line");
    }
    if ["г.", "гг."].contains(&last) && !number(before) {
        return Some("a lone «г.» ends a line");
    }
    if number(last) && (months.contains(&first) || UNITS.contains(&first)) {
        return Some("a number is parted from its unit or month");
    }
    let item = last.len() <= 3
        && (last.ends_with(')') || last.ends_with('.'))
        && last[..last.len() - 1].chars().all(|c| c.is_ascii_digit())
        && last.len() > 1;
    // "1) …" anywhere; "2. …" after "Постановили:" (after a full stop it may end a
    // sentence: "л. 4.").
    if item && (last.ends_with(')') || before.ends_with(':')) {
        return Some("an item's number ends a line");
    }
    if matches!(first, "—" | "–") && last.ends_with(|c: char| c.is_alphabetic() || c == ',') {
        return Some("a dash opens a line");
    }
    None
}

#[test]
fn no_pdf_line_ends_where_russian_typography_binds() {
    let dir = tempdir();
    let mut failures = Vec::new();
    let mut pairs = 0;
    for preset in ["edition", "handout"] {
        for doc in documents(dir.path()) {
            let (pdf, _) = export(&doc, preset, dir.path());
            let out = Command::new("pdftotext")
                .args([pdf.to_str().unwrap(), "-"])
                .output()
                .expect("pdftotext runs (poppler-utils; make deps)");
            let text = String::from_utf8_lossy(&out.stdout).into_owned();
            let source = std::fs::read_to_string(&doc).unwrap_or_default();
            let lines: Vec<&str> = text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect();
            for pair in lines.windows(2) {
                let words: Vec<&str> = pair[0].split_whitespace().collect();
                let (Some(last), Some(first)) = (words.last(), pair[1].split_whitespace().next())
                else {
                    continue;
                };
                let before = words.len().checked_sub(2).map_or("", |k| words[k]);
                pairs += 1;
                // A list item's dash opens its own line: the item is a string of the source
                // beginning with the words after the dash (the line before may be a mark in
                // the margin, read first, whose lettered note mark ends in a letter).
                let rest: Vec<&str> = pair[1].split_whitespace().skip(1).take(2).collect();
                if matches!(first, "—" | "–")
                    && !rest.is_empty()
                    && source.contains(&format!("\"{}", rest.join(" ")))
                {
                    continue;
                }
                if let Some(why) = bad_break(before, last, first) {
                    failures.push(format!(
                        "{} ({preset}): {why}: `{}` / `{}`",
                        doc.file_name().unwrap().to_string_lossy(),
                        pair[0],
                        pair[1]
                    ));
                }
            }
        }
    }
    assert!(pairs > 2000, "the line pairs were read: {pairs}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn docx_and_epub_bind_the_transcription_as_the_pdf_does() {
    let protocol = root().join("samples/protocol-1925-01-12.toml");
    let doc = folio::read::read_file(&protocol).expect("the protocol reads");
    let style = folio::style::Style::edition();
    let docx =
        folio::writers::write(folio::writers::Format::Docx, &doc.document, &style).expect("DOCX");
    let epub =
        folio::writers::write(folio::writers::Format::Epub, &doc.document, &style).expect("EPUB");
    let xml = package_text(&docx.bytes, "word/document.xml");
    let html = package_text(&epub.bytes, ".xhtml");
    for (what, text) in [("DOCX", &xml), ("EPUB", &html)] {
        for bound in [
            "тиража\u{a0}— 1\u{a0}марта",
            "на\u{a0}1925\u{a0}г.",
            "т.\u{a0}Смирнов",
            "машину №\u{a0}2",
        ] {
            assert!(
                text.contains(bound) || text.contains(&bound.replace('\u{a0}', "&#160;")),
                "{what} binds «{}»",
                bound.replace('\u{a0}', "_")
            );
        }
    }
}

fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args([pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext runs (poppler-utils; make deps)");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn an_insertion_shows_in_the_pdf_by_the_style_convention() {
    let dir = tempdir();
    let letter = root().join("samples/letter-1911-03-14.toml");
    let (pdf, _) = export(&letter, "edition", dir.path());
    assert!(
        pdf_text(&pdf).contains("мы \\уже/ отослали"),
        "an insertion between a backslash and a slash by default"
    );
    let style = dir.path().join("note.toml");
    std::fs::write(&style, "[inline]\ninserted = \"note\"\n").unwrap();
    let noted = dir.path().join("noted.pdf");
    let out = run(&[
        "export",
        letter.to_str().unwrap(),
        "--style",
        style.to_str().unwrap(),
        "-o",
        noted.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    let text = pdf_text(&noted);
    let number = text
        .split("мы уже")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .expect("the inserted word, with its note number");
    assert!(
        text.contains(&format!("{number} Вписано над строкой.")),
        "the note says where the word was written: {text}"
    );
}

#[test]
fn the_text_edition_writes_nothing_invisible_from_the_input() {
    let dir = tempdir();
    let input = dir.path().join("invisible.toml");
    std::fs::write(
        &input,
        "format = \"1.0\"\nid = \"invisible\"\ntitle = \"Справка\"\n[[content]]\nrole = \"text\"\n\
         text = \"Обсле\u{ad}дование\u{200b} хозяйств\u{feff} закончено\u{2060} в\u{200e} срок.\"\n",
    )
    .unwrap();
    let txt = dir.path().join("invisible.txt");
    let out = run(&[
        "export",
        input.to_str().unwrap(),
        "-o",
        txt.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&txt).unwrap();
    assert!(
        text.contains("Обследование хозяйств закончено в срок."),
        "{text}"
    );
    let invisible: Vec<String> = text
        .chars()
        .filter(|c| folio::shared::typography::is_invisible(*c) || *c == '\u{a0}')
        .map(|c| format!("U+{:04X}", c as u32))
        .collect();
    assert!(
        invisible.is_empty(),
        "invisible characters written: {invisible:?}"
    );
    let pdf = dir.path().join("invisible.pdf");
    assert!(run(&[
        "export",
        input.to_str().unwrap(),
        "-o",
        pdf.to_str().unwrap()
    ])
    .status
    .success());
    assert!(pdf_text(&pdf).contains("Обследование хозяйств закончено"));
}

#[test]
fn a_protocol_item_keeps_what_was_heard_with_what_was_decided() {
    let dir = tempdir();
    let protocol = generated_protocol(dir.path());
    for preset in ["edition", "handout"] {
        let (pdf, _) = export(&protocol, preset, dir.path());
        let pages = figures(&pdf, preset).num("pages") as usize;
        let mut checked = 0;
        for page in 2..=pages {
            let out = Command::new("pdftotext")
                .args(["-f", &page.to_string(), "-l", &page.to_string()])
                .args([pdf.to_str().unwrap(), "-"])
                .output()
                .expect("pdftotext runs");
            let text = String::from_utf8_lossy(&out.stdout).into_owned();
            // The first line of the text (after the edition's running head).
            let head = if preset == "edition" { 2 } else { 0 };
            let first: String = text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .nth(head)
                .unwrap_or("")
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            assert!(
                !first.starts_with("Постановили"),
                "{preset}: page {page} opens with a decision parted from its item: {text}"
            );
            checked += 1;
        }
        assert!(checked >= 25, "{preset}: {checked} pages checked");
    }
}

#[test]
fn every_sample_first_page_looks_as_its_reference_render() {
    let dir = tempdir();
    let mut docs = common::samples();
    docs.push(root().join("samples/long/long-report-1925.toml"));
    let mut failures = Vec::new();
    for doc in &docs {
        let stem = doc.file_stem().unwrap().to_str().unwrap();
        for preset in ["edition", "handout"] {
            let (pdf, _) = export(doc, preset, dir.path());
            let actual = dir.path().join(format!("{stem}-{preset}"));
            let ok = Command::new("pdftoppm")
                .args([
                    "-png",
                    "-mono",
                    "-r",
                    "72",
                    "-singlefile",
                    "-f",
                    "1",
                    "-l",
                    "1",
                ])
                .arg(&pdf)
                .arg(&actual)
                .status()
                .expect("pdftoppm runs (poppler-utils; make deps)");
            assert!(ok.success());
            let reference = root().join(format!("tests/reference/{stem}-{preset}.png"));
            assert!(
                reference.exists(),
                "{} is missing: make references",
                reference.display()
            );
            let out = Command::new("python3")
                .arg(root().join("scripts/png-diff.py"))
                .arg(&reference)
                .arg(actual.with_extension("png"))
                .arg("0.3")
                .output()
                .expect("python3 runs");
            if !out.status.success() {
                failures.push(format!(
                    "{stem} ({preset}): {}",
                    String::from_utf8_lossy(&out.stdout).trim()
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "page 1 differs from tests/reference/ (if intended: `make references`, look at the \
         images, commit them):\n{}",
        failures.join("\n")
    );
}

//! The table role in every edition: each cell's words in reading order (row by row), the
//! header row marked as such where the format can say so, and through TEI and back.

mod common;

use common::office::reader;
use common::{folio, root, tempdir};

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn every_edition_sets_the_table_row_by_row() {
    let input = root().join("tests/fixtures/table.toml");
    let dir = tempdir();
    let status = folio()
        .arg("export")
        .arg(&input)
        .args(["--to", "all", "-q", "--out-dir"])
        .arg(dir.path())
        .status()
        .unwrap();
    assert!(status.success());
    let base = dir.path().join("table");
    let expected = words(
        "№ Фамилия Должность 1 Иванов секретарь губкома 2 Петров председатель \
         исполнительного комитета уездного совета 3 Сидоров Слушали",
    );
    let txt = std::fs::read_to_string(base.with_extension("txt")).unwrap();
    // The plain text sets cells side by side: a row's first line holds each cell's start.
    let row = txt
        .lines()
        .find(|l| l.contains("Петров"))
        .expect("Петров's row");
    assert!(row.contains('2') && row.contains("председатель"), "{row}");
    assert!(txt.contains("───"), "a rule under the header row:\n{txt}");
    // A narrow column hyphenates: pdftotext gives "испол- нительного".
    let pdf = reader(
        "pdftotext",
        &[base.with_extension("pdf").to_str().unwrap(), "-"],
    )
    .replace("-\n", "")
    .replace("- ", "");
    let docx = reader(
        "pandoc",
        &["-t", "plain", base.with_extension("docx").to_str().unwrap()],
    );
    let epub = reader(
        "pandoc",
        &["-t", "html", base.with_extension("epub").to_str().unwrap()],
    );
    for (what, text) in [("pdf", &pdf), ("epub", &epub)] {
        let found = words(text);
        let mut at = 0;
        for w in &expected {
            at += found[at..]
                .iter()
                .position(|f| f == w)
                .unwrap_or_else(|| panic!("{what}: `{w}` missing or out of order"))
                + 1;
        }
    }
    // pandoc reads the Word table as a table: every cell's words are there.
    for w in &expected {
        assert!(words(&docx).contains(w), "docx: `{w}` missing:\n{docx}");
    }
    assert!(
        epub.contains("<th>") && epub.contains("<td>"),
        "the EPUB has header and body cells"
    );
    let tei = std::fs::read_to_string(base.with_extension("tei.xml")).unwrap();
    assert!(tei.contains("<row role=\"label\"><cell>№</cell>"), "{tei}");
}

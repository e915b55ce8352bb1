//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every sample transcription (samples/*.toml), sorted.
pub fn samples() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join("samples"))
        .expect("samples/ exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    v.sort();
    assert!(v.len() >= 3, "expected at least three samples");
    v
}

/// The folio binary built for these tests.
pub fn folio() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_folio"));
    c.env("SOURCE_DATE_EPOCH", "1700000000");
    c
}

/// Runs folio with arguments and returns its output.
pub fn run(args: &[&str]) -> Output {
    folio().args(args).output().expect("folio runs")
}

/// Whether golden files should be rewritten (`FOLIO_ACCEPT=1`, or `make golden`).
pub fn accept() -> bool {
    std::env::var_os("FOLIO_ACCEPT").is_some()
}

/// Compares `actual` with the golden file, or rewrites it under FOLIO_ACCEPT.
pub fn golden(path: &Path, actual: &str) {
    if accept() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(path)
        .unwrap_or_else(|_| panic!("{} is missing: run `make golden`", path.display()));
    if expected != actual {
        let diff: Vec<String> = expected
            .lines()
            .zip(actual.lines())
            .enumerate()
            .filter(|(_, (e, a))| e != a)
            .take(5)
            .map(|(i, (e, a))| format!("line {}:\n  expected: {e}\n  actual:   {a}", i + 1))
            .collect();
        panic!(
            "{} differs (run `make golden` and review the diff if the change is intended)\n{}",
            path.display(),
            diff.join("\n")
        );
    }
}

/// Asserts that `words` occur in `haystack` in order; returns a description of the first
/// word not found.
pub fn assert_words_in_order(haystack: &str, words: &[String], what: &str) {
    let mut at = 0;
    for (i, w) in words.iter().enumerate() {
        match haystack[at..].find(w.as_str()) {
            Some(k) => at += k + w.len(),
            None => {
                let context = &words[i.saturating_sub(3)..(i + 3).min(words.len())];
                panic!("{what}: word {i} `{w}` not found in order (context: {context:?})");
            }
        }
    }
}

/// Whether `s` is a note's mark as a reader extracts it glued to a word: a number, or a
/// letter of the textual series (а, б… аа), which superscript runs into the word before.
pub fn is_note_mark(s: &str) -> bool {
    // Textual notes are lettered in the labels' language: а, б… in Russian, a, b… in
    // German and English.
    let lettered = |c: &char| {
        ["ru", "de", "en"].iter().any(|l| {
            folio::shared::Labels::for_language(l)
                .note_letters
                .contains(c)
        })
    };
    let mut cs = s.chars();
    match cs.next() {
        None => false,
        Some(c) if c.is_ascii_digit() => s.chars().all(|c| c.is_ascii_digit()),
        Some(c) => lettered(&c) && s.chars().count() <= 3 && cs.all(|d| d == c),
    }
}

/// A fresh temporary directory.
pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary directory")
}

/// Asserts that the words of each block occur in `haystack` in order, block by block
/// (blocks may be interleaved where an edition sets them side by side).
pub fn assert_blocks_in_order(haystack: &str, doc: &folio::model::Document, what: &str) {
    for (i, block) in folio::shared::transcription_blocks(doc).iter().enumerate() {
        assert_words_in_order(haystack, block, &format!("{what}, block {i}"));
    }
}
pub mod epubtools;
pub mod office;

/// Runs `folio volume MANIFEST --to FORMATS --out-dir DIR` and asserts it succeeds.
pub fn export_volume(manifest: &str, formats: &str, dir: &std::path::Path) {
    let out = run(&[
        "volume",
        manifest,
        "--to",
        formats,
        "--out-dir",
        dir.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Runs `folio export INPUT --to FORMATS --out-dir DIR EXTRA…` and asserts it succeeds.
pub fn export(input: &Path, formats: &str, dir: &Path, extra: &[&str]) {
    let mut args = vec![
        "export",
        input.to_str().expect("a UTF-8 path"),
        "--to",
        formats,
        "--out-dir",
        dir.to_str().expect("a UTF-8 path"),
    ];
    args.extend_from_slice(extra);
    let out = run(&args);
    assert!(
        out.status.success(),
        "folio exports {}: {}",
        input.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A note's words as the tests look for them: letters and digits (a stress mark kept).
pub fn note_words(note: &folio::model::Note) -> Vec<String> {
    folio::markup::plain_text(note.text.inlines())
        .split(|c: char| !(c.is_alphanumeric() || c == '\u{301}'))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

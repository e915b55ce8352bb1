//! Every edition of every sample keeps its bytes: the SHA-256 of each file folio writes for
//! samples/*.toml, samples/long/*.toml and the sample volume, in both presets, against the
//! committed list tests/golden/edition-hashes.txt. Work on speed and memory must leave the
//! bytes alone; a deliberate change regenerates the list (`FOLIO_ACCEPT=1 cargo test --test
//! hashes`) and names the change in its commit.

mod common;
use common::*;
use sha2::{Digest, Sha256};
use std::path::Path;

/// The editions whose bytes are pinned.
const FORMATS: &str = "txt,pdf,docx,epub";
/// Both presets: the book page and the A4 handout (line numbers) paginate differently.
const PRESETS: [&str; 2] = ["edition", "handout"];

/// Runs folio with `args` (SOURCE_DATE_EPOCH is set by `common::folio`) and asserts success.
fn export(args: &[&str]) {
    let out = run(args);
    assert!(
        out.status.success(),
        "folio {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `sha256  preset/file` for every file in `dir`, sorted by name.
fn hash_lines(preset: &str, dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("the output folder")
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
        .iter()
        .map(|name| {
            let bytes = std::fs::read(dir.join(name)).unwrap();
            let hex: String = Sha256::digest(&bytes)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            format!("{hex}  {preset}/{name}")
        })
        .collect()
}

/// The hash list of every sample's editions, as the golden file holds it.
fn edition_hashes() -> String {
    let mut documents: Vec<String> = samples().iter().map(|p| p.display().to_string()).collect();
    let long = root().join("samples/long/long-report-1925.toml");
    assert!(long.is_file(), "the long sample is missing");
    documents.push(long.display().to_string());
    let volume = root().join("samples/volume/sample.volume.toml");

    let mut lines = Vec::new();
    for preset in PRESETS {
        let dir = tempdir();
        let out = dir.path().to_str().unwrap();
        let mut args = vec![
            "export",
            "--to",
            FORMATS,
            "--preset",
            preset,
            "--out-dir",
            out,
        ];
        args.extend(documents.iter().map(String::as_str));
        args.push("--quiet");
        export(&args);
        export(&[
            "volume",
            volume.to_str().unwrap(),
            "--to",
            FORMATS,
            "--preset",
            preset,
            "--out-dir",
            out,
        ]);
        let preset_lines = hash_lines(preset, dir.path());
        // Five documents and the volume, four editions each.
        assert_eq!(
            preset_lines.len(),
            (documents.len() + 1) * 4,
            "{preset_lines:#?}"
        );
        lines.extend(preset_lines);
    }
    lines.join("\n") + "\n"
}

#[test]
fn every_edition_of_every_sample_keeps_its_bytes() {
    let list = root().join("tests/golden/edition-hashes.txt");
    let actual = edition_hashes();
    if accept() {
        std::fs::write(&list, &actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&list)
        .unwrap_or_else(|_| panic!("{} is missing: run with FOLIO_ACCEPT=1", list.display()));
    let changed: Vec<String> = expected
        .lines()
        .zip(actual.lines())
        .filter(|(e, a)| e != a)
        .map(|(e, a)| format!("  expected {e}\n  actual   {a}"))
        .collect();
    assert!(
        changed.is_empty() && expected.lines().count() == actual.lines().count(),
        "edition bytes changed ({} of {} files); if deliberate, regenerate with \
         FOLIO_ACCEPT=1 cargo test --test hashes and name the change in the commit:\n{}",
        changed.len(),
        actual.lines().count(),
        changed.join("\n")
    );
}

#[test]
fn two_runs_write_the_same_bytes() {
    // The list above is only worth something if the bytes do not depend on the run
    // (threads, hash-map order, the clock with SOURCE_DATE_EPOCH set).
    assert_eq!(edition_hashes(), edition_hashes());
}

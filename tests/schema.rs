//! `folio schema` agrees with folio: a real JSON Schema validator (check-jsonschema) passes
//! every valid sample and every fixture folio accepts or refuses only for meaning, and fails
//! every fixture folio refuses for its shape; taplo lints every sample TOML against it.
//! Both tools come from `make deps` (scripts/deps/diagnostics.sh); without them these
//! tests fail.

mod common;
use common::*;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Codes of problems a schema can see: structure, closed sets, patterns, no content.
const SHAPE_CODES: &[&str] = &[
    "F0105", "F0106", "F0201", "F0202", "F0203", "F0204", "F0205", "F0301", "F0302", "F0303",
    "F0305",
];
/// Codes of files that do not parse at all: no schema question.
const SYNTAX_CODES: &[&str] = &["F0101", "F0102", "F0103", "F0104"];

fn schema_file(dir: &Path) -> PathBuf {
    let out = run(&["schema"]);
    assert_eq!(out.status.code(), Some(0));
    let path = dir.join("folio.schema.json");
    std::fs::write(&path, &out.stdout).unwrap();
    path
}

/// Validates every instance in one run; returns the files that failed (as given).
fn check_jsonschema(schema: &Path, instances: &[PathBuf]) -> std::collections::BTreeSet<PathBuf> {
    let out = Command::new("check-jsonschema")
        .arg("--schemafile")
        .arg(schema)
        .args(["--output-format", "JSON"])
        .args(instances)
        .output()
        .expect("check-jsonschema is needed: make deps (pip install check-jsonschema)");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "check-jsonschema report: {e}: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let failed: std::collections::BTreeSet<PathBuf> = ["errors", "parse_errors"]
        .iter()
        .flat_map(|k| report[k].as_array().cloned().unwrap_or_default())
        .filter_map(|e| e["filename"].as_str().map(PathBuf::from))
        .collect();
    assert_eq!(
        out.status.success(),
        failed.is_empty(),
        "the exit status agrees with the report"
    );
    failed
}

#[test]
fn the_schema_validates_every_sample() {
    let dir = tempdir();
    let schema = schema_file(dir.path());
    let mut instances = samples();
    instances.push(root().join("samples/long/long-report-1925.toml"));
    instances.push(root().join("tests/fixtures/json/zinoviev-1932-12-03.json"));
    let failed = check_jsonschema(&schema, &instances);
    assert!(failed.is_empty(), "every sample passes: {failed:?}");
}

#[test]
fn the_schema_refuses_exactly_what_is_wrong_by_shape() {
    let dir = tempdir();
    let schema = schema_file(dir.path());
    let cases = root().join("tests/fixtures/invalid");
    let mut judged: Vec<(PathBuf, Vec<String>, bool)> = Vec::new();
    for entry in std::fs::read_dir(&cases).unwrap() {
        let case = entry.unwrap().path();
        if case.join("args.txt").exists() {
            continue; // style files and manifests: not transcriptions
        }
        let Some(input) = ["input.toml", "input.json"]
            .iter()
            .map(|n| case.join(n))
            .find(|p| p.exists())
        else {
            continue;
        };
        let expected = std::fs::read_to_string(case.join("expected.txt")).unwrap();
        let codes: Vec<String> = expected
            .match_indices("[F")
            .map(|(i, _)| expected[i + 1..i + 6].to_string())
            .collect();
        if codes.iter().any(|c| SYNTAX_CODES.contains(&c.as_str())) {
            continue;
        }
        let by_shape = codes.iter().any(|c| SHAPE_CODES.contains(&c.as_str()));
        judged.push((input, codes, by_shape));
    }
    let inputs: Vec<PathBuf> = judged.iter().map(|(p, _, _)| p.clone()).collect();
    let failed = check_jsonschema(&schema, &inputs);
    let mut refused = 0;
    let mut accepted = 0;
    for (input, codes, by_shape) in judged {
        let valid = !failed.contains(&input);
        assert_eq!(
            valid,
            !by_shape,
            "{}: folio says {codes:?}, the schema says {}",
            input.display(),
            if valid { "valid" } else { "invalid" }
        );
        if by_shape {
            refused += 1;
        } else {
            accepted += 1;
        }
    }
    assert!(
        refused >= 15 && accepted >= 10,
        "{refused} refused, {accepted} accepted"
    );
}

#[test]
fn taplo_lints_every_sample_against_the_schema() {
    let dir = tempdir();
    let schema = schema_file(dir.path());
    let taplo = root().join(".tools/taplo/node_modules/.bin/taplo");
    assert!(
        taplo.exists(),
        "taplo is needed: make deps (npm @taplo/cli into .tools/taplo)"
    );
    let url = format!("file://{}", schema.display());
    let mut files = samples();
    files.push(root().join("samples/long/long-report-1925.toml"));
    let out = Command::new(&taplo)
        .args(["lint", "--schema", &url])
        .args(&files)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // And it does read the schema: a typo in a role fails.
    let bad = root().join("tests/fixtures/invalid/role-typo/input.toml");
    let out = Command::new(&taplo)
        .args(["lint", "--schema", &url])
        .arg(&bad)
        .output()
        .unwrap();
    assert!(!out.status.success(), "taplo refuses role = \"txet\"");
}

//! Every validation error: one fixture folder per case under tests/fixtures/invalid/, each
//! with its input and `expected.txt` — the exit code and exactly what `folio check` prints:
//! message, code, position, the source line with the caret, the hint. A case may give its
//! own command line in `args.txt` (a style file, a volume, `--message-format json`).
//! `FOLIO_ACCEPT=1` rewrites the expectations (review the diff).

mod common;
use common::*;

#[test]
fn every_invalid_input_gets_its_exact_diagnostics() {
    let dir = root().join("tests/fixtures/invalid");
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    assert!(cases.len() >= 40);
    for case in cases {
        let input = std::fs::read_dir(&case)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .find(|n| n.starts_with("input."))
            .unwrap_or_else(|| panic!("{} has no input file", case.display()));
        let before = std::fs::read(case.join(&input)).unwrap();
        let args: Vec<String> = match std::fs::read_to_string(case.join("args.txt")) {
            Ok(line) => line.split_whitespace().map(String::from).collect(),
            Err(_) => vec!["check".into(), input.clone()],
        };
        let out = folio().current_dir(&case).args(&args).output().unwrap();
        let actual = format!(
            "exit: {}\n{}",
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stderr)
        );
        golden(&case.join("expected.txt"), &actual);
        assert_eq!(
            std::fs::read(case.join(&input)).unwrap(),
            before,
            "the input is never touched"
        );
    }
}

#[test]
fn diagnostics_carry_position_and_hint() {
    // Beyond the exact text: each error of a several-error file has its own line and column.
    let case = root().join("tests/fixtures/invalid/several-errors");
    let out = folio()
        .current_dir(&case)
        .args(["check", "input.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    let errors = err.matches("error[F").count();
    let places: Vec<&str> = err
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("--> "))
        .collect();
    assert!(errors >= 5, "several errors at once:\n{err}");
    assert_eq!(places.len(), errors, "every error has its place:\n{err}");
    for p in &places {
        let mut parts = p.splitn(3, ':');
        assert_eq!(parts.next(), Some("input.toml"));
        let line: usize = parts.next().unwrap().parse().expect("a line number");
        let column: usize = parts.next().unwrap().parse().expect("a column number");
        assert!(line > 0 && column > 0, "{p}");
    }
    assert_eq!(
        err.matches("= hint:").count(),
        errors,
        "every error has a hint:\n{err}"
    );
}

#[test]
fn a_newer_major_version_is_refused_with_a_clear_message() {
    let case = root().join("tests/fixtures/invalid/newer-major-version");
    let out = folio()
        .current_dir(&case)
        .args(["check", "input.toml"])
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        err.contains(
            "error[F0105]: this transcription is in format 2.1, newer than this folio reads"
        ),
        "{err}"
    );
    assert!(err.contains("--> input.toml:1:10"), "{err}");
    assert!(
        !err.contains("hologram"),
        "the version, not the unknown field, is the cause: {err}"
    );
}

#[test]
fn the_allowed_values_are_listed() {
    for (case, values) in [
        ("unknown-role", "`dateline`, `mark`, `address`, `heading`, `salutation`, `text`, `quote`, `list`, `closer`, `postscript`, `folio`"),
        ("unknown-mark-kind", "`resolution`, `annotation`, `stamp`, `registration`, `marginal-note`"),
        ("unknown-position", "`top-left`, `top`, `top-right`, `left-margin`, `right-margin`, `bottom-left`, `bottom`, `bottom-right`"),
    ] {
        let dir = root().join("tests/fixtures/invalid").join(case);
        let out = folio().current_dir(&dir).args(["check", "input.toml"]).output().unwrap();
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains(values), "{case}: {err}");
    }
}

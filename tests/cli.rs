//! The command line: one test per exit code, output naming, `-o`, atomic writes, inputs
//! never overwritten, `schema` and `new`.

mod common;
use common::*;

const SEED: &str = "samples/zinoviev-1932-12-03.toml";

#[test]
fn exit_0_on_success_with_outputs_named_after_the_input() {
    let dir = tempdir();
    let out = run(&[
        "export",
        SEED,
        "--to",
        "txt",
        "--out-dir",
        dir.path().join("new/sub").to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let written = dir.path().join("new/sub/zinoviev-1932-12-03.txt");
    assert!(std::fs::read_to_string(written)
        .unwrap()
        .contains("Кагановичу"));
    // Nothing but the edition: no temporary file left beside it.
    let names: Vec<_> = std::fs::read_dir(dir.path().join("new/sub"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
}

#[test]
fn exit_1_on_invalid_input_and_nothing_written() {
    let dir = tempdir();
    let bad = root().join("tests/fixtures/invalid/missing-note/input.toml");
    let out = run(&[
        "export",
        bad.to_str().unwrap(),
        "--to",
        "txt",
        "--out-dir",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("error[F0309]: reference to a note `kustanay`")
            && err.contains("input.toml:7:25\n"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "no output for an invalid input"
    );
    let out = run(&["check", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn exit_2_on_usage_errors() {
    for args in [
        vec!["export", SEED, "--to", "html"],
        vec!["export", SEED, SEED, "-o", "x.txt"],
        vec!["export", SEED, "-o", "x.odt"],
        vec!["export", SEED, "-o", "-"],
        vec!["export", SEED, "--preset", "poster"],
        vec!["export"],
        vec!["frobnicate"],
    ] {
        let out = run(&args);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!out.stderr.is_empty(), "{args:?} explains itself");
    }
}

#[test]
fn exit_3_on_io_errors() {
    let dir = tempdir();
    // The output directory is a file: nothing can be written there.
    let blocker = dir.path().join("blocker");
    std::fs::write(&blocker, "").unwrap();
    let out = run(&[
        "export",
        SEED,
        "--to",
        "txt",
        "--out-dir",
        blocker.to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A missing input is an I/O error too.
    let out = run(&["check", "no/such/file.toml"]);
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no/such/file.toml"));
}

#[test]
fn an_edition_format_not_implemented_fails_without_writing() {
    // Whichever editions exist, an unknown one is refused up front and nothing is written.
    let dir = tempdir();
    let out = run(&[
        "export",
        SEED,
        "--to",
        "txt,odt",
        "--out-dir",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn dash_o_writes_one_file_or_stdout() {
    let dir = tempdir();
    let target = dir.path().join("letter.txt");
    let out = run(&["export", SEED, "-o", target.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let file = std::fs::read(&target).unwrap();
    let out = run(&["export", SEED, "--to", "txt", "-o", "-"]);
    assert_eq!(out.stdout, file);
}

#[test]
fn an_input_is_never_overwritten() {
    let dir = tempdir();
    let input = dir.path().join("letter.txt.toml");
    std::fs::copy(root().join(SEED), &input).unwrap();
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "keep me").unwrap();
    // `-o` naming an input is refused.
    let out = run(&[
        "export",
        input.to_str().unwrap(),
        "-o",
        input.to_str().unwrap(),
    ]);
    assert_ne!(out.status.code(), Some(0));
    assert_eq!(
        std::fs::read(&input).unwrap(),
        std::fs::read(root().join(SEED)).unwrap()
    );
    // An unrelated existing file is replaced only as a whole, atomically.
    let out = run(&[
        "export",
        input.to_str().unwrap(),
        "-o",
        victim.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert!(std::fs::read_to_string(&victim)
        .unwrap()
        .contains("Зиновьев"));
}

#[test]
fn schema_is_json_schema_of_the_format() {
    let out = run(&["schema"]);
    assert_eq!(out.status.code(), Some(0));
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(schema["title"], "folio transcription");
    assert_eq!(schema["$id"], folio::schema::SCHEMA_ID);
    assert!(schema["$schema"]
        .as_str()
        .unwrap()
        .contains("json-schema.org"));
    let required: Vec<&str> = schema["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    for field in ["format", "id", "title", "content"] {
        assert!(required.contains(&field), "{field} is required");
    }
}

#[test]
fn new_prints_a_template_that_checks_and_exports() {
    let out = run(&["new"]);
    assert_eq!(out.status.code(), Some(0));
    let dir = tempdir();
    let path = dir.path().join("mine.toml");
    std::fs::write(&path, &out.stdout).unwrap();
    let check = run(&["check", path.to_str().unwrap()]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    assert!(
        check.stderr.is_empty(),
        "no warnings: {}",
        String::from_utf8_lossy(&check.stderr)
    );
}

#[test]
fn help_lists_the_exit_codes() {
    let out = run(&["--help"]);
    let help = String::from_utf8(out.stdout).unwrap();
    assert!(
        help.contains("0 success, 1 invalid input, 2 usage error, 3 I/O or output error"),
        "{help}"
    );
}

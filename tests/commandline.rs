//! The command line as a user meets it (issue 12): standard input, folders for `check`,
//! reports on standard output, volume options, completions, the man page, `explain`,
//! JSON diagnostics, colour and the summary only on a terminal.

mod common;
use common::*;
use std::io::Write;
use std::process::Stdio;

const SEED: &str = "samples/zinoviev-1932-12-03.toml";

/// Runs folio in the repository root with `input` on standard input.
fn run_stdin(args: &[&str], input: &[u8], env: &[(&str, &str)]) -> std::process::Output {
    let mut cmd = folio();
    cmd.current_dir(root())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("folio runs");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn standard_input_reads_toml_and_json_like_files() {
    let toml = std::fs::read(root().join(SEED)).unwrap();
    let from_file = run_stdin(&["export", SEED, "-t", "txt", "-o", "-"], b"", &[]);
    assert_eq!(
        from_file.status.code(),
        Some(0),
        "{}",
        text(&from_file.stderr)
    );
    let from_stdin = run_stdin(&["export", "-", "-t", "txt", "-o", "-"], &toml, &[]);
    assert_eq!(
        from_stdin.status.code(),
        Some(0),
        "{}",
        text(&from_stdin.stderr)
    );
    assert_eq!(
        from_stdin.stdout, from_file.stdout,
        "same edition from stdin"
    );
    assert!(!from_stdin.stdout.is_empty());

    // JSON is sniffed from its first character; --from says it outright.
    let json = std::fs::read(root().join("tests/fixtures/json/zinoviev-1932-12-03.json")).unwrap();
    let sniffed = run_stdin(&["export", "-", "-t", "txt", "-o", "-"], &json, &[]);
    assert_eq!(
        sniffed.stdout,
        from_file.stdout,
        "{}",
        text(&sniffed.stderr)
    );
    let told = run_stdin(
        &["export", "-", "--from", "json", "-t", "txt", "-o", "-"],
        &json,
        &[],
    );
    assert_eq!(told.stdout, from_file.stdout);
    let wrong = run_stdin(&["check", "-", "--from", "toml"], &json, &[]);
    assert_eq!(wrong.status.code(), Some(1));
    assert!(
        text(&wrong.stderr).contains("--> <stdin>:1:1"),
        "{}",
        text(&wrong.stderr)
    );

    // A PDF to a file, as the example writes it.
    let dir = tempdir();
    let pdf = dir.path().join("letter.pdf");
    let out = run_stdin(
        &["export", "-", "--to", "pdf", "-o", pdf.to_str().unwrap()],
        &toml,
        &[],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));

    // Without -o there is no name for the editions.
    let out = run_stdin(&["export", "-", "-t", "txt"], &toml, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("add -o FILE"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn check_reads_standard_input_and_folders() {
    let bad = b"format = \"1.0\"\nid = \"x\"\ntitle = \"T\"\n\n[[content]]\nrole = \"txet\"\ntext = \"a\"\n";
    let out = run_stdin(&["check", "-"], bad, &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("error[F0204]: unknown variant `txet`"),
        "{err}"
    );
    assert!(err.contains("--> <stdin>:6:8"), "{err}");
    assert!(err.contains("= hint: did you mean `text`?"), "{err}");

    let ok = run_stdin(&["check", "samples"], b"", &[]);
    assert_eq!(ok.status.code(), Some(0), "{}", text(&ok.stderr));
    let bad = run_stdin(&["check", "tests/fixtures/invalid"], b"", &[]);
    assert_eq!(bad.status.code(), Some(1));
    let files = text(&bad.stderr)
        .lines()
        .filter(|l| l.trim_start().starts_with("--> tests/fixtures/invalid/"))
        .map(|l| l.split(':').next().unwrap().to_string())
        .collect::<std::collections::BTreeSet<_>>();
    assert!(
        files.len() >= 20,
        "every invalid fixture reported: {files:?}"
    );

    let none = run_stdin(&["check"], b"", &[]);
    assert_eq!(none.status.code(), Some(2));
    assert!(
        text(&none.stderr).contains("needs an input"),
        "{}",
        text(&none.stderr)
    );
    let missing = run_stdin(&["check", "no/such.toml"], b"", &[]);
    assert_eq!(missing.status.code(), Some(3));
    assert!(text(&missing.stderr).contains("no/such.toml: no such file"));
}

#[test]
fn reports_go_to_standard_output_with_a_dash() {
    let dir = tempdir();
    let out = run_stdin(
        &[
            "export",
            SEED,
            "-t",
            "txt",
            "--out-dir",
            dir.path().to_str().unwrap(),
            "--report",
            "-",
        ],
        b"",
        &[],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["totals"]["ok"], 1);
    assert_eq!(report["inputs"][0]["outputs"][0]["format"], "txt");
    // Piped: no summary line.
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
}

#[test]
fn volume_takes_preset_style_report_quiet_and_output() {
    let dir = tempdir();
    let manifest = "samples/volume/sample.volume.toml";
    let txt = dir.path().join("v.txt");
    let out = run_stdin(
        &[
            "volume",
            manifest,
            "-o",
            txt.to_str().unwrap(),
            "--preset",
            "handout",
            "--quiet",
            "--report",
            "-",
        ],
        b"",
        &[],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["outputs"][0]["path"], txt.to_str().unwrap());
    assert!(report["documents"].as_u64().unwrap() >= 2);
    assert!(std::fs::read_to_string(&txt).unwrap().len() > 1000);
    let out = run_stdin(&["volume", manifest, "-t", "txt", "-o", "-"], b"", &[]);
    assert_eq!(
        out.stdout,
        std::fs::read(&txt).unwrap(),
        "-o - writes stdout"
    );
    let out = run_stdin(
        &[
            "volume", manifest, "--preset", "poster", "-o", "-", "-t", "txt",
        ],
        b"",
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
    let style = dir.path().join("s.style.toml");
    std::fs::write(&style, "[text]\nwidht = 60\n").unwrap();
    let out = run_stdin(
        &[
            "volume",
            manifest,
            "--style",
            style.to_str().unwrap(),
            "-t",
            "txt",
            "-o",
            "-",
        ],
        b"",
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("s.style.toml:2:1"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn completions_for_every_shell_parse() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = run(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let script = text(&out.stdout);
        for word in ["export", "volume", "check", "explain", "message-format"] {
            assert!(script.contains(word), "{shell} completes {word}");
        }
        let checker = match shell {
            "bash" => Some(("bash", vec!["-n"])),
            "zsh" => Some(("zsh", vec!["-n"])),
            "fish" => Some(("fish", vec!["--no-execute"])),
            _ => None,
        };
        if let Some((program, flags)) = checker {
            let dir = tempdir();
            let file = dir.path().join("completion");
            std::fs::write(&file, &out.stdout).unwrap();
            let status = std::process::Command::new(program)
                .args(flags)
                .arg(&file)
                .status()
                .unwrap_or_else(|e| panic!("{program} is needed (make deps): {e}"));
            assert!(status.success(), "{shell} completion parses");
        }
    }
}

#[test]
fn the_man_page_is_valid_roff() {
    let out = run(&["man"]);
    assert_eq!(out.status.code(), Some(0));
    let page = text(&out.stdout);
    assert!(page.starts_with(".ie"), "{}", &page[..80.min(page.len())]);
    assert!(page.contains(".TH folio 1"), "a section 1 page");
    for sub in ["export", "volume", "check", "explain", "completions"] {
        assert!(page.contains(sub), "{sub}");
    }
    let dir = tempdir();
    let file = dir.path().join("folio.1");
    std::fs::write(&file, &out.stdout).unwrap();
    let lint = std::process::Command::new("groff")
        .args(["-k", "-man", "-ww", "-z"])
        .arg(&file)
        .output()
        .expect("groff is needed (make deps)");
    assert!(lint.status.success());
    assert!(
        lint.stderr.is_empty(),
        "groff warns: {}",
        text(&lint.stderr)
    );
}

#[test]
fn explain_prints_the_section_of_docs_errors_md() {
    let out = run(&["explain", "F0401"]);
    assert_eq!(out.status.code(), Some(0));
    let s = text(&out.stdout);
    assert!(
        s.starts_with("## F0401: An inline mark opened and never closed."),
        "{s}"
    );
    assert!(!s.contains("## F0402"), "one section only");
    let out = run(&["explain", "f0401"]);
    assert_eq!(out.status.code(), Some(0), "codes are case-insensitive");
    let out = run(&["explain", "F0410"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("did you mean"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn help_shows_an_example_for_every_subcommand() {
    let help = text(&run(&["--help"]).stdout);
    for sub in [
        "export",
        "volume",
        "check",
        "new",
        "schema",
        "explain",
        "completions",
    ] {
        assert!(
            help.lines()
                .any(|l| l.trim_start().starts_with(&format!("folio {sub} "))),
            "folio --help shows an example of {sub}:\n{help}"
        );
        let sub_help = text(&run(&[sub, "--help"]).stdout);
        assert!(sub_help.contains("Example:"), "{sub} --help");
    }
    assert!(text(&run(&["export", "--help"]).stdout).contains("-t, --to"));
}

#[test]
fn json_messages_are_one_object_a_line() {
    let bad = b"format = \"1.0\"\nid = \"x\"\ntitle = \"T\"\n\n[[content]]\nrole = \"text\"\ntext = \"[a]{.unclaer}\"\n";
    let out = run_stdin(&["check", "-", "--message-format", "json"], bad, &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "{err}");
    let d: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(d["file"], "<stdin>");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(7), Some(13))
    );
    assert_eq!(
        (d["end"]["line"].as_u64(), d["end"]["column"].as_u64()),
        (Some(7), Some(21))
    );
    assert_eq!(d["severity"], "error");
    assert_eq!(d["code"], "F0402");
    assert_eq!(d["hint"], "did you mean `.unclear`?");
    // Usage errors come in the same shape.
    let out = run(&["export", SEED, "-t", "html", "--message-format", "json"]);
    let d: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(d["code"], "F0703");
}

/// Runs a command line under a pseudo-terminal (script(1)) and returns what it printed.
fn on_terminal(command: &str, env: &[(&str, &str)]) -> String {
    let mut cmd = std::process::Command::new("script");
    cmd.current_dir(root())
        .args(["-qec", command, "/dev/null"])
        .env_remove("NO_COLOR");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("script(1) is needed (make deps)");
    text(&out.stdout)
}

#[test]
fn colour_and_the_summary_only_on_a_terminal() {
    let bin = env!("CARGO_BIN_EXE_folio");
    let bad = "tests/fixtures/invalid/unknown-class-typo/input.toml";
    let coloured = on_terminal(&format!("{bin} check {bad}"), &[]);
    assert!(
        coloured.contains("\u{1b}["),
        "colour on a terminal: {coloured:?}"
    );
    let plain = on_terminal(&format!("{bin} check {bad}"), &[("NO_COLOR", "1")]);
    assert!(!plain.contains("\u{1b}["), "NO_COLOR: {plain:?}");
    assert!(plain.contains("error[F0402]"), "{plain}");
    let piped = run(&["check", bad]);
    assert!(
        !text(&piped.stderr).contains("\u{1b}["),
        "no colour into a pipe"
    );

    let dir = tempdir();
    let summary = on_terminal(
        &format!(
            "{bin} export {SEED} samples/telegram-1918-09-02.toml -t txt,epub --out-dir {}",
            dir.path().display()
        ),
        &[("NO_COLOR", "1")],
    );
    // The progress bar clears its line (ESC [2K) before the summary takes it.
    let last = summary.rsplit("\u{1b}[2K").next().unwrap_or("");
    let expected = format!("2 documents, 4 files in {}, ", dir.path().display());
    assert!(
        last.starts_with(&expected) && last.trim_end().ends_with(" s"),
        "{summary:?}"
    );
}

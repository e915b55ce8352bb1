//! Hostile input and faults (issue 14), one case per defect: each asserts the exit code, the
//! message, and that no file was written or left behind (no temporary in any folder).
//! The SIGINT/SIGTERM cases run a real batch of several hundred documents and interrupt it.

mod common;
use common::*;
use std::path::{Path, PathBuf};
use std::process::Output;

const HEAD: &str = "format = \"1.0\"\nid = \"x\"\ntitle = \"T\"\n";

fn seed() -> PathBuf {
    root().join("samples/zinoviev-1932-12-03.toml")
}

/// A transcription whose one text block is `text` (TOML literal string).
fn doc_with_text(text: &str) -> String {
    format!("{HEAD}[[content]]\nrole = \"text\"\ntext = '''\n{text}\n'''\n")
}

/// Asserts that `stderr` says `expected`: a message, or `FILE:LINE:COLUMN: message`, which
/// the renderer prints as the message over a ` --> FILE:LINE:COLUMN` line.
fn assert_says(stderr: &str, expected: &str) {
    let (place, message) = match expected.split_once(": ") {
        Some((p, m)) if p.ends_with(|c: char| c.is_ascii_digit()) && p.contains(':') => {
            (Some(p), m)
        }
        _ => (None, expected),
    };
    assert!(
        stderr.contains(message),
        "expected `{message}` in:\n{stderr}"
    );
    if let Some(place) = place {
        assert!(
            stderr.contains(&format!("{place}\n")),
            "expected the place {place} in:\n{stderr}"
        );
    }
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

/// Every file under `dir`, relative, sorted (hidden ones included).
fn files_under(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            // A running batch renames and removes its temporaries while this looks.
            let Ok(meta) = p.symlink_metadata() else {
                continue;
            };
            if meta.is_dir() {
                stack.push(p);
            } else {
                out.push(p.strip_prefix(dir).unwrap().display().to_string());
            }
        }
    }
    out.sort();
    out
}

/// Runs `folio export INPUT --to FORMATS --out-dir OUT`.
fn export_to(input: &Path, formats: &str, out: &Path) -> Output {
    export_with(&[input], formats, out, &[])
}

/// Runs `folio export INPUTS… --to FORMATS --out-dir OUT EXTRA…`.
fn export_with(inputs: &[&Path], formats: &str, out: &Path, extra: &[&str]) -> Output {
    folio()
        .arg("export")
        .args(inputs)
        .args(["--to", formats, "--out-dir"])
        .arg(out)
        .args(extra)
        .output()
        .expect("folio runs")
}

fn assert_no_temporaries(dir: &Path) {
    let left: Vec<String> = files_under(dir)
        .into_iter()
        .filter(|f| f.contains(".folio-") || f.ends_with(".tmp"))
        .collect();
    assert!(
        left.is_empty(),
        "temporaries left in {}: {left:?}",
        dir.display()
    );
}

#[test]
fn deep_nesting_is_an_error_at_its_place_and_the_rest_of_the_batch_is_exported() {
    let dir = tempdir();
    let deep = dir.path().join("deep.toml");
    let nested = format!("{}x{}", "_a ".repeat(8000), " a_".repeat(8000));
    std::fs::write(&deep, doc_with_text(&nested)).unwrap();
    let good = dir.path().join("good.toml");
    std::fs::copy(seed(), &good).unwrap();
    let out = dir.path().join("out");
    let o = export_with(
        &[&deep, &good],
        "txt,pdf",
        &out,
        &[
            "-j",
            "2",
            "--report",
            dir.path().join("report.json").to_str().unwrap(),
        ],
    );
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let e = stderr(&o);
    assert!(e.contains("deep.toml:7:"), "{e}");
    assert!(e.contains("nested more than 32 deep"), "{e}");
    assert_eq!(files_under(&out), ["good.pdf", "good.txt"]);
    let report = std::fs::read_to_string(dir.path().join("report.json")).unwrap();
    assert!(report.contains("\"failed\": 1"), "{report}");
}

#[test]
fn the_single_output_path_survives_deep_nesting_too() {
    let dir = tempdir();
    let deep = dir.path().join("deep.toml");
    let nested = format!("{}x{}", "[".repeat(20000), "]{.unclear}".repeat(20000));
    std::fs::write(&deep, doc_with_text(&nested)).unwrap();
    let target = dir.path().join("deep.pdf");
    let o = run(&[
        "export",
        deep.to_str().unwrap(),
        "-o",
        target.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("nested more than 32 deep"),
        "{}",
        stderr(&o)
    );
    assert_eq!(files_under(dir.path()), ["deep.toml"]);
}

#[test]
fn limits_on_size_fields_blocks_and_notes_are_errors_at_the_place() {
    let dir = tempdir();
    let field = dir.path().join("field.toml");
    std::fs::write(&field, doc_with_text(&"a".repeat(3 << 20))).unwrap();
    let size = dir.path().join("size.toml");
    let para = "слово ".repeat(100_000);
    let many: String = (0..30)
        .map(|_| format!("[[content]]\nrole = \"text\"\ntext = \"{para}\"\n"))
        .collect();
    std::fs::write(&size, format!("{HEAD}{many}")).unwrap();
    let blocks = dir.path().join("blocks.toml");
    let many: String = (0..10_001)
        .map(|i| format!("[[content]]\nrole = \"text\"\ntext = \"p{i}\"\n"))
        .collect();
    std::fs::write(&blocks, format!("{HEAD}{many}")).unwrap();
    let notes = dir.path().join("notes.toml");
    let many: String = (0..10_001)
        .map(|i| format!("[[notes]]\nid = \"n{i}\"\ntext = \"note\"\n"))
        .collect();
    std::fs::write(&notes, format!("{}{many}", doc_with_text("w[^n0]"))).unwrap();
    let out = dir.path().join("out");
    for (file, place, message) in [
        (
            &field,
            "field.toml:7:1",
            "more than the 2 MiB one field may hold",
        ),
        (&size, "size.toml", "larger than the 16 MiB"),
        (
            &blocks,
            "blocks.toml:30004:1",
            "10001 content blocks, more than the 10000",
        ),
        (
            &notes,
            "notes.toml:30009:1",
            "10001 notes, more than the 10000",
        ),
    ] {
        let o = export_to(file, "txt", &out);
        assert_eq!(code(&o), 1, "{}", stderr(&o));
        let e = stderr(&o);
        assert!(e.contains(place) && e.contains(message), "{e}");
        assert!(e.contains("docs/limits.md"), "{e}");
    }
    assert!(!out.exists() || files_under(&out).is_empty());
}

#[test]
fn the_report_never_replaces_an_input_or_an_edition() {
    let dir = tempdir();
    let input = dir.path().join("x.toml");
    std::fs::copy(seed(), &input).unwrap();
    let before = std::fs::read(&input).unwrap();
    let out = dir.path().join("out");
    for (report, says) in [
        (input.clone(), "names an input of this run"),
        (out.join("x.txt"), "names an edition this run writes"),
    ] {
        let o = export_with(
            &[&input],
            "txt",
            &out,
            &["--report", report.to_str().unwrap()],
        );
        assert_eq!(code(&o), 2, "{}", stderr(&o));
        assert!(stderr(&o).contains(says), "{}", stderr(&o));
        assert_eq!(std::fs::read(&input).unwrap(), before);
        assert!(
            !out.exists(),
            "nothing is written when the report is refused"
        );
    }
}

#[test]
fn an_unwritable_report_still_prints_every_error_and_fails() {
    let dir = tempdir();
    let good = dir.path().join("good.toml");
    std::fs::copy(seed(), &good).unwrap();
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, doc_with_text("[^missing]")).unwrap();
    let out = dir.path().join("out");
    let report = dir.path().join("no-such-folder/sub/report.json");
    std::fs::write(dir.path().join("no-such-folder"), "a file, not a folder").unwrap();
    let o = export_with(
        &[&good, &bad],
        "txt",
        &out,
        &["--report", report.to_str().unwrap()],
    );
    assert_eq!(code(&o), 3, "{}", stderr(&o));
    let e = stderr(&o);
    assert!(
        e.contains("bad.toml:7:1") && e.contains("reference to a note `missing`"),
        "{e}"
    );
    assert!(
        e.contains("cannot write the report") && e.contains("report.json"),
        "{e}"
    );
    assert_eq!(files_under(&out), ["good.txt"]);
    assert_no_temporaries(dir.path());
}

/// Runs `export seed -o out.pdf --style STYLE` and returns the output.
fn export_with_style(dir: &Path, style: &str) -> Output {
    let style_path = dir.join("s.style.toml");
    std::fs::write(&style_path, style).unwrap();
    run(&[
        "export",
        seed().to_str().unwrap(),
        "-o",
        dir.join("out.pdf").to_str().unwrap(),
        "--style",
        style_path.to_str().unwrap(),
    ])
}

#[test]
fn style_numbers_out_of_range_are_refused_with_key_and_place() {
    let dir = tempdir();
    for (style, says) in [
        (
            "[text]\nindent = 100000000\n",
            "s.style.toml:2:10: `text.indent` is 100000000, outside 0–40 columns",
        ),
        (
            "[text]\nwidth = 5\n",
            "s.style.toml:2:9: `text.width` is 5, outside 20–1000 columns",
        ),
        (
            "[pdf]\nfont-size = 0\n",
            "s.style.toml:2:13: `pdf.font-size` is 0, outside 4–72 pt",
        ),
        ("[pdf]\nfont-size = -3.5\n", "`pdf.font-size` is -3.5"),
        (
            "[pdf]\nfont-size = nan\n",
            "s.style.toml:2:13: `pdf.font-size` is not a number",
        ),
        (
            "pdf.leading = inf\n",
            "s.style.toml:1:15: `pdf.leading` is not a number",
        ),
        (
            "[pdf.margins]\ntop = 1e9\n",
            "`pdf.margins.top` is 1000000000, outside 0–100 mm",
        ),
        (
            "[pdf.margins]\nleft = 80\nright = 70\n",
            "`pdf.margins.left` and pdf.margins.right leave",
        ),
        (
            "[pdf]\nleading = 8\n",
            "`pdf.leading` is 8 pt, less than the font size",
        ),
        (
            "[pdf]\nline-numbers = 100000\n",
            "`pdf.line-numbers` is 100000",
        ),
        ("[docx]\nfont-size = 1000\n", "`docx.font-size` is 1000"),
        ("[epub]\nline-height = 0\n", "`epub.line-height` is 0"),
        (
            "\u{feff}[pdf]\nsmall-size = 2\n",
            "s.style.toml:2:14: `pdf.small-size` is 2",
        ),
    ] {
        let o = export_with_style(dir.path(), style);
        assert_eq!(code(&o), 2, "{style}: {}", stderr(&o));
        assert_says(&stderr(&o), says);
        assert!(stderr(&o).contains("hint:"), "{}", stderr(&o));
        assert!(!dir.path().join("out.pdf").exists());
    }
    assert_eq!(files_under(dir.path()), ["s.style.toml"]);
}

#[test]
fn style_fonts_must_be_fonts_and_are_found_beside_the_style() {
    let dir = tempdir();
    std::fs::write(dir.path().join("garbage.ttf"), "not a font at all").unwrap();
    for (font, says) in [
        ("/dev/zero", "names /dev/zero, which is not a regular file"),
        (".", "which is a folder, not a font file"),
        (
            "garbage.ttf",
            "garbage.ttf, which the font parser (ttf-parser) refuses",
        ),
        ("missing.ttf", "missing.ttf, which cannot be read"),
    ] {
        let o = export_with_style(dir.path(), &format!("[fonts]\nregular = \"{font}\"\n"));
        assert_eq!(code(&o), 2, "{font}: {}", stderr(&o));
        let e = stderr(&o);
        assert_says(&e, "s.style.toml:2:11: `fonts.regular`");
        assert_says(&e, says);
        assert!(!dir.path().join("out.pdf").exists());
    }
    // A relative path is read from the style file's folder, not from the working directory.
    std::fs::copy(
        root().join("fonts/PTSerif-Regular.ttf"),
        dir.path().join("face.ttf"),
    )
    .unwrap();
    let o = export_with_style(
        dir.path(),
        "[fonts]\nfamily = \"Face\"\nregular = \"face.ttf\"\n",
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(dir.path().join("out.pdf").exists());
    assert_no_temporaries(dir.path());
}

#[test]
fn symlinked_folders_are_followed_once_and_loops_are_warned() {
    let dir = tempdir();
    let coll = dir.path().join("coll");
    std::fs::create_dir_all(coll.join("a/b")).unwrap();
    std::fs::copy(seed(), coll.join("a/b/x.toml")).unwrap();
    std::os::unix::fs::symlink("..", coll.join("a/b/up")).unwrap();
    std::os::unix::fs::symlink("../..", coll.join("a/b/top")).unwrap();
    std::os::unix::fs::symlink(".", coll.join("a/self")).unwrap();
    // Hidden and temporary files are no inputs.
    std::fs::write(coll.join(".hidden.toml"), "broken").unwrap();
    std::fs::write(coll.join("a/.#x.toml"), "broken").unwrap();
    std::fs::write(coll.join("a/.folio-1-abc.tmp"), "broken").unwrap();
    std::fs::create_dir(coll.join(".git")).unwrap();
    std::fs::write(coll.join(".git/y.toml"), "broken").unwrap();
    let out = dir.path().join("out");
    let o = export_to(&coll, "txt", &out);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let e = stderr(&o);
    assert_eq!(
        e.matches("leads to a folder already searched").count(),
        3,
        "{e}"
    );
    assert_eq!(files_under(&out), ["x.txt"]);
}

#[test]
fn a_failed_edition_on_a_full_disk_leaves_none_of_the_inputs_files() {
    // A file-size limit makes the writes fail as a full disk does (EFBIG instead of ENOSPC):
    // the small text edition fits, the PDF does not, so the input fails and its text edition
    // must go too.
    let dir = tempdir();
    let input = dir.path().join("x.toml");
    std::fs::copy(seed(), &input).unwrap();
    let out = dir.path().join("out");
    let script = format!(
        "trap '' XFSZ; ulimit -f 40; exec '{}' export '{}' --to txt,pdf --out-dir '{}'",
        env!("CARGO_BIN_EXE_folio"),
        input.display(),
        out.display()
    );
    let o = std::process::Command::new("sh")
        .arg("-c")
        .arg(&script)
        .output()
        .unwrap();
    assert_eq!(code(&o), 3, "{}", stderr(&o));
    let e = stderr(&o);
    assert!(e.contains("cannot write") && e.contains("x.pdf"), "{e}");
    assert_eq!(files_under(&out), Vec::<String>::new(), "{e}");
}

#[test]
fn a_planted_link_is_never_written_through() {
    let dir = tempdir();
    let input = dir.path().join("x.toml");
    std::fs::copy(seed(), &input).unwrap();
    let before = std::fs::read(&input).unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    // The old predictable temporary names, planted as links to the input.
    for name in [".x.txt.tmp", ".x.txt.1.ThreadId(2).tmp"] {
        std::os::unix::fs::symlink(&input, out.join(name)).unwrap();
    }
    let o = export_to(&input, "txt", &out);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(std::fs::read(&input).unwrap(), before);
    // A link planted under the edition's own name is a way to overwrite the input: refused.
    std::fs::remove_file(out.join("x.txt")).unwrap();
    std::os::unix::fs::symlink(&input, out.join("x.txt")).unwrap();
    let o = export_to(&input, "txt", &out);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("refusing to overwrite the input"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(&input).unwrap(), before);
}

#[test]
fn small_input_defects_are_refused_or_read_alike() {
    let dir = tempdir();
    let con = dir.path().join("con-doc.toml");
    std::fs::write(
        &con,
        std::fs::read_to_string(seed())
            .unwrap()
            .replace("id = \"zinoviev-1932-12-03\"", "id = \"con\""),
    )
    .unwrap();
    let o = run(&["check", con.to_str().unwrap()]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("the id `con` is a name Windows reserves"),
        "{}",
        stderr(&o)
    );
    // A byte-order mark reads alike in TOML and JSON.
    let toml = dir.path().join("bom.toml");
    std::fs::write(
        &toml,
        format!("\u{feff}{}", std::fs::read_to_string(seed()).unwrap()),
    )
    .unwrap();
    let json = dir.path().join("bom.json");
    let j = std::fs::read_to_string(root().join("tests/fixtures/json/zinoviev-1932-12-03.json"))
        .unwrap();
    std::fs::write(&json, format!("\u{feff}{j}")).unwrap();
    let o = run(&["check", toml.to_str().unwrap(), json.to_str().unwrap()]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
}

#[test]
fn a_document_listed_twice_in_a_volume_is_refused() {
    let dir = tempdir();
    std::fs::copy(seed(), dir.path().join("a.toml")).unwrap();
    let manifest = dir.path().join("v.volume.toml");
    std::fs::write(
        &manifest,
        "title = \"V\"\ndocuments = [\"a.toml\", \"*.toml\"]\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let o = run(&[
        "volume",
        manifest.to_str().unwrap(),
        "--to",
        "txt",
        "--out-dir",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert_says(&stderr(&o), "v.volume.toml:2:24: `*.toml` lists");
    assert!(
        stderr(&o).contains("already in the volume through `a.toml`"),
        "{}",
        stderr(&o)
    );
    assert!(!out.exists());
}

#[test]
fn nested_spaced_out_marks_stay_linear_in_the_text_edition() {
    let dir = tempdir();
    let input = dir.path().join("x.toml");
    std::fs::write(
        &input,
        doc_with_text(&format!("{}слово{}", "*a ".repeat(30), " a*".repeat(30))),
    )
    .unwrap();
    let o = run(&["export", input.to_str().unwrap(), "--to", "txt", "-o", "-"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let text = String::from_utf8(o.stdout).unwrap();
    // Spaced once, whatever the depth: 30 + 30 letters and the word, each letter once.
    assert_eq!(text.matches('a').count(), 60, "{text}");
    assert!(text.contains("с л о в о"), "{text}");
}

#[test]
fn stale_temporaries_of_a_killed_run_are_removed_and_reported() {
    let dir = tempdir();
    let input = dir.path().join("x.toml");
    std::fs::copy(seed(), &input).unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    // One of a process that is gone, one of a live process (this test) but hours old, one
    // fresh of a live process (another run at work) and a user's file that looks alike.
    std::fs::write(out.join(".folio-4194303-a1B2c3.tmp"), "half").unwrap();
    let old = out.join(format!(".folio-{}-zz9.tmp", std::process::id()));
    std::fs::write(&old, "half").unwrap();
    let touched = std::process::Command::new("touch")
        .args(["-d", "3 hours ago"])
        .arg(&old)
        .status()
        .unwrap();
    assert!(touched.success());
    let fresh = out.join(format!(".folio-{}-live.tmp", std::process::id()));
    std::fs::write(&fresh, "being written").unwrap();
    std::fs::write(out.join("notes.tmp"), "mine").unwrap();
    let o = export_to(&input, "txt", &out);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("removed 2 temporary files left by an interrupted folio run"),
        "{}",
        stderr(&o)
    );
    let mut expected = vec![
        fresh.file_name().unwrap().to_str().unwrap().to_string(),
        "notes.tmp".into(),
        "x.txt".into(),
    ];
    expected.sort();
    assert_eq!(files_under(&out), expected);
}

/// Starts a batch of `n` documents in a child, interrupts it with `signal` once some
/// editions are written, and checks what it left.
fn interrupt_batch(signal: &str, expected_code: i32) {
    let dir = tempdir();
    let coll = dir.path().join("coll");
    std::fs::create_dir(&coll).unwrap();
    let n = 400;
    let text = std::fs::read_to_string(seed()).unwrap();
    for i in 0..n {
        std::fs::write(coll.join(format!("d{i:03}.toml")), &text).unwrap();
    }
    let out = dir.path().join("out");
    let report = dir.path().join("report.json");
    let child = folio()
        .args([
            "export",
            coll.to_str().unwrap(),
            "--to",
            "txt,pdf",
            "-j",
            "2",
            "--out-dir",
        ])
        .arg(&out)
        .arg("--report")
        .arg(&report)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while files_under(&out)
        .iter()
        .filter(|f| f.ends_with(".pdf"))
        .count()
        < 5
    {
        assert!(started.elapsed().as_secs() < 120, "the batch wrote nothing");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let sent = std::process::Command::new("kill")
        .args([&format!("-{signal}"), &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let o = child.wait_with_output().unwrap();
    assert_eq!(code(&o), expected_code, "{}", stderr(&o));
    let e = stderr(&o);
    assert!(e.contains(&format!("stopped by SIG{signal}")), "{e}");
    assert_no_temporaries(&out);
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(report["stopped_by"], format!("SIG{signal}"));
    let done = report["inputs"].as_array().unwrap();
    assert!(
        !done.is_empty() && done.len() < n,
        "{} of {n} done",
        done.len()
    );
    assert_eq!(
        report["totals"]["not_started"].as_u64().unwrap() as usize,
        n - done.len()
    );
    // Every input is all or nothing: both editions of each one done, none of the others.
    let mut expected: Vec<String> = done
        .iter()
        .flat_map(|r| {
            let stem = Path::new(r["input"].as_str().unwrap())
                .file_stem()
                .unwrap()
                .to_str()
                .unwrap()
                .to_string();
            [format!("{stem}.pdf"), format!("{stem}.txt")]
        })
        .collect();
    expected.sort();
    assert_eq!(files_under(&out), expected);
}

#[test]
fn sigint_stops_a_batch_between_documents_and_writes_the_report() {
    interrupt_batch("INT", 130);
}

#[test]
fn sigterm_stops_a_batch_between_documents_and_writes_the_report() {
    interrupt_batch("TERM", 143);
}

#[test]
fn text_wider_than_the_line_is_broken_never_lost_off_the_page() {
    let dir = tempdir();
    let input = dir.path().join("x.toml");
    let url = "https://example.org/archive/fond-17/opis-3/delo-1/list-1/very/long/path/index.html";
    let digits = "1234567890".repeat(40);
    let underscores = "\\_".repeat(150);
    let text = format!("See {url} and {underscores} and {digits} end.");
    std::fs::write(&input, doc_with_text(&text)).unwrap();
    let out = dir.path().join("out");
    let o = export_to(&input, "txt,pdf", &out);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let e = stderr(&o);
    // Only the digits have no allowed point: one warning per edition, naming the word.
    assert!(e.contains("pdf: x: a word is too wide for the line, broken where no break is allowed: ‘1234567890"), "{e}");
    assert!(e.contains("in block 1 (text)"), "{e}");
    assert!(
        e.contains("txt: x: a word is wider than the 72 columns of a line"),
        "{e}"
    );
    assert!(
        e.lines()
            .filter(|l| l.contains("where no break is allowed"))
            .all(|l| !l.contains("https")),
        "the URL breaks at its slashes without a warning: {e}"
    );
    // The text edition: no line wider than the measure, every character kept.
    let txt = std::fs::read_to_string(out.join("x.txt")).unwrap();
    assert!(txt.lines().all(|l| l.chars().count() <= 72), "{txt}");
    assert!(
        txt.contains("https://example.org/archive/fond-17/opis-3/delo-1/list-1/very/long/path/\n"),
        "{txt}"
    );
    assert_eq!(txt.matches('_').count(), 150);
    assert!(txt.replace(['\n', ' '], "").contains(&digits), "{txt}");
    // The PDF: no glyph past the right margin (A5, 15 mm), every digit extracted.
    let pdf = out.join("x.pdf");
    let bbox = std::process::Command::new("pdftotext")
        .args(["-bbox"])
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    let html = String::from_utf8_lossy(&bbox.stdout);
    let right_edge = 148.0 * 72.0 / 25.4 - 15.0 * 72.0 / 25.4;
    let mut words = 0;
    for cap in html.split("xMax=\"").skip(1) {
        let x: f64 = cap.split('"').next().unwrap().parse().unwrap();
        assert!(
            x <= right_edge + 0.5,
            "a word ends at {x} pt, past the margin at {right_edge}"
        );
        words += 1;
    }
    assert!(words > 10, "{html}");
    let plain = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let plain = String::from_utf8_lossy(&plain.stdout).replace(['\n', ' '], "");
    assert!(plain.contains(&digits), "{plain}");
}

#[test]
fn a_batch_with_hostile_documents_mixed_in_exports_every_good_one() {
    // scripts/hostile-batch.sh: `make hostile` runs it with 5,000 documents; here 600 (100
    // of them hostile) keep the test cheap.
    let o = std::process::Command::new("bash")
        .arg(root().join("scripts/hostile-batch.sh"))
        .arg(env!("CARGO_BIN_EXE_folio"))
        .arg("600")
        .output()
        .expect("bash runs");
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{stdout}{}", stderr(&o));
    assert!(
        stdout.contains("hostile batch: 600 inputs,")
            && stdout.contains("every good one;")
            && stdout.contains("of 100 hostile, every constructed one (")
            && stdout.contains(") among them; nothing else in --out-dir"),
        "{stdout}"
    );
}

/// Every input a fuzzer found to crash, hang or explode (tests/fixtures/fuzz/, copied there
/// by scripts/fuzz.sh) reads and, if it validates, goes through every writer.
#[test]
fn fuzz_findings_stay_fixed() {
    let dir = root().join("tests/fixtures/fuzz");
    let style = folio::style::Style::default();
    let mut cases = 0;
    for entry in std::fs::read_dir(&dir).unwrap().flatten() {
        if entry.path().extension().is_some_and(|e| e == "md") {
            continue;
        }
        cases += 1;
        let bytes = std::fs::read(entry.path()).unwrap();
        let Ok(text) = String::from_utf8(bytes) else {
            continue;
        };
        let _ = folio::markup::parse(&text);
        for syntax in [folio::read::Syntax::Toml, folio::read::Syntax::Json] {
            let Ok(read) = folio::read::read_str(&text, "fuzz", syntax) else {
                continue;
            };
            for format in folio::writers::Format::ALL {
                // An edition is a small multiple of its input (beside its fonts), never exponential.
                if let Ok(out) = folio::writers::write(format, &read.document, &style) {
                    assert!(
                        out.bytes.len() < 50 * text.len() + 2_000_000,
                        "{}: {format:?} is {} bytes",
                        entry.path().display(),
                        out.bytes.len()
                    );
                }
            }
        }
    }
    assert!(cases >= 2, "the known findings are in {}", dir.display());
}

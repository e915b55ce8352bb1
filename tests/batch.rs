//! Batch export: directories, parallel jobs, one bad file among good ones, the JSON report,
//! shards, collisions, reproducible bytes.

mod common;
use common::*;
use std::collections::BTreeSet;
use std::path::Path;

/// A folder of inputs: the samples twice over (in two subfolders, renamed apart) plus one
/// malformed file.
fn collection(dir: &Path) -> usize {
    let mut n = 0;
    for (k, sub) in ["a", "b/c"].iter().enumerate() {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
        for s in samples() {
            let name = format!("{}-{k}.toml", s.file_stem().unwrap().to_str().unwrap());
            std::fs::copy(&s, dir.join(sub).join(name)).unwrap();
            n += 1;
        }
    }
    std::fs::write(
        dir.join("a/broken.toml"),
        "format = \"1.0\"\nid = \"broken\"\ntitle = \"T\"\n\n[[content]]\nrole = \"paragraf\"\ntext = \"x\"\n",
    )
    .unwrap();
    // Not transcriptions: skipped by the directory walk.
    std::fs::write(dir.join("a/notes.md"), "# notes").unwrap();
    std::fs::write(dir.join("a/house.style.toml"), "[text]\nwidth = 60\n").unwrap();
    n
}

fn txt_files(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.file_name().into_string().unwrap())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn one_bad_file_stops_nothing_else() {
    let dir = tempdir();
    let good = collection(&dir.path().join("in"));
    let out = dir.path().join("out");
    let report = dir.path().join("report.json");
    let run = folio()
        .args(["export", "--to", "txt", "--jobs", "2", "--out-dir"])
        .arg(&out)
        .arg("--report")
        .arg(&report)
        .arg(dir.path().join("in"))
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1), "invalid input gives exit 1");
    let stderr = String::from_utf8(run.stderr).unwrap();
    assert!(
        stderr.contains("error[F0204]: unknown variant `paragraf`")
            && stderr.contains("broken.toml:6:8\n"),
        "{stderr}"
    );
    let written = txt_files(&out);
    assert_eq!(written.len(), good, "every good file exported: {written:?}");
    assert!(!written
        .iter()
        .any(|n| n.contains("broken") || n.ends_with(".tmp")));

    // The report matches the files on disk.
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    assert_eq!(report["totals"]["inputs"], good + 1);
    assert_eq!(report["totals"]["ok"], good);
    assert_eq!(report["totals"]["failed"], 1);
    let mut files = 0;
    for record in report["inputs"].as_array().unwrap() {
        if record["input"].as_str().unwrap().ends_with("broken.toml") {
            assert_eq!(record["status"], "failed");
            assert_eq!(record["errors"][0]["line"], 6);
            assert_eq!(record["errors"][0]["column"], 8);
            assert!(record["outputs"].as_array().unwrap().is_empty());
            continue;
        }
        assert_eq!(record["status"], "ok");
        assert!(record["ms"].as_f64().unwrap() >= 0.0);
        for o in record["outputs"].as_array().unwrap() {
            let bytes = std::fs::read(o["path"].as_str().unwrap()).unwrap();
            assert_eq!(o["bytes"], bytes.len());
            use sha2::Digest;
            let sha: String = sha2::Sha256::digest(&bytes)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            assert_eq!(o["sha256"], sha);
            files += 1;
        }
    }
    assert_eq!(files, good);
    assert_eq!(report["totals"]["outputs"], good);
}

/// The report is written as the inputs finish, on any number of workers; its records come
/// in input order all the same, and to standard output it is the same report as to a file.
#[test]
fn the_report_lists_the_inputs_in_order_however_many_workers_finish_them() {
    let dir = tempdir();
    let inputs = dir.path().join("in");
    std::fs::create_dir_all(&inputs).unwrap();
    let seed = std::fs::read_to_string(samples()[0].clone()).unwrap();
    let id = seed
        .lines()
        .find(|l| l.starts_with("id = "))
        .unwrap()
        .to_string();
    // Forty documents; every seventh one broken, so failures are interleaved with the rest.
    for n in 0..40 {
        let text = if n % 7 == 3 {
            seed.replace("role = \"", "role = \"x")
        } else {
            seed.replace(&id, &format!("id = \"doc-{n:02}\""))
        };
        std::fs::write(inputs.join(format!("doc-{n:02}.toml")), text).unwrap();
    }
    let run = |jobs: &str, report: &str, out: &str| {
        folio()
            .args([
                "export",
                "--to",
                "txt",
                "--quiet",
                "--jobs",
                jobs,
                "--out-dir",
            ])
            .arg(dir.path().join(out))
            .arg("--report")
            .arg(report)
            .arg(&inputs)
            .output()
            .unwrap()
    };
    // The report may go in the output folder, which the batch has not made yet.
    let file = dir.path().join("one/report.json");
    let one = run("1", file.to_str().unwrap(), "one");
    assert_eq!(
        one.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&one.stderr)
    );
    let on_disk = std::fs::read(&file).unwrap();
    let three = run("3", "-", "three");
    assert_eq!(three.status.code(), Some(1));
    // The times differ from run to run; everything else is the same.
    let untimed = |json: &[u8]| {
        let mut v: serde_json::Value = serde_json::from_slice(json).unwrap();
        v["totals"]["ms"] = 0.into();
        for r in v["inputs"].as_array_mut().unwrap() {
            r["ms"] = 0.into();
            for o in r["outputs"].as_array_mut().unwrap() {
                let path = o["path"].as_str().unwrap().replace("/three/", "/one/");
                o["path"] = path.into();
            }
        }
        v
    };
    let (a, b) = (untimed(&on_disk), untimed(&three.stdout));
    assert_eq!(a, b);
    let names: Vec<&str> = a["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["input"].as_str().unwrap())
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "records in input order");
    assert_eq!(names.len(), 40);
    assert_eq!(a["totals"]["failed"], 6);
    assert_eq!(a["totals"]["ok"], 34);
}

#[test]
fn two_runs_give_identical_bytes() {
    let dir = tempdir();
    collection(&dir.path().join("in"));
    std::fs::remove_file(dir.path().join("in/a/broken.toml")).unwrap();
    // Every edition, once on one thread and once on two: the same bytes.
    for (run, jobs) in [("one", "1"), ("two", "2")] {
        let status = folio()
            .args(["export", "--to", "all", "--jobs", jobs, "--out-dir"])
            .arg(dir.path().join(run))
            .arg(dir.path().join("in"))
            .status()
            .unwrap();
        assert!(status.success());
    }
    let one = txt_files(&dir.path().join("one"));
    for ext in ["txt", "pdf", "docx", "epub"] {
        assert!(one.iter().any(|n| n.ends_with(ext)), "{ext} written");
    }
    assert_eq!(one, txt_files(&dir.path().join("two")));
    for name in one {
        assert_eq!(
            std::fs::read(dir.path().join("one").join(&name)).unwrap(),
            std::fs::read(dir.path().join("two").join(&name)).unwrap(),
            "{name}"
        );
    }
}

#[test]
fn shards_are_disjoint_and_cover_the_inputs() {
    let dir = tempdir();
    let good = collection(&dir.path().join("in"));
    std::fs::remove_file(dir.path().join("in/a/broken.toml")).unwrap();
    let mut seen: Vec<String> = Vec::new();
    for k in 1..=3 {
        let out = dir.path().join(format!("shard{k}"));
        let status = folio()
            .args([
                "export",
                "--to",
                "txt",
                "--shard",
                &format!("{k}/3"),
                "--out-dir",
            ])
            .arg(&out)
            .arg(dir.path().join("in"))
            .status()
            .unwrap();
        assert!(status.success());
        let files = txt_files(&out);
        assert!(!files.is_empty(), "shard {k} has work");
        seen.extend(files);
    }
    let unique: BTreeSet<&String> = seen.iter().collect();
    assert_eq!(unique.len(), seen.len(), "shards are disjoint");
    assert_eq!(seen.len(), good, "shards cover the inputs");
    let bad = folio()
        .args(["export", "--shard", "4/3", "x.toml"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn colliding_output_names_are_caught_before_writing() {
    let dir = tempdir();
    for sub in ["x", "y"] {
        std::fs::create_dir_all(dir.path().join(sub)).unwrap();
        std::fs::copy(
            root().join("samples/zinoviev-1932-12-03.toml"),
            dir.path().join(sub).join("letter.toml"),
        )
        .unwrap();
    }
    let out = dir.path().join("out");
    let run = folio()
        .args(["export", "--to", "txt", "--out-dir"])
        .arg(&out)
        .arg(dir.path().join("x"))
        .arg(dir.path().join("y"))
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("--mirror"));
    assert!(!out.exists(), "nothing written");
    // --mirror keeps the folders apart.
    let run = folio()
        .args(["export", "--to", "txt", "--mirror", "--out-dir"])
        .arg(&out)
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(out.join("x/letter.txt").exists() && out.join("y/letter.txt").exists());
}

#[test]
fn quiet_and_non_terminal_runs_print_nothing_but_errors() {
    let dir = tempdir();
    let run = folio()
        .args(["export", "--to", "txt", "--quiet", "--out-dir"])
        .arg(dir.path())
        .arg(root().join("samples"))
        .output()
        .unwrap();
    assert!(run.status.success());
    assert!(
        run.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(run.stdout.is_empty());
}

#[test]
fn a_custom_font_family_sets_every_document_of_a_batch() {
    let dir = tempdir();
    let style = dir.path().join("house.style.toml");
    std::fs::write(
        &style,
        format!(
            "[fonts]\nfamily = \"DejaVu Serif\"\nregular = \"{}\"\n",
            root().join("fonts/DejaVuSerif.ttf").display()
        ),
    )
    .unwrap();
    let out = dir.path().join("out");
    let run = folio()
        .args(["export", "--to", "pdf,epub,docx", "--jobs", "2", "--style"])
        .arg(&style)
        .arg("--out-dir")
        .arg(&out)
        .arg(root().join("samples"))
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    for sample in samples() {
        let stem = sample.file_stem().unwrap().to_str().unwrap();
        let fonts = std::process::Command::new("pdffonts")
            .arg(out.join(format!("{stem}.pdf")))
            .output()
            .expect("pdffonts runs: make deps");
        let list = String::from_utf8_lossy(&fonts.stdout);
        assert!(list.contains("DejaVuSerif"), "{stem}: {list}");
        assert!(
            !list.contains("PTSerif-Regular") && !list.contains("PT Serif"),
            "{stem}: the body is not in PT Serif: {list}"
        );
    }
}

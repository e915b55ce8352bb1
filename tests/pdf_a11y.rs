//! The accessible, archival PDF: tagged (pdfinfo), a structure tree in reading order with
//! its roles (pdf.js, as Firefox reads it to a screen reader), PDF/UA-1 and PDF/A checked
//! by pdf-oxide and pdfua (pip), qpdf and mutool; XMP metadata; the source embedded and
//! extracted byte for byte (pdfdetach). Every sample, the long sample, both presets and the
//! volume.

mod common;
use common::*;
use folio::model::Document;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Runs a checker; a missing one fails the test, naming what installs it.
fn tool(program: &str, args: &[&str]) -> (i32, String) {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("`{program}` is needed (make deps; scripts/deps/pdf.sh): {e}"));
    (
        out.status.code().unwrap_or(-1),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

fn all_samples() -> Vec<PathBuf> {
    let mut v = samples();
    v.push(root().join("samples/long/long-report-1925.toml"));
    v
}

fn read(path: &Path) -> Document {
    folio::read::read_file(path)
        .expect("the sample reads")
        .document
}

/// Exports with the binary (SOURCE_DATE_EPOCH set) and `extra` arguments.
fn export(input: &Path, preset: &str, extra: &[&str], dir: &Path) -> PathBuf {
    let stem = input.file_stem().and_then(|s| s.to_str()).unwrap_or("x");
    let out = dir.join(format!("{stem}-{preset}.pdf"));
    let mut args = vec![
        "export",
        input.to_str().expect("utf-8"),
        "--preset",
        preset,
        "-o",
        out.to_str().expect("utf-8"),
    ];
    args.extend_from_slice(extra);
    let o = run(&args);
    assert!(
        o.status.success(),
        "export {}: {}",
        input.display(),
        String::from_utf8_lossy(&o.stderr)
    );
    out
}

fn export_volume(dir: &Path, extra: &[&str]) -> PathBuf {
    let manifest = root().join("samples/volume/sample.volume.toml");
    let mut args = vec![
        "volume",
        manifest.to_str().expect("utf-8"),
        "--to",
        "pdf",
        "--out-dir",
        dir.to_str().expect("utf-8"),
    ];
    args.extend_from_slice(extra);
    let o = run(&args);
    assert!(
        o.status.success(),
        "volume: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    dir.join("sample.pdf")
}

/// pdf-oxide's PDF/A validation at `level` ("2u", "3u") and its PDF/UA validation, as a
/// JSON object per check: `{"valid": …, "errors": […]}`.
fn oxide(pdf: &Path, level: &str) -> Value {
    let script = "import json,sys,pdf_oxide\nd=pdf_oxide.PdfDocument(sys.argv[1])\nprint(json.dumps({'a': d.validate_pdf_a(sys.argv[2]), 'ua': d.validate_pdf_ua()}))";
    let (code, out) = tool(
        "python3",
        &["-c", script, pdf.to_str().expect("utf-8"), level],
    );
    assert_eq!(code, 0, "pdf-oxide (pip install pdf-oxide) failed: {out}");
    serde_json::from_str(out.trim()).expect("pdf-oxide's JSON")
}

/// Every checker on one file: Tagged: yes, pdf-oxide PDF/A (`level`) and PDF/UA with no
/// error, pdfua with no finding, qpdf --check, mutool.
fn check_file(pdf: &Path, level: &str, what: &str) {
    let p = pdf.to_str().expect("utf-8");
    let (code, info) = tool("pdfinfo", &[p]);
    assert_eq!(code, 0, "{what}: pdfinfo: {info}");
    // poppler says nothing on stderr: no "Syntax Error: Suspects object is wrong type".
    let quiet = Command::new("pdfinfo")
        .arg(p)
        .output()
        .expect("pdfinfo runs");
    assert!(
        quiet.stderr.is_empty(),
        "{what}: pdfinfo complains: {}",
        String::from_utf8_lossy(&quiet.stderr)
    );
    assert!(
        info.contains("Tagged:          yes"),
        "{what}: not tagged: {info}"
    );
    let v = oxide(pdf, level);
    for check in ["a", "ua"] {
        assert_eq!(
            v[check]["valid"],
            Value::Bool(true),
            "{what}: pdf-oxide {check}: {}",
            v[check]
        );
        assert_eq!(
            v[check]["errors"].as_array().map(Vec::len),
            Some(0),
            "{what}: pdf-oxide {check} errors: {}",
            v[check]
        );
    }
    let (code, out) = tool("pdfua", &["check", p]);
    assert_eq!(code, 0, "{what}: pdfua found something: {out}");
    assert!(out.contains("PASS"), "{what}: pdfua: {out}");
    let (code, out) = tool("qpdf", &["--check", p]);
    assert_eq!(code, 0, "{what}: qpdf --check: {out}");
    let (code, out) = tool("mutool", &["info", p]);
    assert_eq!(code, 0, "{what}: mutool info: {out}");
    assert!(!out.contains("error"), "{what}: mutool: {out}");
}

#[test]
fn every_sample_preset_and_the_volume_is_tagged_and_conforms_to_pdf_ua_1_and_pdf_a_2u() {
    let dir = tempdir();
    for input in all_samples() {
        for preset in ["edition", "handout"] {
            let pdf = export(&input, preset, &[], dir.path());
            check_file(&pdf, "2u", &format!("{} ({preset})", input.display()));
        }
    }
    let vol = export_volume(dir.path(), &[]);
    check_file(&vol, "2u", "the volume");
}

/// The structure tree as pdf.js reads it: one tree per page.
fn pdfjs_tree(pdf: &Path) -> Vec<Value> {
    let script = root().join("tests/pdfjs/structure.mjs");
    let tools = root().join(".tools/pdfjs");
    assert!(
        tools.join("node_modules/pdfjs-dist").exists(),
        "pdf.js is needed: scripts/deps/pdf.sh installs pdfjs-dist into .tools/pdfjs"
    );
    let (code, out) = tool(
        "node",
        &[
            script.to_str().expect("utf-8"),
            tools.to_str().expect("utf-8"),
            pdf.to_str().expect("utf-8"),
        ],
    );
    assert_eq!(code, 0, "pdf.js failed: {out}");
    serde_json::from_str(out.trim()).expect("pdf.js's JSON")
}

/// The text under a node, in tree order; elements with `role` (and their text) apart.
fn texts(node: &Value, skip: &str, out: &mut String, apart: &mut Vec<String>) {
    if let Some(t) = node.get("text").and_then(Value::as_str) {
        out.push_str(t);
        out.push(' ');
        return;
    }
    // What a screen reader reads for an element with /Alt or /ActualText (pdf.js gives
    // either as `alt`): that, not its glyphs.
    if let Some(alt) = node.get("alt").and_then(Value::as_str) {
        out.push_str(alt);
        out.push(' ');
        return;
    }
    let role = node.get("role").and_then(Value::as_str).unwrap_or("");
    let children = node.get("children").and_then(Value::as_array);
    if role == skip {
        let mut s = String::new();
        for c in children.into_iter().flatten() {
            texts(c, "", &mut s, &mut Vec::new());
        }
        apart.push(s);
        return;
    }
    for c in children.into_iter().flatten() {
        texts(c, skip, out, apart);
    }
}

fn roles(node: &Value, out: &mut Vec<String>) {
    if let Some(r) = node.get("role").and_then(Value::as_str) {
        out.push(r.to_string());
    }
    for c in node
        .get("children")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        roles(c, out);
    }
}

/// Tree text as the words a reader gets: a hyphen at a line end joined, white space
/// collapsed, the editor's brackets dropped.
fn words_of(t: &str) -> String {
    let mut out = String::new();
    for w in t.replace(['[', ']'], "").split_whitespace() {
        out.push_str(w);
        // "догово-" at a line end and "ра" on the next: one word (not "2-3", not " - ").
        let hyphenated = w.len() > 1
            && w.ends_with('-')
            && w.trim_end_matches('-')
                .chars()
                .last()
                .is_some_and(char::is_alphabetic);
        if hyphenated {
            out.pop();
        } else {
            out.push(' ');
        }
    }
    out
}

#[test]
fn pdfjs_reads_the_structure_tree_in_the_transcriptions_order_with_its_roles() {
    let dir = tempdir();
    for input in all_samples() {
        let doc = read(&input);
        for preset in ["edition", "handout"] {
            let what = format!("{} ({preset})", input.display());
            let pdf = export(&input, preset, &[], dir.path());
            let pages = pdfjs_tree(&pdf);
            let (mut body, mut notes) = (String::new(), Vec::new());
            let mut all_roles = Vec::new();
            for page in &pages {
                texts(page, "Note", &mut body, &mut notes);
                roles(page, &mut all_roles);
            }
            // Every word of the transcription, marks and address included, in the order
            // of the original — the seed's resolutions before the address.
            let mut main = doc.clone();
            main.notes.clear();
            let words = folio::shared::transcription_words(&main);
            assert!(words.len() > 10, "{what}: too few words");
            assert_words_in_order(&words_of(&body), &words, &what);
            // Each note its own element, its words in order.
            let notes_text = words_of(&notes.join(" "));
            for note in &doc.notes {
                let words = note_words(note);
                assert_words_in_order(&notes_text, &words, &format!("{what}, note {}", note.id));
            }
            let count = |r: &str| all_roles.iter().filter(|x| *x == r).count();
            assert!(count("H1") >= 1, "{what}: no heading: {all_roles:?}");
            assert!(
                count("Note") >= doc.notes.len(),
                "{what}: notes: {all_roles:?}"
            );
            if !doc.notes.is_empty() {
                assert!(count("Reference") >= 1, "{what}: no note references");
                assert!(count("Lbl") >= 1, "{what}: notes have no labels");
            }
            let marks = doc
                .content
                .iter()
                .filter(|b| matches!(b, folio::model::Block::Mark(_)))
                .count();
            assert!(
                count("Div") >= marks,
                "{what}: {marks} marks, roles {all_roles:?}"
            );
            assert!(count("P") >= 3, "{what}: paragraphs: {all_roles:?}");
        }
    }
}

#[test]
fn the_seed_reads_its_resolutions_before_the_address_and_announces_a_deletion() {
    let dir = tempdir();
    let seed = root().join("samples/zinoviev-1932-12-03.toml");
    let pages = pdfjs_tree(&export(&seed, "edition", &[], dir.path()));
    let (mut body, mut notes) = (String::new(), Vec::new());
    texts(&pages[0], "Note", &mut body, &mut notes);
    let body = words_of(&body);
    let resolution = body.find("Кагановичу").expect("the resolution");
    let address = body.find("В СЕКРЕТАРИАТ").expect("the address");
    let heading = body.find("Письмо Г. Е. Зиновьева").expect("the heading");
    assert!(heading < resolution && resolution < address, "{body}");
    // A deletion elsewhere: a fixture with struck-out words reads them as deleted.
    let fixture = one_paragraph(dir.path(), "deleted", "Я {-не-} согласен.");
    let pages = pdfjs_tree(&export(&fixture, "edition", &[], dir.path()));
    let json = pages[0].to_string();
    assert!(json.contains("\"alt\":\"зачёркнуто: не\""), "{json}");
}

/// The XMP packet and the Info dictionary of a file.
fn metadata(pdf: &Path) -> (String, String) {
    let p = pdf.to_str().expect("utf-8");
    let (code, xmp) = tool("pdfinfo", &["-meta", p]);
    assert_eq!(code, 0, "pdfinfo -meta: {xmp}");
    let (code, info) = tool("pdfinfo", &["-isodates", p]);
    assert_eq!(code, 0, "pdfinfo: {info}");
    (xmp, info)
}

#[test]
fn xmp_matches_the_info_dictionary_and_dates_come_only_from_source_date_epoch() {
    let dir = tempdir();
    let seed = root().join("samples/zinoviev-1932-12-03.toml");
    let pdf = export(&seed, "edition", &[], dir.path());
    let (xmp, info) = metadata(&pdf);
    for needle in [
        "<dc:title>",
        "№ 1. Письмо Г. Е. Зиновьева",
        "<dc:creator>",
        "Г. Е. Зиновьев",
        "<dc:language>",
        "<rdf:li>ru</rdf:li>",
        "<dc:description>",
        "3 декабря 1932 г., Москва",
        "<pdfuaid:part>1</pdfuaid:part>",
        "<pdfaid:part>2</pdfaid:part>",
        "<pdfaid:conformance>U</pdfaid:conformance>",
        "2023-11-14T22:13:20",
    ] {
        assert!(xmp.contains(needle), "XMP lacks {needle}: {xmp}");
    }
    assert!(
        info.contains("2023-11-14T22:13:20"),
        "Info date not from SOURCE_DATE_EPOCH: {info}"
    );
    assert!(info.contains("№ 1. Письмо Г. Е. Зиновьева"), "{info}");
    // Without SOURCE_DATE_EPOCH and no PDF/A claimed, no date at all (never 1970).
    let out = dir.path().join("nodate.pdf");
    let o = folio()
        .env_remove("SOURCE_DATE_EPOCH")
        .args([
            "export",
            seed.to_str().expect("utf-8"),
            "--pdf-standard",
            "ua-1",
            "-o",
            out.to_str().expect("utf-8"),
        ])
        .output()
        .expect("folio runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let (xmp, info) = metadata(&out);
    assert!(
        !info.contains("CreationDate") && !info.contains("1970"),
        "{info}"
    );
    assert!(
        !xmp.contains("CreateDate") && !xmp.contains("1970"),
        "{xmp}"
    );
    assert!(xmp.contains("<pdfuaid:part>1</pdfuaid:part>") && !xmp.contains("pdfaid:part"));
    // With PDF/A claimed (the default) and no SOURCE_DATE_EPOCH, the date is the clock's:
    // today, within the test's minute, never 1970 nor SOURCE_DATE_EPOCH's 2023.
    let before = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs();
    let out = dir.path().join("clock.pdf");
    let o = folio()
        .env_remove("SOURCE_DATE_EPOCH")
        .args([
            "export",
            seed.to_str().expect("utf-8"),
            "-o",
            out.to_str().expect("utf-8"),
        ])
        .output()
        .expect("folio runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let (xmp, info) = metadata(&out);
    let date = info
        .lines()
        .find_map(|l| l.strip_prefix("CreationDate:"))
        .map(str::trim)
        .unwrap_or_else(|| panic!("PDF/A has a date: {info}"));
    let day =
        |secs: u64| folio::shared::clock::Civil::from_unix(secs as i64).iso8601()[..10].to_string();
    let (today, tomorrow) = (day(before), day(before + 86_400));
    assert!(
        date.starts_with(&today) || date.starts_with(&tomorrow),
        "the clock's date {today}: {date}"
    );
    assert!(xmp.contains(&date[..10]), "XMP has the same date: {xmp}");
    assert!(
        !xmp.contains("1970") && !xmp.contains("2023-11-14"),
        "{xmp}"
    );
}

#[test]
fn pdf_standard_takes_a_list_and_refuses_what_it_does_not_know() {
    let dir = tempdir();
    let seed = root().join("samples/zinoviev-1932-12-03.toml");
    let pdf = export(
        &seed,
        "edition",
        &["--pdf-standard", "a-2a,ua-1"],
        dir.path(),
    );
    let (xmp, _) = metadata(&pdf);
    assert!(
        xmp.contains("<pdfaid:conformance>A</pdfaid:conformance>"),
        "{xmp}"
    );
    check_file(&pdf, "2a", "a-2a,ua-1");
    let none = export(&seed, "handout", &["--pdf-standard", "none"], dir.path());
    let (xmp, _) = metadata(&none);
    assert!(!xmp.contains("pdfaid") && !xmp.contains("pdfuaid"), "{xmp}");
    let (_, info) = tool("pdfinfo", &[none.to_str().expect("utf-8")]);
    assert!(
        info.contains("Tagged:          yes"),
        "tagged even with no claim: {info}"
    );
    for bad in ["ua-2", "a-2u,a-3u"] {
        let o = run(&[
            "export",
            seed.to_str().expect("utf-8"),
            "--pdf-standard",
            bad,
            "-o",
            "/dev/null",
        ]);
        assert_eq!(o.status.code(), Some(2), "{bad}: usage error");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("--pdf-standard"), "{bad}: {err}");
    }
}

/// pdfdetach's saved files, by name.
fn detach(pdf: &Path, dir: &Path) -> Vec<(String, Vec<u8>)> {
    std::fs::create_dir_all(dir).expect("dir");
    let (code, out) = tool(
        "pdfdetach",
        &[
            "-saveall",
            "-o",
            dir.to_str().expect("utf-8"),
            pdf.to_str().expect("utf-8"),
        ],
    );
    assert_eq!(code, 0, "pdfdetach: {out}");
    let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .expect("read")
        .filter_map(|e| e.ok())
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).expect("read"),
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn embed_source_carries_each_transcription_byte_for_byte_as_pdf_a_3() {
    let dir = tempdir();
    for input in all_samples() {
        let pdf = export(&input, "edition", &["--embed-source"], dir.path());
        let what = format!("{} --embed-source", input.display());
        check_file(&pdf, "3u", &what);
        let (xmp, _) = metadata(&pdf);
        assert!(
            xmp.contains("<pdfaid:part>3</pdfaid:part>"),
            "{what}: {xmp}"
        );
        let qdf = tool(
            "qpdf",
            &[
                "--qdf",
                "--object-streams=disable",
                pdf.to_str().expect("utf-8"),
                "-",
            ],
        )
        .1;
        assert!(
            qdf.contains("/AFRelationship /Source"),
            "{what}: no /AFRelationship /Source"
        );
        let name = input.file_name().and_then(|n| n.to_str()).expect("name");
        let files = detach(&pdf, &dir.path().join(format!("{name}.d")));
        assert_eq!(
            files.len(),
            1,
            "{what}: {:?}",
            files.iter().map(|f| &f.0).collect::<Vec<_>>()
        );
        assert_eq!(files[0].0, name, "{what}: the file keeps its name");
        assert!(
            files[0].1 == std::fs::read(&input).expect("read"),
            "{what}: the embedded file differs from the input"
        );
    }
    // A volume carries every document's source.
    let vol = export_volume(&dir.path().join("vol"), &["--embed-source"]);
    check_file(&vol, "3u", "the volume --embed-source");
    let files = detach(&vol, &dir.path().join("vol.d"));
    let volume = folio::volume::load(&root().join("samples/volume/sample.volume.toml"))
        .expect("the volume loads")
        .0;
    assert_eq!(
        files.len(),
        volume.documents.len(),
        "one source per document"
    );
    for d in &volume.documents {
        let origin = d.origin.as_ref().expect("read from a file");
        let found = files.iter().find(|f| f.0 == origin.name).expect("embedded");
        let kept = origin.bytes.as_ref().expect("kept until let go");
        assert!(found.1 == kept.to_vec(), "{} differs", origin.name);
    }
}

/// A transcription of one paragraph (`text` in folio's markup) written as `dir/ID.toml`.
fn one_paragraph(dir: &Path, id: &str, text: &str) -> PathBuf {
    let path = dir.join(format!("{id}.toml"));
    let doc = format!(
        "format = \"1.0\"\nid = \"{id}\"\ntitle = \"Проба\"\n[[content]]\nrole = \"text\"\ntext = \"{text}\"\n"
    );
    std::fs::write(&path, doc).expect("write");
    path
}

#[test]
fn a_transcription_that_cannot_conform_is_an_input_error_naming_the_clause_and_the_place() {
    let dir = tempdir();
    let input = one_paragraph(dir.path(), "emoji", "Смайлик 😀 тут.");
    let out = dir.path().join("emoji.pdf");
    let o = run(&[
        "export",
        input.to_str().expect("utf-8"),
        "-o",
        out.to_str().expect("utf-8"),
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(
        o.status.code(),
        Some(1),
        "invalid input, exit code 1: {err}"
    );
    for needle in [
        "F0710",
        "PDF/UA-1",
        "ISO 14289-1 7.21.8",
        "ISO 19005-2 6.2.11.8",
        "“😀”",
        "emoji.toml:6:17",
        "hint:",
    ] {
        assert!(err.contains(needle), "the error says {needle}: {err}");
    }
    assert!(!out.exists(), "no PDF is left behind");
    // With no standard claimed, the same transcription is a draft PDF with a warning.
    let o = run(&[
        "export",
        input.to_str().expect("utf-8"),
        "--pdf-standard",
        "none",
        "-o",
        out.to_str().expect("utf-8"),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(out.exists());
}

/// Every element of the pdf.js tree with its role, language and alternate text, and the
/// text under it, in tree order.
fn elements(node: &Value, out: &mut Vec<(String, String, String, String)>) {
    let Some(role) = node.get("role").and_then(Value::as_str) else {
        return;
    };
    let mut text = String::new();
    texts(node, "", &mut text, &mut Vec::new());
    let field = |k: &str| {
        node.get(k)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    out.push((role.to_string(), field("lang"), field("alt"), text));
    for c in node
        .get("children")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        elements(c, out);
    }
}

fn all_elements(pdf: &Path) -> Vec<(String, String, String, String)> {
    let mut out = Vec::new();
    for page in pdfjs_tree(pdf) {
        elements(&page, &mut out);
    }
    out
}

/// What pikepdf reads of each structure element: its type, /Lang, /E and the /Scope of
/// its attributes, one JSON object each.
fn struct_attributes(pdf: &Path) -> Vec<Value> {
    let script = "import json,sys,pikepdf\n\
        p=pikepdf.open(sys.argv[1])\n\
        out=[]\n\
        def walk(e):\n\
        \x20   if not isinstance(e,pikepdf.Dictionary): return\n\
        \x20   a=e.get('/A')\n\
        \x20   a=list(a) if isinstance(a,pikepdf.Array) else [a]\n\
        \x20   scope=next((str(x['/Scope']) for x in a if isinstance(x,pikepdf.Dictionary) and '/Scope' in x),'')\n\
        \x20   out.append({'s':str(e.get('/S','')),'lang':str(e.get('/Lang','')),'e':str(e.get('/E','')),'scope':scope})\n\
        \x20   k=e.get('/K')\n\
        \x20   for c in (k if isinstance(k,pikepdf.Array) else [k]): walk(c)\n\
        walk(p.Root.StructTreeRoot)\n\
        print(json.dumps(out))";
    let (code, out) = tool("python3", &["-c", script, pdf.to_str().expect("utf-8")]);
    assert_eq!(code, 0, "pikepdf (pip install pdfua brings it): {out}");
    serde_json::from_str(out.trim()).expect("pikepdf's JSON")
}

#[test]
fn each_span_says_its_language_and_the_apparatus_its_own() {
    let dir = tempdir();
    // A pre-reform document: the document is ru-petr1708, its modern apparatus ru.
    let letter = export(
        &root().join("samples/letter-1911-03-14.toml"),
        "edition",
        &[],
        dir.path(),
    );
    let els = all_elements(&letter);
    let lang_of = |els: &[(String, String, String, String)], role: &str| -> Vec<String> {
        els.iter()
            .filter(|e| e.0 == role)
            .map(|e| e.1.clone())
            .collect()
    };
    // pdf.js gives a tree per page, each from the root.
    let all = |v: Vec<String>, lang: &str| !v.is_empty() && v.iter().all(|l| l == lang);
    assert!(all(lang_of(&els, "Document"), "ru-petr1708"), "{els:?}");
    assert_eq!(lang_of(&els, "H1"), ["ru"], "the editorial heading");
    let notes = lang_of(&els, "Note");
    assert!(
        !notes.is_empty() && notes.iter().all(|l| l == "ru"),
        "{notes:?}"
    );
    let paragraphs = lang_of(&els, "P");
    assert!(
        paragraphs.iter().filter(|l| l.is_empty()).count() >= 5,
        "the transcription's paragraphs inherit the document's language: {paragraphs:?}"
    );
    // A German letter with a French phrase, in its own words and then with a Russian
    // apparatus (style `labels = "ru"`).
    let input = dir.path().join("brief.toml");
    std::fs::write(
        &input,
        "format = \"1.0\"\nid = \"brief\"\ntitle = \"Brief an Arthur Schnitzler\"\ndate = \"1891-07-06\"\nlanguage = \"de\"\n[source]\narchive = \"DLA Marbach\"\nauthenticity = \"original\"\nmedium = \"manuscript\"\n[[content]]\nrole = \"text\"\ntext = \"Lieber Freund, [mon cher]{lang=fr} ami, ich komme []{.gap} morgen.[^a]\"\n[[notes]]\nid = \"a\"\ntext = \"Der Brief ist undatiert.\"\n",
    )
    .expect("write");
    let pdf = export(&input, "edition", &[], dir.path());
    let els = all_elements(&pdf);
    assert!(all(lang_of(&els, "Document"), "de"), "{els:?}");
    assert_eq!(
        lang_of(&els, "H1"),
        [""],
        "a German apparatus for a German letter"
    );
    let french: Vec<_> = els
        .iter()
        .filter(|e| e.0 == "Span" && e.1 == "fr")
        .collect();
    assert_eq!(french.len(), 1, "{els:?}");
    assert!(french[0].3.contains("mon cher"), "{french:?}");
    let all_text: String = els.iter().map(|e| e.3.as_str()).collect();
    assert!(all_text.contains("[unleserlich]"), "{all_text}");
    assert!(all_text.contains("Original. Handschrift."), "{all_text}");
    assert!(all_text.contains("6. Juli 1891"), "{all_text}");
    let style = dir.path().join("ru.toml");
    std::fs::write(&style, "labels = \"ru\"\n").expect("write");
    let out = dir.path().join("brief-ru.pdf");
    let o = run(&[
        "export",
        input.to_str().expect("utf-8"),
        "--style",
        style.to_str().expect("utf-8"),
        "-o",
        out.to_str().expect("utf-8"),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    check_file(&out, "2u", "a German letter with a Russian apparatus");
    let els = all_elements(&out);
    assert!(all(lang_of(&els, "Document"), "de"), "{els:?}");
    for role in ["H1", "Note"] {
        assert_eq!(lang_of(&els, role), ["ru"], "{role}: {els:?}");
    }
    let legend = els
        .iter()
        .find(|e| e.0 == "Div" && e.3.contains("DLA Marbach"))
        .expect("the legend");
    assert_eq!(legend.1, "ru");
    assert!(legend.3.contains("Подлинник. Рукопись."), "{legend:?}");
    let gap = els
        .iter()
        .find(|e| e.0 == "Span" && e.3.contains("[неразб.]"))
        .expect("the gap, in the apparatus's words");
    assert_eq!(gap.1, "ru", "{gap:?}");
    assert!(
        els.iter().any(|e| e.3.contains("6 июля 1891")),
        "a Russian date: {els:?}"
    );
    // pdftotext reads the page as printed.
    let (_, text) = tool("pdftotext", &[out.to_str().expect("utf-8"), "-"]);
    assert!(text.contains("ich komme [неразб.] morgen"), "{text}");
}

#[test]
fn tables_are_tagged_with_rows_header_cells_and_data_cells() {
    let dir = tempdir();
    let input = root().join("tests/fixtures/table.toml");
    let doc = read(&input);
    let table = doc
        .content
        .iter()
        .find_map(|b| match b {
            folio::model::Block::Table(t) => Some(t),
            _ => None,
        })
        .expect("the fixture has a table");
    for preset in ["edition", "handout"] {
        let pdf = export(&input, preset, &[], dir.path());
        check_file(&pdf, "2u", &format!("table ({preset})"));
        let els = all_elements(&pdf);
        let count = |r: &str| els.iter().filter(|e| e.0 == r).count();
        assert_eq!(count("Table"), 1, "{els:?}");
        assert_eq!(count("TR"), table.rows.len(), "one TR per row");
        let cells: usize = table.rows.iter().map(Vec::len).sum();
        let header: usize = table.rows[..table.header_rows].iter().map(Vec::len).sum();
        assert_eq!(count("TH"), header, "a TH per header cell");
        assert_eq!(count("TD"), cells - header, "a TD per other cell");
        // Cells in reading order, each with its own text.
        let tds: Vec<&String> = els
            .iter()
            .filter(|e| e.0 == "TH" || e.0 == "TD")
            .map(|e| &e.3)
            .collect();
        let expected: Vec<String> = table
            .rows
            .iter()
            .flatten()
            .map(|c| folio::markup::plain_text(c.inlines()))
            .collect();
        for (got, want) in tds.iter().zip(&expected) {
            let first = want.split_whitespace().next().unwrap_or("");
            assert!(got.contains(first), "cell {want:?} read as {got:?}");
        }
        let attrs = struct_attributes(&pdf);
        let th: Vec<_> = attrs.iter().filter(|a| a["s"] == "/TH").collect();
        assert!(
            !th.is_empty() && th.iter().all(|a| a["scope"] == "/Column"),
            "each TH names its column: {th:?}"
        );
    }
}

#[test]
fn deletions_gaps_and_supplied_letters_are_read_as_the_edition_means_them() {
    let dir = tempdir();
    let input = one_paragraph(
        dir.path(),
        "marks",
        "Я {-не-} согласен, []{.gap} и [2 слова неразб.]{.gap}, подпись Ст{=алин=}.",
    );
    let pdf = export(&input, "edition", &[], dir.path());
    let els = all_elements(&pdf);
    let alts: Vec<&String> = els.iter().map(|e| &e.2).filter(|a| !a.is_empty()).collect();
    assert_eq!(
        alts,
        ["зачёркнуто: не"],
        "the deletion is announced: {els:?}"
    );
    let para = els
        .iter()
        .find(|e| e.0 == "P" && e.3.contains("согласен"))
        .expect("the paragraph");
    // The tree's text, /Alt taken as a reader takes it: the gap and supplied letters as
    // printed, in brackets.
    for needle in [
        "зачёркнуто: не",
        "[неразб.]",
        "[2 слова неразб.]",
        "Ст[алин]",
    ] {
        assert!(para.3.contains(needle), "{needle}: {}", para.3);
    }
    // The default gap's abbreviation carries its expansion (/E); the editor's own words
    // are read as written.
    let attrs = struct_attributes(&pdf);
    let expanded: Vec<&Value> = attrs.iter().filter(|a| a["e"] != "").collect();
    assert_eq!(expanded.len(), 1, "{attrs:?}");
    assert_eq!(expanded[0]["e"], "неразборчиво");
    assert_eq!(expanded[0]["s"], "/Span");
    // pdftotext reads the page as printed.
    let (_, text) = tool("pdftotext", &[pdf.to_str().expect("utf-8"), "-"]);
    for needle in ["не согласен", "[неразб.]", "Ст[алин]"] {
        assert!(text.contains(needle), "pdftotext: {needle}: {text}");
    }
}

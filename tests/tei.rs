//! TEI in and out, on the real corpus in ../shared/corpora/tei (read in place; its README
//! names the sources and licences) and on every sample: the reader's warnings (golden),
//! round trips, validity against tei_all with jing, every word of every letter in every
//! edition, both spellings, hostile XML.

mod common;

use common::office::reader;
use common::{folio, root, samples, tempdir};
use folio::markup::Inline;
use folio::model::Document;
use folio::style::{Spelling, Style};
use folio::tei::mapping::Mapping;
use std::path::{Path, PathBuf};
use std::process::Command;

/// `shared/` beside the repository (CI), or beside the folder holding a worktree.
fn shared(sub: &str) -> PathBuf {
    for up in ["..", "../.."] {
        let p = root().join(up).join("shared").join(sub);
        if p.exists() {
            return p;
        }
    }
    panic!("../shared/{sub} is missing: the TEI tests read the corpus and the schema there");
}

fn schema() -> PathBuf {
    shared("corpora/tei-schema/tei_all.rng")
}

/// Every corpus file with its collection's name, sorted.
fn corpus() -> Vec<(String, PathBuf)> {
    let dir = shared("corpora/tei");
    let mut files = vec![];
    for c in std::fs::read_dir(&dir).unwrap().flatten() {
        if !c.path().is_dir() {
            continue;
        }
        let collection = c.file_name().to_string_lossy().into_owned();
        for f in std::fs::read_dir(c.path()).unwrap().flatten() {
            if f.path().extension().is_some_and(|e| e == "xml") {
                files.push((collection.clone(), f.path()));
            }
        }
    }
    files.sort();
    assert!(
        files.len() >= 18,
        "the corpus has 18 files, found {}",
        files.len()
    );
    files
}

/// The collection's mapping file from docs/tei-mappings, if it has one.
fn mapping_file(collection: &str) -> Option<PathBuf> {
    let p = root()
        .join("docs/tei-mappings")
        .join(format!("{collection}.toml"));
    p.exists().then_some(p)
}

fn mapping(collection: &str) -> Mapping {
    mapping_file(collection).map_or_else(Mapping::default, |p| Mapping::load(&p).unwrap())
}

fn read_tei(text: &str, name: &str, m: &Mapping) -> folio::read::Read {
    folio::read::read_tei(text, name, m).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn read_corpus(collection: &str, path: &Path) -> folio::read::Read {
    let text = std::fs::read_to_string(path).unwrap();
    read_tei(
        &text,
        &format!("{collection}/{}", name_of(path)),
        &mapping(collection),
    )
}

fn name_of(p: &Path) -> String {
    p.file_name().unwrap().to_string_lossy().into_owned()
}

/// The model with every text's markup written canonically: two documents are the same
/// when their content is, however their sources spell the markup.
fn canonical(doc: &Document) -> Document {
    doc.map_texts(|t| folio::markup_write::text(t.inlines()))
}

fn to_tei(doc: &Document) -> String {
    let out = folio::writers::write(folio::writers::Format::Tei, doc, &Style::default()).unwrap();
    String::from_utf8(out.bytes).unwrap()
}

#[test]
fn every_corpus_file_reads_with_the_expected_warnings() {
    let mut report = String::new();
    for (collection, path) in corpus() {
        let read = read_corpus(&collection, &path);
        assert!(!read.document.content.is_empty());
        report.push_str(&format!("== {collection}/{}\n", name_of(&path)));
        for w in &read.warnings {
            report.push_str(&format!("{w}\n"));
        }
    }
    common::golden(&root().join("tests/golden/tei-warnings.txt"), &report);
}

#[test]
fn samples_round_trip_through_tei_to_the_same_model() {
    for sample in samples().into_iter().chain([
        root().join("samples/long/long-report-1925.toml"),
        root().join("tests/fixtures/table.toml"),
    ]) {
        let doc = folio::read::read_file(&sample).unwrap().document;
        let tei = to_tei(&doc);
        let back = read_tei(&tei, &format!("{}.xml", doc.id), &Mapping::default());
        assert_eq!(
            canonical(&back.document),
            canonical(&doc),
            "{}: folio → TEI → folio changed the model",
            sample.display()
        );
    }
}

#[test]
fn corpus_round_trips_are_stable_after_the_first_pass() {
    for (collection, path) in corpus() {
        let first = read_corpus(&collection, &path).document;
        let name = format!("{}.xml", first.id);
        let second = read_tei(&to_tei(&first), &name, &Mapping::default()).document;
        assert_eq!(
            canonical(&second),
            canonical(&first),
            "{collection}/{}: TEI → folio → TEI → folio differs from the first reading",
            name_of(&path)
        );
        let third = read_tei(&to_tei(&second), &name, &Mapping::default()).document;
        assert_eq!(canonical(&third), canonical(&second));
    }
}

#[test]
fn tei_output_is_valid_against_tei_all() {
    let dir = tempdir();
    let mut files = vec![];
    let mut docs: Vec<Document> = samples()
        .iter()
        .map(|s| folio::read::read_file(s).unwrap().document)
        .collect();
    docs.extend(corpus().iter().map(|(c, p)| read_corpus(c, p).document));
    for doc in &docs {
        let p = dir.path().join(format!("{}.xml", doc.id));
        std::fs::write(&p, to_tei(doc)).unwrap();
        files.push(p);
    }
    let out = Command::new("jing")
        .arg(schema())
        .args(&files)
        .output()
        .expect("jing runs (apt-get install jing; scripts/deps/tei.apt)");
    assert!(
        out.status.success(),
        "jing finds folio's TEI invalid:\n{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

/// The words of a TEI file's text in reading order, the chosen reading of each choice,
/// notes, forme work, stamps and register data apart; and each note's words. Read with
/// roxmltree directly, not through folio's reader.
fn tei_words(path: &Path, spelling: Spelling) -> (Vec<String>, Vec<Vec<String>>) {
    let text = std::fs::read_to_string(path).unwrap();
    let xml = roxmltree::Document::parse(&text).unwrap();
    let tei = "http://www.tei-c.org/ns/1.0";
    let body = xml
        .descendants()
        .find(|n| n.has_tag_name((tei, "body")))
        .expect("a body");
    fn walk(n: roxmltree::Node, spelling: Spelling, main: &mut String, notes: &mut Vec<String>) {
        let tei = "http://www.tei-c.org/ns/1.0";
        for c in n.children() {
            if c.is_text() {
                main.push_str(c.text().unwrap_or(""));
                continue;
            }
            if !c.is_element() {
                continue;
            }
            let name = c.tag_name().name();
            let is_tei = c.tag_name().namespace() == Some(tei);
            if is_tei {
                match name {
                    "note" => {
                        let mut s = String::new();
                        walk(c, spelling, &mut s, notes);
                        notes.push(s);
                        continue;
                    }
                    "fw" | "stamp" | "figure" | "pb" | "cb" | "listPerson" | "listPlace"
                    | "listOrg" | "listBibl" | "listEvent" => continue,
                    "seg" if c.attribute("type") == Some("letterhead") => continue,
                    "ref"
                        if c.attribute("target")
                            .is_some_and(|t| t.starts_with("#note")) =>
                    {
                        continue
                    }
                    "choice" => {
                        let want: &[&str] = match spelling {
                            Spelling::Original => &["orig", "sic", "abbr"],
                            Spelling::Regularized => &["reg", "corr", "expan"],
                        };
                        if let Some(k) = c
                            .children()
                            .find(|k| want.iter().any(|w| k.has_tag_name((tei, *w))))
                        {
                            walk(k, spelling, main, notes);
                        }
                        continue;
                    }
                    "lb" if c.attribute("break") == Some("no") => continue,
                    "lb" => {
                        // A hyphen at the line's end joins the word across it, as the
                        // editions' text does once their line-end hyphens are joined.
                        let kept = main.trim_end().len();
                        main.truncate(kept);
                        if main.ends_with('-') {
                            main.pop();
                            main.push(JOIN);
                        } else {
                            main.push(' ');
                        }
                        continue;
                    }
                    _ => {}
                }
            }
            let inline = is_tei
                && !matches!(
                    name,
                    "p" | "ab"
                        | "l"
                        | "div"
                        | "head"
                        | "opener"
                        | "closer"
                        | "salute"
                        | "signed"
                        | "dateline"
                        | "address"
                        | "addrLine"
                        | "item"
                        | "list"
                        | "postscript"
                        | "lb"
                        | "cell"
                        | "row"
                        | "table"
                        | "lg"
                        | "trailer"
                        | "space"
                );
            if !inline {
                main.push(' ');
            }
            walk(c, spelling, main, notes);
            let kept = main.trim_end().len();
            if name == "l" && main[..kept].ends_with('-') {
                // A manuscript line ending in a hyphen: the word goes on in the next.
                main.truncate(kept - 1);
                main.push(JOIN);
            } else if !inline {
                main.push(' ');
            }
        }
    }
    let mut main = String::new();
    let mut notes = vec![];
    walk(body, spelling, &mut main, &mut notes);
    let joined = |s: &str| {
        let mut out = String::new();
        for (k, part) in s.split(JOIN).enumerate() {
            out.push_str(if k == 0 { part } else { part.trim_start() });
        }
        words(&out)
    };
    (joined(&main), notes.iter().map(|n| joined(n)).collect())
}

/// Marks where a hyphenated word goes on after a line break.
const JOIN: char = '\u{E010}';

/// The words of a text in canonical composition (NFC): sources mix "ü" and "u" with a
/// combining diaeresis, and a PDF's text may give either for one glyph.
fn words(s: &str) -> Vec<String> {
    use unicode_normalization::UnicodeNormalization;
    // Raised and lowered digits as plain ones: pandoc writes note numbers ("Дм²⁵") and
    // a source's ½ with them.
    let s: String = s
        .nfc()
        .map(|c| match "⁰¹²³⁴⁵⁶⁷⁸⁹".chars().position(|d| d == c) {
            Some(k) => char::from(b'0' + k as u8),
            None => match "₀₁₂₃₄₅₆₇₈₉".chars().position(|d| d == c) {
                Some(k) => char::from(b'0' + k as u8),
                None => c,
            },
        })
        .collect();
    s.split(|c: char| !(c.is_alphanumeric() || c == '\u{301}'))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Where `w` ends in `found` from `from`: a word may come in pieces (letter-spaced,
/// hyphenated, a supplied part in brackets) and a note number may stick to it.
fn find_word(w: &str, found: &[String], from: usize, reach: usize) -> Option<usize> {
    for start in from..found.len() {
        let mut acc = String::new();
        let mut k = start;
        while k < found.len() {
            let piece = &found[k];
            // A note number the edition sets inside a word (after an insertion in the
            // margin) is no part of it.
            let number = common::is_note_mark(piece);
            if number && !acc.is_empty() && !w[acc.len()..].starts_with(piece.as_str()) {
                k += 1;
                continue;
            }
            let before = acc.len();
            acc.push_str(piece);
            let glued = acc.strip_prefix(w).is_some_and(common::is_note_mark);
            if acc == w || glued {
                return Some(k + 1);
            }
            if !w.starts_with(acc.as_str()) {
                // A word hyphenated across a page turn goes on after the page's notes
                // and running head: look `reach` pieces ahead for its rest.
                acc.truncate(before);
                let rest = &w[before..];
                let ahead = (before > 0)
                    .then(|| {
                        (k + 1..(k + 1 + reach).min(found.len()))
                            .find(|&j| rest.starts_with(found[j].as_str()))
                    })
                    .flatten();
                match ahead {
                    Some(j) => {
                        k = j;
                        continue;
                    }
                    None => break,
                }
            }
            k += 1;
        }
    }
    None
}

fn assert_in_order(expected: &[String], found: &[String], what: &str) {
    // Only a PDF turns pages inside words; other editions' words are whole or adjacent.
    let reach = if what.contains(".pdf") { 400 } else { 0 };
    let mut at = 0;
    for (i, w) in expected.iter().enumerate() {
        match find_word(w, found, at, reach) {
            Some(next) => at = next,
            None => panic!(
                "{what}: word {i} `{w}` is missing or out of order (after {:?}); next found: {:?}",
                &expected[i.saturating_sub(4)..i],
                found.iter().skip(at).take(12).collect::<Vec<_>>()
            ),
        }
    }
}

/// The corpus copied collection by collection with its mapping beside it, as a user lays
/// out a collection (the corpus itself is read-only).
fn corpus_copy(dir: &Path) -> Vec<(String, PathBuf)> {
    let mut out = vec![];
    for (collection, path) in corpus() {
        let d = dir.join(&collection);
        std::fs::create_dir_all(&d).unwrap();
        if let Some(m) = mapping_file(&collection) {
            std::fs::copy(m, d.join("tei-mapping.toml")).unwrap();
        }
        let copy = d.join(name_of(&path));
        std::fs::copy(&path, &copy).unwrap();
        out.push((collection, copy));
    }
    out
}

#[test]
fn every_corpus_file_checks_and_exports_every_edition_with_every_word_in_order() {
    let dir = tempdir();
    let input = dir.path().join("in");
    let files = corpus_copy(&input);
    let out_dir = dir.path().join("out");
    let report = dir.path().join("report.json");
    let status = folio()
        .args(["check"])
        .args(files.iter().map(|(_, p)| p))
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "folio check: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    let status = folio()
        .arg("export")
        .arg(&input)
        .args(["--to", "all", "--mirror", "-q", "--out-dir"])
        .arg(&out_dir)
        .arg("--report")
        .arg(&report)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "folio export of the corpus: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(report["totals"]["ok"], files.len());
    assert!(report["totals"]["tei_unmapped"].as_u64().unwrap() > 0);
    for (collection, path) in &files {
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let base = out_dir.join(collection).join(&stem);
        let (main, notes) = tei_words(path, Spelling::Original);
        assert!(main.len() > 20, "{stem}: too few words");
        let editions = [
            (
                "txt",
                std::fs::read_to_string(base.with_extension("txt")).unwrap(),
            ),
            (
                "pdf",
                reader(
                    "pdftotext",
                    &["-raw", base.with_extension("pdf").to_str().unwrap(), "-"],
                ),
            ),
            (
                "docx",
                reader(
                    "pandoc",
                    &[
                        "-t",
                        "plain",
                        "--wrap=none",
                        base.with_extension("docx").to_str().unwrap(),
                    ],
                ),
            ),
            (
                "epub",
                reader(
                    "pandoc",
                    &[
                        "-t",
                        "plain",
                        "--wrap=none",
                        base.with_extension("epub").to_str().unwrap(),
                    ],
                ),
            ),
        ];
        for (format, text) in &editions {
            // A line-end hyphen stays a split: find_word joins pieces, and a hyphen of the
            // source (a URL broken after its own "-") must not glue two words.
            let found = words(text);
            let what = format!("{collection}/{stem}.{format}");
            assert_in_order(&main, &found, &what);
            for (k, note) in notes.iter().enumerate() {
                if *format == "pdf" {
                    // A long note may run on at the foot of the next page, after that
                    // page's text, a word hyphenated across the turn: each word is there,
                    // whole or as the end of one piece and the start of a later one.
                    let squashed: String = found.concat();
                    for w in note {
                        let split = w.char_indices().skip(1).any(|(i, _)| {
                            found.iter().any(|p| {
                                p.trim_end_matches(|c: char| c.is_ascii_digit())
                                    .ends_with(&w[..i])
                            }) && found.iter().any(|p| p.starts_with(&w[i..]))
                        });
                        assert!(
                            squashed.contains(w.as_str()) || split,
                            "{what}, note {k}: `{w}` is missing"
                        );
                    }
                } else {
                    assert_in_order(note, &found, &format!("{what}, note {k}"));
                }
            }
        }
        assert!(base.with_extension("tei.xml").exists());
    }
}

/// Replaces each choice in TEI text by one reading and returns the words, with the list
/// of (original, regularized) word pairs that differ.
fn choice_pairs(path: &Path) -> Vec<(Vec<String>, Vec<String>)> {
    let text = std::fs::read_to_string(path).unwrap();
    let xml = roxmltree::Document::parse(&text).unwrap();
    let tei = "http://www.tei-c.org/ns/1.0";
    let reading = |c: roxmltree::Node, name: &str| {
        c.children()
            .find(|k| k.has_tag_name((tei, name)))
            .map(|k| {
                words(
                    &k.descendants()
                        .filter(|d| d.is_text())
                        .map(|d| d.text().unwrap_or(""))
                        .collect::<String>(),
                )
            })
            .unwrap_or_default()
    };
    xml.descendants()
        .filter(|n| n.has_tag_name((tei, "choice")))
        .filter(|c| {
            !c.ancestors()
                .skip(1)
                .any(|a| a.has_tag_name((tei, "choice")))
        })
        .map(|c| {
            // Only the words that differ: "противномъ-же" / "противном же" differ in one.
            let (mut o, mut r) = (reading(c, "orig"), reading(c, "reg"));
            while !o.is_empty() && o.last() == r.last() {
                o.pop();
                r.pop();
            }
            while !o.is_empty() && o.first() == r.first() {
                o.remove(0);
                r.remove(0);
            }
            (o, r)
        })
        .filter(|(o, r)| o != r)
        .collect()
}

/// The differing stretches of two word lists (longest common subsequence).
fn hunks(a: &[String], b: &[String]) -> Vec<(Vec<String>, Vec<String>)> {
    let (n, m) = (a.len(), b.len());
    let mut l = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            l[i][j] = if a[i] == b[j] {
                l[i + 1][j + 1] + 1
            } else {
                l[i + 1][j].max(l[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = vec![];
    let mut cur: (Vec<String>, Vec<String>) = (vec![], vec![]);
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            if !cur.0.is_empty() || !cur.1.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            i += 1;
            j += 1;
        } else if j < m && (i == n || l[i][j + 1] >= l[i + 1][j]) {
            cur.1.push(b[j].clone());
            j += 1;
        } else {
            cur.0.push(a[i].clone());
            i += 1;
        }
    }
    if !cur.0.is_empty() || !cur.1.is_empty() {
        out.push(cur);
    }
    out
}

#[test]
fn pre_reform_and_regularized_editions_differ_exactly_in_the_chosen_readings() {
    let dir = tempdir();
    let files = corpus_copy(dir.path());
    let (_, letter) = files
        .iter()
        .find(|(_, p)| name_of(p) == "v59_063_N_A_Nekrasovu.xml")
        .unwrap();
    let style = dir.path().join("regularized.style.toml");
    std::fs::write(&style, "spelling = \"regularized\"\n").unwrap();
    let mut editions = vec![];
    for style_arg in [None, Some(&style)] {
        let out = dir.path().join(format!("{}.txt", editions.len()));
        let mut c = folio();
        c.arg("export").arg(letter).arg("-o").arg(&out);
        if let Some(s) = style_arg {
            c.arg("--style").arg(s);
        }
        let status = c.output().unwrap();
        assert!(
            status.status.success(),
            "{}",
            String::from_utf8_lossy(&status.stderr)
        );
        editions.push(words(&std::fs::read_to_string(&out).unwrap()));
    }
    let mut pool = choice_pairs(letter);
    assert!(
        pool.len() > 50,
        "the letter has 82 choices, {} differ",
        pool.len()
    );
    let expected = pool.len();
    let mut consumed = 0;
    for (mut a, mut b) in hunks(&editions[0], &editions[1]) {
        while !a.is_empty() || !b.is_empty() {
            let k = pool
                .iter()
                .position(|(o, r)| {
                    a.starts_with(o) && b.starts_with(r) && !(o.is_empty() && r.is_empty())
                })
                .unwrap_or_else(|| {
                    panic!("the editions differ in {a:?} / {b:?}, which is no choice of the source")
                });
            let (o, r) = pool.remove(k);
            a.drain(..o.len());
            b.drain(..r.len());
            consumed += 1;
        }
    }
    assert_eq!(
        consumed, expected,
        "choices whose readings the editions do not show: {pool:?}"
    );
}

#[test]
fn convert_writes_a_transcription_that_reads_back_the_same() {
    let dir = tempdir();
    let files = corpus_copy(dir.path());
    for (_, path) in files
        .iter()
        .filter(|(c, _)| c == "tolstoy" || c == "schnitzler")
    {
        let toml = dir.path().join(format!(
            "{}.toml",
            path.file_stem().unwrap().to_string_lossy()
        ));
        let status = folio()
            .arg("convert")
            .arg(path)
            .arg("-o")
            .arg(&toml)
            .output()
            .unwrap();
        assert!(
            status.status.success(),
            "{}",
            String::from_utf8_lossy(&status.stderr)
        );
        let from_tei = folio::read::read_file(path).unwrap().document;
        let from_toml = folio::read::read_file(&toml).unwrap().document;
        assert_eq!(from_toml, from_tei, "{}", path.display());
    }
}

#[test]
fn choices_are_written_in_folio_markup_and_resolved_per_spelling() {
    let t: folio::markup::Text = "[іюля]{.orig}[июля]{.reg} 1852"
        .to_string()
        .try_into()
        .unwrap();
    assert!(matches!(t.inlines()[0], Inline::Choice { .. }));
    let orig = folio::shared::spelling::resolve(t.inlines(), Spelling::Original);
    let reg = folio::shared::spelling::resolve(t.inlines(), Spelling::Regularized);
    assert_eq!(folio::markup::plain_text(&orig), "іюля 1852");
    assert_eq!(folio::markup::plain_text(&reg), "июля 1852");
    let lone: Result<folio::markup::Text, _> = "[іюля]{.orig} 1852".to_string().try_into();
    assert!(lone.unwrap_err().message.contains("side by side"));
}

fn check_file(name: &str, bytes: &[u8]) -> (i32, String) {
    let dir = tempdir();
    let p = dir.path().join(name);
    std::fs::write(&p, bytes).unwrap();
    let out = folio().arg("check").arg(&p).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn hostile_xml_gets_a_clear_error_and_never_reads_outside_the_input() {
    let tei = |body: &str| {
        format!("<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><teiHeader><fileDesc><titleStmt><title>x</title></titleStmt></fileDesc></teiHeader><text><body>{body}</body></text></TEI>")
    };
    let laughs = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE TEI [\n<!ENTITY a \"aaaaaaaaaa\">\n<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">\n]>\n{}",
        tei("<p>&d;&d;&d;&d;</p>")
    );
    let (code, err) = check_file("laughs.xml", laughs.as_bytes());
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("laughs.xml:2:") && err.contains("DTD"),
        "{err}"
    );

    let secret = tempdir();
    let secret_file = secret.path().join("secret.txt");
    std::fs::write(&secret_file, "TOP-SECRET-CONTENT").unwrap();
    let external = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE TEI [<!ENTITY x SYSTEM \"file://{}\">]>\n{}",
        secret_file.display(),
        tei("<p>&x;</p>")
    );
    let (code, err) = check_file("external.xml", external.as_bytes());
    assert_eq!(code, 1, "{err}");
    assert!(!err.contains("TOP-SECRET"), "{err}");
    let plain_entity = tei("<p>&x;</p>");
    let (code, err) = check_file("entity.xml", plain_entity.as_bytes());
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("entity.xml:1:") && err.contains("hint:"),
        "{err}"
    );

    let deep = tei(&format!(
        "<p>{}x{}</p>",
        "<hi>".repeat(10_000),
        "</hi>".repeat(10_000)
    ));
    let (code, err) = check_file("deep.xml", deep.as_bytes());
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("nest more than"), "{err}");

    let mut bad = tei("<p>Gruß</p>").into_bytes();
    let at = bad.windows(2).position(|w| w == "ß".as_bytes()).unwrap();
    bad[at] = 0xff;
    let (code, err) = check_file("utf8.xml", &bad);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("utf8.xml:1:") && err.contains("UTF-8"),
        "{err}"
    );

    let big = tei(&format!("<p>{}</p>", "a".repeat(100 * 1024 * 1024)));
    let (code, err) = check_file("big.xml", big.as_bytes());
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("larger than the 16 MiB"), "{err}");

    let (code, err) = check_file("broken.xml", tei("<p>open").as_bytes());
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("broken.xml:1:") && err.contains("not well-formed"),
        "{err}"
    );

    let (code, err) = check_file("html.xml", b"<html><body/></html>");
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("not TEI"), "{err}");
}

#[test]
fn the_tei_reference_renders_are_committed_small_with_their_sources() {
    let sources = std::fs::read_to_string(root().join("tests/reference/TEI-SOURCES.md")).unwrap();
    for name in ["tei-tolstoy-nekrasov.png", "tei-alter-rebbe-084.png"] {
        let bytes = std::fs::read(root().join("tests/reference").join(name)).unwrap();
        assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "{name} is a PNG");
        assert!(bytes.len() < 50 * 1024, "{name}: {} bytes", bytes.len());
        assert!(sources.contains(name), "TEI-SOURCES.md names {name}");
    }
}

/// The inline marks of a document's first text block, each as its kind.
fn marks_of(inlines: &[Inline], out: &mut Vec<String>) {
    for i in inlines {
        let kind = match i {
            Inline::Italic(_) => "italic",
            Inline::Bold(_) => "bold",
            Inline::Underline { double: false, .. } => "underline",
            Inline::Superscript(_) => "superscript",
            _ => "",
        };
        if !kind.is_empty() {
            out.push(format!(
                "{kind}:{}",
                folio::markup::plain_text(i.children())
            ));
        }
        marks_of(i.children(), out);
    }
}

#[test]
fn hi_italic_bold_underline_and_superscript_are_marks_both_ways_and_in_every_edition() {
    let tei = "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><teiHeader><fileDesc><titleStmt><title>Brief</title></titleStmt></fileDesc></teiHeader><text><body><p>Ein <hi rend=\"italic\">Titel</hi>, ein <hi rend=\"bold\">Wort</hi>, <hi rend=\"underline\">unterstrichen</hi>, der 1<hi rend=\"sup\">te</hi> und <hi rend=\"i\">kursiv <hi rend=\"b\">fett</hi></hi>.</p></body></text></TEI>";
    let read = read_tei(tei, "hi.xml", &Mapping::default());
    assert!(
        !read.warnings.iter().any(|w| w.message.contains("rend")),
        "every value is mapped: {:?}",
        read.warnings
    );
    let doc = read.document;
    let first = |d: &Document| {
        let mut out = Vec::new();
        for b in &d.content {
            for t in b.texts() {
                marks_of(t.inlines(), &mut out);
            }
        }
        out
    };
    let expected = [
        "italic:Titel",
        "bold:Wort",
        "underline:unterstrichen",
        "superscript:te",
        "italic:kursiv fett",
        "bold:fett",
    ];
    assert_eq!(first(&doc), expected);
    // folio's markup writes them as spans and reads them back.
    let markup = folio::markup_write::text(doc.content[0].texts()[0].inlines());
    let markup = markup.source();
    assert!(
        markup.contains("[Titel]{.italic}") && markup.contains("[Wort]{.bold}"),
        "{markup}"
    );
    // TEI out has them as hi, and reads back to the same model.
    let out = to_tei(&doc);
    for needle in [
        "<hi rend=\"italic\">Titel</hi>",
        "<hi rend=\"bold\">Wort</hi>",
        "<hi rend=\"underline\">unterstrichen</hi>",
        "<hi rend=\"superscript\">te</hi>",
    ] {
        assert!(out.contains(needle), "TEI out has {needle}: {out}");
    }
    let again = read_tei(&out, "hi-out.xml", &Mapping::default()).document;
    assert_eq!(first(&again), expected);
    // The editions: the PDF sets the italic and bold faces, the DOCX has their character
    // styles, the EPUB <i> and <b>.
    let dir = tempdir();
    let input = dir.path().join("hi.xml");
    std::fs::write(&input, tei).unwrap();
    let o = folio()
        .args([
            "export",
            input.to_str().unwrap(),
            "--to",
            "pdf,docx,epub,txt",
            "--out-dir",
            dir.path().to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let fonts = reader("pdffonts", &[dir.path().join("hi.pdf").to_str().unwrap()]);
    for face in ["PTSerif-Italic", "PTSerif-Bold"] {
        assert!(fonts.contains(face), "the PDF uses {face}: {fonts}");
    }
    let xml = reader(
        "unzip",
        &[
            "-p",
            dir.path().join("hi.docx").to_str().unwrap(),
            "word/document.xml",
        ],
    );
    for style in ["ItalicInOriginal", "BoldInOriginal"] {
        assert!(
            xml.contains(&format!("<w:rStyle w:val=\"{style}\"/>")),
            "{style}: {xml}"
        );
    }
    let md = reader(
        "pandoc",
        &[
            dir.path().join("hi.epub").to_str().unwrap(),
            "-t",
            "markdown",
        ],
    );
    assert!(md.contains("*Titel*") && md.contains("**Wort**"), "{md}");
    let text = std::fs::read_to_string(dir.path().join("hi.txt")).unwrap();
    assert!(text.contains("Ein Titel, ein Wort,"), "{text}");
}

#[test]
fn a_tei_table_is_a_tagged_table_in_the_pdf() {
    let tei = "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><teiHeader><fileDesc><titleStmt><title>Liste</title></titleStmt></fileDesc></teiHeader><text><body><p>Anwesend:</p><table><row role=\"label\"><cell>Name</cell><cell>Ort</cell></row><row><cell>Schnitzler</cell><cell>Wien</cell></row><row><cell>Kafka</cell><cell>Prag</cell></row></table></body></text></TEI>";
    let dir = tempdir();
    let input = dir.path().join("liste.xml");
    std::fs::write(&input, tei).unwrap();
    let pdf = dir.path().join("liste.pdf");
    let o = folio()
        .args([
            "export",
            input.to_str().unwrap(),
            "-o",
            pdf.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // qpdf writes each structure element as an object of its own: count them by type.
    let qdf = reader(
        "qpdf",
        &[
            "--qdf",
            "--object-streams=disable",
            pdf.to_str().unwrap(),
            "-",
        ],
    );
    let count = |s: &str| {
        qdf.lines()
            .filter(|l| l.trim() == format!("/S /{s}"))
            .count()
    };
    assert_eq!(
        [count("Table"), count("TR"), count("TH"), count("TD")],
        [1, 3, 2, 4],
        "Table, a TR per row, a TH per label cell, a TD per other cell"
    );
    assert_eq!(
        qdf.matches("/Scope /Column").count(),
        2,
        "each TH names its column"
    );
    let text = reader("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    for w in ["Name", "Ort", "Schnitzler", "Wien", "Kafka", "Prag"] {
        assert!(text.contains(w), "{w}: {text}");
    }
}

/// The reader keeps the inlines it builds beside their written source without parsing the
/// source again when their shape reads back the same (markup_write::text): every text of
/// every corpus file, in both spellings' source, must parse to exactly its inlines.
#[test]
fn every_text_read_from_tei_parses_back_to_its_inlines() {
    let mut texts = 0;
    for (collection, path) in corpus() {
        let doc = read_corpus(&collection, &path).document;
        for (_, text) in doc.texts() {
            let parsed = folio::markup::parse(text.source())
                .unwrap_or_else(|e| panic!("{}: {e}: {}", path.display(), text.source()));
            assert_eq!(
                parsed,
                text.inlines(),
                "{}: the source {:?} does not parse to the inlines kept",
                path.display(),
                text.source()
            );
            texts += 1;
        }
    }
    assert!(texts > 500, "only {texts} texts read");
}

//! The PDF edition, checked with real readers: poppler's pdffonts and pdftotext, and qpdf.
//! Every sample in samples/ (and the long sample) in both presets.

mod common;

use folio::model::Document;
use folio::style::Style;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every sample: the four in samples/ and the long one.
fn samples() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join("samples"))
        .expect("samples/ is readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    v.sort();
    assert!(v.len() >= 4, "expected the four samples, found {v:?}");
    v.push(root().join("samples/long/long-report-1925.toml"));
    v
}

fn read(path: &Path) -> Document {
    folio::read::read_file(path)
        .unwrap_or_else(|e| panic!("{} does not read: {e:?}", path.display()))
        .document
}

/// Runs a reader program; a missing program fails the test with a clear message.
fn run(program: &str, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| {
            panic!("`{program}` is needed to check the PDF edition (run scripts/deps.sh): {e}")
        });
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Exports `input` with the binary; returns the PDF's path.
fn export(input: &Path, preset: &str, dir: &Path) -> PathBuf {
    let stem = input.file_stem().and_then(|s| s.to_str()).unwrap_or("x");
    let out = dir.join(format!("{stem}-{preset}.pdf"));
    let status = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["export", "--preset", preset, "-o"])
        .arg(&out)
        .arg(input)
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .status()
        .expect("the folio binary runs");
    assert!(status.success(), "export of {} failed", input.display());
    out
}

/// Text as pdftotext gives it, with white space collapsed, line-end hyphens joined and the
/// editor's square brackets (supplied letters: "Пет[ербургск]аго") dropped.
fn normalized(text: &str) -> String {
    // Blank lines go, so a hyphen at a line end meets the rest of its word.
    let kept: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let t = kept.join("\n").replace("-\n", "").replace(['[', ']'], "");
    // "№ 1" has a thin no-break space, narrower than pdftotext's word gap.
    join_spaced(&t.split_whitespace().collect::<Vec<_>>().join(" "))
        .replace("№", "№ ")
        .replace("№  ", "№ ")
}

/// Joins runs of single letters ("в е с ь м а"): pdftotext reads a letter-spaced word by
/// its gaps, letter by letter (the structure tree has the word; poppler misplaces an
/// /ActualText span drawn under krilla's flipped text matrix, so none is written).
fn join_spaced(t: &str) -> String {
    let words: Vec<&str> = t.split(' ').collect();
    let mut out: Vec<String> = Vec::new();
    let mut k = 0;
    while k < words.len() {
        // A letter, or the last letter with its punctuation ("и:").
        let single = |w: &str| {
            let mut c = w.chars();
            c.next().is_some_and(char::is_alphabetic) && c.all(|x| x.is_ascii_punctuation())
        };
        let mut j = k;
        while j < words.len() && single(words[j]) {
            j += 1;
        }
        if j - k >= 3 {
            out.push(words[k..j].concat());
            k = j;
        } else {
            out.push(words[k].to_string());
            k += 1;
        }
    }
    out.join(" ")
}

fn pdftotext(pdf: &Path, page: Option<usize>) -> String {
    let p = pdf.to_str().expect("utf-8 path");
    let (ok, out, err) = match page {
        Some(n) => {
            let n = n.to_string();
            run("pdftotext", &["-f", &n, "-l", &n, p, "-"])
        }
        None => run("pdftotext", &[p, "-"]),
    };
    assert!(ok, "pdftotext failed on {p}: {err}");
    out
}

/// Asserts `words` occur in `text` in this order.
fn assert_in_order(text: &str, words: &[String], what: &str) {
    let mut at = 0;
    for (k, w) in words.iter().enumerate() {
        match text[at..].find(w.as_str()) {
            Some(i) => at += i + w.len(),
            None => {
                let before = &words[k.saturating_sub(5)..k];
                panic!(
                    "{what}: word {k} `{w}` not found in order (after {before:?}); text from there: {:?}",
                    text[at..].chars().take(300).collect::<String>()
                );
            }
        }
    }
}

#[test]
fn every_sample_embeds_subset_fonts_passes_qpdf_and_extracts_every_word() {
    let dir = tempfile::tempdir().expect("temp dir");
    for input in samples() {
        let doc = read(&input);
        for preset in ["edition", "handout"] {
            let pdf = export(&input, preset, dir.path());
            let p = pdf.to_str().expect("utf-8 path");
            let what = format!("{} ({preset})", input.display());
            let (ok, out, err) = run("qpdf", &["--check", p]);
            assert!(ok, "{what}: qpdf --check failed: {out}{err}");
            let (ok, fonts, err) = run("pdffonts", &[p]);
            assert!(ok, "{what}: pdffonts failed: {err}");
            let rows: Vec<&str> = fonts.lines().skip(2).collect();
            assert!(!rows.is_empty(), "{what}: no fonts listed");
            for row in rows {
                let cols: Vec<&str> = row.split_whitespace().collect();
                // name type... encoding emb sub uni object ID
                let n = cols.len();
                assert!(n >= 7, "{what}: odd pdffonts row {row}");
                assert_eq!(
                    (cols[n - 5], cols[n - 4], cols[n - 3]),
                    ("yes", "yes", "yes"),
                    "{what}: a font is not embedded, subset and mapped: {row}"
                );
                assert!(cols[0].contains('+'), "{what}: no subset tag: {row}");
            }
            // Line and page numbers are artifacts, which pdftotext extracts all the same.
            let raw = pdftotext(&pdf, None);
            let body: Vec<String> = raw
                .lines()
                .filter(|l| l.trim().is_empty() || !l.trim().chars().all(|c| c.is_ascii_digit()))
                .map(|l| {
                    // pdftotext joins a word hyphenated at a line end, dropping the hyphen,
                    // with what it reads next — in the handout, the line number in the
                    // margin: "всемирно-исто25" is "всемирно-исто-" and a line number.
                    let t = l.trim_end().trim_end_matches(|c: char| c.is_ascii_digit());
                    let digits = &l.trim_end()[t.len()..];
                    let letter = t.chars().last().is_some_and(char::is_alphabetic);
                    if letter && digits.parse::<u32>().is_ok_and(|n| n % 5 == 0) {
                        format!("{t}-")
                    } else {
                        l.to_string()
                    }
                })
                .collect();
            let text = normalized(&body.join("\n"));
            // A mark in the right margin reads after the column beside it (a reader takes
            // the column first): its words are checked apart from the order.
            let mut main = doc.clone();
            let mut margin = main.clone();
            main.content.retain(|b| !is_right_margin(b));
            // Footnotes stand at the foot of their pages, amid the text: each is checked in
            // its own order.
            main.notes.clear();
            for note in &doc.notes {
                let words = common::note_words(note);
                assert_in_order(&text, &words, &format!("{what}, note {}", note.id));
            }
            margin.content.retain(is_right_margin);
            margin.notes.clear();
            // A signature's role (left) and name (right) are two columns to pdftotext,
            // which reads the roles, then the names (the structure tree reads each
            // signature whole): every word must be there, the order is not checked.
            for b in main.content.iter_mut() {
                if let folio::model::Block::Closer(c) = b {
                    for sig in std::mem::take(&mut c.signatures) {
                        let mut words = folio::markup::plain_text(sig.name.inlines());
                        if let Some(r) = &sig.role {
                            words = format!("{words} {}", folio::markup::plain_text(r.inlines()));
                        }
                        for w in words
                            .split(|c: char| !c.is_alphanumeric())
                            .filter(|w| !w.is_empty())
                        {
                            assert!(
                                text.contains(w),
                                "{what}: signature word `{w}` not extracted"
                            );
                        }
                    }
                }
            }
            let words = folio::shared::transcription_words(&main);
            assert!(words.len() > 10, "{what}: too few words");
            assert_in_order(&text, &words, &what);
            let title_words = folio::shared::transcription_words(&Document {
                content: vec![],
                notes: vec![],
                ..doc.clone()
            });
            let margin_words = &folio::shared::transcription_words(&margin)[title_words.len()..];
            for w in margin_words {
                assert!(
                    text.contains(w.as_str()),
                    "{what}: margin word `{w}` missing"
                );
            }
        }
    }
}

/// Marks read apart from the text's order by pdftotext: one in the right margin, and the
/// marks set in columns beside the address or in a row (pdftotext reads columns by
/// position; the structure tree, checked with pdf.js, has them in reading order).
fn is_right_margin(b: &folio::model::Block) -> bool {
    matches!(b, folio::model::Block::Mark(_))
}

#[test]
fn special_characters_survive_extraction() {
    let dir = tempfile::tempdir().expect("temp dir");
    let all: String = samples()
        .iter()
        .map(|s| pdftotext(&export(s, "edition", dir.path()), None))
        .collect();
    for (c, name) in [
        ('ѣ', "yat"),
        ('\u{301}', "stress mark"),
        ('«', "left guillemet"),
        ('»', "right guillemet"),
        ('№', "numero sign"),
    ] {
        assert!(all.contains(c), "pdftotext lost the {name} {c:?}");
    }
}

#[test]
fn two_exports_are_byte_identical() {
    let dir = tempfile::tempdir().expect("temp dir");
    for input in samples() {
        let a = std::fs::read(export(&input, "edition", dir.path())).expect("first export");
        let b_path = dir.path().join("again.pdf");
        let status = Command::new(env!("CARGO_BIN_EXE_folio"))
            .args(["export", "-o"])
            .arg(&b_path)
            .arg(&input)
            .env("SOURCE_DATE_EPOCH", "1700000000")
            .status()
            .expect("the folio binary runs");
        assert!(status.success());
        let b = std::fs::read(&b_path).expect("second export");
        assert!(a == b, "{}: two exports differ", input.display());
    }
}

#[test]
fn metadata_language_outline_and_dates() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pdf = export(
        &root().join("samples/zinoviev-1932-12-03.toml"),
        "edition",
        dir.path(),
    );
    let p = pdf.to_str().expect("utf-8 path");
    let (ok, info, err) = run("pdfinfo", &[p]);
    assert!(ok, "pdfinfo failed: {err}");
    let info = info
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        info.contains("Title: № 1. Письмо Г. Е. Зиновьева"),
        "{info}"
    );
    assert!(info.contains("Author: Г. Е. Зиновьев"), "{info}");
    assert!(info.contains("Keywords: РГАСПИ."), "{info}");
    // SOURCE_DATE_EPOCH=1700000000 is 2023-11-14 22:13:20 UTC.
    assert!(
        info.contains("2023"),
        "creation date not from SOURCE_DATE_EPOCH: {info}"
    );
    let (ok, qdf, err) = run("qpdf", &["--qdf", "--object-streams=disable", p, "-"]);
    assert!(ok, "qpdf failed: {err}");
    assert!(qdf.contains("/Lang (ru)"), "no /Lang");
    assert!(qdf.contains("/StructTreeRoot"), "no structure tree");
    assert!(
        qdf.contains("/Marked true"),
        "no /MarkInfo << /Marked true >>"
    );
    assert!(qdf.contains("/PageLabels"), "no page labels");
    assert!(qdf.contains("/Type /Outlines"), "no bookmarks");
    assert!(!qdf.contains("GTS_PDFX"), "a false PDF/X flag");
}

#[test]
fn the_long_sample_keeps_notes_with_their_references_and_has_no_widows_or_orphans() {
    let input = root().join("samples/long/long-report-1925.toml");
    let doc = read(&input);
    let style = Style::edition();
    let laid = folio::layout::layout_document(&doc, &style).expect("layout");
    assert!(
        laid.pages.len() >= 12,
        "the long sample has {} pages, fewer than 12",
        laid.pages.len()
    );
    // Widows and orphans, from the page model.
    for (n, page) in laid.pages.iter().enumerate() {
        if let Some(first) = page.lines.first() {
            assert!(
                !(first.count > 1 && first.index == first.count - 1),
                "page {}: a widow (last line of a paragraph alone at the top)",
                n + 1
            );
        }
        if let Some(last) = page.lines.last() {
            assert!(
                !(last.count > 1 && last.index == 0),
                "page {}: an orphan (first line of a paragraph alone at the foot)",
                n + 1
            );
        }
    }
    let pages_with_refs = laid.pages.iter().filter(|p| !p.refs.is_empty()).count();
    assert!(
        pages_with_refs >= 10,
        "notes on only {pages_with_refs} pages"
    );
    assert_notes_with_their_references(&input, "edition");
}

/// Every note starts at the foot of the page of its reference, in the page model and in
/// the PDF itself: the note's words stand on that page, with the word its reference
/// follows.
fn assert_notes_with_their_references(input: &Path, preset: &str) {
    let doc = read(input);
    let style = Style::load(Some(preset), None).expect("preset");
    let laid = folio::layout::layout_document(&doc, &style).expect("layout");
    for (n, page) in laid.pages.iter().enumerate() {
        for r in &page.refs {
            assert!(
                page.footnotes.contains(r),
                "{} ({preset}), page {}: note {r} is referenced but not set at the foot",
                input.display(),
                n + 1
            );
        }
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let pdf = export(input, preset, dir.path());
    let numbers = folio::shared::NoteNumbers::new(&doc, &style);
    let labels = folio::shared::Labels::for_language(&doc.language);
    let anchors = anchors(&doc);
    let mut checked = 0;
    for (n, page) in laid.pages.iter().enumerate() {
        let text = normalized(&pdftotext(&pdf, Some(n + 1)));
        for r in &page.refs {
            let entry = numbers
                .entries()
                .iter()
                .find(|e| e.number == *r)
                .expect("a numbered note");
            let body = folio::markup::plain_text(&entry.inlines(labels));
            let words: Vec<String> = body
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect();
            assert_in_order(
                &text,
                &words,
                &format!("{} ({preset}): note {r} on page {}", input.display(), n + 1),
            );
            if let Some(a) = anchors
                .iter()
                .find(|(id, _)| numbers.of_note(id) == Some(*r))
            {
                assert!(
                    text.contains(&a.1),
                    "page {}: the word `{}` before note {r}'s reference is not on the note's page",
                    n + 1,
                    a.1
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= doc.notes.len(), "only {checked} notes checked");
}

#[test]
fn every_sample_sets_each_note_on_the_page_of_its_reference_in_both_presets() {
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(root().join("samples"))
        .expect("samples")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    inputs.push(root().join("samples/long/long-report-1925.toml"));
    inputs.sort();
    assert!(inputs.len() >= 5, "samples: {inputs:?}");
    for input in &inputs {
        for preset in ["edition", "handout"] {
            assert_notes_with_their_references(input, preset);
        }
    }
}

/// For each editorial note reference, the word right before it.
fn anchors(doc: &Document) -> Vec<(String, String)> {
    use folio::markup::Inline;
    let mut out = Vec::new();
    for (_, text) in doc.texts() {
        let mut last = String::new();
        for inline in text.inlines() {
            match inline {
                Inline::Text(t) => {
                    if let Some(w) = t
                        .split(|c: char| !c.is_alphanumeric())
                        .rfind(|w| !w.is_empty())
                    {
                        last = w.to_string();
                    }
                }
                Inline::NoteRef(id) if !last.is_empty() => out.push((id.clone(), last.clone())),
                _ => {}
            }
        }
    }
    out
}

#[test]
fn a_character_missing_from_pt_serif_falls_back_and_warns_once() {
    let doc = read(&root().join("tests/fixtures/missing-glyph.toml"));
    let out = folio::writers::write(folio::writers::Format::Pdf, &doc, &Style::edition())
        .expect("the PDF is written");
    assert_eq!(
        out.warnings.len(),
        1,
        "one warning per document: {:?}",
        out.warnings
    );
    let w = &out.warnings[0].message;
    assert!(
        w.contains('ѫ') && w.contains("U+046B"),
        "the warning names the character: {w}"
    );
    assert!(w.contains("block 1"), "the warning says where: {w}");
    assert!(
        w.contains("DejaVu Serif"),
        "the warning names the fallback: {w}"
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let pdf = dir.path().join("m.pdf");
    std::fs::write(&pdf, &out.bytes).expect("write");
    let (ok, fonts, _) = run("pdffonts", &[pdf.to_str().expect("utf-8")]);
    assert!(
        ok && fonts.contains("DejaVuSerif"),
        "the fallback face is embedded: {fonts}"
    );
    let text = pdftotext(&pdf, None);
    assert!(text.contains("сѫдъ"), "the fallback glyph extracts: {text}");
    // The samples themselves need no fallback.
    let seed = read(&root().join("samples/zinoviev-1932-12-03.toml"));
    let out = folio::writers::write(folio::writers::Format::Pdf, &seed, &Style::edition())
        .expect("the seed PDF is written");
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
}

#[test]
fn names_dates_numbers_and_dashes_do_not_break() {
    let b = folio::shared::typography::bind;
    assert_eq!(b("тов. И. В. Сталин"), "тов.\u{a0}И.\u{a0}В.\u{a0}Сталин");
    assert_eq!(b("3 декабря 1932 г."), "3\u{a0}декабря 1932\u{a0}г.");
    assert_eq!(b("№ 5"), "№\u{a0}5");
    assert_eq!(b("слово — слово"), "слово\u{a0}— слово");
    assert_eq!(b("слово - слово"), "слово\u{a0}- слово");
    assert_eq!(b("в Москву"), "в\u{a0}Москву");
    assert_eq!(b("раз 2 года"), "раз 2 года");
}

#[test]
fn handout_numbers_lines_and_edition_has_running_heads() {
    let doc = read(&root().join("samples/long/long-report-1925.toml"));
    let laid = folio::layout::layout_document(&doc, &Style::handout()).expect("layout");
    let dir = tempfile::tempdir().expect("temp dir");
    let pdf = export(
        &root().join("samples/long/long-report-1925.toml"),
        "handout",
        dir.path(),
    );
    // Line numbers stand in the left margin of the page model, and stay out of the text.
    let numbers: Vec<String> = laid.pages[0]
        .items
        .iter()
        .filter_map(|it| match it {
            folio::layout::Item::Text { glyphs, .. }
                if glyphs.first().is_some_and(|g| g.x < 80.0) =>
            {
                Some(glyphs.iter().map(|g| &*g.text).collect::<String>())
            }
            _ => None,
        })
        .collect();
    assert!(
        numbers.contains(&"5".to_string()) && numbers.contains(&"10".to_string()),
        "no line numbers 5 and 10 in the handout's margin: {numbers:?}"
    );
    // Line numbers are artifacts: drawn, not part of the structure tree.
    let p = pdf.to_str().expect("utf-8 path");
    let (ok, qdf, err) = run("qpdf", &["--qdf", "--object-streams=disable", p, "-"]);
    assert!(ok, "qpdf failed: {err}");
    assert!(
        qdf.contains("/Artifact<</Type/Pagination/Subtype/LineNum>>BDC")
            || qdf.contains("/Artifact<</Type/Pagination"),
        "line numbers are not marked as artifacts"
    );
    assert!(laid.pages[0].width > 590.0, "the handout is A4");
    let edition = export(
        &root().join("samples/long/long-report-1925.toml"),
        "edition",
        dir.path(),
    );
    let page2 = pdftotext(&edition, Some(2));
    assert!(
        page2.contains("№ 12. Отчёт"),
        "no running head on page 2: {page2}"
    );
    let h2 = pdftotext(&pdf, Some(2));
    assert!(
        !h2.contains("№ 12. Отчёт"),
        "the handout has no running head"
    );
}

#[test]
fn a_volume_has_a_title_page_contents_and_every_document() {
    let (volume, _) =
        folio::volume::load(&root().join("tests/fixtures/volume.toml")).expect("the volume loads");
    let out = folio::writers::write_volume(folio::writers::Format::Pdf, &volume, &Style::edition())
        .expect("the volume is written");
    let dir = tempfile::tempdir().expect("temp dir");
    let pdf = dir.path().join("volume.pdf");
    std::fs::write(&pdf, &out.bytes).expect("write");
    let p = pdf.to_str().expect("utf-8");
    let (ok, o, e) = run("qpdf", &["--check", p]);
    assert!(ok, "qpdf --check: {o}{e}");
    let page1 = pdftotext(&pdf, Some(1));
    assert!(page1.contains("Документы folio"), "title page: {page1}");
    let page2 = normalized(&pdftotext(&pdf, Some(2)));
    assert!(page2.contains("Содержание"), "contents: {page2}");
    // The page's own number at its foot is not an entry's.
    let page2 = page2
        .strip_suffix(" 2")
        .expect("the contents page is numbered 2")
        .to_string();
    // Each document starts on the page the contents gives, under its number.
    let numbers: Vec<String> = volume
        .documents
        .iter()
        .map(|d| {
            folio::shared::number_line(d)
                .expect("numbered")
                .replace('\u{a0}', " ")
        })
        .collect();
    let starts: Vec<usize> = numbers
        .iter()
        .map(|n| {
            page2
                .find(&format!("{n}. "))
                .unwrap_or_else(|| panic!("{n} not in the contents"))
        })
        .collect();
    for (k, number) in numbers.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(page2.len());
        let entry = &page2[starts[k]..end];
        let page: usize = entry
            .split_whitespace()
            .filter_map(|w| w.parse().ok())
            .next_back()
            .unwrap_or_else(|| panic!("no page number in the entry {entry}"));
        let text = normalized(&pdftotext(&pdf, Some(page)));
        assert!(
            text.starts_with(number.as_str()),
            "page {page} does not open {number}: {text:.80}"
        );
    }
    // The preface and the list of abbreviations follow the contents.
    let page3 = normalized(&pdftotext(&pdf, Some(3)));
    assert!(
        page3.starts_with("Предисловие") && page3.contains("разрядка"),
        "preface: {page3}"
    );
    let page4 = normalized(&pdftotext(&pdf, Some(4)));
    assert!(
        page4.starts_with("Список сокращений") && page4.contains("РГАСПИ — Российский"),
        "abbreviations: {page4}"
    );
    // Bookmarks: title page, contents, preface, abbreviations, each document.
    let (_, qdf, _) = run("qpdf", &["--qdf", "--object-streams=disable", p, "-"]);
    assert!(
        qdf.contains(&format!("/Count {}", volume.documents.len() + 4)),
        "a bookmark per document"
    );
}

#[test]
fn a_note_too_long_for_its_page_continues_on_the_next() {
    let input = root().join("tests/fixtures/long-note.toml");
    let doc = read(&input);
    let laid = folio::layout::layout_document(&doc, &Style::edition()).expect("layout");
    let k = laid
        .pages
        .iter()
        .position(|p| p.refs.contains(&1))
        .expect("the note is referenced");
    assert!(
        laid.pages[k].footnotes.contains(&1),
        "the note starts on the page of its reference"
    );
    assert!(
        laid.pages
            .get(k + 1)
            .is_some_and(|p| p.footnotes.contains(&1)),
        "the note is continued on the next page"
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let pdf = export(&input, "edition", dir.path());
    let here = normalized(&pdftotext(&pdf, Some(k + 1)));
    let next = normalized(&pdftotext(&pdf, Some(k + 2)));
    assert!(
        here.contains("Часть 1 пространного"),
        "the note's start is on its page"
    );
    assert!(
        next.contains("Часть 45 пространного"),
        "the note's end is on the next page"
    );
    assert!(!here.contains("Часть 45 пространного"));
}

#[test]
fn no_line_of_any_sample_breaks_a_name_a_date_a_number_or_before_a_dash() {
    let dir = tempfile::tempdir().expect("temp dir");
    let months = folio::shared::Labels::for_language("ru").months_genitive;
    for input in samples() {
        // A bulleted list's dash opens its line; the line before may end in a word and a
        // lettered note mark ("Смирнов" + "а", which pdftotext reads as one word).
        let items: Vec<String> = read(&input)
            .content
            .iter()
            .filter_map(|b| match b {
                folio::model::Block::List(l) => Some(&l.items),
                _ => None,
            })
            .flatten()
            .map(|t| folio::markup::plain_text(t.inlines()))
            .collect();
        for preset in ["edition", "handout"] {
            let pdf = export(&input, preset, dir.path());
            let text = pdftotext(&pdf, None);
            let lines: Vec<&str> = text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect();
            for pair in lines.windows(2) {
                let (a, b) = (pair[0], pair[1]);
                let last = a.split_whitespace().next_back().unwrap_or("");
                let first = b.split_whitespace().next().unwrap_or("");
                let what = format!("{} ({preset}): `{a}` / `{b}`", input.display());
                let mut cs = last.chars();
                let initial = matches!((cs.next(), cs.next(), cs.next()), (Some(c), Some('.'), None) if c.is_uppercase());
                assert!(!initial, "a line ends with an initial: {what}");
                assert!(last != "№", "a line ends with №: {what}");
                // A dash after a word or comma opens no line (a list's dash may).
                let after_word = last.ends_with(|c: char| c.is_alphabetic() || c == ',');
                let item = b
                    .get(first.len()..)
                    .map(|rest| rest.trim_start().replace('\u{a0}', " "))
                    .is_some_and(|rest| {
                        items
                            .iter()
                            .any(|i| !rest.is_empty() && i.starts_with(rest.as_str()))
                    });
                assert!(
                    !(after_word && !item && matches!(first, "—" | "–" | "-")),
                    "a line starts with a dash: {what}"
                );
                let day = last.chars().all(|c| c.is_ascii_digit()) && last.len() <= 2;
                assert!(
                    !(day && months.contains(&first)),
                    "a day is parted from its month: {what}"
                );
                assert!(
                    !(last.chars().all(|c| c.is_ascii_digit())
                        && last.len() == 4
                        && first.starts_with("г.")),
                    "a year is parted from «г.»: {what}"
                );
            }
        }
    }
}

#[test]
fn odd_styles_and_unbreakable_words_still_give_a_valid_pdf() {
    let style = Style::from_toml(
        // The oddest style the checks of docs/limits.md let through: large type, tight
        // leading, a narrow measure, wide top and bottom margins, every line numbered.
        "[pdf]\npage-size = \"A5\"\nfont-size = 24\nleading = 24\nline-numbers = 1\nrunning-head = true\n[pdf.margins]\nleft = 22\nright = 22\ntop = 60\nbottom = 60\n",
        None,
        "odd.toml",
    )
    .expect("the style reads");
    // Characters in no font cannot conform to PDF/A or PDF/UA (checked below): this test
    // is of the layout, so it claims no standard.
    let mut style = style;
    style.pdf.standards.clear();
    let mut docs: Vec<Document> = samples().iter().map(|p| read(p)).collect();
    let mut long = read(&root().join("tests/fixtures/missing-glyph.toml"));
    let word = "Сверхдлинноесловобезединогопробела".repeat(6);
    long.content = vec![folio::model::Block::Text(folio::model::Paragraphs {
        text: format!(
            "{word} {word}\n\n{word}\n\n\u{301}начало\tтаб 😀 שלום \u{200d} \u{0}конец ꙮ"
        )
        .try_into()
        .expect("paragraphs"),
        align: folio::model::Align::Justify,
        indent: true,
        hand: None,
    })];
    docs.push(long);
    let dir = tempfile::tempdir().expect("temp dir");
    for (k, doc) in docs.iter().enumerate() {
        let out = folio::writers::write(folio::writers::Format::Pdf, doc, &style)
            .expect("the PDF is written");
        let pdf = dir.path().join(format!("odd{k}.pdf"));
        std::fs::write(&pdf, &out.bytes).expect("write");
        let (ok, o, e) = run("qpdf", &["--check", pdf.to_str().expect("utf-8")]);
        assert!(ok, "{}: qpdf --check: {o}{e}", doc.id);
    }
    // With the default standards, a character in no font is an error naming the clause.
    let strict = Style::from_toml("", None, "default.toml").expect("the style reads");
    let Err(err) =
        folio::writers::write(folio::writers::Format::Pdf, &docs[docs.len() - 1], &strict)
    else {
        panic!("a glyph in no font cannot conform");
    };
    let msg = format!("{err:?}");
    assert!(
        msg.contains("6.2.11.8") && msg.contains("PDF/UA-1") && msg.contains("“😀”"),
        "the error names the character and the clause: {msg}"
    );
}

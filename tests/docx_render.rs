//! The DOCX edition as LibreOffice prints it, with the system's fonts hidden so only the
//! embedded fonts can give PT Serif: letters outside the embedded subset (typed in by an
//! editor, or used by a second document of the same session) are drawn, never blank; a
//! volume's notes carry their per-document numbers in the text and at the foot; its contents
//! come second with the page of every document; openxml-audit finds nothing.

mod common;

use common::office::{
    edit_part, ink, libreoffice_pdf, libreoffice_pdfs, pdf_glyphs, reader, Glyph,
};
use folio::model::Document;
use folio::style::Style;
use folio::writers::Format;
use std::path::{Path, PathBuf};

fn document(path: &Path) -> Document {
    folio::read::read_file(path)
        .unwrap_or_else(|e| panic!("{} reads: {e}", path.display()))
        .document
}

fn docx(doc: &Document) -> Vec<u8> {
    folio::writers::write(Format::Docx, doc, &Style::default())
        .expect("the DOCX edition is written")
        .bytes
}

fn volume() -> folio::volume::Volume {
    let manifest = common::root().join("samples/volume/sample.volume.toml");
    folio::volume::load(&manifest)
        .expect("the sample volume loads")
        .0
}

fn volume_docx(volume: &folio::volume::Volume) -> Vec<u8> {
    folio::writers::write_volume(Format::Docx, volume, &Style::default())
        .expect("the volume is written")
        .bytes
}

/// The sample volume and the PDF LibreOffice prints of its DOCX.
fn volume_pdf(dir: &Path) -> (folio::volume::Volume, PathBuf) {
    let volume = volume();
    let file = dir.join("volume.docx");
    std::fs::write(&file, volume_docx(&volume)).expect("written");
    let pdf = libreoffice_pdf(&file, dir);
    (volume, pdf)
}

/// Every sample's DOCX and the volume's, by name.
fn every_docx() -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = common::samples()
        .iter()
        .map(|p| {
            let doc = document(p);
            (doc.id.clone(), docx(&doc))
        })
        .collect();
    out.push(("volume".into(), volume_docx(&volume())));
    out
}

/// Letters PT Serif has but the embedded base set (Latin-1, Cyrillic, punctuation) lacks.
const OUTSIDE: &str = "Łódź Gdańsk Ωπ";

/// Asserts that every character of `text` is on `page` of the PDF with ink where it stands.
fn assert_drawn(pdf: &Path, glyphs: &[Vec<Glyph>], text: &str, what: &str) {
    let plain = reader("pdftotext", &[pdf.to_str().expect("UTF-8"), "-"]);
    assert!(plain.contains(text), "{what}: pdftotext finds `{text}`");
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        let (page, g) = glyphs
            .iter()
            .enumerate()
            .find_map(|(k, p)| p.iter().find(|g| g.c == c).map(|g| (k + 1, g)))
            .unwrap_or_else(|| panic!("{what}: `{c}` is in the PDF"));
        assert!(
            ink(pdf, page, g.bbox) > 4,
            "{what}: `{c}` (font {}) draws pixels where it stands",
            g.font
        );
    }
}

#[test]
fn letters_an_editor_adds_outside_the_subset_are_drawn() {
    let dir = common::tempdir();
    let mut files: Vec<PathBuf> = Vec::new();
    for (name, bytes) in every_docx() {
        // An editor types a paragraph at the start of the document.
        let edited = edit_part(&bytes, "word/document.xml", |xml| {
            xml.replacen(
                "<w:body>",
                &format!("<w:body><w:p><w:r><w:t>{OUTSIDE}</w:t></w:r></w:p>"),
                1,
            )
        });
        let file = dir.path().join(format!("{name}.docx"));
        std::fs::write(&file, edited).expect("written");
        files.push(file);
    }
    let refs: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    // Each file in its own session, so each shows its own subset.
    for file in refs {
        let sub = dir.path().join(file.file_stem().expect("a name"));
        std::fs::create_dir_all(&sub).expect("a folder");
        let pdf = libreoffice_pdf(file, &sub);
        let glyphs = pdf_glyphs(&pdf);
        let what = file.display().to_string();
        assert_drawn(&pdf, &glyphs, OUTSIDE, &what);
        let cyrillic = glyphs
            .iter()
            .flatten()
            .find(|g| g.c == 'Д' || g.c == 'П')
            .expect("Cyrillic text");
        assert!(
            cyrillic.font.contains("PTSerif"),
            "{what}: the text itself is in the embedded PT Serif, not {}",
            cyrillic.font
        );
    }
}

#[test]
fn a_second_document_in_the_same_session_draws_the_letters_only_it_uses() {
    // LibreOffice keeps the first embedded subset of a family for the whole session: the
    // second document's own letters outside the base set must still be drawn.
    let dir = common::tempdir();
    let seed = document(&common::root().join("samples/zinoviev-1932-12-03.toml"));
    let mut other = seed.clone();
    other.id = "other".into();
    let toml = std::fs::read_to_string(common::root().join("samples/zinoviev-1932-12-03.toml"))
        .expect("the seed reads");
    let changed = toml.replacen("Товарищи,", &format!("Товарищи, {OUTSIDE},"), 1);
    assert_ne!(changed, toml, "the seed has the word to change");
    let path = dir.path().join("other.toml");
    std::fs::write(&path, changed).expect("written");
    let other_doc = document(&path);
    let first = dir.path().join("first.docx");
    let second = dir.path().join("second.docx");
    std::fs::write(&first, docx(&seed)).expect("written");
    std::fs::write(&second, docx(&other_doc)).expect("written");
    let pdfs = libreoffice_pdfs(&[&first, &second], dir.path());
    let glyphs = pdf_glyphs(&pdfs[1]);
    assert_drawn(
        &pdfs[1],
        &glyphs,
        OUTSIDE,
        "the second document of the session",
    );
}

/// The note marks of a page: superscript digits (smaller than the line's text) inside a line
/// (references) and at the start of a line (the numbers at the foot).
fn note_marks(page: &[Glyph]) -> (Vec<u32>, Vec<u32>) {
    let (mut refs, mut feet) = (Vec::new(), Vec::new());
    let mut k = 0;
    while k < page.len() {
        let g = &page[k];
        let line_size = page
            .iter()
            .filter(|o| (o.bbox[3] - g.bbox[3]).abs() < 8.0 && !o.c.is_ascii_digit())
            .map(|o| o.size)
            .fold(0.0f32, f32::max);
        if g.c.is_ascii_digit() && line_size > 0.0 && g.size < 0.8 * line_size {
            let start = k;
            let mut n = String::new();
            while k < page.len() && page[k].c.is_ascii_digit() && page[k].size == g.size {
                n.push(page[k].c);
                k += 1;
            }
            // Digits going on in their own size ("20/III" of a note in the margin, small
            // beside the text's line) are text, not a note's mark.
            let text_goes_on = page.get(k).is_some_and(|o| {
                (o.bbox[3] - g.bbox[3]).abs() < 1.0
                    && !o.c.is_whitespace()
                    && o.size >= g.size * 0.95
                    && o.size <= g.size * 1.05
            });
            if text_goes_on {
                continue;
            }
            let n: u32 = n.parse().expect("digits");
            if page[start].line_start {
                feet.push(n);
            } else {
                refs.push(n);
            }
            continue;
        }
        k += 1;
    }
    (refs, feet)
}

#[test]
fn volume_notes_are_numbered_per_document_in_the_text_and_at_the_foot() {
    let dir = common::tempdir();
    let (volume, pdf) = volume_pdf(dir.path());
    let mut all_feet = Vec::new();
    for (k, page) in pdf_glyphs(&pdf).iter().enumerate() {
        let (mut refs, mut feet) = note_marks(page);
        all_feet.extend(feet.iter().copied());
        refs.sort_unstable();
        refs.dedup();
        feet.sort_unstable();
        assert_eq!(
            refs,
            feet,
            "page {}: the numbers in the text are the numbers at the foot",
            k + 1
        );
    }
    let expected: Vec<u32> = volume
        .documents
        .iter()
        .flat_map(|d| {
            // The numbered series (commentary); textual notes are lettered (а, б…).
            let n = folio::shared::NoteNumbers::new(d, &Style::default())
                .entries()
                .iter()
                .filter(|e| e.mark.chars().all(|c| c.is_ascii_digit()))
                .count() as u32;
            1..=n
        })
        .collect();
    assert_eq!(
        all_feet, expected,
        "every document's notes are numbered from 1, in order"
    );
}

#[test]
fn volume_contents_come_second_with_the_page_of_every_document() {
    let dir = common::tempdir();
    let (volume, pdf) = volume_pdf(dir.path());
    let pdf = pdf.to_str().expect("UTF-8");
    let pages = reader("pdfinfo", &[pdf])
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse::<usize>().ok())
        .expect("a page count");
    let text: Vec<String> = (1..=pages)
        .map(|p| {
            let p = p.to_string();
            reader("pdftotext", &["-layout", "-f", &p, "-l", &p, pdf, "-"]).replace('\u{a0}', " ")
        })
        .collect();
    let heading = |t: &str, h: &str| t.lines().any(|l| l.trim() == h);
    let labels = folio::shared::Labels::for_language(&volume.manifest.language);
    assert!(heading(&text[1], labels.contents), "page 2 is the contents");
    assert!(heading(&text[2], labels.preface), "the preface follows");
    assert!(
        heading(&text[3], labels.abbreviations),
        "then the abbreviations"
    );
    // The page of each document: where its number line stands alone.
    let found: Vec<usize> = volume
        .documents
        .iter()
        .map(|d| {
            let n = folio::shared::number_line(d).expect("a numbered document");
            let squash = |s: &str| s.split_whitespace().collect::<String>();
            let n = squash(&n);
            1 + (4..pages)
                .find(|&p| text[p].lines().any(|l| squash(l) == n))
                .unwrap_or_else(|| panic!("`{n}` begins a page"))
        })
        .collect();
    let listed: Vec<usize> = text[1]
        .lines()
        .filter_map(|l| {
            let (dots, page) = l.trim_end().rsplit_once("..")?;
            dots.ends_with('.').then_some(())?;
            page.trim_start_matches('.').trim().parse().ok()
        })
        .collect();
    assert_eq!(
        listed, found,
        "the contents give the page LibreOffice puts every document on"
    );
}

#[test]
fn openxml_audit_strict_finds_nothing_in_any_sample_or_the_volume() {
    let dir = common::tempdir();
    for (name, bytes) in every_docx() {
        let file = dir.path().join(format!("{name}.docx"));
        std::fs::write(&file, bytes).expect("written");
        let report = reader(
            "openxml-audit",
            &[
                "--policy",
                "strict",
                "-o",
                "json",
                file.to_str().expect("UTF-8"),
            ],
        );
        assert!(
            report.contains("\"valid\": true")
                && report.contains("\"error_count\": 0")
                && report.contains("\"warning_count\": 0"),
            "{name}: openxml-audit finds nothing:\n{report}"
        );
    }
}

#[test]
fn the_seed_docx_is_small_with_its_fonts_and_smaller_without() {
    let seed = document(&common::root().join("samples/zinoviev-1932-12-03.toml"));
    let with = docx(&seed).len();
    let style =
        Style::from_toml("[docx]\nembed-fonts = false\n", None, "t.toml").expect("the style reads");
    let without = folio::writers::write(Format::Docx, &seed, &style)
        .expect("written")
        .bytes
        .len();
    assert!(with < 120 * 1024, "with fonts: {with} bytes");
    assert!(without < 20 * 1024, "without fonts: {without} bytes");
    let fonts: Vec<(String, Vec<u8>)> = common::office::zip_parts(&docx(&seed))
        .into_iter()
        .filter(|(n, _)| n.ends_with(".odttf"))
        .collect();
    assert_eq!(fonts.len(), 2, "the seed embeds regular and bold");
}

#[test]
fn protocol_items_keep_together_and_slushali_keeps_with_postanovili() {
    let doc = document(&common::root().join("samples/protocol-1925-01-12.toml"));
    let bytes = docx(&doc);
    let parts = common::office::zip_parts(&bytes);
    let part = |name: &str| {
        String::from_utf8(
            parts
                .iter()
                .find(|(n, _)| n == name)
                .expect("the part")
                .1
                .clone(),
        )
        .expect("UTF-8")
    };
    let xml = part("word/document.xml");
    let at = xml.find(">Слушали").expect("the protocol's Слушали item");
    let para = &xml[xml[..at].rfind("<w:p>").expect("its paragraph")..at];
    assert!(
        para.contains("<w:keepNext/>"),
        "Слушали keeps with Постановили: {para}"
    );
    let styles = part("word/styles.xml");
    let list = &styles[styles.find("w:styleId=\"ListItem\"").expect("List Item")..];
    let list = &list[..list.find("</w:style>").expect("closed")];
    assert!(
        list.contains("<w:keepLines/>"),
        "an item never splits: {list}"
    );
}

//! Pagination read back with poppler: notes that do not fit on the page of their reference
//! continue at the foot of the next pages, and nothing is ever set over anything else.

mod common;
use common::*;
use std::path::Path;

/// A word as `pdftotext -bbox` reads it: page (from 1), text and box.
struct Word {
    page: usize,
    text: String,
    x0: f32,
    y0: f32,
    x1: f32,
    y1: f32,
}

/// Every word of a PDF with its box (poppler's `pdftotext -bbox`).
fn words(pdf: &Path) -> Vec<Word> {
    let out = std::process::Command::new("pdftotext")
        .arg("-bbox")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    let html = String::from_utf8(out.stdout).expect("UTF-8");
    let attr = |tag: &str, name: &str| -> f32 {
        let at = tag.find(&format!("{name}=\"")).expect(name) + name.len() + 2;
        tag[at..].split('"').next().unwrap().parse().unwrap()
    };
    let mut page = 0;
    let mut out = Vec::new();
    for tag in html.split('<').skip(1) {
        if tag.starts_with("page ") {
            page += 1;
        } else if let Some(rest) = tag.strip_prefix("word ") {
            let text = rest.split_once('>').map_or("", |(_, t)| t);
            out.push(Word {
                page,
                text: text.replace("&amp;", "&"),
                x0: attr(rest, "xMin"),
                y0: attr(rest, "yMin"),
                x1: attr(rest, "xMax"),
                y1: attr(rest, "yMax"),
            });
        }
    }
    out
}

/// Asserts that no two words of a page overlap (beyond a hair: a superscript note number
/// touches its word).
fn assert_nothing_overprinted(pdf: &Path) {
    let words = words(pdf);
    assert!(words.len() > 50, "{}: too few words", pdf.display());
    for (i, a) in words.iter().enumerate() {
        for b in words[i + 1..].iter().take_while(|b| b.page == a.page) {
            let w = a.x1.min(b.x1) - a.x0.max(b.x0);
            let h = a.y1.min(b.y1) - a.y0.max(b.y0);
            assert!(
                w <= 1.0 || h <= 1.5,
                "{}, page {}: `{}` and `{}` are set over each other",
                pdf.display(),
                a.page,
                a.text,
                b.text
            );
        }
    }
}

/// Exports `input` to PDF in `dir` and returns the file.
fn pdf_of(input: &Path, dir: &Path) -> std::path::PathBuf {
    let out = run(&[
        "export",
        input.to_str().unwrap(),
        "--to",
        "pdf",
        "--out-dir",
        dir.to_str().unwrap(),
        "--quiet",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir.join(input.with_extension("pdf").file_name().unwrap())
}

#[test]
fn nine_long_notes_on_one_line_continue_over_the_next_pages() {
    let input = root().join("tests/fixtures/many-notes.toml");
    let doc = folio::read::read_file(&input).unwrap().document;
    let dir = tempdir();
    let pdf = pdf_of(&input, dir.path());
    assert_nothing_overprinted(&pdf);
    // The notes fill more than one page.
    let style = folio::style::Style::edition();
    let laid = folio::layout::layout_document(&doc, &style).unwrap();
    let with_notes = laid
        .pages
        .iter()
        .filter(|p| !p.footnotes.is_empty())
        .count();
    assert!(with_notes >= 3, "the notes fill {with_notes} pages");
    // What poppler reads in the footnote areas (below each page's foot_top, above the
    // bottom margin where the page number stands), joined without spaces, a line-end hyphen
    // dropped (the fixture has no other): every word of every note, in order, the notes
    // one after another — they continue page after page, none is lost.
    let bottom = style.pdf.margins.bottom * 72.0 / 25.4;
    let all = words(&pdf);
    let feet: String = all
        .iter()
        .filter(|w| {
            let page = &laid.pages[w.page - 1];
            w.y0 >= page.foot_top - 1.0 && w.y1 <= page.height - bottom + 1.0
        })
        .map(|w| w.text.trim_end_matches('-'))
        .collect();
    assert_eq!(doc.notes.len(), 9);
    let every: Vec<String> = doc.notes.iter().flat_map(note_words).collect();
    assert_words_in_order(&feet, &every, "the nine notes");
    // The text after the notes' line goes on after them.
    let flat: String = all.iter().map(|w| w.text.as_str()).collect();
    assert_words_in_order(
        &flat,
        &["Итог.".to_string(), "разработки.".to_string()],
        "the text after the notes' line",
    );
}

#[test]
fn no_sample_sets_anything_over_anything_else() {
    let dir = tempdir();
    let mut inputs = samples();
    inputs.push(root().join("samples/long/long-report-1925.toml"));
    inputs.push(root().join("tests/fixtures/long-note.toml"));
    for input in inputs {
        assert_nothing_overprinted(&pdf_of(&input, dir.path()));
    }
}

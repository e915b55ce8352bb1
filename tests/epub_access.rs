//! The EPUB edition for every reader: DAISY Ace finds no serious or moderate violation
//! (ARIA roles matching epub:type, contrast, accessibility metadata) in any sample or the
//! volume; the folio breaks of the original are a page list; the stylesheet limits the line
//! length on wide screens and hyphenates by the document's language; epubcheck 5 is clean.

mod common;

use common::epubtools::{ace, assert_epubcheck_clean, serious};
use common::office::zip_parts;
use folio::model::Block;
use folio::style::Style;
use folio::writers::Format;
use std::path::PathBuf;

/// Every sample's EPUB and the volume's, by name.
fn every_epub() -> Vec<(String, Vec<u8>)> {
    let style = Style::default();
    let mut out: Vec<(String, Vec<u8>)> = common::samples()
        .iter()
        .map(|p| {
            let doc = folio::read::read_file(p)
                .expect("the sample reads")
                .document;
            let bytes = folio::writers::write(Format::Epub, &doc, &style)
                .expect("the EPUB is written")
                .bytes;
            (doc.id, bytes)
        })
        .collect();
    let (volume, _) =
        folio::volume::load(&common::root().join("samples/volume/sample.volume.toml"))
            .expect("the sample volume loads");
    let bytes = folio::writers::write_volume(Format::Epub, &volume, &style)
        .expect("the volume is written")
        .bytes;
    out.push(("volume".into(), bytes));
    out
}

fn part(bytes: &[u8], name: &str) -> String {
    let (_, data) = zip_parts(bytes)
        .into_iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("{name} is in the book"));
    String::from_utf8(data).expect("UTF-8")
}

#[test]
fn ace_finds_no_serious_or_moderate_violation_and_epubcheck_5_nothing() {
    let dir = common::tempdir();
    for (name, bytes) in every_epub() {
        let path = dir.path().join(format!("{name}.epub"));
        std::fs::write(&path, &bytes).expect("written");
        assert_epubcheck_clean(&path, &name);
        let (violations, metadata) = ace(&path, &dir.path().join(format!("ace-{name}")));
        let bad = serious(&violations);
        assert!(bad.is_empty(), "{name}: DAISY Ace finds {bad:#?}");
        let missing = metadata
            .split("\"missing\":")
            .nth(1)
            .map(|m| m[..m.find(']').unwrap_or(m.len())].to_string())
            .unwrap_or_default();
        assert!(
            !missing.contains("dcterms:conformsTo") && !missing.contains("schema:"),
            "{name}: Ace misses accessibility metadata: {missing}"
        );
        let opf = part(&bytes, "EPUB/package.opf");
        for property in [
            "schema:accessMode",
            "schema:accessModeSufficient",
            "schema:accessibilityFeature",
            "schema:accessibilityHazard",
            "schema:accessibilitySummary",
        ] {
            assert!(
                opf.contains(&format!("property=\"{property}\"")),
                "{name}: {property}"
            );
        }
        assert!(
            opf.contains("<meta property=\"dcterms:conformsTo\">EPUB Accessibility 1.1 - WCAG 2.1 Level AA</meta>"),
            "{name}: the conformance claim"
        );
    }
}

#[test]
fn every_folio_break_is_a_page_break_in_the_page_list() {
    let mut seen = 0;
    for path in common::samples() {
        let doc = folio::read::read_file(&path)
            .expect("the sample reads")
            .document;
        let labels: Vec<String> = doc
            .content
            .iter()
            .filter_map(|b| match b {
                Block::Folio(f) => Some(f.label.clone()),
                _ => None,
            })
            .collect();
        let bytes = folio::writers::write(Format::Epub, &doc, &Style::default())
            .expect("the EPUB is written")
            .bytes;
        let nav = part(&bytes, "EPUB/nav.xhtml");
        let chapter = part(&bytes, "EPUB/document.xhtml");
        if labels.is_empty() {
            assert!(!nav.contains("page-list"), "{}: no page list", doc.id);
            continue;
        }
        seen += labels.len();
        let list = &nav[nav
            .find("<nav epub:type=\"page-list\" role=\"doc-pagelist\"")
            .unwrap_or_else(|| panic!("{}: a page-list nav", doc.id))..];
        for (k, label) in labels.iter().enumerate() {
            let id = format!("folio-{}", k + 1);
            assert!(
                list.contains(&format!("<a href=\"document.xhtml#{id}\">{label}</a>")),
                "{}: the page list links `{label}`",
                doc.id
            );
            assert!(
                chapter.contains(&format!(
                    "id=\"{id}\" epub:type=\"pagebreak\" role=\"doc-pagebreak\" aria-label=\"{label}\""
                )),
                "{}: `{label}` is a named page break",
                doc.id
            );
        }
        let opf = part(&bytes, "EPUB/package.opf");
        assert!(
            opf.contains("property=\"source-of\">pagination</meta>")
                && opf.contains(">pageNavigation</meta>"),
            "{}: the original is declared the source of the pagination",
            doc.id
        );
    }
    assert!(seen > 0, "a sample has a folio break");
}

#[test]
fn screens_get_a_measure_hyphenation_by_language_and_margin_notes_by_width() {
    let (_, bytes) = every_epub().remove(0);
    let css = part(&bytes, "EPUB/style.css");
    let rule = |media: &str| {
        let at = css
            .find(media)
            .unwrap_or_else(|| panic!("the stylesheet has {media}"));
        css[at..at + css[at..].find("\n}").expect("closed")].to_string()
    };
    assert!(
        rule("@media (min-width: 48em)").contains("max-width: 36em"),
        "wide screens get lines of about 70 characters"
    );
    assert!(
        rule("@media (min-width: 62em)").contains("margin-left: -12em"),
        "very wide screens put marginal notes in the margin"
    );
    assert!(
        rule("@media (max-width: 24em)").contains("float: none"),
        "phones stack marginal notes"
    );
    assert!(
        rule("@media (max-width: 30em)").contains("float: none"),
        "phones stack the marks above the address"
    );
    assert!(css.contains("hyphens: auto"), "hyphenation on");
    let chapter = part(&bytes, "EPUB/document.xhtml");
    assert!(
        chapter.contains(" lang=\"") && chapter.contains(" xml:lang=\""),
        "the language hyphenation follows"
    );
}

#[test]
fn spaced_text_is_letter_spacing_with_no_gap_before_punctuation() {
    let dir = common::tempdir();
    let toml = "format = \"1.0\"\nid = \"sp\"\ntitle = \"Проба\"\nlanguage = \"ru\"\n\n[[content]]\nrole = \"text\"\ntext = \"*Слушали*: о плане.\"\n";
    let path: PathBuf = dir.path().join("sp.toml");
    std::fs::write(&path, toml).expect("written");
    let doc = folio::read::read_file(&path).expect("reads").document;
    let epub = folio::writers::write(Format::Epub, &doc, &Style::default())
        .expect("EPUB")
        .bytes;
    let chapter = part(&epub, "EPUB/document.xhtml");
    assert!(
        chapter
            .contains("<span class=\"spaced\">Слушал<span class=\"spaced-end\">и</span></span>:"),
        "the word is whole (a search finds it), its last letter unspaced: {chapter}"
    );
    let css = part(&epub, "EPUB/style.css");
    assert!(css.contains(".spaced-end { letter-spacing: 0; }"));
    let docx = folio::writers::write(Format::Docx, &doc, &Style::default())
        .expect("DOCX")
        .bytes;
    let xml = part(&docx, "word/document.xml");
    assert!(
        xml.contains(">Слушал</w:t>")
            && xml.contains("<w:spacing w:val=\"0\"/></w:rPr><w:t xml:space=\"preserve\">и</w:t>"),
        "DOCX: the word in the Spaced style, its last letter without spacing: {xml}"
    );
    let text = folio::writers::write(Format::Txt, &doc, &Style::default())
        .expect("text")
        .bytes;
    let text = String::from_utf8(text).expect("UTF-8");
    assert!(
        text.contains("С л у ш а л и:"),
        "text: no space before the colon: {text}"
    );
}

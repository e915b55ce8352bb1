//! The two series of notes: textual notes lettered а, б, в… and commentary numbered 1, 2,
//! 3…, each where the style places it (`[notes]`), read back from every edition with its
//! real readers — pdftotext page by page and the PDF's link annotations (qpdf), pandoc
//! and LibreOffice for the DOCX, epubcheck 5 and DAISY Ace for the EPUB, a golden file for
//! the text. The fixture (tests/fixtures/notes/) is a volume of two constructed documents.

mod common;

use common::epubtools::{ace, assert_epubcheck_clean, serious};
use common::office::{libreoffice_pdf, reader, zip_parts};
use common::{root, run, tempdir};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/notes").join(name)
}

/// Exports the report alone with a style (None: the default) to `ext`.
fn export(style: Option<&str>, ext: &str, dir: &Path) -> PathBuf {
    let out = dir.join(format!("report.{ext}"));
    let doc = fixture("report-1921.toml");
    let mut args = vec![
        "export".to_string(),
        doc.display().to_string(),
        "-o".into(),
        out.display().to_string(),
    ];
    if let Some(s) = style {
        args.push("--style".into());
        args.push(fixture(s).display().to_string());
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let r = run(&args);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    out
}

/// Exports the notes volume (commentary at the volume's end) to `ext`.
fn export_volume(ext: &str, dir: &Path) -> PathBuf {
    let out = dir.join(format!("notes.{ext}"));
    let manifest = fixture("notes.volume.toml");
    let r = run(&[
        "volume",
        manifest.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    out
}

/// The text of page `n` (1-based) as pdftotext reads it.
fn page_text(pdf: &Path, n: usize) -> String {
    let n = n.to_string();
    let text = reader(
        "pdftotext",
        &["-f", &n, "-l", &n, "-layout", pdf.to_str().unwrap(), "-"],
    );
    text.replace('\u{a0}', " ")
}

fn page_count(pdf: &Path) -> usize {
    let info = reader("pdfinfo", &[pdf.to_str().unwrap()]);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo gives the page count")
}

/// Where `needle` starts in `hay`, failing with the text when it is not there.
fn at(hay: &str, needle: &str) -> usize {
    hay.find(needle)
        .unwrap_or_else(|| panic!("`{needle}` is not in:\n{hay}"))
}

/// The lines of the textual notes the report has, by mark, and its commentary.
const TEXTUAL: [(&str, &str); 6] = [
    ("а", "Рукой Н. П. Брюханова красным карандашом."),
    ("б", "Цифра вписана над зачёркнутым"),
    ("в", "Так в документе."),
    ("г", "Вписано на полях."),
    ("д", "Слово подчёркнуто красным карандашом."),
    ("е", "__none__"),
];
const COMMENTARY: [(&str, &str); 2] = [
    ("1", "Кирсановский уезд Тамбовской губернии"),
    ("2", "Сведений о Смирнове не обнаружено"),
];

#[test]
fn pdf_letters_the_textual_notes_at_the_foot_before_the_numbered_commentary() {
    let dir = tempdir();
    let pdf = export(None, "pdf", dir.path());
    assert_eq!(page_count(&pdf), 1);
    let page = page_text(&pdf, 1);
    // The foot: below the text's last line, each textual note with its letter, in order,
    // then the commentary with its number.
    let foot = &page[at(&page, "Продкомиссар А. Ершов")..];
    let mut last = 0;
    for (mark, text) in TEXTUAL.iter().take(5).chain(&COMMENTARY) {
        let line = format!("{mark} {text}");
        let k = at(foot, &line);
        assert!(k > last, "`{line}` out of order at the foot:\n{foot}");
        last = k;
    }
    // The references: letters and numbers raised after their words.
    for r in ["К исполнению.а", "сорокб", "недостотокв", "Смирнов2"]
    {
        assert!(page.contains(r), "no reference `{r}` on the page:\n{page}");
    }
    // Every reference links to its note, and every note's mark back to its reference.
    let links = link_annotations(&pdf);
    assert_eq!(links, 2 * 7, "one link per reference and one back per note");
}

#[test]
fn pdf_sets_the_commentary_after_the_document_when_the_style_says_so() {
    let dir = tempdir();
    let pdf = export(Some("document-end.style.toml"), "pdf", dir.path());
    let page = page_text(&pdf, 1);
    let heading = at(&page, "Комментарии");
    assert!(heading > at(&page, "Продкомиссар А. Ершов"));
    let first = at(&page, "1 Кирсановский уезд");
    let second = at(&page, "2 Сведений о Смирнове");
    assert!(heading < first && first < second);
    // The textual notes stay at the foot, below the commentary.
    let foot = at(&page, "а Рукой Н. П. Брюханова");
    assert!(foot > second, "the textual notes at the foot:\n{page}");
}

#[test]
fn pdf_volume_prints_the_commentary_at_its_end_with_each_references_page() {
    let dir = tempdir();
    let pdf = export_volume("pdf", dir.path());
    let pages = page_count(&pdf);
    // The commentary comes after the documents, before the indexes.
    let number = assert_commentary_pages(&pdf, "уезду выполнена");
    let index = (number..=pages)
        .find(|&p| page_text(&pdf, p).contains("Именной указатель"))
        .expect("the name index");
    assert!(index > number, "the indexes after the commentary");
    // The textual notes stay at the foot of each document, restarting at а.
    let contents = page_text(&pdf, 2);
    assert!(contents.contains("Комментарии"), "listed in the contents");
    let all: String = (1..=pages).map(|p| page_text(&pdf, p)).collect();
    assert!(all.contains("а Рукой Н. П. Брюханова"));
    assert!(all.contains("а Далее зачёркнуто: «нарочным»."));
    // The deletion is a note and not in the text (the style says `deleted = "note"`).
    assert!(all.contains("в Зачёркнуто: «плохая»."));
    assert!(!all.contains("тому плохая"));
    let outline = reader("mutool", &["show", pdf.to_str().unwrap(), "outline"]);
    assert!(outline.contains("Комментарии"), "a bookmark:\n{outline}");
    // Each reference links forward to the commentary, though its page was drawn long
    // before the commentary was set; the commentary links back.
    let links = link_targets(&pdf);
    for (reference, _) in [("уезду выполнена", 0), ("Смирнов2", 0), ("процентов1", 0)]
    {
        let from = (1..number)
            .find(|&p| page_text(&pdf, p).contains(reference))
            .unwrap();
        assert!(
            links.contains(&(from, number)),
            "page {from} (with `{reference}`) has no link to the commentary on page {number}: {links:?}"
        );
        assert!(
            links.contains(&(number, from)),
            "no link back from the commentary to page {from}: {links:?}"
        );
    }
}

/// Every link annotation of a PDF as (its page, the page it goes to), 1-based, read with
/// qpdf's JSON.
fn link_targets(pdf: &Path) -> Vec<(usize, usize)> {
    let json = reader("qpdf", &["--json", pdf.to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let objects = &v["qpdf"][1];
    let page_of: std::collections::HashMap<&str, usize> = v["pages"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .map(|(k, p)| (p["object"].as_str().unwrap(), k + 1))
        .collect();
    let value = |r: &str| &objects[format!("obj:{r}")]["value"];
    let mut out = Vec::new();
    for (r, page) in &page_of {
        let annots = match &value(r)["/Annots"] {
            serde_json::Value::String(a) => value(a).clone(),
            a => a.clone(),
        };
        for a in annots.as_array().into_iter().flatten() {
            let annot = value(a.as_str().unwrap());
            if annot["/Subtype"] != "/Link" {
                continue;
            }
            let dest = match &annot["/Dest"] {
                serde_json::Value::String(d) => value(d).clone(),
                d => d.clone(),
            };
            if let Some(to) = dest[0].as_str().and_then(|t| page_of.get(t)) {
                out.push((*page, *to));
            }
        }
    }
    out.sort();
    out
}

/// The link annotations of a PDF, through qpdf's JSON.
fn link_annotations(pdf: &Path) -> usize {
    let json = reader("qpdf", &["--json", pdf.to_str().unwrap()]);
    json.matches("\"/Subtype\": \"/Link\"").count()
}

/// The DOCX's parts as text.
fn docx_part(docx: &Path, name: &str) -> Option<String> {
    let bytes = std::fs::read(docx).unwrap();
    zip_parts(&bytes)
        .into_iter()
        .find(|(n, _)| n == name)
        .map(|(_, b)| String::from_utf8(b).unwrap())
}

#[test]
fn docx_makes_textual_notes_lettered_footnotes_and_the_commentary_endnotes() {
    let dir = tempdir();
    let docx = export(Some("document-end.style.toml"), "docx", dir.path());
    let body = docx_part(&docx, "word/document.xml").unwrap();
    let footnotes = docx_part(&docx, "word/footnotes.xml").unwrap();
    let endnotes = docx_part(&docx, "word/endnotes.xml").expect("an endnotes part");
    // Five textual footnotes, each a custom mark: its letter as a symbol.
    assert_eq!(body.matches("<w:footnoteReference ").count(), 5);
    assert_eq!(
        body.matches("<w:footnoteReference w:customMarkFollows=\"1\"")
            .count(),
        5
    );
    for (k, (mark, _)) in TEXTUAL.iter().take(5).enumerate() {
        let c = mark.chars().next().unwrap() as u32;
        let sym = format!(
            "<w:footnoteReference w:customMarkFollows=\"1\" w:id=\"{}\"/><w:sym w:font=\"PT Serif\" w:char=\"{c:04X}\"/>",
            k + 1
        );
        assert!(body.contains(&sym), "the reference of note {mark}: {sym}");
    }
    // Two commentary endnotes Word numbers itself, 1 and 2.
    assert_eq!(body.matches("<w:endnoteReference w:id=").count(), 2);
    assert_eq!(endnotes.matches("<w:endnoteRef/>").count(), 2);
    assert!(endnotes.contains("Кирсановский уезд") && !footnotes.contains("Кирсановский"));
    let settings = docx_part(&docx, "word/settings.xml").unwrap();
    assert!(
        settings.contains("<w:endnotePr><w:pos w:val=\"sectEnd\"/><w:numFmt w:val=\"decimal\"/>")
    );
    // pandoc reads every note back, footnotes and endnotes alike, with its words.
    let json = reader("pandoc", &[docx.to_str().unwrap(), "-t", "json"]);
    assert_eq!(json.matches("\"t\":\"Note\"").count(), 7, "seven notes");
    let plain = reader(
        "pandoc",
        &[docx.to_str().unwrap(), "-t", "plain", "--wrap=none"],
    )
    .replace('\u{a0}', " ");
    for (_, text) in TEXTUAL.iter().take(5).chain(&COMMENTARY) {
        assert!(plain.contains(text), "pandoc lacks `{text}`:\n{plain}");
    }
    // LibreOffice: the letters at the foot of the page, the commentary after the text,
    // numbered 1, 2 (not i, ii).
    let pdf = libreoffice_pdf(&docx, dir.path());
    let lo = reader("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]).replace('\u{a0}', " ");
    let first_textual = at(&lo, "Рукой Н. П. Брюханова");
    let commentary = at(&lo, "1 Кирсановский уезд");
    assert!(at(&lo, "2 Сведений о Смирнове") > commentary);
    assert!(
        commentary > first_textual,
        "endnotes after the footnotes:\n{lo}"
    );
    assert!(
        lo[..first_textual].trim_end().ends_with('а'),
        "the footnote's letter:\n{lo}"
    );
}

#[test]
fn docx_gives_a_keyed_name_inside_a_mention_one_index_field() {
    let dir = tempdir();
    let docx = export_volume("docx", dir.path());
    let body = docx_part(&docx, "word/document.xml").unwrap();
    assert_eq!(
        body.matches(" XE \"Смирнов, уполномоченный губпродкома")
            .count(),
        1,
        "one XE for the mention and the name inside it"
    );
    // The place: once in the text, once in its note, now in the commentary at the
    // volume's end (paragraphs of the body, not Word endnotes).
    assert_eq!(body.matches(" XE \"Кирсанов").count(), 2);
    assert!(docx_part(&docx, "word/endnotes.xml").is_none());
    // The report alone, default style: no endnotes, the package as before.
    let alone = export(None, "docx", dir.path());
    assert!(docx_part(&alone, "word/endnotes.xml").is_none());
    assert!(!docx_part(&alone, "word/settings.xml")
        .unwrap()
        .contains("endnotePr"));
}

#[test]
fn epub_has_footnote_asides_and_an_endnotes_section_that_epubcheck_and_ace_pass() {
    let dir = tempdir();
    for (style, endnotes) in [(None, 0), (Some("document-end.style.toml"), 2)] {
        let epub = export(style, "epub", dir.path());
        let name = format!("{style:?}");
        assert_epubcheck_clean(&epub, &name);
        let bytes = std::fs::read(&epub).unwrap();
        let xhtml = zip_parts(&bytes)
            .into_iter()
            .filter(|(n, _)| n.ends_with(".xhtml") && !n.ends_with("nav.xhtml"))
            .map(|(_, b)| String::from_utf8(b).unwrap())
            .collect::<String>();
        assert_eq!(
            xhtml
                .matches("epub:type=\"footnote\" role=\"doc-footnote\"")
                .count(),
            7 - endnotes
        );
        assert_eq!(
            xhtml.matches("<li class=\"note\" id=\"note-").count(),
            endnotes
        );
        if endnotes > 0 {
            assert!(xhtml.contains("epub:type=\"endnotes\" role=\"doc-endnotes\""));
            assert!(xhtml.contains("<h2 id=\"endnotes-heading\">Комментарии</h2>"));
        }
        // References show the series' marks; every reference's target exists.
        assert!(xhtml.contains(">а</a>") && xhtml.contains(">1</a>"));
        for id in xhtml.split("href=\"#note-").skip(1) {
            let n = &id[..id.find('"').unwrap()];
            assert!(xhtml.contains(&format!("id=\"note-{n}\"")), "note-{n}");
        }
        let (violations, _) = ace(&epub, &dir.path().join(format!("ace-{endnotes}")));
        let bad = serious(&violations);
        assert!(bad.is_empty(), "{name}: DAISY Ace finds {bad:#?}");
    }
}

#[test]
fn the_text_edition_of_the_volume_matches_its_golden_file() {
    let dir = tempdir();
    let txt = export_volume("txt", dir.path());
    let text = std::fs::read_to_string(txt).unwrap();
    common::golden(&root().join("tests/golden/notes-volume.txt"), &text);
    let doc = dir.path().join("report.txt");
    let r = run(&[
        "export",
        fixture("report-1921.toml").to_str().unwrap(),
        "--style",
        fixture("document-end.style.toml").to_str().unwrap(),
        "-o",
        doc.to_str().unwrap(),
    ]);
    assert!(r.status.success());
    let text = std::fs::read_to_string(doc).unwrap();
    common::golden(&root().join("tests/golden/notes-document-end.txt"), &text);
}

#[test]
fn tei_keeps_a_notes_kind_both_ways() {
    let dir = tempdir();
    let tei = export(None, "tei.xml", dir.path());
    let xml = std::fs::read_to_string(&tei).unwrap();
    assert_eq!(
        xml.matches("type=\"textConst\"").count(),
        2,
        "two textual notes"
    );
    let back = folio::read::read_file(&tei)
        .expect("folio reads its TEI")
        .document;
    let mut kinds: Vec<(String, folio::model::NoteKind)> =
        back.notes.iter().map(|n| (n.id.clone(), n.kind)).collect();
    kinds.sort_by(|a, b| a.0.cmp(&b.0));
    let original = folio::read::read_file(&fixture("report-1921.toml"))
        .unwrap()
        .document;
    let mut want: Vec<(String, folio::model::NoteKind)> = original
        .notes
        .iter()
        .map(|n| (n.id.clone(), n.kind))
        .collect();
    want.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(kinds, want);
}

#[test]
fn an_unknown_kind_or_place_is_an_error_at_its_value() {
    let dir = tempdir();
    let doc = dir.path().join("bad.toml");
    let text = std::fs::read_to_string(fixture("report-1921b.toml")).unwrap();
    std::fs::write(
        &doc,
        text.replace("kind = \"textual\"", "kind = \"textul\""),
    )
    .unwrap();
    let r = run(&["check", doc.to_str().unwrap()]);
    assert_eq!(r.status.code(), Some(1));
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(
        err.contains("error[F0204]: unknown variant `textul`, expected `textual` or `commentary`"),
        "{err}"
    );
    assert!(
        err.contains("bad.toml:18:8") && err.contains("did you mean `textual`?"),
        "{err}"
    );
    let style = dir.path().join("bad.style.toml");
    std::fs::write(&style, "[notes.commentary]\nplace = \"end\"\n").unwrap();
    let out = dir.path().join("x.txt");
    let r = run(&[
        "export",
        fixture("report-1921b.toml").to_str().unwrap(),
        "--style",
        style.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(r.status.code(), Some(2));
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(
        err.contains("unknown variant `end`, expected one of `foot`, `document-end`, `volume-end`"),
        "{err}"
    );
    assert!(err.contains("bad.style.toml:2:9"), "{err}");
    assert!(!out.exists(), "nothing written");
}

/// The XHTML files of an EPUB by their name inside EPUB/.
fn epub_files(epub: &Path) -> Vec<(String, String)> {
    zip_parts(&std::fs::read(epub).unwrap())
        .into_iter()
        .filter_map(|(n, b)| {
            let name = n.strip_prefix("EPUB/")?.to_string();
            name.ends_with(".xhtml")
                .then(|| (name, String::from_utf8(b).unwrap()))
        })
        .collect()
}

const EPUB_NS: &str = "http://www.idpf.org/2007/ops";

#[test]
fn epub_volume_sets_the_commentary_as_one_chapter_before_the_indexes() {
    let dir = tempdir();
    let epub = export_volume("epub", dir.path());
    assert_epubcheck_clean(&epub, "the notes volume");
    let files = epub_files(&epub);
    let docs: Vec<roxmltree::Document> = files
        .iter()
        .map(|(n, t)| {
            let options = roxmltree::ParsingOptions {
                allow_dtd: true,
                ..Default::default()
            };
            roxmltree::Document::parse_with_options(t, options)
                .unwrap_or_else(|e| panic!("{n}: {e}"))
        })
        .collect();
    let file = |name: &str| {
        files
            .iter()
            .position(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("no {name} in the book"))
    };
    let commentary = &docs[file("commentary.xhtml")];
    let element = |k: usize, id: &str| {
        docs[k]
            .descendants()
            .find(|n| n.attribute("id") == Some(id))
    };
    // The chapter: "Комментарии", then each document's number and title (linked to the
    // document) over its notes, in the volume's order; the documents keep none of them.
    let text: String = commentary
        .descendants()
        .filter(|n| n.is_text())
        .map(|n| n.text().unwrap())
        .collect::<String>()
        .replace('\u{a0}', " ");
    let h1 = at(&text, "Комментарии");
    let seventh = at(&text, "№ 7. Докладная записка");
    let eighth = at(&text, "№ 8. Телеграмма");
    assert!(h1 < seventh && seventh < eighth, "{text}");
    assert!(at(&text, "Кирсановский уезд") > seventh && at(&text, "Сведений о Смирнове") < eighth);
    assert!(at(&text, "Требование полного") > eighth);
    let headings: Vec<_> = commentary
        .descendants()
        .filter(|n| n.has_tag_name("h2"))
        .map(|h| {
            let a = h.children().find(|c| c.has_tag_name("a")).expect("a link");
            a.attribute("href").unwrap().to_string()
        })
        .collect();
    assert_eq!(headings, ["doc-001.xhtml", "doc-002.xhtml"]);
    for (name, t) in &files {
        if name.starts_with("doc-") {
            assert!(!t.contains("endnotes"), "{name} keeps endnotes");
            assert!(
                !t.contains("Сведений о Смирнове"),
                "{name} holds a commentary note"
            );
        }
    }
    // Every note of the chapter an endnote (an item of the `endnotes` section: EPUB
    // deprecates `epub:type="endnote"`), linked both ways with its reference.
    let section = commentary
        .descendants()
        .find(|n| n.attribute((EPUB_NS, "type")) == Some("endnotes"))
        .expect("an endnotes section");
    assert_eq!(section.attribute("role"), Some("doc-endnotes"));
    let endnotes: Vec<_> = section
        .descendants()
        .filter(|n| n.has_tag_name("li"))
        .collect();
    assert_eq!(endnotes.len(), 3, "two notes of № 7, one of № 8");
    for note in endnotes {
        let id = note.attribute("id").unwrap();
        let back = note
            .descendants()
            .find(|n| n.attribute("role") == Some("doc-backlink"))
            .expect("a back link");
        let href = back.attribute("href").unwrap();
        let (target, ref_id) = href.split_once('#').unwrap();
        let reference = element(file(target), ref_id)
            .unwrap_or_else(|| panic!("{href}, the back link of {id}, names nothing"));
        assert_eq!(reference.attribute((EPUB_NS, "type")), Some("noteref"));
        assert_eq!(
            reference.attribute("href"),
            Some(format!("commentary.xhtml#{id}").as_str())
        );
        assert_eq!(
            reference.text(),
            back.attribute("data-n"),
            "the reference shows the note's mark"
        );
    }
    // Every link of the book resolves: notes, backlinks, the index's locators (the place in
    // a commentary note points there).
    let mut links = 0;
    for (k, (name, _)) in files.iter().enumerate() {
        for a in docs[k].descendants().filter(|n| n.has_tag_name("a")) {
            let Some(href) = a.attribute("href") else {
                continue;
            };
            let (path, id) = href.split_once('#').unwrap_or((href, ""));
            let target = if path.is_empty() { k } else { file(path) };
            assert!(
                id.is_empty() || element(target, id).is_some(),
                "{name}: {href} names nothing"
            );
            links += 1;
        }
    }
    assert!(links > 30, "{links} links");
    let places = &files[file("index-places.xhtml")].1;
    assert!(places.contains("href=\"doc-001.xhtml#m"), "{places}");
    // In the contents with a link per document, and in the reading order after the
    // documents, before the indexes.
    let nav = &files[file("nav.xhtml")].1;
    assert!(at(nav, "commentary.xhtml\">Комментарии") < at(nav, "index-names.xhtml"));
    assert!(nav.contains("commentary.xhtml#doc-002-commentary"));
    let opf = String::from_utf8(
        zip_parts(&std::fs::read(&epub).unwrap())
            .into_iter()
            .find(|(n, _)| n == "EPUB/package.opf")
            .unwrap()
            .1,
    )
    .unwrap();
    let spine = &opf[at(&opf, "<spine")..];
    assert!(
        at(spine, "f-doc-002-xhtml") < at(spine, "f-commentary-xhtml")
            && at(spine, "f-commentary-xhtml") < at(spine, "f-index-names-xhtml"),
        "{spine}"
    );
    let (violations, _) = ace(&epub, &dir.path().join("ace"));
    let bad = serious(&violations);
    assert!(bad.is_empty(), "DAISY Ace finds {bad:#?}");
}

#[test]
fn docx_volume_sets_the_commentary_under_a_heading_per_document() {
    let dir = tempdir();
    let docx = export_volume("docx", dir.path());
    let body = docx_part(&docx, "word/document.xml").unwrap();
    // Real Word headings: the commentary's styles are based on heading 1 and heading 2,
    // which carry the outline levels.
    let styles = docx_part(&docx, "word/styles.xml").unwrap();
    for (id, based, level) in [
        ("CommentaryHeading", "Heading1", 0),
        ("CommentaryDocumentHeading", "Heading2", 1),
    ] {
        let style = &styles[at(&styles, &format!("w:styleId=\"{id}\""))..];
        let style = &style[..at(style, "</w:style>")];
        assert!(
            style.contains(&format!("<w:basedOn w:val=\"{based}\"/>")),
            "{style}"
        );
        let base = &styles[at(&styles, &format!("w:styleId=\"{based}\""))..];
        let base = &base[..at(base, "</w:style>")];
        assert!(
            base.contains(&format!("<w:outlineLvl w:val=\"{level}\"/>")),
            "{base}"
        );
    }
    // Every link between a note and its reference names a bookmark of the document.
    let mut links = 0;
    for piece in body.split("<w:hyperlink w:anchor=\"").skip(1) {
        let name = &piece[..piece.find('"').unwrap()];
        assert!(
            body.contains(&format!("w:name=\"{name}\"")),
            "a link to the missing bookmark {name}"
        );
        links += 1;
    }
    assert!(links >= 2 + 3 + 2 * 3, "{links} links");
    // pandoc reads the headings as headings, each document's notes under its own.
    let md = reader(
        "pandoc",
        &[docx.to_str().unwrap(), "-t", "markdown", "--wrap=none"],
    )
    .replace('\u{a0}', " ");
    let h1 = at(&md, "# Комментарии");
    let seventh = at(&md, "## [№ 7. Докладная записка");
    let eighth = at(&md, "## [№ 8. Телеграмма");
    assert!(h1 < seventh && seventh < eighth, "{md}");
    let first = at(&md, "[1](#_FolioRef1_2) С. . Кирсановский уезд");
    let second = at(&md, "[2](#_FolioRef1_6) С. . Сведений о Смирнове");
    let third = at(&md, "[1](#_FolioRef2_2) С. . Требование полного");
    assert!(seventh < first && first < second && second < eighth && eighth < third);
    assert!(
        at(&md, "Именной указатель") > third,
        "the indexes after the commentary"
    );
    // LibreOffice: "Комментарии" on a page of its own, listed in the contents with that
    // page; each note gives the page of its reference, and on that page stands the
    // reference, not the note.
    let pdf = libreoffice_pdf(&docx, dir.path());
    let number = assert_commentary_pages(&pdf, "Кирсановскому1");
    let contents = page_text(&pdf, 2);
    let entry = contents
        .lines()
        .find(|l| l.trim_start().starts_with("Комментарии"))
        .unwrap_or_else(|| panic!("no contents entry:\n{contents}"));
    assert!(entry.trim_end().ends_with(&number.to_string()), "{entry}");
}

/// The page of a PDF of the notes volume (folio's or LibreOffice's) that opens with
/// «Комментарии», after checking it: each document's number and title in order, and every
/// note giving the page of its reference ("1 С. 3."), where the reference stands and the
/// note does not (the document's foot holds no commentary). `first_reference` is how the
/// reference to № 7's first note reads there.
fn assert_commentary_pages(pdf: &Path, first_reference: &str) -> usize {
    let pages = page_count(pdf);
    let (number, last) = (1..=pages)
        .map(|p| (p, page_text(pdf, p)))
        .find(|(_, t)| t.trim_start().starts_with("Комментарии"))
        .expect("a page opens with «Комментарии»");
    let heading = at(&last, "Комментарии");
    let seventh = at(&last, "№ 7. Докладная записка");
    let eighth = at(&last, "№ 8. Телеграмма");
    assert!(heading < seventh && seventh < eighth, "{last}");
    let notes = [
        (seventh, "1 С. ", "Кирсановский уезд", first_reference),
        (seventh, "2 С. ", "Сведений о Смирнове", "Смирнов2"),
        (eighth, "1 С. ", "Требование полного", "процентов1"),
    ];
    for (from, mark, text, reference) in notes {
        let line = &last[from..];
        let k = at(line, text);
        let before = &line[..k];
        let p = before.rfind(mark).expect("the note's mark and page");
        let page: usize = before[p + mark.len()..]
            .split('.')
            .next()
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or_else(|| panic!("a page number before `{text}`: {before}"));
        let on = page_text(pdf, page);
        assert!(
            on.contains(reference),
            "page {page} lacks the reference `{reference}` its note gives:\n{on}"
        );
        assert!(!on.contains(text), "page {page} holds the note `{text}`");
    }
    number
}

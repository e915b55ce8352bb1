//! The name and place indexes of the sample volume, read back with each edition's real
//! reader: in the PDF every page number of every entry is checked with `pdftotext -f N -l N`
//! to hold a mention of that entry; LibreOffice prints the DOCX index with the PDF's
//! numbers; epubcheck passes the EPUB and every index link resolves; the text edition
//! lists document numbers.

mod common;

use common::office::{libreoffice_pdf, reader};
use common::*;
use folio::markup::{plain_text, Inline, MentionKind};
use folio::shared::index::{self, IndexLine, Locus, Mentions};
use std::collections::BTreeSet;
use std::path::Path;

const MANIFEST: &str = "samples/volume/sample.volume.toml";

/// Letters only, lowercased: what survives line breaks, hyphens and no-break spaces.
fn letters(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// White space collapsed, no-break spaces as spaces.
fn spaces(s: &str) -> String {
    s.replace(['\u{a0}', '\u{202f}'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// One entry as the editions must print it.
struct Expected {
    kind: MentionKind,
    /// "Name, 5, 6" — the entry's line with its page numbers.
    line: String,
    /// How many numbers (and ranges) it prints: each is a link.
    numbers: usize,
    /// Every page (1-based) its numbers stand for, ranges expanded.
    pages: Vec<usize>,
    /// The forms a page must show one of (letters only): the words of each mention, and
    /// the stems of the names of authors and addressees with its key.
    forms: BTreeSet<String>,
}

fn volume() -> folio::volume::Volume {
    folio::volume::load(&root().join(MANIFEST))
        .expect("the sample volume loads")
        .0
}

fn forms(volume: &folio::volume::Volume, kind: MentionKind, key: &str) -> BTreeSet<String> {
    fn walk(inlines: &[Inline], kind: MentionKind, key: &str, out: &mut BTreeSet<String>) {
        for i in inlines {
            if let Inline::Mention {
                kind: k,
                key: x,
                content,
            } = i
            {
                if *k == kind && x == key {
                    out.insert(letters(&plain_text(content)));
                }
            }
            walk(i.children(), kind, key, out);
        }
    }
    let mut out = BTreeSet::new();
    for doc in &volume.documents {
        for (_, t) in doc.texts() {
            walk(t.inlines(), kind, key, &mut out);
        }
        for p in doc.authors.iter().chain(&doc.addressees) {
            if p.key.as_deref() == Some(key) {
                // The surname's stem: the heading names the person in another case.
                let surname = p.name.split_whitespace().rfind(|w| w.chars().count() > 3);
                if let Some(s) = surname {
                    out.insert(letters(s).chars().take(5).collect());
                }
            }
        }
    }
    out
}

/// What the library says each entry prints in the PDF.
fn expected(volume: &folio::volume::Volume) -> Vec<Expected> {
    let style = folio::style::Style::edition();
    let pages = folio::layout::volume::volume_pages(volume, &style)
        .expect("the volume lays out")
        .mentions;
    let mentions: Vec<Mentions> = volume.documents.iter().map(Mentions::new).collect();
    let mut out = Vec::new();
    for ix in index::indexes(&volume.register, &mentions, &style) {
        for line in ix.lines() {
            let IndexLine::Entry(e) = line else { continue };
            let numbered: Vec<(usize, Locus)> = e
                .loci
                .iter()
                .map(|l| (pages.target(*l).expect("every mention is set").0 + 1, *l))
                .collect();
            let runs = index::runs(&numbered);
            let numbers: Vec<String> = runs.iter().map(index::run_text).collect();
            out.push(Expected {
                kind: ix.kind,
                line: spaces(&format!(
                    "{}, {}",
                    index::entry_text(e.entry),
                    numbers.join(", ")
                )),
                numbers: runs.len(),
                pages: runs.iter().flat_map(|r| r.from..=r.to).collect(),
                forms: forms(volume, ix.kind, &e.entry.key),
            });
        }
    }
    out
}

fn export(formats: &str, dir: &Path) {
    export_volume(root().join(MANIFEST).to_str().unwrap(), formats, dir);
}

fn page_text(pdf: &Path, page: usize) -> String {
    let n = page.to_string();
    reader(
        "pdftotext",
        &["-f", &n, "-l", &n, pdf.to_str().unwrap(), "-"],
    )
}

#[test]
fn every_page_number_of_the_pdf_index_holds_its_name() {
    let dir = tempdir();
    export("pdf", dir.path());
    let pdf = dir.path().join("sample.pdf");
    let volume = volume();
    let expected = expected(&volume);
    let persons = expected
        .iter()
        .filter(|e| e.kind == MentionKind::Person)
        .count();
    let places = expected.len() - persons;
    assert!(
        persons >= 10 && places >= 4,
        "{persons} persons, {places} places"
    );

    let info = reader("pdfinfo", &[pdf.to_str().unwrap()]);
    let count: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo gives the page count");
    // The index pages: from the first with the index's note to the end.
    let first = (1..=count)
        .find(|&p| page_text(&pdf, p).contains("Цифрами обозначены страницы"))
        .expect("the PDF has an index");
    let index_text = spaces(
        &(first..=count)
            .map(|p| page_text(&pdf, p))
            .collect::<Vec<_>>()
            .join("\n"),
    );
    for heading in ["Именной указатель", "Географический указатель"]
    {
        assert!(index_text.contains(heading), "{heading} is missing");
    }
    assert!(index_text.contains("Джугашвили И. В. — см. Сталин Иосиф Виссарионович"));
    let mut checked = 0;
    for e in &expected {
        assert!(
            index_text.contains(&e.line),
            "the index lacks `{}`:\n{index_text}",
            e.line
        );
        for &p in &e.pages {
            assert!(p < first, "{}: page {p} is not a document's", e.line);
            let text = letters(&page_text(&pdf, p));
            assert!(
                e.forms.iter().any(|f| text.contains(f.as_str())),
                "page {p} shows none of {:?} for `{}`",
                e.forms,
                e.line
            );
            checked += 1;
        }
    }
    assert!(checked >= expected.len(), "{checked} page numbers checked");
    // The page numbers are links: one annotation per number on the index pages (the
    // text's pages have their note references' links), each to a page of the text.
    let links = links_from_page(&pdf, first);
    let numbers: usize = expected.iter().map(|e| e.numbers).sum();
    assert_eq!(links, numbers, "one link per page number");
    // A bookmark for each index.
    let outline = reader("mutool", &["show", pdf.to_str().unwrap(), "outline"]);
    for heading in ["Именной указатель", "Географический указатель"]
    {
        assert!(
            outline.contains(heading),
            "no bookmark for {heading}:\n{outline}"
        );
    }
}

#[test]
fn libreoffice_prints_the_docx_index_with_the_pdfs_numbers() {
    let dir = tempdir();
    export("docx", dir.path());
    let docx = dir.path().join("sample.docx");
    let parts = common::office::zip_parts(&std::fs::read(&docx).unwrap());
    let body = String::from_utf8(
        parts
            .iter()
            .find(|(n, _)| n == "word/document.xml")
            .expect("document.xml")
            .1
            .clone(),
    )
    .unwrap();
    assert!(body.contains(" XE \"Сталин Иосиф Виссарионович\" \\f \"n\" "));
    assert!(body.contains(" XE \"Кустанай\" \\f \"g\" "));
    assert_eq!(
        body.matches(" INDEX ").count(),
        2,
        "one INDEX field per index"
    );
    // The PDF's letter headings, each in Word's "index heading" style, before its group.
    let volume = volume();
    let style = folio::style::Style::edition();
    let mentions: Vec<Mentions> = volume.documents.iter().map(Mentions::new).collect();
    let groups: Vec<(String, String)> = index::indexes(&volume.register, &mentions, &style)
        .iter()
        .flat_map(|ix| {
            ix.groups.iter().map(|(letter, lines)| {
                let first = match &lines[0] {
                    IndexLine::Entry(e) => index::entry_text(e.entry),
                    IndexLine::See { variant, .. } => variant.to_string(),
                };
                // The start of the entry: a long one wraps.
                (
                    letter.clone(),
                    spaces(&first).chars().take(12).collect::<String>(),
                )
            })
        })
        .collect();
    assert!(groups.len() > 5, "{groups:?}");
    assert_eq!(
        body.matches("<w:pStyle w:val=\"IndexHeading\"/>").count(),
        groups.len()
    );
    let pdf = libreoffice_pdf(&docx, dir.path());
    // LibreOffice sets the index in two columns and writes them one after the other:
    // read in content-stream order, each entry is whole.
    let raw = reader("pdftotext", &["-raw", pdf.to_str().unwrap(), "-"]);
    let start = raw
        .find("Именной указатель")
        .expect("LibreOffice prints the index");
    // A line may break after the dash of a range of years.
    let text = spaces(&raw[start..]).replace("– ", "–");
    for e in expected(&volume) {
        assert!(
            text.contains(&e.line),
            "LibreOffice's index lacks `{}`:\n{text}",
            e.line
        );
    }
    // Each letter right before its group's first entry, in order (`spaces` has made the
    // line breaks spaces).
    let mut from = 0;
    for (letter, first) in &groups {
        let heading = format!(" {letter} {first}");
        let k = text[from..]
            .find(&heading)
            .unwrap_or_else(|| panic!("no heading `{letter}` over `{first}`:\n{text}"));
        from += k + heading.len();
    }
}

#[test]
fn the_epub_index_passes_epubcheck_and_every_link_resolves() {
    let dir = tempdir();
    export("epub", dir.path());
    let epub = dir.path().join("sample.epub");
    let jar = std::env::var("FOLIO_EPUBCHECK_JAR")
        .unwrap_or_else(|_| "/usr/share/java/epubcheck.jar".into());
    assert!(
        Path::new(&jar).exists(),
        "epubcheck is not installed: run `make deps`"
    );
    let out = std::process::Command::new("java")
        .args(["-jar", &jar])
        .arg(&epub)
        .output()
        .expect("java runs epubcheck");
    let report =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{report}");
    assert!(report.contains("0 errors / 0 warnings"), "{report}");

    let parts = common::office::zip_parts(&std::fs::read(&epub).unwrap());
    let file = |name: &str| -> Option<String> {
        parts
            .iter()
            .find(|(n, _)| n == &format!("EPUB/{name}"))
            .map(|(_, b)| String::from_utf8(b.clone()).unwrap())
    };
    let mut links = 0;
    for index_file in ["index-names.xhtml", "index-places.xhtml"] {
        let html = file(index_file).unwrap_or_else(|| panic!("{index_file} is missing"));
        assert!(html.contains("epub:type=\"index\""));
        assert!(html.contains("epub:type=\"index-entry\""));
        for piece in html.split("href=\"").skip(1) {
            let href = &piece[..piece.find('"').unwrap()];
            let (path, id) = href.split_once('#').unwrap_or((href, ""));
            let target = if path.is_empty() {
                html.clone()
            } else {
                file(path).unwrap_or_else(|| panic!("{index_file}: {href} names no file"))
            };
            if !id.is_empty() {
                assert!(
                    target.contains(&format!("id=\"{id}\"")),
                    "{index_file}: {href} names no element"
                );
            }
            links += 1;
        }
    }
    let locators: usize = expected(&volume()).len();
    assert!(links > locators, "{links} links for {locators} entries");
    let nav = file("nav.xhtml").unwrap();
    assert!(nav.contains("index-names.xhtml") && nav.contains("index-places.xhtml"));
}

#[test]
fn the_text_index_gives_document_numbers() {
    let dir = tempdir();
    export("txt", dir.path());
    let text = spaces(&std::fs::read_to_string(dir.path().join("sample.txt")).unwrap());
    for line in [
        "ИМЕННОЙ УКАЗАТЕЛЬ",
        "ГЕОГРАФИЧЕСКИЙ УКАЗАТЕЛЬ",
        "Цифрами обозначены номера документов.",
        "Москва, 1, 2",
        "Пенза, 2",
        "Кустанай (ныне Костанай, Казахстан), 1",
        "Ленинград — см. Санкт-Петербург",
        "Смирнов — председатель правления артели «Красный печатник», 4",
    ] {
        assert!(text.contains(line), "the text index lacks `{line}`");
    }
    // Alphabetical: Д before З before С; ё with е; the pre-reform Ѳ after Я.
    let at = |s: &str| text.find(s).unwrap_or_else(|| panic!("{s} missing"));
    assert!(at("Джугашвили") < at("Зиновьев (") && at("Зиновьев (") < at("Сталин ("));
    assert!(at("Федоров —") < at("Ѳедоровъ —"));
}

#[test]
fn an_unmentioned_entry_is_a_warning_and_an_unknown_key_an_error() {
    let dir = tempdir();
    let manifest = dir.path().join("v.volume.toml");
    let persons = dir.path().join("persons.toml");
    std::fs::write(
        &persons,
        "[[persons]]\nkey = \"stalin-i-v\"\nname = \"Сталин Иосиф Виссарионович\"\n\n[[persons]]\nkey = \"never\"\nname = \"Никто\"\n",
    )
    .unwrap();
    let doc = dir.path().join("d.toml");
    std::fs::write(
        &doc,
        "format = \"1.0\"\nid = \"d\"\ntitle = \"T\"\n[[content]]\nrole = \"text\"\ntext = \"[т.Сталину]{person=stalin-i-v}\"\n",
    )
    .unwrap();
    std::fs::write(
        &manifest,
        "title = \"V\"\npersons = \"persons.toml\"\ndocuments = [\"d.toml\"]\n",
    )
    .unwrap();
    let (_, warnings) = folio::volume::load(&manifest).expect("loads");
    let w: Vec<String> = warnings.iter().map(|d| d.to_string()).collect();
    assert!(
        w.iter()
            .any(|d| d.contains("`never` of the register is never mentioned")
                && d.contains("persons.toml:6:1")),
        "{w:?}"
    );
    std::fs::write(
        &doc,
        "format = \"1.0\"\nid = \"d\"\ntitle = \"T\"\n[[content]]\nrole = \"text\"\ntext = \"[т.Сталину]{person=stalin-iv}\"\n",
    )
    .unwrap();
    let Err(folio::diag::Error::Invalid(errors)) = folio::volume::load(&manifest) else {
        panic!("an unknown key is an error")
    };
    let e = errors[0].to_string();
    assert!(e.contains("d.toml:6:"), "{e}");
    assert!(e.contains("did you mean `stalin-i-v`?"), "{e}");
}

/// The link annotations on the pages from `first` (1-based) on, read from qpdf's JSON.
fn links_from_page(pdf: &Path, first: usize) -> usize {
    let json = reader("qpdf", &["--json", pdf.to_str().unwrap()]);
    let json: serde_json::Value = serde_json::from_str(&json).expect("qpdf writes JSON");
    let objects = &json["qpdf"][1];
    let value = |r: &serde_json::Value| -> serde_json::Value {
        match r.as_str() {
            Some(r) => objects[format!("obj:{r}")]["value"].clone(),
            None => r.clone(),
        }
    };
    let mut links = 0;
    for page in json["pages"]
        .as_array()
        .expect("pages")
        .iter()
        .skip(first - 1)
    {
        let page = value(&page["object"]);
        let annots = value(&page["/Annots"]);
        for a in annots.as_array().into_iter().flatten() {
            if value(a)["/Subtype"] == "/Link" {
                links += 1;
            }
        }
    }
    links
}

//! Volumes: the sample volume's plain-text edition, and manifest errors.

mod common;
use common::*;

const MANIFEST: &str = "samples/volume/sample.volume.toml";

#[test]
fn the_text_volume_has_contents_front_matter_and_every_document() {
    let dir = tempdir();
    export_volume(MANIFEST, "txt", dir.path());
    let text = std::fs::read_to_string(dir.path().join("sample.txt")).unwrap();
    let (volume, _) = folio::volume::load(&root().join(MANIFEST)).unwrap();
    assert_eq!(volume.documents.len(), 4);
    // Contents first: every document's number and the start of its title, in order.
    let contents_at = text.find("Содержание").expect("a contents list");
    let preface_at = text.find("Предисловие").expect("the preface");
    let abbreviations_at = text.find("Список сокращений").expect("the abbreviations");
    assert!(contents_at < preface_at && preface_at < abbreviations_at);
    let contents = &text[contents_at..preface_at];
    let mut at = 0;
    for doc in &volume.documents {
        let entry = format!("№ {}.", doc.number.as_deref().unwrap());
        at += contents[at..]
            .find(&entry)
            .unwrap_or_else(|| panic!("{entry} in contents"));
    }
    // Then each document, whole, in order, after a separator.
    let body = &text[abbreviations_at..];
    let mut at = 0;
    for doc in &volume.documents {
        let edition = folio::text::write(doc, &folio::style::Style::default());
        let k = body[at..]
            .find(&edition)
            .expect("each document's own edition, whole");
        assert!(
            body[..at + k].trim_end().ends_with(&"=".repeat(72)),
            "a separator before each document"
        );
        at += k + edition.len();
    }
}

#[test]
fn a_manifest_naming_a_missing_document_is_an_error_with_position() {
    let dir = tempdir();
    let manifest = dir.path().join("bad.volume.toml");
    std::fs::write(
        &manifest,
        "title = \"T\"\ndocuments = [\n  \"missing/*.toml\",\n]\n",
    )
    .unwrap();
    let out = run(&[
        "volume",
        manifest.to_str().unwrap(),
        "--to",
        "txt",
        "--out-dir",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("error[F0602]: `missing/*.toml` names no document")
            && err.contains("bad.volume.toml:3:3\n"),
        "{err}"
    );
    assert!(!dir.path().join("bad.txt").exists());
}

/// Runs a reader program; a missing program fails the test with the way to install it.
fn reader(program: &str, args: &[&str]) -> std::process::Output {
    std::process::Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {program} ({e}): run `make deps`"))
}

fn pdftotext_page(pdf: &str, page: usize) -> String {
    let p = page.to_string();
    // -raw: in content order, which keeps the no-break space of "№ 1" that the layout
    // modes drop for its narrow gap.
    let out = reader("pdftotext", &["-f", &p, "-l", &p, "-raw", pdf, "-"]);
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout)
        .replace('\u{a0}', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Checks that the PDF's contents send each document to the page where it starts, and
/// returns those pages.
fn contents_pages(pdf: &str, volume: &folio::volume::Volume) -> Vec<usize> {
    let mut pages = Vec::new();
    let contents_page = (1..=4)
        .find(|&p| pdftotext_page(pdf, p).contains("Содержание"))
        .expect("a contents page among the first four");
    let contents = pdftotext_page(pdf, contents_page);
    for (k, doc) in volume.documents.iter().enumerate() {
        let number = format!("№ {}.", doc.number.as_deref().unwrap());
        let at = contents
            .find(&number)
            .unwrap_or_else(|| panic!("{number} in the contents: {contents}"));
        let next = volume
            .documents
            .get(k + 1)
            .and_then(|d| contents.find(&format!("№ {}.", d.number.as_deref().unwrap())))
            .unwrap_or(contents.len());
        let page: usize = contents[at..next]
            .split_whitespace()
            .filter_map(|w| w.parse().ok())
            .next_back()
            .unwrap_or_else(|| panic!("a page number for {number}"));
        let text = pdftotext_page(pdf, page);
        let title_start: String = folio::markup::plain_text(doc.title.inlines())
            .split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ");
        pages.push(page);
        assert!(
            text.contains(&format!("№ {}", doc.number.as_deref().unwrap()))
                && text.contains(&title_start),
            "the contents send {number} to page {page}, which holds: {text:.120}"
        );
    }

    pages
}

#[test]
fn the_sample_volume_exports_to_every_edition() {
    let dir = tempdir();
    let out_dir = dir.path().to_str().unwrap();
    export_volume(MANIFEST, "all", dir.path());
    let (volume, _) = folio::volume::load(&root().join(MANIFEST)).unwrap();

    // PDF: valid, and the contents give each document's real first page.
    let pdf = dir.path().join("sample.pdf");
    let pdf = pdf.to_str().unwrap();
    let check = reader("qpdf", &["--check", pdf]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    contents_pages(pdf, &volume);

    // EPUB: epubcheck 5, no error, no warning, no usage message but the fonts'.
    let epub = dir.path().join("sample.epub");
    epubtools::assert_epubcheck_clean(&epub, "the volume");

    // DOCX: LibreOffice opens it and finds every document's title.
    let docx = dir.path().join("sample.docx");
    let profile = format!("-env:UserInstallation=file://{}/lo", dir.path().display());
    let out = reader(
        "soffice",
        &[
            &profile,
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            &format!("{}/lo-out", out_dir),
            docx.to_str().unwrap(),
        ],
    );
    let converted = dir.path().join("lo-out/sample.pdf");
    assert!(
        out.status.success() && converted.is_file(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = reader("pdftotext", &[converted.to_str().unwrap(), "-"]);
    let text = String::from_utf8_lossy(&text.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for doc in &volume.documents {
        let first_words: String = folio::markup::plain_text(doc.title.inlines())
            .split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            text.contains(&first_words),
            "LibreOffice's text holds `{first_words}`"
        );
    }
}

#[test]
fn run_on_documents_share_pages_and_the_contents_stay_right() {
    let dir = tempdir();
    let style = dir.path().join("run-on.style.toml");
    std::fs::write(&style, "[pdf]\ndocument-start = \"run-on\"\n").unwrap();
    let manifest = dir.path().join("run-on.volume.toml");
    let text = std::fs::read_to_string(root().join(MANIFEST))
        .unwrap()
        .replace(
            "preset = \"edition\"",
            &format!("style = \"{}\"", style.display()),
        )
        .replace("\"../", &format!("\"{}/samples/", root().display()))
        .replace(
            "\"persons.register.toml\"",
            &format!(
                "\"{}/samples/volume/persons.register.toml\"",
                root().display()
            ),
        )
        .replace(
            "\"places.register.toml\"",
            &format!(
                "\"{}/samples/volume/places.register.toml\"",
                root().display()
            ),
        );
    std::fs::write(&manifest, text).unwrap();
    export_volume(manifest.to_str().unwrap(), "pdf", dir.path());
    let (volume, _) = folio::volume::load(&manifest).unwrap();
    let pdf = dir.path().join("run-on.pdf");
    let pages = contents_pages(pdf.to_str().unwrap(), &volume);
    // A document after the first runs on: it starts on the page where the one before it
    // ends, below its text (its number line is not at the top of the page).
    let shared = (1..pages.len()).any(|k| {
        let text = pdftotext_page(pdf.to_str().unwrap(), pages[k]);
        let number = format!("№ {}", volume.documents[k].number.as_deref().unwrap());
        text.find(&number).is_some_and(|at| at > 200)
    });
    assert!(shared, "no document ran on: {pages:?}");
    let check = reader("qpdf", &["--check", pdf.to_str().unwrap()]);
    assert!(check.status.success());
}

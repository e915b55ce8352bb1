//! The EPUB edition, checked with its real readers on every sample: epubcheck (0 errors,
//! 0 warnings), pandoc (every word of the transcription in order, every note once), the
//! embedded fonts (subsets, declared in the CSS, covering the text), reproducibility.

mod common;

use common::epubtools::{assert_epubcheck_clean, epubcheck};
use folio::markup::plain_text;
use folio::shared::{transcription_words, Labels, NoteNumbers};
use folio::style::Style;
use folio::writers::{write, Format};
use std::path::{Path, PathBuf};
use std::process::Command;

fn samples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("samples/ exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    v.sort();
    assert!(
        v.len() >= 4,
        "expected the four samples in {}",
        dir.display()
    );
    v
}

fn document(path: &Path) -> folio::model::Document {
    folio::read::read_file(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .document
}

fn export(doc: &folio::model::Document) -> Vec<u8> {
    write(Format::Epub, doc, &Style::default())
        .unwrap_or_else(|e| panic!("{}: {e}", doc.id))
        .bytes
}

/// The files of an EPUB by name, in the container's order.
fn entries(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    common::office::zip_parts(bytes)
}

fn entry(bytes: &[u8], name: &str) -> String {
    let e = entries(bytes);
    let data = e
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no {name} in the EPUB"));
    String::from_utf8(data.1.clone()).expect("UTF-8")
}

fn temp_epub(dir: &tempfile::TempDir, doc: &folio::model::Document) -> PathBuf {
    let path = dir.path().join(format!("{}.epub", doc.id));
    std::fs::write(&path, export(doc)).expect("write the EPUB");
    path
}

fn pandoc_plain(path: &Path) -> String {
    let out = Command::new("pandoc")
        .args(["-f", "epub", "-t", "plain", "--wrap=none"])
        .arg(path)
        .output()
        .unwrap_or_else(|e| panic!("cannot run pandoc ({e}): run `make deps`"));
    assert!(
        out.status.success(),
        "pandoc failed on {}: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("pandoc writes UTF-8")
}

#[test]
fn epubcheck_finds_no_error_and_no_warning() {
    let dir = tempfile::tempdir().unwrap();
    for sample in samples() {
        let path = temp_epub(&dir, &document(&sample));
        assert_epubcheck_clean(&path, &sample.display().to_string());
    }
}

/// Superscripts inside a word (`1^(му)`, as pandoc writes a superscript) are joined back,
/// so the word compares with the transcription's. Editorial brackets (`Пет[ербургск]аго`)
/// stay: `transcription_words` counts supplied text as words of its own.
fn join_word_internal_marks(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    let alnum = |c: Option<&char>| c.is_some_and(|c| c.is_alphanumeric());
    while i < chars.len() {
        let open = match (chars[i], chars.get(i + 1)) {
            ('^', Some('(')) | ('_', Some('(')) => Some((2, ')')),
            _ => None,
        };
        if let Some((len, close)) = open {
            if let Some(end) = chars[i + len..].iter().position(|&c| c == close) {
                let inner = &chars[i + len..i + len + end];
                let word = !inner.is_empty()
                    && inner.iter().all(|c| c.is_alphanumeric() || *c == '\u{301}')
                    && !inner.iter().all(|c| c.is_ascii_digit());
                let before = i > 0 && alnum(chars.get(i - 1));
                let after = alnum(chars.get(i + len + end + 1));
                if word && (before || after || len == 2) {
                    out.extend(inner);
                    i += len + end + 1;
                    continue;
                }
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '\u{301}'))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn squash(s: &str) -> String {
    s.replace('\u{a0}', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn pandoc_reads_every_word_in_order_and_every_note_once() {
    let dir = tempfile::tempdir().unwrap();
    for sample in samples() {
        let doc = document(&sample);
        let path = temp_epub(&dir, &doc);
        let text = pandoc_plain(&path);
        let found = words(&join_word_internal_marks(&text));
        let mut at = 0;
        for w in transcription_words(&doc) {
            match found[at..].iter().position(|f| *f == w) {
                Some(k) => at += k + 1,
                None => panic!(
                    "{}: pandoc does not read `{w}` after word {at} of its output:\n{text}",
                    sample.display()
                ),
            }
        }
        let flat = squash(&text);
        let labels = Labels::for_language(&doc.language);
        let numbers = NoteNumbers::new(&doc, &Style::default());
        let bodies: Vec<String> = numbers
            .entries()
            .iter()
            .map(|e| squash(&plain_text(&e.inlines(labels))))
            .collect();
        assert!(
            !bodies.is_empty(),
            "{}: every sample has notes",
            sample.display()
        );
        for (entry, body) in numbers.entries().iter().zip(&bodies) {
            let same = bodies.iter().filter(|b| *b == body).count();
            assert_eq!(
                flat.matches(body.as_str()).count(),
                same,
                "{}: note {} `{body}` must appear exactly once:\n{text}",
                sample.display(),
                entry.number
            );
            // pandoc prints the note's number once, as "[n] ", right before its text: the
            // number is not repeated inside the note.
            let n = entry.number;
            assert!(
                flat.contains(&format!("[{n}] {body}")),
                "{}: note {n} is not `[{n}] {body}`:\n{text}",
                sample.display()
            );
            assert!(
                !flat.contains(&format!("[{n}] {n}")),
                "{}: note number {n} shown twice:\n{text}",
                sample.display()
            );
        }
    }
}

#[test]
fn fonts_are_subsets_declared_in_the_css_and_cover_the_text() {
    for sample in samples() {
        let doc = document(&sample);
        let bytes = export(&doc);
        let files = entries(&bytes);
        let css = entry(&bytes, "EPUB/style.css");
        let opf = entry(&bytes, "EPUB/package.opf");
        let fonts: Vec<&(String, Vec<u8>)> = files
            .iter()
            .filter(|(n, _)| n.starts_with("EPUB/fonts/"))
            .collect();
        assert!(
            fonts.iter().any(|(n, _)| n == "EPUB/fonts/Regular.ttf"),
            "{}: the upright face is embedded",
            sample.display()
        );
        let mut covered = std::collections::BTreeSet::new();
        for (name, data) in &fonts {
            let file = name.trim_start_matches("EPUB/");
            let original: &[u8] = match file {
                "fonts/Regular.ttf" => folio::fonts::PT_SERIF_REGULAR,
                "fonts/Italic.ttf" => folio::fonts::PT_SERIF_ITALIC,
                "fonts/Bold.ttf" => folio::fonts::PT_SERIF_BOLD,
                "fonts/BoldItalic.ttf" => folio::fonts::PT_SERIF_BOLD_ITALIC,
                other => panic!("unexpected font {other}"),
            };
            assert!(
                data.len() * 3 < original.len(),
                "{}: {file} is {} bytes, not a subset of {}",
                sample.display(),
                data.len(),
                original.len()
            );
            assert!(
                css.contains(&format!("url(\"{file}\")")),
                "{}: {file} is not declared in the CSS:\n{css}",
                sample.display()
            );
            assert!(
                opf.contains(&format!("href=\"{file}\" media-type=\"font/ttf\"")),
                "{}: {file} is not in the manifest",
                sample.display()
            );
            let face = ttf_parser::Face::parse(data, 0)
                .unwrap_or_else(|e| panic!("{}: {file} does not parse: {e}", sample.display()));
            assert!(face.tables().os2.is_some(), "{file}: an OS/2 table");
            for c in transcription_words(&doc).concat().chars() {
                if face.glyph_index(c).is_some_and(|g| g.0 != 0) {
                    covered.insert(c);
                }
            }
        }
        let original = ttf_parser::Face::parse(folio::fonts::PT_SERIF_REGULAR, 0).unwrap();
        for c in transcription_words(&doc).concat().chars() {
            if original.glyph_index(c).is_some() {
                assert!(
                    covered.contains(&c),
                    "{}: `{c}` is in no embedded subset",
                    sample.display()
                );
            }
        }
    }
}

#[test]
fn two_exports_are_byte_identical_and_the_container_is_well_formed() {
    for sample in samples() {
        let doc = document(&sample);
        let a = export(&doc);
        let b = export(&doc);
        assert!(a == b, "{}: two exports differ", sample.display());
        // OCF: `mimetype` first, stored (method 0), no extra field, then its content.
        assert_eq!(&a[0..4], b"PK\x03\x04");
        assert_eq!(u16::from_le_bytes([a[8], a[9]]), 0, "mimetype is stored");
        assert_eq!(u16::from_le_bytes([a[28], a[29]]), 0, "no extra field");
        assert_eq!(&a[30..38], b"mimetype");
        assert_eq!(&a[38..58], b"application/epub+zip");
        let names: Vec<String> = entries(&a).into_iter().map(|(n, _)| n).collect();
        assert_eq!(names[1], "META-INF/container.xml");
        assert_eq!(names[2], "EPUB/package.opf");
    }
}

#[test]
fn the_identifier_is_stable_and_the_date_comes_from_source_date_epoch() {
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/zinoviev-1932-12-03.toml");
    let dir = tempfile::tempdir().unwrap();
    let run = |epoch: Option<&str>, out: &str| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_folio"));
        cmd.arg("export")
            .arg(&seed)
            .args(["--to", "epub", "-o"])
            .arg(dir.path().join(out));
        match epoch {
            Some(e) => cmd.env("SOURCE_DATE_EPOCH", e),
            None => cmd.env_remove("SOURCE_DATE_EPOCH"),
        };
        let status = cmd.status().expect("folio runs");
        assert!(status.success());
        std::fs::read(dir.path().join(out)).unwrap()
    };
    let a = run(Some("1700000000"), "a.epub");
    let b = run(Some("1700000000"), "b.epub");
    assert!(a == b, "same input and epoch, different bytes");
    let opf = entry(&a, "EPUB/package.opf");
    assert!(
        opf.contains("<meta property=\"dcterms:modified\">2023-11-14T22:13:20Z</meta>"),
        "{opf}"
    );
    let expected = folio::epub::identifier("zinoviev-1932-12-03");
    assert!(expected.starts_with("urn:uuid:") && expected.len() == 45);
    assert!(
        opf.contains(&format!(">{expected}</dc:identifier>")),
        "{opf}"
    );
    assert_ne!(expected, folio::epub::identifier("telegram-1918-09-02"));
    let c = run(None, "c.epub");
    let opf = entry(&c, "EPUB/package.opf");
    assert!(
        opf.contains("<meta property=\"dcterms:modified\">1980-01-01T00:00:00Z</meta>"),
        "without SOURCE_DATE_EPOCH the date is fixed, never the clock: {opf}"
    );
}

#[test]
fn the_seed_is_laid_out_by_roles_with_epub3_notes_and_languages() {
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/zinoviev-1932-12-03.toml");
    let doc = document(&seed);
    let bytes = export(&doc);
    let x = entry(&bytes, "EPUB/document.xhtml");
    assert!(x.contains("lang=\"ru\" xml:lang=\"ru\""));
    // Two top-left marks in one column beside the address at the right.
    let opening = x.find("<div class=\"opening\">").expect("an opening");
    let left = x.find("<div class=\"opening-left\">").unwrap();
    let right = x.find("<div class=\"opening-right\">").unwrap();
    let address = x.find("<div class=\"address right\">").unwrap();
    assert!(opening < left && left < right && right < address);
    assert_eq!(x[left..right].matches("<div class=\"mark ").count(), 2);
    assert!(x.contains("<p class=\"mark-signature\">Сталин."));
    assert!(x.contains(
        "<p class=\"signature right autograph\"><span class=\"name\">Г.\u{a0}Зиновьев</span></p>"
    ));
    // Notes: a noteref and a footnote aside with a link back, per note.
    let n = NoteNumbers::new(&doc, &Style::default()).entries().len();
    assert_eq!(x.matches("epub:type=\"noteref\"").count(), n);
    assert_eq!(x.matches("epub:type=\"footnote\"").count(), n);
    for k in 1..=n {
        assert!(x.contains(&format!("href=\"#note-{k}\" id=\"ref-{k}\"")));
        assert!(x.contains(&format!("<a class=\"back\" href=\"#ref-{k}\"")));
    }
    let legend = x.find("class=\"legend\"").unwrap();
    assert!(
        legend > x.rfind("class=\"closer\"").unwrap(),
        "legend after the text"
    );
    let nav = entry(&bytes, "EPUB/nav.xhtml");
    assert!(nav.contains("lang=\"ru\" xml:lang=\"ru\"") && nav.contains("epub:type=\"toc\""));

    // Pre-1918 spelling: the document keeps its tag, the apparatus is modern Russian.
    let letter =
        document(&Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/letter-1911-03-14.toml"));
    let bytes = export(&letter);
    let x = entry(&bytes, "EPUB/document.xhtml");
    assert!(x.contains("<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" lang=\"ru-petr1708\" xml:lang=\"ru-petr1708\">"));
    assert!(x.contains("<section class=\"notes\" id=\"notes\" epub:type=\"footnotes\" aria-labelledby=\"notes-heading\" lang=\"ru\" xml:lang=\"ru\">"));
    assert!(x.contains("<p class=\"folio\" id=\"folio-1\" epub:type=\"pagebreak\" role=\"doc-pagebreak\" aria-label=\"л. 1 об.\">/л. 1 об./</p>"));
    assert!(x.contains("class=\"mark marginal-note left-margin\""));
    let opf = entry(&bytes, "EPUB/package.opf");
    assert!(opf.contains("<dc:language>ru-petr1708</dc:language>"));
    assert_eq!(opf.matches("<dc:creator id=").count(), 2);
}

#[test]
fn a_volume_passes_epubcheck_with_every_document_in_the_nav() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let manifest = dir.path().join("volume.toml");
    std::fs::write(
        &manifest,
        format!(
            r#"title = "Письма и телеграммы"
subtitle = "Документы. 1911–1932"
editors = ["Составитель А. Б. Иванов"]
year = "2026"
preface = """
Сборник составлен из _образцов_ folio.

Второй абзац предисловия.
"""
abbreviations = [
  {{ short = "РГАСПИ", full = "Российский государственный архив социально-политической истории" }},
  {{ short = "ГА РФ", full = "Государственный архив Российской Федерации" }},
]
documents = ["{}", "{}"]
"#,
            root.join("samples/zinoviev-1932-12-03.toml").display(),
            root.join("samples/letter-1911-03-14.toml").display()
        ),
    )
    .unwrap();
    let (volume, _) = folio::volume::load(&manifest).unwrap_or_else(|e| panic!("{e}"));
    let out = folio::writers::write_volume(Format::Epub, &volume, &Style::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("volume.epub");
    std::fs::write(&path, &out.bytes).unwrap();
    // FOLIO_EPUB_KEEP=DIR keeps the volume for a look.
    if let Ok(keep) = std::env::var("FOLIO_EPUB_KEEP") {
        std::fs::write(Path::new(&keep).join("volume.epub"), &out.bytes).unwrap();
    }
    let (ok, text) = epubcheck(&path);
    assert!(
        ok && text.contains("0 fatals / 0 errors / 0 warnings"),
        "{text}"
    );
    let nav = entry(&out.bytes, "EPUB/nav.xhtml");
    for href in [
        "preface.xhtml",
        "abbreviations.xhtml",
        "doc-001.xhtml",
        "doc-002.xhtml",
    ] {
        assert!(
            nav.contains(&format!("href=\"{href}\"")),
            "{href} in the nav:\n{nav}"
        );
    }
    let doc2 = entry(&out.bytes, "EPUB/doc-002.xhtml");
    assert!(doc2.contains("xml:lang=\"ru-petr1708\""));
    let plain = pandoc_plain(&path);
    for w in ["Предисловие", "Список", "РГАСПИ", "Кустанай", "Спѣшимъ"]
    {
        assert!(plain.contains(w), "`{w}` in the volume:\n{plain}");
    }
}

#[test]
fn other_style_settings_still_make_a_valid_book() {
    let style = Style::from_toml(
        "[inline]\nunderline = \"underline\"\ndeleted = \"brackets\"\n[marks]\nhand = \"inline\"\n\
         [epub]\ntitle-page = false\nhyphenate = false\nline-height = 1.3\n",
        None,
        "test.toml",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let dir = tempfile::tempdir().unwrap();
    let letter =
        document(&Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/letter-1911-03-14.toml"));
    let bytes = write(Format::Epub, &letter, &style).unwrap().bytes;
    let path = dir.path().join("letter.epub");
    std::fs::write(&path, &bytes).unwrap();
    let (ok, text) = epubcheck(&path);
    assert!(
        ok && text.contains("0 fatals / 0 errors / 0 warnings"),
        "{text}"
    );
    let names: Vec<String> = entries(&bytes).into_iter().map(|(n, _)| n).collect();
    assert!(
        !names.iter().any(|n| n == "EPUB/title.xhtml"),
        "no title page"
    );
    let x = entry(&bytes, "EPUB/document.xhtml");
    assert!(
        x.contains("<del class=\"deleted\">‹ІІ›</del>"),
        "deleted in brackets"
    );
    assert!(x.contains(
        "<p class=\"mark-hand\" lang=\"ru\" xml:lang=\"ru\">Рукой Н. И. Кузнецова карандашом.</p>"
    ));
    let css = entry(&bytes, "EPUB/style.css");
    assert!(css.contains(".underline { text-decoration: underline; }"));
    assert!(css.contains("hyphens: manual") && css.contains("line-height: 1.3"));
    // The hand of the mark is now set in italic: the italic face is embedded for it.
    assert!(
        names.iter().any(|n| n == "EPUB/fonts/Italic.ttf"),
        "{names:?}"
    );

    let bare = Style::from_toml("[epub]\nembed-fonts = false\n", None, "t.toml").unwrap();
    let bytes = write(Format::Epub, &letter, &bare).unwrap().bytes;
    assert!(!entries(&bytes)
        .iter()
        .any(|(n, _)| n.starts_with("EPUB/fonts/")));
    assert!(!entry(&bytes, "EPUB/style.css").contains("@font-face"));
}

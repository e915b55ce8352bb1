//! The DOCX edition, checked with its real readers on every sample: LibreOffice converts it
//! (with the system's PT fonts hidden, so only the embedded font can give PT Serif),
//! pdftotext finds every word, pdffonts finds PT Serif, pandoc reads every style and note
//! back; the XML keeps the schema's element order; the bytes are reproducible.

mod common;

use common::office::{libreoffice_pdf, reader as run, require, zip_parts as parts};
use folio::model::{Block, Document, MarkKind, Side};
use folio::style::Style;
use folio::writers::Format;
use std::path::{Path, PathBuf};
use std::process::Command;

fn samples() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/samples"))
        .expect("samples/ exists")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    v.sort();
    assert!(v.len() >= 4, "the four samples are there");
    v
}

fn read(path: &Path) -> Document {
    folio::read::read_file(path)
        .unwrap_or_else(|e| panic!("{} reads: {e}", path.display()))
        .document
}

fn docx(doc: &Document, style: &Style) -> Vec<u8> {
    folio::writers::write(Format::Docx, doc, style)
        .expect("the DOCX edition is written")
        .bytes
}

fn part(bytes: &[u8], name: &str) -> String {
    let data = parts(bytes)
        .into_iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("{name} is in the package"))
        .1;
    String::from_utf8(data).expect("XML parts are UTF-8")
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\u{301}'))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Checks that `expected` occurs in `found` in order (other words may come between: note
/// numbers, footnotes at a page foot). A word may be split over several found pieces, as a
/// hyphenated or letter-spaced word comes out of pdftotext.
/// Takes the marks in the right margin out of `doc`, returning their words: a reader takes
/// such a mark after the paragraph it stands beside (its cell is the second of the row), as
/// pdftotext takes the PDF's.
fn take_right_margin_marks(doc: &mut Document) -> Vec<String> {
    let mut taken = Vec::new();
    doc.content.retain(|b| match b {
        Block::Mark(m) if m.position == folio::model::Position::RightMargin => {
            taken.extend(words(&folio::markup::plain_text(m.text.inlines())));
            false
        }
        _ => true,
    });
    taken
}

fn assert_in_order(expected: &[String], found: &[String], what: &str) {
    let mut at = 0;
    for w in expected {
        match find_word(w, found, at) {
            Some(next) => at = next,
            None => {
                let context: Vec<&String> = found.iter().skip(at).take(12).collect();
                panic!(
                    "{what}: the word `{w}` is missing or out of order; next found: {context:?}"
                );
            }
        }
    }
}

/// Where `w` ends in `found`, searching from `from`: the index after its last piece.
fn find_word(w: &str, found: &[String], from: usize) -> Option<usize> {
    for start in from..found.len() {
        let mut acc = String::new();
        for (k, piece) in found.iter().enumerate().skip(start) {
            acc.push_str(piece);
            // A note mark in superscript runs into the word before it: "Пасхѣ2", "20/IIIа".
            let glued_number = acc.strip_prefix(w).is_some_and(common::is_note_mark);
            if acc == w || glued_number {
                return Some(k + 1);
            }
            if !w.starts_with(acc.as_str()) {
                break;
            }
        }
    }
    None
}

#[test]
fn libreoffice_shows_every_word_in_the_embedded_pt_serif() {
    require("pdftotext");
    require("pdffonts");
    for path in samples() {
        let doc = read(&path);
        let dir = tempfile::tempdir().expect("a temporary directory");
        let file = dir.path().join(format!("{}.docx", doc.id));
        std::fs::write(&file, docx(&doc, &Style::default())).expect("the DOCX is written");
        let pdf = libreoffice_pdf(&file, dir.path());
        let pdf = pdf.to_str().expect("a UTF-8 path");
        let found = words(&run("pdftotext", &["-raw", pdf, "-"]));
        // The body in reading order; each note's words in order (notes stand at the foot of
        // the page where they are called, so they interleave with the body).
        let mut body_only = doc.clone();
        body_only.notes.clear();
        let right_margin = take_right_margin_marks(&mut body_only);
        assert_in_order(
            &folio::shared::transcription_words(&body_only),
            &found,
            &format!("{} (body)", doc.id),
        );
        for w in right_margin {
            assert!(
                found.contains(&w),
                "{}: the word `{w}` of a mark in the right margin is there",
                doc.id
            );
        }
        for note in &doc.notes {
            let expected = words(&folio::markup::plain_text(note.text.inlines()));
            assert_in_order(&expected, &found, &format!("{} (note {})", doc.id, note.id));
        }
        let fonts = run("pdffonts", &[pdf]);
        assert!(
            fonts.contains("PTSerif-Regular"),
            "{}: LibreOffice uses the embedded PT Serif:\n{fonts}",
            doc.id
        );
        assert!(
            !fonts.contains("DejaVuSans ") && !fonts.contains("DejaVuSerif "),
            "{}: no text falls back to DejaVu:\n{fonts}",
            doc.id
        );
    }
}

#[test]
fn without_embedding_the_hidden_font_is_not_found() {
    // The control for the test above: with the same fontconfig setup and no embedded font,
    // PT Serif must be missing — otherwise the setup does not hide the system's fonts.
    require("pdffonts");
    let doc = read(&samples()[samples().len() - 1]);
    let mut style = Style::default();
    style.docx.embed_fonts = folio::style::docx::FontEmbedding::None;
    let dir = tempfile::tempdir().expect("a temporary directory");
    let file = dir.path().join("plain.docx");
    std::fs::write(&file, docx(&doc, &style)).expect("the DOCX is written");
    let pdf = libreoffice_pdf(&file, dir.path());
    let fonts = run("pdffonts", &[pdf.to_str().expect("a UTF-8 path")]);
    assert!(
        !fonts.contains("PTSerif"),
        "PT Serif must be hidden from LibreOffice in these tests:\n{fonts}"
    );
}

/// The style names a document's roles must show in pandoc.
/// Whether a mark stands in the page margin (the samples' marks there all have a block to
/// stand beside, and the default margins hold them).
fn in_margin(m: &folio::model::Mark) -> bool {
    matches!(
        m.position,
        folio::model::Position::LeftMargin | folio::model::Position::RightMargin
    )
}

fn expected_styles(doc: &Document) -> Vec<&'static str> {
    let mut v = vec!["Document Title", "Legend"];
    if doc.number.is_some() {
        v.push("Document Number");
    }
    if doc.date.is_some() || doc.place.is_some() {
        v.push("Document Date");
    }
    for b in &doc.content {
        match b {
            Block::Dateline(_) => v.push("Dateline"),
            // A mark in the margin sets every part in its kind's smaller style.
            Block::Mark(m) if in_margin(m) => v.push(match m.kind {
                MarkKind::Resolution => "Mark Resolution In Margin",
                MarkKind::Annotation => "Mark Annotation In Margin",
                MarkKind::Stamp => "Mark Stamp",
                MarkKind::Registration => "Mark Registration In Margin",
                MarkKind::MarginalNote => "Mark Marginal Note",
            }),
            Block::Mark(m) => {
                v.push(match m.kind {
                    MarkKind::Resolution => "Mark Resolution",
                    MarkKind::Annotation => "Mark Annotation",
                    MarkKind::Stamp => "Mark Stamp",
                    MarkKind::Registration => "Mark Registration",
                    MarkKind::MarginalNote => "Mark Marginal Note",
                });
                if m.signature.is_some() || m.date.is_some() {
                    v.push("Mark Signature");
                }
            }
            Block::Address(_) => v.push("Address"),
            Block::Heading(_) => v.push("Document Heading"),
            Block::Salutation(_) => v.push("Opening Salutation"),
            Block::Text(t) => v.push(if t.indent {
                "Transcription Text"
            } else {
                "Transcription Text Flush"
            }),
            Block::Quote(_) => v.push("Quotation"),
            Block::List(_) => v.push("List Item"),
            Block::Table(_) => v.push("Transcription Text Flush"),
            Block::Closer(c) => {
                if !c.lines.is_empty() {
                    v.push("Closer");
                }
                for s in &c.signatures {
                    v.push(match s.side {
                        Side::Right => "Document Signature Right",
                        Side::Left => "Document Signature Left",
                    });
                }
            }
            Block::Postscript(_) => v.push("Postscript"),
            Block::Folio(_) => v.push("Folio Break"),
        }
    }
    v
}

/// The character styles of the inline marks a text uses.
fn expected_char_styles(inlines: &[folio::markup::Inline], out: &mut Vec<&'static str>) {
    use folio::markup::Inline;
    for i in inlines {
        let (name, content): (Option<&'static str>, &[Inline]) = match i {
            Inline::Underline { double, content } => (
                Some(if *double {
                    "Underlined Twice in Original"
                } else {
                    "Underlined in Original"
                }),
                content,
            ),
            Inline::Spaced(c) => (Some("Spaced in Original"), c),
            Inline::Deleted(c) => (Some("Deleted in Original"), c),
            Inline::Inserted { content, .. } => (Some("Inserted in Original"), content),
            Inline::Unclear(c) => (Some("Unclear Reading"), c),
            Inline::Supplied(c) => (Some("Supplied by Editor"), c),
            Inline::Hand { content, .. } => (Some("Other Hand"), content),
            Inline::Gap(_) => (Some("Editorial Comment"), &[]),
            Inline::Sic(c) | Inline::Superscript(c) | Inline::Subscript(c) => (None, c),
            _ => (None, &[]),
        };
        out.extend(name);
        expected_char_styles(content, out);
    }
}

#[test]
fn pandoc_reads_every_style_and_every_note() {
    require("pandoc");
    for path in samples() {
        let doc = read(&path);
        let style = Style::default();
        let dir = tempfile::tempdir().expect("a temporary directory");
        let file = dir.path().join("d.docx");
        std::fs::write(&file, docx(&doc, &style)).expect("the DOCX is written");
        let native = run(
            "pandoc",
            &[
                "-f",
                "docx+styles",
                "-t",
                "native",
                file.to_str().expect("UTF-8"),
            ],
        );
        let mut names = expected_styles(&doc);
        for block in &doc.content {
            for t in block.texts() {
                expected_char_styles(t.inlines(), &mut names);
            }
        }
        for name in names {
            assert!(
                native.contains(&format!("( \"custom-style\" , \"{name}\" )")),
                "{}: pandoc finds the style `{name}`",
                doc.id
            );
        }
        let numbers = folio::shared::NoteNumbers::new(&doc, &style);
        assert!(!numbers.entries().is_empty(), "every sample has notes");
        assert_eq!(
            native.matches("Note\n").count() + native.matches("Note [").count(),
            numbers.entries().len(),
            "{}: every numbered note is a footnote",
            doc.id
        );
        // pandoc writes non-ASCII as escapes; compare the notes' words through plain text.
        let plain = run(
            "pandoc",
            &["-f", "docx", "-t", "plain", file.to_str().expect("UTF-8")],
        );
        let found = words(&plain);
        let labels = folio::shared::Labels::for_language(&doc.language);
        for entry in numbers.entries() {
            let expected = words(&folio::markup::plain_text(&entry.inlines(labels)));
            assert_in_order(
                &expected,
                &found,
                &format!("{} note {}", doc.id, entry.number),
            );
        }
    }
}

/// The children of every `<name>` element in `xml`, by local tag name.
fn children_of(xml: &str, name: &str) -> Vec<Vec<String>> {
    let open = format!("<{name}>");
    let close = format!("</{name}>");
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(start) = rest.find(&open) {
        let inner_start = start + open.len();
        let Some(len) = rest[inner_start..].find(&close) else {
            break;
        };
        let inner = &rest[inner_start..inner_start + len];
        // Direct children: tags opened at depth 0.
        let mut kids = Vec::new();
        let mut depth = 0i32;
        let mut i = 0;
        let bytes = inner.as_bytes();
        while let Some(lt) = inner[i..].find('<') {
            let tag_start = i + lt;
            let tag_end = tag_start + inner[tag_start..].find('>').expect("a closed tag");
            let tag = &inner[tag_start + 1..tag_end];
            if let Some(stripped) = tag.strip_prefix('/') {
                let _ = stripped;
                depth -= 1;
            } else {
                let tag_name: String = tag
                    .chars()
                    .take_while(|c| !c.is_whitespace() && *c != '/')
                    .collect();
                if depth == 0 {
                    kids.push(tag_name);
                }
                if bytes[tag_end - 1] != b'/' {
                    depth += 1;
                }
            }
            i = tag_end + 1;
        }
        out.push(kids);
        rest = &rest[inner_start + len + close.len()..];
    }
    out
}

/// Fails unless every element of `kids` appears in `order`, in that order.
fn assert_schema_order(kids: &[String], order: &[&str], what: &str) {
    let mut last = 0;
    for k in kids {
        let Some(pos) = order.iter().position(|o| o == k) else {
            panic!("{what}: <{k}> is not a child the schema allows here ({kids:?})");
        };
        assert!(
            pos >= last,
            "{what}: <{k}> comes out of the schema's order: {kids:?}"
        );
        last = pos;
    }
}

/// ECMA-376 Part 1 sequences (CT_PPrBase + rPr/sectPr, CT_RPr, CT_SectPr, CT_TblPr, CT_TcPr).
const PPR: &[&str] = &[
    "w:pStyle",
    "w:keepNext",
    "w:keepLines",
    "w:pageBreakBefore",
    "w:framePr",
    "w:widowControl",
    "w:numPr",
    "w:suppressLineNumbers",
    "w:pBdr",
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
];
const RPR: &[&str] = &[
    "w:rStyle",
    "w:rFonts",
    "w:b",
    "w:bCs",
    "w:i",
    "w:iCs",
    "w:caps",
    "w:smallCaps",
    "w:strike",
    "w:dstrike",
    "w:outline",
    "w:shadow",
    "w:emboss",
    "w:imprint",
    "w:noProof",
    "w:snapToGrid",
    "w:vanish",
    "w:webHidden",
    "w:color",
    "w:spacing",
    "w:w",
    "w:kern",
    "w:position",
    "w:sz",
    "w:szCs",
    "w:highlight",
    "w:u",
    "w:effect",
    "w:bdr",
    "w:shd",
    "w:fitText",
    "w:vertAlign",
    "w:rtl",
    "w:cs",
    "w:em",
    "w:lang",
    "w:eastAsianLayout",
    "w:specVanish",
    "w:oMath",
];
const SECTPR: &[&str] = &[
    "w:headerReference",
    "w:footerReference",
    "w:footnotePr",
    "w:endnotePr",
    "w:type",
    "w:pgSz",
    "w:pgMar",
    "w:paperSrc",
    "w:pgBorders",
    "w:lnNumType",
    "w:pgNumType",
    "w:cols",
    "w:formProt",
    "w:vAlign",
    "w:noEndnote",
    "w:titlePg",
    "w:textDirection",
    "w:bidi",
    "w:rtlGutter",
    "w:docGrid",
    "w:printerSettings",
    "w:sectPrChange",
];
const TBLPR: &[&str] = &[
    "w:tblStyle",
    "w:tblpPr",
    "w:tblOverlap",
    "w:bidiVisual",
    "w:tblStyleRowBandSize",
    "w:tblStyleColBandSize",
    "w:tblW",
    "w:jc",
    "w:tblCellSpacing",
    "w:tblInd",
    "w:tblBorders",
    "w:shd",
    "w:tblLayout",
    "w:tblCellMar",
    "w:tblLook",
];
const TCPR: &[&str] = &[
    "w:cnfStyle",
    "w:tcW",
    "w:gridSpan",
    "w:hMerge",
    "w:vMerge",
    "w:tcBorders",
    "w:shd",
    "w:noWrap",
    "w:tcMar",
    "w:textDirection",
    "w:tcFitText",
    "w:vAlign",
    "w:hideMark",
];
const STYLE: &[&str] = &[
    "w:name",
    "w:aliases",
    "w:basedOn",
    "w:next",
    "w:link",
    "w:autoRedefine",
    "w:hidden",
    "w:uiPriority",
    "w:semiHidden",
    "w:unhideWhenUsed",
    "w:qFormat",
    "w:locked",
    "w:personal",
    "w:personalCompose",
    "w:personalReply",
    "w:rsid",
    "w:pPr",
    "w:rPr",
    "w:tblPr",
    "w:trPr",
    "w:tcPr",
    "w:tblStylePr",
];
const SETTINGS: &[&str] = &[
    "w:writeProtection",
    "w:view",
    "w:zoom",
    "w:removePersonalInformation",
    "w:removeDateAndTime",
    "w:doNotDisplayPageBoundaries",
    "w:displayBackgroundShape",
    "w:printPostScriptOverText",
    "w:printFractionalCharacterWidth",
    "w:printFormsData",
    "w:embedTrueTypeFonts",
    "w:embedSystemFonts",
    "w:saveSubsetFonts",
    "w:saveFormsData",
    "w:mirrorMargins",
    "w:alignBordersAndEdges",
    "w:bordersDoNotSurroundHeader",
    "w:bordersDoNotSurroundFooter",
    "w:gutterAtTop",
    "w:hideSpellingErrors",
    "w:hideGrammaticalErrors",
    "w:activeWritingStyle",
    "w:proofState",
    "w:formsDesign",
    "w:attachedTemplate",
    "w:linkStyles",
    "w:stylePaneFormatFilter",
    "w:stylePaneSortMethod",
    "w:documentType",
    "w:mailMerge",
    "w:revisionView",
    "w:trackRevisions",
    "w:doNotTrackMoves",
    "w:doNotTrackFormatting",
    "w:documentProtection",
    "w:autoFormatOverride",
    "w:styleLockTheme",
    "w:styleLockQFSet",
    "w:defaultTabStop",
    "w:autoHyphenation",
    "w:consecutiveHyphenLimit",
    "w:hyphenationZone",
    "w:doNotHyphenateCaps",
    "w:showEnvelope",
    "w:summaryLength",
    "w:clickAndTypeStyle",
    "w:defaultTableStyle",
    "w:evenAndOddHeaders",
    "w:bookFoldRevPrinting",
    "w:bookFoldPrinting",
    "w:bookFoldPrintingSheets",
    "w:drawingGridHorizontalSpacing",
    "w:drawingGridVerticalSpacing",
    "w:displayHorizontalDrawingGridEvery",
    "w:displayVerticalDrawingGridEvery",
    "w:doNotUseMarginsForDrawingGridOrigin",
    "w:drawingGridHorizontalOrigin",
    "w:drawingGridVerticalOrigin",
    "w:doNotShadeFormData",
    "w:noPunctuationKerning",
    "w:characterSpacingControl",
    "w:printTwoOnOne",
    "w:strictFirstAndLastChars",
    "w:noLineBreaksAfter",
    "w:noLineBreaksBefore",
    "w:savePreviewPicture",
    "w:doNotValidateAgainstSchema",
    "w:saveInvalidXml",
    "w:ignoreMixedContent",
    "w:alwaysShowPlaceholderText",
    "w:doNotDemarcateInvalidXml",
    "w:saveXmlDataOnly",
    "w:useXSLTWhenSaving",
    "w:saveThroughXslt",
    "w:showXMLTags",
    "w:alwaysMergeEmptyNamespace",
    "w:updateFields",
    "w:hdrShapeDefaults",
    "w:footnotePr",
    "w:endnotePr",
    "w:compat",
    "w:docVars",
    "w:rsids",
    "m:mathPr",
    "w:attachedSchema",
    "w:themeFontLang",
    "w:clrSchemeMapping",
    "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures",
    "w:forceUpgrade",
    "w:captions",
    "w:readModeInkLockDown",
    "w:smartTagType",
    "sl:schemaLibrary",
    "w:shapeDefaults",
    "w:doNotEmbedSmartTags",
    "w:decimalSymbol",
    "w:listSeparator",
];

#[test]
fn properties_keep_the_schema_order() {
    for path in samples() {
        let doc = read(&path);
        let bytes = docx(&doc, &Style::default());
        let mut checked = 0;
        for (name, data) in parts(&bytes) {
            if !name.ends_with(".xml") {
                continue;
            }
            let xml = String::from_utf8(data).expect("UTF-8");
            for (element, order) in [
                ("w:pPr", PPR),
                ("w:rPr", RPR),
                ("w:sectPr", SECTPR),
                ("w:tblPr", TBLPR),
                ("w:tcPr", TCPR),
            ] {
                for kids in children_of(&xml, element) {
                    assert_schema_order(&kids, order, &format!("{} {name} {element}", doc.id));
                    checked += 1;
                }
            }
            if name == "word/settings.xml" {
                for kids in children_of(&xml.replace("<w:settings ", "<w:settings>"), "w:settings")
                {
                    assert_schema_order(&kids, SETTINGS, "settings");
                    checked += 1;
                }
            }
            if name == "word/styles.xml" {
                let styles: Vec<&str> = xml.split("<w:style ").skip(1).collect();
                for s in styles {
                    let body = format!("<w:style>{}", &s[s.find('>').expect("a tag") + 1..]);
                    for kids in children_of(&body, "w:style") {
                        assert_schema_order(&kids, STYLE, "a style");
                        checked += 1;
                    }
                }
                assert_eq!(
                    xml.matches("w:styleId=\"Normal\"").count(),
                    1,
                    "one Normal style"
                );
            }
        }
        assert!(
            checked > 50,
            "{}: the check saw the properties ({checked})",
            doc.id
        );
    }
    // The checker itself catches a wrong order.
    let bad = children_of("<w:rPr><w:sz w:val=\"2\"/><w:b/></w:rPr>", "w:rPr");
    let caught = std::panic::catch_unwind(|| assert_schema_order(&bad[0], RPR, "bad"));
    assert!(caught.is_err(), "a size before bold is out of order");
}

#[test]
fn exports_are_byte_identical_also_in_a_batch() {
    let docs: Vec<Document> = samples().iter().map(|p| read(p)).collect();
    let style = Style::default();
    let first: Vec<Vec<u8>> = docs.iter().map(|d| docx(d, &style)).collect();
    // Again, in reverse order and in threads: nothing of one export leaks into another.
    let again: Vec<Vec<u8>> = std::thread::scope(|s| {
        let handles: Vec<_> = docs
            .iter()
            .rev()
            .map(|d| s.spawn(|| docx(d, &style)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("no panic"))
            .collect()
    });
    for (k, bytes) in again.iter().rev().enumerate() {
        assert!(first[k] == *bytes, "{}: same bytes twice", docs[k].id);
    }
    // And through the binary, each document in its own process.
    let dir = tempfile::tempdir().expect("a temporary directory");
    for (k, path) in samples().iter().enumerate() {
        let out = dir.path().join("x.docx");
        let status = Command::new(env!("CARGO_BIN_EXE_folio"))
            .args(["export", "--to", "docx", "-o"])
            .arg(&out)
            .arg(path)
            .env_remove("SOURCE_DATE_EPOCH")
            .status()
            .expect("folio runs");
        assert!(status.success());
        assert!(
            std::fs::read(&out).expect("written") == first[k],
            "{}: the binary writes the same bytes",
            docs[k].id
        );
    }
    // Footnote ids start afresh for every document.
    for (k, bytes) in first.iter().enumerate() {
        let notes = part(bytes, "word/footnotes.xml");
        assert!(
            notes.contains("<w:footnote w:id=\"1\">"),
            "{}: the first note has id 1",
            docs[k].id
        );
    }
}

#[test]
fn metadata_language_and_dates() {
    let docs: Vec<Document> = samples().iter().map(|p| read(p)).collect();
    let old = docs
        .iter()
        .find(|d| d.language == "ru-petr1708")
        .expect("the pre-1918 sample");
    let bytes = docx(old, &Style::default());
    let styles = part(&bytes, "word/styles.xml");
    assert!(
        styles.contains("<w:lang w:val=\"ru-RU\""),
        "pre-1918 spelling is Russian to Word's proofing tools"
    );
    assert!(styles.contains(
        "<w:rFonts w:ascii=\"PT Serif\" w:hAnsi=\"PT Serif\" w:eastAsia=\"PT Serif\" w:cs=\"PT Serif\"/>"
    ));
    let core = part(&bytes, "docProps/core.xml");
    assert!(core.contains("<dc:title>Письмо А. П. Петрова"), "{core}");
    assert!(core.contains("<dc:creator>А. П. Петров"), "{core}");
    assert!(
        core.contains("<dc:language>ru-petr1708</dc:language>"),
        "{core}"
    );
    let doc_xml = part(&bytes, "word/document.xml");
    assert!(
        doc_xml.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"),
        "A4 by default"
    );
    assert!(part(&bytes, "word/footer1.xml").contains(" PAGE "));

    // SOURCE_DATE_EPOCH sets the dates, through the binary (the environment of this
    // process is left alone: tests run in threads).
    let dir = tempfile::tempdir().expect("a temporary directory");
    let out = dir.path().join("x.docx");
    let status = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["export", "--to", "docx", "-o"])
        .arg(&out)
        .arg(&samples()[0])
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .status()
        .expect("folio runs");
    assert!(status.success());
    let bytes = std::fs::read(&out).expect("written");
    let core = part(&bytes, "docProps/core.xml");
    assert!(core.contains("2023-11-14T22:13:20Z"), "{core}");
}

#[test]
fn the_embedded_fonts_are_obfuscated_pt_serif_with_the_used_glyphs() {
    // The pre-1918 letter uses all four faces (italic for underlined words, bold italic for
    // a double underline); the seed only regular and bold, and embeds only those.
    let seed = docx(&read(&samples()[samples().len() - 1]), &Style::default());
    let seed_table = part(&seed, "word/fontTable.xml");
    assert!(seed_table.contains("<w:embedRegular ") && seed_table.contains("<w:embedBold "));
    assert!(
        !seed_table.contains("<w:embedItalic "),
        "the seed has no italic"
    );
    let doc = read(&samples()[0]);
    assert_eq!(doc.language, "ru-petr1708");
    let bytes = docx(&doc, &Style::default());
    let table = part(&bytes, "word/fontTable.xml");
    let all = parts(&bytes);
    for slot in ["Regular", "Bold", "Italic", "BoldItalic"] {
        let at = table
            .find(&format!("<w:embed{slot} "))
            .unwrap_or_else(|| panic!("{slot} is embedded"));
        let tag = &table[at..at + table[at..].find("/>").expect("closed")];
        let attr = |name: &str| {
            let s = tag.find(&format!("{name}=\"")).expect("attribute") + name.len() + 2;
            tag[s..s + tag[s..].find('"').expect("quoted")].to_string()
        };
        let key = attr("w:fontKey");
        let rid = attr("r:id");
        let rels = part(&bytes, "word/_rels/fontTable.xml.rels");
        let r = rels
            .find(&format!("Id=\"{rid}\""))
            .expect("the relationship");
        let t = rels[r..].find("Target=\"").expect("a target") + r + 8;
        let target = format!(
            "word/{}",
            &rels[t..t + rels[t..].find('"').expect("quoted")]
        );
        let mut font = all
            .iter()
            .find(|(n, _)| *n == target)
            .expect("the font part")
            .1
            .clone();
        assert!(
            ttf_parser::Face::parse(&font, 0).is_err(),
            "{slot}: obfuscated, the font does not parse as is"
        );
        // Undo §17.8.1: the GUID's bytes from the last pair to the first, XORed twice.
        let hex: Vec<u8> = key
            .chars()
            .filter(char::is_ascii_hexdigit)
            .map(|c| c.to_digit(16).expect("hex") as u8)
            .collect();
        let k: Vec<u8> = (0..16)
            .map(|i| hex[(15 - i) * 2] * 16 + hex[(15 - i) * 2 + 1])
            .collect();
        for (i, b) in font.iter_mut().take(32).enumerate() {
            *b ^= k[i % 16];
        }
        let face = ttf_parser::Face::parse(&font, 0).expect("the font parses once restored");
        let family = face
            .names()
            .into_iter()
            .find(|n| n.name_id == ttf_parser::name_id::FAMILY && n.is_unicode())
            .and_then(|n| n.to_string())
            .expect("a family name");
        assert_eq!(family, "PT Serif");
        for w in folio::shared::transcription_words(&doc) {
            for c in w.chars() {
                let g = face.glyph_index(c).expect("PT Serif has the character");
                assert!(
                    face.glyph_bounding_box(g).is_some() || c.is_whitespace(),
                    "{slot}: `{c}` keeps its outline"
                );
            }
        }
    }
}

#[test]
fn the_reference_render_is_committed_and_small() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/reference/docx-seed-page1.png"
    );
    let bytes = std::fs::read(path).expect("tests/reference/docx-seed-page1.png exists");
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG");
    assert!(
        bytes.len() < 50 * 1024,
        "under 50 KB: {} bytes",
        bytes.len()
    );
}

#[test]
fn a_volume_is_one_document_with_a_toc_and_a_section_per_document() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let manifest = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/samples/volume/sample.volume.toml"
    ));
    let (volume, _) = folio::volume::load(manifest).expect("the sample volume loads");
    assert!(volume.manifest.preface.is_some() && !volume.manifest.abbreviations.is_empty());
    let style = Style::default();
    let write = || {
        folio::writers::write_volume(Format::Docx, &volume, &style)
            .expect("the volume is written")
            .bytes
    };
    let bytes = write();
    assert!(bytes == write(), "the same bytes twice");
    let document = part(&bytes, "word/document.xml");
    for k in 1..=volume.documents.len() {
        assert!(
            document.contains(&format!(" PAGEREF _Toc{k} \\h "))
                && document.contains(&format!(
                    "<w:bookmarkStart w:id=\"{k}\" w:name=\"_Toc{k}\"/>"
                )),
            "contents entry {k} refers to the page of a bookmark on its title"
        );
    }
    assert_eq!(
        document.matches("<w:sectPr>").count(),
        volume.documents.len() + 1,
        "the front matter and each document are sections"
    );
    assert!(
        !document.contains("w:numRestart"),
        "notes carry their numbers as custom marks, no per-section restart (LibreOffice shows 0)"
    );

    let file = dir.path().join("volume.docx");
    std::fs::write(&file, &bytes).expect("the DOCX is written");
    let pdf = libreoffice_pdf(&file, dir.path());
    let found = words(&run(
        "pdftotext",
        &["-raw", pdf.to_str().expect("UTF-8"), "-"],
    ));
    // Title page; the contents list every title; preface, abbreviations; then the
    // documents follow in the volume's order.
    let m = &volume.manifest;
    let mut expected: Vec<String> = words(&m.title);
    expected.extend(words("Содержание"));
    for doc in &volume.documents {
        expected.extend(words(&folio::markup::plain_text(doc.title.inlines())));
    }
    expected.extend(words("Предисловие"));
    for p in m.preface.iter().flat_map(|p| p.paragraphs()) {
        expected.extend(words(&folio::markup::plain_text(p.inlines())));
    }
    expected.extend(words("Список сокращений"));
    for a in &m.abbreviations {
        expected.extend(words(&a.short));
        expected.extend(words(&folio::markup::plain_text(a.full.inlines())));
    }
    for doc in &volume.documents {
        let mut body = doc.clone();
        body.notes.clear();
        take_right_margin_marks(&mut body);
        expected.extend(folio::shared::transcription_words(&body));
    }
    assert_in_order(&expected, &found, "volume");

    let native = run(
        "pandoc",
        &["-f", "docx", "-t", "native", file.to_str().expect("UTF-8")],
    );
    let notes: usize = volume
        .documents
        .iter()
        .map(|d| folio::shared::NoteNumbers::new(d, &style).entries().len())
        .sum();
    assert_eq!(
        native.matches("Note\n").count() + native.matches("Note [").count(),
        notes,
        "every note of every document is a footnote"
    );
}

#[test]
fn inline_style_settings_change_the_character_styles() {
    let doc = read(&samples()[0]);
    let mut style = Style::default();
    style.inline.underline = folio::style::UnderlineDisplay::Underline;
    style.inline.deleted = folio::style::DeletedDisplay::Brackets;
    style.docx.page_size = folio::style::docx::PageSize::A5;
    let bytes = docx(&doc, &style);
    let styles = part(&bytes, "word/styles.xml");
    let underlined = &styles[styles
        .find("w:styleId=\"Underlined\"")
        .expect("the Underlined style")..];
    let underlined = &underlined[..underlined.find("</w:style>").expect("closed")];
    assert!(
        underlined.contains("<w:u w:val=\"single\"/>"),
        "{underlined}"
    );
    let document = part(&bytes, "word/document.xml");
    assert!(document.contains(">‹<"), "deleted text in angle brackets");
    assert!(
        document.contains("<w:pgSz w:w=\"8391\" w:h=\"11906\"/>"),
        "A5"
    );
    let default = part(&docx(&doc, &Style::default()), "word/styles.xml");
    let underlined = &default[default
        .find("w:styleId=\"Underlined\"")
        .expect("the Underlined style")..];
    let underlined = &underlined[..underlined.find("</w:style>").expect("closed")];
    assert!(
        underlined.contains("<w:i/>"),
        "italic by default: {underlined}"
    );
}

/// A document that strains the notes: a note called twice, a note calling another, a sic
/// inside a note, marks nested in marks, a note in the title and in the legend's remarks.
const STRAINED: &str = r#"
format = "1.0"
id = "strained"
title = "Записка[^t]"
language = "ru"

[source]
archive = "АРХИВ"
remarks = "Подпись — [автограф]{.sic}."

[[content]]
role = "text"
text = '''
Первый абзац[^a] и {-зачёркнутое _подчёркнутое_ слово-} и снова[^a].

Второй абзац[^b] с [другой рукой]{hand="Иванова"}.
'''

[[notes]]
id = "t"
text = "Заголовок дан редактором."

[[notes]]
id = "a"
text = "Примечание со ссылкой[^c] и [ошибкой]{.sic}."

[[notes]]
id = "b"
text = "Второе примечание."

[[notes]]
id = "c"
text = "Вложенное примечание."
"#;

#[test]
fn notes_in_notes_and_repeated_references_keep_the_shared_numbers() {
    let read = folio::read::read_str(STRAINED, "strained.toml", folio::read::Syntax::Toml)
        .expect("the strained document reads");
    let doc = read.document;
    let style = Style::default();
    let bytes = docx(&doc, &style);
    let numbers = folio::shared::NoteNumbers::new(&doc, &style);
    let footnotes = part(&bytes, "word/footnotes.xml");
    let document = part(&bytes, "word/document.xml");
    let references = document.matches("<w:footnoteReference ").count();
    let in_notes = footnotes.matches("<w:footnote w:id=").count();
    assert_eq!(references, in_notes, "each footnote has one reference");
    // Every numbered note's words are somewhere in the footnotes, in a footnote of its own
    // when the body calls it, inside its caller's footnote when only a note calls it.
    let labels = folio::shared::Labels::for_language(&doc.language);
    let found = words(&footnotes.replace('<', " <"));
    for entry in numbers.entries() {
        let expected = words(&folio::markup::plain_text(&entry.inlines(labels)));
        assert!(
            find_word(&expected[0], &found, 0).is_some(),
            "note {} is written",
            entry.number
        );
    }
    // Body references of the commentary are numbered by Word in order, matching
    // NoteNumbers: the only custom marks are the textual notes' letters.
    let customs: Vec<&str> = document
        .split("customMarkFollows=\"1\"")
        .skip(1)
        .map(|rest| {
            let c = rest.find("w:char=\"").expect("a custom mark's symbol");
            &rest[c + 8..c + 12]
        })
        .collect();
    assert!(!customs.is_empty(), "the sic's letter is a custom mark");
    for code in customs {
        let c = char::from_u32(u32::from_str_radix(code, 16).unwrap()).unwrap();
        assert!(
            !c.is_ascii_digit(),
            "a number is Word's own, not custom: {c}"
        );
    }
    assert_eq!(
        references + 2,
        numbers.entries().len(),
        "the nested note and the sic inside a note have no body reference"
    );
    require("pandoc");
    let dir = tempfile::tempdir().expect("a temporary directory");
    let file = dir.path().join("s.docx");
    std::fs::write(&file, &bytes).expect("written");
    let plain = run(
        "pandoc",
        &["-f", "docx", "-t", "plain", file.to_str().expect("UTF-8")],
    );
    for w in [
        "Вложенное",
        "ошибкой",
        "автограф",
        "Заголовок",
        "подчёркнутое",
    ] {
        assert!(plain.contains(w), "pandoc reads `{w}`:\n{plain}");
    }
}

/// Whether every tag of `xml` closes in order (a cheap well-formedness check).
fn balanced(xml: &str) -> bool {
    let mut stack: Vec<&str> = Vec::new();
    let mut rest = xml;
    while let Some(lt) = rest.find('<') {
        if rest[..lt].contains('>') {
            return false;
        }
        let Some(gt) = rest[lt..].find('>') else {
            return false;
        };
        let tag = &rest[lt + 1..lt + gt];
        rest = &rest[lt + gt + 1..];
        if tag.starts_with('?') || tag.ends_with('/') {
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            if stack.pop() != Some(name) {
                return false;
            }
        } else {
            stack.push(tag.split_whitespace().next().unwrap_or(""));
        }
    }
    stack.is_empty() && !rest.contains('>')
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 48, failure_persistence: None, ..proptest::prelude::ProptestConfig::default() })]

    /// Mutated samples that still read give a DOCX whose parts are balanced XML.
    #[test]
    fn mutated_samples_give_well_formed_docx(
        which in 0usize..4,
        edits in proptest::collection::vec((proptest::prelude::any::<proptest::sample::Index>(), 0usize..4, "[\\[\\]{}_*^~+=\\-\\\\`\"'#.:a-zа-я<>& \n]{0,4}"), 1..6),
    ) {
        let mut text = std::fs::read_to_string(&samples()[which]).expect("a sample");
        for (at, cut, insert) in edits {
            let mut i = at.index(text.len());
            while !text.is_char_boundary(i) { i -= 1; }
            let mut j = (i + cut).min(text.len());
            while !text.is_char_boundary(j) { j -= 1; }
            text.replace_range(i..j.max(i), &insert);
        }
        if let Ok(r) = folio::read::read_str(&text, "fuzz", folio::read::Syntax::Toml) {
            let bytes = docx(&r.document, &Style::default());
            for (name, data) in parts(&bytes) {
                if name.ends_with(".xml") || name.ends_with(".rels") {
                    let xml = String::from_utf8(data).expect("UTF-8");
                    proptest::prop_assert!(balanced(&xml), "{} is balanced", name);
                }
            }
        }
    }
}

#[test]
fn the_balance_check_catches_broken_xml() {
    assert!(balanced("<?xml v?><a x=\"1\"><b/><c>t</c></a>"));
    assert!(!balanced("<a><b></a></b>"));
    assert!(!balanced("<a>"));
    assert!(!balanced("<a>x > y</a>"), "an unescaped > in text");
}

#[test]
fn every_style_used_is_defined_and_derives_from_a_base() {
    for path in samples() {
        let doc = read(&path);
        let bytes = docx(&doc, &Style::default());
        let styles = part(&bytes, "word/styles.xml");
        let ids = |xml: &str, attr: &str| -> Vec<String> {
            xml.split(attr)
                .skip(1)
                .map(|s| s[..s.find('"').expect("quoted")].to_string())
                .collect()
        };
        let defined = ids(&styles, "w:styleId=\"");
        for name in [
            "word/document.xml",
            "word/footnotes.xml",
            "word/footer1.xml",
        ] {
            let xml = part(&bytes, name);
            for used in ids(&xml, "w:pStyle w:val=\"")
                .into_iter()
                .chain(ids(&xml, "w:rStyle w:val=\""))
            {
                assert!(defined.contains(&used), "{}: {used} is defined", doc.id);
            }
        }
        for based in ids(&styles, "w:basedOn w:val=\"") {
            assert!(defined.contains(&based), "{based} is defined");
        }
        // Runs carry no direct formatting of their own: a look comes from a style, and
        // direct bold or italic only joins a character style where marks nest.
        let document = part(&bytes, "word/document.xml");
        for rpr in document.split("<w:rPr>").skip(1) {
            let rpr = &rpr[..rpr.find("</w:rPr>").expect("closed")];
            assert!(
                !rpr.contains("<w:sz ") && !rpr.contains("<w:rFonts "),
                "{rpr}"
            );
            if rpr.contains("<w:b/>") || rpr.contains("<w:i/>") || rpr.contains("<w:strike/>") {
                assert!(
                    rpr.contains("<w:rStyle "),
                    "{}: direct formatting alone: {rpr}",
                    doc.id
                );
            }
        }
    }
}

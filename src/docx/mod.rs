//! The DOCX edition: a clean WordprocessingML document an editor opens in Word or
//! LibreOffice to copy-edit and restyle — one named style per role, a character style per
//! inline mark, real footnotes, the fonts embedded. docs/docx.md describes it.
//!
//! The XML parts are written here directly and zipped with the `zip` crate, rather than
//! through docx-rs: docx-rs numbers footnotes from a process-wide counter, writes some
//! elements out of schema order and a duplicate Normal style, and cannot embed fonts, set
//! core properties or `w:lang` — fixing all that after it would cost more code and time
//! than writing the dozen parts, and this way every byte is under our control.

mod body;
mod fonts;
mod index;
mod styles;
mod theme;
mod xml;

use crate::diag::{Error, Warning};
use crate::model::Document;
use crate::output::Output;
use crate::style::docx::FontEmbedding;
use crate::style::Style;
use body::{DocWriter, ListDef, Package};
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::io::Write as _;
use xml::{escape, mm};

pub use styles::word_language;

/// The XML declaration every part starts with.
const XML_DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// The namespaces of `document.xml`, footnotes and footer.
const NS: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";

/// Writes the DOCX edition of a document.
pub fn write(doc: &Document, style: &Style) -> Result<Output, Error> {
    let mut pkg = Package::default();
    let register = doc.register.as_ref().filter(|_| style.index.document);
    DocWriter::new(doc, style, &mut pkg)
        .with_register(register)
        .write(None);
    if let Some(register) = register {
        let mentions = [crate::shared::index::Mentions::new(doc)];
        let pages =
            crate::layout::volume::document_pages_to(doc, style, Some(Box::new(drop)))?.mentions;
        let labels = crate::shared::Labels::of(&doc.language, style);
        index::indexes_xml(&mut pkg, register, &mentions, &pages, style, labels);
    }
    let meta = Meta {
        title: crate::markup::plain_text(doc.title.inlines()),
        creator: doc
            .authors
            .iter()
            .map(|a| a.name.as_str())
            .collect::<Vec<_>>()
            .join("; "),
        subject: crate::shared::date_place_line(
            doc,
            crate::shared::Labels::of(&doc.language, style),
        )
        .unwrap_or_default(),
        language: doc.language.clone(),
    };
    finish(pkg, style, &meta)
}

/// Writes the DOCX edition of a whole volume: the title, the contents (entries with page
/// references to the document titles), the preface and abbreviations, then each document in
/// its own section, in the volume's order, notes numbered per document; then the
/// commentary (the notes the style places at the volume's end) and the indexes.
pub fn write_volume(volume: &crate::volume::Volume, style: &Style) -> Result<Output, Error> {
    let style = &crate::shared::volume_document_style(style);
    let m = &volume.manifest;
    let labels = crate::shared::Labels::of(&m.language, style);
    let mut pkg = Package {
        custom_note_marks: true,
        ..Package::default()
    };
    // The front matter goes through the document writer (for its inline styles) as a
    // document of its own with no content and no notes.
    let front_doc = Document {
        register: None,
        format: crate::model::FORMAT_VERSION.into(),
        id: "front-matter".into(),
        number: None,
        title: crate::markup::Text::plain(&m.title),
        date: None,
        place: None,
        language: m.language.clone(),
        authors: vec![],
        addressees: vec![],
        source: None,
        content: vec![],
        notes: vec![],
        edition: None,
        origin: None,
    };
    let mut front = DocWriter::new(&front_doc, style, &mut pkg);
    front.plain_paragraph(styles::id::VOLUME_TITLE, &m.title);
    if let Some(sub) = &m.subtitle {
        front.plain_paragraph(styles::id::VOLUME_LINE, sub);
    }
    for e in &m.editors {
        front.plain_paragraph(styles::id::VOLUME_LINE, e);
    }
    let imprint: Vec<&str> = [m.publisher.as_deref(), m.year.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if !imprint.is_empty() {
        front.plain_paragraph(styles::id::VOLUME_LINE, &imprint.join(", "));
    }
    // The contents come second, as in the PDF and the text edition: one paragraph per
    // document, a link to its title and a PAGEREF field to the bookmark there. LibreOffice
    // computes such a reference as it lays out the pages (it shows a TOC field's cached
    // text as written, and folio cannot know its page breaks); Word updates the fields on
    // opening (`updateFields` in settings). The cached results are left empty rather than
    // guessed.
    front.plain_paragraph(styles::id::FRONT_HEADING, labels.contents);
    for (k, doc) in volume.documents.iter().enumerate() {
        let mut entry = String::new();
        if let Some(n) = crate::shared::number_line(doc) {
            entry.push_str(&n);
            entry.push_str(". ");
        }
        entry.push_str(&crate::markup::plain_text(doc.title.inlines()));
        if let Some(date) =
            crate::shared::date_place_line(doc, crate::shared::Labels::of(&doc.language, style))
        {
            entry.push_str(". ");
            entry.push_str(&date);
        }
        front.contents_entry(&entry, &contents_bookmark(k));
    }
    let commentary = volume.documents.iter().any(|d| {
        !crate::shared::NoteNumbers::new(d, style)
            .at(&[crate::style::notes::NotePlace::VolumeEnd])
            .is_empty()
    });
    if commentary {
        front.contents_entry(labels.commentary, COMMENTARY_BOOKMARK);
    }
    if let Some(p) = &m.preface {
        front.plain_paragraph(styles::id::FRONT_HEADING, labels.preface);
        for para in p.paragraphs() {
            front.paragraph(styles::id::PREFACE, para.inlines());
        }
    }
    if !m.abbreviations.is_empty() {
        front.plain_paragraph(styles::id::FRONT_HEADING, labels.abbreviations);
        for a in &m.abbreviations {
            front.abbreviation(&a.short, a.full.inlines());
        }
    }
    drop(front);
    // The front matter is a section of its own.
    let mut end = String::from("<w:p>");
    xml::PPr {
        sect: Some(section(style, false)),
        ..xml::PPr::default()
    }
    .write(&mut end);
    end.push_str("</w:p>");
    pkg.body.push_str(&end);
    let count = volume.documents.len();
    for (k, doc) in volume.documents.iter().enumerate() {
        let sect = (k + 1 < count).then(|| section(style, true));
        DocWriter::new(doc, style, &mut pkg)
            .with_register(Some(&volume.register))
            .with_title_bookmark(k + 1, contents_bookmark(k))
            .in_volume(k)
            .write(sect);
    }
    if !pkg.commentary.is_empty() {
        // "Комментарии" from a new page, a bookmark for its contents entry, then each
        // document's notes under its heading.
        let id = pkg.bookmark();
        let mut out = String::from("<w:p>");
        xml::PPr::styled(styles::id::COMMENTARY_HEADING).write(&mut out);
        let _ = write!(
            out,
            "<w:bookmarkStart w:id=\"{id}\" w:name=\"{COMMENTARY_BOOKMARK}\"/><w:r><w:t>"
        );
        pkg.chars.extend(labels.commentary.chars());
        xml::escape_into(&mut out, labels.commentary);
        let _ = write!(out, "</w:t></w:r><w:bookmarkEnd w:id=\"{id}\"/></w:p>");
        pkg.body.push_str(&out);
        let notes = std::mem::take(&mut pkg.commentary);
        pkg.body.push_str(&notes);
    }
    let mentions: Vec<crate::shared::index::Mentions> = volume
        .documents
        .iter()
        .map(crate::shared::index::Mentions::new)
        .collect();
    if crate::shared::index::indexes(&volume.register, &mentions, style)
        .iter()
        .any(|ix| !ix.is_empty())
    {
        // The page numbers of the PDF edition: the same pages, so the same numbers.
        let pages =
            crate::layout::volume::volume_pages_to(volume, style, Some(Box::new(drop)))?.mentions;
        index::indexes_xml(&mut pkg, &volume.register, &mentions, &pages, style, labels);
    }
    let meta = Meta {
        title: m.title.clone(),
        creator: m.editors.join("; "),
        subject: m.subtitle.clone().unwrap_or_default(),
        language: m.language.clone(),
    };
    finish_with(pkg, style, &meta, true)
}

/// The bookmark on the heading of a volume's commentary, for its contents entry.
const COMMENTARY_BOOKMARK: &str = "_TocCommentary";

/// The bookmark on the title of a volume's document `k` (from 0), which its contents entry
/// links to and takes its page number from.
fn contents_bookmark(k: usize) -> String {
    format!("_Toc{}", k + 1)
}

/// Core properties of the package.
struct Meta {
    title: String,
    creator: String,
    subject: String,
    language: String,
}

/// A `w:sectPr`: footer, page size and margins; children in schema order (footerReference,
/// type, pgSz, pgMar, cols, docGrid).
fn section(style: &Style, next_page: bool) -> String {
    let d = &style.docx;
    let (w, h) = d.page_size.mm();
    let mut s = String::with_capacity(512);
    s.push_str("<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/>");
    // Endnotes numbered 1, 2, 3 (Word's and LibreOffice's own default is i, ii, iii).
    if end_notes(style).is_some() {
        s.push_str("<w:endnotePr><w:numFmt w:val=\"decimal\"/></w:endnotePr>");
    }
    if next_page {
        s.push_str("<w:type w:val=\"nextPage\"/>");
    }
    let _ = write!(
        s,
        "<w:pgSz w:w=\"{}\" w:h=\"{}\"/><w:pgMar w:top=\"{}\" w:right=\"{}\" w:bottom=\"{}\" w:left=\"{}\" w:header=\"{}\" w:footer=\"{}\" w:gutter=\"0\"/><w:cols w:space=\"708\"/><w:docGrid w:linePitch=\"360\"/></w:sectPr>",
        mm(w),
        mm(h),
        mm(d.margin_top),
        mm(d.margin_right),
        mm(d.margin_bottom),
        mm(d.margin_left),
        mm(d.margin_top / 2.0),
        mm(d.margin_bottom / 2.0),
    );
    s
}

/// Where Word sets the endnotes, if the style places a series at an end: after each
/// section (a volume's document) when a series stands at the document's end, else at the
/// end of the file. Word has one place for all endnotes of a file. A volume's notes for
/// its end are its commentary, not endnotes.
fn end_notes(style: &Style) -> Option<&'static str> {
    use crate::style::notes::NotePlace;
    let places = [style.notes.textual.place, style.notes.commentary.place];
    if places.contains(&NotePlace::DocumentEnd) {
        Some("sectEnd")
    } else if places.contains(&NotePlace::VolumeEnd) && !style.notes.in_volume {
        Some("docEnd")
    } else {
        None
    }
}

fn finish(pkg: Package, style: &Style, meta: &Meta) -> Result<Output, Error> {
    finish_with(pkg, style, meta, false)
}

/// Zips the parts. Entry order and timestamps are fixed, so equal input gives equal bytes.
fn finish_with(
    mut pkg: Package,
    style: &Style,
    meta: &Meta,
    volume: bool,
) -> Result<Output, Error> {
    let mut warnings: Vec<Warning> = Vec::new();
    let secs = match crate::shared::clock::source_date_epoch() {
        Ok(s) => s.unwrap_or(0),
        Err(v) => {
            warnings.push(Warning {
                message: format!(
                    "SOURCE_DATE_EPOCH `{v}` is not a number of seconds; the DOCX's dates are 1970-01-01"
                ),
            });
            0
        }
    };
    let when = crate::shared::clock::Civil::from_unix(secs);
    let stamp = when.iso8601();
    let zip_time = crate::shared::zipped::entry_time(when);

    // Fonts: the four faces, obfuscated, subset to the characters used unless asked.
    let family = crate::fonts::Family::from_style(&style.fonts)?;
    let mut font_parts: Vec<(String, String, Vec<u8>)> = Vec::new(); // slot, key, bytes
    if style.docx.embed_fonts != FontEmbedding::None {
        pkg.chars.extend(body::base_chars());
        let chars: BTreeSet<char> = pkg.chars.clone();
        for (k, (slot, face)) in [
            ("Regular", &family.regular),
            ("Bold", &family.bold),
            ("Italic", &family.italic),
            ("BoldItalic", &family.bold_italic),
        ]
        .into_iter()
        .enumerate()
        {
            if !pkg.faces[k] && k > 0 {
                continue;
            }
            if !embeddable(face) {
                warnings.push(Warning {
                    message: format!(
                        "the font {} forbids embedding; the DOCX names it without embedding it",
                        family.name
                    ),
                });
                font_parts.clear();
                break;
            }
            let mut bytes = match style.docx.embed_fonts {
                FontEmbedding::Subset => {
                    fonts::subset_memoized(face, &chars).unwrap_or_else(|| face.to_vec())
                }
                _ => face.to_vec(),
            };
            let key = fonts::font_key(&bytes, slot);
            fonts::obfuscate(&mut bytes, &key);
            font_parts.push((slot.to_string(), key, bytes));
        }
    }

    let lang = styles::word_language(&meta.language);
    // The endnotes part is written only when a note is placed at an end, so documents
    // without one keep their package as it was.
    let endnotes = !pkg.endnotes.is_empty();
    let mut parts: Vec<(&str, Vec<u8>)> = Vec::with_capacity(16);
    parts.push((
        "[Content_Types].xml",
        content_types(!font_parts.is_empty(), endnotes).into_bytes(),
    ));
    parts.push(("_rels/.rels", ROOT_RELS.as_bytes().to_vec()));
    parts.push(("docProps/core.xml", core_xml(meta, &stamp).into_bytes()));
    parts.push(("docProps/app.xml", APP_XML.as_bytes().to_vec()));
    let mut document = String::with_capacity(pkg.body.len() + 1024);
    document.push_str(XML_DECL);
    let _ = write!(document, "<w:document {NS}><w:body>");
    document.push_str(&pkg.body);
    document.push_str(&section(style, false));
    document.push_str("</w:body></w:document>");
    parts.push(("word/document.xml", document.into_bytes()));
    parts.push((
        "word/_rels/document.xml.rels",
        document_rels(endnotes).into_bytes(),
    ));
    parts.push((
        "word/styles.xml",
        styles::styles_xml(style, &meta.language).into_bytes(),
    ));
    parts.push((
        "word/theme/theme1.xml",
        theme::theme_xml(&family.name).into_bytes(),
    ));
    parts.push((
        "word/settings.xml",
        settings_xml(
            &lang,
            !font_parts.is_empty(),
            volume,
            endnotes.then(|| end_notes(style).unwrap_or("docEnd")),
        )
        .into_bytes(),
    ));
    parts.push((
        "word/fontTable.xml",
        font_table(
            &family.name,
            &font_parts,
            style.docx.embed_fonts == FontEmbedding::Subset,
        )
        .into_bytes(),
    ));
    if !font_parts.is_empty() {
        let mut rels = String::from(XML_DECL);
        rels.push_str("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
        for (k, _) in font_parts.iter().enumerate() {
            let _ = write!(rels, "<Relationship Id=\"rIdFont{n}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/font\" Target=\"fonts/font{n}.odttf\"/>", n = k + 1);
        }
        rels.push_str("</Relationships>");
        parts.push(("word/_rels/fontTable.xml.rels", rels.into_bytes()));
    }
    parts.push((
        "word/footnotes.xml",
        notes_part("footnote", &pkg.footnotes).into_bytes(),
    ));
    if endnotes {
        parts.push((
            "word/endnotes.xml",
            notes_part("endnote", &pkg.endnotes).into_bytes(),
        ));
    }
    parts.push(("word/numbering.xml", numbering_xml(&pkg.lists).into_bytes()));
    let mut footer = String::from(XML_DECL);
    let _ = write!(footer, "<w:ftr {NS}><w:p>");
    xml::PPr::styled(styles::id::FOOTER).write(&mut footer);
    footer.push_str("<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p></w:ftr>");
    parts.push(("word/footer1.xml", footer.into_bytes()));
    let font_names: Vec<String> = (1..=font_parts.len())
        .map(|n| format!("word/fonts/font{n}.odttf"))
        .collect();

    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::with_capacity(256 * 1024)));
    let xml_opts = crate::shared::zipped::deflated(zip_time);
    // Small parts are stored: deflating them costs more time (a compressor's state per
    // entry) than it saves bytes.
    let small_opts = xml_opts
        .compression_method(zip::CompressionMethod::Stored)
        .compression_level(None);
    let err = |e: zip::result::ZipError| Error::Output(format!("cannot write the DOCX: {e}"));
    let io = |e: std::io::Error| Error::Output(format!("cannot write the DOCX: {e}"));
    for (name, bytes) in &parts {
        let opts = if bytes.len() > 4096 {
            xml_opts
        } else {
            small_opts
        };
        zip.start_file(*name, opts).map_err(err)?;
        zip.write_all(bytes).map_err(io)?;
    }
    // Fonts are deflated (a subset shrinks to about half: docs/docx.md, Fonts), once per
    // process: a batch's documents mostly embed the same subsets (`shared::zipped`).
    for (name, (_, _, bytes)) in font_names.iter().zip(&font_parts) {
        crate::shared::zipped::write_recurring(&mut zip, name, bytes, xml_opts).map_err(err)?;
    }
    let bytes = zip.finish().map_err(err)?.into_inner();
    Ok(Output { bytes, warnings })
}

/// `footnotes.xml` or `endnotes.xml` (`kind`: "footnote", "endnote"): the two separators
/// Word requires (ids −1 and 0), then the notes.
fn notes_part(kind: &str, notes: &str) -> String {
    let mut part = String::with_capacity(notes.len() + 1024);
    part.push_str(XML_DECL);
    let _ = write!(part, "<w:{kind}s {NS}>");
    for (id, separator) in [("-1", "separator"), ("0", "continuationSeparator")] {
        let _ = write!(part, "<w:{kind} w:type=\"{separator}\" w:id=\"{id}\"><w:p><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:r><w:{separator}/></w:r></w:p></w:{kind}>");
    }
    part.push_str(notes);
    let _ = write!(part, "</w:{kind}s>");
    part
}

/// Whether a font's OS/2 fsType allows embedding (not "restricted license").
fn embeddable(font: &[u8]) -> bool {
    match ttf_parser::Face::parse(font, 0) {
        Ok(face) => face.permissions() != Some(ttf_parser::Permissions::Restricted),
        Err(_) => false,
    }
}

const ROOT_RELS: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>",
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>",
    "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>",
    "</Relationships>"
);

/// `document.xml.rels`: every part the document refers to, the endnotes when it has some.
fn document_rels(endnotes: bool) -> String {
    let mut s = String::from(XML_DECL);
    s.push_str(
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
    );
    let mut rel = |id: &str, kind: &str, target: &str| {
        let _ = write!(s, "<Relationship Id=\"{id}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}\" Target=\"{target}\"/>");
    };
    rel("rIdStyles", "styles", "styles.xml");
    rel("rIdSettings", "settings", "settings.xml");
    rel("rIdFonts", "fontTable", "fontTable.xml");
    rel("rIdFootnotes", "footnotes", "footnotes.xml");
    if endnotes {
        rel("rIdEndnotes", "endnotes", "endnotes.xml");
    }
    rel("rIdNumbering", "numbering", "numbering.xml");
    rel("rIdFooter", "footer", "footer1.xml");
    rel("rIdTheme", "theme", "theme/theme1.xml");
    s.push_str("</Relationships>");
    s
}

const APP_XML: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">",
    "<Application>folio</Application></Properties>"
);

fn content_types(fonts: bool, endnotes: bool) -> String {
    let main = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    let mut s = String::from(XML_DECL);
    s.push_str("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">");
    s.push_str("<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>");
    if fonts {
        s.push_str("<Default Extension=\"odttf\" ContentType=\"application/vnd.openxmlformats-officedocument.obfuscatedFont\"/>");
    }
    for (part, kind) in [
        ("/word/document.xml", "document.main+xml"),
        ("/word/styles.xml", "styles+xml"),
        ("/word/settings.xml", "settings+xml"),
        ("/word/fontTable.xml", "fontTable+xml"),
        ("/word/footnotes.xml", "footnotes+xml"),
        ("/word/endnotes.xml", "endnotes+xml"),
        ("/word/numbering.xml", "numbering+xml"),
        ("/word/footer1.xml", "footer+xml"),
    ]
    .into_iter()
    .filter(|(part, _)| endnotes || *part != "/word/endnotes.xml")
    {
        let _ = write!(
            s,
            "<Override PartName=\"{part}\" ContentType=\"{main}.{kind}\"/>"
        );
    }
    s.push_str("<Override PartName=\"/word/theme/theme1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.theme+xml\"/>");
    s.push_str("<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/><Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>");
    s.push_str("</Types>");
    s
}

fn core_xml(meta: &Meta, stamp: &str) -> String {
    let mut s = String::from(XML_DECL);
    s.push_str("<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">");
    let _ = write!(s, "<dc:title>{}</dc:title>", escape(&meta.title));
    if !meta.subject.is_empty() {
        let _ = write!(s, "<dc:subject>{}</dc:subject>", escape(&meta.subject));
    }
    if !meta.creator.is_empty() {
        let _ = write!(s, "<dc:creator>{}</dc:creator>", escape(&meta.creator));
    }
    let _ = write!(
        s,
        "<dc:language>{}</dc:language><dcterms:created xsi:type=\"dcterms:W3CDTF\">{stamp}</dcterms:created><dcterms:modified xsi:type=\"dcterms:W3CDTF\">{stamp}</dcterms:modified></cp:coreProperties>",
        escape(&meta.language)
    );
    s
}

/// `settings.xml`, children in schema order.
fn settings_xml(lang: &str, fonts: bool, volume: bool, endnotes: Option<&str>) -> String {
    let mut s = String::from(XML_DECL);
    s.push_str(
        "<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">",
    );
    if fonts {
        s.push_str("<w:embedTrueTypeFonts/><w:saveSubsetFonts/>");
    }
    s.push_str("<w:defaultTabStop w:val=\"708\"/><w:autoHyphenation/><w:characterSpacingControl w:val=\"doNotCompress\"/>");
    if volume {
        s.push_str("<w:updateFields w:val=\"true\"/>");
    }
    s.push_str("<w:footnotePr><w:footnote w:id=\"-1\"/><w:footnote w:id=\"0\"/></w:footnotePr>");
    // Endnotes after each document or at the end of the file, numbered 1, 2, 3 — Word's
    // own default is lower-case Roman.
    if let Some(pos) = endnotes {
        let _ = write!(s, "<w:endnotePr><w:pos w:val=\"{pos}\"/><w:numFmt w:val=\"decimal\"/><w:endnote w:id=\"-1\"/><w:endnote w:id=\"0\"/></w:endnotePr>");
    }
    // doNotExpandShiftReturn: a line ended by a line break of the original is not
    // stretched to the margin in justified text.
    s.push_str("<w:compat><w:doNotExpandShiftReturn/><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>");
    let _ = write!(
        s,
        "<w:themeFontLang w:val=\"{}\"/><w:decimalSymbol w:val=\",\"/><w:listSeparator w:val=\";\"/></w:settings>",
        escape(lang)
    );
    s
}

/// `fontTable.xml`: the family, with its embedded faces.
fn font_table(family: &str, fonts: &[(String, String, Vec<u8>)], subset: bool) -> String {
    let mut s = String::from(XML_DECL);
    let _ = write!(s, "<w:fonts {NS}>");
    let _ = write!(
        s,
        "<w:font w:name=\"{}\"><w:charset w:val=\"CC\"/><w:family w:val=\"roman\"/><w:pitch w:val=\"variable\"/>",
        escape(family)
    );
    for (k, (slot, key, _)) in fonts.iter().enumerate() {
        let _ = write!(
            s,
            "<w:embed{slot} r:id=\"rIdFont{}\" w:fontKey=\"{key}\"{}/>",
            k + 1,
            if subset { " w:subsetted=\"1\"" } else { "" }
        );
    }
    s.push_str("</w:font></w:fonts>");
    s
}

/// `numbering.xml`: a decimal and a dash list definition, one instance per list so each
/// numbered list starts where the transcription says.
fn numbering_xml(lists: &[ListDef]) -> String {
    let mut s = String::from(XML_DECL);
    s.push_str(
        "<w:numbering xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">",
    );
    s.push_str("<w:abstractNum w:abstractNumId=\"1\"><w:multiLevelType w:val=\"singleLevel\"/><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.\"/><w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"567\" w:hanging=\"567\"/></w:pPr></w:lvl></w:abstractNum>");
    s.push_str("<w:abstractNum w:abstractNumId=\"2\"><w:multiLevelType w:val=\"singleLevel\"/><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"–\"/><w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"567\" w:hanging=\"567\"/></w:pPr></w:lvl></w:abstractNum>");
    for (k, list) in lists.iter().enumerate() {
        let n = k + 1;
        match list {
            ListDef::Numbered(start) => {
                let _ = write!(s, "<w:num w:numId=\"{n}\"><w:abstractNumId w:val=\"1\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"{start}\"/></w:lvlOverride></w:num>");
            }
            ListDef::Bulleted => {
                let _ = write!(
                    s,
                    "<w:num w:numId=\"{n}\"><w:abstractNumId w:val=\"2\"/></w:num>"
                );
            }
        }
    }
    s.push_str("</w:numbering>");
    s
}

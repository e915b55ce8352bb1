//! `styles.xml`: one named paragraph style per role and a character style per inline mark,
//! derived from three base styles (Transcription, Apparatus, Mark) over Normal, so an editor
//! restyles the whole edition in one place. docs/docx.md lists them.

use super::xml::{half_points, mm, Ind, PPr, RPr, Tab};
use crate::style::{DeletedDisplay, Style, UnderlineDisplay};
use std::fmt::Write as _;

/// Paragraph style ids (the ids are ASCII; the names an editor sees are in [`PARAGRAPH`]).
pub mod id {
    /// Normal: the root, with the font, size and language of the document defaults.
    pub const NORMAL: &str = "Normal";
    /// Base of everything written on the original.
    pub const TRANSCRIPTION: &str = "Transcription";
    /// Base of everything the editor adds.
    pub const APPARATUS: &str = "Apparatus";
    /// Base of the marks (resolutions, stamps…).
    pub const MARK: &str = "Mark";
    /// "№ 1".
    pub const NUMBER: &str = "DocumentNumber";
    /// The editorial title.
    pub const TITLE: &str = "DocumentTitle";
    /// Date and place under the title.
    pub const DATE: &str = "DocumentDate";
    /// The dateline of the original.
    pub const DATELINE: &str = "Dateline";
    /// A resolution.
    pub const RESOLUTION: &str = "MarkResolution";
    /// A помета.
    pub const ANNOTATION: &str = "MarkAnnotation";
    /// A stamp.
    pub const STAMP: &str = "MarkStamp";
    /// A registration entry.
    pub const REGISTRATION: &str = "MarkRegistration";
    /// A marginal note.
    pub const MARGINAL: &str = "MarkMarginalNote";
    /// The signature under a mark.
    pub const MARK_SIGNATURE: &str = "MarkSignature";
    /// A resolution in the page margin: smaller, every part of it (signature, date).
    pub const RESOLUTION_IN_MARGIN: &str = "MarkResolutionInMargin";
    /// A помета in the page margin.
    pub const ANNOTATION_IN_MARGIN: &str = "MarkAnnotationInMargin";
    /// A registration entry in the page margin.
    pub const REGISTRATION_IN_MARGIN: &str = "MarkRegistrationInMargin";
    /// The address.
    pub const ADDRESS: &str = "Address";
    /// A heading typed on the document.
    pub const HEADING: &str = "DocumentHeading";
    /// The opening salutation.
    pub const SALUTATION: &str = "OpeningSalutation";
    /// Running text.
    pub const TEXT: &str = "TranscriptionText";
    /// Running text without a first-line indent.
    pub const TEXT_FLUSH: &str = "TranscriptionTextFlush";
    /// A quotation.
    pub const QUOTE: &str = "Quotation";
    /// A list item.
    pub const LIST: &str = "ListItem";
    /// Closing lines.
    pub const CLOSER: &str = "Closer";
    /// Base of signatures.
    pub const SIGNATURE: &str = "DocumentSignature";
    /// A signature at the right (a role, if any, at the left).
    pub const SIGNATURE_RIGHT: &str = "DocumentSignatureRight";
    /// A signature at the left.
    pub const SIGNATURE_LEFT: &str = "DocumentSignatureLeft";
    /// A postscript.
    pub const POSTSCRIPT: &str = "Postscript";
    /// A folio break.
    pub const FOLIO: &str = "FolioBreak";
    /// The archival legend.
    pub const LEGEND: &str = "Legend";
    /// The text of a footnote.
    pub const NOTE: &str = "EditorialNote";
    /// The page footer.
    pub const FOOTER: &str = "Footer";
    /// A heading of a volume's front matter: preface, abbreviations, contents.
    pub const FRONT_HEADING: &str = "FrontMatterHeading";
    /// A line of a volume's title page: subtitle, editors, imprint.
    pub const VOLUME_LINE: &str = "VolumeTitleLine";
    /// A paragraph of a volume's preface.
    pub const PREFACE: &str = "PrefaceText";
    /// An entry of a volume's list of abbreviations.
    pub const ABBREVIATION: &str = "Abbreviation";
    /// An entry of the table of contents.
    pub const TOC1: &str = "TOC1";
    /// An entry of a name or place index (Word's built-in "index 1").
    pub const INDEX1: &str = "Index1";
    /// The title of a volume.
    pub const VOLUME_TITLE: &str = "VolumeTitle";
    /// Word's built-in "heading 1" and "heading 2": what Word's navigation pane, its TOC
    /// field and readers (pandoc) take as headings. The commentary's headings are based
    /// on them.
    pub const HEADING1: &str = "Heading1";
    /// Word's built-in "heading 2".
    pub const HEADING2: &str = "Heading2";
    /// The heading of a volume's commentary, "Комментарии" (a heading 1).
    pub const COMMENTARY_HEADING: &str = "CommentaryHeading";
    /// A document's number and title over its notes in the commentary (a heading 2).
    pub const COMMENTARY_DOCUMENT: &str = "CommentaryDocumentHeading";
    /// A note of the commentary: its mark, the page of its reference, its text.
    pub const COMMENTARY_NOTE: &str = "CommentaryNote";
    /// A letter heading of an index, "А" (Word's built-in "index heading").
    pub const INDEX_HEADING: &str = "IndexHeading";

    /// Character style ids.
    pub mod ch {
        /// Base of the inline marks of the original.
        pub const BASE: &str = "TranscriptionMark";
        /// Underlined once.
        pub const UNDERLINED: &str = "Underlined";
        /// Underlined twice.
        pub const UNDERLINED_TWICE: &str = "UnderlinedTwice";
        /// Spaced out.
        pub const SPACED: &str = "Spaced";
        /// Struck out.
        pub const DELETED: &str = "Deleted";
        /// Inserted.
        pub const INSERTED: &str = "Inserted";
        /// An unclear reading.
        pub const UNCLEAR: &str = "Unclear";
        /// Supplied by the editor.
        pub const SUPPLIED: &str = "Supplied";
        /// Another hand.
        pub const HAND: &str = "HandShift";
        /// Superscript in the original.
        pub const RAISED: &str = "Raised";
        /// Italic in the original.
        pub const ITALIC: &str = "ItalicInOriginal";
        /// Bold in the original.
        pub const BOLD: &str = "BoldInOriginal";
        /// Subscript in the original.
        pub const LOWERED: &str = "Lowered";
        /// The editor's words inside the text: gaps, "[?]", a mark's hand.
        pub const EDITORIAL: &str = "EditorialComment";
        /// The note number, at the reference and in the note.
        pub const NOTE_REF: &str = "FootnoteReference";
    }
}

/// Paragraph styles: id, name shown to the editor, based on.
pub const PARAGRAPH: &[(&str, &str, &str)] = &[
    (id::TRANSCRIPTION, "Transcription", id::NORMAL),
    (id::APPARATUS, "Apparatus", id::NORMAL),
    (id::MARK, "Mark", id::TRANSCRIPTION),
    (id::NUMBER, "Document Number", id::APPARATUS),
    (id::TITLE, "Document Title", id::APPARATUS),
    (id::DATE, "Document Date", id::APPARATUS),
    (id::DATELINE, "Dateline", id::TRANSCRIPTION),
    (id::RESOLUTION, "Mark Resolution", id::MARK),
    (id::ANNOTATION, "Mark Annotation", id::MARK),
    (id::STAMP, "Mark Stamp", id::MARK),
    (id::REGISTRATION, "Mark Registration", id::MARK),
    (id::MARGINAL, "Mark Marginal Note", id::MARK),
    (id::MARK_SIGNATURE, "Mark Signature", id::MARK),
    (
        id::RESOLUTION_IN_MARGIN,
        "Mark Resolution In Margin",
        id::RESOLUTION,
    ),
    (
        id::ANNOTATION_IN_MARGIN,
        "Mark Annotation In Margin",
        id::ANNOTATION,
    ),
    (
        id::REGISTRATION_IN_MARGIN,
        "Mark Registration In Margin",
        id::REGISTRATION,
    ),
    (id::ADDRESS, "Address", id::TRANSCRIPTION),
    (id::HEADING, "Document Heading", id::TRANSCRIPTION),
    (id::SALUTATION, "Opening Salutation", id::TRANSCRIPTION),
    (id::TEXT, "Transcription Text", id::TRANSCRIPTION),
    (id::TEXT_FLUSH, "Transcription Text Flush", id::TEXT),
    (id::QUOTE, "Quotation", id::TRANSCRIPTION),
    (id::LIST, "List Item", id::TRANSCRIPTION),
    (id::CLOSER, "Closer", id::TRANSCRIPTION),
    (id::SIGNATURE, "Document Signature", id::TRANSCRIPTION),
    (
        id::SIGNATURE_RIGHT,
        "Document Signature Right",
        id::SIGNATURE,
    ),
    (id::SIGNATURE_LEFT, "Document Signature Left", id::SIGNATURE),
    (id::POSTSCRIPT, "Postscript", id::TEXT),
    (id::FOLIO, "Folio Break", id::APPARATUS),
    (id::LEGEND, "Legend", id::APPARATUS),
    (id::NOTE, "Editorial Note", id::APPARATUS),
    (id::FOOTER, "footer", id::APPARATUS),
    (id::VOLUME_TITLE, "Volume Title", id::APPARATUS),
    (id::VOLUME_LINE, "Volume Title Line", id::APPARATUS),
    (id::FRONT_HEADING, "Front Matter Heading", id::APPARATUS),
    (id::PREFACE, "Preface Text", id::APPARATUS),
    (id::ABBREVIATION, "Abbreviation", id::APPARATUS),
    (id::TOC1, "toc 1", id::APPARATUS),
    (id::INDEX1, "index 1", id::APPARATUS),
    (id::INDEX_HEADING, "index heading", id::APPARATUS),
    (id::HEADING1, "heading 1", id::APPARATUS),
    (id::HEADING2, "heading 2", id::APPARATUS),
    (id::COMMENTARY_HEADING, "Commentary Heading", id::HEADING1),
    (
        id::COMMENTARY_DOCUMENT,
        "Commentary Document Heading",
        id::HEADING2,
    ),
    (id::COMMENTARY_NOTE, "Commentary Note", id::NOTE),
];

/// Character styles: id, name, based on (empty: none).
pub const CHARACTER: &[(&str, &str, &str)] = &[
    (id::ch::BASE, "Transcription Mark", ""),
    (id::ch::UNDERLINED, "Underlined in Original", id::ch::BASE),
    (
        id::ch::UNDERLINED_TWICE,
        "Underlined Twice in Original",
        id::ch::UNDERLINED,
    ),
    (id::ch::SPACED, "Spaced in Original", id::ch::BASE),
    (id::ch::DELETED, "Deleted in Original", id::ch::BASE),
    (id::ch::INSERTED, "Inserted in Original", id::ch::BASE),
    (id::ch::UNCLEAR, "Unclear Reading", id::ch::BASE),
    (id::ch::SUPPLIED, "Supplied by Editor", id::ch::BASE),
    (id::ch::HAND, "Other Hand", id::ch::BASE),
    (id::ch::RAISED, "Raised in Original", id::ch::BASE),
    (id::ch::ITALIC, "Italic in Original", id::ch::BASE),
    (id::ch::BOLD, "Bold in Original", id::ch::BASE),
    (id::ch::LOWERED, "Lowered in Original", id::ch::BASE),
    (id::ch::EDITORIAL, "Editorial Comment", ""),
    (id::ch::NOTE_REF, "footnote reference", ""),
];

/// The width of the text block in twips.
pub fn text_width(style: &Style) -> i64 {
    let d = &style.docx;
    let (w, _) = d.page_size.mm();
    (mm(w) - mm(d.margin_left) - mm(d.margin_right)).max(mm(40.0))
}

/// What a character style itself sets; also applied as direct formatting to a run nested
/// in an outer mark, since a run takes only one character style.
pub fn character_props(style_id: &str, style: &Style) -> RPr {
    let mut r = RPr::default();
    let spacing = Some(40); // 2 pt between letters: разрядка.
    match style_id {
        id::ch::UNDERLINED => match style.inline.underline {
            UnderlineDisplay::Italic => r.italic = true,
            UnderlineDisplay::Underline => r.underline = Some("single"),
            UnderlineDisplay::Spaced => r.letter_spacing = spacing,
        },
        // Based on Underlined: what twice adds to once.
        id::ch::UNDERLINED_TWICE => match style.inline.underline {
            UnderlineDisplay::Italic => r.bold = true,
            UnderlineDisplay::Underline => r.underline = Some("double"),
            UnderlineDisplay::Spaced => r.underline = Some("single"),
        },
        id::ch::SPACED => r.letter_spacing = spacing,
        id::ch::DELETED => r.strike = style.inline.deleted == DeletedDisplay::Strike,
        id::ch::RAISED => r.vert = Some("superscript"),
        id::ch::ITALIC => r.italic = true,
        id::ch::BOLD => r.bold = true,
        id::ch::LOWERED => r.vert = Some("subscript"),
        id::ch::EDITORIAL => r.italic = true,
        id::ch::NOTE_REF => r.vert = Some("superscript"),
        _ => {}
    }
    r
}

/// What a paragraph style sets.
fn paragraph_props(style_id: &str, style: &Style) -> (PPr, RPr) {
    let d = &style.docx;
    let width = text_width(style);
    let small = Some(half_points(d.small_font_size));
    let pt = |p: i64| Some(p * 20);
    let mut p = PPr::default();
    let mut r = RPr::default();
    match style_id {
        id::TRANSCRIPTION => {}
        id::APPARATUS => {}
        id::MARK => {
            r.size = small;
            p.jc = Some("left");
            p.spacing = Some((None, None, Some(240)));
        }
        id::NUMBER => {
            p.jc = Some("center");
            p.keep_next = true;
            r.bold = true;
        }
        id::TITLE => {
            p.jc = Some("center");
            p.keep_next = true;
            p.outline = Some(0);
            p.spacing = Some((None, pt(6), None));
            r.bold = true;
        }
        id::DATE => {
            p.jc = Some("center");
            p.keep_next = true;
            p.spacing = Some((None, pt(18), None));
        }
        id::DATELINE => {
            p.jc = Some("right");
            p.spacing = Some((None, pt(12), None));
        }
        id::RESOLUTION | id::ANNOTATION | id::REGISTRATION => {
            p.keep_lines = true;
            p.spacing = Some((pt(6), None, None));
        }
        // A mark in the page margin: smaller, as in the PDF, to fit the margin.
        id::MARGINAL => {
            p.keep_lines = true;
            p.spacing = Some((pt(6), None, None));
            r.size = Some(half_points(d.small_font_size * 0.8));
        }
        id::RESOLUTION_IN_MARGIN | id::ANNOTATION_IN_MARGIN | id::REGISTRATION_IN_MARGIN => {
            r.size = Some(half_points(d.small_font_size * 0.8));
        }
        id::STAMP => {
            p.keep_lines = true;
            p.spacing = Some((pt(6), pt(6), None));
            p.jc = Some("center");
            p.borders = vec![
                super::xml::Edge::Top,
                super::xml::Edge::Left,
                super::xml::Edge::Bottom,
                super::xml::Edge::Right,
            ];
            r.bold = false;
        }
        id::MARK_SIGNATURE => {
            p.jc = Some("right");
            p.spacing = Some((None, pt(6), None));
        }
        id::ADDRESS => {
            p.ind = Some(Ind {
                left: Some(width / 2),
                ..Ind::default()
            });
            p.spacing = Some((None, pt(18), None));
        }
        id::HEADING => {
            p.jc = Some("center");
            p.keep_next = true;
            p.spacing = Some((pt(6), pt(12), None));
            r.bold = true;
        }
        id::SALUTATION => {
            p.jc = Some("center");
            p.spacing = Some((None, pt(6), None));
        }
        id::TEXT => {
            p.jc = Some("both");
            p.ind = Some(Ind {
                first: Some(mm(d.first_line_indent)),
                ..Ind::default()
            });
        }
        id::TEXT_FLUSH => {
            p.ind = Some(Ind {
                first: Some(0),
                ..Ind::default()
            });
        }
        id::QUOTE => {
            p.jc = Some("both");
            p.ind = Some(Ind {
                left: Some(mm(10.0)),
                right: Some(mm(10.0)),
                ..Ind::default()
            });
            p.spacing = Some((pt(6), pt(6), None));
        }
        id::LIST => {
            // An item never splits over a page: a protocol's "1. Слушали: …" keeps its number
            // with its text.
            p.jc = Some("both");
            p.keep_lines = true;
        }
        id::CLOSER => {
            p.jc = Some("right");
            p.keep_next = true;
            p.contextual = true;
            p.spacing = Some((pt(12), None, None));
        }
        id::SIGNATURE => {
            p.keep_lines = true;
            p.spacing = Some((pt(6), None, None));
        }
        id::SIGNATURE_RIGHT => {
            p.tabs = vec![Tab {
                kind: "right",
                pos: width,
                dots: false,
            }];
        }
        id::SIGNATURE_LEFT => {
            p.tabs = vec![Tab {
                kind: "left",
                pos: width * 2 / 5,
                dots: false,
            }];
        }
        id::POSTSCRIPT => {
            p.spacing = Some((pt(12), None, None));
        }
        id::FOLIO => {
            p.jc = Some("right");
            p.keep_next = true;
            r.size = small;
        }
        id::LEGEND => {
            p.jc = Some("both");
            p.spacing = Some((pt(18), None, None));
            r.size = small;
        }
        id::NOTE => {
            p.jc = Some("both");
            p.spacing = Some((None, None, Some(240)));
            r.size = small;
        }
        id::FOOTER => {
            p.jc = Some("center");
            r.size = small;
        }
        id::VOLUME_TITLE => {
            p.jc = Some("center");
            p.spacing = Some((pt(72), pt(24), None));
            r.bold = true;
            r.size = Some(half_points(d.font_size * 1.6));
        }
        id::VOLUME_LINE => {
            p.jc = Some("center");
            p.spacing = Some((None, pt(12), None));
        }
        id::FRONT_HEADING => {
            p.page_break_before = true;
            p.keep_next = true;
            p.jc = Some("center");
            p.spacing = Some((None, pt(18), None));
            r.bold = true;
        }
        id::PREFACE => {
            p.jc = Some("both");
            p.ind = Some(Ind {
                first: Some(mm(d.first_line_indent)),
                ..Ind::default()
            });
        }
        id::ABBREVIATION => {
            p.tabs = vec![Tab {
                kind: "left",
                pos: mm(30.0),
                dots: false,
            }];
            p.ind = Some(Ind {
                left: Some(mm(30.0)),
                first: Some(-mm(30.0)),
                ..Ind::default()
            });
            p.spacing = Some((None, pt(3), None));
        }
        id::HEADING1 => {
            p.keep_next = true;
            p.outline = Some(0);
            r.bold = true;
        }
        id::HEADING2 => {
            p.keep_next = true;
            p.outline = Some(1);
            r.bold = true;
        }
        // As the other headings of the back matter (Front Matter Heading): a new page.
        id::COMMENTARY_HEADING => {
            p.page_break_before = true;
            p.jc = Some("center");
            p.spacing = Some((None, pt(18), None));
        }
        id::COMMENTARY_DOCUMENT => {
            p.jc = Some("left");
            p.spacing = Some((pt(12), pt(6), None));
        }
        // The mark hangs in the margin of the note's first line.
        id::COMMENTARY_NOTE => {
            p.ind = Some(Ind {
                left: Some(mm(5.0)),
                first: Some(-mm(5.0)),
                ..Ind::default()
            });
            p.spacing = Some((None, pt(3), None));
        }
        // The letter over a group of an index, kept with its first entry.
        id::INDEX_HEADING => {
            p.keep_next = true;
            p.jc = Some("center");
            p.spacing = Some((pt(8), pt(2), None));
            r.bold = true;
        }
        id::INDEX1 => {
            p.ind = Some(Ind {
                left: Some(mm(5.0)),
                first: Some(-mm(5.0)),
                ..Ind::default()
            });
            p.spacing = Some((None, Some(0), None));
        }
        id::TOC1 => {
            // The page number at the margin after a dot leader; no right indent: LibreOffice
            // drops a tab stop that lies beyond it, and the page number with it. Entries hang
            // after their number ("№ 12. ").
            p.tabs = vec![Tab {
                kind: "right",
                pos: width,
                dots: true,
            }];
            p.ind = Some(Ind {
                left: Some(mm(12.0)),
                first: Some(-mm(12.0)),
                ..Ind::default()
            });
            p.spacing = Some((None, pt(4), None));
        }
        _ => {}
    }
    (p, r)
}

/// The language tag Word expects in `w:lang` for a BCP 47 tag: the primary language with
/// its usual region ("ru-petr1708" → "ru-RU": pre-1918 spelling is still Russian to a spell
/// checker and hyphenator).
pub fn word_language(tag: &str) -> String {
    let primary = tag.split('-').next().unwrap_or("ru").to_ascii_lowercase();
    let region = match primary.as_str() {
        "ru" => "RU",
        "uk" => "UA",
        "be" => "BY",
        "en" => "US",
        "de" => "DE",
        "fr" => "FR",
        "pl" => "PL",
        "bg" => "BG",
        "sr" => "RS",
        "cs" => "CZ",
        "kk" => "KZ",
        "" => return "ru-RU".into(),
        _ => return primary,
    };
    format!("{primary}-{region}")
}

/// The whole `styles.xml`.
pub fn styles_xml(style: &Style, language: &str) -> String {
    let d = &style.docx;
    let mut out = String::with_capacity(16 * 1024);
    out.push_str(super::XML_DECL);
    out.push_str(
        "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">",
    );
    // Document defaults: the font on all four slots, the size, the language.
    out.push_str("<w:docDefaults><w:rPrDefault>");
    RPr {
        font: Some(style.fonts.family.clone()),
        size: Some(half_points(d.font_size)),
        lang: Some(word_language(language)),
        ..RPr::default()
    }
    .write(&mut out);
    out.push_str("</w:rPrDefault><w:pPrDefault>");
    PPr {
        spacing: Some((
            Some(0),
            Some(0),
            Some((f64::from(d.line_spacing) * 240.0).round() as i64),
        )),
        ..PPr::default()
    }
    .write(&mut out);
    out.push_str("</w:pPrDefault></w:docDefaults>");

    out.push_str(
        "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>",
    );
    out.push_str(
        "<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\"><w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/><w:unhideWhenUsed/></w:style>",
    );
    out.push_str(
        "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/><w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>",
    );
    out.push_str(
        "<w:style w:type=\"numbering\" w:default=\"1\" w:styleId=\"NoList\"><w:name w:val=\"No List\"/><w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/></w:style>",
    );
    for (sid, name, based) in PARAGRAPH {
        let (p, r) = paragraph_props(sid, style);
        let _ = write!(
            out,
            "<w:style w:type=\"paragraph\" w:customStyle=\"{}\" w:styleId=\"{sid}\"><w:name w:val=\"{name}\"/><w:basedOn w:val=\"{based}\"/>",
            u8::from(!matches!(
                *sid,
                id::FOOTER
                    | id::TOC1
                    | id::INDEX1
                    | id::INDEX_HEADING
                    | id::HEADING1
                    | id::HEADING2
            ))
        );
        if *sid == id::TITLE {
            out.push_str("<w:next w:val=\"DocumentDate\"/>");
        }
        out.push_str("<w:qFormat/>");
        p.write(&mut out);
        r.write(&mut out);
        out.push_str("</w:style>");
    }
    for (sid, name, based) in CHARACTER {
        let _ = write!(
            out,
            "<w:style w:type=\"character\" w:customStyle=\"{}\" w:styleId=\"{sid}\"><w:name w:val=\"{name}\"/>",
            u8::from(*sid != id::ch::NOTE_REF)
        );
        if !based.is_empty() {
            let _ = write!(out, "<w:basedOn w:val=\"{based}\"/>");
        }
        character_props(sid, style).write(&mut out);
        out.push_str("</w:style>");
    }
    out.push_str("</w:styles>");
    out
}

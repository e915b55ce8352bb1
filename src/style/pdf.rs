//! Settings of the PDF edition (`[pdf]` in a style file). docs/styles.md documents each.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A paper size: "a4", "a5", "b5" or "letter", as the DOCX edition spells them ("A4"… is
/// accepted too).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PageSize {
    /// ISO A4, 210 × 297 mm.
    #[default]
    #[serde(alias = "A4")]
    A4,
    /// ISO A5, 148 × 210 mm: the usual page of a book edition.
    #[serde(alias = "A5")]
    A5,
    /// ISO B5, 176 × 250 mm.
    #[serde(alias = "B5")]
    B5,
    /// US Letter, 8.5 × 11 in.
    #[serde(alias = "Letter")]
    Letter,
}

impl PageSize {
    /// Width and height in points.
    pub fn points(self) -> (f32, f32) {
        let mm = |w: f32, h: f32| (w * 72.0 / 25.4, h * 72.0 / 25.4);
        match self {
            PageSize::A4 => mm(210.0, 297.0),
            PageSize::A5 => mm(148.0, 210.0),
            PageSize::B5 => mm(176.0, 250.0),
            PageSize::Letter => (612.0, 792.0),
        }
    }
}

/// Where the notes stand.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum NotesPlacement {
    /// At the foot of the page of each reference (footnotes).
    #[default]
    Foot,
    /// After the document, before the legend (endnotes).
    End,
}

/// A PDF standard the edition conforms to (`pdf.standards`, `--pdf-standard`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PdfStandard {
    /// PDF/UA-1 (ISO 14289-1): universally accessible, tagged.
    #[serde(rename = "ua-1")]
    Ua1,
    /// PDF/A-2u (ISO 19005-2, level U): archival, every glyph maps to Unicode.
    #[serde(rename = "a-2u")]
    A2u,
    /// PDF/A-2a (level A): archival and tagged.
    #[serde(rename = "a-2a")]
    A2a,
    /// PDF/A-3u (ISO 19005-3): as A-2u, and may carry associated files (the source).
    #[serde(rename = "a-3u")]
    A3u,
    /// PDF/A-3a: as A-2a, with associated files.
    #[serde(rename = "a-3a")]
    A3a,
}

impl PdfStandard {
    /// Every standard, with its name as written in a style or on the command line.
    pub const ALL: [(&'static str, PdfStandard); 5] = [
        ("ua-1", PdfStandard::Ua1),
        ("a-2u", PdfStandard::A2u),
        ("a-2a", PdfStandard::A2a),
        ("a-3u", PdfStandard::A3u),
        ("a-3a", PdfStandard::A3a),
    ];

    /// The name as written ("a-2u").
    pub fn name(self) -> &'static str {
        PdfStandard::ALL
            .iter()
            .find(|(_, s)| *s == self)
            .map_or("", |(n, _)| n)
    }

    /// Reads "ua-1,a-2u" (or "none"); at most one part of PDF/A.
    pub fn parse_list(list: &str) -> Result<Vec<PdfStandard>, String> {
        let mut out = Vec::new();
        for word in list.split(',').map(str::trim).filter(|w| !w.is_empty()) {
            if word == "none" {
                continue;
            }
            let Some((_, s)) = PdfStandard::ALL.iter().find(|(n, _)| *n == word) else {
                return Err(format!(
                    "unknown PDF standard `{word}` in --pdf-standard; expected ua-1, a-2u, a-2a, a-3u, a-3a or none"
                ));
            };
            if s.is_archival() && out.iter().any(|o: &PdfStandard| o.is_archival()) {
                return Err(format!(
                    "--pdf-standard names two parts of PDF/A (`{word}` and another); a file conforms to one"
                ));
            }
            if !out.contains(s) {
                out.push(*s);
            }
        }
        Ok(out)
    }

    /// Whether it is a part of PDF/A.
    pub fn is_archival(self) -> bool {
        self != PdfStandard::Ua1
    }
}

/// Where a volume's document starts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum DocumentStart {
    /// On a new page.
    #[default]
    NewPage,
    /// Below the previous document, when its heading and a few lines fit on that page.
    RunOn,
}

/// Page margins in millimetres.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Margins {
    /// Top margin (above the running head's baseline area).
    pub top: f32,
    /// Bottom margin (below the footnotes and page number).
    pub bottom: f32,
    /// Left margin.
    pub left: f32,
    /// Right margin.
    pub right: f32,
}

impl Default for Margins {
    fn default() -> Self {
        Margins {
            top: 20.0,
            bottom: 20.0,
            left: 20.0,
            right: 20.0,
        }
    }
}

/// Settings of the PDF edition.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct PdfStyle {
    /// Paper size: "a4", "a5", "b5" or "letter".
    pub page_size: PageSize,
    /// Page margins in millimetres.
    pub margins: Margins,
    /// Body text size in points.
    pub font_size: f32,
    /// Distance between baselines of body text, in points.
    pub leading: f32,
    /// Size of notes, marks and the legend, as a fraction of the body size.
    pub small_size: f32,
    /// Indent of a paragraph's first line, in ems of the body size.
    pub indent: f32,
    /// Whether running text is justified (true) or set flush left (false).
    pub justify: bool,
    /// Whether words are hyphenated at line ends, in the document's language.
    pub hyphenate: bool,
    /// Whether a running head (volume or document title left, document number and title
    /// right) stands above the text from the second page on.
    pub running_head: bool,
    /// Whether pages are numbered at the foot.
    pub page_numbers: bool,
    /// Number every n-th line of the document's text in the left margin; 0 turns it off.
    pub line_numbers: u32,
    /// Where notes stand: "foot" or "end".
    pub notes: NotesPlacement,
    /// In a volume, where each document after the first starts: "new-page" or "run-on".
    pub document_start: DocumentStart,
    /// The standards the PDF conforms to, checked as it is written: "ua-1", "a-2u",
    /// "a-2a", "a-3u", "a-3a" (at most one PDF/A part); `[]` for none.
    pub standards: Vec<PdfStandard>,
    /// Embed each document's source (TOML/JSON) as a PDF/A-3 associated file.
    pub embed_source: bool,
}

impl PdfStyle {
    /// The `edition` preset: a book page (A5, 10.5 pt, running heads, footnotes).
    pub fn edition() -> PdfStyle {
        PdfStyle {
            page_size: PageSize::A5,
            margins: Margins {
                top: 16.0,
                bottom: 18.0,
                left: 17.0,
                right: 15.0,
            },
            font_size: 10.5,
            leading: 13.0,
            small_size: 0.85,
            indent: 1.5,
            justify: true,
            hyphenate: true,
            running_head: true,
            page_numbers: true,
            line_numbers: 0,
            notes: NotesPlacement::Foot,
            document_start: DocumentStart::NewPage,
            standards: vec![PdfStandard::Ua1, PdfStandard::A2u],
            embed_source: false,
        }
    }

    /// The `handout` preset: a classroom handout (A4, 12.5 pt, generous leading, line
    /// numbers every 5 lines, no running head).
    pub fn handout() -> PdfStyle {
        PdfStyle {
            page_size: PageSize::A4,
            margins: Margins {
                top: 22.0,
                bottom: 22.0,
                left: 30.0,
                right: 25.0,
            },
            font_size: 12.5,
            leading: 19.0,
            small_size: 0.85,
            indent: 1.5,
            justify: true,
            hyphenate: true,
            running_head: false,
            page_numbers: true,
            line_numbers: 5,
            notes: NotesPlacement::Foot,
            document_start: DocumentStart::NewPage,
            standards: vec![PdfStandard::Ua1, PdfStandard::A2u],
            embed_source: false,
        }
    }
}

impl Default for PdfStyle {
    fn default() -> Self {
        PdfStyle::edition()
    }
}

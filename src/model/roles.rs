//! The struct of each block role (dateline, mark, address, … table) and the alignments and
//! sides they stand at.

use super::date::date_or_string;
use super::{Paras, Text};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Horizontal alignment of a block.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Align {
    /// Flush left.
    Left,
    /// Centred.
    Center,
    /// Flush right.
    Right,
    /// Justified (running text).
    #[default]
    Justify,
}

/// The side of the page a signature or dateline stands on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Side {
    /// At the left.
    Left,
    /// At the right.
    #[default]
    Right,
}

/// The dateline of the document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dateline {
    /// Place and date as written.
    pub text: Text,
    /// Which side it stands on (default right).
    #[serde(default)]
    pub side: Side,
    /// Whose hand wrote it, when not the hand of the document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hand: Option<String>,
}

/// A mark: anything written on the document besides its text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Mark {
    /// What kind of mark it is.
    pub kind: MarkKind,
    /// The text of the mark.
    pub text: Text,
    /// The signature under the mark, as written ("Сталин.").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<Text>,
    /// The date written with the mark, as written ("3.XII.32"); a TOML date literal is read
    /// as its ISO form.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "date_or_string"
    )]
    pub date: Option<String>,
    /// Whose hand, as the edition prints it after "Рукой" — in Russian the genitive:
    /// "И. В. Сталина".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hand: Option<String>,
    /// The writing medium, as the edition prints it ("синим карандашом").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub medium: Option<String>,
    /// Where on the page the mark stands (default top-left).
    #[serde(default)]
    pub position: Position,
}

/// The kind of a mark.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum MarkKind {
    /// A resolution: an instruction written on the document (резолюция).
    Resolution,
    /// A note of reading or action ("Читал.", "В архив") (помета).
    Annotation,
    /// A stamp (штамп, печать).
    Stamp,
    /// A registration number or entry (регистрационный номер).
    Registration,
    /// A note in the margin (маргиналия).
    MarginalNote,
}

/// Where on the page of the original a mark stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Position {
    /// Top left corner (resolutions usually stand here).
    #[default]
    TopLeft,
    /// Top, centred.
    Top,
    /// Top right corner.
    TopRight,
    /// In the left margin.
    LeftMargin,
    /// In the right margin.
    RightMargin,
    /// Bottom left corner.
    BottomLeft,
    /// Bottom, centred.
    Bottom,
    /// Bottom right corner.
    BottomRight,
}

impl MarkKind {
    /// The kind as the format spells it (`marginal-note`), which the EPUB's classes and the
    /// TEI's `subtype` repeat.
    pub fn name(self) -> &'static str {
        match self {
            MarkKind::Resolution => "resolution",
            MarkKind::Annotation => "annotation",
            MarkKind::Stamp => "stamp",
            MarkKind::Registration => "registration",
            MarkKind::MarginalNote => "marginal-note",
        }
    }
}

impl Position {
    /// The position as the format spells it (`left-margin`), which the EPUB's classes repeat.
    pub fn name(self) -> &'static str {
        match self {
            Position::TopLeft => "top-left",
            Position::Top => "top",
            Position::TopRight => "top-right",
            Position::LeftMargin => "left-margin",
            Position::RightMargin => "right-margin",
            Position::BottomLeft => "bottom-left",
            Position::Bottom => "bottom",
            Position::BottomRight => "bottom-right",
        }
    }
}

/// The addressee block.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Address {
    /// The lines of the address, as written.
    pub lines: Vec<Text>,
    /// Which side it stands on (default right).
    #[serde(default)]
    pub side: Side,
}

/// A heading typed on the document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Heading {
    /// The heading as written; `\` at a line end breaks the line.
    pub text: Text,
}

/// An opening salutation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Salutation {
    /// The salutation as written.
    pub text: Text,
}

/// Running text: one or more paragraphs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Paragraphs {
    /// The paragraphs; a blank line starts a new one.
    pub text: Paras,
    /// Alignment (default justify).
    #[serde(default)]
    pub align: Align,
    /// Whether the first line of each paragraph is indented (default true).
    #[serde(default = "yes")]
    pub indent: bool,
    /// Whose hand wrote this text, when it changes hand (handwritten lines in a typescript).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hand: Option<String>,
}

fn yes() -> bool {
    true
}

/// A quoted block.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Quote {
    /// The quoted paragraphs; a blank line starts a new one.
    pub text: Paras,
}

/// A list, numbered or bulleted.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct List {
    /// Numbered or bulleted (default numbered).
    #[serde(default)]
    pub style: ListStyle,
    /// The first number of a numbered list (default 1).
    #[serde(default = "one")]
    pub start: u32,
    /// The items, each a text.
    pub items: Vec<Text>,
}

fn one() -> u32 {
    1
}

/// How list items are marked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ListStyle {
    /// "1.", "2.", …
    #[default]
    Numbered,
    /// "–" before each item.
    Bulleted,
}

/// The closing of a letter: salutation lines and signatures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Closer {
    /// Closing salutation lines ("С товарищеским приветом").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lines: Vec<Text>,
    /// The signatures, in the order of the original.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signatures: Vec<Signature>,
}

/// One signature.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Signature {
    /// The name as signed or typed ("Г. Зиновьев").
    pub name: Text,
    /// The signer's role, printed before the name ("Секретарь ЦК").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Text>,
    /// Whether the signature is an autograph (signed by hand).
    #[serde(default)]
    pub autograph: bool,
    /// Which side it stands on (default right).
    #[serde(default)]
    pub side: Side,
}

/// A postscript.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Postscript {
    /// The paragraphs, with the "P.S." as written.
    pub text: Paras,
    /// Whose hand wrote it, when it changes hand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hand: Option<String>,
}

/// A folio break: the original's page turns here.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Folio {
    /// The folio that begins here ("л. 2", "л. 1 об.").
    pub label: String,
}

/// A table of rows and cells.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Table {
    /// How many rows at the top label the columns (default none).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub header_rows: usize,
    /// The rows, each a list of cells; rows may have fewer cells than the widest.
    pub rows: Vec<Vec<Text>>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl Table {
    /// The number of columns: the cells of the widest row.
    pub fn columns(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }
}

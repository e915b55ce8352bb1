//! The transcription model: one archival document, defined once.
//!
//! Readers (TOML for authors, JSON for pipelines) deserialize straight into these types with
//! the same field names, then [`crate::read`] validates them. Every writer reads only this
//! model and a [`crate::style::Style`]. Text fields carry inline markup (see [`crate::markup`]);
//! they are stored both as the source string (so a document round-trips) and as parsed
//! [`Inline`]s (so no writer parses markup).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use crate::markup::{Inline, InsertPlace, Text};

/// The major version of the format this folio reads; a file with a newer major is refused.
pub const FORMAT_MAJOR: u32 = 1;
/// The full format version written by `folio new` and documented in docs/format.md.
pub const FORMAT_VERSION: &str = "1.0";

/// One transcribed archival document: editorial metadata, archival source, content, notes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// Format version, "MAJOR.MINOR" (this folio reads major version 1).
    pub format: String,
    /// Identifier of the document, safe as a file name: letters, digits, `-`, `_`, `.`.
    pub id: String,
    /// Number of the document in the edition ("1", "12а"); printed as "№ 1".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// The editorial title (heading): kind of document, author, addressee, summary.
    pub title: Text,
    /// Date of the document, ISO 8601: "1932-12-03", partial "1932-12" or "1932", or a
    /// range "1932-12-03/1932-12-05". In TOML a date literal (`date = 1932-12-03`) is read
    /// as the same date.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "date_or_string"
    )]
    pub date: Option<String>,
    /// Place where the document was written, as the editor names it ("Москва").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// Language of the document, a BCP 47 tag ("ru", "ru-petr1708" for pre-1918 spelling, "uk").
    #[serde(default = "default_language")]
    pub language: String,
    /// Authors of the document.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<Person>,
    /// Addressees of the document.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addressees: Vec<Person>,
    /// The archival source, from which the edition composes the legend.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    /// The content of the document: blocks in the order of the original.
    pub content: Vec<Block>,
    /// Editorial notes, referenced from text as `[^id]`; numbered per document in order of
    /// first reference.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
    /// The document's own register of persons and places, for a document published alone
    /// (a volume's register is named in its manifest and adds to it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub register: Option<crate::register::Register>,
    /// Who made this transcription and under which licence (TEI's `respStmt` and
    /// `licence`), kept for the edition's metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edition: Option<Edition>,
    /// The file the document was read from, kept for editions that carry their source
    /// (the PDF's `--embed-source`); not part of the format.
    #[serde(skip)]
    #[schemars(skip)]
    pub origin: Option<Origin>,
}

/// The making of the transcription: its licence and who did what.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Edition {
    /// The licence of the transcription, as its source states it ("CC BY 4.0").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub licence: Option<String>,
    /// Who is responsible for what (transcription, encoding, commentary).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub credits: Vec<Credit>,
}

/// One statement of responsibility: a role and the people who held it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Credit {
    /// What they did ("transcription", "TEI encoding").
    pub role: String,
    /// Who did it, as the source names them.
    pub name: String,
}

/// A transcription file as read: its name and its exact bytes.
#[derive(Clone, Debug)]
pub struct Origin {
    /// The file name, without folders ("zinoviev-1932-12-03.toml").
    pub name: String,
    /// The bytes of the file, unchanged; `None` once let go ([`Document::release_source`]).
    pub bytes: Option<std::sync::Arc<[u8]>>,
    /// Where the file was read from (not for standard input), to read it again for a
    /// diagnostic once its bytes are let go.
    pub path: Option<std::path::PathBuf>,
}

impl Origin {
    /// The file's text, as kept or read again; `None` if it can be had neither way.
    pub fn text(&self) -> Option<std::sync::Arc<str>> {
        match (&self.bytes, &self.path) {
            (Some(bytes), _) => std::str::from_utf8(bytes).ok().map(Into::into),
            (None, Some(path)) => std::fs::read_to_string(path).ok().map(Into::into),
            (None, None) => None,
        }
    }
}

impl Document {
    /// Lets go of the bytes of the file the document was read from, when no edition will
    /// embed them (`--embed-source`): a long document's file is as large as its parsed
    /// text, and held to the end of every edition (6 MB of a 1,580-page document's peak).
    /// A file read from a path can still be read again for a diagnostic; from standard
    /// input, the bytes are kept.
    pub fn release_source(&mut self) {
        if let Some(origin) = self.origin.as_mut().filter(|o| o.path.is_some()) {
            origin.bytes = None;
        }
    }
}

/// Where a document was read from does not make it another document: a TOML file and
/// its JSON twin hold equal documents.
impl PartialEq for Origin {
    fn eq(&self, _: &Origin) -> bool {
        true
    }
}

fn default_language() -> String {
    "ru".to_string()
}

/// A person named in the metadata: an author or an addressee.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// The name as the edition prints it ("Г. Е. Зиновьев").
    pub name: String,
    /// The key of the person in the register ("zinoviev-g-e"): the person is then
    /// indexed as mentioned by this document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
}

/// The archival source: where the document is kept and what the kept copy is.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Archive, usually abbreviated ("РГАСПИ").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archive: Option<String>,
    /// Fond (record group) number ("17").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fond: Option<String>,
    /// Opis (inventory) number ("3").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opis: Option<String>,
    /// Delo (file) number ("1").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delo: Option<String>,
    /// Folios ("1–2 об.").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub folios: Option<String>,
    /// What the kept copy is: original, copy, draft…
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authenticity: Option<Authenticity>,
    /// How the kept copy is written: typescript, manuscript, autograph…
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub medium: Option<Medium>,
    /// Free remarks appended to the legend ("Подписи — автографы.").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remarks: Option<Text>,
    /// A free-form legend that replaces the composed one entirely.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legend: Option<Text>,
}

/// What the kept copy of the document is (Russian: подлинник, копия…).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Authenticity {
    /// The original (подлинник).
    Original,
    /// A copy (копия).
    Copy,
    /// A certified copy (заверенная копия).
    CertifiedCopy,
    /// A draft (черновик).
    Draft,
    /// The sender's retained copy (отпуск).
    RetainedCopy,
    /// An excerpt (выписка).
    Excerpt,
}

/// How the kept copy is written (Russian: машинопись, рукопись…).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Medium {
    /// Typed (машинопись).
    Typescript,
    /// Handwritten by a clerk or an unknown hand (рукопись).
    Manuscript,
    /// Handwritten by the author (автограф).
    Autograph,
    /// A telegram form or tape (телеграфный бланк).
    Telegram,
    /// Printed (типографский экземпляр).
    Print,
    /// Duplicated by hectograph or mimeograph (гектограф).
    Hectograph,
}

/// One block of the content, with its role in the document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "role", rename_all = "kebab-case")]
pub enum Block {
    /// Place and date as written on the document ("Москва, 3 декабря 1932 г.").
    Dateline(Dateline),
    /// Anything written on the document besides its text: resolution, помета, stamp…
    Mark(Mark),
    /// The addressee block, as lines ("В СЕКРЕТАРИАТ ЦК ВКП(б)").
    Address(Address),
    /// A heading typed on the document ("ПРОТОКОЛ № 5").
    Heading(Heading),
    /// An opening salutation ("Товарищи!").
    Salutation(Salutation),
    /// Running text; a blank line starts a new paragraph.
    Text(Paragraphs),
    /// A quoted block, set apart from the running text.
    Quote(Quote),
    /// A numbered or bulleted list.
    List(List),
    /// Closing salutation lines and signatures.
    Closer(Closer),
    /// A postscript ("P.S. …"); a blank line starts a new paragraph.
    Postscript(Postscript),
    /// Where a folio of the original turns ("л. 2", "л. 1 об.").
    Folio(Folio),
    /// A table: rows of cells (protocols, lists of names).
    Table(Table),
}

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

/// An editorial note.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Note {
    /// The id used in references (`[^id]`): letters, digits, `-`, `_`.
    pub id: String,
    /// Which series the note belongs to: `textual` (on the text of the original: "Вписано
    /// рукой …", "Так в документе") or `commentary` (on people and events), the default.
    #[serde(default, skip_serializing_if = "NoteKind::is_commentary")]
    pub kind: NoteKind,
    /// The text of the note.
    pub text: Text,
}

/// The two series of notes of a documentary edition, each numbered and placed as the
/// style says (`[notes]`): textual notes lettered at the foot of the page, commentary
/// numbered at the foot or at the end.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum NoteKind {
    /// A note on the text of the original: its hands, insertions, deletions, errors, damage
    /// (текстуальное примечание). The notes folio itself adds are of this kind.
    Textual,
    /// A note on the content: the people, places and events the document names
    /// (комментарий). The default.
    #[default]
    Commentary,
}

impl NoteKind {
    /// Whether this is the default kind, which is not written out.
    pub fn is_commentary(&self) -> bool {
        *self == NoteKind::Commentary
    }
}

/// One or more paragraphs of text, written as one string with blank lines between them.
#[derive(Clone, Debug, PartialEq)]
pub struct Paras {
    source: String,
    paragraphs: Vec<Text>,
}

impl Paras {
    /// The paragraphs, in order.
    pub fn paragraphs(&self) -> &[Text] {
        &self.paragraphs
    }

    /// The string as written in the transcription.
    pub fn source(&self) -> &str {
        &self.source
    }
}

impl Paras {
    /// Paragraphs built from texts (a reader other than TOML's): written one after another
    /// with a blank line between them.
    pub fn from_paragraphs(paragraphs: Vec<Text>) -> Paras {
        let source = paragraphs
            .iter()
            .map(Text::source)
            .collect::<Vec<_>>()
            .join("\n\n");
        Paras { source, paragraphs }
    }
}

impl TryFrom<String> for Paras {
    type Error = crate::markup::MarkupError;

    fn try_from(source: String) -> Result<Self, Self::Error> {
        let paragraphs = split_paragraphs(&source)
            .into_iter()
            .map(|p| {
                // Errors are placed in the whole string, not in the paragraph.
                let offset = p.as_ptr() as usize - source.as_ptr() as usize;
                Text::try_from(p.to_string()).map_err(|e| e.shifted(offset))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Paras { source, paragraphs })
    }
}

/// Splits a string at blank lines (lines holding only white space).
fn split_paragraphs(source: &str) -> Vec<&str> {
    let mut paragraphs = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        let blank = line.trim().is_empty();
        if blank {
            if let Some(s) = start.take() {
                paragraphs.push(source[s..end].trim_end());
            }
        } else {
            if start.is_none() {
                start = Some(offset);
            }
            end = offset + line.len();
        }
        offset += line.len();
    }
    if let Some(s) = start {
        paragraphs.push(source[s..end].trim_end());
    }
    paragraphs
}

impl From<Paras> for String {
    fn from(p: Paras) -> String {
        p.source
    }
}

impl Serialize for Paras {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.source)
    }
}

impl<'de> Deserialize<'de> for Paras {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let source = String::deserialize(d)?;
        Paras::try_from(source).map_err(|e| serde::de::Error::custom(e.to_serde()))
    }
}

impl JsonSchema for Paras {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Paragraphs".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "One or more paragraphs with inline markup (docs/format.md); a blank line starts a new paragraph."
        })
    }
}

/// Where a text stands in the document: used to walk every text in reading order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextPlace {
    /// The editorial title.
    Title,
    /// A block of the content, by index.
    Block(usize),
    /// The archival legend (remarks or free legend).
    Legend,
    /// An editorial note, by index in `notes`.
    Note(usize),
}

impl Document {
    /// The same document with every text replaced by `f` of it.
    pub fn map_texts(&self, mut f: impl FnMut(&Text) -> Text) -> Document {
        let mut doc = self.clone();
        doc.title = f(&self.title);
        doc.content = self.content.iter().map(|b| b.map_texts(&mut f)).collect();
        if let Some(source) = &mut doc.source {
            source.remarks = source.remarks.as_ref().map(&mut f);
            source.legend = source.legend.as_ref().map(&mut f);
        }
        for note in &mut doc.notes {
            note.text = f(&note.text);
        }
        doc
    }

    /// Every text of the document in reading order (title, content, legend), then the notes.
    /// Note numbering, validation and word lists all follow this one order.
    pub fn texts(&self) -> Vec<(TextPlace, &Text)> {
        let mut out: Vec<(TextPlace, &Text)> = vec![(TextPlace::Title, &self.title)];
        for (i, block) in self.content.iter().enumerate() {
            let place = TextPlace::Block(i);
            for text in block.texts() {
                out.push((place, text));
            }
        }
        if let Some(source) = &self.source {
            for t in [&source.remarks, &source.legend].into_iter().flatten() {
                out.push((TextPlace::Legend, t));
            }
        }
        for (i, note) in self.notes.iter().enumerate() {
            out.push((TextPlace::Note(i), &note.text));
        }
        out
    }
}

/// Part of the message refusing a TOML date-time or time in a date field.
pub const DATE_TIME_REFUSED: &str = "a date field holds a date, not a time of day";

/// Reads a date field: a string, or a TOML local date (`1932-12-03`) as its ISO string,
/// since TOML users naturally write dates unquoted. A date with a time, or a time alone, is
/// refused: a transcription dates a document by the day.
fn date_or_string<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    struct DateVisitor;
    impl<'de> serde::de::Visitor<'de> for DateVisitor {
        type Value = Option<String>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a date as a string, such as \"1932-12-03\"")
        }

        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }

        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(DateVisitor)
        }

        fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            let dt = toml::value::Datetime::deserialize(
                serde::de::value::MapAccessDeserializer::new(map),
            )?;
            match (dt.date, dt.time) {
                (Some(date), None) => Ok(Some(date.to_string())),
                _ => Err(serde::de::Error::custom(format!(
                    "`{dt}`: {DATE_TIME_REFUSED}"
                ))),
            }
        }
    }
    d.deserialize_option(DateVisitor)
}

/// The role names as written in the format, in the order of [`Block`]'s variants.
pub const ROLES: &[&str] = &[
    "dateline",
    "mark",
    "address",
    "heading",
    "salutation",
    "text",
    "quote",
    "list",
    "closer",
    "postscript",
    "folio",
    "table",
];

impl Block {
    /// Reads a block's fields (its `role` tag taken away) as the struct of `role`; `None`
    /// for an unknown role. The readers use it to re-read a block that failed, since the
    /// tagged enum reports errors without their position.
    pub fn deserialize_fields<'de, D: serde::Deserializer<'de>>(
        role: &str,
        d: D,
    ) -> Option<Result<Block, D::Error>> {
        Some(match role {
            "dateline" => Dateline::deserialize(d).map(Block::Dateline),
            "mark" => Mark::deserialize(d).map(Block::Mark),
            "address" => Address::deserialize(d).map(Block::Address),
            "heading" => Heading::deserialize(d).map(Block::Heading),
            "salutation" => Salutation::deserialize(d).map(Block::Salutation),
            "text" => Paragraphs::deserialize(d).map(Block::Text),
            "quote" => Quote::deserialize(d).map(Block::Quote),
            "list" => List::deserialize(d).map(Block::List),
            "closer" => Closer::deserialize(d).map(Block::Closer),
            "postscript" => Postscript::deserialize(d).map(Block::Postscript),
            "folio" => Folio::deserialize(d).map(Block::Folio),
            "table" => Table::deserialize(d).map(Block::Table),
            _ => return None,
        })
    }

    /// The texts of this block in reading order.
    pub fn texts(&self) -> Vec<&Text> {
        match self {
            Block::Dateline(b) => vec![&b.text],
            Block::Mark(b) => std::iter::once(&b.text).chain(&b.signature).collect(),
            Block::Address(b) => b.lines.iter().collect(),
            Block::Heading(b) => vec![&b.text],
            Block::Salutation(b) => vec![&b.text],
            Block::Text(b) => b.text.paragraphs().iter().collect(),
            Block::Quote(b) => b.text.paragraphs().iter().collect(),
            Block::List(b) => b.items.iter().collect(),
            Block::Closer(b) => {
                let mut v: Vec<&Text> = b.lines.iter().collect();
                for s in &b.signatures {
                    v.extend(&s.role);
                    v.push(&s.name);
                }
                v
            }
            Block::Postscript(b) => b.text.paragraphs().iter().collect(),
            Block::Folio(_) => vec![],
            Block::Table(b) => b.rows.iter().flatten().collect(),
        }
    }

    /// The same block with every text replaced by `f` of it (spelling chosen, markup
    /// rewritten), in the order of [`Block::texts`].
    pub fn map_texts(&self, f: &mut impl FnMut(&Text) -> Text) -> Block {
        let paras = |p: &Paras, f: &mut dyn FnMut(&Text) -> Text| {
            Paras::from_paragraphs(p.paragraphs().iter().map(f).collect())
        };
        let mut block = self.clone();
        match &mut block {
            Block::Dateline(b) => b.text = f(&b.text),
            Block::Mark(b) => {
                b.text = f(&b.text);
                b.signature = b.signature.as_ref().map(&mut *f);
            }
            Block::Address(b) => b.lines = b.lines.iter().map(f).collect(),
            Block::Heading(b) => b.text = f(&b.text),
            Block::Salutation(b) => b.text = f(&b.text),
            Block::Text(b) => b.text = paras(&b.text, f),
            Block::Quote(b) => b.text = paras(&b.text, f),
            Block::List(b) => b.items = b.items.iter().map(f).collect(),
            Block::Closer(b) => {
                b.lines = b.lines.iter().map(&mut *f).collect();
                for s in &mut b.signatures {
                    s.role = s.role.as_ref().map(&mut *f);
                    s.name = f(&s.name);
                }
            }
            Block::Postscript(b) => b.text = paras(&b.text, f),
            Block::Folio(_) => {}
            Block::Table(b) => {
                for row in &mut b.rows {
                    *row = row.iter().map(&mut *f).collect();
                }
            }
        }
        block
    }

    /// The role name as written in the format ("mark", "closer").
    pub fn role(&self) -> &'static str {
        match self {
            Block::Dateline(_) => "dateline",
            Block::Mark(_) => "mark",
            Block::Address(_) => "address",
            Block::Heading(_) => "heading",
            Block::Salutation(_) => "salutation",
            Block::Text(_) => "text",
            Block::Quote(_) => "quote",
            Block::List(_) => "list",
            Block::Closer(_) => "closer",
            Block::Postscript(_) => "postscript",
            Block::Folio(_) => "folio",
            Block::Table(_) => "table",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_is_read_by_name() {
        for role in ROLES {
            let value = serde_json::json!({ "role": role });
            let tagged = serde_json::from_value::<Block>(value)
                .err()
                .map(|e| e.to_string());
            assert!(
                !tagged.is_some_and(|e| e.contains("unknown variant")),
                "{role} is a variant"
            );
            let fields = Block::deserialize_fields(role, serde_json::json!({}));
            assert!(fields.is_some(), "{role}");
        }
    }

    #[test]
    fn paragraphs_split_at_blank_lines() {
        assert_eq!(
            split_paragraphs("a\nb\n\n  \nc\n"),
            vec!["a\nb", "c"],
            "blank and white-space-only lines separate paragraphs"
        );
        assert!(split_paragraphs("\n \n").is_empty());
    }
}

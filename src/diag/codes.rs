//! The stable codes of folio's diagnostics. Each code has a section in docs/errors.md, which
//! `folio explain CODE` prints; a test keeps the two in step.

use std::fmt;

macro_rules! codes {
    ($($name:ident = $code:literal: $summary:literal,)*) => {
        /// A diagnostic's stable code (`F0101`…): what kind of problem it is, independent of
        /// the wording of the message.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $(
                #[doc = $summary]
                $name,
            )*
        }

        impl Code {
            /// Every code, in order.
            pub const ALL: &'static [Code] = &[$(Code::$name,)*];

            /// The code as printed: `F0101`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$name => $code,)*
                }
            }

            /// One line saying what the code is about.
            pub fn summary(self) -> &'static str {
                match self {
                    $(Code::$name => $summary,)*
                }
            }
        }
    };
}

codes! {
    TomlSyntax = "F0101": "The file is not valid TOML.",
    JsonSyntax = "F0102": "The file is not valid JSON.",
    NotUtf8 = "F0103": "The file is not valid UTF-8.",
    NotATranscription = "F0104": "The file's kind cannot be told from its name or content.",
    NewerFormat = "F0105": "The transcription is in a newer major format version.",
    BadFormatVersion = "F0106": "The format version is not MAJOR.MINOR.",
    UnknownField = "F0201": "A field that this place does not have.",
    MissingField = "F0202": "A required field is missing.",
    WrongType = "F0203": "A value of the wrong type (text, number, list, table, true/false).",
    UnknownValue = "F0204": "A value outside its closed set (role, kind, position, authenticity…).",
    DateLiteral = "F0205": "A TOML date or time where folio expects a date.",
    UnsafeId = "F0301": "The document id is not safe as a file name.",
    BadDate = "F0302": "A date that is not ISO 8601.",
    BadLanguage = "F0303": "A language that is not a BCP 47 tag.",
    EmptyTitle = "F0304": "The editorial title is empty.",
    NoContent = "F0305": "The document has no content blocks.",
    EmptyBlock = "F0306": "A content block has no text.",
    DuplicateNote = "F0307": "Two notes have the same id.",
    BadNoteId = "F0308": "A note id that a reference cannot name.",
    MissingNote = "F0309": "A reference to a note that does not exist.",
    SelfReference = "F0310": "A note that refers to itself.",
    UnreferencedNote = "F0311": "A note that nothing refers to (warning).",
    UnknownEntry = "F0312": "A mention of a register key that does not exist.",
    UnmentionedEntry = "F0313": "A register entry that nothing mentions (warning).",
    BadRegisterEntry = "F0314": "A register entry with an unsafe or repeated key, or an empty name.",
    UnclosedMarkup = "F0401": "An inline mark opened and never closed.",
    UnknownClass = "F0402": "An inline class folio does not know.",
    UnknownAttribute = "F0403": "An inline attribute folio does not know.",
    AttributeValue = "F0404": "An inline attribute value outside its set.",
    UnsupportedMarkup = "F0405": "Djot markup that is not part of the transcription format.",
    BlankLine = "F0406": "A blank line inside a text that holds one paragraph.",
    MarkupMisuse = "F0407": "Inline marks combined in a way that means nothing.",
    StyleSyntax = "F0501": "The style file is not valid TOML.",
    UnknownStyleKey = "F0502": "A style setting that does not exist.",
    StyleValue = "F0503": "A style setting with a value of the wrong type or out of range.",
    UnknownPreset = "F0504": "A style preset that does not exist.",
    ManifestSyntax = "F0601": "The volume manifest is not valid.",
    NoDocument = "F0602": "A manifest entry that names no document.",
    DuplicateDocument = "F0603": "A manifest lists one document twice.",
    RegisterSyntax = "F0604": "A register file (persons, places) is not valid.",
    WriterWarning = "F0701": "An edition was written, with something to look at (warning).",
    OutputFailed = "F0702": "An edition could not be made or written.",
    Usage = "F0703": "The command line asks for something folio cannot do.",
    LinkLoop = "F0704": "A folder link leads to a folder already searched (warning).",
    Nonconforming = "F0710": "The PDF cannot conform to a standard it claims (PDF/UA, PDF/A).",
    TeiSyntax = "F0801": "The TEI file is not well-formed XML, holds a DTD, or is not TEI.",
    TeiLimit = "F0802": "The TEI file passes one of folio's bounds (size, nesting depth).",
    TeiUnmapped = "F0803": "A TEI element or value that folio does not map (warning).",
    TeiMapping = "F0804": "The collection's TEI mapping file is not valid.",
    LimitExceeded = "F0901": "An input passes one of folio's limits (docs/limits.md).",
    InternalError = "F0902": "folio failed on this input: a bug in folio.",
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl std::str::FromStr for Code {
    type Err = ();

    fn from_str(s: &str) -> Result<Code, ()> {
        Code::ALL
            .iter()
            .copied()
            .find(|c| c.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or(())
    }
}

/// docs/errors.md, whose sections `folio explain` prints.
const ERRORS_MD: &str = include_str!("../../docs/errors.md");

/// The explanation of a code: its section of docs/errors.md, heading included.
pub fn explain(code: Code) -> Option<&'static str> {
    let heading = format!("## {}", code.as_str());
    let start = ERRORS_MD.find(&heading)?;
    let rest = &ERRORS_MD[start..];
    let end = rest[heading.len()..]
        .find("\n## ")
        .map_or(rest.len(), |i| i + heading.len() + 1);
    Some(rest[..end].trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_explained_in_docs_errors_md() {
        for code in Code::ALL {
            let text = explain(*code).unwrap_or_else(|| panic!("{code} has no section"));
            assert!(text.lines().count() >= 3, "{code} is explained: {text}");
        }
        assert_eq!("f0101".parse(), Ok(Code::TomlSyntax));
    }
}

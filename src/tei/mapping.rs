//! A collection's rendering vocabulary: which `rend`, `rendition` and `style` values mean
//! which of folio's marks. Common values are built in; a collection adds or overrides its
//! own in a small TOML file (`tei-mapping.toml`, docs/tei.md), for example Tolstoy's
//! `Obrashenie = "salutation"` or Jean Paul's `"#g" = "spaced"`.

use crate::diag::Error;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

/// What one rendering value means to folio.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Target {
    /// Underlined once.
    Underline,
    /// Underlined twice.
    DoubleUnderline,
    /// Spaced out (gesperrt, разрядка).
    Spaced,
    /// Superscript.
    Superscript,
    /// Subscript.
    Subscript,
    /// Italic (of a printed source: a print edition's emphasis, a title).
    Italic,
    /// Bold.
    Bold,
    /// Struck out.
    Deleted,
    /// Known, and printed as the surrounding text (a typeface of the original such as
    /// Antiqua, a layout hint of the source edition).
    Plain,
    /// A paragraph that is an opening salutation.
    Salutation,
    /// A paragraph that is a closing line (a closing formula).
    Closer,
    /// A paragraph that is a signature.
    Signature,
    /// A paragraph that is a heading.
    Heading,
    /// A paragraph that is a dateline.
    Dateline,
    /// A paragraph set apart as a quotation (a translation, a smaller insert).
    Quote,
    /// A paragraph that is a postscript.
    Postscript,
    /// Flush left.
    Left,
    /// Centred.
    Center,
    /// Flush right.
    Right,
    /// Justified.
    Justify,
    /// No first-line indent.
    NoIndent,
    /// A first-line indent (for a paragraph that is not justified).
    Indent,
}

impl Target {
    /// Whether the value marks inline content (rather than a paragraph's role or alignment).
    pub fn is_inline(self) -> bool {
        matches!(
            self,
            Target::Underline
                | Target::DoubleUnderline
                | Target::Spaced
                | Target::Superscript
                | Target::Subscript
                | Target::Italic
                | Target::Bold
                | Target::Deleted
        )
    }
}

/// The values every collection gets, before its own file: the TEI Guidelines' examples and
/// the words the corpora in docs/tei.md use.
const BUILT_IN: &[(&str, Target)] = &[
    ("underline", Target::Underline),
    ("underlined", Target::Underline),
    ("u", Target::Underline),
    ("ul", Target::Underline),
    ("double-underline", Target::DoubleUnderline),
    ("underline-double", Target::DoubleUnderline),
    ("doubleunderline", Target::DoubleUnderline),
    ("uu", Target::DoubleUnderline),
    ("spaced", Target::Spaced),
    ("spaced-out", Target::Spaced),
    ("letterspace", Target::Spaced),
    ("letter-spacing", Target::Spaced),
    ("gesperrt", Target::Spaced),
    ("sperrung", Target::Spaced),
    ("razryadka", Target::Spaced),
    ("sup", Target::Superscript),
    ("superscript", Target::Superscript),
    ("sub", Target::Subscript),
    ("subscript", Target::Subscript),
    ("strikethrough", Target::Deleted),
    ("line-through", Target::Deleted),
    ("overstrike", Target::Deleted),
    ("struck", Target::Deleted),
    ("italic", Target::Italic),
    ("italics", Target::Italic),
    ("i", Target::Italic),
    ("bold", Target::Bold),
    ("b", Target::Bold),
    ("latintype", Target::Plain),
    ("antiqua", Target::Plain),
    ("pre-print", Target::Plain),
    ("normal", Target::Plain),
    ("left", Target::Left),
    ("right", Target::Right),
    ("center", Target::Center),
    ("centre", Target::Center),
    ("centered", Target::Center),
    ("justify", Target::Justify),
    ("justified", Target::Justify),
    ("noindent", Target::NoIndent),
    ("no-indent", Target::NoIndent),
    ("indent", Target::Indent),
    ("autograph", Target::Plain),
    ("inline", Target::Plain),
];

/// The vocabulary in force for one document.
#[derive(Clone, Debug)]
pub struct Mapping {
    values: BTreeMap<String, Target>,
    /// Whether `lb` is a line break of the original worth keeping (default true); false
    /// makes it a space.
    pub line_breaks: bool,
    /// The file the collection's values came from, for messages.
    pub file: Option<PathBuf>,
}

impl Default for Mapping {
    fn default() -> Mapping {
        Mapping {
            values: BUILT_IN.iter().map(|(k, t)| (k.to_string(), *t)).collect(),
            line_breaks: true,
            file: None,
        }
    }
}

/// The file a collection's mapping is read from: `tei-mapping.toml` beside the document.
pub const FILE_NAME: &str = "tei-mapping.toml";

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct MappingFile {
    #[serde(default)]
    line_breaks: Option<bool>,
    #[serde(default)]
    rend: BTreeMap<String, Target>,
}

impl Mapping {
    /// The meaning of one value: `#u` and `u` are the same value (a `rendition` pointer and
    /// a `rend` word); case does not matter.
    pub fn get(&self, value: &str) -> Option<Target> {
        let lower;
        let value = if value
            .bytes()
            .any(|b| b.is_ascii_uppercase() || !b.is_ascii())
        {
            lower = value.to_lowercase();
            lower.as_str()
        } else {
            value
        };
        self.values
            .get(value)
            .or_else(|| self.values.get(value.trim_start_matches('#')))
            .copied()
    }

    /// The built-in values with a collection's file laid over them.
    pub fn load(path: &Path) -> Result<Mapping, Error> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::Output(format!("cannot read the TEI mapping {name}: {e}")))?;
        Mapping::from_toml(&text, &name, Some(path.to_path_buf()))
    }

    /// Parses a mapping file's text; `name` is used in messages.
    pub fn from_toml(text: &str, name: &str, file: Option<PathBuf>) -> Result<Mapping, Error> {
        let parsed: MappingFile = toml::from_str(text).map_err(|e| {
            let (line, column) = e
                .span()
                .map_or((0, 0), |s| crate::diag::line_column(text, s.start));
            Error::Invalid(vec![crate::diag::Diagnostic::error(
                crate::diag::Code::TeiMapping,
                name,
                format!("TEI mapping: {}", e.message().trim_end()),
            )
            .at_line_column(line, column)
            .hint("values map to underline, double-underline, spaced, superscript, subscript, italic, bold, deleted, plain, salutation, closer, signature, heading, dateline, quote, postscript, left, center, right, justify, indent or no-indent (docs/tei.md)")])
        })?;
        let mut mapping = Mapping::default();
        if let Some(lb) = parsed.line_breaks {
            mapping.line_breaks = lb;
        }
        for (k, t) in parsed.rend {
            mapping.values.insert(k.to_lowercase(), t);
        }
        mapping.file = file;
        Ok(mapping)
    }

    /// The mapping for a document at `path`: `tei-mapping.toml` in its folder if there is
    /// one, else the built-in values. A folder's mapping is read once per run, however many
    /// letters the folder holds (a file that does not parse is read again, to be reported
    /// for each letter it fails).
    pub fn for_document(path: &Path) -> Result<Arc<Mapping>, Error> {
        type Folders = Mutex<HashMap<PathBuf, Arc<Mapping>>>;
        static FOLDERS: OnceLock<Folders> = OnceLock::new();
        let folder = path.parent().unwrap_or(Path::new("")).to_path_buf();
        let folders = FOLDERS.get_or_init(Folders::default);
        let known = |f: &Folders| f.lock().ok()?.get(&folder).cloned();
        if let Some(m) = known(folders) {
            return Ok(m);
        }
        let file = folder.join(FILE_NAME);
        let mapping = if file.is_file() {
            Arc::new(Mapping::load(&file)?)
        } else {
            Mapping::built_in()
        };
        if let Ok(mut f) = folders.lock() {
            f.insert(folder, mapping.clone());
        }
        Ok(mapping)
    }

    /// The built-in values alone, made once.
    pub fn built_in() -> Arc<Mapping> {
        static BUILT_IN_MAPPING: OnceLock<Arc<Mapping>> = OnceLock::new();
        BUILT_IN_MAPPING
            .get_or_init(|| Arc::new(Mapping::default()))
            .clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_and_words_are_one_value_and_files_override() {
        let m = Mapping::from_toml(
            "line-breaks = false\n[rend]\nObrashenie = \"salutation\"\n\"#g\" = \"spaced\"\n",
            "m.toml",
            None,
        )
        .unwrap();
        assert_eq!(m.get("#u"), Some(Target::Underline));
        assert_eq!(m.get("obrashenie"), Some(Target::Salutation));
        assert_eq!(m.get("#g"), Some(Target::Spaced));
        assert_eq!(
            m.get("g"),
            None,
            "a pointer value does not map the bare word"
        );
        assert!(!m.line_breaks);
        let e = Mapping::from_toml("[rend]\nx = \"bolder\"\n", "m.toml", None).unwrap_err();
        assert!(e.to_string().contains("m.toml:2:"), "{e}");
    }
}

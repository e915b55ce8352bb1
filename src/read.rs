//! Readers: TOML (the authoring format) and JSON (the pipeline format) into one
//! [`Document`], then validation of what serde cannot check.
//!
//! Serde reports the first structural error (unknown field, wrong type, unknown role);
//! `locate` places it exactly by re-reading the failing block from the parsed document's
//! spans. The validation pass after it reports every semantic error at once; semantic errors
//! are located by finding their piece of source text (a note reference, an id) in the file,
//! so the model stays free of position bookkeeping.

mod locate;
mod spans;
mod without_key;

use spans::Key;

pub use locate::{json_error as locate_json, toml_error as locate_toml, Context};

use crate::diag::{line_column, Code, Diagnostic, Error, Severity};
use crate::limits::{MAX_BLOCKS, MAX_DOCUMENT_BYTES, MAX_ERRORS, MAX_NOTES};
use crate::markup::Inline;
use crate::model::{Block, Document, TextPlace, FORMAT_MAJOR};
use std::collections::BTreeMap;
use std::path::Path;

/// The syntax of an input file, chosen by its extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Syntax {
    /// `.toml`: the authoring format.
    Toml,
    /// `.json`: the pipeline format.
    Json,
    /// `.xml`: TEI P5 (docs/tei.md).
    Tei,
}

impl Syntax {
    /// The syntax for a file name, if folio reads it.
    pub fn of(path: &Path) -> Option<Syntax> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "toml" => Some(Syntax::Toml),
            "json" => Some(Syntax::Json),
            "xml" => Some(Syntax::Tei),
            _ => None,
        }
    }
}

/// A document read and validated, with the warnings validation raised.
#[derive(Debug)]
pub struct Read {
    /// The document.
    pub document: Document,
    /// Findings that do not stop the export (a note never referenced).
    pub warnings: Vec<Diagnostic>,
}

/// Reads and validates a transcription file. A document with its own register has its
/// mentions checked against it.
pub fn read_file(path: &Path) -> Result<Read, Error> {
    read_file_checking(path, true)
}

/// Reads and validates a transcription file; with `mentions`, a document with its own
/// register has its mentions checked against it (a volume checks them itself, against the
/// volume's register and the document's together).
pub(crate) fn read_file_checking(path: &Path, mentions: bool) -> Result<Read, Error> {
    let name = path.display().to_string();
    let syntax = Syntax::of(path).ok_or_else(|| {
        Error::Invalid(vec![Diagnostic::error(
            Code::NotATranscription,
            name.clone(),
            "not a transcription: expected a .toml, .json or .xml (TEI) file",
        )
        .hint(
            "folio reads TOML (authoring), JSON (pipelines) and TEI P5 XML; `folio new` prints a template",
        )])
    })?;
    let bytes = read_bounded(path, &name)?;
    let text = utf8(bytes, &name)?;
    let mut read = if syntax == Syntax::Tei {
        let mapping = crate::tei::mapping::Mapping::for_document(path)?;
        read_tei(&text, &name, &mapping)?
    } else {
        read_str_checking(&text, &name, syntax, mentions)?
    };
    if let Some(origin) = read.document.origin.as_mut() {
        origin.path = Some(path.to_path_buf());
    }
    Ok(read)
}

/// Reads a TEI file's text with a collection's mapping, then validates the document as
/// any other.
pub fn read_tei(
    text: &str,
    name: &str,
    mapping: &crate::tei::mapping::Mapping,
) -> Result<Read, Error> {
    let mut read = crate::tei::read::read(text, name, mapping)?;
    let file = std::path::Path::new(name)
        .file_name()
        .map_or_else(|| name.to_string(), |f| f.to_string_lossy().into_owned());
    read.document.origin = Some(crate::model::Origin {
        name: file,
        bytes: Some(text.as_bytes().into()),
        path: None,
    });
    let source = SourceText::new(name, text);
    let mut diagnostics = read.warnings;
    let mut found = Vec::new();
    validate(&read.document, &source, &mut found);
    found.sort_by_key(|d| (d.line, d.column));
    diagnostics.extend(found);
    let (errors, warnings): (Vec<_>, Vec<_>) = diagnostics
        .into_iter()
        .partition(|d| d.severity == Severity::Error);
    if errors.is_empty() {
        Ok(Read {
            document: read.document,
            warnings,
        })
    } else {
        Err(Error::Invalid(errors))
    }
}

/// Decodes a file's bytes as UTF-8, or says where the first invalid byte is.
pub fn utf8(bytes: Vec<u8>, name: &str) -> Result<String, Error> {
    String::from_utf8(bytes).map_err(|e| {
        let (line, column) = line_column(
            &String::from_utf8_lossy(&e.as_bytes()[..e.utf8_error().valid_up_to()]),
            usize::MAX,
        );
        Error::Invalid(vec![Diagnostic::error(
            Code::NotUtf8,
            name,
            "the file is not valid UTF-8",
        )
        .at_line_column(line, column)
        .hint("save the transcription as UTF-8")])
    })
}

/// Tells TOML from JSON by the first character that is not white space: `{` opens JSON.
pub fn sniff(text: &str) -> Syntax {
    if text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('{')
    {
        Syntax::Json
    } else {
        Syntax::Toml
    }
}

/// Reads a file of at most [`MAX_DOCUMENT_BYTES`]: a larger one (or an endless one, such as
/// /dev/zero) is refused after reading one byte past the limit, not read whole.
pub fn read_bounded(path: &Path, name: &str) -> Result<Vec<u8>, Error> {
    use std::io::Read as _;
    let cannot = |e: std::io::Error| Error::Output(format!("cannot read {name}: {e}"));
    let file = std::fs::File::open(path).map_err(cannot)?;
    if file.metadata().map_err(cannot)?.is_dir() {
        return Err(Error::Output(format!(
            "cannot read {name}: it is a folder, not a transcription"
        )));
    }
    let mut bytes = Vec::new();
    file.take(MAX_DOCUMENT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > MAX_DOCUMENT_BYTES {
        return Err(too_large(name));
    }
    Ok(bytes)
}

fn too_large(name: &str) -> Error {
    Error::Invalid(vec![Diagnostic::error(
        Code::LimitExceeded,
        name,
        format!(
            "the file is larger than the {} MiB a transcription may have",
            MAX_DOCUMENT_BYTES >> 20
        ),
    )
    .hint(
        "split the document, or check that this is the file you meant (docs/limits.md)",
    )])
}

/// Reads and validates a transcription held in memory; `name` is used in diagnostics.
pub fn read_str(text: &str, name: &str, syntax: Syntax) -> Result<Read, Error> {
    read_str_checking(text, name, syntax, true)
}

fn read_str_checking(
    text: &str,
    name: &str,
    syntax: Syntax,
    mentions: bool,
) -> Result<Read, Error> {
    if text.len() as u64 > MAX_DOCUMENT_BYTES {
        return Err(too_large(name));
    }
    // A byte-order mark is not part of the text, in TOML as in JSON.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if syntax == Syntax::Tei {
        return read_tei(text, name, &crate::tei::mapping::Mapping::built_in());
    }
    let source = SourceText::new(name, text);
    let parsed: Result<Document, Diagnostic> = match syntax {
        Syntax::Toml => {
            toml::from_str(text).map_err(|e| locate::toml_error(&source, &e, locate::TRANSCRIPTION))
        }
        Syntax::Json => serde_json::from_str(text)
            .map_err(|e| locate::json_error(&source, &e, locate::TRANSCRIPTION)),
        Syntax::Tei => unreachable!("TEI is read by read_tei"),
    };
    let document = match parsed {
        Ok(mut d) => {
            let file = std::path::Path::new(name)
                .file_name()
                .map_or_else(|| name.to_string(), |f| f.to_string_lossy().into_owned());
            d.origin = Some(crate::model::Origin {
                name: file,
                bytes: Some(text.as_bytes().into()),
                path: None,
            });
            d
        }
        Err(diagnostic) => {
            // A file of a newer major version may fail for fields this folio does not know:
            // say so first, since that is the real cause.
            if let Some(d) = version_problem(&source, syntax) {
                return Err(Error::Invalid(vec![d]));
            }
            return Err(Error::Invalid(vec![diagnostic]));
        }
    };
    let mut diagnostics = Vec::new();
    if !within_counts(&document, &source, &mut diagnostics) {
        return Err(Error::Invalid(diagnostics));
    }
    validate(&document, &source, &mut diagnostics);
    if let Some(register) = document.register.as_ref().filter(|_| mentions) {
        diagnostics.extend(crate::register::check_keys(register, text, name));
        diagnostics.extend(crate::register::check(
            register,
            &[crate::register::Checked {
                document: &document,
                text,
                file: name,
            }],
            Some((text, name)),
        ));
    }
    diagnostics.sort_by_key(|d| (d.line, d.column));
    let (mut errors, warnings): (Vec<_>, Vec<_>) = diagnostics
        .into_iter()
        .partition(|d| d.severity == Severity::Error);
    if errors.len() > MAX_ERRORS {
        let more = errors.len() - MAX_ERRORS;
        errors.truncate(MAX_ERRORS);
        errors.push(
            Diagnostic::error(
                Code::LimitExceeded,
                name,
                format!("{more} more errors not shown"),
            )
            .hint("fix the errors above first"),
        );
    }
    if errors.is_empty() {
        Ok(Read { document, warnings })
    } else {
        Err(Error::Invalid(errors))
    }
}

/// Checks the number of blocks and notes against their limits; false (with the error)
/// when a limit is passed, before any check whose work grows with them.
fn within_counts(doc: &Document, source: &SourceText, out: &mut Vec<Diagnostic>) -> bool {
    let counts = [
        (
            doc.content.len(),
            MAX_BLOCKS,
            "content blocks",
            "[[content]]",
            "\"role\"",
        ),
        (doc.notes.len(), MAX_NOTES, "notes", "[[notes]]", "\"text\""),
    ];
    for (count, max, what, toml_key, json_key) in counts {
        if count > max {
            let span = source
                .find(&[toml_key.to_string()], max)
                .or_else(|| source.find(&[json_key.to_string()], max));
            out.push(source.diag(
                Severity::Error,
                Code::LimitExceeded,
                span,
                format!("the document has {count} {what}, more than the {max} one document may have"),
                Some("split it into several documents, bound together by a volume (docs/limits.md)".into()),
            ));
        }
    }
    out.is_empty()
}

/// The text of an input file with its name, for locating diagnostics.
pub struct SourceText<'a> {
    name: &'a str,
    text: &'a str,
    /// The text again, shared by every diagnostic's snippet; copied only when the first
    /// diagnostic needs it, so a valid input costs nothing.
    shared: std::cell::OnceCell<std::sync::Arc<str>>,
    /// The parsed TOML with its spans, made when the first diagnostic needs it.
    tree: std::cell::OnceCell<Option<toml::Spanned<toml::de::DeTable<'a>>>>,
}

impl<'a> SourceText<'a> {
    /// A named source text.
    pub fn new(name: &'a str, text: &'a str) -> SourceText<'a> {
        SourceText {
            name,
            text,
            shared: std::cell::OnceCell::new(),
            tree: std::cell::OnceCell::new(),
        }
    }

    fn shared(&self) -> &std::sync::Arc<str> {
        self.shared.get_or_init(|| std::sync::Arc::from(self.text))
    }

    /// The span of the value at `path`, found through the parsed document's spans.
    fn span_of(&self, path: &[Key]) -> Option<std::ops::Range<usize>> {
        if sniff(self.text) == Syntax::Json {
            return spans::json_span(self.text, path);
        }
        let tree = self
            .tree
            .get_or_init(|| toml::de::DeTable::parse(self.text).ok());
        spans::toml_span(tree.as_ref()?, path)
    }

    /// The range of the `nth` occurrence of the first needle found.
    fn find(&self, needles: &[String], nth: usize) -> Option<std::ops::Range<usize>> {
        needles.iter().filter(|n| !n.is_empty()).find_map(|n| {
            self.text
                .match_indices(n.as_str())
                .nth(nth)
                .map(|(i, _)| i..i + n.len())
        })
    }

    /// An error over a byte range of the text.
    pub fn error(
        &self,
        code: Code,
        span: std::ops::Range<usize>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::error(code, self.name, message)
            .at_span(self.shared(), span)
            .hint(hint)
    }

    /// A diagnostic at the piece of text found, or at the file when nothing was found.
    fn diag(
        &self,
        severity: Severity,
        code: Code,
        span: Option<std::ops::Range<usize>>,
        message: String,
        hint: Option<String>,
    ) -> Diagnostic {
        let mut d = match severity {
            Severity::Error => Diagnostic::error(code, self.name, message),
            Severity::Warning => Diagnostic::warning(code, self.name, message),
        };
        if let Some(span) = span {
            d = d.at_span(self.shared(), span);
        }
        d.hint(hint.unwrap_or_default())
    }
}

/// Checks the `format` field alone, on a file that may not parse as a whole.
fn version_problem(source: &SourceText, syntax: Syntax) -> Option<Diagnostic> {
    let version = match syntax {
        Syntax::Toml => toml::from_str::<toml::Table>(source.text)
            .ok()?
            .get("format")?
            .as_str()?
            .to_string(),
        Syntax::Json => serde_json::from_str::<serde_json::Value>(source.text)
            .ok()?
            .get("format")?
            .as_str()?
            .to_string(),
        Syntax::Tei => return None,
    };
    check_version(&version, source)
}

fn check_version(version: &str, source: &SourceText) -> Option<Diagnostic> {
    // The field's place is looked up only for a finding: finding it parses the file again.
    let offset = || source.span_of(&[Key::Field("format")]);
    let major = version
        .split('.')
        .next()
        .and_then(|m| m.parse::<u32>().ok());
    let valid_shape =
        version.split('.').count() <= 2 && version.split('.').all(|p| p.parse::<u32>().is_ok());
    match major {
        Some(m) if valid_shape && m == FORMAT_MAJOR => None,
        Some(m) if valid_shape && m > FORMAT_MAJOR => Some(source.diag(
            Severity::Error,
            Code::NewerFormat,
            offset(),
            format!("this transcription is in format {version}, newer than this folio reads (format {FORMAT_MAJOR}.x)"),
            Some("upgrade folio to read it".into()),
        )),
        _ => Some(source.diag(
            Severity::Error,
            Code::BadFormatVersion,
            offset(),
            format!("unknown format version `{version}`; expected \"{FORMAT_MAJOR}.0\" (MAJOR.MINOR)"),
            Some(format!("write format = \"{}\"", crate::model::FORMAT_VERSION)),
        )),
    }
}

/// Every semantic check, each finding pushed to `out`.
fn validate(doc: &Document, source: &SourceText, out: &mut Vec<Diagnostic>) {
    let err = |out: &mut Vec<Diagnostic>,
               code: Code,
               span: Option<std::ops::Range<usize>>,
               message: String,
               hint: &str| {
        out.push(source.diag(Severity::Error, code, span, message, Some(hint.to_string())))
    };

    if let Some(d) = check_version(&doc.format, source) {
        out.push(d);
    }
    if is_windows_reserved(&doc.id) {
        err(
            out,
            Code::UnsafeId,
            source.span_of(&[Key::Field("id")]),
            format!("the id `{}` is a name Windows reserves for a device", doc.id),
            "Windows cannot create a file named con, prn, aux, nul, com1–com9 or lpt1–lpt9, with any extension: choose another id",
        );
    } else if !is_safe_id(&doc.id) {
        err(
            out,
            Code::UnsafeId,
            source.span_of(&[Key::Field("id")]),
            format!("the id `{}` is not safe as a file name", doc.id),
            "use letters, digits, '-', '_' and '.', not starting with '.', at most 200 characters",
        );
    }
    if let Some(date) = &doc.date {
        if !is_iso_date_or_range(date) {
            err(
                out,
                Code::BadDate,
                source.span_of(&[Key::Field("date")]),
                format!("the date `{date}` is not an ISO 8601 date"),
                "write 1932-12-03, a partial date 1932-12 or 1932, or a range 1932-12-03/1932-12-05",
            );
        }
    }
    if !is_language_tag(&doc.language) {
        err(
            out,
            Code::BadLanguage,
            source.span_of(&[Key::Field("language")]),
            format!("the language `{}` is not a BCP 47 tag", doc.language),
            "write a tag such as ru, uk, be, en, de, or ru-petr1708 for pre-1918 Russian spelling",
        );
    }
    if crate::markup::plain_text(doc.title.inlines())
        .trim()
        .is_empty()
    {
        err(
            out,
            Code::EmptyTitle,
            source.span_of(&[Key::Field("title")]),
            "the editorial title is empty".into(),
            "write the heading an editor gives the document: kind, author, addressee, summary",
        );
    }
    if doc.content.is_empty() {
        err(
            out,
            Code::NoContent,
            source
                .find(&["content".to_string()], 0)
                .or(Some(source.text.len()..source.text.len())),
            "the document has no content".into(),
            "add blocks: [[content]] with role = \"text\" and the text",
        );
    }
    for (i, block) in doc.content.iter().enumerate() {
        let empty = match block {
            Block::Address(a) => a.lines.is_empty(),
            Block::List(l) => l.items.is_empty(),
            Block::Closer(c) => c.lines.is_empty() && c.signatures.is_empty(),
            Block::Text(p) => p.text.paragraphs().is_empty(),
            Block::Quote(p) => p.text.paragraphs().is_empty(),
            Block::Postscript(p) => p.text.paragraphs().is_empty(),
            Block::Folio(f) => f.label.trim().is_empty(),
            _ => block.texts().iter().all(|t| t.source().trim().is_empty()),
        };
        if empty {
            let role = block.role();
            err(
                out,
                Code::EmptyBlock,
                source
                    .span_of(&[Key::Field("content"), Key::Index(i)])
                    .map(|s| first_line(source.text, s)),
                format!("content block {} (role \"{role}\") is empty", i + 1),
                "give it its text, or remove the block",
            );
        }
    }

    // Notes: ids, duplicates, references in both directions.
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    let note_id =
        |i: usize| source.span_of(&[Key::Field("notes"), Key::Index(i), Key::Field("id")]);
    for (i, note) in doc.notes.iter().enumerate() {
        let count = seen.entry(note.id.as_str()).or_default();
        *count += 1;
        if *count == 2 {
            err(
                out,
                Code::DuplicateNote,
                note_id(i),
                format!("duplicate note id `{}`", note.id),
                "give each note its own id",
            );
        }
        if !is_note_id(&note.id) {
            err(
                out,
                Code::BadNoteId,
                note_id(i),
                format!("the note id `{}` is not usable in a reference", note.id),
                "use letters, digits, '-' and '_'",
            );
        }
    }
    let mut referenced: BTreeMap<&str, usize> = BTreeMap::new();
    for (place, text) in doc.texts() {
        for id in note_refs(text.inlines()) {
            *referenced.entry(id).or_default() += 1;
            if !seen.contains_key(id) {
                let count = referenced[id];
                err(
                    out,
                    Code::MissingNote,
                    source.find(&[format!("[^{id}]")], count - 1),
                    format!("reference to a note `{id}` that does not exist"),
                    &format!(
                        "add [[notes]] with id = \"{id}\", or fix the reference{}",
                        crate::diag::suggest::nearest(id, seen.keys().copied())
                            .map(|n| format!(" (did you mean `{n}`?)"))
                            .unwrap_or_default()
                    ),
                );
            }
            if let TextPlace::Note(i) = place {
                if doc.notes[i].id == id {
                    err(
                        out,
                        Code::SelfReference,
                        source.find(&[format!("[^{id}]")], 0),
                        format!("the note `{id}` refers to itself"),
                        "a note cannot reference itself",
                    );
                }
            }
        }
    }
    for (i, note) in doc.notes.iter().enumerate() {
        if !referenced.contains_key(note.id.as_str()) {
            out.push(source.diag(
                Severity::Warning,
                Code::UnreferencedNote,
                note_id(i),
                format!("the note `{}` is never referenced", note.id),
                Some(format!(
                    "reference it with [^{}] where it belongs, or remove it",
                    note.id
                )),
            ));
        }
    }
}

/// The first line of a span: a block's header rather than the whole block.
fn first_line(text: &str, span: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let end = text[span.clone()]
        .find('\n')
        .map_or(span.end, |n| span.start + n);
    span.start..end
}

/// Note ids referenced in inline content, in order.
pub fn note_refs(inlines: &[Inline]) -> Vec<&str> {
    let mut out = Vec::new();
    fn walk<'a>(inlines: &'a [Inline], out: &mut Vec<&'a str>) {
        for inline in inlines {
            match inline {
                Inline::NoteRef(id) => out.push(id),
                other => walk(other.children(), out),
            }
        }
    }
    walk(inlines, &mut out);
    out
}

/// Whether an id is safe as a file name on every system: no folder separators, no hidden
/// names, none of the names Windows reserves for devices (`con`, `nul`, `com1`… with any
/// extension).
pub fn is_safe_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 200
        && !id.starts_with('.')
        && !is_windows_reserved(id)
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

fn is_note_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_'))
}

/// Whether Windows reserves a name for a device, whatever its extension ("nul.txt" too).
fn is_windows_reserved(id: &str) -> bool {
    let stem = id.split('.').next().unwrap_or(id).to_ascii_lowercase();
    matches!(stem.as_str(), "con" | "prn" | "aux" | "nul")
        || ["com", "lpt"].iter().any(|p| {
            stem.strip_prefix(p)
                .is_some_and(|n| n.len() == 1 && n.as_bytes()[0].is_ascii_digit() && n != "0")
        })
}

/// ISO 8601 calendar dates, reduced precision (YYYY, YYYY-MM) and ranges (A/B).
pub fn is_iso_date_or_range(s: &str) -> bool {
    match s.split_once('/') {
        Some((a, b)) => parse_partial_date(a)
            .zip(parse_partial_date(b))
            .is_some_and(|(a, b)| a <= b),
        None => parse_partial_date(s).is_some(),
    }
}

/// Parses YYYY, YYYY-MM or YYYY-MM-DD into (year, month, day) with 0 for what is missing.
pub fn parse_partial_date(s: &str) -> Option<(u32, u32, u32)> {
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str, len: usize| {
        (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    let year = num(parts.first()?, 4)?;
    let month = match parts.get(1) {
        Some(m) => num(m, 2).filter(|m| (1..=12).contains(m))?,
        None => 0,
    };
    let day = match parts.get(2) {
        Some(d) => {
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
            let max = match month {
                2 if leap => 29,
                2 => 28,
                4 | 6 | 9 | 11 => 30,
                _ => 31,
            };
            num(d, 2).filter(|d| (1..=max).contains(d))?
        }
        None => 0,
    };
    (parts.len() <= 3).then_some((year, month, day))
}

/// A light BCP 47 check: a 2–3 letter language, then 1–8 character alphanumeric subtags.
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let Some(lang) = parts.next() else {
        return false;
    };
    (2..=3).contains(&lang.len())
        && lang.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A document read from a file lets its bytes go and can still give its text (read
    /// again, for a diagnostic); one read from standard input keeps them.
    #[test]
    fn a_released_source_is_read_again_from_its_file() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/samples/zinoviev-1932-12-03.toml"
        );
        let mut doc = read_file(Path::new(path)).unwrap().document;
        let kept = doc.origin.as_ref().and_then(|o| o.text()).expect("kept");
        doc.release_source();
        let origin = doc.origin.as_ref().expect("still named");
        assert!(origin.bytes.is_none());
        assert_eq!(origin.text().as_deref(), Some(&*kept));
        let text = std::fs::read_to_string(path).unwrap();
        let mut stdin = read_str(&text, "<stdin>", Syntax::Toml).unwrap().document;
        stdin.release_source();
        assert!(stdin.origin.as_ref().is_some_and(|o| o.bytes.is_some()));
    }

    #[test]
    fn dates() {
        for ok in [
            "1932",
            "1932-12",
            "1932-12-03",
            "1932-12-03/1932-12-05",
            "1900-02-28",
            "2000-02-29",
        ] {
            assert!(is_iso_date_or_range(ok), "{ok}");
        }
        for bad in [
            "32-12-03",
            "1932-13",
            "1932-02-30",
            "1900-02-29",
            "1932-12-05/1932-12-03",
            "3 декабря",
            "",
        ] {
            assert!(!is_iso_date_or_range(bad), "{bad}");
        }
    }

    #[test]
    fn ids_and_languages() {
        assert!(is_safe_id("zinoviev-1932-12-03"));
        assert!(!is_safe_id("../etc"));
        assert!(!is_safe_id("a/b"));
        for reserved in ["con", "NUL", "nul.txt", "com1", "Lpt9.x"] {
            assert!(!is_safe_id(reserved), "{reserved}");
        }
        assert!(is_safe_id("com10") && is_safe_id("console") && is_safe_id("com0"));
        assert!(is_language_tag("ru-petr1708"));
        assert!(!is_language_tag("russian"));
    }
}

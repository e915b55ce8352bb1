//! Readers: TOML (the authoring format) and JSON (the pipeline format) into one
//! [`Document`], then validation of what serde cannot check.
//!
//! Serde reports the first structural error (unknown field, wrong type, unknown role) with
//! its position; the validation pass after it reports every semantic error at once. Semantic
//! errors are located by finding their piece of source text (a note reference, an id) in the
//! file, so the model stays free of position bookkeeping.

use crate::diag::{line_column, Diagnostic, Error, Severity};
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
}

impl Syntax {
    /// The syntax for a file name, if folio reads it.
    pub fn of(path: &Path) -> Option<Syntax> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "toml" => Some(Syntax::Toml),
            "json" => Some(Syntax::Json),
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
        Error::Invalid(vec![Diagnostic {
            severity: Severity::Error,
            file: name.clone(),
            line: 0,
            column: 0,
            message: "not a transcription: expected a .toml or .json file".into(),
            hint: Some(
                "folio reads TOML (authoring) and JSON (pipelines); `folio new` prints a template"
                    .into(),
            ),
        }])
    })?;
    let bytes =
        std::fs::read(path).map_err(|e| Error::Output(format!("cannot read {name}: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let (line, column) = line_column(
            &String::from_utf8_lossy(&e.as_bytes()[..e.utf8_error().valid_up_to()]),
            usize::MAX,
        );
        Error::Invalid(vec![Diagnostic {
            severity: Severity::Error,
            file: name.clone(),
            line,
            column,
            message: "the file is not valid UTF-8".into(),
            hint: Some("save the transcription as UTF-8".into()),
        }])
    })?;
    read_str_checking(&text, &name, syntax, mentions)
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
    let source = SourceText { name, text };
    let parsed: Result<Document, (String, Option<usize>)> = match syntax {
        Syntax::Toml => {
            toml::from_str(text).map_err(|e| (e.message().to_string(), e.span().map(|s| s.start)))
        }
        Syntax::Json => serde_json::from_str(text).map_err(|e| {
            let offset = offset_of_line_column(text, e.line(), e.column());
            (strip_json_position(&e.to_string()), Some(offset))
        }),
    };
    let document = match parsed {
        Ok(d) => d,
        Err((message, offset)) => {
            // A file of a newer major version may fail for fields this folio does not know:
            // say so first, since that is the real cause.
            if let Some(d) = version_problem(&source, syntax) {
                return Err(Error::Invalid(vec![d]));
            }
            return Err(Error::Invalid(vec![source.structural(message, offset)]));
        }
    };
    let mut diagnostics = Vec::new();
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
    let (errors, warnings): (Vec<_>, Vec<_>) = diagnostics
        .into_iter()
        .partition(|d| d.severity == Severity::Error);
    if errors.is_empty() {
        Ok(Read { document, warnings })
    } else {
        Err(Error::Invalid(errors))
    }
}

/// The text of an input file with its name, for locating diagnostics.
struct SourceText<'a> {
    name: &'a str,
    text: &'a str,
}

impl SourceText<'_> {
    fn at(&self, offset: Option<usize>) -> (usize, usize) {
        offset.map_or((0, 0), |o| line_column(self.text, o))
    }

    /// The position of the `nth` occurrence of the first needle found, else of the field name.
    fn find(&self, needles: &[String], nth: usize) -> Option<usize> {
        needles
            .iter()
            .filter(|n| !n.is_empty())
            .find_map(|n| self.text.match_indices(n.as_str()).nth(nth).map(|(i, _)| i))
    }

    fn diag(
        &self,
        severity: Severity,
        offset: Option<usize>,
        message: String,
        hint: Option<String>,
    ) -> Diagnostic {
        let (line, column) = self.at(offset);
        Diagnostic {
            severity,
            file: self.name.to_string(),
            line,
            column,
            message,
            hint,
        }
    }

    /// Turns a serde message into a diagnostic with a hint for the common cases.
    fn structural(&self, message: String, offset: Option<usize>) -> Diagnostic {
        let mut offset = offset;
        // Markup errors name their snippet: point at it rather than at the string's start.
        if let Some(snippet) = message
            .split(" at `")
            .nth(1)
            .and_then(|s| s.rsplit_once('`'))
            .map(|(s, _)| s)
        {
            let from = offset.unwrap_or(0);
            if let Some(i) = self.text[from.min(self.text.len())..].find(snippet) {
                offset = Some(from + i);
            } else if let Some(i) = self.text.find(snippet) {
                offset = Some(i);
            }
        }
        // serde names the offending field or value in backticks; point at it, not at the
        // start of the table that holds it.
        if let Some(name) = message.split('`').nth(1) {
            let needles: Vec<String> = if message.starts_with("unknown field") {
                vec![
                    format!("\"{name}\""),
                    format!("{name} ="),
                    format!("{name}="),
                ]
            } else if message.starts_with("unknown variant") || message.starts_with("invalid value")
            {
                vec![format!("\"{name}\""), format!("'{name}'")]
            } else {
                vec![]
            };
            let from = offset.unwrap_or(0).min(self.text.len());
            // Toml points at the table holding the value; serde_json, for a value inside a
            // role's block, just past it: look forward first, then back.
            if let Some(i) = needles
                .iter()
                .find_map(|n| self.text[from..].find(n.as_str()))
            {
                offset = Some(from + i);
            } else if let Some(i) = needles
                .iter()
                .find_map(|n| self.text[..from].rfind(n.as_str()))
            {
                offset = Some(i);
            }
        }
        let hint = if message.contains("unknown field") {
            Some("check the spelling; docs/format.md lists every field of every role".to_string())
        } else if message.contains("unknown variant") {
            Some("use one of the values listed; docs/format.md describes each".to_string())
        } else if message.contains("missing field") {
            Some(
                "add the field; `folio new` prints a template with every required field"
                    .to_string(),
            )
        } else if message.contains("invalid type") {
            Some("check the value's type against docs/format.md (text is a string, lists are arrays)".to_string())
        } else if message.starts_with("inline markup") {
            Some("docs/format.md lists the inline markup; a backslash makes a character literal: \\[".to_string())
        } else if self.name.ends_with(".json") {
            Some("check the JSON syntax just before this position".to_string())
        } else {
            Some("check the TOML syntax just before this position: text in \"…\", several lines in '''…'''".to_string())
        };
        self.diag(
            Severity::Error,
            offset,
            message.trim_end().to_string(),
            hint,
        )
    }
}

/// serde_json appends " at line L column C" to its messages; folio prints the position itself.
fn strip_json_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

fn offset_of_line_column(text: &str, line: usize, column: usize) -> usize {
    let mut offset = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            // serde_json counts columns in bytes.
            let mut o = offset + column.saturating_sub(1).min(l.len());
            while !text.is_char_boundary(o) {
                o -= 1;
            }
            return o;
        }
        offset += l.len();
    }
    text.len()
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
    };
    check_version(&version, source)
}

fn check_version(version: &str, source: &SourceText) -> Option<Diagnostic> {
    let offset = source.find(&[format!("\"{version}\"")], 0);
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
            offset,
            format!("this transcription is in format {version}, newer than this folio reads (format {FORMAT_MAJOR}.x)"),
            Some("upgrade folio to read it".into()),
        )),
        _ => Some(source.diag(
            Severity::Error,
            offset,
            format!("unknown format version `{version}`; expected \"{FORMAT_MAJOR}.0\" (MAJOR.MINOR)"),
            Some(format!("write format = \"{}\"", crate::model::FORMAT_VERSION)),
        )),
    }
}

/// Every semantic check, each finding pushed to `out`.
fn validate(doc: &Document, source: &SourceText, out: &mut Vec<Diagnostic>) {
    let err = |out: &mut Vec<Diagnostic>, offset: Option<usize>, message: String, hint: &str| {
        out.push(source.diag(Severity::Error, offset, message, Some(hint.to_string())))
    };
    let field = |key: &str, value: &str| {
        vec![
            format!("{key} = \"{value}\""),
            format!("{key} = '{value}'"),
            format!("\"{key}\": \"{value}\""),
            format!("\"{key}\":\"{value}\""),
            format!("\"{value}\""),
        ]
    };

    if let Some(d) = check_version(&doc.format, source) {
        out.push(d);
    }
    if !is_safe_id(&doc.id) {
        err(
            out,
            source.find(&field("id", &doc.id), 0),
            format!("the id `{}` is not safe as a file name", doc.id),
            "use letters, digits, '-', '_' and '.', not starting with '.', at most 200 characters",
        );
    }
    if let Some(date) = &doc.date {
        if !is_iso_date_or_range(date) {
            err(
                out,
                source.find(&field("date", date), 0),
                format!("the date `{date}` is not an ISO 8601 date"),
                "write 1932-12-03, a partial date 1932-12 or 1932, or a range 1932-12-03/1932-12-05",
            );
        }
    }
    if !is_language_tag(&doc.language) {
        err(
            out,
            source.find(&field("language", &doc.language), 0),
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
            source.find(&["title".to_string()], 0),
            "the editorial title is empty".into(),
            "write the heading an editor gives the document: kind, author, addressee, summary",
        );
    }
    if doc.content.is_empty() {
        err(
            out,
            source
                .find(&["content".to_string()], 0)
                .or(Some(source.text.len())),
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
                nth_block_offset(source, i),
                format!("content block {} (role \"{role}\") is empty", i + 1),
                "give it its text, or remove the block",
            );
        }
    }

    // Notes: ids, duplicates, references in both directions.
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for note in &doc.notes {
        let count = seen.entry(note.id.as_str()).or_default();
        *count += 1;
        if *count == 2 {
            err(
                out,
                source.find(&field("id", &note.id), 1),
                format!("duplicate note id `{}`", note.id),
                "give each note its own id",
            );
        }
        if !is_note_id(&note.id) {
            err(
                out,
                source.find(&field("id", &note.id), 0),
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
                    source.find(&[format!("[^{id}]")], count - 1),
                    format!("reference to a note `{id}` that does not exist"),
                    &format!(
                        "add [[notes]] with id = \"{id}\", or fix the reference{}",
                        nearest(id, seen.keys().copied())
                            .map(|n| format!(" (did you mean `{n}`?)"))
                            .unwrap_or_default()
                    ),
                );
            }
            if let TextPlace::Note(i) = place {
                if doc.notes[i].id == id {
                    err(
                        out,
                        source.find(&[format!("[^{id}]")], 0),
                        format!("the note `{id}` refers to itself"),
                        "a note cannot reference itself",
                    );
                }
            }
        }
    }
    for note in &doc.notes {
        if !referenced.contains_key(note.id.as_str()) {
            out.push(source.diag(
                Severity::Warning,
                source.find(&field("id", &note.id), 0),
                format!("the note `{}` is never referenced", note.id),
                Some(format!(
                    "reference it with [^{}] where it belongs, or remove it",
                    note.id
                )),
            ));
        }
    }
}

/// The offset of the `n`th content block's start, for pointing at a block.
fn nth_block_offset(source: &SourceText, n: usize) -> Option<usize> {
    source
        .find(&["[[content]]".to_string()], n)
        .or_else(|| source.find(&["\"role\"".to_string()], n))
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

/// The candidate nearest to `id` by edit distance, when near enough to be a typo.
pub(crate) fn nearest<'a>(id: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .map(|c| (edit_distance(id, c), c))
        .filter(|(d, c)| *d <= 2.max(c.chars().count() / 3))
        .min()
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// Whether an id is safe as a file name on every system.
pub fn is_safe_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 200
        && !id.starts_with('.')
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
        assert!(is_language_tag("ru-petr1708"));
        assert!(!is_language_tag("russian"));
        assert_eq!(
            nearest("kustanay", ["kustanai", "other"].into_iter()),
            Some("kustanai")
        );
    }
}

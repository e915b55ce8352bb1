//! Diagnostics: errors and warnings with a file, line and column, and the one error type
//! whose cases map to folio's exit codes.

use std::fmt;

pub mod codes;
pub mod render;
pub mod suggest;

pub use codes::Code;

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The input cannot be exported.
    Error,
    /// The input is exported, but something deserves a look.
    Warning,
}

/// A place in a file: 1-based line and column (in characters); 0 when unknown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column in characters.
    pub column: usize,
}

/// One finding about an input, located in its file.
///
/// Readers build one with [`Diagnostic::error`] or [`Diagnostic::warning`] and place it with
/// [`Diagnostic::at_span`] (a byte range of the source text, which also gives the snippet)
/// or [`Diagnostic::at_line_column`]; [`render`] prints it as a user or a program reads it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    /// The input file as named on the command line.
    pub file: String,
    /// 1-based line of the start (0 when unknown).
    pub line: usize,
    /// 1-based column of the start, in characters (0 when unknown).
    pub column: usize,
    /// Where the faulty piece ends (exclusive); equal to the start when it is a point.
    pub end: Position,
    /// Error or warning.
    pub severity: Severity,
    /// The stable code, explained in docs/errors.md and by `folio explain`.
    pub code: Code,
    /// What is wrong, and what was expected.
    pub message: String,
    /// How to fix it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// The source text and the byte range at fault, for the snippet under the message.
    #[serde(skip)]
    pub source: Option<(std::sync::Arc<str>, std::ops::Range<usize>)>,
    /// Other places that explain this one (the `[` a syntax error leaves open), each with
    /// a label; shown in the snippet, and as `related` in JSON.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
}

/// A place that explains a diagnostic, in the same file.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Related {
    /// 1-based line.
    pub line: usize,
    /// 1-based column in characters.
    pub column: usize,
    /// What is there.
    pub message: String,
    /// The byte range, for the snippet.
    #[serde(skip)]
    pub span: std::ops::Range<usize>,
}

impl Diagnostic {
    /// An error in `file`, not yet placed.
    pub fn error(code: Code, file: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            file: file.into(),
            line: 0,
            column: 0,
            end: Position::default(),
            severity: Severity::Error,
            code,
            message: message.into(),
            hint: None,
            source: None,
            related: Vec::new(),
        }
    }

    /// A warning in `file`, not yet placed.
    pub fn warning(code: Code, file: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, file, message)
        }
    }

    /// Adds the hint.
    pub fn hint(mut self, hint: impl Into<String>) -> Diagnostic {
        let hint = hint.into();
        self.hint = (!hint.is_empty()).then_some(hint);
        self
    }

    /// Places the diagnostic at a byte range of `text`, the whole source file; the range is
    /// clamped to the text and widened to character boundaries.
    pub fn at_span(
        mut self,
        text: &std::sync::Arc<str>,
        span: std::ops::Range<usize>,
    ) -> Diagnostic {
        let start = floor_char(text, span.start.min(text.len()));
        let end = ceil_char(text, span.end.clamp(start, text.len()));
        (self.line, self.column) = line_column_in_shared(text, start);
        let (line, column) = line_column_in_shared(text, end);
        self.end = Position { line, column };
        self.source = Some((text.clone(), start..end));
        self
    }

    /// Adds a related place: a byte range of the same source text given to `at_span`.
    pub fn related(
        mut self,
        span: std::ops::Range<usize>,
        message: impl Into<String>,
    ) -> Diagnostic {
        if let Some((text, _)) = &self.source {
            let start = floor_char(text, span.start.min(text.len()));
            let end = ceil_char(text, span.end.clamp(start, text.len()));
            let (line, column) = line_column(text, start);
            self.related.push(Related {
                line,
                column,
                message: message.into(),
                span: start..end,
            });
        }
        self
    }

    /// Places the diagnostic at a line and column, for a reader that knows no byte offsets.
    pub fn at_line_column(mut self, line: usize, column: usize) -> Diagnostic {
        self.line = line;
        self.column = column;
        self.end = Position { line, column };
        self.source = None;
        self
    }

    /// A writer's warning about an edition of `file`, as a diagnostic beside the reader's.
    /// A hint the writer wrote into its message ("…; hint: …") becomes the hint.
    pub fn of_writer(file: impl Into<String>, edition: &str, warning: &Warning) -> Diagnostic {
        let (message, hint) = match warning.message.split_once("; hint: ") {
            Some((m, h)) => (m, h),
            None => (warning.message.as_str(), ""),
        };
        Diagnostic::warning(Code::WriterWarning, file, format!("{edition}: {message}")).hint(hint)
    }

    /// The start as a position.
    pub fn start(&self) -> Position {
        Position {
            line: self.line,
            column: self.column,
        }
    }
}

impl fmt::Display for Diagnostic {
    /// The one-line form, `file:line:column: error[F0101]: message`, with the hint below.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let code = self.code;
        if self.line > 0 {
            write!(
                f,
                "{}:{}:{}: {kind}[{code}]: {}",
                self.file, self.line, self.column, self.message
            )?;
        } else {
            write!(f, "{}: {kind}[{code}]: {}", self.file, self.message)?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// A warning raised while writing an edition (a missing glyph, say), reported beside the
/// output rather than printed by library code.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Warning {
    /// What happened, naming where in the document.
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Everything that can go wrong in folio, by exit code.
#[derive(Debug)]
pub enum Error {
    /// The input is not a valid transcription (exit code 1).
    Invalid(Vec<Diagnostic>),
    /// The command line asks for something folio cannot do (exit code 2).
    Usage(String),
    /// A style file given on the command line is wrong, at these places (exit code 2).
    Settings(Vec<Diagnostic>),
    /// Reading or writing a file failed, or an edition could not be produced (exit code 3).
    Output(String),
    /// Failures already reported one by one (a batch); carries the exit code to return.
    Reported(i32),
}

impl Error {
    /// The process exit code for this error, as documented in the README.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Invalid(_) => 1,
            Error::Usage(_) | Error::Settings(_) => 2,
            Error::Output(_) => 3,
            Error::Reported(code) => *code,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Invalid(diags) | Error::Settings(diags) => {
                for (i, d) in diags.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    write!(f, "{d}")?;
                }
                Ok(())
            }
            Error::Usage(m) => write!(f, "error: {m}"),
            Error::Output(m) => write!(f, "error: {m}"),
            Error::Reported(_) => Ok(()),
        }
    }
}

impl std::error::Error for Error {}

thread_local! {
    /// The line starts of the last shared source text placed on this thread, with the text
    /// itself (held, so that its address is never another text's): a file with thousands of
    /// diagnostics is indexed once, and each is placed by a binary search instead of a scan
    /// from the start (docs/limits.md).
    static LINE_STARTS: std::cell::RefCell<Option<(std::sync::Arc<str>, Vec<usize>)>> =
        const { std::cell::RefCell::new(None) };
}

/// [`line_column`] for a source text shared by many diagnostics, through an index of its
/// line starts built once.
fn line_column_in_shared(text: &std::sync::Arc<str>, offset: usize) -> (usize, usize) {
    LINE_STARTS.with(|cache| {
        let mut cache = cache.borrow_mut();
        if !cache
            .as_ref()
            .is_some_and(|(t, _)| std::sync::Arc::ptr_eq(t, text))
        {
            let starts = std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect();
            *cache = Some((text.clone(), starts));
        }
        let starts = cache.as_ref().map(|(_, s)| s.as_slice()).unwrap_or(&[0]);
        let line = starts.partition_point(|&s| s <= offset).max(1);
        let start = starts[line - 1];
        let (_, column) = line_column(&text[start..], offset.saturating_sub(start));
        (line, column)
    })
}

/// Converts a byte offset in `text` to a 1-based line and a 1-based column in characters.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..offset].chars().count() + 1;
    (line, column)
}

/// The nearest character boundary at or before `i`.
pub(crate) fn floor_char(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The nearest character boundary at or after `i`.
pub(crate) fn ceil_char(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters() {
        let text = "ab\nвгд ж";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 3), (2, 1));
        assert_eq!(line_column(text, text.find('ж').unwrap()), (2, 5));
    }
}

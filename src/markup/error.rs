//! Markup errors: what is wrong, its code, and the byte range of the text at fault, which
//! the readers turn into a line and column of the input file.

use crate::diag::suggest::did_you_mean;
use crate::diag::{ceil_char, floor_char, Code};
use std::fmt;
use std::ops::Range;

/// Inline markup that folio cannot read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MarkupError {
    /// The kind of problem.
    pub code: Code,
    /// What is wrong and what was expected.
    pub message: String,
    /// How to fix it, when there is more to say than the message.
    pub hint: Option<String>,
    /// The byte range of the text (as written in the transcription) at fault.
    pub span: Range<usize>,
    /// The piece of source text at fault.
    pub snippet: String,
}

impl MarkupError {
    /// An error over `span` of `source`, its snippet cut from the source.
    pub(super) fn new(code: Code, message: String, source: &str, span: Range<usize>) -> Self {
        let start = floor_char(source, span.start.min(source.len()));
        let end = ceil_char(source, span.end.clamp(start, source.len()));
        let mut shown = end;
        if shown - start > 60 {
            shown = ceil_char(source, start + 60);
        }
        MarkupError {
            code,
            message,
            hint: None,
            snippet: source[start..shown].to_string(),
            span: start..end,
        }
    }

    pub(super) fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// The same error for a text that starts `offset` bytes into a larger one.
    pub fn shifted(mut self, offset: usize) -> Self {
        self.span = self.span.start + offset..self.span.end + offset;
        self
    }

    /// The message carried through serde, which only passes strings: the fields joined by
    /// an ASCII unit separator, read back by [`MarkupError::from_serde`].
    pub fn to_serde(&self) -> String {
        format!(
            "inline markup: {}{SEP}{} {} {}{SEP}{}",
            self.message,
            self.code,
            self.span.start,
            self.span.end,
            self.hint.as_deref().unwrap_or("")
        )
    }

    /// Reads back a message made by [`MarkupError::to_serde`]: (code, message, hint, span).
    pub fn from_serde(message: &str) -> Option<(Code, String, Option<String>, Range<usize>)> {
        let mut parts = message.split(SEP);
        let text = parts.next()?.to_string();
        let mut place = parts.next()?.split(' ');
        let code = place.next()?.parse().ok()?;
        let start = place.next()?.parse().ok()?;
        let end = place.next()?.parse().ok()?;
        let hint = parts.next().map(|h| h.trim_end().to_string());
        Some((code, text, hint.filter(|h| !h.is_empty()), start..end))
    }
}

const SEP: char = '\u{1f}';

impl fmt::Display for MarkupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "inline markup: {} at `{}`", self.message, self.snippet)
    }
}

impl std::error::Error for MarkupError {}

/// A markup character left in plain text: an opener never closed, or a closer that closes
/// nothing. Djot would print it literally; folio refuses it, since it is almost always a
/// typo, and a literal one is written with a backslash. `text` is a piece of plain text
/// starting at byte `at` of `source`; its first character is literal when it was escaped.
pub(super) fn stray_delimiter(
    source: &str,
    text: &str,
    at: usize,
    escaped_first: bool,
) -> Option<MarkupError> {
    let skip = if escaped_first {
        text.chars().next().map_or(0, char::len_utf8)
    } else {
        0
    };
    let (i, c) = text[skip..]
        .char_indices()
        .find(|(_, c)| matches!(c, '_' | '*' | '^' | '~' | '{' | '}' | '[' | ']'))?;
    let i = i + skip;
    let start = at + i;
    let rest = &text[i..];
    let (message, hint, len) = match c {
        '{' => match rest[1..].chars().next() {
            Some(m @ ('-' | '+' | '=')) => {
                let (name, close) = match m {
                    '-' => ("a deletion", "-}"),
                    '+' => ("an insertion", "+}"),
                    _ => ("a supplied text", "=}"),
                };
                (
                    format!("unclosed delimiter `{{{m}`: {name} is opened and never closed"),
                    format!("close it with `{close}`, as in {{{m}word{close}; a literal brace is written \\{{"),
                    2,
                )
            }
            _ => (
                "unclosed attributes `{`: a `{` opens attributes, which close with `}`".to_string(),
                "attributes follow a span, as in [word]{.unclear}; a literal brace is written \\{"
                    .to_string(),
                1,
            ),
        },
        '[' => {
            let attrs_at = rest
                .find(']')
                .filter(|j| rest[j + 1..].starts_with('{'))
                .map(|j| j + 1);
            // Attributes Djot could not read, such as a class with a letter from another
            // alphabet: report the class as unknown, with the nearest known one.
            if let Some((a, close)) = attrs_at.and_then(|a| rest[a..].find('}').map(|c| (a, a + c)))
            {
                let inside = &rest[a + 1..close];
                let from = start + a + 1;
                let (code, message, hint, span) = match inside.strip_prefix('.') {
                    Some(class) if !class.contains(char::is_whitespace) => {
                        let (code, message, hint) = unknown_class(class, super::SPAN_CLASSES);
                        (code, message, hint, from..from + inside.len())
                    }
                    _ => (
                        Code::UnknownAttribute,
                        format!("attributes `{{{inside}}}` that folio cannot read"),
                        "write a class as {.unclear} or a pair as {hand=\"…\"}; a literal brace is written \\{".to_string(),
                        from - 1..from + inside.len() + 1,
                    ),
                };
                return Some(MarkupError::new(code, message, source, span).with_hint(hint));
            }
            if attrs_at.is_some() {
                (
                    "unclosed attributes: the `{` after this span is never closed with `}`"
                        .to_string(),
                    "write [word]{.unclear}; a literal brace is written \\{".to_string(),
                    rest.find('{').map_or(1, |j| j + 1),
                )
            } else {
                (
                    "unclosed delimiter `[`: a span needs its attributes, as in [word]{.unclear}"
                        .to_string(),
                    "a literal bracket is written \\[".to_string(),
                    1,
                )
            }
        }
        ']' | '}' => (
            format!("`{c}` closes nothing"),
            format!("a literal one is written \\{c}"),
            1,
        ),
        _ => {
            let name = match c {
                '_' => "underlining",
                '*' => "spacing",
                '^' => "a superscript",
                _ => "a subscript",
            };
            (
                format!("unclosed delimiter `{c}`: {name} is opened and never closed"),
                format!("close it, as in {c}word{c}; a literal one is written \\{c}"),
                1,
            )
        }
    };
    Some(
        MarkupError::new(Code::UnclosedMarkup, message, source, start..start + len).with_hint(hint),
    )
}

/// The error for an unknown class, with the nearest known one.
pub(super) fn unknown_class(value: &str, known: &[&str]) -> (Code, String, String) {
    let list = known
        .iter()
        .map(|c| format!(".{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    let near = did_you_mean(value, known.iter().copied()).replacen("`", "`.", 1);
    (
        Code::UnknownClass,
        format!("unknown class `.{value}`; expected one of {list}"),
        if near == "`." || near.is_empty() {
            "docs/format.md lists the inline classes".into()
        } else {
            near
        },
    )
}

//! Placing serde's errors exactly. Serde reads a content block through an internally
//! tagged enum (`role = "mark"`), which buffers the block and forgets where its values
//! stand: toml then points at the first `[[content]]`, serde_json just past the block. So
//! when reading fails, each block is read again on its own, as its role's struct, straight
//! from the parsed document's spans (toml's `DeTable`, serde_json's `RawValue`); the first
//! block that fails gives the error with the position of the very key or value. Unknown
//! keys are then found by walking the spanned tables, never by searching the text.

use super::without_key::WithoutKey;
use super::SourceText;
use crate::diag::suggest::did_you_mean;
use crate::diag::{Code, Diagnostic};
use crate::markup::MarkupError;
use crate::model::{Block, ROLES};
use serde_json::value::RawValue;
use std::ops::Range;
use toml::de::{DeTable, DeValue};

/// What the input is, for hints that name the right documentation.
#[derive(Clone, Copy)]
pub struct Context {
    /// Where the fields are documented ("docs/format.md").
    pub docs: &'static str,
    /// Whether the input has content blocks to re-read.
    pub blocks: bool,
}

/// A transcription.
pub const TRANSCRIPTION: Context = Context {
    docs: "docs/format.md",
    blocks: true,
};

/// A TOML input that failed to deserialize, located exactly.
pub fn toml_error(source: &SourceText, err: &toml::de::Error, cx: Context) -> Diagnostic {
    let (tree, errors) = DeTable::parse_recoverable(source.text);
    // The parser's errors come in no particular order; the first in the file is the one
    // the user meets first (a string left open reports its line, not the next one).
    if let Some(e) = errors
        .iter()
        .min_by_key(|e| e.span().map_or(usize::MAX, |s| s.start))
    {
        return syntax(source, Code::TomlSyntax, e.message(), e.span());
    }
    if cx.blocks {
        if let Some(d) = toml_blocks(source, &tree, cx) {
            return d;
        }
    }
    classify(
        source,
        err.message(),
        err.span().unwrap_or(0..0),
        cx,
        Some(tree.get_ref()),
    )
}

/// A TOML syntax error, with a hint for the mistakes people make.
pub fn syntax(
    source: &SourceText,
    code: Code,
    message: &str,
    span: Option<Range<usize>>,
) -> Diagnostic {
    let span = span.unwrap_or(0..0);
    let line_start = source.text[..span.start.min(source.text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let line = source.text[line_start..].lines().next().unwrap_or("");
    let opener = (code == Code::TomlSyntax)
        .then(|| unclosed_opener(&source.text[..span.start.min(source.text.len())]))
        .flatten()
        .filter(|o| source.text[*o..span.start].contains('\n'));
    let hint = if message == "trailing comma" {
        "remove the comma: JSON allows none after the last element".to_string()
    } else if code == Code::JsonSyntax && is_escape_error(message) {
        "a backslash in a JSON string begins an escape: write \\\\ for the backslash itself, \\u and four hex digits for a character".to_string()
    } else if code == Code::JsonSyntax {
        "check the JSON syntax just before this position".to_string()
    } else if line.trim_start().starts_with("date") {
        "write the date as a string: date = \"1932-12-03\" (or \"1932-12\", \"1932\")".to_string()
    } else {
        "check the TOML syntax just before this position: text in \"…\", several lines in '''…'''"
            .to_string()
    };
    let d = source.error(code, span, message.trim_end(), hint);
    match opener {
        Some(o) => {
            let c = &source.text[o..o + 1];
            d.related(
                o..o + 1,
                format!("this `{c}` is not closed before the error"),
            )
        }
        None => d,
    }
}

/// The last `[` or `{` of a TOML text left open at its end, skipping strings and comments:
/// a value that runs on over lines past a typo.
fn unclosed_opener(text: &str) -> Option<usize> {
    let mut stack = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let rest = &text[i..];
        let delimiter = ["'''", "\"\"\"", "'", "\""]
            .into_iter()
            .find(|d| rest.starts_with(d));
        if let Some(d) = delimiter {
            let basic = d.starts_with('"');
            let body = i + d.len();
            let mut j = body;
            let end = loop {
                let Some(next) = text[j..].find(d) else {
                    break None;
                };
                let at = j + next;
                let backslashes = bytes[..at]
                    .iter()
                    .rev()
                    .take_while(|b| **b == b'\\')
                    .count();
                j = at + d.len();
                if !(basic && backslashes % 2 == 1) {
                    break Some(j);
                }
            };
            let line_end = text[body..].find('\n').map_or(text.len(), |n| body + n);
            i = match end {
                // A one-line string ends at its line, closed or not.
                Some(e) if d.len() == 3 || e <= line_end + 1 => e,
                _ if d.len() == 1 => line_end,
                _ => return stack.last().copied(),
            };
            continue;
        }
        match bytes[i] {
            b'#' => i += rest.find('\n').unwrap_or(rest.len()),
            b'[' | b'{' => stack.push(i),
            b']' | b'}' => {
                stack.pop();
            }
            _ => {}
        }
        i += 1;
    }
    stack.last().copied()
}

fn toml_blocks(
    source: &SourceText,
    tree: &toml::Spanned<DeTable>,
    cx: Context,
) -> Option<Diagnostic> {
    let (_, content) = tree
        .get_ref()
        .iter()
        .find(|(k, _)| k.get_ref() == "content")?;
    let DeValue::Array(blocks) = content.get_ref() else {
        return None;
    };
    for block in blocks.iter() {
        let DeValue::Table(table) = block.get_ref() else {
            continue;
        };
        let role = table.iter().find(|(k, _)| k.get_ref() == "role");
        let header = block.span().start..block.span().start;
        let Some((_, role)) = role else {
            return Some(missing_role(source, header));
        };
        let DeValue::String(name) = role.get_ref() else {
            return Some(classify(
                source,
                "invalid type for `role`, expected a string",
                role.span(),
                cx,
                None,
            ));
        };
        let fields = WithoutKey {
            inner: toml::de::ValueDeserializer::from(block.clone()),
            key: "role",
        };
        match Block::deserialize_fields(name, fields) {
            None => return Some(unknown_role(source, name, role.span())),
            Some(Err(e)) => {
                let span = e.span().unwrap_or_else(|| block.span());
                return Some(classify(source, e.message(), span, cx, Some(table)));
            }
            Some(Ok(_)) => {}
        }
    }
    None
}

/// A JSON input that failed to deserialize, located exactly.
pub fn json_error(source: &SourceText, err: &serde_json::Error, cx: Context) -> Diagnostic {
    let message = strip_json_position(&err.to_string());
    let last = offset_of_line_column(source.text, err.line(), err.column());
    if err.is_syntax() || err.is_eof() {
        // serde_json notices a trailing comma at the bracket after it: show the comma.
        let at = if message == "trailing comma" {
            source.text.as_bytes()[..last]
                .iter()
                .rposition(|b| !b.is_ascii_whitespace())
                .filter(|&i| source.text.as_bytes()[i] == b',')
                .unwrap_or(last)
        } else if is_escape_error(&message) {
            // serde_json notices a bad `\u` escape after reading its four digits, which may
            // run onto the next line: show the backslash that began it.
            escape_start(source.text, last)
        } else {
            last
        };
        return syntax(source, Code::JsonSyntax, &message, Some(at..at + 1));
    }
    if cx.blocks {
        if let Some(d) = json_blocks(source, cx) {
            return d;
        }
    }
    let span = value_before(source.text, custom_end(source.text, last, &message));
    classify(source, &message, span, cx, None)
}

fn json_blocks(source: &SourceText, cx: Context) -> Option<Diagnostic> {
    #[derive(serde::Deserialize)]
    struct Content<'a> {
        #[serde(borrow)]
        content: Vec<&'a RawValue>,
    }
    #[derive(serde::Deserialize)]
    struct Role<'a> {
        #[serde(borrow)]
        role: Option<&'a RawValue>,
    }
    let text = source.text;
    let offset_in_text = |s: &str| s.as_ptr() as usize - text.as_ptr() as usize;
    let content: Content = serde_json::from_str(text).ok()?;
    for block in content.content {
        let raw = block.get();
        let base = offset_in_text(raw);
        let Ok(Role { role }) = serde_json::from_str::<Role>(raw) else {
            continue;
        };
        let Some(role) = role else {
            return Some(missing_role(source, base..base + 1));
        };
        let role_span = offset_in_text(role.get())..offset_in_text(role.get()) + role.get().len();
        let Ok(name) = serde_json::from_str::<String>(role.get()) else {
            return Some(classify(
                source,
                "invalid type for `role`, expected a string",
                role_span,
                cx,
                None,
            ));
        };
        let mut de = serde_json::Deserializer::from_str(raw);
        let fields = WithoutKey {
            inner: &mut de,
            key: "role",
        };
        match Block::deserialize_fields(&name, fields) {
            None => return Some(unknown_role(source, &name, role_span)),
            Some(Err(e)) => {
                let message = strip_json_position(&e.to_string());
                let last = base + offset_of_line_column(raw, e.line(), e.column());
                let span = if message.starts_with("missing field") {
                    base..base + 1
                } else {
                    value_before(text, custom_end(text, last, &message))
                };
                return Some(classify(source, &message, span, cx, None));
            }
            Some(Ok(_)) => {}
        }
    }
    None
}

fn missing_role(source: &SourceText, span: Range<usize>) -> Diagnostic {
    source.error(
        Code::MissingField,
        span,
        "missing field `role`",
        format!(
            "every content block names its role: role = \"text\"; the roles are {}",
            ROLES.join(", ")
        ),
    )
}

fn unknown_role(source: &SourceText, name: &str, span: Range<usize>) -> Diagnostic {
    let list = ROLES
        .iter()
        .map(|r| format!("`{r}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let near = did_you_mean(name, ROLES.iter().copied());
    source.error(
        Code::UnknownValue,
        span,
        format!("unknown variant `{name}`, expected one of {list}"),
        if near.is_empty() {
            "use one of the values listed; docs/format.md describes each role".to_string()
        } else {
            near
        },
    )
}

/// Turns a serde message at `span` into a diagnostic: its code, a hint with "did you mean"
/// for a closed set, and for inline markup the exact place inside the string.
fn classify(
    source: &SourceText,
    message: &str,
    span: Range<usize>,
    cx: Context,
    table: Option<&DeTable>,
) -> Diagnostic {
    if let Some((code, message, hint, inner)) = MarkupError::from_serde(message) {
        let span = inside_string(source.text, span, inner);
        let hint = hint.unwrap_or_else(|| {
            format!(
                "{} lists the inline markup; a backslash makes a character literal: \\[",
                cx.docs
            )
        });
        return source.error(code, span, message, hint);
    }
    let message = message.trim_end();
    let quoted: Vec<&str> = message.split('`').skip(1).step_by(2).collect();
    let named = quoted.first().copied().unwrap_or("");
    let expected: Vec<&str> = match message.split_once("expected") {
        Some((_, rest)) => rest.split('`').skip(1).step_by(2).collect(),
        None => vec![],
    };
    let (code, span, hint) = if message.starts_with("unknown field") {
        let span = table
            .and_then(|t| find_key(t, named, &span))
            .unwrap_or(span);
        let near = did_you_mean(named, expected.iter().copied());
        let hint = if near.is_empty() {
            format!("check the spelling; {} lists every field", cx.docs)
        } else {
            near
        };
        (Code::UnknownField, span, hint)
    } else if message.starts_with("unknown variant") {
        let near = did_you_mean(named, expected.iter().copied());
        let hint = if near.is_empty() {
            format!("use one of the values listed; {} describes each", cx.docs)
        } else {
            near
        };
        (Code::UnknownValue, span, hint)
    } else if message.starts_with("missing field") {
        let hint = if cx.blocks {
            "add the field; `folio new` prints a template with every required field".to_string()
        } else {
            format!("add the field; {} describes it", cx.docs)
        };
        (Code::MissingField, span, hint)
    } else if message.contains(crate::model::DATE_TIME_REFUSED) {
        (
            Code::DateLiteral,
            span,
            "write the date as a string: \"1932-12-03\", or a plain TOML date: 1932-12-03"
                .to_string(),
        )
    } else {
        (
            Code::WrongType,
            span,
            format!(
                "check the value's type against {} (text is a string, lists are arrays)",
                cx.docs
            ),
        )
    };
    source.error(code, span, message, hint)
}

/// The span of the key `name` in `table` or its sub-tables, preferring one inside `within`.
fn find_key(table: &DeTable, name: &str, within: &Range<usize>) -> Option<Range<usize>> {
    fn walk(table: &DeTable, name: &str, found: &mut Vec<Range<usize>>) {
        for (key, value) in table.iter() {
            if key.get_ref() == name {
                found.push(key.span());
            }
            walk_value(value.get_ref(), name, found);
        }
    }
    fn walk_value(value: &DeValue, name: &str, found: &mut Vec<Range<usize>>) {
        match value {
            DeValue::Table(t) => walk(t, name, found),
            DeValue::Array(a) => a.iter().for_each(|v| walk_value(v.get_ref(), name, found)),
            _ => {}
        }
    }
    let mut found = Vec::new();
    walk(table, name, &mut found);
    found
        .iter()
        .find(|s| s.start >= within.start && s.end <= within.end.max(within.start + 1))
        .or(found.first())
        .cloned()
}

/// The source range of `inner`, a byte range of a string's decoded value, inside the
/// string literal at `literal` (TOML or JSON, escapes and all).
fn inside_string(text: &str, literal: Range<usize>, inner: Range<usize>) -> Range<usize> {
    let Some(raw) = text.get(literal.clone()) else {
        return literal;
    };
    let (open, escapes) = if raw.starts_with("'''") {
        (3, false)
    } else if raw.starts_with("\"\"\"") {
        (3, true)
    } else if raw.starts_with('\'') {
        (1, false)
    } else if raw.starts_with('"') {
        (1, true)
    } else {
        return literal;
    };
    let mut body = open;
    if open == 3 {
        if raw[body..].starts_with("\r\n") {
            body += 2;
        } else if raw[body..].starts_with('\n') {
            body += 1;
        }
    }
    let at = |decoded: usize| literal.start + body + raw_offset(&raw[body..], decoded, escapes);
    let start = at(inner.start);
    let end = at(inner.end).max(start);
    start..end.min(literal.end)
}

/// The byte offset in a string literal's body where decoded byte `target` begins.
fn raw_offset(body: &str, target: usize, escapes: bool) -> usize {
    let mut decoded = 0;
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if decoded >= target {
            return i;
        }
        if !(escapes && c == '\\') {
            decoded += c.len_utf8();
            continue;
        }
        match chars.next() {
            Some((_, 'u')) => decoded += hex_char_len(&body[i + 2..], 4, &mut chars),
            Some((_, 'U')) => decoded += hex_char_len(&body[i + 2..], 8, &mut chars),
            Some((_, 'x')) => decoded += hex_char_len(&body[i + 2..], 2, &mut chars),
            // A line-ending backslash swallows the white space that follows.
            Some((_, w)) if w.is_whitespace() => {
                while chars.peek().is_some_and(|(_, c)| c.is_whitespace()) {
                    chars.next();
                }
            }
            Some(_) => decoded += 1,
            None => {}
        }
    }
    body.len()
}

fn hex_char_len(
    hex: &str,
    digits: usize,
    chars: &mut std::iter::Peekable<std::str::CharIndices>,
) -> usize {
    for _ in 0..digits {
        chars.next();
    }
    let code = hex
        .get(..digits)
        .and_then(|h| u32::from_str_radix(h, 16).ok());
    match code {
        // The first half of a JSON surrogate pair stands for the whole character.
        Some(0xD800..=0xDBFF) => 4,
        Some(0xDC00..=0xDFFF) => 0,
        Some(c) => char::from_u32(c).map_or(1, char::len_utf8),
        None => 1,
    }
}

/// The JSON value ending at byte `last` (its last character): a string, a number or word,
/// or the closing bracket of an object or array.
fn value_before(text: &str, last: usize) -> Range<usize> {
    let bytes = text.as_bytes();
    let Some(&end_byte) = bytes.get(last) else {
        return text.len()..text.len();
    };
    let end = last + 1;
    if end_byte == b'"' {
        let mut j = last;
        while j > 0 {
            j -= 1;
            if bytes[j] == b'"' {
                let backslashes = bytes[..j].iter().rev().take_while(|b| **b == b'\\').count();
                if backslashes % 2 == 0 {
                    return j..end;
                }
            }
        }
        return last..end;
    }
    if end_byte.is_ascii_alphanumeric() || matches!(end_byte, b'+' | b'-' | b'.') {
        let start = bytes[..last]
            .iter()
            .rposition(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')))
            .map_or(0, |i| i + 1);
        return start..end;
    }
    last..end
}

/// serde_json reports a value's own error (a markup error, a refused date) at the token
/// after the value, having looked for the `,` or `}`: step back to the value's end.
fn custom_end(text: &str, last: usize, message: &str) -> usize {
    let custom = MarkupError::from_serde(message).is_some()
        || message.contains(crate::model::DATE_TIME_REFUSED);
    let bytes = text.as_bytes();
    if !custom || !matches!(bytes.get(last), Some(b',' | b'}' | b']')) {
        return last;
    }
    bytes[..last]
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .unwrap_or(last)
}

/// serde_json appends " at line L column C" to its messages; folio prints the position itself.
fn strip_json_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// Whether serde_json's message is about a `\` escape in a string.
fn is_escape_error(message: &str) -> bool {
    message.contains("escape") || message.contains("unicode code point")
}

/// The backslash of the last escape that begins before `last` inside a JSON string.
///
/// serde_json parses in order, so everything before its error is valid JSON, and a JSON
/// string holds no raw line break: every line start before `last` lies outside a string.
/// Lexing from the line start at least `LONGEST_ESCAPE` bytes back finds the escape
/// being read.
fn escape_start(text: &str, last: usize) -> usize {
    /// A surrogate pair, `\ud83d\ude00`, is the longest thing serde_json reads as one escape.
    const LONGEST_ESCAPE: usize = 12;
    let bytes = text.as_bytes();
    let last = last.min(bytes.len());
    let from = bytes[..last.saturating_sub(LONGEST_ESCAPE)]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let (mut in_string, mut escape, mut i) = (false, None, from);
    while i < last {
        match bytes[i] {
            b'"' => in_string = !in_string,
            b'\\' if in_string => {
                escape = Some(i);
                i += 1;
            }
            _ => {}
        }
        i += 1;
    }
    escape.unwrap_or(last)
}

/// The byte offset of serde_json's line and column (1-based, in bytes; the last character
/// it read).
fn offset_of_line_column(text: &str, line: usize, column: usize) -> usize {
    let mut offset = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            let mut o = offset + column.saturating_sub(1).min(l.len().saturating_sub(1));
            while !text.is_char_boundary(o) {
                o -= 1;
            }
            return o;
        }
        offset += l.len();
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_escape_is_shown_at_its_backslash_even_when_its_digits_run_onto_the_next_line() {
        for text in [
            "{\n  \"a\": \"r\\u\",\n  \"b\": 1\n}\n",
            "{\n  \"a\": \"x\\\\y\\q\",\n  \"b\": 1\n}\n",
            "{\n  \"a\": \"\\ud800\\u\"\n}\n",
        ] {
            let err = serde_json::from_str::<serde_json::Value>(text).unwrap_err();
            let last = offset_of_line_column(text, err.line(), err.column());
            let at = escape_start(text, last);
            assert_eq!(&text[at..at + 1], "\\", "{text:?}: {err}");
            assert_eq!(text[..at].matches('\n').count(), 1, "{text:?}: {err}");
        }
    }

    #[test]
    fn offsets_inside_strings_follow_escapes() {
        let text = r#"a = "x\"y\u0416z [q]{.foo}""#;
        let start = text.find('"').unwrap();
        let decoded = "x\"yЖz [q]{.foo}";
        let inner = decoded.find(".foo").unwrap();
        let span = inside_string(text, start..text.len(), inner..inner + 4);
        assert_eq!(&text[span], ".foo");
        let text = "a = '''\nline [q]{.foo}'''";
        let inner = "line [q]{.foo}".find('[').unwrap();
        let span = inside_string(text, 4..text.len(), inner..inner + 1);
        assert_eq!(&text[span], "[");
    }

    #[test]
    fn json_values_end_where_serde_json_stops() {
        let text = r#"{"a": "y\"es", "b": 12}"#;
        let last = text.find("\", \"b").unwrap();
        assert_eq!(&text[value_before(text, last)], r#""y\"es""#);
        let last = text.find('2').unwrap();
        assert_eq!(&text[value_before(text, last)], "12");
    }
}

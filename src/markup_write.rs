//! Inline content written back as folio's markup (the inverse of [`crate::markup::parse`]).
//!
//! Readers that do not start from folio's own markup (TEI) build [`Inline`]s; the model keeps
//! every text as its source string too, so they need that string: `folio convert` writes it
//! into the TOML an editor goes on with. The output always parses back to the same inlines:
//! marks use Djot's braced forms (`{_…_}`, `{*…*}`), which hold even with spaces at their
//! edges, and every character Djot could read as syntax is escaped.

use crate::limits::{MAX_FIELD_BYTES, MAX_NESTING};
use crate::markup::{Inline, InsertPlace, MentionKind, Text};

/// The markup for a paragraph of inline content.
pub fn write(inlines: &[Inline]) -> String {
    let mut out = String::new();
    write_into(inlines, &mut out);
    out
}

/// A [`Text`] holding `inlines`, its source written as markup and parsed back, so the
/// source and the parsed content always agree.
pub fn text(inlines: &[Inline]) -> Text {
    let source = write(inlines);
    // Content of the plain shapes readers make (no text beside text, nothing empty, no
    // white space where Djot trims it) reads back as it was written: it is kept without
    // parsing the source again, which was most of the cost of reading a TEI letter
    // (docs/speed.md). Any other content is parsed, so source and inlines always agree.
    if source.len() <= MAX_FIELD_BYTES && reads_back(inlines, 0) && edges_are_bare(inlines) {
        debug_assert_eq!(
            crate::markup::parse(&source).ok().as_deref(),
            Some(inlines),
            "{source}"
        );
        return Text::from_written(source, inlines.to_vec());
    }
    // The writer escapes every syntax character, so its output always parses; a failure
    // would be a bug in this module, and the plain characters are the safe fallback.
    Text::try_from(source.clone()).unwrap_or_else(|_| Text::plain(&source))
}

/// Whether written `inlines` parse back to themselves: a conservative test of shape that
/// sends everything it is not sure of to the parser.
fn reads_back(inlines: &[Inline], depth: usize) -> bool {
    if depth + 2 >= MAX_NESTING {
        return false;
    }
    let mut previous: Option<&Inline> = None;
    for (i, inline) in inlines.iter().enumerate() {
        let next = inlines.get(i + 1);
        let fits = match inline {
            Inline::Text(t) => {
                let after_break = matches!(previous, Some(Inline::LineBreak));
                let before_break = matches!(next, Some(Inline::LineBreak));
                plain_chars(t)
                    && !matches!(previous, Some(Inline::Text(_)))
                    && (!after_break || opens_a_line(t))
                    && (!before_break || !t.ends_with(char::is_whitespace))
                    // `![` would open an image.
                    && (next.is_none() || !t.ends_with('!'))
            }
            Inline::LineBreak => {
                depth == 0
                    && previous.is_some()
                    && !matches!(previous, Some(Inline::LineBreak))
                    && matches!(next, Some(Inline::Text(_)))
            }
            Inline::NoteRef(id) => {
                !id.is_empty()
                    && id
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            }
            Inline::Gap(d) => d.as_deref().is_some_and(plain_chars),
            Inline::Choice {
                original,
                regularized,
            } => content_reads_back(original, depth) && content_reads_back(regularized, depth),
            Inline::Hand { hand: a, .. } | Inline::Foreign { lang: a, .. } => {
                plain_chars(a) && content_reads_back(inline.children(), depth)
            }
            Inline::Inserted { hand, .. } => {
                hand.as_deref().is_none_or(plain_chars)
                    && content_reads_back(inline.children(), depth)
            }
            Inline::Name { key, .. } => {
                key.as_deref().is_none_or(plain_chars)
                    && content_reads_back(inline.children(), depth)
            }
            Inline::Mention { key, .. } => {
                plain_chars(key) && content_reads_back(inline.children(), depth)
            }
            _ => content_reads_back(inline.children(), depth),
        };
        if !fits {
            return false;
        }
        previous = Some(inline);
    }
    true
}

/// A mark's content: not empty, without white space at its edges, and reading back.
fn content_reads_back(content: &[Inline], depth: usize) -> bool {
    !content.is_empty() && edges_are_bare(content) && reads_back(content, depth + 1)
}

/// No white space (nor a line break) at the start or the end.
fn edges_are_bare(content: &[Inline]) -> bool {
    let bare = |i: Option<&Inline>, start: bool| match i {
        Some(Inline::Text(t)) if start => !t.starts_with(char::is_whitespace),
        Some(Inline::Text(t)) => !t.ends_with(char::is_whitespace),
        Some(Inline::LineBreak) => false,
        _ => true,
    };
    bare(content.first(), true) && bare(content.last(), false)
}

/// Text with characters that are written as they are: not empty, no line ends or tabs
/// (written as spaces), no private-use characters (folio's parser uses some).
fn plain_chars(t: &str) -> bool {
    !t.is_empty()
        && !t
            .chars()
            .any(|c| matches!(c, '\n' | '\r' | '\t' | '\u{e000}'..='\u{f8ff}'))
}

/// Whether a text may open a line after a line break without Djot reading block syntax
/// (a list, a heading, a quotation) there.
fn opens_a_line(t: &str) -> bool {
    t.chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || matches!(c, '«' | '„' | '“' | '—' | '–' | '('))
}

fn write_into(inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text(s) => escape(s, out),
            Inline::Underline { double, content } => {
                wrap("{_", content, "_}", out);
                if *double {
                    out.push_str("{.double}");
                }
            }
            Inline::Spaced(c) => wrap("{*", c, "*}", out),
            Inline::Deleted(c) => wrap("{-", c, "-}", out),
            Inline::Inserted {
                place,
                hand,
                content,
            } => {
                wrap("{+", content, "+}", out);
                let mut attrs = vec![];
                if *place != InsertPlace::Above {
                    let place = match place {
                        InsertPlace::Above => "above",
                        InsertPlace::Below => "below",
                        InsertPlace::Margin => "margin",
                        InsertPlace::Inline => "inline",
                    };
                    attrs.push(format!("place={place}"));
                }
                if let Some(hand) = hand {
                    attrs.push(format!("hand={}", quoted(hand)));
                }
                if !attrs.is_empty() {
                    out.push('{');
                    out.push_str(&attrs.join(" "));
                    out.push('}');
                }
            }
            Inline::Supplied(c) => wrap("{=", c, "=}", out),
            Inline::Superscript(c) => wrap("{^", c, "^}", out),
            Inline::Subscript(c) => wrap("{~", c, "~}", out),
            Inline::Unclear(c) => span(c, ".unclear", out),
            Inline::Sic(c) => span(c, ".sic", out),
            Inline::Italic(c) => span(c, ".italic", out),
            Inline::Bold(c) => span(c, ".bold", out),
            Inline::Gap(description) => {
                out.push('[');
                if let Some(d) = description {
                    escape(d, out);
                }
                out.push_str("]{.gap}");
            }
            Inline::NoteRef(id) => {
                out.push_str("[^");
                out.push_str(id);
                out.push(']');
            }
            Inline::LineBreak => out.push_str("\\\n"),
            Inline::Hand { hand, content } => span(content, &format!("hand={}", quoted(hand)), out),
            Inline::Choice {
                original,
                regularized,
            } => {
                span(original, ".orig", out);
                span(regularized, ".reg", out);
            }
            Inline::Name { kind, key, content } => {
                let mut attrs = format!(".{}", kind.class());
                if let Some(key) = key {
                    attrs.push_str(&format!(" key={}", quoted(key)));
                }
                span(content, &attrs, out)
            }
            Inline::Foreign { lang, content } => {
                span(content, &format!("lang={}", quoted(lang)), out)
            }
            Inline::Mention { kind, key, content } => {
                let attribute = match kind {
                    MentionKind::Person => "person",
                    MentionKind::Place => "place",
                };
                span(content, &format!("{attribute}={}", quoted(key)), out)
            }
        }
    }
}

fn wrap(open: &str, content: &[Inline], close: &str, out: &mut String) {
    out.push_str(open);
    write_into(content, out);
    out.push_str(close);
}

fn span(content: &[Inline], attributes: &str, out: &mut String) {
    out.push('[');
    write_into(content, out);
    out.push_str("]{");
    out.push_str(attributes);
    out.push('}');
}

/// An attribute value in double quotes, with `"` and `\` escaped.
fn quoted(value: &str) -> String {
    let mut q = String::from("\"");
    for c in value.chars() {
        if c == '"' || c == '\\' {
            q.push('\\');
        }
        q.push(c);
    }
    q.push('"');
    q
}

/// Plain characters, with the characters that open Djot syntax escaped and line ends as
/// spaces (a line break is its own inline). Quotes, dashes and dots need no escape: folio's
/// parser keeps them as typed.
fn escape(s: &str, out: &mut String) {
    // Every character that changes is ASCII: the runs between them are copied whole.
    let mut run = 0;
    for (i, b) in s.bytes().enumerate() {
        let replacement = match b {
            b'\\' | b'*' | b'_' | b'{' | b'}' | b'[' | b']' | b'^' | b'~' | b'`' | b'<' => None,
            b'\n' | b'\r' | b'\t' => Some(' '),
            _ => continue,
        };
        out.push_str(&s[run..i]);
        match replacement {
            Some(c) => out.push(c),
            None => {
                out.push('\\');
                out.push(char::from(b));
            }
        }
        run = i + 1;
    }
    out.push_str(&s[run..]);
}

//! Inline content written back as folio's markup (the inverse of [`crate::markup::parse`]).
//!
//! Readers that do not start from folio's own markup (TEI) build [`Inline`]s; the model keeps
//! every text as its source string too, so they need that string: `folio convert` writes it
//! into the TOML an editor goes on with. The output always parses back to the same inlines:
//! marks use Djot's braced forms (`{_…_}`, `{*…*}`), which hold even with spaces at their
//! edges, and every character Djot could read as syntax is escaped.

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
    // The writer escapes every syntax character, so its output always parses; a failure
    // would be a bug in this module, and the plain characters are the safe fallback.
    Text::try_from(source.clone()).unwrap_or_else(|_| Text::plain(&source))
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
    for c in s.chars() {
        match c {
            '\\' | '*' | '_' | '{' | '}' | '[' | ']' | '^' | '~' | '`' | '<' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
}

//! Inline markup: the Djot inline syntax (parsed by the `jotdown` crate), mapped onto the
//! marks of documentary editing. docs/format.md is the user's reference; in short:
//!
//! | markup | meaning |
//! |---|---|
//! | `_word_` | underlined in the original (`_word_{.double}`: underlined twice) |
//! | `*word*` | spaced out in the original (разрядка) |
//! | `{-word-}` | deleted (struck out) in the original |
//! | `{+word+}` | inserted above the line; `{+word+}{place=margin hand="Сталина"}` |
//! | `{=alin=}` | supplied by the editor, printed in square brackets: `Ст{=алин=}` |
//! | `[word]{.unclear}` | an unclear reading |
//! | `[неразб.]{.gap}`, `[]{.gap}` | an illegible gap, with the editor's description |
//! | `[word]{.sic}` | so in the document: the edition adds a note "Так в документе." |
//! | `[^id]` | reference to the editorial note `id` |
//! | `\` at a line end | line break as in the original |
//! | `^st^`, `~2~` | superscript, subscript |
//! | `[words]{hand="И. В. Сталина"}` | written in another hand |
//! | `[т.Сталина]{person=stalin-i-v}` | a mention of a register's person (name index) |
//! | `[Кустанай]{place=kustanai}` | a mention of a register's place (place index) |
//! | `\ ` (backslash space) | no-break space |
//!
//! Djot's smart punctuation is not applied: quotes, dashes and dots stay as typed, since
//! a transcription keeps the original's characters.

mod error;
mod parse;

pub use error::MarkupError;
pub use parse::parse;

use crate::diag::Code;
use crate::limits::MAX_FIELD_BYTES;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A piece of inline content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Inline {
    /// Plain characters.
    Text(String),
    /// Underlined in the original, once or twice.
    Underline {
        /// Underlined twice.
        double: bool,
        /// What is underlined.
        content: Vec<Inline>,
    },
    /// Spaced out in the original (разрядка).
    Spaced(Vec<Inline>),
    /// Struck out in the original.
    Deleted(Vec<Inline>),
    /// Added in the original above the line, below it or in the margin.
    Inserted {
        /// Where the addition stands.
        place: InsertPlace,
        /// Whose hand added it, when not the document's.
        hand: Option<String>,
        /// What was added.
        content: Vec<Inline>,
    },
    /// A reading the editor is unsure of.
    Unclear(Vec<Inline>),
    /// An illegible gap; the editor's description ("2 слова неразб."), or the default.
    Gap(Option<String>),
    /// Letters or words supplied by the editor, printed in square brackets.
    Supplied(Vec<Inline>),
    /// So in the document: an apparent error kept as written; the edition adds a note.
    Sic(Vec<Inline>),
    /// A reference to an editorial note, by id.
    NoteRef(String),
    /// A line break as in the original.
    LineBreak,
    /// Set in italic in the original (a printed or typed source; a print edition's italic
    /// in TEI, `hi rend="italic"`).
    Italic(Vec<Inline>),
    /// Set in bold in the original.
    Bold(Vec<Inline>),
    /// Superscript.
    Superscript(Vec<Inline>),
    /// Subscript.
    Subscript(Vec<Inline>),
    /// A mention of a person or place of the register, for the indexes.
    Mention {
        /// A person or a place.
        kind: MentionKind,
        /// The register entry's key ("stalin-i-v").
        key: String,
        /// The words as the document writes them.
        content: Vec<Inline>,
    },
    /// Written in another hand than the surrounding text.
    Hand {
        /// Whose hand, as printed after "Рукой" ("И. В. Сталина").
        hand: String,
        /// What that hand wrote.
        content: Vec<Inline>,
    },
    /// Two readings of one span: as the original writes it and as the editor regularizes
    /// it (pre-reform and modern spelling, an abbreviation and its expansion, an error and
    /// its correction). The style's `spelling` chooses the one an edition prints.
    Choice {
        /// The original's reading (pre-reform spelling, abbreviation, error).
        original: Vec<Inline>,
        /// The editor's reading (modern spelling, expansion, correction).
        regularized: Vec<Inline>,
    },
    /// A name of a person, place, organization or work, with its key for a name index.
    Name {
        /// What the name names.
        kind: NameKind,
        /// The key in a register ("#pmb2563", "9649"), when the source has one.
        key: Option<String>,
        /// The name as written.
        content: Vec<Inline>,
    },
    /// A span in another language than the document's.
    Foreign {
        /// Its language, a BCP 47 tag ("fr", "la").
        lang: String,
        /// The foreign words.
        content: Vec<Inline>,
    },
}

/// What a marked name names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameKind {
    /// A person (`.person`).
    Person,
    /// A place (`.place`).
    Place,
    /// An organization (`.org`).
    Org,
    /// A work: a book, a play, an article (`.work`).
    Work,
    /// Any other name (`.name`).
    Other,
}

impl NameKind {
    /// The span class that marks this kind of name.
    pub fn class(self) -> &'static str {
        match self {
            NameKind::Person => "person",
            NameKind::Place => "place",
            NameKind::Org => "org",
            NameKind::Work => "work",
            NameKind::Other => "name",
        }
    }

    fn of_class(class: &str) -> Option<NameKind> {
        Some(match class {
            "person" => NameKind::Person,
            "place" => NameKind::Place,
            "org" => NameKind::Org,
            "work" => NameKind::Work,
            "name" => NameKind::Other,
            _ => return None,
        })
    }
}

impl Inline {
    /// The register entry this inline names, for the name and place indexes: a mention
    /// (`{person=…}`, `{place=…}`) or a name of a person or place with a key (`.person
    /// key=…`, TEI's `persName` and `placeName`), both syntaxes counting alike.
    pub fn register_key(&self) -> Option<(MentionKind, &str)> {
        match self {
            Inline::Mention { kind, key, .. } => Some((*kind, key)),
            Inline::Name {
                kind: NameKind::Person,
                key: Some(key),
                ..
            } => Some((MentionKind::Person, key)),
            Inline::Name {
                kind: NameKind::Place,
                key: Some(key),
                ..
            } => Some((MentionKind::Place, key)),
            _ => None,
        }
    }

    /// The inline content this mark wraps; empty for text, gaps, note references and line
    /// breaks; the original reading of a choice. Walks over the tree use it so they need not
    /// know every kind of mark.
    pub fn children(&self) -> &[Inline] {
        match self {
            Inline::Choice { original, .. } => original,
            Inline::Underline { content, .. }
            | Inline::Inserted { content, .. }
            | Inline::Hand { content, .. }
            | Inline::Mention { content, .. }
            | Inline::Name { content, .. }
            | Inline::Foreign { content, .. }
            | Inline::Spaced(content)
            | Inline::Deleted(content)
            | Inline::Unclear(content)
            | Inline::Supplied(content)
            | Inline::Sic(content)
            | Inline::Italic(content)
            | Inline::Bold(content)
            | Inline::Superscript(content)
            | Inline::Subscript(content) => content,
            Inline::Text(_) | Inline::Gap(_) | Inline::NoteRef(_) | Inline::LineBreak => &[],
        }
    }

    /// The content vector a wrapping mark holds, to edit in place; `None` for text, gaps,
    /// note references, line breaks and choices (whose two readings are not one content).
    pub fn children_mut(&mut self) -> Option<&mut Vec<Inline>> {
        match self {
            Inline::Underline { content, .. }
            | Inline::Inserted { content, .. }
            | Inline::Hand { content, .. }
            | Inline::Mention { content, .. }
            | Inline::Name { content, .. }
            | Inline::Foreign { content, .. }
            | Inline::Spaced(content)
            | Inline::Deleted(content)
            | Inline::Unclear(content)
            | Inline::Supplied(content)
            | Inline::Sic(content)
            | Inline::Italic(content)
            | Inline::Bold(content)
            | Inline::Superscript(content)
            | Inline::Subscript(content) => Some(content),
            _ => None,
        }
    }
}

/// What a mention points to: an entry of the register's persons or of its places.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum MentionKind {
    /// A person (`{person=key}`), for the name index.
    Person,
    /// A place (`{place=key}`), for the place index.
    Place,
}

/// Where an insertion stands in the original.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum InsertPlace {
    /// Above the line (the default).
    #[default]
    Above,
    /// Below the line.
    Below,
    /// In the margin.
    Margin,
    /// In the line itself.
    Inline,
}

/// A text with inline markup: the source as written and its parsed content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text {
    source: String,
    inlines: Vec<Inline>,
}

impl Text {
    /// The parsed content.
    pub fn inlines(&self) -> &[Inline] {
        &self.inlines
    }

    /// The text as written in the transcription, markup included.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// A text of plain characters, with no markup.
    pub fn plain(s: &str) -> Text {
        Text {
            source: s.to_string(),
            inlines: vec![Inline::Text(s.to_string())],
        }
    }
}

impl Text {
    /// A text from its source and the inlines that source parses to, for a writer that
    /// has made the source from those inlines in a form known to read back the same
    /// ([`crate::markup_write::text`]).
    pub(crate) fn from_written(source: String, inlines: Vec<Inline>) -> Text {
        Text { source, inlines }
    }
}

impl TryFrom<String> for Text {
    type Error = MarkupError;

    fn try_from(source: String) -> Result<Self, MarkupError> {
        if source.len() > MAX_FIELD_BYTES {
            let mut end = 40;
            while !source.is_char_boundary(end) {
                end -= 1;
            }
            return Err(MarkupError::new(
                Code::LimitExceeded,
                format!(
                    "this text is {} bytes long, more than the {} MiB one field may hold",
                    source.len(),
                    MAX_FIELD_BYTES >> 20
                ),
                &source,
                0..end,
            )
            .with_hint("split it into several blocks (docs/limits.md)"));
        }
        let inlines = parse(&source)?;
        Ok(Text { source, inlines })
    }
}

impl From<Text> for String {
    fn from(t: Text) -> String {
        t.source
    }
}

impl Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.source)
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let source = String::deserialize(d)?;
        Text::try_from(source).map_err(|e| serde::de::Error::custom(e.to_serde()))
    }
}

impl JsonSchema for Text {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Text".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "Text with inline markup (docs/format.md): _underlined_, *spaced*, {-deleted-}, {+inserted+}, {=supplied=}, [x]{.unclear}, []{.gap}, [x]{.sic}, [^note], ^sup^, [x]{hand=\"...\"}, [x]{person=key}, [x]{place=key}."
        })
    }
}

/// The span classes folio knows, for `[text]{.class}`.
pub const SPAN_CLASSES: &[&str] = &[
    "underline",
    "double",
    "spaced",
    "deleted",
    "inserted",
    "unclear",
    "gap",
    "supplied",
    "sic",
    "italic",
    "bold",
    "orig",
    "reg",
    "person",
    "place",
    "org",
    "work",
    "name",
];

/// The places an insertion may stand, for `{place=…}`.
pub const PLACES: &[&str] = &["above", "below", "margin", "inline"];

/// The attribute keys folio knows, for `{key=value}`.
pub const ATTRIBUTE_KEYS: &[&str] = &["hand", "place", "person", "key", "lang"];

/// Calls `f` on every inline of `inlines` (depth first, in reading order) that mentions a
/// register entry ([`Inline::register_key`]). A name nested in a mention is the mention's
/// words, not a second mention: `[[Некрасову]{.person key="9649"}]{person=nekrasov}` is one
/// mention of `nekrasov`.
pub fn visit_mentions<'a>(
    inlines: &'a [Inline],
    f: &mut impl FnMut(&'a Inline, MentionKind, &'a str),
) {
    visit_mentions_in(inlines, false, f)
}

fn visit_mentions_in<'a>(
    inlines: &'a [Inline],
    in_mention: bool,
    f: &mut impl FnMut(&'a Inline, MentionKind, &'a str),
) {
    for inline in inlines {
        let counted = match inline.register_key() {
            Some(_) if in_mention && matches!(inline, Inline::Name { .. }) => None,
            found => found,
        };
        if let Some((kind, key)) = counted {
            f(inline, kind, key);
        }
        let mention = in_mention || matches!(inline, Inline::Mention { .. });
        visit_mentions_in(inline.children(), mention, f);
    }
}

/// The characters of inline content with all marks dropped: what a reader sees of the words,
/// without editorial brackets. Used for word lists, search text and metadata.
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    fn walk(inlines: &[Inline], out: &mut String) {
        for inline in inlines {
            match inline {
                Inline::Text(s) => out.push_str(s),
                Inline::LineBreak => out.push(' '),
                other => walk(other.children(), out),
            }
        }
    }
    walk(inlines, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Inline {
        Inline::Text(s.into())
    }

    #[test]
    fn plain_text_stays_as_typed() {
        let src = r#"Товарищи, "возлагать надежды" - 2-3 года... 10:30:00 --"#;
        assert_eq!(parse(src).unwrap(), vec![t(src)]);
    }

    #[test]
    fn block_syntax_at_line_start_is_text() {
        for src in [
            "1. Слушали",
            "- позор",
            "# 5",
            "> цитата",
            "Первая строка\n- вторая",
            "Первая\n1. вторая",
            "| a |",
            ": b",
        ] {
            let plain = plain_text(&parse(src).unwrap());
            assert_eq!(plain, src.replace('\n', " "), "{src:?}");
        }
    }

    #[test]
    fn marks_map_to_inlines() {
        let got = parse("_под_ *раз* {-del-} {+ins+}{place=margin hand=\"Сталина\"} Ст{=алин=} [x]{.unclear} []{.gap} [a]{.sic}[^n1] ^1^").unwrap();
        assert_eq!(
            got,
            vec![
                Inline::Underline {
                    double: false,
                    content: vec![t("под")]
                },
                t(" "),
                Inline::Spaced(vec![t("раз")]),
                t(" "),
                Inline::Deleted(vec![t("del")]),
                t(" "),
                Inline::Inserted {
                    place: InsertPlace::Margin,
                    hand: Some("Сталина".into()),
                    content: vec![t("ins")]
                },
                t(" Ст"),
                Inline::Supplied(vec![t("алин")]),
                t(" "),
                Inline::Unclear(vec![t("x")]),
                t(" "),
                Inline::Gap(None),
                t(" "),
                Inline::Sic(vec![t("a")]),
                Inline::NoteRef("n1".into()),
                t(" "),
                Inline::Superscript(vec![t("1")]),
            ]
        );
    }

    #[test]
    fn double_underline_hand_and_breaks() {
        assert_eq!(
            parse("_a_{.double} [b]{hand=\"X\"}\\\nc\\ d").unwrap(),
            vec![
                Inline::Underline {
                    double: true,
                    content: vec![t("a")]
                },
                t(" "),
                Inline::Hand {
                    hand: "X".into(),
                    content: vec![t("b")]
                },
                Inline::LineBreak,
                t("c\u{a0}d"),
            ]
        );
        assert_eq!(
            parse("[2 слова неразб.]{.gap}").unwrap(),
            vec![Inline::Gap(Some("2 слова неразб.".into()))]
        );
    }

    #[test]
    fn errors_name_the_snippet_and_the_choices() {
        let e = parse("слово [x]{.foo} дальше").unwrap_err();
        assert!(e.message.contains("unknown class `.foo`"), "{e}");
        assert!(e.message.contains(".unclear"), "{e}");
        assert_eq!(e.snippet, ".foo", "{e:?}");

        let e = parse("see [site](http://x)").unwrap_err();
        assert!(e.message.contains("a link"), "{e}");

        let e = parse("a\n\nb").unwrap_err();
        assert!(e.message.contains("blank line"), "{e}");

        let e = parse("{+x+}{place=top}").unwrap_err();
        assert!(e.message.contains("above, below, margin, inline"), "{e}");

        let e = parse("[x]{colour=red}").unwrap_err();
        assert!(e.message.contains("unknown attribute `colour`"), "{e}");
    }

    #[test]
    fn mentions_of_persons_and_places() {
        assert_eq!(
            parse("[т.Сталина]{person=stalin-i-v} в [Кустанай]{place=kustanai}").unwrap(),
            vec![
                Inline::Mention {
                    kind: MentionKind::Person,
                    key: "stalin-i-v".into(),
                    content: vec![t("т.Сталина")]
                },
                t(" в "),
                Inline::Mention {
                    kind: MentionKind::Place,
                    key: "kustanai".into(),
                    content: vec![t("Кустанай")]
                },
            ]
        );
        // On an insertion `place` is still where it stands; a mention nests inside.
        assert_eq!(
            parse("{+[Омск]{place=omsk}+}{place=margin}").unwrap(),
            vec![Inline::Inserted {
                place: InsertPlace::Margin,
                hand: None,
                content: vec![Inline::Mention {
                    kind: MentionKind::Place,
                    key: "omsk".into(),
                    content: vec![t("Омск")]
                }]
            }]
        );
        // A class and a mention: the mention wraps the marked words.
        assert_eq!(
            parse("[Сталын]{.sic person=stalin}").unwrap(),
            vec![Inline::Mention {
                kind: MentionKind::Person,
                key: "stalin".into(),
                content: vec![Inline::Sic(vec![t("Сталын")])]
            }]
        );
        let e = parse("[x]{person=a place=b}").unwrap_err();
        assert!(e.message.contains("not both a person and a place"), "{e}");
        let e = parse("{+x+}{place=kustanai}").unwrap_err();
        assert!(e.message.contains("unknown place `kustanai`"), "{e}");
    }

    #[test]
    fn names_with_a_key_count_as_mentions_and_nest_with_them() {
        let keys = |src: &str| {
            let inlines = parse(src).unwrap();
            let mut out = vec![];
            visit_mentions(&inlines, &mut |_, kind, key| {
                out.push((kind, key.to_string()))
            });
            out
        };
        // A person's or place's name with a key is a mention; other names and a name
        // without a key are not.
        assert_eq!(
            keys("[Некрасову]{.person key=\"9649\"} в [Омск]{.place key=omsk} [ЦК]{.org key=ck} [Х]{.person}"),
            vec![
                (MentionKind::Person, "9649".to_string()),
                (MentionKind::Place, "omsk".to_string())
            ]
        );
        // A name inside a mention is the mention's words: one mention, of the mention's key.
        let nested = "[[Некрасову]{.person key=\"9649\"}]{person=nekrasov}";
        assert_eq!(
            parse(nested).unwrap(),
            vec![Inline::Mention {
                kind: MentionKind::Person,
                key: "nekrasov".into(),
                content: vec![Inline::Name {
                    kind: NameKind::Person,
                    key: Some("9649".into()),
                    content: vec![t("Некрасову")]
                }]
            }]
        );
        assert_eq!(
            keys(nested),
            vec![(MentionKind::Person, "nekrasov".to_string())]
        );
        // One span may carry both: the mention wraps the name; a language wraps them.
        assert_eq!(
            parse("[Paris]{.place key=p place=paris lang=fr}").unwrap(),
            vec![Inline::Foreign {
                lang: "fr".into(),
                content: vec![Inline::Mention {
                    kind: MentionKind::Place,
                    key: "paris".into(),
                    content: vec![Inline::Name {
                        kind: NameKind::Place,
                        key: Some("p".into()),
                        content: vec![t("Paris")]
                    }]
                }]
            }]
        );
    }

    #[test]
    fn unclosed_delimiters_are_errors_and_escapes_are_text() {
        for (src, code, at) in [
            ("слово _сегодня я", Code::UnclosedMarkup, 11),
            ("{-сегодня", Code::UnclosedMarkup, 0),
            ("[слово]{.unclear дальше", Code::UnclosedMarkup, 0),
            ("a ]b", Code::UnclosedMarkup, 2),
        ] {
            let e = parse(src).unwrap_err();
            assert_eq!((e.code, e.span.start), (code, at), "{src}: {e:?}");
        }
        let e = parse("x [a]{.s\u{456}c}").unwrap_err();
        assert_eq!(e.code, Code::UnknownClass);
        assert_eq!(&"x [a]{.s\u{456}c}"[e.span.clone()], ".s\u{456}c");
        assert!(e.hint.unwrap().contains("did you mean `.sic`?"));
        assert_eq!(
            plain_text(&parse("\\{+ a \\_ b \\* \\[c\\]").unwrap()),
            "{+ a _ b * [c]"
        );
        let e = MarkupError::new(Code::UnknownClass, "m".into(), "abc", 1..2).with_hint("h");
        assert_eq!(
            MarkupError::from_serde(&e.to_serde()),
            Some((
                Code::UnknownClass,
                "inline markup: m".into(),
                Some("h".into()),
                1..2
            ))
        );
    }
}

//! The register: the persons and places a volume or a document mentions, each under a key
//! that text points to (`[т.Сталина]{person=stalin-i-v}`), with the form the index prints.
//!
//! A register lives in its own file (TOML or JSON, named in the volume manifest as
//! `persons = "persons.toml"` and `places = "places.toml"`) or inside a document
//! (`[[register.persons]]`). [`check`] validates the mentions of documents against it:
//! an unknown key is an error with its position and the nearest key; an entry never
//! mentioned is a warning. docs/format.md and docs/volumes.md describe both.

use crate::diag::{Code, Diagnostic, Error};
use crate::markup::{Inline, MentionKind};
use crate::model::Document;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::path::Path;

/// The persons and places of a register.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Register {
    /// The persons, for the name index (именной указатель).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub persons: Vec<Entry>,
    /// The places, for the place index (географический указатель).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<Entry>,
}

/// One person or place of the register.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The key mentions point to ("stalin-i-v"): letters, digits, `-`, `_`, `.`.
    pub key: String,
    /// The index form, as the index prints it: "Сталин (Джугашвили) Иосиф Виссарионович
    /// (1878–1953) — генеральный секретарь ЦК ВКП(б)".
    pub name: String,
    /// Other forms of the name, each printed in the index as a cross-reference
    /// ("Джугашвили И. В. — см. Сталин И. В.").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<String>,
    /// A note printed after the index form (an office, a date, a later name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The form to sort by, when not the index form without its parentheses and
    /// description ("Сталин Иосиф Виссарионович").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort: Option<String>,
}

impl Entry {
    /// The short form cross-references point to: the index form without parentheses and
    /// without the description after " — " ("Сталин Иосиф Виссарионович").
    pub fn short_name(&self) -> String {
        short_form(&self.name)
    }

    /// The text the entry is sorted by.
    pub fn sort_text(&self) -> String {
        self.sort.clone().unwrap_or_else(|| self.short_name())
    }
}

/// A name without its parenthesised parts and without the description after " — ".
pub fn short_form(name: &str) -> String {
    let head = name.split(" — ").next().unwrap_or(name);
    let mut out = String::new();
    let mut depth = 0usize;
    for c in head.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Register {
    /// The entries of one kind.
    pub fn entries(&self, kind: MentionKind) -> &[Entry] {
        match kind {
            MentionKind::Person => &self.persons,
            MentionKind::Place => &self.places,
        }
    }

    /// The entry of a kind with a key.
    pub fn find(&self, kind: MentionKind, key: &str) -> Option<&Entry> {
        self.entries(kind).iter().find(|e| e.key == key)
    }

    /// Whether the register has no entries.
    pub fn is_empty(&self) -> bool {
        self.persons.is_empty() && self.places.is_empty()
    }

    /// Adds the entries of another register (a document's own to a volume's).
    pub fn extend(&mut self, other: &Register) {
        for e in &other.persons {
            if self.find(MentionKind::Person, &e.key).is_none() {
                self.persons.push(e.clone());
            }
        }
        for e in &other.places {
            if self.find(MentionKind::Place, &e.key).is_none() {
                self.places.push(e.clone());
            }
        }
    }
}

/// The word a register file or a message uses for a kind.
pub fn kind_word(kind: MentionKind) -> &'static str {
    match kind {
        MentionKind::Person => "person",
        MentionKind::Place => "place",
    }
}

/// Register files: fields documented in docs/volumes.md; no content blocks.
const REGISTER: crate::read::Context = crate::read::Context {
    docs: "docs/volumes.md",
    blocks: false,
};

/// Places `d` at the first of `needles` found in `text` (its `nth` occurrence, else its
/// first), or leaves it at the file.
fn located(d: Diagnostic, text: &str, needles: &[String], nth: usize) -> Diagnostic {
    let span = needles.iter().find_map(|n| {
        text.match_indices(n.as_str())
            .nth(nth)
            .or_else(|| text.match_indices(n.as_str()).next())
            .map(|(o, _)| o..o + n.len())
    });
    match span {
        Some(span) => d.at_span(&std::sync::Arc::from(text), span),
        None => d,
    }
}

/// Reads a register file (TOML or JSON by extension) and checks its keys.
pub fn load(path: &Path) -> Result<Register, Error> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|e| Error::Output(format!("cannot read the register {name}: {e}")))?;
    let source = crate::read::SourceText::new(&name, &text);
    let parsed = match crate::read::Syntax::of(path) {
        Some(crate::read::Syntax::Json) => {
            serde_json::from_str(&text).map_err(|e| crate::read::locate_json(&source, &e, REGISTER))
        }
        _ => toml::from_str(&text).map_err(|e| crate::read::locate_toml(&source, &e, REGISTER)),
    };
    let register: Register = parsed.map_err(|mut d| {
        if matches!(
            d.code,
            Code::UnknownField | Code::MissingField | Code::WrongType
        ) {
            d.code = Code::RegisterSyntax;
        }
        Error::Invalid(vec![d])
    })?;
    let problems = check_keys(&register, &text, &name);
    if problems.is_empty() {
        Ok(register)
    } else {
        Err(Error::Invalid(problems))
    }
}

/// Errors in the register itself: an unsafe or repeated key, an empty name.
pub fn check_keys(register: &Register, text: &str, file: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for kind in [MentionKind::Person, MentionKind::Place] {
        let mut seen = BTreeSet::new();
        for (i, e) in register.entries(kind).iter().enumerate() {
            let nth = register.entries(kind)[..i]
                .iter()
                .filter(|x| x.key == e.key)
                .count();
            let mut err = |message: String, hint: &str| {
                out.push(located(
                    Diagnostic::error(Code::BadRegisterEntry, file, message).hint(hint.to_string()),
                    text,
                    &key_needles(&e.key),
                    nth,
                ))
            };
            if !crate::read::is_safe_id(&e.key) {
                err(
                    format!(
                        "the {} key `{}` (entry {}) is not a plain key",
                        kind_word(kind),
                        e.key,
                        i + 1
                    ),
                    "keys use letters, digits, `-`, `_` and `.`, as in \"stalin-i-v\"",
                );
            } else if !seen.insert(e.key.as_str()) {
                err(
                    format!("the {} key `{}` is used twice", kind_word(kind), e.key),
                    "every entry needs a key of its own",
                );
            }
            if e.name.trim().is_empty() {
                err(
                    format!("the {} `{}` has an empty name", kind_word(kind), e.key),
                    "write the index form of the name, as in \"Сталин Иосиф Виссарионович\"",
                );
            }
        }
    }
    out
}

fn key_needles(key: &str) -> Vec<String> {
    vec![
        format!("key = \"{key}\""),
        format!("key = '{key}'"),
        format!("\"key\": \"{key}\""),
        format!("\"{key}\""),
    ]
}

/// Every mention of a text, in order: kind and key.
pub fn mentions_in(inlines: &[Inline], out: &mut Vec<(MentionKind, String)>) {
    crate::markup::visit_mentions(inlines, &mut |_, kind, key| {
        out.push((kind, key.to_string()))
    });
}

/// Every mention of a document, text and metadata: the authors and addressees with a key
/// are mentions of persons.
pub fn mentions_of(doc: &Document) -> Vec<(MentionKind, String)> {
    let mut out = Vec::new();
    for p in doc.authors.iter().chain(&doc.addressees) {
        if let Some(k) = &p.key {
            out.push((MentionKind::Person, k.clone()));
        }
    }
    for (_, text) in doc.texts() {
        mentions_in(text.inlines(), &mut out);
    }
    out
}

/// One document to check: the document, its source text and its file name.
pub struct Checked<'a> {
    /// The document.
    pub document: &'a Document,
    /// Its file's text, to locate the mentions.
    pub text: &'a str,
    /// Its file's name, for the diagnostics.
    pub file: &'a str,
}

/// Checks every mention of `docs` against `register`: an unknown key is an error (at the
/// mention, with the nearest key); an entry of the register no document mentions is a
/// warning, located in `register_text` of `register_file`.
pub fn check(
    register: &Register,
    docs: &[Checked],
    register_source: Option<(&str, &str)>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut used: BTreeSet<(MentionKind, String)> = BTreeSet::new();
    for d in docs {
        let mut count: std::collections::BTreeMap<(MentionKind, String), usize> =
            Default::default();
        for (kind, key) in mentions_of(d.document) {
            let n = count.entry((kind, key.clone())).or_default();
            *n += 1;
            if register.find(kind, &key).is_some() {
                used.insert((kind, key));
                continue;
            }
            let word = kind_word(kind);
            let needles = vec![
                format!("{word}={key}"),
                format!("{word}=\"{key}\""),
                format!("{word}=\\\"{key}\\\""),
                format!("key = \"{key}\""),
                format!("\"key\": \"{key}\""),
                // A name's key: `.person key="9649"`, in a basic or a literal string.
                format!("key=\\\"{key}\\\""),
                format!("key=\"{key}\""),
                format!("key={key}"),
            ];
            let nearest = crate::diag::suggest::nearest(
                &key,
                register.entries(kind).iter().map(|e| e.key.as_str()),
            );
            out.push(located(
                Diagnostic::error(
                    Code::UnknownEntry,
                    d.file,
                    format!("mention of a {word} `{key}` that is not in the register"),
                )
                .hint(match nearest {
                    Some(n) => format!("did you mean `{n}`?"),
                    None => format!(
                        "add it to the register's [[{word}s]] with key = \"{key}\" and its name"
                    ),
                }),
                d.text,
                &needles,
                *n - 1,
            ));
        }
    }
    if let Some((text, file)) = register_source {
        out.extend(unmentioned(register, &used, &[(file, text)]));
    }
    out
}

/// A warning for every entry of `register` not in `mentioned`, in whichever of `files`
/// (name and text) holds it.
pub fn unmentioned(
    register: &Register,
    mentioned: &BTreeSet<(MentionKind, String)>,
    files: &[(&str, &str)],
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for kind in [MentionKind::Person, MentionKind::Place] {
        for e in register.entries(kind) {
            if mentioned.contains(&(kind, e.key.clone())) {
                continue;
            }
            let needles = key_needles(&e.key);
            let Some((file, text)) = files
                .iter()
                .find(|(_, t)| needles[..3].iter().any(|n| t.contains(n.as_str())))
            else {
                continue;
            };
            out.push(located(
                Diagnostic::warning(
                    Code::UnmentionedEntry,
                    *file,
                    format!(
                        "the {} `{}` of the register is never mentioned",
                        kind_word(kind),
                        e.key
                    ),
                )
                .hint(format!(
                    "mention it as [name]{{{}={}}} where it is named, or remove it",
                    kind_word(kind),
                    e.key
                )),
                text,
                &needles,
                0,
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_form_drops_parentheses_and_description() {
        assert_eq!(
            short_form("Сталин (Джугашвили) Иосиф Виссарионович (1878–1953) — генеральный секретарь ЦК ВКП(б)"),
            "Сталин Иосиф Виссарионович"
        );
        assert_eq!(short_form("Кустанай (ныне Костанай)"), "Кустанай");
    }
}

//! The reading an edition prints of each choice: the original's (pre-reform spelling, the
//! abbreviation, the error as written) or the editor's (modern spelling, expansion,
//! correction), as the style's `spelling` says. Writers receive documents with every
//! [`Inline::Choice`] already resolved, so none of them has to know about choices.

use crate::markup::Inline;
use crate::markup_write;
use crate::model::Document;
use crate::style::Spelling;
use std::borrow::Cow;

/// `doc` with each choice replaced by the chosen reading; borrowed when it has none.
pub fn choose(doc: &Document, spelling: Spelling) -> Cow<'_, Document> {
    if !doc.texts().iter().any(|(_, t)| has_choice(t.inlines())) {
        return Cow::Borrowed(doc);
    }
    Cow::Owned(doc.map_texts(|t| {
        if has_choice(t.inlines()) {
            markup_write::text(&resolve(t.inlines(), spelling))
        } else {
            t.clone()
        }
    }))
}

/// Whether any choice is in `inlines`.
pub fn has_choice(inlines: &[Inline]) -> bool {
    inlines.iter().any(|i| match i {
        Inline::Choice { .. } => true,
        other => has_choice(other.children()),
    })
}

/// The inlines with every choice replaced by its chosen reading.
pub fn resolve(inlines: &[Inline], spelling: Spelling) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(inlines.len());
    for inline in inlines {
        let mapped = match inline {
            Inline::Choice {
                original,
                regularized,
            } => {
                let chosen = match spelling {
                    Spelling::Original => original,
                    Spelling::Regularized => regularized,
                };
                for i in resolve(chosen, spelling) {
                    push(&mut out, i);
                }
                continue;
            }
            other => map_children(other, |c| resolve(c, spelling)),
        };
        push(&mut out, mapped);
    }
    out
}

fn push(out: &mut Vec<Inline>, inline: Inline) {
    if let (Some(Inline::Text(a)), Inline::Text(b)) = (out.last_mut(), &inline) {
        a.push_str(b);
    } else {
        out.push(inline);
    }
}

/// The same mark with its content mapped by `f`.
fn map_children(inline: &Inline, f: impl Fn(&[Inline]) -> Vec<Inline>) -> Inline {
    match inline {
        Inline::Underline { double, content } => Inline::Underline {
            double: *double,
            content: f(content),
        },
        Inline::Spaced(c) => Inline::Spaced(f(c)),
        Inline::Deleted(c) => Inline::Deleted(f(c)),
        Inline::Inserted {
            place,
            hand,
            content,
        } => Inline::Inserted {
            place: *place,
            hand: hand.clone(),
            content: f(content),
        },
        Inline::Unclear(c) => Inline::Unclear(f(c)),
        Inline::Supplied(c) => Inline::Supplied(f(c)),
        Inline::Sic(c) => Inline::Sic(f(c)),
        Inline::Italic(c) => Inline::Italic(f(c)),
        Inline::Bold(c) => Inline::Bold(f(c)),
        Inline::Superscript(c) => Inline::Superscript(f(c)),
        Inline::Subscript(c) => Inline::Subscript(f(c)),
        Inline::Hand { hand, content } => Inline::Hand {
            hand: hand.clone(),
            content: f(content),
        },
        Inline::Choice {
            original,
            regularized,
        } => Inline::Choice {
            original: f(original),
            regularized: f(regularized),
        },
        Inline::Name { kind, key, content } => Inline::Name {
            kind: *kind,
            key: key.clone(),
            content: f(content),
        },
        Inline::Foreign { lang, content } => Inline::Foreign {
            lang: lang.clone(),
            content: f(content),
        },
        Inline::Mention { kind, key, content } => Inline::Mention {
            kind: *kind,
            key: key.clone(),
            content: f(content),
        },
        Inline::Text(_) | Inline::Gap(_) | Inline::NoteRef(_) | Inline::LineBreak => inline.clone(),
    }
}

//! Inline markup as styled pieces, per the style's conventions for each mark; the
//! no-break binding this edition applies to every piece.

use super::{Composer, Ctx};
use crate::layout::font::{DOUBLE, STRIKE, UNDERLINE};
use crate::layout::para::{Piece, Sty};
use crate::layout::structure::{self, Role};
use crate::markup::Inline;
use crate::shared;
use crate::style::{DeletedDisplay, InsertedDisplay, UnderlineDisplay};

impl Composer<'_> {
    /// A node for an inline part under the text it stands in; its style carries it.
    pub(super) fn inline_node(&mut self, role: Role, sty: Sty) -> Sty {
        let parent = if sty.node == structure::ARTIFACT {
            self.node
        } else {
            sty.node
        };
        Sty {
            node: self.tree.push(role, parent),
            ..sty
        }
    }

    /// A node for letter-spaced words, which readers take letter by letter from the page:
    /// its /ActualText gives them the words.
    fn spaced_node(&mut self, content: &[Inline], sty: Sty) -> Sty {
        let sty = self.inline_node(Role::Spaced, sty);
        if let Some(n) = self.tree.get_mut(sty.node) {
            n.actual = Some(crate::markup::plain_text(content).replace('\u{a0}', " "));
        }
        sty
    }

    /// A node for words the edition adds inside the transcription, in the apparatus's
    /// language where it is not the document's; `expanded`: what an abbreviation among
    /// them stands for, read out instead of it.
    pub(super) fn apparatus_node(&mut self, sty: Sty, ctx: &Ctx, expanded: Option<&str>) -> Sty {
        let sty = self.inline_node(Role::Apparatus, sty);
        if let Some(n) = self.tree.get_mut(sty.node) {
            n.lang = ctx.apparatus.map(str::to_string);
            n.expanded = expanded.map(str::to_string);
        }
        sty
    }

    /// Inline content as styled pieces, per the style's conventions for each mark.
    pub(super) fn pieces(&mut self, inlines: &[Inline], sty: Sty, ctx: &mut Ctx) -> Vec<Piece> {
        let mut out = Vec::new();
        self.walk(inlines, sty, ctx, &mut out);
        out
    }

    pub(super) fn walk(
        &mut self,
        inlines: &[Inline],
        sty: Sty,
        ctx: &mut Ctx,
        out: &mut Vec<Piece>,
    ) {
        for inline in inlines {
            match inline {
                // A walk that only counts nodes needs no text (binding is a tenth of a PDF's
                // work).
                Inline::Text(_) if self.counting => out.push(piece("", sty)),
                Inline::Text(t) => out.push(Piece {
                    text: shared::typography::bind(&shared::typography::strip_invisible(t)),
                    sty,
                    notes: vec![],
                    anchor: None,
                }),
                // A name with a register key counts as a mention (shared::index).
                Inline::Mention { content, .. } | Inline::Name { content, .. } => {
                    let start = out.len();
                    self.walk(content, sty, ctx, out);
                    let ordinal = ctx.mentions.of_span(inline);
                    if let Some(p) = out[start..].iter_mut().find(|p| !p.text.is_empty()) {
                        p.anchor = p.anchor.or(ordinal);
                    }
                }
                Inline::Underline { double, content } => {
                    let s = match self.style.inline.underline {
                        UnderlineDisplay::Italic => Sty {
                            italic: !sty.italic,
                            ..sty
                        },
                        UnderlineDisplay::Underline => Sty {
                            deco: sty.deco | if *double { DOUBLE } else { UNDERLINE },
                            ..sty
                        },
                        UnderlineDisplay::Spaced => Sty {
                            spacing: 0.2,
                            ..self.spaced_node(content, sty)
                        },
                    };
                    // A double underline shown in italic is bold italic, so it stays apart.
                    let s = if *double && self.style.inline.underline == UnderlineDisplay::Italic {
                        Sty { bold: true, ..s }
                    } else {
                        s
                    };
                    self.walk(content, s, ctx, out);
                }
                Inline::Spaced(content) => {
                    let sty = self.spaced_node(content, sty);
                    self.walk(
                        content,
                        Sty {
                            spacing: 0.2,
                            ..sty
                        },
                        ctx,
                        out,
                    )
                }
                // Reported in a textual note instead ("Зачёркнуто: …"), whose reference
                // follows.
                Inline::Deleted(_) if self.style.inline.deleted == DeletedDisplay::Note => {}
                Inline::Deleted(content) => {
                    // A screen reader says the words are struck out, then reads them.
                    let sty = self.inline_node(Role::Deleted, sty);
                    if let Some(n) = self.tree.get_mut(sty.node) {
                        let words = crate::markup::plain_text(content);
                        n.alt = Some(format!("{}: {words}", ctx.labels.deleted));
                    }
                    match self.style.inline.deleted {
                        DeletedDisplay::Strike => self.walk(
                            content,
                            Sty {
                                deco: sty.deco | STRIKE,
                                ..sty
                            },
                            ctx,
                            out,
                        ),
                        DeletedDisplay::Brackets | DeletedDisplay::Note => {
                            out.push(piece("‹", sty));
                            self.walk(content, sty, ctx, out);
                            out.push(piece("›", sty));
                        }
                    }
                }
                Inline::Inserted { content, .. }
                    if self.style.inline.inserted == InsertedDisplay::Slashes =>
                {
                    out.push(piece("\\", sty));
                    self.walk(content, sty, ctx, out);
                    out.push(piece("/", sty));
                }
                Inline::Inserted { content, .. }
                | Inline::Sic(content)
                | Inline::Hand { content, .. }
                | Inline::Choice {
                    original: content, ..
                } => self.walk(content, sty, ctx, out),
                Inline::Foreign { lang, content } => {
                    // Read in its own language.
                    let sty = self.inline_node(Role::Foreign, sty);
                    if let Some(n) = self.tree.get_mut(sty.node) {
                        n.lang = Some(lang.clone());
                    }
                    self.walk(content, sty, ctx, out)
                }
                Inline::Unclear(content) => {
                    self.walk(content, sty, ctx, out);
                    out.push(piece("[?]", sty));
                }
                Inline::Gap(desc) => {
                    // The editor's words: "[неразб.]", read as "неразборчиво".
                    let expanded = desc.is_none().then_some(ctx.labels.illegible_expanded);
                    let sty = self.apparatus_node(sty, ctx, expanded);
                    out.push(piece(
                        &shared::gap_text(desc.as_deref(), ctx.labels),
                        Sty {
                            italic: !sty.italic,
                            ..sty
                        },
                    ))
                }
                Inline::Supplied(content) => {
                    out.push(piece("[", Sty { deco: 0, ..sty }));
                    self.walk(content, sty, ctx, out);
                    out.push(piece("]", Sty { deco: 0, ..sty }));
                }
                Inline::NoteRef(id) => {
                    if let Some(n) = ctx.numbers.of_note(id) {
                        let sty = self.inline_node(Role::NoteRef(n), sty);
                        self.note_ref_node(n, sty.node);
                        out.push(note_piece(n, ctx.numbers.mark(n), sty));
                    }
                }
                Inline::LineBreak => out.push(piece("\n", sty)),
                // Italic inside italic (a mark) is set upright, as a compositor does.
                Inline::Italic(content) => self.walk(
                    content,
                    Sty {
                        italic: !sty.italic,
                        ..sty
                    },
                    ctx,
                    out,
                ),
                Inline::Bold(content) => self.walk(content, Sty { bold: true, ..sty }, ctx, out),
                Inline::Superscript(content) => self.walk(
                    content,
                    Sty {
                        scale: sty.scale * 0.7,
                        rise: sty.rise + 0.33,
                        ..sty
                    },
                    ctx,
                    out,
                ),
                Inline::Subscript(content) => self.walk(
                    content,
                    Sty {
                        scale: sty.scale * 0.7,
                        rise: sty.rise - 0.15,
                        ..sty
                    },
                    ctx,
                    out,
                ),
            }
            if let Some(n) = ctx.numbers.of_span(inline) {
                let sty = self.inline_node(Role::NoteRef(n), sty);
                self.note_ref_node(n, sty.node);
                out.push(note_piece(n, ctx.numbers.mark(n), sty));
            }
        }
    }
}

pub(super) fn piece(s: &str, sty: Sty) -> Piece {
    Piece {
        text: if s == "\n" {
            s.to_string()
        } else {
            shared::typography::bind(s)
        },
        sty,
        notes: vec![],
        anchor: None,
    }
}

/// The superscript mark ("а", "1") of the reference to note `n`.
pub(super) fn note_piece(n: usize, mark: &str, sty: Sty) -> Piece {
    Piece {
        text: mark.to_string(),
        sty: Sty {
            scale: sty.scale * 0.65,
            rise: sty.rise + 0.38,
            spacing: 0.0,
            deco: 0,
            ..sty
        },
        notes: vec![n],
        anchor: None,
    }
}

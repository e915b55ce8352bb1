//! A volume's front matter: title page, contents, preface and list of abbreviations.

use super::elems::{keep_lines, stack, stamp};
use super::inline::piece;
use super::{hyphenation_language, Composer, Ctx};
use crate::layout::para::{Align, Frame, Sty};
use crate::layout::structure::{NodeId, Role};
use crate::layout::{Bookmark, Elem, Item, Page};
use crate::markup::Inline;
use crate::shared::{Labels, NoteNumbers};

/// The front matter of a volume, as the title page prints it.
pub struct Front<'a> {
    /// Title of the volume.
    pub title: &'a str,
    /// Subtitle.
    pub subtitle: Option<&'a str>,
    /// Editors (compilers).
    pub editors: &'a [String],
    /// Publisher.
    pub publisher: Option<&'a str>,
    /// Year of publication.
    pub year: Option<&'a str>,
    /// Language of the apparatus.
    pub language: &'a str,
}

impl Composer<'_> {
    pub(super) fn front_ctx(&self, language: &str) -> Ctx<'static> {
        Ctx {
            numbers: NoteNumbers::default(),
            mentions: Default::default(),
            labels: Labels::of(language, self.style),
            apparatus: None,
            lang: None,
            place: "volume".into(),
            missing: Vec::new(),
            loose: Vec::new(),
            cut: Vec::new(),
        }
    }

    /// A volume's title page: title, subtitle and editors centred in the upper third,
    /// publisher and year at the foot; no page number.
    pub fn title_page(&mut self, front: &Front) {
        let mut ctx = self.front_ctx(front.language);
        self.tree_language(front.language);
        let outer = self.open(Role::TitlePage);
        let heading = self.heading_node(1, front.title);
        let bold = Sty {
            bold: true,
            ..Sty::PLAIN
        };
        let mut flow = Vec::new();
        let big = self.size * 1.6;
        let title = self.pieces(&[Inline::Text(front.title.to_string())], bold, &mut ctx);
        let frame = Frame {
            size: big,
            leading: big * 1.25,
            ..self.frame(Align::Center, false)
        };
        flow.push(stack(self.para(&title, frame, &mut ctx)));
        self.close(heading);
        let rest = self.open(Role::FrontParagraph);
        if let Some(s) = front.subtitle {
            let mut e = self.line_of(
                &[piece(s, Sty::PLAIN)],
                Align::Center,
                self.size * 1.15,
                &mut ctx,
            );
            e.gap = self.leading;
            flow.push(e);
        }
        if !front.editors.is_empty() {
            let mut e = self.line_of(
                &[piece(
                    &front.editors.join(", "),
                    Sty {
                        italic: true,
                        ..Sty::PLAIN
                    },
                )],
                Align::Center,
                self.size,
                &mut ctx,
            );
            e.gap = self.leading * 2.0;
            flow.push(e);
        }
        let mut page = Page {
            width: self.page_w,
            height: self.page_h,
            document: self.documents,
            ..Page::default()
        };
        let mut y = self.top + (self.page_h - self.top - self.bottom) * 0.25;
        for (k, e) in flow.iter().enumerate() {
            if k > 0 {
                y += e.gap;
            }
            for it in &e.items {
                let mut it = it.clone();
                it.shift(y);
                page.items.push(it);
            }
            y += e.h;
        }
        let foot: Vec<&str> = [front.publisher, front.year]
            .into_iter()
            .flatten()
            .collect();
        if !foot.is_empty() {
            let e = self.line_of(
                &[piece(&foot.join(", "), Sty::PLAIN)],
                Align::Center,
                self.size,
                &mut ctx,
            );
            for it in &e.items {
                let mut it = it.clone();
                it.shift(self.page_h - self.bottom - e.h);
                page.items.push(it);
            }
        }
        self.close(rest);
        self.close(outer);
        self.bookmarks.push(Bookmark {
            title: front.title.to_string(),
            page: self.pages.len(),
            y: self.top,
        });
        self.pages.push(page);
    }

    /// A table of contents from a new page: each entry's title, its page number flush
    /// right on the entry's last line.
    pub fn contents(&mut self, entries: &[(String, usize)], volume_title: &str, language: &str) {
        let mut ctx = self.front_ctx(language);
        let labels = ctx.labels;
        self.head = (volume_title.to_string(), labels.contents.to_string());
        self.bookmarks.push(Bookmark {
            title: labels.contents.to_string(),
            page: self.pages.len(),
            y: self.top,
        });
        self.tree_language(language);
        let mut flow = Vec::new();
        let heading = self.heading_node(1, labels.contents);
        let mut head = self.line_of(
            &[piece(
                labels.contents,
                Sty {
                    bold: true,
                    ..Sty::PLAIN
                },
            )],
            Align::Center,
            self.size * 1.2,
            &mut ctx,
        );
        head.h += self.leading;
        flow.push(head);
        self.close(heading);
        let toc = self.open(Role::Contents);
        for (title, page) in entries {
            let entry = self.open(Role::ContentsEntry);
            let p = self.pieces(&[Inline::Text(title.clone())], Sty::PLAIN, &mut ctx);
            let mut f = self.frame(Align::Left, false);
            f.width -= self.size * 3.0;
            f.rest_indent = self.size * 1.5;
            let mut e = stack(self.para(&p, f, &mut ctx));
            let last = e.items.iter().rev().find_map(|it| match it {
                Item::Text { y, .. } => Some(*y),
                _ => None,
            });
            if let Some(y) = last {
                let mut n =
                    self.text_right(&page.to_string(), self.left + self.measure, y, self.size);
                stamp(&mut n, self.node, false);
                e.items.push(n);
            }
            self.close(entry);
            e.gap = self.leading * 0.4;
            e.breakable = true;
            flow.push(e);
        }
        self.close(toc);
        self.paginate(flow, Vec::new(), false);
    }
}

impl Composer<'_> {
    /// A volume's preface from a new page: a centred heading, then justified paragraphs
    /// with their inline marks.
    pub fn preface(&mut self, paras: &[crate::markup::Text], volume_title: &str, language: &str) {
        let mut ctx = self.front_ctx(language);
        ctx.lang = hyphenation_language(language).filter(|_| self.style.pdf.hyphenate);
        let labels = ctx.labels;
        self.section_start(labels.preface, volume_title);
        let mut flow = vec![self.section_heading(labels.preface, &mut ctx)];
        for p in paras {
            let prev = self.open(Role::FrontParagraph);
            let pieces = self.pieces(p.inlines(), Sty::PLAIN, &mut ctx);
            let mut lines = self.para(&pieces, self.frame(Align::Justify, true), &mut ctx);
            self.close(prev);
            keep_lines(&mut lines);
            flow.extend(lines);
        }
        if let Some(e) = flow.get_mut(1) {
            e.breakable = false;
        }
        self.paginate(flow, Vec::new(), false);
    }

    /// A volume's list of abbreviations from a new page: each abbreviation, a dash, and
    /// what it stands for, later lines hanging.
    pub fn abbreviations(
        &mut self,
        list: &[(String, crate::markup::Text)],
        volume_title: &str,
        language: &str,
    ) {
        let mut ctx = self.front_ctx(language);
        let labels = ctx.labels;
        self.section_start(labels.abbreviations, volume_title);
        let mut flow = vec![self.section_heading(labels.abbreviations, &mut ctx)];
        for (short, full) in list {
            let prev = self.open(Role::FrontParagraph);
            let mut pieces = vec![piece(&format!("{short} — "), Sty::PLAIN)];
            pieces.extend(self.pieces(full.inlines(), Sty::PLAIN, &mut ctx));
            let mut f = self.frame(Align::Left, false);
            f.rest_indent = self.size * 1.5;
            let mut e = stack(self.para(&pieces, f, &mut ctx));
            self.close(prev);
            e.gap = self.leading * 0.2;
            flow.push(e);
        }
        if let Some(e) = flow.get_mut(1) {
            e.breakable = false;
        }
        self.paginate(flow, Vec::new(), false);
    }

    pub(super) fn section_start(&mut self, title: &str, volume_title: &str) {
        self.head = (volume_title.to_string(), title.to_string());
        self.bookmarks.push(Bookmark {
            title: title.to_string(),
            page: self.pages.len(),
            y: self.top,
        });
    }

    /// A line of bold text, centred: a heading.
    pub(super) fn bold_line(&mut self, text: &str, size: f32, ctx: &mut Ctx) -> Elem {
        let bold = Sty {
            bold: true,
            ..Sty::PLAIN
        };
        self.line_of(&[piece(text, bold)], Align::Center, size, ctx)
    }

    /// Opens a heading node of a level, titled; returns the node to go back to.
    pub(super) fn heading_node(&mut self, level: u16, title: &str) -> NodeId {
        let prev = self.open(Role::Heading(level));
        if let Some(n) = self.tree.get_mut(self.node) {
            n.title = Some(title.to_string());
        }
        prev
    }

    pub(super) fn section_heading(&mut self, title: &str, ctx: &mut Ctx) -> Elem {
        let heading = self.heading_node(1, title);
        let mut head = self.bold_line(title, self.size * 1.2, ctx);
        self.close(heading);
        head.h += self.leading;
        head
    }
}

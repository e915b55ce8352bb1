//! Single lines of text set at a given place: running heads, page and line numbers, the
//! page numbers of the contents.

use super::Composer;
use crate::layout::font::{shape, Glyph};
use crate::layout::para::{self, Align, Sty};
use crate::layout::Item;

impl Composer<'_> {
    pub(super) fn text_width(&self, s: &str, size: f32) -> f32 {
        let mut m = Vec::new();
        shape(self.fonts, s, 0, size, &mut m)
            .iter()
            .map(|g| g.advance)
            .sum()
    }

    pub(super) fn text_at(&self, s: &str, sty: Sty, x: f32, y: f32, size: f32) -> Item {
        let mut m = Vec::new();
        let glyphs = shape(self.fonts, s, sty.font(), size, &mut m);
        let refs: Vec<&Glyph> = glyphs.iter().collect();
        let e = para::set_line(self.fonts, &refs, x, y, 0.0, 0.0);
        e.items
            .into_iter()
            .next()
            .unwrap_or(Item::Text { y, glyphs: vec![] })
    }

    pub(super) fn text_right(&self, s: &str, right: f32, y: f32, size: f32) -> Item {
        let w = self.text_width(s, size);
        self.text_at(s, Sty::PLAIN, right - w, y, size)
    }

    /// One line of `s` in `width`, cut at a word with "…" when too wide.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn fit_line(
        &self,
        s: &str,
        sty: Sty,
        size: f32,
        x: f32,
        y: f32,
        width: f32,
        align: Align,
    ) -> Option<Item> {
        if s.is_empty() {
            return None;
        }
        let mut text = s.to_string();
        let mut m = Vec::new();
        loop {
            let glyphs = shape(self.fonts, &text, sty.font(), size, &mut m);
            let w: f32 = glyphs.iter().map(|g| g.advance).sum();
            if w <= width || !text.contains(' ') {
                let x0 = if align == Align::Right {
                    x + width - w
                } else {
                    x
                };
                let refs: Vec<&Glyph> = glyphs.iter().collect();
                return para::set_line(self.fonts, &refs, x0, y, 0.0, 0.0)
                    .items
                    .into_iter()
                    .next();
            }
            let cut = text
                .trim_end_matches('…')
                .rsplit_once(' ')
                .map(|(a, _)| a.to_string())?;
            text = format!("{}…", cut.trim_end_matches([',', '.', ' ']));
        }
    }
}

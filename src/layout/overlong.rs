//! Break points a paragraph needs beyond its spaces and hyphens, so that no text runs past
//! the margin and off the page: between CJK characters (where CJK text breaks anyway),
//! and inside a word wider than the line — after "/" (URLs, dates, shelf marks), "-", "_"
//! or "." where possible, and as a last resort anywhere, with a warning naming the word.
//!
//! One pass over the glyphs: linear in the length of the paragraph whatever its words.

use super::font::Cluster;
use super::font::Glyph;
use crate::shared::typography::is_cjk;

/// A break the paragraph may take before a glyph, without a hyphen.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PlainBreak {
    /// No break here beyond the usual.
    None,
    /// A break as good as a space: between CJK characters.
    Free,
    /// After a URL's "/" (or "-", "_", ".") in a word too wide for the line.
    Preferred,
    /// Anywhere, because nothing else makes the word fit.
    LastResort,
}

impl PlainBreak {
    /// The Knuth–Plass cost of breaking here.
    pub fn cost(self) -> f32 {
        match self {
            PlainBreak::None => super::breaking::INFINITY,
            PlainBreak::Free => 0.0,
            PlainBreak::Preferred => 100.0,
            PlainBreak::LastResort => 3000.0,
        }
    }
}

fn first_char(text: &Cluster) -> Option<char> {
    text.chars().next()
}

fn separates(text: &Cluster) -> bool {
    text.chars()
        .last()
        .is_some_and(|c| matches!(c, '/' | '-' | '_' | '.' | '\\' | '?' | '&' | '='))
}

/// The extra break before each glyph, and the words that had to be cut anywhere (their
/// first characters). `narrowest` is the narrowest line of the paragraph; a word (glyphs
/// between spaces and line breaks) no wider than it gets no extra break but CJK ones.
pub fn plain_breaks(glyphs: &[(Glyph, bool)], narrowest: f32) -> (Vec<PlainBreak>, Vec<String>) {
    let mut out = vec![PlainBreak::None; glyphs.len()];
    let mut cut = Vec::new();
    let is_gap = |g: &Glyph| g.text == " " || g.text == "\n";
    let mut start = 0;
    while start < glyphs.len() {
        if is_gap(&glyphs[start].0) {
            start += 1;
            continue;
        }
        let mut end = start;
        let mut width = 0.0;
        while end < glyphs.len() && !is_gap(&glyphs[end].0) {
            width += glyphs[end].0.advance;
            if end > start {
                let both_cjk = first_char(&glyphs[end - 1].0.text).is_some_and(is_cjk)
                    || first_char(&glyphs[end].0.text).is_some_and(is_cjk);
                if both_cjk {
                    out[end] = PlainBreak::Free;
                }
            }
            end += 1;
        }
        if width > narrowest && split_word(glyphs, start, end, narrowest, &mut out) {
            let word: String = glyphs[start..end.min(start + 40)]
                .iter()
                .map(|(g, _)| &*g.text)
                .collect();
            cut.push(word);
        }
        start = end;
    }
    (out, cut)
}

/// Adds breaks inside the word `start..end` so that no piece is wider than `narrowest`:
/// preferred points first, then anywhere. Returns whether a break anywhere was needed.
fn split_word(
    glyphs: &[(Glyph, bool)],
    start: usize,
    end: usize,
    narrowest: f32,
    out: &mut [PlainBreak],
) -> bool {
    for k in start + 1..end {
        if out[k] == PlainBreak::None && separates(&glyphs[k - 1].0.text) {
            out[k] = PlainBreak::Preferred;
        }
    }
    // Measure the pieces between any breaks (hyphenation points count: the hyphen's
    // width is small beside a line) and cut those still too wide where they reach the
    // line's end.
    let mut anywhere = false;
    let mut piece = 0.0;
    for k in start..end {
        let breaks_here = k > start && (out[k] != PlainBreak::None || glyphs[k].1);
        if breaks_here {
            piece = 0.0;
        }
        let advance = glyphs[k].0.advance;
        if k > start && piece > 0.0 && piece + advance > narrowest * 0.98 {
            out[k] = PlainBreak::LastResort;
            anywhere = true;
            piece = 0.0;
        }
        piece += advance;
    }
    anywhere
}

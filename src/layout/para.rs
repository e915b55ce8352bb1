//! Paragraphs: styled text pieces are shaped, hyphenated, broken into lines (total fit) and
//! set as positioned glyphs.

use super::breaking::{self, Item as Kp, INFINITY};
use super::font::{shape, Cluster, FontId, FontSet, Glyph, DOUBLE, SPACED, STRIKE, UNDERLINE};
use super::{Elem, Item, Placed};

/// How a piece of text is set.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sty {
    /// Italic.
    pub italic: bool,
    /// Bold.
    pub bold: bool,
    /// Size relative to the paragraph's size.
    pub scale: f32,
    /// Baseline shift in ems (superscript positive).
    pub rise: f32,
    /// Letter-spacing in ems.
    pub spacing: f32,
    /// Decoration bits.
    pub deco: u8,
}

impl Sty {
    /// Upright text at the paragraph's size.
    pub const PLAIN: Sty = Sty {
        italic: false,
        bold: false,
        scale: 1.0,
        rise: 0.0,
        spacing: 0.0,
        deco: 0,
    };

    /// The face of this style.
    pub fn font(&self) -> FontId {
        match (self.bold, self.italic) {
            (false, false) => 0,
            (false, true) => 1,
            (true, false) => 2,
            (true, true) => 3,
        }
    }
}

/// A styled piece of text; `notes` are the note numbers referenced by it (a superscript).
#[derive(Clone, Debug)]
pub struct Piece {
    /// The characters ("\n" alone is a forced line break).
    pub text: String,
    /// How they are set.
    pub sty: Sty,
    /// Notes referenced here.
    pub notes: Vec<usize>,
    /// The mention that starts with this piece (its ordinal in the document).
    pub anchor: Option<usize>,
}

/// Horizontal alignment of the lines of a paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// Justified, last line flush left.
    Justify,
    /// Flush left.
    Left,
    /// Flush right.
    Right,
    /// Centred.
    Center,
}

/// The frame of a paragraph.
#[derive(Clone, Copy, Debug)]
pub struct Frame {
    /// Left edge of the measure, in points from the page's left edge.
    pub x: f32,
    /// Width of the measure.
    pub width: f32,
    /// Indent of the first line.
    pub indent: f32,
    /// Indent of the following lines (hanging lists).
    pub rest_indent: f32,
    /// Font size.
    pub size: f32,
    /// Baseline-to-baseline distance.
    pub leading: f32,
    /// Alignment.
    pub align: Align,
    /// Hyphenation language, if hyphenating.
    pub lang: Option<hypher::Lang>,
}

/// Shapes pieces into one glyph list; `missing` collects characters the text face lacks.
pub fn glyphs(
    fonts: &FontSet,
    pieces: &[Piece],
    size: f32,
    lang: Option<hypher::Lang>,
    missing: &mut Vec<char>,
) -> Vec<(Glyph, bool)> {
    let mut out: Vec<(Glyph, bool)> = Vec::new();
    for p in pieces {
        if p.text == "\n" {
            let mut g = newline_glyph(size);
            g.notes.clone_from(&p.notes);
            out.push((g, false));
            continue;
        }
        let s = size * p.sty.scale;
        let mut shaped = shape(fonts, &p.text, p.sty.font(), s, missing);
        // Hyphenation points: byte offsets where a word may break.
        // Letter-spaced words are not hyphenated: a hyphen would read as one more letter.
        let points = lang
            .filter(|_| p.sty.spacing == 0.0)
            .map(|l| hyphen_points(&p.text, l))
            .unwrap_or_default();
        let mut offset = 0usize;
        let mut pi = 0;
        let n = shaped.len();
        for (k, g) in shaped.iter_mut().enumerate() {
            g.dy += p.sty.rise * size;
            g.deco = p.sty.deco;
            if p.sty.spacing > 0.0 {
                g.deco |= SPACED;
                // No spacing after the last letter: it would stand off the punctuation.
                if g.advance > 0.0 && k + 1 < n {
                    g.spacing = p.sty.spacing * size;
                    g.advance += g.spacing;
                }
            }
            if k + 1 == n {
                g.notes.clone_from(&p.notes);
            }
            if k == 0 {
                g.anchor = p.anchor;
            }
        }
        for g in shaped {
            let start = offset;
            offset += g.text.len();
            while pi < points.len() && points[pi] < start {
                pi += 1;
            }
            let brk = pi < points.len() && points[pi] == start && !g.text.is_empty();
            out.push((g, brk));
        }
    }
    out
}

fn newline_glyph(size: f32) -> Glyph {
    Glyph {
        font: 0,
        id: 0,
        size,
        advance: 0.0,
        dx: 0.0,
        dy: 0.0,
        spacing: 0.0,
        text: Cluster::new("\n"),
        deco: 0,
        notes: vec![],
        anchor: None,
    }
}

thread_local! {
    /// Hyphenation points of words already seen (offsets inside the word), by language.
    static HYPHENS: std::cell::RefCell<std::collections::HashMap<(hypher::Lang, String), Vec<usize>>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

/// Whether `c` is a letter; Latin and Cyrillic without the general table lookup.
fn is_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || ('\u{400}'..='\u{52F}').contains(&c)
        || (!c.is_ascii() && c.is_alphabetic())
}

/// Byte offsets inside `text` where hyphenation may break a word.
fn hyphen_points(text: &str, lang: hypher::Lang) -> Vec<usize> {
    let mut out = Vec::new();
    let mut word_start: Option<usize> = None;
    let flush = |s: usize, e: usize, out: &mut Vec<usize>| {
        let word = &text[s..e];
        if word.len() < 5 || word.chars().count() < 5 || word.contains('\u{301}') {
            return;
        }
        HYPHENS.with(|h| {
            let mut h = h.borrow_mut();
            let key = (lang, word.to_string());
            let points = h.entry(key).or_insert_with(|| {
                let mut v = Vec::new();
                let mut at = 0;
                for (k, syl) in hypher::hyphenate(word, lang).enumerate() {
                    if k > 0 {
                        v.push(at);
                    }
                    at += syl.len();
                }
                v
            });
            out.extend(points.iter().map(|p| p + s));
        });
    };
    for (i, c) in text.char_indices() {
        // A stress mark belongs to its word.
        if is_letter(c) || c == '\u{301}' {
            if word_start.is_none() {
                word_start = Some(i);
            }
        } else if let Some(s) = word_start.take() {
            flush(s, i, &mut out);
        }
    }
    if let Some(s) = word_start {
        flush(s, text.len(), &mut out);
    }
    out
}

/// A glyph that is a breakable space.
fn is_space(g: &Glyph) -> bool {
    g.text == " "
}

/// Breaks shaped glyphs into lines and sets them: one [`Elem`] per line, baseline at
/// `leading * 0.8` below the element's top.
pub fn set(fonts: &FontSet, glyphs: &[(Glyph, bool)], frame: &Frame) -> Vec<Elem> {
    if glyphs.is_empty() {
        return vec![];
    }
    // Knuth–Plass items; `starts[k]` is the glyph index where item k begins.
    let mut items: Vec<Kp> = Vec::new();
    let mut starts: Vec<usize> = Vec::new();
    let mut hyphens: Vec<Option<Glyph>> = Vec::new();
    // The box being gathered: (first glyph, width).
    let mut cur: Option<(usize, f32)> = None;
    let mut hyphen_cache: Vec<((FontId, u32), Glyph)> = Vec::new();
    let mut hyphen_for = |g: &Glyph| -> Glyph {
        let key = (g.font, g.size.to_bits());
        if let Some((_, h)) = hyphen_cache.iter().find(|(k, _)| *k == key) {
            return h.clone();
        }
        let mut m = Vec::new();
        let h = shape(fonts, "-", g.font, g.size, &mut m)
            .into_iter()
            .next()
            .unwrap_or_else(|| newline_glyph(g.size));
        hyphen_cache.push((key, h.clone()));
        h
    };
    let mut push = |items: &mut Vec<Kp>, item: Kp, start: usize, hy: Option<Glyph>| {
        items.push(item);
        starts.push(start);
        hyphens.push(hy);
    };
    let justify = frame.align == Align::Justify;
    for (i, (g, brk)) in glyphs.iter().enumerate() {
        let is_break = g.text == "\n" || is_space(g) || (*brk && cur.is_some());
        if is_break {
            if let Some((s0, w)) = cur.take() {
                push(&mut items, Kp::Box(w), s0, None);
            }
        }
        if g.text == "\n" {
            let glue = Kp::Glue {
                width: 0.0,
                stretch: INFINITY,
                shrink: 0.0,
            };
            push(&mut items, glue, i, None);
            let force = Kp::Penalty {
                width: 0.0,
                cost: -INFINITY,
                flagged: false,
            };
            push(&mut items, force, i + 1, None);
            continue;
        }
        if is_space(g) {
            let w = g.advance;
            let glue = Kp::Glue {
                width: w,
                stretch: if justify { w * 0.8 } else { 0.0 },
                shrink: if justify { w * 0.3 } else { 0.0 },
            };
            push(&mut items, glue, i, None);
            continue;
        }
        if is_break {
            let h = hyphen_for(g);
            let pen = Kp::Penalty {
                width: h.advance,
                cost: 50.0,
                flagged: true,
            };
            push(&mut items, pen, i, Some(h));
        }
        match &mut cur {
            Some((_, w)) => *w += g.advance,
            None => cur = Some((i, g.advance)),
        }
    }
    if let Some((s0, w)) = cur.take() {
        push(&mut items, Kp::Box(w), s0, None);
    }
    let end = glyphs.len();
    let glue = Kp::Glue {
        width: 0.0,
        stretch: INFINITY,
        shrink: 0.0,
    };
    push(&mut items, glue, end, None);
    let force = Kp::Penalty {
        width: 0.0,
        cost: -INFINITY,
        flagged: false,
    };
    push(&mut items, force, end, None);

    let measure = |line: usize| {
        frame.width
            - if line == 0 {
                frame.indent
            } else {
                frame.rest_indent
            }
    };
    let breaks = if justify {
        breaking::breaks(&items, &measure, 2.0, 0.0)
            .or_else(|| breaking::breaks(&items, &measure, 2.0, frame.size * 1.5))
            .or_else(|| breaking::breaks(&items, &measure, 8.0, frame.size * 3.0))
            .unwrap_or_else(|| breaking::greedy(&items, &measure))
    } else if frame.align == Align::Center {
        balanced(&items, &measure)
    } else {
        breaking::greedy(&items, &measure)
    };

    let mut elems: Vec<Elem> = Vec::new();
    let mut prev_hyphenated = false;
    let mut from_item = 0usize;
    let last = breaks.len();
    for (li, &b) in breaks.iter().enumerate() {
        // Glyphs of this line: from the first box after the previous break to the break.
        let mut first = from_item;
        while first < b && !matches!(items[first], Kp::Box(_)) {
            first += 1;
        }
        let g0 = if first < b { starts[first] } else { starts[b] }.min(starts[b]);
        let g1 = starts[b];
        let hyphen = hyphens[b].clone();
        let mut line: Vec<&Glyph> = glyphs[g0..g1.min(glyphs.len())]
            .iter()
            .map(|(g, _)| g)
            .filter(|g| g.text != "\n")
            .collect();
        while line.last().is_some_and(|g| is_space(g)) {
            line.pop();
        }
        let hy_holder;
        let hyphenated = hyphen.is_some();
        if let Some(h) = hyphen {
            hy_holder = h;
            line.push(&hy_holder);
        }
        let ends_paragraph = li + 1 == last
            || matches!(items.get(b), Some(Kp::Penalty { cost, .. }) if *cost <= -INFINITY)
                && b > 0
                && matches!(items[b - 1], Kp::Glue { stretch, .. } if stretch >= INFINITY);
        let natural: f32 = line.iter().map(|g| g.advance).sum();
        let m = measure(li);
        let indent = if li == 0 {
            frame.indent
        } else {
            frame.rest_indent
        };
        let spaces = line.iter().filter(|g| is_space(g)).count();
        let extra = if justify && spaces > 0 && (!ends_paragraph || natural > m) {
            ((m - natural) / spaces as f32).max(-0.5 * frame.size)
        } else {
            0.0
        };
        let x0 = frame.x
            + indent
            + match frame.align {
                Align::Justify | Align::Left => 0.0,
                Align::Right => (m - natural).max(0.0),
                Align::Center => ((m - natural) / 2.0).max(0.0),
            };
        let baseline = frame.leading * 0.8;
        let mut elem = set_line(fonts, &line, x0, baseline, extra);
        elem.h = frame.leading;
        // A page never ends on a hyphenated word: the next line stays with this one.
        if elems.last().is_some_and(|_| prev_hyphenated) {
            elem.breakable = false;
        }
        prev_hyphenated = hyphenated;
        elems.push(elem);
        from_item = b + 1;
    }
    let n = elems.len();
    for (i, e) in elems.iter_mut().enumerate() {
        e.line = Some((i, n));
    }
    elems
}

/// Centred lines of even length: the narrowest measure that keeps the number of lines
/// first-fit breaking gives at the full measure (a title does not end on a lone word).
fn balanced(items: &[Kp], measure: &dyn Fn(usize) -> f32) -> Vec<usize> {
    let full = breaking::greedy(items, measure);
    if full.len() < 2 {
        return full;
    }
    let (mut lo, mut hi) = (0.5f32, 1.0f32);
    let mut best = full.clone();
    for _ in 0..8 {
        let mid = (lo + hi) / 2.0;
        let narrow = |l: usize| measure(l) * mid;
        let b = breaking::greedy(items, &narrow);
        if b.len() == full.len() {
            best = b;
            hi = mid;
        } else {
            lo = mid;
        }
    }
    best
}

/// Places one line's glyphs from `x0` on baseline `y`; `extra` widens each space.
pub fn set_line(fonts: &FontSet, line: &[&Glyph], x0: f32, y: f32, extra: f32) -> Elem {
    let mut placed = Vec::with_capacity(line.len());
    let mut notes = Vec::new();
    let mut anchors = Vec::new();
    let mut rules = Vec::new();
    let mut pen = x0;
    // Open decoration runs: (bits, start x, size).
    let mut deco_start: Option<(u8, f32, f32)> = None;
    for g in line {
        let adv = g.advance + if is_space(g) { extra } else { 0.0 };
        match deco_start {
            Some((bits, _, _)) if bits == g.deco => {}
            Some((bits, sx, size)) => {
                deco_rules(&mut rules, bits, sx, pen, y, size);
                deco_start = (g.deco != 0).then_some((g.deco, pen, g.size));
            }
            None if g.deco != 0 => deco_start = Some((g.deco, pen, g.size)),
            None => {}
        }
        let face = fonts.face(g.font);
        placed.push(Placed {
            font: g.font,
            id: g.id,
            size: g.size,
            x: pen + g.dx,
            rise: g.dy,
            spacing: g.spacing,
            spaced: g.deco & SPACED != 0,
            width: face.advance_1000(g.id) * g.size / 1000.0,
            text: g.text,
        });
        notes.extend(g.notes.iter().copied());
        if let Some(mention) = g.anchor {
            anchors.push(Item::Anchor {
                mention,
                x: pen,
                y: y - g.size,
            });
        }
        pen += adv;
    }
    if let Some((bits, sx, size)) = deco_start {
        let end = line.last().map_or(pen, |g| pen - g.spacing);
        deco_rules(&mut rules, bits, sx, end, y, size);
    }
    let mut items = vec![Item::Text { y, glyphs: placed }];
    items.extend(rules);
    items.extend(anchors);
    Elem {
        h: 0.0,
        items,
        notes,
        gap: 0.0,
        breakable: true,
        line: None,
        counted: false,
        width: pen - x0,
    }
}

fn deco_rules(rules: &mut Vec<Item>, bits: u8, x1: f32, x2: f32, y: f32, size: f32) {
    let w = size * 0.05;
    if bits & STRIKE != 0 {
        rules.push(Item::Rule {
            x1,
            y1: y - size * 0.27,
            x2,
            y2: y - size * 0.27,
            width: w,
        });
    }
    if bits & (UNDERLINE | DOUBLE) != 0 {
        rules.push(Item::Rule {
            x1,
            y1: y + size * 0.12,
            x2,
            y2: y + size * 0.12,
            width: w,
        });
    }
    if bits & DOUBLE != 0 {
        rules.push(Item::Rule {
            x1,
            y1: y + size * 0.22,
            x2,
            y2: y + size * 0.22,
            width: w,
        });
    }
}

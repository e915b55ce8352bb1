//! Paragraphs: styled text pieces are shaped, hyphenated, broken into lines (total fit) and
//! set as positioned glyphs.

use super::breaking::{self, Item as Kp, Params, INFINITY};
use super::font::{shape, Cluster, FontId, FontSet, Glyph, DOUBLE, SPACED, STRIKE, UNDERLINE};
use super::hyphens::hyphen_points;
use super::overlong::PlainBreak;
use super::structure::NodeId;
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
    /// The structure node the text belongs to (0: the block being set).
    pub node: NodeId,
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
        node: 0,
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
    // A glyph per character at most but for rare ligature parts: sized once, not grown
    // (the growing copied each paragraph's glyphs over and over).
    let chars: usize = pieces.iter().map(|p| p.text.chars().count()).sum();
    let mut out: Vec<(Glyph, bool)> = Vec::with_capacity(chars);
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
            g.node = p.sty.node;
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
        node: 0,
        notes: vec![],
        anchor: None,
    }
}

/// A glyph that is a breakable space.
fn is_space(g: &Glyph) -> bool {
    g.text == " "
}

/// A glyph that is a no-break space: it stretches with the line but never ends one.
fn is_nbsp(g: &Glyph) -> bool {
    g.text == "\u{a0}"
}

/// Breaks shaped glyphs into lines and sets them: one [`Elem`] per line, baseline at
/// `leading * 0.8` below the element's top. The flag says the paragraph had no solution
/// with every word space under twice its width and was set looser (an emergency pass).
/// Words too wide for the line are broken (layout/overlong.rs); those that had to be cut
/// anywhere are pushed to `cut`.
pub fn set(
    fonts: &FontSet,
    glyphs: &[(Glyph, bool)],
    frame: &Frame,
    cut: &mut Vec<String>,
) -> (Vec<Elem>, bool) {
    if glyphs.is_empty() {
        return (vec![], false);
    }
    let narrowest = (frame.width - frame.indent.max(frame.rest_indent)).max(frame.size);
    let (plain, words_cut) = super::overlong::plain_breaks(glyphs, narrowest);
    cut.extend(words_cut);
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
    let params = Params::JUSTIFIED;
    // Letter gaps of the word before the next space: their tracking is stretch too, kept
    // per glue item (gaps × size) so that each pass may allow its own tracking.
    let mut gaps_before = 0usize;
    let mut letter_ems: Vec<f32> = Vec::new();
    for (i, (g, brk)) in glyphs.iter().enumerate() {
        let hyphen_here = *brk && cur.is_some();
        let plain_here = plain[i] != PlainBreak::None && cur.is_some() && !hyphen_here;
        let is_break = g.text == "\n" || is_space(g) || is_nbsp(g) || hyphen_here || plain_here;
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
        if is_space(g) || is_nbsp(g) {
            if is_nbsp(g) {
                // A no-break space stretches like any other, but no line ends at it.
                let keep = Kp::Penalty {
                    width: 0.0,
                    cost: INFINITY,
                    flagged: false,
                };
                push(&mut items, keep, i, None);
            }
            let w = g.advance;
            let glue = Kp::Glue {
                width: w,
                stretch: if justify {
                    w * params.space_stretch
                } else {
                    0.0
                },
                shrink: if justify {
                    w * params.space_shrink
                } else {
                    0.0
                },
            };
            letter_ems.resize(items.len(), 0.0);
            letter_ems.push(std::mem::take(&mut gaps_before) as f32 * g.size);
            push(&mut items, glue, i, None);
            continue;
        }
        if g.advance > 0.0 && glyphs.get(i + 1).is_some_and(|(n, _)| n.advance > 0.0) {
            gaps_before += 1;
        }
        if plain_here {
            let pen = Kp::Penalty {
                width: 0.0,
                cost: plain[i].cost(),
                flagged: false,
            };
            push(&mut items, pen, i, None);
        } else if is_break {
            // After a compound's own hyphen nothing is added at the line's end.
            let own = i > 0 && glyphs[i - 1].0.text == "-";
            let h = (!own).then(|| {
                let mut h = hyphen_for(g);
                h.node = g.node;
                h
            });
            let pen = Kp::Penalty {
                width: h.as_ref().map_or(0.0, |h| h.advance),
                cost: params.hyphen_penalty,
                flagged: true,
            };
            push(&mut items, pen, i, h);
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
    let mut used = params;
    let broken = if justify {
        // Passes, strictest first: spaces at most twice their width; then more tracking
        // of the letters, still within that; then, for a paragraph with no other solution,
        // extra stretch (looser lines, not more hyphens); last, any breaks at all.
        let tracked = Params {
            letter_stretch: params.letter_stretch * 2.0,
            ..params
        };
        let emergency = Params {
            emergency: frame.size * 3.0,
            tolerance: 4.0,
            ..tracked
        };
        let any = Params {
            tolerance: 10.0,
            max_hyphen_run: usize::MAX,
            ..emergency
        };
        [params, tracked, emergency, any]
            .into_iter()
            .find_map(|p| {
                used = p;
                let with_letters: Vec<Kp> = items
                    .iter()
                    .zip(letter_ems.iter().chain(std::iter::repeat(&0.0)))
                    .map(|(it, ems)| match *it {
                        Kp::Glue {
                            width,
                            stretch,
                            shrink,
                        } if stretch < INFINITY => Kp::Glue {
                            width,
                            stretch: stretch + ems * p.letter_stretch,
                            shrink,
                        },
                        other => other,
                    })
                    .collect();
                breaking::breaks(&with_letters, &measure, &p)
            })
            .unwrap_or_else(|| breaking::Broken {
                best: breaking::greedy(&items, &measure),
                longer: None,
            })
    } else if frame.align == Align::Center {
        breaking::Broken {
            best: balanced(&items, &measure),
            longer: None,
        }
    } else {
        breaking::Broken {
            best: breaking::greedy(&items, &measure),
            longer: None,
        }
    };
    let build = |breaks: &[usize]| -> (Vec<Elem>, bool) {
        let mut loose = false;
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
            let spaces: Vec<f32> = line
                .iter()
                .filter(|g| is_space(g) || is_nbsp(g))
                .map(|g| g.advance)
                .collect();
            let (extra, track) = if justify && (!ends_paragraph || natural > m) {
                justification(&line, &spaces, m - natural, &used, frame.size)
            } else {
                (0.0, 0.0)
            };
            // A space over twice its width: the caller names the paragraph in a warning.
            loose |= extra > 1.0 + 1e-3;
            let x0 = frame.x
                + indent
                + match frame.align {
                    Align::Justify | Align::Left => 0.0,
                    Align::Right => (m - natural).max(0.0),
                    Align::Center => ((m - natural) / 2.0).max(0.0),
                };
            let baseline = frame.leading * 0.8;
            let mut elem = set_line(fonts, &line, x0, baseline, extra, track);
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
        (elems, loose)
    };
    let (mut lines, loose) = build(&broken.best);
    // The setting one line longer, for the page builder to fill a page with; not for a
    // paragraph already loose, nor when its last line would be a lone short word.
    if let (Some(longer), false) = (&broken.longer, loose) {
        let (alt, alt_loose) = build(longer);
        let last_fill = alt.last().map_or(0.0, |l| l.width) / frame.width;
        if !alt_loose && last_fill > 0.2 {
            if let Some(first) = lines.first_mut() {
                first.longer = Some(alt);
            }
        }
    }
    (lines, loose)
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

/// Whether the gap after glyph `k` of a line may be tracked: between two glyphs that
/// advance (a stress mark stays on its letter), neither of them a space.
fn trackable(line: &[&Glyph], k: usize) -> bool {
    let g = line[k];
    line.get(k + 1).is_some_and(|n| {
        n.advance > 0.0
            && g.advance > 0.0
            && !is_space(g)
            && !is_nbsp(g)
            && !is_space(n)
            && !is_nbsp(n)
    })
}

/// How a justified line takes up `deficit` (positive: to fill, negative: to shrink): how
/// much each space grows, as a fraction of its own width, and the tracking of each letter
/// gap in points. Letters take their share of
/// the stretch at the line's ratio, up to 1.25 × `letter_stretch` (ems), the spaces the
/// rest; shrinking is the spaces'.
fn justification(
    line: &[&Glyph],
    spaces: &[f32],
    deficit: f32,
    p: &Params,
    size: f32,
) -> (f32, f32) {
    let width: f32 = spaces.iter().sum();
    if deficit <= 0.0 {
        return if width > 0.0 {
            ((deficit / width).max(-0.5), 0.0)
        } else {
            (0.0, 0.0)
        };
    }
    let gaps = (0..line.len()).filter(|&k| trackable(line, k)).count() as f32;
    let letter_max = p.letter_stretch * size;
    let total = width * p.space_stretch + gaps * letter_max;
    if total <= 0.0 {
        return (0.0, 0.0);
    }
    let ratio = deficit / total;
    if width <= 0.0 {
        return (0.0, if gaps > 0.0 { deficit / gaps } else { 0.0 });
    }
    // Letters and spaces at the same ratio; past the tolerance (an emergency) the
    // letters stop at it and the spaces take the rest.
    let track = letter_max * ratio.min(p.tolerance.min(1.25));
    ((deficit - track * gaps) / width, track)
}

/// Places one line's glyphs from `x0` on baseline `y`; each space grows by `extra` times
/// its width, each gap between letters by `track` points (see [`trackable`]).
pub fn set_line(fonts: &FontSet, line: &[&Glyph], x0: f32, y: f32, extra: f32, track: f32) -> Elem {
    let mut placed = Vec::with_capacity(line.len());
    let mut notes = Vec::new();
    let mut anchors = Vec::new();
    let mut rules = Vec::new();
    let mut pen = x0;
    // Open decoration runs: (bits, start x, size).
    let mut deco_start: Option<(u8, f32, f32)> = None;
    for (k, g) in line.iter().enumerate() {
        let adv = g.advance
            + if is_space(g) || is_nbsp(g) {
                extra * g.advance
            } else if track != 0.0 && trackable(line, k) {
                track
            } else {
                0.0
            };
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
            node: g.node,
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
        longer: None,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn split(word: &str) -> String {
        let points = hyphen_points(word, hypher::Lang::Russian);
        let mut out = String::new();
        for (i, c) in word.char_indices() {
            if points.contains(&i) {
                out.push('-');
            }
            out.push(c);
        }
        out
    }

    #[test]
    fn russian_words_break_by_the_rules() {
        eprintln!(
            "{}",
            split("уполномоченный сравнению губернии обследования")
        );
        // Two letters at least on each side; words of four letters or fewer whole.
        for w in ["уполномоченный", "обследования", "окно", "стол", "аллея"]
        {
            let s = split(w);
            for part in s.split('-') {
                assert!(part.chars().count() >= 2, "{s}");
            }
            if w.chars().count() <= 4 {
                assert_eq!(s, w);
            }
        }
        assert!(split("уполномоченный").contains('-'));
        // Capitals, numbers, a stress mark's neighbours.
        assert_eq!(split("ГУБИСПОЛКОМ"), "ГУБИСПОЛКОМ");
        assert_eq!(split("1925-го"), "1925-го");
        assert_eq!(split("по-прежнему"), "по--преж-не-му");
        assert_eq!(split("из-за"), "из--за");
        assert_eq!(split("12345678"), "12345678");
        let stressed = split("Вели\u{301}кого");
        assert!(
            !stressed.contains("\u{301}-") && !stressed.contains("-\u{301}"),
            "{stressed}"
        );
    }
}

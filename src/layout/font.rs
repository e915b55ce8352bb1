//! Fonts and shaping: the faces of the text family plus the fallback, parsed once, and
//! shaping of a run of text into positioned glyphs with rustybuzz (kerning, the font's own
//! placement of a combining stress mark), falling back per character to DejaVu Serif.

use crate::fonts::{Family, DEJAVU_SERIF};
use crate::shared::bounded::Grouped;
use rustybuzz::{BufferClusterLevel, Face, ShapePlan, UnicodeBuffer};
use std::cell::RefCell;
use std::sync::{Mutex, OnceLock};

/// The source text of one glyph, stored inline (no allocation per glyph): with clusters
/// kept per character a glyph stands for one character, or a few for a ligature.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub struct Cluster {
    len: u8,
    buf: [u8; 23],
}

impl Cluster {
    /// The cluster of `s`; a cluster longer than 23 bytes keeps its first characters.
    pub fn new(s: &str) -> Cluster {
        let mut end = s.len().min(23);
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        let mut buf = [0u8; 23];
        buf[..end].copy_from_slice(&s.as_bytes()[..end]);
        Cluster {
            len: end as u8,
            buf,
        }
    }
}

impl Cluster {
    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.len as usize
    }

    /// Whether the glyph stands for no text of its own.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

impl std::ops::Deref for Cluster {
    type Target = str;
    fn deref(&self) -> &str {
        std::str::from_utf8(&self.buf[..self.len as usize]).unwrap_or("")
    }
}

impl PartialEq<&str> for Cluster {
    fn eq(&self, other: &&str) -> bool {
        // Compared byte by byte: a cluster is a few bytes, and layout asks "is this a
        // space?" of every glyph, where a call to memcmp costs more than the comparison.
        let other = other.as_bytes();
        other.len() == self.len as usize && self.buf.iter().zip(other).all(|(a, b)| a == b)
    }
}

impl std::fmt::Debug for Cluster {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self, f)
    }
}

thread_local! {
    /// Shape plans by face and script: planning is the costly part of shaping a short run.
    static PLANS: RefCell<Vec<(usize, rustybuzz::Script, ShapePlan)>> = const { RefCell::new(Vec::new()) };
}

/// Index of a face in a [`FontSet`]: 0 regular, 1 italic, 2 bold, 3 bold italic, 4 fallback.
pub type FontId = u8;

/// The fallback face's id.
pub const FALLBACK: FontId = 4;

/// One parsed face.
pub struct FontFace {
    /// The font file.
    pub data: &'static [u8],
    /// The parsed face, for shaping and metrics.
    pub face: Face<'static>,
    /// The PostScript name (for /BaseFont), letters and digits only.
    pub ps_name: String,
    /// Units per em.
    pub upem: f32,
}

impl FontFace {
    fn new(data: &'static [u8], fallback_name: &str) -> Option<FontFace> {
        let face = Face::from_slice(data, 0)?;
        let ps_name = face
            .names()
            .into_iter()
            .filter(|n| n.name_id == rustybuzz::ttf_parser::name_id::POST_SCRIPT_NAME)
            .find_map(|n| n.to_string())
            .unwrap_or_else(|| fallback_name.to_string())
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        let upem = face.units_per_em() as f32;
        Some(FontFace {
            data,
            face,
            ps_name,
            upem,
        })
    }

    /// Whether the face has a glyph for `c`.
    pub fn has(&self, c: char) -> bool {
        self.face.glyph_index(c).is_some()
    }

    /// The nominal advance of glyph `id` in thousandths of an em (the PDF's /W unit).
    pub fn advance_1000(&self, id: u16) -> f32 {
        let adv = self
            .face
            .glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(id))
            .unwrap_or(0) as f32;
        adv * 1000.0 / self.upem
    }
}

/// The faces a layout uses.
pub struct FontSet {
    /// Regular, italic, bold, bold italic, fallback.
    pub faces: Vec<FontFace>,
}

static BUNDLED: OnceLock<Option<FontSet>> = OnceLock::new();

/// The font set of a style's family (parsed once per process): what the composer sets
/// with and the PDF writer embeds.
pub fn for_style(style: &crate::style::Style) -> Result<&'static FontSet, crate::diag::Error> {
    let family = crate::fonts::Family::from_style(&style.fonts)?;
    FontSet::for_family(&family).ok_or_else(|| {
        crate::diag::Error::Usage("a font of the style cannot be read as TrueType/OpenType".into())
    })
}

impl FontSet {
    /// The font set for a family, parsed once per process: the bundled PT Serif, or a
    /// custom family (whose bytes [`Family::from_style`] keeps for the process's life).
    pub fn for_family(family: &Family) -> Option<&'static FontSet> {
        if family.is_bundled() {
            return BUNDLED
                .get_or_init(|| FontSet::build(Family::pt_serif()))
                .as_ref();
        }
        static CUSTOM: Mutex<Vec<(usize, &'static FontSet)>> = Mutex::new(Vec::new());
        let key = family.regular.as_ptr() as usize;
        let mut custom = CUSTOM.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, set)) = custom.iter().find(|(k, _)| *k == key) {
            return Some(set);
        }
        let set: &'static FontSet = Box::leak(Box::new(FontSet::build(family.clone())?));
        custom.push((key, set));
        Some(set)
    }

    fn build(family: Family) -> Option<FontSet> {
        let leak = |c: std::borrow::Cow<'static, [u8]>| -> &'static [u8] {
            match c {
                std::borrow::Cow::Borrowed(b) => b,
                std::borrow::Cow::Owned(v) => Box::leak(v.into_boxed_slice()),
            }
        };
        let faces = vec![
            FontFace::new(leak(family.regular), "Regular")?,
            FontFace::new(leak(family.italic), "Italic")?,
            FontFace::new(leak(family.bold), "Bold")?,
            FontFace::new(leak(family.bold_italic), "BoldItalic")?,
            FontFace::new(DEJAVU_SERIF, "DejaVuSerif")?,
        ];
        Some(FontSet { faces })
    }

    /// The face with this id.
    pub fn face(&self, id: FontId) -> &FontFace {
        &self.faces[id as usize]
    }
}

/// A shaped glyph, in points, before it is placed on a line.
#[derive(Clone, Debug)]
pub struct Glyph {
    /// The face.
    pub font: FontId,
    /// The glyph id in the face.
    pub id: u16,
    /// Font size in points.
    pub size: f32,
    /// Advance in points (letter-spacing included).
    pub advance: f32,
    /// Horizontal offset from the pen position, in points.
    pub dx: f32,
    /// Vertical offset upward, in points (superscript rise included).
    pub dy: f32,
    /// Extra space after the glyph (letter-spacing), in points; part of `advance`.
    pub spacing: f32,
    /// The source text this glyph stands for (a space for any white space).
    pub text: Cluster,
    /// Decoration bits: [`STRIKE`], [`UNDERLINE`], [`DOUBLE`].
    pub deco: u8,
    /// The structure node it belongs to (`layout::structure`).
    pub node: u32,
    /// Notes referenced at this glyph, so the page of the glyph carries them.
    pub notes: Vec<usize>,
    /// The mention (its ordinal in the document) that starts at this glyph, for the
    /// indexes: the line it is set on gets an [`crate::layout::Item::Anchor`].
    pub anchor: Option<usize>,
}

/// Struck through.
pub const STRIKE: u8 = 1;
/// Underlined.
pub const UNDERLINE: u8 = 2;
/// Underlined twice.
pub const DOUBLE: u8 = 4;
/// Letter-spaced (not a rule: it says which glyphs read as one spaced word).
pub const SPACED: u8 = 8;

/// Whether `c` attaches to the character before it (combining marks, joiners): it takes
/// the face of its base, so a stress mark is never set from another font than its letter.
fn attaches(c: char) -> bool {
    matches!(c as u32, 0x300..=0x36F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F | 0x200C | 0x200D)
}

/// Shapes `text` in face `font` at `size`, falling back per character to the fallback face;
/// characters no face has are pushed onto `missing`.
pub fn shape(
    fonts: &FontSet,
    text: &str,
    font: FontId,
    size: f32,
    missing: &mut Vec<char>,
) -> Vec<Glyph> {
    let mut out = Vec::with_capacity(text.len());
    let key = (fonts as *const FontSet as usize, font, size.to_bits());
    WORDS.with(|words| {
        words.borrow_mut().with_group(key, |cache| {
            // Word by word (a space is a word of its own), each shaped once per run: words
            // repeat, and shaping is the costliest step of the layout.
            let mut start = 0;
            let bytes = text.as_bytes();
            while start < text.len() {
                let end = if bytes[start] == b' ' {
                    start + 1
                } else {
                    text[start..].find(' ').map_or(text.len(), |i| start + i)
                };
                let word = &text[start..end];
                let (glyphs, miss) = cache.get_or_insert_with(word, || {
                    let mut miss = Vec::new();
                    let mut glyphs = shape_text(fonts, word, font, size, &mut miss);
                    // Sized for the text's bytes, twice its glyphs in Cyrillic: kept, it is
                    // trimmed to what it holds.
                    glyphs.shrink_to_fit();
                    (glyphs, miss)
                });
                out.extend_from_slice(glyphs);
                missing.extend_from_slice(miss);
                start = end;
            }
        })
    });
    out
}

/// Shaped words kept, over all faces and sizes together: a batch's words beyond these (a
/// varied collection has tens of thousands) are shaped again rather than kept, so its
/// memory stays flat: at most 2 × 8,192 words a worker however many faces and sizes the
/// documents use (a varied batch of 10,000 peaks under 100 MiB on two workers,
/// docs/scaling.md); the common words of a language stay, being in use. A long
/// document's vocabulary fits.
const WORDS_KEPT: usize = 8192;

type WordCache = Grouped<(usize, FontId, u32), String, (Vec<Glyph>, Vec<char>)>;

thread_local! {
    /// Shaped words by font set, face and size (never iterated, so its order is no
    /// matter for the output).
    static WORDS: RefCell<WordCache> = RefCell::new(Grouped::new(WORDS_KEPT));
}

fn shape_text(
    fonts: &FontSet,
    text: &str,
    font: FontId,
    size: f32,
    missing: &mut Vec<char>,
) -> Vec<Glyph> {
    let mut out = Vec::with_capacity(text.len());
    // Split into runs of one face.
    let mut runs: Vec<(usize, usize, FontId)> = Vec::new();
    let primary = fonts.face(font);
    let fallback = fonts.face(FALLBACK);
    for (i, c) in text.char_indices() {
        let f = if c.is_whitespace() || c.is_control() || attaches(c) {
            runs.last().map_or(font, |r| r.2)
        } else if primary.has(c) {
            font
        } else if fallback.has(c) {
            missing.push(c);
            FALLBACK
        } else {
            missing.push(c);
            font
        };
        // White space always comes from the primary face: its width is the text's.
        let f = if c.is_whitespace() { font } else { f };
        match runs.last_mut() {
            Some(r) if r.2 == f => r.1 = i + c.len_utf8(),
            _ => runs.push((i, i + c.len_utf8(), f)),
        }
    }
    for (start, end, f) in runs {
        shape_run(fonts, text, start, end, f, size, &mut out);
    }
    out
}

fn shape_run(
    fonts: &FontSet,
    text: &str,
    start: usize,
    end: usize,
    font: FontId,
    size: f32,
    out: &mut Vec<Glyph>,
) {
    let face = fonts.face(font);
    let run = &text[start..end];
    let mut buffer = UnicodeBuffer::new();
    buffer.push_str(run);
    buffer.set_cluster_level(BufferClusterLevel::Characters);
    buffer.set_direction(rustybuzz::Direction::LeftToRight);
    buffer.guess_segment_properties();
    let script = buffer.script();
    let key = &face.face as *const Face as usize;
    let shaped = PLANS.with(|plans| {
        let mut plans = plans.borrow_mut();
        let k = match plans.iter().position(|(f, s, _)| *f == key && *s == script) {
            Some(k) => k,
            None => {
                let plan = ShapePlan::new(
                    &face.face,
                    rustybuzz::Direction::LeftToRight,
                    Some(script),
                    None,
                    &[],
                );
                plans.push((key, script, plan));
                plans.len() - 1
            }
        };
        rustybuzz::shape_with_plan(&face.face, &plans[k].2, buffer)
    });
    let infos = shaped.glyph_infos();
    let positions = shaped.glyph_positions();
    let scale = size / face.upem;
    for (k, (info, pos)) in infos.iter().zip(positions).enumerate() {
        let c0 = info.cluster as usize;
        // The cluster's text runs to the next larger cluster start.
        let c1 = infos[k + 1..]
            .iter()
            .map(|i| i.cluster as usize)
            .find(|&c| c > c0)
            .unwrap_or(run.len());
        // A glyph sharing its cluster with an earlier one stands for no text of its own.
        let first_of_cluster = k == 0 || infos[k - 1].cluster != info.cluster;
        let t = if first_of_cluster {
            run.get(c0..c1).unwrap_or("")
        } else {
            ""
        };
        let t = if !t.is_empty()
            && t.chars()
                .all(|c| c.is_whitespace() && c != '\u{a0}' && c != '\u{202f}')
        {
            Cluster::new(" ")
        } else {
            Cluster::new(t)
        };
        out.push(Glyph {
            font,
            id: info.glyph_id as u16,
            size,
            advance: pos.x_advance as f32 * scale,
            dx: pos.x_offset as f32 * scale,
            dy: pos.y_offset as f32 * scale,
            spacing: 0.0,
            text: t,
            deco: 0,
            node: 0,
            notes: Vec::new(),
            anchor: None,
        });
    }
}

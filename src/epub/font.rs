//! Font subsets for the EPUB: only the glyphs the book uses, as a TrueType/OpenType file a
//! reading system accepts.
//!
//! The `subsetter` crate cuts the outlines and metrics, but it is written for PDF and drops
//! what a browser engine needs to use a font on its own: the `cmap` (characters to glyphs)
//! and the `OS/2` table. Browsers (Chromium's OTS sanitizer, WebKit) refuse a font without
//! them, so this module adds them back: a fresh `cmap` for exactly the characters the book
//! uses, the original `OS/2`, `gasp`, and the original `kern` pairs reduced to the subset so
//! the text keeps its kerning.

use crate::shared::bounded::Shared;
use std::collections::{BTreeMap, BTreeSet};

/// A subset font ready to embed.
#[derive(Clone)]
pub struct Subset {
    /// The font file.
    pub bytes: Vec<u8>,
    /// Whether the font has CFF outlines (an `.otf`) rather than TrueType ones (a `.ttf`).
    pub cff: bool,
}

/// Characters the font lacks, returned beside a subset so the writer can warn about them.
pub type Missing = Vec<char>;

/// Subsets made in this process, by face and character set: documents of a batch that use
/// the same characters (most letters of one language do) share one subset. Each subset is
/// 20 to 60 KB; at most twice this many are kept.
static SUBSETS: Shared<(usize, usize, BTreeSet<char>), Made> = Shared::new(16);

/// A subset and the characters the face lacks, or why it could not be made.
type Made = Result<(Subset, Missing), String>;

/// [`subset`], made once per face and character set in a process when the face is one of
/// the process's fonts (bundled, or read once for its life: `fonts::Family`).
// The `Cow` is the point: only borrowed bytes live for the process and may be known by address.
#[allow(clippy::ptr_arg)]
pub fn subset_memoized(
    data: &std::borrow::Cow<'static, [u8]>,
    chars: &BTreeSet<char>,
) -> Result<(Subset, Missing), String> {
    match data {
        std::borrow::Cow::Borrowed(face) => SUBSETS
            .get_or_make((face.as_ptr() as usize, face.len(), chars.clone()), || {
                subset(face, chars)
            }),
        std::borrow::Cow::Owned(face) => subset(face, chars),
    }
}

/// Subsets `data` to the glyphs of `chars`. Characters the font does not have are returned
/// in the second value; a reading system shows them in its own font.
pub fn subset(data: &[u8], chars: &BTreeSet<char>) -> Result<(Subset, Missing), String> {
    let face = ttf_parser::Face::parse(data, 0).map_err(|e| e.to_string())?;
    let mut remapper = subsetter::GlyphRemapper::new();
    let mut map: BTreeMap<u32, u16> = BTreeMap::new();
    let mut missing = Vec::new();
    // Characters in code point order get ascending new glyph ids, so runs of letters make
    // runs in the cmap and its segments stay few.
    for &c in chars {
        match face.glyph_index(c) {
            Some(g) if g.0 != 0 => {
                map.insert(c as u32, remapper.remap(g.0));
            }
            _ => {
                if !c.is_whitespace() && !c.is_control() && !is_format(c) {
                    missing.push(c);
                }
            }
        }
    }
    // A format 4 cmap holds at most about 8000 segments; a book needing more (a large CJK
    // text) gets the whole font instead (the caller's fallback).
    if map.len() > 8000 {
        return Err("too many characters for a subset".into());
    }
    let cut = subsetter::subset(data, 0, &remapper).map_err(|e| e.to_string())?;
    let mut tables = read_tables(&cut).ok_or("the subset font cannot be read back")?;
    tables.insert(*b"cmap", cmap(&map));
    for tag in [*b"OS/2", *b"gasp"] {
        if let Some(t) = table(data, tag) {
            tables.insert(tag, t.to_vec());
        }
    }
    if let Some(kern) = table(data, *b"kern").and_then(|k| subset_kern(k, &remapper)) {
        tables.insert(*b"kern", kern);
    }
    let cff = cut.get(0..4) == Some(b"OTTO");
    Ok((
        Subset {
            bytes: write_font(if cff { *b"OTTO" } else { [0, 1, 0, 0] }, &tables),
            cff,
        },
        missing,
    ))
}

/// Format characters (joiners, marks of direction) need no glyph.
fn is_format(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{ad}')
}

fn be16(d: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(d.get(at..at + 2)?.try_into().ok()?))
}

fn be32(d: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(d.get(at..at + 4)?.try_into().ok()?))
}

/// The table directory of an sfnt file, by tag.
fn read_tables(font: &[u8]) -> Option<BTreeMap<[u8; 4], Vec<u8>>> {
    let count = be16(font, 4)? as usize;
    let mut out = BTreeMap::new();
    for i in 0..count {
        let rec = 12 + 16 * i;
        let tag: [u8; 4] = font.get(rec..rec + 4)?.try_into().ok()?;
        let offset = be32(font, rec + 8)? as usize;
        let len = be32(font, rec + 12)? as usize;
        out.insert(tag, font.get(offset..offset.checked_add(len)?)?.to_vec());
    }
    Some(out)
}

/// One table of an sfnt file.
fn table(font: &[u8], tag: [u8; 4]) -> Option<&[u8]> {
    let count = be16(font, 4)? as usize;
    for i in 0..count {
        let rec = 12 + 16 * i;
        if font.get(rec..rec + 4)? == tag {
            let offset = be32(font, rec + 8)? as usize;
            let len = be32(font, rec + 12)? as usize;
            return font.get(offset..offset.checked_add(len)?);
        }
    }
    None
}

fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, chunk| {
        let mut b = [0u8; 4];
        b[..chunk.len()].copy_from_slice(chunk);
        sum.wrapping_add(u32::from_be_bytes(b))
    })
}

/// Writes an sfnt file from its tables (in tag order, as the format asks), with checksums
/// and the `head` checksum adjustment.
fn write_font(version: [u8; 4], tables: &BTreeMap<[u8; 4], Vec<u8>>) -> Vec<u8> {
    let count = tables.len() as u16;
    let selector = 15 - count.max(1).leading_zeros() as u16;
    let range = (1u16 << selector) * 16;
    let mut out = Vec::new();
    out.extend_from_slice(&version);
    for v in [count, range, selector, count * 16 - range] {
        out.extend_from_slice(&v.to_be_bytes());
    }
    let mut offset = 12 + 16 * tables.len();
    let mut head_at = None;
    for (tag, data) in tables {
        let mut data = data.as_slice();
        let zeroed;
        if tag == b"head" && data.len() >= 12 {
            let mut d = data.to_vec();
            d[8..12].fill(0);
            zeroed = d;
            data = &zeroed;
            head_at = Some(offset + 8);
        }
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        offset += data.len().div_ceil(4) * 4;
    }
    for (tag, data) in tables {
        let start = out.len();
        out.extend_from_slice(data);
        if tag == b"head" && data.len() >= 12 {
            out[start + 8..start + 12].fill(0);
        }
        while out.len() % 4 != 0 {
            out.push(0);
        }
    }
    if let Some(at) = head_at {
        let adjust = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
        out[at..at + 4].copy_from_slice(&adjust.to_be_bytes());
    }
    out
}

/// A `cmap` table for `map` (code point → new glyph id): a format 4 subtable for the Basic
/// Multilingual Plane, and a format 12 one when a character lies beyond it.
fn cmap(map: &BTreeMap<u32, u16>) -> Vec<u8> {
    // Runs of consecutive code points with consecutive glyph ids make one segment each.
    let mut runs: Vec<(u32, u32, u16)> = Vec::new();
    for (&c, &g) in map {
        match runs.last_mut() {
            Some((start, end, g0))
                if *end + 1 == c && u32::from(*g0) + (c - *start) == u32::from(g) =>
            {
                *end = c;
            }
            _ => runs.push((c, c, g)),
        }
    }
    let bmp: Vec<(u16, u16, u16)> = runs
        .iter()
        .filter(|r| r.1 < 0xFFFF)
        .map(|&(s, e, g)| (s as u16, e as u16, g.wrapping_sub(s as u16)))
        .chain(std::iter::once((0xFFFF, 0xFFFF, 1)))
        .collect();
    let seg = bmp.len() as u16;
    let selector = 15 - seg.leading_zeros() as u16;
    let range = 2 * (1u16 << selector);
    let mut f4 = Vec::new();
    let len4 = 16 + 8 * bmp.len();
    for v in [
        4u16,
        len4 as u16,
        0,
        seg * 2,
        range,
        selector,
        seg * 2 - range,
    ] {
        f4.extend_from_slice(&v.to_be_bytes());
    }
    bmp.iter()
        .for_each(|s| f4.extend_from_slice(&s.1.to_be_bytes()));
    f4.extend_from_slice(&[0, 0]);
    bmp.iter()
        .for_each(|s| f4.extend_from_slice(&s.0.to_be_bytes()));
    bmp.iter()
        .for_each(|s| f4.extend_from_slice(&s.2.to_be_bytes()));
    bmp.iter().for_each(|_| f4.extend_from_slice(&[0, 0]));

    let astral = runs.iter().any(|r| r.1 > 0xFFFF);
    let mut f12 = Vec::new();
    if astral {
        f12.extend_from_slice(&12u16.to_be_bytes());
        f12.extend_from_slice(&[0, 0]);
        f12.extend_from_slice(&((16 + 12 * runs.len()) as u32).to_be_bytes());
        f12.extend_from_slice(&0u32.to_be_bytes());
        f12.extend_from_slice(&(runs.len() as u32).to_be_bytes());
        for &(s, e, g) in &runs {
            for v in [s, e, u32::from(g)] {
                f12.extend_from_slice(&v.to_be_bytes());
            }
        }
    }
    let n: u16 = if astral { 2 } else { 1 };
    let mut out = Vec::new();
    out.extend_from_slice(&[0, 0]);
    out.extend_from_slice(&n.to_be_bytes());
    let first = 4 + 8 * u32::from(n);
    out.extend_from_slice(&[0, 3, 0, 1]);
    out.extend_from_slice(&first.to_be_bytes());
    if astral {
        out.extend_from_slice(&[0, 3, 0, 10]);
        out.extend_from_slice(&(first + f4.len() as u32).to_be_bytes());
    }
    out.extend_from_slice(&f4);
    out.extend_from_slice(&f12);
    out
}

/// The `kern` table reduced to the glyphs of the subset, with their new ids. Only the
/// common version 0, format 0 table is kept; anything else is left out (no kerning).
fn subset_kern(kern: &[u8], remapper: &subsetter::GlyphRemapper) -> Option<Vec<u8>> {
    if be16(kern, 0)? != 0 || be16(kern, 2)? == 0 {
        return None;
    }
    // The first subtable only: PT Serif has one.
    let coverage = be16(kern, 8)?;
    if coverage >> 8 != 0 || coverage & 1 == 0 {
        return None;
    }
    let pairs = be16(kern, 10)? as usize;
    // The new id of each old glyph, by index: PT Serif has tens of thousands of pairs, and
    // a hash lookup of both glyphs of each was most of an EPUB's subsetting.
    let mut new_id: Vec<Option<u16>> = Vec::new();
    for (new, old) in remapper.remapped_gids().enumerate() {
        let old = usize::from(old);
        if new_id.len() <= old {
            new_id.resize(old + 1, None);
        }
        new_id[old] = u16::try_from(new).ok();
    }
    let get = |g: u16| new_id.get(usize::from(g)).copied().flatten();
    let mut kept: Vec<(u16, u16, [u8; 2])> = Vec::new();
    let records = kern.get(18..)?;
    for record in records.chunks_exact(6).take(pairs) {
        let l = u16::from_be_bytes([record[0], record[1]]);
        let r = u16::from_be_bytes([record[2], record[3]]);
        if let (Some(l), Some(r)) = (get(l), get(r)) {
            kept.push((l, r, [record[4], record[5]]));
        }
    }
    if kept.is_empty() {
        return None;
    }
    kept.sort_by_key(|&(l, r, _)| (l, r));
    let n = kept.len().min(usize::from(u16::MAX / 6)) as u16;
    let selector = 15 - n.leading_zeros() as u16;
    let range = (1u16 << selector) * 6;
    let mut out = Vec::with_capacity(18 + 6 * n as usize);
    let sub_len = (14 + 6 * n as usize) as u16;
    for v in [0u16, 1, 0, sub_len, 1, n, range, selector, n * 6 - range] {
        out.extend_from_slice(&v.to_be_bytes());
    }
    for &(l, r, v) in kept.iter().take(n as usize) {
        out.extend_from_slice(&l.to_be_bytes());
        out.extend_from_slice(&r.to_be_bytes());
        out.extend_from_slice(&v);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_subset_maps_its_characters_to_the_same_outlines_and_widths() {
        let original = crate::fonts::PT_SERIF_REGULAR;
        let chars: BTreeSet<char> = "Аъѣ№«» 1932".chars().collect();
        let (sub, missing) = subset(original, &chars).unwrap();
        assert!(missing.is_empty(), "{missing:?}");
        assert!(!sub.cff && sub.bytes.len() * 10 < original.len());
        let a = ttf_parser::Face::parse(original, 0).unwrap();
        let b = ttf_parser::Face::parse(&sub.bytes, 0).unwrap();
        for c in chars {
            let (ga, gb) = (a.glyph_index(c).unwrap(), b.glyph_index(c).unwrap());
            assert_eq!(a.glyph_hor_advance(ga), b.glyph_hor_advance(gb), "{c}");
            assert_eq!(a.glyph_bounding_box(ga), b.glyph_bounding_box(gb), "{c}");
        }
        assert!(
            b.glyph_index('Б').is_none(),
            "only the characters asked for"
        );
        assert!(b.tables().os2.is_some() && b.tables().kern.is_some());
    }

    #[test]
    fn characters_the_font_lacks_are_reported() {
        let chars: BTreeSet<char> = ['a', '\u{1D538}', ' '].into_iter().collect();
        let (_, missing) = subset(crate::fonts::PT_SERIF_REGULAR, &chars).unwrap();
        assert_eq!(missing, vec!['\u{1D538}']);
    }

    #[test]
    fn a_broken_font_is_an_error_not_a_panic() {
        let chars: BTreeSet<char> = ['a'].into_iter().collect();
        assert!(subset(b"not a font", &chars).is_err());
        assert!(subset(&crate::fonts::PT_SERIF_REGULAR[..2000], &chars).is_err());
    }
}

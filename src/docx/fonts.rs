//! Embedded fonts: subsetting that keeps a font usable for editing, and the obfuscation
//! ECMA-376 Part 1 §17.8.1 asks of fonts stored in a WordprocessingML package.
//!
//! The `subsetter` crate makes PDF subsets: it drops `cmap` and renumbers glyphs, which
//! leaves a font no word processor can use. Here a subset keeps every table and every glyph
//! index; only the outlines of the characters the document does not use are emptied, so the
//! `cmap`, the OpenType layout tables and the metrics stay valid as they are. Unencoded
//! glyphs (ligatures, alternates reached through GSUB) and the parts of composite glyphs
//! are kept, so whatever a shaper substitutes still has an outline.

use sha2::{Digest, Sha256};
use std::collections::BTreeSet;

/// Tables left out of an embedded font: a digital signature no longer matches a changed
/// font, `kern` repeats GPOS kerning (PT Serif has both) and is the largest table, and
/// `hdmx`/`LTSH` are device metrics for old rasterisers.
const DROPPED: [&[u8; 4]; 4] = [b"DSIG", b"kern", b"hdmx", b"LTSH"];

/// A font table: tag and bytes.
struct Table<'a> {
    tag: [u8; 4],
    data: std::borrow::Cow<'a, [u8]>,
}

fn u16_at(d: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(d.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(d: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(d.get(at..at + 4)?.try_into().ok()?))
}

/// The tables of a TrueType font, in directory order; `None` if the font is not a plain
/// sfnt (a collection, say).
fn tables(font: &[u8]) -> Option<Vec<Table<'_>>> {
    let version = u32_at(font, 0)?;
    if version != 0x0001_0000 && &font[..4] != b"OTTO" && &font[..4] != b"true" {
        return None;
    }
    let count = u16_at(font, 4)? as usize;
    let mut out = Vec::with_capacity(count);
    for i in 0..count {
        let rec = 12 + 16 * i;
        let tag: [u8; 4] = font.get(rec..rec + 4)?.try_into().ok()?;
        let offset = u32_at(font, rec + 8)? as usize;
        let length = u32_at(font, rec + 12)? as usize;
        let data = font.get(offset..offset.checked_add(length)?)?;
        out.push(Table {
            tag,
            data: std::borrow::Cow::Borrowed(data),
        });
    }
    Some(out)
}

/// The font with only the outlines of `chars` (and of every glyph no character maps to),
/// or `None` when the font cannot be subset this way (CFF outlines, a malformed table):
/// the caller then embeds the whole font.
pub fn subset(font: &[u8], chars: &BTreeSet<char>) -> Option<Vec<u8>> {
    let face = ttf_parser::Face::parse(font, 0).ok()?;
    let tables = tables(font)?;
    let find = |tag: &[u8; 4]| tables.iter().find(|t| &t.tag == tag);
    let head = find(b"head")?.data.clone();
    let glyf = find(b"glyf")?.data.clone();
    let loca = find(b"loca")?.data.clone();
    let glyph_count = face.number_of_glyphs() as usize;
    let long = u16_at(&head, 50)? == 1;
    let offset = |g: usize| -> Option<usize> {
        if long {
            u32_at(&loca, g * 4).map(|o| o as usize)
        } else {
            u16_at(&loca, g * 2).map(|o| o as usize * 2)
        }
    };

    // Glyphs to keep: those of the document's characters, .notdef, and every glyph that no
    // character maps to (reached only through layout tables).
    let mut keep = vec![false; glyph_count];
    let mut encoded = vec![false; glyph_count];
    if let Some(cmap) = face.tables().cmap {
        for sub in cmap.subtables {
            if !sub.is_unicode() {
                continue;
            }
            sub.codepoints(|cp| {
                if let Some(g) = sub.glyph_index(cp) {
                    if let Some(e) = encoded.get_mut(g.0 as usize) {
                        *e = true;
                    }
                }
            });
        }
    }
    for (g, e) in encoded.iter().enumerate() {
        if !e {
            keep[g] = true;
        }
    }
    for &c in chars {
        if let Some(g) = face.glyph_index(c) {
            if let Some(k) = keep.get_mut(g.0 as usize) {
                *k = true;
            }
        }
    }
    // Composite glyphs need their components.
    let mut stack: Vec<usize> = (0..glyph_count).filter(|&g| keep[g]).collect();
    while let Some(g) = stack.pop() {
        let (start, end) = (offset(g)?, offset(g + 1)?);
        let data = glyf.get(start..end)?;
        if data.len() < 10 || (data[0] as i8) >= 0 {
            continue;
        }
        // A composite: numberOfContours < 0; components follow the 10-byte header.
        let mut at = 10;
        loop {
            let flags = u16_at(data, at)?;
            let component = u16_at(data, at + 2)? as usize;
            if component < glyph_count && !keep[component] {
                keep[component] = true;
                stack.push(component);
            }
            at += 4 + if flags & 0x0001 != 0 { 4 } else { 2 };
            at += if flags & 0x0008 != 0 {
                2
            } else if flags & 0x0040 != 0 {
                4
            } else if flags & 0x0080 != 0 {
                8
            } else {
                0
            };
            if flags & 0x0020 == 0 {
                break;
            }
        }
    }

    // New glyf and a long loca: emptied glyphs take no bytes.
    let mut new_glyf = Vec::with_capacity(glyf.len() / 3);
    let mut new_loca = Vec::with_capacity((glyph_count + 1) * 4);
    for (g, &k) in keep.iter().enumerate() {
        new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
        if k {
            let (start, end) = (offset(g)?, offset(g + 1)?);
            new_glyf.extend_from_slice(glyf.get(start..end)?);
            while new_glyf.len() % 4 != 0 {
                new_glyf.push(0);
            }
        }
    }
    new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
    let mut new_head = head.to_vec();
    new_head
        .get_mut(50..52)?
        .copy_from_slice(&1u16.to_be_bytes());
    // checkSumAdjustment is recomputed over the whole font below.
    new_head.get_mut(8..12)?.copy_from_slice(&[0; 4]);

    let mut out_tables: Vec<Table<'_>> = Vec::with_capacity(tables.len());
    for t in tables {
        if DROPPED.contains(&&t.tag) {
            continue;
        }
        let data = match &t.tag {
            b"glyf" => std::borrow::Cow::Owned(std::mem::take(&mut new_glyf)),
            b"loca" => std::borrow::Cow::Owned(std::mem::take(&mut new_loca)),
            b"head" => std::borrow::Cow::Owned(std::mem::take(&mut new_head)),
            _ => t.data,
        };
        out_tables.push(Table { tag: t.tag, data });
    }
    Some(assemble(&out_tables))
}

/// Writes an sfnt from tables (already in tag order, as the source directory was), with
/// table checksums and the head checksum adjustment.
fn assemble(tables: &[Table<'_>]) -> Vec<u8> {
    // The directory's binary-search fields, computed in u32 so no table count overflows.
    let count = tables.len().min(u16::MAX as usize) as u32;
    let mut power = 1u32;
    let mut log = 0u32;
    while power * 2 <= count {
        power *= 2;
        log += 1;
    }
    let search_range = power * 16;
    let mut out = Vec::new();
    out.extend_from_slice(&0x0001_0000u32.to_be_bytes());
    out.extend_from_slice(&(count as u16).to_be_bytes());
    out.extend_from_slice(&(search_range as u16).to_be_bytes());
    out.extend_from_slice(&(log as u16).to_be_bytes());
    out.extend_from_slice(&((count * 16).saturating_sub(search_range) as u16).to_be_bytes());
    let mut offset = 12 + 16 * tables.len();
    let mut head_at = None;
    for t in tables {
        out.extend_from_slice(&t.tag);
        out.extend_from_slice(&checksum(&t.data).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(t.data.len() as u32).to_be_bytes());
        if &t.tag == b"head" {
            head_at = Some(offset);
        }
        offset += t.data.len().div_ceil(4) * 4;
    }
    for t in tables {
        out.extend_from_slice(&t.data);
        while out.len() % 4 != 0 {
            out.push(0);
        }
    }
    if let Some(at) = head_at {
        let adjustment = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
        if let Some(slot) = out.get_mut(at + 8..at + 12) {
            slot.copy_from_slice(&adjustment.to_be_bytes());
        }
    }
    out
}

/// The sfnt checksum: the sum of big-endian u32 words, the last one zero-padded.
fn checksum(data: &[u8]) -> u32 {
    let mut sum = 0u32;
    let mut chunks = data.chunks_exact(4);
    for c in &mut chunks {
        sum = sum.wrapping_add(u32::from_be_bytes([c[0], c[1], c[2], c[3]]));
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut last = [0u8; 4];
        last[..rest.len()].copy_from_slice(rest);
        sum = sum.wrapping_add(u32::from_be_bytes(last));
    }
    sum
}

/// A font key (GUID, "{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}") derived from the font (its
/// length, table directory and first bytes: enough to tell faces apart, cheaper than
/// hashing it all), so the same font gets the same key in every run: no random ids.
pub fn font_key(font: &[u8], slot: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(slot.as_bytes());
    hasher.update((font.len() as u64).to_be_bytes());
    hasher.update(&font[..font.len().min(4096)]);
    let h = hasher.finalize();
    let hex: String = h[..16].iter().map(|b| format!("{b:02X}")).collect();
    format!(
        "{{{}-{}-{}-{}-{}}}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// Obfuscates a font for `w:embedRegular` and its kin (§17.8.1): the GUID's 32 hex digits,
/// read as 16 bytes from the last pair to the first, are XORed over the font's first 32
/// bytes (twice, 16 bytes at a time). The same operation undoes it.
pub fn obfuscate(font: &mut [u8], key: &str) {
    let digits: Vec<u8> = key
        .bytes()
        .filter(u8::is_ascii_hexdigit)
        .map(|b| match b {
            b'0'..=b'9' => b - b'0',
            b'a'..=b'f' => b - b'a' + 10,
            _ => b - b'A' + 10,
        })
        .collect();
    if digits.len() != 32 {
        return;
    }
    let mut bytes = [0u8; 16];
    for (i, b) in bytes.iter_mut().enumerate() {
        let pair = 15 - i;
        *b = digits[pair * 2] * 16 + digits[pair * 2 + 1];
    }
    for (i, byte) in font.iter_mut().take(32).enumerate() {
        *byte ^= bytes[i % 16];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn obfuscation_follows_the_guid_byte_order() {
        // The example of ECMA-376 Part 1 §17.8.1: key {xx..} reversed pairwise.
        let key = "{00112233-4455-6677-8899-AABBCCDDEEFF}";
        let mut font = vec![0u8; 40];
        obfuscate(&mut font, key);
        assert_eq!(
            font[0], 0xFF,
            "the first font byte takes the last GUID byte"
        );
        assert_eq!(font[15], 0x00);
        assert_eq!(font[16], 0xFF, "the second 16 bytes take the key again");
        assert_eq!(font[32], 0, "bytes after the 32nd are untouched");
        obfuscate(&mut font, key);
        assert!(font.iter().all(|&b| b == 0), "obfuscating twice restores");
    }

    #[test]
    fn a_subset_keeps_glyph_indices_and_the_used_outlines() {
        let font = crate::fonts::PT_SERIF_REGULAR;
        let chars: BTreeSet<char> = "Пиьсмо".chars().collect();
        let small = subset(font, &chars).expect("PT Serif subsets");
        assert!(small.len() < font.len() / 2, "{} bytes", small.len());
        let a = ttf_parser::Face::parse(font, 0).unwrap();
        let b = ttf_parser::Face::parse(&small, 0).expect("the subset parses");
        assert_eq!(a.number_of_glyphs(), b.number_of_glyphs());
        let g = b.glyph_index('П').unwrap();
        assert_eq!(a.glyph_index('П'), Some(g));
        assert!(
            b.glyph_bounding_box(g).is_some(),
            "a used glyph keeps its outline"
        );
        let unused = b.glyph_index('Ж').unwrap();
        assert!(
            b.glyph_bounding_box(unused).is_none(),
            "an unused one is emptied"
        );
    }
}

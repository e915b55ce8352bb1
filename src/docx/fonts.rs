//! Embedded fonts: subsets a word processor can edit with, and the obfuscation ECMA-376
//! Part 1 §17.8.1 asks of fonts stored in a WordprocessingML package.
//!
//! The `subsetter` crate makes PDF subsets (no `cmap`, no layout tables), which no word
//! processor can use. `skera`, fontations' port of HarfBuzz's hb-subset, makes a real
//! subset: the glyphs of the requested characters (and what GSUB reaches from them), a
//! `cmap` for exactly those characters, GSUB/GPOS/GDEF, `OS/2`, `name` and the metrics cut to
//! match. A character the subset lacks is then simply absent from its `cmap`, so Word and
//! LibreOffice draw it in a fallback font instead of a blank.

use crate::shared::bounded::Shared;
use sha2::{Digest, Sha256};
use skrifa::raw::collections::IntSet;
use skrifa::raw::types::{NameId, Tag};
use skrifa::raw::FontRef;
use std::borrow::Cow;
use std::collections::BTreeSet;

/// Subsets made in this process, by face and character set: documents of a batch that use
/// the same characters share one (hb-subset's closure is most of a DOCX's time). At most
/// twice this many are kept, each 20 to 60 KB.
static SUBSETS: Shared<(usize, usize, BTreeSet<char>), Option<Vec<u8>>> = Shared::new(16);

/// [`subset`], made once per face and character set in a process when the face is one of
/// the process's fonts (bundled, or read once for its life: `fonts::Family`).
// The `Cow` is the point: only borrowed bytes live for the process and may be known by address.
#[allow(clippy::ptr_arg)]
pub fn subset_memoized(font: &Cow<'static, [u8]>, chars: &BTreeSet<char>) -> Option<Vec<u8>> {
    match font {
        Cow::Borrowed(face) => SUBSETS
            .get_or_make((face.as_ptr() as usize, face.len(), chars.clone()), || {
                subset(face, chars)
            }),
        Cow::Owned(face) => subset(face, chars),
    }
}

/// The font cut to `chars` (and the glyphs its layout tables reach from them), with every
/// `name` record kept (the licence and the family names a word processor matches), or
/// `None` when the font cannot be subset (a collection, a malformed table): the caller
/// then embeds the whole font.
pub fn subset(font: &[u8], chars: &BTreeSet<char>) -> Option<Vec<u8>> {
    let face = FontRef::new(font).ok()?;
    let unicodes: IntSet<u32> = chars.iter().map(|&c| c as u32).collect();
    // Tables HarfBuzz drops by default (AAT and Graphite layout, bitmaps, signatures), and
    // `kern`: GPOS holds the same kerning, and `kern` is PT Serif's largest table.
    let dropped: IntSet<Tag> = [
        b"morx", b"mort", b"kerx", b"kern", b"JSTF", b"DSIG", b"EBDT", b"EBLC", b"EBSC", b"SVG ",
        b"PCLT", b"LTSH", b"feat", b"Glat", b"Gloc", b"Silf", b"Sill", b"hdmx",
    ]
    .into_iter()
    .map(Tag::new)
    .collect();
    let mut scripts = IntSet::<Tag>::empty();
    scripts.invert();
    let mut features = IntSet::<Tag>::empty();
    features.extend(skera::DEFAULT_LAYOUT_FEATURES.iter().copied());
    let mut name_ids = IntSet::<NameId>::empty();
    name_ids.insert_range(NameId::from(0)..=NameId::from(25));
    // English and Russian names (Windows language ids): what the font's own name table has.
    let languages: IntSet<u16> = [0x0409, 0x0419].into_iter().collect();
    // Without the hinting instructions (more than half of PT Serif's glyph bytes): word
    // processors render outlines unhinted or autohinted at today's resolutions.
    let plan = skera::Plan::new(
        &IntSet::empty(),
        &unicodes,
        &face,
        skera::SubsetFlags::SUBSET_FLAGS_NO_HINTING,
        &dropped,
        &scripts,
        &features,
        &name_ids,
        &languages,
    );
    skera::subset_font(&face, &plan).ok()
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
    fn a_subset_maps_only_its_characters_and_keeps_their_outlines() {
        let font = crate::fonts::PT_SERIF_REGULAR;
        let chars: BTreeSet<char> = "Пиьсмо".chars().collect();
        let small = subset(font, &chars).expect("PT Serif subsets");
        assert!(small.len() < font.len() / 10, "{} bytes", small.len());
        let b = ttf_parser::Face::parse(&small, 0).expect("the subset parses");
        let g = b.glyph_index('П').expect("a used character is in the cmap");
        assert!(
            b.glyph_bounding_box(g).is_some(),
            "a used glyph keeps its outline"
        );
        assert_eq!(
            b.glyph_index('Ж'),
            None,
            "an unused character is not mapped, so it falls back to another font"
        );
        for table in [
            b"cmap", b"OS/2", b"name", b"GPOS", b"GSUB", b"hhea", b"post",
        ] {
            assert!(
                b.raw_face()
                    .table(ttf_parser::Tag::from_bytes(table))
                    .is_some(),
                "the subset keeps {}",
                String::from_utf8_lossy(table)
            );
        }
        assert_eq!(
            b.names()
                .into_iter()
                .find(|n| n.name_id == ttf_parser::name_id::FAMILY && n.is_unicode())
                .and_then(|n| n.to_string())
                .as_deref(),
            Some("PT Serif"),
            "the family name a word processor matches is kept"
        );
    }
}

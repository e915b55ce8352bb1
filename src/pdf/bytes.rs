//! Pages to PDF bytes, written with lopdf: Type 0 fonts with Identity-H encoding whose glyphs
//! are the shaped glyph ids (subset with the `subsetter` crate), a ToUnicode map from the
//! shaped clusters so text extraction gives back the source, outlines, page labels and
//! metadata. Everything is ordered, hashed or counted — never timed or random — so the same
//! input gives the same bytes.

use crate::layout::font::{Cluster, FontId, FontSet};
use crate::layout::{Item, Laid};
use lopdf::{dictionary, Dictionary, Object, ObjectId, Stream, StringFormat};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;

/// Document-level information written into the PDF.
pub struct Meta {
    /// Title.
    pub title: String,
    /// Authors, joined.
    pub author: String,
    /// Subject.
    pub subject: String,
    /// Keywords.
    pub keywords: String,
    /// Language (BCP 47 primary tag, "ru").
    pub lang: String,
    /// The date written as creation and modification date, "D:…" form.
    pub date: String,
}

/// Writes the pages as PDF bytes.
pub fn write(laid: &Laid, meta: &Meta) -> Result<Vec<u8>, String> {
    let fonts = laid.fonts;
    // 1. The glyphs each face uses, with the text each stands for (first use wins), in
    // tables by glyph id.
    let mut seen: Vec<Vec<Option<Cluster>>> = vec![Vec::new(); 256];
    for page in &laid.pages {
        for item in &page.items {
            if let Item::Text { glyphs, .. } = item {
                for g in glyphs {
                    let table = &mut seen[g.font as usize];
                    let id = g.id as usize;
                    if table.len() <= id {
                        table.resize(id + 1, None);
                    }
                    match &mut table[id] {
                        Some(t) if t.is_empty() && !g.text.is_empty() => *t = g.text,
                        Some(_) => {}
                        slot => *slot = Some(g.text),
                    }
                }
            }
        }
    }
    let mut used: BTreeMap<FontId, BTreeMap<u16, String>> = BTreeMap::new();
    for (f, table) in seen.iter().enumerate() {
        for (id, t) in table.iter().enumerate() {
            if let Some(t) = t {
                used.entry(f as FontId)
                    .or_default()
                    .insert(id as u16, t.to_string());
            }
        }
    }
    let mut doc = lopdf::Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    // 2. Fonts: subset, embed, map.
    let mut font_refs = Dictionary::new();
    // Glyph id to CID, a table per face.
    let mut cid_of: Vec<Vec<u16>> = vec![Vec::new(); 256];
    for (&fid, glyphs) in &used {
        let (obj, map) = embed_font(&mut doc, fonts, fid, glyphs)?;
        font_refs.set(format!("F{fid}"), Object::Reference(obj));
        let table = &mut cid_of[fid as usize];
        for (g, c) in map {
            if table.len() <= g as usize {
                table.resize(g as usize + 1, 0);
            }
            table[g as usize] = c;
        }
    }
    let resources = doc.add_object(dictionary! { "Font" => font_refs });
    // 3. Pages.
    let mut kids = Vec::new();
    let mut page_ids = Vec::new();
    // A file identifier from the content itself: stable for the same input.
    let mut hash = Sha256::new();
    hash.update(meta.title.as_bytes());
    for page in &laid.pages {
        let content = content_stream(page, &cid_of);
        hash.update(&content);
        let stream = Stream::new(Dictionary::new(), deflate(&content)).with_compression(false);
        let mut stream = stream;
        stream.dict.set("Filter", "FlateDecode");
        let cid = doc.add_object(stream);
        let pid = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "MediaBox" => vec![0.into(), 0.into(), real(page.width), real(page.height)],
            "Resources" => resources,
            "Contents" => cid,
        });
        kids.push(Object::Reference(pid));
        page_ids.push(pid);
    }
    // Links (the index's page numbers): annotations going to a place on a page.
    for (page, pid) in laid.pages.iter().zip(&page_ids) {
        let mut annots = Vec::new();
        for item in &page.items {
            if let Item::Link {
                x,
                y,
                w,
                h,
                page: to,
                to_y,
            } = item
            {
                let Some(target) = page_ids.get(*to) else {
                    continue;
                };
                let th = laid.pages[*to].height;
                let annot = doc.add_object(dictionary! {
                    "Type" => "Annot",
                    "Subtype" => "Link",
                    "Rect" => vec![real(*x), real(page.height - y - h), real(x + w), real(page.height - y)],
                    "Border" => vec![0.into(), 0.into(), 0.into()],
                    "Dest" => vec![(*target).into(), "XYZ".into(), 0.into(), real(th - to_y + 12.0), Object::Null],
                });
                annots.push(Object::Reference(annot));
            }
        }
        if !annots.is_empty() {
            if let Ok(Object::Dictionary(d)) = doc.get_object_mut(*pid) {
                d.set("Annots", annots);
            }
        }
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    // 4. Outline: one entry per document.
    let mut catalog = dictionary! {
        "Type" => "Catalog",
        "Pages" => pages_id,
        "PageLabels" => dictionary! { "Nums" => vec![0.into(), Object::Dictionary(dictionary! { "S" => "D" })] },
        "Lang" => Object::String(meta.lang.as_bytes().to_vec(), StringFormat::Literal),
        "ViewerPreferences" => dictionary! { "DisplayDocTitle" => true },
    };
    if !laid.bookmarks.is_empty() && !page_ids.is_empty() {
        let outlines_id = doc.new_object_id();
        let ids: Vec<ObjectId> = laid.bookmarks.iter().map(|_| doc.new_object_id()).collect();
        for (k, b) in laid.bookmarks.iter().enumerate() {
            let page = page_ids[b.page.min(page_ids.len() - 1)];
            let height = laid.pages.get(b.page).map_or(0.0, |p| p.height);
            let mut d = dictionary! {
                "Title" => text_string(&b.title),
                "Parent" => outlines_id,
                "Dest" => vec![page.into(), "XYZ".into(), 0.into(), real(height - b.y + 12.0), Object::Null],
            };
            if k > 0 {
                d.set("Prev", ids[k - 1]);
            }
            if k + 1 < ids.len() {
                d.set("Next", ids[k + 1]);
            }
            doc.objects.insert(ids[k], Object::Dictionary(d));
        }
        doc.objects.insert(
            outlines_id,
            Object::Dictionary(dictionary! {
                "Type" => "Outlines",
                "First" => ids[0],
                "Last" => ids[ids.len() - 1],
                "Count" => ids.len() as i64,
            }),
        );
        catalog.set("Outlines", outlines_id);
        catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    }
    let catalog_id = doc.add_object(catalog);
    let info_id = doc.add_object(dictionary! {
        "Title" => text_string(&meta.title),
        "Author" => text_string(&meta.author),
        "Subject" => text_string(&meta.subject),
        "Keywords" => text_string(&meta.keywords),
        "Creator" => text_string("folio"),
        "Producer" => text_string(concat!("folio ", env!("CARGO_PKG_VERSION"))),
        "CreationDate" => Object::String(meta.date.as_bytes().to_vec(), StringFormat::Literal),
        "ModDate" => Object::String(meta.date.as_bytes().to_vec(), StringFormat::Literal),
    });
    doc.trailer.set("Root", catalog_id);
    doc.trailer.set("Info", info_id);
    let id = hash.finalize()[..16].to_vec();
    doc.trailer.set(
        "ID",
        vec![
            Object::String(id.clone(), StringFormat::Hexadecimal),
            Object::String(id, StringFormat::Hexadecimal),
        ],
    );
    let mut out = Vec::new();
    doc.save_to(&mut out).map_err(|e| e.to_string())?;
    Ok(out)
}

fn deflate(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    // Writing to a Vec cannot fail.
    let _ = e.write_all(data);
    e.finish().unwrap_or_default()
}

fn real(v: f32) -> Object {
    Object::Real((v * 1000.0).round() / 1000.0)
}

/// A PDF text string: UTF-16BE with a byte order mark, so any script survives.
fn text_string(s: &str) -> Object {
    let mut b = vec![0xFE, 0xFF];
    for u in s.encode_utf16() {
        b.extend_from_slice(&u.to_be_bytes());
    }
    Object::String(b, StringFormat::Hexadecimal)
}

/// Embeds face `fid` subset to `glyphs`; returns the Type 0 font and the glyph → CID map.
fn embed_font(
    doc: &mut lopdf::Document,
    fonts: &FontSet,
    fid: FontId,
    glyphs: &BTreeMap<u16, String>,
) -> Result<(ObjectId, BTreeMap<u16, u16>), String> {
    let face = fonts.face(fid);
    let mut remapper = subsetter::GlyphRemapper::new();
    remapper.remap(0);
    for &g in glyphs.keys() {
        remapper.remap(g);
    }
    let data = subsetter::subset(face.data, 0, &remapper)
        .map_err(|e| format!("cannot subset the font {}: {e}", face.ps_name))?;
    let mut map = BTreeMap::new();
    for &g in glyphs.keys() {
        if let Some(n) = remapper.get(g) {
            map.insert(g, n);
        }
    }
    // A subset tag from the glyph set: six capitals, the same for the same glyphs.
    let mut h = Sha256::new();
    h.update(face.ps_name.as_bytes());
    for g in glyphs.keys() {
        h.update(g.to_be_bytes());
    }
    let digest = h.finalize();
    let tag: String = digest[..6]
        .iter()
        .map(|b| (b'A' + b % 26) as char)
        .collect();
    let name = format!("{tag}+{}", face.ps_name);
    let cff = data.starts_with(b"OTTO");
    let mut file = Stream::new(
        dictionary! { "Length1" => data.len() as i64, "Filter" => "FlateDecode" },
        deflate(&data),
    )
    .with_compression(false);
    if cff {
        file.dict.set("Subtype", "OpenType");
    }
    let file_id = doc.add_object(file);
    let f = &face.face;
    let k = 1000.0 / face.upem;
    let bbox = f.global_bounding_box();
    let mut flags = 4 | 2; // symbolic (a CID font), serif
    if f.is_italic() {
        flags |= 64;
    }
    let mut descriptor = dictionary! {
        "Type" => "FontDescriptor",
        "FontName" => Object::Name(name.clone().into_bytes()),
        "Flags" => flags,
        "FontBBox" => vec![real(bbox.x_min as f32 * k), real(bbox.y_min as f32 * k), real(bbox.x_max as f32 * k), real(bbox.y_max as f32 * k)],
        "ItalicAngle" => real(f.italic_angle()),
        "Ascent" => real(f.ascender() as f32 * k),
        "Descent" => real(f.descender() as f32 * k),
        "CapHeight" => real(f.capital_height().unwrap_or(f.ascender()) as f32 * k),
        "StemV" => 80,
    };
    descriptor.set(if cff { "FontFile3" } else { "FontFile2" }, file_id);
    let descriptor_id = doc.add_object(descriptor);
    // Widths by CID, in order: CID n is the n-th remapped glyph.
    let mut by_cid: BTreeMap<u16, u16> = BTreeMap::new();
    by_cid.insert(0, 0);
    for (&g, &c) in &map {
        by_cid.insert(c, g);
    }
    let widths: Vec<Object> = by_cid
        .values()
        .map(|&g| Object::Integer(face.advance_1000(g).round() as i64))
        .collect();
    let mut cid_font = dictionary! {
        "Type" => "Font",
        "Subtype" => if cff { "CIDFontType0" } else { "CIDFontType2" },
        "BaseFont" => Object::Name(name.clone().into_bytes()),
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("Identity"),
            "Supplement" => 0,
        },
        "FontDescriptor" => descriptor_id,
        "W" => vec![0.into(), Object::Array(widths)],
    };
    if !cff {
        cid_font.set("CIDToGIDMap", "Identity");
    }
    let cid_font_id = doc.add_object(cid_font);
    let cmap = to_unicode(glyphs, &map);
    let mut cmap_stream =
        Stream::new(Dictionary::new(), deflate(cmap.as_bytes())).with_compression(false);
    cmap_stream.dict.set("Filter", "FlateDecode");
    let cmap_id = doc.add_object(cmap_stream);
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => Object::Name(name.into_bytes()),
        "Encoding" => "Identity-H",
        "DescendantFonts" => vec![cid_font_id.into()],
        "ToUnicode" => cmap_id,
    });
    Ok((font_id, map))
}

/// The ToUnicode CMap: each CID to the text its glyph was shaped from.
fn to_unicode(glyphs: &BTreeMap<u16, String>, map: &BTreeMap<u16, u16>) -> String {
    let mut entries: Vec<(u16, String)> = Vec::new();
    for (g, text) in glyphs {
        let Some(&cid) = map.get(g) else { continue };
        if text.is_empty() {
            continue;
        }
        let text = text.replace(['\u{a0}', '\u{202f}'], " ");
        let mut hex = String::new();
        for u in text.encode_utf16() {
            let _ = write!(hex, "{u:04X}");
        }
        entries.push((cid, hex));
    }
    entries.sort();
    let mut s = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    for chunk in entries.chunks(100) {
        let _ = writeln!(s, "{} beginbfchar", chunk.len());
        for (cid, hex) in chunk {
            let _ = writeln!(s, "<{cid:04X}> <{hex}>");
        }
        s.push_str("endbfchar\n");
    }
    s.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    s
}

/// A number as PDF content writes it: at most three decimals, no trailing zeros. Written
/// by hand: float formatting was the costliest part of writing a page.
fn num(out: &mut String, v: f32) {
    let mut m = (v as f64 * 1000.0).round() as i64;
    if m < 0 {
        out.push('-');
        m = -m;
    }
    let int = m / 1000;
    let mut frac = m % 1000;
    let _ = write!(out, "{int}");
    if frac != 0 {
        out.push('.');
        let mut digits = 3;
        while frac % 10 == 0 {
            frac /= 10;
            digits -= 1;
        }
        let _ = write!(out, "{frac:0digits$}");
    }
}

/// A glyph's CID as a four-digit hex string, `<00AB>`.
fn hex4(out: &mut String, v: u16) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.push('<');
    for shift in [12, 8, 4, 0] {
        out.push(HEX[((v >> shift) & 0xF) as usize] as char);
    }
    out.push('>');
}

/// The content stream of one page.
fn content_stream(page: &crate::layout::Page, cid_of: &[Vec<u16>]) -> Vec<u8> {
    let mut s = String::with_capacity(8192);
    let h = page.height;
    // Inside an ActualText span no inner span opens (readers do not nest them).
    let mut in_actual = false;
    for item in &page.items {
        match item {
            Item::Text { y, glyphs } => {
                let Some(first) = glyphs.first() else {
                    continue;
                };
                s.push_str("BT\n");
                let mut font: Option<(FontId, f32)> = None;
                let mut tc = 0.0f32;
                let mut ts = 0.0f32;
                let mut pen = first.x;
                s.push_str("1 0 0 1 ");
                num(&mut s, first.x);
                s.push(' ');
                num(&mut s, h - y);
                s.push_str(" Tm\n");
                let mut open = false;
                let mut in_span = false;
                for (k, g) in glyphs.iter().enumerate() {
                    let new_font = font != Some((g.font, g.size));
                    let new_tc = (g.spacing - tc).abs() > 0.0005;
                    let new_ts = (g.rise - ts).abs() > 0.0005;
                    if (new_font || new_tc || new_ts) && open {
                        s.push_str("] TJ\n");
                        open = false;
                    }
                    if new_font {
                        let _ = write!(s, "/F{} ", g.font);
                        num(&mut s, g.size);
                        s.push_str(" Tf\n");
                        font = Some((g.font, g.size));
                    }
                    if new_tc {
                        num(&mut s, g.spacing);
                        s.push_str(" Tc\n");
                        tc = g.spacing;
                    }
                    if new_ts {
                        num(&mut s, g.rise);
                        s.push_str(" Ts\n");
                        ts = g.rise;
                    }
                    // Letter-spaced text would extract as single letters: an ActualText
                    // span gives readers the word as written.
                    if (g.spaced && !in_actual) != in_span {
                        if open {
                            s.push_str("] TJ\n");
                            open = false;
                        }
                        if in_span {
                            s.push_str("EMC\n");
                        } else {
                            let run: String = glyphs[k..]
                                .iter()
                                .take_while(|x| x.spaced)
                                .map(|x| x.text.replace('\u{a0}', " "))
                                .collect();
                            s.push_str("/Span << /ActualText <FEFF");
                            for u in run.encode_utf16() {
                                let _ = write!(s, "{u:04X}");
                            }
                            s.push_str("> >> BDC\n");
                        }
                        in_span = !in_span;
                    }
                    if !open {
                        s.push('[');
                        open = true;
                    }
                    let delta = g.x - pen;
                    if delta.abs() > 0.001 {
                        num(&mut s, -delta * 1000.0 / g.size);
                    }
                    let cid = cid_of
                        .get(g.font as usize)
                        .and_then(|m| m.get(g.id as usize))
                        .copied()
                        .unwrap_or(0);
                    hex4(&mut s, cid);
                    pen = g.x + g.width + g.spacing;
                }
                if open {
                    s.push_str("] TJ\n");
                }
                if in_span {
                    s.push_str("EMC\n");
                }
                // Rise and character spacing outlive ET: reset them for the next run.
                if ts != 0.0 {
                    s.push_str("0 Ts\n");
                }
                if tc != 0.0 {
                    s.push_str("0 Tc\n");
                }
                s.push_str("ET\n");
            }
            Item::Rule {
                x1,
                y1,
                x2,
                y2,
                width,
            } => {
                num(&mut s, *width);
                s.push_str(" w ");
                num(&mut s, *x1);
                s.push(' ');
                num(&mut s, h - y1);
                s.push_str(" m ");
                num(&mut s, *x2);
                s.push(' ');
                num(&mut s, h - y2);
                s.push_str(" l S\n");
            }
            Item::Actual(Some(text)) => {
                in_actual = true;
                s.push_str("/Span << /ActualText <FEFF");
                for u in text.encode_utf16() {
                    let _ = write!(s, "{u:04X}");
                }
                s.push_str("> >> BDC\n");
            }
            Item::Actual(None) => {
                in_actual = false;
                s.push_str("EMC\n");
            }
            // Anchors draw nothing; links are annotations, written with the page.
            Item::Anchor { .. } | Item::Link { .. } => {}
            Item::Frame {
                x,
                y,
                w,
                h: fh,
                width,
            } => {
                num(&mut s, *width);
                s.push_str(" w ");
                num(&mut s, *x);
                s.push(' ');
                num(&mut s, h - y - fh);
                s.push(' ');
                num(&mut s, *w);
                s.push(' ');
                num(&mut s, *fh);
                s.push_str(" re S\n");
            }
        }
    }
    s.into_bytes()
}

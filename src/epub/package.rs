//! The book assembled: the navigation document, the fonts cut to the characters the text
//! uses, the stylesheet, and the OCF container zipped in a fixed order with fixed times.

use super::chapter::apparatus_language;
use super::html::{esc, Face, Faces, Html};
use super::opf::{item_id, opf};
use super::{css, font, page, Item, Metadata};
use crate::diag::{Error, Warning};
use crate::fonts::Family;
use crate::output::Output;
use crate::shared::clock::Civil;
use crate::shared::{zipped, Labels};
use crate::style::Style;
use std::io::Write;

/// Characters the stylesheet itself shows (generated note numbers, list dashes, the marks
/// around insertions): always part of the upright subset.
const GENERATED: &str = "0123456789.\\/\u{2013}\u{a0}[]?";

/// The modification instant: SOURCE_DATE_EPOCH when set (reproducible builds), else a fixed
/// 1980-01-01, the earliest time a zip file can hold — never the clock.
fn modified(warnings: &mut Vec<Warning>) -> Civil {
    const FALLBACK: i64 = 315_532_800; // 1980-01-01T00:00:00Z
    let secs = match crate::shared::clock::source_date_epoch() {
        Ok(Some(s)) => s,
        Ok(None) => FALLBACK,
        Err(v) => {
            warnings.push(Warning {
                message: format!(
                    "SOURCE_DATE_EPOCH `{v}` is not a number of seconds; the EPUB's modified date is 1980-01-01"
                ),
            });
            FALLBACK
        }
    };
    Civil::from_unix(secs)
}

/// Assembles the book: subsets the fonts, writes the stylesheet, package document and
/// navigation, and zips everything in a fixed order with fixed times.
#[allow(clippy::too_many_arguments)]
pub(super) fn package(
    meta: &Metadata,
    labels: &Labels,
    style: &Style,
    mut spine: Vec<Item>,
    toc: &str,
    page_list: &str,
    title_href: Option<&str>,
    body_href: &str,
    faces: &mut Faces,
) -> Result<Output, Error> {
    let mut warnings = Vec::new();
    let when = modified(&mut warnings);
    let apparatus = apparatus_language(&meta.language, style);

    // The navigation document is written before the fonts are cut: its text needs glyphs.
    let nav_title = labels.contents;
    let mut h = Html::new(faces);
    h.raw("<nav epub:type=\"toc\" role=\"doc-toc\" id=\"toc\">\n<h1>");
    let old = h.face(false, true);
    h.text(nav_title);
    h.restore(old);
    h.raw("</h1>\n<ol>\n");
    h.text("");
    h.raw(toc);
    h.raw("</ol>\n</nav>\n");
    h.raw("<nav epub:type=\"landmarks\" id=\"landmarks\" hidden=\"hidden\">\n<ol>\n");
    if let Some(t) = title_href {
        h.raw(&format!(
            "<li><a epub:type=\"titlepage\" href=\"{t}\">{}</a></li>\n",
            esc(&meta.title)
        ));
    }
    h.raw(&format!(
        "<li><a epub:type=\"bodymatter\" href=\"{body_href}\">{}</a></li>\n</ol>\n</nav>\n",
        esc(&meta.title)
    ));
    if !page_list.is_empty() {
        h.raw("<nav epub:type=\"page-list\" role=\"doc-pagelist\" id=\"page-list\" hidden=\"hidden\">\n<ol>\n");
        h.raw(page_list);
        h.raw("</ol>\n</nav>\n");
    }
    let nav_body = h.out;
    // The toc's and the page list's link texts are the book's words too.
    faces.sets[Face::Regular as usize].extend(toc.chars());
    faces.sets[Face::Regular as usize].extend(page_list.chars());
    let nav = page(apparatus, nav_title, "frontmatter", &nav_body);

    // Fonts: each face the text uses, cut to its characters.
    let mut files: Vec<Item> = Vec::new();
    let mut declared = Vec::new();
    let family = Family::from_style(&style.fonts)?;
    if style.epub.embed_fonts {
        let custom = style.fonts.regular.is_some();
        for face in Face::ALL {
            let set = &mut faces.sets[face as usize];
            if set.is_empty() {
                continue;
            }
            set.extend(GENERATED.chars());
            // A custom family without a file for this face: let the reading system slant
            // or embolden the upright face rather than declare the upright as italic.
            let given = match face {
                Face::Regular => true,
                Face::Italic => !custom || style.fonts.italic.is_some(),
                Face::Bold => !custom || style.fonts.bold.is_some(),
                Face::BoldItalic => !custom || style.fonts.bold_italic.is_some(),
            };
            if !given {
                continue;
            }
            let (data, name) = match face {
                Face::Regular => (&family.regular, "Regular"),
                Face::Italic => (&family.italic, "Italic"),
                Face::Bold => (&family.bold, "Bold"),
                Face::BoldItalic => (&family.bold_italic, "BoldItalic"),
            };
            let (bytes, cff) = match font::subset_memoized(data, set) {
                Ok((s, missing)) => {
                    if !missing.is_empty() && face == Face::Regular {
                        let list: String = missing
                            .iter()
                            .map(|c| format!("{c} (U+{:04X}) ", *c as u32))
                            .collect();
                        warnings.push(Warning {
                            message: format!(
                                "EPUB: the font {} lacks {}; reading systems show these in their own font",
                                family.name,
                                list.trim_end()
                            ),
                        });
                    }
                    (s.bytes, s.cff)
                }
                Err(e) => {
                    warnings.push(Warning {
                        message: format!(
                            "EPUB: the {name} face of {} could not be subset ({e}); it is embedded whole",
                            family.name
                        ),
                    });
                    (data.to_vec(), data.get(0..4) == Some(b"OTTO"))
                }
            };
            let (ext, media_type) = if cff {
                ("otf", "font/otf")
            } else {
                // The media types EPUB 3.3 lists for fonts (epubcheck 5 advises these over
                // the older application/font-sfnt).
                ("ttf", "font/ttf")
            };
            let href = format!("fonts/{name}.{ext}");
            declared.push(css::FontFace {
                href: href.clone(),
                italic: matches!(face, Face::Italic | Face::BoldItalic),
                bold: matches!(face, Face::Bold | Face::BoldItalic),
            });
            files.push(Item {
                href,
                media_type,
                bytes,
            });
        }
    }
    let stylesheet = css::stylesheet(style, &family.name, &declared);

    let mut all: Vec<Item> = vec![
        Item::xhtml("nav.xhtml", nav),
        Item {
            href: "style.css".into(),
            media_type: "text/css",
            bytes: stylesheet.into_bytes(),
        },
    ];
    let spine_ids: Vec<String> = spine.iter().map(|i| item_id(&i.href)).collect();
    all.append(&mut spine);
    all.append(&mut files);

    let opf = opf(
        meta,
        apparatus,
        when,
        &all,
        &spine_ids,
        !page_list.is_empty(),
    );
    let bytes = zip(&opf, &all, when).map_err(|e| Error::Output(format!("EPUB: {e}")))?;
    Ok(Output { bytes, warnings })
}

const CONTAINER: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n\
<rootfiles>\n<rootfile full-path=\"EPUB/package.opf\" media-type=\"application/oebps-package+xml\"/>\n\
</rootfiles>\n</container>\n";

/// The OCF container: `mimetype` first and stored, then the rest deflated, in a fixed
/// order, every entry with the same time and Unix attributes (byte-identical output).
fn zip(opf: &str, items: &[Item], when: Civil) -> Result<Vec<u8>, zip::result::ZipError> {
    let deflated = zipped::deflated(zipped::entry_time(when))
        .system(zip::System::Unix)
        .unix_permissions(0o644);
    let stored = deflated
        .compression_method(zip::CompressionMethod::Stored)
        .compression_level(None);
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::with_capacity(256 * 1024)));
    w.start_file("mimetype", stored)?;
    w.write_all(b"application/epub+zip")?;
    zipped::write_recurring(
        &mut w,
        "META-INF/container.xml",
        CONTAINER.as_bytes(),
        deflated,
    )?;
    w.start_file("EPUB/package.opf", deflated)?;
    w.write_all(opf.as_bytes())?;
    for item in items {
        let name = format!("EPUB/{}", item.href);
        if recurs(item) {
            zipped::write_recurring(&mut w, &name, &item.bytes, deflated)?;
        } else {
            w.start_file(name, deflated)?;
            w.write_all(&item.bytes)?;
        }
    }
    Ok(w.finish()?.into_inner())
}

/// Whether a part is likely the same in other books of a batch, and so worth deflating once
/// (`shared::zipped`): the stylesheet of the batch's style, and a font whenever two books
/// use the same characters of a face. Texts and the package document are each book's own.
fn recurs(item: &Item) -> bool {
    item.media_type == "text/css" || item.media_type.starts_with("font/")
}

//! The PDF edition: src/layout/ sets the pages, [`bytes`] writes them. docs/pdf.md
//! describes what each role looks like and why the bytes are written with lopdf directly.

pub mod bytes;

use crate::diag::{Error, Warning};
use crate::layout::{font::FALLBACK, Laid};
use crate::model::Document;
use crate::output::Output;
use crate::style::Style;

/// Writes the PDF edition of a document (with its own register's indexes when the style
/// asks for them).
pub fn write(doc: &Document, style: &Style) -> Result<Output, Error> {
    let laid = crate::layout::volume::document_pages(doc, style)?.laid;
    let mut warned = warnings(&laid, &[doc]);
    let meta = meta_of(doc, pdf_date(&mut warned));
    let bytes = bytes::write(&laid, &meta).map_err(Error::Output)?;
    Ok(Output {
        bytes,
        warnings: warned,
    })
}

/// Writes the PDF edition of a whole volume (src/layout/volume.rs sets its pages): each
/// document from a new page, one run of page numbers, a bookmark per document and index,
/// the volume's title in the running head, the indexes' page numbers linked to the mentions.
pub fn write_volume(volume: &crate::volume::Volume, style: &Style) -> Result<Output, Error> {
    let laid = crate::layout::volume::volume_pages(volume, style)?.laid;
    let docs: Vec<&Document> = volume.documents.iter().collect();
    let mut warned = warnings(&laid, &docs);
    let meta = bytes::Meta {
        title: volume.manifest.title.clone(),
        author: volume.manifest.editors.join(", "),
        subject: volume.manifest.subtitle.clone().unwrap_or_default(),
        keywords: String::new(),
        lang: plain_language(&volume.manifest.language),
        date: pdf_date(&mut warned),
    };
    let bytes = bytes::write(&laid, &meta).map_err(Error::Output)?;
    Ok(Output {
        bytes,
        warnings: warned,
    })
}

fn meta_of(doc: &Document, date: String) -> bytes::Meta {
    let labels = crate::shared::Labels::for_language(&doc.language);
    let title = crate::markup::plain_text(doc.title.inlines());
    let title = match crate::shared::number_line(doc) {
        Some(n) => format!("{n}. {title}"),
        None => title,
    };
    let legend = crate::shared::legend(doc, labels)
        .map(|l| crate::markup::plain_text(&l))
        .unwrap_or_default();
    bytes::Meta {
        title,
        author: doc
            .authors
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        subject: crate::shared::date_place_line(doc, labels)
            .unwrap_or_default()
            .replace('\u{a0}', " "),
        keywords: legend.replace('\u{a0}', " "),
        lang: plain_language(&doc.language),
        date,
    }
}

/// The language a PDF reader knows: "ru-petr1708" (pre-1918 spelling) is Russian.
fn plain_language(tag: &str) -> String {
    let primary = tag.split(['-', '_']).next().unwrap_or("ru");
    if primary.is_empty() {
        "ru".into()
    } else {
        primary.to_ascii_lowercase()
    }
}

/// The date written as the file's creation and modification date: SOURCE_DATE_EPOCH when
/// set (reproducible builds), else the Unix epoch — never the clock, so that two runs give
/// the same bytes. A value that is no number of seconds is warned about.
fn pdf_date(warnings: &mut Vec<Warning>) -> String {
    let secs = match crate::shared::clock::source_date_epoch() {
        Ok(s) => s.unwrap_or(0),
        Err(v) => {
            warnings.push(Warning {
                message: format!(
                    "SOURCE_DATE_EPOCH `{v}` is not a number of seconds; the PDF's dates are 1970-01-01"
                ),
            });
            0
        }
    };
    let c = crate::shared::clock::Civil::from_unix(secs);
    format!(
        "D:{:04}{:02}{:02}{:02}{:02}{:02}Z",
        c.year, c.month, c.day, c.hour, c.minute, c.second
    )
}

/// One warning per document naming the characters the text face lacks and where they stand.
fn warnings(laid: &Laid, docs: &[&Document]) -> Vec<Warning> {
    let mut out = Vec::new();
    let fallback = laid.fonts.face(FALLBACK);
    for (k, missing) in laid.missing.iter().enumerate() {
        if missing.is_empty() {
            continue;
        }
        let mut seen: Vec<(char, Vec<&str>)> = Vec::new();
        for (c, place) in missing {
            match seen.iter_mut().find(|(s, _)| s == c) {
                Some((_, places)) => {
                    if !places.contains(&place.as_str()) {
                        places.push(place);
                    }
                }
                None => seen.push((*c, vec![place])),
            }
        }
        let list: Vec<String> = seen
            .iter()
            .map(|(c, places)| {
                let how = if fallback.has(*c) {
                    "set in DejaVu Serif"
                } else {
                    "in no bundled font"
                };
                format!("‘{c}’ U+{:04X} ({how}) in {}", *c as u32, places.join(", "))
            })
            .collect();
        let id = docs.get(k).map_or("document", |d| d.id.as_str());
        out.push(Warning {
            message: format!(
                "{id}: characters missing from the text font: {}",
                list.join("; ")
            ),
        });
    }
    for (k, loose) in laid.loose.iter().enumerate() {
        if loose.is_empty() {
            continue;
        }
        let id = docs.get(k).map_or("document", |d| d.id.as_str());
        out.push(Warning {
            message: format!(
                "{id}: word spaces wider than twice their width, as no other line breaks fit, in {}; hint: look at those lines: a shorter word or a rewording there gives them room",
                loose.join("; ")
            ),
        });
    }
    out
}

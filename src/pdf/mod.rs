//! The PDF edition: src/layout/ sets the pages, [`bytes`] writes them with krilla, [`tree`]
//! says what each part is. docs/pdf.md describes what each role looks like, the structure
//! tree and the standards.

pub mod bytes;
pub mod tree;

use crate::diag::{Error, Warning};
use crate::layout::{font::FALLBACK, Composer, Front, Laid};
use crate::model::Document;
use crate::output::Output;
use crate::shared::clock::Civil;
use crate::style::pdf::PdfStandard;
use crate::style::Style;

/// Writes the PDF edition of a document.
pub fn write(doc: &Document, style: &Style) -> Result<Output, Error> {
    let mut c = Composer::new(style)?;
    c.document(doc, None)?;
    let laid = c.finish();
    let mut warned = warnings(&laid, &[doc]);
    let standards = standards(style);
    let date = pdf_date(&standards, &mut warned);
    let mut meta = meta_of(doc, date, standards);
    if style.pdf.embed_source {
        meta.sources.extend(doc.origin.clone());
    }
    let bytes = bytes::write(&laid, &meta).map_err(|e| Error::Usage(format!("{}: {e}", doc.id)))?;
    Ok(Output {
        bytes,
        warnings: warned,
    })
}

/// Writes the PDF edition of a whole volume: each document from a new page, one run of
/// page numbers, a bookmark per document, the volume's title in the running head.
pub fn write_volume(volume: &crate::volume::Volume, style: &Style) -> Result<Output, Error> {
    let m = &volume.manifest;
    let front = Front {
        title: &m.title,
        subtitle: m.subtitle.as_deref(),
        editors: &m.editors,
        publisher: m.publisher.as_deref(),
        year: m.year.as_deref(),
        language: &m.language,
    };
    // Documents alone first, for where each starts; then the contents with placeholder
    // numbers, for how many pages it takes; then the volume itself.
    let run_on = style.pdf.document_start == crate::style::pdf::DocumentStart::RunOn;
    let mut dry = Composer::new(style)?;
    let mut starts = Vec::new();
    for (k, doc) in volume.documents.iter().enumerate() {
        if run_on && k > 0 {
            dry.run_on_next();
        }
        dry.document(doc, Some(&m.title))?;
        starts.push(dry.last_document_page().unwrap_or_default());
    }
    let titles: Vec<String> = volume.documents.iter().map(entry_title).collect();
    let abbreviations: Vec<(String, crate::markup::Text)> = m
        .abbreviations
        .iter()
        .map(|a| (a.short.clone(), a.full.clone()))
        .collect();
    // The front matter after the contents: the preface, the list of abbreviations.
    let front_matter = |c: &mut Composer| {
        if let Some(p) = &m.preface {
            c.preface(p.paragraphs(), &m.title, &m.language);
        }
        if !abbreviations.is_empty() {
            c.abbreviations(&abbreviations, &m.title, &m.language);
        }
    };
    let mut toc = Composer::new(style)?;
    let placeholder: Vec<(String, usize)> = titles.iter().map(|t| (t.clone(), 999)).collect();
    toc.contents(&placeholder, &m.title, &m.language);
    front_matter(&mut toc);
    let before = 1 + toc.page_count();
    let entries: Vec<(String, usize)> = titles
        .into_iter()
        .zip(&starts)
        .map(|(t, s)| (t, before + s + 1))
        .collect();
    let mut c = Composer::new(style)?;
    c.title_page(&front);
    c.contents(&entries, &m.title, &m.language);
    front_matter(&mut c);
    for (k, doc) in volume.documents.iter().enumerate() {
        if run_on && k > 0 {
            c.run_on_next();
        }
        c.document(doc, Some(&m.title))?;
    }
    let laid = c.finish();
    let docs: Vec<&Document> = volume.documents.iter().collect();
    let mut warned = warnings(&laid, &docs);
    let standards = standards(style);
    let meta = bytes::Meta {
        title: volume.manifest.title.clone(),
        authors: volume.manifest.editors.clone(),
        subject: volume.manifest.subtitle.clone().unwrap_or_default(),
        keywords: String::new(),
        lang: plain_language(&volume.manifest.language),
        date: pdf_date(&standards, &mut warned),
        standards,
        sources: if style.pdf.embed_source {
            volume
                .documents
                .iter()
                .filter_map(|d| d.origin.clone())
                .collect()
        } else {
            Vec::new()
        },
    };
    let bytes = bytes::write(&laid, &meta)
        .map_err(|e| Error::Usage(format!("{}: {e}", volume.manifest.title)))?;
    Ok(Output {
        bytes,
        warnings: warned,
    })
}

/// A document's line in the contents: "№ 1. Title. 3 декабря 1932 г."
fn entry_title(doc: &Document) -> String {
    let labels = crate::shared::Labels::for_language(&doc.language);
    let mut s = crate::markup::plain_text(doc.title.inlines());
    if let Some(n) = crate::shared::number_line(doc) {
        s = format!("{n}. {s}");
    }
    if let Some(d) = doc.date.as_deref() {
        s = format!("{s}. {}", crate::shared::human_date(d, labels));
    }
    s
}

/// The standards to claim: the style's; with an embedded source, PDF/A-2 becomes PDF/A-3
/// (the part that allows associated files), the rest unchanged.
fn standards(style: &Style) -> Vec<PdfStandard> {
    style
        .pdf
        .standards
        .iter()
        .map(|s| match (s, style.pdf.embed_source) {
            (PdfStandard::A2u, true) => PdfStandard::A3u,
            (PdfStandard::A2a, true) => PdfStandard::A3a,
            (s, _) => *s,
        })
        .collect()
}

fn meta_of(doc: &Document, date: Option<Civil>, standards: Vec<PdfStandard>) -> bytes::Meta {
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
        title: title.replace('\u{a0}', " "),
        authors: doc.authors.iter().map(|p| p.name.clone()).collect(),
        subject: crate::shared::date_place_line(doc, labels)
            .unwrap_or_default()
            .replace('\u{a0}', " "),
        keywords: legend.replace('\u{a0}', " "),
        lang: plain_language(&doc.language),
        date,
        standards,
        sources: Vec::new(),
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

/// The file's creation and modification date: SOURCE_DATE_EPOCH when set (reproducible
/// builds). Without it, no date is written — unless a PDF/A part is claimed: krilla writes
/// PDF/A's XMP history, which needs one, and then the date is the true one, the clock's.
/// A value that is no number of seconds is warned about and ignored.
fn pdf_date(standards: &[PdfStandard], warnings: &mut Vec<Warning>) -> Option<Civil> {
    let secs = match crate::shared::clock::source_date_epoch() {
        Ok(s) => s,
        Err(v) => {
            warnings.push(Warning {
                message: format!(
                    "SOURCE_DATE_EPOCH `{v}` is not a number of seconds; it is ignored"
                ),
            });
            None
        }
    };
    let secs = secs.or_else(|| {
        standards.iter().any(|s| s.is_archival()).then(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        })
    })?;
    Some(Civil::from_unix(secs))
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
    for (k, cut) in laid.cut.iter().enumerate() {
        if cut.is_empty() {
            continue;
        }
        let id = docs.get(k).map_or("document", |d| d.id.as_str());
        let list: Vec<String> = cut
            .iter()
            .take(10)
            .map(|(word, place)| format!("‘{word}…’ in {place}"))
            .collect();
        let more = cut.len().saturating_sub(10);
        out.push(Warning {
            message: format!(
                "{id}: {} too wide for the line, broken where no break is allowed: {}{}",
                if cut.len() == 1 {
                    "a word is"
                } else {
                    "words are"
                },
                list.join("; "),
                if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                }
            ),
        });
    }
    out
}

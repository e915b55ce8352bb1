//! The PDF edition: src/layout/ sets the pages, [`bytes`] writes them with krilla, [`tree`]
//! says what each part is. docs/pdf.md describes what each role looks like, the structure
//! tree and the standards.

pub mod bytes;
mod draw;
pub mod tree;

use crate::diag::{Error, Warning};
use crate::layout::{font::FALLBACK, Laid};
use crate::model::Document;
use crate::output::Output;
use crate::shared::clock::Civil;
use crate::style::pdf::PdfStandard;
use crate::style::Style;

/// Writes the PDF edition of a document.
pub fn write(doc: &Document, style: &Style) -> Result<Output, Error> {
    let mut warned = Vec::new();
    let standards = standards(style);
    let date = pdf_date(&standards, &mut warned);
    let mut meta = meta_of(doc, style, date, standards);
    if style.pdf.embed_source {
        meta.sources.extend(doc.origin.clone());
    }
    let failed = |e| refused(e, &doc.id, doc.origin.as_ref());
    // With its own register's indexes at the end when the style asks (`index.document`).
    let fonts = crate::layout::font::for_style(style)?;
    let (bytes, laid) = draw::while_laying(fonts, &meta, |sink| {
        crate::layout::volume::document_pages_to(doc, style, Some(sink))
    })?;
    warned.splice(0..0, warnings(&laid, &[doc]));
    Ok(Output {
        bytes: bytes.map_err(failed)?,
        warnings: warned,
    })
}

/// Writes the PDF edition of a whole volume: each document from a new page, one run of
/// page numbers, a bookmark per document and index, the volume's title in the running
/// head, the indexes' page numbers linked to the mentions.
pub fn write_volume(volume: &crate::volume::Volume, style: &Style) -> Result<Output, Error> {
    let docs: Vec<&Document> = volume.documents.iter().collect();
    let mut warned = Vec::new();
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
    let failed = |e| refused(e, &volume.manifest.title, None);
    // src/layout/volume.rs sets the pages: front matter, documents, then the indexes.
    let fonts = crate::layout::font::for_style(style)?;
    let (bytes, laid) = draw::while_laying(fonts, &meta, |sink| {
        crate::layout::volume::volume_pages_to(volume, style, Some(sink))
    })?;
    warned.splice(0..0, warnings(&laid, &docs));
    Ok(Output {
        bytes: bytes.map_err(failed)?,
        warnings: warned,
    })
}

/// A refused PDF as folio's error: a file that cannot conform is an input error (exit
/// code 1) naming the standard and the clause, placed at the text it concerns when the
/// source has it literally; anything else an output error.
fn refused(refusal: bytes::Refusal, what: &str, origin: Option<&crate::model::Origin>) -> Error {
    use crate::diag::{Code, Diagnostic};
    let violations = match refusal {
        bytes::Refusal::Failed(m) => return Error::Output(format!("{what}: {m}")),
        bytes::Refusal::Nonconforming(v) => v,
    };
    let file = origin.map_or(what, |o| o.name.as_str());
    let source = origin.and_then(crate::model::Origin::text);
    let diagnostics = violations
        .into_iter()
        .map(|v| {
            let d = Diagnostic::error(
                Code::Nonconforming,
                file,
                format!("the PDF cannot conform to {}: {}", v.standards, v.message),
            )
            .hint("fix the transcription or the style as the clause says, or claim no standard for a draft: --pdf-standard none (docs/pdf.md, Standards)");
            let at = v.text.as_deref().filter(|t| !t.is_empty()).and_then(|t| {
                let src = source.as_ref()?;
                src.find(t).map(|i| (src.clone(), i..i + t.len()))
            });
            match at {
                Some((src, span)) => d.at_span(&src, span),
                None => d,
            }
        })
        .collect();
    Error::Invalid(diagnostics)
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

fn meta_of(
    doc: &Document,
    style: &Style,
    date: Option<Civil>,
    standards: Vec<PdfStandard>,
) -> bytes::Meta {
    let labels = crate::shared::Labels::of(&doc.language, style);
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
                first_places(loose.iter().cloned())
            ),
        });
    }
    for (k, cut) in laid.cut.iter().enumerate() {
        if cut.is_empty() {
            continue;
        }
        let id = docs.get(k).map_or("document", |d| d.id.as_str());
        let places = cut
            .iter()
            .map(|(word, place)| format!("‘{word}…’ in {place}"));
        out.push(Warning {
            message: format!(
                "{id}: {} too wide for the line, broken where no break is allowed: {}",
                if cut.len() == 1 {
                    "a word is"
                } else {
                    "words are"
                },
                first_places(places),
            ),
        });
    }
    out
}

/// The places a warning names, the first ten and how many more: a long document can have
/// hundreds, and a warning is read, not searched.
fn first_places(places: impl ExactSizeIterator<Item = String>) -> String {
    const NAMED: usize = 10;
    let count = places.len();
    let mut list = places.take(NAMED).collect::<Vec<_>>().join("; ");
    if count > NAMED {
        list.push_str(&format!(" and {} more", count - NAMED));
    }
    list
}

#[cfg(test)]
mod tests {
    use super::first_places;

    /// A warning names ten places and counts the rest; a short list is named whole.
    #[test]
    fn a_warning_names_the_first_ten_places_and_counts_the_rest() {
        let places = |n: usize| (1..n + 1).map(|k| format!("block {k}"));
        let long = first_places(places(347));
        assert!(long.starts_with("block 1; block 2;"), "{long}");
        assert!(long.ends_with("block 10 and 337 more"), "{long}");
        assert_eq!(first_places(places(3)), "block 1; block 2; block 3");
        assert_eq!(first_places(places(10)).matches("block").count(), 10);
    }
}

//! The archival legend, composed from the source in the document's language:
//! "РГАСПИ. Ф. 17. Оп. 3. Д. 1. Л. 1–2. Подлинник. Машинопись."

use super::Labels;
use crate::markup::Inline;
use crate::model::{Authenticity, Document, Medium};

/// The legend as inline content (remarks may carry markup), or `None` without a source.
pub fn legend(doc: &Document, labels: &Labels) -> Option<Vec<Inline>> {
    let source = doc.source.as_ref()?;
    if let Some(free) = &source.legend {
        return Some(free.inlines().to_vec());
    }
    let mut parts: Vec<String> = Vec::new();
    if let Some(a) = &source.archive {
        parts.push(a.clone());
    }
    for (label, value) in [
        (labels.fond, &source.fond),
        (labels.opis, &source.opis),
        (labels.delo, &source.delo),
        (labels.folios, &source.folios),
    ] {
        if let Some(v) = value {
            parts.push(format!("{label}\u{a0}{v}"));
        }
    }
    if let Some(a) = source.authenticity {
        parts.push(labels.authenticity[authenticity_index(a)].to_string());
    }
    if let Some(m) = source.medium {
        parts.push(labels.medium[medium_index(m)].to_string());
    }
    let mut text: String = parts
        .iter()
        .map(|p| {
            if p.ends_with('.') {
                p.clone()
            } else {
                format!("{p}.")
            }
        })
        .collect::<Vec<_>>()
        .join(" ");
    let mut inlines = Vec::new();
    if let Some(remarks) = &source.remarks {
        if !text.is_empty() {
            text.push(' ');
        }
        inlines.push(Inline::Text(text));
        inlines.extend(remarks.inlines().iter().cloned());
    } else if !text.is_empty() {
        inlines.push(Inline::Text(text));
    }
    (!inlines.is_empty()).then_some(inlines)
}

fn authenticity_index(a: Authenticity) -> usize {
    match a {
        Authenticity::Original => 0,
        Authenticity::Copy => 1,
        Authenticity::CertifiedCopy => 2,
        Authenticity::Draft => 3,
        Authenticity::RetainedCopy => 4,
        Authenticity::Excerpt => 5,
    }
}

fn medium_index(m: Medium) -> usize {
    match m {
        Medium::Typescript => 0,
        Medium::Manuscript => 1,
        Medium::Autograph => 2,
        Medium::Telegram => 3,
        Medium::Print => 4,
        Medium::Hectograph => 5,
    }
}

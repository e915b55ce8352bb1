//! The indexes of the plain-text edition: each entry with the numbers of the documents
//! that mention it (a text has no pages).

use super::Page;
use crate::model::Document;
use crate::shared::index::{self, Index, IndexLine};
use crate::shared::Labels;

/// The lines of the indexes, each after a rule: heading, what the numbers mean, then the
/// letter groups.
pub(super) fn lines(
    indexes: &[Index],
    docs: &[&Document],
    page: &Page,
    labels: &Labels,
) -> Vec<String> {
    let rule = "=".repeat(page.width);
    let mut out = Vec::new();
    for ix in indexes {
        out.push(String::new());
        out.push(rule.clone());
        out.extend(page.centre(&index::title(ix.kind, labels).to_uppercase()));
        out.push(String::new());
        out.extend(page.wrap(labels.index_by_document, 0, "", 0));
        for (letter, group) in &ix.groups {
            out.push(String::new());
            out.push(letter.clone());
            for line in group {
                let text = match line {
                    IndexLine::Entry(e) => {
                        let numbers: Vec<String> = index::document_runs(&e.loci)
                            .iter()
                            .map(|r| {
                                let from = index::document_label(docs, r.from);
                                if r.from == r.to {
                                    from
                                } else {
                                    format!("{from}–{}", index::document_label(docs, r.to))
                                }
                            })
                            .collect();
                        format!("{}, {}", index::entry_text(e.entry), numbers.join(", "))
                    }
                    IndexLine::See {
                        variant, target, ..
                    } => index::see_text(variant, target, labels),
                };
                out.extend(page.wrap(&text, 0, "", 4));
            }
        }
    }
    out
}

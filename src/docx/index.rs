//! Word indexes: an XE field at every mention (Word builds its index from them) and, at
//! the end, an INDEX field whose result is written out already — the entries with the PDF
//! edition's page numbers — so that LibreOffice and readers that do not update fields
//! show a usable index.

use super::body::Package;
use super::styles::id;
use super::xml::{self, PPr};
use crate::layout::volume::MentionPages;
use crate::markup::MentionKind;
use crate::register::Entry;
use crate::register::Register;
use crate::shared::index::{self, Index, IndexLine};
use crate::shared::index::{Locus, Mentions};
use crate::shared::Labels;

/// The index (`\f`) an entry of a kind belongs to: Word keeps one index per letter.
fn field_letter(kind: MentionKind) -> &'static str {
    match kind {
        MentionKind::Person => "n",
        MentionKind::Place => "g",
    }
}

/// Text for a field argument: quotes and colons (Word's subentry mark) escaped.
fn field_text(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace(':', "\\:")
}

/// An XE field for `entry`, after the mention's runs.
pub fn xe_field(out: &mut String, entry: &Entry, kind: MentionKind) {
    out.push_str("<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> XE \"");
    xml::escape_into(out, &field_text(&entry.short_name()));
    out.push_str("\" \\f \"");
    out.push_str(field_letter(kind));
    out.push_str("\" </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>");
}

/// Every index of a run of documents, appended to the package's body, with the page
/// numbers of the PDF edition.
pub fn indexes_xml(
    pkg: &mut Package,
    register: &Register,
    mentions: &[Mentions],
    pages: &MentionPages,
    style: &crate::style::Style,
    labels: &Labels,
) {
    let numbers = |line: &IndexLine| -> Vec<(String, bool)> {
        let IndexLine::Entry(e) = line else {
            return Vec::new();
        };
        let numbered: Vec<(usize, Locus)> = e
            .loci
            .iter()
            .filter_map(|l| pages.target(*l).map(|(p, _)| (p + 1, *l)))
            .collect();
        index::runs(&numbered)
            .iter()
            .map(|r| (index::run_text(r), r.apparatus))
            .collect()
    };
    for ix in index::indexes(register, mentions, style) {
        let mut out = String::new();
        index_xml(&mut out, &ix, &numbers, labels, &mut pkg.chars);
        pkg.body.push_str(&out);
    }
}

/// The paragraphs of one index: a heading, then the INDEX field, its result the entries
/// with `pages` (each entry's page numbers as the PDF edition prints them, italic for the
/// apparatus).
pub fn index_xml(
    out: &mut String,
    ix: &Index,
    pages: &dyn Fn(&IndexLine) -> Vec<(String, bool)>,
    labels: &Labels,
    chars: &mut impl Extend<char>,
) {
    let title = index::title(ix.kind, labels);
    out.push_str("<w:p>");
    PPr {
        page_break_before: true,
        ..PPr::styled(id::FRONT_HEADING)
    }
    .write(out);
    run(out, title, false, chars);
    out.push_str("</w:p>");
    let mut first = true;
    // The field begins in the first paragraph of its result.
    let mut open_field = |out: &mut String| {
        if std::mem::take(&mut first) {
            out.push_str("<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> INDEX \\c \"2\" \\e \", \" \\z \"1049\" \\f \"");
            out.push_str(field_letter(ix.kind));
            out.push_str(
                "\" </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>",
            );
        }
    };
    // The letter headings of the PDF (А, Б, В…, grouped as `shared::index` collates: ё
    // with е, Latin after Cyrillic or interfiled), in Word's "index heading" style, as
    // Word writes them for an INDEX field with `\h`. The field itself has no `\h`:
    // LibreOffice 7.4 cannot open a file whose INDEX field has one (docs/docx.md), so
    // Word drops these headings when it rebuilds the index.
    for (letter, lines) in &ix.groups {
        out.push_str("<w:p>");
        PPr::styled(id::INDEX_HEADING).write(out);
        open_field(out);
        run(out, letter, false, chars);
        out.push_str("</w:p>");
        for line in lines {
            out.push_str("<w:p>");
            PPr::styled(id::INDEX1).write(out);
            match line {
                IndexLine::Entry(e) => {
                    run(out, &index::entry_text(e.entry), false, chars);
                    for (text, italic) in pages(line) {
                        run(out, ", ", false, chars);
                        run(out, &text, italic, chars);
                    }
                }
                IndexLine::See {
                    variant, target, ..
                } => {
                    run(out, &format!("{variant} — "), false, chars);
                    run(out, &format!("{} ", labels.see), true, chars);
                    run(out, target, false, chars);
                }
            }
            out.push_str("</w:p>");
        }
    }
    if !ix.groups.is_empty() {
        // The field ends in a paragraph of its own after the last entry.
        out.push_str("<w:p>");
        PPr::styled(id::INDEX1).write(out);
        out.push_str("<w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>");
    }
}

fn run(out: &mut String, text: &str, italic: bool, chars: &mut impl Extend<char>) {
    out.push_str("<w:r>");
    if italic {
        out.push_str("<w:rPr><w:i/></w:rPr>");
    }
    out.push_str("<w:t xml:space=\"preserve\">");
    chars.extend(text.chars());
    xml::escape_into(out, text);
    out.push_str("</w:t></w:r>");
}

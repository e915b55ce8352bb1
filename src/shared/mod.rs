//! Helpers every writer shares: note numbering, the archival legend, dates and the labels of
//! the editorial apparatus in the document's language. No writer imports another; what two
//! writers both need lives here.

pub mod bounded;
pub mod clock;
pub mod index;
pub mod labels;
pub mod legend;
pub mod marks;
pub mod notes;
pub mod protocol;
pub mod spacing;
pub mod spelling;
pub mod typography;
pub mod xml;
pub mod zipped;

pub use labels::Labels;
pub use legend::legend;
pub use marks::{inline_hand, mark_parts, MarkPart};
pub use notes::{NoteBody, NoteNumbers};

use crate::markup::{plain_text, Inline};
use crate::model::{Address, Block, Document, Mark, Position, Side};

/// The style a volume's writer gives its documents: their notes for the volume's end are
/// the volume's to set (after the documents, "Комментарии"), not each document's.
pub fn volume_document_style(style: &crate::style::Style) -> crate::style::Style {
    let mut s = style.clone();
    s.notes.in_volume = true;
    s
}

/// The date of the document as the editorial heading prints it ("3\u{a0}декабря 1932\u{a0}г.").
pub fn human_date(date: &str, labels: &Labels) -> String {
    let one = |s: &str| match crate::read::parse_partial_date(s) {
        Some((y, 0, _)) => format!("{y}{}", labels.year_suffix),
        Some((y, m, 0)) => format!(
            "{} {y}{}",
            labels.months_nominative[m as usize - 1],
            labels.year_suffix
        ),
        Some((y, m, d)) => format!(
            "{d}{}\u{a0}{} {y}{}",
            labels.day_suffix,
            labels.months_genitive[m as usize - 1],
            labels.year_suffix
        ),
        None => s.to_string(),
    };
    match date.split_once('/') {
        None => one(date),
        Some((a, b)) => match (
            crate::read::parse_partial_date(a),
            crate::read::parse_partial_date(b),
        ) {
            // Same month: "3–5 декабря 1932 г."
            (Some((y1, m1, d1)), Some((y2, m2, d2)))
                if y1 == y2 && m1 == m2 && d1 > 0 && d2 > 0 =>
            {
                format!(
                    "{d1}{s}–{d2}{s}\u{a0}{} {y1}{}",
                    labels.months_genitive[m1 as usize - 1],
                    labels.year_suffix,
                    s = labels.day_suffix,
                )
            }
            _ => format!("{} – {}", one(a), one(b)),
        },
    }
}

/// The number line of the heading ("№ 1"), if the document has a number.
pub fn number_line(doc: &Document) -> Option<String> {
    doc.number.as_ref().map(|n| format!("№\u{a0}{n}"))
}

/// The line under the editorial title: the date and place ("3 декабря 1932 г. Москва").
pub fn date_place_line(doc: &Document, labels: &Labels) -> Option<String> {
    let date = doc.date.as_deref().map(|d| human_date(d, labels));
    match (date, doc.place.as_deref()) {
        (Some(d), Some(p)) => Some(format!("{d}, {p}")),
        (Some(d), None) => Some(d),
        (None, Some(p)) => Some(p.to_string()),
        (None, None) => None,
    }
}

/// Top-left marks from content index `start` directly followed by a right-hand address:
/// the opening of a letter that editions set side by side, as on the original page. Returns
/// the index of the address (the marks are `start..address`) and the address.
pub fn marks_beside_address(doc: &Document, start: usize) -> Option<(usize, &Address)> {
    let blocks = &doc.content;
    let mut end = start;
    while let Some(Block::Mark(m)) = blocks.get(end) {
        if m.position != Position::TopLeft {
            break;
        }
        end += 1;
    }
    match blocks.get(end) {
        Some(Block::Address(address)) if end > start && address.side == Side::Right => {
            Some((end, address))
        }
        _ => None,
    }
}

/// The description of a mark's hand and medium ("Рукой И. В. Сталина синим карандашом."),
/// if the mark names either.
pub fn mark_hand_text(mark: &Mark, labels: &Labels) -> Option<String> {
    let mut s = match (&mark.hand, &mark.medium) {
        (Some(h), Some(m)) => format!("{} {h} {m}", labels.in_hand_of),
        (Some(h), None) => format!("{} {h}", labels.in_hand_of),
        (None, Some(m)) => capitalize(m),
        (None, None) => return None,
    };
    s.push('.');
    Some(s)
}

/// The word every writer prints for an illegible gap: "[неразб.]" or the editor's own.
pub fn gap_text(description: Option<&str>, labels: &Labels) -> String {
    format!("[{}]", description.unwrap_or(labels.illegible))
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Every word of the transcription in reading order: the words a reader of any edition must
/// find. Editorial additions (note numbers, gaps) are not included, and text supplied by the
/// editor counts as words of its own, since every edition sets it off in brackets
/// ("Пет[ербургск]аго"); the words of the notes come after the text. Tests check editions
/// against this list.
pub fn transcription_words(doc: &Document) -> Vec<String> {
    transcription_blocks(doc).into_iter().flatten().collect()
}

/// The words of the transcription block by block: the title, each content block, each
/// note. Where an edition sets blocks side by side (top-left marks beside the address),
/// text extraction may interleave them; each block's own words still come in order.
pub fn transcription_blocks(doc: &Document) -> Vec<Vec<String>> {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !(c.is_alphanumeric() || c == '\u{301}'))
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let mut blocks = vec![words(&words_text(doc.title.inlines()))];
    for block in &doc.content {
        let mut text = String::new();
        if let Block::Folio(f) = block {
            text.push_str(&f.label);
        }
        for t in block.texts() {
            text.push_str(&words_text(t.inlines()));
            text.push('\n');
        }
        blocks.push(words(&text));
    }
    for note in &doc.notes {
        blocks.push(words(&words_text(note.text.inlines())));
    }
    blocks
}

/// Inline content as words: like [`plain_text`], with supplied text set apart.
fn words_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for inline in inlines {
        match inline {
            Inline::Supplied(c) => {
                out.push(' ');
                out.push_str(&words_text(c));
                out.push(' ');
            }
            Inline::Text(_) | Inline::LineBreak => {
                out.push_str(&plain_text(std::slice::from_ref(inline)))
            }
            other => out.push_str(&words_text(other.children())),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_an_editor_writes_them() {
        let ru = Labels::for_language("ru");
        assert_eq!(human_date("1932-12-03", ru), "3\u{a0}декабря 1932\u{a0}г.");
        assert_eq!(human_date("1932-12", ru), "декабрь 1932\u{a0}г.");
        assert_eq!(human_date("1932", ru), "1932\u{a0}г.");
        assert_eq!(
            human_date("1932-12-03/1932-12-05", ru),
            "3–5\u{a0}декабря 1932\u{a0}г."
        );
        assert_eq!(
            human_date("1932-11-30/1932-12-05", ru),
            "30\u{a0}ноября 1932\u{a0}г. – 5\u{a0}декабря 1932\u{a0}г."
        );
        let en = Labels::for_language("en-GB");
        assert_eq!(human_date("1932-12-03", en), "3\u{a0}December 1932");
        let de = Labels::for_language("de-AT");
        assert_eq!(human_date("1932-12-03", de), "3.\u{a0}Dezember 1932");
        assert_eq!(
            human_date("1932-12-03/1932-12-05", de),
            "3.–5.\u{a0}Dezember 1932"
        );
        assert_eq!(human_date("1898-03", de), "März 1898");
        assert_eq!(Labels::for_language("fr").notes, "Notes");
        assert_eq!(Labels::for_language("ru-petr1708").notes, "Примечания");
        assert_eq!(ru.lang_beside("ru-petr1708"), Some("ru"));
        assert_eq!(de.lang_beside("de"), None);
    }
}

//! Every text of a document in reading order: where each stands, and the walks that list or
//! rewrite them.

use super::{Block, Document, Paras, Text};

/// Where a text stands in the document: used to walk every text in reading order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextPlace {
    /// The editorial title.
    Title,
    /// A block of the content, by index.
    Block(usize),
    /// The archival legend (remarks or free legend).
    Legend,
    /// An editorial note, by index in `notes`.
    Note(usize),
}

impl Document {
    /// The same document with every text replaced by `f` of it.
    pub fn map_texts(&self, mut f: impl FnMut(&Text) -> Text) -> Document {
        let mut doc = self.clone();
        doc.title = f(&self.title);
        doc.content = self.content.iter().map(|b| b.map_texts(&mut f)).collect();
        if let Some(source) = &mut doc.source {
            source.remarks = source.remarks.as_ref().map(&mut f);
            source.legend = source.legend.as_ref().map(&mut f);
        }
        for note in &mut doc.notes {
            note.text = f(&note.text);
        }
        doc
    }

    /// Every text of the document in reading order (title, content, legend), then the notes.
    /// Note numbering, validation and word lists all follow this one order.
    pub fn texts(&self) -> Vec<(TextPlace, &Text)> {
        let mut out: Vec<(TextPlace, &Text)> = vec![(TextPlace::Title, &self.title)];
        for (i, block) in self.content.iter().enumerate() {
            let place = TextPlace::Block(i);
            for text in block.texts() {
                out.push((place, text));
            }
        }
        if let Some(source) = &self.source {
            for t in [&source.remarks, &source.legend].into_iter().flatten() {
                out.push((TextPlace::Legend, t));
            }
        }
        for (i, note) in self.notes.iter().enumerate() {
            out.push((TextPlace::Note(i), &note.text));
        }
        out
    }
}

impl Block {
    /// The texts of this block in reading order.
    pub fn texts(&self) -> Vec<&Text> {
        match self {
            Block::Dateline(b) => vec![&b.text],
            Block::Mark(b) => std::iter::once(&b.text).chain(&b.signature).collect(),
            Block::Address(b) => b.lines.iter().collect(),
            Block::Heading(b) => vec![&b.text],
            Block::Salutation(b) => vec![&b.text],
            Block::Text(b) => b.text.paragraphs().iter().collect(),
            Block::Quote(b) => b.text.paragraphs().iter().collect(),
            Block::List(b) => b.items.iter().collect(),
            Block::Closer(b) => {
                let mut v: Vec<&Text> = b.lines.iter().collect();
                for s in &b.signatures {
                    v.extend(&s.role);
                    v.push(&s.name);
                }
                v
            }
            Block::Postscript(b) => b.text.paragraphs().iter().collect(),
            Block::Folio(_) => vec![],
            Block::Table(b) => b.rows.iter().flatten().collect(),
        }
    }

    /// The same block with every text replaced by `f` of it (spelling chosen, markup
    /// rewritten), in the order of [`Block::texts`].
    pub fn map_texts(&self, f: &mut impl FnMut(&Text) -> Text) -> Block {
        let paras = |p: &Paras, f: &mut dyn FnMut(&Text) -> Text| {
            Paras::from_paragraphs(p.paragraphs().iter().map(f).collect())
        };
        let mut block = self.clone();
        match &mut block {
            Block::Dateline(b) => b.text = f(&b.text),
            Block::Mark(b) => {
                b.text = f(&b.text);
                b.signature = b.signature.as_ref().map(&mut *f);
            }
            Block::Address(b) => b.lines = b.lines.iter().map(f).collect(),
            Block::Heading(b) => b.text = f(&b.text),
            Block::Salutation(b) => b.text = f(&b.text),
            Block::Text(b) => b.text = paras(&b.text, f),
            Block::Quote(b) => b.text = paras(&b.text, f),
            Block::List(b) => b.items = b.items.iter().map(f).collect(),
            Block::Closer(b) => {
                b.lines = b.lines.iter().map(&mut *f).collect();
                for s in &mut b.signatures {
                    s.role = s.role.as_ref().map(&mut *f);
                    s.name = f(&s.name);
                }
            }
            Block::Postscript(b) => b.text = paras(&b.text, f),
            Block::Folio(_) => {}
            Block::Table(b) => {
                for row in &mut b.rows {
                    *row = row.iter().map(&mut *f).collect();
                }
            }
        }
        block
    }
}

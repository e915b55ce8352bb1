//! A volume's pages: title page, contents, preface and abbreviations, the documents, then
//! the name and place indexes with the page of every mention. The PDF edition writes these
//! pages; the DOCX edition takes the index's page numbers from them, so both print the same.

use super::{Composer, Front, Laid, PageSink, Target};
use crate::diag::Error;
use crate::model::Document;
use crate::shared::index::{self, Index, Locus, Mentions};
use crate::style::Style;

/// Where every mention of a run of documents is set.
#[derive(Debug, Default, Clone)]
pub struct MentionPages {
    /// Per document, per mention ordinal: its page (0-based) and the top of its line.
    by_document: Vec<Vec<Option<Target>>>,
}

impl MentionPages {
    /// The page and place of a mention.
    pub fn target(&self, l: Locus) -> Option<Target> {
        self.by_document
            .get(l.document)?
            .get(l.mention)
            .copied()
            .flatten()
    }

    /// Records the mentions a document set since `mark`: the metadata ones (authors,
    /// addressees) at the document's first page, the others where their anchors are.
    fn record(&mut self, c: &Composer, mark: (usize, usize), mentions: &Mentions, top: f32) {
        let mut pages = vec![None; mentions.list().len()];
        let start = c.last_document_page().unwrap_or_default();
        for p in pages.iter_mut().take(mentions.metadata()) {
            *p = Some((start, top));
        }
        for (mention, page, y) in c.anchors_since(mark) {
            if let Some(slot) = pages.get_mut(mention) {
                slot.get_or_insert((page, y));
            }
        }
        self.by_document.push(pages);
    }

    /// Records the mentions of document `k` set since `mark` elsewhere than in the
    /// document (its notes in the volume's commentary), where none was found before.
    fn record_more(&mut self, c: &Composer, mark: (usize, usize), k: usize, mentions: &Mentions) {
        let Some(pages) = self.by_document.get_mut(k) else {
            return;
        };
        pages.resize(mentions.list().len(), None);
        for (mention, page, y) in c.anchors_since(mark) {
            if let Some(slot) = pages.get_mut(mention) {
                slot.get_or_insert((page, y));
            }
        }
    }
}

/// The pages of a volume with the page of every mention, and where each document starts.
pub struct VolumePages {
    /// The pages.
    pub laid: Laid,
    /// Where each mention is set.
    pub mentions: MentionPages,
}

/// The pages of one document alone, with its own register's indexes at the end when the
/// style asks (`index.document`).
pub fn document_pages(doc: &Document, style: &Style) -> Result<VolumePages, Error> {
    document_pages_to(doc, style, None)
}

/// [`document_pages`], each finished page handed to `sink` (when given) rather than kept.
pub fn document_pages_to<'s>(
    doc: &Document,
    style: &'s Style,
    sink: Option<PageSink<'s>>,
) -> Result<VolumePages, Error> {
    let mut c = Composer::new(style)?;
    if let Some(sink) = sink {
        c.hand_pages_to(sink);
    }
    let mentions = [Mentions::new(doc)];
    let mut pages = MentionPages::default();
    let mark = c.anchor_mark();
    c.document(doc, None)?;
    pages.record(&c, mark, &mentions[0], c.top());
    if let Some(register) = doc.register.as_ref().filter(|_| style.index.document) {
        let indexes = index::indexes(register, &mentions, style);
        let title = crate::markup::plain_text(doc.title.inlines());
        for ix in &indexes {
            c.index(ix, &|l| pages.target(l), &title, &doc.language);
        }
    }
    Ok(VolumePages {
        laid: c.finish(),
        mentions: pages,
    })
}

/// Lays out a whole volume: each document from a new page (or run on, as the style says),
/// one run of page numbers, the indexes last.
pub fn volume_pages(volume: &crate::volume::Volume, style: &Style) -> Result<VolumePages, Error> {
    volume_pages_to(volume, style, None)
}

/// [`volume_pages`], each finished page handed to `sink` (when given) rather than kept:
/// the volume's memory is then its largest document's, not the whole book's.
pub fn volume_pages_to<'s>(
    volume: &crate::volume::Volume,
    style: &'s Style,
    sink: Option<PageSink<'s>>,
) -> Result<VolumePages, Error> {
    // The notes placed at the volume's end are set after the documents, not in them.
    let mut in_volume = style.clone();
    in_volume.notes.in_volume = true;
    let style = &in_volume;
    let m = &volume.manifest;
    let front = Front {
        title: &m.title,
        subtitle: m.subtitle.as_deref(),
        editors: &m.editors,
        publisher: m.publisher.as_deref(),
        year: m.year.as_deref(),
        language: &m.language,
    };
    let mentions: Vec<Mentions> = volume.documents.iter().map(Mentions::new).collect();
    let indexes: Vec<Index> = index::indexes(&volume.register, &mentions, style);
    let labels = crate::shared::Labels::of(&m.language, style);
    // Documents and indexes alone first, for where each starts; then the contents with
    // placeholder numbers, for how many pages it takes; then the volume itself.
    let run_on = style.pdf.document_start == crate::style::pdf::DocumentStart::RunOn;
    // The dry run needs where things fall, not the pages: they are dropped as finished.
    let mut dry = Composer::new(style)?;
    dry.hand_pages_to(Box::new(drop));
    let mut dry_pages = MentionPages::default();
    let mut starts = Vec::new();
    for (k, doc) in volume.documents.iter().enumerate() {
        if run_on && k > 0 {
            dry.run_on_next();
        }
        let mark = dry.anchor_mark();
        dry.document(doc, Some(&m.title))?;
        dry_pages.record(&dry, mark, &mentions[k], dry.top());
        starts.push(dry.last_document_page().unwrap_or_default());
    }
    let commentary = dry.has_volume_notes(&volume.documents);
    if commentary {
        starts.push(dry.page_count());
        volume_notes(&mut dry, volume, &mut dry_pages, &mentions);
    }
    for ix in &indexes {
        starts.push(dry.page_count());
        dry.index(ix, &|l| dry_pages.target(l), &m.title, &m.language);
    }
    drop(dry);
    let mut titles: Vec<String> = volume
        .documents
        .iter()
        .map(|d| entry_title(d, style))
        .collect();
    if commentary {
        titles.push(labels.commentary.to_string());
    }
    titles.extend(
        indexes
            .iter()
            .map(|ix| index::title(ix.kind, labels).to_string()),
    );
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
    toc.hand_pages_to(Box::new(drop));
    let placeholder: Vec<(String, usize)> = titles.iter().map(|t| (t.clone(), 999)).collect();
    toc.contents(&placeholder, &m.title, &m.language);
    front_matter(&mut toc);
    let before = 1 + toc.page_count();
    let entries: Vec<(String, usize)> = titles
        .into_iter()
        .zip(&starts)
        .map(|(t, s)| (t, before + s + 1))
        .collect();
    drop(toc);
    let mut c = Composer::new(style)?;
    if let Some(sink) = sink {
        c.hand_pages_to(sink);
    }
    c.title_page(&front);
    c.contents(&entries, &m.title, &m.language);
    front_matter(&mut c);
    let mut pages = MentionPages::default();
    for (k, doc) in volume.documents.iter().enumerate() {
        if run_on && k > 0 {
            c.run_on_next();
        }
        let mark = c.anchor_mark();
        c.document(doc, Some(&m.title))?;
        pages.record(&c, mark, &mentions[k], c.top());
    }
    if commentary {
        volume_notes(&mut c, volume, &mut pages, &mentions);
    }
    for ix in &indexes {
        c.index(ix, &|l| pages.target(l), &m.title, &m.language);
    }
    Ok(VolumePages {
        laid: c.finish(),
        mentions: pages,
    })
}

/// The volume's commentary, each document's part in turn; the mentions in its notes count
/// for the indexes, with the commentary's pages.
fn volume_notes(
    c: &mut Composer,
    volume: &crate::volume::Volume,
    pages: &mut MentionPages,
    mentions: &[Mentions],
) {
    let m = &volume.manifest;
    c.volume_notes_start(&m.title, &m.language);
    for (k, doc) in volume.documents.iter().enumerate() {
        let mark = c.anchor_mark();
        c.volume_notes_of(doc, k);
        pages.record_more(c, mark, k, &mentions[k]);
    }
}

/// A document's line in the contents: "№ 1. Title. 3 декабря 1932 г."
fn entry_title(doc: &Document, style: &Style) -> String {
    let labels = crate::shared::Labels::of(&doc.language, style);
    let mut s = crate::markup::plain_text(doc.title.inlines());
    if let Some(n) = crate::shared::number_line(doc) {
        s = format!("{n}. {s}");
    }
    if let Some(d) = doc.date.as_deref() {
        s = format!("{s}. {}", crate::shared::human_date(d, labels));
    }
    s
}

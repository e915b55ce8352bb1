//! Pages to PDF bytes with krilla (typst's PDF layer): the shaped glyphs are drawn as they
//! were set, each cluster mapped to its source text (krilla writes the ToUnicode map, and
//! /ActualText where a glyph stands for different text in different places); fonts are
//! subset and embedded; every glyph is marked content of its structure node or an
//! artifact; the structure tree, XMP metadata, output intent and the claims of the chosen
//! standards are written and checked by krilla. Nothing is timed or random, so the same
//! input gives the same bytes.

use super::tree::{self, Leaves};
use crate::layout::font::FontSet;
use crate::layout::structure::{self, NodeId};
use crate::layout::{Item, Laid, Page, Placed};
use crate::style::pdf::PdfStandard;
use krilla::configure::{Accessibility, Archival, ConfigurationBuilder, ValidationError};
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::outline::{Outline, OutlineNode};
use krilla::page::{NumberingStyle, PageLabel, PageSettings};
use krilla::surface::Surface;
use krilla::tagging::{Artifact, ArtifactType, ContentTag, SpanTag};
use krilla::text::{Font, GlyphId, KrillaGlyph};
use krilla::{Document, SerializeSettings};
use std::num::NonZeroU32;

/// Document-level information written into the PDF.
pub struct Meta {
    /// Title.
    pub title: String,
    /// Authors.
    pub authors: Vec<String>,
    /// Subject (date and place).
    pub subject: String,
    /// Keywords (the archival legend).
    pub keywords: String,
    /// Language (BCP 47 primary tag, "ru").
    pub lang: String,
    /// Creation and modification date (UTC), when there is one to write.
    pub date: Option<crate::shared::clock::Civil>,
    /// The standards claimed.
    pub standards: Vec<PdfStandard>,
    /// Source files carried inside (PDF/A-3 associated files).
    pub sources: Vec<crate::model::Origin>,
}

/// Why a PDF was not written.
#[derive(Debug)]
pub enum Refusal {
    /// The file cannot conform to a standard it claims: what breaks which clause.
    Nonconforming(Vec<Violation>),
    /// Anything else (a page without size, a source embedded twice).
    Failed(String),
}

/// One way the file breaks a standard it claims.
#[derive(Debug)]
pub struct Violation {
    /// The standards broken ("PDF/A-2u, PDF/UA-1").
    pub standards: String,
    /// What breaks them, with the clause and what to do.
    pub message: String,
    /// The transcription's text it concerns, when there is one ("😀"), to place the error.
    pub text: Option<String>,
}

/// Writes the pages as PDF bytes; a refusal names what keeps the file from a standard.
pub fn write(laid: &Laid, meta: &Meta) -> Result<Vec<u8>, Refusal> {
    let mut writer = Writer::new(laid.fonts, meta)?;
    for page in &laid.pages {
        writer.page(page);
    }
    writer.finish(laid, meta)
}

/// A PDF being written page by page: each page is drawn (and can be dropped) as soon as
/// layout hands it on; the outline, structure tree and metadata are written at the end.
pub struct Writer {
    doc: Document,
    fonts: Fonts,
    leaves: Leaves,
    /// Pages drawn so far.
    pages: usize,
    /// Links to pages not drawn yet when theirs was, with the page they are on.
    forward: Vec<(usize, Item)>,
    /// The first page that could not be drawn.
    error: Option<String>,
}

impl Writer {
    /// A writer for pages set in `fonts`, claiming `meta`'s standards.
    pub fn new(fonts: &'static FontSet, meta: &Meta) -> Result<Writer, Refusal> {
        let mut config = ConfigurationBuilder::new();
        for s in &meta.standards {
            config = match s {
                PdfStandard::Ua1 => config.with_accessibility_validator(Accessibility::UA1),
                PdfStandard::A2u => config.with_archival_validator(Archival::A2_U),
                PdfStandard::A2a => config.with_archival_validator(Archival::A2_A),
                PdfStandard::A3u => config.with_archival_validator(Archival::A3_U),
                PdfStandard::A3a => config.with_archival_validator(Archival::A3_A),
            };
        }
        let configuration = config
            .finish()
            .map_err(|e| Refusal::Failed(format!("the PDF standards cannot be combined: {e:?}")))?;
        let settings = SerializeSettings {
            compress_content_streams: true,
            xmp_metadata: true,
            enable_tagging: true,
            configuration,
            ..SerializeSettings::default()
        };
        Ok(Writer {
            doc: Document::new_with(settings),
            fonts: Fonts::new(fonts),
            leaves: Leaves::new(0),
            pages: 0,
            forward: Vec::new(),
            error: None,
        })
    }

    /// Draws the next page.
    pub fn page(&mut self, page: &Page) {
        let index = self.pages;
        self.pages += 1;
        let Some(mut ps) = PageSettings::from_wh(page.width, page.height) else {
            self.error
                .get_or_insert_with(|| format!("page {} has no size", index + 1));
            return;
        };
        if index == 0 {
            // Pages are numbered 1, 2, … throughout (a volume's title page is page 1).
            ps = ps.with_page_label(PageLabel::new(
                Some(NumberingStyle::Arabic),
                None,
                NonZeroU32::new(1),
            ));
        }
        let mut p = self.doc.start_page_with(ps);
        let mut surface = p.surface();
        draw_page(&mut surface, page, &self.fonts, &mut self.leaves);
        surface.finish();
        // Links: the index's page numbers to the line of the mention, note references to
        // their notes and back. One to a page not drawn yet waits for the end (krilla
        // needs its target to exist).
        for item in &page.items {
            match item {
                Item::Link { page: to, .. } if *to <= index => {
                    if let Some(a) = link_annotation(item) {
                        p.add_annotation(a);
                    }
                }
                Item::Link { .. } => self.forward.push((index, item.clone())),
                _ => {}
            }
        }
        p.finish();
    }

    /// The outline, structure tree, metadata and embedded sources, and the bytes.
    pub fn finish(mut self, laid: &Laid, meta: &Meta) -> Result<Vec<u8>, Refusal> {
        if let Some(e) = self.error {
            return Err(Refusal::Failed(e));
        }
        let doc = &mut self.doc;
        // The links held back, and those layout could only set once their page was gone
        // (to a note set further on: at the end of the document or of the volume).
        let late = laid.late_links.iter().map(|(p, item)| (*p, item));
        for (on, item) in self.forward.iter().map(|(p, i)| (*p, i)).chain(late) {
            let Item::Link { page: to, .. } = item else {
                continue;
            };
            if *to < self.pages {
                if let Some(a) = link_annotation(item) {
                    doc.add_annotation_to_page(on, a);
                }
            }
        }
        let mut outline = Outline::new();
        for b in &laid.bookmarks {
            let page = b.page.min(self.pages.saturating_sub(1));
            let y = (b.y - 12.0).max(0.0);
            outline.push_child(OutlineNode::new(
                b.title.clone(),
                krilla::destination::XyzDestination::new(page, Point::from_xy(0.0, y)),
            ));
        }
        doc.set_outline(outline);
        doc.set_tag_tree(tree::build(&laid.structure, self.leaves));
        doc.set_metadata(metadata(meta));
        for source in &meta.sources {
            // Let go only when no edition embeds them (`writers::release_unused`).
            let bytes = source.bytes.as_ref().ok_or_else(|| {
                Refusal::Failed(format!("{}: the file's bytes were let go", source.name))
            })?;
            let mime = if source.name.ends_with(".json") {
                "application/json"
            } else if source.name.ends_with(".xml") {
                "application/tei+xml"
            } else {
                "application/toml"
            };
            doc.embed_file(krilla::embed::EmbeddedFile {
                path: source.name.clone(),
                mime_type: krilla::embed::MimeType::new(mime),
                description: Some(format!(
                    "The transcription this edition was made from: {}",
                    source.name
                )),
                association_kind: krilla::embed::AssociationKind::Source,
                data: bytes.to_vec().into(),
                modification_date: meta.date.map(date_time),
                compress: Some(true),
                location: None,
            })
            .ok_or_else(|| Refusal::Failed(format!("{} is embedded twice", source.name)))?;
        }
        let bytes = self.doc.finish().map_err(|e| explain(&e));
        // krilla memoizes (comemo) each face's subset by glyph set, and its content streams:
        // a batch reuses the subsets its documents share, and forgets what the last
        // KRILLA_MEMO_AGE PDFs did not use, so its memory stays flat however long it runs.
        comemo::evict(KRILLA_MEMO_AGE);
        bytes
    }
}

/// How many PDFs an entry of krilla's memo outlives unused: enough for the documents of a
/// batch that share glyph sets to find their subsets, little enough to stay small.
const KRILLA_MEMO_AGE: usize = 8;

/// A link item as a link annotation: to the line it points at, with its description (or
/// the page) as its text for a screen reader.
fn link_annotation(item: &Item) -> Option<krilla::annotation::Annotation> {
    let Item::Link {
        x,
        y,
        w,
        h,
        page: to,
        to_y,
        alt,
    } = item
    else {
        return None;
    };
    let rect = krilla::geom::Rect::from_xywh(*x, *y, *w, *h)?;
    let target =
        krilla::destination::XyzDestination::new(*to, Point::from_xy(0.0, (to_y - 12.0).max(0.0)));
    Some(krilla::annotation::Annotation::new_link(
        krilla::annotation::LinkAnnotation::new(
            rect,
            krilla::annotation::Target::Destination(target.into()),
        ),
        Some(
            alt.clone()
                .unwrap_or_else(|| format!("{} {}", "стр.", to + 1)),
        ),
    ))
}

fn metadata(meta: &Meta) -> krilla::metadata::Metadata {
    let mut m = krilla::metadata::Metadata::new()
        .title(meta.title.clone())
        .language(meta.lang.clone())
        .creator("folio".into())
        .producer(concat!("folio ", env!("CARGO_PKG_VERSION")).into());
    if !meta.authors.is_empty() {
        m = m.authors(meta.authors.clone());
    }
    if !meta.subject.is_empty() {
        m = m.description(meta.subject.clone());
    }
    if !meta.keywords.is_empty() {
        m = m.keywords(vec![meta.keywords.clone()]);
    }
    if let Some(d) = meta.date {
        m = m.creation_date(date_time(d));
    }
    m
}

fn date_time(c: crate::shared::clock::Civil) -> krilla::metadata::DateTime {
    krilla::metadata::DateTime::new(c.year as u16)
        .month(c.month as u8)
        .day(c.day as u8)
        .hour(c.hour as u8)
        .minute(c.minute as u8)
        .second(c.second as u8)
        .utc_offset_hour(0)
        .utc_offset_minute(0)
}

/// A krilla error in the words of the standard it breaks.
fn explain(e: &krilla::error::KrillaError) -> Refusal {
    let krilla::error::KrillaError::Validation(errors) = e else {
        return Refusal::Failed(format!("cannot write the PDF: {e}"));
    };
    let violations = errors
        .iter()
        .map(|(err, validators)| {
            let mut text = None;
            let message = match err {
                ValidationError::RestrictedLicense(_) => "a font of the style forbids embedding (PDF/A: ISO 19005-2 6.2.11.4.1; PDF/UA: ISO 14289-1 7.21.4.1): choose a font whose licence allows embedding".to_string(),
                ValidationError::ContainsNotDefGlyph(_, _, t) => {
                    text = Some(t.to_string());
                    format!(
                        "“{t}” is in no font (the .notdef glyph; ISO 19005-2 6.2.11.8, ISO 14289-1 7.21.8): add a font that has it"
                    )
                }
                ValidationError::NoCodepointMapping(..)
                | ValidationError::InvalidCodepointMapping(..) => {
                    "a glyph maps to no Unicode text (ISO 19005-2 6.2.11.7.2)".to_string()
                }
                ValidationError::MissingDocumentDate => {
                    "PDF/A needs the file's date (xmp:CreateDate, ISO 19005-2 6.6)".to_string()
                }
                ValidationError::EmbeddedFile(k, _) => format!(
                    "an embedded source is not allowed or is incomplete ({k:?}; PDF/A-2 allows none, ISO 19005-2 6.8; use a-3u or a-3a)"
                ),
                other => format!("{other:?}"),
            };
            Violation {
                standards: validators_names(*validators).join(", "),
                message,
                text,
            }
        })
        .collect();
    Refusal::Nonconforming(violations)
}

fn validators_names(v: krilla::configure::Validators) -> Vec<&'static str> {
    let mut out = Vec::new();
    if let Some(a) = v.archival() {
        out.push(a.as_str());
    }
    if let Some(u) = v.accessibility() {
        out.push(u.as_str());
    }
    out
}

/// The faces as krilla fonts, made once per file for the faces used.
struct Fonts {
    set: &'static FontSet,
    made: std::cell::RefCell<Vec<Option<Font>>>,
}

impl Fonts {
    fn new(set: &'static FontSet) -> Fonts {
        Fonts {
            set,
            made: std::cell::RefCell::new(Vec::new()),
        }
    }

    fn get(&self, id: crate::layout::font::FontId) -> Option<Font> {
        let mut made = self.made.borrow_mut();
        let i = id as usize;
        if made.len() <= i {
            made.resize(i + 1, None);
        }
        if made[i].is_none() {
            made[i] = krilla_font(self.set, id);
        }
        made[i].clone()
    }
}

/// krilla's font for face `id` of the set (none if krilla cannot read it).
fn krilla_font(set: &'static FontSet, id: crate::layout::font::FontId) -> Option<Font> {
    let data: &'static [u8] = set.face(id).data;
    Font::new(data.into(), 0)
}

/// Each face's glyphs in the order the pages draw them first. krilla numbers a subset's
/// glyphs in that order, so knowing it lets the subsets and compressed font programs be made
/// ([`GlyphOrder::prepare`]) while the last pages are still being drawn, instead of after
/// them; finishing then finds them made. The pages must be recorded in the order they are
/// drawn, and glyphs are drawn as [`draw_page`] draws them: every glyph of every text item.
#[derive(Default)]
pub struct GlyphOrder {
    /// Per face (by id): its glyphs in order of first use, and a bit per glyph id seen.
    faces: Vec<(Vec<u16>, Vec<u64>)>,
}

impl GlyphOrder {
    /// Takes in the glyphs of the next page to be drawn.
    pub fn record(&mut self, page: &Page) {
        for item in &page.items {
            let Item::Text { glyphs, .. } = item else {
                continue;
            };
            for g in glyphs {
                let face = g.font as usize;
                if self.faces.len() <= face {
                    self.faces.resize_with(face + 1, Default::default);
                }
                let (order, seen) = &mut self.faces[face];
                let (word, bit) = (g.id as usize / 64, 1u64 << (g.id % 64));
                if seen.len() <= word {
                    seen.resize(word + 1, 0);
                }
                if seen[word] & bit == 0 {
                    seen[word] |= bit;
                    order.push(g.id);
                }
            }
        }
    }

    /// Makes the subset and compressed program of every face used, on all cores.
    pub fn prepare(&self, set: &'static FontSet) {
        rayon::scope(|s| {
            for (id, (order, _)) in self.faces.iter().enumerate() {
                if order.is_empty() || id >= set.faces.len() {
                    continue;
                }
                s.spawn(move |_| {
                    if let Some(font) = krilla_font(set, id as crate::layout::font::FontId) {
                        krilla::text::prepare_font_program(&font, order.iter().copied());
                    }
                });
            }
        });
    }
}

/// Draws a page: text runs and rules, each inside the marked content of its node or as
/// an artifact. No /ActualText is written: krilla draws each run under its own flipped
/// matrix, and poppler places an /ActualText span's text where that matrix is undone (at
/// the mirrored height of the page), so it would move words out of their lines; readers
/// that follow the structure tree get the reading order from it instead.
fn draw_page(surface: &mut Surface, page: &Page, fonts: &Fonts, leaves: &mut Leaves) {
    let mut open: Option<NodeId> = None;
    for item in &page.items {
        match item {
            // Anchors draw nothing; links are annotations, added with the page.
            Item::Actual(_) | Item::Anchor { .. } | Item::Link { .. } => {}
            Item::Text { y, glyphs } => {
                for run in runs(glyphs) {
                    let node = run[0].node;
                    if open != Some(node) {
                        if open.take().is_some() {
                            surface.end_tagged();
                        }
                        start(surface, node, leaves);
                        open = Some(node);
                    }
                    draw_run(surface, *y, run, fonts);
                }
            }
            Item::Rule {
                x1,
                y1,
                x2,
                y2,
                width,
            } => {
                let mut pb = PathBuilder::new();
                pb.move_to(*x1, *y1);
                pb.line_to(*x2, *y2);
                stroke(surface, pb, *width, &mut open, leaves);
            }
            Item::Frame { x, y, w, h, width } => {
                let mut pb = PathBuilder::new();
                if let Some(r) = Rect::from_xywh(*x, *y, *w, *h) {
                    pb.push_rect(r);
                }
                stroke(surface, pb, *width, &mut open, leaves);
            }
        }
    }
    if open.is_some() {
        surface.end_tagged();
    }
}

/// Opens the marked content of `node`; a node's content becomes one of its leaves.
fn start(surface: &mut Surface, node: NodeId, leaves: &mut Leaves) {
    let kind = match node {
        structure::HEADER => Some(ArtifactType::Header),
        structure::PAGE_NUMBER => Some(ArtifactType::PageNumber),
        structure::LINE_NUMBER => Some(ArtifactType::LineNumber),
        n if structure::is_artifact(n) => Some(ArtifactType::Layout),
        _ => None,
    };
    match kind {
        Some(kind) => {
            surface.start_tagged(ContentTag::Artifact(Artifact::new(kind, None)));
        }
        None => {
            let id = surface.start_tagged(ContentTag::Span(SpanTag::empty()));
            leaves.push(node, id);
        }
    }
}

/// A rule or frame: an artifact (it draws, it says nothing).
fn stroke(
    surface: &mut Surface,
    pb: PathBuilder,
    width: f32,
    open: &mut Option<NodeId>,
    leaves: &mut Leaves,
) {
    let Some(path) = pb.finish() else { return };
    if *open != Some(structure::ARTIFACT) {
        if open.take().is_some() {
            surface.end_tagged();
        }
        start(surface, structure::ARTIFACT, leaves);
        *open = Some(structure::ARTIFACT);
    }
    surface.set_fill(None);
    surface.set_stroke(Some(krilla::paint::Stroke {
        width,
        ..Default::default()
    }));
    surface.draw_path(&path);
    surface.set_stroke(None);
    surface.set_fill(Some(krilla::paint::Fill::default()));
}

/// A line's glyphs cut where the node, the face, the size or letter-spacing changes.
fn runs(glyphs: &[Placed]) -> Vec<&[Placed]> {
    let mut out = Vec::new();
    let mut s = 0;
    for k in 1..=glyphs.len() {
        let cut = k == glyphs.len() || {
            let (a, b) = (&glyphs[k - 1], &glyphs[k]);
            a.node != b.node || a.font != b.font || a.size != b.size
        };
        if cut {
            if k > s {
                out.push(&glyphs[s..k]);
            }
            s = k;
        }
    }
    out
}

/// Draws a run of glyphs of one face and size where the layout put them, each glyph
/// mapped to the text of its cluster.
fn draw_run(surface: &mut Surface, y: f32, run: &[Placed], fonts: &Fonts) {
    let first = &run[0];
    let Some(font) = fonts.get(first.font) else {
        return;
    };
    let size = first.size;
    let mut text = String::new();
    let mut glyphs = Vec::with_capacity(run.len());
    let mut range = 0..0;
    for (k, g) in run.iter().enumerate() {
        if !g.text.is_empty() || k == 0 {
            let start = text.len();
            // No-break spaces read as spaces.
            for c in g.text.chars() {
                text.push(if c == '\u{a0}' || c == '\u{202f}' {
                    ' '
                } else {
                    c
                });
            }
            range = start..text.len();
        }
        let next_x = run.get(k + 1).map_or(g.x + g.width + g.spacing, |n| n.x);
        glyphs.push(KrillaGlyph::new(
            GlyphId::new(g.id as u32),
            (next_x - g.x) / size,
            0.0,
            g.rise / size,
            0.0,
            range.clone(),
            None,
        ));
    }
    surface.draw_glyphs(
        Point::from_xy(first.x, y),
        &glyphs,
        font,
        &text,
        size,
        false,
    );
}

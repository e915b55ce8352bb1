//! Layout: turns documents and a style into positioned pages — shaping (rustybuzz),
//! total-fit line breaking with hyphenation, pages with footnote areas, running heads, page
//! and line numbers. It knows nothing of PDF: its output is a page model of positioned
//! glyph runs, rules and frames, which src/pdf/ turns into bytes.
//!
//! Coordinates are points, measured from the page's top-left corner, y growing downward.

pub mod breaking;
mod compose;
pub mod font;
mod hyphens;
mod overlong;
pub mod para;
pub mod structure;
pub mod volume;

use crate::diag::Error;
use crate::model::Document;
use crate::style::Style;
use font::{FontId, FontSet};

pub use compose::{Composer, Front, PageSink, Target};

/// A glyph placed on a page.
#[derive(Clone, Debug, PartialEq)]
pub struct Placed {
    /// The face.
    pub font: FontId,
    /// Glyph id in the face.
    pub id: u16,
    /// Font size in points.
    pub size: f32,
    /// Left edge of the glyph's origin, points from the page's left edge.
    pub x: f32,
    /// Baseline shift upward (superscripts, the font's mark positioning).
    pub rise: f32,
    /// Letter-spacing after the glyph.
    pub spacing: f32,
    /// Whether the glyph belongs to letter-spaced text (read as one word).
    pub spaced: bool,
    /// The glyph's nominal advance in points (what a PDF reader assumes).
    pub width: f32,
    /// The source text the glyph stands for ("" for the second glyph of a cluster).
    pub text: font::Cluster,
    /// The structure node it belongs to, or an artifact id (`structure`).
    pub node: structure::NodeId,
}

/// One positioned item of a page.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// A run of glyphs on one baseline (`y`).
    Text {
        /// Baseline, from the top.
        y: f32,
        /// The glyphs, left to right.
        glyphs: Vec<Placed>,
    },
    /// A straight line.
    Rule {
        /// Start x.
        x1: f32,
        /// Start y.
        y1: f32,
        /// End x.
        x2: f32,
        /// End y.
        y2: f32,
        /// Stroke width.
        width: f32,
    },
    /// A rectangle's outline (the frame of a stamp).
    Frame {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Stroke width.
        width: f32,
    },
    /// The start (`Some`, with the text readers should extract) or the end (`None`) of
    /// items that read as one line of text though they are set apart (a role and a name
    /// on one line of a signature).
    Actual(Option<String>),
    /// Where a mention of the register is set (it draws nothing): the indexes find the
    /// page of every mention, and link to it, by these.
    Anchor {
        /// The mention's ordinal in its document ([`crate::shared::index::Mentions`]).
        mention: usize,
        /// Left of its first glyph.
        x: f32,
        /// Top of its line.
        y: f32,
    },
    /// A link: a rectangle of the page that goes to a place in the document.
    Link {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// The target page (0-based).
        page: usize,
        /// The target's top, points from the target page's top.
        to_y: f32,
        /// What a screen reader says of the link; none: the target page ("стр. 12").
        alt: Option<String>,
    },
}

impl Item {
    fn shift(&mut self, dy: f32) {
        match self {
            Item::Text { y, .. } => *y += dy,
            Item::Rule { y1, y2, .. } => {
                *y1 += dy;
                *y2 += dy;
            }
            Item::Frame { y, .. } | Item::Anchor { y, .. } | Item::Link { y, .. } => *y += dy,
            Item::Actual(_) => {}
        }
    }

    fn shift_x(&mut self, dx: f32) {
        match self {
            Item::Text { glyphs, .. } => glyphs.iter_mut().for_each(|g| g.x += dx),
            Item::Rule { x1, x2, .. } => {
                *x1 += dx;
                *x2 += dx;
            }
            Item::Frame { x, .. } | Item::Anchor { x, .. } | Item::Link { x, .. } => *x += dx,
            Item::Actual(_) => {}
        }
    }
}

/// A unit of the vertical flow: a line, or a block kept whole. Item y's are relative to the
/// element's top.
#[derive(Clone, Debug, Default)]
pub struct Elem {
    /// Height it takes in the flow.
    pub h: f32,
    /// What it draws.
    pub items: Vec<Item>,
    /// Notes referenced in it (their footnotes go on its page).
    pub notes: Vec<usize>,
    /// Space above it, dropped at the top of a page.
    pub gap: f32,
    /// Whether a page may break right before it.
    pub breakable: bool,
    /// Line `i` of `n` of a paragraph, for widow and orphan control.
    pub line: Option<(usize, usize)>,
    /// Whether it is a line of the document's text, counted for line numbers.
    pub counted: bool,
    /// The natural width of its content.
    pub width: f32,
    /// On a paragraph's first line: the paragraph set one line longer, at no worse
    /// spacing than allowed, which the page builder may take to fill a page.
    pub longer: Option<Vec<Elem>>,
}

/// What a test or a reader may want to know of a line on a page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineTag {
    /// Which paragraph (an ordinal per layout).
    pub paragraph: usize,
    /// Line index in the paragraph.
    pub index: usize,
    /// Lines in the paragraph.
    pub count: usize,
}

/// A laid-out page.
#[derive(Clone, Debug, Default)]
pub struct Page {
    /// Width in points.
    pub width: f32,
    /// Height in points.
    pub height: f32,
    /// What it draws.
    pub items: Vec<Item>,
    /// Notes referenced from this page's text.
    pub refs: Vec<usize>,
    /// Notes whose text is set at this page's foot (a continued note counts on both).
    pub footnotes: Vec<usize>,
    /// The paragraph lines of the page, top to bottom.
    pub lines: Vec<LineTag>,
    /// Which document of the run the page belongs to (index in the order laid out).
    pub document: usize,
    /// Where the page's text ends (points from the top): a run-on document starts below.
    pub body_end: f32,
    /// The top of the footnote area (the page's bottom margin when it has no notes): a
    /// run-on document's text and notes must stay above it.
    pub foot_top: f32,
}

/// An entry of the outline (bookmarks).
#[derive(Clone, Debug)]
pub struct Bookmark {
    /// The title shown.
    pub title: String,
    /// The page (0-based).
    pub page: usize,
    /// Top of the target, in points from the page's top.
    pub y: f32,
}

/// The result of a layout run.
pub struct Laid {
    /// The pages.
    pub pages: Vec<Page>,
    /// Bookmarks, one per document (and the volume's parts).
    pub bookmarks: Vec<Bookmark>,
    /// The fonts the pages refer to.
    pub fonts: &'static FontSet,
    /// Characters set in the fallback face (or no face), with where they stand, per document.
    pub missing: Vec<Vec<(char, String)>>,
    /// Paragraphs that had no setting with word spaces under twice their width and were
    /// set looser, with where they stand, per document.
    pub loose: Vec<Vec<String>>,
    /// Per document, words too wide for the line that were broken anywhere, with where
    /// they stand.
    pub cut: Vec<Vec<(String, String)>>,
    /// What each glyph is, in reading order: the tagged PDF's structure tree.
    pub structure: structure::Structure,
    /// Links (`Item::Link`) that belong on pages already handed to the sink, with the
    /// index of their page: a note reference whose note was set further on, at the end of
    /// the document or volume, once the page of the reference was gone.
    pub late_links: Vec<(usize, Item)>,
}

/// Lays out one document.
pub fn layout_document(doc: &Document, style: &Style) -> Result<Laid, Error> {
    let mut c = Composer::new(style)?;
    c.document(doc, None)?;
    Ok(c.finish())
}

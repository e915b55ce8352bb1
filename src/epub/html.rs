//! A small XHTML builder that escapes text and records which characters each font face
//! shows, so the embedded fonts can be cut to exactly those glyphs.

use std::collections::BTreeSet;

/// The four faces of the text family, as CSS selects them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Face {
    /// Upright, normal weight.
    Regular = 0,
    /// Italic.
    Italic = 1,
    /// Bold.
    Bold = 2,
    /// Bold italic.
    BoldItalic = 3,
}

impl Face {
    /// Every face, in the order of [`Faces::sets`].
    pub const ALL: [Face; 4] = [Face::Regular, Face::Italic, Face::Bold, Face::BoldItalic];

    fn of(italic: bool, bold: bool) -> Face {
        match (italic, bold) {
            (false, false) => Face::Regular,
            (true, false) => Face::Italic,
            (false, true) => Face::Bold,
            (true, true) => Face::BoldItalic,
        }
    }
}

/// The characters shown in each face, across every file of the book.
#[derive(Debug, Default)]
pub struct Faces {
    /// Characters by face, indexed by `Face as usize`.
    pub sets: [BTreeSet<char>; 4],
}

/// XHTML being written, with the face the stylesheet gives the current position.
pub struct Html<'f> {
    /// The markup so far.
    pub out: String,
    italic: bool,
    bold: bool,
    faces: &'f mut Faces,
}

impl<'f> Html<'f> {
    /// An empty builder recording into `faces`.
    pub fn new(faces: &'f mut Faces) -> Html<'f> {
        Html {
            out: String::with_capacity(16 * 1024),
            italic: false,
            bold: false,
            faces,
        }
    }

    /// Markup, written as is (no text of the book: not recorded).
    pub fn raw(&mut self, s: &str) {
        self.out.push_str(s);
    }

    /// Text of the book: escaped, and its characters recorded in the current face.
    pub fn text(&mut self, s: &str) {
        let set = &mut self.faces.sets[Face::of(self.italic, self.bold) as usize];
        set.extend(s.chars().filter(|c| !c.is_control()));
        crate::shared::xml::escape_into(&mut self.out, s);
    }

    /// The face from here on: the stylesheet sets these elements in italic and/or bold.
    /// Returns the previous face for [`Html::restore`].
    pub fn face(&mut self, italic: bool, bold: bool) -> (bool, bool) {
        let old = (self.italic, self.bold);
        self.italic |= italic;
        self.bold |= bold;
        old
    }

    /// Back to a face returned by [`Html::face`].
    pub fn restore(&mut self, old: (bool, bool)) {
        (self.italic, self.bold) = old;
    }
}

/// `s` escaped for an attribute value in double quotes.
pub fn attr(s: &str) -> String {
    crate::shared::xml::escape(s)
}

/// `s` escaped as element content (for metadata and navigation, where no face is tracked).
pub fn esc(s: &str) -> String {
    crate::shared::xml::escape(s)
}

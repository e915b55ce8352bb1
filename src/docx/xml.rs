//! Small WordprocessingML building blocks: escaping, units, and paragraph and run properties
//! that always write their children in the order the schema (ECMA-376 Part 1) requires,
//! whatever order the writer sets them in. Word refuses a file whose `w:rPr`, `w:pPr` or
//! `w:sectPr` children are out of order; LibreOffice does not, so it would not catch it.

use std::fmt::Write as _;

/// Twips (twentieths of a point) in a millimetre.
pub fn mm(mm: f32) -> i64 {
    (f64::from(mm) * 1440.0 / 25.4).round() as i64
}

/// Half-points for a size in points (`w:sz`).
pub fn half_points(pt: f32) -> i64 {
    (f64::from(pt) * 2.0).round().max(2.0) as i64
}

pub use crate::shared::xml::{escape, escape_into};

/// A paragraph border side.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edge {
    /// `w:top`.
    Top,
    /// `w:left`.
    Left,
    /// `w:bottom`.
    Bottom,
    /// `w:right`.
    Right,
}

/// A tab stop.
#[derive(Clone, Copy, Debug)]
pub struct Tab {
    /// `left`, `right` or `center`.
    pub kind: &'static str,
    /// Position in twips from the left indent.
    pub pos: i64,
    /// A dot leader up to the stop (contents entries).
    pub dots: bool,
}

/// Paragraph indentation, in twips.
#[derive(Clone, Copy, Debug, Default)]
pub struct Ind {
    /// Left indent.
    pub left: Option<i64>,
    /// Right indent.
    pub right: Option<i64>,
    /// First-line indent (positive) or hanging indent (negative).
    pub first: Option<i64>,
}

/// Paragraph properties (`w:pPr`), written in schema order.
#[derive(Clone, Debug, Default)]
pub struct PPr {
    /// `w:pStyle`.
    pub style: Option<&'static str>,
    /// `w:keepNext`.
    pub keep_next: bool,
    /// `w:keepLines`.
    pub keep_lines: bool,
    /// `w:pageBreakBefore`.
    pub page_break_before: bool,
    /// `w:numPr`: numbering instance id (level 0).
    pub num: Option<u32>,
    /// `w:pBdr`: single-line sides.
    pub borders: Vec<Edge>,
    /// `w:tabs`.
    pub tabs: Vec<Tab>,
    /// `w:spacing`: before and after in twips, line in 240ths (auto).
    pub spacing: Option<(Option<i64>, Option<i64>, Option<i64>)>,
    /// `w:ind`.
    pub ind: Option<Ind>,
    /// `w:contextualSpacing`: no spacing between paragraphs of the same style.
    pub contextual: bool,
    /// `w:jc`: left, center, right, both.
    pub jc: Option<&'static str>,
    /// `w:outlineLvl` (0 is level 1).
    pub outline: Option<u8>,
    /// `w:sectPr` closing a section, as written XML.
    pub sect: Option<String>,
}

impl PPr {
    /// Properties with only a paragraph style.
    pub fn styled(style: &'static str) -> PPr {
        PPr {
            style: Some(style),
            ..PPr::default()
        }
    }

    /// Whether nothing is set.
    fn is_empty(&self) -> bool {
        self.style.is_none()
            && !self.keep_next
            && !self.keep_lines
            && !self.page_break_before
            && self.num.is_none()
            && self.borders.is_empty()
            && self.tabs.is_empty()
            && self.spacing.is_none()
            && self.ind.is_none()
            && !self.contextual
            && self.jc.is_none()
            && self.outline.is_none()
            && self.sect.is_none()
    }

    /// Appends `<w:pPr>…</w:pPr>` (nothing if empty).
    pub fn write(&self, out: &mut String) {
        if self.is_empty() {
            return;
        }
        out.push_str("<w:pPr>");
        if let Some(s) = self.style {
            let _ = write!(out, "<w:pStyle w:val=\"{s}\"/>");
        }
        if self.keep_next {
            out.push_str("<w:keepNext/>");
        }
        if self.keep_lines {
            out.push_str("<w:keepLines/>");
        }
        if self.page_break_before {
            out.push_str("<w:pageBreakBefore/>");
        }
        if let Some(n) = self.num {
            let _ = write!(
                out,
                "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"{n}\"/></w:numPr>"
            );
        }
        if !self.borders.is_empty() {
            out.push_str("<w:pBdr>");
            for (edge, name) in [
                (Edge::Top, "top"),
                (Edge::Left, "left"),
                (Edge::Bottom, "bottom"),
                (Edge::Right, "right"),
            ] {
                if self.borders.contains(&edge) {
                    let _ = write!(
                        out,
                        "<w:{name} w:val=\"single\" w:sz=\"6\" w:space=\"4\" w:color=\"auto\"/>"
                    );
                }
            }
            out.push_str("</w:pBdr>");
        }
        if !self.tabs.is_empty() {
            out.push_str("<w:tabs>");
            for t in &self.tabs {
                let leader = if t.dots { " w:leader=\"dot\"" } else { "" };
                let _ = write!(
                    out,
                    "<w:tab w:val=\"{}\"{leader} w:pos=\"{}\"/>",
                    t.kind, t.pos
                );
            }
            out.push_str("</w:tabs>");
        }
        if let Some((before, after, line)) = self.spacing {
            out.push_str("<w:spacing");
            if let Some(b) = before {
                let _ = write!(out, " w:before=\"{b}\"");
            }
            if let Some(a) = after {
                let _ = write!(out, " w:after=\"{a}\"");
            }
            if let Some(l) = line {
                let _ = write!(out, " w:line=\"{l}\" w:lineRule=\"auto\"");
            }
            out.push_str("/>");
        }
        if let Some(ind) = self.ind {
            out.push_str("<w:ind");
            if let Some(l) = ind.left {
                let _ = write!(out, " w:left=\"{l}\"");
            }
            if let Some(r) = ind.right {
                let _ = write!(out, " w:right=\"{r}\"");
            }
            match ind.first {
                Some(f) if f < 0 => {
                    let _ = write!(out, " w:hanging=\"{}\"", -f);
                }
                Some(f) => {
                    let _ = write!(out, " w:firstLine=\"{f}\"");
                }
                None => {}
            }
            out.push_str("/>");
        }
        if self.contextual {
            out.push_str("<w:contextualSpacing/>");
        }
        if let Some(j) = self.jc {
            let _ = write!(out, "<w:jc w:val=\"{j}\"/>");
        }
        if let Some(o) = self.outline {
            let _ = write!(out, "<w:outlineLvl w:val=\"{o}\"/>");
        }
        if let Some(s) = &self.sect {
            out.push_str(s);
        }
        out.push_str("</w:pPr>");
    }
}

/// Run properties (`w:rPr`), written in schema order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RPr {
    /// `w:rStyle`.
    pub style: Option<&'static str>,
    /// `w:rFonts` on all four slots.
    pub font: Option<String>,
    /// `w:b`.
    pub bold: bool,
    /// `w:i`.
    pub italic: bool,
    /// `w:strike`.
    pub strike: bool,
    /// `w:spacing`: letter spacing in twips.
    pub letter_spacing: Option<i64>,
    /// `w:sz` and `w:szCs`, in half-points.
    pub size: Option<i64>,
    /// `w:u`: single or double.
    pub underline: Option<&'static str>,
    /// `w:vertAlign`: superscript or subscript.
    pub vert: Option<&'static str>,
    /// `w:lang`.
    pub lang: Option<String>,
}

impl RPr {
    /// Adds the properties of `other` that are set (for nested inline marks).
    pub fn merge(&mut self, other: &RPr) {
        self.bold |= other.bold;
        self.italic |= other.italic;
        self.strike |= other.strike;
        if other.letter_spacing.is_some() {
            self.letter_spacing = other.letter_spacing;
        }
        if other.size.is_some() {
            self.size = other.size;
        }
        if other.underline.is_some() {
            self.underline = other.underline;
        }
        if other.vert.is_some() {
            self.vert = other.vert;
        }
    }

    /// Appends `<w:rPr>…</w:rPr>` (nothing if empty).
    pub fn write(&self, out: &mut String) {
        if *self == RPr::default() {
            return;
        }
        out.push_str("<w:rPr>");
        if let Some(s) = self.style {
            let _ = write!(out, "<w:rStyle w:val=\"{s}\"/>");
        }
        if let Some(f) = &self.font {
            let f = escape(f);
            let _ = write!(
                out,
                "<w:rFonts w:ascii=\"{f}\" w:hAnsi=\"{f}\" w:eastAsia=\"{f}\" w:cs=\"{f}\"/>"
            );
        }
        if self.bold {
            out.push_str("<w:b/><w:bCs/>");
        }
        if self.italic {
            out.push_str("<w:i/><w:iCs/>");
        }
        if self.strike {
            out.push_str("<w:strike/>");
        }
        if let Some(s) = self.letter_spacing {
            let _ = write!(out, "<w:spacing w:val=\"{s}\"/>");
        }
        if let Some(s) = self.size {
            let _ = write!(out, "<w:sz w:val=\"{s}\"/><w:szCs w:val=\"{s}\"/>");
        }
        if let Some(u) = self.underline {
            let _ = write!(out, "<w:u w:val=\"{u}\"/>");
        }
        if let Some(v) = self.vert {
            let _ = write!(out, "<w:vertAlign w:val=\"{v}\"/>");
        }
        if let Some(l) = &self.lang {
            let l = escape(l);
            let _ = write!(out, "<w:lang w:val=\"{l}\" w:eastAsia=\"{l}\"/>");
        }
        out.push_str("</w:rPr>");
    }
}

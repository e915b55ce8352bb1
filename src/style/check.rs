//! Checks of a style file beyond its types: every number finite and in its range, the page
//! left with room for text, every font path a readable font. Each error names the setting,
//! the file, the line and the column; docs/limits.md lists the ranges.

use super::Style;
use crate::diag::{Code, Diagnostic, Error};
use std::path::{Path, PathBuf};
use toml::de::{DeTable, DeValue};

/// The largest font file folio reads (the largest CJK families are about 30 MB).
const MAX_FONT_BYTES: u64 = 64 << 20;

/// A style file's text, for pointing at its settings.
pub struct StyleSource<'a> {
    /// The file as named on the command line.
    pub name: &'a str,
    /// Its text.
    pub text: &'a str,
}

impl StyleSource<'_> {
    /// Where the value of a dotted key stands in the file.
    fn offset_of(&self, key: &str) -> Option<usize> {
        let root = DeTable::parse(self.text).ok()?;
        let mut table = root.get_ref();
        let mut parts = key.split('.').peekable();
        while let Some(part) = parts.next() {
            let value = table.get(part)?;
            if parts.peek().is_none() {
                return Some(value.span().start);
            }
            match value.get_ref() {
                DeValue::Table(t) => table = t,
                _ => return None,
            }
        }
        None
    }

    /// An error about the setting `key`, placed at its value when the file holds it (a
    /// preset's value has no place in the file).
    fn error(&self, key: &str, message: String, hint: &str) -> Error {
        let mut d =
            Diagnostic::error(Code::StyleValue, self.name, format!("`{key}` {message}")).hint(hint);
        if let Some(offset) = self.offset_of(key) {
            let text: std::sync::Arc<str> = self.text.into();
            let end = self.text[offset..]
                .find(['\n', '#'])
                .map_or(self.text.len(), |i| offset + i);
            d = d.at_span(&text, offset..self.text[..end].trim_end().len().max(offset));
        }
        Error::Settings(vec![d])
    }
}

/// Refuses what serde cannot represent faithfully: NaN and infinities read from TOML
/// (`nan`, `inf`) would turn into nothing, so they are named with their place first.
pub fn refuse_non_finite(source: &StyleSource) -> Result<(), Error> {
    fn walk(table: &DeTable, prefix: &str, found: &mut Option<String>) {
        for (key, value) in table.iter() {
            let path = if prefix.is_empty() {
                key.get_ref().to_string()
            } else {
                format!("{prefix}.{}", key.get_ref())
            };
            match value.get_ref() {
                DeValue::Float(f) => {
                    let s = f.as_str().trim_start_matches(['+', '-']);
                    if (s == "nan" || s == "inf") && found.is_none() {
                        *found = Some(path);
                    }
                }
                DeValue::Table(t) => walk(t, &path, found),
                _ => {}
            }
        }
    }
    let Ok(root) = DeTable::parse(source.text) else {
        return Ok(());
    };
    let mut found = None;
    walk(root.get_ref(), "", &mut found);
    match found {
        Some(key) => Err(source.error(
            &key,
            "is not a number (nan or inf)".into(),
            "give a finite number; docs/styles.md lists every setting with its unit",
        )),
        None => Ok(()),
    }
}

/// One numeric setting and its allowed range.
struct Range {
    key: &'static str,
    value: f64,
    min: f64,
    max: f64,
    unit: &'static str,
}

/// Checks every number of a style against its range, then the page against its margins.
pub fn check_numbers(style: &Style, source: &StyleSource) -> Result<(), Error> {
    let p = &style.pdf;
    let d = &style.docx;
    let r = |key, value: f64, min, max, unit| Range {
        key,
        value,
        min,
        max,
        unit,
    };
    let ranges = [
        r(
            "text.width",
            style.text.width as f64,
            20.0,
            1000.0,
            "columns",
        ),
        r(
            "text.indent",
            style.text.indent as f64,
            0.0,
            40.0,
            "columns",
        ),
        r("pdf.margins.top", p.margins.top.into(), 0.0, 100.0, "mm"),
        r(
            "pdf.margins.bottom",
            p.margins.bottom.into(),
            0.0,
            100.0,
            "mm",
        ),
        r("pdf.margins.left", p.margins.left.into(), 0.0, 100.0, "mm"),
        r(
            "pdf.margins.right",
            p.margins.right.into(),
            0.0,
            100.0,
            "mm",
        ),
        r("pdf.font-size", p.font_size.into(), 4.0, 72.0, "pt"),
        r("pdf.leading", p.leading.into(), 4.0, 216.0, "pt"),
        r(
            "pdf.small-size",
            p.small_size.into(),
            0.5,
            1.0,
            "(a fraction of the body size)",
        ),
        r("pdf.indent", p.indent.into(), 0.0, 10.0, "em"),
        r(
            "pdf.line-numbers",
            p.line_numbers.into(),
            0.0,
            1000.0,
            "lines",
        ),
        r("docx.margin-top", d.margin_top.into(), 0.0, 100.0, "mm"),
        r(
            "docx.margin-bottom",
            d.margin_bottom.into(),
            0.0,
            100.0,
            "mm",
        ),
        r("docx.margin-left", d.margin_left.into(), 0.0, 100.0, "mm"),
        r("docx.margin-right", d.margin_right.into(), 0.0, 100.0, "mm"),
        r("docx.font-size", d.font_size.into(), 4.0, 72.0, "pt"),
        r(
            "docx.small-font-size",
            d.small_font_size.into(),
            4.0,
            72.0,
            "pt",
        ),
        r(
            "docx.line-spacing",
            d.line_spacing.into(),
            0.5,
            5.0,
            "(times single spacing)",
        ),
        r(
            "docx.first-line-indent",
            d.first_line_indent.into(),
            0.0,
            50.0,
            "mm",
        ),
        r(
            "epub.line-height",
            style.epub.line_height.into(),
            1.0,
            3.0,
            "em",
        ),
    ];
    for range in ranges {
        if !(range.min..=range.max).contains(&range.value) {
            return Err(source.error(
                range.key,
                format!(
                    "is {}, outside {}–{} {}",
                    range.value, range.min, range.max, range.unit
                ),
                "docs/styles.md gives each setting's meaning; docs/limits.md its range",
            ));
        }
    }
    if p.leading < p.font_size {
        return Err(source.error(
            "pdf.leading",
            format!(
                "is {} pt, less than the font size ({} pt): lines would overlap",
                p.leading, p.font_size
            ),
            "set the leading to at least the font size, about 1.2 times it",
        ));
    }
    // What the margins leave of the page must hold a line of a few words and some lines.
    let mm = 72.0 / 25.4;
    let (w, h) = p.page_size.points();
    let measure = w - (p.margins.left + p.margins.right) * mm;
    if measure < 12.0 * p.font_size {
        return Err(source.error(
            "pdf.margins.left",
            format!(
                "and pdf.margins.right leave {:.0} mm for the text on a {:.0} mm page: too narrow for a line at {} pt",
                measure / mm,
                w / mm,
                p.font_size
            ),
            "make the margins narrower or the font smaller",
        ));
    }
    if h - (p.margins.top + p.margins.bottom) * mm < 6.0 * p.leading {
        return Err(source.error(
            "pdf.margins.top",
            "and pdf.margins.bottom leave room for fewer than 6 lines on the page".into(),
            "make the margins smaller or the leading tighter",
        ));
    }
    let (dw, _) = d.page_size.mm();
    if dw - d.margin_left - d.margin_right < 40.0 {
        return Err(source.error(
            "docx.margin-left",
            format!(
                "and docx.margin-right leave less than 40 mm of a {dw:.0} mm page for the text"
            ),
            "make the margins narrower",
        ));
    }
    Ok(())
}

/// Resolves every font path relative to the style file's folder and checks that each is a
/// font: a regular file (not a folder, not a device such as /dev/zero) of reasonable size
/// that the font parser reads; its error is named.
pub fn resolve_fonts(style: &mut Style, source: &StyleSource, file: &Path) -> Result<(), Error> {
    let base = file.parent().unwrap_or(Path::new(""));
    let fonts = &mut style.fonts;
    let slots: [(&str, &mut Option<PathBuf>); 4] = [
        ("fonts.regular", &mut fonts.regular),
        ("fonts.italic", &mut fonts.italic),
        ("fonts.bold", &mut fonts.bold),
        ("fonts.bold-italic", &mut fonts.bold_italic),
    ];
    for (key, slot) in slots {
        let Some(path) = slot.as_mut() else { continue };
        if path.is_relative() {
            *path = base.join(&*path);
        }
        check_font(path).map_err(|problem| {
            source.error(
                key,
                format!("names {}, which {problem}", path.display()),
                "give a TrueType or OpenType file (.ttf, .otf); a relative path is read from the style file's folder",
            )
        })?;
    }
    Ok(())
}

/// Why a path is not a usable font, if it is not.
fn check_font(path: &Path) -> Result<(), String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot be read: {e}"))?;
    if meta.is_dir() {
        return Err("is a folder, not a font file".into());
    }
    if !meta.is_file() {
        return Err("is not a regular file (a device or a pipe)".into());
    }
    if meta.len() > MAX_FONT_BYTES {
        return Err(format!(
            "is larger than the {} MiB a font may have",
            MAX_FONT_BYTES >> 20
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot be read: {e}"))?;
    ttf_parser::Face::parse(&bytes, 0)
        .map(|_| ())
        .map_err(|e| format!("the font parser (ttf-parser) refuses: {e}"))
}

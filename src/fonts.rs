//! The bundled fonts, compiled into the binary so folio needs no installed font.
//!
//! PT Serif (ParaType Free Font License, fonts/PARATYPE-LICENSE.txt) covers modern and
//! pre-1918 Cyrillic (ѣ і ѳ ѵ), Ukrainian and Belarusian letters, the stress mark, №, «», —.
//! DejaVu Serif is the per-character fallback for anything PT Serif lacks.

use std::borrow::Cow;
use std::sync::Mutex;

/// PT Serif Regular.
pub static PT_SERIF_REGULAR: &[u8] = include_bytes!("../fonts/PTSerif-Regular.ttf");
/// PT Serif Italic.
pub static PT_SERIF_ITALIC: &[u8] = include_bytes!("../fonts/PTSerif-Italic.ttf");
/// PT Serif Bold.
pub static PT_SERIF_BOLD: &[u8] = include_bytes!("../fonts/PTSerif-Bold.ttf");
/// PT Serif Bold Italic.
pub static PT_SERIF_BOLD_ITALIC: &[u8] = include_bytes!("../fonts/PTSerif-BoldItalic.ttf");
/// PT Mono Regular.
pub static PT_MONO_REGULAR: &[u8] = include_bytes!("../fonts/PTMono-Regular.ttf");
/// DejaVu Serif: the fallback for characters PT Serif does not have.
pub static DEJAVU_SERIF: &[u8] = include_bytes!("../fonts/DejaVuSerif.ttf");

/// The four faces of a text family.
#[derive(Clone, Debug)]
pub struct Family {
    /// The family name as written into documents ("PT Serif").
    pub name: String,
    /// Upright face.
    pub regular: Cow<'static, [u8]>,
    /// Italic face.
    pub italic: Cow<'static, [u8]>,
    /// Bold face.
    pub bold: Cow<'static, [u8]>,
    /// Bold italic face.
    pub bold_italic: Cow<'static, [u8]>,
}

impl Family {
    /// The bundled PT Serif family.
    pub fn pt_serif() -> Family {
        Family {
            name: "PT Serif".into(),
            regular: Cow::Borrowed(PT_SERIF_REGULAR),
            italic: Cow::Borrowed(PT_SERIF_ITALIC),
            bold: Cow::Borrowed(PT_SERIF_BOLD),
            bold_italic: Cow::Borrowed(PT_SERIF_BOLD_ITALIC),
        }
    }

    /// The family a style asks for: the bundled one, or font files named in the style. The
    /// files are read once per process and kept for its life, so a batch of thousands of
    /// documents in one style reads (and each writer parses) them once.
    pub fn from_style(fonts: &crate::style::FontStyle) -> Result<Family, crate::diag::Error> {
        if fonts.regular.is_none() {
            return Ok(Family::pt_serif());
        }
        static LOADED: Mutex<Vec<(crate::style::FontStyle, Family)>> = Mutex::new(Vec::new());
        let mut loaded = LOADED.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, family)) = loaded.iter().find(|(f, _)| f == fonts) {
            return Ok(family.clone());
        }
        let load = |p: &std::path::PathBuf| -> Result<&'static [u8], crate::diag::Error> {
            let bytes = std::fs::read(p).map_err(|e| {
                crate::diag::Error::Usage(format!("cannot read the font {}: {e}", p.display()))
            })?;
            Ok(Box::leak(bytes.into_boxed_slice()))
        };
        let regular = fonts
            .regular
            .as_ref()
            .map(load)
            .transpose()?
            .unwrap_or(PT_SERIF_REGULAR);
        let pick = |p: &Option<std::path::PathBuf>| match p {
            Some(p) => load(p),
            None => Ok(regular),
        };
        let family = Family {
            name: fonts.family.clone(),
            italic: Cow::Borrowed(pick(&fonts.italic)?),
            bold: Cow::Borrowed(pick(&fonts.bold)?),
            bold_italic: Cow::Borrowed(pick(&fonts.bold_italic)?),
            regular: Cow::Borrowed(regular),
        };
        loaded.push((fonts.clone(), family.clone()));
        Ok(family)
    }

    /// Whether this is the bundled PT Serif (the same bytes, not a copy).
    pub fn is_bundled(&self) -> bool {
        std::ptr::eq(self.regular.as_ref(), PT_SERIF_REGULAR)
    }
}

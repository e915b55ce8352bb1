//! Styles: how an edition looks. A style starts from a preset (`edition`, the default, or
//! `handout`) and a style file (TOML) overrides any setting; docs/styles.md documents each.
//!
//! Settings every edition reads live here; settings of one edition live in that edition's
//! section (`[pdf]`, `[docx]`, `[epub]`, `[text]`).

mod check;
pub mod docx;
pub mod epub;
pub mod index;
pub mod notes;
pub mod pdf;

use crate::diag::Error;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// A complete style.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Style {
    /// The preset this style starts from: "edition" or "handout".
    pub preset: String,
    /// The text font family.
    pub fonts: FontStyle,
    /// How marks (resolutions, stamps…) are described.
    pub marks: MarkStyle,
    /// How inline marks of the original are shown.
    pub inline: InlineStyle,
    /// Which reading of a choice (pre-reform or modern spelling, abbreviation or
    /// expansion, error or correction) the edition prints.
    pub spelling: Spelling,
    /// The two series of notes, textual and commentary (`[notes]`).
    pub notes: notes::NotesStyle,
    /// The language of the editorial apparatus's words ("Примечания", "Подлинник",
    /// "[неразб.]", month names): the document's own, or one for every document.
    pub labels: LabelLanguage,
    /// The plain-text edition.
    pub text: TextStyle,
    /// The name and place indexes (`[index]`).
    pub index: index::IndexStyle,
    /// The PDF edition.
    pub pdf: pdf::PdfStyle,
    /// The DOCX edition.
    pub docx: docx::DocxStyle,
    /// The EPUB edition.
    pub epub: epub::EpubStyle,
}

impl Default for Style {
    fn default() -> Style {
        Style::edition()
    }
}

/// The reading of a choice that an edition prints.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Spelling {
    /// As the original writes it: pre-reform spelling, abbreviations, errors (with "so in
    /// the document" notes). The default, for a diplomatic edition.
    #[default]
    Original,
    /// As the editor regularizes it: modern spelling, expansions, corrections.
    Regularized,
}

/// The language of the words an edition adds around a transcription (shared::Labels).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum LabelLanguage {
    /// The document's language: German words for a German letter, Russian for a Russian
    /// one, English for a language folio has no words for.
    #[default]
    Document,
    /// Russian, whatever the document's language (a Russian edition of foreign letters).
    Ru,
    /// English.
    En,
    /// German.
    De,
}

/// The names of the presets, for help texts and errors.
pub const PRESETS: &[&str] = &["edition", "handout"];

impl Style {
    /// A book page of a documentary edition: A5, about 10.5 pt, notes at the foot, running heads.
    pub fn edition() -> Style {
        Style {
            preset: "edition".into(),
            fonts: FontStyle::default(),
            marks: MarkStyle::default(),
            inline: InlineStyle::default(),
            spelling: Spelling::default(),
            notes: notes::NotesStyle::default(),
            labels: LabelLanguage::default(),
            text: TextStyle::default(),
            index: index::IndexStyle::default(),
            pdf: pdf::PdfStyle::edition(),
            docx: docx::DocxStyle::default(),
            epub: epub::EpubStyle::default(),
        }
    }

    /// A classroom handout: A4, large type, generous leading, line numbers, no running head.
    pub fn handout() -> Style {
        Style {
            preset: "handout".into(),
            pdf: pdf::PdfStyle::handout(),
            ..Style::edition()
        }
    }

    /// A preset by name.
    pub fn preset(name: &str) -> Result<Style, Error> {
        match name {
            "edition" => Ok(Style::edition()),
            "handout" => Ok(Style::handout()),
            other => Err(Error::Usage(format!(
                "unknown style preset `{other}`; expected one of {}{}",
                PRESETS.join(", "),
                Some(crate::diag::suggest::did_you_mean(
                    other,
                    PRESETS.iter().copied()
                ))
                .filter(|h| !h.is_empty())
                .map(|h| format!("\n  hint: {h}"))
                .unwrap_or_default()
            ))),
        }
    }

    /// Loads a style: the preset named by `preset` (or by the file's own `preset` key), with
    /// the file's settings laid over it.
    pub fn load(preset: Option<&str>, file: Option<&Path>) -> Result<Style, Error> {
        let Some(file) = file else {
            return Style::preset(preset.unwrap_or("edition"));
        };
        let name = file.display().to_string();
        let text = read_style_file(file)?;
        let mut style = Style::from_toml(&text, preset, &name)?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        check::resolve_fonts(&mut style, &check::StyleSource { name: &name, text }, file)?;
        Ok(style)
    }

    /// Parses a style file's text over its preset.
    pub fn from_toml(text: &str, preset: Option<&str>, name: &str) -> Result<Style, Error> {
        // A byte-order mark is not part of the text, as in transcriptions.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let source = check::StyleSource { name, text };
        let overrides: toml::Table = toml::from_str(text).map_err(|e| locate(text, name, &e))?;
        // Read the file as a style on its own first: toml then places an unknown key or a
        // wrong value exactly, which the merged JSON value below could not.
        toml::from_str::<Style>(text).map_err(|e| locate(text, name, &e))?;
        let preset_name = overrides
            .get("preset")
            .and_then(|v| v.as_str())
            .or(preset)
            .unwrap_or("edition")
            .to_string();
        check::refuse_non_finite(&source)?;
        let base = Style::preset(&preset_name)?;
        let mut merged = serde_json::to_value(&base).map_err(|e| Error::Output(e.to_string()))?;
        let overrides =
            serde_json::to_value(&overrides).map_err(|e| Error::Output(e.to_string()))?;
        merge(&mut merged, overrides);
        let style: Style = serde_json::from_value(merged).map_err(|e| {
            Error::Usage(format!(
                "{name}: {e}; hint: docs/styles.md lists every setting"
            ))
        })?;
        check::check_numbers(&style, &source)?;
        Ok(style)
    }
}

/// A style file's error at its key or value, with the codes of style files.
fn locate(text: &str, name: &str, e: &toml::de::Error) -> Error {
    use crate::diag::Code;
    let source = crate::read::SourceText::new(name, text);
    let context = crate::read::Context {
        docs: "docs/styles.md",
        blocks: false,
    };
    let mut d = crate::read::locate_toml(&source, e, context);
    d.code = match d.code {
        Code::TomlSyntax => Code::StyleSyntax,
        Code::UnknownField => Code::UnknownStyleKey,
        _ => Code::StyleValue,
    };
    Error::Settings(vec![d])
}

/// The largest style file folio reads; a style is a few hundred bytes.
const MAX_STYLE_BYTES: u64 = 1 << 20;

/// Reads a style file, refusing folders, devices and anything past [`MAX_STYLE_BYTES`].
fn read_style_file(file: &Path) -> Result<String, Error> {
    use std::io::Read as _;
    let cannot = |e: String| Error::Usage(format!("cannot read the style {}: {e}", file.display()));
    let f = std::fs::File::open(file).map_err(|e| cannot(e.to_string()))?;
    if !f.metadata().map_err(|e| cannot(e.to_string()))?.is_file() {
        return Err(cannot("it is not a regular file".into()));
    }
    let mut bytes = Vec::new();
    f.take(MAX_STYLE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| cannot(e.to_string()))?;
    if bytes.len() as u64 > MAX_STYLE_BYTES {
        return Err(cannot(format!(
            "it is larger than the {} MiB a style file may have",
            MAX_STYLE_BYTES >> 20
        )));
    }
    String::from_utf8(bytes).map_err(|_| cannot("it is not valid UTF-8".into()))
}

/// Lays `over` onto `base`, table by table.
fn merge(base: &mut serde_json::Value, over: serde_json::Value) {
    match (base, over) {
        (serde_json::Value::Object(b), serde_json::Value::Object(o)) => {
            for (k, v) in o {
                match b.get_mut(&k) {
                    Some(slot) => merge(slot, v),
                    None => {
                        b.insert(k, v);
                    }
                }
            }
        }
        (slot, v) => *slot = v,
    }
}

/// The text font family.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct FontStyle {
    /// The family name written into documents (default "PT Serif", bundled).
    pub family: String,
    /// A TTF/OTF file for the upright face; unset uses the bundled PT Serif.
    pub regular: Option<PathBuf>,
    /// A TTF/OTF file for the italic face (default: the upright file).
    pub italic: Option<PathBuf>,
    /// A TTF/OTF file for the bold face (default: the upright file).
    pub bold: Option<PathBuf>,
    /// A TTF/OTF file for the bold italic face (default: the upright file).
    pub bold_italic: Option<PathBuf>,
}

impl Default for FontStyle {
    fn default() -> Self {
        FontStyle {
            family: "PT Serif".into(),
            regular: None,
            italic: None,
            bold: None,
            bold_italic: None,
        }
    }
}

/// How the hand and the writing medium of a mark are shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum HandDisplay {
    /// In an editorial note attached to the mark ("Рукой И. В. Сталина синим карандашом.").
    #[default]
    Note,
    /// On its own line under the mark, in italic (in brackets in the text edition).
    Inline,
    /// Not shown.
    None,
}

/// How marks are described.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct MarkStyle {
    /// Where a mark's hand and medium are shown: note, inline or none.
    pub hand: HandDisplay,
}

/// How text underlined in the original is shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum UnderlineDisplay {
    /// In italic (modern Russian editorial practice).
    #[default]
    Italic,
    /// Underlined, as in the original.
    Underline,
    /// Letter-spaced.
    Spaced,
}

/// How text struck out in the original is shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum DeletedDisplay {
    /// Struck through.
    #[default]
    Strike,
    /// In angle brackets: ‹word›.
    Brackets,
    /// Left out of the text, with a textual note "Зачёркнуто: …" giving the struck words,
    /// as Russian documentary editions report deletions.
    Note,
}

/// How text inserted in the original (`{+…+}`) is shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum InsertedDisplay {
    /// Between a backslash and a slash, `\слово/`, the sign of an insertion above the line
    /// in Russian documentary editions (and the text edition's convention).
    #[default]
    Slashes,
    /// As the text of the line, with a numbered note "Вписано над строкой." (or "под
    /// строкой", "на полях", with the hand when known).
    Note,
}

/// How inline marks of the original are shown in the typeset editions.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct InlineStyle {
    /// Underlined text: italic, underline or spaced.
    pub underline: UnderlineDisplay,
    /// Struck-out text: strike, brackets or note.
    pub deleted: DeletedDisplay,
    /// Inserted text: slashes (`\слово/`) or note.
    pub inserted: InsertedDisplay,
}

/// The plain-text edition.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct TextStyle {
    /// Line width in display columns (default 72).
    pub width: usize,
    /// Indent of a paragraph's first line, in columns (default 4).
    pub indent: usize,
}

impl Default for TextStyle {
    fn default() -> Self {
        TextStyle {
            width: 72,
            indent: 4,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_style_file_overrides_its_preset() {
        let s =
            Style::from_toml("preset = \"handout\"\n[text]\nwidth = 60\n", None, "s.toml").unwrap();
        assert_eq!(s.preset, "handout");
        assert_eq!(s.text.width, 60);
        assert_eq!(s.pdf, pdf::PdfStyle::handout());
        let e = Style::from_toml("[text]\nwidht = 60\n", None, "s.toml").unwrap_err();
        assert!(e.to_string().contains("unknown field `widht`"), "{e}");
    }
}

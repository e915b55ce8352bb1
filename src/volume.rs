//! Volumes: a publisher's book of numbered documents, described by a manifest (TOML).
//!
//! The manifest names the volume's front matter and its documents (paths or globs, relative
//! to the manifest); [`load`] reads and validates every document and returns a [`Volume`]
//! that each writer's `write_volume` turns into one edition.

use crate::diag::{Code, Diagnostic, Error};
use crate::read::Context;

/// Manifests: fields documented in docs/volumes.md; no content blocks.
const MANIFEST: Context = Context {
    docs: "docs/volumes.md",
    blocks: false,
};
use crate::markup::MentionKind;
use crate::markup::Text;
use crate::model::{Document, Paras};
use crate::register::Register;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// A volume manifest as written by the publisher.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Title of the volume.
    pub title: String,
    /// Subtitle ("Документы и материалы. 1932–1933").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    /// Editors (compilers) of the volume, as printed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub editors: Vec<String>,
    /// Publisher, as printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// Year of publication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<String>,
    /// Language of the volume's apparatus, BCP 47 (default "ru").
    #[serde(default = "default_language")]
    pub language: String,
    /// Preface: paragraphs with inline markup, separated by blank lines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preface: Option<Paras>,
    /// List of abbreviations, in the order printed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub abbreviations: Vec<Abbreviation>,
    /// The documents in order: paths or glob patterns relative to the manifest; a glob's
    /// matches are taken in name order.
    pub documents: Vec<String>,
    /// A style file (relative to the manifest) for every edition of the volume.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub style: Option<PathBuf>,
    /// A style preset, when no style file is given ("edition" by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preset: Option<String>,
    /// The register of persons (TOML or JSON, relative to the manifest): `[[persons]]` with
    /// key, name, variants, note — for the name index.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub persons: Option<PathBuf>,
    /// The register of places, as `persons` (`[[places]]`) — for the place index.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub places: Option<PathBuf>,
}

fn default_language() -> String {
    "ru".into()
}

/// One entry of the list of abbreviations.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Abbreviation {
    /// The abbreviation ("РГАСПИ").
    pub short: String,
    /// What it stands for, with inline markup.
    pub full: Text,
}

/// A volume ready to write: the manifest and its documents, read and validated, in order.
#[derive(Clone, Debug)]
pub struct Volume {
    /// The manifest.
    pub manifest: Manifest,
    /// The documents in the order of the volume.
    pub documents: Vec<Document>,
    /// The file each document was read from, parallel to `documents`.
    pub paths: Vec<PathBuf>,
    /// The register of the volume: the manifest's files, then the entries of the
    /// documents' own registers.
    pub register: Register,
}

/// Reads a manifest and every document it names. Errors of all documents are reported
/// together.
pub fn load(manifest_path: &Path) -> Result<(Volume, Vec<Diagnostic>), Error> {
    let name = manifest_path.display().to_string();
    let text = std::fs::read_to_string(manifest_path)
        .map_err(|e| Error::Output(format!("cannot read {name}: {e}")))?;
    let source = crate::read::SourceText::new(&name, &text);
    let manifest: Manifest = toml::from_str(&text)
        .map_err(|e| Error::Invalid(vec![crate::read::locate_toml(&source, &e, MANIFEST)]))?;
    let base = manifest_path.parent().unwrap_or(Path::new("."));
    let mut paths = Vec::new();
    let mut seen: std::collections::HashMap<PathBuf, String> = Default::default();
    let mut errors = Vec::new();
    for entry in &manifest.documents {
        let pattern = base.join(entry);
        let pattern_str = pattern.to_string_lossy().to_string();
        let mut matched: Vec<PathBuf> = if entry.contains(['*', '?', '[']) {
            glob::glob(&pattern_str)
                .map(|g| g.filter_map(Result::ok).collect())
                .unwrap_or_default()
        } else if pattern.exists() {
            vec![pattern.clone()]
        } else {
            vec![]
        };
        // A glob such as "*.toml" must not take in the manifest itself, nor style files and
        // other manifests beside it.
        matched.retain(|p| !crate::batch::is_auxiliary(p));
        matched.sort();
        if matched.is_empty() {
            let quoted = format!("\"{entry}\"");
            let span = text.find(&quoted).map_or(0..0, |i| i..i + quoted.len());
            errors.push(source.error(
                Code::NoDocument,
                span,
                format!("`{entry}` names no document"),
                "paths and globs are relative to the manifest",
            ));
        }
        for path in matched {
            // The same document twice would print it twice under two numbers: refuse it,
            // naming the entry that repeats it (links and "./" spellings included).
            let canonical = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
            if let Some(first) = seen.get(&canonical) {
                let quoted = format!("\"{entry}\"");
                let span = text.find(&quoted).map_or(0..0, |i| i..i + quoted.len());
                errors.push(source.error(
                    Code::DuplicateDocument,
                    span,
                    format!(
                        "`{entry}` lists {} again: it is already in the volume through `{first}`",
                        path.display()
                    ),
                    "list each document once; narrow the glob or remove the entry",
                ));
                continue;
            }
            seen.insert(canonical, entry.clone());
            paths.push(path);
        }
    }
    let mut register = Register::default();
    // The register files, with their text for locating warnings.
    let mut register_files: Vec<(String, String)> = Vec::new();
    for file in [&manifest.persons, &manifest.places].into_iter().flatten() {
        let path = base.join(file);
        match crate::register::load(&path) {
            Ok(r) => {
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                let name = path.display().to_string();
                for (kind, entries) in [
                    (MentionKind::Person, &r.persons),
                    (MentionKind::Place, &r.places),
                ] {
                    for e in entries
                        .iter()
                        .filter(|e| register.find(kind, &e.key).is_some())
                    {
                        errors.push(
                            Diagnostic::error(
                                Code::BadRegisterEntry,
                                name.clone(),
                                format!(
                                    "the {} key `{}` is in two register files",
                                    crate::register::kind_word(kind),
                                    e.key
                                ),
                            )
                            .hint("keep each entry in one file"),
                        );
                    }
                }
                register.extend(&r);
                register_files.push((name, text));
            }
            Err(Error::Invalid(d)) => errors.extend(d),
            Err(e) => return Err(e),
        }
    }
    let mut documents = Vec::new();
    let mut warnings = Vec::new();
    for path in &paths {
        match crate::read::read_file_checking(path, false) {
            Ok(r) => {
                documents.push(r.document);
                warnings.extend(r.warnings);
            }
            Err(Error::Invalid(d)) => errors.extend(d),
            Err(e) => return Err(e),
        }
    }
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    // Mentions are checked against the volume's register and each document's own.
    let texts: Vec<String> = paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap_or_default())
        .collect();
    let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    for (k, doc) in documents.iter().enumerate() {
        if let Some(own) = &doc.register {
            errors.extend(crate::register::check_keys(own, &texts[k], &names[k]));
            register.extend(own);
        }
    }
    let checked: Vec<crate::register::Checked> = documents
        .iter()
        .enumerate()
        .map(|(k, d)| crate::register::Checked {
            document: d,
            text: &texts[k],
            file: &names[k],
        })
        .collect();
    // A volume without a register has no indexes: its mentions point nowhere to check.
    if !register.is_empty() {
        errors.extend(crate::register::check(&register, &checked, None));
    }
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    // An entry no document mentions: warned about in the file that holds it.
    let mentioned: std::collections::BTreeSet<(MentionKind, String)> = documents
        .iter()
        .flat_map(crate::register::mentions_of)
        .collect();
    let files: Vec<(&str, &str)> = register_files
        .iter()
        .map(|(f, t)| (f.as_str(), t.as_str()))
        .chain(
            names
                .iter()
                .map(String::as_str)
                .zip(texts.iter().map(String::as_str)),
        )
        .collect();
    warnings.extend(crate::register::unmentioned(&register, &mentioned, &files));
    Ok((
        Volume {
            manifest,
            documents,
            paths,
            register,
        },
        warnings,
    ))
}

//! Volumes: the sample volume's plain-text edition, and manifest errors.

mod common;
use common::*;

const MANIFEST: &str = "samples/volume/sample.volume.toml";

#[test]
fn the_text_volume_has_contents_front_matter_and_every_document() {
    let dir = tempdir();
    let out = run(&[
        "volume",
        MANIFEST,
        "--to",
        "txt",
        "--out-dir",
        dir.path().to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(dir.path().join("sample.txt")).unwrap();
    let (volume, _) = folio::volume::load(&root().join(MANIFEST)).unwrap();
    assert_eq!(volume.documents.len(), 4);
    // Contents first: every document's number and the start of its title, in order.
    let contents_at = text.find("Содержание").expect("a contents list");
    let preface_at = text.find("Предисловие").expect("the preface");
    let abbreviations_at = text.find("Список сокращений").expect("the abbreviations");
    assert!(contents_at < preface_at && preface_at < abbreviations_at);
    let contents = &text[contents_at..preface_at];
    let mut at = 0;
    for doc in &volume.documents {
        let entry = format!("№ {}.", doc.number.as_deref().unwrap());
        at += contents[at..]
            .find(&entry)
            .unwrap_or_else(|| panic!("{entry} in contents"));
    }
    // Then each document, whole, in order, after a separator.
    let body = &text[abbreviations_at..];
    let mut at = 0;
    for doc in &volume.documents {
        let edition = folio::text::write(doc, &folio::style::Style::default());
        let k = body[at..]
            .find(&edition)
            .expect("each document's own edition, whole");
        assert!(
            body[..at + k].trim_end().ends_with(&"=".repeat(72)),
            "a separator before each document"
        );
        at += k + edition.len();
    }
}

#[test]
fn a_manifest_naming_a_missing_document_is_an_error_with_position() {
    let dir = tempdir();
    let manifest = dir.path().join("bad.volume.toml");
    std::fs::write(
        &manifest,
        "title = \"T\"\ndocuments = [\n  \"missing/*.toml\",\n]\n",
    )
    .unwrap();
    let out = run(&[
        "volume",
        manifest.to_str().unwrap(),
        "--to",
        "txt",
        "--out-dir",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.volume.toml:3:3: error: `missing/*.toml` names no document"),
        "{err}"
    );
    assert!(!dir.path().join("bad.txt").exists());
}

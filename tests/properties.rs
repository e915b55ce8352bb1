//! Property tests: no input, however broken, makes folio panic. Mutated samples, random
//! markup and random TOML go through the reader and, when they read, through the text writer.
//! tests/robustness.rs holds the hostile inputs and faults, one case per defect.

use folio::read::{read_str, Syntax};
use proptest::prelude::*;

fn seed() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/samples/letter-1911-03-14.toml"
    ))
    .unwrap()
}

fn exercise(text: &str, syntax: Syntax) {
    if let Ok(r) = read_str(text, "fuzz", syntax) {
        let style = folio::style::Style::default();
        let _ = folio::text::write(&r.document, &style);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_samples_never_panic(edits in prop::collection::vec((any::<prop::sample::Index>(), 0usize..4, "[\\[\\]{}_*^~+=\\-\\\\`\"'#.:a-zа-я \n]{0,4}"), 1..6)) {
        let mut text = seed();
        for (at, cut, insert) in edits {
            let mut i = at.index(text.len());
            while !text.is_char_boundary(i) { i -= 1; }
            let mut j = (i + cut).min(text.len());
            while !text.is_char_boundary(j) { j -= 1; }
            text.replace_range(i..j.max(i), &insert);
        }
        exercise(&text, Syntax::Toml);
    }

    #[test]
    fn random_markup_never_panics(markup in "[\\[\\]{}()_*^~+=\\-\\\\`\"'#.:!<>|a-zа-яѣ\u{301} \n]{0,60}") {
        let _ = folio::markup::parse(&markup);
        let doc = format!("format = \"1.0\"\nid = \"x\"\ntitle = \"T\"\n[[content]]\nrole = \"text\"\ntext = '''\n{}\n'''\n", markup.replace("'''", "'"));
        exercise(&doc, Syntax::Toml);
        let json = serde_json::json!({"format": "1.0", "id": "x", "title": markup, "content": [{"role": "heading", "text": markup}]});
        exercise(&json.to_string(), Syntax::Json);
    }

    #[test]
    fn random_bytes_as_toml_and_json_never_panic(text in "\\PC{0,200}") {
        exercise(&text, Syntax::Toml);
        exercise(&text, Syntax::Json);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]

    /// Any words in any role at any width lay out without a panic, within the width where
    /// a word fits at all.
    #[test]
    fn any_words_lay_out_at_any_width(words in prop::collection::vec("[a-zа-я\u{301}]{1,40}", 1..12), width in 0usize..120, indent in 0usize..30) {
        let line = words.join(" ");
        let doc = serde_json::json!({
            "format": "1.0", "id": "x", "title": line,
            "content": [
                {"role": "mark", "kind": "stamp", "text": line, "signature": line, "position": "top-right"},
                {"role": "mark", "kind": "resolution", "text": line, "signature": line},
                {"role": "address", "lines": [line, line]},
                {"role": "list", "items": [line], "start": 4000000000u32},
                {"role": "quote", "text": line},
                {"role": "closer", "lines": [line], "signatures": [{"name": line, "role": line}, {"name": line, "side": "left", "role": line}]},
                {"role": "mark", "kind": "marginal-note", "text": line, "position": "right-margin"},
            ]
        });
        let doc = read_str(&doc.to_string(), "x.json", Syntax::Json).unwrap().document;
        let mut style = folio::style::Style::default();
        style.text.width = width;
        style.text.indent = indent;
        let text = folio::text::write(&doc, &style);
        prop_assert!(text.ends_with('\n'));
    }
}

//! Any text as inline markup: parsing never panics, and a parse that succeeds is laid out by
//! every writer as the text of a heading and of a paragraph.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(markup) = std::str::from_utf8(data) else {
        return;
    };
    if folio::markup::parse(markup).is_err() {
        return;
    }
    let doc = serde_json::json!({
        "format": "1.0", "id": "x", "title": "T",
        "content": [{"role": "heading", "text": markup}, {"role": "text", "text": markup}],
    });
    if let Ok(read) =
        folio::read::read_str(&doc.to_string(), "fuzz.json", folio::read::Syntax::Json)
    {
        let style = folio::style::Style::default();
        for format in folio::writers::Format::ALL {
            let _ = folio::writers::write(format, &read.document, &style);
        }
    }
});

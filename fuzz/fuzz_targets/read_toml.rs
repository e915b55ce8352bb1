//! Any bytes as a TOML transcription: reading never panics, and what reads goes through the
//! text edition (the cheapest writer; `writers` runs all of them).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(read) = folio::read::read_str(text, "fuzz.toml", folio::read::Syntax::Toml) {
            let _ = folio::text::write(&read.document, &folio::style::Style::default());
        }
    }
});

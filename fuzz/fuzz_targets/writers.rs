//! Mutated transcriptions that still validate, through every writer in both presets: no
//! writer panics, loops or explodes on anything the reader accepts.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(read) = folio::read::read_str(text, "fuzz.toml", folio::read::Syntax::Toml) else {
        return;
    };
    for style in [folio::style::Style::edition(), folio::style::Style::handout()] {
        for format in folio::writers::Format::ALL {
            let _ = folio::writers::write(format, &read.document, &style);
        }
    }
});

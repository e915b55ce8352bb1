//! XML escaping for the writers that produce XML (DOCX parts, EPUB XHTML and package).

/// Appends `s` escaped as XML character data or a double-quoted attribute value. Tabs and
/// line ends become spaces (a transcription's line breaks are markup, not characters);
/// characters XML 1.0 cannot hold are dropped.
pub fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
}

/// `s` escaped as XML character data or a double-quoted attribute value.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup_and_drops_what_xml_cannot_hold() {
        assert_eq!(
            super::escape("a & <b> \"c\"\u{1}\nd"),
            "a &amp; &lt;b&gt; &quot;c&quot; d"
        );
    }
}

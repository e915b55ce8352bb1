//! What the editions recognise in a protocol: the paragraph that opens an item.

use crate::markup::Inline;

/// Whether a paragraph opens a protocol's item ("Слушали: 4. …", "С л у ш а л и:",
/// "Заслушали", "Heard"): what was heard stays on one page with what was decided, so no
/// edition breaks the page after it (PDF: no break; DOCX: `w:keepNext`).
pub fn opens_item(inlines: &[Inline]) -> bool {
    // Letters only, so a word spaced out with spaces ("С л у ш а л и") is found as well.
    let text: String = crate::markup::plain_text(inlines)
        .chars()
        .filter(|c| !c.is_whitespace())
        .take(12)
        .collect::<String>()
        .to_lowercase();
    ["слушали", "заслушали", "heard"]
        .iter()
        .any(|w| text.starts_with(w))
}

#[cfg(test)]
mod tests {
    use super::opens_item;
    use crate::markup::Inline;

    fn text(s: &str) -> Vec<Inline> {
        vec![Inline::Text(s.into())]
    }

    #[test]
    fn an_item_opens_with_what_was_heard_however_it_is_typed() {
        for s in [
            "Слушали: 4. О плане",
            "С л у ш а л и:",
            "ЗАСЛУШАЛИ доклад",
            "Heard: the plan",
        ] {
            assert!(opens_item(&text(s)), "{s}");
        }
        for s in ["Постановили: утвердить", "Слушатели курсов", ""]
        {
            assert!(!opens_item(&text(s)), "{s}");
        }
    }
}

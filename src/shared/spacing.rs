//! Letter-spaced text (разрядка) set with character spacing: the spacing a word processor or
//! browser adds goes after every letter, the last one too, which would leave a gap before the
//! punctuation that follows ("С л у ш а л и :"). The writers therefore set a spaced span's
//! last letter apart, without spacing; the word space after it is the normal one.

use crate::markup::Inline;

/// A spaced span split before its last letter: the inlines before the last text, that
/// text without its last character, and the last character. `None` when the span does not
/// end in text (the writer then spaces it whole).
pub fn last_letter_apart(content: &[Inline]) -> Option<(&[Inline], &str, &str)> {
    let (Inline::Text(text), before) = content.split_last()? else {
        return None;
    };
    let (at, _) = text.char_indices().last()?;
    Some((before, &text[..at], &text[at..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_letter_is_set_apart() {
        let span = vec![Inline::Text("Слушали".into())];
        let (before, head, last) = last_letter_apart(&span).expect("ends in text");
        assert!(before.is_empty());
        assert_eq!((head, last), ("Слушал", "и"));
        assert!(last_letter_apart(&[Inline::LineBreak]).is_none());
    }
}

//! Russian typographic binding: where a line must not break, a space becomes a no-break
//! space (U+00A0). Every edition applies this to the transcription's text, so "И. В. Сталин",
//! "3 декабря 1932 г.", "№ 5" and a dash never break apart, whatever breaks the lines.

const NBSP: char = '\u{a0}';

/// Words that bind to the number before them: "1932 г.", "XX в.", "10 ч. 20 м.".
const AFTER_NUMBER: &[&str] = &["г.", "гг.", "в.", "вв.", "ч.", "м.", "л.", "об."];

/// Whether a word is a month name, as dates are written ("декабря", "December").
fn is_month(word: &str) -> bool {
    let lower = word.to_lowercase();
    ["ru", "en"].iter().any(|l| {
        let labels = super::Labels::for_language(l);
        labels.months_genitive.contains(&lower.as_str())
            || labels
                .months_nominative
                .iter()
                .any(|m| m.to_lowercase() == lower)
    })
}

/// Replaces the spaces that must not break with no-break spaces.
pub fn bind(text: &str) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    let mut out = String::with_capacity(text.len() + 8);
    for (i, word) in words.iter().enumerate() {
        out.push_str(word);
        let Some(next) = words.get(i + 1) else { break };
        out.push(if binds(word, next) { NBSP } else { ' ' });
    }
    out
}

/// Whether the space between `word` and `next` must not break.
fn binds(word: &str, next: &str) -> bool {
    if word.is_empty() || next.is_empty() {
        return false;
    }
    let is_initial = |w: &str| {
        let mut c = w.chars();
        matches!((c.next(), c.next(), c.next()), (Some(l), Some('.'), None) if l.is_uppercase())
    };
    let starts_upper = next.chars().next().is_some_and(char::is_uppercase);
    let is_number = |w: &str| {
        let w = w.trim_start_matches(|c: char| "([«\"".contains(c));
        !w.is_empty()
            && (w.chars().all(|c| c.is_ascii_digit()) || w.chars().all(|c| "IVXLC".contains(c)))
    };
    // "И. В. Сталин", "т. Сталин": an initial binds to what follows.
    (is_initial(word) && starts_upper)
        // "№ 5", "§ 3"
        || word == "№" || word == "§"
        // "3 декабря", "1932 г."
        || (is_number(word) && (is_month(next.trim_end_matches([',', '.', ';'])) || AFTER_NUMBER.contains(&next.trim_end_matches([',', ';', ')']))))
        // A dash never starts a line.
        || matches!(next, "—" | "–" | "-") || next.starts_with("—")
}

/// Whether a line may break between this character and its neighbours as between words:
/// the ideographs, kana and hangul of CJK text, which is written without spaces.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF     // Hiragana, Katakana
        | 0x3400..=0x4DBF   // CJK Extension A
        | 0x4E00..=0x9FFF   // CJK Unified Ideographs
        | 0xAC00..=0xD7AF   // Hangul syllables
        | 0xF900..=0xFAFF   // CJK Compatibility Ideographs
        | 0x20000..=0x2FFFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_dates_numbers_and_dashes_bind() {
        assert_eq!(bind("тов. И. В. Сталину"), "тов. И.\u{a0}В.\u{a0}Сталину");
        assert_eq!(
            bind("Москва, 3 декабря 1932 г."),
            "Москва, 3\u{a0}декабря 1932\u{a0}г."
        );
        assert_eq!(bind("ПРОТОКОЛ № 5"), "ПРОТОКОЛ №\u{a0}5");
        assert_eq!(bind("ВКП, - а кто"), "ВКП,\u{a0}- а кто");
        assert_eq!(bind("в стороне — позор"), "в стороне\u{a0}— позор");
        assert_eq!(
            bind("Слово. Другое"),
            "Слово. Другое",
            "a sentence end is no initial"
        );
    }
}

//! Russian typographic binding: where a line must not break, a space becomes a no-break
//! space (U+00A0). Every edition applies this to the transcription's text, so "И. В. Сталин",
//! "3 декабря 1932 г.", "№ 5" and a dash never break apart, whatever breaks the lines.

const NBSP: char = '\u{a0}';

/// Words that bind to the number before them: "1932 г.", "XX в.", "10 ч. 20 м.", "18 руб.".
const AFTER_NUMBER: &[&str] = &[
    "г.",
    "гг.",
    "в.",
    "вв.",
    "ч.",
    "м.",
    "л.",
    "об.",
    "руб.",
    "коп.",
    "тыс.",
    "млн",
    "млрд",
    "чел.",
    "экз.",
    "стр.",
    "с.",
    "%",
    "т",
    "кг",
    "г",
    "км",
    "м",
    "см",
    "мм",
    "га",
    "пуд.",
    "пудов",
    "пуда",
    "пуд",
    "стоп",
    "вёрст",
    "верст",
    "десятин",
    "р.",
    "к.",
    "шт.",
];

/// Words that bind to the word after them: a one- or two-letter preposition or conjunction
/// ("в Москву", "и Петров"), an abbreviation before a name or a number ("тов. Петров",
/// "г. Псков", "Вх. № 17/с", "№ 5", "§ 3"). Pre-reform spellings ("въ", "къ") with them.
const BEFORE_WORD: &[&str] = &[
    "в",
    "во",
    "к",
    "ко",
    "с",
    "со",
    "у",
    "о",
    "об",
    "и",
    "а",
    "но",
    "от",
    "до",
    "на",
    "по",
    "за",
    "из",
    "не",
    "ни",
    "въ",
    "къ",
    "съ",
    "отъ",
    "изъ",
    "объ",
    "тов.",
    "т.",
    "тт.",
    "гр.",
    "г.",
    "гг.",
    "д.",
    "дер.",
    "ст.",
    "им.",
    "проф.",
    "акад.",
    "см.",
    "ул.",
    "пос.",
    "уезд.",
    "Вх.",
    "Исх.",
    "вх.",
    "исх.",
    "№",
    "§",
    "п.",
    "пп.",
    "ст.",
    "ч.",
    "л.",
];

/// Whether a word is a month name, as dates are written ("декабря", "December").
fn is_month(word: &str) -> bool {
    let lower = word.to_lowercase();
    ["ru", "en", "de"].iter().any(|l| {
        let labels = super::Labels::for_language(l);
        labels.months_genitive.contains(&lower.as_str())
            || labels
                .months_nominative
                .iter()
                .any(|m| m.to_lowercase() == lower)
    })
}

/// The length in bytes of the longest of [`BEFORE_WORD`].
const LONGEST_BEFORE_WORD: usize = {
    let mut longest = 0;
    let mut k = 0;
    while k < BEFORE_WORD.len() {
        if BEFORE_WORD[k].len() > longest {
            longest = BEFORE_WORD[k].len();
        }
        k += 1;
    }
    longest
};

/// Replaces the spaces that must not break with no-break spaces. A space at either end of
/// `text` is judged too (the word beyond it is in the next or previous run of text): a
/// dash after it, or a preposition before it, binds.
pub fn bind(text: &str) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    let mut out = String::with_capacity(text.len() + 8);
    for (i, word) in words.iter().enumerate() {
        out.push_str(word);
        let Some(next) = words.get(i + 1) else { break };
        let before = i.checked_sub(1).map(|k| words[k]);
        out.push(if binds(before, word, next) { NBSP } else { ' ' });
    }
    out
}

/// Whether `c` prints nothing and means nothing on a page of transcribed text: a soft
/// hyphen, zero-width spaces and joiners, direction marks and embeddings, the byte-order
/// mark, control characters (but line breaks and tabs). Editions drop them: a soft hyphen
/// from a copied source would print as a hyphen in one reader and vanish in another, and a
/// zero-width space hides a word from a search.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{ad}' | '\u{34f}' | '\u{180e}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
        || (c.is_control() && c != '\n' && c != '\t')
}

/// `text` without its invisible characters ([`is_invisible`]).
pub fn strip_invisible(text: &str) -> String {
    text.chars().filter(|c| !is_invisible(*c)).collect()
}

/// Whether `w` is a number as documents write them: "1932", "5.IV.1921", "1925/26", "XX",
/// "17/с" (a number with its series letter).
fn is_number(w: &str) -> bool {
    let w = w.trim_start_matches(['(', '[', '«', '"']);
    // Most words are letters: out at the first one, before any search.
    if !w.starts_with(|c: char| c.is_ascii_digit() || matches!(c, 'I' | 'V' | 'X' | 'L' | 'C')) {
        return false;
    }
    let (head, tail) = w.split_once('/').unwrap_or((w, ""));
    head.chars()
        .all(|c| c.is_ascii_digit() || matches!(c, 'I' | 'V' | 'X' | 'L' | 'C' | '.' | '-' | '–'))
        && tail.chars().all(char::is_alphanumeric)
}

/// Whether `w` numbers an item: "3)", "2.", "а)".
fn is_item_number(w: &str) -> bool {
    let Some(body) = w.strip_suffix(')').or_else(|| w.strip_suffix('.')) else {
        return false;
    };
    let letters = body.chars().count();
    (1..=2).contains(&letters) && body.chars().all(|c| c.is_ascii_digit())
        || (w.ends_with(')') && letters == 1 && body.chars().all(char::is_alphabetic))
}

/// Whether `w` is an initial: "И.".
fn is_initial(w: &str) -> bool {
    let mut c = w.chars();
    matches!((c.next(), c.next(), c.next()), (Some(l), Some('.'), None) if l.is_uppercase())
}

/// Whether the space between `word` and `next` must not break (`before` is the word before
/// `word`, if any).
fn binds(before: Option<&str>, word: &str, next: &str) -> bool {
    // A dash never starts a line: "стороне — позор", and " — ниже" after another run.
    if matches!(next, "—" | "–" | "-") || next.starts_with('—') {
        return true;
    }
    if word.is_empty() {
        return false;
    }
    let bare = word.trim_start_matches(['(', '[', '«', '"']);
    // Only a word as short as the longest that binds can be one of them: no lower-casing
    // (an allocation) for every word of the text.
    let lower = if bare.len() <= LONGEST_BEFORE_WORD {
        bare.to_lowercase()
    } else {
        String::new()
    };
    let starts_upper = next.chars().next().is_some_and(char::is_uppercase);
    let after_number = || before.is_some_and(is_number);
    // "И. В. Сталин", "Сталин И. В.": initials stay with the surname.
    (is_initial(bare) && (starts_upper || next.is_empty()))
        || (is_initial(next) && word.chars().next().is_some_and(char::is_uppercase) && !word.ends_with(['.', ',', ';', ':']))
        // "в Москву", "тов. Петров", "Вх. № 17/с"; "1925 г." binds back instead.
        || ((BEFORE_WORD.contains(&lower.as_str()) || BEFORE_WORD.contains(&bare))
            && !(AFTER_NUMBER.contains(&bare) && after_number()))
        // "3 декабря", "1932 г.", "18 руб.", "5.IV.1921 г."
        || (is_number(word)
            && (is_month(next.trim_end_matches([',', '.', ';']))
                || AFTER_NUMBER.contains(&next.trim_end_matches([',', ';', ')']))))
        // "3) Поручить", "2. Утвердить": an item's number stays with its text.
        || (is_item_number(word) && before.is_none_or(|b| b.ends_with([':', ';', '.']) || b.is_empty()))
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
        assert_eq!(
            bind("тов. И. В. Сталину"),
            "тов.\u{a0}И.\u{a0}В.\u{a0}Сталину"
        );
        assert_eq!(
            bind("Москва, 3 декабря 1932 г."),
            "Москва, 3\u{a0}декабря 1932\u{a0}г."
        );
        assert_eq!(bind("ПРОТОКОЛ № 5"), "ПРОТОКОЛ №\u{a0}5");
        assert_eq!(bind("ВКП, - а кто"), "ВКП,\u{a0}- а\u{a0}кто");
        assert_eq!(bind("в стороне — позор"), "в\u{a0}стороне\u{a0}— позор");
        assert_eq!(
            bind("Слово. Другое"),
            "Слово. Другое",
            "a sentence end is no initial"
        );
    }

    #[test]
    fn the_rules_of_issue_10_bind() {
        let nb = |s: &str| s.replace('_', "\u{a0}");
        for (input, bound) in [
            ("на 5.IV.1921 г. план", "на_5.IV.1921_г. план"),
            ("от 7.XI.1927 г. сведения", "от_7.XI.1927_г. сведения"),
            ("отношению Вх. № 17/с от", "отношению Вх._№_17/с от"),
            (
                "Постановили: 1) Доклад принять. 2) Поручить",
                "Постановили: 1)_Доклад принять. 2)_Поручить",
            ),
            ("план выполнен, 2. Утвердить", "план выполнен, 2. Утвердить"),
            ("всего 18 руб. и 5 пудов", "всего 18_руб. и_5_пудов"),
            ("в г. Пскове", "в_г._Пскове"),
            ("доклад Петрова И. В. принят", "доклад Петрова_И._В. принят"),
            ("половина, а в отдельных", "половина, а_в_отдельных"),
            (" — ниже", "_— ниже"),
            ("2 марта", "2_марта"),
            ("в 1925 г. Сбор", "в_1925_г. Сбор"),
        ] {
            assert_eq!(bind(input), nb(bound), "{input}");
        }
    }
}

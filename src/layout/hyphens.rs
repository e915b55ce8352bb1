//! Hyphenation points of a paragraph's words: hypher's patterns in the document's language,
//! held to Russian rules (letters left on either side, no break in abbreviations, digits or
//! beside a stress mark), remembered per word in a bounded memo so repeated words are looked
//! up once and a long varied batch does not grow with its vocabulary.

use crate::shared::bounded::Bounded;

/// Words whose hyphenation points are kept per language (two generations of these at most,
/// `shared::bounded`): the common words of a batch stay, its rare ones are forgotten, so a
/// long varied batch does not grow with its vocabulary.
const HYPHENATIONS_KEPT: usize = 8192;

/// Hyphenation points of words already seen (offsets inside the word), by word.
type Points = Bounded<String, Vec<usize>>;

thread_local! {
    /// The points of words already seen, by language.
    static HYPHENS: std::cell::RefCell<Vec<(hypher::Lang, Points)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// Whether `c` is a letter; Latin and Cyrillic without the general table lookup.
fn is_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || ('\u{400}'..='\u{52F}').contains(&c)
        || (!c.is_ascii() && c.is_alphabetic())
}

/// Letters a hyphenation leaves at least before and after the break (Russian rules: "ра-
/// бота" is fine, "о-кно" is not), and the shortest word split at all.
const MIN_LEFT: usize = 2;
const MIN_RIGHT: usize = 2;
const MIN_WORD: usize = 5;

/// Byte offsets inside `text` where hyphenation may break a word: not in words of fewer
/// than [`MIN_WORD`] letters, words in capitals (abbreviations: ВСНХ, ГУБОНО), words with
/// digits, nor next to a stress mark (U+0301), and leaving [`MIN_LEFT`] and [`MIN_RIGHT`]
/// letters on either side.
pub(super) fn hyphen_points(text: &str, lang: hypher::Lang) -> Vec<usize> {
    let mut out = Vec::new();
    let mut word_start: Option<usize> = None;
    let flush = |s: usize, e: usize, out: &mut Vec<usize>| {
        let word = &text[s..e];
        let letters = word.chars().filter(|c| is_letter(*c)).count();
        if letters < MIN_WORD
            || word.chars().any(|c| c.is_ascii_digit())
            || word
                .chars()
                .filter(|c| is_letter(*c))
                .all(char::is_uppercase)
        {
            return;
        }
        HYPHENS.with(|h| {
            let mut h = h.borrow_mut();
            let i = match h.iter().position(|(l, _)| *l == lang) {
                Some(i) => i,
                None => {
                    h.push((lang, Bounded::new(HYPHENATIONS_KEPT)));
                    h.len() - 1
                }
            };
            let points = h[i].1.get_or_insert_with(word, || word_points(word, lang));
            out.extend(points.iter().map(|p| p + s));
        });
    };
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        // A compound breaks after its own hyphen ("по-|прежнему"), with two letters at least
        // on either side; the hyphen stays at the line's end.
        if c == '-'
            && k >= 2
            && chars[k - 2..k].iter().all(|(_, c)| is_letter(*c))
            && chars
                .get(k + 1..k + 3)
                .is_some_and(|n| n.iter().all(|(_, c)| is_letter(*c)))
        {
            out.push(i + 1);
        }
        // A stress mark and digits belong to their word.
        if is_letter(c) || c == STRESS || c.is_ascii_digit() {
            if word_start.is_none() {
                word_start = Some(i);
            }
        } else if let Some(s) = word_start.take() {
            flush(s, i, &mut out);
        }
    }
    if let Some(s) = word_start {
        flush(s, text.len(), &mut out);
    }
    // A compound's point was found before its first word's.
    out.sort_unstable();
    out
}

/// The combining acute that marks stress in Russian text ("О́почка").
const STRESS: char = '\u{301}';

/// Hyphenation points of one word (byte offsets in it): hypher's, found on the word
/// without its stress marks, then mapped back, leaving out the points beside a mark.
fn word_points(word: &str, lang: hypher::Lang) -> Vec<usize> {
    // Byte offset in `word` of each byte offset in the word without stress marks.
    let mut map = Vec::with_capacity(word.len() + 1);
    let mut bare = String::with_capacity(word.len());
    for (i, c) in word.char_indices() {
        if c == STRESS {
            continue;
        }
        for _ in 0..c.len_utf8() {
            map.push(i);
        }
        bare.push(c);
    }
    map.push(word.len());
    let mut v = Vec::new();
    let mut at = 0;
    for (k, syl) in hypher::hyphenate(&bare, lang).enumerate() {
        if k > 0 {
            let left = bare[..at].chars().count();
            let right = bare[at..].chars().count();
            let point = map[at];
            let beside_stress =
                word[..point].ends_with(STRESS) || word[point..].starts_with(STRESS);
            if left >= MIN_LEFT && right >= MIN_RIGHT && !beside_stress {
                v.push(point);
            }
        }
        at += syl.len();
    }
    v
}

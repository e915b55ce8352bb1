//! "Did you mean": the nearest member of a closed set by edit distance, as cargo and rustc
//! suggest, with a word about look-alike letters from another alphabet.

/// The candidate nearest to `word`, when it is near enough to be a likely typo: at most
/// two edits, or a third of the candidate's length for long names.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let folded = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (edit_distance(&folded, &c.to_lowercase()), c))
        .filter(|(d, c)| *d > 0 || c != &word)
        .filter(|(d, c)| *d <= 2.max(c.chars().count() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// A hint sentence: " (did you mean `x`?)", or "" when nothing is near. A letter from
/// another alphabet that looks like a Latin one (Cyrillic і, о, а…) is named, since the
/// word then looks right and is not.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    let Some(near) = nearest(word, candidates) else {
        return String::new();
    };
    let foreign: Vec<String> = word
        .chars()
        .filter(|c| !c.is_ascii() && near.is_ascii())
        .map(|c| format!("`{c}` (U+{:04X})", c as u32))
        .collect();
    if foreign.is_empty() {
        format!("did you mean `{near}`?")
    } else {
        format!(
            "did you mean `{near}`? `{word}` has {} not in the Latin alphabet",
            foreign.join(", ")
        )
    }
}

/// Levenshtein distance in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_names_are_suggested() {
        assert_eq!(nearest("kustanay", ["kustanai", "other"]), Some("kustanai"));
        assert_eq!(
            nearest("resolutoin", ["resolution", "stamp"]),
            Some("resolution")
        );
        assert_eq!(nearest("zzz", ["resolution", "stamp"]), None);
        let cyrillic = did_you_mean("s\u{456}c", ["sic", "gap"]);
        assert_eq!(
            cyrillic,
            "did you mean `sic`? `s\u{456}c` has `\u{456}` (U+0456) not in the Latin alphabet"
        );
    }
}

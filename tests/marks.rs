//! A mark's parts stand in the same order in every edition (docs/format.md, "One order for
//! a mark"): its text, its signature, its date, then the editor's note of hand and medium —
//! a note reference right after the date by default, the description itself on its own
//! line with `marks.hand = "inline"`. Each edition is read back with its strictest reader:
//! the text as written, the PDF with pdftotext, the DOCX and the EPUB with pandoc.

mod common;

use common::office::reader;
use std::path::Path;

/// Marks of every kind and place, each with the parts it can have.
const DOCUMENT: &str = r#"
format = "1.0"
id = "marks-order"
title = "Проверка порядка частей помет"
date = "1932-12-03"
language = "ru"

[[content]]
role = "mark"
kind = "resolution"
position = "top-left"
text = "Кагановичу и Молотову (лично)."
signature = "Сталин."
date = "3.XII.32"
hand = "И. В. Сталина"
medium = "синим карандашом"

[[content]]
role = "address"
lines = ["В СЕКРЕТАРИАТ ЦК ВКП(б)", "тов. И. В. СТАЛИНУ"]

[[content]]
role = "mark"
kind = "registration"
position = "top-right"
text = "Вх. 1247"
date = "4.XII.32"
hand = "секретаря"
medium = "чернилами"

[[content]]
role = "mark"
kind = "stamp"
position = "top"
text = "ПОЛУЧЕНО"
date = "5.XII.32"
medium = "фиолетовыми чернилами"

[[content]]
role = "text"
text = "Товарищи, я уезжаю сегодня и обращаюсь в ЦК партии со следующим заявлением."

[[content]]
role = "mark"
kind = "marginal-note"
position = "left-margin"
text = "Ответить."
signature = "Орлов"
date = "6.XII.32"
hand = "Н. П. Орлова"
medium = "красным карандашом"

[[content]]
role = "text"
text = "Я прошу Вас, товарищи, вернуть меня в партию и дать работу в общих рядах."

[[content]]
role = "mark"
kind = "annotation"
position = "bottom-right"
text = "В архив."
date = "7.XII.32"
hand = "управделами"
"#;

/// Each mark's parts as the editions print them, in order, and its description of hand and
/// medium.
const MARKS: [(&[&str], &str); 5] = [
    (
        &["Кагановичу и Молотову (лично).", "Сталин.", "3.XII.32"],
        "Рукой И. В. Сталина синим карандашом.",
    ),
    (&["Вх. 1247", "4.XII.32"], "Рукой секретаря чернилами."),
    (&["ПОЛУЧЕНО", "5.XII.32"], "Фиолетовыми чернилами."),
    (
        &["Ответить.", "Орлов", "6.XII.32"],
        "Рукой Н. П. Орлова красным карандашом.",
    ),
    (&["В архив.", "7.XII.32"], "Рукой управделами."),
];

/// Pandoc's line width: wide enough that a table's narrow column (a note in the margin,
/// set beside its paragraph) keeps its words whole.
const WIDE: &str = "--columns=2000";

/// The editions of the document in `dir`, with the style `style` (TOML) if any, read back
/// as text: (edition, its text with white space collapsed).
fn editions(dir: &Path, style: Option<&str>) -> Vec<(&'static str, String)> {
    let input = dir.join("marks-order.toml");
    std::fs::write(&input, DOCUMENT).expect("the document is written");
    let out = dir.join("out");
    let style_file = dir.join("style.toml");
    let mut extra = vec![];
    if let Some(s) = style {
        std::fs::write(&style_file, s).expect("the style is written");
        extra = vec!["--style", style_file.to_str().expect("a UTF-8 path")];
    }
    common::export(&input, "all", &out, &extra);
    let file = |ext: &str| out.join(format!("marks-order.{ext}")).display().to_string();
    let text = std::fs::read_to_string(file("txt")).expect("the text edition is written");
    vec![
        ("text", text),
        // In the order of the content stream: a note in the margin after the line it
        // stands beside, not merged with it line by line.
        (
            "pdf",
            join_hyphens(&reader("pdftotext", &["-raw", &file("pdf"), "-"])),
        ),
        (
            "docx",
            reader(
                "pandoc",
                &["-f", "docx", "-t", "plain", WIDE, &file("docx")],
            ),
        ),
        (
            "epub",
            reader(
                "pandoc",
                &["-f", "epub", "-t", "plain", WIDE, &file("epub")],
            ),
        ),
    ]
    .into_iter()
    .map(|(name, t)| (name, collapse(&t)))
    .collect()
}

/// Words hyphenated at a line end joined ("Отве-\nтить." is "Ответить.").
fn join_hyphens(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut k = 0;
    while k < chars.len() {
        let split = chars[k] == '-'
            && chars.get(k + 1) == Some(&'\n')
            && k > 0
            && chars[k - 1].is_alphabetic()
            && chars.get(k + 2).is_some_and(|c| c.is_alphabetic());
        if split {
            k += 2;
            continue;
        }
        out.push(chars[k]);
        k += 1;
    }
    out
}

/// White space (no-break spaces too) as single spaces; the text edition's frame of a
/// stamp (`| … |`) and rule of a margin note dropped.
fn collapse(s: &str) -> String {
    s.replace(['\u{a0}', '\u{202f}', '|'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Where each of `parts` stands in `text`, each searched after the one before; fails
/// naming the edition and the part not found in order.
fn positions(text: &str, parts: &[&str], what: &str) -> Vec<usize> {
    let mut from = 0;
    parts
        .iter()
        .map(|p| {
            let at = text[from..].find(p).map(|k| k + from).unwrap_or_else(|| {
                panic!(
                    "{what}: «{p}» is not found after «{}» in\n{text}",
                    &text[..from]
                )
            });
            from = at + p.len();
            at
        })
        .collect()
}

/// The note mark right after `at` (the end of a mark's last part), as its place in its
/// series: `[3]` or `[в]` in the text edition and pandoc's plain text, a bare `3` or `в` in
/// pdftotext's. The notes on a hand are textual, lettered а, б, в… by default.
fn note_number_at(text: &str, at: usize) -> Option<usize> {
    const LETTERS: &str = "абвгдежзиклмнопрстуфхцчшщэюя";
    let rest = text[at..].trim_start_matches('[');
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    if let Ok(n) = digits.parse() {
        return Some(n);
    }
    let letter = rest.chars().next()?;
    let after = rest[letter.len_utf8()..].chars().next();
    // A lone letter: the next character ends it (a bracket, white space, the text's end).
    if after.is_some_and(char::is_alphanumeric) {
        return None;
    }
    LETTERS.chars().position(|c| c == letter).map(|k| k + 1)
}

#[test]
fn every_edition_sets_text_signature_date_then_the_note_on_hand_and_medium() {
    let dir = common::tempdir();
    let editions = editions(dir.path(), None);
    for (edition, text) in &editions {
        let mut numbers = Vec::new();
        for (parts, hand) in MARKS {
            let what = format!("{edition}, the mark «{}»", parts[0]);
            let at = positions(text, parts, &what);
            let end = at[at.len() - 1] + parts[parts.len() - 1].len();
            let n = note_number_at(text, end).unwrap_or_else(|| {
                panic!(
                    "{what}: the note on its hand follows its last part «{}», found «{}»",
                    parts[parts.len() - 1],
                    &text[end..(end + 20).min(text.len())]
                )
            });
            // The note says whose hand and what medium, after the transcription.
            let note = text
                .rfind(hand)
                .unwrap_or_else(|| panic!("{what}: the note «{hand}» is in the edition:\n{text}"));
            assert!(note > end, "{what}: the note «{hand}» comes after the mark");
            numbers.push(n);
        }
        // The marks' notes are numbered in reading order, one each.
        let mut sorted = numbers.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(
            sorted, numbers,
            "{edition}: the marks' notes are numbered in order"
        );
    }
}

#[test]
fn with_the_hand_inline_every_edition_sets_it_under_the_date() {
    let dir = common::tempdir();
    let editions = editions(dir.path(), Some("[marks]\nhand = \"inline\"\n"));
    for (edition, text) in &editions {
        for (parts, hand) in MARKS {
            let what = format!("{edition}, the mark «{}»", parts[0]);
            let mut all: Vec<&str> = parts.to_vec();
            all.push(hand);
            let at = positions(text, &all, &what);
            let end = at[parts.len() - 1] + parts[parts.len() - 1].len();
            // Nothing but white space, the text edition's brackets and a stamp's frame
            // between the date and the description: no note number, no other words.
            let between = text[end..at[parts.len()]].trim_matches([' ', '[', '+', '-']);
            assert!(
                between.is_empty(),
                "{what}: the description of its hand stands right under its date, found «{between}»"
            );
        }
        assert!(
            !MARKS.iter().any(|(parts, _)| {
                let last = parts[parts.len() - 1];
                text.find(last)
                    .is_some_and(|k| note_number_at(text, k + last.len()).is_some())
            }),
            "{edition}: with the hand inline no mark carries a note number:\n{text}"
        );
    }
}

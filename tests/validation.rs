//! Every validation error: one fixture folder per case under tests/fixtures/invalid/, each
//! with its input and `expected.txt` — the exit code and exactly what `folio check` prints:
//! message, code, position, the source line with the caret, the hint. A case may give its
//! own command line in `args.txt` (a style file, a volume, `--message-format json`).
//! `FOLIO_ACCEPT=1` rewrites the expectations (review the diff).

mod common;
use common::*;

#[test]
fn every_invalid_input_gets_its_exact_diagnostics() {
    let dir = root().join("tests/fixtures/invalid");
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    assert!(cases.len() >= 40);
    for case in cases {
        let input = std::fs::read_dir(&case)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .find(|n| n.starts_with("input."))
            .unwrap_or_else(|| panic!("{} has no input file", case.display()));
        let before = std::fs::read(case.join(&input)).unwrap();
        let args: Vec<String> = match std::fs::read_to_string(case.join("args.txt")) {
            Ok(line) => line.split_whitespace().map(String::from).collect(),
            Err(_) => vec!["check".into(), input.clone()],
        };
        let out = folio().current_dir(&case).args(&args).output().unwrap();
        let actual = format!(
            "exit: {}\n{}",
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stderr)
        );
        golden(&case.join("expected.txt"), &actual);
        assert_eq!(
            std::fs::read(case.join(&input)).unwrap(),
            before,
            "the input is never touched"
        );
    }
}

#[test]
fn diagnostics_carry_position_and_hint() {
    // Beyond the exact text: each error of a several-error file has its own line and column.
    let case = root().join("tests/fixtures/invalid/several-errors");
    let out = folio()
        .current_dir(&case)
        .args(["check", "input.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    let errors = err.matches("error[F").count();
    let places: Vec<&str> = err
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("--> "))
        .collect();
    assert!(errors >= 5, "several errors at once:\n{err}");
    assert_eq!(places.len(), errors, "every error has its place:\n{err}");
    for p in &places {
        let mut parts = p.splitn(3, ':');
        assert_eq!(parts.next(), Some("input.toml"));
        let line: usize = parts.next().unwrap().parse().expect("a line number");
        let column: usize = parts.next().unwrap().parse().expect("a column number");
        assert!(line > 0 && column > 0, "{p}");
    }
    assert_eq!(
        err.matches("= hint:").count(),
        errors,
        "every error has a hint:\n{err}"
    );
}

#[test]
fn a_newer_major_version_is_refused_with_a_clear_message() {
    let case = root().join("tests/fixtures/invalid/newer-major-version");
    let out = folio()
        .current_dir(&case)
        .args(["check", "input.toml"])
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        err.contains(
            "error[F0105]: this transcription is in format 2.1, newer than this folio reads"
        ),
        "{err}"
    );
    assert!(err.contains("--> input.toml:1:10"), "{err}");
    assert!(
        !err.contains("hologram"),
        "the version, not the unknown field, is the cause: {err}"
    );
}

#[test]
fn the_allowed_values_are_listed() {
    for (case, values) in [
        ("unknown-role", "`dateline`, `mark`, `address`, `heading`, `salutation`, `text`, `quote`, `list`, `closer`, `postscript`, `folio`"),
        ("unknown-mark-kind", "`resolution`, `annotation`, `stamp`, `registration`, `marginal-note`"),
        ("unknown-position", "`top-left`, `top`, `top-right`, `left-margin`, `right-margin`, `bottom-left`, `bottom`, `bottom-right`"),
    ] {
        let dir = root().join("tests/fixtures/invalid").join(case);
        let out = folio().current_dir(&dir).args(["check", "input.toml"]).output().unwrap();
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains(values), "{case}: {err}");
    }
}

mod mutations {
    //! A property: a typo anywhere in a sample's values is reported on the line of the typo.
    //! Each case inserts one character at a random place after a line's `=` (or anywhere in a
    //! line of a multi-line text), in a random sample; whatever errors folio then reports
    //! must all stand on that line.
    use super::common::*;
    use folio::diag::Error;
    use folio::read::{read_str, Syntax};
    use proptest::prelude::*;

    /// Characters that break something: markup, strings, TOML syntax, closed sets.
    const INSERTS: &[char] = &[
        '_', '*', '[', ']', '{', '}', '^', '~', '"', '\\', '=', 'x', '5', ' ', '.', ',', 'щ',
    ];

    /// The places a character may go: (line index, byte offset in the line). Note ids and
    /// references are left alone (a broken id is reported where it is referenced, by
    /// design), and so are table headers, keys (a renamed `role` is reported at its block's
    /// header) and the inside of a ''' delimiter (the string would run on to the next).
    fn places(text: &str) -> Vec<(usize, usize)> {
        let notes_start = text.find("[[notes]]").unwrap_or(text.len());
        let mut out = Vec::new();
        let mut offset = 0;
        let mut in_multiline = false;
        for (i, line) in text.split_inclusive('\n').enumerate() {
            let body = line.trim_end_matches('\n');
            let was_multiline = in_multiline;
            if body.matches("'''").count() % 2 == 1 {
                in_multiline = !in_multiline;
            }
            let editable = offset < notes_start && !body.trim_start().starts_with('#');
            offset += line.len();
            if !editable || body.trim_start().starts_with('[') && !was_multiline {
                continue;
            }
            let from = if was_multiline {
                0
            } else {
                match body.find('=') {
                    Some(e) => e + 1,
                    None => continue,
                }
            };
            for (j, _) in body.char_indices().filter(|(j, _)| *j >= from) {
                let inside_ref = body[..j]
                    .rfind("[^")
                    .is_some_and(|r| body[r..j].find(']').is_none());
                // Inside a ''' delimiter the string would run on to the next one.
                let in_delimiter = body.match_indices("'''").any(|(d, _)| j > d && j < d + 3);
                if !inside_ref && !in_delimiter && !body[j..].starts_with("[^") {
                    out.push((i, j));
                }
            }
            if was_multiline {
                out.push((i, body.len()));
            }
        }
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn every_reported_position_lies_on_the_changed_line(
            sample in 0usize..64, place in any::<prop::sample::Index>(), c in prop::sample::select(INSERTS)
        ) {
            let paths = samples();
            let path = &paths[sample % paths.len()];
            let text = std::fs::read_to_string(path).unwrap();
            let places = places(&text);
            let (line, at) = places[place.index(places.len())];
            let mut lines: Vec<String> = text.split_inclusive('\n').map(String::from).collect();
            lines[line].insert(at, c);
            let mutated: String = lines.concat();
            if let Err(Error::Invalid(errors)) = read_str(&mutated, "m.toml", Syntax::Toml) {
                for e in &errors {
                    // A bracket TOML lets run on over lines is shown where it opened.
                    let shown = e.line == line + 1 || e.related.iter().any(|r| r.line == line + 1);
                    prop_assert!(
                        shown,
                        "{:?} inserted at {}:{} of {}: {}", c, line + 1, at, path.display(), e
                    );
                }
            }
        }
    }
}

#[test]
fn the_readme_shows_an_error_exactly_as_folio_prints_it() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let expected =
        std::fs::read_to_string(root().join("tests/fixtures/invalid/readme-example/expected.txt"))
            .unwrap();
    let printed = expected
        .strip_prefix("exit: 1\n")
        .unwrap()
        .trim_end()
        .replace("input.toml", "letter.toml");
    assert!(
        readme.contains(&format!("$ folio check letter.toml\n{printed}\n```")),
        "README.md shows:\n{printed}"
    );
}

mod json_mutations {
    //! The same property for the pipeline format: a character inserted inside a string
    //! value of the JSON fixture is reported on its line.
    use super::common::*;
    use folio::diag::Error;
    use folio::read::{read_str, Syntax};
    use proptest::prelude::*;

    const INSERTS: &[char] = &['_', '*', '[', ']', '{', '}', '^', '"', '\\', 'x', ' ', 'щ'];

    /// Offsets strictly inside a line's string value (after `": "`), outside note ids and
    /// references.
    fn places(text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut in_notes = false;
        for (i, line) in text.lines().enumerate() {
            in_notes |= line.contains("\"notes\"");
            let (Some(open), Some(close)) = (line.find(": \"").map(|o| o + 2), line.rfind('"'))
            else {
                continue;
            };
            if in_notes && line.trim_start().starts_with("\"id\"") || close <= open {
                continue;
            }
            for (j, _) in line.char_indices().filter(|(j, _)| *j > open && *j < close) {
                let inside_ref = line[..j]
                    .rfind("[^")
                    .is_some_and(|r| line[r..j].find(']').is_none());
                if !inside_ref && !line[j..].starts_with("[^") {
                    out.push((i, j));
                }
            }
        }
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn every_reported_position_lies_on_the_changed_line(
            place in any::<prop::sample::Index>(), c in prop::sample::select(INSERTS)
        ) {
            let path = root().join("tests/fixtures/json/zinoviev-1932-12-03.json");
            let text = std::fs::read_to_string(&path).unwrap();
            let places = places(&text);
            let (line, at) = places[place.index(places.len())];
            let mut lines: Vec<String> = text.split_inclusive('\n').map(String::from).collect();
            lines[line].insert(at, c);
            let mutated: String = lines.concat();
            if let Err(Error::Invalid(errors)) = read_str(&mutated, "m.json", Syntax::Json) {
                for e in &errors {
                    prop_assert_eq!(e.line, line + 1, "{:?} inserted at {}:{}: {}", c, line + 1, at, e);
                }
            }
        }
    }
}

//! The plain-text edition: golden files for every sample, and the seed laid out as the
//! original (resolutions top left with signatures, address and signature right-aligned).

mod common;
use common::*;
use folio::read::read_file;
use folio::style::Style;

#[test]
fn every_sample_matches_its_golden_file() {
    for sample in samples() {
        let doc = read_file(&sample).unwrap().document;
        let text = folio::text::write(&doc, &Style::default());
        let name = sample.file_stem().unwrap().to_str().unwrap();
        golden(
            &root().join("tests/golden").join(format!("{name}.txt")),
            &text,
        );
    }
}

#[test]
fn every_word_of_every_sample_is_in_its_text_edition() {
    for sample in samples() {
        let doc = read_file(&sample).unwrap().document;
        let text = folio::text::write(&doc, &Style::default());
        // Spaced-out words are printed letter by letter; compare without spaces there.
        let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        assert_blocks_in_order(&squeezed, &doc, &sample.display().to_string());
    }
}

#[test]
fn the_seed_keeps_every_line_in_order_and_in_place() {
    let seed = std::fs::read_to_string(root().join("../shared/seeds/zinoviev-1932-12-03.txt"))
        .or_else(|_| {
            std::fs::read_to_string(root().join("tests/fixtures/seed/zinoviev-1932-12-03.txt"))
        })
        .expect("the seed transcription");
    let doc = read_file(&root().join("samples/zinoviev-1932-12-03.toml"))
        .unwrap()
        .document;
    let text = folio::text::write(&doc, &Style::default());
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");

    // Every line of the seed, in order; the address lines stand beside the resolutions (as
    // on the original) and are checked for their place below.
    let address_lines = ["В СЕКРЕТАРИАТ ЦК ВКП(б)", "тов.И.В.СТАЛИНУ"];
    let mut at = 0;
    for line in seed
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !address_lines.contains(l))
    {
        let words: Vec<&str> = line.split_whitespace().collect();
        for w in words {
            let k = flat[at..]
                .find(w)
                .unwrap_or_else(|| panic!("`{w}` of seed line `{line}` missing or out of order"));
            at += k + w.len();
        }
    }

    let lines: Vec<&str> = text.lines().collect();
    let width = 72;
    let find = |s: &str| {
        lines
            .iter()
            .position(|l| l.contains(s))
            .unwrap_or_else(|| panic!("no line holds `{s}`"))
    };
    let cols = |s: &str| s.chars().count();
    // The resolutions stand at the top left, before the text, each with its signature
    // under it, flush right of the marks' column.
    let resolution = find("Кагановичу и Молотову (лично).");
    assert!(
        lines[resolution].starts_with("Кагановичу"),
        "resolution flush left"
    );
    let stalin = find("Сталин.[");
    assert_eq!(
        stalin,
        resolution + 1,
        "signature right under the resolution"
    );
    let pometa = find("Читал.");
    assert!(lines[pometa].starts_with("Читал."));
    let molotov = find("Молотов[");
    assert!(molotov > pometa);
    // The signature ends where the resolution's column ends.
    let column_end = cols("Кагановичу и Молотову (лично).");
    let signature = "Сталин.[а]";
    let stalin_end = lines[stalin]
        .find(signature)
        .map(|b| cols(&lines[stalin][..b]) + cols(signature))
        .unwrap();
    assert_eq!(
        stalin_end, column_end,
        "signature flush right under the resolution: {:?}",
        lines[stalin]
    );
    // The address stands at the right, on the same lines as the resolution.
    let address = find("В СЕКРЕТАРИАТ ЦК ВКП(б)");
    assert_eq!(address, resolution, "address beside the resolution");
    assert_eq!(cols(lines[address]), width, "address flush right");
    let tov = find("тов.И.В.СТАЛИНУ");
    assert_eq!(cols(lines[tov]), width, "address flush right");
    // The text follows the address; the closer and signature are flush right.
    let first_paragraph = find("Товарищи, я уезжаю");
    assert!(first_paragraph > molotov);
    assert!(
        lines[first_paragraph].starts_with("    "),
        "first-line indent"
    );
    let closer = find("С товарищеским приветом");
    assert_eq!(cols(lines[closer]), width);
    let signature = find("Г. Зиновьев");
    assert_eq!(signature, closer + 1);
    assert_eq!(cols(lines[signature]), width, "signature flush right");
    // Notes follow the text, the legend comes last: the textual notes lettered, then the
    // commentary numbered on its own.
    let hand = find("[а] Рукой И. В. Сталина.");
    assert!(hand > signature);
    assert_eq!(find("[б] Рукой В. М. Молотова."), hand + 1);
    let note = find("[1] Г. Е. Зиновьев был исключён");
    assert_eq!(note, hand + 2);
    assert!(
        lines.last().unwrap().contains("приведён как пример"),
        "legend last"
    );
    assert!(text.contains("РГАСПИ. Ф. 17. Оп. 3. Д. 1. Л. 1–2. Подлинник. Машинопись."));
}

#[test]
fn width_is_configurable_and_counts_display_columns() {
    let doc = read_file(&root().join("samples/letter-1911-03-14.toml"))
        .unwrap()
        .document;
    let mut style = Style::default();
    style.text.width = 50;
    let text = folio::text::write(&doc, &style);
    for line in text.lines() {
        let w = unicode_width::UnicodeWidthStr::width(line);
        assert!(w <= 50, "line wider than 50 columns ({w}): {line}");
    }
    // A stress mark takes no column.
    let src = "format = \"1.0\"\nid = \"x\"\ntitle = \"T\"\n[[content]]\nrole = \"address\"\nlines = [\"мука\u{301}\"]\n";
    let doc = folio::read::read_str(src, "x.toml", folio::read::Syntax::Toml)
        .unwrap()
        .document;
    let text = folio::text::write(&doc, &Style::default());
    let line = text.lines().find(|l| l.contains("мука")).unwrap();
    assert_eq!(unicode_width::UnicodeWidthStr::width(line), 72, "{line:?}");
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    for sample in samples() {
        let a = run(&["export", sample.to_str().unwrap(), "--to", "txt", "-o", "-"]);
        let b = run(&["export", sample.to_str().unwrap(), "--to", "txt", "-o", "-"]);
        assert!(a.status.success(), "{}", String::from_utf8_lossy(&a.stderr));
        assert_eq!(a.stdout, b.stdout);
    }
}

#[test]
fn json_and_toml_give_identical_editions() {
    for format in ["txt", "pdf", "docx", "epub"] {
        let args = |input: &'static str| ["export", input, "--to", format, "-o", "-"];
        let toml = run(&args("samples/zinoviev-1932-12-03.toml"));
        let json = run(&args("tests/fixtures/json/zinoviev-1932-12-03.json"));
        assert!(
            json.status.success(),
            "{}",
            String::from_utf8_lossy(&json.stderr)
        );
        assert!(!toml.stdout.is_empty());
        assert!(
            toml.stdout == json.stdout,
            "{format}: JSON and TOML editions differ"
        );
    }
    // And the models are equal, not just the text.
    let a = read_file(&root().join("samples/zinoviev-1932-12-03.toml"))
        .unwrap()
        .document;
    let b = read_file(&root().join("tests/fixtures/json/zinoviev-1932-12-03.json"))
        .unwrap()
        .document;
    assert_eq!(a, b);
}

//! A protocol's items keep together in the DOCX as in the PDF: a paragraph or list item
//! that opens an item ("Слушали: 4. …", spaced "С л у ш а л и:", "Заслушали") is kept with
//! the next (`w:keepNext`), and LibreOffice, laying the pages out, never ends a page with
//! it.

mod common;

use common::office::{libreoffice_pdf, reader};
use std::fmt::Write as _;

/// A protocol of `items` items, each what was heard and what was decided, every third one
/// as a numbered list, the others as paragraphs (one spaced out as typed: "С л у ш а л и").
fn protocol(items: usize) -> String {
    let mut s = String::from(
        "format = \"1.0\"\nid = \"long-protocol\"\ntitle = \"Протокол заседания\"\nlanguage = \"ru\"\n",
    );
    let heard = "о работе отдела снабжения за истекший квартал и о мерах по улучшению \
                 учёта материалов на складах артели, с содокладом заведующего складом";
    let decided = "доклад принять к сведению; поручить правлению в двухнедельный срок \
                   разработать порядок учёта и представить его на утверждение общего \
                   собрания членов артели; ответственным назначить заведующего складом";
    for k in 1..=items {
        if k % 3 == 0 {
            let _ = write!(
                s,
                "\n[[content]]\nrole = \"list\"\nstyle = \"numbered\"\nstart = {k}\nitems = [\"Слушали: {heard}.\", \"Постановили: {decided}.\"]\n"
            );
        } else {
            let opener = if k % 3 == 1 {
                "Слушали"
            } else {
                "С л у ш а л и"
            };
            let _ = write!(
                s,
                "\n[[content]]\nrole = \"text\"\ntext = '''\n{opener}: {k}. {heard}.\n\nПостановили: {decided}.\n'''\n"
            );
        }
    }
    s
}

#[test]
fn what_was_heard_is_kept_with_what_was_decided() {
    let dir = common::tempdir();
    let input = dir.path().join("long-protocol.toml");
    std::fs::write(&input, protocol(60)).expect("the protocol is written");
    let out = dir.path().join("out");
    common::export(&input, "docx", &out, &[]);
    let docx = out.join("long-protocol.docx");

    // Every paragraph that opens an item is kept with the next; no other transcription
    // paragraph is.
    let bytes = std::fs::read(&docx).expect("the DOCX is read");
    let (_, xml) = common::office::zip_parts(&bytes)
        .into_iter()
        .find(|(n, _)| n == "word/document.xml")
        .expect("the package has a document part");
    let xml = String::from_utf8(xml).expect("UTF-8");
    let mut heard = 0;
    for p in xml.split("<w:p>").skip(1) {
        let text: String = p
            .split("<w:t xml:space=\"preserve\">")
            .skip(1)
            .filter_map(|t| t.split('<').next())
            .collect::<String>()
            // Single letters are bound to the next word by no-break spaces.
            .replace('\u{a0}', " ");
        let opens = text.starts_with("Слушали") || text.starts_with("С л у ш а л и");
        if opens {
            heard += 1;
            assert!(
                p.contains("<w:keepNext/>"),
                "«{text}» is kept with what was decided"
            );
        } else if text.starts_with("Постановили") {
            assert!(
                !p.contains("<w:keepNext/>"),
                "«{text}» is not kept with the next item"
            );
        }
    }
    assert_eq!(heard, 60, "every item's opening is found");

    // LibreOffice lays the pages out: no page ends with what was heard.
    let pdf = libreoffice_pdf(&docx, dir.path());
    let pdf = pdf.to_str().expect("UTF-8");
    let info = reader("pdfinfo", &[pdf]);
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo gives the page count");
    assert!(pages >= 5, "the protocol runs to several pages ({pages})");
    for page in 1..pages {
        let n = page.to_string();
        let text = reader("pdftotext", &["-f", &n, "-l", &n, pdf, "-"]);
        let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        let last_heard = text.rfind("Слушали");
        let last_decided = text.rfind("Постановили");
        assert!(
            last_heard.is_none() || last_decided > last_heard,
            "page {page} of {pages} ends with what was heard, its decision on the next page"
        );
    }
}

//! The stylesheet: the roles laid out as on the original, on a reflowable page.
//!
//! Layout uses only what every reading system has (floats, margins, `display: table`), not
//! flexbox, which Adobe's engine (older Kobo, many dedicated readers) ignores: a run of
//! top marks floats left and the address floats right, so they stand side by side when the
//! screen is wide enough and the address drops below the marks, still at the right, when
//! it is not.

use crate::style::{DeletedDisplay, InsertedDisplay, Style, UnderlineDisplay};

/// One embedded face, as `@font-face` declares it.
pub struct FontFace {
    /// Path of the font file relative to the stylesheet.
    pub href: String,
    /// Italic face.
    pub italic: bool,
    /// Bold face.
    pub bold: bool,
}

/// The stylesheet for `style`, declaring `faces` of the family `family`.
pub fn stylesheet(style: &Style, family: &str, faces: &[FontFace]) -> String {
    let mut css = String::with_capacity(6 * 1024);
    css.push_str("@charset \"UTF-8\";\n");
    let family = family.replace(['"', '\\'], "");
    for f in faces {
        css.push_str(&format!(
            "@font-face {{\n  font-family: \"{family}\";\n  font-style: {};\n  font-weight: {};\n  src: url(\"{}\");\n}}\n",
            if f.italic { "italic" } else { "normal" },
            if f.bold { "bold" } else { "normal" },
            f.href
        ));
    }
    let hyphens = if style.epub.hyphenate {
        "auto"
    } else {
        "manual"
    };
    css.push_str(&format!(
        "html, body {{\n  font-family: \"{family}\", serif;\n  line-height: {};\n}}\n\
         body {{ margin: 0 0.5em; overflow-wrap: break-word; word-wrap: break-word; }}\n\
         p {{ margin: 0; }}\n\
         .text, .postscript {{ text-align: justify; text-indent: 1.5em; }}\n\
         .text, .postscript, .quote p, .preface p, aside.note p, .legend {{ -webkit-hyphens: {hyphens}; hyphens: {hyphens}; }}\n",
        style.epub.line_height.clamp(1.0, 3.0)
    ));
    css.push_str(BASE);
    css.push_str(match style.inline.underline {
        UnderlineDisplay::Italic => {
            ".underline { font-style: italic; }\n.double-underline { font-style: italic; font-weight: bold; }\n"
        }
        UnderlineDisplay::Underline => {
            ".underline { text-decoration: underline; }\n.double-underline { text-decoration: none; border-bottom: 3px double; }\n"
        }
        UnderlineDisplay::Spaced => {
            ".underline { letter-spacing: 0.25em; }\n.double-underline { letter-spacing: 0.25em; font-weight: bold; }\n"
        }
    });
    css.push_str(match style.inline.deleted {
        DeletedDisplay::Strike => "del.deleted { text-decoration: line-through; }\n",
        DeletedDisplay::Brackets | DeletedDisplay::Note => {
            "del.deleted { text-decoration: none; }\n"
        }
    });
    // An insertion between the signs of the editorial convention, \слово/; with
    // `inline.inserted = "note"` its note says where it was added instead.
    if style.inline.inserted == InsertedDisplay::Slashes {
        css.push_str(
            "ins.inserted:before { content: \"\\5C \"; }\nins.inserted:after { content: \"/\"; }\n",
        );
    }
    css
}

/// The rules that do not depend on the style.
const BASE: &str = r#"
/* Wide screens: lines of about 70 characters, centred, the margins free for marginal notes.
   Reading systems that paginate set their own page width inside this. */
@media (min-width: 48em) {
  body { max-width: 36em; margin-left: auto; margin-right: auto; }
}
/* The editorial heading. */
.heading { text-align: center; margin: 0 0 1.5em; -webkit-hyphens: manual; hyphens: manual; }
.heading .number { margin-bottom: 0.3em; }
h1.title { font-size: 1.1em; font-weight: bold; line-height: 1.3; margin: 0 0 0.4em; }
.heading .date-place { font-size: 0.9em; }

/* The transcription: roles. */
.text.noindent { text-indent: 0; }
.text.left { text-align: left; }
.text.center { text-align: center; text-indent: 0; }
.text.right { text-align: right; text-indent: 0; }
.dateline { margin: 0.5em 0; }
.dateline.left { text-align: left; }
.dateline.right { text-align: right; }
p.heading { margin: 0.8em 0; font-weight: normal; }
.salutation { text-align: center; margin: 0.8em 0; }
.quote { margin: 0.6em 0 0.6em 2em; font-size: 0.95em; }
.quote p { text-indent: 1.5em; text-align: justify; }
.list { margin: 0.5em 0 0.5em 2.5em; padding: 0; }
ul.bulleted { list-style-type: none; }
ul.bulleted li:before { content: "\2013\a0"; display: inline-block; width: 1.2em; margin-left: -1.2em; }
.address { margin: 0.8em 0; }
table.table { border-collapse: collapse; margin: 0.8em 0; width: 100%; }
table.table td, table.table th { border: 1px solid #444; padding: 0.2em 0.4em; text-align: left; vertical-align: top; }
table.table th { font-weight: bold; }
.address.right { display: table; margin-left: auto; margin-right: 0; }
.address p { text-align: left; text-indent: 0; }
.closer { margin: 0.8em 0; }
.closer-line { text-align: right; }
.signature { margin-top: 0.4em; }
.signature.right { text-align: right; }
.signature.left { text-align: left; }
.signature.right .role { float: left; }
.signature.left .role { margin-right: 1.5em; }
.postscript { margin-top: 0.8em; }
.folio { text-align: right; font-size: 0.75em; color: #595959; margin: 0.2em 0; text-indent: 0; }

/* Marks: resolutions, stamps, annotations, by their place on the sheet. */
.mark { font-size: 0.9em; line-height: 1.3; margin: 0.3em 0 0.6em; }
/* One order in every edition: text; signature, then date, flush right under it; the
   editor's note of hand and medium last. */
.mark-signature, .mark-date { text-align: right; }
.mark-hand { font-style: italic; }
.mark.top-left, .mark.bottom-left { display: table; margin-right: auto; }
.mark.top, .mark.bottom { display: table; margin-left: auto; margin-right: auto; }
.mark.top-right, .mark.bottom-right { display: table; margin-left: auto; margin-right: 0; }
.mark.stamp { border: 1px solid #444; padding: 0.2em 0.5em; text-align: center; }
.mark.stamp p { text-align: center; }
.mark.left-margin, .mark.right-margin { max-width: 30%; margin-top: 0; font-size: 0.8em; }
.mark.left-margin { float: left; margin-right: 1em; padding-right: 0.5em; border-right: 1px solid #999; }
.mark.right-margin { float: right; margin-left: 1em; padding-left: 0.5em; border-left: 1px solid #999; }
@media (max-width: 24em) {
  .mark.left-margin, .mark.right-margin { float: none; width: auto; max-width: none; margin: 0.3em 0; }
}
/* With margins to spare, a marginal note stands in the margin beside its paragraph, as on
   the sheet. */
@media (min-width: 62em) {
  .mark.left-margin, .mark.right-margin { width: 10em; max-width: none; }
  .mark.left-margin { margin-left: -12em; }
  .mark.left-margin .mark-text, .mark.left-margin .mark-hand { text-align: right; }
  .mark.right-margin { margin-right: -12em; }
}

/* The opening: top marks at the left beside the address at the right. */
.opening { margin: 0.5em 0 1em; }
.opening:after { content: ""; display: block; clear: both; }
.opening-left { float: left; clear: left; max-width: 55%; margin-right: 1.5em; }
.opening-right { float: right; clear: right; max-width: 55%; }
.opening-right .address.right { margin-top: 0; }
.opening-center { display: table; margin: 0 auto; }
.opening .mark { display: block; margin-left: 0; margin-right: 0; }
@media (max-width: 30em) {
  .opening-left, .opening-right { float: none; max-width: none; margin-right: 0; }
  .opening-left { display: table; }
  .opening-right { display: table; margin-left: auto; }
}

/* Inline marks of the original. */
.spaced { letter-spacing: 0.25em; }
.spaced-end { letter-spacing: 0; }
ins.inserted { text-decoration: none; }
.unclear .query { font-size: 0.85em; }
.gap { font-style: italic; }
sup.superscript, sub.subscript { font-size: 0.7em; line-height: 0; }

/* Notes: references raised, the note's number is its link back (generated, so converters
   show it once). */
a.noteref { font-size: 0.7em; vertical-align: super; line-height: 0; text-decoration: none; padding-left: 0.05em; }
.legend { margin: 1.5em 0 0; font-size: 0.85em; text-align: left; text-indent: 0; }
section.notes { margin-top: 1.5em; font-size: 0.85em; border-top: 1px solid #999; }
section.notes h2 { font-size: 1em; font-weight: bold; margin: 0.6em 0 0.4em; }
aside.note p, li.note p { margin: 0 0 0.3em; text-align: left; }
section.endnotes ol { list-style: none; margin: 0; padding: 0; }
a.back { text-decoration: none; margin-right: 0.4em; }
a.back:before { content: attr(data-n) "."; }
/* A volume's commentary: each document's notes under its number and title (a link back
   to the document, shown as a heading, not as a link). */
section.commentary h1 { font-size: 1.2em; text-align: center; margin: 1em 0; }
.commentary-document h2 { font-size: 1em; font-weight: bold; margin: 1.2em 0 0.5em; text-align: left; -webkit-hyphens: manual; hyphens: manual; }
.commentary-document h2 a { color: inherit; text-decoration: none; }
.commentary-document ol { list-style: none; margin: 0; padding: 0; font-size: 0.95em; }

/* The title page and the contents. */
.titlepage { text-align: center; margin-top: 20%; -webkit-hyphens: manual; hyphens: manual; }
.titlepage .authors { margin-bottom: 2em; }
.titlepage h1 { font-size: 1.4em; font-weight: bold; line-height: 1.3; margin: 0 0 1em; }
.titlepage .number { margin-bottom: 1em; }
nav h1 { font-size: 1.3em; }
nav ol { list-style-type: none; padding-left: 1em; }
.preface h1, .abbreviations h1 { font-size: 1.2em; text-align: center; margin: 1em 0; }
dl.abbreviations dt { float: left; clear: left; width: 7em; }
dl.abbreviations dd { margin: 0 0 0.3em 7.5em; }
"#;

//! `word/theme/theme1.xml`: the DrawingML theme Word writes into every document. folio's
//! styles name their fonts and colours directly, so nothing in the text depends on it; it is
//! there because strict validators (the Open XML SDK's rules, which openxml-audit ports)
//! expect the main document to have a theme relationship, and Word falls back on the theme
//! for anything an editor adds with "theme" fonts. Its fonts are the document's family, its
//! colours Office's defaults.

use crate::shared::xml::escape;

/// The theme part for a document set in `family`.
pub fn theme_xml(family: &str) -> String {
    let font = escape(family);
    let mut s = String::with_capacity(4096);
    s.push_str(super::XML_DECL);
    s.push_str("<a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" name=\"folio\"><a:themeElements>");
    s.push_str("<a:clrScheme name=\"Office\">");
    s.push_str("<a:dk1><a:sysClr val=\"windowText\" lastClr=\"000000\"/></a:dk1><a:lt1><a:sysClr val=\"window\" lastClr=\"FFFFFF\"/></a:lt1>");
    for (name, rgb) in [
        ("dk2", "44546A"),
        ("lt2", "E7E6E6"),
        ("accent1", "4472C4"),
        ("accent2", "ED7D31"),
        ("accent3", "A5A5A5"),
        ("accent4", "FFC000"),
        ("accent5", "5B9BD5"),
        ("accent6", "70AD47"),
        ("hlink", "0563C1"),
        ("folHlink", "954F72"),
    ] {
        s.push_str(&format!("<a:{name}><a:srgbClr val=\"{rgb}\"/></a:{name}>"));
    }
    s.push_str("</a:clrScheme><a:fontScheme name=\"folio\">");
    for kind in ["majorFont", "minorFont"] {
        s.push_str(&format!(
            "<a:{kind}><a:latin typeface=\"{font}\"/><a:ea typeface=\"\"/><a:cs typeface=\"{font}\"/></a:{kind}>"
        ));
    }
    s.push_str("</a:fontScheme><a:fmtScheme name=\"Office\"><a:fillStyleLst>");
    for _ in 0..3 {
        s.push_str("<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>");
    }
    s.push_str("</a:fillStyleLst><a:lnStyleLst>");
    for w in [6350, 12700, 19050] {
        s.push_str(&format!("<a:ln w=\"{w}\" cap=\"flat\" cmpd=\"sng\" algn=\"ctr\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill><a:prstDash val=\"solid\"/><a:miter lim=\"800000\"/></a:ln>"));
    }
    s.push_str("</a:lnStyleLst><a:effectStyleLst>");
    for _ in 0..3 {
        s.push_str("<a:effectStyle><a:effectLst/></a:effectStyle>");
    }
    s.push_str("</a:effectStyleLst><a:bgFillStyleLst>");
    for _ in 0..3 {
        s.push_str("<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>");
    }
    s.push_str("</a:bgFillStyleLst></a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>");
    s
}

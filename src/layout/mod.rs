//! Layout: turns a document and a style into positioned pages (shaping, line breaking,
//! hyphenation, footnote areas). It knows nothing of PDF. (Not written yet.)

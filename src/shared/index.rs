//! The name and place indexes, computed once for every writer: which register entries are
//! mentioned where, sorted by Russian collation, with the cross-references of their
//! variants. Each writer turns a mention into its own locator (a PDF page, a document
//! number, a link to an anchor) and [`runs`] merges repeats and makes ranges.
//!
//! Collation (docs/volumes.md): letters in the order of the Russian alphabet; ё sorts with
//! е (after it only when all else is equal); the pre-reform letters stand where the
//! pre-1918 alphabet put them — і after и, ѣ after ь, ѳ and ѵ after я; Ukrainian є, ї, ґ
//! after е, і, г; names in Latin letters after the Cyrillic ones or interfiled (style
//! `index.latin`); case and punctuation decide only ties.

use crate::markup::{Inline, MentionKind};
use crate::model::{Document, TextPlace};
use crate::register::{Entry, Register};
use crate::style::index::LatinOrder;
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// One mention in a document, in reading order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// Person or place.
    pub kind: MentionKind,
    /// The register key.
    pub key: String,
    /// Whether it stands in the editorial apparatus (a note, the legend) rather than in
    /// the document's text; the index prints such locators in italics.
    pub apparatus: bool,
}

/// The mentions of one document: the authors and addressees with a key first (they are
/// located at the document's heading), then every `{person=…}` and `{place=…}` (and every
/// `.person` or `.place` name with a key) of its texts in the order of
/// [`Document::texts`]. A mention's ordinal is its place here.
#[derive(Debug, Default)]
pub struct Mentions {
    list: Vec<Mention>,
    /// Mention spans by their address in the document: spans with the same words are told
    /// apart by identity, as note spans are.
    spans: BTreeMap<usize, usize>,
    metadata: usize,
}

impl Mentions {
    /// Walks the document once.
    pub fn new(doc: &Document) -> Mentions {
        let mut m = Mentions::default();
        for p in doc.authors.iter().chain(&doc.addressees) {
            if let Some(k) = &p.key {
                m.list.push(Mention {
                    kind: MentionKind::Person,
                    key: k.clone(),
                    apparatus: false,
                });
            }
        }
        m.metadata = m.list.len();
        for (place, text) in doc.texts() {
            let apparatus = matches!(place, TextPlace::Note(_) | TextPlace::Legend);
            m.walk(text.inlines(), apparatus);
        }
        m
    }

    fn walk(&mut self, inlines: &[Inline], apparatus: bool) {
        crate::markup::visit_mentions(inlines, &mut |inline, kind, key| {
            self.spans
                .insert(inline as *const Inline as usize, self.list.len());
            self.list.push(Mention {
                kind,
                key: key.to_string(),
                apparatus,
            });
        });
    }

    /// Every mention, by ordinal.
    pub fn list(&self) -> &[Mention] {
        &self.list
    }

    /// How many mentions come from the metadata (authors, addressees): ordinals below this
    /// are located at the document's heading.
    pub fn metadata(&self) -> usize {
        self.metadata
    }

    /// The ordinal of a mention span; `span` must be the very inline of the document.
    pub fn of_span(&self, span: &Inline) -> Option<usize> {
        self.spans.get(&(span as *const Inline as usize)).copied()
    }
}

/// Where an entry is mentioned: which document of the run, which mention of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Locus {
    /// The document's index in the volume (0 for a document alone).
    pub document: usize,
    /// The mention's ordinal in [`Mentions`].
    pub mention: usize,
    /// Whether the mention is in the editorial apparatus.
    pub apparatus: bool,
}

/// An entry of an index with every place it is mentioned.
#[derive(Clone, Debug)]
pub struct IndexEntry<'r> {
    /// The register entry.
    pub entry: &'r Entry,
    /// Its mentions, in the order of the volume.
    pub loci: Vec<Locus>,
}

/// One line of an index, in alphabetical order.
#[derive(Clone, Debug)]
pub enum IndexLine<'r> {
    /// An entry with its locators.
    Entry(IndexEntry<'r>),
    /// A variant of a name pointing to its entry: "Джугашвили И. В. — см. Сталин И. В.".
    See {
        /// The variant as printed.
        variant: &'r str,
        /// The short form of the entry it points to.
        target: String,
        /// The key of that entry (for links).
        key: &'r str,
    },
}

impl IndexLine<'_> {
    /// The text the line sorts by.
    fn sort_text(&self) -> String {
        match self {
            IndexLine::Entry(e) => e.entry.sort_text(),
            IndexLine::See { variant, .. } => crate::register::short_form(variant),
        }
    }
}

/// An index: its kind and its lines in alphabetical order, grouped by initial letter.
#[derive(Clone, Debug)]
pub struct Index<'r> {
    /// Name index (persons) or place index (places).
    pub kind: MentionKind,
    /// Letter groups in order: the initial ("А") and its lines.
    pub groups: Vec<(String, Vec<IndexLine<'r>>)>,
}

impl Index<'_> {
    /// Whether the index has no entry.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// Every line, in order.
    pub fn lines(&self) -> impl Iterator<Item = &IndexLine<'_>> {
        self.groups.iter().flat_map(|(_, l)| l)
    }
}

/// The indexes a run of documents gets under a style: the name index, then the place
/// index, each only when something is mentioned and the style asks for it.
pub fn indexes<'r>(
    register: &'r Register,
    mentions: &[Mentions],
    style: &crate::style::Style,
) -> Vec<Index<'r>> {
    let mut out = Vec::new();
    for (kind, wanted) in [
        (MentionKind::Person, style.index.persons),
        (MentionKind::Place, style.index.places),
    ] {
        if wanted {
            let index = build(register, mentions, kind, style.index.latin);
            if !index.is_empty() {
                out.push(index);
            }
        }
    }
    out
}

/// Builds the index of one kind over the mentions of every document of a run.
pub fn build<'r>(
    register: &'r Register,
    mentions: &[Mentions],
    kind: MentionKind,
    latin: LatinOrder,
) -> Index<'r> {
    let mut loci: BTreeMap<&str, Vec<Locus>> = BTreeMap::new();
    for (document, m) in mentions.iter().enumerate() {
        for (mention, x) in m.list.iter().enumerate() {
            if x.kind == kind {
                loci.entry(x.key.as_str()).or_default().push(Locus {
                    document,
                    mention,
                    apparatus: x.apparatus,
                });
            }
        }
    }
    let mut lines: Vec<IndexLine> = Vec::new();
    for entry in register.entries(kind) {
        let Some(l) = loci.remove(entry.key.as_str()) else {
            continue;
        };
        for v in &entry.variants {
            lines.push(IndexLine::See {
                variant: v,
                target: entry.short_name(),
                key: &entry.key,
            });
        }
        lines.push(IndexLine::Entry(IndexEntry { entry, loci: l }));
    }
    let mut keyed: Vec<(SortKey, IndexLine)> = lines
        .into_iter()
        .map(|l| (sort_key(&l.sort_text(), latin), l))
        .collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    let mut groups: Vec<(String, Vec<IndexLine>)> = Vec::new();
    for (key, line) in keyed {
        let letter = key.initial.clone();
        match groups.last_mut() {
            Some((l, v)) if *l == letter => v.push(line),
            _ => groups.push((letter, vec![line])),
        }
    }
    Index { kind, groups }
}

/// A run of locators: one number, or a range of consecutive numbers of one kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Run {
    /// First number.
    pub from: usize,
    /// Last number (equal to `from` for a single one).
    pub to: usize,
    /// Whether every mention behind it is in the apparatus (printed in italics).
    pub apparatus: bool,
    /// The first mention behind it, for a link.
    pub first: Locus,
}

/// Merges locators into runs: repeated numbers become one (in roman when any mention there
/// is in the text), three or more consecutive numbers of the same kind become a range
/// ("12–14"); two stay apart ("12, 13").
pub fn runs(numbered: &[(usize, Locus)]) -> Vec<Run> {
    let mut by_number: BTreeMap<usize, (bool, Locus)> = BTreeMap::new();
    for (n, locus) in numbered {
        by_number
            .entry(*n)
            .and_modify(|(app, first)| {
                *app &= locus.apparatus;
                if locus < first {
                    *first = *locus;
                }
            })
            .or_insert((locus.apparatus, *locus));
    }
    let single: Vec<Run> = by_number
        .into_iter()
        .map(|(n, (apparatus, first))| Run {
            from: n,
            to: n,
            apparatus,
            first,
        })
        .collect();
    let mut out: Vec<Run> = Vec::new();
    let mut i = 0;
    while i < single.len() {
        let mut j = i;
        while j + 1 < single.len()
            && single[j + 1].from == single[j].to + 1
            && single[j + 1].apparatus == single[i].apparatus
        {
            j += 1;
        }
        if j - i >= 2 {
            out.push(Run {
                to: single[j].to,
                ..single[i]
            });
        } else {
            out.extend_from_slice(&single[i..=j]);
        }
        i = j + 1;
    }
    out
}

/// A run as printed: "12" or "12–14".
pub fn run_text(r: &Run) -> String {
    if r.from == r.to {
        r.from.to_string()
    } else {
        format!("{}–{}", r.from, r.to)
    }
}

/// The heading of an index ("Именной указатель").
pub fn title(kind: MentionKind, labels: &crate::shared::Labels) -> &'static str {
    match kind {
        MentionKind::Person => labels.name_index,
        MentionKind::Place => labels.place_index,
    }
}

/// An entry's text before its locators: the index form, then its note.
pub fn entry_text(e: &Entry) -> String {
    match &e.note {
        Some(n) => format!("{}. {n}", e.name.trim_end_matches('.')),
        None => e.name.clone(),
    }
}

/// A cross-reference as printed: "Джугашвили И. В. — см. Сталин Иосиф Виссарионович".
pub fn see_text(variant: &str, target: &str, labels: &crate::shared::Labels) -> String {
    format!("{variant} — {} {target}", labels.see)
}

/// The document numbers of a run, for the editions without pages: each document by its
/// number ("12а"), or its place in the run when it has none.
pub fn document_label(docs: &[&Document], k: usize) -> String {
    docs.get(k)
        .and_then(|d| d.number.clone())
        .unwrap_or_else(|| (k + 1).to_string())
}

/// The locators of an entry by document: each document once (in roman when any mention in
/// it is in the text), ranges of three or more documents in a row.
pub fn document_runs(loci: &[Locus]) -> Vec<Run> {
    let numbered: Vec<(usize, Locus)> = loci.iter().map(|l| (l.document, *l)).collect();
    runs(&numbered)
}

/// The id of a mention's anchor in a document's XHTML or DOCX bookmark ("m3").
pub fn anchor_id(mention: usize) -> String {
    format!("m{mention}")
}

/// The sort key of a name: letters by the alphabet first, then letter variants (ё after
/// е), then case, then the text itself.
#[derive(Clone, Debug, PartialEq, Eq)]
struct SortKey {
    primary: Vec<u32>,
    secondary: Vec<u8>,
    tertiary: Vec<u8>,
    text: String,
    initial: String,
}

impl Ord for SortKey {
    fn cmp(&self, o: &Self) -> Ordering {
        self.primary
            .cmp(&o.primary)
            .then_with(|| self.secondary.cmp(&o.secondary))
            .then_with(|| self.tertiary.cmp(&o.tertiary))
            .then_with(|| self.text.cmp(&o.text))
    }
}

impl PartialOrd for SortKey {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}

/// The Russian alphabet with the pre-reform and Ukrainian letters where they stand.
const CYRILLIC: &str = "абвгґдеєжзиіїйклмнопрстуфхцчшщъыьѣэюяѳѵ";
/// The Russian letter each Latin letter sorts as, when interfiled.
const LATIN_AS: &str = "абцдефгхийклмнопкрстуввкыз";
const WORD: u32 = 1;
const DIGITS: u32 = 10;
const LETTERS: u32 = 100;
const LATIN: u32 = 1000;
const OTHER: u32 = 5000;

fn sort_key(text: &str, latin: LatinOrder) -> SortKey {
    let mut key = SortKey {
        primary: Vec::new(),
        secondary: Vec::new(),
        tertiary: Vec::new(),
        text: text.to_string(),
        initial: String::new(),
    };
    for c in text.chars() {
        let lower = c.to_lowercase().next().unwrap_or(c);
        let upper = u8::from(c != lower);
        let (p, s) = if lower == 'ё' {
            (cyrillic_rank('е'), 1)
        } else if let Some(r) = CYRILLIC.chars().position(|x| x == lower) {
            (LETTERS + r as u32, 0)
        } else if lower.is_ascii_lowercase() {
            let i = (lower as u8 - b'a') as usize;
            match latin {
                LatinOrder::After => (LATIN + i as u32, 0),
                LatinOrder::Interfiled => {
                    (cyrillic_rank(LATIN_AS.chars().nth(i).unwrap_or('я')), 2)
                }
            }
        } else if let Some(d) = c.to_digit(10) {
            (DIGITS + d, 0)
        } else if c.is_whitespace() || matches!(c, ',' | '-' | '.' | '–' | '—') {
            if key.primary.last() != Some(&WORD) && !key.primary.is_empty() {
                key.primary.push(WORD);
                key.secondary.push(0);
                key.tertiary.push(0);
            }
            continue;
        } else if c.is_alphanumeric() {
            (OTHER + lower as u32, 0)
        } else {
            continue;
        };
        if key.initial.is_empty() {
            let base = if lower == 'ё' { 'е' } else { lower };
            key.initial = base.to_uppercase().collect();
        }
        key.primary.push(p);
        key.secondary.push(s);
        key.tertiary.push(upper);
    }
    if key.primary.last() == Some(&WORD) {
        key.primary.pop();
    }
    key
}

fn cyrillic_rank(c: char) -> u32 {
    LETTERS + CYRILLIC.chars().position(|x| x == c).unwrap_or(0) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(names: &[&str], latin: LatinOrder) -> Vec<String> {
        let mut v: Vec<(SortKey, &str)> = names.iter().map(|n| (sort_key(n, latin), *n)).collect();
        v.sort_by(|a, b| a.0.cmp(&b.0));
        v.into_iter().map(|(_, n)| n.to_string()).collect()
    }

    #[test]
    fn russian_collation() {
        assert_eq!(
            sorted(&["Ёлкин", "Ежов", "Елизаров", "Жданов"], LatinOrder::After),
            ["Ежов", "Елизаров", "Ёлкин", "Жданов"],
            "ё sorts with е"
        );
        assert_eq!(
            sorted(&["Иванова", "Иванов Пётр", "Иванов"], LatinOrder::After),
            ["Иванов", "Иванов Пётр", "Иванова"],
            "a shorter word sorts first"
        );
        assert_eq!(
            sorted(
                &["Ѳеодоровъ", "Ярославль", "Іоаннъ", "Йорк", "Ивановъ"],
                LatinOrder::After
            ),
            ["Ивановъ", "Іоаннъ", "Йорк", "Ярославль", "Ѳеодоровъ"],
            "pre-reform letters where the old alphabet put them"
        );
        assert_eq!(
            sorted(&["Hoover", "Ягода", "Бухарин"], LatinOrder::After),
            ["Бухарин", "Ягода", "Hoover"]
        );
        assert_eq!(
            sorted(
                &["Hoover", "Ягода", "Бухарин", "Хрущёв"],
                LatinOrder::Interfiled
            ),
            ["Бухарин", "Hoover", "Хрущёв", "Ягода"]
        );
        assert_eq!(sort_key("ёлкин", LatinOrder::After).initial, "Е");
    }

    #[test]
    fn runs_merge_repeats_and_make_ranges() {
        let l = |n: usize, app: bool| {
            (
                n,
                Locus {
                    document: 0,
                    mention: n,
                    apparatus: app,
                },
            )
        };
        let r = runs(&[
            l(3, false),
            l(3, true),
            l(5, false),
            l(6, false),
            l(7, false),
            l(9, true),
            l(10, true),
        ]);
        let text: Vec<String> = r
            .iter()
            .map(|r| format!("{}{}", run_text(r), if r.apparatus { "*" } else { "" }))
            .collect();
        assert_eq!(text, ["3", "5–7", "9*", "10*"]);
    }
}

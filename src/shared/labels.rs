//! The words of the editorial apparatus, in the language of the document: a table for
//! Russian, English and German. A document in another language gets the English words
//! (a reader of a French letter is likelier to read English than Russian); the style's
//! `labels` setting sets one language for every document instead — a Russian edition of
//! German letters keeps its Russian apparatus with `labels = "ru"`.

use crate::style::{LabelLanguage, Style};

/// The words an edition adds around the transcription.
#[derive(Debug)]
pub struct Labels {
    /// The language of these words (BCP 47 primary tag: "ru", "en", "de"), for readers
    /// told where the apparatus's language differs from the document's.
    pub lang: &'static str,
    /// What follows a day's number before the month ("." in German: "3. Dezember").
    pub day_suffix: &'static str,
    /// Month names in the genitive, for "3 декабря".
    pub months_genitive: [&'static str; 12],
    /// Month names in the nominative, for "декабрь 1932 г.".
    pub months_nominative: [&'static str; 12],
    /// What follows a year (" г.").
    pub year_suffix: &'static str,
    /// The heading of the notes ("Примечания").
    pub notes: &'static str,
    /// The heading of the textual notes at a document's end ("Текстуальные примечания").
    pub textual_notes: &'static str,
    /// The heading of the commentary at a document's or the volume's end ("Комментарии").
    pub commentary: &'static str,
    /// What a screen reader says of a note reference's link ("Примечание").
    pub note_link: &'static str,
    /// … and of a note mark's link back to the text ("К тексту").
    pub note_back: &'static str,
    /// The letters textual notes are marked with, in order (а, б, в…: Russian editions
    /// leave out ё, й, ъ, ы, ь, too like other letters or never starting a word).
    pub note_letters: &'static [char],
    /// The default description of an illegible gap ("неразб.").
    pub illegible: &'static str,
    /// What that abbreviation stands for, as a screen reader says it ("неразборчиво").
    pub illegible_expanded: &'static str,
    /// The note for a sic ("Так в документе.").
    pub sic: &'static str,
    /// The words before a hand ("Рукой").
    pub in_hand_of: &'static str,
    /// An insertion above the line, for a note with its hand ("Вписано").
    pub inserted: &'static str,
    /// An insertion in the margin ("Вписано на полях").
    pub inserted_in_margin: &'static str,
    /// An insertion below the line ("Вписано под строкой").
    pub inserted_below: &'static str,
    /// An insertion above the line ("Вписано над строкой").
    pub inserted_above: &'static str,
    /// Legend abbreviations: fond, opis, delo, folio(s).
    pub fond: &'static str,
    /// Opis abbreviation ("Оп.").
    pub opis: &'static str,
    /// Delo abbreviation ("Д.").
    pub delo: &'static str,
    /// Folio abbreviation ("Л.").
    pub folios: &'static str,
    /// Names of authenticity values: original, copy, certified copy, draft, retained copy,
    /// excerpt.
    pub authenticity: [&'static str; 6],
    /// Names of media: typescript, manuscript, autograph, telegram, print, hectograph.
    pub medium: [&'static str; 6],
    /// The word for "page" in contents and running heads ("С.").
    pub page: &'static str,
    /// The heading of a table of contents ("Содержание").
    pub contents: &'static str,
    /// The label of the archival legend, for accessibility and navigation ("Легенда").
    pub legend: &'static str,
    /// The heading of a volume's preface ("Предисловие").
    pub preface: &'static str,
    /// The heading of a volume's list of abbreviations ("Список сокращений").
    pub abbreviations: &'static str,
    /// The heading of the name index ("Именной указатель").
    pub name_index: &'static str,
    /// The heading of the place index ("Географический указатель").
    pub place_index: &'static str,
    /// The word of a cross-reference ("см.").
    pub see: &'static str,
    /// What the numbers of an index without pages stand for ("Цифрами обозначены номера
    /// документов; курсивом — упоминания в примечаниях и легендах.").
    pub index_by_document: &'static str,
    /// What the page numbers of an index stand for.
    pub index_by_page: &'static str,
    /// What a screen reader says before struck-out words ("зачёркнуто").
    pub deleted: &'static str,
}

static RU: Labels = Labels {
    lang: "ru",
    day_suffix: "",
    months_genitive: [
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ],
    months_nominative: [
        "январь",
        "февраль",
        "март",
        "апрель",
        "май",
        "июнь",
        "июль",
        "август",
        "сентябрь",
        "октябрь",
        "ноябрь",
        "декабрь",
    ],
    year_suffix: "\u{a0}г.",
    notes: "Примечания",
    textual_notes: "Текстуальные примечания",
    commentary: "Комментарии",
    note_link: "Примечание",
    note_back: "К тексту",
    note_letters: &[
        'а', 'б', 'в', 'г', 'д', 'е', 'ж', 'з', 'и', 'к', 'л', 'м', 'н', 'о', 'п', 'р', 'с', 'т',
        'у', 'ф', 'х', 'ц', 'ч', 'ш', 'щ', 'э', 'ю', 'я',
    ],
    illegible: "неразб.",
    illegible_expanded: "неразборчиво",
    deleted: "зачёркнуто",
    sic: "Так в документе.",
    in_hand_of: "Рукой",
    inserted: "Вписано",
    inserted_in_margin: "Вписано на полях",
    inserted_below: "Вписано под строкой",
    inserted_above: "Вписано над строкой",
    fond: "Ф.",
    opis: "Оп.",
    delo: "Д.",
    folios: "Л.",
    authenticity: [
        "Подлинник",
        "Копия",
        "Заверенная копия",
        "Черновик",
        "Отпуск",
        "Выписка",
    ],
    medium: [
        "Машинопись",
        "Рукопись",
        "Автограф",
        "Телеграфный бланк",
        "Типографский экземпляр",
        "Гектограф",
    ],
    page: "С.",
    contents: "Содержание",
    name_index: "Именной указатель",
    place_index: "Географический указатель",
    see: "см.",
    index_by_document: "Цифрами обозначены номера документов.",
    index_by_page: "Цифрами обозначены страницы; курсивом — упоминания в примечаниях и легендах.",
    legend: "Легенда",
    preface: "Предисловие",
    abbreviations: "Список сокращений",
};

/// The Latin letters of textual notes (a, b, c…), for every language written in them.
const LATIN_LETTERS: &[char] = &[
    'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's',
    't', 'u', 'v', 'w', 'x', 'y', 'z',
];

static EN: Labels = Labels {
    lang: "en",
    day_suffix: "",
    months_genitive: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    months_nominative: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    year_suffix: "",
    notes: "Notes",
    textual_notes: "Textual notes",
    commentary: "Commentary",
    note_link: "Note",
    note_back: "Back to the text",
    note_letters: LATIN_LETTERS,
    illegible: "illegible",
    illegible_expanded: "illegible",
    deleted: "struck out",
    sic: "Sic in the original.",
    in_hand_of: "In the hand of",
    inserted: "Added",
    inserted_in_margin: "Added in the margin",
    inserted_below: "Added below the line",
    inserted_above: "Added above the line",
    fond: "F.",
    opis: "Op.",
    delo: "D.",
    folios: "L.",
    authenticity: [
        "Original",
        "Copy",
        "Certified copy",
        "Draft",
        "Retained copy",
        "Excerpt",
    ],
    medium: [
        "Typescript",
        "Manuscript",
        "Autograph",
        "Telegram form",
        "Print",
        "Hectograph",
    ],
    page: "p.",
    contents: "Contents",
    name_index: "Index of names",
    place_index: "Index of places",
    see: "see",
    index_by_document: "Numbers refer to documents.",
    index_by_page: "Numbers refer to pages; italics, to the notes and legends.",
    legend: "Source",
    preface: "Preface",
    abbreviations: "Abbreviations",
};

/// German month names: the same after a day ("3. Dezember") and alone ("Dezember 1932").
const DE_MONTHS: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];

static DE: Labels = Labels {
    lang: "de",
    day_suffix: ".",
    months_genitive: DE_MONTHS,
    months_nominative: DE_MONTHS,
    year_suffix: "",
    notes: "Anmerkungen",
    textual_notes: "Textkritische Anmerkungen",
    commentary: "Kommentar",
    note_link: "Anmerkung",
    note_back: "Zurück zum Text",
    note_letters: LATIN_LETTERS,
    illegible: "unleserlich",
    illegible_expanded: "unleserlich",
    deleted: "gestrichen",
    sic: "So im Original.",
    in_hand_of: "Von der Hand",
    inserted: "Eingefügt",
    inserted_in_margin: "Am Rand eingefügt",
    inserted_below: "Unter der Zeile eingefügt",
    inserted_above: "Über der Zeile eingefügt",
    fond: "F.",
    opis: "Op.",
    delo: "D.",
    folios: "Bl.",
    authenticity: [
        "Original",
        "Abschrift",
        "Beglaubigte Abschrift",
        "Entwurf",
        "Durchschlag",
        "Auszug",
    ],
    medium: [
        "Maschinenschrift",
        "Handschrift",
        "Eigenhändig",
        "Telegrammformular",
        "Druck",
        "Hektographie",
    ],
    page: "S.",
    contents: "Inhalt",
    name_index: "Personenregister",
    place_index: "Ortsregister",
    see: "siehe",
    index_by_document: "Die Zahlen verweisen auf die Nummern der Dokumente.",
    index_by_page: "Die Zahlen verweisen auf die Seiten; kursiv: Erwähnungen in Anmerkungen und Quellenangaben.",
    legend: "Quelle",
    preface: "Vorwort",
    abbreviations: "Abkürzungen",
};

impl Labels {
    /// The labels for a BCP 47 language tag: Russian, English or German by its primary
    /// subtag ("ru-petr1708" is Russian, "de-AT" German); English for any other language.
    pub fn for_language(tag: &str) -> &'static Labels {
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        match primary.to_ascii_lowercase().as_str() {
            "ru" | "" => &RU,
            "de" => &DE,
            _ => &EN,
        }
    }

    /// The labels an edition uses for a document in `language`: the style's `labels`
    /// language when it sets one, else the document's.
    pub fn of(language: &str, style: &Style) -> &'static Labels {
        match style.labels {
            LabelLanguage::Document => Labels::for_language(language),
            LabelLanguage::Ru => &RU,
            LabelLanguage::En => &EN,
            LabelLanguage::De => &DE,
        }
    }

    /// The apparatus's language when a reader must be told it: when it is not the
    /// document's tag (`language`), so a `ru-petr1708` document's apparatus, in modern
    /// spelling, is marked `ru`.
    pub fn lang_beside(&self, language: &str) -> Option<&'static str> {
        (!language.eq_ignore_ascii_case(self.lang)).then_some(self.lang)
    }
}

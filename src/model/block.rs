//! The block: one part of a document's content, tagged by its role, and the role names.

use super::{
    Address, Closer, Dateline, Folio, Heading, List, Mark, Paragraphs, Postscript, Quote,
    Salutation, Table,
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One block of the content, with its role in the document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "role", rename_all = "kebab-case")]
pub enum Block {
    /// Place and date as written on the document ("Москва, 3 декабря 1932 г.").
    Dateline(Dateline),
    /// Anything written on the document besides its text: resolution, помета, stamp…
    Mark(Mark),
    /// The addressee block, as lines ("В СЕКРЕТАРИАТ ЦК ВКП(б)").
    Address(Address),
    /// A heading typed on the document ("ПРОТОКОЛ № 5").
    Heading(Heading),
    /// An opening salutation ("Товарищи!").
    Salutation(Salutation),
    /// Running text; a blank line starts a new paragraph.
    Text(Paragraphs),
    /// A quoted block, set apart from the running text.
    Quote(Quote),
    /// A numbered or bulleted list.
    List(List),
    /// Closing salutation lines and signatures.
    Closer(Closer),
    /// A postscript ("P.S. …"); a blank line starts a new paragraph.
    Postscript(Postscript),
    /// Where a folio of the original turns ("л. 2", "л. 1 об.").
    Folio(Folio),
    /// A table: rows of cells (protocols, lists of names).
    Table(Table),
}

/// The role names as written in the format, in the order of [`Block`]'s variants.
pub const ROLES: &[&str] = &[
    "dateline",
    "mark",
    "address",
    "heading",
    "salutation",
    "text",
    "quote",
    "list",
    "closer",
    "postscript",
    "folio",
    "table",
];

impl Block {
    /// Reads a block's fields (its `role` tag taken away) as the struct of `role`; `None`
    /// for an unknown role. The readers use it to re-read a block that failed, since the
    /// tagged enum reports errors without their position.
    pub fn deserialize_fields<'de, D: serde::Deserializer<'de>>(
        role: &str,
        d: D,
    ) -> Option<Result<Block, D::Error>> {
        Some(match role {
            "dateline" => Dateline::deserialize(d).map(Block::Dateline),
            "mark" => Mark::deserialize(d).map(Block::Mark),
            "address" => Address::deserialize(d).map(Block::Address),
            "heading" => Heading::deserialize(d).map(Block::Heading),
            "salutation" => Salutation::deserialize(d).map(Block::Salutation),
            "text" => Paragraphs::deserialize(d).map(Block::Text),
            "quote" => Quote::deserialize(d).map(Block::Quote),
            "list" => List::deserialize(d).map(Block::List),
            "closer" => Closer::deserialize(d).map(Block::Closer),
            "postscript" => Postscript::deserialize(d).map(Block::Postscript),
            "folio" => Folio::deserialize(d).map(Block::Folio),
            "table" => Table::deserialize(d).map(Block::Table),
            _ => return None,
        })
    }

    /// The role name as written in the format ("mark", "closer").
    pub fn role(&self) -> &'static str {
        match self {
            Block::Dateline(_) => "dateline",
            Block::Mark(_) => "mark",
            Block::Address(_) => "address",
            Block::Heading(_) => "heading",
            Block::Salutation(_) => "salutation",
            Block::Text(_) => "text",
            Block::Quote(_) => "quote",
            Block::List(_) => "list",
            Block::Closer(_) => "closer",
            Block::Postscript(_) => "postscript",
            Block::Folio(_) => "folio",
            Block::Table(_) => "table",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_is_read_by_name() {
        for role in ROLES {
            let value = serde_json::json!({ "role": role });
            let tagged = serde_json::from_value::<Block>(value)
                .err()
                .map(|e| e.to_string());
            assert!(
                !tagged.is_some_and(|e| e.contains("unknown variant")),
                "{role} is a variant"
            );
            let fields = Block::deserialize_fields(role, serde_json::json!({}));
            assert!(fields.is_some(), "{role}");
        }
    }
}

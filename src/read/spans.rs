//! Where a value stands in the source: a path of keys and indexes walked through the parsed
//! document's spans (toml's `DeTable`, serde_json's `RawValue`), so that a semantic error
//! (an unsafe id, a bad date) points at its value even when escapes make the text differ
//! from the value.

use serde_json::value::RawValue;
use std::collections::BTreeMap;
use std::ops::Range;
use toml::de::{DeTable, DeValue};

/// One step of a path into a document.
#[derive(Clone, Copy, Debug)]
pub enum Key<'k> {
    /// A table's field.
    Field(&'k str),
    /// An array's element.
    Index(usize),
}

/// The span of the TOML value at `path`.
pub fn toml_span(tree: &toml::Spanned<DeTable>, path: &[Key]) -> Option<Range<usize>> {
    let (first, rest) = path.split_first()?;
    let Key::Field(name) = first else {
        return None;
    };
    let (_, mut value) = tree.get_ref().iter().find(|(k, _)| k.get_ref() == name)?;
    for key in rest {
        value = match (key, value.get_ref()) {
            (Key::Field(name), DeValue::Table(t)) => t.iter().find(|(k, _)| k.get_ref() == name)?.1,
            (Key::Index(i), DeValue::Array(a)) => a.get(*i)?,
            _ => return None,
        };
    }
    Some(value.span())
}

/// The span of the JSON value at `path`.
pub fn json_span(text: &str, path: &[Key]) -> Option<Range<usize>> {
    let mut current = text;
    for key in path {
        let raw: &RawValue = match key {
            Key::Field(name) => {
                let map: BTreeMap<String, &RawValue> = serde_json::from_str(current).ok()?;
                map.get(*name).copied()?
            }
            Key::Index(i) => {
                let list: Vec<&RawValue> = serde_json::from_str(current).ok()?;
                list.get(*i).copied()?
            }
        };
        current = raw.get();
    }
    let start = current.as_ptr() as usize - text.as_ptr() as usize;
    Some(start..start + current.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_lead_to_values() {
        let toml = "id = \"a\\u0041\"\n[[notes]]\nid = \"x\"\n[[notes]]\nid = \"y\"\n";
        let tree = DeTable::parse(toml).unwrap();
        let span = toml_span(
            &tree,
            &[Key::Field("notes"), Key::Index(1), Key::Field("id")],
        );
        assert_eq!(&toml[span.unwrap()], "\"y\"");
        assert_eq!(
            &toml[toml_span(&tree, &[Key::Field("id")]).unwrap()],
            "\"a\\u0041\""
        );
        let json = r#"{"id": "a", "notes": [{"id": "x"}, {"id": "y"}]}"#;
        let span = json_span(
            json,
            &[Key::Field("notes"), Key::Index(1), Key::Field("id")],
        );
        assert_eq!(&json[span.unwrap()], "\"y\"");
    }
}

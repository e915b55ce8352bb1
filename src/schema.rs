//! The JSON Schema of the transcription format (`folio schema`): schemars derives the shape
//! from the model's types; this module adds what folio checks beyond the shape, so that a
//! schema validator agrees with `folio check` — patterns for the id, dates, language tags,
//! note ids and note references — plus a `$id` and a title for every definition.

use serde_json::{json, Value};

/// The schema's identifier: a URN, since the format is folio's and needs no web address.
pub const SCHEMA_ID: &str = "urn:folio:schema:transcription:1";

/// A document id: file-name-safe ASCII, not starting with a dot, at most 200 characters
/// ([`crate::read::is_safe_id`]).
pub const ID_PATTERN: &str = "^[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$";

/// An ISO 8601 date, partial date, or range ([`crate::read::is_iso_date_or_range`]; the
/// pattern cannot check that the day exists in its month, or that a range runs forward).
pub const DATE_PATTERN: &str = "^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?(/[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?)?$";

/// A BCP 47 language tag, as folio checks it ([`crate::read::is_language_tag`]).
pub const LANGUAGE_PATTERN: &str = "^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$";

/// A note id: letters, digits, `-`, `_`.
pub const NOTE_ID_PATTERN: &str = "^[\\p{L}\\p{N}_-]+$";

/// A text whose every note reference `[^id]` names a usable note id.
pub const NOTE_REFS_PATTERN: &str = "^([^\\[]|\\[[^\\^]|\\[\\^[\\p{L}\\p{N}_-]+\\])*\\[?$";

/// The format version, MAJOR.MINOR.
pub const FORMAT_PATTERN: &str = "^[0-9]+\\.[0-9]+$";

/// The schema of a transcription, as pretty-printed JSON.
pub fn document() -> String {
    let mut schema = serde_json::to_value(schemars::schema_for!(crate::model::Document))
        .expect("a schema always serializes");
    refine(&mut schema);
    let mut s = serde_json::to_string_pretty(&schema).expect("a schema always serializes");
    s.push('\n');
    s
}

fn refine(schema: &mut Value) {
    schema["$id"] = json!(SCHEMA_ID);
    schema["title"] = json!("folio transcription");
    let properties = &mut schema["properties"];
    for (field, pattern) in [
        ("id", ID_PATTERN),
        ("date", DATE_PATTERN),
        ("language", LANGUAGE_PATTERN),
        ("format", FORMAT_PATTERN),
    ] {
        properties[field]["pattern"] = json!(pattern);
    }
    // An empty document is refused (F0305).
    properties["content"]["minItems"] = json!(1);
    let defs = &mut schema["$defs"];
    defs["Note"]["properties"]["id"]["pattern"] = json!(NOTE_ID_PATTERN);
    for text in ["Text", "Paragraphs"] {
        defs[text]["pattern"] = json!(NOTE_REFS_PATTERN);
    }
    if let Some(defs) = defs.as_object_mut() {
        for (name, def) in defs.iter_mut() {
            if def.get("title").is_none() {
                def["title"] = json!(name);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schema_names_every_role_and_has_its_patterns() {
        let s = document();
        for role in crate::model::ROLES {
            assert!(s.contains(&format!("\"{role}\"")), "{role}");
        }
        let v: Value = serde_json::from_str(&s).unwrap();
        assert_eq!(v["$id"], SCHEMA_ID);
        assert_eq!(v["properties"]["id"]["pattern"], ID_PATTERN);
        assert_eq!(v["$defs"]["Signature"]["title"], "Signature");
    }
}

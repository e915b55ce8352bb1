//! Date fields: a string, or a TOML date literal read as its ISO string.

use serde::Deserialize;

/// Part of the message refusing a TOML date-time or time in a date field.
pub const DATE_TIME_REFUSED: &str = "a date field holds a date, not a time of day";

/// Reads a date field: a string, or a TOML local date (`1932-12-03`) as its ISO string,
/// since TOML users naturally write dates unquoted. A date with a time, or a time alone, is
/// refused: a transcription dates a document by the day.
pub(super) fn date_or_string<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<String>, D::Error> {
    struct DateVisitor;
    impl<'de> serde::de::Visitor<'de> for DateVisitor {
        type Value = Option<String>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a date as a string, such as \"1932-12-03\"")
        }

        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }

        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(DateVisitor)
        }

        fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            let dt = toml::value::Datetime::deserialize(
                serde::de::value::MapAccessDeserializer::new(map),
            )?;
            match (dt.date, dt.time) {
                (Some(date), None) => Ok(Some(date.to_string())),
                _ => Err(serde::de::Error::custom(format!(
                    "`{dt}`: {DATE_TIME_REFUSED}"
                ))),
            }
        }
    }
    d.deserialize_option(DateVisitor)
}

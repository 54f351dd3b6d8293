//! What a form holds: the name/value pairs a browser submits
//! (`application/x-www-form-urlencoded`), read from a request body or made
//! from an existing document to prefill the form. Meaning is given to the
//! pairs by `submission`.
//!
//! Names: one per schema field (`fase`, `kv_sturing`, …), repeated for lists;
//! `title`, `summary`, `body`, and `slug` on new documents; a table cell is
//! `FIELD.ROW.POINT` for a distribution (`verdeling.kv_sturing.3`) and
//! `FIELD.VALUE` for a count map (`deelnemers_telling.amw`). Names starting
//! with `_` (`_token`, `_base`) belong to the editor and are not content.

use crate::config::{Config, FieldType, Kind};
use crate::content::document::Document;
use crate::content::schema::FieldValue;
use serde::{Deserialize, Serialize};
use serde_yaml_ng::{Mapping, Value};

/// The submitted pairs, in the order they came.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormValues(pub Vec<(String, String)>);

impl FormValues {
    /// Reads an `application/x-www-form-urlencoded` body (`+` is a space,
    /// `%XX` a byte; bytes that are not UTF-8 become U+FFFD).
    pub fn from_urlencoded(body: &[u8]) -> FormValues {
        FormValues(
            form_urlencoded::parse(body)
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        )
    }

    /// The pairs encoded as a request body would carry them.
    pub fn to_urlencoded(&self) -> String {
        form_urlencoded::Serializer::new(String::new())
            .extend_pairs(self.0.iter())
            .finish()
    }

    pub fn pairs(&self) -> &[(String, String)] {
        &self.0
    }

    /// Every value given for `name`, in order.
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.0
            .iter()
            .filter(move |(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The first value given for `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn push(&mut self, name: impl Into<String>, value: impl Into<String>) {
        self.0.push((name.into(), value.into()));
    }

    /// Replaces every value of `name` with one value.
    pub fn set(&mut self, name: &str, value: impl Into<String>) {
        let value = value.into();
        match self.0.iter().position(|(k, _)| k == name) {
            Some(first) => {
                self.0[first].1 = value;
                let mut i = 0;
                self.0.retain(|(k, _)| {
                    i += 1;
                    k != name || i - 1 == first
                });
            }
            None => self.push(name, value),
        }
    }
}

/// The pairs that show an existing document in its form: what a browser
/// would send back if nobody changed anything.
pub fn from_document(config: &Config, kind: &Kind, doc: &Document) -> FormValues {
    let mut values = FormValues::default();
    values.push("title", doc.title.clone());
    if let Some(summary) = &doc.summary {
        values.push("summary", summary.clone());
    }
    if doc.draft {
        values.push("draft", "true");
    }
    for field in &kind.fields {
        if let Some(value) = doc.fields.get(&field.name) {
            push_field(config, &mut values, &field.name, &field.ty, value);
        }
    }
    values.push("body", doc.body.clone());
    values
}

/// The pairs that show a file whose front matter `check` refuses, taken from
/// its YAML as written so that the form can fix it: each schema field's value
/// as text (a list item by item, a table cell by cell); what a form cannot
/// show (a nested structure where text belongs) is left out, and an edit
/// leaves it alone.
pub fn from_front_matter(config: &Config, kind: &Kind, map: &Mapping, body: &str) -> FormValues {
    let mut values = FormValues::default();
    for name in ["title", "summary"] {
        if let Some(text) = map.get(name).and_then(scalar) {
            values.push(name, text);
        }
    }
    if map.get("draft") == Some(&Value::Bool(true)) {
        values.push("draft", "true");
    }
    for field in &kind.fields {
        let Some(value) = map.get(field.name.as_str()) else {
            continue;
        };
        let name = &field.name;
        match (value, &field.ty) {
            (Value::Sequence(items), FieldType::StringList) => {
                let lines: Vec<String> = items.iter().filter_map(scalar).collect();
                values.push(name, lines.join("\n"));
            }
            (Value::Sequence(items), _) => {
                for item in items.iter().filter_map(scalar) {
                    values.push(name, item);
                }
            }
            (Value::Mapping(rows), FieldType::Distribution { .. }) => {
                let min = distribution_min(config, &field.ty);
                for (row, counts) in rows {
                    let (Some(row), Value::Sequence(counts)) = (scalar(row), counts) else {
                        continue;
                    };
                    for (i, count) in counts.iter().enumerate() {
                        if let Some(count) = scalar(count) {
                            values.push(format!("{name}.{row}.{}", min(&row) + i as i64), count);
                        }
                    }
                }
            }
            (Value::Mapping(counts), FieldType::CountMap { .. }) => {
                for (key, count) in counts {
                    if let (Some(key), Some(count)) = (scalar(key), scalar(count)) {
                        values.push(format!("{name}.{key}"), count);
                    }
                }
            }
            (value, _) => {
                if let Some(text) = scalar(value) {
                    values.push(name, text);
                }
            }
        }
    }
    values.push("body", body);
    values
}

/// A scalar as the text a form shows for it; `None` for null and collections.
fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Tagged(t) => scalar(&t.value),
        Value::Null | Value::Sequence(_) | Value::Mapping(_) => None,
    }
}

fn push_field(
    config: &Config,
    values: &mut FormValues,
    name: &str,
    ty: &FieldType,
    value: &FieldValue,
) {
    match value {
        FieldValue::Unknown => values.push(name, config.unknown.clone()),
        FieldValue::Text(s) | FieldValue::Date(s) | FieldValue::Ref(s) => values.push(name, s),
        FieldValue::Integer(n) | FieldValue::Scale(n) => values.push(name, n.to_string()),
        FieldValue::Enum(v) => values.push(name, v.value.clone()),
        FieldValue::List(items) => values.push(name, items.join("\n")),
        FieldValue::EnumList(items) => {
            for v in items {
                values.push(name, v.value.clone());
            }
        }
        FieldValue::RefList(slugs) => {
            for slug in slugs {
                values.push(name, slug.clone());
            }
        }
        FieldValue::Distribution(rows) => {
            let min = distribution_min(config, ty);
            for (row, counts) in rows {
                for (i, count) in counts.iter().enumerate() {
                    values.push(
                        format!("{name}.{row}.{}", min(row) + i as i64),
                        count.to_string(),
                    );
                }
            }
        }
        FieldValue::CountMap(counts) => {
            for (key, count) in counts {
                values.push(format!("{name}.{key}"), count.to_string());
            }
        }
    }
}

/// The first scale point of each row of a distribution field.
fn distribution_min<'a>(config: &'a Config, ty: &'a FieldType) -> impl Fn(&str) -> i64 + 'a {
    move |row| {
        let FieldType::Distribution { of_kind } = ty else {
            return 1;
        };
        match config
            .kind(of_kind)
            .and_then(|k| k.field(row))
            .map(|f| &f.ty)
        {
            Some(FieldType::Scale { min, .. }) => *min,
            _ => 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urlencoded_pairs_keep_order_and_repeats() {
        let v = FormValues::from_urlencoded(
            b"title=Een+titel&themas=a&themas=b&_token=x&body=r%C3%A9%0D%0Ax",
        );
        assert_eq!(v.get("title"), Some("Een titel"));
        assert_eq!(v.all("themas").collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(v.get("body"), Some("ré\r\nx"));
        assert_eq!(FormValues::from_urlencoded(v.to_urlencoded().as_bytes()), v);
        let bad = FormValues::from_urlencoded(b"title=%FF");
        assert_eq!(bad.get("title"), Some("\u{fffd}"));
    }

    #[test]
    fn set_replaces_every_value() {
        let mut v = FormValues::from_urlencoded(b"a=1&b=2&a=3");
        v.set("a", "9");
        assert_eq!(v.to_urlencoded(), "a=9&b=2");
        v.set("c", "x");
        assert_eq!(v.to_urlencoded(), "a=9&b=2&c=x");
    }
}

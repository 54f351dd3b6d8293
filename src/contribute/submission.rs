//! From form pairs to front-matter values: per field type, the YAML value a
//! person meant (`5` a number, one line per list item, a table a map), in the
//! order a new file lists them. Whether the values are valid is left to
//! `validate`, which runs `check`'s own code on the text they make.
//! `static/contribute.js` (`toSubmission`) does the same in the browser.

use super::patch::PatchError;
use super::values::FormValues;
use crate::config::{Config, FieldType, Kind};
use crate::content::discover::suggest_slug;
use serde_yaml_ng::{Mapping, Number, Value};

/// Names that are the document itself rather than a schema field.
pub const BUILT_IN: &[&str] = &["slug", "title", "summary", "draft", "body"];

/// A form as front matter: keys in file order (title, summary, draft, the
/// kind's fields in schema order, then any names the schema does not know),
/// the body, and for a new document its slug.
#[derive(Debug, Clone, PartialEq)]
pub struct Submission {
    pub slug: Option<String>,
    pub front_matter: Vec<(String, Value)>,
    pub body: String,
}

impl Submission {
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.front_matter
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
    }

    pub fn title(&self) -> Option<&str> {
        self.get("title").and_then(Value::as_str)
    }

    /// The file of a new document with these values (`patch::document`).
    pub fn document_text(&self) -> Result<String, PatchError> {
        super::patch::document(&self.front_matter, &self.body)
    }
}

/// Converts the pairs of a form of `kind`. `new` says whether a slug is part
/// of it; an empty slug is made from the title, as the form suggests.
pub fn submission(config: &Config, kind: &Kind, values: &FormValues, new: bool) -> Submission {
    let unknown = config.unknown.as_str();
    let mut front_matter: Vec<(String, Value)> = Vec::new();
    let mut put = |key: &str, value: Option<Value>| {
        if let Some(value) = value {
            front_matter.push((key.to_string(), value));
        }
    };
    put(
        "title",
        scalars(values.all("title").map(line), |s| s.into()),
    );
    put(
        "summary",
        scalars(values.all("summary").map(text), |s| s.into()),
    );
    put("draft", scalars(values.all("draft").map(line), draft));
    for field in &kind.fields {
        let raw: Vec<&str> = values.all(&field.name).collect();
        let value = if raw.contains(&unknown) {
            Some(Value::String(unknown.to_string()))
        } else {
            field_value(config, &field.name, &field.ty, &raw, values)
        };
        put(&field.name, value);
    }
    let mut others: Vec<&str> = Vec::new();
    for (name, _) in values.pairs() {
        let known = name.starts_with('_')
            || BUILT_IN.contains(&name.as_str())
            || kind.field(name).is_some()
            || is_cell(kind, name);
        if !known && !others.contains(&name.as_str()) {
            others.push(name);
        }
    }
    for name in others {
        put(name, scalars(values.all(name).map(line), |s| s.into()));
    }
    let slug = new.then(|| {
        let given = values.get("slug").map(line).unwrap_or_default();
        if given.is_empty() {
            let title = front_matter
                .iter()
                .find(|(k, _)| k == "title")
                .and_then(|(_, v)| v.as_str())
                .unwrap_or_default();
            suggest_slug(title)
        } else {
            given
        }
    });
    Submission {
        slug,
        front_matter,
        body: body(values.get("body").unwrap_or_default()),
    }
}

/// The keys whose values differ, in the order of `after` then `before`, with
/// `body` last: what an edit changes. Values are compared as front matter, so
/// a form saved unchanged changes nothing.
pub fn changed(before: &Submission, after: &Submission) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for (key, _) in after.front_matter.iter().chain(&before.front_matter) {
        if !keys.contains(key) && after.get(key) != before.get(key) {
            keys.push(key.clone());
        }
    }
    if after.body != before.body {
        keys.push("body".into());
    }
    keys
}

fn field_value(
    config: &Config,
    name: &str,
    ty: &FieldType,
    raw: &[&str],
    values: &FormValues,
) -> Option<Value> {
    match ty {
        FieldType::String | FieldType::Date | FieldType::Ref { .. } | FieldType::Enum(_) => {
            scalars(raw.iter().map(|s| line(s)), |s| s.into())
        }
        FieldType::Text => scalars(raw.iter().map(|s| text(s)), |s| s.into()),
        FieldType::Integer { .. } | FieldType::Scale { .. } => {
            scalars(raw.iter().map(|s| line(s)), number_or_text)
        }
        FieldType::StringList
        | FieldType::EnumList(_)
        | FieldType::RefList { .. }
        | FieldType::SourceLines => {
            let items: Vec<Value> = raw
                .iter()
                .flat_map(|s| s.split('\n'))
                .map(line)
                .filter(|s| !s.is_empty())
                .map(Value::String)
                .collect();
            (!items.is_empty()).then_some(Value::Sequence(items))
        }
        FieldType::Distribution { of_kind } => scalars(raw.iter().map(|s| line(s)), |s| s.into())
            .or_else(|| distribution(config, name, of_kind, values)),
        FieldType::CountMap { of_kind, of_field } => {
            scalars(raw.iter().map(|s| line(s)), |s| s.into())
                .or_else(|| count_map(config, name, of_kind, of_field, values))
        }
    }
}

/// No non-empty value: absent; one: that value; several: a list of them (which
/// `check` then refuses for a field that takes one value).
fn scalars(items: impl Iterator<Item = String>, make: impl Fn(String) -> Value) -> Option<Value> {
    let mut list: Vec<Value> = items.filter(|s| !s.is_empty()).map(make).collect();
    match list.len() {
        0 => None,
        1 => list.pop(),
        _ => Some(Value::Sequence(list)),
    }
}

/// One line of text: surrounding white space dropped.
fn line(s: &str) -> String {
    s.trim().to_string()
}

/// Several lines: line ends made `\n`, surrounding white space dropped.
fn text(s: &str) -> String {
    newlines(s).trim().to_string()
}

fn newlines(s: &str) -> String {
    s.replace("\r\n", "\n").replace('\r', "\n")
}

/// The body: line ends made `\n`, blank lines at the start and white space at
/// the end dropped, one final newline.
pub fn body(s: &str) -> String {
    let s = newlines(s);
    let s = s.trim_end();
    let lead = s.len() - s.trim_start().len();
    let start = s[..lead].rfind('\n').map_or(0, |i| i + 1);
    let s = &s[start..];
    if s.is_empty() {
        String::new()
    } else {
        format!("{s}\n")
    }
}

fn draft(s: String) -> Value {
    match s.as_str() {
        "true" => Value::Bool(true),
        "false" => Value::Bool(false),
        _ => Value::String(s),
    }
}

/// A whole number as a number; anything else stays text, for `check` to name.
pub fn number_or_text(s: String) -> Value {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(&s);
    let integer = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
    match s.parse::<i64>() {
        Ok(n) if integer => Value::Number(Number::from(n)),
        _ => Value::String(s),
    }
}

/// Whether `name` is a table cell of one of the kind's fields (`FIELD.…`).
fn is_cell(kind: &Kind, name: &str) -> bool {
    name.split_once('.').is_some_and(|(field, _)| {
        kind.field(field).is_some_and(|f| {
            matches!(
                f.ty,
                FieldType::Distribution { .. } | FieldType::CountMap { .. }
            )
        })
    })
}

/// The cells `FIELD.REST = value` of a table, in the order given.
fn cells<'a>(name: &'a str, values: &'a FormValues) -> impl Iterator<Item = (&'a str, &'a str)> {
    values.pairs().iter().filter_map(move |(k, v)| {
        let rest = k.strip_prefix(name)?.strip_prefix('.')?;
        Some((rest, v.as_str()))
    })
}

fn cell_value(s: &str) -> Value {
    let s = line(s);
    if s.is_empty() {
        Value::Null
    } else {
        number_or_text(s)
    }
}

/// Rows of the scale fields of `of_kind` in schema order, then rows it does
/// not have (sorted); a row is present when any of its cells is filled.
fn distribution(config: &Config, name: &str, of_kind: &str, values: &FormValues) -> Option<Value> {
    let given: Vec<(&str, &str, &str)> = cells(name, values)
        .filter_map(|(rest, v)| {
            let (row, point) = rest.rsplit_once('.')?;
            Some((row, point, v))
        })
        .collect();
    let mut map = Mapping::new();
    let scales: Vec<(&str, i64, i64)> = config
        .kind(of_kind)
        .map(|k| {
            k.fields
                .iter()
                .filter_map(|f| match f.ty {
                    FieldType::Scale { min, max, .. } => Some((f.name.as_str(), min, max)),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    let cell = |row: &str, point: &str| {
        given
            .iter()
            .find(|(r, p, _)| *r == row && *p == point)
            .map(|(_, _, v)| cell_value(v))
            .unwrap_or(Value::Null)
    };
    for (row, min, max) in &scales {
        let counts: Vec<Value> = (*min..=*max).map(|p| cell(row, &p.to_string())).collect();
        if counts.iter().any(|c| !c.is_null()) {
            map.insert(Value::String(row.to_string()), Value::Sequence(counts));
        }
    }
    let mut others: Vec<&str> = given
        .iter()
        .map(|(r, _, _)| *r)
        .filter(|r| !scales.iter().any(|(s, _, _)| s == r))
        .collect();
    others.sort_unstable();
    others.dedup();
    for row in others {
        let mut points: Vec<(i64, &str)> = given
            .iter()
            .filter(|(r, _, _)| *r == row)
            .filter_map(|(_, p, _)| Some((p.parse::<i64>().ok()?, *p)))
            .collect();
        points.sort_unstable();
        let counts: Vec<Value> = points.iter().map(|(_, p)| cell(row, p)).collect();
        if counts.iter().any(|c| !c.is_null()) {
            map.insert(Value::String(row.to_string()), Value::Sequence(counts));
        }
    }
    (!map.is_empty()).then_some(Value::Mapping(map))
}

/// The filled cells, in the order of the counted field's values, then values
/// it does not have (sorted).
fn count_map(
    config: &Config,
    name: &str,
    of_kind: &str,
    of_field: &str,
    values: &FormValues,
) -> Option<Value> {
    let allowed: Vec<&str> = match config
        .kind(of_kind)
        .and_then(|k| k.field(of_field))
        .map(|f| &f.ty)
    {
        Some(FieldType::Enum(v) | FieldType::EnumList(v)) => {
            v.iter().map(|v| v.value.as_str()).collect()
        }
        _ => Vec::new(),
    };
    let given: Vec<(&str, &str)> = cells(name, values)
        .filter(|(_, v)| !v.trim().is_empty())
        .collect();
    let mut keys: Vec<&str> = allowed
        .iter()
        .copied()
        .filter(|a| given.iter().any(|(k, _)| k == a))
        .collect();
    let mut others: Vec<&str> = given
        .iter()
        .map(|(k, _)| *k)
        .filter(|k| !allowed.contains(k))
        .collect();
    others.sort_unstable();
    others.dedup();
    keys.extend(others);
    let mut map = Mapping::new();
    for key in keys {
        let v = given.iter().find(|(k, _)| *k == key).map(|(_, v)| *v);
        map.insert(
            Value::String(key.to_string()),
            cell_value(v.unwrap_or_default()),
        );
    }
    (!map.is_empty()).then_some(Value::Mapping(map))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_become_numbers_and_the_rest_stays_text() {
        assert_eq!(number_or_text("+5".into()), Value::Number(5.into()));
        assert_eq!(number_or_text("007".into()), Value::Number(7.into()));
        for s in ["2.5", "1e3", "", "-", "99999999999999999999", "٣"] {
            assert_eq!(number_or_text(s.into()), Value::String(s.into()), "{s}");
        }
    }

    #[test]
    fn body_keeps_indentation_but_not_blank_lines_around_it() {
        assert_eq!(body("\r\n  \r\n    code\r\ntext  \n\n"), "    code\ntext\n");
        assert_eq!(body(" \n \n"), "");
        assert_eq!(body("x"), "x\n");
    }
}

//! Checking front-matter values against a kind's field declarations and turning
//! them into typed `FieldValue`s. References are only checked for form here;
//! whether their targets exist is decided by `site` once every file is known.

use crate::config::{Config, EnumValue, Field, FieldType, Kind};
use crate::content::frontmatter::describe;
use crate::content::yaml;
use serde::Serialize;
use serde_yaml_ng::Value;
use std::collections::BTreeMap;

/// A validated front-matter value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum FieldValue {
    /// The explicit "not known" value, distinct from a field that is absent.
    Unknown,
    Text(String),
    List(Vec<String>),
    Integer(i64),
    Date(String),
    Enum(EnumValue),
    EnumList(Vec<EnumValue>),
    Scale(i64),
    Ref(String),
    RefList(Vec<String>),
    Distribution(BTreeMap<String, Vec<i64>>),
    CountMap(BTreeMap<String, i64>),
}

impl FieldValue {
    /// Slugs this value points to, for reference checking and backlinks.
    pub fn refs(&self) -> Vec<&str> {
        match self {
            FieldValue::Ref(s) => vec![s.as_str()],
            FieldValue::RefList(v) => v.iter().map(String::as_str).collect(),
            _ => Vec::new(),
        }
    }
}

/// Why a value was refused: the message, an optional hint, and the list item
/// or nested key it concerns (to point at its line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub message: String,
    pub hint: Option<String>,
    pub item: Option<String>,
}

impl Problem {
    fn new(message: impl Into<String>) -> Self {
        Problem {
            message: message.into(),
            hint: None,
            item: None,
        }
    }
    fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
    fn at(mut self, item: impl Into<String>) -> Self {
        self.item = Some(item.into());
        self
    }
}

/// Validates one field's value.
pub fn check(config: &Config, field: &Field, value: &Value) -> Result<FieldValue, Problem> {
    if let Value::String(s) = value {
        if *s == config.unknown {
            return if field.allow_unknown {
                Ok(FieldValue::Unknown)
            } else {
                Err(Problem::new(format!(
                    "field '{}' may not be '{}'",
                    field.name, config.unknown
                ))
                .hint("this field must be known; give its value"))
            };
        }
    }
    let unknown_hint = if field.allow_unknown {
        format!(" (or '{}' when the sources do not say)", config.unknown)
    } else {
        String::new()
    };
    match &field.ty {
        FieldType::String | FieldType::Text => scalar_text(value)
            .map(FieldValue::Text)
            .ok_or_else(|| expected("text", value, &unknown_hint)),
        FieldType::StringList => {
            let items =
                list(value).ok_or_else(|| expected("a list of texts", value, &unknown_hint))?;
            items
                .iter()
                .map(|v| scalar_text(v).ok_or_else(|| expected("text in every item", v, "")))
                .collect::<Result<_, _>>()
                .map(FieldValue::List)
        }
        FieldType::Integer { min, max } => {
            too_big(value, *min, *max)?;
            let n =
                integer(value).ok_or_else(|| expected("a whole number", value, &unknown_hint))?;
            in_range(n, *min, *max).map(|_| FieldValue::Integer(n))
        }
        FieldType::Date => {
            let s = scalar_text(value).ok_or_else(|| expected("a date", value, &unknown_hint))?;
            match date_problem(&s) {
                None => Ok(FieldValue::Date(s)),
                Some(hint) => Err(Problem::new(format!("'{s}' is not a date")).hint(hint)),
            }
        }
        FieldType::Enum(values) => {
            let s =
                scalar_text(value).ok_or_else(|| expected("one value", value, &unknown_hint))?;
            enum_value(values, &s, &unknown_hint).map(FieldValue::Enum)
        }
        FieldType::EnumList(values) => {
            let items = list(value).ok_or_else(|| expected("a list", value, &unknown_hint))?;
            let mut out = Vec::new();
            for item in items {
                let s =
                    scalar_text(item).ok_or_else(|| expected("a value in every item", item, ""))?;
                let v = enum_value(values, &s, "").map_err(|p| p.at(s.clone()))?;
                if out.contains(&v) {
                    return Err(Problem::new(format!("'{s}' is listed twice")).at(s));
                }
                out.push(v);
            }
            Ok(FieldValue::EnumList(out))
        }
        FieldType::Scale {
            min,
            max,
            low,
            high,
        } => {
            let poles = |p: Problem| p.hint(format!("{min} = {low}, {max} = {high}{unknown_hint}"));
            too_big(value, *min, *max).map_err(poles)?;
            let n = integer(value).ok_or_else(|| expected("a score", value, &unknown_hint))?;
            in_range(n, *min, *max).map_err(poles)?;
            Ok(FieldValue::Scale(n))
        }
        FieldType::Ref { target } => {
            let s = scalar_text(value).ok_or_else(|| {
                expected(&format!("the slug of a {target}"), value, &unknown_hint)
            })?;
            Ok(FieldValue::Ref(s))
        }
        FieldType::RefList { target } => {
            let items = list(value).ok_or_else(|| {
                expected(&format!("a list of {target} slugs"), value, &unknown_hint)
            })?;
            items
                .iter()
                .map(|v| scalar_text(v).ok_or_else(|| expected("a slug in every item", v, "")))
                .collect::<Result<_, _>>()
                .map(FieldValue::RefList)
        }
        FieldType::Distribution { of_kind } => distribution(config, of_kind, value),
        FieldType::CountMap { of_kind, of_field } => count_map(config, of_kind, of_field, value),
        FieldType::SourceLines => source_lines(value),
    }
}

/// One location (`FILE: LINES`) or a list of them; whether the file and lines
/// exist is checked by `sources` once every document is parsed.
fn source_lines(value: &Value) -> Result<FieldValue, Problem> {
    let items: Vec<String> = match value {
        Value::String(s) => vec![s.clone()],
        Value::Sequence(items) => items
            .iter()
            .map(|v| scalar_text(v).ok_or_else(|| expected("text in every item", v, "")))
            .collect::<Result<_, _>>()?,
        other => return Err(expected("a location or a list of locations", other, "")),
    };
    for item in &items {
        crate::content::sources::parse(item).map_err(|why| {
            Problem::new(why)
                .hint(crate::content::sources::FORM)
                .at(item.clone())
        })?;
    }
    Ok(FieldValue::List(items))
}

fn expected(what: &str, value: &Value, unknown_hint: &str) -> Problem {
    Problem::new(format!(
        "expected {what}{unknown_hint}, found {}",
        describe(value)
    ))
}

fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => yaml::big_integer(value).map(str::to_string),
    }
}

/// A whole number beyond 64 bits is out of any field's range: say so, with the range.
fn too_big(value: &Value, min: i64, max: i64) -> Result<(), Problem> {
    match yaml::big_integer(value) {
        Some(digits) => Err(Problem::new(format!(
            "{digits} is out of range {min}..{max}"
        ))),
        None => Ok(()),
    }
}

fn list(value: &Value) -> Option<&Vec<Value>> {
    match value {
        Value::Sequence(items) => Some(items),
        _ => None,
    }
}

fn integer(value: &Value) -> Option<i64> {
    match value {
        Value::Number(n) => n.as_i64(),
        _ => None,
    }
}

fn in_range(n: i64, min: i64, max: i64) -> Result<(), Problem> {
    if n < min || n > max {
        Err(Problem::new(format!("{n} is out of range {min}..{max}")))
    } else {
        Ok(())
    }
}

fn enum_value(values: &[EnumValue], s: &str, unknown_hint: &str) -> Result<EnumValue, Problem> {
    if let Some(v) = values.iter().find(|v| v.value == s) {
        return Ok(v.clone());
    }
    let allowed: Vec<&str> = values.iter().map(|v| v.value.as_str()).collect();
    let mut hint = format!("expected one of: {}{unknown_hint}", allowed.join(", "));
    if let Some(close) = closest(s, allowed.iter().copied()) {
        hint = format!("did you mean '{close}'? {hint}");
    }
    Err(Problem::new(format!("unknown value '{s}'"))
        .hint(hint)
        .at(s))
}

/// The candidate nearest to `s`, if it is near enough to be a likely typo.
pub fn closest<'a>(s: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let lower = s.to_lowercase();
    candidates
        .map(|c| (strsim::levenshtein(&lower, &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 4))
        .min()
        .map(|(_, c)| c)
}

/// Why `s` is not a date (`2014`, `2014-04`, `2014-04-15`), as a hint; `None`
/// when it is one. The calendar (month lengths, leap years) is the `time` crate's.
fn date_problem(s: &str) -> Option<String> {
    const FORMS: &str = "write a year (2014), a month (2014-04) or a day (2014-04-15)";
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str, len: usize, lo: u16, hi: u16| {
        (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u16>().ok())
            .flatten()
            .filter(|n| (lo..=hi).contains(n))
    };
    let year = parts.first().and_then(|y| num(y, 4, 1000, 9999));
    let month = parts
        .get(1)
        .and_then(|m| num(m, 2, 1, 12))
        .and_then(|m| time::Month::try_from(m as u8).ok());
    match (parts.len(), year, month) {
        (1, Some(_), _) | (2, Some(_), Some(_)) => None,
        (3, Some(y), Some(m)) => {
            let days = m.length(i32::from(y));
            match num(parts[2], 2, 1, 31) {
                Some(d) if d <= u16::from(days) => None,
                Some(_) => Some(format!("{y}-{:02} has {days} days", m as u8)),
                None => Some(FORMS.to_string()),
            }
        }
        _ => Some(FORMS.to_string()),
    }
}

fn scale_fields(kind: &Kind) -> impl Iterator<Item = (&Field, i64, i64)> {
    kind.fields.iter().filter_map(|f| match f.ty {
        FieldType::Scale { min, max, .. } => Some((f, min, max)),
        _ => None,
    })
}

fn distribution(config: &Config, of_kind: &str, value: &Value) -> Result<FieldValue, Problem> {
    let kind = config.kind(of_kind).expect("validated in config");
    let Value::Mapping(map) = value else {
        return Err(expected("scale fields with their counts", value, ""));
    };
    let mut out = BTreeMap::new();
    for (k, v) in map {
        let name = scalar_text(k).unwrap_or_default();
        let Some((_, min, max)) = scale_fields(kind).find(|(f, _, _)| f.name == name) else {
            let names: Vec<&str> = scale_fields(kind)
                .map(|(f, _, _)| f.name.as_str())
                .collect();
            return Err(
                Problem::new(format!("'{name}' is not a scale field of {of_kind}"))
                    .hint(format!("expected one of: {}", names.join(", ")))
                    .at(name),
            );
        };
        let points = (max - min + 1) as usize;
        let counts: Option<Vec<i64>> =
            list(v).and_then(|items| items.iter().map(integer).collect());
        match counts {
            Some(c) if c.len() == points && c.iter().all(|n| *n >= 0) => {
                out.insert(name, c);
            }
            _ => {
                return Err(Problem::new(format!(
                    "'{name}' needs {points} counts, one per scale point {min}..{max}"
                ))
                .at(name))
            }
        }
    }
    Ok(FieldValue::Distribution(out))
}

fn count_map(
    config: &Config,
    of_kind: &str,
    of_field: &str,
    value: &Value,
) -> Result<FieldValue, Problem> {
    let field = config
        .kind(of_kind)
        .and_then(|k| k.field(of_field))
        .expect("validated in config");
    let values = match &field.ty {
        FieldType::Enum(v) | FieldType::EnumList(v) => v,
        _ => unreachable!("validated in config"),
    };
    let Value::Mapping(map) = value else {
        return Err(expected("values with their counts", value, ""));
    };
    let mut out = BTreeMap::new();
    for (k, v) in map {
        let name = scalar_text(k).unwrap_or_default();
        enum_value(values, &name, "")?;
        match integer(v) {
            Some(n) if n >= 0 => {
                out.insert(name, n);
            }
            _ => return Err(expected("a count of zero or more", v, "").at(name)),
        }
    }
    Ok(FieldValue::CountMap(out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn config() -> Config {
        crate::config::parse(
            Path::new("/s"),
            r#"
[site]
title = "T"
base_url = "https://example.org/"
[kinds.fs]
label = "F"
plural = "Fs"
folder = "fs"
template = "t.html"
url = "fs/{slug}.html"
[[kinds.fs.fields]]
name = "fase"
label = "Fase"
type = "enum"
allow_unknown = true
values = [{ value = "experiment", label = "Experiment" }, { value = "uitrol", label = "Uitrol" }]
[[kinds.fs.fields]]
name = "score"
label = "Score"
type = "scale"
low = "sterk"
high = "zwak"
"#,
        )
        .unwrap()
    }

    fn val(s: &str) -> Value {
        serde_yaml_ng::from_str(s).unwrap()
    }

    #[test]
    fn unknown_value_is_distinct_and_only_where_allowed() {
        let c = config();
        let kind = c.kind("fs").unwrap();
        assert_eq!(
            check(&c, kind.field("fase").unwrap(), &val("onbekend")),
            Ok(FieldValue::Unknown)
        );
        let p = check(&c, kind.field("score").unwrap(), &val("onbekend")).unwrap_err();
        assert_eq!(p.message, "field 'score' may not be 'onbekend'");
    }

    #[test]
    fn enum_typo_suggests_and_lists_allowed_values() {
        let c = config();
        let p = check(
            &c,
            c.kind("fs").unwrap().field("fase").unwrap(),
            &val("uitrrol"),
        )
        .unwrap_err();
        assert_eq!(p.message, "unknown value 'uitrrol'");
        assert_eq!(p.hint.unwrap(), "did you mean 'uitrol'? expected one of: experiment, uitrol (or 'onbekend' when the sources do not say)");
    }

    #[test]
    fn scale_out_of_range_names_the_poles() {
        let c = config();
        let p = check(&c, c.kind("fs").unwrap().field("score").unwrap(), &val("6")).unwrap_err();
        assert_eq!(p.message, "6 is out of range 1..5");
        assert_eq!(p.hint.unwrap(), "1 = sterk, 5 = zwak");
    }

    #[test]
    fn dates() {
        for ok in ["2014", "2014-04", "2014-04-30", "2016-02-29", "2000-02-29"] {
            assert_eq!(date_problem(ok), None, "{ok}");
        }
        assert_eq!(date_problem("2014-02-30").unwrap(), "2014-02 has 28 days");
        assert_eq!(date_problem("2015-02-29").unwrap(), "2015-02 has 28 days");
        assert_eq!(date_problem("1900-02-29").unwrap(), "1900-02 has 28 days");
        assert_eq!(date_problem("2014-04-31").unwrap(), "2014-04 has 30 days");
        for bad in [
            "2014-13",
            "voorjaar 2014",
            "2014-00",
            "2014-4",
            "2014-04-00",
            "2014-04-15-1",
            "",
        ] {
            assert!(
                date_problem(bad).unwrap().starts_with("write a year"),
                "{bad}"
            );
        }
    }
}

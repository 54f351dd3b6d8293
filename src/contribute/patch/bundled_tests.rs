//! The patcher on the bundled knowledge base: every document round-trips byte
//! for byte, and an edit of one field of each schema type changes only that
//! field's lines.

use super::*;
use crate::config::{self, Config, FieldType, Kind};
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every bundled document with its kind, in a stable order.
fn documents(config: &Config) -> Vec<(PathBuf, &Kind, String)> {
    let mut docs = Vec::new();
    for kind in &config.kinds {
        let dir = root().join("content").join(&kind.folder);
        let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "md"))
            .collect();
        paths.sort();
        for path in paths {
            let text = std::fs::read_to_string(&path).unwrap();
            docs.push((path, kind, text));
        }
    }
    docs
}

fn order(kind: &Kind) -> Vec<&str> {
    ["title", "summary"]
        .into_iter()
        .chain(kind.fields.iter().map(|f| f.name.as_str()))
        .collect()
}

fn config() -> Config {
    config::load(&root()).unwrap()
}

#[test]
fn every_bundled_document_saved_unchanged_keeps_its_bytes() {
    let config = config();
    let docs = documents(&config);
    assert!(docs.len() >= 200, "only {} documents", docs.len());
    for (path, kind, text) in &docs {
        let parts = Parts::of(text).unwrap();
        let edits: Vec<Edit> = read_mapping(parts.yaml)
            .unwrap()
            .into_iter()
            .map(|(k, v)| Edit::Set(k.as_str().unwrap().to_string(), v))
            .chain([Edit::Body(parts.body.to_string())])
            .collect();
        let out = apply(text, &edits, &order(kind)).unwrap();
        assert!(&out == text, "{} changed", path.display());
    }
}

/// Skips the "same value, no change" shortcut: each bundled value written anew
/// in its old style must give its old text, which tests the writer on real data.
#[test]
fn every_bundled_value_written_anew_in_its_style_gives_its_old_text() {
    let config = config();
    let mut rewritten = 0;
    for (path, _, text) in documents(&config) {
        let yaml = Parts::of(&text).unwrap().yaml;
        let map = read_mapping(yaml).unwrap();
        let root = layout::parse(yaml).unwrap().unwrap();
        for entry in root.block_entries().unwrap() {
            let value = map.get(entry.key.as_str()).unwrap();
            let out = splice::replace(yaml, entry, value, "\n").unwrap();
            assert!(out == yaml, "{} `{}`:\n{out}", path.display(), entry.key);
            rewritten += 1;
        }
    }
    assert!(rewritten > 1400, "{rewritten}");
}

/// Line numbers (0-based, end exclusive) of `key`'s lines in the document.
fn key_lines(text: &str, key: &str) -> std::ops::Range<usize> {
    let parts = Parts::of(text).unwrap();
    let root = layout::parse(parts.yaml).unwrap().unwrap();
    let entry = root
        .block_entries()
        .unwrap()
        .iter()
        .find(|e| e.key == key)
        .unwrap();
    let r = splice::region(parts.yaml, entry).unwrap();
    let line = |pos: usize| text[..parts.yaml_start + pos].matches('\n').count();
    line(r.start)..line(r.end)
}

/// Asserts that `after` differs from `before` only inside `key`'s lines.
fn assert_only_lines_of(before: &str, after: &str, key: &str) {
    let (old, new) = (key_lines(before, key), key_lines(after, key));
    let a: Vec<&str> = before.split_inclusive('\n').collect();
    let b: Vec<&str> = after.split_inclusive('\n').collect();
    assert_eq!(
        a[..old.start],
        b[..new.start],
        "lines before `{key}` changed"
    );
    assert_eq!(a[old.end..], b[new.end..], "lines after `{key}` changed");
    assert_ne!(a[old], b[new], "`{key}` did not change");
}

/// A different value of the field's type, valid for its schema.
fn another(ty: &FieldType, old: &Value, unknown: &str) -> Value {
    let s = |t: &str| Value::String(t.into());
    if old.as_str() == Some(unknown) {
        return match ty {
            FieldType::Scale { .. } | FieldType::Integer { .. } => Value::from(3),
            FieldType::EnumList(values) => Value::Sequence(vec![s(&values[0].value)]),
            FieldType::Enum(values) => s(&values[0].value),
            FieldType::StringList | FieldType::RefList { .. } => Value::Sequence(vec![s("nieuw")]),
            _ => s("Nu wel bekend"),
        };
    }
    match (ty, old) {
        (FieldType::String | FieldType::Ref { .. }, Value::String(t)) => s(&format!("{t}-2")),
        // A source location: one file name, or a list of `FILE: LINES`.
        (FieldType::SourceLines, Value::String(t)) => s(&format!("{t}: 1")),
        (FieldType::SourceLines, Value::Sequence(items)) => {
            let mut items = items.clone();
            items.push(s("002_2696610796d0feb7.txt: 1-2"));
            Value::Sequence(items)
        }
        (FieldType::Text, _) => s("Eerste regel: met dubbele punt.\nTweede regel #2.\n"),
        (FieldType::Integer { .. } | FieldType::Scale { .. }, Value::Number(n)) => {
            let n = n.as_i64().unwrap();
            Value::from(if n > 1 { n - 1 } else { n + 1 })
        }
        (FieldType::Date, _) => s("2015-03"),
        (FieldType::Enum(values), _) => {
            let other = values
                .iter()
                .find(|v| Some(v.value.as_str()) != old.as_str());
            s(&other.unwrap().value)
        }
        (
            FieldType::EnumList(_) | FieldType::StringList | FieldType::RefList { .. },
            Value::Sequence(items),
        ) => {
            let mut items = items.clone();
            if items.len() > 1 {
                items.remove(0);
            } else {
                items.push(s("nog een: met 'quotes'"));
            }
            Value::Sequence(items)
        }
        (FieldType::Distribution { .. } | FieldType::CountMap { .. }, Value::Mapping(map)) => {
            let mut map = map.clone();
            let (k, v) = map
                .iter()
                .last()
                .map(|(k, v)| (k.clone(), v.clone()))
                .unwrap();
            let changed = match v {
                Value::Sequence(mut counts) => {
                    counts[0] = Value::from(counts[0].as_i64().unwrap() + 1);
                    Value::Sequence(counts)
                }
                n => Value::from(n.as_i64().unwrap() + 1),
            };
            map.insert(k, changed);
            Value::Mapping(map)
        }
        other => panic!("no other value for {other:?}"),
    }
}

#[test]
fn one_field_edited_changes_only_that_fields_lines_for_every_field_type() {
    let config = config();
    let docs = documents(&config);
    let mut covered = std::collections::BTreeSet::new();
    for (path, kind, text) in &docs {
        let map = read_mapping(Parts::of(text).unwrap().yaml).unwrap();
        for field in &kind.fields {
            let Some(old) = map.get(field.name.as_str()) else {
                continue;
            };
            let unknown = old.as_str() == Some(config.unknown.as_str());
            let label = format!(
                "{}{}",
                field.ty.name(),
                if unknown { " onbekend" } else { "" }
            );
            if !covered.insert(label.clone()) {
                continue;
            }
            let new = another(&field.ty, old, &config.unknown);
            let edit = [Edit::Set(field.name.clone(), new.clone())];
            let out = apply(text, &edit, &order(kind)).unwrap();
            assert_only_lines_of(text, &out, &field.name);
            assert_eq!(
                read_mapping(Parts::of(&out).unwrap().yaml)
                    .unwrap()
                    .get(field.name.as_str()),
                Some(&new)
            );
            if matches!(
                field.ty,
                FieldType::Distribution { .. } | FieldType::CountMap { .. }
            ) {
                let changed = text
                    .lines()
                    .zip(out.lines())
                    .filter(|(a, b)| a != b)
                    .count();
                assert_eq!(changed, 1, "{label} in {}:\n{out}", path.display());
            }
            // And back to onbekend, which every allow_unknown field accepts.
            if field.allow_unknown && !unknown {
                let edit = [Edit::Set(
                    field.name.clone(),
                    Value::String(config.unknown.clone()),
                )];
                let out = apply(text, &edit, &order(kind)).unwrap();
                assert_only_lines_of(text, &out, &field.name);
                covered.insert(format!("{} to onbekend", field.ty.name()));
            }
        }
    }
    let types = [
        "string",
        "text",
        "string_list",
        "integer",
        "date",
        "enum",
        "enum_list",
        "scale",
        "ref",
        "ref_list",
        "distribution",
        "count_map",
        "source_lines",
    ];
    // The bundled factsheets give their enum lists (deelnemers, doelen) only as
    // onbekend, since the sources list them per municipality nowhere; editing
    // such a field from onbekend writes a list all the same.
    for ty in types {
        assert!(
            covered.contains(ty) || covered.contains(&format!("{ty} onbekend")),
            "no bundled document has a {ty} field: {covered:?}"
        );
    }
    assert!(
        covered.iter().filter(|c| c.contains("onbekend")).count() >= 4,
        "{covered:?}"
    );
}

//! `kennisbank new KIND SLUG`: a new document with every required field of the
//! kind's schema filled (from `--set`, or a valid placeholder with the allowed
//! values in a comment) and the optional fields listed as comments.

use crate::config::{is_slug, Config, Field, FieldType, Kind};
use crate::discover::{suggest_slug, SourceFile};
use crate::document;
use anyhow::{bail, Result};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Builds the text of a new document; pure, so it can be tested without a disk.
/// `existing` lists slugs per kind, to fill reference fields with a real target.
pub fn template(
    config: &Config,
    kind: &Kind,
    slug: &str,
    sets: &BTreeMap<String, String>,
    existing: &BTreeMap<String, Vec<String>>,
    year: i32,
) -> Result<String> {
    if !is_slug(slug) {
        bail!("'{slug}' is not a valid slug; try '{}'", suggest_slug(slug));
    }
    for key in sets.keys() {
        if !matches!(key.as_str(), "title" | "summary") && kind.field(key).is_none() {
            let names: Vec<&str> = kind.fields.iter().map(|f| f.name.as_str()).collect();
            bail!(
                "--set {key}: kind {} has no field '{key}'; its fields: title, summary, {}",
                kind.name,
                names.join(", ")
            );
        }
    }
    let mut out = String::from("---\n");
    let title = sets
        .get("title")
        .cloned()
        .unwrap_or_else(|| title_from_slug(slug));
    out.push_str(&format!("title: {}\n", yaml_string(&title)));
    match sets.get("summary") {
        Some(s) => out.push_str(&format!("summary: {}\n", yaml_string(s))),
        None => out.push_str("# summary: \"Eén of twee zinnen.\"\n"),
    }
    for field in &kind.fields {
        let comment = describe(config, field);
        if let Some(value) = sets.get(&field.name) {
            out.push_str(&format!("{}: {value}{comment}\n", field.name));
        } else if field.required {
            let value = placeholder(config, field, existing, year)?;
            out.push_str(&format!("{}: {value}{comment}\n", field.name));
        } else {
            out.push_str(&format!("# {}:{comment}\n", field.name));
        }
    }
    out.push_str("---\n\nSchrijf hier de tekst. Verwijs naar andere documenten met `[[slug]]`.\n");
    Ok(out)
}

fn title_from_slug(slug: &str) -> String {
    let mut t = slug.replace('-', " ");
    if let Some(first) = t.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    t
}

fn yaml_string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn describe(config: &Config, field: &Field) -> String {
    let mut parts = vec![field.label.clone()];
    match &field.ty {
        FieldType::Enum(values) | FieldType::EnumList(values) => parts.push(format!(
            "one of: {}",
            values
                .iter()
                .map(|v| v.value.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )),
        FieldType::Scale {
            min,
            max,
            low,
            high,
        } => parts.push(format!("{min} = {low} … {max} = {high}")),
        FieldType::Integer { min, max } if *min > i64::MIN => parts.push(format!("{min}..{max}")),
        FieldType::Ref { target } => parts.push(format!("slug of a {target}")),
        FieldType::RefList { target } => parts.push(format!("list of {target} slugs")),
        FieldType::Date => parts.push("2014, 2014-04 or 2014-04-15".into()),
        _ => {}
    }
    if field.allow_unknown {
        parts.push(format!("'{}' if not known", config.unknown));
    }
    if field.required {
        parts.push("required".into());
    }
    format!("  # {}", parts.join("; "))
}

fn placeholder(
    config: &Config,
    field: &Field,
    existing: &BTreeMap<String, Vec<String>>,
    year: i32,
) -> Result<String> {
    if field.allow_unknown {
        return Ok(config.unknown.clone());
    }
    let first_of = |target: &str| -> Result<String> {
        existing
            .get(target)
            .and_then(|v| v.first())
            .cloned()
            .ok_or_else(|| {
                anyhow::anyhow!(
                    "field '{}' must refer to a {target}, and none exists yet; pass --set {}=SLUG",
                    field.name,
                    field.name
                )
            })
    };
    Ok(match &field.ty {
        FieldType::String | FieldType::Text => "\"\"".into(),
        FieldType::StringList => "[]".into(),
        FieldType::Integer { min, max } => (year as i64).clamp(*min, *max).to_string(),
        FieldType::Date => format!("\"{year}\""),
        FieldType::Enum(values) => values[0].value.clone(),
        FieldType::EnumList(_) => "[]".into(),
        FieldType::Scale { min, max, .. } => ((min + max) / 2).to_string(),
        FieldType::Ref { target } => first_of(target)?,
        FieldType::RefList { target } => format!("[{}]", first_of(target)?),
        FieldType::Distribution { .. } | FieldType::CountMap { .. } => "{}".into(),
    })
}

/// Writes the new document under `content/<folder>/<slug>.md` after checking it
/// parses cleanly; never overwrites. Returns the path written.
pub fn create(
    config: &Config,
    kind_name: &str,
    slug: &str,
    sets: &BTreeMap<String, String>,
    year: i32,
) -> Result<PathBuf> {
    let Some(kind) = config.kind(kind_name) else {
        bail!(
            "unknown kind '{kind_name}'; declared kinds: {}",
            config.kind_names()
        );
    };
    let found = crate::discover::discover(config);
    if let Some(other) = found.documents.iter().find(|d| d.slug == slug) {
        bail!(
            "slug '{slug}' is already used by {}",
            other.display.display()
        );
    }
    let mut existing: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for doc in &found.documents {
        existing
            .entry(doc.kind.clone())
            .or_default()
            .push(doc.slug.clone());
    }
    let text = template(config, kind, slug, sets, &existing, year)?;
    let rel = PathBuf::from(&kind.folder).join(format!("{slug}.md"));
    let source = SourceFile {
        display: PathBuf::from("content").join(&rel),
        rel: rel.clone(),
        kind: kind.name.clone(),
        slug: slug.into(),
        text: text.clone(),
    };
    let (_, diagnostics) = document::parse(config, &source);
    if let Some(first) = diagnostics.first() {
        bail!("the new document would not be valid: {first}");
    }
    let path = config.content_dir.join(&rel);
    crate::fs::create_new(&path, text.as_bytes())?;
    Ok(path)
}

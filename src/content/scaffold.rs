//! `kennisbank new KIND SLUG`: a new document with every required field of the
//! kind's schema filled (from `--set`, or a valid placeholder with the allowed
//! values in a comment) and the optional fields listed as comments.

use crate::config::names::{is_slug, suggest_slug};
use crate::config::{Config, Field, FieldType, Kind};
use crate::content::discover::SourceFile;
use crate::content::document;
use anyhow::{bail, Result};
use std::collections::BTreeMap;
use std::path::PathBuf;

mod refs;

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
        FieldType::SourceLines => "[]".into(),
    })
}

/// Writes the new document under `content/<folder>/<slug>.md` after checking it
/// parses cleanly; never overwrites. Returns the path written.
///
/// For the compared kind (factsheets) with the subject and round set, the new
/// document starts from that subject's latest earlier document, with the round,
/// date and title updated, so an editor only changes what changed. The slug then
/// defaults to `<subject>-<round>`.
pub fn create(
    config: &Config,
    kind_name: &str,
    slug: Option<&str>,
    sets: &BTreeMap<String, String>,
    year: i32,
) -> Result<PathBuf> {
    let Some(kind) = config.kind(kind_name) else {
        bail!(
            "unknown kind '{kind_name}'; declared kinds: {}",
            config.kind_names()
        );
    };
    let found = crate::content::discover::discover(config);
    let continuation = continuation(config, kind, sets, slug.is_some(), &found.documents)?;
    let slug = match (slug, &continuation) {
        (Some(s), _) => s.to_string(),
        (None, Some(c)) => c.slug.clone(),
        (None, None) => bail!("give a SLUG: the file name without .md, e.g. 'zaanstad-2015'"),
    };
    if let Some(other) = found.documents.iter().find(|d| d.slug == slug) {
        bail!(
            "slug '{slug}' is already used by {}",
            other.display.display()
        );
    }
    let text = match continuation {
        Some(c) => c.text,
        None => {
            let mut existing: BTreeMap<String, Vec<String>> = BTreeMap::new();
            for doc in &found.documents {
                existing
                    .entry(doc.kind.clone())
                    .or_default()
                    .push(doc.slug.clone());
            }
            template(config, kind, &slug, sets, &existing, year)?
        }
    };
    let rel = PathBuf::from(&kind.folder).join(format!("{slug}.md"));
    let source = SourceFile {
        display: PathBuf::from("content").join(&rel),
        rel: rel.clone(),
        kind: kind.name.clone(),
        slug: slug.clone(),
        text: text.clone(),
    };
    let (parsed, diagnostics) = document::parse(config, &source);
    if let Some(first) = diagnostics.first() {
        bail!("the new document would not be valid: {first}");
    }
    if let Some(doc) = parsed {
        refs::check(kind, &doc, &found.documents)?;
    }
    let path = config.content_dir.join(&rel);
    crate::fs::create_new(&path, text.as_bytes())?;
    Ok(path)
}

/// A new round's document made from the subject's latest earlier one.
struct Continuation {
    slug: String,
    text: String,
}

/// `None` when the kind is not compared, the subject or round is not set, or
/// (with a SLUG given) the subject has no earlier document: start empty then.
fn continuation(
    config: &Config,
    kind: &Kind,
    sets: &BTreeMap<String, String>,
    slug_given: bool,
    documents: &[SourceFile],
) -> Result<Option<Continuation>> {
    let Some(compare) = config.compare.as_ref().filter(|c| c.kind == kind.name) else {
        return Ok(None);
    };
    let (Some(subject), Some(round)) = (sets.get(&compare.subject), sets.get(&compare.round))
    else {
        return Ok(None);
    };
    let round: i64 = round
        .parse()
        .map_err(|_| anyhow::anyhow!("--{} {round}: expected a year", compare.round))?;
    let mut earlier: Vec<(i64, &SourceFile, crate::content::document::Document)> = documents
        .iter()
        .filter(|d| d.kind == kind.name)
        .filter_map(|d| {
            let (doc, _) = document::parse(config, d);
            let doc = doc?;
            let same_subject = doc.fields.get(&compare.subject)
                == Some(&crate::content::schema::FieldValue::Ref(subject.clone()));
            match doc.fields.get(&compare.round) {
                Some(crate::content::schema::FieldValue::Integer(r))
                    if same_subject && *r < round =>
                {
                    Some((*r, d, doc))
                }
                _ => None,
            }
        })
        .collect();
    earlier.sort_by_key(|(r, d, _)| (*r, d.slug.clone()));
    let Some((_, source, previous)) = earlier.pop() else {
        if slug_given {
            return Ok(None);
        }
        bail!(
            "{subject} has no {} before {round} to start from; give a SLUG to start an empty one",
            kind.label.to_lowercase()
        );
    };
    let split = crate::content::frontmatter::split(&source.display, &source.text)
        .map_err(|d| anyhow::anyhow!("{d}"))?;
    // The note on where this one came from replaces the previous one's.
    let mut yaml: String = split
        .yaml
        .lines()
        .filter(|line| !line.starts_with(CONTINUED_FROM))
        .map(|line| format!("{line}\n"))
        .collect();
    let title = retitle(kind, &previous, sets).replace(
        &previous_round(&previous, &compare.round),
        &round.to_string(),
    );
    yaml = set_top_level(&yaml, "title", &yaml_string(&title));
    yaml = set_top_level(&yaml, &compare.round, &round.to_string());
    if let Some(date_field) = &kind.date_field {
        yaml = set_top_level(&yaml, date_field, &format!("\"{round}\""));
    }
    for (key, value) in sets {
        if key != &compare.subject && key != &compare.round {
            yaml = set_top_level(&yaml, key, value);
        }
    }
    let slug = format!("{subject}-{round}");
    let text = format!(
        "---\n{CONTINUED_FROM} {}: werk bij wat sinds meetronde {} veranderd is.\n{yaml}---\n\nWat is er veranderd sinds [[{}]]?\n",
        source.display.display(),
        previous_round(&previous, &compare.round),
        previous.slug
    );
    Ok(Some(Continuation { slug, text }))
}

/// The comment a continued document starts with.
const CONTINUED_FROM: &str = "# Overgenomen uit";

/// The previous title with each enum value that `sets` changes (and its label)
/// replaced by the new one: "Zaanstad 2014 (eenmeting)" with `--meetmoment
/// tweemeting` becomes "Zaanstad 2014 (tweemeting)".
fn retitle(
    kind: &Kind,
    previous: &crate::content::document::Document,
    sets: &BTreeMap<String, String>,
) -> String {
    let mut title = previous.title.clone();
    for (key, value) in sets {
        let Some(FieldType::Enum(values)) = kind.field(key).map(|f| &f.ty) else {
            continue;
        };
        let old = match previous.fields.get(key) {
            Some(crate::content::schema::FieldValue::Enum(old)) => old,
            _ => continue,
        };
        if let Some(new) = values.iter().find(|v| &v.value == value) {
            title = title.replace(&old.value, &new.value);
            title = title.replace(&old.label, &new.label);
        }
    }
    title
}

fn previous_round(doc: &crate::content::document::Document, field: &str) -> String {
    match doc.fields.get(field) {
        Some(crate::content::schema::FieldValue::Integer(r)) => r.to_string(),
        _ => String::new(),
    }
}

/// Replaces a top-level `key:` (with any indented lines under it) by `key: value`,
/// or appends it when absent. Comments and other keys stay as they were.
pub fn set_top_level(yaml: &str, key: &str, value: &str) -> String {
    let mut out = String::new();
    let mut replaced = false;
    let mut skipping = false;
    for line in yaml.lines() {
        if skipping && (line.starts_with(' ') || line.starts_with('\t') || line.starts_with("- ")) {
            continue;
        }
        skipping = false;
        let is_key = line
            .strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with(':'));
        if is_key && !replaced {
            out.push_str(&format!("{key}: {value}\n"));
            replaced = true;
            skipping = true;
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    if !replaced {
        out.push_str(&format!("{key}: {value}\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_top_level_replaces_lists_and_keeps_the_rest() {
        let yaml = "title: \"A\"\ndeelnemers:\n  - amw\n  - mee\nfase: uitrol # kept\n";
        assert_eq!(
            set_top_level(yaml, "deelnemers", "[ggz]"),
            "title: \"A\"\ndeelnemers: [ggz]\nfase: uitrol # kept\n"
        );
        assert_eq!(set_top_level("a: 1\n", "b", "2"), "a: 1\nb: 2\n");
    }
}

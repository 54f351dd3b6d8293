//! From a `SourceFile` to a `Document`: front matter checked against the kind's
//! schema, the Markdown body kept for `markdown` to render once all slugs are known.
//! Pure: takes text, returns the document and its diagnostics.

use crate::config::{Config, FieldType, Kind};
use crate::content::discover::SourceFile;
use crate::content::fields::{Fields, RefPositions};
use crate::content::frontmatter::{self, describe, FrontMatter};
use crate::content::schema::{self, FieldValue};
use crate::diagnostics::controls;
use crate::diagnostics::Diagnostic;
use crate::fs::spill::{Blob, Spill};
use serde_yaml_ng::Value;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// A parsed document whose front matter matches its kind's schema.
#[derive(Debug, Clone)]
pub struct Document {
    pub kind: String,
    pub slug: String,
    pub display: PathBuf,
    /// Path relative to `content/`.
    pub rel: PathBuf,
    pub title: String,
    pub summary: Option<String>,
    pub draft: bool,
    pub fields: Fields,
    /// For each field holding references or source locations: the position of
    /// each referenced slug or location (`sources` checks the latter).
    pub ref_positions: RefPositions,
    /// Empty while the body is in a one-shot build's scratch file (`spill_body`).
    pub body: String,
    pub body_line: usize,
    /// Where `spill_body` put the body, until the site reads it back to render it.
    pub spilled_body: Option<Blob>,
}

impl Document {
    /// Moves the body to `spill` (a one-shot build holds every document
    /// from parsing until its body is rendered).
    pub fn spill_body(&mut self, spill: &Spill) -> anyhow::Result<()> {
        self.spilled_body = Some(spill.put(self.body.as_bytes())?);
        self.body = String::new();
        Ok(())
    }

    /// Reads back the body `spill_body` moved to `spill`.
    pub fn unspill_body(&mut self, spill: &Spill) -> anyhow::Result<()> {
        if let Some(blob) = self.spilled_body.take() {
            self.body = String::from_utf8(spill.get(blob)?)?;
        }
        Ok(())
    }
}

/// `parse`, for a one-shot build: the document's body goes to `spill` and
/// the file's text is dropped, unless the file did not parse (its body is
/// then checked from the text, `body_only`). A body that cannot be written
/// there is an error of its file.
pub fn parse_spilled(
    config: &Config,
    source: &mut SourceFile,
    spill: &Spill,
) -> (Option<Document>, Vec<Diagnostic>) {
    let (mut doc, mut diagnostics) = parse(config, source);
    if let Some(d) = doc.as_mut() {
        match d.spill_body(spill) {
            Ok(()) => source.text = String::new(),
            Err(err) => {
                diagnostics.push(Diagnostic::error(&source.display, 0, 0, format!("{err:#}")));
                doc = None;
            }
        }
    }
    (doc, diagnostics)
}

/// Parses one file. A document is returned only when it has no errors.
pub fn parse(config: &Config, source: &SourceFile) -> (Option<Document>, Vec<Diagnostic>) {
    let path = &source.display;
    let kind = config
        .kind(&source.kind)
        .expect("discover assigns declared kinds");
    let split = match frontmatter::split(path, &source.text) {
        Ok(s) => s,
        Err(d) => return (None, vec![d]),
    };
    let fm = match frontmatter::parse(path, &split) {
        Ok(fm) => fm,
        Err(d) => return (None, vec![d]),
    };
    let mut diagnostics = Vec::new();
    let mut title = None;
    let mut summary = None;
    let mut draft = false;
    let mut fields = BTreeMap::new();
    let mut ref_positions = BTreeMap::new();
    for (key, value) in &fm.map {
        let Value::String(key) = key else {
            let (line, col) = (split.yaml_line, 1);
            diagnostics.push(Diagnostic::error(
                path,
                line,
                col,
                format!("field name must be text, found {}", describe(key)),
            ));
            continue;
        };
        let (line, col) = fm.value_position(key);
        if let Some(c) = forbidden_in(value) {
            diagnostics.push(
                Diagnostic::error(
                    path,
                    line,
                    col,
                    format!("{key}: {} is not allowed", controls::describe(c)),
                )
                .with_hint(
                    "remove it: it may be written as an escape in quotes (`\\e`, `\\x1b`, \
                     `\\u001b`, `\\r`) or pasted in invisibly",
                ),
            );
            continue;
        }
        match key.as_str() {
            "title" => match value {
                Value::String(s) if !s.trim().is_empty() => title = Some(s.trim().to_string()),
                other => diagnostics.push(Diagnostic::error(
                    path,
                    line,
                    col,
                    format!("title must be non-empty text, found {}", describe(other)),
                )),
            },
            "summary" => match value {
                Value::String(s) => summary = Some(s.trim().to_string()),
                other => diagnostics.push(Diagnostic::error(
                    path,
                    line,
                    col,
                    format!("summary must be text, found {}", describe(other)),
                )),
            },
            "draft" => match value {
                Value::Bool(b) => draft = *b,
                other => diagnostics.push(Diagnostic::error(
                    path,
                    line,
                    col,
                    format!("draft must be true or false, found {}", describe(other)),
                )),
            },
            _ => match kind.field(key) {
                None => diagnostics.push(unknown_key(path, kind, key, fm.key_position(key))),
                Some(field) => match schema::check(config, field, value) {
                    Ok(v) => {
                        let items = match (&field.ty, &v) {
                            (FieldType::SourceLines, FieldValue::List(items)) => {
                                items.iter().map(String::as_str).collect()
                            }
                            _ => v.refs(),
                        };
                        let refs: Vec<(String, usize, usize)> = items
                            .into_iter()
                            .map(|slug| {
                                let (l, c) = item_or_value(&fm, key, slug);
                                (slug.to_string(), l, c)
                            })
                            .collect();
                        if !refs.is_empty() {
                            ref_positions.insert(key.clone(), refs);
                        }
                        fields.insert(key.clone(), v);
                    }
                    Err(problem) => {
                        let (line, col) = match &problem.item {
                            Some(item) => fm.item_position(key, item),
                            None => (line, col),
                        };
                        let mut d = Diagnostic::error(
                            path,
                            line,
                            col,
                            format!("{}: {}", key, problem.message),
                        );
                        if let Some(hint) = problem.hint {
                            d = d.with_hint(hint);
                        }
                        diagnostics.push(d);
                    }
                },
            },
        }
    }
    if title.is_none() && !fm.map.contains_key("title") {
        diagnostics.push(
            Diagnostic::error(path, split.yaml_line, 1, "missing required field 'title'")
                .with_hint("add `title: \"…\"` to the front matter"),
        );
    }
    for field in kind.fields.iter().filter(|f| f.required) {
        if !fm.map.contains_key(field.name.as_str()) {
            let hint = if field.allow_unknown {
                format!(
                    "add `{}: …`, or `{}: {}` when the sources do not say",
                    field.name, field.name, config.unknown
                )
            } else {
                format!("add `{}: …` ({})", field.name, field.label)
            };
            diagnostics.push(
                Diagnostic::error(
                    path,
                    split.yaml_line,
                    1,
                    format!("missing required field '{}'", field.name),
                )
                .with_hint(hint),
            );
        }
    }
    if !diagnostics.is_empty() {
        return (None, diagnostics);
    }
    let doc = Document {
        kind: kind.name.clone(),
        slug: source.slug.clone(),
        display: source.display.clone(),
        rel: source.rel.clone(),
        title: title.unwrap_or_default(),
        summary: summary.filter(|s| !s.is_empty()),
        draft,
        fields: fields.into(),
        ref_positions: ref_positions.into(),
        body: split.body.to_string(),
        body_line: split.body_line,
        spilled_body: None,
    };
    (Some(doc), diagnostics)
}

/// The first character of a parsed value (keys and items included) that may
/// not appear in a value; escapes in quoted YAML make them without raw bytes.
pub fn forbidden_in(value: &Value) -> Option<char> {
    match value {
        Value::String(s) => controls::find(s, controls::is_forbidden_in_value).map(|(_, c)| c),
        Value::Sequence(items) => items.iter().find_map(forbidden_in),
        Value::Mapping(map) => map
            .iter()
            .find_map(|(k, v)| forbidden_in(k).or_else(|| forbidden_in(v))),
        Value::Tagged(t) => forbidden_in(&t.value),
        Value::Null | Value::Bool(_) | Value::Number(_) => None,
    }
}

/// The body of a file whose front matter has errors, as a document with only
/// its identity and body, so that the body's own problems (broken links, raw
/// HTML, images without alt text) are reported in the same run. When the front
/// matter is not even closed there is no body to tell apart: the body is empty.
pub fn body_only(source: &SourceFile) -> Document {
    let (body, body_line) = match frontmatter::split(&source.display, &source.text) {
        Ok(split) => (split.body.to_string(), split.body_line),
        Err(_) => (String::new(), 1),
    };
    Document {
        kind: source.kind.clone(),
        slug: source.slug.clone(),
        display: source.display.clone(),
        rel: source.rel.clone(),
        title: source.slug.clone(),
        summary: None,
        draft: false,
        fields: Fields::default(),
        ref_positions: RefPositions::default(),
        body,
        body_line,
        spilled_body: None,
    }
}

fn item_or_value(fm: &FrontMatter, key: &str, item: &str) -> (usize, usize) {
    fm.item_position(key, item)
}

fn unknown_key(
    path: &std::path::Path,
    kind: &Kind,
    key: &str,
    (line, col): (usize, usize),
) -> Diagnostic {
    let mut names: Vec<&str> = vec!["title", "summary", "draft"];
    names.extend(kind.fields.iter().map(|f| f.name.as_str()));
    let mut hint = format!("fields of {}: {}", kind.name, names.join(", "));
    if let Some(close) = schema::closest(key, names.iter().copied()) {
        hint = format!("did you mean '{close}'? {hint}");
    }
    Diagnostic::error(
        path,
        line,
        col,
        format!("unknown field '{key}' for kind {}", kind.name),
    )
    .with_hint(hint)
}

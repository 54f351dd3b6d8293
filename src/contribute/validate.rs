//! Checking a form with `check`'s own code: the text the form makes goes
//! through `document::parse`, the reference check of `site` and the link
//! check of `markdown`, and the slug through `check`'s file-name and
//! uniqueness rules. Each diagnostic is attached to the field it is about.
//! The browser's copy of these rules is `static/contribute.js`.

use super::catalog::{Catalog, Entry};
use super::submission::{Submission, BUILT_IN};
use crate::config::names::{is_slug, suggest_slug};
use crate::config::urls;
use crate::config::{Config, FieldType, Kind};
use crate::content::discover::{self, SourceFile};
use crate::content::document::{self, Document};
use crate::content::frontmatter;
use crate::content::schema;
use crate::diagnostics::controls;
use crate::diagnostics::Diagnostic;
use crate::site::{self, anchors, markdown};
use serde::{Deserialize, Serialize};
use serde_yaml_ng::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A diagnostic of `check`, attached to a form field (`title`, `fase`, `body`,
/// `slug`, or a name the schema does not know).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
    pub hint: Option<String>,
}

/// Checks a new document: its slug, then the file it would be.
pub fn validate_new(
    config: &Config,
    catalog: &Catalog,
    kind: &Kind,
    submission: &Submission,
) -> Vec<FieldError> {
    let slug = submission.slug.clone().unwrap_or_default();
    let mut errors = slug_errors(catalog, &slug, submission.title().is_some());
    let text = match submission.document_text() {
        Ok(text) => text,
        Err(err) => {
            errors.push(FieldError {
                field: "body".into(),
                message: format!("the file cannot be written: {err}"),
                hint: None,
            });
            return errors;
        }
    };
    let rel = PathBuf::from(&kind.folder).join(format!("{slug}.md"));
    errors.extend(validate_text(config, catalog, kind, &rel, &text));
    sort(kind, submission, &mut errors);
    errors
}

/// What `check` says about a file name for a new document: not a slug, or a
/// slug another file has. An empty slug with no title to make it from is left
/// to the title's own error.
pub fn slug_errors(catalog: &Catalog, slug: &str, has_title: bool) -> Vec<FieldError> {
    if slug.is_empty() && !has_title {
        return Vec::new();
    }
    if !is_slug(slug) {
        return vec![FieldError {
            field: "slug".into(),
            message: format!("file name '{slug}' is not a valid slug"),
            hint: Some(format!(
                "use lowercase letters, digits and hyphens, e.g. '{}.md'",
                suggest_slug(slug)
            )),
        }];
    }
    match catalog.find(slug) {
        Some(other) => vec![FieldError {
            field: "slug".into(),
            message: format!("duplicate slug '{slug}': {} has it too", other.display()),
            hint: Some("slugs are unique across the whole site; rename one of the files".into()),
        }],
        None => Vec::new(),
    }
}

/// Checks the text of a document of `kind` stored at `rel` (under `content/`;
/// a new file, or an existing one after an edit), as `check` would, and
/// attaches each diagnostic to its field. Unlike `check`, references and body
/// links are checked even when other fields have errors, so every problem
/// shows at once.
pub fn validate_text(
    config: &Config,
    catalog: &Catalog,
    kind: &Kind,
    rel: &Path,
    text: &str,
) -> Vec<FieldError> {
    let rel = rel.to_path_buf();
    let slug = rel
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let slug = slug.as_str();
    let display = Path::new("content").join(&rel);
    if text.len() as u64 > discover::MAX_FILE_BYTES {
        let d = Diagnostic::error(
            &display,
            0,
            0,
            format!(
                "file is {} bytes, more than the limit of {}",
                text.len(),
                discover::MAX_FILE_BYTES
            ),
        )
        .with_hint("split it into several documents");
        return attach(vec![d], text);
    }
    if let Err(d) = discover::read::decode(&display, text.as_bytes().to_vec()) {
        return attach(vec![d], text);
    }
    let source = SourceFile {
        display,
        rel: rel.clone(),
        kind: kind.name.clone(),
        slug: slug.to_string(),
        text: text.to_string(),
    };
    let (doc, mut diagnostics) = document::parse(config, &source);
    // As in `check`: a file whose front matter has errors still has its body
    // checked, but it is not a page, so links to its own sections are not.
    let (doc, parsed) = match doc {
        Some(doc) => (doc, true),
        None => match partial(config, kind, &source) {
            Some(doc) => (doc, false),
            None => return attach(diagnostics, text),
        },
    };
    if !doc.draft {
        let entry = Entry {
            kind: kind.name.clone(),
            slug: slug.to_string(),
            title: doc.title.clone(),
            rel,
            linkable: true,
            headings: None,
        };
        let index = catalog.link_index(config, Some(&entry));
        diagnostics.extend(site::check_refs(config, &doc, &index));
        let url = urls::document(kind, slug);
        let (rendered, diags) = markdown::render(&doc, &url, &index);
        diagnostics.extend(diags);
        diagnostics.extend(anchors::check_with(
            &doc.display,
            &rendered.anchor_links,
            |target| {
                if parsed && target == slug {
                    return Some(anchors::Target {
                        title: &doc.title,
                        headings: rendered.headings.iter().map(|h| h.id.as_str()).collect(),
                    });
                }
                let e = catalog.find(target).filter(|e| e.linkable)?;
                Some(anchors::Target {
                    title: &e.title,
                    headings: e.headings.as_ref()?.iter().map(String::as_str).collect(),
                })
            },
        ));
    }
    attach(diagnostics, text)
}

/// The parts of a document whose front matter has errors that can still be
/// checked: the reference fields that are valid in themselves (none for a
/// draft, whose references `check` leaves alone, or when the YAML itself does
/// not parse), and the body, which `check` reads whatever the front matter.
fn partial(config: &Config, kind: &Kind, source: &SourceFile) -> Option<Document> {
    let split = frontmatter::split(&source.display, &source.text).ok()?;
    let mut ref_positions = BTreeMap::new();
    let mut draft = false;
    let fm = frontmatter::parse(&source.display, &split).ok();
    for (fm, (key, value)) in fm
        .iter()
        .flat_map(|fm| fm.map.iter().map(move |kv| (fm, kv)))
    {
        let Value::String(key) = key else { continue };
        if key == "draft" {
            draft = matches!(value, Value::Bool(true));
        }
        let Some(field) = kind.field(key) else {
            continue;
        };
        // A value with a forbidden character has that error alone, as in `parse`.
        let is_ref = matches!(field.ty, FieldType::Ref { .. } | FieldType::RefList { .. });
        if !is_ref || document::forbidden_in(value).is_some() {
            continue;
        }
        if let Ok(v) = schema::check(config, field, value) {
            let refs: Vec<(String, usize, usize)> = v
                .refs()
                .into_iter()
                .map(|slug| {
                    let (l, c) = fm.item_position(key, slug);
                    (slug.to_string(), l, c)
                })
                .collect();
            ref_positions.insert(key.clone(), refs);
        }
    }
    if draft {
        ref_positions.clear();
    }
    Some(Document {
        kind: source.kind.clone(),
        slug: source.slug.clone(),
        display: source.display.clone(),
        rel: source.rel.clone(),
        title: String::new(),
        summary: None,
        draft: false,
        fields: Default::default(),
        ref_positions: ref_positions.into(),
        body: split.body.to_string(),
        body_line: split.body_line,
        spilled_body: None,
    })
}

/// Attaches each diagnostic to a field: a missing field by its name, one in
/// the front matter to the key whose lines hold it, anything else to `body`.
fn attach(diagnostics: Vec<Diagnostic>, text: &str) -> Vec<FieldError> {
    let path = Path::new("");
    let mut keys: Vec<(usize, String)> = Vec::new();
    let mut body_line = usize::MAX;
    if let Ok(split) = frontmatter::split(path, text) {
        body_line = split.body_line;
        // A forbidden character fails the whole YAML; blanked (lines kept),
        // it reads, so the key whose value holds the character is found.
        let yaml = controls::blank(split.yaml);
        let split = frontmatter::Split {
            yaml: &yaml,
            ..split
        };
        if let Ok(fm) = frontmatter::parse(path, &split) {
            for key in fm.map.keys().filter_map(Value::as_str) {
                keys.push((fm.key_position(key).0, key.to_string()));
            }
        }
    }
    keys.sort();
    diagnostics
        .into_iter()
        .map(|d| {
            let missing = d
                .message
                .strip_prefix("missing required field '")
                .and_then(|rest| rest.strip_suffix('\''));
            let field = match missing {
                Some(name) => name.to_string(),
                None if d.line == 0 || d.line >= body_line => "body".to_string(),
                None => keys
                    .iter()
                    .rev()
                    .find(|(line, _)| *line <= d.line)
                    .map_or_else(|| "title".to_string(), |(_, k)| k.clone()),
            };
            FieldError {
                field,
                message: d.message,
                hint: d.hint,
            }
        })
        .collect()
}

/// The fields every form starts with, in its order.
const FORM_ORDER: [&str; 4] = ["title", "slug", "summary", "draft"];

/// Orders errors as the form shows its fields: the built-in ones, the kind's
/// fields, names the schema does not know, then the body.
pub fn sort(kind: &Kind, submission: &Submission, errors: &mut [FieldError]) {
    let position = |field: &str| -> usize {
        if let Some(i) = FORM_ORDER.iter().position(|b| *b == field) {
            return i;
        }
        if let Some(i) = kind.fields.iter().position(|f| f.name == field) {
            return 4 + i;
        }
        if field == "body" {
            return usize::MAX;
        }
        let others = submission
            .front_matter
            .iter()
            .filter(|(k, _)| !BUILT_IN.contains(&k.as_str()) && kind.field(k).is_none());
        4 + kind.fields.len() + others.take_while(|(k, _)| k != field).count()
    };
    errors.sort_by_key(|e| position(&e.field));
}

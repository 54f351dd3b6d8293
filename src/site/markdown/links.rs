//! What a link or image destination of a body resolves to: a document (by
//! slug for wikilinks, by file for `.md` links), an asset copied from
//! `content/`, or another host; a broken one is a message and a hint. Also the
//! record of each resolution (`LinkUse`) that tells the incremental build when a
//! rendered body still holds.

use super::LinkIndex;
use crate::content::document::Document;
use std::path::{Component, Path, PathBuf};

/// One link or image destination of a body and what it resolved to: all that a
/// rendered body depends on beyond the document itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkUse {
    pub(super) dest: String,
    pub(super) wiki: bool,
    pub(super) outcome: Result<Target, (String, String)>,
}

impl LinkUse {
    /// Whether the destination resolves the same way against `index`.
    pub fn holds(&self, doc: &Document, index: &LinkIndex) -> bool {
        resolve(doc, &self.dest, self.wiki, index) == self.outcome
    }
}

/// The page and anchor a link points into, if it names an anchor: a document's
/// section, or (for `#anker`) one of this page's own.
pub(super) fn anchor_target(
    doc: &Document,
    dest: &str,
    wiki: bool,
    outcome: &Result<Target, (String, String)>,
) -> Option<(String, String)> {
    match outcome {
        Ok(Target::Document {
            slug,
            anchor: Some(anchor),
            ..
        }) => Some((slug.clone(), anchor.clone())),
        Ok(Target::External) if !wiki => dest
            .strip_prefix('#')
            .map(|anchor| (doc.slug.clone(), anchor.to_string())),
        _ => None,
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Target {
    Document {
        slug: String,
        title: String,
        url: String,
        anchor: Option<String>,
        /// The short title running text names it by, if its kind has one.
        short: Option<String>,
    },
    Asset(String),
    External,
}

fn is_external(dest: &str) -> bool {
    dest.contains("://")
        || dest.starts_with("mailto:")
        || dest.starts_with("tel:")
        || dest.starts_with('#')
}

pub(super) fn resolve(
    doc: &Document,
    dest: &str,
    wiki: bool,
    index: &LinkIndex,
) -> Result<Target, (String, String)> {
    let (path, anchor) = match dest.split_once('#') {
        Some((p, a)) => (p, Some(a.to_string())),
        None => (dest, None),
    };
    if wiki {
        let slug = path.rsplit('/').next().unwrap_or(path).trim();
        let kind_prefix = path.rsplit_once('/').map(|(k, _)| k.trim());
        return match index.by_slug.get(slug) {
            Some((kind, title, url)) if kind_prefix.is_none_or(|k| k == kind) => {
                Ok(Target::Document {
                    slug: slug.to_string(),
                    title: title.clone(),
                    url: url.clone(),
                    anchor,
                    short: index.short.get(slug).cloned(),
                })
            }
            Some((kind, _, _)) => Err((
                format!(
                    "broken link [[{dest}]]: '{slug}' is a {kind}, not a {}",
                    kind_prefix.unwrap_or_default()
                ),
                format!("write [[{kind}/{slug}]] or [[{slug}]]"),
            )),
            None => Err((
                format!("broken link [[{dest}]]: no document with slug '{slug}'"),
                suggestion(slug, index),
            )),
        };
    }
    if is_external(dest) {
        return Ok(Target::External);
    }
    let base = doc.rel.parent().unwrap_or(Path::new(""));
    let Some(target) = normalize(&base.join(path)) else {
        return Err((
            format!("broken link '{dest}': it leads outside content/"),
            "link to files inside content/".into(),
        ));
    };
    if path.ends_with(".md") {
        match index
            .by_rel
            .get(&target)
            .and_then(|slug| index.by_slug.get(slug).map(|d| (slug, d)))
        {
            Some((slug, (_, title, url))) => Ok(Target::Document {
                slug: slug.clone(),
                title: title.clone(),
                url: url.clone(),
                anchor,
                short: None,
            }),
            None => Err((
                format!(
                    "broken link '{dest}': {} does not exist",
                    Path::new("content").join(&target).display()
                ),
                "check the file name, or link by slug with [[slug]]".into(),
            )),
        }
    } else if index.assets.contains(&target) {
        Ok(Target::Asset(target.to_string_lossy().replace('\\', "/")))
    } else {
        Err((
            format!(
                "broken link '{dest}': {} does not exist",
                Path::new("content").join(&target).display()
            ),
            "put the file in content/ or fix the path".into(),
        ))
    }
}

fn suggestion(slug: &str, index: &LinkIndex) -> String {
    match crate::content::schema::closest(slug, index.by_slug.keys().map(String::as_str)) {
        Some(close) => format!("did you mean [[{close}]]?"),
        None => "check the slug: it is the file name without .md".into(),
    }
}

/// Resolves `.` and `..` without touching the disk; `None` if it escapes the root.
fn normalize(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::Normal(p) => out.push(p),
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            _ => return None,
        }
    }
    Some(out)
}

//! References checked against the assembled site: a document's ref fields,
//! and the home page's tasks (`[home]` in `site.toml`) that name a document by
//! slug, so a typo or a removed document stops the build at its line in
//! `site.toml` instead of dropping the link.

use crate::config::home::Target;
use crate::config::{Config, FieldType};
use crate::content::document::Document;
use crate::diagnostics::Diagnostic;
use crate::site::markdown::LinkIndex;

/// `[[home.tasks]]` entries naming a document the site does not publish.
pub fn check_home_documents(config: &Config, index: &LinkIndex) -> Vec<Diagnostic> {
    config
        .home
        .tasks
        .iter()
        .filter_map(|t| match &t.target {
            Target::Document { slug, line } if !index.by_slug.contains_key(slug) => {
                Some((slug, *line))
            }
            _ => None,
        })
        .map(|(slug, line)| {
            let mut hint = "name a published document by its file name without .md".to_string();
            if let Some(close) =
                crate::content::schema::closest(slug, index.by_slug.keys().map(String::as_str))
            {
                hint = format!("did you mean '{close}'? {hint}");
            }
            Diagnostic::error(
                "site.toml",
                line,
                0,
                format!("[[home.tasks]]: no published document with slug '{slug}'"),
            )
            .with_hint(hint)
        })
        .collect()
}

/// Reference fields whose target does not exist or is of another kind.
/// `contribute` checks a form with this too, so its words are `check`'s.
pub fn check_refs(config: &Config, doc: &Document, index: &LinkIndex) -> Vec<Diagnostic> {
    let kind = config.kind(&doc.kind).expect("declared kind");
    let mut out = Vec::new();
    for (field_name, refs) in &doc.ref_positions {
        let Some(field) = kind.field(field_name) else {
            continue;
        };
        let (FieldType::Ref { target } | FieldType::RefList { target }) = &field.ty else {
            continue;
        };
        for (slug, line, col) in refs {
            match index.by_slug.get(slug) {
                Some((k, _, _)) if k == target => {}
                Some((k, _, _)) => out.push(
                    Diagnostic::error(
                        &doc.display,
                        *line,
                        *col,
                        format!(
                            "{field_name}: '{slug}' is a {k}, but this field refers to a {target}"
                        ),
                    )
                    .with_hint(candidates(index, target)),
                ),
                None => {
                    let mut hint = candidates(index, target);
                    let same_kind = index
                        .by_slug
                        .iter()
                        .filter(|(_, (k, _, _))| k == target)
                        .map(|(s, _)| s.as_str());
                    if let Some(close) = crate::content::schema::closest(slug, same_kind) {
                        hint = format!("did you mean '{close}'? {hint}");
                    }
                    out.push(
                        Diagnostic::error(
                            &doc.display,
                            *line,
                            *col,
                            format!("{field_name}: no {target} with slug '{slug}'"),
                        )
                        .with_hint(hint),
                    )
                }
            }
        }
    }
    out
}

fn candidates(index: &LinkIndex, target: &str) -> String {
    let slugs = index
        .by_slug
        .iter()
        .filter(|(_, (k, _, _))| k == target)
        .map(|(s, _)| s.as_str())
        .collect();
    crate::config::names::slug_choices(target, slugs)
}

//! The references of a new document (`kennisbank new`), checked before it is
//! written.

use crate::config::names::slug_choices;
use crate::config::{FieldType, Kind};
use crate::content::discover::SourceFile;
use crate::content::document::Document;
use crate::content::schema::closest;
use anyhow::{bail, Result};

/// Every slug the new document refers to names an existing document of the
/// field's kind (a `--set gemeente=...` typo is refused, with nothing
/// written, instead of leaving a file that fails the next build).
pub(super) fn check(kind: &Kind, doc: &Document, documents: &[SourceFile]) -> Result<()> {
    for field in &kind.fields {
        let (FieldType::Ref { target } | FieldType::RefList { target }) = &field.ty else {
            continue;
        };
        let Some(value) = doc.fields.get(&field.name) else {
            continue;
        };
        let slugs: Vec<&str> = documents
            .iter()
            .filter(|d| &d.kind == target)
            .map(|d| d.slug.as_str())
            .collect();
        for slug in value.refs() {
            if slugs.contains(&slug) {
                continue;
            }
            let close = closest(slug, slugs.iter().copied())
                .map(|c| format!(" (did you mean '{c}'?)"))
                .unwrap_or_default();
            bail!(
                "{}: no {target} with slug '{slug}'{close}; {}",
                field.name,
                slug_choices(target, slugs)
            );
        }
    }
    Ok(())
}

//! The references of a new document (`kennisbank new`), checked before it is
//! written.

use crate::config::{FieldType, Kind};
use crate::content::discover::SourceFile;
use crate::content::document::Document;
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
        let mut slugs = documents
            .iter()
            .filter(|d| &d.kind == target)
            .map(|d| d.slug.as_str());
        for slug in value.refs() {
            if slugs.clone().any(|s| s == slug) {
                continue;
            }
            let close = crate::content::schema::closest(slug, slugs.clone())
                .map(|c| format!(" (did you mean '{c}'?)"))
                .unwrap_or_default();
            let mut all: Vec<&str> = slugs.by_ref().collect();
            all.sort_unstable();
            let expected = match all.len() {
                0 => format!("there are no documents of kind {target} yet"),
                1..=15 => format!("expected one of: {}", all.join(", ")),
                n => format!(
                    "{n} documents of kind {target} exist, e.g. {}",
                    all[..5].join(", ")
                ),
            };
            bail!(
                "{}: no {target} with slug '{slug}'{close}; {expected}",
                field.name
            );
        }
    }
    Ok(())
}

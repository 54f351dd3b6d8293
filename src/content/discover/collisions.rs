//! Names that collide: two documents with one slug anywhere in the site, and
//! two files whose names differ only in case or accents, which are one file on
//! case-insensitive or normalising file systems.

use super::{is_ignored_entry, SourceFile};
use crate::config::names::fold;
use crate::config::Config;
use crate::diagnostics::Diagnostic;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// Duplicate slugs across the whole site.
pub(super) fn collisions(documents: &[SourceFile]) -> Vec<Diagnostic> {
    let mut seen: BTreeMap<String, &SourceFile> = BTreeMap::new();
    let mut out = Vec::new();
    for doc in documents {
        match seen.get(&fold(&doc.slug)) {
            Some(first) => out.push(
                Diagnostic::error(
                    &doc.display,
                    0,
                    0,
                    format!(
                        "duplicate slug '{}': {} has it too",
                        doc.slug,
                        first.display.display()
                    ),
                )
                .with_hint("slugs are unique across the whole site; rename one of the files"),
            ),
            None => {
                seen.insert(fold(&doc.slug), doc);
            }
        }
    }
    out
}

/// File names under `content/` that differ only by case or accents; checked on
/// raw names, before slug rules, because they break checkouts on Windows and macOS.
/// Ignored names (hidden files, editor leftovers) are not content and not checked.
pub(super) fn case_collisions(config: &Config) -> Vec<Diagnostic> {
    let mut seen: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut out = Vec::new();
    for entry in WalkDir::new(&config.content_dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !is_ignored_entry(e))
        .flatten()
    {
        let Ok(rel) = entry.path().strip_prefix(&config.content_dir) else {
            continue;
        };
        let key = fold(&rel.to_string_lossy());
        let display = Path::new("content").join(rel);
        if let Some(first) = seen.get(&key) {
            out.push(
                Diagnostic::error(
                    &display,
                    0,
                    0,
                    format!(
                        "file name collides with {} on case-insensitive file systems",
                        first.display()
                    ),
                )
                .with_hint("names may not differ only by case or accents"),
            );
        } else {
            seen.insert(key, display);
        }
    }
    out
}

//! What `serve` keeps of the Markdown bodies between assemblies: each
//! document's rendered body with everything it was rendered from.

use crate::content::document::Document;
use crate::diagnostics::Diagnostic;
use crate::site::markdown::{self, LinkIndex, Rendered};
use crate::site::Page;
use std::collections::HashMap;

/// Bodies rendered by an earlier assembly, keyed by file. A body is reused only
/// when the document's body, position and URL are the same and every link in it
/// resolves as it did then; otherwise it is rendered again. Nothing else in the
/// site affects a rendered body, so reuse gives what a fresh render would.
#[derive(Debug, Default)]
pub struct BodyCache {
    entries: HashMap<std::path::PathBuf, CachedBody>,
}

#[derive(Debug)]
pub(super) struct CachedBody {
    pub(super) body: String,
    pub(super) body_line: usize,
    pub(super) rel: std::path::PathBuf,
    pub(super) url: String,
    pub(super) uses: Vec<markdown::LinkUse>,
    /// The point words the body was rendered with (`[site] points`).
    pub(super) points: Option<crate::config::short_titles::Points>,
    pub(super) rendered: Rendered,
    pub(super) diagnostics: Vec<Diagnostic>,
}

impl BodyCache {
    pub(super) fn get(&self, doc: &Document, url: &str, index: &LinkIndex) -> Option<&CachedBody> {
        let hit = self.entries.get(&doc.display)?;
        let same = hit.body == doc.body
            && hit.body_line == doc.body_line
            && hit.rel == doc.rel
            && hit.url == url
            && hit.points == index.points
            && hit.uses.iter().all(|u| u.holds(doc, index));
        same.then_some(hit)
    }

    /// Stores the bodies rendered now and drops those of documents that are gone.
    pub(super) fn update(&mut self, pages: &[Page], fresh: Vec<(std::path::PathBuf, CachedBody)>) {
        let live: std::collections::HashSet<&std::path::Path> =
            pages.iter().map(|p| p.doc.display.as_path()).collect();
        self.entries.retain(|path, _| live.contains(path.as_path()));
        self.entries.extend(fresh);
    }
}

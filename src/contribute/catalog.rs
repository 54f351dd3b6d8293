//! The documents a form is checked against and offers as choices: every file
//! of the site (drafts too, for slug uniqueness), which of them links and
//! reference fields may point to, and their titles. Built from the `Site` for
//! the static pages; `serve --edit` can add the files that failed to parse.

use crate::config::urls;
use crate::site::markdown::LinkIndex;
use crate::site::Site;
use std::path::PathBuf;

/// One document of the site as forms see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub kind: String,
    pub slug: String,
    pub title: String,
    /// Path relative to `content/`.
    pub rel: PathBuf,
    /// Whether links and reference fields may point to it (not a draft left
    /// out of the build).
    pub linkable: bool,
    /// The ids of its page's headings, for links to a section; `None` for a
    /// file that has no page.
    pub headings: Option<Vec<String>>,
}

impl Entry {
    /// The path `check` names the file by: `content/…`.
    pub fn display(&self) -> String {
        format!("content/{}", self.rel.to_string_lossy().replace('\\', "/"))
    }
}

#[derive(Debug, Clone, Default)]
pub struct Catalog {
    /// In site order (kind, then the kind's order).
    pub entries: Vec<Entry>,
    /// Files under `content/` that are not documents (images), for body links.
    pub assets: Vec<PathBuf>,
}

impl Catalog {
    /// Every page of the site, and the files that are not in it: drafts left
    /// out (they still hold their slug) and documents that did not parse.
    pub fn from_site(site: &Site) -> Catalog {
        let mut entries: Vec<Entry> = site
            .pages
            .iter()
            .map(|p| Entry {
                kind: p.doc.kind.clone(),
                slug: p.doc.slug.clone(),
                title: p.doc.title.clone(),
                rel: p.doc.rel.clone(),
                linkable: true,
                headings: Some(p.rendered.headings.iter().map(|h| h.id.clone()).collect()),
            })
            .collect();
        for (kind, slug, rel, linkable) in &site.unlisted {
            entries.push(Entry {
                kind: kind.clone(),
                slug: slug.clone(),
                title: slug.clone(),
                rel: rel.clone(),
                linkable: *linkable,
                headings: None,
            });
        }
        Catalog {
            entries,
            assets: site.assets.iter().map(|a| a.rel.clone()).collect(),
        }
    }

    /// The document holding `slug`, drafts included.
    pub fn find(&self, slug: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.slug == slug)
    }

    /// What links may point to, as `site` builds it for `check`, with `extra`
    /// (the document being written) added when its slug is free.
    pub fn link_index(&self, config: &crate::config::Config, extra: Option<&Entry>) -> LinkIndex {
        let mut index = LinkIndex::default();
        for e in self.entries.iter().filter(|e| e.linkable).chain(extra) {
            let Some(kind) = config.kind(&e.kind) else {
                continue;
            };
            if index.by_slug.contains_key(&e.slug) {
                continue;
            }
            index.by_slug.insert(
                e.slug.clone(),
                (
                    e.kind.clone(),
                    e.title.clone(),
                    urls::document(kind, &e.slug),
                ),
            );
            index.by_rel.insert(e.rel.clone(), e.slug.clone());
        }
        index.assets = self.assets.iter().cloned().collect();
        index
    }

    /// The documents of `kind` that a reference may name, by title.
    pub fn choices(&self, kind: &str) -> Vec<&Entry> {
        let mut list: Vec<&Entry> = self
            .entries
            .iter()
            .filter(|e| e.kind == kind && e.linkable)
            .collect();
        list.sort_by_cached_key(|e| (crate::content::discover::fold(&e.title), e.slug.clone()));
        list
    }
}

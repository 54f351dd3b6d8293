//! "Which municipalities say something about this?": for a glossary term or a
//! theme, the hub documents (municipalities) whose own page links to it, or
//! whose factsheets and stories do (documents with a single ref to the hub).
//! Reads the assembled `Site`; the templates decide how the list looks.

use crate::config::FieldType;
use crate::content::schema::FieldValue;
use crate::site::{Page, Site};
use std::collections::BTreeSet;

/// Whether `page` gets the list: a glossary term or a taxonomy page.
pub fn applies(site: &Site, page: &Page) -> bool {
    let config = &site.config;
    config.hub_kind.is_some()
        && [&config.glossary_kind, &config.taxonomy_kind]
            .iter()
            .any(|k| k.as_deref() == Some(page.doc.kind.as_str()))
}

/// The hub documents behind the pages that link to `page`, sorted by title.
pub fn hubs<'a>(site: &'a Site, page: &Page) -> Vec<&'a Page> {
    let Some(hub) = site.config.hub_kind.as_deref() else {
        return Vec::new();
    };
    let mut slugs: BTreeSet<&str> = BTreeSet::new();
    for source in site.backlinks(&page.doc.slug) {
        if source.doc.kind == hub {
            slugs.insert(&source.doc.slug);
            continue;
        }
        let Some(kind) = site.config.kind(&source.doc.kind) else {
            continue;
        };
        for field in &kind.fields {
            // A document about one municipality (a factsheet, a story) has a
            // single ref to it; a list of them (an observation naming eight)
            // is a mention, not a document of theirs.
            let to_hub = matches!(&field.ty, FieldType::Ref { target } if target == hub);
            if let (true, Some(FieldValue::Ref(s))) = (to_hub, source.doc.fields.get(&field.name)) {
                slugs.insert(s);
            }
        }
    }
    let mut pages: Vec<&Page> = slugs.into_iter().filter_map(|s| site.page(s)).collect();
    pages.sort_by_key(|p| {
        (
            crate::content::discover::fold(&p.doc.title),
            p.doc.slug.clone(),
        )
    });
    pages
}

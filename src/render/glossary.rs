//! Which glossary entry explains a term: a choice's label on a document page
//! ("Eenmeting") links to the entry of the glossary kind whose title or
//! synonym fields (`[search] synonyms`) name it, so a term of the schema is
//! explained where it appears. Pure lookups over the `Site`.

use crate::content::schema::FieldValue;
use crate::site::{Page, Site};

/// The glossary entry whose title or synonyms equal `term`, ignoring case.
pub fn entry<'a>(site: &'a Site, term: &str) -> Option<&'a Page> {
    let (kind, fields) = terms_source(site)?;
    let wanted = term.trim().to_lowercase();
    site.pages_of(kind).find(|page| {
        page.doc.title.to_lowercase() == wanted
            || fields.iter().any(|f| match page.doc.fields.get(f) {
                Some(FieldValue::Text(s)) => s.to_lowercase() == wanted,
                Some(FieldValue::List(items)) => items.iter().any(|s| s.to_lowercase() == wanted),
                _ => false,
            })
    })
}

/// Every glossary entry: a page that shows choices depends on all of them,
/// since any may come to name one.
pub fn entries(site: &Site) -> impl Iterator<Item = &Page> {
    let kind = terms_source(site).map(|(k, _)| k).unwrap_or("");
    site.pages_of(kind)
}

/// The glossary kind and its synonym fields: `[search] synonyms` when it names
/// the glossary kind, else the glossary kind with its title alone.
fn terms_source(site: &Site) -> Option<(&str, &[String])> {
    let config = &site.config;
    let glossary = config.glossary_kind.as_deref()?;
    match &config.search.synonyms {
        Some((kind, fields)) if kind == glossary => Some((glossary, fields.as_slice())),
        _ => Some((glossary, &[])),
    }
}

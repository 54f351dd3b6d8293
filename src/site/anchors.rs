//! Links to a section of a page (`[[zaanstad#stand]]`, `../a.md#aanpak`,
//! `#aanpak`) checked against the headings of the page they point to, once every
//! body is rendered. Rendering records the links (`markdown::AnchorLink`); the
//! ids come from the target's headings and the layout's reserved ids.

use crate::diagnostics::Diagnostic;
use crate::site::markdown::RESERVED_IDS;
use crate::site::Page;
use std::collections::HashMap;
use std::path::Path;

/// A link to a section of a document, as written and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnchorLink {
    /// The document linked to (the page itself for `#anker`).
    pub slug: String,
    pub anchor: String,
    /// The link as messages show it: `[[zaanstad#x]]` or `'../a.md#x'`.
    pub written: String,
    pub line: usize,
    pub column: usize,
}

/// What a link to a section sees of its target: the title and heading ids.
pub struct Target<'a> {
    pub title: &'a str,
    pub headings: Vec<&'a str>,
}

/// A diagnostic for every link in `links` (of the file `display`) whose anchor
/// the target page does not have. Targets that are not pages (files that
/// failed to parse) are left alone: their own error is reported.
pub fn check(
    display: &Path,
    links: &[AnchorLink],
    pages: &HashMap<&str, &Page>,
) -> Vec<Diagnostic> {
    check_with(display, links, |slug| {
        pages.get(slug).map(|p| Target {
            title: &p.doc.title,
            headings: p.rendered.headings.iter().map(|h| h.id.as_str()).collect(),
        })
    })
}

/// `check` with the targets given by `target` (slug to title and headings),
/// for a document checked apart from its site (the editor's forms).
pub fn check_with<'a>(
    display: &Path,
    links: &[AnchorLink],
    target: impl Fn(&str) -> Option<Target<'a>>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for link in links {
        let Some(target) = target(link.slug.as_str()) else {
            continue;
        };
        let headings = target.headings;
        if headings.contains(&link.anchor.as_str()) || RESERVED_IDS.contains(&link.anchor.as_str())
        {
            continue;
        }
        let mut hint = match headings.len() {
            0 => "that page has no sections; link to the page itself".to_string(),
            n if n > 15 => format!(
                "that page has {n} anchors, e.g. {}",
                headings[..5].join(", ")
            ),
            _ => format!("anchors on that page: {}", headings.join(", ")),
        };
        if let Some(close) = crate::content::schema::closest(&link.anchor, headings.iter().copied())
        {
            hint = format!("did you mean '#{close}'? {hint}");
        }
        out.push(
            Diagnostic::error(
                display,
                link.line,
                link.column,
                format!(
                    "broken link {}: {} has no section '{}'",
                    link.written, target.title, link.anchor
                ),
            )
            .with_hint(hint),
        );
    }
    out
}

/// Every page by slug, for `check`.
pub fn by_slug(pages: &[Page]) -> HashMap<&str, &Page> {
    pages.iter().map(|p| (p.doc.slug.as_str(), p)).collect()
}

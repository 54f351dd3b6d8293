//! The URL scheme, in one place. Every URL is relative to the site root and
//! ends in a file name (`gemeenten/zaanstad.html`, `gemeenten/index.html`), so the
//! built site works from any host path and straight from disk (`file://`).

use crate::config::Kind;

pub fn document(kind: &Kind, slug: &str) -> String {
    kind.url.replace("{slug}", slug)
}

pub fn listing(kind: &Kind) -> String {
    format!("{}/index.html", kind.folder)
}

pub const HOME: &str = "index.html";
pub const NOT_FOUND: &str = "404.html";
pub const SEARCH: &str = "zoeken.html";
pub const SITEMAP: &str = "sitemap.xml";
pub const FEED: &str = "feed.xml";
pub const ROBOTS: &str = "robots.txt";
/// The folder of the client search index; nothing else may write into it.
pub const SEARCH_DIR: &str = "search";
/// The marker that identifies a directory as Kennisbank output.
pub const MARKER: &str = ".kennisbank-output";

/// The index of comparison pages.
pub const COMPARISONS: &str = "vergelijken/index.html";

pub fn comparison(round: i64) -> String {
    format!("vergelijken/{round}.html")
}

/// `ext` is `csv` or `json`.
pub fn open_data(round: i64, ext: &str) -> String {
    format!("vergelijken/factsheets-{round}.{ext}")
}

pub const DICTIONARY_CSV: &str = "vergelijken/kolommen.csv";

/// The page that lists the contribution forms.
pub const CONTRIBUTE_INDEX: &str = "bijdragen/index.html";

/// The contribution form of a kind (`bijdragen/casusreflectie.html`).
pub fn contribute(kind: &Kind) -> String {
    format!("{}/{}.html", crate::config::CONTRIBUTE_FOLDER, kind.name)
}

/// The prefix that leads from a page back to the site root: `""` for
/// `index.html`, `"../"` for `gemeenten/zaanstad.html`.
pub fn root_prefix(page_url: &str) -> String {
    "../".repeat(page_url.matches('/').count())
}

/// Turns a heading text into an anchor id: accents dropped, lowercase, hyphens.
pub fn anchor(text: &str) -> String {
    let slug = crate::discover::suggest_slug(text);
    if slug.is_empty() {
        "sectie".to_string()
    } else {
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_prefix_counts_depth() {
        assert_eq!(root_prefix("index.html"), "");
        assert_eq!(root_prefix("gemeenten/zaanstad.html"), "../");
        assert_eq!(root_prefix("a/b/c.html"), "../../");
    }

    #[test]
    fn anchors_fold_accents() {
        assert_eq!(anchor("Hét sociale (wijk)team"), "het-sociale-wijk-team");
    }
}

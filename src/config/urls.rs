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

/// Page `n` (from 1) of a listing too long for one page; the first is `listing`.
pub fn listing_page(kind: &Kind, n: usize) -> String {
    match n {
        0 | 1 => listing(kind),
        n => format!("{}/pagina/{n}.html", kind.folder),
    }
}

pub const HOME: &str = "index.html";
pub const NOT_FOUND: &str = "404.html";
pub const SEARCH: &str = "zoeken.html";
pub const SITEMAP: &str = "sitemap.xml";
/// Part `n` (from 1) of a sitemap too large for one file; `SITEMAP` is then
/// the index of the parts.
pub fn sitemap_part(n: usize) -> String {
    format!("sitemap-{n}.xml")
}
pub const FEED: &str = "feed.xml";
pub const ROBOTS: &str = "robots.txt";
/// The folder of the client search index; nothing else may write into it.
pub const SEARCH_DIR: &str = "search";
/// The marker that identifies a directory as Kennisbank output.
pub const MARKER: &str = ".kennisbank-output";
/// The accessibility statement, when `[accessibility]` is set.
pub const ACCESSIBILITY: &str = "toegankelijkheid.html";

/// The index of comparison pages.
pub const COMPARISONS: &str = "vergelijken/index.html";

pub fn comparison(round: i64) -> String {
    format!("vergelijken/{round}.html")
}

/// `ext` is `csv` or `json`.
pub fn open_data(round: i64, ext: &str) -> String {
    format!("vergelijken/factsheets-{round}.{ext}")
}

/// The same data for Dutch-locale Excel (`opendata::excel`).
pub fn spreadsheet(round: i64) -> String {
    format!("vergelijken/factsheets-{round}-excel.csv")
}

/// Every round in one Excel workbook (`opendata::xlsx`).
pub const WORKBOOK: &str = "vergelijken/zelfscores.xlsx";

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

/// Checks `[site] base_url`, where the site is published: an absolute `http` or
/// `https` URL with a host, and no user name, query or fragment, since page
/// paths are appended to it (sitemap, feed, `robots.txt`, the 404 page's links).
pub fn check_base_url(base_url: &str) -> Result<(), String> {
    let problem = match url::Url::parse(base_url) {
        Err(err) => Some(err.to_string()),
        Ok(url) if !matches!(url.scheme(), "http" | "https") => {
            Some(format!("its scheme is '{}'", url.scheme()))
        }
        Ok(url) if !url.has_host() => Some("it has no host".into()),
        Ok(url) if !url.username().is_empty() || url.password().is_some() => {
            Some("it has a user name or password".into())
        }
        Ok(url) if url.query().is_some() || url.fragment().is_some() => {
            Some("it has a query or fragment".into())
        }
        Ok(_) => None,
    };
    match problem {
        None => Ok(()),
        Some(why) => Err(format!(
            "[site] base_url '{base_url}' must be an absolute http or https URL, like \
             \"https://kennisbank.example.nl/\" ({why})"
        )),
    }
}

/// Turns a heading text into an anchor id: accents dropped, lowercase, hyphens.
pub fn anchor(text: &str) -> String {
    let slug = crate::config::names::suggest_slug(text);
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
    fn base_url_is_an_absolute_http_url() {
        for ok in [
            "https://kennisbank.example.nl/",
            "http://localhost:8080/kb/",
        ] {
            assert_eq!(check_base_url(ok), Ok(()), "{ok}");
        }
        for bad in [
            "javascript:alert(1)//",
            "/",
            "//evil.example/",
            "ftp://x.example/",
            "https://u:p@x.example/",
            "https://x.example/?a=1",
            "data:text/html,x",
        ] {
            assert!(check_base_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn anchors_fold_accents() {
        assert_eq!(anchor("Hét sociale (wijk)team"), "het-sociale-wijk-team");
    }
}

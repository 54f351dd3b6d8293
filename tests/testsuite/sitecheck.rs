//! A checker over a built site's files, as a visitor's browser would follow
//! them: every internal link and `#anchor` resolves (from a web server and from
//! `file://`), ids are unique, and no page carries inline script or style that a
//! strict Content-Security-Policy would block. Browser-side checks live in tests/e2e.

use scraper::{Html, Selector};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use url::Url;

/// What a check saw and what it found wrong, as `page: problem` lines.
#[derive(Debug, Default)]
pub struct Report {
    pub pages: usize,
    pub links: usize,
    pub anchors: usize,
    pub problems: Vec<String>,
}

/// One parsed HTML page: its ids (with how often each occurs) and the URLs it uses.
struct Page {
    ids: BTreeMap<String, usize>,
    urls: Vec<(&'static str, String)>,
    inline: Vec<String>,
}

/// Attributes that make the browser fetch or navigate, per element.
const URL_ATTRIBUTES: &[(&str, &str)] = &[
    ("a", "href"),
    ("area", "href"),
    ("link", "href"),
    ("script", "src"),
    ("img", "src"),
    ("source", "src"),
    ("iframe", "src"),
    ("video", "poster"),
    ("form", "action"),
];

fn parse_page(html: &str) -> Page {
    let doc = Html::parse_document(html);
    let mut ids = BTreeMap::new();
    let mut inline = Vec::new();
    for el in doc.root_element().descendent_elements() {
        let v = el.value();
        if let Some(id) = v.attr("id") {
            *ids.entry(id.to_string()).or_insert(0) += 1;
        }
        if v.name() == "a" {
            if let Some(name) = v.attr("name") {
                *ids.entry(name.to_string()).or_insert(0) += 1;
            }
        }
        if v.name() == "script" && (v.attr("src").is_none() || !el.text().all(str::is_empty)) {
            let code: String = el.text().collect();
            inline.push(format!(
                "inline <script> '{}': a strict Content-Security-Policy blocks it; move it to a file under static/",
                code.trim().chars().take(60).collect::<String>()
            ));
        }
        if v.name() == "style" {
            inline.push("inline <style>: a strict Content-Security-Policy blocks it; move it to static/style.css".into());
        }
        for (attr, value) in v.attrs() {
            if attr.starts_with("on") {
                inline.push(format!("inline event handler {attr}=\"{value}\" on <{}>: a strict Content-Security-Policy blocks it", v.name()));
            } else if attr == "style" {
                inline.push(format!(
                    "inline style=\"{value}\" on <{}>: a strict Content-Security-Policy blocks it",
                    v.name()
                ));
            }
        }
    }
    let mut urls = Vec::new();
    for (tag, attr) in URL_ATTRIBUTES {
        let selector = Selector::parse(&format!("{tag}[{attr}]")).expect("valid selector");
        for el in doc.select(&selector) {
            urls.push((*tag, el.value().attr(attr).unwrap_or_default().to_string()));
        }
    }
    Page { ids, urls, inline }
}

/// Checks one page's HTML on its own: duplicate ids and inline code. Lets a test
/// feed raw HTML that the build would never write.
pub fn check_html(rel: &str, html: &str) -> Vec<String> {
    let page = parse_page(html);
    own_problems(rel, &page)
}

fn own_problems(rel: &str, page: &Page) -> Vec<String> {
    let mut problems: Vec<String> = page
        .ids
        .iter()
        .filter(|(_, n)| **n > 1)
        .map(|(id, n)| {
            format!(
                "{rel}: duplicate id '{id}' on {n} elements: a link or label to it is ambiguous"
            )
        })
        .collect();
    problems.extend(page.inline.iter().map(|p| format!("{rel}: {p}")));
    problems
}

/// Checks every HTML page under `public`, whose pages are published at `base_url`.
pub fn check_site(public: &Path, base_url: &str) -> Report {
    let base = Url::parse(base_url).expect("base_url is an absolute URL");
    let files: BTreeSet<String> = walkdir::WalkDir::new(public)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(public).expect("inside public");
            rel.to_string_lossy().replace('\\', "/")
        })
        .collect();
    let dirs: BTreeSet<String> = files
        .iter()
        .flat_map(|f| {
            let parts: Vec<&str> = f.split('/').collect();
            (1..parts.len()).map(move |n| parts[..n].join("/"))
        })
        .collect();
    let pages: BTreeMap<&str, Page> = files
        .iter()
        .filter(|f| f.ends_with(".html"))
        .map(|f| {
            let html = std::fs::read_to_string(public.join(f))
                .unwrap_or_else(|e| panic!("cannot read {f}: {e}"));
            (f.as_str(), parse_page(&html))
        })
        .collect();

    let mut report = Report {
        pages: pages.len(),
        ..Report::default()
    };
    for (rel, page) in &pages {
        report.problems.extend(own_problems(rel, page));
        let here = base.join(rel).expect("page URL");
        for (tag, href) in &page.urls {
            if href
                .trim_start()
                .to_ascii_lowercase()
                .starts_with("javascript:")
            {
                report.problems.push(format!("{rel}: <{tag}> uses a javascript: URL, which a strict Content-Security-Policy blocks"));
                continue;
            }
            if href.starts_with('/') && !href.starts_with("//") {
                report.problems.push(format!(
                    "{rel}: <{tag}> link '{href}' starts at the host's root, so it breaks from disk and under a sub-path"
                ));
                continue;
            }
            let Ok(target) = here.join(href) else {
                report
                    .problems
                    .push(format!("{rel}: <{tag}> has an unparsable URL '{href}'"));
                continue;
            };
            if target.origin() != base.origin() {
                continue; // Another site: a link out, not one of ours to check.
            }
            report.links += 1;
            let Some(path) = target.path().strip_prefix(base.path()) else {
                report.problems.push(format!(
                    "{rel}: link '{href}' leads outside the site ({})",
                    target.path()
                ));
                continue;
            };
            let path = percent_encoding::percent_decode_str(path)
                .decode_utf8_lossy()
                .into_owned();
            let file = if path.is_empty()
                || path.ends_with('/')
                || dirs.contains(path.trim_end_matches('/'))
            {
                report.problems.push(format!(
                    "{rel}: link '{href}' points to a folder; opened from disk that shows a file listing, so link to {}index.html",
                    if path.is_empty() { String::new() } else { format!("{}/", path.trim_end_matches('/')) }
                ));
                continue;
            } else {
                path
            };
            if !files.contains(&file) {
                report.problems.push(format!(
                    "{rel}: broken link '{href}': {file} does not exist"
                ));
                continue;
            }
            let Some(fragment) = target.fragment().filter(|f| !f.is_empty()) else {
                continue;
            };
            report.anchors += 1;
            let id = percent_encoding::percent_decode_str(fragment).decode_utf8_lossy();
            match pages.get(file.as_str()) {
                Some(p) if p.ids.contains_key(id.as_ref()) => {}
                Some(_) => report.problems.push(format!(
                    "{rel}: broken anchor '{href}': {file} has no element with id '{id}'"
                )),
                None => report.problems.push(format!(
                    "{rel}: anchor '{href}' points into {file}, which is not a page"
                )),
            }
        }
    }
    report
}

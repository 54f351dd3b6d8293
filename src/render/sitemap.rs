//! The sitemap: every URL of the site in `sitemap.xml` (the theme's template),
//! or, past what the sitemap protocol allows in one file (50,000 URLs, 50 MB),
//! in parts `sitemap-1.xml`, `sitemap-2.xml`, … made from the same template and
//! listed by a sitemap index at `sitemap.xml`, where robots.txt points either way.

use super::{Job, Planned};
use crate::config::urls;
use tera::Context;

/// The template of the sitemap index; a theme may have its own, else the
/// build's (`BUILTIN_INDEX`) is used.
pub const INDEX_TEMPLATE: &str = "sitemap-index.xml";

/// The sitemap index the build offers when the theme has none.
pub const BUILTIN_INDEX: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
{% for p in parts %}  <sitemap><loc>{{ site.base_url }}{{ p }}</loc></sitemap>
{% endfor %}</sitemapindex>
"#;

/// How much one sitemap file may hold.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub urls: usize,
    pub bytes: usize,
}

/// The sitemap protocol's: 50,000 URLs and 50 MiB (52,428,800 bytes) a file.
pub const PROTOCOL: Limits = Limits {
    urls: 50_000,
    bytes: 52_428_800,
};

/// The bytes a file takes besides its entries' addresses: the XML declaration
/// and root element, with room to spare for a theme's own.
const FILE_OVERHEAD: usize = 1_024;
/// The bytes an entry takes besides its address, escaped: the default
/// template's `  <url><loc></loc></url>` is 25, the rest is room for a theme's.
const ENTRY_OVERHEAD: usize = 128;

/// The sitemap's pages, planned: one job at `sitemap.xml` listing `all` when
/// it fits in one file, else one job per part and the index at `sitemap.xml`.
/// Each part's addresses move into its job; its context is built when the job
/// is made. `context` gives a page's base context from its URL.
pub fn jobs<'a>(
    all: Vec<String>,
    base_url: &str,
    limits: Limits,
    context: impl Fn(&str) -> Context + Copy + Send + 'a,
) -> Vec<Planned<'a>> {
    let lengths: Vec<usize> = split(&all, base_url, limits)
        .iter()
        .map(|part| part.len())
        .collect();
    if lengths.len() <= 1 {
        return vec![Box::new(move || {
            let mut ctx = context(urls::SITEMAP);
            ctx.insert("urls", &all);
            Job::site("sitemap.xml", urls::SITEMAP.into(), ctx, "the sitemap")
        })];
    }
    let names: Vec<String> = (1..=lengths.len()).map(urls::sitemap_part).collect();
    let mut all = all.into_iter();
    let mut jobs: Vec<Planned<'a>> = Vec::with_capacity(lengths.len() + 1);
    for (length, name) in lengths.into_iter().zip(names.clone()) {
        let part: Vec<String> = all.by_ref().take(length).collect();
        jobs.push(Box::new(move || {
            let mut ctx = context(&name);
            ctx.insert("urls", &part);
            Job::site("sitemap.xml", name, ctx, "a part of the sitemap")
        }));
    }
    jobs.push(Box::new(move || {
        let mut ctx = context(urls::SITEMAP);
        ctx.insert("parts", &names);
        Job::site(
            INDEX_TEMPLATE,
            urls::SITEMAP.into(),
            ctx,
            "the sitemap index",
        )
    }));
    jobs
}

/// `all` in runs that each fit `limits`, in order; one run (perhaps empty)
/// when everything fits. An entry's size is estimated from its address.
pub fn split<'a>(all: &'a [String], base_url: &str, limits: Limits) -> Vec<&'a [String]> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut bytes = FILE_OVERHEAD;
    for (i, url) in all.iter().enumerate() {
        let size = ENTRY_OVERHEAD + escaped_len(base_url) + escaped_len(url);
        let full = i - start == limits.urls || bytes + size > limits.bytes;
        if full && i > start {
            parts.push(&all[start..i]);
            start = i;
            bytes = FILE_OVERHEAD;
        }
        bytes += size;
    }
    parts.push(&all[start..]);
    parts
}

/// The length of `text` once escaped for XML (`&amp;` for `&`, …).
fn escaped_len(text: &str) -> usize {
    text.bytes()
        .map(|b| match b {
            b'&' => 5,
            b'<' | b'>' => 4,
            b'"' | b'\'' => 6,
            _ => 1,
        })
        .sum()
}

#[cfg(test)]
mod tests;

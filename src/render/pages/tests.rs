use super::*;
use crate::content::{discover, document};
use crate::render::{site_context, CONTEXTS_MADE};

fn contexts_made() -> usize {
    CONTEXTS_MADE.with(|n| n.get())
}

/// The bundled site, which has a page of every sort: listings, a glossary,
/// group pages, comparisons, contribution forms.
fn bundled() -> Site {
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = crate::config::load(repo).unwrap();
    let found = discover::discover(&config);
    let documents = found
        .documents
        .iter()
        .filter_map(|source| document::parse(&config, source).0)
        .collect();
    Site::assemble(config, documents, &[], &[], found.assets, false).0
}

#[test]
fn planning_the_site_pages_builds_no_context_until_a_page_is_made() {
    let site = bundled();
    let site_ctx = site_context(&site);
    let before = contexts_made();
    let planned = plan_site_pages(&site, &site_ctx);
    assert_eq!(
        contexts_made(),
        before,
        "a context was built while planning"
    );
    let count = planned.len();
    let mut urls = Vec::new();
    for (i, make) in planned.into_iter().enumerate() {
        let job = make();
        assert_eq!(contexts_made(), before + i + 1, "{}", job.url);
        urls.push(job.url);
    }
    assert_eq!(urls.len(), count);
    let contributed = site.config.kinds.iter().find(|k| k.contribute).unwrap();
    let mut expected: Vec<String> = site.config.kinds.iter().map(urls::listing).collect();
    expected.extend([
        urls::HOME.to_string(),
        urls::COMPARISONS.to_string(),
        urls::comparison(compare::rounds(&site)[0]),
        urls::contribute(contributed),
        urls::CONTRIBUTE_INDEX.to_string(),
        urls::SITEMAP.to_string(),
        urls::FEED.to_string(),
    ]);
    for url in expected {
        assert!(urls.contains(&url), "{url} not planned: {urls:?}");
    }
}

#[test]
fn a_listing_holds_each_of_its_documents_once() {
    let site = bundled();
    let site_ctx = site_context(&site);
    let glossary = site.config.glossary_kind.clone().unwrap();
    let mut listings = 0;
    for make in plan_site_pages(&site, &site_ctx) {
        let job = make();
        if !matches!(job.template.as_str(), "listing.html" | "glossary.html") {
            continue;
        }
        listings += 1;
        let ctx = job.ctx.into_json();
        assert!(ctx.get("pages").is_none(), "{} has `pages`", job.url);
        let kind = ctx["kind"]["name"].as_str().unwrap();
        let entries = ctx["listing"]["entries"].as_array().unwrap();
        assert_eq!(entries.len(), site.pages_of(kind).count(), "{}", job.url);
        assert!(entries.iter().all(|e| e["url"].is_string()));
        assert_eq!(job.template == "glossary.html", kind == glossary);
    }
    assert_eq!(listings, site.config.kinds.len());
}

#[test]
fn feed_dates() {
    assert_eq!(rfc3339("2014"), "2014-01-01T00:00:00Z");
    assert_eq!(rfc3339("2014-04"), "2014-04-01T00:00:00Z");
}

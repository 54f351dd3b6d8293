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

#[test]
fn a_listing_longer_than_the_page_size_is_planned_in_pages_each_document_once() {
    let mut site = bundled();
    site.config.listing_page_size = 7;
    let site_ctx = site_context(&site);
    let kind = site.config.kind("praktijkverhaal").unwrap().clone();
    let stories: Vec<String> = site.pages_of(&kind.name).map(|p| p.url.clone()).collect();
    assert_eq!(stories.len(), 31, "the bundled site's practice stories");
    let mut pages = Vec::new();
    let mut glossaries = 0;
    for make in plan_site_pages(&site, &site_ctx) {
        let job = make();
        if job.template == "glossary.html" {
            glossaries += 1;
            let entries = job.ctx.get("entries").unwrap().as_array().unwrap().len();
            let begrippen = site
                .pages_of(site.config.glossary_kind.as_deref().unwrap())
                .count();
            assert!(
                begrippen > 7 && entries == begrippen,
                "the glossary stays one page"
            );
        }
        if job.template == "listing.html" && job.url.starts_with(&format!("{}/", kind.folder)) {
            pages.push((job.url.clone(), job.ctx.into_json()));
        }
    }
    assert_eq!(glossaries, 1);
    let urls: Vec<&str> = pages.iter().map(|(u, _)| u.as_str()).collect();
    assert_eq!(
        urls,
        [
            "praktijkverhalen/index.html",
            "praktijkverhalen/pagina/2.html",
            "praktijkverhalen/pagina/3.html",
            "praktijkverhalen/pagina/4.html",
            "praktijkverhalen/pagina/5.html"
        ]
    );
    let mut listed = Vec::new();
    for (n, (_, ctx)) in pages.iter().enumerate() {
        let listing = &ctx["listing"];
        let pager = &listing["pager"];
        assert_eq!(pager["number"], n + 1);
        assert_eq!(
            (pager["count"].as_u64(), pager["total"].as_u64()),
            (Some(5), Some(31))
        );
        assert_eq!(
            listing["tools"], false,
            "the tools would filter one page only"
        );
        for entry in listing["entries"].as_array().unwrap() {
            listed.push(entry["url"].as_str().unwrap().to_string());
        }
    }
    assert_eq!(listed, stories, "every story once, in the listing's order");
    assert_eq!(
        pages[2].1["listing"]["pager"]["previous"],
        "praktijkverhalen/pagina/2.html"
    );
    assert_eq!(
        pages[4].1["listing"]["pager"]["next"],
        serde_json::Value::Null
    );
    let sitemap = sitemap_urls(&site);
    for url in urls {
        assert!(sitemap.iter().any(|u| u == url), "{url} not in the sitemap");
    }
}

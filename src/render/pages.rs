//! The pages about the site as a whole, planned (`Planned`: each page's
//! context is built when its job is made): home, a listing per kind, the
//! menu's group pages, comparisons, the contribution forms, search, the
//! accessibility statement, 404, sitemap and feed. Documents' own pages are
//! `document_job`'s.

use super::{base_context, compare, context, sitemap, Job, Planned};
use crate::config::{urls, Compare, Kind};
use crate::contribute;
use crate::render::context::{DocLink, SiteCtx};
use crate::site::Site;
use serde::Serialize;
use std::sync::{Arc, LazyLock};

/// The pages about the site as a whole: home, listings, comparisons, 404,
/// sitemap and feed, planned: no page's context is built until its job is
/// made (`Planned`), so the plan holds none of them.
pub fn plan_site_pages<'a>(site: &'a Site, site_ctx: &'a SiteCtx) -> Vec<Planned<'a>> {
    let config = &site.config;
    let mut jobs: Vec<Planned<'a>> = vec![Box::new(move || home(site, site_ctx))];
    for kind in &config.kinds {
        let count = listing_pages(site, kind);
        for number in 1..=count {
            jobs.push(Box::new(move || {
                listing(site, site_ctx, kind, number, count)
            }));
        }
    }
    for item in &config.menu {
        let Some(group) = &item.group else { continue };
        jobs.push(Box::new(move || {
            group_page(site, site_ctx, &item.url, &item.label, group)
        }));
    }
    if let Some(compare) = &config.compare {
        // Every round's data, made once by the first of these pages to be
        // made and dropped with the last: the overview lists them all.
        let numbers = compare::rounds(site);
        // A round's page needs its data; without the compared kind there is none.
        let count = match config.kind(&compare.kind) {
            Some(_) => numbers.len(),
            None => 0,
        };
        let rounds: Arc<LazyLock<Vec<compare::Round>, _>> = Arc::new(LazyLock::new(move || {
            numbers
                .into_iter()
                .filter_map(|r| compare::round(site, r))
                .collect()
        }));
        let overview = Arc::clone(&rounds);
        jobs.push(Box::new(move || comparisons(site, site_ctx, &overview)));
        for i in 0..count {
            let rounds = Arc::clone(&rounds);
            jobs.push(Box::new(move || comparison(site_ctx, compare, &rounds[i])));
        }
    }
    jobs.extend(contribute_pages(site, site_ctx));
    jobs.push(Box::new(move || {
        // The search page: the client fills it in (see static/search-ui.js).
        let ctx = base_context(site_ctx, urls::SEARCH, "Zoeken", None);
        Job::site("zoeken.html", urls::SEARCH.into(), ctx, "the search page")
    }));
    if let Some(statement) = &config.accessibility {
        jobs.push(Box::new(move || {
            let title = "Toegankelijkheidsverklaring";
            let mut ctx = base_context(site_ctx, urls::ACCESSIBILITY, title, None);
            ctx.insert("statement", statement);
            let what = "the accessibility statement";
            Job::site(
                "toegankelijkheid.html",
                urls::ACCESSIBILITY.into(),
                ctx,
                what,
            )
        }));
    }
    jobs.push(Box::new(move || {
        // 404: its links are relative to the site root, where it lies, like
        // the home page's (see README, "Output": from disk and for missing
        // pages at the top level they work; no base_url, which may be a
        // placeholder).
        let ctx = base_context(site_ctx, urls::NOT_FOUND, "Pagina niet gevonden", None);
        Job::site("404.html", urls::NOT_FOUND.into(), ctx, "the 404 page")
    }));
    jobs.extend(sitemap::jobs(
        sitemap_urls(site),
        &config.base_url,
        sitemap::PROTOCOL,
        move |url| base_context(site_ctx, url, "", None),
    ));
    jobs.push(Box::new(move || feed(site, site_ctx)));
    jobs
}

fn home(site: &Site, site_ctx: &SiteCtx) -> Job {
    let config = &site.config;
    let mut ctx = base_context(site_ctx, urls::HOME, &config.title, None);
    ctx.insert("recent", &recent(site));
    ctx.insert("home", &crate::render::home::context(site, site_ctx));
    if let Some(hub) = &config.hub_kind {
        ctx.insert("hubs", &links_of(site, hub));
    }
    if let Some(tax) = &config.taxonomy_kind {
        ctx.insert("taxonomy", &links_of(site, tax));
    }
    Job::site("home.html", urls::HOME.into(), ctx, "the home page")
}

/// Whether `kind` is the glossary kind, whose listing is the glossary.
fn is_glossary(site: &Site, kind: &Kind) -> bool {
    site.config.glossary_kind.as_deref() == Some(kind.name.as_str())
}

/// How many pages the listing of `kind` has; the glossary's holds every
/// entry in full, on one.
fn listing_pages(site: &Site, kind: &Kind) -> usize {
    match is_glossary(site, kind) {
        true => 1,
        false => crate::render::listing::page_count(site, kind),
    }
}

/// Page `number` of the `count` pages of the listing of `kind`: its
/// documents are in `listing.entries`, once; the glossary kind also gets its
/// entries in full.
fn listing(site: &Site, site_ctx: &SiteCtx, kind: &Kind, number: usize, count: usize) -> Job {
    let url = urls::listing_page(kind, number);
    let title = match count {
        1 => kind.plural.clone(),
        _ => format!("{}, pagina {number} van {count}", kind.plural),
    };
    let mut ctx = base_context(site_ctx, &url, &title, Some(&kind.name));
    ctx.insert("kind", &context::kind(site, kind));
    let listing = crate::render::listing::listing_page(site, kind, number, count);
    ctx.insert("listing", &listing);
    let template = if is_glossary(site, kind) {
        // The glossary's bodies are held in memory (`site::Bodies`), so
        // none fails to be read back.
        let entries: Vec<_> = site
            .pages_of(&kind.name)
            .filter_map(|p| context::document(site, p).ok())
            .collect();
        ctx.insert("entries", &entries);
        "glossary.html"
    } else {
        "listing.html"
    };
    let what = match count {
        1 => format!("the listing of {}", kind.plural),
        _ => format!("page {number} of the listing of {}", kind.plural),
    };
    Job::site(template, url, ctx, &what)
}

/// A menu's group page: several kinds on one page.
fn group_page(
    site: &Site,
    site_ctx: &SiteCtx,
    url: &str,
    label: &str,
    group: &crate::config::navigation::Group,
) -> Job {
    let config = &site.config;
    let mut ctx = base_context(site_ctx, url, label, Some(url));
    let sections: Vec<serde_json::Value> = group
        .kinds
        .iter()
        .filter_map(|k| config.kind(k))
        .map(|k| {
            serde_json::json!({
                "kind": context::kind(site, k),
                "pages": links_of(site, &k.name),
            })
        })
        .collect();
    ctx.insert("group", group);
    ctx.insert("sections", &sections);
    let what = format!("the menu page {url} (template groep.html)");
    Job::site("groep.html", url.into(), ctx, &what)
}

fn comparisons(site: &Site, site_ctx: &SiteCtx, rounds: &[compare::Round]) -> Job {
    let config = &site.config;
    let title = "Gemeenten vergelijken";
    let mut ctx = base_context(site_ctx, urls::COMPARISONS, title, Some("vergelijken"));
    ctx.insert("rounds", rounds);
    ctx.insert("dictionary_url", urls::DICTIONARY_CSV);
    let compared = config.compare.as_ref().and_then(|c| config.kind(&c.kind));
    ctx.insert("compared", &compared.map(|k| context::kind(site, k)));
    let what = "the comparisons page";
    Job::site("vergelijken.html", urls::COMPARISONS.into(), ctx, what)
}

fn comparison(site_ctx: &SiteCtx, compare: &Compare, round: &compare::Round) -> Job {
    let title = format!("Vergelijking meetronde {}", round.round);
    let mut ctx = base_context(site_ctx, &round.url, &title, Some("vergelijken"));
    ctx.insert("round", round);
    ctx.insert("dictionary_url", urls::DICTIONARY_CSV);
    ctx.insert("subject_field", &compare.subject);
    let what = format!("the comparison of round {}", round.round);
    Job::site("vergelijking.html", round.url.clone(), ctx, &what)
}

fn feed(site: &Site, site_ctx: &SiteCtx) -> Job {
    let mut ctx = base_context(site_ctx, urls::FEED, "", None);
    let entries = recent(site);
    ctx.insert(
        "updated",
        &entries
            .first()
            .and_then(|e| e.date.clone())
            .map(|d| rfc3339(&d)),
    );
    let entries: Vec<_> = entries
        .into_iter()
        .map(|e| FeedEntry {
            updated: rfc3339(e.date.as_deref().unwrap_or("")),
            link: e,
        })
        .collect();
    ctx.insert("entries", &entries);
    Job::site("feed.xml", urls::FEED.into(), ctx, "the feed")
}

#[derive(Serialize)]
struct ContributeCtx<'a> {
    new_file_url: Option<&'a str>,
    help_url: Option<&'a str>,
    /// The exported schema and earlier documents, relative to the site root.
    schema_url: String,
}

/// What every contribution page reads: made by the first of them to be made,
/// dropped with the last.
struct Contributing<'a> {
    settings: ContributeCtx<'a>,
    catalog: contribute::Catalog,
}

impl<'a> Contributing<'a> {
    fn of(site: &'a Site) -> Contributing<'a> {
        let config = &site.config;
        let exported = contribute::export::files(site);
        let settings = ContributeCtx {
            new_file_url: config.contribute.new_file_url.as_deref(),
            help_url: config.contribute.help_url.as_deref(),
            schema_url: exported
                .first()
                .map(|f| f.rel_path.clone())
                .unwrap_or_default(),
        };
        let catalog = contribute::Catalog::from_site(site);
        Contributing { settings, catalog }
    }
}

/// The contribution pages: one form per kind marked `contribute`, and a page
/// listing them. The forms are made from the schema; a script checks them in
/// the browser with the exported schema (`contribute::export`).
fn contribute_pages<'a>(site: &'a Site, site_ctx: &'a SiteCtx) -> Vec<Planned<'a>> {
    let config = &site.config;
    let kinds: Vec<&Kind> = config.kinds.iter().filter(|k| k.contribute).collect();
    if kinds.is_empty() {
        return Vec::new();
    }
    let shared = Arc::new(LazyLock::new(move || Contributing::of(site)));
    let mut jobs: Vec<Planned<'a>> = Vec::new();
    for &kind in &kinds {
        let shared = Arc::clone(&shared);
        jobs.push(Box::new(move || {
            let Contributing { settings, catalog } = &**shared;
            let url = urls::contribute(kind);
            let title = format!("{} toevoegen", kind.label);
            let mut ctx = base_context(site_ctx, &url, &title, Some("bijdragen"));
            ctx.insert("form", &contribute::form(config, kind, catalog, true));
            ctx.insert("kind", &context::kind(site, kind));
            ctx.insert("contribute", settings);
            let what = format!("the contribution form for {}", kind.name);
            Job::site("bijdragen.html", url, ctx, &what)
        }));
    }
    jobs.push(Box::new(move || {
        let url = urls::CONTRIBUTE_INDEX;
        let mut ctx = base_context(site_ctx, url, "Bijdragen", Some("bijdragen"));
        let kind_ctxs: Vec<context::KindCtx> =
            kinds.iter().map(|k| context::kind(site, k)).collect();
        ctx.insert("kinds", &kind_ctxs);
        ctx.insert("contribute", &shared.settings);
        let what = "the list of contribution forms";
        Job::site("bijdragen_index.html", url.into(), ctx, what)
    }));
    jobs
}

#[derive(Serialize)]
struct FeedEntry {
    #[serde(flatten)]
    link: DocLink,
    updated: String,
}

fn links_of(site: &Site, kind: &str) -> Vec<DocLink> {
    site.pages_of(kind)
        .map(|p| context::link(&site.config, p))
        .collect()
}

/// Dated documents, newest first, for the home page and the feed.
fn recent(site: &Site) -> Vec<DocLink> {
    let mut dated: Vec<DocLink> = site
        .pages
        .iter()
        .filter_map(|p| p.date(&site.config).map(|_| context::link(&site.config, p)))
        .collect();
    dated.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.title.cmp(&b.title)));
    dated.truncate(site.config.feed_limit);
    dated
}

/// `2014` -> `2014-01-01T00:00:00Z`, for Atom.
fn rfc3339(date: &str) -> String {
    let mut parts = date.split('-');
    let y = parts.next().filter(|y| !y.is_empty()).unwrap_or("1970");
    let m = parts.next().unwrap_or("01");
    let d = parts.next().unwrap_or("01");
    format!("{y}-{m}-{d}T00:00:00Z")
}

/// Every URL the sitemap lists: home, the listings, the menu's group pages,
/// the comparisons, the accessibility statement, then every document's page.
fn sitemap_urls(site: &Site) -> Vec<String> {
    let config = &site.config;
    let mut all_urls = vec![urls::HOME.to_string()];
    for kind in &config.kinds {
        let count = listing_pages(site, kind);
        all_urls.extend((1..=count).map(|n| urls::listing_page(kind, n)));
    }
    all_urls.extend(
        config
            .menu
            .iter()
            .filter(|i| i.group.is_some())
            .map(|i| i.url.clone()),
    );
    if config.compare.is_some() {
        all_urls.push(urls::COMPARISONS.into());
        all_urls.extend(compare::rounds(site).into_iter().map(urls::comparison));
    }
    if config.accessibility.is_some() {
        all_urls.push(urls::ACCESSIBILITY.into());
    }
    all_urls.extend(site.pages.iter().map(|p| p.url.clone()));
    all_urls
}

#[cfg(test)]
mod tests;

//! Rendering the `Site` with the theme's Tera templates into output files.
//! Does no I/O beyond loading the templates (`templates`): each page goes to a
//! `Sink` as soon as it is rendered (`stream`; `output` writes them to disk),
//! beside the files copied as they are (`assets`). Template problems become
//! diagnostics naming the template.

pub mod compare;
pub mod context;
pub mod downloads;
pub mod glossary;
pub mod home;
pub mod listing;
pub mod opendata;
pub mod style;

use crate::config::urls;
use crate::contribute;
use crate::diagnostics::Diagnostic;
use crate::output::ownership::{self, Origin};
use crate::output::sink::Sink;
use crate::render::context::DocLink;
use crate::site::{Page, Site};
use rayon::prelude::*;
use serde::Serialize;
use std::path::Path;
use tera::{Context, Tera};

pub use crate::output::sink::{Contents, OutputFile};

mod templates;
pub use templates::{load_templates, template_dir, template_error};

mod stream;
use stream::Stream;

mod assets;
use assets::static_files;

#[derive(Serialize)]
struct PageCtx<'a> {
    title: &'a str,
    url: &'a str,
    kind: Option<&'a str>,
}

/// What every template sees as `site`, the comparison's downloads included.
pub fn site_context(site: &Site) -> context::SiteCtx {
    context::SiteCtx {
        downloads: crate::render::downloads::list(site),
        ..context::site(site)
    }
}

pub fn base_context(
    site_ctx: &context::SiteCtx,
    url: &str,
    title: &str,
    kind: Option<&str>,
) -> Context {
    let mut ctx = Context::new();
    ctx.insert("site", site_ctx);
    ctx.insert("root", &urls::root_prefix(url));
    ctx.insert("page", &PageCtx { title, url, kind });
    ctx
}

/// One page to render: a template, where the page goes, and everything it sees.
/// The output is a function of the loaded templates and these three alone.
pub struct Job {
    pub template: String,
    pub url: String,
    pub ctx: Context,
    pub origin: Origin,
}

/// Renders every page of the site into `sink`, each as soon as it is made: a
/// document's context is built just before its page and dropped with it, so
/// no stage holds every page. Returns the diagnostics (`finish`'s) and the
/// first error the sink gave, after which nothing more is put.
pub fn render_into(
    site: &Site,
    tera: &Tera,
    sink: &dyn Sink,
) -> (Vec<Diagnostic>, Option<anyhow::Error>) {
    let template_dir = template_dir(&site.config);
    let site_ctx = site_context(site);
    let stream = Stream::new(sink);
    let (leading, mut diagnostics) = leading_files(site);
    let mut claims: Vec<(String, Origin)> = leading.into_iter().map(|f| stream.put(f)).collect();
    let render = |job: &Job| match render_job(tera, &template_dir, job) {
        Ok(file) => Ok(stream.put(file)),
        Err(d) => Err(d),
    };
    let mut results: Vec<Result<(String, Origin), Diagnostic>> = plan_site_pages(site, &site_ctx)
        .par_iter()
        .map(render)
        .collect();
    let documents: Vec<_> = site
        .pages
        .par_iter()
        .map(|page| render(&document_job(site, &site_ctx, page)))
        .collect();
    results.extend(documents);
    for result in results {
        match result {
            Ok(claim) => claims.push(claim),
            Err(d) => report_once(&mut diagnostics, d),
        }
    }
    claims.extend(trailing_files(site).into_iter().map(|f| stream.put(f)));
    claims.sort_by(|a, b| a.0.cmp(&b.0));
    diagnostics.extend(ownership::check(
        claims.iter().map(|(p, o)| (p.as_str(), o)),
    ));
    (diagnostics, stream.into_error())
}

/// Renders one page.
pub fn render_job(tera: &Tera, template_dir: &Path, job: &Job) -> Result<OutputFile, Diagnostic> {
    tera.render(&job.template, &job.ctx)
        .map(|html| OutputFile {
            rel_path: job.url.clone(),
            contents: Contents::Bytes(html.into_bytes()),
            origin: job.origin.clone(),
        })
        .map_err(|err| template_error(template_dir, &err))
}

/// Whether a document's page also shows data of other documents beyond what
/// `context::dependencies` names: subjects of the comparison get a timeline.
pub fn has_timeline(site: &Site, page: &Page) -> bool {
    compare::subject_kind(&site.config) == Some(page.doc.kind.as_str())
}

/// The page of one document; subjects of the comparison also get their timeline.
pub fn document_job(site: &Site, site_ctx: &context::SiteCtx, page: &Page) -> Job {
    let kind = site.config.kind(&page.doc.kind).expect("declared kind");
    let mut ctx = base_context(site_ctx, &page.url, &page.doc.title, Some(&kind.name));
    ctx.insert("doc", &context::document(site, page));
    let mentioned: Vec<context::DocLink> = if crate::site::mentions::applies(site, page) {
        crate::site::mentions::hubs(site, page)
            .into_iter()
            .map(|p| context::link(&site.config, p))
            .collect()
    } else {
        Vec::new()
    };
    ctx.insert("mentioned_by", &mentioned);
    if has_timeline(site, page) {
        if let Some(timeline) = compare::timeline(site, &page.doc.slug) {
            ctx.insert("timeline", &timeline);
        }
    }
    Job {
        template: kind.template.clone(),
        url: page.url.clone(),
        ctx,
        origin: Origin::Document {
            source: page.doc.display.clone(),
            kind: kind.name.clone(),
        },
    }
}

/// A page about the whole site, made from `template`.
fn site_job(template: &str, url: String, ctx: Context, what: &str) -> Job {
    Job {
        template: template.into(),
        origin: Origin::Generated(format!("{what} (template {template})")),
        url,
        ctx,
    }
}

/// The pages about the site as a whole: home, listings, comparisons, 404,
/// sitemap and feed.
pub fn plan_site_pages(site: &Site, site_ctx: &context::SiteCtx) -> Vec<Job> {
    let config = &site.config;
    let mut jobs: Vec<Job> = Vec::new();

    // Home.
    let mut ctx = base_context(site_ctx, urls::HOME, &config.title, None);
    ctx.insert("recent", &recent(site));
    ctx.insert("home", &home::context(site, site_ctx));
    if let Some(hub) = &config.hub_kind {
        ctx.insert("hubs", &links_of(site, hub));
    }
    if let Some(tax) = &config.taxonomy_kind {
        ctx.insert("taxonomy", &links_of(site, tax));
    }
    jobs.push(site_job(
        "home.html",
        urls::HOME.into(),
        ctx,
        "the home page",
    ));

    // A listing per kind; the glossary kind gets its entries in full.
    for kind in &config.kinds {
        let url = urls::listing(kind);
        let mut ctx = base_context(site_ctx, &url, &kind.plural, Some(&kind.name));
        ctx.insert("kind", &context::kind(site, kind));
        ctx.insert("pages", &links_of(site, &kind.name));
        ctx.insert("listing", &crate::render::listing::listing(site, kind));
        let template = if config.glossary_kind.as_deref() == Some(kind.name.as_str()) {
            let entries: Vec<_> = site
                .pages_of(&kind.name)
                .map(|p| context::document(site, p))
                .collect();
            ctx.insert("entries", &entries);
            "glossary.html"
        } else {
            "listing.html"
        };
        let what = format!("the listing of {}", kind.plural);
        jobs.push(site_job(template, url, ctx, &what));
    }

    // The menu's group pages: several kinds on one page.
    for item in &config.menu {
        let Some(group) = &item.group else { continue };
        let mut ctx = base_context(site_ctx, &item.url, &item.label, Some(&item.url));
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
        let what = format!("the menu page {} (template groep.html)", item.url);
        jobs.push(site_job("groep.html", item.url.clone(), ctx, &what));
    }

    if config.compare.is_some() {
        let rounds: Vec<compare::Round> = compare::rounds(site)
            .into_iter()
            .filter_map(|r| compare::round(site, r))
            .collect();
        let mut ctx = base_context(
            site_ctx,
            urls::COMPARISONS,
            "Gemeenten vergelijken",
            Some("vergelijken"),
        );
        ctx.insert("rounds", &rounds);
        ctx.insert("dictionary_url", urls::DICTIONARY_CSV);
        let compared = config.compare.as_ref().and_then(|c| config.kind(&c.kind));
        ctx.insert("compared", &compared.map(|k| context::kind(site, k)));
        jobs.push(site_job(
            "vergelijken.html",
            urls::COMPARISONS.into(),
            ctx,
            "the comparisons page",
        ));
        for round in &rounds {
            let title = format!("Vergelijking meetronde {}", round.round);
            let mut ctx = base_context(site_ctx, &round.url, &title, Some("vergelijken"));
            ctx.insert("round", round);
            ctx.insert("dictionary_url", urls::DICTIONARY_CSV);
            let subject = config.compare.as_ref().map(|c| c.subject.as_str());
            ctx.insert("subject_field", &subject);
            let what = format!("the comparison of round {}", round.round);
            jobs.push(site_job("vergelijking.html", round.url.clone(), ctx, &what));
        }
    }

    jobs.extend(contribute_pages(site, site_ctx));

    // The search page: the client fills it in (see static/search-ui.js).
    let ctx = base_context(site_ctx, urls::SEARCH, "Zoeken", None);
    jobs.push(site_job(
        "zoeken.html",
        urls::SEARCH.into(),
        ctx,
        "the search page",
    ));

    if let Some(statement) = &config.accessibility {
        let mut ctx = base_context(
            site_ctx,
            urls::ACCESSIBILITY,
            "Toegankelijkheidsverklaring",
            None,
        );
        ctx.insert("statement", statement);
        jobs.push(site_job(
            "toegankelijkheid.html",
            urls::ACCESSIBILITY.into(),
            ctx,
            "the accessibility statement",
        ));
    }

    // 404: its links are relative to the site root, where it lies, like the
    // home page's (see README, "Output": from disk and for missing pages at
    // the top level they work; no base_url, which may be a placeholder).
    let ctx = base_context(site_ctx, urls::NOT_FOUND, "Pagina niet gevonden", None);
    jobs.push(site_job(
        "404.html",
        urls::NOT_FOUND.into(),
        ctx,
        "the 404 page",
    ));

    let mut ctx = base_context(site_ctx, urls::SITEMAP, "", None);
    let mut all_urls = vec![urls::HOME.to_string()];
    all_urls.extend(config.kinds.iter().map(urls::listing));
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
    ctx.insert("urls", &all_urls);
    jobs.push(site_job(
        "sitemap.xml",
        urls::SITEMAP.into(),
        ctx,
        "the sitemap",
    ));

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
    jobs.push(site_job("feed.xml", urls::FEED.into(), ctx, "the feed"));

    jobs
}

#[derive(Serialize)]
struct ContributeCtx<'a> {
    new_file_url: Option<&'a str>,
    help_url: Option<&'a str>,
    /// The exported schema and earlier documents, relative to the site root.
    schema_url: String,
}

/// The contribution pages: one form per kind marked `contribute`, and a page
/// listing them. The forms are made from the schema; a script checks them in
/// the browser with the exported schema (`contribute::export`).
fn contribute_pages(site: &Site, site_ctx: &context::SiteCtx) -> Vec<Job> {
    let config = &site.config;
    let kinds: Vec<&crate::config::Kind> = config.kinds.iter().filter(|k| k.contribute).collect();
    if kinds.is_empty() {
        return Vec::new();
    }
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
    let mut jobs = Vec::new();
    for kind in &kinds {
        let url = urls::contribute(kind);
        let title = format!("{} toevoegen", kind.label);
        let mut ctx = base_context(site_ctx, &url, &title, Some("bijdragen"));
        ctx.insert("form", &contribute::form(config, kind, &catalog, true));
        ctx.insert("kind", &context::kind(site, kind));
        ctx.insert("contribute", &settings);
        jobs.push(Job {
            template: "bijdragen.html".into(),
            origin: Origin::Generated(format!(
                "the contribution form for {} (template bijdragen.html)",
                kind.name
            )),
            url,
            ctx,
        });
    }
    let mut ctx = base_context(
        site_ctx,
        urls::CONTRIBUTE_INDEX,
        "Bijdragen",
        Some("bijdragen"),
    );
    let kind_ctxs: Vec<context::KindCtx> = kinds.iter().map(|k| context::kind(site, k)).collect();
    ctx.insert("kinds", &kind_ctxs);
    ctx.insert("contribute", &settings);
    jobs.push(Job {
        template: "bijdragen_index.html".into(),
        url: urls::CONTRIBUTE_INDEX.into(),
        ctx,
        origin: Origin::Generated(
            "the list of contribution forms (template bijdragen_index.html)".into(),
        ),
    });
    jobs
}

/// The open-data exports of the comparison (CSV and JSON per round, and the
/// data dictionary); made from the site, not from templates.
pub fn data_files(site: &Site) -> (Vec<OutputFile>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    if site.config.compare.is_none() {
        return (files, diagnostics);
    }
    let rounds = compare::rounds(site)
        .into_iter()
        .filter_map(|r| compare::round(site, r));
    for round in rounds {
        let exports = [
            ("csv", opendata::round_csv(site, round.round)),
            ("json", opendata::round_json(site, round.round)),
            ("excel", opendata::excel::round_csv(site, round.round)),
        ];
        for (ext, bytes) in exports {
            let rel_path = if ext == "excel" {
                urls::spreadsheet(round.round)
            } else {
                urls::open_data(round.round, ext)
            };
            match bytes {
                Ok(bytes) => files.push(OutputFile {
                    rel_path,
                    contents: Contents::Bytes(bytes),
                    origin: Origin::Generated(format!(
                        "the open data of round {} ({ext})",
                        round.round
                    )),
                }),
                Err(err) => diagnostics.push(Diagnostic::error(
                    &rel_path,
                    0,
                    0,
                    format!("cannot export: {err:#}"),
                )),
            }
        }
    }
    match opendata::xlsx::workbook(site, "Zelfscores per meetronde") {
        Ok(bytes) => files.push(OutputFile {
            rel_path: urls::WORKBOOK.into(),
            contents: Contents::Bytes(bytes),
            origin: Origin::Generated("the Excel workbook of every round".into()),
        }),
        Err(err) => diagnostics.push(Diagnostic::error(
            urls::WORKBOOK,
            0,
            0,
            format!("cannot export: {err:#}"),
        )),
    }
    match opendata::dictionary_csv(site) {
        Ok(bytes) => files.push(OutputFile {
            rel_path: urls::DICTIONARY_CSV.into(),
            contents: Contents::Bytes(bytes),
            origin: Origin::Generated("the column dictionary of the open data".into()),
        }),
        Err(err) => diagnostics.push(Diagnostic::error(
            urls::DICTIONARY_CSV,
            0,
            0,
            format!("cannot export: {err:#}"),
        )),
    }
    (files, diagnostics)
}

/// The rendered pages plus the files that need no template (exports,
/// robots.txt, static files, content assets), sorted by path; template errors
/// reported once each.
pub fn finish(
    site: &Site,
    results: Vec<Result<OutputFile, Diagnostic>>,
) -> (Vec<OutputFile>, Vec<Diagnostic>) {
    let (mut files, mut diagnostics) = leading_files(site);
    for result in results {
        match result {
            Ok(file) => files.push(file),
            Err(d) => report_once(&mut diagnostics, d),
        }
    }
    files.extend(trailing_files(site));
    files.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
    diagnostics.extend(ownership::check(
        files.iter().map(|f| (f.rel_path.as_str(), &f.origin)),
    ));
    (files, diagnostics)
}

/// One broken template fails every page that uses it; report it once.
fn report_once(diagnostics: &mut Vec<Diagnostic>, d: Diagnostic) {
    if !diagnostics
        .iter()
        .any(|e| e.path == d.path && e.message == d.message)
    {
        diagnostics.push(d);
    }
}

/// The files that need no template and come before the pages: the open-data
/// exports and the schema of the contribution forms. (Of two producers of
/// one path, the first of equal rank is the one a diagnostic names.)
fn leading_files(site: &Site) -> (Vec<OutputFile>, Vec<Diagnostic>) {
    let (mut files, diagnostics) = data_files(site);
    files.extend(
        contribute::export::files(site)
            .into_iter()
            .map(|f| OutputFile {
                rel_path: f.rel_path,
                contents: Contents::Bytes(f.bytes),
                origin: Origin::Generated("the schema of the contribution forms".into()),
            }),
    );
    (files, diagnostics)
}

/// The files that need no template and come after the pages: robots.txt, the
/// theme's static files, the content assets and the design-token stylesheet.
fn trailing_files(site: &Site) -> Vec<OutputFile> {
    let config = &site.config;
    let mut files = vec![OutputFile {
        rel_path: urls::ROBOTS.into(),
        contents: Contents::Bytes(
            format!(
                "User-agent: *\nAllow: /\nSitemap: {}{}\n",
                config.base_url,
                urls::SITEMAP
            )
            .into_bytes(),
        ),
        origin: Origin::Generated("robots.txt".into()),
    }];
    files.extend(static_files(site));
    files.extend(crate::render::style::files(
        &config.style,
        &config.theme_dir,
    ));
    files
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feed_dates() {
        assert_eq!(rfc3339("2014"), "2014-01-01T00:00:00Z");
        assert_eq!(rfc3339("2014-04"), "2014-04-01T00:00:00Z");
    }
}

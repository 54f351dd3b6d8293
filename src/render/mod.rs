//! Rendering the `Site` with the theme's Tera templates into output files.
//! Does no I/O beyond loading the templates (`templates`): each page goes to a
//! `Sink` as soon as it is rendered (`stream`; `output` writes them to disk).
//! This module renders a document's page and drives the whole; `pages` plans
//! the pages about the site as a whole, `files` makes the files that need no
//! template (open data, robots.txt, the theme's `assets`). Template problems
//! become diagnostics naming the template.

pub mod compare;
pub mod context;
pub mod downloads;
pub mod glossary;
pub mod home;
pub mod listing;
pub mod opendata;
pub mod pager;
pub mod style;

use crate::config::urls;
use crate::diagnostics::Diagnostic;
use crate::output::ownership::{self, Origin};
use crate::output::sink::Sink;
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

mod pages;
pub mod sitemap;
pub use pages::plan_site_pages;

mod files;
pub use files::data_files;
use files::{leading_files, trailing_files};

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
    #[cfg(test)]
    CONTEXTS_MADE.with(|n| n.set(n.get() + 1));
    let mut ctx = Context::new();
    ctx.insert("site", site_ctx);
    ctx.insert("root", &urls::root_prefix(url));
    ctx.insert("page", &PageCtx { title, url, kind });
    ctx
}

#[cfg(test)]
thread_local! {
    /// How many page contexts `base_context` began on this thread: tests read
    /// it to see when a planned page's context is built.
    pub(crate) static CONTEXTS_MADE: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// A page planned but not yet made: calling it builds the page's context.
/// A plan holds none of its pages' data, so that rendering a plan holds the
/// contexts of the pages being rendered only, one per thread (issue 14).
pub type Planned<'a> = Box<dyn FnOnce() -> Job + Send + 'a>;

/// One page to render: a template, where the page goes, and everything it sees.
/// The output is a function of the loaded templates and these three alone.
pub struct Job {
    pub template: String,
    pub url: String,
    pub ctx: Context,
    pub origin: Origin,
}

impl Job {
    /// A page about the site as a whole, made from `template`; `what` names
    /// it in diagnostics.
    pub fn site(template: &str, url: String, ctx: Context, what: &str) -> Job {
        Job {
            template: template.into(),
            origin: Origin::Generated(format!("{what} (template {template})")),
            url,
            ctx,
        }
    }
}

/// Renders every page of the site into `sink`, each as soon as it is made: a
/// page's context (a document's or a site page's, `Planned`) is built just
/// before its page and dropped with it, so no stage holds every page. Returns the diagnostics (`finish`'s) and the
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
        .into_par_iter()
        .map(|make| render(&make()))
        .collect();
    let documents: Vec<_> = site
        .pages
        .par_iter()
        .map(|page| document_job(site, &site_ctx, page).and_then(|job| render(&job)))
        .collect();
    results.extend(documents);
    for result in results {
        match result {
            Ok(claim) => claims.push(claim),
            Err(d) => report_once(&mut diagnostics, d),
        }
    }
    let (trailing, found) = trailing_files(site);
    diagnostics.extend(found);
    claims.extend(trailing.into_iter().map(|f| stream.put(f)));
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

/// Whether a document's page shows a timeline: subjects of the comparison do.
fn has_timeline(site: &Site, page: &Page) -> bool {
    compare::subject_kind(&site.config) == Some(page.doc.kind.as_str())
}

/// The page of one document; subjects of the comparison also get their
/// timeline. Fails when the body cannot be read back (`Site::body`).
pub fn document_job(
    site: &Site,
    site_ctx: &context::SiteCtx,
    page: &Page,
) -> Result<Job, Diagnostic> {
    let kind = site.config.kind(&page.doc.kind).expect("declared kind");
    let mut ctx = base_context(site_ctx, &page.url, &page.doc.title, Some(&kind.name));
    ctx.insert("doc", &context::document(site, page)?);
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
    Ok(Job {
        template: kind.template.clone(),
        url: page.url.clone(),
        ctx,
        origin: Origin::Document {
            source: page.doc.display.clone(),
            kind: kind.name.clone(),
        },
    })
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
    let (trailing, found) = trailing_files(site);
    files.extend(trailing);
    diagnostics.extend(found);
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

//! What `serve` keeps between rebuilds so that a change costs what it touches:
//! documents read and parsed (reused while their text is the same), bodies
//! rendered (`site::BodyCache`), the loaded templates, and every rendered page
//! with what it was rendered from. `build::run_with` drives the pipeline; this
//! module only decides what can be reused, and everything reused is keyed by
//! all of its inputs, so a rebuild gives the bytes a fresh build gives.

use crate::config::Config;
use crate::context;
use crate::diagnostics::Diagnostic;
use crate::discover::{ReadCache, SourceFile};
use crate::document::{self, Document};
use crate::render::{self, Contents, Job, OutputFile};
use crate::site::{BodyCache, Page, Site};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tera::Tera;

type Parsed = (Option<Document>, Vec<Diagnostic>);

/// What a page was rendered from. Pages about the whole site (home, listings,
/// feed, …) are few and keep their full context. A document's page keeps a
/// cheaper key: the version of its own page and of every page whose data its
/// context holds (`context::dependencies`), so an unaffected page is reused
/// without building its context at all.
#[derive(PartialEq)]
enum Key {
    Context(String, tera::Context),
    Document(String, Vec<(String, Option<u64>)>),
}

struct RenderedPage {
    key: Key,
    result: Result<Arc<[u8]>, Diagnostic>,
}

/// Work kept from earlier runs of the pipeline. Valid for one `Config`: call
/// `clear` when `site.toml` changes.
#[derive(Default)]
pub struct Memo {
    pub(crate) reads: ReadCache,
    parsed: HashMap<PathBuf, (SourceFile, Parsed)>,
    /// Files parsed (not reused) by the last run.
    parsed_now: HashSet<PathBuf>,
    pub(crate) bodies: BodyCache,
    templates: Option<Result<Arc<Tera>, Vec<Diagnostic>>>,
    /// The `site` every template sees; when it changes every page is rendered.
    site_ctx: Option<serde_json::Value>,
    /// slug -> (file, version): a new version whenever the page may have changed.
    versions: HashMap<String, (PathBuf, u64)>,
    next_version: u64,
    pages: HashMap<String, RenderedPage>,
}

impl Memo {
    /// Forgets everything: the configuration (kinds, schema, theme) changed.
    pub fn clear(&mut self) {
        *self = Memo::default();
    }

    /// A file under `content/` changed, appeared or went away. Files are also
    /// re-read when their size or time stamp changes; this catches saves that
    /// change neither (time stamps can be coarser than two quick saves).
    pub fn content_changed(&mut self, path: &Path) {
        self.reads.invalidate(path);
    }

    /// Something under `themes/` changed: templates are loaded again and every
    /// page is rendered again, but no document is read or parsed again.
    pub fn templates_changed(&mut self) {
        self.templates = None;
        self.pages.clear();
    }

    /// Parses the documents, reusing the result for any file whose text, kind and
    /// slug are what they were. Results are in the order of `sources`.
    pub(crate) fn parse(&mut self, config: &Config, sources: &[SourceFile]) -> Vec<Parsed> {
        let previous = &self.parsed;
        let fresh: Vec<Option<Parsed>> = sources
            .par_iter()
            .map(|source| match previous.get(&source.display) {
                Some((seen, _)) if seen == source => None,
                _ => Some(document::parse(config, source)),
            })
            .collect();
        let mut kept = HashMap::with_capacity(sources.len());
        let mut results = Vec::with_capacity(sources.len());
        self.parsed_now.clear();
        for (source, fresh) in sources.iter().zip(fresh) {
            let entry = match (fresh, self.parsed.remove(&source.display)) {
                (None, Some(entry)) => entry,
                (fresh, _) => {
                    self.parsed_now.insert(source.display.clone());
                    let parsed = fresh.unwrap_or_else(|| document::parse(config, source));
                    (source.clone(), parsed)
                }
            };
            results.push(entry.1.clone());
            kept.insert(source.display.clone(), entry);
        }
        self.parsed = kept;
        results
    }

    /// The theme's templates, loaded once until `templates_changed`.
    pub(crate) fn templates(&mut self, config: &Config) -> Result<Arc<Tera>, Vec<Diagnostic>> {
        self.templates
            .get_or_insert_with(|| render::load_templates(config).map(Arc::new))
            .clone()
    }

    /// `render::render`, rendering again only the pages whose inputs changed.
    /// Tera output is a function of the templates and the context (the crate is
    /// built without Tera's clock and random functions), so a page whose key
    /// is unchanged would render to the same bytes.
    pub(crate) fn render(&mut self, site: &Site, tera: &Tera) -> (Vec<OutputFile>, Vec<Diagnostic>) {
        let template_dir = render::template_dir(&site.config);
        let site_ctx = context::site(site);
        let site_value = serde_json::to_value(&site_ctx).ok();
        if self.site_ctx != site_value {
            self.pages.clear();
            self.site_ctx = site_value;
        }
        self.update_versions(site);

        // Every page with its key; a job only for those that must be rendered
        // again (a URL seen twice, which only a failing build has, is rendered).
        let versions = &self.versions;
        let mut keyed: Vec<(Key, Option<Job>)> = render::plan_site_pages(site, &site_ctx)
            .into_iter()
            .map(|job| (Key::Context(job.template.clone(), job.ctx.clone()), Some(job)))
            .collect();
        let site_page_count = keyed.len();
        let doc_keys: Vec<Key> = site
            .pages
            .par_iter()
            .map(|page| document_key(site, page, versions))
            .collect();
        keyed.extend(doc_keys.into_iter().map(|key| (key, None)));
        let mut seen = HashSet::new();
        let mut todo = Vec::new();
        for (i, (key, job)) in keyed.iter().enumerate() {
            let url = match job {
                Some(job) => &job.url,
                None => &site.pages[i - site_page_count].url,
            };
            let unchanged = self.pages.get(url).is_some_and(|done| done.key == *key);
            if !seen.insert(url.clone()) || !unchanged {
                todo.push(i);
            }
        }
        let fresh: Vec<(usize, String, Result<Arc<[u8]>, Diagnostic>)> = todo
            .par_iter()
            .map(|&i| {
                let built;
                let job = match &keyed[i].1 {
                    Some(job) => job,
                    None => {
                        let page = &site.pages[i - site_page_count];
                        built = render::document_job(site, &site_ctx, page);
                        &built
                    }
                };
                (i, job.url.clone(), render_shared(tera, &template_dir, job))
            })
            .collect();

        let mut fresh = fresh.into_iter().peekable();
        let mut pages = HashMap::with_capacity(keyed.len());
        let mut outputs = Vec::with_capacity(keyed.len());
        for (i, (key, job)) in keyed.into_iter().enumerate() {
            let (url, result) = match fresh.next_if(|(j, _, _)| *j == i) {
                Some((_, url, result)) => (url, result),
                None => {
                    let url = job.map_or_else(|| site.pages[i - site_page_count].url.clone(), |j| j.url);
                    let result = match self.pages.get(&url) {
                        Some(done) => done.result.clone(),
                        None => continue, // not reached: pages without a result are in `todo`
                    };
                    (url, result)
                }
            };
            outputs.push(result.clone().map(|bytes| OutputFile {
                rel_path: url.clone(),
                contents: Contents::Shared(bytes),
            }));
            pages.insert(url, RenderedPage { key, result });
        }
        self.pages = pages;
        render::finish(site, outputs)
    }

    /// Gives a new version to every page that may differ from the last run:
    /// parsed again, body rendered again, or now from another file.
    fn update_versions(&mut self, site: &Site) {
        let mut versions = HashMap::with_capacity(site.pages.len());
        for page in &site.pages {
            let display = &page.doc.display;
            let same = !self.parsed_now.contains(display)
                && !self.bodies.was_rendered(display)
                && self
                    .versions
                    .get(&page.doc.slug)
                    .is_some_and(|(file, _)| file == display);
            let version = match self.versions.remove(&page.doc.slug) {
                Some((_, v)) if same => v,
                _ => {
                    self.next_version += 1;
                    self.next_version
                }
            };
            versions.insert(page.doc.slug.clone(), (display.clone(), version));
        }
        self.versions = versions;
    }
}

fn document_key(site: &Site, page: &Page, versions: &HashMap<String, (PathBuf, u64)>) -> Key {
    let version = |slug: &str| versions.get(slug).map(|(_, v)| *v);
    let mut deps = vec![(page.doc.slug.clone(), version(&page.doc.slug))];
    deps.extend(
        context::dependencies(site, page)
            .into_iter()
            .map(|slug| (slug.to_string(), version(slug))),
    );
    let template = site
        .config
        .kind(&page.doc.kind)
        .map(|k| k.template.clone())
        .unwrap_or_default();
    Key::Document(template, deps)
}

fn render_shared(tera: &Tera, template_dir: &Path, job: &Job) -> Result<Arc<[u8]>, Diagnostic> {
    render::render_job(tera, template_dir, job).map(|file| match file.contents {
        Contents::Bytes(bytes) => Arc::from(bytes),
        Contents::Shared(bytes) => bytes,
        Contents::Copy(_) => Arc::from(Vec::new()),
    })
}

//! What `serve` keeps between rebuilds so that a change costs what it touches:
//! documents read and parsed (reused while their text is the same), bodies
//! rendered (`site::BodyCache`), the loaded templates, and every rendered page
//! with what it was rendered from. `build::run_with` drives the pipeline; this
//! module only decides what can be reused, and everything reused is keyed by
//! all of its inputs, so a rebuild gives the bytes a fresh build gives.

use crate::config::Config;
use crate::content::discover::{ReadCache, SourceFile};
use crate::content::document::{self, Document};
use crate::diagnostics::Diagnostic;
use crate::output::ownership::Origin;
use crate::output::sink::Sink;
use crate::render::context;
use crate::render::{self, Contents, OutputFile};
use crate::site::{BodyCache, Page, Site};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tera::Tera;

type Parsed = (Option<Document>, Vec<Diagnostic>);
type PageResult = Result<Arc<[u8]>, Diagnostic>;

/// How a document's page is versioned: `page` changes with anything in it,
/// `link` only when what other pages show of it (`context::link`) changes.
struct Version {
    file: PathBuf,
    page: u64,
    link: u64,
    shown: context::DocLink,
}

/// What a page was rendered from. Pages about the whole site (home, listings,
/// feed, …) are few and keep their full context. A document's page keeps a
/// cheaper key: the version of its own page and of every page whose data its
/// context holds (`context::dependencies`), so an unaffected page is reused
/// without building its context at all.
#[derive(PartialEq)]
enum Key {
    Context(String, tera::Context),
    Document(Vec<Option<u64>>),
}

/// A page of this run: where it goes, its key, and for a document its index.
struct Entry {
    url: String,
    key: Key,
    page: Option<usize>,
    origin: Origin,
}

struct RenderedPage {
    key: Key,
    result: PageResult,
}

/// Work kept from earlier runs of the pipeline. Valid for one `Config`: call
/// `clear` when `site.toml` changes. Every run of the pipeline goes through
/// one: `serve` keeps one between rebuilds (`Memo::kept`), a one-shot `build`
/// or `check` starts with an empty one that keeps nothing (`Memo::one_shot`),
/// so its pages stream to the output instead of being held for a next run.
pub struct Memo {
    /// Whether this memo keeps work for a next run.
    keep: bool,
    reads: ReadCache,
    parsed: HashMap<PathBuf, (SourceFile, Parsed)>,
    /// Files parsed (not reused) by the last run.
    parsed_now: HashSet<PathBuf>,
    bodies: BodyCache,
    templates: Option<Result<Arc<Tera>, Vec<Diagnostic>>>,
    /// The `site` every template sees; when it changes every page is rendered.
    site_ctx: Option<serde_json::Value>,
    /// slug -> versions of the page: a new one whenever it may have changed.
    versions: HashMap<String, Version>,
    next_version: u64,
    pages: HashMap<String, RenderedPage>,
}

impl Memo {
    /// A memo that keeps what each run computed, for the next (`serve`).
    pub fn kept() -> Memo {
        Memo::with(true)
    }

    /// The empty memo of a one-shot build: it keeps nothing, so nothing a
    /// run makes outlives the stage that needs it.
    pub fn one_shot() -> Memo {
        Memo::with(false)
    }

    fn with(keep: bool) -> Memo {
        Memo {
            keep,
            reads: ReadCache::default(),
            parsed: HashMap::new(),
            parsed_now: HashSet::new(),
            bodies: BodyCache::default(),
            templates: None,
            site_ctx: None,
            versions: HashMap::new(),
            next_version: 0,
            pages: HashMap::new(),
        }
    }

    /// Whether this memo keeps work for a next run: the run is then one of
    /// `serve`'s, which takes the site and the search corpus from the outcome.
    pub fn keeps(&self) -> bool {
        self.keep
    }

    /// Forgets everything: the configuration (kinds, schema, theme) changed.
    pub fn clear(&mut self) {
        *self = Memo::with(self.keep);
    }

    /// The read cache `discover` consults, when this memo keeps one.
    pub(crate) fn reads(&mut self) -> Option<&mut ReadCache> {
        self.keep.then_some(&mut self.reads)
    }

    /// The rendered bodies `Site::assemble_cached` reuses, when this memo keeps them.
    pub(crate) fn bodies(&mut self) -> Option<&mut BodyCache> {
        self.keep.then_some(&mut self.bodies)
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
        if !self.keep {
            return sources
                .par_iter()
                .map(|source| document::parse(config, source))
                .collect();
        }
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

    /// Renders every page and file into `sink`. A memo that keeps nothing
    /// streams them as they are made (`render::render_into`); one that keeps
    /// renders again only what changed (`render_kept`). Gives the diagnostics
    /// and the sink's first error.
    pub(crate) fn render_into(
        &mut self,
        site: &Site,
        tera: &Tera,
        sink: &dyn Sink,
    ) -> (Vec<Diagnostic>, Option<anyhow::Error>) {
        if !self.keep {
            return render::render_into(site, tera, sink);
        }
        let (files, diagnostics) = self.render_kept(site, tera);
        let error = files.into_iter().try_for_each(|f| sink.put(f)).err();
        (diagnostics, error)
    }

    /// `render::render`, rendering again only the pages whose inputs changed.
    /// Tera output is a function of the templates and the context (the crate is
    /// built without Tera's clock and random functions), so a page whose key
    /// is unchanged would render to the same bytes.
    fn render_kept(&mut self, site: &Site, tera: &Tera) -> (Vec<OutputFile>, Vec<Diagnostic>) {
        let template_dir = render::template_dir(&site.config);
        let site_ctx = render::site_context(site);
        let site_value = serde_json::to_value(&site_ctx).ok();
        if self.site_ctx != site_value {
            self.pages.clear();
            self.site_ctx = site_value;
        }
        self.update_versions(site);

        // Every page with its key (a URL seen twice, which only a failing
        // build has, is rendered again).
        let versions = &self.versions;
        let mut entries: Vec<Entry> = render::plan_site_pages(site, &site_ctx)
            .into_iter()
            .map(|job| Entry {
                url: job.url,
                key: Key::Context(job.template, job.ctx),
                page: None,
                origin: job.origin,
            })
            .collect();
        let doc_entries: Vec<Entry> = site
            .pages
            .par_iter()
            .enumerate()
            .map(|(i, page)| {
                if render::has_timeline(site, page) {
                    // Its timeline reads the fields of other documents: such
                    // pages are few, so they keep their full context instead.
                    let job = render::document_job(site, &site_ctx, page);
                    Entry {
                        url: job.url,
                        key: Key::Context(job.template, job.ctx),
                        page: Some(i),
                        origin: job.origin,
                    }
                } else {
                    Entry {
                        url: page.url.clone(),
                        key: document_key(site, page, versions),
                        page: Some(i),
                        origin: Origin::Document {
                            source: page.doc.display.clone(),
                            kind: page.doc.kind.clone(),
                        },
                    }
                }
            })
            .collect();
        entries.extend(doc_entries);
        let mut seen = HashSet::new();
        let mut todo = Vec::new();
        for (i, entry) in entries.iter().enumerate() {
            let unchanged = self
                .pages
                .get(&entry.url)
                .is_some_and(|done| done.key == entry.key);
            if !seen.insert(entry.url.as_str()) || !unchanged {
                todo.push(i);
            }
        }
        let fresh: Vec<(usize, PageResult)> = todo
            .par_iter()
            .map(|&i| {
                let entry = &entries[i];
                let result = match (&entry.key, entry.page) {
                    (Key::Context(template, ctx), _) => {
                        render_shared(tera, &template_dir, template, ctx)
                    }
                    (Key::Document(_), page) => {
                        let page = &site.pages[page.unwrap_or_default()];
                        let job = render::document_job(site, &site_ctx, page);
                        render_shared(tera, &template_dir, &job.template, &job.ctx)
                    }
                };
                (i, result)
            })
            .collect();

        let mut fresh = fresh.into_iter().peekable();
        let mut pages = HashMap::with_capacity(entries.len());
        let mut outputs = Vec::with_capacity(entries.len());
        for (i, entry) in entries.into_iter().enumerate() {
            let result = match fresh.next_if(|(j, _)| *j == i) {
                Some((_, result)) => result,
                None => match self.pages.get(&entry.url) {
                    Some(done) => done.result.clone(),
                    None => continue, // not reached: pages without a result are in `todo`
                },
            };
            outputs.push(result.clone().map(|bytes| OutputFile {
                rel_path: entry.url.clone(),
                contents: Contents::Shared(bytes),
                origin: entry.origin.clone(),
            }));
            pages.insert(
                entry.url,
                RenderedPage {
                    key: entry.key,
                    result,
                },
            );
        }
        self.pages = pages;
        render::finish(site, outputs)
    }

    /// Gives a new version to every page that may differ from the last run
    /// (parsed again, body rendered again, or now from another file), and a new
    /// link version to every page whose link data differs.
    fn update_versions(&mut self, site: &Site) {
        let mut live = HashSet::with_capacity(site.pages.len());
        for page in &site.pages {
            let display = &page.doc.display;
            live.insert(page.doc.slug.as_str());
            let changed = self.parsed_now.contains(display) || self.bodies.was_rendered(display);
            let next = &mut self.next_version;
            let mut next = || {
                *next += 1;
                *next
            };
            match self.versions.get_mut(&page.doc.slug) {
                // Same file, parsed and rendered as before: so is its link data.
                Some(v) if v.file == *display && !changed => {}
                Some(v) if v.file == *display => {
                    v.page = next();
                    let shown = context::link(&site.config, page);
                    if shown != v.shown {
                        v.link = next();
                        v.shown = shown;
                    }
                }
                _ => {
                    let version = Version {
                        file: display.clone(),
                        page: next(),
                        link: next(),
                        shown: context::link(&site.config, page),
                    };
                    self.versions.insert(page.doc.slug.clone(), version);
                }
            }
        }
        self.versions.retain(|slug, _| live.contains(slug.as_str()));
    }
}

/// The page's own version, then the link version of each page it shows. All
/// versions come from one counter, so a number names one state of one page;
/// a missing page (`None`) can only be a reference the page's own text makes,
/// which its own version covers. The template follows from the kind, and so
/// from the file the own version belongs to.
fn document_key(site: &Site, page: &Page, versions: &HashMap<String, Version>) -> Key {
    let mut deps = vec![versions.get(&page.doc.slug).map(|v| v.page)];
    deps.extend(
        context::dependencies(site, page)
            .into_iter()
            .map(|slug| versions.get(slug).map(|v| v.link)),
    );
    Key::Document(deps)
}

fn render_shared(
    tera: &Tera,
    template_dir: &Path,
    template: &str,
    ctx: &tera::Context,
) -> PageResult {
    tera.render(template, ctx)
        .map(|html| Arc::from(html.into_bytes()))
        .map_err(|err| render::template_error(template_dir, &err))
}

#[cfg(test)]
mod tests;

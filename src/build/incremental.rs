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
use crate::render::{self, Contents, OutputFile};
use crate::site::{BodyCache, Site};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tera::Tera;

type Parsed = (Option<Document>, Vec<Diagnostic>);
type PageResult = Result<Arc<[u8]>, Diagnostic>;

/// What a page was rendered from: a SHA-256 of its template's name and its
/// whole template context. Tera output is a function of the templates and the
/// context (the crate is built without Tera's clock and random functions), so
/// a page whose key is unchanged would render to the same bytes. Because the
/// key is the context itself, whatever a template variable reads from other
/// documents is in it: there is no list of dependencies to keep in step.
type Key = [u8; 32];

struct RenderedPage {
    key: Key,
    result: PageResult,
}

/// A page of this run: where it goes, its key and what it rendered to.
struct Settled {
    url: String,
    key: Key,
    origin: Origin,
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
    bodies: BodyCache,
    templates: Option<Result<Arc<Tera>, Vec<Diagnostic>>>,
    /// URL -> the page's key and what it rendered to.
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
            bodies: BodyCache::default(),
            templates: None,
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

    /// The rendered bodies `Site::assemble_with` reuses, when this memo keeps them.
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
        for (source, fresh) in sources.iter().zip(fresh) {
            let entry = match (fresh, self.parsed.remove(&source.display)) {
                (None, Some(entry)) => entry,
                (fresh, _) => {
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

    /// `render::render`, rendering again only the pages whose key changed.
    /// Each page's context is built (in parallel) to find its key, goes
    /// through Tera only when its key is new, and is dropped before the
    /// thread takes the next page: only the pages in hand have a context.
    fn render_kept(&mut self, site: &Site, tera: &Tera) -> (Vec<OutputFile>, Vec<Diagnostic>) {
        let template_dir = render::template_dir(&site.config);
        let site_ctx = render::site_context(site);
        let done = &self.pages;
        // Two documents claiming one URL (a failing build) may share a kept
        // result: equal keys give equal bytes whichever page it was for.
        let settle = |job: render::Job| {
            let value = job.ctx.into_json();
            let key = key(&job.template, &value);
            let result = match done.get(&job.url) {
                Some(page) if page.key == key => page.result.clone(),
                _ => {
                    let ctx = tera::Context::from_value(value).expect("a context is an object");
                    render_shared(tera, &template_dir, &job.template, &ctx)
                }
            };
            Settled {
                url: job.url,
                key,
                origin: job.origin,
                result,
            }
        };
        let mut settled: Vec<Settled> = render::plan_site_pages(site, &site_ctx)
            .into_par_iter()
            .map(|make| settle(make()))
            .collect();
        let documents: Vec<Settled> = site
            .pages
            .par_iter()
            .map(|page| match render::document_job(site, &site_ctx, page) {
                Ok(job) => settle(job),
                Err(d) => Settled {
                    url: page.url.clone(),
                    key: key("", &serde_json::Value::Null),
                    origin: Origin::Document {
                        source: page.doc.display.clone(),
                        kind: page.doc.kind.clone(),
                    },
                    result: Err(d),
                },
            })
            .collect();
        settled.extend(documents);

        let mut pages = HashMap::with_capacity(settled.len());
        let mut outputs = Vec::with_capacity(settled.len());
        for page in settled {
            outputs.push(page.result.clone().map(|bytes| OutputFile {
                rel_path: page.url.clone(),
                contents: Contents::Shared(bytes),
                origin: page.origin,
            }));
            pages.insert(
                page.url,
                RenderedPage {
                    key: page.key,
                    result: page.result,
                },
            );
        }
        self.pages = pages;
        render::finish(site, outputs)
    }
}

/// The key of a page: its template's name and its context, as JSON.
fn key(template: &str, ctx: &serde_json::Value) -> Key {
    use sha2::Digest;
    struct Hashing(sha2::Sha256);
    impl std::io::Write for Hashing {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.update(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut hashing = Hashing(sha2::Sha256::new());
    hashing.0.update(template.as_bytes());
    hashing.0.update([0]);
    serde_json::to_writer(&mut hashing, ctx).expect("a JSON value serialises");
    hashing.0.finalize().into()
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

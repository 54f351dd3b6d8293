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
    /// slug -> versions of the page: a new one whenever it may have changed.
    versions: HashMap<String, Version>,
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
    pub(crate) fn render(
        &mut self,
        site: &Site,
        tera: &Tera,
    ) -> (Vec<OutputFile>, Vec<Diagnostic>) {
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
mod tests {
    use super::*;
    use crate::build;

    fn copy_dir(from: &Path, to: &Path) {
        for entry in walkdir::WalkDir::new(from).into_iter().flatten() {
            let target = to.join(entry.path().strip_prefix(from).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&target).unwrap();
            } else {
                std::fs::copy(entry.path(), &target).unwrap();
            }
        }
    }

    fn materialise(outcome: &build::Outcome) -> Option<Vec<(String, Vec<u8>)>> {
        let files = outcome.files.as_ref()?;
        Some(
            files
                .iter()
                .map(|f| {
                    let bytes = match &f.contents {
                        Contents::Bytes(b) => b.clone(),
                        Contents::Shared(b) => b.to_vec(),
                        Contents::Copy(p) => std::fs::read(p).unwrap(),
                    };
                    (f.rel_path.clone(), bytes)
                })
                .collect(),
        )
    }

    struct Site {
        dir: tempfile::TempDir,
        memo: Memo,
        config: Config,
    }

    impl Site {
        fn new() -> Site {
            Site::fixture("basic")
        }

        fn fixture(name: &str) -> Site {
            let dir = tempfile::tempdir().unwrap();
            let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
            copy_dir(&repo.join("tests/fixtures").join(name), dir.path());
            copy_dir(
                &repo.join("themes/default"),
                &dir.path().join("themes/default"),
            );
            let config = crate::config::load(dir.path()).unwrap();
            Site {
                dir,
                memo: Memo::default(),
                config,
            }
        }

        fn path(&self, rel: &str) -> PathBuf {
            self.dir.path().join(rel)
        }

        fn write(&mut self, rel: &str, text: &str) {
            let path = self.path(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, text).unwrap();
            self.memo.content_changed(&path);
        }

        fn edit(&mut self, rel: &str, from: &str, to: &str) {
            let text = std::fs::read_to_string(self.path(rel)).unwrap();
            assert!(text.contains(from), "{rel} lacks {from:?}");
            self.write(rel, &text.replace(from, to));
        }

        fn rename(&mut self, from: &str, to: &str) {
            std::fs::rename(self.path(from), self.path(to)).unwrap();
            self.memo.content_changed(&self.path(from));
            self.memo.content_changed(&self.path(to));
        }

        fn remove(&mut self, rel: &str) {
            std::fs::remove_file(self.path(rel)).unwrap();
            self.memo.content_changed(&self.path(rel));
        }

        /// Rebuilds incrementally and checks the result against a fresh build.
        fn expect_same_as_full(&mut self, step: &str) -> bool {
            let mut incremental =
                build::run_with(&self.config, false, Some(&mut self.memo), &|_| {});
            // The search index, which `serve` makes off the reload path.
            if let (Some(files), Some(corpus)) =
                (&mut incremental.files, incremental.search_corpus.take())
            {
                files.extend(crate::search::export::export_corpus(corpus).unwrap());
                files.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
            }
            let full = build::run(&self.config, false);
            assert_eq!(
                incremental.diagnostics, full.diagnostics,
                "diagnostics differ after: {step}"
            );
            let (inc, full) = (materialise(&incremental), materialise(&full));
            assert_eq!(
                inc.is_some(),
                full.is_some(),
                "success differs after: {step}"
            );
            if let (Some(inc), Some(full)) = (inc, full) {
                assert_eq!(inc.len(), full.len(), "file count differs after: {step}");
                for ((ip, ib), (fp, fb)) in inc.iter().zip(&full) {
                    assert_eq!(ip, fp, "file list differs after: {step}");
                    assert!(ib == fb, "{ip} differs after: {step}");
                }
            }
            incremental.files.is_some()
        }
    }

    #[test]
    fn every_rebuild_equals_a_full_build() {
        let mut site = Site::new();
        assert!(site.expect_same_as_full("first build"));
        let zaanstad = "content/gemeenten/zaanstad.md";
        site.edit(zaanstad, "rolt wijkteams uit", "rolt sociale wijkteams uit");
        assert!(site.expect_same_as_full("body change"));
        site.edit(
            zaanstad,
            "title: \"Zaanstad\"",
            "title: \"Gemeente Zaanstad\"",
        );
        assert!(site.expect_same_as_full("title change seen by links and backlinks"));
        site.edit("content/themas/toegang.md", "Toegang", "De toegang");
        assert!(site.expect_same_as_full("title of a wikilink target"));
        site.write(
            "content/verhalen/nieuw.md",
            "---\ntitle: \"Nieuw verhaal\"\ngemeente: zaanstad\n---\n\nOver [[toegang]].\n",
        );
        assert!(site.expect_same_as_full("add a document"));
        site.rename("content/verhalen/nieuw.md", "content/verhalen/hernoemd.md");
        assert!(site.expect_same_as_full("rename a document"));
        site.rename("content/themas/toegang.md", "content/themas/ingang.md");
        assert!(!site.expect_same_as_full("rename a link target: links break"));
        site.rename("content/themas/ingang.md", "content/themas/toegang.md");
        assert!(site.expect_same_as_full("rename it back"));
        site.edit(zaanstad, "summary: \"", "summary: [\"");
        assert!(!site.expect_same_as_full("break the front matter"));
        site.edit(zaanstad, "summary: [\"", "summary: \"");
        assert!(site.expect_same_as_full("fix the front matter"));
        site.remove("content/verhalen/buurtcoach.md");
        assert!(!site.expect_same_as_full("delete a linked document"));
        site.edit(
            "content/factsheets/zaanstad-2014.md",
            "Zie ook het [verhaal](../verhalen/buurtcoach.md#aanpak).",
            "Geen verhaal meer.",
        );
        assert!(site.expect_same_as_full("remove the link to it"));
        site.write("content/verhalen/kaart.png", "not really a png");
        site.edit(zaanstad, "Zie [[", "![Kaart](../verhalen/kaart.png) Zie [[");
        assert!(site.expect_same_as_full("add an asset and use it"));
        site.remove("content/verhalen/kaart.png");
        assert!(!site.expect_same_as_full("delete the asset"));
        site.write("content/verhalen/kaart.png", "another picture");
        assert!(site.expect_same_as_full("put it back, changed"));
        site.edit("content/themas/toegang.md", "title:", "draft: true\ntitle:");
        assert!(!site.expect_same_as_full("make a linked document a draft"));
        site.edit("content/themas/toegang.md", "draft: true\n", "");
        assert!(site.expect_same_as_full("publish it again"));
        let template = site.path("themes/default/templates/document.html");
        let text = std::fs::read_to_string(&template).unwrap();
        std::fs::write(
            &template,
            text.replacen("<article", "<article data-x=\"1\"", 1),
        )
        .unwrap();
        site.memo.templates_changed();
        assert!(site.expect_same_as_full("template change"));
        std::fs::write(
            &template,
            "{% extends \"base.html\" %}{% block content %}{{ doc.nope.x }}{% endblock content %}",
        )
        .unwrap();
        site.memo.templates_changed();
        assert!(!site.expect_same_as_full("broken template"));
        std::fs::write(&template, text).unwrap();
        site.memo.templates_changed();
        assert!(site.expect_same_as_full("template fixed"));
    }

    #[test]
    fn comparison_timelines_and_exports_follow_factsheet_edits() {
        let mut site = Site::fixture("compare");
        assert!(site.expect_same_as_full("first build"));
        let sheet = "content/factsheets/zaanstad-2014.md";
        site.edit(sheet, "kv_sturing: 2", "kv_sturing: 4");
        assert!(site.expect_same_as_full("a score the timeline and exports show"));
        site.edit(sheet, "fase: uitrol", "fase: experiment");
        assert!(site.expect_same_as_full("an enum the timeline shows"));
        let text = std::fs::read_to_string(site.path(sheet)).unwrap();
        site.remove(sheet);
        assert!(!site.expect_same_as_full("a linked factsheet removed"));
        site.write(sheet, &text);
        assert!(site.expect_same_as_full("and put back"));
    }

    #[test]
    fn unchanged_pages_are_not_rendered_again() {
        let mut site = Site::new();
        build::run_with(&site.config, false, Some(&mut site.memo), &|_| {});
        let before: HashMap<String, Arc<[u8]>> = pages(&site.memo);
        site.edit("content/themas/toegang.md", "Hoe inwoners", "Hoe bewoners");
        build::run_with(&site.config, false, Some(&mut site.memo), &|_| {});
        let after = pages(&site.memo);
        let mut rendered: Vec<&str> = after
            .iter()
            .filter(|(url, bytes)| !Arc::ptr_eq(bytes, &before[*url]))
            .map(|(url, _)| url.as_str())
            .collect();
        rendered.sort_unstable();
        assert_eq!(rendered, vec!["themas/toegang.html"]);
        // A title is shown by every page that links to the document or lists it.
        site.edit(
            "content/themas/toegang.md",
            "title: \"Toegang\"",
            "title: \"Ingang\"",
        );
        build::run_with(&site.config, false, Some(&mut site.memo), &|_| {});
        let again = pages(&site.memo);
        let mut rendered: Vec<&str> = again
            .iter()
            .filter(|(url, bytes)| !Arc::ptr_eq(bytes, &after[*url]))
            .map(|(url, _)| url.as_str())
            .collect();
        rendered.sort_unstable();
        assert_eq!(
            rendered,
            vec![
                "factsheets/zaanstad-2014.html",
                "index.html",
                "themas/index.html",
                "themas/toegang.html",
                "verhalen/buurtcoach.html",
            ]
        );
    }

    fn pages(memo: &Memo) -> HashMap<String, Arc<[u8]>> {
        memo.pages
            .iter()
            .map(|(url, p)| (url.clone(), p.result.clone().unwrap()))
            .collect()
    }
}

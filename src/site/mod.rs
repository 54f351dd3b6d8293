//! Assembling the immutable `Site` from parsed documents: drafts dropped,
//! references checked, Markdown rendered with links resolved, backlinks computed.
//! Everything later (templates, feeds, search) reads the `Site` and changes nothing.

pub mod anchors;
pub mod body;
mod cache;
pub mod markdown;
pub mod mentions;
mod refs;
pub mod short_titles;

pub use refs::check_refs;

use crate::config::urls;
use crate::config::Config;
use crate::content::discover::Asset;
use crate::content::document::Document;
use crate::content::schema::FieldValue;
use crate::diagnostics::Diagnostic;
use crate::fs::spill::Spill;
use crate::site::body::{Body, BodyText, Outline};
pub use crate::site::cache::BodyCache;
use crate::site::cache::CachedBody;
use crate::site::markdown::{LinkIndex, Rendered};
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

/// A document with its URL and rendered body: its outline here, its text
/// where `Site::body` finds it.
#[derive(Debug, Clone)]
pub struct Page {
    /// In a one-shot build (`Bodies::Spill`) its Markdown `body` is emptied
    /// once rendered: read the rendered text instead.
    pub doc: Document,
    pub url: String,
    pub rendered: Outline,
    pub body: Body,
}

impl Page {
    /// The document's date as written (`2014`, `2014-04`, …), from its kind's date field.
    pub fn date(&self, config: &Config) -> Option<String> {
        let field = config.kind(&self.doc.kind)?.date_field.as_ref()?;
        match self.doc.fields.get(field)? {
            FieldValue::Date(d) => Some(d.clone()),
            FieldValue::Integer(n) => Some(n.to_string()),
            _ => None,
        }
    }

    /// Every slug this page points to, through reference fields or body links.
    pub fn outgoing(&self) -> BTreeSet<&str> {
        let mut out: BTreeSet<&str> = self
            .doc
            .fields
            .values()
            .flat_map(FieldValue::refs)
            .collect();
        out.extend(self.rendered.links.iter().map(String::as_str));
        out.remove(self.doc.slug.as_str());
        out
    }
}

#[derive(Debug)]
pub struct Site {
    pub config: Config,
    /// Ordered by kind (declaration order), then by the kind's sort field, then title.
    pub pages: Vec<Page>,
    pub assets: Vec<Asset>,
    /// Documents that exist but are not pages: drafts left out (kind, slug,
    /// path under `content/`, `false`) and files that did not parse (`true`:
    /// links to them are not reported again). They still hold their slug.
    pub unlisted: Vec<(String, String, std::path::PathBuf, bool)>,
    by_slug: HashMap<String, usize>,
    /// slug -> the pages that point to it, as indices into `pages` in site
    /// order (an index a page, where a set of slugs took a string each).
    backlinks: HashMap<String, Box<[u32]>>,
    /// Where spilled bodies are (`Bodies::Spill`).
    spill: Option<Arc<Spill>>,
}

/// Where an assembly keeps the pages' rendered text.
pub enum Bodies<'a> {
    /// In memory.
    Held,
    /// In memory, reusing and updating the bodies an earlier assembly rendered.
    Cached(&'a mut BodyCache),
    /// In the build's scratch file, each written as soon as it is rendered;
    /// the Markdown is dropped once rendered. For a one-shot build, which
    /// reads each body once for its page and once for search: the site's
    /// memory then grows by an outline per page, not by every page's text.
    /// The glossary kind's bodies stay in memory: its listing shows them all.
    Spill(Arc<Spill>),
}

impl Site {
    /// Where the pages' bodies were spilled, if they were (`Bodies::Spill`).
    pub fn spill(&self) -> Option<&Arc<Spill>> {
        self.spill.as_ref()
    }

    /// The rendered text of one of this site's pages; a problem reading it
    /// back from the scratch file is a diagnostic of the page's file.
    pub fn body<'a>(&self, page: &'a Page) -> Result<Cow<'a, BodyText>, Diagnostic> {
        page.body.text(self.spill.as_deref(), &page.doc.display)
    }

    pub fn page(&self, slug: &str) -> Option<&Page> {
        self.by_slug.get(slug).map(|i| &self.pages[*i])
    }

    pub fn pages_of<'a>(&'a self, kind: &'a str) -> impl Iterator<Item = &'a Page> + 'a {
        self.pages.iter().filter(move |p| p.doc.kind == kind)
    }

    /// Pages that point to `slug`, in site order.
    pub fn backlinks(&self, slug: &str) -> Vec<&Page> {
        let Some(sources) = self.backlinks.get(slug) else {
            return Vec::new();
        };
        sources.iter().map(|&i| &self.pages[i as usize]).collect()
    }

    /// Assembles the site; documents with broken references still appear so that
    /// every problem is reported, but any error diagnostic fails the build.
    ///
    /// `invalid` names the files (kind, slug) that exist but failed to parse: links
    /// to them are not reported again, since their own error already fails the build.
    ///
    /// `unparsed` holds the bodies of files whose front matter failed
    /// (`document::body_only`): they are checked, not published.
    pub fn assemble(
        config: Config,
        documents: Vec<Document>,
        invalid: &[(String, String)],
        unparsed: &[Document],
        assets: Vec<Asset>,
        drafts: bool,
    ) -> (Site, Vec<Diagnostic>) {
        let bodies = Bodies::Held;
        Site::assemble_with(config, documents, invalid, unparsed, assets, drafts, bodies)
    }

    /// `assemble`, with the rendered bodies kept as `bodies` says.
    pub fn assemble_with(
        config: Config,
        mut documents: Vec<Document>,
        invalid: &[(String, String)],
        unparsed: &[Document],
        assets: Vec<Asset>,
        drafts: bool,
        bodies: Bodies<'_>,
    ) -> (Site, Vec<Diagnostic>) {
        let (cache, spill) = match bodies {
            Bodies::Held => (None, None),
            Bodies::Cached(cache) => (Some(cache), None),
            Bodies::Spill(spill) => (None, Some(spill)),
        };
        let mut diagnostics = Vec::new();
        // Drafts are taken out in place: a second vector of every document
        // would double what assembling holds for a moment (issue 14).
        let left_out: Vec<Document> = documents.extract_if(.., |d| !drafts && d.draft).collect();
        let mut unlisted: Vec<(String, String, std::path::PathBuf, bool)> = left_out
            .into_iter()
            .map(|d| (d.kind, d.slug, d.rel, false))
            .collect();
        for (kind_name, slug) in invalid {
            if let Some(kind) = config.kind(kind_name) {
                let rel = std::path::Path::new(&kind.folder).join(format!("{slug}.md"));
                unlisted.push((kind_name.clone(), slug.clone(), rel, true));
            }
        }
        sort_documents(&config, &mut documents);
        let mut index = LinkIndex::default();
        for doc in &documents {
            let kind = config.kind(&doc.kind).expect("declared kind");
            let url = urls::document(kind, &doc.slug);
            index
                .by_slug
                .insert(doc.slug.clone(), (doc.kind.clone(), doc.title.clone(), url));
            index.by_rel.insert(doc.rel.clone(), doc.slug.clone());
            if let Some(short) = kind
                .short_title
                .as_deref()
                .and_then(|pattern| crate::site::short_titles::short_title(pattern, doc))
            {
                index.short.insert(doc.slug.clone(), short);
            }
        }
        index.points = config.points.clone();
        for (kind_name, slug) in invalid {
            if let Some(kind) = config.kind(kind_name) {
                let url = urls::document(kind, slug);
                index
                    .by_slug
                    .entry(slug.clone())
                    .or_insert((kind_name.clone(), slug.clone(), url));
            }
        }
        // A `.md` link to a file that failed to parse is not broken either.
        for doc in unparsed {
            index
                .by_rel
                .entry(doc.rel.clone())
                .or_insert(doc.slug.clone());
        }
        index.assets = assets.iter().map(|a| a.rel.clone()).collect();
        for doc in &documents {
            diagnostics.extend(check_refs(&config, doc, &index));
        }
        diagnostics.extend(refs::check_home_documents(&config, &index));
        let previous = cache.as_deref();
        let glossary = config.glossary_kind.as_deref();
        // Pages are collected on their own, the rest beside them: a vector of
        // (page, diagnostics, cache entry) tuples took a cache entry's full
        // size per page even when a build keeps none, and was copied into
        // the pages' vector while still held (issue 14).
        let (pages, rest): (Vec<Page>, Vec<Rendering>) = documents
            .into_par_iter()
            .map(|mut doc| {
                // Its own URL, even when another document has the same slug
                // (reported as a duplicate; the index holds only one of them).
                let kind = config.kind(&doc.kind).expect("declared kind");
                let url = urls::document(kind, &doc.slug);
                let unspill_from = spill.as_deref();
                let unspilled = match unspill_from {
                    Some(store) => doc.unspill_body(store).err(),
                    None => None,
                };
                let unspilled =
                    unspilled.map(|err| Diagnostic::error(&doc.display, 0, 0, format!("{err:#}")));
                if let Some(hit) = previous.and_then(|c| c.get(&doc, &url, &index)) {
                    let (rendered, diags) = (hit.rendered.clone(), hit.diagnostics.clone());
                    return (page(doc, url, rendered, None).0, (diags, None));
                }
                let (rendered, mut diags, uses) = markdown::render_tracked(&doc, &url, &index);
                let fresh = previous.map(|_| {
                    Box::new(CachedBody {
                        body: doc.body.clone(),
                        body_line: doc.body_line,
                        rel: doc.rel.clone(),
                        url: url.clone(),
                        uses,
                        points: index.points.clone(),
                        rendered: rendered.clone(),
                        diagnostics: diags.clone(),
                    })
                });
                let spill = spill
                    .as_deref()
                    .filter(|_| glossary != Some(kind.name.as_str()));
                if spill.is_some() {
                    doc.body = String::new();
                }
                if unspill_from.is_some() {
                    // Checked above (`check_refs`); nothing later reads them.
                    doc.ref_positions = Default::default();
                }
                let (page, problem) = page(doc, url, rendered, spill);
                diags.extend(unspilled.into_iter().chain(problem));
                (page, (diags, fresh))
            })
            .unzip();
        let mut fresh_bodies = Vec::new();
        for (page, (diags, fresh)) in pages.iter().zip(rest) {
            diagnostics.extend(diags);
            if let Some(fresh) = fresh {
                fresh_bodies.push((page.doc.display.clone(), *fresh));
            }
        }
        if let Some(cache) = cache {
            cache.update(&pages, fresh_bodies);
        }
        let targets = crate::site::anchors::by_slug(&pages);
        for page in &pages {
            let links = &page.rendered.anchor_links;
            diagnostics.extend(crate::site::anchors::check(
                &page.doc.display,
                links,
                &targets,
            ));
        }
        // Bodies of files with front-matter errors: their problems too, in this run.
        for doc in unparsed {
            if let Some(kind) = config.kind(&doc.kind) {
                let url = urls::document(kind, &doc.slug);
                let (rendered, diags) = markdown::render(doc, &url, &index);
                diagnostics.extend(diags);
                let links = &rendered.anchor_links;
                diagnostics.extend(crate::site::anchors::check(&doc.display, links, &targets));
            }
        }
        let by_slug: HashMap<String, usize> = pages
            .iter()
            .enumerate()
            .map(|(i, p)| (p.doc.slug.clone(), i))
            .collect();
        let backlinks = backlinks(&pages, &by_slug);
        (
            Site {
                config,
                pages,
                assets,
                unlisted,
                by_slug,
                backlinks,
                spill,
            },
            diagnostics,
        )
    }
}

/// What rendering a document's body gives besides its page: the diagnostics,
/// and the cache entry when the build keeps one.
type Rendering = (Vec<Diagnostic>, Option<Box<CachedBody>>);

/// slug -> the pages pointing to it, in site order. A slug two pages share
/// (an error, reported elsewhere) stands for the one `by_slug` holds.
fn backlinks(pages: &[Page], by_slug: &HashMap<String, usize>) -> HashMap<String, Box<[u32]>> {
    let mut sources: HashMap<&str, Vec<u32>> = HashMap::new();
    for page in pages {
        let source = by_slug[page.doc.slug.as_str()] as u32;
        for target in page.outgoing() {
            sources.entry(target).or_default().push(source);
        }
    }
    sources
        .into_iter()
        .map(|(target, mut from)| {
            from.sort_unstable();
            from.dedup();
            (target.to_string(), from.into_boxed_slice())
        })
        .collect()
}

/// A page with its body spilled to `spill` when given; a body that cannot be
/// written there is held instead, with an error that fails the build.
fn page(
    doc: Document,
    url: String,
    rendered: Rendered,
    spill: Option<&Spill>,
) -> (Page, Option<Diagnostic>) {
    let (rendered, text) = body::split(rendered);
    let (body, problem) = Body::keep(text, spill);
    let problem = problem.map(|err| Diagnostic::error(&doc.display, 0, 0, format!("{err:#}")));
    let page = Page {
        doc,
        url,
        rendered,
        body,
    };
    (page, problem)
}

/// Kind order, then the kind's sort field (numbers numerically), then title, then slug.
fn sort_documents(config: &Config, documents: &mut [Document]) {
    let kind_pos: HashMap<&str, usize> = config
        .kinds
        .iter()
        .enumerate()
        .map(|(i, k)| (k.name.as_str(), i))
        .collect();
    documents.sort_by_cached_key(|doc| {
        let kind = config.kind(&doc.kind).expect("declared kind");
        let (num, text) = match kind.sort_by.as_ref().and_then(|f| doc.fields.get(f)) {
            Some(FieldValue::Integer(n) | FieldValue::Scale(n)) => (*n, String::new()),
            Some(FieldValue::Text(s) | FieldValue::Date(s)) => (0, s.to_lowercase()),
            _ => (0, String::new()),
        };
        (
            kind_pos[doc.kind.as_str()],
            num,
            text,
            crate::config::names::fold(&doc.title),
            doc.slug.clone(),
        )
    });
}

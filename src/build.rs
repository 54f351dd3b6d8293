//! The whole pipeline as one function from a site root to output files, and the
//! `check` runs the same pipeline without writing; `output` writes what it yields.

use crate::config::{self, Config};
use crate::diagnostics::{self, Diagnostic};
use crate::discover::{self, SourceFile};
use crate::document::{self, Document};
use crate::incremental::Memo;
use crate::render::{self, OutputFile};
use crate::site::Site;
use anyhow::Result;
use rayon::prelude::*;
use std::path::Path;

/// What a build produced: the files when there were no errors, and every diagnostic.
pub struct Outcome {
    pub files: Option<Vec<OutputFile>>,
    pub diagnostics: Vec<Diagnostic>,
    pub documents: usize,
    /// Time spent indexing with tantivy and exporting the client index.
    pub search_millis: u128,
    /// An incremental build (`serve`) leaves the search index out of `files`
    /// and hands over what it is made from, to be exported off the reload path.
    pub search_corpus: Option<crate::search::Corpus>,
    /// An incremental build (`serve`) hands over the site it assembled, for
    /// the editor's forms; `None` for a build that writes `public/`.
    pub site: Option<std::sync::Arc<Site>>,
}

impl Outcome {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
}

/// Runs discover -> parse -> assemble -> render and the search export. Content
/// problems are returned as diagnostics; only a broken `site.toml` or I/O
/// failure is an `Err`.
pub fn run(config: &Config, drafts: bool) -> Outcome {
    run_reporting(config, drafts, &|_| {})
}

/// `run`, telling `progress` as each stage ends (for long builds on a terminal).
pub fn run_reporting(config: &Config, drafts: bool, progress: &dyn Fn(&str)) -> Outcome {
    run_with(config, drafts, None, progress)
}

/// `run`, reusing what earlier runs computed when given a `Memo` (`serve` keeps
/// one between rebuilds). The pipeline is this one function either way, so an
/// incremental rebuild cannot drift from a full build.
pub fn run_with(
    config: &Config,
    drafts: bool,
    mut memo: Option<&mut Memo>,
    progress: &dyn Fn(&str),
) -> Outcome {
    let incremental = memo.is_some();
    let started = std::time::Instant::now();
    let stage = |what: String| progress(&format!("{what} ({} ms)", started.elapsed().as_millis()));
    let found = discover::discover_cached(config, memo.as_deref_mut().map(|m| &mut m.reads));
    stage(format!(
        "found {} documents and {} other files",
        found.documents.len(),
        found.assets.len()
    ));
    let mut diagnostics = found.diagnostics;
    let parsed: Vec<_> = match memo.as_deref_mut() {
        Some(memo) => memo.parse(config, &found.documents),
        None => found
            .documents
            .par_iter()
            .map(|source| document::parse(config, source))
            .collect(),
    };
    let (documents, invalid, unparsed) =
        split_parsed(parsed, &found.documents, found.unreadable, &mut diagnostics);
    diagnostics.extend(crate::sources::check_documents(config, &documents));
    stage(format!("parsed {} documents", documents.len()));
    let (site, diags) = Site::assemble_cached(
        config.clone(),
        documents,
        &invalid,
        &unparsed,
        found.assets,
        drafts,
        memo.as_deref_mut().map(|m| &mut m.bodies),
    );
    diagnostics.extend(diags);
    let documents = site.pages.len();
    let mut search_millis = 0;
    let mut search_corpus = None;
    stage("resolved links and rendered Markdown".to_string());
    let templates = match memo.as_deref_mut() {
        Some(memo) => memo.templates(config),
        None => render::load_templates(config).map(std::sync::Arc::new),
    };
    let files = match templates {
        Ok(tera) => {
            let (mut files, diags) = match memo {
                Some(memo) => memo.render(&site, &tera),
                None => render::render(&site, &tera),
            };
            diagnostics.extend(diags);
            stage(format!("rendered {} pages and files", files.len()));
            if diagnostics.iter().any(Diagnostic::is_error) {
                // No search index for a site that is not written.
            } else if incremental {
                search_corpus = Some(crate::search::collect(&site));
            } else {
                let search_started = std::time::Instant::now();
                let exported = crate::search::export::export_site(&site);
                search_millis = search_started.elapsed().as_millis();
                match exported {
                    Ok(search_files) => {
                        stage(format!("indexed for search: {} files", search_files.len()));
                        files.extend(search_files);
                        files.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
                    }
                    Err(err) => diagnostics.push(Diagnostic::error(
                        Path::new("search"),
                        0,
                        0,
                        format!("search index: {err:#}"),
                    )),
                }
            }
            Some(files)
        }
        Err(diags) => {
            diagnostics.extend(diags);
            None
        }
    };
    let site = incremental.then(|| std::sync::Arc::new(site));
    diagnostics::sort(&mut diagnostics);
    let failed = diagnostics.iter().any(Diagnostic::is_error);
    Outcome {
        files: files.filter(|_| !failed),
        diagnostics,
        documents,
        search_millis,
        search_corpus,
        site,
    }
}

/// The documents that parsed, the (kind, slug) of those that did not (added
/// to `invalid`, which starts with the unreadable files) and their bodies, to
/// be checked all the same; their diagnostics go to `diagnostics`.
fn split_parsed(
    parsed: Vec<(Option<Document>, Vec<Diagnostic>)>,
    sources: &[SourceFile],
    mut invalid: Vec<(String, String)>,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<Document>, Vec<(String, String)>, Vec<Document>) {
    let mut documents = Vec::new();
    let mut unparsed = Vec::new();
    for ((doc, diags), source) in parsed.into_iter().zip(sources) {
        diagnostics.extend(diags);
        match doc {
            Some(doc) => documents.push(doc),
            None => {
                invalid.push((source.kind.clone(), source.slug.clone()));
                unparsed.push(document::body_only(source));
            }
        }
    }
    (documents, invalid, unparsed)
}

/// The assembled site without drafts, or every diagnostic when it has errors
/// (what `kennisbank search` indexes): `run` without rendering.
pub fn site_only(config: &Config) -> std::result::Result<Site, Vec<Diagnostic>> {
    let found = discover::discover(config);
    let mut diagnostics = found.diagnostics;
    let parsed: Vec<_> = found
        .documents
        .par_iter()
        .map(|source| document::parse(config, source))
        .collect();
    let (documents, invalid, unparsed) =
        split_parsed(parsed, &found.documents, found.unreadable, &mut diagnostics);
    diagnostics.extend(crate::sources::check_documents(config, &documents));
    let (site, diags) = Site::assemble(
        config.clone(),
        documents,
        &invalid,
        &unparsed,
        found.assets,
        false,
    );
    diagnostics.extend(diags);
    if diagnostics.iter().any(Diagnostic::is_error) {
        diagnostics::sort(&mut diagnostics);
        return Err(diagnostics);
    }
    Ok(site)
}

/// Loads the configuration and runs the pipeline.
pub fn load_and_run(root: &Path, drafts: bool) -> Result<(Config, Outcome)> {
    let config = config::load(root)?;
    let outcome = run(&config, drafts);
    Ok((config, outcome))
}

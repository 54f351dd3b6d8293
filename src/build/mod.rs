//! The whole pipeline as one function from a site root to output files, each
//! put into a sink as it is made; `check` runs the same pipeline into a sink
//! that discards (and so without the search index, which holds no content
//! checks), a build into the output's staging directory (`output`).

pub mod incremental;

use crate::build::incremental::Memo;
use crate::config::{self, Config};
use crate::content::discover::{self, SourceFile};
use crate::content::document::{self, Document};
use crate::diagnostics::{self, Diagnostic};
use crate::output::sink::{Counted, Discard, Memory, Sink};
use crate::render::OutputFile;
use crate::site::{Bodies, Site};
use anyhow::Result;
use std::path::Path;

/// What a build produced: the files when there were no errors (`run`; a build
/// streaming into a sink has them there), and every diagnostic.
pub struct Outcome {
    pub files: Option<Vec<OutputFile>>,
    pub diagnostics: Vec<Diagnostic>,
    pub documents: usize,
    /// How many files went to the sink.
    pub written: usize,
    /// The first error the sink gave (a full disk): the build is not complete.
    pub write_error: Option<anyhow::Error>,
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
    run_with(config, drafts, &mut Memo::one_shot(), &|_| {})
}

/// `run` through `memo`, which reuses what earlier runs computed when it keeps
/// work (`serve` keeps one between rebuilds), with the files kept in memory.
/// The pipeline is `run_into` either way, so an incremental rebuild cannot
/// drift from a full build.
pub fn run_with(
    config: &Config,
    drafts: bool,
    memo: &mut Memo,
    progress: &dyn Fn(&str),
) -> Outcome {
    let memory = Memory::default();
    let mut outcome = run_into(config, drafts, memo, &memory, progress);
    if outcome.errors() == 0 && outcome.write_error.is_none() {
        outcome.files = Some(memory.into_files());
    }
    outcome
}

/// The pipeline: each output file goes to `sink` as soon as it is made, so a
/// one-shot build (`Memo::one_shot`) holds no more than the site and the pages
/// being rendered. When the outcome has errors the sink holds an incomplete
/// site, to be discarded; `progress` is told as each stage ends (for long
/// builds on a terminal).
pub fn run_into(
    config: &Config,
    drafts: bool,
    memo: &mut Memo,
    sink: &dyn Sink,
    progress: &dyn Fn(&str),
) -> Outcome {
    let incremental = memo.keeps();
    let sink = Counted::new(sink);
    let started = std::time::Instant::now();
    let stage = |what: String| progress(&format!("{what} ({} ms)", started.elapsed().as_millis()));
    let (site, mut diagnostics) = assemble(config, drafts, memo, &stage);
    let documents = site.pages.len();
    let mut search_millis = 0;
    let mut search_corpus = None;
    let mut write_error = None;
    let mut written = false;
    match memo.templates(config) {
        Ok(tera) => {
            let (diags, error) = memo.render_into(&site, &tera, &sink);
            write_error = error;
            diagnostics.extend(diags);
            stage(format!("rendered {} pages and files", sink.count()));
            // No search index for a site that is not written, nor for one
            // whose files are dropped (`check`: see `Sink::keeps_files`).
            written = write_error.is_none()
                && !diagnostics.iter().any(Diagnostic::is_error)
                && sink.keeps_files();
        }
        Err(diags) => diagnostics.extend(diags),
    }
    let mut to_index = None;
    let site = if incremental {
        if written {
            match crate::search::collect(&site) {
                Ok(corpus) => search_corpus = Some(corpus),
                Err(d) => diagnostics.push(d),
            }
        }
        // Handed to serve, which frees it off its reload path (or keeps it
        // for the editor's forms).
        Some(std::sync::Arc::new(site))
    } else {
        // The pages are written: search takes the text it needs and the
        // rest of the site is freed before the index grows.
        if written {
            match crate::search::collect_owned(site) {
                Ok(corpus) => to_index = Some(corpus),
                Err(d) => diagnostics.push(d),
            }
        } else {
            drop(site);
        }
        None
    };
    if let Some(corpus) = to_index {
        let search_started = std::time::Instant::now();
        stage("collected the search corpus, freed the site".to_string());
        let exported = crate::search::export::index_corpus(corpus).and_then(|ix| {
            stage("indexed with tantivy".to_string());
            crate::search::export::export_into(&ix, &sink)
        });
        search_millis = search_started.elapsed().as_millis();
        match exported {
            Ok(count) => stage(format!("exported the client index: {count} files")),
            // The sink's own error (a full disk) is not a content problem.
            Err(err) if sink.failed() => write_error = Some(err),
            Err(err) => diagnostics.push(Diagnostic::error(
                Path::new("search"),
                0,
                0,
                format!("search index: {err:#}"),
            )),
        }
    }
    diagnostics::sort(&mut diagnostics);
    Outcome {
        files: None,
        diagnostics,
        documents,
        written: sink.count(),
        write_error,
        search_millis,
        search_corpus,
        site,
    }
}

/// The front half of the pipeline: discover -> parse -> assemble, the `Site`
/// with every diagnostic so far; `progress` is told as each stage ends.
fn assemble(
    config: &Config,
    drafts: bool,
    memo: &mut Memo,
    stage: &dyn Fn(String),
) -> (Site, Vec<Diagnostic>) {
    // A one-shot build keeps the documents' bodies in a scratch file from
    // parsing on (`site::Bodies::Spill`).
    let mut diagnostics = Vec::new();
    let spill = match memo.keeps() {
        true => None,
        false => match crate::site::body::store(&std::env::temp_dir()) {
            Ok(spill) => Some(std::sync::Arc::new(spill)),
            Err(d) => {
                diagnostics.push(d);
                None
            }
        },
    };
    let (found, parsed) = match &spill {
        Some(spill) => discover::discover_each(config, |source| {
            document::parse_spilled(config, source, spill)
        }),
        None => {
            let found = discover::discover_cached(config, memo.reads());
            let parsed = memo.parse(config, &found.documents);
            (found, parsed.into_iter().map(Some).collect())
        }
    };
    stage(format!(
        "found {} documents and {} other files",
        found.documents.len(),
        found.assets.len()
    ));
    diagnostics.extend(found.diagnostics);
    let (documents, invalid, unparsed) = split_parsed(
        parsed.into_iter().flatten(),
        &found.documents,
        found.unreadable,
        &mut diagnostics,
    );
    drop(found.documents);
    diagnostics.extend(crate::content::sources::check_documents(config, &documents));
    stage(format!("parsed {} documents", documents.len()));
    let bodies = match (memo.bodies(), spill) {
        (Some(cache), _) => Bodies::Cached(cache),
        (None, Some(spill)) => Bodies::Spill(spill),
        (None, None) => Bodies::Held,
    };
    let (site, diags) = Site::assemble_with(
        config.clone(),
        documents,
        &invalid,
        &unparsed,
        found.assets,
        drafts,
        bodies,
    );
    diagnostics.extend(diags);
    stage("resolved links and rendered Markdown".to_string());
    (site, diagnostics)
}

/// The documents that parsed, the (kind, slug) of those that did not (added
/// to `invalid`, which starts with the unreadable files) and their bodies, to
/// be checked all the same; their diagnostics go to `diagnostics`.
fn split_parsed(
    parsed: impl Iterator<Item = (Option<Document>, Vec<Diagnostic>)>,
    sources: &[SourceFile],
    mut invalid: Vec<(String, String)>,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<Document>, Vec<(String, String)>, Vec<Document>) {
    let mut documents = Vec::with_capacity(sources.len());
    let mut unparsed = Vec::new();
    for ((doc, diags), source) in parsed.zip(sources) {
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
    let (site, mut diagnostics) = assemble(config, false, &mut Memo::one_shot(), &|_| {});
    if diagnostics.iter().any(Diagnostic::is_error) {
        diagnostics::sort(&mut diagnostics);
        return Err(diagnostics);
    }
    Ok(site)
}

/// Loads the configuration and runs the pipeline, writing nothing (`check`);
/// `progress` is told as each stage ends, as for a build.
pub fn load_and_check(
    root: &Path,
    drafts: bool,
    progress: &dyn Fn(&str),
) -> Result<(Config, Outcome)> {
    let config = config::load(root)?;
    let outcome = run_into(
        &config,
        drafts,
        &mut Memo::one_shot(),
        &Discard::default(),
        progress,
    );
    Ok((config, outcome))
}

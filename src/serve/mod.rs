//! `kennisbank serve`: a live preview. Builds the site, serves it over HTTP
//! (axum on hyper and tokio, loopback only unless `--bind` says otherwise),
//! watches the site with notify and rebuilds incrementally
//! (`incremental::Memo`), and reloads open pages once a new build is
//! published. A failed rebuild keeps the last good site and shows its
//! diagnostics in the page.
//!
//! The served site lives in memory, not in `public/`: rendering already yields
//! the files, a new build is swapped in with one pointer (never a half-written
//! page), no disk writes per save, and `kennisbank build` can still write
//! `public/` alongside without either getting in the other's way.

mod app;
pub mod edit;
mod edit_routes;
pub mod form;
mod guard;
#[cfg(test)]
mod hostile_tests;
mod inject;
mod listen;
mod paths;
mod sink;
mod state;
mod watch;

use crate::build;
use crate::build::incremental::Memo;
use crate::config::{self, Config};
use crate::diagnostics::Diagnostic;
use crate::render::Contents;
use crate::search::Corpus;
use anyhow::{Context, Result};
use sink::Sink;
use state::Shared;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Instant;
use watch::{Batch, Watcher};

/// What `kennisbank serve` was asked for.
#[derive(Debug, Clone)]
pub struct Options {
    pub root: PathBuf,
    pub bind: IpAddr,
    /// 0: any free port.
    pub port: u16,
    pub open: bool,
    pub drafts: bool,
    /// Offer the editor's forms (`edit`).
    pub edit: bool,
    /// Allow `edit` on an address other than loopback.
    pub edit_allow_remote: bool,
}

/// Builds, serves and rebuilds on change until the process is stopped.
pub fn run(options: &Options) -> Result<()> {
    // Refused before anything is built: editing on an open address.
    let editor = if options.edit {
        if let Some(warning) =
            edit::check_bind(options.bind, options.edit_allow_remote).map_err(anyhow::Error::msg)?
        {
            eprintln!("{warning}");
        }
        let editor = edit::Editor::new(edit::REBUILD_WAIT)
            .context("no random token for the editor's forms")?;
        Some(Arc::new(editor))
    } else {
        None
    };
    let config = config::load(&options.root)?;
    // A build killed while swapping `public/` in may have left it missing.
    match crate::output::recover(&config.root.join("public")) {
        Ok(notes) => notes.iter().for_each(|note| eprintln!("{note}")),
        Err(err) => eprintln!("warning: {err:#}"),
    }
    let shared = Arc::new(Shared::default());
    // Watch before the first build, so a save during it is not missed.
    let watcher = Watcher::start(watch::Paths::of(&config))?;
    let mut preview = Preview::new(config, options.drafts, editor.clone());
    preview.rebuild(&Batch::default(), &shared, "Built");

    let listener = listen::bind(options.bind, options.port)?;
    let addr = listener.local_addr().context("the server has no address")?;
    if addr.port() != options.port && options.port != 0 {
        eprintln!(
            "Port {} is taken; using {} instead.",
            options.port,
            addr.port()
        );
    }
    if !addr.ip().is_loopback() {
        eprintln!(
            "warning: serving on {}: anyone who can reach this address can read the site",
            addr.ip()
        );
    }
    // Kept until serve stops; requests are answered on its threads while this
    // one watches and rebuilds.
    let runtime = listen::runtime()?;
    let server = {
        let _inside = runtime.enter();
        listen::serve(
            listener,
            app::router(Arc::clone(&shared), editor.clone()),
            listen::Limits::DEFAULT,
        )?
    };
    runtime.spawn(server);
    let url = format!("http://{}/", guard::authority(shown_address(addr)));
    println!("Serving {} on {url} (Ctrl-C stops)", preview.title());
    if editor.is_some() {
        println!(
            "Editing is on: every page has a Bewerken link; saves are written to {}",
            preview.root.join("content").display()
        );
    }
    if options.open {
        open_browser(&url);
    }
    while let Some(batch) = watcher.next_batch() {
        preview.rebuild(&batch, &shared, "Rebuilt");
    }
    Ok(())
}

/// The address to open: bound to every interface, this machine reaches serve
/// on loopback (`0.0.0.0` is no address a browser should send as `Host`).
fn shown_address(addr: SocketAddr) -> SocketAddr {
    match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => {
            SocketAddr::new(Ipv4Addr::LOCALHOST.into(), addr.port())
        }
        IpAddr::V6(ip) if ip.is_unspecified() => {
            SocketAddr::new(Ipv6Addr::LOCALHOST.into(), addr.port())
        }
        _ => addr,
    }
}

/// Opens `url` with the platform's opener, if there is one; never fails.
fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    let spawned = std::process::Command::new(opener)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    match spawned {
        // Reap it when it exits, without waiting here.
        Ok(mut child) => {
            std::thread::spawn(move || child.wait());
        }
        Err(_) => eprintln!("--open: no {opener} here; open {url} in a browser yourself"),
    }
}

/// The site being previewed: its configuration and what is kept between builds.
struct Preview {
    root: PathBuf,
    drafts: bool,
    /// `None` while `site.toml` is broken.
    config: Option<Config>,
    title: String,
    memo: Memo,
    sink: Sink,
    /// What the served search index was last made from.
    search_corpus: Option<Corpus>,
    /// Started with the first search index made off the reload path.
    indexer: Option<Indexer>,
    /// With `--edit`: told of every build, so its forms follow the files.
    editor: Option<Arc<edit::Editor>>,
}

impl Preview {
    fn new(config: Config, drafts: bool, editor: Option<Arc<edit::Editor>>) -> Preview {
        Preview {
            root: config.root.clone(),
            drafts,
            title: config.title.clone(),
            config: Some(config),
            memo: Memo::kept(),
            sink: Sink::default(),
            search_corpus: None,
            indexer: None,
            editor,
        }
    }

    fn title(&self) -> &str {
        &self.title
    }

    /// Rebuilds what `batch` touched and publishes the result.
    fn rebuild(&mut self, batch: &Batch, shared: &Arc<Shared>, verb: &str) {
        let started = Instant::now();
        if batch.config || self.config.is_none() {
            match config::load(&self.root) {
                Ok(config) => {
                    self.title = config.title.clone();
                    self.config = Some(config);
                    self.memo.clear();
                    self.sink = Sink::default();
                    self.search_corpus = None;
                }
                Err(err) => {
                    self.config = None;
                    let d = Diagnostic::error("site.toml", 0, 0, format!("{err:#}"));
                    eprintln!("{d}");
                    shared.publish(None, vec![d]);
                    if let Some(editor) = &self.editor {
                        editor.publish(None);
                    }
                    eprintln!("site.toml is broken; still serving the last good site");
                    return;
                }
            }
        }
        let Some(config) = &self.config else { return };
        if batch.templates {
            self.memo.templates_changed();
        }
        for path in &batch.files {
            self.memo.content_changed(path);
            self.sink.changed(path);
        }
        let outcome = build::run_with(config, self.drafts, &mut self.memo, &|_| {});
        let for_editor = match (&self.editor, outcome.site) {
            (Some(_), Some(site)) => Some((site, self.memo.templates(config).ok())),
            (None, Some(site)) => {
                // Freeing a large site takes a while; serve should not wait for it.
                std::thread::spawn(move || drop(site));
                None
            }
            (_, None) => None,
        };
        let mut diagnostics = outcome.diagnostics;
        let roots = [config.content_dir.clone(), config.theme_dir.join("static")];
        let files = match outcome.files.map(|files| self.sink.collect(files, &roots)) {
            Some(Ok(files)) => Some(files),
            Some(Err(err)) => {
                diagnostics.push(Diagnostic::error("content", 0, 0, format!("{err:#}")));
                None
            }
            None => None,
        };
        for d in &diagnostics {
            eprintln!("{d}");
        }
        if let (Some(_), Some(corpus)) = (&files, outcome.search_corpus) {
            self.index_for_search(corpus, shared);
        }
        let built = files.is_some();
        let changed = shared.publish(files, diagnostics);
        // After the pages: a save redirects once the editor sees the change,
        // and the page it redirects to must show it too.
        if let (Some(editor), Some(site)) = (&self.editor, for_editor) {
            editor.publish(Some(site));
        }
        let ms = started.elapsed().as_millis();
        match (built, changed) {
            (true, true) => println!("{verb} {} documents in {ms} ms", outcome.documents),
            (true, false) => println!(
                "{verb} {} documents in {ms} ms: nothing changed",
                outcome.documents
            ),
            (false, _) => {
                let errors = shared
                    .current()
                    .diagnostics
                    .iter()
                    .filter(|d| d.is_error())
                    .count();
                eprintln!(
                    "{errors} error{}; still serving the last good site",
                    if errors == 1 { "" } else { "s" }
                );
            }
        }
    }

    /// Makes the search index of `corpus` when it differs from the served one:
    /// the first time (and after `site.toml` changed) before the site is
    /// published, after that on the indexer's thread, so a reload never waits
    /// for indexing. Until it is done the site serves the previous index and
    /// its status says `"search": "indexing"`.
    fn index_for_search(&mut self, corpus: Corpus, shared: &Arc<Shared>) {
        if self.search_corpus.as_ref() == Some(&corpus) {
            return;
        }
        let first = self.search_corpus.replace(corpus.clone()).is_none();
        let job = shared.start_search();
        if first {
            shared.finish_search(job, export_search(corpus));
        } else {
            self.indexer
                .get_or_insert_with(|| Indexer::start(Arc::clone(shared)))
                .submit(job, corpus);
        }
    }
}

/// The client search index's files for `corpus`, or `None` (said on stderr).
fn export_search(corpus: Corpus) -> Option<Vec<(String, Arc<[u8]>)>> {
    match crate::search::export::export_corpus(corpus) {
        Ok(files) => Some(
            files
                .into_iter()
                .filter_map(|f| match f.contents {
                    Contents::Bytes(bytes) => Some((f.rel_path, Arc::from(bytes))),
                    Contents::Shared(bytes) => Some((f.rel_path, bytes)),
                    Contents::Copy(_) | Contents::Joined(_) => None,
                })
                .collect(),
        ),
        Err(err) => {
            eprintln!("error: search index: {err:#}; still serving the previous one");
            None
        }
    }
}

/// One thread that makes search indexes, one at a time, on one core: the other
/// cores stay free for rebuilds. Edits that come faster than it indexes are
/// coalesced: it always takes the newest corpus waiting.
struct Indexer {
    next: Arc<Waiting>,
}

/// The newest search job not yet taken, and a signal that one came.
type Waiting = (Mutex<Option<(u64, Corpus)>>, Condvar);

impl Indexer {
    fn start(shared: Arc<Shared>) -> Indexer {
        let next: Arc<Waiting> = Arc::default();
        let queue = Arc::clone(&next);
        std::thread::spawn(move || {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().ok();
            loop {
                let (job, corpus) = {
                    let (slot, ready) = &*queue;
                    let mut slot = slot.lock().unwrap_or_else(|e| e.into_inner());
                    loop {
                        if let Some(next) = slot.take() {
                            break next;
                        }
                        slot = ready.wait(slot).unwrap_or_else(|e| e.into_inner());
                    }
                };
                let files = match &pool {
                    Some(pool) => pool.install(|| export_search(corpus)),
                    None => export_search(corpus),
                };
                shared.finish_search(job, files);
            }
        });
        Indexer { next }
    }

    fn submit(&self, job: u64, corpus: Corpus) {
        let (slot, ready) = &*self.next;
        *slot.lock().unwrap_or_else(|e| e.into_inner()) = Some((job, corpus));
        ready.notify_one();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_interface_is_opened_on_loopback() {
        let shown = |a: &str| shown_address(a.parse().unwrap()).to_string();
        assert_eq!(shown("0.0.0.0:1111"), "127.0.0.1:1111");
        assert_eq!(shown("[::]:1111"), "[::1]:1111");
        assert_eq!(shown("192.168.1.5:1111"), "192.168.1.5:1111");
    }
}

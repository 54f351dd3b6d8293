//! The site `serve` is serving: the files of the last good build, kept in
//! memory, the diagnostics of the last build, and a build token that changes
//! whenever either does. A rebuild publishes a complete new state in one swap,
//! so no request ever sees half of a build; the live-reload wait is a condition
//! variable on that swap.

use crate::diagnostics::Diagnostic;
use crate::render::{Contents, OutputFile};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant, SystemTime};

/// Every file of a built site, by path relative to the output root.
#[derive(Debug, Default, Clone)]
pub struct Files(HashMap<String, Arc<[u8]>>);

impl Files {
    pub fn get(&self, rel: &str) -> Option<&Arc<[u8]>> {
        self.0.get(rel)
    }

    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str)
    }

    #[cfg(test)]
    pub fn insert(&mut self, path: &str, bytes: &[u8]) {
        self.0.insert(path.to_string(), Arc::from(bytes));
    }

    /// Replaces every file under `search/` with `search`.
    fn set_search(&mut self, search: &[(String, Arc<[u8]>)]) {
        if search.is_empty() {
            return;
        }
        let dir = crate::search::export::DIR;
        self.0
            .retain(|path, _| !(path.starts_with(dir) && path[dir.len()..].starts_with('/')));
        for (path, bytes) in search {
            self.0.insert(path.clone(), Arc::clone(bytes));
        }
    }

    /// Same paths and bytes; cheap when pages were reused (same allocation).
    fn same_as(&self, other: &Files) -> bool {
        self.0.len() == other.0.len()
            && self.0.iter().all(|(path, bytes)| {
                other
                    .0
                    .get(path)
                    .is_some_and(|b| Arc::ptr_eq(b, bytes) || b == bytes)
            })
    }
}

/// One published state of the server.
#[derive(Debug)]
pub struct Published {
    /// Changes with every new state; pages carry it so they know when to reload.
    pub build: String,
    pub files: Arc<Files>,
    /// Of the last build; its files are not served when it has an error.
    pub diagnostics: Arc<Vec<Diagnostic>>,
    /// False while the search index of the last content is still being made
    /// (the files under `search/` are then those of the content before).
    pub search_ready: bool,
}

impl Published {
    pub fn failed(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// The client search index being served, made apart from the pages because
/// indexing takes longer than a reload should.
#[derive(Default)]
struct SearchSlot {
    /// The newest search job; an older job's result is dropped.
    job: u64,
    pending: bool,
    /// The files under `search/`, added to every published build.
    files: Vec<(String, Arc<[u8]>)>,
}

/// The state shared by the rebuild loop, the search indexer and the request threads.
pub struct Shared {
    /// Held while a state is published, so pages and search files never cross.
    search: Mutex<SearchSlot>,
    current: Mutex<Arc<Published>>,
    changed: Condvar,
    /// Differs between runs of the server, so a page from an earlier run reloads.
    nonce: String,
    generation: Mutex<u64>,
}

impl Default for Shared {
    fn default() -> Self {
        let nanos = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let nonce = format!("{:x}", nanos ^ u128::from(std::process::id()));
        Shared {
            search: Mutex::default(),
            current: Mutex::new(Arc::new(Published {
                build: format!("{nonce}-0"),
                files: Arc::default(),
                diagnostics: Arc::default(),
                search_ready: true,
            })),
            changed: Condvar::new(),
            nonce,
            generation: Mutex::new(0),
        }
    }
}

impl Shared {
    pub fn current(&self) -> Arc<Published> {
        Arc::clone(&self.current.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// Publishes a build: its files when it succeeded (otherwise the last good
    /// files stay), and its diagnostics. Returns false when nothing a reader
    /// could see changed, so open pages do not reload for nothing.
    pub fn publish(&self, files: Option<Files>, diagnostics: Vec<Diagnostic>) -> bool {
        let slot = self.search.lock().unwrap_or_else(|e| e.into_inner());
        let previous = self.current();
        let files = match files {
            Some(mut files) => {
                files.set_search(&slot.files);
                if files.same_as(&previous.files) {
                    Arc::clone(&previous.files)
                } else {
                    Arc::new(files)
                }
            }
            None => Arc::clone(&previous.files),
        };
        let search_ready = !slot.pending;
        if Arc::ptr_eq(&files, &previous.files)
            && *previous.diagnostics == diagnostics
            && previous.search_ready == search_ready
        {
            return false;
        }
        let mut generation = self.generation.lock().unwrap_or_else(|e| e.into_inner());
        *generation += 1;
        let next = Arc::new(Published {
            build: format!("{}-{}", self.nonce, *generation),
            files,
            diagnostics: Arc::new(diagnostics),
            search_ready,
        });
        *self.current.lock().unwrap_or_else(|e| e.into_inner()) = next;
        self.changed.notify_all();
        true
    }

    /// Starts a search job; returns its number for `finish_search`.
    pub fn start_search(&self) -> u64 {
        let mut slot = self.search.lock().unwrap_or_else(|e| e.into_inner());
        slot.job += 1;
        slot.pending = true;
        slot.job
    }

    /// Puts the files of search job `job` in place of the served ones, when no
    /// newer job started since; `None` (the job failed) keeps the old ones.
    /// The build token stays: open pages need not reload for a search index.
    pub fn finish_search(&self, job: u64, files: Option<Vec<(String, Arc<[u8]>)>>) {
        let mut slot = self.search.lock().unwrap_or_else(|e| e.into_inner());
        if slot.job != job {
            return;
        }
        slot.pending = false;
        if let Some(files) = files {
            slot.files = files;
        }
        let mut current = self.current.lock().unwrap_or_else(|e| e.into_inner());
        let mut served = (*current.files).clone();
        served.set_search(&slot.files);
        *current = Arc::new(Published {
            build: current.build.clone(),
            files: Arc::new(served),
            diagnostics: Arc::clone(&current.diagnostics),
            search_ready: true,
        });
    }

    /// Waits until the build is no longer `since`, or `timeout` passes.
    pub fn wait(&self, since: &str, timeout: Duration) -> Arc<Published> {
        let deadline = Instant::now() + timeout;
        let mut current = self.current.lock().unwrap_or_else(|e| e.into_inner());
        while current.build == since {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            current = self
                .changed
                .wait_timeout(current, left)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
        Arc::clone(&current)
    }
}

/// Size and modification time of a file.
type Stamp = (u64, Option<SystemTime>);

/// Turns a build's output files into `Files`. Rendered pages are already in
/// memory; copied files (theme static files, content assets) are read here and
/// kept until their size or time stamp changes or the watcher names them.
#[derive(Default)]
pub struct Sink {
    copies: HashMap<PathBuf, (Stamp, Arc<[u8]>)>,
    dirty: HashSet<PathBuf>,
}

impl Sink {
    pub fn changed(&mut self, path: &Path) {
        self.dirty.insert(path.to_path_buf());
    }

    /// Only files under `roots` are read: the build never copies anything else,
    /// and this keeps a symbolic link swapped in later from leading out.
    pub fn collect(
        &mut self,
        outputs: Vec<OutputFile>,
        roots: &[PathBuf],
    ) -> anyhow::Result<Files> {
        let roots: Vec<PathBuf> = roots.iter().filter_map(|r| r.canonicalize().ok()).collect();
        let mut files = HashMap::with_capacity(outputs.len());
        let mut live = HashSet::new();
        for file in outputs {
            let bytes = match file.contents {
                Contents::Bytes(bytes) => Arc::from(bytes),
                Contents::Shared(bytes) => bytes,
                Contents::Copy(source) => {
                    let bytes = self.read(&source, &roots)?;
                    live.insert(source);
                    bytes
                }
            };
            files.insert(file.rel_path, bytes);
        }
        self.copies.retain(|path, _| live.contains(path));
        self.dirty.clear();
        Ok(Files(files))
    }

    fn read(&mut self, source: &Path, roots: &[PathBuf]) -> anyhow::Result<Arc<[u8]>> {
        use anyhow::Context;
        let real = source
            .canonicalize()
            .with_context(|| format!("cannot read {}", source.display()))?;
        if !roots.iter().any(|root| real.starts_with(root)) {
            anyhow::bail!("{} leads outside the site", source.display());
        }
        let meta = std::fs::metadata(&real)
            .with_context(|| format!("cannot read {}", source.display()))?;
        let stamp = (meta.len(), meta.modified().ok());
        if !self.dirty.contains(source) {
            if let Some((seen, bytes)) = self.copies.get(source) {
                if *seen == stamp {
                    return Ok(Arc::clone(bytes));
                }
            }
        }
        let bytes: Arc<[u8]> = Arc::from(crate::fs::read(&real)?);
        self.copies
            .insert(source.to_path_buf(), (stamp, Arc::clone(&bytes)));
        Ok(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(pairs: &[(&str, &str)]) -> Files {
        Files(
            pairs
                .iter()
                .map(|(p, b)| (p.to_string(), Arc::from(b.as_bytes())))
                .collect(),
        )
    }

    #[test]
    fn a_failed_build_keeps_the_files_and_changes_the_build() {
        let shared = Shared::default();
        assert!(shared.publish(Some(files(&[("index.html", "een")])), vec![]));
        let good = shared.current();
        let error = Diagnostic::error("content/a.md", 1, 1, "kapot");
        assert!(shared.publish(None, vec![error.clone()]));
        let bad = shared.current();
        assert_ne!(good.build, bad.build);
        assert!(Arc::ptr_eq(&good.files, &bad.files));
        assert!(bad.failed());
        // The same failure again is no news.
        assert!(!shared.publish(None, vec![error]));
        assert!(shared.publish(Some(files(&[("index.html", "een")])), vec![]));
        assert!(!shared.current().failed());
    }

    #[test]
    fn an_identical_build_is_not_published() {
        let shared = Shared::default();
        shared.publish(Some(files(&[("a", "1")])), vec![]);
        assert!(!shared.publish(Some(files(&[("a", "1")])), vec![]));
        assert!(shared.publish(Some(files(&[("a", "2")])), vec![]));
    }

    fn search(pairs: &[(&str, &str)]) -> Vec<(String, Arc<[u8]>)> {
        files(pairs).0.into_iter().collect()
    }

    fn served(shared: &Shared, path: &str) -> Option<String> {
        let current = shared.current();
        let bytes = current.files.get(path)?;
        Some(String::from_utf8_lossy(bytes).into_owned())
    }

    #[test]
    fn a_search_index_joins_the_served_pages_without_a_new_build() {
        let shared = Shared::default();
        let first = shared.start_search();
        shared.finish_search(first, Some(search(&[("search/manifest.js", "oud")])));
        shared.publish(Some(files(&[("index.html", "een")])), vec![]);
        assert_eq!(
            served(&shared, "search/manifest.js").as_deref(),
            Some("oud")
        );

        // New content: its pages are published while its index is made.
        let job = shared.start_search();
        shared.publish(Some(files(&[("index.html", "twee")])), vec![]);
        let published = shared.current();
        assert!(!published.search_ready);
        assert_eq!(
            served(&shared, "search/manifest.js").as_deref(),
            Some("oud")
        );

        shared.finish_search(job, Some(search(&[("search/manifest.js", "nieuw")])));
        let done = shared.current();
        assert!(done.search_ready);
        assert_eq!(done.build, published.build, "open pages need not reload");
        assert_eq!(
            served(&shared, "search/manifest.js").as_deref(),
            Some("nieuw")
        );
        assert_eq!(served(&shared, "index.html").as_deref(), Some("twee"));
        // The next build keeps the new index.
        shared.publish(Some(files(&[("index.html", "drie")])), vec![]);
        assert_eq!(
            served(&shared, "search/manifest.js").as_deref(),
            Some("nieuw")
        );
    }

    #[test]
    fn an_outdated_search_job_is_dropped() {
        let shared = Shared::default();
        let older = shared.start_search();
        let newer = shared.start_search();
        shared.publish(Some(files(&[("index.html", "een")])), vec![]);
        shared.finish_search(older, Some(search(&[("search/manifest.js", "oud")])));
        assert_eq!(served(&shared, "search/manifest.js"), None);
        assert!(!shared.current().search_ready);
        shared.finish_search(newer, Some(search(&[("search/manifest.js", "nieuw")])));
        assert_eq!(
            served(&shared, "search/manifest.js").as_deref(),
            Some("nieuw")
        );
        assert!(shared.current().search_ready);
    }

    #[test]
    fn a_failed_search_job_keeps_the_index_it_had() {
        let shared = Shared::default();
        let first = shared.start_search();
        shared.finish_search(first, Some(search(&[("search/manifest.js", "oud")])));
        let job = shared.start_search();
        shared.publish(Some(files(&[("index.html", "een")])), vec![]);
        shared.finish_search(job, None);
        assert_eq!(
            served(&shared, "search/manifest.js").as_deref(),
            Some("oud")
        );
        assert!(shared.current().search_ready);
    }

    #[test]
    fn wait_returns_at_once_when_the_build_moved_on() {
        let shared = Shared::default();
        let before = shared.current().build.clone();
        shared.publish(Some(files(&[("a", "1")])), vec![]);
        let now = shared.wait(&before, Duration::from_secs(600));
        assert_ne!(now.build, before);
    }
}

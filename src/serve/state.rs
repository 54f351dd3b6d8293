//! The site `serve` is serving: the files of the last good build, kept in
//! memory, the diagnostics of the last build, and a build token that changes
//! whenever either does. A rebuild publishes a complete new state in one swap,
//! so no request ever sees half of a build; the live-reload wait is a tokio
//! watch channel told of each swap, so a waiting page costs no thread.

use crate::diagnostics::Diagnostic;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};
use tokio::sync::watch;

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

    pub fn from_map(files: HashMap<String, Arc<[u8]>>) -> Files {
        Files(files)
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
    /// Told after every publish; each wait subscribes to it.
    changed: watch::Sender<()>,
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
            changed: watch::Sender::new(()),
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
        self.changed.send_replace(());
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
    pub async fn wait(&self, since: &str, timeout: Duration) -> Arc<Published> {
        // Subscribed before looking, so a publish in between is not missed.
        let mut changed = self.changed.subscribe();
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let current = self.current();
            if current.build != since {
                return current;
            }
            match tokio::time::timeout_at(deadline, changed.changed()).await {
                Ok(Ok(())) => {}
                Ok(Err(_)) | Err(_) => return self.current(),
            }
        }
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

    fn block_on<F: std::future::Future>(future: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap()
            .block_on(future)
    }

    #[test]
    fn wait_returns_at_once_when_the_build_moved_on() {
        let shared = Shared::default();
        let before = shared.current().build.clone();
        shared.publish(Some(files(&[("a", "1")])), vec![]);
        let now = block_on(shared.wait(&before, Duration::from_secs(600)));
        assert_ne!(now.build, before);
    }

    #[test]
    fn a_waiting_page_wakes_when_a_build_is_published() {
        let shared = Arc::new(Shared::default());
        let before = shared.current().build.clone();
        let now = block_on(async {
            let waiting = tokio::spawn({
                let (shared, before) = (Arc::clone(&shared), before.clone());
                async move { shared.wait(&before, Duration::from_secs(600)).await }
            });
            // One thread: the wait runs up to where it parks.
            tokio::task::yield_now().await;
            assert!(!waiting.is_finished());
            shared.publish(Some(files(&[("a", "1")])), vec![]);
            tokio::time::timeout(Duration::from_secs(60), waiting)
                .await
                .expect("the publish woke the wait")
                .unwrap()
        });
        assert_ne!(now.build, before);
    }

    #[test]
    fn a_wait_without_news_ends_at_its_timeout() {
        let shared = Shared::default();
        let before = shared.current().build.clone();
        let now = block_on(shared.wait(&before, Duration::from_millis(10)));
        assert_eq!(now.build, before);
    }
}

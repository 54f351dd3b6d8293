//! Watching the site with notify and turning its events into batches of
//! changes: `site.toml` (watched through the site root, so editors that replace
//! the file on save are seen), templates, and changed files. Reads, hidden
//! files and editor leftovers are not changes. A batch closes once the events
//! of one save have settled.

use anyhow::{Context, Result};
use notify::{EventKind, RecursiveMode, Watcher as _};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// A save is one or a few events within a few milliseconds (write, or write a
/// temporary file and rename it); a batch closes after this much quiet.
const QUIET: Duration = Duration::from_millis(20);
/// A long burst (a checkout) is still rebuilt now and then.
const LONGEST: Duration = Duration::from_secs(1);

/// The watched places of one site.
#[derive(Debug, Clone)]
pub struct Paths {
    pub root: PathBuf,
    pub content: PathBuf,
    pub themes: PathBuf,
}

impl Paths {
    pub fn of(config: &crate::config::Config) -> Paths {
        Paths {
            root: config.root.clone(),
            content: config.content_dir.clone(),
            themes: config.root.join("themes"),
        }
    }
}

/// What changed since the last rebuild.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Batch {
    /// `site.toml` changed, or events were lost: rebuild from scratch.
    pub config: bool,
    /// A template (anything in `themes/` outside `static/`) changed.
    pub templates: bool,
    /// Files under `content/` or a theme's `static/` that changed, appeared or went.
    pub files: BTreeSet<PathBuf>,
}

impl Batch {
    pub fn is_empty(&self) -> bool {
        !self.config && !self.templates && self.files.is_empty()
    }
}

/// Adds what `event` changed to `batch`.
pub fn classify(paths: &Paths, event: &notify::Event, batch: &mut Batch) {
    if event.need_rescan() {
        batch.config = true;
        return;
    }
    if matches!(event.kind, EventKind::Access(_)) {
        return;
    }
    for path in &event.paths {
        let Ok(rel) = path.strip_prefix(&paths.root) else {
            continue;
        };
        // The same names `discover` skips, so that an unseen event is never
        // one that would have changed the site.
        let ignored = rel
            .components()
            .any(|c| crate::content::discover::is_ignored(&c.as_os_str().to_string_lossy()));
        if ignored {
            continue;
        }
        if rel == Path::new("site.toml") {
            batch.config = true;
        } else if path.starts_with(&paths.content) {
            batch.files.insert(path.clone());
        } else if let Ok(in_themes) = path.strip_prefix(&paths.themes) {
            // themes/<name>/theme.toml: the design tokens are part of the
            // configuration (checked against [theme.tokens]), so start afresh.
            if in_themes.components().count() == 2
                && in_themes.ends_with(crate::render::theme::MANIFEST)
            {
                batch.config = true;
            // themes/<name>/static/…: copied, not rendered.
            } else if in_themes
                .components()
                .nth(1)
                .is_some_and(|c| c.as_os_str() == "static")
            {
                batch.files.insert(path.clone());
            } else {
                batch.templates = true;
            }
        }
    }
}

/// A running watcher; dropping it stops watching.
pub struct Watcher {
    paths: Paths,
    events: mpsc::Receiver<notify::Result<notify::Event>>,
    _watcher: notify::RecommendedWatcher,
}

impl Watcher {
    pub fn start(paths: Paths) -> Result<Watcher> {
        let (tx, events) = mpsc::channel();
        let mut watcher =
            notify::recommended_watcher(tx).context("cannot start the file watcher")?;
        watcher
            .watch(&paths.content, RecursiveMode::Recursive)
            .with_context(|| format!("cannot watch {}", paths.content.display()))?;
        if paths.themes.is_dir() {
            watcher
                .watch(&paths.themes, RecursiveMode::Recursive)
                .with_context(|| format!("cannot watch {}", paths.themes.display()))?;
        }
        // The root, not the file: editors replace site.toml on save.
        watcher
            .watch(&paths.root, RecursiveMode::NonRecursive)
            .with_context(|| format!("cannot watch {}", paths.root.display()))?;
        Ok(Watcher {
            paths,
            events,
            _watcher: watcher,
        })
    }

    /// Blocks until something changed, then collects until the changes settle.
    /// `None` when the watcher has stopped.
    pub fn next_batch(&self) -> Option<Batch> {
        let mut batch = Batch::default();
        while batch.is_empty() {
            self.add(self.events.recv().ok()?, &mut batch);
        }
        let started = Instant::now();
        let mut last = Instant::now();
        while last.elapsed() < QUIET && started.elapsed() < LONGEST {
            match self
                .events
                .recv_timeout(QUIET.saturating_sub(last.elapsed()))
            {
                Ok(event) => {
                    let before = (batch.config, batch.templates, batch.files.len());
                    self.add(event, &mut batch);
                    if before != (batch.config, batch.templates, batch.files.len()) {
                        last = Instant::now();
                    }
                }
                Err(mpsc::RecvTimeoutError::Timeout) => break,
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
        }
        Some(batch)
    }

    fn add(&self, event: notify::Result<notify::Event>, batch: &mut Batch) {
        match event {
            Ok(event) => classify(&self.paths, &event, batch),
            // The watcher lost track: start over rather than miss a change.
            Err(_) => batch.config = true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{AccessKind, CreateKind, DataChange, ModifyKind, RenameMode};

    fn paths() -> Paths {
        Paths {
            root: PathBuf::from("/site"),
            content: PathBuf::from("/site/content"),
            themes: PathBuf::from("/site/themes"),
        }
    }

    fn batch_of(kind: EventKind, files: &[&str]) -> Batch {
        let mut event = notify::Event::new(kind);
        for f in files {
            event = event.add_path(PathBuf::from(f));
        }
        let mut batch = Batch::default();
        classify(&paths(), &event, &mut batch);
        batch
    }

    #[test]
    fn content_templates_static_and_config_are_told_apart() {
        let edit = EventKind::Modify(ModifyKind::Data(DataChange::Any));
        let b = batch_of(edit, &["/site/content/gemeenten/zaanstad.md"]);
        assert_eq!(b.files.len(), 1);
        assert!(!b.templates && !b.config);
        let b = batch_of(edit, &["/site/themes/default/templates/base.html"]);
        assert!(b.templates && b.files.is_empty());
        let b = batch_of(edit, &["/site/themes/default/static/style.css"]);
        assert!(!b.templates && b.files.len() == 1);
        // The theme's design tokens are configuration.
        let b = batch_of(edit, &["/site/themes/default/theme.toml"]);
        assert!(b.config && !b.templates && b.files.is_empty());
        // An editor that saves by renaming a temporary file over site.toml.
        let b = batch_of(
            EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
            &["/site/.site.toml.tmp", "/site/site.toml"],
        );
        assert!(b.config && b.files.is_empty());
    }

    #[test]
    fn reads_swap_files_and_other_places_are_not_changes() {
        let none = Batch::default();
        let read = EventKind::Access(AccessKind::Any);
        assert_eq!(batch_of(read, &["/site/content/a/b.md"]), none);
        let create = EventKind::Create(CreateKind::File);
        for path in [
            "/site/content/a/.b.md.swp",
            "/site/content/a/b.md~",
            "/site/content/.git/index",
            "/site/public/index.html",
            "/site/README.md",
            "/elsewhere/site.toml",
        ] {
            assert_eq!(batch_of(create, &[path]), none, "{path}");
        }
    }
}

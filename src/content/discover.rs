//! Walking `content/`: which files are documents (Markdown in a kind's folder),
//! which are assets to copy, and every problem with the files themselves
//! (symlinks, ignored names). Reading one file is `read`'s (encoding, binary
//! content, size), names that collide are `collisions`'; parsing is left to
//! `document`.

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

pub mod read;
use read::{read_document, ReadFailure};

mod collisions;
use collisions::{case_collisions, collisions};

/// Files larger than this are refused rather than read into memory.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// A Markdown document found in a kind's folder, read and decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Path shown in diagnostics: relative to the site root, `/`-separated.
    pub display: PathBuf,
    /// Path relative to `content/`.
    pub rel: PathBuf,
    pub kind: String,
    pub slug: String,
    pub text: String,
}

/// A non-Markdown file under `content/`, copied to the same relative path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    pub source: PathBuf,
    pub rel: PathBuf,
}

#[derive(Debug, Default)]
pub struct Discovered {
    pub documents: Vec<SourceFile>,
    pub assets: Vec<Asset>,
    /// (kind, slug) of documents that exist but could not be read.
    pub unreadable: Vec<(String, String)>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Finds every document and asset. Sorted by path, so later stages see a stable order.
pub fn discover(config: &Config) -> Discovered {
    discover_cached(config, None)
}

/// What reading one document gave, kept by `ReadCache` between rebuilds.
type ReadResult = Result<SourceFile, Box<ReadFailure>>;

/// Size and modification time of a file.
type Stamp = (u64, Option<std::time::SystemTime>);

/// One entry of the walk over `content/`, before any document is read.
#[derive(Debug, Clone)]
enum Walked {
    Problem(Diagnostic),
    Document {
        path: PathBuf,
        rel: PathBuf,
        display: PathBuf,
    },
    Asset(Asset),
}

/// The walk over `content/` and the name collisions it showed.
#[derive(Debug, Clone)]
struct Walk {
    entries: Vec<Walked>,
    /// Files the walk found (documents and assets): editing one of these in
    /// place leaves the walk as it was.
    files: HashSet<PathBuf>,
    case_collisions: Vec<Diagnostic>,
}

/// What an earlier `discover_cached` found. A document is read again only when
/// the watcher named its path or its size or time stamp changed; the walk is
/// done again unless every named path is a file the last walk found that is
/// still a plain file (an edit in place). Either way the result is what
/// `discover` would find now.
#[derive(Debug, Default)]
pub struct ReadCache {
    entries: HashMap<PathBuf, (Stamp, ReadResult)>,
    walk: Option<Walk>,
    dirty: HashSet<PathBuf>,
}

impl ReadCache {
    /// Forces the next discovery to look at `path` again (it changed, appeared
    /// or went; time stamps can be too coarse to tell two quick saves apart).
    pub fn invalidate(&mut self, path: &Path) {
        self.dirty.insert(path.to_path_buf());
    }

    /// The last walk, if nothing since can have changed what it found.
    fn reusable_walk(&self) -> Option<Walk> {
        let walk = self.walk.as_ref()?;
        let in_place = self.dirty.iter().all(|path| {
            walk.files.contains(path)
                && std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_file())
        });
        in_place.then(|| walk.clone())
    }

    fn read(&mut self, config: &Config, path: &Path, rel: &Path, display: &Path) -> ReadResult {
        let stamp = std::fs::metadata(path)
            .map(|m| (m.len(), m.modified().ok()))
            .ok();
        if let (Some(stamp), false) = (stamp, self.dirty.contains(path)) {
            if let Some((seen, result)) = self.entries.get(path) {
                if *seen == stamp {
                    return result.clone();
                }
            }
        }
        let result = read_document(config, path, rel, display);
        if let Some(stamp) = stamp {
            self.entries
                .insert(path.to_path_buf(), (stamp, result.clone()));
        }
        result
    }
}

/// `discover`, reusing what was found before when `cache` is given.
pub fn discover_cached(config: &Config, mut cache: Option<&mut ReadCache>) -> Discovered {
    let walk = match cache.as_deref().and_then(ReadCache::reusable_walk) {
        Some(walk) => walk,
        None => match walk(config) {
            Ok(walk) => walk,
            Err(d) => return Discovered::failed(d),
        },
    };
    let reads: Vec<Option<ReadResult>> = walk
        .entries
        .iter()
        .map(|entry| match entry {
            Walked::Document { path, rel, display } => Some(match cache.as_deref_mut() {
                Some(cache) => cache.read(config, path, rel, display),
                None => read_document(config, path, rel, display),
            }),
            _ => None,
        })
        .collect();
    let found = gather(&walk, reads);
    if let Some(cache) = cache {
        cache.entries.retain(|path, _| walk.files.contains(path));
        cache.dirty.clear();
        cache.walk = Some(walk);
    }
    found
}

/// `discover`, handing each document to `each` as soon as it is read (in
/// parallel) and keeping what `each` returns beside it, in the same order:
/// one item per entry of the walk, `None` for those that are not a document
/// read (flattened, they line up with `documents`; left as they are, no
/// second vector of every document is made). `each` may take the file's
/// text: a one-shot build that parses it there never holds every file's text
/// at once.
pub fn discover_each<T: Send>(
    config: &Config,
    each: impl Fn(&mut SourceFile) -> T + Sync,
) -> (Discovered, Vec<Option<T>>) {
    use rayon::prelude::*;
    let walk = match walk(config) {
        Ok(walk) => walk,
        Err(d) => return (Discovered::failed(d), Vec::new()),
    };
    let (reads, made): (Vec<Option<ReadResult>>, Vec<Option<T>>) = walk
        .entries
        .par_iter()
        .map(|entry| match entry {
            Walked::Document { path, rel, display } => {
                match read_document(config, path, rel, display) {
                    Ok(mut source) => {
                        let made = each(&mut source);
                        (Some(Ok(source)), Some(made))
                    }
                    Err(failure) => (Some(Err(failure)), None),
                }
            }
            _ => (None, None),
        })
        .unzip();
    (gather(&walk, reads), made)
}

impl Discovered {
    fn failed(d: Diagnostic) -> Discovered {
        Discovered {
            diagnostics: vec![d],
            ..Discovered::default()
        }
    }
}

/// What the walk found, with each document's read (`None` for entries that
/// are not documents), in walk order.
fn gather(walk: &Walk, reads: Vec<Option<ReadResult>>) -> Discovered {
    let mut found = Discovered::default();
    for (entry, read) in walk.entries.iter().zip(reads) {
        match (entry, read) {
            (Walked::Problem(d), _) => found.diagnostics.push(d.clone()),
            (Walked::Asset(asset), _) => found.assets.push(asset.clone()),
            (Walked::Document { .. }, Some(Ok(doc))) => found.documents.push(doc),
            (Walked::Document { .. }, Some(Err(failure))) => {
                let (d, identity) = *failure;
                found.diagnostics.push(d);
                found.unreadable.extend(identity);
            }
            (Walked::Document { .. }, None) => {}
        }
    }
    found.diagnostics.extend(collisions(&found.documents));
    found
        .diagnostics
        .extend(walk.case_collisions.iter().cloned());
    found
}

/// Walks `content/` (following links that stay inside it, skipping ignored names).
fn walk(config: &Config) -> Result<Walk, Diagnostic> {
    let content = &config.content_dir;
    let display_root = Path::new("content");
    let Ok(content_real) = content.canonicalize() else {
        return Err(
            Diagnostic::error(display_root, 0, 0, "content directory not found")
                .with_hint(format!("create {}", content.display())),
        );
    };
    let mut entries = Vec::new();
    let mut files = HashSet::new();
    let mut walker = WalkDir::new(content)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !is_ignored_entry(e));
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let rel = err
                    .path()
                    .and_then(|p| p.strip_prefix(content).ok())
                    .map_or_else(PathBuf::new, Path::to_path_buf);
                let message = if err.loop_ancestor().is_some() {
                    "symbolic link loop".to_string()
                } else {
                    format!(
                        "cannot read: {}",
                        err.io_error()
                            .map_or_else(|| err.to_string(), |e| e.to_string())
                    )
                };
                entries.push(Walked::Problem(Diagnostic::error(
                    display_root.join(rel),
                    0,
                    0,
                    message,
                )));
                continue;
            }
        };
        let path = entry.path();
        let rel = path.strip_prefix(content).unwrap_or(path).to_path_buf();
        let display = display_root.join(&rel);
        if entry.path_is_symlink() {
            match path.canonicalize() {
                Ok(real) if real.starts_with(&content_real) => {}
                _ => {
                    entries.push(Walked::Problem(
                        Diagnostic::error(&display, 0, 0, "symbolic link leads outside content/")
                            .with_hint("copy the file into content/ instead of linking to it"),
                    ));
                    if entry.file_type().is_dir() {
                        // One problem, not one per file in the folder it leads to.
                        walker.skip_current_dir();
                    }
                    continue;
                }
            }
        }
        let file_type = entry.file_type();
        if file_type.is_dir() {
            continue;
        }
        if !file_type.is_file() {
            // A named pipe, socket or device: reading it could block the
            // build or return anything. A document is an error (the site
            // would lack it); any other file is left out with a warning.
            let message = "not a regular file (a named pipe, socket or device)";
            let diagnostic = if path.extension().is_some_and(|e| e == "md") {
                Diagnostic::error(&display, 0, 0, message)
            } else {
                Diagnostic::warning(&display, 0, 0, format!("{message}: left out"))
            };
            entries.push(Walked::Problem(
                diagnostic.with_hint("replace it with an ordinary file, or remove it"),
            ));
            continue;
        }
        files.insert(path.to_path_buf());
        if path.extension().is_some_and(|e| e == "md") {
            entries.push(Walked::Document {
                path: path.to_path_buf(),
                rel,
                display,
            });
        } else {
            entries.push(Walked::Asset(Asset {
                source: path.to_path_buf(),
                rel,
            }));
        }
    }
    Ok(Walk {
        entries,
        files,
        case_collisions: case_collisions(config),
    })
}

/// Whether a walk below a folder should skip this entry (and all under it):
/// the one rule for `content/`, the theme's `templates/` and `static/`, and
/// the watcher of `serve`.
pub fn is_ignored_entry(entry: &walkdir::DirEntry) -> bool {
    entry.depth() > 0 && is_ignored(entry.file_name().to_string_lossy().as_ref())
}

/// Hidden files and editor leftovers are not content.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".tmp")
}

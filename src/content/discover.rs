//! Walking `content/`: which files are documents (Markdown in a kind's folder),
//! which are assets to copy, and every problem with the files themselves
//! (encoding, binary content, size, symlinks, colliding names). Parsing is
//! left to `document`.

use crate::config::{is_slug, Config};
use crate::diagnostics::Diagnostic;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;
use walkdir::WalkDir;

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
    let mut found = Discovered::default();
    let walk = match cache.as_deref().and_then(ReadCache::reusable_walk) {
        Some(walk) => walk,
        None => match walk(config) {
            Ok(walk) => walk,
            Err(d) => {
                found.diagnostics.push(d);
                return found;
            }
        },
    };
    for entry in &walk.entries {
        match entry {
            Walked::Problem(d) => found.diagnostics.push(d.clone()),
            Walked::Asset(asset) => found.assets.push(asset.clone()),
            Walked::Document { path, rel, display } => {
                let result = match cache.as_deref_mut() {
                    Some(cache) => cache.read(config, path, rel, display),
                    None => read_document(config, path, rel, display),
                };
                match result {
                    Ok(doc) => found.documents.push(doc),
                    Err(failure) => {
                        let (d, identity) = *failure;
                        found.diagnostics.push(d);
                        found.unreadable.extend(identity);
                    }
                }
            }
        }
    }
    found.diagnostics.extend(collisions(&found.documents));
    found
        .diagnostics
        .extend(walk.case_collisions.iter().cloned());
    if let Some(cache) = cache {
        cache.entries.retain(|path, _| walk.files.contains(path));
        cache.dirty.clear();
        cache.walk = Some(walk);
    }
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
        if !entry.file_type().is_file() {
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

/// Why a document could not be read, and its (kind, slug) when known.
type ReadFailure = (Diagnostic, Option<(String, String)>);

/// Reads one document; on failure also returns its (kind, slug) when those are
/// known, so that links to it are not reported as broken as well.
fn read_document(
    config: &Config,
    path: &Path,
    rel: &Path,
    display: &Path,
) -> Result<SourceFile, Box<ReadFailure>> {
    let folder = rel
        .components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy().into_owned());
    let kind = folder
        .as_deref()
        .and_then(|folder| config.kinds.iter().find(|k| k.folder == folder))
        .filter(|_| rel.components().count() > 1)
        .ok_or_else(|| {
            let folders: Vec<String> = config
                .kinds
                .iter()
                .map(|k| format!("{}/", k.folder))
                .collect();
            let d = Diagnostic::error(
                display,
                0,
                0,
                "document is not in the folder of a content kind",
            )
            .with_hint(format!("move it into one of: {}", folders.join(", ")));
            Box::new((d, None))
        })?;
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let identity = is_slug(&stem).then(|| (kind.name.clone(), stem.clone()));
    let fail = |d: Diagnostic| Box::new((d, identity.clone()));
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if size > MAX_FILE_BYTES {
        return Err(fail(
            Diagnostic::error(
                display,
                0,
                0,
                format!("file is {size} bytes, more than the limit of {MAX_FILE_BYTES}"),
            )
            .with_hint("split it into several documents"),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| {
        fail(Diagnostic::error(
            display,
            0,
            0,
            format!("cannot read: {e}"),
        ))
    })?;
    let text = decode(display, bytes).map_err(fail)?;
    if !is_slug(&stem) {
        return Err(fail(
            Diagnostic::error(
                display,
                0,
                0,
                format!("file name '{stem}' is not a valid slug"),
            )
            .with_hint(format!(
                "use lowercase letters, digits and hyphens, e.g. '{}.md'",
                suggest_slug(&stem)
            )),
        ));
    }
    Ok(SourceFile {
        display: display.to_path_buf(),
        rel: rel.to_path_buf(),
        kind: kind.name.clone(),
        slug: stem,
        text,
    })
}

/// UTF-8 text or a diagnostic pointing at the first bad byte; NUL bytes mean binary.
pub fn decode(display: &Path, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    if let Some(pos) = bytes.iter().position(|b| *b == 0) {
        let (line, col) = line_col_bytes(&bytes, pos);
        return Err(
            Diagnostic::error(display, line, col, "binary file, not Markdown text")
                .with_hint("only UTF-8 Markdown files may end in .md"),
        );
    }
    String::from_utf8(bytes).map_err(|err| {
        let pos = err.utf8_error().valid_up_to();
        let (line, col) = line_col_bytes(err.as_bytes(), pos);
        Diagnostic::error(display, line, col, "invalid UTF-8")
            .with_hint("save the file as UTF-8 (it may be Latin-1 or Windows-1252)")
    })
}

fn line_col_bytes(bytes: &[u8], pos: usize) -> (usize, usize) {
    let valid = String::from_utf8_lossy(&bytes[..pos]);
    crate::diagnostics::line_col(&valid, valid.len())
}

/// Turns any file name into a slug suggestion: accents dropped, lowercase, hyphens.
pub fn suggest_slug(name: &str) -> String {
    let folded = fold(name);
    let mut out = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// Lowercase without accents: two names with the same fold collide on
/// case-insensitive or normalising file systems.
pub fn fold(name: &str) -> String {
    name.nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect::<String>()
        .to_lowercase()
}

/// Duplicate slugs across the whole site.
fn collisions(documents: &[SourceFile]) -> Vec<Diagnostic> {
    let mut seen: BTreeMap<String, &SourceFile> = BTreeMap::new();
    let mut out = Vec::new();
    for doc in documents {
        match seen.get(&fold(&doc.slug)) {
            Some(first) => out.push(
                Diagnostic::error(
                    &doc.display,
                    0,
                    0,
                    format!(
                        "duplicate slug '{}': {} has it too",
                        doc.slug,
                        first.display.display()
                    ),
                )
                .with_hint("slugs are unique across the whole site; rename one of the files"),
            ),
            None => {
                seen.insert(fold(&doc.slug), doc);
            }
        }
    }
    out
}

/// File names under `content/` that differ only by case or accents; checked on
/// raw names, before slug rules, because they break checkouts on Windows and macOS.
/// Ignored names (hidden files, editor leftovers) are not content and not checked.
fn case_collisions(config: &Config) -> Vec<Diagnostic> {
    let mut seen: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut out = Vec::new();
    for entry in WalkDir::new(&config.content_dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !is_ignored_entry(e))
        .flatten()
    {
        let Ok(rel) = entry.path().strip_prefix(&config.content_dir) else {
            continue;
        };
        let key = fold(&rel.to_string_lossy());
        let display = Path::new("content").join(rel);
        if let Some(first) = seen.get(&key) {
            out.push(
                Diagnostic::error(
                    &display,
                    0,
                    0,
                    format!(
                        "file name collides with {} on case-insensitive file systems",
                        first.display()
                    ),
                )
                .with_hint("names may not differ only by case or accents"),
            );
        } else {
            seen.insert(key, display);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_points_at_the_byte() {
        let d = decode(Path::new("a.md"), b"---\ntitle: caf\xe9\n".to_vec()).unwrap_err();
        assert_eq!(
            (d.line, d.column, d.message.as_str()),
            (2, 11, "invalid UTF-8")
        );
    }

    #[test]
    fn nul_bytes_mean_binary() {
        let d = decode(Path::new("a.md"), b"\x89PNG\x00\x00".to_vec()).unwrap_err();
        assert_eq!(d.message, "binary file, not Markdown text");
    }

    #[test]
    fn slug_suggestions_fold_accents() {
        assert_eq!(
            suggest_slug("Éénmeting Zaanstad 2014"),
            "eenmeting-zaanstad-2014"
        );
        assert_eq!(fold("Één"), "een");
    }
}

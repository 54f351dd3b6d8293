//! The search index kept in `ROOT/.kennisbank-cache/search/` for
//! `kennisbank search`: rebuilt when the stamp (a hash of the format version,
//! the binary's size and time, `site.toml` and every file under `content/`)
//! differs from the one saved.

use super::index::{self, Lexicon, SearchIndex};
use super::{collect, Corpus, FORMAT_VERSION};
use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::fs;
use crate::site::Site;
use anyhow::{Context, Result};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use tantivy::directory::MmapDirectory;

pub const CACHE_DIR: &str = ".kennisbank-cache";

fn dir(config: &Config) -> PathBuf {
    config.root.join(CACHE_DIR).join("search")
}

/// Hash of everything the index is built from.
pub fn stamp(config: &Config) -> Result<String> {
    let mut hasher = Sha256::new();
    hasher.update(format!(
        "kennisbank {} format {FORMAT_VERSION}\n",
        env!("CARGO_PKG_VERSION")
    ));
    // A rebuilt binary may analyse text differently under the same version.
    if let Ok(meta) = std::env::current_exe().and_then(std::fs::metadata) {
        hasher.update(format!("{} {:?}\n", meta.len(), meta.modified().ok()));
    }
    hasher.update(fs::read(&config.root.join("site.toml"))?);
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(&config.content_dir)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    files.sort();
    for file in files {
        let rel = file.strip_prefix(&config.root).unwrap_or(&file);
        hasher.update(rel.to_string_lossy().as_bytes());
        hasher.update([0]);
        hasher.update(fs::read(&file)?);
        hasher.update([0]);
    }
    Ok(hex(&hasher.finalize()))
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What opening the cache produced.
pub enum Opened {
    Ready {
        index: Box<SearchIndex>,
        rebuilt: bool,
    },
    /// The content has errors; the index cannot be built.
    Invalid(Vec<Diagnostic>),
}

/// Opens the cached index, rebuilding it first when the content changed, from
/// the site `assemble` gives (`build::site_only`: search sits below `build`,
/// so it is handed the stage instead of calling it).
pub fn open_or_build(
    config: &Config,
    assemble: impl FnOnce() -> std::result::Result<Site, Vec<Diagnostic>>,
) -> Result<Opened> {
    let dir = dir(config);
    let stamp = stamp(config)?;
    let stamp_file = dir.join("stamp");
    if std::fs::read_to_string(&stamp_file).is_ok_and(|s| s.trim() == stamp) {
        if let Ok(ix) = open(&dir) {
            return Ok(Opened::Ready {
                index: Box::new(ix),
                rebuilt: false,
            });
        }
    }
    let outcome = assemble();
    let site = match outcome {
        Ok(site) => site,
        Err(diagnostics) => return Ok(Opened::Invalid(diagnostics)),
    };
    let corpus = match collect(&site) {
        Ok(corpus) => corpus,
        Err(d) => return Ok(Opened::Invalid(vec![d])),
    };
    // Built beside the cache and swapped in, so that a search running at the
    // same time never sees half an index.
    let staging = dir.with_extension(format!("tmp-{}", std::process::id()));
    if staging.exists() {
        fs::remove_dir_all(&staging)?;
    }
    let index_dir = staging.join("index");
    fs::create_dir_all(&index_dir)?;
    let directory = MmapDirectory::open(&index_dir)
        .with_context(|| format!("cannot open {}", index_dir.display()))?;
    let ix = index::build(corpus, Box::new(directory))?;
    fs::write(
        &staging.join("corpus.json"),
        &serde_json::to_vec(&ix.corpus)?,
    )?;
    fs::write(
        &staging.join("lexicon.json"),
        &serde_json::to_vec(&ix.lexicon)?,
    )?;
    fs::write(&staging.join("stamp"), stamp.as_bytes())?;
    drop(ix);
    if dir.exists() {
        fs::remove_dir_all(&dir)?;
    }
    fs::rename(&staging, &dir)?;
    Ok(Opened::Ready {
        index: Box::new(open(&dir)?),
        rebuilt: true,
    })
}

fn open(dir: &Path) -> Result<SearchIndex> {
    let corpus: Corpus = serde_json::from_slice(&fs::read(&dir.join("corpus.json"))?)?;
    let lexicon: Lexicon = serde_json::from_slice(&fs::read(&dir.join("lexicon.json"))?)?;
    let directory = MmapDirectory::open(dir.join("index"))?;
    index::open(Box::new(directory), corpus, lexicon)
}

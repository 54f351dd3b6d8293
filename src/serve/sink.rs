//! Turning a build's output files into the served `Files`: rendered pages are
//! already in memory; files the build copies (theme static files and the
//! parts it joins, content assets) are read here, only from inside the site,
//! and kept until they change.

use super::state::Files;
use crate::output::sink::{Contents, OutputFile};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

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
                Contents::Joined(parts) => {
                    let mut bytes = Vec::new();
                    for part in parts {
                        let read = self.read(&part, &roots)?;
                        bytes.extend_from_slice(&crate::output::sink::part_bytes(&part, &read));
                        live.insert(part);
                    }
                    Arc::from(bytes)
                }
            };
            files.insert(file.rel_path, bytes);
        }
        self.copies.retain(|path, _| live.contains(path));
        self.dirty.clear();
        Ok(Files::from_map(files))
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

//! The staging directory as a `Sink`: each file is written beside the output
//! as soon as the build puts it, so no stage holds every page; `commit` marks
//! it complete and swaps it in. Dropped uncommitted (a failed build), it is
//! removed and the output is untouched.

use super::leftovers::{self, Siblings};
use super::marker::Marker;
use super::{stop_at, swap};
use crate::config::relpath;
use crate::fs;
use crate::output::sink::{Contents, OutputFile, Sink};
use anyhow::{Context, Result};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A fresh staging directory beside the output, being filled.
pub struct Staging {
    siblings: Siblings,
    marker: Marker,
    written: AtomicUsize,
    /// Fault injection for the tests: fail as a full disk would, after N files.
    fail_after: Option<usize>,
    committed: bool,
}

impl Staging {
    /// Creates the staging directory beside `out`, with an incomplete marker.
    pub fn create(out: &Path) -> Result<Staging> {
        let siblings = Siblings::of(out)?;
        leftovers::expect_free(&siblings.staging, out)?;
        if let Some(parent) = out.parent() {
            fs::create_dir_all(parent)?;
        }
        std::fs::create_dir(&siblings.staging)
            .with_context(|| format!("cannot create {}", siblings.staging.display()))?;
        let staging = Staging {
            marker: leftovers::staging_marker(out),
            siblings,
            written: AtomicUsize::new(0),
            fail_after: std::env::var("KENNISBANK_FAIL_AFTER_WRITES")
                .ok()
                .and_then(|v| v.parse().ok()),
            committed: false,
        };
        // Dropped on error: the directory is removed again.
        staging.marker.write(&staging.siblings.staging)?;
        Ok(staging)
    }

    /// How many files were put.
    pub fn count(&self) -> usize {
        self.written.load(Ordering::SeqCst)
    }

    /// Marks the staging directory complete and swaps it in as the output.
    pub fn commit(mut self) -> Result<()> {
        self.marker.complete = true;
        self.marker.write(&self.siblings.staging)?;
        stop_at("before-swap");
        let result = swap::swap(&self.siblings);
        // On success the staging name is gone or holds nothing of ours to keep;
        // on failure `Drop` removes what is left.
        self.committed = result.is_ok();
        result
    }
}

impl Sink for Staging {
    fn put(&self, file: OutputFile) -> Result<()> {
        let count = self.written.fetch_add(1, Ordering::SeqCst);
        if self.fail_after.is_some_and(|n| count >= n) {
            anyhow::bail!("injected write failure at {}", file.rel_path);
        }
        if count == 1 {
            stop_at("writing");
        }
        let target = relpath::join(&self.siblings.staging, &file.rel_path)?;
        match &file.contents {
            Contents::Bytes(bytes) => fs::write(&target, bytes),
            Contents::Shared(bytes) => fs::write(&target, bytes),
            Contents::Copy(source) => {
                let bytes = fs::read(source)?;
                fs::write(&target, &bytes)
            }
            Contents::Joined(parts) => {
                let mut bytes = Vec::new();
                for part in parts {
                    bytes.extend(fs::read(part)?);
                }
                fs::write(&target, &bytes)
            }
        }
        .with_context(|| format!("while writing {}", file.rel_path))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed && self.siblings.staging.exists() {
            let _ = fs::remove_dir_all(&self.siblings.staging);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::ownership::Origin;

    fn page(path: &str, text: &str) -> OutputFile {
        OutputFile {
            rel_path: path.into(),
            contents: Contents::Bytes(text.as_bytes().to_vec()),
            origin: Origin::Generated("a page".into()),
        }
    }

    #[test]
    fn each_file_is_on_disk_as_soon_as_it_is_put() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let staging = Staging::create(&out).unwrap();
        let staged = dir.path().join(".public.staging");
        staging.put(page("a/b.html", "one")).unwrap();
        // Written now, not held until the build ends.
        assert_eq!(fs::read(&staged.join("a/b.html")).unwrap(), b"one");
        staging.put(page("c.html", "two")).unwrap();
        assert_eq!(fs::read(&staged.join("c.html")).unwrap(), b"two");
        assert!(!out.exists());
        assert_eq!(staging.count(), 2);
        staging.commit().unwrap();
        assert_eq!(fs::read(&out.join("a/b.html")).unwrap(), b"one");
        assert!(Marker::read(&out).is_some_and(|m| m.complete));
        assert!(!staged.exists());
    }

    #[test]
    fn an_uncommitted_staging_directory_is_removed_and_the_output_kept() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let first = Staging::create(&out).unwrap();
        first.put(page("index.html", "old")).unwrap();
        first.commit().unwrap();
        let second = Staging::create(&out).unwrap();
        second.put(page("index.html", "new")).unwrap();
        assert!(second.put(page("../escape.html", "x")).is_err());
        drop(second);
        assert!(!dir.path().join(".public.staging").exists());
        assert!(!dir.path().join("escape.html").exists());
        assert_eq!(fs::read(&out.join("index.html")).unwrap(), b"old");
    }
}

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
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;

/// A fresh staging directory beside the output, being filled.
pub struct Staging {
    siblings: Siblings,
    marker: Marker,
    written: AtomicUsize,
    /// Directories created so far: each is made once, not asked for again
    /// with every file (a `mkdir` locks its parent directory, and two
    /// threads writing into one directory wait for each other).
    made: Mutex<HashSet<PathBuf>>,
    /// The previous output, when it is a complete build of ours: a file
    /// whose bytes it holds already is linked from it, not written again.
    previous: Option<PathBuf>,
    /// Cleared when the file system refuses a hard link (one that has none,
    /// or another device): the rest of the build writes without comparing.
    linking: AtomicBool,
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
            made: Mutex::new(HashSet::new()),
            previous: Marker::read(out)
                .is_some_and(|m| m.complete)
                .then(|| out.to_path_buf()),
            linking: AtomicBool::new(true),
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
        let bytes: std::borrow::Cow<[u8]> = match &file.contents {
            Contents::Bytes(bytes) => bytes.into(),
            Contents::Shared(bytes) => bytes[..].into(),
            Contents::Copy(source) => fs::read(source)?.into(),
            Contents::Joined(parts) => {
                let mut bytes = Vec::new();
                for part in parts {
                    bytes.extend_from_slice(&super::sink::part_bytes(part, &fs::read(part)?));
                }
                bytes.into()
            }
        };
        // The staging directory starts empty, so a file that is already there
        // was put before by this build. Named by its content hash, it may come
        // twice with the same bytes; anything else at one path is two files,
        // where the second would silently replace the first.
        if let Some(dir) = target.parent() {
            let mut made = self.made.lock().expect("no panic holds it");
            if !made.contains(dir) {
                fs::create_dir_all(dir)?;
                made.insert(dir.into());
            }
        }
        if let Some(previous) = &self.previous {
            if self.linking.load(Ordering::Relaxed) {
                match link_unchanged(previous, &file.rel_path, &target, &bytes) {
                    Link::Linked => return Ok(()),
                    Link::Refused => self.linking.store(false, Ordering::Relaxed),
                    Link::Changed => {}
                }
            }
        }
        let written = fs::write_new(&target, &bytes);
        if let Err(e) = &written {
            let kind = e.root_cause().downcast_ref::<std::io::Error>();
            if kind.is_some_and(|e| e.kind() == std::io::ErrorKind::AlreadyExists) {
                if fs::read(&target).is_ok_and(|there| there == *bytes) {
                    self.written.fetch_sub(1, Ordering::SeqCst);
                    return Ok(());
                }
                anyhow::bail!(
                    "two files of this build have the same path, {} (an error in Kennisbank: \
                     the second would replace the first)",
                    file.rel_path
                );
            }
        }
        written.with_context(|| format!("while writing {}", file.rel_path))
    }
}

/// Links `rel` of the previous output to `target` when it holds exactly
/// `bytes`: a rebuild then makes a new inode only for what changed. A file
/// system allocating thousands of inodes right after the previous build's
/// were freed spends most of a build's system time searching past them (ext4
/// skips recently deleted inodes); a link allocates none, and the previous
/// output's removal after the swap frees only what changed. The previous
/// output is never written to, so it stays as it was until the swap.
fn link_unchanged(previous: &Path, rel: &str, target: &Path, bytes: &[u8]) -> Link {
    let Ok(old) = relpath::join(previous, rel) else {
        return Link::Changed;
    };
    let same = std::fs::symlink_metadata(&old)
        .is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
        && std::fs::read(&old).is_ok_and(|there| there == bytes);
    if !same {
        return Link::Changed;
    }
    match std::fs::hard_link(&old, target) {
        Ok(()) => Link::Linked,
        // A second file at one path: `put` says so, as for a written one.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Link::Changed,
        Err(_) => Link::Refused,
    }
}

/// What `link_unchanged` did.
enum Link {
    Linked,
    /// Not the same bytes (or no such file): written.
    Changed,
    /// The file system would not link: written, and no more links tried.
    Refused,
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
    fn a_second_file_at_the_same_path_is_an_error_not_a_replacement() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let staging = Staging::create(&out).unwrap();
        staging.put(page("search/r/a-0.js", "first")).unwrap();
        let err = staging
            .put(page("search/r/a-0.js", "second"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("the same path, search/r/a-0.js"), "{err}");
        let staged = dir.path().join(".public.staging/search/r/a-0.js");
        assert_eq!(fs::read(&staged).unwrap(), b"first");
        // A file named by its content may come twice with the same bytes,
        // and is one file.
        let count = staging.count();
        staging.put(page("search/r/a-0.js", "first")).unwrap();
        assert_eq!(staging.count(), count);
    }

    #[test]
    #[cfg(unix)]
    fn a_rebuild_links_the_unchanged_files_of_the_previous_output() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let first = Staging::create(&out).unwrap();
        first.put(page("same.html", "same")).unwrap();
        first.put(page("a/changed.html", "old")).unwrap();
        first.put(page("link-target.html", "same")).unwrap();
        first.commit().unwrap();
        std::fs::remove_file(out.join("link-target.html")).unwrap();
        std::os::unix::fs::symlink(out.join("same.html"), out.join("link-target.html")).unwrap();
        let inode = |p: &Path| std::fs::metadata(p).unwrap().ino();
        let (same, changed) = (
            inode(&out.join("same.html")),
            inode(&out.join("a/changed.html")),
        );
        let second = Staging::create(&out).unwrap();
        second.put(page("same.html", "same")).unwrap();
        second.put(page("a/changed.html", "new")).unwrap();
        second.put(page("link-target.html", "same")).unwrap();
        // Until the swap the previous output is as it was.
        assert_eq!(fs::read(&out.join("a/changed.html")).unwrap(), b"old");
        second.commit().unwrap();
        assert_eq!(inode(&out.join("same.html")), same);
        assert_ne!(inode(&out.join("a/changed.html")), changed);
        assert_eq!(fs::read(&out.join("a/changed.html")).unwrap(), b"new");
        // A symbolic link in the previous output is not carried over: the
        // file is written.
        let meta = std::fs::symlink_metadata(out.join("link-target.html")).unwrap();
        assert!(meta.is_file());
        // A previous output that is not a complete build of ours lends nothing.
        let other = dir.path().join("other");
        std::fs::create_dir(&other).unwrap();
        std::fs::write(other.join("same.html"), "same").unwrap();
        let before = inode(&other.join("same.html"));
        let third = Staging::create(&other).unwrap();
        third.put(page("same.html", "same")).unwrap();
        let staged = dir.path().join(".other.staging/same.html");
        assert_ne!(inode(&staged), before);
    }

    #[test]
    #[cfg(target_os = "linux")]
    fn a_file_system_that_will_not_link_gets_the_files_written() {
        use std::os::unix::fs::MetadataExt;
        // The output a symbolic link to a directory on another file system
        // (/dev/shm, a tmpfs): its files cannot be linked beside it.
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir_in("/dev/shm").unwrap();
        let device = |p: &Path| std::fs::metadata(p).unwrap().dev();
        assert_ne!(device(dir.path()), device(elsewhere.path()));
        let real = elsewhere.path().join("public");
        let first = Staging::create(&real).unwrap();
        first.put(page("same.html", "same")).unwrap();
        first.put(page("also.html", "also")).unwrap();
        first.commit().unwrap();
        let out = dir.path().join("public");
        std::os::unix::fs::symlink(&real, &out).unwrap();
        let second = Staging::create(&out).unwrap();
        assert!(second.linking.load(Ordering::SeqCst));
        second.put(page("same.html", "same")).unwrap();
        // Refused once, no more links are tried; every file is written.
        assert!(!second.linking.load(Ordering::SeqCst));
        second.put(page("also.html", "also")).unwrap();
        let staged = dir.path().join(".public.staging");
        assert_eq!(fs::read(&staged.join("same.html")).unwrap(), b"same");
        assert_eq!(fs::read(&staged.join("also.html")).unwrap(), b"also");
        assert_eq!(second.count(), 2);
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

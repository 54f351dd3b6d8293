//! The folder a build's search index is written to and exported from: fresh
//! under the system's temporary directory (`TMPDIR`) and removed when the
//! export is done or has failed; a folder that a killed build left there is
//! removed by the next build that indexes. Its files are read into buffers with
//! positioned reads instead of being mapped, so reading every posting for the
//! export does not add the whole index to the build's resident memory, and
//! nothing is synced to disk: the index does not outlive the build. Naming,
//! locking and deleting files is tantivy's `MmapDirectory`.

use anyhow::{Context, Result};
use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    AntiCallToken, Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, OwnedBytes,
    TerminatingWrite, WatchCallback, WatchHandle, WritePtr,
};
use tantivy::HasLen;

/// Scratch folders are named `kennisbank-index-PID-…` after the process that made them.
const PREFIX: &str = "kennisbank-index-";

/// Removes the scratch folders in `base` that a build killed while indexing
/// left behind: those whose process no longer runs. Only where `/proc` tells
/// which processes run (Linux); elsewhere nothing is removed.
fn sweep(base: &Path) {
    let proc = Path::new("/proc");
    if !proc.join("self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(base) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix(PREFIX))
            .and_then(|rest| rest.split('-').next())
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        if !proc.join(pid.to_string()).exists() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// A temporary folder for one index, removed when dropped.
pub struct Scratch {
    dir: tempfile::TempDir,
}

impl Scratch {
    pub fn create() -> Result<Scratch> {
        let base = std::env::temp_dir();
        sweep(&base);
        let dir = tempfile::Builder::new()
            .prefix(&format!("{PREFIX}{}-", std::process::id()))
            .tempdir_in(&base)
            .context("cannot create a temporary directory for the search index")?;
        Ok(Scratch { dir })
    }

    /// The folder as a tantivy directory.
    pub fn directory(&self) -> Result<Box<dyn Directory>> {
        let root = self.dir.path();
        let inner =
            MmapDirectory::open(root).with_context(|| format!("cannot open {}", root.display()))?;
        Ok(Box::new(ReadDirectory {
            root: root.to_path_buf(),
            inner,
        }))
    }
}

/// `MmapDirectory` with files read rather than mapped, and written unsynced.
#[derive(Clone, Debug)]
struct ReadDirectory {
    root: PathBuf,
    inner: MmapDirectory,
}

impl Directory for ReadDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        let error = |e: io::Error| match e.kind() {
            io::ErrorKind::NotFound => OpenReadError::FileDoesNotExist(path.to_path_buf()),
            _ => OpenReadError::wrap_io_error(e, path.to_path_buf()),
        };
        let file = File::open(self.root.join(path)).map_err(error)?;
        let len = file.metadata().map_err(error)?.len() as usize;
        Ok(Arc::new(ReadFile { file, len }))
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(self.root.join(path))
            .map_err(|e| match e.kind() {
                io::ErrorKind::AlreadyExists => {
                    OpenWriteError::FileAlreadyExists(path.to_path_buf())
                }
                _ => OpenWriteError::wrap_io_error(e, path.to_path_buf()),
            })?;
        Ok(BufWriter::new(Box::new(Unsynced(file))))
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.inner.atomic_write(path, data)
    }

    fn sync_directory(&self) -> io::Result<()> {
        Ok(())
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        self.inner.acquire_lock(lock)
    }

    fn watch(&self, callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(callback)
    }
}

/// An index file, read a range at a time into a buffer of its own.
#[derive(Debug)]
struct ReadFile {
    file: File,
    len: usize,
}

impl HasLen for ReadFile {
    fn len(&self) -> usize {
        self.len
    }
}

impl FileHandle for ReadFile {
    fn read_bytes(&self, range: Range<usize>) -> io::Result<OwnedBytes> {
        let mut buffer = vec![0; range.len()];
        read_at(&self.file, &mut buffer, range.start as u64)?;
        Ok(OwnedBytes::new(buffer))
    }
}

#[cfg(unix)]
fn read_at(file: &File, buffer: &mut [u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buffer, offset)
}

#[cfg(windows)]
fn read_at(file: &File, mut buffer: &mut [u8], mut offset: u64) -> io::Result<()> {
    use std::os::windows::fs::FileExt;
    while !buffer.is_empty() {
        match file.seek_read(buffer, offset)? {
            0 => return Err(io::ErrorKind::UnexpectedEof.into()),
            n => {
                buffer = &mut buffer[n..];
                offset += n as u64;
            }
        }
    }
    Ok(())
}

/// A file written without `fsync`: a scratch index is read back by the same
/// process and never needs to survive a crash.
struct Unsynced(File);

impl Write for Unsynced {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

impl TerminatingWrite for Unsynced {
    fn terminate_ref(&mut self, _: AntiCallToken) -> io::Result<()> {
        self.0.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_read_back_what_was_written_and_the_folder_goes_with_the_scratch() {
        let scratch = Scratch::create().unwrap();
        let root = scratch.dir.path().to_path_buf();
        let dir = scratch.directory().unwrap();
        let path = Path::new("a.bin");
        let mut w = dir.open_write(path).unwrap();
        w.write_all(b"kennisbank").unwrap();
        w.terminate().unwrap();
        let slice = dir.open_read(path).unwrap();
        assert_eq!(slice.len(), 10);
        assert_eq!(slice.read_bytes_slice(3..7).unwrap().as_slice(), b"nisb");
        assert_eq!(slice.read_bytes_slice(4..4).unwrap().as_slice(), b"");
        assert!(matches!(
            dir.open_read(Path::new("b.bin")),
            Err(OpenReadError::FileDoesNotExist(_))
        ));
        drop(dir);
        drop(scratch);
        assert!(!root.exists());
    }

    #[test]
    fn a_killed_builds_folder_is_swept_and_a_running_ones_is_kept() {
        let base = tempfile::tempdir().unwrap();
        // A process number no process has (above Linux's largest pid_max).
        let dead = 4_194_305u32;
        assert!(!Path::new("/proc").join(dead.to_string()).exists());
        let left = base.path().join(format!("{PREFIX}{dead}-AbC123"));
        let running = base
            .path()
            .join(format!("{PREFIX}{}-XyZ789", std::process::id()));
        let other = base.path().join("kennisbank-other");
        for dir in [&left, &running, &other] {
            std::fs::create_dir(dir).unwrap();
            std::fs::write(dir.join("a.bin"), b"x").unwrap();
        }
        sweep(base.path());
        assert!(!left.exists(), "the killed build's folder is removed");
        assert!(running.exists(), "a running build's folder stays");
        assert!(other.exists(), "folders of other names stay");
    }
}

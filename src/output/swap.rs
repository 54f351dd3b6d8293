//! Putting a finished staging directory in place of the output. On Linux one
//! `renameat2(RENAME_EXCHANGE)` swaps the two directories, so the output path
//! holds a complete site at every moment; elsewhere, or where the file system
//! cannot exchange, the old output is renamed aside and the new one renamed
//! in, and `leftovers::recover` repairs a build killed between the two.

use super::leftovers::{self, Siblings};
use super::stop_at;
use crate::fs;
use anyhow::Result;

/// Swaps `s.staging` in as `s.out`, then removes the previous output.
pub fn swap(s: &Siblings) -> Result<()> {
    if std::fs::symlink_metadata(&s.out).is_err() {
        return fs::rename(&s.staging, &s.out);
    }
    if !force_renames() {
        match exchange(&s.staging, &s.out) {
            Ok(()) => {
                // The staging name now holds the previous output.
                stop_at("after-swap");
                return fs::remove_dir_all(&s.staging);
            }
            Err(Exchange::Unsupported) => {}
            Err(Exchange::Failed(err)) => return Err(err),
        }
    }
    leftovers::expect_free(&s.retired, &s.out)?;
    fs::rename(&s.out, &s.retired)?;
    stop_at("between-renames");
    if let Err(err) = fs::rename(&s.staging, &s.out) {
        // Put the previous site back so a failed swap loses nothing.
        let _ = fs::rename(&s.retired, &s.out);
        return Err(err);
    }
    stop_at("after-swap");
    fs::remove_dir_all(&s.retired)
}

/// Test hook: `KENNISBANK_TEST_SWAP=renames` takes the two-rename path even
/// where directories can be exchanged, so it is tested on Linux too.
fn force_renames() -> bool {
    std::env::var("KENNISBANK_TEST_SWAP").is_ok_and(|v| v == "renames")
}

enum Exchange {
    /// This platform or file system cannot exchange two directories.
    Unsupported,
    Failed(anyhow::Error),
}

#[cfg(target_os = "linux")]
fn exchange(a: &std::path::Path, b: &std::path::Path) -> Result<(), Exchange> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    use rustix::io::Errno;
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(()),
        Err(Errno::INVAL | Errno::NOSYS | Errno::OPNOTSUPP) => Err(Exchange::Unsupported),
        Err(err) => Err(Exchange::Failed(anyhow::anyhow!(
            "cannot exchange {} and {}: {}",
            a.display(),
            b.display(),
            std::io::Error::from(err)
        ))),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &std::path::Path, _: &std::path::Path) -> Result<(), Exchange> {
    Err(Exchange::Unsupported)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swap_replaces_the_output_and_removes_the_old_one() {
        let dir = tempfile::tempdir().unwrap();
        let s = Siblings::of(&dir.path().join("public")).unwrap();
        fs::write(&s.out.join("old.html"), b"old").unwrap();
        fs::write(&s.staging.join("new.html"), b"new").unwrap();
        swap(&s).unwrap();
        assert!(s.out.join("new.html").exists());
        assert!(!s.out.join("old.html").exists());
        assert!(!s.staging.exists());
        assert!(!s.retired.exists());
        // The first build: nothing to replace.
        fs::remove_dir_all(&s.out).unwrap();
        fs::write(&s.staging.join("new.html"), b"new").unwrap();
        swap(&s).unwrap();
        assert!(s.out.join("new.html").exists());
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn directories_are_exchanged_in_one_step_on_linux() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        fs::write(&a.join("x"), b"a").unwrap();
        fs::write(&b.join("x"), b"b").unwrap();
        assert!(exchange(&a, &b).is_ok());
        assert_eq!(fs::read(&a.join("x")).unwrap(), b"b");
        assert_eq!(fs::read(&b.join("x")).unwrap(), b"a");
    }
}

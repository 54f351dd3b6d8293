//! File-system wrappers that put the path into every error, and the atomic
//! swap of the output directory. Nothing else in the crate touches `std::fs`
//! for writing.

use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};

pub fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))
}

pub fn read_to_string(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))
}

pub fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent() {
        create_dir_all(parent)?;
    }
    std::fs::write(path, bytes).with_context(|| format!("cannot write {}", path.display()))
}

pub fn create_dir_all(path: &Path) -> Result<()> {
    std::fs::create_dir_all(path)
        .with_context(|| format!("cannot create directory {}", path.display()))
}

pub fn remove_dir_all(path: &Path) -> Result<()> {
    std::fs::remove_dir_all(path).with_context(|| format!("cannot remove {}", path.display()))
}

pub fn rename(from: &Path, to: &Path) -> Result<()> {
    std::fs::rename(from, to)
        .with_context(|| format!("cannot rename {} to {}", from.display(), to.display()))
}

/// Writes a new file only if it does not exist yet, so `new` never overwrites work.
pub fn create_new(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    if let Some(parent) = path.parent() {
        create_dir_all(parent)?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .with_context(|| format!("cannot create {}", path.display()))?;
    file.write_all(bytes)
        .with_context(|| format!("cannot write {}", path.display()))
}

/// Absolute, normalised form of a path that may not exist yet: the longest
/// existing ancestor is canonicalised and the rest appended.
pub fn absolute(path: &Path) -> Result<PathBuf> {
    let path = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .context("cannot read the current directory")?
            .join(path)
    };
    // Resolve `.` and `..` lexically first: `Path::parent` cannot step over them.
    let mut lexical = PathBuf::new();
    for component in path.components() {
        match component {
            std::path::Component::ParentDir => {
                lexical.pop();
            }
            std::path::Component::CurDir => {}
            other => lexical.push(other),
        }
    }
    let mut existing = lexical.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_owned());
                existing = parent;
            }
            _ => bail!("cannot resolve {}", path.display()),
        }
    }
    let mut resolved = existing
        .canonicalize()
        .with_context(|| format!("cannot resolve {}", existing.display()))?;
    for name in rest.iter().rev() {
        resolved.push(name);
    }
    Ok(resolved)
}

/// Places the finished `staging` directory at `target`: the old output is moved
/// aside, the new one renamed in, then the old one removed. Each step is a rename
/// within one parent directory, so an interrupted build leaves either the old or
/// the new site at `target`, never a mixture.
pub fn swap_into_place(staging: &Path, target: &Path) -> Result<()> {
    let retired = sibling(target, "old")?;
    if retired.exists() {
        remove_dir_all(&retired)?;
    }
    let had_old = target.exists();
    if had_old {
        rename(target, &retired)?;
    }
    if let Err(err) = rename(staging, target) {
        if had_old {
            // Put the previous site back so a failed swap loses nothing.
            let _ = rename(&retired, target);
        }
        return Err(err);
    }
    if had_old {
        remove_dir_all(&retired)?;
    }
    Ok(())
}

/// A hidden directory beside `target` named after it, e.g. `.public.staging`.
pub fn sibling(target: &Path, purpose: &str) -> Result<PathBuf> {
    let name = target
        .file_name()
        .with_context(|| format!("output directory {} has no name", target.display()))?;
    let parent = target
        .parent()
        .with_context(|| format!("output directory {} has no parent", target.display()))?;
    Ok(parent.join(format!(".{}.{purpose}", name.to_string_lossy())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swap_replaces_old_output_and_cleans_up() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        write(&target.join("old.html"), b"old").unwrap();
        let staging = sibling(&target, "staging").unwrap();
        write(&staging.join("new.html"), b"new").unwrap();
        swap_into_place(&staging, &target).unwrap();
        assert!(target.join("new.html").exists());
        assert!(!target.join("old.html").exists());
        assert!(!staging.exists());
        assert!(!sibling(&target, "old").unwrap().exists());
    }

    #[test]
    fn absolute_resolves_missing_tail_and_dotdot() {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path().canonicalize().unwrap();
        let p = absolute(&dir.path().join("a/../b/c")).unwrap();
        assert_eq!(p, base.join("b/c"));
    }
}

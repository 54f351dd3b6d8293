//! The directories a build keeps beside the output (`.public.staging` while it
//! writes, `.public.old` while it swaps) and what a killed build left of them:
//! which are this output's own (told by their markers), restoring a missing
//! output from the last complete one, and removing the rest. A directory at
//! one of these names that the build cannot prove its own is never deleted.

use super::marker::{self, Marker};
use crate::config::urls::MARKER;
use crate::fs;
use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};

/// The output directory and the two names beside it that builds use.
#[derive(Debug, Clone)]
pub struct Siblings {
    pub out: PathBuf,
    /// Where a build writes: `.public.staging`.
    pub staging: PathBuf,
    /// Where the previous output waits while the new one is renamed in, when
    /// the two cannot be exchanged in one step: `.public.old`.
    pub retired: PathBuf,
}

impl Siblings {
    pub fn of(out: &Path) -> Result<Siblings> {
        let name = out
            .file_name()
            .with_context(|| format!("output directory {} has no name", out.display()))?
            .to_string_lossy()
            .into_owned();
        let parent = out
            .parent()
            .with_context(|| format!("output directory {} has no parent", out.display()))?;
        Ok(Siblings {
            out: out.to_path_buf(),
            staging: parent.join(format!(".{name}.staging")),
            retired: parent.join(format!(".{name}.old")),
        })
    }
}

/// What is at one of the names.
#[derive(Debug, PartialEq, Eq)]
enum Found {
    Nothing,
    /// An empty directory, or one that holds only a marker being written.
    Empty,
    Marked(Marker),
    /// Not a directory Kennisbank made: a file, a link, no marker.
    Foreign,
}

fn inspect(dir: &Path) -> Found {
    let Ok(meta) = std::fs::symlink_metadata(dir) else {
        return Found::Nothing;
    };
    if !meta.file_type().is_dir() {
        return Found::Foreign;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Found::Foreign;
    };
    let names: Vec<_> = entries.flatten().map(|e| e.file_name()).take(2).collect();
    if names.iter().all(|n| n == marker::TEMPORARY) {
        return Found::Empty;
    }
    match Marker::read(dir) {
        Some(m) if m.build.is_some() => Found::Marked(m),
        _ => Found::Foreign,
    }
}

/// Whether a marked directory beside the output was left by a build of it:
/// a staging directory begun for the output as it is (its `previous` is the
/// output's build; with no output, only an unfinished one), or the output the
/// current one replaced. A complete site beside a missing output is never one.
fn is_leftover(found: &Marker, current: Option<&Marker>) -> bool {
    let current_build = current.and_then(|c| c.build.clone());
    if found.build.is_none() || found.build == current_build {
        return false;
    }
    let begun_for_it = found.previous == current_build && (current.is_some() || !found.complete);
    let replaced_by_it = current.is_some_and(|c| c.previous.is_some() && c.previous == found.build);
    begun_for_it || replaced_by_it
}

/// Repairs what a killed build left: a missing output is restored from a
/// complete staging directory (a build killed between its two renames, or
/// before the rename of a first build), then every leftover of this output's
/// builds is removed. Returns what it did, for the user; anything it cannot
/// prove its own stays where it is. A `.public.old` alone is never moved: no
/// build leaves one without a staging directory, so it is someone's copy.
pub fn recover(s: &Siblings) -> Result<Vec<String>> {
    let mut notes = Vec::new();
    if std::fs::symlink_metadata(&s.out).is_err()
        && matches!(inspect(&s.staging), Found::Marked(m) if m.complete)
    {
        fs::rename(&s.staging, &s.out)?;
        notes.push(format!(
            "Restored {} from {}, the complete site an interrupted build left",
            s.out.display(),
            s.staging.display()
        ));
    }
    let current = Marker::read(&s.out);
    for dir in [&s.staging, &s.retired] {
        match inspect(dir) {
            Found::Empty => {
                let temporary = dir.join(marker::TEMPORARY);
                if temporary.exists() {
                    std::fs::remove_file(&temporary)
                        .with_context(|| format!("cannot remove {}", temporary.display()))?;
                }
                std::fs::remove_dir(dir)
                    .with_context(|| format!("cannot remove {}", dir.display()))?;
            }
            Found::Marked(m) if is_leftover(&m, current.as_ref()) => {
                fs::remove_dir_all(dir)?;
                notes.push(format!(
                    "Removed {}, left by an interrupted build",
                    dir.display()
                ));
            }
            _ => {}
        }
    }
    Ok(notes)
}

/// Fails unless `dir` (a name beside the output the build is about to use) is
/// free; run after `recover`, so what is still there is not the build's own.
pub fn expect_free(dir: &Path, out: &Path) -> Result<()> {
    if std::fs::symlink_metadata(dir).is_err() {
        return Ok(());
    }
    let what = match inspect(dir) {
        Found::Marked(_) => "holds a Kennisbank site, but not one left by a build of this output",
        _ => "was not made by kennisbank",
    };
    bail!(
        "refusing to use {}: it {what}, and a build of {} needs that name; move it away or delete it yourself",
        dir.display(),
        out.display()
    )
}

/// The marker a new staging directory for `out` gets.
pub fn staging_marker(out: &Path) -> Marker {
    Marker {
        build: Some(marker::new_build_id()),
        previous: Marker::read(out).and_then(|m| m.build),
        complete: false,
    }
}

/// Whether `out` may be replaced: missing, empty, or marked as Kennisbank output.
pub fn replaceable(out: &Path) -> bool {
    match std::fs::read_dir(out) {
        Ok(mut entries) => entries.next().is_none() || out.join(MARKER).is_file(),
        Err(_) => !out.exists(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(dir: &Path, build: &str, previous: Option<&str>, complete: bool) {
        std::fs::create_dir_all(dir).unwrap();
        Marker {
            build: Some(build.into()),
            previous: previous.map(String::from),
            complete,
        }
        .write(dir)
        .unwrap();
        std::fs::write(dir.join("index.html"), build).unwrap();
    }

    fn setup() -> (tempfile::TempDir, Siblings) {
        let dir = tempfile::tempdir().unwrap();
        let s = Siblings::of(&dir.path().join("public")).unwrap();
        (dir, s)
    }

    #[test]
    fn a_strangers_directories_are_left_alone() {
        let (_dir, s) = setup();
        marked(&s.out, "b", Some("a"), true);
        std::fs::create_dir_all(s.staging.join("x")).unwrap();
        std::fs::write(s.staging.join("x/f"), "data").unwrap();
        // A copy of the output itself: the same build, not a leftover.
        marked(&s.retired, "b", Some("a"), true);
        assert!(recover(&s).unwrap().is_empty());
        assert!(s.staging.join("x/f").exists());
        assert!(s.retired.join("index.html").exists());
        assert!(expect_free(&s.staging, &s.out).is_err());
    }

    #[test]
    fn an_unfinished_staging_and_the_replaced_output_are_removed() {
        let (_dir, s) = setup();
        marked(&s.out, "b", Some("a"), true);
        marked(&s.staging, "c", Some("b"), false);
        marked(&s.retired, "a", None, true);
        assert_eq!(recover(&s).unwrap().len(), 2);
        assert!(!s.staging.exists() && !s.retired.exists());
        assert_eq!(
            std::fs::read_to_string(s.out.join("index.html")).unwrap(),
            "b"
        );
    }

    #[test]
    fn a_missing_output_is_restored_from_a_complete_staging_directory() {
        let (_dir, s) = setup();
        // Killed between the two renames: the old output aside, the new one complete.
        marked(&s.retired, "a", None, true);
        marked(&s.staging, "b", Some("a"), true);
        recover(&s).unwrap();
        assert_eq!(
            std::fs::read_to_string(s.out.join("index.html")).unwrap(),
            "b"
        );
        assert!(!s.staging.exists() && !s.retired.exists());
        // A first build killed before its rename.
        let (_dir, s) = setup();
        marked(&s.staging, "a", None, true);
        recover(&s).unwrap();
        assert_eq!(
            std::fs::read_to_string(s.out.join("index.html")).unwrap(),
            "a"
        );
        // A first build killed while writing: nothing to restore, its staging goes.
        let (_dir, s) = setup();
        marked(&s.staging, "a", None, false);
        recover(&s).unwrap();
        assert!(!s.out.exists() && !s.staging.exists());
    }

    #[test]
    fn a_complete_site_beside_a_missing_output_is_someones_copy_and_stays() {
        let (_dir, s) = setup();
        marked(&s.retired, "a", None, true);
        assert!(recover(&s).unwrap().is_empty());
        assert!(!s.out.exists());
        assert!(s.retired.join("index.html").exists());
    }

    #[test]
    fn an_empty_staging_directory_is_removed() {
        let (_dir, s) = setup();
        std::fs::create_dir_all(&s.staging).unwrap();
        std::fs::write(s.staging.join(marker::TEMPORARY), "This dir").unwrap();
        recover(&s).unwrap();
        assert!(!s.staging.exists());
    }
}

//! The output directory: which one may be written (never the site, its content
//! or theme, nor a directory another program wrote), and writing it atomically:
//! every file into a fresh staging directory beside it, each path checked to
//! stay inside it (`relpath`), then swapped in (`swap`). What a killed build
//! left beside the output is restored or removed first (`leftovers`).

mod leftovers;
mod marker;
mod swap;

use crate::config::Config;
use crate::fs;
use crate::relpath;
use crate::render::{Contents, OutputFile};
use crate::urls::MARKER;
use anyhow::{bail, Context, Result};
use leftovers::Siblings;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// The output directory a build will replace, vetted, with what a killed build
/// left beside it repaired. Returns the directory and notes for the user.
pub fn prepare(config: &Config, requested: Option<&Path>) -> Result<(PathBuf, Vec<String>)> {
    let out = location(config, requested)?;
    let notes = recover(&out)?;
    // Say so before the build runs rather than after.
    leftovers::expect_free(&Siblings::of(&out)?.staging, &out)?;
    if out.exists() {
        if !out.is_dir() {
            bail!("output {} exists and is not a directory", out.display());
        }
        if !leftovers::replaceable(&out) {
            bail!(
                "refusing to replace {}: it is not empty and was not written by kennisbank (no {MARKER} file)",
                out.display()
            );
        }
    }
    Ok((out, notes))
}

/// Restores `out` when an interrupted build left it missing, and removes that
/// build's leftovers beside it (`serve` calls this for `public/` too).
pub fn recover(out: &Path) -> Result<Vec<String>> {
    leftovers::recover(&Siblings::of(out)?)
}

/// Resolves the output directory: not the site root, not the content or theme
/// directory, not a parent of any of them, not inside content or themes.
fn location(config: &Config, requested: Option<&Path>) -> Result<PathBuf> {
    let out =
        fs::absolute(&requested.map_or_else(|| config.root.join("public"), |p| p.to_path_buf()))?;
    let protected = [
        (&config.root, "the site root"),
        (&config.content_dir, "the content directory"),
        (&config.theme_dir, "the theme directory"),
    ];
    for (dir, what) in protected {
        let dir = fs::absolute(dir)?;
        if dir.starts_with(&out) {
            bail!(
                "refusing to write output to {}: it is {what} or contains it",
                out.display()
            );
        }
    }
    for dir in [&config.content_dir, &config.root.join("themes")] {
        if out.starts_with(fs::absolute(dir)?) {
            bail!(
                "refusing to write output to {}: it is inside {}",
                out.display(),
                dir.display()
            );
        }
    }
    Ok(out)
}

/// Writes the files into a fresh staging directory beside `out`, then swaps it
/// in. On any failure the staging directory is removed and `out` is untouched.
pub fn write_atomically(files: &[OutputFile], out: &Path) -> Result<()> {
    let s = Siblings::of(out)?;
    leftovers::expect_free(&s.staging, out)?;
    if let Some(parent) = out.parent() {
        fs::create_dir_all(parent)?;
    }
    std::fs::create_dir(&s.staging)
        .with_context(|| format!("cannot create {}", s.staging.display()))?;
    let result = write_all(files, &s.staging, out).and_then(|()| {
        stop_at("before-swap");
        swap::swap(&s)
    });
    if result.is_err() && s.staging.exists() {
        let _ = fs::remove_dir_all(&s.staging);
    }
    result
}

fn write_all(files: &[OutputFile], dir: &Path, out: &Path) -> Result<()> {
    let mut marker = leftovers::staging_marker(out);
    marker.write(dir)?;
    // Fault injection for the tests: fail as a full disk would, after N files.
    let fail_after: Option<usize> = std::env::var("KENNISBANK_FAIL_AFTER_WRITES")
        .ok()
        .and_then(|v| v.parse().ok());
    let written = std::sync::atomic::AtomicUsize::new(0);
    files.par_iter().try_for_each(|file| {
        let count = written.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        if fail_after.is_some_and(|n| count >= n) {
            anyhow::bail!("injected write failure at {}", file.rel_path);
        }
        if count == 1 {
            stop_at("writing");
        }
        let target = relpath::join(dir, &file.rel_path)?;
        match &file.contents {
            Contents::Bytes(bytes) => fs::write(&target, bytes),
            Contents::Shared(bytes) => fs::write(&target, bytes),
            Contents::Copy(source) => {
                let bytes = fs::read(source)?;
                fs::write(&target, &bytes)
            }
        }
        .with_context(|| format!("while writing {}", file.rel_path))
    })?;
    marker.complete = true;
    marker.write(dir)
}

/// Test hook: with `KENNISBANK_TEST_STOP_AT=POINT` the build says so on stderr
/// when it reaches POINT of writing the output and waits there to be killed,
/// so a test can kill it at exactly that point. Points: `writing` (some files
/// written), `before-swap`, `between-renames` (the old output moved aside,
/// when directories are not exchanged) and `after-swap`.
fn stop_at(point: &str) {
    if std::env::var("KENNISBANK_TEST_STOP_AT").is_ok_and(|p| p == point) {
        eprintln!("kennisbank: stopped at {point}");
        loop {
            std::thread::sleep(std::time::Duration::from_secs(60));
        }
    }
}

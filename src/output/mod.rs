//! The output directory: which one may be written (never the site, its content
//! or theme, nor a directory another program wrote), and writing it atomically:
//! every file into a fresh staging directory beside it as it is made
//! (`staging`), each path checked to stay inside it (`relpath`), then swapped
//! in (`swap`). What a killed build
//! left beside the output is restored or removed first (`leftovers`).

pub mod ownership;
pub mod sink;

mod leftovers;
mod marker;
mod staging;
mod swap;

pub use staging::Staging;

use crate::config::urls::MARKER;
use crate::config::Config;
use crate::fs;
use crate::output::sink::Sink;
use crate::render::OutputFile;
use anyhow::{bail, Result};
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
/// (A build streams into a `Staging` instead of holding its files.)
pub fn write_atomically(files: &[OutputFile], out: &Path) -> Result<()> {
    let staging = Staging::create(out)?;
    files
        .par_iter()
        .try_for_each(|file| staging.put(file.clone()))?;
    staging.commit()
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

//! Incremental = full under random edits. Seeded random sequences of edits
//! (body, front matter, a template, a static file, `site.toml`, add, remove,
//! rename, an asset, break, fix) are applied to copies of the fixtures and of
//! the bundled site while `kennisbank serve` runs on them. After every edit the
//! test waits for serve's build of it and compares it with the CLI on the same
//! files: the diagnostics after every edit (against `kennisbank check`), and
//! every served file byte for byte against `kennisbank build` after every edit
//! of the fixtures and every tenth edit of the bundled site, whose full debug
//! build takes seconds, and after its last edit.
//!
//! `KB_DIFF_SEED=N` replays a run (the seed is printed when a run fails);
//! `KB_DIFF_EDITS=N` sets the number of edits per site (default: 200 in all).
//!
//! Only documented HTTP is used: GET of files and of `/__kennisbank/status`,
//! with a `Host` header. How the test knows serve has built an edit: each edit
//! ends by writing a sentinel that its build shows, a theme static file with
//! the edit's number; when `check` says the edit fails, a broken link (or, for
//! a broken `site.toml`, an unknown key) named after the edit's number.

mod client;
mod editor;
mod edits;

use crate::harness::SiteTest;
use client::Server;
use editor::Editor;
use std::time::{Duration, Instant};

/// Far more than any build here takes; reached only when something is wrong.
pub(super) const DEADLINE: Duration = Duration::from_secs(180);
pub(super) const SENTINEL_FILE: &str = "themes/default/static/kb-stap.txt";
pub(super) const SENTINEL_DOC: &str = "content/themas/kb-stap.md";
pub(super) const SENTINEL_OK: &str = "---\ntitle: \"Stap\"\n---\n\nDe teller van de test.\n";

#[test]
fn serve_equals_a_full_build_under_random_edits_of_the_basic_fixture() {
    run_site("basic", SiteTest::fixture("basic"), edits(90), 1);
}

#[test]
fn serve_equals_a_full_build_under_random_edits_of_the_compare_fixture() {
    run_site("compare", SiteTest::fixture("compare"), edits(80), 1);
}

#[test]
fn serve_equals_a_full_build_under_random_edits_of_the_bundled_site() {
    run_site("bundled", SiteTest::bundled(), edits(30), 10);
}

fn edits(default: usize) -> usize {
    std::env::var("KB_DIFF_EDITS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn seed(name: &str) -> u64 {
    match std::env::var("KB_DIFF_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        Some(seed) => seed,
        None => {
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or(1);
            nanos ^ name.len() as u64
        }
    }
}

/// Prints the seed and the last edits when a run fails.
struct Trail {
    name: &'static str,
    seed: u64,
    steps: Vec<String>,
}

impl Drop for Trail {
    fn drop(&mut self) {
        if std::thread::panicking() {
            let from = self.steps.len().saturating_sub(15);
            eprintln!(
                "differential test '{}' failed with seed {} (replay: KB_DIFF_SEED={} cargo test --test testsuite differential::); last edits:\n{}",
                self.name,
                self.seed,
                self.seed,
                self.steps[from..].join("\n")
            );
        }
    }
}

fn run_site(name: &'static str, site: SiteTest, count: usize, compare_every: usize) {
    let seed = seed(name);
    let mut trail = Trail {
        name,
        seed,
        steps: Vec::new(),
    };
    std::fs::write(site.path(SENTINEL_DOC), SENTINEL_OK).unwrap();
    std::fs::write(site.path(SENTINEL_FILE), "0").unwrap();
    let server = Server::start(&site);
    let mut editor = Editor {
        rng: fastrand::Rng::with_seed(seed),
        root: site.root().to_path_buf(),
        undo: Vec::new(),
        config_break: None,
        failing: 0,
    };
    let started = Instant::now();
    let (mut compared, mut failed) = (0, 0);
    for step in 1..=count {
        let what = editor.edit(step);
        trail.steps.push(format!("{step}: {what}"));
        let full = step % compare_every == 0 || step == count;
        match server.expect_same_as_cli(&site, &mut editor, step, full) {
            Outcome::Built { compared: c } => {
                editor.failing = 0;
                compared += usize::from(c);
            }
            Outcome::Failed => {
                editor.failing += 1;
                failed += 1;
            }
        }
    }
    eprintln!(
        "{name}: {count} edits (seed {seed}), {failed} failing, {compared} full comparisons, {} s",
        started.elapsed().as_secs()
    );
}

pub(super) enum Outcome {
    Built { compared: bool },
    Failed,
}

//! A build killed with SIGKILL at each point of writing the output (a test
//! hook stops it exactly there: `KENNISBANK_TEST_STOP_AT`). Where directories
//! are exchanged in one step (Linux), the output is a complete site at once;
//! on the two-rename path, a kill between the renames leaves it missing until
//! the next `build` or `serve` restores it. Either way nothing is lost and no
//! leftover stays once the next build has run.

use crate::harness::tree::built_files;
use crate::harness::SiteTest;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Far more than building the fixture takes; reached only when something hangs.
const DEADLINE: Duration = Duration::from_secs(120);

type Tree = BTreeMap<String, Vec<u8>>;

/// Every file under `dir` but the marker, with its bytes.
fn tree(dir: &Path) -> Tree {
    built_files(dir).into_iter().collect()
}

/// Runs `kennisbank ARGS` until it says it stopped at `point`, then kills it with SIGKILL.
fn kill_at(site: &SiteTest, args: &[&str], point: &str, swap: &str) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kennisbank"))
        .args(args)
        .env("KENNISBANK_TEST_STOP_AT", point)
        .env("KENNISBANK_TEST_SWAP", swap)
        .current_dir(site.root())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let started = Instant::now();
    let mut seen = Vec::new();
    let reached = loop {
        match rx.recv_timeout(DEADLINE.saturating_sub(started.elapsed())) {
            Ok(line) if line == format!("kennisbank: stopped at {point}") => break true,
            Ok(line) => seen.push(line),
            Err(_) => break false,
        }
    };
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(
        reached,
        "never stopped at {point} ({swap}); stderr:\n{}",
        seen.join("\n")
    );
}

const OLD: &str = "---\ntitle: \"Toegang\"\n---\n\nHoe inwoners bij hulp komen.\n";
const NEW: &str = "---\ntitle: \"De toegang\"\n---\n\nHoe inwoners nu bij hulp komen.\n";
const BROKEN: &str = "---\ntitle: \"De toegang\"\n---\n\n[[bestaat-niet]]\n";
const PAGE: &str = "content/themas/toegang.md";

#[test]
fn a_build_killed_at_any_point_of_writing_leaves_a_complete_site() {
    let site = SiteTest::fixture("basic").write(PAGE, NEW);
    site.run(&["build", "--output", "nieuw"]).expect_success();
    let new = tree(&site.path("nieuw"));
    let site = site.write(PAGE, OLD);
    site.build().expect_success();
    let old = tree(&site.path("public"));
    assert_ne!(old, new);
    let swaps: &[&str] = if cfg!(target_os = "linux") {
        &["exchange", "renames"]
    } else {
        &["renames"]
    };
    let public = site.path("public");
    let leftovers = [site.path(".public.staging"), site.path(".public.old")];
    for swap in swaps {
        for point in ["writing", "before-swap", "between-renames", "after-swap"] {
            let case = format!("{swap}, killed at {point}");
            if *swap == "exchange" && point == "between-renames" {
                continue; // one step: there is no between
            }
            std::fs::write(site.path(PAGE), OLD).unwrap();
            site.build().expect_success();
            std::fs::write(site.path(PAGE), NEW).unwrap();
            kill_at(&site, &["build"], point, swap);
            let split_swap = point == "between-renames";
            if split_swap {
                assert!(!public.exists(), "{case}");
            } else {
                let left = tree(&public);
                assert!(
                    left == old || left == new,
                    "{case}: public/ is not a complete site"
                );
            }
            // The next build restores and tidies first, even when its content fails.
            std::fs::write(site.path(PAGE), BROKEN).unwrap();
            let run = site.build().expect_failure();
            let left = tree(&public);
            assert!(
                left == old || left == new,
                "{case}: not restored\n{}",
                run.stderr
            );
            if split_swap {
                assert_eq!(left, new, "{case}: the newest complete site is restored");
                assert!(run.stderr.contains("Restored"), "{case}: {}", run.stderr);
            }
            for dir in &leftovers {
                assert!(!dir.exists(), "{case}: {} is still there", dir.display());
            }
        }
    }
}

#[test]
fn serve_restores_an_output_a_killed_build_left_missing() {
    let site = SiteTest::fixture("basic");
    site.build().expect_success();
    let site = site.write(PAGE, NEW);
    kill_at(&site, &["build"], "between-renames", "renames");
    assert!(!site.path("public").exists());
    let mut child = Command::new(env!("CARGO_BIN_EXE_kennisbank"))
        .args(["serve", "--port", "0"])
        .current_dir(site.root())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    // Serving means the start, with its repair, is over.
    let serving = loop {
        match rx.recv_timeout(DEADLINE) {
            Ok(line) if line.starts_with("Serving") => break true,
            Ok(_) => {}
            Err(_) => break false,
        }
    };
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(serving, "serve did not start");
    assert!(site.path("public/index.html").exists());
    assert!(!site.path(".public.staging").exists());
    assert!(!site.path(".public.old").exists());
}

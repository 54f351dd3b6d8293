//! Runs the browser suite in `tests/e2e/` (Node's test runner, playwright-core
//! driving Debian's Chromium, axe-core, the Nu Html Checker, pdftotext) against
//! the built bundled site, so `cargo test` runs everything. The checks themselves
//! live in `tests/e2e/`; this module finds the tools and reports the outcome.
//! Under `CI=true` a missing tool fails the test; elsewhere it skips, loudly.

use crate::harness::{repo, SiteTest};
use std::io::{Read, Write};
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The whole browser suite takes about ten minutes on an idle two-core machine
/// (axe on every page at two widths, four Lighthouse runs); past this it is
/// stuck, and CI should say so instead of running into its own limit.
const SUITE_LIMIT: Duration = Duration::from_secs(40 * 60);

/// Waits for `child` (a process group leader), killing the group once `limit` has passed; the test then fails
/// with what it printed so far.
fn wait_at_most(child: &mut Child, limit: Duration) -> Output {
    fn drain(mut pipe: impl Read + Send + 'static) -> std::thread::JoinHandle<Vec<u8>> {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            bytes
        })
    }
    let stdout = drain(child.stdout.take().expect("stdout is piped"));
    let stderr = drain(child.stderr.take().expect("stderr is piped"));
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("node can be waited for") {
            break status;
        }
        if start.elapsed() > limit {
            // The whole process group: the browsers and the JVM hold the pipes too.
            let _ = Command::new("kill")
                .args(["-KILL", &format!("-{}", child.id())])
                .status();
            let _ = child.kill();
            let status = child.wait().expect("node can be waited for");
            let out = String::from_utf8_lossy(&stdout.join().unwrap_or_default()).into_owned();
            let err = String::from_utf8_lossy(&stderr.join().unwrap_or_default()).into_owned();
            panic!("the browser suite ran longer than {limit:?} and was stopped ({status}):\n{out}\n{err}");
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    Output {
        status,
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
    }
}

fn runs(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn chromium() -> PathBuf {
    std::env::var_os("KB_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"))
}

/// What the suite needs and is not there, each with how to get it.
fn missing_tools() -> Vec<String> {
    let modules = repo().join("node_modules");
    let checks: [(bool, &str); 5] = [
        (runs("node", &["--version"]), "node (Node.js 20 or newer)"),
        (
            modules.join("playwright-core/package.json").is_file()
                && modules.join("axe-core/axe.min.js").is_file()
                && modules.join("vnu-jar/build/dist/vnu.jar").is_file()
                && modules.join("lighthouse/package.json").is_file()
                && modules.join("chrome-launcher/package.json").is_file(),
            "the npm packages playwright-core, axe-core, vnu-jar, lighthouse and chrome-launcher: run `npm ci --ignore-scripts`",
        ),
        (
            chromium().is_file(),
            &format!(
                "Chromium at {} (set KB_CHROMIUM for another path): `apt-get install chromium chromium-driver`",
                chromium().display()
            ),
        ),
        (
            runs("java", &["-version"]),
            "java (11 or newer) for the Nu Html Checker: `apt-get install default-jre-headless`",
        ),
        (
            runs("pdftotext", &["-v"]),
            "pdftotext, pdfinfo and pdftoppm: `apt-get install poppler-utils`",
        ),
    ];
    checks
        .into_iter()
        .filter(|(found, _)| !found)
        .map(|(_, what)| what.to_string())
        .collect()
}

fn suite_files() -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(repo().join("tests/e2e"))
        .expect("tests/e2e exists")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".test.mjs"))
        .map(|name| format!("tests/e2e/{name}"))
        .collect();
    files.sort();
    files
}

#[test]
fn browser_accessibility_and_validator_suite() {
    let missing = missing_tools();
    if !missing.is_empty() {
        let message = format!(
            "the browser, accessibility and HTML-validity suite (tests/e2e) needs:\n  - {}\nSee README.md, section Testing.",
            missing.join("\n  - ")
        );
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("CI=true: {message}");
        }
        // Written past the test harness's capture, so a skip cannot go unseen.
        let _ = writeln!(
            std::io::stderr(),
            "\n!!!! SKIPPED e2e::browser_accessibility_and_validator_suite: {message}\n"
        );
        return;
    }

    let files = suite_files();
    assert!(!files.is_empty(), "no tests/e2e/*.test.mjs files");
    let site = SiteTest::bundled();
    site.build().expect_success();
    let mut child = Command::new("node")
        .args(["--test", "--test-force-exit", "--test-reporter=spec"])
        .arg("--test-concurrency=2")
        .args(&files)
        .current_dir(repo())
        .env("KB_BIN", env!("CARGO_BIN_EXE_kennisbank"))
        .env("KB_SITE", site.path("public"))
        .env("KB_ARTIFACTS", repo().join("target/e2e"))
        .env("KB_CHROMIUM", chromium())
        .env("NO_COLOR", "1")
        .process_group(0)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("node runs");
    let output = wait_at_most(&mut child, SUITE_LIMIT);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "the browser suite failed ({}):\n{stdout}\n{stderr}",
        output.status
    );
    // The tests' names and the runner's totals, in the log even when all pass.
    let _ = writeln!(
        std::io::stderr(),
        "tests/e2e ({}):\n{stdout}",
        files.join(" ")
    );
}

//! Test harness: a temporary copy of a fixture site (with the real default
//! theme), edits to it, and runs of the real `kennisbank` binary, read like prose:
//! `SiteTest::fixture("basic").write(..).check().expect_failure().expect_stderr(..)`.

pub mod forms;
pub mod node;
pub mod serve;
pub mod tree;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::rc::Rc;

pub struct SiteTest {
    dir: Rc<tempfile::TempDir>,
}

pub struct RunResult {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    pub root: PathBuf,
    /// Keeps the site alive as long as the result is inspected.
    _site: Rc<tempfile::TempDir>,
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

impl SiteTest {
    /// A copy of `tests/fixtures/NAME` with `themes/default` from the repository.
    pub fn fixture(name: &str) -> SiteTest {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&repo().join("tests/fixtures").join(name), dir.path());
        copy_dir(
            &repo().join("themes/default"),
            &dir.path().join("themes/default"),
        );
        SiteTest { dir: Rc::new(dir) }
    }

    /// A copy of the bundled knowledge base (site.toml, content/, themes/).
    pub fn bundled() -> SiteTest {
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(repo().join("site.toml"), dir.path().join("site.toml")).unwrap();
        copy_dir(&repo().join("content"), &dir.path().join("content"));
        copy_dir(&repo().join("themes"), &dir.path().join("themes"));
        SiteTest { dir: Rc::new(dir) }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn write(self, rel: &str, text: &str) -> Self {
        self.write_bytes(rel, text.as_bytes())
    }

    pub fn write_bytes(self, rel: &str, bytes: &[u8]) -> Self {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
        self
    }

    pub fn remove(self, rel: &str) -> Self {
        std::fs::remove_file(self.path(rel)).unwrap();
        self
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("cannot read {rel}: {e}"))
    }

    pub fn run(&self, args: &[&str]) -> RunResult {
        self.run_with_env(args, &[])
    }

    /// `run` with extra environment variables (the test hooks).
    pub fn run_with_env(&self, args: &[&str], env: &[(&str, &str)]) -> RunResult {
        let output = Command::new(env!("CARGO_BIN_EXE_kennisbank"))
            .args(args)
            .envs(env.iter().copied())
            .current_dir(self.root())
            .output()
            .unwrap();
        RunResult {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            root: self.root().to_path_buf(),
            _site: Rc::clone(&self.dir),
        }
    }

    pub fn build(&self) -> RunResult {
        self.run(&["build"])
    }

    pub fn check(&self) -> RunResult {
        self.run(&["check"])
    }
}

impl RunResult {
    pub fn expect_success(self) -> Self {
        assert_eq!(
            self.code, 0,
            "expected success\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    pub fn expect_code(self, code: i32) -> Self {
        assert_eq!(
            self.code, code,
            "expected exit code {code}\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    pub fn expect_failure(self) -> Self {
        self.expect_code(1)
    }

    /// The diagnostics: stderr lines that are not the closing summary.
    pub fn diagnostics(&self) -> String {
        self.stderr
            .lines()
            .filter(|l| !l.ends_with("nothing was written"))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Exact stderr, minus the summary line.
    pub fn expect_diagnostics(self, expected: &str) -> Self {
        assert_eq!(
            self.diagnostics(),
            expected.trim_end(),
            "\nfull stderr:\n{}",
            self.stderr
        );
        self
    }

    pub fn expect_stderr_contains(self, needle: &str) -> Self {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}\nstderr:\n{}",
            self.stderr
        );
        self
    }

    pub fn expect_stdout_contains(self, needle: &str) -> Self {
        assert!(
            self.stdout.contains(needle),
            "stdout lacks {needle:?}\nstdout:\n{}",
            self.stdout
        );
        self
    }

    pub fn output(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root.join("public").join(rel))
            .unwrap_or_else(|e| panic!("cannot read public/{rel}: {e}"))
    }

    pub fn output_bytes(&self, rel: &str) -> Vec<u8> {
        std::fs::read(self.root.join("public").join(rel))
            .unwrap_or_else(|e| panic!("cannot read public/{rel}: {e}"))
    }
}

/// Asserts `haystack` contains `needle`, showing the closest line on failure
/// rather than the whole page.
#[track_caller]
pub fn assert_contains(haystack: &str, needle: &str) {
    if haystack.contains(needle) {
        return;
    }
    let probe: String = needle.chars().take(24).collect();
    let near = haystack
        .lines()
        .find(|l| l.contains(&probe))
        .unwrap_or("(no line shares its start)");
    panic!(
        "expected to find:\n  {needle}\nnearest line:\n  {near}\nin {} bytes of output",
        haystack.len()
    );
}

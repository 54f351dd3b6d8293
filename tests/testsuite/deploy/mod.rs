//! The CI templates in `deploy/` (README, "Publiceren"): `lint` checks them with
//! packaged linters (actionlint, each forge's JSON schema through
//! check-jsonschema, shellcheck for every script); `steps` runs their install,
//! check and build steps here exactly as written, with a stand-in `cargo` that
//! installs the binary under test. Under `CI=true` a missing linter fails;
//! elsewhere the test skips, loudly. `.ci/run` installs the linters (`.ci/ci-tools.txt`).

mod lint;
mod steps;

use crate::harness::repo;
use serde_yaml_ng::Value;
use std::io::Read;
use std::os::unix::process::CommandExt;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

pub const GITHUB: &str = "deploy/github/workflows/kennisbank.yml";
pub const GITLAB: &str = "deploy/gitlab/.gitlab-ci.yml";

/// actionlint takes about 14 s on a loaded machine (median of 3, 2 cores, load
/// 40), the rest less; past this something hangs (a linter fetching a remote
/// schema, say), however busy the machine.
const LIMIT: Duration = Duration::from_secs(600);

/// Runs `cmd` in its own process group, killed whole once `LIMIT` has passed.
pub fn run_limited(cmd: &mut Command) -> Output {
    fn drain(mut pipe: impl Read + Send + 'static) -> std::thread::JoinHandle<Vec<u8>> {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            bytes
        })
    }
    let mut child = cmd
        .process_group(0)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {cmd:?}: {e}"));
    let stdout = drain(child.stdout.take().expect("piped"));
    let stderr = drain(child.stderr.take().expect("piped"));
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("child can be waited for") {
            break status;
        }
        if start.elapsed() > LIMIT {
            let _ = Command::new("kill")
                .args(["-KILL", &format!("-{}", child.id())])
                .status();
            let _ = child.kill();
            let _ = child.wait();
            panic!("{cmd:?} ran longer than {LIMIT:?} and was stopped");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    Output {
        status,
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
    }
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

pub fn yaml(rel: &str) -> Value {
    let source = std::fs::read_to_string(repo().join(rel)).unwrap();
    serde_yaml_ng::from_str(&source).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

pub fn string(v: &Value) -> &str {
    v.as_str()
        .unwrap_or_else(|| panic!("expected a string, found {v:?}"))
}

pub fn lines(v: &Value) -> Vec<String> {
    let seq = v
        .as_sequence()
        .unwrap_or_else(|| panic!("expected a list, found {v:?}"));
    seq.iter().map(|l| string(l).to_string()).collect()
}

/// A temporary folder holding `files` (relative path, text).
pub fn scratch(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (rel, body) in files {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, body).unwrap();
    }
    dir
}

pub fn template(rel: &str) -> String {
    std::fs::read_to_string(repo().join(rel)).unwrap()
}

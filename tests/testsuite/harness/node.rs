//! Runs a Node script of the test suite: JSON on its standard input, JSON
//! from its standard output, with a deadline. Output and errors are read
//! while the script runs, so a large answer cannot fill a pipe and stall it.
//! `None` when `node` is not installed, which fails the test under `CI=true`
//! and is reported past the harness's capture otherwise.

use serde_json::Value;
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Runs `node SCRIPT ARGS…` with `input` on stdin; `what` names it in messages.
pub fn run_json(
    script: &Path,
    args: &[&Path],
    input: &Value,
    what: &str,
    limit: Duration,
) -> Option<Value> {
    let spawned = Command::new("node")
        .arg(script)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match spawned {
        Ok(child) => child,
        Err(err) => {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "node is required under CI=true: {err}"
            );
            // Written past the test harness's capture, so a skip cannot go unseen.
            let _ = writeln!(
                std::io::stderr(),
                "\n!!!! SKIPPED {what}: node not found ({err}); see README.md, section Testing\n"
            );
            return None;
        }
    };
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut out = Vec::new();
            pipe.read_to_end(&mut out).map(|_| out)
        })
    };
    let stdout = drain(Box::new(child.stdout.take().unwrap()));
    let stderr = drain(Box::new(child.stderr.take().unwrap()));
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.to_string().as_bytes())
        .unwrap();
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            panic!("{what} ran longer than {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let stderr = stderr.join().unwrap().unwrap();
    assert!(
        status.success(),
        "{what} failed: {}",
        String::from_utf8_lossy(&stderr)
    );
    Some(serde_json::from_slice(&stdout.join().unwrap().unwrap()).unwrap())
}

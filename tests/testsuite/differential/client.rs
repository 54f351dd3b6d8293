//! The differential test's side of the comparison: `kennisbank serve` as a
//! child process spoken to over plain HTTP (GET with a `Host` header), the CLI
//! run with a time limit, and the comparison of one edit's results.

use super::editor::Editor;
use super::{Outcome, DEADLINE, SENTINEL_DOC, SENTINEL_OK};
use crate::harness::tree::{built_files, strip_injected};
use crate::harness::SiteTest;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// `kennisbank ARGS` in `root` with a time limit: exit code and stderr.
pub(super) fn cli(root: &Path, args: &[&str]) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kennisbank"))
        .args(args)
        .current_dir(root)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            panic!("kennisbank {args:?} did not finish within {DEADLINE:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    (status.code().unwrap_or(-1), reader.join().unwrap())
}

/// The CLI's diagnostics: stderr without the summary line.
fn cli_diagnostics(stderr: &str) -> String {
    stderr
        .lines()
        .filter(|l| !l.ends_with("nothing was written"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Serve's diagnostics as the CLI prints them.
fn served_diagnostics(status: &serde_json::Value) -> String {
    let mut out = Vec::new();
    for d in status["diagnostics"].as_array().into_iter().flatten() {
        let mut text = d["path"].as_str().unwrap_or_default().to_string();
        let (line, column) = (
            d["line"].as_u64().unwrap_or(0),
            d["column"].as_u64().unwrap_or(0),
        );
        if line > 0 {
            text.push_str(&format!(":{line}"));
            if column > 0 {
                text.push_str(&format!(":{column}"));
            }
        }
        let level = if d["error"] == true {
            "error"
        } else {
            "warning"
        };
        text.push_str(&format!(
            ": {level}: {}",
            d["message"].as_str().unwrap_or_default()
        ));
        if let Some(hint) = d["hint"].as_str() {
            text.push_str(&format!("\n  hint: {hint}"));
        }
        out.push(text);
    }
    out.join("\n")
}

/// `kennisbank serve` in the site (`harness::serve`), seen as status and files.
pub(super) struct Server(crate::harness::serve::Server);

impl Server {
    pub(super) fn start(site: &SiteTest) -> Server {
        Server(crate::harness::serve::serve(site))
    }

    /// A GET of `target` with a `Host` header; status and body.
    fn get(&self, target: &str) -> (u16, Vec<u8>) {
        let reply = self.0.get(target);
        (reply.status, reply.body)
    }

    fn status(&self) -> serde_json::Value {
        serde_json::from_slice(&self.get("/__kennisbank/status").1).unwrap()
    }

    /// Polls until `done` holds for the status; panics with `what` at the deadline.
    fn until(
        &self,
        what: &str,
        done: impl Fn(&Server, &serde_json::Value) -> bool,
    ) -> serde_json::Value {
        let started = Instant::now();
        loop {
            let status = self.status();
            if done(self, &status) {
                return status;
            }
            if started.elapsed() > DEADLINE {
                let mut shown = status.clone();
                shown["files"] = serde_json::Value::Null;
                panic!("serve never showed {what}; its status:\n{shown:#}");
            }
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    /// Waits for serve's build of edit `step` and compares it with the CLI.
    pub(super) fn expect_same_as_cli(
        &self,
        site: &SiteTest,
        editor: &mut Editor,
        step: usize,
        full: bool,
    ) -> Outcome {
        let root = site.root();
        let (code, stderr) = cli(root, &["check"]);
        match code {
            0 => {
                let sentinel = "/static/kb-stap.txt";
                let status = self.until(&format!("the build of edit {step}"), |server, status| {
                    status["failed"] == false
                        && server.get(sentinel).1 == step.to_string().into_bytes()
                });
                assert_eq!(
                    served_diagnostics(&status),
                    "",
                    "edit {step}: warnings differ"
                );
                if full {
                    self.expect_same_files(root, step);
                }
                Outcome::Built { compared: full }
            }
            1 => {
                let token = format!("kb-stap-{step}");
                std::fs::write(
                    site.path(SENTINEL_DOC),
                    format!("{SENTINEL_OK}[[{token}]]\n"),
                )
                .unwrap();
                let (code, stderr) = cli(root, &["check"]);
                assert_eq!(
                    code, 1,
                    "edit {step}: check with the sentinel link:\n{stderr}"
                );
                let status =
                    self.until(&format!("the failed build of edit {step}"), |_, status| {
                        status["failed"] == true && served_diagnostics(status).contains(&token)
                    });
                assert_eq!(
                    served_diagnostics(&status),
                    cli_diagnostics(&stderr),
                    "edit {step}: serve's diagnostics differ from check's"
                );
                Outcome::Failed
            }
            2 => {
                assert!(
                    editor.mark_config_break(step),
                    "edit {step}: a configuration error the test did not make:\n{stderr}"
                );
                let (code, stderr) = cli(root, &["check"]);
                assert_eq!(code, 2, "edit {step}: {stderr}");
                let token = format!("kb_stap_{step}");
                let status = self.until(
                    &format!("the broken site.toml of edit {step}"),
                    |_, status| {
                        status["failed"] == true && served_diagnostics(status).contains(&token)
                    },
                );
                let message = status["diagnostics"][0]["message"]
                    .as_str()
                    .unwrap_or_default();
                assert_eq!(
                    format!("error: {}", message.trim_end()),
                    stderr.trim_end(),
                    "edit {step}: serve's configuration error differs from check's"
                );
                Outcome::Failed
            }
            other => panic!("edit {step}: check exited with {other}:\n{stderr}"),
        }
    }

    /// Every file serve serves equals `kennisbank build`'s, once the search
    /// index made off the reload path is in place.
    fn expect_same_files(&self, root: &Path, step: usize) {
        let (code, stderr) = cli(root, &["build"]);
        assert_eq!(
            code, 0,
            "edit {step}: build failed where check passed:\n{stderr}"
        );
        let built = built_files(&root.join("public"));
        let status = self.until(&format!("the search index of edit {step}"), |_, status| {
            status["search"] == "ready"
        });
        let served: Vec<&str> = status["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f.as_str().unwrap())
            .collect();
        let built_paths: Vec<&str> = built.iter().map(|(p, _)| p.as_str()).collect();
        if served != built_paths {
            let only_served: Vec<&&str> =
                served.iter().filter(|p| !built_paths.contains(p)).collect();
            let only_built: Vec<&&str> =
                built_paths.iter().filter(|p| !served.contains(p)).collect();
            panic!("edit {step}: served files differ from the build; only served: {only_served:?}; only built: {only_built:?}");
        }
        for (path, bytes) in &built {
            let (code, body) = self.get(&format!("/{path}"));
            assert_eq!(code, 200, "edit {step}: {path}");
            let body = if path.ends_with(".html") {
                strip_injected(&String::from_utf8_lossy(&body)).into_bytes()
            } else {
                body
            };
            if body != *bytes {
                panic!(
                    "edit {step}: {path} differs from the build\nserved:\n{}\nbuilt:\n{}",
                    String::from_utf8_lossy(&body),
                    String::from_utf8_lossy(bytes)
                );
            }
        }
    }
}

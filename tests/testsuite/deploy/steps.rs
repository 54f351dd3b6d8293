//! The templates' install, check and build steps run as the forges run them,
//! on the bundled site and on one with mistakes, with stand-ins for `cargo` and
//! `rustup` (the real toolchain never builds here).

use super::{lines, run_limited, string, text, yaml, GITHUB, GITLAB};
use crate::harness::{repo, SiteTest};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A stand-in for `cargo` and `rustup`: logs its arguments and, for
/// `cargo install --root DIR`, puts the binary under test at DIR/bin/kennisbank.
fn fake_toolchain(dir: &Path) -> PathBuf {
    let bin = dir.join("fake-bin");
    std::fs::create_dir_all(&bin).unwrap();
    let log = dir.join("toolchain.log");
    let script = format!(
        "#!/bin/sh\necho \"$(basename \"$0\") $*\" >> '{log}'\n\
         while [ $# -gt 0 ]; do [ \"$1\" = --root ] && root=$2; shift; done\n\
         if [ -n \"$root\" ]; then mkdir -p \"$root/bin\" && ln -sf '{exe}' \"$root/bin/kennisbank\"; fi\n",
        log = log.display(),
        exe = env!("CARGO_BIN_EXE_kennisbank"),
    );
    for name in ["cargo", "rustup"] {
        let path = bin.join(name);
        std::fs::write(&path, &script).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    bin
}

fn logged(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("toolchain.log")).unwrap_or_default()
}

/// A site as a forge checks it out: content, theme and Kennisbank's source.
fn repository(site: SiteTest) -> SiteTest {
    let mut site = site;
    for file in ["Cargo.toml", "Cargo.lock"] {
        site = site.write(file, &std::fs::read_to_string(repo().join(file)).unwrap());
    }
    for entry in walkdir::WalkDir::new(repo().join("src")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry
                .path()
                .strip_prefix(repo())
                .unwrap()
                .to_str()
                .unwrap()
                .to_string();
            site = site.write_bytes(&rel, &std::fs::read(entry.path()).unwrap());
        }
    }
    site
}

/// Runs the check job's `run:` steps in order as the runner does (`bash -e`,
/// the workflow's `env`, `$GITHUB_PATH` prepended to later steps' PATH), the
/// cache missed; returns each step's name and output.
fn run_github_steps(site: &SiteTest, home: &Path) -> Vec<(String, Output)> {
    let workflow = yaml(GITHUB);
    let fake = fake_toolchain(home);
    let github_path = home.join("github_path");
    std::fs::write(&github_path, "").unwrap();
    let mut outputs = Vec::new();
    for step in workflow["jobs"]["check"]["steps"].as_sequence().unwrap() {
        let Some(run) = step.get("run") else { continue };
        let added: Vec<String> = std::fs::read_to_string(&github_path)
            .unwrap()
            .lines()
            .rev()
            .map(String::from)
            .collect();
        // The stand-ins come before the real toolchain, which must never build here.
        let path = [
            added.join(":"),
            fake.display().to_string(),
            std::env::var("PATH").unwrap(),
        ]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(":");
        let mut cmd = Command::new("bash");
        cmd.args(["-e", "-c", string(run)])
            .current_dir(site.root())
            .env("HOME", home)
            .env("GITHUB_PATH", &github_path)
            .env("PATH", path);
        for (k, v) in workflow["env"].as_mapping().unwrap() {
            cmd.env(string(k), string(v));
        }
        outputs.push((string(&step["name"]).to_string(), run_limited(&mut cmd)));
    }
    outputs
}

#[test]
fn github_steps_install_check_and_build_as_written() {
    let home = tempfile::tempdir().unwrap();
    let site = repository(SiteTest::bundled());
    let steps = run_github_steps(&site, home.path());
    for (name, out) in &steps {
        assert!(
            out.status.success(),
            "step {name:?}:\n{}{}",
            text(&out.stdout),
            text(&out.stderr)
        );
    }
    let names: Vec<&str> = steps.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "Build the kennisbank program (only when its source changed)",
            "Put kennisbank on the PATH",
            "Check the content",
            "Build the site"
        ]
    );
    let kennisbank = home.path().join(".kennisbank");
    assert_eq!(
        logged(home.path()),
        format!(
            "rustup toolchain install 1.95.0 --profile minimal\ncargo +1.95.0 install --locked --path . --root {}\n",
            kennisbank.display()
        )
    );
    let workflow = yaml(GITHUB);
    let steps = workflow["jobs"]["check"]["steps"].as_sequence().unwrap();
    let position = |prefix: &str| {
        steps
            .iter()
            .position(|s| s.get("uses").is_some_and(|u| string(u).starts_with(prefix)))
            .unwrap_or_else(|| panic!("a step uses {prefix}"))
    };
    let (restore, save) = (
        position("actions/cache/restore@"),
        position("actions/cache/save@"),
    );
    for at in [restore, save] {
        assert_eq!(
            string(&steps[at]["with"]["path"]),
            "~/.kennisbank",
            "the cache keeps what is installed"
        );
    }
    let check = steps
        .iter()
        .position(|s| {
            s.get("name")
                .is_some_and(|n| string(n) == "Check the content")
        })
        .unwrap();
    // A job that fails saves no cache at its end; the program is saved before the check can fail.
    assert!(
        restore < save && save < check,
        "restore {restore}, save {save}, check {check}"
    );
    let upload = steps
        .iter()
        .find(|s| {
            s.get("uses")
                .is_some_and(|u| string(u).starts_with("actions/upload-pages-artifact@"))
        })
        .expect("an upload step");
    let published = site.root().join(string(&upload["with"]["path"]));
    assert!(
        published.join("index.html").is_file(),
        "the build step fills {}",
        published.display()
    );
}

#[test]
fn github_check_step_fails_with_one_annotation_per_problem() {
    let home = tempfile::tempdir().unwrap();
    let site = repository(SiteTest::fixture("check-errors"));
    let steps = run_github_steps(&site, home.path());
    let (_, check) = steps
        .iter()
        .find(|(n, _)| n == "Check the content")
        .unwrap();
    assert_eq!(check.status.code(), Some(1));
    let stdout = text(&check.stdout);
    assert_eq!(stdout.lines().count(), 6, "{stdout}");
    assert!(
        stdout
            .lines()
            .all(|l| l.starts_with("::error file=content/")),
        "{stdout}"
    );
    assert!(text(&check.stderr).contains("6 errors found"));
}

/// Runs a GitLab job as the runner does: `before_script` then `script`, in one
/// `bash -eo pipefail`, in the checked-out project (whose `.kennisbank/` is
/// what the cache restored).
fn run_gitlab_job(site: &SiteTest, home: &Path, job: &str) -> Output {
    let ci = yaml(GITLAB);
    let fake = fake_toolchain(home);
    let mut script = lines(&ci["default"]["before_script"]);
    script.extend(lines(&ci[job]["script"]));
    run_limited(
        Command::new("bash")
            .args(["-eo", "pipefail", "-c", &script.join("\n")])
            .current_dir(site.root())
            .env("HOME", home)
            .env(
                "PATH",
                format!("{}:{}", fake.display(), std::env::var("PATH").unwrap()),
            ),
    )
}

fn installs(home: &Path) -> usize {
    logged(home)
        .lines()
        .filter(|l| l.starts_with("cargo install --locked --path . --root "))
        .count()
}

#[test]
fn gitlab_jobs_install_once_check_and_publish_as_written() {
    let ci = yaml(GITLAB);
    assert_eq!(lines(&ci["default"]["cache"]["paths"]), [".kennisbank/"]);
    // Saved after a failed check too, or the next pipeline builds the program again.
    assert_eq!(string(&ci["default"]["cache"]["when"]), "always");
    let report = string(&ci["check"]["artifacts"]["reports"]["codequality"]).to_string();
    assert_eq!(string(&ci["check"]["artifacts"]["when"]), "always");
    let home = tempfile::tempdir().unwrap();
    let site = repository(SiteTest::bundled());

    let check = run_gitlab_job(&site, home.path(), "check");
    assert!(
        check.status.success(),
        "check:\n{}{}",
        text(&check.stdout),
        text(&check.stderr)
    );
    assert_eq!(site.read(&report), "[]\n");
    assert_eq!(installs(home.path()), 1);

    let pages = run_gitlab_job(&site, home.path(), "pages");
    assert!(pages.status.success(), "pages:\n{}", text(&pages.stderr));
    assert_eq!(installs(home.path()), 1, "the cached program is used again");
    let artifact = lines(&ci["pages"]["artifacts"]["paths"]);
    assert_eq!(artifact, ["public"], "GitLab Pages publishes public/");
    assert!(site.path("public/index.html").is_file());

    // A change to Kennisbank's source builds the program again, and only that one is kept.
    let changed = site.read("src/lib.rs") + "\n// changed\n";
    let site = site.write("src/lib.rs", &changed);
    let again = run_gitlab_job(&site, home.path(), "check");
    assert!(again.status.success(), "{}", text(&again.stderr));
    assert_eq!(installs(home.path()), 2);
    assert_eq!(
        std::fs::read_dir(site.path(".kennisbank")).unwrap().count(),
        1
    );
}

#[test]
fn gitlab_check_job_fails_and_still_writes_its_report() {
    let ci = yaml(GITLAB);
    let report = string(&ci["check"]["artifacts"]["reports"]["codequality"]).to_string();
    let home = tempfile::tempdir().unwrap();
    let site = repository(SiteTest::fixture("check-errors"));
    let check = run_gitlab_job(&site, home.path(), "check");
    assert_eq!(check.status.code(), Some(1));
    assert!(
        text(&check.stderr).contains("6 errors found"),
        "the job log lists them"
    );
    let issues: serde_json::Value = serde_json::from_str(&site.read(&report)).unwrap();
    assert_eq!(issues.as_array().unwrap().len(), 6);
}

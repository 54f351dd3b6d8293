//! `check --format github|gitlab`: the diagnostics as GitHub workflow commands
//! and as a GitLab Code Quality report, on a site with the mistakes an editor
//! makes in a forge's web editor (`tests/fixtures/check-errors`). The text on
//! standard error and the exit codes are the same in every format.

use crate::harness::SiteTest;
use std::process::Command;

const GITHUB: &str = "\
::error file=content/factsheets/zaanstad-2014.md,line=5,col=15::aantal_teams: expected a whole number (or 'onbekend' when the sources do not say), found the text '100%25'
::error file=content/factsheets/zaanstad-2014.md,line=6,col=7::fase: unknown value 'uitrrol'%0Ahint: did you mean 'uitrol'? expected one of: experiment, uitrol (or 'onbekend' when the sources do not say)
::error file=content/factsheets/zaanstad-2014.md,line=8,col=13::kv_sturing: 9 is out of range 1..5%0Ahint: 1 = sterk sturen, 5 = loslaten (or 'onbekend' when the sources do not say)
::error file=content/themas/zorg%2C welzijn.md::file name 'zorg, welzijn' is not a valid slug%0Ahint: use lowercase letters, digits and hyphens, e.g. 'zorg-welzijn.md'
::error file=content/verhalen/buurtcoach.md,line=9,col=9::broken link [[wijkteams, een overzicht]]: no document with slug 'wijkteams, een overzicht'%0Ahint: check the slug: it is the file name without .md
::error file=content/verhalen/toegang.md::duplicate slug 'toegang': content/themas/toegang.md has it too%0Ahint: slugs are unique across the whole site; rename one of the files
";

#[test]
fn github_format_prints_one_workflow_command_per_diagnostic() {
    let site = SiteTest::fixture("check-errors");
    let text = site.check().expect_failure();
    let run = site.run(&["check", "--format", "github"]).expect_failure();
    assert_eq!(run.stdout, GITHUB);
    assert_eq!(
        run.stderr, text.stderr,
        "the text diagnostics stay on stderr"
    );
}

#[test]
fn gitlab_format_writes_a_code_quality_report() {
    let site = SiteTest::fixture("check-errors");
    let run = site
        .run(&[
            "check",
            "--format",
            "gitlab",
            "--report",
            "gl-code-quality-report.json",
        ])
        .expect_failure()
        .expect_stderr_contains("6 errors found; nothing was written");
    assert_eq!(run.stdout, "", "the report went into the file");
    let report = site.read("gl-code-quality-report.json");
    insta::assert_snapshot!("gitlab_code_quality", report);
    let on_stdout = site.run(&["check", "--format", "gitlab"]).expect_failure();
    assert_eq!(on_stdout.stdout, report);
}

#[test]
fn a_clean_site_reports_nothing_and_succeeds() {
    let site = SiteTest::fixture("basic");
    let github = site.run(&["check", "--format", "github"]).expect_success();
    assert_eq!(github.stdout, "");
    site.run(&["check", "--format", "gitlab", "--report", "out/cq.json"])
        .expect_success()
        .expect_stderr_contains("no problems");
    assert_eq!(site.read("out/cq.json"), "[]\n");
}

#[test]
fn paths_are_relative_to_the_repository_when_the_site_is_in_a_folder() {
    let site = SiteTest::fixture("check-errors");
    let name = site
        .root()
        .file_name()
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    let output = Command::new(env!("CARGO_BIN_EXE_kennisbank"))
        .args(["check", "--root", &name, "--format", "github"])
        .current_dir(site.root().parent().unwrap())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let expected = GITHUB.replace("file=content/", &format!("file={name}/content/"));
    assert_eq!(String::from_utf8_lossy(&output.stdout), expected);
}

#[test]
fn report_file_without_a_forge_format_is_a_usage_error() {
    let site = SiteTest::fixture("basic");
    site.run(&["check", "--report", "x.json"])
        .expect_code(2)
        .expect_stderr_contains("--report needs --format github or --format gitlab");
    assert!(!site.path("x.json").exists());
}

#[test]
fn a_broken_site_toml_is_an_annotation_without_a_file() {
    let site = SiteTest::fixture("basic").write("site.toml", "[site]\ntitel = \"x\"\n");
    let run = site.run(&["check", "--format", "github"]).expect_code(2);
    assert!(
        run.stdout.starts_with("::error title=kennisbank check::") && run.stdout.contains("titel"),
        "{}",
        run.stdout
    );
    assert_eq!(
        run.stdout.lines().count(),
        1,
        "one command, newlines escaped"
    );
}

//! Output safety: atomic replacement, a failed build leaves the previous site,
//! dangerous output directories are refused.

use crate::harness::SiteTest;

#[test]
fn failed_build_leaves_previous_output_untouched() {
    let site = SiteTest::fixture("basic");
    site.build().expect_success();
    let before = site.read("public/themas/toegang.html");
    let site = site.write(
        "content/themas/toegang.md",
        "---\ntitle: \"Nieuw\"\n---\n\n[[kapot]]\n",
    );
    site.build().expect_failure();
    assert_eq!(site.read("public/themas/toegang.html"), before);
    assert!(!site.path(".public.staging").exists());
}

#[test]
fn stale_files_disappear_on_rebuild() {
    let site =
        SiteTest::fixture("basic").write("content/themas/jeugd.md", "---\ntitle: \"Jeugd\"\n---\n");
    site.build().expect_success();
    assert!(site.path("public/themas/jeugd.html").exists());
    let site = site.remove("content/themas/jeugd.md");
    site.build().expect_success();
    assert!(!site.path("public/themas/jeugd.html").exists());
}

#[test]
fn interrupted_build_leftovers_are_cleaned_and_old_output_kept() {
    // A build killed halfway leaves only its staging directory; the site is intact.
    let site = SiteTest::fixture("basic");
    site.build().expect_success();
    let site = site.write(".public.staging/half.html", "half");
    assert!(site.path("public/index.html").exists());
    site.build().expect_success();
    assert!(!site.path(".public.staging").exists());
    assert!(!site.path("public/half.html").exists());
}

#[test]
fn refuses_dangerous_output_directories() {
    let site = SiteTest::fixture("basic");
    for (out, why) in [
        (".", "it is the site root or contains it"),
        ("content", "it is the content directory or contains it"),
        ("themes/default", "it is the theme directory or contains it"),
        ("..", "it is the site root or contains it"),
        ("content/public", "it is inside"),
    ] {
        site.run(&["build", "--output", out])
            .expect_code(2)
            .expect_stderr_contains(why);
    }
    assert!(site.path("content/themas/toegang.md").exists());
}

#[test]
fn refuses_to_replace_a_directory_it_did_not_write() {
    let site = SiteTest::fixture("basic").write("elders/belangrijk.txt", "bewaren");
    site.run(&["build", "--output", "elders"])
        .expect_code(2)
        .expect_stderr_contains("it is not empty and was not written by kennisbank");
    assert_eq!(site.read("elders/belangrijk.txt"), "bewaren");
}

#[test]
fn check_writes_nothing() {
    let site = SiteTest::fixture("basic");
    site.check()
        .expect_success()
        .expect_stderr_contains("Checked 6 documents: no problems");
    assert!(!site.path("public").exists());
}

#[test]
fn build_failing_while_writing_keeps_the_previous_site_and_no_staging() {
    let site = SiteTest::fixture("basic");
    site.build().expect_success();
    let before = site.read("public/themas/toegang.html");
    let site = site.write(
        "content/themas/toegang.md",
        "---\ntitle: \"Nieuw\"\n---\n\nNieuwe tekst.\n",
    );
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_kennisbank"))
        .arg("build")
        .current_dir(site.root())
        .env("KENNISBANK_FAIL_AFTER_WRITES", "3")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("injected write failure"));
    assert_eq!(site.read("public/themas/toegang.html"), before);
    assert!(!site.path(".public.staging").exists());
    assert!(!site.path(".public.old").exists());
}

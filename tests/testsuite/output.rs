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

// A build killed while writing, swapping or tidying up: see `interrupted`.

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

/// `check` renders every page (templates can fail) but makes no search
/// index: it holds no content checks, and at scale it is most of a build.
#[test]
fn check_renders_every_page_but_makes_no_search_index() {
    let site = SiteTest::fixture("basic");
    let config = kennisbank::config::load(site.root()).unwrap();
    let (_, checked) = kennisbank::build::load_and_check(site.root(), false, &|_| {}).unwrap();
    let built = kennisbank::build::run(&config, false);
    let files = built.files.expect("the fixture builds");
    let pages = files
        .iter()
        .filter(|f| !f.rel_path.starts_with("search/"))
        .count();
    assert!(pages < files.len(), "a build writes a search index");
    assert_eq!(checked.errors(), 0);
    assert_eq!(checked.written, pages);
    assert_eq!(checked.search_millis, 0);
}

/// On a terminal, `check` tells each stage as it ends, as a build does (a
/// check of 100,000 documents takes seconds); in a log it stays quiet. The
/// terminal is `script`'s (util-linux), with a deadline of its own.
#[test]
fn check_and_build_tell_their_stages_on_a_terminal_only() {
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};
    let site = SiteTest::fixture("basic");
    let bin = env!("CARGO_BIN_EXE_kennisbank");
    for (command, last) in [
        ("check", "Checked 6 documents"),
        ("build", "Built 6 documents"),
    ] {
        let line = format!("{bin} {command} --root {}", site.root().display());
        let mut child = Command::new("script")
            .args(["-qec", &line, "/dev/null"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("util-linux `script` gives the command a terminal");
        let deadline = Instant::now() + Duration::from_secs(60);
        while child.try_wait().unwrap().is_none() {
            if Instant::now() > deadline {
                child.kill().ok();
                panic!("{command} on a terminal did not finish within 60 s");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let out = child.wait_with_output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{command}: {text}");
        assert!(text.contains("  rendered "), "{command}: {text}");
        assert!(text.contains(last), "{command}: {text}");
        let logged = site.run(&[command]).expect_success();
        assert!(!logged.stderr.contains("  rendered "), "{}", logged.stderr);
    }
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

/// The search index is written file by file too: a full disk while writing
/// it is a failed write (exit 2), not a content problem, and swaps nothing in.
#[test]
fn build_failing_while_writing_the_search_index_keeps_the_previous_site() {
    let site = SiteTest::fixture("basic");
    site.build().expect_success();
    let before = site.read("public/themas/toegang.html");
    let pages = walkdir::WalkDir::new(site.path("public"))
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .filter(|e| !e.path().starts_with(site.path("public/search")))
        .count();
    // Every file but the marker and the search index, then one of the index.
    let writes = (pages - 1).to_string();
    let site = site.write(
        "content/themas/toegang.md",
        "---\ntitle: \"Nieuw\"\n---\n\nNieuwe tekst.\n",
    );
    let run = site
        .run_with_env(&["build"], &[("KENNISBANK_FAIL_AFTER_WRITES", &writes)])
        .expect_code(2)
        .expect_stderr_contains("injected write failure at search/");
    assert!(
        !run.stderr.contains("error: search index"),
        "{}",
        run.stderr
    );
    assert_eq!(site.read("public/themas/toegang.html"), before);
    assert!(!site.path(".public.staging").exists());
}

/// A copy of the basic fixture whose `site.toml` has `from` replaced by `to`.
fn with_config(from: &str, to: &str) -> SiteTest {
    let site = SiteTest::fixture("basic");
    let text = site.read("site.toml");
    assert!(text.contains(from), "site.toml lacks {from:?}");
    site.write("site.toml", &text.replacen(from, to, 1))
}

#[test]
fn a_url_pattern_leading_out_of_the_output_is_one_configuration_error() {
    let site = with_config(
        "url = \"verhalen/{slug}.html\"",
        "url = \"../../pwned/{slug}.html\"",
    );
    let run = site.build().expect_code(2);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "[kinds.verhaal] url '../../pwned/{slug}.html' is not a page inside the output"
        ),
        "{}",
        run.stderr
    );
    assert!(!site.path("public").exists());
    assert!(!site.root().parent().unwrap().join("pwned").exists());
}

#[test]
fn folder_theme_and_template_outside_their_place_are_one_configuration_error_naming_the_key() {
    for (from, to, key) in [
        (
            "folder = \"verhalen\"",
            "folder = \"../../../../etc\"",
            "[kinds.verhaal] folder '../../../../etc'",
        ),
        ("[site]", "[site]\ntheme = \"/etc\"", "[site] theme '/etc'"),
        (
            "template = \"document.html\"",
            "template = \"../../etc/passwd\"",
            "[kinds.verhaal] template '../../etc/passwd'",
        ),
    ] {
        let site = with_config(from, to);
        for run in [site.build(), site.check()] {
            let run = run.expect_code(2);
            assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
            assert!(run.stderr.contains(key), "{key}: {}", run.stderr);
        }
    }
}

#[test]
fn a_strangers_staging_or_old_directory_is_never_deleted() {
    for name in [".public.staging", ".public.old"] {
        let site = SiteTest::fixture("basic");
        site.build().expect_success();
        let site = site
            .write(&format!("{name}/x/f"), "data")
            .write("content/themas/toegang.md", "---\ntitle: \"Nieuw\"\n---\n");
        // Where the build needs the name it refuses; otherwise it leaves it be.
        let refused = |run: &crate::harness::RunResult| run.code == 2;
        for swap in ["exchange", "renames"] {
            let run = site.run_with_env(&["build"], &[("KENNISBANK_TEST_SWAP", swap)]);
            let needed =
                name == ".public.staging" || swap == "renames" || !cfg!(target_os = "linux");
            assert_eq!(refused(&run), needed, "{name} {swap}: {}", run.stderr);
            if needed {
                assert!(
                    run.stderr
                        .contains(&format!("refusing to use {}", site.path(name).display())),
                    "{}",
                    run.stderr
                );
                assert!(
                    run.stderr.contains("move it away or delete it yourself"),
                    "{}",
                    run.stderr
                );
            }
            assert_eq!(site.read(&format!("{name}/x/f")), "data", "{name} {swap}");
        }
    }
}

#[test]
fn a_strangers_old_directory_beside_another_output_is_never_deleted() {
    let site = SiteTest::fixture("basic").write("elders/.www.old/notities.txt", "bewaren");
    let www = site.path("elders/www");
    let www = www.to_str().unwrap();
    site.run(&["build", "--output", www]).expect_success();
    site.run(&["build", "--output", www]).expect_success();
    let run = site.run_with_env(
        &["build", "--output", www],
        &[("KENNISBANK_TEST_SWAP", "renames")],
    );
    run.expect_code(2)
        .expect_stderr_contains("move it away or delete it yourself");
    assert_eq!(site.read("elders/.www.old/notities.txt"), "bewaren");
    assert!(site.path("elders/www/index.html").exists());
}

#[test]
fn a_document_or_file_on_a_generated_page_is_a_diagnostic_naming_both() {
    let site = SiteTest::fixture("basic")
        .write("content/gemeenten/index.md", "---\ntitle: \"Index\"\n---\n")
        .write("content/index.html", "<p>eigen startpagina</p>")
        .write("content/static/style.css", "body {}")
        .write("content/search/manifest.js", "x");
    site.build().expect_failure().expect_diagnostics(
        "content/gemeenten/index.md: error: its page gemeenten/index.html is also the listing of Gemeenten (template listing.html)
  hint: rename the document, or change the url of [kinds.gemeente] in site.toml: every output file comes from one source
content/index.html: error: it is copied to index.html, and that is also the home page (template home.html)
  hint: rename or remove one of the two files: every output file comes from one source
content/search/manifest.js: error: it is copied to search/manifest.js, and that is inside search/, the folder of the search index
  hint: rename or remove one of the two files: every output file comes from one source
content/static/style.css: error: it is copied to static/style.css, and that is also the copy of themes/default/static/style.css
  hint: rename or remove one of the two files: every output file comes from one source",
    );
    assert!(!site.path("public").exists());
}

#[test]
fn a_theme_file_shipped_whole_and_in_parts_fails_the_build_naming_both() {
    let site = SiteTest::fixture("basic").write("themes/default/static/search.js", "x");
    site.build().expect_failure().expect_diagnostics(
        "themes/default/static/search.js.d: error: both this folder and themes/default/static/search.js would make static/search.js
  hint: a theme ships a file under static/ either whole or as a folder of parts named after it with .d added, whose parts are joined in the byte order of their names",
    );
    assert!(!site.path("public").exists());
}

#[test]
fn a_content_file_at_the_path_of_joined_theme_parts_is_a_collision_naming_the_folder() {
    let site = SiteTest::fixture("basic").write("content/static/search.js", "x");
    site.build().expect_failure().expect_diagnostics(
        "content/static/search.js: error: it is copied to static/search.js, and that is also the parts in themes/default/static/search.js.d/ joined
  hint: rename or remove one of the two files: every output file comes from one source",
    );
    assert!(!site.path("public").exists());
}

#[test]
fn a_document_whose_url_is_the_search_page_404_or_a_comparison_is_a_diagnostic() {
    let site = SiteTest::fixture("compare");
    let text = site.read("site.toml").replacen(
        "url = \"verhalen/{slug}.html\"",
        "url = \"{slug}.html\"",
        1,
    );
    let site = site
        .write("site.toml", &text)
        .write(
            "content/verhalen/zoeken.md",
            "---\ntitle: \"Zoeken\"\n---\n",
        )
        .write("content/verhalen/404.md", "---\ntitle: \"Weg\"\n---\n");
    let run = site.build().expect_failure();
    for expected in [
        "content/verhalen/404.md: error: its page 404.html is also the 404 page (template 404.html)",
        "content/verhalen/zoeken.md: error: its page zoeken.html is also the search page (template zoeken.html)",
    ] {
        assert!(run.stderr.contains(expected), "{expected}\n{}", run.stderr);
    }
    let text = site.read("site.toml").replacen(
        "url = \"{slug}.html\"",
        "url = \"vergelijken/{slug}.html\"",
        1,
    );
    let site = site
        .remove("content/verhalen/zoeken.md")
        .remove("content/verhalen/404.md")
        .write("site.toml", &text)
        .write("content/verhalen/2014.md", "---\ntitle: \"Ronde\"\n---\n");
    site.build().expect_failure().expect_stderr_contains(
        "content/verhalen/2014.md: error: its page vergelijken/2014.html is also the comparison of round 2014 (template vergelijking.html)",
    );
}

#[test]
fn the_404_page_links_relative_to_the_site_root_so_it_works_from_disk_and_under_a_sub_path() {
    let run = SiteTest::fixture("basic").build().expect_success();
    let html = run.output("404.html");
    assert!(html.contains("href=\"static/style.css\""), "{html}");
    assert!(html.contains("href=\"gemeenten/index.html\""), "{html}");
    for root_absolute in ["href=\"/", "src=\"/", "action=\"/", "data-index=\"/"] {
        assert!(!html.contains(root_absolute), "{root_absolute} in\n{html}");
    }
}

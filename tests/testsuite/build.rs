//! A good site builds: every page kind is written, output is deterministic,
//! rendered pages match their snapshots.

use crate::harness::SiteTest;

#[test]
fn builds_every_page_kind() {
    let run = SiteTest::fixture("basic").build().expect_success();
    for page in [
        "index.html",
        "404.html",
        "sitemap.xml",
        "feed.xml",
        "robots.txt",
        "static/style.css",
        "gemeenten/index.html",
        "gemeenten/zaanstad.html",
        "factsheets/zaanstad-2014.html",
        "verhalen/buurtcoach.html",
        "themas/toegang.html",
        ".kennisbank-output",
    ] {
        assert!(
            run.root.join("public").join(page).is_file(),
            "missing {page}"
        );
    }
    assert!(
        run.stderr.starts_with("Built 6 documents into "),
        "{}",
        run.stderr
    );
}

#[test]
fn output_is_byte_for_byte_deterministic() {
    let site = SiteTest::fixture("basic");
    site.build().expect_success();
    let first = snapshot_tree(&site.path("public"));
    site.build().expect_success();
    assert_eq!(first, snapshot_tree(&site.path("public")));
}

fn snapshot_tree(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        // The marker names the build that wrote the directory.
        .filter(|e| e.file_name() != ".kennisbank-output")
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().display().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = SiteTest::fixture("basic").write(
        "content/themas/concept.md",
        "---\ntitle: \"Concept\"\ndraft: true\n---\n",
    );
    site.build().expect_success();
    assert!(!site.path("public/themas/concept.html").exists());
    site.run(&["build", "--drafts"]).expect_success();
    assert!(site.path("public/themas/concept.html").exists());
}

/// A field recorded as unknown is named, not left out; on a document page the
/// unknown ones share one line instead of a "? onbekend" row each.
#[test]
fn unknown_fields_are_named_on_one_line_not_left_blank() {
    let run = SiteTest::fixture("basic").build().expect_success();
    let html = run.output("factsheets/zaanstad-2014.html");
    let flat = html.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("<p class=\"kb-niet-bekend\">Niet bekend uit de bronnen: Aantal teams.</p>"),
        "{html}"
    );
    assert!(!flat.contains("<dt>Aantal teams</dt>"), "{html}");
    assert!(!flat.contains("class=\"unknown\""), "{html}");
}

#[test]
fn factsheet_page_snapshot() {
    let run = SiteTest::fixture("basic").build().expect_success();
    insta::assert_snapshot!(
        "factsheet_page",
        run.output("factsheets/zaanstad-2014.html")
    );
}

#[test]
fn municipality_hub_snapshot() {
    let run = SiteTest::fixture("basic").build().expect_success();
    insta::assert_snapshot!("gemeente_page", run.output("gemeenten/zaanstad.html"));
}

#[test]
fn feed_and_sitemap_snapshot() {
    let run = SiteTest::fixture("basic").build().expect_success();
    insta::assert_snapshot!("sitemap", run.output("sitemap.xml"));
    insta::assert_snapshot!("feed", run.output("feed.xml"));
    assert_eq!(
        run.output("robots.txt"),
        "User-agent: *\nAllow: /\nSitemap: https://test.example/sitemap.xml\n"
    );
}

#[test]
fn pages_make_no_request_to_another_host_and_have_no_inline_script() {
    let run = SiteTest::fixture("basic").build().expect_success();
    for page in [
        "index.html",
        "gemeenten/zaanstad.html",
        "factsheets/zaanstad-2014.html",
        "404.html",
    ] {
        let html = run.output(page);
        assert!(
            html.starts_with("<!DOCTYPE html>\n<html lang=\"nl\">"),
            "{page}"
        );
        assert!(
            html.contains("<a class=\"skip-link\" href=\"#inhoud\">"),
            "{page}"
        );
        for attr in [
            "src=\"http",
            "href=\"http",
            "src=\"//",
            "href=\"//",
            "<script>",
            "@import",
        ] {
            assert!(!html.contains(attr), "{page} contains {attr}");
        }
    }
    let css = run.output("static/style.css");
    assert!(!css.contains("url("), "the stylesheet loads nothing");
}

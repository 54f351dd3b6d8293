//! `kennisbank new`: a valid file for the kind, never overwriting.

use crate::harness::{assert_contains, SiteTest};

#[test]
fn new_factsheet_is_valid_and_lists_the_schema() {
    let site = SiteTest::fixture("basic");
    site.run(&[
        "new",
        "factsheet",
        "zaanstad-2015",
        "--set",
        "gemeente=zaanstad",
        "--set",
        "title=Zaanstad 2015",
    ])
    .expect_success();
    let text = site.read("content/factsheets/zaanstad-2015.md");
    assert!(
        text.starts_with("---\ntitle: \"Zaanstad 2015\"\n"),
        "{text}"
    );
    assert_contains(
        &text,
        "gemeente: zaanstad  # Gemeente; slug of a gemeente; required\n",
    );
    assert_contains(
        &text,
        "fase: onbekend  # Fase; one of: experiment, uitrol; 'onbekend' if not known; required\n",
    );
    assert_contains(&text, "# deelnemers:  # Deelnemers; one of: amw, mee\n");
    site.check().expect_success();
}

#[test]
fn new_fills_references_with_an_existing_document() {
    let site = SiteTest::fixture("basic");
    site.run(&["new", "factsheet", "zaanstad-2016"])
        .expect_success();
    assert!(site
        .read("content/factsheets/zaanstad-2016.md")
        .contains("gemeente: dijk-en-waard"));
    site.check().expect_success();
}

#[test]
fn new_refuses_existing_slug_and_bad_input() {
    let site = SiteTest::fixture("basic");
    site.run(&["new", "thema", "toegang"])
        .expect_code(2)
        .expect_stderr_contains("slug 'toegang' is already used by content/themas/toegang.md");
    site.run(&["new", "thema", "Één Thema"])
        .expect_code(2)
        .expect_stderr_contains("try 'een-thema'");
    site.run(&["new", "nope", "x"])
        .expect_code(2)
        .expect_stderr_contains(
            "unknown kind 'nope'; declared kinds: gemeente, factsheet, verhaal, thema",
        );
    site.run(&["new", "factsheet", "x-2014", "--set", "fase=uitrrol"])
        .expect_code(2)
        .expect_stderr_contains("unknown value 'uitrrol'");
    assert!(!site.path("content/factsheets/x-2014.md").exists());
}

/// A reference given with `--set` must name a document of the field's kind:
/// a typo is refused (with the nearest slug) and nothing is written, instead
/// of a file that fails the next build.
#[test]
fn new_refuses_a_reference_to_a_document_that_does_not_exist() {
    let site = SiteTest::fixture("basic");
    site.run(&["new", "factsheet", "x-2015", "--set", "gemeente=zaanstadt"])
        .expect_code(2)
        .expect_stderr_contains(
            "gemeente: no gemeente with slug 'zaanstadt' (did you mean 'zaanstad'?); expected one of: dijk-en-waard,",
        );
    site.run(&["new", "factsheet", "x-2015", "--set", "gemeente=toegang"])
        .expect_code(2)
        .expect_stderr_contains("gemeente: no gemeente with slug 'toegang'");
    assert!(!site.path("content/factsheets/x-2015.md").exists());
    site.check().expect_success();
}

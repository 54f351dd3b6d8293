//! Wikilinks, relative `.md` links and reference fields resolve to URLs; pages
//! get backlinks; broken links are errors with file, line and column.

use crate::harness::{assert_contains, SiteTest};

#[test]
fn wikilinks_resolve_with_title_or_label() {
    let run = SiteTest::fixture("basic").build().expect_success();
    let html = run.output("verhalen/buurtcoach.html");
    assert_contains(
        &html,
        "<a href=\"../gemeenten/zaanstad.html\">de gemeente</a>",
    );
    assert_contains(&html, "<a href=\"../themas/toegang.html\">Toegang</a>");
}

#[test]
fn relative_md_link_with_anchor_resolves() {
    let run = SiteTest::fixture("basic").build().expect_success();
    let html = run.output("factsheets/zaanstad-2014.html");
    assert_contains(
        &html,
        "<a href=\"../verhalen/buurtcoach.html#aanpak\">verhaal</a>",
    );
    assert_contains(&html, "<h2 id=\"stand-van-zaken\">Stand van zaken</h2>");
}

#[test]
fn hub_page_lists_every_document_that_points_to_it() {
    let run = SiteTest::fixture("basic").build().expect_success();
    let html = run.output("gemeenten/zaanstad.html");
    assert_contains(
        &html,
        "<h3>Factsheets <span class=\"count\">(1)</span></h3>",
    );
    assert_contains(
        &html,
        "<a href=\"../factsheets/zaanstad-2014.html\">Zaanstad, voorjaar 2014</a>",
    );
    assert_contains(&html, "<h3>Verhalen <span class=\"count\">(1)</span></h3>");
}

#[test]
fn merged_municipality_links_both_ways() {
    let run = SiteTest::fixture("basic").build().expect_success();
    let old = run.output("gemeenten/heerhugowaard.html");
    assert_contains(&old, "Deze gemeente is opgegaan in <a href=\"../gemeenten/dijk-en-waard.html\">Dijk en Waard</a>");
    let new = run.output("gemeenten/dijk-en-waard.html");
    assert_contains(
        &new,
        "is ontstaan uit <a href=\"../gemeenten/heerhugowaard.html\">Heerhugowaard</a>",
    );
}

#[test]
fn theme_page_lists_tagged_documents() {
    let run = SiteTest::fixture("basic").build().expect_success();
    let html = run.output("themas/toegang.html");
    assert_contains(&html, "<a href=\"../factsheets/zaanstad-2014.html\">");
    assert_contains(&html, "<a href=\"../verhalen/buurtcoach.html\">");
}

#[test]
fn broken_relative_link() {
    SiteTest::fixture("basic")
        .write("content/themas/toegang.md", "---\ntitle: \"Toegang\"\n---\n\nZie [dit](../verhalen/weg.md).\n")
        .check()
        .expect_failure()
        .expect_diagnostics(
            "content/themas/toegang.md:5:5: error: broken link '../verhalen/weg.md': content/verhalen/weg.md does not exist
  hint: check the file name, or link by slug with [[slug]]",
        );
}

#[test]
fn wikilink_with_wrong_kind() {
    SiteTest::fixture("basic")
        .write("content/themas/toegang.md", "---\ntitle: \"Toegang\"\n---\n\nZie [[verhaal/zaanstad]].\n")
        .check()
        .expect_failure()
        .expect_diagnostics(
            "content/themas/toegang.md:5:5: error: broken link [[verhaal/zaanstad]]: 'zaanstad' is a gemeente, not a verhaal
  hint: write [[gemeente/zaanstad]] or [[zaanstad]]",
        );
}

#[test]
fn broken_wikilink_suggests_a_near_slug() {
    SiteTest::fixture("basic")
        .write("content/themas/toegang.md", "---\ntitle: \"Toegang\"\n---\n\nZie\n[[zaanstadd|Zaanstad]].\n")
        .check()
        .expect_failure()
        .expect_diagnostics(
            "content/themas/toegang.md:6:1: error: broken link [[zaanstadd]]: no document with slug 'zaanstadd'
  hint: did you mean [[zaanstad]]?",
        );
}

#[test]
fn reference_to_the_wrong_kind() {
    SiteTest::fixture("basic")
        .write("content/verhalen/buurtcoach.md", "---\ntitle: \"De buurtcoach\"\ngemeente: toegang\n---\n\n## Aanpak\n")
        .check()
        .expect_failure()
        .expect_diagnostics(
            "content/verhalen/buurtcoach.md:3:11: error: gemeente: 'toegang' is a thema, but this field refers to a gemeente
  hint: expected one of: dijk-en-waard, heerhugowaard, zaanstad",
        );
}

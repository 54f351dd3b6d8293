//! Listings with filters (issue 17): the listing of a kind carries, in the
//! built page, a filter per reference field to the hub or taxonomy kind with
//! each value's count, the sort orders of the schema, and every item's values
//! as data attributes; a reference to the kind itself is no filter, and a kind
//! without such fields gets no form. The browser half is tests/e2e/lists.

use crate::harness::{assert_contains, SiteTest};

#[test]
fn the_listing_offers_municipality_and_theme_filters_with_counts_and_item_values() {
    let run = SiteTest::fixture("long-titles").build().expect_success();
    let html = run.output("verhalen/index.html");
    assert_contains(&html, "<details class=\"kb-filter-panel\" id=\"kb-lijstfilters\" data-one=\"verhaal\" data-many=\"verhalen\" hidden>");
    assert_contains(&html, "<option value=\"standaard\">Titel (A–Z)</option><option value=\"nieuw\">Jaar: nieuwste eerst</option><option value=\"oud\">Jaar: oudste eerst</option>");
    assert_contains(&html, "<label><input type=\"checkbox\" name=\"gemeente\" value=\"kort\"> Kortdorp <span class=\"count\">(<span data-kb-count>2</span>)</span></label>");
    assert_contains(&html, "<label><input type=\"checkbox\" name=\"themas\" value=\"toegang\"> Toegang <span class=\"count\">(<span data-kb-count>2</span>)</span></label>");
    assert_contains(&html, "<li data-kb-filter=\"gemeente=lange-gemeente themas=lang-thema themas=toegang\" data-kb-date=\"2014\">");
    assert_contains(
        &html,
        "<p id=\"kb-lijststatus\" role=\"status\">4 verhalen.</p>",
    );
    assert_contains(
        &html,
        "<script src=\"../static/listing.js\" defer></script>",
    );
}

#[test]
fn a_reference_to_the_kind_itself_is_no_filter() {
    let run = SiteTest::fixture("long-titles").build().expect_success();
    let html = run.output("verhalen/index.html");
    assert!(!html.contains("name=\"bronnen\""), "{html}");
    // Beta refers only to another story: it has no filter values at all.
    assert_contains(&html, "<li>\n    <a href=\"../verhalen/beta.html\">");
}

#[test]
fn a_kind_with_nothing_to_filter_or_sort_gets_no_form_and_no_script() {
    let run = SiteTest::fixture("long-titles").build().expect_success();
    for rel in ["themas/index.html", "gemeenten/index.html"] {
        let html = run.output(rel);
        assert!(!html.contains("kb-lijstfilters"), "{rel}: {html}");
        assert!(!html.contains("listing.js"), "{rel}: {html}");
    }
}

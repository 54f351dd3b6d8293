//! "Which municipalities say something about this?" (issue 17): a theme or
//! glossary page lists the municipalities whose own page, factsheet or story
//! links to it.

use crate::harness::{assert_contains, SiteTest};

#[test]
fn theme_page_lists_the_municipality_whose_story_links_to_it() {
    let run = SiteTest::fixture("compare").build().expect_success();
    let html = run.output("themas/toegang.html");
    assert_contains(
        &html,
        "<h2 id=\"kb-genoemd\">Gemeenten die hierover iets zeggen <span class=\"count\">(1)</span></h2>",
    );
    assert_contains(
        &html,
        "<ul class=\"tiles\"><li><a href=\"../gemeenten/zaanstad.html\">Zaanstad</a></li></ul>",
    );
}

#[test]
fn a_municipality_page_linking_a_theme_is_listed_and_one_linking_nothing_is_not() {
    let run = SiteTest::fixture("compare")
        .write(
            "content/gemeenten/heerhugowaard.md",
            "---\ntitle: \"Heerhugowaard\"\nopgegaan_in: dijk-en-waard\n---\n\nOver [[toegang]].\n",
        )
        .build()
        .expect_success();
    let html = run.output("themas/toegang.html");
    assert_contains(
        &html,
        "<li><a href=\"../gemeenten/heerhugowaard.html\">Heerhugowaard</a></li><li><a href=\"../gemeenten/zaanstad.html\">Zaanstad</a></li></ul>",
    );
    assert!(!html.contains("dijk-en-waard.html\">Dijk"), "{html}");
}

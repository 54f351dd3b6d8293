//! Short links in running text (issue 17): a wikilink to a document of a kind
//! with `short_title` reads "observatie 3" with the full title as the link's
//! title, capitalised at the start of a sentence; `[site] points` makes the
//! sources' "Ad 1" read "punt 1" in the body, and a field that still cites
//! "Ad" says what it means.

use crate::harness::{assert_contains, SiteTest};

const FULL: &str = "Tijdsdruk, (te) hoge verwachtingen en de ruimte om te leren";

#[test]
fn a_link_to_a_numbered_observation_reads_observatie_3_punt_1_with_the_title_as_its_title() {
    let run = SiteTest::fixture("short-links").build().expect_success();
    let html = run.output("verhalen/wijkteam.html");
    assert_contains(
        &html,
        &format!("met de tijdsdruk die <a href=\"../observaties/tijdsdruk.html\" title=\"{FULL}\">observatie 3</a> (punt 1) beschrijft."),
    );
    assert_contains(
        &html,
        &format!(
            "<a href=\"../observaties/tijdsdruk.html\" title=\"{FULL}\">Observatie 3</a> noemt ook"
        ),
    );
}

#[test]
fn a_label_a_document_without_its_number_and_code_keep_their_own_words() {
    let run = SiteTest::fixture("short-links").build().expect_success();
    let html = run.output("verhalen/wijkteam.html");
    assert_contains(
        &html,
        "Zie <a href=\"../observaties/tijdsdruk.html\">de derde observatie</a>,",
    );
    assert_contains(
        &html,
        "<a href=\"../observaties/zonder-nummer.html\">Een observatie zonder nummer</a> en <code>Ad 2</code> in code; Ad hoc blijft staan.",
    );
}

#[test]
fn a_field_citing_the_sources_numbering_says_what_it_means() {
    let run = SiteTest::fixture("short-links").build().expect_success();
    let html = run.output("verhalen/wijkteam.html");
    assert_contains(
        &html,
        "<span class=\"meta\">(de bron schrijft ‘Ad 1’ voor punt 1)</span>",
    );
}

#[test]
fn without_points_and_short_titles_links_read_as_before() {
    let site = SiteTest::fixture("short-links");
    let toml = site
        .read("site.toml")
        .replace("points = { source = \"Ad\", reader = \"punt\" }\n", "")
        .replace("short_title = \"observatie {nummer}\"\n", "");
    let run = site.write("site.toml", &toml).build().expect_success();
    let html = run.output("verhalen/wijkteam.html");
    assert_contains(
        &html,
        &format!("die <a href=\"../observaties/tijdsdruk.html\">{FULL}</a> (Ad 1) beschrijft."),
    );
    assert!(!html.contains("de bron schrijft"), "{html}");
}

#[test]
fn a_short_title_naming_no_field_of_the_kind_is_refused() {
    let site = SiteTest::fixture("short-links");
    let toml = site
        .read("site.toml")
        .replace("observatie {nummer}", "observatie {nr}");
    site.write("site.toml", &toml)
        .build()
        .expect_code(2)
        .expect_stderr_contains(
            "[kinds.observatie] short_title 'observatie {nr}': '{nr}' must name a string, integer, date or enum field of the kind",
        );
}

#[test]
fn a_choice_links_to_the_glossary_entry_that_names_it_and_an_unexplained_one_does_not() {
    let run = SiteTest::fixture("short-links").build().expect_success();
    let flat = |rel: &str| {
        let html = run.output(rel);
        html.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    assert_contains(
        &flat("verhalen/wijkteam.html"),
        "<dt>Meetmoment</dt> <dd> <a href=\"../begrippen/metingen.html\">Eenmeting</a>",
    );
    assert_contains(
        &flat("verhalen/later.html"),
        "<dt>Meetmoment</dt> <dd> Tweemeting",
    );
}

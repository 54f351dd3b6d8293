//! `source_lines` fields (bronregels): the build checks that the file a location
//! names exists in the `[sources]` folder and that its lines exist, reports each
//! bad location at its place in the front matter, shows the locations to
//! editors only, and still builds when the folder is absent.

use crate::harness::{assert_contains, SiteTest};

const STORY: &str = "content/verhalen/buurtcoach.md";

fn story(locations: &str) -> String {
    format!(
        "---\ntitle: \"De buurtcoach\"\nvindplaats: \"Notitie, hoofdstuk 2\"\nbronregels:\n{locations}---\n\nEen verhaal uit de bron.\n"
    )
}

#[test]
fn locations_inside_their_file_build_and_are_shown_to_editors_only() {
    let run = SiteTest::fixture("sources").build().expect_success();
    let page = run.output("verhalen/buurtcoach.html");
    assert_contains(
        &page,
        "<summary>Voor redacteuren: plaats in de brontekst</summary>",
    );
    assert_contains(
        &page,
        "<li><code>001_0123456789abcdef.txt: 2-3, 5</code></li>",
    );
    // The text of the page: from its body to the first <details> after it
    // (the header's menu is a <details> too).
    let start = page.find("<div class=\"body\">").unwrap();
    let body = &page[start..start + page[start..].find("<details").unwrap()];
    assert!(!body.contains("001_0123456789abcdef"), "{body}");
    assert_contains(&page, "<dt>Vindplaats in de bron</dt>");
}

#[test]
fn location_past_the_end_of_its_file_is_reported_with_file_line_and_column() {
    SiteTest::fixture("sources")
        .write(
            STORY,
            &story("  - \"001_0123456789abcdef.txt: 2-3, 4-7\"\n  - \"001_0123456789abcdef.txt: 9\"\n"),
        )
        .check()
        .expect_failure()
        .expect_diagnostics(
            "content/verhalen/buurtcoach.md:5:37: error: bronregels: line 7 is past the end of 001_0123456789abcdef.txt, which has 5 lines
  hint: check the line numbers against bronteksten/001_0123456789abcdef.txt
content/verhalen/buurtcoach.md:6:32: error: bronregels: line 9 is past the end of 001_0123456789abcdef.txt, which has 5 lines
  hint: check the line numbers against bronteksten/001_0123456789abcdef.txt",
        );
}

#[test]
fn location_in_a_file_that_is_not_there_suggests_the_nearest_name() {
    SiteTest::fixture("sources")
        .write(STORY, &story("  - \"001_0123456789abcdeg.txt: 2\"\n"))
        .check()
        .expect_failure()
        .expect_diagnostics(
            "content/verhalen/buurtcoach.md:5:6: error: bronregels: source file '001_0123456789abcdeg.txt' not found
  hint: did you mean '001_0123456789abcdef.txt'? the sources folder is bronteksten",
        );
}

#[test]
fn location_written_as_a_reader_citation_is_refused_with_the_form_to_use() {
    SiteTest::fixture("sources")
        .write(STORY, &story("  - \"001_0123456789abcdef.txt: r. 2\"\n"))
        .check()
        .expect_failure()
        .expect_diagnostics(
            "content/verhalen/buurtcoach.md:5:6: error: bronregels: 'r. 2' is not a line number or a range of lines like 446-456
  hint: write FILE or FILE: LINES, like \"002_2696610796d0feb7.txt: 446-456, 3519\"",
        );
}

/// A clone without the source documents (no `../shared/`) still builds: the
/// locations are then checked for form only.
#[test]
fn absent_sources_folder_checks_locations_for_form_only() {
    let site =
        SiteTest::fixture("sources").write(STORY, &story("  - \"001_0123456789abcdef.txt: 99\"\n"));
    std::fs::remove_dir_all(site.path("bronteksten")).unwrap();
    let run = site.build().expect_success();
    assert!(!run.stderr.contains("error"), "{}", run.stderr);
    site.write(STORY, &story("  - \"001_0123456789abcdef.txt: 1-x\"\n"))
        .check()
        .expect_failure()
        .expect_diagnostics(
            "content/verhalen/buurtcoach.md:5:6: error: bronregels: '1-x' is not a line number or a range of lines like 446-456
  hint: write FILE or FILE: LINES, like \"002_2696610796d0feb7.txt: 446-456, 3519\"",
        );
}

#[test]
fn source_lines_field_without_a_sources_folder_is_a_configuration_error() {
    let site = SiteTest::fixture("sources");
    let toml = site
        .read("site.toml")
        .replace("[sources]\nfolder = \"bronteksten\"\n", "");
    site.write("site.toml", &toml)
        .check()
        .expect_code(2)
        .expect_stderr_contains(
            "[kinds.verhaal] field 'bronregels' of type source_lines needs a [sources] folder",
        );
}

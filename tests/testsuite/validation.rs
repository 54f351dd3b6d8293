//! Values and files that were accepted or reported badly (issue 18, items 13–16
//! and 21): impossible dates, integers beyond 64 bits, a symbolic link to a
//! folder outside `content/`, links to anchors that do not exist, and errors in
//! a file's front matter hiding those in its body.

use crate::harness::SiteTest;

fn factsheet(fields: &str) -> String {
    format!("---\ntitle: \"Zaanstad, voorjaar 2014\"\ngemeente: zaanstad\n{fields}---\n\nTekst.\n")
}

const FIELDS: &str = "peildatum: \"2014\"\naantal_teams: 3\nfase: uitrol\nkv_sturing: 2\n";

#[test]
fn impossible_dates_are_refused_with_the_length_of_the_month() {
    for (date, days) in [("2014-02-30", 28), ("2015-02-29", 28), ("2014-04-31", 30)] {
        let month = &date[..7];
        SiteTest::fixture("basic")
            .write(
                "content/factsheets/zaanstad-2014.md",
                &factsheet(&FIELDS.replace("\"2014\"", &format!("\"{date}\""))),
            )
            .build()
            .expect_failure()
            .expect_diagnostics(&format!(
                "content/factsheets/zaanstad-2014.md:4:12: error: peildatum: '{date}' is not a date
  hint: {month} has {days} days"
            ));
    }
    // A leap day in a leap year is a date.
    SiteTest::fixture("basic")
        .write(
            "content/factsheets/zaanstad-2014.md",
            &factsheet(&FIELDS.replace("\"2014\"", "\"2016-02-29\"")),
        )
        .check()
        .expect_success();
}

#[test]
fn oversized_integer_is_out_of_range_and_other_errors_are_still_reported() {
    SiteTest::fixture("basic")
        .write(
            "content/factsheets/zaanstad-2014.md",
            &factsheet(
                &FIELDS
                    .replace("aantal_teams: 3", "aantal_teams: 99999999999999999999")
                    .replace("kv_sturing: 2", "kv_sturing: -99999999999999999999")
                    .replace("fase: uitrol", "fase: uitrrol"),
            ),
        )
        .check()
        .expect_failure()
        .expect_diagnostics(
            "content/factsheets/zaanstad-2014.md:5:15: error: aantal_teams: 99999999999999999999 is out of range 0..100
content/factsheets/zaanstad-2014.md:6:7: error: fase: unknown value 'uitrrol'
  hint: did you mean 'uitrol'? expected one of: experiment, uitrol (or 'onbekend' when the sources do not say)
content/factsheets/zaanstad-2014.md:7:13: error: kv_sturing: -99999999999999999999 is out of range 1..5
  hint: 1 = sterk sturen, 5 = loslaten (or 'onbekend' when the sources do not say)",
        );
}

#[cfg(unix)]
#[test]
fn symlink_to_an_outside_folder_is_one_diagnostic() {
    let outside = tempfile::tempdir().unwrap();
    for i in 0..20 {
        std::fs::write(outside.path().join(format!("f{i}.md")), "x").unwrap();
        std::fs::create_dir_all(outside.path().join(format!("d{i}"))).unwrap();
        std::fs::write(outside.path().join(format!("d{i}/g.png")), "x").unwrap();
    }
    let site = SiteTest::fixture("basic");
    std::os::unix::fs::symlink(outside.path(), site.path("content/etc")).unwrap();
    site.build().expect_code(1).expect_diagnostics(
        "content/etc: error: symbolic link leads outside content/
  hint: copy the file into content/ instead of linking to it",
    );
}

#[test]
fn links_to_missing_anchors_are_broken_links_with_the_pages_anchors() {
    SiteTest::fixture("basic")
        .write(
            "content/themas/toegang.md",
            "---\ntitle: \"Toegang\"\n---\n\n## Loket\n\nZie [[buurtcoach#bestaat-niet]], [x](../verhalen/buurtcoach.md#aanpk),\n[[buurtcoach#aanpak]], [y](#loket), [z](#nope) en [[zaanstad#inhoud]].\n",
        )
        .build()
        .expect_failure()
        .expect_diagnostics(
            "content/themas/toegang.md:7:5: error: broken link [[buurtcoach#bestaat-niet]]: De buurtcoach has no section 'bestaat-niet'
  hint: anchors on that page: aanpak
content/themas/toegang.md:7:34: error: broken link '../verhalen/buurtcoach.md#aanpk': De buurtcoach has no section 'aanpk'
  hint: did you mean '#aanpak'? anchors on that page: aanpak
content/themas/toegang.md:8:37: error: broken link '#nope': Toegang has no section 'nope'
  hint: anchors on that page: loket",
        );
}

#[test]
fn front_matter_error_no_longer_hides_the_errors_in_the_body() {
    SiteTest::fixture("basic")
        .write(
            "content/verhalen/buurtcoach.md",
            "---\ntitle: \"De buurtcoach\"\ngemeente: [\n---\n\nZie [[nergens]], <b>vet</b>\nen ![](../gemeenten/zaanstad.md) en [[zaanstad#nope]].\n",
        )
        .build()
        .expect_failure()
        .expect_diagnostics(
            "content/verhalen/buurtcoach.md:4:1: error: invalid YAML in front matter: did not find expected node content
  hint: check indentation, and quote values that contain `: ` or start with a special character
content/verhalen/buurtcoach.md:6:5: error: broken link [[nergens]]: no document with slug 'nergens'
  hint: check the slug: it is the file name without .md
content/verhalen/buurtcoach.md:6:18: error: raw HTML is not allowed: <b>
  hint: write it in Markdown; Kennisbank does not pass HTML through, so no script can be injected
content/verhalen/buurtcoach.md:7:4: error: an image cannot point to a document
content/verhalen/buurtcoach.md:7:4: error: image without alt text
  hint: describe the image: ![beschrijving](pad.png)
content/verhalen/buurtcoach.md:7:37: error: broken link [[zaanstad#nope]]: Zaanstad has no section 'nope'
  hint: that page has no sections; link to the page itself",
        );
}

#[test]
fn md_link_to_a_file_that_failed_to_parse_is_not_reported_as_broken_too() {
    SiteTest::fixture("basic")
        .write(
            "content/factsheets/zaanstad-2014.md",
            &factsheet(FIELDS).replace("Tekst.", "Zie [het verhaal](../verhalen/buurtcoach.md#aanpak)."),
        )
        .write("content/verhalen/buurtcoach.md", "---\ntitle: \"De buurtcoach\"\n")
        .check()
        .expect_failure()
        .expect_diagnostics(
            "content/verhalen/buurtcoach.md:1:1: error: front matter is opened here but never closed
  hint: add a line `---` after the last front-matter field",
        );
}

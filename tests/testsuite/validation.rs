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

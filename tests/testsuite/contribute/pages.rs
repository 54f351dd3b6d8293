//! The contribution pages the build writes: a form page only for the kinds
//! that contribute, links to them from listings and the home page, and the
//! exported schema with the forge's address and the earlier documents.

use crate::harness::SiteTest;

#[test]
fn contribution_pages_exist_only_for_kinds_that_contribute() {
    let site = SiteTest::fixture("contribute");
    let run = site.build().expect_success();
    for page in [
        "bijdragen/index.html",
        "bijdragen/verslag.html",
        "bijdragen/factsheet.html",
    ] {
        let html = run.output(page);
        assert!(
            html.contains("<script src=\"../static/contribute.js\" defer>")
                || page.ends_with("index.html"),
            "{page}"
        );
    }
    assert!(!site.path("public/bijdragen/gemeente.html").exists());
    let listing = run.output("verslagen/index.html");
    crate::harness::assert_contains(
        &listing,
        r#"<a href="../bijdragen/verslag.html">Verslag toevoegen</a>"#,
    );
    let home = run.output("index.html");
    crate::harness::assert_contains(
        &home,
        r#"<li><a href="bijdragen/factsheet.html">Factsheet toevoegen</a></li>"#,
    );
    // The exported schema names the forge and the earlier factsheets' file.
    let names: Vec<String> = std::fs::read_dir(site.path("public/bijdragen"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".js"))
        .collect();
    let schema = names.iter().find(|n| n.starts_with("schema-")).unwrap();
    let previous = names.iter().find(|n| n.starts_with("vorige-")).unwrap();
    let text = run.output(&format!("bijdragen/{schema}"));
    assert!(
        text.starts_with("kennisbankContribute(\"schema\",{"),
        "{text}"
    );
    assert!(text.contains(&format!("\"previous\":\"{previous}\"")));
    assert!(text.contains("\"new_file_url\":\"https://forge.example/kb/new/main/content/{folder}?filename={filename}&value={content}\""));
    assert!(
        text.contains("[\"concept\",\"verslag\",\"\",0]"),
        "a draft holds its slug"
    );
    assert!(
        text.contains("[\"verslag-2012\",\"verslag\",\"content/verslagen/oud/verslag-2012.md\"]")
    );
    // A site without contributable kinds has no contribution pages, and its
    // home page has no link to them.
    let plain = SiteTest::fixture("basic");
    let run = plain.build().expect_success();
    assert!(!plain.path("public/bijdragen").exists());
    assert!(!run.output("index.html").contains("bijdragen"));
}

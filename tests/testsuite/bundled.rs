//! The bundled Kenniskring knowledge base builds with zero diagnostics and has
//! the documents its issue promises.

use crate::harness::SiteTest;

#[test]
fn bundled_content_builds_without_diagnostics() {
    let run = SiteTest::bundled().build().expect_success();
    let diagnostics: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| !l.starts_with("Built "))
        .collect();
    assert!(diagnostics.is_empty(), "{}", run.stderr);
}

#[test]
fn bundled_content_has_every_kind_in_number() {
    let root = crate::harness::repo().join("content");
    let count = |folder: &str| {
        std::fs::read_dir(root.join(folder))
            .map(|d| d.count())
            .unwrap_or(0)
    };
    assert_eq!(
        count("gemeenten"),
        12,
        "eleven municipalities and Dijk en Waard"
    );
    assert_eq!(count("observaties"), 5);
    assert_eq!(count("reflecties"), 5);
    assert!(count("factsheets") >= 11);
    assert!(count("praktijkverhalen") >= 20);
    assert!(count("casusreflecties") >= 3);
    assert!(count("begrippen") >= 50);
    assert!((15..=25).contains(&count("themas")));
    assert!(count("bronnen") >= 5);
}

#[test]
fn every_municipality_page_shows_its_factsheet_and_analyses() {
    let run = SiteTest::bundled().build().expect_success();
    for g in [
        "alkmaar",
        "beverwijk",
        "haarlem",
        "heemskerk",
        "heerhugowaard",
        "heiloo",
        "hilversum",
        "langedijk",
        "purmerend",
        "velsen",
        "zaanstad",
    ] {
        let html = run.output(&format!("gemeenten/{g}.html"));
        assert!(
            html.contains(&format!("../factsheets/{g}-2014.html")),
            "{g} lacks its 2014 factsheet"
        );
    }
    let zaanstad = run.output("gemeenten/zaanstad.html");
    assert!(
        zaanstad.contains("<h3>Observaties"),
        "zaanstad lacks observations"
    );
    assert!(
        zaanstad.contains("<h3>Praktijkverhalen"),
        "zaanstad lacks stories"
    );
}

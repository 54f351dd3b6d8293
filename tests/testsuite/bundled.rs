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

/// Every observation and reflection that names a municipality in its text is
/// listed on that municipality's page.
#[test]
fn municipality_pages_list_the_analyses_that_name_them() {
    let run = SiteTest::bundled().build().expect_success();
    let names = [
        "Alkmaar",
        "Beverwijk",
        "Haarlem",
        "Heemskerk",
        "Heerhugowaard",
        "Heiloo",
        "Hilversum",
        "Langedijk",
        "Purmerend",
        "Velsen",
        "Zaanstad",
    ];
    let mut checked = 0;
    for folder in ["observaties", "reflecties"] {
        for entry in std::fs::read_dir(crate::harness::repo().join("content").join(folder)).unwrap()
        {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            let slug = path.file_stem().unwrap().to_string_lossy().into_owned();
            for name in names.iter().filter(|n| text.contains(*n)) {
                let page = run.output(&format!("gemeenten/{}.html", name.to_lowercase()));
                assert!(
                    page.contains(&format!("../{folder}/{slug}.html")),
                    "{name} page lacks {folder}/{slug}"
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 15, "only {checked} mentions checked");
}

#[test]
fn meetronde_counts_match_appendix_one() {
    let run = SiteTest::bundled().build().expect_success();
    let csv = run.output("vergelijken/factsheets-2014.csv");
    assert_eq!(
        csv.lines().count(),
        12,
        "a header and eleven municipalities"
    );
    let page = run.output("vergelijken/2014.html");
    let flat = page.split_whitespace().collect::<Vec<_>>().join(" ");
    // Appendix 1 §3: AMW 8x, opbouwwerk 9x, MEE 6x, gemeente 5x, JGZ/GGD 2x,
    // wijkverpleging 7x, huisarts 1x, GGZ 2x, vrijwilligersorganisaties 2x, burgers 0x.
    assert!(
        flat.contains("<td class=\"num\">8</td><td class=\"num\">9</td><td class=\"num\">6</td><td class=\"num\">5</td><td class=\"num\">2</td><td class=\"num\">7</td><td class=\"num\">1</td><td class=\"num\">2</td><td class=\"num\">2</td><td class=\"num\">0</td>"),
        "the source's counts are not in the participation matrix"
    );
}

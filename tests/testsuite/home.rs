//! The home page starts from the questions people bring (issue 17): a search
//! field that works without script (a GET form to the results page), entry
//! links by task that appear only when the site has their page, and "Over deze
//! kennisbank" from `[site] about` in site.toml.

use crate::harness::{repo, SiteTest};
use scraper::{Html, Selector};

fn select<'a>(html: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    html.select(&Selector::parse(css).unwrap()).collect()
}

fn text(e: &scraper::ElementRef) -> String {
    e.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn home_search_is_a_get_form_to_the_results_page_with_an_example() {
    let run = SiteTest::fixture("compare").build().expect_success();
    let html = Html::parse_document(&run.output("index.html"));
    let form = &select(&html, "main form.home-search")[0];
    assert_eq!(form.attr("action"), Some("zoeken.html"));
    assert_eq!(form.attr("method"), Some("get"));
    let input = &select(&html, "main form.home-search input#kb-vraag")[0];
    assert_eq!(input.attr("name"), Some("q"), "the results page reads ?q=");
    assert_eq!(
        text(&select(&html, "#kb-vraag-voorbeeld")[0]),
        "Bijvoorbeeld: hoe regelen gemeenten de toegang?"
    );
    assert_eq!(
        text(&select(&html, "main label[for=kb-vraag]")[0]),
        "Stel uw vraag of zoek op een woord"
    );
}

#[test]
fn home_entry_links_lead_to_the_tasks_the_site_has() {
    let run = SiteTest::fixture("compare").build().expect_success();
    let html = Html::parse_document(&run.output("index.html"));
    let links: Vec<(String, String)> = select(&html, ".kb-tasks > li > a")
        .iter()
        .map(|a| (text(a), a.attr("href").unwrap_or_default().to_string()))
        .collect();
    let expected = [
        ("Hoe regelen gemeenten de toegang?", "themas/toegang.html"),
        ("Vergelijk twee gemeenten", "vergelijken/2014.html#kb-kies"),
        ("Praktijkverhalen per thema", "themas/index.html"),
        ("Download de zelfscores", "vergelijken/zelfscores.xlsx"),
    ];
    assert_eq!(
        links,
        expected.map(|(t, h)| (t.to_string(), h.to_string())),
        "the fixture has no contribution forms, so no 'Schrijf zelf mee'"
    );
    let notes: Vec<String> = select(&html, ".kb-tasks > li > .meta")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        notes[0],
        "het Wmo-loket, de wijkteams en welke gemeenten erover vertellen"
    );
    assert!(
        notes[2].starts_with("van alle gemeenten als Excel-bestand: ")
            && notes[2].ends_with("waarden zijn bekend uit de bronnen (andere formaten)"),
        "the workbook says how much is known before the download: {notes:?}"
    );
}

#[test]
fn home_tasks_come_from_site_toml_and_a_missing_document_fails_the_build() {
    let config = std::fs::read_to_string(repo().join("tests/fixtures/compare/site.toml")).unwrap();
    let start = config.find("[home]").expect("the fixture declares [home]");
    // Without [home] the page has the search field but no example and no tasks.
    let run = SiteTest::fixture("compare")
        .write("site.toml", &config[..start])
        .build()
        .expect_success();
    let html = Html::parse_document(&run.output("index.html"));
    assert!(select(&html, ".kb-tasks").is_empty());
    assert!(select(&html, "#kb-vraag-voorbeeld").is_empty());
    assert_eq!(
        select(&html, "input#kb-vraag")[0].attr("aria-describedby"),
        None,
        "no description to point at"
    );
    // A task naming a document that is not there is an error at its line.
    let line = config[..config.find("document = \"toegang\"").unwrap()]
        .lines()
        .count()
        + 1;
    let run = SiteTest::fixture("compare")
        .write("site.toml", &config.replace("\"toegang\"", "\"toegan\""))
        .build();
    assert_ne!(run.code, 0, "the build fails");
    assert!(
        run.stderr.contains(&format!("site.toml:{line}"))
            && run
                .stderr
                .contains("[[home.tasks]]: no published document with slug 'toegan'")
            && run.stderr.contains("did you mean 'toegang'?"),
        "{}",
        run.stderr
    );
    // An unknown kind is refused with the kinds there are.
    let run = SiteTest::fixture("compare")
        .write(
            "site.toml",
            &config.replace("kind = \"thema\"", "kind = \"themas\""),
        )
        .build();
    assert_ne!(run.code, 0);
    assert!(
        run.stderr.contains(
            "[[home.tasks]] item 3 ('Praktijkverhalen per thema'): unknown kind 'themas'"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn home_about_comes_from_site_toml() {
    let site = SiteTest::fixture("compare");
    let run = site.build().expect_success();
    assert!(
        !run.output("index.html").contains("Over deze kennisbank"),
        "no about section without [site] about"
    );
    let config = std::fs::read_to_string(repo().join("tests/fixtures/compare/site.toml"))
        .unwrap()
        .replacen(
            "[site]\n",
            "[site]\nabout = [{ label = \"Wie\", text = \"De Kenniskring.\" }, { label = \"Citeren\", text = \"Noem de pagina.\" }]\n",
            1,
        );
    let run = SiteTest::fixture("compare")
        .write("site.toml", &config)
        .build()
        .expect_success();
    let html = Html::parse_document(&run.output("index.html"));
    let about: Vec<String> = select(&html, "section.about > p")
        .iter()
        .map(text)
        .collect();
    assert_eq!(about, ["Wie: De Kenniskring.", "Citeren: Noem de pagina."]);
    assert_eq!(text(&select(&html, "#kb-over")[0]), "Over deze kennisbank");
}

#[test]
fn bundled_about_names_the_period_the_snapshot_and_how_to_cite() {
    let config: toml::Value =
        toml::from_str(&std::fs::read_to_string(repo().join("site.toml")).unwrap()).unwrap();
    let about = config["site"]["about"].as_array().expect("[site] about");
    let labels: Vec<&str> = about.iter().map(|p| p["label"].as_str().unwrap()).collect();
    assert_eq!(labels, ["Wie", "Wanneer", "Citeren"]);
    let all: String = about.iter().map(|p| p["text"].as_str().unwrap()).collect();
    for fact in [
        "Kenniskring sociale wijkteams Noord-Holland",
        "2012–2014",
        "momentopname",
        "Kolner",
    ] {
        assert!(all.contains(fact), "{fact:?} in {all}");
    }
}

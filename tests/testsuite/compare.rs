//! Comparing municipalities: per-round comparison pages, scale charts with text
//! alternatives, participation matrices, open data, timelines on hub pages, and
//! `new` continuing from the latest factsheet. All of it follows the schema.

use crate::harness::{assert_contains, SiteTest};

fn flat(html: &str) -> String {
    html.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn comparison_page_per_round_shows_unknown_as_unknown() {
    let run = SiteTest::fixture("compare").build().expect_success();
    let html = flat(&run.output("vergelijken/2014.html"));
    assert_contains(&html, "<h1>Vergelijking meetronde 2014</h1>");
    assert_contains(
        &html,
        "<td data-sort=\"onbekend\" class=\"num\"><span class=\"unknown\">onbekend</span></td>",
    );
    assert_contains(
        &html,
        "<td data-sort=\"000000000012\" class=\"num\">12</td>",
    );
    assert!(html.contains("<script src=\"../static/compare.js\" defer></script>"));
    let index = run.output("vergelijken/index.html");
    assert_contains(
        &index,
        "<a href=\"../vergelijken/2013.html\">Meetronde 2013</a>",
    );
    assert_contains(
        &index,
        "<a href=\"../vergelijken/2014.html\">Meetronde 2014</a>",
    );
}

#[test]
fn scale_chart_has_text_alternative_and_data_table() {
    let run = SiteTest::fixture("compare").build().expect_success();
    let html = flat(&run.output("vergelijken/2014.html"));
    assert_contains(
        &html,
        "<svg role=\"img\" aria-labelledby=\"kb-c-kv_sturing-t kb-c-kv_sturing-d\"",
    );
    assert_contains(&html, "<desc id=\"kb-c-kv_sturing-d\">Punt 1: Heerhugowaard; in de hele ronde 1. Punt 2: Zaanstad; in de hele ronde 1. Punt 3: geen gemeente met een bekende score; in de hele ronde 5.");
    assert_contains(
        &html,
        "<caption>Rol gemeente — dezelfde gegevens als tabel</caption>",
    );
    assert_contains(
        &html,
        "<tr><th scope=\"row\">3</th><td></td><td class=\"num\">5</td></tr>",
    );
}

#[test]
fn participation_matrix_has_totals_and_the_sources_count() {
    let run = SiteTest::fixture("compare").build().expect_success();
    let html = flat(&run.output("vergelijken/2014.html"));
    assert_contains(&html, "<caption id=\"kb-matrix-deelnemers-caption\">Deelnemers per gemeente, meetronde 2014</caption>");
    assert_contains(&html, "<tr><th scope=\"row\"><a href=\"../gemeenten/heerhugowaard.html\">Heerhugowaard</a></th><td class=\"m-onbekend\"><span class=\"unknown\">onbekend</span></td>");
    assert_contains(&html, "<tr><th scope=\"row\">Totaal in deze factsheets</th><td class=\"num\">1</td><td class=\"num\">1</td></tr>");
    assert_contains(
        &html,
        "<td class=\"num\">8</td><td class=\"num\">6</td></tr>",
    );
}

#[test]
fn open_data_csv_json_and_dictionary() {
    let run = SiteTest::fixture("compare").build().expect_success();
    assert_eq!(
        run.output("vergelijken/factsheets-2014.csv"),
        "onderwerp,onderwerp_naam,document,meting,peildatum,aantal_teams,fase,deelnemers,kv_sturing
heerhugowaard,Heerhugowaard,factsheets/dijk-en-waard-2014.html,2014,2014,onbekend,experiment,onbekend,1
zaanstad,Zaanstad,factsheets/zaanstad-2014.html,2014,2014-04,12,uitrol,amw;mee,2
"
    );
    let json: serde_json::Value =
        serde_json::from_str(&run.output("vergelijken/factsheets-2014.json")).unwrap();
    assert_eq!(json["meetronde"], 2014);
    assert_eq!(
        json["rijen"][1]["deelnemers"],
        serde_json::json!(["amw", "mee"])
    );
    assert_eq!(json["rijen"][0]["aantal_teams"], "onbekend");
    assert_eq!(
        json["kolommen"][6]["toegestane_waarden"],
        "experiment=Experiment; uitrol=Uitrol"
    );
    let dictionary = run.output("vergelijken/kolommen.csv");
    assert!(dictionary.starts_with("veld,label,type,toegestane_waarden,toelichting\nonderwerp,Slug van het onderwerp (Gemeente),ref,,\n"), "{dictionary}");
    assert_contains(
        &dictionary,
        "kv_sturing,Rol gemeente,scale,1=sterk sturen … 5=loslaten,\n",
    );
}

#[test]
fn municipality_page_shows_what_changed_between_rounds() {
    let run = SiteTest::fixture("compare").build().expect_success();
    let html = flat(&run.output("gemeenten/zaanstad.html"));
    assert_contains(&html, "<caption>Wat veranderde van Zaanstad, voorjaar 2013 naar Zaanstad, voorjaar 2014</caption>");
    assert_contains(
        &html,
        "<tr><th scope=\"row\">Fase</th><td>Experiment</td><td>Uitrol</td></tr>",
    );
    assert_contains(
        &html,
        "<tr><th scope=\"row\">Deelnemers</th><td>AMW</td><td>erbij: MEE</td></tr>",
    );
    assert_contains(
        &html,
        "<tr><th scope=\"row\">Rol gemeente</th><td>onbekend</td><td>2</td></tr>",
    );
}

/// Adding a field to the schema adds it to the document page, the comparison,
/// the exports and the dictionary, with no code change.
#[test]
fn a_new_schema_field_appears_everywhere() {
    let site = SiteTest::fixture("compare");
    let toml = site.read("site.toml").replace(
        "[kinds.verhaal]",
        "[[kinds.factsheet.fields]]\nname = \"budget\"\nlabel = \"Budget (euro)\"\ntype = \"integer\"\nmin = 0\nallow_unknown = true\n\n[kinds.verhaal]",
    );
    let fact = site
        .read("content/factsheets/zaanstad-2014.md")
        .replace("kv_sturing: 2\n", "kv_sturing: 2\nbudget: 250000\n");
    let run = site
        .write("site.toml", &toml)
        .write("content/factsheets/zaanstad-2014.md", &fact)
        .build()
        .expect_success();
    assert!(flat(&run.output("factsheets/zaanstad-2014.html"))
        .contains("<dt>Budget (euro)</dt> <dd> 250000 </dd>"));
    assert!(run
        .output("vergelijken/2014.html")
        .contains("<th scope=\"col\" data-numeric>Budget (euro)</th>"));
    assert!(run.output("vergelijken/factsheets-2014.csv").starts_with("onderwerp,onderwerp_naam,document,meting,peildatum,aantal_teams,fase,deelnemers,kv_sturing,budget\n"));
    assert!(run
        .output("vergelijken/factsheets-2014.csv")
        .contains(",2,250000\n"));
    assert!(run
        .output("vergelijken/factsheets-2014.json")
        .contains("\"budget\": 250000"));
    assert!(run
        .output("vergelijken/kolommen.csv")
        .contains("budget,Budget (euro),integer,"));
}

#[test]
fn new_factsheet_continues_from_the_latest_one() {
    let site = SiteTest::fixture("compare");
    site.run(&[
        "new",
        "factsheet",
        "--gemeente",
        "zaanstad",
        "--meting",
        "2015",
    ])
    .expect_success()
    .expect_stdout_contains("content/factsheets/zaanstad-2015.md");
    let text = site.read("content/factsheets/zaanstad-2015.md");
    assert!(text.starts_with("---\n# Overgenomen uit content/factsheets/zaanstad-2014.md: werk bij wat sinds meetronde 2014 veranderd is.\ntitle: \"Zaanstad, voorjaar 2015\"\ngemeente: zaanstad\nmeting: 2015\npeildatum: \"2015\"\naantal_teams: 12\n"), "{text}");
    assert!(
        text.ends_with("Wat is er veranderd sinds [[zaanstad-2014]]?\n"),
        "{text}"
    );
    site.check().expect_success();
    site.run(&[
        "new",
        "factsheet",
        "--gemeente",
        "zaanstad",
        "--meting",
        "2012",
    ])
    .expect_code(2)
    .expect_stderr_contains("zaanstad has no factsheet before 2012 to start from");
}

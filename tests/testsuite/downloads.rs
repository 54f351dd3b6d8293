//! Downloads that open where officials work (issue 17): the spreadsheet CSV
//! for Dutch-locale Excel (semicolons, byte-order mark, labels instead of
//! codes, formulas neutralised) and the offer on the round pages, which says
//! how many values the sources give before anyone downloads.

use crate::harness::{assert_contains, SiteTest};
use calamine::{Data, Reader, Xlsx};
use std::io::Cursor;

const EXCEL: &str = "vergelijken/factsheets-2014-excel.csv";

#[test]
fn spreadsheet_csv_has_bom_semicolons_and_labels() {
    let run = SiteTest::fixture("compare").build().expect_success();
    assert_eq!(
        run.output(EXCEL),
        "\u{feff}Gemeente;Factsheet;Meetronde;Peildatum;Aantal teams;Fase;Deelnemers;Rol gemeente (Keuzevraagstukken)\r\n\
         Heerhugowaard;Heerhugowaard, voorjaar 2014;2014;2014;onbekend;Experiment;onbekend;1\r\n\
         Zaanstad;Zaanstad, voorjaar 2014;2014;2014-04;12;Uitrol;AMW, MEE;2\r\n"
    );
}

#[test]
fn spreadsheet_csv_neutralises_a_formula_in_a_title() {
    let run = SiteTest::fixture("compare")
        .write(
            "content/gemeenten/zaanstad.md",
            "---\ntitle: \"=cmd|' /C calc'!A0;x\"\n---\n\nZie [[zaanstad-2014]].\n",
        )
        .build()
        .expect_success();
    let text = run.output(EXCEL);
    let cells: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    assert!(
        cells.iter().any(|r| r[0] == "'=cmd|' /C calc'!A0;x"),
        "{cells:?}"
    );
    assert!(cells.iter().all(|r| r.len() == cells[0].len()));
}

#[test]
fn round_pages_offer_the_spreadsheet_and_say_how_much_is_known() {
    let run = SiteTest::fixture("compare").build().expect_success();
    let offer = "<strong>8 van de 10 waarden zijn bekend uit de bronnen</strong>;";
    for page in ["vergelijken/2014.html", "meetronden/ronde-2014.html"] {
        let html = run.output(page);
        assert_contains(
            &html,
            "<a href=\"../vergelijken/zelfscores.xlsx\" download>Download de zelfscores als Excel-bestand</a>",
        );
        assert_contains(
            &html,
            "<a href=\"../vergelijken/factsheets-2014-excel.csv\" download>Download als CSV voor Excel</a>",
        );
        assert_contains(&html, offer);
    }
    let hub = run.output("vergelijken/index.html");
    assert_contains(
        &hub,
        "<a href=\"../vergelijken/zelfscores.xlsx\" download>Excel-bestand</a> · <a href=\"../vergelijken/factsheets-2014-excel.csv\" download>CSV voor Excel</a>",
    );
    assert_contains(
        &hub,
        "<p>8 van de 10 waarden zijn bekend uit de bronnen. Download de zelfscores: <a",
    );
    // The comparison page says it before its first download link, and so does the home page.
    assert_contains(
        &run.output("vergelijken/2014.html"),
        "8 van de 10 waarden zijn bekend uit de bronnen. <a href=\"../vergelijken/zelfscores.xlsx\" download>Download de zelfscores</a>",
    );
}

const WORKBOOK: &str = "vergelijken/zelfscores.xlsx";

/// Every cell of a sheet, as calamine reads it.
fn sheet(bytes: &[u8], name: &str) -> Vec<Vec<Data>> {
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    let range = book.worksheet_range(name).unwrap();
    range.rows().map(<[Data]>::to_vec).collect()
}

fn s(text: &str) -> Data {
    Data::String(text.to_string())
}

#[test]
fn workbook_has_a_sheet_per_round_and_the_distribution_with_labels() {
    let run = SiteTest::fixture("compare").build().expect_success();
    let bytes = run.output_bytes(WORKBOOK);
    let book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(&bytes)).unwrap();
    assert_eq!(
        book.sheet_names(),
        ["Meetronde 2013", "Meetronde 2014", "Verdeling 2014"]
    );
    let round = sheet(&bytes, "Meetronde 2014");
    assert_eq!(
        round[0],
        [
            "Gemeente",
            "Factsheet",
            "Meetronde",
            "Peildatum",
            "Aantal teams",
            "Fase",
            "Deelnemers",
            "Rol gemeente (Keuzevraagstukken)"
        ]
        .map(s)
    );
    // Labels, not codes; numbers as numbers; unknown as the word.
    assert_eq!(
        round[2],
        [
            s("Zaanstad"),
            s("Zaanstad, voorjaar 2014"),
            Data::Float(2014.0),
            s("2014-04"),
            Data::Float(12.0),
            s("Uitrol"),
            s("AMW, MEE"),
            Data::Float(2.0),
        ]
    );
    assert_eq!(round[1][4], s("onbekend"));
    assert_eq!(
        sheet(&bytes, "Meetronde 2013").len(),
        2,
        "one factsheet in 2013"
    );
    let spread = sheet(&bytes, "Verdeling 2014");
    assert_eq!(
        spread[0],
        [
            "Keuzevraagstukken",
            "Pool laag",
            "1",
            "2",
            "3",
            "4",
            "5",
            "Pool hoog",
            "Totaal"
        ]
        .map(s)
    );
    assert_eq!(spread[1][0], s("Rol gemeente"));
    assert_eq!(spread[1][1], s("sterk sturen"));
    assert_eq!(spread[1][4], Data::Float(5.0));
    assert_eq!(spread[1][8], Data::Float(9.0));
}

#[test]
fn workbook_has_a_fixed_creation_date_so_builds_are_reproducible() {
    let run = SiteTest::fixture("compare").build().expect_success();
    let bytes = run.output_bytes(WORKBOOK);
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut core = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("docProps/core.xml").unwrap(), &mut core)
        .unwrap();
    assert_contains(&core, ">1980-01-01T00:00:00Z</dcterms:created>");
    assert_contains(&core, "<dc:title>Zelfscores per meetronde</dc:title>");
}

#[test]
fn home_page_offers_the_self_scores_with_how_much_is_known() {
    let run = SiteTest::fixture("compare").build().expect_success();
    assert_contains(
        &run.output("index.html"),
        "<a href=\"vergelijken/zelfscores.xlsx\" download>Download de zelfscores</a> <span class=\"meta\">van alle gemeenten als Excel-bestand: 8 van de 10 waarden zijn bekend uit de bronnen",
    );
}

#[test]
fn searching_for_a_download_word_finds_the_round_with_the_downloads_first() {
    let site = SiteTest::bundled();
    for query in ["downloaden", "excel", "spreadsheet", "csv", "xlsx"] {
        let run = site
            .run(&["search", query, "--json", "--limit", "1"])
            .expect_success();
        let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        let url = json["results"][0]["url"].as_str().unwrap_or_default();
        assert!(
            url.starts_with("meetronden/meetronde-2014.html"),
            "{query}: {}",
            run.stdout
        );
    }
    assert_contains(
        &site
            .build()
            .expect_success()
            .output("meetronden/meetronde-2014.html"),
        "Download de zelfscores als Excel-bestand</a>",
    );
}

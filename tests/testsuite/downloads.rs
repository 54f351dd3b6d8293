//! Downloads that open where officials work (issue 17): the spreadsheet CSV
//! for Dutch-locale Excel (semicolons, byte-order mark, labels instead of
//! codes, formulas neutralised) and the offer on the round pages, which says
//! how many values the sources give before anyone downloads.

use crate::harness::{assert_contains, SiteTest};

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
    let offer = "Van de 10 waarden geven de bronnen er 8;";
    for page in ["vergelijken/2014.html", "meetronden/ronde-2014.html"] {
        let html = run.output(page);
        assert_contains(
            &html,
            "<a href=\"../vergelijken/factsheets-2014-excel.csv\" download>Download voor Excel</a>",
        );
        assert_contains(&html, offer);
    }
    assert_contains(
        &run.output("vergelijken/index.html"),
        "<a href=\"../vergelijken/factsheets-2014-excel.csv\" download>voor Excel</a>",
    );
}

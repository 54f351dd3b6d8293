//! Input that would turn into something else on the way out (issue 18, items
//! 5–8): formulas in the open-data CSV, control characters in front matter,
//! bodies and `site.toml`, a `base_url` that is not a web address, and terminal
//! escape sequences in what `search` prints.

use crate::harness::SiteTest;

fn csv_cells(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

fn is_formula(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r']) && cell.parse::<f64>().is_err()
}

#[test]
fn csv_formula_injection_in_a_municipality_title_is_neutralised() {
    let site = SiteTest::fixture("compare")
        .write(
            "content/gemeenten/zaanstad.md",
            "---\ntitle: \"=cmd|' /C calc'!A0\"\n---\n\nZie [[zaanstad-2014]].\n",
        )
        .write(
            "content/gemeenten/heerhugowaard.md",
            "---\ntitle: \"@SUM(1+1)*cmd|' /C calc'!A0\"\nopgegaan_in: dijk-en-waard\n---\n",
        );
    // A label in site.toml ends up in the column dictionary.
    let toml = std::fs::read_to_string(site.path("site.toml"))
        .unwrap()
        .replace(
            "label = \"Aantal teams\"",
            "label = \"+1+cmd|' /C calc'!A0\"",
        );
    let site = site.write("site.toml", &toml);
    let run = site.build().expect_success();
    let data = csv_cells(&run.output("vergelijken/factsheets-2014.csv"));
    let zaanstad = data
        .iter()
        .find(|r| r[0] == "zaanstad")
        .expect("zaanstad row");
    assert_eq!(zaanstad[1], "'=cmd|' /C calc'!A0");
    let hhw = data.iter().find(|r| r[0] == "heerhugowaard").expect("row");
    assert_eq!(hhw[1], "'@SUM(1+1)*cmd|' /C calc'!A0");
    let dictionary = csv_cells(&run.output("vergelijken/kolommen.csv"));
    let row = dictionary.iter().find(|r| r[0] == "aantal_teams").unwrap();
    assert_eq!(row[1], "'+1+cmd|' /C calc'!A0");
    for file in [
        "vergelijken/factsheets-2013.csv",
        "vergelijken/factsheets-2014.csv",
        "vergelijken/kolommen.csv",
    ] {
        for cell in csv_cells(&run.output(file)).iter().flatten() {
            assert!(!is_formula(cell), "{file}: {cell:?}");
        }
    }
    // The JSON keeps the value as written: it is not read by spreadsheets.
    let json = run.output("vergelijken/factsheets-2014.json");
    assert!(json.contains("\"onderwerp_naam\": \"=cmd|' /C calc'!A0\""));
}

#[test]
fn escape_sequence_in_a_title_is_refused_and_no_ill_formed_feed_is_written() {
    SiteTest::fixture("basic")
        .write(
            "content/themas/toegang.md",
            "---\ntitle: \"A\\e[31mB\"\nsummary: \"ok\"\n---\n\nTekst.\n",
        )
        .build()
        .expect_failure()
        .expect_diagnostics(
            "content/themas/toegang.md:2:8: error: title: U+001B (escape) is not allowed
  hint: remove it: it may be written as an escape in quotes (`\\e`, `\\x1b`, `\\u001b`, `\\r`) or pasted in invisibly",
        );
}

#[test]
fn escaped_c1_control_in_a_list_item_is_refused() {
    SiteTest::fixture("basic")
        .write(
            "content/factsheets/zaanstad-2014.md",
            "---\ntitle: \"Z\"\ngemeente: zaanstad\npeildatum: \"2014\"\naantal_teams: 3\nfase: uitrol\nkv_sturing: 2\nthemas: [\"toe\\u009bgang\"]\n---\n",
        )
        .check()
        .expect_failure()
        .expect_stderr_contains(
            "content/factsheets/zaanstad-2014.md:8:9: error: themas: U+009B (control character) is not allowed",
        );
}

#[test]
fn raw_control_character_in_front_matter_is_refused_at_its_column() {
    SiteTest::fixture("basic")
        .write(
            "content/themas/toegang.md",
            "---\ntitle: \"Toe\u{7}gang\"\n---\n\nTekst.\n",
        )
        .check()
        .expect_failure()
        .expect_diagnostics(
            "content/themas/toegang.md:2:12: error: U+0007 (bell) in front matter
  hint: delete it: control characters are invisible in most editors, break the feed and act on terminals (tab and line breaks are fine)",
        );
}

#[test]
fn raw_control_characters_in_a_body_are_refused_once_per_line() {
    let run = SiteTest::fixture("basic")
        .write(
            "content/themas/toegang.md",
            "---\ntitle: \"Toegang\"\n---\n\nEen\u{c}pagina\u{c}uit een pdf.\n\nTab\tmag, \u{1b}[2J niet.\r\nCRLF mag.\r\n",
        )
        .check()
        .expect_failure();
    let errors: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("error:"))
        .collect();
    assert_eq!(
        errors,
        [
            "content/themas/toegang.md:5:4: error: U+000C (form feed) in the text",
            "content/themas/toegang.md:7:10: error: U+001B (escape) in the text",
        ],
        "{}",
        run.stderr
    );
}

#[test]
fn control_character_in_site_toml_is_a_configuration_error() {
    let site = SiteTest::fixture("basic");
    let toml = std::fs::read_to_string(site.path("site.toml"))
        .unwrap()
        .replace("label = \"Fase\"", "label = \"Fa\\u001b]0;x\\u0007se\"");
    site.write("site.toml", &toml)
        .check()
        .expect_code(2)
        .expect_stderr_contains("kinds.factsheet.fields[3].label: U+001B (escape) is not allowed");
}

#[test]
fn base_url_must_be_an_absolute_http_url() {
    for bad in [
        "javascript:alert(1)//",
        "/",
        "//evil.example/",
        "data:text/html,x",
    ] {
        let site = SiteTest::fixture("basic");
        let toml = std::fs::read_to_string(site.path("site.toml"))
            .unwrap()
            .replace("https://test.example/", bad);
        let run = site.write("site.toml", &toml).build().expect_code(2);
        assert!(
            run.stderr.contains(&format!(
                "[site] base_url '{bad}' must be an absolute http or https URL, like \"https://kennisbank.example.nl/\""
            )),
            "{bad}: {}",
            run.stderr
        );
        assert!(!run.root.join("public").exists());
    }
}

fn has_terminal_controls(text: &str) -> bool {
    text.chars().any(|c| c.is_control() && c != '\n')
}

#[test]
fn search_never_prints_terminal_escapes_from_titles() {
    let site = SiteTest::fixture("search").write(
        "content/verhalen/loket.md",
        "---\ntitle: \"Loket\\e]0;gehackt\\a\\u009b2J\"\n---\n\nHet loket van het wijkteam.\n",
    );
    for args in [&["search", "loket"][..], &["search", "loket", "--json"]] {
        let run = site.run(args);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(!has_terminal_controls(&run.stdout), "{:?}", run.stdout);
        assert!(!has_terminal_controls(&run.stderr), "{:?}", run.stderr);
        assert!(run.stderr.contains("title: U+001B (escape) is not allowed"));
    }
}

#[test]
fn search_output_escapes_control_characters_in_text_and_json() {
    use kennisbank::search::{print, OutputJson, ResultJson, SectionJson};
    let nasty = "A\u{1b}]0;pwned\u{7}B\u{9b}31m\rC\u{7f}";
    let out = OutputJson {
        query: nasty.into(),
        total: 1,
        notes: kennisbank::search::plan::Notes {
            unmatched: vec![kennisbank::search::plan::Unmatched {
                word: nasty.into(),
                suggestion: Some(nasty.into()),
            }],
            corrected: vec![kennisbank::search::plan::Corrected {
                word: nasty.into(),
                searched: nasty.into(),
            }],
            ignored: Vec::new(),
            searched: vec![nasty.into()],
            parts: vec![nasty.into()],
        },
        results: vec![ResultJson {
            url: format!("a.html#{nasty}"),
            title: nasty.into(),
            kind: nasty.into(),
            score: 1.0,
            excerpt: format!("{nasty}\nregel\ttwee"),
            section: Some(SectionJson {
                id: nasty.into(),
                heading: nasty.into(),
            }),
            explain: None,
        }],
    };
    let plain = print::plain(&out);
    assert!(!has_terminal_controls(&plain), "{plain:?}");
    assert!(
        plain.contains("A\\u{1b}]0;pwned\\u{7}B\\u{9b}31m\\u{d}C\\u{7f}"),
        "{plain}"
    );
    assert!(plain.contains("regel twee"), "{plain}");
    let json = print::json(&out).unwrap();
    assert!(!has_terminal_controls(&json), "{json:?}");
    assert!(
        json.contains(r#""title": "A\u001b]0;pwned\u0007B\u009b31m\rC\u007f""#),
        "{json}"
    );
    let back: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(back["results"][0]["title"], nasty);
    assert_eq!(back["results"][0]["section"]["heading"], nasty);
}

#[test]
fn theme_cannot_copy_the_environment_into_pages_with_get_env() {
    let run = SiteTest::fixture("basic")
        .write(
            "themes/default/templates/thema.html",
            "{% extends \"document.html\" %}\n{% block extra %}{{ get_env(name=\"PATH\") }}{% endblock extra %}\n",
        )
        .run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("get_env is not available: templates cannot read the environment"),
        "{}",
        run.stderr
    );
    assert!(!run.root.join("public").exists());
}

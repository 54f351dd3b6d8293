//! The house style and the accessibility statement: `[theme.tokens]` becomes
//! `static/tokens.css` or is refused by `check` and `build` with the tokens and
//! the contrast ratio; `[accessibility]` becomes `toegankelijkheid.html`, linked
//! from every page's footer; the theme's favicon is at the site root.

use crate::harness::{assert_contains, SiteTest};

/// The basic fixture with `extra` appended to its `site.toml`.
fn with_config(extra: &str) -> SiteTest {
    let site = SiteTest::fixture("basic");
    let text = site.read("site.toml") + "\n" + extra;
    site.write("site.toml", &text)
}

#[test]
fn token_values_become_css_custom_properties_that_every_page_loads() {
    let site = with_config(
        "[theme.tokens]\naccent = \"#1A5E20\"\nfont-family = \"\\\"Noto Sans\\\", Arial, sans-serif\"\nradius = \"0\"\n",
    );
    let run = site.build().expect_success();
    let css = run.output("static/tokens.css");
    assert_contains(&css, "  --kb-accent: #1a5e20;\n");
    assert_contains(
        &css,
        "  --kb-font-family: \"Noto Sans\", Arial, sans-serif;\n",
    );
    assert_contains(&css, "  --kb-radius: 0;\n");
    // A token not set keeps the theme's default.
    assert_contains(&css, "  --kb-text: #1b1b1b;\n");
    for page in ["index.html", "gemeenten/zaanstad.html", "404.html"] {
        let html = run.output(page);
        assert_contains(&html, "static/tokens.css\">");
    }
    // The theme's stylesheet takes its colours from the tokens.
    let style = run.output("static/style.css");
    assert_contains(&style, "--accent: var(--kb-accent);");
}

#[test]
fn check_refuses_a_token_pair_below_its_contrast_minimum_naming_tokens_and_ratio() {
    let site =
        with_config("[theme.tokens]\ntext-muted = \"#8a8a8a\"\nheader-background = \"#6fa8dc\"\n");
    let run = site.check().expect_code(2);
    let stderr = &run.stderr;
    assert_contains(stderr, "error: invalid ");
    assert_contains(
        stderr,
        "[theme.tokens] text-muted #8a8a8a (site.toml) on background #ffffff (theme default) has a contrast of 3.45:1; text needs at least 4.5:1 (WCAG 1.4.3) for summaries, dates and counts",
    );
    assert_contains(
        stderr,
        "[theme.tokens] text-muted #8a8a8a (site.toml) on surface #f3f5f7 (theme default) has a contrast of 3.15:1;",
    );
    assert_contains(
        stderr,
        "[theme.tokens] header-text #ffffff (theme default) on header-background #6fa8dc (site.toml) has a contrast of 2.52:1;",
    );
    // build refuses the same and writes nothing.
    site.build().expect_code(2);
    assert!(!site.path("public").exists());
}

#[test]
fn a_large_text_token_needs_only_three_to_one() {
    // #8a8a8a on white is 3.45:1: enough for the page title (large text).
    with_config("[theme.tokens]\nheading = \"#8a8a8a\"\n")
        .check()
        .expect_success();
    with_config("[theme.tokens]\nheading = \"#a0a0a0\"\n")
        .check()
        .expect_code(2)
        .expect_stderr_contains("has a contrast of 2.61:1; large text needs at least 3:1");
}

#[test]
fn an_unknown_token_or_a_malformed_value_is_a_configuration_error_naming_the_key() {
    let run = with_config(
        "[theme.tokens]\nacent = \"#000000\"\nbackground = \"white\"\nfont-family = \"Arial; } body { background: url(https://elders.example/x.png)\"\n",
    )
    .check()
    .expect_code(2);
    assert_contains(
        &run.stderr,
        "[theme.tokens] 'acent' is not a token of this theme; did you mean 'accent'?",
    );
    assert_contains(
        &run.stderr,
        "[theme.tokens] background = \"white\": expected a colour as #rrggbb or #rgb",
    );
    assert_contains(&run.stderr, "[theme.tokens] font-family = \"Arial; }");
}

#[test]
fn the_theme_favicon_is_at_the_site_root_and_every_page_names_it() {
    let run = SiteTest::fixture("basic").build().expect_success();
    let ico = std::fs::read(run.root.join("public/favicon.ico")).unwrap();
    assert_eq!(&ico[..4], &[0, 0, 1, 0], "an ICO file");
    assert_contains(&run.output("static/favicon.svg"), "<svg");
    let home = run.output("index.html");
    assert_contains(
        &home,
        "<link rel=\"icon\" href=\"favicon.ico\" sizes=\"32x32\">",
    );
    assert_contains(
        &run.output("gemeenten/zaanstad.html"),
        "href=\"../static/favicon.svg\" type=\"image/svg+xml\">",
    );
}

const STATEMENT: &str = r#"[accessibility]
organisation = "Gemeente Voorbeeld"
status = "B"
date = "2026-03-01"
email = "toegankelijkheid@voorbeeld.example"
phone = "14 020"
response_days = 3
known_issues = ["De kaart van de wijken heeft nog geen tekstversie."]
audits = [{ date = "2026-02-10", by = "Bureau Toegankelijk", url = "https://voorbeeld.example/rapport" }]
"#;

#[test]
fn the_accessibility_statement_follows_the_model_and_every_footer_links_it() {
    let run = with_config(STATEMENT).build().expect_success();
    let page = run.output("toegankelijkheid.html");
    for text in [
        "<h1>Toegankelijkheidsverklaring</h1>",
        "Gemeente Voorbeeld wil dat iedereen deze website kan gebruiken",
        "Status B: <strong>voldoet gedeeltelijk</strong>.",
        "<h2 id=\"maatregelen\">Wat wij doen</h2>",
        "<h2 id=\"onderzoek\">Hoe wij de website testen</h2>",
        "WCAG 2.0, 2.1 en 2.2 op niveau A en AA",
        "10 februari 2026: Bureau Toegankelijk (<a href=\"https://voorbeeld.example/rapport\">rapport</a>)",
        "<li>De kaart van de wijken heeft nog geen tekstversie.</li>",
        "<a href=\"mailto:toegankelijkheid@voorbeeld.example\">toegankelijkheid@voorbeeld.example</a>",
        "<li>telefoon: 14 020</li>",
        "Binnen 3 werkdagen krijgt u bericht",
        "terecht bij de Nationale ombudsman.",
        "Deze verklaring is gemaakt op 1 maart 2026.",
    ] {
        assert_contains(&page, text);
    }
    for (page, link) in [
        (
            "index.html",
            "<a href=\"toegankelijkheid.html\">Toegankelijkheid</a>",
        ),
        (
            "gemeenten/zaanstad.html",
            "<a href=\"../toegankelijkheid.html\">Toegankelijkheid</a>",
        ),
        (
            "404.html",
            "<a href=\"toegankelijkheid.html\">Toegankelijkheid</a>",
        ),
        (
            "zoeken.html",
            "<a href=\"toegankelijkheid.html\">Toegankelijkheid</a>",
        ),
    ] {
        assert_contains(&run.output(page), link);
    }
    assert_contains(
        &run.output("sitemap.xml"),
        "<loc>https://test.example/toegankelijkheid.html</loc>",
    );
}

#[test]
fn without_accessibility_settings_there_is_no_statement_and_no_footer_link() {
    let run = SiteTest::fixture("basic").build().expect_success();
    assert!(!run.root.join("public/toegankelijkheid.html").exists());
    assert!(!run.output("index.html").contains("toegankelijkheid.html"));
}

#[test]
fn a_malformed_accessibility_setting_is_a_configuration_error_naming_the_key() {
    with_config(&STATEMENT.replace("status = \"B\"", "status = \"voldoet\""))
        .check()
        .expect_code(2)
        .expect_stderr_contains("[accessibility] status = \"voldoet\": expected A (voldoet volledig), B (voldoet gedeeltelijk), C (eerste maatregelen genomen) or D (voldoet niet)");
    with_config(&STATEMENT.replace("organisation", "organisatie"))
        .check()
        .expect_code(2)
        .expect_stderr_contains("unknown field `organisatie`");
}

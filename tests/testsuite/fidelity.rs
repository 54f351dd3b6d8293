//! Knowledge fidelity of the bundled knowledge base: what readers see names no
//! editor's material (seed files, line numbers, slugs, field names), and a
//! structured value the source gives only in aggregate stays `onbekend` unless
//! the note states it for that municipality (`tests/content/per-gemeente.toml`).

use crate::harness::{repo, SiteTest};
use regex::Regex;
use scraper::{ElementRef, Html, Node};
use std::collections::BTreeSet;
use std::path::Path;

/// Slugs and field names that would betray editor's material in reader text.
struct Vocabulary {
    slugs: BTreeSet<String>,
    fields: BTreeSet<String>,
}

impl Vocabulary {
    fn of_bundled_site() -> Vocabulary {
        let config = kennisbank::config::load(&repo()).expect("site.toml loads");
        let fields = config
            .kinds
            .iter()
            .flat_map(|k| k.fields.iter().map(|f| f.name.clone()))
            .collect();
        // A slug that is just its title or one of its other names written with
        // hyphens ("window-dressing", "achter-de-voordeur") is also an ordinary
        // word, so only the others count.
        let names = Regex::new(r#"(?m)^(?:title: |  - )"?(.*?)"?$"#).unwrap();
        let slugs = walkdir::WalkDir::new(repo().join("content"))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
            .filter_map(|e| {
                let slug = e.path().file_stem()?.to_string_lossy().into_owned();
                let text = std::fs::read_to_string(e.path()).ok()?;
                let front = text.split("\n---").next().unwrap_or("");
                let word = names
                    .captures_iter(front)
                    .any(|c| c[1].to_lowercase().replace(' ', "-") == slug);
                (!word).then_some(slug)
            })
            .collect();
        Vocabulary { slugs, fields }
    }
}

/// The text a reader sees or hears: text nodes and the `alt`, `title`,
/// `aria-label` and `placeholder` attributes, leaving out scripts, styles and
/// what is closed away for editors (`<details class="voor-redacteuren">`).
fn reader_text(html: &str) -> String {
    let doc = Html::parse_document(html);
    let mut out = String::new();
    collect(doc.root_element(), &mut out);
    out
}

fn collect(element: ElementRef, out: &mut String) {
    let el = element.value();
    if matches!(el.name(), "script" | "style" | "template")
        || (el.name() == "details" && el.classes().any(|c| c == "voor-redacteuren"))
    {
        return;
    }
    for attr in ["alt", "title", "aria-label", "placeholder"] {
        if let Some(v) = el.attr(attr) {
            out.push_str(v);
            out.push('\n');
        }
    }
    for child in element.children() {
        match child.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(_) => collect(ElementRef::wrap(child).unwrap(), out),
            _ => {}
        }
    }
    out.push(' ');
}

/// What in `text` is editor's material, each as `kind 'match'`.
fn leaks(text: &str, vocabulary: &Vocabulary) -> Vec<String> {
    let mut found = Vec::new();
    let seed = Regex::new(r"\d{3}_[0-9a-f]{16}\.txt").unwrap();
    let lines = Regex::new(r"\b(?:r\.|regels?)\s?\d+").unwrap();
    for m in seed.find_iter(text) {
        found.push(format!("seed file '{}'", m.as_str()));
    }
    for m in lines.find_iter(text) {
        found.push(format!("line reference '{}'", m.as_str()));
    }
    // A token of letters, digits, hyphens and underscores, as slugs and field names are written.
    let token = Regex::new(r"[\p{L}\p{N}_]+(?:-[\p{L}\p{N}_]+)*").unwrap();
    let words: Vec<&str> = token.find_iter(text).map(|m| m.as_str()).collect();
    for (i, word) in words.iter().enumerate() {
        if word.contains('-') && vocabulary.slugs.contains(*word) {
            found.push(format!("slug '{word}'"));
        }
        let named_as_field = i > 0 && matches!(words[i - 1], "veld" | "velden" | "Veld");
        if vocabulary.fields.contains(*word) && (word.contains('_') || named_as_field) {
            found.push(format!("field name '{word}'"));
        }
    }
    found
}

fn vocabulary_for_tests() -> Vocabulary {
    Vocabulary {
        slugs: ["kolner-sprinkhuizen-2014", "zaanstad"]
            .map(String::from)
            .into(),
        fields: ["deelnemers_telling", "teamvorm"].map(String::from).into(),
    }
}

#[test]
fn leak_finder_names_each_kind_of_editors_material_and_skips_the_editors_box() {
    let html = r#"<html><body>
        <p>Zie 002_2696610796d0feb7.txt r. 446-452 en regels 917–1173.</p>
        <p>De slug kolner-sprinkhuizen-2014 volgt de voetnoot; het veld <em>teamvorm</em> en deelnemers_telling.</p>
        <p title="r. 12">Zaanstad en de teamvorm van Zaanstad zijn gewone woorden.</p>
        <details class="voor-redacteuren"><summary>Voor redacteuren</summary><code>002_2696610796d0feb7.txt: 12</code></details>
        <script>var x = "003_d1abfbf58bedbfdf.txt";</script>
    </body></html>"#;
    let found = leaks(&reader_text(html), &vocabulary_for_tests());
    assert_eq!(
        found,
        [
            "seed file '002_2696610796d0feb7.txt'",
            "line reference 'r. 446'",
            "line reference 'regels 917'",
            "line reference 'r. 12'",
            "slug 'kolner-sprinkhuizen-2014'",
            "field name 'teamvorm'",
            "field name 'deelnemers_telling'",
        ]
    );
}

fn html_pages(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut pages: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.into_path())
        .collect();
    pages.sort();
    pages
}

/// Issue 19: citations shown to readers named internal text files and line
/// numbers, and editorial notes ("de slug volgt de voetnoot", "het veld
/// deelnemers_telling") reached readers.
#[test]
fn no_page_shows_readers_a_seed_file_line_number_slug_or_field_name() {
    let site = SiteTest::bundled();
    site.build().expect_success();
    let vocabulary = Vocabulary::of_bundled_site();
    let pages = html_pages(&site.path("public"));
    assert!(pages.len() > 200, "only {} pages", pages.len());
    let mut problems = Vec::new();
    for page in &pages {
        let html = std::fs::read_to_string(page).unwrap();
        let rel = page.strip_prefix(site.path("public")).unwrap().display();
        for leak in leaks(&reader_text(&html), &vocabulary) {
            problems.push(format!("{rel}: {leak}"));
        }
    }
    assert!(
        problems.is_empty(),
        "{} leaks:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// The source documents beside the repository (`../shared/seeds`, as CI clones
/// it) or where `KB_SEEDS` points. Without them a test that needs them skips
/// with a message, except under `CI=true`, where that is a failure.
fn seeds() -> Option<std::path::PathBuf> {
    let dir = std::env::var_os("KB_SEEDS")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| repo().join("../shared/seeds"));
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "the source documents are not at {} (set KB_SEEDS to their folder)",
        dir.display()
    );
    eprintln!(
        "skipped: the source documents are not at {} (set KB_SEEDS)",
        dir.display()
    );
    None
}

/// `tests/content/per-gemeente.toml`: the guarded fields and the values the
/// note states per municipality.
struct Stated {
    guarded: Vec<String>,
    /// (factsheet, field, value, seed, line, quote)
    entries: Vec<(String, String, String, String, usize, String)>,
}

fn stated() -> Stated {
    let path = repo().join("tests/content/per-gemeente.toml");
    let data: toml::Value = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let text = |v: &toml::Value| match v {
        toml::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let guarded = data["guarded"]
        .as_array()
        .unwrap()
        .iter()
        .map(text)
        .collect();
    let entries = data["stated"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                text(&e["factsheet"]),
                text(&e["field"]),
                text(&e["value"]),
                text(&e["seed"]),
                e["line"].as_integer().unwrap() as usize,
                text(&e["quote"]),
            )
        })
        .collect();
    Stated { guarded, entries }
}

/// Every guarded field of every factsheet is `onbekend` unless the note states
/// the value for that municipality; every statement listed is still used.
fn unstated_values(
    factsheets: &[(String, serde_yaml_ng::Mapping)],
    stated: &Stated,
) -> Vec<String> {
    let mut problems = Vec::new();
    let mut used = BTreeSet::new();
    for (slug, fields) in factsheets {
        for field in &stated.guarded {
            let Some(value) = fields.get(field.as_str()) else {
                continue;
            };
            let value = match value {
                serde_yaml_ng::Value::String(s) => s.clone(),
                serde_yaml_ng::Value::Number(n) => n.to_string(),
                other => format!("{other:?}"),
            };
            if value == "onbekend" {
                continue;
            }
            match stated
                .entries
                .iter()
                .position(|e| &e.0 == slug && &e.1 == field && e.2 == value)
            {
                Some(i) => {
                    used.insert(i);
                }
                None => problems.push(format!(
                    "factsheets/{slug}.md: {field}: {value} is not stated for this municipality in the note; write onbekend, or add the line that states it to tests/content/per-gemeente.toml"
                )),
            }
        }
    }
    for (i, e) in stated.entries.iter().enumerate() {
        if !used.contains(&i) {
            problems.push(format!(
                "tests/content/per-gemeente.toml: {} {} = {} is listed but not in the factsheet",
                e.0, e.1, e.2
            ));
        }
    }
    problems
}

fn bundled_factsheets() -> Vec<(String, serde_yaml_ng::Mapping)> {
    let mut out: Vec<_> = std::fs::read_dir(repo().join("content/factsheets"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            let yaml = text
                .split("\n---")
                .next()
                .unwrap()
                .trim_start_matches("---");
            let slug = path.file_stem().unwrap().to_string_lossy().into_owned();
            (slug, serde_yaml_ng::from_str(yaml).unwrap())
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

#[test]
fn a_value_the_note_gives_only_in_aggregate_is_onbekend_in_every_factsheet() {
    let factsheets = bundled_factsheets();
    assert!(factsheets.len() >= 11);
    let problems = unstated_values(&factsheets, &stated());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Issue 19, item 1: Heerhugowaard's team form was filled in as 'vast, compact'
/// because the note calls it a fixed team and it is small; the note calls only
/// Heemskerk compact.
#[test]
fn heerhugowaard_compact_team_inferred_from_a_small_fixed_team_is_refused() {
    let mut factsheets = bundled_factsheets();
    let (_, heerhugowaard) = factsheets
        .iter_mut()
        .find(|(slug, _)| slug == "heerhugowaard-2014")
        .unwrap();
    heerhugowaard.insert("teamvorm".into(), "vast-compact".into());
    assert_eq!(
        unstated_values(&factsheets, &stated()),
        ["factsheets/heerhugowaard-2014.md: teamvorm: vast-compact is not stated for this municipality in the note; write onbekend, or add the line that states it to tests/content/per-gemeente.toml"]
    );
}

#[test]
fn each_value_stated_per_municipality_is_quoted_from_its_seed_line() {
    let Some(seeds) = seeds() else { return };
    let mut problems = Vec::new();
    for (factsheet, field, _, seed, line, quote) in stated().entries {
        let text = std::fs::read_to_string(seeds.join(&seed)).unwrap();
        let at = text.lines().nth(line - 1).unwrap_or_default();
        let at = at.split_whitespace().collect::<Vec<_>>().join(" ");
        if !at.contains(&quote) {
            problems.push(format!(
                "{factsheet} {field}: {seed}:{line} does not say '{quote}': '{at}'"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Every `bronregels` location of the bundled content names a seed file and
/// lines inside it (the build's own check, run with the seeds beside the site).
#[test]
fn bundled_source_locations_point_into_the_seeds() {
    let Some(seeds) = seeds() else { return };
    let site = SiteTest::bundled();
    let toml = site.read("site.toml").replace(
        "folder = \"../shared/seeds\"",
        &format!(
            "folder = {:?}",
            seeds.canonicalize().unwrap().display().to_string()
        ),
    );
    assert_ne!(
        toml,
        site.read("site.toml"),
        "site.toml has no [sources] folder"
    );
    let run = site.write("site.toml", &toml).check().expect_success();
    assert!(!run.stderr.contains("error"), "{}", run.stderr);
}

/// Issue 19, item 17: the note's schematic overviews name some sub-themes
/// differently from their headings ("Kennis onder druk" for "Borgen van
/// kennis"); a reader who knows those names finds the section.
#[test]
fn overview_names_of_sub_themes_find_their_sections() {
    let site = SiteTest::bundled();
    for (query, url) in [
        (
            "\"Kennis onder druk\"",
            "reflecties/reflectie-2.html#borgen-van-kennis",
        ),
        (
            "\"Leren van verschil\"",
            "reflecties/reflectie-3.html#omgaan-met-verschillen",
        ),
        (
            "\"Macht of onmacht\"",
            "reflecties/reflectie-3.html#omgaan-met-macht-en-onmacht",
        ),
        (
            "\"Kwetsbare teams, professionals en ambtenaren\"",
            "reflecties/reflectie-1.html#kwetsbaarheid-van-teams-professionals-en-ambtenaren",
        ),
        (
            "\"Welzijn, zorg en marktwerking\"",
            "observaties/observatie-4.html#gevolgen-van-marktwerking-binnen-welzijn-en-zorg",
        ),
        (
            "\"Nieuwe rol voor de burger\"",
            "reflecties/reflectie-4.html",
        ),
    ] {
        let run = site
            .run(&["search", query, "--json", "--limit", "1"])
            .expect_success();
        let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        assert_eq!(json["results"][0]["url"], url, "{query}: {}", run.stdout);
    }
}

//! What the bundled content takes from the source documents: a structured
//! value the note gives only in aggregate stays `onbekend` unless the note
//! states it for that municipality (`tests/content/per-gemeente.toml`), each
//! statement is quoted from its seed line, every source location points into
//! the seeds, and the note's other names of sub-themes find their sections.

use crate::harness::{repo, SiteTest};
use std::collections::BTreeSet;

/// The source documents beside the repository (`../shared/seeds`, as CI clones
/// it) or where `KB_SEEDS` points. Without them a test that needs them skips
/// with a message, except under `CI=true`, where that is a failure.
pub(crate) fn seeds() -> Option<std::path::PathBuf> {
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

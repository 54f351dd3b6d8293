//! Contribution forms. Here: the Rust validator and the browser's
//! (`themes/default/static/contribute.js`, run under Node) give the verdicts,
//! messages and file text written in `tests/contribute/vectors.json` for the
//! fixture `tests/fixtures/contribute`, and `kennisbank check` agrees with
//! them. `KB_BLESS_VECTORS=1` rewrites the expected results from Rust (review
//! the diff). That the vectors reach every diagnostic is `coverage`'s; the
//! form model and edits are in `forms`, the built pages in `pages`.

mod coverage;
mod forms;
mod pages;

use crate::harness::{repo, SiteTest};
use kennisbank::contribute::{self, validate_new, Catalog, FormValues};
use kennisbank::diagnostics::controls;
use serde_json::{json, Value};
use std::time::Duration;

fn vectors() -> Value {
    let text = std::fs::read_to_string(repo().join("tests/contribute/vectors.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn pairs(v: &Value) -> FormValues {
    FormValues(
        v["pairs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                (
                    p[0].as_str().unwrap().to_string(),
                    p[1].as_str().unwrap().to_string(),
                )
            })
            .collect(),
    )
}

/// What Rust makes of every vector: `{slug, file, errors}`.
fn rust_results(site: &SiteTest, vectors: &Value) -> Vec<Value> {
    let config = kennisbank::config::load(site.root()).unwrap();
    let built = kennisbank::build::site_only(&config).unwrap();
    let catalog = Catalog::from_site(&built);
    vectors["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            let kind = config.kind(v["kind"].as_str().unwrap()).unwrap();
            let sub = contribute::submission(&config, kind, &pairs(v), true);
            let errors = validate_new(&config, &catalog, kind, &sub);
            json!({
                "slug": sub.slug,
                "file": sub.document_text().unwrap(),
                "errors": errors,
            })
        })
        .collect()
}

/// Runs `tests/contribute/validator.js` on the vectors with the schema the
/// build exported; `None` when node is missing (a failure under CI=true).
fn node_results(site: &SiteTest, vectors: &Value) -> Option<Vec<Value>> {
    site.build().expect_success();
    let dir = site.path("public/bijdragen");
    let schema = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("schema-")
        })
        .expect("the build exports bijdragen/schema-HASH.js");
    let out = crate::harness::node::run_json(
        &repo().join("tests/contribute/validator.js"),
        &[&schema],
        vectors,
        "the browser half of the validator parity test",
        Duration::from_secs(60),
    )?;
    Some(serde_json::from_value(out).unwrap())
}

/// Compares results with the vectors' expectations; lists every difference.
fn assert_matches(who: &str, vectors: &Value, results: &[Value]) {
    let list = vectors["vectors"].as_array().unwrap();
    assert_eq!(list.len(), results.len());
    let mut problems = Vec::new();
    for (v, got) in list.iter().zip(results) {
        for key in ["slug", "file", "errors"] {
            if v["expect"][key] != got[key] {
                problems.push(format!(
                    "{who}: {}: {key}\n  expected: {}\n  got:      {}",
                    v["name"], v["expect"][key], got[key]
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn rust_validator_gives_the_vectors_verdicts() {
    let site = SiteTest::fixture("contribute");
    let mut vectors = vectors();
    let results = rust_results(&site, &vectors);
    if std::env::var("KB_BLESS_VECTORS").as_deref() == Ok("1") {
        for (v, got) in vectors["vectors"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .zip(&results)
        {
            v["expect"] = got.clone();
        }
        let text = serde_json::to_string_pretty(&vectors).unwrap() + "\n";
        std::fs::write(repo().join("tests/contribute/vectors.json"), text).unwrap();
        return;
    }
    assert_matches("rust", &vectors, &results);
}

#[test]
fn browser_validator_gives_the_vectors_verdicts() {
    let site = SiteTest::fixture("contribute");
    let vectors = vectors();
    if let Some(results) = node_results(&site, &vectors) {
        assert_matches("node", &vectors, &results);
    }
}

#[test]
fn check_gives_every_vector_the_same_verdict() {
    // `check` itself on a copy of the fixture with each vector's file added:
    // it fails exactly when the validator found errors, and each of its
    // messages is one the validator gave (the validator may give more, as it
    // also checks links in a file whose front matter has errors).
    let site = SiteTest::fixture("contribute");
    let vectors = vectors();
    let config = kennisbank::config::load(site.root()).unwrap();
    let mut checked = 0;
    let mut problems = Vec::new();
    for v in vectors["vectors"].as_array().unwrap() {
        let slug = v["expect"]["slug"].as_str().unwrap();
        let folder = &config.kind(v["kind"].as_str().unwrap()).unwrap().folder;
        let rel = format!("content/{folder}/{slug}.md");
        if slug.is_empty() || slug.contains('/') || site.path(&rel).exists() {
            continue;
        }
        std::fs::write(site.path(&rel), v["expect"]["file"].as_str().unwrap()).unwrap();
        let run = site.check();
        std::fs::remove_file(site.path(&rel)).unwrap();
        checked += 1;
        let errors = v["expect"]["errors"].as_array().unwrap();
        if (run.code == 0) != errors.is_empty() {
            problems.push(format!(
                "{}: check exited {}\n{}",
                v["name"], run.code, run.stderr
            ));
            continue;
        }
        // With a slug two files have, check resolves links to whichever
        // sorts last; the validator reports the duplicate itself.
        if errors
            .iter()
            .any(|e| e["message"].as_str().unwrap().starts_with("duplicate slug"))
        {
            continue;
        }
        for line in run.stderr.lines().filter(|l| l.contains(": error: ")) {
            let message = line.split(": error: ").nth(1).unwrap();
            // The terminal shows control characters as escapes.
            let shown = |e: &Value| controls::visible(e["message"].as_str().unwrap()) == message;
            if !errors.iter().any(shown) {
                problems.push(format!(
                    "{}: check says {message:?}, the validator does not",
                    v["name"]
                ));
            }
        }
    }
    assert!(
        checked >= 80,
        "only {checked} vectors could be written as files"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

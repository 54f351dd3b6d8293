//! Search quality and client parity on the bundled knowledge base: a judged
//! set of queries an official would type (query -> the pages that should come
//! first, written from the content) scored with MRR@10 and recall@10 for the
//! CLI and the Node client, and the client's top 10 checked against the CLI's.

use crate::harness::SiteTest;
use crate::search::{assert_parity, node_client, result_urls};
use serde_json::Value;
use std::collections::BTreeMap;

/// One judged query (`tests/search/judged.json`, shared with the benchmarks):
/// the pages that answer it, written from the content, its group and its
/// half (`dev` for tuning, `heldout` measured only).
pub struct Judged {
    pub query: String,
    pub relevant: Vec<String>,
    pub group: String,
    pub split: String,
}

pub fn judged() -> Vec<Judged> {
    let text =
        std::fs::read_to_string(crate::harness::repo().join("tests/search/judged.json")).unwrap();
    let list: Vec<Value> = serde_json::from_str(&text).unwrap();
    list.iter()
        .map(|j| Judged {
            query: j["query"].as_str().unwrap().to_string(),
            relevant: j["relevant"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r.as_str().unwrap().to_string())
                .collect(),
            group: j["group"].as_str().unwrap().to_string(),
            split: j["split"].as_str().unwrap().to_string(),
        })
        .collect()
}

/// The page slug of a result URL (`praktijkverhalen/x.html#y` -> `x`).
fn slug(url: &str) -> &str {
    let page = url.split('#').next().unwrap_or(url);
    let file = page.rsplit('/').next().unwrap_or(page);
    file.strip_suffix(".html").unwrap_or(file)
}

/// Reciprocal rank and recall within the first ten of one query.
fn scores(relevant: &[String], urls: &[String]) -> (f64, f64) {
    let top: Vec<&str> = urls.iter().take(10).map(|u| slug(u)).collect();
    let rr = top
        .iter()
        .position(|s| relevant.iter().any(|r| r == s))
        .map_or(0.0, |rank| 1.0 / (rank + 1) as f64);
    let found = relevant
        .iter()
        .filter(|r| top.contains(&r.as_str()))
        .count();
    (rr, found as f64 / relevant.len() as f64)
}

/// MRR@10 and recall@10 per (group, split), and over each split.
fn by_group(judged: &[Judged], ranked: &[Vec<String>]) -> BTreeMap<(String, String), (f64, f64)> {
    let mut sums: BTreeMap<(String, String), (f64, f64, usize)> = BTreeMap::new();
    for (j, urls) in judged.iter().zip(ranked) {
        let (rr, recall) = scores(&j.relevant, urls);
        for key in [
            (j.group.clone(), j.split.clone()),
            ("all".to_string(), j.split.clone()),
        ] {
            let e = sums.entry(key).or_default();
            e.0 += rr;
            e.1 += recall;
            e.2 += 1;
        }
    }
    sums.into_iter()
        .map(|(k, (rr, rec, n))| (k, (rr / n as f64, rec / n as f64)))
        .collect()
}

/// Floors on the judged set, for the CLI and the client alike: over each
/// half, and per group of the development half; no query finds nothing
/// (every judged query has an answer in the site).
fn check(engine: &str, judged: &[Judged], ranked: &[Vec<String>]) -> Vec<String> {
    let mut failures = Vec::new();
    for ((group, split), (mrr, recall)) in by_group(judged, ranked) {
        eprintln!("judged {engine:6} {group:9} {split:8} MRR@10 {mrr:.3}  recall@10 {recall:.3}");
        let (min_mrr, min_recall) = match (group.as_str(), split.as_str()) {
            ("all", _) => (ALL_MRR, ALL_RECALL),
            ("question", "dev") => (QUESTION_MRR, QUESTION_RECALL),
            ("compound", "dev") => (COMPOUND_MRR, GROUP_RECALL),
            (_, "dev") => (GROUP_MRR, GROUP_RECALL),
            _ => (0.0, 0.0),
        };
        if mrr < min_mrr || recall < min_recall {
            failures.push(format!(
                "{engine} {group} {split}: MRR@10 {mrr:.3}, recall@10 {recall:.3}"
            ));
        }
    }
    for (j, urls) in judged.iter().zip(ranked) {
        if urls.is_empty() {
            failures.push(format!("{engine}: no result for {:?}", j.query));
        }
    }
    failures
}

/// Floors (see BENCHMARKS.md for the figures they guard; raised after the
/// second round measured every development group at MRR@10 0.870 or more and
/// recall@10 1.000, and again to the goal of 0.95 per development
/// group once words that stand together lifted `function` from 0.870 to
/// 1.000, the fourth round: every development group at 0.964 or more).
/// Sixty fresh development queries (the eleventh and twelfth rounds, judged
/// by reading and run once before any change) brought `question` to 0.927 /
/// 0.930: below the goal, so its floors are lower, not the goal. Sixty more
/// (the thirteenth round) brought `compound` to an MRR@10 of 0.944 (two
/// fresh compounds whose page ranks second): its MRR floor is lower too.
/// One IDF per word for every field and lower title and theme boosts (the
/// fourteenth round) brought `question` to 0.943 / 0.956, and sixty fresh
/// queries to 0.943 / 0.947 over 138 questions. Forty-eight fresh questions
/// written by readers who had not seen the ranking (the eighteenth round)
/// brought `question` to 0.931 / 0.929 over 186.
const ALL_MRR: f64 = 0.90;
const ALL_RECALL: f64 = 0.95;
const GROUP_MRR: f64 = 0.95;
const GROUP_RECALL: f64 = 0.95;
const QUESTION_MRR: f64 = 0.92;
const QUESTION_RECALL: f64 = 0.92;
const COMPOUND_MRR: f64 = 0.94;

#[test]
fn judged_queries_rank_the_right_pages_first() {
    let judged = judged();
    assert!(judged.len() >= 100);
    let site = SiteTest::bundled();
    site.build().expect_success();
    let cli: Vec<Vec<String>> = judged
        .iter()
        .map(|j| {
            let run = site
                .run(&["search", j.query.as_str(), "--json"])
                .expect_success();
            let out: Value = serde_json::from_str(&run.stdout).unwrap();
            result_urls(&out["results"])
        })
        .collect();
    let mut failures = check("CLI", &judged, &cli);
    let queries: Vec<Value> = judged
        .iter()
        .map(|j| serde_json::json!({"q": j.query, "limit": 10}))
        .collect();
    if let Some(out) = node_client(site.root(), &Value::Array(queries)) {
        let client: Vec<Vec<String>> = out
            .as_array()
            .unwrap()
            .iter()
            .map(|r| result_urls(&r["results"]))
            .collect();
        failures.extend(check("client", &judged, &client));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Parity queries: single words, word forms, compounds, accents, multi-word,
/// phrases, exclusions and filters.
const PARITY: &[(&str, &[&str])] = &[
    ("wijkteam", &[]),
    ("wijkteams", &[]),
    ("organisatie", &[]),
    ("organisaties", &[]),
    ("vrijwilligersorganisaties", &[]),
    ("vrijwilligers", &[]),
    ("buurtteams", &[]),
    ("teamtafel", &[]),
    ("wijktafel", &[]),
    ("eerstelijn", &[]),
    ("nuldelijn", &[]),
    ("nulde lijn", &[]),
    ("Wmo-loket", &[]),
    ("Wmo loket", &[]),
    ("risico’s", &[]),
    ("risico's", &[]),
    ("buurtcoöperatie", &[]),
    ("buurtcooperatie", &[]),
    ("geïsoleerde bewoners", &[]),
    ("geisoleerde bewoners", &[]),
    ("Hét sociale team", &[]),
    ("zelfsturing", &[]),
    ("eigen kracht", &[]),
    ("\"eigen kracht\"", &[]),
    ("\"sociale wijkteams\"", &[]),
    ("wijkteam -jeugd", &[]),
    ("zorg -wijkteam", &[]),
    ("professionals", &[]),
    ("professional", &[]),
    ("gemeente", &["--kind", "praktijkverhaal"]),
    ("wijkteam", &["--gemeente", "zaanstad"]),
    ("team", &["--jaar", "2014"]),
    (
        "vrijwilligers",
        &["--kind", "praktijkverhaal", "--kind", "observatie"],
    ),
    ("samenwerking", &["--thema", "samenwerking"]),
    ("regie", &[]),
    ("regisseurs", &[]),
    ("transformatie sociaal domein", &[]),
    ("decentralisaties", &[]),
    ("keuzevraagstukken", &[]),
    ("participatie", &[]),
    ("mantelzorg", &[]),
    ("schuldhulpverlening", &[]),
    ("jeugd en gezin", &[]),
    ("Zaanstad", &[]),
    ("Heerhugowaard", &[]),
    ("Langedijk", &[]),
    ("Dijk en Waard", &[]),
    ("huisarts", &[]),
    ("wijkverpleegkundige", &[]),
    ("generalist specialist", &[]),
    ("verantwoording", &[]),
    ("integraal werken", &[]),
];

#[test]
fn node_client_matches_the_cli_on_the_bundled_content() {
    let site = SiteTest::bundled();
    site.build().expect_success();
    let judged = judged();
    let mut all: Vec<(&str, &[&str])> = PARITY.to_vec();
    // Every judged query too, but for the misspelt ones: typo candidates may
    // differ where the client has loaded only part of the term dictionary.
    all.extend(
        judged
            .iter()
            .filter(|j| j.group != "typo")
            .map(|j| (j.query.as_str(), &[][..])),
    );
    assert!(all.len() >= 150);
    assert_parity(&site, &all);
}

/// The misspellings the search must forgive, with the word each stands for:
/// one edit from five letters, two from nine.
const TYPOS: &[(&str, &str)] = &[
    ("wijkteem", "wijkteam"),
    ("vrijwiligers", "vrijwilliger"),
    ("keukentafelgesprk", "keukentafelgesprek"),
];

/// Title and excerpt of a result, lower-cased, without the client's `<mark>`s
/// and without parentheses (`(wijk)teams`).
fn shown_text(result: &Value) -> String {
    let text = format!("{} {}", result["title"], result["excerpt"]);
    text.replace("<mark>", "")
        .replace("</mark>", "")
        .replace(['(', ')'], "")
        .to_lowercase()
}

#[test]
fn misspelt_words_find_the_pages_that_use_the_word() {
    let site = SiteTest::bundled();
    site.build().expect_success();
    let queries: Vec<Value> = TYPOS
        .iter()
        .map(|(q, _)| serde_json::json!({"q": q, "limit": 3}))
        .collect();
    let client = node_client(site.root(), &Value::Array(queries));
    for (i, (typo, word)) in TYPOS.iter().enumerate() {
        let run = site
            .run(&["search", typo, "--json", "--limit", "3"])
            .expect_success();
        let cli: Value = serde_json::from_str(&run.stdout).unwrap();
        let mut engines = vec![("CLI", cli["results"].clone())];
        if let Some(out) = &client {
            engines.push(("client", out[i]["results"].clone()));
        }
        for (engine, results) in engines {
            let results = results.as_array().unwrap();
            assert_eq!(results.len(), 3, "{engine}: {typo} finds pages");
            for r in results {
                assert!(
                    shown_text(r).contains(word),
                    "{engine}: a result for {typo} does not show {word}: {r}"
                );
            }
        }
    }
}

//! The client against the CLI on text of another shape than the bundled
//! pages: the passages of four source documents, cut as `bench/passages.py`
//! cuts them (its raw line breaks and words broken at a line end left in),
//! and the development queries written for them (`bench/passages-000.json`,
//! `-001.json`, `-002.json`, `-004.json`). These sets found the pair files that two term
//! chunks had shared.

use crate::harness::{repo, SiteTest};
use serde_json::Value;

/// Paragraphs (split at blank lines) joined until each passage has at least
/// this many characters, as `bench/passages.py` does by default.
const MIN_CHARS: usize = 1200;

fn passages(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for paragraph in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        current.push(paragraph);
        if current.iter().map(|p| p.chars().count()).sum::<usize>() >= MIN_CHARS {
            out.push(current.join("\n\n"));
            current.clear();
        }
    }
    if !current.is_empty() {
        out.push(current.join("\n\n"));
    }
    out
}

/// The site of one seed's passages, each `content/passages/pNNN.md`.
fn site(seed: &str) -> Option<SiteTest> {
    let dir = crate::fidelity::seeds()?;
    let file = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(seed))
        .unwrap_or_else(|| panic!("no seed {seed}_*.txt in {}", dir.display()));
    let text = std::fs::read_to_string(file).unwrap();
    let mut site = SiteTest::fixture("passages");
    for (i, body) in passages(&text).iter().enumerate() {
        // Plain text: `<` and a line that Markdown would read as structure
        // are escaped.
        let body = body.replace('<', "\\<");
        let body: Vec<String> = body
            .split('\n')
            .map(|l| {
                let structure = ["#", ">", "-", "*", "+"]
                    .iter()
                    .any(|m| l.trim_start().starts_with(m));
                if structure {
                    format!("\\{l}")
                } else {
                    l.to_string()
                }
            })
            .collect();
        let n = i + 1;
        site = site.write(
            &format!("content/passages/p{n:03}.md"),
            &format!(
                "---\ntitle: \"Passage {n:03}\"\n---\n\n{}\n",
                body.join("\n")
            ),
        );
    }
    Some(site)
}

fn queries(seed: &str) -> Vec<String> {
    let path = repo().join(format!("bench/passages-{seed}.json"));
    let list: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    list.iter()
        .map(|q| q["query"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_client_agrees_with_the_cli_on_the_passages_of_four_sources() {
    for (seed, least) in [("000", 20), ("001", 30), ("002", 30), ("004", 30)] {
        let Some(site) = site(seed) else {
            return;
        };
        site.build().expect_success();
        let queries = queries(seed);
        assert!(queries.len() >= least, "{seed}: {} queries", queries.len());
        let list: Vec<(&str, &[&str])> = queries.iter().map(|q| (q.as_str(), &[][..])).collect();
        crate::search::assert_parity(&site, &list);
    }
}

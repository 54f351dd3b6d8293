//! Round trips of the search client on the bundled knowledge base, counted
//! without a clock (`tests/search/waves.js` holds every file back until the
//! client waits for files only, then lets them arrive as one wave): what a
//! query costs a visitor over a slow connection, as `bench/roundtrips.mjs`
//! measures it in a browser.

use crate::harness::SiteTest;
use crate::search::node_script;
use crate::search_quality::judged;
use serde_json::Value;

/// The judged queries, the bundled site built, and the queries as the Node
/// scripts take them (top ten each).
fn judged_on_bundled() -> (Vec<crate::search_quality::Judged>, SiteTest, Value) {
    let judged = judged();
    let site = SiteTest::bundled();
    site.build().expect_success();
    let queries = judged
        .iter()
        .map(|j| serde_json::json!({"q": j.query, "limit": 10}))
        .collect();
    (judged, site, queries)
}

#[test]
fn a_query_needs_the_manifest_then_its_chunks_then_its_results() {
    let (judged, site, queries) = judged_on_bundled();
    let Some(out) = node_script("waves.js", site.root(), &queries) else {
        return;
    };
    let mut failures = Vec::new();
    for (j, r) in judged.iter().zip(out.as_array().unwrap()) {
        let waves: Vec<Vec<&str>> = r["waves"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| {
                w.as_array()
                    .unwrap()
                    .iter()
                    .map(|f| f.as_str().unwrap())
                    .collect()
            })
            .collect();
        let files: Vec<&str> = waves.iter().flatten().copied().collect();
        let results = files.iter().filter(|f| f.starts_with("f/")).count();
        // The manifest alone first (the results page has it with the page);
        // the facets of a small site are inside it, never a file of their own.
        let mut ok = waves.first() == Some(&vec!["manifest.js"])
            && !files.iter().any(|f| f.starts_with("facets-"))
            && results <= 10;
        // A word the site writes, in this or another form, is found in the
        // chunks of one wave; a compound the site never writes whole, a
        // typo, or a word found nowhere (its nearest spelling) may need two
        // waves more for its parts' or neighbours' chunks (a plural the site
        // never writes, of a compound it writes only in the singular,
        // `regiegemeenten`, is split as a compound). A rare compound's parts
        // (`risicojongeren`) come one wave after it.
        let most = 3
            + 2 * usize::from(r["rewritten"].as_u64().unwrap() > 0)
            + usize::from(r["parts"].as_u64().unwrap() > 0);
        ok &= waves.len() <= most;
        if !ok {
            failures.push(format!("{:?} ({}): {waves:?}", j.query, j.group));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Result records found together share a fragment file
/// (`src/search/pack.rs`): over the judged queries the top ten need far
/// fewer files than results, which one file per page would need (on the
/// first 240 queries 8.5 files a query against 5.5 grouped; on 377, 8.7
/// against 6.0), and no query more files than results.
#[test]
fn results_found_together_come_in_few_files() {
    let (judged, site, queries) = judged_on_bundled();
    let Some(waves) = node_script("waves.js", site.root(), &queries) else {
        return;
    };
    let Some(results) = crate::search::node_client(site.root(), &queries) else {
        return;
    };
    let mut files = 0;
    let mut shown = 0;
    for (w, r) in waves
        .as_array()
        .unwrap()
        .iter()
        .zip(results.as_array().unwrap())
    {
        let fragment_files = w["waves"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|wave| wave.as_array().unwrap())
            .filter(|f| f.as_str().unwrap().starts_with("f/"))
            .count();
        let results = r["results"].as_array().unwrap().len();
        assert!(fragment_files <= results, "{w}");
        files += fragment_files;
        shown += results;
    }
    let per_query = files as f64 / judged.len() as f64;
    assert!(
        files as f64 <= 0.75 * shown as f64,
        "{per_query:.2} fragment files per query for {shown} results in {} queries",
        judged.len()
    );
}

//! The client index a build writes (content-hashed names that stay when
//! nothing changed, the search page that loads it) and the Node client over
//! it agreeing with `kennisbank search`; the helpers that run the client are
//! shared with the other search tests.

use super::{json, search};
use crate::harness::{repo, SiteTest};
use serde_json::Value;

#[test]
fn build_writes_a_hashed_client_index_and_a_search_page() {
    let site = SiteTest::fixture("search");
    let run = site.build().expect_success();
    let manifest = run.output("search/manifest.js");
    assert!(
        manifest.starts_with("kennisbankSearch(\"manifest.js\",{"),
        "{manifest}"
    );
    let names: Vec<String> = std::fs::read_dir(site.path("public/search"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "manifest.js" && n != "f" && n != "r")
        .collect();
    assert!(!names.is_empty());
    // Term chunks and their positions: `t-C-CODE.js` and `p-C-CODE.js`, C
    // the chunk's number and CODE its four characters in `chunkFiles`.
    let codes = manifest
        .split_once("\"chunkFiles\":\"")
        .and_then(|(_, rest)| rest.split_once('"'))
        .map(|(codes, _)| codes.to_string())
        .expect("chunkFiles in the manifest");
    let (chunks, others): (Vec<&String>, Vec<&String>) = names
        .iter()
        .partition(|n| n.starts_with("t-") || n.starts_with("p-"));
    assert!(chunks.iter().any(|n| n.starts_with("p-")), "{names:?}");
    for name in chunks {
        let (number, code) = name[2..]
            .trim_end_matches(".js")
            .split_once('-')
            .unwrap_or_else(|| panic!("{name}"));
        let number: usize = number.parse().unwrap_or_else(|_| panic!("{name}"));
        assert_eq!(code.len(), 4, "{name}");
        assert_eq!(&codes[number * 4..number * 4 + 4], code, "{name}");
    }
    for name in others {
        let hashed = name
            .split_once('-')
            .is_some_and(|(_, h)| h.len() == 15 && h.ends_with(".js"));
        assert!(hashed, "{name} is not content-hashed");
        assert!(
            manifest.contains(name.as_str()),
            "{name} not in the manifest"
        );
    }
    // Word pairs: `r/C-HASH-B.js`, C the term chunk's number and HASH the
    // chunk's entry in the manifest's `pairFiles`.
    let pairs: Vec<String> = std::fs::read_dir(site.path("public/search/r"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!pairs.is_empty());
    for name in &pairs {
        let (chunk, rest) = name.split_once('-').unwrap();
        let (hash, bucket) = rest.split_at(2);
        assert!(chunk.parse::<usize>().is_ok(), "{name}");
        assert!(bucket.starts_with('-') && bucket.ends_with(".js"), "{name}");
        assert!(manifest.contains(hash), "{name}");
    }
    // A small site's facets travel inside the manifest: one file fewer.
    assert!(
        manifest.contains("\"facets\":{\"gemeente\":{\"values\":["),
        "{manifest}"
    );
    let page = run.output("zoeken.html");
    // The results page names the manifest itself, so it loads with the page.
    assert!(
        page.contains(
            "<script src=\"search/manifest.js\" data-kb-index=\"manifest.js\" defer></script>"
        ),
        "{page}"
    );
    assert!(!run.output("index.html").contains("search/manifest.js"));
    assert!(page.contains("<noscript>"));
    assert!(page.contains("aria-live=\"polite\""));
    assert!(page.contains("role=\"combobox\""));
    // No inline script: every <script> has a src.
    assert_eq!(
        page.matches("<script").count(),
        page.matches("<script src=").count()
    );
    // A second build of unchanged content keeps every name.
    let before = manifest.clone();
    let again = site.build().expect_success();
    assert_eq!(again.output("search/manifest.js"), before);
}

#[test]
fn changing_one_page_keeps_the_other_fragment_names() {
    let site = SiteTest::fixture("search");
    site.build().expect_success();
    let list = |site: &SiteTest| -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(site.path("public/search/f"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    let before = list(&site);
    let site = site.write(
        "content/gemeenten/zaanstad.md",
        "---\ntitle: \"Zaanstad\"\n---\n\nZaanstad werkt met grote wijknetwerken.\n",
    );
    site.build().expect_success();
    let after = list(&site);
    // Nine pages, their records in files of records found together: only the file
    // that holds the changed page (one record) gets a new name.
    let kept = before.iter().filter(|n| after.contains(n)).count();
    assert!(before.len() >= 2, "{before:?}");
    assert_eq!((after.len(), kept), (before.len(), before.len() - 1));
}

/// Runs the Node client over `public/search` for each query.
pub fn node_client(site_root: &std::path::Path, queries: &Value) -> Option<Value> {
    node_script("client.js", site_root, queries)
}

/// Runs `tests/search/SCRIPT` over `public/search` with the queries on stdin.
pub fn node_script(script: &str, site_root: &std::path::Path, queries: &Value) -> Option<Value> {
    crate::harness::node::run_json(
        &repo().join("tests/search").join(script),
        &[&site_root.join("public/search")],
        queries,
        &format!("the client half of a search test (tests/search/{script})"),
        std::time::Duration::from_secs(300),
    )
}

/// Compares the client's results with the CLI's for each query: same URLs
/// in the same order, scores equal to 1e-4.
pub fn assert_parity(site: &SiteTest, queries: &[(&str, &[&str])]) {
    let list: Vec<Value> = queries
        .iter()
        .map(|(q, args)| {
            let mut filters = serde_json::Map::new();
            for pair in args.chunks(2) {
                let key = pair[0].trim_start_matches("--");
                filters
                    .entry(key)
                    .or_insert_with(|| Value::Array(Vec::new()))
                    .as_array_mut()
                    .unwrap()
                    .push(Value::String(pair[1].to_string()));
            }
            serde_json::json!({"q": q, "filters": filters, "limit": 10})
        })
        .collect();
    let Some(client) = node_client(site.root(), &Value::Array(list)) else {
        return;
    };
    let mut failures = Vec::new();
    for (i, (q, args)) in queries.iter().enumerate() {
        let mut all = vec![*q];
        all.extend(args.iter());
        let cli = json(&search(site, &all));
        let c = &client[i];
        let cli_results = cli["results"].as_array().unwrap();
        let client_results = c["results"].as_array().unwrap();
        let same = cli["total"] == c["total"]
            && cli["notes"] == c["notes"]
            && cli_results.len() == client_results.len()
            && cli_results.iter().zip(client_results).all(|(a, b)| {
                a["url"] == b["url"]
                    && (a["score"].as_f64().unwrap() - b["score"].as_f64().unwrap()).abs() <= 1e-4
            });
        if !same {
            let show = |v: &[Value]| -> Vec<String> {
                v.iter()
                    .map(|r| format!("{} {}", r["url"].as_str().unwrap(), r["score"]))
                    .collect()
            };
            failures.push(format!(
                "{q:?} {args:?}\n  cli    ({}, {}): {:?}\n  client ({}, {}): {:?}",
                cli["total"],
                cli["notes"],
                show(cli_results),
                c["total"],
                c["notes"],
                show(client_results)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "client differs from CLI:\n{}",
        failures.join("\n")
    );
}

#[test]
fn node_client_matches_the_cli_on_the_fixture() {
    let site = SiteTest::fixture("search");
    site.build().expect_success();
    assert_parity(
        &site,
        &[
            ("vrijwilligersorganisaties", &[]),
            ("organisaties", &[]),
            ("SWT", &[]),
            ("sociaal wijkteam", &[]),
            ("\"sociaal wijkteam\"", &[]),
            ("\"sociaal wijkteam\" -zaanstad", &[]),
            ("heerhugowaard", &[]),
            ("dijk en waard", &[]),
            ("window dressing", &[]),
            ("windowdressing", &[]),
            ("nulde lijn", &[]),
            ("varieren", &[]),
            ("risico’s", &[]),
            ("wijkt*", &[]),
            ("keukentafelgesprk", &[]),
            ("buurtteam", &[]),
            ("wijk", &["--kind", "verhaal"]),
            ("wijk", &["--gemeente", "zaanstad", "--jaar", "2013"]),
            ("wijk -sociaal", &[]),
        ],
    );
}

#[test]
fn node_client_facets_count_matches_and_titles_stay_text() {
    let site = SiteTest::fixture("search");
    site.build().expect_success();
    let Some(out) = node_client(site.root(), &serde_json::json!([{"q": "buurtteams"}])) else {
        return;
    };
    let r = &out[0];
    assert_eq!(
        r["facets"]["jaar"],
        serde_json::json!([
            {"value": "2014", "label": "2014", "count": 1},
            {"value": "2013", "label": "2013", "count": 1},
            {"value": "2012", "label": "2012", "count": 1}
        ])
    );
    // The client returns titles as text; the page escapes them when it shows
    // them. (The result is found by its URL: this test is not about rank, and
    // the glossary entry that lists `buurtteam` as a synonym scores about the
    // same.)
    let script = r["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["url"] == "verhalen/script.html")
        .unwrap_or_else(|| panic!("{r}"));
    assert_eq!(script["title"], "Over <script> en buurtteams");
    assert!(script["excerpt"]
        .as_str()
        .unwrap()
        .contains("<mark>buurtteams</mark>"));
}

/// The theme ships the client in parts (`static/search.js.d/`); the build
/// joins them into `static/search.js`, and the Node loader of the tests and
/// the benchmark must run those same bytes.
#[test]
fn the_node_loader_runs_the_client_the_build_joins() {
    let site = SiteTest::fixture("basic");
    let run = site.build().expect_success();
    let built = run.output("static/search.js");
    assert!(!site.path("public/static/search.js.d").exists());
    let mut parts: Vec<_> = std::fs::read_dir(repo().join("themes/default/static/search.js.d"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    parts.sort();
    assert!(parts.len() > 1, "{parts:?}");
    let text: String = parts
        .iter()
        .map(|p| {
            let bytes = std::fs::read(p).unwrap();
            String::from_utf8(kennisbank::output::sink::part_bytes(p, &bytes).into_owned()).unwrap()
        })
        .collect();
    assert_eq!(built, text);
    // The parts' comments stay in the parts.
    assert!(
        !built.contains("\n//") && !built.contains("/**"),
        "{built:.400}"
    );
    assert!(std::fs::read_to_string(&parts[0]).unwrap().contains("/**"));
    let Some(loaded) = crate::harness::node::run_json(
        &repo().join("tests/search/load-client.js"),
        &[],
        &Value::Null,
        "the client's Node loader (tests/search/load-client.js)",
        std::time::Duration::from_secs(60),
    ) else {
        return;
    };
    assert_eq!(loaded.as_str(), Some(built.as_str()));
}

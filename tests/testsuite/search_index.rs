//! The client index as a visitor's browser receives it: every file under
//! `public/search/` of the `search` fixture, snapshotted (insta) as its name
//! and its data, so that any change to what is exported, how it is packed
//! into files or what the manifest carries shows up in review.

use crate::harness::SiteTest;
use serde_json::Value;
use std::fmt::Write;

#[test]
fn client_index_snapshot() {
    let site = SiteTest::fixture("search");
    site.build().expect_success();
    insta::assert_snapshot!("client_index", client_index(&site.path("public/search")));
}

/// Each file of the client index, in path order: its path, then its data.
fn client_index(dir: &std::path::Path) -> String {
    let mut files: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().to_path_buf())
        .collect();
    files.sort();
    let mut out = String::new();
    for path in files {
        let rel = path
            .strip_prefix(dir)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(&path).unwrap();
        let (name, data) = script_data(&text);
        assert_eq!(
            name, rel,
            "a file names itself when it calls kennisbankSearch"
        );
        let _ = writeln!(out, "== {rel}");
        let _ = writeln!(out, "{}", pretty(&data, 0));
    }
    out
}

/// The (name, data) of `kennisbankSearch(name,data);`.
fn script_data(text: &str) -> (String, Value) {
    let inner = text
        .strip_prefix("kennisbankSearch(")
        .and_then(|t| t.strip_suffix(");\n"))
        .unwrap_or_else(|| panic!("not an index script: {text:.80}"));
    let args: Vec<Value> = serde_json::from_str(&format!("[{inner}]")).unwrap();
    let [name, data]: [Value; 2] = args.try_into().unwrap();
    (name.as_str().unwrap().to_string(), data)
}

/// JSON with one entry per line, but a list of plain values on one line (a
/// surface and its term, a facet value): readable diffs, short snapshots.
fn pretty(v: &Value, depth: usize) -> String {
    let pad = "  ".repeat(depth + 1);
    let close = "  ".repeat(depth);
    match v {
        Value::Array(items) if items.iter().all(|i| !i.is_array() && !i.is_object()) => {
            v.to_string()
        }
        Value::Array(items) => {
            let lines: Vec<String> = items
                .iter()
                .map(|i| format!("{pad}{}", pretty(i, depth + 1)))
                .collect();
            format!("[\n{}\n{close}]", lines.join(",\n"))
        }
        Value::Object(map) if map.is_empty() => "{}".to_string(),
        Value::Object(map) => {
            let lines: Vec<String> = map
                .iter()
                .map(|(k, i)| {
                    format!(
                        "{pad}{}: {}",
                        Value::String(k.clone()),
                        pretty(i, depth + 1)
                    )
                })
                .collect();
            format!("{{\n{}\n{close}}}", lines.join(",\n"))
        }
        _ => v.to_string(),
    }
}

/// A site of more pages than `pack::MAX_GROUPED_SITE` (2,000) keeps one page
/// per fragment file, named by page number, and the client finds them: its
/// results equal the CLI's.
#[test]
fn a_large_site_keeps_one_page_per_fragment_file() {
    let mut site = SiteTest::fixture("search");
    for n in 0..2_000 {
        site = site.write(
            &format!("content/verhalen/extra-{n}.md"),
            &format!(
                "---\ntitle: \"Verhaal {n}\"\ngemeente: zaanstad\njaar: 2014\n---\n\nWijkteam {n} werkt met vrijwilligers in buurt {}.\n",
                n % 37
            ),
        );
    }
    site.build().expect_success();
    let manifest = site.read("public/search/manifest.js");
    assert!(
        manifest.contains("\"fragmentGroups\":null"),
        "{manifest:.300}"
    );
    let files = std::fs::read_dir(site.path("public/search/f"))
        .unwrap()
        .count();
    assert!(files > 2_000, "{files} fragment files");
    crate::search::assert_parity(
        &site,
        &[
            ("vrijwilligers", &[]),
            ("wijkteam 17", &[]),
            ("buurtteams", &[]),
        ],
    );
}

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

/// On a grouped site every result record (a section, the opening, a page
/// without sections) is in exactly one fragment file, the one the
/// manifest's `fragmentRecords` names, and a file holds of a page only the
/// records of its group: the opening's text only with the opening.
#[test]
fn each_result_record_is_in_the_file_the_manifest_names() {
    // A page of more sections than a file holds records: its records split.
    let sections: String = (0..14)
        .map(|n| format!("## Deel {n}\n\nWijkteam deel {n} bespreekt casus {n} met buurt {n}.\n\n"))
        .collect();
    let site = SiteTest::fixture("search").write(
        "content/verhalen/lang.md",
        &format!("---\ntitle: \"Lang verhaal\"\ngemeente: zaanstad\njaar: 2014\n---\n\nInleiding.\n\n{sections}"),
    );
    site.build().expect_success();
    let (_, m) = script_data(&site.read("public/search/manifest.js"));
    let width = m["fragmentRecordChars"].as_u64().unwrap() as usize;
    let hash_chars = m["fragmentHashChars"].as_u64().unwrap() as usize;
    let hashes = m["fragmentGroups"].as_str().unwrap();
    let records = m["fragmentRecords"].as_array().unwrap();
    assert!(width >= 1 && !records.is_empty(), "{m}");
    let digit = |c: u8| {
        b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
            .iter()
            .position(|d| *d == c)
            .unwrap()
    };
    let group_of = |page: usize, local: usize| -> usize {
        let codes = records[page].as_str().unwrap().as_bytes();
        codes[local * width..(local + 1) * width]
            .iter()
            .fold(0, |g, c| g * 64 + digit(*c))
    };
    let mut files = std::collections::BTreeMap::new();
    for e in std::fs::read_dir(site.path("public/search/f")).unwrap() {
        let name = format!("f/{}", e.unwrap().file_name().to_string_lossy());
        let (_, data) = script_data(&site.read(&format!("public/search/{name}")));
        files.insert(name, data);
    }
    let mut shared_files = 0;
    for (name, data) in &files {
        let g: usize = name[2..name.find('-').unwrap()].parse().unwrap();
        assert_eq!(
            name,
            &format!("f/{g}-{}.js", &hashes[g * hash_chars..(g + 1) * hash_chars])
        );
        let pages = data.as_object().unwrap();
        shared_files += usize::from(pages.len() > 1);
        for (page, part) in pages {
            let page: usize = page.parse().unwrap();
            for local in part["sections"].as_object().unwrap().keys() {
                assert_eq!(
                    group_of(page, local.parse().unwrap()),
                    g,
                    "{name}: page {page} § {local}"
                );
            }
            assert_eq!(
                part.get("text").is_some(),
                group_of(page, 0) == g,
                "{name}: page {page}"
            );
            assert!(
                part["title"].is_string() && part["url"].is_string(),
                "{part}"
            );
        }
    }
    let mut held = 0;
    let mut split = 0;
    for (page, codes) in records.iter().enumerate() {
        let count = codes.as_str().unwrap().len() / width;
        let groups: std::collections::BTreeSet<usize> =
            (0..count).map(|local| group_of(page, local)).collect();
        split += usize::from(groups.len() > 1);
        for local in 0..count {
            let g = group_of(page, local);
            let name = format!("f/{g}-{}.js", &hashes[g * hash_chars..(g + 1) * hash_chars]);
            let part = &files[&name][page.to_string()];
            let sections = part["sections"].as_object().unwrap();
            assert!(
                sections.contains_key(&local.to_string()) || (local == 0 && sections.is_empty()),
                "{name} lacks page {page} record {local}: {part}"
            );
            held += 1;
        }
    }
    assert!(
        held > records.len(),
        "pages with sections have a record each"
    );
    assert!(
        shared_files > 0,
        "records of pages found together share a file"
    );
    assert!(
        split > 0,
        "the long page's records are in more than one file"
    );
    // The client finds each result's record wherever it is.
    crate::search::assert_parity(&site, &[("casus 13", &[]), ("deel 2 buurt", &[])]);
}

/// A grouped site whose record table is too large for the manifest keeps it
/// in a file of its own, which the client loads with its term chunks.
#[test]
fn a_large_record_table_gets_a_file_of_its_own() {
    let mut site = SiteTest::fixture("search");
    for n in 0..1_200 {
        site = site.write(
            &format!("content/verhalen/extra-{n}.md"),
            &format!(
                "---\ntitle: \"Verhaal {n}\"\ngemeente: zaanstad\njaar: 2014\n---\n\nWijkteam {n} werkt in buurt {}.\n\n## Aanpak\n\nMet vrijwilligers uit straat {}.\n\n## Toen\n\nIn {n}.\n\n## Nu\n\nVerder.\n",
                n % 37,
                n % 11
            ),
        );
    }
    site.build().expect_success();
    let (_, m) = script_data(&site.read("public/search/manifest.js"));
    let name = m["fragmentRecords"]
        .as_str()
        .unwrap_or_else(|| panic!("{:.300}", m.to_string()));
    let (_, table) = script_data(&site.read(&format!("public/search/{name}")));
    assert_eq!(
        table.as_array().unwrap().len(),
        m["pages"].as_u64().unwrap() as usize
    );
    crate::search::assert_parity(
        &site,
        &[
            ("vrijwilligers", &[]),
            ("wijkteam 17", &[]),
            ("buurt 3 aanpak", &[]),
        ],
    );
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
    // One code for every page's file, in the manifest; postings carry none.
    let code_in = |manifest: &str| -> String {
        let (_, rest) = manifest
            .split_once("\"fragmentCode\":\"")
            .expect("a fragment code");
        rest[..4].to_string()
    };
    let code = code_in(&manifest);
    let files: Vec<String> = std::fs::read_dir(site.path("public/search/f"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(files.len() > 2_000, "{} fragment files", files.len());
    for name in &files {
        let (page, rest) = name.split_once('-').unwrap();
        assert!(page.parse::<usize>().is_ok(), "{name}");
        assert_eq!(rest, format!("{code}.js"), "{name}");
    }
    crate::search::assert_parity(
        &site,
        &[
            ("vrijwilligers", &[]),
            ("wijkteam 17", &[]),
            ("buurtteams", &[]),
        ],
    );
    // A changed page changes every file's name, so no cache keeps the old one.
    let site = site.write(
        "content/verhalen/extra-7.md",
        "---\ntitle: \"Verhaal zeven\"\ngemeente: zaanstad\njaar: 2014\n---\n\nAnders.\n",
    );
    site.build().expect_success();
    let again = code_in(&site.read("public/search/manifest.js"));
    assert_ne!(again, code);
    assert!(site.path(&format!("public/search/f/7-{again}.js")).exists());
}

use super::*;
use crate::render::{load_templates, render_job, Contents};

const BASE: &str = "https://kennisbank.example/";
const SITEMAPS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

fn urls(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| format!("verhalen/verhaal-{i}.html"))
        .collect()
}

fn context(url: &str) -> Context {
    let mut ctx = Context::new();
    ctx.insert("site", &serde_json::json!({ "base_url": BASE }));
    ctx.insert("root", &urls::root_prefix(url));
    ctx
}

/// The jobs rendered with the bundled theme (the index from the build's
/// template: the bundled theme has none of its own): (path, text).
fn rendered(all: Vec<String>, limits: Limits) -> Vec<(String, String)> {
    let config = crate::config::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
    let tera = load_templates(&config).unwrap();
    jobs(all, BASE, limits, context)
        .into_iter()
        .map(|make| {
            let file = render_job(&tera, std::path::Path::new("templates"), &make()).unwrap();
            let Contents::Bytes(bytes) = file.contents else {
                panic!("a rendered page is bytes")
            };
            (file.rel_path, String::from_utf8(bytes).unwrap())
        })
        .collect()
}

/// The addresses in `<loc>` of each `<child>` of a document whose root is
/// `root` in the sitemap namespace; panics on any other shape.
fn locs(xml: &str, root: &str, child: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(xml).unwrap();
    let top = doc.root_element();
    assert_eq!(top.tag_name().name(), root, "{xml}");
    assert_eq!(top.tag_name().namespace(), Some(SITEMAPS));
    top.children()
        .filter(|n| n.is_element())
        .map(|entry| {
            assert_eq!(entry.tag_name().name(), child);
            let inner: Vec<_> = entry.children().filter(|n| n.is_element()).collect();
            assert_eq!(inner.len(), 1, "one <loc> in each <{child}>");
            assert_eq!(inner[0].tag_name().name(), "loc");
            assert_eq!(inner[0].tag_name().namespace(), Some(SITEMAPS));
            inner[0].text().unwrap().to_string()
        })
        .collect()
}

#[test]
fn a_sitemap_that_fits_is_one_file() {
    let files = rendered(
        urls(5),
        Limits {
            urls: 5,
            bytes: 1 << 20,
        },
    );
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].0, "sitemap.xml");
    let expected: Vec<String> = urls(5).iter().map(|u| format!("{BASE}{u}")).collect();
    assert_eq!(locs(&files[0].1, "urlset", "url"), expected);
}

#[test]
fn split_by_count_keeps_order_and_fills_each_part() {
    let all = urls(7);
    let parts = split(
        &all,
        BASE,
        Limits {
            urls: 3,
            bytes: 1 << 20,
        },
    );
    let sizes: Vec<usize> = parts.iter().map(|p| p.len()).collect();
    assert_eq!(sizes, [3, 3, 1]);
    assert_eq!(parts.concat(), all);
    assert_eq!(
        split(
            &all,
            BASE,
            Limits {
                urls: 7,
                bytes: 1 << 20
            }
        )
        .len(),
        1
    );
    assert_eq!(split(&[], BASE, PROTOCOL), [&[] as &[String]]);
}

#[test]
fn split_by_bytes_when_addresses_are_long() {
    let all = urls(10);
    // Room for the file and two entries, not three.
    let entry = ENTRY_OVERHEAD + BASE.len() + all[0].len();
    let limits = Limits {
        urls: 100,
        bytes: FILE_OVERHEAD + 2 * entry + entry / 2,
    };
    let sizes: Vec<usize> = split(&all, BASE, limits).iter().map(|p| p.len()).collect();
    assert_eq!(sizes, [2, 2, 2, 2, 2]);
    // Escaping counts: `&` takes five bytes in the file.
    assert_eq!(escaped_len("a&b<c"), 1 + 5 + 1 + 4 + 1);
}

#[test]
fn past_the_limit_the_sitemap_is_an_index_of_parts() {
    let files = rendered(
        urls(7),
        Limits {
            urls: 3,
            bytes: 1 << 20,
        },
    );
    let paths: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        paths,
        [
            "sitemap-1.xml",
            "sitemap-2.xml",
            "sitemap-3.xml",
            "sitemap.xml"
        ]
    );
    let (_, index) = files.last().unwrap();
    let listed = locs(index, "sitemapindex", "sitemap");
    let parts: Vec<String> = paths[..3].iter().map(|p| format!("{BASE}{p}")).collect();
    assert_eq!(listed, parts);
    let mut seen = Vec::new();
    for (_, part) in &files[..3] {
        let entries = locs(part, "urlset", "url");
        assert!(entries.len() <= 3, "{part}");
        seen.extend(entries);
    }
    let expected: Vec<String> = urls(7).iter().map(|u| format!("{BASE}{u}")).collect();
    assert_eq!(seen, expected);
}

#[test]
fn the_protocol_limit_is_fifty_thousand_urls() {
    let all = urls(50_001);
    let sizes: Vec<usize> = split(&all, BASE, PROTOCOL)
        .iter()
        .map(|p| p.len())
        .collect();
    assert_eq!(sizes, [50_000, 1]);
    assert_eq!(split(&all[..50_000], BASE, PROTOCOL).len(), 1);
}

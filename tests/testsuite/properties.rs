//! Property tests (issue 18): arbitrary input to the front-matter parser, the
//! Markdown renderer, the search query parser, the CSV writer and the feed,
//! sitemap and page templates never panics, never lets a control character
//! through, and always gives well-formed CSV, XML and HTML. Inputs mix random
//! Unicode with the characters that matter here (markup, YAML and CSV syntax,
//! C0/C1 controls, noncharacters). Seeded by proptest; together well under a
//! minute.

use crate::harness::{repo, SiteTest};
use kennisbank::config::{self, Config};
use kennisbank::content::discover::SourceFile;
use kennisbank::content::document::{self, Document};
use kennisbank::render::{self, Contents};
use kennisbank::search::{self, print, SearchIndex};
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::OnceLock;

/// Characters that are special somewhere on the way out, and any character.
fn tricky_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => any::<char>(),
        2 => proptest::sample::select(vec![
            '<', '>', '&', '"', '\'', '=', '+', '-', '@', '#', '[', ']', '(', ')', '|', ':',
            '*', '`', '\\', '!', '{', '}', '%', ';', ',', ' ', '\t', '\n', '\r', '\0',
            '\u{7}', '\u{8}', '\u{b}', '\u{c}', '\u{1b}', '\u{7f}', '\u{85}', '\u{9b}',
            '\u{fdd0}', '\u{fffe}', '\u{ffff}', '\u{2028}', 'é', 'ë',
        ]),
        4 => proptest::char::range('a', 'z'),
    ]
}

fn text(max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(tricky_char(), 0..max).prop_map(|c| c.into_iter().collect())
}

fn forbidden(text: &str) -> bool {
    text.chars()
        .any(kennisbank::diagnostics::controls::is_forbidden)
}

const SITE_TOML: &str = r#"
[site]
title = "Eigenschappen"
base_url = "https://example.org/kb/"

[kinds.notitie]
label = "Notitie"
plural = "Notities"
folder = "notities"
template = "document.html"
url = "notities/{slug}.html"
date_field = "datum"

[[kinds.notitie.fields]]
name = "datum"
label = "Datum"
type = "date"

[[kinds.notitie.fields]]
name = "aantal"
label = "Aantal"
type = "integer"
min = 0
max = 10

[[kinds.notitie.fields]]
name = "soort"
label = "Soort"
type = "enum"
values = [{ value = "a", label = "A" }]

[[kinds.notitie.fields]]
name = "trefwoorden"
label = "Trefwoorden"
type = "string_list"
"#;

/// A configuration whose theme is the repository's default theme.
fn config() -> &'static Config {
    static CONFIG: OnceLock<Config> = OnceLock::new();
    CONFIG.get_or_init(|| config::parse(&repo(), SITE_TOML).unwrap())
}

fn templates() -> &'static tera::Tera {
    static TERA: OnceLock<tera::Tera> = OnceLock::new();
    TERA.get_or_init(|| render::load_templates(config()).unwrap())
}

fn source(text: String) -> SourceFile {
    SourceFile {
        display: PathBuf::from("content/notities/x.md"),
        rel: PathBuf::from("notities/x.md"),
        kind: "notitie".into(),
        slug: "x".into(),
        text,
    }
}

/// Front matter built from YAML-ish pieces, so that most cases get past the
/// YAML parser into the schema checks.
fn front_matter() -> impl Strategy<Value = String> {
    let value = prop_oneof![
        text(12),
        text(12).prop_map(|t| format!("{t:?}")),
        "[0-9]{1,25}".prop_map(String::from),
        "-?[0-9]{1,4}(-[0-9]{1,2}(-[0-9]{1,2})?)?".prop_map(|d| format!("\"{d}\"")),
        text(8).prop_map(|t| format!("[{t}, {t:?}]")),
        Just("\"\\e[31m\\u009b\\x07\"".to_string()),
    ];
    let key = proptest::sample::select(vec![
        "title",
        "summary",
        "draft",
        "datum",
        "aantal",
        "soort",
        "trefwoorden",
        "onbekend",
    ]);
    (
        proptest::collection::vec((key, value), 0..6),
        text(60),
        any::<bool>(),
    )
        .prop_map(|(fields, body, close)| {
            let mut out = String::from("---\n");
            for (k, v) in fields {
                out.push_str(&format!("{k}: {v}\n"));
            }
            if close {
                out.push_str("---\n");
            }
            out.push_str(&body);
            out
        })
}

fn assert_html_well_formed(html: &str, what: &str) {
    let parsed = scraper::Html::parse_document(html);
    assert!(
        parsed.errors.is_empty(),
        "{what}: {:?}\n{html}",
        parsed.errors
    );
}

/// 256 cases from a fixed seed, so a run is repeatable; `PROPTEST_RNG_SEED`
/// (and `PROPTEST_CASES`) explore further. No failure files are written into
/// the source tree: a failure prints its smallest input.
fn settings() -> ProptestConfig {
    let default = ProptestConfig::default();
    ProptestConfig {
        cases: if std::env::var_os("PROPTEST_CASES").is_some() {
            default.cases
        } else {
            256
        },
        rng_seed: if std::env::var_os("PROPTEST_RNG_SEED").is_some() {
            default.rng_seed
        } else {
            proptest::test_runner::RngSeed::Fixed(18)
        },
        failure_persistence: None,
        ..default
    }
}

proptest! {
    #![proptest_config(settings())]

    #[test]
    fn front_matter_parser_never_panics_or_lets_control_characters_through(
        text in prop_oneof![front_matter(), text(80)]
    ) {
        let (doc, diagnostics) = document::parse(config(), &source(text));
        if let Some(doc) = doc {
            prop_assert!(diagnostics.is_empty());
            prop_assert!(!forbidden(&doc.title));
            prop_assert!(!forbidden(doc.summary.as_deref().unwrap_or("")));
            let fields = serde_json::to_string(&doc.fields).unwrap();
            prop_assert!(!fields.contains("\\u001b") && !forbidden(&fields), "{}", fields);
        } else {
            prop_assert!(!diagnostics.is_empty());
        }
        for d in &diagnostics {
            prop_assert!(!d.to_string().chars().any(|c| c.is_control() && c != '\n' && c != '\t'));
        }
    }

    #[test]
    fn markdown_bodies_render_to_html_without_control_characters(body in text(120)) {
        let doc = stub("x", "Titel", None);
        let doc = Document { body, ..doc };
        let (rendered, _) = kennisbank::site::markdown::render(&doc, "notities/x.html", &Default::default());
        prop_assert!(!forbidden(&rendered.html), "{:?}", rendered.html);
        prop_assert!(!forbidden(&rendered.text));
        let page = format!("<!DOCTYPE html><html lang=\"nl\"><title>x</title><main>{}</main></html>", rendered.html);
        assert_html_well_formed(&page, "body");
    }

    #[test]
    fn csv_writer_round_trips_neutralised_cells(
        records in proptest::collection::vec(proptest::collection::vec(text(10), 3), 0..6)
    ) {
        // As every CSV the build writes, a header first (a reader drops a
        // byte-order mark at the very start, which no header begins with).
        let mut rows = vec![vec!["veld".to_string(), "label".into(), "type".into()]];
        rows.extend(records);
        let bytes = kennisbank::render::opendata::write_csv(&rows).unwrap();
        let back: Vec<Vec<String>> = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(&bytes[..])
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect();
        let expected: Vec<Vec<String>> = rows
            .iter()
            .map(|r| r.iter().map(|c| kennisbank::render::opendata::neutralise(c).into_owned()).collect())
            .collect();
        prop_assert_eq!(&back, &expected);
        for cell in back.iter().flatten() {
            let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
            prop_assert!(!risky || cell.parse::<f64>().is_ok(), "{:?}", cell);
        }
    }

    #[test]
    fn feed_sitemap_and_pages_stay_well_formed_whatever_the_titles(
        titles in proptest::collection::vec((text(30), proptest::option::of(text(30))), 1..4)
    ) {
        let documents: Vec<Document> = titles
            .iter()
            .enumerate()
            .map(|(i, (title, summary))| stub(&format!("n{i}"), title, summary.clone()))
            .collect();
        let (site, _) = kennisbank::site::Site::assemble(config().clone(), documents, &[], &[], vec![], false);
        let site_ctx = kennisbank::render::context::site(&site);
        let dir = render::template_dir(config());
        let mut jobs: Vec<render::Job> = render::plan_site_pages(&site, &site_ctx)
            .into_iter()
            .map(|make| make())
            .collect();
        jobs.extend(
            site.pages
                .iter()
                .map(|p| render::document_job(&site, &site_ctx, p).unwrap()),
        );
        for job in jobs {
            let file = render::render_job(templates(), &dir, &job).unwrap();
            let Contents::Bytes(bytes) = file.contents else { unreachable!() };
            let text = String::from_utf8(bytes).unwrap();
            prop_assert!(!forbidden(&text), "{}", file.rel_path);
            if file.rel_path.ends_with(".xml") {
                let parsed = roxmltree::Document::parse(&text);
                prop_assert!(parsed.is_ok(), "{}: {:?}\n{}", file.rel_path, parsed.err(), text);
            } else {
                assert_html_well_formed(&text, &file.rel_path);
            }
        }
        let feed = render::render_job(templates(), &dir, &render::plan_site_pages(&site, &site_ctx)
            .into_iter().map(|make| make()).find(|j| j.url == "feed.xml").unwrap()).unwrap();
        let Contents::Bytes(feed) = feed.contents else { unreachable!() };
        let feed = String::from_utf8(feed).unwrap();
        let xml = roxmltree::Document::parse(&feed).unwrap();
        // XML readers may turn line ends into `\n`; compare with that done.
        let lines = |t: &str| t.replace("\r\n", "\n").replace('\r', "\n");
        let mut shown: Vec<String> = xml
            .descendants()
            .filter(|n| n.has_tag_name("entry"))
            .filter_map(|e| e.children().find(|c| c.has_tag_name("title")))
            .map(|t| lines(t.text().unwrap_or("")))
            .collect();
        let mut expected: Vec<String> = titles
            .iter()
            .map(|(t, _)| lines(&kennisbank::diagnostics::controls::strip(t)))
            .collect();
        shown.sort();
        expected.sort();
        prop_assert_eq!(shown, expected);
    }

    #[test]
    fn search_query_parser_and_search_never_panic(query in text(40)) {
        let _ = search::query::parse(&query);
        let out = search::search(index(), &query, &BTreeMap::new(), 5, false).unwrap();
        let plain = print::plain(&out);
        let json = print::json(&out).unwrap();
        prop_assert!(!plain.chars().any(|c| c.is_control() && c != '\n'), "{:?}", plain);
        prop_assert!(!json.chars().any(|c| c.is_control() && c != '\n'), "{:?}", json);
    }
}

/// A valid document with the given title and summary, dated for the feed.
fn stub(slug: &str, title: &str, summary: Option<String>) -> Document {
    let mut fields = BTreeMap::new();
    fields.insert(
        "datum".to_string(),
        kennisbank::content::schema::FieldValue::Date("2014-04".into()),
    );
    Document {
        kind: "notitie".into(),
        slug: slug.into(),
        display: PathBuf::from(format!("content/notities/{slug}.md")),
        rel: PathBuf::from(format!("notities/{slug}.md")),
        title: title.into(),
        summary,
        draft: false,
        fields: fields.into(),
        ref_positions: Default::default(),
        body: String::new(),
        body_line: 1,
        spilled_body: None,
    }
}

/// A word has one IDF: the statistics the queries score with give it, in
/// every text field, the largest of its per-field document frequencies.
#[test]
fn a_word_is_as_rare_in_every_field() {
    use tantivy::query::Bm25StatisticsProvider;
    let ix = index();
    let searcher = ix.reader.searcher();
    let stats = search::query::OneIdf::new(ix, &searcher);
    let mut rarer_somewhere = 0;
    for (_, term) in &ix.lexicon.entries {
        let per_field = ix.doc_freqs(term);
        let most = *per_field.iter().max().unwrap();
        for (field, df) in ix.fields.text.iter().zip(&per_field) {
            let t = tantivy::Term::from_field_text(*field, term);
            assert_eq!(stats.doc_freq(&t).unwrap(), most, "{term}");
            if (1..most).contains(df) {
                rarer_somewhere += 1;
            }
        }
    }
    assert!(
        rarer_somewhere > 0,
        "no word of the fixture is rarer in one field"
    );
}

/// The search fixture's index, built once, in memory.
fn index() -> &'static SearchIndex {
    static INDEX: OnceLock<SearchIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let site = SiteTest::fixture("search");
        let config = config::load(site.root()).unwrap();
        let site = kennisbank::build::site_only(&config).expect("the fixture has no errors");
        let dir = Box::new(tantivy::directory::RamDirectory::create());
        search::index::build(search::collect(&site).unwrap(), dir).unwrap()
    })
}

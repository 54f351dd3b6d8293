//! What readers see names no editor's material: no seed file, line number,
//! slug or field name in the text or the attributes of any built page, the
//! box closed away for editors left out.

use crate::harness::{repo, SiteTest};
use regex::Regex;
use scraper::{ElementRef, Html, Node};
use std::collections::BTreeSet;
use std::path::Path;

/// Slugs and field names that would betray editor's material in reader text.
struct Vocabulary {
    slugs: BTreeSet<String>,
    fields: BTreeSet<String>,
}

impl Vocabulary {
    fn of_bundled_site() -> Vocabulary {
        let config = kennisbank::config::load(&repo()).expect("site.toml loads");
        let fields = config
            .kinds
            .iter()
            .flat_map(|k| k.fields.iter().map(|f| f.name.clone()))
            .collect();
        // A slug that is just its title or one of its other names written with
        // hyphens ("window-dressing", "achter-de-voordeur") is also an ordinary
        // word, so only the others count.
        let names = Regex::new(r#"(?m)^(?:title: |  - )"?(.*?)"?$"#).unwrap();
        let slugs = walkdir::WalkDir::new(repo().join("content"))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
            .filter_map(|e| {
                let slug = e.path().file_stem()?.to_string_lossy().into_owned();
                let text = std::fs::read_to_string(e.path()).ok()?;
                let front = text.split("\n---").next().unwrap_or("");
                let word = names
                    .captures_iter(front)
                    .any(|c| c[1].to_lowercase().replace(' ', "-") == slug);
                (!word).then_some(slug)
            })
            .collect();
        Vocabulary { slugs, fields }
    }
}

/// The text a reader sees or hears: text nodes and the `alt`, `title`,
/// `aria-label` and `placeholder` attributes, leaving out scripts, styles and
/// what is closed away for editors (`<details class="voor-redacteuren">`).
fn reader_text(html: &str) -> String {
    let doc = Html::parse_document(html);
    let mut out = String::new();
    collect(doc.root_element(), &mut out);
    out
}

fn collect(element: ElementRef, out: &mut String) {
    let el = element.value();
    if matches!(el.name(), "script" | "style" | "template")
        || (el.name() == "details" && el.classes().any(|c| c == "voor-redacteuren"))
    {
        return;
    }
    for attr in ["alt", "title", "aria-label", "placeholder"] {
        if let Some(v) = el.attr(attr) {
            out.push_str(v);
            out.push('\n');
        }
    }
    for child in element.children() {
        match child.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(_) => collect(ElementRef::wrap(child).unwrap(), out),
            _ => {}
        }
    }
    out.push(' ');
}

/// What in `text` is editor's material, each as `kind 'match'`.
fn leaks(text: &str, vocabulary: &Vocabulary) -> Vec<String> {
    let mut found = Vec::new();
    let seed = Regex::new(r"\d{3}_[0-9a-f]{16}\.txt").unwrap();
    let lines = Regex::new(r"\b(?:r\.|regels?)\s?\d+").unwrap();
    for m in seed.find_iter(text) {
        found.push(format!("seed file '{}'", m.as_str()));
    }
    for m in lines.find_iter(text) {
        found.push(format!("line reference '{}'", m.as_str()));
    }
    // A token of letters, digits, hyphens and underscores, as slugs and field names are written.
    let token = Regex::new(r"[\p{L}\p{N}_]+(?:-[\p{L}\p{N}_]+)*").unwrap();
    let words: Vec<&str> = token.find_iter(text).map(|m| m.as_str()).collect();
    for (i, word) in words.iter().enumerate() {
        if word.contains('-') && vocabulary.slugs.contains(*word) {
            found.push(format!("slug '{word}'"));
        }
        let named_as_field = i > 0 && matches!(words[i - 1], "veld" | "velden" | "Veld");
        if vocabulary.fields.contains(*word) && (word.contains('_') || named_as_field) {
            found.push(format!("field name '{word}'"));
        }
    }
    found
}

fn vocabulary_for_tests() -> Vocabulary {
    Vocabulary {
        slugs: ["kolner-sprinkhuizen-2014", "zaanstad"]
            .map(String::from)
            .into(),
        fields: ["deelnemers_telling", "teamvorm"].map(String::from).into(),
    }
}

#[test]
fn leak_finder_names_each_kind_of_editors_material_and_skips_the_editors_box() {
    let html = r#"<html><body>
        <p>Zie 002_2696610796d0feb7.txt r. 446-452 en regels 917–1173.</p>
        <p>De slug kolner-sprinkhuizen-2014 volgt de voetnoot; het veld <em>teamvorm</em> en deelnemers_telling.</p>
        <p title="r. 12">Zaanstad en de teamvorm van Zaanstad zijn gewone woorden.</p>
        <details class="voor-redacteuren"><summary>Voor redacteuren</summary><code>002_2696610796d0feb7.txt: 12</code></details>
        <script>var x = "003_d1abfbf58bedbfdf.txt";</script>
    </body></html>"#;
    let found = leaks(&reader_text(html), &vocabulary_for_tests());
    assert_eq!(
        found,
        [
            "seed file '002_2696610796d0feb7.txt'",
            "line reference 'r. 446'",
            "line reference 'regels 917'",
            "line reference 'r. 12'",
            "slug 'kolner-sprinkhuizen-2014'",
            "field name 'teamvorm'",
            "field name 'deelnemers_telling'",
        ]
    );
}

fn html_pages(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut pages: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.into_path())
        .collect();
    pages.sort();
    pages
}

/// Issue 19: citations shown to readers named internal text files and line
/// numbers, and editorial notes ("de slug volgt de voetnoot", "het veld
/// deelnemers_telling") reached readers.
#[test]
fn no_page_shows_readers_a_seed_file_line_number_slug_or_field_name() {
    let site = SiteTest::bundled();
    site.build().expect_success();
    let vocabulary = Vocabulary::of_bundled_site();
    let pages = html_pages(&site.path("public"));
    assert!(pages.len() > 200, "only {} pages", pages.len());
    let mut problems = Vec::new();
    for page in &pages {
        let html = std::fs::read_to_string(page).unwrap();
        let rel = page.strip_prefix(site.path("public")).unwrap().display();
        for leak in leaks(&reader_text(&html), &vocabulary) {
            problems.push(format!("{rel}: {leak}"));
        }
    }
    assert!(
        problems.is_empty(),
        "{} leaks:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

//! One field of every type changed through the form over HTTP: the file
//! changes in that field's lines only, every other line (and the body, or
//! the front matter when the body is edited) stays byte for byte.

use super::client::{post, set};
use super::{open, serve_edit};
use crate::harness::forms::ONE_EDIT_PER_FIELD;
use crate::harness::SiteTest;

/// The file without the block of `key` (its line and the indented lines
/// after it) in the front matter.
fn without_field(text: &str, key: &str) -> String {
    let mut out = String::new();
    let mut skipping = false;
    for line in text.split_inclusive('\n') {
        if line.starts_with(&format!("{key}:")) {
            skipping = true;
            continue;
        }
        if skipping && line.starts_with(' ') {
            continue;
        }
        skipping = false;
        out.push_str(line);
    }
    out
}

fn front_matter(text: &str) -> &str {
    let end = text[4..].find("\n---\n").unwrap() + 4;
    &text[..end]
}

#[test]
fn one_field_of_each_type_edited_over_http_changes_only_that_field() {
    let site = SiteTest::fixture("contribute");
    let server = serve_edit(&site);
    let rel = "content/verslagen/leerkring-maart.md";
    let original = site.read(rel);
    let path = "/__kennisbank/edit/verslag/leerkring-maart";
    for (field, name, value) in ONE_EDIT_PER_FIELD {
        let mut pairs = open(&server, "verslag", "leerkring-maart");
        set(&mut pairs, name, value);
        let reply = post(&server, path, &pairs);
        assert_eq!(reply.status, 303, "{name}={value:?}: {}", reply.text());
        let edited = site.read(rel);
        assert_ne!(edited, original, "{name}: nothing written");
        assert_eq!(
            without_field(&edited, field),
            without_field(&original, field),
            "{name}={value:?} changed more than {field}:\n{edited}"
        );
        // Back to the original for the next edit.
        std::fs::write(site.path(rel), &original).unwrap();
    }
    // The body: the front matter stays byte for byte.
    let mut pairs = open(&server, "verslag", "leerkring-maart");
    set(
        &mut pairs,
        "body",
        "Een nieuwe tekst over [[zaanstad]].\r\n",
    );
    assert_eq!(post(&server, path, &pairs).status, 303);
    let edited = site.read(rel);
    assert_eq!(front_matter(&edited), front_matter(&original));
    assert!(
        edited.ends_with("---\n\nEen nieuwe tekst over [[zaanstad]].\n"),
        "{edited}"
    );
    std::fs::write(site.path(rel), &original).unwrap();
    // An optional field emptied is removed, and only it.
    let mut pairs = open(&server, "verslag", "leerkring-maart");
    pairs.retain(|(n, _)| n != "onderwerpen");
    assert_eq!(post(&server, path, &pairs).status, 303);
    let edited = site.read(rel);
    assert!(!edited.contains("onderwerpen:"), "{edited}");
    assert_eq!(
        without_field(&edited, "onderwerpen"),
        without_field(&original, "onderwerpen")
    );
}

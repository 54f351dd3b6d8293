//! The vectors cover every diagnostic `check` gives that a form can reach:
//! the messages are read from the code that gives them (every
//! `Diagnostic::error(…)`, `Problem::new(…)`, `expected(…)`, link error and
//! hint with a text of its own in the modules behind front matter and the
//! text), so a new message fails this test until a vector expects it or it is
//! listed below with the reason none does.

mod templates;

use super::vectors;
use crate::harness::repo;
use serde_json::{json, Value};
use templates::{fits, templates};

/// The files whose messages `check` gives for a document's front matter and
/// text, and the functions of them that give those (all when `None`).
const SOURCES: &[(&str, Option<&str>)] = &[
    ("src/content/frontmatter.rs", None),
    ("src/content/document.rs", None),
    ("src/content/schema.rs", None),
    ("src/site/refs.rs", Some("check_refs")),
    ("src/site/markdown/mod.rs", None),
    ("src/site/markdown/links.rs", None),
    ("src/site/anchors.rs", None),
    ("src/diagnostics/controls.rs", Some("describe")),
    ("src/content/discover/read.rs", Some("decode")),
    ("src/content/sources.rs", Some("parse")),
    ("src/content/sources.rs", Some("check")),
    ("src/contribute/validate.rs", None),
];

/// Messages and hints no vector expects, and why: no form can lead to them,
/// or the forms do not check them.
const NOT_EXPECTED: &[(&str, &str)] = &[
    ("missing front matter", "the form writes both fences"),
    (
        "start the file with a line `---`",
        "the form writes both fences",
    ),
    (
        "front matter is opened here but never closed",
        "the form writes both fences",
    ),
    (
        "add a line `---` after the last",
        "the form writes both fences",
    ),
    (
        "invalid YAML in front matter: {}",
        "the form writes YAML that reads",
    ),
    (
        "check indentation, and quote values",
        "the form writes YAML that reads",
    ),
    ("front matter must be a set of", "the form writes a map"),
    ("field name must be text, found {}", "form names are text"),
    ("invalid UTF-8", "a browser sends UTF-8"),
    ("save the file as UTF-8", "a browser sends UTF-8"),
    (
        "file is {} bytes, more than the limit of {}",
        "a vector of 8 MiB",
    ),
    ("split it into several documents", "a vector of 8 MiB"),
    (
        "the file cannot be written: {err}",
        "the writer writes every value a form makes; only a bug in it, caught by its own read-back, fails",
    ),
    (
        "expected a list",
        "the form makes a list of every list field",
    ),
    (
        "expected a list of texts",
        "the form makes a list of every list field",
    ),
    (
        "expected a list of {} slugs",
        "the form makes a list of every list field",
    ),
    (
        "expected a slug in every item",
        "list items from a form are text",
    ),
    (
        "expected a value in every item",
        "list items from a form are text",
    ),
    (
        "expected text in every item",
        "list items from a form are text",
    ),
    ("nothing (empty value)", "the form leaves empty fields out"),
    (
        "the boolean {}",
        "the form writes true or false only for draft",
    ),
    (
        "a set of key: value fields",
        "the form makes a map only for a table",
    ),
    ("a value tagged {}", "the form writes no YAML tags"),
    (
        "expected a location or a list of locations",
        "the form makes a list of every list field",
    ),
    // Whether a source file exists and how long it is: `check` knows the
    // sources folder, the static form does not (it is not exported).
    (
        "{}: source file '{}' {}",
        "the forms do not read the sources folder",
    ),
    (
        "the sources folder is {}",
        "the forms do not read the sources folder",
    ),
    (
        "{}: line {} is past the end of {}, which has {} lines",
        "the forms do not read the sources folder",
    ),
    (
        "check the line numbers against {}/{}",
        "the forms do not read the sources folder",
    ),
];

#[test]
fn vectors_cover_every_diagnostic_a_form_can_reach() {
    let vectors = vectors();
    let list = vectors["vectors"].as_array().unwrap();
    assert!(list.len() >= 60, "{} vectors", list.len());
    let valid = list
        .iter()
        .filter(|v| v["expect"]["errors"] == json!([]))
        .count();
    assert!(
        valid >= 15 && list.len() - valid >= 40,
        "{valid} valid of {}",
        list.len()
    );
    let said: Vec<&str> = list
        .iter()
        .flat_map(|v| v["expect"]["errors"].as_array().unwrap())
        .flat_map(|e| [&e["message"], &e["hint"]])
        .filter_map(Value::as_str)
        .collect();
    let templates = templates();
    // The reading of the sources finds what it should (it can fail too).
    for known in [
        "{field_name}: no {target} with slug '{slug}'",
        "broken link {}: {} has no section '{}'",
        "{y}-{:02} has {days} days",
        "{} in the text",
        "(noncharacter)",
        "expected a whole number",
    ] {
        assert!(
            templates.iter().any(|t| t == known),
            "not read: {known}\n{templates:#?}"
        );
    }
    let mut missing = Vec::new();
    for template in &templates {
        let reach = NOT_EXPECTED
            .iter()
            .find(|(t, _)| fits(t, template) || template == t);
        let covered = said.iter().any(|s| fits(template, s));
        match (reach, covered) {
            (None, false) => missing.push(template.clone()),
            (Some((t, why)), true) => {
                panic!("{t:?} is listed as expected by no vector ({why}), but a vector gives it")
            }
            _ => {}
        }
    }
    assert!(
        missing.is_empty(),
        "no vector expects these (add one, or list them in NOT_EXPECTED with the reason):\n{}",
        missing.join("\n")
    );
    for (t, _) in NOT_EXPECTED {
        assert!(
            templates
                .iter()
                .any(|template| fits(t, template) || template == t),
            "{t:?} is listed in NOT_EXPECTED but no longer in the code"
        );
    }
}

#[test]
fn vectors_fill_and_break_every_field_of_the_fixture() {
    // Each field of each contributable kind has a vector with an error on it.
    let config = kennisbank::config::load(&repo().join("tests/fixtures/contribute")).unwrap();
    let vectors = vectors();
    let fields: Vec<(&str, &str)> = vectors["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|v| {
            let kind = v["kind"].as_str().unwrap();
            v["expect"]["errors"]
                .as_array()
                .unwrap()
                .iter()
                .map(move |e| (kind, e["field"].as_str().unwrap()))
        })
        .collect();
    for kind in config.kinds.iter().filter(|k| k.contribute) {
        for field in &kind.fields {
            assert!(
                fields.contains(&(kind.name.as_str(), field.name.as_str())),
                "no vector has an error in {}.{}",
                kind.name,
                field.name
            );
        }
    }
}

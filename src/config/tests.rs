//! Parsing `site.toml`: defaults and scale types, unknown keys, references
//! to undeclared kinds, paths that would leave their place, contribution
//! settings.

use super::*;

const MINIMAL: &str = r#"
[site]
title = "T"
base_url = "https://example.org"

[kinds.note]
label = "Note"
plural = "Notes"
folder = "notes"
template = "document.html"
url = "notes/{slug}.html"

[[kinds.note.fields]]
name = "score"
label = "Score"
type = "scale"
low = "weak"
high = "strong"
"#;

#[test]
fn parses_minimal_config() {
    let c = parse(Path::new("/site"), MINIMAL).unwrap();
    assert_eq!(c.base_url, "https://example.org/");
    assert_eq!(
        c.kinds[0].fields[0].ty,
        FieldType::Scale {
            min: 1,
            max: 5,
            low: "weak".into(),
            high: "strong".into()
        }
    );
    assert_eq!(c.listing_page_size, 1000);
}

#[test]
fn a_listing_page_size_is_read_and_must_be_at_least_one() {
    let text = |size: &str| {
        MINIMAL.replace(
            "title = \"T\"",
            &format!("title = \"T\"\nlisting_page_size = {size}"),
        )
    };
    assert_eq!(
        parse(Path::new("/site"), &text("25"))
            .unwrap()
            .listing_page_size,
        25
    );
    let err = error_of(&text("0"));
    assert!(
        err.contains("listing_page_size must be at least 1"),
        "{err}"
    );
}

#[test]
fn unknown_key_is_an_error() {
    let text = MINIMAL.replace("title = \"T\"", "title = \"T\"\ntitel = \"x\"");
    let err = format!("{:#}", parse(Path::new("/site"), &text).unwrap_err());
    assert!(err.contains("unknown field `titel`"), "{err}");
}

#[test]
fn ref_to_undeclared_kind_is_an_error() {
    let text = MINIMAL.replace("type = \"scale\"", "type = \"ref\"\ntarget = \"nope\"");
    let err = format!("{:#}", parse(Path::new("/site"), &text).unwrap_err());
    assert!(err.contains("refers to kind 'nope'"), "{err}");
}

fn error_of(text: &str) -> String {
    format!("{:#}", parse(Path::new("/site"), text).unwrap_err())
}

#[test]
fn a_url_pattern_leading_out_of_the_output_is_one_error_naming_the_key() {
    let text = MINIMAL.replace("notes/{slug}.html", "../../pwned/{slug}.html");
    assert_eq!(
            error_of(&text),
            "[kinds.note] url '../../pwned/{slug}.html' is not a page inside the output: it must be a relative path of names (letters, digits, '-', '_', '.') separated by '/', without '..'; write it like \"notes/{slug}.html\""
        );
    let text = MINIMAL.replace("notes/{slug}.html", "search/{slug}.html");
    assert!(error_of(&text).contains("holds the search index"));
}

#[test]
fn folder_theme_and_template_outside_their_place_are_one_error_each() {
    let text = MINIMAL.replace("folder = \"notes\"", "folder = \"../../../../etc\"");
    assert_eq!(
            error_of(&text),
            "[kinds.note] folder '../../../../etc' must be the name of one folder in content/ (letters, digits, '-', '_'), like \"note\""
        );
    let text = MINIMAL.replace("title = \"T\"", "title = \"T\"\ntheme = \"/etc\"");
    assert_eq!(
        error_of(&text),
        "[site] theme '/etc' must be the name of a folder in themes/, like \"default\""
    );
    let text = MINIMAL.replace("\"document.html\"", "\"../../etc/passwd\"");
    assert_eq!(
            error_of(&text),
            "[kinds.note] template '../../etc/passwd' must name a file in the theme's templates/ folder, like \"document.html\""
        );
    let text = MINIMAL.replace("\"document.html\"", "\"parts/document.html\"");
    assert!(parse(Path::new("/site"), &text).is_ok());
}

#[test]
fn contribute_settings_are_checked() {
    let text = MINIMAL.replace(
        "url = \"notes/{slug}.html\"",
        "url = \"notes/{slug}.html\"\ncontribute = true",
    );
    let c = parse(Path::new("/site"), &text).unwrap();
    assert!(c.kinds[0].contribute);
    let forge = format!("{text}\n[contribute]\nnew_file_url = \"https://forge.example/new/main/{{folder}}?filename={{filename}}\"\n");
    let err = format!("{:#}", parse(Path::new("/site"), &forge).unwrap_err());
    assert!(err.contains("must contain {content}"), "{err}");
    let clash = text.replace("folder = \"notes\"", "folder = \"bijdragen\"");
    let err = format!("{:#}", parse(Path::new("/site"), &clash).unwrap_err());
    assert!(err.contains("where the contribution pages go"), "{err}");
}

//! Token manifests, overrides and their contrast checks.

use super::*;

const MANIFEST: &str = r##"
[tokens]
text = { type = "color", default = "#1b1b1b" }
background = { type = "color", default = "#fff" }
muted = { type = "color", default = "#4a4a4a" }
font-family = { type = "font", default = "system-ui, sans-serif" }
radius = { type = "length", default = "4px" }

[[contrast]]
foreground = "text"
background = "background"
use = "text"
where = "body text"

[[contrast]]
foreground = "muted"
background = "background"
use = "large-text"
"##;

fn table(text: &str) -> toml::Table {
    toml::from_str(text).unwrap()
}

fn errors(overrides: &str) -> String {
    let manifest = parse_manifest(MANIFEST).unwrap();
    format!("{:#}", resolve(&manifest, &table(overrides)).unwrap_err())
}

#[test]
fn defaults_and_overrides_become_custom_properties() {
    let manifest = parse_manifest(MANIFEST).unwrap();
    let style = resolve(&manifest, &table("text = \"#000\"\nradius = \"0\"")).unwrap();
    let css = stylesheet(&style);
    assert!(css.contains("  --kb-background: #ffffff;\n"), "{css}");
    assert!(css.contains("  --kb-text: #000000;\n"), "{css}");
    assert!(css.contains("  --kb-radius: 0;\n"), "{css}");
    assert!(
        css.contains("  --kb-font-family: system-ui, sans-serif;\n"),
        "{css}"
    );
    assert!(style.tokens.iter().any(|t| t.name == "text" && t.from_site));
}

#[test]
fn a_pair_below_its_minimum_is_refused_with_tokens_and_ratio() {
    assert_eq!(
            errors("text = \"#777777\""),
            "[theme.tokens] text #777777 (site.toml) on background #ffffff (theme default) has a contrast of 4.47:1; text needs at least 4.5:1 (WCAG 1.4.3) for body text"
        );
    // Large text needs only 3:1: #949494 on white is 3.03:1.
    assert!(resolve(
        &parse_manifest(MANIFEST).unwrap(),
        &table("muted = \"#949494\"")
    )
    .is_ok());
    assert!(errors("muted = \"#959595\"").contains("large text needs at least 3:1"));
}

#[test]
fn every_problem_is_reported_at_once() {
    let all = errors("txt = \"#000\"\nbackground = \"white\"\nradius = \"4\"\nfont-family = \"x; } body { background: url(//evil)\"\nmuted = 3");
    let lines: Vec<&str> = all.lines().collect();
    assert_eq!(lines.len(), 5, "{all}");
    assert!(
        all.contains("'txt' is not a token of this theme; did you mean 'text'?"),
        "{all}"
    );
    assert!(
        all.contains("background = \"white\": expected a colour as #rrggbb or #rgb"),
        "{all}"
    );
    assert!(all.contains("radius = \"4\": expected a length"), "{all}");
    assert!(all.contains("font-family = \"x; }"), "{all}");
    assert!(all.contains("muted: expected a string"), "{all}");
}

#[test]
fn font_lists_and_lengths() {
    assert_eq!(
        font_list(" \"Noto Sans\",Arial ,  sans-serif").as_deref(),
        Some("\"Noto Sans\", Arial, sans-serif")
    );
    for bad in ["", "a,,b", "\"a\\\"", "x}", "url(a)", "a;b", "\"a"] {
        assert_eq!(font_list(bad), None, "{bad}");
    }
    for good in ["0", "4px", "0.25rem", "1.5em"] {
        assert!(is_length(good), "{good}");
    }
    for bad in [
        "4",
        "px",
        ".5rem",
        "1.rem",
        "4 px",
        "-1px",
        "1e3px",
        "calc(1px)",
    ] {
        assert!(!is_length(bad), "{bad}");
    }
}

#[test]
fn a_manifest_pair_must_name_colour_tokens() {
    let text = MANIFEST.replace("foreground = \"muted\"", "foreground = \"radius\"");
    let err = format!("{:#}", parse_manifest(&text).unwrap_err());
    assert_eq!(
        err,
        "[[contrast]] number 2: 'radius' is not a color token of this theme"
    );
}

//! Design tokens: a theme declares them in `theme.toml` (each token's type and
//! default, and every foreground/background pair its stylesheet puts together),
//! `site.toml` `[theme.tokens]` overrides their values, and the result becomes
//! CSS custom properties (`--kb-NAME`) once every pair passes its WCAG contrast
//! minimum. Pure: the caller reads the files and writes the stylesheet.

use super::color::{contrast, ratio_text, Rgb};
use anyhow::{bail, Result};
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawManifest {
    tokens: BTreeMap<String, RawToken>,
    #[serde(default)]
    contrast: Vec<RawPair>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawToken {
    #[serde(rename = "type")]
    ty: String,
    default: String,
    #[serde(default)]
    description: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPair {
    foreground: String,
    background: String,
    #[serde(rename = "use")]
    usage: String,
    #[serde(default, rename = "where")]
    place: String,
}

/// What a token's value is, and so how it is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenType {
    Color,
    Font,
    Length,
}

/// What a foreground colour is used for on its background, which sets the
/// minimum contrast WCAG asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Use {
    /// Normal text: 4.5:1 (1.4.3).
    Text,
    /// Text of at least 24px, or 18.66px bold: 3:1 (1.4.3).
    LargeText,
    /// User-interface components, graphics and focus indicators: 3:1 (1.4.11).
    Ui,
}

impl Use {
    pub fn minimum(self) -> f64 {
        match self {
            Use::Text => 4.5,
            Use::LargeText | Use::Ui => 3.0,
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Use::Text => "text needs at least 4.5:1 (WCAG 1.4.3)",
            Use::LargeText => "large text needs at least 3:1 (WCAG 1.4.3)",
            Use::Ui => {
                "a user-interface component or focus indicator needs at least 3:1 (WCAG 1.4.11)"
            }
        }
    }
}

/// A theme's declared tokens and contrast pairs, with their defaults checked.
#[derive(Debug, Clone)]
pub struct Manifest {
    tokens: BTreeMap<String, (TokenType, String, String)>,
    pairs: Vec<Pair>,
}

#[derive(Debug, Clone)]
struct Pair {
    foreground: String,
    background: String,
    usage: Use,
    place: String,
}

/// One token as the stylesheet gets it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Token {
    pub name: String,
    /// The CSS value: a colour as `#rrggbb`, a font list, a length.
    pub value: String,
    pub description: String,
    /// Set in `site.toml` rather than taken from the theme.
    pub from_site: bool,
}

/// The resolved house style: every token of the theme, sorted by name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Style {
    pub tokens: Vec<Token>,
}

/// Parses a theme's `theme.toml`. Errors name the token or pair at fault.
pub fn parse_manifest(text: &str) -> Result<Manifest> {
    let raw: RawManifest = toml::from_str(text)?;
    let mut tokens = BTreeMap::new();
    let mut errors = Vec::new();
    for (name, token) in raw.tokens {
        let ty = match token.ty.as_str() {
            "color" => TokenType::Color,
            "font" => TokenType::Font,
            "length" => TokenType::Length,
            other => {
                errors.push(format!(
                    "[tokens.{name}] type '{other}': expected color, font or length"
                ));
                continue;
            }
        };
        match css_value(ty, &token.default) {
            Ok(value) => {
                tokens.insert(name, (ty, value, token.description));
            }
            Err(why) => errors.push(format!("[tokens.{name}] default {why}")),
        }
    }
    let mut pairs = Vec::new();
    for (i, pair) in raw.contrast.into_iter().enumerate() {
        for name in [&pair.foreground, &pair.background] {
            if !matches!(tokens.get(name), Some((TokenType::Color, ..))) {
                errors.push(format!(
                    "[[contrast]] number {}: '{name}' is not a color token of this theme",
                    i + 1
                ));
            }
        }
        let usage = match pair.usage.as_str() {
            "text" => Use::Text,
            "large-text" => Use::LargeText,
            "ui" => Use::Ui,
            other => {
                errors.push(format!(
                    "[[contrast]] number {}: use '{other}': expected text, large-text or ui",
                    i + 1
                ));
                continue;
            }
        };
        pairs.push(Pair {
            foreground: pair.foreground,
            background: pair.background,
            usage,
            place: pair.place,
        });
    }
    if !errors.is_empty() {
        bail!("{}", errors.join("\n"));
    }
    Ok(Manifest { tokens, pairs })
}

/// The theme's tokens with `overrides` (`[theme.tokens]` of `site.toml`)
/// applied, refused with every problem at once: an unknown token, a value of
/// the wrong form, a declared pair below its contrast minimum.
pub fn resolve(manifest: &Manifest, overrides: &toml::Table) -> Result<Style> {
    let mut errors = Vec::new();
    let mut values: BTreeMap<&str, (String, bool)> = manifest
        .tokens
        .iter()
        .map(|(name, (_, value, _))| (name.as_str(), (value.clone(), false)))
        .collect();
    for (key, value) in overrides {
        let Some((ty, _, _)) = manifest.tokens.get(key) else {
            errors.push(unknown_token(manifest, key));
            continue;
        };
        let Some(text) = value.as_str() else {
            errors.push(format!(
                "[theme.tokens] {key}: expected a string, such as {key} = \"{}\"",
                manifest.tokens[key].1
            ));
            continue;
        };
        match css_value(*ty, text) {
            Ok(css) => {
                values.insert(key.as_str(), (css, true));
            }
            Err(why) => errors.push(format!("[theme.tokens] {key} {why}")),
        }
    }
    for pair in &manifest.pairs {
        let colour = |name: &str| values.get(name).and_then(|(v, _)| Rgb::parse(v));
        let (Some(fg), Some(bg)) = (colour(&pair.foreground), colour(&pair.background)) else {
            continue;
        };
        let ratio = contrast(fg, bg);
        if ratio < pair.usage.minimum() {
            let origin = |name: &str| {
                if values[name].1 {
                    "site.toml"
                } else {
                    "theme default"
                }
            };
            errors.push(format!(
                "[theme.tokens] {fg_name} {fg} ({fg_origin}) on {bg_name} {bg} ({bg_origin}) has a contrast of {ratio}; {need}{place}",
                fg_name = pair.foreground,
                fg = fg.hex(),
                fg_origin = origin(&pair.foreground),
                bg_name = pair.background,
                bg = bg.hex(),
                bg_origin = origin(&pair.background),
                ratio = ratio_text(ratio),
                need = pair.usage.describe(),
                place = if pair.place.is_empty() {
                    String::new()
                } else {
                    format!(" for {}", pair.place)
                },
            ));
        }
    }
    if !errors.is_empty() {
        bail!("{}", errors.join("\n"));
    }
    Ok(Style {
        tokens: manifest
            .tokens
            .iter()
            .map(|(name, (_, _, description))| Token {
                name: name.clone(),
                value: values[name.as_str()].0.clone(),
                description: description.clone(),
                from_site: values[name.as_str()].1,
            })
            .collect(),
    })
}

fn unknown_token(manifest: &Manifest, key: &str) -> String {
    let names: Vec<&str> = manifest.tokens.keys().map(String::as_str).collect();
    let nearest = names
        .iter()
        .map(|n| (strsim::levenshtein(n, key), *n))
        .filter(|(d, _)| *d <= 2)
        .min();
    let hint = nearest.map_or(String::new(), |(_, n)| format!("did you mean '{n}'? "));
    format!(
        "[theme.tokens] '{key}' is not a token of this theme; {hint}tokens: {}",
        names.join(", ")
    )
}

/// A value checked for its type and written as CSS; the error says what was
/// expected. Nothing but these forms reaches the stylesheet, so a token cannot
/// end the declaration, load a file or reach another host.
fn css_value(ty: TokenType, text: &str) -> std::result::Result<String, String> {
    let text = text.trim();
    let refused = |expected: &str| format!("= \"{text}\": expected {expected}");
    match ty {
        TokenType::Color => Rgb::parse(text)
            .map(Rgb::hex)
            .ok_or_else(|| refused("a colour as #rrggbb or #rgb")),
        TokenType::Font => font_list(text).ok_or_else(|| {
            refused("font names separated by commas, such as \"Noto Sans\", Arial, sans-serif")
        }),
        TokenType::Length => is_length(text)
            .then(|| text.to_string())
            .ok_or_else(|| refused("a length such as 4px, 0.25rem or 0")),
    }
}

/// `"Noto Sans", Arial, sans-serif`: quoted names or names of letters, digits,
/// spaces and hyphens, separated by commas.
fn font_list(text: &str) -> Option<String> {
    let mut names = Vec::new();
    for item in text.split(',') {
        let item = item.trim();
        let quoted = ['"', '\'']
            .into_iter()
            .find(|q| item.len() >= 2 && item.starts_with(*q) && item.ends_with(*q));
        let inner = quoted.map_or(item, |_| &item[1..item.len() - 1]);
        let ok = !inner.trim().is_empty()
            && inner
                .chars()
                .all(|c| c.is_alphanumeric() || c == ' ' || c == '-' || c == '_');
        if !ok {
            return None;
        }
        names.push(item.to_string());
    }
    Some(names.join(", "))
}

fn is_length(text: &str) -> bool {
    if text == "0" {
        return true;
    }
    let Some(number) = ["rem", "px", "em"]
        .iter()
        .find_map(|u| text.strip_suffix(u))
    else {
        return false;
    };
    let mut parts = number.split('.');
    let whole = parts.next().unwrap_or("");
    let fraction = parts.next();
    parts.next().is_none()
        && !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}

/// `static/tokens.css`: one custom property per token, in name order.
pub fn stylesheet(style: &Style) -> String {
    let mut css = String::from(
        "/* The design tokens of this site, written by kennisbank from the theme's theme.toml\n   and [theme.tokens] in site.toml. Do not edit: change site.toml. */\n:root {\n",
    );
    for token in &style.tokens {
        css.push_str(&format!("  --kb-{}: {};\n", token.name, token.value));
    }
    css.push_str("}\n");
    css
}

#[cfg(test)]
mod tests {
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
}

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
mod tests;

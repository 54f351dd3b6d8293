//! The theme's house style: design tokens (`tokens`) with WCAG contrast checks
//! (`color`), read from `themes/<theme>/theme.toml` and `site.toml`, and the
//! files the build makes from them (`static/tokens.css`, the root favicon).
//! Templates and static files themselves stay with `render`.

pub mod color;
pub mod tokens;

use crate::fs;
use crate::output::ownership::Origin;
use crate::render::{Contents, OutputFile};
use anyhow::{bail, Context, Result};
use std::path::Path;
pub use tokens::Style;

/// The file in a theme's folder that declares its tokens.
pub const MANIFEST: &str = "theme.toml";
/// Where the build writes the tokens as CSS custom properties.
pub const STYLESHEET: &str = "static/tokens.css";
/// A theme's `static/favicon.ico` is also written here, at the site root,
/// where browsers ask for it whether a page names an icon or not.
pub const ROOT_FAVICON: &str = "favicon.ico";

/// Reads the theme's token manifest and applies `[theme.tokens]`. A theme
/// without `theme.toml` has no tokens, and then `[theme.tokens]` is an error.
pub fn load_style(theme_dir: &Path, overrides: &toml::Table) -> Result<Style> {
    let path = theme_dir.join(MANIFEST);
    if !path.is_file() {
        if let Some(key) = overrides.keys().next() {
            bail!(
                "[theme.tokens] {key}: the theme declares no tokens ({} not found)",
                path.display()
            );
        }
        return Ok(Style::default());
    }
    let text = fs::read_to_string(&path)?;
    let manifest =
        tokens::parse_manifest(&text).with_context(|| format!("invalid {}", path.display()))?;
    tokens::resolve(&manifest, overrides)
}

/// The files the house style adds to the site: the tokens' stylesheet, and
/// the theme's favicon.ico at the root when the theme has one.
pub fn files(style: &Style, theme_dir: &Path) -> Vec<OutputFile> {
    let mut files = vec![OutputFile {
        rel_path: STYLESHEET.into(),
        contents: Contents::Bytes(tokens::stylesheet(style).into_bytes()),
        origin: Origin::Generated(
            "the design tokens (theme.toml and [theme.tokens] of site.toml)".into(),
        ),
    }];
    let favicon = theme_dir.join("static").join(ROOT_FAVICON);
    if favicon.is_file() {
        files.push(OutputFile {
            rel_path: ROOT_FAVICON.into(),
            contents: Contents::Copy(favicon),
            origin: Origin::Generated("the theme's favicon, copied to the site root".into()),
        });
    }
    files
}

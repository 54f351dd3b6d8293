//! The theme's house style: design tokens (`tokens`) with WCAG contrast checks
//! (`color`), read from `themes/<theme>/theme.toml` and `site.toml` when the
//! configuration is loaded. The files the build makes from them
//! (`static/tokens.css`, the root favicon) are `render::style`'s.

pub mod color;
pub mod tokens;

use crate::fs;
use anyhow::{bail, Context, Result};
use std::path::Path;
pub use tokens::Style;

/// The file in a theme's folder that declares its tokens.
pub const MANIFEST: &str = "theme.toml";

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

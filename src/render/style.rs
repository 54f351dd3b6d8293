//! The files the house style adds to the site: the design tokens as CSS
//! custom properties, and the theme's favicon at the root. The tokens
//! themselves are read and checked with the configuration (`config::theme`).

use crate::config::theme::{tokens, Style};
use crate::output::ownership::Origin;
use crate::output::sink::{Contents, OutputFile};
use std::path::Path;

/// Where the build writes the tokens as CSS custom properties.
pub const STYLESHEET: &str = "static/tokens.css";
/// A theme's `static/favicon.ico` is also written here, at the site root,
/// where browsers ask for it whether a page names an icon or not.
pub const ROOT_FAVICON: &str = "favicon.ico";

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

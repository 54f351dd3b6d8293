//! `site.toml`: the raw form as the user typed it (`raw`: serde, unknown keys
//! rejected) and the resolved `Config` with absolute paths and checked kinds and
//! fields (`resolved`); `load` and `parse` turn one into the other, with
//! `kinds` resolving each kind and `validate` checking the whole. The content
//! kinds and their schemas live here and nowhere else.

pub mod home;
pub mod names;
pub mod navigation;
pub mod relpath;
pub mod short_titles;
pub mod statement;
pub mod theme;
pub mod urls;

use crate::fs;
use anyhow::{bail, Context, Result};
use std::collections::BTreeMap;
use std::path::Path;

mod kinds;
mod raw;
mod resolved;
mod validate;

pub use resolved::{
    About, Compare, Config, Contribute, EnumValue, Field, FieldType, Kind, Places, SearchConfig,
    Sources,
};

/// Folder of the built site that holds the contribution pages.
pub const CONTRIBUTE_FOLDER: &str = "bijdragen";

use kinds::resolve_kind;
use raw::{RawConfig, RawKind};
use validate::{validate, validate_search};

/// Reads `site.toml` from the site root.
pub fn load(root: &Path) -> Result<Config> {
    let root = fs::absolute(root)?;
    let path = root.join("site.toml");
    if !path.is_file() {
        bail!(
            "{} not found: is {} a Kennisbank site? (pass --root DIR)",
            path.display(),
            root.display()
        );
    }
    let text = fs::read_to_string(&path)?;
    let mut config = parse(&root, &text).with_context(|| format!("invalid {}", path.display()))?;
    config.style = crate::config::theme::load_style(&config.theme_dir, &config.theme_tokens)
        .with_context(|| format!("invalid {}", path.display()))?;
    Ok(config)
}

/// Parses and resolves the text of `site.toml`; pure apart from the root it is given.
pub fn parse(root: &Path, text: &str) -> Result<Config> {
    crate::diagnostics::controls::check_toml(text)?;
    let raw: RawConfig = toml::from_str(text)?;
    let mut kinds = Vec::new();
    // toml::Table keeps document order (preserve_order is off, so it is sorted);
    // declaration order matters for menus, so read the order from the text.
    let mut names: Vec<&String> = raw.kinds.keys().collect();
    names.sort_by_key(|name| text.find(&format!("[kinds.{name}]")).unwrap_or(usize::MAX));
    for name in names {
        let value = raw.kinds[name].clone();
        let raw_kind: RawKind = value
            .try_into()
            .with_context(|| format!("in [kinds.{name}]"))?;
        kinds.push(resolve_kind(name, raw_kind)?);
    }
    let site = raw.site;
    crate::config::urls::check_base_url(&site.base_url).map_err(anyhow::Error::msg)?;
    if !relpath::is_name(&site.theme) {
        bail!(
            "[site] theme '{}' must be the name of a folder in themes/, like \"default\"",
            site.theme
        );
    }
    if site.listing_page_size == 0 {
        bail!(
            "[site] listing_page_size must be at least 1 (the documents on one page of a listing)"
        );
    }
    let kind_names: Vec<String> = kinds.iter().map(|k| k.name.clone()).collect();
    let menu = crate::config::navigation::resolve(raw.menu, &kind_names, |name| {
        kinds
            .iter()
            .find(|k| k.name == name)
            .map(crate::config::urls::listing)
            .unwrap_or_default()
    })?;
    let mut config = Config {
        content_dir: root.join("content"),
        theme_dir: root.join("themes").join(&site.theme),
        root: root.to_path_buf(),
        title: site.title,
        description: site.description,
        language: site.language,
        base_url: with_trailing_slash(site.base_url),
        unknown: site.unknown,
        hub_kind: site.hub_kind,
        taxonomy_kind: site.taxonomy_kind,
        glossary_kind: site.glossary_kind,
        feed_limit: site.feed_limit,
        listing_page_size: site.listing_page_size,
        about: site.about,
        points: site.points,
        kinds,
        search: SearchConfig {
            synonyms: raw.search.synonyms.map(|s| (s.kind, s.fields)),
            places: raw.search.places.map(|p| Places {
                kind: p.kind,
                name_fields: p.name_fields,
                link_fields: p.link_fields,
            }),
        },
        compare: raw.compare,
        sources: raw.sources.map(|s| Sources {
            folder: root.join(&s.folder),
            display: s.folder,
        }),
        contribute: raw.contribute,
        theme_tokens: raw.theme.tokens,
        style: crate::config::theme::Style::default(),
        accessibility: raw
            .accessibility
            .map(crate::config::statement::resolve)
            .transpose()?,
        menu,
        home: Default::default(),
    };
    if config.menu.is_empty() {
        config.menu = crate::config::navigation::default_menu(&config);
    }
    config.home = crate::config::home::resolve(raw.home, text, &kind_names, &config.menu)?;
    validate(&config)?;
    validate_search(&config)?;
    Ok(config)
}

fn with_trailing_slash(mut url: String) -> String {
    if !url.ends_with('/') {
        url.push('/');
    }
    url
}

#[cfg(test)]
mod tests;

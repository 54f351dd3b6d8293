//! `site.toml` as the user typed it: serde structs that reject unknown keys,
//! with the defaults of what may be left out. `parse` (in the parent) resolves
//! them into `Config`; `kinds` resolves `[kinds.*]`.

use super::{About, Compare, Contribute, EnumValue};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawConfig {
    pub(super) site: RawSite,
    #[serde(default)]
    pub(super) kinds: toml::Table,
    #[serde(default)]
    pub(super) search: RawSearch,
    pub(super) compare: Option<Compare>,
    pub(super) sources: Option<RawSources>,
    #[serde(default)]
    pub(super) contribute: Contribute,
    #[serde(default)]
    pub(super) theme: RawTheme,
    pub(super) accessibility: Option<crate::config::statement::RawStatement>,
    #[serde(default)]
    pub(super) menu: Vec<crate::config::navigation::RawItem>,
    #[serde(default)]
    pub(super) home: crate::config::home::RawHome,
}

/// `[theme]`: the house style's values, `[theme.tokens]` (checked against the
/// theme's `theme.toml` by `config::theme::load_style` when the configuration is loaded).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTheme {
    #[serde(default)]
    pub(super) tokens: toml::Table,
}

/// `[sources]`: the folder of plain-text source documents that `source_lines`
/// fields point into, relative to the site root.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSources {
    pub(super) folder: String,
}

/// `[search]`: which kinds and fields feed the search index beyond the text.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSearch {
    pub(super) synonyms: Option<RawSynonyms>,
    pub(super) places: Option<RawPlaces>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSynonyms {
    pub(super) kind: String,
    #[serde(default)]
    pub(super) fields: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPlaces {
    pub(super) kind: String,
    #[serde(default)]
    pub(super) name_fields: Vec<String>,
    #[serde(default)]
    pub(super) link_fields: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSite {
    pub(super) title: String,
    #[serde(default)]
    pub(super) description: String,
    #[serde(default = "default_language")]
    pub(super) language: String,
    #[serde(default = "default_theme")]
    pub(super) theme: String,
    pub(super) base_url: String,
    #[serde(default = "default_unknown")]
    pub(super) unknown: String,
    pub(super) hub_kind: Option<String>,
    pub(super) taxonomy_kind: Option<String>,
    pub(super) glossary_kind: Option<String>,
    #[serde(default = "default_feed_limit")]
    pub(super) feed_limit: usize,
    /// Documents on one page of a kind's listing; a longer listing gets more pages.
    #[serde(default = "default_listing_page_size")]
    pub(super) listing_page_size: usize,
    /// "About this knowledge base" on the home page, one labelled paragraph each.
    #[serde(default)]
    pub(super) about: Vec<About>,
    /// The sources' word for a numbered point and the site's ("Ad" -> "punt").
    pub(super) points: Option<crate::config::short_titles::Points>,
}

fn default_language() -> String {
    "nl".into()
}
fn default_theme() -> String {
    "default".into()
}
fn default_unknown() -> String {
    "onbekend".into()
}
fn default_feed_limit() -> usize {
    20
}
fn default_listing_page_size() -> usize {
    1000
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawKind {
    pub(super) label: String,
    pub(super) plural: String,
    pub(super) folder: String,
    pub(super) template: String,
    pub(super) url: String,
    #[serde(default)]
    pub(super) description: String,
    pub(super) date_field: Option<String>,
    pub(super) sort_by: Option<String>,
    pub(super) short_title: Option<String>,
    #[serde(default)]
    pub(super) contribute: bool,
    #[serde(default)]
    pub(super) fields: Vec<RawField>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawField {
    pub(super) name: String,
    pub(super) label: String,
    #[serde(rename = "type")]
    pub(super) ty: String,
    #[serde(default)]
    pub(super) required: bool,
    #[serde(default)]
    pub(super) allow_unknown: bool,
    #[serde(default)]
    pub(super) help: String,
    pub(super) group: Option<String>,
    #[serde(default)]
    pub(super) values: Vec<EnumValue>,
    pub(super) min: Option<i64>,
    pub(super) max: Option<i64>,
    pub(super) low: Option<String>,
    pub(super) high: Option<String>,
    pub(super) target: Option<String>,
    pub(super) of: Option<String>,
}

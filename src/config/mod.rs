//! `site.toml`: the raw form as the user typed it (serde, unknown keys rejected)
//! and the resolved `Config` with absolute paths and checked kinds and fields.
//! The content kinds and their schemas live here and nowhere else.

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
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

mod kinds;
mod validate;

/// Folder of the built site that holds the contribution pages.
pub const CONTRIBUTE_FOLDER: &str = "bijdragen";

use kinds::resolve_kind;
use validate::{validate, validate_search};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    site: RawSite,
    #[serde(default)]
    kinds: toml::Table,
    #[serde(default)]
    search: RawSearch,
    compare: Option<Compare>,
    sources: Option<RawSources>,
    #[serde(default)]
    contribute: Contribute,
    #[serde(default)]
    theme: RawTheme,
    accessibility: Option<crate::config::statement::RawStatement>,
    #[serde(default)]
    menu: Vec<crate::config::navigation::RawItem>,
    #[serde(default)]
    home: crate::config::home::RawHome,
}

/// `[theme]`: the house style's values, `[theme.tokens]` (checked against the
/// theme's `theme.toml` by `crate::render::theme` when the configuration is loaded).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTheme {
    #[serde(default)]
    tokens: toml::Table,
}

/// `[sources]`: the folder of plain-text source documents that `source_lines`
/// fields point into, relative to the site root.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSources {
    folder: String,
}

/// Where the source documents are: the folder as written in `site.toml` (for
/// messages) and resolved against the site root. The folder may be absent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sources {
    pub display: String,
    pub folder: PathBuf,
}

/// `[search]`: which kinds and fields feed the search index beyond the text.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSearch {
    synonyms: Option<RawSynonyms>,
    places: Option<RawPlaces>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSynonyms {
    kind: String,
    #[serde(default)]
    fields: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlaces {
    kind: String,
    #[serde(default)]
    name_fields: Vec<String>,
    #[serde(default)]
    link_fields: Vec<String>,
}

/// Search settings: glossary synonyms and municipality names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchConfig {
    /// Every document of this kind is a synonym group: its title and the
    /// values of these string or string-list fields mean the same in search.
    pub synonyms: Option<(String, Vec<String>)>,
    pub places: Option<Places>,
}

/// The kind whose documents are places (municipalities), the fields with
/// other names for a place, and the reference fields to former or successor
/// places whose names a document about the place is also found under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Places {
    pub kind: String,
    pub name_fields: Vec<String>,
    pub link_fields: Vec<String>,
}

/// `[contribute]`: where the contribution pages send a finished file.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Contribute {
    /// A forge's "new file" page with `{folder}`, `{filename}` and `{content}`
    /// placeholders, e.g. `https://github.com/ORG/REPO/new/main/content/{folder}?filename={filename}&value={content}`.
    pub new_file_url: Option<String>,
    /// Where a person without JavaScript reads how to contribute (the README's section).
    pub help_url: Option<String>,
}

/// Which kind is compared across subjects and measurement rounds (the
/// comparison pages, charts, participation matrices and open data).
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Compare {
    /// The kind compared, e.g. `factsheet`.
    pub kind: String,
    /// Its `ref` field naming the subject compared, e.g. `gemeente`.
    pub subject: String,
    /// Its integer field naming the measurement round, e.g. `meting`.
    pub round: String,
    /// Optional kind with data about a round as a whole, e.g. `meetronde`.
    pub rounds_kind: Option<String>,
    /// That kind's integer field naming the round, e.g. `jaar`.
    pub rounds_field: Option<String>,
    /// Fields left out of the comparison table (sources, notes).
    #[serde(default)]
    pub exclude: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSite {
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default = "default_language")]
    language: String,
    #[serde(default = "default_theme")]
    theme: String,
    base_url: String,
    #[serde(default = "default_unknown")]
    unknown: String,
    hub_kind: Option<String>,
    taxonomy_kind: Option<String>,
    glossary_kind: Option<String>,
    #[serde(default = "default_feed_limit")]
    feed_limit: usize,
    /// "About this knowledge base" on the home page, one labelled paragraph each.
    #[serde(default)]
    about: Vec<About>,
    /// The sources' word for a numbered point and the site's ("Ad" -> "punt").
    points: Option<crate::config::short_titles::Points>,
}

/// One paragraph of `[site] about`: who made the site, its period, how to cite it.
#[derive(Debug, Clone, Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct About {
    pub label: String,
    pub text: String,
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

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawKind {
    label: String,
    plural: String,
    folder: String,
    template: String,
    url: String,
    #[serde(default)]
    description: String,
    date_field: Option<String>,
    sort_by: Option<String>,
    short_title: Option<String>,
    #[serde(default)]
    contribute: bool,
    #[serde(default)]
    fields: Vec<RawField>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawField {
    name: String,
    label: String,
    #[serde(rename = "type")]
    ty: String,
    #[serde(default)]
    required: bool,
    #[serde(default)]
    allow_unknown: bool,
    #[serde(default)]
    help: String,
    group: Option<String>,
    #[serde(default)]
    values: Vec<EnumValue>,
    min: Option<i64>,
    max: Option<i64>,
    low: Option<String>,
    high: Option<String>,
    target: Option<String>,
    of: Option<String>,
}

/// One allowed value of an enum field with the label shown to readers.
#[derive(Debug, Clone, Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct EnumValue {
    pub value: String,
    pub label: String,
}

/// The type of a front-matter field, with what the type needs to validate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldType {
    String,
    Text,
    StringList,
    Integer {
        min: i64,
        max: i64,
    },
    Date,
    Enum(Vec<EnumValue>),
    EnumList(Vec<EnumValue>),
    Scale {
        min: i64,
        max: i64,
        low: String,
        high: String,
    },
    Ref {
        target: String,
    },
    RefList {
        target: String,
    },
    /// Per scale field of another kind, a count for each point of its scale.
    Distribution {
        of_kind: String,
    },
    /// Per value of an enum list field of another kind, a count.
    CountMap {
        of_kind: String,
        of_field: String,
    },
    /// Places in the source documents of `[sources]` (`FILE: LINES`), for editors.
    SourceLines,
}

impl FieldType {
    pub fn name(&self) -> &'static str {
        match self {
            FieldType::String => "string",
            FieldType::Text => "text",
            FieldType::StringList => "string_list",
            FieldType::Integer { .. } => "integer",
            FieldType::Date => "date",
            FieldType::Enum(_) => "enum",
            FieldType::EnumList(_) => "enum_list",
            FieldType::Scale { .. } => "scale",
            FieldType::Ref { .. } => "ref",
            FieldType::RefList { .. } => "ref_list",
            FieldType::Distribution { .. } => "distribution",
            FieldType::CountMap { .. } => "count_map",
            FieldType::SourceLines => "source_lines",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub name: String,
    pub label: String,
    pub ty: FieldType,
    pub required: bool,
    pub allow_unknown: bool,
    pub help: String,
    pub group: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kind {
    pub name: String,
    pub label: String,
    pub plural: String,
    pub folder: String,
    pub template: String,
    /// Output path pattern relative to the site root, containing `{slug}`.
    pub url: String,
    pub description: String,
    pub date_field: Option<String>,
    /// Field that orders the kind's listing; by title when absent.
    pub sort_by: Option<String>,
    /// How a link in running text names a document of this kind, such as
    /// `"observatie {nummer}"`; the full title when absent.
    pub short_title: Option<String>,
    /// Whether the built site has a page to contribute a document of this kind.
    pub contribute: bool,
    pub fields: Vec<Field>,
}

impl Kind {
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.name == name)
    }
}

/// The resolved configuration every later stage reads.
#[derive(Debug, Clone)]
pub struct Config {
    pub root: PathBuf,
    pub content_dir: PathBuf,
    pub theme_dir: PathBuf,
    pub title: String,
    pub description: String,
    pub language: String,
    pub base_url: String,
    pub unknown: String,
    pub hub_kind: Option<String>,
    pub taxonomy_kind: Option<String>,
    pub glossary_kind: Option<String>,
    pub feed_limit: usize,
    /// `[site] about`: the home page's "about" paragraphs.
    pub about: Vec<About>,
    /// `[site] points`: "Ad 2" in the sources reads "punt 2" on the site.
    pub points: Option<crate::config::short_titles::Points>,
    /// In declaration order, which is also the order of menus and listings.
    pub kinds: Vec<Kind>,
    pub search: SearchConfig,
    pub compare: Option<Compare>,
    pub sources: Option<Sources>,
    pub contribute: Contribute,
    /// `[theme.tokens]` as written; `style` is what they resolve to.
    pub theme_tokens: toml::Table,
    /// The theme's design tokens with `theme_tokens` applied and every
    /// contrast pair checked (set by `load`, which reads the theme; empty after
    /// `parse` alone).
    pub style: crate::config::theme::Style,
    /// `[accessibility]`: the accessibility statement, when the site has one.
    pub accessibility: Option<crate::config::statement::Statement>,
    /// `[[menu]]`: the header menu by task; every kind when none is declared.
    pub menu: Vec<crate::config::navigation::Item>,
    /// `[home]`: the home page's example question and entry links by task.
    pub home: crate::config::home::Home,
}

impl Config {
    pub fn kind(&self, name: &str) -> Option<&Kind> {
        self.kinds.iter().find(|k| k.name == name)
    }

    pub fn kind_names(&self) -> String {
        self.kinds
            .iter()
            .map(|k| k.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

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
    config.home = crate::config::home::resolve(raw.home, &kind_names, &config.menu)?;
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
mod tests {
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
}

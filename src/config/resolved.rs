//! The resolved configuration every later stage reads: `Config`, its kinds
//! and their fields with typed schemas, and the settings of `[search]`,
//! `[sources]`, `[compare]` and `[contribute]`. `Compare`, `Contribute`,
//! `About` and `EnumValue` are read from `site.toml` as they are.

use serde::Deserialize;
use std::path::PathBuf;

/// Where the source documents are: the folder as written in `site.toml` (for
/// messages) and resolved against the site root. The folder may be absent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sources {
    pub display: String,
    pub folder: PathBuf,
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

/// One paragraph of `[site] about`: who made the site, its period, how to cite it.
#[derive(Debug, Clone, Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct About {
    pub label: String,
    pub text: String,
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
    /// `[site] listing_page_size`: documents per page of a listing (at least 1).
    pub listing_page_size: usize,
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

//! Kennisbank: a static knowledge-base generator. Data flows one way:
//! `config` -> `discover` -> `document` (front matter + schema) -> `site`
//! (links, backlinks; Markdown via `markdown`) -> `render` -> `build` (atomic write).

pub mod anchors;
pub mod build;
pub mod cli;
pub mod compare;
pub mod config;
pub mod context;
pub mod contribute;
pub mod controls;
pub mod diagnostics;
pub mod discover;
pub mod document;
pub mod downloads;
pub mod frontmatter;
pub mod fs;
pub mod glossary;
pub mod incremental;
pub mod listing;
pub mod markdown;
pub mod mentions;
pub mod navigation;
pub mod opendata;
pub mod output;
pub mod ownership;
pub mod relpath;
pub mod render;
pub mod report;
pub mod scaffold;
pub mod schema;
pub mod search;
pub mod serve;
pub mod short_titles;
pub mod sink;
pub mod site;
pub mod sources;
pub mod statement;
pub mod theme;
pub mod urls;
pub mod yaml;

//! Kennisbank: a static knowledge-base generator. Data flows one way:
//! `config` -> `content` (discover, front matter, schema, document) -> `site`
//! (links, backlinks; Markdown via `site::markdown`) -> `render` -> `output`
//! (atomic write), driven by `build`; `search`, `serve` and `cli` sit on top.

pub mod build;
pub mod cli;
pub mod config;
pub mod content;
pub mod contribute;
pub mod diagnostics;
pub mod fs;
pub mod output;
pub mod render;
pub mod search;
pub mod serve;
pub mod site;

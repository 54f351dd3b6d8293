//! Kennisbank: a static knowledge-base generator. Data flows one way through
//! stages, each a module of this crate:
//!
//! ```text
//!  site.toml     content/**.md       themes/<theme>/
//!      │              │                    │
//!   config ──────> content ────> site ────> render ──────> output
//!   kinds, schema  discover,     assemble:  templates over   Sink: staging
//!   URL scheme,    frontmatter,  refs,      context,         directory,
//!   paths, menu,   schema,       markdown,  compare,         one producer
//!   theme tokens   document      anchors,   downloads,       per path,
//!                                mentions   opendata, style  swapped in
//!                                  │                            ▲
//!                                  └──> search: collect, tantivy, client index
//! ```
//!
//! `build::run_into` drives the stages into one sink (`check` discards,
//! `build` writes `public/`) through an `incremental::Memo`, which owns every
//! cache: empty and keeping nothing for a one-shot build, kept by `serve`;
//! `contribute` makes forms from the schema (for `render` and `serve --edit`);
//! `cli` parses arguments and prints diagnostics. Below them all sit
//! `diagnostics` (`path:line:col` problems with hints, the control characters
//! no output carries, the CI report formats) and `fs` (file operations whose
//! errors name the path).
//!
//! Imports run downward only, floor by floor: `diagnostics`, `fs` < `config`
//! < `content`, `output` < `site` < `contribute` < `render` < `search` <
//! `build` < `serve` < `cli` (`tests/testsuite/layers.rs` fails on a cycle).

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

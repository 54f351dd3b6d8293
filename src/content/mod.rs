//! Content: the files under `content/` read and checked, one at a time.
//! `discover` walks the folder, `frontmatter` (with `yaml`) splits and parses
//! each file, `schema` checks the values against the kind's fields and
//! `document` puts them together; `sources` checks the line references into the
//! source documents; `scaffold` writes a new document (`kennisbank new`).

pub mod discover;
pub mod document;
pub mod fields;
pub mod frontmatter;
pub mod scaffold;
pub mod schema;
pub mod sources;
pub mod yaml;

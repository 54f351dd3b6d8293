//! Knowledge fidelity of the bundled knowledge base: what readers see names no
//! editor's material (seed files, line numbers, slugs, field names), and a
//! structured value the source gives only in aggregate stays `onbekend` unless
//! the note states it for that municipality (`tests/content/per-gemeente.toml`).
//! `leaks` checks the pages readers see; `sources` the values and names taken
//! from the source documents.

mod leaks;
mod sources;

pub(crate) use sources::seeds;

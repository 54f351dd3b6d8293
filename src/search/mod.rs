//! Search: the tantivy index is the engine of record (`index`, `query`), fed
//! by the Dutch analysis chain (`analysis`) over what `collect` takes from the
//! `Site`; `cache` keeps it in the site root for `kennisbank search`, and
//! `export` turns it into the static client index under `public/search/`.

pub mod analysis;
pub mod cache;
pub mod collect;
pub mod excerpt;
pub mod export;
pub mod filters;
pub mod index;
pub mod print;
pub mod query;

pub use collect::{collect, Corpus};
pub use index::SearchIndex;

use serde::Serialize;
use std::collections::HashSet;

/// Version of the analysis and record layout; part of the cache stamp and
/// of the client manifest.
pub const FORMAT_VERSION: u32 = 1;

/// One result as `kennisbank search --json` prints it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ResultJson {
    pub url: String,
    pub title: String,
    pub kind: String,
    pub score: f64,
    pub excerpt: String,
    pub section: Option<SectionJson>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SectionJson {
    pub id: String,
    pub heading: String,
}

/// The whole `--json` output.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct OutputJson {
    pub query: String,
    pub total: usize,
    pub results: Vec<ResultJson>,
}

/// Rounds a score for output: six decimals are stable across platforms.
pub fn round_score(score: f32) -> f64 {
    (f64::from(score) * 1e6).round() / 1e6
}

/// Runs a query and shapes the results for output.
pub fn search(
    ix: &SearchIndex,
    text: &str,
    filters: &query::Filters,
    limit: usize,
) -> anyhow::Result<OutputJson> {
    let results = query::run(ix, text, filters, limit)?;
    let terms = results.plan.terms();
    let surfaces: HashSet<String> = ix
        .lexicon
        .entries
        .iter()
        .filter(|(_, t)| terms.contains(t.as_str()))
        .map(|(s, _)| s.clone())
        .collect();
    let out = results
        .hits
        .iter()
        .map(|hit| {
            let page = &ix.corpus.pages[hit.page];
            let section = hit.section.and_then(|i| page.sections.get(i));
            let source = section.map_or(page.text.as_str(), |s| s.text.as_str());
            let excerpt = excerpt::excerpt(source, &surfaces)
                .or_else(|| page.summary.clone())
                .unwrap_or_else(|| excerpt::opening(&page.text));
            ResultJson {
                url: match section {
                    Some(s) => format!("{}#{}", page.url, s.id),
                    None => page.url.clone(),
                },
                title: page.title.clone(),
                kind: page.kind.clone(),
                score: round_score(hit.score),
                excerpt,
                section: section.map(|s| SectionJson {
                    id: s.id.clone(),
                    heading: s.heading.clone(),
                }),
            }
        })
        .collect();
    Ok(OutputJson {
        query: text.to_string(),
        total: results.total,
        results: out,
    })
}

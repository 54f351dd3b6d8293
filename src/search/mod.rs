//! Search: the tantivy index is the engine of record (`index`, `query`), fed
//! by the Dutch analysis chain (`analysis`) over what `collect` takes from the
//! `Site`; `cache` keeps it in the site root for `kennisbank search`, and
//! `export` turns it into the static client index under `public/search/`.

pub mod analysis;
pub mod cache;
pub mod collect;
pub mod encode;
pub mod excerpt;
pub mod explain;
pub mod export;
mod facets;
pub mod filters;
pub mod forms;
pub mod fragments;
pub mod index;
pub mod layout;
pub mod lookup;
pub mod pack;
pub mod pairs;
pub mod plan;
pub mod postings;
pub mod print;
pub mod query;
pub mod scratch;
pub mod spelling;
pub mod terms;
pub mod verbatim;
pub mod verbs;

pub use collect::{collect, collect_owned, Corpus};
pub use index::SearchIndex;

use serde::Serialize;
use std::collections::HashSet;

/// Version of the analysis and record layout; part of the cache stamp and
/// of the client manifest.
pub const FORMAT_VERSION: u32 = 7;

/// One result as `kennisbank search --json` prints it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ResultJson {
    pub url: String,
    pub title: String,
    pub kind: String,
    pub score: f64,
    pub excerpt: String,
    pub section: Option<SectionJson>,
    /// With `--explain`: the score by record, term and field.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explain: Option<explain::Explained>,
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
    /// What was searched: words found nowhere (with the nearest spelling the
    /// site uses), function words left out, and the words searched.
    pub notes: plan::Notes,
    pub results: Vec<ResultJson>,
}

/// Rounds a score for output: six decimals are stable across platforms.
pub fn round_score(score: f32) -> f64 {
    query::round(score)
}

/// Runs a query and shapes the results for output.
pub fn search(
    ix: &SearchIndex,
    text: &str,
    filters: &query::Filters,
    limit: usize,
    explain: bool,
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
        .map(|hit| -> anyhow::Result<ResultJson> {
            let page = &ix.corpus.pages[hit.page];
            // The opening (id "") is the page itself: no anchor, no section.
            let section = hit
                .section
                .and_then(|i| page.sections.get(i))
                .filter(|s| !s.id.is_empty());
            let source = section.map_or(page.text(), |s| s.text.as_str());
            let excerpt = excerpt::excerpt(source, &surfaces)
                .or_else(|| page.summary.clone())
                .unwrap_or_else(|| excerpt::opening(page.text()));
            Ok(ResultJson {
                explain: if explain {
                    Some(explain::explain(ix, &results.plan, hit)?)
                } else {
                    None
                },
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
            })
        })
        .collect::<anyhow::Result<_>>()?;
    Ok(OutputJson {
        query: text.to_string(),
        total: results.total,
        notes: results.plan.notes.clone(),
        results: out,
    })
}

/// What the notes tell a reader, as the results page says it:
/// `Geen pagina gebruikt ‘x’ (bedoelde u ‘y’?) of ‘z’; gezocht op ‘a’, ‘b’.`
/// A word searched as another spelling (`z`, a typo's correction) is named
/// too, so that a correction into another word is seen.
pub fn notes_message(notes: &plan::Notes) -> Option<String> {
    if notes.unmatched.is_empty() && notes.corrected.is_empty() {
        return None;
    }
    let quote = |s: &str| format!("\u{2018}{s}\u{2019}");
    let words: Vec<String> = notes
        .unmatched
        .iter()
        .map(|u| match &u.suggestion {
            Some(s) => format!("{} (bedoelde u {}?)", quote(&u.word), quote(s)),
            None => quote(&u.word),
        })
        .chain(notes.corrected.iter().map(|c| quote(&c.word)))
        .collect();
    let mut out = format!("Geen pagina gebruikt {}", words.join(" of "));
    if !notes.searched.is_empty() {
        let searched: Vec<String> = notes.searched.iter().map(|s| quote(s)).collect();
        out.push_str(&format!("; gezocht op {}", searched.join(", ")));
    }
    out.push('.');
    Some(out)
}

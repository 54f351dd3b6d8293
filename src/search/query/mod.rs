//! Queries against the tantivy index: `parse` reads the query language,
//! `plan` resolves its words to terms, `clauses` builds the tantivy query
//! that scores pages and `##` sections as records of their own, and `run`
//! (here) ranks pages by their own score and their best section's
//! (`combine`). The browser client (`search.js`) implements the same steps.

mod clauses;
mod idf;
mod parse;

pub use super::plan::{max_edits, plan, Plan};
pub use clauses::{
    exact_phrase_query, pair_query, part_query, phrase_query, scoring_query, term_query,
};
use clauses::{exact_term, filter};
pub use idf::OneIdf;
pub use parse::{parse, Parsed, Word};

use super::collect::FACETS;
use super::index::{SearchIndex, SECTION_BIT};
use anyhow::{bail, Result};
use std::collections::{BTreeMap, HashMap};
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query};
use tantivy::{DocAddress, Score};

/// At most this many terms stand in for one prefix (`wijkt*`), the most frequent.
pub const MAX_PREFIX_TERMS: usize = 30;
/// At most this many terms stand in for one misspelt word.
pub const MAX_FUZZY_TERMS: usize = 5;
/// Scores are compared at this precision, so that the client (which adds
/// in another order) ranks ties exactly as the CLI does.
pub const SCORE_QUANTUM: f64 = 1e-5;
/// A page's rank score from its own BM25 score and its best section's:
/// `max(page, section)`. A strong section lifts a long page as if the
/// section were a page of its own, and a page that answers as a whole keeps
/// its score. (Adding a share of the weaker score was measured and ranked
/// worse on the judged set: sections that only repeat a linked title won.)
pub fn combine(page: f32, section: Option<f32>) -> f32 {
    match section {
        None => page,
        Some(s) => page.max(s),
    }
}

/// Filters: facet name (see `FACETS`) -> accepted values (any of).
pub type Filters = BTreeMap<String, Vec<String>>;

/// One ranked page.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Page number in site order (index into `Corpus::pages`).
    pub page: usize,
    /// The rank score: `combine(page_score, section_score)`.
    pub score: Score,
    pub page_score: Score,
    /// Index into the page's sections of the best-matching `##` section.
    pub section: Option<usize>,
    pub section_score: Option<Score>,
    /// Where the page record and the section record are, for `explain`.
    pub page_doc: DocAddress,
    pub section_doc: Option<DocAddress>,
    /// Shown first because its text says the query word for word
    /// (`verbatim::lift`).
    pub verbatim: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    pub total: usize,
    pub hits: Vec<Hit>,
    pub plan: Plan,
}

/// Runs a query: pages ranked by `combine` of their own score and their
/// best section's (ties by site order), each with that section.
pub fn run(ix: &SearchIndex, query: &str, filters: &Filters, limit: usize) -> Result<Results> {
    if let Err(problem) = super::filters::check(ix, filters) {
        bail!(problem);
    }
    let parsed = parse(query);
    let plan = plan(&parsed, ix);
    if plan.is_empty() {
        return Ok(Results {
            total: 0,
            hits: Vec::new(),
            plan,
        });
    }
    let searcher = ix.reader.searcher();
    let mut clauses = vec![
        (Occur::Must, scoring_query(ix, &plan)),
        filter(exact_term(ix.fields.level, "page")),
    ];
    for (name, values) in filters {
        let i = FACETS
            .iter()
            .position(|f| f == name)
            .expect("checked above");
        let field = ix.fields.facets[i];
        let any: Vec<(Occur, Box<dyn Query>)> = values
            .iter()
            .map(|v| (Occur::Should, exact_term(field, v)))
            .collect();
        clauses.push(filter(Box::new(BooleanQuery::new(any))));
    }
    for terms in &plan.excluded {
        clauses.push((Occur::MustNot, term_query(ix, terms)));
    }
    for terms in &plan.excluded_phrases {
        clauses.push((Occur::MustNot, phrase_query(ix, terms)));
    }
    let stats = OneIdf::new(ix, &searcher);
    let pages = collect_all(&stats, &BooleanQuery::new(clauses))?;
    let sections = collect_all(
        &stats,
        &BooleanQuery::new(vec![
            (Occur::Must, scoring_query(ix, &plan)),
            filter(exact_term(ix.fields.level, "section")),
        ]),
    )?;
    // Best section per page: the first of the highest score.
    let first_section = ix.corpus.first_sections();
    let mut best: HashMap<usize, (Score, usize, DocAddress)> = HashMap::new();
    for (score, record, addr) in sections {
        let number = (record & !SECTION_BIT) as usize;
        let page = first_section.partition_point(|&s| s <= number) - 1;
        best.entry(page)
            .or_insert((score, number - first_section[page], addr));
    }
    let mut hits: Vec<Hit> = pages
        .into_iter()
        .map(|(score, record, addr)| {
            let page = record as usize;
            let section = best.get(&page);
            Hit {
                page,
                score: combine(score, section.map(|s| s.0)),
                page_score: score,
                section: section.map(|s| s.1),
                section_score: section.map(|s| s.0),
                page_doc: addr,
                section_doc: section.map(|s| s.2),
                verbatim: false,
            }
        })
        .collect();
    hits.sort_by(|a, b| {
        quantize(b.score)
            .cmp(&quantize(a.score))
            .then(a.page.cmp(&b.page))
    });
    let total = hits.len();
    hits.truncate(limit);
    // A quote typed without quotation marks: the shown results that say it go first.
    if let Some(quote) = super::verbatim::quoted(&parsed, &ix.stop_words) {
        super::verbatim::lift(&mut hits, &ix.corpus.pages, &quote);
    }
    Ok(Results { total, hits, plan })
}

/// Every match as (score, record, address), best first, ties in record order.
fn collect_all(stats: &OneIdf, query: &dyn Query) -> Result<Vec<(Score, u64, DocAddress)>> {
    let searcher = stats.searcher;
    let limit = (searcher.num_docs() as usize).max(1);
    let top: Vec<(Score, DocAddress)> =
        searcher.search_with_statistics_provider(query, &TopDocs::with_limit(limit), stats)?;
    let mut readers = HashMap::new();
    let mut out = Vec::with_capacity(top.len());
    for (score, addr) in top {
        let column = match readers.entry(addr.segment_ord) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => e.insert(
                searcher
                    .segment_reader(addr.segment_ord)
                    .fast_fields()
                    .u64("record")?,
            ),
        };
        let record = column.first(addr.doc_id).unwrap_or(0);
        out.push((score, record, addr));
    }
    out.sort_by(|a, b| quantize(b.0).cmp(&quantize(a.0)).then(a.1.cmp(&b.1)));
    Ok(out)
}

/// Rounds a score for output: six decimals are stable across platforms.
pub fn round(score: Score) -> f64 {
    (f64::from(score) * 1e6).round() / 1e6
}

/// The score as compared for ranking (see `SCORE_QUANTUM`).
pub fn quantize(score: Score) -> i64 {
    (f64::from(score) / SCORE_QUANTUM).round() as i64
}

impl super::collect::Corpus {
    /// The global number of each page's first section.
    pub fn first_sections(&self) -> Vec<usize> {
        let mut out = Vec::with_capacity(self.len());
        let mut n = 0;
        for page in 0..self.len() {
            out.push(n);
            n += self.sections_of(page);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_strong_section_lifts_its_page() {
        assert_eq!(combine(2.0, None), 2.0);
        assert_eq!(combine(2.0, Some(6.0)), 6.0);
        assert_eq!(combine(6.0, Some(2.0)), 6.0);
        assert!(combine(2.0, Some(6.0)) > combine(5.0, None));
    }

    #[test]
    fn typo_budget_grows_with_length() {
        assert_eq!(max_edits(4), 0);
        assert_eq!(max_edits(5), 1);
        assert_eq!(max_edits(8), 1);
        assert_eq!(max_edits(9), 2);
    }
}

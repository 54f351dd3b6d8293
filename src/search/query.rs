//! Queries against the tantivy index: the query language (words, `"phrases"`,
//! `-exclusion`, `prefix*`), the tantivy query that scores pages and `##`
//! sections as records of their own, and the page ranking that combines a
//! page's score with its best section's (`combine`). Which terms a query
//! searches is `plan`'s. The browser client (`search.js`) implements the
//! same steps.

use super::analysis;
use super::collect::{FACETS, FIELDS};
use super::index::{SearchIndex, SECTION_BIT};
pub use super::plan::{max_edits, plan, Plan};
use anyhow::{bail, Result};
use std::collections::{BTreeMap, HashMap};
use tantivy::collector::TopDocs;
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, DisjunctionMaxQuery, EmptyQuery, Occur, PhraseQuery,
    Query, TermQuery,
};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Score, Searcher, Term};

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

/// One word of a query as typed, folded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub text: String,
    pub prefix: bool,
}

/// A query split into what must match (any of) and what must not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    pub words: Vec<Word>,
    pub phrases: Vec<Vec<String>>,
    pub excluded_words: Vec<String>,
    pub excluded_phrases: Vec<Vec<String>>,
}

/// Parses the query language. Quotes may be straight or curly.
pub fn parse(query: &str) -> Parsed {
    let mut out = Parsed::default();
    let chars: Vec<char> = query.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let negated = chars[i] == '-' && i + 1 < chars.len() && !chars[i + 1].is_whitespace();
        if negated {
            i += 1;
        }
        if matches!(chars[i], '"' | '\u{201C}' | '\u{201D}' | '\u{201E}') {
            let start = i + 1;
            let mut end = start;
            while end < chars.len() && !matches!(chars[end], '"' | '\u{201C}' | '\u{201D}') {
                end += 1;
            }
            let text: String = chars[start..end].iter().collect();
            let words = split_words(&text);
            i = end + 1;
            match (negated, words.len()) {
                (_, 0) => {}
                (true, 1) => out.excluded_words.extend(words),
                (true, _) => out.excluded_phrases.push(words),
                (false, 1) => out.words.push(Word {
                    text: words[0].clone(),
                    prefix: false,
                }),
                (false, _) => out.phrases.push(words),
            }
            continue;
        }
        let start = i;
        while i < chars.len() && !chars[i].is_whitespace() {
            i += 1;
        }
        let raw: String = chars[start..i].iter().collect();
        let prefix = raw.ends_with('*');
        let words = split_words(&raw);
        let n = words.len();
        for (k, text) in words.into_iter().enumerate() {
            if negated {
                out.excluded_words.push(text);
            } else {
                out.words.push(Word {
                    text,
                    prefix: prefix && k + 1 == n,
                });
            }
        }
    }
    out
}

/// Folded words, hyphenated ones split into their parts.
fn split_words(text: &str) -> Vec<String> {
    analysis::folded_words(text)
        .iter()
        .flat_map(|w| w.split('-').map(str::to_string).collect::<Vec<_>>())
        .filter(|w| !w.is_empty())
        .collect()
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
}

#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    pub total: usize,
    pub hits: Vec<Hit>,
    pub plan: Plan,
}

fn with_boosts(
    ix: &SearchIndex,
    make: impl Fn(tantivy::schema::Field) -> Box<dyn Query>,
) -> Vec<(Occur, Box<dyn Query>)> {
    ix.fields
        .text
        .iter()
        .zip(FIELDS)
        .map(|(f, (_, boost))| {
            let q: Box<dyn Query> = Box::new(BoostQuery::new(make(*f), boost));
            (Occur::Should, q)
        })
        .collect()
}

/// One term in every field, boosted, summed; alternatives (a prefix's or a
/// misspelling's terms) count only with their best: a page does not win by
/// containing many words that start alike.
pub fn term_query(ix: &SearchIndex, terms: &[String]) -> Box<dyn Query> {
    let one = |t: &String| -> Box<dyn Query> {
        Box::new(BooleanQuery::new(with_boosts(ix, |f| {
            Box::new(TermQuery::new(
                Term::from_field_text(f, t),
                IndexRecordOption::WithFreqs,
            ))
        })))
    };
    match terms {
        [t] => one(t),
        _ => Box::new(DisjunctionMaxQuery::new(terms.iter().map(one).collect())),
    }
}

pub fn phrase_query(ix: &SearchIndex, terms: &[(usize, String)]) -> Box<dyn Query> {
    match terms {
        [] => Box::new(EmptyQuery),
        [(_, t)] => term_query(ix, std::slice::from_ref(t)),
        _ => Box::new(BooleanQuery::new(with_boosts(ix, |f| {
            Box::new(PhraseQuery::new_with_offset(
                terms
                    .iter()
                    .map(|(o, t)| (*o, Term::from_field_text(f, t)))
                    .collect(),
            ))
        }))),
    }
}

/// A phrase scored once more where its wording, function words included,
/// is as typed (the function words only decide whether it counts).
pub fn exact_phrase_query(
    ix: &SearchIndex,
    searched: &[(usize, String)],
    all: &[(usize, String)],
) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(vec![
        filter(phrase_query(ix, all)),
        (Occur::Must, phrase_query(ix, searched)),
    ]))
}

fn filter(q: Box<dyn Query>) -> (Occur, Box<dyn Query>) {
    (Occur::Must, Box::new(ConstScoreQuery::new(q, 0.0)))
}

fn exact_term(field: tantivy::schema::Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    ))
}

/// The query that scores: any clause may match; the sum of their BM25 scores.
pub fn scoring_query(ix: &SearchIndex, plan: &Plan) -> Box<dyn Query> {
    let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for terms in &plan.term_clauses {
        should.push((Occur::Should, term_query(ix, terms)));
    }
    for terms in &plan.phrases {
        should.push((Occur::Should, phrase_query(ix, terms)));
    }
    for (i, all) in &plan.exact_phrases {
        should.push((
            Occur::Should,
            exact_phrase_query(ix, &plan.phrases[*i], all),
        ));
    }
    if let Some(n) = plan.all_words {
        let words = || -> Vec<(Occur, Box<dyn Query>)> {
            plan.term_clauses[..n]
                .iter()
                .map(|terms| (Occur::Should, term_query(ix, terms)))
                .collect()
        };
        // Records with every word score their sum once more; with three or
        // more words, those missing one score it once more as well.
        should.push((
            Occur::Should,
            Box::new(BooleanQuery::with_minimum_required_clauses(words(), n)),
        ));
        if n >= 3 {
            should.push((
                Occur::Should,
                Box::new(BooleanQuery::with_minimum_required_clauses(words(), n - 1)),
            ));
        }
    }
    Box::new(BooleanQuery::new(should))
}

/// Runs a query: pages ranked by `combine` of their own score and their
/// best section's (ties by site order), each with that section.
pub fn run(ix: &SearchIndex, query: &str, filters: &Filters, limit: usize) -> Result<Results> {
    if let Err(problem) = super::filters::check(ix, filters) {
        bail!(problem);
    }
    let plan = plan(&parse(query), ix);
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
    let pages = collect_all(&searcher, &BooleanQuery::new(clauses))?;
    let sections = collect_all(
        &searcher,
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
    Ok(Results { total, hits, plan })
}

/// Every match as (score, record, address), best first, ties in record order.
fn collect_all(searcher: &Searcher, query: &dyn Query) -> Result<Vec<(Score, u64, DocAddress)>> {
    let limit = (searcher.num_docs() as usize).max(1);
    let top: Vec<(Score, DocAddress)> = searcher.search(query, &TopDocs::with_limit(limit))?;
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
        let mut out = Vec::with_capacity(self.pages.len());
        let mut n = 0;
        for p in &self.pages {
            out.push(n);
            n += p.sections.len();
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(text: &str, prefix: bool) -> Word {
        Word {
            text: text.into(),
            prefix,
        }
    }

    #[test]
    fn query_language() {
        let p = parse("Wmo-loket \"sociaal wijkteam\" -jeugd wijkt* -\"eerste lijn\"");
        assert_eq!(
            p.words,
            [w("wmo", false), w("loket", false), w("wijkt", true)]
        );
        assert_eq!(p.phrases, [vec!["sociaal".to_string(), "wijkteam".into()]]);
        assert_eq!(p.excluded_words, ["jeugd"]);
        assert_eq!(
            p.excluded_phrases,
            [vec!["eerste".to_string(), "lijn".into()]]
        );
    }

    #[test]
    fn curly_quotes_and_accents() {
        let p = parse("“Hét team” risico’s");
        assert_eq!(p.phrases, [vec!["het".to_string(), "team".into()]]);
        assert_eq!(p.words, [w("risicos", false)]);
    }

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

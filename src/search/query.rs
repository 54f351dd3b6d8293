//! Queries against the tantivy index: the query language (words, `"phrases"`,
//! `-exclusion`, `prefix*`), resolving words to indexed terms through the
//! lexicon, the tantivy query that ranks pages, the best `##` section per page
//! and the excerpt. The browser client (`search.js`) implements the same steps.

use super::analysis::{self, Stem, MAX_PHRASE_WORDS};
use super::collect::{FACETS, FIELDS};
use super::index::{SearchIndex, SECTION_BIT};
use anyhow::{bail, Result};
use std::collections::{BTreeMap, HashMap, HashSet};
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

/// A query resolved to indexed terms.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plan {
    /// Each clause: a set of alternative terms (any may match).
    pub term_clauses: Vec<Vec<String>>,
    /// When every word of a query of two or more words resolved: the number
    /// of leading `term_clauses` that are its words. Pages that match them
    /// all score their sum once more, so full matches rank above partial ones.
    pub all_words: Option<usize>,
    pub phrases: Vec<Vec<String>>,
    pub excluded: Vec<Vec<String>>,
    pub excluded_phrases: Vec<Vec<String>>,
}

impl Plan {
    pub fn terms(&self) -> HashSet<&str> {
        self.term_clauses
            .iter()
            .chain(&self.phrases)
            .flatten()
            .map(String::as_str)
            .collect()
    }
}

/// Resolves the words of a parsed query, in the same steps as the client:
/// exact surface, else (CLI only) the stem if indexed, else close spellings.
pub fn plan(parsed: &Parsed, ix: &SearchIndex) -> Plan {
    let mut stem = Stem::default();
    let mut plan = Plan::default();
    let df = |term: &str| -> u64 { ix.doc_freqs(term).iter().sum() };
    for word in &parsed.words {
        let terms = if word.prefix {
            prefix_terms(ix, &word.text, &df)
        } else {
            exact(ix, &mut stem, &word.text)
                .map(|t| vec![t])
                .unwrap_or_else(|| fuzzy_terms(ix, &word.text, &df))
        };
        if !terms.is_empty() {
            plan.term_clauses.push(terms);
        }
    }
    let words = parsed.words.len();
    if words >= 2 && plan.term_clauses.len() == words {
        plan.all_words = Some(words);
    }
    // Spaced spellings of solid words and synonyms: `nulde lijn` -> `nuldelijn`.
    let plain: Vec<&Word> = parsed.words.iter().collect();
    for i in 0..plain.len() {
        let mut joined = plain[i].text.clone();
        for k in 1..MAX_PHRASE_WORDS.min(plain.len() - i) {
            if plain[i + k - 1].prefix || plain[i + k].prefix {
                break;
            }
            joined.push_str(&plain[i + k].text);
            if let Some(term) = ix.lexicon.get(&joined) {
                plan.term_clauses.push(vec![term.to_string()]);
            }
        }
    }
    for phrase in &parsed.phrases {
        let terms: Option<Vec<String>> = phrase.iter().map(|w| exact(ix, &mut stem, w)).collect();
        plan.phrases.push(terms.unwrap_or_default());
    }
    for w in &parsed.excluded_words {
        if let Some(t) = exact(ix, &mut stem, w) {
            plan.excluded.push(vec![t]);
        }
    }
    for phrase in &parsed.excluded_phrases {
        if let Some(terms) = phrase.iter().map(|w| exact(ix, &mut stem, w)).collect() {
            plan.excluded_phrases.push(terms);
        }
    }
    plan
}

fn exact(ix: &SearchIndex, stem: &mut Stem, word: &str) -> Option<String> {
    if let Some(term) = ix.lexicon.get(word) {
        return Some(term.to_string());
    }
    let term = stem.stem(word);
    ix.doc_freqs(&term).iter().any(|n| *n > 0).then_some(term)
}

fn prefix_terms(ix: &SearchIndex, prefix: &str, df: &dyn Fn(&str) -> u64) -> Vec<String> {
    let mut terms: Vec<&str> = ix
        .lexicon
        .with_prefix(prefix)
        .map(|(_, t)| t.as_str())
        .collect();
    terms.sort_unstable();
    terms.dedup();
    let mut ranked: Vec<(u64, &str)> = terms.into_iter().map(|t| (df(t), t)).collect();
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    ranked
        .into_iter()
        .take(MAX_PREFIX_TERMS)
        .map(|(_, t)| t.to_string())
        .collect()
}

/// Edits allowed for a word of this many letters: 1 from 5, 2 from 9.
pub fn max_edits(len: usize) -> usize {
    match len {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// Terms of surfaces within the allowed edits that share the word's first two letters.
fn fuzzy_terms(ix: &SearchIndex, word: &str, df: &dyn Fn(&str) -> u64) -> Vec<String> {
    let len = word.chars().count();
    let edits = max_edits(len);
    if edits == 0 {
        return Vec::new();
    }
    let head: String = word.chars().take(2).collect();
    let mut found: Vec<(usize, u64, &str)> = Vec::new();
    for (surface, term) in ix.lexicon.with_prefix(&head) {
        if surface.chars().count().abs_diff(len) > edits {
            continue;
        }
        let d = strsim::levenshtein(surface, word);
        if d <= edits && !found.iter().any(|(_, _, t)| *t == term.as_str()) {
            found.push((d, df(term), term.as_str()));
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(b.2)));
    found
        .into_iter()
        .take(MAX_FUZZY_TERMS)
        .map(|(_, _, t)| t.to_string())
        .collect()
}

/// Filters: facet name (see `FACETS`) -> accepted values (any of).
pub type Filters = BTreeMap<String, Vec<String>>;

/// One ranked page.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Page number in site order (index into `Corpus::pages`).
    pub page: usize,
    pub score: Score,
    /// Index into the page's sections of the best-matching `##` section.
    pub section: Option<usize>,
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
fn term_query(ix: &SearchIndex, terms: &[String]) -> Box<dyn Query> {
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

fn phrase_query(ix: &SearchIndex, terms: &[String]) -> Box<dyn Query> {
    if terms.is_empty() {
        return Box::new(EmptyQuery);
    }
    if terms.len() == 1 {
        return term_query(ix, terms);
    }
    Box::new(BooleanQuery::new(with_boosts(ix, |f| {
        Box::new(PhraseQuery::new(
            terms.iter().map(|t| Term::from_field_text(f, t)).collect(),
        ))
    })))
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
fn scoring_query(ix: &SearchIndex, plan: &Plan) -> Box<dyn Query> {
    let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for terms in &plan.term_clauses {
        should.push((Occur::Should, term_query(ix, terms)));
    }
    for terms in &plan.phrases {
        should.push((Occur::Should, phrase_query(ix, terms)));
    }
    if let Some(n) = plan.all_words {
        let all: Vec<(Occur, Box<dyn Query>)> = plan.term_clauses[..n]
            .iter()
            .map(|terms| (Occur::Must, term_query(ix, terms)))
            .collect();
        should.push((Occur::Should, Box::new(BooleanQuery::new(all))));
    }
    Box::new(BooleanQuery::new(should))
}

/// Runs a query: pages ranked by score (ties by site order), the best
/// section of each of the first `limit`.
pub fn run(ix: &SearchIndex, query: &str, filters: &Filters, limit: usize) -> Result<Results> {
    if let Err(problem) = super::filters::check(ix, filters) {
        bail!(problem);
    }
    let plan = plan(&parse(query), ix);
    if plan.term_clauses.is_empty() && plan.phrases.iter().all(Vec::is_empty) {
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
    let pages = collect_all(&searcher, ix, &BooleanQuery::new(clauses))?;
    let total = pages.len();
    let mut hits: Vec<Hit> = pages
        .into_iter()
        .take(limit)
        .map(|(score, record)| Hit {
            page: record as usize,
            score,
            section: None,
        })
        .collect();
    best_sections(ix, &searcher, &plan, &mut hits)?;
    Ok(Results { total, hits, plan })
}

/// Every match as (score, record), best first, ties in record order.
fn collect_all(
    searcher: &Searcher,
    ix: &SearchIndex,
    query: &dyn Query,
) -> Result<Vec<(Score, u64)>> {
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
        out.push((score, record));
    }
    let _ = ix;
    out.sort_by(|a, b| quantize(b.0).cmp(&quantize(a.0)).then(a.1.cmp(&b.1)));
    Ok(out)
}

/// The score as compared for ranking (see `SCORE_QUANTUM`).
pub fn quantize(score: Score) -> i64 {
    (f64::from(score) / SCORE_QUANTUM).round() as i64
}

fn best_sections(
    ix: &SearchIndex,
    searcher: &Searcher,
    plan: &Plan,
    hits: &mut [Hit],
) -> Result<()> {
    if hits.is_empty() {
        return Ok(());
    }
    let pages: Vec<(Occur, Box<dyn Query>)> = hits
        .iter()
        .map(|h| {
            let q: Box<dyn Query> = Box::new(TermQuery::new(
                Term::from_field_u64(ix.fields.page, h.page as u64),
                IndexRecordOption::Basic,
            ));
            (Occur::Should, q)
        })
        .collect();
    let query = BooleanQuery::new(vec![
        (Occur::Must, scoring_query(ix, plan)),
        filter(exact_term(ix.fields.level, "section")),
        filter(Box::new(BooleanQuery::new(pages))),
    ]);
    let first_section = ix.corpus.first_sections();
    let mut best: HashMap<usize, usize> = HashMap::new();
    for (_, record) in collect_all(searcher, ix, &query)? {
        let number = (record & !SECTION_BIT) as usize;
        let page = first_section.partition_point(|&s| s <= number) - 1;
        best.entry(page).or_insert(number - first_section[page]);
    }
    for hit in hits {
        hit.section = best.get(&hit.page).copied();
    }
    Ok(())
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
    fn typo_budget_grows_with_length() {
        assert_eq!(max_edits(4), 0);
        assert_eq!(max_edits(5), 1);
        assert_eq!(max_edits(8), 1);
        assert_eq!(max_edits(9), 2);
    }
}

//! The tantivy queries a plan scores with: a term in every field, boosted;
//! phrases; a phrase as typed; neighbouring words as pairs; and the whole
//! scoring query with its all-words bonus. The client's scoring in `search.js` adds the same parts.

use crate::search::collect::FIELDS;
use crate::search::index::SearchIndex;
use crate::search::pairs::PAIR_FIELDS;
use crate::search::plan::{Plan, PART_WEIGHT};
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, DisjunctionMaxQuery, EmptyQuery, Occur, PhraseQuery,
    Query, TermQuery,
};
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

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

/// A rare compound's part (`Plan::parts`): the term, scored at `PART_WEIGHT`.
pub fn part_query(ix: &SearchIndex, term: &str) -> Box<dyn Query> {
    let part = term_query(ix, &[term.to_string()]);
    Box::new(BoostQuery::new(part, PART_WEIGHT))
}

/// Two neighbouring words in a record's pair fields, boosted, summed.
pub fn pair_query(ix: &SearchIndex, pair: &str) -> Box<dyn Query> {
    let clauses = ix
        .fields
        .pairs
        .iter()
        .zip(PAIR_FIELDS.map(|(_, boost)| boost))
        .map(|(field, boost)| -> (Occur, Box<dyn Query>) {
            let q = TermQuery::new(
                Term::from_field_text(*field, pair),
                IndexRecordOption::WithFreqs,
            );
            (Occur::Should, Box::new(BoostQuery::new(Box::new(q), boost)))
        })
        .collect();
    Box::new(BooleanQuery::new(clauses))
}

pub(super) fn filter(q: Box<dyn Query>) -> (Occur, Box<dyn Query>) {
    (Occur::Must, Box::new(ConstScoreQuery::new(q, 0.0)))
}

pub(super) fn exact_term(field: tantivy::schema::Field, value: &str) -> Box<dyn Query> {
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
    for term in &plan.parts {
        should.push((Occur::Should, part_query(ix, term)));
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
    for pair in &plan.pairs {
        should.push((Occur::Should, pair_query(ix, pair)));
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

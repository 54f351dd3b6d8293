//! `kennisbank search --explain`: why a page ranks where it does. For each
//! result, the page record's and the best section's score broken down by
//! term and field (each part is the score tantivy's own scorer gives that
//! term in that field, with its boost, at that record), plus phrases, words
//! that stand together and the all-words bonus. (`Query::explain` would do, but tantivy 0.25's phrase
//! explanation panics for a record before the phrase's first match.)

use super::collect::FIELDS;
use super::index::SearchIndex;
use super::query::{self, Hit, Plan};
use anyhow::Result;
use serde::Serialize;
use tantivy::query::{BooleanQuery, BoostQuery, EnableScoring, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocSet, Term};

/// One scored part of a record: a term in a field, a phrase, or a bonus.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Part {
    /// The word as the site writes it (or the phrase, or the bonus).
    pub what: String,
    /// The field it scored in (`None` for phrases and bonuses, all fields).
    pub field: Option<String>,
    pub score: f64,
}

/// One record's score and its parts.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Record {
    /// `page`, or the section's heading.
    pub record: String,
    pub score: f64,
    pub parts: Vec<Part>,
}

/// A result's explanation: its rank score is the larger of the two records'.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Explained {
    pub page: Record,
    pub section: Option<Record>,
    /// Ranked among the first because it says the query word for word.
    pub verbatim: bool,
}

/// Explains one hit of `plan`.
pub fn explain(ix: &SearchIndex, plan: &Plan, hit: &Hit) -> Result<Explained> {
    let searcher = ix.reader.searcher();
    let stats = &query::OneIdf::new(ix, &searcher);
    let page = record(ix, stats, plan, hit.page_doc, "page".to_string())?;
    let section = match (hit.section_doc, hit.section) {
        (Some(doc), Some(i)) => {
            let section = &ix.corpus.pages[hit.page].sections[i];
            let heading = match section.id.as_str() {
                "" => "begin van de pagina".to_string(),
                _ => section.heading.clone(),
            };
            Some(record(ix, stats, plan, doc, heading)?)
        }
        _ => None,
    };
    Ok(Explained {
        page,
        section,
        verbatim: hit.verbatim,
    })
}

/// A surface the site writes for `term` (the one the query searched, if any).
fn surface(ix: &SearchIndex, plan: &Plan, term: &str) -> String {
    plan.notes
        .searched
        .iter()
        .find(|s| ix.lexicon.get(s) == Some(term))
        .cloned()
        .or_else(|| {
            ix.lexicon
                .entries
                .iter()
                .find(|(_, t)| t == term)
                .map(|(s, _)| s.clone())
        })
        .unwrap_or_else(|| term.to_string())
}

fn record(
    ix: &SearchIndex,
    stats: &query::OneIdf,
    plan: &Plan,
    doc: DocAddress,
    name: String,
) -> Result<Record> {
    let score = |q: &dyn Query| -> Option<f64> {
        score_at(q, stats, doc)
            .map(query::round)
            .filter(|s| *s > 0.0)
    };
    let mut parts = Vec::new();
    let mut terms: Vec<&String> = plan.term_clauses.iter().flatten().collect();
    terms.dedup();
    for term in terms {
        for (field, (name, boost)) in ix.fields.text.iter().zip(FIELDS) {
            let q = BoostQuery::new(
                Box::new(TermQuery::new(
                    Term::from_field_text(*field, term),
                    IndexRecordOption::WithFreqs,
                )),
                boost,
            );
            if let Some(s) = score(&q) {
                parts.push(Part {
                    what: surface(ix, plan, term),
                    field: Some(name.to_string()),
                    score: s,
                });
            }
        }
    }
    for term in &plan.parts {
        if let Some(s) = score(query::part_query(ix, term).as_ref()) {
            parts.push(Part {
                what: format!("deel: \u{2018}{}\u{2019}", surface(ix, plan, term)),
                field: None,
                score: s,
            });
        }
    }
    for phrase in &plan.phrases {
        if phrase.len() < 2 {
            continue;
        }
        let q = query::phrase_query(ix, phrase);
        if let Some(s) = score(q.as_ref()) {
            let words: Vec<String> = phrase.iter().map(|(_, t)| surface(ix, plan, t)).collect();
            parts.push(Part {
                what: format!("\u{201C}{}\u{201D}", words.join(" ")),
                field: None,
                score: s,
            });
        }
    }
    for (i, all) in &plan.exact_phrases {
        let q = query::exact_phrase_query(ix, &plan.phrases[*i], all);
        if let Some(s) = score(q.as_ref()) {
            parts.push(Part {
                what: "woordelijk (nog eens)".into(),
                field: None,
                score: s,
            });
        }
    }
    for pair in &plan.pairs {
        if let Some(s) = score(query::pair_query(ix, pair).as_ref()) {
            parts.push(Part {
                what: format!("bij elkaar: {}", super::pairs::spoken(pair)),
                field: None,
                score: s,
            });
        }
    }
    if let Some(n) = plan.all_words {
        let words = || -> Vec<(Occur, Box<dyn Query>)> {
            plan.term_clauses[..n]
                .iter()
                .map(|t| (Occur::Should, query::term_query(ix, t)))
                .collect()
        };
        let all = BooleanQuery::with_minimum_required_clauses(words(), n);
        if let Some(s) = score(&all) {
            parts.push(Part {
                what: "alle woorden (nog eens)".into(),
                field: None,
                score: s,
            });
        }
        if n >= 3 {
            let most = BooleanQuery::with_minimum_required_clauses(words(), n - 1);
            if let Some(s) = score(&most) {
                parts.push(Part {
                    what: "alle woorden op één na (nog eens)".into(),
                    field: None,
                    score: s,
                });
            }
        }
    }
    let total = score(query::scoring_query(ix, plan).as_ref()).unwrap_or(0.0);
    Ok(Record {
        record: name,
        score: total,
        parts,
    })
}

/// The score `query` gives the record at `doc`, if it matches: the scorer
/// is positioned on its first match, so a record before it does not match.
fn score_at(query: &dyn Query, stats: &query::OneIdf, doc: DocAddress) -> Option<f32> {
    let weight = query
        .weight(EnableScoring::enabled_from_statistics_provider(
            stats,
            stats.searcher,
        ))
        .ok()?;
    let reader = stats.searcher.segment_reader(doc.segment_ord);
    let mut scorer = weight.scorer(reader, 1.0).ok()?;
    if scorer.doc() > doc.doc_id || scorer.seek(doc.doc_id) != doc.doc_id {
        return None;
    }
    Some(scorer.score())
}

/// The explanation as text, indented under a result.
pub fn text(e: &Explained) -> String {
    let mut out = String::new();
    let section = e.section.as_ref();
    match section {
        Some(s) => out.push_str(&format!(
            "    score = max(page {:.3}, section \u{2018}{}\u{2019} {:.3})\n",
            e.page.score, s.record, s.score
        )),
        None => out.push_str(&format!("    score = page {:.3}\n", e.page.score)),
    }
    if e.verbatim {
        out.push_str("    staat er woordelijk zoals getypt: bij de eerste resultaten\n");
    }
    for r in std::iter::once(&e.page).chain(section) {
        out.push_str(&format!("    {} {:.3}:\n", r.record, r.score));
        for p in &r.parts {
            match &p.field {
                Some(f) => out.push_str(&format!(
                    "      {:<28} {:<9} {:>8.3}\n",
                    format!("\u{2018}{}\u{2019}", p.what),
                    f,
                    p.score
                )),
                None => out.push_str(&format!("      {:<38} {:>8.3}\n", p.what, p.score)),
            }
        }
    }
    out
}

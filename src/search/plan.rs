//! From a parsed query to the terms it searches, in the same steps as the
//! client (`plan` in `search.js`): function words are left out unless the
//! query has nothing else; every other word is looked up as written, then as
//! another form of itself (`forms::variants`), then as a compound of two words
//! the site writes (with the linking letters `s`, `e`, `en`), then as a typo;
//! a word that finds nothing is reported with the nearest spelling the site
//! uses. Nothing here stems: every lookup goes through the lexicon.

use super::analysis::MAX_PHRASE_WORDS;
use super::forms::{separable, variants};
use super::index::SearchIndex;
pub use super::lookup::compound_parts;
use super::lookup::{Found, Lookup};
use super::query::{Parsed, Word, MAX_PREFIX_TERMS};
use super::spelling::unmatched;
pub use super::spelling::{max_edits, FUZZY_HEAD};
use serde::Serialize;
use std::collections::HashSet;

/// Linking letters tried between the parts of a query compound, as indexing does.
pub const LINKS: [&str; 4] = ["", "s", "e", "en"];

/// A compound the site writes in at most this many places (its document
/// frequency summed over the fields) is searched by its parts too:
/// `machtsverhoudingen`, written once, also finds the pages about `macht`. A
/// common compound (`wijkteams`) finds enough by itself.
pub const RARE_COMPOUND: u64 = 3;

/// The fewest letters of a word found only at the start of others (the
/// head of compounds the site writes) that is searched as such.
pub const MIN_HEAD: usize = 6;

/// What a rare compound's part scores, against a word of the query: less,
/// so that the page with the compound itself (which indexing splits too, so
/// it matches the parts as well) stays above a page with a part in its title.
/// A power of two, so the client's product is tantivy's to the bit.
pub const PART_WEIGHT: f32 = 0.5;

/// A query resolved to indexed terms.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plan {
    /// Each clause: a set of alternative terms (any may match).
    pub term_clauses: Vec<Vec<String>>,
    /// When two or more words resolved, all of them: the number of leading
    /// `term_clauses` that are its words. Records matching them all score
    /// their sum once more, so full matches rank above partial ones.
    pub all_words: Option<usize>,
    /// Phrases as (offset, term): function words keep their place, unsearched.
    pub phrases: Vec<Vec<(usize, String)>>,
    /// Phrases that left function words out, with them: (the phrase's index
    /// in `phrases`, all its terms). A record with the wording as typed
    /// scores that phrase once more, so "rol voor de burger" ranks the
    /// page that says so above one that says "rol van de burger".
    pub exact_phrases: Vec<(usize, Vec<(usize, String)>)>,
    /// Neighbouring query words as pair terms (`pairs::query_pairs`): a
    /// record where they stand together scores each pair once more.
    pub pairs: Vec<String>,
    /// The terms of rare compounds' parts, each scored at `PART_WEIGHT`.
    pub parts: Vec<String>,
    pub excluded: Vec<Vec<String>>,
    pub excluded_phrases: Vec<Vec<(usize, String)>>,
    /// What the reader should know: words found nowhere, words read as others.
    pub notes: Notes,
}

/// What a query searched for, in words a reader can check.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Notes {
    /// Words that no page uses, with the nearest spelling the site uses.
    pub unmatched: Vec<Unmatched>,
    /// Words that no page uses, searched as the nearest spelling the site
    /// uses (a typo's correction, which may be another word).
    pub corrected: Vec<Corrected>,
    /// Function words left out of the ranking.
    pub ignored: Vec<String>,
    /// The words searched, as the site writes them (`gezocht op`).
    pub searched: Vec<String>,
    /// The parts of rare compounds, searched as well (`RARE_COMPOUND`).
    pub parts: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unmatched {
    pub word: String,
    pub suggestion: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Corrected {
    pub word: String,
    pub searched: String,
}

impl Plan {
    pub fn terms(&self) -> HashSet<&str> {
        self.term_clauses
            .iter()
            .flatten()
            .chain(&self.parts)
            .map(String::as_str)
            .chain(self.phrases.iter().flatten().map(|(_, t)| t.as_str()))
            .collect()
    }

    pub fn is_empty(&self) -> bool {
        self.term_clauses.is_empty() && self.phrases.iter().all(Vec::is_empty)
    }
}

/// Resolves a parsed query.
pub fn plan(parsed: &Parsed, ix: &SearchIndex) -> Plan {
    let look = Lookup::new(ix);
    let mut plan = Plan::default();
    let df = |term: &str| -> u64 { ix.doc_freqs(term).iter().sum() };
    // Function words count only in a query of nothing else.
    let content = parsed
        .words
        .iter()
        .any(|w| w.prefix || !look.stop.contains(&w.text))
        || !parsed.phrases.is_empty();
    let mut words = 0;
    let mut part_clauses: Vec<(String, String)> = Vec::new();
    for word in &parsed.words {
        if content && !word.prefix && look.stop.contains(&word.text) {
            push_new(&mut plan.notes.ignored, &word.text);
            continue;
        }
        if word.prefix {
            let terms = prefix_terms(ix, &word.text, &df);
            if terms.is_empty() {
                plan.notes.unmatched.push(unmatched(ix, &word.text));
            } else {
                plan.notes.searched.push(format!("{}*", word.text));
                words += push_word(&mut plan.term_clauses, terms);
            }
            continue;
        }
        match look.resolve(&word.text) {
            Some(Found::Term(surface, term)) => {
                if df(&term) <= RARE_COMPOUND {
                    let parts = look.compound(&surface).unwrap_or_default();
                    part_clauses.extend(parts);
                }
                plan.notes.searched.push(surface);
                words += push_word(&mut plan.term_clauses, vec![term]);
            }
            Some(Found::Parts(parts)) => {
                for (surface, term) in parts {
                    plan.notes.searched.push(surface);
                    words += push_word(&mut plan.term_clauses, vec![term]);
                }
            }
            Some(Found::Close(close)) => {
                plan.notes.corrected.push(Corrected {
                    word: word.text.clone(),
                    searched: close[0].0.clone(),
                });
                plan.notes.searched.push(close[0].0.clone());
                let terms = close.into_iter().map(|(_, t)| t).collect();
                words += push_word(&mut plan.term_clauses, terms);
            }
            // Written only as the first part of compounds (`maaltijden`:
            // the site writes `maaltijdbezorging`): the words it starts.
            None => match compound_head(&look, &word.text, &df) {
                Some((head, terms)) => {
                    plan.notes.searched.push(format!("{head}*"));
                    words += push_word(&mut plan.term_clauses, terms);
                }
                None => plan.notes.unmatched.push(unmatched(ix, &word.text)),
            },
        }
    }
    if words >= 2 && plan.notes.unmatched.is_empty() {
        plan.all_words = Some(plan.term_clauses.len());
    }
    plan.pairs = super::pairs::query_pairs(&parsed.words, look.stop);
    // Spaced spellings of solid words and synonyms: `nulde lijn` -> `nuldelijn`;
    // not a run of function words alone (`zo dat` is not `zodat`).
    let plain: Vec<&Word> = parsed.words.iter().collect();
    for i in 0..plain.len() {
        let mut joined = plain[i].text.clone();
        let mut only_stop = look.stop.contains(&plain[i].text);
        for k in 1..MAX_PHRASE_WORDS.min(plain.len() - i) {
            if plain[i + k - 1].prefix || plain[i + k].prefix {
                break;
            }
            joined.push_str(&plain[i + k].text);
            only_stop &= look.stop.contains(&plain[i + k].text);
            if content && only_stop {
                continue;
            }
            if let Some(term) = ix.lexicon.get(&joined) {
                plan.term_clauses.push(vec![term.to_string()]);
            }
            // Two content words the site writes as one with a linking
            // letter: `zelfredzaamheid matrix` -> `zelfredzaamheidsmatrix`.
            if k == 1 {
                for linked in linked_joins(&plain[i].text, &plain[i + 1].text, look.stop) {
                    if let Some(term) = ix.lexicon.get(&linked) {
                        plan.term_clauses.push(vec![term.to_string()]);
                    }
                }
            }
        }
    }
    // A separable verb's particle at the end: `rolden … uit` -> `uitrol`.
    if parsed.words.last().is_some_and(|w| !w.prefix) {
        let texts: Vec<&str> = parsed
            .words
            .iter()
            .filter(|w| !w.prefix)
            .map(|w| w.text.as_str())
            .collect();
        for joined in separable(&texts, |w| look.stop.contains(w)) {
            if let Some((_, term)) = look.form(&joined) {
                if !plan
                    .term_clauses
                    .iter()
                    .any(|c| c == std::slice::from_ref(&term))
                {
                    plan.term_clauses.push(vec![term]);
                }
            }
        }
    }
    for (surface, term) in part_clauses {
        let word = plan.term_clauses.iter().any(|c| c.contains(&term));
        if !word && !plan.parts.contains(&term) {
            plan.parts.push(term);
            plan.notes.parts.push(surface);
        }
    }
    for phrase in &parsed.phrases {
        match phrase_terms(&look, phrase) {
            Ok(terms) => {
                plan.notes
                    .searched
                    .push(format!("\u{201C}{}\u{201D}", phrase.join(" ")));
                if let Some(all) = exact_terms(&look, phrase, terms.len()) {
                    plan.exact_phrases.push((plan.phrases.len(), all));
                }
                plan.phrases.push(terms);
            }
            Err(missing) => {
                plan.notes.unmatched.push(unmatched(ix, &missing));
                plan.phrases.push(Vec::new());
            }
        }
    }
    for w in &parsed.excluded_words {
        if let Some((_, t)) = look.form(w) {
            plan.excluded.push(vec![t]);
        }
    }
    for phrase in &parsed.excluded_phrases {
        if let Ok(terms) = phrase_terms(&look, phrase) {
            plan.excluded_phrases.push(terms);
        }
    }
    plan
}

/// Two neighbouring content words joined by each linking letter (`LINKS`
/// after the empty one), as a compound the site may write.
pub fn linked_joins(a: &str, b: &str, stop: &HashSet<String>) -> Vec<String> {
    if stop.contains(a) || stop.contains(b) {
        return Vec::new();
    }
    LINKS[1..]
        .iter()
        .map(|link| format!("{a}{link}{b}"))
        .collect()
}

/// A phrase's terms with their offsets; function words keep their place but
/// are not searched, unless the phrase has nothing else. Err: a word not found.
fn phrase_terms(look: &Lookup, phrase: &[String]) -> Result<Vec<(usize, String)>, String> {
    let all_stop = phrase.iter().all(|w| look.stop.contains(w));
    let mut out = Vec::new();
    for (offset, w) in phrase.iter().enumerate() {
        if !all_stop && look.stop.contains(w) {
            continue;
        }
        match look.form(w) {
            Some((_, t)) => out.push((offset, t)),
            None => return Err(w.clone()),
        }
    }
    // Offsets count from the first searched word.
    let first = out.first().map_or(0, |(o, _)| *o);
    Ok(out.into_iter().map(|(o, t)| (o - first, t)).collect())
}

/// Every word of a phrase, function words included, with its offset, when
/// the phrase searched fewer (`searched`) and the site writes every word.
fn exact_terms(look: &Lookup, phrase: &[String], searched: usize) -> Option<Vec<(usize, String)>> {
    if searched == 0 || searched == phrase.len() {
        return None;
    }
    phrase
        .iter()
        .enumerate()
        .map(|(offset, w)| look.form(w).map(|(_, t)| (offset, t)))
        .collect()
}

/// For a word found nowhere, not even as a typo: the word or its first
/// other form of at least `MIN_HEAD` letters that begins words the site
/// writes, with those words' terms as for `head*`.
fn compound_head(
    look: &Lookup,
    word: &str,
    df: &dyn Fn(&str) -> u64,
) -> Option<(String, Vec<String>)> {
    std::iter::once(word.to_string())
        .chain(variants(word))
        .filter(|v| v.chars().count() >= MIN_HEAD && !look.stop.contains(v))
        .find_map(|v| {
            let terms = prefix_terms(look.ix, &v, df);
            (!terms.is_empty()).then_some((v, terms))
        })
}

/// A word's clause, unless an earlier word's is the same: a word typed
/// twice, or two forms of one word (`doen we de goede dingen en doen we ze
/// goed`), scores once and counts once for the all-words bonus. 1 when added.
fn push_word(clauses: &mut Vec<Vec<String>>, clause: Vec<String>) -> usize {
    if clauses.contains(&clause) {
        return 0;
    }
    clauses.push(clause);
    1
}

fn push_new(list: &mut Vec<String>, item: &str) {
    if !list.iter().any(|x| x == item) {
        list.push(item.to_string());
    }
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

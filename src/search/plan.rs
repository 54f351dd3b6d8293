//! From a parsed query to the terms it searches, in the same steps as the
//! client (`plan` in `search.js`): function words are left out unless the
//! query has nothing else; every other word is looked up as written, then as
//! another form of itself (`forms::variants`), then as a compound of two words
//! the site writes (with the linking letters `s`, `e`, `en`), then as a typo;
//! a word that finds nothing is reported with the nearest spelling the site
//! uses. Nothing here stems: every lookup goes through the lexicon.

use super::analysis::MAX_PHRASE_WORDS;
use super::analysis::MIN_PART;
use super::forms::{separable, variants};
use super::index::SearchIndex;
use super::query::{Parsed, Word, MAX_PREFIX_TERMS};
use super::spelling::{fuzzy, unmatched};
pub use super::spelling::{max_edits, FUZZY_HEAD};
use serde::Serialize;
use std::collections::HashSet;

/// Linking letters tried between the parts of a query compound, as indexing does.
pub const LINKS: [&str; 4] = ["", "s", "e", "en"];

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
    /// Function words left out of the ranking.
    pub ignored: Vec<String>,
    /// The words searched, as the site writes them (`gezocht op`).
    pub searched: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unmatched {
    pub word: String,
    pub suggestion: Option<String>,
}

impl Plan {
    pub fn terms(&self) -> HashSet<&str> {
        self.term_clauses
            .iter()
            .flatten()
            .map(String::as_str)
            .chain(self.phrases.iter().flatten().map(|(_, t)| t.as_str()))
            .collect()
    }

    pub fn is_empty(&self) -> bool {
        self.term_clauses.is_empty() && self.phrases.iter().all(Vec::is_empty)
    }
}

/// How one word was found.
enum Found {
    /// One term, under this surface.
    Term(String, String),
    /// A compound the site does not write: the terms of its parts.
    Parts(Vec<(String, String)>),
    /// Close spellings (a typo): alternative terms.
    Close(Vec<(String, String)>),
}

/// The lexicon lookups a plan needs, so that the rules are written once.
struct Lookup<'a> {
    ix: &'a SearchIndex,
    stop: &'a HashSet<String>,
}

impl Lookup<'_> {
    fn exact(&self, word: &str) -> Option<(String, String)> {
        self.ix
            .lexicon
            .get(word)
            .map(|t| (word.to_string(), t.to_string()))
    }

    /// The word as written, else the first of its other forms the site uses
    /// (never a function word for a content word).
    fn form(&self, word: &str) -> Option<(String, String)> {
        self.exact(word).or_else(|| {
            let stop = self.stop.contains(word);
            variants(word)
                .into_iter()
                .filter(|v| stop || !self.stop.contains(v))
                .find_map(|v| self.exact(&v))
        })
    }

    fn is_part(&self, word: &str) -> bool {
        (word.chars().count() >= MIN_PART || self.ix.short_parts.contains(word))
            && !self.stop.contains(word)
    }

    /// Two words the site uses, longest first part first, joined by a
    /// linking letter; the second may be another form of a word it uses.
    /// Only when no first part is written as such may the first part be
    /// another form too (`tienermoedergroep`: the site writes `tienermoeders`).
    fn compound(&self, word: &str) -> Option<Vec<(String, String)>> {
        self.split(word, false).or_else(|| self.split(word, true))
    }

    fn split(&self, word: &str, head_forms: bool) -> Option<Vec<(String, String)>> {
        let bounds: Vec<usize> = word.char_indices().map(|(i, _)| i).skip(1).collect();
        for &i in bounds.iter().rev() {
            let (head, rest) = word.split_at(i);
            if !self.is_part(head) {
                continue;
            }
            let head = if head_forms {
                self.form(head)
            } else {
                self.exact(head)
            };
            let Some(head) = head else {
                continue;
            };
            for link in LINKS {
                let Some(tail) = rest.strip_prefix(link) else {
                    continue;
                };
                if tail.is_empty() || !self.is_part(tail) {
                    continue;
                }
                if let Some(tail) = self.form(tail) {
                    return Some(vec![head, tail]);
                }
            }
        }
        None
    }

    fn resolve(&self, word: &str) -> Option<Found> {
        if let Some((s, t)) = self.form(word) {
            return Some(Found::Term(s, t));
        }
        if let Some(parts) = self.compound(word) {
            return Some(Found::Parts(parts));
        }
        let close = fuzzy(self.ix, word);
        (!close.is_empty()).then_some(Found::Close(close))
    }
}

/// Resolves a parsed query.
pub fn plan(parsed: &Parsed, ix: &SearchIndex) -> Plan {
    let look = Lookup {
        ix,
        stop: &ix.stop_words,
    };
    let mut plan = Plan::default();
    let df = |term: &str| -> u64 { ix.doc_freqs(term).iter().sum() };
    // Function words count only in a query of nothing else.
    let content = parsed
        .words
        .iter()
        .any(|w| w.prefix || !look.stop.contains(&w.text))
        || !parsed.phrases.is_empty();
    let mut words = 0;
    for word in &parsed.words {
        if content && !word.prefix && look.stop.contains(&word.text) {
            push_new(&mut plan.notes.ignored, &word.text);
            continue;
        }
        words += 1;
        if word.prefix {
            let terms = prefix_terms(ix, &word.text, &df);
            if terms.is_empty() {
                plan.notes.unmatched.push(unmatched(ix, &word.text));
                words -= 1;
            } else {
                plan.notes.searched.push(format!("{}*", word.text));
                plan.term_clauses.push(terms);
            }
            continue;
        }
        match look.resolve(&word.text) {
            Some(Found::Term(surface, term)) => {
                plan.notes.searched.push(surface);
                plan.term_clauses.push(vec![term]);
            }
            Some(Found::Parts(parts)) => {
                words += parts.len() - 1;
                for (surface, term) in parts {
                    plan.notes.searched.push(surface);
                    plan.term_clauses.push(vec![term]);
                }
            }
            Some(Found::Close(close)) => {
                plan.notes.searched.push(close[0].0.clone());
                plan.term_clauses
                    .push(close.into_iter().map(|(_, t)| t).collect());
            }
            None => {
                plan.notes.unmatched.push(unmatched(ix, &word.text));
                words -= 1;
            }
        }
    }
    if words >= 2 && plan.notes.unmatched.is_empty() {
        plan.all_words = Some(plan.term_clauses.len());
    }
    plan.pairs = super::pairs::query_pairs(&parsed.words, look.stop);
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

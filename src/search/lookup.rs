//! The lexicon lookups a query plan needs (`plan`), written once: a word as
//! written or in another form, a compound of two words the site uses, a
//! typo. The client (`lookups` in `search.js`) takes the same steps.

use super::analysis::MIN_PART;
use super::forms::variants;
use super::index::SearchIndex;
use super::plan::LINKS;
use super::spelling::fuzzy;
use super::verbs::verb_forms;
use std::collections::HashSet;

/// How one word was found.
pub(super) enum Found {
    /// One term, under this surface.
    Term(String, String),
    /// A compound the site does not write: the terms of its parts.
    Parts(Vec<(String, String)>),
    /// Close spellings (a typo): alternative terms.
    Close(Vec<(String, String)>),
}

/// The lexicon lookups a plan needs, so that the rules are written once.
pub(super) struct Lookup<'a> {
    pub ix: &'a SearchIndex,
    pub stop: &'a HashSet<String>,
}

impl<'a> Lookup<'a> {
    /// Lookups in `ix`'s lexicon, with its function words.
    pub fn new(ix: &'a SearchIndex) -> Self {
        Lookup {
            ix,
            stop: &ix.stop_words,
        }
    }

    pub fn exact(&self, word: &str) -> Option<(String, String)> {
        self.ix
            .lexicon
            .get(word)
            .map(|t| (word.to_string(), t.to_string()))
    }

    /// The word as written, else the first of its other forms the site uses
    /// (never a function word for a content word).
    pub fn form(&self, word: &str) -> Option<(String, String)> {
        self.exact(word)
            .or_else(|| self.first_used(word, variants(word)))
    }

    /// The first of a word's verb forms (`verbs::verb_forms`) the site uses.
    fn verb_form(&self, word: &str) -> Option<(String, String)> {
        self.first_used(word, verb_forms(word))
    }

    /// The first of `candidates`, other spellings of `word`, that the site
    /// uses; a function word only for a function word.
    fn first_used(&self, word: &str, candidates: Vec<String>) -> Option<(String, String)> {
        let stop = self.stop.contains(word);
        candidates
            .into_iter()
            .filter(|v| stop || !self.stop.contains(v))
            .find_map(|v| self.exact(&v))
    }

    fn is_part(&self, word: &str) -> bool {
        (word.chars().count() >= MIN_PART || self.ix.short_parts.contains(word))
            && !self.stop.contains(word)
    }

    /// Two words the site uses, longest first part first, joined by a
    /// linking letter; the second may be another form of a word it uses.
    /// Only when no first part is written as such may the first part be
    /// another form too (`tienermoedergroep`: the site writes `tienermoeders`).
    pub fn compound(&self, word: &str) -> Option<Vec<(String, String)>> {
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

    pub fn resolve(&self, word: &str) -> Option<Found> {
        if let Some((s, t)) = self.form(word) {
            return Some(Found::Term(s, t));
        }
        // A verb in a tense the site does not write is that verb, before
        // it is a compound (`fraudeert` is not `fraude` + `eert`).
        if let Some((s, t)) = self.verb_form(word) {
            return Some(Found::Term(s, t));
        }
        if let Some(parts) = self.compound(word) {
            return Some(Found::Parts(parts));
        }
        let close = fuzzy(self.ix, word);
        (!close.is_empty()).then_some(Found::Close(close))
    }
}

/// The surfaces of a compound's two parts, when the site writes them (in
/// some form): what the client index stores for a rare compound, so that the
/// browser splits it as `plan` does without looking the parts up.
pub fn compound_parts(ix: &SearchIndex, surface: &str) -> Option<Vec<String>> {
    let parts = Lookup::new(ix).compound(surface)?;
    Some(parts.into_iter().map(|(s, _)| s).collect())
}

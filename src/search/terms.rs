//! The indexed term of every surface form the corpus writes: Dutch Snowball
//! (Porter) stems, with the forms it splits merged by the corpus (`kans` and
//! `kansen`, `gezin` and `gezinnen`, `sociaal` and `sociale` become one term
//! when both are written) and the merges it gets wrong undone (`kans` is not
//! `kan`, `mens` is not `men`, `meten` is not `met`: a content word never
//! shares a term with a function word). Queries never stem: they look words
//! up in the lexicon this table yields.

use super::analysis::Stem;
use super::forms::{variants, StopWords};
use rustc_hash::FxHashMap;
use std::collections::{BTreeSet, HashMap, HashSet};

/// Surface -> term for every surface in `surfaces`.
pub fn table(surfaces: &BTreeSet<String>) -> FxHashMap<String, String> {
    let words: Vec<&str> = surfaces.iter().map(String::as_str).collect();
    let index: HashMap<&str, usize> = words.iter().enumerate().map(|(i, w)| (*w, i)).collect();
    let mut stem = Stem::default();
    let mut stop = StopWords::default();
    let is_stop: Vec<bool> = words.iter().map(|w| stop.contains(w)).collect();
    // A function word is its own term, so no content word, and no other
    // function word (`niet` and `niets`, `waar` and `waren`), shares it.
    // A content word whose stem is a function word or a function word's stem
    // is its own term too.
    let stop_stems: HashSet<String> = words
        .iter()
        .zip(&is_stop)
        .filter(|(_, s)| **s)
        .flat_map(|(w, _)| [stem.stem(w), (*w).to_string()])
        .collect();
    // The stem, unless it would merge a content word with a function word
    // (then the word itself) or cut a stem-final s the corpus shows belongs
    // to the word (`kans` beside `kansen`: the stem of the plural).
    let stems: Vec<String> = words
        .iter()
        .zip(&is_stop)
        .map(|(w, stop)| {
            if *stop {
                return (*w).to_string();
            }
            let mut s = stem.stem(w);
            if w.ends_with('s') && !s.ends_with('s') {
                let plural = format!("{w}en");
                if index.contains_key(plural.as_str()) {
                    s = stem.stem(&plural);
                }
            }
            if stop_stems.contains(&s) {
                s = (*w).to_string();
            }
            s
        })
        .collect();
    let mut sets = UnionFind::new(words.len());
    let mut by_stem: HashMap<&str, usize> = HashMap::new();
    for (i, s) in stems.iter().enumerate() {
        match by_stem.get(s.as_str()) {
            Some(&j) => sets.union(i, j),
            None => {
                by_stem.insert(s, i);
            }
        }
    }
    for (i, w) in words.iter().enumerate() {
        if is_stop[i] {
            continue;
        }
        for v in variants(w) {
            if let Some(&j) = index.get(v.as_str()) {
                if !is_stop[j] {
                    sets.union(i, j);
                }
            }
        }
    }
    // Each set's term: the smallest stem among its words (sets never share one).
    let mut term_of: HashMap<usize, &str> = HashMap::new();
    for (i, s) in stems.iter().enumerate() {
        let root = sets.find(i);
        let t = term_of.entry(root).or_insert(s.as_str());
        if s.as_str() < *t {
            *t = s.as_str();
        }
    }
    words
        .iter()
        .enumerate()
        .map(|(i, w)| (w.to_string(), term_of[&sets.find(i)].to_string()))
        .collect()
}

struct UnionFind(Vec<usize>);

impl UnionFind {
    fn new(n: usize) -> Self {
        UnionFind((0..n).collect())
    }
    fn find(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }
    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.0[a.max(b)] = a.min(b);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(words: &[&str]) -> FxHashMap<String, String> {
        table(&words.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn forms_the_stemmer_splits_meet_when_the_corpus_writes_both() {
        let t = terms(&[
            "kans",
            "kansen",
            "mens",
            "mensen",
            "gezin",
            "gezinnen",
            "proces",
            "processen",
            "sociaal",
            "sociale",
            "kan",
            "men",
        ]);
        for (a, b) in [
            ("kans", "kansen"),
            ("mens", "mensen"),
            ("gezin", "gezinnen"),
            ("proces", "processen"),
            ("sociaal", "sociale"),
        ] {
            assert_eq!(t[a], t[b], "{a} / {b}");
        }
        assert_ne!(t["kans"], t["kan"]);
        assert_ne!(t["mens"], t["men"]);
    }

    #[test]
    fn content_words_never_share_a_term_with_function_words() {
        let t = terms(&["meten", "met", "metingen"]);
        assert_ne!(t["meten"], t["met"]);
        // Snowball stems `vaak` to `vak` and `peer` to `per`; `andere` to
        // the `ander` a content word may be.
        let t = terms(&[
            "vaak", "vak", "vakken", "per", "peer", "peers", "andere", "ander", "anders",
        ]);
        assert_ne!(t["vaak"], t["vak"]);
        assert_eq!(t["vak"], t["vakken"]);
        assert_ne!(t["per"], t["peer"]);
        assert_eq!(t["peer"], t["peers"]);
        assert_ne!(t["andere"], t["ander"]);
        assert_ne!(t["andere"], t["anders"]);
    }

    #[test]
    fn function_words_are_their_own_terms() {
        let t = terms(&["niet", "niets", "waar", "waren", "vaak"]);
        assert_ne!(t["niet"], t["niets"]);
        assert_ne!(t["waar"], t["waren"]);
        assert_eq!(t["vaak"], "vaak");
    }
}

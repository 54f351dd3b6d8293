//! Spelling help for words the lexicon does not hold as typed: the close
//! spellings a typo may stand for, and the nearest spelling to suggest for a
//! word no page uses. The client mirrors both (`search.js`, `plan`).

use super::index::SearchIndex;
use super::plan::Unmatched;
use super::query::MAX_FUZZY_TERMS;

/// Letters a typo's candidates share with the word typed, at its start.
pub const FUZZY_HEAD: usize = 2;

/// Edits allowed for a word of this many letters: 1 from 5, 2 from 9.
pub fn max_edits(len: usize) -> usize {
    match len {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// (surface, term) of surfaces within the allowed edits that share the
/// word's first two letters, closest and most used first.
pub(super) fn fuzzy(ix: &SearchIndex, word: &str) -> Vec<(String, String)> {
    let len = word.chars().count();
    let edits = max_edits(len);
    if edits == 0 {
        return Vec::new();
    }
    let head: String = word.chars().take(FUZZY_HEAD).collect();
    let mut found: Vec<(usize, u64, &str, &str)> = Vec::new();
    for (surface, term) in ix.lexicon.with_prefix(&head) {
        if surface.chars().count().abs_diff(len) > edits {
            continue;
        }
        let d = strsim::levenshtein(surface, word);
        if d > edits {
            continue;
        }
        // A term's nearest surface stands for it (`vrijwiligers` ->
        // `vrijwilligers`, not `vrijwilliger`).
        match found.iter_mut().find(|f| f.2 == term.as_str()) {
            Some(f) if d < f.0 => {
                f.0 = d;
                f.3 = surface.as_str();
            }
            Some(_) => {}
            None => {
                let df = ix.doc_freqs(term).iter().sum();
                found.push((d, df, term.as_str(), surface.as_str()));
            }
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(b.2)));
    found
        .into_iter()
        .take(MAX_FUZZY_TERMS)
        .map(|(_, _, t, s)| (s.to_string(), t.to_string()))
        .collect()
}

/// A word no page uses, with the nearest spelling that shares its first two
/// letters (fewest edits, then most used, then alphabetical), at most one
/// edit more than a typo may have.
pub(super) fn unmatched(ix: &SearchIndex, word: &str) -> Unmatched {
    let head: String = word.chars().take(FUZZY_HEAD).collect();
    let len = word.chars().count();
    let limit = max_edits(len) + 1;
    let mut best: Option<(usize, u64, &str)> = None;
    for (surface, term) in ix.lexicon.with_prefix(&head) {
        if surface.chars().count().abs_diff(len) > limit {
            continue;
        }
        let d = strsim::levenshtein(surface, word);
        if d > limit {
            continue;
        }
        let df: u64 = ix.doc_freqs(term).iter().sum();
        let better = match best {
            None => true,
            Some((bd, bdf, bs)) => {
                (d, std::cmp::Reverse(df), surface.as_str()) < (bd, std::cmp::Reverse(bdf), bs)
            }
        };
        if better {
            best = Some((d, df, surface));
        }
    }
    Unmatched {
        word: word.to_string(),
        suggestion: best.map(|(_, _, s)| s.to_string()),
    }
}

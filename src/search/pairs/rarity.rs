//! How rare a pair is. A pair term is two words as written, so its own
//! document frequency counts one spelling: `sociaal wijkteam` is rare where
//! nearly every page says `sociale wijkteams`, and as rare it outscored the
//! words a query is about. A pair's IDF is counted over every spelling of
//! its two words instead (per pair field, the document frequencies of the
//! pair terms whose words have the same terms, summed, at most the number
//! of records). The CLI sums them at query time (`spellings_df`); the export
//! sums them once for every pair (`Rarity`) and gives the client the sum
//! where it differs from the pair's own.

use super::{pair_term, spoken, PAIR_FIELDS};
use crate::search::index::Lexicon;
use rustc_hash::FxHashMap;
use std::collections::HashSet;
use tantivy::schema::Field;
use tantivy::termdict::TermMerger;
use tantivy::{Searcher, Term};

/// What a pair word stands for when its spellings are counted together: its
/// term, or the word itself when the lexicon does not hold it (one character
/// tells the two apart).
fn word_key(lexicon: &Lexicon, word: &str) -> String {
    match lexicon.get(word) {
        Some(term) => format!("t{term}"),
        None => format!("w{word}"),
    }
}

/// The two word keys of a pair term, in the order they are spoken.
fn pair_key(lexicon: &Lexicon, pair: &str) -> Option<(String, String)> {
    let spoken = spoken(pair);
    let (a, b) = spoken.split_once(' ')?;
    Some((word_key(lexicon, a), word_key(lexicon, b)))
}

/// The document frequency in `field` of `pair` in every spelling of its
/// words, as the export's `Rarity` counts it: every surface of each word's
/// term, paired as the index pairs them.
pub fn spellings_df(
    searcher: &Searcher,
    lexicon: &Lexicon,
    stop: &HashSet<String>,
    field: Field,
    pair: &str,
) -> tantivy::Result<u64> {
    let spoken = spoken(pair);
    let Some((a, b)) = spoken.split_once(' ') else {
        return searcher.doc_freq(&Term::from_field_text(field, pair));
    };
    // Every surface of each word's term, in one pass over the lexicon; a
    // word the lexicon does not hold is its only spelling.
    let (ta, tb) = (lexicon.get(a), lexicon.get(b));
    let (mut xs, mut ys): (Vec<&str>, Vec<&str>) = (Vec::new(), Vec::new());
    for (surface, term) in &lexicon.entries {
        if ta == Some(term.as_str()) {
            xs.push(surface);
        }
        if tb == Some(term.as_str()) {
            ys.push(surface);
        }
    }
    if ta.is_none() {
        xs.push(a);
    }
    if tb.is_none() {
        ys.push(b);
    }
    let mut total = 0;
    for x in &xs {
        for y in &ys {
            if let Some(t) = pair_term(x, y, stop.contains(*x), stop.contains(*y)) {
                total += searcher.doc_freq(&Term::from_field_text(field, &t))?;
            }
        }
    }
    Ok(total.min(searcher.num_docs()))
}

/// Every pair's document frequency over its spellings, per pair field, for
/// the export: one small entry per two words' terms, however many pairs.
pub struct Rarity<'a> {
    lexicon: &'a Lexicon,
    words: FxHashMap<String, u32>,
    sums: FxHashMap<(u32, u32), [u64; PAIR_FIELDS.len()]>,
    docs: u64,
}

impl<'a> Rarity<'a> {
    /// Sums the pair terms of each pair field (the `i`th merger streams
    /// field `i`'s terms) by their words' keys in `lexicon`.
    pub fn count<'m>(
        lexicon: &'a Lexicon,
        fields: impl IntoIterator<Item = TermMerger<'m>>,
        docs: u64,
    ) -> Rarity<'a> {
        let mut rarity = Rarity {
            lexicon,
            words: FxHashMap::default(),
            sums: FxHashMap::default(),
            docs,
        };
        for (fi, mut merger) in fields.into_iter().enumerate() {
            while merger.advance() {
                let term = String::from_utf8_lossy(merger.key()).into_owned();
                let df: u64 = merger
                    .current_segment_ords_and_term_infos()
                    .map(|(_, info)| u64::from(info.doc_freq))
                    .sum();
                if let Some(key) = rarity.key(&term) {
                    rarity.sums.entry(key).or_default()[fi] += df;
                }
            }
        }
        rarity
    }

    /// The ids of a pair's word keys, new ones added.
    fn key(&mut self, pair: &str) -> Option<(u32, u32)> {
        let (a, b) = pair_key(self.lexicon, pair)?;
        let mut id = |k: String| -> u32 {
            let next = self.words.len() as u32;
            *self.words.entry(k).or_insert(next)
        };
        Some((id(a), id(b)))
    }

    /// The document frequency per field of `pair` over its spellings.
    pub fn of(&self, pair: &str) -> Option<Vec<u64>> {
        let (a, b) = pair_key(self.lexicon, pair)?;
        let key = (*self.words.get(&a)?, *self.words.get(&b)?);
        self.sums
            .get(&key)
            .map(|sums| sums.iter().map(|s| (*s).min(self.docs)).collect())
    }
}

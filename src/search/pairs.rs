//! Words that stand together, without positions: every two neighbouring words
//! of a record's text (folded as written, function words included, a
//! hyphenated word's parts apart, never across a sentence) are a term of the
//! record's `pairs` field, and a record scores each pair of neighbouring query
//! words it contains once: BM25 of the pair, boosted (`PAIR_FIELDS`: the
//! title's pairs count again, with the title's boost). This module
//! cuts the pairs (`PairTokenizer` for the index, `query_pairs` for a query)
//! and exports them for the client (`export`); the client mirrors both.

use super::analysis::{base_analyzer, nfkc, VecTokenStream};
use super::forms::StopWords;
use super::query::Word;
use std::collections::HashSet;
use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer};

mod export;
mod rarity;
pub use export::export;
pub use rarity::spellings_df;

/// Name under which the pair tokenizer is registered with tantivy.
pub const ANALYZER: &str = "nl_pairs";
/// The pair fields and their boosts: the pairs of every text field, and
/// those of the title once more, with the title field's boost. A pair adds
/// at most its boost times its BM25 bound (idf × (k1 + 1)) per field,
/// whatever its frequency.
pub const PAIR_FIELDS: [(&str, f32); 2] = [("pairs", 1.0), ("title_pairs", 2.0)];
/// A term chunk's pairs are split into hash buckets of about this many bytes,
/// so that a query loads little more than its own pairs' postings.
pub const BUCKET_BYTES: usize = 2048;
/// Characters of a chunk's pair-file hash: as for fragment files
/// (`FRAGMENT_HASH_CHARS`), only the same file's previous version must
/// differ, for caches; the chunk's number in the name tells chunks apart.
pub const HASH_CHARS: usize = 2;
/// Most buckets a chunk's pairs are split into (two base-64 digits).
const MAX_BUCKETS: usize = 64 * 64 - 1;
/// Characters between two words that end a sentence: no pair across them.
const BREAKS: [char; 6] = ['.', '!', '?', ';', ':', '\n'];

/// The term of two neighbouring words, keyed on a content word so that it
/// sits with that word's term chunk: `a b` when `a` is a content word,
/// `b <a` when only `b` is; two function words make no pair.
pub fn pair_term(a: &str, b: &str, a_stop: bool, b_stop: bool) -> Option<String> {
    match (a_stop, b_stop) {
        (true, true) => None,
        (false, _) => Some(format!("{a} {b}")),
        (true, false) => Some(format!("{b} <{a}")),
    }
}

/// The word a pair term is keyed on.
pub fn key(term: &str) -> &str {
    term.split(' ').next().unwrap_or(term)
}

/// The two words of a pair term in their order (`sociale <het` -> `het sociale`).
pub fn spoken(term: &str) -> String {
    match term.split_once(' ') {
        Some((b, rest)) if rest.starts_with('<') => format!("{} {b}", &rest[1..]),
        _ => term.to_string(),
    }
}

/// The bucket of a pair term among `count`: FNV-1a (32 bits) over its UTF-16
/// code units, as the client computes it.
pub fn bucket(term: &str, count: usize) -> usize {
    let mut h: u32 = 0x811c_9dc5;
    for unit in term.encode_utf16() {
        h = (h ^ u32::from(unit)).wrapping_mul(0x0100_0193);
    }
    h as usize % count.max(1)
}

/// The pairs of a query: neighbouring words, neither a prefix, each pair once.
/// `stop` holds the function words (the lexicon's).
pub fn query_pairs(words: &[Word], stop: &HashSet<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in words.windows(2) {
        if w[0].prefix || w[1].prefix {
            continue;
        }
        let (a, b) = (&w[0].text, &w[1].text);
        if let Some(term) = pair_term(a, b, stop.contains(a), stop.contains(b)) {
            if !out.contains(&term) {
                out.push(term);
            }
        }
    }
    out
}

/// Cuts a text into its pair terms (the `pairs` field's tokenizer).
#[derive(Clone)]
pub struct PairTokenizer {
    words: TextAnalyzer,
    stop: StopWords,
    known: rustc_hash::FxHashMap<String, bool>,
}

impl Default for PairTokenizer {
    fn default() -> Self {
        PairTokenizer {
            words: base_analyzer(),
            stop: StopWords::default(),
            known: rustc_hash::FxHashMap::default(),
        }
    }
}

impl PairTokenizer {
    /// The pair terms of `text`, in order.
    pub fn pairs(&mut self, text: &str) -> Vec<String> {
        let PairTokenizer { words, stop, known } = self;
        let mut is_stop = |word: &str| -> bool {
            if let Some(&s) = known.get(word) {
                return s;
            }
            let s = stop.contains(word);
            known.insert(word.to_string(), s);
            s
        };
        let normal = nfkc(text);
        let mut out = Vec::new();
        // The word before, kept in one buffer, and whether it is a function word.
        let mut previous = String::new();
        let mut previous_stop: Option<bool> = None;
        let mut end = 0;
        let mut stream = words.token_stream(text);
        while stream.advance() {
            let t = stream.token();
            if normal
                .get(end..t.offset_from)
                .is_none_or(|gap| gap.contains(BREAKS))
            {
                previous_stop = None;
            }
            end = t.offset_to;
            for part in t.text.split('-').filter(|p| !p.is_empty()) {
                let stop = is_stop(part);
                if let Some(a_stop) = previous_stop {
                    out.extend(pair_term(&previous, part, a_stop, stop));
                }
                previous.clear();
                previous.push_str(part);
                previous_stop = Some(stop);
            }
        }
        out
    }
}

impl Tokenizer for PairTokenizer {
    type TokenStream<'a> = VecTokenStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        let tokens = self
            .pairs(text)
            .into_iter()
            .enumerate()
            .map(|(position, text)| Token {
                offset_from: 0,
                offset_to: 0,
                position,
                text,
                position_length: 1,
            })
            .collect();
        VecTokenStream::new(tokens)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_stand_together_within_a_sentence_and_key_on_a_content_word() {
        let mut t = PairTokenizer::default();
        assert_eq!(
            t.pairs("Hét sociale team bestaat niet. Het Wmo-loket"),
            [
                "sociale <het",
                "sociale team",
                "team bestaat",
                "bestaat niet",
                "wmo <het",
                "wmo loket"
            ]
        );
        // Two function words make no pair.
        assert_eq!(t.pairs("op de handen"), ["handen <de"]);
    }

    #[test]
    fn a_query_pairs_its_neighbouring_words() {
        let stop: HashSet<String> = ["het", "op", "de"].iter().map(|s| s.to_string()).collect();
        let parsed = super::super::query::parse("Hét sociale team op de wijkt*");
        assert_eq!(
            query_pairs(&parsed.words, &stop),
            ["sociale <het", "sociale team", "team op"]
        );
        assert_eq!(spoken("sociale <het"), "het sociale");
        assert_eq!(spoken("sociale team"), "sociale team");
    }

    #[test]
    fn buckets_are_stable() {
        // The client computes the same numbers (search.js `pairBucket`).
        assert_eq!(bucket("sociale team", 1), 0);
        assert_eq!(bucket("a", 1000), 0xe40c292c_u32 as usize % 1000);
    }
}

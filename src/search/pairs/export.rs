//! The pairs as the client reads them: each pair's page and section postings
//! per pair field, in files keyed on the term chunk of the pair's key word
//! and split into buckets by a hash the client computes too. Cutting the
//! pairs is the parent module's; chunk boundaries are `export`'s.

use super::rarity::Rarity;
use super::{bucket, key, BUCKET_BYTES, HASH_CHARS, MAX_BUCKETS};
use crate::output::sink::{Counted, Sink};
use crate::search::encode::{encode_postings, encode_section_postings, ALPHABET};
use crate::search::export::script;
use crate::search::index::SearchIndex;
use crate::search::postings::Segments;
use anyhow::Result;
use rayon::prelude::*;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use tantivy::schema::IndexRecordOption;

/// One pair's postings as the client reads them: its term, then page and
/// section postings per pair field that has it (the title's only if any),
/// then, where its spellings make it commoner than its own postings say,
/// its document frequency per such field over them (`Rarity`).
type Entry = (String, Vec<String>, Option<Vec<u64>>);

/// Writes the pairs for the client: the pairs keyed on the words of term
/// chunk `c` (`firsts[c]` is its first surface) go into `count` files
/// `r/C-HASH-B.js` by `bucket`, with one content hash for the chunk's files
/// (the chunk's number keeps two chunks whose short hashes agree apart).
/// Returns `pairFiles`, four characters per chunk (`HASH_CHARS` of hash, then
/// `count` in two base-64 digits; `count` 0 for a chunk without pairs), and
/// each pair field's token count (for BM25's average length).
pub fn export(ix: &SearchIndex, firsts: &[String], sink: &Counted) -> Result<(String, Vec<u64>)> {
    let first_sections = ix.corpus.first_sections();
    let segments = Segments::of(ix, &ix.fields.pairs, IndexRecordOption::WithFreqs)?;
    let rarity = Rarity::count(
        &ix.lexicon,
        (0..ix.fields.pairs.len())
            .map(|fi| segments.terms(fi))
            .collect::<Result<Vec<_>>>()?,
        segments.docs,
    );
    // Every pair is in the first field (the title's are a part of it).
    let mut merger = segments.terms(0)?;
    // A chunk without pairs: no hash, no buckets.
    let mut out: Vec<String> = vec!["A".repeat(HASH_CHARS + 2); firsts.len()];
    let mut current: Option<usize> = None;
    let mut entries: Vec<Entry> = Vec::new();
    // Pairs are read and encoded a batch at a time, in parallel; the chunks
    // a batch completes are written in parallel too.
    let mut batch: Vec<String> = Vec::new();
    let mut more = true;
    while more {
        more = merger.advance();
        if more {
            batch.push(String::from_utf8_lossy(merger.key()).into_owned());
            if batch.len() < PAIR_BATCH {
                continue;
            }
        }
        let lists: Vec<(Vec<String>, Option<Vec<u64>>)> = batch
            .par_iter()
            .map(|term| pair_lists(&segments, &first_sections, &rarity, term))
            .collect::<Result<_>>()?;
        let mut done: Vec<(usize, Vec<Entry>)> = Vec::new();
        for (term, (lists, dfs)) in batch.drain(..).zip(lists) {
            let c = firsts
                .partition_point(|f| f.as_str() <= key(&term))
                .saturating_sub(1);
            if current != Some(c) {
                if let Some(finished) = current {
                    done.push((finished, std::mem::take(&mut entries)));
                }
                current = Some(c);
            }
            entries.push((term, lists, dfs));
        }
        if !more {
            done.extend(current.map(|c| (c, std::mem::take(&mut entries))));
        }
        let written: Vec<(usize, String)> = done
            .par_iter()
            .map(|(c, entries)| Ok((*c, put_buckets(*c, entries, sink)?)))
            .collect::<Result<_>>()?;
        for (c, files) in written {
            out[c] = files;
        }
    }
    Ok((out.concat(), segments.tokens.clone()))
}

/// Pairs read and encoded together (see `export`).
const PAIR_BATCH: usize = 512;

/// One pair's encoded page and section postings per pair field, up to the
/// last field that has it, and its document frequencies over its spellings
/// in those fields when they are not its own.
fn pair_lists(
    segments: &Segments,
    first_sections: &[usize],
    rarity: &Rarity,
    term: &str,
) -> Result<(Vec<String>, Option<Vec<u64>>)> {
    let mut lists = Vec::new();
    let mut own = Vec::new();
    for field in segments.postings(term)? {
        if field.pages.is_empty() && field.sections.is_empty() {
            break;
        }
        own.push((field.pages.len() + field.sections.len()) as u64);
        lists.push(encode_postings(&field.pages).0);
        lists.push(encode_section_postings(&field.sections, first_sections).0);
    }
    let spelt = rarity
        .of(term)
        .map(|mut dfs| {
            dfs.truncate(own.len());
            dfs
        })
        .filter(|dfs| *dfs != own);
    Ok((lists, spelt))
}

/// Writes term chunk `chunk`'s pairs in buckets; returns its `pairFiles` entry.
fn put_buckets(chunk: usize, entries: &[Entry], sink: &Counted) -> Result<String> {
    let size: usize = entries
        .iter()
        .map(|(t, lists, dfs)| {
            t.len()
                + lists.iter().map(|l| l.len() + 3).sum::<usize>()
                + 6
                + dfs.as_ref().map_or(0, |d| 8 * d.len())
        })
        .sum();
    let count = size.div_ceil(BUCKET_BYTES).clamp(1, MAX_BUCKETS);
    let mut buckets: Vec<Vec<Value>> = vec![Vec::new(); count];
    for (term, lists, dfs) in entries {
        let mut entry = vec![json!(term)];
        entry.extend(lists.iter().map(|l| json!(l)));
        entry.extend(dfs.as_ref().map(|d| json!(d)));
        buckets[bucket(term, count)].push(Value::Array(entry));
    }
    let data = json!(buckets);
    let digest = Sha256::digest(data.to_string().as_bytes());
    let hash: String = digest[..HASH_CHARS]
        .iter()
        .map(|b| ALPHABET[usize::from(b & 63)] as char)
        .collect();
    for (b, list) in buckets.into_iter().enumerate() {
        sink.put(script(&format!("r/{chunk}-{hash}-{b}.js"), &json!(list)))?;
    }
    let digit = |n: usize| ALPHABET[n & 63] as char;
    Ok(format!("{hash}{}{}", digit(count >> 6), digit(count)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two chunks whose two-character hashes agree (found by trying terms)
    /// still write files of their own: the chunk's number is in the name.
    #[test]
    fn chunks_whose_short_hashes_agree_keep_their_own_files() {
        use crate::output::sink::Memory;
        let entry = |term: String| (term, vec!["A".to_string()], None);
        let memory = Memory::default();
        let sink = Counted::new(&memory);
        let a = put_buckets(0, &[entry("wijk team".into())], &sink).unwrap();
        let b = (0..100_000)
            .map(|n| {
                let other = Memory::default();
                let files = put_buckets(7, &[entry(format!("buurt {n}"))], &Counted::new(&other));
                (n, files.unwrap())
            })
            .find(|(_, files)| files[..HASH_CHARS] == a[..HASH_CHARS])
            .map(|(n, _)| n)
            .expect("some term gives the same short hash");
        let files = put_buckets(7, &[entry(format!("buurt {b}"))], &sink).unwrap();
        assert_eq!(files[..HASH_CHARS], a[..HASH_CHARS]);
        let names: Vec<String> = memory
            .into_files()
            .into_iter()
            .map(|f| f.rel_path)
            .collect();
        assert_eq!(names.len(), 2);
        assert_ne!(names[0], names[1], "{names:?}");
        assert!(
            names
                .iter()
                .all(|n| n.starts_with("search/r/0-") || n.starts_with("search/r/7-")),
            "{names:?}"
        );
    }
}

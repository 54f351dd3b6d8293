//! The client index's result data: each page's fragment (title, url, kind,
//! summary, and the text before and in each section, for excerpts), packed
//! into files of pages found together (`pack`), named `f/GROUP-HASH.js`. Every
//! page posting carries its page's group number, so finding a result's file
//! takes no table; the manifest carries each group's hash. A large site keeps
//! one page per file, `f/PAGE-HASH.js`, its postings carrying the hash.

use super::encode::ALPHABET;
use super::export::script;
use super::index::SearchIndex;
use super::pack::{self, GROUP_PAGES, MAX_GROUPED_SITE, MAX_SHARED_PAGES};
use crate::output::sink::{Counted, Sink};
use anyhow::Result;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::collections::{BTreeSet, HashSet};

/// Characters of content hash in a fragment file's name (`f/12-Xy.js`).
pub const FRAGMENT_HASH_CHARS: usize = 2;
/// Characters of text per fragment part kept for excerpts.
const FRAGMENT_TEXT: usize = 3000;

/// Where each page's fragment is: `codes[page]` is what its postings carry,
/// `code_chars` long: its group number in fixed base-64 digits, with
/// `hashes` holding every group's hash (`FRAGMENT_HASH_CHARS` each, in group
/// order); or, one page per file (`hashes` is `None`), its file's hash.
pub struct Placed {
    pub codes: Vec<String>,
    pub code_chars: usize,
    pub hashes: Option<String>,
}

/// Rare words with the pages that use them, weighted by how rare they are,
/// in lexicon order; `pages_of(term)` reads a term's pages from the index.
fn shared_words(
    ix: &SearchIndex,
    pages_of: &dyn Fn(&str) -> Result<BTreeSet<u32>>,
) -> Result<Vec<(f64, Vec<u32>)>> {
    let pages = ix.corpus.len() as f64;
    // Records count sections too: a word in few records is in few pages.
    let most_records = (MAX_SHARED_PAGES * 4) as u64;
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (_, term) in &ix.lexicon.entries {
        if !seen.insert(term.as_str()) {
            continue;
        }
        let records: u64 = ix.doc_freqs(term).iter().sum();
        if !(2..=most_records).contains(&records) {
            continue;
        }
        let list = pages_of(term)?;
        if (2..=MAX_SHARED_PAGES).contains(&list.len()) {
            out.push(((pages / list.len() as f64).ln(), list.into_iter().collect()));
        }
    }
    Ok(out)
}

/// Writes the fragment files, pages grouped by the words they share (read
/// with `pages_of`) on a site of at most `MAX_GROUPED_SITE` pages.
pub fn write(
    ix: &SearchIndex,
    pages_of: &dyn Fn(&str) -> Result<BTreeSet<u32>>,
    sink: &Counted,
) -> Result<Placed> {
    let count = ix.corpus.len();
    if count > MAX_GROUPED_SITE {
        let codes = (0..count)
            .map(|n| {
                let data = json!({ n.to_string(): fragment(ix, n)? });
                let hash = short_hash(&data);
                sink.put(script(&format!("f/{n}-{hash}.js"), &data))?;
                Ok(hash)
            })
            .collect::<Result<_>>()?;
        return Ok(Placed {
            codes,
            code_chars: FRAGMENT_HASH_CHARS,
            hashes: None,
        });
    }
    let groups = pack::groups(count, &shared_words(ix, pages_of)?, GROUP_PAGES);
    let of = pack::group_of(count, &groups);
    let code_chars = digits_for(groups.len());
    let mut hashes = String::new();
    for (g, members) in groups.iter().enumerate() {
        let data: serde_json::Map<String, Value> = members
            .iter()
            .map(|&n| Ok((n.to_string(), fragment(ix, n as usize)?)))
            .collect::<Result<_>>()?;
        let data = Value::Object(data);
        let hash = short_hash(&data);
        sink.put(script(&format!("f/{g}-{hash}.js"), &data))?;
        hashes.push_str(&hash);
    }
    let codes = of.iter().map(|&g| fixed(g, code_chars)).collect();
    Ok(Placed {
        codes,
        code_chars,
        hashes: Some(hashes),
    })
}

/// `FRAGMENT_HASH_CHARS` characters of a file's content hash.
fn short_hash(data: &Value) -> String {
    let digest = Sha256::digest(data.to_string().as_bytes());
    let bits = u32::from(digest[0]) << 8 | u32::from(digest[1]);
    (0..FRAGMENT_HASH_CHARS)
        .map(|i| ALPHABET[((bits >> (6 * i)) & 63) as usize] as char)
        .collect()
}

/// One page's fragment: what its result shows, and its excerpt sources.
fn fragment(ix: &SearchIndex, n: usize) -> Result<Value> {
    let p = ix.corpus.page(n)?;
    let kind_labels = ix.corpus.labels.get("kind");
    Ok(json!({
        "url": p.url,
        "title": p.title,
        "kind": p.kind,
        "kindLabel": kind_labels.and_then(|l| l.get(&p.kind)).unwrap_or(&p.kind),
        "summary": p.summary,
        "text": truncate(p.intro(), FRAGMENT_TEXT),
        // The opening's text is `text` above; its record keeps its place.
        "sections": p.sections.iter().map(|s| if s.id.is_empty() {
            json!({ "id": "", "heading": "", "text": "" })
        } else {
            json!({ "id": s.id, "heading": s.heading, "text": truncate(&s.text, FRAGMENT_TEXT) })
        }).collect::<Vec<_>>(),
    }))
}

fn truncate(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((i, _)) => text[..i].to_string(),
        None => text.to_string(),
    }
}

/// Base-64 digits needed to write every number below `count` (at least one).
fn digits_for(count: usize) -> usize {
    let mut chars = 1;
    while 64usize.pow(chars as u32) < count {
        chars += 1;
    }
    chars
}

/// `n` in exactly `chars` base-64 digits, most significant first.
fn fixed(n: usize, chars: usize) -> String {
    (0..chars)
        .rev()
        .map(|i| ALPHABET[(n >> (6 * i)) & 63] as char)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_numbers_have_a_fixed_width() {
        assert_eq!(digits_for(1), 1);
        assert_eq!(digits_for(64), 1);
        assert_eq!(digits_for(65), 2);
        assert_eq!(fixed(0, 1), "A");
        assert_eq!(fixed(65, 2), "BB");
        assert_eq!(fixed(63, 2), "A_");
    }
}

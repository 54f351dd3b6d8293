//! The client index's result data. A result shows its page's title, url,
//! kind and summary, and an excerpt from one record: its best section, or
//! the text before the first section. On a site of at most
//! `MAX_GROUPED_SITE` pages these records (each section of a page, its
//! opening included; a page without sections is one record) are packed into
//! files of records found together (`pack`), named `f/GROUP-HASH.js`, each
//! file holding of a page only the records it groups; the manifest carries
//! each record's group and each group's hash. A large site keeps one page
//! per file, `f/PAGE-CODE.js`, with one code for all of them.

use super::collect::{Corpus, SearchPage};
use super::encode::{four_digits, page_of, ALPHABET};
use super::export::script;
use super::index::SearchIndex;
use super::pack::{self, GROUP_RECORDS, MAX_GROUPED_SITE, MAX_SHARED_RECORDS};
use super::FORMAT_VERSION;
use crate::output::sink::{Counted, Sink};
use anyhow::Result;
use rayon::prelude::*;
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};
use std::collections::{BTreeSet, HashSet};

/// Characters of content hash in a fragment file's name (`f/12-Xy.js`).
pub const FRAGMENT_HASH_CHARS: usize = 2;
/// Characters of text per fragment part kept for excerpts.
pub const FRAGMENT_TEXT: usize = 3000;

/// Where each result's data is. One page per file (`hashes` is `None`):
/// page `n`'s file is `f/n-CODE.js`, `site_code` its `CODE`, the same for
/// every page. Grouped: `records[page]` lists the group of each of its
/// records in fixed base-64 digits (`record_chars` each) and `hashes` every
/// group's hash (`FRAGMENT_HASH_CHARS` each, in group order).
pub struct Placed {
    pub site_code: Option<String>,
    pub hashes: Option<String>,
    pub records: Option<Vec<String>>,
    pub record_chars: usize,
}

/// The numbering of result records: page `n`'s are `first[n]..first[n + 1]`,
/// one per section record (its opening included), one for a page without.
pub struct Records {
    first: Vec<usize>,
    first_sections: Vec<usize>,
}

impl Records {
    pub fn new(corpus: &Corpus) -> Records {
        let mut first = Vec::with_capacity(corpus.len() + 1);
        let mut n = 0;
        for page in 0..corpus.len() {
            first.push(n);
            n += corpus.sections_of(page).max(1);
        }
        first.push(n);
        Records {
            first,
            first_sections: corpus.first_sections(),
        }
    }

    fn count(&self) -> usize {
        self.first.last().copied().unwrap_or(0)
    }

    /// The record of global section record `number`.
    pub fn of_section(&self, number: u64) -> usize {
        let page = page_of(&self.first_sections, number);
        self.first[page] + (number as usize - self.first_sections[page])
    }

    /// The record of page `n` if it has no sections (a page with sections
    /// is found through them).
    pub fn of_page(&self, n: usize, corpus: &Corpus) -> Option<usize> {
        (corpus.sections_of(n) == 0).then_some(self.first[n])
    }

    /// (page, local index) of record `r`.
    fn locate(&self, r: usize) -> (usize, usize) {
        let page = self.first.partition_point(|&f| f <= r) - 1;
        (page, r - self.first[page])
    }
}

/// Rare words with the records that use them, weighted by how rare they
/// are, in lexicon order; `records_of(term)` reads a term's records.
fn shared_words(
    ix: &SearchIndex,
    total: usize,
    records_of: &dyn Fn(&str) -> Result<BTreeSet<u32>>,
) -> Result<Vec<(f64, Vec<u32>)>> {
    // A term's page and section records: a word in few of them is in few records.
    let most = (MAX_SHARED_RECORDS * 2) as u64;
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (_, term) in &ix.lexicon.entries {
        if !seen.insert(term.as_str()) {
            continue;
        }
        let records: u64 = ix.doc_freqs(term).iter().sum();
        if !(2..=most).contains(&records) {
            continue;
        }
        let list = records_of(term)?;
        if (2..=MAX_SHARED_RECORDS).contains(&list.len()) {
            out.push((
                (total as f64 / list.len() as f64).ln(),
                list.into_iter().collect(),
            ));
        }
    }
    Ok(out)
}

/// Writes the fragment files: on a site of at most `MAX_GROUPED_SITE`
/// pages, records grouped by the words they share (read with `records_of`,
/// numbered as `records` does).
pub fn write(
    ix: &SearchIndex,
    records: &Records,
    records_of: &dyn Fn(&str) -> Result<BTreeSet<u32>>,
    sink: &Counted,
) -> Result<Placed> {
    let count = ix.corpus.len();
    if count > MAX_GROUPED_SITE {
        // One code for every page's file, from everything they are made of
        // (each page's record, the kinds' labels, the format), so that it
        // changes when any of them does, for caches that keep files by
        // name, and no posting has to carry a code of its own (a third of
        // a term chunk's bytes at 10,000 pages).
        let digests = (0..count)
            .into_par_iter()
            .map(|n| Ok(Sha256::digest(ix.corpus.page_bytes(n)?)))
            .collect::<Result<Vec<_>>>()?;
        let mut all = Sha256::new();
        all.update(format!("{FORMAT_VERSION} {FRAGMENT_TEXT} ").as_bytes());
        all.update(serde_json::to_vec(&ix.corpus.labels)?);
        digests.iter().for_each(|d| all.update(d));
        let code = four_digits(&all.finalize());
        (0..count)
            .into_par_iter()
            .try_for_each(|n| sink.put(script(&format!("f/{n}-{code}.js"), &page_file(ix, n)?)))?;
        return Ok(Placed {
            site_code: Some(code),
            hashes: None,
            records: None,
            record_chars: 0,
        });
    }
    let total = records.count();
    let shared = shared_words(ix, total, records_of)?;
    let groups = pack::groups(total, &shared, GROUP_RECORDS);
    let of = pack::group_of(total, &groups);
    let record_chars = digits_for(groups.len());
    let hashes = groups
        .par_iter()
        .enumerate()
        .map(|(g, members)| {
            let data = group(ix, records, members)?;
            let hash = short_hash(&data);
            sink.put(script(&format!("f/{g}-{hash}.js"), &data))?;
            Ok(hash)
        })
        .collect::<Result<Vec<_>>>()?
        .concat();
    let per_page = (0..count)
        .map(|n| {
            (records.first[n]..records.first[n + 1])
                .map(|r| fixed(of[r], record_chars))
                .collect()
        })
        .collect();
    Ok(Placed {
        site_code: None,
        hashes: Some(hashes),
        records: Some(per_page),
        record_chars,
    })
}

/// One group file's data: of each page it holds records of, what every
/// result shows (url, title, kind, summary), the opening's text if it holds
/// the opening, and the sections it holds, by local index.
fn group(ix: &SearchIndex, records: &Records, members: &[u32]) -> Result<Value> {
    let mut by_page: Vec<(usize, Vec<usize>)> = Vec::new();
    for &r in members {
        let (n, local) = records.locate(r as usize);
        match by_page.last_mut() {
            Some((page, locals)) if *page == n => locals.push(local),
            _ => by_page.push((n, vec![local])),
        }
    }
    let mut pages = Map::new();
    for (n, locals) in by_page {
        pages.insert(n.to_string(), part(ix, n, &locals)?);
    }
    Ok(Value::Object(pages))
}

/// Page `n`'s fragment with only the records at `locals`.
fn part(ix: &SearchIndex, n: usize, locals: &[usize]) -> Result<Value> {
    let p = ix.corpus.page(n)?;
    let mut sections = Map::new();
    let mut opening = false;
    for &local in locals {
        match p.sections.get(local) {
            Some(s) if !s.id.is_empty() => {
                sections.insert(local.to_string(), section(&s.id, &s.heading, &s.text));
            }
            Some(_) => {
                opening = true;
                sections.insert(local.to_string(), section("", "", ""));
            }
            None => opening = true,
        }
    }
    let mut data = head(ix, &p);
    if opening {
        data["text"] = json!(truncate(p.intro(), FRAGMENT_TEXT));
    }
    data["sections"] = Value::Object(sections);
    Ok(data)
}

/// What every result of a page shows.
fn head(ix: &SearchIndex, p: &SearchPage) -> Value {
    let kind_labels = ix.corpus.labels.get("kind");
    json!({
        "url": p.url,
        "title": p.title,
        "kind": p.kind,
        "kindLabel": kind_labels.and_then(|l| l.get(&p.kind)).unwrap_or(&p.kind),
        "summary": p.summary,
    })
}

fn section(id: &str, heading: &str, text: &str) -> Value {
    json!({ "id": id, "heading": heading, "text": truncate(text, FRAGMENT_TEXT) })
}

/// `FRAGMENT_HASH_CHARS` characters of a file's content hash.
fn short_hash(data: &Value) -> String {
    let digest = Sha256::digest(data.to_string().as_bytes());
    let bits = u32::from(digest[0]) << 8 | u32::from(digest[1]);
    (0..FRAGMENT_HASH_CHARS)
        .map(|i| ALPHABET[((bits >> (6 * i)) & 63) as usize] as char)
        .collect()
}

/// The data of page `n`'s file on a large site.
fn page_file(ix: &SearchIndex, n: usize) -> Result<Value> {
    Ok(json!({ n.to_string(): fragment(ix, n)? }))
}

/// One page's whole fragment: what its result shows, and its excerpt
/// sources (the opening's text is `text`; its record keeps its place).
fn fragment(ix: &SearchIndex, n: usize) -> Result<Value> {
    let p = ix.corpus.page(n)?;
    let mut data = head(ix, &p);
    data["text"] = json!(truncate(p.intro(), FRAGMENT_TEXT));
    data["sections"] = p
        .sections
        .iter()
        .map(|s| {
            if s.id.is_empty() {
                section("", "", "")
            } else {
                section(&s.id, &s.heading, &s.text)
            }
        })
        .collect();
    Ok(data)
}

pub fn truncate(text: &str, max: usize) -> String {
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

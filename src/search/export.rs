//! The static client index under `public/search/`, read straight out of the
//! tantivy index: terms with their postings (record, term frequency, field-norm
//! id) and positions, BM25 statistics, the surface forms of each term, facet
//! lists and per-page fragments. Every file is a classic script that calls
//! `kennisbankSearch(name, data)`, so it loads from `file://` too; all but the
//! manifest carry a content hash in their name.

use super::analysis::{MAX_PHRASE_WORDS, MIN_PART};
use super::cache::hex;
use super::collect::{FACETS, FACET_LEGENDS, FIELDS};
use super::encode::{encode_term, four_digits, Encoded};
use super::excerpt::{EXCERPT_WORDS, MIN_AFFIX, WORDS_BEFORE};
use super::fragments::{self, FRAGMENT_HASH_CHARS};
use super::index::{self, SearchIndex};
use super::layout;
use super::plan::{compound_parts, FUZZY_HEAD, LINKS, MIN_HEAD, PART_WEIGHT, RARE_COMPOUND};
use super::postings::Segments;
use super::query::{max_edits, MAX_FUZZY_TERMS, MAX_PREFIX_TERMS, SCORE_QUANTUM};
use super::scratch::Scratch;
use super::FORMAT_VERSION;
use crate::output::sink::{Contents, Counted, Memory, OutputFile, Sink};
use anyhow::Result;
use rayon::prelude::*;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::collections::{BTreeSet, HashMap};

/// Where the client index lives in the built site.
pub const DIR: &str = crate::config::urls::SEARCH_DIR;
/// Words up to this long get the manifest's `maxEdits[length]` edits, longer
/// ones its last entry.
const LONGEST_EDITS: usize = 9;
/// `max_edits` by word length, for the client.
fn max_edits_by_length() -> Vec<usize> {
    (0..=LONGEST_EDITS).map(max_edits).collect()
}

/// A search index built in a scratch folder of its own (`scratch`), removed
/// when this is dropped (after a failed export too).
pub struct Indexed {
    // Declared first, so dropped first: its files are open.
    ix: SearchIndex,
    _scratch: Scratch,
}

impl std::ops::Deref for Indexed {
    type Target = SearchIndex;
    fn deref(&self) -> &SearchIndex {
        &self.ix
    }
}

/// Indexes a collected corpus on disk, in a fresh scratch folder: its
/// segments are not heap the build holds until it ends.
pub fn index_corpus(corpus: super::Corpus) -> Result<Indexed> {
    let scratch = Scratch::create()?;
    let ix = index::build(corpus, scratch.directory()?)?;
    Ok(Indexed {
        ix,
        _scratch: scratch,
    })
}

/// Indexes a collected corpus and exports its client index, kept in memory
/// (what `serve` does off the reload path).
pub fn export_corpus(corpus: super::Corpus) -> Result<Vec<OutputFile>> {
    export(&*index_corpus(corpus)?)
}

/// Exports the client index of an open search index, kept in memory.
pub fn export(ix: &SearchIndex) -> Result<Vec<OutputFile>> {
    let memory = Memory::default();
    export_into(ix, &memory)?;
    Ok(memory.into_files())
}

/// A file of the client index: `kennisbankSearch("name", data);`.
pub(super) fn script(name: &str, data: &Value) -> OutputFile {
    let text = format!("kennisbankSearch({},{});\n", json!(name), data);
    OutputFile {
        rel_path: format!("{DIR}/{name}"),
        contents: Contents::Bytes(text.into_bytes()),
        origin: crate::output::ownership::Origin::Search,
    }
}

/// A content-hashed name: `PREFIX-HASH.js`.
fn hashed(prefix: &str, data: &Value) -> String {
    let digest = Sha256::digest(data.to_string().as_bytes());
    format!("{prefix}-{}.js", &hex(&digest)[..12])
}

pub(super) fn put_hashed(sink: &Counted, prefix: &str, data: Value) -> Result<String> {
    let name = hashed(prefix, &data);
    sink.put(script(&name, &data))?;
    Ok(name)
}

/// Exports the client index of an open search index into `sink`, one file at a
/// time: fragments, then term chunks in surface order (each term's postings
/// read from the index when its chunk is written, so no copy of every
/// posting is held), facets and the manifest. Returns how many files it put.
pub fn export_into(ix: &SearchIndex, sink: &dyn Sink) -> Result<usize> {
    let sink = Counted::new(sink);
    let segments = Segments::open(ix)?;
    let first_sections = ix.corpus.first_sections();
    let records = fragments::Records::new(&ix.corpus);
    let records_of = |term: &str| -> Result<BTreeSet<u32>> {
        let mut out = BTreeSet::new();
        for f in segments.postings(term)? {
            out.extend(
                f.pages
                    .iter()
                    .filter_map(|p| records.of_page(p.0 as usize, &ix.corpus))
                    .map(|r| r as u32),
            );
            out.extend(f.sections.iter().map(|s| records.of_section(s.0) as u32));
        }
        Ok(out)
    };
    let placed = fragments::write(ix, &records, &records_of, &sink)?;
    let encode = |term: &str| -> Result<Option<Encoded>> {
        let fields = segments.postings(term)?;
        Ok(encode_term(term, &fields, &first_sections))
    };
    // A rare compound's parts, as the CLI's plan splits it (`RARE_COMPOUND`).
    let parts = |surface: &str| compound_parts(ix, surface);
    let chunks = chunks(ix, &encode, &parts, &sink)?;
    let firsts: Vec<String> = chunks.iter().map(|(first, _)| first.clone()).collect();
    let chunk_files: String = chunks.iter().map(|(_, code)| code.as_str()).collect();
    let (pair_files, pair_tokens) = super::pairs::export(ix, &firsts, &sink)?;
    let facets = super::facets::export(ix, &sink)?;
    let record_groups = match placed.records {
        Some(list) => {
            layout::manifest_entry(json!(list), |data| put_hashed(&sink, "records", data))?
        }
        None => Value::Null,
    };
    let manifest = json!({
        "version": FORMAT_VERSION,
        "k1": 1.2,
        "b": 0.75,
        "fields": FIELDS.iter().map(|(n, _)| n).collect::<Vec<_>>(),
        "boosts": FIELDS.iter().map(|(_, b)| b).collect::<Vec<_>>(),
        "docs": segments.docs,
        "tokens": segments.tokens,
        "pages": ix.corpus.len(),
        "chunks": firsts,
        "chunkFiles": chunk_files,
        "chunkHashChars": CHUNK_HASH_CHARS,
        "pairFiles": pair_files,
        "pairHashChars": super::pairs::HASH_CHARS,
        "pairTokens": pair_tokens,
        "pairBoosts": super::pairs::PAIR_FIELDS.map(|(_, boost)| boost),
        "fragmentCode": placed.site_code,
        "fragmentHashChars": FRAGMENT_HASH_CHARS,
        "fragmentGroups": placed.hashes,
        "fragmentRecords": record_groups,
        "fragmentRecordChars": placed.record_chars,
        "facets": facets,
        "facetNames": FACETS,
        "facetLegends": FACET_LEGENDS,
        "maxPrefixTerms": MAX_PREFIX_TERMS,
        "stop": ix.lexicon.stop,
        "shortParts": ix.lexicon.short,
        "minPart": MIN_PART,
        "maxPhraseWords": MAX_PHRASE_WORDS,
        "maxFuzzyTerms": MAX_FUZZY_TERMS,
        "maxEdits": max_edits_by_length(),
        "fuzzyHead": FUZZY_HEAD,
        "compoundLinks": LINKS,
        "partWeight": PART_WEIGHT,
        "minHead": MIN_HEAD,
        "scoreQuantum": SCORE_QUANTUM,
        "excerpt": { "words": EXCERPT_WORDS, "before": WORDS_BEFORE, "minAffix": MIN_AFFIX },
    });
    sink.put(script("manifest.js", &manifest))?;
    Ok(sink.count())
}

/// Lexicon entries whose terms are read and encoded together, in parallel,
/// before the chunk walk takes them in order: enough to keep every core busy,
/// few enough that their postings are small beside the chunks themselves.
const ENCODE_BATCH: usize = 64;

/// A term chunk being filled: its surfaces with their terms, and its terms
/// encoded (`None`: not in the index).
#[derive(Default)]
struct Chunk<'a> {
    group: Vec<(&'a str, &'a str)>,
    encoded: HashMap<&'a str, Option<Encoded>>,
}

/// Term chunks by surface range: each holds its surfaces, their terms and the
/// terms' postings; positions go to a twin file loaded only for phrases. The
/// lexicon is taken a batch (`ENCODE_BATCH`) at a time: its terms encoded in
/// parallel, then cut into chunks in order, then the chunks it closed written
/// in parallel; only the batch's terms and chunks are held.
fn chunks(
    ix: &SearchIndex,
    encode: &(dyn Fn(&str) -> Result<Option<Encoded>> + Sync),
    parts: &(dyn Fn(&str) -> Option<Vec<String>> + Sync),
    sink: &Counted,
) -> Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    // A term seen again in a later chunk is read again.
    let mut current = Chunk::default();
    let mut size = 0;
    let mut previous: Option<&str> = None;
    for batch in ix.lexicon.entries.chunks(ENCODE_BATCH) {
        let mut terms: Vec<&str> = batch.iter().map(|(_, t)| t.as_str()).collect();
        terms.sort_unstable();
        terms.dedup();
        let mut ready: HashMap<&str, Option<Encoded>> = terms
            .into_par_iter()
            .map(|t| Ok((t, encode(t)?)))
            .collect::<Result<_>>()?;
        let mut closed = Vec::new();
        for (surface, term) in batch {
            let term = term.as_str();
            let seen = current.encoded.get(term).map(Option::is_some);
            let fresh = match seen {
                None => match ready.remove(term) {
                    Some(e) => e,
                    None => encode(term)?,
                },
                Some(_) => None,
            };
            if seen == Some(false) || (seen.is_none() && fresh.is_none()) {
                current.encoded.insert(term, None);
                continue;
            }
            if layout::closes(size, previous, surface) {
                // A term the closed chunk holds too (another of its
                // surfaces) is in both.
                let carried = fresh.or_else(|| current.encoded.get(term).cloned().flatten());
                closed.push(std::mem::take(&mut current));
                size = carried.as_ref().map_or(0, |e| e.size);
                current.encoded.insert(term, carried);
            } else if let Some(enc) = fresh {
                size += enc.size;
                current.encoded.insert(term, Some(enc));
            }
            size += surface.len() + 6;
            current.group.push((surface, term));
            previous = Some(surface);
        }
        let first = out.len();
        let written: Vec<(String, String)> = closed
            .par_iter()
            .enumerate()
            .map(|(i, chunk)| put_chunk(chunk, parts, first + i, sink))
            .collect::<Result<_>>()?;
        out.extend(written);
    }
    out.push(put_chunk(&current, parts, out.len(), sink)?);
    Ok(out)
}

/// Writes chunk number `g`, its terms file `t-G-CODE.js` and its positions
/// file `p-G-CODE.js`, and returns its first surface and its code (the
/// manifest's `chunks` and `chunkFiles`). A surface is `[surface, term
/// index]`, or `[surface, term index, parts]` when its term is a rare
/// compound that splits (the parts' surfaces).
fn put_chunk(
    chunk: &Chunk,
    parts: &(dyn Fn(&str) -> Option<Vec<String>> + Sync),
    g: usize,
    sink: &Counted,
) -> Result<(String, String)> {
    let Chunk { group, encoded } = chunk;
    let mut term_list: Vec<&str> = Vec::new();
    let mut term_index: HashMap<&str, usize> = HashMap::new();
    let enc = |t: &str| encoded.get(t).and_then(Option::as_ref).expect("encoded");
    let surfaces: Vec<Value> = group
        .iter()
        .map(|(surface, term)| {
            let i = *term_index.entry(term).or_insert_with(|| {
                term_list.push(term);
                term_list.len() - 1
            });
            match (enc(term).df <= RARE_COMPOUND)
                .then(|| parts(surface))
                .flatten()
            {
                Some(parts) => json!([surface, i, parts]),
                None => json!([surface, i]),
            }
        })
        .collect();
    let docs: Vec<Value> = term_list.iter().map(|t| json!([t, enc(t).docs])).collect();
    let positions: Vec<Value> = term_list.iter().map(|t| enc(t).positions.clone()).collect();
    let positions = json!(positions);
    let terms = json!({ "s": surfaces, "t": docs });
    let code = chunk_code(&terms, &positions);
    sink.put(script(&format!("p-{g}-{code}.js"), &positions))?;
    sink.put(script(&format!("t-{g}-{code}.js"), &terms))?;
    let first = if g == 0 {
        ""
    } else {
        group.first().map_or("", |(s, _)| s)
    };
    Ok((first.to_string(), code))
}

/// Characters of a term chunk's code (`encode::four_digits`): the number in
/// its file names tells chunks apart, so the code need only differ from the
/// same chunk's previous version, for caches that keep files by name; four
/// base-64 digits leave one chance in 16 million that a changed chunk keeps
/// its name (pair and fragment files, smaller and cheaper to get wrong,
/// have two).
pub const CHUNK_HASH_CHARS: usize = super::encode::CODE_CHARS;

/// The code of a chunk's two files, from the content of both.
fn chunk_code(terms: &Value, positions: &Value) -> String {
    let mut hasher = Sha256::new();
    hasher.update(terms.to_string().as_bytes());
    hasher.update(b"\n");
    hasher.update(positions.to_string().as_bytes());
    four_digits(&hasher.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_edits_table_covers_every_word_length() {
        // The client gives a longer word the table's last entry.
        let table = max_edits_by_length();
        for len in LONGEST_EDITS..100 {
            assert_eq!(max_edits(len), *table.last().unwrap(), "length {len}");
        }
        assert_eq!(table[4..6], [0, 1]);
    }
}

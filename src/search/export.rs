//! The static client index under `public/search/`, read straight out of the
//! tantivy index: terms with their postings (record, term frequency, field-norm
//! id) and positions, BM25 statistics, the surface forms of each term, facet
//! lists and per-page fragments. Every file is a classic script that calls
//! `kennisbankSearch(name, data)`, so it loads from `file://` too; all but the
//! manifest carry a content hash in their name.

use super::analysis::{MAX_PHRASE_WORDS, MIN_PART};
use super::cache::hex;
use super::collect::{FACETS, FACET_LEGENDS, FIELDS};
use super::excerpt::{EXCERPT_WORDS, MIN_AFFIX, WORDS_BEFORE};
use super::fragments::{self, FRAGMENT_HASH_CHARS};
use super::index::{self, SearchIndex, SECTION_BIT};
use super::layout;
use super::plan::{FUZZY_HEAD, LINKS};
use super::query::{max_edits, MAX_FUZZY_TERMS, MAX_PREFIX_TERMS, SCORE_QUANTUM};
use super::FORMAT_VERSION;
use crate::output::sink::{Contents, Counted, Memory, OutputFile, Sink};
use anyhow::Result;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use tantivy::directory::RamDirectory;
use tantivy::postings::Postings;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, Term, TERMINATED};

/// Where the client index lives in the built site.
pub const DIR: &str = crate::config::urls::SEARCH_DIR;
/// The digits of the index's varints and fixed-width numbers.
pub const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
/// Words up to this long get the manifest's `maxEdits[length]` edits, longer
/// ones its last entry.
const LONGEST_EDITS: usize = 9;
/// `max_edits` by word length, for the client.
fn max_edits_by_length() -> Vec<usize> {
    (0..=LONGEST_EDITS).map(max_edits).collect()
}

/// Indexes a collected corpus in memory.
pub fn index_corpus(corpus: super::Corpus) -> Result<SearchIndex> {
    index::build(corpus, Box::new(RamDirectory::create()))
}

/// Indexes a collected corpus in memory and exports its client index (what
/// `serve` does off the reload path).
pub fn export_corpus(corpus: super::Corpus) -> Result<Vec<OutputFile>> {
    export(&index_corpus(corpus)?)
}

/// Exports the client index of an open search index, kept in memory.
pub fn export(ix: &SearchIndex) -> Result<Vec<OutputFile>> {
    let memory = Memory::default();
    export_into(ix, &memory)?;
    Ok(memory.into_files())
}

/// Postings of one term in one field: (number, tf, field-norm id, positions),
/// pages and sections apart.
#[derive(Default)]
struct FieldPostings {
    pages: Vec<(u64, u32, u8, Vec<u32>)>,
    sections: Vec<(u64, u32, u8, Vec<u32>)>,
}

/// Appends `n` as a varint in the URL-safe base64 alphabet: five data bits
/// per character, the sixth set on every character but the last.
pub fn varint(out: &mut String, mut n: u64) {
    loop {
        let low = (n & 31) as usize;
        n >>= 5;
        if n == 0 {
            out.push(ALPHABET[low] as char);
            return;
        }
        out.push(ALPHABET[low | 32] as char);
    }
}

/// Page postings as varints (page delta, tf, field-norm id), each followed by
/// the page's fragment group (`fragments::Placed::codes`); positions apart.
pub(super) fn encode_postings(
    list: &[(u64, u32, u8, Vec<u32>)],
    groups: &[String],
) -> (String, String) {
    let mut docs = String::new();
    let mut positions = String::new();
    let mut last = 0;
    for (n, tf, norm, pos) in list {
        varint(&mut docs, n - last);
        varint(&mut docs, u64::from(*tf));
        varint(&mut docs, u64::from(*norm));
        if let Some(g) = groups.get(*n as usize) {
            docs.push_str(g);
        }
        last = *n;
        varint(&mut positions, pos.len() as u64);
        let mut prev = 0;
        for p in pos {
            varint(&mut positions, u64::from(p - prev));
            prev = *p;
        }
    }
    (docs, positions)
}

/// Section postings as varints: `page delta * 8 + min(local index, 7)`
/// (then `local index - 7` when it is 7 or more), tf, field-norm id; the
/// client ranks pages by their best section, so it needs each section's page
/// without a table. Positions apart, as for pages.
pub(super) fn encode_section_postings(
    list: &[(u64, u32, u8, Vec<u32>)],
    first_sections: &[usize],
) -> (String, String) {
    let mut docs = String::new();
    let mut positions = String::new();
    let mut last_page = 0u64;
    for (n, tf, norm, pos) in list {
        let number = *n as usize;
        let page = page_of(first_sections, *n);
        let local = (number - first_sections.get(page).copied().unwrap_or(0)) as u64;
        let page = page as u64;
        varint(&mut docs, (page - last_page) * 8 + local.min(7));
        if local >= 7 {
            varint(&mut docs, local - 7);
        }
        varint(&mut docs, u64::from(*tf));
        varint(&mut docs, u64::from(*norm));
        last_page = page;
        varint(&mut positions, pos.len() as u64);
        let mut prev = 0;
        for p in pos {
            varint(&mut positions, u64::from(p - prev));
            prev = *p;
        }
    }
    (docs, positions)
}

/// The page of section record `number` (`first_sections[page]` is each page's first).
fn page_of(first_sections: &[usize], number: u64) -> usize {
    first_sections
        .partition_point(|&s| s <= number as usize)
        .saturating_sub(1)
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

fn put_hashed(sink: &Counted, prefix: &str, data: Value) -> Result<String> {
    let name = hashed(prefix, &data);
    sink.put(script(&name, &data))?;
    Ok(name)
}

/// The readers of one segment that the export needs.
struct SegmentPostings {
    records: tantivy::columnar::Column<u64>,
    inverted: Vec<std::sync::Arc<tantivy::InvertedIndexReader>>,
    norms: Vec<tantivy::fieldnorm::FieldNormReader>,
}

/// Exports the client index of an open search index into `sink`, one file at a
/// time: fragments, then term chunks in surface order (each term's postings
/// read from the index when its chunk is written, so no copy of every
/// posting is held), facets and the manifest. Returns how many files it put.
pub fn export_into(ix: &SearchIndex, sink: &dyn Sink) -> Result<usize> {
    let sink = Counted::new(sink);
    let searcher = ix.reader.searcher();
    let mut tokens = vec![0u64; FIELDS.len()];
    let mut docs = 0u64;
    let mut segments = Vec::new();
    for segment in searcher.segment_readers() {
        docs += u64::from(segment.max_doc());
        let mut inverted = Vec::new();
        let mut norms = Vec::new();
        for (fi, field) in ix.fields.text.iter().enumerate() {
            let reader = segment.inverted_index(*field)?;
            tokens[fi] += reader.total_num_tokens();
            inverted.push(reader);
            norms.push(segment.get_fieldnorms_reader(*field)?);
        }
        segments.push(SegmentPostings {
            records: segment.fast_fields().u64("record")?,
            inverted,
            norms,
        });
    }
    let first_sections = ix.corpus.first_sections();
    let pages_of = |term: &str| -> Result<BTreeSet<u32>> {
        let mut out = BTreeSet::new();
        for f in postings(ix, &segments, term)? {
            out.extend(f.pages.iter().map(|p| p.0 as u32));
            out.extend(
                f.sections
                    .iter()
                    .map(|s| page_of(&first_sections, s.0) as u32),
            );
        }
        Ok(out)
    };
    let placed = fragments::write(ix, &pages_of, &sink)?;
    let encode = |term: &str| -> Result<Option<Encoded>> {
        let fields = postings(ix, &segments, term)?;
        Ok(encode_term(term, &fields, &placed.codes, &first_sections))
    };
    let chunks = chunks(ix, &encode, &sink)?;
    let firsts: Vec<String> = chunks
        .iter()
        .map(|c| c[0].as_str().unwrap_or("").to_string())
        .collect();
    let (pair_files, pair_tokens) = super::pairs::export(ix, &firsts, &sink)?;
    let facets = facets(ix, &sink)?;
    let manifest = json!({
        "version": FORMAT_VERSION,
        "k1": 1.2,
        "b": 0.75,
        "fields": FIELDS.iter().map(|(n, _)| n).collect::<Vec<_>>(),
        "boosts": FIELDS.iter().map(|(_, b)| b).collect::<Vec<_>>(),
        "docs": docs,
        "tokens": tokens,
        "pages": ix.corpus.pages.len(),
        "chunks": chunks,
        "pairFiles": pair_files,
        "pairHashChars": super::pairs::HASH_CHARS,
        "pairTokens": pair_tokens,
        "pairBoosts": super::pairs::PAIR_FIELDS.map(|(_, boost)| boost),
        "fragmentGroupChars": placed.code_chars,
        "fragmentHashChars": FRAGMENT_HASH_CHARS,
        "fragmentGroups": placed.hashes,
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
        "scoreQuantum": SCORE_QUANTUM,
        "excerpt": { "words": EXCERPT_WORDS, "before": WORDS_BEFORE, "minAffix": MIN_AFFIX },
    });
    sink.put(script("manifest.js", &manifest))?;
    Ok(sink.count())
}

/// One term's postings in every field, from every segment, in record order.
fn postings(
    ix: &SearchIndex,
    segments: &[SegmentPostings],
    term: &str,
) -> Result<Vec<FieldPostings>> {
    let mut out: Vec<FieldPostings> = (0..FIELDS.len())
        .map(|_| FieldPostings::default())
        .collect();
    for segment in segments {
        for (fi, field) in ix.fields.text.iter().enumerate() {
            let inverted = &segment.inverted[fi];
            let Some(info) = inverted.get_term_info(&Term::from_field_text(*field, term))? else {
                continue;
            };
            let mut postings = inverted
                .read_postings_from_terminfo(&info, IndexRecordOption::WithFreqsAndPositions)?;
            let mut doc = postings.doc();
            while doc != TERMINATED {
                let mut positions = Vec::new();
                postings.positions(&mut positions);
                let record = segment.records.first(doc).unwrap_or(0);
                let item = (
                    record & !SECTION_BIT,
                    postings.term_freq(),
                    segment.norms[fi].fieldnorm_id(doc),
                    positions,
                );
                if record & SECTION_BIT == 0 {
                    out[fi].pages.push(item);
                } else {
                    out[fi].sections.push(item);
                }
                doc = postings.advance();
            }
        }
    }
    for f in &mut out {
        f.pages.sort_by_key(|p| p.0);
        f.sections.sort_by_key(|p| p.0);
    }
    Ok(out)
}

/// A term's postings as the client reads them: per field, docs and positions,
/// and the size the term adds to a chunk.
type Encoded = (Value, Value, usize);

/// `None` for a term with no postings in any field.
fn encode_term(
    term: &str,
    fields: &[FieldPostings],
    hashes: &[String],
    first_sections: &[usize],
) -> Option<Encoded> {
    let mut docs = serde_json::Map::new();
    let mut positions = serde_json::Map::new();
    let mut size = term.len();
    for (fi, f) in fields.iter().enumerate() {
        if f.pages.is_empty() && f.sections.is_empty() {
            continue;
        }
        let (pd, pp) = encode_postings(&f.pages, hashes);
        let (sd, sp) = encode_section_postings(&f.sections, first_sections);
        size += pd.len() + sd.len() + 12;
        docs.insert(fi.to_string(), json!([pd, sd]));
        positions.insert(fi.to_string(), json!([pp, sp]));
    }
    if docs.is_empty() {
        return None;
    }
    Some((Value::Object(docs), Value::Object(positions), size))
}

/// Term chunks by surface range: each holds its surfaces, their terms and the
/// terms' postings; positions go to a twin file loaded only for phrases. A
/// chunk is written as soon as it is closed; only its own terms are held.
fn chunks(
    ix: &SearchIndex,
    encode: &dyn Fn(&str) -> Result<Option<Encoded>>,
    sink: &Counted,
) -> Result<Vec<Value>> {
    let mut out = Vec::new();
    let mut group: Vec<(&str, &str)> = Vec::new();
    // The current chunk's terms, encoded (`None`: not in the index); a term
    // seen again in a later chunk is read again.
    let mut encoded: HashMap<&str, Option<Encoded>> = HashMap::new();
    let mut size = 0;
    let mut previous: Option<&str> = None;
    for (surface, term) in &ix.lexicon.entries {
        let term = term.as_str();
        let seen = encoded.get(term).map(Option::is_some);
        let fresh = match seen {
            None => encode(term)?,
            Some(_) => None,
        };
        if seen == Some(false) || (seen.is_none() && fresh.is_none()) {
            encoded.insert(term, None);
            continue;
        }
        if layout::closes(size, previous, surface) {
            put_chunk(&group, &encoded, out.len(), sink, &mut out)?;
            let carried = fresh.or_else(|| encoded.remove(term).flatten());
            group.clear();
            encoded.clear();
            size = carried.as_ref().map_or(0, |e| e.2);
            encoded.insert(term, carried);
        } else if let Some(enc) = fresh {
            size += enc.2;
            encoded.insert(term, Some(enc));
        }
        size += surface.len() + 6;
        group.push((surface, term));
        previous = Some(surface);
    }
    put_chunk(&group, &encoded, out.len(), sink, &mut out)?;
    Ok(out)
}

/// Writes one chunk (its terms file and positions file) and notes it in `out`.
fn put_chunk(
    group: &[(&str, &str)],
    encoded: &HashMap<&str, Option<Encoded>>,
    g: usize,
    sink: &Counted,
    out: &mut Vec<Value>,
) -> Result<()> {
    let mut term_list: Vec<&str> = Vec::new();
    let mut term_index: HashMap<&str, usize> = HashMap::new();
    let surfaces: Vec<Value> = group
        .iter()
        .map(|(surface, term)| {
            let i = *term_index.entry(term).or_insert_with(|| {
                term_list.push(term);
                term_list.len() - 1
            });
            json!([surface, i])
        })
        .collect();
    let enc = |t: &str| encoded.get(t).and_then(Option::as_ref).expect("encoded");
    let docs: Vec<Value> = term_list.iter().map(|t| json!([t, enc(t).0])).collect();
    let positions: Vec<Value> = term_list.iter().map(|t| enc(t).1.clone()).collect();
    let pos_name = put_hashed(sink, "p", json!(positions))?;
    let name = put_hashed(sink, "t", json!({ "s": surfaces, "t": docs }))?;
    let first = if g == 0 {
        ""
    } else {
        group.first().map_or("", |(s, _)| s)
    };
    out.push(json!([first, name, pos_name]));
    Ok(())
}

/// Per facet: values with their label, page count and pages; in the manifest
/// when small (see `layout`), else in a file of their own.
fn facets(ix: &SearchIndex, sink: &Counted) -> Result<Value> {
    let mut data = serde_json::Map::new();
    for facet in FACETS {
        let mut pages: BTreeMap<&str, Vec<u64>> = BTreeMap::new();
        for (n, p) in ix.corpus.pages.iter().enumerate() {
            for v in p.facets.get(facet).into_iter().flatten() {
                pages.entry(v).or_default().push(n as u64);
            }
        }
        let labels = ix.corpus.labels.get(facet);
        let mut values: Vec<(String, &str, usize, String)> = pages
            .into_iter()
            .map(|(v, list)| {
                let mut enc = String::new();
                let mut last = 0;
                for n in &list {
                    varint(&mut enc, n - last);
                    last = *n;
                }
                let label = labels.and_then(|l| l.get(v)).map_or(v, String::as_str);
                (label.to_string(), v, list.len(), enc)
            })
            .collect();
        if facet == "jaar" {
            values.sort_by(|a, b| b.1.cmp(a.1));
        } else {
            values.sort_by_key(|v| crate::config::names::fold(&v.0));
        }
        data.insert(
            facet.to_string(),
            json!(values
                .into_iter()
                .map(|(label, v, count, enc)| json!([v, label, count, enc]))
                .collect::<Vec<_>>()),
        );
    }
    layout::facets_entry(Value::Object(data), |data| put_hashed(sink, "facets", data))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_use_five_bits_per_character() {
        let mut s = String::new();
        for n in [0, 31, 32, 1000] {
            varint(&mut s, n);
        }
        assert_eq!(s, "AfgBof");
    }

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

//! The tantivy index, the engine of record: its schema (declared once), how a
//! `Corpus` becomes records (one per page, one per `##` section), and the
//! lexicon of surface forms -> indexed terms that queries and the client
//! index resolve words with.

use super::analysis::{self, Dictionary};
use super::collect::{Corpus, FACETS, FIELDS};
use super::forms::{StopWords, EXTRA_STOP_WORDS};
use super::pairs;
use anyhow::{Context, Result};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;
use tantivy::directory::Directory;
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, STRING,
};
use tantivy::{Index, IndexReader, IndexSettings, TantivyDocument, Term};

/// The tantivy writer's memory budget per indexing thread (its arena; tantivy
/// needs at least 15 MB). Smaller budgets give more segments to read at export.
pub const WRITER_MEMORY_PER_THREAD: usize = 64 << 20;

/// Marks a section record in the `record` fast field; the low bits hold its number.
pub const SECTION_BIT: u64 = 1 << 40;

/// The schema's fields, looked up once.
#[derive(Clone)]
pub struct Fields {
    pub text: Vec<Field>,
    pub level: Field,
    pub page: Field,
    pub record: Field,
    pub facets: Vec<Field>,
    /// Neighbouring words (`pairs`): of every text field, and of the title
    /// alone, in the order of `pairs::PAIR_FIELDS`.
    pub pairs: Vec<Field>,
}

pub fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text_options = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analysis::ANALYZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let text = FIELDS
        .iter()
        .map(|(name, _)| b.add_text_field(name, text_options.clone()))
        .collect();
    let level = b.add_text_field("level", STRING);
    let page = b.add_u64_field("page", FAST | tantivy::schema::INDEXED);
    let record = b.add_u64_field("record", FAST);
    let facets = FACETS
        .iter()
        .map(|name| b.add_text_field(&format!("facet_{name}"), STRING))
        .collect();
    let pair_options = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(pairs::ANALYZER)
            .set_index_option(IndexRecordOption::WithFreqs),
    );
    let pairs = pairs::PAIR_FIELDS
        .iter()
        .map(|(name, _)| b.add_text_field(name, pair_options.clone()))
        .collect();
    (
        b.build(),
        Fields {
            text,
            level,
            page,
            record,
            facets,
            pairs,
        },
    )
}

/// An open index with what queries need beside it.
pub struct SearchIndex {
    pub index: Index,
    pub reader: IndexReader,
    pub fields: Fields,
    pub corpus: Corpus,
    pub lexicon: Lexicon,
    /// The lexicon's function words (`Lexicon::stop`) and short compound parts.
    pub stop_words: HashSet<String>,
    pub short_parts: HashSet<String>,
}

/// Surface forms (folded words as written) -> the term they index as, sorted
/// by surface. Only surfaces whose term is in the index are kept.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize, PartialEq)]
pub struct Lexicon {
    pub entries: Vec<(String, String)>,
    /// Surfaces on tantivy's Dutch stop-word list, and every word of
    /// `EXTRA_STOP_WORDS`, sorted.
    pub stop: Vec<String>,
    /// Glossary words shorter than the shortest compound part that may still
    /// be one (`wmo`), sorted.
    pub short: Vec<String>,
}

impl Lexicon {
    pub fn get(&self, surface: &str) -> Option<&str> {
        self.entries
            .binary_search_by(|(s, _)| s.as_str().cmp(surface))
            .ok()
            .map(|i| self.entries[i].1.as_str())
    }

    /// Entries whose surface starts with `prefix`, in surface order.
    pub fn with_prefix<'a>(
        &'a self,
        prefix: &'a str,
    ) -> impl Iterator<Item = &'a (String, String)> {
        let start = self.entries.partition_point(|(s, _)| s.as_str() < prefix);
        self.entries[start..]
            .iter()
            .take_while(move |(s, _)| s.starts_with(prefix))
    }
}

/// Builds the dictionary, the index (into `dir`) and the lexicon for a corpus.
/// Records are added in site order: each page, then its sections.
pub fn build(corpus: Corpus, dir: Box<dyn Directory>) -> Result<SearchIndex> {
    let dict = Arc::new(dictionary(&corpus)?);
    let (schema, fields) = schema();
    let index = Index::create(dir, schema, IndexSettings::default())
        .context("cannot create the search index")?;
    index
        .tokenizers()
        .register(analysis::ANALYZER, analysis::index_analyzer(dict.clone()));
    index
        .tokenizers()
        .register(pairs::ANALYZER, pairs::PairTokenizer::default());
    // Segment layout does not matter: records are identified by the `record`
    // fast field and statistics are summed over segments.
    // As many writer threads as the rayon pool this runs in has (`serve`
    // indexes in a pool of one), at most four, each with a fixed memory
    // budget: past it a thread writes a segment out, so indexing memory does
    // not grow with the site.
    let threads = rayon::current_num_threads().clamp(1, 4);
    let mut writer = index
        .writer_with_num_threads::<TantivyDocument>(threads, WRITER_MEMORY_PER_THREAD * threads)
        .context("cannot open the search index for writing")?;
    let mut section_number = 0u64;
    for n in 0..corpus.len() {
        let page = corpus.page(n)?;
        let n = n as u64;
        let mut doc = TantivyDocument::default();
        doc.add_text(fields.level, "page");
        doc.add_u64(fields.page, n);
        doc.add_u64(fields.record, n);
        for (i, (field, text)) in fields.text.iter().zip(&page.fields).enumerate() {
            if !text.is_empty() {
                doc.add_text(*field, text);
                add_pairs(&mut doc, &fields, i, text);
            }
        }
        for (field, name) in fields.facets.iter().zip(FACETS) {
            for value in page.facets.get(name).into_iter().flatten() {
                doc.add_text(*field, value);
            }
        }
        writer.add_document(doc)?;
        for section in &page.sections {
            let mut doc = TantivyDocument::default();
            doc.add_text(fields.level, "section");
            doc.add_u64(fields.page, n);
            doc.add_u64(fields.record, SECTION_BIT | section_number);
            // A section carries its page's title (as "Title › Heading"):
            // the title field's average length then counts records that
            // have a title, so long titles are not scored down against it.
            let mut texts = section.fields();
            texts[0] = page.fields[0].clone();
            for (i, (field, text)) in fields.text.iter().zip(texts).enumerate() {
                if !text.is_empty() {
                    doc.add_text(*field, &text);
                    add_pairs(&mut doc, &fields, i, &text);
                }
            }
            writer.add_document(doc)?;
            section_number += 1;
        }
    }
    writer.commit().context("cannot commit the search index")?;
    writer.wait_merging_threads()?;
    let reader = index.reader()?;
    let lexicon = lexicon(&dict, &reader.searcher(), &fields);
    Ok(SearchIndex::new(index, reader, fields, corpus, lexicon))
}

/// The analysis dictionary of every text of the corpus, its pages read a
/// few at a time (`Corpus::page`).
fn dictionary(corpus: &Corpus) -> Result<Dictionary> {
    let numbers: Vec<usize> = (0..corpus.len()).collect();
    let words = numbers
        .par_chunks(64)
        .map(|chunk| -> Result<rustc_hash::FxHashSet<String>> {
            let pages = chunk
                .iter()
                .map(|&n| corpus.page(n))
                .collect::<Result<Vec<_>>>()?;
            Ok(Dictionary::words(pages.iter().flat_map(|p| p.texts())))
        })
        .try_reduce(rustc_hash::FxHashSet::default, |mut a, b| {
            a.extend(b);
            Ok(a)
        })?;
    Ok(Dictionary::from_words(&words, &corpus.synonyms))
}

/// The text of text field `i` in the pair fields: every field's in the
/// first, the title's (field 0) in the second as well.
fn add_pairs(doc: &mut TantivyDocument, fields: &Fields, i: usize, text: &str) {
    doc.add_text(fields.pairs[0], text);
    if i == 0 {
        doc.add_text(fields.pairs[1], text);
    }
}

/// Opens an index written by `build`, with its saved corpus and lexicon.
pub fn open(dir: Box<dyn Directory>, corpus: Corpus, lexicon: Lexicon) -> Result<SearchIndex> {
    let index = Index::open(dir).context("cannot open the search index")?;
    let (_, fields) = schema();
    let reader = index.reader()?;
    Ok(SearchIndex::new(index, reader, fields, corpus, lexicon))
}

fn lexicon(dict: &Dictionary, searcher: &tantivy::Searcher, fields: &Fields) -> Lexicon {
    let mut known: BTreeMap<String, bool> = BTreeMap::new();
    let mut entries = Vec::new();
    for surface in dict.surfaces() {
        let term = dict.term(surface);
        let present = *known.entry(term.clone()).or_insert_with(|| {
            fields.text.iter().any(|f| {
                searcher
                    .doc_freq(&Term::from_field_text(*f, &term))
                    .is_ok_and(|n| n > 0)
            })
        });
        if present {
            entries.push((surface.clone(), term));
        }
    }
    let mut stop_words = StopWords::default();
    // The function words the site writes, and the question words and
    // determiners of our own list whether it writes them or not: a question
    // word no page uses (`wanneer` on a small site) is left out as a function
    // word rather than reported as a word found nowhere.
    let mut stop: Vec<String> = entries
        .iter()
        .filter(|(s, _)| stop_words.contains(s))
        .map(|(s, _)| s.clone())
        .chain(EXTRA_STOP_WORDS.iter().map(|w| w.to_string()))
        .collect();
    stop.sort_unstable();
    stop.dedup();
    let short = dict.short_parts().iter().cloned().collect();
    Lexicon {
        entries,
        stop,
        short,
    }
}

impl SearchIndex {
    pub fn new(
        index: Index,
        reader: IndexReader,
        fields: Fields,
        corpus: Corpus,
        lexicon: Lexicon,
    ) -> Self {
        SearchIndex {
            stop_words: lexicon.stop.iter().cloned().collect(),
            short_parts: lexicon.short.iter().cloned().collect(),
            index,
            reader,
            fields,
            corpus,
            lexicon,
        }
    }

    /// Total number of documents containing `term` in any text field, per field.
    pub fn doc_freqs(&self, term: &str) -> Vec<u64> {
        self.doc_freqs_in(&self.reader.searcher(), term)
            .unwrap_or_else(|_| vec![0; self.fields.text.len()])
    }

    /// `doc_freqs` as `searcher` reads them.
    pub fn doc_freqs_in(
        &self,
        searcher: &tantivy::Searcher,
        term: &str,
    ) -> tantivy::Result<Vec<u64>> {
        self.fields
            .text
            .iter()
            .map(|f| searcher.doc_freq(&Term::from_field_text(*f, term)))
            .collect()
    }
}

//! One IDF per word for every text field. tantivy weighs a term by how rare
//! it is in the field it matched, so a common word in a short field (`goed`
//! in a title, `in` in a heading) counted as rare there and, times the
//! field's boost, outscored the words a page is about. As in BM25F, a word
//! has one rarity: its document frequency is the largest of its per-field
//! frequencies. The client's `termDf` in `search.js` computes the same from
//! the fields a term chunk lists. A pair's is counted over every spelling
//! of its two words (`pairs::spellings_df`).

use super::super::index::SearchIndex;
use super::super::pairs::spellings_df;
use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

pub struct OneIdf<'a> {
    pub searcher: &'a Searcher,
    ix: &'a SearchIndex,
}

impl<'a> OneIdf<'a> {
    pub fn new(ix: &'a SearchIndex, searcher: &'a Searcher) -> Self {
        OneIdf { searcher, ix }
    }
}

impl Bm25StatisticsProvider for OneIdf<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        Bm25StatisticsProvider::total_num_tokens(self.searcher, field)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Bm25StatisticsProvider::total_num_docs(self.searcher)
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        let value = term.value();
        match value.as_str() {
            Some(text) if self.ix.fields.text.contains(&term.field()) => {
                let per_field = self.ix.doc_freqs_in(self.searcher, text)?;
                Ok(per_field.into_iter().max().unwrap_or(0))
            }
            Some(pair) if self.ix.fields.pairs.contains(&term.field()) => spellings_df(
                self.searcher,
                &self.ix.lexicon,
                &self.ix.stop_words,
                term.field(),
                pair,
            ),
            _ => self.searcher.doc_freq(term),
        }
    }
}

//! The analysis chain as tantivy sees it: the base analyzer (words, lower
//! case, ASCII folding), the `Expansion` filter that hands a text's words to
//! the `Dictionary`, the index analyzer built from both, and the Snowball
//! `Stem` the dictionary falls back on.

use super::dictionary::Dictionary;
use super::tokenizer::{VecTokenStream, WordTokenizer};
use std::sync::Arc;
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RawTokenizer, Stemmer, TextAnalyzer, TokenFilter,
    TokenStream, Tokenizer,
};

/// Folds and lowercases text into its words as the index sees them before
/// expansion (hyphenated words still whole).
pub fn folded_words(text: &str) -> Vec<String> {
    let mut analyzer = base_analyzer();
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

/// Words, lower case, ASCII folding: the words as the index sees them
/// before expansion.
pub fn base_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(WordTokenizer)
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// The `Expansion` token filter: variants, compound parts and synonyms added
/// at the position of the word they come from.
#[derive(Clone)]
pub struct Expansion {
    dict: Arc<Dictionary>,
}

impl Expansion {
    pub fn new(dict: Arc<Dictionary>) -> Self {
        Expansion { dict }
    }
}

#[derive(Clone)]
pub struct ExpansionTokenizer<T> {
    inner: T,
    dict: Arc<Dictionary>,
}

impl TokenFilter for Expansion {
    type Tokenizer<T: Tokenizer> = ExpansionTokenizer<T>;
    fn transform<T: Tokenizer>(self, tokenizer: T) -> ExpansionTokenizer<T> {
        ExpansionTokenizer {
            inner: tokenizer,
            dict: self.dict,
        }
    }
}

impl<T: Tokenizer> Tokenizer for ExpansionTokenizer<T> {
    type TokenStream<'a> = VecTokenStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        let mut input = Vec::new();
        let mut stream = self.inner.token_stream(text);
        while stream.advance() {
            input.push(std::mem::take(stream.token_mut()));
        }
        VecTokenStream::new(self.dict.expand(input))
    }
}

/// The analyzer every text field is indexed with.
pub fn index_analyzer(dict: Arc<Dictionary>) -> TextAnalyzer {
    TextAnalyzer::builder(WordTokenizer)
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(Expansion::new(dict))
        .build()
}

/// Stems one folded word exactly as the index analyzer does.
#[derive(Clone)]
pub struct Stem(TextAnalyzer);

impl Default for Stem {
    fn default() -> Self {
        Stem(
            TextAnalyzer::builder(RawTokenizer::default())
                .filter(Stemmer::new(Language::Dutch))
                .build(),
        )
    }
}

impl Stem {
    pub fn stem(&mut self, word: &str) -> String {
        let mut stream = self.0.token_stream(word);
        if stream.advance() {
            stream.token().text.clone()
        } else {
            word.to_string()
        }
    }
}

/// Tokens of `text` as (position, term) pairs, for tests and excerpts.
pub fn analyze(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(usize, String)> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        let t = stream.token();
        out.push((t.position, t.text.clone()));
    }
    out
}

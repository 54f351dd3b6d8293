//! The Dutch analysis chain, as a tantivy tokenizer pipeline:
//! `WordTokenizer` (NFKC, apostrophes) -> `LowerCaser` -> `AsciiFoldingFilter`
//! -> `Expansion` (hyphen/space/solid variants, compound parts, glossary
//! synonyms matched on terms, then each surface to its term: the Dutch
//! Snowball stem with the corpus's word forms merged, see `terms`). The
//! `Dictionary` that drives the expansion is built from the corpus itself;
//! nothing Dutch is listed in code but the linking letters of compounds and
//! the inflection rules of `forms`.

use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Arc;
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RawTokenizer, Stemmer, TextAnalyzer, Token,
    TokenFilter, TokenStream, Tokenizer,
};

/// Separates the terms of a multi-word synonym key.
const KEY_SEP: char = ' ';
use unicode_normalization::UnicodeNormalization;

/// Name under which the index analyzer is registered with tantivy.
pub const ANALYZER: &str = "nl";

/// Linking letters between the parts of a Dutch compound
/// (`vrijwilliger-s-organisatie`, `pannenkoek`, `zieke-n-huis`).
const LINKS: [&str; 4] = ["", "s", "e", "en"];
/// Shortest compound part, unless the part is a glossary word (`wmo`).
pub const MIN_PART: usize = 4;
/// Longest run of words a synonym or a spaced compound may span.
pub const MAX_PHRASE_WORDS: usize = 6;

/// Splits text into words: letters and digits, with apostrophes and hyphens
/// between them kept inside the word (apostrophes dropped: `risico's` ->
/// `risicos`; hyphens kept for `Expansion` to split), and an optional part in
/// parentheses joined to the rest (`(wijk)team` -> `wijkteam`, whose parts
/// `wijk` and `team` compound splitting adds). Applies NFKC first and reads
/// curly apostrophes as straight ones.
#[derive(Clone, Default)]
pub struct WordTokenizer;

/// A token stream over tokens computed up front.
pub struct VecTokenStream {
    tokens: Vec<Token>,
    /// One past the current token; 0 before the first `advance`.
    next: usize,
}

impl VecTokenStream {
    fn new(tokens: Vec<Token>) -> Self {
        VecTokenStream { tokens, next: 0 }
    }
}

impl TokenStream for VecTokenStream {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }
    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = VecTokenStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        VecTokenStream::new(words(text))
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`' | '\u{00B4}'
    )
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// The word tokens of `text`, offsets into its NFKC form.
pub fn words(text: &str) -> Vec<Token> {
    let text: String = text.nfkc().collect();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].1.is_alphanumeric() {
            i += 1;
            continue;
        }
        let start = chars[i].0;
        let mut word = String::new();
        let mut end = start;
        while i < chars.len() {
            let (at, c) = chars[i];
            if c.is_alphanumeric() {
                word.push(c);
                end = at + c.len_utf8();
                i += 1;
            } else if (is_apostrophe(c) || is_hyphen(c) || c == ')')
                && chars.get(i + 1).is_some_and(|(_, n)| n.is_alphanumeric())
            {
                if is_hyphen(c) {
                    word.push('-');
                }
                i += 1;
            } else {
                break;
            }
        }
        tokens.push(Token {
            offset_from: start,
            offset_to: end,
            position: tokens.len(),
            text: word,
            position_length: 1,
        });
    }
    tokens
}

/// What the corpus and the glossary teach the analyzer: which words exist on
/// their own (compound parts), which solid spellings exist (to join spaced or
/// hyphenated ones), and which spellings are synonyms of one another.
#[derive(Debug, Default)]
pub struct Dictionary {
    /// word -> its compound parts (recursively), for every word that splits.
    compounds: HashMap<String, Vec<String>>,
    /// Every solid spelling seen: words, hyphenated words joined, synonyms joined.
    solid: HashSet<String>,
    /// A synonym variant's terms (space-separated; a solid spelling's one
    /// term) -> the groups it belongs to: synonyms match on analysed forms.
    variant_groups: HashMap<String, Vec<usize>>,
    /// Surface -> indexed term (see `terms`).
    terms: HashMap<String, String>,
    /// Glossary words shorter than `MIN_PART` that may be compound parts (`wmo`).
    short: BTreeSet<String>,
    /// Per group, its variants joined (`sociaalwijkteam`, `swt`).
    groups: Vec<Vec<String>>,
    /// Every spelling the index analyzer can emit before stemming.
    surfaces: BTreeSet<String>,
    /// The most words a synonym spelling has.
    max_variant_words: usize,
}

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

fn base_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(WordTokenizer)
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

impl Dictionary {
    /// Builds the dictionary from every text that will be indexed and the
    /// synonym groups (each a list of spellings, e.g. `["Sociaal wijkteam", "SWT"]`).
    pub fn build<'a>(texts: impl IntoIterator<Item = &'a str>, groups: &[Vec<String>]) -> Self {
        let mut standalone: HashSet<String> = HashSet::new();
        let mut solid: HashSet<String> = HashSet::new();
        let mut short: HashSet<String> = HashSet::new();
        let texts: Vec<&str> = texts.into_iter().collect();
        let words: HashSet<String> = texts
            .par_chunks(256)
            .map(|chunk| {
                let mut analyzer = base_analyzer();
                let mut set = HashSet::new();
                for text in chunk {
                    let mut stream = analyzer.token_stream(text);
                    while stream.advance() {
                        set.insert(stream.token().text.clone());
                    }
                }
                set
            })
            .reduce(HashSet::new, |mut a, b| {
                a.extend(b);
                a
            });
        for word in &words {
            add_word(word, &mut standalone, &mut solid);
        }
        let mut dict = Dictionary::default();
        let mut keyed: Vec<(Vec<String>, usize)> = Vec::new();
        for group in groups {
            let mut joined: Vec<String> = Vec::new();
            let id = dict.groups.len();
            for variant in group {
                let words = folded_words(variant);
                let parts: Vec<String> = words
                    .iter()
                    .flat_map(|w| w.split('-').map(str::to_string).collect::<Vec<_>>())
                    .filter(|w| !w.is_empty())
                    .collect();
                if !parts.is_empty() {
                    keyed.push((parts, id));
                }
                let count: usize = words.iter().map(|w| w.split('-').count()).sum();
                dict.max_variant_words = dict.max_variant_words.max(count);
                for w in &words {
                    add_word(w, &mut standalone, &mut solid);
                    for part in w.split('-') {
                        short.insert(part.to_string());
                    }
                }
                let j: String = words.concat().replace('-', "");
                if !j.is_empty() && !joined.contains(&j) {
                    joined.push(j);
                }
            }
            for j in &joined {
                solid.insert(j.clone());
                keyed.push((vec![j.clone()], id));
            }
            dict.groups.push(joined);
        }
        let is_part = |w: &str| {
            (w.chars().count() >= MIN_PART && standalone.contains(w)) || short.contains(w)
        };
        let sorted: Vec<&String> = solid.iter().collect();
        let split: Vec<(&String, Vec<String>)> = sorted
            .par_iter()
            .map(|word| (*word, split_compound(word, &is_part)))
            .filter(|(_, parts)| !parts.is_empty())
            .collect();
        for (word, parts) in split {
            dict.surfaces.extend(parts.iter().cloned());
            dict.compounds.insert(word.clone(), parts);
        }
        dict.surfaces.extend(solid.iter().cloned());
        dict.surfaces.extend(standalone);
        dict.solid = solid;
        dict.terms = super::terms::table(&dict.surfaces);
        for (words, id) in keyed {
            let key = dict.key(words.iter().map(String::as_str));
            let groups = dict.variant_groups.entry(key).or_default();
            if !groups.contains(&id) {
                groups.push(id);
            }
        }
        dict.short = short
            .into_iter()
            .filter(|w| w.chars().count() < MIN_PART && !w.is_empty())
            .collect();
        dict
    }

    /// The indexed term of a folded surface form.
    pub fn term(&self, surface: &str) -> String {
        match self.terms.get(surface) {
            Some(t) => t.clone(),
            None => Stem::default().stem(surface),
        }
    }

    /// The synonym key of a run of surfaces: their terms.
    fn key<'a>(&self, words: impl Iterator<Item = &'a str>) -> String {
        let mut key = String::new();
        for w in words {
            if !key.is_empty() {
                key.push(KEY_SEP);
            }
            match self.terms.get(w) {
                Some(t) => key.push_str(t),
                None => key.push_str(&Stem::default().stem(w)),
            }
        }
        key
    }

    /// Glossary words shorter than `MIN_PART` that compounds may contain.
    pub fn short_parts(&self) -> &BTreeSet<String> {
        &self.short
    }

    /// The compound parts of a folded word (empty if it does not split).
    pub fn parts(&self, word: &str) -> &[String] {
        self.compounds.get(word).map_or(&[], Vec::as_slice)
    }

    pub fn is_solid(&self, word: &str) -> bool {
        self.solid.contains(word)
    }

    /// Every spelling the index analyzer emits before stemming, sorted.
    pub fn surfaces(&self) -> &BTreeSet<String> {
        &self.surfaces
    }

    /// Expands the folded word tokens of one text into the tokens to index.
    fn expand(&self, input: Vec<Token>) -> Vec<Token> {
        // The primary words: hyphenated words split into their parts.
        let mut primary: Vec<Token> = Vec::new();
        let mut extras: Vec<Vec<String>> = Vec::new();
        for token in input {
            if token.text.contains('-') {
                let joined = token.text.replace('-', "");
                let mut first = true;
                for part in token.text.split('-') {
                    primary.push(Token {
                        text: part.to_string(),
                        ..token.clone()
                    });
                    extras.push(if first { vec![joined.clone()] } else { vec![] });
                    first = false;
                }
            } else {
                primary.push(token);
                extras.push(Vec::new());
            }
        }
        let terms: Vec<String> = primary.iter().map(|t| self.term(&t.text)).collect();
        let span = MAX_PHRASE_WORDS.min(self.max_variant_words.max(2));
        for i in 0..primary.len() {
            // Spaced spellings of a solid word: `nulde lijn` -> `nuldelijn`.
            let mut joined = primary[i].text.clone();
            for k in 1..span.min(primary.len() - i) {
                joined.push_str(&primary[i + k].text);
                if k == 1 && self.solid.contains(&joined) && !extras[i].contains(&joined) {
                    extras[i].push(joined.clone());
                }
                if let Some(t) = self.terms.get(&joined) {
                    for variant in self.synonyms_of(t) {
                        push_new(&mut extras[i], variant);
                    }
                }
            }
            // Synonyms match on terms, so any form of a variant fires
            // (`buurtteams`, `jeugd- en gezinsteams`), and so does a solid
            // spelling of a spaced one.
            let mut key = String::new();
            for k in 0..span.min(primary.len() - i) {
                if k > 0 {
                    key.push(KEY_SEP);
                }
                key.push_str(&terms[i + k]);
                for variant in self.synonyms_of(&key) {
                    push_new(&mut extras[i], variant);
                }
            }
            // Compound parts of the word itself, and the synonyms of each part
            // (`amw` in `amw-vouchers`); those of a joined spelling are the
            // neighbouring words, already indexed.
            for part in self.parts(&primary[i].text) {
                push_new(&mut extras[i], part);
                let key = self.term(part);
                for variant in self.synonyms_of(&key) {
                    push_new(&mut extras[i], variant);
                }
            }
        }
        let mut out = Vec::with_capacity(primary.len() * 2);
        for (position, ((token, extra), term)) in
            primary.into_iter().zip(extras).zip(terms).enumerate()
        {
            let word = token.text.clone();
            let mut emitted = vec![term.clone()];
            out.push(Token {
                position,
                text: term,
                ..token.clone()
            });
            for text in extra.into_iter().filter(|t| *t != word) {
                let term = self.term(&text);
                if emitted.contains(&term) {
                    continue;
                }
                emitted.push(term.clone());
                out.push(Token {
                    position,
                    text: term,
                    ..token.clone()
                });
            }
        }
        out
    }

    /// The spellings of every synonym group whose variant has these terms.
    fn synonyms_of<'a>(&'a self, key: &str) -> impl Iterator<Item = &'a String> + 'a {
        self.variant_groups
            .get(key)
            .into_iter()
            .flatten()
            .flat_map(move |g| self.groups[*g].iter())
    }
}

fn push_new(list: &mut Vec<String>, item: &str) {
    if !list.iter().any(|x| x == item) {
        list.push(item.to_string());
    }
}

fn add_word(word: &str, standalone: &mut HashSet<String>, solid: &mut HashSet<String>) {
    if word.contains('-') {
        solid.insert(word.replace('-', ""));
        for part in word.split('-') {
            standalone.insert(part.to_string());
            solid.insert(part.to_string());
        }
    } else {
        standalone.insert(word.to_string());
        solid.insert(word.to_string());
    }
}

/// Splits a folded word into two known words joined by a linking letter,
/// preferring the longest first part, then splits the parts in turn.
/// Returns every part found (not the word itself), in order of discovery.
pub fn split_compound(word: &str, is_part: &dyn Fn(&str) -> bool) -> Vec<String> {
    let mut out = Vec::new();
    split_into(word, is_part, &mut out, 0);
    out
}

fn split_into(word: &str, is_part: &dyn Fn(&str) -> bool, out: &mut Vec<String>, depth: usize) {
    if depth > 4 {
        return;
    }
    let bounds: Vec<usize> = word.char_indices().map(|(i, _)| i).skip(1).collect();
    for &i in bounds.iter().rev() {
        let (head, rest) = word.split_at(i);
        if !is_part(head) {
            continue;
        }
        for link in LINKS {
            let Some(tail) = rest.strip_prefix(link) else {
                continue;
            };
            if tail.is_empty() || !is_part(tail) {
                continue;
            }
            for part in [head, tail] {
                if !out.iter().any(|p| p == part) {
                    out.push(part.to_string());
                    split_into(part, is_part, out, depth + 1);
                }
            }
            return;
        }
    }
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
            input.push(stream.token().clone());
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

#[cfg(test)]
mod tests {
    use super::*;

    fn dict(corpus: &[&str], groups: &[&[&str]]) -> Arc<Dictionary> {
        let groups: Vec<Vec<String>> = groups
            .iter()
            .map(|g| g.iter().map(|s| s.to_string()).collect())
            .collect();
        Arc::new(Dictionary::build(corpus.iter().copied(), &groups))
    }

    fn terms(d: &Arc<Dictionary>, text: &str) -> Vec<String> {
        let mut a = index_analyzer(d.clone());
        analyze(&mut a, text).into_iter().map(|(_, t)| t).collect()
    }

    fn stem(word: &str) -> String {
        Stem::default().stem(word)
    }

    #[test]
    fn words_normalise_apostrophes_and_keep_hyphenated_words_whole() {
        let got: Vec<String> =
            words("De risico’s van het Wmo-loket — ﬁjn! Sociale (wijk)teams (ook)")
                .into_iter()
                .map(|t| t.text)
                .collect();
        assert_eq!(
            got,
            [
                "De",
                "risicos",
                "van",
                "het",
                "Wmo-loket",
                "fijn",
                "Sociale",
                "wijkteams",
                "ook"
            ]
        );
    }

    #[test]
    fn accents_and_case_fold() {
        let d = dict(&[], &[]);
        assert_eq!(terms(&d, "Hét"), terms(&d, "het"));
        assert_eq!(terms(&d, "variëren"), terms(&d, "varieren"));
        assert_eq!(terms(&d, "ÉÉNMETING"), terms(&d, "eenmeting"));
    }

    #[test]
    fn word_forms_stem_alike() {
        let d = dict(&["organisatie organisaties", "risico"], &[]);
        assert_eq!(terms(&d, "organisaties"), terms(&d, "organisatie"));
        assert_eq!(terms(&d, "wijkteams"), terms(&d, "wijkteam"));
        assert_eq!(terms(&d, "risico's"), terms(&d, "risico’s"));
    }

    #[test]
    fn compounds_keep_the_word_and_add_parts_with_linking_letters() {
        let d = dict(
            &[
                "vrijwilligers en organisaties",
                "vrijwilligersorganisaties",
                "het wijkteam aan tafel",
                "wijkteamtafel",
                "wijk en team",
            ],
            &[],
        );
        let t = terms(&d, "vrijwilligersorganisaties");
        assert_eq!(
            t,
            [
                stem("vrijwilligersorganisaties"),
                stem("vrijwilligers"),
                stem("organisaties")
            ]
        );
        let t = terms(&d, "wijkteamtafel");
        assert!(
            t.contains(&stem("wijkteam")) && t.contains(&stem("tafel")),
            "{t:?}"
        );
        assert!(t.contains(&stem("wijk")), "parts split in turn: {t:?}");
        assert_eq!(t[0], stem("wijkteamtafel"));
    }

    #[test]
    fn compound_parts_come_from_the_corpus_not_from_a_list() {
        let d = dict(&["vrijwilligersorganisaties"], &[]);
        assert_eq!(terms(&d, "vrijwilligersorganisaties").len(), 1);
    }

    #[test]
    fn hyphenated_spaced_and_solid_spellings_share_terms() {
        let d = dict(
            &[
                "window-dressing",
                "de nuldelijn",
                "de nulde lijn",
                "het Wmo-loket",
            ],
            &[],
        );
        let solid = stem("windowdressing");
        for text in ["window dressing", "window-dressing", "windowdressing"] {
            let t = terms(&d, text);
            assert!(t.contains(&solid), "{text}: {t:?}");
            assert!(t.contains(&stem("dressing")), "{text}: {t:?}");
        }
        for text in ["nulde lijn", "nuldelijn"] {
            let t = terms(&d, text);
            assert!(
                t.contains(&stem("nuldelijn")) && t.contains(&stem("lijn")),
                "{text}: {t:?}"
            );
        }
        assert_eq!(terms(&d, "Wmo-loket"), terms(&d, "Wmo loket"));
    }

    #[test]
    fn positions_stay_in_word_order() {
        let d = dict(&["window-dressing"], &[]);
        let mut a = index_analyzer(d);
        let got = analyze(&mut a, "echte window-dressing hier");
        let positions: Vec<usize> = got.iter().map(|(p, _)| *p).collect();
        assert_eq!(positions, [0, 1, 1, 2, 3]);
        assert_eq!(got[1].1, stem("window"));
    }

    #[test]
    fn synonyms_and_abbreviations_expand_at_index_time() {
        let d = dict(&["een tekst"], &[&["Sociaal wijkteam", "SWT", "wijkteam"]]);
        let from_abbreviation = terms(&d, "Het SWT werkt");
        assert!(
            from_abbreviation.contains(&stem("sociaalwijkteam")),
            "{from_abbreviation:?}"
        );
        assert!(from_abbreviation.contains(&stem("wijkteam")));
        let from_phrase = terms(&d, "het sociaal wijkteam");
        assert!(from_phrase.contains(&stem("swt")), "{from_phrase:?}");
        let from_word = terms(&d, "ons wijkteam");
        assert!(from_word.contains(&stem("swt")), "{from_word:?}");
        assert!(!terms(&d, "een tekst").contains(&stem("swt")));
    }

    #[test]
    fn surfaces_cover_every_emitted_spelling() {
        let d = dict(
            &["vrijwilligers organisaties vrijwilligersorganisaties"],
            &[&["SWT", "Sociaal wijkteam"]],
        );
        for s in [
            "vrijwilligers",
            "organisaties",
            "vrijwilligersorganisaties",
            "swt",
            "sociaalwijkteam",
        ] {
            assert!(d.surfaces().contains(s), "{s}");
        }
    }
}

//! What the corpus and the glossary teach the analyzer (`Dictionary`): the
//! words that stand alone (compound parts), the solid spellings, the synonym
//! groups keyed on analysed forms and each surface's term (`terms`); and the
//! expansion of one text's folded words into the tokens to index. The
//! tantivy plumbing around it is `filters`'.

use super::filters::{base_analyzer, folded_words, Stem};
use super::{KEY_SEP, LINKS, MAX_PHRASE_WORDS, MIN_PART};
use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::borrow::Cow;
use std::collections::BTreeSet;
use tantivy::tokenizer::{Token, TokenStream};

/// What the corpus and the glossary teach the analyzer: which words exist on
/// their own (compound parts), which solid spellings exist (to join spaced or
/// hyphenated ones), and which spellings are synonyms of one another.
#[derive(Debug, Default)]
pub struct Dictionary {
    /// word -> what its compound parts add to it (every part, recursively,
    /// then the spellings of the synonyms of each part's term), for every
    /// word that splits: worked out once per word, not per occurrence.
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
    /// Every proper prefix, in whole terms, of a multi-term synonym key:
    /// `expand` stops extending a key that no synonym starts with.
    key_prefixes: HashSet<String>,
    /// The longest surface (in bytes) whose term has synonyms: `expand`
    /// stops joining words past it.
    longest_synonym_surface: usize,
}

impl Dictionary {
    /// Builds the dictionary from every text that will be indexed and the
    /// synonym groups (each a list of spellings, e.g. `["Sociaal wijkteam", "SWT"]`).
    pub fn build<'a>(texts: impl IntoIterator<Item = &'a str>, groups: &[Vec<String>]) -> Self {
        let texts: Vec<&str> = texts.into_iter().collect();
        let words: HashSet<String> = texts
            .par_chunks(256)
            .map(|chunk| Dictionary::words(chunk.iter().copied()))
            .reduce(HashSet::default, |mut a, b| {
                a.extend(b);
                a
            });
        Dictionary::from_words(&words, groups)
    }

    /// The words (before stemming) of `texts`: what `from_words` takes, for
    /// a caller that reads the texts a few at a time.
    pub fn words<'a>(texts: impl IntoIterator<Item = &'a str>) -> HashSet<String> {
        let mut analyzer = base_analyzer();
        let mut set = HashSet::default();
        for text in texts {
            let mut stream = analyzer.token_stream(text);
            while stream.advance() {
                if !set.contains(&stream.token().text) {
                    set.insert(std::mem::take(&mut stream.token_mut().text));
                }
            }
        }
        set
    }

    /// `build`, from the words of every text that will be indexed.
    pub fn from_words(words: &HashSet<String>, groups: &[Vec<String>]) -> Self {
        let mut standalone: HashSet<String> = HashSet::default();
        let mut solid: HashSet<String> = HashSet::default();
        let mut short: HashSet<String> = HashSet::default();
        for word in words {
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
        let split: Vec<(String, Vec<String>)> = sorted
            .par_iter()
            .map(|word| ((*word).clone(), split_compound(word, &is_part)))
            .filter(|(_, parts)| !parts.is_empty())
            .collect();
        for (_, parts) in &split {
            dict.surfaces.extend(parts.iter().cloned());
        }
        dict.surfaces.extend(solid.iter().cloned());
        dict.surfaces.extend(standalone);
        dict.solid = solid;
        dict.terms = crate::search::terms::table(&dict.surfaces);
        for (words, id) in keyed {
            let key = dict.key(words.iter().map(String::as_str));
            let groups = dict.variant_groups.entry(key).or_default();
            if !groups.contains(&id) {
                groups.push(id);
            }
        }
        for key in dict.variant_groups.keys() {
            let mut end = 0;
            while let Some(at) = key[end..].find(KEY_SEP) {
                end += at;
                dict.key_prefixes.insert(key[..end].to_string());
                end += KEY_SEP.len_utf8();
            }
        }
        let compounds: HashMap<String, Vec<String>> = split
            .into_iter()
            .map(|(word, parts)| {
                let mut added: Vec<Cow<'_, str>> = Vec::new();
                for part in &parts {
                    push_new(&mut added, part);
                    for variant in dict.synonyms_of(&dict.term_ref(part)) {
                        push_new(&mut added, variant);
                    }
                }
                let added = added.into_iter().map(Cow::into_owned).collect();
                (word, added)
            })
            .collect();
        dict.compounds = compounds;
        dict.longest_synonym_surface = dict
            .terms
            .iter()
            .filter(|(_, t)| dict.variant_groups.contains_key(t.as_str()))
            .map(|(s, _)| s.len())
            .max()
            .unwrap_or(0);
        dict.short = short
            .into_iter()
            .filter(|w| w.chars().count() < MIN_PART && !w.is_empty())
            .collect();
        dict
    }

    /// The indexed term of a folded surface form.
    pub fn term(&self, surface: &str) -> String {
        self.term_ref(surface).into_owned()
    }

    /// `term`, borrowed from the dictionary when the surface is in it.
    fn term_ref(&self, surface: &str) -> Cow<'_, str> {
        match self.terms.get(surface) {
            Some(t) => Cow::Borrowed(t),
            None => Cow::Owned(Stem::default().stem(surface)),
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

    /// What a folded word's compound parts add to it (empty if it does not split).
    fn part_spellings(&self, word: &str) -> &[String] {
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
    /// Spellings are borrowed from the dictionary where they can be, and each
    /// word's own token carries its term out, so a word costs few allocations.
    pub(super) fn expand(&self, input: Vec<Token>) -> Vec<Token> {
        // The primary words: hyphenated words split into their parts.
        let mut primary: Vec<Token> = Vec::with_capacity(input.len());
        let mut extras: Vec<Vec<Cow<'_, str>>> = Vec::with_capacity(input.len());
        for token in input {
            if token.text.contains('-') {
                let joined = token.text.replace('-', "");
                let mut first = true;
                for part in token.text.split('-') {
                    primary.push(Token {
                        text: part.to_string(),
                        ..token.clone()
                    });
                    extras.push(if first {
                        vec![Cow::Owned(joined.clone())]
                    } else {
                        vec![]
                    });
                    first = false;
                }
            } else {
                primary.push(token);
                extras.push(Vec::new());
            }
        }
        let terms: Vec<Cow<'_, str>> = primary.iter().map(|t| self.term_ref(&t.text)).collect();
        let span = MAX_PHRASE_WORDS.min(self.max_variant_words.max(2));
        let mut joined = String::new();
        let mut key = String::new();
        for i in 0..primary.len() {
            // Spaced spellings of a solid word: `nulde lijn` -> `nuldelijn`.
            joined.clear();
            joined.push_str(&primary[i].text);
            for k in 1..span.min(primary.len() - i) {
                joined.push_str(&primary[i + k].text);
                if k == 1
                    && self.solid.contains(joined.as_str())
                    && !extras[i].contains(&Cow::Borrowed(joined.as_str()))
                {
                    extras[i].push(Cow::Owned(joined.clone()));
                }
                if joined.len() > self.longest_synonym_surface {
                    break;
                }
                if let Some(t) = self.terms.get(joined.as_str()) {
                    for variant in self.synonyms_of(t) {
                        push_new(&mut extras[i], variant);
                    }
                }
            }
            // Synonyms match on terms, so any form of a variant fires
            // (`buurtteams`, `jeugd- en gezinsteams`), and so does a solid
            // spelling of a spaced one.
            key.clear();
            for k in 0..span.min(primary.len() - i) {
                if k > 0 {
                    key.push(KEY_SEP);
                }
                key.push_str(&terms[i + k]);
                for variant in self.synonyms_of(&key) {
                    push_new(&mut extras[i], variant);
                }
                if !self.key_prefixes.contains(key.as_str()) {
                    break;
                }
            }
            // Compound parts of the word itself, and the synonyms of each part
            // (`amw` in `amw-vouchers`); those of a joined spelling are the
            // neighbouring words, already indexed.
            for spelling in self.part_spellings(&primary[i].text) {
                push_new(&mut extras[i], spelling);
            }
        }
        let mut out = Vec::with_capacity(primary.len() * 2);
        let mut emitted: Vec<Cow<'_, str>> = Vec::new();
        for (position, ((mut token, extra), term)) in
            primary.into_iter().zip(extras).zip(terms).enumerate()
        {
            emitted.clear();
            for text in extra.iter().filter(|t| **t != token.text) {
                let t = self.term_ref(text);
                if t != term && !emitted.contains(&t) {
                    emitted.push(t);
                }
            }
            // The word's own token becomes its term's, its text buffer reused.
            token.text.clear();
            token.text.push_str(&term);
            token.position = position;
            let (offset_from, offset_to, position_length) =
                (token.offset_from, token.offset_to, token.position_length);
            out.push(token);
            for t in emitted.drain(..) {
                out.push(Token {
                    offset_from,
                    offset_to,
                    position,
                    text: t.into_owned(),
                    position_length,
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

fn push_new<'a>(list: &mut Vec<Cow<'a, str>>, item: &'a str) {
    if !list.iter().any(|x| x == item) {
        list.push(Cow::Borrowed(item));
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

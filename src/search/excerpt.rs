//! Excerpts: a window of words around the first word that matches the query,
//! found through the surface forms of the matched terms (so compounds that
//! contain a matched word count too). The client marks the same words.

use super::analysis::words;
use std::collections::HashSet;
use unicode_normalization::UnicodeNormalization;

/// Words shown in an excerpt, and how many of them come before the first match.
pub const EXCERPT_WORDS: usize = 30;
pub const WORDS_BEFORE: usize = 8;
/// A matched surface this long also matches as the start or end of a word.
pub const MIN_AFFIX: usize = 4;

/// Whether a folded word is one of the matched surfaces, or starts or ends with one.
pub fn is_hit(folded: &str, surfaces: &HashSet<String>) -> bool {
    folded.split('-').any(|w| {
        surfaces.contains(w)
            || surfaces.iter().any(|s| {
                s.len() >= MIN_AFFIX
                    && w.len() > s.len()
                    && (w.starts_with(s.as_str()) || w.ends_with(s.as_str()))
            })
    })
}

/// Lowercases and drops accents, as the analyzer does for Dutch text.
pub fn fold(word: &str) -> String {
    crate::content::discover::fold(word)
}

/// The excerpt of `text` around its first hit; `None` when nothing matches.
pub fn excerpt(text: &str, surfaces: &HashSet<String>) -> Option<String> {
    let text: String = text.nfkc().collect();
    let tokens = words(&text);
    let first = tokens
        .iter()
        .position(|t| is_hit(&fold(&t.text), surfaces))?;
    Some(window(&text, &tokens, first.saturating_sub(WORDS_BEFORE)))
}

/// The first words of `text`, for pages that match only on their title.
pub fn opening(text: &str) -> String {
    let text: String = text.nfkc().collect();
    let tokens = words(&text);
    window(&text, &tokens, 0)
}

fn window(text: &str, tokens: &[tantivy::tokenizer::Token], start: usize) -> String {
    if tokens.is_empty() {
        return String::new();
    }
    let end = (start + EXCERPT_WORDS).min(tokens.len());
    let from = tokens[start].offset_from;
    let to = if end < tokens.len() {
        tokens[end - 1].offset_to
    } else {
        text.len()
    };
    let mut out = String::new();
    if start > 0 {
        out.push_str("… ");
    }
    out.push_str(
        &text[from..to]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
    );
    if end < tokens.len() {
        out.push_str(" …");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(words: &[&str]) -> HashSet<String> {
        words.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn excerpt_starts_a_few_words_before_the_match() {
        let text = "een twee drie vier vijf zes zeven acht negen tien elf Wijkteams werken hier.";
        let e = excerpt(text, &set(&["wijkteams"])).unwrap();
        assert_eq!(
            e,
            "… vier vijf zes zeven acht negen tien elf Wijkteams werken hier."
        );
    }

    #[test]
    fn compounds_and_accents_match() {
        assert!(is_hit(
            &fold("Vrijwilligersorganisaties"),
            &set(&["organisaties"])
        ));
        assert!(is_hit(&fold("éénmeting"), &set(&["eenmeting"])));
        assert!(!is_hit("wijk", &set(&["wijkteam"])));
        assert_eq!(excerpt("niets hier", &set(&["wijk"])), None);
    }
}

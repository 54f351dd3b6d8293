//! Words as typed: a query of three or more words, function words among
//! them, is often a quote typed without quotation marks ("een goed besluit
//! is het halve werk"). Among the results shown, those whose title or
//! excerpt text say it word for word go first, each group in score order;
//! scores do not change. Only the texts a result shows are read (the client
//! holds nothing else of a page), so only the shown results move. The client
//! does the same (`search.js`, `lift`).

use super::analysis::words;
use super::collect::SearchPage;
use super::excerpt::fold;
use super::query::{Hit, Parsed};
use std::collections::HashSet;
use unicode_normalization::UnicodeNormalization;

/// Words a query needs before it can be a quote.
pub const MIN_WORDS: usize = 3;

/// The query's words, when they may be a quote: plain words only (no
/// phrase, exclusion or prefix), at least `MIN_WORDS`, at least one of them
/// a function word and one not. Hyphenated words count as their parts.
pub fn quoted(parsed: &Parsed, stop: &HashSet<String>) -> Option<Vec<String>> {
    if !parsed.phrases.is_empty()
        || !parsed.excluded_words.is_empty()
        || !parsed.excluded_phrases.is_empty()
        || parsed.words.iter().any(|w| w.prefix)
    {
        return None;
    }
    let words: Vec<String> = parsed
        .words
        .iter()
        .flat_map(|w| w.text.split('-'))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    let function = words.iter().filter(|w| stop.contains(*w)).count();
    (words.len() >= MIN_WORDS && function > 0 && function < words.len()).then_some(words)
}

/// Whether `text` holds `quote` word for word (folded, hyphenated words as
/// their parts).
pub fn says(text: &str, quote: &[String]) -> bool {
    let text: String = text.nfkc().collect();
    let folded: Vec<String> = words(&text)
        .iter()
        .flat_map(|t| {
            fold(&t.text)
                .split('-')
                .filter(|p| !p.is_empty())
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    folded.windows(quote.len()).any(|w| w == quote)
}

/// The text a result shows its excerpt from: its section's, else the
/// opening's, as the fragment files keep it (`fragments::FRAGMENT_TEXT`).
pub fn shown_text(page: &SearchPage, section: Option<usize>) -> String {
    let text = section
        .and_then(|i| page.sections.get(i))
        .filter(|s| !s.id.is_empty())
        .map_or(page.intro(), |s| s.text.as_str());
    super::fragments::truncate(text, super::fragments::FRAGMENT_TEXT)
}

/// Puts the shown results that say `quote` first (`Hit::verbatim`), each
/// group in the order it had.
pub fn lift(shown: &mut [Hit], pages: &[SearchPage], quote: &[String]) {
    for hit in shown.iter_mut() {
        let page = &pages[hit.page];
        hit.verbatim = says(&page.title, quote) || says(&shown_text(page, hit.section), quote);
    }
    // A stable sort keeps each group in score order.
    shown.sort_by_key(|h| !h.verbatim);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::query::parse;

    fn stop() -> HashSet<String> {
        ["de", "het", "is", "een", "op"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    #[test]
    fn a_quote_is_words_with_function_words_among_them() {
        let q = |s: &str| quoted(&parse(s), &stop());
        assert_eq!(q("een goed besluit is het halve werk").unwrap().len(), 7);
        assert!(q("goed besluit").is_none(), "too short");
        assert!(
            q("jeugdzorg indicatie wachttijd").is_none(),
            "no function word"
        );
        assert!(q("de het een").is_none(), "only function words");
        assert!(q("\"goed besluit\" is het").is_none(), "a phrase");
        assert_eq!(
            q("op de Wmo-loket lijst").unwrap(),
            ["op", "de", "wmo", "loket", "lijst"]
        );
    }

    #[test]
    fn a_text_says_a_quote_word_for_word() {
        let quote: Vec<String> = ["een", "goed", "besluit", "is", "het", "halve", "werk"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert!(says(
            "Zij zei: ‘Een góed besluit is het halve werk.’",
            &quote
        ));
        assert!(!says("Een goed besluit is half werk.", &quote));
        assert!(!says("Het halve werk is een goed besluit.", &quote));
    }
}

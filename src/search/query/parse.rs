//! The query language: words, `"phrases"` (straight or curly quotes),
//! `-exclusion` and `prefix*`, folded as the index folds them. Which terms
//! the words search is `plan`'s; the browser client's `parse` in
//! `search.js` is the same.

use crate::search::analysis;

/// One word of a query as typed, folded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub text: String,
    pub prefix: bool,
}

/// A query split into what must match (any of) and what must not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    pub words: Vec<Word>,
    pub phrases: Vec<Vec<String>>,
    pub excluded_words: Vec<String>,
    pub excluded_phrases: Vec<Vec<String>>,
}

/// Parses the query language. Quotes may be straight or curly.
pub fn parse(query: &str) -> Parsed {
    let mut out = Parsed::default();
    let chars: Vec<char> = query.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let negated = chars[i] == '-' && i + 1 < chars.len() && !chars[i + 1].is_whitespace();
        if negated {
            i += 1;
        }
        if matches!(chars[i], '"' | '\u{201C}' | '\u{201D}' | '\u{201E}') {
            let start = i + 1;
            let mut end = start;
            while end < chars.len() && !matches!(chars[end], '"' | '\u{201C}' | '\u{201D}') {
                end += 1;
            }
            let text: String = chars[start..end].iter().collect();
            let words = split_words(&text);
            i = end + 1;
            match (negated, words.len()) {
                (_, 0) => {}
                (true, 1) => out.excluded_words.extend(words),
                (true, _) => out.excluded_phrases.push(words),
                (false, 1) => out.words.push(Word {
                    text: words[0].clone(),
                    prefix: false,
                }),
                (false, _) => out.phrases.push(words),
            }
            continue;
        }
        let start = i;
        while i < chars.len() && !chars[i].is_whitespace() {
            i += 1;
        }
        let raw: String = chars[start..i].iter().collect();
        let prefix = raw.ends_with('*');
        let words = split_words(&raw);
        let n = words.len();
        for (k, text) in words.into_iter().enumerate() {
            if negated {
                out.excluded_words.push(text);
            } else {
                out.words.push(Word {
                    text,
                    prefix: prefix && k + 1 == n,
                });
            }
        }
    }
    out
}

/// Folded words, hyphenated ones split into their parts.
fn split_words(text: &str) -> Vec<String> {
    analysis::folded_words(text)
        .iter()
        .flat_map(|w| w.split('-').map(str::to_string).collect::<Vec<_>>())
        .filter(|w| !w.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(text: &str, prefix: bool) -> Word {
        Word {
            text: text.into(),
            prefix,
        }
    }

    #[test]
    fn query_language() {
        let p = parse("Wmo-loket \"sociaal wijkteam\" -jeugd wijkt* -\"eerste lijn\"");
        assert_eq!(
            p.words,
            [w("wmo", false), w("loket", false), w("wijkt", true)]
        );
        assert_eq!(p.phrases, [vec!["sociaal".to_string(), "wijkteam".into()]]);
        assert_eq!(p.excluded_words, ["jeugd"]);
        assert_eq!(
            p.excluded_phrases,
            [vec!["eerste".to_string(), "lijn".into()]]
        );
    }

    #[test]
    fn curly_quotes_and_accents() {
        let p = parse("“Hét team” risico’s");
        assert_eq!(p.phrases, [vec!["het".to_string(), "team".into()]]);
        assert_eq!(p.words, [w("risicos", false)]);
    }
}

//! The word tokenizer at the head of the analysis chain: NFKC, apostrophes
//! dropped, hyphens kept inside a word for `Dictionary::expand` to split, an
//! optional part in parentheses joined to the rest. Folding and expansion
//! are the filters' (`filters`).

use std::borrow::Cow;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

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
    pub fn new(tokens: Vec<Token>) -> Self {
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

/// `text` in NFKC. Most text already is (ASCII, precomposed letters), and
/// the quick check says so without rebuilding it: the text is then borrowed.
pub fn nfkc(text: &str) -> Cow<'_, str> {
    if text.is_ascii() || is_nfkc_quick(text.chars()) == IsNormalized::Yes {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.nfkc().collect())
    }
}

/// The word tokens of `text`, offsets into its NFKC form.
pub fn words(text: &str) -> Vec<Token> {
    let text = nfkc(text);
    let text = text.as_ref();
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !c.is_alphanumeric() {
            continue;
        }
        // Find the word's end first, then copy it once: most words are
        // letters only and copy as they stand.
        let mut end = start + c.len_utf8();
        let mut joined = false;
        while let Some(&(at, c)) = chars.peek() {
            let after = at + c.len_utf8();
            if c.is_alphanumeric() {
                end = after;
            } else if (is_apostrophe(c) || is_hyphen(c) || c == ')')
                && text[after..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric)
            {
                joined = true;
            } else {
                break;
            }
            chars.next();
        }
        let span = &text[start..end];
        // Inside the span every other character is a joiner: hyphens stay
        // (as `-`), apostrophes and parentheses go.
        let word = if joined {
            span.chars()
                .filter_map(|c| {
                    if c.is_alphanumeric() {
                        Some(c)
                    } else if is_hyphen(c) {
                        Some('-')
                    } else {
                        None
                    }
                })
                .collect()
        } else {
            span.to_string()
        };
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfkc_borrows_text_that_is_already_normal_and_normalises_the_rest() {
        assert!(matches!(nfkc("Sociale wijkteams"), Cow::Borrowed(_)));
        assert!(matches!(nfkc("café’s in Zaanstad"), Cow::Borrowed(_)));
        assert_eq!(nfkc("\u{FB01}jn"), "fijn");
        assert_eq!(nfkc("cafe\u{301}"), "caf\u{E9}");
    }
}

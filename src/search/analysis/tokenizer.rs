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
    type TokenStream<'a> = WordStream<'a>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream<'a> {
        WordStream {
            text: nfkc(text),
            next: 0,
            token: Token::default(),
            count: 0,
        }
    }
}

/// The words of a text one at a time, in one token whose text buffer is
/// reused: a filter that keeps a word copies it, one that only looks
/// (the pair tokenizer, the dictionary's word list) allocates nothing per word.
pub struct WordStream<'a> {
    text: Cow<'a, str>,
    /// Where to look for the next word (a byte offset into `text`).
    next: usize,
    token: Token,
    count: usize,
}

impl TokenStream for WordStream<'_> {
    fn advance(&mut self) -> bool {
        let Some(word) = next_word(&self.text, self.next) else {
            self.next = self.text.len();
            return false;
        };
        self.next = word.resume;
        let span = &self.text[word.start..word.end];
        let token = &mut self.token;
        token.text.clear();
        if word.joined {
            token.text.extend(span.chars().filter_map(joined_char));
        } else {
            token.text.push_str(span);
        }
        token.offset_from = word.start;
        token.offset_to = word.end;
        token.position = self.count;
        token.position_length = 1;
        self.count += 1;
        true
    }
    fn token(&self) -> &Token {
        &self.token
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

/// Where a word is in a text: `start..end`, whether it has joiners in it
/// (apostrophes, hyphens, a closing parenthesis), and where to look next.
struct Word {
    start: usize,
    end: usize,
    joined: bool,
    resume: usize,
}

/// The first word of `text` at or after byte `from`.
fn next_word(text: &str, from: usize) -> Option<Word> {
    let mut chars = text[from..]
        .char_indices()
        .map(|(i, c)| (from + i, c))
        .peekable();
    let (start, c) = chars.by_ref().find(|(_, c)| c.is_alphanumeric())?;
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
            return Some(Word {
                start,
                end,
                joined,
                resume: at,
            });
        }
        chars.next();
    }
    Some(Word {
        start,
        end,
        joined,
        resume: text.len(),
    })
}

/// A character of a word's span as the word keeps it: hyphens as `-`,
/// apostrophes and parentheses dropped (inside the span every character
/// that is not a letter or digit is a joiner).
fn joined_char(c: char) -> Option<char> {
    if c.is_alphanumeric() {
        Some(c)
    } else if is_hyphen(c) {
        Some('-')
    } else {
        None
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
    let mut tokenizer = WordTokenizer;
    let mut stream = tokenizer.token_stream(text);
    let mut tokens = Vec::new();
    while stream.advance() {
        tokens.push(stream.token().clone());
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

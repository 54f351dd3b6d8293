//! The two hidden fields that protect a save: `_token`, a random value made
//! once per serve process that a page on another site cannot know (compared
//! in constant time), and `_base`, the hash of the file's bytes when its form
//! was made, so a save never overwrites a change made on disk since.

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// The anti-CSRF token of one serve process.
pub struct Token(String);

impl Token {
    /// 32 bytes from the operating system's random source, as hex.
    pub fn random() -> std::io::Result<Token> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(std::io::Error::other)?;
        Ok(Token(hex(&bytes)))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `given` is this token; the time taken does not depend on how
    /// much of it matches.
    pub fn matches(&self, given: Option<&str>) -> bool {
        given.is_some_and(|g| bool::from(self.0.as_bytes().ct_eq(g.as_bytes())))
    }
}

/// The `_base` of a file: the SHA-256 of its bytes, as hex.
pub fn base(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_matches_itself_only() {
        let token = Token::random().unwrap();
        assert_eq!(token.as_str().len(), 64);
        assert!(token.matches(Some(token.as_str())));
        let mut other = token.as_str().to_string();
        other.replace_range(63.., if other.ends_with('0') { "1" } else { "0" });
        for wrong in [
            None,
            Some(""),
            Some(other.as_str()),
            Some(&token.as_str()[..63]),
        ] {
            assert!(!token.matches(wrong), "{wrong:?}");
        }
        assert_ne!(Token::random().unwrap().as_str(), token.as_str());
    }

    #[test]
    fn the_base_is_the_hash_of_the_bytes() {
        assert_eq!(
            base(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_ne!(base(b"abc\n"), base(b"abc\r\n"));
    }
}

//! Characters that never reach the output: C0 and C1 control characters (other
//! than tab, line feed and carriage return) and Unicode noncharacters. They make
//! the feed and sitemap ill-formed XML, are errors in HTML, and drive terminals.
//! This module finds them in input and removes them from output; where they are
//! reported (front matter, bodies, `site.toml`) is up to the callers.

use std::borrow::Cow;

/// Whether `c` may not appear in any text: a control character other than tab,
/// line feed and carriage return, or a Unicode noncharacter (XML 1.0 allows
/// neither; HTML calls both parse errors).
pub fn is_forbidden(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || is_noncharacter(c)
}

/// Whether `c` may not appear in a value (a front-matter field, a setting):
/// also a carriage return, which in a value is never a line ending.
pub fn is_forbidden_in_value(c: char) -> bool {
    c == '\r' || is_forbidden(c)
}

fn is_noncharacter(c: char) -> bool {
    let n = u32::from(c);
    (0xFDD0..=0xFDEF).contains(&n) || n & 0xFFFE == 0xFFFE
}

/// The byte offset and character of the first forbidden character in `text`.
pub fn find(text: &str, forbidden: fn(char) -> bool) -> Option<(usize, char)> {
    text.char_indices().find(|(_, c)| forbidden(*c))
}

/// `text` without its forbidden characters; borrowed when it has none.
pub fn strip(text: &str) -> Cow<'_, str> {
    if find(text, is_forbidden).is_none() {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().filter(|c| !is_forbidden(*c)).collect())
    }
}

/// `text` with each forbidden character replaced by as many spaces as it has
/// bytes, so byte offsets (and so diagnostics' lines) stay where they were.
pub fn blank(text: &str) -> Cow<'_, str> {
    if find(text, is_forbidden).is_none() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_forbidden(c) {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `text` safe to print on a terminal: forbidden characters and carriage
/// returns written as Rust escapes (`\u{1b}`), so they show instead of acting.
pub fn visible(text: &str) -> Cow<'_, str> {
    if find(text, is_forbidden_in_value).is_none() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_forbidden_in_value(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Refuses a `site.toml` with a forbidden character in any key or text (TOML
/// escapes such as `\u001b` make them without raw bytes), naming the key.
/// Text that is not valid TOML is left to the parser that reports it.
pub fn check_toml(text: &str) -> anyhow::Result<()> {
    fn walk(path: &str, value: &toml::Value) -> Option<(String, char)> {
        match value {
            toml::Value::String(s) => find(s, is_forbidden_in_value).map(|(_, c)| (path.into(), c)),
            toml::Value::Array(items) => items
                .iter()
                .enumerate()
                .find_map(|(i, v)| walk(&format!("{path}[{i}]"), v)),
            toml::Value::Table(table) => table.iter().find_map(|(k, v)| {
                let path = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                match find(k, is_forbidden_in_value) {
                    Some((_, c)) => Some((path, c)),
                    None => walk(&path, v),
                }
            }),
            _ => None,
        }
    }
    let Ok(table) = text.parse::<toml::Table>() else {
        return Ok(());
    };
    match walk("", &toml::Value::Table(table)) {
        Some((key, c)) => anyhow::bail!(
            "{key}: {} is not allowed; remove it (control characters break the feed and act on terminals)",
            describe(c)
        ),
        None => Ok(()),
    }
}

/// How a message names a character: `U+001B (escape)`.
pub fn describe(c: char) -> String {
    let name = match c {
        '\0' => "null",
        '\u{7}' => "bell",
        '\u{8}' => "backspace",
        '\u{b}' => "vertical tab",
        '\u{c}' => "form feed",
        '\r' => "carriage return",
        '\u{1b}' => "escape",
        '\u{7f}' => "delete",
        c if c.is_control() => "control character",
        _ => "noncharacter",
    };
    format!("U+{:04X} ({name})", u32::from(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_newline_and_cr_are_text_the_rest_of_c0_and_c1_is_not() {
        for c in ['\t', '\n', '\r', ' ', 'é', '\u{a0}', '\u{2028}'] {
            assert!(!is_forbidden(c), "{c:?}");
        }
        for c in [
            '\0', '\u{7}', '\u{1b}', '\u{7f}', '\u{85}', '\u{9b}', '\u{fffe}', '\u{fdd0}',
        ] {
            assert!(is_forbidden(c), "{c:?}");
        }
        assert!(is_forbidden_in_value('\r'));
    }

    #[test]
    fn blank_keeps_offsets_strip_and_visible_do_not() {
        let text = "a\u{1b}b\u{9b}c";
        assert_eq!(blank(text), "a b  c");
        assert_eq!(blank(text).len(), text.len());
        assert_eq!(strip(text), "abc");
        assert_eq!(visible("a\u{1b}]0;x\u{7}"), "a\\u{1b}]0;x\\u{7}");
        assert!(matches!(strip("gewoon"), Cow::Borrowed(_)));
    }

    #[test]
    fn site_toml_with_an_escaped_control_character_names_the_key() {
        let err = check_toml("[site]\ntitle = \"A\\u001bB\"\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "site.title: U+001B (escape) is not allowed; remove it (control characters break the feed and act on terminals)"
        );
        assert!(check_toml("[site]\ntitle = \"A\\tB\"\n").is_ok());
    }

    #[test]
    fn names() {
        assert_eq!(describe('\u{1b}'), "U+001B (escape)");
        assert_eq!(describe('\u{9b}'), "U+009B (control character)");
        assert_eq!(describe('\u{ffff}'), "U+FFFF (noncharacter)");
    }
}

//! How links read in running text: a document of a kind with a `short_title`
//! pattern (`"observatie {nummer}"`) is named by it, its full title going to the
//! link's `title`; and the sources' word for a numbered point (`[site] points`,
//! "Ad 2") reads as the site says it ("punt 2"). Pure string functions; the
//! Markdown renderer applies them; `config::short_titles` declares them.

use crate::config::short_titles::{placeholders, Points};
use crate::content::document::Document;
use crate::content::schema::FieldValue;
use std::borrow::Cow;

/// The short title of `doc` after `pattern`, or `None` when a field it names
/// is absent, unknown or not a single value (the full title is used then).
pub fn short_title(pattern: &str, doc: &Document) -> Option<String> {
    let mut out = pattern.to_string();
    for name in placeholders(pattern) {
        let value = match doc.fields.get(name)? {
            FieldValue::Integer(n) | FieldValue::Scale(n) => n.to_string(),
            FieldValue::Text(s) | FieldValue::Date(s) => s.clone(),
            FieldValue::Enum(v) => v.label.clone(),
            _ => return None,
        };
        out = out.replace(&format!("{{{name}}}"), &value);
    }
    Some(out)
}

/// Whether text that follows `before` (the plain text of the body so far)
/// starts a sentence: at the start of a block or after `.`, `!` or `?`.
pub fn starts_sentence(before: &str) -> bool {
    if before.is_empty() || before.ends_with('\n') {
        return true;
    }
    let trimmed = before.trim_end();
    before.len() != trimmed.len() && trimmed.ends_with(['.', '!', '?'])
}

/// `text` with its first letter upper-case.
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `text` with every `source N` (the word on its own, then a space and a digit)
/// written `reader N`.
pub fn rewrite_points<'a>(text: &'a str, points: &Points) -> Cow<'a, str> {
    let word = points.source.as_str();
    if word.is_empty() || !text.contains(word) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut changed = false;
    while let Some(at) = rest.find(word) {
        let before_ok = rest[..at]
            .chars()
            .next_back()
            .or_else(|| out.chars().next_back())
            .is_none_or(|c| !c.is_alphanumeric());
        let after = &rest[at + word.len()..];
        let mut tail = after.chars();
        let after_ok = tail.next() == Some(' ') && tail.next().is_some_and(|c| c.is_ascii_digit());
        out.push_str(&rest[..at]);
        if before_ok && after_ok {
            out.push_str(&points.reader);
            changed = true;
        } else {
            out.push_str(word);
        }
        rest = after;
    }
    out.push_str(rest);
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ad() -> Points {
        Points {
            source: "Ad".into(),
            reader: "punt".into(),
        }
    }

    #[test]
    fn points_are_rewritten_only_as_a_word_before_a_number() {
        assert_eq!(rewrite_points("(Ad 4)", &ad()), "(punt 4)");
        assert_eq!(
            rewrite_points("Ad 2 en Ad 5, 'Advies' en Adres 3", &ad()),
            "punt 2 en punt 5, 'Advies' en Adres 3"
        );
        assert_eq!(
            rewrite_points("Ad hoc, Ad X, Kad 3", &ad()),
            "Ad hoc, Ad X, Kad 3"
        );
        assert!(matches!(rewrite_points("geen", &ad()), Cow::Borrowed(_)));
    }

    #[test]
    fn a_sentence_starts_after_a_full_stop_or_a_block() {
        assert!(starts_sentence(""));
        assert!(starts_sentence("Eerste alinea.\n"));
        assert!(starts_sentence("Zo gaat dat. "));
        assert!(!starts_sentence("Volgens "));
        assert!(!starts_sentence("zie 2."));
        assert_eq!(capitalised("observatie 1"), "Observatie 1");
    }
}

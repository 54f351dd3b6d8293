//! Writing front-matter values as YAML text: the text of a new document (front
//! matter in schema order, then the body) and the lines of one key. The format
//! is small and fixed so that the browser's copy (`static/contribute.js`) writes
//! the same bytes; a YAML library's emitter would choose its own quoting.
//! Reading the text back is `document::parse`'s job.

use super::submission::Submission;
use serde_yaml_ng::Value;

/// Words a YAML reader may take for something other than text when unquoted.
const RESERVED: &[&str] = &["true", "false", "null", "yes", "no", "on", "off", "y", "n"];

/// The whole file of a new document: `---`, one key per field, `---`, a blank
/// line and the body (nothing after the fence when the body is empty).
pub fn document_text(submission: &Submission) -> String {
    let mut out = String::from("---\n");
    for (key, value) in &submission.front_matter {
        out.push_str(&field_lines(key, value));
    }
    out.push_str("---\n");
    if !submission.body.is_empty() {
        out.push('\n');
        out.push_str(&submission.body);
    }
    out
}

/// The lines of one top-level key, ending in a newline: `key: value` for a
/// scalar, a block list for a list, one `  name: …` line per entry for a map
/// (lists inside a map in flow style, as `[1, 2, 3]`).
pub fn field_lines(key: &str, value: &Value) -> String {
    let mut out = scalar(key);
    out.push(':');
    match value {
        Value::Sequence(items) if items.is_empty() => out.push_str(" []\n"),
        Value::Sequence(items) => {
            out.push('\n');
            for item in items {
                out.push_str("  - ");
                out.push_str(&inline(item));
                out.push('\n');
            }
        }
        Value::Mapping(map) if map.is_empty() => out.push_str(" {}\n"),
        Value::Mapping(map) => {
            out.push('\n');
            for (k, v) in map {
                out.push_str("  ");
                out.push_str(&inline(k));
                out.push_str(": ");
                out.push_str(&inline(v));
                out.push('\n');
            }
        }
        scalar => {
            out.push(' ');
            out.push_str(&inline(scalar));
            out.push('\n');
        }
    }
    out
}

/// A value on one line: scalars, and lists in flow style.
fn inline(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => scalar(s),
        Value::Sequence(items) => {
            let parts: Vec<String> = items.iter().map(inline).collect();
            format!("[{}]", parts.join(", "))
        }
        Value::Mapping(map) => {
            let parts: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{}: {}", inline(k), inline(v)))
                .collect();
            format!("{{{}}}", parts.join(", "))
        }
        Value::Tagged(tagged) => inline(&tagged.value),
    }
}

/// Text as a plain scalar when it is a lowercase word that YAML reads as
/// text (`uitrol`, `kv_sturing`, `zaanstad-2014`), otherwise double-quoted.
pub fn scalar(s: &str) -> String {
    let mut bytes = s.bytes();
    let plain = bytes.next().is_some_and(|b| b.is_ascii_lowercase())
        && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        && !RESERVED.contains(&s);
    if plain {
        s.to_string()
    } else {
        quoted(s)
    }
}

/// A YAML double-quoted scalar. Escapes the quote, the backslash and every
/// character a YAML reader refuses or folds (controls, NEL, line and paragraph
/// separators, the byte-order mark and the non-characters U+FFFE and U+FFFF).
pub fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if needs_escape(c) => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn needs_escape(c: char) -> bool {
    let n = c as u32;
    n < 0x20
        || (0x7f..=0x9f).contains(&n)
        || matches!(n, 0x2028 | 0x2029 | 0xfeff | 0xfffe | 0xffff)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml(s: &str) -> Value {
        serde_yaml_ng::from_str(s).unwrap()
    }

    #[test]
    fn plain_only_for_words_that_stay_text() {
        assert_eq!(scalar("uitrol"), "uitrol");
        assert_eq!(scalar("kv_sturing"), "kv_sturing");
        for s in ["true", "no", "y", "2014", "Zaanstad", "a b", "", "-x", "x:"] {
            assert!(scalar(s).starts_with('"'), "{s}");
        }
    }

    #[test]
    fn every_quoted_text_reads_back_unchanged() {
        let nasty = "a\"b\\c\nd\te\r\u{7}\u{85}\u{2028}\u{feff}\u{ffff}é ‘x’: # [y] {z} 'q'";
        let text = format!("k: {}\n", quoted(nasty));
        assert_eq!(yaml(&text)["k"], Value::String(nasty.into()));
        for word in RESERVED {
            let text = format!("k: {}\n", scalar(word));
            assert_eq!(yaml(&text)["k"], Value::String(word.to_string()));
        }
    }

    #[test]
    fn lists_and_maps() {
        let list = Value::Sequence(vec![Value::String("a b".into()), Value::String("c".into())]);
        assert_eq!(field_lines("xs", &list), "xs:\n  - \"a b\"\n  - c\n");
        let map: Value = yaml("kv_a: [1, 2, null]\nkv_b: [0, \"x y\"]\n");
        assert_eq!(
            field_lines("verdeling", &map),
            "verdeling:\n  kv_a: [1, 2, null]\n  kv_b: [0, \"x y\"]\n"
        );
        assert_eq!(yaml(&field_lines("verdeling", &map))["verdeling"], map);
    }
}

//! Splitting a source file into YAML front matter and Markdown body, parsing the
//! YAML, and mapping positions inside the YAML back to lines of the file.
//! What the keys mean is left to `schema`.

use crate::diagnostics::controls;
use crate::diagnostics::{line_col, Diagnostic};
use serde_yaml_ng::{Mapping, Value};
use std::path::Path;

/// A file split at its front-matter fences.
#[derive(Debug, Clone, PartialEq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// 1-based line of the file where the YAML starts.
    pub yaml_line: usize,
    pub body: &'a str,
    /// 1-based line of the file where the body starts.
    pub body_line: usize,
}

/// Splits `---\n<yaml>\n---\n<body>`. A missing or unclosed fence is a diagnostic.
pub fn split<'a>(path: &Path, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        return Err(
            Diagnostic::error(path, 1, 1, "missing front matter").with_hint(
                "start the file with a line `---`, the YAML fields, and a closing line `---`",
            ),
        );
    }
    let yaml_start = first.len();
    let mut offset = yaml_start;
    for (line, l) in (2..).zip(lines) {
        if matches!(l.trim_end(), "---" | "...") {
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                yaml_line: 2,
                body: &text[offset + l.len()..],
                body_line: line + 1,
            });
        }
        offset += l.len();
    }
    Err(
        Diagnostic::error(path, 1, 1, "front matter is opened here but never closed")
            .with_hint("add a line `---` after the last front-matter field"),
    )
}

/// Parsed front matter with the positions needed to report problems in it.
#[derive(Debug, Clone)]
pub struct FrontMatter<'a> {
    pub map: Mapping,
    yaml: &'a str,
    yaml_line: usize,
}

/// What to do about a control character in front matter.
pub const CONTROL_HINT: &str = "delete it: control characters are invisible in most editors, \
     break the feed and act on terminals (tab and line breaks are fine)";

/// Parses the YAML part; syntax errors carry the file's line and column.
pub fn parse<'a>(path: &Path, split: &Split<'a>) -> Result<FrontMatter<'a>, Diagnostic> {
    if let Some((offset, c)) = controls::find(split.yaml, controls::is_forbidden) {
        let (line, column) = line_col(split.yaml, offset);
        return Err(Diagnostic::error(
            path,
            split.yaml_line + line - 1,
            column,
            format!("{} in front matter", controls::describe(c)),
        )
        .with_hint(CONTROL_HINT));
    }
    let value: Value = if split.yaml.trim().is_empty() {
        Value::Mapping(Mapping::new())
    } else {
        crate::content::yaml::from_str(split.yaml).map_err(|err| {
            let (line, column) = err
                .location()
                .map_or((split.yaml_line, 1), |l| (split.yaml_line + l.line() - 1, l.column()));
            let message = first_line(&err.to_string());
            Diagnostic::error(path, line, column, format!("invalid YAML in front matter: {message}"))
                .with_hint("check indentation, and quote values that contain `: ` or start with a special character")
        })?
    };
    match value {
        Value::Mapping(map) => Ok(FrontMatter {
            map,
            yaml: split.yaml,
            yaml_line: split.yaml_line,
        }),
        other => Err(Diagnostic::error(
            path,
            split.yaml_line,
            1,
            format!(
                "front matter must be a set of `key: value` fields, found {}",
                describe(&other)
            ),
        )),
    }
}

fn first_line(s: &str) -> String {
    // serde_yaml appends " at line L column C"; our own location replaces it.
    let s = s.lines().next().unwrap_or("");
    match s.find(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s.to_string(),
    }
}

impl FrontMatter<'_> {
    /// Line and column of a top-level key in the file.
    pub fn key_position(&self, key: &str) -> (usize, usize) {
        for (i, line) in self.yaml.lines().enumerate() {
            let rest = line
                .strip_prefix(key)
                .or_else(|| line.strip_prefix(&format!("\"{key}\"")))
                .or_else(|| line.strip_prefix(&format!("'{key}'")));
            if let Some(rest) = rest {
                if rest.trim_start().starts_with(':') {
                    return (self.yaml_line + i, 1);
                }
            }
        }
        (self.yaml_line, 1)
    }

    /// Line and column of `item` inside the value of `key` (a list item or a
    /// nested key), falling back to the key's own position.
    pub fn item_position(&self, key: &str, item: &str) -> (usize, usize) {
        let (key_line, _) = self.key_position(key);
        let start = key_line - self.yaml_line;
        for (i, line) in self.yaml.lines().enumerate().skip(start) {
            if i > start && !line.is_empty() && !line.starts_with([' ', '\t', '-']) {
                break;
            }
            let search_from = if i == start {
                line.find(':').map_or(0, |c| c + 1)
            } else {
                0
            };
            if let Some(col) = line[search_from..].find(item) {
                let col = line[..search_from + col].chars().count() + 1;
                return (self.yaml_line + i, col);
            }
        }
        (key_line, 1)
    }

    /// Position of the value of `key` (after the colon), for value errors.
    pub fn value_position(&self, key: &str) -> (usize, usize) {
        let (line, _) = self.key_position(key);
        let text = self.yaml.lines().nth(line - self.yaml_line).unwrap_or("");
        match text.find(':') {
            Some(c) => {
                let after = &text[c + 1..];
                let pad = after.len() - after.trim_start().len();
                if after.trim().is_empty() {
                    (line, 1)
                } else {
                    (line, text[..c + 1 + pad].chars().count() + 1)
                }
            }
            None => (line, 1),
        }
    }
}

/// A short description of a YAML value for messages: its type and value.
pub fn describe(value: &Value) -> String {
    match value {
        Value::Null => "nothing (empty value)".into(),
        Value::Bool(b) => format!("the boolean {b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => format!("the text '{s}'"),
        Value::Sequence(_) => "a list".into(),
        Value::Mapping(_) => "a set of key: value fields".into(),
        Value::Tagged(_) if crate::content::yaml::big_integer(value).is_some() => {
            format!(
                "the number {}",
                crate::content::yaml::big_integer(value).unwrap_or_default()
            )
        }
        Value::Tagged(t) => format!("a value tagged {}", t.tag),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> &'static Path {
        Path::new("a.md")
    }

    #[test]
    fn splits_front_matter_and_body() {
        let s = split(p(), "---\ntitle: x\n---\nBody\n").unwrap();
        assert_eq!(s.yaml, "title: x\n");
        assert_eq!(s.body, "Body\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn unclosed_front_matter_is_reported_at_line_one() {
        let d = split(p(), "---\ntitle: x\nBody\n").unwrap_err();
        assert_eq!(d.to_string(), "a.md:1:1: error: front matter is opened here but never closed\n  hint: add a line `---` after the last front-matter field");
    }

    #[test]
    fn yaml_error_line_is_mapped_to_the_file() {
        let text = "---\ntitle: x\nlist: [a, b\n---\n";
        let s = split(p(), text).unwrap();
        let d = parse(p(), &s).unwrap_err();
        assert!(d.line >= 3, "{d}");
        assert!(d.message.starts_with("invalid YAML in front matter"), "{d}");
    }

    #[test]
    fn alias_bomb_is_rejected_not_expanded() {
        let mut yaml = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 0..12 {
            let prev = if i == 0 {
                "a".to_string()
            } else {
                format!("b{}", i - 1)
            };
            yaml.push_str(&format!("b{i}: &b{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
        }
        let text = format!("---\n{yaml}---\n");
        let s = split(p(), &text).unwrap();
        let d = parse(p(), &s).unwrap_err();
        assert!(d.message.contains("repetition limit exceeded"), "{d}");
    }

    #[test]
    fn positions_of_keys_and_items() {
        let text = "---\ntitle: x\nthemas:\n  - jeugd\n  - regie\nscore: 7\n---\n";
        let s = split(p(), text).unwrap();
        let fm = parse(p(), &s).unwrap();
        assert_eq!(fm.key_position("score"), (6, 1));
        assert_eq!(fm.item_position("themas", "regie"), (5, 5));
        assert_eq!(fm.value_position("score"), (6, 8));
    }
}

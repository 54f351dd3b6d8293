//! The message and hint templates of `SOURCES`, read from the Rust code that
//! gives them: each call's first string literal, unescaped, with `{…}` for
//! what is filled in; and whether a message a vector expects fits one.

use super::SOURCES;
use crate::harness::repo;

/// The text of `file` without its tests, or of its function `name`: from the
/// line that declares it to the closing brace at the same indentation.
fn source(file: &str, function: Option<&str>) -> String {
    let text = std::fs::read_to_string(repo().join(file)).unwrap();
    let text = text.split("#[cfg(test)]").next().unwrap();
    let Some(name) = function else {
        return text.to_string();
    };
    let lines: Vec<&str> = text.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.contains(&format!("fn {name}(")))
        .unwrap_or_else(|| panic!("{file} has no fn {name}"));
    let indent = lines[start].len() - lines[start].trim_start().len();
    let close = format!("{}}}", " ".repeat(indent));
    let end = (start..lines.len())
        .find(|&i| lines[i] == close)
        .unwrap_or_else(|| panic!("fn {name} in {file} does not end"));
    lines[start..=end].join("\n")
}

/// The string literal starting at `at` (a `"`), unescaped, and where it ends.
fn literal(s: &[char], at: usize) -> (String, usize) {
    let mut out = String::new();
    let mut i = at + 1;
    while i < s.len() && s[i] != '"' {
        if s[i] == '\\' {
            i += 1;
            match s[i] {
                'n' => out.push('\n'),
                '\n' => {
                    while s[i + 1].is_whitespace() {
                        i += 1;
                    }
                }
                c => out.push(c),
            }
        } else {
            out.push(s[i]);
        }
        i += 1;
    }
    (out, i + 1)
}

/// The arguments of the call whose `(` is at `open`, up to its `)`, and the
/// first string literal among them.
fn first_literal_of_call(s: &[char], open: usize) -> Option<String> {
    let mut depth = 0;
    let mut i = open;
    let mut first = None;
    while i < s.len() {
        match s[i] {
            '"' => {
                let (text, end) = literal(s, i);
                first.get_or_insert(text);
                i = end;
                continue;
            }
            // A character literal (`'{'`, `'\''`); a lone `'` is a lifetime.
            '\'' if s.get(i + 2) == Some(&'\'') => i += 2,
            '\'' if s.get(i + 1) == Some(&'\\') => {
                i += 2;
                while s[i] != '\'' {
                    i += 1;
                }
            }
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return first;
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// Every message and hint template the sources give, as written (`{…}` for
/// what is filled in).
pub(super) fn templates() -> Vec<String> {
    let calls = [
        ("Diagnostic::error(", ""),
        ("Problem::new(", ""),
        ("expected(", "expected "),
        ("Err((", ""),
        ("Err(format!(", ""),
        (".hint(", ""),
        (".with_hint(", ""),
        ("Some(format!(", ""),
        ("hint = format!(", ""),
        ("=> format!(", ""),
        ("message: format!(", ""),
        ("hint: Some(", ""),
    ];
    let mut out = Vec::new();
    for (file, function) in SOURCES {
        let text: Vec<char> = source(file, *function).chars().collect();
        let joined: String = text.iter().collect();
        for (call, prefix) in calls {
            for (at, _) in joined.match_indices(call) {
                // `match_indices` gives byte offsets; the text is ASCII up to
                // any call, but count characters to be safe.
                let open = joined[..at].chars().count() + call.chars().count() - 1;
                if let Some(template) = first_literal_of_call(&text, open) {
                    out.push(format!("{prefix}{template}"));
                }
            }
        }
        // Texts chosen by a match (how `describe` names a value or a
        // character, which hint `anchors` gives).
        let matched = [
            "src/content/frontmatter.rs",
            "src/site/anchors.rs",
            "src/diagnostics/controls.rs",
        ];
        for line in joined
            .lines()
            .filter(|l| matched.contains(file) && l.contains("=> \""))
        {
            let text = line.split('"').nth(1).unwrap();
            out.push(match function {
                Some("describe") => format!("({text})"),
                _ => text.to_string(),
            });
        }
    }
    // Templates that are only what is filled in say nothing of their own.
    out.retain(|t| {
        fragments(t)
            .iter()
            .any(|f| f.chars().any(char::is_alphabetic))
    });
    out.sort();
    out.dedup();
    out
}

/// The fixed parts of a template, between its `{…}`; `{{` and `}}` are braces.
fn fragments(template: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                out.last_mut().unwrap().push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                out.last_mut().unwrap().push('}');
            }
            '{' => {
                for c in chars.by_ref() {
                    if c == '}' {
                        break;
                    }
                }
                out.push(String::new());
            }
            c => out.last_mut().unwrap().push(c),
        }
    }
    out
}

/// Whether `text` is of the form of `template` somewhere inside it.
pub(super) fn fits(template: &str, text: &str) -> bool {
    let parts = fragments(template);
    (0..=text.len())
        .filter(|i| text.is_char_boundary(*i))
        .any(|start| {
            let mut rest = &text[start..];
            for (n, part) in parts.iter().enumerate() {
                match (n, rest.find(part.as_str())) {
                    (0, Some(0)) => rest = &rest[part.len()..],
                    (0, _) => return false,
                    (_, Some(at)) => rest = &rest[at + part.len()..],
                    (_, None) => return false,
                }
            }
            true
        })
}

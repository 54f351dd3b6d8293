//! Writing one YAML value as text, in the style the old value had where the new one allows it,
//! else in the canonical style (plain lowercase words, double-quoted text, `|` for several lines,
//! `[a, b]` for short lists, block maps). This is the one YAML writer of the crate: new keys, new
//! documents and edits all come from here, and the browser's copy of the canonical style
//! (`static/contribute.js`, `emit`) is kept byte-equal by the parity vectors. Whether a string may
//! stay plain is asked of serde_yaml_ng, the reader the build uses, so `yes`, `~` or `2014` never
//! silently turn into another type.

use super::PatchError;
use saphyr_parser::ScalarStyle;
use serde_yaml_ng::{Mapping, Value};

/// The style of the value being replaced, as far as it matters for the new one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Shape {
    Scalar(ScalarStyle),
    Seq {
        flow: bool,
        item: Option<ScalarStyle>,
    },
    Map {
        flow: bool,
    },
}

/// A value as text: the part on the key's line, and the lines below it
/// (already indented, without line ends).
#[derive(Debug, Default, PartialEq)]
pub(super) struct Emitted {
    pub inline: Option<String>,
    pub below: Vec<String>,
}

/// Longest flow list (`[a, b]`) the canonical style keeps on one line.
const FLOW_WIDTH: usize = 72;

/// Emits `value` for a key at column `key_col`; block content goes at `indent`
/// when that is deep enough for it, else two columns deeper than the key.
pub(super) fn value(
    value: &Value,
    shape: Option<Shape>,
    key_col: usize,
    indent: Option<usize>,
) -> Result<Emitted, PatchError> {
    let deeper = |min: usize| indent.filter(|&i| i >= min).unwrap_or(key_col + 2);
    let inline = |s: String| Emitted {
        inline: Some(s),
        below: Vec::new(),
    };
    Ok(match value {
        Value::Null => Emitted::default(),
        Value::String(s) => {
            let style = match shape {
                Some(Shape::Scalar(style)) => Some(style),
                _ => None,
            };
            match string_style(s, style, false) {
                ScalarStyle::Literal | ScalarStyle::Folded => {
                    let folded = style == Some(ScalarStyle::Folded) && folded_ok(s);
                    block_scalar(s, folded, key_col, deeper(key_col + 1))
                }
                style => inline(quote(s, style)),
            }
        }
        Value::Sequence(items) => {
            let flow = match shape {
                Some(Shape::Seq { flow, .. }) => flow,
                _ => canonical_flow(items)?,
            };
            let item = match shape {
                Some(Shape::Seq { item, .. }) => item,
                _ => None,
            };
            if flow || items.is_empty() {
                inline(flow_seq(items, item)?)
            } else {
                let indent = deeper(key_col);
                let below = items
                    .iter()
                    .map(|v| match (v, item) {
                        (Value::String(s), style) => {
                            Ok(quote(s, string_style(s, style, false).max_inline()))
                        }
                        _ => flow_value(v, item),
                    })
                    .map(|text| Ok(format!("{}- {}", " ".repeat(indent), text?)))
                    .collect::<Result<_, PatchError>>()?;
                Emitted {
                    inline: None,
                    below,
                }
            }
        }
        Value::Mapping(map) => {
            if matches!(shape, Some(Shape::Map { flow: true })) || map.is_empty() {
                inline(flow_map(map)?)
            } else {
                block_map(map, deeper(key_col + 1))?
            }
        }
        Value::Tagged(_) => return Err(unsupported("a value with a YAML tag")),
        other => inline(flow_value(other, None)?),
    })
}

/// A key as text: plain when it is a canonical word, else double-quoted.
pub(super) fn key(key: &str) -> String {
    if canonical_plain(key) {
        key.to_string()
    } else {
        double(key)
    }
}

/// Whether the canonical style leaves `s` unquoted: a word of lowercase
/// letters, digits, `-` and `_` that starts with a letter (`uitrol`,
/// `kv_sturing`, `zaanstad-2014`) and reads back as that text. A rule simple
/// enough for the browser's copy to follow without a YAML reader.
pub(super) fn canonical_plain(s: &str) -> bool {
    let mut bytes = s.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_lowercase())
        && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        && plain_ok(s, true)
}

fn unsupported(what: &str) -> PatchError {
    PatchError::Unsupported(format!("{what} cannot be written"))
}

trait MaxInline {
    fn max_inline(self) -> ScalarStyle;
}

impl MaxInline for ScalarStyle {
    /// Block scalars cannot stand inside a list item here; they become double-quoted.
    fn max_inline(self) -> ScalarStyle {
        match self {
            ScalarStyle::Literal | ScalarStyle::Folded => ScalarStyle::DoubleQuoted,
            other => other,
        }
    }
}

/// The style for `s`: the wanted one when it can hold `s`, else the canonical one.
fn string_style(s: &str, wanted: Option<ScalarStyle>, flow: bool) -> ScalarStyle {
    let fits = |style: ScalarStyle| match style {
        ScalarStyle::Plain => plain_ok(s, flow),
        ScalarStyle::SingleQuoted => single_ok(s),
        ScalarStyle::DoubleQuoted => true,
        ScalarStyle::Literal | ScalarStyle::Folded => !flow && literal_ok(s),
    };
    match wanted {
        Some(style) if fits(style) => style,
        _ if s.contains('\n') && fits(ScalarStyle::Literal) => ScalarStyle::Literal,
        Some(_) => ScalarStyle::DoubleQuoted,
        None if canonical_plain(s) => ScalarStyle::Plain,
        None => ScalarStyle::DoubleQuoted,
    }
}

fn quote(s: &str, style: ScalarStyle) -> String {
    match style {
        ScalarStyle::Plain => s.to_string(),
        ScalarStyle::SingleQuoted => format!("'{}'", s.replace('\'', "''")),
        _ => double(s),
    }
}

/// Characters YAML lets stand as they are; the rest is escaped (or quoted).
fn printable(c: char) -> bool {
    matches!(c, ' '..='~' | '\u{A0}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
        && !matches!(c, '\u{FEFF}' | '\u{2028}' | '\u{2029}')
}

/// Whether `s` may be written without quotes and read back as the same text.
fn plain_ok(s: &str, flow: bool) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    let indicator = "-?:,[]{}#&*!|>'\"%@`".contains(first);
    let breaks = s.contains(": ") || s.contains(" #") || s.ends_with(':') || s.starts_with("...");
    let flow_word = s.contains(" -") || s.contains(" ?"); // `[a -, b]` is an error to saphyr
    let flow_breaks = flow && (flow_word || s.contains([',', '[', ']', '{', '}', ':', '#']));
    if indicator || breaks || flow_breaks || s.starts_with(' ') || s.ends_with(' ') {
        return false;
    }
    if !s.chars().all(printable) || yaml_1_1_special(s) {
        return false;
    }
    matches!(serde_yaml_ng::from_str::<Value>(s), Ok(Value::String(back)) if back == s)
}

/// Plain text that YAML 1.1 readers (not serde_yaml_ng) take for a boolean, a
/// base-60 number or a date; quoted so that every reader sees text.
fn yaml_1_1_special(s: &str) -> bool {
    const BOOLS: &[&str] = &["y", "n", "yes", "no", "on", "off", "true", "false"];
    let lower = s.to_ascii_lowercase();
    let cased = s.is_ascii() && (s == lower || s == s.to_ascii_uppercase() || s[1..] == lower[1..]);
    let digits = |part: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit())
    };
    let mut date = s.splitn(3, '-');
    let (year, month, rest) = (date.next(), date.next(), date.next().unwrap_or(""));
    let day = rest.split(['T', 't', ' ']).next().unwrap_or("");
    let is_date = year.is_some_and(|y| digits(y, 4..=4))
        && month.is_some_and(|m| digits(m, 1..=2))
        && digits(day, 1..=2);
    let number_start = s
        .trim_start_matches(['-', '+'])
        .starts_with(|c: char| c.is_ascii_digit());
    (cased && BOOLS.contains(&lower.as_str())) || is_date || (number_start && s.contains(':'))
}

fn single_ok(s: &str) -> bool {
    s.chars().all(printable)
}

/// Whether `s` fits a literal block (`|`) with nothing escaped.
fn literal_ok(s: &str) -> bool {
    let text = s.trim_end_matches('\n');
    !text.is_empty()
        && s.chars().all(|c| c == '\n' || printable(c))
        && !text
            .split('\n')
            .any(|l| !l.is_empty() && l.trim().is_empty())
}

/// A folded block (`>`) only for one line of text, where folding changes nothing.
fn folded_ok(s: &str) -> bool {
    let text = s.trim_end_matches('\n');
    literal_ok(s) && !text.contains('\n') && !text.starts_with(' ')
}

fn double(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\0' => out.push_str("\\0"),
            '\u{1b}' => out.push_str("\\e"),
            '\u{85}' => out.push_str("\\N"),
            '\u{2028}' => out.push_str("\\L"),
            '\u{2029}' => out.push_str("\\P"),
            c if printable(c) => out.push(c),
            c if (c as u32) <= 0xFF => out.push_str(&format!("\\x{:02X}", c as u32)),
            c if (c as u32) <= 0xFFFF => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push_str(&format!("\\U{:08X}", c as u32)),
        }
    }
    out.push('"');
    out
}

/// `|` or `>` with the chomping that keeps the trailing line ends exactly.
fn block_scalar(s: &str, folded: bool, key_col: usize, indent: usize) -> Emitted {
    let text = s.trim_end_matches('\n');
    let trailing = s.len() - text.len();
    let mut header = String::from(if folded { ">" } else { "|" });
    // Content starting with a space needs its indentation spelled out.
    if text.trim_start_matches('\n').starts_with(' ') {
        header.push_str(&(indent - key_col).to_string());
    }
    header.push_str(match trailing {
        0 => "-",
        1 => "",
        _ => "+",
    });
    let pad = " ".repeat(indent);
    let mut below: Vec<String> = text
        .split('\n')
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!("{pad}{l}")
            }
        })
        .collect();
    below.extend((1..trailing).map(|_| String::new()));
    Emitted {
        inline: Some(header),
        below,
    }
}

fn canonical_flow(items: &[Value]) -> Result<bool, PatchError> {
    let scalars = items
        .iter()
        .all(|v| !matches!(v, Value::Sequence(_) | Value::Mapping(_)));
    Ok(scalars && flow_seq(items, None)?.len() <= FLOW_WIDTH)
}

fn flow_seq(items: &[Value], item: Option<ScalarStyle>) -> Result<String, PatchError> {
    let parts = items
        .iter()
        .map(|v| flow_value(v, item))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(format!("[{}]", parts.join(", ")))
}

fn flow_map(map: &Mapping) -> Result<String, PatchError> {
    let parts = map
        .iter()
        .map(|(k, v)| {
            Ok(format!(
                "{}: {}",
                flow_value(k, None)?,
                flow_value(v, None)?
            ))
        })
        .collect::<Result<Vec<_>, PatchError>>()?;
    Ok(format!("{{{}}}", parts.join(", ")))
}

/// Any value on one line, inside `[...]` or `{...}`.
fn flow_value(v: &Value, style: Option<ScalarStyle>) -> Result<String, PatchError> {
    Ok(match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => quote(s, string_style(s, style, true).max_inline()),
        Value::Sequence(items) => flow_seq(items, None)?,
        Value::Mapping(map) => flow_map(map)?,
        Value::Tagged(_) => return Err(unsupported("a value with a YAML tag")),
    })
}

fn block_map(map: &Mapping, indent: usize) -> Result<Emitted, PatchError> {
    let pad = " ".repeat(indent);
    let mut below = Vec::new();
    for (k, v) in map {
        let key = match k {
            Value::String(s) => key(s),
            other => flow_value(other, None)?,
        };
        let inner = value(v, None, indent, None)?;
        match inner.inline {
            Some(text) => below.push(format!("{pad}{key}: {text}")),
            None => below.push(format!("{pad}{key}:")),
        }
        below.extend(inner.below);
    }
    Ok(Emitted {
        inline: None,
        below,
    })
}
#[cfg(test)]
mod tests {
    use super::*;

    /// `contribute.js` leaves a word plain unless it is one of these; it has
    /// no YAML reader to ask, so the two rules must agree on every word.
    const BROWSER_RESERVED: &[&str] =
        &["true", "false", "null", "yes", "no", "on", "off", "y", "n"];

    #[test]
    fn the_browsers_plain_rule_is_this_one() {
        let words = [
            "uitrol",
            "kv_sturing",
            "zaanstad-2014",
            "a-",
            "b_",
            "x1",
            "inf",
            "nan",
            "infinity",
            "e",
            "nul",
            "true1",
            "nee",
            "ja",
            "null",
            "true",
            "false",
            "yes",
            "no",
            "on",
            "off",
            "y",
            "n",
        ];
        for word in words {
            assert_eq!(
                canonical_plain(word),
                !BROWSER_RESERVED.contains(&word),
                "{word}"
            );
        }
        for not_a_word in ["", "-", "1a", "Zaanstad", "a b", "a:", "é", "_a"] {
            assert!(!canonical_plain(not_a_word), "{not_a_word}");
        }
    }
}

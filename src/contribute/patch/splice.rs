//! Line surgery on one entry of a block mapping: which bytes belong to it, and
//! the text with that entry replaced, removed, or a new one inserted. Every
//! byte outside the entry's own lines is copied over untouched.

use super::emit::{self, Shape};
use super::layout::{Entry, Kind, Node};
use super::PatchError;
use saphyr_parser::ScalarStyle;
use std::ops::Range;

/// The bytes of one `key: value` entry, from the start of the key's line.
#[derive(Debug)]
pub(super) struct Region {
    pub start: usize,
    /// Just after the `:`.
    colon_end: usize,
    /// The value's text on the key's line: a scalar, a flow collection, or a
    /// block scalar's header (`|-`).
    inline: Option<Range<usize>>,
    /// After `inline` (or the colon) to the end of that line, without the line
    /// end: white space and a comment, kept on every rewrite.
    tail: Range<usize>,
    /// Lines below the key's line that belong to the value.
    below: Range<usize>,
    pub end: usize,
    key_col: usize,
}

pub(super) fn region(src: &str, entry: &Entry) -> Result<Region, PatchError> {
    let start = line_start(src, entry.key_start);
    let after_key = &src[entry.key_end..];
    let colon = entry.key_end + after_key.len() - after_key.trim_start_matches([' ', '\t']).len();
    if !src[colon..].starts_with(':') {
        return Err(unsupported(entry, "its `:` was not found after the key"));
    }
    let colon_end = colon + 1;
    let value = &entry.value;
    let inline = match &value.kind {
        Kind::Scalar { style, .. } if is_block(*style) => {
            let header = colon_end + count(&src[colon_end..], |c| c == ' ' || c == '\t');
            if !src[header..].starts_with(['|', '>']) {
                return Err(unsupported(
                    entry,
                    "its block text has no `|` or `>` header",
                ));
            }
            let len = 1 + count(&src[header + 1..], |c| "+-0123456789".contains(c));
            Some(header..header + len)
        }
        Kind::Scalar { .. } if value.start == value.end => None,
        Kind::Seq { flow: false, .. } | Kind::Map { flow: false, .. } => None,
        _ => Some(value.start..value.end),
    };
    let tail_start = inline.as_ref().map_or(colon_end, |r| r.end);
    let tail = tail_start..content_end(src, tail_start);
    let below_start = line_end(src, tail_start);
    let end = if value.end > 0 && src[..value.end].ends_with('\n') {
        value.end
    } else {
        line_end(src, value.end)
    }
    .max(below_start);
    Ok(Region {
        start,
        colon_end,
        inline,
        tail,
        below: below_start..end,
        end,
        key_col: entry.key_start - start,
    })
}

/// The text with `entry`'s value replaced by `new`.
pub(super) fn replace(
    src: &str,
    entry: &Entry,
    new: &serde_yaml_ng::Value,
    nl: &str,
) -> Result<String, PatchError> {
    if entry.value.exotic {
        return Err(unsupported(entry, "its value carries a YAML anchor or tag"));
    }
    let r = region(src, entry)?;
    let below_indent = src[r.below.clone()]
        .lines()
        .find(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches(' ').len());
    let em = emit::value(new, shape(&entry.value), r.key_col, below_indent)?;
    let mut out = String::with_capacity(src.len() + 64);
    out.push_str(&src[..r.colon_end]);
    if let Some(text) = &em.inline {
        match &r.inline {
            Some(old) => out.push_str(&src[r.colon_end..old.start]),
            None => out.push(' '),
        }
        out.push_str(text);
    }
    out.push_str(&src[r.tail.clone()]);
    let line_end = &src[r.tail.end..r.below.start];
    out.push_str(if line_end.is_empty() && !em.below.is_empty() {
        nl
    } else {
        line_end
    });
    push_lines(&mut out, &em.below, nl);
    out.push_str(&src[r.end..]);
    Ok(out)
}

/// The text without `entry`'s lines. Comment lines above it stay: they may
/// head a group of keys, and a comment left over shows in the diff, while a
/// comment lost would not.
pub(super) fn remove(src: &str, entry: &Entry) -> Result<String, PatchError> {
    let r = region(src, entry)?;
    Ok(format!("{}{}", &src[..r.start], &src[r.end..]))
}

/// The text with a new entry `key: value` at byte `at`, for keys at column `key_col`.
pub(super) fn insert(
    src: &str,
    at: usize,
    key_col: usize,
    key: &str,
    value: &serde_yaml_ng::Value,
    nl: &str,
) -> Result<String, PatchError> {
    let mut out = String::with_capacity(src.len() + 64);
    out.push_str(&src[..at]);
    if at > 0 && !src[..at].ends_with('\n') {
        out.push_str(nl);
    }
    out.push_str(&entry_text(key, value, key_col, nl)?);
    out.push_str(&src[at..]);
    Ok(out)
}

/// `key: value` with its lines, each ending in `nl`.
pub(super) fn entry_text(
    key: &str,
    value: &serde_yaml_ng::Value,
    key_col: usize,
    nl: &str,
) -> Result<String, PatchError> {
    let em = emit::value(value, None, key_col, None)?;
    let mut out = format!("{}{}:", " ".repeat(key_col), emit::key(key));
    if let Some(text) = &em.inline {
        out.push(' ');
        out.push_str(text);
    }
    out.push_str(nl);
    push_lines(&mut out, &em.below, nl);
    Ok(out)
}

fn push_lines(out: &mut String, lines: &[String], nl: &str) {
    for line in lines {
        out.push_str(line);
        out.push_str(nl);
    }
}

/// The old value's style, for writing the new one alike.
fn shape(node: &Node) -> Option<Shape> {
    match &node.kind {
        Kind::Scalar { .. } if node.start == node.end => None,
        Kind::Scalar { style, .. } => Some(Shape::Scalar(*style)),
        Kind::Alias => None,
        Kind::Seq { flow, items } => Some(Shape::Seq {
            flow: *flow,
            item: items.first().and_then(|n| match n.kind {
                Kind::Scalar { style, .. } => Some(style),
                _ => None,
            }),
        }),
        Kind::Map { flow, .. } => Some(Shape::Map { flow: *flow }),
    }
}

fn is_block(style: ScalarStyle) -> bool {
    matches!(style, ScalarStyle::Literal | ScalarStyle::Folded)
}

fn unsupported(entry: &Entry, why: &str) -> PatchError {
    PatchError::Unsupported(format!("`{}` cannot be edited: {why}", entry.key))
}

fn count(s: &str, f: impl Fn(char) -> bool) -> usize {
    s.len() - s.trim_start_matches(f).len()
}

pub(super) fn line_start(src: &str, pos: usize) -> usize {
    src[..pos].rfind('\n').map_or(0, |i| i + 1)
}

/// Just after the line end of the line holding `pos` (or the end of the text).
pub(super) fn line_end(src: &str, pos: usize) -> usize {
    src[pos..].find('\n').map_or(src.len(), |i| pos + i + 1)
}

/// The end of the line holding `pos`, before its `\n` or `\r\n`.
fn content_end(src: &str, pos: usize) -> usize {
    let line = &src[..line_end(src, pos)];
    line.strip_suffix('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .unwrap_or(line)
        .len()
}

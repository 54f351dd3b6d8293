//! Rewriting a document's front matter changing only what changed: saving an
//! untouched form gives the same bytes, a changed field rewrites only its own
//! lines (in the old value's quoting and list style), and comments, key order,
//! blank lines, line ends, a BOM and the body stay as they were. What the
//! fields mean is left to the form model; writing the file to the caller.
//!
//! No Rust crate edits YAML this way (the way `toml_edit` does TOML):
//! `yaml-edit` re-quotes what it rewrites (`é` becomes `\xE9`, `[a, b]` a
//! block list, `"x"` `'x'`) and has its own parser; `yamlpatch` only appends
//! keys and brings tree-sitter and a second serde YAML fork. So this module
//! does line surgery on the spans of saphyr-parser (a YAML 1.2 parser whose
//! events carry source positions), writes values itself, and checks every
//! result by reading it back with serde_yaml_ng, the reader the build uses.

#[cfg(test)]
mod bundled_tests;
mod emit;
mod layout;
mod splice;
#[cfg(test)]
mod tests;

use crate::content::frontmatter;
use serde_yaml_ng::{Mapping, Value};
use std::path::Path;

/// One change to a document.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Gives a top-level key this value, adding the key when it is missing.
    Set(String, Value),
    /// Drops a top-level key with its lines; a missing key is no change.
    Remove(String),
    /// Replaces the Markdown after the closing fence, written as given.
    Body(String),
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PatchError {
    /// The original is not a document with YAML front matter (1-based file line).
    #[error("line {line}: {message}")]
    Invalid { line: usize, message: String },
    /// The edit needs YAML this module does not rewrite (anchors, tags, complex keys).
    #[error("{0}")]
    Unsupported(String),
    /// The rewritten text would not read back as the original with the edits:
    /// a bug caught before anything is written.
    #[error("the edited front matter would not read back as intended ({0}); nothing was changed")]
    Verification(String),
}

/// Applies `edits` in order to the document `original` and returns the new text.
/// `order` is the kind's field order (title, summary, then the schema's fields):
/// a new key goes after the nearest key before it in `order` that the file has,
/// else before the nearest one after it, else at the end of the front matter.
/// A new document is `apply("---\n---\n", edits, order)`.
pub fn apply(original: &str, edits: &[Edit], order: &[&str]) -> Result<String, PatchError> {
    let parts = Parts::of(original)?;
    let mut yaml = parts.yaml.to_string();
    let mut current = read_mapping(&yaml).map_err(|e| PatchError::Invalid {
        line: parts.yaml_line,
        message: format!("invalid YAML in front matter: {e}"),
    })?;
    let mut body = parts.body;
    let order: Vec<String> = order.iter().map(|s| s.to_string()).collect();
    for edit in edits {
        match edit {
            Edit::Set(key, value) => {
                let old = current.get(key.as_str());
                yaml = set(
                    &yaml,
                    std::slice::from_ref(key),
                    old,
                    value,
                    &order,
                    parts.nl,
                )?;
                current.insert(Value::String(key.clone()), value.clone());
            }
            Edit::Remove(key) => {
                yaml = remove(&yaml, std::slice::from_ref(key))?;
                current.remove(key.as_str());
            }
            Edit::Body(text) => body = text,
        }
    }
    let mut out = String::with_capacity(original.len() + 256);
    out.push_str(&original[..parts.yaml_start]);
    out.push_str(&yaml);
    out.push_str(parts.fence);
    if parts.fence.ends_with('\n') || body.is_empty() {
        out.push_str(body);
    } else {
        out.push_str(parts.nl);
        out.push_str(body);
    }
    verify(&out, &current, body)?;
    Ok(out)
}

/// `key: value` with its lines, in the canonical style, as a new key of a
/// top-level mapping is written (ends with a line end).
pub fn emit(key: &str, value: &Value) -> Result<String, PatchError> {
    splice::entry_text(key, value, 0, "\n")
}

/// The text of a new document: `---`, the keys in the order given, each in the
/// canonical style, `---`, then a blank line and `body` unless it is empty.
/// Made by `apply`, so it is read back and verified like every edit.
pub fn document(front_matter: &[(String, Value)], body: &str) -> Result<String, PatchError> {
    let order: Vec<&str> = front_matter.iter().map(|(k, _)| k.as_str()).collect();
    let mut edits: Vec<Edit> = front_matter
        .iter()
        .map(|(k, v)| Edit::Set(k.clone(), v.clone()))
        .collect();
    if !body.is_empty() {
        edits.push(Edit::Body(format!("\n{body}")));
    }
    apply("---\n---\n", &edits, &order)
}

/// The pieces of a document, as byte offsets into it.
struct Parts<'a> {
    yaml_start: usize,
    yaml_line: usize,
    yaml: &'a str,
    /// The closing fence line, with its line end.
    fence: &'a str,
    body: &'a str,
    nl: &'static str,
}

impl<'a> Parts<'a> {
    fn of(text: &'a str) -> Result<Self, PatchError> {
        let split =
            frontmatter::split(Path::new("document"), text).map_err(|d| PatchError::Invalid {
                line: d.line,
                message: d.message,
            })?;
        // The split's slices borrow from `text`, so their places are offsets in it.
        let offset = |part: &str| part.as_ptr() as usize - text.as_ptr() as usize;
        let yaml_start = offset(split.yaml);
        let fence_start = yaml_start + split.yaml.len();
        let body_start = offset(split.body);
        Ok(Parts {
            yaml_start,
            yaml_line: split.yaml_line,
            yaml: split.yaml,
            fence: &text[fence_start..body_start],
            body: split.body,
            nl: if text[..yaml_start].ends_with("\r\n") {
                "\r\n"
            } else {
                "\n"
            },
        })
    }
}

fn read_mapping(yaml: &str) -> Result<Mapping, String> {
    match serde_yaml_ng::from_str::<Value>(yaml) {
        Ok(Value::Mapping(map)) => Ok(map),
        Ok(Value::Null) => Ok(Mapping::new()),
        Ok(_) => Err("front matter must be a set of `key: value` fields".into()),
        Err(e) => Err(e.to_string()),
    }
}

fn verify(out: &str, expected: &Mapping, body: &str) -> Result<(), PatchError> {
    let fail = |what: String| Err(PatchError::Verification(what));
    let parts = match Parts::of(out) {
        Ok(parts) => parts,
        Err(e) => return fail(e.to_string()),
    };
    match read_mapping(parts.yaml) {
        Ok(map) if &map == expected => {}
        Ok(_) => return fail("the fields differ from the intended ones".into()),
        Err(e) => return fail(e),
    }
    if parts.body != body {
        return fail("the body differs from the intended one".into());
    }
    Ok(())
}

fn layout(yaml: &str) -> Result<Option<layout::Node>, PatchError> {
    layout::parse(yaml)
        .map_err(|e| PatchError::Unsupported(format!("the front matter cannot be edited: {e}")))
}

/// The block mapping at `path` (empty: the top level), with its key column.
fn mapping_at<'n>(
    root: &'n Option<layout::Node>,
    path: &[String],
) -> Result<&'n [layout::Entry], PatchError> {
    let not_block =
        || PatchError::Unsupported("only block mappings (`key: value` lines) can be edited".into());
    let mut entries = match root {
        None => &[][..],
        Some(node) => node.block_entries().ok_or_else(not_block)?,
    };
    for key in path {
        let entry = entries
            .iter()
            .find(|e| &e.key == key)
            .ok_or_else(|| PatchError::Unsupported(format!("`{key}` was not found")))?;
        entries = entry.value.block_entries().ok_or_else(not_block)?;
    }
    Ok(entries)
}

/// Sets the key at the end of `path`, whose current value is `old`.
fn set(
    yaml: &str,
    path: &[String],
    old: Option<&Value>,
    new: &Value,
    order: &[String],
    nl: &str,
) -> Result<String, PatchError> {
    if old == Some(new) {
        return Ok(yaml.to_string());
    }
    let (parent, key) = path.split_at(path.len() - 1);
    let key = &key[0];
    let root = layout(yaml)?;
    let entries = mapping_at(&root, parent)?;
    let Some(entry) = entries.iter().find(|e| &e.key == key) else {
        let (at, key_col) = insertion_point(yaml, entries, key, order, parent.is_empty())?;
        return splice::insert(yaml, at, key_col, key, new, nl);
    };
    // A nested block mapping is edited key by key, so its other lines stay.
    if let (Some(Value::Mapping(old)), Value::Mapping(new)) = (old, new) {
        let keys = |m: &Mapping| {
            m.keys()
                .map(|k| k.as_str().map(str::to_string))
                .collect::<Option<Vec<_>>>()
        };
        if let (Some(old_keys), Some(new_keys), Some(_)) =
            (keys(old), keys(new), entry.value.block_entries())
        {
            if !new.is_empty() {
                // Additions first, so that the mapping is never empty in between.
                let mut text = yaml.to_string();
                for (k, v) in new_keys.iter().zip(new.values()) {
                    let at = [path, std::slice::from_ref(k)].concat();
                    text = set(&text, &at, old.get(k.as_str()), v, &new_keys, nl)?;
                }
                for k in old_keys.iter().filter(|k| !new_keys.contains(k)) {
                    text = remove(&text, &[path, std::slice::from_ref(k)].concat())?;
                }
                return Ok(text);
            }
        }
    }
    splice::replace(yaml, entry, new, nl)
}

fn remove(yaml: &str, path: &[String]) -> Result<String, PatchError> {
    let (parent, key) = path.split_at(path.len() - 1);
    let root = layout(yaml)?;
    let entries = mapping_at(&root, parent)?;
    match entries.iter().find(|e| e.key == key[0]) {
        Some(entry) => splice::remove(yaml, entry),
        None => Ok(yaml.to_string()),
    }
}

/// Where a new `key` goes among `entries`, and the column its siblings start at.
fn insertion_point(
    yaml: &str,
    entries: &[layout::Entry],
    key: &str,
    order: &[String],
    top: bool,
) -> Result<(usize, usize), PatchError> {
    let find = |k: &String| entries.iter().find(|e| &e.key == k);
    let key_col = entries
        .first()
        .map_or(0, |e| e.key_start - splice::line_start(yaml, e.key_start));
    if let Some(pos) = order.iter().position(|k| k == key) {
        if let Some(prev) = order[..pos].iter().rev().find_map(find) {
            return Ok((splice::region(yaml, prev)?.end, key_col));
        }
        let later = |e: &&layout::Entry| order[pos + 1..].contains(&e.key);
        if let Some(next) = entries.iter().find(later) {
            return Ok((splice::region(yaml, next)?.start, key_col));
        }
    }
    match entries.last() {
        Some(last) if !top => Ok((splice::region(yaml, last)?.end, key_col)),
        _ => Ok((yaml.len(), key_col)),
    }
}

//! From a saved form to the file on disk: the edits that turn what the file
//! held into what the form says (only the fields that differ, the body with
//! the file's own line ends and separator), applied by `contribute::patch`,
//! and the file written atomically: a temporary file in the same folder,
//! then a rename, so a reader sees the old file or the new one, never half.

use crate::config::{FieldType, Kind};
use crate::contribute::patch::{self, Edit, PatchError};
use crate::contribute::{changed, Submission};
use serde_yaml_ng::Value;
use std::io::Write;
use std::path::Path;

/// The keys a kind's file lists, in order: what a new key goes after.
pub fn order(kind: &Kind) -> Vec<&str> {
    let mut order = vec!["title", "summary", "draft"];
    order.extend(kind.fields.iter().map(|f| f.name.as_str()));
    order
}

/// `after` with each list of checkboxes (`enum_list`, `ref_list`) in the
/// file's order: a browser sends the checked boxes in the form's order, which
/// says nothing about the order the file lists them in. The items still
/// checked keep their places; newly checked ones follow, in the form's order.
pub fn keep_order(kind: &Kind, before: &Submission, after: &mut Submission) {
    for (key, value) in &mut after.front_matter {
        let checkboxes = kind
            .field(key)
            .is_some_and(|f| matches!(f.ty, FieldType::EnumList(_) | FieldType::RefList { .. }));
        let (true, Some(Value::Sequence(old)), Value::Sequence(new)) =
            (checkboxes, before.get(key), &*value)
        else {
            continue;
        };
        let mut ordered: Vec<Value> = old.iter().filter(|v| new.contains(v)).cloned().collect();
        for v in new {
            if !ordered.contains(v) {
                ordered.push(v.clone());
            }
        }
        *value = Value::Sequence(ordered);
    }
}

/// The text of `original` after the changes from `before` (what the form
/// showed) to `after` (what it sent): unchanged fields keep their bytes.
pub fn edited_text(
    original: &str,
    before: &Submission,
    after: &Submission,
    kind: &Kind,
) -> Result<String, PatchError> {
    // The opening fence's line end, as `patch` reads it.
    let crlf = original
        .split_inclusive('\n')
        .next()
        .is_some_and(|l| l.ends_with("\r\n"));
    let nl = if crlf { "\r\n" } else { "\n" };
    let edits: Vec<Edit> = changed(before, after)
        .into_iter()
        .map(|key| {
            if key == "body" {
                Edit::Body(body(original, &after.body, nl))
            } else {
                match after.get(&key) {
                    Some(value) => Edit::Set(key, value.clone()),
                    None => Edit::Remove(key),
                }
            }
        })
        .collect();
    if edits.is_empty() {
        return Ok(original.to_string());
    }
    patch::apply(original, &edits, &order(kind))
}

/// The text after the closing fence for a new body (`\n` line ends, as a
/// submission holds it): the blank lines that separated the old body from
/// the front matter, then the body with the file's line ends.
fn body(original: &str, new: &str, nl: &str) -> String {
    if new.is_empty() {
        return String::new();
    }
    let old = crate::content::frontmatter::split(Path::new(""), original)
        .map(|s| s.body)
        .unwrap_or_default();
    let blank_lines = old
        .split_inclusive('\n')
        .take_while(|line| line.trim().is_empty() && line.ends_with('\n'))
        .map(str::len)
        .sum::<usize>();
    let separator = if old.trim().is_empty() {
        nl
    } else {
        &old[..blank_lines]
    };
    format!("{separator}{}", new.replace('\n', nl))
}

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{0} already exists")]
    Exists(String),
    #[error("cannot write {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
}

/// Replaces the file at `path` with `text`, keeping its permissions.
pub fn replace(path: &Path, text: &str) -> Result<(), WriteError> {
    let io = |source| WriteError::Io {
        path: path.display().to_string(),
        source,
    };
    let permissions = std::fs::metadata(path).map_err(io)?.permissions();
    let tmp = temporary(path, text).map_err(io)?;
    tmp.as_file().set_permissions(permissions).map_err(io)?;
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

/// Writes a new file at `path`; never replaces one that is there.
pub fn create(path: &Path, text: &str) -> Result<(), WriteError> {
    let io = |source| WriteError::Io {
        path: path.display().to_string(),
        source,
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    let tmp = temporary(path, text).map_err(io)?;
    match tmp.persist_noclobber(path) {
        Ok(_) => Ok(()),
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => {
            Err(WriteError::Exists(path.display().to_string()))
        }
        Err(e) => Err(io(e.error)),
    }
}

/// `text` in a hidden temporary file beside `path` (serve's watcher ignores
/// hidden files), flushed to disk; removed again if it is not persisted.
fn temporary(path: &Path, text: &str) -> std::io::Result<tempfile::NamedTempFile> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut builder = tempfile::Builder::new();
    builder.prefix(".kennisbank-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // As `File::create` makes files: readable by all, less the umask.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir)?;
    tmp.write_all(text.as_bytes())?;
    tmp.as_file().sync_all()?;
    Ok(tmp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_body_keeps_the_separator_and_the_line_ends() {
        assert_eq!(
            body("---\na: 1\n---\n\nOud\n", "Nieuw\n", "\n"),
            "\nNieuw\n"
        );
        assert_eq!(body("---\na: 1\n---\nOud\n", "Nieuw\n", "\n"), "Nieuw\n");
        assert_eq!(
            body("---\r\na: 1\r\n---\r\n\r\n\r\nOud\r\n", "A\nB\n", "\r\n"),
            "\r\n\r\nA\r\nB\r\n"
        );
        assert_eq!(body("---\na: 1\n---\n", "Nieuw\n", "\n"), "\nNieuw\n");
        assert_eq!(body("---\na: 1\n---\n\nOud\n", "", "\n"), "");
    }

    #[test]
    fn create_never_replaces_and_replace_keeps_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("map").join("a.md");
        create(&path, "een").unwrap();
        assert!(matches!(create(&path, "twee"), Err(WriteError::Exists(_))));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "een");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
            replace(&path, "drie").unwrap();
            assert_eq!(mode(&path), 0o640);
        }
        replace(&path, "vier").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "vier");
        // No temporary file is left behind.
        let names: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["a.md"]);
    }
}

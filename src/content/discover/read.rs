//! Reading one document found by the walk: its kind from its folder, its slug
//! from its file name, the size limit, and the bytes decoded as UTF-8 with the
//! first bad byte located. Whether it is a document at all is the walk's.

use super::{SourceFile, MAX_FILE_BYTES};
use crate::config::names::{is_slug, suggest_slug};
use crate::config::Config;
use crate::diagnostics::Diagnostic;
use std::path::Path;

/// Why a document could not be read, and its (kind, slug) when known.
pub(super) type ReadFailure = (Diagnostic, Option<(String, String)>);

/// Reads one document; on failure also returns its (kind, slug) when those are
/// known, so that links to it are not reported as broken as well.
pub(super) fn read_document(
    config: &Config,
    path: &Path,
    rel: &Path,
    display: &Path,
) -> Result<SourceFile, Box<ReadFailure>> {
    let folder = rel
        .components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy().into_owned());
    let kind = folder
        .as_deref()
        .and_then(|folder| config.kinds.iter().find(|k| k.folder == folder))
        .filter(|_| rel.components().count() > 1)
        .ok_or_else(|| {
            let folders: Vec<String> = config
                .kinds
                .iter()
                .map(|k| format!("{}/", k.folder))
                .collect();
            let d = Diagnostic::error(
                display,
                0,
                0,
                "document is not in the folder of a content kind",
            )
            .with_hint(format!("move it into one of: {}", folders.join(", ")));
            Box::new((d, None))
        })?;
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let identity = is_slug(&stem).then(|| (kind.name.clone(), stem.clone()));
    let fail = |d: Diagnostic| Box::new((d, identity.clone()));
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if size > MAX_FILE_BYTES {
        return Err(fail(
            Diagnostic::error(
                display,
                0,
                0,
                format!("file is {size} bytes, more than the limit of {MAX_FILE_BYTES}"),
            )
            .with_hint("split it into several documents"),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| {
        fail(Diagnostic::error(
            display,
            0,
            0,
            format!("cannot read: {e}"),
        ))
    })?;
    let text = decode(display, bytes).map_err(fail)?;
    if !is_slug(&stem) {
        return Err(fail(
            Diagnostic::error(
                display,
                0,
                0,
                format!("file name '{stem}' is not a valid slug"),
            )
            .with_hint(format!(
                "use lowercase letters, digits and hyphens, e.g. '{}.md'",
                suggest_slug(&stem)
            )),
        ));
    }
    Ok(SourceFile {
        display: display.to_path_buf(),
        rel: rel.to_path_buf(),
        kind: kind.name.clone(),
        slug: stem,
        text,
    })
}

/// UTF-8 text or a diagnostic pointing at the first bad byte; NUL bytes mean binary.
pub fn decode(display: &Path, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    if let Some(pos) = bytes.iter().position(|b| *b == 0) {
        let (line, col) = line_col_bytes(&bytes, pos);
        return Err(
            Diagnostic::error(display, line, col, "binary file, not Markdown text")
                .with_hint("only UTF-8 Markdown files may end in .md"),
        );
    }
    String::from_utf8(bytes).map_err(|err| {
        let pos = err.utf8_error().valid_up_to();
        let (line, col) = line_col_bytes(err.as_bytes(), pos);
        Diagnostic::error(display, line, col, "invalid UTF-8")
            .with_hint("save the file as UTF-8 (it may be Latin-1 or Windows-1252)")
    })
}

pub(super) fn line_col_bytes(bytes: &[u8], pos: usize) -> (usize, usize) {
    let valid = String::from_utf8_lossy(&bytes[..pos]);
    crate::diagnostics::line_col(&valid, valid.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_points_at_the_byte() {
        let d = decode(Path::new("a.md"), b"---\ntitle: caf\xe9\n".to_vec()).unwrap_err();
        assert_eq!(
            (d.line, d.column, d.message.as_str()),
            (2, 11, "invalid UTF-8")
        );
    }

    #[test]
    fn nul_bytes_mean_binary() {
        let d = decode(Path::new("a.md"), b"\x89PNG\x00\x00".to_vec()).unwrap_err();
        assert_eq!(d.message, "binary file, not Markdown text");
    }
}

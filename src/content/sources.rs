//! Source locations: `source_lines` fields point editors at lines of the plain-text
//! source documents in the `[sources]` folder (`"002_….txt: 446-456, 3519"`).
//! `line_counts` reads each named file once; `parse` and `check` are pure, and
//! `check` reports a missing file or a line past its end at the location's place.
//! The theme shows these fields to editors only; `search::collect` leaves them out.

use crate::config::{Config, FieldType};
use crate::content::document::Document;
use crate::diagnostics::Diagnostic;
use std::collections::BTreeMap;
use std::path::Path;

/// One location: a file in the sources folder and, optionally, line ranges in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: String,
    /// Inclusive 1-based line ranges, each with its offset in the location text.
    pub ranges: Vec<Range>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    pub first: usize,
    pub last: usize,
    /// Offset of the range, in characters, in the text it was parsed from.
    pub offset: usize,
}

/// The form every location takes, for hints.
pub const FORM: &str =
    "write FILE or FILE: LINES, like \"002_2696610796d0feb7.txt: 446-456, 3519\"";

/// Parses `FILE` or `FILE: 12, 30-41` (an en dash works as well as a hyphen).
pub fn parse(text: &str) -> Result<Location, String> {
    let (file, lines) = match text.split_once(':') {
        Some((file, lines)) => (file, Some((lines, file.len() + 1))),
        None => (text, None),
    };
    let file = file.trim();
    if file.is_empty() || file.contains(['/', '\\']) || file.starts_with('.') {
        return Err(format!(
            "'{text}' does not start with the name of a file in the sources folder"
        ));
    }
    let mut ranges = Vec::new();
    if let Some((lines, mut offset)) = lines {
        for part in lines.split(',') {
            let trimmed = part.trim_start();
            let start = offset + (part.len() - trimmed.len());
            offset += part.len() + 1;
            let trimmed = trimmed.trim_end();
            let (a, b) = match trimmed.split_once(['-', '–']) {
                Some((a, b)) => (a.trim(), b.trim()),
                None => (trimmed, trimmed),
            };
            let number = |s: &str| s.parse::<usize>().ok().filter(|n| *n > 0);
            match (number(a), number(b)) {
                (Some(first), Some(last)) if first <= last => ranges.push(Range {
                    first,
                    last,
                    offset: text[..start].chars().count(),
                }),
                (Some(_), Some(_)) => {
                    return Err(format!(
                        "'{trimmed}' runs backwards; write the first line first"
                    ))
                }
                _ => {
                    return Err(format!(
                        "'{trimmed}' is not a line number or a range of lines like 446-456"
                    ))
                }
            }
        }
    }
    Ok(Location {
        file: file.to_string(),
        ranges,
    })
}

/// What `check` needs to know about the sources folder: the files in it (for
/// did-you-mean hints) and, per file a location names, its number of lines or
/// why it cannot be read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineCounts {
    pub listing: Vec<String>,
    pub files: BTreeMap<String, Result<usize, String>>,
}

/// Reads the number of lines of every file the documents' locations name.
/// `None` when the site has no `[sources]` folder or the folder is absent: the
/// locations are then checked for form only (by `schema`), as on a fresh clone
/// without the source documents.
pub fn line_counts(config: &Config, documents: &[Document]) -> Option<LineCounts> {
    let folder = &config.sources.as_ref()?.folder;
    if !folder.is_dir() {
        return None;
    }
    let mut counts = LineCounts::default();
    if let Ok(entries) = std::fs::read_dir(folder) {
        counts.listing = entries
            .filter_map(Result::ok)
            .filter(|e| e.path().is_file())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        counts.listing.sort();
    }
    for (_, _, location) in locations(config, documents) {
        if !counts.files.contains_key(&location.file) {
            let lines = count_lines(&folder.join(&location.file));
            counts.files.insert(location.file.clone(), lines);
        }
    }
    Some(counts)
}

fn count_lines(path: &Path) -> Result<usize, String> {
    match std::fs::read(path) {
        Ok(bytes) => {
            let newlines = bytes.iter().filter(|b| **b == b'\n').count();
            Ok(newlines + usize::from(!bytes.is_empty() && !bytes.ends_with(b"\n")))
        }
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Err("not found".into()),
        Err(err) => Err(err.to_string()),
    }
}

/// Every location in every `source_lines` field, with the document and the
/// file position of the location's text.
fn locations<'a>(
    config: &'a Config,
    documents: &'a [Document],
) -> impl Iterator<Item = (&'a Document, (&'a str, usize, usize), Location)> + 'a {
    documents.iter().flat_map(move |doc| {
        let kind = config.kind(&doc.kind).expect("declared kind");
        kind.fields
            .iter()
            .filter(|f| f.ty == FieldType::SourceLines)
            .flat_map(move |f| {
                doc.ref_positions
                    .get(&f.name)
                    .into_iter()
                    .flatten()
                    .filter_map(move |(text, line, col)| {
                        let location = parse(text).ok()?;
                        Some((doc, (f.name.as_str(), *line, *col), location))
                    })
            })
    })
}

/// Checks that every file named exists and every line range lies inside it.
/// Pure: the line counts are read beforehand by `line_counts`.
pub fn check(config: &Config, documents: &[Document], counts: &LineCounts) -> Vec<Diagnostic> {
    let Some(sources) = &config.sources else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (doc, (field, line, col), location) in locations(config, documents) {
        let count = match counts.files.get(&location.file) {
            Some(Ok(n)) => *n,
            Some(Err(why)) => {
                let mut hint = format!("the sources folder is {}", sources.display);
                let names = counts.listing.iter().map(String::as_str);
                if let Some(close) = crate::content::schema::closest(&location.file, names) {
                    hint = format!("did you mean '{close}'? {hint}");
                }
                out.push(
                    Diagnostic::error(
                        &doc.display,
                        line,
                        col,
                        format!("{field}: source file '{}' {why}", location.file),
                    )
                    .with_hint(hint),
                );
                continue;
            }
            None => continue,
        };
        for range in location.ranges.iter().filter(|r| r.last > count) {
            let past = if range.first > count {
                range.first
            } else {
                range.last
            };
            out.push(
                Diagnostic::error(
                    &doc.display,
                    line,
                    col + range.offset,
                    format!(
                        "{field}: line {past} is past the end of {}, which has {count} lines",
                        location.file
                    ),
                )
                .with_hint(format!(
                    "check the line numbers against {}/{}",
                    sources.display, location.file
                )),
            );
        }
    }
    out
}

/// Reads what `check` needs and runs it: the stage the build calls.
pub fn check_documents(config: &Config, documents: &[Document]) -> Vec<Diagnostic> {
    match line_counts(config, documents) {
        Some(counts) => check(config, documents, &counts),
        None => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_file_with_lines_and_ranges() {
        let l = parse("002_ab.txt: 446-456, 3519,12–14").unwrap();
        assert_eq!(l.file, "002_ab.txt");
        let spans: Vec<(usize, usize, usize)> = l
            .ranges
            .iter()
            .map(|r| (r.first, r.last, r.offset))
            .collect();
        assert_eq!(spans, vec![(446, 456, 12), (3519, 3519, 21), (12, 14, 26)]);
    }

    #[test]
    fn a_file_alone_is_a_location() {
        assert_eq!(parse("002_ab.txt").unwrap().ranges, Vec::new());
    }

    #[test]
    fn bad_forms_are_refused() {
        assert_eq!(
            parse("002_ab.txt: 30-12").unwrap_err(),
            "'30-12' runs backwards; write the first line first"
        );
        assert_eq!(
            parse("002_ab.txt: r. 12").unwrap_err(),
            "'r. 12' is not a line number or a range of lines like 446-456"
        );
        assert_eq!(
            parse("002_ab.txt: 0").unwrap_err(),
            "'0' is not a line number or a range of lines like 446-456"
        );
        assert!(parse("../etc/passwd: 1").is_err());
        assert!(parse(": 1").is_err());
    }
}

//! GitLab Code Quality JSON: the subset of the Code Climate issue format that
//! GitLab documents (description, check_name, fingerprint, severity,
//! location.path, location.lines.begin). GitLab compares the report of a merge
//! request with its target branch's and shows new and fixed problems in the
//! merge request widget, matched by fingerprint.

use super::{forge_path, full_message};
use crate::diagnostics::{Diagnostic, Severity};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::Path;

/// The one check name: diagnostics carry no code of their own.
const CHECK_NAME: &str = "kennisbank-check";

#[derive(Serialize)]
struct Issue {
    description: String,
    check_name: &'static str,
    fingerprint: String,
    severity: &'static str,
    location: Location,
}

#[derive(Serialize)]
struct Location {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
}

/// The report for these diagnostics: a JSON array (pretty-printed, ending in a
/// newline; `[]` when there is nothing to report).
pub fn code_quality(diagnostics: &[Diagnostic], root: &Path) -> String {
    let mut seen: HashMap<(String, &str), usize> = HashMap::new();
    let issues: Vec<Issue> = diagnostics
        .iter()
        .map(|d| {
            let path = forge_path(root, &d.path);
            let occurrence = seen.entry((path.clone(), d.message.as_str())).or_default();
            *occurrence += 1;
            Issue {
                description: full_message(d),
                check_name: CHECK_NAME,
                fingerprint: fingerprint(&path, &d.message, *occurrence),
                severity: match d.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                },
                location: Location {
                    path,
                    lines: Lines {
                        begin: d.line.max(1),
                    },
                },
            }
        })
        .collect();
    let mut json = serde_json::to_string_pretty(&issues).unwrap_or_else(|_| "[]".into());
    json.push('\n');
    json
}

/// Stable across runs and across edits elsewhere in the file (no line number),
/// yet unique in a report: the n-th problem with the same message in the same
/// file gets its own. GitLab keeps only one issue per fingerprint.
fn fingerprint(path: &str, message: &str, occurrence: usize) -> String {
    let mut hasher = Sha256::new();
    for part in [path, message, &occurrence.to_string()] {
        hasher.update(part.as_bytes());
        hasher.update([0]);
    }
    hasher
        .finalize()
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    #[test]
    fn issue_has_the_documented_fields_and_nothing_else() {
        let d = Diagnostic::error("content/a.md", 6, 7, "fase: unknown value 'x'")
            .with_hint("did you mean 'uitrol'?");
        let report: Value = serde_json::from_str(&code_quality(&[d], Path::new("."))).unwrap();
        let fingerprint = report[0]["fingerprint"].as_str().unwrap().to_string();
        assert_eq!(fingerprint.len(), 32);
        assert!(fingerprint.chars().all(|c| c.is_ascii_hexdigit()));
        assert_eq!(
            report,
            json!([{
                "description": "fase: unknown value 'x'\nhint: did you mean 'uitrol'?",
                "check_name": "kennisbank-check",
                "fingerprint": fingerprint,
                "severity": "major",
                "location": { "path": "content/a.md", "lines": { "begin": 6 } }
            }])
        );
    }

    #[test]
    fn nothing_to_report_is_an_empty_array() {
        assert_eq!(code_quality(&[], Path::new(".")), "[]\n");
    }

    #[test]
    fn fingerprint_ignores_the_line_but_tells_repeats_apart() {
        let at = |line| Diagnostic::error("a.md", line, 1, "broken link [[x]]");
        let print = |ds: &[Diagnostic]| -> Vec<String> {
            let report: Value = serde_json::from_str(&code_quality(ds, Path::new("."))).unwrap();
            report
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i["fingerprint"].as_str().unwrap().to_string())
                .collect()
        };
        let once = print(&[at(3)]);
        assert_eq!(once, print(&[at(9)]), "moving a line keeps the fingerprint");
        let twice = print(&[at(3), at(9)]);
        assert_eq!(twice[0], once[0]);
        assert_ne!(twice[0], twice[1], "a repeat gets its own fingerprint");
        let other = print(&[Diagnostic::error("b.md", 3, 1, "broken link [[x]]")]);
        assert_ne!(other[0], once[0], "another file, another fingerprint");
    }

    #[test]
    fn whole_file_problem_begins_at_line_one_and_warning_is_minor() {
        let report: Value = serde_json::from_str(&code_quality(
            &[Diagnostic::warning("site.toml", 0, 0, "x")],
            Path::new("kb"),
        ))
        .unwrap();
        assert_eq!(
            report[0]["location"],
            json!({ "path": "kb/site.toml", "lines": { "begin": 1 } })
        );
        assert_eq!(report[0]["severity"], "minor");
    }
}

//! Diagnostics: one problem in one file, located by line and column, with a hint.
//! Every stage collects these instead of stopping at the first problem; the CLI
//! prints them all and picks the exit code.

pub mod controls;
pub mod report;

use crate::diagnostics::controls::visible;
use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a problem is: errors fail the build, warnings are only reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem at one place, printed as `path:line:column: message`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    pub path: PathBuf,
    /// 1-based; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based; 0 when unknown.
    pub column: usize,
    pub severity: Severity,
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(
        path: impl AsRef<Path>,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            path: path.as_ref().to_path_buf(),
            line,
            column,
            severity: Severity::Error,
            message: message.into(),
            hint: None,
        }
    }

    pub fn warning(
        path: impl AsRef<Path>,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, line, column, message)
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Names and values from content are shown, never acted on by a terminal.
        let path = self.path.display().to_string().replace('\\', "/");
        write!(f, "{}", visible(&path))?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.column > 0 {
                write!(f, ":{}", self.column)?;
            }
        }
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, ": {level}: {}", visible(&self.message))?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {}", visible(hint))?;
        }
        Ok(())
    }
}

/// Sorts diagnostics by file and position so output is stable whatever the
/// order parallel work finished in.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort();
}

/// Line and column (both 1-based, column in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_has_path_line_column_and_hint() {
        let d = Diagnostic::error("content/a.md", 3, 7, "bad value").with_hint("use 1 to 5");
        assert_eq!(
            d.to_string(),
            "content/a.md:3:7: error: bad value\n  hint: use 1 to 5"
        );
    }

    #[test]
    fn whole_file_diagnostic_has_no_position() {
        let d = Diagnostic::warning("a.md", 0, 0, "empty");
        assert_eq!(d.to_string(), "a.md: warning: empty");
    }

    #[test]
    fn control_characters_from_content_are_shown_escaped() {
        let d = Diagnostic::error("a\u{1b}.md", 1, 1, "bad 'x\u{1b}]0;t\u{7}'").with_hint("\r");
        assert_eq!(
            d.to_string(),
            "a\\u{1b}.md:1:1: error: bad 'x\\u{1b}]0;t\\u{7}'\n  hint: \\u{d}"
        );
    }

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "ab\néé x";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 3), (2, 1));
        let x = text.find('x').unwrap();
        assert_eq!(line_col(text, x), (2, 4));
    }
}

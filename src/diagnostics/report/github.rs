//! GitHub Actions workflow commands: one `::error file=…,line=…,col=…::message`
//! line per diagnostic, which the runner turns into an annotation on that file
//! and line (in the pull request's changed files and on the run's summary).
//! Escaping follows GitHub's toolkit (`@actions/core`, `command.ts`).

use super::{forge_path, full_message};
use crate::diagnostics::{Diagnostic, Severity};
use std::path::Path;

/// Escapes a command's message: `%`, carriage return and line feed.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value (`file=…`): as the message, plus `:` and `,`, which
/// end the command and separate properties.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// One workflow command per diagnostic, each ending in a newline. `root` is the
/// `--root` the paths are relative to.
pub fn workflow_commands(diagnostics: &[Diagnostic], root: &Path) -> String {
    diagnostics
        .iter()
        .map(|d| command(d, root) + "\n")
        .collect()
}

fn command(d: &Diagnostic, root: &Path) -> String {
    let name = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut properties = vec![format!(
        "file={}",
        escape_property(&forge_path(root, &d.path))
    )];
    if d.line > 0 {
        properties.push(format!("line={}", d.line));
        if d.column > 0 {
            properties.push(format!("col={}", d.column));
        }
    }
    format!(
        "::{name} {}::{}",
        properties.join(","),
        escape_data(&full_message(d))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_escapes_percent_first_then_line_breaks() {
        assert_eq!(escape_data("100%\r\nklaar"), "100%25%0D%0Aklaar");
        // Already-escaped-looking text stays literal: `%0A` in a message is not a newline.
        assert_eq!(escape_data("%0A"), "%250A");
        assert_eq!(escape_data("a: b, c"), "a: b, c");
    }

    #[test]
    fn property_also_escapes_colon_and_comma() {
        assert_eq!(escape_property("C:\\a,b%\n"), "C%3A\\a%2Cb%25%0A");
    }

    #[test]
    fn command_has_file_line_column_and_the_hint_on_a_second_line() {
        let d = Diagnostic::error("content/a,b.md", 6, 7, "fase: unknown value 'x'")
            .with_hint("did you mean 'uitrol'?");
        assert_eq!(
            workflow_commands(&[d], Path::new(".")),
            "::error file=content/a%2Cb.md,line=6,col=7::fase: unknown value 'x'%0Ahint: did you mean 'uitrol'?\n"
        );
    }

    #[test]
    fn whole_file_diagnostic_has_no_line_and_warning_is_a_warning() {
        let diagnostics = [
            Diagnostic::error("content/a.md", 0, 0, "duplicate slug 'a'"),
            Diagnostic::warning("content/b.md", 3, 0, "50% done"),
        ];
        assert_eq!(
            workflow_commands(&diagnostics, Path::new("site")),
            "::error file=site/content/a.md::duplicate slug 'a'\n\
             ::warning file=site/content/b.md,line=3::50%25 done\n"
        );
    }
}

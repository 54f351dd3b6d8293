//! Diagnostics in the formats CI forges read, so an editor sees them where they
//! look: GitHub workflow commands (annotations on the file and line) and GitLab
//! Code Quality JSON (the merge request widget). Pure functions over collected
//! diagnostics; the CLI decides where the text goes and what the exit code is.

mod github;
mod gitlab;

pub use github::{escape_data, escape_property, workflow_commands};
pub use gitlab::code_quality;

use std::path::{Component, Path, PathBuf};

/// The path a forge knows a diagnostic's file by: relative to the repository
/// (the current directory), so `--root site` turns `content/a.md` into
/// `site/content/a.md`; forward slashes on every platform.
fn forge_path(root: &Path, path: &Path) -> String {
    let joined: PathBuf = root
        .join(path)
        .components()
        .filter(|c| !matches!(c, Component::CurDir))
        .collect();
    // A control character in a file name is shown, never sent to a log viewer.
    crate::diagnostics::controls::visible(&joined.to_string_lossy().replace('\\', "/")).into_owned()
}

/// The text shown to the person: the message, then the hint on its own line.
fn full_message(d: &crate::diagnostics::Diagnostic) -> String {
    use crate::diagnostics::controls::visible;
    match &d.hint {
        Some(hint) => format!("{}\nhint: {}", visible(&d.message), visible(hint)),
        None => visible(&d.message).into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_from_content_are_shown_not_sent() {
        let d = crate::diagnostics::Diagnostic::error("content/a\u{1b}.md", 1, 1, "x\u{1b}[2Jy")
            .with_hint("\u{9b}");
        assert_eq!(forge_path(Path::new("."), &d.path), "content/a\\u{1b}.md");
        assert_eq!(full_message(&d), "x\\u{1b}[2Jy\nhint: \\u{9b}");
    }

    #[test]
    fn forge_path_joins_the_root_and_drops_dot() {
        let p = Path::new("content/factsheets/a.md");
        assert_eq!(forge_path(Path::new("."), p), "content/factsheets/a.md");
        assert_eq!(
            forge_path(Path::new("./site"), p),
            "site/content/factsheets/a.md"
        );
        assert_eq!(
            forge_path(Path::new("/srv/kb"), p),
            "/srv/kb/content/factsheets/a.md"
        );
    }
}

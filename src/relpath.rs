//! Relative paths inside a directory the build owns: the one check that keeps
//! every file the build writes inside the output root, and the rules for the
//! paths `site.toml` names (URL patterns, kind folders, the theme, templates).
//! Pure string rules with no I/O; `join` is the only way a checked path meets
//! a real directory.

use std::path::{Path, PathBuf};

/// Why a relative path was refused, in words for a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused(pub &'static str);

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

/// Checks a `/`-separated path relative to a root: every segment is a plain
/// name, so joined to the root it names a file inside it on every platform.
/// No `..` or `.`, no empty segment (which a leading `/` or `//` would give),
/// no backslash (a separator on Windows), no `:` (drive letters, Windows
/// streams), no NUL or other control character.
pub fn check(rel: &str) -> Result<(), Refused> {
    if rel.is_empty() {
        return Err(Refused("the path is empty"));
    }
    if rel.starts_with('/') {
        return Err(Refused("the path is absolute"));
    }
    for segment in rel.split('/') {
        match segment {
            "" => {
                return Err(Refused(
                    "the path has an empty segment ('//' or a trailing '/')",
                ))
            }
            "." | ".." => return Err(Refused("the path has a '.' or '..' segment")),
            s if s.contains(['\\', ':']) => {
                return Err(Refused("the path contains '\\' or ':'"));
            }
            s if s.chars().any(char::is_control) => {
                return Err(Refused("the path contains a control character"));
            }
            _ => {}
        }
    }
    Ok(())
}

/// `root` joined with a checked relative path.
pub fn join(root: &Path, rel: &str) -> anyhow::Result<PathBuf> {
    check(rel).map_err(|why| {
        anyhow::anyhow!("refusing to write '{rel}' under {}: {why}", root.display())
    })?;
    Ok(rel
        .split('/')
        .fold(root.to_path_buf(), |path, s| path.join(s)))
}

/// A name `site.toml` may use for a folder or a segment of a URL pattern:
/// ASCII letters, digits, `-` and `_`, and dots that do not start it (so no
/// `..`, and no hidden file a host might not serve).
pub fn is_name(segment: &str) -> bool {
    !segment.is_empty()
        && !segment.starts_with('.')
        && segment
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// A path of names separated by `/` (a template inside the templates folder).
pub fn is_name_path(path: &str) -> bool {
    path.split('/').all(is_name)
}

/// Checks a kind's URL pattern: names separated by `/`, `{slug}` in one or
/// more of them, ending in `.html`. With a slug of lowercase letters, digits
/// and hyphens, the page's path then always passes `check`.
pub fn check_url_pattern(pattern: &str) -> Result<(), Refused> {
    if !pattern.contains("{slug}") {
        return Err(Refused("it does not contain {slug}"));
    }
    if !pattern.ends_with(".html") {
        return Err(Refused("it does not end in .html"));
    }
    // Any slug in place of {slug}: the rest must be names on their own.
    let sample = pattern.replace("{slug}", "x");
    if !is_name_path(&sample) {
        return Err(Refused(
            "it must be a relative path of names (letters, digits, '-', '_', '.') separated by '/', without '..'",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_leave_the_root_are_refused() {
        for rel in [
            "",
            "/etc/passwd",
            "../x.html",
            "a/../../x.html",
            "a/./b.html",
            "a//b.html",
            "a/",
            "..\\x.html",
            "C:/x.html",
            "c:x.html",
            "a/\0.html",
            "a/\n.html",
        ] {
            assert!(check(rel).is_err(), "{rel:?}");
            assert!(join(Path::new("/out"), rel).is_err(), "{rel:?}");
        }
        for rel in [
            "index.html",
            "a/b/c.html",
            ".kennisbank-output",
            "x..y",
            "één.png",
        ] {
            assert!(check(rel).is_ok(), "{rel:?}");
        }
        assert_eq!(
            join(Path::new("/out"), "a/b.html").unwrap(),
            Path::new("/out/a/b.html")
        );
    }

    #[test]
    fn url_patterns() {
        assert!(check_url_pattern("gemeenten/{slug}.html").is_ok());
        assert!(check_url_pattern("{slug}/index.html").is_ok());
        assert!(check_url_pattern("a/b-{slug}-c/{slug}.html").is_ok());
        for bad in [
            "../../pwned/{slug}.html",
            "/abs/{slug}.html",
            "a/../{slug}.html",
            "a//{slug}.html",
            "{slug}/../../x.html",
            ".hidden/{slug}.html",
            "a b/{slug}.html",
            "a\\{slug}.html",
            "gemeenten/x.html",
            "gemeenten/{slug}.htm",
            "{slug}",
        ] {
            assert!(check_url_pattern(bad).is_err(), "{bad}");
        }
    }
}

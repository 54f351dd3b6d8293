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

/// Property tests: arbitrary URL patterns, folders, themes, templates and
/// slugs never panic and never yield a path outside the output.
#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;
    use std::path::Component;

    /// Strings made of what paths are made of, and sometimes anything at all.
    fn pathish() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-z0-9{}./\\\\:_ -]{0,24}",
            "(\\.\\./|/|\\{slug\\}|[a-z]{1,3}|\\.|\\\\|:|-){0,8}(\\.html)?",
            any::<String>(),
        ]
    }

    /// `path` lies inside `root`: below it, with only plain names after it.
    fn inside(root: &Path, path: &Path) -> bool {
        path.strip_prefix(root).is_ok_and(|rest| {
            rest.components().count() > 0
                && rest.components().all(|c| matches!(c, Component::Normal(_)))
        })
    }

    fn site_toml(url: &str, folder: &str, theme: &str, template: &str) -> String {
        let quote = |s: &str| toml::Value::String(s.to_string()).to_string();
        format!(
            "[site]\ntitle = \"T\"\nbase_url = \"https://example.org/\"\ntheme = {}\n\n[kinds.note]\nlabel = \"Note\"\nplural = \"Notes\"\nfolder = {}\ntemplate = {}\nurl = {}\n",
            quote(theme),
            quote(folder),
            quote(template),
            quote(url)
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn a_checked_path_joined_to_the_root_stays_inside(rel in pathish()) {
            let root = Path::new("/out");
            if let Ok(path) = join(root, &rel) {
                prop_assert!(check(&rel).is_ok());
                prop_assert!(inside(root, &path), "{rel:?} -> {path:?}");
            }
        }

        #[test]
        fn url_patterns_and_slugs_never_lead_out_of_the_output(
            url in pathish(),
            folder in prop_oneof![3 => "[a-z]{1,8}", 1 => pathish()],
            theme in prop_oneof![3 => "[a-z]{1,8}", 1 => pathish()],
            template in prop_oneof![3 => "[a-z/]{1,8}\\.html", 1 => pathish()],
            slug in prop_oneof!["[a-z0-9]{1,6}(-[a-z0-9]{1,6}){0,2}", pathish()],
        ) {
            let root = Path::new("/site");
            let Ok(config) = crate::config::parse(root, &site_toml(&url, &folder, &theme, &template)) else {
                return Ok(());
            };
            let kind = &config.kinds[0];
            prop_assert!(is_name(&kind.folder) && is_name_path(&kind.template));
            prop_assert!(config.theme_dir.starts_with(root.join("themes")));
            prop_assert!(inside(&root.join("themes"), &config.theme_dir));
            let out = Path::new("/out");
            for rel in [crate::config::urls::document(kind, &slug), crate::config::urls::listing(kind)] {
                // Slugs the build accepts always give a path inside the output;
                // anything else is refused by the writer rather than written.
                if crate::config::is_slug(&slug) {
                    prop_assert!(check(&rel).is_ok(), "{url:?} + {slug:?} -> {rel:?}");
                }
                if let Ok(path) = join(out, &rel) {
                    prop_assert!(inside(out, &path), "{rel:?} -> {path:?}");
                }
            }
        }
    }

    proptest! {
        #[test]
        fn only_accepted_patterns_with_real_slugs_are_inside(url in pathish(), slug in "[a-z0-9]{1,6}(-[a-z0-9]{1,6}){0,2}") {
            if check_url_pattern(&url).is_ok() {
                let rel = url.replace("{slug}", &slug);
                prop_assert!(check(&rel).is_ok(), "{url:?} -> {rel:?}");
                prop_assert!(rel.ends_with(".html"));
            }
        }
    }
}

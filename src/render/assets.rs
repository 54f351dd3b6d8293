//! The files that need no template and are copied as they are: the theme's
//! static files under `static/` and the content assets at their own paths.
//! A parts folder of the theme (`static/search.js.d/`) is not copied: its
//! parts are joined into one file (`static/search.js`); see `parts`.

use super::template_dir;
use crate::content::discover::{is_ignored, is_ignored_entry};
use crate::diagnostics::Diagnostic;
use crate::output::ownership::Origin;
use crate::output::sink::{Contents, OutputFile};
use crate::site::Site;
use std::path::{Path, PathBuf};

/// A folder under `static/` whose name ends in this holds the parts of the
/// file named without it.
const PARTS: &str = ".d";

/// Theme static files under `static/`, content assets at their own paths;
/// a theme's parts folder that cannot be joined is a diagnostic.
pub(super) fn static_files(site: &Site) -> (Vec<OutputFile>, Vec<Diagnostic>) {
    let shown_dir = template_dir(&site.config).with_file_name("static");
    let (mut files, diagnostics) = theme_static(&site.config.theme_dir.join("static"), &shown_dir);
    for asset in &site.assets {
        files.push(OutputFile {
            rel_path: asset.rel.to_string_lossy().replace('\\', "/"),
            contents: Contents::Copy(asset.source.clone()),
            origin: Origin::Copied(Path::new("content").join(&asset.rel)),
        });
    }
    (files, diagnostics)
}

/// Every file under `static_dir` copied to `static/`, every parts folder
/// joined; `shown_dir` is how diagnostics and origins name `static_dir`.
fn theme_static(static_dir: &Path, shown_dir: &Path) -> (Vec<OutputFile>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut diagnostics = Vec::new();
    let mut walk = walkdir::WalkDir::new(static_dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !is_ignored_entry(e));
    while let Some(entry) = walk.next() {
        let Ok(entry) = entry else { continue };
        let Ok(rel) = entry.path().strip_prefix(static_dir) else {
            continue;
        };
        let rel_path = format!("static/{}", rel.to_string_lossy().replace('\\', "/"));
        if entry.file_type().is_file() {
            files.push(OutputFile {
                rel_path,
                contents: Contents::Copy(entry.path().to_path_buf()),
                origin: Origin::Copied(shown_dir.join(rel)),
            });
        } else if entry.depth() > 0 && entry.file_type().is_dir() {
            let name = entry.file_name().to_string_lossy();
            let Some(stem) = name.strip_suffix(PARTS) else {
                continue;
            };
            walk.skip_current_dir();
            let joined = &rel_path[..rel_path.len() - PARTS.len()];
            let shown = shown_dir.join(rel);
            if entry.path().with_file_name(stem).symlink_metadata().is_ok() {
                let whole = display(&shown.with_file_name(stem));
                diagnostics.push(
                    Diagnostic::error(
                        &shown,
                        0,
                        0,
                        format!("both this folder and {whole} would make {joined}"),
                    )
                    .with_hint(HINT),
                );
                continue;
            }
            match parts(entry.path(), joined, &shown) {
                Ok(parts) => files.push(OutputFile {
                    rel_path: joined.to_string(),
                    contents: Contents::Joined(parts),
                    origin: Origin::Joined(shown),
                }),
                Err(mut found) => diagnostics.append(&mut found),
            }
        }
    }
    (files, diagnostics)
}

const HINT: &str = "a theme ships a file under static/ either whole or as a folder of parts \
named after it with .d added, whose parts are joined in the byte order of their names";

/// The parts of `joined` in `folder`: its files that end in the extension of
/// `joined` (all its files when it has none), in the byte order of their
/// names. Anything else in it, or no part at all, is an error.
fn parts(folder: &Path, joined: &str, shown: &Path) -> Result<Vec<PathBuf>, Vec<Diagnostic>> {
    let suffix = Path::new(joined)
        .extension()
        .map(|ext| format!(".{}", ext.to_string_lossy()));
    let mut parts = Vec::new();
    let mut errors = Vec::new();
    let entries = walkdir::WalkDir::new(folder)
        .min_depth(1)
        .max_depth(1)
        .sort_by_file_name();
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                errors.push(Diagnostic::error(
                    shown,
                    0,
                    0,
                    format!("cannot read: {err}"),
                ));
                continue;
            }
        };
        let name = entry.file_name().to_string_lossy();
        if is_ignored(&name) {
            continue;
        }
        let fits = suffix.as_ref().is_none_or(|s| name.ends_with(s.as_str()));
        if entry.file_type().is_file() && fits {
            parts.push(entry.path().to_path_buf());
        } else {
            let what = suffix.as_deref().map_or(String::new(), |s| format!("{s} "));
            errors.push(
                Diagnostic::error(
                    shown.join(entry.file_name()),
                    0,
                    0,
                    format!(
                        "is not a part of {joined}: its parts are the {what}files in {}/",
                        display(shown)
                    ),
                )
                .with_hint(HINT),
            );
        }
    }
    if parts.is_empty() && errors.is_empty() {
        errors.push(
            Diagnostic::error(shown, 0, 0, format!("has no parts to make {joined} of"))
                .with_hint(HINT),
        );
    }
    if errors.is_empty() {
        Ok(parts)
    } else {
        Err(errors)
    }
}

fn display(path: &Path) -> String {
    path.display().to_string().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A theme's static folder with `files` (path, text) in it.
    fn theme(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (rel, text) in files {
            let path = dir.path().join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        dir
    }

    fn shown() -> PathBuf {
        PathBuf::from("themes/t/static")
    }

    /// (output path, the files it is made of relative to the folder) of each file.
    fn outputs(dir: &Path) -> Vec<(String, Vec<String>)> {
        let (files, diagnostics) = theme_static(dir, &shown());
        assert_eq!(diagnostics, []);
        let rel = |p: &PathBuf| display(p.strip_prefix(dir).unwrap());
        files
            .into_iter()
            .map(|f| match &f.contents {
                Contents::Copy(p) => (f.rel_path, vec![rel(p)]),
                Contents::Joined(parts) => (f.rel_path, parts.iter().map(rel).collect()),
                other => panic!("{other:?}"),
            })
            .collect()
    }

    fn errors(dir: &Path) -> Vec<String> {
        let (files, diagnostics) = theme_static(dir, &shown());
        let joined = |f: &OutputFile| matches!(f.contents, Contents::Joined(_));
        assert!(!files.iter().any(joined), "{files:?}");
        diagnostics.iter().map(|d| format!("{d}")).collect()
    }

    #[test]
    fn parts_are_joined_in_the_byte_order_of_their_names_and_not_copied() {
        let dir = theme(&[
            ("style.css", "body {}"),
            ("search.js.d/20-plan.js", "b"),
            ("search.js.d/10-load.js", "a"),
            ("search.js.d/9-last.js", "c"),
            ("search.js.d/Z-upper.js", "d"),
            ("search.js.d/a-lower.js", "e"),
            ("search.js.d/.10-load.js.swp", "x"),
            ("search.js.d/20-plan.js~", "x"),
            ("js/app.js.d/1.js", "e"),
        ]);
        assert_eq!(
            outputs(dir.path()),
            [
                (
                    "static/js/app.js".to_string(),
                    vec!["js/app.js.d/1.js".to_string()]
                ),
                (
                    "static/search.js".to_string(),
                    [
                        "10-load.js",
                        "20-plan.js",
                        "9-last.js",
                        "Z-upper.js",
                        "a-lower.js"
                    ]
                    .map(|p| format!("search.js.d/{p}"))
                    .to_vec()
                ),
                (
                    "static/style.css".to_string(),
                    vec!["style.css".to_string()]
                ),
            ]
        );
        let (files, _) = theme_static(dir.path(), &shown());
        let joined = files
            .iter()
            .find(|f| f.rel_path == "static/search.js")
            .unwrap();
        assert_eq!(
            joined.origin,
            Origin::Joined(PathBuf::from("themes/t/static/search.js.d"))
        );
    }

    #[test]
    fn a_plain_file_and_its_parts_folder_at_once_is_an_error_naming_both() {
        let dir = theme(&[("search.js", "a"), ("search.js.d/10-a.js", "a")]);
        assert_eq!(
            errors(dir.path()),
            ["themes/t/static/search.js.d: error: both this folder and themes/t/static/search.js would make static/search.js\n  hint: ".to_string() + HINT]
        );
        let (files, _) = theme_static(dir.path(), &shown());
        let copied: Vec<&str> = files.iter().map(|f| f.rel_path.as_str()).collect();
        assert_eq!(copied, ["static/search.js"]);
        assert!(matches!(files[0].contents, Contents::Copy(_)));
    }

    #[test]
    fn an_empty_parts_folder_is_an_error() {
        let dir = theme(&[("search.js.d/.keep", "")]);
        assert_eq!(
            errors(dir.path()),
            ["themes/t/static/search.js.d: error: has no parts to make static/search.js of\n  hint: ".to_string() + HINT]
        );
    }

    #[test]
    fn anything_but_a_part_in_a_parts_folder_is_an_error() {
        let dir = theme(&[
            ("search.js.d/10-a.js", "a"),
            ("search.js.d/README.md", "notes"),
            ("search.js.d/sub/20-b.js", "b"),
        ]);
        let hint = format!("\n  hint: {HINT}");
        assert_eq!(
            errors(dir.path()),
            [
                format!("themes/t/static/search.js.d/README.md: error: is not a part of static/search.js: its parts are the .js files in themes/t/static/search.js.d/{hint}"),
                format!("themes/t/static/search.js.d/sub: error: is not a part of static/search.js: its parts are the .js files in themes/t/static/search.js.d/{hint}"),
            ]
        );
    }

    #[test]
    fn a_parts_folder_of_a_name_without_extension_takes_every_file() {
        let dir = theme(&[("LICENSE.d/b.txt", "b"), ("LICENSE.d/a", "a")]);
        assert_eq!(
            outputs(dir.path()),
            [(
                "static/LICENSE".to_string(),
                vec!["LICENSE.d/a".to_string(), "LICENSE.d/b.txt".to_string()]
            )]
        );
    }
}

//! The theme's Tera templates: loaded once with the escaping the built site
//! needs (HTML and XML, control characters dropped), and Tera's errors turned
//! into diagnostics that name the template file and line.

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use std::path::{Path, PathBuf};
use tera::Tera;

/// Loads every template of the theme; syntax errors name the template and line.
pub fn load_templates(config: &Config) -> Result<Tera, Vec<Diagnostic>> {
    let dir = config.theme_dir.join("templates");
    let display_dir = Path::new("themes")
        .join(config.theme_dir.file_name().unwrap_or_default())
        .join("templates");
    if !dir.is_dir() {
        return Err(vec![Diagnostic::error(
            &display_dir,
            0,
            0,
            "theme templates not found",
        )
        .with_hint(
            "set [site] theme in site.toml to a folder of themes/ that has a templates/ folder",
        )]);
    }
    // Every file under templates/ but editor leftovers and hidden files (a vim
    // swap file is not a template), named by its path as Tera's glob would.
    let files: Vec<(PathBuf, Option<String>)> = walkdir::WalkDir::new(&dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !crate::content::discover::is_ignored_entry(e))
        .flatten()
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let name = e.path().strip_prefix(&dir).ok()?;
            let name = name.to_string_lossy().replace('\\', "/");
            Some((e.path().to_path_buf(), Some(name)))
        })
        .collect();
    let mut tera = Tera::default();
    tera.add_template_files(files)
        .map_err(|err| vec![template_error(&display_dir, &err)])?;
    // A sitemap too large for one file needs an index (`sitemap`); a theme
    // made before that has no template for it.
    if !tera
        .get_template_names()
        .any(|name| name == super::sitemap::INDEX_TEMPLATE)
    {
        tera.add_raw_template(
            super::sitemap::INDEX_TEMPLATE,
            super::sitemap::BUILTIN_INDEX,
        )
        .map_err(|err| vec![template_error(&display_dir, &err)])?;
    }
    // Tera always offers `get_env`: a theme could copy the build's environment
    // (CI secrets) into pages, and pages would differ between machines.
    tera.register_function(
        "get_env",
        |_: &std::collections::HashMap<String, tera::Value>| -> tera::Result<tera::Value> {
            Err(tera::Error::msg(
                "get_env is not available: templates cannot read the environment",
            ))
        },
    );
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.set_escape_fn(escape);
    Ok(tera)
}

/// Escapes text for HTML and XML (`&`, `<`, `>`, `"`). Unlike Tera's default it
/// leaves `/` alone, so URLs in attributes stay readable. Control characters are dropped: they are refused in content, and must never
/// make the feed or the sitemap ill-formed whatever reaches a template.
pub(super) fn escape(text: &str) -> String {
    let text = crate::diagnostics::controls::strip(text);
    let mut out = String::with_capacity(text.len());
    pulldown_cmark_escape::escape_html(&mut out, &text).expect("writing to a String cannot fail");
    out.replace('\'', "&#39;")
}

/// Turns a Tera error into a diagnostic with the template's path and, for
/// syntax errors, its line; the whole cause chain is kept (Tera hides the
/// useful part in `source()`).
pub fn template_error(dir: &Path, err: &tera::Error) -> Diagnostic {
    let mut chain = vec![err.to_string()];
    let mut source = std::error::Error::source(err);
    while let Some(s) = source {
        chain.push(s.to_string());
        source = s.source();
    }
    let text = chain.join(": ");
    let template = text
        .split(['\'', '"'])
        .find(|name| name.ends_with(".html") || name.ends_with(".xml"))
        .map(|name| dir.join(Path::new(name).file_name().unwrap_or_default()))
        .unwrap_or_else(|| dir.to_path_buf());
    let (line, col) = text
        .split("--> ")
        .nth(1)
        .and_then(|rest| {
            let pos: String = rest
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == ':')
                .collect();
            let (l, c) = pos.split_once(':')?;
            Some((l.parse().ok()?, c.parse().ok()?))
        })
        .unwrap_or((0, 0));
    let message = chain
        .iter()
        .map(|s| {
            s.lines()
                .filter(|l| !l.trim().is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join(": ");
    Diagnostic::error(template, line, col, format!("template error: {message}"))
}

/// Templates as shown in diagnostics: `themes/<theme>/templates`.
pub fn template_dir(config: &Config) -> PathBuf {
    Path::new("themes")
        .join(config.theme_dir.file_name().unwrap_or_default())
        .join("templates")
}

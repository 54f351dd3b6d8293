//! Every file the build writes has exactly one producer: a document's page, a
//! page or file about the whole site, a copied file (a theme's static file or
//! a content asset), a theme's parts joined into one file, or the search
//! index, which owns all of `search/`. `check` turns two producers of one
//! path, a file where another needs a folder, and a path that would leave the
//! output into diagnostics that name both sides.

use crate::config::relpath;
use crate::config::urls;
use crate::diagnostics::Diagnostic;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Who produces an output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// The page of a document: its source file and its kind.
    Document { source: PathBuf, kind: String },
    /// A file copied unchanged, by its path from the site root
    /// (`themes/default/static/style.css`, `content/gemeenten/kaart.png`).
    Copied(PathBuf),
    /// The parts of a theme's parts folder joined into one file, by the
    /// folder's path from the site root (`themes/default/static/search.js.d`).
    Joined(PathBuf),
    /// A page or file about the whole site, described for people:
    /// "the search page (template zoeken.html)".
    Generated(String),
    /// The client search index.
    Search,
}

impl Origin {
    /// For a message about another producer: "the page of content/a.md".
    fn describe(&self) -> String {
        match self {
            Origin::Document { source, .. } => format!("the page of {}", display(source)),
            Origin::Copied(source) => format!("the copy of {}", display(source)),
            Origin::Joined(folder) => format!("the parts in {}/ joined", display(folder)),
            Origin::Generated(what) => what.clone(),
            Origin::Search => "the search index".to_string(),
        }
    }

    /// Documents and content files first, the theme next, generated files
    /// last: a collision is reported where an editor can resolve it.
    fn rank(&self) -> u8 {
        match self {
            Origin::Document { .. } => 0,
            Origin::Copied(p) if p.starts_with("content") => 0,
            Origin::Copied(_) | Origin::Joined(_) => 1,
            Origin::Generated(_) => 2,
            Origin::Search => 3,
        }
    }

    /// Where the diagnostic goes, and how this producer names the file.
    fn locate(&self, path: &str) -> (PathBuf, String) {
        match self {
            Origin::Document { source, .. } => (source.clone(), format!("its page {path}")),
            Origin::Copied(source) => (source.clone(), format!("it is copied to {path}, and that")),
            Origin::Joined(folder) => (
                folder.clone(),
                format!("its parts are joined into {path}, and that"),
            ),
            other => (
                PathBuf::from("site.toml"),
                format!("{path}, written by {},", other.describe()),
            ),
        }
    }

    fn hint(&self) -> String {
        match self {
            Origin::Document { kind, .. } => format!(
                "rename the document, or change the url of [kinds.{kind}] in site.toml: every output file comes from one source"
            ),
            Origin::Copied(_) | Origin::Joined(_) => {
                "rename or remove one of the two files: every output file comes from one source"
                    .to_string()
            }
            _ => "every output file comes from one source".to_string(),
        }
    }
}

fn display(path: &Path) -> String {
    path.display().to_string().replace('\\', "/")
}

/// Checks that the output's paths stay inside it and that each has one
/// producer; `files` are (path, producer) pairs in any order of paths (of two
/// producers of one rank, the first is the one the diagnostic names). Search
/// files are optional here: `search/` is reserved for them whether or not
/// they are present yet.
pub fn check<'a>(files: impl IntoIterator<Item = (&'a str, &'a Origin)>) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let mut claims: BTreeMap<&str, Vec<&Origin>> = BTreeMap::new();
    for (path, origin) in files {
        claims.entry(path).or_default().push(origin);
    }
    let search = Origin::Search;
    let marker = Origin::Generated("the marker that identifies the output directory".into());
    for (path, origins) in &mut claims {
        origins.sort_by_key(|o| o.rank());
        if let Err(why) = relpath::check(path) {
            for origin in origins.iter() {
                let (at, _) = origin.locate(path);
                diagnostics.push(
                    Diagnostic::error(
                        at,
                        0,
                        0,
                        format!("output path '{path}' is not inside the output: {why}"),
                    )
                    .with_hint(origin.hint()),
                );
            }
            continue;
        }
        let first = origins[0];
        for other in &origins[1..] {
            diagnostics.push(collision(
                path,
                first,
                &format!("is also {}", other.describe()),
            ));
        }
        if *path == urls::MARKER {
            diagnostics.push(collision(
                path,
                first,
                &format!("is also {}", marker.describe()),
            ));
        }
        if path.split('/').next() == Some(urls::SEARCH_DIR)
            && path.contains('/')
            && *first != Origin::Search
        {
            let what = format!(
                "is inside {}/, the folder of {}",
                urls::SEARCH_DIR,
                search.describe()
            );
            diagnostics.push(collision(path, first, &what));
        }
    }
    // A file where another file needs a folder: `a` and `a/b.html`.
    let paths: BTreeSet<&str> = claims.keys().copied().collect();
    for (path, origins) in &claims {
        let mut end = 0;
        while let Some(i) = path[end..].find('/') {
            end += i;
            let ancestor = &path[..end];
            if let Some(taken) = paths.get(ancestor).and_then(|a| claims.get(a)) {
                let what = format!(
                    "needs {ancestor}/ to be a folder, but {ancestor} is {}",
                    taken[0].describe()
                );
                diagnostics.push(collision(path, origins[0], &what));
            }
            end += 1;
        }
    }
    diagnostics
}

fn collision(path: &str, first: &Origin, what: &str) -> Diagnostic {
    let (at, subject) = first.locate(path);
    Diagnostic::error(at, 0, 0, format!("{subject} {what}")).with_hint(first.hint())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::sink::Contents;

    fn file(path: &str, origin: Origin) -> OutputFile {
        OutputFile {
            rel_path: path.into(),
            contents: Contents::Bytes(Vec::new()),
            origin,
        }
    }

    fn doc(source: &str) -> Origin {
        Origin::Document {
            source: source.into(),
            kind: "verhaal".into(),
        }
    }

    use crate::output::sink::OutputFile;

    fn claims(files: &[OutputFile]) -> Vec<Diagnostic> {
        check(files.iter().map(|f| (f.rel_path.as_str(), &f.origin)))
    }

    fn messages(files: &[OutputFile]) -> Vec<String> {
        let mut diagnostics = claims(files);
        diagnostics.sort();
        diagnostics.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn one_producer_per_path_passes() {
        let files = [
            file("index.html", Origin::Generated("the home page".into())),
            file("verhalen/a.html", doc("content/verhalen/a.md")),
            file("search/manifest.js", Origin::Search),
        ];
        assert!(claims(&files).is_empty());
    }

    #[test]
    fn a_document_on_a_generated_page_names_both() {
        let files = [
            file(
                "zoeken.html",
                Origin::Generated("the search page (template zoeken.html)".into()),
            ),
            file("zoeken.html", doc("content/verhalen/zoeken.md")),
        ];
        assert_eq!(
            messages(&files),
            ["content/verhalen/zoeken.md: error: its page zoeken.html is also the search page (template zoeken.html)\n  hint: rename the document, or change the url of [kinds.verhaal] in site.toml: every output file comes from one source"]
        );
    }

    #[test]
    fn copies_search_folder_marker_and_folders_are_collisions() {
        let files = [
            file(
                "static/style.css",
                Origin::Copied("themes/default/static/style.css".into()),
            ),
            file(
                "static/style.css",
                Origin::Copied("content/static/style.css".into()),
            ),
            file("search/x.html", doc("content/verhalen/x.md")),
            file("a", Origin::Copied("content/a".into())),
            file("a/b.html", doc("content/verhalen/b.md")),
        ];
        assert_eq!(
            messages(&files),
            [
                "content/static/style.css: error: it is copied to static/style.css, and that is also the copy of themes/default/static/style.css\n  hint: rename or remove one of the two files: every output file comes from one source",
                "content/verhalen/b.md: error: its page a/b.html needs a/ to be a folder, but a is the copy of content/a\n  hint: rename the document, or change the url of [kinds.verhaal] in site.toml: every output file comes from one source",
                "content/verhalen/x.md: error: its page search/x.html is inside search/, the folder of the search index\n  hint: rename the document, or change the url of [kinds.verhaal] in site.toml: every output file comes from one source",
            ]
        );
        let marker = [file(
            urls::MARKER,
            Origin::Copied("content/.kennisbank-output".into()),
        )];
        assert_eq!(claims(&marker).len(), 1);
    }

    #[test]
    fn a_path_leaving_the_output_is_refused() {
        let files = [file("../x.html", doc("content/verhalen/x.md"))];
        assert_eq!(
            messages(&files),
            ["content/verhalen/x.md: error: output path '../x.html' is not inside the output: the path has a '.' or '..' segment\n  hint: rename the document, or change the url of [kinds.verhaal] in site.toml: every output file comes from one source"]
        );
    }
}

//! The tree reads as the pipeline: each top-level module of `src/` (a stage:
//! `config`, `content`, `site`, `render`, `output`, `search`, `build`, …)
//! imports only stages below it. This reads every `crate::` path in `src/`,
//! draws the graph between stages and fails on a cycle, naming the file and
//! line of each import in it.

use crate::harness::repo;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// stage -> stage it imports -> the first place (`src/…:line`) that does.
type Graph = BTreeMap<String, BTreeMap<String, String>>;

/// The stage a file of `src/` belongs to: its first folder, or its own name.
fn stage_of(rel: &Path) -> String {
    let first = rel.components().next().expect("a path below src/");
    let first = first.as_os_str().to_string_lossy();
    first.strip_suffix(".rs").unwrap_or(&first).to_string()
}

/// The stages a line of Rust names through `crate::` (`crate::site::Site`,
/// `use crate::{config, site::Page}`), comments left out.
fn stages_named(line: &str) -> Vec<String> {
    let code = line.trim_start();
    if code.starts_with("//") {
        return Vec::new();
    }
    let code = code.split(" //").next().unwrap_or(code);
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let inner = group.split('}').next().unwrap_or(group);
            out.extend(inner.split(',').filter_map(|item| first_ident(item.trim())));
        } else {
            out.extend(first_ident(rest));
        }
    }
    out
}

fn first_ident(path: &str) -> Option<String> {
    let ident: String = path
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    (!ident.is_empty() && ident != "self").then_some(ident)
}

fn graph(src: &Path) -> Graph {
    let mut graph = Graph::new();
    for entry in walkdir::WalkDir::new(src).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = entry.path().strip_prefix(src).unwrap();
        let from = stage_of(rel);
        let text = std::fs::read_to_string(entry.path()).unwrap();
        for (n, line) in text.lines().enumerate() {
            for to in stages_named(line) {
                if to != from {
                    graph
                        .entry(from.clone())
                        .or_default()
                        .entry(to)
                        .or_insert_with(|| format!("src/{}:{}", rel.display(), n + 1));
                }
            }
        }
    }
    graph
}

/// A cycle in the graph as the stages along it (the first repeated at the
/// end), or `None`. Depth-first from each stage in name order, so the cycle
/// reported is the same on every run.
fn find_cycle(graph: &Graph) -> Option<Vec<String>> {
    fn visit(
        stage: &str,
        graph: &Graph,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|s| s == stage) {
            let mut cycle = path[at..].to_vec();
            cycle.push(stage.to_string());
            return Some(cycle);
        }
        if done.contains(stage) {
            return None;
        }
        path.push(stage.to_string());
        for next in graph.get(stage).into_iter().flat_map(|m| m.keys()) {
            if let Some(cycle) = visit(next, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(stage.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|stage| visit(stage, graph, &mut Vec::new(), &mut done))
}

#[test]
fn no_import_cycle_between_the_stages_of_src() {
    let graph = graph(&repo().join("src"));
    assert!(
        graph.contains_key("build") && graph["build"].contains_key("render"),
        "the reader found no imports: {graph:?}"
    );
    if let Some(cycle) = find_cycle(&graph) {
        let steps: Vec<String> = cycle
            .windows(2)
            .map(|pair| format!("{} -> {} ({})", pair[0], pair[1], graph[&pair[0]][&pair[1]]))
            .collect();
        panic!(
            "import cycle between stages of src/:\n  {}\na lower stage must not reach up: \
             give it what it needs as data or a function argument",
            steps.join("\n  ")
        );
    }
}

#[test]
fn the_cycle_finder_finds_a_cycle_through_a_grouped_import() {
    fn import(graph: &mut Graph, from: &str, line: &str) {
        for to in stages_named(line) {
            graph
                .entry(from.to_string())
                .or_default()
                .insert(to, String::new());
        }
    }
    let mut graph = Graph::new();
    import(&mut graph, "build", "use crate::search::export;");
    import(
        &mut graph,
        "search",
        "    let x = crate::config::load(root); // crate::build",
    );
    assert_eq!(find_cycle(&graph), None);
    import(
        &mut graph,
        "search",
        "use crate::{config, build::site_only};",
    );
    assert_eq!(
        find_cycle(&graph),
        Some(vec!["build".into(), "search".into(), "build".into()])
    );
}

#[test]
fn a_file_belongs_to_its_first_folder_or_is_its_own_stage() {
    assert_eq!(stage_of(Path::new("site/markdown.rs")), "site");
    assert_eq!(stage_of(Path::new("cli.rs")), "cli");
    assert_eq!(stages_named("// crate::serve"), Vec::<String>::new());
    assert_eq!(
        stages_named("use crate::{self, fs};"),
        vec!["fs".to_string()]
    );
}

/// The tree, `lib.rs`'s header and the README's "Architecture" tell the same
/// pipeline: every stage of `src/` is named in both, with its folder in the
/// README.
#[test]
fn every_stage_is_named_in_the_lib_header_and_the_readme_architecture() {
    let lib = std::fs::read_to_string(repo().join("src/lib.rs")).unwrap();
    let header: String = lib
        .lines()
        .take_while(|l| l.starts_with("//!"))
        .collect::<Vec<_>>()
        .join("\n");
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let architecture = readme
        .split("\n## Architecture\n")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("README.md has an \"Architecture\" section");
    let mut stages: Vec<String> = std::fs::read_dir(repo().join("src"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir() || p.extension().is_some_and(|e| e == "rs"))
        .map(|p| stage_of(p.file_name().unwrap().as_ref()))
        .filter(|s| s != "lib" && s != "main")
        .collect();
    stages.sort();
    stages.dedup();
    for stage in &stages {
        assert!(
            header.contains(&format!("`{stage}`")) || header.contains(&format!(" {stage} ")),
            "src/lib.rs's header does not name the stage `{stage}`"
        );
        // A stage is a folder, or a file (with its own folder of parts).
        let (folder, file) = (format!("`src/{stage}/`"), format!("`src/{stage}.rs`"));
        let named = if repo().join("src").join(format!("{stage}.rs")).is_file() {
            &file
        } else {
            &folder
        };
        assert!(
            architecture.contains(named.as_str()),
            "README.md's Architecture does not name {named}"
        );
    }
    assert!(stages.len() > 8, "{stages:?}");
}

/// No source file of the generator or its theme is over 400 lines: a longer
/// file is split along its seams (the search client into `search.js.d/`).
#[test]
fn no_source_file_is_over_400_lines() {
    let mut long = Vec::new();
    let mut seen = 0;
    for root in ["src", "themes"] {
        for entry in walkdir::WalkDir::new(repo().join(root))
            .into_iter()
            .flatten()
        {
            let path = entry.path();
            let source = ["rs", "js", "css", "html"]
                .iter()
                .any(|ext| path.extension().is_some_and(|e| e == *ext));
            if !entry.file_type().is_file() || !source {
                continue;
            }
            seen += 1;
            let lines = std::fs::read_to_string(path).unwrap().lines().count();
            if lines > 400 {
                long.push(format!("{} ({lines} lines)", path.display()));
            }
        }
    }
    assert!(seen > 100, "only {seen} source files found");
    assert_eq!(long, Vec::<String>::new());
}

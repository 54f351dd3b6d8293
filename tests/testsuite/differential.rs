//! Incremental = full under random edits. Seeded random sequences of edits
//! (body, front matter, a template, a static file, `site.toml`, add, remove,
//! rename, an asset, break, fix) are applied to copies of the fixtures and of
//! the bundled site while `kennisbank serve` runs on them. After every edit the
//! test waits for serve's build of it and compares it with the CLI on the same
//! files: the diagnostics after every edit (against `kennisbank check`), and
//! every served file byte for byte against `kennisbank build` after every edit
//! of the fixtures and every tenth edit of the bundled site, whose full debug
//! build takes seconds, and after its last edit.
//!
//! `KB_DIFF_SEED=N` replays a run (the seed is printed when a run fails);
//! `KB_DIFF_EDITS=N` sets the number of edits per site (default: 200 in all).
//!
//! Only documented HTTP is used: GET of files and of `/__kennisbank/status`,
//! with a `Host` header. How the test knows serve has built an edit: each edit
//! ends by writing a sentinel that its build shows, a theme static file with
//! the edit's number; when `check` says the edit fails, a broken link (or, for
//! a broken `site.toml`, an unknown key) named after the edit's number.

use crate::harness::SiteTest;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Far more than any build here takes; reached only when something is wrong.
const DEADLINE: Duration = Duration::from_secs(180);
const SCRIPT_START: &str = "<script src=\"/__kennisbank/livereload.js\"";
const SENTINEL_FILE: &str = "themes/default/static/kb-stap.txt";
const SENTINEL_DOC: &str = "content/themas/kb-stap.md";
const SENTINEL_OK: &str = "---\ntitle: \"Stap\"\n---\n\nDe teller van de test.\n";

#[test]
fn serve_equals_a_full_build_under_random_edits_of_the_basic_fixture() {
    run_site("basic", SiteTest::fixture("basic"), edits(90), 1);
}

#[test]
fn serve_equals_a_full_build_under_random_edits_of_the_compare_fixture() {
    run_site("compare", SiteTest::fixture("compare"), edits(80), 1);
}

#[test]
fn serve_equals_a_full_build_under_random_edits_of_the_bundled_site() {
    run_site("bundled", SiteTest::bundled(), edits(30), 10);
}

fn edits(default: usize) -> usize {
    std::env::var("KB_DIFF_EDITS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn seed(name: &str) -> u64 {
    match std::env::var("KB_DIFF_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        Some(seed) => seed,
        None => {
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or(1);
            nanos ^ name.len() as u64
        }
    }
}

/// Prints the seed and the last edits when a run fails.
struct Trail {
    name: &'static str,
    seed: u64,
    steps: Vec<String>,
}

impl Drop for Trail {
    fn drop(&mut self) {
        if std::thread::panicking() {
            let from = self.steps.len().saturating_sub(15);
            eprintln!(
                "differential test '{}' failed with seed {} (replay: KB_DIFF_SEED={} cargo test --test testsuite differential::); last edits:\n{}",
                self.name,
                self.seed,
                self.seed,
                self.steps[from..].join("\n")
            );
        }
    }
}

fn run_site(name: &'static str, site: SiteTest, count: usize, compare_every: usize) {
    let seed = seed(name);
    let mut trail = Trail {
        name,
        seed,
        steps: Vec::new(),
    };
    std::fs::write(site.path(SENTINEL_DOC), SENTINEL_OK).unwrap();
    std::fs::write(site.path(SENTINEL_FILE), "0").unwrap();
    let server = Server::start(&site);
    let mut editor = Editor {
        rng: fastrand::Rng::with_seed(seed),
        root: site.root().to_path_buf(),
        undo: Vec::new(),
        config_break: None,
        failing: 0,
    };
    let started = Instant::now();
    let (mut compared, mut failed) = (0, 0);
    for step in 1..=count {
        let what = editor.edit(step);
        trail.steps.push(format!("{step}: {what}"));
        let full = step % compare_every == 0 || step == count;
        match server.expect_same_as_cli(&site, &mut editor, step, full) {
            Outcome::Built { compared: c } => {
                editor.failing = 0;
                compared += usize::from(c);
            }
            Outcome::Failed => {
                editor.failing += 1;
                failed += 1;
            }
        }
    }
    eprintln!(
        "{name}: {count} edits (seed {seed}), {failed} failing, {compared} full comparisons, {} s",
        started.elapsed().as_secs()
    );
}

enum Outcome {
    Built { compared: bool },
    Failed,
}

/// How to undo an edit: put a file back as it was (or remove it), or rename back.
enum Undo {
    Restore(PathBuf, Option<Vec<u8>>),
    Rename { from: PathBuf, to: PathBuf },
}

struct Editor {
    rng: fastrand::Rng,
    root: PathBuf,
    undo: Vec<Undo>,
    /// The line of an unknown key this test put into `site.toml`.
    config_break: Option<String>,
    /// Edits in a row whose build failed.
    failing: usize,
}

const WORDS: &[&str] = &[
    "wijkteam",
    "toegang",
    "buurt",
    "zorg",
    "samenwerking",
    "gemeente",
    "inwoner",
    "vrijwilliger",
    "keukentafel",
    "regie",
    "sociaal",
    "jeugd",
    "mantelzorg",
    "leren",
];

impl Editor {
    fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    fn rel(&self, path: &Path) -> String {
        path.strip_prefix(&self.root)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/")
    }

    fn words(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| WORDS[self.rng.usize(..WORDS.len())])
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Every document but the sentinel, sorted (so a seed replays exactly).
    fn documents(&self) -> Vec<PathBuf> {
        let mut docs: Vec<PathBuf> = walkdir::WalkDir::new(self.path("content"))
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| e.into_path())
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .filter(|p| !p.ends_with("themas/kb-stap.md"))
            .collect();
        docs.sort();
        docs
    }

    fn pick_document(&mut self) -> Option<PathBuf> {
        let docs = self.documents();
        (!docs.is_empty()).then(|| docs[self.rng.usize(..docs.len())].clone())
    }

    /// Writes `text` to `path`, remembering how to undo it.
    fn write(&mut self, path: &Path, text: &[u8]) {
        let before = std::fs::read(path).ok();
        self.undo.push(Undo::Restore(path.to_path_buf(), before));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// One random edit, then the sentinel; returns what it did.
    fn edit(&mut self, step: usize) -> String {
        if std::fs::read_to_string(self.path(SENTINEL_DOC))
            .ok()
            .as_deref()
            != Some(SENTINEL_OK)
        {
            std::fs::write(self.path(SENTINEL_DOC), SENTINEL_OK).unwrap();
        }
        let what = if self.failing >= 3 || (self.failing > 0 && self.rng.u8(..3) == 0) {
            self.fix()
        } else if self.rng.u8(..10) == 0 {
            // A burst: several edits that serve may see in one batch.
            let n = 2 + self.rng.usize(..3);
            let all: Vec<String> = (0..n).map(|_| self.one_edit(step)).collect();
            format!("burst: {}", all.join("; "))
        } else {
            self.one_edit(step)
        };
        std::fs::write(self.path(SENTINEL_FILE), step.to_string()).unwrap();
        what
    }

    fn one_edit(&mut self, step: usize) -> String {
        {
            match self.rng.u8(..100) {
                0..=24 => self.edit_body(step),
                25..=42 => self.edit_front_matter(step),
                43..=50 => self.edit_template(step),
                51..=54 => self.edit_static(step),
                55..=60 => self.edit_config(step),
                61..=70 => self.add_document(step),
                71..=75 => self.remove_document(),
                76..=80 => self.rename_document(step),
                81..=84 => self.add_asset(step),
                85..=91 => self.break_something(step),
                92..=94 => self.move_document(),
                _ => self.fix(),
            }
        }
    }

    fn edit_body(&mut self, step: usize) -> String {
        let Some(doc) = self.pick_document() else {
            return "nothing to edit".into();
        };
        let text = std::fs::read_to_string(&doc).unwrap();
        let new = match self.rng.u8(..5) {
            0 => format!("{text}\n{} {step}.\n", self.words(6)),
            4 => {
                // A link to a section of another document, by its heading.
                let docs = self.documents();
                let target = &docs[self.rng.usize(..docs.len())];
                let slug = target.file_stem().unwrap().to_string_lossy().into_owned();
                let theirs = std::fs::read_to_string(target).unwrap_or_default();
                let anchors: Vec<String> = theirs
                    .lines()
                    .filter_map(|l| l.strip_prefix("## "))
                    .filter(|h| h.is_ascii())
                    .map(anchor)
                    .collect();
                match anchors.is_empty() {
                    true => format!("{text}\nZie [[{slug}#kop-{step}]].\n"),
                    false => {
                        let a = &anchors[self.rng.usize(..anchors.len())];
                        format!("{text}\nZie [[{slug}#{a}]].\n")
                    }
                }
            }
            1 => {
                let docs = self.documents();
                let target = &docs[self.rng.usize(..docs.len())];
                let slug = target.file_stem().unwrap().to_string_lossy().into_owned();
                format!("{text}\nZie ook [[{slug}]].\n")
            }
            2 => format!(
                "{text}\n## Kop {step} {}\n\n{}.\n",
                self.words(2),
                self.words(8)
            ),
            _ => {
                let lines: Vec<&str> = text.lines().collect();
                let body_start = front_matter_end(&text).map_or(0, |(_, line)| line);
                let candidates: Vec<usize> = (body_start..lines.len())
                    .filter(|&i| !lines[i].trim().is_empty())
                    .collect();
                if candidates.is_empty() {
                    format!("{text}\n{}.\n", self.words(3))
                } else {
                    let drop = candidates[self.rng.usize(..candidates.len())];
                    let mut kept: Vec<&str> = lines.clone();
                    kept.remove(drop);
                    kept.join("\n") + "\n"
                }
            }
        };
        self.write(&doc, new.as_bytes());
        format!("body of {}", self.rel(&doc))
    }

    fn edit_front_matter(&mut self, step: usize) -> String {
        let Some(doc) = self.pick_document() else {
            return "nothing to edit".into();
        };
        let text = std::fs::read_to_string(&doc).unwrap();
        let Some((end, _)) = front_matter_end(&text) else {
            return format!("front matter of {} (none to edit)", self.rel(&doc));
        };
        let (head, body) = text.split_at(end);
        let mut lines: Vec<String> = head.lines().map(String::from).collect();
        let what = match self.rng.u8(..4) {
            0 => {
                let title = format!("title: \"Titel {step} {}\"", self.words(2));
                set_key(&mut lines, "title", title);
                "title"
            }
            1 => {
                let summary = format!("summary: \"{} {step}\"", self.words(7));
                set_key(&mut lines, "summary", summary);
                "summary"
            }
            2 => {
                if lines.iter().any(|l| l == "draft: true") {
                    lines.retain(|l| l != "draft: true");
                    "draft removed"
                } else {
                    lines.insert(1, "draft: true".into());
                    "draft: true"
                }
            }
            _ => {
                // A field's value from another document of the same kind.
                let folder = doc.parent().unwrap();
                let siblings: Vec<PathBuf> = self
                    .documents()
                    .into_iter()
                    .filter(|d| d.parent() == Some(folder) && *d != doc)
                    .collect();
                if siblings.is_empty() {
                    return format!("front matter of {} (no sibling)", self.rel(&doc));
                }
                let other = std::fs::read_to_string(&siblings[self.rng.usize(..siblings.len())])
                    .unwrap_or_default();
                let theirs: Vec<(String, String)> = other
                    .lines()
                    .skip(1)
                    .take_while(|l| *l != "---")
                    .filter_map(|l| {
                        let (k, v) = l.split_once(": ")?;
                        let simple = !k.starts_with([' ', '-']) && !v.trim().is_empty();
                        (simple && k != "title").then(|| (k.to_string(), l.to_string()))
                    })
                    .collect();
                if theirs.is_empty() {
                    return format!("front matter of {} (no field to copy)", self.rel(&doc));
                }
                let (key, line) = theirs[self.rng.usize(..theirs.len())].clone();
                set_key(&mut lines, &key, line);
                "a field copied from a sibling"
            }
        };
        let new = format!("{}\n{body}", lines.join("\n"));
        self.write(&doc, new.as_bytes());
        format!("front matter of {}: {what}", self.rel(&doc))
    }

    fn edit_template(&mut self, step: usize) -> String {
        let templates = [
            "base.html",
            "document.html",
            "listing.html",
            "home.html",
            "thema.html",
        ];
        let name = templates[self.rng.usize(..templates.len())];
        let path = self.path(&format!("themes/default/templates/{name}"));
        let Ok(text) = std::fs::read_to_string(&path) else {
            return format!("template {name} (missing)");
        };
        let new = if let Some(at) = text.find("{% block content %}") {
            let at = at + "{% block content %}".len();
            format!("{}<!-- stap {step} -->{}", &text[..at], &text[at..])
        } else if let Some(at) = text.find("</body>") {
            format!("{}<!-- stap {step} -->{}", &text[..at], &text[at..])
        } else {
            return format!("template {name} (no place to edit)");
        };
        self.write(&path, new.as_bytes());
        format!("template {name}")
    }

    fn edit_static(&mut self, step: usize) -> String {
        match self.rng.u8(..3) {
            0 => {
                let path = self.path("themes/default/static/style.css");
                let text = std::fs::read_to_string(&path).unwrap();
                self.write(&path, format!("{text}\n/* stap {step} */\n").as_bytes());
                "static/style.css".into()
            }
            1 => {
                let path = self.path(&format!("themes/default/static/kb-{step}.js"));
                self.write(&path, format!("// stap {step}\n").as_bytes());
                format!("add static/kb-{step}.js")
            }
            _ => {
                let mut added: Vec<PathBuf> = std::fs::read_dir(self.path("themes/default/static"))
                    .unwrap()
                    .flatten()
                    .map(|e| e.path())
                    .filter(|p| {
                        let name = p.file_name().unwrap_or_default().to_string_lossy();
                        name.starts_with("kb-") && name != "kb-stap.txt"
                    })
                    .collect();
                added.sort();
                if added.is_empty() {
                    return "no static file to remove".into();
                }
                let path = added[self.rng.usize(..added.len())].clone();
                let before = std::fs::read(&path).ok();
                std::fs::remove_file(&path).unwrap();
                self.undo.push(Undo::Restore(path.clone(), before));
                format!("remove {}", self.rel(&path))
            }
        }
    }

    /// Moves a document into another kind's folder: same slug, another kind.
    fn move_document(&mut self) -> String {
        let Some(doc) = self.pick_document() else {
            return "nothing to move".into();
        };
        let mut folders: Vec<PathBuf> = std::fs::read_dir(self.path("content"))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_dir() && Some(p.as_path()) != doc.parent())
            .collect();
        folders.sort();
        if folders.is_empty() {
            return "nowhere to move".into();
        }
        let to = folders[self.rng.usize(..folders.len())].join(doc.file_name().unwrap());
        if to.exists() {
            return "move (target taken)".into();
        }
        std::fs::rename(&doc, &to).unwrap();
        self.undo.push(Undo::Rename {
            from: doc.clone(),
            to: to.clone(),
        });
        format!("move {} to {}", self.rel(&doc), self.rel(&to))
    }

    fn edit_config(&mut self, step: usize) -> String {
        let path = self.path("site.toml");
        let text = std::fs::read_to_string(&path).unwrap();
        let keys = ["description", "plural", "label"];
        let key = keys[self.rng.usize(..keys.len())];
        let prefix = format!("{key} = \"");
        let lines: Vec<usize> = text
            .lines()
            .enumerate()
            .filter(|(_, l)| l.starts_with(&prefix))
            .map(|(i, _)| i)
            .collect();
        if lines.is_empty() {
            return format!("site.toml (no {key})");
        }
        let target = lines[self.rng.usize(..lines.len())];
        let value = format!("{key} = \"{} {step}\"", self.words(2));
        let new: Vec<String> = text
            .lines()
            .enumerate()
            .map(|(i, l)| {
                if i == target {
                    value.clone()
                } else {
                    l.to_string()
                }
            })
            .collect();
        self.write(&path, (new.join("\n") + "\n").as_bytes());
        format!("site.toml: a {key}")
    }

    fn add_document(&mut self, step: usize) -> String {
        let Some(model) = self.pick_document() else {
            return "nothing to copy".into();
        };
        let text = std::fs::read_to_string(&model).unwrap();
        let mut lines: Vec<String> = text.lines().map(String::from).collect();
        set_key(
            &mut lines,
            "title",
            format!("title: \"Nieuw {step} {}\"", self.words(2)),
        );
        let path = model.with_file_name(format!("kb-nieuw-{step}.md"));
        self.write(&path, (lines.join("\n") + "\n").as_bytes());
        format!("add {} (from {})", self.rel(&path), self.rel(&model))
    }

    fn remove_document(&mut self) -> String {
        let Some(doc) = self.pick_document() else {
            return "nothing to remove".into();
        };
        let before = std::fs::read(&doc).ok();
        std::fs::remove_file(&doc).unwrap();
        self.undo.push(Undo::Restore(doc.clone(), before));
        format!("remove {}", self.rel(&doc))
    }

    fn rename_document(&mut self, step: usize) -> String {
        let Some(doc) = self.pick_document() else {
            return "nothing to rename".into();
        };
        let stem = doc.file_stem().unwrap().to_string_lossy().into_owned();
        let to = doc.with_file_name(format!("{stem}-r{step}.md"));
        std::fs::rename(&doc, &to).unwrap();
        self.undo.push(Undo::Rename {
            from: doc.clone(),
            to: to.clone(),
        });
        format!("rename {} to {}", self.rel(&doc), self.rel(&to))
    }

    fn add_asset(&mut self, step: usize) -> String {
        let Some(doc) = self.pick_document() else {
            return "nothing to illustrate".into();
        };
        let name = format!("kb-beeld-{step}.png");
        let bytes: Vec<u8> = (0..64).map(|_| self.rng.u8(..)).collect();
        self.write(&doc.with_file_name(&name), &bytes);
        if self.rng.bool() {
            let text = std::fs::read_to_string(&doc).unwrap();
            self.write(
                &doc,
                format!("{text}\n![Beeld {step}]({name})\n").as_bytes(),
            );
            return format!("asset {name}, shown in {}", self.rel(&doc));
        }
        format!("asset {name}")
    }

    fn break_something(&mut self, step: usize) -> String {
        match self.rng.u8(..5) {
            0 if self.config_break.is_none() => {
                let path = self.path("site.toml");
                let text = std::fs::read_to_string(&path).unwrap();
                let line = format!("kb_stap_{step} = 1");
                self.write(
                    &path,
                    text.replacen("[site]\n", &format!("[site]\n{line}\n"), 1)
                        .as_bytes(),
                );
                self.config_break = Some(line);
                "break site.toml".into()
            }
            1 => {
                let path = self.path("themes/default/templates/document.html");
                let text = std::fs::read_to_string(&path).unwrap();
                let broken = text.replacen("{% block content %}", "{% block content %}{% if %}", 1);
                self.write(&path, broken.as_bytes());
                "break a template".into()
            }
            kind => {
                let Some(doc) = self.pick_document() else {
                    return "nothing to break".into();
                };
                let text = std::fs::read_to_string(&doc).unwrap();
                let (new, what) = match kind {
                    2 => {
                        let mut lines: Vec<String> = text.lines().map(String::from).collect();
                        set_key(&mut lines, "title", "title: [kapot".into());
                        (lines.join("\n") + "\n", "YAML")
                    }
                    3 => (format!("{text}\n[[bestaat-niet-{step}]]\n"), "a link"),
                    _ => (
                        text.replacen("---\n", &format!("---\nveld_{step}: 1\n"), 1),
                        "a field",
                    ),
                };
                self.write(&doc, new.as_bytes());
                format!("break {what} in {}", self.rel(&doc))
            }
        }
    }

    fn fix(&mut self) -> String {
        let Some(undo) = self.undo.pop() else {
            return "nothing to fix".into();
        };
        match undo {
            Undo::Restore(path, before) => {
                let config = path == self.path("site.toml");
                match before {
                    Some(bytes) => {
                        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                        std::fs::write(&path, bytes).unwrap();
                    }
                    None => {
                        let _ = std::fs::remove_file(&path);
                    }
                }
                if config {
                    // What is restored may hold an earlier break, or none.
                    let text = std::fs::read_to_string(&path).unwrap();
                    self.config_break = text
                        .lines()
                        .find(|l| l.starts_with("kb_stap_"))
                        .map(String::from);
                }
                format!("undo: restore {}", self.rel(&path))
            }
            Undo::Rename { from, to } => {
                if to.exists() && !from.exists() {
                    std::fs::rename(&to, &from).unwrap();
                }
                format!("undo: rename {} back", self.rel(&to))
            }
        }
    }

    /// Renames the unknown key of a broken `site.toml` after `step`.
    fn mark_config_break(&mut self, step: usize) -> bool {
        let Some(line) = self.config_break.clone() else {
            return false;
        };
        let path = self.path("site.toml");
        let text = std::fs::read_to_string(&path).unwrap();
        let marked = format!("kb_stap_{step} = 1");
        std::fs::write(&path, text.replacen(&line, &marked, 1)).unwrap();
        // The undo entries hold site.toml as it was before the break.
        self.config_break = Some(marked);
        true
    }
}

/// A heading's anchor as the build makes it, for ASCII headings.
fn anchor(heading: &str) -> String {
    let mut out = String::new();
    for c in heading.trim().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// The byte offset just past the closing `---` line of the front matter and
/// the line number after it.
fn front_matter_end(text: &str) -> Option<(usize, usize)> {
    if !text.starts_with("---\n") {
        return None;
    }
    let close = text[4..].find("\n---\n")? + 4 + 1;
    let end = close + 4;
    Some((end, text[..end].lines().count()))
}

/// Sets `key`'s line in front-matter lines (the first is `---`), or adds it.
fn set_key(lines: &mut Vec<String>, key: &str, line: String) {
    let prefix = format!("{key}:");
    match lines.iter().position(|l| l.starts_with(&prefix)) {
        Some(i) => lines[i] = line,
        None => lines.insert(1.min(lines.len()), line),
    }
}

/// `kennisbank ARGS` in `root` with a time limit: exit code and stderr.
fn cli(root: &Path, args: &[&str]) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kennisbank"))
        .args(args)
        .current_dir(root)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            panic!("kennisbank {args:?} did not finish within {DEADLINE:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    (status.code().unwrap_or(-1), reader.join().unwrap())
}

/// The CLI's diagnostics: stderr without the summary line.
fn cli_diagnostics(stderr: &str) -> String {
    stderr
        .lines()
        .filter(|l| !l.ends_with("nothing was written"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Serve's diagnostics as the CLI prints them.
fn served_diagnostics(status: &serde_json::Value) -> String {
    let mut out = Vec::new();
    for d in status["diagnostics"].as_array().into_iter().flatten() {
        let mut text = d["path"].as_str().unwrap_or_default().to_string();
        let (line, column) = (
            d["line"].as_u64().unwrap_or(0),
            d["column"].as_u64().unwrap_or(0),
        );
        if line > 0 {
            text.push_str(&format!(":{line}"));
            if column > 0 {
                text.push_str(&format!(":{column}"));
            }
        }
        let level = if d["error"] == true {
            "error"
        } else {
            "warning"
        };
        text.push_str(&format!(
            ": {level}: {}",
            d["message"].as_str().unwrap_or_default()
        ));
        if let Some(hint) = d["hint"].as_str() {
            text.push_str(&format!("\n  hint: {hint}"));
        }
        out.push(text);
    }
    out.join("\n")
}

/// Every file of `public/` but the marker, with its bytes, sorted.
fn built_files(public: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(public)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(public).unwrap();
            (
                rel.to_string_lossy().replace('\\', "/"),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .filter(|(rel, _)| rel != ".kennisbank-output")
        .collect();
    files.sort();
    files
}

/// The served page without what serve adds to it.
fn strip_injected(html: &str) -> String {
    match html.find(SCRIPT_START) {
        Some(start) => {
            let end = start + html[start..].find("</script>").unwrap() + "</script>".len();
            format!("{}{}", &html[..start], &html[end..])
        }
        None => html.to_string(),
    }
}

struct Server {
    child: Child,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(site: &SiteTest) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_kennisbank"))
            .args(["serve", "--port", "0"])
            .current_dir(site.root())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut sent = false;
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if !sent {
                    if let Some(rest) = line.split("http://").nth(1) {
                        let _ = tx.send(rest.split('/').next().unwrap_or_default().to_string());
                        sent = true;
                    }
                }
                // Keep reading, so serve never blocks on a full pipe.
            }
        });
        let addr = match rx.recv_timeout(DEADLINE) {
            Ok(addr) => addr,
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("serve did not print its address within {DEADLINE:?}");
            }
        };
        Server { child, addr }
    }

    /// A GET of `target` with a `Host` header; status and body.
    fn get(&self, target: &str) -> (u16, Vec<u8>) {
        let mut stream = TcpStream::connect(&self.addr).unwrap();
        stream.set_read_timeout(Some(DEADLINE)).unwrap();
        write!(
            stream,
            "GET {target} HTTP/1.0\r\nHost: {}\r\n\r\n",
            self.addr
        )
        .unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        let split = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a complete response");
        let head = String::from_utf8_lossy(&raw[..split]);
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        (status, raw[split + 4..].to_vec())
    }

    fn status(&self) -> serde_json::Value {
        serde_json::from_slice(&self.get("/__kennisbank/status").1).unwrap()
    }

    /// Polls until `done` holds for the status; panics with `what` at the deadline.
    fn until(
        &self,
        what: &str,
        done: impl Fn(&Server, &serde_json::Value) -> bool,
    ) -> serde_json::Value {
        let started = Instant::now();
        loop {
            let status = self.status();
            if done(self, &status) {
                return status;
            }
            if started.elapsed() > DEADLINE {
                let mut shown = status.clone();
                shown["files"] = serde_json::Value::Null;
                panic!("serve never showed {what}; its status:\n{shown:#}");
            }
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    /// Waits for serve's build of edit `step` and compares it with the CLI.
    fn expect_same_as_cli(
        &self,
        site: &SiteTest,
        editor: &mut Editor,
        step: usize,
        full: bool,
    ) -> Outcome {
        let root = site.root();
        let (code, stderr) = cli(root, &["check"]);
        match code {
            0 => {
                let sentinel = "/static/kb-stap.txt";
                let status = self.until(&format!("the build of edit {step}"), |server, status| {
                    status["failed"] == false
                        && server.get(sentinel).1 == step.to_string().into_bytes()
                });
                assert_eq!(
                    served_diagnostics(&status),
                    "",
                    "edit {step}: warnings differ"
                );
                if full {
                    self.expect_same_files(root, step);
                }
                Outcome::Built { compared: full }
            }
            1 => {
                let token = format!("kb-stap-{step}");
                std::fs::write(
                    site.path(SENTINEL_DOC),
                    format!("{SENTINEL_OK}[[{token}]]\n"),
                )
                .unwrap();
                let (code, stderr) = cli(root, &["check"]);
                assert_eq!(
                    code, 1,
                    "edit {step}: check with the sentinel link:\n{stderr}"
                );
                let status =
                    self.until(&format!("the failed build of edit {step}"), |_, status| {
                        status["failed"] == true && served_diagnostics(status).contains(&token)
                    });
                assert_eq!(
                    served_diagnostics(&status),
                    cli_diagnostics(&stderr),
                    "edit {step}: serve's diagnostics differ from check's"
                );
                Outcome::Failed
            }
            2 => {
                assert!(
                    editor.mark_config_break(step),
                    "edit {step}: a configuration error the test did not make:\n{stderr}"
                );
                let (code, stderr) = cli(root, &["check"]);
                assert_eq!(code, 2, "edit {step}: {stderr}");
                let token = format!("kb_stap_{step}");
                let status = self.until(
                    &format!("the broken site.toml of edit {step}"),
                    |_, status| {
                        status["failed"] == true && served_diagnostics(status).contains(&token)
                    },
                );
                let message = status["diagnostics"][0]["message"]
                    .as_str()
                    .unwrap_or_default();
                assert_eq!(
                    format!("error: {}", message.trim_end()),
                    stderr.trim_end(),
                    "edit {step}: serve's configuration error differs from check's"
                );
                Outcome::Failed
            }
            other => panic!("edit {step}: check exited with {other}:\n{stderr}"),
        }
    }

    /// Every file serve serves equals `kennisbank build`'s, once the search
    /// index made off the reload path is in place.
    fn expect_same_files(&self, root: &Path, step: usize) {
        let (code, stderr) = cli(root, &["build"]);
        assert_eq!(
            code, 0,
            "edit {step}: build failed where check passed:\n{stderr}"
        );
        let built = built_files(&root.join("public"));
        let status = self.until(&format!("the search index of edit {step}"), |_, status| {
            status["search"] == "ready"
        });
        let served: Vec<&str> = status["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f.as_str().unwrap())
            .collect();
        let built_paths: Vec<&str> = built.iter().map(|(p, _)| p.as_str()).collect();
        if served != built_paths {
            let only_served: Vec<&&str> =
                served.iter().filter(|p| !built_paths.contains(p)).collect();
            let only_built: Vec<&&str> =
                built_paths.iter().filter(|p| !served.contains(p)).collect();
            panic!("edit {step}: served files differ from the build; only served: {only_served:?}; only built: {only_built:?}");
        }
        for (path, bytes) in &built {
            let (code, body) = self.get(&format!("/{path}"));
            assert_eq!(code, 200, "edit {step}: {path}");
            let body = if path.ends_with(".html") {
                strip_injected(&String::from_utf8_lossy(&body)).into_bytes()
            } else {
                body
            };
            if body != *bytes {
                panic!(
                    "edit {step}: {path} differs from the build\nserved:\n{}\nbuilt:\n{}",
                    String::from_utf8_lossy(&body),
                    String::from_utf8_lossy(bytes)
                );
            }
        }
    }
}

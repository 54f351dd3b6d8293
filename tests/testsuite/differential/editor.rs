//! The random edits of the differential test: an `Editor` that picks one,
//! remembers how to undo it, and ends each with the sentinel serve's build
//! of it shows. The edits themselves are in `edits`.

use super::{SENTINEL_DOC, SENTINEL_FILE, SENTINEL_OK};
use std::path::{Path, PathBuf};

/// How to undo an edit: put a file back as it was (or remove it), or rename back.
pub(super) enum Undo {
    Restore(PathBuf, Option<Vec<u8>>),
    Rename { from: PathBuf, to: PathBuf },
}

pub(super) struct Editor {
    pub(super) rng: fastrand::Rng,
    pub(super) root: PathBuf,
    pub(super) undo: Vec<Undo>,
    /// The line of an unknown key this test put into `site.toml`.
    pub(super) config_break: Option<String>,
    /// Edits in a row whose build failed.
    pub(super) failing: usize,
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
    pub(super) fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    pub(super) fn rel(&self, path: &Path) -> String {
        path.strip_prefix(&self.root)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/")
    }

    pub(super) fn words(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| WORDS[self.rng.usize(..WORDS.len())])
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Every document but the sentinel, sorted (so a seed replays exactly).
    pub(super) fn documents(&self) -> Vec<PathBuf> {
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

    pub(super) fn pick_document(&mut self) -> Option<PathBuf> {
        let docs = self.documents();
        (!docs.is_empty()).then(|| docs[self.rng.usize(..docs.len())].clone())
    }

    /// Writes `text` to `path`, remembering how to undo it.
    pub(super) fn write(&mut self, path: &Path, text: &[u8]) {
        let before = std::fs::read(path).ok();
        self.undo.push(Undo::Restore(path.to_path_buf(), before));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// One random edit, then the sentinel; returns what it did.
    pub(super) fn edit(&mut self, step: usize) -> String {
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

    pub(super) fn one_edit(&mut self, step: usize) -> String {
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

    pub(super) fn fix(&mut self) -> String {
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
    pub(super) fn mark_config_break(&mut self, step: usize) -> bool {
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
pub(super) fn anchor(heading: &str) -> String {
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
pub(super) fn front_matter_end(text: &str) -> Option<(usize, usize)> {
    if !text.starts_with("---\n") {
        return None;
    }
    let close = text[4..].find("\n---\n")? + 4 + 1;
    let end = close + 4;
    Some((end, text[..end].lines().count()))
}

/// Sets `key`'s line in front-matter lines (the first is `---`), or adds it.
pub(super) fn set_key(lines: &mut Vec<String>, key: &str, line: String) {
    let prefix = format!("{key}:");
    match lines.iter().position(|l| l.starts_with(&prefix)) {
        Some(i) => lines[i] = line,
        None => lines.insert(1.min(lines.len()), line),
    }
}

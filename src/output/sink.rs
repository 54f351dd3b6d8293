//! Where a build's files go as they are made: `Sink` takes one file at a time
//! (from any rendering thread), so no stage holds the whole output. `Memory`
//! keeps them (`serve`, tests), `Discard` only counts them (`check`),
//! `Counted` counts what passes to another; the output directory's staging
//! sink lives in `output`.

use crate::output::ownership::Origin;
use anyhow::Result;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the output directory, `/`-separated.
    pub rel_path: String,
    pub contents: Contents,
    /// Who produces it: each path of the output has one producer.
    pub origin: Origin,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Contents {
    Bytes(Vec<u8>),
    /// A file copied unchanged (content assets, theme static files).
    Copy(PathBuf),
    /// Files copied one after another into one (a theme's parts folder,
    /// `static/search.js.d/`, joined into `static/search.js`), each as
    /// `part_bytes` gives it.
    Joined(Vec<PathBuf>),
    /// Bytes shared with a cache (`serve` keeps rendered pages between rebuilds).
    Shared(std::sync::Arc<[u8]>),
}

/// A part's bytes as its joined file holds them. JavaScript parts (`.js`)
/// leave out what only their readers need: comment lines, indentation and
/// blank lines (a fourth of the search client's gzipped bytes, which every
/// page loads). A line is left out only whole, so a comment after code and
/// `//` inside a string stay; a block comment is one that opens a line.
/// The Node loader of the tests (`tests/search/load-client.js`) does the same.
pub fn part_bytes<'a>(part: &std::path::Path, bytes: &'a [u8]) -> std::borrow::Cow<'a, [u8]> {
    if part.extension().is_none_or(|e| e != "js") {
        return bytes.into();
    }
    let Ok(text) = std::str::from_utf8(bytes) else {
        return bytes.into();
    };
    let mut out = String::with_capacity(text.len());
    let mut in_block = false;
    for line in text.lines() {
        let mut line = line.trim();
        if in_block || line.starts_with("/*") {
            match line.find("*/") {
                Some(end) => {
                    in_block = false;
                    line = line[end + 2..].trim();
                }
                None => {
                    in_block = true;
                    continue;
                }
            }
        }
        if line.is_empty() || line.starts_with("//") {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.into_bytes().into()
}

/// Takes the files of a build one at a time, from any thread. An error stops
/// the build (a full disk); the files put so far are the sink's to discard.
pub trait Sink: Sync {
    fn put(&self, file: OutputFile) -> Result<()>;

    /// Whether the files put are kept. A build into a sink that drops them
    /// (`check`) makes no search index: the index holds nothing to check,
    /// and at 10,000 documents it is most of the work.
    fn keeps_files(&self) -> bool {
        true
    }
}

/// Keeps every file, for `serve` and for tests.
#[derive(Default)]
pub struct Memory(Mutex<Vec<OutputFile>>);

impl Sink for Memory {
    fn put(&self, file: OutputFile) -> Result<()> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(file);
        Ok(())
    }
}

impl Memory {
    /// The files put, sorted by path (the order they came in depends on threads).
    pub fn into_files(self) -> Vec<OutputFile> {
        let mut files = self
            .0
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        files.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
        files
    }
}

/// Drops every file and counts them: `check` renders to find template errors
/// but writes nothing.
#[derive(Default)]
pub struct Discard(AtomicUsize);

impl Sink for Discard {
    fn put(&self, _: OutputFile) -> Result<()> {
        self.0.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    fn keeps_files(&self) -> bool {
        false
    }
}

impl Discard {
    pub fn count(&self) -> usize {
        self.0.load(Ordering::Relaxed)
    }
}

/// A sink that counts what passes through it, and notes whether the sink
/// behind it failed (to tell a full disk from an error of the producer).
pub struct Counted<'a> {
    sink: &'a dyn Sink,
    count: AtomicUsize,
    failed: AtomicBool,
}

impl<'a> Counted<'a> {
    pub fn new(sink: &'a dyn Sink) -> Self {
        Counted {
            sink,
            count: AtomicUsize::new(0),
            failed: AtomicBool::new(false),
        }
    }

    /// Whether the sink behind it refused a file.
    pub fn failed(&self) -> bool {
        self.failed.load(Ordering::SeqCst)
    }

    pub fn count(&self) -> usize {
        self.count.load(Ordering::SeqCst)
    }
}

impl Sink for Counted<'_> {
    fn put(&self, file: OutputFile) -> Result<()> {
        self.count.fetch_add(1, Ordering::SeqCst);
        let result = self.sink.put(file);
        if result.is_err() {
            self.failed.store(true, Ordering::SeqCst);
        }
        result
    }

    fn keeps_files(&self) -> bool {
        self.sink.keeps_files()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str) -> OutputFile {
        OutputFile {
            rel_path: path.into(),
            contents: Contents::Bytes(path.as_bytes().to_vec()),
            origin: Origin::Search,
        }
    }

    #[test]
    fn memory_keeps_files_sorted_and_discard_counts_them() {
        let memory = Memory::default();
        let discard = Discard::default();
        for path in ["b.html", "a.html"] {
            memory.put(file(path)).unwrap();
            discard.put(file(path)).unwrap();
        }
        assert_eq!(memory.into_files(), [file("a.html"), file("b.html")]);
        assert_eq!(discard.count(), 2);
    }

    #[test]
    fn a_script_part_loses_its_comment_lines_and_indentation_only() {
        let part = "/**\n * Docs.\n */\nfunction f(a) {\n  // why\n\n  var u = 'http://x'; // kept\n  /* a */ return a;\n}\n";
        let out = part_bytes(std::path::Path::new("10-x.js"), part.as_bytes());
        assert_eq!(
            std::str::from_utf8(&out).unwrap(),
            "function f(a) {\nvar u = 'http://x'; // kept\nreturn a;\n}\n"
        );
        // Other parts, and text that is not UTF-8, as they are.
        let css = b"  /* c */\na { }\n".to_vec();
        assert_eq!(part_bytes(std::path::Path::new("a.css"), &css), css);
        let bad = vec![0xff, b'\n', b' ', b'x'];
        assert_eq!(part_bytes(std::path::Path::new("b.js"), &bad), bad);
    }
}

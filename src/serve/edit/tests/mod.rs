//! The editor driven directly, without HTTP, on a copy of
//! `tests/fixtures/contribute` (a field of every type): what each request
//! answers (`pages`) and what a save does to the files (`saving`). Over HTTP,
//! on every bundled document and in a browser: `tests/testsuite/edit*` and
//! `tests/e2e/edit`.

use super::*;
use crate::build::incremental::Memo;
use crate::config::{self, Config};
use crate::contribute::values;
use std::path::{Path, PathBuf};

struct Bench {
    dir: tempfile::TempDir,
    config: Config,
    memo: Memo,
    editor: Editor,
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

impl Bench {
    fn new() -> Bench {
        let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&repo.join("tests/fixtures/contribute"), dir.path());
        copy_dir(
            &repo.join("themes/default"),
            &dir.path().join("themes/default"),
        );
        let config = config::load(dir.path()).unwrap();
        let editor = Editor::new(Duration::ZERO).unwrap();
        let mut bench = Bench {
            dir,
            config,
            memo: Memo::kept(),
            editor,
        };
        bench.rebuild();
        bench
    }

    /// What serve does after each change on disk.
    fn rebuild(&mut self) {
        for entry in walkdir::WalkDir::new(self.dir.path().join("content")) {
            self.memo.content_changed(entry.unwrap().path());
        }
        let outcome = crate::build::run_with(&self.config, false, &mut self.memo, &|_| {});
        let tera = self.memo.templates(&self.config).ok();
        self.editor.publish(Some((outcome.site.unwrap(), tera)));
    }

    fn file(&self, rel: &str) -> String {
        std::fs::read_to_string(self.dir.path().join("content").join(rel)).unwrap()
    }

    fn get(&self, path: &str) -> Reply {
        let (path, query) = path.split_once('?').unwrap_or((path, ""));
        self.editor.handle(&Request {
            method: "GET",
            path,
            query,
            form: FormValues::default(),
        })
    }

    fn post(&self, path: &str, form: FormValues) -> Reply {
        self.editor.handle(&Request {
            method: "POST",
            path,
            query: "",
            form,
        })
    }

    /// The values the edit form of `slug` shows, with its hidden fields.
    fn form_of(&self, kind: &str, slug: &str) -> FormValues {
        let snapshot = self.editor.snapshot().unwrap();
        let kind = self.config.kind(kind).unwrap();
        let doc = &snapshot.site.page(slug).unwrap().doc;
        let mut form = values::from_document(&self.config, kind, doc);
        let text = std::fs::read(self.config.content_dir.join(&doc.rel)).unwrap();
        form.push("_token", self.editor.token());
        form.push("_base", token::base(&text));
        form
    }
}

fn body(reply: &Reply) -> String {
    String::from_utf8(reply.body.clone()).unwrap()
}

const REPORT: &str = "/__kennisbank/edit/verslag/leerkring-maart";
const REPORT_FILE: &str = "verslagen/leerkring-maart.md";

mod pages;
mod saving;

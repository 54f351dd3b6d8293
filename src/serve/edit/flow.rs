//! The editor's requests step by step. GET: the form, filled from the file (or
//! for a new factsheet from the previous one). POST: the token has been
//! checked; then a preview, a conflict (`_base` differs from the file: 409,
//! nothing written), errors (`check`'s, 422, nothing written) or a save and
//! 303 to the page. The file's path comes from the site (kind folder and
//! slug), never from the request. The pages it answers with are `replies`'.

use super::page::{self, ConflictRow, EditCtx, Start, StartOption};
use super::{save, token, Editor, Reply, Snapshot, EDIT, NEW};
use crate::config::urls;
use crate::config::{FieldType, Kind};
use crate::content::discover::SourceFile;
use crate::content::document::{self, Document};
use crate::contribute::catalog::Entry;
use crate::contribute::continuation::continuation;
use crate::contribute::model::Hidden;
use crate::contribute::{
    changed, submission, validate, validate_new, validate_text, values, FieldError, Form,
    FormValues, Submission,
};
use crate::serve::inject::PREFIX;
use std::path::Path;

mod replies;

/// What a request is about.
#[derive(Debug, Clone, Copy)]
pub enum Target<'a> {
    Edit { kind: &'a str, slug: &'a str },
    New { kind: &'a str },
}

pub struct Flow<'a> {
    pub editor: &'a Editor,
    pub snapshot: &'a Snapshot,
}

/// A file as its form shows it.
struct Loaded {
    text: String,
    base: String,
    values: FormValues,
}

impl Flow<'_> {
    pub fn get(&self, target: Target, query: &str) -> Reply {
        match target {
            Target::Edit { kind, slug } => match self.resolve(kind, slug) {
                Some((kind, entry)) => self.get_edit(kind, entry),
                None => super::not_found(),
            },
            Target::New { kind } => match self.snapshot.site.config.kind(kind) {
                Some(kind) => self.get_new(kind, query),
                None => super::not_found(),
            },
        }
    }

    pub fn post(&self, target: Target, posted: &FormValues) -> Reply {
        match target {
            Target::Edit { kind, slug } => match self.resolve(kind, slug) {
                Some((kind, entry)) => self.post_edit(kind, entry, posted),
                None => super::not_found(),
            },
            Target::New { kind } => match self.snapshot.site.config.kind(kind) {
                Some(kind) => self.post_new(kind, posted),
                None => super::not_found(),
            },
        }
    }

    fn resolve(&self, kind: &str, slug: &str) -> Option<(&Kind, &Entry)> {
        let kind = self.snapshot.site.config.kind(kind)?;
        let entry = self.snapshot.catalog.find(slug)?;
        (entry.kind == kind.name).then_some((kind, entry))
    }

    fn get_edit(&self, kind: &Kind, entry: &Entry) -> Reply {
        let loaded = match self.load(entry) {
            Ok(loaded) => loaded,
            Err(reply) => return reply,
        };
        let form = self
            .form(kind, Some(entry), Some(&loaded.base))
            .with_values(&loaded.values);
        self.page(200, kind, Some(entry), form, EditCtx::default())
    }

    fn post_edit(&self, kind: &Kind, entry: &Entry, posted: &FormValues) -> Reply {
        let config = &self.snapshot.site.config;
        let loaded = match self.load(entry) {
            Ok(loaded) => loaded,
            Err(reply) => return reply,
        };
        let mut after = submission(config, kind, posted, false);
        let given_base = posted.get("_base").unwrap_or_default();
        let form = self
            .form(kind, Some(entry), Some(given_base))
            .with_values(posted);
        if posted.get("_actie") == Some("voorbeeld") {
            return self.preview(kind, Some(entry), &after, form);
        }
        let before = submission(config, kind, &loaded.values, false);
        save::keep_order(kind, &before, &mut after);
        if given_base != loaded.base {
            return self.conflict(kind, entry, &loaded, &before, &after);
        }
        let text = match save::edited_text(&loaded.text, &before, &after, kind) {
            Ok(text) => text,
            Err(err) => {
                let notice = format!(
                    "Het formulier kan dit bestand niet herschrijven ({err}). Er is niets \
                     opgeslagen; bewerk het bestand in een teksteditor."
                );
                return self.page(422, kind, Some(entry), form, notice_ctx(notice));
            }
        };
        let mut errors = validate_text(config, &self.snapshot.catalog, kind, &entry.rel, &text);
        if !errors.is_empty() {
            validate::sort(kind, &after, &mut errors);
            let form = form.with_errors(&errors);
            return self.page(422, kind, Some(entry), form, EditCtx::default());
        }
        if text != loaded.text {
            let path = config.content_dir.join(&entry.rel);
            if let Err(err) = save::replace(&path, &text) {
                return Reply::message(500, "Niet opgeslagen", &err.to_string());
            }
            let expected = self.parse(kind, &entry.slug, &entry.rel, &text);
            self.editor
                .wait_for(|s| shows(s, &entry.slug, expected.as_ref()));
        }
        Reply::see_other(self.location(kind, &entry.slug))
    }

    fn get_new(&self, kind: &Kind, query: &str) -> Reply {
        let mut form = self.form(kind, None, None);
        let mut edit = EditCtx::default();
        let query = FormValues::from_urlencoded(query.as_bytes());
        if let Some((start, values, notice)) = self.start(kind, &query) {
            if let Some(values) = values {
                form = form.with_values(&values);
            }
            edit.start = Some(start);
            edit.notice = notice;
        }
        self.page(200, kind, None, form, edit)
    }

    fn post_new(&self, kind: &Kind, posted: &FormValues) -> Reply {
        let config = &self.snapshot.site.config;
        let after = submission(config, kind, posted, true);
        let form = self.form(kind, None, None).with_values(posted);
        if posted.get("_actie") == Some("voorbeeld") {
            return self.preview(kind, None, &after, form);
        }
        let mut errors = validate_new(config, &self.snapshot.catalog, kind, &after);
        let slug = after.slug.clone().unwrap_or_default();
        let rel = Path::new(&kind.folder).join(format!("{slug}.md"));
        if errors.is_empty() {
            let text = match after.document_text() {
                Ok(text) => text,
                Err(err) => return Reply::message(500, "Niet opgeslagen", &err.to_string()),
            };
            match save::create(&config.content_dir.join(&rel), &text) {
                Ok(()) => {
                    let expected = self.parse(kind, &slug, &rel, &text);
                    self.editor.wait_for(|s| shows(s, &slug, expected.as_ref()));
                    return Reply::see_other(self.location(kind, &slug));
                }
                // Made since the last build, so the catalog did not know it yet.
                Err(save::WriteError::Exists(_)) => errors.push(FieldError {
                    field: "slug".into(),
                    message: format!(
                        "duplicate slug '{slug}': content/{} has it too",
                        rel.display()
                    ),
                    hint: Some(
                        "slugs are unique across the whole site; rename one of the files".into(),
                    ),
                }),
                Err(err) => return Reply::message(500, "Niet opgeslagen", &err.to_string()),
            }
        }
        let form = form.with_errors(&errors);
        self.page(422, kind, None, form, EditCtx::default())
    }

    /// The file of `entry` and the values its form shows: from the document,
    /// or where `check` refuses its front matter, from the YAML as written.
    fn load(&self, entry: &Entry) -> Result<Loaded, Reply> {
        let config = &self.snapshot.site.config;
        let kind = config.kind(&entry.kind).ok_or_else(super::not_found)?;
        let path = config.content_dir.join(&entry.rel);
        let bytes = std::fs::read(&path).map_err(|_| super::not_found())?;
        let base = token::base(&bytes);
        let unusable = |why: String| {
            Reply::message(
                422,
                "Dit bestand kan niet met het formulier worden bewerkt",
                &format!("{why} Bewerk het bestand in een teksteditor."),
            )
        };
        let text = String::from_utf8(bytes)
            .map_err(|_| unusable(format!("{} is geen geldige UTF-8-tekst.", entry.display())))?;
        let values = match self.parse(kind, &entry.slug, &entry.rel, &text) {
            Some(doc) => values::from_document(config, kind, &doc),
            None => {
                let display = Path::new(&entry.display()).to_path_buf();
                let raw = crate::content::frontmatter::split(&display, &text).and_then(|split| {
                    crate::content::frontmatter::parse(&display, &split)
                        .map(|fm| values::from_front_matter(config, kind, &fm.map, split.body))
                });
                raw.map_err(|d| unusable(format!("{d}.")))?
            }
        };
        Ok(Loaded { text, base, values })
    }

    /// The document `text` (of `kind`, at `rel` under `content/`) is, when it
    /// has no errors.
    fn parse(&self, kind: &Kind, slug: &str, rel: &Path, text: &str) -> Option<Document> {
        let source = SourceFile {
            display: Path::new("content").join(rel),
            rel: rel.to_path_buf(),
            kind: kind.name.clone(),
            slug: slug.to_string(),
            text: text.to_string(),
        };
        document::parse(&self.snapshot.site.config, &source).0
    }

    /// Where a save sends the browser: the document's page, or for a draft
    /// the preview does not show, its form again.
    fn location(&self, kind: &Kind, slug: &str) -> String {
        let url = urls::document(kind, slug);
        let shown = self.editor.snapshot().is_some_and(|s| {
            s.site
                .page(slug)
                .is_some_and(|p| p.doc.kind == kind.name && p.url == url)
        });
        if shown {
            format!("/{url}")
        } else {
            format!("{PREFIX}{EDIT}/{}/{slug}", kind.name)
        }
    }
}

fn notice_ctx(notice: String) -> EditCtx {
    EditCtx {
        notice: Some(notice),
        ..EditCtx::default()
    }
}

/// The page's path from the site root, without the leading `/`.
fn path(kind: &Kind, entry: Option<&Entry>) -> String {
    let prefix = PREFIX.trim_start_matches('/');
    match entry {
        Some(entry) => format!("{prefix}{EDIT}/{}/{}", kind.name, entry.slug),
        None => format!("{prefix}{NEW}/{}", kind.name),
    }
}

/// Whether the snapshot's site shows `slug` as `expected` (a build made
/// after the save); a document with errors or a draft has nothing to wait for.
fn shows(snapshot: &Snapshot, slug: &str, expected: Option<&Document>) -> bool {
    let Some(expected) = expected else {
        return true;
    };
    match snapshot.site.page(slug) {
        Some(page) => {
            let doc = &page.doc;
            doc.title == expected.title
                && doc.summary == expected.summary
                && doc.fields == expected.fields
                && doc.body == expected.body
        }
        None => expected.draft && snapshot.catalog.find(slug).is_some(),
    }
}

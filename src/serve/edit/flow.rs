//! The editor's requests step by step. GET: the form, filled from the file (or
//! for a new factsheet from the previous one). POST: the token has been
//! checked; then a preview, a conflict (`_base` differs from the file: 409,
//! nothing written), errors (`check`'s, 422, nothing written) or a save and
//! 303 to the page. The file's path comes from the site (kind folder and
//! slug), never from the request.

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

    /// The form of `kind` for `entry` (or a new document), sent back here.
    fn form(&self, kind: &Kind, entry: Option<&Entry>, base: Option<&str>) -> Form {
        let config = &self.snapshot.site.config;
        let mut form =
            crate::contribute::form(config, kind, &self.snapshot.catalog, entry.is_none());
        form.action = format!("/{}", path(kind, entry));
        form.method = "post".into();
        form.preview = true;
        form.hidden.push(Hidden {
            name: "_token".into(),
            value: self.editor.token().into(),
        });
        if let Some(base) = base {
            form.hidden.push(Hidden {
                name: "_base".into(),
                value: base.into(),
            });
        }
        form
    }

    fn page(
        &self,
        status: u16,
        kind: &Kind,
        entry: Option<&Entry>,
        form: Form,
        mut edit: EditCtx,
    ) -> Reply {
        edit.mode = if entry.is_some() { "edit" } else { "new" };
        match entry {
            Some(entry) => {
                edit.heading = format!("{} bewerken", entry.title);
                edit.file = entry.display();
                edit.doc_title = Some(entry.title.clone());
                edit.page_url = self
                    .snapshot
                    .site
                    .page(&entry.slug)
                    .filter(|p| p.doc.kind == kind.name)
                    .map(|p| p.url.clone());
            }
            None => {
                edit.heading = format!("{} toevoegen", kind.label);
                edit.file = format!("content/{}/", kind.folder);
            }
        }
        let url = path(kind, entry);
        let heading = edit.heading.clone();
        match page::render(self.snapshot, &url, &heading, kind, &form, edit) {
            Ok(html) => Reply::html(status, html),
            Err(err) => Reply::message(500, "Het thema kan deze pagina niet tonen", &err),
        }
    }

    fn preview(&self, kind: &Kind, entry: Option<&Entry>, after: &Submission, form: Form) -> Reply {
        let slug = entry.map_or_else(
            || after.slug.clone().unwrap_or_default(),
            |e| e.slug.clone(),
        );
        let text = after
            .document_text()
            .unwrap_or_else(|_| format!("---\n---\n\n{}", after.body));
        let url = path(kind, entry);
        let html = page::preview(self.snapshot, kind, &slug, &text, &url);
        let edit = EditCtx {
            preview: Some(html),
            ..EditCtx::default()
        };
        self.page(200, kind, entry, form, edit)
    }

    /// 409: the file changed since the form was made. The form now shows the
    /// file as it is (with its new `_base`); what the person sent is shown
    /// beside it, field by field, to carry over.
    fn conflict(
        &self,
        kind: &Kind,
        entry: &Entry,
        loaded: &Loaded,
        before: &Submission,
        after: &Submission,
    ) -> Reply {
        let form = self
            .form(kind, Some(entry), Some(&loaded.base))
            .with_values(&loaded.values);
        let shown = |sub: &Submission, key: &str| -> String {
            if key == "body" {
                return sub.body.clone();
            }
            match sub.get(key) {
                Some(value) => crate::contribute::patch::emit(key, value)
                    .map(|lines| lines.trim_end().to_string())
                    .unwrap_or_default(),
                None => "(leeg)".into(),
            }
        };
        let rows = changed(before, after)
            .into_iter()
            .map(|key| ConflictRow {
                label: form
                    .fields()
                    .find(|f| f.name == key)
                    .map_or_else(|| key.clone(), |f| f.label.clone()),
                disk: shown(before, &key),
                yours: shown(after, &key),
            })
            .collect();
        let edit = EditCtx {
            conflict: Some(page::Conflict {
                rows,
                yours: after.document_text().unwrap_or_default(),
            }),
            ..EditCtx::default()
        };
        self.page(409, kind, Some(entry), form, edit)
    }

    /// For a new document of the compared kind: the chooser of subject and
    /// round, and when the query names both, the values of the previous one.
    fn start(
        &self,
        kind: &Kind,
        query: &FormValues,
    ) -> Option<(Start, Option<FormValues>, Option<String>)> {
        let site = &self.snapshot.site;
        let compare = site
            .config
            .compare
            .as_ref()
            .filter(|c| c.kind == kind.name)?;
        let subject_field = kind.field(&compare.subject)?;
        let FieldType::Ref { target } = &subject_field.ty else {
            return None;
        };
        let round_label = kind
            .field(&compare.round)
            .map_or(compare.round.clone(), |f| f.label.clone());
        let subject = query.get(&compare.subject).unwrap_or_default();
        let round = query.get(&compare.round).unwrap_or_default().trim();
        let choices = self.snapshot.catalog.choices(target);
        let subject_title = choices
            .iter()
            .find(|e| e.slug == subject)
            .map_or(subject, |e| e.title.as_str());
        let start = Start {
            subject: compare.subject.clone(),
            subject_label: subject_field.label.clone(),
            subject_id: "kb-start-onderwerp".into(),
            options: choices
                .iter()
                .map(|e| StartOption {
                    value: e.slug.clone(),
                    label: e.title.clone(),
                    selected: e.slug == subject,
                })
                .collect(),
            round: compare.round.clone(),
            round_label: round_label.clone(),
            round_id: "kb-start-ronde".into(),
            round_value: round.to_string(),
        };
        if subject.is_empty() && round.is_empty() {
            return Some((start, None, None));
        }
        let label = kind.label.to_lowercase();
        let Ok(number) = round.parse::<i64>() else {
            let notice = format!(
                "Kies een {} en vul bij {} een getal in, zoals 2015.",
                subject_field.label.to_lowercase(),
                round_label.to_lowercase()
            );
            return Some((start, None, Some(notice)));
        };
        match continuation(site, subject, number) {
            Some(values) => {
                let notice = format!(
                    "Het formulier is gevuld met de vorige {label} van {subject_title}. \
                     Pas aan wat er sinds toen veranderd is."
                );
                Some((start, Some(values), Some(notice)))
            }
            None => {
                let mut values = FormValues::default();
                values.push(&compare.subject, subject);
                values.push(&compare.round, round);
                let notice = format!(
                    "Er is geen eerdere {label} van {subject_title} van vóór {number}; \
                     u begint met een leeg formulier."
                );
                Some((start, Some(values), Some(notice)))
            }
        }
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

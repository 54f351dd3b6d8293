//! The pages the editor answers with, each from the kind's form model: the
//! form (sent back to the same address), a preview of the page as it would be
//! saved, a conflict (the file as it is now, with what the person sent beside
//! it field by field) and, for the compared kind, the start of a new document.

use super::*;

impl Flow<'_> {
    /// The form of `kind` for `entry` (or a new document), sent back here.
    pub(super) fn form(&self, kind: &Kind, entry: Option<&Entry>, base: Option<&str>) -> Form {
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

    pub(super) fn page(
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

    pub(super) fn preview(
        &self,
        kind: &Kind,
        entry: Option<&Entry>,
        after: &Submission,
        form: Form,
    ) -> Reply {
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
    pub(super) fn conflict(
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
    pub(super) fn start(
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
}

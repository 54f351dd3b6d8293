//! The editor's page, rendered by the theme (`bewerken.html`, which shows the
//! form with `form_macros.html`): what it is told besides the form, and the
//! preview of a body through the site's own Markdown pipeline. No I/O.

use super::Snapshot;
use crate::config::Kind;
use crate::content::discover::SourceFile;
use crate::content::document;
use crate::contribute::Form;
use crate::render;
use crate::render::context::{self, KindCtx};
use serde::Serialize;
use std::path::Path;

/// The template every theme that supports `serve --edit` provides.
pub const TEMPLATE: &str = "bewerken.html";

/// What the page shows around the form.
#[derive(Debug, Default, Serialize)]
pub struct EditCtx {
    /// `edit` or `new`.
    pub mode: &'static str,
    pub heading: String,
    pub kind: Option<KindCtx>,
    /// The file (`content/factsheets/x.md`), or for a new document its folder.
    pub file: String,
    /// The document's page, from the site root, when it has one.
    pub page_url: Option<String>,
    pub doc_title: Option<String>,
    /// The body as the site renders it (`Voorbeeld bekijken`).
    pub preview: Option<String>,
    pub conflict: Option<Conflict>,
    /// "Nieuwe factsheet op basis van de vorige": a GET form that reloads
    /// this page prefilled from the subject's latest earlier document.
    pub start: Option<Start>,
    /// A message above the form.
    pub notice: Option<String>,
}

/// The file changed on disk after the form was made: what differs between it
/// and the person's version.
#[derive(Debug, Serialize)]
pub struct Conflict {
    pub rows: Vec<ConflictRow>,
    /// The person's version of the whole file.
    pub yours: String,
}

#[derive(Debug, Serialize)]
pub struct ConflictRow {
    pub label: String,
    pub disk: String,
    pub yours: String,
}

#[derive(Debug, Serialize)]
pub struct Start {
    pub subject: String,
    pub subject_label: String,
    pub subject_id: String,
    pub options: Vec<StartOption>,
    pub round: String,
    pub round_label: String,
    pub round_id: String,
    pub round_value: String,
}

#[derive(Debug, Serialize)]
pub struct StartOption {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// The page at `url` (from the site root, without the leading `/`).
pub fn render(
    snapshot: &Snapshot,
    url: &str,
    title: &str,
    kind: &Kind,
    form: &Form,
    mut edit: EditCtx,
) -> Result<String, String> {
    let Some(tera) = &snapshot.tera else {
        return Err("the theme's templates have errors; see the terminal".into());
    };
    edit.kind = Some(context::kind(&snapshot.site, kind));
    let title = if form.errors.is_empty() {
        title.to_string()
    } else {
        format!("Fout: {title}")
    };
    let mut ctx = render::base_context(&snapshot.site_ctx, url, &title, Some(&kind.name));
    ctx.insert("form", form);
    ctx.insert("edit", &edit);
    tera.render(TEMPLATE, &ctx).map_err(|err| {
        let mut message = err.to_string();
        let mut source = std::error::Error::source(&err);
        while let Some(cause) = source {
            message.push_str(&format!(": {cause}"));
            source = cause.source();
        }
        message
    })
}

/// `text`'s body rendered as the site renders it, links resolved against the
/// site's documents and made relative to the page at `url`.
pub fn preview(snapshot: &Snapshot, kind: &Kind, slug: &str, text: &str, url: &str) -> String {
    let config = &snapshot.site.config;
    let rel = Path::new(&kind.folder).join(format!("{slug}.md"));
    let source = SourceFile {
        display: Path::new("content").join(&rel),
        rel,
        kind: kind.name.clone(),
        slug: slug.to_string(),
        text: text.to_string(),
    };
    let doc = document::parse(config, &source)
        .0
        .unwrap_or_else(|| document::body_only(&source));
    let entry = crate::contribute::catalog::Entry {
        kind: kind.name.clone(),
        slug: slug.to_string(),
        title: doc.title.clone(),
        rel: source.rel.clone(),
        linkable: true,
        headings: None,
    };
    let index = snapshot.catalog.link_index(config, Some(&entry));
    crate::site::markdown::render(&doc, url, &index).0.html
}

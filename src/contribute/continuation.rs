//! "Nieuwe factsheet op basis van de vorige": the values of a new document of
//! the compared kind taken from its subject's latest earlier one, with the
//! round, date, title, slug and body updated, as `kennisbank new factsheet
//! --gemeente G --meting N` does with the file. The static pages get the
//! earlier documents' values from `export` and apply the same updates.

use super::values::{self, FormValues};
use crate::config::Config;
use crate::content::schema::FieldValue;
use crate::site::{Page, Site};

/// The values to start a new document of the compared kind about `subject` in
/// `round`, or `None` when the subject has no earlier one.
pub fn continuation(site: &Site, subject: &str, round: i64) -> Option<FormValues> {
    let config = &site.config;
    let compare = config.compare.as_ref()?;
    let previous = site
        .pages_of(&compare.kind)
        .filter_map(|p| Some((subject_and_round(config, p)?, p)))
        .filter(|((s, r), _)| s == subject && *r < round)
        .max_by(|((_, a), p), ((_, b), q)| a.cmp(b).then(p.doc.slug.cmp(&q.doc.slug)))?;
    let ((_, previous_round), page) = previous;
    let kind = config.kind(&compare.kind)?;
    let mut values = values::from_document(config, kind, &page.doc);
    apply(
        config,
        &mut values,
        &page.doc.slug,
        previous_round,
        subject,
        round,
    );
    Some(values)
}

/// The subject and round of a document of the compared kind.
pub fn subject_and_round(config: &Config, page: &Page) -> Option<(String, i64)> {
    let compare = config.compare.as_ref()?;
    let subject = match page.doc.fields.get(&compare.subject)? {
        FieldValue::Ref(s) => s.clone(),
        _ => return None,
    };
    match page.doc.fields.get(&compare.round)? {
        FieldValue::Integer(r) => Some((subject, *r)),
        _ => None,
    }
}

/// Updates an earlier document's values for `round`: the round and date
/// fields, the year in the title, the slug `subject-round`, and a body that
/// asks what changed since the earlier one.
fn apply(
    config: &Config,
    values: &mut FormValues,
    previous_slug: &str,
    previous_round: i64,
    subject: &str,
    round: i64,
) {
    let Some(compare) = config.compare.as_ref() else {
        return;
    };
    let title = values
        .get("title")
        .unwrap_or_default()
        .replace(&previous_round.to_string(), &round.to_string());
    values.set("title", title);
    values.set("slug", format!("{subject}-{round}"));
    values.set(&compare.round, round.to_string());
    if let Some(date_field) = config
        .kind(&compare.kind)
        .and_then(|k| k.date_field.as_ref())
    {
        values.set(date_field, round.to_string());
    }
    values.set(
        "body",
        format!("Wat is er veranderd sinds [[{previous_slug}]]?\n"),
    );
}

//! One subject's documents of the compared kind in round order, and what
//! changed from each to the next (the timeline on the subject's page).

use super::*;

#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub label: String,
    pub before: String,
    pub after: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Step {
    pub from: DocLink,
    pub to: DocLink,
    pub changes: Vec<Change>,
}

/// The compared kind's documents for one subject, in round order, and what
/// changed from each to the next.
#[derive(Debug, Clone, Serialize)]
pub struct Timeline {
    pub documents: Vec<DocLink>,
    pub steps: Vec<Step>,
}

/// The subject's documents over the rounds and what changed between them.
pub fn timeline(site: &Site, subject: &str) -> Option<Timeline> {
    let config = &site.config;
    let compare = config.compare.as_ref()?;
    let kind = config.kind(&compare.kind)?;
    let mut pages: Vec<&Page> = site
        .pages_of(&compare.kind)
        .filter(|p| subject_of(compare, p) == Some(subject))
        .collect();
    if pages.is_empty() {
        return None;
    }
    pages.sort_by_key(|p| (round_of(compare, p), p.doc.slug.clone()));
    let fields = columns(compare, kind);
    let steps = pages
        .windows(2)
        .map(|pair| Step {
            from: context::link(config, pair[0]),
            to: context::link(config, pair[1]),
            changes: fields
                .iter()
                .filter_map(|f| change(site, f, pair[0], pair[1]))
                .collect(),
        })
        .collect();
    Some(Timeline {
        documents: pages.iter().map(|p| context::link(config, p)).collect(),
        steps,
    })
}

pub(super) fn change(site: &Site, field: &Field, before: &Page, after: &Page) -> Option<Change> {
    let (a, b) = (
        before.doc.fields.get(&field.name),
        after.doc.fields.get(&field.name),
    );
    if a == b {
        return None;
    }
    if let (Some(FieldValue::EnumList(old)), Some(FieldValue::EnumList(new))) = (a, b) {
        let added: Vec<&str> = new
            .iter()
            .filter(|v| !old.contains(v))
            .map(|v| v.label.as_str())
            .collect();
        let removed: Vec<&str> = old
            .iter()
            .filter(|v| !new.contains(v))
            .map(|v| v.label.as_str())
            .collect();
        let mut after_text = Vec::new();
        if !added.is_empty() {
            after_text.push(format!("erbij: {}", added.join(", ")));
        }
        if !removed.is_empty() {
            after_text.push(format!("eraf: {}", removed.join(", ")));
        }
        return Some(Change {
            label: field.label.clone(),
            before: text(site, a).0,
            after: after_text.join("; "),
        });
    }
    Some(Change {
        label: field.label.clone(),
        before: text(site, a).0,
        after: text(site, b).0,
    })
}

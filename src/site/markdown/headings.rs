//! Heading ids and sections of a rendered body: every heading gets a unique
//! id (its own `{#id}` or one made from its text, never one the layout uses),
//! and the plain text is cut at the `##` headings for search results that point
//! into a page.

use super::{Heading, Section};
use crate::config::urls;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};
use std::collections::HashSet;

/// Cuts the plain text at the level-2 headings.
pub(super) fn sections(text: &str, headings: &[Heading], starts: &[usize]) -> Vec<Section> {
    let cuts: Vec<(usize, &Heading)> = starts
        .iter()
        .zip(headings)
        .filter(|(_, h)| h.level == 2)
        .map(|(s, h)| (*s, h))
        .collect();
    cuts.iter()
        .enumerate()
        .map(|(i, (start, h))| {
            let end = cuts.get(i + 1).map_or(text.len(), |(s, _)| *s);
            let chunk = &text[*start..end];
            // The heading's own line is the section's name, not its text.
            let body = chunk.split_once('\n').map_or("", |(_, rest)| rest);
            Section {
                id: h.id.clone(),
                heading: h.text.clone(),
                text: body.trim().to_string(),
            }
        })
        .collect()
}

/// Gives every heading an id (its explicit `{#id}` or one made from its text,
/// made unique) and records it as a section.
pub(super) fn assign_heading_ids(
    events: &mut [Event],
    used: &mut HashSet<String>,
    headings: &mut Vec<Heading>,
) {
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { level, id, .. }) = &events[i] {
            let level = *level;
            let explicit = id.as_ref().map(|s| s.to_string());
            let mut text = String::new();
            let mut j = i + 1;
            while j < events.len() && !matches!(events[j], Event::End(TagEnd::Heading(_))) {
                if let Event::Text(t) | Event::Code(t) = &events[j] {
                    text.push_str(t);
                }
                j += 1;
            }
            let base = explicit.unwrap_or_else(|| urls::anchor(&text));
            let mut unique = base.clone();
            let mut n = 2;
            while !used.insert(unique.clone()) {
                unique = format!("{base}-{n}");
                n += 1;
            }
            if let Event::Start(Tag::Heading { id, .. }) = &mut events[i] {
                *id = Some(CowStr::from(unique.clone()));
            }
            headings.push(Heading {
                level: heading_level(level),
                id: unique,
                text: text.trim().to_string(),
            });
            i = j;
        }
        i += 1;
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    level as u8
}

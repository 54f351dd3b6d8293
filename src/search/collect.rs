//! From the immutable `Site` to what search indexes: one `SearchPage` per page,
//! with its text fields, its `##` sections and its facet values, plus the
//! glossary's synonym groups. Pure; which kinds and fields feed names and
//! synonyms comes from `[search]` in `site.toml`.

use crate::config::FieldType;
use crate::content::schema::FieldValue;
use crate::diagnostics::Diagnostic;
use crate::site::body::{Body, BodyText};
use crate::site::markdown::Section;
use crate::site::{Page, Site};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The text fields of a record, in the order of `FIELDS`.
pub type TextFields = [String; 6];

/// The searchable text fields and their boosts, declared once; the client
/// index carries them so the browser weighs fields exactly as tantivy does.
pub const FIELDS: [(&str, f32); 6] = [
    ("title", 2.0),
    ("headings", 2.0),
    ("summary", 1.5),
    ("names", 2.0),
    ("themes", 1.0),
    ("body", 1.0),
];

/// The facets every page can be filtered on, in display order.
pub const FACETS: [&str; 4] = ["kind", "gemeente", "thema", "jaar"];
/// Each facet's legend on the results page, in the order of `FACETS`; the
/// manifest carries both to the browser.
pub const FACET_LEGENDS: [&str; 4] = ["Soort", "Gemeente", "Thema", "Jaar"];

/// A `##` section of a page, as a search record of its own; the page's
/// opening text before its first `##` is one too, with an empty `id` (it is
/// shown as the page itself, without an anchor).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SearchSection {
    pub id: String,
    pub heading: String,
    pub text: String,
}

/// A page as search sees it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SearchPage {
    pub url: String,
    pub title: String,
    pub kind: String,
    pub summary: Option<String>,
    /// Where the whole body as plain text (`text`) lies in the body field,
    /// which starts with it: the body is held once, not once per use.
    pub text_range: std::ops::Range<usize>,
    pub fields: TextFields,
    pub sections: Vec<SearchSection>,
    /// Facet name (see `FACETS`) -> values (slugs, kind name, year).
    pub facets: BTreeMap<String, Vec<String>>,
}

/// The body's place in `FIELDS` and `TextFields`.
const BODY: usize = 5;

mod spilled;
use spilled::Spilled;

impl SearchPage {
    /// The whole body as plain text, for excerpts.
    pub fn text(&self) -> &str {
        &self.fields[BODY][self.text_range.clone()]
    }

    /// The text before the first `##` section (all of it when there is
    /// none): the opening record's text, which `sections` puts first.
    pub fn intro(&self) -> &str {
        match self.sections.first() {
            None => self.text(),
            Some(s) if s.id.is_empty() => &s.text,
            Some(_) => "",
        }
    }
}

impl SearchSection {
    pub fn fields(&self) -> TextFields {
        [
            String::new(),
            self.heading.clone(),
            String::new(),
            String::new(),
            String::new(),
            self.text.clone(),
        ]
    }
}

/// Everything the search stage reads from the site.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Corpus {
    /// Empty when the pages were spilled: `len` and `page` read either way.
    pub pages: Vec<SearchPage>,
    /// Synonym groups: spellings that mean the same (`["Sociaal wijkteam", "SWT"]`).
    pub synonyms: Vec<Vec<String>>,
    /// Facet name -> value -> label shown to readers.
    pub labels: BTreeMap<String, BTreeMap<String, String>>,
    /// Where the pages are, when not in `pages` (`collect_owned` from a
    /// site whose bodies were spilled).
    #[serde(skip)]
    spilled: Option<Spilled>,
}

impl SearchPage {
    /// Every text of the page that is indexed, for building the analysis dictionary.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.fields.iter().map(String::as_str).chain(
            self.sections
                .iter()
                .flat_map(|s| [s.heading.as_str(), s.text.as_str()]),
        )
    }
}

/// Collects the corpus from the site, in site order; a body that cannot be
/// read back (`Site::body`) is an error of its page.
pub fn collect(site: &Site) -> Result<Corpus, Diagnostic> {
    let mut labels = kind_labels(site);
    let mut pages = Vec::with_capacity(site.pages.len());
    for page in &site.pages {
        let body = site.body(page)?.into_owned();
        let p = search_page(site, page, body.text, body.sections);
        add_labels(site, &p, &mut labels);
        pages.push(p);
    }
    Ok(Corpus {
        pages,
        synonyms: synonym_groups(site),
        labels,
        spilled: None,
    })
}

/// Collects the corpus as `collect` does, from a site that is not needed
/// afterwards: each page's text moves into the corpus and its HTML is freed
/// as it goes, so the site and the corpus are not held side by side. When
/// the site's bodies went to a scratch file, the corpus's pages go there too.
pub fn collect_owned(mut site: Site) -> Result<Corpus, Diagnostic> {
    let mut labels = kind_labels(&site);
    let mut pages = Vec::with_capacity(site.pages.len());
    let mut spilled = site.spill().cloned().map(Spilled::new);
    for i in 0..site.pages.len() {
        let body = site.body(&site.pages[i])?.into_owned();
        site.pages[i].body = Body::Held(BodyText::default());
        let p = search_page(&site, &site.pages[i], body.text, body.sections);
        add_labels(&site, &p, &mut labels);
        match &mut spilled {
            Some(spilled) => spilled.push(&p).map_err(|err| {
                Diagnostic::error(&site.pages[i].doc.display, 0, 0, format!("{err:#}"))
            })?,
            None => pages.push(p),
        }
    }
    Ok(Corpus {
        pages,
        synonyms: synonym_groups(&site),
        labels,
        spilled,
    })
}

/// The `kind` facet's labels: each kind's name -> its label.
fn kind_labels(site: &Site) -> BTreeMap<String, BTreeMap<String, String>> {
    let mut labels: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for kind in &site.config.kinds {
        labels
            .entry("kind".into())
            .or_default()
            .insert(kind.name.clone(), kind.label.clone());
    }
    labels
}

/// Notes the label (the title of the page it names) of each facet value of `p`.
fn add_labels(
    site: &Site,
    p: &SearchPage,
    labels: &mut BTreeMap<String, BTreeMap<String, String>>,
) {
    for (facet, values) in &p.facets {
        for v in values {
            if facet == "kind" {
                continue;
            }
            let label = site
                .page(v)
                .map_or_else(|| v.clone(), |d| d.doc.title.clone());
            labels
                .entry(facet.clone())
                .or_default()
                .insert(v.clone(), label);
        }
    }
}

fn synonym_groups(site: &Site) -> Vec<Vec<String>> {
    let Some((kind, fields)) = &site.config.search.synonyms else {
        return Vec::new();
    };
    site.pages_of(kind)
        .map(|page| {
            let mut group = vec![page.doc.title.clone()];
            for f in fields {
                group.extend(strings(page.doc.fields.get(f)));
            }
            group
        })
        .filter(|g| g.len() > 1)
        .collect()
}

fn strings(value: Option<&FieldValue>) -> Vec<String> {
    match value {
        Some(FieldValue::Text(s)) => vec![s.clone()],
        Some(FieldValue::List(v)) => v.clone(),
        _ => Vec::new(),
    }
}

/// A page's search record, made from its rendered `text` and `sections`
/// (handed over, so that `collect_owned` can move them).
fn search_page(site: &Site, page: &Page, text: String, sections: Vec<Section>) -> SearchPage {
    let config = &site.config;
    let doc = &page.doc;
    let kind = config.kind(&doc.kind).expect("declared kind");
    // The body field starts with the text; `text_range` is its trimmed part.
    let lead = text.len() - text.trim_start().len();
    let text_range = lead..lead + text.trim().len();
    let records = search_sections(&text, sections);
    let mut body = text;
    let mut places: Vec<String> = Vec::new();
    let mut themes: Vec<String> = Vec::new();
    let place_kind = config.search.places.as_ref().map(|p| p.kind.as_str());
    if place_kind == Some(doc.kind.as_str()) {
        places.push(doc.slug.clone());
    }
    for field in &kind.fields {
        let Some(value) = doc.fields.get(&field.name) else {
            continue;
        };
        match (&field.ty, value) {
            (FieldType::Ref { target } | FieldType::RefList { target }, v) => {
                for slug in v.refs() {
                    if Some(target.as_str()) == place_kind && !places.iter().any(|p| p == slug) {
                        places.push(slug.to_string());
                    } else if config.taxonomy_kind.as_deref() == Some(target.as_str()) {
                        themes.push(slug.to_string());
                    }
                }
            }
            // Places in the source files are for editors, not for readers' searches.
            (FieldType::SourceLines, _) => {}
            (_, FieldValue::Text(s)) => push_line(&mut body, s),
            (_, FieldValue::List(v)) => v.iter().for_each(|s| push_line(&mut body, s)),
            (_, FieldValue::Enum(e)) => push_line(&mut body, &e.label),
            (_, FieldValue::EnumList(v)) => v.iter().for_each(|e| push_line(&mut body, &e.label)),
            _ => {}
        }
    }
    let names: Vec<String> = places
        .iter()
        .flat_map(|slug| place_names(site, slug))
        .collect();
    let theme_titles: Vec<String> = themes
        .iter()
        .filter_map(|slug| site.page(slug).map(|p| p.doc.title.clone()))
        .collect();
    let headings: Vec<&str> = page
        .rendered
        .headings
        .iter()
        .map(|h| h.text.as_str())
        .collect();
    let mut facets = BTreeMap::new();
    facets.insert("kind".to_string(), vec![doc.kind.clone()]);
    facets.insert("gemeente".to_string(), places);
    facets.insert("thema".to_string(), themes);
    let year = page
        .date(config)
        .map(|d| d.chars().take(4).collect::<String>())
        .filter(|y| y.len() == 4 && y.chars().all(|c| c.is_ascii_digit()));
    facets.insert("jaar".to_string(), year.into_iter().collect());
    facets.retain(|_, v| !v.is_empty());
    SearchPage {
        url: page.url.clone(),
        title: doc.title.clone(),
        kind: doc.kind.clone(),
        summary: doc.summary.clone(),
        text_range,
        fields: [
            doc.title.clone(),
            headings.join("\n"),
            doc.summary.clone().unwrap_or_default(),
            names.join("\n"),
            theme_titles.join("\n"),
            body,
        ],
        sections: records,
        facets,
    }
}

/// The page's `##` sections as records, led by its opening text (the text
/// before the first `##`, id `""`, no heading) when it has sections and an
/// opening: a page that answers in its opening is then scored on that
/// opening alone, as a page that answers in a section is.
fn search_sections(text: &str, sections: Vec<Section>) -> Vec<SearchSection> {
    let opening = intro(text, sections.first());
    let lead = (!sections.is_empty() && !opening.is_empty()).then(|| SearchSection {
        id: String::new(),
        heading: String::new(),
        text: opening,
    });
    lead.into_iter()
        .chain(sections.into_iter().map(|s| SearchSection {
            id: s.id,
            heading: s.heading,
            text: s.text,
        }))
        .collect()
}

fn intro(text: &str, first: Option<&Section>) -> String {
    let cut = first.and_then(|s| {
        let line = format!("{}\n", s.heading);
        text.match_indices(&line)
            .map(|(i, _)| i)
            .find(|&i| i == 0 || text[..i].ends_with('\n'))
    });
    text[..cut.unwrap_or(text.len())].trim().to_string()
}

fn push_line(body: &mut String, line: &str) {
    if !body.is_empty() && !body.ends_with('\n') {
        body.push('\n');
    }
    body.push_str(line);
    body.push('\n');
}

/// A place's title, its other names, and the titles of the places it
/// merged into or grew out of.
fn place_names(site: &Site, slug: &str) -> Vec<String> {
    let Some(page) = site.page(slug) else {
        return Vec::new();
    };
    let mut names = vec![page.doc.title.clone()];
    let Some(places) = &site.config.search.places else {
        return names;
    };
    for f in &places.name_fields {
        names.extend(strings(page.doc.fields.get(f)));
    }
    for f in &places.link_fields {
        if let Some(value) = page.doc.fields.get(f) {
            for other in value.refs() {
                if let Some(p) = site.page(other) {
                    names.push(p.doc.title.clone());
                }
            }
        }
    }
    names
}

#[cfg(test)]
mod tests;

//! The filters and sort orders of a kind's listing page, read from the schema:
//! a reader filters by every reference field that points at the hub kind or the
//! taxonomy kind (municipality, theme), and sorts by title or by the kind's
//! date field. Pure: builds template data from the `Site`; the page carries it
//! as data attributes and `static/listing.js` filters in the browser.

use crate::config::{Config, Field, FieldType, Kind};
use crate::content::schema::FieldValue;
use crate::render::context::{self, DocLink};
use crate::render::pager::{pager, Pager};
use crate::site::{Page, Site};
use serde::Serialize;
use std::collections::BTreeMap;

/// One filter of a listing: a reference field and the documents it points at.
#[derive(Debug, Serialize)]
pub struct Facet {
    /// The field's name, also the URL parameter and the data attribute's key.
    pub name: String,
    pub label: String,
    pub values: Vec<FacetValue>,
}

/// A document a facet's field points at, and how many listed documents do.
#[derive(Debug, Serialize)]
pub struct FacetValue {
    pub value: String,
    pub label: String,
    pub count: usize,
}

/// A way to order the listing; the first is the order the page is written in.
#[derive(Debug, Serialize)]
pub struct Sort {
    pub value: &'static str,
    pub label: String,
}

/// One listed document with what the filters read: `filter` is
/// `field=slug field=slug …`, `year` the sortable date.
#[derive(Debug, Serialize)]
pub struct Entry {
    #[serde(flatten)]
    pub link: DocLink,
    pub filter: String,
}

/// Everything the listing template needs beyond the kind itself.
#[derive(Debug, Serialize)]
pub struct Listing {
    pub entries: Vec<Entry>,
    pub facets: Vec<Facet>,
    pub sorts: Vec<Sort>,
    /// Whether the page offers the tools at all: something to filter or to
    /// sort by, and more than one document. A listing of several pages has
    /// none: the tools filter the page they are on.
    pub tools: bool,
    /// Where this page is among the listing's pages, when it has more than one.
    pub pager: Option<Pager>,
}

/// How many pages the listing of `kind` takes: at least one.
pub fn page_count(site: &Site, kind: &Kind) -> usize {
    site.pages_of(&kind.name)
        .count()
        .div_ceil(site.config.listing_page_size.max(1))
        .max(1)
}

/// The fields a listing of `kind` filters by: references to the hub kind or
/// the taxonomy kind, other than to the kind itself, in schema order.
pub fn filter_fields<'a>(config: &Config, kind: &'a Kind) -> Vec<&'a Field> {
    let wanted = [config.hub_kind.as_deref(), config.taxonomy_kind.as_deref()];
    pointing_at(kind, &wanted)
}

/// The reference fields of `kind` whose target is one of `wanted`, itself excluded.
fn pointing_at<'a>(kind: &'a Kind, wanted: &[Option<&str>]) -> Vec<&'a Field> {
    kind.fields
        .iter()
        .filter(|f| match &f.ty {
            FieldType::Ref { target } | FieldType::RefList { target } => {
                target != &kind.name && wanted.contains(&Some(target.as_str()))
            }
            _ => false,
        })
        .collect()
}

/// Page `number` (from 1) of the `count` pages of the listing of `kind`
/// (`page_count`). One page holds its documents in site order, the filters
/// with counts over all of them, and the sort orders the schema allows; each
/// of several holds its share of the documents (`[site] listing_page_size`)
/// and a pager.
pub fn listing_page(site: &Site, kind: &Kind, number: usize, count: usize) -> Listing {
    let config = &site.config;
    let fields = filter_fields(config, kind);
    if count > 1 {
        // Only this page's share is gathered, not every document of the kind.
        let size = config.listing_page_size.max(1);
        let start = (number - 1) * size;
        let total = site.pages_of(&kind.name).count();
        let shown: Vec<&Page> = site.pages_of(&kind.name).skip(start).take(size).collect();
        return Listing {
            entries: entries(config, &fields, &shown),
            facets: Vec::new(),
            sorts: Vec::new(),
            tools: false,
            pager: Some(pager(kind, number, count, total, start, shown.len())),
        };
    }
    let pages: Vec<&Page> = site.pages_of(&kind.name).collect();
    let entries = entries(config, &fields, &pages);
    let facets: Vec<Facet> = fields
        .iter()
        .map(|f| facet(site, &pages, f))
        .filter(|f| !f.values.is_empty())
        .collect();
    let sorts = sorts(kind);
    let tools = pages.len() > 1 && (!facets.is_empty() || sorts.len() > 1);
    Listing {
        entries,
        facets,
        sorts,
        tools,
        pager: None,
    }
}

/// The entries of `pages`, with the references the filters read.
fn entries(config: &Config, fields: &[&Field], pages: &[&Page]) -> Vec<Entry> {
    pages
        .iter()
        .map(|p| Entry {
            link: context::link(config, p),
            filter: fields
                .iter()
                .flat_map(|f| {
                    refs(p, f)
                        .into_iter()
                        .map(move |slug| format!("{}={slug}", f.name))
                })
                .collect::<Vec<_>>()
                .join(" "),
        })
        .collect()
}

/// The slugs `field` of `page` points at that resolve to a page, without repeats.
fn refs<'a>(page: &'a Page, field: &Field) -> Vec<&'a str> {
    let mut slugs: Vec<&str> = page
        .doc
        .fields
        .get(&field.name)
        .map(FieldValue::refs)
        .into_iter()
        .flatten()
        .collect();
    let mut seen = std::collections::HashSet::new();
    slugs.retain(|s| seen.insert(*s));
    slugs
}

/// The values of one facet: every document pointed at, by its title.
fn facet(site: &Site, pages: &[&Page], field: &Field) -> Facet {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for page in pages {
        for slug in refs(page, field) {
            *counts.entry(slug).or_default() += 1;
        }
    }
    let mut values: Vec<FacetValue> = counts
        .into_iter()
        .filter_map(|(slug, count)| {
            let target = site.page(slug)?;
            Some(FacetValue {
                value: slug.to_string(),
                label: target.doc.title.clone(),
                count,
            })
        })
        .collect();
    values.sort_by(|a, b| {
        a.label
            .to_lowercase()
            .cmp(&b.label.to_lowercase())
            .then_with(|| a.value.cmp(&b.value))
    });
    Facet {
        name: field.name.clone(),
        label: field.label.clone(),
        values,
    }
}

/// The page's own order first (its sort field, else the title), then title
/// when that differs, then the date field both ways.
fn sorts(kind: &Kind) -> Vec<Sort> {
    let mut sorts = Vec::new();
    match kind.sort_by.as_deref().and_then(|f| kind.field(f)) {
        Some(field) => {
            sorts.push(Sort {
                value: "standaard",
                label: field.label.clone(),
            });
            sorts.push(Sort {
                value: "titel",
                label: "Titel (A–Z)".into(),
            });
        }
        None => sorts.push(Sort {
            value: "standaard",
            label: "Titel (A–Z)".into(),
        }),
    }
    if let Some(field) = kind.date_field.as_deref().and_then(|f| kind.field(f)) {
        sorts.push(Sort {
            value: "nieuw",
            label: format!("{}: nieuwste eerst", field.label),
        });
        sorts.push(Sort {
            value: "oud",
            label: format!("{}: oudste eerst", field.label),
        });
    }
    sorts
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn field(name: &str, ty: FieldType) -> Field {
        Field {
            name: name.into(),
            label: name.to_uppercase(),
            ty,
            required: false,
            allow_unknown: false,
            help: String::new(),
            group: None,
        }
    }

    /// A kind "verhaal" in `verhalen/`, for the listing's and the pager's tests.
    pub(crate) fn kind(
        fields: Vec<Field>,
        sort_by: Option<&str>,
        date_field: Option<&str>,
    ) -> Kind {
        Kind {
            name: "verhaal".into(),
            label: "Verhaal".into(),
            plural: "Verhalen".into(),
            folder: "verhalen".into(),
            template: "document.html".into(),
            url: "verhalen/{slug}.html".into(),
            description: String::new(),
            date_field: date_field.map(Into::into),
            sort_by: sort_by.map(Into::into),
            short_title: None,
            contribute: false,
            fields,
        }
    }

    fn labels(k: &Kind) -> Vec<String> {
        sorts(k).into_iter().map(|s| s.label).collect()
    }

    #[test]
    fn sorts_follow_the_sort_field_and_the_date_field() {
        assert_eq!(labels(&kind(Vec::new(), None, None)), ["Titel (A–Z)"]);
        let jaar = || field("jaar", FieldType::Integer { min: 1, max: 9 });
        let nummer = || field("nummer", FieldType::Integer { min: 1, max: 9 });
        assert_eq!(
            labels(&kind(vec![jaar()], None, Some("jaar"))),
            ["Titel (A–Z)", "JAAR: nieuwste eerst", "JAAR: oudste eerst"]
        );
        assert_eq!(
            labels(&kind(vec![nummer()], Some("nummer"), None)),
            ["NUMMER", "Titel (A–Z)"]
        );
    }

    #[test]
    fn filters_are_the_references_to_the_hub_and_the_taxonomy() {
        let target = |t: &str| t.to_string();
        let k = kind(
            vec![
                field(
                    "gemeente",
                    FieldType::Ref {
                        target: target("gemeente"),
                    },
                ),
                field(
                    "bronnen",
                    FieldType::RefList {
                        target: target("bron"),
                    },
                ),
                field(
                    "andere",
                    FieldType::RefList {
                        target: target("verhaal"),
                    },
                ),
                field(
                    "themas",
                    FieldType::RefList {
                        target: target("thema"),
                    },
                ),
                field("plaats", FieldType::String),
            ],
            None,
            None,
        );
        let names = |wanted: &[Option<&str>]| -> Vec<String> {
            pointing_at(&k, wanted)
                .iter()
                .map(|f| f.name.clone())
                .collect()
        };
        assert_eq!(
            names(&[Some("gemeente"), Some("thema")]),
            ["gemeente", "themas"]
        );
        assert_eq!(names(&[None, Some("thema")]), ["themas"]);
        assert_eq!(names(&[Some("verhaal"), None]), Vec::<String>::new());
    }
}

//! The data templates see: plain serialisable structs built from the `Site`.
//! All URLs here are relative to the site root; templates prefix `{{ root }}`.

use crate::config::urls;
use crate::config::{Config, FieldType, Kind};
use crate::content::schema::FieldValue;
use crate::site::markdown::Heading;
use crate::site::{Page, Site};
use serde::Serialize;
use serde_json::{json, Value};

#[derive(Debug, Serialize)]
pub struct SiteCtx {
    pub title: String,
    pub description: String,
    /// `[site] about`, for the home page.
    pub about: Vec<crate::config::About>,
    pub language: String,
    pub base_url: String,
    pub kinds: Vec<KindCtx>,
    pub glossary_url: Option<String>,
    pub comparison_url: Option<String>,
    /// The page listing the contribution forms, when a kind has one.
    pub contribute_url: Option<String>,
    /// The accessibility statement, linked from every page's footer.
    pub accessibility_url: Option<String>,
    /// The comparison's downloads per round (`downloads`); filled in by
    /// `render::site_context`, which may look at the comparison.
    pub downloads: Vec<crate::render::downloads::Download>,
    /// The header menu (`[[menu]]`).
    pub menu: Vec<crate::config::navigation::Item>,
}

#[derive(Debug, Clone, Serialize)]
pub struct KindCtx {
    pub name: String,
    pub label: String,
    pub plural: String,
    pub description: String,
    pub url: String,
    pub count: usize,
    /// The kind's contribution form, when it has one.
    pub contribute_url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocLink {
    pub slug: String,
    pub kind: String,
    pub kind_label: String,
    pub title: String,
    pub summary: Option<String>,
    pub url: String,
    pub date: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct FieldCtx {
    pub name: String,
    pub label: String,
    #[serde(rename = "type")]
    pub ty: &'static str,
    pub group: Option<String>,
    pub help: String,
    /// Explicitly recorded as not known.
    pub unknown: bool,
    /// Display data; its shape depends on the type (see README, "Themes").
    pub value: Value,
}

#[derive(Debug, Serialize)]
pub struct BacklinkGroup {
    pub kind: String,
    pub plural: String,
    pub pages: Vec<DocLink>,
}

#[derive(Debug, Serialize)]
pub struct DocCtx {
    pub slug: String,
    pub kind: String,
    pub kind_label: String,
    pub kind_plural: String,
    pub kind_url: String,
    pub title: String,
    pub summary: Option<String>,
    pub url: String,
    pub date: Option<String>,
    pub source_path: String,
    pub body: String,
    pub headings: Vec<Heading>,
    /// Declared fields that are present, in schema order.
    pub fields: Vec<FieldCtx>,
    /// Pages that link here, grouped by kind in site order.
    pub backlinks: Vec<BacklinkGroup>,
    /// `[site] points`, so a field that cites the sources' numbering ("Ad 2")
    /// can say what it means.
    pub points: Option<crate::config::short_titles::Points>,
}

pub fn site(site: &Site) -> SiteCtx {
    let config = &site.config;
    SiteCtx {
        title: config.title.clone(),
        description: config.description.clone(),
        about: config.about.clone(),
        language: config.language.clone(),
        base_url: config.base_url.clone(),
        kinds: config.kinds.iter().map(|k| kind(site, k)).collect(),
        glossary_url: config
            .glossary_kind
            .as_ref()
            .and_then(|g| config.kind(g))
            .map(urls::listing),
        comparison_url: config
            .compare
            .as_ref()
            .map(|_| urls::COMPARISONS.to_string()),
        contribute_url: config
            .kinds
            .iter()
            .any(|k| k.contribute)
            .then(|| urls::CONTRIBUTE_INDEX.to_string()),
        accessibility_url: config
            .accessibility
            .as_ref()
            .map(|_| urls::ACCESSIBILITY.to_string()),
        downloads: Vec::new(),
        menu: config
            .menu
            .iter()
            .filter(|i| !matches!(&i.kind, Some(k) if site.pages_of(k).next().is_none()))
            .cloned()
            .collect(),
    }
}

pub fn kind(site: &Site, kind: &Kind) -> KindCtx {
    KindCtx {
        name: kind.name.clone(),
        label: kind.label.clone(),
        plural: kind.plural.clone(),
        description: kind.description.clone(),
        url: urls::listing(kind),
        count: site.pages_of(&kind.name).count(),
        contribute_url: kind.contribute.then(|| urls::contribute(kind)),
    }
}

pub fn link(config: &Config, page: &Page) -> DocLink {
    let kind = config.kind(&page.doc.kind).expect("declared kind");
    DocLink {
        slug: page.doc.slug.clone(),
        kind: kind.name.clone(),
        kind_label: kind.label.clone(),
        title: page.doc.title.clone(),
        summary: page.doc.summary.clone(),
        url: page.url.clone(),
        date: page.date(config),
    }
}

/// A document's context; reading its body back (`Site::body`) can fail.
pub fn document(site: &Site, page: &Page) -> Result<DocCtx, crate::diagnostics::Diagnostic> {
    let body = site.body(page)?.into_owned().html;
    let config = &site.config;
    let kind = config.kind(&page.doc.kind).expect("declared kind");
    let fields = kind
        .fields
        .iter()
        .filter_map(|field| {
            let value = page.doc.fields.get(&field.name)?;
            Some(FieldCtx {
                name: field.name.clone(),
                label: field.label.clone(),
                ty: field.ty.name(),
                group: field.group.clone(),
                help: field.help.clone(),
                unknown: *value == FieldValue::Unknown,
                value: display(site, &field.ty, value),
            })
        })
        .collect();
    let mut backlinks: Vec<BacklinkGroup> = Vec::new();
    for source in site.backlinks(&page.doc.slug) {
        let source_kind = config.kind(&source.doc.kind).expect("declared kind");
        if backlinks.last().is_none_or(|g| g.kind != source_kind.name) {
            backlinks.push(BacklinkGroup {
                kind: source_kind.name.clone(),
                plural: source_kind.plural.clone(),
                pages: Vec::new(),
            });
        }
        backlinks
            .last_mut()
            .expect("just pushed")
            .pages
            .push(link(config, source));
    }
    Ok(DocCtx {
        slug: page.doc.slug.clone(),
        kind: kind.name.clone(),
        kind_label: kind.label.clone(),
        kind_plural: kind.plural.clone(),
        kind_url: urls::listing(kind),
        title: page.doc.title.clone(),
        summary: page.doc.summary.clone(),
        url: page.url.clone(),
        date: page.date(config),
        source_path: page.doc.display.display().to_string().replace('\\', "/"),
        body,
        headings: page
            .rendered
            .headings
            .iter()
            .filter(|h| h.level == 2)
            .cloned()
            .collect(),
        fields,
        backlinks,
        points: config.points.clone(),
    })
}

/// A choice with, when the glossary explains its label, the entry's URL.
fn explained(site: &Site, value: &crate::config::EnumValue) -> Value {
    let url = crate::render::glossary::entry(site, &value.label).map(|p| p.url.clone());
    json!({ "value": value.value, "label": value.label, "url": url })
}

/// Display-ready form of a value, resolved against the site (references become links).
fn display(site: &Site, ty: &FieldType, value: &FieldValue) -> Value {
    let config = &site.config;
    let doc_link = |slug: &str| site.page(slug).map(|p| json!(link(config, p)));
    match (ty, value) {
        (_, FieldValue::Unknown) => json!(config.unknown),
        (_, FieldValue::Text(s) | FieldValue::Date(s)) => json!(s),
        (_, FieldValue::List(items)) => json!(items),
        (_, FieldValue::Integer(n)) => json!(n),
        (_, FieldValue::Enum(v)) => explained(site, v),
        (_, FieldValue::EnumList(v)) => {
            Value::Array(v.iter().map(|v| explained(site, v)).collect())
        }
        (
            FieldType::Scale {
                min,
                max,
                low,
                high,
            },
            FieldValue::Scale(n),
        ) => {
            json!({ "score": n, "min": min, "max": max, "low": low, "high": high,
                    "points": (*min..=*max).collect::<Vec<_>>() })
        }
        (_, FieldValue::Scale(n)) => json!(n),
        (_, FieldValue::Ref(slug)) => doc_link(slug).unwrap_or(Value::Null),
        (_, FieldValue::RefList(slugs)) => {
            Value::Array(slugs.iter().filter_map(|s| doc_link(s)).collect())
        }
        (FieldType::Distribution { of_kind }, FieldValue::Distribution(map)) => {
            let kind = config.kind(of_kind).expect("validated");
            let rows: Vec<Value> = kind
                .fields
                .iter()
                .filter_map(|f| {
                    let counts = map.get(&f.name)?;
                    let FieldType::Scale { min, low, high, .. } = &f.ty else { return None };
                    let total: i64 = counts.iter().sum();
                    let cells: Vec<Value> = counts.iter().enumerate().map(|(i, c)| json!({"point": min + i as i64, "count": c})).collect();
                    Some(json!({ "field": f.name, "label": f.label, "low": low, "high": high, "counts": cells, "total": total }))
                })
                .collect();
            Value::Array(rows)
        }
        (FieldType::CountMap { of_kind, of_field }, FieldValue::CountMap(map)) => {
            let values = match config
                .kind(of_kind)
                .and_then(|k| k.field(of_field))
                .map(|f| &f.ty)
            {
                Some(FieldType::Enum(v) | FieldType::EnumList(v)) => v.clone(),
                _ => Vec::new(),
            };
            Value::Array(
                values
                    .iter()
                    .filter_map(|v| {
                        map.get(&v.value)
                            .map(|c| json!({"value": v.value, "label": v.label, "count": c}))
                    })
                    .collect(),
            )
        }
        (_, FieldValue::Distribution(_) | FieldValue::CountMap(_)) => Value::Null,
    }
}

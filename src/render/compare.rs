//! Comparing one kind (factsheets) across subjects (municipalities) per
//! measurement round: the comparison table here, the scale charts (`chart`),
//! the participation matrices (`matrix`), each subject's changes over time
//! (`timeline`) and the open data's column dictionary (`dictionary`). Pure:
//! reads the `Site`, returns plain data for templates and exports. Columns
//! come from the schema.

use crate::config::urls;
use crate::config::{Compare, Config, Field, FieldType, Kind};
use crate::content::schema::FieldValue;
use crate::render::context::{self, DocLink};
use crate::site::{Page, Site};
use serde::Serialize;
use std::collections::BTreeMap;

mod chart;
use chart::chart;
pub use chart::{Chart, ChartPoint};

mod matrix;
use matrix::matrix;
pub use matrix::{Matrix, MatrixRow};

mod timeline;
pub use timeline::{timeline, Change, Step, Timeline};

mod dictionary;
pub use dictionary::dictionary;

#[derive(Debug, Clone, Serialize)]
pub struct Column {
    pub name: String,
    pub label: String,
    #[serde(rename = "type")]
    pub ty: &'static str,
    pub group: Option<String>,
    /// Sorted numerically in the table.
    pub numeric: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    /// What a reader sees; "onbekend" for unknown, "niet vastgelegd" for absent.
    pub text: String,
    /// Key for sorting: the number for numeric columns, else the text.
    pub sort: String,
    pub unknown: bool,
    pub missing: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub subject: DocLink,
    pub document: DocLink,
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Round {
    pub round: i64,
    pub url: String,
    pub csv_url: String,
    pub json_url: String,
    /// The spreadsheet variant for Dutch-locale Excel.
    pub excel_url: String,
    /// The Excel workbook that holds this round's sheets (one for all rounds).
    pub xlsx_url: String,
    pub record: Option<DocLink>,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    pub charts: Vec<Chart>,
    pub matrices: Vec<Matrix>,
}

/// The fields shown in the comparison: every field of the kind except the
/// excluded ones and round-level aggregates.
pub fn columns<'a>(compare: &Compare, kind: &'a Kind) -> Vec<&'a Field> {
    kind.fields
        .iter()
        .filter(|f| !compare.exclude.contains(&f.name))
        .filter(|f| {
            !matches!(
                f.ty,
                FieldType::Distribution { .. } | FieldType::CountMap { .. }
            )
        })
        .collect()
}

fn round_of(compare: &Compare, page: &Page) -> Option<i64> {
    match page.doc.fields.get(&compare.round) {
        Some(FieldValue::Integer(n)) => Some(*n),
        _ => None,
    }
}

fn subject_of<'a>(compare: &Compare, page: &'a Page) -> Option<&'a str> {
    match page.doc.fields.get(&compare.subject) {
        Some(FieldValue::Ref(slug)) => Some(slug),
        _ => None,
    }
}

/// The kind of the compared subjects (the target of the subject field), whose
/// pages get a timeline.
pub fn subject_kind(config: &Config) -> Option<&str> {
    let compare = config.compare.as_ref()?;
    match &config.kind(&compare.kind)?.field(&compare.subject)?.ty {
        FieldType::Ref { target } => Some(target.as_str()),
        _ => None,
    }
}

/// Every round that has at least one document, ascending.
pub fn rounds(site: &Site) -> Vec<i64> {
    let Some(compare) = &site.config.compare else {
        return Vec::new();
    };
    let mut rounds: Vec<i64> = site
        .pages_of(&compare.kind)
        .filter_map(|p| round_of(compare, p))
        .collect();
    rounds.sort_unstable();
    rounds.dedup();
    rounds
}

/// Reader-facing text of a value; the same text the pages and CSV use.
pub fn text(site: &Site, value: Option<&FieldValue>) -> (String, bool, bool) {
    let config = &site.config;
    let title = |slug: &str| {
        site.page(slug)
            .map_or_else(|| slug.to_string(), |p| p.doc.title.clone())
    };
    match value {
        None => ("niet vastgelegd".into(), false, true),
        Some(FieldValue::Unknown) => (config.unknown.clone(), true, false),
        Some(v) => {
            let s = match v {
                FieldValue::Text(s) | FieldValue::Date(s) => s.clone(),
                FieldValue::List(items) => items.join("; "),
                FieldValue::Integer(n) | FieldValue::Scale(n) => n.to_string(),
                FieldValue::Enum(e) => e.label.clone(),
                FieldValue::EnumList(items) if items.is_empty() => "geen".into(),
                FieldValue::EnumList(items) => items
                    .iter()
                    .map(|e| e.label.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                FieldValue::Ref(slug) => title(slug),
                FieldValue::RefList(slugs) => slugs
                    .iter()
                    .map(|s| title(s))
                    .collect::<Vec<_>>()
                    .join(", "),
                FieldValue::Distribution(_) | FieldValue::CountMap(_) | FieldValue::Unknown => {
                    String::new()
                }
            };
            (s, false, false)
        }
    }
}

/// All comparison data for one round.
pub fn round(site: &Site, round: i64) -> Option<Round> {
    let config = &site.config;
    let compare = config.compare.as_ref()?;
    let kind = config.kind(&compare.kind)?;
    let fields = columns(compare, kind);
    let mut pages: Vec<&Page> = site
        .pages_of(&compare.kind)
        .filter(|p| round_of(compare, p) == Some(round))
        .collect();
    let subject_title = |p: &Page| {
        subject_of(compare, p)
            .and_then(|s| site.page(s))
            .map(|s| crate::config::names::fold(&s.doc.title))
    };
    pages.sort_by_key(|p| (subject_title(p), p.doc.slug.clone()));
    let record = round_record(site, compare, round);
    let rows: Vec<Row> = pages
        .iter()
        .filter_map(|p| {
            let subject = site.page(subject_of(compare, p)?)?;
            let cells = fields
                .iter()
                .map(|f| {
                    let (text, unknown, missing) = text(site, p.doc.fields.get(&f.name));
                    let sort = match p.doc.fields.get(&f.name) {
                        Some(FieldValue::Integer(n) | FieldValue::Scale(n)) => format!("{n:012}"),
                        _ => text.to_lowercase(),
                    };
                    Cell {
                        text,
                        sort,
                        unknown,
                        missing,
                    }
                })
                .collect();
            Some(Row {
                subject: context::link(config, subject),
                document: context::link(config, p),
                cells,
            })
        })
        .collect();
    let charts = fields
        .iter()
        .filter_map(|f| chart(site, f, &pages, record))
        .collect();
    let matrices = fields
        .iter()
        .filter_map(|f| matrix(site, compare, f, &pages, record))
        .collect();
    Some(Round {
        round,
        url: urls::comparison(round),
        csv_url: urls::open_data(round, "csv"),
        json_url: urls::open_data(round, "json"),
        excel_url: urls::spreadsheet(round),
        xlsx_url: urls::WORKBOOK.to_string(),
        record: record.map(|r| context::link(config, r)),
        columns: fields
            .iter()
            .map(|f| Column {
                name: f.name.clone(),
                label: f.label.clone(),
                ty: f.ty.name(),
                group: f.group.clone(),
                numeric: matches!(f.ty, FieldType::Integer { .. } | FieldType::Scale { .. }),
            })
            .collect(),
        rows,
        charts,
        matrices,
    })
}

/// The document describing the round as a whole (e.g. `meetronde-2014`).
fn round_record<'a>(site: &'a Site, compare: &'a Compare, round: i64) -> Option<&'a Page> {
    let (kind, field) = (
        compare.rounds_kind.as_ref()?,
        compare.rounds_field.as_ref()?,
    );
    site.pages_of(kind)
        .find(|p| p.doc.fields.get(field) == Some(&FieldValue::Integer(round)))
}

fn subject_name(site: &Site, page: &Page) -> String {
    let compare = site.config.compare.as_ref().expect("comparison configured");
    subject_of(compare, page)
        .and_then(|s| site.page(s))
        .map_or_else(|| page.doc.title.clone(), |s| s.doc.title.clone())
}

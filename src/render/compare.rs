//! Comparing one kind (factsheets) across subjects (municipalities) per
//! measurement round: the comparison table, the scale charts, the participation
//! matrices and each subject's changes over time. Pure: reads the `Site`,
//! returns plain data for templates and exports. Columns come from the schema.

use crate::config::urls;
use crate::config::{Compare, Config, Field, FieldType, Kind};
use crate::content::schema::FieldValue;
use crate::render::context::{self, DocLink};
use crate::site::{Page, Site};
use serde::Serialize;
use std::collections::BTreeMap;

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
pub struct ChartPoint {
    pub value: i64,
    /// Horizontal position in the chart's 0..640 coordinate space.
    pub x: i64,
    /// Subjects that placed themselves here.
    pub names: Vec<String>,
    /// How many subjects the round as a whole put here, where recorded.
    pub count: Option<i64>,
    /// Bar height for `count`, 0..60.
    pub bar: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    pub field: String,
    pub label: String,
    pub low: String,
    pub high: String,
    pub points: Vec<ChartPoint>,
    /// Subjects for which the score is recorded as unknown.
    pub unknown: Vec<String>,
    pub distribution_total: Option<i64>,
    /// SVG height: room for the longest list of names under a point.
    pub height: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct MatrixRow {
    pub subject: DocLink,
    /// Per value: "ja", "nee" or "onbekend".
    pub cells: Vec<&'static str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Matrix {
    pub field: String,
    pub label: String,
    pub values: Vec<crate::config::EnumValue>,
    pub rows: Vec<MatrixRow>,
    /// Per value, the number of rows with "ja".
    pub totals: Vec<i64>,
    /// Per value, the count the round's own record reports, where it has one.
    pub reported: Option<Vec<Option<i64>>>,
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
            .map(|s| crate::content::discover::fold(&s.doc.title))
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

fn chart(site: &Site, field: &Field, pages: &[&Page], record: Option<&Page>) -> Option<Chart> {
    let FieldType::Scale {
        min,
        max,
        low,
        high,
    } = &field.ty
    else {
        return None;
    };
    let distribution = record.and_then(|r| {
        r.doc.fields.values().find_map(|v| match v {
            FieldValue::Distribution(map) => map.get(&field.name).cloned(),
            _ => None,
        })
    });
    let max_count = distribution
        .as_ref()
        .and_then(|d| d.iter().max().copied())
        .unwrap_or(0)
        .max(1);
    let span = (max - min).max(1);
    let points: Vec<ChartPoint> = (*min..=*max)
        .map(|value| {
            let count = distribution
                .as_ref()
                .and_then(|d| d.get((value - min) as usize).copied());
            ChartPoint {
                value,
                x: 60 + (value - min) * 520 / span,
                names: pages
                    .iter()
                    .filter(|p| p.doc.fields.get(&field.name) == Some(&FieldValue::Scale(value)))
                    .map(|p| subject_name(site, p))
                    .collect(),
                count,
                bar: count.map_or(0, |c| c * 60 / max_count),
            }
        })
        .collect();
    let most_names = points
        .iter()
        .map(|p: &ChartPoint| p.names.len() as i64)
        .max()
        .unwrap_or(0);
    Some(Chart {
        height: 150 + 14 * most_names,
        field: field.name.clone(),
        label: field.label.clone(),
        low: low.clone(),
        high: high.clone(),
        points,
        unknown: pages
            .iter()
            .filter(|p| {
                matches!(
                    p.doc.fields.get(&field.name),
                    Some(FieldValue::Unknown) | None
                )
            })
            .map(|p| subject_name(site, p))
            .collect(),
        distribution_total: distribution.map(|d| d.iter().sum()),
    })
}

fn matrix(
    site: &Site,
    compare: &Compare,
    field: &Field,
    pages: &[&Page],
    record: Option<&Page>,
) -> Option<Matrix> {
    let FieldType::EnumList(values) = &field.ty else {
        return None;
    };
    let rows: Vec<MatrixRow> = pages
        .iter()
        .filter_map(|p| {
            let subject = site.page(subject_of(compare, p)?)?;
            let cells = values
                .iter()
                .map(|v| match p.doc.fields.get(&field.name) {
                    Some(FieldValue::EnumList(items)) if items.contains(v) => "ja",
                    Some(FieldValue::EnumList(_)) => "nee",
                    _ => "onbekend",
                })
                .collect();
            Some(MatrixRow {
                subject: context::link(&site.config, subject),
                cells,
            })
        })
        .collect();
    let totals = (0..values.len())
        .map(|i| rows.iter().filter(|r| r.cells[i] == "ja").count() as i64)
        .collect();
    let reported = record.and_then(|r| {
        r.doc.fields.iter().find_map(|(name, v)| {
            let FieldValue::CountMap(map) = v else {
                return None;
            };
            let kind = site.config.kind(&r.doc.kind)?;
            match &kind.field(name)?.ty {
                FieldType::CountMap { of_kind, of_field }
                    if *of_kind == compare.kind && *of_field == field.name =>
                {
                    Some(values.iter().map(|v| map.get(&v.value).copied()).collect())
                }
                _ => None,
            }
        })
    });
    Some(Matrix {
        field: field.name.clone(),
        label: field.label.clone(),
        values: values.clone(),
        rows,
        totals,
        reported,
    })
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

fn change(site: &Site, field: &Field, before: &Page, after: &Page) -> Option<Change> {
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

/// The column dictionary of the open data: one entry per exported column.
pub fn dictionary(config: &Config) -> Vec<BTreeMap<&'static str, String>> {
    let Some(compare) = &config.compare else {
        return Vec::new();
    };
    let Some(kind) = config.kind(&compare.kind) else {
        return Vec::new();
    };
    let subject = kind
        .field(&compare.subject)
        .map_or(compare.subject.as_str(), |f| f.label.as_str());
    let mut out = vec![
        entry(
            "onderwerp",
            &format!("Slug van het onderwerp ({subject})"),
            "ref",
            "",
        ),
        entry(
            "onderwerp_naam",
            &format!("Naam van het onderwerp ({subject})"),
            "string",
            "",
        ),
        entry(
            "document",
            "Adres van het document, vanaf de hoofdmap van de site",
            "string",
            "",
        ),
        entry(&compare.round, "Meetronde", "integer", ""),
    ];
    for f in columns(compare, kind) {
        let allowed = match &f.ty {
            FieldType::Enum(v) | FieldType::EnumList(v) => v
                .iter()
                .map(|v| format!("{}={}", v.value, v.label))
                .collect::<Vec<_>>()
                .join("; "),
            FieldType::Scale {
                min,
                max,
                low,
                high,
            } => format!("{min}={low} … {max}={high}"),
            FieldType::Integer { min, max } if *min > i64::MIN => format!("{min}..{max}"),
            _ => String::new(),
        };
        let mut e = entry(&f.name, &f.label, f.ty.name(), &allowed);
        e.insert("toelichting", f.help.clone());
        out.push(e);
    }
    out
}

fn entry(field: &str, label: &str, ty: &str, allowed: &str) -> BTreeMap<&'static str, String> {
    BTreeMap::from([
        ("veld", field.to_string()),
        ("label", label.to_string()),
        ("type", ty.to_string()),
        ("toegestane_waarden", allowed.to_string()),
        ("toelichting", String::new()),
    ])
}

//! The scale charts of a round: where each subject placed itself on a scale
//! field, with the round's own distribution as bars where it is recorded.

use super::*;

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

pub(super) fn chart(
    site: &Site,
    field: &Field,
    pages: &[&Page],
    record: Option<&Page>,
) -> Option<Chart> {
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

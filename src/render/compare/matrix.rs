//! The participation matrices of a round: per subject and allowed value of a
//! multi-choice field, "ja", "nee" or "onbekend", with totals and the counts
//! the round's own record reports.

use super::*;

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

pub(super) fn matrix(
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

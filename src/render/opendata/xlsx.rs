//! The comparison as an Excel workbook (`.xlsx`, written by rust_xlsxwriter):
//! one sheet per measurement round with the same labelled header and values as
//! the Dutch-Excel CSV (`excel::records`), numbers as numbers, and one sheet per
//! round for the round's distribution table. The bytes are deterministic: the
//! document properties and creation date are fixed, so two builds are equal.
//! Cells are written as strings, never formulas, so no neutralising is needed.

use super::excel;
use crate::config::{Field, FieldType};
use crate::content::schema::FieldValue;
use crate::render::compare::{self, Round};
use crate::site::Site;
use anyhow::{Context, Result};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet};
use std::borrow::Cow;

/// The sheet of a round's comparison.
pub fn round_sheet_name(round: i64) -> String {
    format!("Meetronde {round}")
}

/// The sheet of a round's distribution table.
pub fn distribution_sheet_name(round: i64) -> String {
    format!("Verdeling {round}")
}

/// One row of a distribution table: the scale field and the count per point.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DistributionRow {
    pub label: String,
    /// The scale field's group (`Keuzevraagstukken`), which heads the column.
    pub group: Option<String>,
    pub low: String,
    pub high: String,
    /// `(point, count)` from the scale's low end up.
    pub counts: Vec<(i64, i64)>,
}

/// The round record's distribution table in schema order, if it has one.
pub fn distribution(site: &Site, round: &Round) -> Vec<DistributionRow> {
    let Some(record) = round.record.as_ref().and_then(|r| site.page(&r.slug)) else {
        return Vec::new();
    };
    let Some(kind) = site.config.kind(&record.doc.kind) else {
        return Vec::new();
    };
    kind.fields
        .iter()
        .filter_map(|f| match (&f.ty, record.doc.fields.get(&f.name)) {
            (FieldType::Distribution { of_kind }, Some(FieldValue::Distribution(map))) => {
                let of = site.config.kind(of_kind)?;
                Some(of.fields.iter().filter_map(|g| row(g, map.get(&g.name)?)))
            }
            _ => None,
        })
        .flatten()
        .collect()
}

fn row(field: &Field, counts: &[i64]) -> Option<DistributionRow> {
    let FieldType::Scale { min, low, high, .. } = &field.ty else {
        return None;
    };
    Some(DistributionRow {
        label: field.label.clone(),
        group: field.group.clone(),
        low: low.clone(),
        high: high.clone(),
        counts: (*min..).zip(counts.iter().copied()).collect(),
    })
}

/// Excel's longest cell: a longer text is cut there (with `…`) rather than
/// failing the build.
const MAX_CELL: usize = 32_767;

fn fit(text: &str) -> Cow<'_, str> {
    if text.chars().count() <= MAX_CELL {
        Cow::Borrowed(text)
    } else {
        let mut cut: String = text.chars().take(MAX_CELL - 1).collect();
        cut.push('…');
        Cow::Owned(cut)
    }
}

/// The creation date written into the workbook: fixed, so the bytes do not
/// depend on when the site was built (the zip entries carry 1980-01-01 too).
fn creation_date() -> Result<ExcelDateTime> {
    Ok(ExcelDateTime::from_ymd(1980, 1, 1)?)
}

/// The workbook of every round: for each, the comparison sheet and (when the
/// round's record gives one) the distribution sheet.
pub fn workbook(site: &Site, title: &str) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    book.set_properties(
        &DocProperties::new()
            .set_title(title)
            .set_author(&site.config.title)
            .set_creation_datetime(&creation_date()?),
    );
    let bold = Format::new().set_bold();
    for round in compare::rounds(site)
        .into_iter()
        .filter_map(|r| compare::round(site, r))
    {
        let sheet = book.add_worksheet();
        sheet.set_name(round_sheet_name(round.round))?;
        write_round(sheet, site, &round, &bold)
            .with_context(|| format!("sheet {}", round_sheet_name(round.round)))?;
        let rows = distribution(site, &round);
        if !rows.is_empty() {
            let sheet = book.add_worksheet();
            sheet.set_name(distribution_sheet_name(round.round))?;
            write_distribution(sheet, &rows, &bold)
                .with_context(|| format!("sheet {}", distribution_sheet_name(round.round)))?;
        }
    }
    if book.worksheets().is_empty() {
        book.add_worksheet().set_name("Geen gegevens")?;
    }
    Ok(book.save_to_buffer()?)
}

/// The header and rows of `excel::records`; a numeric column's cells (and the
/// round) are numbers where they are, so Excel sorts and sums them.
fn write_round(sheet: &mut Worksheet, site: &Site, round: &Round, bold: &Format) -> Result<()> {
    let records = excel::records(site, round);
    // The three leading columns (subject, document, round) come before the schema's.
    let numeric = |col: usize| col == 2 || (col > 2 && round.columns[col - 3].numeric);
    for (r, record) in records.iter().enumerate() {
        for (c, cell) in record.iter().enumerate() {
            let (row, col) = (r as u32, c as u16);
            match cell.parse::<f64>() {
                Ok(n) if r > 0 && numeric(c) => sheet.write_number(row, col, n)?,
                _ if r == 0 => sheet.write_string_with_format(row, col, fit(cell), bold)?,
                _ => sheet.write_string(row, col, fit(cell))?,
            };
        }
    }
    sheet.set_freeze_panes(1, 1)?;
    sheet.autofit();
    Ok(())
}

fn write_distribution(
    sheet: &mut Worksheet,
    rows: &[DistributionRow],
    bold: &Format,
) -> Result<()> {
    let Some(top) = rows.first() else {
        return Ok(());
    };
    let points: Vec<i64> = top.counts.iter().map(|(p, _)| *p).collect();
    let first = top.group.clone().unwrap_or_else(|| "Kenmerk".to_string());
    let mut header = vec![first, "Pool laag".to_string()];
    header.extend(points.iter().map(|p| p.to_string()));
    header.extend(["Pool hoog".to_string(), "Totaal".to_string()]);
    for (c, h) in header.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, h, bold)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write_string(r, 0, fit(&row.label))?;
        sheet.write_string(r, 1, fit(&row.low))?;
        for (i, point) in points.iter().enumerate() {
            let count = row.counts.iter().find(|(p, _)| p == point).map(|(_, n)| *n);
            if let Some(n) = count {
                sheet.write_number(r, 2 + i as u16, n as f64)?;
            }
        }
        let after = 2 + points.len() as u16;
        sheet.write_string(r, after, fit(&row.high))?;
        let total: i64 = row.counts.iter().map(|(_, n)| n).sum();
        sheet.write_number(r, after + 1, total as f64)?;
    }
    sheet.set_freeze_panes(1, 1)?;
    sheet.autofit();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_longer_than_excel_allows_is_cut_with_an_ellipsis() {
        let long = "a".repeat(MAX_CELL + 10);
        let cut = fit(&long);
        assert_eq!(cut.chars().count(), MAX_CELL);
        assert!(cut.ends_with('…'));
        assert_eq!(fit("kort"), "kort");
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        assert!(sheet.write_string(0, 0, &long).is_err(), "Excel's limit");
        assert!(sheet.write_string(0, 0, fit(&long)).is_ok());
    }
}

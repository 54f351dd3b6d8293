//! Open data: each round's compared documents as CSV and JSON, and the column
//! dictionary, generated from the same schema as the pages. Values are codes
//! (enum values, slugs, numbers); the dictionary gives their labels.
//! Unknown is the configured unknown value; an absent field is empty (CSV) or null (JSON).
//! CSV cells are neutralised against formula injection (`neutralise`).
//! The spreadsheet variants live in `excel` (CSV for Dutch-locale Excel) and `xlsx` (a workbook).

pub mod excel;
pub mod xlsx;

use crate::content::schema::FieldValue;
use crate::render::compare;
use crate::site::{Page, Site};
use anyhow::Result;
use serde_json::{json, Map, Value};
use std::borrow::Cow;

fn rows(site: &Site, round: i64) -> Vec<&Page> {
    let Some(c) = &site.config.compare else {
        return Vec::new();
    };
    let mut pages: Vec<&Page> = site
        .pages_of(&c.kind)
        .filter(|p| p.doc.fields.get(&c.round) == Some(&FieldValue::Integer(round)))
        .collect();
    pages.sort_by(|a, b| a.doc.slug.cmp(&b.doc.slug));
    pages
}

fn json_value(site: &Site, value: Option<&FieldValue>) -> Value {
    match value {
        None => Value::Null,
        Some(FieldValue::Unknown) => json!(site.config.unknown),
        Some(FieldValue::Text(s) | FieldValue::Date(s) | FieldValue::Ref(s)) => json!(s),
        Some(FieldValue::List(v) | FieldValue::RefList(v)) => json!(v),
        Some(FieldValue::Integer(n) | FieldValue::Scale(n)) => json!(n),
        Some(FieldValue::Enum(e)) => json!(e.value),
        Some(FieldValue::EnumList(v)) => json!(v.iter().map(|e| &e.value).collect::<Vec<_>>()),
        Some(FieldValue::Distribution(m)) => json!(m),
        Some(FieldValue::CountMap(m)) => json!(m),
    }
}

fn csv_value(site: &Site, value: Option<&FieldValue>) -> String {
    match json_value(site, value) {
        Value::Null => String::new(),
        Value::String(s) => s,
        Value::Array(items) => items
            .iter()
            .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
            .collect::<Vec<_>>()
            .join(";"),
        other => other.to_string(),
    }
}

/// Fixed columns first, then the schema's compared fields.
fn record(site: &Site, page: &Page) -> Vec<(String, Value)> {
    let c = site.config.compare.as_ref().expect("comparison configured");
    let kind = site.config.kind(&c.kind).expect("validated");
    let subject = match page.doc.fields.get(&c.subject) {
        Some(FieldValue::Ref(s)) => s.clone(),
        _ => String::new(),
    };
    let subject_name = site
        .page(&subject)
        .map(|p| p.doc.title.clone())
        .unwrap_or_default();
    let mut out = vec![
        ("onderwerp".to_string(), json!(subject)),
        ("onderwerp_naam".to_string(), json!(subject_name)),
        ("document".to_string(), json!(page.url)),
        (
            c.round.clone(),
            json_value(site, page.doc.fields.get(&c.round)),
        ),
    ];
    for f in compare::columns(c, kind) {
        out.push((
            f.name.clone(),
            json_value(site, page.doc.fields.get(&f.name)),
        ));
    }
    out
}

pub fn round_json(site: &Site, round: i64) -> Result<Vec<u8>> {
    let rows: Vec<Value> = rows(site, round)
        .into_iter()
        .map(|p| Value::Object(record(site, p).into_iter().collect::<Map<_, _>>()))
        .collect();
    let doc = json!({
        "meetronde": round,
        "onbekend": site.config.unknown,
        "kolommen": compare::dictionary(&site.config),
        "rijen": rows,
    });
    Ok(serde_json::to_vec_pretty(&doc)?)
}

/// A CSV cell that a spreadsheet will not run as a formula (OWASP, "CSV
/// Injection"): text starting with `=`, `+`, `-`, `@`, tab or carriage return
/// gets a leading `'`. Numbers (`-3`, `+2.5`) are data, not formulas, and stay.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && !is_number(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

fn is_number(cell: &str) -> bool {
    let digits = cell.strip_prefix(['+', '-']).unwrap_or(cell);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    all_digits(whole) && all_digits(fraction)
}

/// Writes records as CSV with every cell neutralised; every CSV the build
/// writes goes through here.
pub fn write_csv<I, R, S>(records: I) -> Result<Vec<u8>>
where
    I: IntoIterator<Item = R>,
    R: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    write_csv_with(csv::WriterBuilder::new(), records)
}

/// `write_csv` with the writer's settings given (delimiter, terminator).
pub fn write_csv_with<I, R, S>(builder: csv::WriterBuilder, records: I) -> Result<Vec<u8>>
where
    I: IntoIterator<Item = R>,
    R: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut writer = builder.from_writer(Vec::new());
    for record in records {
        let cells: Vec<String> = record
            .into_iter()
            .map(|c| neutralise(c.as_ref()).into_owned())
            .collect();
        writer.write_record(&cells)?;
    }
    Ok(writer.into_inner()?)
}

pub fn round_csv(site: &Site, round: i64) -> Result<Vec<u8>> {
    let pages = rows(site, round);
    let header: Vec<String> = compare::dictionary(&site.config)
        .into_iter()
        .map(|e| e["veld"].clone())
        .collect();
    let mut records = vec![header];
    let c = site.config.compare.as_ref().expect("comparison configured");
    let kind = site.config.kind(&c.kind).expect("validated");
    for page in pages {
        let mut row: Vec<String> = record(site, page)
            .into_iter()
            .take(3)
            .map(|(_, v)| v.as_str().unwrap_or_default().to_string())
            .collect();
        row.push(csv_value(site, page.doc.fields.get(&c.round)));
        for f in compare::columns(c, kind) {
            row.push(csv_value(site, page.doc.fields.get(&f.name)));
        }
        records.push(row);
    }
    write_csv(records)
}

pub fn dictionary_csv(site: &Site) -> Result<Vec<u8>> {
    let columns = ["veld", "label", "type", "toegestane_waarden", "toelichting"];
    let mut records = vec![columns.map(str::to_string).to_vec()];
    for e in compare::dictionary(&site.config) {
        records.push(columns.iter().map(|c| e[*c].clone()).collect());
    }
    write_csv(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_get_an_apostrophe_numbers_and_text_do_not() {
        for (cell, out) in [
            ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
            ("+1+1", "'+1+1"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("-", "'-"),
            ("-3", "-3"),
            ("+2.5", "+2.5"),
            ("zaanstad", "zaanstad"),
            ("", ""),
        ] {
            assert_eq!(neutralise(cell), out, "{cell:?}");
        }
    }
}

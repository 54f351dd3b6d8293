//! The comparison of one round as a CSV that Dutch-locale Excel opens as a
//! table: semicolons between cells (Dutch Excel reads a comma as the decimal
//! sign), a UTF-8 byte-order mark so accents survive, and the schema's labels
//! as headers and values instead of field names and codes. The code-valued
//! CSV and JSON beside it stay the format for programs.

use crate::render::compare::{self, Round};
use crate::site::Site;
use anyhow::{anyhow, Result};

/// The byte-order mark Excel needs to read a CSV as UTF-8.
pub const BOM: &str = "\u{feff}";

/// The rows of the spreadsheet: a header of labels (with the group, if any), then one row per compared
/// document. Unknown is written as the configured unknown value, an absent
/// field as an empty cell.
pub fn records(site: &Site, round: &Round) -> Vec<Vec<String>> {
    let config = &site.config;
    let subject = compare::subject_kind(config)
        .and_then(|k| config.kind(k))
        .map_or("Onderwerp", |k| k.label.as_str());
    let document = config
        .compare
        .as_ref()
        .and_then(|c| config.kind(&c.kind))
        .map_or("Document", |k| k.label.as_str());
    let mut header = vec![
        subject.to_string(),
        document.to_string(),
        "Meetronde".to_string(),
    ];
    // A label can repeat across groups (`Positionering` the field, and the
    // choice question of that name): a grouped column names its group.
    header.extend(round.columns.iter().map(|c| match &c.group {
        Some(group) => format!("{} ({group})", c.label),
        None => c.label.clone(),
    }));
    let mut out = vec![header];
    for row in &round.rows {
        let mut cells = vec![
            row.subject.title.clone(),
            row.document.title.clone(),
            round.round.to_string(),
        ];
        cells.extend(row.cells.iter().map(|c| {
            if c.missing {
                String::new()
            } else {
                c.text.clone()
            }
        }));
        out.push(cells);
    }
    out
}

/// The spreadsheet CSV of one round: BOM, `;`, CRLF, every cell neutralised
/// against formula injection like every other CSV the build writes.
pub fn round_csv(site: &Site, round: i64) -> Result<Vec<u8>> {
    let round = compare::round(site, round).ok_or_else(|| anyhow!("no comparison configured"))?;
    let mut builder = csv::WriterBuilder::new();
    builder.delimiter(b';').terminator(csv::Terminator::CRLF);
    let body = super::write_csv_with(builder, records(site, &round))?;
    let mut bytes = BOM.as_bytes().to_vec();
    bytes.extend(body);
    Ok(bytes)
}

//! What every page knows about the comparison's downloads: per round the
//! spreadsheet, the code-valued CSV and JSON, and how many of the values the
//! sources actually give, so a reader sees that before downloading. The files
//! themselves are written by `opendata`; the URLs from `compare::Round`.

use crate::render::compare::{self, Round};
use crate::site::Site;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Download {
    pub round: i64,
    /// The comparison page of the round.
    pub url: String,
    /// The page of the document describing the round, when there is one.
    pub record_url: Option<String>,
    pub excel_url: String,
    pub csv_url: String,
    pub json_url: String,
    /// Compared documents (rows) and fields (columns).
    pub rows: usize,
    pub columns: usize,
    /// Cells whose value the sources give (neither unknown nor absent).
    pub known: usize,
    /// The URL parameter that picks subjects on the comparison page
    /// (`?gemeente=zaanstad&gemeente=haarlem`): the compared kind's subject field.
    pub param: String,
}

/// The downloads of one round; `param` is the subject field.
pub fn of_round(round: &Round, param: &str) -> Download {
    let cells = round.rows.iter().flat_map(|r| &r.cells);
    Download {
        round: round.round,
        url: round.url.clone(),
        record_url: round.record.as_ref().map(|r| r.url.clone()),
        excel_url: round.excel_url.clone(),
        csv_url: round.csv_url.clone(),
        json_url: round.json_url.clone(),
        rows: round.rows.len(),
        columns: round.columns.len(),
        known: cells.filter(|c| !c.unknown && !c.missing).count(),
        param: param.to_string(),
    }
}

/// Every round's downloads, oldest round first.
pub fn list(site: &Site) -> Vec<Download> {
    let Some(c) = &site.config.compare else {
        return Vec::new();
    };
    compare::rounds(site)
        .into_iter()
        .filter_map(|r| compare::round(site, r))
        .map(|r| of_round(&r, &c.subject))
        .collect()
}

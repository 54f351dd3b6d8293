//! What every page knows about the comparison's downloads: per round the
//! workbook, the Dutch-Excel CSV, the code-valued CSV and JSON, and how many of the values the
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
    /// The workbook with every round (`opendata::xlsx`).
    pub xlsx_url: String,
    pub csv_url: String,
    pub json_url: String,
    /// Compared documents (rows) and fields (columns).
    pub rows: usize,
    pub columns: usize,
    /// Cells whose value the sources give (neither unknown nor absent).
    pub known: usize,
    /// All cells (`rows * columns`).
    pub total: usize,
    /// `known` and `total` with Dutch digit grouping (`1.058`), for the pages.
    pub known_text: String,
    pub total_text: String,
    /// The URL parameter that picks subjects on the comparison page
    /// (`?gemeente=zaanstad&gemeente=haarlem`): the compared kind's subject field.
    pub param: String,
}

/// The downloads of one round; `param` is the subject field.
pub fn of_round(round: &Round, param: &str) -> Download {
    let cells = round.rows.iter().flat_map(|r| &r.cells);
    let known = cells.filter(|c| !c.unknown && !c.missing).count();
    let total = round.rows.len() * round.columns.len();
    Download {
        round: round.round,
        url: round.url.clone(),
        record_url: round.record.as_ref().map(|r| r.url.clone()),
        excel_url: round.excel_url.clone(),
        xlsx_url: round.xlsx_url.clone(),
        csv_url: round.csv_url.clone(),
        json_url: round.json_url.clone(),
        rows: round.rows.len(),
        columns: round.columns.len(),
        known,
        total,
        known_text: dutch_number(known),
        total_text: dutch_number(total),
        param: param.to_string(),
    }
}

/// A count as Dutch readers write it: a point between groups of three digits.
pub fn dutch_number(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(d);
    }
    out
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

#[cfg(test)]
mod tests {
    use super::dutch_number;

    #[test]
    fn counts_group_thousands_with_a_point() {
        for (n, text) in [
            (0, "0"),
            (412, "412"),
            (1058, "1.058"),
            (1_234_567, "1.234.567"),
        ] {
            assert_eq!(dutch_number(n), text);
        }
    }
}

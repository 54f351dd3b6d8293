//! Checking a search's filters before it runs: each must be a facet (`FACETS`)
//! and each value one that some indexed page has, so that a typo or a made-up
//! value (`--kind bogus`, `--jaar abc`, `--gemeente ../x`) is a usage error
//! listing the values there are, instead of an empty result.

use super::collect::FACETS;
use super::query::Filters;
use super::SearchIndex;
use std::collections::BTreeSet;

/// Why the filters cannot match, or `Ok` when every name and value is known.
pub fn check(ix: &SearchIndex, filters: &Filters) -> Result<(), String> {
    for (name, values) in filters {
        if !FACETS.contains(&name.as_str()) {
            return Err(format!(
                "unknown filter '{name}'; expected one of: {}",
                FACETS.join(", ")
            ));
        }
        let known = known_values(ix, name);
        for value in values {
            if known.contains(value.as_str()) {
                continue;
            }
            let listed: Vec<&str> = known.iter().copied().collect();
            let mut hint = if listed.is_empty() {
                format!("no page has a value for --{name}")
            } else if listed.len() > 40 {
                format!(
                    "{} values exist, e.g. {}",
                    listed.len(),
                    listed[..10].join(", ")
                )
            } else {
                format!("expected one of: {}", listed.join(", "))
            };
            if let Some(close) = crate::content::schema::closest(value, listed.iter().copied()) {
                hint = format!("did you mean '{close}'? {hint}");
            }
            return Err(format!(
                "--{name} '{value}' matches no page\n  hint: {hint}"
            ));
        }
    }
    Ok(())
}

/// Every value of one facet that an indexed page has, sorted.
pub fn known_values<'a>(ix: &'a SearchIndex, facet: &str) -> BTreeSet<&'a str> {
    ix.corpus
        .pages
        .iter()
        .filter_map(|p| p.facets.get(facet))
        .flatten()
        .map(String::as_str)
        .collect()
}

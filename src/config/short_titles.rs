//! The declarations behind short links (`site::short_titles` applies them): a
//! kind's `short_title` pattern and the fields it names, and `[site] points`,
//! the sources' word for a numbered point and the site's.

use serde::{Deserialize, Serialize};

/// `[site] points`: the word the sources number points with, and the site's.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Points {
    pub source: String,
    pub reader: String,
}

/// The field names a pattern fills in, in order (`{nummer}` -> `nummer`).
pub fn placeholders(pattern: &str) -> Vec<&str> {
    pattern
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_the_names_in_braces() {
        assert_eq!(placeholders("observatie {nummer}"), ["nummer"]);
        assert_eq!(placeholders("{a}-{b} en {c"), ["a", "b"]);
    }
}

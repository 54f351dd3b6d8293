//! Names: what a slug is (`is_slug`), a slug suggested for any text
//! (`suggest_slug`: file names, titles, headings), and the fold that compares
//! names and sorts titles without case or accents.

use unicode_normalization::UnicodeNormalization;

/// Slugs and kind names: lowercase ASCII letters and digits, separated by single hyphens.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Turns any file name into a slug suggestion: accents dropped, lowercase, hyphens.
pub fn suggest_slug(name: &str) -> String {
    let folded = fold(name);
    let mut out = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// Lowercase without accents: two names with the same fold collide on
/// case-insensitive or normalising file systems.
pub fn fold(name: &str) -> String {
    name.nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect::<String>()
        .to_lowercase()
}

/// The documents of kind `target` a reference may name, as a hint: all of
/// them, sorted, when there are at most 15; else how many and five of them.
pub fn slug_choices(target: &str, mut slugs: Vec<&str>) -> String {
    slugs.sort_unstable();
    match slugs.len() {
        0 => format!("there are no documents of kind {target} yet"),
        1..=15 => format!("expected one of: {}", slugs.join(", ")),
        n => format!(
            "{n} documents of kind {target} exist, e.g. {}",
            slugs[..5].join(", ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(is_slug("observatie-1"));
        assert!(!is_slug("Observatie"));
        assert!(!is_slug("a--b"));
        assert!(!is_slug("één"));
    }

    #[test]
    fn slug_suggestions_fold_accents() {
        assert_eq!(
            suggest_slug("Éénmeting Zaanstad 2014"),
            "eenmeting-zaanstad-2014"
        );
        assert_eq!(fold("Één"), "een");
    }
}

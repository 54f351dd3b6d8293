//! What `kennisbank search` prints: the plain listing for people and the JSON
//! for programs. Text from content (titles, headings, excerpts, URLs) never
//! reaches a terminal as control characters: the listing shows them escaped
//! (`\u{1b}`), the JSON writes them as `\u001b` escapes (C1 included, which
//! serde_json leaves as they are).

use super::OutputJson;
use crate::diagnostics::controls;
use std::fmt::Write as _;

/// One line of text from content, safe on a terminal.
fn line(text: &str) -> String {
    controls::visible(&text.replace(['\n', '\t'], " ")).into_owned()
}

/// The listing: a count, then per result its title, kind, score, section, URL
/// and excerpt.
pub fn plain(out: &OutputJson) -> String {
    let query = &out.query;
    let mut text = String::new();
    if let Some(message) = super::notes_message(&out.notes) {
        let _ = writeln!(text, "{}", line(&message));
    }
    if out.total == 0 {
        let _ = writeln!(text, "No results for {query:?}");
        return text;
    }
    let _ = writeln!(
        text,
        "{} result{} for {query:?}",
        out.total,
        if out.total == 1 { "" } else { "s" }
    );
    for (i, r) in out.results.iter().enumerate() {
        let _ = writeln!(
            text,
            "\n{:>2}. {} ({}, score {:.3})",
            i + 1,
            line(&r.title),
            line(&r.kind),
            r.score
        );
        if let Some(s) = &r.section {
            let _ = writeln!(text, "    § {}", line(&s.heading));
        }
        let _ = writeln!(text, "    {}", line(&r.url));
        let _ = writeln!(text, "    {}", line(&r.excerpt));
        if let Some(e) = &r.explain {
            text.push_str(&controls::visible(&super::explain::text(e)));
        }
    }
    text
}

/// The JSON, pretty-printed, with every control character escaped.
pub fn json(out: &OutputJson) -> serde_json::Result<String> {
    let text = serde_json::to_string_pretty(out)?;
    // serde_json escapes C0 but not DEL and C1; outside strings the pretty
    // JSON has only its line breaks.
    let mut safe = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() && c != '\n' {
            let _ = write!(safe, "\\u{:04x}", u32::from(c));
        } else {
            safe.push(c);
        }
    }
    Ok(safe)
}

//! What `serve` adds to an HTML page on its way out, never to the built site:
//! the live-reload script (an external file, so a strict Content-Security-Policy
//! still holds) and, while the last rebuild failed, an overlay listing its
//! diagnostics. Pure functions over bytes; `app` (the axum routes) decides when to call them.

use crate::diagnostics::{Diagnostic, Severity};

/// Where the live-reload script, the overlay's stylesheet and the wait endpoint live.
pub const PREFIX: &str = "/__kennisbank/";
pub const SCRIPT: &str = include_str!("livereload.js");
pub const STYLE: &str = include_str!("overlay.css");

/// The element id of the overlay; `kennisbank-` keeps it apart from heading ids.
pub const OVERLAY_ID: &str = "kennisbank-fouten";

/// At most this many diagnostics are listed; the terminal has them all.
const MAX_LISTED: usize = 50;

/// The script tag, placed before `</head>`; `data-build` tells the script which
/// build the page shows.
pub fn script_tag(build: &str) -> String {
    format!(
        "<script src=\"{PREFIX}livereload.js\" data-build=\"{}\" defer></script>",
        escape(build)
    )
}

/// Adds the script (and the overlay when `diagnostics` holds an error) to a page.
pub fn inject(html: &[u8], build: &str, diagnostics: &[Diagnostic]) -> Vec<u8> {
    let script = script_tag(build);
    let overlay = if diagnostics.iter().any(Diagnostic::is_error) {
        overlay(diagnostics)
    } else {
        String::new()
    };
    let mut out = Vec::with_capacity(html.len() + script.len() + overlay.len());
    let head_end = find_ascii_ci(html, b"</head>");
    let body_start = find_ascii_ci(html, b"<body").and_then(|at| {
        html[at..]
            .iter()
            .position(|b| *b == b'>')
            .map(|end| at + end + 1)
    });
    match (head_end, body_start) {
        (Some(head), Some(body)) if head < body => {
            out.extend_from_slice(&html[..head]);
            out.extend_from_slice(script.as_bytes());
            out.extend_from_slice(&html[head..body]);
            out.extend_from_slice(overlay.as_bytes());
            out.extend_from_slice(&html[body..]);
        }
        // Not a full document: put both first, where they still work.
        _ => {
            out.extend_from_slice(script.as_bytes());
            out.extend_from_slice(overlay.as_bytes());
            out.extend_from_slice(html);
        }
    }
    out
}

/// The overlay: a labelled alert region listing file, line, column, message and
/// hint of each diagnostic, all escaped. Styled by an external stylesheet.
pub fn overlay(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let mut html = format!(
        "<link rel=\"stylesheet\" href=\"{PREFIX}overlay.css\">\
         <section id=\"{OVERLAY_ID}\" class=\"kennisbank-fouten\" role=\"alert\" aria-labelledby=\"{OVERLAY_ID}-titel\">\
         <h2 id=\"{OVERLAY_ID}-titel\">De site is niet bijgewerkt: {errors} {}</h2>\
         <p>U ziet de laatste versie zonder fouten. Herstel de {} en sla het bestand op; \
         deze pagina ververst dan vanzelf.</p><ol>",
        if errors == 1 { "fout" } else { "fouten" },
        if errors == 1 { "fout" } else { "fouten" },
    );
    for d in diagnostics.iter().take(MAX_LISTED) {
        let mut place = d.path.display().to_string().replace('\\', "/");
        if d.line > 0 {
            place.push_str(&format!(":{}", d.line));
            if d.column > 0 {
                place.push_str(&format!(":{}", d.column));
            }
        }
        let level = match d.severity {
            Severity::Error => "fout",
            Severity::Warning => "waarschuwing",
        };
        html.push_str(&format!(
            "<li><code>{}</code> <strong>{level}:</strong> <span class=\"kennisbank-melding\">{}</span>",
            escape(&place),
            escape(&d.message)
        ));
        if let Some(hint) = &d.hint {
            html.push_str(&format!(
                "<br><span class=\"kennisbank-hint\">Tip: {}</span>",
                escape(hint)
            ));
        }
        html.push_str("</li>");
    }
    html.push_str("</ol>");
    if diagnostics.len() > MAX_LISTED {
        html.push_str(&format!(
            "<p>En nog {} meldingen: zie de terminal.</p>",
            diagnostics.len() - MAX_LISTED
        ));
    }
    // Shown by the script, which is what makes it work.
    html.push_str("<button type=\"button\" hidden>Sluiten</button></section>");
    html
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    pulldown_cmark_escape::escape_html(&mut out, text).expect("writing to a String cannot fail");
    out.replace('\'', "&#39;")
}

fn find_ascii_ci(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &[u8] =
        b"<!DOCTYPE html>\n<html><head><title>x</title></head>\n<body class=\"a\">\n<p>x</p></body></html>";

    #[test]
    fn script_goes_before_head_end_and_nothing_else_when_all_is_well() {
        let out = String::from_utf8(inject(PAGE, "b1", &[])).unwrap();
        assert_eq!(
            out,
            "<!DOCTYPE html>\n<html><head><title>x</title><script src=\"/__kennisbank/livereload.js\" data-build=\"b1\" defer></script></head>\n<body class=\"a\">\n<p>x</p></body></html>"
        );
    }

    #[test]
    fn overlay_follows_body_start_and_escapes_everything() {
        let d = Diagnostic::error("content/<a>.md", 3, 7, "bad <script>alert(1)</script>")
            .with_hint("use \"x\" & 'y'");
        let out = String::from_utf8(inject(PAGE, "b2", &[d])).unwrap();
        let body = out.find("<body class=\"a\">").unwrap();
        let overlay = out.find("<section id=\"kennisbank-fouten\"").unwrap();
        assert_eq!(
            overlay,
            body + "<body class=\"a\">".len()
                + "<link rel=\"stylesheet\" href=\"/__kennisbank/overlay.css\">".len()
        );
        assert!(out.contains("<code>content/&lt;a&gt;.md:3:7</code> <strong>fout:</strong> <span class=\"kennisbank-melding\">bad &lt;script&gt;alert(1)&lt;/script&gt;</span>"), "{out}");
        assert!(
            out.contains("Tip: use &quot;x&quot; &amp; &#39;y&#39;"),
            "{out}"
        );
        assert!(out.contains("role=\"alert\""));
        assert!(!out.contains("<script>"));
    }

    #[test]
    fn warnings_alone_show_no_overlay() {
        let d = Diagnostic::warning("content/a.md", 1, 1, "meh");
        assert!(!String::from_utf8(inject(PAGE, "b", &[d]))
            .unwrap()
            .contains(OVERLAY_ID));
    }

    #[test]
    fn fragments_without_head_still_get_the_script() {
        let out = String::from_utf8(inject(b"<p>hoi</p>", "b", &[])).unwrap();
        assert!(out.starts_with("<script src=\"/__kennisbank/livereload.js\""));
        assert!(out.ends_with("<p>hoi</p>"));
    }
}

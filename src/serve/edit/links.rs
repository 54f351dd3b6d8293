//! What `serve --edit` adds to a served page, never to the built site: a
//! "Bewerken" link on every document's page and a "… toevoegen" link on every
//! listing, in a bar that is the first thing in `<main>`, so a keyboard user
//! meets it right after "Naar de inhoud". A real link, styled by the external
//! `/__kennisbank/edit.css` (the CSP stays strict). Pure functions over bytes.

use super::{escape, EDIT, NEW};
use crate::serve::inject::PREFIX;

pub const STYLE: &str = include_str!("edit.css");

/// What a page's bar links to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link {
    /// A document's page: its edit form.
    Edit {
        kind: String,
        slug: String,
        title: String,
    },
    /// A listing: the form for a new document of its kind.
    New { kind: String, label: String },
}

/// The bar for `link`.
pub fn bar(link: &Link) -> String {
    let anchor = match link {
        Link::Edit { kind, slug, title } => format!(
            "<a href=\"{PREFIX}{EDIT}/{}/{}\">Bewerken<span class=\"kennisbank-vh\">: {}</span></a>",
            escape(kind),
            escape(slug),
            escape(title)
        ),
        Link::New { kind, label } => format!(
            "<a href=\"{PREFIX}{NEW}/{}\">{} toevoegen</a>",
            escape(kind),
            escape(label)
        ),
    };
    format!(
        "<link rel=\"stylesheet\" href=\"{PREFIX}edit.css\">\
         <nav class=\"kennisbank-bewerkbalk\" aria-label=\"Bewerkmodus\"><p>{anchor} \
         <span class=\"kennisbank-uitleg\">(alleen in de voorbeeldweergave)</span></p></nav>"
    )
}

/// `html` with `bar` as the first content of `<main>`, or of `<body>` when
/// there is no `<main>`, or in front of everything.
pub fn decorate(html: &[u8], bar: &str) -> Vec<u8> {
    let at = open_tag_end(html, b"<main").or_else(|| open_tag_end(html, b"<body"));
    let at = at.unwrap_or(0);
    let mut out = Vec::with_capacity(html.len() + bar.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(bar.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// Just after the `>` of the first `<name` tag (`<main>` or `<main id=…>`).
fn open_tag_end(html: &[u8], name: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = find_ascii_ci(&html[from..], name) {
        let start = from + i;
        let next = html.get(start + name.len()).copied();
        if matches!(next, Some(b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/')) {
            let end = html[start..].iter().position(|b| *b == b'>')?;
            return Some(start + end + 1);
        }
        from = start + name.len();
    }
    None
}

fn find_ascii_ci(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_opens_main_and_escapes_what_it_shows() {
        let page = b"<html><body><a href=\"#inhoud\">x</a><main id=\"inhoud\" tabindex=\"-1\"><h1>T</h1></main></body></html>";
        let link = Link::Edit {
            kind: "factsheet".into(),
            slug: "zaanstad-2014".into(),
            title: "Zaanstad <2014> & \"meer\"".into(),
        };
        let out = String::from_utf8(decorate(page, &bar(&link))).unwrap();
        let main = "<main id=\"inhoud\" tabindex=\"-1\">";
        let at = out.find(main).unwrap() + main.len();
        assert!(out[at..].starts_with("<link rel=\"stylesheet\" href=\"/__kennisbank/edit.css\"><nav class=\"kennisbank-bewerkbalk\" aria-label=\"Bewerkmodus\"><p><a href=\"/__kennisbank/edit/factsheet/zaanstad-2014\">Bewerken<span class=\"kennisbank-vh\">: Zaanstad &lt;2014&gt; &amp; &quot;meer&quot;</span></a>"), "{out}");
        assert!(out.ends_with("<h1>T</h1></main></body></html>"));
    }

    #[test]
    fn without_main_the_bar_opens_body_and_a_mainframe_is_no_main() {
        let link = Link::New {
            kind: "casusreflectie".into(),
            label: "Casusreflectie".into(),
        };
        let bar = bar(&link);
        assert!(bar
            .contains("<a href=\"/__kennisbank/new/casusreflectie\">Casusreflectie toevoegen</a>"));
        let out = decorate(b"<body class=\"a\"><mainframe></mainframe></body>", &bar);
        let out = String::from_utf8(out).unwrap();
        assert!(
            out.starts_with(&format!("<body class=\"a\">{bar}<mainframe>")),
            "{out}"
        );
        let bare = String::from_utf8(decorate(b"<p>x</p>", &bar)).unwrap();
        assert_eq!(bare, format!("{bar}<p>x</p>"));
    }
}

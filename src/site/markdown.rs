//! Rendering a document's Markdown body to HTML with pulldown-cmark: wikilinks and
//! relative `.md` links resolved to URLs, heading anchors, raw HTML refused, images
//! required to have alt text. Returns the HTML, the sections, the outgoing links
//! and the plain text; diagnostics carry file lines.

use crate::config::urls;
use crate::content::document::Document;
use crate::diagnostics::controls;
use crate::diagnostics::{line_col, Diagnostic};
pub use crate::site::anchors::AnchorLink;
use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};
use serde::Serialize;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

/// What links can point to: documents by slug and by file, and copied assets.
#[derive(Debug, Default)]
pub struct LinkIndex {
    /// slug -> (kind, title, url)
    pub by_slug: HashMap<String, (String, String, String)>,
    /// path relative to content/ -> slug
    pub by_rel: HashMap<PathBuf, String>,
    /// asset paths relative to content/
    pub assets: HashSet<PathBuf>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
    /// Slugs of the documents the body links to.
    pub links: BTreeSet<String>,
    /// The body as plain text, for excerpts and search.
    pub text: String,
    /// The body cut at its `##` headings, for search results that point into a page.
    pub sections: Vec<Section>,
    /// Links to a section of a page (`[[slug#anker]]`, `a.md#anker`, `#anker`),
    /// checked by `anchors` once every page's headings are known.
    pub anchor_links: Vec<AnchorLink>,
}

/// A `##` heading and the plain text under it, up to the next `##` heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub id: String,
    pub heading: String,
    /// The text after the heading line (sub-headings included).
    pub text: String,
}

/// Element ids of the page layout that a body heading must not take.
pub const RESERVED_IDS: &[&str] = &["inhoud"];

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_WIKILINKS
}

/// Renders `doc.body`; `page_url` is where the page will live, to make links relative.
pub fn render(doc: &Document, page_url: &str, index: &LinkIndex) -> (Rendered, Vec<Diagnostic>) {
    let (rendered, diagnostics, _) = render_tracked(doc, page_url, index);
    (rendered, diagnostics)
}

/// One link or image destination of a body and what it resolved to: all that a
/// rendered body depends on beyond the document itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkUse {
    dest: String,
    wiki: bool,
    outcome: Result<Target, (String, String)>,
}

impl LinkUse {
    /// Whether the destination resolves the same way against `index`.
    pub fn holds(&self, doc: &Document, index: &LinkIndex) -> bool {
        resolve(doc, &self.dest, self.wiki, index) == self.outcome
    }
}

/// `render`, also returning every link resolution the output depends on, so that
/// a caller can tell when a rendered body is still valid for a changed site.
pub fn render_tracked(
    doc: &Document,
    page_url: &str,
    index: &LinkIndex,
) -> (Rendered, Vec<Diagnostic>, Vec<LinkUse>) {
    let mut uses = Vec::new();
    let mut resolve = |doc: &Document, dest: &str, wiki: bool, index: &LinkIndex| {
        let outcome = resolve(doc, dest, wiki, index);
        uses.push(LinkUse {
            dest: dest.to_string(),
            wiki,
            outcome: outcome.clone(),
        });
        outcome
    };
    // Reported once per line, and blanked so none reaches the HTML or the text.
    let mut diagnostics = control_characters(&doc.display, &doc.body, doc.body_line);
    let blanked = controls::blank(&doc.body);
    let body = blanked.as_ref();
    let root = urls::root_prefix(page_url);
    let mut out = Rendered::default();
    let at = |offset: usize| {
        let (line, col) = line_col(body, offset);
        (doc.body_line + line - 1, col)
    };
    let mut events: Vec<Event> = Vec::new();
    // Ids the theme uses itself; theme-only ids start with `kb-`.
    let mut used_ids: HashSet<String> = RESERVED_IDS.iter().map(|s| s.to_string()).collect();
    let mut last_html_line = 0;
    // Set while inside a wikilink without label: its text is replaced by the title.
    let mut replace_text: Option<String> = None;
    let mut image_alt: Option<(usize, String)> = None;
    // Where in `out.text` each heading starts, in the order of `out.headings`.
    let mut heading_starts: Vec<usize> = Vec::new();
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        if let Event::Start(Tag::Heading { .. }) = &event {
            heading_starts.push(out.text.len());
        }
        match event {
            Event::Html(html) | Event::InlineHtml(html) => {
                let (line, col) = at(range.start);
                if html.trim_start().starts_with("<!--") || line == last_html_line {
                    continue;
                }
                last_html_line = line;
                diagnostics.push(
                    Diagnostic::error(&doc.display, line, col, format!("raw HTML is not allowed: {}", html.trim().chars().take(40).collect::<String>()))
                        .with_hint("write it in Markdown; Kennisbank does not pass HTML through, so no script can be injected"),
                );
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let (line, col) = at(range.start);
                let wiki = matches!(link_type, LinkType::WikiLink { .. });
                let outcome = resolve(doc, &dest_url, wiki, index);
                if let Some((slug, anchor)) = anchor_target(doc, &dest_url, wiki, &outcome) {
                    out.anchor_links.push(AnchorLink {
                        slug,
                        anchor,
                        written: if wiki {
                            format!("[[{dest_url}]]")
                        } else {
                            format!("'{dest_url}'")
                        },
                        line,
                        column: col,
                    });
                }
                match outcome {
                    Ok(Target::Document {
                        slug,
                        title: doc_title,
                        url,
                        anchor,
                    }) => {
                        if matches!(link_type, LinkType::WikiLink { has_pothole: false }) {
                            replace_text = Some(doc_title);
                        }
                        out.links.insert(slug);
                        let dest = format!(
                            "{root}{url}{}",
                            anchor.map(|a| format!("#{a}")).unwrap_or_default()
                        );
                        events.push(Event::Start(Tag::Link {
                            link_type,
                            dest_url: dest.into(),
                            title,
                            id,
                        }));
                    }
                    Ok(Target::Asset(url)) => {
                        events.push(Event::Start(Tag::Link {
                            link_type,
                            dest_url: format!("{root}{url}").into(),
                            title,
                            id,
                        }));
                    }
                    Ok(Target::External) => {
                        events.push(Event::Start(Tag::Link {
                            link_type,
                            dest_url,
                            title,
                            id,
                        }));
                    }
                    Err((message, hint)) => {
                        diagnostics.push(
                            Diagnostic::error(&doc.display, line, col, message).with_hint(hint),
                        );
                        events.push(Event::Start(Tag::Link {
                            link_type,
                            dest_url,
                            title,
                            id,
                        }));
                    }
                }
            }
            Event::End(TagEnd::Link) => {
                if let Some(title) = replace_text.take() {
                    out.text.push_str(&title);
                    events.push(Event::Text(title.into()));
                }
                events.push(Event::End(TagEnd::Link));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let (line, col) = at(range.start);
                image_alt = Some((line * 100_000 + col, String::new()));
                let dest = match resolve(doc, &dest_url, false, index) {
                    Ok(Target::Asset(url)) => format!("{root}{url}").into(),
                    Ok(Target::External) => {
                        diagnostics.push(
                            Diagnostic::error(&doc.display, line, col, format!("image from another host: {dest_url}"))
                                .with_hint("put the image in content/ so the site makes no request to another host"),
                        );
                        dest_url
                    }
                    Ok(Target::Document { .. }) => {
                        diagnostics.push(Diagnostic::error(
                            &doc.display,
                            line,
                            col,
                            "an image cannot point to a document",
                        ));
                        dest_url
                    }
                    Err((message, hint)) => {
                        diagnostics.push(
                            Diagnostic::error(&doc.display, line, col, message).with_hint(hint),
                        );
                        dest_url
                    }
                };
                events.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url: dest,
                    title,
                    id,
                }));
            }
            Event::End(TagEnd::Image) => {
                if let Some((pos, alt)) = image_alt.take() {
                    if alt.trim().is_empty() {
                        diagnostics.push(
                            Diagnostic::error(
                                &doc.display,
                                pos / 100_000,
                                pos % 100_000,
                                "image without alt text",
                            )
                            .with_hint("describe the image: ![beschrijving](pad.png)"),
                        );
                    }
                }
                events.push(Event::End(TagEnd::Image));
            }
            Event::Text(text) => {
                if let Some((_, alt)) = image_alt.as_mut() {
                    alt.push_str(&text);
                }
                if replace_text.is_some() {
                    continue;
                }
                out.text.push_str(&text);
                events.push(Event::Text(text));
            }
            Event::Code(code) => {
                out.text.push_str(&code);
                events.push(Event::Code(code));
            }
            Event::SoftBreak | Event::HardBreak => {
                out.text.push(' ');
                events.push(event);
            }
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell,
            ) => {
                out.text.push('\n');
                events.push(event);
            }
            other => events.push(other),
        }
    }
    assign_heading_ids(&mut events, &mut used_ids, &mut out.headings);
    out.sections = sections(&out.text, &out.headings, &heading_starts);
    pulldown_cmark::html::push_html(&mut out.html, events.into_iter());
    (out, diagnostics, uses)
}

/// The page and anchor a link points into, if it names an anchor: a document's
/// section, or (for `#anker`) one of this page's own.
fn anchor_target(
    doc: &Document,
    dest: &str,
    wiki: bool,
    outcome: &Result<Target, (String, String)>,
) -> Option<(String, String)> {
    match outcome {
        Ok(Target::Document {
            slug,
            anchor: Some(anchor),
            ..
        }) => Some((slug.clone(), anchor.clone())),
        Ok(Target::External) if !wiki => dest
            .strip_prefix('#')
            .map(|anchor| (doc.slug.clone(), anchor.to_string())),
        _ => None,
    }
}

/// Cuts the plain text at the level-2 headings.
fn sections(text: &str, headings: &[Heading], starts: &[usize]) -> Vec<Section> {
    let cuts: Vec<(usize, &Heading)> = starts
        .iter()
        .zip(headings)
        .filter(|(_, h)| h.level == 2)
        .map(|(s, h)| (*s, h))
        .collect();
    cuts.iter()
        .enumerate()
        .map(|(i, (start, h))| {
            let end = cuts.get(i + 1).map_or(text.len(), |(s, _)| *s);
            let chunk = &text[*start..end];
            // The heading's own line is the section's name, not its text.
            let body = chunk.split_once('\n').map_or("", |(_, rest)| rest);
            Section {
                id: h.id.clone(),
                heading: h.text.clone(),
                text: body.trim().to_string(),
            }
        })
        .collect()
}

/// Gives every heading an id (its explicit `{#id}` or one made from its text,
/// made unique) and records it as a section.
fn assign_heading_ids(
    events: &mut [Event],
    used: &mut HashSet<String>,
    headings: &mut Vec<Heading>,
) {
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { level, id, .. }) = &events[i] {
            let level = *level;
            let explicit = id.as_ref().map(|s| s.to_string());
            let mut text = String::new();
            let mut j = i + 1;
            while j < events.len() && !matches!(events[j], Event::End(TagEnd::Heading(_))) {
                if let Event::Text(t) | Event::Code(t) = &events[j] {
                    text.push_str(t);
                }
                j += 1;
            }
            let base = explicit.unwrap_or_else(|| urls::anchor(&text));
            let mut unique = base.clone();
            let mut n = 2;
            while !used.insert(unique.clone()) {
                unique = format!("{base}-{n}");
                n += 1;
            }
            if let Event::Start(Tag::Heading { id, .. }) = &mut events[i] {
                *id = Some(CowStr::from(unique.clone()));
            }
            headings.push(Heading {
                level: heading_level(level),
                id: unique,
                text: text.trim().to_string(),
            });
            i = j;
        }
        i += 1;
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    level as u8
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Target {
    Document {
        slug: String,
        title: String,
        url: String,
        anchor: Option<String>,
    },
    Asset(String),
    External,
}

fn is_external(dest: &str) -> bool {
    dest.contains("://")
        || dest.starts_with("mailto:")
        || dest.starts_with("tel:")
        || dest.starts_with('#')
}

fn resolve(
    doc: &Document,
    dest: &str,
    wiki: bool,
    index: &LinkIndex,
) -> Result<Target, (String, String)> {
    let (path, anchor) = match dest.split_once('#') {
        Some((p, a)) => (p, Some(a.to_string())),
        None => (dest, None),
    };
    if wiki {
        let slug = path.rsplit('/').next().unwrap_or(path).trim();
        let kind_prefix = path.rsplit_once('/').map(|(k, _)| k.trim());
        return match index.by_slug.get(slug) {
            Some((kind, title, url)) if kind_prefix.is_none_or(|k| k == kind) => {
                Ok(Target::Document {
                    slug: slug.to_string(),
                    title: title.clone(),
                    url: url.clone(),
                    anchor,
                })
            }
            Some((kind, _, _)) => Err((
                format!(
                    "broken link [[{dest}]]: '{slug}' is a {kind}, not a {}",
                    kind_prefix.unwrap_or_default()
                ),
                format!("write [[{kind}/{slug}]] or [[{slug}]]"),
            )),
            None => Err((
                format!("broken link [[{dest}]]: no document with slug '{slug}'"),
                suggestion(slug, index),
            )),
        };
    }
    if is_external(dest) {
        return Ok(Target::External);
    }
    let base = doc.rel.parent().unwrap_or(Path::new(""));
    let Some(target) = normalize(&base.join(path)) else {
        return Err((
            format!("broken link '{dest}': it leads outside content/"),
            "link to files inside content/".into(),
        ));
    };
    if path.ends_with(".md") {
        match index
            .by_rel
            .get(&target)
            .and_then(|slug| index.by_slug.get(slug).map(|d| (slug, d)))
        {
            Some((slug, (_, title, url))) => Ok(Target::Document {
                slug: slug.clone(),
                title: title.clone(),
                url: url.clone(),
                anchor,
            }),
            None => Err((
                format!(
                    "broken link '{dest}': {} does not exist",
                    Path::new("content").join(&target).display()
                ),
                "check the file name, or link by slug with [[slug]]".into(),
            )),
        }
    } else if index.assets.contains(&target) {
        Ok(Target::Asset(target.to_string_lossy().replace('\\', "/")))
    } else {
        Err((
            format!(
                "broken link '{dest}': {} does not exist",
                Path::new("content").join(&target).display()
            ),
            "put the file in content/ or fix the path".into(),
        ))
    }
}

fn suggestion(slug: &str, index: &LinkIndex) -> String {
    match crate::content::schema::closest(slug, index.by_slug.keys().map(String::as_str)) {
        Some(close) => format!("did you mean [[{close}]]?"),
        None => "check the slug: it is the file name without .md".into(),
    }
}

/// Resolves `.` and `..` without touching the disk; `None` if it escapes the root.
fn normalize(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::Normal(p) => out.push(p),
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            _ => return None,
        }
    }
    Some(out)
}

/// A diagnostic for the first forbidden character on each line of a Markdown
/// body (`body_line`: the file line the body starts on).
fn control_characters(display: &Path, body: &str, body_line: usize) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        if let Some((at, c)) = controls::find(line, controls::is_forbidden) {
            let (l, col) = line_col(body, offset + at);
            out.push(
                Diagnostic::error(
                    display,
                    body_line + l - 1,
                    col,
                    format!("{} in the text", controls::describe(c)),
                )
                .with_hint(
                    "delete it: control characters are invisible in most editors (they come \
                     along with text pasted from a PDF), break the feed and act on terminals",
                ),
            );
        }
        offset += line.len();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn doc(body: &str) -> Document {
        Document {
            kind: "thema".into(),
            slug: "toegang".into(),
            display: PathBuf::from("content/themas/toegang.md"),
            rel: PathBuf::from("themas/toegang.md"),
            title: "Toegang".into(),
            summary: None,
            draft: false,
            fields: BTreeMap::new(),
            field_lines: BTreeMap::new(),
            ref_positions: BTreeMap::new(),
            body: body.into(),
            body_line: 4,
        }
    }

    fn index() -> LinkIndex {
        let mut index = LinkIndex::default();
        index.by_slug.insert(
            "zaanstad".into(),
            (
                "gemeente".into(),
                "Zaanstad".into(),
                "gemeenten/zaanstad.html".into(),
            ),
        );
        index
            .by_rel
            .insert(PathBuf::from("gemeenten/zaanstad.md"), "zaanstad".into());
        index
    }

    #[test]
    fn headings_get_unique_ids_and_reserved_ids_are_avoided() {
        let (r, d) = render(
            &doc("## Inhoud\n\n## Aanpak\n\n## Aanpak\n\n## Eigen {#eigen-id}\n"),
            "themas/toegang.html",
            &index(),
        );
        assert!(d.is_empty());
        let ids: Vec<&str> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["inhoud-2", "aanpak", "aanpak-2", "eigen-id"]);
        assert!(
            r.html.contains("<h2 id=\"aanpak-2\">Aanpak</h2>"),
            "{}",
            r.html
        );
    }

    #[test]
    fn wikilink_shows_title_and_is_relative_to_the_page() {
        let (r, d) = render(
            &doc("Zie [[zaanstad#stand]] en [[gemeente/zaanstad|de gemeente]].\n"),
            "themas/toegang.html",
            &index(),
        );
        assert!(d.is_empty());
        assert_eq!(
            r.html,
            "<p>Zie <a href=\"../gemeenten/zaanstad.html#stand\">Zaanstad</a> en <a href=\"../gemeenten/zaanstad.html\">de gemeente</a>.</p>\n"
        );
        assert_eq!(r.links.iter().collect::<Vec<_>>(), ["zaanstad"]);
    }

    #[test]
    fn html_comments_are_dropped_and_other_html_refused_once_per_line() {
        let (r, d) = render(
            &doc("<!-- notitie -->\n\nTekst <b>vet</b>.\n"),
            "themas/toegang.html",
            &index(),
        );
        assert!(!r.html.contains("notitie"));
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].line, d[0].column), (6, 7));
    }

    #[test]
    fn external_image_is_refused() {
        let (_, d) = render(
            &doc("![kaart](https://example.org/k.png)\n"),
            "themas/toegang.html",
            &index(),
        );
        assert_eq!(
            d[0].message,
            "image from another host: https://example.org/k.png"
        );
    }

    #[test]
    fn plain_text_is_collected_for_excerpts() {
        let (r, _) = render(
            &doc("## Kop\n\nEen *zin* met `code`.\n"),
            "themas/toegang.html",
            &index(),
        );
        assert_eq!(r.text, "Kop\nEen zin met code.\n");
    }

    #[test]
    fn wikilinks_are_in_the_plain_text_with_their_title_or_label() {
        let (r, _) = render(
            &doc("Zie [[zaanstad]] en [[zaanstad|de gemeente]].\n"),
            "themas/toegang.html",
            &index(),
        );
        assert_eq!(r.text, "Zie Zaanstad en de gemeente.\n");
    }

    #[test]
    fn level_two_headings_cut_the_text_into_sections() {
        let (r, _) = render(
            &doc("Inleiding.\n\n## Eerste deel\n\nTekst een.\n\n### Detail\n\nMeer.\n\n## Tweede\n\nTekst twee.\n"),
            "themas/toegang.html",
            &index(),
        );
        let got: Vec<(&str, &str, &str)> = r
            .sections
            .iter()
            .map(|s| (s.id.as_str(), s.heading.as_str(), s.text.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("eerste-deel", "Eerste deel", "Tekst een.\nDetail\nMeer."),
                ("tweede", "Tweede", "Tekst twee.")
            ]
        );
    }
}

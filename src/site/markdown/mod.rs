//! Rendering a document's Markdown body to HTML with pulldown-cmark: wikilinks and
//! relative `.md` links resolved to URLs (`links`), heading anchors and the
//! `##` sections (`headings`), raw HTML refused, images required to have alt
//! text. Returns the HTML, the sections, the outgoing links and the plain text;
//! diagnostics carry file lines.

use crate::config::urls;
use crate::content::document::Document;
use crate::diagnostics::controls;
use crate::diagnostics::{line_col, Diagnostic};
pub use crate::site::anchors::AnchorLink;
use pulldown_cmark::{CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};
use serde::Serialize;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

mod headings;
mod links;

use headings::{assign_heading_ids, sections};
pub use links::LinkUse;
use links::{anchor_target, resolve, Target};

/// What links can point to: documents by slug and by file, and copied assets.
#[derive(Debug, Default)]
pub struct LinkIndex {
    /// slug -> (kind, title, url)
    pub by_slug: HashMap<String, (String, String, String)>,
    /// path relative to content/ -> slug
    pub by_rel: HashMap<PathBuf, String>,
    /// asset paths relative to content/
    pub assets: HashSet<PathBuf>,
    /// slug -> how a link in running text names it, for kinds with a
    /// `short_title` (`short_titles`)
    pub short: HashMap<String, String>,
    /// The sources' word for a numbered point and the site's (`[site] points`).
    pub points: Option<crate::config::short_titles::Points>,
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
    // The event before was a soft line break (see `rejoin_broken_word`).
    let mut after_soft_break = false;
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        let soft_break = std::mem::take(&mut after_soft_break);
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
                        short,
                    }) => {
                        // A wikilink without label reads as the title, or as
                        // the short title with the full one as the link's title.
                        let mut title = title;
                        if matches!(link_type, LinkType::WikiLink { has_pothole: false }) {
                            replace_text = Some(match short {
                                Some(short) => {
                                    if title.is_empty() {
                                        title = doc_title.into();
                                    }
                                    if crate::site::short_titles::starts_sentence(&out.text) {
                                        crate::site::short_titles::capitalised(&short)
                                    } else {
                                        short
                                    }
                                }
                                None => doc_title,
                            });
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
                let text = match &index.points {
                    Some(points) if image_alt.is_none() => {
                        match crate::site::short_titles::rewrite_points(&text, points) {
                            std::borrow::Cow::Owned(changed) => CowStr::from(changed),
                            std::borrow::Cow::Borrowed(_) => text,
                        }
                    }
                    _ => text,
                };
                if soft_break {
                    rejoin_broken_word(&mut out.text, &text);
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
                after_soft_break = matches!(event, Event::SoftBreak);
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
mod tests;

/// A word broken at a line end with a hyphen, as text from a PDF often is
/// (`ge-` / `meenten`), is one word again in the plain text that search
/// indexes and excerpts show: `text` (the plain text so far, ending with the
/// line break's space) loses that space and the hyphen when `next` goes on
/// in lower case. A hyphen before `en`, `of` or `tot` stays: it stands for a
/// shared last part (`zorg- en welzijnsinstellingen`).
fn rejoin_broken_word(text: &mut String, next: &str) {
    let Some(head) = text.strip_suffix("- ") else {
        return;
    };
    let word: String = next.chars().take_while(|c| c.is_alphabetic()).collect();
    let lower = word.chars().next().is_some_and(char::is_lowercase);
    let broken = head.chars().next_back().is_some_and(char::is_alphabetic);
    if lower && broken && !matches!(word.as_str(), "en" | "of" | "tot") {
        let keep = head.len();
        text.truncate(keep);
    }
}

//! The editor's forms as a browser sends them: the successful controls of a
//! form in the served HTML, in document order (checked boxes and radios,
//! selected options, textareas with their line ends as CRLF), posted
//! urlencoded to the real server over TCP.

use crate::harness::serve::{Reply, Server};
use scraper::{ElementRef, Html, Selector};

/// The editor's own form on an editor page.
pub const EDIT_FORM: &str = "form#kb-bewerken";

/// The name/value pairs the form `form` (a CSS selector) of `html` submits
/// with its default button (which has no name).
pub fn form_pairs(html: &str, form: &str) -> Vec<(String, String)> {
    let doc = Html::parse_document(html);
    let form = doc
        .select(&Selector::parse(form).unwrap())
        .next()
        .unwrap_or_else(|| panic!("no {form} in the page:\n{html}"));
    let controls = Selector::parse("input, select, textarea").unwrap();
    let mut pairs = Vec::new();
    for control in form.select(&controls) {
        let el = control.value();
        let Some(name) = el.attr("name") else {
            continue;
        };
        if name.is_empty() || el.attr("disabled").is_some() {
            continue;
        }
        match el.name() {
            "input" => {
                let ty = el.attr("type").unwrap_or("text").to_ascii_lowercase();
                match ty.as_str() {
                    "submit" | "button" | "reset" | "image" | "file" => {}
                    "checkbox" | "radio" => {
                        if el.attr("checked").is_some() {
                            pairs.push((name.into(), el.attr("value").unwrap_or("on").into()));
                        }
                    }
                    _ => pairs.push((name.into(), el.attr("value").unwrap_or("").into())),
                }
            }
            "select" => {
                if let Some(value) = selected(control) {
                    pairs.push((name.into(), value));
                }
            }
            "textarea" => {
                let text: String = control.text().collect();
                // HTML's "newline normalization" on submission.
                let text = text.replace("\r\n", "\n").replace('\n', "\r\n");
                pairs.push((name.into(), text));
            }
            _ => {}
        }
    }
    pairs
}

/// The value a single select submits: the selected option, else the first.
fn selected(select: ElementRef) -> Option<String> {
    let options = Selector::parse("option").unwrap();
    let all: Vec<ElementRef> = select.select(&options).collect();
    let chosen = all
        .iter()
        .rev()
        .find(|o| o.value().attr("selected").is_some())
        .or(all.first())?;
    Some(
        chosen
            .value()
            .attr("value")
            .map(str::to_string)
            .unwrap_or_else(|| chosen.text().collect()),
    )
}

/// Replaces the value of every pair named `name` with `value` (adds one when
/// there is none).
pub fn set(pairs: &mut Vec<(String, String)>, name: &str, value: &str) {
    let mut found = false;
    for (n, v) in pairs.iter_mut() {
        if n == name {
            *v = value.into();
            found = true;
        }
    }
    if !found {
        pairs.push((name.into(), value.into()));
    }
}

pub fn urlencoded(pairs: &[(String, String)]) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

/// A POST of `body` to `path` with the browser's same-origin headers and
/// `extra` header lines (each ending in CRLF).
pub fn post_raw(server: &Server, path: &str, body: &str, extra: &str) -> Reply {
    server.send(&format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len}\r\n\
         {extra}\r\n{body}",
        addr = server.addr,
        len = body.len(),
    ))
}

/// A form posted as the browser does from a page of the preview.
pub fn post(server: &Server, path: &str, pairs: &[(String, String)]) -> Reply {
    let origin = format!(
        "Origin: http://{}\r\nSec-Fetch-Site: same-origin\r\n",
        server.addr
    );
    post_raw(server, path, &urlencoded(pairs), &origin)
}

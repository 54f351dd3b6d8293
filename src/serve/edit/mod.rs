//! `kennisbank serve --edit`: editing in the live preview. A form per kind made
//! from the schema (`contribute`), at `/__kennisbank/edit/{kind}/{slug}` for a
//! document and `/__kennisbank/new/{kind}` for a new one; a save is checked
//! with `check`'s own code, written as a minimal change (`save`), and only
//! with this process's `_token` and the `_base` the form was made from.
//!
//! Independent of the HTTP crate: `Editor::handle` takes a `Request` (method,
//! path, query, form pairs) and gives a `Reply` (status, headers, body).
//! serve's HTTP layer refuses a foreign `Host` or `Origin` and too large a
//! body before a request gets here, and adds the edit links to pages with
//! `Editor::decorate`.

mod flow;
mod links;
mod page;
mod save;
#[cfg(test)]
mod tests;
mod token;

use crate::config::urls;
use crate::contribute::{Catalog, FormValues};
use crate::render::context::SiteCtx;
use crate::serve::inject::PREFIX;
use crate::site::Site;
use links::Link;
use std::collections::HashMap;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};
use tera::Tera;
use token::Token;

/// The path segment of the edit forms (`/__kennisbank/edit/…`).
pub const EDIT: &str = "edit";
/// The path segment of the forms for new documents (`/__kennisbank/new/…`).
pub const NEW: &str = "new";
/// How long a save waits for the rebuild that shows it before redirecting.
pub const REBUILD_WAIT: Duration = Duration::from_secs(5);

/// A request for the editor, as the HTTP layer hands it over.
#[derive(Debug, Clone, Default)]
pub struct Request<'a> {
    /// `GET`, `HEAD`, `POST`, …
    pub method: &'a str,
    /// The path as requested (`/__kennisbank/edit/factsheet/zaanstad-2014`).
    pub path: &'a str,
    /// The query string without `?`.
    pub query: &'a str,
    /// The pairs of an `application/x-www-form-urlencoded` body.
    pub form: FormValues,
}

/// The editor's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// An HTML page of the editor: it may not be framed by another page, and
    /// its forms may only be sent back here.
    fn html(status: u16, body: String) -> Reply {
        Reply {
            status,
            headers: vec![
                ("content-type", "text/html; charset=utf-8".into()),
                (
                    "content-security-policy",
                    "default-src 'self'; img-src 'self' data:; base-uri 'none'; \
                     form-action 'self'; frame-ancestors 'none'"
                        .into(),
                ),
                ("x-frame-options", "DENY".into()),
                ("referrer-policy", "same-origin".into()),
            ],
            body: body.into_bytes(),
        }
    }

    /// A short page of its own (refusals, errors), outside the theme.
    fn message(status: u16, title: &str, text: &str) -> Reply {
        Reply::html(
            status,
            format!(
                "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\">\
                 <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
                 <title>{}</title></head><body><main><h1>{}</h1><p>{}</p>\
                 <p><a href=\"/\">Naar de voorbeeldweergave</a></p></main></body></html>",
                escape(title),
                escape(title),
                escape(text)
            ),
        )
    }

    fn see_other(location: String) -> Reply {
        Reply {
            status: 303,
            headers: vec![
                ("location", location),
                ("content-type", "text/plain; charset=utf-8".into()),
            ],
            body: b"303 see other\n".to_vec(),
        }
    }
}

/// What the editor knows of the site: the last build's, with what its pages
/// and forms need made once per build.
pub struct Snapshot {
    pub site: Arc<Site>,
    /// `None` while the theme's templates have errors.
    pub tera: Option<Arc<Tera>>,
    pub catalog: Catalog,
    pub site_ctx: SiteCtx,
    /// The bar each page gets, by its path in the site.
    links: HashMap<String, Link>,
}

impl Snapshot {
    pub fn new(site: Arc<Site>, tera: Option<Arc<Tera>>) -> Snapshot {
        let mut links = HashMap::new();
        for page in &site.pages {
            links.insert(
                page.url.clone(),
                Link::Edit {
                    kind: page.doc.kind.clone(),
                    slug: page.doc.slug.clone(),
                    title: page.doc.title.clone(),
                },
            );
        }
        for kind in &site.config.kinds {
            links.insert(
                urls::listing(kind),
                Link::New {
                    kind: kind.name.clone(),
                    label: kind.label.clone(),
                },
            );
        }
        Snapshot {
            catalog: Catalog::from_site(&site),
            site_ctx: crate::render::site_context(&site),
            site,
            tera,
            links,
        }
    }
}

/// The editor of one serve process.
pub struct Editor {
    token: Token,
    /// How long a save waits for the rebuild that shows it.
    rebuild_wait: Duration,
    current: Mutex<Option<Arc<Snapshot>>>,
    /// Told whenever a snapshot is published.
    published: Condvar,
}

impl Editor {
    pub fn new(rebuild_wait: Duration) -> std::io::Result<Editor> {
        Ok(Editor {
            token: Token::random()?,
            rebuild_wait,
            current: Mutex::new(None),
            published: Condvar::new(),
        })
    }

    /// The anti-CSRF token of this process.
    pub fn token(&self) -> &str {
        self.token.as_str()
    }

    /// Whether `path` is the editor's (its forms and stylesheet).
    pub fn owns(path: &str) -> bool {
        path.strip_prefix(PREFIX).is_some_and(|rest| {
            rest == "edit.css"
                || rest.starts_with(&format!("{EDIT}/"))
                || rest.starts_with(&format!("{NEW}/"))
        })
    }

    /// Takes the site of a new build (`None` while `site.toml` is broken: no
    /// form is offered then). The snapshot it replaces is freed on a thread
    /// of its own, as freeing a large site takes a while.
    pub fn publish(&self, site: Option<(Arc<Site>, Option<Arc<Tera>>)>) {
        let next = site.map(|(site, tera)| Arc::new(Snapshot::new(site, tera)));
        let old = std::mem::replace(&mut *self.lock(), next);
        self.published.notify_all();
        if old.is_some() {
            std::thread::spawn(move || drop(old));
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Arc<Snapshot>>> {
        self.current.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn snapshot(&self) -> Option<Arc<Snapshot>> {
        self.lock().clone()
    }

    /// Waits until a published snapshot satisfies `done`, for at most
    /// `rebuild_wait`: a save redirects to a page that already shows it.
    fn wait_for(&self, done: impl Fn(&Snapshot) -> bool) {
        let deadline = Instant::now() + self.rebuild_wait;
        let mut current = self.lock();
        loop {
            if current.as_deref().is_some_and(&done) {
                return;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return;
            }
            current = self
                .published
                .wait_timeout(current, left)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }

    /// `html`, the page at `key` (its path in the site), with its edit bar;
    /// `None` when the page gets none.
    pub fn decorate(&self, key: &str, html: &[u8]) -> Option<Vec<u8>> {
        let snapshot = self.snapshot()?;
        let link = snapshot.links.get(key)?;
        Some(links::decorate(html, &links::bar(link)))
    }

    /// Answers a request for one of the editor's paths.
    pub fn handle(&self, request: &Request) -> Reply {
        let Some(rest) = request.path.strip_prefix(PREFIX) else {
            return not_found();
        };
        let target = match rest.split('/').collect::<Vec<_>>()[..] {
            ["edit.css"] => None,
            [EDIT, kind, slug] => Some(flow::Target::Edit { kind, slug }),
            [NEW, kind] => Some(flow::Target::New { kind }),
            _ => return not_found(),
        };
        let allowed = if target.is_some() {
            "GET, HEAD, POST"
        } else {
            "GET, HEAD"
        };
        let method = request.method;
        if !(method == "GET" || method == "HEAD" || (method == "POST" && target.is_some())) {
            let mut reply = Reply::message(
                405,
                "Methode niet toegestaan",
                &format!("Deze pagina kent alleen {allowed}."),
            );
            reply.headers.push(("allow", allowed.into()));
            return reply;
        }
        let Some(target) = target else {
            return Reply {
                status: 200,
                headers: vec![("content-type", "text/css; charset=utf-8".into())],
                body: links::STYLE.as_bytes().to_vec(),
            };
        };
        if method == "POST" && !self.token.matches(request.form.get("_token")) {
            return Reply::message(
                403,
                "Niet opgeslagen",
                "Dit formulier komt niet van deze voorbeeldweergave, of die is intussen \
                 opnieuw gestart. Er is niets opgeslagen. Open het formulier opnieuw met \
                 de knop Bewerken op de pagina.",
            );
        }
        let Some(snapshot) = self.snapshot() else {
            return Reply::message(
                503,
                "Bewerken kan nu niet",
                "De site is nog niet gebouwd, of site.toml heeft fouten (zie de terminal). \
                 Herstel die en laad deze pagina opnieuw.",
            );
        };
        let flow = flow::Flow {
            editor: self,
            snapshot: &snapshot,
        };
        if method == "POST" {
            flow.post(target, &request.form)
        } else {
            flow.get(target, request.query)
        }
    }
}

/// Whether the editor may listen on `bind`: on loopback always; elsewhere
/// only when `allow_remote` says the person means it, and then with the
/// warning returned, to be printed.
pub fn check_bind(bind: std::net::IpAddr, allow_remote: bool) -> Result<Option<String>, String> {
    if bind.to_canonical().is_loopback() {
        return Ok(None);
    }
    if !allow_remote {
        return Err(format!(
            "--edit with --bind {bind}: anyone who can reach this address could change the \
             files in content/; serve on 127.0.0.1 (the default), or add --edit-allow-remote \
             if that is what you mean"
        ));
    }
    Ok(Some(format!(
        "warning: --edit on {bind}: anyone who can reach this address can change the files \
         in content/"
    )))
}

fn not_found() -> Reply {
    Reply::message(
        404,
        "Niet gevonden",
        "Dit document of deze soort bestaat niet (meer) in de site.",
    )
}

/// Text for HTML: `<`, `>`, `&`, both quotes.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    pulldown_cmark_escape::escape_html(&mut out, text).expect("writing to a String cannot fail");
    out.replace('\'', "&#39;")
}

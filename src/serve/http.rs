//! Answering requests from the published state: request paths mapped to keys
//! of the in-memory site (so no request path ever reaches the file system),
//! content types, the site's 404 page, live-reload injection into HTML, and
//! the `/__kennisbank/` endpoints (script, overlay style, wait, status).

use super::inject::{self, PREFIX};
use super::state::{Files, Published, Shared};
use crate::urls;
use std::io::Cursor;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// How long a live-reload wait is held open before it is answered unchanged.
const WAIT: Duration = Duration::from_secs(25);
/// Waits held open at once; more are turned away (the script retries later).
const MAX_WAITERS: usize = 256;

/// What a request path asks for.
#[derive(Debug, PartialEq, Eq)]
pub enum Route {
    /// A file of the site, by its key (`gemeenten/zaanstad.html`).
    File(String),
    /// A folder asked for without its trailing slash: relative links need it.
    Redirect(String),
    /// The path tries to leave the site (`..`) or is not a clean path.
    Forbidden,
    NotFound,
}

/// Maps a request target to a file of the site. Percent-decoding happens once;
/// a `..` segment (plain or encoded), a backslash or a NUL is refused rather
/// than resolved, and a folder means its `index.html`.
pub fn route(target: &str, files: &Files) -> Route {
    let path = target.split(['?', '#']).next().unwrap_or("");
    let Ok(decoded) = percent_encoding::percent_decode_str(path).decode_utf8() else {
        return Route::Forbidden;
    };
    if decoded.contains(['\\', '\0']) {
        return Route::Forbidden;
    }
    let mut segments = Vec::new();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return Route::Forbidden,
            s => segments.push(s),
        }
    }
    let key = segments.join("/");
    if key.is_empty() {
        return Route::File(urls::HOME.to_string());
    }
    if files.get(&key).is_some() {
        return Route::File(key);
    }
    let index = format!("{key}/{}", urls::HOME);
    if files.get(&index).is_some() {
        return if decoded.ends_with('/') {
            Route::File(index)
        } else {
            Route::Redirect(format!("{}/", path))
        };
    }
    Route::NotFound
}

pub fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
    match ext.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

fn header(name: &str, value: &str) -> tiny_http::Header {
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes())
        .expect("header names and values here are ASCII")
}

type Response = tiny_http::Response<Cursor<Arc<[u8]>>>;

fn response(status: u16, content_type: &str, body: Arc<[u8]>) -> Response {
    let len = body.len();
    tiny_http::Response::new(
        tiny_http::StatusCode(status),
        vec![
            header("Content-Type", content_type),
            header("X-Content-Type-Options", "nosniff"),
            // A preview must never show a stale page.
            header("Cache-Control", "no-store"),
        ],
        Cursor::new(body),
        Some(len),
        None,
    )
    // The length is known: say so rather than chunk large pages.
    .with_chunked_threshold(usize::MAX)
}

fn text(status: u16, body: &str) -> Response {
    response(
        status,
        "text/plain; charset=utf-8",
        Arc::from(body.as_bytes()),
    )
}

/// Answers one request. Waits are answered on their own thread so that they
/// never hold up the threads serving pages.
pub fn handle(request: tiny_http::Request, shared: &Arc<Shared>, waiters: &Arc<AtomicUsize>) {
    use tiny_http::Method;
    if !matches!(request.method(), Method::Get | Method::Head) {
        let _ = request.respond(
            text(405, "405 method not allowed\n").with_header(header("Allow", "GET, HEAD")),
        );
        return;
    }
    let url = request.url().to_string();
    let path = url.split('?').next().unwrap_or("");
    if path == format!("{PREFIX}wait") {
        if waiters.fetch_add(1, Ordering::SeqCst) >= MAX_WAITERS {
            waiters.fetch_sub(1, Ordering::SeqCst);
            let _ = request.respond(text(503, "too many waiting pages\n"));
            return;
        }
        let (shared, waiters) = (Arc::clone(shared), Arc::clone(waiters));
        std::thread::spawn(move || {
            let since = query_value(&url, "since").unwrap_or_default();
            let state = shared.wait(&since, WAIT);
            let _ = request.respond(state_json(&state, false));
            waiters.fetch_sub(1, Ordering::SeqCst);
        });
        return;
    }
    // tiny_http leaves the body out of answers to HEAD itself.
    let _ = request.respond(answer(&url, &shared.current()));
}

/// The response to a GET of `url` in `state` (everything but waits).
pub fn answer(url: &str, state: &Published) -> Response {
    let path = url.split('?').next().unwrap_or("");
    if let Some(name) = path.strip_prefix(PREFIX) {
        return match name {
            "livereload.js" => response(
                200,
                content_type(name),
                Arc::from(inject::SCRIPT.as_bytes()),
            ),
            "overlay.css" => response(200, content_type(name), Arc::from(inject::STYLE.as_bytes())),
            // For tools and tests: the build, its diagnostics and every file served.
            "status" => state_json(state, true),
            _ => text(404, "404 not found\n"),
        };
    }
    match route(url, &state.files) {
        Route::File(key) => match state.files.get(&key) {
            Some(bytes) => page(200, &key, bytes, state),
            None => not_found(state),
        },
        Route::Redirect(to) => text(301, "301 moved\n").with_header(header("Location", &to)),
        Route::Forbidden => text(403, "403 forbidden\n"),
        Route::NotFound => not_found(state),
    }
}

/// The site's own 404 page, with status 404.
fn not_found(state: &Published) -> Response {
    match state.files.get(urls::NOT_FOUND) {
        Some(bytes) => page(404, urls::NOT_FOUND, bytes, state),
        None => {
            let html = "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\"><title>Pagina niet gevonden</title></head><body><h1>Pagina niet gevonden</h1></body></html>";
            page(404, "404.html", &Arc::from(html.as_bytes()), state)
        }
    }
}

/// A file as served: HTML pages get the live-reload script and, after a failed
/// build, the overlay.
fn page(status: u16, key: &str, bytes: &Arc<[u8]>, state: &Published) -> Response {
    let kind = content_type(key);
    if kind.starts_with("text/html") {
        let diagnostics: &[_] = if state.failed() {
            &state.diagnostics
        } else {
            &[]
        };
        let html = inject::inject(bytes, &state.build, diagnostics);
        response(status, kind, Arc::from(html))
    } else {
        response(status, kind, Arc::clone(bytes))
    }
}

fn state_json(state: &Published, with_diagnostics: bool) -> Response {
    let mut value = serde_json::json!({
        "build": state.build,
        "failed": state.failed(),
        "search": if state.search_ready { "ready" } else { "indexing" },
    });
    if with_diagnostics {
        let mut files: Vec<&str> = state.files.paths().collect();
        files.sort_unstable();
        value["files"] = files.into();
        value["diagnostics"] = state
            .diagnostics
            .iter()
            .map(|d| {
                serde_json::json!({
                    "path": d.path.display().to_string().replace('\\', "/"),
                    "line": d.line,
                    "column": d.column,
                    "error": d.is_error(),
                    "message": d.message,
                    "hint": d.hint,
                })
            })
            .collect();
    }
    response(
        200,
        "application/json",
        Arc::from(value.to_string().into_bytes()),
    )
}

fn query_value(url: &str, name: &str) -> Option<String> {
    let query = url.split_once('?')?.1;
    query.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        (k == name).then(|| {
            percent_encoding::percent_decode_str(v)
                .decode_utf8_lossy()
                .into_owned()
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Files {
        let mut files = Files::default();
        for path in [
            "index.html",
            "gemeenten/index.html",
            "gemeenten/zaanstad.html",
            "static/style.css",
        ] {
            files.insert(path, b"x");
        }
        files
    }

    #[test]
    fn paths_map_to_files_and_folders_to_their_index() {
        let files = site();
        assert_eq!(route("/", &files), Route::File("index.html".into()));
        assert_eq!(
            route("/gemeenten/zaanstad.html?x=1", &files),
            Route::File("gemeenten/zaanstad.html".into())
        );
        assert_eq!(
            route("/gemeenten/", &files),
            Route::File("gemeenten/index.html".into())
        );
        assert_eq!(
            route("/gemeenten", &files),
            Route::Redirect("/gemeenten/".into())
        );
        assert_eq!(
            route("/%67emeenten/zaanstad.html", &files),
            Route::File("gemeenten/zaanstad.html".into())
        );
        assert_eq!(route("/nergens.html", &files), Route::NotFound);
    }

    #[test]
    fn traversal_is_refused_in_every_spelling() {
        let files = site();
        for target in [
            "/../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc%2Fpasswd",
            "/gemeenten/../../x",
            "/gemeenten/%2e%2e/%2e%2e/x",
            "/..%5c..%5cwindows",
            "/static/style.css%00.html",
            "/%ff",
        ] {
            assert_eq!(route(target, &files), Route::Forbidden, "{target}");
        }
        // Encoded twice is only a strange file name, which does not exist.
        assert_eq!(route("/%252e%252e/x", &files), Route::NotFound);
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("a/b.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("static/style.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("feed.xml"), "application/xml; charset=utf-8");
        assert_eq!(content_type("kaart.PNG"), "image/png");
        assert_eq!(content_type("geen-extensie"), "application/octet-stream");
    }

    #[test]
    fn query_values_are_decoded() {
        assert_eq!(
            query_value("/w?since=a%2Db&x=1", "since").as_deref(),
            Some("a-b")
        );
        assert_eq!(query_value("/w", "since"), None);
    }
}

//! The routes of `serve` and their answers, from the published state: the
//! site's files (with the live-reload script and the error overlay added to
//! HTML), the site's 404 page, and the `/__kennisbank/` endpoints (script,
//! overlay style, wait, status), with `--edit` the editor's forms
//! (`edit_routes`) and the edit bar on pages. `guard` wraps them all,
//! `listen` serves them.

use super::edit::Editor;
use super::edit_routes;
use super::guard;
use super::inject::{self, PREFIX};
use super::paths::{self, Route};
use super::state::{Published, Shared};
use crate::config::urls;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode, Uri};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// How long a live-reload wait is held open before it is answered unchanged.
const WAIT: Duration = Duration::from_secs(25);
/// Waits held open at once; more are turned away (the script retries later).
/// Each holds a connection, so this stays well below `listen`'s limit.
const MAX_WAITERS: usize = 64;

/// What every handler can reach.
#[derive(Clone)]
pub struct App {
    pub shared: Arc<Shared>,
    /// With `--edit`: the editor, whose routes and page bars are then served.
    pub editor: Option<Arc<Editor>>,
    waiters: Arc<AtomicUsize>,
}

/// Every route of the preview, behind the guards (`guard::protect`). A path
/// that no route names is a file of the site; a method a route does not take
/// gets 405 with `Allow`. Without an editor, its paths are unknown
/// endpoints (404).
pub fn router(shared: Arc<Shared>, editor: Option<Arc<Editor>>) -> Router {
    let endpoints = match editor {
        Some(_) => edit_routes::routes(endpoints()),
        None => endpoints(),
    };
    let app = App {
        shared,
        editor,
        waiters: Arc::default(),
    };
    complete(endpoints, app)
}

/// `endpoints` with the site's files as the fallback, 405 for other methods,
/// and the guards.
fn complete(endpoints: Router<App>, app: App) -> Router {
    let routes = endpoints
        // After every route, so that each gets it.
        .method_not_allowed_fallback(method_not_allowed)
        .fallback_service(
            get(site_file)
                .fallback(method_not_allowed)
                .with_state(app.clone()),
        )
        .with_state(app);
    guard::protect(routes)
}

/// The `/__kennisbank/` endpoints. More join here (`edit_routes`); a more
/// specific path wins over the catch-all 404.
fn endpoints() -> Router<App> {
    Router::new()
        .route(&format!("{PREFIX}wait"), get(wait))
        .route(&format!("{PREFIX}status"), get(status))
        .route(&format!("{PREFIX}livereload.js"), get(script))
        .route(&format!("{PREFIX}overlay.css"), get(style))
        .route(&format!("{PREFIX}{{*rest}}"), get(unknown_endpoint))
}

/// A response with an explicit content type and length; `guard` adds
/// `nosniff` and `no-store` to every response.
pub fn response(
    status: StatusCode,
    content_type: &'static str,
    body: impl Into<Bytes>,
) -> Response {
    let mut response = Response::new(Body::from(body.into()));
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}

/// A short plain-text answer (errors, refusals).
pub fn text(status: StatusCode, body: &'static str) -> Response {
    response(status, "text/plain; charset=utf-8", body)
}

fn shared_bytes(bytes: &Arc<[u8]>) -> Bytes {
    Bytes::from_owner(Arc::clone(bytes))
}

async fn method_not_allowed() -> Response {
    // axum adds `Allow` with the methods the path takes.
    text(StatusCode::METHOD_NOT_ALLOWED, "405 method not allowed\n")
}

async fn unknown_endpoint() -> Response {
    text(StatusCode::NOT_FOUND, "404 not found\n")
}

async fn script() -> Response {
    response(
        StatusCode::OK,
        paths::content_type("livereload.js"),
        inject::SCRIPT,
    )
}

async fn style() -> Response {
    response(
        StatusCode::OK,
        paths::content_type("overlay.css"),
        inject::STYLE,
    )
}

/// For tools and tests: the build, its diagnostics and every file served.
async fn status(State(app): State<App>) -> Response {
    state_json(&app.shared.current(), true)
}

/// One waiting page, counted while its request lives (also when the page goes
/// away first and the request is dropped).
struct Waiting(Arc<AtomicUsize>);

impl Drop for Waiting {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// The live-reload long poll: answered when the build is no longer `since`,
/// or after `WAIT`. A task, not a thread: waiting pages cost no thread.
async fn wait(State(app): State<App>, uri: Uri) -> Response {
    let waiting = Waiting(Arc::clone(&app.waiters));
    if app.waiters.fetch_add(1, Ordering::SeqCst) >= MAX_WAITERS {
        return text(StatusCode::SERVICE_UNAVAILABLE, "too many waiting pages\n");
    }
    let target = uri.path_and_query().map_or("", |p| p.as_str());
    let since = paths::query_value(target, "since").unwrap_or_default();
    let state = app.shared.wait(&since, WAIT).await;
    drop(waiting);
    state_json(&state, false)
}

/// A file of the site (GET and HEAD; axum leaves the body out for HEAD).
async fn site_file(State(app): State<App>, uri: Uri) -> Response {
    let target = uri.path_and_query().map_or("/", |p| p.as_str());
    answer(target, &app.shared.current(), app.editor.as_deref())
}

/// The answer to a GET of `target` in `state`; with an editor, a page of a
/// document or a listing gets its edit bar.
fn answer(target: &str, state: &Published, editor: Option<&Editor>) -> Response {
    match paths::route(target, &state.files) {
        Route::File(key) => match state.files.get(&key) {
            Some(bytes) => match editor.and_then(|e| e.decorate(&key, bytes)) {
                Some(decorated) => page(StatusCode::OK, &key, &Arc::from(decorated), state),
                None => page(StatusCode::OK, &key, bytes, state),
            },
            None => not_found(state),
        },
        Route::Redirect(location) => {
            let mut reply = text(StatusCode::MOVED_PERMANENTLY, "301 moved\n");
            if let Ok(value) = HeaderValue::from_str(&location) {
                reply.headers_mut().insert(header::LOCATION, value);
            }
            reply
        }
        Route::Forbidden => text(StatusCode::FORBIDDEN, "403 forbidden\n"),
        Route::NotFound => not_found(state),
    }
}

/// The site's own 404 page, with status 404.
fn not_found(state: &Published) -> Response {
    match state.files.get(urls::NOT_FOUND) {
        Some(bytes) => page(StatusCode::NOT_FOUND, urls::NOT_FOUND, bytes, state),
        None => {
            let html = "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\"><title>Pagina niet gevonden</title></head><body><h1>Pagina niet gevonden</h1></body></html>";
            page(
                StatusCode::NOT_FOUND,
                "404.html",
                &Arc::from(html.as_bytes()),
                state,
            )
        }
    }
}

/// A file as served: HTML pages get the live-reload script and, after a failed
/// build, the overlay.
fn page(status: StatusCode, key: &str, bytes: &Arc<[u8]>, state: &Published) -> Response {
    let kind = paths::content_type(key);
    if kind.starts_with("text/html") {
        let diagnostics: &[_] = if state.failed() {
            &state.diagnostics
        } else {
            &[]
        };
        response(
            status,
            kind,
            inject::inject(bytes, &state.build, diagnostics),
        )
    } else {
        response(status, kind, shared_bytes(bytes))
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
    response(StatusCode::OK, "application/json", value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::serve::form::FormPairs;
    use crate::serve::guard::Served;
    use axum::http::Request;
    use axum::routing::get as get_route;
    use tower::ServiceExt;

    const ADDR: &str = "127.0.0.1:1111";

    /// An editor-like endpoint beside the others, as the editor will add it.
    fn with_editor() -> Router {
        let app = App {
            shared: Arc::new(Shared::default()),
            editor: None,
            waiters: Arc::default(),
        };
        let edit = get_route(|| async { "formulier" }).post(|form: FormPairs| async move {
            form.0
                .iter()
                .map(|(n, v)| format!("{n}={v};"))
                .collect::<String>()
        });
        complete(
            endpoints().route(&format!("{PREFIX}edit/{{kind}}/{{slug}}"), edit),
            app,
        )
    }

    fn call(
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &str,
    ) -> (u16, String, String) {
        let mut request = Request::builder()
            .method(method)
            .uri(path)
            .header("host", ADDR);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let mut request = request.body(Body::from(body.to_string())).unwrap();
        request
            .extensions_mut()
            .insert(Served(ADDR.parse().unwrap()));
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap();
        runtime.block_on(async {
            let response = with_editor().oneshot(request).await.unwrap();
            let status = response.status().as_u16();
            let allow = response
                .headers()
                .get(header::ALLOW)
                .map(|v| v.to_str().unwrap().to_string())
                .unwrap_or_default();
            let body = axum::body::to_bytes(response.into_body(), usize::MAX)
                .await
                .unwrap();
            (status, allow, String::from_utf8_lossy(&body).into_owned())
        })
    }

    const FORM: (&str, &str) = ("content-type", "application/x-www-form-urlencoded");

    #[test]
    fn an_endpoint_added_beside_the_others_is_routed_and_guarded() {
        let page = "/__kennisbank/edit/factsheet/zaanstad-2014";
        assert_eq!(call("GET", page, &[], "").2, "formulier");
        let own = ("origin", "http://127.0.0.1:1111");
        assert_eq!(
            call(
                "POST",
                page,
                &[FORM, own],
                "title=A+b&deelnemers=amw&deelnemers=ggd"
            ),
            (
                200,
                String::new(),
                "title=A b;deelnemers=amw;deelnemers=ggd;".into()
            )
        );
        let evil = ("origin", "http://evil.example");
        assert_eq!(call("POST", page, &[FORM, evil], "title=x").0, 403);
        assert_eq!(
            call("POST", page, &[("content-type", "text/plain")], "x").0,
            415
        );
        assert_eq!(
            call("DELETE", page, &[], ""),
            (
                405,
                "GET,HEAD,POST".into(),
                "405 method not allowed\n".into()
            )
        );
        // The catch-all still answers what no endpoint names.
        for path in ["/__kennisbank/nergens", "/__kennisbank/edit/factsheet"] {
            assert_eq!(call("GET", path, &[], "").0, 404, "{path}");
            assert_eq!(call("GET", path, &[], "").2, "404 not found\n", "{path}");
        }
    }
}

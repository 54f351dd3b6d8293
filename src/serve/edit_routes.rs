//! The editor (`edit`) on serve's HTTP layer: its routes, which `app` adds
//! only with `--edit`, and the conversion between axum's requests and answers
//! and the editor's own. Before a request gets here `guard` has refused a
//! `Host` that is not serve's, an `Origin` of another site and too large a
//! body; `form::FormPairs` has read the body (415 for anything but an
//! urlencoded form); the editor itself checks `_token` and `_base`.

use super::app::{text, App};
use super::edit::{self, Reply, EDIT, NEW};
use super::form::FormPairs;
use super::inject::PREFIX;
use crate::contribute::FormValues;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, Uri};
use axum::response::Response;
use axum::routing::get;
use axum::Router;

/// `endpoints` with the editor's forms and stylesheet: GET (and HEAD) for a
/// form, POST to save or preview it.
pub fn routes(endpoints: Router<App>) -> Router<App> {
    endpoints
        .route(
            &format!("{PREFIX}{EDIT}/{{kind}}/{{slug}}"),
            get(show).post(submit),
        )
        .route(&format!("{PREFIX}{NEW}/{{kind}}"), get(show).post(submit))
        .route(&format!("{PREFIX}edit.css"), get(show))
}

async fn show(State(app): State<App>, method: Method, uri: Uri) -> Response {
    handle(app, method, uri, FormValues::default()).await
}

async fn submit(State(app): State<App>, uri: Uri, form: FormPairs) -> Response {
    handle(app, Method::POST, uri, FormValues(form.0)).await
}

/// Hands the request to the editor on a blocking thread: a save writes files
/// and waits for the rebuild that shows it.
async fn handle(app: App, method: Method, uri: Uri, form: FormValues) -> Response {
    let Some(editor) = app.editor.clone() else {
        return text(StatusCode::NOT_FOUND, "404 not found\n");
    };
    let path = uri.path().to_string();
    let query = uri.query().unwrap_or_default().to_string();
    let answered = tokio::task::spawn_blocking(move || {
        editor.handle(&edit::Request {
            method: method.as_str(),
            path: &path,
            query: &query,
            form,
        })
    })
    .await;
    match answered {
        Ok(reply) => response(reply),
        Err(_) => text(
            StatusCode::INTERNAL_SERVER_ERROR,
            "500 the editor failed; nothing more was written (see the terminal)\n",
        ),
    }
}

/// The editor's reply as an HTTP response.
fn response(reply: Reply) -> Response {
    let mut response = Response::new(Body::from(reply.body));
    *response.status_mut() =
        StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    for (name, value) in reply.headers {
        if let Ok(value) = HeaderValue::from_str(&value) {
            response
                .headers_mut()
                .insert(HeaderName::from_static(name), value);
        }
    }
    response
}

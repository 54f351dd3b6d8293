//! Request targets mapped to keys of the in-memory site, so no request path
//! ever reaches the file system: percent-decoding once, `..` refused in every
//! spelling, folders to their `index.html`, and the redirect a folder asked for
//! without its slash gets (always to a path on this server). Pure functions;
//! `app` answers with them.

use super::state::Files;
use crate::config::urls;
use percent_encoding::{AsciiSet, CONTROLS};

/// What a request path asks for.
#[derive(Debug, PartialEq, Eq)]
pub enum Route {
    /// A file of the site, by its key (`gemeenten/zaanstad.html`).
    File(String),
    /// A folder asked for without its trailing slash: relative links need it.
    /// The location is always `/` followed by a non-empty path that does not
    /// start with `/` or `\`, so it never names another host.
    Redirect(String),
    /// The path tries to leave the site (`..`) or is not a clean path.
    Forbidden,
    NotFound,
}

/// What a path segment may not hold unencoded in a `Location`.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'/')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'\\')
    .add(b'`')
    .add(b'{')
    .add(b'}');

/// Maps a request target to a file of the site. Percent-decoding happens once;
/// a `..` segment (plain or encoded), a backslash or a NUL is refused rather
/// than resolved, empty segments (`//`) are dropped, and a folder means its
/// `index.html`.
pub fn route(target: &str, files: &Files) -> Route {
    let (path, query) = match target.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (target, None),
    };
    let path = path.split('#').next().unwrap_or("");
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
            Route::Redirect(folder_location(&segments, query))
        };
    }
    Route::NotFound
}

/// `/a/b/` from the decoded segments, each encoded again, with the query kept
/// when it is plain visible ASCII. Built from the segments, never from the
/// request's own spelling, so `//gemeenten` goes to `/gemeenten/`, not to the
/// host `gemeenten`.
fn folder_location(segments: &[&str], query: Option<&str>) -> String {
    let mut location = String::new();
    for segment in segments {
        location.push('/');
        location.extend(percent_encoding::utf8_percent_encode(segment, SEGMENT));
    }
    location.push('/');
    if let Some(query) = query.filter(|q| !q.is_empty() && q.bytes().all(|b| b.is_ascii_graphic()))
    {
        location.push('?');
        location.push_str(query);
    }
    location
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

/// The decoded value of `name` in the query of `target`, if it has one.
pub fn query_value(target: &str, name: &str) -> Option<String> {
    let query = target.split_once('?')?.1;
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
            "één/index.html",
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
            route("/gemeenten?q=a%20b", &files),
            Route::Redirect("/gemeenten/?q=a%20b".into())
        );
        assert_eq!(
            route("/%67emeenten/zaanstad.html", &files),
            Route::File("gemeenten/zaanstad.html".into())
        );
        assert_eq!(
            route("/%C3%A9%C3%A9n", &files),
            Route::Redirect("/%C3%A9%C3%A9n/".into())
        );
        assert_eq!(route("/nergens.html", &files), Route::NotFound);
    }

    #[test]
    fn double_slash_never_redirects_to_another_host() {
        let files = site();
        for target in [
            "//gemeenten",
            "///gemeenten",
            "/%2Fgemeenten",
            "/%2f/gemeenten",
            "/./gemeenten",
            "//gemeenten?x=//evil",
        ] {
            let Route::Redirect(location) = route(target, &files) else {
                panic!("{target}: {:?}", route(target, &files));
            };
            assert!(location.starts_with("/gemeenten/"), "{target}: {location}");
        }
        for target in ["/\\gemeenten", "/%5Cgemeenten", "/%5c%5cgemeenten"] {
            assert_eq!(route(target, &files), Route::Forbidden, "{target}");
        }
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

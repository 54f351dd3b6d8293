//! `kennisbank serve`: build, serve the output on loopback with tiny_http, and
//! rebuild when `content/`, `themes/` or `site.toml` change (watched with notify).
//! A failed rebuild keeps the last good site and prints its diagnostics.

use crate::build;
use crate::config::Config;
use anyhow::{Context, Result};
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

/// Serves `dir` on 127.0.0.1, from `port` or the next free one; returns the server.
pub fn bind(port: u16) -> Result<tiny_http::Server> {
    let mut last_err = None;
    for p in port..port.saturating_add(20) {
        match tiny_http::Server::http(("127.0.0.1", p)) {
            Ok(server) => return Ok(server),
            Err(err) => last_err = Some(err),
        }
        if port == 0 {
            break;
        }
    }
    Err(anyhow::anyhow!(
        "cannot listen on 127.0.0.1:{port}: {}",
        last_err.map(|e| e.to_string()).unwrap_or_default()
    ))
}

/// Maps a request path to a file inside `root`, refusing anything that leaves it.
pub fn resolve(root: &Path, url_path: &str) -> Option<PathBuf> {
    let path = url_path.split(['?', '#']).next().unwrap_or("");
    let decoded = percent_decode(path)?;
    let mut out = root.to_path_buf();
    for c in Path::new(decoded.trim_start_matches('/')).components() {
        match c {
            Component::Normal(p) => out.push(p),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if out.is_dir() {
        out.push("index.html");
    }
    // A symlink inside the output must not lead out of it either.
    let real = out.canonicalize().ok()?;
    real.starts_with(root.canonicalize().ok()?).then_some(real)
}

fn percent_decode(s: &str) -> Option<String> {
    let decoded = percent_encoding::percent_decode_str(s).decode_utf8().ok()?;
    (!decoded.contains('\0') && !decoded.contains('\\')).then(|| decoded.into_owned())
}

pub fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "pdf" => "application/pdf",
        "csv" => "text/csv; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Answers one request from the files in `root`.
pub fn respond(root: &Path, request: tiny_http::Request) {
    let header = |k: &str, v: &str| {
        tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()).expect("valid header")
    };
    let (status, path) = match resolve(root, request.url()) {
        Some(p) if p.is_file() => (200, p),
        _ => (404, root.join("404.html")),
    };
    let body = std::fs::read(&path).unwrap_or_else(|_| b"404".to_vec());
    let response = tiny_http::Response::from_data(body)
        .with_status_code(status)
        .with_header(header("Content-Type", content_type(&path)))
        .with_header(header("X-Content-Type-Options", "nosniff"))
        .with_header(header("Cache-Control", "no-cache"));
    let _ = request.respond(response);
}

/// Builds once, serves, and rebuilds on changes until the process is stopped.
pub fn run(config: &Config, out: &Path, port: u16, drafts: bool) -> Result<()> {
    rebuild(config, out, drafts);
    let server = bind(port)?;
    let addr = server
        .server_addr()
        .to_ip()
        .context("server has no IP address")?;
    println!("Serving {} on http://{addr}/ (Ctrl-C stops)", config.title);
    let root = out.to_path_buf();
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            respond(&root, request);
        }
    });
    watch(config, out, drafts)
}

fn rebuild(config: &Config, out: &Path, drafts: bool) -> bool {
    let started = std::time::Instant::now();
    let outcome = build::run(config, drafts);
    for d in &outcome.diagnostics {
        eprintln!("{d}");
    }
    match &outcome.files {
        Some(files) => match build::write_atomically(files, out) {
            Ok(()) => {
                println!(
                    "Built {} documents in {} ms",
                    outcome.documents,
                    started.elapsed().as_millis()
                );
                true
            }
            Err(err) => {
                eprintln!("error: {err:#}");
                false
            }
        },
        None => {
            eprintln!(
                "{} errors; still serving the last good site",
                outcome.errors()
            );
            false
        }
    }
}

fn watch(config: &Config, out: &Path, drafts: bool) -> Result<()> {
    use notify::{RecursiveMode, Watcher};
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(tx).context("cannot start the file watcher")?;
    watcher
        .watch(&config.content_dir, RecursiveMode::Recursive)
        .context("cannot watch content/")?;
    watcher
        .watch(&config.root.join("themes"), RecursiveMode::Recursive)
        .context("cannot watch themes/")?;
    // Watch the root non-recursively: editors replace site.toml on save.
    watcher
        .watch(&config.root, RecursiveMode::NonRecursive)
        .context("cannot watch the site root")?;
    let relevant = |event: &notify::Event| {
        // Our own builds read every file; only changes count.
        if matches!(event.kind, notify::EventKind::Access(_)) {
            return false;
        }
        event.paths.iter().any(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            !crate::discover::is_ignored(&name)
                && !p.starts_with(out)
                && (p.starts_with(&config.content_dir)
                    || p.starts_with(config.root.join("themes"))
                    || name == "site.toml")
        })
    };
    let mut config = config.clone();
    while let Ok(event) = rx.recv() {
        let Ok(event) = event else { continue };
        if !relevant(&event) {
            continue;
        }
        // Debounce: let a burst of saves settle into one rebuild.
        while rx.recv_timeout(Duration::from_millis(150)).is_ok() {}
        match crate::config::load(&config.root) {
            Ok(c) => config = c,
            Err(err) => {
                eprintln!("error: {err:#}");
                continue;
            }
        }
        rebuild(&config, out, drafts);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traversal_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("index.html"), "x").unwrap();
        assert!(resolve(dir.path(), "/").is_some());
        assert!(resolve(dir.path(), "/../etc/passwd").is_none());
        assert!(resolve(dir.path(), "/%2e%2e/etc/passwd").is_none());
        assert!(resolve(dir.path(), "/a/%2e%2e/%2e%2e/x").is_none());
    }
}

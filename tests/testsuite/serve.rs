//! `kennisbank serve` as a live preview (`harness::serve` runs it): live reload
//! after edits, the error overlay, safe serving, and a served site that equals
//! a fresh `kennisbank build` after a series of edits. The HTTP layer itself
//! (methods, hosts, hostile clients) is `serve_http`'s.

use crate::harness::serve::{serve, serve_with, Server, DEADLINE, SCRIPT_START};
use crate::harness::tree::{built_files, strip_injected};
use crate::harness::SiteTest;
use std::time::{Duration, Instant};

fn write(site: &SiteTest, rel: &str, text: &str) {
    let path = site.path(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn edit(site: &SiteTest, rel: &str, from: &str, to: &str) {
    let text = site.read(rel);
    assert!(text.contains(from), "{rel} lacks {from:?}");
    write(site, rel, &text.replace(from, to));
}

#[test]
fn a_content_edit_sends_a_reload_event_and_serves_the_new_content() {
    let site = SiteTest::fixture("basic");
    let server = serve(&site);
    let page = server.get("/gemeenten/zaanstad.html");
    assert_eq!(page.status, 200);
    assert_eq!(
        page.header("Content-Type").as_deref(),
        Some("text/html; charset=utf-8")
    );
    let html = page.text();
    assert!(html.contains("Zaanstad rolt wijkteams uit."), "{html}");
    let build = server.build();
    assert!(
        html.contains(&format!(
            "{SCRIPT_START} data-build=\"{build}\" defer></script></head>"
        )),
        "{html}"
    );
    let script = server.get("/__kennisbank/livereload.js");
    assert_eq!(
        script.header("Content-Type").as_deref(),
        Some("text/javascript; charset=utf-8")
    );
    assert!(script.text().contains("/__kennisbank/wait?since="));

    edit(
        &site,
        "content/gemeenten/zaanstad.md",
        "rolt wijkteams uit",
        "rolt sociale wijkteams uit",
    );
    let next = server.reload_after(&build);
    assert_ne!(next, build);
    server.until("/gemeenten/zaanstad.html", |html| {
        html.contains("Zaanstad rolt sociale wijkteams uit.")
    });
}

#[test]
fn a_broken_file_shows_the_overlay_over_the_last_good_site_until_it_is_fixed() {
    let site = SiteTest::fixture("basic");
    let server = serve(&site);
    edit(
        &site,
        "content/gemeenten/zaanstad.md",
        "summary: \"Een gemeente",
        "summary: [\"<b>Een</b> gemeente",
    );
    let html = server.until("/gemeenten/zaanstad.html", |html| {
        html.contains("id=\"kennisbank-fouten\"")
    });
    // The last good page, with the diagnostics on top, escaped.
    assert!(html.contains("Zaanstad rolt wijkteams uit."), "{html}");
    assert!(html.contains("role=\"alert\""), "{html}");
    assert!(
        html.contains("<code>content/gemeenten/zaanstad.md:4:1</code> <strong>fout:</strong>"),
        "{html}"
    );
    assert!(!html.contains("<b>Een</b>"), "{html}");
    assert!(
        server.get("/__kennisbank/overlay.css").status == 200,
        "the overlay's stylesheet is served"
    );
    let status = server.status();
    assert_eq!(status["failed"], true);
    assert_eq!(
        status["diagnostics"][0]["path"],
        "content/gemeenten/zaanstad.md"
    );
    // Every page shows it, the 404 page too.
    assert!(server
        .get("/nergens.html")
        .text()
        .contains("id=\"kennisbank-fouten\""));

    edit(
        &site,
        "content/gemeenten/zaanstad.md",
        "summary: [\"<b>Een</b> gemeente",
        "summary: \"Een nieuwe gemeente",
    );
    let html = server.until("/gemeenten/zaanstad.html", |html| {
        !html.contains("kennisbank-fouten")
    });
    assert!(html.contains("Een nieuwe gemeente"), "{html}");
    assert_eq!(server.status()["failed"], false);
}

#[test]
fn traversal_attempts_are_refused() {
    let site = SiteTest::fixture("basic");
    let outside = site.path("geheim.txt");
    std::fs::write(&outside, "GEHEIM").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&outside, site.path("themes/default/static/geheim.txt")).unwrap();
    let server = serve(&site);
    for target in [
        "/../geheim.txt",
        "/../../etc/passwd",
        "/%2e%2e/geheim.txt",
        "/%2E%2E%2Fgeheim.txt",
        "/static/..%2f..%2fgeheim.txt",
        "/gemeenten/%2e%2e/%2e%2e/site.toml",
        "/..%5cgeheim.txt",
        "/static/style.css%00.html",
    ] {
        let reply = server.get(target);
        assert!(
            reply.status == 403 || reply.status == 404,
            "{target}: {}",
            reply.status
        );
        assert!(!reply.text().contains("GEHEIM"), "{target}");
        assert!(!reply.text().contains("[site]"), "{target}");
    }
    // Only what the build outputs is served: not the sources, not a symlink
    // placed in the theme that leads out of the site.
    for target in [
        "/site.toml",
        "/geheim.txt",
        "/static/geheim.txt",
        "/content/gemeenten/zaanstad.md",
    ] {
        let reply = server.get(target);
        assert_eq!(reply.status, 404, "{target}");
        assert!(!reply.text().contains("GEHEIM"), "{target}");
    }
}

#[test]
fn missing_paths_get_the_sites_404_page_and_folders_their_index() {
    let site = SiteTest::fixture("basic");
    let server = serve(&site);
    let reply = server.get("/bestaat/niet.html");
    assert_eq!(reply.status, 404);
    assert!(reply.text().contains("<h1>Pagina niet gevonden</h1>"));
    assert_eq!(server.get("/gemeenten/").status, 200);
    let redirect = server.get("/gemeenten");
    assert_eq!(redirect.status, 301);
    assert_eq!(redirect.header("Location").as_deref(), Some("/gemeenten/"));
    for (target, kind) in [
        ("/static/style.css", "text/css; charset=utf-8"),
        ("/feed.xml", "application/xml; charset=utf-8"),
        ("/robots.txt", "text/plain; charset=utf-8"),
        ("/", "text/html; charset=utf-8"),
    ] {
        let reply = server.get(target);
        assert_eq!(reply.status, 200, "{target}");
        assert_eq!(
            reply.header("Content-Type").as_deref(),
            Some(kind),
            "{target}"
        );
        assert_eq!(
            reply.header("X-Content-Type-Options").as_deref(),
            Some("nosniff")
        );
    }
    // Only HTML pages get the script.
    assert!(!server.get("/feed.xml").text().contains("livereload"));
}

#[test]
fn a_site_toml_replaced_on_save_rebuilds_from_scratch() {
    let site = SiteTest::fixture("basic");
    let server = serve(&site);
    let text = site.read("site.toml");
    // As editors save: write a temporary file, then rename it over the original.
    let replace = |text: &str| {
        std::fs::write(site.path(".site.toml.tmp"), text).unwrap();
        std::fs::rename(site.path(".site.toml.tmp"), site.path("site.toml")).unwrap();
    };
    replace(&text.replace("title = \"Testkennisbank\"", "title = \"Proefkennisbank\""));
    server.until("/", |html| html.contains("<title>Proefkennisbank</title>"));
    replace(&text.replace("[site]", "[site]\ntitel = \"x\""));
    let html = server.until("/", |html| html.contains("kennisbank-fouten"));
    assert!(html.contains("<code>site.toml</code>"), "{html}");
    assert!(html.contains("<title>Proefkennisbank</title>"), "{html}");
    replace(&text);
    server.until("/", |html| {
        html.contains("<title>Testkennisbank</title>") && !html.contains("kennisbank-fouten")
    });
}

/// The served site equals a fresh build of the same tree, file for file, once
/// the search index made off the reload path is in place.
fn expect_served_equals_build(site: &SiteTest, server: &Server, step: &str) {
    site.build().expect_success();
    let built = built_files(&site.path("public"));
    let started = Instant::now();
    let status = loop {
        let status = server.status();
        if status["search"] == "ready" {
            break status;
        }
        assert!(
            started.elapsed() < DEADLINE,
            "{step}: search index never ready: {status}"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status["failed"], false, "{step}: {status}");
    let served: Vec<&str> = status["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    let built_paths: Vec<&str> = built.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(served, built_paths, "{step}: the served files differ");
    for (path, bytes) in &built {
        let reply = server.get(&format!("/{path}"));
        assert_eq!(reply.status, 200, "{step}: {path}");
        let body = if path.ends_with(".html") {
            strip_injected(&reply.text()).into_bytes()
        } else {
            reply.body
        };
        assert!(
            body == *bytes,
            "{step}: {path} differs from the build\nserved:\n{}\nbuilt:\n{}",
            String::from_utf8_lossy(&body),
            String::from_utf8_lossy(bytes)
        );
    }
}

#[test]
fn the_served_site_equals_a_fresh_build_after_a_series_of_edits() {
    let site = SiteTest::fixture("basic");
    let server = serve(&site);
    expect_served_equals_build(&site, &server, "start");

    // Change: a title that links, backlinks and listings show.
    edit(
        &site,
        "content/themas/toegang.md",
        "title: \"Toegang\"",
        "title: \"De toegang\"",
    );
    server.until("/verhalen/buurtcoach.html", |h| h.contains("De toegang"));
    expect_served_equals_build(&site, &server, "change");

    // Add a document that links to others.
    write(
        &site,
        "content/verhalen/wijkkracht.md",
        "---\ntitle: \"Wijkkracht\"\ngemeente: zaanstad\n---\n\nOver [[toegang]] in [[zaanstad]].\n",
    );
    server.until("/gemeenten/zaanstad.html", |h| h.contains("Wijkkracht"));
    expect_served_equals_build(&site, &server, "add");

    // Rename it: the old page goes, the new one comes.
    std::fs::rename(
        site.path("content/verhalen/wijkkracht.md"),
        site.path("content/verhalen/buurtkracht.md"),
    )
    .unwrap();
    server.until("/verhalen/index.html", |h| h.contains("buurtkracht.html"));
    assert_eq!(server.get("/verhalen/wijkkracht.html").status, 404);
    expect_served_equals_build(&site, &server, "rename");

    // Delete it.
    std::fs::remove_file(site.path("content/verhalen/buurtkracht.md")).unwrap();
    server.until("/verhalen/index.html", |h| !h.contains("buurtkracht.html"));
    expect_served_equals_build(&site, &server, "delete");

    // Break a file, then fix it differently.
    edit(
        &site,
        "content/gemeenten/zaanstad.md",
        "[[zaanstad-2014]]",
        "[[zaanstad-2041]]",
    );
    server.until("/", |h| h.contains("kennisbank-fouten"));
    site.build().expect_failure();
    edit(
        &site,
        "content/gemeenten/zaanstad.md",
        "[[zaanstad-2041]]",
        "[[zaanstad-2014|de factsheet]]",
    );
    server.until("/gemeenten/zaanstad.html", |h| h.contains("de factsheet"));
    expect_served_equals_build(&site, &server, "break and fix");

    // A template edit.
    edit(
        &site,
        "themes/default/templates/base.html",
        "Naar de inhoud",
        "Direct naar de inhoud",
    );
    server.until("/", |h| h.contains("Direct naar de inhoud"));
    expect_served_equals_build(&site, &server, "template");

    // A stylesheet edit.
    let css = site.read("themes/default/static/style.css");
    write(
        &site,
        "themes/default/static/style.css",
        &format!("{css}\n/* nieuw */\n"),
    );
    server.until("/static/style.css", |c| c.contains("/* nieuw */"));
    expect_served_equals_build(&site, &server, "static file");

    // An edit of one part of a file the build joins from a parts folder.
    let part = "themes/default/static/search.js.d/20-text.js";
    let text = site.read(part);
    write(&site, part, &format!("{text}  var nieuwDeel = 1;\n"));
    server.until("/static/search.js", |c| c.contains("var nieuwDeel = 1;\n"));
    expect_served_equals_build(&site, &server, "part of a static file");
}

/// `--open` hands the served address to the platform's opener (`xdg-open`
/// here: a stand-in on `PATH` that writes down what it was given).
#[cfg(target_os = "linux")]
#[test]
fn open_runs_the_platform_opener_with_the_served_address() {
    use std::os::unix::fs::PermissionsExt;
    let site = SiteTest::fixture("basic");
    let bin = tempfile::tempdir().unwrap();
    let opened = bin.path().join("opened");
    let opener = bin.path().join("xdg-open");
    std::fs::write(
        &opener,
        format!("#!/bin/sh\nprintf '%s' \"$1\" > '{}'\n", opened.display()),
    )
    .unwrap();
    std::fs::set_permissions(&opener, std::fs::Permissions::from_mode(0o755)).unwrap();
    let server = serve_with(&site, &["--open"], |c| c.env("PATH", bin.path()));
    let deadline = Instant::now() + DEADLINE;
    let url = loop {
        match std::fs::read_to_string(&opened) {
            Ok(url) if !url.is_empty() => break url,
            _ if Instant::now() > deadline => panic!("--open ran no opener"),
            _ => std::thread::sleep(Duration::from_millis(50)),
        }
    };
    assert_eq!(url, format!("http://{}/", server.addr));
}

/// Without an opener, `--open` says so and the preview still runs.
#[test]
fn open_without_a_browser_opener_still_serves() {
    let site = SiteTest::fixture("basic");
    let empty = tempfile::tempdir().unwrap();
    let mut server = serve_with(&site, &["--open"], |c| c.env("PATH", empty.path()));
    assert_eq!(server.get("/").status, 200);
    assert!(
        server.child.try_wait().unwrap().is_none(),
        "serve stopped without an opener"
    );
}

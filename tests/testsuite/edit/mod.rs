//! `kennisbank serve --edit` over real HTTP: the real binary, forms read from
//! the served HTML and posted as a browser posts them (`client`). Every
//! request has the deadline of `harness::serve`; the server is killed when a
//! test ends. The editor's steps without HTTP are in `src/serve/edit/tests/`,
//! in a browser in `tests/e2e/edit.test.mjs`.

mod client;
mod fields;

use crate::harness::serve::{serve, serve_with, Server, DEADLINE};
use crate::harness::SiteTest;
use client::{form_pairs, post, post_raw, set, urlencoded, EDIT_FORM};
use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BAR: &str = "kennisbank-bewerkbalk";

fn serve_edit(site: &SiteTest) -> Server {
    serve_with(site, &["--edit"], |c| c)
}

/// The edit form of `kind`/`slug`, as served, and the pairs it would send.
fn open(server: &Server, kind: &str, slug: &str) -> Vec<(String, String)> {
    let reply = server.get(&format!("/__kennisbank/edit/{kind}/{slug}"));
    assert_eq!(reply.status, 200, "{kind}/{slug}: {}", reply.text());
    form_pairs(&reply.text(), EDIT_FORM)
}

/// Every Markdown file of the site, as (kind, slug, path under content/).
fn documents(site: &SiteTest) -> Vec<(String, String, String)> {
    let config = kennisbank::config::load(site.root()).unwrap();
    let mut out = Vec::new();
    for kind in &config.kinds {
        let folder = site.path("content").join(&kind.folder);
        for entry in walkdir::WalkDir::new(&folder).sort_by_file_name() {
            let entry = entry.unwrap();
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "md") {
                let rel = path.strip_prefix(site.path("content")).unwrap();
                let slug = path.file_stem().unwrap().to_string_lossy().into_owned();
                out.push((kind.name.clone(), slug, rel.display().to_string()));
            }
        }
    }
    out
}

fn bytes(site: &SiteTest, rel: &str) -> Vec<u8> {
    std::fs::read(site.path("content").join(rel)).unwrap()
}

/// Every file under content/, with its bytes.
fn snapshot(site: &SiteTest) -> Vec<(String, Vec<u8>)> {
    let content = site.path("content");
    let mut files: Vec<_> = walkdir::WalkDir::new(&content)
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(&content).unwrap();
            (rel.display().to_string(), std::fs::read(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

#[test]
fn every_bundled_document_saved_untouched_over_http_stays_byte_for_byte() {
    let site = SiteTest::bundled();
    let server = serve_edit(&site);
    let documents = documents(&site);
    assert!(documents.len() > 150, "{} documents", documents.len());
    let before = snapshot(&site);
    for (kind, slug, rel) in &documents {
        let pairs = open(&server, kind, slug);
        let reply = post(
            &server,
            &format!("/__kennisbank/edit/{kind}/{slug}"),
            &pairs,
        );
        assert_eq!(reply.status, 303, "{rel}: {}", reply.text());
        let config = kennisbank::config::load(site.root()).unwrap();
        let url = kennisbank::config::urls::document(config.kind(kind).unwrap(), slug);
        assert_eq!(reply.header("location"), Some(format!("/{url}")), "{rel}");
    }
    let after = snapshot(&site);
    let changed: Vec<_> = before
        .iter()
        .zip(&after)
        .filter(|(b, a)| b != a)
        .map(|(b, a)| {
            format!(
                "{}:\n{}\n---- now:\n{}",
                b.0,
                String::from_utf8_lossy(&b.1),
                String::from_utf8_lossy(&a.1)
            )
        })
        .collect();
    assert_eq!(before.len(), after.len(), "files were added or removed");
    assert!(changed.is_empty(), "changed:\n{}", changed.join("\n"));
}

#[test]
fn one_field_changed_over_http_changes_that_line_and_the_page_shows_it() {
    let site = SiteTest::fixture("contribute");
    let server = serve_edit(&site);
    let rel = "verslagen/leerkring-maart.md";
    let old = String::from_utf8(bytes(&site, rel)).unwrap();
    let mut pairs = open(&server, "verslag", "leerkring-maart");
    set(&mut pairs, "score", "2");
    let reply = post(
        &server,
        "/__kennisbank/edit/verslag/leerkring-maart",
        &pairs,
    );
    assert_eq!(reply.status, 303, "{}", reply.text());
    let new = String::from_utf8(bytes(&site, rel)).unwrap();
    assert_eq!(new, old.replace("\nscore: 4\n", "\nscore: 2\n"));
    assert_ne!(new, old);
    let location = reply.header("location").unwrap();
    assert_eq!(location, "/verslagen/leerkring-maart.html");
    // The page it leads to carries the bar, which a built page never has.
    let page = server.get(&location).text();
    assert!(page.contains(BAR), "{page}");
    assert!(page.contains("href=\"/__kennisbank/edit/verslag/leerkring-maart\""));
    let listing = server.get("/verslagen/").text();
    assert!(
        listing.contains("href=\"/__kennisbank/new/verslag\""),
        "{listing}"
    );
    // A box checked in a list: added after the items the file lists, in its
    // order, though the browser sends the boxes in the form's order.
    let mut pairs = open(&server, "verslag", "leerkring-maart");
    pairs.insert(
        pairs.iter().position(|(n, _)| n == "themas").unwrap(),
        ("themas".into(), "jeugd".into()),
    );
    let reply = post(
        &server,
        "/__kennisbank/edit/verslag/leerkring-maart",
        &pairs,
    );
    assert_eq!(reply.status, 303, "{}", reply.text());
    let newer = String::from_utf8(bytes(&site, rel)).unwrap();
    assert_eq!(
        newer,
        new.replace("\nthemas: [toegang]\n", "\nthemas: [toegang, jeugd]\n")
    );
}

#[test]
fn a_save_after_the_file_changed_on_disk_gets_409_and_writes_nothing() {
    let site = SiteTest::fixture("contribute");
    let server = serve_edit(&site);
    let rel = "verslagen/leerkring-maart.md";
    let mut pairs = open(&server, "verslag", "leerkring-maart");
    // Someone else saves the file in a text editor meanwhile.
    let theirs = String::from_utf8(bytes(&site, rel))
        .unwrap()
        .replace("Zaandam", "Wormerveer");
    std::fs::write(site.path("content").join(rel), &theirs).unwrap();
    set(&mut pairs, "plaats", "Krommenie");
    let reply = post(
        &server,
        "/__kennisbank/edit/verslag/leerkring-maart",
        &pairs,
    );
    assert_eq!(reply.status, 409, "{}", reply.text());
    assert_eq!(bytes(&site, rel), theirs.as_bytes(), "overwritten");
    let page = reply.text();
    assert!(page.contains("het bestand is intussen veranderd"), "{page}");
    // Both versions are shown: the file's and the person's.
    assert!(
        page.contains("Wormerveer") && page.contains("Krommenie"),
        "{page}"
    );
}

#[test]
fn an_invalid_save_gets_422_with_checks_errors_values_kept_and_nothing_written() {
    let site = SiteTest::fixture("contribute");
    let server = serve_edit(&site);
    let rel = "verslagen/leerkring-maart.md";
    let before = snapshot(&site);
    let mut pairs = open(&server, "verslag", "leerkring-maart");
    set(&mut pairs, "aantal", "twaalf");
    set(&mut pairs, "gemeente", "zaanstadt");
    let reply = post(
        &server,
        "/__kennisbank/edit/verslag/leerkring-maart",
        &pairs,
    );
    assert_eq!(reply.status, 422, "{}", reply.text());
    assert!(before == snapshot(&site), "{rel} or another file changed");
    let page = reply.text();
    // check's own words, the typed values kept, the summary linking to the field.
    for needle in [
        "aantal: expected a whole number",
        "gemeente: no gemeente with slug &#39;zaanstadt&#39;",
        "did you mean &#39;zaanstad&#39;?",
        "value=\"twaalf\"",
    ] {
        assert!(page.contains(needle), "no {needle:?} in\n{page}");
    }
    let doc = scraper::Html::parse_document(&page);
    let summary =
        scraper::Selector::parse(".kb-fouten a[href^='#'], [role=alert] a[href^='#']").unwrap();
    let targets: Vec<_> = doc
        .select(&summary)
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(
        targets.len() >= 2,
        "no error summary with links: {targets:?}"
    );
    for target in targets {
        let id = scraper::Selector::parse(&format!("[id='{}']", &target[1..])).unwrap();
        assert!(doc.select(&id).next().is_some(), "{target} leads nowhere");
    }
}

#[test]
fn a_new_document_is_written_and_a_taken_slug_is_refused() {
    let site = SiteTest::fixture("contribute");
    let server = serve_edit(&site);
    let reply = server.get("/__kennisbank/new/verslag");
    assert_eq!(reply.status, 200);
    let mut pairs = form_pairs(&reply.text(), EDIT_FORM);
    for (name, value) in [
        ("title", "Intervisie in april"),
        ("slug", "leerkring-maart"),
        ("datum", "2014-04-02"),
        ("soort", "intervisie"),
        ("score", "3"),
        ("themas", "jeugd"),
        ("body", "Over [[haarlem]].\r\n"),
    ] {
        set(&mut pairs, name, value);
    }
    let taken = post(&server, "/__kennisbank/new/verslag", &pairs);
    assert_eq!(taken.status, 422, "{}", taken.text());
    assert!(taken.text().contains("duplicate slug"), "{}", taken.text());
    set(&mut pairs, "slug", "intervisie-april");
    let reply = post(&server, "/__kennisbank/new/verslag", &pairs);
    assert_eq!(reply.status, 303, "{}", reply.text());
    assert_eq!(
        reply.header("location").as_deref(),
        Some("/verslagen/intervisie-april.html")
    );
    let text = site.read("content/verslagen/intervisie-april.md");
    assert!(
        text.starts_with("---\ntitle: \"Intervisie in april\"\n"),
        "{text}"
    );
    assert!(text.ends_with("---\n\nOver [[haarlem]].\n"), "{text}");
    site.check().expect_success();
}

#[test]
fn a_post_from_another_site_without_the_token_or_too_large_is_refused_and_writes_nothing() {
    let site = SiteTest::fixture("contribute");
    let server = serve_edit(&site);
    let path = "/__kennisbank/edit/verslag/leerkring-maart";
    let before = snapshot(&site);
    let mut pairs = open(&server, "verslag", "leerkring-maart");
    set(&mut pairs, "score", "1");
    let body = urlencoded(&pairs);
    for (extra, status) in [
        ("Origin: http://evil.example\r\n", 403),
        ("Origin: null\r\n", 403),
        ("Sec-Fetch-Site: cross-site\r\n", 403),
        ("Sec-Fetch-Site: same-site\r\n", 403),
    ] {
        let reply = post_raw(&server, path, &body, extra);
        assert_eq!(reply.status, status, "{extra}: {}", reply.text());
    }
    // Another Host (DNS rebinding): refused before anything else.
    let reply = server.send(&format!(
        "POST {path} HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    ));
    assert_eq!(reply.status, 403);
    // Same origin, but a wrong or missing token.
    let mut forged = pairs.clone();
    set(&mut forged, "_token", "0".repeat(64).as_str());
    assert_eq!(post(&server, path, &forged).status, 403);
    forged.retain(|(n, _)| n != "_token");
    assert_eq!(post(&server, path, &forged).status, 403);
    // Too large: 413 before it is read.
    let huge = format!("body={}", "a".repeat(1024 * 1024 + 1));
    let origin = format!("Origin: http://{}\r\n", server.addr);
    assert_eq!(post_raw(&server, path, &huge, &origin).status, 413);
    assert!(before == snapshot(&site), "a refused request wrote");
    // The same form from the preview itself is saved.
    assert_eq!(post(&server, path, &pairs).status, 303);
    assert!(before != snapshot(&site));
}

#[test]
fn without_edit_the_editor_is_not_there() {
    let site = SiteTest::fixture("contribute");
    let server = serve(&site);
    for path in [
        "/__kennisbank/edit/verslag/leerkring-maart",
        "/__kennisbank/new/verslag",
        "/__kennisbank/edit.css",
    ] {
        assert_eq!(server.get(path).status, 404, "{path}");
    }
    // No POST route: only the catch-all for reading, which refuses the method.
    let reply = post_raw(
        &server,
        "/__kennisbank/edit/verslag/leerkring-maart",
        "title=x",
        "",
    );
    assert_eq!(reply.status, 405);
    assert_eq!(reply.header("allow").as_deref(), Some("GET,HEAD"));
    for page in ["/verslagen/leerkring-maart.html", "/verslagen/"] {
        let text = server.get(page).text();
        assert!(
            !text.contains(BAR) && !text.contains("/__kennisbank/edit"),
            "{page}"
        );
    }
}

#[test]
fn the_built_site_has_no_edit_links() {
    let site = SiteTest::fixture("contribute");
    site.build().expect_success();
    for entry in walkdir::WalkDir::new(site.path("public")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "html") {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            assert!(
                !text.contains(BAR) && !text.contains("__kennisbank"),
                "{}",
                entry.path().display()
            );
        }
    }
}

#[test]
fn edit_on_an_open_address_needs_a_second_flag() {
    let site = SiteTest::fixture("contribute");
    let mut child = Command::new(env!("CARGO_BIN_EXE_kennisbank"))
        .args(["serve", "--port", "0", "--edit", "--bind", "0.0.0.0"])
        .current_dir(site.root())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            panic!("serve --edit --bind 0.0.0.0 started without --edit-allow-remote");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(!status.success());
    assert!(stderr.contains("--edit-allow-remote"), "{stderr}");
}

//! What the editor answers besides a save: the edit form with its token and
//! base, the preview, a new factsheet from the previous one, the bar on the
//! site's pages, refused paths and methods, and who may edit from where.

use super::*;

#[test]
fn the_edit_form_carries_the_token_the_base_and_the_values() {
    let bench = Bench::new();
    let reply = bench.get(REPORT);
    assert_eq!(reply.status, 200, "{}", body(&reply));
    assert_eq!(reply.header("x-frame-options"), Some("DENY"));
    assert!(reply
        .header("content-security-policy")
        .unwrap()
        .contains("frame-ancestors 'none'"));
    let html = body(&reply);
    let base = token::base(bench.file(REPORT_FILE).as_bytes());
    for expected in [
        format!(
            "<input type=\"hidden\" name=\"_token\" value=\"{}\">",
            bench.editor.token()
        ),
        format!("<input type=\"hidden\" name=\"_base\" value=\"{base}\">"),
        format!("action=\"{REPORT}\" method=\"post\""),
        "<h1>Leerkring in maart bewerken</h1>".into(),
        "value=\"Zaandam\"".into(),
        "name=\"_actie\" value=\"voorbeeld\"".into(),
    ] {
        assert!(html.contains(&expected), "{expected}\n{html}");
    }
    // No live reload on a form: a rebuild must not wipe what is typed.
    assert!(!html.contains("livereload"));
}

#[test]
fn the_preview_renders_the_body_with_links_resolved_and_saves_nothing() {
    let bench = Bench::new();
    let before = bench.file(REPORT_FILE);
    let mut form = bench.form_of("verslag", "leerkring-maart");
    form.set("body", "Zie [[haarlem]] en **dit**.");
    form.push("_actie", "voorbeeld");
    let reply = bench.post(REPORT, form);
    assert_eq!(reply.status, 200);
    assert_eq!(bench.file(REPORT_FILE), before);
    let html = body(&reply);
    assert!(html.contains("Voorbeeld van de tekst"));
    // Relative to the form's own address, so the link works from there.
    assert!(
        html.contains("<a href=\"../../../gemeenten/haarlem.html\">Haarlem</a>"),
        "{html}"
    );
    assert!(html.contains("<strong>dit</strong>"));
}

#[test]
fn a_new_factsheet_starts_from_the_previous_one() {
    let bench = Bench::new();
    let html = body(&bench.get("/__kennisbank/new/factsheet"));
    assert!(html.contains("Nieuwe factsheet op basis van de vorige"));
    let reply = bench.get("/__kennisbank/new/factsheet?gemeente=zaanstad&meting=2015");
    assert_eq!(reply.status, 200);
    let html = body(&reply);
    assert!(
        html.contains("gevuld met de vorige factsheet van Zaanstad"),
        "{html}"
    );
    assert!(html.contains("value=\"zaanstad-2015\""), "{html}");
    assert!(html.contains("Wat is er veranderd sinds [[zaanstad-2014]]?"));
    let none = body(&bench.get("/__kennisbank/new/factsheet?gemeente=haarlem&meting=2014"));
    assert!(
        none.contains("Er is geen eerdere factsheet van Haarlem van vóór 2014"),
        "{none}"
    );
}

#[test]
fn pages_get_their_bar_and_unknown_paths_and_methods_are_refused() {
    let bench = Bench::new();
    let page = b"<html><body><main id=\"inhoud\"><h1>x</h1></main></body></html>";
    let doc = String::from_utf8(
        bench
            .editor
            .decorate("verslagen/leerkring-maart.html", page)
            .unwrap(),
    )
    .unwrap();
    assert!(doc.contains("href=\"/__kennisbank/edit/verslag/leerkring-maart\">Bewerken"));
    let listing =
        String::from_utf8(bench.editor.decorate("verslagen/index.html", page).unwrap()).unwrap();
    assert!(
        listing.contains("href=\"/__kennisbank/new/verslag\">Verslag toevoegen</a>"),
        "{listing}"
    );
    assert!(bench.editor.decorate("index.html", page).is_none());
    for path in [
        "/__kennisbank/edit/verslag/bestaat-niet",
        "/__kennisbank/edit/gemeente/leerkring-maart",
        "/__kennisbank/edit/soort/leerkring-maart",
        "/__kennisbank/edit/verslag/..%2f..%2fsite.toml",
        "/__kennisbank/new/soort",
        "/__kennisbank/edit/verslag",
    ] {
        assert_eq!(bench.get(path).status, 404, "{path}");
    }
    let put = bench.editor.handle(&Request {
        method: "PUT",
        path: REPORT,
        ..Request::default()
    });
    assert_eq!(
        (put.status, put.header("allow")),
        (405, Some("GET, HEAD, POST"))
    );
    let css = bench.get("/__kennisbank/edit.css");
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
    assert!(Editor::owns("/__kennisbank/edit.css") && Editor::owns(REPORT));
    assert!(!Editor::owns("/__kennisbank/status") && !Editor::owns("/verslagen/index.html"));
}

#[test]
fn editing_from_another_machine_needs_a_second_flag() {
    let lan: std::net::IpAddr = "192.168.1.5".parse().unwrap();
    for ip in ["127.0.0.1", "::1", "::ffff:127.0.0.1"] {
        assert_eq!(check_bind(ip.parse().unwrap(), false), Ok(None), "{ip}");
    }
    assert!(check_bind(lan, false)
        .unwrap_err()
        .contains("--edit-allow-remote"));
    assert!(check_bind("0.0.0.0".parse().unwrap(), false).is_err());
    assert!(check_bind(lan, true)
        .unwrap()
        .unwrap()
        .starts_with("warning: --edit on 192.168.1.5"));
}

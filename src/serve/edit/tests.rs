//! The editor driven directly, without HTTP, on a copy of
//! `tests/fixtures/contribute` (a field of every type): what each request
//! answers and what it does to the files. Over HTTP, on every bundled
//! document and in a browser: `tests/testsuite/edit*` and `tests/e2e/edit`.

use super::*;
use crate::build::incremental::Memo;
use crate::config::{self, Config};
use crate::contribute::values;
use std::path::{Path, PathBuf};

struct Bench {
    dir: tempfile::TempDir,
    config: Config,
    memo: Memo,
    editor: Editor,
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

impl Bench {
    fn new() -> Bench {
        let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&repo.join("tests/fixtures/contribute"), dir.path());
        copy_dir(
            &repo.join("themes/default"),
            &dir.path().join("themes/default"),
        );
        let config = config::load(dir.path()).unwrap();
        let editor = Editor::new(Duration::ZERO).unwrap();
        let mut bench = Bench {
            dir,
            config,
            memo: Memo::default(),
            editor,
        };
        bench.rebuild();
        bench
    }

    /// What serve does after each change on disk.
    fn rebuild(&mut self) {
        for entry in walkdir::WalkDir::new(self.dir.path().join("content")) {
            self.memo.content_changed(entry.unwrap().path());
        }
        let outcome = crate::build::run_with(&self.config, false, Some(&mut self.memo), &|_| {});
        let tera = self.memo.templates(&self.config).ok();
        self.editor.publish(Some((outcome.site.unwrap(), tera)));
    }

    fn file(&self, rel: &str) -> String {
        std::fs::read_to_string(self.dir.path().join("content").join(rel)).unwrap()
    }

    fn get(&self, path: &str) -> Reply {
        let (path, query) = path.split_once('?').unwrap_or((path, ""));
        self.editor.handle(&Request {
            method: "GET",
            path,
            query,
            form: FormValues::default(),
        })
    }

    fn post(&self, path: &str, form: FormValues) -> Reply {
        self.editor.handle(&Request {
            method: "POST",
            path,
            query: "",
            form,
        })
    }

    /// The values the edit form of `slug` shows, with its hidden fields.
    fn form_of(&self, kind: &str, slug: &str) -> FormValues {
        let snapshot = self.editor.snapshot().unwrap();
        let kind = self.config.kind(kind).unwrap();
        let doc = &snapshot.site.page(slug).unwrap().doc;
        let mut form = values::from_document(&self.config, kind, doc);
        let text = std::fs::read(self.config.content_dir.join(&doc.rel)).unwrap();
        form.push("_token", self.editor.token());
        form.push("_base", token::base(&text));
        form
    }
}

fn body(reply: &Reply) -> String {
    String::from_utf8(reply.body.clone()).unwrap()
}

const REPORT: &str = "/__kennisbank/edit/verslag/leerkring-maart";
const REPORT_FILE: &str = "verslagen/leerkring-maart.md";

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
fn an_untouched_save_writes_nothing_and_one_change_rewrites_one_line() {
    let mut bench = Bench::new();
    let before = bench.file(REPORT_FILE);
    let mut form = bench.form_of("verslag", "leerkring-maart");
    let reply = bench.post(REPORT, form.clone());
    assert_eq!(reply.status, 303, "{}", body(&reply));
    assert_eq!(
        reply.header("location"),
        Some("/verslagen/leerkring-maart.html")
    );
    assert_eq!(bench.file(REPORT_FILE), before);

    form.set("score", "2");
    // A browser sends the body's line ends as CRLF.
    let crlf = form.get("body").unwrap().replace('\n', "\r\n");
    form.set("body", crlf);
    let reply = bench.post(REPORT, form);
    assert_eq!(reply.status, 303, "{}", body(&reply));
    assert_eq!(
        bench.file(REPORT_FILE),
        before.replace("\nscore: 4\n", "\nscore: 2\n")
    );
    // The form of the saved file offers the new value.
    bench.rebuild();
    assert!(body(&bench.get(REPORT)).contains("value=\"2\" checked"));
}

#[test]
fn without_the_token_nothing_is_written() {
    let bench = Bench::new();
    let before = bench.file(REPORT_FILE);
    let mut form = bench.form_of("verslag", "leerkring-maart");
    form.set("score", "1");
    for token in [None, Some(String::new()), Some("0".repeat(64))] {
        let mut form = form.clone();
        form.0.retain(|(k, _)| k != "_token");
        if let Some(token) = token {
            form.push("_token", token);
        }
        let reply = bench.post(REPORT, form);
        assert_eq!(reply.status, 403);
        assert!(body(&reply).contains("Er is niets opgeslagen"));
        assert_eq!(bench.file(REPORT_FILE), before);
    }
    // Nor for a new document.
    let reply = bench.post("/__kennisbank/new/verslag", FormValues::default());
    assert_eq!(reply.status, 403);
}

#[test]
fn a_file_changed_on_disk_is_a_conflict_and_stays_as_it_is() {
    let bench = Bench::new();
    let mut form = bench.form_of("verslag", "leerkring-maart");
    let changed = bench
        .file(REPORT_FILE)
        .replace("plaats: \"Zaandam\"", "plaats: \"Koog\"");
    std::fs::write(bench.dir.path().join("content").join(REPORT_FILE), &changed).unwrap();
    form.set("score", "1");
    let reply = bench.post(REPORT, form);
    assert_eq!(reply.status, 409, "{}", body(&reply));
    assert_eq!(bench.file(REPORT_FILE), changed);
    let html = body(&reply);
    // Both versions, field by field, and the form now made from the file.
    assert!(html.contains("Niet opgeslagen: het bestand is intussen veranderd"));
    assert!(
        html.contains(
            "<pre>plaats: &quot;Koog&quot;</pre></td><td><pre>plaats: &quot;Zaandam&quot;</pre>"
        ),
        "{html}"
    );
    assert!(
        html.contains("<pre>score: 4</pre></td><td><pre>score: 1</pre>"),
        "{html}"
    );
    let base = token::base(changed.as_bytes());
    assert!(html.contains(&format!("name=\"_base\" value=\"{base}\"")));
    assert!(html.contains("value=\"Koog\""));
}

#[test]
fn an_invalid_save_keeps_every_value_and_links_each_error() {
    let bench = Bench::new();
    let before = bench.file(REPORT_FILE);
    let mut form = bench.form_of("verslag", "leerkring-maart");
    form.set("aantal", "twaalf");
    form.set("datum", "2014-02-30");
    form.set("plaats", "Zaandam <b>&</b>");
    let reply = bench.post(REPORT, form);
    assert_eq!(reply.status, 422);
    assert_eq!(bench.file(REPORT_FILE), before);
    let html = body(&reply);
    assert!(
        html.contains("<title>Fout: Leerkring in maart bewerken"),
        "{html}"
    );
    assert!(html.contains("<a href=\"#veld-aantal\">"), "{html}");
    assert!(
        html.contains(
            "<a href=\"#veld-datum\">Datum: datum: &#39;2014-02-30&#39; is not a date</a>"
        ),
        "{html}"
    );
    assert!(html.contains("2014-02 has 28 days"));
    assert!(html.contains("value=\"twaalf\""));
    assert!(
        html.contains("value=\"Zaandam &lt;b&gt;&amp;&lt;/b&gt;\""),
        "{html}"
    );
    assert!(html.contains(" autofocus"));
}

#[test]
fn a_new_document_is_written_once_and_never_over_another() {
    let bench = Bench::new();
    let token = bench.editor.token().to_string();
    let form = |slug: &str| {
        let mut f = FormValues::default();
        for (k, v) in [
            ("_token", token.as_str()),
            ("title", "Werkbezoek in mei"),
            ("slug", slug),
            ("plaats", "Haarlem"),
            ("datum", "2014-05-12"),
            ("soort", "intervisie"),
            ("score", "3"),
            ("themas", "toegang"),
            ("body", "Over [[haarlem]].\r\n"),
        ] {
            f.push(k, v);
        }
        f
    };
    let reply = bench.post("/__kennisbank/new/verslag", form("werkbezoek"));
    assert_eq!(reply.status, 303, "{}", body(&reply));
    let text = bench.file("verslagen/werkbezoek.md");
    assert_eq!(
        text,
        "---\ntitle: \"Werkbezoek in mei\"\nplaats: \"Haarlem\"\ndatum: \"2014-05-12\"\nsoort: intervisie\nscore: 3\nthemas: [toegang]\n---\n\nOver [[haarlem]].\n"
    );
    // Not yet rebuilt: the slug is taken on disk all the same.
    let reply = bench.post("/__kennisbank/new/verslag", form("werkbezoek"));
    assert_eq!(reply.status, 422);
    assert!(body(&reply).contains("duplicate slug &#39;werkbezoek&#39;"));
    // Known to the site: check's own message.
    let reply = bench.post("/__kennisbank/new/verslag", form("leerkring-maart"));
    assert_eq!(reply.status, 422);
    assert!(body(&reply).contains("duplicate slug"));
    assert_eq!(
        bench.file(REPORT_FILE),
        std::fs::read_to_string(
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/contribute/content")
                .join(REPORT_FILE)
        )
        .unwrap()
    );
    // A path in the slug is refused, never followed.
    let reply = bench.post("/__kennisbank/new/verslag", form("../../uit"));
    assert_eq!(reply.status, 422);
    assert!(!bench.dir.path().join("uit.md").exists());
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
fn a_file_check_refuses_is_shown_as_written_so_the_form_can_fix_it() {
    let mut bench = Bench::new();
    let broken = bench
        .file(REPORT_FILE)
        .replace("soort: leerkring", "soort: leerkrinq");
    std::fs::write(bench.dir.path().join("content").join(REPORT_FILE), &broken).unwrap();
    bench.rebuild();
    let html = body(&bench.get(REPORT));
    assert!(html.contains("value=\"leerkrinq\" checked"), "{html}");
    let mut form = FormValues::from_urlencoded(b"");
    let reply = bench.get(REPORT);
    assert_eq!(reply.status, 200);
    // The same form with the value fixed saves that one line.
    let config = &bench.config;
    let kind = config.kind("verslag").unwrap();
    let map = crate::content::frontmatter::parse(
        Path::new(""),
        &crate::content::frontmatter::split(Path::new(""), &broken).unwrap(),
    )
    .unwrap()
    .map;
    let split = crate::content::frontmatter::split(Path::new(""), &broken).unwrap();
    form.0 = values::from_front_matter(config, kind, &map, split.body).0;
    form.set("soort", "leerkring");
    form.push("_token", bench.editor.token());
    form.push("_base", token::base(broken.as_bytes()));
    let reply = bench.post(REPORT, form);
    assert_eq!(reply.status, 303, "{}", body(&reply));
    assert_eq!(
        bench.file(REPORT_FILE),
        broken.replace("leerkrinq", "leerkring")
    );
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

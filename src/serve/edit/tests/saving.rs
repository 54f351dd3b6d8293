//! Saving: an untouched form writes nothing and one change one line; a
//! missing token, a file changed on disk or an invalid value writes nothing; a
//! new document never takes another's place; a file check refuses can be fixed
//! in the form.

use super::*;

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

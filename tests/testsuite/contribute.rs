//! Contribution forms: the Rust validator and the browser's
//! (`themes/default/static/contribute.js`, run under Node) give the verdicts,
//! messages and file text written in `tests/contribute/vectors.json` for the
//! fixture `tests/fixtures/contribute`; the static pages a build writes.
//! `KB_BLESS_VECTORS=1` rewrites the expected results from Rust (review the diff).

use crate::harness::{repo, SiteTest};
use kennisbank::contribute::{self, validate_new, Catalog, FormValues};
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn vectors() -> Value {
    let text = std::fs::read_to_string(repo().join("tests/contribute/vectors.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn pairs(v: &Value) -> FormValues {
    FormValues(
        v["pairs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                (
                    p[0].as_str().unwrap().to_string(),
                    p[1].as_str().unwrap().to_string(),
                )
            })
            .collect(),
    )
}

/// What Rust makes of every vector: `{slug, file, errors}`.
fn rust_results(site: &SiteTest, vectors: &Value) -> Vec<Value> {
    let config = kennisbank::config::load(site.root()).unwrap();
    let built = kennisbank::build::site_only(&config).unwrap();
    let catalog = Catalog::from_site(&built);
    vectors["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            let kind = config.kind(v["kind"].as_str().unwrap()).unwrap();
            let sub = contribute::submission(&config, kind, &pairs(v), true);
            let errors = validate_new(&config, &catalog, kind, &sub);
            json!({
                "slug": sub.slug,
                "file": contribute::emit::document_text(&sub),
                "errors": errors,
            })
        })
        .collect()
}

/// Runs `tests/contribute/validator.js` on the vectors with the schema the
/// build exported; `None` when node is missing (a failure under CI=true).
fn node_results(site: &SiteTest, vectors: &Value) -> Option<Vec<Value>> {
    site.build().expect_success();
    let dir = site.path("public/bijdragen");
    let schema = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("schema-")
        })
        .expect("the build exports bijdragen/schema-HASH.js");
    let spawned = Command::new("node")
        .arg(repo().join("tests/contribute/validator.js"))
        .arg(&schema)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match spawned {
        Ok(child) => child,
        Err(err) => {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "node is required under CI=true: {err}"
            );
            let _ = writeln!(
                std::io::stderr(),
                "\n!!!! SKIPPED the browser half of the validator parity test: node not found ({err})\n"
            );
            return None;
        }
    };
    child
        .stdin
        .take()
        .unwrap()
        .write_all(vectors.to_string().as_bytes())
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        stdout.read_to_end(&mut out).map(|_| out)
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("the Node validator ran longer than a minute");
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
    assert!(status.success(), "node validator failed: {stderr}");
    let out = reader.join().unwrap().unwrap();
    Some(serde_json::from_slice(&out).unwrap())
}

/// Compares results with the vectors' expectations; lists every difference.
fn assert_matches(who: &str, vectors: &Value, results: &[Value]) {
    let list = vectors["vectors"].as_array().unwrap();
    assert_eq!(list.len(), results.len());
    let mut problems = Vec::new();
    for (v, got) in list.iter().zip(results) {
        for key in ["slug", "file", "errors"] {
            if v["expect"][key] != got[key] {
                problems.push(format!(
                    "{who}: {}: {key}\n  expected: {}\n  got:      {}",
                    v["name"], v["expect"][key], got[key]
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn vectors_cover_every_field_type_and_front_matter_diagnostic() {
    let vectors = vectors();
    let list = vectors["vectors"].as_array().unwrap();
    assert!(list.len() >= 60, "{} vectors", list.len());
    let text = vectors.to_string();
    let valid = list
        .iter()
        .filter(|v| v["expect"]["errors"] == json!([]))
        .count();
    assert!(
        valid >= 15 && list.len() - valid >= 40,
        "{valid} valid of {}",
        list.len()
    );
    // Every message `check` gives for front matter a form can reach.
    for needle in [
        "missing required field",
        "is not a valid slug",
        "duplicate slug",
        "is not a date",
        "expected a whole number",
        "is out of range",
        "unknown value",
        "did you mean",
        "may not be 'onbekend'",
        "is listed twice",
        "expected a score",
        "expected one value",
        "no gemeente with slug",
        "but this field refers to a gemeente",
        "is not a scale field of",
        "counts, one per scale point",
        "expected scale fields with their counts",
        "expected a count of zero or more",
        "unknown field",
        "draft must be true or false",
        "title must be non-empty text",
        "summary must be text",
        "broken link [[",
        "raw HTML is not allowed",
        "does not exist",
        "leads outside content/",
        "image from another host",
        "image without alt text",
        "an image cannot point to a document",
        "binary file, not Markdown text",
    ] {
        assert!(text.contains(needle), "no vector expects {needle:?}");
    }
}

#[test]
fn rust_validator_gives_the_vectors_verdicts() {
    let site = SiteTest::fixture("contribute");
    let mut vectors = vectors();
    let results = rust_results(&site, &vectors);
    if std::env::var("KB_BLESS_VECTORS").as_deref() == Ok("1") {
        for (v, got) in vectors["vectors"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .zip(&results)
        {
            v["expect"] = got.clone();
        }
        let text = serde_json::to_string_pretty(&vectors).unwrap() + "\n";
        std::fs::write(repo().join("tests/contribute/vectors.json"), text).unwrap();
        return;
    }
    assert_matches("rust", &vectors, &results);
}

#[test]
fn browser_validator_gives_the_vectors_verdicts() {
    let site = SiteTest::fixture("contribute");
    let vectors = vectors();
    if let Some(results) = node_results(&site, &vectors) {
        assert_matches("node", &vectors, &results);
    }
}

/// The bundled site as the library sees it.
fn bundled() -> (kennisbank::config::Config, kennisbank::site::Site) {
    let config = kennisbank::config::load(&repo()).unwrap();
    let site = kennisbank::build::site_only(&config).unwrap();
    (config, site)
}

#[test]
fn every_bundled_document_round_trips_through_its_form() {
    use kennisbank::discover::SourceFile;
    let (config, site) = bundled();
    let catalog = Catalog::from_site(&site);
    let mut problems = Vec::new();
    for page in &site.pages {
        let doc = &page.doc;
        let kind = config.kind(&doc.kind).unwrap();
        // What the edit form shows, sent back unchanged, written as a file.
        let values = contribute::values::from_document(&config, kind, doc);
        let sub = contribute::submission(&config, kind, &values, false);
        let text = contribute::emit::document_text(&sub);
        let source = SourceFile {
            display: doc.display.clone(),
            rel: doc.rel.clone(),
            kind: doc.kind.clone(),
            slug: doc.slug.clone(),
            text: text.clone(),
        };
        let (again, diagnostics) = kennisbank::document::parse(&config, &source);
        let Some(again) = again else {
            problems.push(format!("{}: {diagnostics:?}", doc.slug));
            continue;
        };
        let same = again.title == doc.title
            && again.summary == doc.summary
            && again.fields == doc.fields
            && again.body.trim() == doc.body.trim();
        if !same {
            problems.push(format!("{}: the form changed a value\n{text}", doc.slug));
        }
        let errors = contribute::validate_text(&config, &catalog, kind, &doc.slug, &text);
        if !errors.is_empty() {
            problems.push(format!("{}: {errors:?}", doc.slug));
        }
        // The form itself offers every chosen value the document has.
        let form = contribute::form(&config, kind, &catalog, false).with_values(&values);
        let json = serde_json::to_value(&form).unwrap();
        let mut shown: Vec<(String, String)> = Vec::new();
        for f in json["groups"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|g| g["fields"].as_array().unwrap())
        {
            let name = f["name"].as_str().unwrap().to_string();
            let options = f["control"]["options"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            for o in options
                .iter()
                .chain(f.get("unknown").filter(|u| u.is_object()))
            {
                if o["checked"] == true {
                    shown.push((name.clone(), o["value"].as_str().unwrap().to_string()));
                }
            }
        }
        let mut chosen: Vec<(String, String)> = values
            .pairs()
            .iter()
            .filter(|(k, v)| {
                k == "draft"
                    || *v == config.unknown
                    || kind.field(k).is_some_and(|f| {
                        matches!(
                            f.ty.name(),
                            "enum" | "enum_list" | "scale" | "ref" | "ref_list"
                        )
                    })
            })
            .cloned()
            .collect();
        shown.sort();
        chosen.sort();
        if shown != chosen {
            problems.push(format!("{}: chosen {chosen:?}, shown {shown:?}", doc.slug));
        }
    }
    assert!(site.pages.len() > 150, "{} pages", site.pages.len());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The fixture's report with a field of every type, as its edit form holds it.
fn report() -> (
    kennisbank::config::Config,
    kennisbank::site::Site,
    FormValues,
) {
    let root = repo().join("tests/fixtures/contribute");
    let config = kennisbank::config::load(&root).unwrap();
    let site = kennisbank::build::site_only(&config).unwrap();
    let doc = &site.page("leerkring-maart").unwrap().doc;
    let values = contribute::values::from_document(&config, config.kind("verslag").unwrap(), doc);
    (config, site, values)
}

#[test]
fn an_untouched_form_changes_nothing_and_one_edit_changes_one_field() {
    let (config, _site, values) = report();
    let kind = config.kind("verslag").unwrap();
    let before = contribute::submission(&config, kind, &values, false);
    // A browser sends line ends as CRLF and the body's first blank line back.
    let mut resent = values.clone();
    for (_, v) in resent.0.iter_mut() {
        *v = v.replace('\n', "\r\n");
    }
    resent.push("_token", "t");
    assert_eq!(
        contribute::changed(
            &before,
            &contribute::submission(&config, kind, &resent, false)
        ),
        Vec::<String>::new()
    );
    let edits: &[(&str, &str, &str)] = &[
        ("title", "title", "Leerkring in april"),
        ("plaats", "plaats", "Haarlem"),
        ("toelichting", "toelichting", "Anders."),
        ("namen", "namen", "An de Vries\nCees"),
        ("aantal", "aantal", "13"),
        ("datum", "datum", "2014-04"),
        ("soort", "soort", "intervisie"),
        ("vorm", "vorm", "onbekend"),
        ("onderwerpen", "onderwerpen", "financiering"),
        ("score", "score", "5"),
        ("gemeente", "gemeente", "haarlem"),
        ("sfeer", "sfeer", "1"),
        ("themas", "themas", "jeugd"),
        ("verdeling", "verdeling.kv_sturing.2", "1"),
        ("telling", "telling.amw", "4"),
        ("body", "body", "Nieuwe tekst.\n"),
    ];
    for (field, name, value) in edits {
        let mut after = values.clone();
        after.set(name, *value);
        let got = contribute::changed(
            &before,
            &contribute::submission(&config, kind, &after, false),
        );
        assert_eq!(got, vec![field.to_string()], "editing {name}");
    }
    // Removing an optional field is a change of that field too.
    let mut after = values.clone();
    after.0.retain(|(k, _)| k != "onderwerpen");
    let got = contribute::changed(
        &before,
        &contribute::submission(&config, kind, &after, false),
    );
    assert_eq!(got, ["onderwerpen"]);
}

#[test]
fn the_factsheet_form_follows_the_schema() {
    let (config, site) = bundled();
    let kind = config.kind("factsheet").unwrap();
    let catalog = Catalog::from_site(&site);
    let form = serde_json::to_value(contribute::form(&config, kind, &catalog, true)).unwrap();
    let fields: Vec<&Value> = form["groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["fields"].as_array().unwrap())
        .collect();
    let field = |name: &str| *fields.iter().find(|f| f["name"] == name).unwrap();
    let names: Vec<&str> = fields.iter().map(|f| f["name"].as_str().unwrap()).collect();
    assert_eq!(&names[..4], ["title", "slug", "summary", "gemeente"]);
    assert_eq!(names.last(), Some(&"body"));
    assert_eq!(
        names.len(),
        kind.fields.len() + 4,
        "every field once, no draft box on a new document"
    );
    // The eleven keuzevraagstukken are one fieldset.
    let group = form["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["legend"] == "Keuzevraagstukken")
        .unwrap();
    assert_eq!(group["fields"].as_array().unwrap().len(), 11);
    // Controls by type.
    assert_eq!(field("fase")["control"]["kind"], "radios");
    assert_eq!(field("teamvorm")["control"]["kind"], "select");
    assert_eq!(field("doelen")["control"]["kind"], "checkboxes");
    assert_eq!(
        field("meting")["control"],
        json!({"kind": "number", "min": 2012, "max": 2100})
    );
    assert_eq!(
        field("meting")["hint"],
        "Een heel getal van 2012 tot en met 2100."
    );
    let scale = field("kv_rol_gemeente");
    assert_eq!(scale["control"]["kind"], "scale");
    let labels: Vec<&str> = scale["control"]["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["label"].as_str().unwrap())
        .collect();
    assert_eq!(
        labels,
        [
            "1 (sterk sturen)",
            "2",
            "3",
            "4",
            "5 (loslaten/organisaties)"
        ]
    );
    let towns: Vec<&str> = field("gemeente")["control"]["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["label"].as_str().unwrap())
        .collect();
    assert_eq!(towns.len(), 12);
    assert_eq!(towns[2], "Dijk en Waard", "by title");
    // "Onbekend" exactly where the schema allows it; required marks likewise.
    for f in &kind.fields {
        let shown = field(&f.name);
        assert_eq!(shown["unknown"].is_object(), f.allow_unknown, "{}", f.name);
        assert_eq!(shown["required"], f.required, "{}", f.name);
    }
    assert_eq!(
        field("peildatum")["help"],
        kind.field("peildatum").unwrap().help
    );
    assert!(field("meting")["continuation"].as_bool().unwrap());
    // An edit form has no slug, and a box that keeps a draft a draft.
    let edit = serde_json::to_value(contribute::form(&config, kind, &catalog, false)).unwrap();
    let text = edit.to_string();
    assert!(!text.contains("\"name\":\"slug\"") && text.contains("\"name\":\"draft\""));
}

#[test]
fn values_and_errors_render_in_the_form_for_the_editor() {
    let (config, site, values) = report();
    let kind = config.kind("verslag").unwrap();
    let catalog = Catalog::from_site(&site);
    let mut values = values;
    values.set("aantal", "veel");
    values.set("gemeente", "concept");
    let sub = contribute::submission(&config, kind, &values, false);
    let errors = contribute::validate_text(
        &config,
        &catalog,
        kind,
        "leerkring-maart",
        &contribute::emit::document_text(&sub),
    );
    let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "aantal: expected a whole number (or 'onbekend' when the sources do not say), found the text 'veel'",
            "gemeente: no gemeente with slug 'concept'",
        ]
    );
    let mut form = contribute::form(&config, kind, &catalog, false)
        .with_values(&values)
        .with_errors(&errors);
    form.action = "/__kennisbank/edit/verslag/leerkring-maart".into();
    form.hidden.push(contribute::model::Hidden {
        name: "_token".into(),
        value: "geheim".into(),
    });
    let mut tera =
        kennisbank::render::load_templates(&kennisbank::config::load(&repo()).unwrap()).unwrap();
    tera.add_raw_template(
        "edit.html",
        r#"{% import "form_macros.html" as fm %}{{ fm::form(form=form, id="kb-bewerk", submit="Opslaan") }}"#,
    )
    .unwrap();
    let mut ctx = tera::Context::new();
    ctx.insert("form", &form);
    let html = tera.render("edit.html", &ctx).unwrap();
    for needle in [
        r#"<form id="kb-bewerk" class="kb-form" action="/__kennisbank/edit/verslag/leerkring-maart" method="post" novalidate"#,
        r#"<input type="hidden" name="_token" value="geheim">"#,
        r##"<li><a href="#veld-aantal">Aantal deelnemers: aantal: expected a whole number"##,
        r##"<li><a href="#veld-gemeente">Gemeente: gemeente: no gemeente with slug &#39;concept&#39;</a></li>"##,
        r#"id="veld-aantal" name="aantal" value="veel" aria-describedby="veld-aantal-hint veld-aantal-fout" aria-invalid="true">"#,
        r#"<div class="kb-fout" id="veld-aantal-fout"><p><span class="visually-hidden">Fout: </span>aantal: expected"#,
        r#"<option value="concept" selected>concept</option>"#,
        r#"<input type="radio" id="veld-soort-leerkring" name="soort" value="leerkring" checked>"#,
        r#"<input type="checkbox" id="veld-onderwerpen-privacy" name="onderwerpen" value="privacy" checked>"#,
        r#"name="verdeling.kv_sturing.3" value="2">"#,
        "<textarea id=\"veld-namen\" name=\"namen\" rows=\"4\" aria-describedby=\"veld-namen-hint\">\nAn de Vries\nBert</textarea>",
    ] {
        crate::harness::assert_contains(&html, needle);
    }
    assert!(
        !html.contains(" hidden>\n<div role=\"alert\">"),
        "the summary shows"
    );
}

#[test]
fn a_new_factsheet_starts_from_the_latest_earlier_one() {
    let (config, site) = bundled();
    let kind = config.kind("factsheet").unwrap();
    let values = contribute::continuation::continuation(&site, "zaanstad", 2015).unwrap();
    assert_eq!(values.get("slug"), Some("zaanstad-2015"));
    assert_eq!(values.get("title"), Some("Zaanstad 2015 (eenmeting)"));
    assert_eq!(values.get("meting"), Some("2015"));
    assert_eq!(values.get("peildatum"), Some("2015"));
    assert_eq!(values.get("kv_toegang_wmo"), Some("1"));
    assert_eq!(
        values.get("body"),
        Some("Wat is er veranderd sinds [[zaanstad-2014]]?\n")
    );
    let sub = contribute::submission(&config, kind, &values, true);
    let catalog = Catalog::from_site(&site);
    assert_eq!(validate_new(&config, &catalog, kind, &sub), []);
    assert!(contribute::continuation::continuation(&site, "zaanstad", 2014).is_none());
    assert!(contribute::continuation::continuation(&site, "nergens", 2015).is_none());
}

#[test]
fn check_gives_every_vector_the_same_verdict() {
    // `check` itself on a copy of the fixture with each vector's file added:
    // it fails exactly when the validator found errors, and each of its
    // messages is one the validator gave (the validator may give more, as it
    // also checks links in a file whose front matter has errors).
    let site = SiteTest::fixture("contribute");
    let vectors = vectors();
    let config = kennisbank::config::load(site.root()).unwrap();
    let mut checked = 0;
    let mut problems = Vec::new();
    for v in vectors["vectors"].as_array().unwrap() {
        let slug = v["expect"]["slug"].as_str().unwrap();
        let folder = &config.kind(v["kind"].as_str().unwrap()).unwrap().folder;
        let rel = format!("content/{folder}/{slug}.md");
        if slug.is_empty() || slug.contains('/') || site.path(&rel).exists() {
            continue;
        }
        std::fs::write(site.path(&rel), v["expect"]["file"].as_str().unwrap()).unwrap();
        let run = site.check();
        std::fs::remove_file(site.path(&rel)).unwrap();
        checked += 1;
        let errors = v["expect"]["errors"].as_array().unwrap();
        if (run.code == 0) != errors.is_empty() {
            problems.push(format!(
                "{}: check exited {}\n{}",
                v["name"], run.code, run.stderr
            ));
            continue;
        }
        // With a slug two files have, check resolves links to whichever
        // sorts last; the validator reports the duplicate itself.
        if errors
            .iter()
            .any(|e| e["message"].as_str().unwrap().starts_with("duplicate slug"))
        {
            continue;
        }
        for line in run.stderr.lines().filter(|l| l.contains(": error: ")) {
            let message = line.split(": error: ").nth(1).unwrap();
            if !errors.iter().any(|e| e["message"] == message) {
                problems.push(format!(
                    "{}: check says {message:?}, the validator does not",
                    v["name"]
                ));
            }
        }
    }
    assert!(
        checked >= 80,
        "only {checked} vectors could be written as files"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn contribution_pages_exist_only_for_kinds_that_contribute() {
    let site = SiteTest::fixture("contribute");
    let run = site.build().expect_success();
    for page in [
        "bijdragen/index.html",
        "bijdragen/verslag.html",
        "bijdragen/factsheet.html",
    ] {
        let html = run.output(page);
        assert!(
            html.contains("<script src=\"../static/contribute.js\" defer>")
                || page.ends_with("index.html"),
            "{page}"
        );
    }
    assert!(!site.path("public/bijdragen/gemeente.html").exists());
    let listing = run.output("verslagen/index.html");
    crate::harness::assert_contains(
        &listing,
        r#"<a href="../bijdragen/verslag.html">Verslag toevoegen</a>"#,
    );
    let home = run.output("index.html");
    crate::harness::assert_contains(
        &home,
        r#"<li><a href="bijdragen/factsheet.html">Factsheet toevoegen</a></li>"#,
    );
    // The exported schema names the forge and the earlier factsheets' file.
    let names: Vec<String> = std::fs::read_dir(site.path("public/bijdragen"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".js"))
        .collect();
    let schema = names.iter().find(|n| n.starts_with("schema-")).unwrap();
    let previous = names.iter().find(|n| n.starts_with("vorige-")).unwrap();
    let text = run.output(&format!("bijdragen/{schema}"));
    assert!(
        text.starts_with("kennisbankContribute(\"schema\",{"),
        "{text}"
    );
    assert!(text.contains(&format!("\"previous\":\"{previous}\"")));
    assert!(text.contains("\"new_file_url\":\"https://forge.example/kb/new/main/content/{folder}?filename={filename}&value={content}\""));
    assert!(
        text.contains("[\"concept\",\"verslag\",\"\",0]"),
        "a draft holds its slug"
    );
    assert!(
        text.contains("[\"verslag-2012\",\"verslag\",\"content/verslagen/oud/verslag-2012.md\"]")
    );
    // A site without contributable kinds has no contribution pages, and its
    // home page has no link to them.
    let plain = SiteTest::fixture("basic");
    let run = plain.build().expect_success();
    assert!(!plain.path("public/bijdragen").exists());
    assert!(!run.output("index.html").contains("bijdragen"));
}

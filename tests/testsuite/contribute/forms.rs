//! The form model and what an editor does with it: every bundled document
//! survives its edit form, single-field edits change one field, values and
//! errors render through the theme's macros, a new factsheet continues the
//! previous one, and a link to a missing section is the same error as in check.

use crate::harness::forms::ONE_EDIT_PER_FIELD;
use crate::harness::repo;
use kennisbank::contribute::{self, validate_new, Catalog, FormValues};
use serde_json::{json, Value};

/// The bundled site as the library sees it.
fn bundled() -> (kennisbank::config::Config, kennisbank::site::Site) {
    let config = kennisbank::config::load(&repo()).unwrap();
    let site = kennisbank::build::site_only(&config).unwrap();
    (config, site)
}

#[test]
fn every_bundled_document_round_trips_through_its_form() {
    use kennisbank::content::discover::SourceFile;
    let (config, site) = bundled();
    let catalog = Catalog::from_site(&site);
    let mut problems = Vec::new();
    for page in &site.pages {
        let doc = &page.doc;
        let kind = config.kind(&doc.kind).unwrap();
        // What the edit form shows, sent back unchanged, written as a file.
        let values = contribute::values::from_document(&config, kind, doc);
        let sub = contribute::submission(&config, kind, &values, false);
        let text = sub.document_text().unwrap();
        let source = SourceFile {
            display: doc.display.clone(),
            rel: doc.rel.clone(),
            kind: doc.kind.clone(),
            slug: doc.slug.clone(),
            text: text.clone(),
        };
        let (again, diagnostics) = kennisbank::content::document::parse(&config, &source);
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
        let errors = contribute::validate_text(&config, &catalog, kind, &doc.rel, &text);
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
    let body = [("body", "body", "Nieuwe tekst.\r\n")];
    let edits = ONE_EDIT_PER_FIELD.iter().chain(&body);
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
        std::path::Path::new("verslagen/leerkring-maart.md"),
        &sub.document_text().unwrap(),
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
fn a_link_to_a_missing_section_is_an_error_in_the_form_as_in_check() {
    let root = repo().join("tests/fixtures/contribute");
    let config = kennisbank::config::load(&root).unwrap();
    let site = kennisbank::build::site_only(&config).unwrap();
    let catalog = Catalog::from_site(&site);
    let kind = config.kind("verslag").unwrap();
    let rel = std::path::Path::new("verslagen/leerkring-maart.md");
    let original = std::fs::read_to_string(root.join("content").join(rel)).unwrap();
    let with_body = |body: &str| format!("{original}\n{body}\n");
    let fine = with_body("## Eigen kop\n\nZie [[zaanstad#aanpak]] en [hier](#eigen-kop).");
    assert_eq!(
        contribute::validate_text(&config, &catalog, kind, rel, &fine),
        []
    );
    let broken = with_body("## Eigen kop\n\nZie [[zaanstad#aanpakk]] en [hier](#nergens).");
    let errors = contribute::validate_text(&config, &catalog, kind, rel, &broken);
    let messages: Vec<(&str, &str, Option<&str>)> = errors
        .iter()
        .map(|e| (e.field.as_str(), e.message.as_str(), e.hint.as_deref()))
        .collect();
    assert_eq!(
        messages,
        [
            (
                "body",
                "broken link [[zaanstad#aanpakk]]: Zaanstad has no section 'aanpakk'",
                Some("did you mean '#aanpak'? anchors on that page: aanpak")
            ),
            (
                "body",
                "broken link '#nergens': Leerkring in maart has no section 'nergens'",
                Some("anchors on that page: wat-we-bespraken, eigen-kop")
            ),
        ]
    );
}

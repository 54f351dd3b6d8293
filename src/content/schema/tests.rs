//! Values of every field type checked against their declarations.

use super::*;
use std::path::Path;

fn config() -> Config {
    crate::config::parse(
        Path::new("/s"),
        r#"
[site]
title = "T"
base_url = "https://example.org/"
[kinds.fs]
label = "F"
plural = "Fs"
folder = "fs"
template = "t.html"
url = "fs/{slug}.html"
[[kinds.fs.fields]]
name = "fase"
label = "Fase"
type = "enum"
allow_unknown = true
values = [{ value = "experiment", label = "Experiment" }, { value = "uitrol", label = "Uitrol" }]
[[kinds.fs.fields]]
name = "score"
label = "Score"
type = "scale"
low = "sterk"
high = "zwak"
"#,
    )
    .unwrap()
}

fn val(s: &str) -> Value {
    serde_yaml_ng::from_str(s).unwrap()
}

#[test]
fn unknown_value_is_distinct_and_only_where_allowed() {
    let c = config();
    let kind = c.kind("fs").unwrap();
    assert_eq!(
        check(&c, kind.field("fase").unwrap(), &val("onbekend")),
        Ok(FieldValue::Unknown)
    );
    let p = check(&c, kind.field("score").unwrap(), &val("onbekend")).unwrap_err();
    assert_eq!(p.message, "field 'score' may not be 'onbekend'");
}

#[test]
fn enum_typo_suggests_and_lists_allowed_values() {
    let c = config();
    let p = check(
        &c,
        c.kind("fs").unwrap().field("fase").unwrap(),
        &val("uitrrol"),
    )
    .unwrap_err();
    assert_eq!(p.message, "unknown value 'uitrrol'");
    assert_eq!(p.hint.unwrap(), "did you mean 'uitrol'? expected one of: experiment, uitrol (or 'onbekend' when the sources do not say)");
}

#[test]
fn scale_out_of_range_names_the_poles() {
    let c = config();
    let p = check(&c, c.kind("fs").unwrap().field("score").unwrap(), &val("6")).unwrap_err();
    assert_eq!(p.message, "6 is out of range 1..5");
    assert_eq!(p.hint.unwrap(), "1 = sterk, 5 = zwak");
}

#[test]
fn dates() {
    for ok in ["2014", "2014-04", "2014-04-30", "2016-02-29", "2000-02-29"] {
        assert_eq!(date_problem(ok), None, "{ok}");
    }
    assert_eq!(date_problem("2014-02-30").unwrap(), "2014-02 has 28 days");
    assert_eq!(date_problem("2015-02-29").unwrap(), "2015-02 has 28 days");
    assert_eq!(date_problem("1900-02-29").unwrap(), "1900-02 has 28 days");
    assert_eq!(date_problem("2014-04-31").unwrap(), "2014-04 has 30 days");
    for bad in [
        "2014-13",
        "voorjaar 2014",
        "2014-00",
        "2014-4",
        "2014-04-00",
        "2014-04-15-1",
        "",
    ] {
        assert!(
            date_problem(bad).unwrap().starts_with("write a year"),
            "{bad}"
        );
    }
}

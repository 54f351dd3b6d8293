//! Edits of values, keys and the body: each changes only its own lines and
//! keeps quoting, list style, comments, key order, line ends and a BOM; broken
//! documents are errors.

use super::*;

const DOC: &str = "---\n# Kop\ntitle: \"Zaanstad 2014\" # titel\nfase: uitrol\nnaam: 'O''Brien'\nthemas: [toegang, regie]\nbronnen:\n  - k2-2012\n  - stam-2012\n\nbody: |\n  Eerste regel.\n  Tweede regel.\nmeting: 2014\n---\n\nTekst.\n";

#[test]
fn setting_every_key_to_its_value_changes_nothing() {
    let edits: Vec<Edit> = fields(DOC)
        .into_iter()
        .map(|(k, v)| Edit::Set(k.as_str().unwrap().into(), v))
        .chain([Edit::Body("\nTekst.\n".into())])
        .collect();
    assert_eq!(apply(DOC, &edits, &[]).unwrap(), DOC);
}

#[test]
fn a_scalar_keeps_its_quoting_and_trailing_comment() {
    let out = set(DOC, "title", s("Zaanstad: 2015"));
    assert!(
        out.contains("\ntitle: \"Zaanstad: 2015\" # titel\n"),
        "{out}"
    );
    let out = set(DOC, "naam", s("D'Artagnan"));
    assert!(out.contains("\nnaam: 'D''Artagnan'\n"), "{out}");
    let out = set(DOC, "fase", s("experiment"));
    assert_eq!(out, DOC.replace("fase: uitrol", "fase: experiment"));
}

#[test]
fn a_plain_value_that_would_read_as_another_type_is_quoted() {
    for tricky in [
        "yes", "No", "null", "~", "2015", "1e3", "0x1F", ".inf", "true",
    ] {
        let out = set(DOC, "fase", s(tricky));
        assert!(out.contains(&format!("\nfase: \"{tricky}\"\n")), "{out}");
    }
    // A number given as text stays text; a quoted year stays quoted.
    let out = set(DOC, "meting", s("2015"));
    assert!(out.contains("\nmeting: \"2015\"\n"), "{out}");
    let doc = "---\npeildatum: \"2014\"\n---\n";
    assert_eq!(
        set(doc, "peildatum", s("2015")),
        "---\npeildatum: \"2015\"\n---\n"
    );
    assert_eq!(
        set(DOC, "meting", Value::from(2015)),
        DOC.replace("2014\n---", "2015\n---")
    );
}

#[test]
fn lists_keep_flow_or_block_style_and_indentation() {
    let out = set(DOC, "themas", list(&["toegang", "jeugd, zorg"]));
    assert!(
        out.contains("\nthemas: [toegang, \"jeugd, zorg\"]\nbronnen:"),
        "{out}"
    );
    let out = set(DOC, "bronnen", list(&["a", "b", "c"]));
    assert!(
        out.contains("\nbronnen:\n  - a\n  - b\n  - c\n\nbody:"),
        "{out}"
    );
    let compact = "---\nx:\n- a\n- b\ny: 1\n---\n";
    assert_eq!(set(compact, "x", list(&["c"])), "---\nx:\n- c\ny: 1\n---\n");
    let quoted = "---\nx: [\"a\", \"b\"]\n---\n";
    assert_eq!(set(quoted, "x", list(&["c"])), "---\nx: [\"c\"]\n---\n");
    let empty = "---\nx: []\n---\n";
    assert_eq!(set(empty, "x", list(&["c"])), "---\nx: [c]\n---\n");
}

#[test]
fn block_scalars_are_rewritten_with_their_header_and_chomping() {
    let out = set(DOC, "body", s("Nieuw.\n\n  ingesprongen\n"));
    assert!(
        out.contains("\nbody: |\n  Nieuw.\n\n    ingesprongen\nmeting:"),
        "{out}"
    );
    let out = set(DOC, "body", s("Zonder einde"));
    assert!(out.contains("\nbody: |-\n  Zonder einde\nmeting:"), "{out}");
    let out = set(DOC, "body", s("Twee\n\n\n"));
    assert!(out.contains("\nbody: |+\n  Twee\n\n\nmeting:"), "{out}");
    let out = set(DOC, "body", s(" begint met spatie\n"));
    assert!(
        out.contains("\nbody: |2\n   begint met spatie\nmeting:"),
        "{out}"
    );
    let folded = "---\na: > # c\n  lang\n\nb: 1\n---\n";
    assert_eq!(
        set(folded, "a", s("kort\n")),
        "---\na: > # c\n  kort\n\nb: 1\n---\n"
    );
    let kept = "---\na: |+\n  x\n\n\nb: 1\n---\n";
    assert_eq!(set(kept, "a", s("y\n")), "---\na: |\n  y\nb: 1\n---\n");
}

#[test]
fn multi_line_values_are_replaced_whole() {
    let doc = "---\na: [x,\n  y]  # lijst\nb: \"een\n  twee\"\nc: plain\n  vervolg\nd: 1\n---\n";
    let out = set(doc, "a", list(&["z"]));
    assert_eq!(
        out,
        "---\na: [z]  # lijst\nb: \"een\n  twee\"\nc: plain\n  vervolg\nd: 1\n---\n"
    );
    let out = set(doc, "b", s("drie"));
    assert!(
        out.contains("\nb: \"drie\"\nc: plain\n  vervolg\nd: 1\n"),
        "{out}"
    );
    let out = set(doc, "c", s("ander"));
    assert!(out.contains("\nc: ander\nd: 1\n"), "{out}");
}

#[test]
fn a_value_can_change_between_scalar_list_and_map() {
    let doc = "---\nthemas: onbekend # nog niet\nn: 1\n---\n";
    let out = set(doc, "themas", list(&["a", "b"]));
    assert_eq!(out, "---\nthemas: [a, b] # nog niet\nn: 1\n---\n");
    let block = "---\nthemas:  # c\n  - a\nn: 1\n---\n";
    assert_eq!(
        set(block, "themas", s("onbekend")),
        "---\nthemas: onbekend  # c\nn: 1\n---\n"
    );
    let mut map = Mapping::new();
    map.insert(s("amw"), Value::from(3));
    map.insert(s("ggz"), Value::from(0));
    let out = set(doc, "themas", Value::Mapping(map));
    assert_eq!(
        out,
        "---\nthemas: # nog niet\n  amw: 3\n  ggz: 0\nn: 1\n---\n"
    );
}

#[test]
fn a_nested_map_is_edited_key_by_key() {
    let doc = "---\nverdeling:\n  # eerste\n  kv_a: [0, 5, 2, 2, 0]\n  kv_b: [1, 0, 5, 3, 0] # b\ntelling:\n  amw: 8\n  mee: 6\n---\n";
    let mut map = fields(doc)
        .get("verdeling")
        .unwrap()
        .as_mapping()
        .unwrap()
        .clone();
    map.insert(
        s("kv_b"),
        serde_yaml_ng::from_str("[1, 1, 4, 3, 0]").unwrap(),
    );
    let out = set(doc, "verdeling", Value::Mapping(map));
    assert_eq!(out, doc.replace("[1, 0, 5, 3, 0]", "[1, 1, 4, 3, 0]"));
    let mut map = fields(doc)
        .get("telling")
        .unwrap()
        .as_mapping()
        .unwrap()
        .clone();
    map.remove("amw");
    map.insert(s("ggz"), Value::from(2));
    let out = set(doc, "telling", Value::Mapping(map));
    assert!(
        out.ends_with("\ntelling:\n  mee: 6\n  ggz: 2\n---\n"),
        "{out}"
    );
    let mut other = Mapping::new();
    other.insert(s("huisarts"), Value::from(1));
    let out = set(doc, "telling", Value::Mapping(other));
    assert!(out.ends_with("\ntelling:\n  huisarts: 1\n---\n"), "{out}");
}

#[test]
fn new_keys_go_after_the_nearest_earlier_key_in_the_kinds_order() {
    let doc = "---\ntitle: t\n# groep\nb: 2\nd: 4\n---\n";
    let order = ["title", "a", "b", "c", "d", "e"];
    let add = |key: &str| apply(doc, &[Edit::Set(key.into(), Value::from(0))], &order).unwrap();
    assert_eq!(add("c"), "---\ntitle: t\n# groep\nb: 2\nc: 0\nd: 4\n---\n");
    assert_eq!(add("a"), "---\ntitle: t\na: 0\n# groep\nb: 2\nd: 4\n---\n");
    assert_eq!(add("e"), "---\ntitle: t\n# groep\nb: 2\nd: 4\ne: 0\n---\n");
    assert_eq!(add("z"), "---\ntitle: t\n# groep\nb: 2\nd: 4\nz: 0\n---\n");
    let untitled = "---\nb: 2\n---\n";
    let out = apply(untitled, &[Edit::Set("title".into(), s("T"))], &order).unwrap();
    assert_eq!(out, "---\ntitle: \"T\"\nb: 2\n---\n");
}

#[test]
fn a_new_document_is_built_from_empty_front_matter() {
    let edits = [
        Edit::Set("themas".into(), list(&["a"])),
        Edit::Set("title".into(), s("Nieuwe casus")),
        Edit::Set("tekst".into(), s("Regel een\nRegel twee\n")),
        Edit::Body("Hallo.\n".into()),
    ];
    let out = apply("---\n---\n", &edits, &["title", "themas", "tekst"]).unwrap();
    assert_eq!(
        out,
        "---\ntitle: \"Nieuwe casus\"\nthemas: [a]\ntekst: |\n  Regel een\n  Regel twee\n---\nHallo.\n"
    );
}

#[test]
fn removing_a_key_drops_its_lines_and_keeps_the_comment_above() {
    let out = apply(DOC, &[Edit::Remove("bronnen".into())], &[]).unwrap();
    assert_eq!(
        out,
        DOC.replace("bronnen:\n  - k2-2012\n  - stam-2012\n", "")
    );
    let out = apply(DOC, &[Edit::Remove("body".into())], &[]).unwrap();
    assert_eq!(
        out,
        DOC.replace("body: |\n  Eerste regel.\n  Tweede regel.\n", "")
    );
    let out = apply(DOC, &[Edit::Remove("title".into())], &[]).unwrap();
    assert!(out.starts_with("---\n# Kop\nfase: uitrol\n"), "{out}");
    assert_eq!(
        apply(DOC, &[Edit::Remove("nergens".into())], &[]).unwrap(),
        DOC
    );
}

#[test]
fn crlf_line_ends_and_a_bom_are_kept() {
    let doc = "\u{feff}---\r\ntitle: \"A\"\r\nlijst:\r\n  - x\r\n---\r\nTekst.\r\n";
    let out = apply(
        doc,
        &[
            Edit::Set("title".into(), s("B")),
            Edit::Set("lijst".into(), list(&["p", "z"])),
            Edit::Set("nieuw".into(), s("regel\nregel")),
        ],
        &[],
    )
    .unwrap();
    assert_eq!(
        out,
        "\u{feff}---\r\ntitle: \"B\"\r\nlijst:\r\n  - p\r\n  - z\r\nnieuw: |-\r\n  regel\r\n  regel\r\n---\r\nTekst.\r\n"
    );
}

#[test]
fn the_body_is_replaced_as_given() {
    let out = apply(DOC, &[Edit::Body("Nieuw.\n".into())], &[]).unwrap();
    assert!(out.ends_with("meting: 2014\n---\nNieuw.\n"), "{out}");
    let bare = "---\na: 1\n---";
    assert_eq!(
        apply(bare, &[Edit::Body("B".into())], &[]).unwrap(),
        "---\na: 1\n---\nB"
    );
}

#[test]
fn broken_documents_are_errors_not_panics() {
    let edit = [Edit::Set("a".into(), s("x"))];
    for bad in [
        "",
        "geen front matter",
        "---\na: [1\n---\n",
        "---\na: 1\n",
        "---\n- a\n---\n",
        "---\na: 1\na: 2\n---\n",
    ] {
        assert!(
            matches!(apply(bad, &edit, &[]), Err(PatchError::Invalid { .. })),
            "{bad:?}"
        );
    }
    let anchored = "---\na: &x 1\nb: *x\n---\n";
    assert!(matches!(
        apply(anchored, &edit, &[]),
        Err(PatchError::Unsupported(_))
    ));
    let tagged = Value::Tagged(Box::new(serde_yaml_ng::value::TaggedValue {
        tag: serde_yaml_ng::value::Tag::new("x"),
        value: s("y"),
    }));
    let err = apply(DOC, &[Edit::Set("a".into(), tagged)], &[]);
    assert!(matches!(err, Err(PatchError::Unsupported(_))), "{err:?}");
}

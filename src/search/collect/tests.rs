use super::*;

#[test]
fn intro_stops_at_the_first_section() {
    let section = crate::site::markdown::Section {
        id: "aanpak".into(),
        heading: "Aanpak".into(),
        text: "Tekst.".into(),
    };
    assert_eq!(
        intro("Eerst dit.\nAanpak\nTekst.\n", Some(&section)),
        "Eerst dit."
    );
    assert_eq!(intro("Alles.\n", None), "Alles.");
}

/// A page record as `search_page` makes it, from the text alone: the
/// body field is the text and a field's line.
fn record(text: &str, sections: Vec<Section>) -> SearchPage {
    let lead = text.len() - text.trim_start().len();
    let mut fields = TextFields::default();
    fields[BODY] = format!("{text}extra field line\n");
    SearchPage {
        url: String::new(),
        title: String::new(),
        kind: String::new(),
        summary: None,
        text_range: lead..lead + text.trim().len(),
        fields,
        sections: search_sections(text, sections),
        facets: BTreeMap::new(),
    }
}

#[test]
fn text_and_intro_are_read_from_the_body_and_the_opening_record() {
    let section = |id: &str| Section {
        id: id.into(),
        heading: "Aanpak".into(),
        text: "Tekst.".into(),
    };
    // An opening, then a section: the opening is the intro.
    let p = record("\nEerst dit.\nAanpak\nTekst.\n", vec![section("aanpak")]);
    assert_eq!(p.text(), "Eerst dit.\nAanpak\nTekst.");
    assert_eq!(p.intro(), "Eerst dit.");
    // No opening: no intro.
    let p = record("Aanpak\nTekst.\n", vec![section("aanpak")]);
    assert_eq!(p.intro(), "");
    assert_eq!(p.sections.len(), 1);
    // No sections: the whole text.
    let p = record(" Alles.\n", vec![]);
    assert_eq!(p.text(), "Alles.");
    assert_eq!(p.intro(), "Alles.");
}

#[test]
fn section_records_carry_heading_and_text_only() {
    let s = SearchSection {
        id: "a".into(),
        heading: "Kop".into(),
        text: "Tekst".into(),
    };
    assert_eq!(s.fields()[1], "Kop");
    assert_eq!(s.fields()[5], "Tekst");
    assert!(s.fields()[0].is_empty());
    assert_eq!(FIELDS[1].0, "headings");
    assert_eq!(FIELDS[5].0, "body");
}

#[test]
fn a_spilled_corpus_reads_each_page_back_whole_and_holds_only_its_place() {
    let section = Section {
        id: "aanpak".into(),
        heading: "Aanpak".into(),
        text: "Tekst.".into(),
    };
    let mut pages = vec![
        record("Eerst dit.\nAanpak\nTekst.\n", vec![section]),
        record(" Alles.\n", vec![]),
    ];
    pages[1].facets.insert("jaar".into(), vec!["2014".into()]);
    let store = std::sync::Arc::new(crate::fs::spill::Spill::create().unwrap());
    let mut spilled = Spilled::new(store);
    for p in &pages {
        spilled.push(p).unwrap();
    }
    let corpus = Corpus {
        spilled: Some(spilled),
        ..Corpus::default()
    };
    assert!(corpus.pages.is_empty());
    assert_eq!(corpus.len(), 2);
    assert_eq!((corpus.sections_of(0), corpus.sections_of(1)), (2, 0));
    assert_eq!(corpus.first_sections(), vec![0, 2]);
    for (n, page) in pages.iter().enumerate() {
        assert_eq!(*corpus.page(n).unwrap(), *page);
    }
    let held = Corpus {
        pages: pages.clone(),
        ..Corpus::default()
    };
    assert_eq!(held.len(), 2);
    assert_eq!(held.first_sections(), vec![0, 2]);
    assert!(matches!(
        held.page(1).unwrap(),
        std::borrow::Cow::Borrowed(_)
    ));
}

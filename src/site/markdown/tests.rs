//! Rendering bodies: heading ids, links relative to the page, refused HTML
//! and images, the plain text and its sections.

use super::*;

fn doc(body: &str) -> Document {
    Document {
        kind: "thema".into(),
        slug: "toegang".into(),
        display: PathBuf::from("content/themas/toegang.md"),
        rel: PathBuf::from("themas/toegang.md"),
        title: "Toegang".into(),
        summary: None,
        draft: false,
        fields: Default::default(),
        ref_positions: Default::default(),
        body: body.into(),
        body_line: 4,
        spilled_body: None,
    }
}

fn index() -> LinkIndex {
    let mut index = LinkIndex::default();
    index.by_slug.insert(
        "zaanstad".into(),
        (
            "gemeente".into(),
            "Zaanstad".into(),
            "gemeenten/zaanstad.html".into(),
        ),
    );
    index
        .by_rel
        .insert(PathBuf::from("gemeenten/zaanstad.md"), "zaanstad".into());
    index
}

#[test]
fn headings_get_unique_ids_and_reserved_ids_are_avoided() {
    let (r, d) = render(
        &doc("## Inhoud\n\n## Aanpak\n\n## Aanpak\n\n## Eigen {#eigen-id}\n"),
        "themas/toegang.html",
        &index(),
    );
    assert!(d.is_empty());
    let ids: Vec<&str> = r.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["inhoud-2", "aanpak", "aanpak-2", "eigen-id"]);
    assert!(
        r.html.contains("<h2 id=\"aanpak-2\">Aanpak</h2>"),
        "{}",
        r.html
    );
}

#[test]
fn wikilink_shows_title_and_is_relative_to_the_page() {
    let (r, d) = render(
        &doc("Zie [[zaanstad#stand]] en [[gemeente/zaanstad|de gemeente]].\n"),
        "themas/toegang.html",
        &index(),
    );
    assert!(d.is_empty());
    assert_eq!(
        r.html,
        "<p>Zie <a href=\"../gemeenten/zaanstad.html#stand\">Zaanstad</a> en <a href=\"../gemeenten/zaanstad.html\">de gemeente</a>.</p>\n"
    );
    assert_eq!(r.links.iter().collect::<Vec<_>>(), ["zaanstad"]);
}

#[test]
fn html_comments_are_dropped_and_other_html_refused_once_per_line() {
    let (r, d) = render(
        &doc("<!-- notitie -->\n\nTekst <b>vet</b>.\n"),
        "themas/toegang.html",
        &index(),
    );
    assert!(!r.html.contains("notitie"));
    assert_eq!(d.len(), 1);
    assert_eq!((d[0].line, d[0].column), (6, 7));
}

#[test]
fn external_image_is_refused() {
    let (_, d) = render(
        &doc("![kaart](https://example.org/k.png)\n"),
        "themas/toegang.html",
        &index(),
    );
    assert_eq!(
        d[0].message,
        "image from another host: https://example.org/k.png"
    );
}

#[test]
fn plain_text_is_collected_for_excerpts() {
    let (r, _) = render(
        &doc("## Kop\n\nEen *zin* met `code`.\n"),
        "themas/toegang.html",
        &index(),
    );
    assert_eq!(r.text, "Kop\nEen zin met code.\n");
}

#[test]
fn a_word_broken_at_a_line_end_is_one_word_in_the_plain_text() {
    let (r, _) = render(
        &doc("De ge-\nmeenten en de zorg-\nen welzijnsinstellingen, Noord-\nHolland.\n"),
        "themas/toegang.html",
        &index(),
    );
    assert_eq!(
        r.text,
        "De gemeenten en de zorg- en welzijnsinstellingen, Noord- Holland.\n"
    );
    // The page shows the text as written.
    assert!(r.html.contains("ge-\nmeenten"), "{}", r.html);
}

#[test]
fn wikilinks_are_in_the_plain_text_with_their_title_or_label() {
    let (r, _) = render(
        &doc("Zie [[zaanstad]] en [[zaanstad|de gemeente]].\n"),
        "themas/toegang.html",
        &index(),
    );
    assert_eq!(r.text, "Zie Zaanstad en de gemeente.\n");
}

#[test]
fn level_two_headings_cut_the_text_into_sections() {
    let (r, _) = render(
        &doc("Inleiding.\n\n## Eerste deel\n\nTekst een.\n\n### Detail\n\nMeer.\n\n## Tweede\n\nTekst twee.\n"),
        "themas/toegang.html",
        &index(),
    );
    let got: Vec<(&str, &str, &str)> = r
        .sections
        .iter()
        .map(|s| (s.id.as_str(), s.heading.as_str(), s.text.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("eerste-deel", "Eerste deel", "Tekst een.\nDetail\nMeer."),
            ("tweede", "Tweede", "Tekst twee.")
        ]
    );
}

//! Ranking that content words drive (issue 12), on the search fixture plus
//! pages written for each case: function words, word forms the stemmer
//! splits, compounds on the query side, synonyms on analysed forms, sections
//! that lift their page, the notes on words found nowhere, `--explain`, and
//! the Node client agreeing with the CLI on all of it.

use crate::harness::{RunResult, SiteTest};
use crate::search::{assert_parity, node_client, result_urls};
use serde_json::Value;

fn site() -> SiteTest {
    SiteTest::fixture("search")
        .write(
            "content/verhalen/jongeren.md",
            "---\ntitle: \"Werk voor jongeren\"\njaar: 2014\n---\n\nHet project gaf jongeren kansen op werk. \
             De mentoren van het project begeleidden de gezinnen.\n",
        )
        .write(
            "content/verhalen/kan.md",
            "---\ntitle: \"Wat kan en wat niet\"\njaar: 2014\n---\n\nHet kan, het kan niet, het kan wel. \
             Een gezin kan veel.\n",
        )
        .write(
            "content/verhalen/lang.md",
            "---\ntitle: \"Een lang verslag\"\njaar: 2015\n---\n\nDit verslag gaat over veel dingen in de wijk. \
             Het gaat over bewoners, over de buurt, over de straat, over het plein en over de school. \
             Het gaat over de bibliotheek, over de sporthal, over het buurthuis en over de markt.\n\n\
             ## Bewoners\n\nBewoners spreken elkaar op het plein.\n\n\
             ## Mantelzorg\n\nMantelzorgers en mantelzorg: de mantelzorgers kregen steun bij de mantelzorg.\n\n\
             ## Markt\n\nOp de markt staan kramen.\n",
        )
        .write(
            "content/verhalen/burgerrol.md",
            "---\ntitle: \"De nieuwe burger\"\njaar: 2015\n---\n\nIn gesprekken klinkt vaak dat de burger centraal moet staan. \
             Toch gaat de aandacht uit naar de inrichting van het domein en de veranderingen die nodig zijn. \
             Bestuurlijke en organisatorische vragen voeren de boventoon, ondanks goede bedoelingen. \
             Deze notitie heet kortweg nieuwe rol voor de burger.\n\n\
             ## Vrijwilligers\n\nVrijwilligers nemen taken over van professionals in de buurt en de wijk.\n\n\
             ## Netwerken\n\nNetwerken van bewoners dragen de zorg voor elkaar.\n",
        )
        .write(
            "content/verhalen/verwijzing.md",
            "---\ntitle: \"Een verwijzing\"\njaar: 2015\n---\n\nOver teams.\n\n\
             ## Samenhang\n\nDit komt terug bij de nieuwe rol van de burger.\n",
        )
        .write(
            "content/verhalen/moeders.md",
            "---\ntitle: \"Moeders\"\njaar: 2015\n---\n\nDe tienermoeders kwamen als groep bij elkaar.\n",
        )
        .write(
            "content/verhalen/stoel.md",
            "---\ntitle: \"Een avond in de wijk\"\njaar: 2015\n---\n\nOp een avond in de wijk spraken bewoners, \
             professionals en een wethouder over wat ieder doet. Een bewoner zei het zo: de gemeente moet niet \
             op onze stoel gaan zitten. Daarna ging het over de begroting en over het buurthuis.\n",
        )
        .write(
            "content/verhalen/stoelen.md",
            "---\ntitle: \"Een vergadering\"\njaar: 2015\n---\n\nDe vergadering begon laat. Wie een stoel had, \
             mocht zitten; de rest bleef staan. De gemeente telde de stemmen, en wij gaan ervan uit dat onze \
             voorzitter het verslag schrijft. Over de gemeente werd verder weinig gezegd.\n",
        )
        .write(
            "content/verhalen/uitrol.md",
            "---\ntitle: \"Een jaar van uitrol\"\njaar: 2015\n---\n\nDe uitrol van de wijkteams duurde een jaar.\n",
        )
        .write(
            "content/verhalen/wijkteams.md",
            "---\ntitle: \"Wijkteams\"\njaar: 2015\n---\n\nWijkteams, wijkteams: de wijkteams gaan door.\n",
        )
        .write(
            "content/verhalen/besluit.md",
            "---\ntitle: \"Besluiten nemen\"\njaar: 2015\n---\n\nMen zegt wel: een goed besluit is het halve werk. \
             Daarna volgt de uitvoering, en die duurt lang.\n",
        )
        .write(
            "content/verhalen/halve.md",
            "---\ntitle: \"Goed besluit, halve werk\"\njaar: 2015\n---\n\nHet halve werk is een goed besluit.\n",
        )
        .write(
            "content/verhalen/kort.md",
            "---\ntitle: \"Een korte notitie\"\njaar: 2015\n---\n\nEen notitie over van alles, ook over mantelzorgers, \
             over de buurt, over de straat, over de school, over de markt, over het plein en over de sporthal.\n",
        )
}

fn search(site: &SiteTest, args: &[&str]) -> Value {
    let mut all = vec!["search"];
    all.extend(args);
    all.push("--json");
    let run: RunResult = site.run(&all).expect_success();
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout))
}

fn urls(site: &SiteTest, args: &[&str]) -> Vec<String> {
    result_urls(&search(site, args)["results"])
}

/// The scored parts of the first result's page record, as JSON text.
fn first_page_parts(site: &SiteTest, query: &str) -> String {
    let explained = search(site, &[query, "--explain", "--limit", "1"]);
    explained["results"][0]["explain"]["page"]["parts"].to_string()
}

#[test]
fn function_words_neither_score_nor_cost_a_phrase_its_place() {
    let site = site();
    let out = search(&site, &["hoe vinden inwoners de weg naar hulp"]);
    assert_eq!(
        out["notes"]["ignored"],
        serde_json::json!(["hoe", "de", "naar"])
    );
    assert_eq!(
        result_urls(&out["results"])[0],
        "themas/toegang.html",
        "{out}"
    );
    // A phrase keeps the place of its function word: "weg naar hulp" is
    // written, "weg hulp" is not.
    assert_eq!(urls(&site, &["\"weg naar hulp\""]), ["themas/toegang.html"]);
    assert!(urls(&site, &["\"weg hulp\""]).is_empty());
    // `doet` is one as `doen` is, so a question "wat doet …" searches its subject.
    let question = search(&site, &["wat doet het wijkteam"]);
    assert_eq!(
        question["notes"]["ignored"],
        serde_json::json!(["wat", "doet", "het"])
    );
    // A query of function words only still searches them.
    let only = search(&site, &["wat kan en wat niet"]);
    assert_eq!(only["notes"]["ignored"], serde_json::json!([]));
    assert_eq!(result_urls(&only["results"])[0], "verhalen/kan.html");
}

#[test]
fn kans_and_kansen_meet_but_kans_is_not_kan() {
    let site = site();
    // The stemmer makes `kans` into `kan` and keeps `kansen` apart.
    assert_eq!(urls(&site, &["kans"]), ["verhalen/jongeren.html"]);
    assert_eq!(urls(&site, &["kansen"]), ["verhalen/jongeren.html"]);
    // `gezinnen` and `gezin` meet: both pages.
    let gezin = urls(&site, &["gezin"]);
    assert!(
        gezin.contains(&"verhalen/jongeren.html".to_string()),
        "{gezin:?}"
    );
    assert!(
        gezin.contains(&"verhalen/kan.html".to_string()),
        "{gezin:?}"
    );
    // A form the site never writes finds the one it does.
    let out = search(&site, &["mentor"]);
    assert_eq!(out["notes"]["searched"], serde_json::json!(["mentoren"]));
    assert_eq!(result_urls(&out["results"]), ["verhalen/jongeren.html"]);
}

#[test]
fn a_compound_the_site_does_not_write_searches_its_parts() {
    let site = site();
    let out = search(&site, &["mentorenproject"]);
    assert_eq!(
        out["notes"]["searched"],
        serde_json::json!(["mentoren", "project"])
    );
    assert_eq!(result_urls(&out["results"])[0], "verhalen/jongeren.html");
    // With a linking s: `jongerenswerk` is jongeren + s + werk.
    let out = search(&site, &["jongerenswerk"]);
    assert_eq!(
        out["notes"]["searched"],
        serde_json::json!(["jongeren", "werk"])
    );
}

#[test]
fn a_synonym_fires_on_any_form_of_its_spelling() {
    let site = site();
    // The glossary lists `buurtteam`; script.md writes only `buurtteams`.
    assert!(urls(&site, &["SWT"]).contains(&"verhalen/script.html".to_string()));
}

#[test]
fn a_strong_section_lifts_its_page_and_is_the_result() {
    let site = site();
    let got = urls(&site, &["mantelzorgers"]);
    assert_eq!(
        got[0], "verhalen/lang.html#mantelzorg",
        "the long page's section ranks above the short page: {got:?}"
    );
    assert!(got.contains(&"verhalen/kort.html".to_string()));
}

#[test]
fn a_phrase_as_typed_outranks_the_phrase_with_other_function_words() {
    let site = site();
    // The reference's short section says "nieuwe rol van de burger"; the
    // page's opening says "nieuwe rol voor de burger": the wording as typed
    // wins, shown as the page itself (its opening has no anchor).
    let out = search(&site, &["\"nieuwe rol voor de burger\""]);
    assert_eq!(
        result_urls(&out["results"])[..2],
        [
            "verhalen/burgerrol.html",
            "verhalen/verwijzing.html#samenhang"
        ],
        "{out}"
    );
    assert_eq!(out["results"][0]["section"], Value::Null);
    let other = urls(&site, &["\"nieuwe rol van de burger\""]);
    assert_eq!(other[0], "verhalen/verwijzing.html#samenhang", "{other:?}");
}

#[test]
fn words_that_stand_together_outrank_the_same_words_apart() {
    let site = site();
    // `stoelen.md` uses every word too, in a shorter text (so its words
    // alone score higher: 15.6 against 13.7), but apart, and only its `de
    // gemeente` is a pair of the query's; `stoel.md` says them as typed.
    let query = "de gemeente moet niet op onze stoel gaan zitten";
    let got = urls(&site, &[query]);
    assert_eq!(
        got[..2],
        ["verhalen/stoel.html", "verhalen/stoelen.html"],
        "{got:?}"
    );
    let parts = first_page_parts(&site, query);
    assert!(parts.contains("bij elkaar: onze stoel"), "{parts}");
    assert!(parts.contains("bij elkaar: de gemeente"), "{parts}");
    // Two function words make no pair.
    assert!(!parts.contains("niet op"), "{parts}");
}

#[test]
fn a_compound_whose_first_part_the_site_writes_in_another_form_is_found() {
    let site = site();
    // The site writes `tienermoeders` and `groep`, never `tienermoeder`.
    let out = search(&site, &["tienermoedergroep"]);
    assert_eq!(
        out["notes"]["searched"],
        serde_json::json!(["tienermoeders", "groep"])
    );
    assert_eq!(result_urls(&out["results"])[0], "verhalen/moeders.html");
}

#[test]
fn a_separable_verbs_particle_at_the_end_joins_the_verb_again() {
    let site = site();
    // "rolden … uit" is `uitrollen`: the page that writes `uitrol` ranks
    // above the one that only says `wijkteams` more often.
    let query = "welke gemeenten rolden de wijkteams uit";
    let got = urls(&site, &[query]);
    assert_eq!(got[0], "verhalen/uitrol.html", "{got:?}");
    let parts = first_page_parts(&site, query);
    assert!(parts.contains("uitrol"), "{parts}");
    // Without the particle at the end nothing is joined.
    let got = urls(&site, &["welke gemeenten rolden uit de wijkteams"]);
    assert_eq!(got[0], "verhalen/wijkteams.html", "{got:?}");
}

#[test]
fn a_quote_typed_without_quotation_marks_puts_the_page_that_says_it_first() {
    let site = site();
    // `halve.md` holds every word in its title and in its text, but in
    // another order; `besluit.md` says the saying word for word.
    let query = "een goed besluit is het halve werk";
    let out = search(&site, &[query, "--explain"]);
    let got = result_urls(&out["results"]);
    assert_eq!(
        got[..2],
        ["verhalen/besluit.html", "verhalen/halve.html"],
        "{got:?}"
    );
    assert_eq!(out["results"][0]["explain"]["verbatim"], true);
    assert_eq!(out["results"][1]["explain"]["verbatim"], false);
    // Scores do not change: the page that says it scores less.
    let score = |i: usize| out["results"][i]["score"].as_f64().unwrap();
    assert!(score(0) < score(1), "{} {}", score(0), score(1));
    // Without a function word among them, the words are not a quote: nothing
    // is lifted.
    assert_eq!(
        urls(&site, &["goed besluit halve werk"])[0],
        "verhalen/halve.html"
    );
}

#[test]
fn a_word_found_nowhere_is_named_with_the_nearest_spelling() {
    let site = site();
    let out = search(&site, &["wijknetwrk toegang"]);
    assert_eq!(
        out["notes"]["unmatched"],
        serde_json::json!([{"word": "wijknetwrk", "suggestion": "wijknetwerken"}])
    );
    assert_eq!(out["notes"]["searched"], serde_json::json!(["toegang"]));
    let run = site.run(&["search", "wijknetwrk toegang"]).expect_success();
    assert!(
        run.stdout.starts_with(
            "Geen pagina gebruikt \u{2018}wijknetwrk\u{2019} (bedoelde u \u{2018}wijknetwerken\u{2019}?); gezocht op \u{2018}toegang\u{2019}.\n"
        ),
        "{}",
        run.stdout
    );
    let none = search(&site, &["qqqq"]);
    assert_eq!(
        none["notes"]["unmatched"],
        serde_json::json!([{"word": "qqqq", "suggestion": null}])
    );
}

#[test]
fn a_word_searched_as_another_spelling_is_named() {
    // `voelen` is written nowhere; one letter from `voeren` (`voeren de
    // boventoon`), it is searched as that, another word: the reader must see it.
    let site = site();
    let out = search(&site, &["voelen bewoners"]);
    assert_eq!(
        out["notes"]["corrected"],
        serde_json::json!([{"word": "voelen", "searched": "voeren"}])
    );
    assert_eq!(out["notes"]["unmatched"], serde_json::json!([]));
    let run = site.run(&["search", "voelen bewoners"]).expect_success();
    assert!(
        run.stdout.starts_with(
            "Geen pagina gebruikt \u{2018}voelen\u{2019}; gezocht op \u{2018}voeren\u{2019}, \u{2018}bewoners\u{2019}.\n"
        ),
        "{}",
        run.stdout
    );
    // Words the site writes make no note.
    let plain = site.run(&["search", "voeren bewoners"]).expect_success();
    assert!(!plain.stdout.contains("Geen pagina"), "{}", plain.stdout);
    assert_eq!(
        search(&site, &["voeren bewoners"])["notes"]["corrected"],
        serde_json::json!([])
    );
    // Of a term's spellings, the nearest stands for it: `vrijwilliger`
    // (written below) comes first in the lexicon, `vrijwilligers` is nearer.
    let site = site.write(
        "content/verhalen/een-vrijwilliger.md",
        "---\ntitle: \"Een vrijwilliger\"\njaar: 2015\n---\n\nEen vrijwilliger helpt.\n",
    );
    assert_eq!(
        search(&site, &["vrijwiligers"])["notes"]["corrected"],
        serde_json::json!([{"word": "vrijwiligers", "searched": "vrijwilligers"}])
    );
    site.build().expect_success();
    assert_parity(
        &site,
        &[
            ("voelen bewoners", &[]),
            ("voeren bewoners", &[]),
            ("vrijwiligers", &[]),
        ],
    );
}

#[test]
fn a_verb_is_found_in_the_tense_the_site_writes() {
    // The site writes `voelt`, `ingevoerd`, `komen` and `bedenkt`; a
    // question types `voelen`, `invoert`, `gekomen`, `bedacht` (irregular):
    // the same verbs, not typos of other words.
    let site = site().write(
        "content/verhalen/vouchers.md",
        "---\ntitle: \"Vouchers\"\njaar: 2016\n---\n\nDe gemeente heeft vouchers ingevoerd. \
         Wie een voucher heeft, voelt zich welkom. Zo komen bewoners eerder langs. \
         Wie het bedenkt, mag het zeggen.\n",
    );
    for (query, searched) in [
        ("voelen vouchers", "voelt"),
        ("invoert vouchers", "ingevoerd"),
        ("gekomen vouchers", "komen"),
        ("bedacht vouchers", "bedenkt"),
    ] {
        let out = search(&site, &[query]);
        assert_eq!(out["notes"]["searched"][0], searched, "{query}: {out}");
        assert_eq!(out["notes"]["corrected"], serde_json::json!([]), "{query}");
        assert_eq!(out["notes"]["unmatched"], serde_json::json!([]), "{query}");
        assert_eq!(
            out["results"][0]["url"], "verhalen/vouchers.html",
            "{query}: {out}"
        );
    }
    site.build().expect_success();
    assert_parity(
        &site,
        &[
            ("voelen vouchers", &[]),
            ("invoert vouchers", &[]),
            ("gekomen vouchers", &[]),
            ("bedacht vouchers", &[]),
        ],
    );
}

#[test]
fn explain_breaks_a_score_down_by_record_term_and_field() {
    let site = site();
    let out = search(&site, &["mantelzorgers", "--explain", "--limit", "1"]);
    let e = &out["results"][0]["explain"];
    assert_eq!(e["section"]["record"], "Mantelzorg");
    let score = out["results"][0]["score"].as_f64().unwrap();
    assert!(
        (e["section"]["score"].as_f64().unwrap() - score).abs() < 1e-6,
        "{e}"
    );
    let parts = e["section"]["parts"].as_array().unwrap();
    assert!(
        parts
            .iter()
            .any(|p| p["what"] == "mantelzorgers" && p["field"] == "body"),
        "{e}"
    );
    let text = site
        .run(&["search", "mantelzorgers", "--explain", "--limit", "1"])
        .expect_success();
    assert!(text.stdout.contains("score = max(page "), "{}", text.stdout);
}

#[test]
fn node_client_matches_the_cli_on_ranking_cases() {
    let site = site();
    site.build().expect_success();
    assert_parity(
        &site,
        &[
            ("hoe vinden inwoners de weg naar hulp", &[]),
            ("\"weg naar hulp\"", &[]),
            ("wat kan en wat niet", &[]),
            ("kans", &[]),
            ("gezin", &[]),
            ("mentor", &[]),
            ("mentorenproject", &[]),
            ("jongerenswerk", &[]),
            ("SWT", &[]),
            ("mantelzorgers", &[]),
            ("wijknetwrk toegang", &[]),
            ("\"nieuwe rol voor de burger\"", &[]),
            ("\"nieuwe rol van de burger\"", &[]),
            ("tienermoedergroep", &[]),
            ("de gemeente moet niet op onze stoel gaan zitten", &[]),
            ("gaan zitten", &[]),
            ("welke gemeenten rolden de wijkteams uit", &[]),
            ("een goed besluit is het halve werk", &[]),
            ("goed besluit halve werk", &[]),
            ("welke gemeenten rolden uit de wijkteams", &[]),
            ("qqqq", &[]),
        ],
    );
    let Some(out) = node_client(
        site.root(),
        &serde_json::json!([{"q": "wijknetwrk toegang"}]),
    ) else {
        return;
    };
    assert_eq!(
        out[0]["notes"]["unmatched"],
        serde_json::json!([{"word": "wijknetwrk", "suggestion": "wijknetwerken"}])
    );
}

#[test]
fn two_words_the_site_writes_as_one_with_a_linking_letter_find_the_compound() {
    let site = site()
        .write(
            "content/verhalen/matrix.md",
            "---\ntitle: \"Een meetinstrument\"\njaar: 2015\n---\n\nDe zelfredzaamheidsmatrix meet hoe het gaat.\n",
        )
        .write(
            "content/verhalen/redzaam.md",
            "---\ntitle: \"Zelfredzaamheid\"\njaar: 2015\n---\n\nZelfredzaamheid, zelfredzaamheid en nog eens \
             zelfredzaamheid van bewoners.\n",
        );
    // No page writes `matrix` on its own, and the compound is not split
    // (its second part is no word of the site): only the joined form finds
    // the page that writes `zelfredzaamheidsmatrix`.
    let got = urls(&site, &["zelfredzaamheid matrix"]);
    assert!(got.contains(&"verhalen/matrix.html".to_string()), "{got:?}");
    assert!(!urls(&site, &["zelfredzaamheid"]).contains(&"verhalen/matrix.html".to_string()));
    site.build().expect_success();
    assert_parity(
        &site,
        &[("zelfredzaamheid matrix", &[]), ("zelfredzaamheid", &[])],
    );
}

#[test]
fn a_separable_verbs_participle_finds_its_noun() {
    let site = site()
        .write(
            "content/verhalen/overheveling.md",
            "---\ntitle: \"Een overgang\"\njaar: 2015\n---\n\nDe overheveling van de jeugdzorg naar de gemeenten \
             duurde twee jaar.\n",
        )
        .write(
            "content/verhalen/jeugdzorg.md",
            "---\ntitle: \"Over de wijk\"\njaar: 2015\n---\n\nJeugdzorg, jeugdzorg: over de jeugdzorg in de wijk.\n",
        );
    // No page of this site writes `wanneer`: a function word all the same.
    let query = "wanneer is de jeugdzorg overgeheveld";
    let out = search(&site, &[query]);
    assert_eq!(out["notes"]["unmatched"], serde_json::json!([]), "{out}");
    assert_eq!(
        out["notes"]["ignored"],
        serde_json::json!(["wanneer", "is", "de"]),
        "{out}"
    );
    let got = result_urls(&out["results"]);
    assert_eq!(got[0], "verhalen/overheveling.html", "{got:?}");
    site.build().expect_success();
    assert_parity(&site, &[(query, &[]), ("samengevoegd", &[])]);
}

#[test]
fn a_word_broken_at_a_line_end_is_found_whole() {
    let site = site().write(
        "content/verhalen/afgebroken.md",
        "---\ntitle: \"Uit een verslag\"\njaar: 2015\n---\n\nTot onze ver-\nwondering kwamen \
         alle bewoners.\n",
    );
    let out = search(&site, &["verwondering"]);
    assert_eq!(
        result_urls(&out["results"]),
        ["verhalen/afgebroken.html"],
        "{out}"
    );
}

#[test]
fn a_word_finds_its_diminutive() {
    let site = site().write(
        "content/verhalen/ochtend.md",
        "---\ntitle: \"Een ochtend in de wijk\"\njaar: 2015\n---\n\nOm elf uur dronken de bewoners een \
         middenochtendbiertje in het buurthuis.\n",
    );
    let out = search(&site, &["middenochtendbier"]);
    assert_eq!(
        out["notes"]["searched"],
        serde_json::json!(["middenochtendbiertje"]),
        "{out}"
    );
    assert_eq!(result_urls(&out["results"]), ["verhalen/ochtend.html"]);
    site.build().expect_success();
    assert_parity(&site, &[("middenochtendbier", &[]), ("buurthuisje", &[])]);
}

#[test]
fn a_word_typed_twice_or_in_two_forms_counts_once() {
    let site = site();
    // `gezin` and `gezinnen` are one term: the second adds no score and no
    // all-words bonus (it used to double both), so the results are those of
    // the word alone, scores included.
    for (twice, once) in [
        ("gezin gezinnen", "gezin"),
        ("kansen op werk met kans", "kansen op werk"),
    ] {
        let (a, b) = (search(&site, &[twice]), search(&site, &[once]));
        assert!(!b["results"].as_array().unwrap().is_empty(), "{once}");
        assert_eq!(a["results"], b["results"], "{twice} / {once}");
    }
    site.build().expect_success();
    assert_parity(
        &site,
        &[("gezin gezinnen", &[]), ("kansen op werk met kans", &[])],
    );
}

#[test]
fn a_word_written_only_at_the_start_of_compounds_finds_them() {
    let site = site().write(
        "content/verhalen/bezorging.md",
        "---\ntitle: \"Vervoer in het dorp\"\njaar: 2015\n---\n\nBewoners regelen zelf het vervoer en de \
         maaltijdbezorging.\n",
    );
    // `maaltijden` and `maaltijd` are written nowhere, not even as a typo of
    // a word the site writes: the words `maaltijd` begins are searched.
    let out = search(&site, &["maaltijden"]);
    assert_eq!(
        out["notes"]["searched"],
        serde_json::json!(["maaltijd*"]),
        "{out}"
    );
    assert_eq!(out["notes"]["unmatched"], serde_json::json!([]));
    assert_eq!(result_urls(&out["results"]), ["verhalen/bezorging.html"]);
    // Shorter than six letters it is not a head: `maal` stays unmatched.
    let out = search(&site, &["maal"]);
    assert_eq!(out["notes"]["searched"], serde_json::json!([]), "{out}");
    site.build().expect_success();
    assert_parity(
        &site,
        &[("maaltijden", &[]), ("vervoer en maaltijden", &[])],
    );
}

#[test]
fn function_words_written_apart_are_not_joined_into_a_word() {
    let site = site().write(
        "content/verhalen/zodat.md",
        "---\ntitle: \"Zodat het werkt\"\njaar: 2015\n---\n\nZodat, zodat: de mentoren werken zo, zodat het \
         werkt.\n",
    );
    // `zo dat` in a question is two function words, not the conjunction
    // `zodat` the site writes: no page scores on it.
    let query = "is het zo dat de mentoren werken";
    let out = search(&site, &[query, "--explain"]);
    let scored: Vec<&Value> = out["results"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| ["page", "section"].map(|record| &r["explain"][record]["parts"]))
        .filter_map(Value::as_array)
        .flatten()
        .map(|part| &part["what"])
        .collect();
    assert!(scored.contains(&&serde_json::json!("mentoren")), "{out}");
    assert!(
        !scored.iter().any(|what| what.to_string().contains("zodat")),
        "{out}"
    );
    // A query of function words alone still joins them.
    assert_eq!(urls(&site, &["zo dat"])[0], "verhalen/zodat.html");
    site.build().expect_success();
    assert_parity(&site, &[(query, &[]), ("zo dat", &[])]);
}

#[test]
fn a_pair_is_as_rare_as_its_words_together_in_any_spelling() {
    // Every page says `sociale teams`; one is titled in the rare spelling
    // `Sociaal team`. As written that pair is rare, but its words stand
    // together everywhere: the page that answers the question comes first.
    let mut site = site()
        .write(
            "content/verhalen/sociaal-team.md",
            "---\ntitle: \"Sociaal team\"\njaar: 2016\n---\n\nEen sociaal team werkt in een wijk.\n",
        )
        .write(
            "content/verhalen/mijden.md",
            "---\ntitle: \"Wegblijven\"\njaar: 2016\n---\n\nSommige bewoners mijden de sociale teams, \
             omdat de sociale teams ook voor de gemeente werken.\n",
        );
    for n in 0..6 {
        site = site.write(
            &format!("content/verhalen/teams-{n}.md"),
            &format!(
                "---\ntitle: \"Teams {n}\"\njaar: 2016\n---\n\nDe sociale teams van wijk {n} \
                 werken samen. Sociale teams zijn er overal.\n"
            ),
        );
    }
    let query = "waarom mijden bewoners een sociaal team";
    assert_eq!(
        urls(&site, &[query])[0],
        "verhalen/mijden.html",
        "{}",
        first_page_parts(&site, query)
    );
    site.build().expect_success();
    assert_parity(&site, &[(query, &[])]);
}

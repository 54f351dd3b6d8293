//! The Dutch analysis chain, as a tantivy tokenizer pipeline:
//! `WordTokenizer` (NFKC, apostrophes) -> `LowerCaser` -> `AsciiFoldingFilter`
//! -> `Expansion` (hyphen/space/solid variants, compound parts, glossary
//! synonyms matched on terms, then each surface to its term: the Dutch
//! Snowball stem with the corpus's word forms merged, see `terms`). The
//! `Dictionary` that drives the expansion is built from the corpus itself;
//! nothing Dutch is listed in code but the linking letters of compounds and
//! the inflection rules of `forms`. `tokenizer` splits words, `dictionary`
//! holds what the corpus teaches and expands a text, `filters` is the tantivy
//! plumbing.

mod dictionary;
mod filters;
mod tokenizer;

pub use dictionary::{split_compound, Dictionary};
pub use filters::{
    analyze, base_analyzer, folded_words, index_analyzer, Expansion, ExpansionTokenizer, Stem,
};
pub use tokenizer::{nfkc, words, VecTokenStream, WordTokenizer};

/// Separates the terms of a multi-word synonym key.
const KEY_SEP: char = ' ';

/// Name under which the index analyzer is registered with tantivy.
pub const ANALYZER: &str = "nl";

/// Linking letters between the parts of a Dutch compound
/// (`vrijwilliger-s-organisatie`, `pannenkoek`, `zieke-n-huis`).
const LINKS: [&str; 4] = ["", "s", "e", "en"];
/// Shortest compound part, unless the part is a glossary word (`wmo`).
pub const MIN_PART: usize = 4;
/// Longest run of words a synonym or a spaced compound may span.
pub const MAX_PHRASE_WORDS: usize = 6;

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn dict(corpus: &[&str], groups: &[&[&str]]) -> Arc<Dictionary> {
        let groups: Vec<Vec<String>> = groups
            .iter()
            .map(|g| g.iter().map(|s| s.to_string()).collect())
            .collect();
        Arc::new(Dictionary::build(corpus.iter().copied(), &groups))
    }

    fn terms(d: &Arc<Dictionary>, text: &str) -> Vec<String> {
        let mut a = index_analyzer(d.clone());
        analyze(&mut a, text).into_iter().map(|(_, t)| t).collect()
    }

    fn stem(word: &str) -> String {
        Stem::default().stem(word)
    }

    #[test]
    fn words_normalise_apostrophes_and_keep_hyphenated_words_whole() {
        let got: Vec<String> =
            words("De risico’s van het Wmo-loket — ﬁjn! Sociale (wijk)teams (ook)")
                .into_iter()
                .map(|t| t.text)
                .collect();
        assert_eq!(
            got,
            [
                "De",
                "risicos",
                "van",
                "het",
                "Wmo-loket",
                "fijn",
                "Sociale",
                "wijkteams",
                "ook"
            ]
        );
    }

    #[test]
    fn accents_and_case_fold() {
        let d = dict(&[], &[]);
        assert_eq!(terms(&d, "Hét"), terms(&d, "het"));
        assert_eq!(terms(&d, "variëren"), terms(&d, "varieren"));
        assert_eq!(terms(&d, "ÉÉNMETING"), terms(&d, "eenmeting"));
    }

    #[test]
    fn word_forms_stem_alike() {
        let d = dict(&["organisatie organisaties", "risico"], &[]);
        assert_eq!(terms(&d, "organisaties"), terms(&d, "organisatie"));
        assert_eq!(terms(&d, "wijkteams"), terms(&d, "wijkteam"));
        assert_eq!(terms(&d, "risico's"), terms(&d, "risico’s"));
    }

    #[test]
    fn compounds_keep_the_word_and_add_parts_with_linking_letters() {
        let d = dict(
            &[
                "vrijwilligers en organisaties",
                "vrijwilligersorganisaties",
                "het wijkteam aan tafel",
                "wijkteamtafel",
                "wijk en team",
            ],
            &[],
        );
        let t = terms(&d, "vrijwilligersorganisaties");
        assert_eq!(
            t,
            [
                stem("vrijwilligersorganisaties"),
                stem("vrijwilligers"),
                stem("organisaties")
            ]
        );
        let t = terms(&d, "wijkteamtafel");
        assert!(
            t.contains(&stem("wijkteam")) && t.contains(&stem("tafel")),
            "{t:?}"
        );
        assert!(t.contains(&stem("wijk")), "parts split in turn: {t:?}");
        assert_eq!(t[0], stem("wijkteamtafel"));
    }

    #[test]
    fn compound_parts_come_from_the_corpus_not_from_a_list() {
        let d = dict(&["vrijwilligersorganisaties"], &[]);
        assert_eq!(terms(&d, "vrijwilligersorganisaties").len(), 1);
    }

    #[test]
    fn hyphenated_spaced_and_solid_spellings_share_terms() {
        let d = dict(
            &[
                "window-dressing",
                "de nuldelijn",
                "de nulde lijn",
                "het Wmo-loket",
            ],
            &[],
        );
        let solid = stem("windowdressing");
        for text in ["window dressing", "window-dressing", "windowdressing"] {
            let t = terms(&d, text);
            assert!(t.contains(&solid), "{text}: {t:?}");
            assert!(t.contains(&stem("dressing")), "{text}: {t:?}");
        }
        for text in ["nulde lijn", "nuldelijn"] {
            let t = terms(&d, text);
            assert!(
                t.contains(&stem("nuldelijn")) && t.contains(&stem("lijn")),
                "{text}: {t:?}"
            );
        }
        assert_eq!(terms(&d, "Wmo-loket"), terms(&d, "Wmo loket"));
    }

    #[test]
    fn positions_stay_in_word_order() {
        let d = dict(&["window-dressing"], &[]);
        let mut a = index_analyzer(d);
        let got = analyze(&mut a, "echte window-dressing hier");
        let positions: Vec<usize> = got.iter().map(|(p, _)| *p).collect();
        assert_eq!(positions, [0, 1, 1, 2, 3]);
        assert_eq!(got[1].1, stem("window"));
    }

    #[test]
    fn synonyms_and_abbreviations_expand_at_index_time() {
        let d = dict(&["een tekst"], &[&["Sociaal wijkteam", "SWT", "wijkteam"]]);
        let from_abbreviation = terms(&d, "Het SWT werkt");
        assert!(
            from_abbreviation.contains(&stem("sociaalwijkteam")),
            "{from_abbreviation:?}"
        );
        assert!(from_abbreviation.contains(&stem("wijkteam")));
        let from_phrase = terms(&d, "het sociaal wijkteam");
        assert!(from_phrase.contains(&stem("swt")), "{from_phrase:?}");
        let from_word = terms(&d, "ons wijkteam");
        assert!(from_word.contains(&stem("swt")), "{from_word:?}");
        assert!(!terms(&d, "een tekst").contains(&stem("swt")));
    }

    #[test]
    fn surfaces_cover_every_emitted_spelling() {
        let d = dict(
            &["vrijwilligers organisaties vrijwilligersorganisaties"],
            &[&["SWT", "Sociaal wijkteam"]],
        );
        for s in [
            "vrijwilligers",
            "organisaties",
            "vrijwilligersorganisaties",
            "swt",
            "sociaalwijkteam",
        ] {
            assert!(d.surfaces().contains(s), "{s}");
        }
    }
}

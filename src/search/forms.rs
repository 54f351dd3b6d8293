//! Dutch word forms and function words, shared by the index (which merges
//! the forms the corpus writes into one term) and queries (which look up the
//! forms of a word the site never writes). `variants` is mirrored exactly by
//! `variants` in `themes/default/static/search.js.d/20-text.js`; the stop words are
//! tantivy's Dutch list (Snowball's), exported to the client in the manifest.

use tantivy::tokenizer::{Language, RawTokenizer, StopWordFilter, TextAnalyzer, TokenStream};

const VOWELS: &[char] = &['a', 'e', 'i', 'o', 'u', 'y'];

pub(super) fn is_vowel(c: char) -> bool {
    VOWELS.contains(&c)
}

/// Whether a folded word is on tantivy's Dutch stop-word list (the Snowball
/// project's list: `de`, `het`, `van`, `hoe`, `wat`, …).
#[derive(Clone)]
pub struct StopWords(TextAnalyzer);

impl Default for StopWords {
    fn default() -> Self {
        let filter = StopWordFilter::new(Language::Dutch).expect("tantivy has a Dutch stop list");
        StopWords(
            TextAnalyzer::builder(RawTokenizer::default())
                .filter(filter)
                .build(),
        )
    }
}

/// Function words Snowball's list lacks: determiners, pronouns and question
/// words typed in questions (`welke`, `waarom`, `doet` as `doen` is), `tussen`,
/// and words whose stem a content word has too (`per`/`peer`, `vaak`/`vak`).
pub const EXTRA_STOP_WORDS: [&str; 25] = [
    "alle", "allen", "anderen", "doet", "elk", "elke", "ieder", "iedere", "jullie", "langs",
    "meteen", "namens", "onze", "opeens", "per", "tijdens", "tussen", "vaak", "waar", "waarom",
    "wanneer", "we", "welk", "welke", "wij",
];

impl StopWords {
    pub fn contains(&mut self, word: &str) -> bool {
        if EXTRA_STOP_WORDS.contains(&word) {
            return true;
        }
        let mut stream = self.0.token_stream(word);
        !stream.advance()
    }
}

/// The nouns whose plural takes `-eren` (`kinderen`, `liederen`): a closed
/// class in Dutch. Elsewhere a word in `-eren` is a verb (`presenteren`,
/// `baseren`) or a comparative used as a noun (`jongeren`, `ouderen`), and
/// not a form of the shorter word (`present`, `bas`, `jong`, `oud`).
pub const EREN_PLURALS: [&str; 8] = [
    "blad", "gemoed", "goed", "kind", "lied", "rad", "rund", "volk",
];

/// Other forms of a folded word, most likely first: singulars of plurals
/// (`kansen` -> `kans`, `gezinnen` -> `gezin`, `straten` -> `straat`,
/// `huizen` -> `huis`, `kinderen` -> `kind`, `organisaties` -> `organisatie`,
/// `coaches` -> `coach`), base forms of inflected adjectives (`sociale` ->
/// `sociaal`) and verbs (`regelt`, `geregeld` -> `regel`), then the plurals
/// and inflections of a base form (`gezin` -> `gezinnen`, `straat` ->
/// `straten`). Rules only: which of them exist is for the corpus to say.
pub fn variants(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    let n = chars.len();
    let mut out: Vec<String> = Vec::new();
    let mut push = |s: String| {
        if s != word && s.chars().count() >= 3 && !out.contains(&s) {
            out.push(s);
        }
    };
    let stem = |k: usize| -> String { chars[..n - k].iter().collect() };
    if n >= 4 {
        // Plurals in -s (organisaties, risicos, teams) and in -es after ch
        // (coaches).
        if chars[n - 1] == 's' {
            push(stem(1));
        }
        if word.ends_with("ches") {
            push(stem(2));
        }
        if let Some(base) = word.strip_suffix("eren") {
            if EREN_PLURALS.contains(&base) {
                push(base.to_string());
            }
        }
        if word.ends_with("en") {
            for base in singulars(&chars[..n - 2]) {
                push(base);
            }
        }
        if word.ends_with('e') {
            for base in singulars(&chars[..n - 1]) {
                push(base);
            }
        }
        if chars[n - 1] == 't' && !is_vowel(chars[n - 2]) {
            push(stem(1));
        }
        if word.starts_with("ge") && (word.ends_with('d') || word.ends_with('t')) && n >= 7 {
            let inner: String = chars[2..n - 1].iter().collect();
            push(inner);
        }
        // The participle of a separable verb has `ge` after its particle
        // (`samengevoegd`, `overgeheveld`, `ingezet`): the verb's stem with
        // the particle, its infinitive and its noun in `-ing`.
        for particle in PARTICLES {
            let Some(rest) = word
                .strip_prefix(particle)
                .and_then(|r| r.strip_prefix("ge"))
            else {
                continue;
            };
            if !(rest.ends_with('d') || rest.ends_with('t')) || rest.chars().count() < 3 {
                continue;
            }
            let base = format!("{particle}{}", &rest[..rest.len() - 1]);
            push(base.clone());
            for infinitive in plurals(&base.chars().collect::<Vec<_>>()) {
                push(infinitive);
            }
            push(format!("{base}ing"));
            push(format!("{particle}{rest}"));
        }
    }
    // Plurals and inflections of a base form.
    if n >= 3 {
        push(format!("{word}s"));
        for plural in plurals(&chars) {
            push(plural);
        }
    }
    // Diminutives: `biertje`, `huisje`, `boompje`, and their plurals, meet
    // the base form, and the base form meets them.
    for ending in ["tjes", "pjes", "jes", "tje", "pje", "je"] {
        if let Some(base) = word.strip_suffix(ending) {
            if base.chars().count() >= 3 {
                push(base.to_string());
            }
            break;
        }
    }
    if n >= 3 && !word.ends_with("je") && !word.ends_with("jes") {
        push(format!("{word}tje"));
        push(format!("{word}je"));
    }
    out
}

/// Particles that Dutch separable verbs leave at the end of a clause
/// (`uitrollen`: "welke gemeenten rolden de teams uit?").
pub const PARTICLES: [&str; 16] = [
    "aan", "af", "bij", "door", "in", "mee", "na", "om", "op", "over", "samen", "terug", "toe",
    "uit", "voor", "weg",
];

/// When the last of `words` is a particle, the verbs it may have been split
/// off from, joined again: the particle before each earlier word that is
/// not a function word (`is_stop`), then before that word's stem when it
/// ends like a weak past tense (`rolden` -> `uitrol`, `zette` -> `inzet`).
/// Rules only: which of them the site writes is for the lexicon to say.
pub fn separable(words: &[&str], is_stop: impl Fn(&str) -> bool) -> Vec<String> {
    let Some((particle, before)) = words.split_last() else {
        return Vec::new();
    };
    if !PARTICLES.contains(particle) {
        return Vec::new();
    }
    let mut out: Vec<String> = Vec::new();
    for word in before {
        if word.chars().count() < 3 || PARTICLES.contains(word) || is_stop(word) {
            continue;
        }
        let mut push = |s: String| {
            if !out.contains(&s) {
                out.push(s);
            }
        };
        push(format!("{particle}{word}"));
        for ending in ["den", "ten", "de", "te"] {
            if let Some(stem) = word.strip_suffix(ending) {
                if stem.chars().count() >= 2 {
                    push(format!("{particle}{stem}"));
                }
            }
        }
    }
    out
}

/// Singular stems for a word with its `-en`/`-e` ending removed: as is,
/// with a doubled consonant undoubled, with the vowel of an open syllable
/// doubled again, and with `v`/`z` back to `f`/`s`.
pub(super) fn singulars(base: &[char]) -> Vec<String> {
    let n = base.len();
    let mut out = vec![base.iter().collect::<String>()];
    if n < 2 {
        return out;
    }
    let last = base[n - 1];
    if !is_vowel(last) && base[n - 2] == last {
        out.push(base[..n - 1].iter().collect());
    }
    let restore = |c: char| match c {
        'v' => 'f',
        'z' => 's',
        c => c,
    };
    if !is_vowel(last) && n >= 3 && is_vowel(base[n - 2]) && single_vowel(base[n - 3], base[n - 2])
    {
        let v = base[n - 2];
        if matches!(v, 'a' | 'e' | 'o' | 'u') {
            let mut long: String = base[..n - 1].iter().collect();
            long.push(v);
            long.push(restore(last));
            out.push(long);
        }
    }
    if matches!(last, 'v' | 'z') {
        let mut s: String = base[..n - 1].iter().collect();
        s.push(restore(last));
        out.push(s);
    }
    out
}

/// Whether vowel `v` after `prev` is a single vowel, not part of a long vowel
/// or a diphthong (`aa`, `ie`, `oe`, `ou`, `eu`, `au`).
fn single_vowel(prev: char, v: char) -> bool {
    !is_vowel(prev)
        || (prev != v
            && !matches!(
                (prev, v),
                ('i', 'e') | ('o', 'e') | ('o', 'u') | ('e', 'u') | ('a', 'u')
            ))
}

/// Plurals in `-en` (and inflected forms in `-e`) of a base form.
pub(super) fn plurals(word: &[char]) -> Vec<String> {
    let n = word.len();
    let base: String = word.iter().collect();
    let mut out = Vec::new();
    let last = word[n - 1];
    for ending in ["en", "e"] {
        out.push(format!("{base}{ending}"));
        if is_vowel(last) {
            continue;
        }
        let soften = |c: char| match c {
            'f' => 'v',
            's' => 'z',
            c => c,
        };
        // A short vowel keeps its sound by doubling the consonant (gezinnen);
        // a long one is written single in the open syllable (straten).
        if n >= 3 && is_vowel(word[n - 2]) && single_vowel(word[n - 3], word[n - 2]) {
            out.push(format!("{base}{last}{ending}"));
        }
        if n >= 4 && is_vowel(word[n - 2]) && word[n - 3] == word[n - 2] {
            let short: String = word[..n - 2].iter().collect();
            out.push(format!("{short}{last}{ending}"));
            out.push(format!("{short}{}{ending}", soften(last)));
        }
        if matches!(last, 'f' | 's') {
            let soft: String = word[..n - 1].iter().collect();
            out.push(format!("{soft}{}{ending}", soften(last)));
        }
    }
    if EREN_PLURALS.contains(&base.as_str()) {
        out.push(format!("{base}eren"));
    }
    if base.ends_with("ch") {
        out.push(format!("{base}es"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(word: &str, other: &str) -> bool {
        variants(word).iter().any(|v| v == other)
    }

    fn assert_meets(pairs: &[(&str, &str)]) {
        for (word, form) in pairs {
            assert!(has(word, form), "{word}: {:?}", variants(word));
        }
    }

    #[test]
    fn a_separable_verbs_participle_meets_its_infinitive_and_noun() {
        assert_meets(&[
            ("samengevoegd", "samenvoegen"),
            ("overgeheveld", "overhevelen"),
            ("overgeheveld", "overheveling"),
            ("opgevuld", "opvullen"),
            ("uitgerold", "uitrol"),
            ("ingezet", "inzet"),
            ("aangepast", "aanpassen"),
        ]);
        // Not a particle before `ge`: no such forms.
        assert!(!variants("ongeveer").iter().any(|v| v.starts_with("onveer")));
    }

    #[test]
    fn a_diminutive_meets_its_base_form() {
        assert_meets(&[
            ("biertje", "bier"),
            ("huisjes", "huis"),
            ("boompje", "boom"),
            ("bier", "biertje"),
            ("huis", "huisje"),
        ]);
    }

    #[test]
    fn plurals_meet_their_singulars() {
        for (plural, singular) in [
            ("kansen", "kans"),
            ("mensen", "mens"),
            ("gezinnen", "gezin"),
            ("processen", "proces"),
            ("straten", "straat"),
            ("huizen", "huis"),
            ("brieven", "brief"),
            ("kinderen", "kind"),
            ("organisaties", "organisatie"),
            ("wijkcoaches", "wijkcoach"),
            ("sociale", "sociaal"),
        ] {
            assert!(
                has(plural, singular),
                "{plural} -> {singular}: {:?}",
                variants(plural)
            );
            assert!(
                has(singular, plural),
                "{singular} -> {plural}: {:?}",
                variants(singular)
            );
        }
    }

    #[test]
    fn only_the_eren_nouns_take_eren_as_a_plural() {
        assert!(has("liederen", "lied") && has("lied", "liederen"));
        for (word, shorter) in [
            ("jongeren", "jong"),
            ("ouderen", "oud"),
            ("presenteren", "present"),
            ("baseren", "bas"),
        ] {
            assert!(!has(word, shorter), "{word} -> {shorter}");
            assert!(!has(shorter, word), "{shorter} -> {word}");
        }
    }

    #[test]
    fn a_particle_at_the_end_joins_the_verbs_before_it() {
        let stop = |w: &str| ["welke", "de", "alle"].contains(&w);
        let joined = separable(
            &["welke", "gemeenten", "rolden", "de", "teams", "uit"],
            stop,
        );
        assert!(joined.contains(&"uitrolden".to_string()), "{joined:?}");
        assert!(joined.contains(&"uitrol".to_string()), "{joined:?}");
        assert!(
            !joined.iter().any(|j| j == "uitwelke" || j == "uitde"),
            "{joined:?}"
        );
        assert!(
            separable(&["hoe", "zette", "men", "vrijwilligers", "in"], stop)
                .contains(&"inzet".to_string())
        );
        // Only a particle at the end: a preposition before a noun joins nothing.
        assert!(separable(&["vrijwilligers", "in", "het", "wijkteam"], stop).is_empty());
        assert!(separable(&["uit"], stop).is_empty());
    }

    #[test]
    fn verb_forms_meet_their_stem() {
        assert!(has("regelt", "regel"));
        assert!(has("geregeld", "regel"));
    }

    #[test]
    fn stop_words_are_tantivys_dutch_list() {
        let mut stop = StopWords::default();
        for w in ["de", "het", "van", "hoe", "wat", "een"] {
            assert!(stop.contains(w), "{w}");
        }
        for w in ["toegang", "wijkteam", "gemeenten"] {
            assert!(!stop.contains(w), "{w}");
        }
    }
}

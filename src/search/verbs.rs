//! A verb's other forms, for a query word the site writes in none of its
//! `forms::variants`: queries only (`lookup::Lookup::resolve`), mirrored
//! exactly by `verbForms` in `themes/default/static/search.js.d/25-verbs.js`.

use super::forms::{is_vowel, plurals, singulars, PARTICLES};

/// Common Dutch verbs whose past tense or participle no rule reaches (a
/// closed class, as `forms::EREN_PLURALS`): each verb's forms, any of which
/// finds the others, after a particle or prefix too (`wegging` ->
/// `weggaan`, `bedacht` -> `bedenken`). Verbs on the stop-word list
/// (`doen`, `hebben`, `kunnen`, …) are not here.
const IRREGULAR: [&[&str]; 36] = [
    &["gaan", "ga", "gaat", "ging", "gingen", "gegaan"],
    &["komen", "kom", "komt", "kwam", "kwamen", "gekomen"],
    &["staan", "sta", "staat", "stond", "stonden", "gestaan"],
    &["zien", "zie", "ziet", "zag", "zagen", "gezien"],
    &["nemen", "neem", "neemt", "nam", "namen", "genomen"],
    &["geven", "geef", "geeft", "gaf", "gaven", "gegeven"],
    &["krijgen", "krijg", "krijgt", "kreeg", "kregen", "gekregen"],
    &["blijven", "blijf", "blijft", "bleef", "bleven", "gebleven"],
    &["houden", "houd", "houdt", "hield", "hielden", "gehouden"],
    &["denken", "denk", "denkt", "dacht", "dachten", "gedacht"],
    &[
        "brengen", "breng", "brengt", "bracht", "brachten", "gebracht",
    ],
    &["zoeken", "zoek", "zoekt", "zocht", "zochten", "gezocht"],
    &["kopen", "koop", "koopt", "kocht", "kochten", "gekocht"],
    &["vinden", "vind", "vindt", "vond", "vonden", "gevonden"],
    &[
        "spreken",
        "spreek",
        "spreekt",
        "sprak",
        "spraken",
        "gesproken",
    ],
    &[
        "schrijven",
        "schrijf",
        "schrijft",
        "schreef",
        "schreven",
        "geschreven",
    ],
    &["lezen", "lees", "leest", "las", "lazen", "gelezen"],
    &["stijgen", "stijg", "stijgt", "steeg", "stegen", "gestegen"],
    &["liggen", "lig", "ligt", "lag", "lagen", "gelegen"],
    &["zitten", "zit", "zat", "zaten", "gezeten"],
    &["beginnen", "begin", "begint", "begon", "begonnen"],
    &["helpen", "help", "helpt", "hielp", "hielpen", "geholpen"],
    &["weten", "weet", "wist", "wisten", "geweten"],
    &["zeggen", "zeg", "zegt", "zei", "zeiden", "gezegd"],
    &["vragen", "vraag", "vraagt", "vroeg", "vroegen", "gevraagd"],
    &["mogen", "mag", "mocht", "mochten"],
    &["lopen", "loop", "loopt", "liep", "liepen", "gelopen"],
    &["dragen", "draag", "draagt", "droeg", "droegen", "gedragen"],
    &["slaan", "sla", "slaat", "sloeg", "sloegen", "geslagen"],
    &["sluiten", "sluit", "sloot", "sloten", "gesloten"],
    &["kiezen", "kies", "kiest", "koos", "kozen", "gekozen"],
    &["bieden", "bied", "biedt", "bood", "boden", "geboden"],
    &["trekken", "trek", "trekt", "trok", "trokken", "getrokken"],
    &["blijken", "blijk", "blijkt", "bleek", "bleken", "gebleken"],
    &["laten", "laat", "liet", "lieten", "gelaten"],
    &["vallen", "val", "valt", "viel", "vielen", "gevallen"],
];

/// What may stand before an irregular verb's form in one word: a separable
/// particle, an inseparable prefix, or nothing.
const PREFIXES: [&str; 5] = ["be", "ver", "ont", "her", "langs"];

/// Endings of a verb's present and past tense on its stem.
const TENSES: [&str; 5] = ["t", "de", "te", "den", "ten"];

/// Forms of a verb that `variants` does not reach, for a query word that the
/// site writes in none of those, most likely first: from a tense or an
/// infinitive, the stem's infinitive, present and past tenses, participle
/// and noun in `-ing` (`invoert` -> `invoeren`, `ingevoerd`, `invoering`;
/// `fuseerde` -> `fuseren`, `fuseert`; `voelen` -> `voelt`, `voelde`;
/// `verwaarloost` -> `verwaarloosd`), and the infinitive of a strong
/// participle (`gekomen` -> `komen`, `opgekomen` -> `opkomen`). Queries
/// only: indexing does not merge by them, as two words of the site can meet
/// this way (`kost`, `kozen`). Rules only: which of them exist is for the
/// corpus to say.
pub fn verb_forms(word: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if word.chars().count() < 4 {
        return out;
    }
    let mut push = |s: String| {
        if s != word && s.chars().count() >= 3 && !out.contains(&s) {
            out.push(s);
        }
    };
    for prefix in std::iter::once("").chain(PARTICLES).chain(PREFIXES) {
        let Some(rest) = word.strip_prefix(prefix) else {
            continue;
        };
        for verb in IRREGULAR.iter().filter(|verb| verb.contains(&rest)) {
            for form in verb.iter() {
                push(format!("{prefix}{form}"));
            }
        }
    }
    let mut stems: Vec<String> = TENSES
        .iter()
        .filter_map(|ending| word.strip_suffix(ending))
        .map(str::to_string)
        .collect();
    if let Some(base) = word.strip_suffix("en") {
        stems.extend(singulars(&base.chars().collect::<Vec<_>>()));
    }
    stems.retain(|stem| stem.chars().count() >= 3 && !stem.ends_with(is_vowel));
    for stem in &stems {
        let chars: Vec<char> = stem.chars().collect();
        for form in plurals(&chars) {
            if form.ends_with("en") {
                push(form);
            }
        }
        push(stem.clone());
        for ending in TENSES {
            push(format!("{stem}{ending}"));
        }
        push(format!("{stem}d"));
        let (particle, rest) = PARTICLES
            .iter()
            .find_map(|p| {
                let rest = stem.strip_prefix(p)?;
                (rest.chars().count() >= 3).then_some((*p, rest))
            })
            .unwrap_or(("", stem));
        push(format!("{particle}ge{rest}d"));
        push(format!("{particle}ge{rest}t"));
        push(format!("{stem}ing"));
    }
    for particle in std::iter::once("").chain(PARTICLES) {
        let Some(rest) = word
            .strip_prefix(particle)
            .and_then(|r| r.strip_prefix("ge"))
        else {
            continue;
        };
        if rest.ends_with("en") && rest.chars().count() >= 5 {
            push(format!("{particle}{rest}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::forms::variants;

    #[test]
    fn a_verbs_tenses_and_strong_participle_meet_its_infinitive_on_the_query_side() {
        for (word, form) in [
            ("invoert", "invoeren"),
            ("invoert", "ingevoerd"),
            ("invoert", "invoering"),
            ("verwaarloost", "verwaarlozen"),
            ("verwaarloost", "verwaarloosd"),
            ("fuseerde", "fuseren"),
            ("fuseerde", "fuseert"),
            ("voelen", "voelt"),
            ("voelen", "voelde"),
            ("gekomen", "komen"),
            ("opgekomen", "opkomen"),
            ("wegging", "weggaan"),
            ("bedacht", "bedenken"),
            ("gestegen", "stijgt"),
            ("langskwam", "langskomen"),
            ("opgenomen", "opnemen"),
        ] {
            assert!(
                verb_forms(word).iter().any(|v| v == form),
                "{word}: {:?}",
                verb_forms(word)
            );
        }
        // Indexing does not merge by them: `kost` and `kozen` stay apart.
        assert!(!variants("kost").iter().any(|v| v == "kozen"));
        assert!(verb_forms("kan").is_empty());
        // `zien` is irregular, not `zi` + `en`: no `zit`.
        assert!(!verb_forms("zien").iter().any(|v| v == "zit"));
        assert!(verb_forms("zien").iter().any(|v| v == "zag"));
        assert!(verb_forms("komt").iter().any(|v| v == "komen"));
    }
}

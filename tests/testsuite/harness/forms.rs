//! The contribution forms' shared test data: one edit of each field type of
//! the `contribute` fixture's report (`verslagen/leerkring-maart.md`), used
//! both on the form model (`contribute::forms`) and over HTTP (`edit::fields`).

/// (the field, the form name, the value sent, with line ends as a browser
/// sends them), one per field type; each changes that field only.
pub const ONE_EDIT_PER_FIELD: &[(&str, &str, &str)] = &[
    ("title", "title", "Leerkring in april"),
    ("plaats", "plaats", "Haarlem"),
    ("toelichting", "toelichting", "Anders.\r\nOp twee regels."),
    ("namen", "namen", "An de Vries\r\nCees"),
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
    ("bronregels", "bronregels", "001_0123456789abcdef.txt: 2-3"),
    ("summary", "summary", "Een samenvatting."),
];

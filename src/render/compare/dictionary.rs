//! The column dictionary of the open data: every compared field with its
//! label, type and allowed values (codes with their labels).

use super::*;

/// The column dictionary of the open data: one entry per exported column.
pub fn dictionary(config: &Config) -> Vec<BTreeMap<&'static str, String>> {
    let Some(compare) = &config.compare else {
        return Vec::new();
    };
    let Some(kind) = config.kind(&compare.kind) else {
        return Vec::new();
    };
    let subject = kind
        .field(&compare.subject)
        .map_or(compare.subject.as_str(), |f| f.label.as_str());
    let mut out = vec![
        entry(
            "onderwerp",
            &format!("Slug van het onderwerp ({subject})"),
            "ref",
            "",
        ),
        entry(
            "onderwerp_naam",
            &format!("Naam van het onderwerp ({subject})"),
            "string",
            "",
        ),
        entry(
            "document",
            "Adres van het document, vanaf de hoofdmap van de site",
            "string",
            "",
        ),
        entry(&compare.round, "Meetronde", "integer", ""),
    ];
    for f in columns(compare, kind) {
        let allowed = match &f.ty {
            FieldType::Enum(v) | FieldType::EnumList(v) => v
                .iter()
                .map(|v| format!("{}={}", v.value, v.label))
                .collect::<Vec<_>>()
                .join("; "),
            FieldType::Scale {
                min,
                max,
                low,
                high,
            } => format!("{min}={low} … {max}={high}"),
            FieldType::Integer { min, max } if *min > i64::MIN => format!("{min}..{max}"),
            _ => String::new(),
        };
        let mut e = entry(&f.name, &f.label, f.ty.name(), &allowed);
        e.insert("toelichting", f.help.clone());
        out.push(e);
    }
    out
}

pub(super) fn entry(
    field: &str,
    label: &str,
    ty: &str,
    allowed: &str,
) -> BTreeMap<&'static str, String> {
    BTreeMap::from([
        ("veld", field.to_string()),
        ("label", label.to_string()),
        ("type", ty.to_string()),
        ("toegestane_waarden", allowed.to_string()),
        ("toelichting", String::new()),
    ])
}

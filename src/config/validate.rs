//! Checks of `site.toml` that only the whole configuration can tell: targets
//! of references exist, folders differ, the search, contribution and
//! comparison settings name kinds and fields that are there.

use super::*;

/// Checks what only the whole configuration can tell: targets exist, folders differ.
pub(super) fn validate(config: &Config) -> Result<()> {
    let mut folders: BTreeMap<&str, &str> = BTreeMap::new();
    for kind in &config.kinds {
        if let Some(other) = folders.insert(kind.folder.as_str(), kind.name.as_str()) {
            bail!(
                "kinds '{other}' and '{}' share the folder '{}'",
                kind.name,
                kind.folder
            );
        }
        for field in &kind.fields {
            let target = match &field.ty {
                FieldType::Ref { target } | FieldType::RefList { target } => target,
                FieldType::Distribution { of_kind } => of_kind,
                FieldType::CountMap { of_kind, of_field } => {
                    let ok = config
                        .kind(of_kind)
                        .and_then(|k| k.field(of_field))
                        .is_some_and(|f| {
                            matches!(f.ty, FieldType::EnumList(_) | FieldType::Enum(_))
                        });
                    if !ok {
                        bail!(
                            "[kinds.{}] field '{}' counts '{of_kind}.{of_field}', which is not an enum field",
                            kind.name, field.name
                        );
                    }
                    continue;
                }
                FieldType::SourceLines if config.sources.is_none() => bail!(
                    "[kinds.{}] field '{}' of type source_lines needs a [sources] folder",
                    kind.name,
                    field.name
                ),
                _ => continue,
            };
            if config.kind(target).is_none() {
                bail!(
                    "[kinds.{}] field '{}' refers to kind '{target}', which is not declared; declared kinds: {}",
                    kind.name,
                    field.name,
                    config.kind_names()
                );
            }
        }
    }
    if let Some(compare) = &config.compare {
        validate_compare(config, compare)?;
    }
    validate_contribute(config)?;
    for (key, value) in [
        ("hub_kind", &config.hub_kind),
        ("taxonomy_kind", &config.taxonomy_kind),
        ("glossary_kind", &config.glossary_kind),
    ] {
        if let Some(name) = value {
            if config.kind(name).is_none() {
                bail!(
                    "[site] {key} = '{name}' is not a declared kind; declared kinds: {}",
                    config.kind_names()
                );
            }
        }
    }
    Ok(())
}

/// Checks `[search]`: kinds declared, fields of the right type.
pub(super) fn validate_search(config: &Config) -> Result<()> {
    let field_of = |key: &str, kind: &str, field: &str| -> Result<FieldType> {
        let k = config.kind(kind).with_context(|| {
            format!(
                "[search] {key}: kind '{kind}' is not declared; declared kinds: {}",
                config.kind_names()
            )
        })?;
        match k.field(field) {
            Some(f) => Ok(f.ty.clone()),
            None => bail!("[search] {key}: kind '{kind}' has no field '{field}'"),
        }
    };
    if let Some((kind, fields)) = &config.search.synonyms {
        if config.kind(kind).is_none() {
            bail!(
                "[search] synonyms: kind '{kind}' is not declared; declared kinds: {}",
                config.kind_names()
            );
        }
        for f in fields {
            let ty = field_of("synonyms", kind, f)?;
            if !matches!(ty, FieldType::String | FieldType::StringList) {
                bail!(
                    "[search] synonyms: field '{kind}.{f}' must be a string or string_list, not {}",
                    ty.name()
                );
            }
        }
    }
    if let Some(places) = &config.search.places {
        let kind = &places.kind;
        if config.kind(kind).is_none() {
            bail!(
                "[search] places: kind '{kind}' is not declared; declared kinds: {}",
                config.kind_names()
            );
        }
        for f in &places.name_fields {
            let ty = field_of("places", kind, f)?;
            if !matches!(ty, FieldType::String | FieldType::StringList) {
                bail!("[search] places: name field '{kind}.{f}' must be a string or string_list, not {}", ty.name());
            }
        }
        for f in &places.link_fields {
            let ty = field_of("places", kind, f)?;
            let ok = matches!(&ty, FieldType::Ref { target } | FieldType::RefList { target } if target == kind);
            if !ok {
                bail!(
                    "[search] places: link field '{kind}.{f}' must be a ref or ref_list to {kind}"
                );
            }
        }
    }
    Ok(())
}

/// Checks `[contribute]` and the kinds marked `contribute = true`.
fn validate_contribute(config: &Config) -> Result<()> {
    if let Some(url) = &config.contribute.new_file_url {
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            bail!("[contribute] new_file_url '{url}' must start with https://");
        }
        for placeholder in ["{folder}", "{filename}", "{content}"] {
            if !url.contains(placeholder) {
                bail!(
                    "[contribute] new_file_url must contain {placeholder}, like \"https://github.com/ORG/REPO/new/main/content/{{folder}}?filename={{filename}}&value={{content}}\""
                );
            }
        }
    }
    if config.kinds.iter().any(|k| k.contribute) {
        for kind in &config.kinds {
            if kind.contribute && kind.name == "index" {
                bail!("[kinds.index] cannot contribute: its form would take the place of {CONTRIBUTE_FOLDER}/index.html; rename the kind");
            }
            let prefix = format!("{CONTRIBUTE_FOLDER}/");
            if kind.folder == CONTRIBUTE_FOLDER || kind.url.starts_with(&prefix) {
                bail!(
                    "[kinds.{}] uses '{CONTRIBUTE_FOLDER}/', where the contribution pages go; choose another folder and url",
                    kind.name
                );
            }
        }
    }
    Ok(())
}

fn validate_compare(config: &Config, c: &Compare) -> Result<()> {
    let kind = config.kind(&c.kind).with_context(|| {
        format!(
            "[compare] kind '{}' is not declared; declared kinds: {}",
            c.kind,
            config.kind_names()
        )
    })?;
    match kind.field(&c.subject).map(|f| &f.ty) {
        Some(FieldType::Ref { .. }) => {}
        _ => bail!(
            "[compare] subject '{}' must be a ref field of {}",
            c.subject,
            c.kind
        ),
    }
    match kind.field(&c.round).map(|f| &f.ty) {
        Some(FieldType::Integer { .. }) => {}
        _ => bail!(
            "[compare] round '{}' must be an integer field of {}",
            c.round,
            c.kind
        ),
    }
    for name in &c.exclude {
        if kind.field(name).is_none() {
            bail!(
                "[compare] exclude names '{name}', which is not a field of {}",
                c.kind
            );
        }
    }
    match (&c.rounds_kind, &c.rounds_field) {
        (None, None) => Ok(()),
        (Some(rk), Some(rf)) => {
            let rounds = config
                .kind(rk)
                .with_context(|| format!("[compare] rounds_kind '{rk}' is not declared"))?;
            match rounds.field(rf).map(|f| &f.ty) {
                Some(FieldType::Integer { .. }) => Ok(()),
                _ => bail!("[compare] rounds_field '{rf}' must be an integer field of {rk}"),
            }
        }
        _ => bail!("[compare] rounds_kind and rounds_field go together"),
    }
}

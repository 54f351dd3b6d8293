//! A kind of `site.toml` resolved from its raw form: its name and folders
//! checked, its fields and their types.

use super::names::is_slug;
use super::raw::RawField;
use super::*;

pub(super) fn resolve_kind(name: &str, raw: RawKind) -> Result<Kind> {
    if !is_slug(name) {
        bail!("kind name '{name}' must be lowercase letters, digits and hyphens");
    }
    check_paths(name, &raw)?;
    let mut fields: Vec<Field> = Vec::new();
    for f in raw.fields {
        if matches!(f.name.as_str(), "title" | "summary" | "draft") {
            bail!(
                "[kinds.{name}] field '{}' is built in and cannot be redeclared",
                f.name
            );
        }
        if matches!(f.name.as_str(), "slug" | "body")
            || f.name.starts_with('_')
            || f.name.contains('.')
        {
            bail!(
                "[kinds.{name}] field '{}': forms use 'slug', 'body', names with a dot and names starting with '_' themselves; choose another name",
                f.name
            );
        }
        if fields.iter().any(|g| g.name == f.name) {
            bail!("[kinds.{name}] declares field '{}' twice", f.name);
        }
        let ty = resolve_type(name, &f)?;
        fields.push(Field {
            name: f.name,
            label: f.label,
            ty,
            required: f.required,
            allow_unknown: f.allow_unknown,
            help: f.help,
            group: f.group,
        });
    }
    if let Some(date_field) = &raw.date_field {
        let ok = fields.iter().any(|f| {
            &f.name == date_field && matches!(f.ty, FieldType::Date | FieldType::Integer { .. })
        });
        if !ok {
            bail!("[kinds.{name}] date_field '{date_field}' must name a date or integer field of the kind");
        }
    }
    if let Some(sort_by) = &raw.sort_by {
        if !fields.iter().any(|f| &f.name == sort_by) {
            bail!("[kinds.{name}] sort_by '{sort_by}' is not a field of the kind");
        }
    }
    if let Some(pattern) = &raw.short_title {
        let names = super::short_titles::placeholders(pattern);
        if names.is_empty() {
            bail!("[kinds.{name}] short_title '{pattern}' names no field; write it like \"{} {{nummer}}\"", raw.label.to_lowercase());
        }
        for field in names {
            let ok = fields.iter().any(|f| {
                f.name == field
                    && matches!(
                        f.ty,
                        FieldType::Integer { .. }
                            | FieldType::String
                            | FieldType::Date
                            | FieldType::Enum(_)
                    )
            });
            if !ok {
                bail!("[kinds.{name}] short_title '{pattern}': '{{{field}}}' must name a string, integer, date or enum field of the kind");
            }
        }
    }
    Ok(Kind {
        name: name.to_string(),
        label: raw.label,
        plural: raw.plural,
        folder: raw.folder,
        template: raw.template,
        url: raw.url,
        description: raw.description,
        date_field: raw.date_field,
        sort_by: raw.sort_by,
        short_title: raw.short_title,
        contribute: raw.contribute,
        fields,
    })
}

/// The paths a kind names stay where they belong: its folder is one folder of
/// `content/`, its template a file of the theme's `templates/`, and its pages
/// inside the output (and outside `search/`, which the search index owns).
fn check_paths(name: &str, raw: &RawKind) -> Result<()> {
    let example = if relpath::is_name(&raw.folder) {
        raw.folder.as_str()
    } else {
        name
    };
    if !relpath::is_name(&raw.folder) {
        bail!(
            "[kinds.{name}] folder '{}' must be the name of one folder in content/ (letters, digits, '-', '_'), like \"{example}\"",
            raw.folder
        );
    }
    if raw.folder == crate::config::urls::SEARCH_DIR {
        bail!(
            "[kinds.{name}] folder '{}' is taken: the listing would go into {}/, which holds the search index",
            raw.folder,
            crate::config::urls::SEARCH_DIR
        );
    }
    if let Err(why) = relpath::check_url_pattern(&raw.url) {
        bail!(
            "[kinds.{name}] url '{}' is not a page inside the output: {why}; write it like \"{example}/{{slug}}.html\"",
            raw.url
        );
    }
    if raw.url.split('/').next() == Some(crate::config::urls::SEARCH_DIR) && raw.url.contains('/') {
        bail!(
            "[kinds.{name}] url '{}' puts pages into {}/, which holds the search index; write it like \"{example}/{{slug}}.html\"",
            raw.url,
            crate::config::urls::SEARCH_DIR
        );
    }
    if !relpath::is_name_path(&raw.template) {
        bail!(
            "[kinds.{name}] template '{}' must name a file in the theme's templates/ folder, like \"document.html\"",
            raw.template
        );
    }
    Ok(())
}

fn resolve_type(kind: &str, f: &RawField) -> Result<FieldType> {
    let need = |what: Option<&String>, key: &str| -> Result<String> {
        what.cloned().with_context(|| {
            format!(
                "[kinds.{kind}] field '{}' of type {} needs '{key}'",
                f.name, f.ty
            )
        })
    };
    let values = || -> Result<Vec<EnumValue>> {
        if f.values.is_empty() {
            bail!(
                "[kinds.{kind}] field '{}' of type {} needs 'values'",
                f.name,
                f.ty
            );
        }
        Ok(f.values.clone())
    };
    Ok(match f.ty.as_str() {
        "string" => FieldType::String,
        "text" => FieldType::Text,
        "string_list" => FieldType::StringList,
        "integer" => FieldType::Integer {
            min: f.min.unwrap_or(i64::MIN),
            max: f.max.unwrap_or(i64::MAX),
        },
        "date" => FieldType::Date,
        "enum" => FieldType::Enum(values()?),
        "enum_list" => FieldType::EnumList(values()?),
        "scale" => FieldType::Scale {
            min: f.min.unwrap_or(1),
            max: f.max.unwrap_or(5),
            low: need(f.low.as_ref(), "low")?,
            high: need(f.high.as_ref(), "high")?,
        },
        "ref" => FieldType::Ref { target: need(f.target.as_ref(), "target")? },
        "ref_list" => FieldType::RefList { target: need(f.target.as_ref(), "target")? },
        "distribution" => FieldType::Distribution { of_kind: need(f.of.as_ref(), "of")? },
        "count_map" => {
            let of = need(f.of.as_ref(), "of")?;
            let (of_kind, of_field) = of.split_once('.').with_context(|| {
                format!("[kinds.{kind}] field '{}': 'of' must be \"kind.field\"", f.name)
            })?;
            FieldType::CountMap { of_kind: of_kind.into(), of_field: of_field.into() }
        }
        "source_lines" => FieldType::SourceLines,
        other => bail!(
            "[kinds.{kind}] field '{}' has unknown type '{other}'; expected one of: string, text, string_list, integer, date, enum, enum_list, scale, ref, ref_list, distribution, count_map, source_lines",
            f.name
        ),
    })
}

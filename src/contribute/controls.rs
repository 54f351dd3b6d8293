//! The control of each schema field, by type: radios or a select for an enum,
//! checkboxes for lists, a radio group with its poles for a scale, the target
//! kind's documents by title for references, small tables of number inputs for
//! distributions and counts, with the format hints. `model` assembles them.

use super::catalog::Catalog;
use super::model::{choice, element_id, text_control, Cell, Choice, Control, FormField, Row};
use crate::config::{Config, Field, FieldType};

/// Enums with at most this many values are radios; more make a select.
pub const RADIO_MAX: usize = 5;

pub(super) fn schema_field(config: &Config, field: &Field, catalog: &Catalog) -> FormField {
    let id = element_id(&field.name);
    let unknown = field.allow_unknown.then(|| Choice {
        value: config.unknown.clone(),
        label: "Onbekend (de bronnen zeggen het niet)".into(),
        id: format!("{id}-onbekend"),
        checked: false,
    });
    let optional_choice = |options: &mut Vec<Choice>| {
        if !field.required {
            options.push(choice(&id, "", "Niet invullen"));
        }
    };
    let (control, hint) = match &field.ty {
        FieldType::String => (text_control(), String::new()),
        FieldType::Text => (Control::Textarea { rows: 4 }, String::new()),
        FieldType::StringList => (Control::Textarea { rows: 4 }, "Eén per regel.".into()),
        FieldType::SourceLines => (
            Control::Textarea { rows: 3 },
            "Eén plaats per regel: het bestand en de regels, zoals 002_….txt: 446-456, 3519.".into(),
        ),
        FieldType::Date => (
            text_control(),
            "Schrijf een jaar (2014), een maand (2014-04) of een dag (2014-04-15).".into(),
        ),
        FieldType::Integer { min, max } => {
            let min = (*min > i64::MIN).then_some(*min);
            let max = (*max < i64::MAX).then_some(*max);
            let hint = match (min, max) {
                (Some(a), Some(b)) => format!("Een heel getal van {a} tot en met {b}."),
                (Some(a), None) => format!("Een heel getal vanaf {a}."),
                (None, Some(b)) => format!("Een heel getal tot en met {b}."),
                (None, None) => "Een heel getal.".into(),
            };
            (Control::Number { min, max }, hint)
        }
        FieldType::Enum(values) => {
            let mut options: Vec<Choice> = values
                .iter()
                .map(|v| choice(&id, &v.value, &v.label))
                .collect();
            if values.len() <= RADIO_MAX {
                optional_choice(&mut options);
                (Control::Radios { options }, String::new())
            } else {
                (
                    Control::Select {
                        placeholder: "Kies een waarde".into(),
                        options,
                    },
                    String::new(),
                )
            }
        }
        FieldType::EnumList(values) => (
            Control::Checkboxes {
                options: values
                    .iter()
                    .map(|v| choice(&id, &v.value, &v.label))
                    .collect(),
            },
            "Kies er een of meer.".into(),
        ),
        FieldType::Scale {
            min,
            max,
            low,
            high,
        } => {
            let mut options: Vec<Choice> = (*min..=*max)
                .map(|p| {
                    let label = if p == *min {
                        format!("{p} ({low})")
                    } else if p == *max {
                        format!("{p} ({high})")
                    } else {
                        p.to_string()
                    };
                    choice(&id, &p.to_string(), &label)
                })
                .collect();
            optional_choice(&mut options);
            (
                Control::Scale {
                    low: low.clone(),
                    high: high.clone(),
                    options,
                },
                format!("{min} = {low}, {max} = {high}."),
            )
        }
        FieldType::Ref { target } => {
            let target_label = config
                .kind(target)
                .map_or(target.clone(), |k| k.label.to_lowercase());
            (
                Control::Select {
                    placeholder: format!("Kies een {target_label}"),
                    options: document_choices(&id, catalog, target),
                },
                String::new(),
            )
        }
        FieldType::RefList { target } => (
            Control::Checkboxes {
                options: document_choices(&id, catalog, target),
            },
            "Kies er een of meer.".into(),
        ),
        FieldType::Distribution { of_kind } => (
            distribution_table(config, &field.name, of_kind),
            "Vul per rij voor elk schaalpunt het aantal in. Laat een rij helemaal leeg als u het niet weet.".into(),
        ),
        FieldType::CountMap { of_kind, of_field } => (
            count_table(config, &field.name, of_kind, of_field),
            "Vul alleen de aantallen in die u weet.".into(),
        ),
    };
    FormField {
        name: field.name.clone(),
        id: first_input_id(&id, &control, unknown.as_ref()),
        label: field.label.clone(),
        help: field.help.clone(),
        hint,
        required: field.required,
        ty: field.ty.name(),
        control,
        unknown,
        value: String::new(),
        errors: Vec::new(),
        describedby: String::new(),
        hint_id: String::new(),
        error_id: String::new(),
        continuation: false,
    }
}

/// Radio and checkbox groups are labelled by their legend; errors link to
/// their first input.
fn first_input_id(id: &str, control: &Control, unknown: Option<&Choice>) -> String {
    let first = match control {
        Control::Radios { options }
        | Control::Checkboxes { options }
        | Control::Scale { options, .. } => options.first().or(unknown).map(|c| c.id.clone()),
        Control::Table { rows, .. } => rows
            .iter()
            .flat_map(|r| r.cells.iter())
            .find(|c| !c.id.is_empty())
            .map(|c| c.id.clone())
            .or_else(|| unknown.map(|c| c.id.clone())),
        _ => None,
    };
    first.unwrap_or_else(|| id.to_string())
}

fn document_choices(id: &str, catalog: &Catalog, target: &str) -> Vec<Choice> {
    catalog
        .choices(target)
        .into_iter()
        .map(|e| choice(id, &e.slug, &e.title))
        .collect()
}

fn distribution_table(config: &Config, name: &str, of_kind: &str) -> Control {
    let kind = config.kind(of_kind);
    let scales: Vec<(&Field, i64, i64)> = kind
        .map(|k| {
            k.fields
                .iter()
                .filter_map(|f| match f.ty {
                    FieldType::Scale { min, max, .. } => Some((f, min, max)),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    let min = scales.iter().map(|s| s.1).min().unwrap_or(1);
    let max = scales.iter().map(|s| s.2).max().unwrap_or(5);
    // Every row has a cell per column; points outside a row's scale have no input.
    let rows = scales
        .iter()
        .map(|(f, lo, hi)| Row {
            label: f.label.clone(),
            cells: (min..=max)
                .map(|p| {
                    let cell = format!("{name}.{}.{p}", f.name);
                    let inside = (*lo..=*hi).contains(&p);
                    Cell {
                        id: if inside {
                            element_id(&cell)
                        } else {
                            String::new()
                        },
                        label: format!("{}, schaalpunt {p}", f.label),
                        name: if inside { cell } else { String::new() },
                        value: String::new(),
                    }
                })
                .collect(),
        })
        .collect();
    Control::Table {
        corner: kind.map_or(String::new(), |k| {
            format!("Veld van {}", k.label.to_lowercase())
        }),
        columns: (min..=max).map(|p| p.to_string()).collect(),
        rows,
    }
}

fn count_table(config: &Config, name: &str, of_kind: &str, of_field: &str) -> Control {
    let field = config.kind(of_kind).and_then(|k| k.field(of_field));
    let values = match field.map(|f| &f.ty) {
        Some(FieldType::Enum(v) | FieldType::EnumList(v)) => v.clone(),
        _ => Vec::new(),
    };
    Control::Table {
        corner: field.map_or(String::new(), |f| f.label.clone()),
        columns: vec!["Aantal".into()],
        rows: values
            .iter()
            .map(|v| {
                let cell = format!("{name}.{}", v.value);
                Row {
                    label: v.label.clone(),
                    cells: vec![Cell {
                        id: element_id(&cell),
                        label: format!("{}, aantal", v.label),
                        name: cell,
                        value: String::new(),
                    }],
                }
            })
            .collect(),
    }
}

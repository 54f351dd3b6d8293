//! The form of a kind, as data for the theme's form macros: per field its
//! control (enum → radios or a select, scale → a radio group with its poles,
//! ref → the target kind's documents by title, …), label, help, format hint,
//! required mark and explicit "onbekend" choice, grouped into fieldsets.
//! Everything comes from the kind's schema; values and errors are laid over it
//! with `with_values` and `with_errors` (`overlay`). Rendering is the theme's job.

use super::catalog::Catalog;
use super::validate::FieldError;
use super::values::FormValues;
use crate::config::{Config, Kind};
use serde::Serialize;

mod overlay;

#[derive(Debug, Clone, Serialize)]
pub struct Form {
    pub kind: String,
    pub kind_label: String,
    pub folder: String,
    /// A new document (the slug is asked for) or an edit.
    pub new: bool,
    /// Where the form is sent, and how; empty for the static pages, where a
    /// script makes the file instead.
    pub action: String,
    pub method: String,
    /// Hidden inputs the editor adds (`_token`, `_base`).
    pub hidden: Vec<Hidden>,
    /// A second button that shows the body as the site renders it, without
    /// saving (`_actie=voorbeeld`; the editor's forms).
    pub preview: bool,
    pub groups: Vec<Group>,
    /// The error summary: one item per error, in the order of the fields.
    pub errors: Vec<SummaryItem>,
    /// Starting from the subject's previous document (the compared kind, new
    /// documents only): the subject and round fields the person fills first.
    pub continuation: Option<ContinuationCtx>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ContinuationCtx {
    pub subject: String,
    pub subject_label: String,
    pub round: String,
    pub round_label: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Hidden {
    pub name: String,
    pub value: String,
}

/// Fields shown together: a `group` of the schema is a fieldset with a legend;
/// the fields between groups have no legend.
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub legend: Option<String>,
    pub id: String,
    pub fields: Vec<FormField>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FormField {
    /// The input's name: the schema field, or `slug`, `title`, `summary`, `body`.
    pub name: String,
    /// The id of the field's first input, which labels and error links point to.
    pub id: String,
    pub label: String,
    /// The schema's help text.
    pub help: String,
    /// What to write, made from the type (formats, ranges, one per line).
    pub hint: String,
    pub required: bool,
    #[serde(rename = "type")]
    pub ty: &'static str,
    pub control: Control,
    /// The explicit "onbekend" choice, where the schema allows it.
    pub unknown: Option<Choice>,
    /// The text of a text-like control.
    pub value: String,
    pub errors: Vec<FieldError>,
    /// Ids for `aria-describedby`: the hint, then the error.
    pub describedby: String,
    /// The id of the hint text and of the error text.
    pub hint_id: String,
    pub error_id: String,
    /// The place for "start from the previous one" (after the round field of
    /// the compared kind, on new documents).
    pub continuation: bool,
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Control {
    Text {
        inputmode: Option<&'static str>,
    },
    /// A whole number: a text input with numeric keyboard (GOV.UK's advice,
    /// so that what was typed reaches the check and its message).
    Number {
        min: Option<i64>,
        max: Option<i64>,
    },
    Textarea {
        rows: u32,
    },
    Select {
        placeholder: String,
        options: Vec<Choice>,
    },
    Radios {
        options: Vec<Choice>,
    },
    Checkboxes {
        options: Vec<Choice>,
    },
    Scale {
        low: String,
        high: String,
        options: Vec<Choice>,
    },
    Table {
        /// The header of the row labels, then one per column.
        corner: String,
        columns: Vec<String>,
        rows: Vec<Row>,
    },
}

#[derive(Debug, Clone, Serialize)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub id: String,
    pub checked: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub label: String,
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    pub name: String,
    pub id: String,
    /// Row and column together, for the cell's (visually hidden) label.
    pub label: String,
    pub value: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SummaryItem {
    /// `#id` of the field's first input; empty for a name the form does not have.
    pub href: String,
    pub label: String,
    pub message: String,
    pub hint: Option<String>,
}

/// The empty form for a new document (`new`) or an edit of `kind`.
pub fn form(config: &Config, kind: &Kind, catalog: &Catalog, new: bool) -> Form {
    let mut groups: Vec<Group> = Vec::new();
    let mut head = Vec::new();
    head.push(builtin("title", "Titel", true, text_control(), ""));
    if new {
        head.push(builtin(
            "slug",
            "Bestandsnaam",
            false,
            text_control(),
            "Kleine letters, cijfers en streepjes, zoals zaanstad-2015. Laat u dit leeg, dan maken we de naam uit de titel.",
        ));
    }
    head.push(builtin(
        "summary",
        "Samenvatting",
        false,
        Control::Textarea { rows: 2 },
        "Eén of twee zinnen. Die staan in overzichten en zoekresultaten.",
    ));
    if !new {
        // An edit keeps a draft a draft: without this box a save would drop `draft: true`.
        let id = element_id("draft");
        head.push(builtin(
            "draft",
            "Concept",
            false,
            Control::Checkboxes {
                options: vec![choice(
                    &id,
                    "true",
                    "Dit is een concept: nog niet publiceren",
                )],
            },
            "",
        ));
    }
    groups.push(Group {
        legend: None,
        id: "groep-0".into(),
        fields: head,
    });
    let compare = config
        .compare
        .as_ref()
        .filter(|c| new && c.kind == kind.name);
    let round_field = compare.map(|c| c.round.as_str());
    let label_of = |name: &str| {
        kind.field(name)
            .map_or(name.to_string(), |f| f.label.clone())
    };
    let continuation = compare.map(|c| ContinuationCtx {
        subject: c.subject.clone(),
        subject_label: label_of(&c.subject),
        round: c.round.clone(),
        round_label: label_of(&c.round),
    });
    for field in &kind.fields {
        let mut f = super::controls::schema_field(config, field, catalog);
        f.continuation = round_field == Some(field.name.as_str());
        let legend = field.group.clone();
        let joins = match &legend {
            Some(g) => groups.iter().position(|x| x.legend.as_ref() == Some(g)),
            None => groups
                .last()
                .filter(|x| x.legend.is_none())
                .map(|_| groups.len() - 1),
        };
        match joins {
            Some(i) => groups[i].fields.push(f),
            None => groups.push(Group {
                legend,
                id: format!("groep-{}", groups.len()),
                fields: vec![f],
            }),
        }
    }
    groups.push(Group {
        legend: None,
        id: format!("groep-{}", groups.len()),
        fields: vec![builtin(
            "body",
            "Tekst",
            false,
            Control::Textarea { rows: 16 },
            "Schrijf in Markdown: een lege regel begint een nieuwe alinea, een kopje begint met ##. Verwijs naar een andere pagina met [[naam-van-de-pagina]], bijvoorbeeld [[zaanstad]].",
        )],
    });
    let mut form = Form {
        kind: kind.name.clone(),
        kind_label: kind.label.clone(),
        folder: kind.folder.clone(),
        new,
        action: String::new(),
        method: "post".into(),
        hidden: Vec::new(),
        preview: false,
        groups,
        errors: Vec::new(),
        continuation,
    };
    form.describe();
    form
}

pub(super) fn text_control() -> Control {
    Control::Text { inputmode: None }
}

/// Element ids from names: letters, digits, `-` and `_` kept, the rest `-`.
pub fn element_id(name: &str) -> String {
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("veld-{safe}")
}

fn builtin(name: &str, label: &str, required: bool, control: Control, hint: &str) -> FormField {
    FormField {
        name: name.into(),
        id: element_id(name),
        label: label.into(),
        help: String::new(),
        hint: hint.into(),
        required,
        ty: match name {
            "body" => "body",
            "draft" => "draft",
            _ => "text",
        },
        control,
        unknown: None,
        value: String::new(),
        errors: Vec::new(),
        describedby: String::new(),
        hint_id: String::new(),
        error_id: String::new(),
        continuation: false,
    }
}

pub(super) fn choice(id: &str, value: &str, label: &str) -> Choice {
    let suffix = if value.is_empty() {
        "leeg".to_string()
    } else {
        element_id(value)["veld-".len()..].to_string()
    };
    Choice {
        value: value.into(),
        label: label.into(),
        id: format!("{id}-{suffix}"),
        checked: false,
    }
}

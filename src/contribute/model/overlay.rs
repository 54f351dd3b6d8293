//! Values and errors laid over a kind's form: what a document or a submission
//! holds put into each control, and `check`'s errors put next to their fields
//! with the summary at the top.

use super::*;

impl Form {
    pub fn fields(&self) -> impl Iterator<Item = &FormField> {
        self.groups.iter().flat_map(|g| g.fields.iter())
    }

    fn fields_mut(&mut self) -> impl Iterator<Item = &mut FormField> {
        self.groups.iter_mut().flat_map(|g| g.fields.iter_mut())
    }

    /// Shows `values` in the form: text in text controls (a list's items one
    /// per line), choices and cells checked or filled.
    pub fn with_values(mut self, values: &FormValues) -> Form {
        for field in self.fields_mut() {
            let given: Vec<&str> = values.all(&field.name).collect();
            let mut rest: Vec<&str> = given.clone();
            if let Some(unknown) = field.unknown.as_mut() {
                unknown.checked = given.contains(&unknown.value.as_str());
                rest.retain(|v| *v != unknown.value);
            }
            match &mut field.control {
                Control::Select { options, .. }
                | Control::Radios { options }
                | Control::Checkboxes { options }
                | Control::Scale { options, .. } => {
                    for o in options.iter_mut() {
                        o.checked = rest.contains(&o.value.as_str());
                    }
                    // A value the choices lack (a reference to a draft, say)
                    // is offered too, so that sending the form back keeps it.
                    for value in rest.iter().filter(|v| !v.is_empty()) {
                        if !options.iter().any(|o| o.value == *value) {
                            let mut extra = choice(&element_id(&field.name), value, value);
                            extra.checked = true;
                            options.push(extra);
                        }
                    }
                }
                Control::Table { rows, .. } => {
                    for cell in rows.iter_mut().flat_map(|r| r.cells.iter_mut()) {
                        if !cell.name.is_empty() {
                            cell.value = values.get(&cell.name).unwrap_or_default().to_string();
                        }
                    }
                }
                _ => field.value = rest.join("\n"),
            }
        }
        self
    }

    /// Shows `errors` next to their fields and in the summary.
    pub fn with_errors(mut self, errors: &[FieldError]) -> Form {
        let mut summary = Vec::new();
        for error in errors {
            let field = self.fields_mut().find(|f| f.name == error.field);
            let (href, label) = match field {
                Some(f) => {
                    f.errors.push(error.clone());
                    (format!("#{}", f.id), f.label.clone())
                }
                None => (String::new(), error.field.clone()),
            };
            summary.push(SummaryItem {
                href,
                label,
                message: error.message.clone(),
                hint: error.hint.clone(),
            });
        }
        self.errors = summary;
        self.describe();
        self
    }

    /// Sets each field's `aria-describedby`: its hint and its error.
    pub(super) fn describe(&mut self) {
        for field in self.fields_mut() {
            let base = element_id(&field.name);
            field.hint_id = format!("{base}-hint");
            field.error_id = format!("{base}-fout");
            let mut ids = Vec::new();
            if !field.help.is_empty() || !field.hint.is_empty() {
                ids.push(field.hint_id.clone());
            }
            if !field.errors.is_empty() {
                ids.push(field.error_id.clone());
            }
            field.describedby = ids.join(" ");
        }
    }
}

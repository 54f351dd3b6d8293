//! The edits themselves: body, front matter, template, static file,
//! `site.toml`, add, remove, rename, move, asset and break. Each picks its
//! target with the editor's seeded generator and records how to undo it.

use super::editor::{anchor, front_matter_end, set_key, Editor, Undo};
use std::path::PathBuf;

impl Editor {
    pub(super) fn edit_body(&mut self, step: usize) -> String {
        let Some(doc) = self.pick_document() else {
            return "nothing to edit".into();
        };
        let text = std::fs::read_to_string(&doc).unwrap();
        let new = match self.rng.u8(..5) {
            0 => format!("{text}\n{} {step}.\n", self.words(6)),
            4 => {
                // A link to a section of another document, by its heading.
                let docs = self.documents();
                let target = &docs[self.rng.usize(..docs.len())];
                let slug = target.file_stem().unwrap().to_string_lossy().into_owned();
                let theirs = std::fs::read_to_string(target).unwrap_or_default();
                let anchors: Vec<String> = theirs
                    .lines()
                    .filter_map(|l| l.strip_prefix("## "))
                    .filter(|h| h.is_ascii())
                    .map(anchor)
                    .collect();
                match anchors.is_empty() {
                    true => format!("{text}\nZie [[{slug}#kop-{step}]].\n"),
                    false => {
                        let a = &anchors[self.rng.usize(..anchors.len())];
                        format!("{text}\nZie [[{slug}#{a}]].\n")
                    }
                }
            }
            1 => {
                let docs = self.documents();
                let target = &docs[self.rng.usize(..docs.len())];
                let slug = target.file_stem().unwrap().to_string_lossy().into_owned();
                format!("{text}\nZie ook [[{slug}]].\n")
            }
            2 => format!(
                "{text}\n## Kop {step} {}\n\n{}.\n",
                self.words(2),
                self.words(8)
            ),
            _ => {
                let lines: Vec<&str> = text.lines().collect();
                let body_start = front_matter_end(&text).map_or(0, |(_, line)| line);
                let candidates: Vec<usize> = (body_start..lines.len())
                    .filter(|&i| !lines[i].trim().is_empty())
                    .collect();
                if candidates.is_empty() {
                    format!("{text}\n{}.\n", self.words(3))
                } else {
                    let drop = candidates[self.rng.usize(..candidates.len())];
                    let mut kept: Vec<&str> = lines.clone();
                    kept.remove(drop);
                    kept.join("\n") + "\n"
                }
            }
        };
        self.write(&doc, new.as_bytes());
        format!("body of {}", self.rel(&doc))
    }

    pub(super) fn edit_front_matter(&mut self, step: usize) -> String {
        let Some(doc) = self.pick_document() else {
            return "nothing to edit".into();
        };
        let text = std::fs::read_to_string(&doc).unwrap();
        let Some((end, _)) = front_matter_end(&text) else {
            return format!("front matter of {} (none to edit)", self.rel(&doc));
        };
        let (head, body) = text.split_at(end);
        let mut lines: Vec<String> = head.lines().map(String::from).collect();
        let what = match self.rng.u8(..4) {
            0 => {
                let title = format!("title: \"Titel {step} {}\"", self.words(2));
                set_key(&mut lines, "title", title);
                "title"
            }
            1 => {
                let summary = format!("summary: \"{} {step}\"", self.words(7));
                set_key(&mut lines, "summary", summary);
                "summary"
            }
            2 => {
                if lines.iter().any(|l| l == "draft: true") {
                    lines.retain(|l| l != "draft: true");
                    "draft removed"
                } else {
                    lines.insert(1, "draft: true".into());
                    "draft: true"
                }
            }
            _ => {
                // A field's value from another document of the same kind.
                let folder = doc.parent().unwrap();
                let siblings: Vec<PathBuf> = self
                    .documents()
                    .into_iter()
                    .filter(|d| d.parent() == Some(folder) && *d != doc)
                    .collect();
                if siblings.is_empty() {
                    return format!("front matter of {} (no sibling)", self.rel(&doc));
                }
                let other = std::fs::read_to_string(&siblings[self.rng.usize(..siblings.len())])
                    .unwrap_or_default();
                let theirs: Vec<(String, String)> = other
                    .lines()
                    .skip(1)
                    .take_while(|l| *l != "---")
                    .filter_map(|l| {
                        let (k, v) = l.split_once(": ")?;
                        let simple = !k.starts_with([' ', '-']) && !v.trim().is_empty();
                        (simple && k != "title").then(|| (k.to_string(), l.to_string()))
                    })
                    .collect();
                if theirs.is_empty() {
                    return format!("front matter of {} (no field to copy)", self.rel(&doc));
                }
                let (key, line) = theirs[self.rng.usize(..theirs.len())].clone();
                set_key(&mut lines, &key, line);
                "a field copied from a sibling"
            }
        };
        let new = format!("{}\n{body}", lines.join("\n"));
        self.write(&doc, new.as_bytes());
        format!("front matter of {}: {what}", self.rel(&doc))
    }

    pub(super) fn edit_template(&mut self, step: usize) -> String {
        let templates = [
            "base.html",
            "document.html",
            "listing.html",
            "home.html",
            "thema.html",
        ];
        let name = templates[self.rng.usize(..templates.len())];
        let path = self.path(&format!("themes/default/templates/{name}"));
        let Ok(text) = std::fs::read_to_string(&path) else {
            return format!("template {name} (missing)");
        };
        let new = if let Some(at) = text.find("{% block content %}") {
            let at = at + "{% block content %}".len();
            format!("{}<!-- stap {step} -->{}", &text[..at], &text[at..])
        } else if let Some(at) = text.find("</body>") {
            format!("{}<!-- stap {step} -->{}", &text[..at], &text[at..])
        } else {
            return format!("template {name} (no place to edit)");
        };
        self.write(&path, new.as_bytes());
        format!("template {name}")
    }

    pub(super) fn edit_static(&mut self, step: usize) -> String {
        match self.rng.u8(..3) {
            0 => {
                let path = self.path("themes/default/static/style.css");
                let text = std::fs::read_to_string(&path).unwrap();
                self.write(&path, format!("{text}\n/* stap {step} */\n").as_bytes());
                "static/style.css".into()
            }
            1 => {
                let path = self.path(&format!("themes/default/static/kb-{step}.js"));
                self.write(&path, format!("// stap {step}\n").as_bytes());
                format!("add static/kb-{step}.js")
            }
            _ => {
                let mut added: Vec<PathBuf> = std::fs::read_dir(self.path("themes/default/static"))
                    .unwrap()
                    .flatten()
                    .map(|e| e.path())
                    .filter(|p| {
                        let name = p.file_name().unwrap_or_default().to_string_lossy();
                        name.starts_with("kb-") && name != "kb-stap.txt"
                    })
                    .collect();
                added.sort();
                if added.is_empty() {
                    return "no static file to remove".into();
                }
                let path = added[self.rng.usize(..added.len())].clone();
                let before = std::fs::read(&path).ok();
                std::fs::remove_file(&path).unwrap();
                self.undo.push(Undo::Restore(path.clone(), before));
                format!("remove {}", self.rel(&path))
            }
        }
    }

    /// Moves a document into another kind's folder: same slug, another kind.
    pub(super) fn move_document(&mut self) -> String {
        let Some(doc) = self.pick_document() else {
            return "nothing to move".into();
        };
        let mut folders: Vec<PathBuf> = std::fs::read_dir(self.path("content"))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_dir() && Some(p.as_path()) != doc.parent())
            .collect();
        folders.sort();
        if folders.is_empty() {
            return "nowhere to move".into();
        }
        let to = folders[self.rng.usize(..folders.len())].join(doc.file_name().unwrap());
        if to.exists() {
            return "move (target taken)".into();
        }
        std::fs::rename(&doc, &to).unwrap();
        self.undo.push(Undo::Rename {
            from: doc.clone(),
            to: to.clone(),
        });
        format!("move {} to {}", self.rel(&doc), self.rel(&to))
    }

    pub(super) fn edit_config(&mut self, step: usize) -> String {
        let path = self.path("site.toml");
        let text = std::fs::read_to_string(&path).unwrap();
        let keys = ["description", "plural", "label"];
        let key = keys[self.rng.usize(..keys.len())];
        let prefix = format!("{key} = \"");
        let lines: Vec<usize> = text
            .lines()
            .enumerate()
            .filter(|(_, l)| l.starts_with(&prefix))
            .map(|(i, _)| i)
            .collect();
        if lines.is_empty() {
            return format!("site.toml (no {key})");
        }
        let target = lines[self.rng.usize(..lines.len())];
        let value = format!("{key} = \"{} {step}\"", self.words(2));
        let new: Vec<String> = text
            .lines()
            .enumerate()
            .map(|(i, l)| {
                if i == target {
                    value.clone()
                } else {
                    l.to_string()
                }
            })
            .collect();
        self.write(&path, (new.join("\n") + "\n").as_bytes());
        format!("site.toml: a {key}")
    }

    pub(super) fn add_document(&mut self, step: usize) -> String {
        let Some(model) = self.pick_document() else {
            return "nothing to copy".into();
        };
        let text = std::fs::read_to_string(&model).unwrap();
        let mut lines: Vec<String> = text.lines().map(String::from).collect();
        set_key(
            &mut lines,
            "title",
            format!("title: \"Nieuw {step} {}\"", self.words(2)),
        );
        let path = model.with_file_name(format!("kb-nieuw-{step}.md"));
        self.write(&path, (lines.join("\n") + "\n").as_bytes());
        format!("add {} (from {})", self.rel(&path), self.rel(&model))
    }

    pub(super) fn remove_document(&mut self) -> String {
        let Some(doc) = self.pick_document() else {
            return "nothing to remove".into();
        };
        let before = std::fs::read(&doc).ok();
        std::fs::remove_file(&doc).unwrap();
        self.undo.push(Undo::Restore(doc.clone(), before));
        format!("remove {}", self.rel(&doc))
    }

    pub(super) fn rename_document(&mut self, step: usize) -> String {
        let Some(doc) = self.pick_document() else {
            return "nothing to rename".into();
        };
        let stem = doc.file_stem().unwrap().to_string_lossy().into_owned();
        let to = doc.with_file_name(format!("{stem}-r{step}.md"));
        std::fs::rename(&doc, &to).unwrap();
        self.undo.push(Undo::Rename {
            from: doc.clone(),
            to: to.clone(),
        });
        format!("rename {} to {}", self.rel(&doc), self.rel(&to))
    }

    pub(super) fn add_asset(&mut self, step: usize) -> String {
        let Some(doc) = self.pick_document() else {
            return "nothing to illustrate".into();
        };
        let name = format!("kb-beeld-{step}.png");
        let bytes: Vec<u8> = (0..64).map(|_| self.rng.u8(..)).collect();
        self.write(&doc.with_file_name(&name), &bytes);
        if self.rng.bool() {
            let text = std::fs::read_to_string(&doc).unwrap();
            self.write(
                &doc,
                format!("{text}\n![Beeld {step}]({name})\n").as_bytes(),
            );
            return format!("asset {name}, shown in {}", self.rel(&doc));
        }
        format!("asset {name}")
    }

    pub(super) fn break_something(&mut self, step: usize) -> String {
        match self.rng.u8(..5) {
            0 if self.config_break.is_none() => {
                let path = self.path("site.toml");
                let text = std::fs::read_to_string(&path).unwrap();
                let line = format!("kb_stap_{step} = 1");
                self.write(
                    &path,
                    text.replacen("[site]\n", &format!("[site]\n{line}\n"), 1)
                        .as_bytes(),
                );
                self.config_break = Some(line);
                "break site.toml".into()
            }
            1 => {
                let path = self.path("themes/default/templates/document.html");
                let text = std::fs::read_to_string(&path).unwrap();
                let broken = text.replacen("{% block content %}", "{% block content %}{% if %}", 1);
                self.write(&path, broken.as_bytes());
                "break a template".into()
            }
            kind => {
                let Some(doc) = self.pick_document() else {
                    return "nothing to break".into();
                };
                let text = std::fs::read_to_string(&doc).unwrap();
                let (new, what) = match kind {
                    2 => {
                        let mut lines: Vec<String> = text.lines().map(String::from).collect();
                        set_key(&mut lines, "title", "title: [kapot".into());
                        (lines.join("\n") + "\n", "YAML")
                    }
                    3 => (format!("{text}\n[[bestaat-niet-{step}]]\n"), "a link"),
                    _ => (
                        text.replacen("---\n", &format!("---\nveld_{step}: 1\n"), 1),
                        "a field",
                    ),
                };
                self.write(&doc, new.as_bytes());
                format!("break {what} in {}", self.rel(&doc))
            }
        }
    }
}

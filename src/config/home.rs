//! The home page by the questions people bring: `[home]` in `site.toml`. An
//! example question under the search field, entry links by task, and the page
//! "Over deze kennisbank" links on to. Each task names one target; the render
//! stage turns them into links and leaves out those whose page the site
//! lacks. A document named by slug must exist:
//! the site stage reports it with its line in `site.toml` otherwise.

use crate::config::navigation::{self, Item};
use anyhow::{bail, Result};
use serde::Deserialize;

/// `[home]` as the user typed it.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawHome {
    /// Shown under the search field and as its placeholder.
    example: Option<String>,
    #[serde(default)]
    tasks: Vec<RawTask>,
    /// A group page of `[[menu]]` ("over.html") that the about section links to.
    more: Option<String>,
}

/// One `[[home.tasks]]` entry: a label, a note after it, exactly one target.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTask {
    label: String,
    #[serde(default)]
    note: String,
    kind: Option<String>,
    page: Option<String>,
    document: Option<String>,
}

/// The resolved `[home]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Home {
    pub example: Option<String>,
    pub tasks: Vec<Task>,
    pub more: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Task {
    pub label: String,
    pub note: String,
    pub target: Target,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A kind's listing; left out while the kind has no documents.
    Kind(String),
    /// A built-in page of the menu (`vergelijken`, `zoeken`, …) by its URL.
    Page(&'static str),
    /// The newest round's comparison, at its picker (`page = "kiezen"`).
    Pick,
    /// The newest round's workbook (`page = "zelfscores"`).
    Workbook,
    /// One document, by slug, and the line of `site.toml` that names it
    /// (for the message when it does not exist; 0 when not found).
    Document { slug: String, line: usize },
}

/// Pages a task may name besides the menu's built-in pages.
const COMPARISON_PAGES: [&str; 2] = ["kiezen", "zelfscores"];

/// Checks `[home]` against the kinds and the resolved menu; `text` is
/// `site.toml`, for the lines of the documents tasks name.
pub fn resolve(raw: RawHome, text: &str, kinds: &[String], menu: &[Item]) -> Result<Home> {
    let mut tasks = Vec::new();
    for (n, task) in raw.tasks.into_iter().enumerate() {
        let at = format!("[[home.tasks]] item {} ('{}')", n + 1, task.label);
        let target = match (task.kind, task.page, task.document) {
            (Some(kind), None, None) => {
                if !kinds.contains(&kind) {
                    bail!(
                        "{at}: unknown kind '{kind}'; expected one of: {}",
                        kinds.join(", ")
                    );
                }
                Target::Kind(kind)
            }
            (None, Some(page), None) => match page.as_str() {
                "kiezen" => Target::Pick,
                "zelfscores" => Target::Workbook,
                name => match navigation::page_url(name) {
                    Some(url) => Target::Page(url),
                    None => {
                        let names: Vec<&str> =
                            navigation::page_names().chain(COMPARISON_PAGES).collect();
                        bail!(
                            "{at}: unknown page '{name}'; expected one of: {}",
                            names.join(", ")
                        );
                    }
                },
            },
            (None, None, Some(slug)) if !slug.trim().is_empty() => Target::Document {
                line: document_line(text, &slug),
                slug,
            },
            _ => {
                bail!("{at}: give exactly one of kind = \"…\", page = \"…\" or document = \"SLUG\"")
            }
        };
        tasks.push(Task {
            label: task.label,
            note: task.note,
            target,
        });
    }
    if let Some(more) = &raw.more {
        if !menu.iter().any(|i| i.group.is_some() && &i.url == more) {
            let groups: Vec<&str> = menu
                .iter()
                .filter(|i| i.group.is_some())
                .map(|i| i.url.as_str())
                .collect();
            bail!(
                "[home] more = '{more}' is not a group page of [[menu]]; expected one of: {}",
                if groups.is_empty() {
                    "(none declared)".to_string()
                } else {
                    groups.join(", ")
                }
            );
        }
    }
    Ok(Home {
        example: raw.example.filter(|e| !e.trim().is_empty()),
        tasks,
        more: raw.more,
    })
}

/// The line of `site.toml` that names `slug` as a task's document, for messages.
fn document_line(site_toml: &str, slug: &str) -> usize {
    site_toml
        .lines()
        .position(|l| {
            let l = l.trim_start();
            l.starts_with("document") && l.contains(&format!("\"{slug}\""))
        })
        .map_or(0, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn home(toml: &str) -> Result<Home> {
        #[derive(Deserialize)]
        struct Wrap {
            home: RawHome,
        }
        let raw: Wrap = toml::from_str(toml).unwrap();
        let kinds = vec!["thema".to_string(), "begrip".to_string()];
        let menu = navigation::resolve(
            toml::from_str::<toml::Table>(
                "label = \"Over\"\nkinds = [\"begrip\"]\nurl = \"over.html\"\n",
            )
            .map(|t| vec![t.try_into().unwrap()])
            .unwrap(),
            &kinds,
            |k| format!("{k}/index.html"),
        )
        .unwrap();
        resolve(raw.home, toml, &kinds, &menu)
    }

    #[test]
    fn each_kind_of_target_resolves() {
        let home = home(
            "[home]\nexample = \"wat is toegang?\"\nmore = \"over.html\"\n\
             [[home.tasks]]\nlabel = \"A\"\ndocument = \"toegang\"\nnote = \"n\"\n\
             [[home.tasks]]\nlabel = \"B\"\npage = \"kiezen\"\n\
             [[home.tasks]]\nlabel = \"C\"\nkind = \"thema\"\n\
             [[home.tasks]]\nlabel = \"D\"\npage = \"zelfscores\"\n\
             [[home.tasks]]\nlabel = \"E\"\npage = \"zoeken\"\n",
        )
        .unwrap();
        let targets: Vec<&Target> = home.tasks.iter().map(|t| &t.target).collect();
        assert_eq!(
            targets,
            [
                &Target::Document {
                    slug: "toegang".into(),
                    line: 6
                },
                &Target::Pick,
                &Target::Kind("thema".into()),
                &Target::Workbook,
                &Target::Page("zoeken.html"),
            ]
        );
        assert_eq!(home.example.as_deref(), Some("wat is toegang?"));
        assert_eq!(home.tasks[0].note, "n");
        assert_eq!(home.more.as_deref(), Some("over.html"));
    }

    #[test]
    fn unknown_targets_and_two_targets_are_refused() {
        let err = |toml: &str| home(toml).unwrap_err().to_string();
        assert_eq!(
            err("[home]\n[[home.tasks]]\nlabel = \"X\"\nkind = \"themas\"\n"),
            "[[home.tasks]] item 1 ('X'): unknown kind 'themas'; expected one of: thema, begrip"
        );
        assert!(err("[home]\n[[home.tasks]]\nlabel = \"X\"\npage = \"home\"\n")
            .contains("unknown page 'home'; expected one of: vergelijken, zoeken, bijdragen, toegankelijkheid, kiezen, zelfscores"));
        assert!(err(
            "[home]\n[[home.tasks]]\nlabel = \"X\"\nkind = \"thema\"\ndocument = \"toegang\"\n"
        )
        .contains("give exactly one of"));
        assert!(err("[home]\nmore = \"elders.html\"\n")
            .contains("not a group page of [[menu]]; expected one of: over.html"));
    }

    #[test]
    fn a_task_document_is_found_on_its_line() {
        let toml = "[home]\n[[home.tasks]]\nlabel = \"X\"\ndocument = \"toegang\"\n";
        assert_eq!(document_line(toml, "toegang"), 4);
        assert_eq!(document_line(toml, "elders"), 0);
    }
}

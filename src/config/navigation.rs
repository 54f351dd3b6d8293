//! The header menu by task: `[[menu]]` in `site.toml`. Each item names a
//! kind's listing, a built-in page, or a group page that lists several kinds
//! together (the Kenniskring's research). Without `[[menu]]` the menu is every
//! kind plus the comparison, as before. Page URLs come from `urls`; the
//! templates decide how the menu looks.

use crate::config::urls;
use crate::config::Config;
use anyhow::{bail, Result};
use serde::{Deserialize, Serialize};

/// One `[[menu]]` item as the user typed it: a label and exactly one target.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawItem {
    label: String,
    /// The listing of this kind.
    kind: Option<String>,
    /// A built-in page: `vergelijken`, `zoeken`, `bijdragen`, `toegankelijkheid`.
    page: Option<String>,
    /// A group page at `url` listing these kinds together.
    kinds: Option<Vec<String>>,
    url: Option<String>,
    /// The group page's introduction.
    #[serde(default)]
    description: String,
}

/// A resolved menu item, as templates see it (`site.menu`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    pub label: String,
    pub url: String,
    /// The page kinds (`page.kind`) that belong to this item, for `aria-current`.
    pub kinds: Vec<String>,
    /// Set for a kind's listing: left out while the kind has no documents.
    pub kind: Option<String>,
    /// Set for a group page: the kinds it lists.
    pub group: Option<Group>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Group {
    pub kinds: Vec<String>,
    pub description: String,
}

/// The built-in pages a menu item may name, with their URL and page kind.
const PAGES: [(&str, &str); 4] = [
    ("vergelijken", urls::COMPARISONS),
    ("zoeken", urls::SEARCH),
    ("bijdragen", urls::CONTRIBUTE_INDEX),
    ("toegankelijkheid", urls::ACCESSIBILITY),
];

/// The URL of a built-in page by the name `site.toml` gives it.
pub fn page_url(name: &str) -> Option<&'static str> {
    PAGES.iter().find(|(n, _)| *n == name).map(|(_, url)| *url)
}

/// The names of the built-in pages, for messages.
pub fn page_names() -> impl Iterator<Item = &'static str> {
    PAGES.iter().map(|(n, _)| *n)
}

/// Checks each item against the kinds declared in the same file (`kinds` are
/// the kind names, `listing` gives a kind's listing URL).
pub fn resolve(
    raw: Vec<RawItem>,
    kinds: &[String],
    listing: impl Fn(&str) -> String,
) -> Result<Vec<Item>> {
    let mut out: Vec<Item> = Vec::new();
    for (n, item) in raw.into_iter().enumerate() {
        let at = format!("[[menu]] item {} ('{}')", n + 1, item.label);
        let known = |k: &String| -> Result<()> {
            if kinds.contains(k) {
                Ok(())
            } else {
                bail!(
                    "{at}: unknown kind '{k}'; expected one of: {}",
                    kinds.join(", ")
                )
            }
        };
        let resolved = match (&item.kind, &item.page, &item.kinds) {
            (Some(kind), None, None) if item.url.is_none() => {
                known(kind)?;
                Item {
                    url: listing(kind),
                    kinds: vec![kind.clone()],
                    kind: Some(kind.clone()),
                    group: None,
                    label: item.label,
                }
            }
            (None, Some(page), None) if item.url.is_none() => {
                let Some((name, url)) = PAGES.iter().find(|(name, _)| name == page) else {
                    let names: Vec<&str> = PAGES.iter().map(|(n, _)| *n).collect();
                    bail!("{at}: unknown page '{page}'; expected one of: {}", names.join(", "));
                };
                Item {
                    url: (*url).to_string(),
                    kinds: vec![(*name).to_string()],
                    kind: None,
                    group: None,
                    label: item.label,
                }
            }
            (None, None, Some(group)) => {
                group.iter().try_for_each(known)?;
                let Some(url) = item.url.filter(|u| is_page_name(u)) else {
                    bail!("{at}: a group of kinds needs url = \"NAME.html\", a page at the top of the site");
                };
                Item {
                    kinds: std::iter::once(url.clone()).chain(group.iter().cloned()).collect(),
                    url,
                    kind: None,
                    group: Some(Group {
                        kinds: group.clone(),
                        description: item.description,
                    }),
                    label: item.label,
                }
            }
            _ => bail!("{at}: give exactly one of kind = \"…\", page = \"…\" or kinds = [ … ] with url = \"….html\""),
        };
        if out.iter().any(|o| o.url == resolved.url) {
            bail!("{at}: another item already leads to {}", resolved.url);
        }
        out.push(resolved);
    }
    Ok(out)
}

/// `onderzoek.html`: lowercase letters, digits and hyphens, then `.html`.
fn is_page_name(url: &str) -> bool {
    url.strip_suffix(".html").is_some_and(|stem| {
        !stem.is_empty()
            && stem
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    })
}

/// The menu when `site.toml` declares none: every kind, then the comparison.
pub fn default_menu(config: &Config) -> Vec<Item> {
    let mut out: Vec<Item> = config
        .kinds
        .iter()
        .map(|k| Item {
            label: k.plural.clone(),
            url: urls::listing(k),
            kinds: vec![k.name.clone()],
            kind: Some(k.name.clone()),
            group: None,
        })
        .collect();
    if config.compare.is_some() {
        out.push(Item {
            label: "Vergelijken".into(),
            url: urls::COMPARISONS.into(),
            kinds: vec!["vergelijken".into()],
            kind: None,
            group: None,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(toml: &str) -> Result<Vec<Item>> {
        #[derive(Deserialize)]
        struct Wrap {
            menu: Vec<RawItem>,
        }
        let raw: Wrap = toml::from_str(toml).unwrap();
        let kinds = vec!["gemeente".to_string(), "observatie".to_string()];
        resolve(raw.menu, &kinds, |k| format!("{k}en/index.html"))
    }

    #[test]
    fn kind_page_and_group_resolve_to_urls() {
        let menu = items(
            "[[menu]]\nlabel = \"Gemeenten\"\nkind = \"gemeente\"\n\
             [[menu]]\nlabel = \"Vergelijken\"\npage = \"vergelijken\"\n\
             [[menu]]\nlabel = \"Onderzoek\"\nkinds = [\"observatie\"]\nurl = \"onderzoek.html\"\n",
        )
        .unwrap();
        let urls: Vec<&str> = menu.iter().map(|i| i.url.as_str()).collect();
        assert_eq!(
            urls,
            [
                "gemeenteen/index.html",
                "vergelijken/index.html",
                "onderzoek.html"
            ]
        );
        assert_eq!(menu[2].kinds, ["onderzoek.html", "observatie"]);
    }

    #[test]
    fn an_unknown_kind_a_missing_target_and_a_bad_url_are_refused() {
        let err = |toml: &str| items(toml).unwrap_err().to_string();
        assert_eq!(
            err("[[menu]]\nlabel = \"X\"\nkind = \"gemeenten\"\n"),
            "[[menu]] item 1 ('X'): unknown kind 'gemeenten'; expected one of: gemeente, observatie"
        );
        assert!(err("[[menu]]\nlabel = \"X\"\n").contains("give exactly one of"));
        assert!(
            err("[[menu]]\nlabel = \"X\"\nkinds = [\"gemeente\"]\nurl = \"../x.html\"\n")
                .contains("needs url = \"NAME.html\"")
        );
        assert!(err("[[menu]]\nlabel = \"X\"\npage = \"home\"\n").contains("unknown page 'home'"));
    }
}

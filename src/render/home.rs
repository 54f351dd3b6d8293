//! The home page's entry links by task (`[home]` in `site.toml`, resolved by
//! `crate::config::home`): each target becomes a URL, and a task whose page
//! the site lacks (a kind without documents, no comparison round) is left out.

use crate::config::home::Target;
use crate::config::urls;
use crate::render::context::SiteCtx;
use crate::render::downloads::Download;
use crate::site::Site;
use serde::Serialize;

/// What `home.html` sees as `home`.
#[derive(Debug, Serialize)]
pub struct HomeCtx {
    pub example: Option<String>,
    pub tasks: Vec<TaskLink>,
    /// The page the about section links on to.
    pub more: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct TaskLink {
    pub label: String,
    pub note: String,
    pub url: String,
    /// Set for the workbook: the page says how much is known before the download.
    pub download: Option<Download>,
}

pub fn context(site: &Site, site_ctx: &SiteCtx) -> HomeCtx {
    let config = &site.config;
    let latest = site_ctx.downloads.last();
    let tasks = config
        .home
        .tasks
        .iter()
        .filter_map(|task| {
            let (url, download) = match &task.target {
                Target::Kind(name) => {
                    site.pages_of(name).next()?;
                    (urls::listing(config.kind(name)?), None)
                }
                Target::Page(url) => {
                    let present = match *url {
                        urls::COMPARISONS => site_ctx.comparison_url.is_some(),
                        urls::CONTRIBUTE_INDEX => site_ctx.contribute_url.is_some(),
                        urls::ACCESSIBILITY => site_ctx.accessibility_url.is_some(),
                        _ => true,
                    };
                    present.then(|| ((*url).to_string(), None))?
                }
                Target::Pick => (format!("{}#kb-kies", latest?.url), None),
                Target::Workbook => (latest?.xlsx_url.clone(), latest.cloned()),
                Target::Document { slug, .. } => (site.page(slug)?.url.clone(), None),
            };
            Some(TaskLink {
                label: task.label.clone(),
                note: task.note.clone(),
                url,
                download,
            })
        })
        .collect();
    HomeCtx {
        example: config.home.example.clone(),
        tasks,
        more: config.home.more.clone(),
    }
}

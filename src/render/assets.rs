//! The files that need no template and are copied as they are: the theme's
//! static files under `static/` and the content assets at their own paths.

use super::template_dir;
use crate::output::ownership::Origin;
use crate::output::sink::{Contents, OutputFile};
use crate::site::Site;
use std::path::Path;

/// Theme static files under `static/`, content assets at their own paths.
pub(super) fn static_files(site: &Site) -> Vec<OutputFile> {
    let mut files = Vec::new();
    let static_dir = site.config.theme_dir.join("static");
    let shown_dir = template_dir(&site.config).with_file_name("static");
    for entry in walkdir::WalkDir::new(&static_dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !crate::content::discover::is_ignored_entry(e))
        .flatten()
    {
        if entry.file_type().is_file() {
            if let Ok(rel) = entry.path().strip_prefix(&static_dir) {
                files.push(OutputFile {
                    rel_path: format!("static/{}", rel.to_string_lossy().replace('\\', "/")),
                    contents: Contents::Copy(entry.path().to_path_buf()),
                    origin: Origin::Copied(shown_dir.join(rel)),
                });
            }
        }
    }
    for asset in &site.assets {
        files.push(OutputFile {
            rel_path: asset.rel.to_string_lossy().replace('\\', "/"),
            contents: Contents::Copy(asset.source.clone()),
            origin: Origin::Copied(Path::new("content").join(&asset.rel)),
        });
    }
    files
}

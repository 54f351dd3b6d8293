//! A built or served site as data: every file of an output folder with its
//! bytes, and a served page without what `serve` injects into it, so tests
//! compare a build, a served site and a killed build's output alike.

use super::serve::SCRIPT_START;
use std::path::Path;

/// Every file under `dir` but the output marker, with its bytes, sorted by path.
pub fn built_files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            (
                rel.to_string_lossy().replace('\\', "/"),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .filter(|(rel, _)| rel != ".kennisbank-output")
        .collect();
    files.sort();
    files
}

/// The served page without the live-reload script serve adds to it.
pub fn strip_injected(html: &str) -> String {
    match html.find(SCRIPT_START) {
        Some(start) => {
            let end = start + html[start..].find("</script>").unwrap() + "</script>".len();
            format!("{}{}", &html[..start], &html[end..])
        }
        None => html.to_string(),
    }
}

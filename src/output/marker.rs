//! The marker file a build writes first into its staging directory: which
//! build made the directory, which output it replaces, and whether all its
//! files are written. It is how a build recognises the output as its own and,
//! after a build was killed, which leftovers beside it are its own.

use crate::config::urls::MARKER;
use crate::fs;
use anyhow::Result;
use std::path::Path;

/// The marker's first line; every marker has it, the oldest nothing else.
pub const FIRST_LINE: &str =
    "This directory is written by kennisbank build and replaced on every build.";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    /// The build that made the directory (absent in markers from before build ids).
    pub build: Option<String>,
    /// The build whose output this one replaces; `None` when there was none.
    pub previous: Option<String>,
    /// Every file is written: the directory is a whole site.
    pub complete: bool,
}

impl Marker {
    pub fn parse(text: &str) -> Option<Marker> {
        let mut lines = text.lines();
        if lines.next()? != FIRST_LINE {
            return None;
        }
        let mut marker = Marker {
            build: None,
            previous: None,
            complete: true,
        };
        for line in lines {
            match line.split_once(": ") {
                Some(("build", id)) => marker.build = Some(id.to_string()),
                Some(("previous", "none")) => marker.previous = None,
                Some(("previous", id)) => marker.previous = Some(id.to_string()),
                Some(("complete", yes)) => marker.complete = yes == "yes",
                _ => return None,
            }
        }
        Some(marker)
    }

    pub fn to_text(&self) -> String {
        format!(
            "{FIRST_LINE}\nbuild: {}\nprevious: {}\ncomplete: {}\n",
            self.build.as_deref().unwrap_or("none"),
            self.previous.as_deref().unwrap_or("none"),
            if self.complete { "yes" } else { "no" }
        )
    }

    /// The marker of `dir`, if it has one that Kennisbank wrote (a regular
    /// file, not a link, that reads as a marker).
    pub fn read(dir: &Path) -> Option<Marker> {
        let path = dir.join(MARKER);
        let meta = std::fs::symlink_metadata(&path).ok()?;
        if !meta.file_type().is_file() || meta.len() > 4096 {
            return None;
        }
        Marker::parse(&std::fs::read_to_string(&path).ok()?)
    }

    /// Writes the marker into `dir` whole or not at all (a temporary file
    /// renamed over it), so a killed build never leaves half a marker.
    pub fn write(&self, dir: &Path) -> Result<()> {
        let temporary = dir.join(TEMPORARY);
        fs::write(&temporary, self.to_text().as_bytes())?;
        fs::rename(&temporary, &dir.join(MARKER))
    }
}

/// The marker while it is being written.
pub const TEMPORARY: &str = ".kennisbank-output.tmp";

/// A new build id: the time, the process and a counter, so no two builds share one.
pub fn new_build_id() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    format!(
        "{nanos:x}-{:x}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_marker_reads_back_as_written() {
        let marker = Marker {
            build: Some(new_build_id()),
            previous: None,
            complete: false,
        };
        assert_eq!(Marker::parse(&marker.to_text()), Some(marker.clone()));
        let done = Marker {
            previous: Some("abc".into()),
            complete: true,
            ..marker
        };
        assert_eq!(Marker::parse(&done.to_text()), Some(done));
        assert_ne!(new_build_id(), new_build_id());
    }

    #[test]
    fn old_markers_are_complete_without_an_id_and_others_are_not_markers() {
        let old = Marker::parse(&format!("{FIRST_LINE}\n")).unwrap();
        assert_eq!(old.build, None);
        assert!(old.complete);
        assert_eq!(Marker::parse("my notes\n"), None);
        assert_eq!(Marker::parse(&format!("{FIRST_LINE}\nowner: me\n")), None);
    }
}

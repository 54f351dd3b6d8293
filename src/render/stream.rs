//! Putting rendered files into a sink from many rendering threads at once:
//! the first error the sink gives is kept and nothing more is put after it.

use crate::output::ownership::Origin;
use crate::output::sink::{OutputFile, Sink};

/// Puts files into a sink from many threads, keeping the first error and
/// putting nothing after it; returns each file's claim on its path.
pub(super) struct Stream<'a> {
    sink: &'a dyn Sink,
    error: std::sync::Mutex<Option<anyhow::Error>>,
    failed: std::sync::atomic::AtomicBool,
}

impl<'a> Stream<'a> {
    pub(super) fn new(sink: &'a dyn Sink) -> Self {
        Stream {
            sink,
            error: std::sync::Mutex::new(None),
            failed: std::sync::atomic::AtomicBool::new(false),
        }
    }

    pub(super) fn put(&self, file: OutputFile) -> (String, Origin) {
        use std::sync::atomic::Ordering;
        let claim = (file.rel_path.clone(), file.origin.clone());
        if !self.failed.load(Ordering::SeqCst) {
            if let Err(err) = self.sink.put(file) {
                self.failed.store(true, Ordering::SeqCst);
                let mut first = self.error.lock().unwrap_or_else(|e| e.into_inner());
                first.get_or_insert(err);
            }
        }
        claim
    }

    pub(super) fn into_error(self) -> Option<anyhow::Error> {
        self.error.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

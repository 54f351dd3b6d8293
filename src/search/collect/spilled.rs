//! A corpus whose pages' large texts (the body field and the sections'
//! texts) went to the build's scratch file (`fs::spill`) as they were
//! collected: a one-shot build holds the rest of each page, and reads a page
//! back whole (`Corpus::page`) when it indexes it and when it writes its
//! fragment.

use super::{Corpus, SearchPage, BODY};
use crate::fs::spill::{Blob, Packer, Spill, Unpacker};
use anyhow::Result;
use std::borrow::Cow;
use std::sync::Arc;

/// Where each page's texts are: `blobs[n]` holds page `n`'s.
#[derive(Debug, Clone)]
pub struct Spilled {
    store: Arc<Spill>,
    blobs: Vec<Blob>,
}

impl PartialEq for Spilled {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.store, &other.store) && self.blobs == other.blobs
    }
}

impl Spilled {
    pub fn new(store: Arc<Spill>) -> Spilled {
        Spilled {
            store,
            blobs: Vec::new(),
        }
    }

    /// Moves the page's large texts to the store; the page keeps the rest.
    pub fn push(&mut self, page: &mut SearchPage) -> Result<()> {
        let mut packer = Packer::default();
        packer.text(&std::mem::take(&mut page.fields[BODY]));
        for s in &mut page.sections {
            packer.text(&std::mem::take(&mut s.text));
        }
        self.blobs.push(self.store.put(packer.bytes())?);
        Ok(())
    }

    fn fill(&self, n: usize, page: &mut SearchPage) -> Result<()> {
        let mut bytes = Unpacker::new(self.store.get(self.blobs[n])?);
        page.fields[BODY] = bytes.text()?;
        for s in &mut page.sections {
            s.text = bytes.text()?;
        }
        Ok(())
    }
}

impl Corpus {
    /// Page `n` with all its texts, read back from the scratch file when
    /// they went there.
    pub fn page(&self, n: usize) -> Result<Cow<'_, SearchPage>> {
        let page = &self.pages[n];
        let Some(spilled) = &self.spilled else {
            return Ok(Cow::Borrowed(page));
        };
        let mut page = page.clone();
        spilled.fill(n, &mut page)?;
        Ok(Cow::Owned(page))
    }
}

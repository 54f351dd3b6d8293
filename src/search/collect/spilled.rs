//! A corpus whose pages went to the build's scratch file (`fs::spill`) as
//! they were collected: a one-shot build holds a place and a section count
//! per page, and reads a page back whole (`Corpus::page`) when it builds the
//! dictionary, indexes the page, writes its fragment and lists its facets.

use super::{Corpus, SearchPage};
use crate::fs::spill::{Blob, Spill};
use anyhow::{Context, Result};
use std::borrow::Cow;
use std::sync::Arc;

/// Where each page is: `blobs[n]` holds page `n`, which has `sections[n]` sections.
#[derive(Debug, Clone)]
pub struct Spilled {
    store: Arc<Spill>,
    blobs: Vec<Blob>,
    sections: Vec<u32>,
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
            sections: Vec::new(),
        }
    }

    /// Moves the page to the store.
    pub fn push(&mut self, page: &SearchPage) -> Result<()> {
        let bytes = serde_json::to_vec(page)?;
        self.blobs.push(self.store.put(&bytes)?);
        self.sections.push(page.sections.len() as u32);
        Ok(())
    }
}

impl Corpus {
    /// How many pages the corpus has.
    pub fn len(&self) -> usize {
        self.spilled
            .as_ref()
            .map_or(self.pages.len(), |s| s.blobs.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many section records page `n` has.
    pub fn sections_of(&self, n: usize) -> usize {
        match &self.spilled {
            Some(s) => s.sections[n] as usize,
            None => self.pages[n].sections.len(),
        }
    }

    /// Page `n` as the bytes it is stored as: what a hash of the page's
    /// content reads without decoding it.
    pub fn page_bytes(&self, n: usize) -> Result<Vec<u8>> {
        match &self.spilled {
            Some(spilled) => spilled.store.get(spilled.blobs[n]),
            None => Ok(serde_json::to_vec(&self.pages[n])?),
        }
    }

    /// Page `n` whole, read back from the scratch file when it went there.
    pub fn page(&self, n: usize) -> Result<Cow<'_, SearchPage>> {
        let Some(spilled) = &self.spilled else {
            return Ok(Cow::Borrowed(&self.pages[n]));
        };
        let bytes = spilled.store.get(spilled.blobs[n])?;
        let page = serde_json::from_slice(&bytes)
            .context("the build's scratch file holds a search page that does not read back")?;
        Ok(Cow::Owned(page))
    }
}

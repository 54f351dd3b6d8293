//! A build's spill store: large texts that a one-shot build needs again later
//! (a page's rendered body, a search page's text) written to one anonymous
//! file in the system's temporary directory (`TMPDIR`) and read back when
//! needed, so memory holds an offset per text instead of the text. The file
//! has no name: the operating system removes it when the build ends, however
//! it ends (killed included), so nothing is left to sweep. Safe to share
//! between threads: each text gets its own range, written and read with
//! positioned I/O.

use anyhow::{bail, Context, Result};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// A text in the store: where it lies in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Blob {
    offset: u64,
    len: u64,
}

/// The store: one file, appended to by any thread.
#[derive(Debug)]
pub struct Spill {
    file: File,
    /// Where the file lives, for error messages.
    base: PathBuf,
    /// The end of the last range handed out.
    end: AtomicU64,
}

impl Spill {
    /// A store in the system's temporary directory.
    pub fn create() -> Result<Spill> {
        Spill::create_in(&std::env::temp_dir())
    }

    /// A store in `base`, which must exist.
    pub fn create_in(base: &Path) -> Result<Spill> {
        let file = tempfile::tempfile_in(base).with_context(|| {
            format!(
                "cannot create the build's scratch file in {} (set TMPDIR to a folder with room)",
                base.display()
            )
        })?;
        Ok(Spill {
            file,
            base: base.to_path_buf(),
            end: AtomicU64::new(0),
        })
    }

    /// Writes `bytes` and returns where they are.
    pub fn put(&self, bytes: &[u8]) -> Result<Blob> {
        let len = bytes.len() as u64;
        let offset = self.end.fetch_add(len, Ordering::Relaxed);
        write_at(&self.file, bytes, offset).with_context(|| {
            format!(
                "cannot write the build's scratch file in {}",
                self.base.display()
            )
        })?;
        Ok(Blob { offset, len })
    }

    /// Reads back what `put` wrote.
    pub fn get(&self, blob: Blob) -> Result<Vec<u8>> {
        if blob.offset + blob.len > self.end.load(Ordering::Relaxed) {
            bail!("the build's scratch file does not hold the text asked for");
        }
        let mut buffer = vec![0; blob.len as usize];
        read_at(&self.file, &mut buffer, blob.offset).with_context(|| {
            format!(
                "cannot read back the build's scratch file in {}",
                self.base.display()
            )
        })?;
        Ok(buffer)
    }

    /// How many bytes the store holds.
    pub fn len(&self) -> u64 {
        self.end.load(Ordering::Relaxed)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Texts packed into one blob and unpacked again: each as its length (eight
/// bytes, little-endian) and its bytes.
#[derive(Debug, Default)]
pub struct Packer(Vec<u8>);

impl Packer {
    pub fn text(&mut self, text: &str) -> &mut Self {
        self.0.extend_from_slice(&(text.len() as u64).to_le_bytes());
        self.0.extend_from_slice(text.as_bytes());
        self
    }

    pub fn bytes(&self) -> &[u8] {
        &self.0
    }
}

/// Reads the texts a `Packer` wrote, in order.
pub struct Unpacker {
    bytes: Vec<u8>,
    at: usize,
}

impl Unpacker {
    pub fn new(bytes: Vec<u8>) -> Unpacker {
        Unpacker { bytes, at: 0 }
    }

    pub fn text(&mut self) -> Result<String> {
        let Some(head) = self.bytes.get(self.at..self.at + 8) else {
            bail!("the build's scratch file holds a cut-off text");
        };
        let len = u64::from_le_bytes(head.try_into().expect("eight bytes")) as usize;
        let start = self.at + 8;
        let Some(text) = self.bytes.get(start..start.saturating_add(len)) else {
            bail!("the build's scratch file holds a cut-off text");
        };
        let text = std::str::from_utf8(text)
            .context("the build's scratch file holds a text that is not UTF-8")?
            .to_string();
        self.at = start + len;
        Ok(text)
    }

    /// Whether every text has been read.
    pub fn is_done(&self) -> bool {
        self.at == self.bytes.len()
    }
}

#[cfg(unix)]
fn write_at(file: &File, bytes: &[u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(file, bytes, offset)
}

#[cfg(unix)]
fn read_at(file: &File, buffer: &mut [u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buffer, offset)
}

#[cfg(windows)]
fn write_at(file: &File, mut bytes: &[u8], mut offset: u64) -> std::io::Result<()> {
    use std::os::windows::fs::FileExt;
    while !bytes.is_empty() {
        match file.seek_write(bytes, offset)? {
            0 => return Err(std::io::ErrorKind::WriteZero.into()),
            n => {
                bytes = &bytes[n..];
                offset += n as u64;
            }
        }
    }
    Ok(())
}

#[cfg(windows)]
fn read_at(file: &File, mut buffer: &mut [u8], mut offset: u64) -> std::io::Result<()> {
    use std::os::windows::fs::FileExt;
    while !buffer.is_empty() {
        match file.seek_read(buffer, offset)? {
            0 => return Err(std::io::ErrorKind::UnexpectedEof.into()),
            n => {
                buffer = &mut buffer[n..];
                offset += n as u64;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rayon::prelude::*;

    #[test]
    fn texts_read_back_as_written_from_any_thread() {
        let spill = Spill::create().unwrap();
        let texts: Vec<String> = (0..200)
            .map(|i| format!("{i}: wijkteam {}", "é".repeat(i)))
            .collect();
        let blobs: Vec<Blob> = texts
            .par_iter()
            .map(|t| spill.put(t.as_bytes()).unwrap())
            .collect();
        for (text, blob) in texts.iter().zip(&blobs).rev() {
            assert_eq!(spill.get(*blob).unwrap(), text.as_bytes());
        }
        let empty = spill.put(b"").unwrap();
        assert_eq!(spill.get(empty).unwrap(), b"");
        assert_eq!(
            spill.len(),
            texts.iter().map(|t| t.len() as u64).sum::<u64>()
        );
    }

    #[test]
    fn packed_texts_unpack_in_order_and_a_cut_one_is_an_error() {
        let mut packer = Packer::default();
        packer.text("<p>Zaanstad</p>").text("").text("Zaanstad");
        let mut unpacker = Unpacker::new(packer.bytes().to_vec());
        assert_eq!(unpacker.text().unwrap(), "<p>Zaanstad</p>");
        assert_eq!(unpacker.text().unwrap(), "");
        assert!(!unpacker.is_done());
        assert_eq!(unpacker.text().unwrap(), "Zaanstad");
        assert!(unpacker.is_done());
        let cut = packer.bytes()[..packer.bytes().len() - 1].to_vec();
        let mut unpacker = Unpacker::new(cut);
        unpacker.text().unwrap();
        unpacker.text().unwrap();
        let err = unpacker.text().unwrap_err().to_string();
        assert_eq!(err, "the build's scratch file holds a cut-off text");
    }

    #[test]
    fn a_missing_folder_and_a_range_never_written_are_errors() {
        let base = tempfile::tempdir().unwrap();
        let missing = base.path().join("weg");
        let err = format!("{:#}", Spill::create_in(&missing).unwrap_err());
        assert!(
            err.starts_with(&format!(
                "cannot create the build's scratch file in {} (set TMPDIR to a folder with room): ",
                missing.display()
            )),
            "{err}"
        );
        let spill = Spill::create_in(base.path()).unwrap();
        let blob = spill.put(b"abc").unwrap();
        let beyond = Blob {
            offset: blob.offset + 1,
            len: blob.len,
        };
        assert_eq!(
            spill.get(beyond).unwrap_err().to_string(),
            "the build's scratch file does not hold the text asked for"
        );
    }

    #[cfg(unix)]
    #[test]
    fn the_file_has_no_name_so_nothing_is_left_behind() {
        let base = tempfile::tempdir().unwrap();
        let spill = Spill::create_in(base.path()).unwrap();
        spill.put(&vec![7u8; 1 << 16]).unwrap();
        // Nothing to sweep while it is in use, nor after a kill.
        assert_eq!(std::fs::read_dir(base.path()).unwrap().count(), 0);
        drop(spill);
        assert_eq!(std::fs::read_dir(base.path()).unwrap().count(), 0);
    }
}

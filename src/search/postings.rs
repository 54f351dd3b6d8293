//! Reading the tantivy index for the client export: every segment's inverted
//! indexes, field norms and `record` fast field, opened once, and one term's
//! postings from all of them in record order, pages and sections apart. How
//! the client reads them is `encode`'s; which terms go in which file, `export`'s.

use super::index::{SearchIndex, SECTION_BIT};
use anyhow::Result;
use std::sync::Arc;
use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::Postings;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::termdict::TermMerger;
use tantivy::{DocSet, InvertedIndexReader, Term, TERMINATED};

/// One record's posting of a term: (page or section number, term frequency,
/// field-norm id, positions).
pub type Posting = (u64, u32, u8, Vec<u32>);

/// Postings of one term in one field, pages and sections apart.
#[derive(Default)]
pub struct FieldPostings {
    pub pages: Vec<Posting>,
    pub sections: Vec<Posting>,
}

/// The readers of one segment that the export needs.
struct SegmentPostings {
    records: tantivy::columnar::Column<u64>,
    inverted: Vec<Arc<InvertedIndexReader>>,
    norms: Vec<FieldNormReader>,
}

/// Every segment of the index, opened for reading postings of some fields
/// (the text fields, or the pair fields), with the statistics BM25 needs
/// from all of them.
pub struct Segments {
    segments: Vec<SegmentPostings>,
    fields: Vec<Field>,
    /// What each posting is read with: positions for the text fields only.
    option: IndexRecordOption,
    /// Records (pages and sections) in the index.
    pub docs: u64,
    /// Tokens per field, in the order of the fields opened.
    pub tokens: Vec<u64>,
}

impl Segments {
    /// The text fields (`FIELDS`), with positions.
    pub fn open(ix: &SearchIndex) -> Result<Segments> {
        Segments::of(
            ix,
            &ix.fields.text,
            IndexRecordOption::WithFreqsAndPositions,
        )
    }

    /// `fields`, their postings read with `option`.
    pub fn of(ix: &SearchIndex, fields: &[Field], option: IndexRecordOption) -> Result<Segments> {
        let searcher = ix.reader.searcher();
        let mut tokens = vec![0u64; fields.len()];
        let mut docs = 0u64;
        let mut segments = Vec::new();
        for segment in searcher.segment_readers() {
            docs += u64::from(segment.max_doc());
            let mut inverted = Vec::new();
            let mut norms = Vec::new();
            for (fi, field) in fields.iter().enumerate() {
                let reader = segment.inverted_index(*field)?;
                tokens[fi] += reader.total_num_tokens();
                inverted.push(reader);
                norms.push(segment.get_fieldnorms_reader(*field)?);
            }
            segments.push(SegmentPostings {
                records: segment.fast_fields().u64("record")?,
                inverted,
                norms,
            });
        }
        Ok(Segments {
            segments,
            fields: fields.to_vec(),
            option,
            docs,
            tokens,
        })
    }

    /// Every term of field `fi` (in the order the fields were opened), over
    /// all segments, in term order.
    pub fn terms(&self, fi: usize) -> Result<TermMerger<'_>> {
        let streams = self
            .segments
            .iter()
            .map(|s| s.inverted[fi].terms().stream())
            .collect::<std::io::Result<Vec<_>>>()?;
        Ok(TermMerger::new(streams))
    }

    /// One term's postings in every field, from every segment, in record order.
    pub fn postings(&self, term: &str) -> Result<Vec<FieldPostings>> {
        let mut out: Vec<FieldPostings> = (0..self.fields.len())
            .map(|_| FieldPostings::default())
            .collect();
        for segment in &self.segments {
            for (fi, field) in self.fields.iter().enumerate() {
                let inverted = &segment.inverted[fi];
                let Some(info) = inverted.get_term_info(&Term::from_field_text(*field, term))?
                else {
                    continue;
                };
                let mut postings = inverted.read_postings_from_terminfo(&info, self.option)?;
                let mut doc = postings.doc();
                while doc != TERMINATED {
                    let mut positions = Vec::new();
                    postings.positions(&mut positions);
                    let record = segment.records.first(doc).unwrap_or(0);
                    let item = (
                        record & !SECTION_BIT,
                        postings.term_freq(),
                        segment.norms[fi].fieldnorm_id(doc),
                        positions,
                    );
                    if record & SECTION_BIT == 0 {
                        out[fi].pages.push(item);
                    } else {
                        out[fi].sections.push(item);
                    }
                    doc = postings.advance();
                }
            }
        }
        for f in &mut out {
            f.pages.sort_by_key(|p| p.0);
            f.sections.sort_by_key(|p| p.0);
        }
        Ok(out)
    }
}

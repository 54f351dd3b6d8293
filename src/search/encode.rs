//! How the client index writes postings: varints in the URL-safe base-64
//! alphabet, page postings, section postings with
//! their page, positions apart, and one term's postings in every field as the
//! JSON a term chunk holds. Reading them from tantivy is `postings`'.

use super::postings::{FieldPostings, Posting};
use serde_json::{json, Value};

/// The digits of the index's varints and fixed-width numbers.
pub const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Characters of the code `four_digits` makes.
pub const CODE_CHARS: usize = 4;

/// `CODE_CHARS` base-64 digits from a digest's first three bytes: the code
/// of a term chunk's files and of a large site's fragment files.
pub fn four_digits(digest: &[u8]) -> String {
    let bits = u32::from(digest[0]) << 16 | u32::from(digest[1]) << 8 | u32::from(digest[2]);
    (0..CODE_CHARS)
        .map(|i| ALPHABET[((bits >> (6 * i)) & 63) as usize] as char)
        .collect()
}

/// Appends `n` as a varint in the URL-safe base64 alphabet: five data bits
/// per character, the sixth set on every character but the last.
pub fn varint(out: &mut String, mut n: u64) {
    loop {
        let low = (n & 31) as usize;
        n >>= 5;
        if n == 0 {
            out.push(ALPHABET[low] as char);
            return;
        }
        out.push(ALPHABET[low | 32] as char);
    }
}

/// Page postings as varints (page delta, tf, field-norm id); positions apart.
pub(super) fn encode_postings(list: &[Posting]) -> (String, String) {
    let mut docs = String::new();
    let mut positions = String::new();
    let mut last = 0;
    for (n, tf, norm, pos) in list {
        varint(&mut docs, n - last);
        varint(&mut docs, u64::from(*tf));
        varint(&mut docs, u64::from(*norm));
        last = *n;
        varint(&mut positions, pos.len() as u64);
        let mut prev = 0;
        for p in pos {
            varint(&mut positions, u64::from(p - prev));
            prev = *p;
        }
    }
    (docs, positions)
}

/// Section postings as varints: `page delta * 8 + min(local index, 7)`
/// (then `local index - 7` when it is 7 or more), tf, field-norm id; the
/// client ranks pages by their best section, so it needs each section's page
/// without a table. Positions apart, as for pages.
pub(super) fn encode_section_postings(
    list: &[Posting],
    first_sections: &[usize],
) -> (String, String) {
    let mut docs = String::new();
    let mut positions = String::new();
    let mut last_page = 0u64;
    for (n, tf, norm, pos) in list {
        let number = *n as usize;
        let page = page_of(first_sections, *n);
        let local = (number - first_sections.get(page).copied().unwrap_or(0)) as u64;
        let page = page as u64;
        varint(&mut docs, (page - last_page) * 8 + local.min(7));
        if local >= 7 {
            varint(&mut docs, local - 7);
        }
        varint(&mut docs, u64::from(*tf));
        varint(&mut docs, u64::from(*norm));
        last_page = page;
        varint(&mut positions, pos.len() as u64);
        let mut prev = 0;
        for p in pos {
            varint(&mut positions, u64::from(p - prev));
            prev = *p;
        }
    }
    (docs, positions)
}

/// The page of section record `number` (`first_sections[page]` is each page's first).
pub fn page_of(first_sections: &[usize], number: u64) -> usize {
    first_sections
        .partition_point(|&s| s <= number as usize)
        .saturating_sub(1)
}

/// A term's postings as the client reads them.
#[derive(Clone)]
pub struct Encoded {
    /// Per field: page and section postings.
    pub docs: Value,
    /// Per field: their positions.
    pub positions: Value,
    /// The characters the term adds to a chunk.
    pub size: usize,
    /// Records (pages and sections) with the term, summed over the fields:
    /// the client's `docFreq`, tantivy's document frequency.
    pub df: u64,
}

/// `None` for a term with no postings in any field.
pub fn encode_term(
    term: &str,
    fields: &[FieldPostings],
    first_sections: &[usize],
) -> Option<Encoded> {
    let mut docs = serde_json::Map::new();
    let mut positions = serde_json::Map::new();
    let mut size = term.len();
    let mut df = 0;
    for (fi, f) in fields.iter().enumerate() {
        if f.pages.is_empty() && f.sections.is_empty() {
            continue;
        }
        df += (f.pages.len() + f.sections.len()) as u64;
        let (pd, pp) = encode_postings(&f.pages);
        let (sd, sp) = encode_section_postings(&f.sections, first_sections);
        size += pd.len() + sd.len() + 12;
        docs.insert(fi.to_string(), json!([pd, sd]));
        positions.insert(fi.to_string(), json!([pp, sp]));
    }
    if docs.is_empty() {
        return None;
    }
    Some(Encoded {
        docs: Value::Object(docs),
        positions: Value::Object(positions),
        size,
        df,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_use_five_bits_per_character() {
        let mut s = String::new();
        for n in [0, 31, 32, 1000] {
            varint(&mut s, n);
        }
        assert_eq!(s, "AfgBof");
    }
}

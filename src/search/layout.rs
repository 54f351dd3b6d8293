//! How the client index is cut into files, so a query costs few round trips:
//! term chunks by surface range with their boundaries placed between words
//! that are not forms of one another, and the facet lists inside the
//! manifest when they are small. What goes into each file is `export`'s.

use serde_json::Value;

/// A term chunk may close once its text passes this many bytes. Measured
/// against 16 KB (BENCHMARKS, nineteenth round): a first query reads 22 %
/// fewer bytes on the bundled site and 10 % fewer at 10,000 documents, for
/// 0.3 and 1.2 more files and as many round trips.
pub const CHUNK_BYTES: usize = 8 * 1024;
/// A chunk that reaches this many bytes closes at the next surface, whatever
/// it shares with the one before.
pub const CHUNK_MAX_BYTES: usize = 2 * CHUNK_BYTES;
/// Letters two neighbouring surfaces must share at their start to be kept in
/// one chunk (fewer if the first is shorter): `kind` and `kinderen`, `straat`
/// and `straten`, `moeder` and `moeders` stay together, so the client finds a
/// word's other forms in the chunk it already loads for the word.
pub const FORM_PREFIX: usize = 4;
/// Facet lists, and the table of which file holds each result record, up to
/// this many bytes of JSON go inside the manifest, which every page loads
/// with the page; larger ones get a file of their own, which a search loads
/// with its term chunks.
pub const INLINE_BYTES: usize = 8 * 1024;

/// Whether a chunk may close between `before` and `after` (sorted
/// neighbours): not while they share their first `FORM_PREFIX` letters, or
/// all of a shorter `before`.
pub fn may_break(before: &str, after: &str) -> bool {
    let shared = before
        .chars()
        .zip(after.chars())
        .take_while(|(a, b)| a == b)
        .count();
    shared < FORM_PREFIX.min(before.chars().count())
}

/// Whether a chunk holding `total` bytes closes before `surface`, which
/// follows `previous` in sorted order: once past `CHUNK_BYTES` at a break
/// between words (`may_break`), past `CHUNK_MAX_BYTES` anywhere.
pub fn closes(total: usize, previous: Option<&str>, surface: &str) -> bool {
    total > CHUNK_BYTES
        && (total > CHUNK_MAX_BYTES || previous.is_none_or(|p| may_break(p, surface)))
}

/// Cuts sorted items into chunks: `size(i)` is what item `i` adds to the
/// chunk it joins (`new_chunk` says whether it starts one, for items whose
/// size counts once per chunk), `key(i)` its surface. Returns the index of
/// each chunk's first item.
pub fn chunk_starts(
    count: usize,
    key: impl Fn(usize) -> String,
    mut size: impl FnMut(usize, bool) -> usize,
) -> Vec<usize> {
    let mut starts = vec![0];
    let mut total = 0;
    let mut previous: Option<String> = None;
    for i in 0..count {
        let surface = key(i);
        let full = closes(total, previous.as_deref(), &surface);
        if full {
            starts.push(i);
            total = 0;
        }
        total += size(i, full || i == 0);
        previous = Some(surface);
    }
    starts
}

/// A manifest entry (`facets`, `fragmentRecords`): the data itself when
/// small, else the name of the file that `write` stores it in.
pub fn manifest_entry<E>(
    data: Value,
    write: impl FnOnce(Value) -> Result<String, E>,
) -> Result<Value, E> {
    if data.to_string().len() <= INLINE_BYTES {
        Ok(data)
    } else {
        write(data).map(Value::String)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn forms_of_a_word_are_not_split() {
        assert!(!may_break("moeder", "moeders"));
        assert!(!may_break("kind", "kinderen"));
        assert!(!may_break("straat", "straten"));
        assert!(!may_break("weg", "wegen"));
        assert!(may_break("moeders", "moeilijk"));
        assert!(may_break("wijk", "wil"));
    }

    #[test]
    fn a_full_chunk_closes_between_words_and_not_between_forms() {
        let words = ["aaa", "moeder", "moeders", "moederschap", "zon"];
        // "moeder" fills the first chunk; its forms follow it there.
        let sizes = [10, CHUNK_BYTES, 10, 10, 10];
        let starts = chunk_starts(words.len(), |i| words[i].to_string(), |i, _| sizes[i]);
        assert_eq!(starts, vec![0, 4]);
    }

    #[test]
    fn a_chunk_past_its_maximum_closes_anyway() {
        let words = ["moeder", "moeders", "moederschap"];
        let sizes = [CHUNK_MAX_BYTES + 1, 10, 10];
        let starts = chunk_starts(words.len(), |i| words[i].to_string(), |i, _| sizes[i]);
        assert_eq!(starts, vec![0, 1]);
    }

    #[test]
    fn small_entries_go_inside_the_manifest() {
        let small = json!({"kind": [["a", "A", 1, "B"]]});
        let inline: Result<Value, ()> = manifest_entry(small.clone(), |_| unreachable!());
        assert_eq!(inline, Ok(small));
        let big = json!({"kind": "x".repeat(INLINE_BYTES)});
        let named: Result<Value, ()> = manifest_entry(big, |_| Ok("facets-1.js".into()));
        assert_eq!(named, Ok(json!("facets-1.js")));
    }
}

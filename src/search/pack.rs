//! Which result records share a fragment file: records found together are
//! stored together, so a query's results need few files. Records (a page's
//! sections, its opening included, or a page without sections) that share
//! rare words (used by few records) are grouped greedily; what a group's
//! file holds and how it is named is `fragments`'.

use std::collections::HashMap;

/// Records per fragment file at most.
pub const GROUP_RECORDS: usize = 12;
/// A word used by more records than this says little about what they share.
pub const MAX_SHARED_RECORDS: usize = 16;
/// Sites of more pages than this keep one page per fragment file: on the
/// synthetic site of 10,000 pages (bench/synth.py, sentences drawn at random,
/// so no topics) grouping pages saved no request and added 8 % to a query's
/// bytes (BENCHMARKS.md); on the bundled site grouping records saves a
/// quarter of the requests and half the bytes of one page per file.
pub const MAX_GROUPED_SITE: usize = 2_000;

/// Groups items `0..pages` (records) into groups of at most `size`, in
/// order of their first item: each group starts at the lowest item left and
/// takes, one at a time, the item left that shares the most weight with its
/// members (ties to the lower item); a group stops early when no item left
/// shares anything. `shared` lists rare words as (weight, items using it),
/// in a fixed order.
pub fn groups(pages: usize, shared: &[(f64, Vec<u32>)], size: usize) -> Vec<Vec<u32>> {
    let mut neighbours: Vec<HashMap<u32, f64>> = vec![HashMap::new(); pages];
    for (weight, list) in shared {
        for &a in list {
            for &b in list {
                if a != b && (a as usize) < pages {
                    *neighbours[a as usize].entry(b).or_default() += weight;
                }
            }
        }
    }
    let mut taken = vec![false; pages];
    let mut out = Vec::new();
    for seed in 0..pages {
        if taken[seed] {
            continue;
        }
        taken[seed] = true;
        let mut members = vec![seed as u32];
        let mut pull: HashMap<u32, f64> = HashMap::new();
        let mut last = seed;
        while members.len() < size.max(1) {
            for (&n, &w) in &neighbours[last] {
                if !taken.get(n as usize).copied().unwrap_or(true) {
                    *pull.entry(n).or_default() += w;
                }
            }
            let best = pull
                .iter()
                .filter(|(n, _)| !taken[**n as usize])
                .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(a.0)))
                .map(|(n, _)| *n);
            let Some(next) = best else { break };
            taken[next as usize] = true;
            pull.remove(&next);
            members.push(next);
            last = next as usize;
        }
        members.sort_unstable();
        out.push(members);
    }
    out
}

/// Each item's group number, from `groups`' output.
pub fn group_of(pages: usize, groups: &[Vec<u32>]) -> Vec<usize> {
    let mut out = vec![0; pages];
    for (g, members) in groups.iter().enumerate() {
        for &p in members {
            out[p as usize] = g;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_that_share_rare_words_share_a_group() {
        // 0, 2 and 4 share one word, 1 and 3 another; 5 shares nothing.
        let shared = vec![(2.0, vec![0, 2, 4]), (1.0, vec![1, 3])];
        assert_eq!(
            groups(6, &shared, 3),
            vec![vec![0, 2, 4], vec![1, 3], vec![5]]
        );
    }

    #[test]
    fn a_group_takes_the_page_that_shares_most_and_stops_at_its_size() {
        // 0 shares more with 3 than with 1; 2 ties with 1 and loses to the lower page.
        let shared = vec![(3.0, vec![0, 3]), (1.0, vec![0, 1]), (1.0, vec![0, 2])];
        assert_eq!(groups(4, &shared, 2), vec![vec![0, 3], vec![1], vec![2]]);
        assert_eq!(groups(4, &shared, 3), vec![vec![0, 1, 3], vec![2]]);
    }

    #[test]
    fn every_page_is_in_exactly_one_group() {
        let shared = vec![(1.0, vec![0, 1, 2, 3, 4, 5, 6, 7, 8, 9])];
        let g = groups(10, &shared, 4);
        assert_eq!(g.iter().map(Vec::len).collect::<Vec<_>>(), vec![4, 4, 2]);
        let of = group_of(10, &g);
        for (n, group) in of.iter().enumerate() {
            assert!(g[*group].contains(&(n as u32)));
        }
    }
}

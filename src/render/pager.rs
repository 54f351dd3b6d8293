//! Where a page of a long listing is among its pages: the numbers, the
//! previous and next page, and links to the first, the last and the pages
//! around this one. Pure: template data from numbers and the URL scheme.

use crate::config::{urls, Kind};
use serde::Serialize;

/// One page of a listing longer than `[site] listing_page_size`.
#[derive(Debug, Serialize)]
pub struct Pager {
    /// This page's number, from 1.
    pub number: usize,
    /// How many pages the listing has.
    pub count: usize,
    /// How many documents it lists in all.
    pub total: usize,
    /// The positions (from 1) of this page's first and last document.
    pub first: usize,
    pub last: usize,
    pub previous: Option<String>,
    pub next: Option<String>,
    /// The first page, the last, and the two either side of this one.
    pub links: Vec<PagerLink>,
}

#[derive(Debug, Serialize)]
pub struct PagerLink {
    pub number: usize,
    pub url: String,
    pub current: bool,
    /// Pages are left out between the previous link and this one.
    pub gap_before: bool,
}

/// Page `number` of the `count` pages of the listing of `kind`, which lists
/// `total` documents; this page shows `shown` of them from position `start` (from 0).
pub fn pager(
    kind: &Kind,
    number: usize,
    count: usize,
    total: usize,
    start: usize,
    shown: usize,
) -> Pager {
    let link = |n: usize| urls::listing_page(kind, n);
    let mut numbers: Vec<usize> = vec![1, count];
    numbers.extend(number.saturating_sub(2).max(1)..=(number + 2).min(count));
    numbers.sort_unstable();
    numbers.dedup();
    let links = numbers
        .iter()
        .enumerate()
        .map(|(i, &n)| PagerLink {
            number: n,
            url: link(n),
            current: n == number,
            gap_before: i > 0 && n > numbers[i - 1] + 1,
        })
        .collect();
    Pager {
        number,
        count,
        total,
        first: start + 1,
        last: start + shown,
        previous: (number > 1).then(|| link(number - 1)),
        next: (number < count).then(|| link(number + 1)),
        links,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(pager: &Pager) -> Vec<(usize, bool, bool)> {
        pager
            .links
            .iter()
            .map(|l| (l.number, l.current, l.gap_before))
            .collect()
    }

    #[test]
    fn a_pager_links_the_ends_and_the_pages_around_this_one() {
        let kind = crate::render::listing::tests::kind(Vec::new(), None, None);
        let p = pager(&kind, 5, 10, 95, 40, 10);
        assert_eq!((p.first, p.last, p.total), (41, 50, 95));
        assert_eq!(p.previous.as_deref(), Some("verhalen/pagina/4.html"));
        assert_eq!(p.next.as_deref(), Some("verhalen/pagina/6.html"));
        assert_eq!(
            numbers(&p),
            [
                (1, false, false),
                (3, false, true),
                (4, false, false),
                (5, true, false),
                (6, false, false),
                (7, false, false),
                (10, false, true)
            ]
        );
        assert_eq!(p.links[0].url, "verhalen/index.html");
        let first = pager(&kind, 1, 2, 15, 0, 10);
        assert_eq!(
            (first.previous.as_deref(), first.next.as_deref()),
            (None, Some("verhalen/pagina/2.html"))
        );
        assert_eq!(numbers(&first), [(1, true, false), (2, false, false)]);
        let last = pager(&kind, 2, 2, 15, 10, 5);
        assert_eq!((last.first, last.last, last.next), (11, 15, None));
    }
}

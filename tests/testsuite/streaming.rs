//! A build puts each page into its sink as soon as it is rendered (issue 14):
//! it holds the pages being rendered, never all of them, so memory does not
//! grow with the number of pages on top of the site itself.

use crate::harness::SiteTest;
use kennisbank::output::sink::Sink;
use kennisbank::render::{self, OutputFile};
use kennisbank::{build, config};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Escapes done so far by the test's templates: each page escapes its title
/// at least, so the count grows as pages are rendered.
static ESCAPES: AtomicUsize = AtomicUsize::new(0);

fn counting_escape(text: &str) -> String {
    ESCAPES.fetch_add(1, Ordering::SeqCst);
    tera::escape_html(text)
}

/// Notes, for each page put, how many escapes had been done by then.
#[derive(Default)]
struct Observer(Mutex<Vec<(String, usize)>>);

impl Sink for Observer {
    fn put(&self, file: OutputFile) -> anyhow::Result<()> {
        if file.rel_path.ends_with(".html") || file.rel_path.ends_with(".xml") {
            let escapes = ESCAPES.load(Ordering::SeqCst);
            self.0.lock().unwrap().push((file.rel_path, escapes));
        }
        Ok(())
    }
}

#[test]
fn each_page_is_put_before_the_next_one_is_rendered() {
    let site = SiteTest::fixture("basic");
    let config = config::load(site.root()).unwrap();
    let assembled = build::site_only(&config).unwrap();
    let mut tera = render::load_templates(&config).unwrap();
    tera.set_escape_fn(counting_escape);
    let sink = Observer::default();
    // One rendering thread, so "before the next one" is well defined.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let (diagnostics, error) = pool.install(|| render::render_into(&assembled, &tera, &sink));
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert!(error.is_none());
    let seen = sink.0.into_inner().unwrap();
    assert!(seen.len() > assembled.pages.len(), "{seen:?}");
    // Were the pages held until all were rendered, every put would see the
    // same count; streamed, each put sees the rendering of its own page.
    for pair in seen.windows(2) {
        assert!(pair[0].1 < pair[1].1, "{} was held: {seen:?}", pair[1].0);
    }
}

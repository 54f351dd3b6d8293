//! An incremental rebuild against a fresh build, edit after edit, on fixture sites.

use super::*;
use crate::build;

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).into_iter().flatten() {
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn materialise(outcome: &build::Outcome) -> Option<Vec<(String, Vec<u8>)>> {
    let files = outcome.files.as_ref()?;
    Some(
        files
            .iter()
            .map(|f| {
                let bytes = match &f.contents {
                    Contents::Bytes(b) => b.clone(),
                    Contents::Shared(b) => b.to_vec(),
                    Contents::Copy(p) => std::fs::read(p).unwrap(),
                    Contents::Joined(parts) => parts
                        .iter()
                        .flat_map(|p| std::fs::read(p).unwrap())
                        .collect(),
                };
                (f.rel_path.clone(), bytes)
            })
            .collect(),
    )
}

struct Site {
    dir: tempfile::TempDir,
    memo: Memo,
    config: Config,
}

impl Site {
    fn new() -> Site {
        Site::fixture("basic")
    }

    fn fixture(name: &str) -> Site {
        let dir = tempfile::tempdir().unwrap();
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        copy_dir(&repo.join("tests/fixtures").join(name), dir.path());
        copy_dir(
            &repo.join("themes/default"),
            &dir.path().join("themes/default"),
        );
        let config = crate::config::load(dir.path()).unwrap();
        Site {
            dir,
            memo: Memo::kept(),
            config,
        }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn write(&mut self, rel: &str, text: &str) {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        self.memo.content_changed(&path);
    }

    fn edit(&mut self, rel: &str, from: &str, to: &str) {
        let text = std::fs::read_to_string(self.path(rel)).unwrap();
        assert!(text.contains(from), "{rel} lacks {from:?}");
        self.write(rel, &text.replace(from, to));
    }

    fn rename(&mut self, from: &str, to: &str) {
        std::fs::rename(self.path(from), self.path(to)).unwrap();
        self.memo.content_changed(&self.path(from));
        self.memo.content_changed(&self.path(to));
    }

    fn remove(&mut self, rel: &str) {
        std::fs::remove_file(self.path(rel)).unwrap();
        self.memo.content_changed(&self.path(rel));
    }

    /// Rebuilds incrementally and checks the result against a fresh build.
    fn expect_same_as_full(&mut self, step: &str) -> bool {
        let mut incremental = build::run_with(&self.config, false, &mut self.memo, &|_| {});
        // The search index, which `serve` makes off the reload path.
        if let (Some(files), Some(corpus)) =
            (&mut incremental.files, incremental.search_corpus.take())
        {
            files.extend(crate::search::export::export_corpus(corpus).unwrap());
            files.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
        }
        let full = build::run(&self.config, false);
        assert_eq!(
            incremental.diagnostics, full.diagnostics,
            "diagnostics differ after: {step}"
        );
        let (inc, full) = (materialise(&incremental), materialise(&full));
        assert_eq!(
            inc.is_some(),
            full.is_some(),
            "success differs after: {step}"
        );
        if let (Some(inc), Some(full)) = (inc, full) {
            assert_eq!(inc.len(), full.len(), "file count differs after: {step}");
            for ((ip, ib), (fp, fb)) in inc.iter().zip(&full) {
                assert_eq!(ip, fp, "file list differs after: {step}");
                assert!(ib == fb, "{ip} differs after: {step}");
            }
        }
        incremental.files.is_some()
    }
}

#[test]
fn every_rebuild_equals_a_full_build() {
    let mut site = Site::new();
    assert!(site.expect_same_as_full("first build"));
    let zaanstad = "content/gemeenten/zaanstad.md";
    site.edit(zaanstad, "rolt wijkteams uit", "rolt sociale wijkteams uit");
    assert!(site.expect_same_as_full("body change"));
    site.edit(
        zaanstad,
        "title: \"Zaanstad\"",
        "title: \"Gemeente Zaanstad\"",
    );
    assert!(site.expect_same_as_full("title change seen by links and backlinks"));
    site.edit("content/themas/toegang.md", "Toegang", "De toegang");
    assert!(site.expect_same_as_full("title of a wikilink target"));
    site.write(
        "content/verhalen/nieuw.md",
        "---\ntitle: \"Nieuw verhaal\"\ngemeente: zaanstad\n---\n\nOver [[toegang]].\n",
    );
    assert!(site.expect_same_as_full("add a document"));
    site.rename("content/verhalen/nieuw.md", "content/verhalen/hernoemd.md");
    assert!(site.expect_same_as_full("rename a document"));
    site.rename("content/themas/toegang.md", "content/themas/ingang.md");
    assert!(!site.expect_same_as_full("rename a link target: links break"));
    site.rename("content/themas/ingang.md", "content/themas/toegang.md");
    assert!(site.expect_same_as_full("rename it back"));
    site.edit(zaanstad, "summary: \"", "summary: [\"");
    assert!(!site.expect_same_as_full("break the front matter"));
    site.edit(zaanstad, "summary: [\"", "summary: \"");
    assert!(site.expect_same_as_full("fix the front matter"));
    site.remove("content/verhalen/buurtcoach.md");
    assert!(!site.expect_same_as_full("delete a linked document"));
    site.edit(
        "content/factsheets/zaanstad-2014.md",
        "Zie ook het [verhaal](../verhalen/buurtcoach.md#aanpak).",
        "Geen verhaal meer.",
    );
    assert!(site.expect_same_as_full("remove the link to it"));
    site.write("content/verhalen/kaart.png", "not really a png");
    site.edit(zaanstad, "Zie [[", "![Kaart](../verhalen/kaart.png) Zie [[");
    assert!(site.expect_same_as_full("add an asset and use it"));
    site.remove("content/verhalen/kaart.png");
    assert!(!site.expect_same_as_full("delete the asset"));
    site.write("content/verhalen/kaart.png", "another picture");
    assert!(site.expect_same_as_full("put it back, changed"));
    site.edit("content/themas/toegang.md", "title:", "draft: true\ntitle:");
    assert!(!site.expect_same_as_full("make a linked document a draft"));
    site.edit("content/themas/toegang.md", "draft: true\n", "");
    assert!(site.expect_same_as_full("publish it again"));
    let template = site.path("themes/default/templates/document.html");
    let text = std::fs::read_to_string(&template).unwrap();
    std::fs::write(
        &template,
        text.replacen("<article", "<article data-x=\"1\"", 1),
    )
    .unwrap();
    site.memo.templates_changed();
    assert!(site.expect_same_as_full("template change"));
    std::fs::write(
        &template,
        "{% extends \"base.html\" %}{% block content %}{{ doc.nope.x }}{% endblock content %}",
    )
    .unwrap();
    site.memo.templates_changed();
    assert!(!site.expect_same_as_full("broken template"));
    std::fs::write(&template, text).unwrap();
    site.memo.templates_changed();
    assert!(site.expect_same_as_full("template fixed"));
}

#[test]
fn comparison_timelines_and_exports_follow_factsheet_edits() {
    let mut site = Site::fixture("compare");
    assert!(site.expect_same_as_full("first build"));
    let sheet = "content/factsheets/zaanstad-2014.md";
    site.edit(sheet, "kv_sturing: 2", "kv_sturing: 4");
    assert!(site.expect_same_as_full("a score the timeline and exports show"));
    site.edit(sheet, "fase: uitrol", "fase: experiment");
    assert!(site.expect_same_as_full("an enum the timeline shows"));
    let text = std::fs::read_to_string(site.path(sheet)).unwrap();
    site.remove(sheet);
    assert!(!site.expect_same_as_full("a linked factsheet removed"));
    site.write(sheet, &text);
    assert!(site.expect_same_as_full("and put back"));
}

#[test]
fn unchanged_pages_are_not_rendered_again() {
    let mut site = Site::new();
    build::run_with(&site.config, false, &mut site.memo, &|_| {});
    let before: HashMap<String, Arc<[u8]>> = pages(&site.memo);
    site.edit("content/themas/toegang.md", "Hoe inwoners", "Hoe bewoners");
    build::run_with(&site.config, false, &mut site.memo, &|_| {});
    let after = pages(&site.memo);
    let mut rendered: Vec<&str> = after
        .iter()
        .filter(|(url, bytes)| !Arc::ptr_eq(bytes, &before[*url]))
        .map(|(url, _)| url.as_str())
        .collect();
    rendered.sort_unstable();
    assert_eq!(rendered, vec!["themas/toegang.html"]);
    // A title is shown by every page that links to the document or lists it,
    // and by the listings that filter by it (factsheets by theme).
    site.edit(
        "content/themas/toegang.md",
        "title: \"Toegang\"",
        "title: \"Ingang\"",
    );
    build::run_with(&site.config, false, &mut site.memo, &|_| {});
    let again = pages(&site.memo);
    let mut rendered: Vec<&str> = again
        .iter()
        .filter(|(url, bytes)| !Arc::ptr_eq(bytes, &after[*url]))
        .map(|(url, _)| url.as_str())
        .collect();
    rendered.sort_unstable();
    assert_eq!(
        rendered,
        vec![
            "factsheets/index.html",
            "factsheets/zaanstad-2014.html",
            "index.html",
            "themas/index.html",
            "themas/toegang.html",
            "verhalen/buurtcoach.html",
        ]
    );
}

fn pages(memo: &Memo) -> HashMap<String, Arc<[u8]>> {
    memo.pages
        .iter()
        .map(|(url, p)| (url.clone(), p.result.clone().unwrap()))
        .collect()
}

/// A one-shot build streams its pages: its memo holds nothing afterwards and
/// the outcome has the search index in it, while a kept memo holds every page
/// and hands the site and the search corpus to `serve`. That both give the
/// same bytes is `every_rebuild_equals_a_full_build`.
#[test]
fn a_one_shot_memo_keeps_nothing() {
    let mut site = Site::new();
    let kept = build::run_with(&site.config, false, &mut site.memo, &|_| {});
    let mut once = Memo::one_shot();
    let one_shot = build::run_with(&site.config, false, &mut once, &|_| {});
    assert!(site.memo.keeps() && !once.keeps());
    assert!(!pages(&site.memo).is_empty());
    assert!(!site.memo.parsed.is_empty());
    assert!(once.pages.is_empty() && once.parsed.is_empty());
    assert!(kept.site.is_some() && kept.search_corpus.is_some());
    assert!(one_shot.site.is_none() && one_shot.search_corpus.is_none());
    let search = |outcome: &build::Outcome| {
        let files = outcome.files.as_ref().unwrap();
        files
            .iter()
            .filter(|f| f.rel_path.starts_with("search/"))
            .count()
    };
    assert_eq!(search(&kept), 0);
    assert!(search(&one_shot) > 0);
}

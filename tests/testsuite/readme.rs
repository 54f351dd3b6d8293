//! The README's examples, run against the bundled knowledge base (issue 18,
//! item 22): every `kennisbank search` example finds something, the `new`
//! example shows the per-line comments the text describes, and the
//! continuation example carries one "Overgenomen uit" note and the new
//! measurement moment in its title.

use crate::harness::{repo, RunResult, SiteTest};

/// The command lines of the README's `sh` blocks that start with `prefix`,
/// split as a shell would, without the program name.
fn examples(prefix: &str) -> Vec<Vec<String>> {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let mut out = Vec::new();
    let mut in_sh = false;
    for line in readme.lines() {
        if line.starts_with("```") {
            in_sh = line == "```sh";
            continue;
        }
        if in_sh && line.starts_with(prefix) {
            let words = shlex::split(&line[prefix.len()..]).expect("shell words");
            out.push(words);
        }
    }
    out
}

fn run(site: &SiteTest, words: &[String]) -> RunResult {
    let args: Vec<&str> = words.iter().map(String::as_str).collect();
    site.run(&args)
}

#[test]
fn readme_search_examples_find_something() {
    let site = SiteTest::bundled();
    let lines = examples("kennisbank ");
    let searches: Vec<&Vec<String>> = lines.iter().filter(|w| w[0] == "search").collect();
    assert!(searches.len() >= 3, "{lines:?}");
    for words in searches {
        let run = run(&site, words).expect_success();
        if words.iter().any(|w| w == "--json") {
            let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
            assert!(
                json["total"].as_u64().unwrap() > 0,
                "{words:?}: {}",
                run.stdout
            );
        } else {
            assert!(
                !run.stdout.starts_with("No results"),
                "{words:?}: {}",
                run.stdout
            );
        }
    }
}

#[test]
fn readme_new_examples_show_what_the_text_says() {
    let site = SiteTest::bundled();
    let lines = examples("cargo run --release -- ");
    let news: Vec<&Vec<String>> = lines.iter().filter(|w| w[0] == "new").collect();
    assert_eq!(news.len(), 2, "{lines:?}");

    // `new KIND SLUG --set …`: every field line carries its comment, optional
    // fields are listed as comments.
    let out = run(&site, news[0]).expect_success();
    let path = out
        .stdout
        .trim()
        .strip_prefix("Created ")
        .unwrap()
        .to_string();
    let text = std::fs::read_to_string(&path).unwrap();
    let front: Vec<&str> = text.split("---\n").nth(1).unwrap().lines().collect();
    for line in &front {
        let is_field = !line.starts_with('#') && !line.starts_with("title:");
        assert!(
            !is_field || line.contains("  # "),
            "no comment: {line}\n{text}"
        );
    }
    assert!(
        front
            .iter()
            .any(|l| l.starts_with("# ") && l.contains(":  # ")),
        "{text}"
    );
    site.check().expect_success();

    // The continuation: one note on where it came from, the new moment in the title.
    let out = run(&site, news[1]).expect_success();
    let path = out
        .stdout
        .trim()
        .strip_prefix("Created ")
        .unwrap()
        .to_string();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("---\n# Overgenomen uit content/factsheets/zaanstad-2014.md: werk bij wat sinds meetronde 2014 veranderd is.\ntitle: \"Zaanstad 2015 (tweemeting)\"\n"), "{text}");
    site.check().expect_success();
    // Continued once more: still one note, naming the file it came from.
    site.run(&[
        "new",
        "factsheet",
        "--gemeente",
        "zaanstad",
        "--meting",
        "2016",
    ])
    .expect_success();
    let text = site.read("content/factsheets/zaanstad-2016.md");
    assert_eq!(text.matches("# Overgenomen uit").count(), 1, "{text}");
    assert!(text.contains("# Overgenomen uit content/factsheets/zaanstad-2015.md:"));
    assert!(
        text.contains("title: \"Zaanstad 2016 (tweemeting)\"\n"),
        "{text}"
    );

    // A municipality without an earlier factsheet, with a SLUG: started empty.
    site.run(&[
        "new",
        "factsheet",
        "dijk-en-waard-2015",
        "--gemeente",
        "dijk-en-waard",
        "--meting",
        "2015",
    ])
    .expect_success();
    let text = site.read("content/factsheets/dijk-en-waard-2015.md");
    assert!(
        text.contains("gemeente: dijk-en-waard  # Gemeente"),
        "{text}"
    );
    site.check().expect_success();
}

/// Every image the README shows is in the repository (the screenshots of
/// "Bijdragen zonder terminal" are made by `tests/e2e/edit.test.mjs`).
#[test]
fn readme_images_exist() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let mut images = 0;
    for part in readme.split("](").skip(1) {
        let target = part.split(')').next().unwrap();
        if target.ends_with(".png") {
            images += 1;
            assert!(
                repo().join(target).is_file(),
                "README shows {target}, which is missing"
            );
        }
    }
    assert!(images >= 3, "{images} images in the README");
}

//! The built site as a visitor's browser follows it, checked over its files
//! (`sitecheck`): every internal link and anchor of the bundled knowledge base
//! resolves, ids are unique, nothing inline that a strict CSP would block; and a
//! deliberately broken fixture makes the checker name each page and problem.

use crate::harness::{repo, SiteTest};
use crate::sitecheck::{check_html, check_site};

fn base_url(site: &SiteTest) -> String {
    let config: toml::Value = toml::from_str(&site.read("site.toml")).expect("site.toml parses");
    config["site"]["base_url"]
        .as_str()
        .expect("site.base_url")
        .to_string()
}

#[test]
fn bundled_site_has_no_broken_link_or_anchor() {
    let site = SiteTest::bundled();
    site.build().expect_success();
    let report = check_site(&site.path("public"), &base_url(&site));
    eprintln!(
        "{} pages, {} internal links, {} anchors checked",
        report.pages, report.links, report.anchors
    );
    assert!(report.pages > 100, "{report:?}");
    assert!(report.links > 1000 && report.anchors > 0, "{report:?}");
    assert!(
        report.problems.is_empty(),
        "{} problems in {} pages ({} internal links, {} anchors):\n{}",
        report.problems.len(),
        report.pages,
        report.links,
        report.anchors,
        report.problems.join("\n")
    );
}

#[test]
fn broken_fixture_names_each_page_and_problem() {
    let site = SiteTest::fixture("broken");
    site.build().expect_success();
    let report = check_site(&site.path("public"), &base_url(&site));
    assert_eq!(
        report.problems,
        [
            "gemeenten/zaanstad.html: duplicate id 'kb-verwijzingen' on 2 elements: a link or label to it is ambiguous",
            "verhalen/buurtcoach.html: broken link '../verhalen/bestaat-niet.html': verhalen/bestaat-niet.html does not exist",
            "verhalen/buurtcoach.html: broken anchor '#bestaat-niet': verhalen/buurtcoach.html has no element with id 'bestaat-niet'",
        ]
    );
}

#[test]
fn script_tag_in_a_title_is_escaped_by_the_build() {
    let run = SiteTest::fixture("broken").build().expect_success();
    let html = run.output("themas/script-in-titel.html");
    assert!(
        html.contains("<h1>&lt;script&gt;alert(&#39;kb&#39;)&lt;/script&gt; in een titel</h1>"),
        "{html}"
    );
    assert!(!html.contains("<script>alert"), "{html}");
    assert_eq!(
        check_html("themas/script-in-titel.html", &html),
        Vec::<String>::new()
    );
}

#[test]
fn unescaped_script_tag_in_raw_html_is_caught() {
    let html = std::fs::read_to_string(repo().join("tests/fixtures/raw-html/script-in-titel.html"))
        .unwrap();
    assert_eq!(
        check_html("script-in-titel.html", &html),
        ["script-in-titel.html: inline <script> 'alert('kb')': a strict Content-Security-Policy blocks it; move it to a file under static/"]
    );
}

#[test]
fn inline_style_handler_and_folder_link_are_caught() {
    let site = SiteTest::fixture("basic").write(
        "themes/default/templates/thema.html",
        "{% extends \"document.html\" %}{% block extra %}<p style=\"color: red\" onclick=\"go()\"><a href=\"{{ root }}verhalen/\">Verhalen</a> <a href=\"javascript:go()\">ga</a></p>{% endblock extra %}",
    );
    site.build().expect_success();
    let report = check_site(&site.path("public"), &base_url(&site));
    assert_eq!(
        report.problems,
        [
            "themas/toegang.html: inline event handler onclick=\"go()\" on <p>: a strict Content-Security-Policy blocks it",
            "themas/toegang.html: inline style=\"color: red\" on <p>: a strict Content-Security-Policy blocks it",
            "themas/toegang.html: link '../verhalen/' points to a folder; opened from disk that shows a file listing, so link to verhalen/index.html",
            "themas/toegang.html: <a> uses a javascript: URL, which a strict Content-Security-Policy blocks",
        ]
    );
}

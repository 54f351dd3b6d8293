//! Every kind of bad input gives `path:line:column: message` plus a hint, exit
//! code 1, and no output; all problems are reported in one run.

use crate::harness::{assert_contains, SiteTest};

fn factsheet(body: &str) -> String {
    format!("---\ntitle: \"Zaanstad, voorjaar 2014\"\n{body}---\n\nTekst.\n")
}

const GOOD_FIELDS: &str =
    "gemeente: zaanstad\npeildatum: \"2014\"\naantal_teams: 3\nfase: uitrol\nkv_sturing: 2\n";

#[test]
fn unknown_enum_value_lists_allowed_values() {
    SiteTest::fixture("basic")
        .write("content/factsheets/zaanstad-2014.md", &factsheet(&GOOD_FIELDS.replace("fase: uitrol", "fase: uitrrol")))
        .check()
        .expect_failure()
        .expect_diagnostics(
            "content/factsheets/zaanstad-2014.md:6:7: error: fase: unknown value 'uitrrol'
  hint: did you mean 'uitrol'? expected one of: experiment, uitrol (or 'onbekend' when the sources do not say)",
        );
}

#[test]
fn score_out_of_range_names_the_poles() {
    SiteTest::fixture("basic")
        .write(
            "content/factsheets/zaanstad-2014.md",
            &factsheet(&GOOD_FIELDS.replace("kv_sturing: 2", "kv_sturing: 7")),
        )
        .check()
        .expect_failure()
        .expect_diagnostics(
            "content/factsheets/zaanstad-2014.md:7:13: error: kv_sturing: 7 is out of range 1..5
  hint: 1 = sterk sturen, 5 = loslaten (or 'onbekend' when the sources do not say)",
        );
}

#[test]
fn wrong_type_is_reported_at_the_value() {
    SiteTest::fixture("basic")
        .write("content/factsheets/zaanstad-2014.md", &factsheet(&GOOD_FIELDS.replace("aantal_teams: 3", "aantal_teams: drie")))
        .check()
        .expect_failure()
        .expect_diagnostics(
            "content/factsheets/zaanstad-2014.md:5:15: error: aantal_teams: expected a whole number (or 'onbekend' when the sources do not say), found the text 'drie'",
        );
}

#[test]
fn unknown_value_is_refused_where_not_allowed() {
    SiteTest::fixture("basic")
        .write("content/factsheets/zaanstad-2014.md", &factsheet(&GOOD_FIELDS.replace("peildatum: \"2014\"", "peildatum: onbekend")))
        .check()
        .expect_failure()
        .expect_diagnostics(
            "content/factsheets/zaanstad-2014.md:4:12: error: peildatum: field 'peildatum' may not be 'onbekend'
  hint: this field must be known; give its value",
        );
}

#[test]
fn unknown_key_suggests_the_nearest_field() {
    SiteTest::fixture("basic")
        .write("content/factsheets/zaanstad-2014.md", &factsheet(&format!("{GOOD_FIELDS}deelnemer: [amw]\n")))
        .check()
        .expect_failure()
        .expect_diagnostics(
            "content/factsheets/zaanstad-2014.md:8:1: error: unknown field 'deelnemer' for kind factsheet
  hint: did you mean 'deelnemers'? fields of factsheet: title, summary, draft, gemeente, peildatum, aantal_teams, fase, deelnemers, kv_sturing, themas",
        );
}

#[test]
fn unknown_list_item_points_at_its_line() {
    SiteTest::fixture("basic")
        .write(
            "content/factsheets/zaanstad-2014.md",
            &factsheet(&format!("{GOOD_FIELDS}deelnemers:\n  - amw\n  - GGDD\n")),
        )
        .check()
        .expect_failure()
        .expect_diagnostics(
            "content/factsheets/zaanstad-2014.md:10:5: error: deelnemers: unknown value 'GGDD'
  hint: expected one of: amw, mee",
        );
}

#[test]
fn missing_required_field_says_how_to_mark_it_unknown() {
    SiteTest::fixture("basic")
        .write(
            "content/factsheets/zaanstad-2014.md",
            &factsheet(&GOOD_FIELDS.replace("fase: uitrol\n", "")),
        )
        .check()
        .expect_failure()
        .expect_diagnostics(
            "content/factsheets/zaanstad-2014.md:2:1: error: missing required field 'fase'
  hint: add `fase: …`, or `fase: onbekend` when the sources do not say",
        );
}

#[test]
fn malformed_yaml_maps_the_line_to_the_file() {
    SiteTest::fixture("basic")
        .write(
            "content/themas/toegang.md",
            "---\ntitle: \"Toegang\"\nsummary: [niet gesloten\n---\n\nTekst.\n",
        )
        .check()
        .expect_failure()
        .expect_stderr_contains(
            "content/themas/toegang.md:4:1: error: invalid YAML in front matter:",
        );
}

#[test]
fn unclosed_front_matter() {
    SiteTest::fixture("basic")
        .write(
            "content/themas/toegang.md",
            "---\ntitle: \"Toegang\"\n\nTekst zonder afsluiting.\n",
        )
        .check()
        .expect_failure()
        .expect_diagnostics(
            "content/themas/toegang.md:1:1: error: front matter is opened here but never closed
  hint: add a line `---` after the last front-matter field",
        );
}

#[test]
fn invalid_utf8_names_line_and_column() {
    SiteTest::fixture("basic")
        .write_bytes(
            "content/themas/toegang.md",
            b"---\ntitle: \"Toegang\"\n---\n\nCaf\xe9 in Latin-1.\n",
        )
        .check()
        .expect_failure()
        .expect_diagnostics(
            "content/themas/toegang.md:5:4: error: invalid UTF-8
  hint: save the file as UTF-8 (it may be Latin-1 or Windows-1252)",
        );
}

#[test]
fn binary_file_named_md() {
    SiteTest::fixture("basic")
        .write_bytes(
            "content/themas/plaatje.md",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        )
        .check()
        .expect_failure()
        .expect_diagnostics(
            "content/themas/plaatje.md:3:1: error: binary file, not Markdown text
  hint: only UTF-8 Markdown files may end in .md",
        );
}

#[test]
fn huge_file_is_refused_without_reading_it() {
    let big = vec![b'a'; 9 * 1024 * 1024];
    SiteTest::fixture("basic")
        .write_bytes("content/themas/groot.md", &big)
        .check()
        .expect_failure()
        .expect_stderr_contains(
            "content/themas/groot.md: error: file is 9437184 bytes, more than the limit of 8388608",
        );
}

#[test]
fn yaml_alias_bomb_is_refused() {
    let mut yaml = String::from("---\ntitle: \"Bom\"\na: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 0..9 {
        let prev = if i == 0 {
            "a".to_string()
        } else {
            format!("b{}", i - 1)
        };
        let refs = vec![format!("*{prev}"); 10].join(", ");
        yaml.push_str(&format!("b{i}: &b{i} [{refs}]\n"));
    }
    yaml.push_str("---\n");
    SiteTest::fixture("basic")
        .write("content/themas/bom.md", &yaml)
        .check()
        .expect_failure()
        .expect_stderr_contains("content/themas/bom.md:2:1: error: invalid YAML in front matter: repetition limit exceeded");
}

#[test]
fn duplicate_slug_across_kinds() {
    SiteTest::fixture("basic")
        .write("content/verhalen/toegang.md", "---\ntitle: \"Nog een toegang\"\n---\n")
        .check()
        .expect_failure()
        .expect_diagnostics(
            "content/verhalen/toegang.md: error: duplicate slug 'toegang': content/themas/toegang.md has it too
  hint: slugs are unique across the whole site; rename one of the files",
        );
}

#[test]
fn names_differing_only_by_case_collide() {
    SiteTest::fixture("basic")
        .write("content/themas/Toegang.md", "---\ntitle: \"Toegang\"\n---\n")
        .check()
        .expect_failure()
        .expect_diagnostics(
            "content/themas/Toegang.md: error: file name 'Toegang' is not a valid slug
  hint: use lowercase letters, digits and hyphens, e.g. 'toegang.md'
content/themas/toegang.md: error: file name collides with content/themas/Toegang.md on case-insensitive file systems
  hint: names may not differ only by case or accents",
        );
}

#[test]
fn script_tag_in_markdown_is_refused() {
    SiteTest::fixture("basic")
        .write("content/themas/toegang.md", "---\ntitle: \"Toegang\"\n---\n\nTekst.\n\n<script>alert(1)</script>\n")
        .check()
        .expect_failure()
        .expect_diagnostics(
            "content/themas/toegang.md:7:1: error: raw HTML is not allowed: <script>alert(1)</script>
  hint: write it in Markdown; Kennisbank does not pass HTML through, so no script can be injected",
        );
}

#[test]
fn script_tag_in_title_is_escaped() {
    let run = SiteTest::fixture("basic")
        .write(
            "content/themas/toegang.md",
            "---\ntitle: \"<script>alert(1)</script> Toegang\"\n---\n\nTekst.\n",
        )
        .build()
        .expect_success();
    let html = run.output("themas/toegang.html");
    assert_contains(&html, "&lt;script&gt;alert(1)&lt;/script&gt; Toegang");
    assert!(!html.contains("<script>alert"), "{html}");
}

#[test]
fn image_without_alt_text() {
    SiteTest::fixture("basic")
        .write_bytes("content/themas/kaart.png", b"\x89PNG")
        .write(
            "content/themas/toegang.md",
            "---\ntitle: \"Toegang\"\n---\n\n![](kaart.png)\n",
        )
        .check()
        .expect_failure()
        .expect_diagnostics(
            "content/themas/toegang.md:5:1: error: image without alt text
  hint: describe the image: ![beschrijving](pad.png)",
        );
}

/// A socket (or named pipe) is never read: reading one could block the
/// build. Named as a document it fails the build; as another file it is
/// left out with a warning.
#[cfg(unix)]
#[test]
fn socket_named_as_a_document_or_a_file() {
    let site = SiteTest::fixture("basic");
    let _document =
        std::os::unix::net::UnixListener::bind(site.path("content/themas/pijp.md")).unwrap();
    site.check().expect_failure().expect_diagnostics(
        "content/themas/pijp.md: error: not a regular file (a named pipe, socket or device)
  hint: replace it with an ordinary file, or remove it",
    );
    std::fs::remove_file(site.path("content/themas/pijp.md")).unwrap();
    let _other =
        std::os::unix::net::UnixListener::bind(site.path("content/themas/kaart.png")).unwrap();
    let run = site.build().expect_success();
    assert_contains(
        &run.diagnostics(),
        "content/themas/kaart.png: warning: not a regular file (a named pipe, socket or device): left out",
    );
    assert!(!site.path("public/themas/kaart.png").exists());
}

#[cfg(unix)]
#[test]
fn symlink_loop_and_symlink_outside_content() {
    let site = SiteTest::fixture("basic");
    std::os::unix::fs::symlink(site.path("content"), site.path("content/themas/lus")).unwrap();
    std::os::unix::fs::symlink("/etc/hostname", site.path("content/themas/buiten.md")).unwrap();
    site.check().expect_failure().expect_diagnostics(
        "content/themas/buiten.md: error: symbolic link leads outside content/
  hint: copy the file into content/ instead of linking to it
content/themas/lus: error: symbolic link loop",
    );
}

#[test]
fn template_error_names_the_template_and_line() {
    SiteTest::fixture("basic")
        .write("themes/default/templates/thema.html", "{% extends \"document.html\" %}\n{% block extra %}\n{{ doc.title | nosuchfilter }}\n{% endblock extra %}\n")
        .check()
        .expect_failure()
        .expect_stderr_contains("themes/default/templates/thema.html: error: template error:")
        .expect_stderr_contains("nosuchfilter");
}

#[test]
fn template_syntax_error_has_a_line() {
    SiteTest::fixture("basic")
        .write("themes/default/templates/thema.html", "{% extends \"document.html\" %}\n{% block extra %}\n{{ doc.title \n{% endblock extra %}\n")
        .check()
        .expect_failure()
        .expect_stderr_contains("themes/default/templates/thema.html:4:1: error: template error:");
}

#[test]
fn bad_site_toml_is_a_usage_error() {
    SiteTest::fixture("basic")
        .write(
            "site.toml",
            "[site]\ntitle = \"x\"\nbase_url = \"/\"\ntheme_name = \"y\"\n",
        )
        .check()
        .expect_code(2)
        .expect_stderr_contains("unknown field `theme_name`");
}

/// The acceptance case: ten different mistakes in one site, all reported in one
/// run with their file and line, exit code 1.
#[test]
fn ten_mistakes_are_all_reported() {
    let run = SiteTest::fixture("basic")
        // 1 unknown enum value, 2 score out of range, 3 wrong type
        .write("content/factsheets/zaanstad-2014.md", "---\ntitle: \"Zaanstad, voorjaar 2014\"\ngemeente: zaanstad\npeildatum: \"2014\"\naantal_teams: veel\nfase: uitrrol\nkv_sturing: 9\n---\n\nTekst.\n")
        // 4 broken reference
        .write("content/factsheets/haarlem-2014.md", "---\ntitle: \"Haarlem\"\ngemeente: haarlemm\npeildatum: \"2014\"\naantal_teams: 1\nfase: uitrol\nkv_sturing: 1\n---\n")
        // 5 missing required field
        .write("content/factsheets/velsen-2014.md", "---\ntitle: \"Velsen\"\ngemeente: zaanstad\npeildatum: \"2014\"\naantal_teams: 1\nkv_sturing: 1\n---\n")
        // 6 broken wikilink
        .write("content/verhalen/buurtcoach.md", "---\ntitle: \"De buurtcoach\"\n---\n\nZie [[nergens]].\n")
        // 7 malformed YAML
        .write("content/themas/jeugd.md", "---\ntitle: [\n---\n")
        // 8 unclosed front matter
        .write("content/themas/regie.md", "---\ntitle: \"Regie\"\n")
        // 9 invalid UTF-8
        .write_bytes("content/themas/zorg.md", b"---\ntitle: \"Zorg\"\n---\n\xff\n")
        // 10 duplicate slug
        .write("content/verhalen/toegang.md", "---\ntitle: \"Toegang\"\n---\n")
        .check()
        .expect_failure();
    let lines: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains(": error: "))
        .collect();
    let expected_starts = [
        "content/factsheets/haarlem-2014.md:3:11: error: gemeente: no gemeente with slug 'haarlemm'",
        "content/factsheets/velsen-2014.md:2:1: error: missing required field 'fase'",
        "content/factsheets/zaanstad-2014.md:5:15: error: aantal_teams: expected a whole number",
        "content/factsheets/zaanstad-2014.md:6:7: error: fase: unknown value 'uitrrol'",
        "content/factsheets/zaanstad-2014.md:7:13: error: kv_sturing: 9 is out of range 1..5",
        "content/themas/jeugd.md:3:1: error: invalid YAML in front matter",
        "content/themas/regie.md:1:1: error: front matter is opened here but never closed",
        "content/themas/zorg.md:4:1: error: invalid UTF-8",
        "content/verhalen/buurtcoach.md:5:5: error: broken link [[nergens]]: no document with slug 'nergens'",
        "content/verhalen/toegang.md: error: duplicate slug 'toegang'",
    ];
    assert_eq!(lines.len(), expected_starts.len(), "{}", run.stderr);
    for (line, start) in lines.iter().zip(expected_starts) {
        assert!(
            line.starts_with(start),
            "expected {start:?}\n     got {line:?}\nstderr:\n{}",
            run.stderr
        );
    }
    assert!(
        run.stderr
            .ends_with("10 errors found; nothing was written\n"),
        "{}",
        run.stderr
    );
    assert!(!run.root.join("public").exists());
}

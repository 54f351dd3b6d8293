//! Editor leftovers (`.swp`, `~`, `#…#`, hidden files) are ignored in the
//! theme as in `content/` (issue 18, item 19): a vim swap file next to a
//! template neither breaks the build nor a rebuild in `serve`, and nothing of
//! the kind is copied from `static/`, so `serve` serves what `build` writes.

use crate::harness::SiteTest;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// What vim leaves next to a file being edited: binary, not UTF-8.
const SWAP: &[u8] = b"b0VIM 9.0\x00\x00\x10\x00\xff\xfe{% block \x00";

const LEFTOVERS: [&str; 6] = [
    "themes/default/templates/.thema.html.swp",
    "themes/default/templates/thema.html~",
    "themes/default/static/.style.css.swp",
    "themes/default/static/style.css~",
    "themes/default/static/#style.css#",
    "themes/default/static/search.js.d/.20-text.js.swp",
];

fn with_leftovers(site: SiteTest) -> SiteTest {
    LEFTOVERS
        .iter()
        .fold(site, |site, path| site.write_bytes(path, SWAP))
}

fn files_under(dir: &std::path::Path) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            rel.to_string_lossy().replace('\\', "/")
        })
        .filter(|f| f != ".kennisbank-output")
        .collect();
    files.sort();
    files
}

#[test]
fn vim_swap_files_in_the_theme_neither_break_the_build_nor_are_copied() {
    let site = with_leftovers(SiteTest::fixture("basic"));
    // What the theme holds, less what was planted: the list cannot go stale.
    let theme = files_under(&site.root().join("themes/default/static"));
    let planted: Vec<&str> = LEFTOVERS
        .iter()
        .filter_map(|p| p.strip_prefix("themes/default/static/"))
        .collect();
    assert_eq!(planted.len(), 4);
    assert!(planted.iter().all(|p| theme.iter().any(|f| f == p)));
    // The parts of a parts folder (`search.js.d/`) make one file (`search.js`);
    // plus the one static file the build generates: the design tokens.
    let mut expected: Vec<String> = theme
        .iter()
        .filter(|f| !planted.contains(&f.as_str()))
        .map(|f| match f.split_once(".d/") {
            Some((joined, _)) => format!("static/{joined}"),
            None => format!("static/{f}"),
        })
        .chain(["static/tokens.css".to_string()])
        .collect();
    expected.sort();
    expected.dedup();
    assert!(expected.contains(&"static/style.css".to_string()));
    let run = site.build().expect_success();
    let files = files_under(&run.root.join("public"));
    let statics: Vec<&String> = files.iter().filter(|f| f.starts_with("static/")).collect();
    assert_eq!(statics, expected.iter().collect::<Vec<_>>(), "{files:?}");
}

struct Server(Child, String);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

const DEADLINE: Duration = Duration::from_secs(60);

impl Server {
    fn start(site: &SiteTest) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_kennisbank"))
            .args(["serve", "--port", "0"])
            .current_dir(site.root())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let addr = loop {
            let line = lines.next().expect("serve printed its address").unwrap();
            if let Some(rest) = line.split("http://").nth(1) {
                break rest.split('/').next().unwrap().to_string();
            }
        };
        std::thread::spawn(move || for _ in lines {});
        Server(child, addr)
    }

    fn get(&self, target: &str) -> (u16, String) {
        let mut stream = TcpStream::connect(&self.1).unwrap();
        stream.set_read_timeout(Some(DEADLINE)).unwrap();
        write!(stream, "GET {target} HTTP/1.0\r\nHost: {}\r\n\r\n", self.1).unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        let text = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").expect("a whole response");
        (
            head.split(' ').nth(1).unwrap().parse().unwrap(),
            body.into(),
        )
    }

    fn status(&self) -> serde_json::Value {
        serde_json::from_str(&self.get("/__kennisbank/status").1).unwrap()
    }
}

#[test]
fn vim_swap_file_next_to_a_template_does_not_break_serve_which_equals_build() {
    let site = SiteTest::fixture("basic");
    let server = Server::start(&site);
    let site = with_leftovers(site).write(
        "content/themas/toegang.md",
        "---\ntitle: \"Toegang\"\n---\n\nBewerkt terwijl vim open is.\n",
    );
    let started = Instant::now();
    let status = loop {
        let (_, page) = server.get("/themas/toegang.html");
        let status = server.status();
        if page.contains("Bewerkt terwijl vim open is.") && status["search"] == "ready" {
            break status;
        }
        assert!(
            started.elapsed() < DEADLINE,
            "the edit was never served: {status}"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status["diagnostics"], serde_json::json!([]), "{status}");
    assert_eq!(server.get("/static/style.css~").0, 404);
    let served: Vec<String> = status["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap().to_string())
        .collect();
    drop(server);
    let run = site.build().expect_success();
    assert_eq!(served, files_under(&run.root.join("public")));
}

//! Benchmark (not a test) of `kennisbank serve`: from saving a file to the
//! reload event, for a content edit and a template edit, next to a full
//! `kennisbank build`, on synthetic sites of 100, 1,000 and 10,000 documents
//! built from the schema of `tests/fixtures/basic`.
//!
//! Run: `cargo bench --bench serve` (or `cargo bench --bench serve -- 1000` for
//! chosen sizes). Prints a Markdown table for BENCHMARKS.md.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const RUNS: usize = 7;
const BIN: &str = env!("CARGO_BIN_EXE_kennisbank");

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![100, 1_000, 10_000]
    } else {
        sizes
    };
    println!("| documents | full build | content edit → reload | template edit → reload |");
    println!("| ---: | ---: | ---: | ---: |");
    for n in sizes {
        let dir = tempfile::tempdir().unwrap();
        generate(dir.path(), n);
        let full = median((0..3).map(|_| full_build(dir.path())).collect());
        let server = Server::start(dir.path());
        let verhaal = dir.path().join("content/verhalen/verhaal-1.md");
        let content: Vec<Duration> = (0..RUNS)
            .map(|i| {
                server.time_reload(|| {
                    let text = std::fs::read_to_string(&verhaal).unwrap();
                    let next = text.replacen("Tekst", &format!("Tekst {i}"), 1);
                    std::fs::write(&verhaal, next).unwrap();
                })
            })
            .collect();
        let template = dir.path().join("themes/default/templates/document.html");
        let templates: Vec<Duration> = (0..RUNS)
            .map(|i| {
                server.time_reload(|| {
                    let text = std::fs::read_to_string(&template).unwrap();
                    let next = text.replacen("<article", &format!("<article data-n=\"{i}\""), 1);
                    std::fs::write(&template, next).unwrap();
                })
            })
            .collect();
        println!(
            "| {n} | {} | {} | {} |",
            ms(full),
            spread(&content),
            spread(&templates)
        );
    }
}

fn ms(d: Duration) -> String {
    format!("{} ms", d.as_millis())
}

/// Median, with the fastest and slowest run.
fn spread(runs: &[Duration]) -> String {
    let mut sorted = runs.to_vec();
    sorted.sort();
    format!(
        "{} ({}–{})",
        ms(sorted[sorted.len() / 2]),
        sorted[0].as_millis(),
        sorted[sorted.len() - 1].as_millis()
    )
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn full_build(root: &Path) -> Duration {
    let started = Instant::now();
    let status = Command::new(BIN)
        .args(["build", "--root"])
        .arg(root)
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    started.elapsed()
}

/// A site of `n` documents: 5% municipalities, 2% themes, the rest factsheets and
/// stories that link to them, with the fixture's schema and the default theme.
fn generate(root: &Path, n: usize) {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(
        repo.join("tests/fixtures/basic/site.toml"),
        root.join("site.toml"),
    )
    .unwrap();
    copy_dir(&repo.join("themes/default"), &root.join("themes/default"));
    let content = root.join("content");
    let municipalities = (n / 20).max(1);
    let themes = (n / 50).max(1);
    let write = |rel: String, text: String| {
        let path = content.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    for i in 0..municipalities {
        write(
            format!("gemeenten/gemeente-{i}.md"),
            format!("---\ntitle: \"Gemeente {i}\"\n---\n\nGemeente {i} heeft wijkteams.\n"),
        );
    }
    for i in 0..themes {
        write(
            format!("themas/thema-{i}.md"),
            format!("---\ntitle: \"Thema {i}\"\n---\n\nOver thema {i}.\n"),
        );
    }
    let filler = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(12);
    for i in 0..n.saturating_sub(municipalities + themes) {
        let (g, t) = (i % municipalities, i % themes);
        if i % 2 == 0 {
            write(
                format!("factsheets/factsheet-{i}.md"),
                format!(
                    "---\ntitle: \"Factsheet {i}\"\ngemeente: gemeente-{g}\npeildatum: \"20{}-04\"\naantal_teams: {}\nfase: uitrol\ndeelnemers: [amw, mee]\nkv_sturing: {}\nthemas: [thema-{t}]\n---\n\n## Stand van zaken\n\nDe teams in [[gemeente-{g}]] werken in alle wijken. {filler}\n\n## Deelnemers\n\nZie [[thema-{t}]].\n",
                    10 + i % 10,
                    i % 7,
                    1 + i % 5
                ),
            );
        } else {
            write(
                format!("verhalen/verhaal-{i}.md"),
                format!(
                    "---\ntitle: \"Verhaal {i}\"\ngemeente: gemeente-{g}\n---\n\n## Aanpak\n\nTekst over [[gemeente-{g}|de gemeente]] en [[thema-{t}]]. {filler}\n"
                ),
            );
        }
    }
}

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

struct Server {
    child: Child,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(root: &Path) -> Server {
        let mut child = Command::new(BIN)
            .args(["serve", "--port", "0", "--root"])
            .arg(root)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let addr = loop {
            let line = lines.next().expect("serve stopped").unwrap();
            if let Some(rest) = line.split("http://").nth(1) {
                break rest.split('/').next().unwrap().to_string();
            }
        };
        std::thread::spawn(move || for _ in lines {});
        Server { child, addr }
    }

    fn send(&self, target: &str) -> TcpStream {
        let mut stream = TcpStream::connect(&self.addr).unwrap();
        write!(
            stream,
            "GET {target} HTTP/1.0\r\nHost: {}\r\n\r\n",
            self.addr
        )
        .unwrap();
        stream
    }

    fn read(stream: &mut TcpStream) -> serde_json::Value {
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        let at = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
        serde_json::from_slice(&raw[at + 4..]).unwrap()
    }

    fn build(&self) -> String {
        let mut stream = self.send("/__kennisbank/status");
        Self::read(&mut stream)["build"]
            .as_str()
            .unwrap()
            .to_string()
    }

    /// Time from `save` to the answer of a waiting live-reload request.
    fn time_reload(&self, save: impl FnOnce()) -> Duration {
        // Let the previous save settle, then wait as a page would.
        std::thread::sleep(Duration::from_millis(300));
        let since = self.build();
        let mut wait = self.send(&format!("/__kennisbank/wait?since={since}"));
        std::thread::sleep(Duration::from_millis(50));
        let started = Instant::now();
        save();
        let state = Self::read(&mut wait);
        let elapsed = started.elapsed();
        assert_ne!(state["build"].as_str().unwrap(), since, "no reload event");
        assert_eq!(state["failed"], false);
        elapsed
    }
}

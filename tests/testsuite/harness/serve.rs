//! A client for `kennisbank serve` in tests: the real binary started on port 0
//! in a fixture site, spoken to over a plain TCP connection (so that no
//! client tidies up the paths or headers we send), with a deadline on every
//! read. Waits poll the server; no test depends on how fast it is.

use crate::harness::SiteTest;
use std::io::{BufRead, BufReader, ErrorKind, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Far more than any rebuild here takes; only reached when something is broken.
pub const DEADLINE: Duration = Duration::from_secs(90);

pub const SCRIPT_START: &str = "<script src=\"/__kennisbank/livereload.js\"";

pub struct Server {
    pub child: Child,
    /// `127.0.0.1:PORT`, as serve printed it.
    pub addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub struct Reply {
    pub status: u16,
    pub head: String,
    pub body: Vec<u8>,
}

impl Reply {
    /// A whole answer: status line, headers, body.
    pub fn parse(raw: &[u8]) -> Reply {
        let split = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .unwrap_or_else(|| panic!("not a complete answer: {:?}", String::from_utf8_lossy(raw)));
        let head = String::from_utf8_lossy(&raw[..split]).into_owned();
        let status = head.split(' ').nth(1).unwrap().parse().unwrap();
        Reply {
            status,
            head,
            body: raw[split + 4..].to_vec(),
        }
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn header(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|line| {
            let (k, v) = line.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
        })
    }
}

pub fn serve(site: &SiteTest) -> Server {
    serve_with(site, &[], |c| c)
}

pub fn serve_with(
    site: &SiteTest,
    args: &[&str],
    setup: impl FnOnce(&mut Command) -> &mut Command,
) -> Server {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kennisbank"));
    command
        .args(["serve", "--port", "0"])
        .args(args)
        .current_dir(site.root())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    let mut child = setup(&mut command).spawn().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut sent = false;
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if !sent {
                if let Some(rest) = line.split("http://").nth(1) {
                    let _ = tx.send(rest.split('/').next().unwrap_or_default().to_string());
                    sent = true;
                }
            }
            // Keep reading, so serve never blocks on a full pipe.
        }
    });
    match rx.recv_timeout(DEADLINE) {
        Ok(addr) => Server { child, addr },
        Err(_) => {
            let _ = child.kill();
            let _ = child.wait();
            panic!("serve did not print its address within {DEADLINE:?}");
        }
    }
}

impl Server {
    /// A GET of exactly `target`, as sent.
    pub fn get(&self, target: &str) -> Reply {
        self.send(&format!(
            "GET {target} HTTP/1.0\r\nHost: {}\r\n\r\n",
            self.addr
        ))
    }

    /// Sends `request` exactly as given and reads the answer until the server
    /// closes the connection (HTTP/1.0, or `Connection: close`).
    ///
    /// The request is written on a thread of its own while this one reads:
    /// a server that refuses a request before reading its body (413 for too
    /// large a body) answers and closes while the body is still being
    /// written, so that write may fail with a broken pipe, and a reset may
    /// follow the answer. Neither is the test's failure: the answer is.
    pub fn send(&self, request: &str) -> Reply {
        let mut stream = TcpStream::connect(&self.addr).unwrap();
        stream.set_read_timeout(Some(DEADLINE)).unwrap();
        let mut writer = stream.try_clone().unwrap();
        let bytes = request.as_bytes().to_vec();
        let sender = std::thread::spawn(move || {
            let _ = writer.write_all(&bytes);
        });
        let mut raw = Vec::new();
        let mut buf = [0u8; 8192];
        loop {
            match stream.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => raw.extend_from_slice(&buf[..n]),
                Err(e) if e.kind() == ErrorKind::ConnectionReset && !raw.is_empty() => break,
                Err(e) => panic!("reading the answer to {:?}: {e}", request.lines().next()),
            }
        }
        sender.join().unwrap();
        Reply::parse(&raw)
    }

    pub fn status(&self) -> serde_json::Value {
        serde_json::from_slice(&self.get("/__kennisbank/status").body).unwrap()
    }

    pub fn build(&self) -> String {
        self.status()["build"].as_str().unwrap().to_string()
    }

    /// Waits for the reload event that follows `since`: the answer to the
    /// long poll the live-reload script makes.
    pub fn reload_after(&self, since: &str) -> String {
        let started = Instant::now();
        loop {
            let reply = self.get(&format!("/__kennisbank/wait?since={since}"));
            assert_eq!(reply.status, 200);
            let state: serde_json::Value = serde_json::from_slice(&reply.body).unwrap();
            let build = state["build"].as_str().unwrap().to_string();
            if build != since {
                return build;
            }
            assert!(started.elapsed() < DEADLINE, "no rebuild after {since}");
        }
    }

    /// Follows reload events until `page` satisfies `ok`; returns the page.
    pub fn until(&self, page: &str, ok: impl Fn(&str) -> bool) -> String {
        let started = Instant::now();
        let mut build = self.build();
        loop {
            let text = self.get(page).text();
            if ok(&text) {
                return text;
            }
            assert!(
                started.elapsed() < DEADLINE,
                "{page} never became as expected; last seen:\n{text}\nstatus: {}",
                self.status()
            );
            build = self.reload_after(&build);
        }
    }
}

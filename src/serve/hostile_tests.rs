//! The HTTP stack against hostile and broken clients, in process:
//! `listen::serve` with short limits around a small router behind the same
//! `guard::protect` the preview uses (a big file and a form endpoint like the
//! editor's), spoken to over loopback TCP with plain sockets. Every read has a
//! deadline and every loop a bound; the timings here are limits the server
//! must enforce, far apart from the deadlines, not speeds.

use super::form::FormPairs;
use super::guard::{self, BODY_LIMIT};
use super::listen::{self, Limits};
use axum::routing::{get, post};
use axum::Router;
use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::time::Duration;

/// Only reached when the server fails to answer at all.
const DEADLINE: Duration = Duration::from_secs(20);
const BIG: usize = 64 * 1024;

const SHORT: Limits = Limits {
    connections: 8,
    head: Duration::from_millis(300),
    stalled_write: Duration::from_millis(300),
    buffer: 16 * 1024,
};

struct TestServer {
    addr: SocketAddr,
    runtime: Option<tokio::runtime::Runtime>,
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

async fn echo(form: FormPairs) -> String {
    form.0.iter().map(|(n, v)| format!("{n}={v}\n")).collect()
}

fn start(limits: Limits) -> TestServer {
    let runtime = listen::runtime().unwrap();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let routes = Router::new()
        .route("/groot", get(|| async { vec![b'x'; BIG] }))
        .route("/__kennisbank/echo", post(echo));
    let server = {
        let _inside = runtime.enter();
        listen::serve(listener, guard::protect(routes), limits).unwrap()
    };
    runtime.spawn(server);
    TestServer {
        addr,
        runtime: Some(runtime),
    }
}

impl TestServer {
    fn connect(&self) -> TcpStream {
        let stream = TcpStream::connect(self.addr).unwrap();
        stream.set_read_timeout(Some(DEADLINE)).unwrap();
        stream.set_write_timeout(Some(DEADLINE)).unwrap();
        stream
    }

    /// Sends `head` (with `Host` and `Connection: close` added) and `body`;
    /// returns the status and the whole answer.
    fn send(&self, head: &str, body: &[u8]) -> (u16, String) {
        let mut stream = self.connect();
        let request = format!("{head}\r\nHost: {}\r\nConnection: close\r\n\r\n", self.addr);
        stream.write_all(request.as_bytes()).unwrap();
        // The server may answer and close before it read a refused body.
        let _ = stream.write_all(body);
        read_answer(&mut stream)
    }
}

fn read_answer(stream: &mut TcpStream) -> (u16, String) {
    let mut raw = Vec::new();
    if let Err(err) = stream.read_to_end(&mut raw) {
        assert_eq!(err.kind(), ErrorKind::ConnectionReset, "{err}");
    }
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no answer: {text:?}"));
    (status, text)
}

fn form_post(extra: &str, body: &str) -> String {
    format!(
        "POST /__kennisbank/echo HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}{extra}",
        body.len()
    )
}

#[test]
fn a_form_post_is_read_into_its_pairs() {
    let server = start(Limits::DEFAULT);
    let body = "title=Zaan+stad&deelnemers=amw&deelnemers=ggd";
    let (status, text) = server.send(&form_post("", body), body.as_bytes());
    assert_eq!(status, 200, "{text}");
    assert!(
        text.ends_with("title=Zaan stad\ndeelnemers=amw\ndeelnemers=ggd\n"),
        "{text}"
    );
    let (status, _) = server.send(
        "POST /__kennisbank/echo HTTP/1.1\r\nContent-Type: text/plain\r\nContent-Length: 3",
        b"a=b",
    );
    assert_eq!(status, 415);
}

#[test]
fn a_huge_content_length_is_refused_before_anything_is_read() {
    let server = start(Limits::DEFAULT);
    for head in [
        "POST /__kennisbank/echo HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 99999999999",
        "GET /groot HTTP/1.1\r\nContent-Length: 99999999999",
    ] {
        let (status, text) = server.send(head, b"a=b");
        assert_eq!(status, 413, "{head}: {text}");
        assert!(text.contains("nosniff"), "{text}");
    }
    // Past what a length can be: hyper refuses it while reading the head.
    let (status, _) = server.send(
        "POST /groot HTTP/1.1\r\nContent-Length: 18446744073709551616",
        b"",
    );
    assert_eq!(status, 400);
    let limit = BODY_LIMIT + 1;
    let (status, _) = server.send(
        &format!("POST /groot HTTP/1.1\r\nContent-Length: {limit}"),
        b"",
    );
    assert_eq!(status, 413);
    // And the server goes on.
    assert_eq!(server.send("GET /groot HTTP/1.1", b"").0, 200);
}

#[test]
fn a_body_without_a_length_stops_being_read_at_the_limit() {
    let server = start(Limits::DEFAULT);
    let mut stream = server.connect();
    write!(
        stream,
        "{}",
        form_post("", "").replace("Content-Length: 0", "Transfer-Encoding: chunked")
            + &format!("\r\nHost: {}\r\n\r\n", server.addr)
    )
    .unwrap();
    let mut writer = stream.try_clone().unwrap();
    // Written on its own thread while this one reads the answer, which comes
    // before the body ends.
    let sender = std::thread::spawn(move || {
        let chunk = vec![b'a'; 64 * 1024];
        for _ in 0..(BODY_LIMIT / chunk.len() + 2) {
            let sent = write!(writer, "{:x}\r\n", chunk.len())
                .and_then(|()| writer.write_all(&chunk))
                .and_then(|()| writer.write_all(b"\r\n"));
            if sent.is_err() {
                return;
            }
        }
        let _ = writer.write_all(b"0\r\n\r\n");
    });
    let (status, text) = read_answer(&mut stream);
    assert_eq!(status, 413, "{text}");
    sender.join().unwrap();
}

#[test]
fn a_post_from_another_site_is_refused() {
    let server = start(Limits::DEFAULT);
    let own = format!("http://{}", server.addr);
    for (extra, expected) in [
        ("\r\nOrigin: http://evil.example".to_string(), 403),
        ("\r\nOrigin: null".to_string(), 403),
        (
            format!("\r\nOrigin: http://localhost:{}", server.addr.port()),
            403,
        ),
        ("\r\nSec-Fetch-Site: cross-site".to_string(), 403),
        (
            "\r\nSec-Fetch-Site: same-site\r\nOrigin: http://a.localhost".to_string(),
            403,
        ),
        (format!("\r\nOrigin: {own}"), 200),
        (
            format!("\r\nOrigin: {own}\r\nSec-Fetch-Site: same-origin"),
            200,
        ),
        ("\r\nSec-Fetch-Site: same-origin".to_string(), 200),
        // Not a browser: nothing to forge.
        (String::new(), 200),
    ] {
        let (status, text) = server.send(&form_post(&extra, "a=b"), b"a=b");
        assert_eq!(status, expected, "{extra:?}: {text}");
    }
}

#[test]
fn a_request_for_another_host_is_refused() {
    let server = start(Limits::DEFAULT);
    for request in [
        "GET /groot HTTP/1.0\r\nHost: evil.example\r\n\r\n".to_string(),
        format!(
            "GET /groot HTTP/1.0\r\nHost: evil.example:{}\r\n\r\n",
            server.addr.port()
        ),
        "GET /groot HTTP/1.0\r\n\r\n".to_string(),
        format!(
            "GET http://evil.example/groot HTTP/1.0\r\nHost: {}\r\n\r\n",
            server.addr
        ),
    ] {
        let mut stream = server.connect();
        stream.write_all(request.as_bytes()).unwrap();
        let (status, text) = read_answer(&mut stream);
        assert_eq!(status, 403, "{request:?}: {text}");
    }
    let mut stream = server.connect();
    let port = server.addr.port();
    write!(
        stream,
        "GET /groot HTTP/1.0\r\nHost: localhost:{port}\r\n\r\n"
    )
    .unwrap();
    assert_eq!(read_answer(&mut stream).0, 200);
}

/// True once the server has closed `stream` (reading gives end or reset);
/// false while it stays open for `wait`.
fn closed_within(stream: &mut TcpStream, wait: Duration) -> bool {
    stream.set_read_timeout(Some(wait)).unwrap();
    let mut buf = [0u8; 4096];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => return true,
            // An answer (a 408) before the close.
            Ok(_) => continue,
            Err(err) if err.kind() == ErrorKind::ConnectionReset => return true,
            Err(_) => return false,
        }
    }
}

#[test]
fn headers_sent_byte_by_byte_are_cut_off() {
    let server = start(SHORT);
    let mut stream = server.connect();
    let head = format!(
        "GET /groot HTTP/1.1\r\nHost: {}\r\nX-Traag: {}",
        server.addr,
        "a".repeat(200)
    );
    let mut cut = false;
    // At most 200 bytes, 20 ms apart: 4 s, far past the 300 ms limit.
    for byte in head.bytes() {
        if stream.write_all(&[byte]).is_err()
            || closed_within(&mut stream, Duration::from_millis(20))
        {
            cut = true;
            break;
        }
    }
    assert!(
        cut,
        "a client sending its head byte by byte kept its connection"
    );
}

#[test]
fn a_client_that_never_reads_its_answers_is_cut_off() {
    let server = start(SHORT);
    let mut stream = server.connect();
    const REQUESTS: usize = 2000;
    let request = format!("GET /groot HTTP/1.1\r\nHost: {}\r\n\r\n", server.addr);
    let mut writer = stream.try_clone().unwrap();
    writer
        .set_write_timeout(Some(Duration::from_secs(2)))
        .unwrap();
    let sender = std::thread::spawn(move || {
        for _ in 0..REQUESTS {
            if writer.write_all(request.as_bytes()).is_err() {
                return;
            }
        }
    });
    // Not reading: the server's writes stall, far longer than it allows.
    std::thread::sleep(Duration::from_millis(1500));
    let mut received = 0usize;
    let mut buf = vec![0u8; 64 * 1024];
    let ended = loop {
        match stream.read(&mut buf) {
            Ok(0) => break true,
            Ok(n) => received += n,
            Err(err) if err.kind() == ErrorKind::ConnectionReset => break true,
            Err(_) => break false,
        }
    };
    sender.join().unwrap();
    assert!(ended, "the connection was not closed");
    assert!(
        received < REQUESTS * BIG,
        "every answer was delivered ({received} bytes): the stalled writes were never cut off"
    );
}

#[test]
fn a_full_server_answers_again_once_idle_connections_are_cut() {
    let server = start(Limits {
        connections: 2,
        ..SHORT
    });
    // Both slots taken by clients that say nothing.
    let idle: Vec<TcpStream> = (0..2).map(|_| server.connect()).collect();
    let (status, _) = server.send("GET /groot HTTP/1.1", b"");
    assert_eq!(status, 200);
    drop(idle);
}

//! The HTTP server under the routes: a small tokio runtime, the listening
//! socket (with the port fallback), and one hyper HTTP/1 connection per
//! client with limits that keep a hostile or broken client from holding the
//! server: a deadline for each request head (slow headers, idle keep-alive),
//! a bounded read buffer, a deadline for a write the client does not read,
//! and a cap on open connections. What a request may ask is `guard`'s and
//! `app`'s business.

use super::guard::Served;
use anyhow::{Context, Result};
use axum::extract::Request;
use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;
use tokio_io_timeout::TimeoutStream;
use tower::ServiceExt;

/// What one client may cost the server.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Connections open at once; further clients wait in the listen queue.
    pub connections: usize,
    /// From waiting for a request to having its whole head; also how long an
    /// idle keep-alive connection stays open.
    pub head: Duration,
    /// How long a write may wait for a client that does not read.
    pub stalled_write: Duration,
    /// The read buffer of a connection: the longest request head, and how far
    /// pipelined requests are read ahead.
    pub buffer: usize,
}

impl Limits {
    pub const DEFAULT: Limits = Limits {
        connections: 256,
        head: Duration::from_secs(10),
        stalled_write: Duration::from_secs(10),
        buffer: 64 * 1024,
    };
}

/// Pause after a failed accept (out of file descriptors), so the loop does
/// not spin while connections close.
const ACCEPT_PAUSE: Duration = Duration::from_millis(100);

/// Two workers: requests are answered from memory and never block, and the
/// rebuilds need the cores.
pub fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("kennisbank-http")
        .enable_io()
        .enable_time()
        .build()
        .context("cannot start the HTTP runtime")
}

/// Listens on `port`, or the next free one of the twenty after it; port 0 lets
/// the system choose.
pub fn bind(ip: IpAddr, port: u16) -> Result<TcpListener> {
    let last = if port == 0 {
        0
    } else {
        port.saturating_add(20)
    };
    let mut error = None;
    for p in port..=last {
        match TcpListener::bind(SocketAddr::new(ip, p)) {
            Ok(listener) => return Ok(listener),
            Err(err) => error = Some(err),
        }
    }
    anyhow::bail!(
        "cannot listen on {ip}:{port} or the ports after it: {}",
        error.map(|e| e.to_string()).unwrap_or_default()
    )
}

/// Serves `app` on `listener` until the runtime stops. Must be called inside
/// the runtime (it registers the socket with it).
pub fn serve(
    listener: TcpListener,
    app: Router,
    limits: Limits,
) -> Result<impl std::future::Future<Output = ()>> {
    listener
        .set_nonblocking(true)
        .context("cannot make the listening socket non-blocking")?;
    let listener =
        tokio::net::TcpListener::from_std(listener).context("cannot listen with tokio")?;
    Ok(accept(listener, app, limits))
}

async fn accept(listener: tokio::net::TcpListener, app: Router, limits: Limits) {
    let slots = Arc::new(Semaphore::new(limits.connections));
    loop {
        let Ok(slot) = Arc::clone(&slots).acquire_owned().await else {
            return;
        };
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(_) => {
                tokio::time::sleep(ACCEPT_PAUSE).await;
                continue;
            }
        };
        let Ok(local) = stream.local_addr() else {
            continue;
        };
        let _ = stream.set_nodelay(true);
        let mut io = TimeoutStream::new(stream);
        io.set_write_timeout(Some(limits.stalled_write));
        let service = app.clone().map_request(move |mut request: Request<_>| {
            request.extensions_mut().insert(Served(local));
            request
        });
        tokio::spawn(async move {
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(limits.head)
                .max_buf_size(limits.buffer)
                .serve_connection(
                    TokioIo::new(Box::pin(io)),
                    TowerToHyperService::new(service),
                );
            // A client that broke off or broke a limit: nothing to report.
            let _ = connection.await;
            drop(slot);
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_taken_port_moves_to_a_later_one() {
        let taken = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = taken.local_addr().unwrap().port();
        let listener = bind(IpAddr::from([127, 0, 0, 1]), port).unwrap();
        let got = listener.local_addr().unwrap().port();
        assert!(got > port && got <= port.saturating_add(20), "{got}");
    }

    #[test]
    fn port_zero_lets_the_system_choose() {
        let listener = bind(IpAddr::from([127, 0, 0, 1]), 0).unwrap();
        let addr = listener.local_addr().unwrap();
        assert_ne!(addr.port(), 0);
        assert!(addr.ip().is_loopback());
    }
}

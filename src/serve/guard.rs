//! What every request passes before a route sees it, in this order: the
//! `Host` check (only the address serve listens on, against DNS rebinding),
//! the `Origin` check for requests that may change something (tower-http's
//! cross-origin protection), and the body limit. Every answer, refusals
//! included, gets `nosniff` and `no-store`. `protect` applies all of it to a
//! router; `app` calls it once, so a route added there is covered too.

use super::app::text;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::Router;
use std::net::{IpAddr, SocketAddr};
use tower_http::csrf::CsrfLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;

/// The largest request body serve accepts (a form of the editor is a few KB):
/// a larger `Content-Length` gets 413 before anything is read, a longer body
/// without one stops being read at this size, with 413.
pub const BODY_LIMIT: usize = 1024 * 1024;

/// The local address a connection came in on; `listen` puts it on each request.
#[derive(Debug, Clone, Copy)]
pub struct Served(pub SocketAddr);

/// The guards around `routes`.
pub fn protect(routes: Router) -> Router {
    routes
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        .layer(origin_guard())
        .layer(middleware::from_fn(host_guard))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            // A preview must never show a stale page.
            HeaderValue::from_static("no-store"),
        ))
}

/// `host:port` as a URL writes it (`[::1]:1111` for IPv6).
pub fn authority(addr: SocketAddr) -> String {
    match addr.ip().to_canonical() {
        IpAddr::V6(ip) => format!("[{ip}]:{}", addr.port()),
        IpAddr::V4(ip) => format!("{ip}:{}", addr.port()),
    }
}

/// The `Host` values a request on a connection to `local` may carry: the
/// address itself and, on loopback, `localhost` with the port (and both
/// without the port when it is 80, as browsers then send them).
pub fn allowed_hosts(local: SocketAddr) -> Vec<String> {
    let ip = local.ip().to_canonical();
    let mut hosts = vec![authority(SocketAddr::new(ip, local.port()))];
    if ip.is_loopback() {
        hosts.push(format!("localhost:{}", local.port()));
    }
    if local.port() == 80 {
        let bare: Vec<String> = hosts
            .iter()
            .filter_map(|h| h.strip_suffix(":80").map(str::to_string))
            .collect();
        hosts.extend(bare);
    }
    hosts
}

/// True when the request names a host serve listens on for that connection:
/// the `Host` header, and the authority of an absolute request target when
/// there is one. A request without `Host` is refused; so is one whose
/// connection is unknown.
pub fn host_allowed(headers: &HeaderMap, uri: &Uri, served: Option<Served>) -> bool {
    let Some(Served(local)) = served else {
        return false;
    };
    let allowed = allowed_hosts(local);
    let ok = |name: &str| allowed.iter().any(|a| a.eq_ignore_ascii_case(name));
    let mut hosts = headers.get_all(header::HOST).iter();
    let host_ok = match (hosts.next(), hosts.next()) {
        (Some(host), None) => host.to_str().is_ok_and(ok),
        _ => false,
    };
    host_ok && uri.authority().is_none_or(|a| ok(a.as_str()))
}

/// Answers 403 to a request for another host: a page on `evil.example` whose
/// name was pointed at 127.0.0.1 (DNS rebinding) must not read the preview.
async fn host_guard(request: Request, next: Next) -> Response {
    let served = request.extensions().get::<Served>().copied();
    if host_allowed(request.headers(), request.uri(), served) {
        next.run(request).await
    } else {
        text(StatusCode::FORBIDDEN, "403 forbidden: unknown host\n")
    }
}

/// For every method but GET, HEAD and OPTIONS: refused with 403 unless the
/// browser says the request is same-origin (`Sec-Fetch-Site`), or its
/// `Origin` is the served origin (the host guard has already checked `Host`,
/// which tower-http compares it with), or it carries neither header (not a
/// browser). So a form on another site cannot post to the preview.
pub fn origin_guard() -> CsrfLayer<impl Fn(tower_http::csrf::ProtectionError) -> Response + Clone> {
    CsrfLayer::new().with_rejection_response(|_| {
        text(
            StatusCode::FORBIDDEN,
            "403 forbidden: a request from another site\n",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local(addr: &str) -> Option<Served> {
        Some(Served(addr.parse().unwrap()))
    }

    fn with_host(host: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, HeaderValue::from_str(host).unwrap());
        headers
    }

    #[test]
    fn only_the_served_address_and_localhost_are_hosts() {
        let uri = Uri::from_static("/");
        let on = local("127.0.0.1:1111");
        for host in ["127.0.0.1:1111", "localhost:1111", "LocalHost:1111"] {
            assert!(host_allowed(&with_host(host), &uri, on), "{host}");
        }
        for host in [
            "evil.example",
            "evil.example:1111",
            "127.0.0.1",
            "127.0.0.1:1112",
            "localhost",
            "localhost.:1111",
            "127.0.0.2:1111",
            "",
        ] {
            assert!(!host_allowed(&with_host(host), &uri, on), "{host}");
        }
        assert!(!host_allowed(&HeaderMap::new(), &uri, on), "no Host");
        assert!(
            !host_allowed(&with_host("127.0.0.1:1111"), &uri, None),
            "no connection"
        );
        let mut twice = with_host("127.0.0.1:1111");
        twice.append(header::HOST, HeaderValue::from_static("evil.example"));
        assert!(!host_allowed(&twice, &uri, on), "two Host headers");
    }

    #[test]
    fn an_absolute_target_must_name_the_served_host_too() {
        let on = local("127.0.0.1:1111");
        let host = with_host("127.0.0.1:1111");
        let own = Uri::from_static("http://127.0.0.1:1111/");
        let other = Uri::from_static("http://evil.example/");
        assert!(host_allowed(&host, &own, on));
        assert!(!host_allowed(&host, &other, on));
    }

    #[test]
    fn other_addresses_are_their_own_host() {
        let uri = Uri::from_static("/");
        // Bound to every interface: the address the connection came in on.
        let lan = local("192.168.1.5:1111");
        assert!(host_allowed(&with_host("192.168.1.5:1111"), &uri, lan));
        assert!(!host_allowed(&with_host("localhost:1111"), &uri, lan));
        let v6 = local("[::1]:1111");
        assert!(host_allowed(&with_host("[::1]:1111"), &uri, v6));
        assert!(host_allowed(&with_host("localhost:1111"), &uri, v6));
        // A dual-stack socket reports IPv4 peers as mapped addresses.
        let mapped = local("[::ffff:192.168.1.5]:1111");
        assert!(host_allowed(&with_host("192.168.1.5:1111"), &uri, mapped));
        let http = local("127.0.0.1:80");
        assert!(host_allowed(&with_host("localhost"), &uri, http));
        assert!(host_allowed(&with_host("127.0.0.1"), &uri, http));
    }
}

//! Reading an `application/x-www-form-urlencoded` body, as the editor's forms
//! post it, into its name/value pairs in order (a list field repeats its
//! name). The body limit of `guard` applies; a body that trickles in slower
//! than `BODY_TIMEOUT` is given up on. Decoding is `form_urlencoded`'s.

use super::app::text;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use std::time::Duration;

/// How long reading a form's body may take, once its headers are in.
pub const BODY_TIMEOUT: Duration = Duration::from_secs(10);

/// A posted form: every name/value pair, in the order sent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormPairs(pub Vec<(String, String)>);

impl FormPairs {
    /// The pairs of an urlencoded body (`+` is a space; bad UTF-8 becomes U+FFFD).
    pub fn parse(body: &[u8]) -> FormPairs {
        FormPairs(form_urlencoded::parse(body).into_owned().collect())
    }

    /// The first value sent under `name`.
    pub fn first(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every value sent under `name`, in order.
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.0
            .iter()
            .filter(move |(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

fn is_urlencoded(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| {
            v.trim()
                .eq_ignore_ascii_case("application/x-www-form-urlencoded")
        })
}

/// As an extractor: 415 for another content type, 413 past the body limit,
/// 408 when the body is too slow, 400 when it breaks off.
impl<S: Send + Sync> FromRequest<S> for FormPairs {
    type Rejection = Response;

    async fn from_request(request: Request, state: &S) -> Result<Self, Response> {
        if !is_urlencoded(request.headers()) {
            return Err(text(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "415 expected application/x-www-form-urlencoded\n",
            ));
        }
        match tokio::time::timeout(BODY_TIMEOUT, Bytes::from_request(request, state)).await {
            Ok(Ok(body)) => Ok(FormPairs::parse(&body)),
            Ok(Err(rejection)) => Err(match rejection.into_response().status() {
                StatusCode::PAYLOAD_TOO_LARGE => text(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "413 request body too large\n",
                ),
                _ => text(StatusCode::BAD_REQUEST, "400 incomplete request body\n"),
            }),
            Err(_) => Err(text(
                StatusCode::REQUEST_TIMEOUT,
                "408 request body too slow\n",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_names_keep_every_value_in_order() {
        let form =
            FormPairs::parse(b"title=Zaan+stad&deelnemers=amw&deelnemers=ggd&body=a%0D%0Ab&leeg=");
        assert_eq!(form.first("title"), Some("Zaan stad"));
        assert_eq!(form.all("deelnemers").collect::<Vec<_>>(), ["amw", "ggd"]);
        assert_eq!(form.first("body"), Some("a\r\nb"));
        assert_eq!(form.first("leeg"), Some(""));
        assert_eq!(form.first("ontbreekt"), None);
        assert_eq!(form.0.len(), 5);
    }

    #[test]
    fn bad_encodings_are_replaced_not_refused() {
        let form = FormPairs::parse(b"a=%FF%FE&%zz=1&=x&b");
        assert_eq!(form.first("a"), Some("\u{FFFD}\u{FFFD}"));
        assert_eq!(form.first("%zz"), Some("1"));
        assert_eq!(form.first(""), Some("x"));
        assert_eq!(form.first("b"), Some(""));
    }

    #[test]
    fn only_urlencoded_bodies_are_forms() {
        let mut headers = HeaderMap::new();
        assert!(!is_urlencoded(&headers));
        for (value, ok) in [
            ("application/x-www-form-urlencoded", true),
            ("Application/X-WWW-Form-Urlencoded; charset=UTF-8", true),
            ("multipart/form-data; boundary=x", false),
            ("text/plain", false),
        ] {
            headers.insert(header::CONTENT_TYPE, value.parse().unwrap());
            assert_eq!(is_urlencoded(&headers), ok, "{value}");
        }
    }
}

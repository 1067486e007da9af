//! Response headers and the checks every POST passes: same-origin `Origin`
//! and the page's CSRF token.

use super::App;
use super::tokens::ct_eq;
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Headers on every response.
pub async fn headers(req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
        ),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-store"));
    res
}

/// `scheme://host[:port]` of a URL, lower-case, without path.
pub fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    if !matches!(scheme, "http" | "https") {
        return None;
    }
    let host = rest.split(['/', '?', '#']).next()?;
    (!host.is_empty() && !host.contains('@'))
        .then(|| format!("{scheme}://{}", host.to_ascii_lowercase()))
}

/// The request's `Origin` is this server: the `--url` origin when given,
/// else the `Host` the browser used.
pub fn same_origin(app: &App, headers: &HeaderMap) -> bool {
    let Some(origin) = headers
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .and_then(origin_of)
    else {
        return false;
    };
    if let Some(expected) = &app.origin {
        return &origin == expected;
    }
    let Some(host) = headers.get(header::HOST).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    origin
        .split_once("://")
        .is_some_and(|(_, h)| h == host.to_ascii_lowercase())
}

/// A POST from this server's own page for this link: origin, then token.
#[allow(clippy::result_large_err)]
pub fn check_post(
    app: &App,
    headers: &HeaderMap,
    token: &str,
    csrf: Option<&str>,
) -> Result<(), Response> {
    if !same_origin(app, headers) {
        return Err(refuse("请求来源不符：请从本系统的页面提交"));
    }
    let sent = csrf.or_else(|| headers.get("x-csrf-token").and_then(|v| v.to_str().ok()));
    match sent {
        Some(s) if ct_eq(s, &app.csrf(token)) => Ok(()),
        _ => Err(refuse("页面已过期：请刷新页面后重试")),
    }
}

pub fn refuse(message: &str) -> Response {
    (
        StatusCode::FORBIDDEN,
        axum::Json(serde_json::json!({ "error": message })),
    )
        .into_response()
}

/// An unknown link: nothing about what exists.
pub fn forbidden() -> Response {
    (
        StatusCode::FORBIDDEN,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "链接无效或已作废，请向组织部索取新的链接。",
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins() {
        assert_eq!(
            origin_of("https://Zhibu.Example.edu.cn/x/"),
            Some("https://zhibu.example.edu.cn".into())
        );
        assert_eq!(
            origin_of("http://127.0.0.1:8080"),
            Some("http://127.0.0.1:8080".into())
        );
        assert_eq!(origin_of("null"), None);
        assert_eq!(origin_of("ftp://x"), None);
    }
}

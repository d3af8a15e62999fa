//! The security baseline applied to every response and every state-changing request.
use axum::{
    body::Body,
    extract::{Request, State},
    http::{HeaderMap, HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use std::sync::Arc;

/// The origins a state-changing request may come from: the configured public address, plus the
/// address the browser used to reach us (its Host header).
#[derive(Clone)]
pub struct OriginPolicy {
    pub base_origin: Arc<str>,
}

fn origin_allowed(policy: &OriginPolicy, headers: &HeaderMap) -> bool {
    let header_text = |name: &str| headers.get(name).and_then(|value| value.to_str().ok());
    match header_text(header::ORIGIN.as_str()) {
        Some(origin) => {
            let host = header_text(header::HOST.as_str()).unwrap_or_default();
            origin == &*policy.base_origin
                || (!host.is_empty() && (origin == format!("http://{host}") || origin == format!("https://{host}")))
        }
        // Browsers that send no Origin still say where the request comes from.
        None => matches!(header_text("sec-fetch-site"), Some("same-origin")),
    }
}

/// Refuses a POST (or any non-safe method) whose Origin is not this site: deny by default.
pub async fn check_origin(State(policy): State<OriginPolicy>, request: Request, next: Next) -> Response {
    let safe = matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if safe || origin_allowed(&policy, request.headers()) {
        next.run(request).await
    } else {
        tracing::warn!(method = %request.method(), uri = %request.uri(), "refused: foreign origin");
        (
            StatusCode::FORBIDDEN,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "Requête refusée : elle ne provient pas de ce site.",
        )
            .into_response()
    }
}

/// Headers every response carries; pages set their own CSP with a nonce, others get a strict one.
pub async fn security_headers(request: Request<Body>, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    // No page opened from here (or opening us) keeps a handle on our window.
    headers.insert("cross-origin-opener-policy", HeaderValue::from_static("same-origin"));
    headers.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(), interest-cohort=()"),
    );
    // Pages may carry a session: no shared cache keeps them (the assets under /pkg set their own).
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-cache"));
    }
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'; base-uri 'none'"),
        );
    }
    response
}

/// Over HTTPS: browsers come back over HTTPS only, for a year, whatever link they follow.
pub async fn strict_transport(request: Request<Body>, next: Next) -> Response {
    let mut response = next.run(request).await;
    response.headers_mut().insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000"));
    response
}

/// Server functions answer every error with 500; this gives each `AppError` its real status
/// (401, 403, 422, 429…) so clients and logs can tell a refusal from a failure.
pub async fn server_fn_error_status(request: Request<Body>, next: Next) -> Response {
    let is_server_fn = request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    if !is_server_fn || response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "Erreur interne").into_response();
    };
    if let Ok(error) = serde_json::from_slice::<app::platform::error::AppError>(&bytes) {
        parts.status = error.status();
    }
    Response::from_parts(parts, Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn origins() {
        let policy = OriginPolicy { base_origin: "https://agora.example.fr".into() };
        assert!(origin_allowed(&policy, &headers(&[("origin", "https://agora.example.fr")])));
        assert!(origin_allowed(&policy, &headers(&[("origin", "http://127.0.0.1:3000"), ("host", "127.0.0.1:3000")])));
        assert!(!origin_allowed(&policy, &headers(&[("origin", "https://evil.example"), ("host", "127.0.0.1:3000")])));
        assert!(!origin_allowed(&policy, &headers(&[("origin", "null"), ("host", "127.0.0.1:3000")])));
        assert!(origin_allowed(&policy, &headers(&[("sec-fetch-site", "same-origin")])));
        assert!(!origin_allowed(&policy, &headers(&[("sec-fetch-site", "cross-site")])));
        assert!(!origin_allowed(&policy, &headers(&[])));
    }
}

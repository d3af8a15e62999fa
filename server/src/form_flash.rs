//! A no-JavaScript form that fails goes back to its page with the error, which Leptos writes into
//! the redirect's query string (`__err`), with the values typed (a name, a birth date, an address).
//! They would stay in the browser history and in every access log on the way. Here the error waits
//! server-side instead, under a random one-time id (`__flash`), and is put back into the request of
//! the page that shows it, so that the page renders as before and the URL carries nothing personal.
use app::platform::{
    db::{self, Pool},
    session::{random_token, token_hash},
};
use axum::{
    body::Body,
    extract::{Request, State},
    http::{HeaderValue, Method, Uri, header},
    middleware::Next,
    response::Response,
};

const ERROR: &str = "__err";
const FUNCTION: &str = "__path";
const FLASH: &str = "__flash";
/// Seconds an error waits for its page: a redirect is followed at once.
const LIFETIME: i64 = 600;

pub async fn keep_form_errors_out_of_urls(
    State(pool): State<Pool>,
    mut request: Request<Body>,
    next: Next,
) -> Response {
    let form_post = request.method() == Method::POST && request.uri().path().starts_with("/api/");
    if request.method() == Method::GET
        && let Some(id) = query_value(request.uri().query().unwrap_or_default(), FLASH)
    {
        let error = take(&pool, &id).await;
        if let Some(uri) = restored(request.uri(), error.as_deref()) {
            *request.uri_mut() = uri;
        }
    }
    let mut response = next.run(request).await;
    if !(form_post && response.status().is_redirection()) {
        return response;
    }
    let Some(location) = response.headers().get(header::LOCATION).and_then(|value| value.to_str().ok()) else {
        return response;
    };
    let (base, query) = location.split_once('?').unwrap_or((location, ""));
    let Some(error) = query_value(query, ERROR) else {
        return response;
    };
    let id = random_token();
    let kept = keep(&pool, &id, &error).await;
    let location = with_flash(base, query, kept.then_some(id.as_str()));
    if let Ok(value) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

/// The raw (still percent-encoded) value of the last `name` in `query`.
fn query_value(query: &str, name: &str) -> Option<String> {
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .rev()
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_string())
}

/// `base?query` without the error, with the last function path and the flash id (or no error at
/// all when it could not be kept: better a page without its message than personal data in a URL).
fn with_flash(base: &str, query: &str, id: Option<&str>) -> String {
    let function = query_value(query, FUNCTION);
    let mut pairs: Vec<String> = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .filter(|pair| {
            let key = pair.split_once('=').map_or(*pair, |(key, _)| key);
            ![ERROR, FUNCTION, FLASH].contains(&key)
        })
        .map(str::to_string)
        .collect();
    if let (Some(function), Some(id)) = (function, id) {
        pairs.push(format!("{FUNCTION}={function}"));
        pairs.push(format!("{FLASH}={id}"));
    }
    if pairs.is_empty() { base.to_string() } else { format!("{base}?{}", pairs.join("&")) }
}

/// The request's URI with its flash id replaced by the error it stands for (or removed, when the
/// error is gone: used, expired, or kept by another instance that has since restarted).
fn restored(uri: &Uri, error: Option<&str>) -> Option<Uri> {
    let query = uri.query().unwrap_or_default();
    let mut pairs: Vec<String> = query
        .split('&')
        .filter(|pair| !pair.is_empty() && pair.split_once('=').map_or(*pair, |(key, _)| key) != FLASH)
        .map(str::to_string)
        .collect();
    if let Some(error) = error {
        pairs.push(format!("{ERROR}={error}"));
    }
    let path = uri.path();
    let text = if pairs.is_empty() { path.to_string() } else { format!("{path}?{}", pairs.join("&")) };
    text.parse().ok()
}

async fn keep(pool: &Pool, id: &str, error: &str) -> bool {
    let now = db::now();
    let stored = async {
        sqlx::query("DELETE FROM form_flashes WHERE expires_at < $1").bind(now).execute(pool).await?;
        sqlx::query("INSERT INTO form_flashes (id_hash, error, expires_at) VALUES ($1, $2, $3)")
            .bind(token_hash(id))
            .bind(error)
            .bind(now + LIFETIME)
            .execute(pool)
            .await
    };
    match stored.await {
        Ok(_) => true,
        Err(error) => {
            tracing::error!(%error, "a form error could not be kept for its page");
            false
        }
    }
}

/// The error kept under `id`, once: reading it deletes it.
async fn take(pool: &Pool, id: &str) -> Option<String> {
    let row: Option<(String, i64)> =
        sqlx::query_as("DELETE FROM form_flashes WHERE id_hash = $1 RETURNING error, expires_at")
            .bind(token_hash(id))
            .fetch_optional(pool)
            .await
            .ok()?;
    row.filter(|(_, expires_at)| *expires_at >= db::now()).map(|(error, _)| error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_error_leaves_the_url_and_the_last_function_stays() {
        let location =
            "http://127.0.0.1:3000/compte/inscription?x=1&__path=/api/old&__flash=abc&__path=/api/register&__err=eyJ9";
        let (base, query) = location.split_once('?').unwrap();
        assert_eq!(query_value(query, ERROR).as_deref(), Some("eyJ9"));
        assert_eq!(
            with_flash(base, query, Some("f00")),
            "http://127.0.0.1:3000/compte/inscription?x=1&__path=/api/register&__flash=f00"
        );
        assert_eq!(with_flash(base, query, None), "http://127.0.0.1:3000/compte/inscription?x=1");
    }

    #[test]
    fn the_page_request_gets_its_error_back_once() {
        let uri: Uri = "/compte/inscription?x=1&__path=/api/register&__flash=f00".parse().unwrap();
        assert_eq!(
            restored(&uri, Some("eyJ9")).unwrap().to_string(),
            "/compte/inscription?x=1&__path=/api/register&__err=eyJ9"
        );
        assert_eq!(restored(&uri, None).unwrap().to_string(), "/compte/inscription?x=1&__path=/api/register");
    }
}

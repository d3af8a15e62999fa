//! Server-side sessions: the cookie carries a random token, the database only its SHA-256.
use super::{db, error::AppError, state::app_state};
use crate::platform::identity::Role;
use axum::http::{HeaderValue, header, request::Parts};
use leptos::prelude::*;
use leptos_axum::ResponseOptions;
use rand::RngCore;
use sha2::{Digest, Sha256};

pub const COOKIE: &str = "agora_session";
/// Over HTTPS the browser keeps this name only for a cookie set by this very host, `Secure` and
/// for the whole site: a sibling subdomain cannot plant a session of its choosing.
pub const SECURE_COOKIE: &str = "__Host-agora_session";

/// The session cookie's name and attributes for this deployment.
fn session_cookie(config: &super::config::Config) -> (&'static str, &'static str) {
    if config.secure_cookies() { (SECURE_COOKIE, "; Secure") } else { (COOKIE, "") }
}

/// The signed-in person as every guard sees them.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionUser {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
}

/// The caller's IP address: the connection's peer, or the client a trusted proxy names.
pub fn client_ip() -> String {
    let Some(parts) = use_context::<Parts>() else { return "inconnue".into() };
    match app_state() {
        Ok(state) => client_address(&state, &parts).map_or_else(|| "inconnue".into(), |ip| ip.to_string()),
        Err(_) => "inconnue".into(),
    }
}

/// The client address of a request, for plain routes that have the state and the request at hand.
pub fn client_address(state: &super::state::AppState, parts: &Parts) -> Option<std::net::IpAddr> {
    use axum::extract::ConnectInfo;
    let peer = parts.extensions.get::<ConnectInfo<std::net::SocketAddr>>().map(|info| info.0.ip())?;
    let forwarded: Vec<&str> =
        parts.headers.get_all("x-forwarded-for").iter().filter_map(|value| value.to_str().ok()).collect();
    Some(state.config.trusted_proxies.client(peer, &forwarded))
}

pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// The value of cookie `name` in the request headers.
pub fn cookie_value(parts: &Parts, name: &str) -> Option<String> {
    parts
        .headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_string())
}

/// Adds a `Set-Cookie` header to the response being built.
pub fn set_cookie(value: String) {
    if let (Some(response), Ok(value)) = (use_context::<ResponseOptions>(), HeaderValue::from_str(&value)) {
        response.append_header(header::SET_COOKIE, value);
    }
}

/// Opens a new session for `user_id` (a fresh id at every log-in) and sets the cookie.
pub async fn open(user_id: i64) -> Result<(), AppError> {
    let state = app_state()?;
    let token = random_token();
    let now = db::now();
    sqlx::query("INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at) VALUES ($1, $2, $3, $3)")
        .bind(token_hash(&token))
        .bind(user_id)
        .bind(now)
        .execute(&state.pool)
        .await?;
    let (name, secure) = session_cookie(&state.config);
    let max_age = state.config.session_absolute.as_secs();
    set_cookie(format!("{name}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}"));
    Ok(())
}

/// Ends the caller's session, in the database and in the browser.
pub async fn close() -> Result<(), AppError> {
    let state = app_state()?;
    let (name, secure) = session_cookie(&state.config);
    if let Some(token) = use_context::<Parts>().and_then(|parts| cookie_value(&parts, name)) {
        sqlx::query("DELETE FROM sessions WHERE id_hash = $1").bind(token_hash(&token)).execute(&state.pool).await?;
    }
    set_cookie(format!("{name}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}"));
    Ok(())
}

/// The caller, if their session cookie names a live session.
pub async fn current() -> Result<Option<SessionUser>, AppError> {
    let Some(parts) = use_context::<Parts>() else {
        return Ok(None);
    };
    user_of_request(&app_state()?, &parts).await
}

/// The signed-in caller of a plain axum route (uploads), or `Unauthenticated`.
pub async fn signed_in_request(state: &super::state::AppState, parts: &Parts) -> Result<SessionUser, AppError> {
    user_of_request(state, parts).await?.ok_or(AppError::Unauthenticated)
}

/// The caller of a plain axum route (downloads, live feeds), from the same session cookie.
pub async fn user_of_request(state: &super::state::AppState, parts: &Parts) -> Result<Option<SessionUser>, AppError> {
    let Some(token) = cookie_value(parts, session_cookie(&state.config).0) else {
        return Ok(None);
    };
    let hash = token_hash(&token);
    let row: Option<(i64, String, String, String, i64, i64)> = sqlx::query_as(
        "SELECT u.id, u.email, u.display_name, u.role, s.created_at, s.last_seen_at \
         FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = $1",
    )
    .bind(&hash)
    .fetch_optional(&state.pool)
    .await?;
    let Some((id, email, display_name, role, created_at, last_seen_at)) = row else {
        return Ok(None);
    };
    let now = db::now();
    let idle = state.config.session_idle.as_secs() as i64;
    let absolute = state.config.session_absolute.as_secs() as i64;
    if now - last_seen_at > idle || now - created_at > absolute {
        sqlx::query("DELETE FROM sessions WHERE id_hash = $1").bind(&hash).execute(&state.pool).await?;
        return Ok(None);
    }
    // Touch at most once a minute: reads should not all become writes.
    if now - last_seen_at > 60 {
        sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2")
            .bind(now)
            .bind(&hash)
            .execute(&state.pool)
            .await?;
    }
    let role = Role::parse(&role).ok_or(AppError::Internal)?;
    Ok(Some(SessionUser { id, email, display_name, role }))
}

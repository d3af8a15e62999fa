//! Server functions of the platform itself: language switch and the staff outbox (never the bodies).
use super::error::AppError;
#[cfg(feature = "ssr")]
use super::{guard, i18n, mail, state::app_state};
#[cfg(feature = "ssr")]
use crate::platform::identity::Role;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

#[server]
pub async fn set_language(lang: String) -> Result<(), AppError> {
    guard::public().await?;
    let lang = i18n::Lang::parse(&lang);
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        let cookie = format!("{}={}; Path=/; SameSite=Lax; Max-Age=31536000", i18n::COOKIE, lang.code());
        if let Ok(value) = axum::http::HeaderValue::from_str(&cookie) {
            response.append_header(axum::http::header::SET_COOKIE, value);
        }
    }
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutboxView {
    pub smtp_configured: bool,
    pub messages: Vec<OutboxEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct OutboxEntry {
    pub id: i64,
    pub recipient: String,
    pub subject: String,
    pub created_at: i64,
    pub attempts: i64,
    pub sent_at: Option<i64>,
    pub last_error: Option<String>,
}

#[server(input = GetUrl)]
pub async fn outbox() -> Result<OutboxView, AppError> {
    guard::role(&[Role::Staff]).await?;
    let state = app_state()?;
    let messages = mail::latest(&state.pool, 200).await?;
    Ok(OutboxView { smtp_configured: state.config.smtp_url.is_some(), messages })
}

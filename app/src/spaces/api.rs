use crate::platform::error::AppError;
#[cfg(feature = "ssr")]
use crate::platform::{guard, state::app_state};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SpacesSummary {
    /// Institutions running the dialogue platform (the CESER Hauts-de-France in the demo).
    pub institutions: Vec<String>,
    /// Alès citizen councils.
    pub citizen_councils: Vec<String>,
}

#[server(input = GetUrl)]
pub async fn spaces_overview() -> Result<SpacesSummary, AppError> {
    guard::public().await?;
    let pool = app_state()?.pool;
    let names = |sql: &'static str| {
        let pool = pool.clone();
        async move {
            let rows: Vec<(String,)> = sqlx::query_as(sql).fetch_all(&pool).await?;
            Ok::<_, AppError>(rows.into_iter().map(|(name,)| name).collect::<Vec<_>>())
        }
    };
    Ok(SpacesSummary {
        institutions: names("SELECT name FROM institutions ORDER BY name").await?,
        citizen_councils: names("SELECT name FROM citizen_councils ORDER BY id").await?,
    })
}

/// The institutions staff may open a call, a forum or a consultation for.
#[server(input = GetUrl)]
pub async fn staff_institutions() -> Result<Vec<(i64, String)>, AppError> {
    guard::role(&[crate::accounts::domain::Role::Staff]).await?;
    super::store::institutions(&app_state()?.pool).await
}

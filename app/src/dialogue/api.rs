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
}

#[server(input = GetUrl)]
pub async fn spaces_overview() -> Result<SpacesSummary, AppError> {
    guard::public().await?;
    let pool = app_state()?.pool;
    let institutions = super::store::institutions(&pool).await?;
    Ok(SpacesSummary { institutions: institutions.into_iter().map(|(_, name)| name).collect() })
}

/// The institutions staff may open a call, a forum or a consultation for.
#[server(input = GetUrl)]
pub async fn staff_institutions() -> Result<Vec<(i64, String)>, AppError> {
    guard::role(&[crate::platform::identity::Role::Staff]).await?;
    super::store::institutions(&app_state()?.pool).await
}

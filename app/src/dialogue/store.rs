//! Reference data every space draws on.
use crate::platform::{db::Pool, error::AppError};

/// The institutions residents address and staff open calls, forums and consultations for.
pub async fn institutions(pool: &Pool) -> Result<Vec<(i64, String)>, AppError> {
    Ok(sqlx::query_as("SELECT id, name FROM institutions ORDER BY name").fetch_all(pool).await?)
}

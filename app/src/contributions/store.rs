//! All SQL about contribution calls and contributions.
use super::domain::{Accepted, Contribution};
use super::model::{Call, ContributionRow};
use crate::platform::{
    db::{self, Pool},
    error::AppError,
};

const CALL_SELECT: &str = "SELECT c.id, i.name AS institution_name, c.title, c.description, c.opens_at, c.closes_at, \
     c.accepts_testimonies, c.accepts_proposals, c.synthesis, c.synthesis_published_at, \
     CAST((SELECT COUNT(*) FROM contributions k WHERE k.call_id = c.id) AS BIGINT) AS contributions, \
     CAST((SELECT COUNT(*) FROM contributions k WHERE k.call_id = c.id AND k.retained_at IS NOT NULL) AS BIGINT) \
     AS retained FROM contribution_calls c JOIN institutions i ON i.id = c.institution_id";

pub struct NewCall<'a> {
    pub institution_id: i64,
    pub title: &'a str,
    pub description: &'a str,
    pub opens_at: i64,
    pub closes_at: i64,
    pub accepted: Accepted,
}

pub async fn insert_call(pool: &Pool, call: &NewCall<'_>) -> Result<i64, AppError> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO contribution_calls (institution_id, title, description, opens_at, closes_at, accepts_testimonies, \
         accepts_proposals, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(call.institution_id)
    .bind(call.title)
    .bind(call.description)
    .bind(call.opens_at)
    .bind(call.closes_at)
    .bind(i64::from(call.accepted.testimonies))
    .bind(i64::from(call.accepted.proposals))
    .bind(db::now())
    .fetch_one(pool)
    .await?;
    Ok(id)
}

/// Every call, the most recently opened first.
pub async fn calls(pool: &Pool) -> Result<Vec<Call>, AppError> {
    Ok(sqlx::query_as(&format!("{CALL_SELECT} ORDER BY c.opens_at DESC, c.id DESC")).fetch_all(pool).await?)
}

pub async fn call(pool: &Pool, id: i64) -> Result<Call, AppError> {
    sqlx::query_as(&format!("{CALL_SELECT} WHERE c.id = $1"))
        .bind(id)
        .fetch_optional(pool)
        .await?
        .ok_or(AppError::NotFound)
}

/// The call's contributions, newest first, optionally of one kind and only the retained ones.
pub async fn contributions(
    pool: &Pool,
    call_id: i64,
    kind: Option<&str>,
    retained_only: bool,
) -> Result<Vec<ContributionRow>, AppError> {
    Ok(sqlx::query_as(
        "SELECT k.id, k.kind, k.title, k.body, u.display_name AS author_name, k.created_at, k.retained_at \
         FROM contributions k LEFT JOIN users u ON u.id = k.author_id WHERE k.call_id = $1 \
         AND (CAST($2 AS TEXT) = '' OR k.kind = $2) AND (CAST($3 AS BIGINT) = 0 OR k.retained_at IS NOT NULL) ORDER BY k.created_at DESC, k.id DESC",
    )
    .bind(call_id)
    .bind(kind.unwrap_or(""))
    .bind(i64::from(retained_only))
    .fetch_all(pool)
    .await?)
}

pub async fn insert_contribution(
    pool: &Pool,
    call_id: i64,
    author_id: i64,
    contribution: &Contribution,
) -> Result<i64, AppError> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO contributions (call_id, author_id, kind, title, body, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(call_id)
    .bind(author_id)
    .bind(contribution.kind.as_str())
    .bind(&contribution.title)
    .bind(&contribution.body)
    .bind(db::now())
    .fetch_one(pool)
    .await?;
    Ok(id)
}

/// Marks a contribution as retained by `staff_id`, or (with `None`) no longer retained.
pub async fn set_retained(pool: &Pool, contribution_id: i64, staff_id: Option<i64>) -> Result<(), AppError> {
    let query = match staff_id {
        Some(staff_id) => sqlx::query("UPDATE contributions SET retained_at = $2, retained_by = $3 WHERE id = $1")
            .bind(contribution_id)
            .bind(db::now())
            .bind(staff_id),
        None => sqlx::query("UPDATE contributions SET retained_at = NULL, retained_by = NULL WHERE id = $1")
            .bind(contribution_id),
    };
    let updated = query.execute(pool).await?;
    if updated.rows_affected() == 0 { Err(AppError::NotFound) } else { Ok(()) }
}

pub async fn publish_synthesis(pool: &Pool, call_id: i64, synthesis: &str) -> Result<(), AppError> {
    let updated =
        sqlx::query("UPDATE contribution_calls SET synthesis = $2, synthesis_published_at = $3 WHERE id = $1")
            .bind(call_id)
            .bind(synthesis)
            .bind(db::now())
            .execute(pool)
            .await?;
    if updated.rows_affected() == 0 { Err(AppError::NotFound) } else { Ok(()) }
}
